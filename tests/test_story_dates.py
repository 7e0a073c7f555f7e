"""One story date per story: which evidence each format gives, and how a dateline day is read."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from wirehouse.model import Article
from wirehouse.readers import read_wire
from wirehouse.story_dates import STORY_DATE_SOURCES, choose_story_date, parse_dateline_date

INGESTED = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)
WIRE = FIXTURES / "wire"


def _rows(name: str) -> list[dict]:
    _fmt, items = read_wire((WIRE / name).read_bytes())
    return [i.to_row(INGESTED) for i in items if isinstance(i, Article)]


# (fixture, article index, story date source, story date as ISO). The best evidence each
# format carries: G2/ninjs/NewsML 1.2 their firstCreated, NITF and ANPA 1312 their only
# timestamp, dpa-AFX text and IPTC 7901 nothing (the ingest time, saying so).
PER_FORMAT = [
    ("newsml_g2_dpa_de.xml", 0, "first_created", "2025-06-14T09:40:00+00:00"),
    ("newsml_g2_message_multi.xml", 0, "first_created", "2025-06-12T18:00:00+00:00"),
    ("newsml_g2_message_multi.xml", 1, "version_created", "2025-06-13T08:58:00+00:00"),
    ("newsml12_afp_package.xml", 0, "first_created", "2025-06-12T08:00:00+00:00"),
    ("ninjs1_array.json", 0, "first_created", "2025-06-14T20:00:00+00:00"),
    ("ninjs1_array.json", 1, "ingested", "2026-12-02T01:00:00+00:00"),
    ("nitf_efe_latin1.xml", 0, "version_created", "2025-06-11T08:15:00+00:00"),
    ("anpa1312_tabular_kill.txt", 0, "version_created", "2024-09-14T17:25:00+00:00"),
    ("dpa_afx_bom_crlf.txt", 0, "ingested", "2026-12-02T01:00:00+00:00"),
    ("iptc7901_de_stream_cp1252.txt", 0, "version_created", "2004-03-04T10:12:00+00:00"),
    ("plain_text_notice.txt", 0, "ingested", "2026-12-02T01:00:00+00:00"),
]


@pytest.mark.parametrize(("name", "index", "source", "expected"), PER_FORMAT)
def test_story_date_per_format(name: str, index: int, source: str, expected: str) -> None:
    row = _rows(name)[index]
    assert (row["story_date_source"], row["story_date"].isoformat()) == (source, expected)


def test_every_fixture_story_has_a_date_and_a_known_source() -> None:
    for path in sorted(p for p in WIRE.iterdir() if p.is_file()):
        for row in _rows(path.name):
            assert row["story_date"] is not None, path.name
            assert row["story_date_source"] in STORY_DATE_SOURCES, path.name


def _choose(**given: object) -> tuple[str, str]:
    values: dict = {"first_created": None, "version_created": None, "sent": None}
    values.update(dateline_date=None, ingested_at=INGESTED)
    values.update(given)
    stamp, source = choose_story_date(**values)
    return stamp.isoformat(), source


T1 = datetime(2025, 6, 10, 14, 30, tzinfo=UTC)
T2 = datetime(2025, 6, 10, 14, 32, tzinfo=UTC)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"first_created": T1, "version_created": T2}, (T1.isoformat(), "first_created")),
        ({"version_created": T2, "sent": T1}, (T2.isoformat(), "version_created")),
        ({"sent": T1, "dateline_date": "June 3"}, (T1.isoformat(), "sent")),
        ({"dateline_date": "Mo., 3. Juni"}, ("2026-06-03T12:00:00+00:00", "dateline_date")),
        ({"dateline_date": "2013-05-15"}, ("2013-05-15T12:00:00+00:00", "dateline_date")),
        ({}, (INGESTED.isoformat(), "ingested")),
        # A broken clock is no evidence: the next one counts.
        (
            {"first_created": datetime(1970, 1, 1, tzinfo=UTC), "version_created": T2},
            (T2.isoformat(), "version_created"),
        ),
        (
            {"first_created": datetime(2031, 1, 1, tzinfo=UTC)},
            (INGESTED.isoformat(), "ingested"),
        ),
        ({"dateline_date": "Kein Datum"}, (INGESTED.isoformat(), "ingested")),
    ],
)
def test_choose_story_date(given: dict, expected: tuple[str, str]) -> None:
    assert _choose(**given) == expected


REF = datetime(2026, 6, 20, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mo., 3. Juni", date(2026, 6, 3)),
        ("June 3", date(2026, 6, 3)),
        ("June 3rd", date(2026, 6, 3)),
        ("May 16, 2021", date(2021, 5, 16)),
        ("Aug 29, 2014", date(2014, 8, 29)),
        ("7 Jul 2015", date(2015, 7, 7)),
        ("16 ene", date(2026, 1, 16)),
        ("12 juin 2025", date(2025, 6, 12)),
        ("3 de junio de 2024", date(2024, 6, 3)),
        ("11 giu", date(2026, 6, 11)),
        ("2013-05-15", date(2013, 5, 15)),
        ("20150707T202300+0000", date(2015, 7, 7)),
        ("15.05.2013", date(2013, 5, 15)),
        ("3. Dezember", date(2025, 12, 3)),  # nearest to the reference: last December
        ("31 Feb", None),
        ("Berlin", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_dateline_date(text: str | None, expected: date | None) -> None:
    assert parse_dateline_date(text, REF) == expected


def test_dateline_year_crosses_new_year() -> None:
    new_year = datetime(2027, 1, 2, 3, 0, tzinfo=UTC)
    assert parse_dateline_date("Dec 31", new_year) == date(2026, 12, 31)
    assert parse_dateline_date("2. Januar", new_year) == date(2027, 1, 2)


@given(text=st.text(max_size=80), hours=st.integers(min_value=0, max_value=24 * 365 * 30))
def test_any_dateline_text_gives_a_date_or_none_never_an_error(text: str, hours: int) -> None:
    reference = datetime(2000, 1, 1, tzinfo=UTC) + timedelta(hours=hours)
    found = parse_dateline_date(text, reference)
    assert found is None or isinstance(found, date)
