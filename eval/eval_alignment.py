"""Precision, recall and F1 of the sentence aligner against the hand-labelled alignment gold.

A predicted link (counterpart or overlap) between our sentences s and t is correct when some
gold link joins a gold unit inside s with a gold unit inside t; a gold link is found when some
predicted link covers both its units. Units are located by character overlap, so the figures
do not depend on our sentence splitter agreeing with the gold's.

The figures that count are **leave-event-out**: each gold pair is scored with a link model
fitted only on pairs that share no event with it (``fit_link_model.py`` does the fitting; this
module prepares the data and scores). ``python eval/eval_alignment.py`` prints them, per pair
and overall, with the reliability table of the probabilities; ``--shipped`` scores the model
shipped in the package instead (fitted on every pair, so not evidence of quality).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datasets import BASIL, REPO, basil_article, missing  # noqa: E402
from scoring import Score  # noqa: E402

from outletdiff.align import align  # noqa: E402
from outletdiff.linkmodel import LinkModel, ScoredPairs, pair_feature_matrix, shipped_model  # noqa: E402
from outletdiff.load import load_path  # noqa: E402
from outletdiff.model import Alignment, Document, Sentence  # noqa: E402
from outletdiff.options import CompareOptions  # noqa: E402
from outletdiff.segment import segment  # noqa: E402
from outletdiff.similarity import (  # noqa: E402
    build_features,
    candidate_pairs,
    document_similarity,
    event_similarity,
)

GOLD = REPO / "tests" / "gold" / "alignment"
SEED = "seed-putin-talks"


@dataclass(frozen=True)
class GoldPair:
    """Two documents, their gold units as spans, the gold links, and the events they cover."""

    name: str
    documents: tuple[Document, Document]
    units: tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]
    links: frozenset[tuple[int, int]]
    same: frozenset[tuple[int, int]]
    events: frozenset[str]
    other_events: bool


def load_gold(paths: Sequence[Path] | None = None) -> list[GoldPair]:
    """Every gold pair whose source documents are available."""
    pairs = []
    for path in paths or sorted(GOLD.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        source = record["source"]
        if source["kind"] == "file":
            documents = tuple(load_path(REPO / source[side]) for side in ("a", "b"))
            events = frozenset({record["name"]})
        elif missing(BASIL):
            continue
        elif source["kind"] == "basil":
            documents = tuple(
                basil_article(source["year"], source["triplet"], source[side]).document for side in ("a", "b")
            )
            events = frozenset({source["triplet"]})
        else:  # two articles about different events
            articles = [source[side] for side in ("a", "b")]
            documents = tuple(basil_article(x["year"], x["triplet"], x["outlet"]).document for x in articles)
            events = frozenset(x["triplet"] for x in articles)
        units = tuple(
            _locate([u["text"] for u in record[f"{side}_units"]], documents[k])
            for k, side in enumerate(("a", "b"))
        )
        links = frozenset((link["a"], link["b"]) for link in record["links"])
        same = frozenset((link["a"], link["b"]) for link in record["links"] if link["kind"] == "same")
        other = source["kind"] == "basil-other-events"
        pairs.append(GoldPair(record["name"], documents, units, links, same, events, other))  # type: ignore[arg-type]
    return pairs


def _locate(unit_texts: list[str], document: Document) -> tuple[tuple[int, int], ...]:
    """Each unit's span in the document, searched in order after the front matter: a file's
    ``title:`` line repeats its headline, which is not a sentence of the article."""
    text = document.text
    spans = []
    cursor = max((block.end for block in document.blocks if block.kind == "metadata"), default=0)
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
    """A gold pair with our sentences, candidate pairs, their features and gold labels."""

    gold: GoldPair
    sentences: tuple[tuple[Sentence, ...], tuple[Sentence, ...]]
    a: np.ndarray
    b: np.ndarray
    matrix: np.ndarray
    labels: np.ndarray
    event_similarity: float
    inside: tuple[list[set[int]], list[set[int]]]


def prepare(pair: GoldPair, options: CompareOptions) -> PreparedPair:
    """Segment both documents, find the candidate pairs and their features, label them."""
    sentences = (segment(pair.documents[0], doc=0), segment(pair.documents[1], doc=1))
    features = build_features(sentences)
    rows_a, rows_b = features.rows(0, len(sentences[0])), features.rows(1, len(sentences[1]))
    candidates = candidate_pairs(features, rows_a, rows_b, shortlist=options.shortlist)
    document = document_similarity(features, rows_a, rows_b)
    matrix = pair_feature_matrix(candidates, sentences[0], sentences[1], features, rows_a, rows_b, document)
    inside = (
        [_units_inside(s, pair.units[0]) for s in sentences[0]],
        [_units_inside(s, pair.units[1]) for s in sentences[1]],
    )
    labels = np.array(
        [
            _linked(pair, inside, i, j)
            for i, j in zip(candidates.a.tolist(), candidates.b.tolist(), strict=True)
        ],
        dtype=float,
    )
    event = event_similarity(document)
    return PreparedPair(pair, sentences, candidates.a, candidates.b, matrix, labels, event, inside)


def _linked(pair: GoldPair, inside: tuple[list[set[int]], list[set[int]]], i: int, j: int) -> bool:
    return any((g, h) in pair.links for g in inside[0][i] for h in inside[1][j])


def _units_inside(sentence: Sentence, units: Sequence[tuple[int, int]]) -> set[int]:
    """Gold units sharing most of their characters (or most of the sentence's) with ``sentence``."""
    inside = set()
    for unit_id, (start, end) in enumerate(units):
        shared = min(end, sentence.end) - max(start, sentence.start)
        if shared > 0 and shared >= 0.5 * min(end - start, sentence.end - sentence.start):
            inside.add(unit_id)
    return inside


def aligned(prepared: PreparedPair, probability: np.ndarray, options: CompareOptions) -> Alignment:
    """Our alignment of a prepared pair given each candidate's probability."""
    shape = (len(prepared.sentences[0]), len(prepared.sentences[1]))
    scored = ScoredPairs(prepared.a, prepared.b, np.round(probability, 9), shape, prepared.event_similarity)
    texts = (prepared.gold.documents[0].text, prepared.gold.documents[1].text)
    return align(*prepared.sentences, scored, docs=(0, 1), texts=texts, options=options)


@dataclass(frozen=True)
class PairResult:
    """How one pair's alignment compares with its gold."""

    links: Score
    counterparts: Score
    same_found: int
    same_total: int
    counterpart_count: int


def score_alignment(prepared: PreparedPair, alignment: Alignment) -> PairResult:
    """Link and counterpart precision / recall, and how many ``same`` gold links were found."""
    gold = prepared.gold
    inside_a, inside_b = prepared.inside
    links = {(link.a, link.b) for link in alignment.links}
    counterparts = {(link.a, link.b) for link in alignment.links if link.relation == "counterpart"}

    def score(predicted: set[tuple[int, int]]) -> Score:
        correct = sum(_linked(gold, prepared.inside, i, j) for i, j in predicted)
        covered = {(g, h) for i, j in predicted for g in inside_a[i] for h in inside_b[j]}
        return Score(correct, len(predicted), len(gold.links & covered), len(gold.links))

    covered = {(g, h) for i, j in links for g in inside_a[i] for h in inside_b[j]}
    return PairResult(
        score(links), score(counterparts), len(gold.same & covered), len(gold.same), len(counterparts)
    )


def reliability(probabilities: np.ndarray, labels: np.ndarray, bins: int = 10) -> tuple[list[tuple], float]:
    """Rows (bin, pairs, mean probability, share right) and the expected calibration error."""
    rows = []
    error = 0.0
    edges = np.linspace(0, 1, bins + 1)
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        inside = (probabilities >= low) & ((probabilities < high) | (high == 1))
        if inside.any():
            mean, share = float(probabilities[inside].mean()), float(labels[inside].mean())
            rows.append((f"{low:.1f}-{high:.1f}", int(inside.sum()), mean, share))
            error += inside.sum() / len(probabilities) * abs(mean - share)
    return rows, error


def report(
    prepared: list[PreparedPair], probabilities: list[np.ndarray], options: CompareOptions, *, title: str
) -> dict[str, float]:
    """Print per-pair and overall figures; return the overall ones."""
    total = Score()
    counterparts = Score()
    same_found = same_total = other_counterparts = 0
    print(f"{title}\n{'pair':45} {'P':>6} {'R':>6} {'F1':>6}  links pred/gold  counterpart P")
    for pair, probability in zip(prepared, probabilities, strict=True):
        result = score_alignment(pair, aligned(pair, probability, options))
        if pair.gold.other_events:
            other_counterparts += result.counterpart_count
            continue
        total += result.links
        counterparts += result.counterparts
        same_found += result.same_found
        same_total += result.same_total
        print(
            f"{pair.gold.name:45} {result.links.precision:6.3f} {result.links.recall:6.3f} "
            f"{result.links.f1:6.3f}  {result.links.predicted}/{result.links.gold}"
            f"  {result.counterparts.precision:.3f}"
        )
    table, ece = reliability(np.concatenate(probabilities), np.concatenate([p.labels for p in prepared]))
    candidates = sum(len(p.labels) for p in prepared)
    reachable = sum(int(p.labels.sum()) for p in prepared)
    print(
        f"{'overall (micro), same-event pairs':45} {total.precision:6.3f} {total.recall:6.3f} {total.f1:6.3f}"
        f"  {total.predicted}/{total.gold}  {counterparts.precision:.3f}"
    )
    print(f"same links found: {same_found}/{same_total} = {same_found / max(same_total, 1):.3f}")
    print(f"counterpart precision: {counterparts.precision:.3f} ({counterparts.predicted} counterparts)")
    others = sum(p.gold.other_events for p in prepared)
    print(f"counterpart links on the {others} different-event pairs: {other_counterparts}")
    print(f"candidate pairs: {candidates}, of which linked in the gold: {reachable}")
    print(f"reliability (probability bins of candidate pairs; ECE {ece:.3f}):")
    print(f"  {'bin':9} {'pairs':>6} {'mean p':>7} {'right':>7}")
    for name, count, mean, share in table:
        print(f"  {name:9} {count:6} {mean:7.3f} {share:7.3f}")
    return {
        "f1": total.f1,
        "precision": total.precision,
        "recall": total.recall,
        "same_recall": same_found / max(same_total, 1),
        "counterpart_precision": counterparts.precision,
        "other_counterparts": other_counterparts,
        "ece": ece,
    }


def leave_event_out(
    prepared: list[PreparedPair], fit: Callable[[np.ndarray, np.ndarray], LinkModel]
) -> list[np.ndarray]:
    """Each pair's probabilities from a model fitted on the pairs that share no event with it."""
    models: dict[frozenset[str], LinkModel] = {}  # pairs of one event share their training set
    probabilities = []
    for pair in prepared:
        training = [p for p in prepared if not (p.gold.events & pair.gold.events)]
        key = frozenset(p.gold.name for p in training)
        if key not in models:
            models[key] = fit(
                np.vstack([p.matrix for p in training]), np.concatenate([p.labels for p in training])
            )
        probabilities.append(models[key].probability(pair.matrix))
    return probabilities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shipped", action="store_true", help="score the shipped model (fitted on all pairs)"
    )
    args = parser.parse_args()
    if message := missing(BASIL):
        print(f"BASIL pairs {message}")
    options = CompareOptions()
    prepared = [prepare(pair, options) for pair in load_gold()]
    if args.shipped:
        model = shipped_model()
        report(prepared, [model.probability(p.matrix) for p in prepared], options, title="shipped model")
        return
    from fit_link_model import fit_logistic

    report(prepared, leave_event_out(prepared, fit_logistic), options, title="leave-event-out")


if __name__ == "__main__":
    main()
