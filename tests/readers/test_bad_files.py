"""Files that must be quarantined: each raises WireParseError with a reason a person reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.readers.conftest import bad_fixtures
from wirehouse.model import WireParseError
from wirehouse.readers import read_wire

EXPECTED_REASON = {
    "empty.txt": "empty",
    "picture.png": "PNG",
    "truncated.nitf.xml": "not well-formed XML",
    "undecodable.txt": "cannot decode",
    "billion_laughs.xml": "declares entities",
    "external_entity.xml": "external entity",
    "not_ninjs.json": "JSON without a ninjs/digitalwires/AP shape",
    # Junk that once loaded as articles (issue 12 item 7): quarantined with a reason.
    "bare_number.json": "JSON without a ninjs/digitalwires/AP shape: the file is just the value 42",
    "json_string.json": "JSON without a ninjs/digitalwires/AP shape: the file is just a string",
    "api_response_unknown.json": "JSON without a ninjs/digitalwires/AP shape",
    "ninjs_number_fields.json": "ninjs text item with neither headline nor body text",
    "mostly_invalid_utf8.txt": "neither ASCII nor valid UTF-8",
    "numbers_only.txt": "no words of text",
    "rss_feed.xml": "a feed (<rss>) with no items",
    "atom_feed_no_entries.xml": "a feed (<feed>) with no items",
    "truncated.reuters_newsitem.xml": "not well-formed XML",
    "reuters_newsitem_without_text.xml": "the Reuters newsitem has neither a headline nor text",
    "truncated.appl.xml": "not well-formed XML",
    # Files that travel with wire copy but are no story (readers/not_story.py).
    "manifest.tsv": "not a wire story: a tab-separated table (4 rows, 5 columns)",
    "checksums.sha256": "not a wire story: a list of checksums",
    "README.md": "not a wire story: a Markdown document",
    "corpus.conll": "not a wire story: a list of a word or two per line (72 lines)",
    # E-mail (readers/mail.py): a message cut off in its MIME, a message with nothing in it.
    "email_truncated_mime.eml": "the message is cut off: its multipart/mixed part has no closing",
    "email_empty_body.eml": "the message has no text and no attachment (subject: Storm hits coast)",
}


def test_every_bad_fixture_has_an_expected_reason() -> None:
    assert {p.name for p in bad_fixtures()} == set(EXPECTED_REASON)


@pytest.mark.parametrize("path", bad_fixtures(), ids=lambda p: p.name)
def test_bad_file_is_refused_with_reason(path: Path) -> None:
    with pytest.raises(WireParseError) as caught:
        read_wire(path.read_bytes())
    assert EXPECTED_REASON[path.name] in str(caught.value)
