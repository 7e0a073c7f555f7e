"""RSS and Atom feeds: what one item gives, and feeds that must be refused or read safely."""

from __future__ import annotations

import hashlib
import socket
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.readers.conftest import BAD_FIXTURES, FIXTURES, item_record
from wirehouse.inbox import InboxFile
from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.parsing import parse_files
from wirehouse.readers import read_wire, rss_atom
from wirehouse.readers.feed_text import parse_feed_date, strip_contact_block, strip_read_more

RSS_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
    b'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>'
)


def _rss(*items: bytes) -> bytes:
    return RSS_HEAD + b"".join(items) + b"</channel></rss>"


def _item(title: str, text: str, guid: str | None = None) -> bytes:
    guid_el = f"<guid>{guid}</guid>" if guid else ""
    return f"<item><title>{title}</title>{guid_el}<description>{text}</description></item>".encode()


def _articles(data: bytes) -> list[Article]:
    return [item for item in rss_atom.read(data) if isinstance(item, Article)]


def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("reading a feed opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# --- items ---------------------------------------------------------------------------------


def test_two_items_give_two_articles_in_order_with_distinct_item_index(tmp_path: Path) -> None:
    data = _rss(
        _item("Erste", "Der erste Text.", "a-1"), _item("Zweite", "Der zweite Text.", "a-2")
    )
    path = tmp_path / "feed.xml"
    path.write_bytes(data)
    file = InboxFile(str(path), hashlib.sha256(data).hexdigest(), len(data))
    batch = parse_files([file], "run", ingested_at=datetime.now(UTC), max_file_bytes=10**6)
    rows = batch.articles.sort_by("item_index").to_pylist()
    assert [(r["item_index"], r["headline"], r["guid"]) for r in rows] == [
        (0, "Erste", "a-1"),
        (1, "Zweite", "a-2"),
    ]


def test_items_without_ids_stay_apart_and_read_the_same_every_time() -> None:
    data = _rss(_item("One", "First text."), _item("Two", "Second text."))
    first = [item_record(i) for i in rss_atom.read(data)]
    assert first == [item_record(i) for i in rss_atom.read(data)]
    assert first[0]["story_id"] != first[1]["story_id"]


def test_link_is_the_guid_when_there_is_no_guid() -> None:
    item = b"<item><title>T</title><link>https://example.com/a</link><description>Text.</description></item>"
    [article] = _articles(_rss(item))
    assert article.guid == "https://example.com/a"


def test_a_title_only_item_is_skipped_beside_a_good_one() -> None:
    items = rss_atom.read(_rss(_item("Only a title", "", "t-1"), _item("Story", "Text.", "t-2")))
    assert isinstance(items[0], SkippedItem) and "only a title" in items[0].reason
    assert isinstance(items[1], Article) and items[1].body == "Text."


def test_a_description_repeating_the_title_is_no_text() -> None:
    [skipped] = rss_atom.read(_rss(_item("Neue Zahlen", "Neue  Zahlen", "t-1")))
    assert isinstance(skipped, SkippedItem) and "only a title" in skipped.reason


def test_a_feed_of_pictures_only_is_read_as_skipped_items() -> None:
    item = b'<item><title>Foto</title><enclosure url="https://example.com/a.jpg" type="image/jpeg"/></item>'
    [skipped] = rss_atom.read(_rss(item))
    assert isinstance(skipped, SkippedItem)
    assert skipped.item_type == "picture"


def test_photo_caption_does_not_replace_the_teaser() -> None:
    item = (
        b'<item xmlns:media="http://search.yahoo.com/mrss/"><title>T</title>'
        b"<description>The teaser.</description>"
        b'<media:content url="https://example.com/a.jpg" medium="image">'
        b"<media:title>Caption title</media:title><media:description>A caption.</media:description>"
        b"</media:content></item>"
    )
    [article] = _articles(_rss(item))
    assert (article.headline, article.body) == ("T", "The teaser.")


def test_dateline_service_unknown_as_agency_gives_way_to_the_feeds_agency() -> None:
    data = (
        b'<rss version="2.0"><channel><title>OTS.at</title><link>https://www.ots.at/</link>'
        + _item("T", "Wien (OTS) - Der Text.")
        + b"</channel></rss>"
    )
    [article] = _articles(data)
    assert (article.agency, article.dateline_places, article.body) == (
        "APA-OTS",
        ["Wien"],
        "Der Text.",
    )


def test_google_news_style_source_names_the_agency() -> None:
    item = (
        b"<item><title>T</title><description>Text.</description>"
        b'<source url="https://www.reuters.com">Reuters</source></item>'
    )
    [article] = _articles(_rss(item))
    assert article.agency == "Reuters"


def test_well_known_prefix_used_without_its_declaration_is_read() -> None:
    item = b"<item><title>T</title><dc:creator>Jane Roe</dc:creator><description>Text.</description></item>"
    [article] = _articles(_rss(item))
    assert (article.byline, article.body) == ("Jane Roe", "Text.")


def test_bare_ampersands_are_read_as_text() -> None:
    item = (
        b"<item><title>Smith & Sons</title><link>https://example.com/a?x=1&y=2</link>"
        b"<description><![CDATA[<p>R&D &amp; more</p>]]></description></item>"
    )
    [article] = _articles(_rss(item))
    assert (article.headline, article.guid, article.body) == (
        "Smith & Sons",
        "https://example.com/a?x=1&y=2",
        "R&D & more",
    )


def test_unknown_prefix_without_declaration_is_refused() -> None:
    with pytest.raises(WireParseError, match="Namespace prefix foo"):
        read_wire(_rss(b"<item><title>T</title><foo:bar>x</foo:bar></item>"))


# --- feeds that are refused ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'<rss version="2.0"><channel><title>x</title></channel></rss>', "no items"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'><title>x</title></feed>", "no items"),
        (
            b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><channel/></rdf:RDF>",
            "no items",
        ),
        (b"<feed xmlns='urn:example:not-atom'><entry/></feed>", "is not Atom"),
        (b"<RDF><item/></RDF>", "not an RSS 1.0 feed"),
    ],
)
def test_feed_refused_with_reason(data: bytes, reason: str) -> None:
    with pytest.raises(WireParseError, match=reason):
        read_wire(data)


