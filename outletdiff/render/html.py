"""A self-contained HTML side-by-side report of a ``Comparison``: one file, no network.

The template only prints: this module turns the result model into a small view model (rows
of aligned sentences, each sentence cut into non-overlapping segments that carry every
highlight covering them, summary cards and findings lists) and hands it to a Jinja2 template
with autoescaping on, so article text can never become markup. CSS and JavaScript are
inlined so the page opens offline, attaches to an e-mail and prints.

Rows use the first document as the spine: its counterparts in every other outlet share its
row; moved sentences stay in their own reading position and link to their counterpart, and
sentences without a counterpart get rows of their own in reading order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..model import Alignment, Comparison, Finding, Link, Sentence, Span

Node = tuple[int, int]  # (document, sentence index)

_STATUS_LABELS = {
    "identical": "same wording",
    "edited": "edited",
    "rewritten": "rewritten",
    "moved": "moved",
    "split": "split",
    "merged": "merged",
    "partial": "partly overlaps",
    "boilerplate": "boilerplate",
}
_KINDS = (("fact", "Facts"), ("quote", "Quotes"), ("framing", "Framing words"), ("source", "Sources"))
_CHANGES = ("added", "dropped", "altered")


@dataclass(frozen=True)
class SegmentView:
    """A run of sentence text with one constant set of highlights (spans never cross it)."""

    text: str
    classes: str = ""
    title: str = ""
    category: str = ""
    speaker: str = ""


@dataclass(frozen=True)
class LinkView:
    """An in-page link to a sentence anchor."""

    href: str
    text: str


@dataclass(frozen=True)
class SentenceView:
    """One sentence as shown in its outlet's column."""

    anchor: str
    number: int
    kind: str
    status: str
    status_label: str
    classes: str
    segments: tuple[SegmentView, ...]
    badges: tuple[tuple[str, str], ...]  # (label, tooltip) of each sourcing chain
    moved_links: tuple[LinkView, ...]


@dataclass(frozen=True)
class CellView:
    """One outlet's sentences on one row (empty when that outlet has nothing here)."""

    outlet: str
    sentences: tuple[SentenceView, ...]


@dataclass(frozen=True)
class RowView:
    """A row of the side-by-side body; ``same`` rows have identical wording everywhere."""

    cells: tuple[CellView, ...]
    same: bool


@dataclass(frozen=True)
class OutletView:
    """Header card of one outlet: identity and the precomputed summary counts."""

    outlet: str
    title: str
    date: str
    source: str
    words: int
    sentences: int
    shared: int
    altered: int
    only_here: int
    quotes: int
    quotes_added: int
    quotes_dropped: int
    quotes_altered: int
    framing_outlet_voice: int
    framing_quoted: int
    framing_per_1000: str
    sources: int
    sources_named: int
    sources_anonymous: int
    named_share: str
    anonymous_share: str


@dataclass(frozen=True)
class FindingView:
    """One finding as a list item linking to the sentence where it is written."""

    text: str
    category: str
    details: tuple[str, ...]
    href: str
    where: str
    other_href: str = ""
    other_text: str = ""


@dataclass(frozen=True)
class ChangeGroupView:
    """Findings of one kind and one change (e.g. quotes dropped)."""

    change: str
    explanation: str
    items: tuple[FindingView, ...]


@dataclass(frozen=True)
class KindGroupView:
    """Findings of one kind for one outlet relative to one other."""

    title: str
    count: int
    changes: tuple[ChangeGroupView, ...]


@dataclass(frozen=True)
class FindingsView:
    """Everything one outlet added, dropped or altered relative to one other outlet."""

    outlet: str
    other: str
    kinds: tuple[KindGroupView, ...]


@dataclass(frozen=True)
class ReportView:
    """The whole page; the template reads only this."""

    title: str
    outlets: tuple[OutletView, ...]
    rows: tuple[RowView, ...]
    findings: tuple[FindingsView, ...]
    css: Markup
    js: Markup


