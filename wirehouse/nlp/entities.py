"""Entity mentions: model output cleaned, made consistent within a story, normalised,
plus the dateline places."""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from wirehouse.nlp.keywords import stop_words
from wirehouse.nlp.names import normalize_words
from wirehouse.nlp.quotes import cue_kinds
from wirehouse.nlp.tokens import TokenTable, token_table
from wirehouse.nlp.vocab import (
    CLUB_FORMS,
    DETERMINERS,
    EDGE_PUNCT,
    HONORIFICS,
    LABEL_MAP,
    LEGAL_FORMS,
    NAME_PARTICLES,
    NEWS_AGENCIES,
    PARTICLE_ARTICLES,
    Mention,
    word_set,
)


@dataclass(slots=True)
class _Part:
    name: str
    doc: Doc
    words: list[str] = field(default_factory=list)


def map_label(label: str) -> str | None:
    return LABEL_MAP.get(label.upper())


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
        for text in token_table(doc).words:
            if text[:1].isupper():
                forms.add(text)
                counts[text] += 1

    mentions: list[Mention] = []
    stop = stop_words(lang)
    for name, doc in parts:
        t = token_table(doc)
        lower_words = _lowercase_vocabulary(doc)
        in_entity = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        letters = [ch for ch in t.text if ch.isalpha()]
        shouting = sum(ch.isupper() for ch in letters) > len(letters) / 2
        for ent in doc.ents:
            label = map_label(ent.label_)
            if label is None:
                continue
            start, end = ent.start, ent.end
            while start < end and _is_edge_punct(t.words[start]):
                start += 1
            while end > start and (_is_edge_punct(t.words[end - 1]) or t.space[end - 1]):
                end -= 1
            if start >= end:
                continue
            # A title is not part of the name ("Sir | George Carew", "Frau | Merkel").
            while label == "PER" and end - start > 1 and t.words[start] in HONORIFICS:
                start += 1
            if label == "PER" and end - start == 1 and _acronym(t.words[start]) and not shouting:
                # Running text writes people in mixed case: UEFA, CIBJO are organisations.
                label = "ORG"
            if end - start == 1 and t.words[start] in NEWS_AGENCIES:
                label = "ORG"  # "sagte der Agentur Interfax": not a place
            if label == "PER" and lexicon and lang == "de":
                # The model often stops after a known first name ("Wolodymyr | Selenskyj"):
                # a name-like word right after a person's name is part of it.
                while (
                    end < len(t.words)
                    and end - start < 4
                    and end not in in_entity
                    and not t.space[end - 1]
                    and _name_like(t, end, stop, lexicon)
                    # not the noun after a genitive (Hitlers | Vizekanzler, Melanies | Eltern)
                    and not common_compound(t.words[end], lexicon)
                    and t.lowers[end] not in lower_words
                ):
                    end += 1
            mentions.append(_make_mention(name, doc, start, end, label, forms, counts))

    if lexicon:
        mentions = _legal_form_orgs(parts, mentions, stop, forms, counts)
        mentions = _club_numbers(parts, mentions, forms, counts)
        mentions = _family_names_after_particles(parts, mentions, stop, lexicon, forms, counts)
        mentions.extend(_rule_mentions(parts, mentions, lexicon, lang, forms, counts))
    mentions = _propagate(parts, mentions)
    _resolve_short_names(mentions)
    _vote_labels(mentions)
    order = {name: i for i, (name, _) in enumerate(parts)}
    mentions.sort(key=lambda m: (order[m.part], m.start))
    return mentions


_PLACE_PREPOSITIONS = word_set("in aus nach nahe bei")


