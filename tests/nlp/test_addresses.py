"""A web or mail address is never an entity, whatever the model read it as (word_tests)."""

from __future__ import annotations

import pytest

from wirehouse.nlp.enrich import ArticleText, enrich_texts
from wirehouse.nlp.registry import PipelineRegistry
from wirehouse.nlp.word_tests import is_address
from wirehouse.settings import Settings


@pytest.mark.parametrize(
    "word",
    [
        "http://twitter.com/BernardFCondon",
        "https://www.dpa.com",
        "www.asada.gov.au",
        "media@asada.gov.au",
        "Presse@Example.DE",
    ],
)
def test_addresses_are_recognised(word: str) -> None:
    assert is_address(word)


@pytest.mark.parametrize("word", ["Amazon.com", "Yahoo!", "@dpa", "St.", "U.S.", "E-Mail"])
def test_names_and_handles_are_not_addresses(word: str) -> None:
    assert not is_address(word)


STORY = """\
NEW YORK (AP) -- Stocks fell on Wall Street on Tuesday as investors weighed new data on \
inflation, said Bernard Condon of The Associated Press.

Follow Bernard Condon at http://twitter.com/BernardFCondon

Media enquiries: media@asada.gov.au or www.asada.gov.au
"""


def test_an_agency_trailer_link_is_no_place() -> None:
    registry = PipelineRegistry(Settings().pipelines)
    result = enrich_texts([ArticleText("en-links", "en", None, STORY, [])], registry)
    texts = {e["text"] for e in result.entities}
    assert not any("://" in t or "@" in t or "www." in t for t in texts), texts
    assert "Bernard Condon" in texts  # the names around the links are kept
