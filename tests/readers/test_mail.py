"""E-mail: what is taken for a message (and what never is), the mapping rules, hostile messages."""

from __future__ import annotations

import base64
import time

import pytest

from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.readers import read_wire, sniff_format
from wirehouse.readers.mail_headers import clean_subject, sender_byline

HEAD = (
    "From: Anna Berg <anna.berg@wire.example>\n"
    "Subject: Storm hits coast\n"
    "Date: Thu, 3 Dec 2026 07:40:55 +0100\n"
    "Message-ID: <storm-1@wire.example>\n"
    "MIME-Version: 1.0\n"
)
STORY = (
    "LONDON (Reuters) - A winter storm battered the south coast of England on Wednesday "
    "night, cutting power to about 40,000 homes, utilities said.\n"
)


def _message(content_type: str, body: str | bytes, *, head: str = HEAD, cte: str = "") -> bytes:
    header = f"{head}Content-Type: {content_type}\n" + (
        f"Content-Transfer-Encoding: {cte}\n" if cte else ""
    )
    raw = body if isinstance(body, bytes) else body.encode("utf-8")
    return header.encode("utf-8") + b"\n" + raw


def _articles(data: bytes) -> list[Article]:
    return [item for item in read_wire(data)[1] if isinstance(item, Article)]


def _skipped(data: bytes) -> list[SkippedItem]:
    return [item for item in read_wire(data)[1] if isinstance(item, SkippedItem)]


def test_the_reported_message_is_mail_not_dpa_afx() -> None:
    data = (
        "From: desk@agency.example\nTo: client@example.org\nSubject: Storm hits coast\n"
        "Date: Thu, 3 Dec 2026 07:40:55 +0100\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + STORY
    ).encode()
    fmt, items = read_wire(data)
    assert fmt == "email"
    (article,) = items
    assert isinstance(article, Article)
    assert article.headline == "Storm hits coast"
    assert article.agency == "Reuters" and article.dateline_places == ["London"]
    assert article.body.startswith("A winter storm")
    assert article.byline is None  # a bare address names no person


@pytest.mark.parametrize(
    "text",
    [
        "Date: 3 March 2026\nContact: press@example.org\n\nThe company reported results.",
        "Subject: Quarterly results\n\nThe company reported results on Tuesday.",
        "From: our correspondent\nSubject: Storm\n\nBERLIN (dpa) - Text.",
        "Subject: Storm\nDate: yesterday\n\nText of the story.",
        "Storm hits coast\nFrom: Anna <a@b.example>\nSubject: x\n\nText.",
        "BERLIN (dpa-AFX) - Subject: the talks. From: the ministry.\n\nMore text.",
        "WASHINGTON: Subject to approval, the plan goes ahead.\nFrom: a@b.example\n",
    ],
)
def test_text_that_is_no_message_is_not_mail(text: str) -> None:
    assert sniff_format(text.encode()) != "email"


@pytest.mark.parametrize(
    "head",
    [
        "From sender@example.org Thu Dec  3 09:10:58 2026\nFrom: a@b.example\nSubject: x\n",
        "Received: from mx (mx [192.0.2.1])\n\tby host; Thu, 3 Dec 2026 10:00:00 +0000\n"
        "Message-ID: <x@y>\nContent-Type: text/plain\n",
        "X-Mailer: Outlook\nDate: Thu, 3 Dec 2026 10:00:00 +0000\nSubject: x\n",
    ],
)
def test_header_blocks_are_mail(head: str) -> None:
    assert sniff_format((head + "\n" + STORY).encode()) == "email"


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("AW: WG: Re[2]: Fwd: Storm hits coast", "Storm hits coast"),
        ("FW: RE: Storm", "Storm"),
        ("Reuters: storm hits coast", "Reuters: storm hits coast"),
        ("Re:", None),
    ],
)
def test_subject_prefixes_go(subject: str, expected: str | None) -> None:
    assert clean_subject(subject) == expected


