"""The one result model: frozen dataclasses every stage produces and every renderer reads.

Renderers (terminal, JSON, HTML, polars tables) only read these objects, so the outputs can
never disagree. Every span is a pair of character offsets into ``Document.text`` exactly as
decoded from the input, so a highlight always lands on the characters that were found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import polars as pl

Span = tuple[int, int]

BlockKind = Literal["metadata", "headline", "bullet", "paragraph", "boilerplate"]
Relation = Literal["counterpart", "overlap"]
LinkLabel = Literal["identical", "edited", "rewritten", "moved", "split", "merged", "partial"]
# Status of one sentence relative to one other outlet: a link label, or "added" (only here).
Status = Literal[
    "identical", "edited", "rewritten", "moved", "split", "merged", "partial", "added", "boilerplate"
]
QuoteKind = Literal["direct", "partial", "scare"]
SourceKind = Literal["outlet", "person", "institution", "anonymous", "self"]
Voice = Literal["outlet", "quoted"]
FactKind = Literal["number", "date", "entity", "claim"]
FindingKind = Literal["sentence", "fact", "quote", "framing", "source"]
Change = Literal["added", "dropped", "altered", "shared"]


@dataclass(frozen=True)
class Block:
    """A structural piece of a document: headline, summary bullet, paragraph, boilerplate."""

    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """One outlet's article as read: the text is never altered, only annotated by spans."""

    outlet: str
    text: str
    source: str
    title: str | None = None
    date: str | None = None
    blocks: tuple[Block, ...] = ()

    def slice(self, span: Span) -> str:
        """The original characters of ``span``."""
        return self.text[span[0] : span[1]]

    @property
    def file_name(self) -> str:
        """The base name of ``source`` (``radaronline.txt``), the name reports show.

        Reports are shared, so they never show where the file lay on the author's machine
        (``/home/me/drafts/...``); every renderer shows this instead of ``source``. A name that
        is not a path (``<stdin>``, ``<text>``), or a pipe's (``/dev/fd/63``), is kept as it is.
        Error messages may still give the path the user typed.
        """
        if (self.source.startswith("<") and self.source.endswith(">")) or self.source.startswith("/dev/"):
            return self.source
        return PurePath(self.source).name or self.source


@dataclass(frozen=True)
class Sentence:
    """A sentence (or headline / bullet) of one document, with offsets into its text."""

    doc: int
    index: int
    start: int
    end: int
    text: str
    kind: BlockKind
    paragraph: int

    @property
    def id(self) -> str:
        """Stable identifier ``"<doc>:<index>"`` used by JSON links and HTML anchors."""
        return f"{self.doc}:{self.index}"


@dataclass(frozen=True)
class DiffOp:
    """One run of a word diff between two matched sentences.

    ``a`` is the span in the first document (equal and delete runs), ``b`` the span in the
    second (equal and insert runs); the other is ``None``.
    """

    op: Literal["equal", "insert", "delete"]
    text: str
    a: Span | None
    b: Span | None


@dataclass(frozen=True)
class Link:
    """A scored relation between sentence ``a`` of one document and ``b`` of another.

    ``counterpart`` links are one-to-one (plus split/merge neighbours) and drive side-by-side
    rows and inline diffs; ``overlap`` links are many-to-many: the two share a specific fact.
    """

    a: int
    b: int
    relation: Relation
    label: LinkLabel
    score: float
    diff: tuple[DiffOp, ...] = ()


