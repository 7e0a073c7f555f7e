"""The ordinary words of a language without an entity model, for `gazetteer_places`.

Not the lookup lemma tables the blank pipelines load: they were made from running text,
names included (Spanish lists `milano`, `oporto` and `brasil`, Portuguese `lisboa`). Spanish
has a curated list, the lemma index of spacy-lookups-data's rule lemmatizer (nouns,
adjectives, verbs: `mayo`, `sur`, `central`, `victoria`, `paz`, but also `valencia`, `lima`,
`granada`, `león`, which are common words too). Italian's per-part-of-speech tables hold
`roma` and `milano`, so only their lemmas with another form are taken (`mosca` → `mosche`,
`porto` → `porti`, `vittoria`, `pace`; no city has a plural). Dutch's index lists `utrecht`
and `parijs`, Portuguese has no curated table: they go without (the other tests of
`gazetteer_places` still apply). Read from the installed package, nothing downloaded.
"""

from __future__ import annotations

import threading

# Tables of spacy-lookups-data whose lemmas are the language's common words: all of an index
# (lemma lists), those with another form of a lookup table (form → lemma).
WORD_TABLES: dict[str, tuple[str, ...]] = {
    "es": ("lemma_index",),
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
        from spacy.strings import get_string_id as string_id

        lookups = load_lookups(lang, list(tables))
    except Exception:  # spacy-lookups-data missing or without the table: no list
        return frozenset()
    words: set[str] = set()
    for name in tables:
        table = lookups.get_table(name)
        if name.endswith("_index"):
            for value in table.values():
                words.update(value)
            continue
        # Keys are hashes of the forms: a lemma with another form has a key not its own.
        words.update(v for key, v in table.items() if isinstance(v, str) and key != string_id(v))
    return frozenset(w.lower() for w in words)
