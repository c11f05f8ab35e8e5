"""Read framing lexicons in the formats researchers already keep, and match their terms in text.

A lexicon is a set of terms (single words, multi-word phrases, or ``prefix*`` wildcards), each
with a category and a note. Readers accept the project CSV, plain word lists, MPQA subjectivity
clues (``.tff``) and LIWC-style ``.dic`` dictionaries, so a researcher can bring the list they
already trust. Matching is case-insensitive, whole-word, and tolerant of inflection (the
simplemma lemma plus a small suffix table), so "slammed", "slams" and "slamming" all hit "slam";
an entry written in an inflected form ("claimed") matches only that form.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import simplemma

from outletdiff.errors import LexiconError
from outletdiff.tokens import WORD

__all__ = [
    "ATTRIBUTION",
    "FORMATS_HINT",
    "Lexicon",
    "Match",
    "Term",
    "lemma",
    "load_lexicon",
    "merge_lexicons",
    "shipped_lexicon",
    "word_keys",
]

SHIPPED_PATH = Path(__file__).parent / "data" / "framing_lexicon.csv"

FORMATS_HINT = (
    "use a CSV with header 'term,category,note', a .txt word list (one term per line), "
    "MPQA subjectivity clues (.tff) or a LIWC-style dictionary (.dic)"
)

_END = "\x00"  # trie key marking the end of a term

# A word, as ``tokens`` defines it for every module ("so-called", "don't", "U.S").
_WORD = WORD


# Entries of this category claim neutral phrases so the loaded word inside is not reported.
NOT_FRAMING = "not_framing"

# Entries of this category are verbs of saying and hedges ("vowed", "insisted", "reportedly"):
# they tell how the outlet attributes a claim, are reported under this category of their own,
# and are left out of the loaded-word rate (a news report says "said" in every paragraph).
ATTRIBUTION = "attribution"


@dataclass(frozen=True)
class Term:
    """One lexicon entry; ``text`` is lower-cased, may hold spaces, and ends in ``*`` for a prefix."""

    text: str
    category: str
    note: str = ""

    @property
    def is_prefix(self) -> bool:
        """A LIWC-style wildcard entry: matches every word that starts with the stem."""
        return self.text.endswith("*")


@dataclass(frozen=True)
class Match:
    """A lexicon term found in a text, with character offsets into that text."""

    start: int
    end: int
    term: Term


@dataclass(frozen=True)
class Lexicon:
    """An immutable lexicon: terms in priority order (the first entry of a term wins on lookup)."""

    terms: tuple[Term, ...]
    source: str = ""
    rules: bool = False  # also apply the built-in framing patterns (see extract/framing.py)
    _trie: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _prefixes: dict[str, Term] = field(default_factory=dict, init=False, repr=False, compare=False)
    _openers: _OpenerMemo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Index once, in a word trie: every term under each inflection-free form of its words.
        for term in self.terms:
            if term.is_prefix:
                self._prefixes.setdefault(term.text[:-1], term)
                continue
            tokens = [m.group(0).lower() for m in _WORD.finditer(term.text)]
            for key in _phrase_keys(tokens):
                node = self._trie
                for word in key:
                    node = node.setdefault(word, {})
                node.setdefault(_END, term)
        object.__setattr__(self, "_openers", _OpenerMemo(self))

    def __len__(self) -> int:
        return len(self.terms)

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories in order of first appearance."""
        return tuple(dict.fromkeys(term.category for term in self.terms))

    @property
    def reported_categories(self) -> tuple[str, ...]:
        """The categories that can produce framing hits (``not_framing`` only masks phrases)."""
        return tuple(category for category in self.categories if category != NOT_FRAMING)

    @property
    def loaded_categories(self) -> tuple[str, ...]:
        """The reported categories that count as loaded words (all but ``attribution``)."""
        return tuple(category for category in self.reported_categories if category != ATTRIBUTION)

    def merge(self, other: Lexicon) -> Lexicon:
        """This lexicon extended by ``other``; where both have a term, this one's entry wins."""
        return merge_lexicons(self, other)

    def only(self, *categories: str) -> Lexicon:
        """The sub-lexicon of the given categories (e.g. only MPQA strong-subjective clues)."""
        kept = tuple(term for term in self.terms if term.category in categories)
        return Lexicon(kept, source=self.source, rules=self.rules)

    def find(self, text: str) -> Iterator[Match]:
        """Every non-overlapping term in ``text``, longest match first, left to right."""
        texts = _WORD.findall(text)
        openers = self._openers
        # Most words start no term: one memo lookup each spares them the trie, and a sentence
        # without a term never pays for the word offsets.
        candidates = [i for i, word in enumerate(texts) if openers[word]]
        if not candidates:
            return
        spans: list[tuple[int, int]] | None = None
        resume = 0  # the word after the last match
        for i in candidates:
            if i < resume:
                continue
            match = self._match_at(texts, i)
            if match is None:
                continue
            if spans is None:
                spans = [m.span() for m in _WORD.finditer(text)]
            length, term = match
            yield Match(spans[i][0], spans[i + length - 1][1], term)
            resume = i + length

    def _match_at(self, texts: list[str], i: int) -> tuple[int, Term] | None:
        best = self._walk(self._trie, texts, i, 0)
        return best if best is not None else self._prefix_match(texts[i])

    def _walk(self, node: dict, texts: list[str], i: int, depth: int) -> tuple[int, Term] | None:
        """Longest term starting at token ``i`` reachable from ``node`` (``depth`` words in)."""
        best: tuple[int, Term] | None = (depth, node[_END]) if _END in node and depth else None
        if i + depth >= len(texts):
            return best
        for key in word_keys(texts[i + depth]):
            child = node.get(key)
            if child is not None:
                found = self._walk(child, texts, i, depth + 1)
                if found is not None and (best is None or found[0] > best[0]):
                    best = found
        return best

    def _prefix_match(self, word: str) -> tuple[int, Term] | None:
        if not self._prefixes:
            return None
        lowered = word.lower()
        for cut in range(len(lowered), 0, -1):
            term = self._prefixes.get(lowered[:cut])
            if term is not None:
                return 1, term
        return None


