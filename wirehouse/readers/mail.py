"""E-mail: wire copy and press releases delivered as saved messages (`.eml`) or mailboxes (mbox).

One message gives its text as one article (headline: the subject without `Fwd:`/`AW:`; guid:
the Message-ID; sent and version_created: the Date; byline: the sender when the From names a
person) and each attachment that is a wire file (NITF, NewsML, ninjs, IPTC 7901, ANPA, a text
story) as that format's articles. A wire file pasted into the text is read the same way.

Rules a person can check:
* **Cover note.** When an attachment gives a story, the message text above it is a cover note
  unless it is a story itself (opens with a dateline or has `STORY_WORDS` words or more): a
  cover note is recorded as a skipped item, never loaded as an article.
* **Attachments** that are no wire file (images, PDF, office documents, vCards) are skipped
  items with their type and name; a mail attached to a mail is read once, one inside that not.
* **Above the dateline**: lines over a dateline in the text's first paragraphs are the
  subject repeated (dropped), a note to editors (`ednote`) or, with no subject, the headline
  (a short first line is too, as in plain text).
* **mbox**: messages in file order, each message's text before its attachments; a message
  that cannot be read is a skipped item naming it, the others are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from email import policy
from email.message import Message
from email.parser import BytesParser

from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.readers.dpa_afx import looks_like_dpa_afx
from wirehouse.readers.dpa_afx_trailer import Trailer, split_trailer
from wirehouse.readers.fields import make_article, split_dateline
from wirehouse.readers.mail_headers import (
    FORWARD_PREFIX,
    clean_subject,
    content_language,
    header,
    looks_like_mail,
    mail_date,
    message_id,
    sender_byline,
    split_mbox,
)
from wirehouse.readers.mail_parts import (
    attachment_label,
    html_text,
    mime_parts,
    part_text,
    payload_bytes,
)
from wirehouse.readers.mail_text import is_footer, story_text
from wirehouse.readers.text import split_paragraphs, strip_controls

__all__ = ["FORMAT", "looks_like_mail", "read"]

FORMAT = "email"
STORY_WORDS = 100
_DATELINE_WITHIN = 4  # paragraphs: a dateline further down is inside the story
_MAX_HEADLINE_CHARS = 200
# Attachments that are never a wire file: skipped by their type, without reading them.
_MEDIA = frozenset({"image", "audio", "video", "font", "model"})
_DOCUMENTS = re.compile(
    r"^(?:application/(?:pdf|zip|gzip|x-zip-compressed|x-tar|x-7z-compressed|vnd\.rar|msword|"
    r"rtf|ms-tnef|vnd\.ms-\S+|vnd\.openxmlformats-\S+|vnd\.oasis\.opendocument\.\S+|"
    r"x-pkcs7-\S+|pkcs7-\S+|pgp-\S+|ics)|text/(?:calendar|vcard|x-vcard|x-vcalendar|csv|css|rtf))$"
)
_WORD = re.compile(r"[^\W\d_]{2,}")


def read(data: bytes) -> list[Article | SkippedItem]:
    messages = split_mbox(data)
    if len(messages) == 1:
        return _message_items(_parse(messages[0]), nested=False)
    items: list[Article | SkippedItem] = []
    for number, raw in enumerate(messages, 1):
        try:
            items.extend(_message_items(_parse(raw), nested=False))
        except (WireParseError, RecursionError) as exc:
            reason = str(exc) if isinstance(exc, WireParseError) else "nested too deeply to read"
            items.append(
                SkippedItem(f"message {number} of {len(messages)}: {reason}", item_type="email")
            )
    return items


# More multipart sections than any real message has: refused before the parser, whose work
# grows with the square of the nesting (500 levels take seconds).
_MAX_MULTIPARTS = 64
_MULTIPART_HEADER = re.compile(
    rb"^content-type:[ \t]*(?:\r?\n[ \t]+)?(?:multipart/|message/rfc822)", re.I | re.M
)


def _parse(raw: bytes) -> Message:
    if len(_MULTIPART_HEADER.findall(raw)) > _MAX_MULTIPARTS:
        raise WireParseError(
            f"more than {_MAX_MULTIPARTS} multipart or attached-message sections "
            "(nested or repeated beyond any real message): refused"
        )
    try:
        return BytesParser(policy=policy.default).parsebytes(raw)
    except (RecursionError, MemoryError):
        raise WireParseError("the message is nested too deeply to read") from None
    except Exception as exc:  # the parser is lenient; this is a safety net
        raise WireParseError(f"the message cannot be parsed ({type(exc).__name__})") from None


def _message_items(msg: Message, *, nested: bool) -> list[Article | SkippedItem]:
    parts = mime_parts(msg)
    subject = header(msg, "subject")
    sent = mail_date(header(msg, "date"))
    guid = message_id(header(msg, "message-id"))
    attached: list[Article | SkippedItem] = []
    for part in parts.attachments:
        attached.extend(_attachment_items(part, nested=nested))
    text = "\n\n".join(
        html_text(t) if part.get_content_type() == "text/html" else t
        for part in parts.texts
        if (t := part_text(part)).strip()
    )
    # The language the message declares, or its text part does (`Content-Language` on either).
    lang = next(
        (found for p in [msg, *parts.texts] if (found := header(p, "content-language"))), None
    )
    story = _text_items(
        text, msg, subject=subject, sent=sent, guid=guid, lang=content_language(lang)
    )
    has_attached_story = any(isinstance(item, Article) for item in attached)
    if story and has_attached_story and _is_cover_note(story):
        words = story[0].word_count if isinstance(story[0], Article) else 0
        note = f"cover note above the attached story ({words} words): not a story"
        story = [SkippedItem(note, guid=guid, item_type="cover note")]
    if not story and not attached:
        about = f" (subject: {subject})" if subject else ""
        raise WireParseError(f"the message has no text and no attachment{about}")
    items = [*story, *attached]
    for item in items:
        if isinstance(item, Article) and item.sent is None:
            item.sent = sent  # an attached or pasted wire file: when the mail sent it to us
    return items


def _is_cover_note(story: list[Article | SkippedItem]) -> bool:
    if len(story) != 1 or not isinstance(story[0], Article) or story[0].format != FORMAT:
        return False  # a wire file pasted into the text is a story
    article = story[0]
    has_dateline = bool(article.dateline_places or article.agency)
    return not has_dateline and article.word_count < STORY_WORDS


def _text_items(
    text: str,
    msg: Message,
    *,
    subject: str | None,
    sent: datetime | None,
    guid: str | None,
    lang: str | None,
) -> list[Article | SkippedItem]:
    text = strip_controls(text).strip()
    if not _WORD.search(text):
        return []
    pasted = _pasted_wire_file(text)
    if pasted is not None:
        return pasted
    forwarded = bool(subject and FORWARD_PREFIX.match(subject))
    text, was_forwarded = story_text(text, forwarded=forwarded)
    trailer = split_trailer(text) if looks_like_dpa_afx(text) else Trailer(text=text)
    paragraphs = split_paragraphs(trailer.text)
    headline, ednote, paragraphs = _above_dateline(paragraphs, clean_subject(subject))
    if not _WORD.search(" ".join(paragraphs)):
        return []
    return [
        make_article(
            FORMAT,
            paragraphs,
            headline=headline,
            guid=guid,
            sent=sent,
            version_created=trailer.stamp or sent,
            # Who forwards a story did not write it.
            byline=None if was_forwarded else sender_byline(header(msg, "from")),
            lang_declared=lang,
            ednote=ednote,
            desk_codes=trailer.desk_codes,
            copyright=trailer.copyright,
            pubstatus="usable",
        )
    ]


def _pasted_wire_file(text: str) -> list[Article | SkippedItem] | None:
    """A wire file (IPTC 7901, ANPA, NITF, ninjs) pasted whole into the text: its articles."""
    from wirehouse.readers import READERS, sniff_format  # the registry imports this module

    data = text.encode("utf-8")
    try:
        fmt = sniff_format(data)
    except WireParseError:
        return None
    if fmt in (FORMAT, "dpa_afx", "plain_text"):
        return None  # text the mail reader reads itself
    try:
        return READERS[fmt](data)
    except WireParseError:
        return None


def _above_dateline(
    paragraphs: list[str], headline: str | None
) -> tuple[str | None, str | None, list[str]]:
    """(headline, ednote, paragraphs from the dateline on) — see the module's rules."""
    above: list[str] = []
    for at, paragraph in enumerate(paragraphs[:_DATELINE_WITHIN]):
        if split_dateline(paragraph) is not None:
            above, paragraphs = paragraphs[:at], paragraphs[at:]
            break
    else:
        if paragraphs and headline and _same(paragraphs[0], headline):
            paragraphs = paragraphs[1:]  # the subject repeated over the text
        elif headline is None and len(paragraphs) > 1 and _is_title(paragraphs[0]):
            headline, paragraphs = paragraphs[0], paragraphs[1:]  # as plain text has it
        return headline, None, paragraphs
    above = [p for p in above if not (headline and _same(p, headline))]
    if headline is None and above and _is_title(above[-1]):
        headline = above.pop()
    return headline, "\n".join(above) or None, paragraphs


