"""The text of a NewsML-G2 contentSet: which rendition is the story, and its paragraphs.

Renditions are XHTML (dpa, TT, Reuters, APA), NITF (IPTC's examples, XML Team) or plain text.
XHTML bodies carry furniture agencies put around the story: dpa's header and `section.main`,
TT's `dat` line (vignette and source), a `byline` block; the byline is kept, the rest dropped.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from wirehouse.model import count_words
from wirehouse.readers import nitf, xml
from wirehouse.readers.datelines import Dateline
from wirehouse.readers.text import split_paragraphs, strip_controls


def content(content_set: etree._Element | None) -> dict[str, Any]:
    """Body paragraphs and markup from the fullest text rendition in the contentSet.

    XML renditions (XHTML, NITF) come first; plain-text inlineData only when none has text
    (dpa adds a 7901 headline rendition as text/plain). Among several, the one with the most
    words is the story: an agency may send a short rendition (a brief, a byline) first.
    """
    best: dict[str, Any] = {"paragraphs": []}
    for kind in ("inlineXML", "inlineData"):
        for rendition in xml.kids(content_set, kind):
            values = _rendition(rendition)
            if values is not None and _words(values) > _words(best):
                best = values
        if best["paragraphs"]:
            break
    return best


def _words(values: dict[str, Any]) -> int:
    return sum(count_words(p) for p in values["paragraphs"])


def _rendition(rendition: etree._Element) -> dict[str, Any] | None:
    kind = (xml.attr(rendition, "contenttype") or "").lower()
    inner = next(iter(rendition), None)
    raw = rendition.text or ""
    if inner is None:
        if kind and not kind.startswith("text/") and "html" not in kind:
            return None
        if "html" in kind or _MARKUP.search(raw):
            # XHTML escaped into the text of the rendition rather than written as elements.
            return {"paragraphs": xml.paragraphs(xml.parse_html_fragment(raw)), "body_markup": raw}
        return {"paragraphs": split_paragraphs(strip_controls(raw)), "body_markup": raw or None}
    if xml.local(inner) == "BODY":
        return _tt_body(inner)
    if xml.local(inner) == "nitf":
        values = {k: v for k, v in nitf.extract(inner).items() if v not in (None, [], "")}
        values.setdefault("paragraphs", [])
        values["agency_fallback"] = values.pop("agency", None)
        return values
    values = {"body_markup": xml.markup(inner)}
    body = xml.first_descendant(inner, "body") if xml.local(inner) == "html" else inner
    byline = _take_furniture(body)
    main = [s for s in xml.descendants(body, "section") if "main" in (s.get("class") or "").split()]
    values["paragraphs"] = [p for s in main for p in xml.paragraphs(s)] or xml.paragraphs(body)
    if byline:
        values["byline"] = byline
    return values


_MARKUP = re.compile(r"<(?:p|div|br|h[1-6])\b", re.IGNORECASE)


def _tt_body(body: etree._Element) -> dict[str, Any]:
    """TT's own body markup (`application/ttnitf+xml`): `TEXT` blocks of `RUBRIK`, `DAT`
    (`ORT` the place, `SOURCE` the reporter's base), `INGRESS`, `BRODTEXT` with `P`, `CITAT`
    and `MELLIS`, then `BYLINE` and `BILD` (a picture with its caption): the place and the
    byline are fields, the picture is no text."""
    values: dict[str, Any] = {"body_markup": xml.markup(body)}
    places = [p for el in xml.descendants(body, "ORT") if (p := xml.text(el))]
    bylines = [b for el in xml.descendants(body, "BYLINE") if (b := xml.text(el))]
    for el in xml.descendants(body, "DAT", "BYLINE", "BILD"):
        xml.remove_keeping_tail(el)
    values["paragraphs"] = xml.paragraphs(body)
    if bylines:
        values["byline"] = bylines[0]
    if places:
        values["dateline"] = Dateline(places[:1])
    return values


# XHTML blocks that label the story rather than tell it (TT's `dat` line: vignette and source).
_FURNITURE_CLASSES = {"dat", "vignette", "source", "dateline"}


def _take_furniture(body: etree._Element | None) -> str | None:
    """Remove byline and label blocks from an XHTML body; return the story's byline, if any.

    A byline inside a figure is the photographer's and goes with the figure.
    """
    byline = None
    for el in list(xml.descendants(body, "p", "div", "span", "address")):
        classes = set((el.get("class") or "").lower().split())
        in_figure = any(xml.local(a) == "figure" for a in el.iterancestors())
        if "byline" in classes and not in_figure:
            byline = byline or xml.text(el)
        elif not classes & _FURNITURE_CLASSES:
            continue
        xml.remove_keeping_tail(el)
    return byline
