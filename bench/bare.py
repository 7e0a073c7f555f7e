"""The physical limit: bare `nlp.pipe` over the same texts, same pipelines, same processes.

Each worker process loads the pipelines through the same `PipelineRegistry` the flow uses
(so the same components are enabled), warms them up, then waits at a barrier; the clock runs
from the barrier until the last worker has consumed its share of `Doc`s. Shares are balanced
by characters, texts are grouped by language and fed as headline and body strings, as
`enrich_texts` feeds them. Nothing else is timed: no records, no Parquet, no pickling of
results. It is the number the end-to-end run is measured against.

A second timed pass runs `enrich_texts` (the same `nlp.pipe` plus turning each `Doc` into
records) in the same workers, so a gap between end to end and bare can be split into what
the records cost and what everything around them costs.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Sequence
from typing import Any

from wirehouse.nlp.enrich import ArticleText, enrich_texts
from wirehouse.nlp.registry import PipelineRegistry

Text = tuple[str, str, str | None, str, list[str]]  # article_id, lang, headline, body, places


def _shares(texts: Sequence[Text], processes: int) -> list[list[Text]]:
    shares: list[list[Text]] = [[] for _ in range(processes)]
    sizes = [0] * processes
    for text in sorted(texts, key=lambda t: -len(t[3])):
        i = sizes.index(min(sizes))
        shares[i].append(text)
        sizes[i] += len(text[3]) + len(text[2] or "")
    return shares


def _worker(
    share: list[Text],
    pipelines: dict[str, str],
    batch_size: int,
    barrier: Any,
    results: Any,
) -> None:
    registry = PipelineRegistry(pipelines)
    by_lang: dict[str, list[str]] = {}
    for _, lang, headline, body, _ in share:
        strings = by_lang.setdefault(registry.key(lang), [])
        if headline:
            strings.append(headline)
        strings.append(body)
    articles = [ArticleText(*t) for t in share]
    for key in by_lang:  # load and warm up outside the clock
        nlp = registry.get(key)[0]
        list(nlp.pipe(["Warm-up. Noch ein Satz, one more sentence."]))
    enrich_texts(articles[:1], registry)
    barrier.wait()
    started = time.perf_counter()
    tokens = 0
    by_language: dict[str, float] = {}  # seconds this worker spent on each language
    for key, strings in by_lang.items():
        nlp = registry.get(key)[0]
        lang_started = time.perf_counter()
        for doc in nlp.pipe(strings, batch_size=batch_size):
            tokens += len(doc)
        by_language[key] = time.perf_counter() - lang_started
    results.put(("bare", time.perf_counter() - started, tokens, by_language))
    barrier.wait()
    started = time.perf_counter()
    enrich_texts(articles, registry, batch_size=batch_size)
    results.put(("records", time.perf_counter() - started, tokens))


def bare_nlp_seconds(
    texts: Sequence[Text], pipelines: dict[str, str], processes: int, batch_size: int
) -> dict[str, Any]:
    """Wall seconds for `processes` workers to pipe all texts (and, second, to enrich them
    into records), the tokens they saw, and each language's share of the workers' time."""
    # forkserver, like the enrichment pool: never fork a process that has threads.
    ctx = multiprocessing.get_context("forkserver")
    barrier = ctx.Barrier(processes + 1)
    results = ctx.Queue()
    workers = [
        ctx.Process(target=_worker, args=(share, pipelines, batch_size, barrier, results))
        for share in _shares(texts, processes)
    ]
    for w in workers:
        w.start()
    walls = {}
    language_seconds: dict[str, float] = {}
    for phase in ("bare", "records"):
        barrier.wait(timeout=600)
        started = time.perf_counter()
        done = [results.get(timeout=3600) for _ in workers]
        walls[phase] = time.perf_counter() - started
        assert all(d[0] == phase for d in done)
        if phase == "bare":
            worker_seconds = sorted(round(d[1], 3) for d in done)
            tokens = sum(d[2] for d in done)
            for d in done:
                for key, seconds in d[3].items():
                    language_seconds[key] = language_seconds.get(key, 0.0) + seconds
    for w in workers:
        w.join()
    return {
        "seconds": walls["bare"],
        "with_records_seconds": walls["records"],
        "worker_seconds": worker_seconds,
        "tokens": tokens,
        # Per language (pipeline key): the workers' seconds of bare `nlp.pipe`, summed.
        "language_seconds": {k: round(v, 3) for k, v in sorted(language_seconds.items())},
    }
