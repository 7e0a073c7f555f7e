"""What every JSON wire reader shares: loading, telling the shapes apart, small value helpers.

Agencies send three JSON shapes we read: ninjs (IPTC, 1.x to 3.x), dpa's digitalwires entries
and the AP Media API response. Anything else that parses as JSON is not a news item and is
quarantined with that reason, never read as plain text.
"""

from __future__ import annotations

import json
import re
from typing import Any

from wirehouse.model import WireParseError
from wirehouse.readers import xml
from wirehouse.readers.text import decode_bytes

NO_SHAPE = "JSON without a ninjs/digitalwires/AP shape"
# A whole file that is one JSON scalar (`42`, `"text"`, `true`) is not a news item.
_SCALAR = re.compile(
    r'\s*(?:-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|"(?:[^"\\]|\\.)*")\s*', re.S
)
_DIGITALWIRES = re.compile(r'"(?:entry_id|article_html)"\s*:|"format"\s*:\s*"digitalwires', re.I)
_AP_MEDIA_API = re.compile(r'"data"\s*:\s*\{.*?"(?:item|items)"\s*:', re.S)
_AP_MARKERS = re.compile(r'"api_version"\s*:|"altids"\s*:\s*\{')


def scalar_json(text: str) -> str | None:
    """Describe a file that is a bare JSON scalar, or None."""
    if not _SCALAR.fullmatch(text):
        return None
    stripped = text.strip()
    kind = "a string" if stripped.startswith('"') else f"the value {stripped[:20]}"
    return f"{NO_SHAPE}: the file is just {kind}"


def sniff_json_shape(head: str) -> str:
    """`digitalwires`, `ap_media_api` or `ninjs` from the first part of a JSON file."""
    if _DIGITALWIRES.search(head):
        return "digitalwires"
    if _AP_MEDIA_API.search(head[:4096]) and _AP_MARKERS.search(head):
        return "ap_media_api"
    return "ninjs"


def load(data: bytes) -> Any:
    try:
        return json.loads(decode_bytes(data))
    except json.JSONDecodeError as exc:
        raise WireParseError(f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    except RecursionError:
        raise WireParseError("the JSON is nested too deeply to be a news item") from None


def lower_keys(value: Any, depth: int = 0) -> Any:
    """ninjs 3 writes `versionCreated`, 1.x/2.x `versioncreated`: read both the same way."""
    if depth > 12:
        return value
    if isinstance(value, dict):
        return {str(k).lower(): lower_keys(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [lower_keys(v, depth + 1) for v in value]
    return value


def text_value(value: Any) -> str | None:
    """A non-empty string, stripped; anything else (numbers included) is not text."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def has_words(text: str | None) -> bool:
    """Text a person can read: at least one word of two letters (not only digits or marks)."""
    return bool(text) and re.search(r"[^\W\d_]{2,}", text or "") is not None


_HTML_START = re.compile(r"^\s*<(?:[a-zA-Z][\w:-]*)(?:\s[^>]*)?/?>")


def looks_like_markup(text: str) -> bool:
    return _HTML_START.match(text) is not None


_BLOCKS = {"p", "div", "table", "ul", "ol", "li", "pre", "blockquote", "section", "article"}
_BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6", "hl1", "hl2", "block", "body", "tr", "dl"}
# Page furniture inside TT's HTML bodies: the section name and source above the text.
# TT's `dat` line and its `byline` block (the byline is the item's own field; a picture's
# byline inside its figure goes with the figure, which is no text either).
_FURNITURE_CLASSES = {"dat", "vignette", "source", "byline"}


def markup_paragraphs(markup: str) -> list[str]:
    """Paragraphs of HTML/XHTML or NITF markup (an embedded `<nitf>` document included)."""
    stripped = markup.lstrip()
    if stripped.startswith("<?xml") or re.match(r"<nitf[\s>]", stripped, re.I):
        root = xml.parse_xml_text(re.sub(r"^<\?xml[^>]*\?>", "", stripped))
        body = xml.first_descendant(root, "body.content")
        return xml.paragraphs(root if body is None else body)
    root = xml.parse_html_fragment(markup)
    for el in list(root.iter()):
        classes = set((el.get("class") or "").split()) if isinstance(el.tag, str) else set()
        if classes & _FURNITURE_CLASSES and el.getparent() is not None:
            xml.remove_keeping_tail(el)
    if not any(xml.local(el).lower() in _BLOCKS for el in root.iterdescendants()):
        # Text with only inline markup (links, bold) is one paragraph, not one per link.
        joined = " ".join("".join(root.itertext()).split())
        return [joined] if joined else []
    return xml.paragraphs(root)
