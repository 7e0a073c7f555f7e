"""Doc → plain records for the SENTENCES, ENTITIES, QUOTES and KEYWORDS tables.

Pure functions: no I/O, no model loading. `article_records` is the one entry point the
enrichment step calls per article; the smaller functions are public so they can be tested on
hand-built Docs.

Offsets: every `start_char`/`end_char` indexes into the string the Doc was built from (the
article's `headline` or `body`, named by `part`), so `source[start_char:end_char] == text`.
Dateline entities are the exception, see `dateline_entities`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, IS_STOP, LEMMA, LOWER, ORTH, SENT_START, SPACY
from spacy.tokens import Doc


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


LABELS = ("PER", "LOC", "ORG", "MISC")

# Foreign label sets (OntoNotes, GermEval's OTH) mapped onto ours; anything else (dates,
# numbers, GermEval's *deriv/*part adjectives) is not a name and is dropped.
_LABEL_MAP: dict[str, str] = {
    "PER": "PER",
    "PERSON": "PER",
    "LOC": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "MISC": "MISC",
    "OTH": "MISC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}

_DETERMINERS = _words(
    """
    der die das des dem den ein eine einer eines einem einen im am vom zum zur beim the
    """
)
_HONORIFICS = _words(
    """
    Herr Herrn Frau Dr. Dr Prof. Prof Mr. Mrs. Ms. Mr Mrs Ms Sir
    """
)
_APOSTROPHES = ("’", "'", "`", "´")
# Without a lemmatizer, these endings mark an inflected (oblique) adjective inside a name:
# "Vereinigten", "Arabischen", "Europäischen", "Nahen", "Roten".
_OBLIQUE_ADJ = re.compile(
    r"(?:isch|lich|ig|igt|int|al|ell|iv|är|ös|ahe|ot|eiß|ün|arz|au|eu|ober|unter|mittler)e[nm]$"
)
_GENITIVE_VOWELS = frozenset("aeiouyäöüsxzß")
_EDGE_PUNCT = frozenset("\"'„“”‚‘’«»‹›()[]{},;:.!?-–—/*")


@dataclass(slots=True)
class Mention:
    """One entity mention inside one part (headline or body)."""

    part: str
    tok_start: int
    tok_end: int
    start: int
    end: int
    text: str
    label: str
    norm: str
    words: tuple[str, ...]
    propagated: bool = False
    promoted: bool = False


class ArticleRecords(NamedTuple):
    sentences: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    keywords: list[dict[str, Any]]


# ---------------------------------------------------------------------------------------------
# Token table: one `Doc.to_array` per Doc instead of creating Token objects in every pass
# (Token creation dominated the post-processing profile).


@dataclass(slots=True)
class _Table:
    doc: Doc
    text: str
    words: list[str]
    lowers: list[str]
    lemmas: list[str]
    idx: list[int]
    space: list[bool]
    alpha: list[bool]
    stop: list[bool]
    sent_start: list[bool]
    sents: list[tuple[int, int]]


_TABLES: dict[int, _Table] = {}
_TABLES_MAX = 8


def _table(doc: Doc) -> _Table:
    found = _TABLES.get(id(doc))
    if found is not None and found.doc is doc:
        return found
    rows = doc.to_array([ORTH, LOWER, LEMMA, IDX, IS_ALPHA, IS_SPACE, IS_STOP, SENT_START, SPACY])
    strings = doc.vocab.strings
    cols = rows.T.tolist() if len(doc) else [[] for _ in range(9)]
    words = [strings[h] for h in cols[0]]
    lemmas = [strings[h] if h else "" for h in cols[2]]
    space = [bool(v) for v in cols[5]]
    # SENT_START is 1 for a start, -1 (as uint64) inside, 0 when nothing set boundaries.
    sent_start = [v == 1 for v in cols[7]]
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
    table = _Table(
        doc=doc,
        # Doc.text re-joins Token objects on every access; the arrays give it for free.
        text="".join(w + " " if sp else w for w, sp in zip(words, cols[8], strict=True)),
        words=words,
        lowers=[strings[h] for h in cols[1]],
        lemmas=lemmas,
        idx=[int(v) for v in cols[3]],
        space=space,
        alpha=[bool(v) for v in cols[4]],
        stop=[bool(v) for v in cols[6]],
        sent_start=sent_start,
        sents=sents,
    )
    if len(_TABLES) >= _TABLES_MAX:
        _TABLES.pop(next(iter(_TABLES)))
    _TABLES[id(doc)] = table
    return table


# ---------------------------------------------------------------------------------------------
# Sentences


def sentence_records(doc: Doc, article_id: str, part: str) -> list[dict[str, Any]]:
    """One record per sentence; whitespace-only sentences (paragraph breaks) are skipped."""
    rows: list[dict[str, Any]] = []
    text = _table(doc).text
    for start, end in _sentence_char_spans(doc):
        rows.append(
            {
                "article_id": article_id,
                "part": part,
                "sentence_index": len(rows),
                "start_char": start,
                "end_char": end,
                "text": text[start:end],
            }
        )
    return rows


def _sentence_token_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of sentences with whitespace tokens trimmed from both edges."""
    return _table(doc).sents


