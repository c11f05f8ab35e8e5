"""Fit the link model (``outletdiff/linkmodel.py``) on the alignment gold and ship its parameters.

An L2-regularised logistic regression over the pair features, fitted by Newton's method in
numpy: no training library is needed, here or at run time. ``eval_alignment.py`` reports the
leave-event-out figures of exactly this fit; this script fits on every gold pair and, with
``--write``, stores the result in ``outletdiff/data/link_model.json``.

    python eval/fit_link_model.py [--write]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_alignment import load_gold, prepare  # noqa: E402

from outletdiff.linkmodel import FEATURES, LinkModel  # noqa: E402
from outletdiff.options import CompareOptions  # noqa: E402

SHIPPED = Path(__file__).resolve().parents[1] / "outletdiff" / "data" / "link_model.json"
# Strength of the L2 penalty on the standardised coefficients (not on the intercept).
PENALTY = 1.0


def fit_logistic(matrix: np.ndarray, labels: np.ndarray, *, penalty: float = PENALTY) -> LinkModel:
    """Maximum-likelihood logistic regression with an L2 penalty, on standardised features,
    by Newton's method (a few steps: the problem is small and convex)."""
    mean = matrix.mean(axis=0)
    scale = matrix.std(axis=0)
    scale[scale == 0] = 1.0
    design = np.column_stack([np.ones(len(matrix)), (matrix - mean) / scale])
    prior = penalty * np.eye(design.shape[1])
    prior[0, 0] = 0.0  # the intercept is not penalised
    theta = np.zeros(design.shape[1])
    for _ in range(50):
        probability = 1 / (1 + np.exp(-(design @ theta)))
        gradient = design.T @ (probability - labels) + prior @ theta
        hessian = (design * (probability * (1 - probability))[:, None]).T @ design + prior
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-8:
            break
    return LinkModel(
        mean=tuple(round(float(v), 6) for v in mean),
        scale=tuple(round(float(v), 6) for v in scale),
        coef=tuple(round(float(v), 6) for v in theta[1:]),
        intercept=round(float(theta[0]), 6),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write the fitted model to {SHIPPED}")
    args = parser.parse_args()
    options = CompareOptions()
    prepared = [prepare(pair, options) for pair in load_gold()]
    model = fit_logistic(
        np.vstack([p.matrix for p in prepared]), np.concatenate([p.labels for p in prepared])
    )
    print(f"{'feature':16} {'coefficient':>11}  (standardised)")
    for name, coefficient in sorted(zip(FEATURES, model.coef, strict=True), key=lambda item: -abs(item[1])):
        print(f"{name:16} {coefficient:11.3f}")
    print(f"{'intercept':16} {model.intercept:11.3f}")
    if args.write:
        SHIPPED.write_text(model.to_json(), encoding="utf-8")
        print(f"wrote {SHIPPED}")


if __name__ == "__main__":
    main()
