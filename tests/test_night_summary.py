"""The night's terminal summary (night_report.to_text), on summaries built by hand."""

from __future__ import annotations

from wirehouse.night_report import RunSummary, to_text


def test_languages_are_listed_most_stories_first() -> None:
    rows = [
        {"lang": "fr", "articles": 2},
        {"lang": "de", "articles": 40},
        {"lang": "es", "articles": 7},
        {"lang": "de", "articles": 2},
        {"lang": "en", "articles": 7},
    ]
    summary = RunSummary(
        run={"run_id": "r", "status": "completed"},
        files=[],
        articles_by=rows,
        top_entities=[],
        checks=[],
    )
    assert "languages: de 42, en 7, es 7, fr 2" in to_text(summary).splitlines()
