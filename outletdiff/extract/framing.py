"""Find framing words (lexicon terms) in one document and tell whose voice each is in.

A loaded word means something different in the outlet's own narration ("the despot said") than
inside a quotation ("stunning ignorance", the speaker's words), so every hit carries a voice:
``"quoted"`` (with the quote's speaker) when it lies inside a direct or partial quote, else
``"outlet"`` (scare quotes included: the outlet chose to flag those words).
Lexicon-free candidates (words one outlet inserted into a shared sentence) need the alignment,
so they are found by :mod:`outletdiff.verdicts.framing`, not here.
"""

from __future__ import annotations

from collections.abc import Sequence

from outletdiff.extract.lexicon import Lexicon
from outletdiff.model import FramingHit, Quote, Sentence

__all__ = ["find_framing", "voice_of"]


def find_framing(
    doc: int, text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote], lexicon: Lexicon
) -> tuple[FramingHit, ...]:
    """Every lexicon term in the document's sentences, in text order, with voice and speaker.

    Matching is case-insensitive, whole-word and inflection-tolerant (see
    :meth:`Lexicon.find`); multi-word terms win over their single words.
    """
    own_quotes = [quote for quote in quotes if quote.doc == doc]
    hits: list[FramingHit] = []
    for sentence in sentences:
        body = text[sentence.start : sentence.end]
        for match in lexicon.find(body):
            start, end = sentence.start + match.start, sentence.start + match.end
            quote = voice_of(start, end, own_quotes)
            hits.append(
                FramingHit(
                    doc=doc,
                    sentence=sentence.index,
                    start=start,
                    end=end,
                    text=text[start:end],
                    term=match.term.text,
                    category=match.term.category,
                    voice="quoted" if quote is not None else "outlet",
                    speaker=quote.speaker if quote is not None else None,
                )
            )
    return tuple(hits)


def voice_of(start: int, end: int, quotes: Sequence[Quote]) -> Quote | None:
    """The quote whose span holds ``[start, end)``, or ``None`` when the words are the outlet's.

    A hit that only overlaps a quote's edge counts as quoted too: the quotation marks decide.
    Scare quotes are the outlet's own choice of words (it picked and highlighted them), so
    they do not change the voice.
    """
    for quote in quotes:
        if quote.kind != "scare" and quote.start < end and start < quote.end:
            return quote
    return None
