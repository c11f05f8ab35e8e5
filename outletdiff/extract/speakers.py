"""Find who speaks in a sentence ("X said", "said X", "according to X") and resolve the name.

Quotes and sourcing chains ask the same question — who is this attributed to? — so both read
the frames found here. Rules and shipped word lists only (no parser models can be installed):
a reporting verb from ``data/speech_verbs.txt`` anchors a frame, the noun phrase beside it is
the speaker, and a per-document :class:`Resolver` turns "he", "Peskov" or "the Kremlin
spokesman" into the full name given earlier, so one speaker has one name across the article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Literal, NamedTuple, TypeVar

from outletdiff.extract.wordlists import word_list

MentionKind = Literal["person", "outlet", "institution", "anonymous", "self", "pronoun", "report"]
Relation = Literal["subject", "inverted", "according", "per", "citing", "via", "told", "as"]


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


def canonical_outlet(name: str) -> str | None:
    """The canonical outlet for an alias, ignoring case and a leading "the"; None if unknown."""
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
            and before[-1].lower() not in _DETERMINERS
        ):
            continue
        return _canonical_by_key()[_outlet_key(alias)], match.start(), match.end()
    return None


# Tokens: a dotted abbreviation (U.S.), a word (with inner apostrophes, hyphens and dots, but
# ending in a letter or digit, so a sentence's full stop is a token of its own), a run of masked
# quote characters, or one punctuation mark.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_][\w'’.-]*[\w]|[^\W_]|§+|[^\w\s]")
_PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "thing", "we": "group", "i": "person"}
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "several",
        "some",
        "many",
        "multiple",
        "other",
        "another",
        "both",
        "one",
        "its",
        "his",
        "her",
        "their",
        "our",
        "this",
        "these",
        "those",
        "senior",
        "former",
        "top",
        "unnamed",
        "anonymous",
    ]
)
# Words that never belong to a speaker's noun phrase: a phrase ends where one of them stands.
_STOP = frozenset(
    [
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "and",
        "but",
        "or",
        "nor",
        "so",
        "yet",
        "because",
        "while",
        "when",
        "whenever",
        "if",
        "as",
        "since",
        "although",
        "though",
        "after",
        "before",
        "until",
        "unless",
        "where",
        "whether",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "not",
        "no",
        "also",
        "this",
        "these",
        "there",
        "here",
        "then",
        "than",
        "in",
        "on",
        "at",
        "by",
        "into",
        "onto",
        "over",
        "under",
        "during",
        "about",
        "against",
        "between",
        "through",
        "without",
        "within",
        "upon",
        "among",
        "amid",
        "after",
        "across",
        "around",
        "near",
        "like",
        "just",
        "only",
        "even",
        "still",
        "however",
        "meanwhile",
        "moreover",
        "furthermore",
        "instead",
        "earlier",
        "later",
        "previously",
        "recently",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "now",
        "again",
        "already",
        "reportedly",
        "allegedly",
        "apparently",
        "subsequently",
        "last",
        "next",
        "ago",
        "what",
        "how",
        "why",
    ]
)
# Words allowed between a speaker and the verb ("Peskov subsequently said", "has repeatedly told").
_SKIP_BEFORE_VERB = frozenset(
    [
        "has",
        "have",
        "had",
        "also",
        "reportedly",
        "allegedly",
        "previously",
        "earlier",
        "later",
        "subsequently",
        "then",
        "first",
        "once",
        "again",
        "repeatedly",
        "publicly",
        "privately",
        "recently",
        "further",
        "originally",
        "initially",
        "would",
        "will",
        "had",
        "already",
        "just",
        "still",
        "never",
        "even",
        "now",
        "often",
        "always",
        "too",
        "since",
        "not",
        "did",
        "does",
        "do",
    ]
)
# "Citing"-type cues: their object is a source ("citing officials", "quoted by Reuters").
_CITING_CUES = frozenset(["citing", "cites", "cited", "quoting", "quoted"])
# Participles that attribute to the clause's subject after a comma ("..., saying that ...").
_PARTICIPLE_CUES = frozenset(
    [
        "saying",
        "adding",
        "arguing",
        "noting",
        "writing",
        "telling",
        "claiming",
        "insisting",
        "warning",
        "explaining",
        "declaring",
        "stating",
        "tweeting",
        "calling",
        "accusing",
        "asking",
        "suggesting",
        "acknowledging",
        "complaining",
        "countering",
        "replying",
        "responding",
        "charging",
        "contending",
        "predicting",
        "vowing",
    ]
)
# Words that may open a sentence before its subject.
_OPENING_WORDS = frozenset(
    ["but", "and", "yet", "so", "however", "meanwhile", "still", "also", "now", "then"]
)
# Words that end a noun phrase read rightwards ("a CPA report | citing two officials").
_PHRASE_ENDS = frozenset(["saying", "says", "adding", "who", "which", "citing", "quoting", "according"])
_PARTICIPLES = frozenset(
    [
        "seen",
        "obtained",
        "reviewed",
        "published",
        "released",
        "sent",
        "leaked",
    ]
)
_PREPOSITIONS = (
    frozenset(
        [
            "of",
            "with",
            "to",
            "for",
            "from",
            "familiar",
            "close",
            "in",
            "at",
        ]
    )
    | _PARTICIPLES
)
# Punctuation after which a verb may come before its speaker: ', said Peskov', '," said Peskov'.
_BEFORE_INVERSION = frozenset(",—–-(\"'”’»›」")
_HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "st",
    ]
)
_PARTICLES = frozenset(
    [
        "de",
        "del",
        "della",
        "der",
        "van",
        "von",
        "bin",
        "al",
        "el",
        "la",
        "le",
        "di",
        "da",
        "du",
        "dos",
        "das",
        "ibn",
        "mc",
    ]
)


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


@dataclass(frozen=True)
class Frame:
    """An attribution frame: the cue ("said", "according to") and whom it points at."""

    cue: str
    cue_start: int
    cue_end: int
    relation: Relation
    mention: Mention


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


def find_frames(text: str, start: int, end: int) -> list[Frame]:
    """Attribution frames of the sentence ``text[start:end]`` in reading order, offsets into ``text``.

    A sentence's frames depend on its own characters only, so they are found once per distinct
    sentence and moved to where it stands: the quote and source finders read the same
    sentences (masked alike unless they hold a quote), and outlets share sentences word for word.
    ``text`` should have quoted passages masked with ``§`` so that verbs inside quotes
    ("I said no") are never taken as frames.
    """
    return [_moved(frame, start) for frame in _sentence_frames(text[start:end])]


def _moved(frame: Frame, offset: int) -> Frame:
    if not offset:
        return frame
    mention = frame.mention
    return Frame(
        frame.cue,
        frame.cue_start + offset,
        frame.cue_end + offset,
        frame.relation,
        Mention(
            mention.text,
            mention.start + offset,
            mention.end + offset,
            mention.kind,
            mention.name,
            mention.role,
        ),
    )


@lru_cache(maxsize=1024)
def _sentence_frames(text: str) -> tuple[Frame, ...]:
    """Attribution frames of one sentence, offsets into it. Bounded: about a dozen events' sentences."""
    if not _cue_pattern().search(text.lower()):
        return ()
    tokens = tokenize(text, 0, len(text))
    verbs = word_list("speech_verbs")
    cues = _frame_cues()
    frames: list[Frame] = []
    for i, token in enumerate(tokens):
        low = token.lower
        if low not in cues:
            continue
        frame: Frame | None = None
        if low == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to":
            frame = _object_frame(text, tokens, i, i + 2, "according")
        elif low == "per" and i > 0 and not tokens[i - 1].is_word:
            frame = _object_frame(text, tokens, i, i + 1, "per")
        elif low in _CITING_CUES and _not_passive(tokens, i):
            frame = _object_frame(text, tokens, i, i + 1, "citing")
            if frame is not None and low in ("cites", "cited", "quoted"):
                frames.extend(_subject_frames(text, tokens, i))
        elif low in _PARTICIPLE_CUES and i > 0 and tokens[i - 1].text in (",", "—", "–"):
            frame = _clause_subject_frame(text, tokens, i)
        elif token.text == ":" and i + 1 < len(tokens) and tokens[i + 1].text[0] == "§" and not frames:
            frame = _clause_subject_frame(text, tokens, i)  # "Biden was quick to retort: “...”"
        elif low == "via":
            frame = _object_frame(text, tokens, i, i + 1, "via", outlets_only=True)
        elif low in verbs and token.text.islower() and _not_passive(tokens, i) and _verb_position(tokens, i):
            frames.extend(_subject_frames(text, tokens, i))
            if low in ("told", "tells"):
                frame = _object_frame(text, tokens, i, i + 1, "told", outlets_only=True)
        if frame is not None:
            frames.append(frame)
    return tuple(sorted(frames, key=lambda f: (f.cue_start, f.relation != "subject")))


