"""Sentence-boundary precision/recall/F1 of our splitter, a naive regex and pysbd.

Two gold sets: the hand-labelled tricky cases in ``tests/gold/segmentation.json`` and BASIL's
sentence-split paragraphs (real news from three outlets; ``../shared/data/basil``). This is
the measurement behind choosing our own rules for ``outletdiff.segment``.

    python eval/eval_segmentation.py
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datasets import BASIL, REPO, missing  # noqa: E402

from outletdiff.segment import split_sentences  # noqa: E402

Splitter = Callable[[str], list[tuple[int, int]]]
Case = tuple[str, set[int]]


def naive(text: str) -> list[tuple[int, int]]:
    """Split after every . ! ? followed by a space: the baseline to beat."""
    spans, start = [], 0
    for match in re.finditer(r"[.!?]+[\"'\u201d\u2019)]*\s+", text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def pysbd_splitter() -> Splitter | None:
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda text: [(span.start, span.end) for span in segmenter.segment(text)]


def ours(text: str) -> list[tuple[int, int]]:
    return split_sentences(text)


def tricky_cases() -> list[Case]:
    """Paragraph text and its gold boundary offsets (end of every sentence but the last)."""
    record = json.loads((REPO / "tests" / "gold" / "segmentation.json").read_text(encoding="utf-8"))
    return [_case(case["sentences"]) for case in record["cases"]]


def basil_cases(limit: int = 3000) -> list[Case]:
    """Multi-sentence paragraphs of BASIL articles, sentences joined by one space."""
    cases: list[Case] = []
    for path in sorted((BASIL / "articles").glob("*/*.json")):
        for paragraph in json.loads(path.read_text(encoding="utf-8"))["body-paragraphs"]:
            sentences = [s.strip() for s in paragraph if s.strip()]
            if len(sentences) > 1:
                cases.append(_case(sentences))
            if len(cases) >= limit:
                return cases
    return cases


def _case(sentences: list[str]) -> Case:
    text = " ".join(sentences)
    boundaries, position = set(), 0
    for sentence in sentences[:-1]:
        position += len(sentence)
        boundaries.add(position)
        position += 1
    return text, boundaries


def score(splitter: Splitter, cases: Iterable[Case]) -> tuple[float, float, float]:
    """Precision, recall and F1 of inner sentence boundaries (whitespace-insensitive)."""
    correct = predicted = gold = 0
    for text, boundaries in cases:
        found = {_end_without_space(text, end) for _, end in splitter(text)[:-1]}
        correct += len(found & boundaries)
        predicted += len(found)
        gold += len(boundaries)
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _end_without_space(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def main() -> None:
    splitters: dict[str, Splitter | None] = {
        "naive regex": naive,
        "pysbd": pysbd_splitter(),
        "outletdiff": ours,
    }
    datasets = {"tricky cases (tests/gold)": tricky_cases()}
    if message := missing(BASIL):
        print(f"BASIL {message}")
    else:
        datasets["BASIL paragraphs"] = basil_cases()
    for name, cases in datasets.items():
        print(f"{name}: {len(cases)} paragraphs")
        for label, splitter in splitters.items():
            if splitter is None:
                print(f"  {label:12} not installed")
                continue
            p, r, f = score(splitter, cases)
            print(f"  {label:12} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")


if __name__ == "__main__":
    main()
