"""What enrichment takes in and gives back: plain data that travels between processes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ArticleText:
    article_id: str
    lang: str
    headline: str | None
    body: str
    dateline_places: list[str]

    def to_tuple(self) -> tuple[str, str, str | None, str, tuple[str, ...]]:
        return (self.article_id, self.lang, self.headline, self.body, tuple(self.dateline_places))

    @classmethod
    def from_tuple(cls, row: Sequence[Any]) -> ArticleText:
        return cls(row[0], row[1], row[2], row[3], list(row[4]))

    @property
    def chars(self) -> int:
        return len(self.body or "") + len(self.headline or "")


@dataclass
class Enrichment:
    sentences: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    keywords: list[dict[str, Any]] = field(default_factory=list)
    pipelines: dict[str, tuple[str, str]] = field(default_factory=dict)
    # MinHash per article (wirehouse.clusters), computed here where the texts already are.
    article_signatures: list[dict[str, Any]] = field(default_factory=list)
    # Articles that could not be enriched: article id → reason naming the stage. They have
    # no rows above and no pipeline; the caller quarantines them.
    failures: dict[str, str] = field(default_factory=dict)

    def extend(self, other: Enrichment) -> None:
        self.sentences.extend(other.sentences)
        self.entities.extend(other.entities)
        self.quotes.extend(other.quotes)
        self.keywords.extend(other.keywords)
        self.pipelines.update(other.pipelines)
        self.article_signatures.extend(other.article_signatures)
        self.failures.update(other.failures)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "entities": self.entities,
            "quotes": self.quotes,
            "keywords": self.keywords,
            "pipelines": self.pipelines,
            "article_signatures": self.article_signatures,
            "failures": self.failures,
        }

    @classmethod
    def from_dict(cls, part: dict[str, Any]) -> Enrichment:
        return cls(
            sentences=part["sentences"],
            entities=part["entities"],
            quotes=part["quotes"],
            keywords=part["keywords"],
            pipelines={k: (v[0], v[1]) for k, v in part["pipelines"].items()},
            article_signatures=part.get("article_signatures", []),
            failures=dict(part.get("failures", {})),
        )
