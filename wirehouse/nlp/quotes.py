"""Direct quotes and who said them."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from wirehouse.nlp.names import normalize_name
from wirehouse.nlp.sentences import sentence_token_spans
from wirehouse.nlp.tokens import TokenTable, token_table
from wirehouse.nlp.vocab import Mention, word_set

# (opening mark, closing marks). ‚…‘ and '…' are nested or apostrophes: never quotes of
# their own, and ignored inside a quote.
_QUOTE_PAIRS: dict[str, str] = {"„": '“”"', "»": "«", "«": "»", "“": '”"', '"': '"'}
_MARK_RE = re.compile('[„“”"»«\\n]')

_DE_CUE_FORMS = word_set(
    """
    sagte sagt sagten sagen gesagt erklärte erklärt erklärten erklären schrieb schreibt
    schrieben betonte betont betonten meinte meint fügte fügt warnte warnt forderte fordert
    teilte teilt kündigte kündigt kritisierte kritisiert bekräftigte bekräftigt unterstrich
    unterstreicht mahnte mahnt versicherte versichert räumte räumt ergänzte ergänzt
    erläuterte erläutert berichtete berichtet verkündete verkündet bestätigte bestätigt
    behauptete behauptet argumentierte argumentiert äußerte äußert kommentierte kommentiert
    antwortete antwortet fragte fragt rief ruft twitterte twittert sprach spricht hieß
    heißt zitierte zitiert beklagte beklagt lobte lobt bekannte bekennt
    """
)
_DE_CUE_LEMMAS = word_set(
    """
    sagen erklären schreiben betonen meinen hinzufügen warnen fordern mitteilen ankündigen
    kritisieren bekräftigen unterstreichen mahnen versichern einräumen ergänzen erläutern
    berichten verkünden bestätigen behaupten argumentieren äußern kommentieren antworten
    fragen rufen twittern sprechen zitieren beklagen loben bekennen
    """
)
_EN_CUE_FORMS = word_set(
    """
    said says say told tells added adds stated states wrote writes asked asks explained
    explains warned warns noted notes insisted insists argued argues claimed claims
    announced announces replied replies recalled recalls stressed stresses declared declares
    acknowledged acknowledges admitted admits urged urges cautioned cautions conceded concedes
    predicted predicts concluded concludes testified testifies remarked remarks commented
    responded responds tweeted tweets posted emphasised emphasized emphasises emphasizes
    pointed continued continues confirmed confirms complained complains
    """
)
# French writes speech in the passé composé ("a déclaré X", "X a dit"): the participle is the
# cue, its auxiliary a plain word before it; the present and passé simple forms too.
_FR_CUE_FORMS = word_set(
    """
    déclaré déclare déclarait déclara dit disait affirmé affirme affirmait affirma estimé
    estime estimait estima ajouté ajoute ajoutait ajouta expliqué explique expliquait
    expliqua indiqué indique indiquait indiqua souligné souligne soulignait souligna précisé
    précise précisait précisa assuré assure assurait assura averti avertit prévenu prévient
    confié confie lancé martelé martèle reconnu reconnaît reconnait annoncé annonçait jugé
    insisté insiste poursuivi poursuit répondu répond commenté commente dénoncé dénonce
    rappelé rappelle fait noté écrit écrivait répété répète insistait plaidé plaide regretté
    regrette promis confirmé confirme raconté raconte tranché ironisé ironise résumé
    salué salue
    """
)
_PRONOUNS = {
    "de": frozenset({"er", "sie"}),
    "en": frozenset({"he", "she"}),
    # "a-t-il déclaré": the French tokenizer keeps the hyphen on the inverted pronoun.
    "fr": frozenset({"il", "elle", "-il", "-elle"}),
}
# In English and French the speaker usually comes before the verb ("Biden told reporters",
# "Macron a déclaré"); after it only where the quote comes first ('"…," said Biden',
# '« … », a déclaré Macron'), when a comma or the quote itself stands before the verb.
_SPEAKER_FIRST = frozenset({"en", "fr"})
# "fait" is a speech verb only in "a fait savoir" / "a fait valoir".
_FR_SAVOIR = word_set("savoir valoir")
# "sagte der 62-Jährige": German news refers back to the person just named by age; the
# article before it makes it a pronoun for attribution ("der 62-Jährige" = er).
_AGE_ANAPHOR = re.compile(r"^\d{1,3}-[Jj]ährige[nr]?$")
_ANAPHOR_ARTICLES = word_set("der die")
_WINDOW_AFTER = 5
_WINDOW_BEFORE = 8
_PRONOUN_SENTENCES = 3
MIN_QUOTE_WORDS = 2


@dataclass(slots=True)
class _Speaker:
    text: str | None
    norm: str | None
    tok: int  # token index where the speaker was found, for recency


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


def cue_kind(t: TokenTable, i: int, lang: str) -> str | None:
    low = t.lowers[i]
    if lang == "de":
        if low in _DE_CUE_FORMS or (t.lemmas[i] in _DE_CUE_LEMMAS and t.words[i][:1].islower()):
            return "verb"
        if low == "laut":
            return "after"
        if low == "zufolge":
            return "before"
        if low == "so" and i > 0 and t.words[i - 1] == ",":
            return "after"
    elif lang == "en":
        # A capitalised form is a name's or a headline's ("United States"), not a verb.
        if low in _EN_CUE_FORMS and t.words[i][:1].islower():
            return "verb"
        if low == "according" and i + 1 < len(t.words) and t.lowers[i + 1] == "to":
            return "after2"
    elif lang == "fr":
        if low in _FR_CUE_FORMS and t.words[i][:1].islower():
            if low == "fait":  # "a fait savoir", not "a fait des réformes"
                nxt = t.lowers[i + 1] if i + 1 < len(t.words) else ""
                return "verb" if nxt in _FR_SAVOIR else None
            return "verb"
        if low == "selon":
            return "after"
        if low == "après" and i > 0 and t.lowers[i - 1] in ("d'", "d’"):
            return "after"
    return None


def cue_kinds(t: TokenTable, lang: str) -> list[str | None]:
    """`cue_kind` of every token, computed once per token table and language."""
    kinds = t.cue_kinds.get(lang)
    if kinds is None:
        kinds = t.cue_kinds[lang] = [cue_kind(t, i, lang) for i in range(len(t.words))]
    return kinds


class _QuoteContext:
    """Everything quote attribution needs about one part, computed once."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], lang: str, has_ner: bool) -> None:
        self.doc = doc
        self.t = token_table(doc)
        self.lang = lang if lang in ("de", "en", "fr") else ""
        self.has_ner = has_ner
        self.pronouns = _PRONOUNS.get(self.lang, frozenset())
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
        self.quotes = find_quote_spans(text)
        self.in_quote = bytearray(len(doc))
        self.quote_tokens: list[tuple[int, int]] = []
        for open_c, _, _, close_c in self.quotes:
            span = doc.char_span(open_c, close_c + 1, alignment_mode="expand")
            if span is None:
                self.quote_tokens.append((0, 0))
                continue
            self.in_quote[span.start : span.end] = b"\x01" * (span.end - span.start)
            self.quote_tokens.append((span.start, span.end))

    def sent_of(self, tok: int) -> int:
        return max(0, bisect_right(self.sent_starts, tok) - 1)

    def cues(self, start: int, end: int) -> list[tuple[int, str]]:
        kinds = cue_kinds(self.t, self.lang)
        return [
            (i, kind)
            for i in range(start, end)
            if (kind := kinds[i]) is not None and not self.in_quote[i]
        ]

    def speaker_at_cue(self, cue: int, kind: str, lo: int, hi: int) -> _Speaker | None:
        """The name (or pronoun) attached to a speech cue, within sentence tokens lo..hi."""
        doc = self.doc
        words, lowers = self.t.words, self.t.lowers
        if kind == "verb" and self.lang in _SPEAKER_FIRST:
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
                    return _Speaker(m.text, m.norm, i)
                if lowers[i] in self.pronouns:
                    return _Speaker(words[i], None, i)
                if self.lang == "de" and _age_anaphor(words, lowers, i, hi):
                    return _Speaker(f"{words[i]} {words[i + 1]}", None, i)
                if kind != "verb" and not self.has_ner:
                    break
            if not self.has_ner:
                run = _title_run(doc, first, hi, self.in_quote)
                if run:
                    return _Speaker(run, normalize_name(run, "PER"), first)
            if kind != "verb":
                return None
        if self.lang not in _SPEAKER_FIRST:
            found = self._speaker_before(cue, lo)
            if found is not None:
                return found
        if not self.has_ner:
            run = _title_run_before(doc, cue, lo, self.in_quote)
            if run:
                return _Speaker(run, normalize_name(run, "PER"), cue)
        return None

    def _speaker_before(self, cue: int, lo: int) -> _Speaker | None:
        """The name or pronoun ending within a few tokens before a speech verb."""
        words, lowers = self.t.words, self.t.lowers
        for i in range(cue - 1, max(lo, cue - _WINDOW_BEFORE) - 1, -1):
            if self.lang == "fr" and words[i] == "," and i in self.by_end:
                # "Le ministre, Marc Ferracci, a salué …": the name in apposition.
                m = self.by_end[i]
                if m.label == "PER" and m.tok_start > 0 and words[m.tok_start - 1] == ",":
                    return _Speaker(m.text, m.norm, m.tok_start)
            if self.in_quote[i] or _is_boundary(words[i]):
                break
            if i + 1 in self.by_end:
                m = self.by_end[i + 1]
                return _Speaker(m.text, m.norm, m.tok_start)
            if lowers[i] in self.pronouns:
                return _Speaker(words[i], None, i)
        return None