def _legal_form_orgs(
    parts: Sequence[tuple[str, Doc]],
    mentions: list[Mention],
    stop: AbstractSet[str],
    forms: set[str],
    counts: Mapping[str, int],
) -> list[Mention]:
    """Company names by their legal form (`LEGAL_FORMS`: AG, GmbH, Inc., Ltd, …).

    A mention the legal form ends, or that ends up to two capitalised words before one, is
    extended over it and is an organisation ("Robert Bosch GmbH", PER → ORG; "Bilfinger
    Berger | Projektentwicklung GmbH"); capitalised words right before a legal form that no
    mention covers are one ("Buhl-Alberti AG"). Determiners and other stop words end a name.
    """
    out: list[Mention] = []
    by_part: dict[str, list[Mention]] = {}
    for m in mentions:
        by_part.setdefault(m.part, []).append(m)
    for name, doc in parts:
        t = token_table(doc)
        n = len(t.words)
        part_mentions = by_part.get(name, [])
        covered = bytearray(n)
        for m in part_mentions:
            covered[m.tok_start : m.tok_end] = b"\x01" * (m.tok_end - m.tok_start)

        def capital(i: int, t: TokenTable = t, covered: bytearray = covered) -> bool:
            w = t.words[i]
            return (
                not covered[i]
                and w[:1].isupper()
                and t.lowers[i] not in stop
                and not _is_edge_punct(w)
                and not t.space[i]
            )

        for m in part_mentions:
            end = m.tok_end
            while end < n and end - m.tok_end < 2 and capital(end) and not legal_form(t.words[end]):
                end += 1
            if end < n and legal_form(t.words[end]) and not covered[end]:
                covered[m.tok_end : end + 1] = b"\x01" * (end + 1 - m.tok_end)
                m = _company(name, doc, m.tok_start, end + 1, forms, counts)
            elif legal_form(t.words[m.tok_end - 1]):
                m = _company(name, doc, m.tok_start, m.tok_end, forms, counts)
            out.append(m)
        for i in range(1, n):
            if not legal_form(t.words[i]) or covered[i]:
                continue
            start = i
            while (
                start > 0
                and i - start < 3
                and capital(start - 1)
                and t.lowers[start - 1] not in DETERMINERS
            ):
                start -= 1
            if start < i:
                covered[start : i + 1] = b"\x01" * (i + 1 - start)
                out.append(_company(name, doc, start, i + 1, forms, counts))
    return out


