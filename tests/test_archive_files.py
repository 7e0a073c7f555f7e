"""Compressed and bundled inbox files through the parse step and `wirehouse parse`.

The reader tests (`tests/readers/test_archives.py`) cover the bounds; these check that the
inbox's file limit reaches them, what the night records, and what `wirehouse parse` shows.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from tests.archive_helpers import zip_of
from wirehouse.inbox import scan_inbox
from wirehouse.parsing import parse_files

WIREHOUSE = Path(sys.executable).with_name("wirehouse")


def story(title: str) -> bytes:
    return (
        f"{title}\n\nThe harbour authority said on Monday that the new ferry timetable for "
        f"{title.lower()} will apply from next week. Passengers can find it at all piers.\n"
    ).encode()


def test_the_inbox_file_limit_bounds_what_an_archive_unpacks_to(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    # Well under the limit packed, well over it unpacked (and no bomb: ~60 times).
    (inbox / "big.txt.gz").write_bytes(gzip.compress(story("Big") * 1500))
    (inbox / "small.txt.gz").write_bytes(gzip.compress(story("Small")))
    parsed = parse_files(
        scan_inbox(inbox), "run", ingested_at=datetime.now(UTC), max_file_bytes=100_000
    )
    outcomes = {Path(row["path"]).name: row for row in parsed.outcomes.to_pylist()}
    assert outcomes["big.txt.gz"]["status"] == "quarantined"
    assert outcomes["big.txt.gz"]["format"] == "gzip"
    assert outcomes["big.txt.gz"]["reason"] == (
        "parse: unpacks to more than 0.1 MB, the limit for a file (WIREHOUSE_MAX_FILE_BYTES)"
    )
    assert (outcomes["small.txt.gz"]["status"], outcomes["small.txt.gz"]["format"]) == (
        "loaded",
        "gzip/plain_text",
    )


def test_a_bundle_is_one_file_of_several_items(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    bundle = {"b.txt": story("Second"), "a.txt": story("First"), "c.jpg": b"\xff\xd8\xff\xe0"}
    (inbox / "bundle.zip").write_bytes(zip_of(bundle))
    parsed = parse_files(
        scan_inbox(inbox), "run", ingested_at=datetime.now(UTC), max_file_bytes=1 << 20
    )
    [outcome] = parsed.outcomes.to_pylist()
    assert (outcome["status"], outcome["format"], outcome["articles"]) == ("loaded", "zip", 2)
    articles = parsed.articles.select(["headline", "item_index", "source_file"]).to_pylist()
    assert [(a["headline"], a["item_index"]) for a in articles] == [("First", 0), ("Second", 1)]
    assert {a["source_file"] for a in articles} == {str(inbox / "bundle.zip")}
    [skipped] = parsed.skipped.to_pylist()
    assert skipped["item_index"] == 2
    assert skipped["reason"] == "member c.jpg: not a wire text file: it is a JPEG image"


def test_parse_names_the_member_each_story_came_from(tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    path.write_bytes(zip_of({"x/a.txt": story("First"), "x/b.bin": b"\x7fELF" + bytes(20)}))
    shown = subprocess.run(
        [str(WIREHOUSE), "parse", str(path)], capture_output=True, text=True, check=True
    )
    assert f"── {path} #0 [zip: plain_text]" in shown.stdout
    assert "  archive member: x/a.txt" in shown.stdout
    assert f"{path}#1: skipped: member x/b.bin: not a wire text file: it is an executable" in (
        shown.stderr
    )
    as_json = subprocess.run(
        [str(WIREHOUSE), "parse", "--json", str(path)], capture_output=True, text=True, check=True
    )
    record = json.loads(as_json.stdout)
    assert (record["archive_member"], record["headline"]) == ("x/a.txt", "First")