def _sentence_char_spans(doc: Doc) -> list[tuple[int, int]]:
    t = _table(doc)
    return [(t.idx[s], t.idx[e - 1] + len(t.words[e - 1])) for s, e in t.sents]


# ---------------------------------------------------------------------------------------------
# Name normalisation


def normalize_name(
    text: str,
    label: str,
    *,
    lemmas: Sequence[str] | None = None,
    forms: Iterable[str] = (),
    counts: Mapping[str, int] | None = None,
) -> str:
    """Nominative, article-free form of a German name mention.

    `text` is split on whitespace (so `lemmas`, when given, must align with those words).
    `forms` are the word forms seen elsewhere in the same story: they are the strongest
    evidence that a trailing -s is a genitive (`Putins` when `Putin` occurs too).
    """
    words = text.split()
    return " ".join(
        _normalize_words(words, list(lemmas) if lemmas else None, label, set(forms), counts or {})
    )


def _normalize_words(
    words: list[str],
    lemmas: list[str] | None,
    label: str,
    forms: set[str],
    counts: Mapping[str, int],
) -> list[str]:
    words = list(words)
    lems: list[str] = list(lemmas) if lemmas and len(lemmas) == len(words) else [""] * len(words)
    # English possessive: "Putin 's" (separate token) or "Putin's".
    if len(words) > 1 and words[-1] in ("'s", "’s"):
        words, lems = words[:-1], lems[:-1]
    elif words and len(words[-1]) > 3 and words[-1][-2:] in ("'s", "’s"):
        words[-1], lems[-1] = words[-1][:-2], ""
    had_article = False
    while len(words) > 1 and words[0].lower() in _DETERMINERS:
        words, lems = words[1:], lems[1:]
        had_article = True
    if label == "PER":
        while len(words) > 1 and words[0] in _HONORIFICS:
            words, lems = words[1:], lems[1:]
    if not words:
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
    if _OBLIQUE_ADJ.search(word.lower()):
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
    if word.endswith(_APOSTROPHES):
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
        if before.islower() and before not in _GENITIVE_VOWELS:
            if label == "PER" and counts.get(word, 0) >= 2:
                return word
            return word[:-1]
    return word


# ---------------------------------------------------------------------------------------------
# Entities


@dataclass(slots=True)
class _Part:
    name: str
    doc: Doc
    words: list[str] = field(default_factory=list)


def map_label(label: str) -> str | None:
    return _LABEL_MAP.get(label.upper())


