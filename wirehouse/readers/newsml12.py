"""NewsML 1.2: `NewsML/NewsEnvelope/NewsItem*/NewsComponent`, AFP flavour, NITF inside.

One article per NewsItem that carries text (a ContentItem with MediaType Text, or NITF/XHTML
in its DataContent); photo, video and package-only items become SkippedItems. Identity is
PublicIdentifier without its trailing `:RevisionId` (the version). NewsLines give headline,
slugline, byline and dateline; DescriptiveMetadata gives language, subjects and keywords.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from wirehouse.model import Article, SkippedItem, Subject, WireParseError
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
    return [_read_item(item, priority) for item in items]


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


def _text_content(component: etree._Element) -> etree._Element | None:
    """The first ContentItem holding text, searched depth-first through nested components."""
    for content in xml.descendants(component, "ContentItem"):
        media = (xml.attr(xml.kid(content, "MediaType"), "FormalName") or "").lower()
        data = xml.kid(content, "DataContent")
        if data is None or media not in ("", "text"):
            continue
        if len(data) or (data.text or "").strip():
            return content
    return None


def _owner(content: etree._Element) -> etree._Element:
    parent = content.getparent()
    return parent if parent is not None else content


def _read_item(item: etree._Element, priority: int | None) -> Article | SkippedItem:
    guid, version = _identity(item)
    management = xml.kid(item, "NewsManagement")
    item_type = xml.attr(xml.kid(management, "NewsItemType"), "FormalName")
    component = xml.kid(item, "NewsComponent")
    content = _text_content(component) if component is not None else None
    if content is None:
        media = sorted(
            {
                m
                for el in xml.descendants(component, "MediaType")
                if (m := xml.attr(el, "FormalName"))
            }
        )
        what = "/".join(media) if media else "no content"
        return SkippedItem(
            reason=f"NewsML item without text content ({what})", guid=guid, item_type=what.lower()
        )

    values: dict[str, Any] = {}
    data = xml.kid(content, "DataContent")
    assert data is not None
    inner = next(iter(data), None)
    if inner is not None and xml.local(inner) == "nitf":
        values = {k: v for k, v in nitf.extract(inner).items() if v not in (None, [], "")}
    elif inner is not None:
        values["paragraphs"] = xml.paragraphs(inner)
        values["body_markup"] = xml.markup(inner)
    else:
        values["paragraphs"] = split_paragraphs(strip_controls(data.text or ""))
    values.setdefault("paragraphs", [])

    # Metadata nearest to the text wins: the text's own component, then the item's top one.
    owner = _owner(content)
    scopes = [owner, component]
    lines = next((nl for s in scopes if (nl := xml.kid(s, "NewsLines")) is not None), None)
    described = [d for s in scopes if (d := xml.kid(s, "DescriptiveMetadata")) is not None]
    provider = xml.attr(
        xml.first_descendant(xml.first_descendant(component, "Provider"), "Party"), "FormalName"
    )

    dateline_text = xml.text(xml.kid(lines, "DateLine"))
    meta: dict[str, Any] = {
        "guid": guid,
        "version": version,
        "priority": priority,
        "urgency": parse_int(xml.attr(xml.kid(management, "Urgency"), "FormalName")),
        "headline": xml.text(xml.kid(lines, "HeadLine")),
        "abstract": xml.text(xml.kid(lines, "SubHeadLine")),
        "slugline": xml.text(xml.kid(lines, "SlugLine")),
        "byline": xml.text(xml.kid(lines, "ByLine")),
        "copyright": xml.text(xml.kid(lines, "CopyrightLine")),
        "first_created": parse_datetime(xml.text(xml.kid(management, "FirstCreated"))),
        "version_created": parse_datetime(xml.text(xml.kid(management, "ThisRevisionCreated"))),
        "pubstatus": normalise_pubstatus(xml.attr(xml.kid(management, "Status"), "FormalName")),
        "lang_declared": _language(described) or xml.lang_of(item),
        "keywords": _keywords(described, lines),
        "subjects": _subjects(described),
        "ednote": _instructions(management),
    }
    if dateline_text:
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
    return make_article(FORMAT, paragraphs, **values)


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
