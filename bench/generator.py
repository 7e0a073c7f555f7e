"""A synthetic, deterministic wire inbox: invented stories in five languages, in every format
that has a reader (`wirehouse.readers.READERS`), 200–800 words each.

    python -m bench.generator DIR [--files N] [--seed S]

The same seed and count always give the same bytes: each file draws from its own
`random.Random(f"{seed}:{index}")`, so file 17 does not depend on how many files come before.
"""

from __future__ import annotations

import argparse
import json
import random
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from bench.lexicon import LANGUAGE_WEIGHTS, LEXICONS, Lexicon
from wirehouse.readers import READERS

MIN_WORDS, MAX_WORDS = 200, 800
BASE_TIME = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
_MIDDLES = ("", "", "", "", "an", "el", "or", "is", "un", "ad", "ev", "ol", "am", "ir")


@dataclass(frozen=True)
class Story:
    index: int
    seed: int
    lang: str
    headline: str
    city: str
    byline: str
    paragraphs: list[str]  # the first one without its dateline
    sent_at: datetime

    @property
    def guid(self) -> str:
        return f"urn:newsml:bench.example:{self.sent_at:%Y%m%d}:s{self.seed}-{self.index:06d}"

    @property
    def slug(self) -> str:
        return f"bench-{self.lang}-{self.index:06d}"

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


class _Filler:
    """Fills one story's template slots, keeping its cast of people consistent."""

    def __init__(self, lex: Lexicon, rng: random.Random) -> None:
        self.lex, self.rng = lex, rng
        self.people: list[tuple[str, str]] = []

    def surname(self) -> str:
        a, b = self.lex.surname_parts
        return self.rng.choice(a) + self.rng.choice(_MIDDLES) + self.rng.choice(b)

    def person(self) -> str:
        if len(self.people) < 4 and (not self.people or self.rng.random() < 0.5):
            self.people.append((self.rng.choice(self.lex.first_names), self.surname()))
        first, last = self.rng.choice(self.people)
        return f"{first} {last}"

    def known_surname(self) -> str:
        return self.person().split(" ", 1)[1]

    def city(self) -> str:
        if self.rng.random() < 0.3:
            a, b = self.lex.town_parts
            return self.rng.choice(a) + self.rng.choice(b)
        return self.rng.choice(self.lex.cities)

    def noun(self) -> str:
        a, b = self.lex.noun_parts
        head, tail = self.rng.choice(a), self.rng.choice(b)
        return (head + tail) if self.lex.compound else f"{head} {tail}"

    def fill(self, template: str) -> str:
        rng, lex = self.rng, self.lex
        values: dict[str, Callable[[], str]] = {
            "per": self.person,
            "sur": self.known_surname,
            "city": self.city,
            "city2": self.city,
            "org": lambda: f"{rng.choice(lex.org_heads)} {rng.choice(lex.org_tails)}",
            "noun": self.noun,
            "noun2": self.noun,
            "adj": lambda: rng.choice(lex.adjectives),
            "num": lambda: str(rng.choice((rng.randint(2, 99), rng.randint(100, 9999)))),
            "pct": lambda: (
                f"{rng.randint(1, 40)}{',' if lex.lang != 'en' else '.'}{rng.randint(0, 9)}"
            ),
            "day": lambda: rng.choice(lex.days),
            "year": lambda: str(rng.randint(2027, 2035)),
        }
        return template.format_map({k: f() for k, f in values.items() if "{" + k + "}" in template})


def make_story(index: int, seed: int) -> Story:
    rng = random.Random(f"{seed}:{index}")
    lang = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
    lex = LEXICONS[lang]
    filler = _Filler(lex, rng)
    # Headroom at both ends: a paragraph adds up to ~50 words, the dateline a few more.
    target = rng.randint(MIN_WORDS + 60, MAX_WORDS - 80)
    paragraphs: list[str] = []
    words = 0
    while words < target:
        if paragraphs and rng.random() < 0.22:
            quote = filler.fill(rng.choice(lex.quotes))
            text = f"{lex.open_quote}{quote}{lex.close_quote}, {lex.said} {filler.known_surname()}."
        else:
            count = rng.randint(1, 3)
            text = " ".join(filler.fill(rng.choice(lex.sentences)) for _ in range(count))
        paragraphs.append(text)
        words += len(text.split())
    return Story(
        index=index,
        seed=seed,
        lang=lang,
        headline=filler.fill(rng.choice(lex.headlines)),
        city=rng.choice(lex.cities),
        byline=filler.person(),
        paragraphs=paragraphs,
        sent_at=BASE_TIME + timedelta(seconds=7 * index),
    )