@dataclass(frozen=True)
class Mark:
    """A highlight to paint over ``[start, end)`` of a document; segments are cut at its edges."""

    start: int
    end: int
    css: str
    title: str
    category: str = ""
    speaker_at_end: str = ""


@dataclass
class _Layout:
    """Rows as lists of sentence indices per document, plus where every sentence landed."""

    row_links: dict[int, tuple[Link, ...]] = field(default_factory=dict)  # per other outlet
    rows: list[list[list[int]]] = field(default_factory=list)
    row_of: dict[Node, int] = field(default_factory=dict)


def to_html(comparison: Comparison) -> str:
    """The report as one HTML document (deterministic: same comparison, same bytes)."""
    return _template().render(report=build_view(comparison))


def build_view(comparison: Comparison) -> ReportView:
    """The view model of the report: everything the template prints, already decided."""
    layout = _layout(comparison)
    return ReportView(
        title=comparison.documents[0].title
        or "Comparison of " + ", ".join(d.outlet for d in comparison.documents),
        outlets=tuple(_outlet_view(comparison, doc) for doc in range(len(comparison.documents))),
        rows=tuple(_row_view(comparison, layout, cells) for cells in layout.rows),
        findings=_findings_views(comparison),
        css=Markup(_asset("report.css")),
        js=Markup(_asset("report.js")),
    )


def anchor(doc: int, index: int) -> str:
    """HTML id of a sentence: ``"s-<doc>-<index>"`` (``Sentence.id`` with a letter first)."""
    return f"s-{doc}-{index}"


def segments(text: str, start: int, end: int, marks: Iterable[Mark]) -> tuple[SegmentView, ...]:
    """Cut ``text[start:end]`` at every mark boundary; each piece carries all marks covering it.

    Overlapping marks (a framing word inside an inserted run inside a quote) thus nest
    correctly whatever their order, and the pieces rebuild the sentence exactly.
    """
    clipped = [m for m in marks if max(m.start, start) < min(m.end, end)]
    cuts = sorted({start, end} | {max(m.start, start) for m in clipped} | {min(m.end, end) for m in clipped})
    pieces = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in clipped if m.start <= left and right <= m.end]
        pieces.append(
            SegmentView(
                text=text[left:right],
                classes=" ".join(sorted({c for m in covering for c in m.css.split()})),
                title="; ".join(dict.fromkeys(m.title for m in covering if m.title)),
                category=" ".join(dict.fromkeys(m.category for m in covering if m.category)),
                speaker="; ".join(m.speaker_at_end for m in covering if m.speaker_at_end and m.end == right),
            )
        )
    return tuple(pieces)


# --- rows -----------------------------------------------------------------------------------


def _layout(comparison: Comparison) -> _Layout:
    """Rows keyed on the spine's alignment with each other outlet, in reading order."""
    count = len(comparison.documents)
    layout = _Layout(
        row_links={other: _row_links(_spine_alignment(comparison, other)) for other in range(1, count)},
    )
    groups = _counterpart_groups(layout.row_links)
    group_of = {node: key for key, members in groups.items() for node in members}
    cursor = [0] * count

    def emit(members: Sequence[Node]) -> None:
        cells: list[list[int]] = [[] for _ in range(count)]
        for doc, index in sorted(members):
            cells[doc].append(index)
            layout.row_of[(doc, index)] = len(layout.rows)
        layout.rows.append(cells)

    def flush(doc: int, limit: int) -> None:
        while cursor[doc] < limit:
            if (doc, cursor[doc]) not in group_of:
                emit([(doc, cursor[doc])])
            cursor[doc] += 1

    emitted: set[Node] = set()
    for index in range(len(comparison.sentences[0])):
        key = group_of.get((0, index))
        if key is None:
            emit([(0, index)])
            continue
        if key in emitted:
            continue
        emitted.add(key)
        for doc in range(1, count):
            placed = [i for d, i in groups[key] if d == doc]
            if placed:
                flush(doc, min(placed))
        emit(groups[key])
    for doc in range(1, count):
        flush(doc, len(comparison.sentences[doc]))
    return layout


