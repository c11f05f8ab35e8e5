"""Word-level diff of two matched sentences, with offsets into both original texts.

diff-match-patch works on characters; mapping every distinct word (or punctuation mark) to
one private-use character lets it diff words, so an insertion never cuts a word in half.
Words are compared in folded form, so curly vs straight quotes are not a difference.
"""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

from .model import DiffOp, Sentence
from .normalize import fold

_PIECE = re.compile(r"[^\W_]+(?:['\u2019.\-][^\W_]+)*|[^\w\s]", re.UNICODE)
_PRIVATE_USE = 0xF0000  # supplementary private-use plane: never in real text
_OPS = {0: "equal", 1: "insert", -1: "delete"}


def word_diff(a: Sentence, b: Sentence) -> tuple[DiffOp, ...]:
    """Runs of equal, deleted (only in ``a``) and inserted (only in ``b``) words."""
    pieces_a = _pieces(a)
    pieces_b = _pieces(b)
    codes: dict[str, str] = {}
    encoded_a = "".join(codes.setdefault(key, chr(_PRIVATE_USE + len(codes))) for key, _, _ in pieces_a)
    encoded_b = "".join(codes.setdefault(key, chr(_PRIVATE_USE + len(codes))) for key, _, _ in pieces_b)
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(encoded_a, encoded_b, False)
    engine.diff_cleanupSemantic(diffs)
    ops: list[DiffOp] = []
    index_a = index_b = 0
    for code, chunk in diffs:
        op = _OPS[code]
        span_a = span_b = None
        if op in ("equal", "delete"):
            span_a = _run_span(pieces_a, index_a, len(chunk))
            index_a += len(chunk)
        if op in ("equal", "insert"):
            span_b = _run_span(pieces_b, index_b, len(chunk))
            index_b += len(chunk)
        source, span = (a, span_a) if span_a is not None else (b, span_b)
        assert span is not None
        text = source.text[span[0] - source.start : span[1] - source.start]
        ops.append(DiffOp(op, text, span_a, span_b))  # type: ignore[arg-type]
    return tuple(ops)


def word_similarity(ops: tuple[DiffOp, ...]) -> float:
    """Share of words the two sentences have in common (Dice over diff runs), 0..1."""
    equal = sum(_count_words(op.text) for op in ops if op.op == "equal")
    changed = sum(_count_words(op.text) for op in ops if op.op != "equal")
    total = 2 * equal + changed
    return 2 * equal / total if total else 1.0


def _count_words(text: str) -> int:
    return len(_PIECE.findall(text))


def _pieces(sentence: Sentence) -> list[tuple[str, int, int]]:
    """(comparison key, start, end) for each word or punctuation mark, offsets in the document."""
    return [
        (fold(match.group()), sentence.start + match.start(), sentence.start + match.end())
        for match in _PIECE.finditer(sentence.text)
    ]


def _run_span(pieces: list[tuple[str, int, int]], first: int, count: int) -> tuple[int, int]:
    return pieces[first][1], pieces[first + count - 1][2]
