"""Organisation rules after the model: companies by their legal form (AG, GmbH, Inc.) and
sports clubs with their numbers (1. FC Nürnberg, FC Schalke 04)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet

from spacy.tokens import Doc

from wirehouse.nlp.mention_spans import make_mention
from wirehouse.nlp.mentions import Mention
from wirehouse.nlp.tokens import TokenTable, token_table
from wirehouse.nlp.vocab import CLUB_FORMS, DETERMINERS, LEGAL_FORMS
from wirehouse.nlp.word_tests import is_edge_punct


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
        for i in [i for i, w in enumerate(t.words) if w in _LEGAL_FORMS_DOTTED]:
            if i == 0 or covered[i]:
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


# Every legal form, and each with a full stop after it: one set lookup per word.
_LEGAL_FORMS_DOTTED = frozenset(LEGAL_FORMS) | {form + "." for form in LEGAL_FORMS}


def legal_form(word: str) -> bool:
    """AG, GmbH, Inc., … — also at the end of a sentence, where the German tokenizer keeps
    the full stop on some of them ("GmbH.")."""
    return word in _LEGAL_FORMS_DOTTED


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


def company_names_alone(mentions: list[Mention]) -> None:
    """A one-word "person" whose word opens two or more different organisations of the story,
    and is no person's name in it, is that company ("Dell" beside "Dell Precision" and "Dell
    UltraSharp"; the model reads a lone surname-like brand as a person)."""
    org_heads: dict[str, set[str]] = {}
    for m in mentions:
        if m.label == "ORG" and len(m.words) >= 2:
            org_heads.setdefault(m.words[0], set()).add(m.norm)
    person_words = {w for m in mentions if m.label == "PER" and len(m.words) >= 2 for w in m.words}
    for m in mentions:
        if (
            m.label == "PER"
            and len(m.words) == 1
            and len(org_heads.get(m.words[0], ())) >= 2
            and m.words[0] not in person_words
        ):
            m.label = "ORG"
