"""Every JSON and text file of ../shared/wire-corpus we read (dw_*, ninjs*, goa_*, iptc7901_*).

Each file reads into its text items, each with its headline and a body whose word count is
within 10 % of the story text in the file; pictures, audio, video, events and empty shells are
skipped items with a reason. The expected word counts are computed here independently of the
readers: tags stripped with a regular expression from the field that holds the story text
(for dpa's IPTC 7901 conversions: from the digitalwires entry they were converted from).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_path
from wirehouse.model import Article, SkippedItem, count_words
from wirehouse.readers import read_wire

pytestmark = pytest.mark.shared

_TAG = re.compile(r"<[^>]+>")


def _words_of_markup(markup: str) -> int:
    return count_words(html.unescape(_TAG.sub(" ", markup)))


def _load(name: str) -> Any:
    return json.loads(shared_path("wire-corpus", name).read_text(encoding="utf-8"))


def dw_article(name: str) -> Callable[[], list[int]]:
    """digitalwires: the text is `article_html` (teaser and infobox are not the body)."""
    return lambda: [_words_of_markup(_load(name)["article_html"])]


def ninjs_body(
    name: str, role: str | None = None, key: str | None = None
) -> Callable[[], list[int]]:
    def words() -> list[int]:
        doc = _load(name)
        if key:
            return [_words_of_markup(doc[key])]
        value = next(b["value"] for b in doc["bodies"] if b.get("role") == role)
        if "<body.content>" in value:
            value = value.split("<body.content>", 1)[1].split("</body.content>", 1)[0]
        return [_words_of_markup(value)]

    return words


def _tt_body() -> list[int]:
    """TT's plain body repeats the headline and `Försvar TT` (section, source) on top."""
    doc = _load("ninjs2_tt_text_image.json")
    plain = next(b["value"] for b in doc["bodies"] if b["role"] == "text")
    return [count_words("\n".join(plain.split("\n")[2:]))]


def _ntb_description() -> list[int]:
    """NTB's item has no body: its only story text is the description (the lead)."""
    return [count_words(_load("ninjs2_ntb_text.json")["descriptions"][0]["value"])]


@dataclass(frozen=True)
class Expect:
    """Words of each text item (computed from the file), and the skipped items' reasons."""

    words: Callable[[], list[int]] = lambda: []
    skipped: list[str] = field(default_factory=list)
    take_key: str | None = None


_PICTURE = "picture item is not a story"
CASES: dict[str, Expect] = {
    # dpa digitalwires: every entry is `type: composite`; the text is article_html.
    "dw_dpa_dw1.json": Expect(dw_article("dw_dpa_dw1.json"), take_key="Berichtigung"),
    "dw_dpa_eil.json": Expect(dw_article("dw_dpa_eil.json"), take_key="Eil"),
    "dw_dpa_embargoed.json": Expect(dw_article("dw_dpa_embargoed.json")),
    "dw_dpa_hoerfunk.json": Expect(dw_article("dw_dpa_hoerfunk.json")),
    "dw_dpa_infoline.json": Expect(
        dw_article("dw_dpa_infoline.json"), ["image associated with a story"] * 3
    ),
    "dw_dpa_lesestuecke.json": Expect(dw_article("dw_dpa_lesestuecke.json"), take_key="Achtung"),
    "dw_dpa_nsb_n1.json": Expect(dw_article("dw_dpa_nsb_n1.json")),
    "dw_dpa_rubix_multimedia_real.json": Expect(
        dw_article("dw_dpa_rubix_multimedia_real.json"), ["image associated with a story"] * 2
    ),
    "dw_dpa_spe_tab.json": Expect(dw_article("dw_dpa_spe_tab.json")),
    "dw_dpa_starline.json": Expect(
        dw_article("dw_dpa_starline.json"), ["image associated with a story"]
    ),
    "dw_dpa_tvo_pol.json": Expect(dw_article("dw_dpa_tvo_pol.json"), take_key="Berichtigung"),
    "dw_dpa_with_dateline.json": Expect(dw_article("dw_dpa_with_dateline.json")),
    "dw_dpa_with_infobox.json": Expect(
        dw_article("dw_dpa_with_infobox.json"), ["image associated with a story"]
    ),
    "dw_dpa_audio.json": Expect(skipped=["audio entry without article text"]),
    "dw_dpa_image.json": Expect(skipped=["image entry without article text"]),
    "dw_dpa_no_content.json": Expect(skipped=["image entry without article text"]),
    "dw_dpa_wochit_input.json": Expect(skipped=["video entry without article text"]),
    # dpa's own converter from digitalwires to IPTC 7901: same text as the entry it came from.
    "iptc7901_dpa_dwconv_dw1.iptc": Expect(dw_article("dw_dpa_dw1.json"), take_key="Berichtigung"),
    "iptc7901_dpa_dwconv_eil.iptc": Expect(dw_article("dw_dpa_eil.json"), take_key="Eil"),
    "iptc7901_dpa_dwconv_lesestuecke.iptc": Expect(
        dw_article("dw_dpa_lesestuecke.json"), take_key="Achtung"
    ),
    "iptc7901_dpa_dwconv_nsb_n1.iptc": Expect(dw_article("dw_dpa_nsb_n1.json")),
    "iptc7901_dpa_dwconv_spe_tab.iptc": Expect(dw_article("dw_dpa_spe_tab.json")),
    "iptc7901_dpa_dwconv_tvo_pol.iptc": Expect(
        dw_article("dw_dpa_tvo_pol.json"), take_key="Berichtigung"
    ),
    # ninjs 1.x / 2.x / 3.x (IPTC's examples, as agencies supplied them)
    "ninjs1_businesswire_20130515006361.json": Expect(
        ninjs_body("ninjs1_businesswire_20130515006361.json", key="body_xhtml"),
        ["graphic item is not a story", _PICTURE, _PICTURE],
    ),
    "ninjs1_businesswire_20130612006110.json": Expect(
        ninjs_body("ninjs1_businesswire_20130612006110.json", key="body_xhtml")
    ),
    "ninjs1_iptc_simplephoto1.json": Expect(skipped=[_PICTURE]),
    "ninjs2_ap_audio.json": Expect(skipped=["audio item is not a story"]),
    "ninjs2_ap_image.json": Expect(skipped=[_PICTURE]),
    "ninjs2_ap_video.json": Expect(skipped=["video item is not a story"]),
    "ninjs2_businesswire_20130731006140.json": Expect(
        ninjs_body("ninjs2_businesswire_20130731006140.json", role="xhtml"),
        ["graphic item is not a story", "video item is not a story"],
    ),
    "ninjs2_dpa_text.json": Expect(ninjs_body("ninjs2_dpa_text.json", role="html")),
    "ninjs2_image_encoded_rights.json": Expect(skipped=[_PICTURE]),
    "ninjs2_ntb_text.json": Expect(_ntb_description),
    "ninjs2_sipa_image.json": Expect(skipped=[_PICTURE]),
    "ninjs2_tt_text_image.json": Expect(_tt_body, [_PICTURE]),
    "ninjs3_addb_antidoping_nitf.json": Expect(
        ninjs_body("ninjs3_addb_antidoping_nitf.json", role="nitf")
    ),
    "ninjs3_event_timeline_collection.json": Expect(skipped=["event item is not a story"] * 14),
    "ninjs3_tt_event_pressconference.json": Expect(skipped=["event item is not a story"]),
    # PA through the Guardian's wire JSON (ninjs-like); the first fixture's body is truncated.
    "goa_pa_api.json": Expect(ninjs_body("goa_pa_api.json", key="body_text")),
    "goa_pa_api_formatting.json": Expect(ninjs_body("goa_pa_api_formatting.json", key="body_text")),
}


