"""One definition of a word, so that every count, match and diff sees the same words.

A word is a run of letters or digits, with inner apostrophes, periods and hyphens kept inside
it: "U.S." is one word (``U.S``), and so are "don't", "well-known" and "3.5". A word never
claims a final period: after "U.S." it may be the sentence's full stop, so it stays a
punctuation mark. ``pieces`` adds those marks, one each, for the inline diff, which must see
a changed comma as well as a changed word.

This is the definition the alignment's features were fitted on (``similarity.py`` reads
words through ``normalize.words``, which is this module's ``words``), so adopting it
elsewhere changes nothing fitted.

Modules that still read text their own way, and why:

- ``similarity.py`` (``_NON_WORD``: any run of non-word characters separates words when
  character n-grams are padded), ``linkmodel.py`` and ``align.py``: the shipped link model
  was fitted on their current tokenisation, and another word definition there would
  invalidate its fitted parameters; they are another engineer's and are left as they are.
- ``extract/mentions.py`` (the speakers' tokens): it keeps an abbreviation's final period
  inside the token ("U.S.", "Gov."), which the speaker rules read as a title or an
  affiliation rather than a sentence end; moving it onto ``pieces`` needs the quotes gold
  re-judged first.
- ``extract/facts.py``'s name rules split on whitespace (``\\S+``): they read the punctuation
  attached to a token (a comma after a name, a possessive, "Oslo-based") and count no words;
  its date and name-value patterns (``_DATE_WORD``, ``_NAME_WORD``: "AT&T" one word) and the
  lower-case evidence (``_LOWER_WORD``) are still its own, to be moved with the facts gold
  re-run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["PIECE", "WORD", "pieces", "word_spans", "words"]

WORD = re.compile(r"[^\W_]+(?:['\u2019.\-][^\W_]+)*")
"""A word: letters or digits, with inner ``'``, ``’``, ``.`` and ``-`` ("U.S", "don't")."""

PIECE = re.compile(WORD.pattern + r"|[^\w\s]")
"""A word or one punctuation mark: what the inline diff compares."""


def words(text: str) -> list[str]:
    """The words of ``text`` as written, in order."""
    return WORD.findall(text)


def word_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """``(start, end)`` offsets into ``text`` of each word between ``start`` and ``end``."""
    for match in WORD.finditer(text, start, len(text) if end is None else end):
        yield match.span()


def pieces(text: str) -> list[re.Match[str]]:
    """The words and punctuation marks of ``text``, with their offsets (``Match.span``)."""
    return list(PIECE.finditer(text))
