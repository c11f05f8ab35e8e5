"""Compare two outlets' quotes: shared, altered wording, given to another speaker, or only on one side.

Quotes are matched on normalised text with rapidfuzz's ``partial_ratio``, so a quote one
outlet trimmed ("a wrong report") still finds the longer version ("No, this is a wrong
report") and is reported as altered with both wordings, which is what a reader compares.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from ..model import Alignment, Change, Document, Quote, Verdict, verdict_at
from ..normalize import fold

_SAME = 92.0  # ratio at or above which two quotes have the same wording
_CONTAINED = 88.0  # partial_ratio at or above which one quote holds the other's words
_MIN_FUZZY_CHARS = 12  # shorter quotes must match whole words, not fuzzily


def quote_verdicts(
    alignment: Alignment, documents: Sequence[Document], quotes: Sequence[Quote]
) -> list[Verdict]:
    """Findings for both directions of ``alignment``: ``a`` against ``b`` and ``b`` against ``a``.

    ``documents`` is accepted for symmetry with the other verdicts; quote text is carried
    by the quotes themselves.
    """
    del documents
    side_a = [q for q in quotes if q.doc == alignment.a]
    side_b = [q for q in quotes if q.doc == alignment.b]
    return _one_way(side_a, side_b, alignment.a, alignment.b) + _one_way(
        side_b, side_a, alignment.b, alignment.a
    )


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """Folded (case, accents, typography), punctuation dropped, whitespace collapsed. Cached:
    speakers' names are compared again and again."""
    return " ".join(re.sub(r"[^\w\s']", " ", fold(text)).split())


def match_key(text: str) -> str:
    """What two quotes are matched on: the normalised words, or, for a quote with no word
    characters at all ("?", "***", an emoji), its folded characters; such a quote must still
    match itself, not vanish into an empty key that matches nothing."""
    return normalise(text) or " ".join(fold(text).split())


def same_speaker(first: str | None, second: str | None) -> bool:
    """Unknown speakers agree with anyone; otherwise names match case-insensitively or by surname."""
    if not first or not second:
        return True
    return same_person_name(normalise(first), normalise(second))


def same_person_name(first: str, second: str) -> bool:
    """Normalised names of one person: equal, or a bare surname matching the other's surname.

    "Peskov" is "Dmitry Peskov", but "Joe Biden" is not "Hunter Biden".
    """
    if first == second:
        return True
    if " " in first and " " in second:
        return False
    return first.split()[-1] == second.split()[-1]


def _one_way(mine: list[Quote], theirs: list[Quote], outlet: int, other: int) -> list[Verdict]:
    findings = []
    matches = _best_matches(mine, theirs)
    for quote, (match, change) in zip(mine, matches, strict=True):
        if match is None:
            findings.append(_finding(quote, outlet, other, "added", quote.kind))
            findings.append(_finding(quote, other, outlet, "dropped", quote.kind))
            continue
        category: str = quote.kind
        if not same_speaker(quote.speaker, match.speaker):
            change, category = "altered", "speaker"
        findings.append(_finding(quote, outlet, other, change, category, match))
    return findings


