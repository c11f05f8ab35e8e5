"""Content differences of counterpart sentences, and the findings a report lists, alone on a
hand-written pair (no pipeline): what is marked comes from the findings only."""

from __future__ import annotations

from test_html import hand_built

from outletdiff.contrast import content_differences, listed_findings
from outletdiff.model import Attribution, Comparison, Finding, Source, Version

ALPHA = ("Officials said 40 people died on Monday.", "The storm moved north.")
BETA = ("At least 45 were killed, police told Reuters.", "The storm moved north.")


def pair() -> Comparison:
    links = {(0, 1): [(0, 0, "rewritten", "", ""), (1, 1, "identical", "", "")]}
    base = hand_built([("Alpha", ALPHA), ("Beta", BETA)], links)

    def at(doc: int, text: str, word: str) -> Version:
        """``word`` of the first sentence (which starts at offset 0) of document ``doc``."""
        start = text.index(word)
        return Version(doc, 0, start, start + len(word), word)

    alpha, beta = ALPHA[0], BETA[0]
    findings = (
        Finding("fact", "altered", "number", (at(0, alpha, "40"), at(1, beta, "45"))),
        Finding("source", "only", "outlet", (at(1, beta, "Reuters"),), lacking=(0,)),
        Finding("fact", "only", "entity", (at(1, beta, "Reuters"),), lacking=(0,)),
        Finding("framing", "only", "loaded_verb", (at(1, beta, "killed"),), lacking=(0,)),
        Finding("fact", "only", "date", (at(0, alpha, "Monday"),), lacking=(1,)),
        Finding("fact", "shared", "entity", (at(0, alpha, "people"), at(1, beta, "were"))),
        Finding(
            "source",
            "altered",
            "institution",
            (
                Version(0, 0, 0, len(alpha), alpha, chain="Officials"),
                Version(1, 0, 0, len(beta), beta, chain="police <- Reuters"),
            ),
        ),
    )
    attributions = (
        Attribution(0, 0, (Source("Officials", "institution", 0, 9, "said"),)),
        Attribution(
            1,
            0,
            (
                Source("police", "institution", beta.index("police"), beta.index("police") + 6, "told"),
                Source("Reuters", "outlet", beta.index("Reuters"), beta.index("Reuters") + 7, "told"),
            ),
        ),
    )
    return Comparison(**{**base.__dict__, "findings": findings, "attributions": attributions})


def test_content_differences_of_a_rewritten_pair() -> None:
    comparison = pair()
    beta = [
        (d.text, d.kind, d.change, d.other_text) for d in content_differences(comparison, (1, 0), [(0, 0)])
    ]
    assert beta == [
        ("45", "fact", "altered", "40"),
        ("killed", "framing", "only", None),
        ("police", "source", "altered", "Officials"),
        ("Reuters", "source", "only", None),  # also a fact at the same place: marked once
    ]
    alpha = [
        (d.text, d.kind, d.change, d.other_text) for d in content_differences(comparison, (0, 0), [(1, 0)])
    ]
    assert alpha == [
        ("Officials", "source", "altered", "police <- Reuters"),
        ("40", "fact", "altered", "45"),
        ("Monday", "fact", "only", None),
    ]


def test_nothing_is_marked_against_a_sentence_that_is_not_the_partner() -> None:
    comparison = pair()
    # Alpha's second sentence is not where "40" or "Officials" is written: only what Alpha lacks.
    assert [d.text for d in content_differences(comparison, (1, 0), [(0, 1)])] == ["killed", "Reuters"]


def test_listed_findings_name_each_difference_once() -> None:
    comparison = pair()
    # the Reuters fact is the Reuters source; the shared finding is no difference
    assert listed_findings(comparison) == (0, 1, 3, 4, 6)