def collect_mentions(
    parts: Sequence[tuple[str, Doc]],
    *,
    lexicon: AbstractSet[str] | None = None,
    lang: str = "de",
) -> list[Mention]:
    """Entity mentions of all parts of one article, normalised and made consistent.

    Steps: model entities (labels mapped, punctuation trimmed) → normalised norms → unlabeled
    later mentions of recognised names are added (document-level consistency) → short person
    mentions resolved to the full name in the story → one label per norm (majority, persons
    win when a full person name backs the mention).
    """
    forms: set[str] = set()
    counts: Counter[str] = Counter()
    for _, doc in parts:
        for text in _table(doc).words:
            if text[:1].isupper():
                forms.add(text)
                counts[text] += 1

    mentions: list[Mention] = []
    for name, doc in parts:
        for ent in doc.ents:
            label = map_label(ent.label_)
            if label is None:
                continue
            start, end = ent.start, ent.end
            while start < end and _is_edge_punct(doc[start].text):
                start += 1
            while end > start and (_is_edge_punct(doc[end - 1].text) or doc[end - 1].is_space):
                end -= 1
            if start >= end:
                continue
            mentions.append(_make_mention(name, doc, start, end, label, forms, counts))

    if lexicon:
        mentions.extend(_rule_mentions(parts, mentions, lexicon, lang, forms, counts))
    mentions = _propagate(parts, mentions)
    _resolve_short_names(mentions)
    _vote_labels(mentions)
    order = {name: i for i, (name, _) in enumerate(parts)}
    mentions.sort(key=lambda m: (order[m.part], m.start))
    return mentions


_PLACE_PREPOSITIONS = _words("in aus nach nahe bei")


def _rule_mentions(
    parts: Sequence[tuple[str, Doc]],
    mentions: Sequence[Mention],
    lexicon: AbstractSet[str],
    lang: str,
    forms: set[str],
    counts: Mapping[str, int],
) -> list[Mention]:
    """Names the model missed in two reliable German news slots, gazetteer-free.

    A run of capitalised words that are not in the language's word list (`lexicon`, e.g. the
    lemma table's lemmas) is a person right after a speech verb, after `laut` or before
    `zufolge` ("erklärte Umjerow", "laut Rustem Umjerow"), and a place right after in/aus/
    nach ("in Abu Dhabi"). Known words (Präsident, Montag) end or trim the run.
    """
    if lang != "de":
        return []
    stop = _stop_words(lang)
    found: list[Mention] = []
    for name, doc in parts:
        t = _table(doc)
        n = len(t.words)
        covered = bytearray(n)
        for m in mentions:
            if m.part == name:
                covered[m.tok_start : m.tok_end] = b"\x01" * (m.tok_end - m.tok_start)

        def unknown(i: int, t: _Table = t, covered: bytearray = covered) -> bool:
            w = t.words[i]
            return (
                not covered[i]
                and t.alpha[i]
                and len(w) >= 2
                and w[0].isupper()
                and not w.isupper()
                and t.lowers[i] not in stop
                and w not in lexicon
                and (t.lemmas[i] == w or not t.lemmas[i] or t.lemmas[i] not in lexicon)
            )

        def run_from(i: int, step: int, n: int = n) -> tuple[int, int] | None:
            j = i
            while 0 <= j < n and unknown(j) and abs(j - i) < 4:
                j += step
            if j == i:
                return None
            return (i, j) if step > 0 else (j + 1, i + 1)

        for i in range(n):
            low = t.lowers[i]
            spans: list[tuple[tuple[int, int], str]] = []
            if low in _PLACE_PREPOSITIONS and i + 1 < n:
                r = run_from(i + 1, 1)
                if r:
                    spans.append((r, "LOC"))
            else:
                kind = _cue_kind(t, i, lang)
                if kind in ("verb", "after") and i + 1 < n:
                    # Titles before the name are known words: skip up to two of them.
                    k = i + 1
                    while k < min(n, i + 3) and t.words[k][:1].isupper() and not unknown(k):
                        k += 1
                    r = run_from(k, 1)
                    if r and (r[1] >= n or not t.words[r[1]][:1].isupper()):
                        spans.append((r, "PER"))
                if kind in ("verb", "before") and i > 0:
                    r = run_from(i - 1, -1)
                    if r and (r[0] == 0 or not t.words[r[0] - 1][:1].isupper()):
                        spans.append((r, "PER"))
            for (a, b), label in spans:
                if any(covered[a:b]):
                    continue
                covered[a:b] = b"\x01" * (b - a)
                found.append(_make_mention(name, doc, a, b, label, forms, counts))
    return found


def _is_edge_punct(text: str) -> bool:
    return all(ch in _EDGE_PUNCT for ch in text)