def _is_title(paragraph: str) -> bool:
    return len(paragraph) <= _MAX_HEADLINE_CHARS and paragraph[-1:] not in ".:;,"


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold().rstrip(".") == " ".join(b.split()).casefold().rstrip(".")


def _attachment_items(part: Message, *, nested: bool) -> list[Article | SkippedItem]:
    from wirehouse.readers import READERS, sniff_format  # the registry imports this module

    ctype = part.get_content_type()
    label = attachment_label(part)
    if ctype == "message/rfc822":
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else None
        if nested:
            return [
                SkippedItem(f"{label}: a mail inside an attached mail is not read", None, ctype)
            ]
        if not isinstance(inner, Message):
            return [SkippedItem(f"{label}: the attached message is empty", None, ctype)]
        attached_mail: Message = inner
        return _read_attached(label, ctype, lambda: _message_items(attached_mail, nested=True))
    if ctype in ("multipart/encrypted", "application/pkcs7-mime", "application/x-pkcs7-mime"):
        return [SkippedItem(f"{label}: encrypted, cannot be read", item_type=ctype)]
    if part.get_content_maintype() in _MEDIA or _DOCUMENTS.match(ctype):
        return [SkippedItem(f"{label}: not a story", item_type=ctype)]

    def read_payload() -> list[Article | SkippedItem]:
        payload = payload_bytes(part)
        if not payload.strip():
            raise WireParseError("the attachment is empty")
        fmt = sniff_format(payload)
        if fmt != FORMAT:
            return READERS[fmt](payload)
        if nested:
            raise WireParseError("a mail inside an attached mail is not read")
        return _message_items(_parse(payload), nested=True)

    items = _read_attached(label, ctype, read_payload)
    if items and all(_is_footer_text(item) for item in items):
        # Mailing-list servers attach their footer as a text file (`ATT00001.txt`).
        return [SkippedItem(f"{label}: a mail footer, not a story", item_type=ctype)]
    return items


def _is_footer_text(item: Article | SkippedItem) -> bool:
    if not isinstance(item, Article) or item.format != "plain_text":
        return False
    text = "\n\n".join(p for p in (item.headline, item.body) if p)
    return all(is_footer(p) for p in text.split("\n\n"))


def _read_attached(
    label: str, ctype: str, read_it: Callable[[], list[Article | SkippedItem]]
) -> list[Article | SkippedItem]:
    try:
        return read_it()
    except WireParseError as exc:
        return [SkippedItem(f"{label}: {exc}", item_type=ctype)]
    except RecursionError:
        return [SkippedItem(f"{label}: nested too deeply to read", item_type=ctype)]