@cache
def _frame_cues() -> frozenset[str]:
    """Every (lower-cased) token ``_sentence_frames`` can start a frame at; other tokens are skipped."""
    return frozenset(
        ["according", "per", "via", ":", *_CITING_CUES, *_PARTICIPLE_CUES, *word_list("speech_verbs")]
    )


@cache
def _cue_pattern() -> re.Pattern[str]:
    """Any frame cue as a substring of a lower-cased sentence.

    Most sentences attribute nothing; a sentence without any cue as a substring cannot hold
    a frame, so one regex search spares it tokenising and the walk over its tokens.
    """
    return re.compile("|".join(re.escape(cue) for cue in sorted(_frame_cues(), key=len, reverse=True)))


def _clause_subject_frame(text: str, tokens: list[Token], cue: int) -> Frame | None:
    """ "Clinton mocked the complaint, saying ...": the participle's speaker is the clause subject.

    The subject is the noun phrase that opens the sentence (after an introductory phrase
    set off by a comma, "In the wake of the attack, Trump ..."), and must be followed by
    a verb-like lower-case word; anything less certain gives no frame.
    """
    begin = 0
    while begin < cue and tokens[begin].lower in _OPENING_WORDS:
        begin += 1
    introductory = begin < cue and tokens[begin].lower.endswith(("ed", "ing")) and tokens[begin].is_capital
    if begin < cue and (tokens[begin].lower in _STOP or introductory):
        comma = next((k for k in range(begin, min(cue, begin + 12)) if tokens[k].text == ","), None)
        if comma is None:
            return None
        begin = comma + 1
    if begin >= cue or tokens[begin].text[0] == "§":
        return None
    token = tokens[begin]
    if token.lower in _PRONOUNS and token.lower not in ("he", "she", "they"):
        return None
    if token.lower in ("he", "she", "they"):
        mention: Mention | None = Mention(token.text, token.start, token.end, "pronoun", token.lower)
        end = begin + 1
    else:
        end = begin
        while end < cue and end - begin < 8 and _in_subject(tokens, end, begin):
            end += 1
        end = _before_parenthesis_forward(tokens, end, cue)
        mention = _mention(text, tokens[begin:end]) if end > begin else None
    if mention is None or mention.kind == "report" or end >= cue:
        return None
    following = tokens[end]
    if not (following.is_word and following.text.islower() and following.lower not in _PREPOSITIONS):
        return None
    return Frame(tokens[cue].lower, tokens[cue].start, tokens[cue].end, "subject", mention)


