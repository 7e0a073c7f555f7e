"""Name normalisation: articles, honorifics and possessives stripped; German inflection off
(German only: other languages keep their words as written)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from wirehouse.nlp.vocab import APOSTROPHES, DETERMINERS, GENITIVE_VOWELS, HONORIFICS, OBLIQUE_ADJ

_FR_ARTICLES = frozenset({"la", "le", "les"})


def normalize_name(
    text: str,
    label: str,
    *,
    lemmas: Sequence[str] | None = None,
    forms: Iterable[str] = (),
    counts: Mapping[str, int] | None = None,
    lang: str = "de",
) -> str:
    """Nominative, article-free form of a German name mention.

    `text` is split on whitespace (so `lemmas`, when given, must align with those words).
    `forms` are the word forms seen elsewhere in the same story: they are the strongest
    evidence that a trailing -s is a genitive (`Putins` when `Putin` occurs too).
    """
    words = text.split()
    return " ".join(
        normalize_words(
            words, list(lemmas) if lemmas else None, label, set(forms), counts or {}, lang=lang
        )
    )


def normalize_words(
    words: list[str],
    lemmas: list[str] | None,
    label: str,
    forms: set[str],
    counts: Mapping[str, int],
    *,
    lang: str = "de",
) -> list[str]:
    words = list(words)
    lems: list[str] = list(lemmas) if lemmas and len(lemmas) == len(words) else [""] * len(words)
    # English possessive: "Putin 's" (separate token) or "Putin's".
    if len(words) > 1 and words[-1] in ("'s", "’s"):
        words, lems = words[:-1], lems[:-1]
    elif words and len(words[-1]) > 3 and words[-1][-2:] in ("'s", "’s"):
        words[-1], lems[-1] = words[-1][:-2], ""
    german = lang == "de"
    had_article = False
    # Elsewhere a capitalised article belongs to the name ("The Hague", "The Times"); a
    # lower-case one is the sentence's ("the United States").
    while len(words) > 1 and (words[0].lower() if german else words[0]) in DETERMINERS:
        words, lems = words[1:], lems[1:]
        had_article = True
    # French: a lower-case article is the sentence's too ("la France", "le Kremlin").
    while len(words) > 1 and lang == "fr" and words[0] in _FR_ARTICLES:
        words, lems = words[1:], lems[1:]
    if label == "PER":
        while len(words) > 1 and words[0] in HONORIFICS:
            words, lems = words[1:], lems[1:]
    if not words:
        return words
    if not german:
        # "Jones'" is Jones; every other ending is part of the name (Roberts, Brussels).
        if len(words[-1]) > 3 and words[-1].endswith(APOSTROPHES) and words[-1][0].isupper():
            words[-1] = words[-1][:-1]
        return words
    if label != "PER":
        # A run of oblique adjectives opens the name ("der Vereinigten Arabischen Emirate"):
        # the weak -e form is what follows the nominative article, the form people search for.
        for i in range(len(words) - 1):
            base = _adjective_base(words[i], lems[i], had_article)
            if base is None:
                break
            words[i] = base
    words[-1] = _strip_genitive(words[-1], lems[-1], label, forms, counts)
    return words


def _adjective_base(word: str, lemma: str, had_article: bool) -> str | None:
    if len(word) < 4 or not word[0].isupper() or not word.endswith(("en", "em")):
        return None
    if lemma and lemma != word:
        if lemma.endswith("e") and lemma[:-1] == word[:-2]:
            return lemma
        return None
    if OBLIQUE_ADJ.search(word.lower()):
        return word[:-2] + "e"
    return None


def _strip_genitive(
    word: str, lemma: str, label: str, forms: set[str], counts: Mapping[str, int]
) -> str:
    """Remove a German genitive ending from the head word of a name, when evidence allows.

    Evidence, strongest first: the bare form occurs elsewhere in the story; the lemmatizer
    removes exactly an -s/-es/-ens ending (not trusted for persons: it maps Thomas→Thoma);
    for persons and places, -s after a consonant other than s/x/z/ß (Putins, Kiews,
    Russlands), unless the -s form is all the story uses for a person (Williams).
    """
    if len(word) < 3 or not word[0].isupper():
        return word
    if word.endswith(APOSTROPHES):
        return word[:-1]
    if word.isupper() or not word.endswith("s"):
        return word
    candidates = [word[:-1]]
    if word.endswith("es"):
        candidates.append(word[:-2])
    if word.endswith("ens"):
        candidates.append(word[:-3])
    for cand in candidates:
        if len(cand) >= 2 and cand in forms:
            return cand
    if (
        lemma
        and label != "PER"
        and lemma != word
        and lemma[:1].isupper()
        and word.startswith(lemma)
        and word[len(lemma) :] in ("s", "es", "ns", "ens")
    ):
        return lemma
    if label in ("PER", "LOC") and len(word) >= 4:
        before = word[-2]
        if before.islower() and before not in GENITIVE_VOWELS:
            if label == "PER" and counts.get(word, 0) >= 2:
                return word
            return word[:-1]
    return word
