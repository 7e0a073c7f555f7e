"""The language an item declares, as one BCP 47 tag whatever the format wrote.

Agencies write `EN`, `de-DE`, `nl-nl`, `en_US`, `ger`, `deu` or `German`. Every reader's value
goes through `normalise_language_tag` (in `fields.make_article`), which writes the tag in BCP 47's
own case convention (RFC 5646 2.1.1): language lower case, script title case, region upper case
(`EN` → `en`, `nl-nl` → `nl-NL`, `en_us` → `en-US`, `zh-hant-tw` → `zh-Hant-TW`). An ISO 639-2/3
code or an English language name becomes the two-letter code where one exists (`ger`/`deu` → `de`,
`German` → `de`). The region stays: `pt-BR` and `pt-PT` are not the same copy. The language alone,
what an analyst compares with the detected language, is the part before the first hyphen
(`split_part(lang_declared, '-', 1)`).

Anything that is not a tag (`x`, `??`, a sentence) is kept lower-cased as sent: better a value
an analyst can see than a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

_SUBTAG = re.compile(r"^[A-Za-z0-9]{1,8}$")
_NAME = re.compile(r"^[A-Za-z][A-Za-z ()-]{3,40}$")


def normalise_language_tag(value: str | None) -> str | None:
    """`EN` → `en`, `nl-nl` → `nl-NL`, `ger` → `de`; None for an empty value."""
    text = " ".join((value or "").split())
    if not text:
        return None
    subtags = text.replace("_", "-").split("-")
    if len(subtags) == 1 and len(text) > 3 and _NAME.match(text):
        return _language_named(text.lower()) or text.lower()
    if not all(_SUBTAG.match(s) for s in subtags) or not subtags[0].isalpha():
        return text.lower()
    return "-".join([_primary(subtags[0].lower()), *(_cased(s) for s in subtags[1:])])


def _cased(subtag: str) -> str:
    if len(subtag) == 4 and subtag.isalpha():
        return subtag.title()  # script: `Hant`, `Latn`
    if (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit()):
        return subtag.upper()  # region: `DE`, `419`
    return subtag.lower()  # variant or extension


@lru_cache(maxsize=256)
def _primary(code: str) -> str:
    """The shortest ISO 639 code for a language subtag (`deu`, `ger` → `de`)."""
    if len(code) != 3:
        return code
    language = pycountry.languages.get(alpha_3=code) or _bibliographic(code)
    return getattr(language, "alpha_2", None) or code


def _bibliographic(code: str) -> object | None:
    try:
        return pycountry.languages.get(bibliographic=code)
    except (KeyError, LookupError):
        return None


@lru_cache(maxsize=64)
def _language_named(name: str) -> str | None:
    try:
        language = pycountry.languages.get(name=name)
    except (KeyError, LookupError):
        return None
    if language is None:
        return None
    return getattr(language, "alpha_2", None) or getattr(language, "alpha_3", None)
