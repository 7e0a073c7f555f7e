"""Real agency files in ../shared/wire-samples: headline, body and ids must come out right.

Skipped with a reason when ../shared is absent (the product must run without it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.readers.conftest import SHARED_SAMPLES
from wirehouse.model import Article
from wirehouse.readers import read_wire

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(
        not SHARED_SAMPLES.is_dir(), reason=f"shared wire samples not found at {SHARED_SAMPLES}"
    ),
]

EXPECTED: dict[str, dict[str, Any]] = {
    "IPTC7901.txt": {
        "format": "iptc7901",
        "headline": "Germany Social Democrats: Coalition talks with Merkel could fail",
        "body_start": "Negotiations between German conservatives headed by Chancellor Angela",
        "body_end": "sworn in for a third term before Christmas.",
        "places": ["Berlin"],
        "agency": "dpa",
        "slugline": "Germany-politics",
        "priority": 4,
    },
    "dpa_four_line.txt": {
        "format": "iptc7901",
        "headline": "Switzerland joins list of countries resisting UN migration pact",
        "body_start": "Switzerland is joining a growing number of countries",
        "body_end": "Hungary, Israel, Poland and the United States.",
        "places": ["Geneva"],
        "agency": "dpa",
        "take_key": "REFILE 1ST LEAD",
        "byline": "dpa correspondents",
    },
    "anpa-1.tst": {
        "format": "anpa1312",
        "headline": "For Argentine chemo patients, mirrors can hurt",
        "body_start": "For cancer patients dealing with the physical and psychological",
        "body_end": "APTN contributor Kacey Cherry in Buenos Aires helped with this story.",
        "places": ["Buenos Aires", "Argentina"],
        "agency": "AP",
        "byline": "PAUL BYRNE and ALMUDENA CALATRAVA",
    },
    "nitf-fishing.xml": {
        "format": "nitf",
        "headline": "Weather and Tide Updates for Norfolk",
        "body_start": "The weather was superb today in Norfolk, Virginia.",
        "body_end": "Happy fishing everybody!",
        "guid": "iptc.321656141.b",
        "pubstatus": "canceled",
        "byline": "Alan Karben",
    },
    "ap-nitf.xml": {
        "format": "nitf",
        "headline": "Can trading pollution like stocks help fight climate change?",
        "body_start": "The gas produced by hog manure at farms across the U.S.",
        "body_end": "http://www.bigstory.ap.org/content/bernard-condon .",
        "places": ["New York"],
        "agency": "AP",
        "byline": "BERNARD CONDON",
    },
    "afp.xml": {
        "format": "newsml12",
        "headline": "Sweden court accepts receivership for Saab carmaker",
        "body_start": "A Chinese-owned company set up to take over Saab's assets",
        "body_end": "targeted the Chinese market with a line of electric cars.",
        "guid": "urn:newsml:afp.com:20140829T135002Z:TX-PAR-FXW86",
        "version": 1,
        "places": ["Stockholm"],
        "agency": "AFP",
    },
    "LISTING 1 A NewsML-G2 News Item.xml": {
        "format": "newsml_g2",
        "headline": 'Fed to halt QE to avert "bubble"',
        "body": "",
        "guid": "urn:newsml:acmenews.com:20161018:US-FINANCE-FED",
        "version": 9,
        "slugline": "US-Finance-Fed",
    },
    "dpa.xml": {
        "format": "newsml_g2",
        "headline": "Eintracht in London: Hintereggers Tränen und Attacke auf Reporter",
        "body_start": "2019 gab es bittere Tränen in der Kurve",
        "body_end": "Eine Woche später gewann die Eintracht auch das Rückspiel und zog ins Endspiel ein.",
        "guid": "urn:newsml:dpa.com:20090101:221011-930-4303",
        "version": 1,
        "places": ["London"],
        "agency": "dpa",
        "lang_declared": "de",
    },
    "ninjsExSimpleText1.json": {
        "format": "ninjs",
        "headline": "Captain of wrecked cruise ship on trial in Italy",
        "body_start": "The trial of the captain of the shipwrecked Costa Concordia",
        "body_end": "Schettino has denied wrongdoing.",
        "guid": "http://ninjs.example.com/newsitems/20130709simp123",
        "agency": "AP",
    },
    "ninjsExMediumText1.json": {
        "format": "ninjs",
        "headline": "Captain of wrecked cruise ship on trial in Italy",
        "body_start": "The trial of the captain of the shipwrecked Costa Concordia",
        "body_end": "Schettino has denied wrongdoing.",
        "guid": "http://ninjs.example.com/newsitems/20130709med123",
        "agency": "AP",
    },
}


def _samples() -> list[Path]:
    return sorted(SHARED_SAMPLES.iterdir()) if SHARED_SAMPLES.is_dir() else []


@pytest.mark.parametrize("path", _samples(), ids=lambda p: p.name)
def test_every_sample_reads_cleanly(path: Path) -> None:
    _, items = read_wire(path.read_bytes())
    articles = [i for i in items if isinstance(i, Article)]
    assert articles, f"{path.name}: no article read"
    for article in articles:
        assert article.headline
        assert "\r" not in article.body and "\x01" not in article.body
        assert "Ã" not in article.body
        assert not article.body.startswith(tuple(f"{p} (" for p in article.dateline_places))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_fields(name: str) -> None:
    path = SHARED_SAMPLES / name
    if not path.exists():
        pytest.skip(f"{name} is not in {SHARED_SAMPLES}")
    expected = EXPECTED[name]
    fmt, items = read_wire(path.read_bytes())
    assert fmt == expected["format"]
    [article] = items
    assert isinstance(article, Article)
    assert article.headline == expected["headline"]
    if "body" in expected:
        assert article.body == expected["body"]
    else:
        assert article.body.startswith(expected["body_start"])
        assert article.body.endswith(expected["body_end"])
        assert "\n\n" in article.body
    checks = {"places": "dateline_places"}
    for key in (
        "guid",
        "version",
        "agency",
        "places",
        "slugline",
        "priority",
        "take_key",
        "byline",
        "pubstatus",
        "lang_declared",
    ):
        if key in expected:
            assert getattr(article, checks.get(key, key)) == expected[key], key
    if "guid" in expected:
        assert article.story_id == expected["guid"]
