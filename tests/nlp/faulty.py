"""A real spaCy pipeline package that fails on purpose: the fault injection of our tests.

`build_faulty_package(root)` writes what `spacy package --code` would install: a package
`wh_faulty_pipeline` (with its dist-info, so `spacy.load("wh_faulty_pipeline")` finds it on
`sys.path`) holding an English pipeline whose tok2vec model is our code. The model raises a
ValueError on a Doc containing RAISE_MARKER and ends its process on DIE_MARKER (what a
segfault or the OOM killer does to a worker); every other Doc goes through as usual. Nothing
in wirehouse is replaced or mocked: the product loads the package like any pipeline
configured in WIREHOUSE_PIPELINES.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

PACKAGE = "wh_faulty_pipeline"
RAISE_MARKER = "FAULTINJECTRAISE"
DIE_MARKER = "FAULTINJECTDIE"

_INIT = f'''
"""A test pipeline whose model fails on marked texts (tests/nlp/faulty.py)."""
import os

from spacy.util import load_model_from_init_py, registry
from thinc.api import Model

RAISE_MARKER = {RAISE_MARKER!r}
DIE_MARKER = {DIE_MARKER!r}


@registry.architectures("wh_faulty.Tok2Vec.v1")
def faulty_tok2vec(width: int = 4) -> Model:
    def forward(model, docs, is_train):
        for doc in docs:
            if RAISE_MARKER in doc.text:
                raise ValueError("fault injected on a marked text")
            if DIE_MARKER in doc.text:
                os._exit(9)
        return [model.ops.alloc2f(len(doc), width) for doc in docs], lambda d_out: []

    return Model("wh_faulty_tok2vec", forward, dims={{"nO": width}})


def load(**overrides):
    return load_model_from_init_py(__file__, **overrides)
'''


def build_faulty_package(root: Path) -> str:
    """Write the package under `root` (which the caller puts on sys.path); returns its name."""
    package = root / PACKAGE
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text(_INIT, encoding="utf-8")
    dist = root / f"{PACKAGE}-0.0.1.dist-info"
    dist.mkdir(exist_ok=True)
    (dist / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {PACKAGE}\nVersion: 0.0.1\n", encoding="utf-8"
    )
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    importlib.import_module(PACKAGE)  # registers the architecture the config names

    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec", config={"model": {"@architectures": "wh_faulty.Tok2Vec.v1"}})
    # An NER that listens to it, as in a real pipeline: the registry keeps a tok2vec only
    # where something reads its output.
    ner = nlp.add_pipe(
        "ner",
        config={
            "model": {
                "@architectures": "spacy.TransitionBasedParser.v2",
                "state_type": "ner",
                "extra_state_tokens": False,
                "hidden_width": 8,
                "maxout_pieces": 2,
                "use_upper": True,
                "nO": None,
                "tok2vec": {
                    "@architectures": "spacy.Tok2VecListener.v1",
                    "width": 4,
                    "upstream": "*",
                },
            }
        },
    )
    ner.add_label("PER")  # type: ignore[attr-defined]
    nlp.add_pipe("sentencizer")
    nlp.initialize()
    nlp.meta.update(name="faulty", version="0.0.1")
    nlp.to_disk(package / "en_faulty-0.0.1")
    (package / "meta.json").write_text(json.dumps(nlp.meta), encoding="utf-8")
    return PACKAGE
