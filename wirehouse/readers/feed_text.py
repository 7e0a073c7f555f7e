"""Text and dates of RSS/Atom items as feeds really write them (used by `rss_atom`).

Feeds carry HTML in their text fields (escaped, in CDATA, or as Atom XHTML), end teasers with
link text (`Read more`, `Weiterlesen`, `[mehr]`) and write dates in forms RFC 822 never knew
(`Di, 03 Dez 2026 10:15:00 MEZ`, `03.12.2026 10:15`). feedparser parses the dates it knows;
the forms here are the ones it leaves unparsed.
"""

from __future__ import annotations

import html
import re
import time
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from wirehouse.model import WireParseError
from wirehouse.readers import xml
from wirehouse.readers.fields import parse_datetime
from wirehouse.readers.text import split_paragraphs, strip_controls

_TAG = re.compile(r"<[A-Za-z/!][^>]*>")


def html_paragraphs(value: str | None, kind: str | None) -> list[str]:
    """Paragraphs of a feed text field: HTML when it is HTML (any tag), else plain text."""
    if not value or not value.strip():
        return []
    if kind and "html" in kind and _TAG.search(value):
        try:
            paragraphs = xml.paragraphs(xml.parse_html_fragment(value))
        except WireParseError:
            paragraphs = []
        if paragraphs:
            return paragraphs
        # Markup the HTML parser gives up on (nested past its depth limit): its text is still
        # better than nothing.
        value = _TAG.sub(" ", value)
    if kind and "html" in kind:
        value = html.unescape(value)
    return split_paragraphs(strip_controls(value))


def is_headline_link(value: str | None, kind: str | None, headline: str | None) -> bool:
    """Whether an HTML description is only links, the first one the item's own title.

    News aggregators (Google News, Bing News) describe an item with a link to it, titled with
    the headline, the publisher's name beside it (`<a …>Headline</a>&nbsp;<font>Reuters</font>`)
    and perhaps links to other sites' copy of the story: a title, no text of its own.
    """
    if not value or not headline or not kind or "html" not in kind or "<a" not in value.lower():
        return False
    try:
        fragment = xml.parse_html_fragment(value)
    except WireParseError:
        return False
    anchors = [a for a in fragment.iter() if isinstance(a.tag, str) and xml.local(a) == "a"]
    if not anchors or " ".join(headline.split()) != " ".join(
        "".join(anchors[0].itertext()).split()
    ):
        return False
    linked = sum(len("".join(a.itertext()).split()) for a in anchors)
    outside = len("".join(fragment.itertext()).split()) - linked
    return outside <= 4 * len(anchors)  # the publishers' names beside the links


def one_line(value: str | None, kind: str | None) -> str | None:
    """A title or name: one line of text, markup and entities gone."""
    joined = " ".join(html_paragraphs(value, kind))
    return joined or None


# Link text closing a teaser, in the languages agencies' feeds are written in. A bare
# `mehr`/`more` counts only in brackets or before an arrow: `… nicht mehr` is a sentence.
_READ_MORE_WORDS = (
    r"read more|read the full (?:story|article|release|text)|continue reading|full story"
    r"|weiterlesen|mehr lesen|zum (?:vollständigen )?artikel|zur meldung|mehr dazu"
    r"|lire la suite|en savoir plus|leer más|seguir leyendo|leggi (?:tutto|di più|l'articolo)"
    r"|lees meer|lees verder|läs mer|les mer|læs mere|lue lisää|czytaj więcej"
)
_READ_MORE = re.compile(
    rf"(?P<open>[\[(]\s*)?(?<!\w)(?:{_READ_MORE_WORDS}|(?P<bare>mehr|more|plus|más|meer))"
    # WordPress names the post after its link text: `Continue reading "Title" →`.
    r"(?:\s+[\"“„«][^\"“”„«»]{1,200}[\"”“»])?"
    r"(?P<close>\s*[\])])?\s*[.:]?\s*(?P<arrow>[»›>→]+)?\s*$",
    re.IGNORECASE,
)
_ENDS_SENTENCE = '.!?…:;"“”»«)]|-–—'
# WordPress closes every item with `The post <title> appeared first on <site>.` (in German
# `Der Beitrag <title> erschien zuerst auf <site>.`)
_APPEARED_FIRST = re.compile(
    r"^(?:The post .+ appeared first on|Der Beitrag .+ erschien zuerst auf) .+\.?$", re.DOTALL
)


def strip_read_more(paragraphs: list[str]) -> list[str]:
    """The teaser without the link text that closes it; the truncated text itself stays."""
    out = list(paragraphs)
    while out and _APPEARED_FIRST.match(out[-1]):
        out.pop()
    if not out:
        return out
    match = _READ_MORE.search(out[-1])
    if match is None:
        return out
    before = out[-1][: match.start()].rstrip()
    marked = bool(match.group("open") and match.group("close")) or bool(match.group("arrow"))
    if match.group("bare") and not marked:
        return out
    if before and not marked and before[-1] not in _ENDS_SENTENCE:
        return out  # `… you can read more`: part of a sentence
    if before:
        out[-1] = before
    else:
        out.pop()
    return out


