"""Where the spaCy workers' CPU goes, in one process, on a generated wire night.

    python -m bench.worker_profile [--files N] [--seed S] [--batch-files B]
                                   [--cprofile OUT.prof] [--save OUT.pkl] [--compare BASE.pkl]

Generates `N` wire files in memory (`bench.generator`), reads them with the product's readers
and detects their language as the flow does, then, with the default settings' pipelines,
loads them as the fork server does (`load_pipelines`) and, per chunk of the pool (batches of
`batch_size` files as the flow sends them, each cut by `parallel._balanced_chunks` for two
workers), times in CPU seconds of this process:

- bare `nlp.pipe` over exactly the strings `enrich_texts` feeds it;
- records: `group_records` on those Docs (Doc → rows, signatures);
- transfer: what `enrich_parallel` and `pool.enrich_chunk` add around them (texts to tuples
  and back, results pickled and unpickled as the pool does, `from_dict`, input order).

`--cprofile` profiles the records pass alone; `--save`/`--compare` keep the rows to check a
change leaves them identical. `make bench` measures the whole night; this is the quick look.
"""

from __future__ import annotations

import argparse
import cProfile
import pickle
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.generator import available_formats, wire_file
from wirehouse.language import detect_language
from wirehouse.model import Article
from wirehouse.readers import read_wire
from wirehouse.settings import load_settings

PROCESSES = 2


def night_texts(files: int, seed: int) -> list[Any]:
    """The stories of `files` generated wire files, as the enrichment step receives them."""
    from wirehouse.nlp.texts import ArticleText

    settings = load_settings()
    formats = available_formats()
    texts = []
    for index in range(files):
        _, data = wire_file(index, seed, formats)
        for n, item in enumerate(read_wire(data)[1]):
            if not isinstance(item, Article):
                continue
            text = f"{item.headline}\n\n{item.body}" if item.headline else item.body
            lang, _ = detect_language(
                text, settings.langdetect_max_chars, settings.langdetect_trials
            )
            article_id = f"{index:06d}-{n}"
            texts.append(
                ArticleText(article_id, lang, item.headline, item.body, item.dateline_places)
            )
    return texts


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--batch-files", type=int, default=0, help="default: the settings'")
    parser.add_argument("--cprofile", type=Path, default=None)
    parser.add_argument("--save", type=Path, default=None)
    parser.add_argument("--compare", type=Path, default=None)
    args = parser.parse_args(argv)

    cpu = time.process_time
    t0 = cpu()
    import spacy  # noqa: F401  (the fork server's import, timed)

    from wirehouse.nlp import parallel
    from wirehouse.nlp.enrich import (
        group_records,
        group_strings,
        load_pipelines,
        pipeline_has_ner,
        pipeline_lexicon,
    )
    from wirehouse.nlp.texts import ArticleText, Enrichment

    imported = cpu() - t0
    t0 = cpu()
    registry = load_pipelines(load_settings().pipelines)
    loaded = cpu() - t0

    texts = night_texts(args.files, args.seed)
    words = sum(len(t.body.split()) + len((t.headline or "").split()) for t in texts)
    # As the flow sends them: batches of `batch_size` files, each cut into the pool's chunks.
    batch = args.batch_files or load_settings().batch_size
    chunks = [
        [batch_texts[i] for i in chunk]
        for start in range(0, len(texts), batch)
        for batch_texts in [texts[start : start + batch]]
        for chunk in parallel._balanced_chunks(batch_texts, PROCESSES * 3)
    ]
    bare: dict[str, float] = {}
    records: dict[str, float] = {}
    transfer = 0.0
    profiler = cProfile.Profile() if args.cprofile else None
    result = Enrichment()
    for chunk in chunks:
        # Into the worker: as parallel._submit and pool.enrich_chunk do.
        t0 = cpu()
        rows = pickle.loads(pickle.dumps([t.to_tuple() for t in chunk]))
        chunk_texts = [ArticleText.from_tuple(r) for r in rows]
        transfer += cpu() - t0
        groups: dict[str, list[int]] = {}
        for i, t in enumerate(chunk_texts):
            groups.setdefault(registry.key(t.lang), []).append(i)
        per_article: list[Enrichment | None] = [None] * len(chunk_texts)
        for key, indexes in groups.items():
            nlp, name, version = registry.get(key)
            t0 = cpu()
            docs = list(nlp.pipe(group_strings(chunk_texts, indexes), batch_size=64))
            bare[key] = bare.get(key, 0.0) + cpu() - t0
            t0 = cpu()
            if profiler:
                profiler.enable()
            group_records(
                chunk_texts,
                indexes,
                iter(docs),
                per_article,
                pipeline=(name, version),
                keywords_per_article=10,
                has_ner=pipeline_has_ner(nlp),
                lexicon=pipeline_lexicon(nlp) if pipeline_has_ner(nlp) else frozenset(),
            )
            if profiler:
                profiler.disable()
            records[key] = records.get(key, 0.0) + cpu() - t0
            del docs
        # Out of the worker and back in the flow's process.
        t0 = cpu()
        part = Enrichment()
        for item in per_article:
            if item is not None:
                part.extend(item)
        result.extend(Enrichment.from_dict(pickle.loads(pickle.dumps(part.to_dict()))))
        transfer += cpu() - t0
    t0 = cpu()
    result = parallel._in_input_order(result, texts)
    transfer += cpu() - t0
    # (The flow sorts each batch's rows on its own; one sort over the night costs the same.)

    per_1000 = 1000 / args.files
    print(f"{args.files} files, {len(texts)} stories, {words:,} words")
    print(f"fork server: import spaCy {imported:.2f} CPU-s, load_pipelines {loaded:.2f} CPU-s")
    print(f"{'per 1,000 files (CPU-s)':<26}{'bare':>8}{'records':>9}")
    for key in sorted(bare):
        print(f"{key:<26}{bare[key] * per_1000:8.2f}{records[key] * per_1000:9.2f}")
    total_bare, total_records = sum(bare.values()), sum(records.values())
    print(f"{'all':<26}{total_bare * per_1000:8.2f}{total_records * per_1000:9.2f}")
    print(f"transfer {transfer * per_1000:.2f} CPU-s per 1,000 files")
    print(f"records + transfer = {(total_records + transfer) / total_bare:.1%} of bare nlp.pipe")
    if profiler and args.cprofile:
        profiler.dump_stats(args.cprofile)
    rows = result.to_dict()
    if args.save:
        args.save.write_bytes(pickle.dumps(rows))
    if args.compare:
        base = pickle.loads(args.compare.read_bytes())
        same = {table: base[table] == rows[table] for table in base}
        print("same rows as", args.compare, "" if all(same.values()) else f": NO {same}")


if __name__ == "__main__":
    main()
