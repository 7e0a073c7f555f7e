"""NewsML 1.2: `NewsML/NewsEnvelope/NewsItem*/NewsComponent`, AFP flavour, NITF inside.

One article per NewsItem that carries text (a ContentItem with MediaType Text, or NITF/XHTML
in its DataContent); photo, video and package-only items become SkippedItems. Identity is
PublicIdentifier without its trailing `:RevisionId` (the version). NewsLines give headline,
slugline, byline and dateline; DescriptiveMetadata gives language, subjects and keywords.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from lxml import etree

from wirehouse.model import Article, SkippedItem, Subject, WireParseError, count_words
from wirehouse.readers import nitf, xml
from wirehouse.readers.fields import (
    make_article,
    normalise_pubstatus,
    parse_dateline_field,
    parse_datetime,
    parse_int,
)
from wirehouse.readers.text import split_paragraphs, strip_controls

FORMAT = "newsml12"
_REVISION_SUFFIX = re.compile(r":\d+[A-Za-z]?$")
_FLASH_WORDS = 30
_SUBJECT_TAGS = ("Subject", "SubjectMatter", "SubjectDetail")


def read(data: bytes, *, max_bytes: int | None = None) -> list[Article | SkippedItem]:
    root = xml.parse_xml(data, max_bytes=max_bytes)
    name = xml.local(root)
    if name == "NewsItem":
        items, envelope = [root], None
    elif name == "NewsML":
        items, envelope = xml.kids(root, "NewsItem"), xml.kid(root, "NewsEnvelope")
    else:
        raise WireParseError(f"not NewsML 1.2: the root element is <{name}>")
    if not items:
        raise WireParseError("the NewsML document contains no NewsItem")
    priority = parse_int(xml.attr(xml.kid(envelope, "Priority"), "FormalName"))
    sent = parse_datetime(xml.text(xml.kid(envelope, "DateAndTime")))
    return [_read_item(item, priority, sent) for item in items]


def _identity(item: etree._Element) -> tuple[str | None, int | None]:
    ident = xml.path(item, "Identification", "NewsIdentifier")
    revision = parse_int(xml.text(xml.kid(ident, "RevisionId")))
    public = xml.text(xml.kid(ident, "PublicIdentifier"))
    if public:
        return _REVISION_SUFFIX.sub("", public), revision
    parts = [xml.text(xml.kid(ident, n)) for n in ("ProviderId", "DateId", "NewsItemId")]
    if all(parts):
        return "urn:newsml:" + ":".join(p for p in parts if p), revision
    return None, revision


# Components in these roles hold no story text: page furniture, media and their captions.
_NOT_BODY_ROLES = {
    "caption",
    "docudescription",
    "stylesheet",
    "subheadline",
    "headline",
    "logo",
    "contact",
    "thumbnail",
    "preview",
    "quicklook",
    "highdef",
    "picture",
    "photo",
}
_BODY_ROLES = ("main", "body", "text", "")
_TEXT_MEDIA = ("", "text", "html", "xhtml")
# HTML escaped into a text DataContent (Belga's `Steven &lt;b&gt;Van Geel&lt;/b&gt;`).
_ESCAPED_MARKUP = re.compile(r"</?(?:p|br|b|i|em|strong|u|a|span|div)\b[^<>]{0,200}>", re.I)
_PICTURE_MEDIA = {"photo", "image", "graphic", "video", "audio", "picture"}


def _role(content: etree._Element) -> str:
    """The Role of the nearest NewsComponent around a ContentItem (lower case, '' if none)."""
    for ancestor in content.iterancestors():
        if xml.local(ancestor) != "NewsComponent":
            continue
        role = xml.attr(xml.kid(ancestor, "Role"), "FormalName")
        if role:
            return role.lower()
    return ""


def _is_text(content: etree._Element) -> bool:
    media = (xml.attr(xml.kid(content, "MediaType"), "FormalName") or "").lower()
    mime = (xml.attr(xml.kid(content, "MimeType"), "FormalName") or "").lower()
    fmt = (xml.attr(xml.kid(content, "Format"), "FormalName") or "").lower()
    data = xml.kid(content, "DataContent")
    if data is None or fmt == "css" or mime == "text/css":
        return False
    if media == "complexdata" and _holds_nitf(data, mime):
        return True  # TASS labels its NITF stories ComplexData (MimeType text/vnd.IPTC.NITF)
    if media not in _TEXT_MEDIA:
        return False
    if mime and not mime.startswith("text/") and "xml" not in mime:
        return False
    return bool(len(data) or (data.text or "").strip())


def _holds_nitf(data: etree._Element, mime: str) -> bool:
    inner = next(iter(data), None)
    return "nitf" in mime or (inner is not None and xml.local(inner) == "nitf")


def _text_content(component: etree._Element) -> etree._Element | None:
    """The ContentItem holding the story: a text one in a body role, else any text one.

    Captions, style sheets, logos, contacts and the headline-as-XHTML components of Business
    Wire releases are text too, but not the story.
    """
    texts = [c for c in xml.descendants(component, "ContentItem") if _is_text(c)]
    stories = [c for c in texts if _role(c) not in _NOT_BODY_ROLES]
    preferred = [c for c in stories if _role(c) in _BODY_ROLES]
    return next(iter(preferred or stories), None)


def _role_text(component: etree._Element | None, role: str) -> str | None:
    """Text of the component in a given Role (Business Wire's HeadLine / SubHeadLine parts)."""
    for content in xml.descendants(component, "ContentItem"):
        if _role(content) == role and _is_text(content):
            return xml.text(xml.kid(content, "DataContent"))
    return None


def _main_is_media(component: etree._Element | None) -> bool:
    """A picture (or video, audio) in the main role: the item is that media, text is caption."""
    for content in xml.descendants(component, "ContentItem"):
        media = (xml.attr(xml.kid(content, "MediaType"), "FormalName") or "").lower()
        if media in _PICTURE_MEDIA and _role(content) == "main":
            return True
    return False


def _skip_reason(component: etree._Element | None) -> tuple[str, str]:
    contents = xml.descendants(component, "ContentItem")
    media = sorted(
        {m for el in xml.descendants(component, "MediaType") if (m := xml.attr(el, "FormalName"))}
    )
    what = "/".join(media) if media else "no content"
    kinds = {m.lower() for m in media}
    by_reference = bool(contents) and all(xml.kid(c, "DataContent") is None for c in contents)
    if _main_is_media(component) or (
        kinds & _PICTURE_MEDIA and not (by_reference and "text" in kinds)
    ):
        return f"NewsML item is media ({what}) with at most a caption, not a story", what.lower()
    if by_reference:
        return (
            f"NewsML item whose content ({what}) is only referenced by Href, not included",
            what.lower(),
        )
    if xml.descendants(component, "NewsItemRef"):
        return "NewsML package: it refers to other items and carries no text of its own", "package"
    return f"NewsML item without text content ({what})", what.lower()


def _line(scopes: list[etree._Element], name: str) -> str | None:
    """The nearest non-empty NewsLines/<name>, from the text's own component outwards."""
    for scope in scopes:
        value = xml.text(xml.kid(xml.kid(scope, "NewsLines"), name))
        if value:
            return value
    return None


def _news_line(scopes: list[etree._Element], *kinds: str) -> str | None:
    """A typed NewsLine (SDA's CatchWord, CatchLine) from the nearest component that has it."""
    for scope in scopes:
        for line in xml.kids(xml.kid(scope, "NewsLines"), "NewsLine"):
            kind = (xml.attr(xml.kid(line, "NewsLineType"), "FormalName") or "").lower()
            if kind in kinds and (value := xml.text(xml.kid(line, "NewsLineText"))):
                return value
    return None


def _read_item(
    item: etree._Element, priority: int | None, sent: datetime | None = None
) -> Article | SkippedItem:
    guid, version = _identity(item)
    management = xml.kid(item, "NewsManagement")
    item_type = xml.attr(xml.kid(management, "NewsItemType"), "FormalName")
    component = xml.kid(item, "NewsComponent")
    content = _text_content(component) if component is not None else None
    if content is None or _main_is_media(component):
        reason, what = _skip_reason(component)
        return SkippedItem(reason=reason, guid=guid, item_type=what)

    values = _body(content)
    # Metadata nearest to the text wins: its own component, then each one around it.
    scopes = [a for a in content.iterancestors() if xml.local(a) == "NewsComponent"]
    described = [d for s in scopes if (d := xml.kid(s, "DescriptiveMetadata")) is not None]
    provider = _party(component, "Provider")

    dateline_text = _line(scopes, "DateLine")
    meta: dict[str, Any] = {
        "guid": guid,
        "version": version,
        "priority": priority,
        "sent": sent,
        # TASS writes the urgency as the element's text, not as its FormalName.
        "urgency": parse_int(
            xml.attr(xml.kid(management, "Urgency"), "FormalName")
            or xml.text(xml.kid(management, "Urgency"))
        ),
        "headline": _line(scopes, "HeadLine") or _role_text(component, "headline"),
        "abstract": _line(scopes, "SubHeadLine")
        or _role_text(component, "subheadline")
        or _news_line(scopes, "catchline"),
        "slugline": _line(scopes, "SlugLine") or _news_line(scopes, "catchword"),
        "byline": _line(scopes, "ByLine"),
        "copyright": _line(scopes, "CopyrightLine"),
        "first_created": parse_datetime(xml.text(xml.kid(management, "FirstCreated"))),
        "version_created": parse_datetime(xml.text(xml.kid(management, "ThisRevisionCreated"))),
        "pubstatus": normalise_pubstatus(xml.attr(xml.kid(management, "Status"), "FormalName")),
        # Belga declares the language only as xml:lang on the component around the text.
        "lang_declared": _language(described)
        or next((lang for s in scopes if (lang := xml.lang_of(s))), None)
        or xml.lang_of(item),
        "keywords": _keywords(described, xml.kid(component, "NewsLines")),
        "subjects": _subjects(described),
        "ednote": _instructions(management),
    }
    # Sport (Si at Keystone-SDA) repeats the catchword in the DateLine: a topic, not a place.
    subheadline = meta["abstract"]
    if subheadline and subheadline.isupper() and len(subheadline.split()) <= 4:
        # EFE's SubHeadLine `P.RICO CRISIS` is a slug in capitals, not a summary.
        meta["slugline"], meta["abstract"] = meta["slugline"] or subheadline, None
    if dateline_text and dateline_text != _news_line(scopes, "catchword"):
        meta["dateline"] = parse_dateline_field(dateline_text)
    values.update({k: v for k, v in meta.items() if v not in (None, [], "")})
    values["pubstatus"] = meta["pubstatus"]
    values["agency"] = (
        (values["dateline"].agency if values.get("dateline") else None)
        or provider
        or values.get("agency")
    )
    if item_type and item_type.lower() not in ("news", "alert", "text"):
        values["take_key"] = values.get("take_key") or item_type
    paragraphs = values.pop("paragraphs")
    if not values.get("headline") and paragraphs and count_words(paragraphs[0]) <= _FLASH_WORDS:
        values["headline"] = paragraphs[0]  # an alert (AFP) is one line with no HeadLine
    if not paragraphs and not values.get("headline"):
        return SkippedItem(
            reason="NewsML text item without headline or body (an empty shell)",
            guid=guid,
            item_type="text",
        )
    return make_article(FORMAT, paragraphs, **values)


def _body(content: etree._Element) -> dict[str, Any]:
    """Paragraphs (and markup) of a text ContentItem: NITF, XHTML, HTML in CDATA, or plain."""
    values: dict[str, Any] = {}
    data = xml.kid(content, "DataContent")
    assert data is not None
    inner = next(iter(data), None)
    media = (xml.attr(xml.kid(content, "MediaType"), "FormalName") or "").lower()
    if inner is not None and xml.local(inner) == "nitf":
        values = {k: v for k, v in nitf.extract(inner).items() if v not in (None, [], "")}
    elif inner is not None:
        # XHTML, or loose paragraphs and media straight inside DataContent (AFP's journal).
        values["paragraphs"] = xml.paragraphs(inner if len(data) == 1 else data)
        values["body_markup"] = xml.markup(inner if len(data) == 1 else data)
    elif media == "html" or _ESCAPED_MARKUP.search(data.text or ""):
        values["paragraphs"] = xml.paragraphs(xml.parse_html_fragment(data.text or ""))
        values["body_markup"] = data.text
    else:
        values["paragraphs"] = split_paragraphs(strip_controls(data.text or ""))
    values.setdefault("paragraphs", [])
    return values


def _party(component: etree._Element | None, role: str) -> str | None:
    party = xml.first_descendant(xml.first_descendant(component, role), "Party")
    return xml.attr(party, "FormalName")


def _language(described: list[etree._Element]) -> str | None:
    for meta in described:
        lang = xml.attr(xml.kid(meta, "Language"), "FormalName")
        if lang:
            return lang
    return None


def _keywords(described: list[etree._Element], lines: etree._Element | None) -> list[str]:
    words: list[str] = []
    for meta in described:
        for prop in xml.kids(meta, "Property"):
            if (xml.attr(prop, "FormalName") or "").lower() == "keyword":
                value = xml.attr(prop, "Value")
                if value and value not in words:
                    words.append(value)
    for line in xml.kids(lines, "KeywordLine"):
        value = xml.text(line)
        if value and value not in words:
            words.append(value)
    return words


def _subjects(described: list[etree._Element]) -> list[Subject]:
    seen: set[str] = set()
    subjects: list[Subject] = []
    for meta in described:
        for code_el in xml.descendants(meta, *_SUBJECT_TAGS):
            code = xml.attr(code_el, "FormalName")
            if code and code not in seen:
                seen.add(code)
                subjects.append(Subject(code=code, name=None))
    return subjects


def _instructions(management: etree._Element | None) -> str | None:
    notes = [xml.attr(el, "FormalName") for el in xml.kids(management, "Instruction")]
    return "\n".join(n for n in notes if n) or None