# A press release closes with its contacts and the wire's credit line: no text of the release
# (NTB's reader leaves contacts out too); `body_markup` keeps them.
_CONTACT_LABELS = (
    r"(?:presse-?kontakte?|medienkontakte?|kontakt für (?:medien|journalisten)|rückfragehinweis"
    r"|rückfragen (?:&|und) kontakt|rückfragen bitte an|rückfragen an|original-content von"
    r"|press contacts?|media contacts?|media inquiries|investor contacts?|contacts? presse"
    r"|contacts? médias?|contactos? de prensa|contatti stampa|perscontact|presskontakt)"
)
_CONTACT_PARAGRAPH = re.compile(rf"^{_CONTACT_LABELS}\s*(?::|$)", re.IGNORECASE)
# The same block run into the text when a feed flattens the release into one paragraph.
_CONTACT_INLINE = re.compile(rf"(?<=[.!?\"“”»])\s+{_CONTACT_LABELS}\s*:", re.IGNORECASE)


def strip_contact_block(paragraphs: list[str]) -> list[str]:
    """The text before a press release's contact block (never the whole first paragraph)."""
    for index, paragraph in enumerate(paragraphs):
        if index > 0 and _CONTACT_PARAGRAPH.match(paragraph.strip()):
            return paragraphs[:index]
        inline = _CONTACT_INLINE.search(paragraph)
        if inline is not None:
            return [*paragraphs[:index], paragraph[: inline.start()]]
    return paragraphs


# --- dates feedparser leaves unparsed -------------------------------------------------------

_MONTHS = {
    "jan": 1, "jän": 1, "janv": 1, "ene": 1, "gen": 1,
    "feb": 2, "febr": 2, "févr": 2, "fév": 2, "fev": 2,
    "mar": 3, "mär": 3, "märz": 3, "mrz": 3, "mars": 3, "mrt": 3, "maerz": 3,
    "apr": 4, "avr": 4, "abr": 4,
    "may": 5, "mai": 5, "mag": 5, "mei": 5,
    "jun": 6, "juin": 6, "giu": 6,
    "jul": 7, "juil": 7, "lug": 7,
    "aug": 8, "août": 8, "aout": 8, "ago": 8,
    "sep": 9, "sept": 9, "set": 9,
    "oct": 10, "okt": 10, "ott": 10,
    "nov": 11,
    "dec": 12, "dez": 12, "déc": 12, "dic": 12,
}  # fmt: skip
# Zone names RFC 822 does not know but European feeds write.
_ZONES = {
    "MEZ": "+0100", "MESZ": "+0200", "CET": "+0100", "CEST": "+0200", "WET": "+0000",
    "WEST": "+0100", "EET": "+0200", "EEST": "+0300", "BST": "+0100", "UTC": "+0000",
    "JST": "+0900", "AEST": "+1000", "AEDT": "+1100",
}  # fmt: skip
_WEEKDAY = re.compile(r"^\s*[^\W\d_]{2,12}\.?,?\s+(?=\d)")
_WORD = re.compile(r"[^\W\d_]+\.?")
_NUMERIC = re.compile(
    r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"
    r"(?:,?\s+(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?)?\s*(?:Uhr|h)?"
    r"\s*(?P<tz>[+-]\d{2}:?\d{2}|[A-Z]{1,5})?$"
)


def struct_to_datetime(value: time.struct_time | None) -> datetime | None:
    """feedparser's parsed date (a struct_time in UTC) as an aware datetime."""
    if value is None:
        return None
    try:
        return datetime(*value[:5], min(value[5], 59), tzinfo=UTC)
    except (ValueError, OverflowError):
        return None


def parse_feed_date(value: str | None) -> datetime | None:
    """A date feedparser could not read: localised month and zone names, `dd.mm.yyyy`, ISO
    with a space. A time without a zone is UTC, as everywhere in wirehouse. None if unusable."""
    if not value or not value.strip():
        return None
    value = " ".join(value.split())
    return parse_datetime(value) or _numeric(value) or _rfc822_localised(value)


def _rfc822_localised(value: str) -> datetime | None:
    text = _WEEKDAY.sub("", value)

    def english(match: re.Match[str]) -> str:
        word = match.group(0).rstrip(".")
        if word.upper() in _ZONES:
            return _ZONES[word.upper()]
        month = _MONTHS.get(word.lower())
        return ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                "Dec")[month] if month else match.group(0)  # fmt: skip

    text = _WORD.sub(english, text)
    try:
        stamp = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return _aware(stamp)


def _numeric(value: str) -> datetime | None:
    match = _NUMERIC.match(value)
    if match is None:
        return None
    g = match.groupdict()
    zone = _ZONES.get((g["tz"] or "").upper(), g["tz"] if g["tz"] and g["tz"][0] in "+-" else "")
    try:
        stamp = datetime(
            int(g["y"]), int(g["m"]), int(g["d"]), int(g["h"] or 0), int(g["mi"] or 0),
            int(g["s"] or 0),
        )  # fmt: skip
    except ValueError:
        return None
    if zone:
        digits = zone.replace(":", "")
        minutes = int(digits[1:3]) * 60 + int(digits[3:5])
        stamp = stamp.replace(
            tzinfo=timezone(timedelta(minutes=minutes * (-1 if digits[0] == "-" else 1)))
        )
    return _aware(stamp)


def _aware(stamp: datetime) -> datetime | None:
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    try:
        return stamp.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
