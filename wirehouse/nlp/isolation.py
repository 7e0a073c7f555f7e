"""One bad story costs that story, never its batch.

Enrichment runs a chunk of stories at once (`nlp.pipe` wants batches). When a chunk raises,
its stories run again one by one to find the culprit(s); when a worker process dies on a
chunk (a segfault, the kernel's OOM killer), the chunk runs again in a fresh worker of its
own, story by story if it kills that one too. A story that fails alone is returned as a
failure with a reason that names the stage; every other story's rows come back as usual.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from wirehouse.nlp.texts import ArticleText, Enrichment

logger = logging.getLogger(__name__)

Enrich = Callable[[Sequence[ArticleText]], Enrichment]


def failure_reason(stage: str, exc: BaseException) -> str:
    """`enrich: ValueError: first line of the message` (bounded: it goes into a table)."""
    message = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    kind = type(exc).__name__
    return f"{stage}: {kind}: {message}" if message else f"{stage}: {kind}"


def oversize(
    texts: Sequence[ArticleText], max_chars: int
) -> tuple[list[ArticleText], dict[str, str]]:
    """The stories within `max_chars` characters, and a failure for each longer one."""
    kept: list[ArticleText] = []
    failures: dict[str, str] = {}
    for t in texts:
        if t.chars > max_chars:
            failures[t.article_id] = (
                f"enrich: the story has {t.chars:,} characters, more than the "
                f"{max_chars:,} of WIREHOUSE_MAX_STORY_CHARS"
            )
        else:
            kept.append(t)
    return kept, failures


def enrich_isolated(texts: Sequence[ArticleText], enrich: Enrich) -> Enrichment:
    """`enrich(texts)`, or, when it raises, `enrich` of each story alone."""
    try:
        return enrich(texts)
    except Exception as exc:
        if len(texts) == 1:
            return _failed(texts[0], failure_reason("enrich", exc))
        logger.info("a chunk of %d stories failed (%s); enriching them one by one", len(texts), exc)
    result = Enrichment()
    for t in texts:
        try:
            result.extend(enrich([t]))
        except Exception as exc:
            result.extend(_failed(t, failure_reason("enrich", exc)))
    return result


def _failed(text: ArticleText, reason: str) -> Enrichment:
    logger.warning("story %s quarantined: %s", text.article_id, reason)
    return Enrichment(failures={text.article_id: reason})


RunChunk = Callable[[list[tuple[Any, ...]]], dict[str, Any]]


def retry_in_fresh_worker(
    texts: Sequence[ArticleText], new_pool: Callable[[], ProcessPoolExecutor], run_chunk: RunChunk
) -> Enrichment:
    """Enrich a chunk whose worker died, in a private one-worker pool: the chunk at once, then
    story by story if the worker dies again; a story that kills its worker is a failure."""
    pool = new_pool()
    try:
        try:
            rows = [t.to_tuple() for t in texts]
            return Enrichment.from_dict(_result(pool.submit(run_chunk, rows)))
        except BrokenProcessPool:
            pool.shutdown(wait=True)
            pool = new_pool()
        result = Enrichment()
        for t in texts:
            try:
                result.extend(Enrichment.from_dict(_result(pool.submit(run_chunk, [t.to_tuple()]))))
            except BrokenProcessPool:
                reason = "enrich: the worker process died on this story (killed, out of memory?)"
                result.extend(_failed(t, reason))
                pool.shutdown(wait=True)
                pool = new_pool()
        return result
    finally:
        pool.shutdown(wait=True)


def _result(future: Future[dict[str, Any]]) -> dict[str, Any]:
    return future.result()
