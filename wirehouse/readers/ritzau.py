"""Ritzau XML (Danish): one `<RBNews>` record per story; the news API returns several in one
`XMLNewsQueuedResponse`, each read as its own article.

Ritzau's feed is a flat record, not an IPTC standard: `NewsID`, `version`, `PublishDate`
(Copenhagen wall-clock time, no offset), `Priority`, `headline`, `subtitle`, `byLine` (the
writer), `origin` (the writer with the agency, or only `/ritzau/`), `town`, `strapline`
(keywords apart with `/`), `TilRedaktionen` (the note to editors, itself HTML), `IPTCList`
(subject codes as serialised ints), the flags `Annuleret` (cancelled), `Korrektion`, `NyVersion`
and `content`: the body as HTML, usually escaped inside the element's text, sometimes as child
elements.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

from lxml import etree

from wirehouse.model import Article, SkippedItem, Subject, WireParseError
from wirehouse.readers import xml
from wirehouse.readers.fields import (
    Dateline,
    make_article,
    normalise_pubstatus,
    parse_int,
    parse_local_datetime,
)

FORMAT = "ritzau"
ROOT = "RBNews"
# Ritzau's news API answers with several RBNews records in one response document.
FEED_ROOTS = ("XMLNewsQueuedResponse", "ListOfRBNews")
# The record's flags: a cancelled story (`Annuleret`), a correction, a new version.
_FLAG_TAKE_KEYS = (("Korrektion", "Korrektion"), ("NyVersion", "Ny version"))
_AGENCY_ONLY = re.compile(r"^\s*(?:via\s+)?/?ritzau/?\s*$", re.IGNORECASE)
_SIGN_OFF = re.compile(r"\s*/ritzau/\s*$", re.IGNORECASE)
_LOCAL_TIME = ZoneInfo("Europe/Copenhagen")


def read(data: bytes, *, max_bytes: int | None = None) -> list[Article | SkippedItem]:
    root = xml.parse_xml(data, max_bytes=max_bytes)
    if xml.local(root) == ROOT:
        return [_read_item(root)]
    if xml.local(root) not in FEED_ROOTS:
        raise WireParseError(f"not Ritzau XML: the root element is <{xml.local(root)}>")
    items = xml.descendants(root, ROOT)
    if not items:
        raise WireParseError(f"the Ritzau feed response <{xml.local(root)}> holds no RBNews")
    return [_read_item(item) for item in items]


def _read_item(root: etree._Element) -> Article:
    field = _fields(root)
    paragraphs, markup = _html_paragraphs(_element(root, "content"))
    if paragraphs:
        # `… landsmand. /ritzau/`: the agency's sign-off closes the text, it is not text.
        paragraphs[-1] = _SIGN_OFF.sub("", paragraphs[-1])
    headline = field("headline")
    if not paragraphs and not headline:
        raise WireParseError("the Ritzau item has neither a headline nor body text")
    if not headline and paragraphs:
        headline = paragraphs[0]  # Ritzau's flashes come without a headline
    published = parse_local_datetime(field("PublishDate"), _LOCAL_TIME)
    note, _ = _html_paragraphs(_element(root, "TilRedaktionen", "Tilredaktionen"))
    priority = parse_int(field("Priority"))
    town = field("town")
    take_keys = [key for flag, key in _FLAG_TAKE_KEYS if _is_true(field(flag))]
    return make_article(
        FORMAT,
        paragraphs,
        dateline=Dateline([town]) if town else None,
        agency="Ritzau",
        guid=field("NewsID"),
        version=parse_int(field("version")),
        headline=headline,
        abstract=field("subtitle"),
        byline=field("byLine") or _origin_byline(field("origin")),
        priority=priority,
        urgency=priority,
        keywords=[k.strip() for k in (field("strapline") or "").split("/") if k.strip()],
        subjects=[
            Subject(code=code.zfill(8) if code.isdigit() else code)
            for el in xml.descendants(_element(root, "IPTCList"), "int")
            if (code := xml.text(el))
        ],
        first_created=published,
        version_created=published,
        pubstatus=normalise_pubstatus("canceled" if _is_true(field("Annuleret")) else None),
        take_key=" ".join(take_keys) or None,
        ednote="\n".join(note) or None,
        body_markup=markup,
        lang_declared="da",
    )


def _is_true(value: str | None) -> bool:
    return (value or "").strip().lower() == "true"


def _origin_byline(origin: str | None) -> str | None:
    """`origin` names the writer (`Mette Sørensen/Ritzau`) or only the agency (`/ritzau/`)."""
    if origin is None or _AGENCY_ONLY.match(origin):
        return None
    return origin


def _element(root: etree._Element, *names: str) -> etree._Element | None:
    return xml.first_descendant(root, *names)


def _fields(root: etree._Element) -> Callable[[str], str | None]:
    def field(name: str) -> str | None:
        return xml.text(_element(root, name))

    return field


def _html_paragraphs(el: etree._Element | None) -> tuple[list[str], str | None]:
    """Paragraphs of an HTML field, escaped in the text (`&lt;p&gt;`) or as real elements."""
    if el is None:
        return [], None
    if len(el):
        return xml.paragraphs(el), xml.markup(el)
    markup = (el.text or "").strip()
    if not markup:
        return [], None
    return xml.paragraphs(xml.parse_html_fragment(markup)), markup
