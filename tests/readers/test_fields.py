"""Field rules shared by every reader: datelines, timestamps, status, bylines."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from wirehouse.readers.fields import (
    clean_byline,
    normalise_pubstatus,
    parse_dateline_field,
    parse_datetime,
    split_dateline,
)
from wirehouse.readers.text import is_escaped_markup, unescape_leftover_entities


@pytest.mark.parametrize(
    ("text", "places", "date", "agency", "rest"),
    [
        ("Berlin (dpa) - Text", ["Berlin"], None, "dpa", "Text"),
        ("KIEW/GENF (dpa-AFX) - Text", ["Kiew", "Genf"], None, "dpa-AFX", "Text"),
        ("BUENOS AIRES, Argentina (AP) _ Text", ["Buenos Aires", "Argentina"], None, "AP", "Text"),
        ("Madrid, 23 feb (EFE).- Texto", ["Madrid"], "23 feb", "EFE", "Texto"),
        ("GROSSETO, Italy (AP) -- The", ["Grosseto", "Italy"], None, "AP", "The"),
        ("NEW YORK (AP) — The", ["New York"], None, "AP", "The"),
        ("NEW YORK, 3. März (Reuters) - Text", ["New York"], "3. März", "Reuters", "Text"),
        ("Frankfurt/Main (dpa/lhe) - Text", ["Frankfurt/Main"], None, "dpa/lhe", "Text"),
        ("FRANKFURT AM MAIN (dpa) - Text", ["Frankfurt am Main"], None, "dpa", "Text"),
        ("WASHINGTON, D.C. (AP) _ Text", ["Washington", "D.C."], None, "AP", "Text"),
        # Forms real agency copy uses beside the common one (dateline_forms.py).
        ("Jan 30 (Reuters) - Gold rose", [], "Jan 30", "Reuters", "Gold rose"),
        ("(ANSA) - Rome, October 11 - Italian", ["Rome"], "October 11", "ANSA", "Italian"),
        ("MOSCOW, January 21. /TASS/. The", ["Moscow"], "January 21", "TASS", "The"),
        ("SAITAMA, Japan, Dec. 9 Kyodo - Urawa", ["Saitama", "Japan"], "Dec. 9", "Kyodo", "Urawa"),
        ("Genève (ats) Le scandale", ["Genève"], None, "ats", "Le scandale"),
        ("Bern (sda) Der Bundesrat", ["Bern"], None, "sda", "Der Bundesrat"),
        # Press releases: a whole date and a dash, no agency (datelines.py).
        ("LEEDS, England, Dec. 3, 2026 -- The", ["Leeds", "England"], "Dec. 3, 2026", None, "The"),
        ("Berlin, 3. Dezember 2026 – Die", ["Berlin"], "3. Dezember 2026", None, "Die"),
        ("Paris, le 3 décembre 2026 - La", ["Paris"], "le 3 décembre 2026", None, "La"),
        ("Madrid, 3 de diciembre de 2026 - La", ["Madrid"], "3 de diciembre de 2026", None, "La"),
        # A month's letters open place names too: a date needs its day.
        ("PORTLAND, Maine (AP) — The", ["Portland", "Maine"], None, "AP", "The"),
        ("ANCONA, Marche (ANSA) - Il", ["Ancona", "Marche"], None, "ANSA", "Il"),
        (
            "MARLBOROUGH, Mass.--(BUSINESS WIRE)--Dec 5, 2024--BJ's",
            ["Marlborough", "Mass."],
            "Dec 5, 2024",
            "BUSINESS WIRE",
            "BJ's",
        ),
    ],
)
def test_split_dateline(
    text: str, places: list[str], date: str | None, agency: str, rest: str
) -> None:
    found = split_dateline(text)
    assert found is not None
    dateline, remainder = found
    assert (dateline.places, dateline.date, dateline.agency, remainder) == (
        places,
        date,
        agency,
        rest,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Merkel's Christian Democratic Union (CDU) and their sister party",
        "the talks (which failed) - said",
        "In 2019 (dpa) - not a place",
        "Angela Merkel (CDU) sagte am Montag",
        "He said (AP) that",
        "(Rote Karte) - ein Spieler sah - Rot",
        "Sales rose, Dec. 3, 2026 - the company said",
        "In Berlin, the company said on Dec. 3, 2026 - more",
        "The plan, drafted in May 2026 - was dropped",
    ],
)
def test_sentences_are_not_datelines(text: str) -> None:
    assert split_dateline(text) is None


def test_dateline_fields() -> None:
    assert parse_dateline_field("STOCKHOLM, Aug 29, 2014 (AFP) -").places == ["Stockholm"]
    assert parse_dateline_field("Newport News, VA").places == ["Newport News", "VA"]
    assert parse_dateline_field("NEW YORK").places == ["New York"]
    assert parse_dateline_field("").places == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20140829T134951+0000", datetime(2014, 8, 29, 13, 49, 51, tzinfo=UTC)),
        ("2016-10-21T16:25:32-05:00", datetime(2016, 10, 21, 21, 25, 32, tzinfo=UTC)),
        ("20151210T191044Z", datetime(2015, 12, 10, 19, 10, 44, tzinfo=UTC)),
        ("2025-06-10T14:32:00.123Z", datetime(2025, 6, 10, 14, 32, 0, 123000, tzinfo=UTC)),
        ("2016-10-18", datetime(2016, 10, 18, tzinfo=UTC)),
        ("yesterday", None),
        ("2016-13-45", None),
    ],
)
def test_parse_datetime(value: str, expected: datetime | None) -> None:
    assert parse_datetime(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("stat:usable", "usable"),
        ("Usable", "usable"),
        ("stat:withheld", "withheld"),
        ("stat:canceled", "canceled"),
        ("cancelled", "canceled"),
        ("killed", "canceled"),
        ("embargoed", "withheld"),
        (None, "usable"),
    ],
)
def test_pubstatus(value: str | None, expected: str) -> None:
    assert normalise_pubstatus(value) == expected


def test_byline() -> None:
    assert (
        clean_byline("By PAUL BYRNE and ALMUDENA CALATRAVA=") == "PAUL BYRNE and ALMUDENA CALATRAVA"
    )
    # The agency after the names is the credit, not a writer (`dpa` alone stays).
    assert clean_byline("Von Anna Beispiel, dpa =") == "Anna Beispiel"
    assert (
        clean_byline("Von Marco Krefting und Sunrita Sen, dpa") == "Marco Krefting und Sunrita Sen"
    )
    assert clean_byline("Von dpa") == "dpa"
    assert clean_byline("  ") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alko&#39;s &quot;monopoly&quot;", 'Alko\'s "monopoly"'),
        ("Spire&apos;s caf&eacute; &amp; bar", "Spire's café & bar"),
        ("a &lt;p&gt; tag stays escaped", "a &lt;p&gt; tag stays escaped"),
        ("AT&T; and &unknown; stay", "AT&T; and &unknown; stay"),
        ("a control &#1; stays", "a control &#1; stays"),
    ],
)
def test_entities_escaped_twice_are_undone(text: str, expected: str) -> None:
    assert unescape_leftover_entities(text) == expected


def test_markup_written_out_as_text_is_no_paragraph() -> None:
    assert is_escaped_markup('<div class="embed"></div><script src="x.js"></script>')
    assert not is_escaped_markup("Shares rose <5% on Monday, traders said.")
    assert not is_escaped_markup("<b>Bold</b> words stay")
