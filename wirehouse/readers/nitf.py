"""NITF 3.x (News Industry Text Format): one `<nitf>` document, one article.

Reads head/docdata (doc-id, urgency, management-status, dates, ed-msg, key-list, copyright),
tobject subjects (IPTC refnums and names), body.head (hl1/hl2, byline, dateline, abstract) and
body.content. Dialects: AP (dateline repeated inside the first paragraph, `byttl` titles,
`doc-id regsrc`), EFE (`Madrid, 23 feb (EFE).- ` datelines, Latin-1), PA (`du-key` versions).
`extract` is reused for NITF carried inside NewsML 1.2 and NewsML-G2.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from lxml import etree

from wirehouse.model import Article, SkippedItem, Subject, WireParseError
from wirehouse.readers import xml
from wirehouse.readers.bylines import looks_like_names
from wirehouse.readers.fields import (
    Dateline,
    make_article,
    normalise_pubstatus,
    parse_dateline_field,
    parse_datetime,
    parse_int,
)

FORMAT = "nitf"
_LOCATION_PARTS = ("city", "sublocation", "state", "region", "country")
_CATEGORY_NUMBER = re.compile(r"^\d{1,2}\s+(?=[A-Z]{2,}\s)")
_TITLE_LEFTOVER = re.compile(r"(?:\s*[,;])+\s*\.?\s*$")


def read(data: bytes, *, max_bytes: int | None = None) -> list[Article | SkippedItem]:
    root = xml.parse_xml(data, max_bytes=max_bytes)
    if xml.local(root) != "nitf":
        raise WireParseError(f"not NITF: the root element is <{xml.local(root)}>, not <nitf>")
    values = extract(root)
    paragraphs = values.pop("paragraphs")
    if not paragraphs and not values.get("headline"):
        raise WireParseError("the NITF document has neither a headline nor body text")
    return [make_article(FORMAT, paragraphs, **values)]


def extract(root: etree._Element) -> dict[str, Any]:
    """Everything a `<nitf>` element carries, as `make_article` keyword arguments."""
    head = xml.kid(root, "head")
    docdata = xml.kid(head, "docdata")
    body = xml.kid(root, "body")
    body_head = xml.kid(body, "body.head")
    content = xml.kid(body, "body.content")
    hedline = xml.kid(body_head, "hedline")

    title = xml.text(xml.kid(head, "title"))
    # PA's title is its slug behind a category number (`1 SOCCER INT-Teams`), not a headline.
    slugline = _CATEGORY_NUMBER.sub("", title) if title and _CATEGORY_NUMBER.match(title) else None
    headline = xml.text(xml.kid(hedline, "hl1")) or slugline or title
    if headline:
        headline = _AGENCY_MARK.sub("", headline)
    subheadline = xml.text(xml.kid(hedline, "hl2"))
    abstract = xml.text(xml.kid(body_head, "abstract"))
    if abstract is None and subheadline and subheadline != headline:
        abstract = subheadline

    issued = parse_datetime(xml.attr(xml.kid(docdata, "date.issue"), "norm"))
    released = parse_datetime(xml.attr(xml.kid(docdata, "date.release"), "norm"))
    status_word = xml.attr(docdata, "management-status")
    pubstatus = normalise_pubstatus(status_word)
    embargo = released if released and (issued is None or released > issued) else None
    if status_word and status_word.strip().lower() == "embargoed" and embargo is not None:
        pubstatus = "usable"  # the embargo is carried by `embargo_until`, as in NewsML-G2
    revisions = [
        stamp
        for rev in xml.kids(head, "revision-history")
        if (stamp := parse_datetime(xml.attr(rev, "norm"))) is not None
    ]

    doc_id = xml.kid(docdata, "doc-id")
    notes = [xml.attr(msg, "info") for msg in xml.kids(docdata, "ed-msg")]
    notes += [
        xml.text(note)
        for note in xml.kids(body_head, "note")
        if (xml.attr(note, "noteclass") or "editorsnote") == "editorsnote"
    ]
    ednote = "\n".join(n for n in notes if n) or None

    byline = _byline(xml.kid(body_head, "byline"))
    if byline and abstract is None and len(byline.split()) >= 5 and not looks_like_names(byline):
        # ANSA fills the byline with the story's subtitle (a sentence, not names).
        abstract, byline = byline, None
    return {
        "paragraphs": xml.paragraphs(content if content is not None else body),
        "body_markup": xml.markup(content),
        "headline": headline,
        "slugline": slugline,
        "abstract": abstract,
        "byline": byline,
        "dateline": _dateline(xml.kid(body_head, "dateline")),
        "agency": xml.attr(doc_id, "regsrc") or xml.text(xml.kid(body_head, "distributor")),
        "guid": xml.attr(doc_id, "id-string"),
        "version": parse_int(xml.attr(xml.kid(docdata, "du-key"), "version")),
        "urgency": parse_int(xml.attr(xml.kid(docdata, "urgency"), "ed-urg")),
        # ANSA states the language in a `<lang lang="it"/>` element inside body.content.
        "lang_declared": _lang(root, head, body, content)
        or xml.attr(root, "baselang")  # NITF's own attribute (NTB `nb-NO`, EFE `es-ES`)
        or xml.attr(xml.first_descendant(content, "lang"), "lang"),
        "keywords": [k for kw in xml.descendants(docdata, "keyword") if (k := xml.attr(kw, "key"))],
        "subjects": _subjects(head),
        "first_created": min(revisions) if revisions else None,
        "version_created": issued,
        "embargo_until": embargo,
        "pubstatus": pubstatus,
        "ednote": ednote,
        "copyright": _copyright(root, docdata),
    }


# ANSA marks its own stories in the headline: `>>>ANSA/Gazprom cuts …`.
_AGENCY_MARK = re.compile(r"^>{2,}\s*[A-Za-z]{2,10}\s*/\s*(?=\S)")


def _byline(el: etree._Element | None) -> str | None:
    """The names in a byline; `byttl` (the writer's title) is not part of them."""
    if el is None:
        return None
    parts = [el.text or ""]
    for child in el:
        if xml.local(child) != "byttl":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    # `By Alan Karben, <byttl>EP Aerospace Writer</byttl>.`: the title's punctuation goes too.
    return _TITLE_LEFTOVER.sub("", " ".join("".join(parts).split())) or None


def _dateline(el: etree._Element | None) -> Dateline:
    if el is None:
        return Dateline()
    location = xml.kid(el, "location")
    story_date = xml.kid(el, "story.date")
    date = xml.text(story_date) or xml.attr(story_date, "norm")
    if location is not None:
        parts = [xml.text(p) for p in location if xml.local(p) in _LOCATION_PARTS]
        named = [p for p in parts if p]
        found = parse_dateline_field(", ".join(named) if named else xml.text(location))
    else:
        loose = "".join(
            [el.text or ""] + [(c.tail or "") for c in el if xml.local(c) == "story.date"]
        )
        found = parse_dateline_field(loose)
    return Dateline(found.places, found.date or date, found.agency)


def _lang(*elements: etree._Element | None) -> str | None:
    return next((lang for el in elements if (lang := xml.lang_of(el))), None)


def _subjects(head: etree._Element | None) -> list[Subject]:
    subjects = []
    for el in xml.descendants(head, "tobject.subject"):
        code = xml.attr(el, "tobject.subject.refnum") or xml.attr(el, "tobject.subject.code")
        name = (
            xml.attr(el, "tobject.subject.detail")
            or xml.attr(el, "tobject.subject.matter")
            or xml.attr(el, "tobject.subject.type")
        )
        if code or name:
            subjects.append(Subject(code=code or "", name=name))
    return subjects


def _copyright(root: etree._Element, docdata: etree._Element | None) -> str | None:
    notice = xml.text(xml.first_descendant(root, "copyrite"))
    if notice:
        return notice
    copyright_el = xml.kid(docdata, "doc.copyright")
    holder = xml.attr(copyright_el, "holder")
    if not holder:
        return None
    year = xml.attr(copyright_el, "year")
    return f"Copyright {year} {holder}" if year else f"Copyright {holder}"


def newest(stamps: list[datetime | None]) -> datetime | None:
    known = [s for s in stamps if s is not None]
    return max(known) if known else None
