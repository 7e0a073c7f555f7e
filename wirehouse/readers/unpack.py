"""Unpacking compressed streams and bundles in memory, within hard bounds.

Nothing is written to disk and no member name is ever used as a path: a name is only a label
for reasons. Every bound holds against the bytes actually produced, never against a size a
header claims (a header can lie). A ZIP's central directory is used only to find its members;
each member is decompressed here, with the standard library's decoders fed a bounded output
size, because `zipfile`'s own reader asks bzip2 for unbounded output.
"""

from __future__ import annotations

import bz2
import io
import lzma
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from wirehouse.model import WireParseError
from wirehouse.paths import to_text

# The inbox's default file limit (`Settings.max_file_bytes`; a test keeps the two equal).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 10_000
# Text deflates 3–10×, a repetitive feed 20–50×; a hundredfold is made, not written. Judged
# past 1 MiB only: a small file of blanks may compress better and harms nobody.
MAX_RATIO = 100
RATIO_FLOOR = 1 << 20
_CHUNK = 1 << 20
_LABEL_CHARS = 200
_STREAM_MAGIC = {"gzip": b"\x1f\x8b", "bzip2": b"BZh", "xz": b"\xfd7zXZ\x00"}
_TOO_MANY = f"an archive of more than {MAX_MEMBERS:,} members; not read"
_ZIP_METHODS = {9: "Deflate64", 14: "LZMA", 93: "Zstandard", 95: "xz", 98: "PPMd", 99: "AES"}


class ArchiveRefused(WireParseError):
    """A bound of the whole file is broken: the file is quarantined, not one member."""


@dataclass(slots=True)
class Budget:
    """What one inbox file may unpack to, over all its members and nesting levels."""

    limit: int  # bytes: the inbox's WIREHOUSE_MAX_FILE_BYTES
    packed: int  # the file's own size, for the compression ratio
    produced: int = 0
    members: int = 0

    def room(self) -> int:
        """The most one decoder call may produce: one byte past the limit shows it crossed."""
        return max(1, min(_CHUNK, self.limit - self.produced + 1))

    def spend(self, produced: int) -> None:
        self.produced += produced
        if self.produced > RATIO_FLOOR and self.produced > MAX_RATIO * self.packed:
            raise ArchiveRefused(
                f"a decompression bomb: its {self.packed:,} bytes unpack to more than "
                f"{MAX_RATIO} times their size (stopped at {self.produced / 1e6:.1f} MB); "
                "not read"
            )
        if self.produced > self.limit:
            raise ArchiveRefused(
                f"unpacks to more than {self.limit / 1e6:.1f} MB, the limit for a file "
                "(WIREHOUSE_MAX_FILE_BYTES)"
            )

    def count(self, members: int) -> None:
        self.members += members
        if self.members > MAX_MEMBERS:
            raise ArchiveRefused(_TOO_MANY)


@dataclass(slots=True)
class Member:
    """One member of a bundle: its content, or why it is not read."""

    label: str
    content: bytes | None = None
    reason: str | None = None


class _Decoder(Protocol):
    @property
    def eof(self) -> bool: ...
    @property
    def unused_data(self) -> bytes: ...
    def decompress(self, data: bytes, max_length: int = ..., /) -> bytes: ...


def decompress(kind: str, data: bytes, budget: Budget) -> bytes:
    """The content of a gzip, bzip2 or xz file: all its concatenated streams."""
    out = bytearray()
    rest = data
    while True:
        rest = _drain(_stream_decoder(kind), rest, budget, out, kind)
        # NUL padding (tape blocks, xz stream padding) or stray bytes after the end: the
        # streams' own checksums vouch for what was read; a new stream is read on.
        rest = rest.lstrip(b"\x00")
        if not rest.startswith(_STREAM_MAGIC[kind]):
            return bytes(out)


def _stream_decoder(kind: str) -> _Decoder:
    if kind == "gzip":
        return zlib.decompressobj(wbits=31)
    if kind == "bzip2":
        return bz2.BZ2Decompressor()
    return lzma.LZMADecompressor(format=lzma.FORMAT_XZ)


def _drain(decoder: _Decoder, data: bytes, budget: Budget, out: bytearray, what: str) -> bytes:
    """Decode one stream into `out`, a bounded piece at a time; returns the bytes after it."""
    pending = data
    try:
        while not decoder.eof:
            piece = decoder.decompress(pending, budget.room())
            # zlib hands back the input it did not use; bz2 and lzma keep it themselves.
            pending = getattr(decoder, "unconsumed_tail", b"")
            budget.spend(len(piece))
            out += piece
            if not piece and not pending and not decoder.eof:
                raise WireParseError(f"truncated {what} data: it ends before its end marker")
    except (zlib.error, OSError, lzma.LZMAError, EOFError) as exc:
        raise WireParseError(f"damaged {what} data ({exc})") from None
    return decoder.unused_data


def _decode_one(decoder: _Decoder, data: bytes, budget: Budget, what: str) -> bytes:
    out = bytearray()
    _drain(decoder, data, budget, out, what)
    return bytes(out)


def member_label(name: str) -> str:
    """A member's name as a printable one-line label (never a path)."""
    label = to_text(name)
    return label if len(label) <= _LABEL_CHARS else label[:_LABEL_CHARS] + "…"


