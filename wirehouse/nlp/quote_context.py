"""Who a quote's sentence names as speaking: the name or pronoun at a speech cue."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from wirehouse.nlp.mentions import Mention
from wirehouse.nlp.names import normalize_name
from wirehouse.nlp.quote_cues import (
    AGE_ANAPHOR,
    ANAPHOR_ARTICLES,
    PRONOUNS,
    SPEAKER_FIRST,
    cue_kinds,
)
from wirehouse.nlp.sentences import sentence_token_spans
from wirehouse.nlp.tokens import token_table

__all__ = ["QuoteContext", "Speaker"]

_WINDOW_AFTER = 5
_WINDOW_BEFORE = 8
# An apposition between a name and its verb ("X, an analyst at Bernstein, said"): a few words.
_APPOSITION_TOKENS = 14
_CLAUSE_ENDS = frozenset({";", ":", ".", "!", "?", "(", ")"})
_FR_AUXILIARIES = frozenset({"a", "avait", "aura", "ont", "avaient"})


@dataclass(slots=True)
class Speaker:
    text: str | None
    norm: str | None
    tok: int  # token index where the speaker was found, for recency


class QuoteContext:
    """Everything quote attribution needs about one part, computed once."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[Mention],
        lang: str,
        has_ner: bool,
        quotes: list[tuple[int, int, int, int]],
    ) -> None:
        self.doc = doc
        self.t = token_table(doc)
        self.lang = lang if lang in ("de", "en", "fr") else ""
        self.has_ner = has_ner
        self.pronouns = PRONOUNS.get(self.lang, frozenset())
        self.persons = sorted(
            (m for m in mentions if m.label in ("PER", "ORG")), key=lambda m: m.tok_start
        )
        self.by_start = {m.tok_start: m for m in self.persons}
        self.by_end = {m.tok_end: m for m in self.persons}
        self.sents = sentence_token_spans(doc)
        self.sent_starts = [s for s, _ in self.sents]
        text = self.t.text
        self.paragraph: list[int] = []
        para, prev_end = 0, 0
        for s, _ in self.sents:
            if "\n" in text[prev_end : self.t.idx[s]]:
                para += 1
            self.paragraph.append(para)
            prev_end = self.t.idx[s]
        self.quotes = quotes
        self.in_quote = bytearray(len(doc))
        self.quote_tokens: list[tuple[int, int]] = []
        for open_c, _, _, close_c in self.quotes:
            span = doc.char_span(open_c, close_c + 1, alignment_mode="expand")
            if span is None:
                self.quote_tokens.append((0, 0))
                continue
            self.in_quote[span.start : span.end] = b"\x01" * (span.end - span.start)
            self.quote_tokens.append((span.start, span.end))
        # The speech cues outside quotes, in text order, found once: attribution asks for
        # those of each sentence, several times over.
        kinds = cue_kinds(self.t, self.lang)
        self._cues = [
            (i, kind) for i, kind in enumerate(kinds) if kind is not None and not self.in_quote[i]
        ]
        self._cue_tokens = [i for i, _ in self._cues]

    def sent_of(self, tok: int) -> int:
        return max(0, bisect_right(self.sent_starts, tok) - 1)

    def cues(self, start: int, end: int) -> list[tuple[int, str]]:
        """The speech cues of tokens start..end outside quotes, in text order (a new list)."""
        lo, hi = bisect_left(self._cue_tokens, start), bisect_left(self._cue_tokens, end)
        return self._cues[lo:hi]

    def speaker_at_cue(self, cue: int, kind: str, lo: int, hi: int) -> Speaker | None:
        """The name (or pronoun) attached to a speech cue, within sentence tokens lo..hi."""
        doc = self.doc
        words, lowers = self.t.words, self.t.lowers
        if kind == "verb" and self.lang in SPEAKER_FIRST:
            before = self._speaker_before(cue, lo)
            if before is not None:
                return before
        if kind in ("verb", "after", "after2"):
            first = cue + (2 if kind == "after2" else 1)
            for i in range(first, min(hi, first + _WINDOW_AFTER)):
                if self.in_quote[i] or _is_boundary(words[i]):
                    break
                if i in self.by_start:
                    m = self.by_start[i]
                    return Speaker(m.text, m.norm, i)
                if lowers[i] in self.pronouns:
                    return Speaker(words[i], None, i)
                if self.lang == "de" and _age_anaphor(words, lowers, i, hi):
                    return Speaker(f"{words[i]} {words[i + 1]}", None, i)
                if kind != "verb" and not self.has_ner:
                    break
            if not self.has_ner:
                run = _title_run(doc, first, hi, self.in_quote)
                if run:
                    return Speaker(run, normalize_name(run, "PER"), first)
            if kind != "verb":
                return None
        if self.lang not in SPEAKER_FIRST:
            found = self._speaker_before(cue, lo)
            if found is not None:
                return found
        if not self.has_ner:
            run = _title_run_before(doc, cue, lo, self.in_quote)
            if run:
                return Speaker(run, normalize_name(run, "PER"), cue)
        return None

    def _speaker_before(self, cue: int, lo: int) -> Speaker | None:
        """The name or pronoun ending within a few tokens before a speech verb."""
        words, lowers = self.t.words, self.t.lowers
        if self.lang in SPEAKER_FIRST:
            found = self._name_before_apposition(cue, lo)
            if found is not None:
                return found
        for i in range(cue - 1, max(lo, cue - _WINDOW_BEFORE) - 1, -1):
            if self.lang in SPEAKER_FIRST and words[i] == "," and i in self.by_end:
                # "Le ministre, Marc Ferracci, a salué …", "the mayor of Detroit, Mike Duggan,
                # told …": the name in apposition.
                m = self.by_end[i]
                if m.label == "PER" and m.tok_start > 0 and words[m.tok_start - 1] == ",":
                    return Speaker(m.text, m.norm, m.tok_start)
            if self.in_quote[i] or _is_boundary(words[i]):
                break
            if i + 1 in self.by_end:
                m = self.by_end[i + 1]
                return Speaker(m.text, m.norm, m.tok_start)
            if lowers[i] in self.pronouns:
                return Speaker(words[i], None, i)
        return None

    def _name_before_apposition(self, cue: int, lo: int) -> Speaker | None:
        """`Toni Sacconaghi, an analyst at Bernstein, wrote`, `Marc Dupont, le maire de Lyon,
        a déclaré`: a person's name, then a phrase between commas, then the speech verb."""
        words = self.t.words
        end = cue - 1
        if self.lang == "fr":  # "X, …, a déclaré": the auxiliary stands before the participle
            while end > lo and words[end] in _FR_AUXILIARIES:
                end -= 1
        if end <= lo or words[end] != ",":
            return None
        for k in range(end - 1, max(lo, end - _APPOSITION_TOKENS) - 1, -1):
            if self.in_quote[k] or words[k] in _CLAUSE_ENDS:
                return None
            if words[k] == ",":
                m = self.by_end.get(k)
                if m is not None and m.label == "PER" and k < end - 1:
                    return Speaker(m.text, m.norm, m.tok_start)
                return None
        return None


def _age_anaphor(words: Sequence[str], lowers: Sequence[str], i: int, hi: int) -> bool:
    return (
        lowers[i] in ANAPHOR_ARTICLES
        and i + 1 < hi
        and bool(AGE_ANAPHOR.match(words[i + 1]))
        and (i + 2 >= hi or not words[i + 2][:1].isupper())  # not "die 45-jährige Ministerin"
    )


def _is_boundary(text: str) -> bool:
    return text in (",", ";", ":", ".", "!", "?", "(", ")", "–", "—")


def _title_run(doc: Doc, start: int, end: int, in_quote: bytearray) -> str | None:
    i = start
    while i < end and not in_quote[i] and doc[i].text[:1].isupper() and doc[i].is_alpha:
        i += 1
    return doc[start:i].text if i > start and not doc[start].is_stop else None


def _title_run_before(doc: Doc, cue: int, lo: int, in_quote: bytearray) -> str | None:
    i = cue
    while i > lo and not in_quote[i - 1] and doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha:
        i -= 1
    if i == cue or doc[i].is_stop or (doc[i].is_sent_start and cue - i == 1 and doc[i].is_stop):
        return None
    return doc[i:cue].text
