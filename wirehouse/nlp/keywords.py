"""Key phrases of a story, ranked; cheap by design (no second pass over the text)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from spacy.attrs import POS
from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Doc

from wirehouse.nlp.mentions import Mention
from wirehouse.nlp.quotes import cue_kinds
from wirehouse.nlp.tokens import token_table

_WEIGHT_HEADLINE = 3.0
_WEIGHT_LEAD = 1.5
_WEIGHT_BODY = 1.0
_ENTITY_BOOST = 1.2
_NOUN_POS = frozenset({NOUN, PROPN})  # as `Token.pos`: the ids of "NOUN" and "PROPN"


@lru_cache(maxsize=64)
def stop_words(lang: str) -> frozenset[str]:
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
    stop = stop_words(lang)
    scores: dict[str, float] = {}
    display: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    # Per part, 1 for each token inside a mention: those words count as the entity's.
    in_entity = {name: bytearray(len(token_table(doc).words)) for name, doc in parts}
    for m in mentions:
        key = m.norm.casefold()
        weight = _part_weight(m.part, m.start, parts)
        scores[key] = scores.get(key, 0.0) + weight * _ENTITY_BOOST
        display.setdefault(key, m.norm)
        first_seen.setdefault(key, (0 if m.part == "headline" else 1_000_000) + m.start)
        if m.part in in_entity:
            in_entity[m.part][m.tok_start : m.tok_end] = b"\x01" * (m.tok_end - m.tok_start)
    entity_words = {w for m in mentions for w in m.norm.casefold().split()}
    german = lang == "de"
    for name, doc in parts:
        t = token_table(doc)
        tagged = doc.has_annotation("POS")
        pos = doc.to_array(POS).tolist() if tagged else []
        lead_end = _first_sentence_end(doc) if name != "headline" else len(t.text)
        base_pos = 0 if name == "headline" else 1_000_000
        # German capitalises nouns; a capitalised sentence opener counts only when the same
        # word is capitalised mid-sentence too (else it is "Gleichzeitig", "Nach", ...).
        capital_mid = (
            {w for w, st in zip(t.words, t.sent_start, strict=True) if not st and w[:1].isupper()}
            if german and not tagged
            else set()
        )
        # Untagged, a speech verb (said, a déclaré) would rank high in every story.
        cues = cue_kinds(t, lang) if not tagged else []
        # Candidates: words of three letters or more, outside mentions and the stop list,
        # picked out in one pass (the checks below look at far fewer words).
        entity = in_entity[name]
        candidates = [
            i
            for i, (text, alpha, low) in enumerate(zip(t.words, t.alpha, t.lowers, strict=True))
            if alpha and len(text) >= 3 and not entity[i] and low not in stop
        ]
        for i in candidates:
            text = t.words[i]
            if cues and cues[i] is not None:
                continue
            low = t.lowers[i]
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
    t = token_table(doc)
    if not t.sents:
        return 0
    last = t.sents[0][1] - 1
    return t.idx[last] + len(t.words[last])
