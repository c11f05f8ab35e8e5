"""Find framing words (lexicon terms) in one document and tell whose voice each is in.

A loaded word means something different in the outlet's own narration ("the despot said") than
inside a quotation ("stunning ignorance", the speaker's words), so every hit carries a voice:
``"quoted"`` (with the quote's speaker) when it lies inside a direct or partial quote, else
``"outlet"``. A scare quote (short, no speaker) is the outlet's choice of words, unless a
verb of calling or saying just before it makes it someone's label (he called the probe a
"witch hunt"): then its words are quoted too (see :mod:`.scare`).
Entries of the ``not_framing`` category claim neutral phrases ("assault weapons") so their
loaded word stays silent, and the shipped lexicon adds one construction (stacked intensifiers).
Lexicon-free candidates (words one outlet inserted into a shared sentence) need the alignment,
so they are found by :mod:`outletdiff.verdicts.framing`, not here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from outletdiff.extract.casing import Casing
from outletdiff.extract.lexicon import NOT_FRAMING, Lexicon
from outletdiff.extract.scare import is_reported
from outletdiff.extract.senses import is_literal
from outletdiff.model import FramingHit, Quote, Sentence

__all__ = ["NOT_FRAMING", "find_framing", "voice_of"]

# Lexicon entries of this category are never reported: they claim a neutral phrase ("assault
# weapons", "claimed responsibility") so its loaded single word does not match inside it.


def find_framing(
    doc: int, text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote], lexicon: Lexicon
) -> tuple[FramingHit, ...]:
    """Every lexicon term in the document's sentences, in text order, with voice and speaker.

    Matching is case-insensitive, whole-word and inflection-tolerant (see
    :meth:`Lexicon.find`); multi-word terms win over their single words. A match on a name
    ("Carper" is no "carp", see :mod:`.casing`) or in a literal or legal sense ("explosive
    devices", "charged with assault", see :mod:`.senses`) is no framing word.
    """
    starts = {sentence.index: sentence.start for sentence in sentences}
    own_quotes = [_as_reported(text, quote, starts) for quote in quotes if quote.doc == doc]
    quotes_in = _by_sentence(own_quotes, sentences)
    casing: Casing | None = None  # read on the first match: most sentences hold none
    hits: list[FramingHit] = []
    for sentence in sentences:
        body = text[sentence.start : sentence.end]
        found = []
        for match in lexicon.find(body):
            if match.term.category == NOT_FRAMING:
                continue
            start, end = sentence.start + match.start, sentence.start + match.end
            if casing is None:
                casing = Casing.of(text, sentences)
            if casing.is_name(text, start, end, sentence.start) or is_literal(
                match.term.text, body, match.start, match.end
            ):
                continue
            found.append((start, end, match.term.text, match.term.category))
        if lexicon.rules:
            found.extend(_pattern_hits(sentence.start, body, found))
        for start, end, term, category in sorted(found):
            quote = voice_of(start, end, quotes_in.get(sentence.index, ()))
            hits.append(
                FramingHit(
                    doc=doc,
                    sentence=sentence.index,
                    start=start,
                    end=end,
                    text=text[start:end],
                    term=term,
                    category=category,
                    voice="quoted" if quote is not None else "outlet",
                    speaker=quote.speaker if quote is not None else None,
                )
            )
    return tuple(hits)


def _as_reported(text: str, quote: Quote, starts: dict[int, int]) -> Quote:
    """A speakerless scare quote governed by a verb of calling or saying is someone's words."""
    if quote.kind == "scare" and is_reported(text, quote, starts.get(quote.sentence, 0)):
        return replace(quote, kind="partial")
    return quote


def _pattern_hits(
    offset: int, body: str, found: Sequence[tuple[int, int, str, str]]
) -> list[tuple[int, int, str, str]]:
    """Framing carried by a construction rather than a word, where no lexicon hit covers it.

    Only a stacked degree word ("very, very wide", "so, so wrong") is kept: it insists on
    itself whatever the adjective. Measured on BASIL's development years and left out: scare-
    quoted words as such (mostly titles, slogans and terms of art; 16% inside a span), every
    "-ly" adverb (12%), and exclamations (no span they alone find).
    """
    if not _may_stack(body):
        return []
    taken = [(start, end) for start, end, _, _ in found]
    hits: list[tuple[int, int, str, str]] = []
    for m in _STACKED.finditer(body):
        start, end = offset + m.start(), offset + m.end()
        if not any(start < b and a < end for a, b in taken):
            hits.append((start, end, m.group(0).lower(), "intensifier"))
    return hits


_DEGREE_WORDS = ("very", "so", "really", "truly", "much", "too", "far", "ever", "extremely", "deeply")
_STACKED = re.compile(rf"\b({'|'.join(_DEGREE_WORDS)})(?:,?\s+\1)+\b", re.IGNORECASE)


def _may_stack(body: str) -> bool:
    """Whether some degree word occurs twice in ``body``, as every ``_STACKED`` match needs.

    Searching ``_STACKED`` tries every position of a sentence and costs more than the rest of
    the framing search, while few sentences hold a degree word twice. ``casefold`` (not
    ``lower``) so that every letter the case-insensitive pattern accepts folds to the letter
    it stands for (the long s "ſ" is an "s" to the pattern).
    """
    folded = body.casefold()
    return any(folded.count(word) > 1 for word in _DEGREE_WORDS)


def _by_sentence(quotes: Sequence[Quote], sentences: Sequence[Sentence]) -> dict[int, list[Quote]]:
    """The quotes overlapping each sentence (a long quote runs over several), in quote order:
    a hit then looks at its own sentence's few quotes, not at every quote of a long text."""
    starts = [sentence.start for sentence in sentences]
    found: dict[int, list[Quote]] = {}
    for quote in quotes:
        position = max(bisect_right(starts, quote.start) - 1, 0)
        while position < len(sentences) and sentences[position].start < quote.end:
            if sentences[position].end > quote.start:
                found.setdefault(sentences[position].index, []).append(quote)
            position += 1
    return found


def voice_of(start: int, end: int, quotes: Sequence[Quote]) -> Quote | None:
    """The quote whose span holds ``[start, end)``, or ``None`` when the words are the outlet's.

    A hit that only overlaps a quote's edge counts as quoted too: the quotation marks decide.
    Scare quotes are the outlet's own choice of words (it picked and highlighted them), so
    they do not change the voice; :func:`find_framing` first turns a scare quote that a verb
    of calling or saying governs into a partial quote.
    """
    for quote in quotes:
        if quote.kind != "scare" and quote.start < end and start < quote.end:
            return quote
    return None
