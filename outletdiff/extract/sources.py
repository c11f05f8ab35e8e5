"""Build each sentence's sourcing chain: who a claim is attributed to, outermost source first.

"According to Daily Mail, two Kremlin insiders claimed ..." gives Daily Mail <- two Kremlin
insiders; "..., Reuters reported" wraps the whole sentence; "The report cites ..." and "The
sources reportedly said ..." continue the chain of the sentence before. Researchers compare
these chains across outlets to see who copied whom and who dropped the attribution.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from ..model import Attribution, Quote, Sentence, Source, SourceKind
from .cue_frames import CueFrame, attributes, candidate_frames
from .mentions import Mention, Token, _mention, tokenize
from .outlets import canonical_outlet, find_outlet
from .resolver import Resolver
from .speakers import Frame, find_frames
from .wordlists import word_list

_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|(?:is|are|was|were) (?:said|reported|believed) to)\b"
)
_WRAP = ("according", "per", "via")
_DETERMINERS = word_list("determiners")
_NEWS_REPORTS = ("report", "reports", "story", "stories")  # unowned, they are unnamed sources
_INHERIT_GAP = 2  # sentences a chain may be carried over
_ANAPHORIC = ("the", "these", "those", "such", "both")
# A sentence whose subject is an earlier report: "The report, cites ...", "But the story says ...".
_REPORT_SUBJECT = re.compile(
    r"\s*(?:(?:but|and|however|yet),?\s+)?((?:the|this|that|its)\s+(?:\w+\s+)?"
    r"(?:report|story|article|piece|dispatch|account))\b",
    re.IGNORECASE,
)


class _Anaphor(NamedTuple):
    """Words that continue an earlier chain ("the report", "they"): what they point at, as
    written, and where (the carried link is named by the earlier chain but written here)."""

    kind: str  # "report", "anonymous" or "pronoun"
    text: str
    span: tuple[int, int]
    cue: str = ""  # the frame's cue; empty when only the sentence's opening words point back

    def source(self) -> Source | None:
        """The anaphor as a source of its own, named as written, when there is nothing to
        continue ("according to the new poll", "The former governor dismissed"): only a frame's."""
        if not self.cue:
            return None
        kind: SourceKind = "institution" if self.kind == "report" else "anonymous"
        return Source(self.text, kind, *self.span, self.cue)


def find_attributions(
    doc: int, text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote], *, outlet: str
) -> tuple[Attribution, ...]:
    """One :class:`Attribution` per attributed sentence, in reading order.

    ``outlet`` is the article's own outlet name, so "RadarOnline.com has learned" is
    recognised as the outlet speaking for itself (kind ``self``).
    """
    masked = mask_quotes(text, quotes)
    resolver = Resolver.for_text(text)
    framed_quotes = _quotes_by_sentence(quotes)
    attributions: list[Attribution] = []
    for sentence in sentences:
        frames = find_frames(masked, sentence.start, sentence.end)
        sources, anaphor = _sources(masked, sentence, frames, resolver, outlet)
        learned = _learned_sources(masked, sentence, frames, sources, resolver, outlet)
        previous = _previous(attributions, sentence.index)
        if anaphor is not None and previous is not None:
            carried = _carried(previous.chain, anaphor)
            chain = _merge(carried, sources + learned)
            attributions.append(Attribution(doc, sentence.index, chain, inherited=True))
            continue
        if not sources and previous is not None and _continues_quote(framed_quotes, sentence):
            chain = _merge(previous.chain, learned)
            attributions.append(Attribution(doc, sentence.index, chain, inherited=True))
            continue
        unmatched = anaphor.source() if anaphor is not None else None
        sources = [unmatched, *sources, *learned] if unmatched else sources + learned
        if not sources and sentence.kind == "headline":
            sources = _headline_source(masked, sentence)
        sources = _with_hedge(masked, sentence, frames, sources)
        if sources:
            attributions.append(Attribution(doc, sentence.index, tuple(sources)))
    return tuple(attributions)


