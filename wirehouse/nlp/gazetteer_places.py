"""Place mentions (LOC) for stories whose pipeline has no entity model, from the gazetteer.

Spanish, Italian, Portuguese, Dutch … run through blank pipelines: no NER (de/en/fr have
models, and scripts without capitals have nothing to look for: neither comes here, see
`wirehouse.places.finds_gazetteer_places`). Their places are the gazetteer's prominent
names (`wirehouse.places.names`: countries, first-level regions, cities of 100,000 people or
capitals, continents) among the Doc's tokens, precision first:

- A candidate is a run of 1–3 capitalised words, lower-case particles between two of them
  included (`Ciudad de México`, `Corea del Sur`). The whole run must be the name: a place
  inside a longer name is part of it (`Banco de España`, `Atlético de Madrid`, `Real
  Madrid`, `Europa Press`), except after a title (`Presidente de Sri Lanka`) or an opening
  stop word (`En Madrid`). Words in capitals join runs but are no names, bar a short country
  (`EEUU`). A compass adjective after a country or continent belongs to it (`Europa oriental`).
- A word that stands beside another capitalised word in a run that is no place is a
  person's or a company's in the whole story: `Santiago` after `Santiago Abascal`, `Jordan`
  after `Michael Jordan`. A compass point alone is no place (`el Sur`, `ad Est`); a one-word
  city after an article is a football club in Spanish and Italian (`el Oporto`, `la Roma`).
- One word of a city or region (countries and continents need none of this) is no place
  when it opens a sentence (`Como`, unless the story names it mid-sentence too), is a stop
  word, is written in lower case elsewhere in the story, or is a common word of the language
  (`language_words`: `Mayo`, `Victoria`, `Paz`) that no place preposition introduces (`en
  Valencia` is the city).
- A place opening a paragraph that is the story's dateline place is the dateline, which
  has its row already (`entity_rows.dateline_entities`).

The mentions are the model's kind (`Mention`, label LOC, norm = the text as written), so
entity rows, places, clusters and the report treat them alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from wirehouse.nlp.keywords import stop_words
from wirehouse.nlp.language_words import ordinary_words
from wirehouse.nlp.mentions import Mention
from wirehouse.nlp.tokens import TokenTable, token_table
from wirehouse.nlp.vocab import word_set
from wirehouse.places.names import fold, prominent_names

__all__ = ["gazetteer_mentions"]

# Lower-case words inside a place's name (`Santiago de Cuba`, `Río de la Plata`).
PARTICLES = word_set("de del la las los di da della dello dei degli delle do dos das")
# A common word right after one of these is a place (`en Valencia`, `a Lima`); read only by
# the common-word test.
PLACE_PREPOSITIONS: dict[str, frozenset[str]] = {
    "es": frozenset({"en", "desde", "hacia", "hasta"}),
    "it": frozenset({"a", "in", "da", "verso"}),
    "pt": frozenset({"em", "para"}),
    "nl": frozenset({"in", "naar", "uit"}),
}
# Spanish and Italian name a city without an article: after one, a one-word city is a
# football club (`el Oporto`, `al Barcelona`, `dal Milan`, `la Roma`). Countries and regions
# take one (`la India`, `el País Vasco`, `il Lazio`), Portuguese cities too (`o Porto`).
CLUB_ARTICLES: dict[str, frozenset[str]] = {
    "es": word_set("el la los las del al"),
    "it": word_set(
        """
        il lo la i gli le l' l’ del dello della dell' dell’ al allo alla all' all’ dal dalla
        dall' dall’ nel nella nell' nell’ sul sulla sull' sull’ col
        """
    ),
}
# Points of the compass name no place alone (`el Sur`, `ad Est`; GeoNames knows a Sur, Oman).
DIRECTIONS = word_set(
    """
    norte sur este oeste nord sud est ovest leste noord zuid oost west centro oriente occidente
    levante ponente
    """
)
# An adjective after a country or continent belongs to the place (`Europa oriental`,
# `Alemania Oriental`, `Germania orientale`, `Asia central`).
REGION_ADJECTIVES = word_set(
    """
    oriental occidental central septentrional meridional continental orientale occidentale
    centrale settentrionale meridionale ocidental setentrional
    """
)
# Titles before `de`: the place after them is one (`Presidente de Sri Lanka`, `Rey de
# España`), where after other capitalised words it is part of a name (`Banco de España`).
TITLES = word_set(
    """
    presidente presidenta rey reina príncipe princesa primer primera ministro ministra canciller
    embajador embajadora alcalde alcaldesa gobernador gobernadora re regina principe primo prima
    ambasciatore sindaco rei rainha primeiro embaixador prefeito
    """
)
MAX_WORDS = 3
_NEEDS_NO_TESTS = frozenset({"country", "world"})
_EXTENDED = frozenset({"country", "world"})


@dataclass(slots=True)
class _Candidate:
    part: str
    table: TokenTable
    start: int
    end: int
    key: str
    kind: str
    opens_sentence: bool
    opens_paragraph: bool


def gazetteer_mentions(
    parts: Sequence[tuple[str, Doc]], lang: str, dateline_places: Sequence[str] = ()
) -> list[Mention]:
    """LOC mentions of the gazetteer's prominent places in a story without an entity model."""
    names = prominent_names()
    stop = stop_words(lang)
    candidates: list[_Candidate] = []
    name_words: set[str] = set()  # words of capitalised names that are no place
    tables: list[TokenTable] = []
    for part, doc in parts:
        table = token_table(doc)
        tables.append(table)
        for start, end in _runs(table):
            found = _match(table, start, end, names, stop)
            if found is None:
                name_words.update(_joined_words(table, start, end))
                continue
            start, end, key = found
            # `Europa oriental`: a lower-case adjective after a country or continent
            if (
                end < len(table.words)
                and _glued(table, end)
                and table.lowers[end] in REGION_ADJECTIVES
                and names[key] in _EXTENDED
            ):
                end += 1
            candidates.append(
                _Candidate(
                    part,
                    table,
                    start,
                    end,
                    key,
                    names[key],
                    _opens_sentence(table, start),
                    _opens_paragraph(table, start),
                )
            )
    words = ordinary_words(lang)
    before = PLACE_PREPOSITIONS.get(lang, frozenset())
    dateline = {fold(p) for p in dateline_places}
    articles = CLUB_ARTICLES.get(lang, frozenset())
    single = [c for c in candidates if c.end - c.start == 1]
    mid_sentence = {c.key for c in single if not c.opens_sentence}
    lower_forms: set[str] | None = None  # the story's words in lower case, when needed
    mentions: list[Mention] = []
    for c in candidates:
        if c.opens_paragraph and c.key in dateline:
            continue
        if _before_year(c.table, c.end):
            continue  # an event named for its place and year: `Barcelona 1992`, `Aurora 2023`
        previous = c.table.lowers[c.start - 1] if c.start else ""
        if c.end - c.start == 1:
            lower = c.table.lowers[c.start]
            if c.key in name_words or lower in DIRECTIONS:
                continue
            if c.kind == "city" and previous in articles:
                continue
            if c.kind not in _NEEDS_NO_TESTS:
                if (
                    (c.opens_sentence and c.key not in mid_sentence)
                    or lower in stop
                    or (lower in words and previous not in before)
                ):
                    continue
                if lower_forms is None:
                    lower_forms = {w for t in tables for w in t.words if w.islower()}
                if lower in lower_forms:
                    continue
        mentions.append(_mention(c))
    return mentions


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and any(ch.isalpha() for ch in word)


