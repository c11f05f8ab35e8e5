"""Decide, for each pair of outlets, which facts one added, dropped or altered relative to the other.

In a counterpart pair, a fact the inline diff replaced by another of the same kind is an
"altered" fact (a number or date changed, a name swapped). A fact with no equal anywhere in
the other document is "added" by its outlet (and "dropped" by the other). A fact the other
outlet states in some other sentence is no difference: outlets order their stories differently.
Each repeated value is reported once per direction, at its first occurrence.
"""

from __future__ import annotations

from collections.abc import Sequence

from outletdiff.extract.facts import FactIndex
from outletdiff.model import Alignment, DiffOp, Document, Fact, Finding, Sentence, Span

__all__ = ["fact_verdicts"]


def fact_verdicts(
    alignment: Alignment,
    documents: Sequence[Document],
    sentences: Sequence[Sequence[Sentence]],
    facts: Sequence[Fact],
) -> list[Finding]:
    """Fact findings for ``alignment.a`` vs ``alignment.b`` in both directions, in text order."""
    a, b = alignment.a, alignment.b
    facts_a = [fact for fact in facts if fact.doc == a and fact.kind != "claim"]
    facts_b = [fact for fact in facts if fact.doc == b and fact.kind != "claim"]
    index_a, index_b = FactIndex(facts_a), FactIndex(facts_b)
    altered = _altered_pairs(alignment, facts_a, facts_b, index_a, index_b)
    paired = {id(fact) for pair in altered for fact in pair}
    findings: list[Finding] = []
    for fact_a, fact_b in altered:
        findings.append(_altered(fact_a, fact_b))
        findings.append(_altered(fact_b, fact_a))
    for own, others, other in ((facts_a, index_b, b), (facts_b, index_a, a)):
        reported = FactIndex()
        for fact in own:
            if id(fact) in paired or fact in reported or fact in others:
                continue
            reported.add(fact)
            findings.append(_one_sided(fact, outlet=fact.doc, other=other, change="added"))
            findings.append(_one_sided(fact, outlet=other, other=fact.doc, change="dropped"))
    return sorted(findings, key=lambda f: (f.outlet, f.doc, f.start, f.change))


def _altered_pairs(
    alignment: Alignment, facts_a: list[Fact], facts_b: list[Fact], index_a: FactIndex, index_b: FactIndex
) -> list[tuple[Fact, Fact]]:
    """Facts of one kind replaced by another in a counterpart pair's inline diff.

    A replacement is a run of deleted and inserted words between two equal runs; a fact in its
    deleted part and a fact of the same kind in its inserted part form an altered pair, unless
    the other document states either fact somewhere (then it was moved, not changed).
    """
    pairs: list[tuple[Fact, Fact]] = []
    used: set[int] = set()
    by_sentence_a, by_sentence_b = _by_sentence(facts_a), _by_sentence(facts_b)
    for link in alignment.links:
        if link.relation != "counterpart":
            continue
        for deleted, inserted in _replacements(link.diff):
            old = [f for f in by_sentence_a.get(link.a, ()) if _touches(f, deleted) and f not in index_b]
            new = [f for f in by_sentence_b.get(link.b, ()) if _touches(f, inserted) and f not in index_a]
            for fact_a in old:
                if fact_a.kind == "entity" and link.label == "rewritten":
                    continue  # names in a reworded sentence rarely replace each other one for one
                match = next((f for f in new if f.kind == fact_a.kind and id(f) not in used), None)
                if match is not None and id(fact_a) not in used:
                    used.update((id(fact_a), id(match)))
                    pairs.append((fact_a, match))
    return pairs


def _replacements(diff: Sequence[DiffOp]) -> list[tuple[list[Span], list[Span]]]:
    """Groups of consecutive non-equal runs: (deleted spans in a, inserted spans in b)."""
    groups: list[tuple[list[Span], list[Span]]] = [([], [])]
    for op in diff:
        if op.op == "equal":
            groups.append(([], []))
        elif op.op == "delete" and op.a is not None:
            groups[-1][0].append(op.a)
        elif op.op == "insert" and op.b is not None:
            groups[-1][1].append(op.b)
    return [group for group in groups if group[0] and group[1]]


def _touches(fact: Fact, spans: list[Span]) -> bool:
    return any(start < fact.end and fact.start < end for start, end in spans)


def _by_sentence(facts: list[Fact]) -> dict[int, list[Fact]]:
    grouped: dict[int, list[Fact]] = {}
    for fact in facts:
        grouped.setdefault(fact.sentence, []).append(fact)
    return grouped


def _altered(fact: Fact, other: Fact) -> Finding:
    return Finding(
        outlet=fact.doc,
        other=other.doc,
        kind="fact",
        change="altered",
        category=fact.kind,
        text=fact.text,
        doc=fact.doc,
        sentence=fact.sentence,
        start=fact.start,
        end=fact.end,
        other_sentence=other.sentence,
        other_span=(other.start, other.end),
        other_text=other.text,
    )


def _one_sided(fact: Fact, *, outlet: int, other: int, change: str) -> Finding:
    return Finding(
        outlet=outlet,
        other=other,
        kind="fact",
        change=change,  # type: ignore[arg-type]
        category=fact.kind,
        text=fact.text,
        doc=fact.doc,
        sentence=fact.sentence,
        start=fact.start,
        end=fact.end,
    )
