"""Golden readings of real agency XML files: one or more per agency in ../shared/wire-corpus.

The source files stay in ../shared (never copied here); the golden JSON is our own reading of
them, reviewed by eye field by field. `UPDATE_GOLDEN=1` rewrites the goldens: review the diff
like code. Skipped with a reason when ../shared is absent.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import shared_path
from tests.readers.conftest import item_record, to_json
from wirehouse.readers import read_wire

pytestmark = pytest.mark.shared

GOLDEN = Path(__file__).resolve().parent / "golden_corpus_xml"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

# One file (or a few) per agency sending XML in the corpus.
REPRESENTATIVE = {
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


@pytest.mark.parametrize("name", sorted(REPRESENTATIVE))
def test_corpus_file_matches_golden(name: str) -> None:
    path = shared_path("wire-corpus", name)
    fmt, items = read_wire(path.read_bytes())
    actual = {"format": fmt, "items": [item_record(i) for i in items]}
    golden = GOLDEN / f"{name}.json"
    if UPDATE or not golden.exists():
        golden.write_text(to_json(actual), encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden {golden.name} was missing and has been written: review it")
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_every_corpus_golden_is_listed() -> None:
    names = {f"{name}.json" for name in REPRESENTATIVE}
    orphans = sorted(p.name for p in GOLDEN.glob("*.json") if p.name not in names)
    assert not orphans, f"goldens without an entry: {orphans}"
