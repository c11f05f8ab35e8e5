"""One finding per difference: the verdicts of every pair of outlets, merged.

The verdict modules (``verdicts/``) judge each pair of outlets both ways, so one quote only
one outlet carries is two verdicts ("A added it", "B dropped it"), and with three outlets a
quote only A carries is four. A reader, a count and a table row want it once: "only in A,
not in B or C". Here the verdicts that describe the same item are merged:

- added and dropped verdicts about one item (the same span of the same outlet) become one
  "only" finding whose ``lacking`` lists every outlet judged without it;
- altered and shared verdicts about the same pair of spans (one seen from each side) become
  one finding holding both versions.

Nothing is judged again: merging only groups, so the findings say exactly what the verdicts
said.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Finding, FindingKind, Verdict, Version

# The order kinds are listed in: what the reader looks for first.
KIND_ORDER: tuple[FindingKind, ...] = ("source", "quote", "framing", "fact", "sentence")
_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
_CHANGE_RANK = {"only": 0, "altered": 1, "shared": 2}


def merge_verdicts(verdicts: Iterable[Verdict]) -> tuple[Finding, ...]:
    """The findings the verdicts describe, each difference once, in a stable order."""
    only: dict[tuple, tuple[Version, set[int]]] = {}
    paired: dict[tuple, tuple[str, dict[int, Version]]] = {}
    for verdict in verdicts:
        mine = _version(verdict)
        if verdict.change in ("added", "dropped"):
            carrier = verdict.outlet if verdict.change == "added" else verdict.other
            lacking = verdict.other if verdict.change == "added" else verdict.outlet
            key = (verdict.kind, verdict.category, carrier, _place(mine), mine.text)
            only.setdefault(key, (mine, set()))[1].add(lacking)
            continue
        theirs = _other_version(verdict)
        places = tuple(sorted(_place(v) for v in (mine, theirs) if v is not None))
        _, versions = paired.setdefault((verdict.kind, verdict.change, places), (verdict.category, {}))
        versions[mine.doc] = mine  # an outlet's own verdict knows its version best
        if theirs is not None:
            versions.setdefault(theirs.doc, theirs)
    findings = [
        Finding(kind, "only", category, (version,), tuple(sorted(missing)))
        for (kind, category, *_), (version, missing) in only.items()
    ]
    findings.extend(
        Finding(kind, change, category, tuple(versions[doc] for doc in sorted(versions)))
        for (kind, change, _), (category, versions) in paired.items()
    )
    return tuple(sorted(findings, key=_finding_order))


def _place(version: Version) -> tuple[int, int, int]:
    return (version.doc, version.start, version.end)


def _version(verdict: Verdict) -> Version:
    """The verdict's own item (for a dropped verdict, the item in the outlet that has it)."""
    return Version(
        doc=verdict.doc,
        sentence=verdict.sentence,
        start=verdict.start,
        end=verdict.end,
        text=verdict.text,
        voice=verdict.voice,
        speaker=verdict.speaker,
        speaker_doc=verdict.speaker_doc,
        chain=verdict.chain,
    )


def _other_version(verdict: Verdict) -> Version | None:
    """The other outlet's version of an altered or shared item, when the verdict names it."""
    if verdict.other_sentence is None or verdict.other_span is None:
        return None
    chain = verdict.other_text if verdict.kind == "source" else None
    text = verdict.text if verdict.kind == "source" else verdict.other_text or ""
    return Version(
        doc=verdict.other,
        sentence=verdict.other_sentence,
        start=verdict.other_span[0],
        end=verdict.other_span[1],
        text=text,
        chain=chain,
    )


def _finding_order(finding: Finding) -> tuple:
    first = finding.versions[0]
    return (
        _KIND_RANK[finding.kind],
        _CHANGE_RANK[finding.change],
        first.doc,
        first.start,
        first.end,
        finding.category,
        finding.text,
        finding.lacking,
    )
