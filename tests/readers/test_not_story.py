"""Stories that only look a little like the documents `not_story` refuses are still read."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wirehouse.readers import read_wire
from wirehouse.readers.not_story import not_a_story

STORY_WITH_TABLE = """Dax schließt im Plus

Der Dax hat am Freitag zugelegt. Die größten Gewinner des Tages:

BMW\t101,20\t+2,1 %
Siemens\t180,05\t+1,8 %
SAP\t160,40\t+1,5 %

Händler verwiesen auf die Zinsaussichten in den USA.
"""

HASHTAG_HEADLINE = """#Breaking: Erdbeben erschüttert Süditalien

Ein Erdbeben der Stärke 5,1 hat am Morgen Kalabrien erschüttert, teilte das Institut für
Geophysik in Rom mit. Berichte über Verletzte gab es zunächst nicht.
"""

STORY_WITH_DIGEST = """Hackers leak files

The leaked archive has the SHA-256 digest
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  archive.zip
and was first posted on a forum on Tuesday, the security firm said.
"""

RESULTS_LIST = (
    "Ergebnisse des Tages\n\n"
    + "\n".join(f"{i}. Platz" for i in range(1, 30))
    + ("\n\nDie Rennen wurden bei starkem Wind in Garmisch-Partenkirchen ausgetragen.\n")
)


def test_a_story_with_a_table_a_hashtag_or_a_digest_is_a_story() -> None:
    for text in (STORY_WITH_TABLE, HASHTAG_HEADLINE, STORY_WITH_DIGEST, RESULTS_LIST):
        fmt, items = read_wire(text.encode())
        assert fmt == "plain_text"
        assert len(items) == 1


def test_a_markdown_heading_alone_does_not_make_a_document() -> None:
    text = "# Streik bei der Bahn\n\nDie GDL hat zum Streik aufgerufen, sagte ein Sprecher.\n"
    assert not_a_story(text) is None


WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=12
)
SENTENCE = st.lists(WORD, min_size=4, max_size=25).map(lambda words: " ".join(words) + ".")


@given(st.lists(SENTENCE, min_size=1, max_size=80))
def test_prose_is_never_refused(lines: list[str]) -> None:
    assert not_a_story("\n".join(lines)) is None
