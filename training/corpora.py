"""Readers for the open German corpora in ``../shared/corpora`` and their label mapping.

Every reader yields :class:`Annotated` records: a token list plus entity spans already mapped
onto the four labels the shipped pipeline predicts (PER, LOC, ORG, MISC), plus token ranges whose
annotation is *unknown* (they become "missing" in spaCy, so the NER loss ignores them instead of
learning "not an entity"). The mapping is documented in ``training/README.md``.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc
from spacy.vocab import Vocab

REPO_ROOT = Path(__file__).resolve().parent.parent
LABELS = ("PER", "LOC", "ORG", "MISC")
EVAL_LABELS = ("PER", "LOC", "ORG")
MISSING = "-"  # marker label for "annotation unknown" spans

# --- label mappings -----------------------------------------------------------------------
# GermEval 2014 (outer layer only). *deriv ("deutschen") and *part ("US-Regierung") are not
# names of an entity, only words derived from / containing one: they map to O.
GERMEVAL_MAP: dict[str, str] = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}

# LER fine classes. Legal norms, regulations, contracts, case citations and legal literature
# are neither names in the news sense nor reliably "not a name" (e.g. "Grundgesetz"): they are
# marked missing so the model gets no signal either way.
LER_MAP: dict[str, str] = {
    "PER": "PER",  # person
    "RR": "PER",  # judge
    "AN": "PER",  # lawyer
    "LD": "LOC",  # country
    "ST": "LOC",  # city
    "STR": "LOC",  # street
    "LDS": "LOC",  # landscape
    "ORG": "ORG",  # organisation
    "UN": "ORG",  # company
    "INN": "ORG",  # institution
    "GRT": "ORG",  # court
    "MRK": "MISC",  # brand
    "GS": MISSING,  # law
    "VO": MISSING,  # ordinance
    "EUN": MISSING,  # European legal norm
    "VS": MISSING,  # regulation
    "VT": MISSING,  # contract
    "RS": MISSING,  # court decision
    "LIT": MISSING,  # legal literature
}
# Generic government nouns that LER tags INN but GermEval leaves unannotated.
LER_GENERIC_INN = re.compile(r"^(Bundes|Landes|Staats)?[Rr]egierung\w*$")

# SmartData concept types. Everything that is not a name (dates, numbers, triggers, positions,
# distances ...) is O. Routes ("S2", "IC-Züge") are ambiguous between a name and a product, so
# they are missing.
SMARTDATA_MAP: dict[str, str] = {
    "person": "PER",
    "location": "LOC",
    "location-city": "LOC",
    "location-stop": "LOC",
    "location-street": "LOC",
    "location-route": MISSING,
    "organization": "ORG",
    "organization-company": "ORG",
}

EUROPEANA_MAP: dict[str, str] = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}


@dataclass
class Annotated:
    """One training/evaluation unit (a sentence or a short paragraph)."""

    words: list[str]
    ents: list[tuple[int, int, str]] = field(default_factory=list)  # token start, end, label
    spaces: list[bool] | None = None
    missing: list[tuple[int, int]] = field(default_factory=list)  # token ranges, unknown
    source: str = ""

    def to_doc(self, vocab: Vocab) -> Doc:
        doc = Doc(vocab, words=self.words, spaces=self.spaces)
        spans = [doc[s:e] for s, e, _ in self.ents]
        for span, (_, _, label) in zip(spans, self.ents, strict=True):
            span.label_ = label
        missing = [doc[s:e] for s, e in self.missing]
        doc.set_ents(spans, missing=missing, default="outside")
        return doc


def corpora_dir() -> Path:
    """``$WIREHOUSE_CORPORA`` or ``../shared/corpora`` relative to the repository root."""
    env = os.environ.get("WIREHOUSE_CORPORA")
    return Path(env) if env else (REPO_ROOT.parent / "shared" / "corpora").resolve()


def _bio_to_spans(
    tags: list[str], mapping: dict[str, str]
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """Decode IOB/IOB2 tags; return mapped entity spans and missing spans."""
    raw: list[tuple[int, int, str]] = []
    start, cur = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        inside = prefix == "I" and typ == cur
        if cur and not inside:
            raw.append((start, i, cur))
            cur = ""
        if prefix in ("B", "I") and typ and not inside:
            start, cur = i, typ
    ents: list[tuple[int, int, str]] = []
    missing: list[tuple[int, int]] = []
    for s, e, typ in raw:
        label = mapping.get(typ, "")
        if label == MISSING:
            missing.append((s, e))
        elif label:
            ents.append((s, e, label))
    return ents, missing


# --- GermEval 2014 ------------------------------------------------------------------------
def read_germeval(path: Path) -> Iterator[Annotated]:
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in [*fh, ""]:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if words:
                    ents, missing = _bio_to_spans(tags, GERMEVAL_MAP)
                    yield Annotated(words, ents, missing=missing, source="germeval")
                words, tags = [], []
                continue
            cols = line.split("\t")
            words.append(cols[1])
            tags.append(cols[2])


def germeval_dev(root: Path | None = None) -> list[Annotated]:
    return list(read_germeval((root or corpora_dir()) / "germeval2014" / "NER-de-dev.tsv"))


def germeval_test(root: Path | None = None) -> list[Annotated]:
    return list(read_germeval((root or corpora_dir()) / "germeval2014" / "NER-de-test.tsv"))


def germeval_holdout(
    root: Path | None = None, fraction: float = 0.1, seed: int = 13
) -> list[Annotated]:
    """The fixed 10 % of GermEval *test* that training never sees (`training.convert` holds
    it out for early stopping): a second evaluation set, for choices made on GermEval dev."""
    import random

    units = germeval_test(root)
    random.Random(seed).shuffle(units)
    return units[: int(len(units) * fraction)]


# --- LER ----------------------------------------------------------------------------------
def _has_real_word(words: list[str]) -> bool:
    return any(sum(ch.isalpha() for ch in w) >= 3 for w in words)


def read_ler(path: Path) -> Iterator[Annotated]:
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line in [*fh, ""]:
            line = line.rstrip("\r\n")
            if not line.strip():
                if words:
                    yield _ler_sentence(words, tags)
                words, tags = [], []
                continue
            tok, _, tag = line.rpartition(" ")
            words.append(tok or tag)
            tags.append(tag if tok else "O")


def _ler_sentence(words: list[str], tags: list[str]) -> Annotated:
    ents, missing = _bio_to_spans(tags, LER_MAP)
    kept: list[tuple[int, int, str]] = []
    for s, e, label in ents:
        span_words = words[s:e]
        # Anonymised names ("K.", "E", "S. …") teach nothing about real names: unknown.
        generic = e - s == 1 and LER_GENERIC_INN.match(span_words[0])
        if not _has_real_word(span_words) or generic:
            missing.append((s, e))
        else:
            kept.append((s, e, label))
    return Annotated(words, kept, missing=missing, source="ler")


def ler(root: Path | None = None) -> list[Annotated]:
    base = (root or corpora_dir()) / "ler"
    return [s for f in ("ler_dev.conll", "ler_test.conll") for s in read_ler(base / f)]


# --- Europeana Newspapers -----------------------------------------------------------------
def read_europeana(path: Path, max_len: int = 60) -> Iterator[Annotated]:
    """The files are one token stream per page: cut at sentence-final punctuation."""
    words: list[str] = []
    tags: list[str] = []

    def flush() -> Iterator[Annotated]:
        if words:
            ents, missing = _bio_to_spans(tags, EUROPEANA_MAP)
            yield Annotated(list(words), ents, missing=missing, source="europeana")
        words.clear()
        tags.clear()

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("# "):
                yield from flush()
                continue
            parts = line.split()
            if not parts:
                continue
            tag = parts[-1].upper() if len(parts) > 1 else "O"
            if not re.fullmatch(r"[BI]-(PER|LOC|ORG)|O", tag):
                tag = "O"
            words.append(parts[0])
            tags.append(tag)
            if (parts[0] in (".", "!", "?") and tag == "O") or len(words) >= max_len:
                yield from flush()
    yield from flush()


def europeana(root: Path | None = None) -> list[Annotated]:
    base = (root or corpora_dir()) / "europeana_newspapers_de"
    return [s for f in sorted(base.glob("enp_DE.*.bio")) for s in read_europeana(f)]


# --- German Europarl (Faruqui & Padó) ------------------------------------------------------
# CoNLL-2003 guidelines, IOB1. CoNLL's MISC covers nationality adjectives ("europäischen",
# "marokkanischen") and name compounds ("Alzheimer-Krankheit") that GermEval calls *deriv /
# *part (→ O), next to real other names: neither O nor MISC is safe, so MISC is missing.
EUROPARL_MAP: dict[str, str] = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": MISSING}
# One-word ORG mentions that stand for *this* parliament's bodies ("das Parlament", "dieses
# Hohe Haus", "die Kommission"): GermEval leaves such generic nouns unannotated.
EUROPARL_GENERIC_ORG = frozenset(
    {"Parlament", "Parlaments", "Haus", "Hause", "Hauses", "Kommission", "Rat", "Rates",
     "Union", "Gemeinschaft", "Rechnungshof", "Ausschuß", "Ausschuss"}
)  # fmt: skip


def read_europarl(path: Path, for_training: bool = True) -> Iterator[Annotated]:
    """Token TAB lemma TAB POS TAB chunk TAB NER (IOB1), blank line between sentences.

    ``for_training=False`` keeps the annotation as it is (evaluation: PER/LOC/ORG exactly as
    annotated, generic parliament bodies included)."""
    words: list[str] = []
    tags: list[str] = []

    def flush() -> Iterator[Annotated]:
        if words:
            ents, missing = _bio_to_spans(tags, EUROPARL_MAP)
            kept: list[tuple[int, int, str]] = []
            for s, e, label in ents:
                generic = label == "ORG" and e - s == 1 and words[s] in EUROPARL_GENERIC_ORG
                if for_training and (generic or words[s][:1].islower()):
                    missing.append((s, e))
                else:
                    kept.append((s, e, label))
            yield Annotated(list(words), kept, missing=missing, source="europarl")
        words.clear()
        tags.clear()

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 5:
                yield from flush()
                continue
            words.append(parts[0])
            tags.append(parts[-1])
    yield from flush()


def europarl(root: Path | None = None, split: str = "train") -> list[Annotated]:
    """German Europarl NER; ``split`` train (training) or test (evaluation only, as annotated)."""
    path = (root or corpora_dir()) / "europarl_ner_de" / f"{split}.tsv"
    return list(read_europarl(path, for_training=split == "train"))


# --- IXA Europarl (en/de/es/it, parallel; evaluation only) ---------------------------------
IXA_MAP: dict[str, str] = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


def read_conll02(path: Path) -> Iterator[Annotated]:
    """Token SPACE tag (IOB2), blank line between sentences."""
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in [*fh, ""]:
            parts = line.split()
            if len(parts) >= 2:
                words.append(parts[0])
                tags.append(parts[-1])
            elif words:
                ents, _ = _bio_to_spans(tags, IXA_MAP)
                yield Annotated(list(words), ents, source=path.name)
                words.clear()
                tags.clear()


def europarl_ixa(lang: str, root: Path | None = None) -> list[Annotated]:
    """The IXA Europarl gold test set of ``lang`` (evaluation only, never trained on)."""
    path = (root or corpora_dir()) / "europarl_ner_ixa" / f"{lang}-europarl.test.conll02"
    return list(read_conll02(path))


# --- SmartData ----------------------------------------------------------------------------
def _json_objects(text: str) -> Iterator[dict[str, Any]]:
    dec = json.JSONDecoder()
    i = 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return
        obj, i = dec.raw_decode(text, i)
        yield obj


def _avro_array(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return list(value.get("array") or [])
    return list(value or [])


def read_smartdata(path: Path, vocab: Vocab) -> Iterator[Annotated]:
    """Char-span mentions → spaCy tokens (German tokenizer), one unit per text line."""
    from spacy.lang.de import German

    tokenizer = German(vocab).tokenizer
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        objects = list(_json_objects(fh.read()))
    places = {
        obj["text"]["string"][m["span"]["start"] : m["span"]["end"]]
        for obj in objects
        for m in _avro_array(obj.get("conceptMentions"))
        if m["type"].startswith("location")
    }
    for obj in objects:
        text: str = obj["text"]["string"]
        mentions = []
        for m in _avro_array(obj.get("conceptMentions")):
            label = SMARTDATA_MAP.get(m["type"], "")
            surface = text[m["span"]["start"] : m["span"]["end"]]
            if label == "LOC" and _is_place_adjective(surface, places):
                continue  # "Kölner Kneipe": derived adjective, O (as GermEval's LOCderiv)
            if label:
                mentions.append((m["span"]["start"], m["span"]["end"], label))
        offset = 0
        for line in text.split("\n"):
            start, end = offset, offset + len(line)
            offset = end + 1
            if not line.strip():
                continue
            local = [(s - start, e - start, lab) for s, e, lab in mentions if start <= s < end]
            unit = _char_spans_to_tokens(tokenizer(line), local)
            if unit is not None:
                yield unit


def _is_place_adjective(surface: str, places: set[str]) -> bool:
    if " " in surface:
        return False
    if re.search(r"isch(e|en|er|es|em)?$", surface):
        return True
    stem = re.sub(r"er(n|s)?$", "", surface)
    return stem != surface and stem in places


def _char_spans_to_tokens(doc: Doc, mentions: list[tuple[int, int, str]]) -> Annotated | None:
    ents: list[tuple[int, int, str]] = []
    missing: list[tuple[int, int]] = []
    for s, e, label in sorted(mentions):
        text = doc.text[s:e]
        expanded = doc.char_span(s, min(e, len(doc.text)), alignment_mode="expand")
        if expanded is None:
            continue
        span = doc.char_span(s, e, alignment_mode="strict")
        if label == MISSING or span is None:
            # Unknown, or a name inside a token ("US-Regierung"): no signal either way.
            missing.append((expanded.start, expanded.end))
        elif not text[:1].isupper() and not text[:1].isdigit():
            continue  # "deutschen", "beiden Richtungen": not names → O
        else:
            ents.append((span.start, span.end, label))
    # resolve overlaps: keep the first (longest-first would need more care; overlaps are rare)
    taken: set[int] = set()
    clean: list[tuple[int, int, str]] = []
    for s, e, label in sorted(ents, key=lambda x: (x[0], -(x[1] - x[0]))):
        if taken.isdisjoint(range(s, e)):
            clean.append((s, e, label))
            taken.update(range(s, e))
    clean_missing = [(s, e) for s, e in missing if taken.isdisjoint(range(s, e))]
    for s, e in clean_missing:
        taken.update(range(s, e))
    words = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    if not any(w.strip() for w in words):
        return None
    return Annotated(words, clean, spaces=spaces, missing=_merge(clean_missing), source="smartdata")


def _merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def smartdata(vocab: Vocab, root: Path | None = None) -> list[Annotated]:
    base = (root or corpora_dir()) / "smartdata"
    return [u for f in ("train.json.gz", "test.json.gz") for u in read_smartdata(base / f, vocab)]


# --- UD German GSD (sentence boundaries for the senter) -----------------------------------
def read_conllu_docs(
    path: Path, sents_per_doc: int = 10
) -> Iterator[tuple[list[str], list[bool], list[bool]]]:
    """Yield (words, spaces, sent_starts) for groups of consecutive sentences."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool] = []
    n = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                n += 1
                if n % sents_per_doc == 0 and words:
                    yield words, spaces, starts
                    words, spaces, starts = [], [], []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            starts.append(cols[0] == "1")
            words.append(cols[1])
            spaces.append("SpaceAfter=No" not in cols[9])
    if words:
        yield words, spaces, starts
