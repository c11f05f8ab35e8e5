"""Find quoted words in an article, tell direct, partial and scare quotes apart, and name the speaker.

Quote marks are paired by their surroundings, not by counting: a mark between two letters
(Putin’s), before a digit ('90s) or in "rock 'n' roll" is an apostrophe; a mark after a space
opens, one before a space or punctuation closes. A quote never runs past its paragraph unless
the next paragraph opens with a mark (the news convention for a quote over several paragraphs),
so a stray or unclosed mark costs one quote, never the rest of the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..model import Quote, QuoteKind, Sentence
from ..spans import trim_span
from .mentions import dot_in_name, tokenize
from .roles import RoleBook
from .speakers import Frame, MentionKind, Resolver, find_frames
from .wordlists import word_list

# Mark -> (family, role); role "open", "close" or "either".
_MARKS: dict[str, tuple[str, str]] = {
    '"': ("double", "either"),
    "\u201c": ("double", "open"),  # “
    "\u201d": ("double", "close"),  # ”
    "\u201e": ("double", "open"),  # „
    "\u201f": ("double", "open"),
    "\u2033": ("double", "either"),  # ″
    "'": ("single", "either"),
    "\u2018": ("single", "open"),  # ‘
    "\u2019": ("single", "close"),  # ’
    "\u201a": ("single", "open"),  # ‚
    "\u00ab": ("guillemet", "open"),  # «
    "\u00bb": ("guillemet", "close"),  # »
    "\u2039": ("sguillemet", "open"),  # ‹
    "\u203a": ("sguillemet", "close"),  # ›
    "\u300c": ("corner", "open"),  # 「
    "\u300d": ("corner", "close"),  # 」
    "\u300e": ("wcorner", "open"),  # 『
    "\u300f": ("wcorner", "close"),  # 』
}
_OPEN_CONTEXT = set("([{—–-/:") | {"\u00a0"}
_CLOSE_CONTEXT = set(".,;:!?)]}—–-…/") | set(_MARKS)
# Elisions that start with an apostrophe: 'em, 'til, 'tis, 'cause, 'n'.
_ELISION = re.compile(r"(?:em|til|tis|twas|cause|bout|round|n)(?![^\W_])", re.IGNORECASE)
_SCARE_MAX_WORDS = 5
_CLAUSE_END = (",", "?", "!", "—", "–", "-", "…")
# Words that cannot sit between a quote and its speaker's verb: they start a new clause.
_NOT_IN_NAME = frozenset(
    [
        "and",
        "but",
        "or",
        "that",
        "which",
        "who",
        "because",
        "while",
        "when",
        "if",
        "as",
        "is",
        "was",
        "were",
        "has",
        "had",
    ]
)
# Cues that report how the outlet learned something, not who spoke the quoted words.
_NOT_SPEAKER_CUES = frozenset({"learned", "learnt"})
_MAX_CONTINUATION_GAP = 2  # sentences between a quote and the one continuing its speaker
_BARE_FRAME_WORDS = 4  # "Sen. Ted Cruz said." after a quote that ends its sentence


@dataclass(frozen=True)
class _Pair:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark


def find_quotes(
    doc: int, text: str, sentences: Sequence[Sentence], *, book: RoleBook | None = None
) -> tuple[Quote, ...]:
    """Every quotation in ``text``: content spans without the marks, kind and resolved speaker.

    ``sentences`` give paragraph limits and each quote's sentence index; they must be the
    segmenter's sentences of the same ``text``. ``book`` tells who the other documents of the
    event name in which role, for a speaker this text only describes ("the president said").
    """
    paragraphs = _paragraphs(text, sentences)
    pairs = _outermost(_pair_marks(text, paragraphs))
    masked = _mask(text, pairs)
    resolver = Resolver.for_text(text, doc=doc, book=book)
    frames = _frames_by_sentence(masked, sentences, resolver)
    quotes: list[Quote] = []
    ends: list[int] = []  # the sentence each quote ends in
    starts = [sentence.start for sentence in sentences]
    position = {sentence.index: n for n, sentence in enumerate(sentences)}
    for pair in pairs:
        start, end = trim_span(text, pair.open + 1, pair.close)
        if end <= start:
            continue
        first = _sentence_at(sentences, starts, pair.open)
        last = _sentence_at(sentences, starts, pair.close)
        frame = _speaker_frame(text, masked, sentences, position, pair, first, last, frames)
        speaker, span = frame if frame else (None, None)
        kind = _kind(masked, text, sentences, position, pair, first, start, end, speaker is not None)
        if speaker is None and kind == "direct":
            speaker, span = _introduced_speaker(masked, sentences, position, pair, first, frames)
        if speaker is None and kind == "direct" and _opens_sentence(masked, sentences, position, pair, first):
            speaker, span = _continued_speaker(quotes, ends, first)
        ends.append(last if last is not None else -1)
        quotes.append(
            Quote(
                doc=doc,
                sentence=first if first is not None else -1,
                start=start,
                end=end,
                text=text[start:end],
                kind=kind,
                speaker=speaker,
                speaker_span=span,
                speaker_doc=resolver.borrowed.get(speaker) if speaker else None,
            )
        )
    return tuple(quotes)


# --- pairing marks -------------------------------------------------------------------------


def _paragraphs(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    """Paragraph spans from the sentences; lines of the text when there are no sentences."""
    if sentences:
        spans: dict[int, list[int]] = {}
        for sentence in sentences:
            span = spans.setdefault(sentence.paragraph, [sentence.start, sentence.end])
            span[0], span[1] = min(span[0], sentence.start), max(span[1], sentence.end)
        return sorted((s, e) for s, e in spans.values())
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _is_apostrophe(text: str, i: int) -> bool:
    mark = text[i]
    if mark not in ("'", "\u2019", "\u2018"):
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalpha():
        return True  # Putin’s, don't
    if after.isdigit() and not before.isalnum():
        return True  # '90s
    if not before.isalnum() and _ELISION.match(text, i + 1):
        return True  # 'em, 'n'
    return before.lower() == "n" and i >= 2 and text[i - 2] in "'\u2019\u2018" and after.isspace()


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in _OPEN_CONTEXT or before in _MARKS) and not after.isspace()


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in _CLOSE_CONTEXT)


def _pair_marks(text: str, paragraphs: list[tuple[int, int]]) -> list[_Pair]:
    pairs: list[_Pair] = []
    carried: list[tuple[str, int]] = []
    skip: set[int] = set()
    for number, (p_start, p_end) in enumerate(paragraphs):
        stack = carried
        carried = []
        for mark in _mark_pattern().finditer(text, p_start, p_end):
            i = mark.start()
            if i in skip or _is_apostrophe(text, i):
                continue
            _step(text, i, stack, pairs)
        following = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
        for family, position in stack:
            if following is not None and _opens_family(text, following, family):
                carried.append((family, position))
                skip.add(following)
    return pairs


@cache
def _mark_pattern() -> re.Pattern[str]:
    """Any quotation mark: the regex engine finds the few marks instead of a loop over every character."""
    return re.compile("[" + "".join(re.escape(mark) for mark in _MARKS) + "]")


def _opens_family(text: str, i: int, family: str) -> bool:
    info = _MARKS.get(text[i])
    return info is not None and info[0] == family and info[1] != "close" and _can_open(text, i)


def _step(text: str, i: int, stack: list[tuple[str, int]], pairs: list[_Pair]) -> None:
    family, role = _MARKS[text[i]]
    depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == family), None)
    opener = text[stack[depth][1]] if depth is not None else ""
    closes = role == "close" or (role == "either" and _can_close(text, i))
    if text[i] == "\u201c" and opener == "\u201e":
        closes = True  # German „...“
    opens = role == "open" or (role == "either" and _can_open(text, i))
    if depth is not None and closes and not (opens and not _can_close(text, i)):
        pairs.append(_Pair(stack[depth][1], i))
        del stack[depth:]
    elif depth is not None and opens:
        # A second opener of the same family: the earlier mark was stray.
        del stack[depth:]
        stack.append((family, i))
    elif opens and (role != "close" or _can_open(text, i)):
        stack.append((family, i))


def _outermost(pairs: list[_Pair]) -> list[_Pair]:
    """Drop quotes nested inside others: their words belong to the outer quote."""
    result: list[_Pair] = []
    for pair in sorted(pairs, key=lambda p: (p.open, -p.close)):
        if result and pair.open < result[-1].close:
            continue
        result.append(pair)
    return result


def _mask(text: str, pairs: list[_Pair]) -> str:
    """The text with every quote, marks included, replaced by ``§`` (same length)."""
    chars = list(text)
    for pair in pairs:
        chars[pair.open : pair.close + 1] = "§" * (pair.close + 1 - pair.open)
    return "".join(chars)


def _sentence_at(sentences: Sequence[Sentence], starts: list[int], offset: int) -> int | None:
    """The index of the sentence holding ``offset`` (or the last one before it)."""
    position = bisect.bisect_right(starts, offset) - 1
    return sentences[position].index if position >= 0 else None


# --- speakers and kinds ---------------------------------------------------------------------


_Resolved = tuple[Frame, str | None, MentionKind | None]  # frame, resolved name, resolved kind


def _frames_by_sentence(
    masked: str, sentences: Sequence[Sentence], resolver: Resolver
) -> dict[int, list[_Resolved]]:
    """Frames of every sentence, resolved in reading order so pronouns see earlier speakers."""
    result: dict[int, list[_Resolved]] = {}
    for position, sentence in enumerate(sentences):
        _note_topic(masked, sentence, resolver)
        resolved: list[_Resolved] = []
        for frame in find_frames(masked, _signed_start(masked, sentence.start), sentence.end):
            answer = resolver.resolve(frame.mention)
            name, kind = answer if answer else (None, None)
            resolved.append((frame, name, kind))
        result[position] = resolved
    return result


def _signed_start(masked: str, start: int) -> int:
    """Where a sentence starts with the dash before it: the segmenter leaves the dash of
    '“... zero taxes.” - Sanders.' between the quote's sentence and the name's."""
    before = masked[max(0, start - 6) : start]
    match = re.search(r"§\s*[-—–]\s*$", before)
    return start - (len(before) - match.start() - 1) if match else start


def _note_topic(masked: str, sentence: Sentence, resolver: Resolver) -> None:
    """Tell the resolver a person who opens the sentence as its subject: a capitalised run the
    text names as a person, then a lower-case word ("Netanyahu also made an appearance")."""
    if sentence.kind != "paragraph":
        return  # a headline's capitals are no subject: "Perry Ad Focuses on Faith"
    tokens = tokenize(masked, sentence.start, min(sentence.end, sentence.start + 120))
    end = 0
    while end < len(tokens) and (tokens[end].is_capital and tokens[end].is_word or dot_in_name(tokens, end)):
        end += 1
    if not end or end >= len(tokens) or not (tokens[end].is_word and tokens[end].text.islower()):
        return
    name = resolver.person_at(tokens[0].start, tokens[end - 1].end)
    if name is not None:
        resolver.note_topic(tokens[0].start, name)


def _speaker_frame(
    text: str,
    masked: str,
    sentences: Sequence[Sentence],
    position: dict[int, int],
    pair: _Pair,
    first: int | None,
    last: int | None,
    frames: dict[int, list[_Resolved]],
) -> tuple[str, tuple[int, int]] | None:
    """The speaker: a frame right after the quote, else the last frame before it."""
    if first is None or last is None:
        return None
    after = [f for f in frames.get(position[last], []) if f[0].cue_start > pair.close and f[1]]
    if (
        not after
        and _opens_sentence(masked, sentences, position, pair, first)
        and _frame_follows(text, sentences, position[last], pair)
    ):
        after = [f for f in frames.get(position[last] + 1, []) if f[1]]
    for frame, name, _ in after[:1]:
        between = masked[pair.close + 1 : min(frame.cue_start, frame.mention.start)]
        set_off = text[pair.close - 1 : pair.close] in _CLAUSE_END or between.strip()[:1] in (",", "—", "–")
        near = len(between.split()) <= 1 or (
            frame.relation == "subject" and set_off and _only_a_name(between)
        )
        if near and frame.relation in ("subject", "inverted", "according", "per"):
            return name or "", (frame.mention.start, frame.mention.end)
    before = [
        f
        for f in frames.get(position[first], [])
        if f[0].cue_end <= pair.open
        and f[1]
        and f[0].relation in ("subject", "inverted", "according", "per")
        and f[0].cue not in _NOT_SPEAKER_CUES
    ]
    if before:
        frame, name, _ = before[-1]
        return name or "", (frame.mention.start, frame.mention.end)
    return None


def _frame_follows(text: str, sentences: Sequence[Sentence], at: int, pair: _Pair) -> bool:
    """True when a quote ends its sentence and the paragraph's next sentence holds its frame
    (asked of a quote that opens its sentence: 'Vieira asked Trump, “...?”' is framed already).

    The segmenter splits '“... coin for baseball?” Obama said.' after the mark. After "?" or
    "!" the next sentence may go on ("Obama said, pointing at ..."); after a full stop only a
    bare frame ("Trump said.") is the quote's, a longer sentence is news of its own.
    """
    if at + 1 >= len(sentences):
        return False
    sentence, following = sentences[at], sentences[at + 1]
    signed = re.fullmatch(r"\s*[-—–]\s*", text[pair.close + 1 : following.start]) is not None
    if text[pair.close + 1 : sentence.end].strip() or (
        following.paragraph != sentence.paragraph and not signed
    ):
        return False
    asking = text[max(0, pair.close - 3) : pair.close].rstrip("".join(_MARKS))[-1:] in ("?", "!")
    opening = following.text.lstrip("-—– ")  # "“...” — Bernie Sanders." split after the quote
    return opening[:1].isupper() and (asking or len(following.text.split()) <= _BARE_FRAME_WORDS)


def _introduced_speaker(
    masked: str,
    sentences: Sequence[Sentence],
    positions: dict[int, int],
    pair: _Pair,
    first: int | None,
    frames: dict[int, list[_Resolved]],
) -> tuple[str | None, tuple[int, int] | None]:
    """A quote opening the sentence after one that ends with a colon ("Biden retorted:").

    The colon hands the floor to the quote, so the last speaker frame before it speaks.
    """
    position = positions.get(first) if first is not None else None
    if not position:
        return None, None
    sentence, previous = sentences[position], sentences[position - 1]
    if masked[sentence.start : pair.open].strip() or not masked[
        previous.start : previous.end
    ].rstrip().endswith(":"):
        return None, None
    for frame, name, _ in reversed(frames.get(position - 1, [])):
        if name and frame.relation in ("subject", "inverted", "according", "per"):
            return name, (frame.mention.start, frame.mention.end)
    return None, None


def _only_a_name(between: str) -> bool:
    """True when the words between a quote and its verb can all belong to the speaker's phrase."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", between)
    if len(words) > 12 or re.search(r"[§!?;]", between):
        return False
    blocked = _NOT_IN_NAME | word_list("speech_verbs")
    return not any(word.lower() in blocked for word in words)


