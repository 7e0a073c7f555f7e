"""The ordinary words of a language without an entity model, for `gazetteer_places`.

Not the lookup lemma table the blank pipelines load: Spanish's lists `roma`, `bruselas` and
`milano` among its forms (it was made from running text, names included). The curated word
lists of spacy-lookups-data's rule lemmatizers hold common words only (nouns, adjectives,
verbs; `mayo`, `sur`, `central`, `victoria`, `paz`), and so do Italian's per-part-of-speech
tables. Read from the installed package; a language without such a list has none (the other
tests of `gazetteer_places` still apply).
"""

from __future__ import annotations

import threading

# Tables of spacy-lookups-data whose lemmas are the language's common words.
WORD_TABLES: dict[str, tuple[str, ...]] = {
    "es": ("lemma_index",),
    "nl": ("lemma_index",),
    "it": ("lemma_lookup_noun", "lemma_lookup_adj", "lemma_lookup_adv", "lemma_lookup_other"),
}

_WORDS: dict[str, frozenset[str]] = {}
_LOCK = threading.Lock()


def ordinary_words(lang: str) -> frozenset[str]:
    """Lower-case common words of `lang` (empty when spacy-lookups-data has no list)."""
    with _LOCK:
        found = _WORDS.get(lang)
        if found is None:
            found = _WORDS[lang] = _load(lang)
        return found


def _load(lang: str) -> frozenset[str]:
    tables = WORD_TABLES.get(lang)
    if not tables:
        return frozenset()
    try:
        from spacy.lookups import load_lookups

        lookups = load_lookups(lang, list(tables))
    except Exception:  # spacy-lookups-data missing or without the table: no list
        return frozenset()
    words: set[str] = set()
    for name in tables:
        for value in lookups.get_table(name).values():
            words.update(value if isinstance(value, list) else (value,))
    return frozenset(w.lower() for w in words)
