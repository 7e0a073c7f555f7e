"""One publication status for every format, and empty items flagged, in the article model."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from wirehouse.model import PUBSTATUS_VALUES, Article, normalise_pubstatus


@pytest.mark.parametrize(
    ("raw", "take_key", "headline", "status"),
    [
        ("stat:usable", None, None, "usable"),
        (None, None, None, "usable"),
        ("stat:canceled", None, None, "canceled"),  # NewsML-G2
        ("Canceled", None, None, "canceled"),  # NewsML 1.2 Status
        ("cancelled", None, None, "canceled"),
        ("stat:withdrawn", None, None, "withdrawn"),
        ("Withdrawn", None, None, "withdrawn"),  # ninjs / NewsML 1.2
        ("stat:withheld", None, None, "withheld"),
        ("embargoed", None, None, "withheld"),  # NITF management-status
        ("usable", "KILL", None, "canceled"),  # ANPA 1312 take key
        ("usable", "Kill", None, "canceled"),
        ("usable", "WITHDRAWAL", None, "withdrawn"),
        ("usable", "Löschung", None, "canceled"),  # dpa IPTC 7901
        ("usable", None, "KILL: Bundesliga results", "canceled"),
        ("usable", None, "URGENT KILL - Wrong score", "canceled"),
        ("usable", None, "WITHDRAWAL: Market brief", "withdrawn"),
        # A story about killing is no kill notice.
        ("usable", None, "Kill switch fitted to all new cars", "usable"),
        ("usable", "1st LEAD", "Police kill suspect in shootout", "usable"),
        ("something else", None, None, "usable"),
    ],
)
def test_normalise_pubstatus(
    raw: str | None, take_key: str | None, headline: str | None, status: str
) -> None:
    assert normalise_pubstatus(raw, take_key, headline) == status
    assert status in PUBSTATUS_VALUES


def test_row_keeps_raw_values_beside_normalised_ones() -> None:
    article = Article(
        format="newsml_g2",
        body="",
        headline="Market brief withdrawn",
        agency="REUTERS",
        pubstatus="stat:withdrawn",
    )
    row = article.to_row(datetime(2026, 12, 2, tzinfo=UTC))
    assert (row["agency"], row["agency_raw"]) == ("Reuters", "REUTERS")
    assert (row["pubstatus"], row["pubstatus_raw"]) == ("withdrawn", "stat:withdrawn")
    assert row["is_empty"] is True
    assert row["sent"] is None


def test_story_identity_does_not_depend_on_the_agency_spelling() -> None:
    # story_id of id-less stories is a fingerprint over the agency as sent: canonicalising it
    # must not give rows already in a warehouse new ids.
    sent = Article(format="anpa1312", body="Text.", headline="H", agency="REUTERS")
    assert sent.to_row(datetime(2026, 12, 2, tzinfo=UTC))["story_id"] == sent.story_id
    assert sent.story_id != Article(format="anpa1312", body="Text.", headline="H").story_id
