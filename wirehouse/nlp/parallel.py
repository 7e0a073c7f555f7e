"""`enrich_parallel`: `enrich_texts` spread over the worker pool (`wirehouse.nlp.pool`) in
chunks of one language and about equal size, the rows put back in input order."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any

from wirehouse.nlp.enrich import enrich_texts
from wirehouse.nlp.isolation import enrich_isolated, oversize, retry_in_fresh_worker
from wirehouse.nlp.pool import discard_pool, enrich_chunk, get_pool, new_pool
from wirehouse.nlp.registry import PipelineRegistry
from wirehouse.nlp.texts import ArticleText, Enrichment
from wirehouse.settings import Settings

__all__ = ["enrich_parallel"]

logger = logging.getLogger(__name__)


def enrich_parallel(
    texts: Sequence[ArticleText],
    settings: Settings,
    *,
    processes: int,
) -> Enrichment:
    """Same result as `enrich_texts`, computed by `processes` worker processes.

    Texts travel as plain tuples in chunks of one language and about equal size (a few per
    worker, so a slow chunk does not idle the others); records come back as plain dicts and
    are put back in input order. Workers start by forkserver/spawn, so a script calling this
    at top level needs the usual `if __name__ == "__main__":` guard.
    """
    batch_size = settings.nlp_batch_size
    kpa = settings.keywords_per_article
    # A story over the limit is quarantined here, before it is copied to a worker.
    kept, too_long = oversize(texts, settings.max_story_chars)
    if processes <= 1 or len(kept) <= 1:
        enrich = partial(
            enrich_texts,
            registry=_local_registry(settings),
            batch_size=batch_size,
            keywords_per_article=kpa,
        )
        result = enrich_isolated(kept, enrich) if kept else Enrichment()
        result.failures.update(too_long)
        return result
    run_chunk = partial(enrich_chunk, batch_size=batch_size, keywords_per_article=kpa)
    chunks = [[kept[i] for i in chunk] for chunk in _balanced_chunks(kept, processes * 3)]
    submitted = [_submit(settings, processes, run_chunk, chunk) for chunk in chunks]
    result = Enrichment(failures=too_long)
    for chunk, (pool, fut) in zip(chunks, submitted, strict=True):
        try:
            part = Enrichment.from_dict(fut.result())
        except (BrokenProcessPool, CancelledError):
            # A worker died (segfault, OOM kill): every chunk in the pool is lost with it.
            # Each is enriched again in a fresh worker of its own, which finds the story
            # that kills it; the shared pool is replaced for the chunks still to come.
            discard_pool(pool)
            logger.warning("an NLP worker died; enriching its chunks again in fresh workers")
            part = retry_in_fresh_worker(chunk, partial(new_pool, settings, 1), run_chunk)
        result.extend(part)
    return _in_input_order(result, texts)


def _submit(
    settings: Settings, processes: int, run_chunk: Any, chunk: list[ArticleText]
) -> tuple[ProcessPoolExecutor, Future[dict[str, Any]]]:
    """Submit to the shared pool; one that another batch found broken is replaced first."""
    rows = [t.to_tuple() for t in chunk]
    pool = get_pool(settings, processes)
    try:
        return pool, pool.submit(run_chunk, rows)
    except (BrokenProcessPool, RuntimeError):  # broken, or shut down by discard_pool
        discard_pool(pool)
        pool = get_pool(settings, processes)
        return pool, pool.submit(run_chunk, rows)


def _balanced_chunks(texts: Sequence[ArticleText], n_chunks: int) -> list[list[int]]:
    """Indices of `texts` in chunks of about equal characters, each mostly one language.

    Language-pure chunks let every `nlp.pipe` call fill its batches (mixed chunks split into
    many small per-language calls), and equal sizes keep the workers busy to the end.
    """
    if len({t.article_id for t in texts}) < len(texts):
        # Rows are put back in order by article id, so duplicate ids keep input order.
        order = list(range(len(texts)))
    else:
        order = sorted(range(len(texts)), key=lambda i: (texts[i].lang, i))
    sizes = [len(texts[i].body) + len(texts[i].headline or "") + 1 for i in order]
    target = sum(sizes) / max(1, min(n_chunks, len(texts)))
    chunks: list[list[int]] = [[]]
    filled = 0.0
    for index, size in zip(order, sizes, strict=True):
        if chunks[-1] and filled + size / 2 > target:
            chunks.append([])
            filled = 0.0
        chunks[-1].append(index)
        filled += size
    return chunks


def _in_input_order(result: Enrichment, texts: Sequence[ArticleText]) -> Enrichment:
    """Rows sorted back into input order (stable: an article's rows keep their own order)."""
    position = {t.article_id: i for i, t in enumerate(texts)}
    if len(position) < len(texts):
        return result  # chunks were contiguous: already in input order

    def by_article(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(rows, key=lambda row: position[row["article_id"]])

    return Enrichment(
        sentences=by_article(result.sentences),
        entities=by_article(result.entities),
        quotes=by_article(result.quotes),
        keywords=by_article(result.keywords),
        article_signatures=by_article(result.article_signatures),
        pipelines={
            t.article_id: result.pipelines[t.article_id]
            for t in texts
            if t.article_id in result.pipelines
        },
        failures=result.failures,
    )


_LOCAL: dict[tuple[tuple[str, str], ...], PipelineRegistry] = {}


def _local_registry(settings: Settings) -> PipelineRegistry:
    key = tuple(sorted(settings.pipelines.items()))
    if key not in _LOCAL:
        _LOCAL[key] = PipelineRegistry(settings.pipelines)
    return _LOCAL[key]
