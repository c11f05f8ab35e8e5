"""Recognise news outlets by name: "the Times", "NYT" and "The New York Times" are one outlet.

Source chains compare who cited whom across outlets, so every alias in ``data/news_outlets.txt``
resolves to one canonical name, and a one-word alias inside a person's name is not an outlet.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

from .wordlists import word_list


@cache
def outlet_aliases() -> tuple[tuple[str, str], ...]:
    """(alias, canonical name) pairs from ``data/news_outlets.txt``, longest alias first."""
    text = (
        resources.files("outletdiff.extract").joinpath("data").joinpath("news_outlets.txt").read_text("utf-8")
    )
    pairs: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names = [name.strip() for name in line.split("|") if name.strip()]
        pairs.extend((alias, names[0]) for alias in names)
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@cache
def _outlet_pattern() -> re.Pattern[str]:
    aliases = "|".join(re.escape(alias) for alias, _ in outlet_aliases())
    return re.compile(rf"(?<![\w.])(?:{aliases})(?![\w])")


@lru_cache(maxsize=16384)
def canonical_outlet(name: str) -> str | None:
    """The canonical outlet for an alias, ignoring case and a leading "the"; None if unknown.

    Cached: source matching asks it for the same few names again and again."""
    return _canonical_by_key().get(_outlet_key(name))


@cache
def _canonical_by_key() -> dict[str, str]:
    """Alias key -> canonical name; the longest alias wins, as in ``outlet_aliases``."""
    table: dict[str, str] = {}
    for alias, canonical in outlet_aliases():
        table.setdefault(_outlet_key(alias), canonical)
    return table


def _outlet_key(name: str) -> str:
    return _LEADING_THE.sub("", name.strip()).lower()


def find_outlet(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The first known outlet named in ``text[start:end]``: (canonical, start, end).

    A one-word alias right after another capitalised word is part of a person's name
    ("Michael Bloomberg"), not the outlet.
    """
    for match in _outlet_pattern().finditer(text, start, end):
        alias = match.group(0)
        before = text[start : match.start()].split()
        if (
            " " not in alias
            and before
            and before[-1][:1].isupper()
            and before[-1].lower() not in word_list("determiners")
        ):
            continue
        return _canonical_by_key()[_outlet_key(alias)], match.start(), match.end()
    return None


# Tokens: a dotted abbreviation (U.S.), a word (with inner apostrophes, hyphens and dots, but
