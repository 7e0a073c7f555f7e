"""Places and story clusters through the real nightly flow, over two nights, checked with SQL.

Stories of our own (tests/fixtures/clusters/events.json) as ninjs files: night one brings
originals, another agency's rewrite and different stories about the same events; night two a
correction (same story, version 2), a re-send under a new id and a late rewrite.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.same_story import correction, event_texts, resend
from tests.conftest import shared_path
from tests.test_flow_e2e import query, run_night
from wirehouse.settings import Settings

pytestmark = pytest.mark.usefixtures("prefect_harness")

LOCATED = {"ukraine": "Genf", "bahnstreik": "Berlin", "opec": "Vienna"}


def write_item(inbox: Path, guid: str, version: int, text, lang: str, day: int, place: str) -> None:  # type: ignore[no-untyped-def]
    item = {
        "uri": guid,
        "type": "text",
        "version": str(version),
        "language": lang,
        "copyrightholder": text.agency,
        "located": place,
        "headline": text.headline,
        "body_text": text.body,
        "firstcreated": f"2026-12-0{day}T08:00:00Z",
        "versioncreated": f"2026-12-0{day}T08:{version:02d}:00Z",
    }
    (inbox / f"{guid.replace(':', '_')}-{version}.json").write_text(
        json.dumps(item, ensure_ascii=False), encoding="utf-8"
    )


def test_places_and_clusters_over_two_nights(settings: Settings) -> None:
    events = {key: (lang, versions, other) for key, lang, versions, other in event_texts()}
    for key in LOCATED:
        lang, (original, rewrite, _corr, _resend), other = events[key]
        write_item(settings.inbox, f"urn:{key}:1", 1, original, lang, 1, LOCATED[key])
        write_item(settings.inbox, f"urn:{key}:3", 1, other, lang, 1, LOCATED[key])
        if key != "bahnstreik":
            write_item(settings.inbox, f"urn:{key}:2", 1, rewrite, lang, 1, LOCATED[key])
    assert run_night(settings).run["status"] == "completed"

    lang, (original, rewrite, _c, _r), _other = events["ukraine"]
    write_item(settings.inbox, "urn:ukraine:1", 2, correction(original, lang), lang, 1, "Genf")
    write_item(settings.inbox, "urn:ukraine:4", 1, resend(original, lang), lang, 2, "Genf")
    lang, (_o, rewrite, _c, _r), _other = events["bahnstreik"]
    write_item(settings.inbox, "urn:bahnstreik:2", 1, rewrite, lang, 2, "Frankfurt")
    assert run_night(settings).run["status"] == "completed"

    clusters = query(
        settings,
        "SELECT a.story_id, a.version, c.cluster_id = f.article_id AS in_first_cluster "
        "FROM story_clusters c JOIN articles a USING (article_id) "
        "JOIN articles f ON f.article_id = c.cluster_id ORDER BY a.story_id, a.version",
    )
    cluster_story = {
        (story, version): first
        for story, version, first in query(
            settings,
            "SELECT a.story_id, a.version, f.story_id FROM story_clusters c "
            "JOIN articles a USING (article_id) JOIN articles f ON f.article_id = c.cluster_id",
        )
    }
    assert len(clusters) == 11  # every article in exactly one cluster
    for key in LOCATED:
        assert cluster_story[(f"urn:{key}:2", 1)] == f"urn:{key}:1", key  # the rewrite
        assert cluster_story[(f"urn:{key}:3", 1)] == f"urn:{key}:3", key  # another story
    assert cluster_story[("urn:ukraine:1", 2)] == "urn:ukraine:1"  # the correction
    assert cluster_story[("urn:ukraine:4", 1)] == "urn:ukraine:1"  # the re-send
    ukraine = query(
        settings,
        "SELECT agencies, versions, stories FROM clusters c JOIN articles a "
        "ON a.article_id = c.cluster WHERE a.story_id = 'urn:ukraine:1'",
    )
    assert ukraine == [(["APA/dpa", "dpa"], 4, 3)]

    # Every LOC entity has a places row; the seed-story places resolve to their countries.
    assert query(
        settings,
        "SELECT count(*) FROM entities e WHERE label = 'LOC' AND NOT EXISTS (SELECT 1 FROM "
        "places p WHERE p.article_id = e.article_id AND p.part = e.part "
        "AND p.start_char = e.start_char)",
    ) == [(0,)]
    resolved = dict(
        query(
            settings,
            "SELECT DISTINCT p.mention, p.country_code FROM places p JOIN articles a "
            "USING (article_id) WHERE a.story_id = 'urn:ukraine:1' AND p.country_code IS NOT NULL",
        )
    )
    for mention, country in {"Genf": "CH", "Kiew": "UA", "Moskau": "RU"}.items():
        assert resolved.get(mention) == country, (mention, resolved)
    countries = {c for (c,) in query(settings, "SELECT country FROM stories_by_country_day")}
    assert {"UA", "CH", "DE", "AT"} <= countries
    assert query(settings, "SELECT count(*) FROM place_mentions WHERE stories > 0")[0][0] > 10

    # A third night with nothing new assigns nothing and changes no cluster.
    before = query(settings, "SELECT * FROM story_clusters ORDER BY article_id")
    assert run_night(settings).run["status"] == "completed"
    assert query(settings, "SELECT * FROM story_clusters ORDER BY article_id") == before


def test_shared_seed_story_places(settings: Settings) -> None:
    seed = shared_path("seeds", "000_a73598f9923d9b8e.txt")
    (settings.inbox / seed.name).write_bytes(seed.read_bytes())
    assert run_night(settings).run["status"] == "completed"
    resolved = dict(
        query(
            settings,
            "SELECT DISTINCT coalesce(e.norm, e.text), p.country_code FROM places p "
            "JOIN entities e USING (article_id, part, start_char)",
        )
    )
    expected = {"Kiew": "UA", "Genf": "CH", "Washington": "US", "Moskau": "RU"}
    assert {k: resolved.get(k) for k in expected} == expected
    if "Abu Dhabi" in resolved:
        assert resolved["Abu Dhabi"] == "AE"
