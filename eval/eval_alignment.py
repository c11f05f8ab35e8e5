"""Precision, recall and F1 of the sentence aligner against the hand-labelled alignment gold.

A predicted link (counterpart or overlap) between our sentences s and t is correct when some
gold link joins a gold unit inside s with a gold unit inside t; a gold link is found when some
predicted link covers both its units. Units are located by character overlap, so the figures
do not depend on our sentence splitter agreeing with the gold's.

    python eval/eval_alignment.py            # per pair and overall
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datasets import BASIL, REPO, basil_article, missing  # noqa: E402
from scoring import Score  # noqa: E402

from outletdiff.align import align  # noqa: E402
from outletdiff.load import load_path  # noqa: E402
from outletdiff.model import Document, Sentence  # noqa: E402
from outletdiff.options import CompareOptions  # noqa: E402
from outletdiff.segment import segment  # noqa: E402
from outletdiff.similarity import Weights, build_features, combine, pair_features  # noqa: E402

GOLD = REPO / "tests" / "gold" / "alignment"


@dataclass(frozen=True)
class GoldPair:
    """Two documents, their gold units as spans, and the gold links between unit ids."""

    name: str
    documents: tuple[Document, Document]
    units: tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]
    links: frozenset[tuple[int, int]]


def load_gold(paths: Sequence[Path] | None = None) -> list[GoldPair]:
    """Every gold pair whose source documents are available."""
    pairs = []
    for path in paths or sorted(GOLD.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        source = record["source"]
        if source["kind"] == "basil":
            if missing(BASIL):
                continue
            documents = tuple(
                basil_article(source["year"], source["triplet"], source[side]).document for side in ("a", "b")
            )
        else:
            documents = tuple(load_path(REPO / source[side]) for side in ("a", "b"))
        units = tuple(
            _locate([u["text"] for u in record[f"{side}_units"]], documents[k].text)
            for k, side in enumerate(("a", "b"))
        )
        links = frozenset((link["a"], link["b"]) for link in record["links"])
        pairs.append(GoldPair(record["name"], documents, units, links))  # type: ignore[arg-type]
    return pairs


def _locate(unit_texts: list[str], text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    cursor = 0
    for unit in unit_texts:
        unit = unit.strip().removeprefix("- ")
        start = text.find(unit, cursor)
        if start < 0:
            raise ValueError(f"gold unit not found in document: {unit[:60]!r}")
        spans.append((start, start + len(unit)))
        cursor = start + len(unit)
    return tuple(spans)


@dataclass(frozen=True)
class PreparedPair:
    """A gold pair with our sentences and similarity signals computed once (for calibration)."""

    gold: GoldPair
    sentences: tuple[tuple[Sentence, ...], tuple[Sentence, ...]]
    signals: dict[str, np.ndarray]


def prepare(pair: GoldPair, options: CompareOptions) -> PreparedPair:
    """Segment both documents and compute every similarity signal between them."""
    sentences = (segment(pair.documents[0], doc=0), segment(pair.documents[1], doc=1))
    features = build_features(sentences)
    signals = pair_features(
        features,
        features.rows(0, len(sentences[0])),
        features.rows(1, len(sentences[1])),
        shortlist=options.shortlist,
    )
    return PreparedPair(pair, sentences, signals)


def score_pair(prepared: PreparedPair, options: CompareOptions, weights: Weights | None = None) -> Score:
    """Link precision and recall of our alignment for one gold pair."""
    ours_a, ours_b = prepared.sentences
    alignment = align(
        ours_a, ours_b, combine(prepared.signals, weights or Weights()), docs=(0, 1), options=options
    )
    links = {(link.a, link.b) for link in alignment.links}
    gold = prepared.gold
    inside_a = [_units_inside(s, gold.units[0]) for s in ours_a]
    inside_b = [_units_inside(s, gold.units[1]) for s in ours_b]
    correct = sum(any((g, h) in gold.links for g in inside_a[i] for h in inside_b[j]) for i, j in links)
    covered = {(g, h) for i, j in links for g in inside_a[i] for h in inside_b[j]}
    return Score(correct, len(links), len(gold.links & covered), len(gold.links))


def _units_inside(sentence: Sentence, units: Sequence[tuple[int, int]]) -> set[int]:
    """Gold units sharing most of their characters (or most of the sentence's) with ``sentence``."""
    inside = set()
    for unit_id, (start, end) in enumerate(units):
        shared = min(end, sentence.end) - max(start, sentence.start)
        if shared > 0 and shared >= 0.5 * min(end - start, sentence.end - sentence.start):
            inside.add(unit_id)
    return inside


def main() -> None:
    pairs = load_gold()
    if message := missing(BASIL):
        print(f"BASIL pairs {message}")
    options = CompareOptions()
    total = Score(0, 0, 0, 0)
    print(f"{'pair':45} {'P':>6} {'R':>6} {'F1':>6}  links pred/gold")
    for pair in pairs:
        score = score_pair(prepare(pair, options), options)
        total += score
        print(
            f"{pair.name:45} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}  "
            f"{score.predicted}/{score.gold}"
        )
    print(
        f"{'overall (micro)':45} {total.precision:6.3f} {total.recall:6.3f} {total.f1:6.3f}  "
        f"{total.predicted}/{total.gold}"
    )


if __name__ == "__main__":
    main()
