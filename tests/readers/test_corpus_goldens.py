"""Our reading of a representative set of real agency files in ../shared, frozen as golden JSON.

The source files stay in ../shared (never copied here); the goldens are our own reading of
them, reviewed field by field against the source. `UPDATE_GOLDEN=1` rewrites them: review the
diff like code. Skipped with a reason when ../shared is absent.

- XML (`golden_corpus_xml/`): one file or more per agency sending XML in wire-corpus, every
  parse-level field as read.
- Text and JSON (`golden_corpus/`): one file or more per agency and format (dpa digitalwires,
  dpa IPTC 7901, PA via the Guardian, AP ANPA 1312 and ninjs, NTB, TT, Business Wire, SIPA,
  addb, IPTC's examples). The body is held as its word count, its first and last 80
  characters and a hash, so that no more agency text is copied into the repo.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_path
from tests.readers.conftest import check_golden, item_record, unlisted_goldens
from wirehouse.model import Article, SkippedItem

pytestmark = pytest.mark.shared

HERE = Path(__file__).resolve().parent
XML_GOLDEN = HERE / "golden_corpus_xml"
TEXT_JSON_GOLDEN = HERE / "golden_corpus"

# wire-corpus file → what it stands for.
XML_REPRESENTATIVE = {
    "g2_reuters_20131021_sox_cardinals.xml": "Reuters, NewsML-G2 text",
    "g2_reuters_video_package_syria.xml": "Reuters, package with a video script and a video",
    "nml12_afp_es_ntk38.xml": "AFP, NewsML 1.2 story (Spanish)",
    "nml12_afp_ar_ewe94.xml": "AFP, NewsML 1.2 alert without HeadLine (Arabic)",
    "nml12_afp_photo_751ha.xml": "AFP, photo with caption: skipped",
    "nml12_sda_brd054_latin1.xml": "Keystone-SDA, NewsML 1.2 with an internal DTD subset",
    "nml12_sda_brz012_rev2_latin9.xml": "Keystone-SDA (Si sport), DateLine repeating the catchword",
    "nml12_efe_mundo_mxc_0054.xml": "EFE, NewsML 1.2 with two stories, desk initials",
    "g2_dpa_basisdienst_170629-99-48599.xml": "dpa, NewsML-G2 basisdienst",
    "g2_apa_gen_newsmessage_package.xml": "APA, newsMessage with package, text and picture",
    "g2_tt_newsmessage_sv.xml": "TT, newsMessage with rich HTML5 body",
    "nitf_ntb_india_korona_nb.xml": "NTB, NITF 3.6",
    "nitf_iptc_example_3_6.xml": "IPTC, NITF 3.6 example",
    "g2_iptc_listing25_nitf_inlinexml.xml": "IPTC, bare contentSet with NITF",
    "nml12_businesswire_20130612006110.xml": "Business Wire, NewsML 1.2 release",
    "nml1x_anon_pt_50812345_latin1.xml": "anonymised Portuguese agency, NewsML 1.x HTML in CDATA",
}

# Paths under ../shared.
TEXT_JSON_REPRESENTATIVE = [
    # dpa digitalwires: story, urgent story, embargoed story, old 0.5 entry, picture entry
    "wire-corpus/dw_dpa_dw1.json",
    "wire-corpus/dw_dpa_eil.json",
    "wire-corpus/dw_dpa_embargoed.json",
    "wire-corpus/dw_dpa_infoline.json",
    "wire-corpus/dw_dpa_image.json",
    # dpa IPTC 7901 (dpa's converter, and the classic English service)
    "wire-corpus/iptc7901_dpa_dwconv_dw1.iptc",
    "wire-corpus/iptc7901_dpa_dwconv_eil.iptc",
    "wire-corpus/iptc7901_dpa_dwconv_lesestuecke.iptc",
    "wire-samples/IPTC7901.txt",
    "wire-samples/dpa_four_line.txt",
    # dpa ninjs 2
    "wire-corpus/ninjs2_dpa_text.json",
    # PA through the Guardian's wire JSON
    "wire-corpus/goa_pa_api.json",
    "wire-corpus/goa_pa_api_formatting.json",
    # AP: ANPA 1312 story, ninjs 1 text examples, ninjs 2 media
    "wire-samples/anpa-1.tst",
    "wire-samples/ninjsExMediumText1.json",
    "wire-corpus/ninjs2_ap_image.json",
    "wire-corpus/ninjs2_ap_video.json",
    # NTB, TT, Business Wire, SIPA, addb
    "wire-corpus/ninjs2_ntb_text.json",
    "wire-corpus/ninjs2_tt_text_image.json",
    "wire-corpus/ninjs3_tt_event_pressconference.json",
    "wire-corpus/ninjs1_businesswire_20130515006361.json",
    "wire-corpus/ninjs2_businesswire_20130731006140.json",
    "wire-corpus/ninjs2_sipa_image.json",
    "wire-corpus/ninjs3_addb_antidoping_nitf.json",
    # IPTC's own examples
    "wire-corpus/ninjs1_iptc_simplephoto1.json",
    "wire-corpus/ninjs3_event_timeline_collection.json",
]


def _text_json_golden(relative: str) -> str:
    return f"{relative.replace('/', '__')}.json"


def _summarised_record(item: Article | SkippedItem) -> dict[str, Any]:
    """`item_record` with the body and its markup summarised (no agency text kept whole)."""
    record = item_record(item)
    if "skipped" in record:
        return record
    body = record.pop("body")
    markup = record.pop("body_markup")
    record["body"] = {
        "words": record["word_count"],
        "start": body[:80],
        "end": body[-80:],
        "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest()[:16],
    }
    record["body_markup_sha256"] = (
        hashlib.sha256(markup.encode("utf-8")).hexdigest()[:16] if markup else None
    )
    return record


@pytest.mark.parametrize("name", sorted(XML_REPRESENTATIVE))
def test_xml_file_matches_golden(name: str) -> None:
    check_golden(shared_path("wire-corpus", name), XML_GOLDEN / f"{name}.json")


@pytest.mark.parametrize("relative", TEXT_JSON_REPRESENTATIVE)
def test_text_or_json_file_matches_golden(relative: str) -> None:
    golden = TEXT_JSON_GOLDEN / _text_json_golden(relative)
    check_golden(shared_path(*relative.split("/")), golden, _summarised_record)


def test_every_corpus_golden_is_listed() -> None:
    xml = unlisted_goldens(XML_GOLDEN, (f"{name}.json" for name in XML_REPRESENTATIVE))
    text_json = unlisted_goldens(TEXT_JSON_GOLDEN, map(_text_json_golden, TEXT_JSON_REPRESENTATIVE))
    assert not xml + text_json, f"goldens without an entry: {xml + text_json}"
