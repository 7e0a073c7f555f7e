"""Entity mentions: model output cleaned, completed by the rules of `mention_rules` and
`org_rules`, made consistent within a story and normalised, plus the dateline places."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from spacy.tokens import Doc

from wirehouse.nlp.common_nouns import drop_common_noun_places
from wirehouse.nlp.given_names import first_name_persons
from wirehouse.nlp.keywords import stop_words
from wirehouse.nlp.mention_rules import family_names_after_particles, slot_mentions
from wirehouse.nlp.mention_spans import make_mention
from wirehouse.nlp.mentions import Mention
from wirehouse.nlp.org_rules import club_numbers, company_names_alone, legal_form_orgs
from wirehouse.nlp.rules_en_fr import apply_en_fr_rules, same_surname, starts_with_particle
from wirehouse.nlp.tokens import token_table
from wirehouse.nlp.vocab import (
    ELIDED,
    EN_PERSON_TITLES,
    HONORIFICS,
    LABEL_MAP,
    NAME_PARTICLES,
    NEWS_AGENCIES,
)
from wirehouse.nlp.word_tests import (
    acronym,
    common_compound,
    is_address,
    is_edge_punct,
    lowercase_vocabulary,
    name_like,
)


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
        capitalised = [text for text in token_table(doc).words if text[:1].isupper()]
        forms.update(capitalised)
        counts.update(capitalised)

    mentions: list[Mention] = []
    stop = stop_words(lang)
    for name, doc in parts:
        t = token_table(doc)
        lower_words = lowercase_vocabulary(doc)
        ents = doc.ents
        in_entity = {i for ent in ents for i in range(ent.start, ent.end)}
        shouting: bool | None = None  # counted only when a one-word acronym person needs it
        for ent in ents:
            label = map_label(ent.label_)
            if label is None:
                continue
            start, end = ent.start, ent.end
            # A name never runs over a line break: the model glued a heading or a list line
            # to the name that opens the next paragraph ("… Environments¶Dell"). The name
            # is what follows the last break.
            for i in range(end - 2, start, -1):
                if t.space[i] and "\n" in t.words[i]:
                    start = i + 1
                    break
            while start < end and (is_edge_punct(t.words[start]) or t.words[start] in ELIDED):
                start += 1
            while end > start and (is_edge_punct(t.words[end - 1]) or t.space[end - 1]):
                end -= 1
            if start >= end or any(is_address(w) for w in t.words[start:end]):
                continue  # nothing left, or a web or mail address the model took for a name
            # A title is not part of the name ("Sir | George Carew", "Frau | Merkel").
            while label == "PER" and end - start > 1 and t.words[start] in HONORIFICS:
                start += 1
            if label == "PER" and end - start == 1 and acronym(t.words[start]):
                if shouting is None:
                    shouting = _shouting(t.text)
                if not shouting:
                    # Running text writes people in mixed case: UEFA, CIBJO are organisations.
                    label = "ORG"
            if (
                label != "PER"
                and lang == "en"
                and end - start >= 2
                and start > 0
                and t.words[start - 1] in EN_PERSON_TITLES
                and all(w[:1].isupper() for w in t.words[start:end])
            ):
                label = "PER"  # "Chancellor Olaf Scholz" (the small model says ORG)
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
                    and name_like(t, end, stop, lexicon)
                    # not the noun after a genitive (Hitlers | Vizekanzler, Melanies | Eltern)
                    and not common_compound(t.words[end], lexicon)
                    and t.lowers[end] not in lower_words
                ):
                    end += 1
            mentions.append(make_mention(name, doc, start, end, label, forms, counts, lang))

    if lexicon is not None:
        # Legal forms and club numbers are written alike across Europe's wire languages.
        mentions = legal_form_orgs(parts, mentions, stop, forms, counts, lang)
        mentions = club_numbers(parts, mentions, forms, counts, lang)
    if lexicon and lang == "de":
        # German only: French and Spanish "de" is a preposition far more often than a name
        # particle ("Emmanuel Macron de la France"), and the slots are German words.
        mentions = family_names_after_particles(parts, mentions, stop, lexicon, forms, counts)
        mentions.extend(slot_mentions(parts, mentions, lexicon, lang, forms, counts))
        mentions = drop_common_noun_places(mentions)
        mentions.extend(first_name_persons(parts, mentions, stop, forms, counts))
    mentions = apply_en_fr_rules(parts, mentions, forms, counts, lang)
    mentions = _propagate(parts, mentions)
    _resolve_short_names(mentions, lang)
    company_names_alone(mentions)
    _vote_labels(mentions)
    order = {name: i for i, (name, _) in enumerate(parts)}
    mentions.sort(key=lambda m: (order[m.part], m.start))
    return mentions


def _shouting(text: str) -> bool:
    """Whether most of the letters of the text are capitals (a story written in capitals)."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) > len(letters) / 2


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
        after_hit = 0  # a hit's words are not looked at again
        for i in [i for i, w in enumerate(words) if w in first_words]:
            if i < after_hit or covered[i]:
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
            after_hit = i + hit
    return out


def _resolve_short_names(mentions: list[Mention], lang: str = "de") -> None:
    """`Putin` → `Wladimir Putin` when the story names the full person; outside German also
    a surname with its particles, whatever the model called it (`Le Pen`, `De Gaulle`)."""
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
        particled = lang != "de" and starts_with_particle(words)
        if len(words) > 2 and not (len(words) <= 3 and (words[0] in NAME_PARTICLES or particled)):
            continue
        if m.label != "PER" and len(words) != 1 and not particled:
            continue
        cands = {
            norm
            for _, fw, norm in full
            if len(fw) > len(words)
            and (
                fw[-len(words) :] == words or (particled and same_surname(fw[-len(words) :], words))
            )
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
