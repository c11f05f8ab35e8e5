"""Name the outlet that wrote an article from the article's own words about itself.

Metadata and a ``--label`` win; when neither is given, an article often names its publisher:
"RadarOnline.com has learned", "As RadarOnline.com previously reported", "told Fox News",
"Sign up for the RadarOnline.com newsletter", "Copyright 2024 Fox News Network". An outlet
also names other outlets, but it cites them in the third person: "according to Daily Mail",
"Bloomberg reported", "per Bloomberg". So a name counts only when it stands in a
self-referential frame and is never cited; the most frequent such name wins, and with none the
caller falls back to the file name.

"told X" is the weakest frame: a politician "told CNN" in a New York Times article too. It
counts only for a name that looks like an outlet's and that the article does not also cite;
every frame except the newsletter and copyright lines asks for an outlet-like name (ending in
.com or .co.uk, on the shipped outlet list, ending in an outlet word such as "News", or one
word written like "HuffPost"), so "Trump has learned" or "told Putin" never name a publisher.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

# Words and site names of at most 40 characters, matched possessively, so that no text (a
# pasted page of capitals) makes the matching backtrack.
_SITE = r"[A-Z][A-Za-z0-9-]{0,40}+(?:\.[A-Za-z0-9-]{1,40}+){0,3}?\.(?:com|co\.uk|org|net)\b"
_WORD = r"[A-Z][A-Za-z0-9&-]{0,40}+"
# A site name, or one to five capitalised words (an optional leading "The").
_NAME = rf"(?:{_SITE}|(?:The\s+)?{_WORD}(?:[ \t]+{_WORD}){{0,4}})"
_N = rf"(?P<name>{_NAME})"
_POSSESSIVE = r"(?:['\u2019]s)?"
# "told NBC's Lester Holt", "told PBS' Charlie Rose": the interviewer's outlet, not the article's.
_POSSESSIVE_MARK = r"['\u2019]"

_HAS_LEARNED = r"(?:has|have)\s+(?:exclusively\s+)?(?:learned|learnt|obtained|reached out|contacted)\b"
_SIGN_UP = r"\b(?:[Ss]ign up|[Ss]ubscribe)\s+(?:for|to)\s+(?:the\s+)?"
_COPYRIGHT = r"(?m)^[ \t]*(?:©|\([cC]\)|Copyright\b)[ \t]*(?:©[ \t]*)?(?:\d{4}(?:-\d{2,4})?[ \t]*)?"
_IN_A_STATEMENT = r"\b(?:in\s+a\s+statement|in\s+an\s+interview|speaking\s+exclusively)\s+(?:to|with)\s+"

# Frames in which an article names itself: (pattern, weight, whether the name must look like an
# outlet's). A newsletter or copyright line names the publisher whatever its name looks like.
_SELF_FRAMES: tuple[tuple[re.Pattern[str], int, bool], ...] = tuple(
    (re.compile(pattern), weight, needs_outlet_name)
    for pattern, weight, needs_outlet_name in (
        (rf"\b{_N}\s+{_HAS_LEARNED}", 2, True),
        (rf"\b{_N}\s+can\s+(?:exclusively\s+)?reveal\b", 2, True),
        (rf"\b{_N}\s+(?:reached out to|contacted)\b", 2, True),
        (rf"\b(?:reached|contacted)\s+by\s+{_N}", 2, True),
        (rf"\brequests?\s+for\s+comment\s+from\s+{_N}", 2, True),
        (rf"\b(?:respond|responded|reply|replied)\s+to\s+{_N}['\u2019]s?\s+(?:\w+\s+)?requests?\b", 2, True),
        (rf"\b{_N}\s+understands\b(?=\s+(?:that\b|[a-z]))", 2, True),
        (rf"\bAs\s+{_N}\s+(?:has\s+)?(?:previously|exclusively|earlier)\s+reported\b", 2, True),
        (rf"{_SIGN_UP}{_N}{_POSSESSIVE}\s+(?:\w+\s+){{0,2}}newsletter", 2, False),
        (rf"{_COPYRIGHT}{_N}", 2, False),
        (rf"\btold\s+{_N}(?!{_POSSESSIVE_MARK})", 1, True),
        (rf"{_IN_A_STATEMENT}{_N}", 1, True),
    )
)

# Frames in which an article cites another outlet: a name found here is never the article's own.
_CITATION_FRAMES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        rf"\b[Aa]ccording\s+to\s+(?:a\s+report\s+(?:by|from|in)\s+)?(?:the\s+)?{_N}",
        # "Bloomberg reported", "Bloomberg previously reported", but not the outlet's own
        # "As RadarOnline.com previously reported" (that frame is the self-reference above).
        rf"(?<![Aa]s\s)\b{_N}{_POSSESSIVE}\s+(?:first\s+|also\s+|had\s+|has\s+|previously\s+|originally\s+)?"
        r"(?:reported|reports|said|says|wrote|writes|noted|cited|quoted|citing|published|revealed|broke)\b",
        rf"\b[Aa]s\s+(?:the\s+)?{_N}\s+(?:first\s+|also\s+|originally\s+)?(?:reported|reports|noted)\b",
        rf"\b(?:per|citing|via)\s+(?:the\s+)?{_N}",
        rf"\b(?:reported|cited|published|obtained|quoted|revealed|seen|first\s+reported)\s+by\s+(?:the\s+)?{_N}",
        rf"\b(?:[Aa]|[Aa]n|[Tt]he)\s+{_N}\s+(?:report|article|story|investigation|interview|piece)\b",
        rf"\b{_N}['\u2019]s\s+(?:report|article|story|investigation|reporting|interview)\b",
        rf"\b(?:reports?|article|story|interview)\s+(?:by|from|in|with)\s+(?:the\s+)?{_N}",
        # An interview the outlet did itself is not "released" or "aired" for its readers.
        rf"\b(?:told|with)\s+{_N}\s+(?:in|during)\s+an?\s+interview\s+(?:that\s+(?:was\s+)?|which\s+(?:was\s+)?)?"
        r"(?:released|published|aired|broadcast)",
    )
)

# The words every self-referential frame holds, and how far around them a frame can reach.
_SELF_CUES = re.compile(
    r"learned|learnt|obtained|reached|contacted|reveal|understands|reported|newsletter|©|\([cC]\)"
    r"|Copyright|told|statement|interview|speaking|comment|respon|repl"
)
_MARGIN = 300
_HEAD, _TAIL = 200_000, 50_000
# A strong frame alone names the outlet; "told X" needs to be said twice.
_ENOUGH = 2
_SITE_NAME = re.compile(rf"^{_SITE}$")
# "HuffPost", "BuzzFeed", "MailOnline": a capital after at least three letters (not "McConnell").
_CAMEL_CASE = re.compile(r"^[A-Z][a-z]{2,}[A-Z][A-Za-z]*$")


def outlet_from_text(text: str) -> str | None:
    """The name the article uses for its own outlet, or ``None`` when it never names itself.

    Every self-reference of a name adds its frame's weight; a name the article also cites in
    the third person is dropped. The heaviest name wins (the earlier on a tie), written as the
    article writes it most often.
    """
    weights: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    first_seen: dict[str, int] = {}
    # A page pasted whole (up to the 10 MB input limit) is read at its head and its tail only,
    # where an article names itself (the byline area, the newsletter and copyright lines).
    head, tail = _SELF_CUES.finditer(text, 0, _HEAD), _SELF_CUES.finditer(text, max(_HEAD, len(text) - _TAIL))
    for start, end in _windows(text, itertools.chain(head, tail)):
        for frame, weight, needs_outlet_name in _SELF_FRAMES:
            for match in frame.finditer(text, start, end):
                found = _tidy(match.group("name"))
                name = _outlet_prefix(found) or ("" if needs_outlet_name else found)
                if not name:
                    continue
                key = _key(name)
                weights[key] += weight
                spellings.setdefault(key, Counter())[name] += 1
                first_seen[key] = min(first_seen.get(key, match.start()), match.start())
    if weights:
        for key in _cited(text, spellings):
            del weights[key]
    if not weights:
        return None
    best = max(weights, key=lambda key: (weights[key], -first_seen[key]))
    if weights[best] < _ENOUGH:
        return None
    return spellings[best].most_common(1)[0][0]


def _cited(text: str, spellings: dict[str, Counter[str]]) -> set[str]:
    """The keys among ``spellings`` that the article also cites in the third person.

    Only the text around a mention of a candidate's first word is searched.
    """
    words = {
        next((word for word in spelling.split() if word != "The"), spelling)
        for names in spellings.values()
        for spelling in names
    }
    first_words = re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))
    mentions = itertools.chain(
        first_words.finditer(text, 0, _HEAD), first_words.finditer(text, max(_HEAD, len(text) - _TAIL))
    )
    cited: set[str] = set()
    for start, end in _windows(text, mentions):
        for frame in _CITATION_FRAMES:
            cited.update(_key(match.group("name")) for match in frame.finditer(text, start, end))
    return cited & set(spellings)


def _windows(text: str, cues: Iterator[re.Match[str]]) -> list[tuple[int, int]]:
    """Merged stretches of text around each cue, wide enough to hold any frame around it, so
    the frames are matched near their cue words only (a 10 MB article costs no more than its
    cue words)."""
    windows: list[tuple[int, int]] = []
    for cue in cues:
        start, end = max(0, cue.start() - _MARGIN), min(len(text), cue.end() + _MARGIN)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _tidy(name: str) -> str:
    """The name without a trailing full stop that ended the sentence ("told CNN.")."""
    return name.strip().rstrip(".")


def _key(name: str) -> str:
    """One key for the spellings of one outlet: "Bloomberg News" and "Bloomberg", "Fox News
    Digital" and "Fox News", "RadarOnline.com" and "Radar Online".

    A known outlet (also followed by outlet words: "Fox News Digital") gives its canonical
    name; otherwise the lower-cased name without "The" and without a trailing .com.
    """
    from .extract.speakers import canonical_outlet

    words = _tidy(_outlet_prefix(name) or name).split()
    for size in range(len(words), 0, -1):
        canonical = canonical_outlet(" ".join(words[:size]))
        if canonical and all(word.lower() in _outlet_words() for word in words[size:]):
            return canonical.lower()
    bare = re.sub(r"^the\s+", "", " ".join(words), flags=re.IGNORECASE).lower()
    return re.sub(r"\.(?:com|co\.uk|org|net)$", "", bare)


def _outlet_prefix(name: str) -> str | None:
    """The longest run of the name's first words that names an outlet ("Fox News Digital" of
    "Fox News Digital Friday"), or ``None``."""
    words = name.split()
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[:size])
        if _is_outlet_name(candidate):
            return candidate
    return None


def _is_outlet_name(name: str) -> bool:
    """A site name, a known outlet, a name ending in an outlet word ("Fox News Digital", "The
    Harbour Times"), or one word written like a brand ("HuffPost")."""
    from .extract.speakers import canonical_outlet

    if _SITE_NAME.match(name) or _CAMEL_CASE.match(name) or canonical_outlet(name):
        return True
    words = name.split()
    core = words[1:] if words[0] == "The" else words
    return len(core) > 1 and core[-1].lower() in _outlet_words()


@cache
def _outlet_words() -> frozenset[str]:
    """Words that end an outlet's name (``extract/data/outlet_words.txt`` and a few more)."""
    from .extract.wordlists import word_list

    return word_list("outlet_words") | {"digital", "online", "magazine", "daily", "network"}
