"""Similarity signals of cross-outlet sentence pairs: a cheap sparse shortlist, costly scorers after.

Outlets paraphrase, so no single string ratio works. Five signals describe a pair:
content-word TF-IDF cosine (stems, IDF over the whole input so "Putin" in every sentence
counts for little), character 4-gram cosine (morphology and spelling variants), shared
anchors (names and numbers: the specific facts), shared word pairs, and rapidfuzz's
token_set_ratio on content words. Only pairs that rank among each sentence's best on the
cheap cosines are candidates, so the work grows with the number of sentences, not with the
number of pairs. ``linkmodel`` turns the signals into the probability that a pair is a link.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, chain, count
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from .model import Sentence
from .normalize import STOPWORDS, concept, fold_sentence, fold_word, stem, words
from .tokens import WORD

# Fuzzy-scored pairs above which rapidfuzz's threads pay off: below, starting them costs more
# than they save, and a corpus run already keeps every core busy with its own processes.
_THREADED_PAIRS = 10_000
# Cells of the cheap similarity held at once while shortlisting (see ``candidate_pairs``).
_BLOCK_CELLS = 6_000_000
# The least positive float: a value at or above it is above zero.
_TINY = np.nextafter(0.0, 1.0)
# How far down the other side's ranking a sentence's own best may stand (see ``candidate_pairs``).
_WIDE_FACTOR = 8
# The similarity signals of a candidate pair, by name.
SIGNALS = ("words", "anchors", "bigrams", "chars", "fuzzy")
_NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve dozen hundred thousand million
billion""".split()
)


@dataclass(frozen=True)
class Features:
    """Sparse, L2-normalised vectors of every sentence of every document, rows in input order."""

    words: sparse.csr_matrix
    chars: sparse.csr_matrix
    anchors: sparse.csr_matrix
    bigrams: sparse.csr_matrix
    content: tuple[str, ...]
    first_row: tuple[int, ...]
    # Each sentence's folded text with spaces collapsed: equal keys are the same sentence,
    # words or not ("***", "Why?").
    keys: tuple[str, ...]
    # Content concepts of each sentence weighted by rarity (not normalised), for what two
    # sentences share in absolute terms; the same for words inside quote marks, and for
    # each clause (``clause_owner[k]`` is the sentence of clause row ``k``).
    terms: sparse.csr_matrix
    quoted: sparse.csr_matrix
    clauses: sparse.csr_matrix
    clause_owner: np.ndarray
    # Numbers written in each sentence (binary), and whether it denies or disputes.
    numbers: sparse.csr_matrix
    denial: np.ndarray

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
    parts = [_parts(text) for text in texts]
    return Features(
        words=_tfidf(word_bags, rarity),
        chars=_char_tfidf(texts),
        anchors=_tfidf([bags[text][1] for text in texts], rarity),
        bigrams=_tfidf([bags[text][2] for text in texts], lambda pair: min(map(rarity, pair.split(" ")))),
        content=tuple(" ".join(bag) for bag in word_bags),
        first_row=tuple(accumulate(map(len, sentences), initial=0))[:-1],
        keys=tuple(" ".join(fold_sentence(text).split()) or text.strip() for text in texts),
        terms=_presence([set(bag) for bag in word_bags], rarity),
        quoted=_presence([part.quoted for part in parts]),
        clauses=_presence([clause for part in parts for clause in part.clauses], rarity),
        clause_owner=np.repeat(np.arange(len(parts)), [len(part.clauses) for part in parts]),
        numbers=_presence([part.numbers for part in parts]),
        denial=np.array([part.denial for part in parts], dtype=bool),
    )


class _Parts(NamedTuple):
    """What a sentence says besides its bag of words: its clauses (content concepts, each
    clause with two or more; the whole sentence when none has), quoted concepts, numbers,
    and whether it denies."""

    clauses: tuple[frozenset[str], ...]
    quoted: frozenset[str]
    numbers: frozenset[str]
    denial: bool


