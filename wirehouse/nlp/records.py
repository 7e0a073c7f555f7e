"""Doc → plain records for the SENTENCES, ENTITIES, QUOTES and KEYWORDS tables.

Pure functions: no I/O, no model loading. `article_records` is the one entry point the
enrichment step calls per article; it composes the builders in `sentences`, `entities`
(with `names`), `quotes` and `keywords`, which are public so they can be tested on
hand-built Docs.

Offsets: every `start_char`/`end_char` indexes into the string the Doc was built from (the
article's `headline` or `body`, named by `part`), so `source[start_char:end_char] == text`.
Dateline entities are the exception, see `entity_rows.dateline_entities`.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from typing import Any, NamedTuple

from spacy.tokens import Doc

from wirehouse.nlp.entities import collect_mentions
from wirehouse.nlp.entity_rows import entity_records
from wirehouse.nlp.gazetteer_places import gazetteer_mentions
from wirehouse.nlp.keywords import keyword_records
from wirehouse.nlp.quotes import quote_records
from wirehouse.nlp.sentences import sentence_records
from wirehouse.nlp.tokens import token_table
from wirehouse.places import finds_gazetteer_places


class ArticleRecords(NamedTuple):
    """The rows of one article for the four enrichment tables."""

    sentences: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    keywords: list[dict[str, Any]]


def article_records(
    article_id: str,
    lang: str,
    headline: Doc | None,
    body: Doc,
    dateline_places: Sequence[str] = (),
    *,
    keywords_per_article: int = 10,
    has_ner: bool = True,
    lexicon: AbstractSet[str] | None = None,
) -> ArticleRecords:
    """All enrichment rows of one article (without the lineage columns the caller adds)."""
    parts: list[tuple[str, Doc]] = []
    if headline is not None and token_table(headline).text.strip():
        parts.append(("headline", headline))
    parts.append(("body", body))
    base_lang = lang.split("-")[0].lower()
    sentences: list[dict[str, Any]] = []
    for name, doc in parts:
        sentences.extend(sentence_records(doc, article_id, name))
    if has_ner:
        mentions = collect_mentions(parts, lexicon=lexicon, lang=base_lang)
    elif finds_gazetteer_places(base_lang):
        # No entity model: the places of the gazetteer are the story's only entities.
        mentions = gazetteer_mentions(parts, base_lang, dateline_places)
    else:
        mentions = []
    entities = entity_records(article_id, mentions, dateline_places)
    quotes: list[dict[str, Any]] = []
    for name, doc in parts:
        part_mentions = [m for m in mentions if m.part == name]
        quotes.extend(
            quote_records(
                doc,
                article_id,
                name,
                part_mentions,
                base_lang,
                has_ner=has_ner,
                first_index=len(quotes),
            )
        )
    keywords = keyword_records(article_id, parts, mentions, base_lang, keywords_per_article)
    return ArticleRecords(sentences, entities, quotes, keywords)
