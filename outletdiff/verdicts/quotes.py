"""Compare two outlets' quotes: shared, altered wording, given to another speaker, or only on one side.

Quotes are matched on normalised text with rapidfuzz's ``partial_ratio``, so a quote one
outlet trimmed ("a wrong report") still finds the longer version ("No, this is a wrong
report") and is reported as altered with both wordings, which is what a reader compares.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..model import Alignment, Document, Finding, Quote

_SAME = 92.0  # ratio at or above which two quotes have the same wording
_CONTAINED = 88.0  # partial_ratio at or above which one quote holds the other's words
_MIN_FUZZY_CHARS = 12  # shorter quotes must match whole words, not fuzzily


def quote_verdicts(
    alignment: Alignment, documents: Sequence[Document], quotes: Sequence[Quote]
) -> list[Finding]:
    """Findings for both directions of ``alignment``: ``a`` against ``b`` and ``b`` against ``a``.

    ``documents`` is accepted for symmetry with the other verdicts; quote text is carried
    by the quotes themselves.
    """
    del documents
    side_a = [q for q in quotes if q.doc == alignment.a]
    side_b = [q for q in quotes if q.doc == alignment.b]
    return _one_way(side_a, side_b, alignment.a, alignment.b) + _one_way(
        side_b, side_a, alignment.b, alignment.a
    )


def normalise(text: str) -> str:
    """Lower case, unified apostrophes, punctuation dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    text = re.sub(r"[^\w\s']", " ", text)
    return " ".join(text.split())


def same_speaker(first: str | None, second: str | None) -> bool:
    """Unknown speakers agree with anyone; otherwise names match case-insensitively or by surname."""
    if not first or not second:
        return True
    a, b = normalise(first), normalise(second)
    if a == b or a in b or b in a:
        return True
    return a.split()[-1] == b.split()[-1]


def _one_way(mine: list[Quote], theirs: list[Quote], outlet: int, other: int) -> list[Finding]:
    findings = []
    for quote in mine:
        match, change = _best(quote, theirs)
        if match is None:
            findings.append(_finding(quote, outlet, other, "added", quote.kind))
            findings.append(_finding(quote, other, outlet, "dropped", quote.kind))
            continue
        category: str = quote.kind
        if not same_speaker(quote.speaker, match.speaker):
            change, category = "altered", "speaker"
        findings.append(_finding(quote, outlet, other, change, category, match))
    return findings


def _best(quote: Quote, theirs: list[Quote]) -> tuple[Quote | None, str]:
    mine = normalise(quote.text)
    best: tuple[float, float, Quote] | None = None
    for candidate in theirs:
        other = normalise(candidate.text)
        if not mine or not other:
            continue
        ratio = fuzz.ratio(mine, other)
        contained = _contained(mine, other)
        if ratio < _SAME and contained < _CONTAINED:
            continue
        score = (max(ratio, contained), ratio, candidate)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None:
        return None, "added"
    return best[2], "shared" if best[1] >= _SAME else "altered"


def _contained(first: str, second: str) -> float:
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) < _MIN_FUZZY_CHARS:
        return 100.0 if re.search(rf"(?<!\w){re.escape(shorter)}(?!\w)", longer) and " " in shorter else 0.0
    return fuzz.partial_ratio(shorter, longer)


def _finding(
    quote: Quote, outlet: int, other: int, change: str, category: str, match: Quote | None = None
) -> Finding:
    return Finding(
        outlet=outlet,
        other=other,
        kind="quote",
        change=change,  # type: ignore[arg-type]
        category=category,
        text=quote.text,
        doc=quote.doc,
        sentence=quote.sentence,
        start=quote.start,
        end=quote.end,
        voice="quoted",
        speaker=quote.speaker,
        other_sentence=match.sentence if match else None,
        other_span=(match.start, match.end) if match else None,
        other_text=match.text if match else None,
    )
