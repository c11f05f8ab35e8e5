"""Score every cross-outlet sentence pair: cheap vectorised shortlist, costly scorers after.

Outlets paraphrase, so no single string ratio works. The score mixes four signals:
content-word TF-IDF cosine (stems, IDF over the whole input so "Putin" in every sentence
counts for little), character 4-gram cosine (morphology and spelling variants), shared
anchors (names and numbers: the specific facts) and rapidfuzz's token_set_ratio on content
words. The sparse cosines are computed for all pairs at once; the character and fuzzy scores
only for a shortlist of candidates, so 3,000 x 3,000 sentences stay in seconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, chain, count
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from .model import Sentence
from .normalize import STOPWORDS, concept, fold_sentence, fold_word, stem, words

# Fuzzy-scored pairs above which rapidfuzz's threads pay off: below, starting them costs more
# than they save, and a corpus run already keeps every core busy with its own processes.
_THREADED_PAIRS = 10_000
# Sentence pairs above which the sparse cosines are left to scipy (see ``_cosines``).
_JOINED_CELLS = 250_000
_NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve dozen hundred thousand million
billion""".split()
)


@dataclass(frozen=True)
class Weights:
    """How the signals combine; fitted on the alignment gold by ``eval/calibrate_alignment.py``.

    ``base = words*W + chars*C + anchors*A + bigrams*B + fuzzy*F``; the base is then scaled
    towards its share of each sentence's best match (``gate``: 0 ignores the ranking, 1 uses
    only it) and the best base score of the diagonal neighbours is added (``neighbours``).
    """

    words: float = 0.41
    chars: float = 0.26
    anchors: float = 0.07
    bigrams: float = 0.20
    fuzzy: float = 0.06
    gate: float = 0.36
    neighbours: float = 0.29


@dataclass(frozen=True)
class Features:
    """Sparse, L2-normalised vectors of every sentence of every document, rows in input order."""

    words: sparse.csr_matrix
    chars: sparse.csr_matrix
    anchors: sparse.csr_matrix
    bigrams: sparse.csr_matrix
    content: tuple[str, ...]
    first_row: tuple[int, ...]

    def rows(self, doc: int, count: int) -> np.ndarray:
        """Row numbers of document ``doc``'s ``count`` sentences."""
        return np.arange(self.first_row[doc], self.first_row[doc] + count)


def build_features(sentences: Sequence[Sequence[Sentence]]) -> Features:
    """Vectorise all sentences of all documents with IDF computed over the whole input."""
    texts = [sentence.text for doc_sentences in sentences for sentence in doc_sentences]
    # A sentence copied verbatim (a wire story, a repeated line) is analysed once.
    written = {text: words(text) for text in dict.fromkeys(texts)}
    bags = {text: _bags(sentence_words) for text, sentence_words in written.items()}
    word_bags = [bags[text][0] for text in texts]
    rarity = _rarity(_surfaces(set(chain.from_iterable(written.values()))))
    return Features(
        words=_tfidf(word_bags, rarity),
        chars=_char_tfidf(texts),
        anchors=_tfidf([bags[text][1] for text in texts], rarity),
        bigrams=_tfidf([bags[text][2] for text in texts], lambda pair: min(map(rarity, pair.split(" ")))),
        content=tuple(" ".join(bag) for bag in word_bags),
        first_row=tuple(accumulate(map(len, sentences), initial=0))[:-1],
    )


class _Word(NamedTuple):
    """What the features need to know about one written word, whatever its sentence."""

    folded: str
    stem: str
    concept: str
    content: bool
    # A content word that is an anchor (name or number) as the first word of a sentence,
    # where a capital says nothing, and anywhere else.
    anchor_first: bool
    anchor_later: bool


@lru_cache(maxsize=131072)
def _word(written: str) -> _Word:
    """Cached per written form: the same words recur in every sentence and every event, and
    folding, stemming and looking up the paraphrase group each cost more than the lookup.
    Bounded, as a corpus run meets an ever-growing vocabulary."""
    folded = fold_word(written)
    stemmed = stem(folded)
    content = folded not in STOPWORDS
    number = any(ch.isdigit() for ch in written) or folded in _NUMBER_WORDS
    return _Word(
        folded=folded,
        stem=stemmed,
        concept=concept(stemmed),
        content=content,
        anchor_first=content and number,
        anchor_later=content and (number or written[:1].isupper()),
    )


