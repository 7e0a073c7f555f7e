"""A token table per Doc: one `Doc.to_array` instead of Token objects in every pass.

Token creation dominated the post-processing profile; every record builder reads this table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, LEMMA, LOWER, ORTH, SENT_START, SPACY
from spacy.tokens import Doc


@dataclass(slots=True)
class TokenTable:
    doc: Doc
    text: str
    words: list[str]
    lowers: list[str]
    lemmas: list[str]
    idx: list[int]
    space: list[bool]
    alpha: list[bool]
    sent_start: list[bool]
    sents: list[tuple[int, int]]
    # Per-token speech cues by language, filled by `quotes.cue_kinds` on first use.
    cue_kinds: dict[str, list[str | None]] = field(default_factory=dict)

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens start..end (as `Span.start_char`, `Span.end_char`)."""
        return self.idx[start], self.idx[end - 1] + len(self.words[end - 1])


_TABLES: dict[int, TokenTable] = {}
_TABLES_MAX = 8


def token_table(doc: Doc) -> TokenTable:
    found = _TABLES.get(id(doc))
    if found is not None and found.doc is doc:
        return found
    rows = doc.to_array([ORTH, LOWER, LEMMA, IDX, IS_ALPHA, IS_SPACE, SENT_START, SPACY])
    strings = doc.vocab.strings
    cols = rows.T.tolist() if len(doc) else [[] for _ in range(8)]
    words = [strings[h] for h in cols[0]]
    lemmas = [strings[h] if h else "" for h in cols[2]]
    space = list(map(bool, cols[5]))
    # SENT_START is 1 for a start, -1 (as uint64) inside, 0 when nothing set boundaries.
    sent_start = [v == 1 for v in cols[6]]
    if words:
        sent_start[0] = True
    starts = [i for i, v in enumerate(sent_start) if v]
    sents: list[tuple[int, int]] = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(words)
        while start < end and space[start]:
            start += 1
        while end > start and space[end - 1]:
            end -= 1
        if start < end:
            sents.append((start, end))
    table = TokenTable(
        doc=doc,
        # Doc.text re-joins Token objects on every access; the arrays give it for free.
        text="".join([w + " " if sp else w for w, sp in zip(words, cols[7], strict=True)]),
        words=words,
        lowers=[strings[h] for h in cols[1]],
        lemmas=lemmas,
        idx=cols[3],  # already ints: `tolist` converts
        space=space,
        alpha=list(map(bool, cols[4])),
        sent_start=sent_start,
        sents=sents,
    )
    if len(_TABLES) >= _TABLES_MAX:
        _TABLES.pop(next(iter(_TABLES)))
    _TABLES[id(doc)] = table
    return table
