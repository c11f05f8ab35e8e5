"""Fit the aligner's weights and thresholds on the alignment gold, and check them on held-out pairs.

Random search over the signal weights and the overlap/counterpart thresholds, maximising
micro-averaged link F1. Leave-one-pair-out: the figure that matters is the F1 on each pair
when the parameters were fitted on the others; the parameters fitted on all pairs are printed
for ``Weights`` (similarity.py) and ``CompareOptions`` (options.py).

    python eval/calibrate_alignment.py [--trials 400] [--seed 0]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_alignment import PreparedPair, Score, load_gold, prepare, score_pair  # noqa: E402

from outletdiff.options import CompareOptions  # noqa: E402
from outletdiff.similarity import Weights  # noqa: E402

Candidate = tuple[Weights, CompareOptions]


def random_candidates(count: int, seed: int) -> list[Candidate]:
    """The current defaults, then random weights (summing to 1) and thresholds."""
    rng = np.random.default_rng(seed)
    candidates: list[Candidate] = [(Weights(), CompareOptions())]
    for _ in range(count):
        words, chars, anchors, bigrams, fuzzy = rng.dirichlet(np.ones(5))
        weights = Weights(
            words=words, chars=chars, anchors=anchors, bigrams=bigrams, fuzzy=fuzzy,
            gate=rng.uniform(0, 1), neighbours=rng.uniform(0, 0.4),
        )  # fmt: skip
        overlap = rng.uniform(0.05, 0.4)
        options = CompareOptions(
            overlap_threshold=overlap, counterpart_threshold=overlap * rng.uniform(0.6, 1.5)
        )
        candidates.append((weights, options))
    return candidates


def total(pairs: list[PreparedPair], candidate: Candidate) -> Score:
    weights, options = candidate
    result = Score(0, 0, 0, 0)
    for pair in pairs:
        result += score_pair(pair, options, weights)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=400)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    pairs = [prepare(pair, CompareOptions()) for pair in load_gold()]
    candidates = random_candidates(args.trials, args.seed)
    per_pair = [[score_pair(p, c[1], c[0]) for p in pairs] for c in candidates]
    held_out = Score(0, 0, 0, 0)
    print(f"{'held-out pair':45} {'P':>6} {'R':>6} {'F1':>6}")
    for k, pair in enumerate(pairs):
        best = max(range(len(candidates)), key=lambda c: _sum(per_pair[c], skip=k).f1)
        score = per_pair[best][k]
        held_out += score
        print(f"{pair.gold.name:45} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}")
    print(
        f"{'leave-one-pair-out (micro)':45} "
        f"{held_out.precision:6.3f} {held_out.recall:6.3f} {held_out.f1:6.3f}"
    )
    best = max(range(len(candidates)), key=lambda c: _sum(per_pair[c]).f1)
    fitted = _sum(per_pair[best])
    weights, options = candidates[best]
    print(f"\nfitted on all pairs: F1 {fitted.f1:.3f} (P {fitted.precision:.3f}, R {fitted.recall:.3f})")
    print({k: round(v, 3) for k, v in dataclasses.asdict(weights).items()})
    print(
        f"overlap_threshold={options.overlap_threshold:.3f} "
        f"counterpart_threshold={options.counterpart_threshold:.3f}"
    )


def _sum(scores: list[Score], skip: int | None = None) -> Score:
    result = Score(0, 0, 0, 0)
    for k, score in enumerate(scores):
        if k != skip:
            result += score
    return result


if __name__ == "__main__":
    main()