def _with_hedge(masked: str, sentence: Sentence, frames: list[Frame], sources: list[Source]) -> list[Source]:
    """Add the unnamed source a hedge stands for, named as the text names it ("reportedly").

    The hedge is a link of its own only when no named source carries the claim: alone in the
    sentence ("Putin has reportedly put out feelers"), or outermost before a subject that
    reportedly spoke ("She reportedly told managers": someone reports that she told them).
    A wrapping source ("..., per Radio Costa") or the outlet's own "has learned" carries it.
    """
    hedge = _HEDGE.search(masked, sentence.start, sentence.end)
    if hedge is None:
        return sources
    link = Source(hedge.group(0), "anonymous", hedge.start(), hedge.end(), hedge.group(0))
    if not sources:
        return [link]
    spoke = any(
        frame.relation == "subject" and frame.mention.end <= hedge.start() and hedge.end() <= frame.cue_start
        for frame in frames
    )
    wrapped = any(source.cue in ("according to", "per", "via") or source.kind == "self" for source in sources)
    if spoke and not wrapped and not any(source.start == hedge.start() for source in sources):
        return [link, *sources]
    return sources


_HEADLINE_SOURCE = re.compile(
    r":\s*((?:an?\s+)?(?:unnamed\s+)?(?:reports?|sources?|insiders?))\s*$", re.IGNORECASE
)


def _headline_source(masked: str, sentence: Sentence) -> list[Source]:
    """ "Putin Ready to Discuss Ending War: Report": a headline's closing credit, named as written."""
    found = _HEADLINE_SOURCE.search(masked, sentence.start, sentence.end)
    if found is None:
        return []
    return [Source(found.group(1), "anonymous", found.start(1), found.end(1), ":")]


def mask_quotes(text: str, quotes: Sequence[Quote]) -> str:
    """``text`` with quoted passages masked by ``§``, so no cue inside a quote is read as a frame."""
    chars = list(text)
    for quote in quotes:
        chars[quote.start : quote.end] = "§" * (quote.end - quote.start)
    return "".join(chars)


def _quotes_by_sentence(quotes: Sequence[Quote]) -> dict[int, list[Quote]]:
    result: dict[int, list[Quote]] = {}
    for quote in quotes:
        result.setdefault(quote.sentence, []).append(quote)
    return result


def _continues_quote(quotes: dict[int, list[Quote]], sentence: Sentence) -> bool:
    """A quote whose speaker was named in an earlier sentence continues that chain."""
    return any(
        q.speaker and q.speaker_span is not None and q.speaker_span[1] <= sentence.start
        for q in quotes.get(sentence.index, [])
    )


def _previous(attributions: list[Attribution], index: int) -> Attribution | None:
    if attributions and 0 < index - attributions[-1].sentence <= _INHERIT_GAP:
        return attributions[-1]
    return None


def _sources(
    masked: str, sentence: Sentence, frames: list[Frame], resolver: Resolver, outlet: str
) -> tuple[list[Source], _Anaphor | None]:
    """The sentence's own sources in chain order, and the anaphor that continues a chain."""
    ranked: list[tuple[int, int, Source]] = []
    anaphor: _Anaphor | None = None
    subject = _REPORT_SUBJECT.match(masked, sentence.start, sentence.end)
    if subject:
        anaphor = _Anaphor("report", "the report", subject.span(1))
    for frame in frames:
        mention = frame.mention
        if mention.kind == "report" and _names_new_document(mention):
            for source in _document_sources(masked, mention, frame.cue, outlet):
                ranked.append((_rank(masked, sentence, frame, source.kind), frame.cue_start, source))
            continue
        if mention.kind == "report" or (mention.kind == "pronoun" and mention.name == "it"):
            anaphor = anaphor or _Anaphor("report", mention.text, (mention.start, mention.end), frame.cue)
            continue
        resolved = resolver.resolve(mention)
        if resolved is None:
            if mention.kind == "pronoun":
                anaphor = anaphor or _Anaphor(
                    "pronoun", mention.text, (mention.start, mention.end), frame.cue
                )
            continue
        name, kind = resolved
        if _is_anaphoric(mention) and kind == "anonymous":
            anaphor = anaphor or _Anaphor("anonymous", mention.text, (mention.start, mention.end), frame.cue)
        if kind == "outlet" and _is_self(name, outlet):
            kind = "self"
        if kind not in ("outlet", "person", "institution", "anonymous", "self"):
            continue
        if anaphor and anaphor.text == mention.text:
            continue
        source = Source(name, kind, mention.start, mention.end, frame.cue, mention.role)  # type: ignore[arg-type]
        ranked.append((_rank(masked, sentence, frame, kind), frame.cue_start, source))
    ranked.sort(key=lambda item: (item[0], item[1]))
    sources: list[Source] = []
    for _, _, source in ranked:
        if all(_key(source.name) != _key(s.name) for s in sources):
            sources.append(source)
    return sources, anaphor


