"""Sourcing chains: outermost first, kinds, the outlet's own voice, and chains carried over."""

from __future__ import annotations

from outletdiff.extract.quotes import find_quotes
from outletdiff.extract.sources import find_attributions
from outletdiff.load import document_from_text
from outletdiff.model import Attribution
from outletdiff.segment import segment


def chains_of(text: str, outlet: str = "Example News") -> dict[int, Attribution]:
    document = document_from_text(text)
    sentences = segment(document, 0)
    quotes = find_quotes(0, document.text, sentences)
    return {a.sentence: a for a in find_attributions(0, document.text, sentences, quotes, outlet=outlet)}


def kinds(attribution: Attribution) -> list[str]:
    return [source.kind for source in attribution.chain]


def test_according_to_wraps_the_inner_source() -> None:
    (chain,) = chains_of(
        "According to Daily Mail, two Kremlin insiders claimed that Putin made contact."
    ).values()
    assert chain.label == "Daily Mail <- two Kremlin insiders"
    assert kinds(chain) == ["outlet", "anonymous"]


def test_sentence_final_outlet_is_outermost() -> None:
    text = "A Kremlin spokesperson has denied a report about talks, Reuters reported."
    (chain,) = chains_of(text).values()
    assert chain.chain[0].name == "Reuters"


def test_self_and_previously_reported() -> None:
    text = (
        "Putin is ready to talk, RadarOnline.com has learned.\n\n"
        "As RadarOnline.com previously reported, the rumors came after a threat."
    )
    chains = list(chains_of(text, outlet="RadarOnline.com").values())
    assert [kinds(c)[0] for c in chains] == ["self", "self"]


def test_chain_carried_to_continuing_sentences() -> None:
    text = (
        "Bloomberg reported earlier this week that Putin had put out feelers.\n\n"
        "The report cites two people with close links to the Kremlin.\n\n"
        "The sources reportedly said that Putin could drop his demands."
    )
    chains = chains_of(text)
    assert chains[0].label == "Bloomberg"
    assert (
        chains[1].inherited and chains[1].label == "Bloomberg <- two people with close links to the Kremlin"
    )
    assert chains[2].inherited and chains[2].label == chains[1].label


def test_person_with_role_and_per() -> None:
    text = '"We are unaware," US National Security Council spokeswoman Adrienne Watson said, per Bloomberg.'
    (chain,) = chains_of(text).values()
    assert chain.label == "Bloomberg <- Adrienne Watson"
    assert chain.chain[1].kind == "person"
    assert chain.chain[1].role == "US National Security Council spokeswoman"


def test_told_an_outlet() -> None:
    (chain,) = chains_of('But Peskov told Bloomberg News, "Russia is open for negotiations."').values()
    assert chain.label == "Bloomberg <- Peskov"


def test_hedge_is_an_unnamed_source() -> None:
    (chain,) = chains_of("The leader has reportedly put out feelers.").values()
    assert kinds(chain) == ["anonymous"]
    assert chain.chain[0].cue == "reportedly"


def test_spans_point_at_the_source_mention() -> None:
    text = "Kaliningrad is bordered by Poland, and sources indicated that a conflict was likely."
    (chain,) = chains_of(text).values()
    source = chain.chain[0]
    assert text[source.start : source.end] == "sources"


def test_no_sources_and_foreign_text() -> None:
    assert chains_of("The bridge closed on Monday.") == {}
    chains_of("Die Brücke wurde am Montag gesperrt, sagte ein Sprecher. «Wir prüfen das», hieß es.")
