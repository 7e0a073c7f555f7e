"""`lang_declared` is one BCP 47 tag whatever the format wrote (language_tags.py)."""

from __future__ import annotations

import pytest

from wirehouse.readers.language_tags import normalise_language_tag


@pytest.mark.parametrize(
    ("sent", "tag"),
    [
        ("EN", "en"),
        ("de-DE", "de-DE"),
        ("nl-nl", "nl-NL"),
        ("en_us", "en-US"),
        ("EN-us", "en-US"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("nb-NO", "nb-NO"),
        ("ger", "de"),  # ISO 639-2 bibliographic
        ("deu", "de"),  # ISO 639-2 terminology / 639-3
        ("nob", "nb"),
        ("German", "de"),  # a language's English name
        ("und", "und"),  # no two-letter code: kept
        ("??", "??"),  # not a tag: kept, lower case
        (" fr ", "fr"),
        ("", None),
        (None, None),
    ],
)
def test_language_tag(sent: str | None, tag: str | None) -> None:
    assert normalise_language_tag(sent) == tag
