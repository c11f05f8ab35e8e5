"""Align two documents' sentences: one-to-one counterparts plus many-to-many overlaps.

Counterparts come from a global assignment that maximises the total score (Hungarian
algorithm per connected group of candidates), never first-match greedy, plus split/merge
neighbours. Overlaps are every other pair that shares enough specific content: real coverage
packs into one sentence what another outlet spreads over three, so about half of all true
links are of this kind. A sentence is "added" only when it has neither.

A counterpart out of reading order is "moved" when its wording is identical or edited; a
reworded one stays "rewritten", so "moved" always means the same sentence somewhere else.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import connected_components

from .inline import WordDiff, scored_word_diff
from .model import Alignment, Link, LinkLabel, Sentence, Status
from .normalize import fold_sentence
from .options import CompareOptions

_COMPARED_KINDS = ("headline", "bullet", "paragraph")


def align(
    sentences_a: Sequence[Sentence],
    sentences_b: Sequence[Sentence],
    scores: np.ndarray,
    *,
    docs: tuple[int, int],
    options: CompareOptions,
) -> Alignment:
    """Link the sentences of documents ``docs`` given their pairwise ``scores`` matrix."""
    scores = _mask_uncompared(scores, sentences_a, sentences_b)
    pairs = _assign(scores, options.counterpart_threshold)
    extra = _splits_and_merges(scores, pairs, options.counterpart_threshold)
    moved = _out_of_order(pairs)
    links: list[Link] = []
    for i, j in pairs:
        # A split or merge is diffed as a whole: "A and B." against "A. B." loses no words.
        joined_a = _joined(sentences_a, [i] + [n for n, m, label in extra if m == j and label == "merged"])
        joined_b = _joined(sentences_b, [j] + [n for m, n, label in extra if m == i and label == "split"])
        diff = scored_word_diff(joined_a, joined_b)
        label: LinkLabel = _counterpart_label(joined_a, joined_b, diff, options)
        if (i, j) in moved and label != "rewritten":
            label = "moved"  # the same words elsewhere; a reworded sentence stays "rewritten"
        links.append(Link(i, j, "counterpart", label, round(float(scores[i, j]), 4), diff.ops))
    for i, j, label in extra:
        links.append(Link(i, j, "counterpart", label, round(float(scores[i, j]), 4)))
    linked = {(link.a, link.b) for link in links}
    for i, j, score in _overlaps(scores, options):
        if (i, j) not in linked:
            links.append(Link(i, j, "overlap", "partial", round(score, 4)))
    links.sort(key=lambda link: (link.a, link.b))
    status_a, status_b = _statuses(sentences_a, sentences_b, links)
    return Alignment(
        a=docs[0],
        b=docs[1],
        links=tuple(links),
        status_a=status_a,
        status_b=status_b,
    )


def _joined(sentences: Sequence[Sentence], indexes: list[int]) -> Sentence:
    """Neighbouring sentences as one, with offsets kept (the gaps between become spaces)."""
    if len(indexes) == 1:
        return sentences[indexes[0]]
    parts = sorted((sentences[index] for index in indexes), key=lambda sentence: sentence.start)
    text = parts[0].text
    for previous, sentence in zip(parts, parts[1:], strict=False):
        text += " " * (sentence.start - previous.end) + sentence.text
    return replace(parts[0], end=parts[-1].end, text=text)


def _mask_uncompared(
    scores: np.ndarray, sentences_a: Sequence[Sentence], sentences_b: Sequence[Sentence]
) -> np.ndarray:
    """Boilerplate never matches: it is not reporting."""
    keep_a = np.array([s.kind in _COMPARED_KINDS for s in sentences_a], dtype=bool)
    keep_b = np.array([s.kind in _COMPARED_KINDS for s in sentences_b], dtype=bool)
    return scores * keep_a[:, None] * keep_b[None, :]


def _assign(scores: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Maximum-total-score one-to-one pairs, solved per connected group of candidate pairs."""
    candidate = scores >= threshold
    if not candidate.any():
        return []
    n_a, n_b = scores.shape
    preference = scores + _tie_breaker(n_a, n_b)
    _, component = connected_components(_candidate_graph(candidate), directed=False)
    pairs: list[tuple[int, int]] = []
    for label in np.unique(component[:n_a][candidate.any(axis=1)]):
        rows = np.nonzero(component[:n_a] == label)[0]
        cols = np.nonzero(component[n_a:] == label)[0]
        block = np.where(candidate[np.ix_(rows, cols)], preference[np.ix_(rows, cols)], 0.0)
        chosen_rows, chosen_cols = linear_sum_assignment(block, maximize=True)
        pairs.extend(
            (int(rows[r]), int(cols[c]))
            for r, c in zip(chosen_rows, chosen_cols, strict=True)
            if block[r, c] > 0
        )
    return sorted(pairs)


