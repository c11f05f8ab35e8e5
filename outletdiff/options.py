"""All knobs of a comparison in one frozen dataclass, one documented field each.

The alignment thresholds are probabilities from the link model (``linkmodel.py``), chosen on
its leave-event-out predictions over the hand-labelled alignment gold in
``tests/gold/alignment`` (see ``eval/eval_alignment.py``): overlaps at 0.35 maximise link F1,
counterparts at 0.75 keep their precision above 0.9 and unrelated articles free of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CompareOptions:
    """Options for :func:`outletdiff.compare`."""

    # A pair of sentences the link model gives at least this probability is an overlap link.
    overlap_threshold: float = 0.35
    # One-to-one counterparts are chosen among pairs with at least this probability.
    counterpart_threshold: float = 0.75
    # Documents whose event similarity (shared names, numbers, rare words) is below this are
    # judged to cover different events: only near-identical sentences are linked.
    same_event_threshold: float = 0.25
    # Word-level similarity (0..1) at or above which a counterpart is "edited", not "rewritten".
    edited_threshold: float = 0.75
    # Candidates per sentence scored with the costly scorers after the cheap vectorised shortlist.
    shortlist: int = 8
    # Index of the reference outlet: when set, findings are reported against it only.
    reference: int | None = None
    # Paths of extra lexicons (CSV, word list, MPQA .tff, LIWC .dic) added to the shipped one.
    lexicons: tuple[str, ...] = ()
    # Use only the given lexicons, not the shipped framing lexicon.
    replace_lexicon: bool = False