def _in_subject(tokens: list[Token], index: int, begin: int) -> bool:
    """True when ``tokens[index]`` can belong to a subject that opens a clause."""
    token = tokens[index]
    if token.text == ".":
        return index > begin and tokens[index - 1].lower in _HONORIFICS  # "Mr. Santorum"
    if not token.is_word:
        return False
    low = token.lower
    return (
        token.is_capital
        or low in _DETERMINERS
        or low in _PARTICLES
        or low == "of"
        or low in word_list("roles")
    )


def _before_parenthesis_forward(tokens: list[Token], end: int, limit: int) -> int:
    """Step over "(R-Texas)" after a name, so the verb after it is seen."""
    if end < limit and tokens[end].text == "(":
        for k in range(end + 1, min(end + 10, limit)):
            if tokens[k].text == ")":
                return k + 1
    return end


def _verb_position(tokens: list[Token], i: int) -> bool:
    """False where a verb form is a noun: "the reports", "dismissed reports", "a report"."""
    previous = tokens[i - 1].lower if i > 0 else ""
    if previous.endswith(("'s", "’s")):
        return False
    return previous not in _DETERMINERS and previous not in word_list("speech_verbs")


def _not_passive(tokens: list[Token], i: int) -> bool:
    """False for "was told", "is said", "been reported": the subject is not the source."""
    previous = tokens[i - 1].lower if i > 0 else ""
    return previous not in ("was", "were", "is", "are", "be", "been", "being")


