"""Who holds which role: a role -> name table per article, merged over an event's articles.

"The president said" names no one, but the article (or another outlet's article on the same
event) says who the president is: "President Barack Obama", "Obama, the president,", "White
House spokesman Josh Earnest". Each article's table is read from such titles and appositions
(``resolver.py`` learns them with the names); :class:`RoleBook` merges the tables of every
document compared, so a description one outlet leaves unnamed resolves to the person another
outlet names in that role — the comparison's own advantage over reading one article.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .wordlists import word_list

# ", the White House press secretary," after a name: the head is the last role word before a
# preposition ("the communications director for Rep. Fincher" is a director).
_AFTER = re.compile(
    r"\s*(?:\([^()]{1,25}\)\s*)?,\s+((?:the|a|an|his|her|its)\s+[^,.;:()\"“”]{1,70}?)(?=\s*[,.;)]|\s+said\b)"
)
# "the company's spokeswoman, Jane Doe": a role phrase set off by a comma before the name.
_BEFORE = re.compile(
    r"(?:^|(?<=[.!?,;:(\"“”])|\bsaid)\s*((?i:the|a|an|his|her|its)\s+[^,.;:()\"“”]{1,60}?),\s*$"
)
_CUT_AT = frozenset(["of", "for", "at", "in", "to", "from", "with", "on", "who", "which", "and"])
_NOT_HELD = frozenset(["former", "late", "ex", "then", "onetime", "previous", "future", "would-be"])


@cache
def _groups() -> dict[str, str]:
    """Each role word's canonical word, from ``data/role_groups.txt``."""
    text = (
        resources.files("outletdiff.extract").joinpath("data").joinpath("role_groups.txt").read_text("utf-8")
    )
    canonical: dict[str, str] = {}
    for line in text.splitlines():
        words = line.lower().split()
        if words and not line.startswith("#"):
            canonical.update((word, words[0]) for word in words)
    return canonical


def canonical_role(word: str) -> str:
    """The role a word names: "congressman" and "Rep." are one seat, "spokeswoman" a spokesperson."""
    word = word.lower().rstrip(".")
    return _groups().get(word, word)


def held_role(words: Sequence[str]) -> str | None:
    """The role a phrase gives its holder now, or None: the head role word before any
    preposition, unless a word like "former" says the role is no longer held."""
    kept: list[str] = []
    for word in (w.lower().strip("'’") for w in words):
        if word in _CUT_AT:
            break
        kept.append(word)
    if any(word in _NOT_HELD or word.startswith("ex-") for word in kept):
        return None
    roles = [word for word in kept if word.rstrip(".") in word_list("roles")]
    return canonical_role(roles[-1]) if roles else None


def apposed_roles(text: str, at: int, end: int) -> list[str]:
    """Roles written beside the name at ``text[at:end]`` as an apposition: "Obama, the president,"
    or "the company's spokeswoman, Jane Doe"."""
    found = []
    after = _AFTER.match(text, end, min(len(text), end + 110))
    if after:
        found.append(held_role(after.group(1).split()[1:]))
    before = _BEFORE.search(text, max(0, at - 80), at)
    if before:
        found.append(held_role(before.group(1).split()[1:]))
    return [role for role in found if role]


@dataclass(frozen=True)
class RoleBook:
    """Role -> (name, document) over every document compared, for roles all documents agree on.

    A role two documents give to different people ("the spokesman" of two bodies) is left out:
    borrowing a name is worth it only when the coverage is unanimous.
    """

    holders: Mapping[str, tuple[str, int]] = field(default_factory=dict)

    @classmethod
    def merge(cls, tables: Sequence[Mapping[str, str]]) -> RoleBook:
        """Merge per-document tables (role -> full name), ``tables[doc]`` for document ``doc``."""
        holders: dict[str, tuple[str, int]] = {}
        disputed: set[str] = set()
        for doc, table in enumerate(tables):
            for role, name in table.items():
                known = holders.get(role)
                if known is None:
                    holders[role] = (name, doc)
                elif not _same_person(known[0], name):
                    disputed.add(role)
                elif _fuller(name, known[0]):
                    holders[role] = (name, doc)  # "Barack Obama" over "Obama"
        return cls({role: holder for role, holder in holders.items() if role not in disputed})

    def holder(self, role: str, *, doc: int) -> tuple[str, int] | None:
        """The person another document names in ``role`` and that document, or None."""
        found = self.holders.get(canonical_role(role))
        return found if found is not None and found[1] != doc else None


def _same_person(first: str, second: str) -> bool:
    """ "Obama" and "Barack Obama", "Rick Perry" and "Rick Perry of Texas" are one person."""
    a, b = set(first.lower().split()), set(second.lower().split())
    return a <= b or b <= a or first.split()[-1].lower() == second.split()[-1].lower()


def _fuller(name: str, known: str) -> bool:
    """True when ``name`` adds given names to ``known`` ("Barack Obama" to "Obama"), not a place."""
    return " of " not in name and len(name.split()) > len(known.split())
