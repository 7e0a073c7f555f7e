"""NewsML-G2: a `newsItem`, or a `newsMessage` whose itemSet holds several items.

Text items (`itemClass ninat:text`, or any newsItem with inline text) become articles; pictures,
video, graphics, packageItems and concept/planning items become SkippedItems. Identity is
`@guid` with `@version`. itemMeta gives dates, embargo, pubStatus, edNotes (dpa's notepad and
public/non-public notes), signals and provider; contentMeta gives urgency, headline, slugline,
`by`, dateline, located, language, subjects, keywords and the summary; the body is XHTML
(dpa's German service: `section.main`, the header with slugline and h1 is not body), NITF, or
inline plain text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from lxml import etree

from wirehouse.model import Article, SkippedItem, Subject, WireParseError
from wirehouse.readers import xml
from wirehouse.readers.fields import (
    Dateline,
    make_article,
    normalise_pubstatus,
    parse_dateline_field,
    parse_datetime,
    parse_int,
    parse_local_datetime,
)
from wirehouse.readers.g2_content import content

FORMAT = "newsml_g2"
_ITEM_TAGS = ("newsItem", "packageItem", "conceptItem", "knowledgeItem", "planningItem")
_TEXT_CLASSES = ("text", "")
_NONPUBLIC = "nonpublic"


def read(data: bytes, *, max_bytes: int | None = None) -> list[Article | SkippedItem]:
    root = xml.parse_xml(data, max_bytes=max_bytes)
    name = xml.local(root)
    sent = None
    if name == "newsMessage":
        priority = parse_int(xml.text(xml.path(root, "header", "priority")))
        sent = xml.text(xml.path(root, "header", "sent"))
        items = [i for s in xml.kids(root, "itemSet") for i in s if xml.local(i) in _ITEM_TAGS]
        if not items:
            raise WireParseError("the NewsML-G2 newsMessage has no items in its itemSet")
    elif name in _ITEM_TAGS:
        priority, items = None, [root]
    elif name == "contentSet":
        # A bare contentSet (IPTC's spec listings show one alone): its text, without item meta.
        return [_read_content_only(root)]
    elif name == "groupSet":
        return [SkippedItem(reason="NewsML-G2 package groups only: no text", item_type="package")]
    else:
        raise WireParseError(f"not NewsML-G2: the root element is <{name}>")
    return [_read_item(item, priority, sent) for item in items]


def _read_content_only(content_set: etree._Element) -> Article | SkippedItem:
    values = content(content_set)
    paragraphs = values.pop("paragraphs")
    agency = values.pop("agency_fallback", None)
    if not paragraphs:
        return SkippedItem(reason="NewsML-G2 contentSet without text", item_type="text")
    return make_article(FORMAT, paragraphs, agency=agency, **values)


def _qcode_tail(value: str | None) -> str:
    return (value or "").rsplit(":", 1)[-1].strip().lower()


def _read_item(
    item: etree._Element, priority: int | None, sent: str | None
) -> Article | SkippedItem:
    guid = xml.attr(item, "guid")
    kind = xml.local(item)
    if kind != "newsItem":
        return SkippedItem(reason=f"NewsML-G2 {kind} is not a text item", guid=guid, item_type=kind)
    meta = xml.kid(item, "itemMeta")
    content_meta = xml.kid(item, "contentMeta")
    item_class = _qcode_tail(xml.attr(xml.kid(meta, "itemClass"), "qcode"))
    if item_class not in _TEXT_CLASSES:
        return SkippedItem(
            reason=f"NewsML-G2 item of class {item_class} is not text",
            guid=guid,
            item_type=item_class,
        )
    lang = xml.lang_of(item)
    values = content(xml.kid(item, "contentSet"))
    nitf_agency = values.pop("agency_fallback", None)
    values.update(_item_meta(meta, lang))
    values["agency_fallback"] = values.get("agency_fallback") or nitf_agency
    values.update(_content_meta(content_meta, lang))
    values.update(_dates(meta, content_meta, sent, values.pop("provider_code", "")))
    values["guid"] = guid
    values["version"] = parse_int(xml.attr(item, "version"))
    values["priority"] = priority
    values["lang_declared"] = (
        xml.attr(xml.kid(content_meta, "language"), "tag") or lang or values.get("lang_declared")
    )
    copyright_holder = xml.path(item, "rightsInfo", "copyrightHolder")
    values["copyright"] = _pick_lang(
        xml.kids(xml.kid(item, "rightsInfo"), "copyrightNotice"), lang
    ) or xml.text(xml.kid(copyright_holder, "name"))
    paragraphs = values.pop("paragraphs")
    if values.get("headline") in paragraphs[:3]:
        # The body repeats the headline (TT's h1; Reuters' Sports Xchange after its credit
        # line): the story starts after it, what precedes it is a label.
        del paragraphs[: paragraphs.index(values["headline"]) + 1]
    agency = values.pop("agency_fallback", None)
    if not paragraphs and not values.get("headline"):
        return SkippedItem(
            reason="NewsML-G2 text item without headline or body (an empty shell)",
            guid=guid,
            item_type="text",
        )
    values = {k: v for k, v in values.items() if v is not None}
    return make_article(FORMAT, paragraphs, agency=agency, **values)


def _pick_lang(elements: list[etree._Element], lang: str | None) -> str | None:
    """The element in the item's language, else the first one with text."""
    if lang:
        for el in elements:
            if (xml.lang_of(el) or "").split("-")[0] == lang.split("-")[0] and xml.text(el):
                return xml.text(el)
    return next((t for el in elements if (t := xml.text(el))), None)


