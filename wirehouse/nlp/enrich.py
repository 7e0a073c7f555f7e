"""Enrich article texts with spaCy: sentences, entities, quotes and keywords as plain records.

`enrich_texts` runs in the calling process; `enrich_parallel` spreads chunks over a reusable
pool of worker processes that each load their pipelines once. Both return the same rows in
the same order for the same input.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from wirehouse.clusters.signatures import signature_record
from wirehouse.nlp.given_names import warm_word_lists
from wirehouse.nlp.isolation import enrich_isolated, oversize, retry_in_fresh_worker
from wirehouse.nlp.pieces import join_docs, split_pieces
from wirehouse.nlp.records import article_records
from wirehouse.nlp.registry import PipelineRegistry
from wirehouse.nlp.texts import ArticleText, Enrichment
from wirehouse.settings import Settings

__all__ = ["ArticleText", "Enrichment", "enrich_parallel", "enrich_texts"]

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
        has_ner = any(nlp.get_pipe_meta(n).factory in _NER_FACTORIES for n in nlp.pipe_names)
        lexicon = pipeline_lexicon(nlp)
        # Headline and body of each article go through one stream so batches stay full; a
        # long part goes as pieces (wirehouse.nlp.pieces) and comes back as one Doc.
        strings: list[str] = []
        for i in indexes:
            t = texts[i]
            if t.headline:
                strings.extend(split_pieces(t.headline))
            strings.extend(split_pieces(t.body or ""))
        docs = iter(nlp.pipe(strings, batch_size=batch_size))
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
                pipelines={t.article_id: (name, version)},
                article_signatures=[signature_record(t.article_id, t.headline, t.body)],
            )
        logger.debug("enriched %d %s texts with %s %s", len(indexes), key, name, version)
    result = Enrichment()
    for item in per_article:
        if item is not None:
            result.extend(item)
    return result


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


# ---------------------------------------------------------------------------------------------
# Process pool

_worker_registry: PipelineRegistry | None = None
_POOLS: dict[tuple[tuple[tuple[str, str], ...], int], ProcessPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()


# The languages of a European wire night: their modules are imported by the fork server and
# their pipelines loaded by each worker as it starts. Other languages load when first met.
PRELOAD_LANGUAGES = ("de", "en", "fr", "es", "it")


def load_pipelines(pipelines: dict[str, str]) -> PipelineRegistry:
    """A registry with the configured and the usual wire languages loaded, lexicons built."""
    registry = PipelineRegistry(pipelines)
    for lang in dict.fromkeys([*pipelines, *PRELOAD_LANGUAGES]):
        pipeline_lexicon(registry.get(lang)[0])
    # German's entity rules read word lists (~2 s, ~45 MB): build them before workers fork.
    warm_word_lists(registry.get("de")[0].vocab)
    return registry


def _init_worker(pipelines: dict[str, str], run_pid: int) -> None:
    global _worker_registry
    from wirehouse.lifeline import die_with_parent

    # A worker's parent is the fork server, which ends when the run's process does; the
    # worker ends with either, so a killed run leaves no spaCy process behind.
    die_with_parent(os.getppid(), also_with=run_pid)
    logging.basicConfig(level=logging.WARNING)
    # Pipelines the fork server loaded (wirehouse.nlp.forkserver) come with the fork and cost
    # nothing here; any others load now, while the parent is still parsing (see start_pool),
    # rather than inside the first chunk.
    _worker_registry = load_pipelines(pipelines)


def _ready() -> None:
    """A no-op task: submitting one per worker makes the pool start them all."""


def _run_chunk(
    rows: list[tuple[Any, ...]], *, batch_size: int, keywords_per_article: int
) -> dict[str, Any]:
    if _worker_registry is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker registry not initialised")
    texts = [ArticleText.from_tuple(r) for r in rows]
    enrich = partial(
        enrich_texts,
        registry=_worker_registry,
        batch_size=batch_size,
        keywords_per_article=keywords_per_article,
    )
    return enrich_isolated(texts, enrich).to_dict()


def _mp_context() -> multiprocessing.context.BaseContext:
    # Never fork: forking after Prefect's test harness can hang (Prefect issue 19112).
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # Workers fork from a server that imported spaCy and our NLP code and loaded the
    # configured pipelines once (wirehouse.nlp.forkserver), instead of each doing it as it
    # starts: ~10 CPU-seconds per worker for five languages, mostly lemma tables.
    context.set_forkserver_preload(["__main__", "wirehouse.nlp.forkserver"])
    return context


def get_pool(settings: Settings, processes: int) -> ProcessPoolExecutor:
    """The pool for these pipelines and size, started once and reused by later calls."""
    key = (tuple(sorted(settings.pipelines.items())), processes)
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None:
            pool = _new_pool(settings, processes)
            _POOLS[key] = pool
        return pool


_STARTERS: list[tuple[threading.Thread, threading.Event]] = []


def _new_pool(settings: Settings, processes: int) -> ProcessPoolExecutor:
    from wirehouse.lifeline import PARENT_ENV

    # The fork server inherits this: it watches this process, not its own parent at the
    # moment it gets round to looking (this process may be dead by then).
    os.environ[PARENT_ENV] = str(os.getpid())
    return ProcessPoolExecutor(
        max_workers=processes,
        mp_context=_mp_context(),
        initializer=_init_worker,
        initargs=(dict(settings.pipelines), os.getpid()),
    )


def _discard_pool(pool: ProcessPoolExecutor) -> None:
    """Forget a broken pool (a worker died), so the next `get_pool` starts a fresh one.
    Batches in flight that shared it find their chunks broken too and retry them."""
    with _POOLS_LOCK:
        for key, known in list(_POOLS.items()):
            if known is pool:
                del _POOLS[key]
    pool.shutdown(wait=False, cancel_futures=True)


def start_pool(settings: Settings, processes: int) -> None:
    """Start the pool's workers in the background (they load their pipelines as they start),
    so the first `enrich_parallel` of a run does not wait for them. Returns at once: starting
    the fork server (it imports spaCy) takes seconds the caller spends parsing instead.
    The run calls `finish_starting_pools` before it ends."""
    if processes > 1:
        cancelled = threading.Event()
        starter = threading.Thread(
            target=_start_workers,
            args=(settings, processes, cancelled),
            name="start-nlp-pool",
            daemon=True,
        )
        with _POOLS_LOCK:
            _STARTERS.append((starter, cancelled))
        starter.start()


def _start_workers(settings: Settings, processes: int, cancelled: threading.Event) -> None:
    pool = get_pool(settings, processes)
    for _ in range(processes):
        if cancelled.is_set():  # the run is over: no worker it would not use
            return
        try:
            pool.submit(_ready)
        except RuntimeError:
            # Cancelled between the check and the submit, and the interpreter is shutting
            # down: it refuses new work, which is what the run wanted anyway.
            if cancelled.is_set():
                return
            raise


def finish_starting_pools() -> None:
    """Stop starting workers (at the end of every run). Does not wait for a worker being
    started: a run shorter than the pool's start (one story) would wait for nothing.

    Without this, such a run ends while its starter still submits, and the interpreter's
    shutdown refuses that submit with a traceback on the console.
    """
    with _POOLS_LOCK:
        starters = list(_STARTERS)
        _STARTERS.clear()
    for _starter, cancelled in starters:
        cancelled.set()


def shutdown_pools() -> None:
    """Stop every worker pool of this process (at exit; `serve` keeps them between runs)."""
    finish_starting_pools()
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown_pools)


def effective_processes(configured: int) -> int:
    """`Settings.nlp_processes` semantics: 0 means one per core."""
    return configured if configured > 0 else (os.cpu_count() or 1)


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
    run_chunk = partial(_run_chunk, batch_size=batch_size, keywords_per_article=kpa)
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
            _discard_pool(pool)
            logger.warning("an NLP worker died; enriching its chunks again in fresh workers")
            part = retry_in_fresh_worker(chunk, partial(_new_pool, settings, 1), run_chunk)
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
    except (BrokenProcessPool, RuntimeError):  # broken, or shut down by _discard_pool
        _discard_pool(pool)
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
