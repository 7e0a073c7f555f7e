"""Every reader, fed arbitrary or mutated bytes, returns items or raises WireParseError only."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.readers.conftest import FIXTURES, good_fixtures
from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.readers import READERS, read_wire

SEEDS = [p.read_bytes() for p in good_fixtures()]
# Bytes that carry meaning in some wire format: framing, markup, JSON, encodings.
SPECIAL = [
    b"\x01",
    b"\x02",
    b"\x03",
    b"\x04",
    b"\x16",
    b"\x1f",
    b"\r\n",
    b"<",
    b">",
    b"&",
    b"&lol;",
    b"<!DOCTYPE x [",
    b"<!ENTITY",
    b"]]>",
    b"{",
    b"}",
    b"[",
    b'"',
    b"\xc3",
    b"\xfc",
    b"\x00",
    b"\xef\xbb\xbf",
    b"(dpa) - ",
    b" =\r\n",
    b"^",
    b"<p>",
    b"</p>",
]
# READERS_FUZZ_EXAMPLES=5000 for a long hunt; the default keeps the suite fast on 2 cores.
PROFILE = settings(
    max_examples=int(os.environ.get("READERS_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _check(reader_name: str, data: bytes) -> None:
    try:
        items = READERS[reader_name](data)
    except WireParseError as exc:
        assert str(exc)
        return
    assert isinstance(items, list)
    for item in items:
        assert isinstance(item, Article | SkippedItem)
        if isinstance(item, Article):
            record = item.to_record()  # identity and word count must compute too
            assert record["article_id"] and record["story_id"]
            assert not any(ord(c) < 32 and c not in "\n" for c in item.body)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["flip", "cut", "insert", "delete", "truncate"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if action == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.sampled_from(SPECIAL) | st.binary(max_size=8))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif action == "cut":
            data = data[at:]
        else:
            data = data[:at]
    return bytes(data)


@PROFILE
@given(reader=st.sampled_from(sorted(READERS)), data=st.binary(max_size=2000))
def test_arbitrary_bytes(reader: str, data: bytes) -> None:
    _check(reader, data)


@PROFILE
@given(reader=st.sampled_from(sorted(READERS)), data=mutated())
def test_mutated_fixtures(reader: str, data: bytes) -> None:
    _check(reader, data)


@PROFILE
@given(
    reader=st.sampled_from(sorted(READERS)),
    parts=st.lists(st.sampled_from(SPECIAL) | st.text(max_size=20).map(str.encode), max_size=40),
)
def test_wire_shaped_noise(reader: str, parts: list[bytes]) -> None:
    _check(reader, b"".join(parts))


@PROFILE
@given(data=mutated())
def test_read_wire_on_mutated_fixtures(data: bytes) -> None:
    try:
        fmt, items = read_wire(data)
    except WireParseError:
        return
    assert fmt in READERS
    assert all(isinstance(i, Article | SkippedItem) for i in items)


_JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_WIRE_JSON_KEYS = "uri type headline headlines body_text bodies value role urn article_html"
_WIRE_JSON_KEYS += " entry_id data item items associations altids"
_JSON_KEYS = st.sampled_from(_WIRE_JSON_KEYS.split()) | st.text(max_size=8)
_JSON = st.recursive(
    _JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_JSON_KEYS, inner, max_size=6),
    max_leaves=20,
)


@PROFILE
@given(doc=_JSON)
def test_any_json_is_a_story_with_words_or_refused(doc: object) -> None:
    """JSON of any shape: quarantined with a reason, or stories that have words (no `3.14`)."""
    import json
    import re

    try:
        _, items = read_wire(json.dumps(doc).encode("utf-8"))
    except WireParseError as exc:
        assert str(exc)
        return
    for item in items:
        if isinstance(item, Article):  # words in the body, or a headline alone (an alert)
            assert re.search(r"[^\W\d_]{2,}", item.body) or not item.body.strip()
            assert re.search(r"[^\W\d_]{2,}", f"{item.body} {item.headline or ''}")
            assert item.headline is None or re.search(r"[^\W\d_]", item.headline)


def test_seeds_are_present() -> None:
    assert len(SEEDS) >= 10, f"no fixtures found in {FIXTURES}"
