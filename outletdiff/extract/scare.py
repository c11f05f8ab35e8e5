"""Decide whose words a speakerless short quotation holds: the outlet's, or someone it reports.

The quote finder calls a short quotation with no speaker a scare quote. Two uses hide there.
He called the probe a "witch hunt": the words are the speaker's, reported through a verb of
calling or saying, so a loaded word inside them is not the outlet's. The bill's "radical"
plan: nobody is said to have said it; the outlet chose to flag those words, which is framing
in its own voice. (Reporting every such flagged phrase as a hit, listed or not, was measured
on BASIL's development years and left out: 13% of those hits fell inside an annotated span.)
"""

from __future__ import annotations

import re
from functools import cache

from outletdiff.extract.wordlists import word_list
from outletdiff.model import Quote

__all__ = ["is_reported"]

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# A clause ends at these marks: a cue beyond them does not govern the quotation.
_CLAUSE_END = re.compile(r"[.;:!?()\[\]—]")
_CUE_WINDOW = 4  # words before the quotation searched for a cue ("called the bill a ...")


@cache
def _cues() -> frozenset[str]:
    return word_list("naming_cues") | word_list("speech_verbs")


def is_reported(text: str, quote: Quote, sentence_start: int) -> bool:
    """Whether a verb of calling or saying, in the same clause just before it, owns the quotation."""
    before = _CLAUSE_END.split(text[max(sentence_start, quote.start - 80) : quote.start])[-1]
    words = [w.lower() for w in _WORD.findall(before)][-_CUE_WINDOW:]
    return not _cues().isdisjoint(words)
