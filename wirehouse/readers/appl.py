"""AP Publishing Language (APPL): one `<Publication>` per item, as AP's WebFeeds and archive
deliver it (namespace `http://ap.org/schemas/03/2005/appl`).

```
<Publication Version="5.3.1" xmlns="http://ap.org/schemas/03/2005/appl">
  <Identification>          ItemId (the story), RecordId (this version), MediaType,
                            Priority, EditorialPriority (`d`), DefaultLanguage, RecordSequenceNumber
  <PublicationManagement>   FirstCreated Year= Month= Day= Time=, LastModifiedDateTime,
                            Status, ReleaseDateTime, Editorial/Type (the take key;
                            `Advance`: an embargo),
                            SpecialInstructions (`Eds: …`)
  <NewsLines>               HeadLine, ByLine, DateLine, CopyrightLine, KeywordLine (the slug)
  <AdministrativeMetadata>  Provider, Source, Creator
  <DescriptiveMetadata>     SubjectClassification (`AP Subject`: Id, Value), DateLineLocation
  <PublicationComponent Role="Main" MediaType="Text">
    <TextContentItem><DataContent><nitf><body.content><block><p>…   the story
  <PublicationComponent Role="Abstract" …>, Role="Caption", Role="PublishableEditorNotes"
```
AP's times carry no offset and are UTC. A photo, video, audio or graphic publication is no
story: it is skipped with its media type, its caption is no text of ours. A text publication
whose text is not in the file (AP sends text records that point to it) is skipped, too.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from lxml import etree

from wirehouse.model import Article, SkippedItem, Subject, WireParseError
from wirehouse.readers import xml
from wirehouse.readers.ap_media_api import EDITORIAL_PRIORITIES
from wirehouse.readers.fields import (
    Dateline,
    make_article,
    normalise_pubstatus,
    parse_dateline_field,
    parse_datetime,
    parse_int,
)

FORMAT = "appl"
ROOT = "Publication"
NAMESPACE = "http://ap.org/schemas/03/2005/appl"
# Editorial types that hold a story until its ReleaseDateTime.
_HOLDS = {"advance", "holdforrelease", "embargoed"}
# Record types that take the item back.
_KILLS = {"kill", "delete", "withdraw", "elimination"}
# HTML (or NITF) escaped into a DataContent or body.content as text.
_ESCAPED = re.compile(r"<\s*/?\s*(?:nitf|body\.content|block|p|br|div|b|i|em|strong|a)\b", re.I)


def read(data: bytes, *, max_bytes: int | None = None) -> list[Article | SkippedItem]:
    root = xml.parse_xml(data, max_bytes=max_bytes)
    if xml.local(root) != ROOT or not _is_appl(root):
        raise WireParseError(
            f"not AP's APPL: the root element is <{xml.local(root)}> without APPL's parts"
        )
    ident = xml.kid(root, "Identification")
    guid = xml.text(xml.kid(ident, "ItemId"))
    media = (xml.text(xml.kid(ident, "MediaType")) or _main_media(root)).lower()
    if media and media != "text":
        return [SkippedItem(f"AP {media} publication is not a story", guid=guid, item_type=media)]
    # A story may come twice, as NITF and as ANPA 1312 text: the NITF one is read.
    main = sorted(_components(root, "Main"), key=lambda item: _holds_nitf(item) is False)
    paragraphs, markup = _text(main[0]) if main else ([], None)
    lines = xml.kid(root, "NewsLines")
    headline = xml.text(xml.kid(lines, "HeadLine")) or xml.text(xml.kid(lines, "OriginalHeadLine"))
    if not paragraphs and not headline:
        reason = "AP text publication without its text or headline (a record of the item only)"
        return [SkippedItem(reason, guid=guid, item_type="text")]
    abstract = _component_text(root, "Abstract")
    return [
        make_article(
            FORMAT,
            paragraphs,
            body_markup=markup,
            guid=guid,
            version=parse_int(xml.text(xml.kid(ident, "RecordSequenceNumber"))),
            urgency=parse_int(xml.text(xml.kid(ident, "Priority"))),
            priority=EDITORIAL_PRIORITIES.get(
                (xml.text(xml.kid(ident, "EditorialPriority")) or "").lower()
            ),
            headline=headline,
            abstract=abstract,
            slugline=xml.text(xml.kid(lines, "KeywordLine")) or xml.text(xml.kid(lines, "Title")),
            byline=_byline(lines),
            dateline=_dateline(lines, xml.kid(root, "DescriptiveMetadata")),
            agency=_agency(xml.kid(root, "AdministrativeMetadata")),
            copyright=xml.text(xml.kid(lines, "CopyrightLine")),
            lang_declared=xml.text(xml.kid(ident, "DefaultLanguage"))
            or xml.text(xml.path(root, "DescriptiveMetadata", "Language")),
            keywords=[k for el in xml.kids(lines, "OverLine") if (k := xml.text(el))],
            subjects=_subjects(xml.kid(root, "DescriptiveMetadata")),
            ednote=_ednote(root),
            **_management(xml.kid(root, "PublicationManagement")),
        )
    ]


def _is_appl(root: etree._Element) -> bool:
    namespace = root.tag.rsplit("}", 1)[0].lstrip("{") if "}" in root.tag else ""
    return namespace == NAMESPACE or xml.kid(root, "Identification", "NewsLines") is not None


def _main_media(root: etree._Element) -> str:
    """The media type of the Main component, for a publication that does not name its own."""
    for component in xml.kids(root, "PublicationComponent"):
        if (xml.attr(component, "Role") or "").lower() == "main":
            return xml.attr(component, "MediaType") or ""
    return ""


def _holds_nitf(item: etree._Element) -> bool:
    return xml.first_descendant(xml.kid(item, "DataContent"), "nitf") is not None


def _components(root: etree._Element, role: str) -> list[etree._Element]:
    """The text content items of the components in `role` (`Main`, `Abstract`, …)."""
    return [
        item
        for component in xml.kids(root, "PublicationComponent")
        if (xml.attr(component, "Role") or "").lower() == role.lower()
        for item in xml.kids(component, "TextContentItem")
    ]


def _text(item: etree._Element) -> tuple[list[str], str | None]:
    """Paragraphs of a text content item: NITF `body.content`, or markup escaped as text."""
    data = xml.kid(item, "DataContent")
    content = xml.first_descendant(data, "body.content")
    holder = content if content is not None else data
    if holder is None:
        return [], None
    escaped = "".join(holder.itertext()) if not xml.descendants(holder, "p") else ""
    if _ESCAPED.search(escaped):
        # AP's feed clients have passed the NITF on escaped (`&lt;p&gt;…`): it is markup.
        fragment = xml.parse_html_fragment(escaped.strip())
        inner = xml.first_descendant(fragment, "body.content")
        return xml.paragraphs(inner if inner is not None else fragment), escaped.strip()
    return xml.paragraphs(holder), xml.markup(holder)


def _component_text(root: etree._Element, role: str) -> str | None:
    paragraphs = [p for item in _components(root, role) for p in _text(item)[0]]
    return " ".join(paragraphs) or None


def _byline(lines: etree._Element | None) -> str | None:
    """The names of every ByLine (`Title="AP Sports Writer"` is the writer's title, not a name)."""
    names = [name for el in xml.kids(lines, "ByLine") if (name := xml.text(el))]
    return " and ".join(dict.fromkeys(names)) or xml.text(xml.kid(lines, "ByLineOriginal"))


def _dateline(lines: etree._Element | None, described: etree._Element | None) -> Dateline:
    found = parse_dateline_field(xml.text(xml.kid(lines, "DateLine")))
    if found.places:
        return found
    location = xml.kid(described, "DateLineLocation")
    parts = [xml.text(xml.kid(location, n)) for n in ("City", "CountryAreaName", "CountryName")]
    named = [p for p in parts if p]
    return parse_dateline_field(", ".join(named)) if named else found


def _agency(admin: etree._Element | None) -> str | None:
    """AP, or the third party whose copy AP passes on (a Source of Type ThirdParty)."""
    source = xml.kid(admin, "Source")
    if (xml.attr(source, "Type") or "").lower() == "thirdparty" and xml.text(source):
        return xml.text(source)
    return xml.text(xml.kid(admin, "Provider")) or "AP"


def _subjects(described: etree._Element | None) -> list[Subject]:
    """AP's subject terms (`AP Subject`: Teragram's and the editors'), each once."""
    found: dict[str, Subject] = {}
    for classification in xml.kids(described, "SubjectClassification"):
        if (xml.attr(classification, "Authority") or "").lower() != "ap subject":
            continue
        for occurrence in xml.kids(classification, "Occurrence"):
            code = xml.attr(occurrence, "Id")
            if code and code not in found:
                found[code] = Subject(code=code, name=xml.attr(occurrence, "Value"))
    return list(found.values())


def _ednote(root: etree._Element) -> str | None:
    management = xml.kid(root, "PublicationManagement")
    notes = [xml.text(el) for el in xml.kids(management, "SpecialInstructions")]
    notes.append(_component_text(root, "PublishableEditorNotes"))
    return "\n".join(n for n in notes if n) or None


def _management(management: etree._Element | None) -> dict[str, Any]:
    first = _first_created(xml.kid(management, "FirstCreated"))
    modified = parse_datetime(xml.text(xml.kid(management, "LastModifiedDateTime")))
    release = parse_datetime(xml.text(xml.kid(management, "ReleaseDateTime")))
    status = xml.text(xml.kid(management, "Status")) or ""
    # AP's editorial types (`Advance`, `Lead`, `Correction`, `Kill`) say what this version is.
    named = [t for el in xml.kids(management, "Editorial") if (t := xml.text(xml.kid(el, "Type")))]
    types = {t.lower() for t in named}
    held = bool(types & _HOLDS) or status.lower() == "embargoed"
    embargo = release if held and release and (first is None or release > first) else None
    record = (xml.text(xml.kid(management, "RecordType")) or "").lower()
    pubstatus = "canceled" if record in _KILLS else normalise_pubstatus(status)
    if status.lower() == "embargoed" and embargo is not None:
        pubstatus = "usable"  # the embargo is carried by `embargo_until`, as in NITF
    return {
        "first_created": first,
        "version_created": modified or first,
        "embargo_until": embargo,
        "pubstatus": pubstatus,
        "take_key": ", ".join(dict.fromkeys(named)) or None,
    }


def _first_created(el: etree._Element | None) -> datetime | None:
    """`<FirstCreated Year="2012" Month="3" Day="12" Time="20:54:44"/>` (UTC)."""
    year, month, day = (parse_int(xml.attr(el, n)) for n in ("Year", "Month", "Day"))
    if not (year and month and day):
        return parse_datetime(xml.text(el))
    clock = xml.attr(el, "Time") or "12:00:00"  # a day alone stands at noon (story_dates)
    return parse_datetime(f"{year:04d}-{month:02d}-{day:02d}T{clock}Z")