def _corpus_names() -> list[str]:
    manifest = Path(__file__).resolve().parents[3] / "shared" / "wire-corpus" / "MANIFEST.tsv"
    if not manifest.exists():
        return sorted(CASES)
    rows = manifest.read_text(encoding="utf-8").splitlines()[1:]
    names = [row.split("\t", 1)[0] for row in rows]
    return sorted(n for n in names if re.match(r"(dw_|ninjs|goa_|iptc7901_)", n))


def test_every_json_and_text_corpus_file_has_an_expectation() -> None:
    shared_path("wire-corpus", "MANIFEST.tsv")
    assert set(_corpus_names()) == set(CASES)


# dpa's IPTC 7901 conversions and the digitalwires entries they were made from.
TWINS = {
    "iptc7901_dpa_dwconv_dw1.iptc": "dw_dpa_dw1.json",
    "iptc7901_dpa_dwconv_eil.iptc": "dw_dpa_eil.json",
    "iptc7901_dpa_dwconv_lesestuecke.iptc": "dw_dpa_lesestuecke.json",
    "iptc7901_dpa_dwconv_nsb_n1.iptc": "dw_dpa_nsb_n1.json",
    "iptc7901_dpa_dwconv_spe_tab.iptc": "dw_dpa_spe_tab.json",
    "iptc7901_dpa_dwconv_tvo_pol.iptc": "dw_dpa_tvo_pol.json",
}


def _headline_in_file(name: str) -> str | None:
    """The headline as the file writes it (for a 7901 conversion: as its digitalwires entry)."""
    name = TWINS.get(name, name)
    if not name.endswith(".json"):
        return None
    doc = _load(name)
    if isinstance(doc, list):
        return None
    heads = [h["value"] for h in doc.get("headlines", []) if h.get("role") == "main"]
    return " ".join((doc.get("headline") or (heads[0] if heads else "")).split()) or None


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_file_reads_into_its_text_items(name: str) -> None:
    path = shared_path("wire-corpus", name)
    expect = CASES[name]
    _, items = read_wire(path.read_bytes())
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, SkippedItem)]

    expected_words = expect.words()
    assert len(articles) == len(expected_words)
    for article, words in zip(articles, expected_words, strict=True):
        assert article.headline
        assert abs(article.word_count - words) <= 0.1 * words, (article.word_count, words)
    if articles and (headline := _headline_in_file(name)):
        assert articles[0].headline == headline
    if expect.take_key:
        assert articles[0].take_key == expect.take_key

    assert len(skipped) == len(expect.skipped)
    for item, reason in zip(skipped, expect.skipped, strict=True):
        assert reason in item.reason


@pytest.mark.parametrize("name", sorted(TWINS))
def test_iptc7901_conversion_reads_like_its_digitalwires_entry(name: str) -> None:
    """The same dpa story in two formats: every field both formats carry reads the same."""
    [converted] = [
        i
        for i in read_wire(shared_path("wire-corpus", name).read_bytes())[1]
        if isinstance(i, Article)
    ]
    [original] = [
        i
        for i in read_wire(shared_path("wire-corpus", TWINS[name]).read_bytes())[1]
        if isinstance(i, Article)
    ]
    for field_name in ("headline", "byline", "dateline_places", "slugline", "take_key"):
        assert getattr(converted, field_name) == getattr(original, field_name), field_name
    if original.desk_codes:
        assert converted.desk_codes == original.desk_codes
    if original.abstract:
        assert converted.abstract == original.abstract
    assert abs(converted.word_count - original.word_count) <= 0.02 * original.word_count
    assert converted.version_created is not None and original.version_created is not None
    assert converted.version_created == original.version_created.replace(second=0)
