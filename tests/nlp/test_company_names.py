"""A company named alone after its product lines is the company, not a person (org_rules)."""

from __future__ import annotations

from wirehouse.nlp.enrich import ArticleText, enrich_texts
from wirehouse.nlp.mentions import Mention
from wirehouse.nlp.org_rules import company_names_alone
from wirehouse.nlp.registry import PipelineRegistry
from wirehouse.settings import Settings


def mention(text: str, label: str) -> Mention:
    words = tuple(text.split())
    return Mention("body", 0, len(words), 0, len(text), text, label, text, words)


def test_a_lone_name_that_opens_two_organisations_is_one() -> None:
    mentions = [
        mention("Dell", "PER"),
        mention("Dell Precision", "ORG"),
        mention("Dell UltraSharp", "ORG"),
        mention("Jeff Clarke", "PER"),
    ]
    company_names_alone(mentions)
    assert [m.label for m in mentions] == ["ORG", "ORG", "ORG", "PER"]


def test_a_person_of_that_name_or_a_single_organisation_keeps_the_person() -> None:
    founder = [
        mention("Dell", "PER"),
        mention("Michael Dell", "PER"),
        mention("Dell Technologies", "ORG"),
        mention("Dell Foundation", "ORG"),
    ]
    company_names_alone(founder)
    assert founder[0].label == "PER"
    one_org = [mention("Porsche", "PER"), mention("Porsche AG", "ORG")]
    company_names_alone(one_org)
    assert one_org[0].label == "PER"


STORY = """\
Dell unveils smaller workstations

ROUND ROCK, Texas -- Dell today announced the Dell Precision T1650 workstation. Dell \
Precision workstations are designed for engineers and designers, and the company also \
introduced the Dell UltraSharp U2412M display and Dell Wyse zero clients for them.

"Customers asked for more power in less space," said Jeff Clarke, who runs the business. \
Dell said the machines go on sale in June.
"""


def test_an_english_press_release_names_the_company_not_a_person() -> None:
    registry = PipelineRegistry(Settings().pipelines)
    result = enrich_texts([ArticleText("en-dell", "en", None, STORY, [])], registry)
    labels = {(e["text"], e["label"]) for e in result.entities if e["text"] == "Dell"}
    assert labels == {("Dell", "ORG")}
    assert ("Jeff Clarke", "PER") in {(e["text"], e["label"]) for e in result.entities}