def _counterpart_groups(row_links: dict[int, tuple[Link, ...]]) -> dict[Node, list[Node]]:
    """Spine sentences joined with their in-order counterparts (split/merge partners too)."""
    parent: dict[Node, Node] = {}

    def find(node: Node) -> Node:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for other, links in row_links.items():
        for link in links:
            root_a, root_b = find((0, link.a)), find((other, link.b))
            parent[max(root_a, root_b)] = min(root_a, root_b)
    groups: dict[Node, list[Node]] = {}
    for node in sorted(parent):
        groups.setdefault(find(node), []).append(node)
    return groups


def _spine_alignment(comparison: Comparison, other: int) -> Alignment:
    return comparison.alignment(0, other)


def _row_links(alignment: Alignment) -> tuple[Link, ...]:
    """Counterpart links that put both sentences on one row, in reading order on both sides.

    Moved pairs stay apart, and so do split/merge partners of a moved pair; any other link
    that would run against the reading order is kept apart too, so every column reads
    top to bottom in its article's order.
    """
    counterparts = sorted(
        (link for link in alignment.links if link.relation == "counterpart"),
        key=lambda link: (link.a, link.b),
    )
    primary_a = {link.a: link for link in counterparts if link.label not in ("split", "merged")}
    primary_b = {link.b: link for link in counterparts if link.label not in ("split", "merged")}
    kept: list[Link] = []
    for link in counterparts:
        primary = primary_a.get(link.a) if link.label == "split" else primary_b.get(link.b)
        if link.label == "moved" or (
            link.label in ("split", "merged") and primary and primary.label == "moved"
        ):
            continue
        if kept and link.b < kept[-1].b:
            continue
        kept.append(link)
    return tuple(kept)


def _row_view(comparison: Comparison, layout: _Layout, cells: list[list[int]]) -> RowView:
    views = tuple(
        CellView(
            outlet=comparison.documents[doc].outlet,
            sentences=tuple(_sentence_view(comparison, layout, doc, index) for index in indices),
        )
        for doc, indices in enumerate(cells)
    )
    statuses = [s.status for cell in views for s in cell.sentences]
    same = all(cell.sentences for cell in views) and all(status == "identical" for status in statuses)
    return RowView(cells=views, same=same or all(status == "boilerplate" for status in statuses))


# --- sentences ------------------------------------------------------------------------------


def _sentence_view(comparison: Comparison, layout: _Layout, doc: int, index: int) -> SentenceView:
    sentence = comparison.sentences[doc][index]
    status = _status(comparison, layout, doc, index)
    only_here = comparison.statuses[doc][index] == "added"
    label = _status_label(comparison, doc, status, only_here)
    classes = [f"st-{status}", f"k-{sentence.kind}"] + (["only"] if only_here else [])
    marks = [*_diff_marks(comparison, doc, index), *_framing_marks(comparison, sentence)]
    marks += [*_quote_marks(comparison, sentence), *_source_marks(comparison, sentence)]
    return SentenceView(
        anchor=anchor(doc, index),
        number=index + 1,
        kind=sentence.kind,
        status=status,
        status_label=label,
        classes=" ".join(classes),
        segments=segments(comparison.documents[doc].text, sentence.start, sentence.end, marks),
        badges=tuple(
            (
                attribution.label,
                "sourcing chain, outermost source first" + (" (continued)" if attribution.inherited else ""),
            )
            for attribution in comparison.attributions
            if attribution.doc == doc and attribution.sentence == index and attribution.chain
        ),
        moved_links=tuple(_moved_links(comparison, layout, doc, index)),
    )


def _status(comparison: Comparison, layout: _Layout, doc: int, index: int) -> str:
    """Status against the spine (the spine's own: against the only other outlet, or the best)."""
    if doc == 0:
        if len(comparison.documents) == 2:
            return comparison.alignment(0, 1).status_a[index]
        return comparison.statuses[0][index]
    return _spine_alignment(comparison, doc).status_b[index]