def _age_anaphor(words: Sequence[str], lowers: Sequence[str], i: int, hi: int) -> bool:
    return (
        lowers[i] in _ANAPHOR_ARTICLES
        and i + 1 < hi
        and bool(_AGE_ANAPHOR.match(words[i + 1]))
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
    ctx = _QuoteContext(doc, mentions, lang, has_ner)
    if not ctx.quotes:
        return []
    sent_speaker: dict[int, _Speaker] = {}
    for s, (lo, hi) in enumerate(ctx.sents):
        for cue, kind in ctx.cues(lo, hi):
            sp = ctx.speaker_at_cue(cue, kind, lo, hi)
            if sp is not None:
                sent_speaker[s] = sp
                break
    history: list[tuple[int, _Speaker]] = []  # (sentence, resolved speaker) in text order
    rows: list[dict[str, Any]] = []
    quote_speaker_by_sent: dict[int, _Speaker] = {}
    for (_, qs, qe, _), (qt0, qt1) in zip(ctx.quotes, ctx.quote_tokens, strict=True):
        speaker: _Speaker | None = None
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
                speaker = _Speaker(m.text, m.norm, m.tok_start)
            # A speech verb of its own without a name ("sagte ein Sprecher", "hieß es") means
            # someone unnamed said it: the neighbours' speaker is not borrowed then.
            if speaker is None and not any(kind == "verb" for _, kind in cues):
                speaker = _neighbour_speaker(ctx, s0, s1, sent_speaker, quote_speaker_by_sent)
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
    ctx: _QuoteContext,
    s0: int,
    s1: int,
    sent_speaker: Mapping[int, _Speaker],
    quote_speaker_by_sent: Mapping[int, _Speaker],
) -> _Speaker | None:
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


