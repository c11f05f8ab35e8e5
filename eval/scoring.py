"""Precision, recall and F1 from counts: the one definition every evaluation script uses.

Predicted and gold items are matched separately (a prediction is correct when it matches some
gold item; a gold item is found when some prediction matches it), so the two true-positive
counts can differ when matching is not one-to-one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Score:
    """Counts behind precision and recall; scores add up across documents."""

    correct_predicted: int = 0
    predicted: int = 0
    found_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.correct_predicted + other.correct_predicted,
            self.predicted + other.predicted,
            self.found_gold + other.found_gold,
            self.gold + other.gold,
        )
