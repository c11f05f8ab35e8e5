"""The pipeline: documents in, one ``Comparison`` out.

segment -> vectorise -> align every pair of outlets -> extract quotes, sources, framing and
facts per document -> verdicts per pair -> summaries and the sourcing graph. Everything a
renderer shows is computed here, once.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from itertools import combinations
from typing import NamedTuple

from .align import align
from .digest import digest
from .errors import InputError
from .extract.facts import find_facts
from .extract.framing import find_framing
from .extract.lexicon import Lexicon, load_lexicon, merge_lexicons, shipped_lexicon
from .extract.quotes import find_quotes
from .extract.resolver import role_table
from .extract.roles import RoleBook
from .extract.sources import find_attributions
from .findings import merge_verdicts
from .linkmodel import score_pairs
from .model import (
    Alignment,
    Attribution,
    Comparison,
    Document,
    Fact,
    FramingHit,
    Quote,
    Sentence,
    Verdict,
)
from .options import CompareOptions
from .segment import segment
from .similarity import build_features, candidate_pairs
from .sourcing import sourcing_graph
from .summary import best_statuses, summarise
from .verdicts.facts import fact_verdicts
from .verdicts.framing import framing_verdicts
from .verdicts.quotes import quote_verdicts
from .verdicts.sentences import sentence_verdicts
from .verdicts.sources import source_verdicts


def compare(documents: Sequence[Document], *, options: CompareOptions | None = None) -> Comparison:
    """Compare two or more outlets' articles about one event."""
    with _collector_paused():
        return _compare(documents, options or CompareOptions())


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while comparing.

    A comparison allocates hundreds of thousands of small objects (tokens, spans, pairs) that
    hold no cycles; the collector would run every few hundred allocations and now and then
    walk the whole heap, caches included, finding nothing: a fifth of the CPU time of a
    1,000-sentence pair. Any cycle a comparison leaves is collected once the collector resumes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _compare(documents: Sequence[Document], options: CompareOptions) -> Comparison:
    if len(documents) < 2:
        raise InputError("need at least two documents to compare")
    if options.reference is not None and not 0 <= options.reference < len(documents):
        raise InputError(f"reference {options.reference} is not one of the {len(documents)} documents")
    lexicon = build_lexicon(options)
    sentences = tuple(segment(document, doc=doc) for doc, document in enumerate(documents))
    alignments = align_all(sentences, [document.text for document in documents], options=options)
    outlets = tuple(document.outlet for document in documents)
    # Who holds which role, over every document: "the president" one outlet leaves unnamed is
    # the person another names "President Barack Obama".
    book = RoleBook.merge([role_table(document.text) for document in documents])
    extracted = [
        _extract(doc, document, sentences[doc], lexicon, outlets, book)
        for doc, document in enumerate(documents)
    ]
    quotes = tuple(quote for found in extracted for quote in found.quotes)
    attributions = tuple(attribution for found in extracted for attribution in found.attributions)
    framing = tuple(hit for found in extracted for hit in found.framing)
    facts = tuple(fact for found in extracted for fact in found.facts)
    reported = [a for a in alignments if options.reference is None or options.reference in (a.a, a.b)]
    statuses = tuple(best_statuses(doc, len(sentences[doc]), reported) for doc in range(len(documents)))
    verdicts: list[Verdict] = []
    for alignment in reported:
        verdicts.extend(sentence_verdicts(alignment, sentences))
        verdicts.extend(fact_verdicts(alignment, documents, sentences, facts))
        verdicts.extend(quote_verdicts(alignment, documents, quotes))
        verdicts.extend(framing_verdicts(alignment, documents, sentences, framing, quotes=quotes))
        verdicts.extend(source_verdicts(alignment, documents, sentences, attributions))
    findings = merge_verdicts(verdicts)
    comparison = Comparison(
        documents=tuple(documents),
        sentences=sentences,
        alignments=alignments,
        quotes=quotes,
        attributions=attributions,
        framing=framing,
        facts=facts,
        findings=findings,
        summaries=summarise(documents, sentences, statuses, quotes, attributions, framing, findings),
        statuses=statuses,
        reference=options.reference,
        sourcing=sourcing_graph(documents, sentences, attributions, alignments),
    )
    return replace(comparison, digest=digest(comparison))


class _Extracted(NamedTuple):
    quotes: tuple[Quote, ...]
    attributions: tuple[Attribution, ...]
    framing: tuple[FramingHit, ...]
    facts: tuple[Fact, ...]


def _extract(
    doc: int,
    document: Document,
    sentences: Sequence[Sentence],
    lexicon: Lexicon,
    outlets: Sequence[str],
    book: RoleBook,
) -> _Extracted:
    """Quotes, sources, framing and facts of one document, extracted together: the quote and
    source finders share what they learn from the text (see ``Resolver.for_text``). ``outlets``
    are the compared outlets' names, which are no facts of the story."""
    quotes = find_quotes(doc, document.text, sentences, book=book)
    return _Extracted(
        quotes=quotes,
        attributions=find_attributions(doc, document.text, sentences, quotes, outlet=document.outlet),
        framing=find_framing(doc, document.text, sentences, quotes, lexicon),
        facts=find_facts(doc, document.text, sentences, outlets=outlets),
    )


def align_all(
    sentences: Sequence[Sequence[Sentence]], texts: Sequence[str], *, options: CompareOptions
) -> tuple[Alignment, ...]:
    """Align every unordered pair of documents, with IDF over the whole input."""
    features = build_features(sentences)
    alignments = []
    for a, b in combinations(range(len(sentences)), 2):
        rows_a = features.rows(a, len(sentences[a]))
        rows_b = features.rows(b, len(sentences[b]))
        candidates = candidate_pairs(features, rows_a, rows_b, shortlist=options.shortlist)
        scored = score_pairs(candidates, sentences[a], sentences[b], features, rows_a, rows_b)
        alignments.append(
            align(
                sentences[a], sentences[b], scored, docs=(a, b), texts=(texts[a], texts[b]), options=options
            )
        )
    return tuple(alignments)


def build_lexicon(options: CompareOptions) -> Lexicon:
    """The shipped framing lexicon, extended (or replaced) by the user's lexicon files."""
    versions = tuple((path, _modified(path)) for path in options.lexicons)
    return _lexicon(versions, options.replace_lexicon)


def _modified(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None  # load_lexicon reports the missing file


@lru_cache(maxsize=8)
def _lexicon(versions: tuple[tuple[str, int | None], ...], replace: bool) -> Lexicon:
    """Built once per set of file versions: indexing ~2,000 terms costs more than comparing a
    short pair, and a corpus run compares thousands."""
    extra = [load_lexicon(path) for path, _ in versions]
    if replace:
        if not extra:
            raise InputError("--replace-lexicon needs at least one --lexicon file")
        return merge_lexicons(*extra)
    return merge_lexicons(shipped_lexicon(), *extra)
