"""The speaker rules added for real news: dates, initials, relative pronouns, gender, learned cues."""

from __future__ import annotations

import json

from outletdiff import compare, to_json
from outletdiff.extract.quotes import find_quotes
from outletdiff.extract.resolver import Resolver, role_table
from outletdiff.extract.roles import RoleBook
from outletdiff.extract.speakers import cue_verbs, find_frames
from outletdiff.load import document_from_text
from outletdiff.render.html import to_html
from outletdiff.segment import segment


def _speakers(text: str) -> list[str | None]:
    document = document_from_text(text)
    return [quote.speaker for quote in find_quotes(0, document.text, segment(document, doc=0))]


def _mentions(text: str) -> list[str]:
    return [frame.mention.text for frame in find_frames(text, 0, len(text))]


def test_a_weekday_or_month_is_never_a_speaker() -> None:
    assert _mentions("The government on Monday withdrew the licences, officials said.") == ["officials"]
    assert _mentions("Saturday marked a turn, and then Friday said nothing.") == []


def test_an_initial_stays_inside_the_name() -> None:
    text = 'Russian President Vladimir V. Putin spoke first. "We are ready," Putin said.'
    assert _speakers(text) == ["Vladimir V. Putin"]


def test_who_speaks_for_the_name_before_it() -> None:
    text = "Senator Ted Cruz, who said the deal was a disaster, left early."
    frames = find_frames(text, 0, len(text))
    assert [(f.cue, f.mention.text, f.mention.name) for f in frames] == [("said", "who", "Ted Cruz")]


def test_she_resolves_to_the_nearest_woman_named_not_the_last_speaker() -> None:
    text = (
        "The regional fire brigade said the fire started at night. Health Minister Ana Ruiz visited "
        'the site; she was seen crying. "We will rebuild," she said.'
    )
    assert _speakers(text) == ["Ana Ruiz"]


def test_he_stays_with_the_last_speaker_over_a_man_named_in_his_words() -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov said he had spoken with Vladimir Putin about it. "
        '"Nothing has changed," he said.'
    )
    assert _speakers(text) == ["Dmitry Peskov"]


def test_gender_is_read_from_titles_and_the_pronoun_after_a_name() -> None:
    resolver = Resolver.for_text("Mrs. Dana Ortiz arrived. Paul Brenner said he was late.")
    assert resolver.genders == {"Dana Ortiz": "f", "Paul Brenner": "m"}


def test_a_learned_cue_frames_a_sentence_only_when_no_speech_verb_does() -> None:
    assert {"blasted", "vowed", "tweeted"} <= cue_verbs()
    assert _mentions("Trump blasted the deal as a disgrace.") == ["Trump"]
    assert _mentions("Investigators have not ruled out arson, a police spokesperson said.") == [
        "a police spokesperson"
    ]


def test_a_party_aside_after_an_appositive_keeps_the_subject() -> None:
    text = (
        "Elizabeth Lauten, the communications director for Rep. Stephen Fincher (R-Tenn.), wrote that "
        'the teenagers should "try showing a little class," on Facebook.'
    )
    assert _speakers(text) == ["Elizabeth Lauten"]


def test_a_question_quote_split_from_its_frame_takes_the_next_sentence() -> None:
    text = 'Obama spoke at length.\n\n"What have you guys been debating, John?" Obama said. The vote passed.'
    assert _speakers(text) == ["Obama"]


def test_the_last_of_coordinated_verbs_speaks_for_the_clause_subject() -> None:
    text = 'After the report aired, Grimm stormed back, leaned into him and said, "Let me be clear to you."'
    assert _speakers(text) == ["Grimm"]


def test_a_title_in_quotes_hands_on_no_speaker() -> None:
    text = (
        '"I want to see it," said Trump in an interview on the "Today" show, according to Reuters.\n\n'
        '"How come his own family does not know?"'
    )
    assert _speakers(text) == ["Trump", "Reuters", "Trump"]


def test_roles_are_read_from_titles_and_appositions() -> None:
    text = (
        "President Barack Obama spoke. Josh Earnest, the White House press secretary, said more. "
        "Rep. Michael Grimm left. The company's spokeswoman, Jane Doe, said no. "
        "Former Gov. Rick Perry stayed."
    )
    assert role_table(text) == {
        "president": "Barack Obama",
        "representative": "Michael Grimm",
        "secretary": "Josh Earnest",
        "spokesperson": "Jane Doe",
    }
    assert role_table("Obama, the president, spoke.") == {"president": "Obama"}


