"""Framing hits: lexicon matches with voice decided by quote spans (Quote objects built by hand)."""

from __future__ import annotations

import re

from outletdiff.extract.framing import find_framing
from outletdiff.extract.lexicon import Lexicon, Term, shipped_lexicon
from outletdiff.model import Quote, Sentence

TEXT = "Putin’s startling warning came during a cryptic visit. “This is stunning ignorance,” the despot said."


def sentences() -> tuple[Sentence, ...]:
    cut = TEXT.index("“")
    return (
        Sentence(0, 0, 0, cut - 1, TEXT[: cut - 1], "paragraph", 0),
        Sentence(0, 1, cut, len(TEXT), TEXT[cut:], "paragraph", 0),
    )


def quote(kind: str = "direct") -> Quote:
    start = TEXT.index("This")
    end = TEXT.index("ignorance") + len("ignorance")
    return Quote(0, 1, start, end, TEXT[start:end], kind, speaker="the despot")  # type: ignore[arg-type]


def test_voice_and_offsets() -> None:
    hits = find_framing(0, TEXT, sentences(), [quote()], shipped_lexicon())
    by_text = {hit.text: hit for hit in hits}
    assert {"startling", "cryptic", "stunning", "despot"} <= set(by_text)
    assert by_text["startling"].voice == "outlet" and by_text["despot"].voice == "outlet"
    assert by_text["stunning"].voice == "quoted" and by_text["stunning"].speaker == "the despot"
    for hit in hits:
        assert TEXT[hit.start : hit.end] == hit.text
        assert hit.from_lexicon


def test_scare_quotes_stay_in_the_outlet_voice() -> None:
    hits = find_framing(0, TEXT, sentences(), [quote("scare")], shipped_lexicon())
    assert all(hit.voice == "outlet" for hit in hits)


def test_quotes_of_another_document_are_ignored() -> None:
    other = Quote(1, 1, quote().start, quote().end, quote().text, "direct", speaker="x")
    hits = find_framing(0, TEXT, sentences(), [other], shipped_lexicon())
    assert all(hit.voice == "outlet" for hit in hits)


def test_non_english_text_gives_few_hits_and_no_crash() -> None:
    text = "Путин заявил, что переговоры возможны. 普京表示愿意谈判。"
    hits = find_framing(0, text, (Sentence(0, 0, 0, len(text), text, "paragraph", 0),), [], shipped_lexicon())
    assert hits == ()


def one_sentence(text: str) -> tuple[Sentence, ...]:
    return (Sentence(0, 0, 0, len(text), text, "paragraph", 0),)


def test_not_framing_entries_silence_their_loaded_word() -> None:
    text = "The bill bans assault weapons after an assault on the senator's record."
    hits = find_framing(0, text, one_sentence(text), [], shipped_lexicon())
    assert [(hit.text, hit.category) for hit in hits if hit.term == "assault"] == [("assault", "loaded_verb")]
    assert all(hit.category != "not_framing" for hit in hits)


def test_stacked_intensifiers_are_a_hit_only_with_the_shipped_patterns() -> None:
    text = "Her eyes were open very, very wide."
    hits = find_framing(0, text, one_sentence(text), [], shipped_lexicon())
    assert [(hit.text, hit.category, hit.voice) for hit in hits] == [("very, very", "intensifier", "outlet")]
    plain = Lexicon((Term("wide", "evaluative"),))
    assert [hit.text for hit in find_framing(0, text, one_sentence(text), [], plain)] == ["wide"]


def sentences_of(text: str, *kinds: str) -> tuple[Sentence, ...]:
    """One sentence per line of ``text``, each of the given kind (``paragraph`` by default)."""
    found, start = [], 0
    for index, line in enumerate(text.split("\n")):
        kind = kinds[index] if index < len(kinds) else "paragraph"
        found.append(Sentence(0, index, start, start + len(line), line, kind, index))  # type: ignore[arg-type]
        start += len(line) + 1
    return tuple(found)


def framing_words(text: str, *kinds: str) -> list[tuple[str, str]]:
    hits = find_framing(0, text, sentences_of(text, *kinds), [], shipped_lexicon())
    return [(hit.text, hit.term) for hit in hits]


def test_names_are_never_lexicon_words() -> None:
    # "Carper" mid-sentence is a name; written capitalised and never in lower case, it is a
    # name at the start of a sentence too. The verb "carped" is still a loaded word.
    text = "Sen. Tom Carper questioned the plan.\nCarper said Hardy carped about it."
    assert framing_words(text) == [("carped", "carp")]


def test_title_case_headlines_neither_hide_words_nor_make_names() -> None:
    text = "Senators Slam Pipe Bomb Bill As Carper Balks\nSen. Tom Carper spoke."
    # The headline's capitals say nothing: "Slam" and "Balks" are loaded verbs there, while
    # "Carper" is a name because the body writes it capitalised mid-sentence.
    assert framing_words(text, "headline") == [("Slam", "slam"), ("Balks", "balk")]


def test_literal_and_legal_senses_are_no_framing() -> None:
    text = (
        "Police found explosive devices and the suspect was charged with assault.\n"
        "He obstructed justice, and the explosive report made suspect claims."
    )
    assert framing_words(text) == [("explosive", "explosive"), ("suspect", "suspect")]


def test_a_scare_quote_is_the_outlets_unless_someone_is_said_to_use_it() -> None:
    text = 'Critics called the inquiry a "witch hunt". The "witch hunt" dragged on.'
    quotes = [
        Quote(0, 0, m.start() + 1, m.end() - 1, "witch hunt", "scare")
        for m in re.finditer('"witch hunt"', text)
    ]
    hits = find_framing(0, text, one_sentence(text), quotes, shipped_lexicon())
    assert [(hit.start, hit.voice, hit.speaker) for hit in hits if hit.term == "witch hunt"] == [
        (text.index("witch"), "quoted", None),
        (text.rindex("witch"), "outlet", None),
    ]


def test_policy_names_are_no_framing() -> None:
    # "the war on drugs" names a policy; "his war on the press" judges.
    text = "The war on drugs went on.\nHis war on the press went on."
    assert framing_words(text) == [("war on", "war on")]
