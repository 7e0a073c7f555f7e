"""Direct quotes and who said them.

Quote marks here; speech cues by language in `quote_cues`; the speaker a sentence names in
`quote_context`; this module attributes each quote (its own sentence, its neighbours, a
pronoun's antecedent).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from spacy.tokens import Doc

from wirehouse.nlp.mentions import Mention
from wirehouse.nlp.quote_context import QuoteContext, Speaker
from wirehouse.nlp.quote_cues import SPEAKER_FIRST, cue_kind, cue_kinds
from wirehouse.nlp.tokens import token_table

__all__ = ["MIN_QUOTE_WORDS", "cue_kind", "cue_kinds", "find_quote_spans", "quote_records"]

# (opening mark, closing marks). ‚…‘ and '…' are nested or apostrophes: never quotes of
# their own, and ignored inside a quote.
_QUOTE_PAIRS: dict[str, str] = {"„": '“”"', "»": "«", "«": "»", "“": '”"', '"': '"'}
_MARK_RE = re.compile('[„“”"»«\\n]')

_PRONOUN_SENTENCES = 3
MIN_QUOTE_WORDS = 2


def find_quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(open mark, quote start, quote end, close mark) of direct quotes, in order.

    A quote never crosses a line break (a paragraph without its closing mark is dropped).
    Quotes shorter than MIN_QUOTE_WORDS words are scare quotes or titles, not speech.
    """
    spans: list[tuple[int, int, int, int]] = []
    # Only the marks and line breaks matter: walk those instead of every character.
    marks = [(m.start(), m.group()) for m in _MARK_RE.finditer(text)]
    k, n = 0, len(marks)
    while k < n:
        i, mark = marks[k]
        closers = _QUOTE_PAIRS.get(mark)
        if closers is None:
            k += 1
            continue
        c = k + 1
        while c < n and marks[c][1] not in closers and marks[c][1] != "\n":
            c += 1
        if c >= n or marks[c][1] == "\n":
            # An unmatched ASCII quote leaves the rest of its paragraph unpairable.
            k = c if mark == '"' and c < n else k + 1
            continue
        j = marks[c][0]
        qs, qe = i + 1, j
        while qs < qe and text[qs].isspace():
            qs += 1
        while qe > qs and text[qe - 1].isspace():
            qe -= 1
        if len(text[qs:qe].split()) >= MIN_QUOTE_WORDS:
            spans.append((i, qs, qe, j))
        k = c + 1
    return spans


def quote_records(
    doc: Doc,
    article_id: str,
    part: str,
    mentions: Sequence[Mention],
    lang: str,
    *,
    has_ner: bool = True,
    first_index: int = 0,
) -> list[dict[str, Any]]:
    """Rows of QUOTES for one part, each with its speaker when the text names one.

    Attribution, in order: a speech cue in the quote's own sentence(s) (sagte/erklärte/
    schrieb/…, `laut X`, `X zufolge`, `…, so X`; English said/says/told/according to) with a
    name within a few tokens after or before it; `X: „…“`; a quote in the previous sentence of
    the same paragraph, or a cue in the previous or next sentence of it. A pronoun (er/sie,
    he/she) is resolved to the most recent speaker of the last few sentences, else to the
    last person named before it; `speaker` is then the pronoun as written.
    """
    ctx = QuoteContext(doc, mentions, lang, has_ner, find_quote_spans(token_table(doc).text))
    if not ctx.quotes:
        return []
    sent_speaker: dict[int, Speaker] = {}
    for s, (lo, hi) in enumerate(ctx.sents):
        for cue, kind in ctx.cues(lo, hi):
            sp = ctx.speaker_at_cue(cue, kind, lo, hi)
            if sp is not None:
                sent_speaker[s] = sp
                break
    history: list[tuple[int, Speaker]] = []  # (sentence, resolved speaker) in text order
    rows: list[dict[str, Any]] = []
    quote_speaker_by_sent: dict[int, Speaker] = {}
    for (_, qs, qe, _), (qt0, qt1) in zip(ctx.quotes, ctx.quote_tokens, strict=True):
        speaker: Speaker | None = None
        if qt1 > qt0:
            # The sentencizer leaves an opening mark at the end of the sentence before it
            # ('… sagte er. "Wir …'): the quote's first sentence is its first word's.
            s0, s1 = ctx.sent_of(min(qt0 + 1, qt1 - 1)), ctx.sent_of(qt1 - 1)
            lo, hi = ctx.sents[s0][0], ctx.sents[s1][1]
            cues = ctx.cues(lo, hi)
            cues.sort(key=lambda c: min(abs(c[0] - qt0), abs(c[0] - qt1)))
            for cue, kind in cues:
                speaker = ctx.speaker_at_cue(cue, kind, lo, hi)
                if speaker is not None:
                    break
            if speaker is None and qt0 >= 2 and doc[qt0 - 1].text == ":" and qt0 - 1 in ctx.by_end:
                m = ctx.by_end[qt0 - 1]
                speaker = Speaker(m.text, m.norm, m.tok_start)
            # A speech verb of its own without a name ("sagte ein Sprecher", "hieß es") means
            # someone unnamed said it: the neighbours' speaker is not borrowed then.
            if speaker is None and not any(kind == "verb" for _, kind in cues):
                speaker = _neighbour_speaker(ctx, s0, s1, sent_speaker, quote_speaker_by_sent)
                if speaker is None and ctx.lang in SPEAKER_FIRST and _opens_sentence(ctx, qt0, s0):
                    speaker = _speaker_by_position(
                        ctx, s0, qt0, sent_speaker, quote_speaker_by_sent
                    )
            if speaker is not None and speaker.norm is None:
                speaker = _resolve_pronoun(ctx, speaker, s0, history)
            if speaker is not None:
                history.append((s0, speaker))
                quote_speaker_by_sent[s1] = speaker
        rows.append(
            {
                "article_id": article_id,
                "part": part,
                "quote_index": first_index + len(rows),
                "quote": ctx.t.text[qs:qe],
                "speaker": speaker.text if speaker else None,
                "speaker_norm": speaker.norm if speaker else None,
                "start_char": qs,
                "end_char": qe,
            }
        )
    return rows


