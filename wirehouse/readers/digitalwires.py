"""dpa digitalwires JSON: dpa's current delivery format, one entry (or `{"entries": [...]}`).

```
{"format": "digitalwires@0.9.1", "type": "composite", "urn": "urn:newsml:dpa.com:…",
 "version": 2, "urgency": 3, "headline": "…", "teaser": "…", "byline": "Von …, dpa",
 "dateline": "Berlin (dpa) - ", "article_html": "<section class=\"main\"><p>…</p></section>",
 "ednotes": [{"role": "dpaednoterole:closingline", "ednote": "dpa kre/su yysw a3"}, …],
 "categories": [{"type": "dnltype:dpasubject", "qcode": "…", "name": "…"}, …],
 "associations": [{"type": "image", "urn": "…", "caption": "…", "renditions": […]}]}
```
Every entry is `type: composite`: the text is `article_html`; an entry without it is a picture,
video or audio entry. Associated media are recorded as skipped items.
"""

from __future__ import annotations

from typing import Any

from wirehouse.model import Article, SkippedItem, Subject, WireParseError
from wirehouse.readers import xml
from wirehouse.readers.fields import (
    make_article,
    normalise_pubstatus,
    parse_dateline_field,
    parse_datetime,
    parse_int,
)
from wirehouse.readers.wire_json import NO_SHAPE, as_list, has_words, load, markup_paragraphs
from wirehouse.readers.wire_json import text_value as _str

FORMAT = "digitalwires"
# Notes meant for the editor who publishes the story (not contacts, not the closing line).
_NOTE_ROLES = (
    "dpaednoterole:embargo",
    "dpaednoterole:correctionshort",
    "dpaednoterole:editorialnote",
    "dpaednoterole:genrenote",
)
_TAKE_GENRES = {"achtung", "eil", "vorab", "wiederholung", "korrektur", "berichtigung"}


def read(data: bytes, *, max_bytes: int | None = None) -> list[Article | SkippedItem]:
    xml.check_size(data, max_bytes)
    doc = load(data)
    if isinstance(doc, dict) and isinstance(doc.get("entries"), list):
        doc = doc["entries"]
    entries = doc if isinstance(doc, list) else [doc]
    if not entries or not all(_is_entry(e) for e in entries):
        raise WireParseError(f"{NO_SHAPE}: expected digitalwires entries with urn and headline")
    out: list[Article | SkippedItem] = []
    for entry in entries:
        out.extend(_read_entry(entry))
    return out


def _is_entry(value: Any) -> bool:
    return isinstance(value, dict) and ("urn" in value or "entry_id" in value)


def _read_entry(entry: dict[str, Any]) -> list[Article | SkippedItem]:
    urn = _str(entry.get("urn"))
    media = [a for a in as_list(entry.get("associations")) if isinstance(a, dict)]
    out: list[Article | SkippedItem] = []
    html = _str(entry.get("article_html"))
    paragraphs = markup_paragraphs(html) if html else []
    if any(has_words(p) for p in paragraphs):
        out.append(_article(entry, paragraphs, html))
    else:
        kinds = sorted({k for a in media if (k := _str(a.get("type")))}) or ["text"]
        reason = f"digitalwires {'/'.join(kinds)} entry without article text"
        out.append(SkippedItem(reason, guid=urn, item_type=kinds[0]))
    for assoc in media:
        assoc_urn = _str(assoc.get("urn"))
        if assoc_urn == urn:
            continue  # the picture entry's own picture, already recorded
        kind = _str(assoc.get("type")) or "media"
        reason = f"digitalwires {kind} associated with a story is not text"
        out.append(SkippedItem(reason, guid=assoc_urn, item_type=kind))
    return out


def _names(entry: dict[str, Any], key: str) -> list[str]:
    return [n for v in as_list(entry.get(key)) if (n := _str(v))]


def _notes(entry: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Publishable editorial notes, and the closing line's tokens (`dpa kre/su yysw a3`)."""
    notes, closing = [], []
    for note in as_list(entry.get("ednotes")):
        if not isinstance(note, dict) or not (text := _str(note.get("ednote"))):
            continue
        role = _str(note.get("role")) or ""
        if role == "dpaednoterole:closingline":
            closing = text.split()
        elif role in _NOTE_ROLES and note.get("is_publishable") is not False:
            notes.append(text)
    return notes, closing


def _take_key(entry: dict[str, Any], notes: list[str]) -> str | None:
    keys = []
    genres = [g.lower() for g in _names(entry, "genre_names")]
    if "eil" in genres or any("eilmeldung" in n.lower() for n in notes):
        keys.append("Eil")
    keys += [g.capitalize() for g in genres if g in _TAKE_GENRES and g != "eil"]
    if _str(entry.get("signal")) == "sig:correction" and "Berichtigung" not in keys:
        keys.append("Berichtigung")
    return " ".join(keys) or None


def _article(entry: dict[str, Any], paragraphs: list[str], html: str | None) -> Article:
    notes, closing = _notes(entry)
    subjects = [
        Subject(code=_str(c.get("qcode")) or "", name=_str(c.get("name")))
        for c in as_list(entry.get("categories"))
        if isinstance(c, dict) and c.get("type") == "dnltype:dpasubject"
    ]
    slug_parts: list[str] = []
    for key in ("dpasubject_names", "geosubject_names", "keyword_names"):
        slug_parts += [n for n in _names(entry, key) if n not in slug_parts]
    return make_article(
        FORMAT,
        paragraphs,
        dateline=parse_dateline_field(_str(entry.get("dateline"))),
        agency=closing[0] if closing else "dpa",  # digitalwires is dpa's own format
        desk_codes=closing[1:],
        guid=_str(entry.get("urn")),
        version=parse_int(entry.get("version")),
        urgency=parse_int(entry.get("urgency")),
        slugline="/".join(slug_parts) or None,
        headline=headline if has_words(headline := _str(entry.get("headline"))) else None,
        abstract=_str(entry.get("teaser")),
        byline=_str(entry.get("byline")),
        body_markup=html,
        lang_declared=_str(entry.get("language")),
        keywords=_names(entry, "keyword_names"),
        subjects=subjects,
        version_created=parse_datetime(_str(entry.get("version_created"))),
        embargo_until=parse_datetime(_str(entry.get("embargoed"))),
        pubstatus=normalise_pubstatus(_str(entry.get("pubstatus"))),
        ednote="\n".join(notes) or None,
        copyright=_str(entry.get("copyrightnotice")),
        take_key=_take_key(entry, notes),
    )
