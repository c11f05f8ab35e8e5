"""Find checkable details in one document: numbers with units, dates and times, named entities.

Each fact keeps its offsets and a normalised ``value`` so that two outlets' versions can be
compared ("nearly two years" and "almost 2 years" both become ``~2 year``; "Kremlin spokesman
Dmitry Peskov" becomes ``dmitry peskov``). Claims are not found here: a claim is a sentence
only one outlet carries, which only the alignment knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

from outletdiff.extract.lexicon import lemma, word_keys
from outletdiff.model import Fact, FactKind, Sentence

__all__ = ["FactIndex", "find_facts", "same_fact", "shipped_words"]

_DATA = Path(__file__).parent / "data"


@cache
def shipped_words(name: str) -> frozenset[str]:
    """A shipped word list (``data/<name>.txt``): one lower-case entry per line, ``#`` comments."""
    lines = (_DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


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
_APPROX = {
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
_DATE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b"
    rf"|\b{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+\d{{4}})?\b"
    rf"|\b{_MONTH_RE}(?:\s+\d{{4}})?(?![\w])"
    rf"|\b(?:(?:earlier|later)\s+this|last|next|this|past|previous|coming)\s+{_RELATIVE_UNIT}\b"
    rf"|\b{_WEEKDAY_RE}(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?:yesterday|today|tomorrow|tonight)\b"
    r"|\b(?:19|20)\d{2}s?\b"
    r"|\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am|pm)(?![\w])",
    re.IGNORECASE,
)
_APPROX_RE = r"(?:(?:" + "|".join(sorted(_APPROX, key=len, reverse=True)) + r")\s+)?"
_NUMBER_CORE = (
    r"(?:[$£€¥]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:thousand|million|billion|trillion|bn|m|k)\b)?"
    r"|\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent)|\s?(?:thousand|million|billion|trillion)\b)?"
    r"|(?:a\s+)?(?:half-dozen|dozens|dozen|hundreds|thousands|millions)(?:\s+of)?"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?"
    r"(?:\s+(?:hundred|thousand|million|billion))?)"
)
_NUMBER = re.compile(rf"(?<![\w$£€¥.,]){_APPROX_RE}(?<![\w.]){_NUMBER_CORE}", re.IGNORECASE)
_UNIT_WORD = re.compile(r"\s+((?:[A-Z][\w.’'-]*\s+){0,2})([a-z][a-z-]+)")
_CAP_WORD = re.compile(r"[A-Z][\w&’'.-]*[\w.]|[A-Z]")


def find_facts(doc: int, text: str, sentences: Sequence[Sentence]) -> tuple[Fact, ...]:
    """Numbers, dates and named entities of every sentence, in text order, never overlapping."""
    lowered_lemmas = _lowercase_lemmas(text)
    facts: list[Fact] = []
    for sentence in sentences:
        body = text[sentence.start : sentence.end]
        found: list[tuple[int, int, FactKind, str]] = []
        taken: list[tuple[int, int]] = []
        for start, end, value in _dates(body):
            found.append((start, end, "date", value))
            taken.append((start, end))
        for start, end, value in _numbers(body):
            if not any(start < t_end and t_start < end for t_start, t_end in taken):
                found.append((start, end, "number", value))
                taken.append((start, end))
        for start, end, value in _entities(body, sentence.kind == "headline", lowered_lemmas):
            if not any(start < t_end and t_start < end for t_start, t_end in taken):
                found.append((start, end, "entity", value))
        for start, end, kind, value in sorted(found):
            begin, finish = sentence.start + start, sentence.start + end
            facts.append(Fact(doc, sentence.index, begin, finish, text[begin:finish], kind, value))
    return tuple(facts)


def same_fact(a: Fact, b: Fact) -> bool:
    """Whether two facts state the same thing: equal values, or for entities one name in the other.

    "Peskov" and "Dmitry Peskov" are the same person; "Kremlin" and "Kremlin spokesman Dmitry
    Peskov" are not (the shorter must be the longer's tail or head, word for word).
    """
    if a.kind != b.kind:
        return False
    if a.value == b.value:
        return True
    if a.kind != "entity":
        return False
    short, long = sorted((a.value.split(), b.value.split()), key=len)
    return bool(short) and (long[-len(short) :] == short or long[: len(short)] == short)


class FactIndex:
    """A set of facts answering "is ``same_fact`` true for any of them?" in constant time.

    ``same_fact`` accepts a name that is the head or tail of another, so the index keeps every
    head and tail of every entity: comparing all facts of two long documents pairwise would
    be quadratic.
    """

    def __init__(self, facts: Iterable[Fact] = ()) -> None:
        self._values: set[tuple[str, str]] = set()
        self._parts: set[tuple[str, str]] = set()
        for fact in facts:
            self.add(fact)

    def add(self, fact: Fact) -> None:
        """Remember ``fact``."""
        self._values.add((fact.kind, fact.value))
        self._parts.update(_heads_and_tails(fact))

    def __contains__(self, fact: object) -> bool:
        if not isinstance(fact, Fact):
            return False
        return (fact.kind, fact.value) in self._parts or any(
            part in self._values for part in _heads_and_tails(fact)
        )


def _heads_and_tails(fact: Fact) -> set[tuple[str, str]]:
    if fact.kind != "entity":
        return {(fact.kind, fact.value)}
    words = fact.value.split()
    return {(fact.kind, " ".join(words[:k])) for k in range(1, len(words) + 1)} | {
        (fact.kind, " ".join(words[-k:])) for k in range(1, len(words) + 1)
    }


def _dates(body: str) -> Iterator[tuple[int, int, str]]:
    for m in _DATE.finditer(body):
        raw = m.group(0)
        if raw.lower() in ("may", "march") and not _looks_like_month(body, m.start(), m.end()):
            continue
        if raw[0].islower() and raw.lower()[:3] in _MONTHS and " " not in raw:
            continue  # "mar", "may" as ordinary lower-case words
        end = m.end()
        if raw.endswith(".") and raw[:-1].split()[-1].lower() not in _MONTH_ABBREVIATIONS:
            end -= 1  # a sentence's full stop after "December", not an abbreviation's period
        yield m.start(), end, _date_value(body[m.start() : end])


def _looks_like_month(body: str, start: int, end: int) -> bool:
    """ "May" and "March" are months only next to a day, a year, or after in/since/of/by."""
    before = body[:start].rstrip().lower().rsplit(" ", 1)[-1]
    after = body[end:].lstrip()
    return (
        before in ("in", "since", "of", "by", "until", "early", "late", "mid", "last", "next")
        or after[:1].isdigit()
    )


def _date_value(raw: str) -> str:
    words = re.findall(r"[a-z]+|\d+", raw.lower())
    parts: list[str] = []
    for word in words:
        if word in _MONTHS:
            parts.append(f"m{_MONTHS[word]}")
        elif word in ("st", "nd", "rd", "th", "of"):
            continue
        else:
            parts.append(word)
    return "date:" + " ".join(parts)


def _numbers(body: str) -> Iterator[tuple[int, int, str]]:
    for m in _NUMBER.finditer(body):
        start, end = m.start(), m.end()
        raw = m.group(0)
        unit_match = _UNIT_WORD.match(body, end)
        unit = ""
        measured = bool(re.search(r"[$£€¥%]|percent|per cent", raw, re.IGNORECASE))
        if unit_match and not measured and unit_match.group(2) not in shipped_words("function_words"):
            unit = unit_match.group(2)
            end = unit_match.end()
        elif re.fullmatch(r"\d{1,2}", raw) and not unit:
            continue  # a bare small number ("routes 12 and 47") says nothing checkable alone
        yield start, end, _number_value(raw, unit)


def _number_value(raw: str, unit: str) -> str:
    lowered = raw.lower()
    approx = ""
    for phrase, symbol in sorted(_APPROX.items(), key=lambda item: -len(item[0])):
        if lowered.startswith(phrase + " "):
            approx, lowered = symbol, lowered[len(phrase) + 1 :]
            break
    currency = next((code for mark, code in _CURRENCY.items() if mark in lowered), "")
    amount = _amount(lowered)
    unit_lemma = lemma(unit) if unit else ""
    return " ".join(part for part in (approx + currency, amount, unit_lemma) if part)


def _amount(lowered: str) -> str:
    lowered = lowered.replace("a ", "", 1) if lowered.startswith("a ") else lowered
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", lowered)
    if digits:
        value = float(digits.group(0).replace(",", ""))
    else:
        first = re.split(r"[\s-]", lowered)[0]
        value = float(_SPELLED.get(first, 0))
        tail = lowered.split("-", 1)[1].split()[0] if "-" in lowered and first in _SPELLED else ""
        value += (
            _SPELLED.get(tail, 0)
            if tail in ("two", "three", "four", "five", "six", "seven", "eight", "nine")
            else 0
        )
    for word, scale in _SCALES.items():
        if re.search(rf"(?<=[\d\s]){word}\b", lowered):
            value *= scale
            break
    if "%" in lowered or "percent" in lowered or "per cent" in lowered:
        return f"{_plain(value)}%"
    return _plain(value)


def _plain(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"


def _lowercase_lemmas(text: str) -> frozenset[str]:
    """Lemmas of words written in lower case somewhere in the text: evidence of a common word."""
    return frozenset(lemma(word) for word in re.findall(r"(?<![\w.])[a-z][a-z’'-]+", text))


def _entities(body: str, headline: bool, lowered: frozenset[str]) -> Iterator[tuple[int, int, str]]:
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", body)]
    i = 0
    while i < len(tokens):
        run = _entity_run(body, tokens, i, headline, lowered)
        if run is None:
            i += 1
            continue
        first, last = run
        start, end = _trim_token(body, tokens[first][0], tokens[last][1])
        if end > start:
            yield start, end, _entity_value(body[start:end])
        i = last + 1


def _entity_run(
    body: str, tokens: list[tuple[int, int]], i: int, headline: bool, lowered: frozenset[str]
) -> tuple[int, int] | None:
    """The token range of a name starting at token ``i``: capitalised words, joined by "of",
    "the", "and" or a lower-case title ("Kremlin spokesman Dmitry Peskov")."""
    if not _is_name_word(body, tokens, i, headline, lowered):
        return None
    last = i
    j = i + 1
    while j < len(tokens):
        if _ends_clause(body, tokens[j - 1]):
            break
        word = _bare(body, tokens[j])
        if _is_name_word(body, tokens, j, headline, lowered, inner=True):
            last = j
        elif word.lower() in shipped_words("titles") or word.lower() in (
            "of",
            "the",
            "for",
            "de",
            "von",
            "al",
        ):
            if j + 1 < len(tokens) and _is_name_word(body, tokens, j + 1, headline, lowered, inner=True):
                last = j + 1
                j += 1
            else:
                break
        else:
            break
        j += 1
    return i, last


def _is_name_word(
    body: str,
    tokens: list[tuple[int, int]],
    i: int,
    headline: bool,
    lowered: frozenset[str],
    *,
    inner: bool = False,
) -> bool:
    word = _bare(body, tokens[i])
    if not word or not _CAP_WORD.fullmatch(word):
        return False
    key = word.lower().rstrip(".")
    if key in shipped_words("function_words") or key in _MONTHS or key in _WEEKDAYS:
        return False
    if re.search(r"[’'](?:ve|re|ll|d|m)$|n[’']t$", key):
        return False  # a contraction ("We've") is never a name
    sentence_initial = i == 0 or _ends_clause(body, tokens[i - 1]) and not inner
    if headline or sentence_initial:
        if lemma(key) != key and key.endswith("s") and not inner:
            return False  # an inflected common noun opening a sentence: "Critics", "Insiders"
        return not set(word_keys(key)) & lowered
    return True


def _ends_clause(body: str, token: tuple[int, int]) -> bool:
    return body[token[1] - 1] in '.!?:;,—–"”' and not re.fullmatch(r"(?:[A-Z]\.)+", body[token[0] : token[1]])


def _bare(body: str, token: tuple[int, int]) -> str:
    start, end = _trim_token(body, *token)
    word = body[start:end]
    return re.sub(r"[’']s$", "", word)


def _trim_token(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not body[start].isalnum():
        start += 1
    while end > start and not body[end - 1].isalnum():
        if body[end - 1] == "." and re.search(r"(?:^|\W)(?:[A-Za-z]\.)+$", body[start:end]):
            break  # keep the final period of "U.S." and "D.C."
        end -= 1
    if body[start:end].endswith(("’s", "'s")):
        end -= 2
    return start, end


def _entity_value(name: str) -> str:
    words = [
        w for w in re.findall(r"[\w.&-]+", name.lower()) if w not in shipped_words("titles") and w != "the"
    ]
    value = " ".join(w.replace(".", "") for w in words if w.replace(".", ""))
    return _ALIASES.get(value, value)


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