@dataclass(frozen=True)
class Alignment:
    """How two documents' sentences relate; ``status_a[i]`` is sentence i of ``a`` vs ``b``."""

    a: int
    b: int
    links: tuple[Link, ...]
    status_a: tuple[Status, ...]
    status_b: tuple[Status, ...]
    # Whether the two documents seem to cover the same event (judged on ``event_similarity``,
    # how much names, numbers and rare words the whole texts share, 0..1). When not, only
    # near-identical sentences are linked and every report says so first.
    same_event: bool = True
    event_similarity: float = 1.0

    def partners(self) -> tuple[tuple[int, int], ...]:
        """The pairs to compare sentence by sentence: every counterpart link, plus, for a
        sentence of either side that has no counterpart, its best-scoring overlap."""
        chosen = {(link.a, link.b) for link in self.links if link.relation == "counterpart"}
        with_counterpart_a = {a for a, _ in chosen}
        with_counterpart_b = {b for _, b in chosen}
        best_a: dict[int, Link] = {}
        best_b: dict[int, Link] = {}
        for link in self.links:
            if link.relation != "overlap":
                continue
            if link.a not in with_counterpart_a and (
                link.a not in best_a or link.score > best_a[link.a].score
            ):
                best_a[link.a] = link
            if link.b not in with_counterpart_b and (
                link.b not in best_b or link.score > best_b[link.b].score
            ):
                best_b[link.b] = link
        chosen |= {(link.a, link.b) for link in (*best_a.values(), *best_b.values())}
        return tuple(sorted(chosen))


@dataclass(frozen=True)
class Quote:
    """Quoted words with offsets of the content (without the marks) and the resolved speaker.

    ``speaker_span`` is where this text points at the speaker ("Obama", "he", "the
    president"); ``speaker`` is the name it resolves to. When only another document of the
    comparison names the person in that role ("the president" here, "President Barack Obama"
    there), ``speaker_doc`` is that document's index: the span stays on this text's words.
    """

    doc: int
    sentence: int
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None = None
    speaker_span: Span | None = None
    speaker_doc: int | None = None


@dataclass(frozen=True)
class Source:
    """One link of a sourcing chain: who a claim is attributed to, and the cue that says so."""

    name: str
    kind: SourceKind
    start: int
    end: int
    cue: str
    role: str | None = None


@dataclass(frozen=True)
class Attribution:
    """A sourcing chain for one sentence, outermost source first.

    ``inherited`` marks a chain carried over from an earlier sentence that continues it
    ("The report cites ...").
    """

    doc: int
    sentence: int
    chain: tuple[Source, ...]
    inherited: bool = False

    @property
    def label(self) -> str:
        """Human-readable chain, outermost first: ``"RadarOnline <- Daily Mail <- insiders"``."""
        return " <- ".join(source.name for source in self.chain)


@dataclass(frozen=True)
class FramingHit:
    """A loaded or evaluative word; ``voice`` tells whether the outlet or a quoted speaker used it."""

    doc: int
    sentence: int
    start: int
    end: int
    text: str
    term: str
    category: str
    voice: Voice
    speaker: str | None = None
    from_lexicon: bool = True


Bound = Literal["", "~", ">", ">=", "<", "<="]
NameKind = Literal["acronym", "person", "organisation", "name"]


@dataclass(frozen=True)
class Quantity:
    """A number as stated: "nearly two years" is ``Quantity(2.0, unit="year", approximate=True,
    bound="~")``; "tens of thousands of soldiers" a range, ``low=10_000``, ``high=100_000``,
    with no single ``amount``.

    ``unit`` is the counted noun's lemma ("troop"; several words for "rock roll fan"),
    ``currency`` an ISO code ("USD"), ``percent`` a share. ``bound`` keeps the words' qualifier
    ("more than" is ">") for display; sameness ignores it, as outlets round differently.
    """

    amount: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    currency: str | None = None
    percent: bool = False
    approximate: bool = False
    bound: Bound = ""

    @property
    def key(self) -> tuple[str | None, bool, float | None, float | None, float | None]:
        """What two statements of the same amount share: currency, percent and the amount
        (or range); neither the unit nor the approximation."""
        return (self.currency, self.percent, self.amount, self.low, self.high)

    @property
    def noun(self) -> str:
        """The counted noun's head ("fan" of "rock roll fan"), "" when nothing is counted."""
        return self.unit.rsplit(" ", 1)[-1] if self.unit else ""

    @property
    def measure(self) -> tuple[str | None, bool]:
        """What the amount measures beyond its unit: its currency, and whether it is a share."""
        return (self.currency, self.percent)

    def __str__(self) -> str:
        if self.amount is not None:
            number = _plain(self.amount)
        else:
            number = f"{_plain(self.low or 0)}-{_plain(self.high or 0)}"
        if self.percent:
            number += "%"
        head = (self.bound or ("~" if self.approximate else "")) + (self.currency or "")
        return " ".join(part for part in (head, number, self.unit or "") if part)


