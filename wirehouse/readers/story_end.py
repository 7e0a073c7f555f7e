"""What closes a story without being its text: a credit line, an agency's sign-off.

```
… the ministry said on Tuesday.
(Reporting by Jane Doe in Paris; Additional reporting by Ali Roe; Editing by John Smith)
```
Reuters credits who reported, wrote and edited the story in brackets under its last paragraph
(or at the end of it). It names the people dpa's desk codes (`kre/su`) name in initials, so each
part goes to `desk_codes` as sent (`Reporting by Jane Doe in Paris`, `Editing by John Smith`);
the reporters and writers, without their cities, become the byline when the story has none.
Additional reporters and editors are no byline: they did not write the story. The reporter's
contact Reuters sets under the credit for editors (`((jane.doe@thomsonreuters.com; +44 …))`) is
dropped, as digitalwires' contacts are: no text, and nothing an analyst needs.

EFE signs its copy with its name after the last sentence (`… dijo el ministro. EFE`, `(EFE)`,
`EFE/` or `EFE` alone on the last line), ANSA with `(ANSA).` (`(ANSA-AFP).`), NTB with `(©NTB)`,
Xinhua with `Enditem`: the agency is known already, the mark is not text and leaves the body.
A sentence that ends in the name (`…, informó la agencia EFE.`) ends in a full stop and is text.

dpa closes every story with its notebook and closing line, whatever format carries it (IPTC
7901 frames them; AP's APPL and other XML pass them on as the body's last paragraphs):
```
#Notizblock                        the notebook: notes to editors …
##Redaktionelle Hinweise
-Die Veranstaltung läuft noch. …   … published as `ednote`, up to
Die folgenden Informationen sind nicht zur Veröffentlichung bestimmt
##Kontakte …                       … this line; the rest (contacts) is dropped
dpa ca yybb n1 bok                 closing line: the agency, then desk and editor codes
```
Only a paragraph that is the marker alone opens a notebook (`Notebook prices fell` is text),
and only a line of short lower-case codes after a known agency's name is a closing line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wirehouse.agencies import known_agency

_ROLE = (
    r"(?:(?:additional|further|other)\s+)?(?:reporting|writing|editing|compiled|compiling"
    r"|reported|written|edited|research|reporting\s+and\s+writing|writing\s+and\s+reporting"
    r"|graphics?|fact\s*box|text)"
)
# The whole credit, bracketed: every `;`-part is `<role> by <names>`, the first a known role.
_CREDIT = re.compile(
    rf"(?:^|(?<=[.!?\"'”’)\]])\s+)\((?P<credit>{_ROLE}\s+by\s+[^()]{{2,400}})\)\s*$",
    re.IGNORECASE,
)
# The same credit written as the whole last paragraph without brackets.
_BARE_CREDIT = re.compile(rf"^(?P<credit>{_ROLE}\s+by\s+[^()]{{2,400}})$", re.IGNORECASE)
_PART_SPLIT = re.compile(rf";\s*|,\s*(?={_ROLE}\s+by\b)", re.IGNORECASE)
_PART = re.compile(rf"^(?P<role>{_ROLE})\s+by\s+(?P<names>\S.*)$", re.IGNORECASE)
_WRITERS = re.compile(
    r"^(?:reporting|writing|compiled|compiling|reported|written|reporting\s+and\s+writing"
    r"|writing\s+and\s+reporting)$",
    re.IGNORECASE,
)
# Words between capitalised names in a credit: joiners, places' `in`, name particles.
_NAME_JOINERS = frozenset(
    {"and", "&", "in", "y", "e", "de", "da", "das", "dos", "del", "della", "di", "du", "van"}
    | {"von", "der", "den", "ten", "la", "le", "al", "el", "bin", "ibn"}
)
_NAME_SPLIT = re.compile(r",\s*|\s+(?:and|&)\s+")
# `Jane Doe in Paris`, `Jane Doe and John Roe in Berlin`: the city is where, not who.
_IN_PLACE = re.compile(r"\s+in\s+\S.*$")

# Sign-offs after the last sentence. The mark follows a sentence's end (or a figure, in a
# table of rates) or stands alone; initials after a slash are the desk's (`EFE/gr`).
_SIGN_OFF_MARKS = (
    r"\(?EFE\)?(?:\s*/\s*(?P<efe_codes>[a-z]{1,5}(?:/[a-z]{1,5})*))?/?"
    r"|\(ANSA(?:-[A-Z]{2,10})?\)\.?"
    r"|\(©\s?NTB\)|©\s?NTB"
    r"|Enditem"
)
_SIGN_OFF = re.compile(rf"(?:^|(?<=[.!?…\"'”’»)\]\d%])\s+)(?P<mark>{_SIGN_OFF_MARKS})\s*$")
# `((jane.doe@thomsonreuters.com; +44 20 7542 0000; Reuters Messaging: …))`
_CONTACT = re.compile(r"^\(\((?=[^()]*(?:@|Reuters Messaging))[^()]{3,400}\)\)$")
_AGENCY_OF_MARK = (("EFE", "EFE"), ("ANSA", "ANSA"), ("NTB", "NTB"), ("Enditem", "Xinhua"))

# `#Notizblock`, `## Notizblock`, `dpa-Notizblock`, `Notebook:`: the marker alone.
_NOTEBOOK = re.compile(r"^#*\s*(?:dpa-)?(?:Notizblock|Notebook)\s*:?$", re.IGNORECASE)
_NOT_PUBLIC = re.compile(r"not (?:intended )?for publication|nicht zur veröffentlichung", re.I)
# `dpa ca yybb n1 bok`, `dpa kre/su yysw a3`: the agency (checked apart), then short codes.
_CLOSING_LINE = re.compile(
    r"^(?P<agency>[a-z][a-z-]{1,12})"
    r"(?P<codes>(?:[ \t]+[a-z0-9äöüß]{1,6}(?:/[a-z0-9äöüß]{1,6})*){1,10})$"
)


# A press release's end mark: `- ENDS -`, `###`, `-30-`, `– Ende –`. What follows is for
# editors (`Notes to editors`, `About Example Corp`, contacts), not the release.
_END_MARK = re.compile(
    r"^[ \t]*(?:(?:[-–—*]+[ \t]*)?(?:ENDS?|Ends|ENDE|Ende)(?:[ \t]*[-–—*]+)?"
    r"|[-–—][ \t]?30[ \t]?[-–—]|#[ \t]?#[ \t]?#)[ \t]*$"
)


# Business Wire and PR Newswire close with a link to the release, then contacts, keywords,
# source and times (`View source version on businesswire.com: …`, `View original content: …`).
_WIRE_TRAILER = re.compile(
    r"^[ \t]*View (?:source version on businesswire\.com|original content"
    r"(?: to download multimedia)?)[ \t]*:",
    re.IGNORECASE,
)
# Notices a release wire sets among the paragraphs: a pointer to the multimedia release and the
# captions of its pictures (`Hatchimals toy (Photo: Business Wire)`).
_WIRE_NOTICE = re.compile(
    r"^[ \t]*This press release features multimedia\. View the full release here:"
    r"|\((?:Photo|Graphic|Video|Image): [^()]{2,40}\)[ \t]*$",
    re.IGNORECASE,
)


def drop_wire_notices(paragraphs: list[str]) -> None:
    """Drop a release wire's multimedia notice and picture captions (in place)."""
    paragraphs[:] = [p for p in paragraphs if not (_WIRE_NOTICE.search(p) and len(p.split()) <= 30)]


