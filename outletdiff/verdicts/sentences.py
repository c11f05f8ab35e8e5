"""Sentence-level verdicts: which sentences an outlet shares, altered, added or dropped.

The per-kind verdicts (quotes, sources, framing, facts) live in ``verdicts/``; this module
gives the sentence rows they hang on, in the same ``Verdict`` shape, so one table holds all.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Alignment, Link, Sentence, Verdict

_SHARED = ("identical", "moved")
_ALTERED = ("edited", "rewritten", "split", "merged", "partial")


def sentence_verdicts(alignment: Alignment, sentences: Sequence[Sequence[Sentence]]) -> list[Verdict]:
    """Findings for both outlets of ``alignment``: each judged against the other."""
    return _one_direction(alignment, sentences, flip=False) + _one_direction(alignment, sentences, flip=True)


def _one_direction(
    alignment: Alignment, sentences: Sequence[Sequence[Sentence]], *, flip: bool
) -> list[Verdict]:
    """Findings for outlet ``a`` against ``b``, or for ``b`` against ``a`` when ``flip``.

    Reads the alignment from either side rather than building the swapped one (``swap_alignment``
    copies every link and diff, and only statuses and partners are needed here).
    """
    me, other_doc = (alignment.b, alignment.a) if flip else (alignment.a, alignment.b)
    my_statuses, their_statuses = (
        (alignment.status_b, alignment.status_a) if flip else (alignment.status_a, alignment.status_b)
    )
    mine, theirs = sentences[me], sentences[other_doc]
    partner = _first_partner(alignment.links, flip=flip)
    findings = []
    for sentence, status in zip(mine, my_statuses, strict=True):
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
            Verdict(
                outlet=me,
                other=other_doc,
                kind="sentence",
                change=change,  # type: ignore[arg-type]
                category=category,
                text=sentence.text,
                doc=me,
                sentence=sentence.index,
                start=sentence.start,
                end=sentence.end,
                other_sentence=other.index if other else None,
                other_span=(other.start, other.end) if other else None,
                other_text=other.text if other else None,
            )
        )
    for sentence, status in zip(theirs, their_statuses, strict=True):
        if status == "added":
            findings.append(
                Verdict(
                    outlet=me,
                    other=other_doc,
                    kind="sentence",
                    change="dropped",
                    category="claim",
                    text=sentence.text,
                    doc=other_doc,
                    sentence=sentence.index,
                    start=sentence.start,
                    end=sentence.end,
                )
            )
    return findings


def _first_partner(links: Sequence[Link], *, flip: bool) -> dict[int, int]:
    """For each sentence of ``a`` (of ``b`` when ``flip``): its counterpart, else its
    best-scoring overlap; on a tie, the first in the order of the other side's sentences."""
    best: dict[int, Link] = {}
    for link in sorted(links, key=lambda link: (link.b, link.a)) if flip else links:
        mine = link.b if flip else link.a
        current = best.get(mine)
        if current is None or _preference(link) > _preference(current):
            best[mine] = link
    return {mine: (link.a if flip else link.b) for mine, link in best.items()}


def _preference(link: Link) -> tuple[bool, float]:
    return link.relation == "counterpart", link.score
