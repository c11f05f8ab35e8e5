"""Tell names from common words by capitalisation alone, so a lexicon never matches a name.

Stemming makes "Carper" a form of "carp" and "Hardy" a form of "hardy"; no word list of names
can keep up with news. Capitals can: in running English a common word is capitalised only at
the start of a sentence, so a capitalised word in the middle of a sentence is a name, and a
word the text writes capitalised mid-sentence and never in lower case is a name wherever it
stands (also at the start of a sentence). Title-case and all-capital lines (headlines, "Pipe
Bomb Suspect Arrested") carry no such signal: their words are names only if the rest of the
text says so. No part-of-speech tagger is needed, and the test works for names no list holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from outletdiff.model import Sentence

__all__ = ["Casing"]

# A word as the lexicon matcher sees it (letters with inner apostrophes or hyphens).
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# What may stand between a sentence start (or a colon, dash or opening quote) and its first word.
_OPENING = re.compile(r"[\s\"“”‘’'(\[«—–\-:;.…!?*•]*")
# Share of a line's longer words that must be capitalised for it to count as title case.
_TITLE_SHARE = 0.6
_LONG = 4


@dataclass(frozen=True)
class Casing:
    """Which capitalised word forms of one text are names (lower-cased forms, as a set)."""

    names: frozenset[str]
    common: frozenset[str]
    caseless: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str, sentences: Sequence[Sentence]) -> Casing:
        """Read the whole text once: name forms, common forms, and the spans of caseless lines."""
        names: set[str] = set()
        common: set[str] = set()
        caseless: list[tuple[int, int]] = []
        for sentence in sentences:
            body = text[sentence.start : sentence.end]
            if _is_caseless(body):
                caseless.append((sentence.start, sentence.end))
                continue
            for m in _WORD.finditer(body):
                word = m.group(0)
                if word.islower():
                    common.add(word)
                elif word[0].isupper() and not word.isupper() and not _opens(body, m.start()):
                    names.add(word.lower())
        return cls(frozenset(names - common), frozenset(common), tuple(caseless))

    def is_name(self, text: str, start: int, end: int, sentence_start: int) -> bool:
        """Whether the words in ``text[start:end]`` include a name (so no lexicon term is there).

        ``sentence_start`` is where the sentence holding the span begins, to tell a capital
        that opens the sentence from one inside it.
        """
        in_caseless = any(a <= start < b for a, b in self.caseless)
        for m in _WORD.finditer(text, start, end):
            word = m.group(0)
            if word.islower() or not word[0].isupper():
                continue
            if word.lower() in self.names:
                return True
            if in_caseless or word.isupper():
                continue  # a headline's or a shouted word's capital tells nothing
            if not _opens(text, m.start(), sentence_start):
                return True
        return False


def _opens(text: str, at: int, start: int = 0) -> bool:
    """Whether the word at ``at`` is the first of its sentence (or follows a colon or a quote mark)."""
    before = text[start:at]
    return _OPENING.fullmatch(before) is not None or _opens_clause(before)


def _opens_clause(before: str) -> bool:
    """A capital after a colon, a dash, a full stop or an opening quote mark opens a clause."""
    if before.rstrip(" ").endswith(("“", "‘", "«", '"', "(")):
        return True
    stripped = before.rstrip(" \"“‘'(«")
    return stripped.endswith((":", "—", "–", "--", ".", "?", "!", "…")) or stripped == ""


def _is_caseless(body: str) -> bool:
    """Whether a line is title case or all capitals, so its capitals say nothing about names."""
    words = [w for w in _WORD.findall(body) if len(w) >= _LONG]
    if len(words) < 2:
        return False
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised / len(words) >= _TITLE_SHARE
