"""XML from the wire is untrusted: no entities, no DTD, no network, bounded size."""

from __future__ import annotations

import socket
import time

import pytest

from tests.readers.conftest import BAD_FIXTURES, FIXTURES
from wirehouse.model import WireParseError
from wirehouse.readers import newsml12, newsml_g2, ninjs, nitf, xml

XML_READERS = [nitf.read, newsml12.read, newsml_g2.read]


@pytest.mark.parametrize("reader", XML_READERS, ids=lambda r: r.__module__)
def test_billion_laughs_is_refused_quickly(reader) -> None:  # type: ignore[no-untyped-def]
    data = (BAD_FIXTURES / "billion_laughs.xml").read_bytes()
    started = time.perf_counter()
    with pytest.raises(WireParseError, match="declares entities"):
        reader(data)
    assert time.perf_counter() - started < 1.0


def test_quadratic_blowup_without_declaration_is_bounded() -> None:
    # Many references to an undeclared entity: refused as not well-formed, not expanded.
    data = (
        b"<nitf><body><body.content><p>" + b"&a;" * 100_000 + b"</p></body.content></body></nitf>"
    )
    with pytest.raises(WireParseError):
        nitf.read(data)


def test_external_entity_is_never_resolved() -> None:
    data = (BAD_FIXTURES / "external_entity.xml").read_bytes()
    with pytest.raises(WireParseError) as caught:
        nitf.read(data)
    assert "root:" not in str(caught.value)


def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the XML guard opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_parameter_entity_is_dropped_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    # Keystone-SDA pulls the NITF DTD in this way: the DTD is never fetched nor read.
    _no_network(monkeypatch)
    data = (
        b'<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/x.dtd">'
        b"%ext;]><nitf><body><body.content><p>Text.</p></body.content></body></nitf>"
    )
    [article] = nitf.read(data)
    assert article.body == "Text."  # type: ignore[union-attr]


def test_parameter_entity_cannot_smuggle_general_entities() -> None:
    # A general entity declared inside a parameter entity is never declared for us.
    data = (
        b"<!DOCTYPE nitf [<!ENTITY % p \"<!ENTITY x 'boom'>\"> %p;]>"
        b"<nitf><body><body.content><p>&x;</p></body.content></body></nitf>"
    )
    with pytest.raises(WireParseError):
        nitf.read(data)


def test_internal_entities_are_expanded_within_bounds() -> None:
    data = (
        b'<!DOCTYPE nitf [<!ENTITY sda "Keystone-SDA"><!ENTITY by "von &sda;">]>'
        b"<nitf><body><body.content><p>Meldung &by; &amp; &#228;.</p>"
        b"</body.content></body></nitf>"
    )
    [article] = nitf.read(data)
    assert article.body == "Meldung von Keystone-SDA & \u00e4."  # type: ignore[union-attr]


def test_quadratic_blowup_with_declaration_is_refused_quickly() -> None:
    big = b"x" * 60_000
    data = (
        b'<!DOCTYPE nitf [<!ENTITY a "'
        + big
        + b'">]><nitf><body><body.content><p>'
        + b"&a;" * 100_000
        + b"</p></body.content></body></nitf>"
    )
    started = time.perf_counter()
    with pytest.raises(WireParseError, match="expansion bomb"):
        nitf.read(data)
    assert time.perf_counter() - started < 1.0


def test_entity_cycle_is_refused() -> None:
    data = b'<!DOCTYPE nitf [<!ENTITY a "&b;"><!ENTITY b "&a;">]><nitf><p>&a;</p></nitf>'
    with pytest.raises(WireParseError, match="nest too deep"):
        xml.parse_xml(data)


def test_external_general_entity_reference_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_network(monkeypatch)
    for system in (b"file:///etc/passwd", b"http://127.0.0.1:9/x"):
        data = (
            b'<!DOCTYPE nitf [<!ENTITY ext SYSTEM "' + system + b'">]>'
            b"<nitf><body><body.content><p>&ext;</p></body.content></body></nitf>"
        )
        with pytest.raises(WireParseError, match="external entity"):
            nitf.read(data)


def test_unreadable_entity_declaration_is_refused() -> None:
    data = b'<!DOCTYPE nitf [<!ENTITY a "unterminated>]><nitf/>'
    with pytest.raises(WireParseError, match="cannot read safely"):
        xml.parse_xml(data)


def test_external_dtd_is_not_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    # A DOCTYPE pointing at the network parses offline: the DTD is dropped, never loaded.
    data = (
        b'<?xml version="1.0"?><!DOCTYPE nitf SYSTEM "http://127.0.0.1:9/nitf.dtd">'
        b"<nitf><body><body.content><p>Text &amp; more.</p></body.content></body></nitf>"
    )
    [article] = nitf.read(data)
    assert article.body == "Text & more."  # type: ignore[union-attr]


def test_xinclude_is_not_processed() -> None:
    data = (
        b'<nitf xmlns:xi="http://www.w3.org/2001/XInclude"><body><body.content>'
        b'<p>Safe</p><xi:include href="file:///etc/passwd" parse="text"/>'
        b"</body.content></body></nitf>"
    )
    [article] = nitf.read(data)
    assert article.body == "Safe"  # type: ignore[union-attr]


def test_size_cap_by_argument() -> None:
    data = (FIXTURES / "same_story.nitf.xml").read_bytes()
    with pytest.raises(WireParseError, match="cap"):
        nitf.read(data, max_bytes=100)
    with pytest.raises(WireParseError, match="cap"):
        ninjs.read((FIXTURES / "same_story.ninjs.json").read_bytes(), max_bytes=100)
    assert nitf.read(data, max_bytes=len(data))


def test_size_cap_module_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert xml.MAX_BYTES == 20 * 1024 * 1024
    monkeypatch.setattr(xml, "MAX_BYTES", 100)
    for name, reader in [
        ("same_story.newsml12.xml", newsml12.read),
        ("same_story.newsml_g2.xml", newsml_g2.read),
        ("same_story.nitf.xml", nitf.read),
    ]:
        with pytest.raises(WireParseError, match="cap"):
            reader((FIXTURES / name).read_bytes())


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    data = b"<nitf>" + b"<block>" * 100_000 + b"</block>" * 100_000 + b"</nitf>"
    with pytest.raises(WireParseError):
        nitf.read(data)
    with pytest.raises(WireParseError):
        ninjs.read(b"[" * 100_000 + b"]" * 100_000)


def test_entity_declaration_in_a_comment_is_only_a_comment() -> None:
    assert xml.local(xml.parse_xml(b'<!-- <!ENTITY x "y"> --><nitf/>')) == "nitf"


def test_a_second_dtd_is_refused() -> None:
    data = b'<!-- <!DOCTYPE a> --><!DOCTYPE nitf [<!ENTITY x "y">]><nitf><p>&x;</p></nitf>'
    with pytest.raises(WireParseError):
        xml.parse_xml(data)


def test_deep_nesting_reason_gives_no_parser_advice() -> None:
    data = b"<?xml version='1.0'?><NewsML>" + b"<a>" * 5000 + b"</a>" * 5000 + b"</NewsML>"
    with pytest.raises(WireParseError) as error:
        newsml12.read(data)
    assert "depth" in str(error.value) and "XML_PARSE_HUGE" not in str(error.value)
