"""Encodings are decided by evidence: `ü` never becomes `Ã¼`, whatever the file claims."""

from __future__ import annotations

from wirehouse.model import Article, WireParseError
from wirehouse.readers import read_wire

TEXT = "Jörg Müller sagte in Görlitz: „Grüße“."


def _nitf(encoding_declared: str, payload: bytes) -> bytes:
    return (
        f'<?xml version="1.0" encoding="{encoding_declared}"?>'.encode()
        + b"<nitf><body><body.head><hedline><hl1>Schl\xc3\xbcssel</hl1></hedline></body.head>"
        b"<body.content><p>" + payload + b"</p></body.content></body></nitf>"
    )


def _body(data: bytes) -> str:
    _, items = read_wire(data)
    assert isinstance(items[0], Article)
    return items[0].body


def test_declared_latin1_but_utf8_bytes() -> None:
    assert _body(_nitf("ISO-8859-1", TEXT.encode("utf-8"))) == TEXT


def test_declared_utf8_honoured() -> None:
    assert _body(_nitf("UTF-8", TEXT.encode("utf-8"))) == TEXT


def test_true_latin1_xml() -> None:
    text = "Jörg Müller aus Köln"
    data = (
        b'<?xml version="1.0" encoding="ISO-8859-1"?><nitf><body><body.content><p>'
        + text.encode("latin-1")
        + b"</p></body.content></body></nitf>"
    )
    assert _body(data) == text


def test_utf16_with_bom() -> None:
    data = '<?xml version="1.0" encoding="UTF-16"?><nitf><body><body.content><p>Grüße</p>'
    data += "</body.content></body></nitf>"
    assert _body(b"\xff\xfe" + data.encode("utf-16-le")) == "Grüße"


def test_utf8_bom_on_text_and_json() -> None:
    assert "überraschend" in _body("\ufeffBERLIN (dpa) - Ein überraschend Ergebnis.".encode())
    ninjs = '{"uri": "u1", "type": "text", "headline": "Grüße", "body_text": "Grüße aus Köln"}'
    assert _body(b"\xef\xbb\xbf" + ninjs.encode()) == "Grüße aus Köln"


def test_7901_in_cp1252_and_utf8_read_the_same() -> None:
    message = (
        "\x01bdt0001 3 pl 10  dpa 0001\r\n\r\nTest/\r\n\x02Überschrift =\r\n\r\n"
        "   Köln (dpa) - „Grüße“ aus Köln, sagte Jörg Müller.\r\n\x03\x04"
    )
    bodies = {_body(message.encode(enc)) for enc in ("cp1252", "utf-8")}
    assert bodies == {"„Grüße“ aus Köln, sagte Jörg Müller."}
    assert _body(message.replace("„", '"').replace("“", '"').encode("latin-1")) == (
        '"Grüße" aus Köln, sagte Jörg Müller.'
    )


def test_control_characters_never_reach_the_body() -> None:
    data = "\x01bdt0001 3 pl 10  dpa 0001\r\n\r\nT/\r\n\x02Titel =\r\n\r\n"
    data += "   Bonn (dpa) - Text\x07 mit\x0b Steuer\x1bzeichen.\r\n\r\ndpa ab\r\n\x03\x7f\x04"
    body = _body(data.encode())
    assert body == "Text mit Steuerzeichen."
    assert not any(ord(c) < 32 and c != "\n" for c in body)


def test_mojibake_from_upstream_is_repaired_and_clean_text_left_alone() -> None:
    from wirehouse.readers.text import repair_mojibake

    assert repair_mojibake("the worldâ€™s most powerful") == "the world’s most powerful"
    assert repair_mojibake("Ã¼ber die BrÃ¼cke") == "über die Brücke"
    clean = "„Grüße“, sagte er – «ça va» — 5 € ¼ Ã"
    assert repair_mojibake(clean) == clean


def test_utf16_without_bom_is_text() -> None:
    text = "Jörg Müller aus Köln sagte am Montag in Görlitz etwas."
    for encoding in ("utf-16-le", "utf-16-be"):
        declared = encoding.upper().replace("-LE", "LE").replace("-BE", "BE")
        data = (
            f'<?xml version="1.0" encoding="{declared}"?><nitf><body><body.content><p>'
            f"{text}</p></body.content></body></nitf>"
        ).encode(encoding)
        assert _body(data) == text


def test_nul_padding_and_a_stray_nul_are_line_noise() -> None:
    story = "Berlin (dpa) - Der Bundestag hat am Freitag das Gesetz beschlossen.\n"
    padded = _body(story.encode() + b"\x00" * 2048)
    stray = _body(story.replace("Gesetz", "Ge\x00setz").encode())
    assert padded == stray == "Der Bundestag hat am Freitag das Gesetz beschlossen."


def test_many_nuls_are_still_binary() -> None:
    data = b"Berlin (dpa) - Text." + b"\x00\x01\x02\x00" * 50 + b"more"
    try:
        read_wire(data)
    except WireParseError as error:
        assert "binary" in str(error)
    else:
        raise AssertionError("a file full of NUL bytes was read as text")


def test_utf16_with_bom_json_keeps_no_bom() -> None:
    item = '{"uri": "urn:x", "type": "text", "headline": "Grüße", "body_text": "Jörg sagte."}'
    for encoding in ("utf-16", "utf-16-be"):
        data = (
            item.encode(encoding) if encoding == "utf-16" else b"\xfe\xff" + item.encode(encoding)
        )
        assert _body(data) == "Jörg sagte."
