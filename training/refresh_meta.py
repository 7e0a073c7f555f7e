"""Re-measure the shipped pipeline and rewrite its figures, without touching its weights.

    python -m training.refresh_meta [models/de_wirehouse_news]

For changes outside the model (entity rules, new test sets): re-scores GermEval dev (model
and enrichment), the held-out split, the Europarl test sets and the speed, rewrites
``meta.json`` and ``README.md`` (with ``training/RESULTS.md`` appended, as `package` does)
and the SHA-256 manifest. `make model-verify` checks the result.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import spacy

from training import corpora, evaluate, package
from training.europarl_eval import europarl_scores


def refresh(model_dir: Path, notes: Path) -> dict[str, object]:
    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    nlp = spacy.load(model_dir)
    spec = str(model_dir)
    ev = meta["evaluation"]
    ev["scores"] = evaluate.evaluate_germeval_dev(nlp)
    ev["enrichment_scores"] = evaluate.evaluate_enrichment({"de": spec})
    ev["enrichment_scores_holdout"] = evaluate.evaluate_enrichment(
        {"de": spec}, units=corpora.germeval_holdout()
    )
    ev["europarl"] = europarl_scores(spec, nlp)
    meta["speed"] = evaluate.speed(spacy.load(model_dir))
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    text = notes.read_text(encoding="utf-8") if notes.exists() else ""
    (model_dir / "README.md").write_text(package.render_readme(meta, text), encoding="utf-8")
    package.write_manifest(model_dir)
    return meta


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    default = corpora.REPO_ROOT / "models" / package.NAME
    ap.add_argument("model", type=Path, nargs="?", default=default)
    ap.add_argument("--notes", type=Path, default=corpora.REPO_ROOT / "training" / "RESULTS.md")
    args = ap.parse_args()
    meta = refresh(args.model, args.notes)
    ev = meta["evaluation"]
    for key in ("enrichment_scores", "enrichment_scores_holdout"):
        print(key, ev[key]["PER/LOC/ORG"])  # type: ignore[index]
    print("speed", meta["speed"])


if __name__ == "__main__":
    main()
