"""Speech cues by language: the words that say someone speaks (sagte, said, a déclaré, selon)."""

from __future__ import annotations

import re

from wirehouse.nlp.tokens import TokenTable
from wirehouse.nlp.vocab import word_set

__all__ = ["AGE_ANAPHOR", "ANAPHOR_ARTICLES", "PRONOUNS", "SPEAKER_FIRST", "cue_kind", "cue_kinds"]

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
    expressed expresses voiced voices thanked reiterated reiterates pledged pledges vowed
    vows promised welcomed welcomes criticised criticized criticises criticizes condemned
    condemns described describes
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
PRONOUNS = {
    "de": frozenset({"er", "sie"}),
    "en": frozenset({"he", "she"}),
    # "a-t-il déclaré": the French tokenizer keeps the hyphen on the inverted pronoun.
    "fr": frozenset({"il", "elle", "-il", "-elle"}),
}
# In English and French the speaker usually comes before the verb ("Biden told reporters",
# "Macron a déclaré"); after it only where the quote comes first ('"…," said Biden',
# '« … », a déclaré Macron'), when a comma or the quote itself stands before the verb.
SPEAKER_FIRST = frozenset({"en", "fr"})
# "fait" is a speech verb only in "a fait savoir" / "a fait valoir".
_FR_SAVOIR = word_set("savoir valoir")
# "sagte der 62-Jährige": German news refers back to the person just named by age; the
# article before it makes it a pronoun for attribution ("der 62-Jährige" = er).
AGE_ANAPHOR = re.compile(r"^\d{1,3}-[Jj]ährige[nr]?$")
ANAPHOR_ARTICLES = word_set("der die")


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


# Every lower-case form `cue_kind` can return a cue for, by language (German also reads the
# lemma): the other tokens, nearly all of them, are passed over without calling it.
_CUE_LOWERS: dict[str, frozenset[str]] = {
    "de": _DE_CUE_FORMS | {"laut", "zufolge", "so"},
    "en": _EN_CUE_FORMS | {"according"},
    "fr": _FR_CUE_FORMS | {"selon", "après"},
}


def cue_kinds(t: TokenTable, lang: str) -> list[str | None]:
    """`cue_kind` of every token, computed once per token table and language."""
    kinds = t.cue_kinds.get(lang)
    if kinds is None:
        kinds = t.cue_kinds[lang] = [None] * len(t.words)
        lowers = _CUE_LOWERS.get(lang)
        if lowers is not None:
            candidates = {i for i, low in enumerate(t.lowers) if low in lowers}
            if lang == "de":
                candidates.update(i for i, lem in enumerate(t.lemmas) if lem in _DE_CUE_LEMMAS)
            for i in candidates:
                kinds[i] = cue_kind(t, i, lang)
    return kinds