class _OpenerMemo(dict[str, bool]):
    """Whether a word (as written) can open a term of one lexicon: one of its keys starts a
    phrase in the trie, or it begins with a ``prefix*`` stem.

    ``Lexicon.find`` asks this for every word of every sentence, and most words are common ones
    asked again and again, so answers are kept; bounded (emptied when full): a corpus run meets
    millions of distinct words, and memory must not grow with it.
    """

    _LIMIT = 65536

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__()
        self._lexicon = lexicon

    def __missing__(self, word: str) -> bool:
        lexicon = self._lexicon
        opens = not lexicon._trie.keys().isdisjoint(word_keys(word)) or (
            lexicon._prefix_match(word) is not None
        )
        if len(self) >= self._LIMIT:
            self.clear()
        self[word] = opens
        return opens


@lru_cache(maxsize=65536)
def word_keys(word: str) -> tuple[str, ...]:
    """Inflection-free forms of one word: itself lower-cased, its lemma, and suffix-stripped stems."""
    lowered = word.lower().replace("’", "'")
    if lowered.endswith("'s"):
        lowered = lowered[:-2]
    keys = [lowered, lemma(lowered)]
    keys.extend(_suffix_stems(lowered))
    return tuple(dict.fromkeys(key for key in keys if key))


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The simplemma lemma of a lower-case English word (hyphenated words stay whole).

    Cached, bounded: a corpus run meets millions of distinct words, and memory must not grow with it.
    """
    if "-" in word or "'" in word:
        return word
    try:
        return simplemma.lemmatize(word, lang="en").lower()
    except ValueError:  # simplemma rejects some odd inputs; the word itself is still a key
        return word


# Regular English inflections simplemma may miss for rare words ("excoriated", "gaslighting"),
# and the regular derivations that keep a word's evaluative load: the manner adverb ("harsh" ->
# "harshly", "angry" -> "angrily", "dramatic" -> "dramatically") and the comparative and
# superlative ("bold" -> "bolder", "boldest"). An entry in base form thus covers its family.
_SUFFIXES = (
    ("ically", "ic"),
    ("ably", "able"),
    ("ibly", "ible"),
    ("ily", "y"),
    ("ly", ""),
    ("iest", "y"),
    ("ier", "y"),
    ("est", ""),
    ("er", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("es", ""),
    ("s", ""),
)


def _suffix_stems(word: str) -> Iterator[str]:
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + replacement
            yield stem
            if len(stem) > 3 and stem[-1] == stem[-2] and suffix in ("ing", "ed", "er", "est"):
                yield stem[:-1]  # doubled consonant: "slammed" -> "slam", "bigger" -> "big"


def _phrase_keys(tokens: list[str]) -> Iterator[tuple[str, ...]]:
    # A lexicon entry is indexed under its words exactly as written; text words are looked up
    # under all their inflection-free keys. So an entry in base form ("claim") matches every
    # inflection, while an inflected entry ("claimed") matches only itself: that is how a list
    # keeps the loaded verb without the everyday noun ("insurance claims").
    yield tuple(tokens)


def merge_lexicons(*lexicons: Lexicon) -> Lexicon:
    """One lexicon holding every term; for a term in several, the earlier lexicon's entry wins."""
    seen: set[str] = set()
    merged: list[Term] = []
    for lexicon in lexicons:
        for term in lexicon.terms:
            if term.text not in seen:
                seen.add(term.text)
                merged.append(term)
    return Lexicon(
        tuple(merged),
        source="+".join(lexicon.source for lexicon in lexicons if lexicon.source),
        rules=any(lexicon.rules for lexicon in lexicons),
    )


@cache
def shipped_lexicon() -> Lexicon:
    """The project's own framing lexicon (``extract/data/framing_lexicon.csv``), read once.

    It alone switches on the built-in patterns (scare quotes, stacked intensifiers): a
    published list run with ``--replace-lexicon`` is measured as it stands.
    """
    lexicon = load_lexicon(SHIPPED_PATH)
    return Lexicon(lexicon.terms, source=lexicon.source, rules=True)