def _candidate_graph(candidate: np.ndarray) -> sparse.csr_matrix:
    """Sentences of a are nodes 0..n_a-1, those of b follow; an edge joins each candidate pair.

    Built as CSR arrays directly: scipy's conversion from (row, column) pairs costs more
    than the whole graph search for two articles.
    """
    n_a, n_b = candidate.shape
    _, cols = np.nonzero(candidate)
    indptr = np.full(n_a + n_b + 1, len(cols))
    indptr[0] = 0
    np.cumsum(candidate.sum(axis=1), out=indptr[1 : n_a + 1])
    return sparse.csr_matrix((np.ones(len(cols), dtype=bool), n_a + cols, indptr), shape=(n_a + n_b,) * 2)


def _tie_breaker(n_a: int, n_b: int) -> np.ndarray:
    """Tiny bonus for pairs at similar relative positions, then for earlier ones.

    Repeated sentences make exact ties; breaking them by position (the same whichever
    document is called ``a``) keeps the assignment symmetric and prefers reading order.
    """
    position_a = np.arange(n_a)[:, None] / max(n_a - 1, 1)
    position_b = np.arange(n_b)[None, :] / max(n_b - 1, 1)
    return 1e-6 * (1 - np.abs(position_a - position_b)) + 1e-8 * (1 - (position_a + position_b) / 2)


def _splits_and_merges(
    scores: np.ndarray, pairs: list[tuple[int, int]], threshold: float
) -> list[tuple[int, int, LinkLabel]]:
    """Unpaired neighbours of a counterpart that match it best: one sentence became two.

    A neighbour joins only the counterpart it matches strictly better than any other
    sentence, and a pair grows on one side only (the side with the stronger neighbour; on a
    tie, neither), so the result does not depend on which document is called ``a``.
    """
    paired_a = {i for i, _ in pairs}
    paired_b = {j for _, j in pairs}
    extra: list[tuple[int, int, LinkLabel]] = []
    for i, j in pairs:
        splits = [
            (i, n) for n in (j - 1, j + 1)
            if 0 <= n < scores.shape[1] and n not in paired_b and scores[i, n] >= threshold
            and _unique_best(scores[:, n], i)
        ]  # fmt: skip
        merges = [
            (n, j) for n in (i - 1, i + 1)
            if 0 <= n < scores.shape[0] and n not in paired_a and scores[n, j] >= threshold
            and _unique_best(scores[n, :], j)
        ]  # fmt: skip
        best_split = max((scores[a, b] for a, b in splits), default=0.0)
        best_merge = max((scores[a, b] for a, b in merges), default=0.0)
        if best_split > best_merge:
            extra.extend((a, b, "split") for a, b in splits)
        elif best_merge > best_split:
            extra.extend((a, b, "merged") for a, b in merges)
    return extra


def _unique_best(values: np.ndarray, index: int) -> bool:
    """``values[index]`` is the maximum and no other entry reaches it."""
    return bool(values[index] == values.max() and (values == values[index]).sum() == 1)