def _bags(sentence_words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Content stems, anchors (names and numbers) and adjacent word pairs of one sentence."""
    analysed = list(map(_word, sentence_words))
    content = [word.concept for word in analysed if word.content]
    anchors = [word.stem for word in analysed[:1] if word.anchor_first]
    anchors += [word.stem for word in analysed[1:] if word.anchor_later]
    concepts = [word.concept for word in analysed]
    bigrams = list(map(" ".join, zip(concepts, concepts[1:], strict=False)))
    return content, anchors, bigrams


def _surfaces(written: set[str]) -> dict[str, set[str]]:
    """The folded forms of every stem and concept, for looking up how common each is."""
    surfaces: dict[str, set[str]] = {}
    for form in written:
        word = _word(form)
        surfaces.setdefault(word.concept, set()).add(word.folded)
        surfaces.setdefault(word.stem, set()).add(word.folded)
    return surfaces


_NON_WORD = re.compile(r"[^\w]+")


def _char_tfidf(texts: list[str]) -> sparse.csr_matrix:
    """``_weighted_rows`` of the character 4-grams of each folded text, words space-padded.

    Grams are numbered with numpy on the code points rather than as Python strings: a
    sentence has as many grams as characters, so they outnumber words several times over.
    """
    padded_text = {text: " " + _NON_WORD.sub(" ", fold_sentence(text)).strip() + " " for text in set(texts)}
    padded = [padded_text[text] for text in texts]
    joined = "".join(padded).encode("utf-32-le", "surrogatepass")
    codes = np.frombuffer(joined, dtype=np.uint32).astype(np.int64)
    lengths = np.array([max(len(text) - 3, 0) for text in padded], dtype=np.int64)
    text_starts = np.cumsum([0] + [len(text) for text in padded[:-1]], dtype=np.int64)
    starts = np.arange(lengths.sum()) + np.repeat(text_starts - (np.cumsum(lengths) - lengths), lengths)
    columns, width = _first_appearance(_gram_keys(codes, starts))
    return _weighted_rows(lengths, columns, width)


def _gram_keys(codes: np.ndarray, starts: np.ndarray) -> list[np.ndarray]:
    """The 4-grams at ``starts`` as integer keys: one int64 per gram when four code points
    fit in 63 bits (any text below U+8000, so nearly all news), else two halves of two.

    A single key sorts in half the time of two."""
    bits = max(int(codes.max()).bit_length(), 1) if len(codes) else 1
    if 4 * bits <= 63:
        key = codes[starts]
        for offset in (1, 2, 3):
            key = (key << bits) | codes[starts + offset]
        return [key]
    # A code point has 21 bits, so a half has 42.
    return [(codes[starts] << 21) | codes[starts + 1], (codes[starts + 2] << 21) | codes[starts + 3]]


def _first_appearance(keys: list[np.ndarray]) -> tuple[np.ndarray, int]:
    """Number each distinct tuple of ``keys`` (one array per position) in order of first
    appearance, the way a dict would number the items; also gives the count of distinct tuples."""
    if not len(keys[0]):
        return keys[0], 0
    # Equal tuples end up side by side, in no particular order (a stable sort costs twice
    # as much): each tuple's first position is the least position of its run.
    order = np.argsort(keys[0]) if len(keys) == 1 else np.lexsort(keys[::-1])
    changes = np.zeros(len(order), dtype=bool)
    changes[0] = True
    for key in keys:
        ordered = key[order]
        changes[1:] |= ordered[1:] != ordered[:-1]
    first_seen = np.minimum.reduceat(order, np.flatnonzero(changes))
    # Distinct tuples numbered by their first position in the input.
    numbers = np.empty(len(first_seen), dtype=np.int64)
    numbers[np.argsort(first_seen)] = np.arange(len(first_seen))
    ids = np.empty(len(order), dtype=np.int64)
    ids[order] = numbers[np.cumsum(changes) - 1]
    return ids, len(first_seen)


def _rarity(surfaces: dict[str, set[str]]) -> Callable[[str], float]:
    """Weight of a term by how uncommon its word is in English at large (wordfreq's Zipf scale).

    Two articles are too few to learn that "intermediary" says more than "report": both
    occur once. Very common words get about a quarter of the weight of rare ones. A term
    written several ways takes its commonest form, so the weight does not depend on order.
    """

    @cache
    def weight(term: str) -> float:
        zipf = max(_zipf(form) for form in surfaces.get(term, {term}))
        return 1.0 - 0.1 * min(max(zipf - 1.0, 0.0), 7.5)

    return weight


@lru_cache(maxsize=131072)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def _tfidf(bags: list[list[str]], weight: Callable[[str], float] | None = None) -> sparse.csr_matrix:
    """``_weighted_rows`` of bags of terms, columns numbered in order of first appearance."""
    vocabulary = dict(zip(dict.fromkeys(chain.from_iterable(bags)), count()))
    lengths = np.fromiter(map(len, bags), dtype=np.int64, count=len(bags))
    columns = np.fromiter(map(vocabulary.__getitem__, chain.from_iterable(bags)), dtype=np.int64)
    weights = None if weight is None else np.array(list(map(weight, vocabulary)) or [1.0])
    return _weighted_rows(lengths, columns, len(vocabulary), weights)


def _weighted_rows(
    lengths: np.ndarray, columns: np.ndarray, width: int, weights: np.ndarray | None = None
) -> sparse.csr_matrix:
    """Rows of log-scaled term counts times IDF (times ``weights``), L2-normalised.

    Row ``i`` holds the next ``lengths[i]`` of ``columns``, the term numbers. Built with
    whole-array numpy steps rather than scipy's constructors, whose fixed cost per call
    outweighs the work for two short articles. Within a row, terms are stored in descending
    order, as scipy's product with a diagonal matrix stored them before: cosines sum their
    terms in storage order, and a different order could move a score across a rounding step.
    """
    count = len(lengths)
    width = max(width, 1)
    # Repeated (row, column) entries become term counts, sorted by row, then column.
    cells, counts = np.unique(np.repeat(np.arange(count), lengths) * width + columns, return_counts=True)
    rows, indices = np.divmod(cells, width)
    indptr = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=count), out=indptr[1:])
    document_frequency = np.bincount(indices, minlength=width)
    idf = np.log((1 + count) / (1 + document_frequency)) + 1.0
    if weights is not None:
        idf = idf * weights
    data = (1.0 + np.log(counts.astype(np.float64))) * idf[indices]
    norms = np.sqrt(_row_sums(data * data, indptr))
    norms[norms == 0] = 1.0
    descending = (indptr[:-1] + indptr[1:] - 1)[rows] - np.arange(len(rows))
    return sparse.csr_matrix(
        ((data * (1.0 / norms)[rows])[descending], indices[descending], indptr), shape=(count, width)
    )


def _row_sums(values: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """Sum of each CSR row's ``values``, added up exactly as scipy's ``sum(axis=1)`` does."""
    sums = np.zeros(len(indptr) - 1)
    filled = np.flatnonzero(np.diff(indptr))
    sums[filled] = np.add.reduceat(values, indptr[filled])
    return sums


def pair_scores(
    features: Features,
    rows_a: np.ndarray,
    rows_b: np.ndarray,
    *,
    shortlist: int,
    weights: Weights = Weights(),
) -> np.ndarray:
    """Combined similarity of every sentence of ``rows_a`` with every one of ``rows_b``."""
    return combine(pair_features(features, rows_a, rows_b, shortlist=shortlist), weights)


def pair_features(
    features: Features, rows_a: np.ndarray, rows_b: np.ndarray, *, shortlist: int
) -> dict[str, np.ndarray]:
    """Each signal as a ``len(rows_a) x len(rows_b)`` matrix.

    The character and fuzzy scores are computed only for the shortlist (pairs sharing a
    content word, anchor or word pair and ranking in the top ``shortlist`` of their row or
    column); elsewhere they are 0.
    """
    shape = (len(rows_a), len(rows_b))
    words, anchors, bigrams = _cosines((features.words, features.anchors, features.bigrams), rows_a, rows_b)
    chars = np.zeros(shape)
    fuzzy = np.zeros(shape)
    if 0 not in shape:
        ia, ib = _shortlist(words + anchors + bigrams, shortlist)
        chars[ia, ib] = np.asarray(
            features.chars[rows_a[ia]].multiply(features.chars[rows_b[ib]]).sum(axis=1)
        ).ravel()
        fuzzy[ia, ib] = (
            process.cpdist(
                [features.content[r] for r in rows_a[ia].tolist()],
                [features.content[r] for r in rows_b[ib].tolist()],
                scorer=fuzz.token_set_ratio,
                workers=-1 if len(ia) > _THREADED_PAIRS else 1,
            )
            / 100.0
        )
    return {"words": words, "chars": chars, "anchors": anchors, "bigrams": bigrams, "fuzzy": fuzzy}


def combine(signals: dict[str, np.ndarray], weights: Weights) -> np.ndarray:
    """The weighted score: base similarity, ranked against each side's best, plus neighbours."""
    # The same operations in the same order as the formulas say, done in place: on a small
    # matrix numpy's cost is per call and per temporary array, not per element.
    terms = iter(signals.items())
    name, matrix = next(terms)
    base = getattr(weights, name) * matrix
    for name, matrix in terms:
        base += getattr(weights, name) * matrix
    if base.size == 0:
        return base
    best_row = np.maximum(base.max(axis=1, keepdims=True), 1e-9)
    best_column = np.maximum(base.max(axis=0, keepdims=True), 1e-9)
    score = base / best_row
    np.maximum(score, base / best_column, out=score)  # the rank
    score *= weights.gate
    score += 1 - weights.gate
    score *= base
    score += weights.neighbours * _diagonal_neighbours(base)
    score[base <= 0] = 0.0
    # Rounded so that A-vs-B and B-vs-A (summed in another order) give the very same numbers.
    return np.round(score, 9, out=score)


def _diagonal_neighbours(base: np.ndarray) -> np.ndarray:
    """The larger of each cell's up-left and down-right neighbours (0 beyond the edge)."""
    neighbours = np.zeros_like(base)
    neighbours[1:, 1:] = base[:-1, :-1]
    np.maximum(neighbours[:-1, :-1], base[1:, 1:], out=neighbours[:-1, :-1])
    return neighbours


def _cosines(
    matrices: Sequence[sparse.csr_matrix], rows_a: np.ndarray, rows_b: np.ndarray
) -> list[np.ndarray]:
    """``(m[rows_a] @ m[rows_b].T).toarray()`` for each matrix ``m``.

    For two short articles, in one numpy join: scipy's fixed cost per row selection and per
    product outweighs the work. The sums are scipy's to the last bit: each cell adds its
    terms from 0 in the storage order of its ``rows_a`` row, and ``np.bincount`` adds in
    input order. For long documents scipy's single pass in C wins, and the join's
    intermediate arrays would grow with the number of products.
    """
    n_a, n_b = len(rows_a), len(rows_b)
    if n_a * n_b > _JOINED_CELLS:
        return [np.asarray((matrix[rows_a] @ matrix[rows_b].T).toarray()) for matrix in matrices]
    cells = []
    products = []
    for signal, matrix in enumerate(matrices):
        row_a, column_a, value_a = _entries(matrix, rows_a)
        row_b, column_b, value_b = _entries(matrix, rows_b)
        # Entries of rows_b grouped by column; then every entry of rows_a meets its column's.
        by_column = np.argsort(column_b)
        per_column = np.bincount(column_b, minlength=matrix.shape[1])
        meets = per_column[column_a]
        partner = by_column[_ranges((np.cumsum(per_column) - per_column)[column_a], meets)]
        mine = np.repeat(np.arange(len(column_a)), meets)
        cells.append((signal * n_a + row_a[mine]) * n_b + row_b[partner])
        products.append(value_a[mine] * value_b[partner])
    sums = np.bincount(np.concatenate(cells), np.concatenate(products), minlength=len(matrices) * n_a * n_b)
    return list(sums.reshape(len(matrices), n_a, n_b))


def _entries(matrix: sparse.csr_matrix, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Position in ``rows``, column and value of each stored entry of ``rows``, in storage order."""
    starts = matrix.indptr[rows]
    counts = matrix.indptr[rows + 1] - starts
    positions = _ranges(starts, counts)
    return np.repeat(np.arange(len(rows)), counts), matrix.indices[positions], matrix.data[positions]


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The integers ``starts[i] .. starts[i] + counts[i] - 1`` of every ``i``, concatenated."""
    ends = np.cumsum(counts)
    return np.arange(ends[-1] if len(ends) else 0) + np.repeat(starts - ends + counts, counts)


def _shortlist(cheap: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs with any shared signal that rank in the top ``k`` of their row or column."""
    keep = np.zeros(cheap.shape, dtype=bool)
    if cheap.shape[1] > k:
        top_in_row = np.argpartition(-cheap, k - 1, axis=1)[:, :k]
        keep[np.arange(cheap.shape[0])[:, None], top_in_row] = True
    else:
        keep[:] = True
    if cheap.shape[0] > k:
        top_in_column = np.argpartition(-cheap, k - 1, axis=0)[:k, :]
        keep[top_in_column, np.arange(cheap.shape[1])[None, :]] = True
    else:
        keep[:] = True
    keep &= cheap > 0
    rows, columns = np.nonzero(keep)
    return rows, columns
