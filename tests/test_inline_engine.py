"""The word diff's C++ engine (fast-diff-match-patch) gives the runs the Python reference
(diff-match-patch) gives, on real sentence pairs: the bundled pair's, and BASIL's when
../shared/data holds it. Every pair of sentences of two outlets that share a third of their
words is diffed, so the snapshot holds near copies, edits, rewrites and loose overlaps."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from outletdiff.inline import _keys, _pieces, engine_runs
from outletdiff.load import load_paths
from outletdiff.model import Sentence
from outletdiff.segment import segment

REPO = Path(__file__).resolve().parents[1]
# BASIL events diffed: enough for a few thousand pairs, a few seconds.
_BASIL_EVENTS = 12


def _encoded_pairs(first: Sequence[Sentence], second: Sequence[Sentence]) -> Iterator[tuple[str, str]]:
    """The two word-key strings of every sentence pair sharing a third of its words, each
    distinct word one private-use character, as ``inline`` encodes them."""
    keys = [[_keys(_pieces(sentence, None)) for sentence in side] for side in (first, second)]
    for keys_a, keys_b in itertools.product(*keys):
        shared = len(set(keys_a) & set(keys_b))
        if keys_a != keys_b and 3 * shared >= min(len(set(keys_a)), len(set(keys_b))):
            codes = {key: chr(0xF0000 + code) for code, key in enumerate(dict.fromkeys(keys_a + keys_b))}
            yield "".join(map(codes.__getitem__, keys_a)), "".join(map(codes.__getitem__, keys_b))


def _reference_runs(first: str, second: str) -> list[tuple[int, int]]:
    from diff_match_patch import diff_match_patch

    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(first, second, False)
    engine.diff_cleanupSemantic(diffs)
    return [(code, len(chunk)) for code, chunk in diffs]


def _assert_same_runs(pairs: list[tuple[str, str]]) -> None:
    assert pairs
    differing = [pair for pair in pairs if engine_runs(*pair) != _reference_runs(*pair)]
    assert not differing, f"{len(differing)} of {len(pairs)} pairs diffed differently"


def test_engine_matches_reference_on_bundled_pair() -> None:
    pytest.importorskip("diff_match_patch")
    documents = load_paths(
        [REPO / "corpus/putin-talks/outlet-a.txt", REPO / "corpus/putin-talks/radaronline.txt"]
    )
    sentences = [segment(document, doc=doc) for doc, document in enumerate(documents)]
    _assert_same_runs(list(_encoded_pairs(*sentences)))


def test_engine_matches_reference_on_basil() -> None:
    pytest.importorskip("diff_match_patch")
    from datasets import BASIL, basil_articles, missing

    if missing(BASIL):
        pytest.skip("BASIL is not in ../shared/data")
    events: dict[str, list[Sentence]] = {}
    pairs: list[tuple[str, str]] = []
    for article in basil_articles():
        if article.outlet in ("fox", "nyt"):
            sentences = segment(article.document, doc=0)
            if article.triplet in events:
                pairs.extend(_encoded_pairs(events[article.triplet], sentences))
            elif len(events) < _BASIL_EVENTS:
                events[article.triplet] = sentences
    _assert_same_runs(pairs)