@pytest.mark.parametrize(
    ("sender", "expected"),
    [
        ("Jane Doe <jane.doe@agency.example>", "Jane Doe"),
        ('"Doe, Jane" <jdoe@agency.example>', "Jane Doe"),
        ("=?utf-8?Q?J=C3=BCrgen_M=C3=BCller?= <jmueller@x.example>", None),  # raw, not decoded
        ("Jürgen Müller <juergen.mueller@x.example>", "Jürgen Müller"),
        ("dpa Newsdesk <desk@dpa.example>", None),
        ("Reuters News <news@reuters.example>", None),
        ("Jane Doe <desk@agency.example>", None),  # the address does not confirm the name
        ("desk@agency.example", None),
        ("Acme GmbH <acme@acme.example>", None),
    ],
)
def test_sender_is_a_byline_only_when_a_person(sender: str, expected: str | None) -> None:
    assert sender_byline(sender) == expected


def test_wrong_declared_charset_is_overruled_by_the_bytes() -> None:
    latin = "Zürich (sda) - Die Züge fahren wieder.\n".encode("cp1252")
    (article,) = _articles(_message("text/plain; charset=utf-8", latin, cte="8bit"))
    assert article.body == "Die Züge fahren wieder." and article.dateline_places == ["Zürich"]
    utf8 = "Zürich (sda) - Die Züge fahren wieder.\n".encode()
    (article,) = _articles(_message("text/plain; charset=us-ascii", utf8, cte="8bit"))
    assert article.body == "Die Züge fahren wieder."
    bogus = _message("text/plain; charset=x-no-such-charset", utf8, cte="8bit")
    assert _articles(bogus)[0].body == "Die Züge fahren wieder."


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_eight_bit_headers_are_decoded(encoding: str) -> None:
    head = HEAD.replace("Storm hits coast", "Stürme über Kiel").replace(
        "Anna Berg <anna", "Jörg Bärg <joerg"
    )
    raw = _message("text/plain; charset=utf-8", STORY, head=head).replace(
        head.encode(), head.encode(encoding)
    )
    (article,) = _articles(raw)
    assert article.headline == "Stürme über Kiel"
    assert article.byline == "Jörg Bärg"


def test_truncated_mime_is_refused_with_a_reason() -> None:
    data = _message(
        'multipart/mixed; boundary="b1"',
        f"--b1\nContent-Type: text/plain\n\n{STORY}\n--b1\nContent-Type: application/xml\n\n<nitf",
    )
    with pytest.raises(WireParseError, match="cut off: its multipart/mixed part has no closing"):
        read_wire(data)


def test_deeply_nested_multiparts_are_bounded() -> None:
    def nested(levels: int) -> bytes:
        opening = "".join(
            f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(levels)
        )
        closing = "".join(f"--b{i}--\n" for i in reversed(range(levels)))
        return (HEAD + opening + "Content-Type: text/plain\n\n" + STORY + closing).encode()

    assert _articles(nested(3))[0].body.startswith("A winter storm")
    with pytest.raises(WireParseError, match="nested more than 12 deep"):
        read_wire(nested(20))
    started = time.monotonic()
    with pytest.raises(WireParseError, match="more than 64 multipart or attached-message"):
        read_wire(nested(50_000))
    assert time.monotonic() - started < 5


def test_a_huge_base64_image_is_skipped_not_decoded_into_text() -> None:
    picture = base64.encodebytes(b"\xff\xd8\xff\xe0" + bytes(4_000_000)).decode()
    body = (
        f'--b1\nContent-Type: text/plain\n\n{STORY}\n--b1\nContent-Type: image/jpeg; name="big.jpg"'
        f"\nContent-Transfer-Encoding: base64\n\n{picture}\n--b1--\n"
    )
    items = read_wire(_message('multipart/mixed; boundary="b1"', body))[1]
    assert isinstance(items[0], Article)
    assert items[1] == SkippedItem(
        "attachment image/jpeg big.jpg: not a story", item_type="image/jpeg"
    )


def test_a_binary_attachment_of_no_declared_type_is_skipped_with_what_it_is() -> None:
    pdf = base64.encodebytes(b"%PDF-1.7\n" + bytes(range(256)) * 4).decode()
    body = (
        f"--b1\nContent-Type: text/plain\n\n{STORY}\n--b1\n"
        'Content-Type: application/octet-stream; name="report.bin"\n'
        "Content-Disposition: attachment\nContent-Transfer-Encoding: base64\n\n"
        f"{pdf}\n--b1--\n"
    )
    (skipped,) = _skipped(_message('multipart/mixed; boundary="b1"', body))
    assert skipped.reason == (
        "attachment application/octet-stream report.bin: not a wire text file: it is a PDF document"
    )