def _subject_frames(text: str, tokens: list[Token], verb: int) -> list[Frame]:
    """Frames for a verb: its subject to the left, or after it when inverted ("said Peskov")."""
    cue = tokens[verb]
    frames = []
    mention = _subject_before(text, tokens, verb)
    if mention is not None:
        frames.append(Frame(cue.lower, cue.start, cue.end, "subject", mention))
        if tokens[verb - 1].lower in ("as",) or _preceded_by_as(tokens, verb):
            frames[-1] = Frame(cue.lower, cue.start, cue.end, "as", mention)
    elif verb == 0 or tokens[verb - 1].text in _BEFORE_INVERSION or tokens[verb - 1].text[0] == "§":
        after = _phrase_after(text, tokens, verb + 1)
        if after is not None and after.kind != "pronoun":
            frames.append(Frame(cue.lower, cue.start, cue.end, "inverted", after))
    return frames


def _preceded_by_as(tokens: list[Token], verb: int) -> bool:
    for j in range(verb - 1, max(verb - 8, -1), -1):
        if tokens[j].lower == "as":
            return j == 0 or not tokens[j - 1].is_word or tokens[j - 1].lower in ("and", "but")
        if not tokens[j].is_word:
            return False
    return False


def _subject_before(text: str, tokens: list[Token], verb: int) -> Mention | None:
    j = verb - 1
    while j >= 0 and (tokens[j].lower in _SKIP_BEFORE_VERB or tokens[j].lower.endswith("ly")):
        j -= 1
    j = _before_parenthesis(tokens, j)
    if j > 0 and tokens[j].text == ",":
        appositive = _appositive_subject(text, tokens, j)
        if appositive is not None:
            return appositive
        if tokens[j - 1].is_capital and tokens[j - 1].is_word:
            j -= 1  # "Thornbury's mayor, Councillor Jean Pellow, said"
    if j < 0:
        return None
    if tokens[j].lower in _PRONOUNS:
        token = tokens[j]
        return Mention(token.text, token.start, token.end, "pronoun", token.lower)
    return _phrase_before(text, tokens, j)[0]


def _phrase_before(text: str, tokens: list[Token], last: int) -> tuple[Mention | None, int]:
    """The noun phrase ending at token ``last``, and the index of its first token."""
    first = last
    while first >= 0 and last - first <= 11:
        token = tokens[first]
        if token.text == "." and first > 0 and tokens[first - 1].lower in _HONORIFICS:
            first -= 1
            continue
        if token.lower == "by" and first > 1 and tokens[first - 1].lower in _PARTICIPLES:
            first -= 2  # "An internal memo seen by TechTattle says"
            continue
        if not token.is_word or token.lower in _STOP or token.lower in _PRONOUNS:
            break
        if token.lower in word_list("speech_verbs") and token.text.islower():
            break
        first -= 1
    return _mention(text, tokens[first + 1 : last + 1]), first + 1


