"""German: a first name followed by a name-like word is a person the model missed.

Unseen names are the model's main recall loss ("Laura Osswald", "Anders Ahlgren"). A known
first name right before a capitalised word that is neither an ordinary noun nor a known place
is a strong cue. First names come from german-nouns (Vorname) and, when the pipeline carries
Brown-cluster norms (de_wirehouse_news), from the clusters dense in those names: Brown classes
group words by the contexts they occur in, so a class that holds many listed first names holds
mostly first names (Kevin, Holger, Steffen). Measured in training/RESULTS.md (row 27).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet

from spacy.tokens import Doc
from spacy.vocab import Vocab

from wirehouse.nlp.common_nouns import common_nouns, given_names, known_places
from wirehouse.nlp.mention_spans import make_mention
from wirehouse.nlp.mentions import Mention
from wirehouse.nlp.tokens import token_table

# A Brown class counts as a first-name class when at least this many listed first names fall
# in it and they are at least this share of the class (de_wirehouse_news: 5 classes, e.g.
# 290 of 2,289 and 145 of 636; the surname class ≈40 holds 50 of 8,246 and is left out).
_MIN_NAMES_IN_CLASS = 30
_MIN_SHARE_IN_CLASS = 0.1
_SURNAME = re.compile(r"[A-ZÄÖÜ][a-zäöüßàáâãåæçèéêëìíîïñòóôõøùúûýćčěłńřśšźž]+(-[A-ZÄÖÜ][^\W\d_]+)?")

_CLASS_NAMES: dict[int, frozenset[str]] = {}


def _first_name_classes(vocab: Vocab) -> frozenset[str]:
    """Brown classes (the vocab's `lexeme_norm` values) dense in listed first names."""
    key = id(vocab)
    if key not in _CLASS_NAMES:
        found: frozenset[str] = frozenset()
        if vocab.lookups.has_table("lexeme_norm"):
            table = vocab.lookups.get_table("lexeme_norm")
            names = Counter(table[w] for w in given_names() if w in table)
            sizes = Counter(table.values()) if names else Counter()
            found = frozenset(
                c
                for c, n in names.items()
                if n >= _MIN_NAMES_IN_CLASS and n >= _MIN_SHARE_IN_CLASS * sizes[c]
            )
        _CLASS_NAMES[key] = found
    return _CLASS_NAMES[key]


def warm_word_lists(vocab: Vocab) -> None:
    """Build the word lists now (the fork server does, so its workers share them)."""
    common_nouns(), known_places(), _first_name_classes(vocab)


def is_first_name(word: str, norms: Mapping[str, str] | None, classes: AbstractSet[str]) -> bool:
    if word in given_names():
        return True
    return bool(classes) and norms is not None and norms.get(word) in classes


def first_name_persons(
    parts: Sequence[tuple[str, Doc]],
    mentions: Sequence[Mention],
    stop: AbstractSet[str],
    forms: set[str],
    counts: Mapping[str, int],
) -> list[Mention]:
    """PER mentions for uncovered "First Last" pairs (see the module docstring)."""
    found: list[Mention] = []
    nouns, places = common_nouns(), known_places()
    for name, doc in parts:
        t = token_table(doc)
        n = len(t.words)
        covered = bytearray(n)
        for m in mentions:
            if m.part == name:
                covered[m.tok_start : m.tok_end] = b"\x01" * (m.tok_end - m.tok_start)
        lookups = doc.vocab.lookups
        norms = lookups.get_table("lexeme_norm") if lookups.has_table("lexeme_norm") else None
        classes = _first_name_classes(doc.vocab)
        after_hit = 0  # a hit takes two words: the next pair starts after both
        for i in [i for i, w in enumerate(t.words) if w[:1].isupper()]:
            if i < after_hit or i >= n - 1:
                continue
            first, last = t.words[i], t.words[i + 1]
            if (
                not covered[i]
                and not covered[i + 1]
                and not t.space[i]
                and first[:1].isupper()
                and t.lowers[i] not in stop
                and first not in nouns
                and is_first_name(first, norms, classes)
                and _SURNAME.fullmatch(last)
                and t.lowers[i + 1] not in stop
                and last not in nouns
                and last not in places
                # not a compound of nouns (Laser-Chirurgie)
                and not any(part in nouns for part in last.split("-"))
            ):
                found.append(make_mention(name, doc, i, i + 2, "PER", forms, counts))
                after_hit = i + 2
    return found
