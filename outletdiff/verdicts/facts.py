"""Decide, for each pair of outlets, which facts one added, dropped or altered relative to the other.

A fact is "altered" when the other outlet fills the same slot with a different value, and only
on evidence that it is the same slot: the two sentences are linked and the facts are of one
kind and comparable (numbers counting the same unit, dates naming the same component such as
the month or the weekday, a name the inline diff swapped for a name and nothing else). A
number unit that each document counts exactly once with a different amount is one slot too
("1,200 jobs" and "1,500 jobs" a paragraph apart). A fact with no equal anywhere in the other
document is "added" by its outlet (and "dropped" by the other); one the other outlet states in
some other sentence is no difference: outlets order their stories differently. Dates relative
to publication ("last month") are resolved with each document's date before any comparison,
and without a date a relative date is never called different from an absolute one. The
publishing outlet's own name ("TechTattle.com has learned") is not a fact of the story. Each
repeated value is reported once per direction, at its first occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from outletdiff.extract.facts import FactIndex, outlet_words, resolve_date, same_fact
from outletdiff.extract.wordlists import word_list
from outletdiff.model import (
    Alignment,
    Change,
    DateValue,
    DiffOp,
    Document,
    Fact,
    Link,
    Name,
    Quantity,
    Sentence,
    Span,
    Verdict,
    verdict_at,
)

__all__ = ["fact_verdicts"]

Pair = tuple[Fact, Fact]


def fact_verdicts(
    alignment: Alignment,
    documents: Sequence[Document],
    sentences: Sequence[Sequence[Sentence]],
    facts: Sequence[Fact],
) -> list[Verdict]:
    """Fact findings for ``alignment.a`` vs ``alignment.b`` in both directions, in text order."""
    a, b = alignment.a, alignment.b
    outlets = outlet_words(documents[a].outlet) | outlet_words(documents[b].outlet)
    facts_a = _checkable(facts, documents[a], a, outlets)
    facts_b = _checkable(facts, documents[b], b, outlets)
    index_a, index_b = FactIndex(facts_a), FactIndex(facts_b)
    open_a = [fact for fact in facts_a if fact not in index_b]
    open_b = [fact for fact in facts_b if fact not in index_a]
    altered, unsure = _altered_pairs(alignment, open_a, open_b)
    findings: list[Verdict] = []
    for fact_a, fact_b in altered:
        findings.append(_altered(fact_a, fact_b))
        findings.append(_altered(fact_b, fact_a))
    settled_a = FactIndex([pair[0] for pair in (*altered, *unsure)])
    settled_b = FactIndex([pair[1] for pair in (*altered, *unsure)])
    for own, settled, other in ((open_a, settled_a, b), (open_b, settled_b, a)):
        reported = FactIndex()
        for fact in own:
            if fact in reported or fact in settled:
                continue
            reported.add(fact)
            findings.append(_one_sided(fact, outlet=fact.doc, other=other, change="added"))
            findings.append(_one_sided(fact, outlet=other, other=fact.doc, change="dropped"))
    return sorted(findings, key=lambda f: (f.outlet, f.doc, f.start, f.change))


def _checkable(facts: Iterable[Fact], document: Document, doc: int, outlets: set[str]) -> list[Fact]:
    """The document's facts, relative dates resolved, the compared outlets' names left out:
    an outlet naming itself or the other outlet is not a fact about the event."""
    return [
        resolve_date(fact, document.date)
        for fact in facts
        if fact.doc == doc
        and fact.kind != "claim"
        and not (isinstance(fact.typed, Name) and set(fact.typed.words) <= outlets)
    ]


def _altered_pairs(
    alignment: Alignment, open_a: list[Fact], open_b: list[Fact]
) -> tuple[list[Pair], list[Pair]]:
    """Altered pairs, and pairs that may say the same thing but cannot be compared (a relative
    date without a publication date against an absolute one): neither altered nor added.

    Evidence is taken strongest first: the inline diff of a counterpart pair, then a pair of
    linked sentences in which each fact has exactly one comparable partner, then a number unit
    each document counts once.
    """
    pairs: list[Pair] = []
    unsure: list[Pair] = []
    used: set[int] = set()
    by_sentence_a, by_sentence_b = _by_sentence(open_a), _by_sentence(open_b)
    # Only a link between two sentences that both keep an open fact can pair anything.
    links = [link for link in alignment.links if link.a in by_sentence_a and link.b in by_sentence_b]
    for link in links:
        if link.relation != "counterpart":
            continue
        for deleted, inserted in _replacements(link.diff):
            old = [f for f in by_sentence_a.get(link.a, ()) if _touches(f, deleted)]
            new = [f for f in by_sentence_b.get(link.b, ()) if _touches(f, inserted)]
            for fact_a in old:
                for fact_b in new:
                    if id(fact_a) in used or id(fact_b) in used:
                        continue
                    if _comparable(fact_a, fact_b, link, deleted, inserted):
                        pairs.append((fact_a, fact_b))
                    elif _maybe_equal(fact_a, fact_b):
                        unsure.append((fact_a, fact_b))
                    else:
                        continue
                    used.update((id(fact_a), id(fact_b)))
    for link in links:
        old = [f for f in by_sentence_a.get(link.a, ()) if id(f) not in used and f.kind != "entity"]
        new = [f for f in by_sentence_b.get(link.b, ()) if id(f) not in used and f.kind != "entity"]
        for fact_a, fact_b in _unique_partners(old, new, link, _comparable):
            pairs.append((fact_a, fact_b))
            used.update((id(fact_a), id(fact_b)))
        old = [f for f in old if id(f) not in used]
        new = [f for f in new if id(f) not in used]
        for fact_a, fact_b in _unique_partners(old, new, link, lambda f, g, *_: _maybe_equal(f, g)):
            unsure.append((fact_a, fact_b))
            used.update((id(fact_a), id(fact_b)))
    pairs.extend(_same_unit_once(open_a, open_b, used))
    return _distinct(pairs), unsure


def _comparable(
    fact_a: Fact, fact_b: Fact, link: Link | None, deleted: list[Span], inserted: list[Span]
) -> bool:
    """Whether two facts fill one slot with different values."""
    if fact_a.kind != fact_b.kind or same_fact(fact_a, fact_b):
        return False
    one, two = fact_a.typed, fact_b.typed
    if isinstance(one, Quantity) and isinstance(two, Quantity):
        return one.noun == two.noun and one.measure == two.measure
    if isinstance(one, DateValue) and isinstance(two, DateValue):
        return bool(one.facets().keys() & two.facets().keys())
    if isinstance(one, Name) and link is not None and link.label != "rewritten":
        return _only_change(fact_a, deleted) and _only_change(fact_b, inserted)
    return False


def _only_change(fact: Fact, spans: list[Span]) -> bool:
    """Whether the changed words around a name are that name and function words only: a name
    swapped for a name ("Reuters" for "AP"), not two names of a reworded clause."""
    changed = sum(end - start for start, end in spans)
    inside = sum(max(0, min(end, fact.end) - max(start, fact.start)) for start, end in spans)
    return changed - inside <= 4  # room for "the " or "a " around the name


def _maybe_equal(fact_a: Fact, fact_b: Fact) -> bool:
    """Two facts of one slot that may say the same thing: one amount counting differently
    named things ("two people" and "two Kremlin insiders"), or a relative date nobody could
    resolve against an absolute date of its granularity ("last month" and "December" in a
    story without a date)."""
    first, second = fact_a.typed, fact_b.typed
    if isinstance(first, Quantity) and isinstance(second, Quantity):
        return first.key == second.key
    if not isinstance(first, DateValue) or not isinstance(second, DateValue):
        return False
    grains = {"day": {"d", "wd"}, "week": {"d", "wd"}, "weekend": {"d", "wd"}, "month": {"m"}, "year": {"y"}}
    for one, two in ((first, second), (second, first)):
        rel = one.relative or ""
        unit = re.sub(r"[+-]\d+$", "", rel)
        facets = two.facets()
        fits = (
            unit in grains and bool(facets.keys() & grains[unit]) and (unit != "month" or "d" not in facets)
        )
        if rel and "rel" not in facets and fits:
            return True
    return False


def _unique_partners(old: list[Fact], new: list[Fact], link: Link, fits: Callable[..., bool]) -> list[Pair]:
    """Pairs of facts of two linked sentences that have exactly one partner each by ``fits``."""
    partners_a = {id(f): [g for g in new if fits(f, g, link, [], [])] for f in old}
    partners_b = {id(g): [f for f in old if fits(f, g, link, [], [])] for g in new}
    return [
        (f, partners_a[id(f)][0])
        for f in old
        if len(partners_a[id(f)]) == 1 and len(partners_b[id(partners_a[id(f)][0])]) == 1
    ]


def _same_unit_once(open_a: list[Fact], open_b: list[Fact], used: set[int]) -> list[Pair]:
    """Numbers of a unit ("jobs", "minutes") that each document counts with one amount only."""

    def by_unit(facts: list[Fact]) -> dict[tuple[str, tuple[str | None, bool]], list[Fact]]:
        grouped: dict[tuple[str, tuple[str | None, bool]], list[Fact]] = {}
        for fact in facts:
            number = fact.typed
            if (
                isinstance(number, Quantity)
                and number.noun
                and number.noun not in word_list("function_words")
            ):
                grouped.setdefault((number.noun, number.measure), []).append(fact)
        return grouped

    def amounts(facts: list[Fact]) -> set[object]:
        return {fact.typed.key for fact in facts if isinstance(fact.typed, Quantity)}

    units_a, units_b = by_unit(open_a), by_unit(open_b)
    pairs: list[Pair] = []
    for unit, found_a in units_a.items():
        found_b = units_b.get(unit, [])
        if not found_b or any(id(f) in used for f in (*found_a, *found_b)):
            continue
        if len(amounts(found_a)) == 1 == len(amounts(found_b)):
            pairs.append((found_a[0], found_b[0]))
            used.update((id(found_a[0]), id(found_b[0])))
    return pairs


def _distinct(pairs: list[Pair]) -> list[Pair]:
    """One pair per slot: "about 1,200 jobs" -> "as many as 1,500 jobs" repeats "1,200 jobs" ->
    "1,500 jobs"."""
    kept: list[Pair] = []
    for fact_a, fact_b in pairs:
        if not any(same_fact(fact_a, a) and same_fact(fact_b, b) for a, b in kept):
            kept.append((fact_a, fact_b))
    return kept


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


def _altered(fact: Fact, other: Fact) -> Verdict:
    return verdict_at(
        fact,
        outlet=fact.doc,
        other=other.doc,
        kind="fact",
        change="altered",
        category=fact.kind,
        counterpart=other,
    )


def _one_sided(fact: Fact, *, outlet: int, other: int, change: Change) -> Verdict:
    return verdict_at(fact, outlet=outlet, other=other, kind="fact", change=change, category=fact.kind)
