"""How much text, and how many trials, language detection needs (a benchmark, not a test).

    python -m bench.language [--files N]

langdetect's cost is a part per character read plus a part per random trial (seven by
default, each ~50 updates over 55 language profiles). This compares bounded settings with
the reference, langdetect's own defaults on the whole text, on stories of known language:

- N synthetic bench stories (de/en/fr/es/it, headline + body, `bench.generator`);
- the example sentences spaCy ships for every language langdetect also knows, joined into
  one short text per language (≈40 languages, 150–600 characters: the close pairs es/pt/ca,
  da/nb/sv, hr/sl/sr/mk, cs/sk, id/tl are where trials matter), and each sentence alone
  (compared with the reference only: langdetect itself is unsure on some single sentences);
- the same sentences joined from each starting point (more full samples of close
  languages), and GermEval 2014 dev sentences three to a text (German news and Wikipedia),
  when ../shared is present;
- the shared wire samples and our test fixtures, when present.

A text shorter than `wirehouse.language.SHORT_SAMPLE_CHARS` always gets all seven trials, so
the rows show what the pipeline really does with each setting.

It prints, per setting, agreement with the reference (and with the known language where
there is one) and milliseconds per text, so the defaults in `wirehouse/language.py` rest on
figures anyone can reproduce.
"""

from __future__ import annotations

import argparse
import importlib
import time
from collections.abc import Iterator
from pathlib import Path

from langdetect import DetectorFactory, detector_factory

from bench.generator import make_story
from wirehouse.language import detect_language
from wirehouse.readers import read_wire
from wirehouse.settings import PROJECT_ROOT

SETTINGS = [(300, 7), (300, 2), (300, 1), (200, 1)]


def _spacy_examples() -> Iterator[tuple[str, str, str]]:
    profiles = {p.name for p in Path(detector_factory.PROFILES_DIRECTORY).iterdir()}
    aliases = {"nb": "no", "zh": "zh-cn"}
    spacy_lang = Path(importlib.import_module("spacy.lang").__file__ or "").parent
    for folder in sorted(spacy_lang.iterdir()):
        code = aliases.get(folder.name, folder.name)
        if code not in profiles or not (folder / "examples.py").exists():
            continue
        module = importlib.import_module(f"spacy.lang.{folder.name}.examples")
        sentences = [s for s in getattr(module, "sentences", []) if isinstance(s, str)]
        text = " ".join(sentences)
        if len(text) >= 80:
            yield f"spacy-examples:{folder.name}", code.split("-")[0], text
        # The same sentences from each starting point: more full samples of close languages.
        for k in range(1, len(sentences)):
            rotated = " ".join(sentences[k:] + sentences[:k])
            if len(rotated) >= 200:
                yield f"spacy-examples:{folder.name}:from{k}", code.split("-")[0], rotated
        # Single sentences too: short texts are where fewer trials could change the label.
        for i, sentence in enumerate(sentences):
            if len(sentence) >= 40:
                yield f"spacy-example:{folder.name}:{i}", None, sentence


def _wire_texts() -> Iterator[tuple[str, str | None, str]]:
    folders = [PROJECT_ROOT / "tests" / "fixtures" / "wire", PROJECT_ROOT.parent / "shared"]
    for folder in folders:
        root = folder / "wire-samples" if folder.name == "shared" else folder
        if not root.is_dir():
            continue
        for path in sorted(root.iterdir()):
            try:
                _, items = read_wire(path.read_bytes())
            except Exception:  # bad fixtures are there on purpose
                continue
            for item in items:
                body = getattr(item, "body", "")
                if len(body) >= 80:
                    yield f"{path.name}", None, f"{getattr(item, 'headline', '')}\n\n{body}"


def _germeval(groups: int) -> Iterator[tuple[str, str, str]]:
    """German news and Wikipedia sentences (GermEval 2014 dev), three to a text."""
    path = PROJECT_ROOT.parent / "shared" / "corpora" / "germeval2014" / "NER-de-dev.tsv"
    if not path.exists():
        return
    sentences, words = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                sentences.append(" ".join(words))
            words = []
            continue
        words.append(line.split("\t")[1])
    for i in range(min(groups, len(sentences) // 3)):
        yield f"germeval:{i}", "de", " ".join(sentences[3 * i : 3 * i + 3])


def corpus(files: int) -> list[tuple[str, str | None, str]]:
    texts: list[tuple[str, str | None, str]] = []
    for i in range(files):
        s = make_story(i, 20261125)
        texts.append((f"bench:{i}", s.lang, f"{s.headline}\n\n" + "\n\n".join(s.paragraphs)))
    texts.extend(_spacy_examples())
    texts.extend(_germeval(files))
    texts.extend(_wire_texts())
    return texts


def _reference(text: str) -> str:
    factory = DetectorFactory()
    factory.load_profile(detector_factory.PROFILES_DIRECTORY)
    factory.set_seed(0)
    detector = factory.create()
    detector.append(text)
    return detector.detect().split("-")[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    texts = corpus(args.files)
    reference = [_reference(text) for _, _, text in texts]
    known = [(i, lang) for i, (_, lang, _) in enumerate(texts) if lang]
    print(f"{len(texts)} texts ({len(known)} of known language); reference: whole text, 7 trials")
    print(f"reference agrees with the known language on {_share(reference, known)}")
    print(f"{'chars':>5} {'trials':>6} {'vs reference':>14} {'vs known':>14} {'ms/text':>8}")
    for max_chars, trials in SETTINGS:
        started = time.process_time()
        labels = [detect_language(text, max_chars, trials)[0] for _, _, text in texts]
        ms = (time.process_time() - started) / len(texts) * 1000
        same = sum(a == b for a, b in zip(labels, reference, strict=True))
        differ = [
            f"{texts[i][0]}: {reference[i]}→{labels[i]}"
            for i in range(len(texts))
            if labels[i] != reference[i]
        ]
        print(
            f"{max_chars:>5} {trials:>6} {same:>6}/{len(texts):<7} {_share(labels, known):>14}"
            f" {ms:>8.2f}   {'; '.join(differ[:6])}"
        )


def _share(labels: list[str], known: list[tuple[int, str]]) -> str:
    return f"{sum(labels[i] == lang for i, lang in known)}/{len(known)}"


if __name__ == "__main__":
    main()