def _make_mention(
    part: str,
    doc: Doc,
    start: int,
    end: int,
    label: str,
    forms: set[str],
    counts: Mapping[str, int],
) -> Mention:
    toks = doc[start:end]
    words = [t.text for t in toks if not t.is_space]
    lemmas = [t.lemma_ for t in toks if not t.is_space]
    # A determiner just outside the span tells the adjective rule the name is inflected.
    if start > 0 and doc[start - 1].lower_ in _DETERMINERS:
        words_n = [doc[start - 1].text, *words]
        lemmas_n = [doc[start - 1].text, *lemmas]
    else:
        words_n, lemmas_n = words, lemmas
    norm_words = _normalize_words(words_n, lemmas_n, label, forms, counts)
    return Mention(
        part=part,
        tok_start=start,
        tok_end=end,
        start=toks.start_char,
        end=toks.end_char,
        text=toks.text,
        label=label,
        norm=" ".join(norm_words) or toks.text,
        words=tuple(words),
    )


def _propagate(parts: Sequence[tuple[str, Doc]], mentions: list[Mention]) -> list[Mention]:
    """Label later, unrecognised mentions of names the model did recognise in the story."""
    if not mentions:
        return mentions
    keys: dict[tuple[str, ...], tuple[str, str]] = {}
    surname_norms: dict[str, set[str]] = {}
    for m in mentions:
        keys.setdefault(m.words, (m.label, m.norm))
        norm_words = tuple(m.norm.split())
        keys.setdefault(norm_words, (m.label, m.norm))
        if m.label == "PER" and len(norm_words) >= 2:
            surname_norms.setdefault(norm_words[-1], set()).add(m.norm)
    for surname, norms in surname_norms.items():
        if len(norms) == 1:
            keys.setdefault((surname,), ("PER", next(iter(norms))))
    # Genitive and possessive forms of single-word names (Umjerows, Scholz').
    for key, value in list(keys.items()):
        if len(key) == 1 and not key[0].endswith("s"):
            keys.setdefault((key[0] + "s",), value)
    stop = _stop_words("de") | _stop_words("en")
    keys = {
        k: v
        for k, v in keys.items()
        if k
        and k[0][:1].isupper()
        and not (len(k) == 1 and (len(k[0]) < 3 or k[0].lower() in stop))
    }
    if not keys:
        return mentions
    max_len = max(len(k) for k in keys)
    first_words = {k[0] for k in keys}
    out = list(mentions)
    for name, doc in parts:
        words = _table(doc).words
        covered = bytearray(len(doc))
        for m in mentions:
            if m.part == name:
                covered[m.tok_start : m.tok_end] = b"\x01" * (m.tok_end - m.tok_start)
        n = len(doc)
        i = 0
        while i < n:
            if covered[i] or words[i] not in first_words:
                i += 1
                continue
            hit = 0
            for size in range(min(max_len, n - i), 0, -1):
                if any(covered[i : i + size]):
                    continue
                key = tuple(words[i : i + size])
                if key in keys:
                    hit = size
                    break
            if not hit:
                i += 1
                continue
            label, norm = keys[key]
            span = doc[i : i + hit]
            out.append(
                Mention(
                    part=name,
                    tok_start=i,
                    tok_end=i + hit,
                    start=span.start_char,
                    end=span.end_char,
                    text=span.text,
                    label=label,
                    norm=norm,
                    words=key,
                    propagated=True,
                )
            )
            i += hit
    return out


def _resolve_short_names(mentions: list[Mention]) -> None:
    """`Putin` → `Wladimir Putin` when the story names the full person."""
    full: list[tuple[int, tuple[str, ...], str]] = []
    for idx, m in enumerate(mentions):
        if m.label == "PER":
            words = tuple(m.norm.split())
            if len(words) >= 2:
                full.append((idx, words, m.norm))
    if not full:
        return
    for idx, m in enumerate(mentions):
        words = tuple(m.norm.split())
        if m.label not in ("PER", "LOC", "ORG", "MISC") or len(words) > 2:
            continue
        if m.label != "PER" and len(words) != 1:
            continue
        cands = {
            norm for _, fw, norm in full if len(fw) > len(words) and fw[-len(words) :] == words
        }
        if not cands:
            continue
        if len(cands) > 1:
            before = [(i, norm) for i, fw, norm in full if norm in cands and i < idx]
            if not before:
                continue
            chosen = before[-1][1]
        else:
            chosen = next(iter(cands))
        if m.label != "PER":
            m.promoted = True
        m.label = "PER"
        m.norm = chosen


