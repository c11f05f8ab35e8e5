"""Group a pile of articles into events: which articles of different outlets cover the same thing.

Two articles are linked when they were published within a few days of each other, their
leads are similar (cosine of tf-idf vectors over content-word stems) and they share names.
Links are taken strongest first into groups that hold at most one article per outlet (an
event is compared across outlets, and an outlet's own follow-up is a different article to
compare), and a group only grows when most of its articles link to the newcomer, so a chain
of pairwise links cannot glue two events together.

Why not MinHash LSH over shingles: on BASIL (100 events, 3 outlets) the Jaccard similarity
of same-event articles' word sets starts at 0.06, below the 99th percentile of different-event
pairs (0.13): a threshold that keeps recall lets most pairs through anyway. The date window
is what bounds the work: each article is scored only against articles of the days around it,
by sparse matrix products, so time and memory grow with the articles per day, not with the
square of the pile.
"""

from __future__ import annotations

import csv
import io
import os
import re
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

from ..atomic import write_atomic
from ..load import DEFAULT_MAX_BYTES
from ..normalize import STOPWORDS, fold_word, stem, words
from .pile import PileArticle, read_pile
from .store import storage_errors

_COMMON_FROM = 50  # piles smaller than this keep their common terms: too few articles to judge
MANIFEST_COLUMNS = ("event_id", "outlet", "date", "title", "url", "path", "text")


@dataclass(frozen=True)
class GroupOptions:
    """How articles are linked into events."""

    window_days: int = 4
    """Most days between two articles of one event (in BASIL, coverage is up to four days apart)."""
    min_similarity: float = 0.1
    """Least cosine similarity of two leads (tf-idf over content-word stems) to link them."""
    min_shared_names: int = 2
    """Least number of capitalised words (names, places, bodies) two linked articles share."""
    lead_words: int = 400
    """Words read from each article (title first): the lead names the event, the tail drifts."""
    undated_with_all: bool = True
    """Compare articles without a readable date with every other article (slower)."""


@dataclass(frozen=True)
class Grouping:
    """Events found in a pile: each event's article indices, its id, and the articles left alone."""

    events: tuple[tuple[int, ...], ...]
    event_ids: tuple[str, ...]
    ungrouped: tuple[int, ...]
    links: int = field(default=0, compare=False)


@dataclass(frozen=True)
class PileEvents:
    """A pile read, grouped and written as a manifest: what ``outletdiff events`` reports."""

    articles: tuple[PileArticle, ...]
    grouping: Grouping
    manifest: Path

    def summary(self) -> str:
        grouped = sum(len(event) for event in self.grouping.events)
        return (
            f"{len(self.articles)} articles: {len(self.grouping.events)} events of two or more outlets "
            f"({grouped} articles), {len(self.grouping.ungrouped)} matched no other outlet"
        )


