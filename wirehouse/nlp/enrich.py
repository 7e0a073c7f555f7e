"""Enrich article texts with spaCy in this process: sentences, entities, quotes and keywords
as plain records (`enrich_texts`), and the pipelines it runs (`load_pipelines`).

`wirehouse.nlp.parallel.enrich_parallel` spreads the same work over the worker pool of
`wirehouse.nlp.pool`; both return the same rows in the same order for the same input.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from wirehouse.clusters.signatures import signature_record
from wirehouse.nlp.given_names import warm_word_lists
from wirehouse.nlp.language_words import ordinary_words
from wirehouse.nlp.pieces import join_docs, split_pieces
from wirehouse.nlp.records import article_records
from wirehouse.nlp.registry import PipelineRegistry
from wirehouse.nlp.texts import ArticleText, Enrichment
from wirehouse.places import finds_gazetteer_places
from wirehouse.places.names import prominent_names

__all__ = ["ArticleText", "Enrichment", "enrich_texts"]

logger = logging.getLogger(__name__)

_NER_FACTORIES = frozenset({"ner", "beam_ner", "entity_ruler", "span_ruler"})


def enrich_texts(
    texts: Sequence[ArticleText],
    registry: PipelineRegistry,
    *,
    batch_size: int = 64,
    keywords_per_article: int = 10,
) -> Enrichment:
    """Enrich in this process: one `nlp.pipe` per language group, rows in input order."""
    groups: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        groups.setdefault(registry.key(t.lang), []).append(i)
    per_article: list[Enrichment | None] = [None] * len(texts)
    for key, indexes in groups.items():
        nlp, name, version = registry.get(texts[indexes[0]].lang)
        has_ner = pipeline_has_ner(nlp)
        # The rules read the lexicon only after a model's entities (article_records).
        lexicon = pipeline_lexicon(nlp) if has_ner else frozenset()
        docs = iter(nlp.pipe(group_strings(texts, indexes), batch_size=batch_size))
        group_records(
            texts,
            indexes,
            docs,
            per_article,
            pipeline=(name, version),
            keywords_per_article=keywords_per_article,
            has_ner=has_ner,
            lexicon=lexicon,
        )
        logger.debug("enriched %d %s texts with %s %s", len(indexes), key, name, version)
    result = Enrichment()
    for item in per_article:
        if item is not None:
            result.extend(item)
    return result


def pipeline_has_ner(nlp: Language) -> bool:
    return any(nlp.get_pipe_meta(n).factory in _NER_FACTORIES for n in nlp.pipe_names)


def group_strings(texts: Sequence[ArticleText], indexes: Sequence[int]) -> list[str]:
    """What `nlp.pipe` reads for `texts[i]`, i in `indexes`: headline and body of each article
    in one stream so batches stay full; a long part goes as pieces (wirehouse.nlp.pieces)
    and comes back as one Doc (`group_records`)."""
    strings: list[str] = []
    for i in indexes:
        t = texts[i]
        if t.headline:
            strings.extend(split_pieces(t.headline))
        strings.extend(split_pieces(t.body or ""))
    return strings


def group_records(
    texts: Sequence[ArticleText],
    indexes: Sequence[int],
    docs: Iterator[Doc],
    per_article: list[Enrichment | None],
    *,
    pipeline: tuple[str, str],
    keywords_per_article: int,
    has_ner: bool,
    lexicon: frozenset[str],
) -> None:
    """The records of `texts[i]` for each i of `indexes` (one language), from its Docs in
    `docs` (headline, then body, as `enrich_texts` streams them), into `per_article[i]`.
    Public so the benchmark can time it apart from `nlp.pipe` (bench/worker_profile.py)."""
    for i in indexes:
        t = texts[i]
        headline: Doc | None = _take(docs, t.headline) if t.headline else None
        body = _take(docs, t.body or "")
        rec = article_records(
            t.article_id,
            t.lang,
            headline,
            body,
            t.dateline_places,
            keywords_per_article=keywords_per_article,
            has_ner=has_ner,
            lexicon=lexicon,
        )
        per_article[i] = Enrichment(
            sentences=rec.sentences,
            entities=rec.entities,
            quotes=rec.quotes,
            keywords=rec.keywords,
            pipelines={t.article_id: pipeline},
            article_signatures=[signature_record(t.article_id, t.headline, t.body)],
        )


def _take(docs: Iterator[Doc], text: str) -> Doc:
    """The next Doc(s) of the stream, as many as `text` has pieces, joined into one."""
    return join_docs([next(docs) for _ in split_pieces(text)], text)


_LEXICONS: dict[int, frozenset[str]] = {}


def pipeline_lexicon(nlp: Language) -> frozenset[str]:
    """The lemmas of the pipeline's lookup lemmatizer: the language's common words, so the
    record rules can tell a name (Umjerow) from a noun (Präsident). Empty without a table."""
    key = id(nlp)
    if key not in _LEXICONS:
        words: frozenset[str] = frozenset()
        for name in nlp.pipe_names:
            lookups = getattr(nlp.get_pipe(name), "lookups", None)
            if lookups is not None and lookups.has_table("lemma_lookup"):
                lemmas = lookups.get_table("lemma_lookup").values()
                try:
                    words = frozenset(lemmas)  # 30× faster than the loop below
                except TypeError:  # some tables (French) map a form to a list of lemmas
                    words = frozenset(w for v in lemmas for w in ([v] if isinstance(v, str) else v))
                break
        _LEXICONS[key] = words
    return _LEXICONS[key]


# The languages of a European wire night: their modules are imported by the fork server and
# their pipelines loaded by each worker as it starts. Other languages load when first met.
PRELOAD_LANGUAGES = ("de", "en", "fr", "es", "it")


def load_pipelines(pipelines: dict[str, str]) -> PipelineRegistry:
    """A registry with the configured and the usual wire languages loaded, lexicons built."""
    registry = PipelineRegistry(pipelines)
    for lang in dict.fromkeys([*pipelines, *PRELOAD_LANGUAGES]):
        nlp = registry.get(lang)[0]
        if pipeline_has_ner(nlp):  # no other pipeline's records read it (enrich_texts)
            pipeline_lexicon(nlp)
    # German's entity rules read word lists (~2 s, ~45 MB): build them before workers fork.
    warm_word_lists(registry.get("de")[0].vocab)
    # Stories without an entity model find places in the gazetteer's prominent names
    # (~0.3 CPU-s from the gazetteer's cache file, ~5 MB kept) and the language's word list
    # (Italian ~0.4 CPU-s).
    prominent_names()
    for lang in PRELOAD_LANGUAGES:
        if finds_gazetteer_places(lang):
            ordinary_words(lang)
    return registry
