"""The speaker rules added for real news: dates, initials, relative pronouns, gender, learned cues."""

from __future__ import annotations

from outletdiff.extract.quotes import find_quotes
from outletdiff.extract.resolver import Resolver
from outletdiff.extract.speakers import cue_verbs, find_frames
from outletdiff.load import document_from_text
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