def test_the_role_book_keeps_only_roles_the_documents_agree_on() -> None:
    book = RoleBook.merge(
        [
            {"president": "Obama", "spokesperson": "Jane Doe"},
            {"president": "Barack Obama", "spokesperson": "John Roe"},
        ]
    )
    assert book.holders == {"president": ("Barack Obama", 1)}
    assert book.holder("the president".split()[-1], doc=0) == ("Barack Obama", 1)
    assert book.holder("president", doc=1) is None  # its own text names him
    assert book.holder("congressman", doc=0) is None


def test_a_description_takes_the_name_another_outlet_gives() -> None:
    own = document_from_text('The four-term congressman spoke.\n\n"I will not resign," the congressman said.')
    other = document_from_text("Rep. Michael Grimm spoke on Monday.")
    book = RoleBook.merge([role_table(own.text), role_table(other.text)])
    quotes = find_quotes(0, own.text, segment(own, doc=0), book=book)
    assert [(q.speaker, q.speaker_doc) for q in quotes] == [("Michael Grimm", 1)]
    start, end = quotes[0].speaker_span or (0, 0)
    assert own.text[start:end] == "the congressman"  # the span stays on this text's words
    alone = find_quotes(0, own.text, segment(own, doc=0))
    assert [(q.speaker, q.speaker_doc) for q in alone] == [("the congressman", None)]


def test_a_dash_signs_the_quote_before_it() -> None:
    text = (
        'The claims were checked.\n\n"Boeing and GE pay zero taxes."\n\n- Bernie Sanders.\n\nThis is complex.'
    )
    assert _speakers(text) == ["Bernie Sanders"]


def test_a_name_alone_before_a_colon_speaks() -> None:
    assert _speakers("Trump: ‘We Are Going To Win So Much.’ Donald Trump spoke on Monday.") == [
        "Donald Trump"
    ]
    assert _speakers('Polls agree - Carl Bialik: "Keep on contacting voters as late as possible."') == [
        "Carl Bialik"
    ]


def test_manner_and_two_word_saying_verbs() -> None:
    assert _speakers('"Go back to Univision," Trump barked.') == ["Trump"]
    assert _speakers('"They are all here for free stuff," Bennett shot back with a laugh.') == ["Bennett"]


def test_a_participle_after_a_frame_shares_its_speaker() -> None:
    text = 'Trump and Ryan will meet next week, Spicer said, adding, "They need to sit down and talk."'
    assert _speakers(text) == ["Spicer"]


def test_staff_named_after_their_outlet_speak_themselves() -> None:
    text = '"We won\'t be running his columns," Daily News opinion editor Josh Greenman said.'
    assert _speakers(text) == ["Josh Greenman"]


def test_a_question_ending_inside_nested_marks_takes_the_bare_frame_after_it() -> None:
    text = "“Her response was, ‘What can we do to help?’” Renteria told reporters on a call."
    assert _speakers(text) == ["Renteria"]


def test_compare_names_a_described_speaker_from_another_outlet_and_says_so() -> None:
    described = document_from_text(
        'The president spoke at the White House on Monday.\n\n"We will not back down," the president said.',
        outlet="outlet-a",
    )
    named = document_from_text(
        "President Barack Obama spoke at the White House on Monday.\n\nHe took no questions.",
        outlet="outlet-b",
    )
    comparison = compare([described, named])
    quote = comparison.quotes[0]
    assert (quote.speaker, quote.speaker_doc) == ("Barack Obama", 1)
    assert comparison.speaker_label(quote) == "Barack Obama, as named by outlet-b"
    assert "Barack Obama, as named by outlet-b" in to_html(comparison)
    assert json.loads(to_json(comparison))["quotes"][0]["speaker_doc"] == 1


def test_a_given_name_tells_a_gender_no_pronoun_told() -> None:
    text = (
        'Donald Trump spoke on the show. Meredith Vieira asked Trump, "Do you know this?" '
        'He signaled he did, saying, "I am serious."'
    )
    assert _speakers(text) == ["Meredith Vieira", "Donald Trump"]


def test_he_continues_the_subject_of_the_sentence_before_over_an_earlier_speaker() -> None:
    text = (
        '"Polls show an erosion," said Matt Brooks, director of the coalition. '
        "Benjamin Netanyahu also appeared on NBC last Sunday, urging a tougher line. "
        '"If you are determined to prevent it, you act," he said on the show.'
    )
    assert _speakers(text) == ["Matt Brooks", "Benjamin Netanyahu"]


def test_an_affiliation_after_of_the_is_no_part_of_the_name() -> None:
    text = '"It would have been a long shot," said Stephen Vladeck of the University of Texas School of Law.'
    assert _speakers(text) == ["Stephen Vladeck"]