def _name(el: etree._Element, lang: str | None) -> str | None:
    names = xml.kids(el, "name")
    preferred = [n for n in names if (xml.attr(n, "role") or "nrol:display") == "nrol:display"]
    return _pick_lang(preferred or names, lang)


def _item_meta(meta: etree._Element | None, lang: str | None) -> dict[str, Any]:
    notes: list[str] = []
    desk_codes: list[str] = []
    for note in xml.kids(meta, "edNote"):
        role = _qcode_tail(xml.attr(note, "role"))
        if role == "closingline":
            # dpa's closing line `dpa pre yyhe n1 deg`: agency, then desk/editor codes.
            desk_codes = (xml.text(note) or "").split()[1:]
        elif _NONPUBLIC in (xml.attr(note, "pubconstraint") or "") or role == "private":
            continue  # not for publication: dpa's contacts, STT's private note
        elif len(note):
            continue  # contacts are not for publication; the notepad repeats the plain notes
        elif note_text := xml.text(note):
            notes.append(note_text)
    if not notes:
        public = xml.descendants(xml.first_descendant(meta, "edNote"), "section")
        notes = [t for s in public if "np-public" in (s.get("class") or "") if (t := xml.text(s))]
    provider = xml.kid(meta, "provider")
    status = xml.attr(xml.kid(meta, "pubStatus"), "qcode") or xml.text(xml.kid(meta, "pubStatus"))
    signals = [_qcode_tail(xml.attr(s, "qcode")) for s in xml.kids(meta, "signal")]
    return {
        "provider_code": _qcode_tail(xml.attr(provider, "qcode")),
        "embargo_until": parse_datetime(xml.text(xml.kid(meta, "embargoed"))),
        "pubstatus": normalise_pubstatus(status),
        "ednote": "\n".join(notes) or None,
        "desk_codes": desk_codes,
        "agency_fallback": (
            (_name(provider, lang) if provider is not None else None)
            or xml.attr(provider, "literal")
            or _qcode_tail(xml.attr(provider, "qcode")).upper()
            or None
        ),
        "take_key": next((s for s in signals if s in ("correction", "update", "cwarn")), None),
    }


# Agencies known to stamp local wall-clock time without an offset.
_LOCAL_ZONES = {"stt": ZoneInfo("Europe/Helsinki"), "ritzau": ZoneInfo("Europe/Copenhagen")}


def _dates(
    meta: etree._Element | None, cm: etree._Element | None, sent: str | None, provider: str
) -> dict[str, Any]:
    """Creation and version times wherever the agency puts them.

    itemMeta's versionCreated/firstCreated are the standard; some agencies (STT's archive) give
    only contentMeta's contentCreated/contentModified, or only the message's header/sent.
    """
    zone = _LOCAL_ZONES.get(provider)

    def stamp(el: etree._Element | None, *names: str) -> datetime | None:
        for name in names:
            if (found := parse_local_datetime(xml.text(xml.kid(el, name)), zone)) is not None:
                return found
        return None

    created = stamp(meta, "firstCreated") or stamp(cm, "contentCreated")
    version = (
        stamp(meta, "versionCreated")
        or stamp(cm, "contentModified")
        or created
        or parse_local_datetime(sent, zone)
    )
    return {
        "first_created": created,
        "version_created": version,
        "sent": parse_local_datetime(sent, zone),
    }


def _content_meta(cm: etree._Element | None, lang: str | None) -> dict[str, Any]:
    headlines = xml.kids(cm, "headline")
    main = [h for h in headlines if _qcode_tail(xml.attr(h, "role")) in ("", "main")]
    subs = [h for h in headlines if _qcode_tail(xml.attr(h, "role")) in ("sub", "subtitle")]
    summaries = [
        d
        for d in xml.kids(cm, "description")
        if _qcode_tail(xml.attr(d, "role")) in ("", "summary", "abstract", "teaser")
    ]
    located = xml.kid(cm, "located")
    dateline = parse_dateline_field(xml.text(xml.kid(cm, "dateline")))
    if not dateline.places and located is not None and (place := _name(located, lang)):
        dateline = Dateline([place], dateline.date, dateline.agency)
    subjects = []
    for subject in xml.kids(cm, "subject"):
        code = xml.attr(subject, "qcode") or xml.attr(subject, "uri")
        name = _name(subject, lang)
        if code:  # literal-only subjects are local ids of asserted places, not subject codes
            subjects.append(Subject(code=code or "", name=name))
    values: dict[str, Any] = {
        "urgency": parse_int(xml.text(xml.kid(cm, "urgency"))),
        "headline": _pick_lang(main or headlines, lang),
        "abstract": _pick_lang(summaries, lang) or _pick_lang(subs, lang),
        "slugline": xml.text(xml.kid(cm, "slugline")),
        "byline": xml.text(xml.kid(cm, "by")),
        "keywords": [k for el in xml.kids(cm, "keyword") if (k := xml.text(el))],
        "subjects": subjects,
        "dateline": dateline,
    }
    if not (dateline.places or dateline.agency or dateline.date):
        del values["dateline"]
    return {k: v for k, v in values.items() if v not in (None, [])}
