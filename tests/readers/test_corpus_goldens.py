"""Our reading of a representative set of real agency files in ../shared, frozen as golden JSON.

One file or more per agency and format on the text/JSON side: dpa digitalwires, dpa IPTC 7901,
PA (via the Guardian), AP (ANPA 1312 and ninjs), NTB, TT, Business Wire, SIPA, addb and IPTC's
examples. The goldens hold every parse-level field; the body is held as its word count, its
first and last 80 characters and a hash, so that no agency text is copied into the repo.
`UPDATE_GOLDEN=1` rewrites them: review such a diff field by field against the source file.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_path
from tests.readers.conftest import item_record, to_json
from wirehouse.readers import read_wire

pytestmark = pytest.mark.shared

GOLDEN = Path(__file__).resolve().parent / "golden_corpus"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

REPRESENTATIVE = [
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


def _summarised(record: dict[str, Any]) -> dict[str, Any]:
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


@pytest.mark.parametrize("relative", REPRESENTATIVE)
def test_reading_matches_golden(relative: str) -> None:
    path = shared_path(*relative.split("/"))
    fmt, items = read_wire(path.read_bytes())
    actual = {"format": fmt, "items": [_summarised(item_record(i)) for i in items]}
    golden = GOLDEN / f"{relative.replace('/', '__')}.json"
    if UPDATE or not golden.exists():
        golden.write_text(to_json(actual), encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden {golden.name} was missing and has been written: review it")
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_every_corpus_golden_is_in_the_set() -> None:
    names = {f"{r.replace('/', '__')}.json" for r in REPRESENTATIVE}
    assert {p.name for p in GOLDEN.glob("*.json")} <= names