# Clause boundaries inside a sentence: punctuation that sets off a clause, quote marks, and
# words that open a clause.
_CLAUSE_BREAK = re.compile(
    r"[,;:()\[\]\u2014\u2013\"\u201c\u201d]|\s-\s|\s(?:and|but|while|after|as|who|which)\s"
)
# Quoted words: in double quotes, or in single quotes that are not apostrophes (headlines
# quote with single marks: 'Testing the Waters').
_QUOTED = re.compile(
    r"[\"\u201c\u201d]([^\"\u201c\u201d]{2,}?)[\"\u201c\u201d]"
    r"|(?<!\w)['\u2018]([^'\u2018\u2019]{2,}?)['\u2019](?!\w)"
)
# Words that deny or dispute a claim. A sentence that names a claim to deny it says the
# opposite of one that relays it, though they share most words ("Kremlin denies report that
# Putin reached out" vs "Putin reached out").
_DENIAL = frozenset(
    """deny denies denied denying denial denials dismiss dismissed dismisses rejected rejects reject
refute refuted disputed disputes dispute wrong false untrue baseless unaware""".split()
)


@lru_cache(maxsize=8192)
def _parts(text: str) -> _Parts:
    """Bounded: a corpus run meets new sentences all the time.

    The sentence's words are found once, and each clause or quotation takes the words inside
    its span: no word runs across a clause break or a quote mark, so these are the words the
    piece has on its own."""
    found = [(match.start(), analyse_word(match.group())) for match in WORD.finditer(text)]
    starts = [start for start, _ in found]
    breaks = [match.span() for match in _CLAUSE_BREAK.finditer(text)]
    bounds = zip([0] + [end for _, end in breaks], [start for start, _ in breaks] + [len(text)], strict=True)
    pieces = [_concepts(found, starts, start, end) for start, end in bounds]
    clauses = tuple(piece for piece in pieces if len(piece) >= 2) or (_concepts(found, starts, 0, len(text)),)
    quoted = frozenset().union(
        *(
            _concepts(found, starts, *match.span(1 if match.group(1) else 2))
            for match in _QUOTED.finditer(text)
        )
    )
    numbers = frozenset(info.folded for _, info in found if info.digits)
    return _Parts(clauses, quoted, numbers, any(info.folded in _DENIAL for _, info in found))


def _concepts(found: list[tuple[int, WordInfo]], starts: list[int], start: int, end: int) -> frozenset[str]:
    """The content concepts of the words starting between ``start`` and ``end`` (``starts``
    are the words' offsets, in order)."""
    inside = found[bisect_left(starts, start) : bisect_left(starts, end)]
    return frozenset(info.concept for _, info in inside if info.content)


def stance_differs(first: str, second: str) -> bool:
    """Whether one sentence denies or disputes and the other does not: they may share a fact,
    but one cannot be the other rewritten."""
    return _parts(first).denial != _parts(second).denial


def _presence(
    bags: Sequence[frozenset[str] | set[str]], weight: Callable[[str], float] | None = None
) -> sparse.csr_matrix:
    """One row per bag of terms: each present term's weight (1 without ``weight``)."""
    vocabulary: dict[str, int] = {}
    columns = [vocabulary.setdefault(term, len(vocabulary)) for bag in bags for term in sorted(bag)]
    values = [weight(term) if weight else 1.0 for bag in bags for term in sorted(bag)]
    indptr = np.concatenate([[0], np.cumsum([len(bag) for bag in bags])]).astype(np.int64)
    return sparse.csr_matrix(
        (np.array(values, dtype=float), np.array(columns, dtype=np.int64), indptr),
        shape=(len(bags), max(len(vocabulary), 1)),
    )


class WordInfo(NamedTuple):
    """What the features need to know about one written word, whatever its sentence."""

    folded: str
    stem: str
    concept: str
    content: bool
    # A content word that is an anchor (name or number) as the first word of a sentence,
    # where a capital says nothing, and anywhere else.
    anchor_first: bool
    anchor_later: bool
    digits: bool