def _family_names_after_particles(
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
        lower_words = _lowercase_vocabulary(doc)
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
            if not w[:1].isupper() or t.lowers[k] in stop or _is_edge_punct(w):
                return False, None
            ordinary = t.lowers[k] in lower_words or common_compound(w, lexicon)
            nxt = starts.get(k)
            if nxt is None:
                return not covered[k], None
            absorbable = nxt.label in ("PER", "LOC") or (
                nxt.label == "ORG" and not ordinary and not _acronym(w)
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
            out.append(_make_mention(name, doc, start, k + 1, "PER", forms, counts))
        out = [m for m in out if id(m) not in absorbed]
        # "von der Leyen" without the given name, once the story has named her in full.
        tails = {
            (*(w.lower() for w in m.words[i:-1]), m.words[-1])
            for m in out
            if m.label == "PER"
            for i in range(1, len(m.words) - 1)
            if m.words[i] in NAME_PARTICLES
        }
        for i in range(n - 1):
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
            person = _make_mention(name, doc, i, k + 1, "PER", forms, counts)
            person.norm = " ".join(key)  # mid-sentence spelling, as in the full name
            out.append(person)
    return out


def _club_numbers(
    parts: Sequence[tuple[str, Doc]],
    mentions: list[Mention],
    forms: set[str],
    counts: Mapping[str, int],
) -> list[Mention]:
    """A sports club's numbers are part of its name: "1. | FC Nürnberg", "FC Schalke | 04"."""
    out: list[Mention] = []
    tables = {name: token_table(doc) for name, doc in parts}
    docs = dict(parts)
    taken = {(m.part, i) for m in mentions for i in range(m.tok_start, m.tok_end)}
    for m in mentions:
        t = tables[m.part]
        if m.label != "ORG" or not CLUB_FORMS.intersection(m.words):
            out.append(m)
            continue
        start, end = m.tok_start, m.tok_end
        if start > 0 and t.words[start - 1] in ("1.", "2.") and (m.part, start - 1) not in taken:
            start -= 1
        if end < len(t.words) and (m.part, end) not in taken and _club_number(t.words[end]):
            end += 1
        if (start, end) == (m.tok_start, m.tok_end):
            out.append(m)
            continue
        club = _make_mention(m.part, docs[m.part], start, end, "ORG", forms, counts)
        out.append(_without_full_stop(club) if club.words[-1].endswith(".") else club)
    return out


def _club_number(word: str) -> bool:
    # "Schalke 04." at a sentence end is one token: German ordinals keep their full stop.
    digits = word.removesuffix(".")
    return digits.isdigit() and len(digits) in (2, 4)


def legal_form(word: str) -> bool:
    """AG, GmbH, Inc., … — also at the end of a sentence, where the German tokenizer keeps
    the full stop on some of them ("GmbH.")."""
    return word in LEGAL_FORMS or (word.endswith(".") and word[:-1] in LEGAL_FORMS)


def _company(
    part: str, doc: Doc, start: int, end: int, forms: set[str], counts: Mapping[str, int]
) -> Mention:
    m = _make_mention(part, doc, start, end, "ORG", forms, counts)
    if m.words[-1] not in LEGAL_FORMS and m.text.endswith("."):
        # "GmbH." at a sentence end: the full stop is the sentence's, not the name's.
        return _without_full_stop(m)
    return m


def _without_full_stop(m: Mention) -> Mention:
    m.end -= 1
    m.text = m.text[:-1]
    m.norm = m.norm.removesuffix(".")
    return m


def _rule_mentions(
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

        lower_words = _lowercase_vocabulary(doc)

        def unknown(
            i: int,
            t: TokenTable = t,
            covered: bytearray = covered,
            lower_words: Container[str] = lower_words,
        ) -> bool:
            return (
                not covered[i]
                and _name_like(t, i, stop, lexicon)
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

        for i in range(n):
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
                found.append(_make_mention(name, doc, a, b, label, forms, counts))
    return found


def _acronym(word: str) -> bool:
    return len(word) >= 3 and word.isalpha() and word.isupper()


def _name_like(t: TokenTable, i: int, stop: AbstractSet[str], lexicon: AbstractSet[str]) -> bool:
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


def _lowercase_vocabulary(doc: Doc) -> Container[str]:
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


def _is_edge_punct(text: str) -> bool:
    return all(ch in EDGE_PUNCT for ch in text)


def _make_mention(
    part: str,
    doc: Doc,
    start: int,
    end: int,
    label: str,
    forms: set[str],
    counts: Mapping[str, int],
) -> Mention:
    t = token_table(doc)
    kept = [i for i in range(start, end) if not t.space[i]]
    words = [t.words[i] for i in kept]
    lemmas = [t.lemmas[i] for i in kept]
    # A determiner just outside the span tells the adjective rule the name is inflected.
    if start > 0 and t.lowers[start - 1] in DETERMINERS:
        words_n = [t.words[start - 1], *words]
        lemmas_n = [t.words[start - 1], *lemmas]
    else:
        words_n, lemmas_n = words, lemmas
    norm_words = normalize_words(words_n, lemmas_n, label, forms, counts)
    start_char, end_char = t.char_span(start, end)
    text = t.text[start_char:end_char]
    return Mention(
        part=part,
        tok_start=start,
        tok_end=end,
        start=start_char,
        end=end_char,
        text=text,
        label=label,
        norm=" ".join(norm_words) or text,
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
    stop = stop_words("de") | stop_words("en")
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
        table = token_table(doc)
        words = table.words
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
            start_char, end_char = table.char_span(i, i + hit)
            out.append(
                Mention(
                    part=name,
                    tok_start=i,
                    tok_end=i + hit,
                    start=start_char,
                    end=end_char,
                    text=table.text[start_char:end_char],
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
        if m.label not in ("PER", "LOC", "ORG", "MISC"):
            continue
        if len(words) > 2 and not (len(words) <= 3 and words[0] in NAME_PARTICLES):
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