def _learned_sources(
    masked: str, sentence: Sentence, frames: list[Frame], found: list[Source], resolver: Resolver, outlet: str
) -> list[Source]:
    """Sources of the learned cue frames (``cue_frames.py``) the sentence's other frames missed:
    "he figures", "most voters supported", "Sanders, who wants". A pronoun or "who" keeps its
    own offsets and is named by the person or body it stands for; a name once in the chain is
    not linked again."""
    learned: list[Source] = []
    spoken = [(f.mention.start, f.mention.end) for f in frames] + [(s.start, s.end) for s in found]
    for frame in candidate_frames(masked, sentence.start, sentence.end):
        taken = found + learned
        if any(start < frame.subject_end and frame.subject_start < end for start, end in spoken):
            continue
        if any(f.cue_end <= frame.subject_start for f in frames):
            continue  # inside what another frame reports: "Peskov dismissed reports that Putin wants"
        if not attributes(frame):
            continue
        source = _frame_source(masked, frame, resolver, outlet)
        if source is not None and all(_key(source.name) != _key(s.name) for s in taken):
            learned.append(source)
            spoken.append((source.start, source.end))
    return learned


def _frame_source(masked: str, frame: CueFrame, resolver: Resolver, outlet: str) -> Source | None:
    start, end = frame.subject_start, frame.subject_end
    cue = masked[frame.cue_start : frame.cue_end]
    written = masked[start:end]
    if frame.shape == "pronoun":
        mention: Mention | None = Mention(written, start, end, "pronoun", written.lower())
    elif frame.shape == "relative":
        phrase = frame.antecedent and _mention(masked, tokenize(masked, *frame.antecedent))
        if not phrase or phrase.kind in ("pronoun", "report"):
            return None
        mention = Mention(written, start, end, phrase.kind, phrase.name, phrase.role)
    else:
        mention = _mention(masked, tokenize(masked, start, end))
    resolved = resolver.resolve(mention) if mention is not None else None
    name, kind = resolved if resolved is not None else (written, "anonymous")
    if kind == "outlet" and _is_self(name, outlet):
        kind = "self"
    if kind not in ("outlet", "person", "institution", "anonymous", "self"):
        kind = "anonymous"
    return Source(name, kind, start, end, cue, mention.role if mention is not None else None)  # type: ignore[arg-type]


def _rank(masked: str, sentence: Sentence, frame: Frame, kind: str) -> int:
    """0: the outlet itself; 1: a source wrapping the sentence; 2: sources inside it."""
    if kind == "self" or frame.relation == "as":
        return 0
    if frame.relation in _WRAP or frame.relation == "told":
        return 1
    tail = masked[frame.cue_end : sentence.end].strip()
    head = masked[sentence.start : frame.mention.start].rstrip()
    if frame.relation == "subject" and tail in ("", ".") and head.endswith(","):
        return 1
    return 2


def _document_sources(masked: str, mention: Mention, cue: str, outlet: str) -> list[Source]:
    """The links a cited document stands for, outermost first.

    "A Continental Press Agency report" is the agency speaking through its report; "an
    internal memo seen by TechTattle" is the memo, passed on by TechTattle. Any other
    document ("a 2019 survey") is its own source.
    """
    tokens = tokenize(masked, mention.start, mention.end)
    for index, token in enumerate(tokens[1:-1], start=1):
        if token.lower == "by" and tokens[index - 1].lower in word_list("passed_on"):
            holder = _named(masked, tokens[index + 1 :], outlet)
            document = tokens[: index - 1]
            if holder is None or not document:
                break
            start, end = document[0].start, document[-1].end
            return [holder, Source(masked[start:end], "institution", start, end, cue, None)]
    owner = _named(masked, [t for t in tokens[:-1] if t.lower not in ("a", "an", "the")], outlet)
    if owner is not None and tokens[-1].lower in word_list("report_nouns"):
        return [owner]
    unowned = not any(t.is_capital and t.lower not in _DETERMINERS for t in tokens[:-1])
    if tokens[-1].lower in _NEWS_REPORTS and unowned:
        # "an unnamed report", "media reports": news whose source the text does not name.
        return [Source(mention.text, "anonymous", mention.start, mention.end, cue, None)]
    return [Source(mention.text, "institution", mention.start, mention.end, cue, None)]


