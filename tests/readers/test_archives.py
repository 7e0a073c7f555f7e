"""Compressed files and bundles of stories, built here in memory (gzip, zipfile, tarfile).

A compressed story reads as the story; every member of a bundle reads as a file of its own,
a bad member costs only itself, and a bound broken (size, ratio, member count) costs the file.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import lzma
import struct
import tarfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.archive_helpers import encrypted_zip, tar_of, zip_of
from tests.readers.conftest import FIXTURES, good_fixtures
from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.readers import read_wire, read_wire_entries
from wirehouse.readers.archives import MEMBER
from wirehouse.readers.unpack import DEFAULT_MAX_BYTES, MAX_MEMBERS, ArchiveRefused

NITF = (FIXTURES / "nitf_efe_desk_initials.xml").read_bytes()
NINJS_PICTURE = b'{"uri": "urn:example:pic:1", "type": "picture", "headline": "A harbour at dawn"}'


def story(title: str) -> bytes:
    return (
        f"{title}\n\nThe harbour authority said on Monday that the new ferry timetable for "
        f"{title.lower()} will apply from next week. Passengers can find it at all piers.\n"
    ).encode()


def records(items: list[Article | SkippedItem]) -> list[object]:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return [i.to_row(now) if isinstance(i, Article) else i for i in items]


def reasons(items: list[Article | SkippedItem]) -> list[str]:
    return [i.reason for i in items if isinstance(i, SkippedItem)]


def headlines(items: list[Article | SkippedItem]) -> list[str | None]:
    return [i.headline for i in items if isinstance(i, Article)]


# --- compressed files -------------------------------------------------------------------------


@pytest.mark.parametrize("path", good_fixtures(), ids=lambda p: p.name)
def test_a_gzipped_fixture_reads_exactly_as_the_fixture(path: Path) -> None:
    plain_format, plain = read_wire(path.read_bytes())
    fmt, items = read_wire(gzip.compress(path.read_bytes(), mtime=0))
    assert fmt == f"gzip/{plain_format}"
    assert records(items) == records(plain)


@pytest.mark.parametrize(
    ("compress", "kind"),
    [(bz2.compress, "bzip2"), (lzma.compress, "xz"), (gzip.compress, "gzip")],
)
def test_bzip2_and_xz_read_like_gzip(compress: object, kind: str) -> None:
    fmt, items = read_wire(compress(NITF))  # type: ignore[operator]
    assert fmt == f"{kind}/nitf"
    assert records(items) == records(read_wire(NITF)[1])


def test_concatenated_gzip_streams_and_nul_padding_are_one_file() -> None:
    data = gzip.compress(story("Ferry")[:40]) + gzip.compress(story("Ferry")[40:]) + bytes(512)
    assert headlines(read_wire(data)[1]) == ["Ferry"]


def test_text_that_looks_like_an_archive_header_by_chance_is_text() -> None:
    text = b"Sequia\n\n" + b"x" * 248 + b"gustar mucho a los agricultores. " * 8
    assert text[257:262] == b"ustar"
    assert read_wire(text)[0] == "plain_text"


@pytest.mark.parametrize(
    ("magic", "named"),
    [
        (b"7z\xbc\xaf\x27\x1c\x00\x04", "a 7-Zip archive"),
        (b"Rar!\x1a\x07\x01\x00", "a RAR archive"),
        (b"\x28\xb5\x2f\xfd\x04\x58", "a Zstandard-compressed file"),
    ],
)
def test_archives_that_are_not_read_are_named(magic: bytes, named: str) -> None:
    with pytest.raises(WireParseError, match=f"^{named}, which is not read"):
        read_wire(magic + bytes(100))
    items = read_wire(zip_of({"a.txt": story("Ferry"), "b.bin": magic + bytes(100)}))[1]
    assert reasons(items) == [
        f"member b.bin: {named}, which is not read (ZIP, tar, gzip, bzip2 and xz are)"
    ]


def test_an_empty_bzip2_stream_is_an_empty_file() -> None:
    with pytest.raises(WireParseError, match="bzip2-compressed: the file is empty"):
        read_wire(bz2.compress(b""))


def test_a_gzip_of_a_gzip_is_read_and_a_third_level_is_not() -> None:
    twice = gzip.compress(gzip.compress(story("Twice")))
    assert read_wire(twice)[0] == "gzip/gzip/plain_text"
    with pytest.raises(WireParseError, match="archives nested more than two deep"):
        read_wire(gzip.compress(twice))


def test_a_truncated_or_damaged_gzip_is_refused_with_a_reason() -> None:
    data = gzip.compress(story("Cut off") * 20)
    with pytest.raises(WireParseError, match="truncated gzip data"):
        read_wire(data[: len(data) // 2])
    damaged = data[:-8] + bytes(4) + data[-4:]  # the CRC of the content no longer matches
    with pytest.raises(WireParseError, match="damaged gzip data"):
        read_wire(damaged)


def test_what_a_gzip_holds_is_judged_like_a_file() -> None:
    with pytest.raises(WireParseError, match=r"gzip-compressed: not a wire text file: .*PNG"):
        read_wire(gzip.compress(b"\x89PNG\r\n\x1a\n" + bytes(100)))
    with pytest.raises(WireParseError, match="gzip-compressed: the file is empty"):
        read_wire(gzip.compress(b""))


def test_a_gzip_bomb_is_refused_without_unpacking_it() -> None:
    bomb = gzip.compress(bytes(20 * 1024 * 1024))  # 20 MB of NULs in ~20 KB
    with pytest.raises(ArchiveRefused, match="decompression bomb"):
        read_wire(bomb)


def test_the_unpacked_size_is_bounded_by_the_inbox_file_limit() -> None:
    # Hex digests compress about twofold: no bomb, just too big once unpacked.
    digests = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(4000)]
    lines = (" ".join(digests[i : i + 8]) for i in range(0, len(digests), 8))
    text = b"Headline\n\n" + "\n".join(lines).encode()
    packed = gzip.compress(text)
    with pytest.raises(ArchiveRefused, match=r"more than 0\.1 MB.*WIREHOUSE_MAX_FILE_BYTES"):
        read_wire(packed, max_bytes=100_000)
    assert read_wire(packed, max_bytes=len(text))[0] == "gzip/plain_text"


def test_the_readers_default_limit_is_the_inbox_default() -> None:
    from wirehouse.settings import Settings

    assert Settings.model_fields["max_file_bytes"].default == DEFAULT_MAX_BYTES


# --- bundles ----------------------------------------------------------------------------------


def test_every_member_is_read_in_name_order_and_the_rest_are_skipped_by_name() -> None:
    data = zip_of(
        {
            "stories/b.xml": NITF,
            "stories/a.txt": story("Ferry"),
            "photos/a.jpg": b"\xff\xd8\xff\xe0" + bytes(100),
            "stories/": b"",
            "__MACOSX/stories/._a.txt": b"\x00\x05\x16\x07",
            "stories/.DS_Store": b"\x00\x00\x00\x01Bud1",
            "stories/c.gz": gzip.compress(story("Tram")),
            "stories/d.xml": b"<nitf><body>",  # a story cut off
        }
    )
    fmt, entries = read_wire_entries(data)
    assert fmt == "zip"
    members = [member for member, _item in entries]
    assert members == sorted(members)
    items = [item for _member, item in entries]
    assert headlines(items) == ["Ferry", read_wire(NITF)[1][0].headline, "Tram"]  # type: ignore[union-attr]
    assert dict(entries)["stories/c.gz"].headline == "Tram"  # type: ignore[union-attr]
    skipped = reasons(items)
    assert skipped == [
        "member __MACOSX/stories/._a.txt: a macOS resource fork (file metadata), not a story",
        "member photos/a.jpg: not a wire text file: it is a JPEG image",
        "member stories/: a directory",
        "member stories/.DS_Store: macOS folder settings (.DS_Store), not a story",
        skipped[4],
    ]
    assert skipped[4].startswith("member stories/d.xml: not well-formed XML")
    assert all(i.item_type == MEMBER for i in items if isinstance(i, SkippedItem))


def test_a_bundle_reads_like_its_files_read_one_by_one() -> None:
    files = sorted(good_fixtures())
    _fmt, items = read_wire(zip_of({p.name: p.read_bytes() for p in files}))
    expected = [item for p in files for item in read_wire(p.read_bytes())[1]]
    named = [
        SkippedItem(f"member {p.name}: {i.reason}", i.guid, i.item_type)
        for p in files
        for i in read_wire(p.read_bytes())[1]
        if isinstance(i, SkippedItem)
    ]
    assert records([i for i in items if isinstance(i, Article)]) == records(
        [i for i in expected if isinstance(i, Article)]
    )
    assert [i for i in items if isinstance(i, SkippedItem)] == named


def test_a_bundle_of_nothing_readable_is_quarantined_with_the_first_reason() -> None:
    data = zip_of({"a.jpg": b"\xff\xd8\xff\xe0" + bytes(10), "b/": b"", "c.txt": b""})
    with pytest.raises(WireParseError) as refused:
        read_wire(data)
    assert str(refused.value) == (
        "no wire text in the archive: member a.jpg: not a wire text file: it is a JPEG image "
        "(and 2 more members)"
    )


def test_a_bundle_of_pictures_only_is_skipped_like_the_picture_file() -> None:
    _fmt, items = read_wire(zip_of({"pic.json": NINJS_PICTURE}))
    assert len(items) == 1 and isinstance(items[0], SkippedItem)
    assert items[0].reason.startswith("member pic.json: ")
    assert items[0].item_type == "picture"


def test_encrypted_members_are_named_and_an_encrypted_bundle_is_quarantined() -> None:
    with pytest.raises(WireParseError, match=r"member a\.txt: encrypted"):
        read_wire(encrypted_zip(zip_of({"a.txt": story("Secret")})))


def test_members_compressed_otherwise_are_read_or_named() -> None:
    bzip = zip_of({"a.txt": story("Bzip")}, zipfile.ZIP_BZIP2)
    assert headlines(read_wire(bzip)[1]) == ["Bzip"]
    stored = zip_of({"a.txt": story("Stored")}, zipfile.ZIP_STORED)
    assert headlines(read_wire(stored)[1]) == ["Stored"]
    mixed = zip_of({"a.txt": story("Ferry")}) + b""
    lzma_zip = zip_of({"b.txt": story("Lzma")}, zipfile.ZIP_LZMA)
    with pytest.raises(WireParseError, match=r"member b\.txt: compressed with LZMA"):
        read_wire(lzma_zip)
    assert headlines(read_wire(mixed)[1]) == ["Ferry"]


def test_a_zip_bomb_is_refused() -> None:
    bomb = zip_of({"a.txt": story("Fine"), "b.txt": bytes(20 * 1024 * 1024)})
    with pytest.raises(ArchiveRefused, match="decompression bomb"):
        read_wire(bomb)


def overlapping(member: bytes, copies: int) -> bytes:
    """A ZIP whose central directory lists one stored member `copies` times (a zip bomb
    without compression: every entry points at the same bytes)."""
    data = zip_of({"a.txt": member}, zipfile.ZIP_STORED)
    start = data.find(b"PK\x01\x02")
    end = data.find(b"PK\x05\x06")
    entry = data[start:end]
    directory = entry * copies
    eocd = bytearray(data[end:])
    struct.pack_into("<HHII", eocd, 8, copies, copies, len(directory), start)
    return data[:start] + directory + bytes(eocd)


def test_members_that_share_their_bytes_are_counted_every_time() -> None:
    assert headlines(read_wire(overlapping(story("Shared"), 3))[1]) == ["Shared"] * 3
    picture = b"\xff\xd8\xff\xe0" + bytes(160_000)  # refused at a glance: the test stays fast
    with pytest.raises(ArchiveRefused, match="decompression bomb"):
        read_wire(overlapping(picture, 1000), max_bytes=1 << 30)


def test_a_header_claiming_a_small_size_does_not_raise_the_bound() -> None:
    data = bytearray(zip_of({"a.txt": bytes(300_000).replace(b"\x00", b"ab c")}))
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        struct.pack_into("<I", data, at + size_at, 10)  # "10 bytes", says the header
    with pytest.raises(ArchiveRefused, match="WIREHOUSE_MAX_FILE_BYTES"):
        read_wire(bytes(data), max_bytes=200_000)


def test_more_members_than_the_bound_refuse_the_bundle() -> None:
    many = zip_of({f"{i:05}.txt": b"" for i in range(MAX_MEMBERS + 1)}, zipfile.ZIP_STORED)
    with pytest.raises(ArchiveRefused, match="more than 10,000 members"):
        read_wire(many)


def test_office_documents_stay_quarantined_as_office_documents() -> None:
    docx = zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    with pytest.raises(WireParseError, match=r"^an Office document \(Word\), not a wire format$"):
        read_wire(docx)
    odt = zip_of({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    with pytest.raises(WireParseError, match="OpenDocument"):
        read_wire(odt)


def test_a_damaged_or_empty_zip_is_refused_with_a_reason() -> None:
    data = zip_of({"a.txt": story("Ferry")})
    with pytest.raises(WireParseError, match="a damaged ZIP archive"):
        read_wire(data[:-30])
    with pytest.raises(WireParseError, match="an empty ZIP archive"):
        read_wire(zip_of({}))


def test_nested_bundles_read_one_level_deep() -> None:
    inner = zip_of({"story.txt": story("Inner")})
    _fmt, entries = read_wire_entries(zip_of({"in.zip": inner, "x.txt": story("Outer")}))
    assert [(m, i.headline) for m, i in entries] == [  # type: ignore[union-attr]
        ("in.zip/story.txt", "Inner"),
        ("x.txt", "Outer"),
    ]
    deeper = zip_of({"in.zip": zip_of({"in2.zip": inner}), "x.txt": story("Outer")})
    items = read_wire(deeper)[1]
    assert reasons(items) == [
        "member in.zip/in2.zip: a ZIP archive inside two archives; archives nested more than "
        "two deep are not read"
    ]


def test_member_names_are_labels_only() -> None:
    names = {"../../etc/passwd": story("Dots"), "/abs\nline\x1b.txt": b"", "x" * 500: b""}
    _fmt, entries = read_wire_entries(zip_of(names))
    assert headlines([i for _m, i in entries]) == ["Dots"]
    for reason in reasons([i for _m, i in entries]):
        assert "\n" not in reason and "\x1b" not in reason
    assert "member /abs\\nline\\u001b.txt: the file is empty" in reasons([i for _m, i in entries])
    assert any(
        r.startswith("member " + "x" * 200 + "…: ") for r in reasons([i for _m, i in entries])
    )


def test_tar_and_tar_gz_bundles() -> None:
    members = {"b.txt": story("Bee"), "a.txt": story("Ay")}
    assert headlines(read_wire(tar_of(members))[1]) == ["Ay", "Bee"]
    fmt, items = read_wire(tar_of(members, "w:gz"))
    assert fmt == "gzip/tar"
    assert headlines(items) == ["Ay", "Bee"]
    buffer = io.BytesIO(tar_of(members))
    with tarfile.open(fileobj=buffer, mode="a") as archive:
        link = tarfile.TarInfo("c.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(link)
    assert reasons(read_wire(buffer.getvalue())[1]) == [
        "member c.txt: a link (to /etc/passwd), never followed"
    ]
    # A .tar.gz is two archives deep already: a compressed member in it is one too many.
    deep = tar_of({"a.txt": story("Ay"), "b.txt.gz": gzip.compress(story("Bee"))}, "w:gz")
    assert reasons(read_wire(deep)[1]) == [
        "member b.txt.gz: a gzip archive inside two archives; archives nested more than two "
        "deep are not read"
    ]


def test_a_truncated_tar_member_costs_only_itself() -> None:
    data = tar_of({"a.txt": story("Ay"), "b.txt": story("Bee") * 20})
    cut = data[: 512 + 512 + 512 + 300]  # a's header and block, b's header, part of b
    items = read_wire(cut)[1]
    assert headlines(items) == ["Ay"]
    assert reasons(items)[0].startswith("member b.txt: damaged in the archive")


SMALL = {"a.txt": story("Ay"), "b/c.xml": NITF[:600], "d.json": NINJS_PICTURE}
DAMAGEABLE = [
    zip_of(SMALL),
    zip_of(SMALL, zipfile.ZIP_BZIP2),
    zip_of(SMALL, zipfile.ZIP_STORED),
    tar_of(SMALL),
    tar_of(SMALL, "w:gz"),
    gzip.compress(NITF),
    bz2.compress(NITF),
    lzma.compress(NITF),
]


@given(st.data())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_damaged_archives_are_read_or_refused_and_nothing_else(data: st.DataObject) -> None:
    seed = bytearray(data.draw(st.sampled_from(DAMAGEABLE)))
    # The first bytes stay: the damage is to what follows an archive's signature.
    for at, value in data.draw(
        st.lists(st.tuples(st.integers(10, len(seed) - 1), st.integers(0, 255)), max_size=6)
    ):
        seed[at] = value
    cut = data.draw(st.integers(10, len(seed)))
    try:
        _fmt, items = read_wire(bytes(seed[:cut]), max_bytes=1 << 20)
    except WireParseError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert all(isinstance(i, Article | SkippedItem) for i in items)