@lru_cache(maxsize=131072)
def analyse_word(written: str) -> WordInfo:
    """Cached per written form: the same words recur in every sentence and every event, and
    folding, stemming and looking up the paraphrase group each cost more than the lookup.
    Bounded, as a corpus run meets an ever-growing vocabulary."""
    folded = fold_word(written)
    stemmed = stem(folded)
    content = folded not in STOPWORDS
    number = any(ch.isdigit() for ch in written) or folded in _NUMBER_WORDS
    return WordInfo(
        folded=folded,
        stem=stemmed,
        concept=concept(stemmed),
        content=content,
        anchor_first=content and number,
        anchor_later=content and (number or written[:1].isupper()),
        digits=any(ch.isdigit() for ch in folded),
    )


def _bags(sentence_words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Content stems, anchors (names and numbers) and adjacent word pairs of one sentence."""
    analysed = list(map(analyse_word, sentence_words))
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
        word = analyse_word(form)
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
    keys = _gram_keys(codes, starts)
    # About 20 bytes per character of text, no longer needed: freed before the grams are
    # numbered, which needs as much again (a 10 MB page must stay well under a gigabyte).
    del joined, codes, starts
    columns, width = _first_appearance(keys)
    del keys
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
        del ordered
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
        return min(_word_rarity(form) for form in surfaces.get(term, {term}))

    return weight


@lru_cache(maxsize=131072)
def _word_rarity(folded: str) -> float:
    """Weight of one folded word by how uncommon it is in English (1 for the rarest, 0.25 for
    "the"); see ``_rarity``. Cached: a corpus run weighs the same words in every event."""
    return 1.0 - 0.1 * min(max(_zipf(folded) - 1.0, 0.0), 7.5)


# A word wordfreq's English tokeniser gives back unchanged, one token with no digits.
_PLAIN_WORD = re.compile(r"[a-z]+")


def _zipf(word: str) -> float:
    """``wordfreq.zipf_frequency(word, "en")``, computed directly for a plain lower-case word.

    Most words of a new text are new to the caches, and the tokeniser wordfreq runs on each
    costs several times the lookup. For a word of letters a-z it returns the word itself, so
    what is left is wordfreq's own arithmetic, done here in the same order (the same floats;
    ``tests/test_similarity_speed.py`` checks it against wordfreq)."""
    if not _PLAIN_WORD.fullmatch(word):
        from wordfreq import zipf_frequency

        return float(zipf_frequency(word, "en"))
    frequencies, minimum = _english()
    found = frequencies.get(word)
    if found is None:
        frequency = minimum
    else:
        unrounded = max(1.0 / (0.0 + 1.0 / found), minimum)
        frequency = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return float(round(math.log(frequency, 10) + 9, 2))


@cache
def _english() -> tuple[dict[str, float], float]:
    """wordfreq's English word frequencies, and the frequency of Zipf 0 (its floor)."""
    from wordfreq import get_frequency_dict, zipf_to_freq

    return get_frequency_dict("en", "best"), zipf_to_freq(0.0)


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


@dataclass(frozen=True)
class Candidates:
    """The sentence pairs of two documents worth scoring, with their similarity signals.

    ``a[k]`` and ``b[k]`` are sentence indexes of the two documents; each signal is an array
    over the candidates. Every other pair shares nothing specific and is never linked.
    """

    a: np.ndarray
    b: np.ndarray
    signals: dict[str, np.ndarray]
    shape: tuple[int, int]

    def __len__(self) -> int:
        return len(self.a)


