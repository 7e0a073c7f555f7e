"""Places from the gazetteer (`wirehouse.nlp.gazetteer_places`) on the IXA Europarl es/it sets.

    python -m training.gazetteer_places_eval [-v] [--story-sentences N]

Spanish and Italian have no entity model here: their stories get LOC mentions of the
gazetteer's prominent places only. This scores those against the gold LOC of
``europarl_ner_ixa`` (Agerri et al. 2018; never trained on, but the finder's rules were
chosen reading its errors here: RESULTS.md, session 9), exact character spans through the
enrichment the flow runs (`enrich_texts` with the default pipelines: `blank:es`,
`blank:it`). Each gold sentence is a story of its own by default (the story-level tests then
see the least context); ``--story-sentences 20`` joins consecutive sentences into stories.
Gold LOC that no gazetteer can hold (`mar de Barent`, `Parlamento de Estrasburgo`) count as
misses: the recall is what the warehouse gets. ``-v`` lists every false and missed span.

The cost: CPU milliseconds per 1,000 words of the blank pipeline's `nlp.pipe` and of the finder
alone on the same Docs (the prominent names and word lists loaded beforehand, as the fork
server does).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from typing import Any

from training import corpora


def _stories(units: list[corpora.Annotated], size: int) -> list[tuple[str, set[tuple[int, int]]]]:
    """(text, gold LOC spans) per story of `size` consecutive sentences, one per line."""
    stories: list[tuple[str, set[tuple[int, int]]]] = []
    for first in range(0, len(units), size):
        text, gold = "", set()
        for u in units[first : first + size]:
            if text:
                text += "\n"
            starts = []
            for w in u.words:
                starts.append(len(text))
                text += w + " "
            text = text[:-1]
            for s, e, label in u.ents:
                if label == "LOC":
                    gold.add((starts[s], starts[e - 1] + len(u.words[e - 1])))
        stories.append((text, gold))
    return stories


def evaluate(lang: str, story_sentences: int = 1, verbose: bool = False) -> dict[str, Any]:
    from wirehouse.nlp.enrich import ArticleText, enrich_texts
    from wirehouse.nlp.registry import PipelineRegistry
    from wirehouse.settings import Settings

    stories = _stories(corpora.europarl_ixa(lang), story_sentences)
    texts = [ArticleText(f"s{i}", lang, None, text, []) for i, (text, _) in enumerate(stories)]
    rows = enrich_texts(texts, PipelineRegistry(Settings().pipelines)).entities
    pred: list[set[tuple[int, int]]] = [set() for _ in stories]
    for row in rows:
        if row["label"] == "LOC" and row["part"] == "body":
            pred[int(row["article_id"][1:])].add((row["start_char"], row["end_char"]))
    tp = sum(len(p & g) for p, (_, g) in zip(pred, stories, strict=True))
    found = sum(map(len, pred))
    gold = sum(len(g) for _, g in stories)
    false, missed = Counter[str](), Counter[str]()
    for p, (text, g) in zip(pred, stories, strict=True):
        false.update(text[s:e] for s, e in p - g)
        missed.update(text[s:e] for s, e in g - p)
    if verbose:
        print(f"{lang} false: {false.most_common()}")
        print(f"{lang} missed: {missed.most_common()}")
    return {
        "lang": lang,
        "found": found,
        "gold": gold,
        "correct": tp,
        "p": tp / found if found else 0.0,
        "r": tp / gold if gold else 0.0,
        "cost": cost(lang, [t for t, _ in stories]),
    }


def cost(lang: str, texts: list[str], rounds: int = 3) -> dict[str, float]:
    """CPU milliseconds per 1,000 words: the blank pipeline, and the finder on its Docs. The
    Docs' token tables are built first: the record pass builds them for the sentence rows
    before any entity is looked for (`records.article_records`)."""
    from wirehouse.nlp.gazetteer_places import gazetteer_mentions
    from wirehouse.nlp.language_words import ordinary_words
    from wirehouse.nlp.registry import PipelineRegistry
    from wirehouse.nlp.tokens import token_table
    from wirehouse.places.names import prominent_names
    from wirehouse.settings import Settings

    nlp = PipelineRegistry(Settings().pipelines).get(lang)[0]
    prominent_names()
    ordinary_words(lang)
    pipe = finder = 0.0
    words = 0
    for _ in range(rounds):
        start = time.process_time()
        docs = list(nlp.pipe(texts, batch_size=64))
        pipe += time.process_time() - start
        for doc in docs:
            token_table(doc)
            start = time.process_time()
            gazetteer_mentions([("body", doc)], lang)
            finder += time.process_time() - start
        words += sum(len(d) for d in docs)
    per = 1000 / words
    return {"pipeline": round(pipe * per * 1000, 2), "finder": round(finder * per * 1000, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--story-sentences", type=int, default=1)
    args = ap.parse_args()
    print(
        "| set | stories | found | gold LOC | correct | precision | recall "
        "| ms CPU / 1,000 words: pipeline, finder |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for lang in ("es", "it"):
        r = evaluate(lang, args.story_sentences, args.verbose)
        c = r["cost"]
        print(
            f"| IXA {lang} | {args.story_sentences} sentence(s) each | {r['found']} | {r['gold']} "
            f"| {r['correct']} | **{r['p']:.3f}** | {r['r']:.3f} | {c['pipeline']}, {c['finder']} |"
        )


if __name__ == "__main__":
    main()
