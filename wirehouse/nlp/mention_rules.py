"""Rules after the model: names that (German) news writes in fixed ways, which a small model
misses or cuts — companies by their legal form, name particles, club numbers, news agencies,
names in speech and place slots — and the word tests they share (is a capitalised word an
ordinary word, a compound of one, an acronym?). `entities.collect_mentions` applies them."""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from collections.abc import Set as AbstractSet

from spacy.tokens import Doc

from wirehouse.nlp.keywords import stop_words
from wirehouse.nlp.mentions import Mention
from wirehouse.nlp.names import normalize_words
from wirehouse.nlp.quotes import cue_kinds
from wirehouse.nlp.tokens import TokenTable, token_table
from wirehouse.nlp.vocab import (
    CLUB_FORMS,
    DETERMINERS,
    EDGE_PUNCT,
    LEGAL_FORMS,
    NAME_PARTICLES,
    NEWS_AGENCIES,
    PARTICLE_ARTICLES,
    word_set,
)

_PLACE_PREPOSITIONS = word_set("in aus nach nahe bei")


def legal_form_orgs(
    parts: Sequence[tuple[str, Doc]],
    mentions: list[Mention],
    stop: AbstractSet[str],
    forms: set[str],
    counts: Mapping[str, int],
    lang: str = "de",
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
                and not is_edge_punct(w)
                and not t.space[i]
            )

        for m in part_mentions:
            end = m.tok_end
            while end < n and end - m.tok_end < 2 and capital(end) and not legal_form(t.words[end]):
                end += 1
            if end < n and legal_form(t.words[end]) and not covered[end]:
                covered[m.tok_end : end + 1] = b"\x01" * (end + 1 - m.tok_end)
                m = _company(name, doc, m.tok_start, end + 1, forms, counts, lang)
            elif legal_form(t.words[m.tok_end - 1]):
                m = _company(name, doc, m.tok_start, m.tok_end, forms, counts, lang)
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
                out.append(_company(name, doc, start, i + 1, forms, counts, lang))
    return out


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
            person = make_mention(name, doc, i, k + 1, "PER", forms, counts)
            person.norm = " ".join(key)  # mid-sentence spelling, as in the full name
            out.append(person)
    return out


def club_numbers(
    parts: Sequence[tuple[str, Doc]],
    mentions: list[Mention],
    forms: set[str],
    counts: Mapping[str, int],
    lang: str = "de",
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
        club = make_mention(m.part, docs[m.part], start, end, "ORG", forms, counts, lang)
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
    part: str,
    doc: Doc,
    start: int,
    end: int,
    forms: set[str],
    counts: Mapping[str, int],
    lang: str = "de",
) -> Mention:
    m = make_mention(part, doc, start, end, "ORG", forms, counts, lang)
    if m.words[-1] not in LEGAL_FORMS and m.text.endswith("."):
        # "GmbH." at a sentence end: the full stop is the sentence's, not the name's.
        return _without_full_stop(m)
    return m


def _without_full_stop(m: Mention) -> Mention:
    m.end -= 1
    m.text = m.text[:-1]
    m.norm = m.norm.removesuffix(".")
    return m


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
                found.append(make_mention(name, doc, a, b, label, forms, counts))
    return found


def acronym(word: str) -> bool:
    return len(word) >= 3 and word.isalpha() and word.isupper()


def name_like(t: TokenTable, i: int, stop: AbstractSet[str], lexicon: AbstractSet[str]) -> bool:
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


def lowercase_vocabulary(doc: Doc) -> Container[str]:
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


def is_edge_punct(text: str) -> bool:
    return all(ch in EDGE_PUNCT for ch in text)


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
