"""The format is told from the content alone: renaming a file changes nothing."""

from __future__ import annotations

import pytest

from tests.readers.conftest import good_fixtures
from wirehouse.model import WireParseError
from wirehouse.readers import sniff_format

EXPECTED = {
    "anpa1312_tabular_kill.txt": "anpa1312",
    "dpa_afx_bom_crlf.txt": "dpa_afx",
    "dpa_afx_en_trailer_stamp.txt": "dpa_afx",
    "iptc7901_de_stream_cp1252.txt": "iptc7901",
    "newsml12_afp_package.xml": "newsml12",
    "newsml_g2_dpa_de.xml": "newsml_g2",
    "newsml_g2_message_multi.xml": "newsml_g2",
    "ninjs1_array.json": "ninjs",
    "ninjs2_associations.json": "ninjs",
    "nitf_efe_latin1.xml": "nitf",
    "nitf_pa_withheld_lying_declaration.xml": "nitf",
    "plain_text_notice.txt": "plain_text",
    "newsml12_sda_dtd_subset.xml": "newsml12",
    "ritzau_rbnews_da.xml": "ritzau",
    "nitf_pa_category_title.xml": "nitf",
    "nitf_efe_desk_initials.xml": "nitf",
    "newsml_g2_reuters_sni.xml": "newsml_g2",
    "newsml_g2_stt_archive.xml": "newsml_g2",
    "anpa1312_headlines_package.txt": "anpa1312",
    "anpa1312_writethru_eds.txt": "anpa1312",
    "iptc7901_take_keys.txt": "iptc7901",
    "ap_media_api_item.json": "ap_media_api",
    "ap_media_api_feed_inline_nitf.json": "ap_media_api",
    "digitalwires_entries_package.json": "digitalwires",
    "dpa_afx_take_key.txt": "dpa_afx",
    "dpa_afx_press_release_dated_ende.txt": "dpa_afx",
    "ninjs2_alert_headline_only.json": "ninjs",
    "newsml12_pa_embargo_comment.xml": "newsml12",
    "newsml12_anp_new_version.xml": "newsml12",
    "ntb_release_press_release.xml": "ntb_release",
    "newsml12_embargo_status_will_change.xml": "newsml12",
    "newsml12_belga_two_languages_latin9.xml": "newsml12",
    "newsml_g2_tt_ttnitf_body.xml": "newsml_g2",
    "nitf_ntb_baselang_embed_latin1.xml": "nitf",
    "nitf_ansa_subtitle_byline.xml": "nitf",
    "plain_text_zczc_framing.txt": "plain_text",
    "plain_text_release_end_mark.txt": "plain_text",
    "anpa1312_news_alert.txt": "anpa1312",
    "anpa1312_headlines_shared_caret_line.txt": "anpa1312",
    "newsml12_kyodo_sign_off.xml": "newsml12",
    "ninjs1_paged_item_list.json": "ninjs",
    "ninjs2_tt_body_html5_lead_block.json": "ninjs",
    "newsml12_belga_escaped_inline_latin9.xml": "newsml12",
    "iptc7901_unframed_net_take.txt": "iptc7901",
    "anpa1312_unframed_summary.txt": "anpa1312",
    "anpa1312_kyodo_unframed.txt": "anpa1312",
    "iptc7901_unframed_dpa.txt": "iptc7901",
    "iptc7901_sda_unframed_latin1.txt": "iptc7901",
    "ritzau_feed_response_da.xml": "ritzau",
    "newsml_g2_stt_double_escaped.xml": "newsml_g2",
    "newsml_g2_reuters_wire_layout.xml": "newsml_g2",
    "newsml_g2_ansa_text_plain.xml": "newsml_g2",
    "newsml12_tass_complexdata.xml": "newsml12",
    "email_plain_dateline.eml": "email",
    "email_de_quoted_printable.eml": "email",
    "email_multipart_alternative.eml": "email",
    "email_html_only.eml": "email",
    "email_attached_nitf.eml": "email",
    "email_image_attachment.eml": "email",
    "email_mbox_two_messages.mbox": "email",
    "email_press_release_end_mark.eml": "email",
    "email_press_release_de_ende.eml": "email",
    "rss_atom_atom_en_business_wire.xml": "rss_atom",
    "rss_atom_broken_dates_title_only.xml": "rss_atom",
    "rss_atom_cdata_html_prnewswire.xml": "rss_atom",
    "rss_atom_namespaces_media_efe.xml": "rss_atom",
    "rss_atom_ots_de_press_releases.xml": "rss_atom",
    "rss_atom_rdf_apa_ots.xml": "rss_atom",
    "reuters_newsitem_rcv1_en_latin1.xml": "reuters_newsitem",
    "reuters_newsitem_rcv2_de.xml": "reuters_newsitem",
    "appl_text_abstract_embargo.xml": "appl",
    "appl_photo_only.xml": "appl",
    "appl_escaped_html_body.xml": "appl",
    "appl_text_record_without_text.xml": "appl",
    "appl_third_party_dpa_notebook.xml": "appl",
    "rss_atom_aggregator_headline_links.xml": "rss_atom",
    "nitf_efe_sign_off.xml": "nitf",
    "nitf_ap_business_wire_release_trailer.xml": "nitf",
    "nitf_reuters_credit_line.xml": "nitf",
    "newsml12_afp_bureau_desk_codes.xml": "newsml12",
}


@pytest.mark.parametrize("path", good_fixtures(), ids=lambda p: p.name)
def test_sniff(path) -> None:  # type: ignore[no-untyped-def]
    expected = EXPECTED.get(path.name) or path.name.split(".")[1]
    assert sniff_format(path.read_bytes()) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"  \n<?xml version='1.0'?>\n<!-- c --><nitf/>", "nitf"),
        (b'<?xml version="1.0"?><!DOCTYPE nitf SYSTEM "x.dtd"><nitf/>', "nitf"),
        (b"<g2:newsItem xmlns:g2='http://iptc.org/std/nar/2006-10-01/'/>", "newsml_g2"),
        (b"<NewsML Version='1.2'/>", "newsml12"),
        (b'[{"uri": "x"}]', "ninjs"),
        (b"\r\n\x01eca0001 3 i 100  dpa 0001\r\n", "iptc7901"),
        (b"\x16\x16\x01a1234\x1fsel\nr a\x13\x11 BC-Test 01-02 0100\n\x02x\x03", "anpa1312"),
        (b"Headline\n\nBERLIN (dpa) - Text.", "dpa_afx"),
        (b"Just some words.", "plain_text"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', "rss_atom"),
        (b"<!DOCTYPE rss PUBLIC '-//Netscape//DTD RSS 0.91//EN' 'x.dtd'><rss/>", "rss_atom"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'/>", "rss_atom"),
        (b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>", "rss_atom"),
    ],
)
def test_sniff_snippets(data: bytes, expected: str) -> None:
    assert sniff_format(data) == expected


@pytest.mark.parametrize("data", [b"", b"   \n", b"%PDF-1.4 ...", b"<html><body/></html>"])
def test_sniff_refuses(data: bytes) -> None:
    with pytest.raises(WireParseError):
        sniff_format(data)