def _vote_labels(mentions: list[Mention]) -> None:
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.norm, []).append(m)
    for group in groups.values():
        labels = {m.label for m in group}
        if len(labels) == 1:
            continue
        tally = Counter(m.label for m in group if not m.propagated)
        if not tally:
            tally = Counter(m.label for m in group)
        best = max(tally.values())
        if any(m.promoted for m in group) or (len(group[0].norm.split()) >= 2 and tally["PER"]):
            winner = "PER" if tally["PER"] or any(m.promoted for m in group) else group[0].label
        else:
            first = next(m.label for m in group if tally[m.label] == best)
            winner = first
        for m in group:
            m.label = winner


def dateline_entities(places: Sequence[str], mentions: Sequence[Mention]) -> list[dict[str, Any]]:
    """LOC entities for the dateline places (not part of the body text).

    Convention: `part` = 'dateline' and `start_char`/`end_char` index into the dateline places
    joined with '/', e.g. 'Kiew/Genf' → Kiew 0..4, Genf 5..9. The norm reuses a place's norm
    from the story when one matches case-insensitively (KIEW → Kiew), else the place itself
    (title-cased when it is all capitals).
    """
    by_lower: dict[str, str] = {}
    for m in mentions:
        if m.label == "LOC":
            by_lower.setdefault(m.norm.casefold(), m.norm)
            by_lower.setdefault(m.text.casefold(), m.norm)
    rows: list[dict[str, Any]] = []
    offset = 0
    for place in places:
        if place:
            norm = by_lower.get(place.casefold())
            if norm is None:
                norm = _title_place(place) if place.isupper() else place
            rows.append(
                {
                    "part": "dateline",
                    "text": place,
                    "label": "LOC",
                    "start_char": offset,
                    "end_char": offset + len(place),
                    "norm": norm,
                    "is_dateline": True,
                }
            )
        offset += len(place) + 1
    return rows


def _title_place(place: str) -> str:
    return "-".join(
        " ".join(w.capitalize() for w in chunk.split(" ")) for chunk in place.split("-")
    )


