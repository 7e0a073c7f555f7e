"""RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom feeds: one article per item/entry.

News agencies and press-release wires deliver this way (news aktuell's ots, APA-OTS, PR
Newswire, Business Wire, GlobeNewswire, AFP/EFE/ANSA RSS). The fields map as follows:

    headline        title (HTML in it as text)
    body            content:encoded / Atom content (HTML → paragraphs), else description/summary
    abstract        the description/summary, when the body came from the full content
    guid            guid / Atom id / RSS 1.0 rdf:about, else the link
    byline          author / dc:creator / Atom author name (an e-mail address alone is no name)
    first_created   pubDate / Atom published;  version_created: dc:date / Atom updated
    keywords        category / dc:subject / Atom category (with a scheme also as subjects)
    lang_declared   xml:lang / dc:language / the channel's language
    agency          the item's source or the channel's publisher/title/link, when it names a
                    known agency (a dateline in the body, `BERLIN (ots) - `, still wins)
    copyright       the item's rights, else channel copyright / dc:rights / Atom rights

Parsing: feedparser maps the three families and their namespaces (dc:, content:, media:) onto
one model and reads the many broken date forms real feeds use; it is well kept and does this
better than we would by hand. It never sees the file as delivered: the file first passes our
XML safety gate (`feed_xml.parse_feed` over `xml`: size cap, no DTD, no external entities,
entity-expansion bound, depth), and feedparser gets that parsed tree serialised again, without
any DTD, as a byte stream (never a string, which feedparser would take for a URL or a file name
to open).
URI resolution and HTML sanitising are off: nothing is fetched, the markup stays as sent.
"""

from __future__ import annotations

import io
from typing import Any

from lxml import etree

from wirehouse.agencies import agency_in_text, known_agency
from wirehouse.model import Article, SkippedItem, Subject, WireParseError
from wirehouse.readers import feed_xml, xml
from wirehouse.readers.feed_text import (
    html_paragraphs,
    is_headline_link,
    one_line,
    parse_feed_date,
    strip_contact_block,
    strip_read_more,
    struct_to_datetime,
)
from wirehouse.readers.fields import make_article

FORMAT = "rss_atom"
ROOTS = feed_xml.ROOTS


def read(data: bytes, *, max_bytes: int | None = None) -> list[Article | SkippedItem]:
    # Imported here: feedparser costs every process ~0.14 s to import, and most nights
    # hold no feed.
    import feedparser

    root = feed_xml.parse_feed(data, max_bytes=max_bytes)
    feed_xml.drop_media_captions(root)
    parsed = feedparser.parse(
        io.BytesIO(etree.tostring(root, encoding="utf-8", xml_declaration=True)),
        resolve_relative_uris=False,
        sanitize_html=False,
    )
    if _value(parsed, "bozo") and not _value(parsed, "entries"):
        raise WireParseError(f"the feed cannot be read: {_value(parsed, 'bozo_exception')}")
    channel = _value(parsed, "feed") or {}
    entries = _value(parsed, "entries") or []
    if not entries:
        raise WireParseError(f"a feed (<{xml.local(root)}>) with no items")
    context = _FeedContext(channel)
    out: list[Article | SkippedItem] = []
    for entry in entries:
        try:
            out.append(_read_entry(entry, context))
        except WireParseError as exc:
            out.append(SkippedItem(str(exc), guid=_guid(entry), item_type="item"))
    return out


def _value(d: Any, key: str) -> Any:
    """A key as feedparser stored it (plain dict access: its fallback keys warn)."""
    return dict.get(d, key) if isinstance(d, dict) else None


class _FeedContext:
    """What the channel says for every item: agency, copyright, language."""

    def __init__(self, channel: dict[str, Any]) -> None:
        self.agency = _agency_named(
            _name(_value(channel, "publisher_detail")) or _value(channel, "publisher"),
            _value(channel, "title"),
            _value(channel, "link"),
        )
        self.copyright = _text_field(channel, "rights")
        self.language = _value(channel, "language")


def _agency_named(*candidates: str | None) -> str | None:
    """The first candidate that names a known agency (a name, or a domain in a link)."""
    for candidate in candidates:
        if candidate and (found := known_agency(candidate) or agency_in_text(candidate)):
            return found
    return None


def _read_entry(entry: dict[str, Any], context: _FeedContext) -> Article | SkippedItem:
    source = _value(entry, "source") or {}
    headline = _without_source_suffix(_text_field(entry, "title"), _value(source, "title"))
    content = _content(entry)
    summary = _value(entry, "summary_detail")
    summary_paragraphs = _text(_value(summary, "value"), _value(summary, "type"))
    if content is not None:
        paragraphs = _text(content["value"], content.get("type"))
        markup = content["value"] if paragraphs else None
    else:
        paragraphs, markup = [], None
    abstract = None
    if paragraphs and summary_paragraphs and not _is_start_of(summary_paragraphs, paragraphs):
        abstract = " ".join(summary_paragraphs)
    if not paragraphs:
        paragraphs = summary_paragraphs
        markup = _value(summary, "value") if paragraphs else None
    if (
        not paragraphs
        or _same_text(" ".join(paragraphs), headline)
        or (
            content is None
            and is_headline_link(_value(summary, "value"), _value(summary, "type"), headline)
        )
    ):
        # A description that repeats the title, or only links to it, is no text of its own.
        return _without_text(entry, headline)
    published = _date(entry, "published")
    updated = _date(entry, "updated")
    tags = [tag for tag in _value(entry, "tags") or [] if _value(tag, "term")]
    agency = _agency_named(
        _value(source, "title"),
        _name(_value(entry, "publisher_detail")) or _value(entry, "publisher"),
    )
    if agency is None and not source:
        # An item with a `<source>` came from another channel: this channel's name (an
        # aggregator's search, `"Reuters" - Google News`) does not say whose copy it is.
        agency = context.agency
    article = make_article(
        FORMAT,
        paragraphs,
        agency=agency,
        guid=_guid(entry),
        headline=headline,
        abstract=abstract,
        byline=_byline(entry),
        keywords=list(dict.fromkeys(_tag_name(tag) for tag in tags)),
        subjects=[
            Subject(code=str(_value(tag, "term")).strip(), name=_value(tag, "label"))
            for tag in tags
            if _value(tag, "scheme")
        ],
        first_created=published or updated,
        version_created=updated or published,
        pubstatus="usable",
        copyright=_text_field(entry, "rights") or context.copyright,
        body_markup=markup,
        lang_declared=_language(entry, content) or context.language,
    )
    if agency and article.agency != agency and known_agency(article.agency) is None:
        # The dateline names the wire's service, not an agency we know (`Berlin (ots) - `):
        # the feed's agency is the better name.
        article.agency = agency
    return article


