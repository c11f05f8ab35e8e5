"""Learned cue frames: "he figures ...", "Sanders, who wants ...", "most voters supported ...".

News attributes far more than speech: beliefs, plans, wishes, support ("he figures", "they
do want", "voters backed"). No list from memory holds them all, and a word alone says too
little ("he said" attributes, "he went" does not; "supports" after a name attributes more
often than after "the bill"). So a frame is a verb with the subject before it, described by
keys from specific to general — the word with its subject's shape and what follows it, the
word with its subject's shape, and the same for the word's stem — and
``data/attribution_frames.tsv`` holds, per key, how often PolNeAR's train split marks such a
subject as a source (``eval/learn_cues.py`` counts them with :func:`candidate_frames`, the
very function the extractor uses). The most specific key seen often enough decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from .mentions import _DETERMINERS, _PRONOUNS, _STOP, Token, tokenize
from .wordlists import word_list

MIN_USES = 4  # a key decides once train holds it this often
MIN_SHARE = 0.8  # ... and a frame is taken when this share of its uses were marked as sources
_RELATIVES = frozenset(["who", "which", "that"])
_NEXT_WORDS = frozenset(["that", "to", "about", "for", "on", "with", "in", "of", "by"])
_PHRASE_REACH = 6  # words a subject phrase may reach back from its last word
_SUFFIXES = ("ing", "ed", "es", "s")


@dataclass(frozen=True)
class CueFrame:
    """A verb and the subject before it; ``keys`` describe the frame, most specific first."""

    cue_start: int
    cue_end: int
    subject_start: int
    subject_end: int
    shape: str  # "pronoun", "relative", "name" or "phrase"
    keys: tuple[str, ...]
    antecedent: tuple[int, int] | None = None  # the phrase a relative pronoun stands for


def candidate_frames(text: str, start: int, end: int) -> list[CueFrame]:
    """Every lower-case word of ``text[start:end]`` with a subject right before it (adverbs and
    auxiliaries may stand between: "he has also said"), whether or not it attributes."""
    tokens = tokenize(text, start, end)
    frames = []
    for index, token in enumerate(tokens):
        if not _verb_like(token):
            continue
        last = index - 1
        while last >= 0 and _between(tokens[last]):
            last -= 1
        if last < 0 or not tokens[last].is_word:
            continue
        shape = _subject_shape(tokens[last])
        if shape is None:
            continue
        first = last if shape in ("pronoun", "relative") else _phrase_start(tokens, last)
        keys = _keys(token.lower, shape, _next_shape(tokens, index + 1))
        subject = (tokens[first].start, tokens[last].end)
        antecedent = _antecedent(tokens, last) if shape == "relative" else None
        frames.append(CueFrame(token.start, token.end, *subject, shape, keys, antecedent))
    return frames


def attributes(frame: CueFrame) -> bool:
    """True when train marked subjects of frames like this one as sources often enough."""
    table = _learned()
    for key in frame.keys:
        if key in table:
            return table[key]
    return False


@cache
def _learned() -> dict[str, bool]:
    """Key -> taken, from ``data/attribution_frames.tsv`` (key, sources, uses; tab-separated)."""
    path = resources.files("outletdiff.extract").joinpath("data").joinpath("attribution_frames.tsv")
    table = {}
    for line in path.read_text("utf-8").splitlines():
        if not line or line[0] == "#":
            continue
        key, sources, uses = line.rsplit("\t", 2)
        table[key] = int(sources) >= MIN_SHARE * int(uses)
    return table


def _verb_like(token: Token) -> bool:
    low = token.lower
    return (
        token.is_word
        and token.text.islower()
        and low not in _STOP
        and low not in _DETERMINERS
        and low not in _PRONOUNS
        and low not in _RELATIVES
        and low not in word_list("verb_adverbs")
        and low not in word_list("roles")
    )


def _between(token: Token) -> bool:
    """An auxiliary or adverb between a subject and its verb ("has", "not", "repeatedly")."""
    low = token.lower
    return low in word_list("verb_adverbs") or low == "not" or (low.endswith("ly") and token.text.islower())


def _subject_shape(token: Token) -> str | None:
    low = token.lower
    if low in _PRONOUNS or low == "you":
        return "pronoun"
    if low in _RELATIVES:
        return "relative"
    if low in _STOP or low in _DETERMINERS or low in word_list("phrase_prepositions"):
        return None
    return "name" if token.is_capital else "phrase"


def _phrase_start(tokens: list[Token], last: int) -> int:
    """The first token of the noun phrase ending at ``last``: back over words that are not
    stop words, pronouns or another verb's subject slot, to a determiner at most."""
    first = last
    while first > 0 and last - first < _PHRASE_REACH:
        previous = tokens[first - 1]
        if not previous.is_word or previous.lower in _STOP or previous.lower in _PRONOUNS:
            break
        first -= 1
        if previous.lower in _DETERMINERS:
            break
    return first


def _antecedent(tokens: list[Token], relative: int) -> tuple[int, int] | None:
    """The noun phrase before "who"/"which" (a comma may stand between): "Sanders, who wants"."""
    last = relative - 1
    if last >= 0 and tokens[last].text == ",":
        last -= 1
    if last < 0 or not tokens[last].is_word or _subject_shape(tokens[last]) not in ("name", "phrase"):
        return None
    return tokens[_phrase_start(tokens, last)].start, tokens[last].end


def _next_shape(tokens: list[Token], index: int) -> str:
    """What follows the verb: a clause word ("that", "to"), a quote, punctuation, or a word's shape."""
    if index >= len(tokens):
        return "end"
    token = tokens[index]
    if token.lower in _NEXT_WORDS:
        return token.lower
    if token.text[0] == "§":
        return "quote"
    if not token.is_word:
        return token.text
    if token.lower in _DETERMINERS:
        return "determiner"
    if token.lower in _PRONOUNS:
        return "pronoun"
    return "capital" if token.is_capital else "lower"


def _stem(word: str) -> str:
    """A crude stem that pools a verb's forms ("supports", "supported", "supporting")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)].rstrip("e")
    return word.rstrip("e")


def _keys(word: str, shape: str, following: str) -> tuple[str, ...]:
    stem = _stem(word)
    return (
        f"word {word} {shape} {following}",
        f"word {word} {shape}",
        f"stem {stem} {shape} {following}",
        f"stem {stem} {shape}",
    )