def entity_records(
    article_id: str, mentions: Sequence[Mention], dateline_places: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Rows of ENTITIES in reading order: headline, dateline, body."""
    rows: list[dict[str, Any]] = []
    ordered = [m for m in mentions if m.part == "headline"]
    rest = [m for m in mentions if m.part != "headline"]
    for m in ordered:
        rows.append(_mention_row(article_id, m))
    for row in dateline_entities(dateline_places, mentions):
        rows.append({"article_id": article_id, **row})
    for m in rest:
        rows.append(_mention_row(article_id, m))
    for i, row in enumerate(rows):
        row["entity_index"] = i
    return rows


def _mention_row(article_id: str, m: Mention) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "part": m.part,
        "text": m.text,
        "label": m.label,
        "start_char": m.start,
        "end_char": m.end,
        "norm": m.norm,
        "is_dateline": False,
    }


# ---------------------------------------------------------------------------------------------
# Quotes

# (opening mark, closing marks). ‚…‘ and '…' are nested or apostrophes: never quotes of
# their own, and ignored inside a quote.
_QUOTE_PAIRS: dict[str, str] = {"„": '“”"', "»": "«", "«": "»", "“": '”"', '"': '"'}
_MARK_RE = re.compile('[„“”"»«\\n]')

_DE_CUE_FORMS = _words(
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
_DE_CUE_LEMMAS = _words(
    """
    sagen erklären schreiben betonen meinen hinzufügen warnen fordern mitteilen ankündigen
    kritisieren bekräftigen unterstreichen mahnen versichern einräumen ergänzen erläutern
    berichten verkünden bestätigen behaupten argumentieren äußern kommentieren antworten
    fragen rufen twittern sprechen zitieren beklagen loben bekennen
    """
)
_EN_CUE_FORMS = _words(
    """
    said says say told tells added adds stated states wrote writes asked asks explained
    explains warned warns noted notes insisted insists argued argues claimed claims
    announced announces replied replies recalled recalls stressed stresses
    """
)
_PRONOUNS = {"de": frozenset({"er", "sie"}), "en": frozenset({"he", "she"})}
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


def _cue_kind(t: _Table, i: int, lang: str) -> str | None:
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
        if low in _EN_CUE_FORMS:
            return "verb"
        if low == "according" and i + 1 < len(t.words) and t.lowers[i + 1] == "to":
            return "after2"
    return None


class _QuoteContext:
    """Everything quote attribution needs about one part, computed once."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], lang: str, has_ner: bool) -> None:
        self.doc = doc
        self.t = _table(doc)
        self.lang = lang if lang in ("de", "en") else ""
        self.has_ner = has_ner
        self.pronouns = _PRONOUNS.get(self.lang, frozenset())
        self.persons = sorted(
            (m for m in mentions if m.label in ("PER", "ORG")), key=lambda m: m.tok_start
        )
        self.by_start = {m.tok_start: m for m in self.persons}
        self.by_end = {m.tok_end: m for m in self.persons}
        self.sents = _sentence_token_spans(doc)
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
        return [
            (i, kind)
            for i in range(start, end)
            if not self.in_quote[i] and (kind := _cue_kind(self.t, i, self.lang)) is not None
        ]

    def speaker_at_cue(self, cue: int, kind: str, lo: int, hi: int) -> _Speaker | None:
        """The name (or pronoun) attached to a speech cue, within sentence tokens lo..hi."""
        doc = self.doc
        words, lowers = self.t.words, self.t.lowers
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
                if kind != "verb" and not self.has_ner:
                    break
            if not self.has_ner:
                run = _title_run(doc, first, hi, self.in_quote)
                if run:
                    return _Speaker(run, normalize_name(run, "PER"), first)
            if kind != "verb":
                return None
        for i in range(cue - 1, max(lo, cue - _WINDOW_BEFORE) - 1, -1):
            if self.in_quote[i] or _is_boundary(words[i]):
                break
            if i + 1 in self.by_end:
                m = self.by_end[i + 1]
                return _Speaker(m.text, m.norm, m.tok_start)
            if lowers[i] in self.pronouns:
                return _Speaker(words[i], None, i)
        if not self.has_ner:
            run = _title_run_before(doc, cue, lo, self.in_quote)
            if run:
                return _Speaker(run, normalize_name(run, "PER"), cue)
        return None


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
            s0, s1 = ctx.sent_of(qt0), ctx.sent_of(qt1 - 1)
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
            if speaker is None:
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


# ---------------------------------------------------------------------------------------------
# Keywords

_WEIGHT_HEADLINE = 3.0
_WEIGHT_LEAD = 1.5
_WEIGHT_BODY = 1.0
_ENTITY_BOOST = 1.2
_NOUN_POS = frozenset({"NOUN", "PROPN"})


@lru_cache(maxsize=64)
def _stop_words(lang: str) -> frozenset[str]:
    try:
        from spacy.util import get_lang_class

        return frozenset(w.lower() for w in get_lang_class(lang).Defaults.stop_words)
    except Exception:  # a language spaCy does not know has no stop list: no filtering
        return frozenset()


def keyword_records(
    article_id: str,
    parts: Sequence[tuple[str, Doc]],
    mentions: Sequence[Mention],
    lang: str,
    top_n: int = 10,
) -> list[dict[str, Any]]:
    """Top key phrases of one story, from the Docs already parsed (no second pass).

    Candidates are entity norms and content nouns: POS NOUN/PROPN when the pipeline tags, else
    (German) capitalised non-initial words outside the stop list, else words outside the stop
    list. Each occurrence weighs 3 in the headline, 1.5 in the first body sentence, 1 later;
    entities get a small boost. Scores are scaled to the best (1.0); ties break on first
    position, then text, so the ranking is deterministic.
    """
    if top_n <= 0:
        return []
    stop = _stop_words(lang)
    scores: dict[str, float] = {}
    display: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    entity_tokens: set[tuple[str, int]] = set()
    for m in mentions:
        key = m.norm.casefold()
        weight = _part_weight(m.part, m.start, parts)
        scores[key] = scores.get(key, 0.0) + weight * _ENTITY_BOOST
        display.setdefault(key, m.norm)
        first_seen.setdefault(key, (0 if m.part == "headline" else 1_000_000) + m.start)
        for ti in range(m.tok_start, m.tok_end):
            entity_tokens.add((m.part, ti))
    entity_words = {w for m in mentions for w in m.norm.casefold().split()}
    german = lang == "de"
    for name, doc in parts:
        t = _table(doc)
        tagged = doc.has_annotation("POS")
        pos = [tok.pos_ for tok in doc] if tagged else []
        lead_end = _first_sentence_end(doc) if name != "headline" else len(t.text)
        base_pos = 0 if name == "headline" else 1_000_000
        # German capitalises nouns; a capitalised sentence opener counts only when the same
        # word is capitalised mid-sentence too (else it is "Gleichzeitig", "Nach", ...).
        capital_mid = (
            {w for w, st in zip(t.words, t.sent_start, strict=True) if not st and w[:1].isupper()}
            if german and not tagged
            else set()
        )
        for i, text in enumerate(t.words):
            if not t.alpha[i] or len(text) < 3 or (name, i) in entity_tokens:
                continue
            low = t.lowers[i]
            if low in stop:
                continue
            if tagged:
                if pos[i] not in _NOUN_POS:
                    continue
            elif german:
                if not text[0].isupper() or (t.sent_start[i] and text not in capital_mid):
                    continue
            elif len(text) < 4:
                continue
            lemma = t.lemmas[i]
            word = lemma if lemma and lemma[:1].isupper() == text[:1].isupper() else text
            key = word.casefold()
            if key in entity_words:
                continue
            weight = (
                _WEIGHT_HEADLINE
                if name == "headline"
                else (_WEIGHT_LEAD if t.idx[i] < lead_end else _WEIGHT_BODY)
            )
            scores[key] = scores.get(key, 0.0) + weight
            if key not in display:
                display[key] = word if german or tagged else low
                first_seen[key] = base_pos + t.idx[i]
    if not scores:
        return []
    ranked = sorted(scores, key=lambda k: (-scores[k], first_seen[k], k))[:top_n]
    best = scores[ranked[0]]
    return [
        {
            "article_id": article_id,
            "rank": rank,
            "keyword": display[key],
            "score": round(scores[key] / best, 6),
        }
        for rank, key in enumerate(ranked, start=1)
    ]


def _part_weight(part: str, start: int, parts: Sequence[tuple[str, Doc]]) -> float:
    if part == "headline":
        return _WEIGHT_HEADLINE
    for name, doc in parts:
        if name == part:
            return _WEIGHT_LEAD if start < _first_sentence_end(doc) else _WEIGHT_BODY
    return _WEIGHT_BODY


def _first_sentence_end(doc: Doc) -> int:
    t = _table(doc)
    if not t.sents:
        return 0
    last = t.sents[0][1] - 1
    return t.idx[last] + len(t.words[last])


# ---------------------------------------------------------------------------------------------
# One article


def article_records(
    article_id: str,
    lang: str,
    headline: Doc | None,
    body: Doc,
    dateline_places: Sequence[str] = (),
    *,
    keywords_per_article: int = 10,
    has_ner: bool = True,
    lexicon: AbstractSet[str] | None = None,
) -> ArticleRecords:
    """All enrichment rows of one article (without the lineage columns the caller adds)."""
    parts: list[tuple[str, Doc]] = []
    if headline is not None and _table(headline).text.strip():
        parts.append(("headline", headline))
    parts.append(("body", body))
    base_lang = lang.split("-")[0].lower()
    sentences: list[dict[str, Any]] = []
    for name, doc in parts:
        sentences.extend(sentence_records(doc, article_id, name))
    mentions = collect_mentions(parts, lexicon=lexicon if has_ner else None, lang=base_lang)
    entities = entity_records(article_id, mentions, dateline_places)
    quotes: list[dict[str, Any]] = []
    for name, doc in parts:
        part_mentions = [m for m in mentions if m.part == name]
        quotes.extend(
            quote_records(
                doc,
                article_id,
                name,
                part_mentions,
                base_lang,
                has_ner=has_ner,
                first_index=len(quotes),
            )
        )
    keywords = keyword_records(article_id, parts, mentions, base_lang, keywords_per_article)
    return ArticleRecords(sentences, entities, quotes, keywords)
