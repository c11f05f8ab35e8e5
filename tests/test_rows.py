"""The side-by-side row layout (outletdiff.render.rows), alone: exact rows on small texts,
and on the bundled pair every counterpart pair on one row."""

from __future__ import annotations

import pytest
from test_html import ALPHA, BETA, MAYOR_LINKS, hand_built, mayor

from outletdiff.model import Comparison, Sentence
from outletdiff.render.rows import Row, aligned_rows, spine_of


def cells(rows: tuple[Row, ...]) -> list[tuple[tuple[int, ...], ...]]:
    return [row.cells for row in rows]


def test_without_reference_counterparts_share_the_first_outlets_rows() -> None:
    # Alpha's "council" sentence (1) is moved against Beta (3) and Gamma (3): still one row.
    assert cells(aligned_rows(mayor(None))) == [
        ((), (), (0,)),  # Gamma's lead, before anything of Gamma's that corresponds
        ((0,), (0,), (1,)),
        ((1,), (3,), (3,)),
        ((2,), (1,), (2,)),
        ((), (2,), ()),  # Beta's "Critics blamed her." after its neighbour "She thanked..."
    ]


@pytest.mark.parametrize("reference", [1, 2])
def test_the_reference_is_the_spine(reference: int) -> None:
    comparison = mayor(reference)
    assert spine_of(comparison) == reference
    assert cells(aligned_rows(comparison)) == [
        ((), (), (0,)),
        ((0,), (0,), (1,)),
        ((2,), (1,), (2,)),
        ((), (2,), ()),
        ((1,), (3,), (3,)),
    ]


def with_headlines(comparison: Comparison) -> Comparison:
    """The same comparison with every outlet's first sentence a headline."""
    sentences = tuple(
        tuple(
            Sentence(
                s.doc, s.index, s.start, s.end, s.text, "headline" if s.index == 0 else s.kind, s.paragraph
            )
            for s in doc_sentences
        )
        for doc_sentences in comparison.sentences
    )
    return Comparison(**{**comparison.__dict__, "sentences": sentences})


def test_headlines_share_the_first_row_with_their_counterparts() -> None:
    alpha = ("Mayor quits.", "The mayor resigned on Monday.", "She thanked the residents.")
    beta = ("City loses its mayor.", "She thanked the residents.", "Critics blamed her.", "Mayor quits.")
    links = {(0, 1): [(0, 3, "identical", "", ""), (2, 1, "identical", "", "")]}
    comparison = with_headlines(hand_built([("Alpha", alpha), ("Beta", beta)], links))
    assert cells(aligned_rows(comparison)) == [
        ((0,), (0, 3)),  # both headlines, and Beta's last sentence, the counterpart of Alpha's
        ((1,), ()),
        ((2,), (1,)),
        ((), (2,)),
    ]


def test_a_split_sentence_shares_one_row_with_both_parts() -> None:
    alpha = ("The mayor resigned and thanked the residents.", "Critics blamed her.")
    beta = ("The mayor resigned.", "She thanked the residents.", "Critics blamed her.")
    links = {(0, 1): [(0, 0, "rewritten", "", ""), (0, 1, "split", "", ""), (1, 2, "identical", "", "")]}
    comparison = hand_built([("Alpha", alpha), ("Beta", beta)], links)
    assert cells(aligned_rows(comparison)) == [((0,), (0, 1)), ((1,), (2,))]


def test_every_sentence_once_and_unpaired_ones_in_reading_order() -> None:
    comparison = hand_built([("Alpha", ALPHA), ("Beta", BETA)], {(0, 1): MAYOR_LINKS[(0, 1)]})
    rows = aligned_rows(comparison)
    for doc in (0, 1):
        assert sorted(i for row in rows for i in row.cells[doc]) == list(
            range(len(comparison.sentences[doc]))
        )


def test_bundled_pair_every_counterpart_pair_on_one_row(pair: Comparison) -> None:
    rows = aligned_rows(pair)
    row_of = {node: n for n, row in enumerate(rows) for node in row.nodes()}
    assert len(row_of) == sum(len(s) for s in pair.sentences)  # every sentence once
    counterparts = [link for link in pair.alignment(0, 1).links if link.relation == "counterpart"]
    assert counterparts and all(row_of[(0, link.a)] == row_of[(1, link.b)] for link in counterparts)
    assert rows[0].cells == ((0, 2), (0, 1, 9))  # the headlines, with their counterparts
    assert sum(all(row.cells) for row in rows) == 7
    paired = {(0, link.a) for link in counterparts} | {(1, link.b) for link in counterparts}
    for doc in (0, 1):  # the sentences without a counterpart keep their article's order
        alone = [node[1] for row in rows for node in row.nodes() if node[0] == doc and node not in paired]
        assert alone == sorted(alone)
