"""All knobs of a comparison in one frozen dataclass, one documented field each.

Defaults for the alignment thresholds were calibrated on the hand-labelled alignment gold in
``tests/gold/alignment`` (see ``eval/eval_alignment.py``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CompareOptions:
    """Options for :func:`outletdiff.compare`."""

    # A pair of sentences whose combined similarity reaches this is an overlap link.
    overlap_threshold: float = 0.26
    # An overlap must also reach this share of each side's best score (relative threshold).
    relative_threshold: float = 0.0
    # One-to-one counterparts need at least this score.
    counterpart_threshold: float = 0.20
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
