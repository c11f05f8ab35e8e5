"""Split a document's blocks into sentences, keeping offsets into the original text.

Own rules rather than a library: measured on BASIL's sentence-split news and on the tricky
cases in ``tests/gold/segmentation.json`` (see ``eval/eval_segmentation.py``), they beat a
naive regex and pysbd on news text, and they cost nothing to ship. Headlines, bullets and
boilerplate lines stay whole units; paragraphs are split at sentence ends.
"""

from __future__ import annotations

import re

from .model import Block, Document, Sentence
from .spans import trim_span

# Words that end with a period without ending the sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj st jr sr inc corp co ltd vs
etc jan feb mar apr jun jul aug sep sept oct nov dec no nos fig approx dept est mt ft rev
hon pres atty supt det insp univ assn bros gop u.s u.k u.n e.u a.m p.m ph.d i.e e.g d.c n.y
l.a u.s.a r-calif d-calif""".split()
)
# After a dotted abbreviation such as "U.S." a new sentence starts only with words like these.
_SENTENCE_STARTERS = frozenset(
    """the a an it he she they we i this that these those but and so yet in on at after before when
while if as there his her their its our my officials meanwhile however still""".split()
)
_OPENERS = "\"'\u201c\u2018\u00ab([{"
_CLOSERS = "\"'\u201d\u2019\u00bb)]}"
# The longest sentence kept whole (see ``_bounded``).
MAX_SENTENCE_CHARS = 2_000
# Candidate end: terminal punctuation, optional closing marks, then whitespace.
_CANDIDATE = re.compile(r"[.!?\u2026]+[" + re.escape(_CLOSERS) + r"]*(?=\s+)")
# The word after a candidate end, past any opening marks.
_NEXT_WORD = re.compile(r"\s*[" + re.escape(_OPENERS) + r"]*(\S+)")


def segment(document: Document, *, doc: int) -> tuple[Sentence, ...]:
    """The document's sentences in reading order; ``doc`` is its index in the comparison."""
    sentences: list[Sentence] = []
    paragraph = -1
    for block in document.blocks:
        if block.kind == "metadata":
            continue
        paragraph += 1
        for start, end in _block_spans(document.text, block):
            sentences.append(
                Sentence(
                    doc=doc,
                    index=len(sentences),
                    start=start,
                    end=end,
                    text=document.text[start:end],
                    kind=block.kind,
                    paragraph=paragraph,
                )
            )
    return tuple(sentences)


def _block_spans(text: str, block: Block) -> list[tuple[int, int]]:
    if block.kind != "paragraph":
        spans = [(block.start, block.end)] if block.end > block.start else []
    else:
        spans = split_sentences(text, block.start, block.end)
    return [piece for start, end in spans for piece in _bounded(text, start, end)]


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut into pieces of at most ``MAX_SENTENCE_CHARS``, at a space where there is one.

    Every later stage works sentence by sentence; a pasted page without full stops (10 MB in
    one "sentence") would make each of them slow and memory-hungry. Real sentences are far
    shorter, so they are never cut.
    """
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(text.rfind(" ", start + 1, limit), text.rfind("\n", start + 1, limit))
        cut = cut if cut > start else limit
        pieces.append(trim_span(text, start, cut))
        start, end = trim_span(text, cut, end)
    pieces.append((start, end))
    return [(s, e) for s, e in pieces if e > s]


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``, trimmed of surrounding whitespace."""
    end = len(text) if end is None else end
    spans = []
    cursor = start
    for match in _CANDIDATE.finditer(text, start, end):
        boundary = match.end()
        if _is_sentence_end(text, match.start(), boundary, end):
            spans.append((cursor, boundary))
            cursor = boundary
    spans.append((cursor, end))
    trimmed = [trim_span(text, s, e) for s, e in spans]
    return [(s, e) for s, e in trimmed if e > s]


def _is_sentence_end(text: str, punct: int, boundary: int, limit: int) -> bool:
    following = _next_word(text, boundary, limit)
    if not following:
        return False
    first = following[0]
    if first.islower():
        return False
    if text[punct] != ".":
        return True
    word = _word_before(text, punct)
    if not word:
        return True
    lowered = word.lower().rstrip(".")
    if len(lowered) == 1 and lowered.isalpha() and word[0].isupper():
        return False  # an initial: "John F. Kennedy"
    if lowered in _ABBREVIATIONS:
        if "." in lowered or lowered in ("inc", "corp", "co", "ltd", "jr", "sr", "etc"):
            return following.lower() in _SENTENCE_STARTERS
        return False
    return True


def _next_word(text: str, position: int, limit: int) -> str:
    match = _NEXT_WORD.match(text, position, limit)
    return match.group(1).strip(_CLOSERS + ".,;:!?") if match else ""


def _word_before(text: str, punct: int) -> str:
    """The token ending at ``punct`` (a dotted abbreviation keeps its inner dots)."""
    start = punct
    floor = max(punct - _LONGEST_WORD, 0)  # text without spaces must not make this quadratic
    while start > floor and not text[start - 1].isspace() and text[start - 1] not in _OPENERS:
        start -= 1
    return text[start:punct]


_LONGEST_WORD = 64
