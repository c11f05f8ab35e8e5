"""Quote finding: marks, apostrophes, kinds, speakers, and text that must not break it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from outletdiff.extract.quotes import find_quotes
from outletdiff.load import document_from_text
from outletdiff.model import Quote
from outletdiff.segment import segment


def quotes_of(text: str) -> tuple[Quote, ...]:
    document = document_from_text(text)
    return find_quotes(0, document.text, segment(document, doc=0))


def test_straight_quote_with_speaker_after() -> None:
    (quote,) = quotes_of('"It absolutely does not correspond to reality," Peskov said.')
    assert quote.text == "It absolutely does not correspond to reality,"
    assert quote.kind == "direct"
    assert quote.speaker == "Peskov"


def test_curly_single_and_guillemet_marks() -> None:
    text = "“We are ready,” he said. ‘We are not,’ said Anna Berg. «Nous verrons», a ajouté Marie Dupont."
    found = [q.text for q in quotes_of(text)]
    assert found == ["We are ready,", "We are not,", "Nous verrons"]


def test_span_is_content_without_marks() -> None:
    text = 'Kremlin spokesperson Dmitry Peskov said it was "a wrong report."'
    (quote,) = quotes_of(text)
    assert text[quote.start : quote.end] == quote.text == "a wrong report."
    assert quote.kind == "partial"
    assert quote.speaker == "Dmitry Peskov"
    assert quote.speaker_span is not None
    assert text[quote.speaker_span[0] : quote.speaker_span[1]] == "Dmitry Peskov"


def test_apostrophes_never_open_a_quote() -> None:
    text = "Ukraine's and Putin’s plans in the '90s were rock 'n' roll, the leaders' aides said."
    assert quotes_of(text) == ()


def test_role_before_name_pronoun_and_surname() -> None:
    text = (
        "Kremlin spokesperson Dmitry Peskov dismissed the reports.\n\n"
        '"It is wrong," he added.\n\n'
        '"We are open," Peskov said.'
    )
    speakers = [q.speaker for q in quotes_of(text)]
    assert speakers == ["Dmitry Peskov", "Dmitry Peskov"]


def test_according_to_and_per() -> None:
    text = '"We are unaware of the shifts," spokeswoman Adrienne Watson said, per Bloomberg.'
    (quote,) = quotes_of(text)
    assert quote.speaker == "Adrienne Watson"


def test_scare_quotes_have_no_speaker() -> None:
    text = "Vladimir Putin is reportedly “testing the waters” with the West."
    (quote,) = quotes_of(text)
    assert quote.kind == "scare"
    assert quote.speaker is None


def test_quote_spanning_sentences() -> None:
    text = '"We are determined to reach our goals. And would prefer diplomacy," he said.'
    (quote,) = quotes_of(text)
    assert quote.text.startswith("We are determined") and quote.text.endswith("diplomacy,")


def test_multi_paragraph_quote_continues_only_when_next_paragraph_opens_with_a_mark() -> None:
    text = 'Smith said: "The first part of it.\n\n"The second part," he added.\n\nNo quote here.'
    (quote,) = quotes_of(text)
    assert quote.text.startswith("The first part") and quote.text.endswith("The second part,")


def test_unclosed_quote_does_not_swallow_the_rest() -> None:
    text = 'He said "this never closes.\n\nThe next paragraph has "a real quote" in it.'
    found = [q.text for q in quotes_of(text)]
    assert found == ["a real quote"]


def test_direct_quote_continues_previous_speaker() -> None:
    text = '"No, this is a wrong report," Peskov said. "It absolutely does not correspond to reality."'
    assert [q.speaker for q in quotes_of(text)] == ["Peskov", "Peskov"]


def test_no_quotes_and_non_english_text() -> None:
    assert quotes_of("Nothing is quoted in this plain sentence.") == ()
    found = quotes_of("Путин заявил: «Мы готовы к переговорам». 普京说「我们准备好了」。")
    assert [q.text for q in found] == ["Мы готовы к переговорам", "我们准备好了"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n'\"“”‘’«»")), max_size=120))
def test_never_crashes_and_spans_point_into_the_text(text: str) -> None:
    for quote in quotes_of(text) if text.strip() else ():
        assert text[quote.start : quote.end] == quote.text
        assert quote.end > quote.start


def test_description_resolves_to_the_nearest_named_person() -> None:
    text = (
        "Vladimir Putin visited Kaliningrad on Thursday.\n\n"
        "Putin’s warning to the West came during the visit.\n\n"
        "“This is stunning ignorance,” the despot said during a speech."
    )
    (quote,) = quotes_of(text)
    assert quote.speaker == "Vladimir Putin"
    assert quote.speaker_span is not None
    assert text[quote.speaker_span[0] : quote.speaker_span[1]] == "the despot"


def test_description_skips_a_person_who_holds_another_role() -> None:
    text = (
        "Vladimir Putin met envoys on Monday. Kremlin spokesman Dmitry Peskov briefed reporters.\n\n"
        "“Nothing was agreed,” the Russian leader said. “We will see,” the Kremlin spokesman said."
    )
    assert [q.speaker for q in quotes_of(text)] == ["Vladimir Putin", "Dmitry Peskov"]


def test_appositive_and_parenthetical_subjects() -> None:
    text = (
        "The headliners, The Velvet Arcade, a Britpop act from the 1990s, said: “We are gutted.”\n\n"
        "Trump, speaking to a veterans group in Virginia, said: “We will rebuild.”\n\n"
        "Rep. Gwen Moore (D-Wis.) said: “It is a dog whistle.”"
    )
    assert [q.speaker for q in quotes_of(text)] == ["Velvet Arcade", "Trump", "Gwen Moore"]


def test_colon_and_participle_hand_the_quote_to_the_clause_subject() -> None:
    text = (
        "Biden was quick to retort: “That is a bunch of malarkey.”\n\n"
        "Rival Hillary Clinton mocked the complaint, saying “anybody who complains is losing.”\n\n"
        "Asked about the audit, Mr. Santorum did not back down, saying, “I stand by it.”"
    )
    assert [q.speaker for q in quotes_of(text)] == ["Biden", "Hillary Clinton", "Santorum"]


def test_long_quote_hands_its_speaker_to_the_next_one() -> None:
    text = (
        '"It is not about your jobs. It is not about your taxes. It is about a phony ideal," '
        'Rick Santorum said. "It is about a phony theology."'
    )
    assert [q.speaker for q in quotes_of(text)] == ["Rick Santorum", "Rick Santorum"]


def test_quote_after_its_own_clause_does_not_continue_an_earlier_speaker() -> None:
    text = '"They blamed the video," Ryan said.\n\nThe moderator turned to the audience: "Next question."'
    assert [q.speaker for q in quotes_of(text)] == ["Ryan", None]


def test_bundled_radaronline_despot_is_putin() -> None:
    from pathlib import Path

    from outletdiff.load import load_path

    path = Path(__file__).resolve().parents[1] / "corpus" / "putin-talks" / "radaronline.txt"
    document = load_path(path, label="RadarOnline.com")
    quotes = find_quotes(0, document.text, segment(document, doc=0))
    (quote,) = [q for q in quotes if q.text.startswith("This is stunning ignorance")]
    assert quote.speaker == "Vladimir Putin"


def test_an_office_resolves_only_to_its_holder_not_the_nearest_name() -> None:
    text = (
        "Mayor Ana Ruiz closed the bridge on Monday.\n"
        "Cafe owner Jose Muller said business had collapsed.\n"
        '"We will reopen it within a month," the mayor said.\n'
    )
    document = document_from_text(text)
    quotes = find_quotes(0, document.text, segment(document, doc=0))
    assert [(q.text, q.speaker) for q in quotes] == [("We will reopen it within a month,", "Ana Ruiz")]