def _shouted(word: str, names: dict[str, str]) -> bool:
    """A word in capitals that is no short country name (EEUU, EE.UU., UK are)."""
    return (
        len(word) > 1
        and word.isupper()
        and not (len(word) <= 6 and names.get(fold(word)) == "country")
    )


def _runs(table: TokenTable) -> list[tuple[int, int]]:
    """Token ranges of capitalised words (in capitals too: `Shanghai SIPG` is one name),
    particles between two of them included."""
    words = table.words
    caps = [w[:1].isupper() and _capitalised(w) for w in words]
    runs: list[tuple[int, int]] = []
    i, n = 0, len(words)
    while i < n:
        if not caps[i]:
            i += 1
            continue
        end = i + 1
        while end < n:
            if caps[end] and _glued(table, end):
                end += 1
                continue
            # up to two particles between capitalised words (`Banco de la República`)
            j = end
            while j < n and j - end < 2 and words[j] in PARTICLES and _glued(table, j):
                j += 1
            if end < j < n and caps[j] and _glued(table, j) and not words[end - 1].isupper():
                end = j + 1
                continue
            break
        runs.append((i, end))
        i = end
    return runs


def _before_year(table: TokenTable, end: int) -> bool:
    word = table.words[end] if end < len(table.words) else ""
    return len(word) == 4 and word.isdigit() and _glued(table, end)


