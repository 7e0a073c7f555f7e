"""Readers of the Europarl corpora (training/corpora.py), on fixtures written here."""

from __future__ import annotations

from pathlib import Path

from training import corpora

EUROPARL = (
    "Das\td\tART\tI-NC\tO\nParlament\tParlament\tNN\tI-NC\tI-ORG\nund\tund\tKON\tO\tO\n"
    "Herr\tHerr\tNN\tI-NC\tO\nPoggiolini\tPoggiolini\tNE\tI-NC\tI-PER\n"
    "in\tin\tAPPR\tI-PC\tO\nWeißrußland\tWeißrußland\tNE\tI-NC\tI-LOC\n"
    "der\td\tART\tI-NC\tO\nEuropäischen\teuropäisch\tADJA\tI-NC\tI-ORG\n"
    "Union\tUnion\tNN\tI-NC\tI-ORG\n,\t,\t$,\tO\tO\n"
    "europäischen\teuropäisch\tADJA\tI-NC\tI-MISC\nZoll\tZoll\tNN\tI-NC\tO\n\n"
    "Ja\tja\tPTKANT\tO\tO\n\n"
)


def test_europarl_training_mapping(tmp_path: Path) -> None:
    (tmp_path / "europarl_ner_de").mkdir()
    (tmp_path / "europarl_ner_de" / "train.tsv").write_text(EUROPARL, encoding="utf-8")
    (tmp_path / "europarl_ner_de" / "test.tsv").write_text(EUROPARL, encoding="utf-8")
    first, second = corpora.europarl(tmp_path, "train")
    assert second.words == ["Ja"]
    got = {(" ".join(first.words[s:e]), label) for s, e, label in first.ents}
    # The debate's own body (one-word "Parlament") and MISC are unknown, not O.
    assert got == {("Poggiolini", "PER"), ("Weißrußland", "LOC"), ("Europäischen Union", "ORG")}
    assert {" ".join(first.words[s:e]) for s, e in first.missing} == {"Parlament", "europäischen"}
    # The test split is scored as annotated.
    test = corpora.europarl(tmp_path, "test")[0]
    assert ("Parlament", "ORG") in {(" ".join(test.words[s:e]), lab) for s, e, lab in test.ents}


def test_ixa_conll02(tmp_path: Path) -> None:
    (tmp_path / "europarl_ner_ixa").mkdir()
    text = (
        "I O\ndeclare O\nthe O\nEuropean B-ORG\nParliament I-ORG\nopen O\n\nMr B-PER\nCox I-PER\n"
    )
    (tmp_path / "europarl_ner_ixa" / "en-europarl.test.conll02").write_text(text, "utf-8")
    units = corpora.europarl_ixa("en", tmp_path)
    assert [u.ents for u in units] == [[(3, 5, "ORG")], [(0, 2, "PER")]]