def candidate_pairs(
    features: Features, rows_a: np.ndarray, rows_b: np.ndarray, *, shortlist: int
) -> Candidates:
    """Pairs that share a content word, anchor or word pair and rank in the top ``shortlist``
    of their row and not below ``8 * shortlist`` in their column, or the other way round
    (ties included), with every similarity signal of each.

    Scoring every pair grows with the product of the documents' lengths: two documents of
    20,000 sentences have 400 million pairs. The cheap sparse cosines are computed a block of
    rows at a time and only each row's and column's best are kept, so memory and the costly
    scorers grow with the number of sentences instead.
    """
    shape = (len(rows_a), len(rows_b))
    empty = np.zeros(0, dtype=np.int64)
    if 0 in shape:
        return Candidates(empty, empty, {name: np.zeros(0) for name in SIGNALS}, shape)
    cheap = (features.words, features.anchors, features.bigrams)
    right = [matrix[rows_b].T.tocsc() for matrix in cheap]
    block = max(1, _BLOCK_CELLS // shape[1])

    def blocks() -> Iterator[tuple[int, np.ndarray]]:
        for first in range(0, shape[0], block):
            rows = rows_a[first : first + block]
            # Summed and rounded while sparse (most pairs share nothing): the same floats as
            # summing the dense blocks, x1 + x2 + x3 in turn, as a zero adds nothing.
            total = sparse.csr_matrix(
                sum(matrix[rows] @ other for matrix, other in zip(cheap, right, strict=True))
            )
            # Rounded so that A-vs-B and B-vs-A (summed in another order) rank alike.
            np.round(total.data, 9, out=total.data)
            yield first, total.toarray()

    wide = shortlist * _WIDE_FACTOR
    row_floor, row_wide = np.zeros(shape[0]), np.zeros(shape[0])
    column_best = np.zeros((0, shape[1]))
    # One pass: every kept pair is among the ``wide`` best of its row (see below), so those
    # are held with their values, and the column limits, known only at the end, filter them.
    held_a, held_b, held_values = [], [], []
    for first, values in blocks():
        rows_here = slice(first, first + len(values))
        row_floor[rows_here], row_wide[rows_here] = _kth_largest(values, (shortlist, wide), axis=1)
        # At or above the row's limit, and above zero: pairs that share nothing never count.
        rows, columns = np.nonzero(values >= np.maximum(row_wide[rows_here], _TINY)[:, None])
        held_a.append(rows + first)
        held_b.append(columns)
        held_values.append(values[rows, columns])
        column_best = np.vstack([column_best, values])
        del values
        if len(column_best) > wide:
            column_best = np.partition(column_best, len(column_best) - wide, axis=0)[-wide:]
    column_floor, column_wide = _kth_largest(column_best, (shortlist, wide), axis=0)
    ha, hb, hv = np.concatenate(held_a), np.concatenate(held_b), np.concatenate(held_values)
    # Among the best of its row and not far down its column, or the other way round: a
    # sentence of a huge document does not make every sentence of a short one a candidate.
    keep = ((hv >= row_floor[ha]) & (hv >= column_wide[hb])) | (
        (hv >= column_floor[hb]) & (hv >= row_wide[ha])
    )
    same = np.array(_same_text_pairs(features, rows_a, rows_b), dtype=np.int64).reshape(-1, 2)
    # Each pair as one number, so that numpy sorts and removes repeats (in (a, b) order).
    found = np.unique(np.concatenate([ha[keep] * shape[1] + hb[keep], same[:, 0] * shape[1] + same[:, 1]]))
    ia, ib = np.divmod(found, shape[1])
    return Candidates(ia, ib, _signals(features, rows_a[ia], rows_b[ib]), shape)


def _same_text_pairs(features: Features, rows_a: np.ndarray, rows_b: np.ndarray) -> list[tuple[int, int]]:
    """Sentences written the same on both sides, k-th copy with k-th copy: a sentence with no
    word to share ("***", "Why?") is still the same sentence, and must match itself."""
    where_b: dict[str, list[int]] = {}
    for j, row in enumerate(rows_b.tolist()):
        where_b.setdefault(features.keys[row], []).append(j)
    seen: dict[str, int] = {}
    pairs = []
    for i, row in enumerate(rows_a.tolist()):
        key = features.keys[row]
        copies = where_b.get(key, ())
        nth = seen.get(key, 0)
        if key and nth < len(copies):
            pairs.append((i, copies[nth]))
        seen[key] = nth + 1
    return pairs


def _kth_largest(values: np.ndarray, ranks: tuple[int, ...], *, axis: int) -> tuple[np.ndarray, ...]:
    """The ``k``-th largest value along ``axis`` for each ``k`` of ``ranks`` (the smallest
    when there are fewer), with one partial sort for all of them."""
    size = values.shape[axis]
    if not size:
        return tuple(np.zeros(values.shape[1 - axis]) for _ in ranks)
    places = [max(size - k, 0) for k in ranks]
    ordered = np.partition(values, sorted(set(places)), axis=axis)
    return tuple(ordered.take(place, axis=axis) for place in places)


def _signals(features: Features, rows_a: np.ndarray, rows_b: np.ndarray) -> dict[str, np.ndarray]:
    """Every signal of the given sentence pairs (rows of the feature matrices)."""
    signals = {
        name: _pair_cosines(getattr(features, name), rows_a, rows_b)
        for name in ("words", "anchors", "bigrams", "chars")
    }
    signals["fuzzy"] = (
        process.cpdist(
            [features.content[r] for r in rows_a.tolist()],
            [features.content[r] for r in rows_b.tolist()],
            scorer=fuzz.token_set_ratio,
            workers=-1 if len(rows_a) > _THREADED_PAIRS else 1,
        )
        / 100.0
        if len(rows_a)
        else np.zeros(0)
    )
    return signals


def _pair_cosines(matrix: sparse.csr_matrix, rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
    """Cosine of row ``rows_a[k]`` with row ``rows_b[k]`` for every ``k`` (rows are unit length)."""
    if not len(rows_a):
        return np.zeros(0)
    products = np.asarray(matrix[rows_a].multiply(matrix[rows_b]).sum(axis=1)).ravel()
    return np.round(products, 9)


def pair_similarity(features: Features, rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
    """A plain similarity of given pairs (mean of word and character cosines), for pairs that
    are not candidates, such as a candidate's neighbours."""
    return (_pair_cosines(features.words, rows_a, rows_b) + _pair_cosines(features.chars, rows_a, rows_b)) / 2


def document_similarity(features: Features, rows_a: np.ndarray, rows_b: np.ndarray) -> tuple[float, float]:
    """Cosine of two documents' summed word vectors and of their summed anchor vectors.

    Two articles about one event share names, numbers and rare words across the whole text,
    even where no single sentence pair does; two articles about two different events of one
    kind (two apologies, two indictments) share the kind's words but few of the anchors.
    """
    return _document_cosine(features.words, rows_a, rows_b), _document_cosine(
        features.anchors, rows_a, rows_b
    )


def event_similarity(document: tuple[float, float]) -> float:
    """How much two documents share as a whole, 0..1: the mean of their ``document_similarity``.
    On the alignment gold, articles about one event score 0.21 to 0.84, articles about two
    different events of one kind 0.03 to 0.38."""
    return round(sum(document) / 2, 9)


def _document_cosine(matrix: sparse.csr_matrix, rows_a: np.ndarray, rows_b: np.ndarray) -> float:
    if not len(rows_a) or not len(rows_b):
        return 0.0
    # A document's rows are contiguous: a slice is much cheaper than picking rows.
    first = np.asarray(matrix[rows_a[0] : rows_a[-1] + 1].sum(axis=0)).ravel()
    second = np.asarray(matrix[rows_b[0] : rows_b[-1] + 1].sum(axis=0)).ravel()
    norms = float(np.linalg.norm(first) * np.linalg.norm(second))
    return round(float(first @ second) / norms, 9) if norms else 0.0