def _neighbour_speaker(
    ctx: QuoteContext,
    s0: int,
    s1: int,
    sent_speaker: Mapping[int, Speaker],
    quote_speaker_by_sent: Mapping[int, Speaker],
) -> Speaker | None:
    prev, nxt = s0 - 1, s1 + 1
    if prev >= 0 and ctx.paragraph[prev] == ctx.paragraph[s0]:
        if prev in quote_speaker_by_sent:
            return quote_speaker_by_sent[prev]
        if prev in sent_speaker:
            return sent_speaker[prev]
    if nxt < len(ctx.sents) and ctx.paragraph[nxt] == ctx.paragraph[s1] and nxt in sent_speaker:
        lo, hi = ctx.sents[nxt]
        if not any(ctx.in_quote[lo:hi]):
            return sent_speaker[nxt]
    return None


def _opens_sentence(ctx: QuoteContext, qt0: int, s0: int) -> bool:
    """Nothing but punctuation stands between the sentence's start and the quote's mark."""
    lo = ctx.sents[s0][0]
    return all(not ctx.t.words[i][:1].isalnum() for i in range(lo, qt0))


def _speaker_by_position(
    ctx: QuoteContext,
    s0: int,
    qt0: int,
    sent_speaker: Mapping[int, Speaker],
    quote_speaker_by_sent: Mapping[int, Speaker],
) -> Speaker | None:
    """A quote standing alone as its sentence, with no speech verb of its own (English and
    French wire style): the person the sentence before it opens with (`Daiana Castro, 23, was
    traumatized. "I had red hair …"`), or, opening a paragraph, whoever was quoted or spoke
    at the end of the paragraph before (a quote running on over paragraphs)."""
    prev = s0 - 1
    if prev < 0:
        return None
    if ctx.paragraph[prev] == ctx.paragraph[s0]:
        lo, hi = ctx.sents[prev]
        while lo < hi and not ctx.t.words[lo][:1].isalnum():
            lo += 1
        # Its subject: a person named in its first words ("Retired welder X, 61, has …");
        # the sentencizer may leave the quote's opening mark on that sentence.
        near = [ctx.by_start[i] for i in range(lo, min(hi, lo + 4)) if i in ctx.by_start]
        m = near[0] if near else None
        if m is not None and m.label == "PER" and not any(ctx.in_quote[lo : min(hi, qt0)]):
            return Speaker(m.text, m.norm, m.tok_start)
        return None
    return quote_speaker_by_sent.get(prev) or sent_speaker.get(prev)


def _resolve_pronoun(
    ctx: QuoteContext, speaker: Speaker, sent: int, history: list[tuple[int, Speaker]]
) -> Speaker:
    recent: list[tuple[int, Speaker]] = [
        (s, sp) for s, sp in history if sp.norm is not None and sent - s <= _PRONOUN_SENTENCES
    ]
    recent += [
        (s, sp)
        for s, sp in _sentence_speakers(ctx, sent)
        if sp.norm is not None and 0 <= sent - s <= _PRONOUN_SENTENCES and sp.tok < speaker.tok
    ]
    if recent:
        _, best = max(recent, key=lambda r: r[1].tok)
        return Speaker(speaker.text, best.norm, speaker.tok)
    before = [m for m in ctx.persons if m.label == "PER" and m.tok_end <= speaker.tok]
    if before:
        return Speaker(speaker.text, before[-1].norm, speaker.tok)
    return speaker


def _sentence_speakers(ctx: QuoteContext, sent: int) -> list[tuple[int, Speaker]]:
    out: list[tuple[int, Speaker]] = []
    for s in range(max(0, sent - _PRONOUN_SENTENCES), sent + 1):
        lo, hi = ctx.sents[s]
        for cue, kind in ctx.cues(lo, hi):
            sp = ctx.speaker_at_cue(cue, kind, lo, hi)
            if sp is not None and sp.norm is not None:
                out.append((s, sp))
    return out