def _glued(table: TokenTable, i: int) -> bool:
    """Token i follows token i-1 after one plain space (no punctuation, no line break)."""
    return table.text[table.idx[i - 1] + len(table.words[i - 1]) : table.idx[i]] == " "


def _match(
    table: TokenTable, start: int, end: int, names: dict[str, str], stop: frozenset[str]
) -> tuple[int, int, str] | None:
    """(first token, end, key) when the run is a prominent name; else the run without the
    stop words opening it, or the place after a title (`Presidente de Sri Lanka`)."""
    words = table.words
    if end - start == 1 and table.lowers[start] in stop:
        return None  # most runs: a sentence opening with an article or a preposition
    first = start
    while first < end:
        found = _name(table, first, end, names)
        if found is not None:
            return found
        if table.lowers[first] in stop and end - first > 1:
            first += 1
            continue
        break
    head = first
    while head < end and table.lowers[head] in TITLES:
        head += 1
    if head > first and head < end and words[head] in PARTICLES:
        while head < end and words[head] in PARTICLES:
            head += 1
        return _name(table, head, end, names)
    return None


def _name(
    table: TokenTable, start: int, end: int, names: dict[str, str]
) -> tuple[int, int, str] | None:
    run = table.words[start:end]
    if sum(1 for w in run if w not in PARTICLES) > MAX_WORDS or any(
        _shouted(w, names) for w in run
    ):
        return None
    key = _key(table, start, end)
    if key in names:
        return start, end, key
    # `Alemania Oriental`: the country and its adjective
    if end - start > 1 and table.lowers[end - 1] in REGION_ADJECTIVES:
        key = _key(table, start, end - 1)
        if names.get(key) in _EXTENDED:
            return start, end, key
    return None


def _key(table: TokenTable, start: int, end: int) -> str:
    first, last = table.char_span(start, end)
    return fold(table.text[first:last])


def _joined_words(table: TokenTable, start: int, end: int) -> set[str]:
    """Folded words of a run that stand right beside another capitalised word."""
    out: set[str] = set()
    for i in range(start, end - 1):
        if table.words[i] not in PARTICLES and table.words[i + 1] not in PARTICLES:
            out.update((fold(table.words[i]), fold(table.words[i + 1])))
    return out


def _opens_sentence(table: TokenTable, i: int) -> bool:
    """Only punctuation (quotes, dashes) between the sentence's start and token i."""
    while i > 0 and not table.sent_start[i]:
        i -= 1
        if table.alpha[i] or any(ch.isdigit() for ch in table.words[i]):
            return False
    return True


def _opens_paragraph(table: TokenTable, i: int) -> bool:
    start = table.idx[i]
    return start == 0 or "\n" in table.text[max(0, start - 3) : start]


def _mention(c: _Candidate) -> Mention:
    start_char, end_char = c.table.char_span(c.start, c.end)
    text = c.table.text[start_char:end_char]
    return Mention(
        part=c.part,
        tok_start=c.start,
        tok_end=c.end,
        start=start_char,
        end=end_char,
        text=text,
        label="LOC",
        norm=text,
        words=tuple(c.table.words[c.start : c.end]),
    )
