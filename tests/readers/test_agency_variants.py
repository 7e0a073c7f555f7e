"""What each agency's variant must yield, field by field (fixtures of our own, no ../shared)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.readers.conftest import FIXTURES
from wirehouse.agencies import canonical_agency
from wirehouse.model import Article
from wirehouse.readers import read_wire
from wirehouse.readers.fields import parse_dateline_field


def _article(name: str) -> Article:
    _, items = read_wire((FIXTURES / name).read_bytes())
    [article] = items
    assert isinstance(article, Article)
    return article


def test_reuters_byline_leaves_the_body_and_every_block_is_read() -> None:
    article = _article("newsml_g2_reuters_sni.xml")
    assert article.byline == "Jane Doe"
    assert article.body.startswith("British rail workers called off a strike")
    assert "disrupted services" in article.body and "fair settlement" in article.body
    # Every word of the story, none of the byline or the closing credit line, which names the
    # reporter and the editor as dpa's desk codes do (readers/story_end.py).
    assert article.word_count == 65
    assert article.desk_codes == ["Reporting by Jane Doe", "Editing by John Smith"]
    assert article.dateline_places == ["London"] and article.agency == "Reuters"


def test_stt_dates_come_from_content_meta_in_helsinki_time() -> None:
    article = _article("newsml_g2_stt_archive.xml")
    assert article.first_created == datetime(2025, 6, 12, 6, 30, tzinfo=UTC)
    assert article.version_created == datetime(2025, 6, 12, 7, 5, tzinfo=UTC)
    assert article.ednote == "Korjattu sillan pituus"  # the private note is not published


def test_pa_category_number_is_not_headline_and_by_line_is_byline() -> None:
    article = _article("nitf_pa_category_title.xml")
    assert article.slugline == "SOCCER INT-Teams"
    assert not article.headline.startswith("1 ")  # type: ignore[union-attr]
    assert article.byline == "Tom Whitfield, PA Sport"
    assert article.body.startswith("England head coach")


def test_efe_desk_initials_are_desk_codes_not_a_byline() -> None:
    article = _article("nitf_efe_desk_initials.xml")
    assert article.byline is None
    assert article.desk_codes == ["gr", "bp"]


def test_ritzau_reads_with_copenhagen_time() -> None:
    article = _article("ritzau_rbnews_da.xml")
    assert article.format == "ritzau"
    assert article.version_created == datetime(2025, 6, 12, 8, 15, tzinfo=UTC)
    assert article.byline == "Mette Sørensen/Ritzau"
    assert article.keywords == ["Trafik", "Aarhus", "Cykler"]
    assert article.ednote == "Opdateret med kommentar fra borgmesteren."


def test_sda_dtd_subset_reads_with_its_entity_expanded() -> None:
    article = _article("newsml12_sda_dtd_subset.xml")
    assert "wie die Schweizerische Depeschenagentur meldet" in article.body
    assert article.slugline == "Verkehr" and article.abstract == "Neue Linie ab Dezember"


def test_a_date_in_the_dateline_field_is_no_place() -> None:
    assert parse_dateline_field("28/01/2025").places == []
    assert parse_dateline_field("SAID TO BE DECEMBER 31, 2015").date is not None
    assert parse_dateline_field("Zürich").places == ["Zürich"]


def test_business_wire_release_through_ap_is_its_text_only() -> None:
    """AP passes Business Wire's releases on in NITF: the dated dateline alone in the first
    paragraph, a multimedia notice, picture captions and the wire's trailer are no text."""
    article = _article("nitf_ap_business_wire_release_trailer.xml")
    assert article.body.startswith("Example Ferries (NYSE: EXF) today put")
    assert article.body.endswith("in three harbors on the Atlantic coast.")
    assert "Photo: Business Wire" not in article.body and "multimedia" not in article.body
    assert (article.dateline_places, article.dateline_date) == (
        ["Portland", "Maine"],
        "Dec 3, 2026",
    )
    assert canonical_agency(article.agency) == "Business Wire" and article.ednote is None
