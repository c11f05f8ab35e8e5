"""Compare two outlets' sourcing: sources only one cites, different chains, and claims stated as fact.

Researchers ask who an outlet leaned on ("via Bloomberg" or "via Daily Mail") and whether it
kept the attribution at all; so matched sentences whose chains differ, and a claim one outlet
attributes while the other states it as fact, are findings alongside added and dropped sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..extract.speakers import canonical_outlet
from ..model import Alignment, Attribution, Document, Sentence, Source, Verdict
from ..normalize import fold
from .quotes import same_person_name

_NAME_MATCH = 90.0  # token_sort_ratio at or above which two source names are the same source


def source_verdicts(
    alignment: Alignment,
    documents: Sequence[Document],
    sentences: Sequence[Sequence[Sentence]],
    attributions: Sequence[Attribution],
) -> list[Verdict]:
    """Findings for both directions of ``alignment`` (``a`` vs ``b`` and ``b`` vs ``a``).

    Chains are compared on the sentence pairs a reader sees side by side
    (``Alignment.partners``), not on every overlap, so one claim yields one finding.
    """
    del documents  # sentences carry the text; kept for a uniform verdict signature
    side_a = [item for item in attributions if item.doc == alignment.a]
    side_b = [item for item in attributions if item.doc == alignment.b]
    pairs = list(alignment.partners())
    findings = _sources(side_a, side_b, alignment.a, alignment.b, pairs)
    findings += _sources(side_b, side_a, alignment.b, alignment.a, [(b, a) for a, b in pairs])
    findings += _chains(side_a, side_b, alignment, sentences, pairs)
    return findings


def same_source(first: Source, second: Source) -> bool:
    """Same source: equal outlet canonical names, or names that match fuzzily or by surname."""
    a, b = _norm(first.name), _norm(second.name)
    if not a or not b:
        return False
    if a == b or (canonical_outlet(first.name) or a) == (canonical_outlet(second.name) or b):
        return True
    if first.kind == "person" and second.kind == "person" and same_person_name(a, b):
        return True
    return first.kind == second.kind and fuzz.token_sort_ratio(a, b) >= _NAME_MATCH


class SourceIndex:
    """Sources answering "does ``same_source`` hold for any of them?" without a pairwise scan.

    Exact keys (normalised name, canonical outlet, a person's surname) are set look-ups; only
    the fuzzy spelling test runs, vectorised, over the names of the same kind.
    """

    def __init__(self, sources: Iterable[Source] = ()) -> None:
        self._keys: set[str] = set()
        self._surnames: set[str] = set()
        self._surname_only: set[str] = set()
        self._names_by_kind: dict[str, list[str]] = {}
        for source in sources:
            self.add(source)

    def add(self, source: Source) -> None:
        """Remember ``source``."""
        name = _norm(source.name)
        if not name:
            return
        self._keys.update((name, canonical_outlet(source.name) or name))
        if source.kind == "person":
            self._surnames.add(name.split()[-1])
            if " " not in name:
                self._surname_only.add(name)
        self._names_by_kind.setdefault(source.kind, []).append(name)

    def __contains__(self, source: object) -> bool:
        if not isinstance(source, Source):
            return False
        name = _norm(source.name)
        if not name:
            return False
        if name in self._keys or (canonical_outlet(source.name) or name) in self._keys:
            return True
        if source.kind == "person" and (
            name in self._surnames if " " not in name else name.split()[-1] in self._surname_only
        ):
            return True
        candidates = self._names_by_kind.get(source.kind, ())
        return (
            process.extractOne(name, candidates, scorer=fuzz.token_sort_ratio, score_cutoff=_NAME_MATCH)
            is not None
        )


@lru_cache(maxsize=16384)
def _norm(name: str) -> str:
    name = re.sub(r"^(the|a|an)\s+", "", fold(name).replace(".", ""))
    return " ".join(re.sub(r"[^\w\s]", " ", name).split())


def _mentions(attributions: list[Attribution]) -> list[tuple[int, Source]]:
    """Each source's first own (not inherited) mention, with its sentence."""
    seen: list[tuple[int, Source]] = []
    index = SourceIndex()
    for attribution in attributions:
        if attribution.inherited:
            continue
        for source in attribution.chain:
            if source.kind != "self" and source not in index:
                seen.append((attribution.sentence, source))
                index.add(source)
    return seen


def _sources(
    mine: list[Attribution], theirs: list[Attribution], outlet: int, other: int, pairs: list[tuple[int, int]]
) -> list[Verdict]:
    """Added/shared for ``outlet``'s sources, and the matching dropped finding for ``other``."""
    their_sources = SourceIndex(source for item in theirs for source in item.chain)
    by_sentence = {item.sentence: item for item in theirs}
    findings = []
    for sentence, source in _mentions(mine):
        matched = source in their_sources
        if not matched and source.kind == "anonymous":
            # Unnamed sources have no name to compare: the same claim's anonymous source counts.
            linked = [by_sentence.get(b) for a, b in pairs if a == sentence]
            matched = any(item and any(s.kind == "anonymous" for s in item.chain) for item in linked)
        change = "shared" if matched else "added"
        findings.append(_finding(outlet, other, change, source, sentence, outlet))
        if not matched:
            findings.append(_finding(other, outlet, "dropped", source, sentence, outlet))
    return findings


def _finding(outlet: int, other: int, change: str, source: Source, sentence: int, doc: int) -> Verdict:
    return Verdict(
        outlet=outlet,
        other=other,
        kind="source",
        change=change,  # type: ignore[arg-type]
        category=source.kind,
        text=source.name,
        doc=doc,
        sentence=sentence,
        start=source.start,
        end=source.end,
        chain=source.name,
    )


def _chains(
    side_a: list[Attribution],
    side_b: list[Attribution],
    alignment: Alignment,
    sentences: Sequence[Sequence[Sentence]],
    pairs: list[tuple[int, int]],
) -> list[Verdict]:
    """Altered findings for linked sentences whose chains differ or only one side attributes."""
    by_a = {item.sentence: item for item in side_a}
    by_b = {item.sentence: item for item in side_b}
    findings = []
    for a, b in pairs:
        first, second = by_a.get(a), by_b.get(b)
        chain_a, chain_b = _outside_self(first), _outside_self(second)
        if not chain_a and not chain_b:
            continue
        if chain_a and chain_b and _same_chain(chain_a, chain_b):
            continue
        sentence_a, sentence_b = sentences[alignment.a][a], sentences[alignment.b][b]
        span_a = (sentence_a.start, sentence_a.end, sentence_a.text)
        span_b = (sentence_b.start, sentence_b.end, sentence_b.text)
        category_a = _category(chain_a, chain_b)
        category_b = _category(chain_b, chain_a)
        findings.append(_altered(alignment.a, alignment.b, a, span_a, first, b, span_b, second, category_a))
        findings.append(_altered(alignment.b, alignment.a, b, span_b, second, a, span_a, first, category_b))
    return findings


def _outside_self(attribution: Attribution | None) -> tuple[Source, ...]:
    """The chain without the outlet's own voice: "as we reported" attributes nothing."""
    if attribution is None:
        return ()
    return tuple(source for source in attribution.chain if source.kind != "self")


def _same_chain(first: tuple[Source, ...], second: tuple[Source, ...]) -> bool:
    if len(first) != len(second):
        return False
    return all(
        same_source(x, y) or (x.kind == y.kind == "anonymous") for x, y in zip(first, second, strict=True)
    )


def _category(mine: tuple[Source, ...], theirs: tuple[Source, ...]) -> str:
    """ "unattributed" when one side has no chain, else the kind of the first differing source."""
    if not mine or not theirs:
        return "unattributed"
    for index, source in enumerate(mine):
        if index >= len(theirs) or not (
            same_source(source, theirs[index]) or source.kind == theirs[index].kind == "anonymous"
        ):
            return source.kind
    return theirs[len(mine)].kind if len(theirs) > len(mine) else mine[-1].kind


def _altered(
    outlet: int,
    other: int,
    sentence: int,
    span: tuple[int, int, str],
    mine: Attribution | None,
    other_sentence: int,
    other_span: tuple[int, int, str],
    theirs: Attribution | None,
    category: str,
) -> Verdict:
    return Verdict(
        outlet=outlet,
        other=other,
        kind="source",
        change="altered",
        category=category,
        text=span[2],
        doc=outlet,
        sentence=sentence,
        start=span[0],
        end=span[1],
        chain=mine.label if mine else None,
        other_sentence=other_sentence,
        other_span=(other_span[0], other_span[1]),
        other_text=theirs.label if theirs else None,
    )
