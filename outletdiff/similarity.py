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

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from .model import Sentence
from .normalize import concept, fold, tokens

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
    word_bags: list[list[str]] = []
    surfaces: dict[str, set[str]] = {}
    char_bags: list[list[str]] = []
    anchor_bags: list[list[str]] = []
    bigram_bags: list[list[str]] = []
    content: list[str] = []
    first_row = []
    for doc_sentences in sentences:
        first_row.append(len(word_bags))
        for sentence in doc_sentences:
            words, anchors, bigrams = _bags(sentence.text, surfaces)
            bigram_bags.append(bigrams)
            word_bags.append(words)
            anchor_bags.append(anchors)
            content.append(" ".join(words))
            char_bags.append(_char_grams(sentence.text))
    rarity = _rarity(surfaces)
    return Features(
        words=_tfidf(word_bags, rarity),
        chars=_tfidf(char_bags),
        anchors=_tfidf(anchor_bags, rarity),
        bigrams=_tfidf(bigram_bags, lambda pair: min(rarity(word) for word in pair.split(" "))),
        content=tuple(content),
        first_row=tuple(first_row),
    )


def _bags(text: str, surfaces: dict[str, set[str]]) -> tuple[list[str], list[str], list[str]]:
    """Content stems, anchors (names and numbers) and adjacent word pairs of one sentence.

    ``surfaces`` collects the written forms of every stem, for looking up how common it is.
    """
    words, anchors = [], []
    sentence_tokens = tokens(text)
    for token in sentence_tokens:
        surfaces.setdefault(concept(token.stem), set()).add(token.folded)
        surfaces.setdefault(token.stem, set()).add(token.folded)
    for position, token in enumerate(sentence_tokens):
        if not token.is_content:
            continue
        words.append(concept(token.stem))
        original = text[token.start : token.end]
        is_name = original[:1].isupper() and position > 0
        if is_name or any(ch.isdigit() for ch in original) or token.folded in _NUMBER_WORDS:
            anchors.append(token.stem)
    stems = [concept(token.stem) for token in sentence_tokens]
    bigrams = [f"{first} {second}" for first, second in zip(stems, stems[1:], strict=False)]
    return words, anchors, bigrams


def _char_grams(text: str, size: int = 4) -> list[str]:
    folded = " " + re.sub(r"[^\w]+", " ", fold(text)).strip() + " "
    return [folded[i : i + size] for i in range(len(folded) - size + 1)]


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
    vocabulary: dict[str, int] = {}
    rows = [row for row, bag in enumerate(bags) for _ in bag]
    cols = [vocabulary.setdefault(term, len(vocabulary)) for bag in bags for term in bag]
    # Repeated (row, column) entries are summed into term counts.
    matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(bags), max(len(vocabulary), 1)))
    matrix.sum_duplicates()
    document_frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log((1 + len(bags)) / (1 + document_frequency)) + 1.0
    if weight is not None:
        terms = sorted(vocabulary, key=vocabulary.__getitem__)
        idf = idf * np.array([weight(term) for term in terms] or [1.0])
    matrix.data = (1.0 + np.log(matrix.data)) * idf[matrix.indices]
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


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
    words = _cosine(features.words, rows_a, rows_b)
    anchors = _cosine(features.anchors, rows_a, rows_b)
    bigrams = _cosine(features.bigrams, rows_a, rows_b)
    chars = np.zeros(shape)
    fuzzy = np.zeros(shape)
    if 0 not in shape:
        ia, ib = _shortlist(words + anchors + bigrams, shortlist)
        chars[ia, ib] = np.asarray(
            features.chars[rows_a[ia]].multiply(features.chars[rows_b[ib]]).sum(axis=1)
        ).ravel()
        fuzzy[ia, ib] = (
            process.cpdist(
                [features.content[r] for r in rows_a[ia]],
                [features.content[r] for r in rows_b[ib]],
                scorer=fuzz.token_set_ratio,
                workers=-1,
            )
            / 100.0
        )
    return {"words": words, "chars": chars, "anchors": anchors, "bigrams": bigrams, "fuzzy": fuzzy}


def combine(signals: dict[str, np.ndarray], weights: Weights) -> np.ndarray:
    """The weighted score: base similarity, ranked against each side's best, plus neighbours."""
    base = sum(getattr(weights, name) * matrix for name, matrix in signals.items())
    assert isinstance(base, np.ndarray)
    if base.size == 0:
        return base
    best_row = np.maximum(base.max(axis=1, keepdims=True), 1e-9)
    best_column = np.maximum(base.max(axis=0, keepdims=True), 1e-9)
    rank = np.maximum(base / best_row, base / best_column)
    padded = np.pad(base, 1)
    neighbours = np.maximum(padded[:-2, :-2], padded[2:, 2:])
    score = base * ((1 - weights.gate) + weights.gate * rank) + weights.neighbours * neighbours
    # Rounded so that A-vs-B and B-vs-A (summed in another order) give the very same numbers.
    return np.round(np.where(base > 0, score, 0.0), 9)


def _cosine(matrix: sparse.csr_matrix, rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
    return np.asarray((matrix[rows_a] @ matrix[rows_b].T).toarray())


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
