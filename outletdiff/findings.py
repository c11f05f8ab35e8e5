"""Sentence-level verdicts: which sentences an outlet shares, altered, added or dropped.

The per-kind verdicts (quotes, sources, framing, facts) live in ``verdicts/``; this module
gives the sentence rows they hang on, in the same ``Finding`` shape, so one table holds all.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Alignment, Finding, Link, Sentence, swap_alignment

_SHARED = ("identical", "moved")
_ALTERED = ("edited", "rewritten", "split", "merged", "partial")


def sentence_verdicts(alignment: Alignment, sentences: Sequence[Sequence[Sentence]]) -> list[Finding]:
    """Findings for both outlets of ``alignment``: each judged against the other."""
    return _one_direction(alignment, sentences) + _one_direction(swap_alignment(alignment), sentences)


def _one_direction(alignment: Alignment, sentences: Sequence[Sequence[Sentence]]) -> list[Finding]:
    mine, theirs = sentences[alignment.a], sentences[alignment.b]
    partner = _first_partner(alignment)
    findings = []
    for sentence, status in zip(mine, alignment.status_a, strict=True):
        if status == "boilerplate":
            continue
        if status == "added":
            change, category = "added", "claim"
        elif status in _SHARED:
            change, category = "shared", status
        else:
            change, category = "altered", status
        other = theirs[partner[sentence.index]] if sentence.index in partner else None
        findings.append(
            Finding(
                outlet=alignment.a,
                other=alignment.b,
                kind="sentence",
                change=change,  # type: ignore[arg-type]
                category=category,
                text=sentence.text,
                doc=alignment.a,
                sentence=sentence.index,
                start=sentence.start,
                end=sentence.end,
                other_sentence=other.index if other else None,
                other_span=(other.start, other.end) if other else None,
                other_text=other.text if other else None,
            )
        )
    for sentence, status in zip(theirs, alignment.status_b, strict=True):
        if status == "added":
            findings.append(
                Finding(
                    outlet=alignment.a,
                    other=alignment.b,
                    kind="sentence",
                    change="dropped",
                    category="claim",
                    text=sentence.text,
                    doc=alignment.b,
                    sentence=sentence.index,
                    start=sentence.start,
                    end=sentence.end,
                )
            )
    return findings


def _first_partner(alignment: Alignment) -> dict[int, int]:
    """For each sentence of ``a``: its counterpart, else its best-scoring overlap."""
    best: dict[int, Link] = {}
    for link in alignment.links:
        current = best.get(link.a)
        if current is None or _preference(link) > _preference(current):
            best[link.a] = link
    return {a: link.b for a, link in best.items()}


def _preference(link: Link) -> tuple[bool, float]:
    return link.relation == "counterpart", link.score
