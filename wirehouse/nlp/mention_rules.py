"""Person and place rules after the model, for names (German) news writes in fixed ways that a
small model misses or cuts: names over their particles ("Ursula von der Leyen"), and names in
speech and place slots, with the news agencies. `entities.collect_mentions` applies them with
the organisation rules of `org_rules`."""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from collections.abc import Set as AbstractSet

from spacy.tokens import Doc

from wirehouse.nlp.keywords import stop_words
from wirehouse.nlp.mention_spans import make_mention
from wirehouse.nlp.mentions import Mention
from wirehouse.nlp.quotes import cue_kinds
from wirehouse.nlp.tokens import TokenTable, token_table
from wirehouse.nlp.vocab import NAME_PARTICLES, NEWS_AGENCIES, PARTICLE_ARTICLES, word_set
from wirehouse.nlp.word_tests import (
    acronym,
    common_compound,
    is_edge_punct,
    lowercase_vocabulary,
    name_like,
)

_PLACE_PREPOSITIONS = word_set("in aus nach nahe bei")


def family_names_after_particles(
    parts: Sequence[tuple[str, Doc]],
    mentions: list[Mention],
    stop: AbstractSet[str],
    lexicon: AbstractSet[str],
    forms: set[str],
    counts: Mapping[str, int],
) -> list[Mention]:
    """A person's name goes on over name particles to the family name: "Patrick von | Brunn"
    and "Joseph Victor | von Scheffel" are one person, not a person and a place. The family
    name is one capitalised word after one or two particles ("von der Leyen"); a place or
    person the model saw there is absorbed, and so is an organisation when the word is no
    ordinary one ("Ursula | von der | Leyen", not "Klaus Müller von der Telekom"). Once the
    story has named her in full, "von der Leyen" alone is the person too.
    """
    out: list[Mention] = []
    for name, doc in parts:
        t = token_table(doc)
        n = len(t.words)
        lower_words = lowercase_vocabulary(doc)
        part_mentions = [m for m in mentions if m.part == name]
        starts = {m.tok_start: m for m in part_mentions}
        covered = bytearray(n)
        for m in part_mentions:
            covered[m.tok_start : m.tok_end] = b"\x01" * (m.tok_end - m.tok_start)

        def particles_end(i: int, t: TokenTable = t, n: int = n) -> int:
            """Index after the particles starting at i ("von", "von der"), or i."""
            if i < n and t.lowers[i] in NAME_PARTICLES:
                i += 1
                if i < n and t.words[i] in PARTICLE_ARTICLES:
                    i += 1
            return i

        def family_name(
            k: int,
            t: TokenTable = t,
            lower_words: Container[str] = lower_words,
            starts: Mapping[int, Mention] = starts,
            covered: bytearray = covered,
        ) -> tuple[bool, Mention | None]:
            """Whether k can be a family name, and the mention there to absorb, if any."""
            w = t.words[k]
            if not w[:1].isupper() or t.lowers[k] in stop or is_edge_punct(w):
                return False, None
            ordinary = t.lowers[k] in lower_words or common_compound(w, lexicon)
            nxt = starts.get(k)
            if nxt is None:
                return not covered[k], None
            absorbable = nxt.label in ("PER", "LOC") or (
                nxt.label == "ORG" and not ordinary and not acronym(w)
            )
            return nxt.tok_end == k + 1 and absorbable, nxt

        absorbed: set[int] = set()
        for m in part_mentions:
            if id(m) in absorbed:
                continue
            if m.label != "PER":
                out.append(m)
                continue
            start, end = m.tok_start, m.tok_end
            if t.words[end - 1] in NAME_PARTICLES:
                end -= 1
            k = particles_end(end)
            ok, found = family_name(k) if end < k < n else (False, None)
            if not ok:
                out.append(m)
                continue
            if found is not None:
                absorbed.add(id(found))
            covered[start : k + 1] = b"\x01" * (k + 1 - start)
            out.append(make_mention(name, doc, start, k + 1, "PER", forms, counts))
        out = [m for m in out if id(m) not in absorbed]
        # "von der Leyen" without the given name, once the story has named her in full.
        tails = {
            (*(w.lower() for w in m.words[i:-1]), m.words[-1])
            for m in out
            if m.label == "PER"
            for i in range(1, len(m.words) - 1)
            if m.words[i] in NAME_PARTICLES
        }
        # Only a particle opens such a name (elsewhere particles_end(i) == i).
        particles = [i for i, low in enumerate(t.lowers) if low in NAME_PARTICLES] if tails else []
        for i in particles:
            k = particles_end(i)
            if k == i or k >= n or covered[i]:
                continue
            key = (*(w.lower() for w in t.words[i:k]), t.words[k])
            ok, found = family_name(k)
            if key not in tails or not ok:
                continue
            if found is not None:
                out = [m for m in out if m is not found]
            covered[i : k + 1] = b"\x01" * (k + 1 - i)
            person = make_mention(name, doc, i, k + 1, "PER", forms, counts)
            person.norm = " ".join(key)  # mid-sentence spelling, as in the full name
            out.append(person)
    return out