def _before_parenthesis(tokens: list[Token], j: int) -> int:
    """Step back over a short aside before the verb: "Rep. Gwen Moore (D-Wis.) said"."""
    if j < 0 or tokens[j].text != ")":
        return j
    for k in range(j - 1, max(j - 10, -1), -1):
        if tokens[k].text == "(":
            return k - 1
        if tokens[k].text[0] == "§":
            break
    return j


def _appositive_subject(text: str, tokens: list[Token], comma: int) -> Mention | None:
    """The subject before asides set off by commas: "Scott Pruitt, the attorney general, said".

    Walking back over the comma-delimited asides, every noun phrase that starts a clause
    (sentence start, after a quote, a comma or a conjunction) is a candidate; the farthest
    named one wins ("The headliners, The Velvet Arcade, a '90s act, said" -> the band), so a
    place inside an aside ("Trump, speaking in Virginia, said") is never the speaker.
    """
    candidates: list[Mention] = []
    end = comma
    while comma - end < _APPOSITIVE_REACH:
        reach = max(-1, comma - _APPOSITIVE_REACH - 1)
        start = next((k for k in range(end - 1, reach, -1) if tokens[k].text in _ASIDE_LIMITS), -1)
        if start < 0 or tokens[start].text != ",":
            break
        aside = tokens[start + 1 : end]
        if not aside or len(aside) > 20:
            break
        whole, first = _phrase_before(text, tokens, _before_parenthesis(tokens, end - 1))
        if whole is not None and first == start + 1 and whole.kind in ("person", "outlet", "institution"):
            candidates.append(whole)  # the aside is itself a name: "the mayor, Jean Pellow, said"
        j = _before_parenthesis(tokens, start - 1)
        if j >= 0 and tokens[j].is_word and tokens[j].lower not in _PRONOUNS:
            mention, first = _phrase_before(text, tokens, j)
            if mention is not None and mention.kind != "report" and _starts_clause(tokens, first):
                candidates.append(mention)
        end = start
    named = [m for m in candidates if m.kind in ("person", "outlet", "institution")]
    if named:
        return named[-1]
    return candidates[-1] if candidates else None


def _starts_clause(tokens: list[Token], first: int) -> bool:
    if first == 0:
        return True
    previous = tokens[first - 1]
    return (
        previous.text[0] == "§"
        or previous.text in _CLAUSE_OPENERS
        or previous.lower in ("and", "but", "so", "yet")
    )


_APPOSITIVE_REACH = 40  # tokens an appositive subject may stand before its verb
_ASIDE_LIMITS = frozenset([",", ";", ":", "§", "(", ")", "—", "–"]) | frozenset('"“”‘’«»')
_CLAUSE_OPENERS = frozenset([",", ":", ";", "—", "–", "(", '"', "“", "”", "«", "»"])


def _phrase_after(text: str, tokens: list[Token], begin: int, *, limit: int = 12) -> Mention | None:
    last = begin
    while last < len(tokens) and last - begin < limit:
        token = tokens[last]
        if token.text == "." and last > begin and tokens[last - 1].lower in _HONORIFICS:
            last += 1
            continue
        if not token.is_word or token.lower in _STOP or token.lower in word_list("speech_verbs"):
            break
        if last > begin and token.lower in _PHRASE_ENDS:
            break
        last += 1
    if last == begin:
        return None
    if last == begin + 1 and tokens[begin].lower in _PRONOUNS:
        token = tokens[begin]
        return Mention(token.text, token.start, token.end, "pronoun", token.lower)
    return _mention(text, tokens[begin:last])