def take_after_end_mark(paragraphs: list[str]) -> list[str]:
    """Cut a press release's end mark and what follows it (in place); return what followed
    (notes to editors), or nothing after a release wire's trailer.

    The mark counts after two paragraphs of text at least: a story does not end sooner.
    """
    texts = 0
    for index, paragraph in enumerate(paragraphs):
        trailer = _WIRE_TRAILER.match(paragraph)
        if texts >= 2 and (trailer or _END_MARK.match(paragraph)):
            after = [p.strip() for p in paragraphs[index + 1 :] if any(c.isalnum() for c in p)]
            del paragraphs[index:]
            return [] if trailer else after  # a wire's trailer: contacts, keywords, times
        texts += any(c.isalpha() for c in paragraph)
    return []


@dataclass(slots=True)
class Notebook:
    """What `take_notebook` cut off the end of a body."""

    notes: str | None = None
    agency: str | None = None
    desk_codes: list[str] = field(default_factory=list)


def take_notebook(paragraphs: list[str]) -> Notebook:
    """Cut dpa's closing line and notebook off the end of `paragraphs` (in place)."""
    found = Notebook()
    closing = _CLOSING_LINE.match(paragraphs[-1].strip()) if paragraphs else None
    if closing and known_agency(closing.group("agency")):
        found.agency = known_agency(closing.group("agency"))
        found.desk_codes = closing.group("codes").split()
        paragraphs.pop()
    start = next((i for i, p in enumerate(paragraphs) if _NOTEBOOK.match(p.strip())), None)
    if start is None:
        return found
    public: list[str] = []
    for paragraph in paragraphs[start + 1 :]:
        if _NOT_PUBLIC.search(paragraph):
            break
        public.append(paragraph.strip())
    found.notes = "\n".join(public) or None
    del paragraphs[start:]
    return found