@pytest.mark.parametrize(
    "body", ["", "\n\n   \n", "-- \nAnna Berg\n", "> quoted only\n> nothing new\n"]
)
def test_a_message_without_text_is_refused(body: str) -> None:
    with pytest.raises(WireParseError, match="the message has no text and no attachment"):
        read_wire(_message("text/plain", body))


def test_a_broken_message_in_an_mbox_costs_that_message_only() -> None:
    good = f"From: a@b.example\nSubject: Good\nDate: Thu, 3 Dec 2026 10:00:00 +0000\n\n{STORY}"
    empty = "From: a@b.example\nSubject: Empty\nDate: Thu, 3 Dec 2026 11:00:00 +0000\n\n\n"
    data = (
        f"From a@b.example Thu Dec  3 10:00:00 2026\n{empty}\n"
        f"From a@b.example Thu Dec  3 11:00:00 2026\n{good}\n"
    ).encode()
    items = read_wire(data)[1]
    assert items[0] == SkippedItem(
        "message 1 of 2: the message has no text and no attachment (subject: Empty)",
        item_type="email",
    )
    assert isinstance(items[1], Article) and items[1].headline == "Good"


def test_a_mail_attached_to_a_mail_is_read_once_and_no_deeper() -> None:
    innermost = _message("text/plain", STORY)
    inner = _message(
        'multipart/mixed; boundary="i1"',
        b"--i1\nContent-Type: message/rfc822\n\n" + innermost + b"\n--i1--\n",
        head=HEAD.replace("storm-1", "storm-2").replace("Storm hits coast", "Inner"),
    )
    outer = _message(
        'multipart/mixed; boundary="o1"',
        b"--o1\nContent-Type: message/rfc822\n\n" + inner + b"\n--o1--\n",
    )
    items = read_wire(outer)[1]
    assert items == [
        SkippedItem(
            "attachment message/rfc822: a mail inside an attached mail is not read",
            item_type="message/rfc822",
        )
    ]
    (article,) = _articles(inner)  # read on its own, the same message gives its story
    assert article.headline == "Storm hits coast"


def test_a_story_in_the_text_beside_an_attached_story_is_kept() -> None:
    nitf = (
        "<nitf><head><docdata><doc-id id-string='n1'/></docdata></head><body><body.head>"
        "<hedline><hl1>Attached</hl1></hedline></body.head><body.content>"
        "<p>BERLIN (dpa) - Attached story text.</p></body.content></body></nitf>"
    )
    body = (
        f"--b1\nContent-Type: text/plain\n\n{STORY}\n--b1\n"
        f'Content-Type: application/xml\nContent-Disposition: attachment; filename="a.xml"\n\n'
        f"{nitf}\n--b1--\n"
    )
    items = read_wire(_message('multipart/mixed; boundary="b1"', body))[1]
    assert [(i.format, i.headline) for i in items if isinstance(i, Article)] == [
        ("email", "Storm hits coast"),
        ("nitf", "Attached"),
    ]


def test_a_wire_file_pasted_into_the_text_is_read_as_that_format() -> None:
    iptc = (
        "\x01bdt0101 4 pl 38  dpa 0412\n\x02Storm-Kueste\nSturm legt Kueste lahm\n\n"
        "Kiel (dpa) - Ein Sturm hat die Kueste lahmgelegt.\n\x03"
    )
    (article,) = _articles(_message("text/plain", iptc))
    assert article.format == "iptc7901"
    assert article.sent is not None and article.sent.isoformat() == "2026-12-03T06:40:55+00:00"


def test_text_above_a_dateline_is_an_ednote() -> None:
    text = "Storm hits coast\n\nEmbargoed until 12:00 GMT.\n\n" + STORY
    (article,) = _articles(_message("text/plain", text))
    assert article.headline == "Storm hits coast"
    assert article.ednote == "Embargoed until 12:00 GMT."
    assert article.body.startswith("A winter storm")


