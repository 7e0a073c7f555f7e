"""ninjs (IPTC's news in JSON) 1.x to 3.x: one item, an array, or a list under `items`/`item`.

Text items become articles; pictures, video, audio, graphics, events and package shells become
SkippedItems with a reason. Associations (a dict in 1.x, a list in 2.x) are read as items too.
1.x: `headline`, `body_text`/`body_xhtml`/`body_html`, `description_text`, `subject`, `located`.
2.x/3.x: `headlines[]`, `bodies[]` (HTML, plain or an embedded NITF document), `descriptions[]`,
`subjects[]`, `places[]`, `title`; 3.x writes keys in camelCase, read the same way.
Identity is `guid` when present (Superdesk), otherwise `uri`; `version` is the integer version.
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
from wirehouse.readers.text import split_paragraphs, strip_controls
from wirehouse.readers.wire_json import (
    NO_SHAPE,
    as_list,
    has_words,
    load,
    looks_like_markup,
    lower_keys,
    markup_paragraphs,
    text_value,
)

FORMAT = "ninjs"
_NINJS_KEYS = {
    "uri",
    "guid",
    "type",
    "headline",
    "headlines",
    "title",
    "body_text",
    "body_xhtml",
    "body_html",
    "bodies",
    "versioncreated",
    "associations",
    "renditions",
    "eventdetails",
}
_MAX_DEPTH = 8
_NOT_BODY_ROLES = {"summary", "abstract", "teaser", "caption", "description", "lead", "alt"}
_MEDIA = {"picture", "image", "graphic", "video", "audio", "event", "planning", "concept"}


def read(data: bytes, *, max_bytes: int | None = None) -> list[Article | SkippedItem]:
    xml.check_size(data, max_bytes)
    doc = lower_keys(load(data))
    # A list of items under `items`, or under `item` in a paged API answer (BBC's ninjs feed:
    # `{"total": 1, "limit": 20, "offset": 0, "item": [...]}`).
    for key in ("items", "item"):
        if isinstance(doc, dict) and isinstance(doc.get(key), list) and not is_item(doc):
            doc = doc[key]
    items = doc if isinstance(doc, list) else [doc]
    if not items or not all(is_item(i) for i in items):
        raise WireParseError(f"{NO_SHAPE}: expected news items with uri/headline/body")
    out: list[Article | SkippedItem] = []
    for item in items:
        read_item(item, out, depth=0)
    if len(items) == 1 and not any(isinstance(x, Article) for x in out):
        junk = next((x for x in out if isinstance(x, SkippedItem) and x.item_type == "text"), None)
        if junk is not None and item_kind(items[0]) != "composite":
            raise WireParseError(junk.reason)
    return out


def is_item(value: Any) -> bool:
    return isinstance(value, dict) and bool(_NINJS_KEYS & value.keys())


def _str(value: Any) -> str | None:
    return text_value(value)


def item_kind(item: dict[str, Any]) -> str:
    if "eventdetails" in item or "events" in item:
        return "event"
    return (_str(item.get("type")) or "text").lower()


def read_item(item: dict[str, Any], out: list[Article | SkippedItem], depth: int) -> None:
    guid = _str(item.get("guid")) or _str(item.get("uri"))
    kind = item_kind(item)
    associations = item.get("associations")
    if isinstance(associations, dict):
        associations = list(associations.values())
    associated = [a for a in as_list(associations) if isinstance(a, dict) and is_item(a)]
    if kind in _MEDIA:
        out.append(SkippedItem(f"ninjs {kind} item is not a story", guid=guid, item_type=kind))
    elif kind == "composite" and not _body(item)[0]:
        reason = "ninjs package shell (composite without text of its own)"
        out.append(SkippedItem(reason, guid=guid, item_type=kind))
    else:
        out.append(article(item, guid, kind))
    if depth < _MAX_DEPTH:
        for assoc in associated:
            read_item(assoc, out, depth + 1)


def _body(item: dict[str, Any]) -> tuple[list[str], str | None]:
    """Paragraphs and markup of the main body; HTML is preferred over plain text."""
    candidates: list[tuple[int, str, bool]] = []  # (preference, value, is markup)
    for key, rank in (("body_xhtml", 0), ("body_html5", 0), ("body_html", 0), ("body_text", 2)):
        value = _str(item.get(key))
        if value:
            candidates.append((rank, value, rank == 0 or looks_like_markup(value)))
    for entry in as_list(item.get("bodies")):
        value = _str(entry.get("value")) if isinstance(entry, dict) else None
        if not value or (_str(entry.get("role")) or "main").lower() in _NOT_BODY_ROLES:
            continue
        kind = (_str(entry.get("contenttype")) or _str(entry.get("role")) or "").lower()
        markup = "html" in kind or "nitf" in kind or looks_like_markup(value)
        candidates.append((1 if markup else 3, value, markup))
    for _, value, markup in sorted(candidates, key=lambda c: c[0]):
        paragraphs = markup_paragraphs(value) if markup else plain_paragraphs(value)
        if any(has_words(p) for p in paragraphs):
            return paragraphs, value if markup else None
    return [], None


def plain_paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; a text without any has one paragraph per line."""
    text = strip_controls(text)
    if "\n\n" in text.replace("\r", "") or "\n" not in text.strip():
        return split_paragraphs(text)
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _subjects(item: dict[str, Any]) -> list[Subject]:
    subjects: list[Subject] = []
    raw = as_list(item.get("subject")) + as_list(item.get("subjects"))
    for entry in raw:
        if isinstance(entry, dict) and isinstance(entry.get("code"), list):  # Guardian's PA
            subjects.extend(Subject(code=c) for c in entry["code"] if _str(c))
            continue
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