def _object_frame(
    text: str, tokens: list[Token], cue: int, begin: int, relation: Relation, *, outlets_only: bool = False
) -> Frame | None:
    mention = _phrase_after(text, tokens, begin)
    if mention is None or mention.kind == "pronoun":
        return None
    if outlets_only and mention.kind != "outlet":
        return None
    cue_end = tokens[begin - 1].end
    return Frame(text[tokens[cue].start : cue_end].lower(), tokens[cue].start, cue_end, relation, mention)


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
    if outlet is not None:
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
        if token.lower in roles or token.lower in _HONORIFICS or token.text == ".":
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


def _role_text(text: str, tokens: list[Token]) -> str | None:
    words = [t for t in tokens if t.lower not in _DETERMINERS and t.text != "."]
    if not words:
        return None
    return text[words[0].start : words[-1].end]


_Entry = TypeVar("_Entry", tuple[int, str], tuple[int, str, frozenset[str]])


@cache
def _organisation_words() -> frozenset[str]:
    """Words that make a capitalised run an organisation ("Ministry", "Corp")."""
    return word_list("institutions") | word_list("company_words")


@cache
def _not_in_names() -> frozenset[str]:
    """Words that keep a capitalised run from being learned as a person's full name."""
    return _organisation_words() | _STOP | _DETERMINERS | word_list("roles")


@lru_cache(maxsize=16)
def _learned_names(text: str) -> Resolver:
    """The names, roles and entities read from a whole text, shared (never mutated) by the
    resolvers ``Resolver.for_text`` hands out. Bounded: one event's documents at a time."""
    return Resolver._learn(text)


