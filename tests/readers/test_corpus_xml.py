"""Every XML file of ../shared/wire-corpus (NewsML-G2, NewsML 1.x, NITF) reads right.

For each file the table below says what it holds, item by item: a text item (`T`) must come out
as an article with a headline and a body whose word count is within 10 % of the story text in
the file; media, packages, events, planning items and empty shells (`S`) are skipped items
whose reason names what they are; a file nobody can read (`Q`) is quarantined with its reason.

The expected word count is computed here, independently of the readers, by a plain lxml walk
over the story's text element (`_story_words`). Where that naive count includes text that is
not story (a headline repeated as h1, a photo caption, a dateline or byline line), the table
gives the hand-checked count and says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import shared_path
from wirehouse.model import Article, SkippedItem, WireParseError, count_words
from wirehouse.readers import read_wire

pytestmark = pytest.mark.shared


@dataclass(frozen=True)
class T:
    """A text item; `words` overrides the independent count (hand-checked, see the comment)."""

    words: int | None = None


@dataclass(frozen=True)
class S:
    """A skipped item whose reason contains `reason`."""

    reason: str


@dataclass(frozen=True)
class Q:
    """The whole file is quarantined with a reason containing `reason`."""

    reason: str


PICTURE = S("picture is not text")
VIDEO = S("video is not text")
PACKAGE = S("packageItem is not a text item")
MEDIA = S("is media")

EXPECTED: dict[str, list[T | S] | Q] = {
    "g2_apa_gen_events.xml": [
        S("conceptItem"),
        S("conceptItem"),
        T(0),  # its XHTML body is only an h1 repeating the headline "Event Ref Test"
    ],
    # APA's XHTML repeats the 8-word headline as h1: 19 words in the file, 11 of story.
    "g2_apa_gen_newsitem_text.xml": [T(11)],
    "g2_apa_gen_newsmessage.xml": [VIDEO, T(11)],
    "g2_apa_gen_newsmessage_package.xml": [PACKAGE, T(11), PICTURE],
    "g2_apa_gen_picture.xml": [PICTURE],
    "g2_dpa_20090101_130821-96-00675.xml": [T()],
    "g2_dpa_basisdienst_170626-99-998860.xml": [T()],
    # dpa's XHTML header (slugline list, time, h1) is not story: 121 words in the file.
    "g2_dpa_basisdienst_170629-90-024454.xml": [T(104)],
    "g2_dpa_basisdienst_170629-90-027182.xml": [T()],
    "g2_dpa_basisdienst_170629-99-43688.xml": [T()],
    # A notice to editors: its 29-word h1 is the headline, the body one 7-word line.
    "g2_dpa_basisdienst_170629-99-48571.xml": [T(7)],
    "g2_dpa_basisdienst_170629-99-48599.xml": [T()],
    "g2_dpa_basisdienst_170629-99-48625.xml": [T()],
    "g2_dpa_basisdienst_170629-99-49307.xml": [T()],
    "g2_dpa_basisdienst_170629-99-49786.xml": [T()],
    "g2_dpa_basisdienst_170629-99-49824.xml": [T(7)],  # as 48571: a notice, h1 is headline
    "g2_dpa_dwconv_audio.xml": [S("audio is not text")],
    # The header holds slugline, time and the embargo note (read as ednote): 306 in the file.
    "g2_dpa_dwconv_embargoed.xml": [T(272)],
    "g2_dpa_dwconv_image.xml": [PICTURE],
    "g2_dpa_dwconv_spe_tab.xml": [T()],
    "g2_dpa_dwconv_with_infobox.xml": [T()],
    "g2_dpa_picture_171117-90-000086.xml": [PICTURE],
    "g2_dpa_picture_171117-90-016806.xml": [PICTURE],
    "g2_dpa_picture_171117-99-908458.xml": [PICTURE],
    "g2_iptc_ap_metadata_example_latin1.xml": [VIDEO],
    "g2_iptc_listing02_text_document.xml": [T()],
    "g2_iptc_listing03_photo.xml": [PICTURE],
    "g2_iptc_listing04_video_renditions.xml": [VIDEO],
    "g2_iptc_listing05_multipart_video.xml": [VIDEO],
    "g2_iptc_listing09_seq_package.xml": [S("package groups only")],
    "g2_iptc_listing16_events_in_newsitem.xml": [S("composite is not text")],
    "g2_iptc_listing18_planning_item.xml": [S("planningItem is not a text item")],
    "g2_iptc_listing22_sports_story_nitf.xml": [T()],
    # A spec example whose four items are `.....` placeholders.
    "g2_iptc_listing24_newsmessage_package.xml": [PACKAGE] + [S("empty shell")] * 4,
    "g2_iptc_listing25_nitf_inlinexml.xml": [T()],  # a bare contentSet holding NITF
    "g2_iptc_listing26_photo_metadata.xml": [PICTURE],
    "g2_iptc_listing27_company_financial.xml": [T(0)],  # headline only, body a comment
    "g2_iptc_listing29_hop_history.xml": [S("empty shell")],
    "g2_reuters_20131021_sox_cardinals.xml": [T()],
    "g2_reuters_anon_package.xml": [PACKAGE],
    "g2_reuters_anon_package_updated.xml": [PACKAGE],
    "g2_reuters_anon_picture.xml": [PICTURE],
    "g2_reuters_tre7bb014.xml": [PACKAGE],
    "g2_reuters_video_package_syria.xml": [PACKAGE, T(), VIDEO],
    # TT: h1 (the headline), the vignette/source line and a photo caption are not story.
    "g2_tt_newsmessage_sv.xml": [PACKAGE, T(122), PICTURE],
    # NITF: a photo's media-caption inside body.content is not story (312 in the file).
    "nitf_iptc_example_3_6.xml": [T(268)],
    "nitf_ntb_india_korona_nb.xml": [T()],
    "nml10_afp_2002_photo_latin1.xml": [MEDIA],
    "nml10_iptc_mlking_example.xml": [S("only referenced by Href")],
    "nml10_reuters_showcase_2001.xml": [S("refers to other items")],
    "nml12_afp_20210516_en.xml": [T()],
    # Alerts: the closing desk-code line (`ففف/ح س/كام`, 4 words to the counter) is not story.
    "nml12_afp_ar_ewe94.xml": [T(13)],
    "nml12_afp_ar_ewf23.xml": [T(10)],
    "nml12_afp_ar_ewi58_programme.xml": [T()],
    "nml12_afp_ar_exb04.xml": [T(13)],  # an alert: its desk codes `سب-لال/كام/شي` are not story
    "nml12_afp_ar_exo77_update.xml": [T()],
    "nml12_afp_ar_journal_1td46m.xml": [T()],
    "nml12_afp_ar_journal_index_bom.xml": [S("without text content")],
    "nml12_afp_ar_journal_sport_1te5rk.xml": [T()],
    "nml12_afp_es_ntj67.xml": [T()],
    "nml12_afp_es_ntj94.xml": [T()],
    "nml12_afp_es_ntk11.xml": [T(12)],  # an alert: its closing desk codes `pa/age` are not story
    "nml12_afp_es_ntk38.xml": [T()],
    "nml12_afp_photo_482869648.xml": [MEDIA],
    "nml12_afp_photo_751ha.xml": [MEDIA],
    "nml12_afp_photo_dv2209430.xml": [MEDIA],
    "nml12_afp_photo_mvd6704577.xml": [MEDIA],
    "nml12_businesswire_20130515006361.xml": [T()],
    "nml12_businesswire_20130612006110.xml": [T()],
    "nml12_efe_bas_y_mundo_mxc_20160116.xml": [T(), T()],
    # Item 1: of its 52 words, the dateline (4) and `(foto)(vídeo)` (2) are not story.
    # Item 6 (the real's rates): of its 55 words, the dateline (5) and the sign-off `EFE` are not.
    "nml12_efe_mundo_batch_2243.xml": [T(), T(46)] + [T()] * 4 + [T(49)] + [T()] * 6,
    "nml12_efe_mundo_mxc_0054.xml": [T(), T()],
    "nml12_efe_mundo_mxc_0056.xml": [T()],
    "nml12_efe_photo_0042.xml": [MEDIA] * 5,
    "nml12_efe_photo_0057.xml": [MEDIA],
    "nml12_sda_brd004_rev3_latin1.xml": [T()],
    "nml12_sda_brd004_rev4_latin1.xml": [T()],
    "nml12_sda_brd054_latin1.xml": [T()],
    "nml12_sda_brd055_rev2_latin1.xml": [T()],
    "nml12_sda_brz011_rev1_latin9.xml": [T()],
    "nml12_sda_brz011_rev2_append_latin9.xml": [T()],
    "nml12_sda_brz012_rev1_latin9.xml": [T()],
    "nml12_sda_brz012_rev2_latin9.xml": [T()],
    "nml12_sda_brz012_rev3_latin9.xml": [T()],
    "nml12_sda_brz012_rev4_latin9.xml": [T()],
    "nml12_sda_phd9030_photo_latin9.xml": [MEDIA],
    "nml12_sda_rdn207_latin1.xml": [T()],
    "nml12_sda_wochenprogramm_rdn201_latin1.xml": [T(0)],  # the programme table is empty
    # HTML in CDATA: 195 words of text, less the dateline `Lisboa, 28 jan 2025 (NewsAgency)`
    # and the closing `MA // EA` initials and `NewsAgency/Fim` end mark.
    "nml1x_anon_pt_50812345_latin1.xml": [T(186)],
}


def _local(el: etree._Element) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _words(el: etree._Element | None) -> int:
    return 0 if el is None else count_words(" ".join(el.itertext()))


def _find(el: etree._Element, *names: str) -> etree._Element | None:
    return next((d for d in el.iter() if _local(d) in names), None)


def _rendition_words(rendition: etree._Element) -> int:
    for name in ("body.content", "body"):
        if (found := _find(rendition, name)) is not None:
            return _words(found)
    return _words(rendition)


def _story_words(path: Path) -> list[int]:
    """Words of each text item's story element, read with nothing but lxml."""
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    root = etree.fromstring(path.read_bytes(), parser)
    if _local(root) == "nitf":
        return [_words(_find(root, "body.content"))]
    counts = []
    for item in root.iter():
        name = _local(item)
        if name in ("newsItem", "contentSet") and (name == "contentSet" or _is_g2_text(item)):
            content_set = item if name == "contentSet" else _find(item, "contentSet")
            renditions = [r for r in content_set if _local(r) == "inlineXML"] or [
                r for r in content_set if _local(r) == "inlineData"
            ]
            counts.append(max((_rendition_words(r) for r in renditions), default=0))
        elif name == "NewsItem":
            texts = [
                _rendition_words(data)
                for data in item.iter()
                if _local(data) == "DataContent" and len(data) + len((data.text or "").strip())
            ]
            counts.append(max(texts, default=0))
    return counts