def _kind(
    masked: str,
    text: str,
    sentences: Sequence[Sentence],
    position: dict[int, int],
    pair: _Pair,
    first: int | None,
    start: int,
    end: int,
    has_speaker: bool,
) -> QuoteKind:
    """Direct when the quote stands apart from the sentence's syntax, else partial or scare."""
    sentence_start = sentences[position[first]].start if first is not None else 0
    before = masked[sentence_start : pair.open].rstrip()
    content = text[start:end]
    set_off = not before or before[-1] in ",:—–-(" or before.endswith("§")
    capital = content[:1].isupper() or content[:1].isdigit() or content[:1] in "…."
    words = len(content.split())
    if set_off and (capital or not before) and (has_speaker or words > _SCARE_MAX_WORDS or not before):
        return "direct"
    if has_speaker or words > _SCARE_MAX_WORDS:
        return "partial"
    return "scare"


def _opens_sentence(
    masked: str, sentences: Sequence[Sentence], position: dict[int, int], pair: _Pair, first: int | None
) -> bool:
    """True when nothing but other quotes comes before the quote in its sentence.

    Only such a quote continues an earlier speaker; "Biden was quick to retort: “...”"
    has a clause of its own before it and belongs to that clause's subject.
    """
    if first is None:
        return True
    return not masked[sentences[position[first]].start : pair.open].replace("§", "").strip()


def _continued_speaker(
    quotes: list[Quote], ends: list[int], sentence: int | None
) -> tuple[str | None, tuple[int, int] | None]:
    """A direct quote with no frame continues the previous nearby quote's speaker.

    Nearness counts from the sentence where the earlier quote ends, so a long quote
    followed by its continuation still hands on its speaker.
    """
    if sentence is None:
        return None, None
    for quote, end in zip(reversed(quotes), reversed(ends), strict=True):
        gap = sentence - max(end, quote.sentence)
        if _names_a_title(quote):
            continue
        if quote.speaker and quote.kind != "scare" and gap <= _MAX_CONTINUATION_GAP:
            return quote.speaker, quote.speaker_span
        if gap > _MAX_CONTINUATION_GAP:
            break
    return None, None


def _names_a_title(quote: Quote) -> bool:
    """A short partial quote ("on NBC's “Today” show") names a title or a phrase inside a
    sentence: it is no stretch of speech a following quote could continue."""
    return quote.kind == "partial" and len(quote.text.split()) <= 2
