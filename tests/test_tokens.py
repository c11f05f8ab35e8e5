"""One definition of a word (outletdiff.tokens), shared by counts, lexicon matching and the diff."""

from __future__ import annotations

from outletdiff import tokens
from outletdiff.extract.lexicon import Lexicon, Term
from outletdiff.inline import scored_word_diff
from outletdiff.language import english_share
from outletdiff.model import Sentence
from outletdiff.normalize import words


def test_a_dotted_abbreviation_is_one_word_and_its_final_period_a_mark() -> None:
    text = "The U.S. and well-known don't 3.5 times."
    assert tokens.words(text) == ["The", "U.S", "and", "well-known", "don't", "3.5", "times"]
    assert [m.group() for m in tokens.pieces("in the U.S.")] == ["in", "the", "U.S", "."]
    assert list(tokens.word_spans("a U.S. b")) == [(0, 1), (2, 5), (7, 8)]


def test_every_module_counts_the_same_words() -> None:
    text = "U.S. officials met well-known E.U. envoys."
    assert words(text) == tokens.words(text)
    sentence = Sentence(0, 0, 0, len(text), text, "paragraph", 0)
    diff = scored_word_diff(sentence, sentence)
    assert diff.ops[0].text == text and diff.similarity == 1.0
    # The language check sees "U.S" as one word, not "U" and "S".
    assert english_share(tokens.words("the U.S.")) == 0.5
    lexicon = Lexicon((Term("well-known", "evaluative"),))
    assert [text[m.start : m.end] for m in lexicon.find(text)] == ["well-known"]