def _status_label(comparison: Comparison, doc: int, status: str, only_here: bool) -> str:
    if only_here:
        return "only in " + comparison.documents[doc].outlet
    if status == "added":
        return "not in " + comparison.documents[0].outlet
    return _STATUS_LABELS.get(status, status)


def _spine_links(comparison: Comparison, doc: int, index: int) -> Iterable[tuple[int, Link]]:
    """Counterpart links of this sentence with the spine, as ``(other document, link)``.

    Links are always seen from the spine (``a`` is document 0).
    """
    others = range(1, len(comparison.documents)) if doc == 0 else (doc,)
    for other in others:
        for link in _spine_alignment(comparison, other).links:
            if link.relation == "counterpart" and (link.a if doc == 0 else link.b) == index:
                yield other, link


def _diff_marks(comparison: Comparison, doc: int, index: int) -> Iterable[Mark]:
    """Words the spine has and a counterpart lacks (deleted), and the counterpart's insertions."""
    spine = comparison.documents[0].outlet
    for other, link in _spine_links(comparison, doc, index):
        for op in link.diff:
            if doc == 0 and op.op == "delete" and op.a:
                title = f"not in {comparison.documents[other].outlet}'s version"
                yield Mark(op.a[0], op.a[1], "del", title)
            elif doc != 0 and op.op == "insert" and op.b:
                yield Mark(op.b[0], op.b[1], "ins", f"not in {spine}'s version")


def _framing_marks(comparison: Comparison, sentence: Sentence) -> Iterable[Mark]:
    for hit in comparison.framing:
        if hit.doc == sentence.doc and _overlaps((hit.start, hit.end), sentence):
            voice = (
                "outlet's own voice"
                if hit.voice == "outlet"
                else f"quoted voice ({hit.speaker or 'unknown speaker'})"
            )
            lexicon = "" if hit.from_lexicon else ", not from the lexicon"
            title = f"framing: {hit.category} \u2014 \u201c{hit.term}\u201d, {voice}{lexicon}"
            yield Mark(hit.start, hit.end, f"fr fr-{hit.voice}", title, category=hit.category)


def _quote_marks(comparison: Comparison, sentence: Sentence) -> Iterable[Mark]:
    for quote in comparison.quotes:
        if quote.doc == sentence.doc and _overlaps((quote.start, quote.end), sentence):
            title = f"{quote.kind} quote \u2014 {quote.speaker or 'speaker unknown'}"
            yield Mark(quote.start, quote.end, f"q q-{quote.kind}", title, speaker_at_end=quote.speaker or "")


def _source_marks(comparison: Comparison, sentence: Sentence) -> Iterable[Mark]:
    seen: set[tuple[int, int, str]] = set()
    for attribution in comparison.attributions:
        if attribution.doc != sentence.doc or attribution.sentence != sentence.index:
            continue
        for source in attribution.chain:
            key = (source.start, source.end, source.name)
            if key not in seen and _overlaps((source.start, source.end), sentence):
                seen.add(key)
                title = f"source: {source.name} ({source.kind}), cue \u201c{source.cue}\u201d"
                yield Mark(source.start, source.end, "src", title)


def _overlaps(span: Span, sentence: Sentence) -> bool:
    return max(span[0], sentence.start) < min(span[1], sentence.end)


def _moved_links(comparison: Comparison, layout: _Layout, doc: int, index: int) -> Iterable[LinkView]:
    here = layout.row_of[(doc, index)]
    for other, link in _spine_links(comparison, doc, index):
        if link in layout.row_links[other]:
            continue
        target = (other, link.b) if doc == 0 else (0, link.a)
        arrow = "\u2193" if layout.row_of[target] > here else "\u2191"
        outlet = comparison.documents[target[0]].outlet
        yield LinkView(
            href="#" + anchor(*target),
            text=f"moved: counterpart in {outlet}, sentence {target[1] + 1} {arrow}",
        )