def load_lexicon(path: str | Path) -> Lexicon:
    """Read a lexicon, choosing the reader by extension, else by sniffing the content.

    Raises :class:`LexiconError` naming the file (and line) for a missing file, a bad row, an
    empty lexicon, or a format that none of the readers understands.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LexiconError(f"lexicon {path} does not exist", FORMATS_HINT) from None
    except UnicodeDecodeError:
        raise LexiconError(f"lexicon {path} is not UTF-8 text", FORMATS_HINT) from None
    except OSError as error:
        raise LexiconError(f"cannot read lexicon {path}: {error.strerror}", FORMATS_HINT) from None
    reader = _reader_for(path, text)
    terms = tuple(reader(path, text))
    if not terms:
        raise LexiconError(f"lexicon {path} holds no terms", FORMATS_HINT)
    return Lexicon(terms, source=path.name)


def _reader_for(path: Path, text: str):  # type: ignore[no-untyped-def]
    suffix = path.suffix.lower()
    by_suffix = {".csv": _read_csv, ".txt": _read_word_list, ".tff": _read_tff, ".dic": _read_dic}
    if suffix in by_suffix:
        return by_suffix[suffix]
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.startswith("%"):
        return _read_dic
    if "word1=" in first:
        return _read_tff
    if first.lower().replace(" ", "").startswith("term,category"):
        return _read_csv
    raise LexiconError(f"unknown lexicon format for {path}", FORMATS_HINT)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Non-blank, non-comment lines with their 1-based numbers."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield number, stripped


def _clean_term(raw: str) -> str:
    return " ".join(raw.lower().replace("’", "'").split())


def _read_csv(path: Path, text: str) -> Iterator[Term]:
    rows = csv.reader(text.splitlines())
    header = next(rows, None)
    if header is None or [cell.strip().lower() for cell in header[:2]] != ["term", "category"]:
        raise LexiconError(f"{path}:1: the CSV header must be 'term,category,note'", FORMATS_HINT)
    for number, row in enumerate(rows, start=2):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if len(row) not in (2, 3) or not row[0].strip() or not row[1].strip():
            raise LexiconError(
                f"{path}:{number}: bad row {','.join(row)!r}",
                "each row needs a term, a category and an optional note",
            )
        term = _clean_term(row[0])
        if not _WORD.search(term):
            raise LexiconError(f"{path}:{number}: the term {row[0]!r} has no word in it")
        yield Term(term, row[1].strip(), row[2].strip() if len(row) == 3 else "")


def _read_word_list(path: Path, text: str) -> Iterator[Term]:
    category = path.stem
    for number, line in _lines(text):
        term = _clean_term(line)
        if not _WORD.search(term) or "," in term or "\t" in line:
            raise LexiconError(
                f"{path}:{number}: bad line {line!r}", "a word list holds one term per line and nothing else"
            )
        yield Term(term, category)


def _read_tff(path: Path, text: str) -> Iterator[Term]:
    for number, line in _lines(text):
        fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
        word = fields.get("word1", "")
        strength = fields.get("type", "")
        if not word or not strength:
            raise LexiconError(
                f"{path}:{number}: bad clue {line!r}", "MPQA clues need 'type=' and 'word1=' fields"
            )
        polarity = fields.get("priorpolarity", "neutral")
        note = f"pos={fields.get('pos1', '')}; stemmed={fields.get('stemmed1', '')}"
        yield Term(_clean_term(word), f"mpqa_{strength}_{polarity}", note)


def _read_dic(path: Path, text: str) -> Iterator[Term]:
    lines = list(_dic_lines(text))
    if not lines or lines[0][1] != "%":
        raise LexiconError(f"{path}:1: a .dic file starts with a '%' line", FORMATS_HINT)
    closing = next((i for i, (_, line) in enumerate(lines[1:], start=1) if line == "%"), None)
    if closing is None:
        raise LexiconError(f"{path}: the '%' category block is never closed", FORMATS_HINT)
    categories = dict(_dic_categories(path, lines[1:closing]))
    for number, line in lines[closing + 1 :]:
        parts = line.split()
        codes = parts[1:]
        if len(parts) < 2 or any(code not in categories for code in codes):
            raise LexiconError(
                f"{path}:{number}: bad entry {line!r}",
                "each entry is a word followed by category numbers declared in the '%' block",
            )
        for code in codes:
            yield Term(_clean_term(parts[0]), categories[code])


def _dic_lines(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield number, line.strip()


def _dic_categories(path: Path, block: Iterable[tuple[int, str]]) -> Iterator[tuple[str, str]]:
    for number, line in block:
        parts = line.split(None, 1)
        if len(parts) != 2:
            raise LexiconError(f"{path}:{number}: bad category line {line!r}", "write '<number> <name>'")
        yield parts[0], parts[1].strip()
