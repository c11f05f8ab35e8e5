"""Quote and source verdicts across two outlets, in both directions."""

from __future__ import annotations

from outletdiff.extract.quotes import find_quotes
from outletdiff.extract.sources import find_attributions
from outletdiff.load import document_from_text
from outletdiff.model import Alignment, Attribution, Document, Finding, Link, Quote
from outletdiff.segment import segment
from outletdiff.verdicts.quotes import quote_verdicts
from outletdiff.verdicts.sources import source_verdicts

A = (
    'Kremlin spokesperson Dmitry Peskov said it was "a wrong report."\n\n'
    '"It absolutely does not correspond to reality," he added.\n\n'
    "Bloomberg reported that Putin had put out feelers.\n\n"
    'Putin called it a "tragedy" in a long speech.'
)
B = (
    "“No, this is a wrong report,” Peskov said.\n\n"
    "“It absolutely does not correspond to reality,” Peskov said.\n\n"
    "According to Daily Mail, Putin had put out feelers.\n\n"
    "“We will keep fighting,” said Sergei Lavrov."
)


def setup() -> tuple[Alignment, list[Document], tuple[list[Quote], list[Attribution]]]:
    documents = [document_from_text(A, outlet="A"), document_from_text(B, outlet="B")]
    quotes: list[Quote] = []
    attributions: list[Attribution] = []
    for index, document in enumerate(documents):
        sentences = segment(document, doc=index)
        found = find_quotes(index, document.text, sentences)
        quotes.extend(found)
        attributions.extend(find_attributions(index, document.text, sentences, found, outlet=document.outlet))
    links = (
        Link(0, 0, "counterpart", "rewritten", 0.6),
        Link(1, 1, "counterpart", "edited", 0.9),
        Link(2, 2, "counterpart", "edited", 0.8),
    )
    alignment = Alignment(
        0, 1, links, ("rewritten", "edited", "edited", "added"), ("rewritten", "edited", "edited", "added")
    )
    return alignment, documents, (quotes, attributions)


def by(findings: list[Finding], outlet: int, change: str) -> list[Finding]:
    return [f for f in findings if f.outlet == outlet and f.change == change]


def test_quote_altered_shared_added_and_dropped() -> None:
    alignment, documents, (quotes, _) = setup()
    findings = quote_verdicts(alignment, documents, quotes)
    altered = by(findings, 0, "altered")
    assert [(f.text, f.other_text) for f in altered] == [("a wrong report.", "No, this is a wrong report,")]
    assert [f.text for f in by(findings, 0, "shared")] == ["It absolutely does not correspond to reality,"]
    assert [f.text for f in by(findings, 1, "added")] == ["We will keep fighting,"]
    dropped = by(findings, 0, "dropped")
    assert [(f.text, f.doc) for f in dropped] == [("We will keep fighting,", 1)]
    assert all(documents[f.doc].text[f.start : f.end] == f.text for f in findings)


def test_same_words_from_another_speaker() -> None:
    documents = [
        document_from_text('"We will win this war," said Anna Berg.', outlet="A"),
        document_from_text('"We will win this war," said Tom Hale.', outlet="B"),
    ]
    quotes = [q for i, d in enumerate(documents) for q in find_quotes(i, d.text, segment(d, doc=i))]
    findings = quote_verdicts(Alignment(0, 1, (), ("added",), ("added",)), documents, quotes)
    assert {(f.outlet, f.change, f.category) for f in findings} == {
        (0, "altered", "speaker"),
        (1, "altered", "speaker"),
    }


def test_source_chains_differ_and_sources_only_one_side_cites() -> None:
    alignment, documents, (_, attributions) = setup()
    sentences = [segment(d, doc=i) for i, d in enumerate(documents)]
    findings = source_verdicts(alignment, documents, sentences, attributions)
    chains = [(f.chain, f.other_text) for f in by(findings, 0, "altered")]
    assert ("Bloomberg", "Daily Mail") in chains
    assert "Bloomberg" in [f.text for f in by(findings, 0, "added")]
    assert "Daily Mail" in [f.text for f in by(findings, 0, "dropped")]
    assert "Dmitry Peskov" in [f.text for f in by(findings, 0, "shared")]


def test_attributed_versus_stated_as_fact() -> None:
    documents = [
        document_from_text("Putin is ready to talk, Reuters reported.", outlet="A"),
        document_from_text("Putin is ready to talk.", outlet="B"),
    ]
    attributions = [
        a
        for i, d in enumerate(documents)
        for a in find_attributions(i, d.text, segment(d, doc=i), (), outlet=d.outlet)
    ]
    alignment = Alignment(0, 1, (Link(0, 0, "counterpart", "edited", 0.9),), ("edited",), ("edited",))
    sentences = [segment(d, doc=i) for i, d in enumerate(documents)]
    findings = [
        f for f in source_verdicts(alignment, documents, sentences, attributions) if f.change == "altered"
    ]
    assert {(f.outlet, f.category, f.chain, f.other_text) for f in findings} == {
        (0, "unattributed", "Reuters", None),
        (1, "unattributed", None, "Reuters"),
    }


def test_identical_texts_have_only_shared_findings() -> None:
    documents = [document_from_text(A, outlet="A"), document_from_text(A, outlet="B")]
    quotes = [q for i, d in enumerate(documents) for q in find_quotes(i, d.text, segment(d, doc=i))]
    links = tuple(Link(i, i, "counterpart", "identical", 1.0) for i in range(4))
    alignment = Alignment(0, 1, links, ("identical",) * 4, ("identical",) * 4)
    assert {f.change for f in quote_verdicts(alignment, documents, quotes)} == {"shared"}


def self_quote_changes(text: str) -> list[tuple[str, str]]:
    documents = [document_from_text(text, outlet="A"), document_from_text(text, outlet="B")]
    quotes = [
        quote
        for index, document in enumerate(documents)
        for quote in find_quotes(index, document.text, segment(document, doc=index))
    ]
    alignment = Alignment(0, 1, (), (), ())
    return [(f.change, f.text) for f in quote_verdicts(alignment, documents, quotes) if f.change != "shared"]


def test_quotes_without_word_characters_match_themselves() -> None:
    text = 'The crowd shouted "?" and then "\U0001f600" at him.\n\nA sign read "***" on the door.\n'
    assert self_quote_changes(text) == []


def test_a_repeated_quote_pairs_with_its_own_copy() -> None:
    """Two copies with different speakers: each must meet its own copy, not the first one."""
    text = (
        'The mayor, Jane Holt, called it "serious but fixable."\n\n'
        'The engineer, Tom Reyes, also called it "serious but fixable."\n'
    )
    assert self_quote_changes(text) == []
