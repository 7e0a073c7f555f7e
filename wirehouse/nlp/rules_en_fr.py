"""Entity rules for English and French wire copy, after the official models.

- Firms in analysts' attributions: `an analyst at Bernstein`, `Jefferies analyst …`,
  `économiste chez Natixis` name a bank or broker, never a place or a person (the small
  models read `Bernstein` as a place).
- Surname particles: a person the model cut inside its particles (`Ursula von der | Leyen`)
  runs on over the next capitalised word; `Ursula | von der Leyen` likewise for the particles
  that are never prepositions in English or French text (von, van, ter, ten).
- A French title the model took into an organisation (`ministre de l'Economie Eric Lombard`,
  `porte-parole du gouvernement Maud Bregeon`): the name at its end is the person.
- `same_surname`: `Le Pen`, `De Gaulle`, `Von der Leyen` at a sentence start are the
  `Marine Le Pen`, `Charles de Gaulle`, `Ursula von der Leyen` of the story (used by the short
  name resolution in `entities`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc

from wirehouse.nlp.mention_spans import make_mention
from wirehouse.nlp.mentions import Mention
from wirehouse.nlp.tokens import token_table
from wirehouse.nlp.vocab import word_set

__all__ = ["apply_en_fr_rules", "same_surname", "starts_with_particle"]

# Words that open or are part of a surname in European names, compared in lower case.
SURNAME_PARTICLES = word_set("von van de da del della di du dos des le la der den ter ten al el")
# Particles that in English and French text are never a preposition before a capitalised word.
_FOREIGN_PARTICLES = word_set("von van ter ten")
_PARTICLE_ARTICLES = word_set("der den de la le")
_ANALYSTS = word_set(
    """
    analyst analysts economist economists strategist strategists banker bankers trader
    traders researcher researchers analyste analystes économiste économistes stratégiste
    stratégistes
    """
)
# Lower-case French titles that open a span the model called an organisation.
_FR_TITLES = word_set(
    """
    ministre président présidente directeur directrice secrétaire porte-parole député
    députée sénateur sénatrice maire patron patronne dirigeant dirigeante chef commissaire
    gouverneur ambassadeur ambassadrice
    """
)
_AT = {"en": word_set("at with from"), "fr": word_set("chez")}


def apply_en_fr_rules(
    parts: Sequence[tuple[str, Doc]],
    mentions: list[Mention],
    forms: set[str],
    counts: Mapping[str, int],
    lang: str,
) -> list[Mention]:
    if lang not in _AT:
        return mentions
    if lang == "fr":
        mentions = _names_after_titles(parts, mentions, forms, counts)
    mentions = _particle_names(parts, mentions, forms, counts, lang)
    _firms_of_analysts(parts, mentions, lang)
    return mentions


def _firms_of_analysts(
    parts: Sequence[tuple[str, Doc]], mentions: list[Mention], lang: str
) -> None:
    docs = dict(parts)
    for m in mentions:
        if m.label not in ("LOC", "PER"):
            continue
        t = token_table(docs[m.part])
        before = t.lowers[m.tok_start - 2 : m.tok_start]
        after = t.lowers[m.tok_end] if m.tok_end < len(t.words) else ""
        after_analyst = len(before) == 2 and before[0] in _ANALYSTS and before[1] in _AT[lang]
        # "Bernstein analyst Toni Sacconaghi", "Barclays economist Christian Keller"
        names_analyst = lang == "en" and after in _ANALYSTS and m.label == "LOC"
        if after_analyst or names_analyst:
            m.label = "ORG"


def _names_after_titles(
    parts: Sequence[tuple[str, Doc]],
    mentions: list[Mention],
    forms: set[str],
    counts: Mapping[str, int],
) -> list[Mention]:
    docs = dict(parts)
    out: list[Mention] = []
    for m in mentions:
        t = token_table(docs[m.part])
        first, last = m.tok_start, m.tok_end
        if m.label == "PER" or t.words[first] not in _FR_TITLES or last - first < 3:
            out.append(m)
            continue
        start = last - 2  # given name and surname; a particle pulls in one word more
        if t.lowers[start] in SURNAME_PARTICLES and start - 1 > first:
            start -= 1
        name = t.words[start:last]
        if all(w[:1].isupper() and w.replace("-", "").isalpha() for w in name) and not (
            t.lowers[start - 1] in ("de", "du", "des", "l'", "l’", "d'", "d’")
            and len(name) == 2
            and start - 1 > first
            and t.words[start - 2] in _FR_TITLES
        ):
            out.append(make_mention(m.part, docs[m.part], start, last, "PER", forms, counts, "fr"))
        else:
            out.append(m)
    return out


def _particle_names(
    parts: Sequence[tuple[str, Doc]],
    mentions: list[Mention],
    forms: set[str],
    counts: Mapping[str, int],
    lang: str,
) -> list[Mention]:
    docs = dict(parts)
    out: list[Mention] = []
    swallowed: set[int] = set()
    by_start = {(m.part, m.tok_start): m for m in mentions}
    for m in mentions:
        if id(m) in swallowed:
            continue
        if m.label != "PER":
            out.append(m)
            continue
        doc = docs[m.part]
        t = token_table(doc)
        end = m.tok_end
        ends_in_particle = t.lowers[end - 1] in SURNAME_PARTICLES and m.tok_end - m.tok_start > 1
        if not ends_in_particle:
            # "Ursula | von der Leyen": only particles no English or French sentence uses
            if end < len(t.words) and t.lowers[end] in _FOREIGN_PARTICLES and not t.space[end - 1]:
                end += 1
                if end < len(t.words) and t.lowers[end] in _PARTICLE_ARTICLES:
                    end += 1
            else:
                out.append(m)
                continue
        if end >= len(t.words) or not t.words[end][:1].isupper() or not t.words[end].isalpha():
            out.append(m)
            continue
        nxt = by_start.get((m.part, end))
        if nxt is not None:
            swallowed.add(id(nxt))
            new_end = nxt.tok_end if nxt.tok_end - end <= 2 else end + 1
        else:
            new_end = end + 1
        out.append(make_mention(m.part, doc, m.tok_start, new_end, "PER", forms, counts, lang))
    return [m for m in out if id(m) not in swallowed]


def starts_with_particle(words: Sequence[str]) -> bool:
    """`Le Pen`, `De Gaulle`, `von der Leyen`: a surname that opens with its particle."""
    return len(words) >= 2 and words[0].lower() in SURNAME_PARTICLES and words[-1][:1].isupper()


def same_surname(full_tail: Sequence[str], words: Sequence[str]) -> bool:
    """The words of a full name's tail and a short mention, particles compared in any case."""
    if len(full_tail) != len(words):
        return False
    return all(
        a == b or (a.lower() == b.lower() and a.lower() in SURNAME_PARTICLES)
        for a, b in zip(full_tail, words, strict=True)
    )
