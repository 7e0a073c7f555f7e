"""The bench's accounts add up (bench/costs.py), on figures shaped like a run's."""

from __future__ import annotations

import pytest

from bench import costs

FULL = {
    "wall_seconds": 100.0,
    "import_seconds": 3.0,
    "flow_seconds": 95.0,
    "cpu_seconds": 180.0,
    "cpu_by_role": {"flow": 30.0, "fork_server": 10.0, "workers": 139.0, "other": 1.0},
    # Wall-clock unions of overlapping batches: together more than the flow's 95 s.
    "stage_seconds": {"parse": 40.0, "detect_language": 30.0, "enrich": 90.0, "cluster": 2.0},
    "stage_cpu_seconds": {"parse": 6.0, "detect_language": 4.0, "enrich": 3.0, "cluster": 1.5},
}
DERIVED = {
    "index_cpu_seconds": 0.2,
    "resolve_cpu_seconds": 1.0,
    "places_cpu_seconds": 1.2,
    "place_mentions": 900,
    "signature_cpu_seconds": 2.0,
    "articles": 5000,
}


def test_cpu_account_adds_up_to_the_run() -> None:
    rows = costs.cpu_account(FULL, DERIVED)
    top = [cpu for what, cpu in rows if not what.startswith(" ")]
    assert sum(top) == pytest.approx(FULL["cpu_seconds"])
    assert all(cpu >= 0 for cpu in top)
    assert ("flow: outside the stages (imports, Prefect, other threads)", 15.5) in rows


def test_wall_split_adds_up_and_stage_unions_are_only_shares() -> None:
    assert sum(costs.wall_split(FULL).values()) == pytest.approx(1.0)
    assert costs.stage_wall_share(FULL)["enrich"] == 0.9


def test_places_clusters_share() -> None:
    pc = costs.places_clusters(FULL, DERIVED)
    assert pc["cpu_seconds_total"] == pytest.approx(1.2 + 2.0 + 1.5)
    assert pc["cpu_share"] == pytest.approx(4.7 / 180, abs=1e-4)
    assert pc["wall_share_at_most"] == pytest.approx((1.2 + 2.0) / 100)


def test_languages_join_warehouse_report_and_bare() -> None:
    rows = [("de", "de_wirehouse_news 0.3.1", 10, 5000), ("es", "blank:es 3.8.18", 2, 800)]
    report = [
        {"lang": "de", "entities": 40, "no_entity_model": False},
        {"lang": "es", "entities": 0, "no_entity_model": True},
    ]
    out = costs.languages(rows, {"language_seconds": {"de": 2.0, "es": 0.1}}, report)
    assert out[0]["words_per_worker_second"] == 2500 and out[0]["entity_model"]
    assert not out[1]["entity_model"] and out[1]["entities"] == 0
