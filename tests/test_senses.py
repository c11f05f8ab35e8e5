"""Literal and legal senses: the word next to a lexicon term decides, by the shipped rules."""

from __future__ import annotations

import pytest

from outletdiff.extract.senses import is_literal, sense_rules


def literal(term: str, text: str, word: str) -> bool:
    start = text.index(word)
    return is_literal(term, text, start, start + len(word))


@pytest.mark.parametrize(
    ("term", "text", "word", "expected"),
    [
        ("explosive", "They found explosive devices in the car.", "explosive", True),
        ("explosive", "They found explosive, devastating claims.", "explosive", False),
        ("explosive", "It was an explosive report.", "explosive", False),
        ("toxic", "Barrels of toxic waste leaked.", "toxic", True),
        ("toxic", "He called it toxic legislation.", "toxic", False),
        ("suspect", "Police said the suspect fled.", "suspect", True),
        ("suspect", "The timing was suspect.", "suspect", False),
        ("assault", "He was charged with assault on Monday.", "assault", True),
        ("assault", "It was an assault on the press.", "assault", False),
        ("fraud", "She pleaded guilty to fraud.", "fraud", True),
        ("obstruct", "He obstructed justice.", "obstructed", True),
        ("obstruct", "He obstructed the vote.", "obstructed", False),
        ("explosive", "Police found explosive materials.", "explosive", True),
    ],
)
def test_neighbour_decides_the_sense(term: str, text: str, word: str, expected: bool) -> None:
    assert literal(term, text, word) is expected


def test_rules_are_read_from_data_with_word_lists_expanded() -> None:
    rules = sense_rules()
    (explosive,) = rules["explosive"]
    assert "devices" in explosive.after and explosive.before == frozenset()
    (charges,) = rules["*"]
    assert "charged with" in charges.before
