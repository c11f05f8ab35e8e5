"""The side-by-side row layout: which sentences of which outlets share a row, in what order.

A reader compares what corresponds, so a row holds a sentence of the spine (the reference
outlet, else the first) with its counterparts in every other outlet, wherever those stand in
their own articles (split and merged partners too, so a group of links is one row). The
headlines of all outlets share the first row, with their counterparts. Sentences no other
outlet has a counterpart for sit in their article's reading order between their neighbours:
a spine sentence in the spine's order, another outlet's right after the last row that holds
an earlier sentence of its own article, so every such sentence follows what came before it.

Only links with the spine make rows: every status and word change on the page is told
against the spine, so two outlets never share a row on a link the page does not show.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Comparison

Node = tuple[int, int]  # (document, sentence index)


@dataclass(frozen=True)
class Row:
    """One row: the sentence indexes of each outlet on it (in reading order; empty if none)."""

    cells: tuple[tuple[int, ...], ...]

    def nodes(self) -> tuple[Node, ...]:
        """Every ``(document, sentence)`` on the row."""
        return tuple((doc, index) for doc, cell in enumerate(self.cells) for index in cell)


def spine_of(comparison: Comparison) -> int:
    """The outlet rows are built on: the reference when the comparison has one, else the first."""
    return 0 if comparison.reference is None else comparison.reference


def aligned_rows(comparison: Comparison, spine: int | None = None) -> tuple[Row, ...]:
    """Rows of corresponding sentences (see the module docstring); every sentence exactly once."""
    spine = spine_of(comparison) if spine is None else spine
    count = len(comparison.documents)
    parent: dict[Node, Node] = {}

    def find(node: Node) -> Node:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(one: Node, two: Node) -> None:
        first, second = find(one), find(two)
        if first != second:
            parent[max(first, second)] = min(first, second)

    for other in range(count):
        if other == spine:
            continue
        for link in comparison.alignment(spine, other).links:
            if link.relation == "counterpart":
                union((spine, link.a), (other, link.b))
    headlines = [
        (doc, sentence.index)
        for doc, sentences in enumerate(comparison.sentences)
        for sentence in sentences
        if sentence.kind == "headline"
    ]
    for node in headlines[1:]:
        union(headlines[0], node)
    groups: dict[Node, list[Node]] = {}
    for node in sorted(parent):
        groups.setdefault(find(node), []).append(node)

    placed: list[list[Node]] = []
    row_of: dict[Node, int] = {}

    def emit(members: list[Node]) -> None:
        for node in members:
            row_of[node] = len(placed)
        placed.append(members)

    if headlines:
        emit(groups[find(headlines[0])])
    for index in range(len(comparison.sentences[spine])):
        node = (spine, index)
        if node in row_of:
            continue
        emit(groups[find(node)] if node in parent else [node])

    # Another outlet's sentence without a counterpart goes right after the last row holding an
    # earlier sentence of its article (at the top when there is none), after those put there before.
    after: dict[int, list[Node]] = {}
    for doc in range(count):
        if doc == spine:
            continue
        last = -1
        for index in range(len(comparison.sentences[doc])):
            node = (doc, index)
            if node in row_of:
                last = max(last, row_of[node])
            else:
                after.setdefault(last, []).append(node)
    if headlines and after.get(-1):  # nothing goes above the headlines
        after[0] = after.pop(-1) + after.get(0, [])
    ordered = [[node] for node in sorted(after.get(-1, []))]
    for row, members in enumerate(placed):
        ordered.append(members)
        ordered.extend([node] for node in sorted(after.get(row, [])))
    return tuple(_row(members, count) for members in ordered)


def _row(members: list[Node], count: int) -> Row:
    cells: list[list[int]] = [[] for _ in range(count)]
    for doc, index in sorted(members):
        cells[doc].append(index)
    return Row(tuple(tuple(cell) for cell in cells))