def _best_matches(mine: list[Quote], theirs: list[Quote]) -> list[tuple[Quote | None, Change]]:
    """For each of ``mine``: the other outlet's closest quote and whether it is the same or altered.

    A long article pair has hundreds of quotes on each side (a 20,000-sentence pair has
    thousands), so every score is computed only for the pairs sharing at least half the
    shorter quote's words: no pair below that can reach either threshold, and nothing here
    grows with the product of the two sides. The fuzzy scorers run vectorised (``cpdist``) on
    one thread: starting a thread pool costs about a millisecond, more than scoring a whole
    event's quotes, and a corpus run already keeps every core busy with its own process.
    """
    mine_text = [match_key(q.text) for q in mine]
    theirs_text = [match_key(q.text) for q in theirs]
    if not mine or not theirs:
        return [(None, "added")] * len(mine)
    # A quote repeated (a wire story, a refrain) is scored once per distinct wording.
    where_mine = _positions(mine_text)
    where_theirs = _positions(theirs_text)
    first_keys, second_keys = list(where_mine), list(where_theirs)
    rows, columns = _sharing_words(first_keys, second_keys)
    first = [first_keys[i] for i in rows]
    second = [second_keys[j] for j in columns]
    ratio = process.cpdist(first, second, scorer=fuzz.ratio) if len(rows) else np.zeros(0)
    contained = process.cpdist(first, second, scorer=fuzz.partial_ratio) if len(rows) else np.zeros(0)
    short = np.array(
        [min(len(x), len(y)) < _MIN_FUZZY_CHARS for x, y in zip(first, second, strict=True)], dtype=bool
    )
    inside = np.where(short, 0.0, contained)
    for k in np.nonzero(short & (ratio < _SAME))[0].tolist():
        inside[k] = _words_inside(first[k], second[k])
    nonempty = np.array([bool(x) and bool(y) for x, y in zip(first, second, strict=True)], dtype=bool)
    candidate = ((ratio >= _SAME) | (inside >= _CONTAINED)) & nonempty
    # Best = highest max(ratio, containment), then highest ratio; scores are at most 100.
    # Ties (a quote an article repeats) go to the copy with an agreeing speaker, then to the
    # copy at the nearest relative position, so a text compared with itself pairs each quote
    # with its own copy. Both terms stay under 0.01, below any real difference in the scores.
    best: dict[int, tuple[float, int, float]] = {}  # quote of mine -> (preference, theirs, ratio)
    for k in np.nonzero(candidate)[0].tolist():
        score = max(ratio[k], inside[k]) * 1000 + ratio[k]
        for i in where_mine[first[k]]:
            for j in where_theirs[second[k]]:
                agree = same_speaker(mine[i].speaker, theirs[j].speaker)
                place = abs(i / max(len(mine) - 1, 1) - j / max(len(theirs) - 1, 1))
                preference = score + 0.005 * agree - 0.001 * place
                if i not in best or preference > best[i][0]:
                    best[i] = (preference, j, ratio[k])
    results: list[tuple[Quote | None, Change]] = []
    for i in range(len(mine)):
        chosen = best.get(i)
        if chosen is None:
            results.append((None, "added"))
        else:
            results.append((theirs[chosen[1]], "shared" if chosen[2] >= _SAME else "altered"))
    return results


def _positions(keys: list[str]) -> dict[str, list[int]]:
    """Each distinct key with the positions where it stands, in first-appearance order."""
    positions: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        positions.setdefault(key, []).append(index)
    return positions


def _sharing_words(first: list[str], second: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs whose distinct words overlap by at least half of the smaller set.

    A pair that shares half the smaller quote's words shares one of that quote's rarest
    ``len - ceil(len / 2) + 1`` words (its "prefix", rarest first by how many quotes hold
    each word): only quotes holding a prefix word are looked at, so common words ("the",
    "said") never make every pair a candidate, and the work stays near linear.
    """
    first_sets = [set(text.split()) for text in first]
    second_sets = [set(text.split()) for text in second]
    frequency = Counter(word for words in (*first_sets, *second_sets) for word in words)
    holders_first = _holders(first_sets)
    holders_second = _holders(second_sets)
    pairs: set[tuple[int, int]] = set()
    for row, words in enumerate(first_sets):
        for word in _prefix(words, frequency):
            pairs.update((row, column) for column in holders_second.get(word, ()))
    for column, words in enumerate(second_sets):
        for word in _prefix(words, frequency):
            pairs.update((row, column) for row in holders_first.get(word, ()))
    kept = sorted(
        (row, column)
        for row, column in pairs
        if len(first_sets[row] & second_sets[column])
        >= max(0.5 * min(len(first_sets[row]), len(second_sets[column])), 1)
    )
    rows = np.array([row for row, _ in kept], dtype=np.intp)
    columns = np.array([column for _, column in kept], dtype=np.intp)
    return rows, columns


def _holders(sets: list[set[str]]) -> dict[str, list[int]]:
    holders: dict[str, list[int]] = {}
    for index, words in enumerate(sets):
        for word in words:
            holders.setdefault(word, []).append(index)
    return holders


def _prefix(words: set[str], frequency: Counter[str]) -> list[str]:
    """The rarest words of a set that any set sharing half of it must meet."""
    needed = len(words) - math.ceil(len(words) / 2) + 1
    return sorted(words, key=lambda word: (frequency[word], word))[:needed]


def _words_inside(first: str, second: str) -> float:
    """100 when the shorter (several words) stands whole-word inside the longer, else 0."""
    shorter, longer = sorted((first, second), key=len)
    return 100.0 if " " in shorter and re.search(rf"(?<!\w){re.escape(shorter)}(?!\w)", longer) else 0.0


def _finding(
    quote: Quote, outlet: int, other: int, change: Change, category: str, match: Quote | None = None
) -> Verdict:
    return verdict_at(
        quote,
        outlet=outlet,
        other=other,
        kind="quote",
        change=change,
        category=category,
        counterpart=match,
        voice="quoted",
        speaker=quote.speaker,
        speaker_doc=quote.speaker_doc,
    )