def _is_g2_text(item: etree._Element) -> bool:
    item_class = _find(item, "itemClass")
    qcode = item_class.get("qcode", "") if item_class is not None else ""
    return qcode.rsplit(":", 1)[-1] in ("text", "") and _find(item, "contentSet") is not None


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_xml_file_reads_right(name: str) -> None:
    path = shared_path("wire-corpus", name)
    expected = EXPECTED[name]
    if isinstance(expected, Q):
        with pytest.raises(WireParseError, match=expected.reason):
            read_wire(path.read_bytes())
        return
    _, items = read_wire(path.read_bytes())
    assert [type(i).__name__ for i in items] == [
        "Article" if isinstance(e, T) else "SkippedItem" for e in expected
    ]
    independent = iter(_story_words(path))
    for item, want in zip(items, expected, strict=True):
        if isinstance(want, S):
            assert isinstance(item, SkippedItem) and want.reason in item.reason, item
            continue
        assert isinstance(item, Article) and isinstance(want, T)
        story_words = next(independent, 0)
        words = story_words if want.words is None else want.words
        assert item.headline, f"{name}: a text item without headline"
        assert abs(item.word_count - words) <= max(0.1 * words, 1), (
            f"{name}: {item.word_count} words read, {words} in the file"
        )


def test_every_corpus_xml_file_is_in_the_table() -> None:
    corpus = shared_path("wire-corpus")
    names = {p.name for p in corpus.iterdir() if p.name.startswith(("g2_", "nml", "nitf_"))}
    assert names == set(EXPECTED)