def _named(masked: str, tokens: list[Token], outlet: str) -> Source | None:
    """The outlet or organisation a run of capitalised words names ("Bloomberg's", "CPA")."""
    if not tokens or not all(t.is_capital or t.lower in ("of", "and", "&") for t in tokens):
        return None
    start, end = tokens[0].start, tokens[-1].end
    name = re.sub(r"['’]s$", "", masked[start:end])
    end = start + len(name)
    known = find_outlet(masked, start, end)
    if known is not None:
        kind = "self" if _is_self(known[0], outlet) else "outlet"
        return Source(known[0], kind, known[1], known[2], "by", None)  # type: ignore[arg-type]
    words = {word.lower() for word in name.split()}
    kind = (
        "self" if _is_self(name, outlet) else "outlet" if words & word_list("outlet_words") else "institution"
    )
    return Source(name, kind, start, end, "by", None)  # type: ignore[arg-type]


def _names_new_document(mention: Mention) -> bool:
    """ "An internal memo", "its quarterly filing", "company filings": a document cited for the
    first time. Only a demonstrative or "the" points back at a report named before ("the report")."""
    return mention.text.split()[0].lower() not in ("the", "this", "that", "these", "those", "such")


def _is_anaphoric(mention: Mention) -> bool:
    """ "The sources", "the insiders": a source named in an earlier sentence."""
    words = mention.text.lower().split()
    return mention.kind == "anonymous" and len(words) >= 2 and words[0] in _ANAPHORIC


def _carried(chain: tuple[Source, ...], anaphor: _Anaphor) -> tuple[Source, ...]:
    """The earlier chain up to the source the anaphor points at ("the report" -> its outlet).

    "The memo" points at the memo itself when the chain cites one. A report continues the
    cited outlet's account, not the article's own "has learned", so a leading ``self`` link
    is not carried with it. The link pointed at keeps its name but is placed where this
    sentence writes it ("the report", "they"): that is where the sentence names its source.
    """
    want = {"report": ("outlet", "self"), "anonymous": ("anonymous",), "pronoun": ("outlet", "anonymous")}
    kinds = want.get(anaphor.kind, ())
    head = anaphor.text.lower().split()[-1] if anaphor.text.split() else ""
    target = None
    if anaphor.kind == "report" and head in word_list("report_nouns"):
        target = next((p for p in range(len(chain) - 1, -1, -1) if _key(chain[p].name).endswith(head)), None)
    if target is None:
        target = next((p for p in range(len(chain) - 1, -1, -1) if chain[p].kind in kinds), None)
    if target is None:
        return chain
    start, end = anaphor.span
    carried = (*chain[:target], replace(chain[target], start=start, end=end))
    if anaphor.kind == "report":
        while len(carried) > 1 and carried[0].kind == "self":
            carried = carried[1:]
    return carried


def _merge(carried: tuple[Source, ...], own: list[Source]) -> tuple[Source, ...]:
    """The carried chain, then the sentence's own new sources; a carried link the sentence names
    again ("Peskov ... Peskov said") is placed where this sentence names it."""
    again = {_key(source.name): source for source in own}
    moved = tuple(
        replace(link, start=again[_key(link.name)].start, end=again[_key(link.name)].end)
        if _key(link.name) in again
        else link
        for link in carried
    )
    keys = {_key(source.name) for source in carried}
    return moved + tuple(source for source in own if _key(source.name) not in keys)


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _is_self(name: str, outlet: str) -> bool:
    """True when ``name`` is the article's own outlet ("RadarOnline.com" in RadarOnline)."""

    def norm(value: str) -> str:
        value = re.sub(r"^the\s+", "", value.strip().lower())
        return re.sub(r"\.(com|co\.uk|org|net)$", "", value).replace(" ", "")

    if not outlet:
        return False
    if norm(name) == norm(outlet):
        return True
    mine = canonical_outlet(outlet) or canonical_outlet(re.sub(r"\.com$", "", outlet))
    return mine is not None and mine == (canonical_outlet(name) or name)
