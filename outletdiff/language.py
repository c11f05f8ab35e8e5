"""Tell whether a text is English, so a comparison of foreign text is refused with a hint.

The rules, word lists and lexicons are English; on other languages the tool would report
almost nothing, and silently reporting nothing is worse than saying why.
"""

from __future__ import annotations

import re

from . import tokens
from .errors import InputError
from .model import Document

# The commonest English function words: together roughly a third of running English text.
_ENGLISH_FUNCTION_WORDS = frozenset(
    """the of and to a in that is was he for it with as his on be at by i this had not are but from
or have an they which one you were her all she there would their we him been has when who
will more no if out so said what up its about into than them can only other new some could
these two may then do first any my now such like our over also did just after most made
before should where how us most while because those both through very""".split()
)
_FIGURE = re.compile(r"[\d.,\-]+")  # "2024", "3.5": words in no language
MIN_WORDS = 12
MIN_SHARE = 0.12
# Latin letters: Basic Latin, Latin-1, Latin Extended A and B, IPA, Latin Extended Additional
# and the fullwidth forms. Chinese, Japanese, Thai... have no spaces, so counting words misses
# them (a Chinese article is one "word" per clause): letters are counted instead.
_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a]")
MIN_LATIN_SHARE = 0.5


def english_share(words: list[str]) -> float:
    """Share of ``words`` that are common English function words (0 when there are none)."""
    if not words:
        return 0.0
    return sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, map(str.lower, words))) / len(words)


def latin_share(text: str) -> float:
    """Share of the letters in ``text`` that are Latin script (1 when it has no letters)."""
    letters = sum(1 for character in text if character.isalpha())
    return len(_LATIN.findall(text)) / letters if letters else 1.0


def check_english(document: Document) -> None:
    """Raise ``InputError`` when a document is clearly not English: mostly another script
    (at any length), or Latin words of which too few are English function words."""
    body = " ".join(document.text[b.start : b.end] for b in document.blocks if b.kind != "metadata")
    if latin_share(body) < MIN_LATIN_SHARE:
        raise InputError(
            f"{document.source}: does not look like English text (it is mostly in another script)",
            "outletdiff's rules and word lists are English; pass --any-language to compare anyway",
        )
    # Words with a letter: figures ("2024", "3.5") are in no language.
    words = [word for word in tokens.words(body) if not _FIGURE.fullmatch(word)]
    if len(words) >= MIN_WORDS and english_share(words) < MIN_SHARE:
        raise InputError(
            f"{document.source}: does not look like English text",
            "outletdiff's rules and word lists are English; pass --any-language to compare anyway",
        )
