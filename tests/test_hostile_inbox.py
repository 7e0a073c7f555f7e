"""A hostile inbox through the real `wirehouse ingest`: one bad file never costs a night.

The inbox is built at test time: good files of every format (our fixtures), good stories
under awkward names (bytes that are not UTF-8, spaces, quotes, a newline, leading dashes, a
backslash), compressed and bundled stories, and everything that must be quarantined or
skipped — links out of the inbox, a link loop, a FIFO, an unreadable directory,
empty/blank/NUL/oversized files, binaries, XML attacks, deep nesting, a package of thousands
of items, decompression bombs, encrypted, truncated and Office archives. The night must
complete, load every good file, quarantine every bad one with a reason naming its stage and
problem, read nothing outside the inbox, print no traceback, and load nothing twice on a
re-run."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.archive_helpers import encrypted_zip, tar_of, zip_of
from tests.conftest import ALL_BLANK, FIXTURES
from wirehouse.paths import to_text

WIREHOUSE = Path(sys.executable).with_name("wirehouse")
WIRE = FIXTURES / "wire"
MARKER = "OUTSIDE7F3A"  # only ever written outside the inbox
PASSWD = "root:x:0:0"
MAX_FILE_BYTES = 1024 * 1024
PACKAGE_ITEMS = 2000
IS_ROOT = os.geteuid() == 0


def story(title: str) -> bytes:
    return (
        f"{title}\n\nThe harbour authority said on Monday that the new ferry timetable for "
        f"{title.lower()} will apply from next week. Passengers can find it at all piers.\n"
    ).encode()


# Good stories under hostile names (bytes: the name need not be UTF-8).
AWKWARD_NAMES = {
    b"caf\xe9 latin1 name.txt": "Latin one name",
    b"with space.txt": "Spaces in the name",
    b'quote\'s "double".txt': "Quotes in the name",
    b"new\nline.txt": "Newline in the name",
    b"-leading-dash.txt": "Leading dash",
    b"--help.txt": "Double dash",
    b"back\\slash.txt": "Backslash in the name",
    b"utf8 bom.txt": "Byte order mark",
}

# name (relative to the inbox) -> words its quarantine reason must contain.
EXPECTED_QUARANTINE = {
    "links/passwd.txt": "outside the inbox",
    "links/outside.txt": "outside the inbox",
    "links/outside_dir": "outside the inbox",
    "links/loop_a": "loops",
    "links/loop_b": "loops",
    "links/dangling.txt": "target is missing",
    "special/fifo": "named pipe",
    "bad/empty.txt": "empty",
    "bad/blank.txt": "empty",
    "bad/nul.txt": "",
    "bad/oversized.txt": "WIREHOUSE_MAX_FILE_BYTES",
    "bad/picture.png": "PNG",
    "archives/bomb.gz": "decompression bomb",
    "archives/bomb.zip": "decompression bomb",
    "archives/encrypted.zip": "member story.txt: encrypted",
    "archives/truncated.gz": "truncated gzip data",
    "archives/report.docx": "an Office document (Word), not a wire format",
    "archives/pictures.zip": "no wire text in the archive: member a.jpg: ",
    "bad/document.pdf": "PDF",
    "bad/program.elf": "executable",
    "xml/xxe_file.xml": "entities",
    "xml/billion_laughs.xml": "entities",
    "xml/external_dtd.xml": "",
    "xml/truncated.nitf.xml": "",
    "xml/deep.xml": "",
    "json/deep.json": "",
}


@dataclass
class Night:
    inbox: Path
    outside: Path
    warehouse: Path
    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]

    def query(self, sql: str, *params: object) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql, list(params)).fetchall()

    def path(self, relative: str | bytes) -> str:
        """The text form the warehouse stores for an inbox entry."""
        name = relative if isinstance(relative, bytes) else relative.encode()
        return to_text(os.fsencode(self.inbox) + b"/" + name)


def build_inbox(root: Path) -> tuple[Path, Path]:
    inbox, outside = root / "inbox", root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(story(f"Secret {MARKER} story"))
    (outside / "evil.dtd").write_text(f'<!ENTITY evil "{MARKER}">')
    shutil.copytree(WIRE, inbox / "good", ignore=shutil.ignore_patterns("bad"))
    for name, title in AWKWARD_NAMES.items():
        data = story(title)
        (inbox / "awkward").mkdir(exist_ok=True)
        bom = b"\xef\xbb\xbf" if b"bom" in name else b""
        with open(os.fsencode(inbox / "awkward") + b"/" + name, "wb") as handle:
            handle.write(bom + data)
    (inbox / "awkward" / "utf16.txt").write_bytes(
        b"\xff\xfe" + story("Sixteen bit text").decode().encode("utf-16-le")
    )
    # A package of thousands of ninjs items, all good.
    package = [
        {"uri": f"urn:example:pkg:{i}", "type": "text", "version": "1", "language": "en",
         "headline": f"Item {i}", "body_text": f"Short item number {i} of the package."}
        for i in range(PACKAGE_ITEMS)
    ]  # fmt: skip
    (inbox / "json").mkdir()
    (inbox / "json" / "package.json").write_text(json.dumps(package))
    (inbox / "json" / "deep.json").write_text("[" * 100_000 + "]" * 100_000)

    links = inbox / "links"
    links.mkdir()
    (links / "passwd.txt").symlink_to("/etc/passwd")
    (links / "outside.txt").symlink_to(outside / "secret.txt")
    (links / "outside_dir").symlink_to(outside)
    (links / "loop_a").symlink_to(links / "loop_b")
    (links / "loop_b").symlink_to(links / "loop_a")
    (links / "dangling.txt").symlink_to(links / "not_there.txt")
    (links / "inside.txt").symlink_to(inbox / "good" / "plain_text_notice.txt")
    (links / "inside_dir").symlink_to(inbox / "good")

    (inbox / "special").mkdir()
    os.mkfifo(inbox / "special" / "fifo")
    locked = inbox / "locked"
    locked.mkdir()
    (locked / "story.txt").write_bytes(story("Behind a locked door"))
    locked.chmod(0)
    hidden = inbox / ".incoming"
    hidden.mkdir()
    (hidden / "partial.txt").write_bytes(story("Not yet complete"))

    bad = inbox / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.txt").write_bytes(b"  \n\t\r\n   \n")
    (bad / "nul.txt").write_bytes(b"\x00" * 4000)
    (bad / "oversized.txt").write_bytes(story("Too big") * (MAX_FILE_BYTES // 100))
    (bad / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(500))
    (bad / "document.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (bad / "program.elf").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(200))

    build_archives(inbox / "archives")

    xml = inbox / "xml"
    xml.mkdir()
    (xml / "xxe_file.xml").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE nitf [ <!ENTITY xxe SYSTEM '
        f'"file://{outside / "secret.txt"}"> ]>\n'
        "<nitf><body><body.head><hedline><hl1>Headline</hl1></hedline></body.head>"
        "<body.content><p>&xxe;</p></body.content></body></nitf>\n"
    )
    (xml / "external_dtd.xml").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE nitf SYSTEM "file://{outside / "evil.dtd"}">\n'
        "<nitf><body><body.head><hedline><hl1>Headline</hl1></hedline></body.head>"
        "<body.content><p>Text &evil; here.</p></body.content></body></nitf>\n"
    )
    shutil.copy(WIRE / "bad" / "billion_laughs.xml", xml / "billion_laughs.xml")
    shutil.copy(WIRE / "bad" / "truncated.nitf.xml", xml / "truncated.nitf.xml")
    (xml / "deep.xml").write_text(
        '<?xml version="1.0"?>\n<nitf><body><body.content>'
        + "<p>" * 100_000
        + "text"
        + "</p>" * 100_000
        + "</body.content></body></nitf>\n"
    )
    return inbox, outside


def build_archives(archives: Path) -> None:
    """Compressed and bundled copy: read in memory, within the inbox's file limit."""
    archives.mkdir()
    (archives / "story.txt.gz").write_bytes(gzip.compress(story("Compressed")))
    (archives / "bundle.zip").write_bytes(
        zip_of(
            {
                "stories/a.txt": story("Zipped first"),
                "stories/b.nitf.xml": (WIRE / "bad" / "truncated.nitf.xml").read_bytes(),
                "stories/c.txt": story("Zipped second"),
                "__MACOSX/stories/._a.txt": b"\x00\x05\x16\x07",
            }
        )
    )
    (archives / "stories.tar.gz").write_bytes(tar_of({"a.txt": story("Tarred")}, "w:gz"))
    # 5 MB of NULs in ~5 KB: a thousandfold, refused past the first MiB.
    (archives / "bomb.gz").write_bytes(gzip.compress(bytes(5 << 20)))
    (archives / "bomb.zip").write_bytes(zip_of({"a.txt": story("Fine"), "b.txt": bytes(5 << 20)}))
    (archives / "encrypted.zip").write_bytes(encrypted_zip(zip_of({"story.txt": story("Secret")})))
    whole = gzip.compress(story("Cut off") * 50)
    (archives / "truncated.gz").write_bytes(whole[: len(whole) // 2])
    (archives / "report.docx").write_bytes(
        zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    )
    (archives / "pictures.zip").write_bytes(zip_of({"a.jpg": b"\xff\xd8\xff\xe0" + bytes(64)}))


def ingest(inbox: Path, warehouse: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "WIREHOUSE_"))}
    env.update(
        PREFECT_HOME=str(home),
        WIREHOUSE_NLP_PROCESSES="1",
        WIREHOUSE_MAX_FILE_BYTES=str(MAX_FILE_BYTES),
        WIREHOUSE_BATCH_SIZE="25",
        # Blank spaCy pipelines: this test is about input, not entities, and stays fast.
        WIREHOUSE_PIPELINES=ALL_BLANK,
    )
    return subprocess.run(
        [str(WIREHOUSE), "ingest", str(inbox), "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        errors="backslashreplace",
        env=env,
        timeout=600,
    )


@pytest.fixture(scope="module")
def night(tmp_path_factory: pytest.TempPathFactory) -> Night:
    root = tmp_path_factory.mktemp("hostile")
    inbox, outside = build_inbox(root)
    warehouse = root / "wh" / "wirehouse.duckdb"
    try:
        first = ingest(inbox, warehouse, root / "prefect")
        second = ingest(inbox, warehouse, root / "prefect")
    finally:
        (inbox / "locked").chmod(0o755)
    return Night(inbox, outside, warehouse, first, second)


def tracebacks(output: str) -> list[str]:
    return [block for block in output.split("Traceback (most recent call last):")[1:]]


@pytest.mark.slow
def test_the_night_completes_and_no_input_causes_a_traceback(night: Night) -> None:
    for result in (night.first, night.second):
        output = result.stdout + result.stderr
        assert result.returncode == 0, result.stderr
        assert "completed" in result.stdout
        for noise in ("UnicodeEncodeError", "PermissionError", "Warning", "ERROR"):
            assert noise not in output, output[-3000:]
        # Any traceback left is the Prefect temporary server's shutdown (see the next test).
        for block in tracebacks(output):
            assert "/wirehouse/" not in block and "CancelledError" in block, block


@pytest.mark.slow
def test_no_traceback_at_all(night: Night) -> None:
    for result in (night.first, night.second):
        assert "Traceback" not in result.stdout + result.stderr


def _good_status(path: Path) -> str:
    from wirehouse.model import SkippedItem
    from wirehouse.readers import read_wire

    _fmt, items = read_wire(path.read_bytes())
    return "skipped" if all(isinstance(i, SkippedItem) for i in items) else "loaded"


@pytest.mark.slow
def test_every_good_file_is_loaded(night: Night) -> None:
    status = dict(night.query("SELECT path, status FROM ingest_files"))
    good = sorted(p.relative_to(night.inbox).as_posix() for p in (night.inbox / "good").iterdir())
    # A good file is loaded, or "skipped" when it rightly holds no text item (an AP Media API
    # item whose story sits in a linked rendition).
    expected = {night.path(name): _good_status(night.inbox / name) for name in good}
    for name in AWKWARD_NAMES:
        expected[night.path(b"awkward/" + name)] = "loaded"
    expected[night.path("awkward/utf16.txt")] = "loaded"
    expected[night.path("json/package.json")] = "loaded"
    for name in ("story.txt.gz", "bundle.zip", "stories.tar.gz"):
        expected[night.path(f"archives/{name}")] = "loaded"
    assert {path: status.get(path) for path in expected} == expected
    # The link inside the inbox is read as its target, so one of the two is a duplicate.
    pair = {
        status[night.path("links/inside.txt")],
        status[night.path("good/plain_text_notice.txt")],
    }
    assert pair == {"loaded", "duplicate"}
    assert night.query(
        "SELECT count(*) FROM articles WHERE source_file = ?", night.path("json/package.json")
    ) == [(PACKAGE_ITEMS,)]
    # A bundle's good members load, its bad one is a skipped item naming the member.
    assert night.query(
        "SELECT headline, item_index FROM articles WHERE source_file = ? ORDER BY item_index",
        night.path("archives/bundle.zip"),
    ) == [("Zipped first", 1), ("Zipped second", 3)]
    skipped = night.query(
        "SELECT item_index, reason FROM skipped_items WHERE source_file = ? ORDER BY item_index",
        night.path("archives/bundle.zip"),
    )
    assert [index for index, _reason in skipped] == [0, 2]
    assert skipped[0][1].startswith("member __MACOSX/stories/._a.txt: a macOS resource fork")
    assert skipped[1][1].startswith("member stories/b.nitf.xml: not well-formed XML")
    assert night.query(
        "SELECT format FROM ingest_files WHERE path = ?", night.path("archives/stories.tar.gz")
    ) == [("gzip/tar",)]
    # The name that is not UTF-8 is stored readably and losslessly, in every table.
    latin1 = night.path(b"awkward/caf\xe9 latin1 name.txt")
    assert latin1.endswith("caf\\xe9 latin1 name.txt")
    assert night.query("SELECT headline FROM articles WHERE source_file = ?", latin1) == [
        ("Latin one name",)
    ]
    assert "caf\\xe9 latin1 name.txt" not in night.first.stdout  # loaded files are not listed
    assert night.query("SELECT bool_and(passed) FROM check_results") == [(True,)]


@pytest.mark.slow
def test_every_bad_file_is_quarantined_with_its_stage_and_problem(night: Night) -> None:
    reasons = dict(night.query("SELECT path, reason FROM quarantine"))
    for name, words in EXPECTED_QUARANTINE.items():
        reason = reasons.get(night.path(name))
        assert reason, f"{name} not quarantined"
        assert reason.startswith(("discover: ", "parse: ")), reason
        assert words.lower() in reason.lower(), (name, reason)
        assert "\n" not in reason
    locked = night.path("locked")
    if IS_ROOT:  # root enters any directory: its story loads (test_inbox covers a real user)
        assert night.path("locked/story.txt") not in reasons
    else:
        assert "cannot enter the directory" in reasons[locked]
    # Quarantined files are in the night's summary, one line each, names readable.
    assert "links/passwd.txt — discover: the symbolic link leads outside the inbox" in (
        night.first.stdout
    )
    # Nothing else is quarantined, and hidden files and inside links to directories are not seen.
    expected = {night.path(n) for n in EXPECTED_QUARANTINE} | (
        {locked} - {""} if not IS_ROOT else set()
    )
    assert set(reasons) == expected
    seen = {row[0] for row in night.query("SELECT path FROM ingest_files")}
    assert not any(".incoming" in p or "inside_dir" in p for p in seen)


@pytest.mark.slow
def test_nothing_from_outside_the_inbox_is_anywhere(night: Night) -> None:
    with duckdb.connect(str(night.warehouse), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        for table in tables:
            rows = con.execute(
                f"SELECT count(*) FROM {table} AS t WHERE t::VARCHAR LIKE ? OR t::VARCHAR LIKE ?",
                [f"%{MARKER}%", f"%{PASSWD}%"],
            ).fetchone()
            assert rows == (0,), table
        lake = sorted(str(p) for p in night.warehouse.parent.rglob("*.parquet"))
        assert lake
        for path in lake:
            hits = con.execute(
                "SELECT count(*) FROM read_parquet(?) AS t WHERE t::VARCHAR LIKE ? OR t::VARCHAR LIKE ?",
                [path, f"%{MARKER}%", f"%{PASSWD}%"],
            ).fetchone()
            assert hits == (0,), path
    assert MARKER not in night.first.stdout + night.first.stderr


@pytest.mark.slow
def test_a_rerun_loads_nothing_twice(night: Night) -> None:
    runs = night.query("SELECT articles_loaded, files_loaded FROM ingest_runs ORDER BY started_at")
    assert len(runs) == 2
    assert runs[1] == (0, 0)
    assert night.query("SELECT count(*) - count(DISTINCT article_id) FROM articles") == [(0,)]
    assert "0 loaded" in night.second.stdout


def test_parse_refuses_what_is_not_a_regular_file_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    good = tmp_path / "notice.txt"
    shutil.copy(WIRE / "plain_text_notice.txt", good)
    latin1 = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(latin1, "wb") as handle:
        handle.write(story("Latin one name"))
    args = [fifo, tmp_path, Path("/dev/null"), good, latin1]
    result = subprocess.run(
        [os.fsencode(WIREHOUSE), b"parse", *(os.fsencode(a) for a in args)],
        capture_output=True,
        text=True,
        timeout=120,  # a FIFO that is opened blocking would hang here
    )
    assert result.returncode == 1
    assert f"{fifo}: quarantine: not a regular file: it is a named pipe (FIFO)" in result.stderr
    assert f"{tmp_path}: quarantine: not a regular file: it is a directory" in result.stderr
    assert "/dev/null: quarantine: not a regular file: it is a character device" in result.stderr
    assert "Press notice: harbour ferry timetable changes" in result.stdout
    assert f"{tmp_path}/caf\\xe9.txt #0" in result.stdout
    assert "Traceback" not in result.stderr
