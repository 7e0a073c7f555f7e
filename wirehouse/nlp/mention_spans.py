"""`make_mention`: the Mention of a span of tokens, with its norm written as the text writes it."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc

from wirehouse.nlp.mentions import Mention
from wirehouse.nlp.names import normalize_words
from wirehouse.nlp.tokens import TokenTable, token_table
from wirehouse.nlp.vocab import DETERMINERS


def make_mention(
    part: str,
    doc: Doc,
    start: int,
    end: int,
    label: str,
    forms: set[str],
    counts: Mapping[str, int],
    lang: str = "de",
) -> Mention:
    t = token_table(doc)
    kept = [i for i in range(start, end) if not t.space[i]]
    words = [t.words[i] for i in kept]
    lemmas = [t.lemmas[i] for i in kept]
    # A determiner just outside the span tells the adjective rule the name is inflected.
    if lang == "de" and start > 0 and t.lowers[start - 1] in DETERMINERS:
        words_n = [t.words[start - 1], *words]
        lemmas_n = [t.words[start - 1], *lemmas]
    else:
        words_n, lemmas_n = words, lemmas
    if lang != "de" and words_n and words_n[0] == "The" and _sentence_initial(t, start):
        words_n = ["the", *words_n[1:]]  # "The Kremlin said" opens the sentence, not the name
    norm_words = normalize_words(words_n, lemmas_n, label, forms, counts, lang=lang)
    start_char, end_char = t.char_span(start, end)
    text = t.text[start_char:end_char]
    norm = _as_written(norm_words, kept, t)
    return Mention(
        part=part,
        tok_start=start,
        tok_end=end,
        start=start_char,
        end=end_char,
        text=text,
        label=label,
        norm=norm or text,
        words=tuple(words),
    )


def _sentence_initial(t: TokenTable, i: int) -> bool:
    return i == 0 or t.sent_start[i] or t.space[i - 1] or t.words[i - 1] in ('"', "“", "«")


def _as_written(norm_words: list[str], kept: list[int], t: TokenTable) -> str:
    """The norm's words joined as the text joins them: tokenizers that split hyphens and
    slashes ("Air France-KLM" → Air, France, -, KLM) must not get spaces inside the norm."""
    words = [t.words[i] for i in kept]
    n = len(norm_words)
    for offset in range(len(words) - n + 1):
        if n and words[offset : offset + n - 1] == norm_words[:-1]:
            out = norm_words[0] if n == 1 else ""
            if n > 1:
                parts: list[str] = []
                for k in range(n):
                    parts.append(norm_words[k])
                    if k + 1 < n:
                        i = kept[offset + k]
                        glued = t.idx[i] + len(t.words[i]) == t.idx[kept[offset + k + 1]]
                        parts.append("" if glued else " ")
                out = "".join(parts)
            return out
    return " ".join(norm_words)
