"""Brown-cluster norms: distributional word classes for the NER, from spacy-lookups-data.

spacy-lookups-data ships, for German, the Brown clusters (750 classes over 1,000,001 word
forms) and unigram log-probabilities that spaCy's own German models were built with. The
corpora we may train on are too small to learn that "Putin" and "Merkel" (class 40), or
"Moskau" and "Washington" (class 208), behave alike; these classes carry it.

The table becomes the pipeline's `lexeme_norm` lookup, a standard spaCy mechanism: a token's
NORM is its class (`≈40`) when its form is in the table, else its lower-case form. The
pipeline embeds NORM beside LOWER, so word identity is kept. It is stored inside the pipeline
(`vocab/lookups.bin`) and needs no code at load time; this module is only used in training,
through `[initialize.lookups]` in `training/config.cfg` (`spacy train --code
training/clusters.py`).
"""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy.lookups import Lookups
from spacy.util import registry

CLUSTER_PREFIX = "≈"


def _data_file(name: str) -> Path:
    import spacy_lookups_data

    return Path(spacy_lookups_data.__file__).parent / "data" / name


def cluster_norms(top_n: int) -> dict[str, str]:
    """The `top_n` most probable German word forms → their Brown class as a norm string."""
    clusters: dict[str, int] = srsly.read_gzip_json(_data_file("de_lexeme_cluster.json.gz"))
    probs: dict[str, float] = srsly.read_gzip_json(_data_file("de_lexeme_prob.json.gz"))
    # Most probable first; ties broken by the form, so the table is the same on every build.
    ranked = sorted(clusters, key=lambda w: (-probs.get(w, -99.0), w))[:top_n]
    return {w: f"{CLUSTER_PREFIX}{clusters[w]}" for w in ranked}


@registry.misc("wirehouse.cluster_norm_lookups.v1")
def cluster_norm_lookups(top_n: int = 200_000) -> Lookups:
    lookups = Lookups()
    lookups.add_table("lexeme_norm", cluster_norms(top_n))
    return lookups
