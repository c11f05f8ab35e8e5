"""Read a noun phrase as a mention of a speaker or source: a person, outlet, institution, group.

The frame finder (``speakers.py``) finds where a speaker stands; this module says what the
words there name, from their shape and the shipped word lists (``data/*.txt``), and tokenises
text into words with offsets so every rule reads the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from .outlets import find_outlet
from .wordlists import word_list

MentionKind = Literal["person", "outlet", "institution", "anonymous", "self", "pronoun", "report"]

# Tokens: a dotted abbreviation (U.S.), a word (with inner apostrophes, hyphens and dots, but
# ending in a letter or digit, so a sentence's full stop is a token of its own), a run of masked
# quote characters, or one punctuation mark.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_][\w'’.-]*[\w]|[^\W_]|§+|[^\w\s]")
_PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "thing", "we": "group", "i": "person"}
_DETERMINERS = word_list("determiners")
_STOP = word_list("phrase_stops")
_PARTICIPLES = word_list("passed_on")
_PREPOSITIONS = word_list("phrase_prepositions") | _PARTICIPLES
_HONORIFICS = word_list("honorifics")
_PARTICLES = word_list("name_particles")


class Token(NamedTuple):
    """A word or punctuation mark with its offsets, lower-cased form and shape.

    A named tuple rather than a frozen dataclass, with its shape worked out once: a corpus run
    builds millions of tokens and the rules ask each for its shape many times.
    """

    text: str
    start: int
    end: int
    lower: str
    is_word: bool  # starts with a letter or digit (not punctuation or a masked quote)
    is_capital: bool  # starts with a capital letter


@dataclass(frozen=True)
class Mention:
    """A noun phrase naming a speaker or source, before resolution."""

    text: str
    start: int
    end: int
    kind: MentionKind
    name: str
    role: str | None = None


# Skips the named tuple's Python-level __new__: tokenising is the hottest loop of a corpus run.
_new_tuple = tuple.__new__


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    tokens = []
    for match in _TOKEN.finditer(text, start, end):
        word = match.group()  # never ends in a sentence's full stop: see _TOKEN
        tokens.append(
            _new_tuple(
                Token, (word, match.start(), match.end(), word.lower(), word[0].isalnum(), word[0].isupper())
            )
        )
    return tokens


def _mention(text: str, phrase: list[Token]) -> Mention | None:
    """Classify a noun phrase: outlet, named person or institution, report, or anonymous."""
    while phrase and phrase[0].lower in ("of", "with", "to", "for", "from", "and"):
        phrase = phrase[1:]
    while phrase and phrase[-1].lower in ("of", "with", "to", "for", "from", "the", "a", "an"):
        phrase = phrase[:-1]
    if not phrase:
        return None
    head = _head_segment(phrase)
    start, end = phrase[0].start, phrase[-1].end
    raw = text[start:end]
    outlet = find_outlet(text, start, head[-1].end)
    if len(head) < len(phrase):
        # "two people with close links to the Kremlin": the head decides the kind.
        words = [token.lower for token in head if token.is_word]
        if outlet is None and not _trailing_name(head):
            if any(word in word_list("anonymous") for word in words):
                return Mention(raw, start, end, "anonymous", raw)
            if words and words[-1] in word_list("report_nouns"):
                return Mention(raw, start, end, "report", raw)
            return None
    if outlet is not None and not _staff_of(phrase, outlet[2]):
        canonical, o_start, o_end = outlet
        return Mention(text[o_start:o_end], o_start, o_end, "outlet", canonical)
    words = [token.lower for token in phrase if token.is_word]
    if words and words[-1] in word_list("report_nouns"):
        return Mention(raw, start, end, "report", raw)
    name_tokens = _trailing_name(phrase)
    if name_tokens:
        role_tokens = phrase[: len(phrase) - len(name_tokens)]
        role = _role_text(text, role_tokens)
        n_start, n_end = name_tokens[0].start, name_tokens[-1].end
        name = text[n_start:n_end]
        lowered = {token.lower for token in name_tokens}
        if lowered <= word_list("calendar_words"):
            return None  # "On Saturday said", "Monday withdrew": a date is never a speaker
        if re.search(r"\.(?:com|net|org|co\.uk|news)$", name, re.IGNORECASE):
            return Mention(name, n_start, n_end, "outlet", name)
        if len(name_tokens) == 1 and _bare(name).lower() in word_list("anonymous"):
            return Mention(raw, start, end, "anonymous", raw)  # "Sources said", "Neighbours described"
        if lowered & word_list("outlet_words") and len(name_tokens) > 1:
            return Mention(name, n_start, n_end, "outlet", name, role)  # "Radio Costa", "Harbour Times"
        if lowered & word_list("institutions") or (len(name_tokens) == 1 and name.isupper()):
            return Mention(name, n_start, n_end, "institution", name, role)
        return Mention(name, n_start, n_end, "person", name, role)
    if any(word in word_list("anonymous") for word in words):
        return Mention(raw, start, end, "anonymous", raw)
    if words and all(word in _DETERMINERS for word in words):
        return None
    if words and words[-1] in word_list("roles"):
        return Mention(raw, start, end, "anonymous", raw, raw)
    if words and words[-1] in word_list("institutions"):
        return Mention(raw, start, end, "institution", raw)
    # A lower-case phrase that names no known kind of source is usually not a speaker at all
    # ("the move said to ..."); keep it only when it is short and looks like a group.
    plural = words and words[-1].endswith("s") and not words[-1].endswith("ss")
    if plural and len(words) <= 4 and (len(words) == 1 or words[0] in _DETERMINERS or phrase[0].is_capital):
        return Mention(raw, start, end, "anonymous", raw)
    return None


def _staff_of(phrase: list[Token], outlet_end: int) -> bool:
    """True for a person named after their outlet and role: "CNN President Jeff Zucker",
    "Daily News opinion editor Josh Greenman" speak themselves, not the outlet."""
    name = _trailing_name(phrase)
    if len(name) < 2 or name[0].start <= outlet_end:
        return False
    between = [t.lower for t in phrase if outlet_end <= t.start < name[0].start]
    return any(word in word_list("roles") for word in between)


def _head_segment(phrase: list[Token]) -> list[Token]:
    """The phrase up to a preposition after a lower-case noun ("people | with close links")."""
    for index in range(1, len(phrase)):
        previous = phrase[index - 1]
        if phrase[index].lower in _PREPOSITIONS and previous.is_word and not previous.is_capital:
            return phrase[:index]
    return phrase


def _trailing_name(phrase: list[Token]) -> list[Token]:
    """The capitalised run that ends the phrase, minus role words and honorifics before it."""
    run: list[Token] = []
    for token in reversed(phrase):
        joins = bool(run) and (token.lower in _PARTICLES or token.lower == "of" or token.text == ".")
        if not (token.is_capital and token.is_word) and not joins:
            break
        run.insert(0, token)
    while run and not run[0].is_capital:
        run = run[1:]
    roles = word_list("roles")
    cut = 0
    for index, token in enumerate(run):
        stop = token.text == "." and not (index and is_initial(run[index - 1]))
        if token.lower in roles or token.lower in _HONORIFICS or stop:
            cut = index + 1
    name = run[cut:]
    if cut and name and name[0].lower == "of":
        # "Secretary of State Antony Blinken": the office's words go before the name.
        name = name[1:]
        while len(name) > 2 and (name[0].lower in word_list("institutions") or name[0].lower in _PARTICLES):
            name = name[1:]
    if name and all(token.lower in _DETERMINERS or token.lower in _STOP for token in name):
        return []
    if name and name[0].lower in _DETERMINERS:
        name = name[1:]
    return name


def is_initial(token: Token) -> bool:
    """A single capital letter, the initial in "Vladimir V. Putin": its full stop is inside the name."""
    return len(token.text) == 1 and token.is_capital


def dot_in_name(tokens: list[Token], index: int) -> bool:
    """True when ``tokens[index]`` is a full stop inside a name: after "Mr" or an initial."""
    if tokens[index].text != "." or index == 0:
        return False
    previous = tokens[index - 1]
    return previous.lower in _HONORIFICS or is_initial(previous)


def _role_text(text: str, tokens: list[Token]) -> str | None:
    words = [t for t in tokens if t.lower not in _DETERMINERS and t.text != "."]
    if not words:
        return None
    return text[words[0].start : words[-1].end]


_POSSESSIVE = re.compile(r"['’]s?$")


def _bare(word: str) -> str:
    """A word without its possessive ending: "Putin’s" -> "Putin"."""
    return _POSSESSIVE.sub("", word)