def _plain(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"


@dataclass(frozen=True)
class DateValue:
    """The components a date or time expression states; the others are ``None``.

    ``weekday`` is "mon".."sun"; ``relative`` a date relative to publication, "month-1" for
    "last month", "day+0" for "today", "week+0" for "earlier this week" (resolved against
    the publication date where one component can say it); ``part`` (of the day: "night")
    never decides sameness.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: str | None = None
    relative: str | None = None
    decade: int | None = None
    time: str | None = None
    part: str | None = None

    def facets(self) -> dict[str, str]:
        """The components that decide sameness (all but ``part``), by short name."""
        found = {
            "decade": self.decade,
            "y": self.year,
            "m": self.month,
            "d": self.day,
            "wd": self.weekday,
            "rel": self.relative,
            "time": self.time,
        }
        return {key: str(value) for key, value in found.items() if value is not None}

    def __str__(self) -> str:
        items = list(self.facets().items()) + ([("part", self.part)] if self.part else [])
        return "date:" + " ".join(f"{key}={value}" for key, value in items)


@dataclass(frozen=True)
class Name:
    """A named entity as compared: lower-case words without titles, dots or "the"
    ("U.S." is ``("us",)``, "Kremlin spokesman Dmitry Peskov" gives two names).

    ``kind``: "acronym" (one all-capitals word), "person" (named after a role or honorific:
    "Mr. Obama", "spokesman Dmitry Peskov"), "organisation" (an institution's or company's
    word in it: "Kremlin", "Halvorsen Systems") or "name" (anything else)."""

    words: tuple[str, ...]
    kind: NameKind = "name"

    def __str__(self) -> str:
        return " ".join(self.words)


FactValue = Quantity | DateValue | Name


@dataclass(frozen=True)
class Fact:
    """A checkable detail: number, date or time expression, named entity, or a claim.

    ``typed`` is the value resolved once at extraction (a ``Quantity``, a ``DateValue`` or a
    ``Name``; ``None`` for a claim), which verdicts compare; ``value`` its readable form for
    JSON and tables ("~ 2 year", "date:m=6 d=10 wd=tue", "dmitry peskov"), derived from it.
    """

    doc: int
    sentence: int
    start: int
    end: int
    text: str
    kind: FactKind
    typed: FactValue | None
    value: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", "" if self.typed is None else str(self.typed))


@dataclass(frozen=True)
class Verdict:
    """One directed judgement about ``outlet`` relative to ``other``: what it added, dropped,
    altered or shared. The verdict modules judge each pair of outlets both ways; ``findings``
    merges the two views of one difference into one ``Finding``.

    The span (``doc``, ``sentence``, ``start``, ``end``) points where the item is written:
    in ``outlet`` for added/altered/shared, in ``other`` for dropped. For altered items the
    counterpart is ``other_span`` in ``other``'s sentence ``other_sentence``.

    ``text`` names the item and is not always the span's characters: a source finding gives
    the resolved name ("Vladimir Putin" for a mention reading "the despot"), and an altered
    sourcing finding gives the sentence, with the two chains in ``chain`` and ``other_text``.
    Framing findings of category "candidate" are words one outlet inserted into a shared
    sentence: they exist only relative to the other outlet, so they are findings, not hits.
    """

    outlet: int
    other: int
    kind: FindingKind
    change: Change
    category: str
    text: str
    doc: int
    sentence: int
    start: int
    end: int
    voice: Voice | None = None
    speaker: str | None = None
    speaker_doc: int | None = None
    chain: str | None = None
    other_sentence: int | None = None
    other_span: Span | None = None
    other_text: str | None = None


def verdict_at(
    item: Quote | FramingHit | Fact,
    *,
    outlet: int,
    other: int,
    kind: FindingKind,
    change: Change,
    category: str,
    counterpart: Quote | FramingHit | Fact | None = None,
    voice: Voice | None = None,
    speaker: str | None = None,
    speaker_doc: int | None = None,
) -> Verdict:
    """A verdict about ``item``, written where ``item`` is; ``counterpart`` is the other side's."""
    return Verdict(
        outlet=outlet,
        other=other,
        kind=kind,
        change=change,
        category=category,
        text=item.text,
        doc=item.doc,
        sentence=item.sentence,
        start=item.start,
        end=item.end,
        voice=voice,
        speaker=speaker,
        speaker_doc=speaker_doc,
        other_sentence=counterpart.sentence if counterpart else None,
        other_span=(counterpart.start, counterpart.end) if counterpart else None,
        other_text=counterpart.text if counterpart else None,
    )


@dataclass(frozen=True)
class Version:
    """One outlet's wording of an item: where it is written, and what was found about it.

    ``text`` names the item and is not always the span's characters: a source gives the
    resolved name ("Vladimir Putin" for a mention reading "the despot"), an altered sourcing
    chain the sentence, with the chain in ``chain``.
    """

    doc: int
    sentence: int
    start: int
    end: int
    text: str
    voice: Voice | None = None
    speaker: str | None = None
    speaker_doc: int | None = None
    chain: str | None = None


FindingChange = Literal["only", "altered", "shared"]


@dataclass(frozen=True)
class Finding:
    """One difference between outlets (or one item they share), reported once.

    ``change`` is "only" when the outlets of ``versions`` carry the item and those of
    ``lacking`` do not; "altered" when each outlet of ``versions`` carries its own version;
    "shared" when they carry it alike. Seen from one outlet, an "only" finding is an item it
    added or one it dropped (:meth:`change_for`); per-outlet counts are derived from the list.
    """

    kind: FindingKind
    change: FindingChange
    category: str
    versions: tuple[Version, ...]
    lacking: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        """The item as the first outlet that carries it writes it."""
        return self.versions[0].text

    @property
    def outlets(self) -> tuple[int, ...]:
        """The outlets (document indexes) that carry the item."""
        return tuple(version.doc for version in self.versions)

    def version(self, doc: int) -> Version | None:
        """Outlet ``doc``'s version, if it carries the item."""
        return next((version for version in self.versions if version.doc == doc), None)

    def change_for(self, doc: int) -> Change | None:
        """The change seen from outlet ``doc``: added, dropped, altered, shared, or None when
        the finding does not concern it."""
        if doc in self.lacking:
            return "dropped"
        if doc not in self.outlets:
            return None
        return "added" if self.change == "only" else self.change


@dataclass(frozen=True)
class ContentDifference:
    """What one of two counterpart sentences says that the other does not, at one span of it.

    Made by ``contrast.content_differences`` from the findings (an item the partner's outlet
    lacks, or one the partner words its own way) so that a report can draw a rewritten pair by
    its content: the names, numbers, dates, quotes, framing words and sources that differ,
    not every reworded word. ``other_text`` is the partner's version of an altered item.
    """

    doc: int
    sentence: int
    start: int
    end: int
    kind: FindingKind
    change: FindingChange
    category: str
    text: str
    other_text: str | None = None


@dataclass(frozen=True)
class DigestLine:
    """One of the few differences that matter most (see ``digest.rank``): its words, the
    findings it stands on (indexes into ``Comparison.findings``) and the sentences to show,
    as ``(doc, index)`` pairs."""

    kind: str
    text: str
    weight: float
    findings: tuple[int, ...]
    sentences: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class OutletSummary:
    """Counts per outlet, precomputed so that every renderer shows the same numbers."""

    doc: int
    outlet: str
    words: int
    outlet_voice_words: int
    sentences: int
    shared: int
    altered: int
    only_here: int
    boilerplate: int
    quotes: int
    quotes_added: int
    quotes_dropped: int
    quotes_altered: int
    framing_outlet_voice: int
    framing_quoted: int
    framing_per_1000: float
    sources: int
    sources_named: int
    sources_anonymous: int
    # Share of reported sentences no other outlet has (only_here / sentences).
    share_only_here: float = 0.0
    # Framing words in the outlet's own voice per lexicon category, sorted by category; the
    # ``attribution`` category (saying verbs, hedges) is here but not in framing_outlet_voice.
    framing_by_category: tuple[tuple[str, int], ...] = ()
    # Sources cited (first mentions, the outlet itself left out) per source kind, sorted by kind.
    sources_by_kind: tuple[tuple[str, int], ...] = ()


NodeKind = Literal["compared", "outlet", "person", "institution", "anonymous"]


@dataclass(frozen=True)
class SourceNode:
    """One party of the event's sourcing graph: an outlet of the comparison ("compared", with
    its ``doc``), or an outlet, person, institution or unnamed source that some outlet cites.

    Named parties are one node across all outlets (Bloomberg and Bloomberg News, Peskov and
    Dmitry Peskov). An unnamed source is one node per outlet and crediting party and name, so
    Bloomberg's "two people with close links to the Kremlin" stay apart from Daily Mail's "two
    Kremlin insiders", except when two outlets credit it under the same party for the same claim.
    """

    kind: NodeKind
    name: str
    doc: int | None = None


@dataclass(frozen=True)
class Claim:
    """One claim: a sentence that credits a source, with its counterparts in the other outlets
    (``(doc, index)`` pairs, counterpart links of the alignments); ``text`` is the first one's."""

    text: str
    sentences: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Credit:
    """An edge of the sourcing graph: node ``source`` credits node ``target`` (indexes into
    ``SourcingGraph.nodes``) in ``sentences`` (``(doc, index)`` pairs), for ``claims`` (indexes
    into ``SourcingGraph.claims``)."""

    source: int
    target: int
    sentences: tuple[tuple[int, int], ...]
    claims: tuple[int, ...]


@dataclass(frozen=True)
class SourcingGraph:
    """Which outlet credits which source for which claim, merged across the outlets.

    Every attribution chain ``outlet <- A <- B`` becomes the edges outlet -> A -> B (the
    outlet's own "has learned" adds no edge). ``depth[i]`` is node i's column: 0 for the
    compared outlets, else the longest chain that reaches it, so a source is always right of
    whoever cites it.
    """

    nodes: tuple[SourceNode, ...] = ()
    edges: tuple[Credit, ...] = ()
    claims: tuple[Claim, ...] = ()
    depth: tuple[int, ...] = ()

    def label(self, edge: Credit) -> str:
        """ "RadarOnline.com <- Daily Mail": the edge as chains are written, citing party first."""
        return f"{self.nodes[edge.source].name} <- {self.nodes[edge.target].name}"


@dataclass(frozen=True)
class Comparison:
    """Everything ``compare`` found: the single input of every renderer and table.

    ``statuses[doc][i]`` is sentence i's strongest status against the outlets it is compared
    with (all others, or only the reference): "identical" if any has it word for word, down to
    "added" if none has it at all. ``reference`` is the outlet every other one was judged
    against, or ``None`` when each was judged against all.
    """

    documents: tuple[Document, ...]
    sentences: tuple[tuple[Sentence, ...], ...]
    alignments: tuple[Alignment, ...]
    quotes: tuple[Quote, ...]
    attributions: tuple[Attribution, ...]
    framing: tuple[FramingHit, ...]
    facts: tuple[Fact, ...]
    findings: tuple[Finding, ...]
    summaries: tuple[OutletSummary, ...]
    statuses: tuple[tuple[Status, ...], ...] = ()
    reference: int | None = None
    digest: tuple[DigestLine, ...] = ()
    # Who credits whom for which claim, across all outlets (``outletdiff.sourcing``).
    sourcing: SourcingGraph = SourcingGraph()

    @cached_property
    def numbering(self) -> tuple[tuple[int | None, ...], ...]:
        """Sentence numbers for people: 1-based per outlet, boilerplate not numbered (None).
        JSON keeps the 0-based indexes; every report shows these."""
        numbers = []
        for sentences in self.sentences:
            count = 0
            mine: list[int | None] = []
            for sentence in sentences:
                if sentence.kind == "boilerplate":
                    mine.append(None)
                else:
                    count += 1
                    mine.append(count)
            numbers.append(tuple(mine))
        return tuple(numbers)

    @cached_property
    def findings_at(self) -> dict[tuple[int, int], tuple[int, ...]]:
        """Indexes of the findings with a version written in each ``(doc, sentence)``."""
        found: dict[tuple[int, int], list[int]] = {}
        for number, finding in enumerate(self.findings):
            for version in finding.versions:
                found.setdefault((version.doc, version.sentence), []).append(number)
        return {node: tuple(dict.fromkeys(numbers)) for node, numbers in found.items()}

    def sentence_number(self, doc: int, index: int) -> int | None:
        """The number people see for sentence ``index`` of outlet ``doc`` (see ``numbering``)."""
        return self.numbering[doc][index]

    def speaker_label(self, item: Quote | Version) -> str:
        """A quote's speaker as reports show it: the name, and the outlet that gave it when
        this article only describes the speaker ("Barack Obama, as named by outlet-b")."""
        name = item.speaker or ""
        if item.speaker_doc is None:
            return name
        return f"{name}, as named by {self.documents[item.speaker_doc].outlet}"

    def _repr_html_(self) -> str:
        """Jupyter's view: the digest and a compact side-by-side (``render.html.to_fragment``)."""
        from .render.html import to_fragment

        return to_fragment(self)

    def event_warnings(self) -> tuple[str, ...]:
        """One sentence per pair of outlets that do not seem to cover the same event: every
        report says so first, since their few links are only near-identical sentences."""
        return tuple(
            f"{self.documents[alignment.a].outlet} and {self.documents[alignment.b].outlet} do not seem to"
            f" cover the same event (they share little: event similarity {alignment.event_similarity:.2f});"
            " only near-identical sentences are linked."
            for alignment in self.alignments
            if not alignment.same_event
        )

    def findings_frame(self) -> pl.DataFrame:
        """Every finding as a polars DataFrame, one row each (``outletdiff.tables.findings_frame``).

        For Python and Jupyter: ``comparison.findings_frame().filter(pl.col("kind") == "quote")``.
        The ``event_id`` column is null; corpus runs fill it.
        """
        from .tables import findings_frame

        return findings_frame(self)

    def outlets_frame(self) -> pl.DataFrame:
        """One row per outlet: the summary counts, overall framing rate and source mix
        (``outletdiff.tables.outlets_frame``; null ``event_id``)."""
        from .tables import outlets_frame

        return outlets_frame(self)

    def rates_frame(self) -> pl.DataFrame:
        """Own-voice framing words per outlet and category found, count and rate per 1,000
        words (``outletdiff.tables.rates_frame``; null ``event_id``)."""
        from .tables import rates_frame

        return rates_frame(self)

    def framing_frame(self) -> pl.DataFrame:
        """Every framing word found, in the outlet's or a quoted voice, one row each
        (``outletdiff.tables.framing_frame``; null ``event_id``)."""
        from .tables import framing_frame

        return framing_frame(self)

    def alignment(self, a: int, b: int) -> Alignment:
        """The alignment of documents ``a`` and ``b`` (stored once per unordered pair)."""
        for alignment in self.alignments:
            if (alignment.a, alignment.b) == (a, b):
                return alignment
            if (alignment.a, alignment.b) == (b, a):
                return swap_alignment(alignment)
        raise KeyError((a, b))


def swap_alignment(alignment: Alignment) -> Alignment:
    """The same alignment seen from the other side (``a`` and ``b`` exchanged).

    Link labels are told from side ``a``: a "split" link (one ``a`` sentence, several ``b``)
    becomes "merged", and inline diffs trade insertions for deletions.
    """
    swapped_label = {"split": "merged", "merged": "split"}
    flip_op = {"insert": "delete", "delete": "insert", "equal": "equal"}
    links = tuple(
        Link(
            a=link.b,
            b=link.a,
            relation=link.relation,
            label=swapped_label.get(link.label, link.label),  # type: ignore[arg-type]
            score=link.score,
            diff=tuple(DiffOp(flip_op[op.op], op.text, op.b, op.a) for op in link.diff),  # type: ignore[arg-type]
        )
        for link in alignment.links
    )
    # A status describes a sentence relative to the other document, so it does not change.
    return Alignment(
        a=alignment.b,
        b=alignment.a,
        links=tuple(sorted(links, key=lambda link: (link.a, link.b))),
        status_a=alignment.status_b,
        status_b=alignment.status_a,
        same_event=alignment.same_event,
        event_similarity=alignment.event_similarity,
    )
