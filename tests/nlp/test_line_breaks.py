"""A name never runs over a line break (entities.collect_mentions)."""

from __future__ import annotations

from wirehouse.nlp.enrich import ArticleText, enrich_texts
from wirehouse.nlp.registry import PipelineRegistry
from wirehouse.settings import Settings

# Modelled on a press release in the wire corpus: the English model read the heading and the
# company that opens the next paragraph as one organisation.
RELEASE = """\
The T1700 is available now.

New Rack Workstation Offers Ultimate Performance and Dependability for Remote & Virtualized \
Environments

Dell, the industry leader in rack workstations, announced on Tuesday a new model, said \
Frank Soqui.
"""


def test_a_heading_is_not_glued_to_the_name_below_it() -> None:
    registry = PipelineRegistry(Settings().pipelines)
    result = enrich_texts([ArticleText("en-heading", "en", None, RELEASE, [])], registry)
    entities = {(e["text"], e["label"]) for e in result.entities}
    assert not any("\n" in text for text, _ in entities), entities
    assert ("Dell", "ORG") in entities
    assert ("Frank Soqui", "PER") in entities
