"""Find who speaks in a sentence: attribution frames ("X said", "said X", "according to X").

Quotes and sourcing chains ask the same question — who is this attributed to? — so both read
the frames found here. Rules and shipped word lists only (no parser models can be installed):
a reporting verb from ``data/speech_verbs.txt`` anchors a frame and the noun phrase beside it
is the speaker (read by ``mentions.py``); ``resolver.py`` then turns "he", "Peskov" or "the
Kremlin spokesman" into the full name given earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from .mentions import (
    _DETERMINERS,
    _PARTICIPLES,
    _PARTICLES,
    _PREPOSITIONS,
    _PRONOUNS,
    _STOP,
    Mention,
    MentionKind,
    Token,
    _mention,
    dot_in_name,
    tokenize,
)
from .outlets import canonical_outlet, find_outlet, outlet_aliases
from .resolver import Resolver
from .wordlists import word_list

__all__ = [
    "Frame",
    "Mention",
    "MentionKind",
    "Relation",
    "Resolver",
    "Token",
    "canonical_outlet",
    "find_frames",
    "find_outlet",
    "outlet_aliases",
    "tokenize",
]

Relation = Literal["subject", "inverted", "according", "per", "citing", "via", "told", "as"]
_SKIP_BEFORE_VERB = word_list("verb_adverbs")
_CITING_CUES = word_list("citing_cues")
_PARTICIPLE_CUES = word_list("participle_cues")
_OPENING_WORDS = word_list("opening_words")
_PHRASE_ENDS = word_list("phrase_ends")
# Punctuation after which a verb may come before its speaker: ', said Peskov', '," said Peskov'.
_NAMED_OR_PRONOUN = frozenset(["person", "pronoun", "outlet", "institution"])
_DASHES = frozenset(["-", "—", "–"])  # "“...” — Bernie Sanders." signs a quote
_BEFORE_INVERSION = frozenset(",—–-(\"'”’»›」")


@dataclass(frozen=True)
class Frame:
    """An attribution frame: the cue ("said", "according to") and whom it points at."""

    cue: str
    cue_start: int
    cue_end: int
    relation: Relation
    mention: Mention


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
    verbs = cue_verbs()
    speech = word_list("speech_verbs")
    cues = _frame_cues()
    frames: list[Frame] = []
    learned: list[Frame] = []  # frames of learned cue words, kept for a sentence with no other
    for i, token in enumerate(tokens):
        low = token.lower
        if low not in cues:
            continue
        if frames and frames[-1].mention.start <= token.start < frames[-1].mention.end:
            continue  # "according to media reports": the cue word is the frame's own noun
        frame: Frame | None = None
        if low == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to":
            frame = _object_frame(text, tokens, i, i + 2, "according")
        elif low == "per" and i > 0 and not tokens[i - 1].is_word:
            frame = _object_frame(text, tokens, i, i + 1, "per")
        elif low in _CITING_CUES and _not_passive(tokens, i):
            frame = _object_frame(text, tokens, i, i + 1, "citing")
            if frame is not None and low in ("cites", "cited", "quoted"):
                frames.extend(_subject_frames(text, tokens, i))
        elif (
            low in _PARTICIPLE_CUES
            and i > 0
            and (tokens[i - 1].text in (",", "—", "–") or tokens[i - 1].text[0] == "§")
        ):
            frame = _added_frame(tokens, i, frames) or _clause_subject_frame(text, tokens, i)
        elif token.text == ":" and i + 1 < len(tokens) and tokens[i + 1].text[0] == "§" and not frames:
            # "Biden was quick to retort: “...”", or a name alone: "Trump: ‘We will win.’"
            frame = _label_frame(text, tokens, i) or _clause_subject_frame(text, tokens, i)
        elif token.text in _DASHES and (i == 0 or tokens[i - 1].text[0] == "§"):
            frame = _dash_frame(text, tokens, i)  # "“...” — Bernie Sanders."
        elif low == "via":
            frame = _object_frame(text, tokens, i, i + 1, "via", outlets_only=True)
        elif _phrasal_cue(tokens, i) and token.text.islower() and _verb_position(tokens, i):
            frames.extend(_subject_frames(text, tokens, i))  # "Bennett shot back"
        elif (
            low in verbs
            and (token.text.islower() or i == 0)
            and _not_passive(tokens, i)
            and _verb_position(tokens, i)
        ):
            found = _subject_frames(text, tokens, i)
            (frames if low in speech else learned).extend(found)
            if low in ("told", "tells"):
                frame = _object_frame(text, tokens, i, i + 1, "told", outlets_only=True)
        if frame is not None:
            frames.append(frame)
    if not frames:
        # A learned cue ("blasted", "ruled out") in a sentence with a plainer frame is most
        # often inside what is reported: "investigators have not ruled out ..., a spokesperson said".
        # Only a named subject or a pronoun is taken: "forecasters issued a warning" is news,
        # not attribution, far more often than "Trump blasted ..." is.
        # A relative clause with a learned cue ("Veles, who has ruled for 14 years") describes.
        frames = [
            frame
            for frame in learned
            if frame.mention.kind in _NAMED_OR_PRONOUN and frame.mention.text.lower() != "who"
        ]
    return tuple(sorted(frames, key=lambda f: (f.cue_start, f.relation != "subject")))


@cache
def cue_verbs() -> frozenset[str]:
    """Words that attribute what follows to their subject: the hand-made speech verbs and the
    cue words learned from PolNeAR's train split (``data/attribution_cues.txt``), which name
    the ways news attributes that a list from memory misses ("blasted", "vowed", "tweeted")."""
    return word_list("speech_verbs") | word_list("attribution_cues")


@cache
def _frame_cues() -> frozenset[str]:
    """Every (lower-cased) token ``_sentence_frames`` can start a frame at; other tokens are skipped."""
    phrasal = (cue.split()[0] for cue in word_list("phrasal_cues"))
    return frozenset(
        ["according", "per", "via", ":", *_DASHES, *_CITING_CUES, *_PARTICIPLE_CUES, *cue_verbs(), *phrasal]
    )


def _phrasal_cue(tokens: list[Token], i: int) -> bool:
    """True at the first word of a two-word saying verb ("shot back", "weighed in")."""
    return i + 1 < len(tokens) and f"{tokens[i].lower} {tokens[i + 1].lower}" in word_list("phrasal_cues")


@cache
def _cue_pattern() -> re.Pattern[str]:
    """Any frame cue as a substring of a lower-cased sentence.

    Most sentences attribute nothing; a sentence without any cue as a substring cannot hold
    a frame, so one regex search spares it tokenising and the walk over its tokens.
    """
    words = sorted(_frame_cues() - _DASHES, key=len, reverse=True)
    return re.compile("|".join([r"(?:^|§)\s*[-—–]\s*[^\W\d_]", *(re.escape(cue) for cue in words)]))


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
        comma = next((k for k in range(begin, min(cue, begin + 25)) if tokens[k].text == ","), None)
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


def _added_frame(tokens: list[Token], cue: int, frames: list[Frame]) -> Frame | None:
    """ "Spicer said, adding, “...”": a participle right after a frame shares its speaker."""
    if cue < 2 or not frames:
        return None
    before = tokens[cue - 2].end
    last = frames[-1]
    if before not in (last.cue_end, last.mention.end):
        return None
    return Frame(tokens[cue].lower, tokens[cue].start, tokens[cue].end, "subject", last.mention)


def _dash_frame(text: str, tokens: list[Token], dash: int) -> Frame | None:
    """ "“We will win.” — Bernie Sanders.": a name after a dash that ends the sentence signs the quote."""
    mention = _phrase_after(text, tokens, dash + 1)
    if mention is None or mention.kind not in ("person", "outlet"):
        return None
    rest = [t for t in tokens if t.start >= mention.end]
    if rest and rest[0].text not in (".", ","):
        return None
    return Frame(tokens[dash].text, tokens[dash].start, tokens[dash].end, "inverted", mention)


def _label_frame(text: str, tokens: list[Token], colon: int) -> Frame | None:
    """ "Trump: ‘We will win.’", "Polls agree - Carl Bialik: “...”": a name standing alone
    before a colon and a quote (a headline's or a digest's way to attribute) speaks it."""
    if colon == 0:
        return None
    mention, first = _phrase_before(text, tokens, colon - 1)
    if mention is None or mention.kind not in ("person", "outlet") or mention.end != tokens[colon - 1].end:
        return None
    if first > 0 and tokens[first - 1].text not in ("-", "—", "–"):
        return None
    return Frame(":", tokens[colon].start, tokens[colon].end, "subject", mention)


def _in_subject(tokens: list[Token], index: int, begin: int) -> bool:
    """True when ``tokens[index]`` can belong to a subject that opens a clause."""
    token = tokens[index]
    if token.text == ".":
        return index > begin and dot_in_name(tokens, index)  # "Mr. Santorum", "George W. Bush"
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
    if previous == "to" and tokens[i].lower.endswith("s"):
        return False  # "according to reports": never "to" and a verb's -s form
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
    elif tokens[verb - 1].lower == "and" and verb > 1 and tokens[verb - 2].is_word:
        # "Grimm stormed back, leaned into him and said": the clause's subject says it.
        shared = _clause_subject_frame(text, tokens, verb)
        frames.extend([shared] if shared is not None else [])
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
    # A date between a speaker and a saying verb ("Priebus on Thursday told") is stepped over;
    # before a learned cue it is news ("The government on Monday withdrew ...").
    dates = word_list("calendar_words") if tokens[verb].lower in word_list("speech_verbs") else frozenset()
    while j >= 0 and (
        tokens[j].lower in _SKIP_BEFORE_VERB
        or tokens[j].lower.endswith("ly")
        or (tokens[j].lower in dates and j > 0)
        or (tokens[j].lower == "on" and j + 1 < verb and tokens[j + 1].lower in dates)
    ):
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
    if tokens[j].lower == "who" and j > 0:
        return _relative_subject(text, tokens, j)
    return _phrase_before(text, tokens, j)[0]


def _relative_subject(text: str, tokens: list[Token], who: int) -> Mention | None:
    """ "Trump, who said ...": the relative pronoun speaks for the noun phrase it follows.

    The mention keeps the pronoun's offsets (the words that stand in the verb's subject slot)
    with the antecedent's name and kind, so the resolver gives it the antecedent's full name.
    """
    last = who - 1
    if tokens[last].text == "," and last > 0:
        last -= 1
    last = _before_parenthesis(tokens, last)
    if last < 0 or not tokens[last].is_word:
        return None
    if tokens[last].lower in _PRONOUNS:
        return None  # "those who", "he who": no one named
    antecedent = _phrase_before(text, tokens, last)[0]
    if antecedent is None or antecedent.kind in ("report", "pronoun"):
        return None
    token = tokens[who]
    return Mention(token.text, token.start, token.end, antecedent.kind, antecedent.name, antecedent.role)


def _phrase_before(text: str, tokens: list[Token], last: int) -> tuple[Mention | None, int]:
    """The noun phrase ending at token ``last``, and the index of its first token."""
    first = last
    while first >= 0 and last - first <= 11:
        token = tokens[first]
        if dot_in_name(tokens, first):
            first -= 1
            continue
        if token.lower == "by" and first > 1 and tokens[first - 1].lower in _PARTICIPLES:
            first -= 2  # "An internal memo seen by TechTattle says"
            continue
        if not token.is_word or token.lower in _STOP or token.lower in _PRONOUNS:
            break
        if token.lower in cue_verbs() and token.text.islower():
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
        last = _before_parenthesis(tokens, end - 1)  # "Rep. Stephen Fincher (R-Tenn.), wrote"
        start = next((k for k in range(last, reach, -1) if tokens[k].text in _ASIDE_LIMITS), -1)
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
        if last > begin and dot_in_name(tokens, last):
            last += 1
            continue
        if not token.is_word or token.lower in _STOP:
            break
        if token.lower in word_list("speech_verbs") and not _report_noun(tokens, last, begin):
            break
        if last > begin and token.lower in _PHRASE_ENDS:
            break
        if _affiliation(tokens, begin, last):
            break
        last += 1
    if last == begin:
        return None
    if last == begin + 1 and tokens[begin].lower in _PRONOUNS:
        token = tokens[begin]
        return Mention(token.text, token.start, token.end, "pronoun", token.lower)
    return _mention(text, tokens[begin:last])


def _affiliation(tokens: list[Token], begin: int, index: int) -> bool:
    """True at "of the" after a person's name: "Stephen Vladeck of the University of Texas"
    names Vladeck, with his school as an aside ("Bank of America" has no "the")."""
    if tokens[index].lower != "of" or index - begin < 2 or index + 1 >= len(tokens):
        return False
    return tokens[index + 1].lower in ("the", "a", "an") and all(
        t.is_capital for t in tokens[index - 2 : index]
    )


def _report_noun(tokens: list[Token], index: int, begin: int) -> bool:
    """ "according to reports", "per media reports": a saying verb's form that is the noun here,
    opening the phrase or after a lower-case word, so the phrase names the report."""
    if tokens[index].lower not in word_list("report_nouns"):
        return False
    return index == begin or (tokens[index - 1].is_word and not tokens[index - 1].is_capital)


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
