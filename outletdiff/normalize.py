"""Text folding and words for matching only; the original text is never replaced.

Outlets differ in typography (curly vs straight quotes, dashes, "U.S." vs "US") that says
nothing about their reporting, so matching looks at folded copies while the original text
is what every span points into.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from importlib import resources

from . import tokens

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u00a0": " ",
    }
)  # fmt: skip

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
said says say saying told tell according per via reportedly also would could may might must
shall one""".split()
)


def fold(text: str) -> str:
    """Lower-cased, typography- and accent-neutral form of ``text`` (may differ in length).

    "José Müller" and "Jose Muller" are the same name to a reader, so matching ignores
    accents as well as curly quotes and dash styles.
    """
    translated = text.translate(_TYPOGRAPHY)
    if translated.isascii():
        # Only typography was non-ASCII: none of it decomposes, so normalising changes nothing.
        return translated.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", stripped).translate(_TYPOGRAPHY).lower()


@lru_cache(maxsize=4096)
def fold_sentence(text: str) -> str:
    """``fold`` for a sentence's text, cached: alignment folds every sentence to compare its
    characters and then each counterpart's again to tell an identical copy. Bounded to a
    few events' sentences, as a corpus run meets new ones all the time."""
    return fold(text)


def words(text: str) -> list[str]:
    """The words of ``text`` as written, in order (``fold_word`` gives their matching form);
    what a word is, ``tokens`` decides."""
    return tokens.words(text)


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """``fold`` for one word, without inner dots ("U.S." -> "us"); cached, as words repeat."""
    return fold(word).replace(".", "")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English suffix stripper: enough to meet "denied"/"denies", "talks"/"talk"."""
    word = word.replace("'", "")
    for suffix, replacement in (
        ("ational", "ate"), ("ization", "ize"), ("fulness", "ful"), ("iveness", "ive"),
        ("ously", "ous"), ("ments", "ment"), ("ingly", ""), ("edly", ""), ("ies", "y"), ("ied", "y"),
        ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", ""),
    ):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word


def concept(stemmed: str) -> str:
    """The shared representative of a stem's paraphrase group ("dismiss" -> "deny")."""
    return _paraphrase_groups().get(stemmed, stemmed)


@cache
def _paraphrase_groups() -> dict[str, str]:
    """Stem -> group head, from the shipped list of interchangeable newsroom words."""
    groups: dict[str, str] = {}
    text = resources.files("outletdiff").joinpath("data/news_paraphrases.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        members = [stem(word.strip().lower()) for word in line.split(",") if word.strip()]
        for member in members:
            groups.setdefault(member, members[0])
    return groups
