"""Word-level diff of two matched sentences, with offsets into both original texts.

diff-match-patch works on characters; mapping every distinct word (or punctuation mark) to
one private-use character lets it diff words, so an insertion never cuts a word in half.
Words are compared in folded form, so curly vs straight quotes are not a difference.

The diff is computed by fast-diff-match-patch, the C++ build of the same algorithm: the same
runs as the Python reference (``tests/test_inline_engine.py`` checks both on real sentence
pairs) at a fraction of the time, which counts in a corpus run of thousands of events.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import fast_diff_match_patch

from .model import DiffOp, Sentence
from .normalize import fold
from .tokens import pieces

_PRIVATE_USE = 0xF0000  # supplementary private-use plane: never in real text
_OPS = {0: "equal", 1: "insert", -1: "delete"}
_CODES = {"=": 0, "+": 1, "-": -1}
# Word pairs (len(a) x len(b)) above which the full diff is replaced by a linear coarse one.
_MAX_DIFF_WORK = 250_000


class WordDiff(NamedTuple):
    """A word diff and the share of words the two sentences have in common."""

    ops: tuple[DiffOp, ...]
    similarity: float  # Dice over words: 2 * equal / (words of a + words of b), 0..1


def scored_word_diff(
    a: Sentence,
    b: Sentence,
    *,
    within_a: Sequence[tuple[int, int]] | None = None,
    within_b: Sequence[tuple[int, int]] | None = None,
) -> WordDiff:
    """Runs of equal, deleted (only in ``a``) and inserted (only in ``b``) words, with the
    word similarity counted on those runs rather than by finding every run's words again.

    ``within_a`` / ``within_b``: when a side is a passage of several sentences, the document
    spans whose words count; a run's text is still the exact slice of its span."""
    pieces_a = _pieces(a, within_a)
    # The same text has the same words: a quarter of all counterparts are verbatim copies.
    pieces_b = pieces_a if b.text == a.text and within_a == within_b else _pieces(b, within_b)
    keys_a = _keys(pieces_a)
    runs = _runs(keys_a, keys_a if pieces_b is pieces_a else _keys(pieces_b))
    ops: list[DiffOp] = []
    index_a = index_b = equal = changed = 0
    for code, count in runs:
        span_a = span_b = None
        if code <= 0:  # equal or delete: words of a
            span_a = _run_span(pieces_a, index_a, count, a.start)
            index_a += count
        if code >= 0:  # equal or insert: words of b
            span_b = _run_span(pieces_b, index_b, count, b.start)
            index_b += count
        if code:
            changed += count
        else:
            equal += count
        source, span = (a, span_a) if span_a is not None else (b, span_b)
        assert span is not None
        text = source.text[span[0] - source.start : span[1] - source.start]
        ops.append(DiffOp(_OPS[code], text, span_a, span_b))  # type: ignore[arg-type]
    total = 2 * equal + changed
    return WordDiff(tuple(ops), 2 * equal / total if total else 1.0)


def _runs(keys_a: list[str], keys_b: list[str]) -> list[tuple[int, int]]:
    """(diff code, number of words) of each run of the diff of two sentences' word keys.

    Equal keys make one equal run, as diff-match-patch would find, without encoding them.
    """
    if keys_a == keys_b:
        return [(0, len(keys_a))] if keys_a else []
    codes = {key: chr(_PRIVATE_USE + code) for code, key in enumerate(dict.fromkeys(keys_a + keys_b))}
    encoded_a = "".join(map(codes.__getitem__, keys_a))
    encoded_b = "".join(map(codes.__getitem__, keys_b))
    if len(keys_a) * len(keys_b) > _MAX_DIFF_WORK:
        return [(code, len(chunk)) for code, chunk in _coarse_diff(encoded_a, encoded_b)]
    return engine_runs(encoded_a, encoded_b)


def engine_runs(first: str, second: str) -> list[tuple[int, int]]:
    """(diff code, length) of each run of diff-match-patch's diff of two strings, semantic
    cleanup applied, with no time limit: the same input always gives the same diff."""
    runs = fast_diff_match_patch.diff(
        first, second, timelimit=0, checklines=False, cleanup="Semantic", counts_only=True
    )
    return [(_CODES[op], length) for op, length in runs]


def _coarse_diff(first: str, second: str) -> list[tuple[int, str]]:
    """Common start and end kept, the middle replaced: linear time for very long "sentences".

    A full diff of two sentences of thousands of words (a pasted page with no full stops)
    takes minutes; such a pair is rewritten anyway.
    """
    prefix = 0
    while prefix < min(len(first), len(second)) and first[prefix] == second[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(first), len(second)) - prefix
        and first[len(first) - 1 - suffix] == second[len(second) - 1 - suffix]
    ):
        suffix += 1
    runs = [
        (0, first[:prefix]),
        (-1, first[prefix : len(first) - suffix]),
        (1, second[prefix : len(second) - suffix]),
        (0, first[len(first) - suffix :]),
    ]
    return [(code, chunk) for code, chunk in runs if chunk]


def _pieces(sentence: Sentence, within: Sequence[tuple[int, int]] | None) -> list[re.Match[str]]:
    """The words and punctuation marks of a sentence, or of the given spans of a passage."""
    found = pieces(sentence.text)
    if within is None:
        return found
    inside = [(start - sentence.start, end - sentence.start) for start, end in within]
    return [piece for piece in found if any(s <= piece.start() and piece.end() <= e for s, e in inside)]


def _keys(pieces: list[re.Match[str]]) -> list[str]:
    """The comparison key of each word or punctuation mark."""
    return [_key(piece.group()) for piece in pieces]


_key = lru_cache(maxsize=65536)(fold)  # words repeat across sentence pairs


def _run_span(pieces: list[re.Match[str]], first: int, count: int, offset: int) -> tuple[int, int]:
    """Document offsets of ``count`` pieces from ``first``, of a sentence starting at ``offset``."""
    return offset + pieces[first].start(), offset + pieces[first + count - 1].end()