@dataclass
class Resolver:
    """Per-document memory that turns pronouns, surnames and descriptions into full names.

    ``full_names`` is read from the whole text first, so a bare "Peskov" resolves even when
    his first mention is a role phrase the frame finder did not take as a speaker. ``persons``
    and ``organisations`` list every named entity in reading order, so a description ("the
    despot", "the company") resolves to the nearest compatible name before it, the way a
    reader does, without a parser.
    """

    full_names: list[tuple[int, str]] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    history: list[tuple[str, MentionKind]] = field(default_factory=list)
    persons: list[tuple[int, str]] = field(default_factory=list)
    organisations: list[tuple[int, str, frozenset[str]]] = field(default_factory=list)
    held_roles: dict[str, set[str]] = field(default_factory=dict)
    by_surname: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    @classmethod
    def for_text(cls, text: str) -> Resolver:
        """A fresh resolver for ``text``: its own memory of what it resolves, over names learned once.

        Quotes and sources each resolve a document in reading order, so each needs its own
        memory; the names read from the whole text are the same for both and are learned once.
        """
        learned = _learned_names(text)
        return replace(
            learned,
            roles=dict(learned.roles),
            held_roles={name: set(words) for name, words in learned.held_roles.items()},
            history=list(learned.history),
        )

    @classmethod
    def _learn(cls, text: str) -> Resolver:
        resolver = cls()
        runs: list[list[Token]] = []
        run: list[Token] = []
        tokens = [*tokenize(text, 0, len(text)), Token(",", len(text), len(text), ",", False, False)]
        for index, token in enumerate(tokens):
            same_line = not run or "\n" not in text[run[-1].end : token.start]
            if (
                token.is_word
                and same_line
                and (token.is_capital or (run and (token.lower in _PARTICLES or token.lower == "of")))
            ):
                run.append(token)
                continue
            if run:
                before = tokens[max(0, index - len(run) - 3) : index - len(run)]
                while before and not all(t.is_word for t in before):
                    before = before[1:]  # role words only from the same phrase
                resolver._learn_run(text, run, [t.lower for t in before])
                runs.append(run)
            run = []
        for at, full in resolver.full_names:
            resolver.by_surname.setdefault(full.split()[-1], []).append((at, full))
        surnames = set(resolver.by_surname)
        starts = {at for at, _ in resolver.full_names}
        for run in runs:
            resolver._index_run(text, run, surnames, starts)
        return resolver

    def _learn_run(self, text: str, run: list[Token], before: list[str]) -> None:
        """Learn a full name, and the role words written just before it ("spokesman Dmitry Peskov")."""
        name = _trailing_name(run)
        if not 2 <= len(name) <= 4:
            return
        lowered = {token.lower for token in name}
        if lowered & _not_in_names():
            return
        full = text[name[0].start : name[-1].end]
        if find_outlet(full, 0, len(full)) is not None:
            return
        self.full_names.append((name[0].start, full))
        words = [*before, *(t.lower for t in run[: len(run) - len(name)])]
        role = [word for word in words if word in word_list("roles")]
        for word in role:
            self.roles.setdefault(word, full)
            self.held_roles.setdefault(full, set()).add(word)

    def _index_run(self, text: str, run: list[Token], surnames: set[str], starts: set[int]) -> None:
        """Record where a person or an organisation is named, for resolving descriptions."""
        name = _trailing_name(run)
        bare = _bare(run[-1].text)
        if name and name[0].start in starts:
            self.persons.append((name[0].start, text[name[0].start : name[-1].end]))
            return
        if len(run) == 1 and bare in surnames:
            self.persons.append((run[-1].start, self.full_name(bare, run[-1].start)))
            return
        lowered = {_bare(token.text).lower() for token in run}
        organisation = lowered & _organisation_words()
        while run and (run[0].lower in _DETERMINERS or run[0].lower in _STOP):
            run = run[1:]
        if organisation and run and find_outlet(text, run[0].start, run[-1].end) is None:
            name_text = text[run[0].start : run[-1].start + len(_bare(run[-1].text))]
            self.organisations.append((run[0].start, name_text, frozenset(organisation)))
        elif run and _bare(run[-1].text) in surnames:
            self.persons.append((run[-1].start, self.full_name(_bare(run[-1].text), run[-1].start)))

    def full_name(self, name: str, position: int) -> str:
        """The earlier full name whose last word is ``name`` (or anywhere, failing that)."""
        parts = name.split()
        if len(parts) != 1:
            return name
        candidates = self.by_surname.get(name, [])
        earlier = [full for at, full in candidates if at < position]
        if earlier:
            return earlier[-1]
        return candidates[0][1] if candidates else name

    def resolve(self, mention: Mention) -> tuple[str, MentionKind] | None:
        """The resolved (name, kind) of a mention, remembering it for later pronouns."""
        if mention.kind == "pronoun":
            answer = self._pronoun(mention.name) or self._nearest_person(mention)
            if answer is not None:
                self.history.append(answer)
            return answer
        resolved: tuple[str, MentionKind]
        if mention.kind == "person":
            resolved = (self.full_name(mention.name, mention.start), mention.kind)
            for word in (mention.role or "").lower().split():
                if word in word_list("roles"):
                    self.roles[word] = resolved[0]
                    self.held_roles.setdefault(resolved[0], set()).add(word)
        elif mention.kind == "anonymous":
            holder = self._role_holder(mention) or self._described_person(mention)
            earlier = self._earlier_group(mention)
            if holder:
                resolved = (holder, "person")
            elif earlier:
                return earlier, "anonymous"
            else:
                resolved = (mention.name, mention.kind)
        elif mention.kind == "institution":
            resolved = (self._described_organisation(mention) or mention.name, mention.kind)
        else:
            resolved = (mention.name, mention.kind)
        if mention.kind != "report":
            self.history.append(resolved)
        return resolved

    def _role_holder(self, mention: Mention) -> str | None:
        words = mention.text.lower().split()
        if not words or words[0] not in ("the", "this"):
            return None
        return self.roles.get(words[-1])

    def _described_person(self, mention: Mention) -> str | None:
        """ "The despot", "the Russian leader": the nearest person named before, if compatible.

        A person known to hold another role ("Kremlin spokesman Dmitry Peskov") is not "the
        president"; an office ("the mayor") goes only to someone given that title; plural
        descriptions ("the officials") are groups, never one person.
        """
        head = _description_head(mention.text)
        if head is None or head not in word_list("roles") or _plural(head):
            return None
        office = head in word_list("offices")  # "the mayor" is whoever was called mayor
        for _, name in self._before(self.persons, mention.start):
            held = self.held_roles.get(name)
            if (held and head in held) or (not office and not held):
                return name
        return None

    def _nearest_person(self, mention: Mention) -> tuple[str, MentionKind] | None:
        """ "He"/"she" with no earlier speaker: the nearest person named before it."""
        if _PRONOUNS.get(mention.name) != "person" or mention.name == "i":
            return None
        for _, name in self._before(self.persons, mention.start, limit=1):
            return name, "person"
        return None

    def _described_organisation(self, mention: Mention) -> str | None:
        """ "The company", "the ministry": the nearest organisation of that kind named before."""
        head = _description_head(mention.text)
        if head is None:
            return None
        if head in word_list("company_nouns"):
            wanted = word_list("company_words")
        elif head in word_list("institutions"):
            wanted = frozenset([head])
        else:
            return None
        for _, name, words in self._before(self.organisations, mention.start):
            if words & wanted:
                return name
        for name, kind in reversed(self.history[-6:]):
            if (
                kind == "institution"
                and name.lower().split()[-1] == head
                and name.lower() != mention.text.lower()
            ):
                return name  # "the regional fire brigade ... the brigade said"
        return None

    @staticmethod
    def _before(entries: list[_Entry], position: int, *, limit: int = 6) -> list[_Entry]:
        """Up to ``limit`` entries named before ``position`` within reach, nearest first."""
        index = bisect.bisect_left(entries, (position,))
        chosen = [entry for entry in entries[max(0, index - limit) : index] if position - entry[0] <= _REACH]
        return chosen[::-1]

    def _earlier_group(self, mention: Mention) -> str | None:
        """ "The sources" / "the insiders": the unnamed source introduced just before."""
        words = mention.text.lower().split()
        if (
            len(words) < 2
            or words[0] not in ("the", "these", "those")
            or words[-1] not in word_list("anonymous")
        ):
            return None
        for name, kind in reversed(self.history[-6:]):
            if kind == "anonymous" and name.lower() != mention.text.lower():
                return name
        return None

    def _pronoun(self, pronoun: str) -> tuple[str, MentionKind] | None:
        want = _PRONOUNS.get(pronoun)
        for name, kind in reversed(self.history[-6:]):
            if want == "person" and kind == "person":
                return name, kind
            if want == "person" and kind == "anonymous" and not name.lower().endswith("s"):
                return name, kind  # "a Halvorsen spokesperson ... he called"
            if want == "group" and kind in ("anonymous", "institution", "person"):
                return name, kind
            if want == "thing" and kind in ("outlet", "institution"):
                return name, kind
        return None

    def note(self, name: str, kind: MentionKind) -> None:
        """Remember a speaker found another way (a quote continuing the previous one)."""
        self.history.append((name, kind))


_REACH = 2500  # characters a description may reach back for its name


_POSSESSIVE = re.compile(r"['’]s?$")


def _bare(word: str) -> str:
    """A word without its possessive ending: "Putin’s" -> "Putin"."""
    return _POSSESSIVE.sub("", word)


def _plural(word: str) -> bool:
    return word.endswith(("s", "men", "people")) and not word.endswith(("ss", "us"))


def _description_head(text: str) -> str | None:
    """The head noun of a definite description ("the Oslo-based software company" -> company).

    None unless the phrase opens with "the"/"this"/"that" and its head is lower case: "The
    Velvet Arcade" is a name, not a description.
    """
    words = text.split()
    if len(words) < 2 or words[0].lower() not in ("the", "this", "that") or not words[-1].islower():
        return None
    return words[-1]
