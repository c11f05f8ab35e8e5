"""What differs in content between counterpart sentences, and which findings a report lists.

A rewritten pair shares little wording, so a word diff marks nearly everything and hides the
few changes a reader cares about: a name, a number, a date, a quote, a loaded word, a source.
:func:`content_differences` reads those from the findings (nothing is analysed again): an item
of the sentence that the partner's outlet lacks, or one the partner sentence words its own way.
:func:`listed_findings` picks the findings a report lists, each difference once.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Comparison, ContentDifference, Finding, Version

Node = tuple[int, int]  # (document, sentence index)


def content_differences(
    comparison: Comparison, node: Node, partners: Iterable[Node]
) -> tuple[ContentDifference, ...]:
    """The content differences of sentence ``node`` against its counterparts ``partners``.

    An item found only in some outlets counts when the outlet of a partner lacks it; an altered
    item when a partner sentence carries the other version. An altered sourcing chain is marked
    on the names of its sources in the sentence (the finding itself spans the sentence).
    In text order; an item found twice (a name that is both a fact and a source) once.
    """
    partners = tuple(partners)
    partner_docs = {doc for doc, _ in partners}
    differences: dict[tuple[int, int], ContentDifference] = {}
    for number in comparison.findings_at.get(node, ()):
        finding = comparison.findings[number]
        if finding.kind == "sentence" or finding.change == "shared":
            continue
        version = finding.version(node[0])
        if version is None or version.sentence != node[1]:
            continue
        other: Version | None = None
        if finding.change == "only":
            if not partner_docs & set(finding.lacking):
                continue
        else:
            other = next((v for v in finding.versions if (v.doc, v.sentence) in partners), None)
            if other is None:
                continue
        for start, end, text in _spans(comparison, finding, version):
            differences.setdefault(
                (start, end),
                ContentDifference(
                    doc=node[0],
                    sentence=node[1],
                    start=start,
                    end=end,
                    kind=finding.kind,
                    change=finding.change,
                    category=finding.category,
                    text=text,
                    other_text=None if other is None else (other.chain or other.text) or "(none)",
                ),
            )
    return tuple(differences[key] for key in sorted(differences))


def _spans(comparison: Comparison, finding: Finding, version: Version) -> list[tuple[int, int, str]]:
    """Where to mark a finding's version: its own span, or for a sourcing chain that spans the
    whole sentence, the sentence's sources that are written inside it."""
    if finding.kind != "source" or finding.change != "altered":
        return [(version.start, version.end, version.text)]
    return sorted(
        {
            (source.start, source.end, source.name)
            for attribution in comparison.attributions
            if (attribution.doc, attribution.sentence) == (version.doc, version.sentence)
            for source in attribution.chain
            if version.start <= source.start and source.end <= version.end and source.start < source.end
        }
    )


def listed_findings(comparison: Comparison) -> tuple[int, ...]:
    """Indexes of the findings a report lists: every difference (not sentences, not shared
    items) once. Words found both as a source and as a fact or a framing word at the same
    place ("Bloomberg" a name and a source; "reportedly" a hedge and an unnamed source),
    carried and lacked by the same outlets, are one difference; it is listed as the source."""
    sources = {
        (_where(finding), finding.change, finding.lacking)
        for finding in comparison.findings
        if finding.kind == "source"
    }
    return tuple(
        number
        for number, finding in enumerate(comparison.findings)
        if finding.kind != "sentence"
        and finding.change != "shared"
        and not (
            finding.kind in ("fact", "framing")
            and (_where(finding), finding.change, finding.lacking) in sources
        )
    )


def _where(finding: Finding) -> tuple[tuple[int, int, int, int], ...]:
    return tuple((v.doc, v.sentence, v.start, v.end) for v in finding.versions)
