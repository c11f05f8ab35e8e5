"""Build each sentence's sourcing chain: who a claim is attributed to, outermost source first.

"According to Daily Mail, two Kremlin insiders claimed ..." gives Daily Mail <- two Kremlin
insiders; "..., Reuters reported" wraps the whole sentence; "The report cites ..." and "The
sources reportedly said ..." continue the chain of the sentence before. Researchers compare
these chains across outlets to see who copied whom and who dropped the attribution.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Attribution, Quote, Sentence, Source
from .speakers import Frame, Mention, Resolver, canonical_outlet, find_frames

_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|(?:is|are|was|were) (?:said|reported|believed) to)\b"
)
_WRAP = ("according", "per", "via")
_INHERIT_GAP = 2  # sentences a chain may be carried over
_ANAPHORIC = ("the", "these", "those", "such", "both")
# A sentence whose subject is an earlier report: "The report, cites ...", "But the story says ...".
_REPORT_SUBJECT = re.compile(
    r"\s*(?:(?:but|and|however|yet),?\s+)?(?:the|this|that|its)\s+(?:\w+\s+)?"
    r"(?:report|story|article|piece|dispatch|account)\b",
    re.IGNORECASE,
)


def find_attributions(
    doc: int, text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote], *, outlet: str
) -> tuple[Attribution, ...]:
    """One :class:`Attribution` per attributed sentence, in reading order.

    ``outlet`` is the article's own outlet name, so "RadarOnline.com has learned" is
    recognised as the outlet speaking for itself (kind ``self``).
    """
    masked = _mask(text, quotes)
    resolver = Resolver.for_text(text)
    framed_quotes = _quotes_by_sentence(quotes)
    attributions: list[Attribution] = []
    for sentence in sentences:
        frames = find_frames(masked, sentence.start, sentence.end)
        sources, anaphor = _sources(masked, sentence, frames, resolver, outlet)
        previous = _previous(attributions, sentence.index)
        if anaphor is not None and previous is not None:
            carried = _carried(previous.chain, anaphor)
            chain = _merge(carried, sources)
            attributions.append(Attribution(doc, sentence.index, chain, inherited=True))
            continue
        if not sources and previous is not None and _continues_quote(framed_quotes, sentence):
            attributions.append(Attribution(doc, sentence.index, previous.chain, inherited=True))
            continue
        if all(source.kind == "self" for source in sources):
            hedge = _HEDGE.search(masked, sentence.start, sentence.end)
            if hedge:
                sources.append(
                    Source("unnamed source", "anonymous", hedge.start(), hedge.end(), hedge.group(0))
                )
        if sources:
            attributions.append(Attribution(doc, sentence.index, tuple(sources)))
    return tuple(attributions)


def _mask(text: str, quotes: Sequence[Quote]) -> str:
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
) -> tuple[list[Source], tuple[str, str] | None]:
    """The sentence's own sources in chain order, and the anaphor that continues a chain."""
    ranked: list[tuple[int, int, Source]] = []
    anaphor: tuple[str, str] | None = None
    if _REPORT_SUBJECT.match(masked, sentence.start, sentence.end):
        anaphor = ("report", "the report")
    for frame in frames:
        mention = frame.mention
        if mention.kind == "report" and _names_new_document(mention):
            source = Source(mention.text, "institution", mention.start, mention.end, frame.cue, None)
            ranked.append((_rank(masked, sentence, frame, "institution"), frame.cue_start, source))
            continue
        if mention.kind == "report" or (mention.kind == "pronoun" and mention.name == "it"):
            anaphor = anaphor or ("report", mention.text)
            continue
        resolved = resolver.resolve(mention)
        if resolved is None:
            if mention.kind == "pronoun":
                anaphor = anaphor or ("pronoun", mention.text)
            continue
        name, kind = resolved
        if _is_anaphoric(mention) and kind == "anonymous":
            anaphor = anaphor or ("anonymous", mention.text)
        if kind == "outlet" and _is_self(name, outlet):
            kind = "self"
        if kind not in ("outlet", "person", "institution", "anonymous", "self"):
            continue
        if anaphor and anaphor[1] == mention.text:
            continue
        source = Source(name, kind, mention.start, mention.end, frame.cue, mention.role)  # type: ignore[arg-type]
        ranked.append((_rank(masked, sentence, frame, kind), frame.cue_start, source))
    ranked.sort(key=lambda item: (item[0], item[1]))
    sources: list[Source] = []
    for _, _, source in ranked:
        if all(_key(source.name) != _key(s.name) for s in sources):
            sources.append(source)
    return sources, anaphor


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


def _names_new_document(mention: Mention) -> bool:
    """ "An internal memo", "a 2019 survey": a document cited for the first time, not "the report"."""
    first = mention.text.split()[0].lower()
    return first in ("a", "an") or mention.text[:1].isupper() and first not in ("the", "this", "that", "its")


def _is_anaphoric(mention: Mention) -> bool:
    """ "The sources", "the insiders": a source named in an earlier sentence."""
    words = mention.text.lower().split()
    return mention.kind == "anonymous" and len(words) >= 2 and words[0] in _ANAPHORIC


def _carried(chain: tuple[Source, ...], anaphor: tuple[str, str]) -> tuple[Source, ...]:
    """The earlier chain up to the source the anaphor points at ("the report" -> its outlet)."""
    want = {"report": ("outlet", "self"), "anonymous": ("anonymous",), "pronoun": ("outlet", "anonymous")}
    kinds = want.get(anaphor[0], ())
    for position in range(len(chain) - 1, -1, -1):
        if chain[position].kind in kinds:
            return chain[: position + 1]
    return chain


def _merge(carried: tuple[Source, ...], own: list[Source]) -> tuple[Source, ...]:
    keys = {_key(source.name) for source in carried}
    return carried + tuple(source for source in own if _key(source.name) not in keys)


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
