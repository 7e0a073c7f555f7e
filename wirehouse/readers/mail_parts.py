"""The MIME tree of a message: which parts are its text and which are attachments, and the
text of a part (transfer encoding undone, charset honoured unless the bytes prove it wrong).

The text is every inline `text/plain` or `text/html` part in order; of a
`multipart/alternative`, the plain rendering when it has words, else the HTML one. Everything
else is an attachment, except the signature of a signed message (no content of its own).
A truncated message (a multipart without its closing boundary) and MIME nested deeper than
`MAX_DEPTH` are refused: what they would give cannot be trusted to be whole.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from email import errors
from email.message import Message

from lxml import etree
from lxml import html as lxml_html

from wirehouse.model import WireParseError
from wirehouse.readers import markup, xml
from wirehouse.readers.text import decode_bytes

MAX_DEPTH = 12
_SIGNATURES = frozenset(
    {"application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature"}
)
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(slots=True)
class MimeParts:
    texts: list[Message] = field(default_factory=list)
    attachments: list[Message] = field(default_factory=list)


def mime_parts(msg: Message) -> MimeParts:
    parts = MimeParts()
    _collect(msg, 0, parts)
    return parts


def _collect(part: Message, depth: int, parts: MimeParts) -> None:
    if depth > MAX_DEPTH:
        raise WireParseError(f"MIME parts nested more than {MAX_DEPTH} deep: refused")
    ctype = part.get_content_type()
    _check_whole(part, ctype)
    if ctype == "multipart/encrypted":
        parts.attachments.append(part)  # one part, skipped as a whole: nothing in it is readable
        return
    if ctype == "message/rfc822" or not part.is_multipart():
        if ctype in _SIGNATURES:
            return
        if part.get_content_maintype() == "multipart":
            raise WireParseError(f"a {ctype} part without a boundary: the MIME structure is broken")
        if ctype in ("text/plain", "text/html") and not is_attachment(part):
            parts.texts.append(part)
        else:
            parts.attachments.append(part)
        return
    children = list(_children(part))
    if ctype == "multipart/alternative" and children:
        children = [_best_alternative(children)]
    for child in children:
        _collect(child, depth + 1, parts)


def _children(part: Message) -> list[Message]:
    payload = part.get_payload()
    return [p for p in payload if isinstance(p, Message)] if isinstance(payload, list) else []


def _check_whole(part: Message, ctype: str) -> None:
    for defect in part.defects:
        if isinstance(defect, errors.CloseBoundaryNotFoundDefect):
            raise WireParseError(
                f"the message is cut off: its {ctype} part has no closing boundary "
                "(a truncated file?)"
            )
        if isinstance(defect, errors.StartBoundaryNotFoundDefect):
            raise WireParseError(
                f"the {ctype} part's boundary never occurs: the MIME structure is broken"
            )


def _best_alternative(children: list[Message]) -> Message:
    """The plain rendering when it has words, else the richest (last) one (RFC 2046 §5.1.4)."""
    for child in children:
        if child.get_content_type() == "text/plain" and _WORD.search(part_text(child)):
            return child
    for child in reversed(children):
        if child.get_content_type() == "text/html" or child.get_content_maintype() == "multipart":
            return child
    return children[0]


def is_attachment(part: Message) -> bool:
    try:
        disposition = (part.get_content_disposition() or "").lower()
        named = part.get_filename() is not None
    except Exception:  # a garbled disposition header: judge by the type alone
        return False
    return disposition == "attachment" or (named and disposition != "inline")


def attachment_label(part: Message) -> str:
    """`attachment image/jpeg report.jpg`: how a skipped attachment is named."""
    try:
        name = part.get_filename()
    except Exception:
        name = None
    name = " ".join((name or "").split())[:80]
    return f"attachment {part.get_content_type()}" + (f" {name}" if name else "")


def payload_bytes(part: Message) -> bytes:
    """The part's content with its transfer encoding (base64, quoted-printable) undone."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # a garbled encoding reads as no content
        return b""
    if any(isinstance(d, errors.InvalidBase64LengthDefect) for d in part.defects):
        # The decoder then hands back the base64 text itself: never take that for content.
        raise WireParseError(
            f"the {part.get_content_type()} part's base64 is cut off or broken: not decoded"
        )
    return payload if isinstance(payload, bytes) else b""


def part_text(part: Message) -> str:
    """The text of a text part: the declared charset unless the bytes prove it wrong."""
    payload = payload_bytes(part)
    if not payload.strip():
        return ""
    try:
        declared = part.get_content_charset()
    except Exception:
        declared = None
    text = _decode_declared(payload, declared)
    if text is not None:
        return text
    try:
        return decode_bytes(payload)
    except WireParseError:
        return ""


def _decode_declared(payload: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None
    if codec == "utf-8" or codec.startswith("utf-16"):
        return None  # UTF-8 and UTF-16 are told by decode_bytes from the bytes themselves
    if not payload.isascii():
        try:
            return payload.decode("utf-8")  # valid UTF-8 beyond ASCII: the declaration is wrong
        except UnicodeDecodeError:
            pass
    if codec in ("latin-1", "iso8859-1"):
        codec = "cp1252"  # what mail clients really send as Latin-1 (curly quotes, €)
    try:
        return payload.decode(codec)
    except UnicodeDecodeError:
        return None


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Quoted replies and signatures as HTML mail clients mark them.
_DROP_CLASSES = frozenset({"moz-cite-prefix", "gmail_signature", "moz-signature"})


def html_text(source: str) -> str:
    """An HTML body as text: paragraphs apart by a blank line, quoted replies left out."""
    source = _XML_DECLARATION.sub("", source)
    if not source.strip():
        return ""
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml_html.document_fromstring(source, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        classes = set((el.get("class") or "").split())
        quoted = el.tag == "blockquote" and (el.get("type") == "cite" or "gmail_quote" in classes)
        if quoted or classes & _DROP_CLASSES or el.get("id") in ("Signature", "signature"):
            xml.remove_keeping_tail(el)
    body = root.find("body")
    return "\n\n".join(markup.paragraphs(body if body is not None else root))
