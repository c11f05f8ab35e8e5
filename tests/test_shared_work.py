"""Work shared between calls for speed must not leak from one text, sentence or resolver to another.

Frames are found once per distinct sentence and moved to where each copy stands; names are
learned once per text and shared by every resolver of it; quote pairs are found through an
index of shared words. Each shortcut is checked here against what it replaces.
"""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from outletdiff.extract.quotes import find_quotes
from outletdiff.extract.speakers import Resolver, find_frames
from outletdiff.load import document_from_text
from outletdiff.segment import segment
from outletdiff.verdicts.quotes import _sharing_words

SENTENCE = "Kremlin spokesman Dmitry Peskov told reporters the report was wrong, according to Reuters."


def test_the_same_sentence_gets_frames_with_offsets_into_each_text() -> None:
    first = SENTENCE
    second = "Moscow was quiet on Monday.  " + SENTENCE
    frames_first = find_frames(first, 0, len(first))
    frames_second = find_frames(second, len(second) - len(SENTENCE), len(second))
    assert [frame.cue for frame in frames_first] == ["told", "according to"]
    assert [frame.cue for frame in frames_second] == ["told", "according to"]
    shift = len(second) - len(SENTENCE)
    for one, other in zip(frames_first, frames_second, strict=True):
        assert other.cue_start == one.cue_start + shift
        assert other.mention.start == one.mention.start + shift
        assert second[other.mention.start : other.mention.end] == other.mention.text
        assert second[other.cue_start : other.cue_end].lower() == other.cue


def test_a_sentence_without_any_cue_word_has_no_frames() -> None:
    text = "The bridge reopened on Tuesday after repairs."
    assert find_frames(text, 0, len(text)) == []


def test_resolvers_of_one_text_do_not_share_what_they_resolve() -> None:
    text = "Kremlin spokesman Dmitry Peskov spoke first. Mayor Anna Berg said no. The spokesman said yes."
    first, second = Resolver.for_text(text), Resolver.for_text(text)
    learned_roles = dict(second.roles)
    second_start, third_start = text.index("Mayor"), text.index("The spokesman")
    mayor = find_frames(text, second_start, third_start - 1)
    spokesman = find_frames(text, third_start, len(text))
    assert first.resolve(mayor[0].mention) == ("Anna Berg", "person")
    assert first.resolve(spokesman[0].mention) == ("Dmitry Peskov", "person")
    assert first.roles["mayor"] == "Anna Berg"
    assert len(first.history) == 2 and not second.history
    assert second.roles == learned_roles == Resolver.for_text(text).roles


def test_quotes_of_a_text_do_not_depend_on_what_was_read_before() -> None:
    text = 'Peskov said: "It does not correspond to reality." He added: "We wait."'
    document = document_from_text(text, outlet="A")
    sentences = segment(document, doc=0)
    alone = find_quotes(0, document.text, sentences)
    find_quotes(0, "Lavrov said: “We wait.” Peskov said nothing.", [])
    assert find_quotes(0, document.text, sentences) == alone
    assert [quote.speaker for quote in alone] == ["Peskov", "Peskov"]


def _pairs_by_brute_force(first: list[str], second: list[str]) -> list[tuple[int, int]]:
    pairs = []
    for (row, a), (column, b) in product(enumerate(first), enumerate(second)):
        words_a, words_b = set(a.split()), set(b.split())
        if len(words_a & words_b) >= max(0.5 * min(len(words_a), len(words_b)), 1):
            pairs.append((row, column))
    return pairs


_QUOTE = st.lists(st.sampled_from("we will not stop the war now never talk".split()), max_size=6).map(
    " ".join
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_QUOTE, max_size=6), st.lists(_QUOTE, max_size=6))
def test_quote_pairs_sharing_words_match_a_check_of_every_pair(first: list[str], second: list[str]) -> None:
    rows, columns = _sharing_words(first, second)
    assert list(zip(rows.tolist(), columns.tolist(), strict=True)) == _pairs_by_brute_force(first, second)