# ---------------------------------------------------------------------------------------------
# One writer per wire format: Story → bytes, shaped like what agencies send.


def _legacy_bytes(text: str) -> bytes:
    # Old line formats still arrive in Windows-1252 from many gateways; keep UTF-8 when a
    # character does not fit, as those gateways do.
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError:
        return text.encode("utf-8")


def dpa_afx(s: Story) -> bytes:
    first = f"{s.city} (dpa-AFX) - {s.paragraphs[0]}"
    body = "\n\n".join([first, *s.paragraphs[1:]])
    return f"{s.headline}\n\n{body}/bch/{s.lang}\n".encode()


def plain_text(s: Story) -> bytes:
    return ("\n\n".join([s.headline, *s.paragraphs]) + "\n").encode()


def iptc7901(s: Story) -> bytes:
    paragraphs = [f"{s.city} (dpa) - {s.paragraphs[0]}", *s.paragraphs[1:]]
    wrapped = [
        textwrap.fill(p, width=69, initial_indent="   ", break_on_hyphens=False) for p in paragraphs
    ]
    n = s.index % 10000
    lines = [
        f"\x01bdt{n:04d} 4 i {s.words}  dpa {n % 1000:04d}",
        "",
        f"{s.lang}-bench/{s.slug}/",
        f"\x02{s.headline} =",
        f"By {s.byline} =",
        "",
        "\n\n".join(wrapped),
        "",
        "dpa bch nx",
        "",
        f"\x03{s.sent_at:%d%H%M} GMT {s.sent_at:%b %d}",
        "\x7f",
        "\x7f\x04",
    ]
    return _legacy_bytes("\r\n".join("\n".join(lines).split("\n")))


def anpa1312(s: Story) -> bytes:
    slug = f"Bench-{s.lang.upper()}-{s.index:06d}"
    n = s.index % 10000
    first = f"{s.city.upper()} (dpa) _ {s.paragraphs[0]}"
    body = "".join(f"\t   {p} \n \n" for p in [first, *s.paragraphs[1:]])
    text = (
        f"\x16\x16\x01a{n:04d}\x1fdpa{s.lang}\n"
        f"r i\x13\x11 {'BC-' + slug:<24} {s.sent_at:%m-%d} {s.words:04d}\n"
        f"\x02\x02BC-{slug},{s.words}<\n"
        f"^{s.headline}<\n"
        f"^By {s.byline}=\n"
        "^dpa=\n"
        f"{body}\n"
        f"\t   \x03dpa-{s.lang.upper()}-{s.sent_at:%m-%d-%y %H%M}GMT<\n\n\x0c\n\x04"
    )
    return _legacy_bytes(text)


def _xml_paragraphs(s: Story, *, dateline: bool) -> str:
    paragraphs = [f"{s.city} (dpa) - {s.paragraphs[0]}" if dateline else s.paragraphs[0]]
    return "\n".join(f"<p>{escape(p)}</p>" for p in [*paragraphs, *s.paragraphs[1:]])


def nitf(s: Story) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<nitf version="-//IPTC//DTD NITF 3.5//EN">
  <head>
    <title>{escape(s.headline)}</title>
    <docdata management-status="usable">
      <doc-id regsrc="dpa" id-string={quoteattr(s.guid)}/>
      <urgency ed-urg="4"/>
      <date.issue norm="{s.sent_at:%Y%m%dT%H%M%SZ}"/>
      <du-key key={quoteattr(s.slug)} version="1"/>
    </docdata>
  </head>
  <body>
    <body.head>
      <hedline><hl1>{escape(s.headline)}</hl1></hedline>
      <byline>By {escape(s.byline)}</byline>
      <dateline><location><city>{escape(s.city)}</city></location></dateline>
    </body.head>
    <body.content>
{_xml_paragraphs(s, dateline=True)}
    </body.content>
  </body>