def events_from_pile(
    pile: str | Path,
    manifest: str | Path,
    *,
    options: GroupOptions | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> PileEvents:
    """Read a pile, group it into events and write the manifest that ``outletdiff corpus`` reads."""
    articles = read_pile(pile, max_bytes=max_bytes)
    grouping = group_articles(articles, options=options)
    target = Path(manifest)
    with storage_errors(target.parent):
        write_manifest(articles, grouping, target)
    return PileEvents(articles, grouping, target)


def group_articles(articles: Sequence[PileArticle], *, options: GroupOptions | None = None) -> Grouping:
    """Group ``articles`` into events of two or more outlets; the rest are ``ungrouped``."""
    options = options or GroupOptions()
    count = len(articles)
    if count < 2:
        return Grouping((), (), tuple(range(count)))
    vectors, names = _vectors(articles, options.lead_words)
    days = np.array([article.day if article.day is not None else -1 for article in articles], dtype=np.int64)
    left, right, score = _links(vectors, names, days, options)
    outlets = [article.outlet.strip().casefold() for article in articles]
    groups = _merge(count, left, right, score, outlets)
    events = sorted((tuple(sorted(group)) for group in groups if len(group) > 1), key=lambda g: g[0])
    grouped = {index for event in events for index in event}
    return Grouping(
        events=tuple(events),
        event_ids=_event_ids(articles, events),
        ungrouped=tuple(index for index in range(count) if index not in grouped),
        links=len(score),
    )


def _features(article: PileArticle, lead_words: int) -> tuple[Counter[str], set[str]]:
    terms: Counter[str] = Counter()
    names: set[str] = set()
    for word in words(f"{article.title or ''}\n{article.text}")[:lead_words]:
        folded = fold_word(word)
        if len(folded) < 3 or folded in STOPWORDS or folded.isdigit():
            continue
        terms[stem(folded)] += 1
        if word[0].isupper():
            names.add(folded)
    return terms, names


def _vectors(articles: Sequence[PileArticle], lead_words: int) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Unit-length tf-idf rows of content-word stems, and 0/1 rows of names, one per article.

    Terms found in one article only cannot link two, and (in a pile big enough to tell) terms
    in over half of them say nothing about which event; both are dropped, which also keeps
    the matrices small. Entries are gathered in typed arrays, not Python lists of ints, so a
    pile of 100,000 articles costs tens of megabytes here, not gigabytes.
    """
    count = len(articles)
    term_ids: dict[str, int] = {}
    name_ids: dict[str, int] = {}
    rows, columns, counts = array("i"), array("i"), array("f")
    name_rows, name_columns = array("i"), array("i")
    for row, article in enumerate(articles):
        terms, names = _features(article, lead_words)
        for term, n in terms.items():
            rows.append(row)
            columns.append(term_ids.setdefault(term, len(term_ids)))
            counts.append(n)
        for name in names:
            name_rows.append(row)
            name_columns.append(name_ids.setdefault(name, len(name_ids)))
    row_index = np.frombuffer(rows, dtype=np.int32)
    column_index = np.frombuffer(columns, dtype=np.int32)
    frequency = np.bincount(column_index, minlength=len(term_ids))
    limit = count // 2 if count >= _COMMON_FROM else count
    document_frequency = frequency[column_index]
    keep = (document_frequency >= 2) & (document_frequency <= limit)
    idf = np.log((1 + count) / (1 + document_frequency[keep])) + 1.0
    values = (1.0 + np.log(np.frombuffer(counts, dtype=np.float32)[keep])) * idf
    shape = (count, max(1, len(term_ids)))
    matrix = sparse.csr_matrix((values, (row_index[keep], column_index[keep])), shape=shape)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)
    names_matrix = sparse.csr_matrix(
        (
            np.ones(len(name_rows), dtype=np.float32),
            (np.frombuffer(name_rows, dtype=np.int32), np.frombuffer(name_columns, dtype=np.int32)),
        ),
        shape=(count, max(1, len(name_ids))),
    )
    return matrix, names_matrix


def _links(
    vectors: sparse.csr_matrix, names: sparse.csr_matrix, days: np.ndarray, options: GroupOptions
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every linked pair (left < right, as article indices) with its similarity.

    Articles are sorted by day; each day's articles are scored against those of the same
    and the following ``window_days`` days (earlier days were scored when their turn came).
    """
    order = np.argsort(days, kind="stable")
    sorted_days = days[order]
    ordered, ordered_names = vectors[order], names[order]
    lefts, rights, scores = [], [], []
    dated = int(np.searchsorted(sorted_days, 0))  # undated (-1) articles sort first
    blocks: list[tuple[int, int, int, int]] = []
    for day in np.unique(sorted_days[dated:]):
        start, end = np.searchsorted(sorted_days, [day, day + 1])
        stop = int(np.searchsorted(sorted_days, day + options.window_days + 1))
        blocks.append((int(start), int(end), int(start), stop))
    if dated and options.undated_with_all:
        blocks.append((0, dated, 0, len(days)))
    for start, end, first, stop in blocks:
        product = (ordered[start:end] @ ordered[first:stop].T).tocoo()
        row = product.row + start
        column = product.col + first
        keep = (product.data >= options.min_similarity) & (column > row)
        row, column, data = row[keep], column[keep], product.data[keep]
        if options.min_shared_names and len(row):
            shared = np.asarray(ordered_names[row].multiply(ordered_names[column]).sum(axis=1)).ravel()
            keep = shared >= options.min_shared_names
            row, column, data = row[keep], column[keep], data[keep]
        lefts.append(np.minimum(order[row], order[column]))
        rights.append(np.maximum(order[row], order[column]))
        scores.append(data)
    if not scores:
        empty = np.array([], dtype=np.int64)
        return empty, empty, np.array([], dtype=np.float64)
    return np.concatenate(lefts), np.concatenate(rights), np.concatenate(scores)


def _merge(
    count: int, left: np.ndarray, right: np.ndarray, score: np.ndarray, outlets: list[str]
) -> list[list[int]]:
    """Take links strongest first into groups of distinct outlets, without chaining.

    A group joins another only when at least half of the pairs across them are linked.
    """
    linked = set(zip(left.tolist(), right.tolist(), strict=True))
    group_of = list(range(count))
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    outlet_sets: dict[int, set[str]] = {i: {outlets[i]} for i in range(count)}
    for index in np.argsort(-score, kind="stable"):
        a, b = group_of[int(left[index])], group_of[int(right[index])]
        if a == b or outlet_sets[a] & outlet_sets[b]:
            continue
        pairs = [(min(x, y), max(x, y)) for x in members[a] for y in members[b]]
        if 2 * sum(pair in linked for pair in pairs) < len(pairs):
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for member in members[b]:
            group_of[member] = a
        members[a].extend(members.pop(b))
        outlet_sets[a] |= outlet_sets.pop(b)
    return list(members.values())


_SLUG = re.compile(r"[^a-z0-9]+")


def _event_ids(articles: Sequence[PileArticle], events: Sequence[tuple[int, ...]]) -> tuple[str, ...]:
    """Readable, unique ids: the earliest article's date and the first words of its title."""
    ids: list[str] = []
    taken: Counter[str] = Counter()
    for event in events:
        first = min(event, key=lambda i: (articles[i].day or 0, i))
        article = articles[first]
        title = ""
        for word in _SLUG.sub(" ", (article.title or article.text[:200]).lower()).split():
            if len(title) + len(word) > 48:
                break
            title = f"{title}-{word}" if title else word
        day = article.date[:10] if article.date else ""
        base = "-".join(part for part in (day, title) if part) or "event"
        taken[base] += 1
        ids.append(base if taken[base] == 1 else f"{base}-{taken[base]}")
    return tuple(ids)


def write_manifest(articles: Sequence[PileArticle], grouping: Grouping, path: str | Path) -> Path:
    """Write the events as a manifest that ``outletdiff corpus`` reads (CSV, atomically).

    Articles the loader can read from their file are listed by ``path`` (relative to the
    manifest when possible); the others carry their ``text``.
    """
    target = Path(path)
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(MANIFEST_COLUMNS)
    for event_id, event in zip(grouping.event_ids, grouping.events, strict=True):
        for index in event:
            article = articles[index]
            where = _relative(article.path, target.parent) if article.path else ""
            writer.writerow(
                [
                    event_id,
                    article.outlet,
                    article.date or "",
                    article.title or "",
                    article.url or "",
                    where,
                    "" if article.path else article.text,
                ]
            )
    write_atomic(target, stream.getvalue())
    return target


def _relative(path: str, folder: Path) -> str:
    try:
        return os.path.relpath(Path(path).resolve(), folder.resolve())
    except ValueError:  # another drive (Windows)
        return str(Path(path).resolve())
