"""Per-outlet counts, computed once so the terminal, JSON, HTML and tables show the same numbers.

With more than two outlets a sentence counts as shared when it has the same wording in at
least one other outlet, altered when it is matched anywhere only with changes, and only here
when no other outlet has it at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from . import tokens
from .extract.lexicon import ATTRIBUTION
from .model import (
    Alignment,
    Attribution,
    Document,
    Finding,
    FramingHit,
    OutletSummary,
    Quote,
    Sentence,
    Status,
)

# Strongest relation first: a sentence takes the best status it has against any other outlet.
_STATUS_RANK = ("identical", "moved", "edited", "split", "merged", "rewritten", "partial", "added")
_RANK = {status: rank for rank, status in enumerate(_STATUS_RANK)}
_SHARED = {"identical", "moved"}


def summarise(
    documents: Sequence[Document],
    sentences: Sequence[Sequence[Sentence]],
    statuses: Sequence[Sequence[Status]],
    quotes: Sequence[Quote],
    attributions: Sequence[Attribution],
    framing: Sequence[FramingHit],
    findings: Sequence[Finding],
) -> tuple[OutletSummary, ...]:
    """One ``OutletSummary`` per document, in input order; ``statuses`` from ``best_statuses``."""
    quote_items = _quote_items(findings)
    return tuple(
        _summarise_one(
            doc, document, sentences[doc], statuses[doc], quotes, attributions, framing, quote_items
        )
        for doc, document in enumerate(documents)
    )


def best_statuses(doc: int, count: int, alignments: Sequence[Alignment]) -> tuple[Status, ...]:
    """Each sentence's best status against the other outlets of ``alignments``.

    Pass only the alignments that are reported (those with the reference outlet, if any).
    "boilerplate" stays as is.
    """
    best: list[Status] = ["added"] * count
    for alignment in alignments:
        if doc not in (alignment.a, alignment.b):
            continue
        # A status describes a sentence relative to the other document: no need to swap sides.
        mine = alignment.status_a if alignment.a == doc else alignment.status_b
        for index, status in enumerate(mine):
            if status == "boilerplate":
                best[index] = "boilerplate"
            elif best[index] != "boilerplate" and _rank(status) < _rank(best[index]):
                best[index] = status
    return tuple(best)


def _rank(status: str) -> int:
    return _RANK[status]


def _summarise_one(
    doc: int,
    document: Document,
    sentences: Sequence[Sentence],
    statuses: Sequence[Status],
    quotes: Sequence[Quote],
    attributions: Sequence[Attribution],
    framing: Sequence[FramingHit],
    quote_items: dict[tuple[int, str], set[tuple[int, int, int]]],
) -> OutletSummary:
    own_quotes = [q for q in quotes if q.doc == doc]
    reported = [s for s, status in zip(sentences, statuses, strict=True) if status != "boilerplate"]
    # One pass over all sentences (no word spans the line breaks) costs less than one per sentence.
    words = len(tokens.words("\n".join(s.text for s in reported)))
    quoted_words = sum(len(tokens.words(q.text)) for q in own_quotes)
    voice_words = max(words - quoted_words, 0)
    own_framing = [hit for hit in framing if hit.doc == doc and hit.from_lexicon]
    # Attribution words ("vowed", "reportedly") are how the outlet reports speech, not loaded
    # words: they keep their own category below but stay out of the count and the rate.
    loaded = [hit for hit in own_framing if hit.category != ATTRIBUTION]
    outlet_voice = sum(hit.voice == "outlet" for hit in loaded)
    sources = [
        s for a in attributions if a.doc == doc and not a.inherited for s in a.chain if s.kind != "self"
    ]
    only_here = sum(status == "added" for status in statuses)
    return OutletSummary(
        doc=doc,
        outlet=document.outlet,
        words=words,
        outlet_voice_words=voice_words,
        sentences=len(reported),
        shared=sum(s in _SHARED for s in statuses),
        altered=sum(s not in _SHARED and s not in ("added", "boilerplate") for s in statuses),
        only_here=only_here,
        boilerplate=sum(status == "boilerplate" for status in statuses),
        quotes=len(own_quotes),
        quotes_added=len(quote_items.get((doc, "added"), ())),
        quotes_dropped=len(quote_items.get((doc, "dropped"), ())),
        quotes_altered=len(quote_items.get((doc, "altered"), ())),
        framing_outlet_voice=outlet_voice,
        framing_quoted=len(loaded) - outlet_voice,
        framing_per_1000=round(1000 * outlet_voice / voice_words, 2) if voice_words else 0.0,
        sources=len(sources),
        sources_named=sum(s.kind != "anonymous" for s in sources),
        sources_anonymous=sum(s.kind == "anonymous" for s in sources),
        share_only_here=round(only_here / len(reported), 4) if reported else 0.0,
        framing_by_category=tuple(
            sorted(Counter(hit.category for hit in own_framing if hit.voice == "outlet").items())
        ),
        sources_by_kind=tuple(sorted(Counter(source.kind for source in sources).items())),
    )


def _quote_items(findings: Sequence[Finding]) -> dict[tuple[int, str], set[tuple[int, int, int]]]:
    """Quote findings per (outlet, change seen from it), gathered in one pass over all findings:
    an outlet's added quotes are its own; its dropped ones are quotes of other outlets."""
    items: dict[tuple[int, str], set[tuple[int, int, int]]] = {}
    for finding in findings:
        if finding.kind != "quote":
            continue
        item = (finding.versions[0].doc, finding.versions[0].start, finding.versions[0].end)
        for doc in (*finding.outlets, *finding.lacking):
            change = finding.change_for(doc)
            if change is not None:
                items.setdefault((doc, change), set()).add(item)
    return items
