"""Word tests the rules after the model share: is a capitalised word an ordinary word, a
compound of one, an acronym, punctuation, an address?"""

from __future__ import annotations

import re
from collections.abc import Container
from collections.abc import Set as AbstractSet

from spacy.tokens import Doc

from wirehouse.nlp.tokens import TokenTable
from wirehouse.nlp.vocab import EDGE_PUNCT


def acronym(word: str) -> bool:
    return len(word) >= 3 and word.isalpha() and word.isupper()


def name_like(t: TokenTable, i: int, stop: AbstractSet[str], lexicon: AbstractSet[str]) -> bool:
    """A capitalised word the language's word list does not know (Umjerow, not Präsident)."""
    w = t.words[i]
    return (
        t.alpha[i]
        and len(w) >= 2
        and w[0].isupper()
        and not w.isupper()
        and t.lowers[i] not in stop
        and w not in lexicon
        and (t.lemmas[i] == w or not t.lemmas[i] or t.lemmas[i] not in lexicon)
    )


def lowercase_vocabulary(doc: Doc) -> Container[str]:
    """Word forms the pipeline's vocabulary knows in lower case, when it carries a table of
    them (de_wirehouse_news: the 200,000 most frequent forms with a Brown class). A
    capitalised word also frequent in lower case (Zudem, Sicht, Polizei — headlines and the
    web write nouns lower-case too) is an ordinary word at the start of a sentence or a
    noun; names rarely are (putin, umjerow, kiew are not in it)."""
    lookups = doc.vocab.lookups
    return lookups.get_table("lexeme_norm") if lookups.has_table("lexeme_norm") else frozenset()


# Endings of German place names that are also nouns (Ham|burg, Rosen|heim, Frank|furt).
_PLACE_ENDINGS = (
    "burg", "berg", "dorf", "heim", "hausen", "stadt", "stedt", "feld", "felde", "furt", "hof",
    "bach", "brück", "brücken", "kirchen", "münde", "hafen", "haven", "wald", "rode", "leben",
    "hagen", "stein", "tal", "thal", "see", "kirch", "mann",
)  # fmt: skip
# Inflection endings to take off the last part of a compound (Handfunkgerät|en).
_NOUN_ENDINGS = ("", "n", "en", "s", "es", "e", "er", "ern", "ns")


def common_compound(word: str, lexicon: AbstractSet[str]) -> bool:
    """A capitalised word the lexicon does not know as a whole but whose last part is one of
    its nouns: German compounds (Kriegs|ende, Blech|schaden, Presse|bericht), which a word
    list can never hold, are not names. Words with a place-name ending are left alone."""
    if len(word) < 7 or word.lower().endswith(_PLACE_ENDINGS):
        return False
    for k in range(3, len(word) - 3):
        tail = word[k].upper() + word[k + 1 :]
        for ending in _NOUN_ENDINGS:
            if ending and not tail.endswith(ending):
                continue
            base = tail[: len(tail) - len(ending)]
            if len(base) >= 4 and base in lexicon:
                return True
    return False


def is_edge_punct(text: str) -> bool:
    return all(ch in EDGE_PUNCT for ch in text)


_MAIL_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")


def is_address(word: str) -> bool:
    """A web or mail address (`http://twitter.com/…`, `www.asada.gov.au`, `media@asada.gov.au`):
    never a name, whatever the model says. `Amazon.com` is a name and not an address here."""
    lowered = word.lower()
    return "://" in lowered or lowered.startswith("www.") or bool(_MAIL_ADDRESS.fullmatch(word))
