"""Measure how well ``outletdiff events`` finds events in an unsorted pile: pairwise P / R / F1.

BASIL (Fan et al., EMNLP 2019) holds 100 events, each covered by Fox News, the New York Times
and the Huffington Post, sometimes days apart. All 300 articles are read as one pile, in a
shuffled order and with their event ids (``triplet-uuid``) hidden from the grouping; then
every pair of articles is scored: predicted same-event pairs against true ones.

Run: ``python eval/events_eval.py [--seed N]``. Skipped with a message when BASIL is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from datasets import BASIL, missing  # noqa: E402
from scoring import Score  # noqa: E402

from outletdiff.corpus.grouping import GroupOptions, group_articles  # noqa: E402
from outletdiff.corpus.pile import PileArticle, read_pile  # noqa: E402


def basil_pile(seed: int = 0) -> tuple[list[PileArticle], list[str]]:
    """BASIL's articles in a shuffled order, and the true event of each (kept apart)."""
    articles = list(read_pile(BASIL / "articles"))
    random.Random(seed).shuffle(articles)
    truth = [json.loads(Path(a.origin).read_text(encoding="utf-8"))["triplet-uuid"] for a in articles]
    return articles, truth


def pairwise_score(predicted: list[int], truth: list[str]) -> Score:
    """Pairs of articles put in one event, against pairs that are one event."""
    correct = said = real = 0
    for i, j in combinations(range(len(truth)), 2):
        same_predicted = predicted[i] == predicted[j] and predicted[i] >= 0
        same_true = truth[i] == truth[j]
        said += same_predicted
        real += same_true
        correct += same_predicted and same_true
    return Score(correct, said, correct, real)


def evaluate(seed: int = 0, options: GroupOptions | None = None) -> Score:
    articles, truth = basil_pile(seed)
    grouping = group_articles(articles, options=options)
    predicted = [-1] * len(articles)
    for number, event in enumerate(grouping.events):
        for index in event:
            predicted[index] = number
    return pairwise_score(predicted, truth)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="shuffle seed")
    args = parser.parse_args()
    reason = missing(BASIL / "articles")
    if reason:
        print(f"skipped: {reason}")
        return
    score = evaluate(args.seed)
    print(
        f"BASIL, 300 articles in one shuffled pile (seed {args.seed}): pairwise precision "
        f"{score.precision:.3f}, recall {score.recall:.3f}, F1 {score.f1:.3f} "
        f"({score.correct_predicted} of {score.predicted} predicted pairs right, {score.gold} true pairs)"
    )


if __name__ == "__main__":
    main()