def _out_of_order(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Counterparts that are not in every longest same-order chain: the moved sentences.

    A chain keeps the order on both sides. When two sentences swap places either could be
    called the one that moved, so both are; a sentence moved far is the only one outside
    every longest chain. Defined on the pair set alone, so it does not depend on which
    document is called ``a``.
    """
    ordered = sorted(pairs)
    values = [j for _, j in ordered]
    ending = _chain_lengths(values)
    starting = _chain_lengths([-v for v in reversed(values)])[::-1]
    longest = max(ending, default=0)
    on_some_chain = [e + s - 1 == longest for e, s in zip(ending, starting, strict=True)]
    per_level = Counter(e for e, on in zip(ending, on_some_chain, strict=True) if on)
    return {
        pair
        for pair, level, on in zip(ordered, ending, on_some_chain, strict=True)
        if not on or per_level[level] > 1
    }


def _chain_lengths(values: list[int]) -> list[int]:
    """Length of the longest strictly increasing run of ``values`` ending at each position."""
    tails: list[int] = []
    lengths = []
    for value in values:
        position = bisect_left(tails, value)
        if position == len(tails):
            tails.append(value)
        else:
            tails[position] = value
        lengths.append(position + 1)
    return lengths


def _counterpart_label(a: Sentence, b: Sentence, diff: WordDiff, options: CompareOptions) -> LinkLabel:
    if a.text == b.text or fold_sentence(a.text).split() == fold_sentence(b.text).split():
        return "identical"
    return "edited" if diff.similarity >= options.edited_threshold else "rewritten"


def _overlaps(scores: np.ndarray, options: CompareOptions) -> list[tuple[int, int, float]]:
    """Pairs above the absolute threshold and close enough to each side's best match, with
    their scores (read in bulk: a pair of articles has a hundred or more)."""
    if scores.size == 0:
        return []
    best_a = scores.max(axis=1, keepdims=True)
    best_b = scores.max(axis=0, keepdims=True)
    relative = options.relative_threshold * np.maximum(best_a, best_b)
    keep = (scores >= options.overlap_threshold) & (scores >= relative)
    rows, columns = np.nonzero(keep)
    return list(zip(rows.tolist(), columns.tolist(), scores[rows, columns].tolist(), strict=True))


def _statuses(
    sentences_a: Sequence[Sentence], sentences_b: Sequence[Sentence], links: list[Link]
) -> tuple[tuple[Status, ...], tuple[Status, ...]]:
    """Each sentence's status: its counterpart label, "partial" (overlaps only) or "added".

    A "split" link joins sentence ``a`` to a second neighbour in ``b``: ``a`` is split, and
    both ``b`` sentences are merged (in ``a``); a "merged" link is the mirror image.
    """
    status_a: dict[int, str] = {}
    status_b: dict[int, str] = {}
    partner_of_a: dict[int, int] = {}
    partner_of_b: dict[int, int] = {}
    for link in links:
        if link.relation == "counterpart" and link.label not in ("split", "merged"):
            status_a[link.a], status_b[link.b] = link.label, link.label
            partner_of_a[link.a], partner_of_b[link.b] = link.b, link.a
    for link in links:
        if link.label == "split":
            status_a[link.a] = "split"
            status_b[link.b] = status_b[partner_of_a[link.a]] = "merged"
        elif link.label == "merged":
            status_b[link.b] = "split"
            status_a[link.a] = status_a[partner_of_b[link.b]] = "merged"
        elif link.relation == "overlap":
            status_a.setdefault(link.a, "partial")
            status_b.setdefault(link.b, "partial")
    return _finish(sentences_a, status_a), _finish(sentences_b, status_b)


def _finish(sentences: Sequence[Sentence], found: dict[int, str]) -> tuple[Status, ...]:
    return tuple(
        "boilerplate" if s.kind not in _COMPARED_KINDS else found.get(s.index, "added")  # type: ignore[misc]
        for s in sentences
    )
