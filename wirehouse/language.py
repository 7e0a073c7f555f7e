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
# Scripts that settle what langdetect's n-grams cannot on a short text: it reads some short
# Traditional Chinese as Korean, and a Korean text is written in Hangul.
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")


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


def detect_language(
    text: str, max_chars: int = 200, trials: int = 1, *, script_check: bool = True
) -> tuple[str, float | None]:
    """ISO 639-1 code and probability, or (`und`, None) when the text cannot tell.

    Reads the first `max_chars` characters; `trials` random trials for a sample of at least
    SHORT_SAMPLE_CHARS characters, FULL_TRIALS for a shorter one. `script_check` corrects
    langdetect by the script (`by_script`); off only to measure what it changes.
    """
    sample = text[:max_chars]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return UNDETERMINED, None
    detector = _factory().create()
    detector.n_trial = trials if len(sample) >= SHORT_SAMPLE_CHARS else FULL_TRIALS
    detector.append(sample)
    try:
        found = detector.get_probabilities()
        best = found[0]
    except (LangDetectException, IndexError):
        return UNDETERMINED, None
    lang = best.lang.split("-")[0]
    script_lang = by_script(lang, sample) if script_check else lang
    if script_lang != lang:
        # The probability langdetect gave the script's language, if it listed it at all.
        probs = [p.prob for p in found if p.lang.split("-")[0] == script_lang]
        return script_lang, round(float(sum(probs)), 4) if probs else None
    return lang, round(float(best.prob), 4)


def by_script(lang: str, text: str) -> str:
    """langdetect's label corrected by the script: Han without Hangul is never Korean
    (Chinese, or Japanese when there is kana), and Hangul is never Chinese."""
    if lang == "ko" and not _HANGUL.search(text) and _HAN.search(text):
        return "ja" if _KANA.search(text) else "zh"
    if lang == "zh" and _HANGUL.search(text):
        return "ko"
    return lang
