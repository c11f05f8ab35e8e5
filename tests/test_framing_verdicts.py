"""Framing and fact verdicts from a hand-built alignment: added, dropped, altered, both directions."""

from __future__ import annotations

from outletdiff.extract.facts import find_facts
from outletdiff.extract.framing import find_framing
from outletdiff.extract.lexicon import shipped_lexicon
from outletdiff.model import Alignment, DiffOp, Document, Link, Sentence, swap_alignment
from outletdiff.verdicts.facts import fact_verdicts
from outletdiff.verdicts.framing import framing_verdicts

A = "Putin made an offer in December. Peskov spoke."
B = "In a sudden move, Putin made a startling offer last month. The despot left."


def sentence(doc: int, index: int, text: str, part: str) -> Sentence:
    start = text.index(part)
    return Sentence(doc, index, start, start + len(part), part, "paragraph", 0)


def setup() -> tuple[Alignment, list[Document], list[tuple[Sentence, ...]]]:
    sa = (sentence(0, 0, A, "Putin made an offer in December."), sentence(0, 1, A, "Peskov spoke."))
    sb = (
        sentence(1, 0, B, "In a sudden move, Putin made a startling offer last month."),
        sentence(1, 1, B, "The despot left."),
    )

    def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
        start = text.index(part, after)
        return start, start + len(part)

    diff = (
        DiffOp("insert", "In a sudden move, ", None, span(B, "In a sudden move, ")),
        DiffOp("equal", "Putin made ", span(A, "Putin made "), span(B, "Putin made ")),
        DiffOp("delete", "an", span(A, "an "), None),
        DiffOp("insert", "a startling", None, span(B, "a startling")),
        DiffOp("equal", " offer ", span(A, " offer "), span(B, " offer ")),
        DiffOp("delete", "in December", span(A, "in December"), None),
        DiffOp("insert", "last month", None, span(B, "last month")),
        DiffOp("equal", ".", span(A, ".", 20), span(B, ".", 50)),
    )
    link = Link(0, 0, "counterpart", "edited", 0.8, diff)
    alignment = Alignment(0, 1, (link,), ("edited", "added"), ("edited", "added"))
    documents = [Document("a", A, "a.txt"), Document("b", B, "b.txt")]
    return alignment, documents, [sa, sb]


def test_framing_added_in_diff_and_in_unmatched_sentence_both_directions() -> None:
    alignment, documents, sentences = setup()
    framing = [
        h
        for doc in (0, 1)
        for h in find_framing(doc, documents[doc].text, sentences[doc], [], shipped_lexicon())
    ]
    findings = framing_verdicts(alignment, documents, sentences, framing)
    texts = {f.text for f in findings if f.change == "added" and f.outlet == 1}
    assert {"startling", "despot", "sudden"} <= texts
    assert not any(f.outlet == 0 and f.change == "added" for f in findings)
    dropped = [f for f in findings if f.change == "dropped"]
    assert {f.text for f in dropped} == texts and all(f.outlet == 0 and f.doc == 1 for f in dropped)
    for f in findings:
        assert documents[f.doc].text[f.start : f.end] == f.text and f.voice == "outlet"


def test_lexicon_free_candidate_from_an_inserted_word() -> None:
    alignment, documents, sentences = setup()
    findings = framing_verdicts(alignment, documents, sentences, [])
    candidates = {f.text for f in findings if f.category == "candidate" and f.change == "added"}
    assert "sudden" in candidates or "startling" in candidates
    assert not candidates & {"Putin", "month", "last"}


def test_swapped_alignment_gives_mirrored_findings() -> None:
    alignment, documents, sentences = setup()
    framing = [
        h
        for doc in (0, 1)
        for h in find_framing(doc, documents[doc].text, sentences[doc], [], shipped_lexicon())
    ]
    forward = {
        (f.outlet, f.change, f.text) for f in framing_verdicts(alignment, documents, sentences, framing)
    }
    backward = {
        (f.outlet, f.change, f.text)
        for f in framing_verdicts(swap_alignment(alignment), documents, sentences, framing)
    }
    assert forward == backward


def test_fact_altered_added_and_dropped() -> None:
    alignment, documents, sentences = setup()
    facts = [f for doc in (0, 1) for f in find_facts(doc, documents[doc].text, sentences[doc])]
    findings = fact_verdicts(alignment, documents, sentences, facts)
    # Neither document has a date: "last month" may be December, so it is neither altered nor added.
    assert not any(f.change == "altered" or f.text in ("December", "last month") for f in findings)
    added = {(f.outlet, f.text) for f in findings if f.change == "added"}
    assert (0, "Peskov") in added
    dropped = [f for f in findings if f.change == "dropped" and f.text == "Peskov"]
    assert dropped and dropped[0].outlet == 1 and dropped[0].doc == 0
    assert not any(f.text == "Putin" for f in findings)
