"""The benchmark's synthetic inbox: deterministic, readable by our readers, realistic sizes."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from bench.generator import MAX_WORDS, MIN_WORDS, available_formats, generate, make_story
from wirehouse.model import Article
from wirehouse.readers import READERS, read_wire

FILES = 160


def digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", FILES, seed=7)
    again = generate(tmp_path / "b", FILES, seed=7)
    other = generate(tmp_path / "c", FILES, seed=8)
    assert digest(first) == digest(again)
    assert digest(first) != digest(other)
    # A file does not depend on how many come before or after it.
    assert generate(tmp_path / "d", 20, seed=7)[-1].read_bytes() == first[19].read_bytes()


def test_every_file_parses_as_its_format_with_its_story(tmp_path: Path) -> None:
    formats: Counter[str] = Counter()
    langs: Counter[str] = Counter()
    for path in generate(tmp_path, FILES, seed=11):
        index, lang, expected = path.stem.split("_", 2)
        fmt, items = read_wire(path.read_bytes())
        assert fmt == expected, path.name
        [article] = items
        assert isinstance(article, Article)
        story = make_story(int(index), 11)
        assert article.headline == story.headline, path.name
        assert MIN_WORDS <= article.word_count <= MAX_WORDS, (path.name, article.word_count)
        formats[fmt] += 1
        langs[lang] += 1
    # Mixed formats (every one we can both write and read) and languages.
    assert set(formats) == set(available_formats())
    assert set(available_formats()) >= {"dpa_afx"} and set(available_formats()) <= set(READERS)
    assert len(langs) >= 4


def test_vocabulary_is_varied() -> None:
    """The tokenizer pays per unseen word form, so the stories must not repeat one vocabulary."""
    words: set[str] = set()
    total = 0
    for index in range(300):
        for paragraph in make_story(index, 3).paragraphs:
            tokens = paragraph.split()
            words.update(tokens)
            total += len(tokens)
    assert len(words) > 5000
    assert len(words) / total > 0.03
