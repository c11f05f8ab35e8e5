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
from .linkmodel import ScoredPairs
from .model import Alignment, Link, LinkLabel, Sentence, Status
from .normalize import fold_sentence
from .options import CompareOptions
from .similarity import stance_differs

_COMPARED_KINDS = ("headline", "bullet", "paragraph")
# Word similarity from which two sentences of unrelated articles still count as the same.
_NEAR_IDENTICAL = 0.9
# Cells of a group of candidates above which the one-to-one match is greedy, not optimal.
_HUNGARIAN_CELLS = 4_000_000


def align(
    sentences_a: Sequence[Sentence],
    sentences_b: Sequence[Sentence],
    scored: ScoredPairs,
    *,
    docs: tuple[int, int],
    texts: tuple[str, str],
    options: CompareOptions,
) -> Alignment:
    """Link the sentences of documents ``docs`` given their scored candidate pairs.

    ``texts`` are the two documents' texts: a split or merged sentence is diffed as one
    passage, and its diff runs must slice the original text, gaps included.
    """
    same_event = scored.event_similarity >= options.same_event_threshold
    pairs = _PairIndex(_compared(scored, sentences_a, sentences_b))
    counterparts = pairs.above(options.counterpart_threshold)
    # A denial and the claim it denies share most words, but neither is the other rewritten.
    counterparts = counterparts.where(
        [not stance_differs(sentences_a[i].text, sentences_b[j].text) for i, j in counterparts.pairs()]
    )
    if not same_event:
        # Unrelated articles: only a sentence copied nearly word for word is still the same.
        counterparts = counterparts.where(
            [_near_identical(sentences_a[i], sentences_b[j]) for i, j in counterparts.pairs()]
        )
    chosen = _assign(counterparts)
    extra = _splits_and_merges(counterparts, chosen)
    moved = _out_of_order(chosen)
    links: list[Link] = []
    for i, j in chosen:
        # A split or merge is diffed as a whole: "A and B." against "A. B." loses no words.
        parts_a = [i] + [n for n, m, label in extra if m == j and label == "merged"]
        parts_b = [j] + [n for m, n, label in extra if m == i and label == "split"]
        joined_a, within_a = _joined(sentences_a, parts_a, texts[0])
        joined_b, within_b = _joined(sentences_b, parts_b, texts[1])
        diff = scored_word_diff(joined_a, joined_b, within_a=within_a, within_b=within_b)
        label: LinkLabel = _counterpart_label(joined_a, joined_b, diff, options)
        if (i, j) in moved and label != "rewritten":
            label = "moved"  # the same words elsewhere; a reworded sentence stays "rewritten"
        links.append(Link(i, j, "counterpart", label, pairs.score(i, j), diff.ops))
    for i, j, label in extra:
        links.append(Link(i, j, "counterpart", label, pairs.score(i, j)))
    if same_event:
        linked = {(link.a, link.b) for link in links}
        overlaps = pairs.above(options.overlap_threshold)
        for i, j in overlaps.pairs():
            if (i, j) not in linked:
                links.append(Link(i, j, "overlap", "partial", pairs.score(i, j)))
    links.sort(key=lambda link: (link.a, link.b))
    status_a, status_b = _statuses(sentences_a, sentences_b, links)
    return Alignment(
        a=docs[0],
        b=docs[1],
        links=tuple(links),
        status_a=status_a,
        status_b=status_b,
        same_event=same_event,
        event_similarity=round(scored.event_similarity, 4),
    )


class _PairIndex:
    """Scored pairs looked up by (i, j), and filtered, without a dense matrix: two documents
    of 20,000 sentences would need 400 million cells."""

    def __init__(self, scored: ScoredPairs) -> None:
        self.scored = scored
        self._score = {
            (i, j): p
            for i, j, p in zip(scored.a.tolist(), scored.b.tolist(), scored.probability.tolist(), strict=True)
        }

    def score(self, i: int, j: int) -> float:
        return round(self._score.get((i, j), 0.0), 4)

    def above(self, threshold: float) -> _PairIndex:
        return self.where(self.scored.probability >= threshold)

    def where(self, keep: np.ndarray | list[bool]) -> _PairIndex:
        keep = np.asarray(keep, dtype=bool)
        scored = self.scored
        if not len(keep):
            return self
        return _PairIndex(
            replace(scored, a=scored.a[keep], b=scored.b[keep], probability=scored.probability[keep])
        )

    def pairs(self) -> list[tuple[int, int]]:
        return list(zip(self.scored.a.tolist(), self.scored.b.tolist(), strict=True))


def _compared(
    scored: ScoredPairs, sentences_a: Sequence[Sentence], sentences_b: Sequence[Sentence]
) -> ScoredPairs:
    """Boilerplate never matches: it is not reporting."""
    keep_a = np.array([s.kind in _COMPARED_KINDS for s in sentences_a], dtype=bool)
    keep_b = np.array([s.kind in _COMPARED_KINDS for s in sentences_b], dtype=bool)
    keep = keep_a[scored.a] & keep_b[scored.b] if len(scored.a) else np.zeros(0, dtype=bool)
    return replace(scored, a=scored.a[keep], b=scored.b[keep], probability=scored.probability[keep])


def _near_identical(a: Sentence, b: Sentence) -> bool:
    """Worded (almost) the same: a wire copy or a boilerplate line two articles both carry."""
    return scored_word_diff(a, b).similarity >= _NEAR_IDENTICAL


