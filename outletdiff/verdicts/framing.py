"""Decide, for each pair of outlets, which framing words one added or dropped relative to the other.

A framing word is "added" by an outlet when the inline diff of a matched sentence pair shows
the outlet inserted it, or when it sits in a sentence the other outlet has no counterpart for.
Lexicon-free candidates are found here too (they need the diff): content words one outlet
inserted into an otherwise shared sentence ("a sudden development"), category ``candidate``.
Every event yields two findings, one per direction; dropped items point at the words where
they are written, in the other outlet's text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cache

from outletdiff.extract.lexicon import word_keys
from outletdiff.extract.wordlists import word_list
from outletdiff.model import (
    Alignment,
    Change,
    Document,
    FramingHit,
    Link,
    Quote,
    Sentence,
    Span,
    Verdict,
    verdict_at,
)

__all__ = ["framing_verdicts"]

# Counterpart labels whose sentences are "otherwise shared": an inserted word there is a choice.
_SHARED_LABELS = ("identical", "edited")
_CANDIDATE_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z-]{3,}(?![\w’'-])")


def framing_verdicts(
    alignment: Alignment,
    documents: Sequence[Document],
    sentences: Sequence[Sequence[Sentence]],
    framing: Sequence[FramingHit],
    *,
    quotes: Sequence[Quote] = (),
) -> list[Verdict]:
    """Framing findings for ``alignment.a`` vs ``alignment.b`` in both directions, in text order.

    ``quotes`` decide whose voice an inserted candidate word is in: words inside any quote
    (double, single, guillemets) are the speaker's, never the outlet's choice.
    """
    a, b = alignment.a, alignment.b
    hits = {doc: [hit for hit in framing if hit.doc == doc] for doc in (a, b)}
    quoted = {doc: _merged([(q.start, q.end) for q in quotes if q.doc == doc]) for doc in (a, b)}
    events: dict[tuple[int, int, int], FramingHit] = {}
    in_sentence: dict[tuple[int, int], list[FramingHit]] = {}  # overlaps lie within one sentence
    for hit in _added_hits(alignment, hits[a], hits[b], a, b):
        if events.setdefault((hit.doc, hit.start, hit.end), hit) is hit:
            in_sentence.setdefault((hit.doc, hit.sentence), []).append(hit)
    for hit in _candidates(alignment, documents, sentences, quoted):
        near = in_sentence.get((hit.doc, hit.sentence), ())
        if not any(h.start < hit.end and hit.start < h.end for h in near):
            events.setdefault((hit.doc, hit.start, hit.end), hit)
    findings: list[Verdict] = []
    for hit in sorted(events.values(), key=lambda h: (h.doc, h.start)):
        other = b if hit.doc == a else a
        findings.append(_finding(hit, outlet=hit.doc, other=other, change="added"))
        findings.append(_finding(hit, outlet=other, other=hit.doc, change="dropped"))
    return findings


def _finding(hit: FramingHit, *, outlet: int, other: int, change: Change) -> Verdict:
    return verdict_at(
        hit,
        outlet=outlet,
        other=other,
        kind="framing",
        change=change,
        category=hit.category,
        voice=hit.voice,
        speaker=hit.speaker,
    )


def _added_hits(
    alignment: Alignment, hits_a: list[FramingHit], hits_b: list[FramingHit], a: int, b: int
) -> Iterator[FramingHit]:
    """Hits in unmatched sentences, and hits inside the inserted/deleted runs of a counterpart.

    Hits and links are indexed by sentence first, so long documents cost linear time.
    """
    for hit in hits_a:
        if _status(alignment.status_a, hit.sentence) == "added":
            yield hit
    for hit in hits_b:
        if _status(alignment.status_b, hit.sentence) == "added":
            yield hit
    by_sentence_a, by_sentence_b = _by_sentence(hits_a), _by_sentence(hits_b)
    terms_a = {(hit.sentence, hit.term) for hit in hits_a}
    terms_b = {(hit.sentence, hit.term) for hit in hits_b}
    linked_b: dict[int, set[int]] = {}  # sentence of a -> linked sentences of b
    linked_a: dict[int, set[int]] = {}
    for link in alignment.links:
        linked_b.setdefault(link.a, set()).add(link.b)
        linked_a.setdefault(link.b, set()).add(link.a)
    for link in alignment.links:
        if link.relation != "counterpart":
            continue
        deleted = [op.a for op in link.diff if op.op == "delete" and op.a is not None]
        inserted = [op.b for op in link.diff if op.op == "insert" and op.b is not None]
        for hit in by_sentence_a.get(link.a, ()):
            if _inside_any(hit, deleted) and not _term_in(hit.term, terms_b, linked_b[link.a]):
                yield hit
        for hit in by_sentence_b.get(link.b, ()):
            if _inside_any(hit, inserted) and not _term_in(hit.term, terms_a, linked_a[link.b]):
                yield hit


def _status(statuses: Sequence[str], index: int) -> str | None:
    return statuses[index] if 0 <= index < len(statuses) else None


def _by_sentence(hits: list[FramingHit]) -> dict[int, list[FramingHit]]:
    grouped: dict[int, list[FramingHit]] = {}
    for hit in hits:
        grouped.setdefault(hit.sentence, []).append(hit)
    return grouped


def _inside_any(hit: FramingHit, spans: list[Span]) -> bool:
    return any(start < hit.end and hit.start < end for start, end in spans)


def _term_in(term: str, terms: set[tuple[int, str]], sentence_indexes: set[int]) -> bool:
    """Whether the other side also uses ``term`` in a linked sentence (a moved word is no change)."""
    return any((index, term) in terms for index in sentence_indexes)


def _candidates(
    alignment: Alignment,
    documents: Sequence[Document],
    sentences: Sequence[Sequence[Sentence]],
    quoted: dict[int, list[Span]],
) -> Iterator[FramingHit]:
    """Content words inserted into an otherwise shared sentence, outside quotation marks.

    Names (capitalised), numbers and function words are skipped, and so is a word the other
    sentence also holds in some form (reordered, not added).
    """
    a, b = alignment.a, alignment.b
    for link in alignment.links:
        if link.relation != "counterpart" or link.label not in _SHARED_LABELS:
            continue
        yield from _inserted_words(link, documents, sentences, quoted[b], doc=b, other=a, op="insert")
        yield from _inserted_words(link, documents, sentences, quoted[a], doc=a, other=b, op="delete")


def _inserted_words(
    link: Link,
    documents: Sequence[Document],
    sentences: Sequence[Sequence[Sentence]],
    quoted: list[Span],
    *,
    doc: int,
    other: int,
    op: str,
) -> Iterator[FramingHit]:
    index, other_index = (link.b, link.a) if op == "insert" else (link.a, link.b)
    if index >= len(sentences[doc]) or other_index >= len(sentences[other]):
        return
    sentence = sentences[doc][index]
    common = _common_words()
    other_keys: set[str] | None = None  # built on the first word worth the test
    text = documents[doc].text
    for diff in link.diff:
        span = diff.b if op == "insert" else diff.a
        if diff.op != op or span is None:
            continue
        for m in _CANDIDATE_WORD.finditer(text, span[0], span[1]):
            word = m.group(0)
            if word in common:
                continue
            if other_keys is None:
                other_keys = _keys_of(sentences[other][other_index].text)
            if not other_keys.isdisjoint(word_keys(word)) or _inside(quoted, m.start()):
                continue
            yield FramingHit(
                doc, sentence.index, m.start(), m.end(), word, word, "candidate", "outlet", None, False
            )


def _merged(spans: list[Span]) -> list[Span]:
    """Spans sorted and merged where they overlap, so a position is looked up by bisection."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(spans: list[Span], position: int) -> bool:
    """Whether ``position`` falls inside one of the merged, sorted ``spans``."""
    index = bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


@cache
def _common_words() -> frozenset[str]:
    """Words never a candidate: function words, plain words and roles, as one set built once
    (every inserted word of every link is looked up in it)."""
    return word_list("function_words") | word_list("plain_words") | word_list("roles")


_WORD_CHARS = re.compile(r"\w+")


def _keys_of(text: str) -> set[str]:
    """Every inflection-free form of every word of ``text`` (see ``word_keys``)."""
    return {key for word in _WORD_CHARS.findall(text) for key in word_keys(word)}
