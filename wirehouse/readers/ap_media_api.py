"""The AP Media API's JSON: `{"api_version": …, "data": {"item": {…}}}` or a feed of
`data.items[].item`. The item is ninjs 1.x with AP's additions:

```
{"uri": "…", "altids": {"itemid": "9f3…", "etag": "…", "friendlykey": "…"}, "version": 2,
 "type": "text", "headline": "…", "headline_extended": "…", "summary": "…",
 "bylines": [{"by": "By JOHN DOE", "title": "Associated Press"}], "located": "NEW YORK",
 "editorialpriority": "d", "ednote": "Eds: UPDATES …", "subject": [{"code": …, "name": …}],
 "renditions": {"nitf": {"href": "https://api.ap.org/…/nitf"}}, "associations": {"1": {…}}}
```
The story text usually is not in the item but in its NITF rendition, fetched separately; an
item that carries no text of its own (inline `body_nitf`, `body_xhtml`, `body_text`) is
recorded as skipped with that reason, never as an article without text.
"""

from __future__ import annotations

from typing import Any

from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.readers import ninjs, xml
from wirehouse.readers.fields import parse_dateline_field
from wirehouse.readers.wire_json import NO_SHAPE, as_list, load, lower_keys
from wirehouse.readers.wire_json import text_value as _str

FORMAT = "ap_media_api"
# AP's editorial priority letters, as in ANPA 1312 (f flash … d deferred).
EDITORIAL_PRIORITIES = {"f": 1, "b": 2, "u": 3, "r": 4, "d": 5, "a": 5, "s": 4, "w": 4}


def read(data: bytes, *, max_bytes: int | None = None) -> list[Article | SkippedItem]:
    xml.check_size(data, max_bytes)
    doc = lower_keys(load(data))
    payload = doc.get("data") if isinstance(doc, dict) else None
    if isinstance(payload, dict) and isinstance(payload.get("item"), dict):
        items = [payload["item"]]
    elif isinstance(payload, dict) and isinstance(payload.get("items"), list):
        entries = payload["items"]
        items = [e.get("item") if isinstance(e, dict) and "item" in e else e for e in entries]
    else:
        raise WireParseError(f"{NO_SHAPE}: AP Media API JSON without data.item or data.items")
    if not all(ninjs.is_item(i) for i in items):
        raise WireParseError(f"{NO_SHAPE}: an AP Media API entry is not a news item")
    out: list[Article | SkippedItem] = []
    for item in items:
        out.extend(_read_item(item))
    return out


def _read_item(item: dict[str, Any]) -> list[Article | SkippedItem]:
    guid = _item_id(item)
    kind = ninjs.item_kind(item)
    out: list[Article | SkippedItem] = []
    if kind != "text":
        out.append(SkippedItem(f"AP {kind} item is not a story", guid=guid, item_type=kind))
    else:
        out.append(_article(item, guid))
    associations = item.get("associations")
    values = associations.values() if isinstance(associations, dict) else as_list(associations)
    for assoc in values:
        if isinstance(assoc, dict):
            assoc_kind = ninjs.item_kind(assoc)
            assoc_guid = _item_id(assoc)
            reason = f"AP {assoc_kind} associated with a story is not text"
            out.append(SkippedItem(reason, guid=assoc_guid, item_type=assoc_kind))
    return out


def _item_id(item: dict[str, Any]) -> str | None:
    """AP's item id (`altids.itemid`) is the story's id; the `uri` carries query parameters."""
    altids = item.get("altids")
    itemid = _str(altids.get("itemid")) if isinstance(altids, dict) else None
    return itemid or _str(item.get("uri"))


def _article(item: dict[str, Any], guid: str | None) -> Article | SkippedItem:
    nitf = _str(item.get("body_nitf")) or _str(item.get("nitf"))
    if nitf:
        item = {**item, "bodies": [{"role": "main", "contenttype": "nitf", "value": nitf}]}
    summary = _str(item.get("summary"))
    item = {**item, "description_text": None, "summary": None}  # the summary is not the text
    found = ninjs.article(item, guid)
    if isinstance(found, SkippedItem) or not found.body:
        renditions = item.get("renditions") if isinstance(item.get("renditions"), dict) else {}
        href = _str((renditions.get("nitf") or {}).get("href")) if renditions else None
        where = f"its NITF rendition ({href})" if href else "a rendition not in this file"
        reason = f"AP text item without its text: the story is in {where}"
        return SkippedItem(reason, guid=guid, item_type="text")
    found.format = FORMAT
    found.agency = found.agency or "AP"
    found.priority = EDITORIAL_PRIORITIES.get((_str(item.get("editorialpriority")) or "").lower())
    found.abstract = summary or found.abstract
    place = item.get("datelinelocation")
    if not found.dateline_places and isinstance(place, dict):
        names = [n for k in ("city", "countryareaname", "countryname") if (n := _str(place.get(k)))]
        found.dateline_places = parse_dateline_field(", ".join(names)).places
    return found
