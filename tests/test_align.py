"""Alignment and inline diff: exact expectations on small texts, and invariants under hypothesis."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outletdiff.align import align
from outletdiff.inline import scored_word_diff
from outletdiff.linkmodel import ScoredPairs
from outletdiff.load import document_from_text
from outletdiff.model import Sentence, swap_alignment
from outletdiff.options import CompareOptions
from outletdiff.pipeline import align_all, compare
from outletdiff.segment import segment

OPTIONS = CompareOptions()
A = """Storm closes harbor bridge
The harbor bridge was closed on Monday after a storm damaged two cables.
Engineers said repairs would take three weeks.
The mayor called the damage "serious but fixable."
Ferries will run every 20 minutes until the bridge reopens.
"""
B = """Harbor bridge shut after storm
Ferries will run every 20 minutes until the bridge reopens.
The harbor bridge was closed on Monday after a violent storm damaged two cables.
Engineers said repairs could take three weeks, according to the city.
A local bakery handed out free coffee to stranded commuters.
"""


def aligned(text_a: str, text_b: str):
    documents = [document_from_text(text_a, outlet="A"), document_from_text(text_b, outlet="B")]
    sentences = [segment(d, doc=i) for i, d in enumerate(documents)]
    return sentences, align_all(sentences, [text_a, text_b], options=OPTIONS)[0]


def test_small_pair_exact_statuses_and_links() -> None:
    sentences, alignment = aligned(A, B)
    counterparts = {
        (link.a, link.b): link.label for link in alignment.links if link.relation == "counterpart"
    }
    assert counterparts[(1, 2)] == "edited"  # "violent" inserted
    assert counterparts[(4, 1)] == "moved"  # the ferry sentence comes first in B
    assert alignment.status_a[3] == "added"  # the mayor's quote is only in A
    assert alignment.status_b[4] == "added"  # the bakery is only in B
    assert alignment.status_a[2] in ("edited", "rewritten")


def test_inline_diff_marks_inserted_word_with_offsets() -> None:
    sentences, alignment = aligned(A, B)
    link = next(link for link in alignment.links if (link.a, link.b) == (1, 2))
    inserted = [op for op in link.diff if op.op == "insert"]
    assert [op.text for op in inserted] == ["violent"]
    start, end = inserted[0].b
    assert B[start:end] == "violent"


def test_identical_text_aligns_identically() -> None:
    _, alignment = aligned(A, A)
    assert set(alignment.status_a) == {"identical"}
    assert all(link.label == "identical" for link in alignment.links if link.relation == "counterpart")


_WORDS = st.sampled_from(
    """storm bridge harbor mayor ferry engineers cables repairs weeks council budget vote river
