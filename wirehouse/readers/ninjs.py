"""ninjs 1.x and 2.x (IPTC's news in JSON): one item, an array of items, or `{"items": [...]}`.

Text items become articles; pictures, video, audio, graphics and text associations without a
body become SkippedItems. Associations (a dict in 1.x, a list in 2.x) are read as items too.
1.x: `headline`, `body_text`/`body_xhtml`/`body_html`, `description_text`, `subject`, `located`.
2.x: `headlines[]`, `bodies[]`, `descriptions[]`, `subjects[]`, `places[]`, `altids[]`.
Identity is `guid` when present (Superdesk), otherwise `uri`; `version` is the integer version.
"""

from __future__ import annotations

import json
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
from wirehouse.readers.text import decode_bytes, split_paragraphs, strip_controls

FORMAT = "ninjs"
_NINJS_KEYS = {
    "uri",
    "guid",
    "type",
    "headline",
    "headlines",
    "body_text",
    "body_xhtml",
    "body_html",
    "bodies",
    "versioncreated",
    "associations",
}
_MAX_DEPTH = 8


def read(data: bytes, *, max_bytes: int | None = None) -> list[Article | SkippedItem]:
    xml.check_size(data, max_bytes)
    try:
        doc = json.loads(decode_bytes(data))
    except json.JSONDecodeError as exc:
        raise WireParseError(f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    except RecursionError:
        raise WireParseError("the JSON is nested too deeply to be a news item") from None
    if isinstance(doc, dict) and isinstance(doc.get("items"), list) and not _is_item(doc):
        doc = doc["items"]
    items = doc if isinstance(doc, list) else [doc]
    if not items or not all(_is_item(i) for i in items):
        raise WireParseError("JSON, but not ninjs: expected news items with uri/headline/body")
    out: list[Article | SkippedItem] = []
    for item in items:
        _read_item(item, out, depth=0)
    return out


def _is_item(value: Any) -> bool:
    return isinstance(value, dict) and bool(_NINJS_KEYS & value.keys())


def _str(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _role_value(entries: Any, roles: tuple[str, ...]) -> dict[str, Any] | None:
    """ninjs 2.x `headlines`/`bodies`/`descriptions`: the entry with a wanted role, else first."""
    found = [e for e in _list(entries) if isinstance(e, dict) and _str(e.get("value"))]
    for entry in found:
        if (_str(entry.get("role")) or "").lower() in roles:
            return entry
    return found[0] if found else None


def _read_item(item: dict[str, Any], out: list[Article | SkippedItem], depth: int) -> None:
    guid = _str(item.get("guid")) or _str(item.get("uri"))
    kind = (_str(item.get("type")) or "text").lower()
    if kind == "text":
        out.append(_article(item, guid))
    elif kind != "composite" or not item.get("associations"):
        out.append(
            SkippedItem(reason=f"ninjs item of type {kind} is not text", guid=guid, item_type=kind)
        )
    if depth >= _MAX_DEPTH:
        return
    associations = item.get("associations")
    if isinstance(associations, dict):
        associations = list(associations.values())
    for assoc in _list(associations):
        if isinstance(assoc, dict) and _is_item(assoc):
            _read_item(assoc, out, depth + 1)


def _body(item: dict[str, Any]) -> tuple[list[str], str | None]:
    bodies = item.get("bodies")
    markup_entry = None
    text_entry = None
    for entry in _list(bodies):
        if not isinstance(entry, dict) or not _str(entry.get("value")):
            continue
        if (_str(entry.get("role")) or "main").lower() not in ("main", "body", "default"):
            continue
        kind = (_str(entry.get("contenttype")) or "").lower()
        if "html" in kind and markup_entry is None:
            markup_entry = entry
        elif text_entry is None:
            text_entry = entry
    markup = (
        _str(item.get("body_xhtml"))
        or _str(item.get("body_html5"))
        or _str(item.get("body_html"))
        or (markup_entry["value"] if markup_entry else None)
    )
    if markup:
        return xml.paragraphs(xml.parse_html_fragment(markup)), markup
    plain = _str(item.get("body_text")) or (text_entry["value"] if text_entry else None)
    return split_paragraphs(strip_controls(plain or "")), None


def _subjects(item: dict[str, Any]) -> list[Subject]:
    subjects = []
    for entry in _list(item.get("subject")) + _list(item.get("subjects")):
        if not isinstance(entry, dict):
            continue
        code = _str(entry.get("code")) or _str(entry.get("uri")) or _str(entry.get("qcode"))
        scheme = _str(entry.get("scheme"))
        if code and scheme and "://" not in code and ":" not in code and "://" not in scheme:
            code = f"{scheme}:{code}"
        name = _str(entry.get("name"))
        if code or name:
            subjects.append(Subject(code=code or "", name=name))
    return subjects


def _keywords(item: dict[str, Any]) -> list[str]:
    return [k for v in _list(item.get("keywords")) if (k := _str(v))]


def _located(item: dict[str, Any]) -> str | None:
    located = _str(item.get("located"))
    if located:
        return located
    for place in _list(item.get("places")):
        if isinstance(place, dict) and (_str(place.get("rel")) or "").endswith("located"):
            return _str(place.get("name"))
    return None


def _article(item: dict[str, Any], guid: str | None) -> Article | SkippedItem:
    paragraphs, markup = _body(item)
    headline_entry = _role_value(item.get("headlines"), ("main", "headline", "default"))
    headline = _str(item.get("headline")) or (headline_entry or {}).get("value")
    summary = _role_value(item.get("descriptions"), ("summary", "abstract", "teaser"))
    abstract = (
        _str(item.get("description_text"))
        or (summary or {}).get("value")
        or _str(item.get("description_html"))
    )
    if abstract and "<" in abstract:
        abstract = " ".join(xml.paragraphs(xml.parse_html_fragment(abstract))) or None
    if not paragraphs and not headline:
        return SkippedItem(
            reason="ninjs text item without headline or body", guid=guid, item_type="text"
        )
    copyright_holder = item.get("copyrightholder")
    return make_article(
        FORMAT,
        paragraphs,
        dateline=parse_dateline_field(_located(item)),
        agency=_str(copyright_holder) if not isinstance(copyright_holder, dict) else None,
        guid=guid,
        version=parse_int(item.get("version")),
        urgency=parse_int(item.get("urgency")),
        priority=parse_int(item.get("priority")),
        slugline=_str(item.get("slugline")),
        headline=headline,
        abstract=abstract,
        byline=_str(item.get("byline")),
        body_markup=markup,
        lang_declared=_str(item.get("language")),
        keywords=_keywords(item),
        subjects=_subjects(item),
        first_created=parse_datetime(_str(item.get("firstcreated"))),
        version_created=parse_datetime(_str(item.get("versioncreated"))),
        embargo_until=parse_datetime(_str(item.get("embargoed"))),
        pubstatus=normalise_pubstatus(_str(item.get("pubstatus"))),
        ednote=_str(item.get("ednote")),
        copyright=_str(item.get("copyrightnotice")),
    )
