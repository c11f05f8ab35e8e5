"""The probability that two outlets' sentences are linked, from a small learned model.

A hand-weighted mix of similarities gave scores a user could not reason about (a wrong link
at 0.28, a right one at 0.22). Here each candidate pair (see ``similarity.candidate_pairs``)
is described by features a reader would weigh: how much wording, characters and names the
two share; whether one *clause* of a long sentence matches a short one; shared quoted words
and numbers; whether the pair is each side's best match; whether its neighbours match too;
headlines; and how much the two whole documents share (two articles about different events
share little but the kind of story). A logistic regression over those features, fitted on
the hand-labelled gold by ``eval/fit_link_model.py`` with leave-event-out checks, turns them
into a probability that the link is right. Its parameters ship as ``data/link_model.json``:
at run time there is only a dot product, no training library.

Every feature is symmetric in the two documents, so swapping them gives the same numbers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from .model import Sentence
from .similarity import Candidates, Features, document_similarity, event_similarity, pair_similarity

FEATURES = (
    "words",
    "chars",
    "anchors",
    "bigrams",
    "fuzzy",
    "clause",
    "contain_small",
    "contain_large",
    "quoted",
    "numbers",
    "shared_terms",
    "rarest_shared",
    "denial_one",
    "denial_overlap",
    "partial",
    "length_ratio",
    "shorter_length",
    "longer_length",
    "position",
    "position_mean",
    "share_best",
    "share_worst",
    "mutual_best",
    "neighbours",
    "headline_one",
    "headline_both",
    "event_words",
    "event_anchors",
)


# The probability given to two sentences written exactly the same (once folded); the model's
# own probabilities stop just short of it, so a copy always wins over a near-copy.
SAME_TEXT = 1.0
_MODEL_CEILING = 0.999


@dataclass(frozen=True)
class LinkModel:
    """A fitted logistic regression over ``FEATURES``: standardise, weigh, squash."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def probability(self, matrix: np.ndarray) -> np.ndarray:
        """The probability of a link for each row of a feature matrix."""
        if not len(matrix):
            return np.zeros(0)
        logit = ((matrix - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.coef)
        return 1.0 / (1.0 + np.exp(-(logit + self.intercept)))

    def to_json(self) -> str:
        """The shipped parameter file's text."""
        record = {
            "features": list(FEATURES),
            **{k: getattr(self, k) for k in ("intercept", "mean", "scale", "coef")},
        }
        return json.dumps(record, indent=2) + "\n"


@cache
def shipped_model() -> LinkModel:
    """The model fitted on the project's alignment gold (``eval/fit_link_model.py``)."""
    record = json.loads(resources.files("outletdiff").joinpath("data/link_model.json").read_text("utf-8"))
    if tuple(record["features"]) != FEATURES:
        raise RuntimeError("data/link_model.json was fitted on other features; refit it")
    return LinkModel(
        mean=tuple(record["mean"]),
        scale=tuple(record["scale"]),
        coef=tuple(record["coef"]),
        intercept=float(record["intercept"]),
    )


def pair_feature_matrix(
    candidates: Candidates,
    sentences_a: Sequence[Sentence],
    sentences_b: Sequence[Sentence],
    features: Features,
    rows_a: np.ndarray,
    rows_b: np.ndarray,
    document: tuple[float, float],
) -> np.ndarray:
    """One row of ``FEATURES`` per candidate pair, computed for all pairs at once;
    ``document`` is the two documents' ``document_similarity``."""
    count = len(candidates)
    if not count:
        return np.zeros((0, len(FEATURES)))
    columns: dict[str, np.ndarray] = dict(candidates.signals)
    ra, rb = rows_a[candidates.a], rows_b[candidates.b]
    terms = features.terms
    present = terms.astype(bool).astype(float)
    shared = _row_products(terms, present, ra, rb)
    totals = np.asarray(terms.sum(axis=1)).ravel()
    low, high = np.minimum(totals[ra], totals[rb]), np.maximum(totals[ra], totals[rb])
    columns["contain_small"] = _ratio(shared, low)
    columns["contain_large"] = _ratio(shared, high)
    common = _row_products(present, present, ra, rb)
    columns["shared_terms"] = np.log1p(common)
    columns["rarest_shared"] = _row_max_of_products(terms, present, ra, rb)
    lengths = np.asarray(present.sum(axis=1)).ravel()
    short, long = np.minimum(lengths[ra], lengths[rb]), np.maximum(lengths[ra], lengths[rb])
    columns["length_ratio"] = np.where(long > 0, _ratio(short, long), 1.0)
    columns["shorter_length"] = np.log1p(short)
    columns["longer_length"] = np.log1p(long)
    columns["clause"] = _clause_scores(features, ra, rb)
    quoted_counts = np.asarray(features.quoted.sum(axis=1)).ravel()
    columns["quoted"] = _ratio(
        _row_products(features.quoted, features.quoted, ra, rb),
        np.minimum(quoted_counts[ra], quoted_counts[rb]),
    )
    columns["numbers"] = np.minimum(_row_products(features.numbers, features.numbers, ra, rb), 3) / 3
    columns["denial_one"] = (features.denial[ra] != features.denial[rb]).astype(float)
    columns["denial_overlap"] = columns["denial_one"] * columns["contain_small"]
    columns["partial"] = (
        process.cpdist(
            [features.content[r] for r in ra.tolist()],
            [features.content[r] for r in rb.tolist()],
            scorer=fuzz.partial_ratio,
        )
        / 100
    )
    n_a, n_b = candidates.shape
    position_a, position_b = candidates.a / max(n_a - 1, 1), candidates.b / max(n_b - 1, 1)
    columns["position"] = np.abs(position_a - position_b)
    columns["position_mean"] = (position_a + position_b) / 2
    columns.update(_ranking(candidates))
    columns["neighbours"] = _neighbours(candidates, features, rows_a, rows_b)
    head_a = np.array([s.kind == "headline" for s in sentences_a], dtype=float)[candidates.a]
    head_b = np.array([s.kind == "headline" for s in sentences_b], dtype=float)[candidates.b]
    columns["headline_one"] = np.abs(head_a - head_b)
    columns["headline_both"] = head_a * head_b
    columns["event_words"] = np.full(count, document[0])
    columns["event_anchors"] = np.full(count, document[1])
    return np.round(np.column_stack([columns[name] for name in FEATURES]), 9)


def _row_products(
    left: sparse.csr_matrix, right: sparse.csr_matrix, rows_a: np.ndarray, rows_b: np.ndarray
) -> np.ndarray:
    """Dot product of ``left`` row ``rows_a[k]`` with ``right`` row ``rows_b[k]`` for every
    ``k``: with a weighted and a 0/1 matrix, the weight of the terms the two rows share."""
    return np.asarray(left[rows_a].multiply(right[rows_b]).sum(axis=1)).ravel()


def _row_max_of_products(
    weighted: sparse.csr_matrix, present: sparse.csr_matrix, rows_a: np.ndarray, rows_b: np.ndarray
) -> np.ndarray:
    """The largest weight among the terms two rows share (0 when they share none)."""
    products = sparse.csr_matrix(weighted[rows_a].multiply(present[rows_b]))
    return np.asarray(products.max(axis=1).toarray()).ravel()


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    return np.divide(numerator, denominator, out=np.zeros(len(numerator)), where=denominator > 0)


def _clause_scores(features: Features, rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
    """Weighted Dice of each pair's best-matching pair of clauses: a long sentence that
    shares one clause with a short one scores high here though its whole-sentence cosine is
    low. Every clause pair of every candidate is scored in one sparse pass."""
    owner = features.clause_owner
    first = np.searchsorted(owner, np.arange(len(features.content)))
    count = np.bincount(owner, minlength=len(features.content))
    # Candidate k, repeated once per (clause of a, clause of b).
    per_pair = count[rows_a] * count[rows_b]
    pair = np.repeat(np.arange(len(rows_a)), per_pair)
    offset = np.arange(per_pair.sum()) - np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
    clause_a = first[rows_a][pair] + offset // count[rows_b][pair]
    clause_b = first[rows_b][pair] + offset % count[rows_b][pair]
    weighted = features.clauses
    present = weighted.astype(bool).astype(float)
    totals = np.asarray(weighted.sum(axis=1)).ravel()
    shared = _row_products(weighted, present, clause_a, clause_b)
    dice = _ratio(2 * shared, totals[clause_a] + totals[clause_b])
    best = np.zeros(len(rows_a))
    np.maximum.at(best, pair, dice)
    return best


def _ranking(candidates: Candidates) -> dict[str, np.ndarray]:
    """How each pair compares with the best candidate of its two sentences."""
    base = (candidates.signals["words"] + candidates.signals["chars"]) / 2
    best_a = np.zeros(candidates.shape[0])
    best_b = np.zeros(candidates.shape[1])
    np.maximum.at(best_a, candidates.a, base)
    np.maximum.at(best_b, candidates.b, base)
    share_a = np.divide(base, best_a[candidates.a], out=np.zeros_like(base), where=best_a[candidates.a] > 0)
    share_b = np.divide(base, best_b[candidates.b], out=np.zeros_like(base), where=best_b[candidates.b] > 0)
    return {
        "share_best": np.maximum(share_a, share_b),
        "share_worst": np.minimum(share_a, share_b),
        "mutual_best": ((share_a >= 1) & (share_b >= 1)).astype(float),
    }


def _neighbours(
    candidates: Candidates, features: Features, rows_a: np.ndarray, rows_b: np.ndarray
) -> np.ndarray:
    """The better similarity of a pair's diagonal neighbours (the sentences before both and
    after both): runs of matching sentences back each other up."""
    n_a, n_b = candidates.shape
    best = np.zeros(len(candidates))
    for step in (-1, 1):
        i, j = candidates.a + step, candidates.b + step
        inside = (i >= 0) & (i < n_a) & (j >= 0) & (j < n_b)
        if inside.any():
            best[inside] = np.maximum(
                best[inside], pair_similarity(features, rows_a[i[inside]], rows_b[j[inside]])
            )
    return best


@dataclass(frozen=True)
class ScoredPairs:
    """Candidate pairs of two documents with the model's probability that each is a link,
    and how much the two documents share as a whole."""

    a: np.ndarray
    b: np.ndarray
    probability: np.ndarray
    shape: tuple[int, int]
    event_similarity: float

    @classmethod
    def none(cls, shape: tuple[int, int]) -> ScoredPairs:
        """No candidate at all (documents that share no word)."""
        empty = np.zeros(0, dtype=np.int64)
        return cls(empty, empty, np.zeros(0), shape, 0.0)


def score_pairs(
    candidates: Candidates,
    sentences_a: Sequence[Sentence],
    sentences_b: Sequence[Sentence],
    features: Features,
    rows_a: np.ndarray,
    rows_b: np.ndarray,
    *,
    model: LinkModel | None = None,
) -> ScoredPairs:
    """The link probability of every candidate pair of two documents.

    Two sentences written the same (folded) are the same sentence whatever the features
    say: a line with no words ("***") or one word ("Why?") gives the model nothing to weigh.
    """
    document = document_similarity(features, rows_a, rows_b)
    matrix = pair_feature_matrix(candidates, sentences_a, sentences_b, features, rows_a, rows_b, document)
    probability = np.round(np.minimum((model or shipped_model()).probability(matrix), _MODEL_CEILING), 9)
    keys = features.keys
    same = [
        keys[a] == keys[b]
        for a, b in zip(rows_a[candidates.a].tolist(), rows_b[candidates.b].tolist(), strict=True)
    ]
    probability = np.where(same, np.maximum(probability, SAME_TEXT), probability) if same else probability
    return ScoredPairs(candidates.a, candidates.b, probability, candidates.shape, event_similarity(document))
