"""Quality floor and integrity of the shipped German pipeline models/de_wirehouse_news."""

from __future__ import annotations

import hashlib
import json

import pytest

from training import corpora, evaluate

MODEL = corpora.REPO_ROOT / "models" / "de_wirehouse_news"
MANIFEST = MODEL.parent / "de_wirehouse_news.sha256"
# Reached F1 (PER/LOC/ORG micro, GermEval 2014 dev) minus 0.02; see models/.../README.md.
F1_FLOOR = 0.694
# The same for what the warehouse gets: raw text through the enrichment, rules included
# (0.725 reached), and for that enrichment on the held-out 10 % of GermEval test, which no
# rule was chosen on (0.722 reached).
ENRICHMENT_F1_FLOOR = 0.705
HOLDOUT_ENRICHMENT_F1_FLOOR = 0.702
# Out of domain, through the enrichment (training/europarl_eval.py): German Europarl test
# (0.720 reached) and the IXA Europarl German gold set (0.462 reached; CoNLL guidelines
# annotate the debate's institutions, which our training data leaves unannotated).
EUROPARL_DE_F1_FLOOR = 0.70
EUROPARL_IXA_DE_F1_FLOOR = 0.44


def test_checksum_manifest_matches_files() -> None:
    listed: dict[str, str] = {}
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        digest, _, rel = line.partition("  ")
        listed[rel] = digest
    on_disk = {p.relative_to(MODEL.parent).as_posix(): p for p in MODEL.rglob("*") if p.is_file()}
    assert set(listed) == set(on_disk), "manifest and model directory list different files"
    for rel, path in on_disk.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == listed[rel], f"corrupted: {rel}"


def test_meta_names_sources_and_licences() -> None:
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "de_wirehouse_news"
    assert meta["version"]
    names = " ".join(s["name"] for s in meta["sources"])
    for corpus in ("GermEval", "SmartData", "LER", "Europeana", "GSD"):
        assert corpus in names
    assert all(s["license"] and s["citation"] for s in meta["sources"])
    assert set(meta["labels"]["ner"]) == {"PER", "LOC", "ORG", "MISC"}
    assert meta["evaluation"]["scores"]["PER/LOC/ORG"]["f"] > 0


@pytest.mark.slow
@pytest.mark.shared
def test_germeval_dev_quality_floor() -> None:
    root = corpora.corpora_dir()
    if not (root / "germeval2014" / "NER-de-dev.tsv").is_file():
        pytest.skip(f"../shared/corpora not present: GermEval 2014 dev not found under {root}")
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load(MODEL)
    scores = evaluate.evaluate_germeval_dev(nlp, root)
    f1 = scores["PER/LOC/ORG"]["f"]
    assert f1 >= F1_FLOOR, f"GermEval dev PER/LOC/ORG F1 {f1:.4f} < floor {F1_FLOOR}"


@pytest.mark.slow
@pytest.mark.shared
def test_germeval_dev_enrichment_quality_floor() -> None:
    root = corpora.corpora_dir()
    if not (root / "germeval2014" / "NER-de-dev.tsv").is_file():
        pytest.skip(f"../shared/corpora not present: GermEval 2014 dev not found under {root}")
    scores = evaluate.evaluate_enrichment({"de": str(MODEL)}, root)
    f1 = scores["PER/LOC/ORG"]["f"]
    assert f1 >= ENRICHMENT_F1_FLOOR, f"enrichment F1 {f1:.4f} < floor {ENRICHMENT_F1_FLOOR}"
    held_out = evaluate.evaluate_enrichment(
        {"de": str(MODEL)}, root, units=corpora.germeval_holdout(root)
    )
    f1 = held_out["PER/LOC/ORG"]["f"]
    assert f1 >= HOLDOUT_ENRICHMENT_F1_FLOOR, (
        f"enrichment F1 on the held-out split {f1:.4f} < floor {HOLDOUT_ENRICHMENT_F1_FLOOR}"
    )


@pytest.mark.shared
def test_europarl_enrichment_quality_floor() -> None:
    root = corpora.corpora_dir()
    if not (root / "europarl_ner_de" / "test.tsv").is_file():
        pytest.skip(f"../shared/corpora not present: europarl_ner_de not found under {root}")
    spec = {"de": str(MODEL)}
    for units, floor in (
        (corpora.europarl(root, "test"), EUROPARL_DE_F1_FLOOR),
        (corpora.europarl_ixa("de", root), EUROPARL_IXA_DE_F1_FLOOR),
    ):
        f1 = evaluate.evaluate_enrichment(spec, root, units=units)["PER/LOC/ORG"]["f"]
        assert f1 >= floor, f"Europarl ({units[0].source}) enrichment F1 {f1:.4f} < {floor}"


def test_meta_reports_europarl() -> None:
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    europarl = meta["evaluation"]["europarl"]
    assert set(europarl) == {"europarl_de_test", "europarl_ixa_de", "europarl_ixa_en"}
    assert all(e["enrichment"]["PER/LOC/ORG"]["f"] > 0 for e in europarl.values())


def test_pipeline_runs_offline_with_lemmas() -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load(MODEL)
    doc = nlp("Die Gespräche in Kiews Regierungsviertel dauerten an. Danach reiste er ab.")
    assert len(list(doc.sents)) == 2
    assert doc[1].lemma_ == "Gespräch"
    assert {e.label_ for e in doc.ents} <= {"PER", "LOC", "ORG", "MISC"}