def not_a_story(name: str) -> str | None:
    """Why a member is file-system litter rather than a story, judged by its name alone."""
    parts = name.replace("\\", "/").split("/")
    base = parts[-1]
    if "__MACOSX" in parts[:-1] or base.startswith("._"):
        return "a macOS resource fork (file metadata), not a story"
    if base == ".DS_Store":
        return "macOS folder settings (.DS_Store), not a story"
    if base.lower() in ("thumbs.db", "desktop.ini"):
        return "Windows folder settings, not a story"
    return None


def office_document(names: list[str]) -> str | None:
    """An Office or e-book file: a ZIP by format, never a bundle of stories."""
    found = set(names)
    if "[Content_Types].xml" in found:
        for part, kind in (("word/", "Word"), ("xl/", "Excel"), ("ppt/", "PowerPoint")):
            if any(name.startswith(part) for name in names):
                return f"an Office document ({kind}), not a wire format"
        return "an Office document, not a wire format"
    if "mimetype" in found and "META-INF/container.xml" in found:
        return "an EPUB e-book, not a wire format"
    if "mimetype" in found and ("content.xml" in found or "META-INF/manifest.xml" in found):
        return "an Office document (OpenDocument), not a wire format"
    return None


def zip_members(data: bytes, budget: Budget) -> Iterator[Member]:
    """A ZIP's members in name order, each decompressed when it is reached."""
    # Each central directory entry starts with this signature: an upper bound of the members,
    # counted before `zipfile` builds an object per entry.
    if budget.members + data.count(b"PK\x01\x02") > MAX_MEMBERS:
        raise ArchiveRefused(_TOO_MANY)
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise WireParseError(f"a damaged ZIP archive ({exc})") from None
    office = office_document([info.filename for info in infos])
    if office:
        raise WireParseError(office)
    if not infos:
        raise WireParseError("an empty ZIP archive")
    budget.count(len(infos))
    for info in sorted(infos, key=lambda info: info.filename):
        label = member_label(info.filename)
        reason = "a directory" if info.is_dir() else not_a_story(info.filename)
        if reason is None and info.flag_bits & 0x1:
            reason = "encrypted (password-protected); wirehouse reads no encrypted member"
        if reason is not None:
            yield Member(label, reason=reason)
            continue
        try:
            content = _zip_content(data, info, budget)
        except ArchiveRefused:
            raise
        except WireParseError as exc:
            yield Member(label, reason=str(exc))
            continue
        yield Member(label, content=content)


def _zip_content(data: bytes, info: zipfile.ZipInfo, budget: Budget) -> bytes:
    start = info.header_offset
    header = data[start : start + 30]
    if len(header) < 30 or not header.startswith(b"PK\x03\x04"):
        raise WireParseError("damaged in the archive: its local header is missing")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    begin = start + 30 + name_length + extra_length
    raw = data[begin : begin + info.compress_size]
    if len(raw) < info.compress_size:
        raise WireParseError("truncated: the archive ends inside this member")
    method = info.compress_type
    if method == zipfile.ZIP_STORED:
        budget.spend(len(raw))  # counted too: stored members may overlap and repeat bytes
        content = raw
    elif method == zipfile.ZIP_DEFLATED:
        content = _decode_one(zlib.decompressobj(-15), raw, budget, "deflate")
    elif method == zipfile.ZIP_BZIP2:
        content = _decode_one(bz2.BZ2Decompressor(), raw, budget, "bzip2")
    else:
        name = _ZIP_METHODS.get(method, f"method {method}")
        raise WireParseError(
            f"compressed with {name}, which is not read (stored, deflate and bzip2 are)"
        )
    if zlib.crc32(content) != info.CRC:
        raise WireParseError("damaged in the archive: its checksum does not match")
    return content


def tar_members(data: bytes, budget: Budget) -> Iterator[Member]:
    """A tar's members in name order. Their bytes are slices of the tar: nothing to spend."""
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
            infos: list[tarfile.TarInfo] = []
            try:
                for info in archive:
                    budget.count(1)
                    infos.append(info)
            except (tarfile.TarError, EOFError):
                # Cut off after some members: those are read, the cut one is named damaged.
                if not infos:
                    raise
            if not infos:
                raise WireParseError("an empty tar archive")
            yield from _tar_contents(archive, infos)
    except WireParseError:
        raise
    except (tarfile.TarError, EOFError, ValueError) as exc:
        raise WireParseError(f"a damaged tar archive ({exc})") from None


def _tar_contents(archive: tarfile.TarFile, infos: list[tarfile.TarInfo]) -> Iterator[Member]:
    for info in sorted(infos, key=lambda info: info.name):
        label = member_label(info.name)
        reason = _tar_kind(info) or not_a_story(info.name)
        if reason is not None:
            yield Member(label, reason=reason)
            continue
        try:
            stream = archive.extractfile(info)
            content = stream.read() if stream is not None else b""
        except (tarfile.TarError, OSError, EOFError) as exc:
            yield Member(label, reason=f"damaged in the archive ({exc})")
            continue
        yield Member(label, content=content)


def _tar_kind(info: tarfile.TarInfo) -> str | None:
    """Why a tar member is no file to read, or None for a regular file."""
    if info.isdir():
        return "a directory"
    if info.issym() or info.islnk():
        return f"a link (to {member_label(info.linkname)}), never followed"
    if not info.isreg():
        return "a special file (device or pipe), not a story"
    if info.issparse():
        return "a sparse file, not a story"
    return None