@dataclass(slots=True)
class StoryEnd:
    """What `take_story_end` cut off the last paragraph."""

    credits: list[str] = field(default_factory=list)
    reporters: str | None = None
    agency: str | None = None
    desk_codes: list[str] = field(default_factory=list)


def take_story_end(paragraphs: list[str]) -> StoryEnd:
    """Cut a credit line and an agency sign-off off the end of `paragraphs` (in place)."""
    end = StoryEnd()
    if paragraphs and _CONTACT.match(" ".join(paragraphs[-1].split())):
        paragraphs.pop()
    for _ in range(2):  # `… dijo. EFE` under a credit line, or the other way round
        if not paragraphs:
            break
        if not (_take_sign_off(paragraphs, end) or _take_credit(paragraphs, end)):
            break
    return end


def _take_sign_off(paragraphs: list[str], end: StoryEnd) -> bool:
    last = paragraphs[-1].rstrip()
    match = _SIGN_OFF.search(last)
    if match is None or end.agency is not None:
        return False
    mark = match.group("mark")
    end.agency = next(agency for key, agency in _AGENCY_OF_MARK if key in mark)
    if match.group("efe_codes"):
        end.desk_codes.extend(match.group("efe_codes").split("/"))
    _replace_last(paragraphs, last[: match.start()])
    return True


def _take_credit(paragraphs: list[str], end: StoryEnd) -> bool:
    last = paragraphs[-1].rstrip()
    match = _CREDIT.search(last) or _BARE_CREDIT.match(last)
    if match is None or end.credits:
        return False
    credit = " ".join(match.group("credit").split())
    parts = [p.strip(" .") for p in _PART_SPLIT.split(credit) if p.strip(" .")]
    found = [_PART.match(p) for p in parts]
    if not all(part and _are_names(part["names"]) for part in found):
        return False  # `(Reporting by the BBC was criticised)`: prose in brackets, no credit
    end.credits = parts
    names: list[str] = []
    for part in found:
        assert part is not None
        if _WRITERS.match(" ".join(part.group("role").split())):
            names += [_IN_PLACE.sub("", n).strip() for n in _NAME_SPLIT.split(part["names"])]
    names = list(dict.fromkeys(n for n in names if n))
    end.reporters = _join_names(names)
    _replace_last(paragraphs, last[: match.start()])
    return True


def _are_names(text: str) -> bool:
    """`Jane Doe and Li Wei in Beijing`, `Gareth van der Berg`: capitalised words, joiners."""
    words = text.replace(",", " ").split()
    return 0 < len(words) <= 30 and all(
        w[:1].isupper() or w.lower() in _NAME_JOINERS for w in words
    )


def _join_names(names: list[str]) -> str | None:
    if len(names) <= 2:
        return " and ".join(names) or None
    return ", ".join(names[:-1]) + " and " + names[-1]


def _replace_last(paragraphs: list[str], rest: str) -> None:
    if rest.strip():
        paragraphs[-1] = rest.rstrip()
    else:
        paragraphs.pop()
