"""Find checkable details in one document: numbers with units, dates and times, named entities.

Each fact keeps its offsets and a value resolved once, here, into a type (``model.Quantity``,
``DateValue``, ``Name``) so that two outlets' versions are compared without parsing again:
"nearly two years" and "almost 2 years" are both ``Quantity(2.0, unit="year", bound="~")``,
"Tuesday, June 10" is ``DateValue(month=6, day=10, weekday="tue")``, "Kremlin spokesman
Dmitry Peskov" two names, ``("kremlin",)`` and ``("dmitry", "peskov")``. ``same_fact``
decides when two values state the same thing (an approximation or a shorter form of a name
is no different fact) and ``FactIndex`` answers the same question against a whole document
in constant time. Claims are not found here: a
claim is a sentence only one outlet carries, which only the alignment knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import combinations, pairwise
from typing import Literal

import simplemma

from outletdiff.extract.lexicon import lemma, word_keys
from outletdiff.extract.wordlists import word_list
from outletdiff.model import Bound, DateValue, Fact, FactKind, FactValue, Name, NameKind, Quantity, Sentence

__all__ = [
    "FactIndex",
    "date_parts",
    "find_facts",
    "outlet_words",
    "resolve_date",
    "same_fact",
    "word_list",
]


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_ABBREVIATIONS = frozenset(
    ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SPELLED = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "half-dozen": 6,
    "hundreds": 100,
    "thousands": 1000,
    "dozens": 12,
    "millions": 10**6,
}
_SCALES = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "bn": 10**9,
    "m": 10**6,
    "k": 10**3,
}
_APPROX: dict[str, Bound] = {
    "nearly": "~",
    "almost": "~",
    "about": "~",
    "around": "~",
    "roughly": "~",
    "approximately": "~",
    "some": "~",
    "more than": ">",
    "over": ">",
    "at least": ">=",
    "up to": "<=",
    "less than": "<",
    "fewer than": "<",
    "under": "<",
    "as many as": "<=",
    "as long as": "",
}
_CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}

_MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_RELATIVE_UNIT = (
    r"(?:week|month|year|weekend|decade|century|spring|summer|autumn|fall|winter|night|morning|afternoon|evening|"
    + _WEEKDAY_RE
    + ")"
)


# The characters other than its two cases that re.IGNORECASE takes for an ASCII letter (all of
# them: checked against every code point).
_CASE_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}  # İ ı, Kelvin sign, long s


def _opening(symbols: str, words: Iterable[str]) -> str:
    """A lookahead that a match starts with one of ``symbols``, the first three letters of one
    of ``words`` or a shorter word and a space, for a pattern whose every alternative does.

    The regex engine tries the pattern at every word start, which is slow; this rejects most
    at once: first one class of every possible first character, then a choice by first letter.
    Each choice opens with a case-sensitive class (the letter's cases), which the engine checks
    without entering the choice; it enters every case-insensitive one."""
    rests: dict[str, set[str]] = {}
    for word in words:
        rests.setdefault(word[0], set()).add(word[1:3] if len(word) >= 3 else word[1:] + r"\s")
    alternatives = [f"(?-i:[{symbols}])"]
    for initial, rest in sorted(rests.items()):
        cases = initial + initial.upper() + _CASE_FOLDS.get(initial, "")
        alternatives.append(f"(?-i:[{cases}])(?:{'|'.join(sorted(rest))})")
    return f"(?=[{symbols}{''.join(sorted(rests))}])(?={'|'.join(alternatives)})"


_DATE_WORDS = (
    *_MONTHS,
    *_WEEKDAYS,
    *("earlier", "later", "last", "next", "this", "past", "previous", "coming"),
    *("yesterday", "today", "tomorrow", "tonight"),
)
_DATE_OPENING = _opening(r"\d", _DATE_WORDS)
_DATE = re.compile(
    rf"\b{_DATE_OPENING}(?:"
    r"\b\d{4}-\d{2}-\d{2}\b"
    rf"|\b{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+\d{{4}})?\b"
    rf"|\b{_MONTH_RE}(?:\s+\d{{4}})?(?![\w])"
    rf"|\b(?:(?:earlier|later)\s+this|last|next|this|past|previous|coming)\s+{_RELATIVE_UNIT}\b"
    rf"|\b{_WEEKDAY_RE}(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?:yesterday|today|tomorrow|tonight)\b"
    r"|\b(?:19|20)\d{2}s?\b"
    r"|\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am|pm)(?![\w])"
    ")",
    re.IGNORECASE,
)
_APPROX_RE = r"(?:(?:" + "|".join(sorted(_APPROX, key=len, reverse=True)) + r")\s+)?"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # "1,200" but not the comma after it
_NUMBER_CORE = (
    rf"(?:[$£€¥]\s?{_DIGITS}(?:\s?(?:thousand|million|billion|trillion|bn|m|k)\b)?"
    rf"|{_DIGITS}(?:\s?(?:%|percent|per cent)|\s?(?:thousand|million|billion|trillion)\b)?"
    r"|(?:tens|hundreds)\s+of\s+(?:thousands|millions)(?:\s+of)?"
    r"|(?:a\s+)?(?:half-dozen|dozens|dozen|hundreds|thousands|millions)(?:\s+of)?"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?\b"
    r"(?:\s+(?:hundred|thousand|million|billion)\b)?)"
)
_NUMBER_WORDS = (*(phrase.split()[0] for phrase in _APPROX), "a", "tens", *_SPELLED)  # "a dozen"
_NUMBER_OPENING = _opening(r"\d$£€¥", _NUMBER_WORDS)
_NUMBER = re.compile(rf"(?<![\w$£€¥.,]){_NUMBER_OPENING}{_APPROX_RE}(?<![\w.]){_NUMBER_CORE}", re.IGNORECASE)
# A unit written onto its number ("70mph", "5km", "2.3m"); ordinals and clock times are not units.
_ATTACHED = re.compile(r"(?<=\d)([A-Za-z]{1,4})\b")
_NEXT_WORD = re.compile(r"[ \t]+([’']?[A-Za-z][\w’'-]*)")
_CAP_WORD = re.compile(r"[A-Z][\w&’'.-]*[\w.]|[A-Z]")
_JOINERS = frozenset(("of", "the", "for", "de", "von", "al"))
_DEMONYM = re.compile(r"\w+(?:ian|ean|ese|ish)")
# Date components in the order a value lists them; "part" (of the day) never decides anything.
_OFFSETS = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}
_DAY_PARTS = ("morning", "afternoon", "evening", "night")


def find_facts(
    doc: int, text: str, sentences: Sequence[Sentence], *, outlets: Iterable[str] = ()
) -> tuple[Fact, ...]:
    """Numbers, dates and named entities of every sentence, in text order, never overlapping.

    ``outlets``: the compared outlets' names; an outlet naming itself or another compared
    outlet ("TechTattle.com has learned") states nothing about the event, so no entity fact."""
    own_names = set().union(*map(outlet_words, outlets))
    bodies = [text[sentence.start : sentence.end] for sentence in sentences]
    tokenised = [_tokens(body) for body in bodies]  # once: the evidence needs them all first
    inside = _capitalised_inside(sentences, [tokens for _, tokens in tokenised])
    evidence = _NameEvidence(_lowercase_lemmas(text), inside)
    facts: list[Fact] = []
    for sentence, body, (spans, tokens) in zip(sentences, bodies, tokenised, strict=True):
        found: list[tuple[int, int, FactKind, FactValue]] = []
        taken: list[tuple[int, int]] = []
        for start, end, when in _dates(body):
            found.append((start, end, "date", when))
            taken.append((start, end))
        for start, end, number in _numbers(body):
            if not any(start < t_end and t_start < end for t_start, t_end in taken):
                found.append((start, end, "date" if isinstance(number, DateValue) else "number", number))
                taken.append((start, end))
        for start, end, name in _entities(body, spans, tokens, sentence.kind == "headline", evidence):
            if set(name.words) <= own_names:
                continue
            if not any(start < t_end and t_start < end for t_start, t_end in taken):
                found.append((start, end, "entity", name))
        for start, end, kind, value in sorted(found, key=lambda item: item[:2]):
            begin, finish = sentence.start + start, sentence.start + end
            facts.append(Fact(doc, sentence.index, begin, finish, text[begin:finish], kind, value))
    return tuple(facts)


def same_fact(a: Fact, b: Fact) -> bool:
    """Whether two facts state the same thing, so that neither outlet lacks it.

    Numbers: the same amount (and currency), whatever the approximation ("about 1,200 jobs" is
    "1,200 jobs"), with the same unit or a unit on one side only. Dates: every component both
    give agrees ("Tuesday" and "Tuesday, June 10"; "Monday evening" and "Monday night"), and
    they give at least one in common. Names: equal, or the shorter is the longer's tail or head
    word for word ("Peskov" and "Dmitry Peskov"), see ``_heads_and_tails`` for which
    shorter forms count.
    """
    if a.kind != b.kind:
        return False
    one, two = a.typed, b.typed
    if one == two:
        return True
    if isinstance(one, Quantity) and isinstance(two, Quantity):
        return one.key == two.key and (not one.noun or not two.noun or one.noun == two.noun)
    if isinstance(one, DateValue) and isinstance(two, DateValue):
        parts_a, parts_b = one.facets(), two.facets()
        shared = parts_a.keys() & parts_b.keys()
        return bool(shared) and all(parts_a[key] == parts_b[key] for key in shared)
    if isinstance(one, Name) and isinstance(two, Name):
        short, long = sorted((one.words, two.words), key=len)
        return short in _heads_and_tails(long)
    return False


class FactIndex:
    """A set of facts answering "is ``same_fact`` true for any of them?" in constant time.

    Comparing all facts of two long documents pairwise would be quadratic, so each kind is
    keyed by what ``same_fact`` compares: every head and tail of a name; a number's amount with
    the units seen for it; and for a date, every subset of its components together with the
    components it has beyond that subset (a date matches when it agrees on a subset and has
    none of the other's remaining components).
    """

    def __init__(self, facts: Iterable[Fact] = ()) -> None:
        self._values: set[tuple[str, FactValue | None]] = set()
        self._names: set[tuple[str, ...]] = set()
        self._names_whole: set[tuple[str, ...]] = set()
        self._amounts: dict[tuple[object, ...], set[str]] = {}
        self._dates: dict[frozenset[tuple[str, str]], set[frozenset[str]]] = {}
        for fact in facts:
            self.add(fact)

    def add(self, fact: Fact) -> None:
        """Remember ``fact``."""
        typed = fact.typed
        self._values.add((fact.kind, typed))
        if isinstance(typed, Name):
            self._names.update(_heads_and_tails(typed.words))
            self._names_whole.add(typed.words)
        elif isinstance(typed, Quantity):
            self._amounts.setdefault(typed.key, set()).add(typed.noun)
        elif isinstance(typed, DateValue):
            parts = typed.facets()
            for subset in _subsets(parts):
                key = frozenset((k, parts[k]) for k in subset)
                self._dates.setdefault(key, set()).add(frozenset(parts.keys() - set(subset)))

    def __contains__(self, fact: object) -> bool:
        if not isinstance(fact, Fact):
            return False
        typed = fact.typed
        if (fact.kind, typed) in self._values:
            return True
        if isinstance(typed, Name):
            return typed.words in self._names or any(
                part in self._names_whole for part in _heads_and_tails(typed.words)
            )
        if isinstance(typed, Quantity):
            units = self._amounts.get(typed.key)
            return units is not None and (not typed.noun or "" in units or typed.noun in units)
        if isinstance(typed, DateValue):
            parts = typed.facets()
            for subset in _subsets(parts):
                rests = self._dates.get(frozenset((k, parts[k]) for k in subset), ())
                if any(not rest & parts.keys() for rest in rests):
                    return True
        return False


def outlet_words(outlet: str) -> set[str]:
    """Every way an outlet's name appears as an entity's word: "GigGossip.net" is
    ``giggossipnet`` and ``giggossip``; "The Commerce Review" is ``commerce`` and ``review``."""
    words: set[str] = set()
    for word in outlet.lower().split():
        words.add(word.replace(".", ""))
        words.add(re.sub(r"\.[a-z]{2,4}$", "", word).replace(".", ""))
    return words - {"the", ""}


def _subsets(parts: dict[str, str]) -> Iterator[tuple[str, ...]]:
    keys = sorted(parts)
    for size in range(1, len(keys) + 1):
        yield from combinations(keys, size)


@lru_cache(maxsize=65536)
def _heads_and_tails(words: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """The shorter forms of a name: its tails (a surname: "Peskov" of "Dmitry Peskov") and its
    heads ("Halvorsen" of "Halvorsen Systems"), but not a short acronym heading a longer name,
    which is an affiliation, not a short form ("US" is not "US National Security Council").
    No part of an "X of Y" name is that name ("Kessington" is not "Kessington Chamber of
    Commerce").

    Cached, bounded: every ``FactIndex`` and comparison asks again for the same names, but a
    corpus run meets more names than memory should hold."""
    if _JOINERS & set(words):
        return frozenset((words,))
    tails = {words[-k:] for k in range(1, len(words) + 1)}
    return frozenset(tails | {words[:k] for k in range(1, len(words)) if k > 1 or len(words[0]) > 3})


# --- numbers -------------------------------------------------------------------------------


_MEASURED = re.compile(r"[$£€¥%]|percent|per cent", re.IGNORECASE)
_SMALL_NUMBER = re.compile(r"\d{1,2}")
_AGO = re.compile(r"\s+ago\b")


def _numbers(body: str) -> Iterator[tuple[int, int, Quantity | DateValue]]:
    for m in _NUMBER.finditer(body):
        start, end = m.start(), m.end()
        raw = m.group(0)
        attached = _ATTACHED.match(body, end)
        scale_word = ""
        unit_words: tuple[str, ...] = ()
        if attached:
            suffix = attached.group(1).lower()
            if suffix in ("st", "nd", "rd", "th", "am", "pm", "s"):
                continue  # an ordinal, a clock time or a decade: not an amount
            if suffix in _SCALES:
                scale_word = suffix
            else:
                unit_words = (suffix,)
            end = attached.end()
        measured = bool(_MEASURED.search(raw))
        if not unit_words and not measured:
            end, unit_words = _unit(body, end)
        if _SMALL_NUMBER.fullmatch(raw) and not unit_words:
            continue  # a bare small number ("routes 12 and 47") says nothing checkable alone
        ago = _AGO.match(body, end)
        if ago and unit_words and unit_words[-1] in ("day", "week", "month", "year"):
            counted = _number_value(raw, ())
            amount = counted.amount
            if amount is not None and amount.is_integer() and not (counted.currency or counted.percent):
                # "two years ago" is a date: the year two before publication
                yield start, ago.end(), DateValue(relative=f"{unit_words[-1]}-{int(amount)}")
                continue
        yield start, end, _number_value(raw + scale_word, unit_words)


def _unit(body: str, end: int) -> tuple[int, tuple[str, ...]]:
    """The end of a counted noun after a number and its words: "40,000 rock 'n' roll fans",
    "two Kremlin insiders", "300 troops". Up to four lower-case words ending in a plural; with
    no plural among them only the first ("45,000 people in a field" counts people)."""
    words: list[tuple[str, int]] = []
    position, capitals = end, 0
    function_words = word_list("function_words")
    while len(words) < 4:
        m = _NEXT_WORD.match(body, position)
        if m is None:
            break
        word = m.group(1)
        if word[0].isupper():
            if words or capitals == 2:
                break
            capitals += 1
        else:
            key = word.lower().strip("’'")
            if key in function_words or (not words and not word[0].isalpha()):
                break
            words.append((word, m.end()))
            if _plural(key):
                break
        position = m.end()
    if not words:
        return end, ()
    if not _plural(words[-1][0].lower()):
        words = words[:1]
    unit = tuple(lemma(w.lower()) for w, _ in words if w[0].isalpha())
    return words[-1][1], unit


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss") and lemma(word) != word


# The approximation a number opens with, "about " or "more than ", longest first as in _APPROX_RE.
_APPROX_OPENING = re.compile("|".join(phrase + " " for phrase in sorted(_APPROX, key=len, reverse=True)))


def _number_value(raw: str, unit: tuple[str, ...]) -> Quantity:
    lowered = raw.lower()
    bound: Bound = ""
    opening = _APPROX_OPENING.match(lowered)
    if opening:
        bound, lowered = _APPROX[opening.group()[:-1]], lowered[opening.end() :]
    currency = next((code for mark, code in _CURRENCY.items() if mark in lowered), None)
    percent = "%" in lowered or "percent" in lowered or "per cent" in lowered
    vague = _VAGUE_RANGE.match(lowered)
    if vague:  # "tens of thousands": a range, no single amount
        low = float(_RANGE_BASES[vague.group(1)] * _SPELLED[vague.group(2)])
        return Quantity(None, low=low, high=low * 10, unit=" ".join(unit) or None, approximate=True)
    return Quantity(
        _amount(lowered),
        unit=" ".join(unit) or None,
        currency=currency,
        percent=percent,
        approximate=bound == "~" or _VAGUE.match(lowered) is not None,
        bound=bound,
    )


# "tens of thousands", "hundreds of millions": scale words of a range, no amount.
_VAGUE_RANGE = re.compile(r"(tens|hundreds)\s+of\s+(thousands|millions)")
_RANGE_BASES = {"tens": 10, "hundreds": 100}
# Counts no outlet means exactly ("dozens", "thousands of").
_VAGUE = re.compile(r"(?:a\s+)?(?:dozens|hundreds|thousands|millions)\b")


_AMOUNT_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_AMOUNT_WORD_END = re.compile(r"[\s-]")
_SCALE_WORDS = tuple((re.compile(rf"(?<=[\d\s]){word}\b"), scale) for word, scale in _SCALES.items())


def _amount(lowered: str) -> float:
    lowered = lowered.replace("a ", "", 1) if lowered.startswith("a ") else lowered
    digits = _AMOUNT_DIGITS.search(lowered)
    if digits:
        value = float(digits.group(0).replace(",", ""))
    else:
        first = _AMOUNT_WORD_END.split(lowered, maxsplit=1)[0]
        value = float(_SPELLED.get(first, 0))
        tail = lowered.split("-", 1)[1].split()[0] if "-" in lowered and first in _SPELLED else ""
        value += (
            _SPELLED.get(tail, 0)
            if tail in ("two", "three", "four", "five", "six", "seven", "eight", "nine")
            else 0
        )
    for pattern, scale in _SCALE_WORDS:
        if pattern.search(lowered):
            value *= scale
            break
    return value


# --- dates ---------------------------------------------------------------------------------


_DATE_JOINT = re.compile(r"\s*,?\s*(?:(?:at|on)\s+)?")


def _dates(body: str) -> Iterator[tuple[int, int, DateValue]]:
    """Date expressions; neighbours joined only by a comma or "at"/"on" are one date
    ("Tuesday, June 10", "June 10 at 4 a.m.") unless they name the same component twice
    or one is relative ("on Monday, last week")."""
    pending: tuple[int, int, dict[str, str]] | None = None
    for start, end in _date_spans(body):
        parts = date_parts(body[start:end])
        if not parts:
            continue
        if (
            pending is not None
            and _DATE_JOINT.fullmatch(body, pending[1], start)
            and not pending[2].keys() & parts.keys()
            and "rel" not in pending[2].keys() | parts.keys()
        ):
            pending = (pending[0], end, {**pending[2], **parts})
            continue
        if pending is not None:
            yield pending[0], pending[1], _date_value(pending[2])
        pending = (start, end, parts)
    if pending is not None:
        yield pending[0], pending[1], _date_value(pending[2])


def _date_spans(body: str) -> Iterator[tuple[int, int]]:
    for m in _DATE.finditer(body):
        raw = m.group(0)
        if raw.lower() in ("may", "march") and not _looks_like_month(body, m.start(), m.end()):
            continue
        if raw[0].islower() and raw.lower()[:3] in _MONTHS and " " not in raw:
            continue  # "mar", "may" as ordinary lower-case words
        end = m.end()
        if (
            raw.endswith(".")
            and not raw.lower().endswith(("a.m.", "p.m."))
            and raw[:-1].split()[-1].lower() not in _MONTH_ABBREVIATIONS
        ):
            end -= 1  # a sentence's full stop after "December", not an abbreviation's period
        yield m.start(), end


def _looks_like_month(body: str, start: int, end: int) -> bool:
    """ "May" and "March" are months only next to a day, a year, or after in/since/of/by."""
    before = body[:start].rstrip().lower().rsplit(" ", 1)[-1]
    after = body[end:].lstrip()
    return (
        before in ("in", "since", "of", "by", "until", "early", "late", "mid", "last", "next")
        or after[:1].isdigit()
    )


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_CLOCK = re.compile(r"(\d{1,2}(?::\d{2})?)\s?(a\.m\.|p\.m\.|am|pm)")
_RELATIVE = re.compile(r"(?:(?:earlier|later)\s+)?(this|last|next|past|previous|coming)\s+([a-z]+)")
_DAY_WORDS = tuple(
    (word, re.compile(rf"\b{word}\b"), offset)
    for word, offset in (("yesterday", -1), ("today", 0), ("tonight", 0), ("tomorrow", 1))
)
_DATE_WORD = re.compile(r"[a-z]+|\d+s?")
_DECADE = re.compile(r"(?:19|20)\d0s")
_YEAR = re.compile(r"(?:19|20)\d\d")


def date_parts(raw: str) -> dict[str, str]:
    """The components a date expression states: ``y``, ``m`` (1-12), ``d``, ``wd`` (mon-sun),
    ``decade``, ``time``, ``part`` (of the day) and ``rel`` for a date relative to publication
    (``month-1`` for "last month", ``day+0`` for "today", ``week+0`` for "earlier this week")."""
    low = raw.lower()
    parts: dict[str, str] = {}
    iso = _ISO_DATE.search(low)
    if iso:
        return {"y": iso.group(1), "m": str(int(iso.group(2))), "d": str(int(iso.group(3)))}
    clock = _CLOCK.search(low)
    if clock:
        parts["time"] = clock.group(1) + clock.group(2).replace(".", "")
        low = low[: clock.start()] + low[clock.end() :]
    relative = _RELATIVE.search(low)
    if relative:
        offset, unit = _OFFSETS[relative.group(1)], relative.group(2)
        if unit[:3] in ("mon", "tue", "wed", "thu", "fri", "sat", "sun") and unit in _WEEKDAYS:
            parts["wd"] = unit[:3]
        elif unit in _DAY_PARTS:
            parts["rel"], parts["part"] = f"day{offset:+d}", unit
        else:
            parts["rel"] = f"{unit}{offset:+d}"
        low = low[: relative.start()] + low[relative.end() :]
    for word, pattern, offset in _DAY_WORDS:
        if pattern.search(low):
            parts["rel"] = f"day{offset:+d}"
            if word == "tonight":
                parts["part"] = "night"
    for word in _DATE_WORD.findall(low):
        if word in _MONTHS:
            parts["m"] = str(_MONTHS[word])
        elif word in _WEEKDAYS:
            parts["wd"] = word[:3]
        elif word in _DAY_PARTS:
            parts["part"] = word
        elif _DECADE.fullmatch(word):
            parts["decade"] = word[:-1]
        elif _YEAR.fullmatch(word):
            parts["y"] = word
        elif _SMALL_NUMBER.fullmatch(word) and 1 <= int(word) <= 31:
            parts["d"] = str(int(word))
    return parts


def _date_value(parts: dict[str, str]) -> DateValue:
    """The typed date of ``date_parts``' components."""

    def number(key: str) -> int | None:
        return int(parts[key]) if key in parts else None

    return DateValue(
        year=number("y"),
        month=number("m"),
        day=number("d"),
        weekday=parts.get("wd"),
        relative=parts.get("rel"),
        decade=number("decade"),
        time=parts.get("time"),
        part=parts.get("part"),
    )


_RELATIVE_VALUE = re.compile(r"(day|month|year)([+-]\d+)")


def resolve_date(fact: Fact, published: str | None) -> Fact:
    """``fact`` with a date relative to publication made absolute, when ``published`` (an ISO
    date) allows: "last month" in a story of 2024-01-26 is ``m=12 y=2023``, "yesterday" a day
    with its weekday. Weeks and weekends stay relative: no single component names them."""
    typed = fact.typed
    if not isinstance(typed, DateValue):
        return fact
    match = _RELATIVE_VALUE.fullmatch(typed.relative or "")
    when = _ISO_DATE.match(published or "")
    if match is None or when is None:
        return fact
    try:
        day = date(int(when.group(1)), int(when.group(2)), int(when.group(3)))
    except ValueError:
        return fact
    unit, offset = match.group(1), int(match.group(2))
    resolved = replace(typed, relative=None)
    if unit == "day":
        day += timedelta(days=offset)
        weekday = _WEEKDAYS[day.weekday()][:3]
        resolved = replace(resolved, year=day.year, month=day.month, day=day.day, weekday=weekday)
    elif unit == "month":
        months = day.year * 12 + day.month - 1 + offset
        resolved = replace(resolved, year=months // 12, month=months % 12 + 1)
    else:
        resolved = replace(resolved, year=day.year + offset)
    return replace(fact, typed=resolved)


# --- names ---------------------------------------------------------------------------------


class _NameEvidence:
    """What the document says about its capitalised words, for places where capitals say
    nothing (headlines in Title Case, the first word of a sentence): a word is a name there if
    the document also writes it capitalised mid-sentence, the dictionary knows it as a proper
    noun, or it is unknown to the dictionary and never written in lower case.

    Answers are remembered for the document (the same words are asked about again and again);
    the memory lives and dies with this object, so it grows with one document only."""

    def __init__(self, lowered: frozenset[str], inside: frozenset[str]) -> None:
        self.lowered = lowered
        self.inside = inside
        self._answers: dict[str, bool] = {}

    def names(self, key: str) -> bool:
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = self._names(key)
        return answer

    def _names(self, key: str) -> bool:
        if key in self.inside or _proper(key):
            return True
        if _plural(key) or set(word_keys(key)) & self.lowered:
            return False
        return not _known(key)


@lru_cache(maxsize=65536)
def _proper(key: str) -> bool:
    """Whether the dictionary lemma of a lower-case word is capitalised: "poland" -> "Poland"."""
    try:
        found = simplemma.lemmatize(key, lang="en")
    except ValueError:
        return False
    return found[:1].isupper()


@lru_cache(maxsize=65536)
def _known(key: str) -> bool:
    try:
        return bool(simplemma.is_known(key, lang="en"))
    except ValueError:
        return False


_LOWER_WORD = re.compile(r"(?<![\w.])[a-z][a-z’'-]+")


def _lowercase_lemmas(text: str) -> frozenset[str]:
    """Lemmas of words written in lower case somewhere in the text: evidence of a common word."""
    return frozenset(map(lemma, set(_LOWER_WORD.findall(text))))


# How a token can take part in a name, judged from its own text alone (see ``_Token``).
_Shape = Literal["none", "acronym", "capitals", "capitalised"]
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,3}")
_CONTRACTION = re.compile(r"[’'](?:ve|re|ll|d|m)$|n[’']t$")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_TOKEN = re.compile(r"\S+")


class _Token:
    """Everything the name rules ask of one whitespace-separated token that its text alone
    decides, worked out once per distinct text by ``_token``: a document has thousands of
    tokens but far fewer distinct ones, and the rules ask about each token several times.

    ``bare``: without punctuation or possessive; ``lower``: that lower-cased; ``stem``: the name
    in it ("Oslo" of "Oslo-based"); ``key``: the stem lower-cased without a final period;
    ``shape``: "acronym" (always a name), "capitals" (a name if the document's evidence says
    so), "capitalised" (a name depending on its place) or "none"; ``inside``: the key the token
    lends ``_capitalised_inside`` mid-sentence, if any; ``ends_clause``: see ``_ends_clause``;
    ``opens_next``: whether the next token is capitalised by rule, see ``_opens_sentence``.
    """

    __slots__ = ("bare", "lower", "stem", "key", "shape", "inside", "ends_clause", "opens_next")

    def __init__(self, raw: str) -> None:
        self.bare = _bare_word(raw)
        self.lower = self.bare.lower()
        self.stem = _stem_of_name(self.bare)
        self.key = self.stem.lower().rstrip(".")
        self.shape = _shape(self.stem, self.key)
        capitalised = _CAP_WORD.fullmatch(self.bare) and not self.bare.isupper()
        self.inside = self.stem.lower() if capitalised else None
        self.ends_clause = _ends_clause(raw)
        self.opens_next = _opens_sentence(raw)


@lru_cache(maxsize=65536)
def _token(raw: str) -> _Token:
    """The ``_Token`` of a token's text (cached and bounded: words repeat across documents, but
    a corpus run meets millions of distinct tokens)."""
    return _Token(raw)


def _shape(word: str, key: str) -> _Shape:
    """How the stem ``word`` (lower-cased ``key``) can take part in a name."""
    if not word or not _CAP_WORD.fullmatch(word):
        return "none"
    if _ACRONYM.fullmatch(word):
        return "acronym"  # "U.S.", "US", "EU", "FBI"
    if word.isupper() and len(key) > 3:
        return "capitals"  # "NATO", "WASHINGTON" in a dateline; not "CHAOS", "AXED"
    if key in word_list("function_words") or key in _MONTHS or key in _WEEKDAYS:
        return "none"
    if _CONTRACTION.search(key):
        return "none"  # a contraction ("We've") is never a name
    return "capitalised"


def _tokens(body: str) -> tuple[list[re.Match[str]], list[_Token]]:
    """The whitespace-separated tokens of a sentence: where they are, and what they are."""
    spans = list(_TOKEN.finditer(body))
    return spans, list(map(_token, map(re.Match.group, spans)))


def _capitalised_inside(sentences: Sequence[Sentence], tokenised: Sequence[list[_Token]]) -> frozenset[str]:
    """Lower-cased words the document writes capitalised in mid-sentence outside headlines."""
    found: set[str] = set()
    for sentence, tokens in zip(sentences, tokenised, strict=True):
        if sentence.kind == "headline":
            continue
        for before, token in pairwise(tokens):
            if token.inside is not None and not before.opens_next:
                found.add(token.inside)
    return frozenset(found)


def _entities(
    body: str, spans: list[re.Match[str]], tokens: list[_Token], headline: bool, evidence: _NameEvidence
) -> Iterator[tuple[int, int, Name]]:
    resume = 0  # the token after the last name found
    for i, token in enumerate(tokens):
        # Most tokens are lower-case words, which start no name: skip them without a call.
        if i < resume or token.shape == "none":
            continue
        last = _entity_run(tokens, i, headline, evidence)
        if last is None:
            continue
        for first_part, last_part, titled in _split_at_titles(tokens, i, last):
            start, end = _trim_token(body, spans[first_part].start(), spans[last_part].end())
            last_start, last_end = _trim_token(body, *spans[last_part].span())
            end = min(end, last_start + len(_stem_of_name(body[last_start:last_end])))
            if _worth_a_fact(body, spans, tokens, first_part, last_part):
                name = _entity_value(body[start:end], titled=titled)
                if name is not None:
                    yield start, end, name
        resume = last + 1


def _entity_run(tokens: list[_Token], i: int, headline: bool, evidence: _NameEvidence) -> int | None:
    """The last token of a name starting at token ``i``: capitalised words, joined by "of",
    "the", "and" or a lower-case title ("Kremlin spokesman Dmitry Peskov")."""
    if not _is_name_word(tokens, i, headline, evidence):
        return None
    titles = word_list("titles")
    last = i
    j = i + 1
    while j < len(tokens) and tokens[last].stem == tokens[last].bare:  # "Oslo-based" ends a name
        if tokens[j - 1].ends_clause:
            break
        word = tokens[j].lower
        if _is_name_word(tokens, j, headline, evidence, inner=True):
            last = j
        elif word in titles or word in _JOINERS:
            if j + 1 < len(tokens) and _is_name_word(tokens, j + 1, headline, evidence, inner=True):
                last = j + 1
                j += 1
            else:
                break
        else:
            break
        j += 1
    return last


def _is_name_word(
    tokens: list[_Token], i: int, headline: bool, evidence: _NameEvidence, *, inner: bool = False
) -> bool:
    token = tokens[i]
    shape = token.shape
    if shape == "none":
        return False
    if shape == "acronym":
        return True
    if shape == "capitals" or headline:
        return evidence.names(token.key)
    if inner or not (i == 0 or tokens[i - 1].opens_next):
        return True
    if evidence.names(token.key):
        return True
    # A common word opening a sentence starts a name only when a capitalised word follows
    # ("Interior Ministry", "Health Minister Ana Ruiz"), never alone ("Territorial", "Critics").
    return (
        i + 1 < len(tokens)
        and not token.ends_clause
        and not _plural(token.key)
        and _is_name_word(tokens, i + 1, headline, evidence, inner=True)
    )


def _split_at_titles(tokens: list[_Token], first: int, last: int) -> list[tuple[int, int, bool]]:
    """A name run cut around its role words: "U.S. Secretary of State Antony Blinken" gives the
    affiliation "U.S." and the person "Antony Blinken"; the role itself is no fact. Each part
    says whether a role word precedes it (the name of a person holding the role)."""
    words = [tokens[k].lower.rstrip(".") for k in range(first, last + 1)]
    titles = word_list("titles")
    at = [k for k, word in enumerate(words) if word in titles or word + "." in titles]
    if not at:
        return [(first, last, first > 0 and tokens[first - 1].lower.rstrip(".") in _role_words())]
    parts: list[tuple[int, int, bool]] = []
    head_end = at[0]
    while head_end > 0 and words[head_end - 1] in _JOINERS:
        head_end -= 1
    if head_end > 0:
        parts.append((first, first + head_end - 1, False))
    tail = at[-1] + 1
    if tail < len(words) and words[tail] == "of":  # "Secretary of State", "Minister of Health"
        tail += 1
        while tail < len(words) - 1 and (
            words[tail] in _JOINERS or _known(words[tail]) and not _proper(words[tail])
        ):
            tail += 1
    while tail < len(words) and words[tail] in _JOINERS:
        tail += 1
    if tail < len(words):
        # After "Secretary of State" the name is the holder's; after "Minister of" a ministry's.
        parts.append((first + tail, last, words[tail - 1] != "of"))
    return parts


@cache
def _role_words() -> frozenset[str]:
    """Role words and honorifics, without their periods: a name after one is a person's."""
    return frozenset(word.rstrip(".") for word in (*word_list("titles"), *word_list("honorifics")))


def _worth_a_fact(body: str, spans: list[re.Match[str]], tokens: list[_Token], first: int, last: int) -> bool:
    """A lone word that is a common word ("Health" of "Health Minister") or a nationality used
    as an adjective ("Kastorian strongman", "European exclave") names nothing checkable."""
    if first != last:
        return True
    token = tokens[first]
    if token.shape == "acronym":
        return True
    following = body[spans[last].end() :].lstrip()
    if _DEMONYM.fullmatch(token.key) and following[:1].islower():
        return False
    titled = last + 1 < len(tokens) and tokens[last + 1].lower in word_list("titles")
    return not (titled and _known(token.key) and not _proper(token.key))


_NAME_STEM = re.compile(r"([A-Z][\w.]*?)-[a-z][a-z-]*")


def _stem_of_name(word: str) -> str:
    """ "Oslo-based" names Oslo: a lower-case suffix after a hyphen is not part of the name."""
    m = _NAME_STEM.fullmatch(word)
    return m.group(1) if m else word


def _ends_clause(raw: str) -> bool:
    """Whether the token ``raw`` ends with a clause's punctuation."""
    word = raw.lstrip("(\"“‘'")
    if _INITIALS.fullmatch(word) or word.lower() in word_list("titles"):
        return False  # an initial or an abbreviation ("U.S.", "J."), a title ("Mr.", "Gov.")
    return raw[-1] in '.!?:;,—–"”'


def _opens_sentence(before: str) -> bool:
    """Whether the token after the token ``before`` is capitalised by rule: a new sentence, a
    quotation or a colon's clause ("said: The"), not a comma's ("his brother, Tony, ...")."""
    return _ends_clause(before) and before[-1] not in ",;—–"


def _bare_word(raw: str) -> str:
    """A token without surrounding punctuation or a possessive 's."""
    start, end = _trim_token(raw, 0, len(raw))
    return _POSSESSIVE.sub("", raw[start:end])


_POSSESSIVE = re.compile(r"[’']s$")
_ABBREVIATION_END = re.compile(r"(?:^|\W)(?:[A-Za-z]\.)+$")


def _trim_token(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not body[start].isalnum():
        start += 1
    while end > start and not body[end - 1].isalnum():
        if body[end - 1] == "." and _ABBREVIATION_END.search(body[start:end]):
            break  # keep the final period of "U.S." and "D.C."
        end -= 1
    if body[start:end].endswith(("’s", "'s")):
        end -= 2
    return start, end


_NAME_WORD = re.compile(r"[\w.&-]+")


def _entity_value(name: str, *, titled: bool = False) -> Name | None:
    """The ``Name`` of a name's text, or ``None`` for what names no checkable entity: a lone
    compass point ("the West"), a weekday or a month (a date's word, not an entity)."""
    titles = word_list("titles")
    words = [w for w in _NAME_WORD.findall(name.lower()) if w not in titles and w != "the"]
    value = " ".join(w.replace(".", "") for w in words if w.replace(".", ""))
    value = _ALIASES.get(value, value)
    parts = tuple(value.split())
    if not parts or parts[-1] in _WEEKDAYS or all(part in _MONTHS for part in parts):
        return None
    if len(parts) == 1 and parts[0] in _COMPASS:
        return None
    return Name(parts, _name_kind(name, parts, titled))


_COMPASS = frozenset(("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"))


def _name_kind(name: str, words: tuple[str, ...], titled: bool) -> NameKind:
    if len(words) == 1 and _ACRONYM.fullmatch(name):
        return "acronym"
    if set(words) & (word_list("institutions") | word_list("company_words")):
        return "organisation"
    return "person" if titled else "name"


# Spellings of one place that outlets use interchangeably.
_ALIASES = {
    "united states": "us",
    "usa": "us",
    "united states of america": "us",
    "america": "us",
    "united kingdom": "uk",
    "britain": "uk",
    "great britain": "uk",
}