</nitf>
""".encode()


def newsml12(s: Story) -> bytes:
    item_id = f"s{s.seed}-{s.index:06d}"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<NewsML Version="1.2">
<NewsEnvelope>
<DateAndTime>{s.sent_at:%Y%m%dT%H%M%SZ}</DateAndTime>
</NewsEnvelope>
<NewsItem xml:lang="{s.lang}">
<Identification>
<NewsIdentifier>
<ProviderId>bench.example</ProviderId>
<DateId>{s.sent_at:%Y%m%d}</DateId>
<NewsItemId>{item_id}</NewsItemId>
<RevisionId PreviousRevision="0" Update="N">1</RevisionId>
<PublicIdentifier>urn:newsml:bench.example:{s.sent_at:%Y%m%d}:{item_id}:1</PublicIdentifier>
</NewsIdentifier>
</Identification>
<NewsManagement>
<NewsItemType FormalName="News"/>
<FirstCreated>{s.sent_at:%Y%m%dT%H%M%S+0000}</FirstCreated>
<ThisRevisionCreated>{s.sent_at:%Y%m%dT%H%M%S+0000}</ThisRevisionCreated>
<Status FormalName="Usable"/>
</NewsManagement>
<NewsComponent>
<NewsLines>
<HeadLine>{escape(s.headline)}</HeadLine>
<ByLine>By {escape(s.byline)}</ByLine>
<DateLine>{escape(s.city)} (dpa) -</DateLine>
<SlugLine>{s.slug}</SlugLine>
</NewsLines>
<DescriptiveMetadata><Language FormalName="{s.lang}"/></DescriptiveMetadata>
<ContentItem>
<MediaType FormalName="Text"/>
<Format FormalName="NITF3.1"/>
<DataContent>
<nitf><body><body.content>
{_xml_paragraphs(s, dateline=False)}
</body.content></body></nitf>
</DataContent>
</ContentItem>
</NewsComponent>
</NewsItem>
</NewsML>
""".encode()


def newsml_g2(s: Story) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid={quoteattr(s.guid)} version="1" standard="NewsML-G2" standardversion="2.29" conformance="power" xml:lang="{s.lang}">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:dpa"/>
    <versionCreated>{s.sent_at:%Y-%m-%dT%H:%M:%SZ}</versionCreated>
    <pubStatus qcode="stat:usable"/>
  </itemMeta>
  <contentMeta>
    <located><name>{escape(s.city)}</name></located>
    <slugline>{s.slug}</slugline>
    <headline>{escape(s.headline)}</headline>
    <by>By {escape(s.byline)}</by>
    <language tag="{s.lang}"/>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/xhtml+xml">
      <html xmlns="http://www.w3.org/1999/xhtml"><head><title>{escape(s.headline)}</title></head><body>
{_xml_paragraphs(s, dateline=True)}
      </body></html>
    </inlineXML>
  </contentSet>
</newsItem>
""".encode()  # noqa: E501


def ninjs(s: Story) -> bytes:
    html = "".join(f"<p>{escape(p)}</p>" for p in s.paragraphs)
    item = {
        "uri": s.guid,
        "standard": {"name": "ninjs", "version": "2.1"},
        "type": "text",
        "version": "1",
        "versioncreated": f"{s.sent_at:%Y-%m-%dT%H:%M:%SZ}",
        "pubstatus": "usable",
        "language": s.lang,
        "headlines": [{"role": "main", "value": s.headline}],
        "byline": s.byline,
        "located": s.city,
        "slugline": s.slug,
        "bodies": [{"role": "main", "contenttype": "text/html", "value": html}],
    }
    return (json.dumps(item, ensure_ascii=False, indent=2) + "\n").encode()


# Format → (writer, file extension, share of the night).
WRITERS: dict[str, tuple[Callable[[Story], bytes], str, int]] = {
    "dpa_afx": (dpa_afx, "txt", 24),
    "iptc7901": (iptc7901, "txt", 14),
    "anpa1312": (anpa1312, "txt", 8),
    "nitf": (nitf, "xml", 12),
    "newsml12": (newsml12, "xml", 8),
    "newsml_g2": (newsml_g2, "xml", 16),
    "ninjs": (ninjs, "json", 12),
    "plain_text": (plain_text, "txt", 6),
}


def available_formats() -> list[str]:
    """The formats we can write that the pipeline can also read, right now."""
    return [fmt for fmt in WRITERS if fmt in READERS]


def wire_file(index: int, seed: int, formats: list[str] | None = None) -> tuple[str, bytes]:
    """File name and bytes of file `index`: its story in a format drawn by the shares."""
    formats = formats or available_formats()
    story = make_story(index, seed)
    rng = random.Random(f"{seed}:{index}:format")
    fmt = rng.choices(formats, weights=[WRITERS[f][2] for f in formats])[0]
    writer, ext, _ = WRITERS[fmt]
    return f"{index:06d}_{story.lang}_{fmt}.{ext}", writer(story)


def generate(directory: Path, files: int, seed: int = 20261125) -> list[Path]:
    """Write `files` wire files into `directory` (created; existing files are overwritten)."""
    directory.mkdir(parents=True, exist_ok=True)
    formats = available_formats()
    paths = []
    for index in range(files):
        name, data = wire_file(index, seed, formats)
        path = directory / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20261125)
    args = parser.parse_args()
    paths = generate(args.directory, args.files, args.seed)
    print(f"wrote {len(paths)} wire files to {args.directory}")


if __name__ == "__main__":
    main()
