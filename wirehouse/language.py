"""Language detection with langdetect, made deterministic and bounded."""

from __future__ import annotations

import re
import threading

from langdetect import DetectorFactory, detector_factory
from langdetect.lang_detect_exception import LangDetectException

UNDETERMINED = "und"
# Fewer letters than this is not enough evidence; langdetect would guess.
MIN_LETTERS = 20
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


_FACTORY_LOCK = threading.Lock()
_FACTORY: list[DetectorFactory] = []


def _factory() -> DetectorFactory:
    # langdetect is random unless seeded ("Hotel Europa": ro, es or nl); a private factory
    # loaded once per process keeps every call deterministic. The lock: batches in flight
    # detect in parallel threads, and each would otherwise load the 55 profiles (~0.5
    # CPU-seconds) itself.
    with _FACTORY_LOCK:
        if not _FACTORY:
            factory = DetectorFactory()
            factory.load_profile(detector_factory.PROFILES_DIRECTORY)
            factory.set_seed(0)
            _FACTORY.append(factory)
        return _FACTORY[0]


# langdetect averages random trials (seven by default), and much of its time goes into them.
# On a full sample (the headline and the start of the lead) one trial agrees with seven; a
# shorter text, where a trial's random draw of n-grams can tip it, gets all seven
# (bench/README.md, `python -m bench.language`).
FULL_TRIALS = 7
SHORT_SAMPLE_CHARS = 200


def detect_language(text: str, max_chars: int = 200, trials: int = 1) -> tuple[str, float | None]:
    """ISO 639-1 code and probability, or (`und`, None) when the text cannot tell.

    Reads the first `max_chars` characters; `trials` random trials for a sample of at least
    SHORT_SAMPLE_CHARS characters, FULL_TRIALS for a shorter one.
    """
    sample = text[:max_chars]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return UNDETERMINED, None
    detector = _factory().create()
    detector.n_trial = trials if len(sample) >= SHORT_SAMPLE_CHARS else FULL_TRIALS
    detector.append(sample)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return UNDETERMINED, None
    return best.lang.split("-")[0], round(float(best.prob), 4)