def _located(item: dict[str, Any]) -> str | None:
    located = _str(item.get("located"))
    if located:
        return located
    for place in as_list(item.get("places")):
        if isinstance(place, dict) and (_str(place.get("rel")) or "").endswith("located"):
            return _str(place.get("name"))
    return None


def _role_value(entries: Any, roles: tuple[str, ...]) -> str | None:
    """ninjs 2.x `headlines`/`descriptions`: the value with a wanted role, else the first."""
    found = [e for e in as_list(entries) if isinstance(e, dict) and _str(e.get("value"))]
    for entry in found:
        if (_str(entry.get("role")) or "").lower() in roles:
            return _str(entry["value"])
    return _str(found[0]["value"]) if found else None


def _byline(item: dict[str, Any]) -> str | None:
    byline = _str(item.get("byline")) or _str(item.get("by"))
    if byline:
        return byline
    names = []
    for entry in as_list(item.get("bylines")):
        if isinstance(entry, dict):
            names.append(_str(entry.get("byline")) or _str(entry.get("by")) or "")
    return ", ".join(n for n in names if n) or None


def article(item: dict[str, Any], guid: str | None, kind: str = "text") -> Article | SkippedItem:
    paragraphs, markup = _body(item)
    headline = (
        _str(item.get("headline"))
        or _role_value(item.get("headlines"), ("main", "headline", "default"))
        or _str(item.get("title"))
    )
    abstract = _str(item.get("description_text")) or _role_value(
        item.get("descriptions"), ("summary", "abstract", "teaser", "lead", "text")
    )
    abstract = abstract or _str(item.get("description_html")) or _str(item.get("summary"))
    if abstract and "<" in abstract:
        abstract = " ".join(xml.paragraphs(xml.parse_html_fragment(abstract))) or None
    if not paragraphs and abstract and has_words(abstract):
        # The description is the only text the item carries: it is the story's text.
        paragraphs, abstract = [abstract], None
    if headline and not has_words(headline):
        headline = None  # a headline that is only a number is not a headline
    if not any(has_words(p) for p in paragraphs):
        paragraphs = []
        if not headline:
            reason = f"ninjs {kind} item with neither headline nor body text"
            return SkippedItem(reason, guid=guid, item_type=kind)
        # A headline alone is still a story (a news alert); a number alone is not.
    if headline and paragraphs and " ".join(paragraphs[0].split()) == headline:
        paragraphs = paragraphs[1:]  # TT repeats the headline as the body's first line
    holder = item.get("copyrightholder")
    feed = _str(item.get("source-feed"))  # Guardian's wire JSON: `PA_API`, `AAP`, …
    return make_article(
        FORMAT,
        paragraphs,
        dateline=parse_dateline_field(_located(item)),
        agency=(feed.split("_")[0] if feed else None)
        or (_str(holder) if not isinstance(holder, dict) else _str(holder.get("name"))),
        guid=guid,
        version=parse_int(item.get("version")),
        urgency=parse_int(item.get("urgency")),
        priority=parse_int(item.get("priority")),
        slugline=_str(item.get("slugline")) or _str(item.get("slug")),
        headline=headline,
        abstract=abstract,
        byline=_byline(item),
        body_markup=markup,
        lang_declared=_str(item.get("language")),
        keywords=[k for v in as_list(item.get("keywords")) if (k := _str(v))],
        subjects=_subjects(item),
        first_created=parse_datetime(_str(item.get("firstcreated"))),
        version_created=parse_datetime(_str(item.get("versioncreated"))),
        embargo_until=parse_datetime(_str(item.get("embargoed"))),
        pubstatus=normalise_pubstatus(_str(item.get("pubstatus"))),
        ednote=_str(item.get("ednote")),
        copyright=_str(item.get("copyrightnotice")),
    )
