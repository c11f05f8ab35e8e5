"""Tell a lexicon word's literal or legal sense from its loaded one by the word next to it.

"Explosive" judges a report but names a bomb in "explosive devices"; "the suspect" is the
person police hold, not a doubtful claim; "assault" after "charged with" is the charge's name.
The neighbour decides, so the rules are data (``extract/data/literal_senses.csv``): a term,
the words that may stand right before or right after it, and why. Neighbour sets are written
inline (``device|devices``) or name a word list (``@physical_nouns``); a ``*`` term applies to
every lexicon entry (legal cues such as "charged with" make any word the name of a charge).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from outletdiff.extract.lexicon import word_keys
from outletdiff.extract.wordlists import word_list

__all__ = ["SenseRule", "is_literal", "sense_rules"]

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_ANY = "*"
_BREAK = re.compile(r"[.,;:!?()\[\]\"“”—–]")


@dataclass(frozen=True)
class SenseRule:
    """A term is used literally when the phrase before it is in ``before`` or the one after in ``after``."""

    term: str
    before: frozenset[str]
    after: frozenset[str]
    note: str


@cache
def sense_rules() -> dict[str, tuple[SenseRule, ...]]:
    """The shipped rules by term (``*`` for every term), read once."""
    text = resources.files("outletdiff.extract").joinpath("data/literal_senses.csv").read_text("utf-8")
    rows = csv.reader(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    next(rows)  # header: term,before,after,note
    rules: dict[str, list[SenseRule]] = {}
    for term, before, after, note in rows:
        rule = SenseRule(term.strip().lower(), _words(before), _words(after), note)
        rules.setdefault(rule.term, []).append(rule)
    return {term: tuple(found) for term, found in rules.items()}


def _words(cell: str) -> frozenset[str]:
    cell = cell.strip()
    if cell.startswith("@"):
        return word_list(cell[1:])
    return frozenset(part.strip().lower() for part in cell.split("|") if part.strip())


def is_literal(term: str, text: str, start: int, end: int) -> bool:
    """Whether the lexicon ``term`` found at ``text[start:end]`` is in a literal or legal sense.

    Phrases up to three words long are compared with the words right before and right after
    the match, in the same sentence (``text`` is the sentence).
    """
    rules = sense_rules()
    applicable = rules.get(term, ()) + rules.get(_ANY, ())
    if not applicable:
        return False
    # Neighbours in the same clause only: a comma or a quote mark ends the phrase.
    before_text = _BREAK.split(text[max(0, start - 60) : start])[-1]
    after_text = _BREAK.split(text[end : end + 60])[0]
    before = [w.lower() for w in _WORD.findall(before_text)][-3:]
    after = [w.lower() for w in _WORD.findall(after_text)][:3]
    befores = {" ".join(before[-n:]) for n in range(1, len(before) + 1)}
    afters = {" ".join(after[:n]) for n in range(1, len(after) + 1)}
    if after:
        afters.update(word_keys(after[0]))
    return any(
        not rule.before.isdisjoint(befores) or not rule.after.isdisjoint(afters) for rule in applicable
    )