def test_truncated_feed_is_refused() -> None:
    data = (FIXTURES / "rss_atom_ots_de_press_releases.xml").read_bytes()
    with pytest.raises(WireParseError, match="not well-formed XML"):
        read_wire(data[: len(data) // 2])


def test_entity_bomb_in_a_feed_is_refused_quickly() -> None:
    bomb = (BAD_FIXTURES / "billion_laughs.xml").read_bytes()
    data = bomb.replace(b"DOCTYPE nitf", b"DOCTYPE rss").split(b"]>")[0] + (
        b']><rss version="2.0"><channel><item><title>&lol9;</title>'
        b"<description>&lol9;</description></item></channel></rss>"
    )
    started = time.perf_counter()
    with pytest.raises(WireParseError, match="declares entities"):
        read_wire(data)
    assert time.perf_counter() - started < 1.0


def test_external_entity_is_refused_and_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_network(monkeypatch)
    for system in (b"file:///etc/passwd", b"http://127.0.0.1:9/x"):
        data = (
            b'<!DOCTYPE rss [<!ENTITY ext SYSTEM "' + system + b'">]>'
            b'<rss version="2.0"><channel><item><title>T</title><description>&ext;</description>'
            b"</item></channel></rss>"
        )
        with pytest.raises(WireParseError, match="external entity"):
            read_wire(data)


def test_external_dtd_links_and_xml_base_are_never_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_network(monkeypatch)
    data = (
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://127.0.0.1:9/rss-0.91.dtd"><rss version="0.91" xml:base="http://127.0.0.1:9/">'
        b"<channel><title>W</title><item><title>T</title><link>http://127.0.0.1:9/a</link>"
        b"<description>&lt;p&gt;Text &amp;eacute; &lt;img src='http://127.0.0.1:9/i.gif'/&gt;"
        b"&lt;/p&gt;</description></item></channel></rss>"
    )
    [article] = _articles(data)
    assert article.body == "Text é"


def test_huge_feed_over_the_cap_is_refused() -> None:
    data = _rss(*(_item(f"T{i}", "Text " * 50, f"g{i}") for i in range(100)))
    with pytest.raises(WireParseError, match="cap"):
        rss_atom.read(data, max_bytes=len(data) - 1)


def test_many_items_read_quickly_and_in_order() -> None:
    data = _rss(*(_item(f"T{i}", f"Text number {i}.", f"g{i}") for i in range(2000)))
    started = time.perf_counter()
    articles = _articles(data)
    assert [a.guid for a in articles] == [f"g{i}" for i in range(2000)]
    assert time.perf_counter() - started < 20


def test_deeply_nested_html_in_cdata_keeps_its_text() -> None:
    html = "<div>" * 5000 + "Deep text." + "</div>" * 5000
    item = f"<item><title>T</title><description><![CDATA[{html}]]></description></item>"
    [article] = _articles(_rss(item.encode()))
    assert article.body == "Deep text."


# --- teasers and dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraphs", "kept"),
    [
        (["Der Text … Weiterlesen"], ["Der Text …"]),
        (["The text. Read more »"], ["The text."]),
        (["The text.", "Continue reading"], ["The text."]),
        (["Der Text. [mehr]"], ["Der Text."]),
        (["Le texte… Lire la suite"], ["Le texte…"]),
        (["Die Preise steigen nicht mehr"], ["Die Preise steigen nicht mehr"]),
        (["Here is where you can read more"], ["Here is where you can read more"]),
        (["Text.", "The post Text appeared first on Example News."], ["Text."]),
        (["Text.", "Der Beitrag Text erschien zuerst auf Beispiel News."], ["Text."]),
        (["Teaser [...]"], ["Teaser [...]"]),
        (["Nevermore »"], ["Nevermore »"]),
        (['Text. Continue reading "Die Überschrift" →'], ["Text."]),
    ],
)
def test_read_more_link_text_is_stripped(paragraphs: list[str], kept: list[str]) -> None:
    assert strip_read_more(paragraphs) == kept


def test_contact_block_ends_the_release() -> None:
    paragraphs = ["Text.", "More text.", "Pressekontakt: A. B.", "Tel. 1234"]
    assert strip_contact_block(paragraphs) == ["Text.", "More text."]
    assert strip_contact_block(["Pressekontakt: Text"]) == ["Pressekontakt: Text"]
    flattened = "Berlin (ots) - Der Text. Rückfragen bitte an: Polizei Berlin Telefon: 030 1"
    assert strip_contact_block([flattened]) == ["Berlin (ots) - Der Text."]
    credit = "Text. Original-Content von: Polizei Bonn, übermittelt durch news aktuell"
    assert strip_contact_block(["Erster.", credit]) == ["Erster.", "Text."]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Do, 03 Dez 2026 10:15:00 MEZ", "2026-12-03T09:15:00+00:00"),
        ("Mi, 05 Mär 2025 08:00:00 +0100", "2025-03-05T07:00:00+00:00"),
        ("03.12.2026 10:15", "2026-12-03T10:15:00+00:00"),
        ("03.12.2026 10:15 MESZ", "2026-12-03T08:15:00+00:00"),
        ("2026-12-03 10:15:00", "2026-12-03T10:15:00+00:00"),
        ("jeu., 03 déc. 2026 10:15:00 +0100", "2026-12-03T09:15:00+00:00"),
        ("gestern, 14 Uhr", None),
        ("", None),
    ],
)
def test_broken_dates(value: str, expected: str | None) -> None:
    parsed = parse_feed_date(value)
    assert (parsed.isoformat() if parsed else None) == expected


def test_an_aggregators_items_are_the_publishers_not_the_search() -> None:
    """Google News: titles signed with the publisher, descriptions that only link to the story,
    and a channel named after the search (`"dpa" - Google News`), not after whose copy it is."""
    items = rss_atom.read((FIXTURES / "rss_atom_aggregator_headline_links.xml").read_bytes())
    first, second, afp, paper = items
    assert isinstance(first, SkippedItem) and isinstance(second, SkippedItem)
    assert "only a title" in first.reason and "only a title" in second.reason
    assert isinstance(afp, Article) and isinstance(paper, Article)
    assert (afp.headline, afp.agency) == ("Hafen meldet Rekordumschlag", "AFP")
    assert (paper.headline, paper.agency) == ("Stadtrat beschließt neuen Radweg", None)


def test_a_title_keeps_a_dash_that_names_no_source() -> None:
    [article] = _articles(_rss(_item("Talks end - for now", "The two sides left without a deal.")))
    assert article.headline == "Talks end - for now"
