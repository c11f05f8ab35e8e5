"""Quality gate for finding events in a pile: BASIL's 300 articles, shuffled, ids hidden.

Floors are pinned; lowering one needs a reason in the commit that does it.
"""

from __future__ import annotations

import pytest
from datasets import BASIL, missing
from events_eval import evaluate

PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.95


@pytest.mark.skipif(missing(BASIL / "articles") is not None, reason="BASIL is not beside the repository")
@pytest.mark.parametrize("seed", [0, 1])
def test_basil_pile_grouping_meets_the_floors(seed: int) -> None:
    score = evaluate(seed)
    assert score.gold == 300  # 100 events x 3 outlets = 300 same-event pairs
    assert score.precision >= PRECISION_FLOOR
    assert score.recall >= RECALL_FLOOR