# --- header and findings --------------------------------------------------------------------


def _outlet_view(comparison: Comparison, doc: int) -> OutletView:
    document = comparison.documents[doc]
    summary = comparison.summaries[doc]
    cited = summary.sources_named + summary.sources_anonymous
    return OutletView(
        outlet=document.outlet,
        title=document.title or "",
        date=document.date or "date unknown",
        source=document.source,
        words=summary.words,
        sentences=summary.sentences,
        shared=summary.shared,
        altered=summary.altered,
        only_here=summary.only_here,
        quotes=summary.quotes,
        quotes_added=summary.quotes_added,
        quotes_dropped=summary.quotes_dropped,
        quotes_altered=summary.quotes_altered,
        framing_outlet_voice=summary.framing_outlet_voice,
        framing_quoted=summary.framing_quoted,
        framing_per_1000=f"{summary.framing_per_1000:.1f}",
        sources=summary.sources,
        sources_named=summary.sources_named,
        sources_anonymous=summary.sources_anonymous,
        named_share=_percent(summary.sources_named, cited),
        anonymous_share=_percent(summary.sources_anonymous, cited),
    )


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "\u2013"


def _findings_views(comparison: Comparison) -> tuple[FindingsView, ...]:
    pairs = sorted({(f.outlet, f.other) for f in comparison.findings})
    views = []
    for outlet, other in pairs:
        mine = [
            f for f in comparison.findings if (f.outlet, f.other) == (outlet, other) and f.change in _CHANGES
        ]
        kinds = tuple(_kind_group(comparison, mine, kind, title) for kind, title in _KINDS)
        views.append(
            FindingsView(
                outlet=comparison.documents[outlet].outlet,
                other=comparison.documents[other].outlet,
                kinds=tuple(group for group in kinds if group.count),
            )
        )
    return tuple(views)


def _kind_group(comparison: Comparison, findings: list[Finding], kind: str, title: str) -> KindGroupView:
    changes = []
    for change in _CHANGES:
        items = tuple(_finding_view(comparison, f) for f in findings if f.kind == kind and f.change == change)
        if items:
            changes.append(ChangeGroupView(change, _explain(comparison, findings[0], change), items))
    return KindGroupView(title=title, count=sum(len(c.items) for c in changes), changes=tuple(changes))


def _explain(comparison: Comparison, finding: Finding, change: str) -> str:
    outlet = comparison.documents[finding.outlet].outlet
    other = comparison.documents[finding.other].outlet
    return {
        "added": f"in {outlet}, not in {other}",
        "dropped": f"in {other}, not in {outlet}",
        "altered": f"{outlet}'s wording vs {other}'s",
    }[change]


def _finding_view(comparison: Comparison, finding: Finding) -> FindingView:
    details = []
    if finding.voice == "quoted":
        details.append("quoted voice" + (f": {finding.speaker}" if finding.speaker else ""))
    elif finding.voice == "outlet":
        details.append("outlet's own voice")
    elif finding.speaker:
        details.append(f"speaker: {finding.speaker}")
    if finding.chain:
        details.append(f"chain: {finding.chain}")
    other_href = other_text = ""
    if finding.change == "altered" and finding.other_sentence is not None:
        other_href = "#" + anchor(finding.other, finding.other_sentence)
        other_text = finding.other_text or "(none)"
    return FindingView(
        text=" ".join(finding.text.split()),
        category=finding.category,
        details=tuple(details),
        href="#" + anchor(finding.doc, finding.sentence),
        where=f"{comparison.documents[finding.doc].outlet}, sentence {finding.sentence + 1}",
        other_href=other_href,
        other_text=" ".join(other_text.split()),
    )


# --- template -------------------------------------------------------------------------------


@cache
def _template():  # type: ignore[no-untyped-def]
    environment = Environment(
        loader=PackageLoader("outletdiff.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.get_template("report.html.j2")


@cache
def _asset(name: str) -> str:
    return files("outletdiff.render").joinpath("templates", name).read_text(encoding="utf-8")
