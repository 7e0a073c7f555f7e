"""The gazetteer index on disk: the same index back, and a cache that is never required."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from wirehouse.places import gazetteer as gazetteer_module
from wirehouse.places import index_file
from wirehouse.places.gazetteer import MIN_CITY_POPULATION, Gazetteer, build_gazetteer


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    return build_gazetteer()


def located(cache_dir: Path) -> tuple[Path, str]:
    where = index_file.location(cache_dir, MIN_CITY_POPULATION)
    assert where is not None
    return where


def same(a: Gazetteer, b: Gazetteer) -> bool:
    if a.keys != b.keys or len(a.columns) != len(b.columns):
        return False
    return bool(
        np.array_equal(a.offsets, b.offsets)
        and np.array_equal(a.members, b.members)
        and all(a.place(i) == b.place(i) for i in range(len(a.columns)))
    )


def test_saved_index_loads_as_the_same_index(built: Gazetteer, tmp_path: Path) -> None:
    path, key = located(tmp_path)
    assert index_file.save(built, path, key)
    loaded = index_file.load(path, key)
    assert loaded is not None and same(built, loaded)
    assert [p.name for p in loaded.lookup("Genf")] == [p.name for p in built.lookup("Genf")]
    assert [f.name for f in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_stale_or_damaged_file_is_ignored(built: Gazetteer, tmp_path: Path) -> None:
    path, key = located(tmp_path)
    index_file.save(built, path, key)
    assert index_file.load(path, "another key") is None
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte: the zip member's CRC no longer matches
    path.write_bytes(bytes(data))
    assert index_file.load(path, key) is None
    path.write_bytes(b"not an archive")
    assert index_file.load(path, key) is None
    assert index_file.load(tmp_path / "missing.npz", key) is None


def test_key_follows_package_versions_and_code() -> None:
    assert index_file.cache_key(5000) != index_file.cache_key(1000)
    assert index_file.cache_key(5000) == index_file.cache_key(5000)


def test_gazetteer_rebuilds_a_damaged_cache_and_works_without_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, key = located(tmp_path)
    path.write_bytes(b"damaged")
    monkeypatch.setattr(gazetteer_module, "_INDEX", None)
    index = gazetteer_module.gazetteer(tmp_path)
    assert index.lookup("Kiew")[0].country_code == "UA"
    assert index_file.load(path, key) is not None  # replaced by a good file
    unwritable = tmp_path / "file-not-dir"
    unwritable.write_text("x")
    monkeypatch.setattr(gazetteer_module, "_INDEX", None)
    assert gazetteer_module.gazetteer(unwritable).lookup("Genf")[0].country_code == "CH"