police minister talks union strike workers wages court ruling appeal judge election ballots""".split()
)
_SENTENCE = st.lists(_WORDS, min_size=3, max_size=12).map(lambda words: " ".join(words).capitalize() + ".")
_DOCUMENT = st.lists(_SENTENCE, min_size=1, max_size=8)
# Exact repeats make the best assignment ambiguous, so the symmetry property uses distinct sentences.
_DISTINCT_DOCUMENT = st.lists(_SENTENCE, min_size=1, max_size=8, unique=True)


@st.composite
def document_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """A document and a noisy rewrite: sentences dropped, moved, edited and added."""
    first = draw(_DISTINCT_DOCUMENT)
    second = [s for s in first if draw(st.booleans())]
    second = draw(st.permutations(second))
    second = list(second) + [s for s in draw(st.lists(_SENTENCE, max_size=3, unique=True)) if s not in second]
    if not second:
        second = [draw(_SENTENCE)]
    return "Headline one\n" + "\n".join(first) + "\n", "Headline two\n" + "\n".join(second) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document_pairs())
def test_alignment_is_symmetric_up_to_swapping_sides(pair: tuple[str, str]) -> None:
    text_a, text_b = pair
    _, forward = aligned(text_a, text_b)
    _, backward = aligned(text_b, text_a)
    swapped = swap_alignment(forward)
    assert swapped.status_a == backward.status_a
    assert swapped.status_b == backward.status_b
    assert [(k.a, k.b, k.relation, k.label) for k in swapped.links] == [
        (k.a, k.b, k.relation, k.label) for k in backward.links
    ]


@settings(max_examples=60, deadline=None)
@given(document_pairs())
def test_counterparts_are_one_to_one_apart_from_splits(pair: tuple[str, str]) -> None:
    _, alignment = aligned(*pair)
    plain = [
        link
        for link in alignment.links
        if link.relation == "counterpart" and link.label not in ("split", "merged")
    ]
    assert max(Counter(link.a for link in plain).values(), default=1) == 1
    assert max(Counter(link.b for link in plain).values(), default=1) == 1


@settings(max_examples=60, deadline=None)
@given(_DOCUMENT)
def test_a_text_compared_with_itself_has_no_difference(sentences: list[str]) -> None:
    text = "Headline\n" + "\n".join(sentences) + "\n"
    segmented = [segment(document_from_text(text), doc=0), segment(document_from_text(text), doc=1)]
    alignment = align_all(segmented, [text, text], options=OPTIONS)[0]
    assert "added" not in alignment.status_a and "added" not in alignment.status_b
    for link in alignment.links:
        if link.relation == "counterpart" and segmented[0][link.a].text == segmented[1][link.b].text:
            assert all(op.op == "equal" for op in link.diff)


@settings(max_examples=100, deadline=None)
@given(_SENTENCE, _SENTENCE)
def test_inline_diff_rebuilds_both_sentences(first: str, second: str) -> None:
    a = segment(document_from_text(first + "\n"), doc=0)[0]
    b = segment(document_from_text(second + "\n"), doc=1)[0]
    ops = scored_word_diff(a, b).ops
    rebuilt_a = " ".join(first[op.a[0] : op.a[1]] for op in ops if op.a)
    rebuilt_b = " ".join(second[op.b[0] : op.b[1]] for op in ops if op.b)
    assert rebuilt_a.replace(" .", ".").split() == first.split()
    assert rebuilt_b.replace(" .", ".").split() == second.split()
    for op in ops:
        assert op.text == (first[op.a[0] : op.a[1]] if op.a else second[op.b[0] : op.b[1]])


def test_summary_counts_equal_counted_findings() -> None:
    comparison = compare([document_from_text(A, outlet="A"), document_from_text(B, outlet="B")])
    for summary in comparison.summaries:
        added = [f for f in comparison.findings if f.change_for(summary.doc) == "added"]
        assert summary.only_here == sum(f.kind == "sentence" for f in added)
        assert summary.quotes_added == sum(f.kind == "quote" for f in added)
        assert summary.quotes == sum(q.doc == summary.doc for q in comparison.quotes)


def test_one_difference_is_one_finding() -> None:
    comparison = compare([document_from_text(A, outlet="A"), document_from_text(B, outlet="B")])
    only_in_a = [
        f for f in comparison.findings if f.kind == "sentence" and f.change == "only" and f.outlets == (0,)
    ]
    assert [f.text for f in only_in_a] == ['The mayor called the damage "serious but fixable."']
    assert only_in_a[0].lacking == (1,)
    assert only_in_a[0].change_for(0) == "added" and only_in_a[0].change_for(1) == "dropped"
    places = [
        (f.kind, f.change, tuple((v.doc, v.start, v.end) for v in f.versions)) for f in comparison.findings
    ]
    assert len(places) == len(set(places))


def test_alignment_with_no_candidate_pair_links_nothing() -> None:
    sentences, _ = aligned(A, B)
    nothing = ScoredPairs.none((len(sentences[0]), len(sentences[1])))
    empty = align(sentences[0], sentences[1], nothing, docs=(0, 1), texts=(A, B), options=OPTIONS)
    assert set(empty.status_a) == {"added"} and set(empty.status_b) == {"added"}
    assert empty.links == ()


def test_very_long_sentences_get_a_quick_coarse_diff() -> None:
    words = [f"word{i}" for i in range(3000)]
    first = " ".join(words)
    second = " ".join(["Intro", *words[:1500], "changed", *words[1501:]])
    # Passages this long are joined split or merged sentences (a sentence alone is cut at
    # 2,000 characters); built directly here.
    a = Sentence(0, 0, 0, len(first), first, "paragraph", 0)
    b = Sentence(1, 0, 0, len(second), second, "paragraph", 0)
    ops = scored_word_diff(a, b).ops
    # Common start and end kept, everything between replaced: one delete and one insert.
    assert [op.op for op in ops] == ["delete", "insert", "equal"]
    assert ops[2].text == " ".join(words[1501:])
    rebuilt_b = " ".join(second[op.b[0] : op.b[1]] for op in ops if op.b)
    assert rebuilt_b.split() == second.split()


def test_a_split_sentence_is_diffed_against_both_parts() -> None:
    first = (
        "Bridge story\nThe bridge closed on Monday and ferries will run every 20 minutes until it reopens.\n"
    )
    second = (
        "Bridge story\nThe bridge closed on Monday. Ferries will run every 20 minutes until it reopens.\n"
    )
    _, alignment = aligned(first, second)
    assert alignment.status_a[1] == "split" and alignment.status_b[1:] == ("merged", "merged")
    link = next(link for link in alignment.links if link.label not in ("split", "merged") and link.a == 1)
    inserted = [op.text for op in link.diff if op.op == "insert"]
    deleted = [op.text for op in link.diff if op.op == "delete"]
    assert (inserted, deleted) == (["."], ["and"])


def test_a_sentence_without_full_stops_is_cut_at_a_space_and_keeps_its_offsets() -> None:
    text = "Headline\n\n" + "word " * 1000 + "\n"
    sentences = segment(document_from_text(text), doc=0)[1:]
    assert [s.end - s.start for s in sentences] == [1999, 1999, 999]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert " ".join(s.text for s in sentences) == text.split("\n\n")[1].strip()