def _joined(
    sentences: Sequence[Sentence], indexes: list[int], text: str
) -> tuple[Sentence, tuple[tuple[int, int], ...] | None]:
    """Neighbouring sentences as one passage of the document, gaps and all, so that every diff
    run slices the original text; and the spans of the sentences, whose words alone are
    diffed (a bullet's dash between two paragraphs is not a word of either)."""
    if len(indexes) == 1:
        return sentences[indexes[0]], None
    parts = sorted((sentences[index] for index in indexes), key=lambda sentence: sentence.start)
    passage = replace(parts[0], end=parts[-1].end, text=text[parts[0].start : parts[-1].end])
    return passage, tuple((part.start, part.end) for part in parts)


def _assign(pairs: _PairIndex) -> list[tuple[int, int]]:
    """Maximum-total-probability one-to-one pairs, solved per connected group of candidates.

    A group too large for the Hungarian algorithm's cubic cost (thousands of near-identical
    boilerplate lines) is matched greedily, best pair first.
    """
    scored = pairs.scored
    if not len(scored.a):
        return []
    n_a, n_b = scored.shape
    preference = scored.probability + _tie_breaker(scored.a, scored.b, n_a, n_b)
    graph = sparse.csr_matrix(
        (np.ones(len(scored.a)), (scored.a, n_a + scored.b)), shape=(n_a + n_b, n_a + n_b)
    )
    _, component = connected_components(graph, directed=False)
    group = component[scored.a]
    order = np.argsort(group, kind="stable")
    bounds = np.flatnonzero(np.diff(group[order])) + 1
    chosen: list[tuple[int, int]] = []
    for members in np.split(order, bounds):
        rows, row_of = np.unique(scored.a[members], return_inverse=True)
        cols, col_of = np.unique(scored.b[members], return_inverse=True)
        if len(rows) * len(cols) > _HUNGARIAN_CELLS:
            chosen.extend(_greedy(scored.a[members], scored.b[members], preference[members]))
            continue
        block = np.zeros((len(rows), len(cols)))
        block[row_of, col_of] = preference[members]
        chosen_rows, chosen_cols = linear_sum_assignment(block, maximize=True)
        chosen.extend(
            (int(rows[r]), int(cols[c]))
            for r, c in zip(chosen_rows, chosen_cols, strict=True)
            if block[r, c] > 0
        )
    return sorted(chosen)


def _greedy(a: np.ndarray, b: np.ndarray, preference: np.ndarray) -> list[tuple[int, int]]:
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    chosen = []
    for k in np.argsort(-preference, kind="stable").tolist():
        i, j = int(a[k]), int(b[k])
        if i not in taken_a and j not in taken_b:
            taken_a.add(i)
            taken_b.add(j)
            chosen.append((i, j))
    return chosen


def _tie_breaker(a: np.ndarray, b: np.ndarray, n_a: int, n_b: int) -> np.ndarray:
    """Tiny bonus for pairs at similar relative positions, then for earlier ones.

    Repeated sentences make exact ties; breaking them by position (the same whichever
    document is called ``a``) keeps the assignment symmetric and prefers reading order.
    """
    position_a = a / max(n_a - 1, 1)
    position_b = b / max(n_b - 1, 1)
    return 1e-6 * (1 - np.abs(position_a - position_b)) + 1e-8 * (1 - (position_a + position_b) / 2)


def _splits_and_merges(pairs: _PairIndex, chosen: list[tuple[int, int]]) -> list[tuple[int, int, LinkLabel]]:
    """Unpaired neighbours of a counterpart that match it best: one sentence became two.

    A neighbour joins only the counterpart it matches strictly better than any other
    sentence, and a pair grows on one side only (the side with the stronger neighbour; on a
    tie, neither), so the result does not depend on which document is called ``a``.
    """
    scored = pairs.scored
    paired_a = {i for i, _ in chosen}
    paired_b = {j for _, j in chosen}
    score = dict(zip(pairs.pairs(), scored.probability.tolist(), strict=True))
    best_of_a = _unique_best(scored.a, scored.b, scored.probability)
    best_of_b = _unique_best(scored.b, scored.a, scored.probability)
    extra: list[tuple[int, int, LinkLabel]] = []
    for i, j in chosen:
        splits = [
            (i, n) for n in (j - 1, j + 1) if n not in paired_b and (i, n) in score and best_of_b.get(n) == i
        ]
        merges = [
            (n, j) for n in (i - 1, i + 1) if n not in paired_a and (n, j) in score and best_of_a.get(n) == j
        ]
        best_split = max((score[pair] for pair in splits), default=0.0)
        best_merge = max((score[pair] for pair in merges), default=0.0)
        if best_split > best_merge:
            extra.extend((a, b, "split") for a, b in splits)
        elif best_merge > best_split:
            extra.extend((a, b, "merged") for a, b in merges)
    return extra


def _unique_best(keys: np.ndarray, partners: np.ndarray, values: np.ndarray) -> dict[int, int]:
    """For each key, its partner of strictly highest value (no entry where the best is tied)."""
    best: dict[int, tuple[float, int, bool]] = {}
    for key, partner, value in zip(keys.tolist(), partners.tolist(), values.tolist(), strict=True):
        current = best.get(key)
        if current is None or value > current[0]:
            best[key] = (value, partner, True)
        elif value == current[0]:
            best[key] = (value, current[1], False)
    return {key: partner for key, (_, partner, unique) in best.items() if unique}


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
