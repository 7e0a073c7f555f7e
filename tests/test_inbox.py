from pathlib import Path

from wirehouse.inbox import batch_key, batches, plan, scan_inbox


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