def _resolve_pronoun(
    ctx: _QuoteContext, speaker: _Speaker, sent: int, history: list[tuple[int, _Speaker]]
) -> _Speaker:
    recent: list[tuple[int, _Speaker]] = [
        (s, sp) for s, sp in history if sp.norm is not None and sent - s <= _PRONOUN_SENTENCES
    ]
    recent += [
        (s, sp)
        for s, sp in _sentence_speakers(ctx, sent)
        if sp.norm is not None and 0 <= sent - s <= _PRONOUN_SENTENCES and sp.tok < speaker.tok
    ]
    if recent:
        _, best = max(recent, key=lambda r: r[1].tok)
        return _Speaker(speaker.text, best.norm, speaker.tok)
    before = [m for m in ctx.persons if m.label == "PER" and m.tok_end <= speaker.tok]
    if before:
        return _Speaker(speaker.text, before[-1].norm, speaker.tok)
    return speaker


def _sentence_speakers(ctx: _QuoteContext, sent: int) -> list[tuple[int, _Speaker]]:
    out: list[tuple[int, _Speaker]] = []
    for s in range(max(0, sent - _PRONOUN_SENTENCES), sent + 1):
        lo, hi = ctx.sents[s]
        for cue, kind in ctx.cues(lo, hi):
            sp = ctx.speaker_at_cue(cue, kind, lo, hi)
            if sp is not None and sp.norm is not None:
                out.append((s, sp))
    return out