def slot_mentions(
    parts: Sequence[tuple[str, Doc]],
    mentions: Sequence[Mention],
    lexicon: AbstractSet[str],
    lang: str,
    forms: set[str],
    counts: Mapping[str, int],
) -> list[Mention]:
    """Names the model missed in two reliable German news slots, and the news agencies.

    A run of capitalised words that are not in the language's word list (`lexicon`, e.g. the
    lemma table's lemmas) is a person right after a speech verb, after `laut` or before
    `zufolge` ("erklärte Umjerow", "laut Rustem Umjerow"), and a place right after in/aus/
    nach ("in Abu Dhabi"). Known words (Präsident, Montag) end or trim the run. A news
    agency's name (`NEWS_AGENCIES`: dpa, AFP, Reuters, …) is an organisation wherever it
    stands.
    """
    if lang != "de":
        return []
    stop = stop_words(lang)
    found: list[Mention] = []
    for name, doc in parts:
        t = token_table(doc)
        kinds = cue_kinds(t, lang)
        n = len(t.words)
        covered = bytearray(n)
        for m in mentions:
            if m.part == name:
                covered[m.tok_start : m.tok_end] = b"\x01" * (m.tok_end - m.tok_start)

        lower_words = lowercase_vocabulary(doc)

        def unknown(
            i: int,
            t: TokenTable = t,
            covered: bytearray = covered,
            lower_words: Container[str] = lower_words,
        ) -> bool:
            return (
                not covered[i]
                and name_like(t, i, stop, lexicon)
                and not common_compound(t.words[i], lexicon)
                and t.lowers[i] not in lower_words
            )

        def run_from(i: int, step: int, n: int = n) -> tuple[int, int] | None:
            j = i
            while 0 <= j < n and unknown(j) and abs(j - i) < 4:
                j += step
            if j == i:
                return None
            return (i, j) if step > 0 else (j + 1, i + 1)

        # The slots open only at an agency's name, a place preposition or a speech cue.
        openers = [
            i
            for i, (word, low, kind) in enumerate(zip(t.words, t.lowers, kinds, strict=True))
            if kind is not None or low in _PLACE_PREPOSITIONS or word in NEWS_AGENCIES
        ]
        for i in openers:
            low = t.lowers[i]
            spans: list[tuple[tuple[int, int], str]] = []
            if t.words[i] in NEWS_AGENCIES:
                spans.append(((i, i + 1), "ORG"))
            elif low in _PLACE_PREPOSITIONS and i + 1 < n:
                r = run_from(i + 1, 1)
                if r:
                    spans.append((r, "LOC"))
            else:
                kind = kinds[i]
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
                found.append(make_mention(name, doc, a, b, label, forms, counts))
    return found
