"""NewsML 1.2: `NewsML/NewsEnvelope/NewsItem*/NewsComponent`, AFP flavour, NITF inside.

One article per NewsItem that carries text (a ContentItem with MediaType Text, or NITF/XHTML
in its DataContent), one per language when the item holds the story in several (Belga); photo,
video and package-only items become SkippedItems. Identity is PublicIdentifier without its
trailing `:RevisionId` (the version). NewsLines give headline, slugline, byline and dateline;
DescriptiveMetadata gives language, subjects and keywords.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from lxml import etree

from wirehouse.model import Article, SkippedItem, Subject, WireParseError, count_words
from wirehouse.readers import xml
from wirehouse.readers.fields import (
    make_article,
    normalise_pubstatus,
    parse_dateline_field,
    parse_datetime,
    parse_int,
)
from wirehouse.readers.newsml12_content import (
    body,
    language_versions,
    main_is_media,
    role_text,
    skip_reason,
    text_content,
)

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
    out: list[Article | SkippedItem] = []
    for item in items:
        versions = language_versions(xml.kid(item, "NewsComponent"))
        if versions:
            out.extend(_read_item(item, priority, sent, version) for version in versions)
        else:
            out.append(_read_item(item, priority, sent))
    return out


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
    item: etree._Element,
    priority: int | None,
    sent: datetime | None = None,
    language_version: etree._Element | None = None,
) -> Article | SkippedItem:
    guid, version = _identity(item)
    management = xml.kid(item, "NewsManagement")
    item_type = xml.attr(xml.kid(management, "NewsItemType"), "FormalName")
    component = language_version
    if component is None:
        component = xml.kid(item, "NewsComponent")
    elif guid:
        guid = f"{guid}:{xml.lang_of(component)}"  # one story per language of the item
    content = text_content(component) if component is not None else None
    if content is None or main_is_media(component):
        reason, what = skip_reason(component)
        return SkippedItem(reason=reason, guid=guid, item_type=what)

    values = body(content)
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
        "headline": _line(scopes, "HeadLine") or role_text(component, "headline"),
        "abstract": _line(scopes, "SubHeadLine")
        or role_text(component, "subheadline")
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
    embargo = None
    if values["pubstatus"] == "withheld":
        embargo = _embargo(management) or _embargo_comment(component, management)
    if embargo is not None:
        # As in NITF and NewsML-G2: the embargo is carried by `embargo_until`, not the status.
        values["embargo_until"], values["pubstatus"] = embargo, "usable"
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


_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")


def _embargo(management: etree._Element | None) -> datetime | None:
    """When an embargoed item becomes usable: `StatusWillChange` (Keystone-SDA, AFP).

    Its time may come without an offset while the item's other times carry one (`+0200`):
    the document writes all its times in one zone, so that offset is taken.
    """
    change = xml.kid(management, "StatusWillChange")
    future = (xml.attr(xml.kid(change, "FutureStatus"), "FormalName") or "").lower()
    when = xml.text(xml.kid(change, "DateAndTime"))
    if change is None or not when or future not in ("usable", ""):
        return None
    created = xml.text(xml.kid(management, "FirstCreated")) or ""
    offset = _OFFSET.search(created)
    if not _OFFSET.search(when) and offset:
        when += offset.group(0)
    return parse_datetime(when)


# PA writes the embargo as a comment in the component: `Embargoed to 0001 Tuesday June 03`.
_EMBARGO_COMMENT = re.compile(
    r"\bembargoed (?:to|until) (?P<h>\d{2}):?(?P<m>\d{2}) (?:[A-Za-z]+day )?"
    r"(?P<month>[A-Za-z]{3,9}) (?P<d>\d{1,2})\b",
    re.I,
)


def _embargo_comment(
    component: etree._Element | None, management: etree._Element | None
) -> datetime | None:
    """The embargo PA states only in a Comment; the year and offset are the item's own."""
    created = xml.text(xml.kid(management, "FirstCreated")) or ""
    for comment in xml.descendants(component, "Comment"):
        match = _EMBARGO_COMMENT.search(xml.text(comment) or "")
        if match is None or len(created) < 4:
            continue
        try:
            month = datetime.strptime(match.group("month")[:3], "%b").month
        except ValueError:
            continue
        offset = _OFFSET.search(created)
        zone = offset.group(0) if offset else ""
        day = f"{month:02d}{int(match.group('d')):02d}T{match['h']}{match['m']}00{zone}"
        embargo = parse_datetime(f"{created[:4]}{day}")
        written = parse_datetime(created)
        if embargo and written and embargo < written:  # written in December, lifted in January
            embargo = parse_datetime(f"{int(created[:4]) + 1}{day}")
        return embargo
    return None


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
