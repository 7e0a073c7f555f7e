"""One invented dpa story rendered in every format: every reader must read the same article."""

from __future__ import annotations

import pytest

from tests.readers.conftest import FIXTURES
from wirehouse.model import Article
from wirehouse.readers import READERS, read_wire

RENDERINGS = sorted(FIXTURES.glob("same_story.*"))
HEADLINE = "Hamburg opens floating library on the Elbe"


def _read(path_name: str) -> tuple[str, Article]:
    fmt, items = read_wire((FIXTURES / path_name).read_bytes())
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 1  # plus skipped pictures where the format carries them
    return fmt, articles[0]


def test_every_format_has_a_rendering() -> None:
    formats = {p.name.split(".")[1] for p in RENDERINGS}
    # An AP Media API item carries no text of its own (it is in the NITF rendition).
    assert formats == set(READERS) - {"plain_text", "ap_media_api"}


@pytest.mark.parametrize("path", RENDERINGS, ids=lambda p: p.name)
def test_sniffed_as_the_format_it_is_written_in(path) -> None:  # type: ignore[no-untyped-def]
    fmt, _ = _read(path.name)
    assert fmt == path.name.split(".")[1]


@pytest.mark.parametrize("path", RENDERINGS, ids=lambda p: p.name)
def test_all_readers_agree(path) -> None:  # type: ignore[no-untyped-def]
    _, reference = _read("same_story.nitf.xml")
    _, article = _read(path.name)
    assert article.headline == HEADLINE
    assert article.body == reference.body
    assert article.dateline_places == ["Hamburg"]
    assert article.agency == "dpa"
    assert article.body.startswith("Hamburg has opened a library")
    assert "Jörg Müller" in article.body and "Ã" not in article.body
    assert article.word_count == reference.word_count
    if article.byline is not None:
        assert article.byline == "Jörg Müller"


def test_identified_formats_share_one_story_id() -> None:
    ids = {
        _read(f"same_story.{fmt}")[1].story_id
        for fmt in ("newsml12.xml", "newsml_g2.xml", "ninjs.json", "digitalwires.json")
    }
    assert ids == {"urn:newsml:dpa.com:20250610:library-hamburg"}
