"""The one article model every reader produces and every later step consumes.

Grain: one `Article` is one version of one story as delivered by an agency. Readers fill the
fields the format carries and leave the rest empty; identity (`story_id`, `article_id`) and
what an analyst relies on (one agency spelling, one story date, one publication status) are
derived here, in one place, so every format gets the same rules.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from wirehouse.agencies import AgencyEvidence, infer_agency
from wirehouse.story_dates import choose_story_date


class WireParseError(ValueError):
    """A wire file (or one item in it) cannot be read. The message is meant for a person."""


@dataclass(slots=True)
class Subject:
    code: str
    name: str | None = None


@dataclass(slots=True)
class Article:
    """One story version, as read from a wire file (no NLP yet)."""

    format: str
    body: str
    headline: str | None = None
    guid: str | None = None
    version: int | None = None
    urgency: int | None = None
    priority: int | None = None
    slugline: str | None = None
    abstract: str | None = None
    byline: str | None = None
    dateline_places: list[str] = field(default_factory=list)
    agency: str | None = None
    dateline_date: str | None = None
    body_markup: str | None = None
    lang_declared: str | None = None
    keywords: list[str] = field(default_factory=list)
    subjects: list[Subject] = field(default_factory=list)
    first_created: datetime | None = None
    version_created: datetime | None = None
    # When the provider sent the message (NewsML-G2 `header/sent`, NewsML 1.2 `DateAndTime`).
    sent: datetime | None = None
    embargo_until: datetime | None = None
    pubstatus: str | None = None
    ednote: str | None = None
    copyright: str | None = None
    take_key: str | None = None
    desk_codes: list[str] = field(default_factory=list)

    @property
    def word_count(self) -> int:
        return count_words(self.body)

    @property
    def story_id(self) -> str:
        """The agency's id when the format has one, otherwise a fingerprint of the content.

        The fingerprint deliberately ignores the body's tail so that a corrected re-send of an
        id-less story (a fixed typo) replaces the earlier version instead of duplicating it.
        """
        if self.guid:
            return self.guid
        basis = "\x1f".join(
            [
                self.format,
                self.agency or "",
                _fingerprint_text(self.headline or ""),
                _fingerprint_text(self.body)[:200],
            ]
        )
        return "wh:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]

    @property
    def article_id(self) -> str:
        """Stable id of this story version: same story and version, same id, on every run."""
        return _version_id(self.story_id, self.version)

    def to_record(self) -> dict[str, Any]:
        """The columns readers fill (as they filled them), with identity and word count."""
        record: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        record["subjects"] = [{"code": s.code, "name": s.name} for s in self.subjects]
        # Each derived once: an id-less story's id hashes its normalised text, and counting
        # words runs a regular expression over the whole body.
        story_id = self.story_id
        record["story_id"] = story_id
        record["article_id"] = _version_id(story_id, self.version)
        record["word_count"] = self.word_count
        return record

    def to_row(self, ingested_at: datetime) -> dict[str, Any]:
        """The parse-level columns of the `articles` table: `to_record` with what analysts
        rely on derived from it. `agency` and `pubstatus` become the normalised values; what
        the file said stays in `agency_raw` and `pubstatus_raw`."""
        record = self.to_record()
        story_date, story_date_source = choose_story_date(
            first_created=self.first_created,
            version_created=self.version_created,
            sent=self.sent,
            dateline_date=self.dateline_date,
            ingested_at=ingested_at,
        )
        record.update(
            agency=infer_agency(
                AgencyEvidence(
                    agency=self.agency,
                    copyright=self.copyright,
                    guid=self.guid,
                    headline=self.headline,
                    body=self.body,
                    byline=self.byline,
                )
            ),
            agency_raw=self.agency,
            pubstatus=normalise_pubstatus(self.pubstatus, self.take_key, self.headline),
            pubstatus_raw=self.pubstatus,
            story_date=story_date,
            story_date_source=story_date_source,
            # No body text: a headline-only flash or an item whose text did not come through.
            is_empty=record["word_count"] == 0,
        )
        return record


@dataclass(slots=True)
class SkippedItem:
    """An item in a wire file that is deliberately not an article (a picture, a package shell)."""

    reason: str
    guid: str | None = None
    item_type: str | None = None


# Publication status, one vocabulary for every format: G2 `stat:canceled`, NewsML 1.2
# `Canceled`, ninjs `withheld`, ANPA's `KILL` take, a NITF `embargoed`. `canceled` and
# `withdrawn` take a story out of `articles_current`.
PUBSTATUS_VALUES = ("usable", "withheld", "canceled", "withdrawn")
_PUBSTATUS_WORDS = {
    "usable": "usable",
    "embargoed": "withheld",
    "withheld": "withheld",
    "hold": "withheld",
    "canceled": "canceled",
    "cancelled": "canceled",
    "cancel": "canceled",
    "killed": "canceled",
    "kill": "canceled",
    "deleted": "canceled",
    "elimination": "canceled",
    "löschung": "canceled",
    "withdrawn": "withdrawn",
    "withdrawal": "withdrawn",
    "withdraw": "withdrawn",
}
# A kill announced in the take key (`KILL`, `WITHDRAWAL`) or the headline (`KILL: …`).
_KILL_TAKE = re.compile(r"\b(kill|killed|withdrawn|withdrawal|elimination|löschung)\b", re.I)
_KILL_HEADLINE = re.compile(
    r"^\s*(?:URGENT\s+)?(KILL|KILLED|WITHDRAWAL|WITHDRAWN|ELIMINATION|LÖSCHUNG|Kill|Withdrawal)"
    r"\s*[:!\-–]"
)


def normalise_pubstatus(
    raw: str | None, take_key: str | None = None, headline: str | None = None
) -> str:
    """One of `PUBSTATUS_VALUES`: the status word (`stat:canceled`, `Withdrawn`), else a kill
    announced in the take key or headline, else `usable`."""
    word = (raw or "").strip().lower().rsplit(":", 1)[-1].rsplit("/", 1)[-1]
    status = _PUBSTATUS_WORDS.get(word, "usable")
    if status != "usable":
        return status
    notice = _KILL_TAKE.search(take_key or "") or _KILL_HEADLINE.match(headline or "")
    if notice:
        return _PUBSTATUS_WORDS[notice.group(1).lower()]
    return status


_WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)
_SPACE = re.compile(r"\s+")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _version_id(story_id: str, version: int | None) -> str:
    basis = f"{story_id}\x1f{version if version is not None else 1}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:20]


def _fingerprint_text(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SPACE.sub(" ", folded).strip()
