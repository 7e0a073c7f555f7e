"""Reuters `<newsitem>`: the XML of the Reuters Corpus (RCV1 in English, RCV2 in 13 other
languages) and of the Reuters archives and research tools that keep stories in its shape.

```
<newsitem itemid="2286" id="root" date="1996-08-20" xml:lang="en">   id, day, language
  <title>MEXICO: Recovery excitement …</title>    the headline behind a country label
  <headline>Recovery excitement …</headline>      the headline
  <byline>Henry Tricks</byline>
  <dateline>MEXICO CITY 1996-08-20</dateline>     place, often with the day (RCV2 also
                                                  `Frankfurt, 20. Aug (Reuter)`)
  <text><p>…</p>…</text>                          the story
  <copyright>(c) Reuters Limited 1996</copyright>
  <metadata>
    <codes class="bip:topics:1.0"><code code="E11">…   topic codes: the subjects
    <codes class="bip:countries:1.0">, <codes class="bip:industries:1.0">
    <dc element="dc.date.created" value="1996-08-20"/>  also dc.date.published,
    <dc element="dc.publisher" value="Reuters Holdings Plc"/>   dc.source, dc.creator.location
```
The corpus gives days without a time: a day stands at noon UTC (`story_dates`), so it is the
same calendar day everywhere. Country and industry codes are no subjects of the story's topic
list; the topic codes are kept as sent (`GCAT`, `E11`), without names: the file has none.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from lxml import etree

from wirehouse.model import Article, SkippedItem, Subject, WireParseError
from wirehouse.readers import xml
from wirehouse.readers.fields import Dateline, make_article, parse_dateline_field, parse_datetime

FORMAT = "reuters_newsitem"
ROOT = "newsitem"
_TOPICS = "bip:topics:1.0"
# `MEXICO: Recovery excitement …`, `USA: …`: the title names the country before the headline.
_COUNTRY_LABEL = re.compile(r"^[A-Z][A-Z .,'&/-]{1,40}:\s+(?=\S)")
# `MEXICO CITY 1996-08-20`: the corpus's dateline ends in the day.
_TRAILING_DAY = re.compile(r"^(?P<place>.*?)[\s,]+(?P<day>\d{4}-\d{2}-\d{2})$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read(data: bytes, *, max_bytes: int | None = None) -> list[Article | SkippedItem]:
    root = xml.parse_xml(data, max_bytes=max_bytes)
    if xml.local(root) != ROOT:
        raise WireParseError(f"not a Reuters newsitem: the root element is <{xml.local(root)}>")
    title = xml.text(xml.kid(root, "title"))
    headline = xml.text(xml.kid(root, "headline")) or (
        _COUNTRY_LABEL.sub("", title) if title else None
    )
    text = xml.kid(root, "text")
    paragraphs = xml.paragraphs(text)
    if not paragraphs and not headline:
        raise WireParseError("the Reuters newsitem has neither a headline nor text")
    dc = _dublin_core(xml.kid(root, "metadata"))
    created = _stamp(dc.get("dc.date.created")) or _stamp(xml.attr(root, "date"))
    published = _stamp(dc.get("dc.date.published"))
    stamps = [stamp for stamp in (created, published) if stamp]
    copyright_line = xml.text(xml.kid(root, "copyright"))
    return [
        make_article(
            FORMAT,
            paragraphs,
            body_markup=xml.markup(text),
            guid=_guid(root),
            headline=headline,
            byline=xml.text(xml.kid(root, "byline")),
            dateline=_dateline(xml.text(xml.kid(root, "dateline")), dc),
            agency=dc.get("dc.source") or dc.get("dc.publisher"),
            copyright=copyright_line,
            lang_declared=xml.lang_of(root),
            subjects=_topics(xml.kid(root, "metadata")),
            first_created=created,
            version_created=max(stamps) if stamps else None,
            pubstatus="usable",
        )
    ]


def _guid(root: etree._Element) -> str | None:
    """`reuters:en:2286`: the corpus numbers its items per language collection, and a bare
    number would meet another format's numeric ids."""
    itemid = xml.attr(root, "itemid")
    if not itemid:
        return None
    lang = (xml.lang_of(root) or "").lower()
    return f"reuters:{lang}:{itemid}" if lang else f"reuters:{itemid}"


def _dublin_core(metadata: etree._Element | None) -> dict[str, str]:
    """The first value of each `<dc element=… value=…/>` (dc.source is often given twice)."""
    found: dict[str, str] = {}
    for el in xml.kids(metadata, "dc"):
        name, value = xml.attr(el, "element"), xml.attr(el, "value")
        if name and value and name not in found:
            found[name] = value
    return found


def _stamp(value: str | None) -> datetime | None:
    if value and _DAY.match(value.strip()):
        try:
            day = datetime.strptime(value.strip(), "%Y-%m-%d")
        except ValueError:
            return None
        return day.replace(hour=12, tzinfo=UTC)
    return parse_datetime(value)


def _dateline(text: str | None, dc: dict[str, str]) -> Dateline:
    """The dateline element (`MEXICO CITY 1996-08-20`), else the creator's location."""
    if not text:
        return parse_dateline_field(dc.get("dc.creator.location"))
    dated = _TRAILING_DAY.match(text)
    if dated is None:
        return parse_dateline_field(text)
    place = parse_dateline_field(dated.group("place")) if dated.group("place") else Dateline()
    return Dateline(place.places, dated.group("day"), place.agency)


def _topics(metadata: etree._Element | None) -> list[Subject]:
    codes = [
        code
        for codes in xml.kids(metadata, "codes")
        if xml.attr(codes, "class") == _TOPICS
        for el in xml.kids(codes, "code")
        if (code := xml.attr(el, "code"))
    ]
    return [Subject(code=code) for code in dict.fromkeys(codes)]
