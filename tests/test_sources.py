"""Sourcing chains: outermost first, kinds, the outlet's own voice, and chains carried over."""

from __future__ import annotations

from outletdiff.extract.quotes import find_quotes
from outletdiff.extract.sources import find_attributions
from outletdiff.load import document_from_text
from outletdiff.model import Attribution
from outletdiff.segment import segment


def chains_of(text: str, outlet: str = "Example News") -> dict[int, Attribution]:
    document = document_from_text(text)
    sentences = segment(document, doc=0)
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


def test_description_resolves_to_the_nearest_organisation() -> None:
    text = (
        "Halvorsen Systems will cut 1,200 jobs, the Oslo-based software company said.\n\n"
        "The company reported revenue of $2.1 billion."
    )
    chains = chains_of(text)
    assert [c.label for c in chains.values()] == ["Halvorsen Systems", "Halvorsen Systems"]
    assert [kinds(c) for c in chains.values()] == [["institution"], ["institution"]]
    assert text[chains[1].chain[0].start : chains[1].chain[0].end] == "The company"


def test_short_description_resolves_to_the_earlier_source() -> None:
    text = (
        "A fire destroyed a warehouse on Tuesday, the regional fire brigade said.\n\n"
        "No one was injured, the brigade said."
    )
    assert [c.label for c in chains_of(text).values()] == ["the regional fire brigade"] * 2


def test_report_of_a_named_agency_is_the_agency_and_continues() -> None:
    text = (
        "Pulse24.net has learned that the sprinklers were off, according to a Continental Press "
        "Agency report citing two senior health officials.\n\n"
        "The report also said the ministry had been warned."
    )
    chains = chains_of(text, outlet="Pulse24.net")
    assert chains[0].label == "Pulse24.net <- Continental Press Agency <- two senior health officials"
    assert kinds(chains[0]) == ["self", "outlet", "anonymous"]
    assert chains[1].inherited and chains[1].label == "Continental Press Agency"


def test_document_seen_by_an_outlet() -> None:
    text = (
        "An internal memo seen by TechTattle says the cuts will be done by May.\n\n"
        "The memo also said more cuts may follow."
    )
    chains = chains_of(text, outlet="TechTattle.com")
    assert chains[0].label == "TechTattle <- An internal memo"
    assert kinds(chains[0]) == ["self", "institution"]
    assert chains[1].inherited and chains[1].label == "An internal memo"


def test_possessed_document_is_a_new_source() -> None:
    text = "Analysts said the plan was sound.\n\nThe firm will take a charge, per its quarterly filing."
    assert chains_of(text)[1].label == "its quarterly filing"


def test_pronoun_with_no_earlier_speaker_takes_the_nearest_named_person() -> None:
    text = "Senator Jane Hollis toured the plant on Monday.\n\nShe said the plant would stay open."
    (chain,) = chains_of(text).values()
    assert chain.label == "Jane Hollis"
    assert text[chain.chain[0].start : chain.chain[0].end] == "She"


def test_capitalised_group_words_are_anonymous() -> None:
    text = "Sources said the board had pressed for cuts.\n\nNeighbours described a wall of smoke."
    assert [kinds(c) for c in chains_of(text).values()] == [["anonymous"], ["anonymous"]]


def test_implicit_sources_are_named_as_the_text_names_them() -> None:
    cases = {
        "The minister reportedly resigned.": ("reportedly", ["anonymous"]),
        "The minister allegedly resigned.": ("allegedly", ["anonymous"]),
        "According to reports, the minister resigned.": ("reports", ["anonymous"]),
        "According to an unnamed report, the minister resigned.": ("an unnamed report", ["anonymous"]),
        "According to media reports, the minister resigned.": ("media reports", ["anonymous"]),
        "An unnamed report said the minister resigned.": ("An unnamed report", ["anonymous"]),
        "Sources said the minister resigned.": ("Sources", ["anonymous"]),
        "Minister Quits Over Leak: Report": ("Report", ["anonymous"]),
        "According to Bloomberg reports, the minister resigned.": ("Bloomberg", ["outlet"]),
    }
    for text, (label, expected) in cases.items():
        (chain,) = chains_of(text).values()
        assert (chain.label, kinds(chain)) == (label, expected), text


def test_hedge_is_outermost_before_a_subject_that_reportedly_spoke() -> None:
    text = "Chief Anna Berg visited on Monday.\n\nShe reportedly told managers that more cuts were coming."
    assert chains_of(text)[1].label == "reportedly <- Anna Berg"
    assert chains_of("Officials reportedly said the plant would close.")[0].label == "reportedly <- Officials"


def test_a_named_or_own_source_carries_the_hedged_claim() -> None:
    assert chains_of("The fire allegedly started early, per Radio Costa.")[0].label == "Radio Costa"
    text = "The minister reportedly resigned, Example News has learned."
    assert chains_of(text)[0].label == "Example News"
    assert kinds(chains_of(text)[0]) == ["self"]


def test_bundled_pair_names_implicit_sources_as_written() -> None:
    from pathlib import Path

    from outletdiff.load import load_path

    root = Path(__file__).resolve().parents[1]
    document = load_path(root / "corpus" / "putin-talks" / "radaronline.txt")
    sentences = segment(document, doc=1)
    quotes = find_quotes(1, document.text, sentences)
    found = find_attributions(1, document.text, sentences, quotes, outlet=document.outlet)
    labels = {a.sentence: a.label for a in found}
    assert labels[0] == "Report"
    assert labels[1] == "RadarOnline"
    assert labels[2] == "reportedly"
    assert labels[9] == "reportedly <- U.S. officials"
    assert labels[17] == "sources"
    assert labels[18] == "reportedly"
    assert "unnamed source" not in " ".join(labels.values())


def written(text: str, attribution: Attribution) -> list[tuple[str, str, str]]:
    """Each link's name, kind and the words at its offsets."""
    return [(s.name, s.kind, text[s.start : s.end]) for s in attribution.chain]


def test_belief_verb_pronoun_source_at_the_pronoun() -> None:
    text = "Senator Maria Lopez visited the plant on Monday. She believes the plan will fail."
    chains = chains_of(text)
    assert list(chains) == [1]
    assert written(text, chains[1]) == [("Maria Lopez", "person", "She")]


def test_relative_who_source_named_by_its_antecedent() -> None:
    text = "Voters in Ohio met Senator Maria Lopez, who believes the bridge is unsafe."
    (chain,) = chains_of(text).values()
    assert written(text, chain) == [("Maria Lopez", "person", "who")]


def test_carried_report_placed_where_the_sentence_names_it() -> None:
    text = "A new poll shows the mayor ahead. According to the new poll, most voters back him."
    chains = chains_of(text)
    assert written(text, chains[0]) == [("A new poll", "institution", "A new poll")]
    assert chains[1].inherited
    assert written(text, chains[1]) == [("A new poll", "institution", "the new poll")]


def test_learned_frame_keys_run_from_specific_to_general() -> None:
    from outletdiff.extract.cue_frames import candidate_frames

    text = "He has also argued that the law is wrong."
    frame = next(f for f in candidate_frames(text, 0, len(text)) if text[f.cue_start : f.cue_end] == "argued")
    assert text[frame.subject_start : frame.subject_end] == "He"
    assert frame.keys == (
        "word argued pronoun that",
        "word argued pronoun",
        "stem argu pronoun that",
        "stem argu pronoun",
    )
