import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirehouse.inbox import batch_key, batches, plan, scan_inbox
from wirehouse.paths import from_text, to_text
from wirehouse.safe_read import Unreadable, read_regular
from wirehouse.settings import PROJECT_ROOT


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_scan_hashes_files_in_order_and_skips_hidden(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", b"two")
    _write(tmp_path / "a.txt", b"one")
    _write(tmp_path / "sub" / "c.txt", b"three")
    _write(tmp_path / ".partial" / "d.txt", b"incoming")
    _write(tmp_path / ".e.txt.tmp", b"incoming")
    files = scan_inbox(tmp_path)
    assert [Path(f.path).name for f in files] == ["a.txt", "b.txt", "c.txt"]
    assert all(len(f.sha256) == 64 for f in files)


def test_plan_decides_by_content_hash(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", b"one")
    _write(tmp_path / "b.txt", b"two")
    _write(tmp_path / "copy_of_a.txt", b"one")
    files = scan_inbox(tmp_path)
    first = plan(files, {})
    assert [Path(f.path).name for f in first.new] == ["a.txt", "b.txt"]
    assert [(Path(f.path).name, Path(o).name) for f, o in first.duplicates] == [
        ("copy_of_a.txt", "a.txt")
    ]
    known = {f.sha256: {f.path} for f in first.new}
    assert plan(files, known).new == []
    a.write_bytes(b"one, edited")
    again = plan(scan_inbox(tmp_path), known)
    assert [Path(f.path).name for f in again.new] == ["a.txt"]


def test_batches_and_keys_are_stable(tmp_path: Path) -> None:
    for i in range(5):
        _write(tmp_path / f"{i}.txt", str(i).encode())
    files = scan_inbox(tmp_path)
    groups = batches(files, 2)
    assert [len(g) for g in groups] == [2, 2, 1]
    assert batch_key(groups[0]) == batch_key(list(reversed(groups[0])))
    assert batch_key(groups[0]) != batch_key(groups[1])


# ---------------------------------------------------------------------------------------------
# Hostile inboxes (issue 12): names of any bytes, links, special files, closed directories


def test_names_of_any_bytes_are_stored_as_lossless_readable_text(tmp_path: Path) -> None:
    names = [b"caf\xe9.txt", b"new\nline.txt", b"back\\slash.txt", b"plain.txt"]
    for name in names:
        (Path(os.fsdecode(os.fsencode(tmp_path) + b"/" + name))).write_bytes(name)
    files = {os.fsencode(from_text(f.path)): f for f in scan_inbox(tmp_path)}
    assert set(files) == {os.fsencode(tmp_path) + b"/" + n for n in names}
    texts = {Path(f.path).name for f in files.values()}
    assert texts == {"caf\\xe9.txt", "new\\nline.txt", "back\\\\slash.txt", "plain.txt"}
    for f in files.values():
        f.path.encode("utf-8")  # storable anywhere: Parquet, DuckDB, JSON, a terminal
        assert Path(f.os_path).read_bytes() == Path(f.os_path).name.encode(errors="surrogateescape")


@given(st.binary(min_size=1, max_size=40))
def test_text_form_round_trips_every_name(name: bytes) -> None:
    text = to_text(name)
    assert text.isprintable()
    assert os.fsencode(from_text(text)) == name


def test_links_are_followed_only_inside_the_inbox(tmp_path: Path) -> None:
    inbox, outside = tmp_path / "inbox", tmp_path / "outside"
    _write(outside / "secret.txt", b"secret")
    target = _write(inbox / "real" / "story.txt", b"story")
    (inbox / "out.txt").symlink_to(outside / "secret.txt")
    (inbox / "out_dir").symlink_to(outside)
    (inbox / "in.txt").symlink_to(target)
    (inbox / "in_dir").symlink_to(inbox / "real")
    (inbox / "loop").symlink_to(inbox / "loop")
    os.mkfifo(inbox / "pipe")
    files = {Path(f.path).name: f for f in scan_inbox(inbox)}
    assert set(files) == {"out.txt", "out_dir", "in.txt", "loop", "pipe", "story.txt"}
    assert "outside the inbox" in str(files["out.txt"].error)
    assert "outside the inbox" in str(files["out_dir"].error)
    assert "loops" in str(files["loop"].error)
    assert "named pipe" in str(files["pipe"].error)
    assert files["in.txt"].sha256 == files["story.txt"].sha256
    assert all(f.error.startswith("discover: ") for f in files.values() if f.error)


def test_a_link_swapped_in_after_discover_is_not_read(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _write(tmp_path / "secret.txt", b"secret")
    story = _write(inbox / "story.txt", b"story")
    (root,) = [os.path.realpath(inbox)]
    assert read_regular(str(story), root) == b"story"
    story.unlink()
    story.symlink_to(tmp_path / "secret.txt")
    with pytest.raises(Unreadable, match="outside the inbox"):
        read_regular(str(story), root)


def test_a_directory_that_cannot_be_entered_is_reported_and_skipped(tmp_path: Path) -> None:
    """As an unprivileged user (root enters any directory), via setpriv."""
    setpriv = shutil.which("setpriv")
    if setpriv is None or os.geteuid() != 0:
        pytest.skip("needs root and setpriv to run the scan as an unprivileged user")
    base = Path(tempfile.mkdtemp(prefix="wirehouse-locked-"))  # tmp_path is root-only
    try:
        base.chmod(0o755)
        _write(base / "inbox" / "a.txt", b"one")
        _write(base / "inbox" / "locked" / "b.txt", b"two")
        (base / "inbox" / "locked").chmod(0)
        script = (
            "import json, sys; from pathlib import Path; from wirehouse.inbox import scan_inbox; "
            "print(json.dumps([[f.path, f.error] for f in scan_inbox(Path(sys.argv[1]))]))"
        )
        result = subprocess.run(
            [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable,
             "-c", script, str(base / "inbox")],
            capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120,
        )  # fmt: skip
        # A checkout under a root-only directory (e.g. in `mktemp -d`) is out of that user's
        # reach: Python then cannot open or even find the package.
        unreachable = "No module named 'wirehouse'" in result.stderr or (
            "Permission denied" in result.stderr and "wirehouse" in result.stderr
        )
        if result.returncode and unreachable:
            pytest.skip(f"the unprivileged user cannot read the project: {result.stderr[-200:]}")
        assert result.returncode == 0, result.stderr
        scanned = dict(json.loads(result.stdout))
        assert scanned == {
            str(base / "inbox" / "a.txt"): None,
            str(
                base / "inbox" / "locked"
            ): "discover: cannot enter the directory (Permission denied)",
        }
    finally:
        (base / "inbox" / "locked").chmod(0o755)
        shutil.rmtree(base)


def test_a_directory_tree_of_any_depth_is_scanned(tmp_path: Path) -> None:
    # Deeper than Python's recursion limit; built and removed by loops for the same reason.
    levels = [str(tmp_path) + "/d" * n for n in range(1, 1201)]
    for level in levels:
        os.mkdir(level)
    Path(levels[-1], "story.txt").write_bytes(b"deep")
    try:
        assert [f.size_bytes for f in scan_inbox(tmp_path)] == [4]
    finally:
        os.remove(Path(levels[-1], "story.txt"))
        for level in reversed(levels):
            os.rmdir(level)


def test_parse_never_reads_what_was_swapped_in_after_discover(tmp_path: Path) -> None:
    from wirehouse.parsing import parse_files

    inbox = tmp_path / "inbox"
    _write(tmp_path / "secret.txt", b"Secret\n\nOUTSIDE7F3A story body text.\n")
    swapped = _write(inbox / "a.txt", b"Headline\n\nA story body.\n")
    edited = _write(inbox / "b.txt", b"Headline\n\nAnother story body.\n")
    files = scan_inbox(inbox)
    swapped.unlink()
    swapped.symlink_to(tmp_path / "secret.txt")
    edited.write_bytes(b"Headline\n\nAnother story body, edited.\n")
    parsed = parse_files(
        files, "run", ingested_at=datetime.now(UTC), max_file_bytes=1 << 20, inbox=inbox
    )
    outcomes = parsed.outcomes
    reasons = dict(zip(outcomes["path"].to_pylist(), outcomes["reason"].to_pylist(), strict=True))
    assert reasons[str(swapped)].startswith("parse: the symbolic link leads outside the inbox")
    assert reasons[str(edited)].startswith("parse: the file changed while the night read it")
    assert parsed.articles.num_rows == 0