def test_signature_closing_and_footers_go_but_a_long_tail_stays() -> None:
    text = (
        STORY + "\nBest regards,\nAnna\n\nSent from my iPhone\n\n"
        "Please consider the environment before printing this e-mail.\n"
    )
    (article,) = _articles(_message("text/plain", text))
    assert article.body == STORY.split(" - ", 1)[1].strip()
    story = STORY + "\n--\n" + "\n".join(f"Paragraph line {n} of the story." for n in range(20))
    assert "Paragraph line 19" in _articles(_message("text/plain", story))[0].body


def test_quoted_reply_and_history_go() -> None:
    text = (
        STORY
        + "\nOn Wed, 2 Dec 2026 at 18:00, Desk <desk@x.example> wrote:\n> Can you send it?\n"
        + "\n-----Original Message-----\nFrom: Desk\nSent: Wednesday\nSubject: storm\n\nOld.\n"
    )
    (article,) = _articles(_message("text/plain", text))
    assert article.body == STORY.split(" - ", 1)[1].strip()


def test_broken_base64_is_never_taken_for_text() -> None:
    cut = _message("text/plain", "QUJD" * 10 + "Q\n", cte="base64")
    with pytest.raises(WireParseError, match="text/plain part's base64 is cut off or broken"):
        read_wire(cut)
    body = (
        f"--b1\nContent-Type: text/plain\n\n{STORY}\n--b1\nContent-Type: application/xml\n"
        "Content-Transfer-Encoding: base64\n\nPD94bWwgdmVyc2lvbj0iMS4wIj8+Cjxua\n--b1--\n"
    )
    (skipped,) = _skipped(_message('multipart/mixed; boundary="b1"', body))
    assert skipped.reason == (
        "attachment application/xml: the application/xml part's base64 is cut off or broken: "
        "not decoded"
    )


FORWARDS = {
    "gmail html": (
        "text/html; charset=utf-8",
        '<div class="gmail_quote"><div class="gmail_attr">---------- Forwarded message ---------'
        "<br>From: <strong>Presse</strong> &lt;presse@x.example&gt;<br>Date: Thu, Dec 3, 2026"
        "<br>Subject: Storm<br>To: &lt;a@b.example&gt;<br></div><br><br><div><p>FYI</p><p>"
        + STORY
        + "</p></div></div>",
    ),
    "outlook plain, German": (
        "text/plain; charset=utf-8",
        "FYI, see below\n\n________________________________\nVon: Reuters <r@x.example>\n"
        "Gesendet: Donnerstag, 3. Dezember 2026 09:00\nAn: Desk\nBetreff: Storm\n\n" + STORY,
    ),
    "apple mail": (
        "text/plain; charset=utf-8",
        "Begin forwarded message:\n\nFrom: Reuters <r@x.example>\nSubject: Storm\n"
        "Date: 3 December 2026 at 09:00:00 GMT\nTo: Desk <d@x.example>\n\n" + STORY,
    ),
}


@pytest.mark.parametrize("content", FORWARDS.values(), ids=FORWARDS.keys())
def test_a_forwarded_story_is_the_forwarded_text(content: tuple[str, str]) -> None:
    head = HEAD.replace("Subject: Storm hits coast", "Subject: FW: Storm")
    (article,) = _articles(_message(content[0], content[1], head=head))
    assert article.headline == "Storm"
    assert article.agency == "Reuters" and article.body.startswith("A winter storm")
    assert article.byline is None  # who forwards a story did not write it


def test_an_encrypted_message_is_skipped_not_read_as_text() -> None:
    body = (
        "--e1\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n--e1\n"
        "Content-Type: application/octet-stream\n\n-----BEGIN PGP MESSAGE-----\n\n"
        "hQEMA8uLxTr7ye3fAQf/Y2kL5b0gHhSUgaCm\n-----END PGP MESSAGE-----\n--e1--\n"
    )
    data = _message(
        'multipart/encrypted; protocol="application/pgp-encrypted"; boundary="e1"', body
    )
    assert read_wire(data)[1] == [
        SkippedItem(
            "attachment multipart/encrypted: encrypted, cannot be read",
            item_type="multipart/encrypted",
        )
    ]


def test_without_a_subject_a_short_first_line_is_the_headline() -> None:
    head = HEAD.replace("Subject: Storm hits coast\n", "")
    data = _message("text/plain", "Storm hits coast\n\nThe storm hit the coast.\n", head=head)
    (article,) = _articles(data)
    assert (article.headline, article.body) == ("Storm hits coast", "The storm hit the coast.")
