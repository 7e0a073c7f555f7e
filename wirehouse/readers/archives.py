"""Wire files that arrive compressed (`story.xml.gz`) or bundled (a ZIP or tar of stories).

Agencies' FTP drops compress single stories; archive downloads and feed bundles are ZIPs of
NITF or NewsML files, now and then a `.tar.gz`. Each is read in memory (`unpack`), never
extracted:

- a compressed file (gzip, bzip2, xz) is read as the file it holds;
- every member of a bundle (ZIP, tar) is read as a wire file of its own, in name order; its
  articles and skipped items become the bundle's items. A member that is no story (a picture,
  a directory, a macOS resource fork) or that its reader refuses is a skipped item whose
  reason names the member; the other members are still read. A bundle with nothing but such
  members is quarantined with the first one's reason;
- an archive inside an archive (a `.tar.gz`, a `.xml.gz` in a ZIP) is read; one deeper is not;
- a bound of the whole file (`unpack.Budget`: the inbox's file limit over all unpacked
  bytes, the compression ratio, 10,000 members) broken quarantines the whole file.

An article keeps its own guid; the model has no place for the member it came from, so only
`wirehouse parse` shows it. A skipped item's reason names the member.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import replace

from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.readers.unpack import (
    ArchiveRefused,
    Budget,
    Member,
    decompress,
    tar_members,
    zip_members,
)

log = logging.getLogger(__name__)

ReadPlain = Callable[[bytes], tuple[str, list[Article | SkippedItem]]]
# An item with the bundle member it came from (None: the file itself, or what a gzip held).
Entry = tuple[str | None, Article | SkippedItem]

COMPRESSED = ("gzip", "bzip2", "xz")
# How many archives deep a story may lie: a `.tar.gz` is two.
MAX_DEPTH = 2
# The item type of a member that gave no items (not a story, or refused by its reader).
MEMBER = "archive member"
_BZIP2_MAGIC = (b"1AY&SY", b"\x17rE8P\x90")
_NAMES = {"gzip": "gzip", "bzip2": "bzip2", "xz": "xz", "zip": "ZIP", "tar": "tar"}
# Archives the standard library cannot open: named, so the sender knows what to send instead.
_UNREAD = {
    b"7z\xbc\xaf\x27\x1c": "7z",
    b"Rar!\x1a\x07": "rar",
    b"\x28\xb5\x2f\xfd": "zstd",
    b"\x1f\x9d": "compress",
}
_UNREAD_NAMES = {
    "7z": "a 7-Zip archive",
    "rar": "a RAR archive",
    "zstd": "a Zstandard-compressed file",
    "compress": "a Unix compress (.Z) file",
}


def container_kind(data: bytes) -> str | None:
    """`gzip`, `bzip2`, `xz`, `zip` or `tar` when the bytes are one (or an archive that is
    not read: `7z`, `rar`, `zstd`, `compress`), else None."""
    if data.startswith(b"\x1f\x8b"):
        return "gzip"
    # bzip2's block (or end-of-stream) magic after the header: "BZh…" may open a text.
    if data.startswith(b"BZh") and data[3:4].isdigit() and data[4:10] in _BZIP2_MAGIC:
        return "bzip2"
    if data.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if _is_tar_header(data[:512]):
        return "tar"
    for magic, kind in _UNREAD.items():
        if data.startswith(magic):
            return kind
    return None


def _is_tar_header(block: bytes) -> bool:
    """A POSIX or GNU tar header with a valid checksum: a Spanish text may say "gustar" at
    offset 256, never with a NUL after it and the right sum."""
    if block[257:263] != b"ustar\x00" and block[257:265] != b"ustar  \x00":
        return False
    try:
        stored = int(block[148:156].replace(b"\x00", b" ").strip() or b"-1", 8)
    except ValueError:
        return False
    return stored == sum(block[:148]) + 8 * ord(" ") + sum(block[156:])


def read_container(
    data: bytes, kind: str, read_plain: ReadPlain, *, max_bytes: int
) -> tuple[str, list[Entry]]:
    """(format, entries) of a compressed or bundled file; `read_plain` reads a wire file.

    The format names the container and, for a compressed file, what it held (`gzip/nitf`,
    `gzip/tar`). Raises WireParseError when the whole file is to be quarantined.
    """
    budget = Budget(limit=max_bytes, packed=len(data))
    fmt, entries = _read(data, kind, read_plain, budget, depth=1)
    entries = [(label, _named(label, item)) for label, item in entries]
    if entries and not any(_is_read(item) for _label, item in entries):
        reasons = [item.reason for _label, item in entries if isinstance(item, SkippedItem)]
        more = f" (and {len(reasons) - 1:,} more members)" if len(reasons) > 1 else ""
        raise WireParseError(f"no wire text in the archive: {reasons[0]}{more}")
    return fmt, entries


def _read(
    data: bytes, kind: str, read_plain: ReadPlain, budget: Budget, depth: int
) -> tuple[str, list[Entry]]:
    if kind in _UNREAD_NAMES:
        raise WireParseError(
            f"{_UNREAD_NAMES[kind]}, which is not read (ZIP, tar, gzip, bzip2 and xz are)"
        )
    if kind in COMPRESSED:
        inner = decompress(kind, data, budget)
        try:
            fmt, entries = _read_inner(inner, read_plain, budget, depth)
        except ArchiveRefused:
            raise
        except WireParseError as exc:
            raise WireParseError(f"{kind}-compressed: {exc}") from None
        return f"{kind}/{fmt}", entries
    members = zip_members(data, budget) if kind == "zip" else tar_members(data, budget)
    entries = [entry for member in members for entry in _member(member, read_plain, budget, depth)]
    return kind, entries


def _read_inner(
    data: bytes, read_plain: ReadPlain, budget: Budget, depth: int
) -> tuple[str, list[Entry]]:
    """What one unpacked file holds: another archive (one level deeper) or a wire file."""
    kind = container_kind(data)
    if kind is None:
        fmt, items = read_plain(data)
        return fmt, [(None, item) for item in items]
    if depth >= MAX_DEPTH:
        raise WireParseError(
            f"a {_NAMES[kind]} archive inside two archives; archives nested more than two "
            "deep are not read"
        )
    return _read(data, kind, read_plain, budget, depth + 1)


def _member(member: Member, read_plain: ReadPlain, budget: Budget, depth: int) -> Iterator[Entry]:
    """The entries of one bundle member; a member that cannot be read costs only itself."""
    label = member.label
    if member.content is None:
        yield label, SkippedItem(member.reason or "not read", item_type=MEMBER)
        return
    try:
        _fmt, entries = _read_inner(member.content, read_plain, budget, depth)
    except ArchiveRefused:
        raise
    except WireParseError as exc:
        entries = [(None, SkippedItem(str(exc), item_type=MEMBER))]
    except RecursionError:
        entries = [(None, SkippedItem("nested too deeply to read", item_type=MEMBER))]
    except Exception as exc:  # a reader bug must cost one member, not the bundle
        log.warning("reader failed on archive member %s: %s: %s", label, type(exc).__name__, exc)
        reason = f"internal reader error ({type(exc).__name__}: {exc}); please report"
        entries = [(None, SkippedItem(reason, item_type=MEMBER))]
    for inner, item in entries:
        yield (f"{label}/{inner}" if inner else label), item


def _named(label: str | None, item: Article | SkippedItem) -> Article | SkippedItem:
    """A skipped item's reason names the member it lies in."""
    if isinstance(item, SkippedItem) and label is not None:
        return replace(item, reason=f"member {label}: {item.reason}")
    return item


def _is_read(item: Article | SkippedItem) -> bool:
    """An article, or an item its reader chose to skip (a picture): not an unread member."""
    return isinstance(item, Article) or item.item_type != MEMBER
