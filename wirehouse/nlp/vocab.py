"""Labels and word lists shared by the record builders (the entity, name and quote rules)."""

from __future__ import annotations

import re


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


LABELS = ("PER", "LOC", "ORG", "MISC")

# Foreign label sets (OntoNotes, GermEval's OTH) mapped onto ours; anything else (dates,
# numbers, GermEval's *deriv/*part adjectives) is not a name and is dropped.
LABEL_MAP: dict[str, str] = {
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

DETERMINERS = word_set(
    """
    der die das des dem den ein eine einer eines einem einen im am vom zum zur beim the
    """
)
# French elided articles and prepositions, tokens of their own ("l'", "Élysée"): never the
# start of a name ("l'Élysée" is Élysée, "d'Airbus" is Airbus).
ELIDED = frozenset({"l'", "d'", "l’", "d’", "L'", "D'", "L’", "D’", "qu'", "qu’"})
HONORIFICS = word_set(
    """
    Herr Herrn Frau Dr. Dr Prof. Prof Mr. Mrs. Ms. Mr Mrs Ms Sir M. Mme Mme. Mlle MM. Mmes
    """
)
# English titles before a person's name ("Chancellor Olaf Scholz"): a full name after one is a
# person, whatever the small model labelled it.
EN_PERSON_TITLES = word_set(
    """
    President Chancellor Minister Secretary Governor Senator Sen. Rep. Representative Mayor
    Premier King Queen Prince Princess Pope Judge Justice General Gen. Admiral Commissioner
    Ambassador Spokesman Spokeswoman CEO Chairman Chairwoman Chair Director Coach Captain
    """
)
# News agencies as German copy names them, in credits and attributions ("sagte der Deutschen
# Presse-Agentur (dpa)", "berichtete Reuters"): organisations the model, trained mostly on
# other text, rarely knows. Case matters: "AP" is the agency, "ap" is not.
NEWS_AGENCIES = word_set(
    """
    dpa dpa-AFX AFX AFP AP Reuters KNA epd SID ots APA sda SDA ANSA EFE Kyodo Xinhua
    TASS Tass Interfax Bloomberg PAP CTK ČTK Belga ANP
    """
)
# Legal forms of companies: a name they end is an organisation ("Robert Bosch GmbH" is not a
# person), and they belong to it ("Google Inc.", "Läpple AG"). "SA" and "SE" alone are left
# out: German text uses them for other things.
LEGAL_FORMS = word_set(
    """
    AG GmbH gGmbH mbH KGaA KG OHG eG e.V. Inc. Inc Ltd. Ltd plc PLC N.V. S.A. S.p.A. SpA
    Corp. Corp LLC LLP B.V. A/S ASA Oyj AB
    """
)
# Abbreviations in the names of sports clubs, whose numbers belong to them ("1. FC Köln",
# "FC Schalke 04", "TSG 1899 Hoffenheim").
CLUB_FORMS = word_set(
    """
    FC FSV SV TSV VfB VfL VfR SC TSG SpVgg BSC SSV KSC MSV SG TuS TSC SSC BV BVB RB AC AS CF
    """
)
# Name particles between a person's given names and family name ("Ole von Beust", "Rafael van
# der Vaart", "Ana de Sousa"); "zu" is left out: "Cantona zu United" is no name.
NAME_PARTICLES = word_set("von van de da del della di du dos")
# Articles that follow a particle ("von der Leyen", "van den Berg", "de la Selva").
PARTICLE_ARTICLES = word_set("der den de la le los")
APOSTROPHES = ("’", "'", "`", "´")
# Without a lemmatizer, these endings mark an inflected (oblique) adjective inside a name:
# "Vereinigten", "Arabischen", "Europäischen", "Nahen", "Roten".
OBLIQUE_ADJ = re.compile(
    r"(?:isch|lich|ig|igt|int|al|ell|iv|är|ös|ahe|ot|eiß|ün|arz|au|eu|ober|unter|mittler)e[nm]$"
)
GENITIVE_VOWELS = frozenset("aeiouyäöüsxzß")
EDGE_PUNCT = frozenset("\"'„“”‚‘’«»‹›()[]{},;:.!?-–—/*")