def _without_source_suffix(headline: str | None, source: str | None) -> str | None:
    """`Oil prices rise - Reuters` → `Oil prices rise` when the item's source is Reuters
    (aggregators sign each title with the publisher's name)."""
    if not headline or not source or not source.strip():
        return headline
    for dash in (" - ", " – ", " — ", " | "):
        suffix = f"{dash}{' '.join(source.split())}"
        if headline.endswith(suffix) and len(headline) > len(suffix):
            return headline[: -len(suffix)].rstrip()
    return headline


def _text(value: str | None, kind: str | None) -> list[str]:
    return strip_read_more(strip_contact_block(html_paragraphs(value, kind)))


def _content(entry: dict[str, Any]) -> dict[str, Any] | None:
    """The full text: the first HTML/XHTML content (content:encoded, Atom content), else any."""
    contents = [c for c in _value(entry, "content") or [] if (_value(c, "value") or "").strip()]
    marked_up = [c for c in contents if "html" in (_value(c, "type") or "")]
    return (marked_up or contents or [None])[0]


def _same_text(text: str, headline: str | None) -> bool:
    return headline is not None and text.split() == headline.split()


def _is_start_of(summary: list[str], paragraphs: list[str]) -> bool:
    """Whether the summary is the body's own opening (a teaser cut from it), not an abstract."""
    teaser = " ".join(" ".join(summary).rstrip(" .…[]").split())
    body = " ".join(" ".join(paragraphs).split())
    return not teaser or teaser[:200] in body


def _without_text(entry: dict[str, Any], headline: str | None) -> SkippedItem:
    """An item with nothing to read: a title alone, or a picture, video or file."""
    kinds = [
        _value(link, "type")
        for link in _value(entry, "links") or []
        if _value(link, "rel") == "enclosure"
    ] + [_value(m, "type") or _value(m, "medium") for m in _value(entry, "media_content") or []]
    media = [_media_kind(kind) for kind in kinds]
    title = "a title and " if headline else ""
    guid = _guid(entry)
    if media:
        reason = f"a feed item without text: only {title}{' and '.join(dict.fromkeys(media))}"
        item_type = (_MEDIA_KINDS.get(str(kinds[0]).split("/")[0].lower()) or "a file").split()[-1]
        return SkippedItem(reason, guid=guid, item_type=item_type)
    if headline:
        return SkippedItem("a feed item without text: only a title", guid=guid, item_type="text")
    return SkippedItem("a feed item with neither a title nor text", guid=guid, item_type="text")


_MEDIA_KINDS = {"image": "a picture", "video": "a video", "audio": "audio"}


def _media_kind(kind: str | None) -> str:
    """`image/jpeg` → `a picture (image/jpeg)`; an enclosure without a type is `a file`."""
    if not kind:
        return "a file"
    return f"{_MEDIA_KINDS.get(kind.split('/')[0].lower(), 'a file')} ({kind})"


def _date(entry: dict[str, Any], name: str) -> Any:
    return struct_to_datetime(_value(entry, f"{name}_parsed")) or parse_feed_date(
        _value(entry, name)
    )


def _guid(entry: dict[str, Any]) -> str | None:
    for key in ("id", "link"):
        value = _value(entry, key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _byline(entry: dict[str, Any]) -> str | None:
    """Author names; RSS 2.0's `<author>` is an e-mail address, often with the name after it."""
    names = []
    for author in _value(entry, "authors") or [_value(entry, "author_detail") or {}]:
        name = _name(author)
        if name and "@" not in name:
            names.append(name)
    if not names and (plain := _value(entry, "author")) and "@" not in plain:
        names.append(plain)
    return ", ".join(dict.fromkeys(names)) or None


def _name(detail: Any) -> str | None:
    name = _value(detail, "name")
    return " ".join(name.split()) or None if isinstance(name, str) else None


def _tag_name(tag: dict[str, Any]) -> str:
    label = _value(tag, "label")
    return " ".join((label or str(_value(tag, "term"))).split())


def _text_field(d: dict[str, Any], name: str) -> str | None:
    detail = _value(d, f"{name}_detail")
    if detail:
        return one_line(_value(detail, "value"), _value(detail, "type"))
    value = _value(d, name)
    return one_line(value, "text/plain") if isinstance(value, str) else None


def _language(entry: dict[str, Any], content: dict[str, Any] | None) -> str | None:
    for detail in (content, _value(entry, "summary_detail"), _value(entry, "title_detail")):
        if language := _value(detail, "language"):
            return str(language)
    language = _value(entry, "language")
    return str(language) if language else None
