"""dpa-AFX trailers: desk codes, stamps and copyright lines leave the body, what they carry stays."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.conftest import shared_path
from wirehouse.model import Article
from wirehouse.readers import dpa_afx
from wirehouse.readers.dpa_afx_trailer import split_trailer

STORY = "FRANKFURT (dpa-AFX) - Shares of Example AG rose 7 percent on Monday, analysts said."


@pytest.mark.parametrize(
    ("ending", "kept", "codes"),
    [
        ("orders./ast/DP/zb", "orders.", ["ast", "DP", "zb"]),
        ("orders./dpa-AFX/ch/tos", "orders.", ["ch", "tos"]),
        ("orders.\n\n/ajx/jha/", "orders.", ["ajx", "jha"]),
        ("orders. /he", "orders.", ["he"]),
        ('"orders."/kro/he', '"orders."', ["kro", "he"]),
        ("orders./jha/he 14:05", "orders.", ["jha", "he"]),  # a time without a day: dropped
        ("orders./dpa/lni/he", "orders.", ["lni", "he"]),
    ],
)
def test_desk_codes_leave_the_body(ending: str, kept: str, codes: list[str]) -> None:
    out = split_trailer(f"{STORY}\n\nAnalysts cited {ending}\n")
    assert out.text == f"{STORY}\n\nAnalysts cited {kept}"
    assert out.desk_codes == codes
    assert out.stamp is None


@pytest.mark.parametrize(
    ("tail", "stamp"),
    [
        # German wire clock without a zone: 07:53 CET is 06:53 UTC.
        ("/ck/he\n\nAXC0065 2023-02-23/07:53", datetime(2023, 2, 23, 6, 53, tzinfo=UTC)),
        ("/ck/he 01.07.2024 10:15", datetime(2024, 7, 1, 8, 15, tzinfo=UTC)),
        ("/ck/he\n01.07.2024 10:15 Uhr GMT", datetime(2024, 7, 1, 10, 15, tzinfo=UTC)),
        ("/ck/he\n\n2024-03-01", datetime(2024, 3, 1, 12, 0, tzinfo=UTC)),
        ("/ck/he\n\n2024-02-31 10:00", None),  # no such day: no date rather than a wrong one
    ],
)
def test_a_stamp_with_a_full_date_is_read(tail: str, stamp: datetime | None) -> None:
    out = split_trailer(f"{STORY}{tail}")
    assert out.text == STORY and out.desk_codes == ["ck", "he"]
    assert out.stamp == stamp


def test_copyright_line_is_kept_apart() -> None:
    out = split_trailer(f"{STORY}/ck/he\n\nCopyright dpa-AFX Wirtschaftsnachrichten GmbH\n")
    assert out.text == STORY
    assert out.copyright == "Copyright dpa-AFX Wirtschaftsnachrichten GmbH"


@pytest.mark.parametrize(
    "ending",
    [
        "Details are at www.example.com/ir",
        "Investors can buy and/or sell",
        "Sales rose in the U.S./Canada",
        "The ratio was 3/4",
        "It happened at 10:15",
    ],
)
def test_text_that_only_looks_like_a_trailer_stays(ending: str) -> None:
    text = f"{STORY}\n\n{ending}"
    out = split_trailer(text)
    assert out.text == text and not out.desk_codes and out.stamp is None


def test_the_reader_fills_desk_codes_and_story_time() -> None:
    data = (
        "Example AG shares jump on orders\n\n"
        f"{STORY}\n\nThe company confirmed its outlook./dpa-AFX/jha/ck\n\n"
        "AXC0123 2024-03-01/10:15\n"
    ).encode()
    (article,) = dpa_afx.read(data)
    assert isinstance(article, Article)
    assert article.body.endswith("The company confirmed its outlook.")
    assert "dpa-AFX/" not in article.body and "AXC0123" not in article.body
    assert article.desk_codes == ["jha", "ck"]
    assert article.version_created == datetime(2024, 3, 1, 9, 15, tzinfo=UTC)
    assert article.agency == "dpa-AFX"


def test_the_seed_story_keeps_its_codes_and_names_no_date() -> None:
    (article,) = dpa_afx.read(shared_path("seeds", "000_a73598f9923d9b8e.txt").read_bytes())
    assert isinstance(article, Article)
    assert article.desk_codes == ["ast", "DP", "zb"]
    assert article.body.endswith("der USA und der Kriegsparteien statt.")
    # No stamp in the file: its story_date is the ingest time (README, story_date_source).
    assert article.version_created is None and article.dateline_date is None
