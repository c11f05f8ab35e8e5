"""A self-contained HTML side-by-side report of a ``Comparison``: one file, no network.

The template only prints: this module turns the result model into a small view model (rows
of aligned sentences, each sentence cut into non-overlapping segments that carry every
highlight covering them, summary cards and findings lists) and hands it to a Jinja2 template
with autoescaping on, so article text can never become markup. CSS and JavaScript are
inlined so the page opens offline, attaches to an e-mail and prints.

Rows come from ``rows.aligned_rows``: one document is the spine (the reference outlet when
the comparison has one, else the first), its counterparts in every other outlet share its
row wherever they stand in their own articles (each sentence shows its own number), and the
page's script can show each outlet in its own reading order instead. Statuses, word
insertions and deletions are all told against the spine, so the page never shows a
difference between two outlets that were not compared with each other. A rewritten pair is
drawn by its content (``contrast.content_differences``), its word changes one click away.

Highlights are indexed by (document, sentence) once, so building the page stays linear in the
number of sentences and highlights.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.resources import files
from typing import TypeVar

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..contrast import content_differences, listed_findings
from ..model import (
    Alignment,
    Attribution,
    Comparison,
    ContentDifference,
    Finding,
    FramingHit,
    Link,
    OutletSummary,
    Quote,
    Sentence,
    Span,
    Version,
)
from . import graph
from .rows import aligned_rows, spine_of

Node = tuple[int, int]  # (document, sentence index)
T = TypeVar("T")

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


@dataclass(frozen=True)
class SegmentView:
    """A run of sentence text with one constant set of highlights (spans never cross it)."""

    text: str
    classes: str = ""
    title: str = ""
    category: str = ""
    speaker: str = ""


@dataclass(frozen=True)
class SentenceView:
    """One sentence as shown in its outlet's column."""

    anchor: str
    doc: int
    index: int
    number: int | None  # as people count: 1-based per outlet, boilerplate not numbered
    place: str  # "outlet-a, sentence 3"
    kind: str
    status: str
    status_label: str
    classes: str
    segments: tuple[SegmentView, ...]  # what is shown: the word changes, or for a rewritten
    # sentence only its content differences
    badges: tuple[tuple[str, str], ...]  # (label, tooltip) of each sourcing chain
    words: tuple[SegmentView, ...] = ()  # a rewritten sentence's word-level view, one click away


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
    """Header card of one outlet: identity, its summary as computed once (``OutletSummary``),
    and the few numbers only a card shows (formatted rate, source shares)."""

    outlet: str
    title: str
    date: str
    source: str  # the file name, never the path (reports are shared)
    reference: bool
    summary: OutletSummary
    framing_per_1000: str
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
class DigestView:
    """One digest line, linking to the first sentence it stands on."""

    text: str
    href: str


@dataclass(frozen=True)
class ReportView:
    """The whole page; the template reads only this."""

    title: str
    hint: str
    warnings: tuple[str, ...]
    digest: tuple[DigestView, ...]
    sourcing: Markup  # the sourcing graph as inline SVG (escaped by ``render.graph``), or empty
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
    """Rows as lists of sentence indices per document (from ``rows.aligned_rows``).

    Also the lookups every sentence needs, built once so that no sentence scans the whole
    comparison: the spine's counterpart links per sentence and the highlights per sentence.
    """

    spine: int
    alignments: dict[int, Alignment]  # the spine's alignment with each other outlet, spine as ``a``
    spine_links: dict[Node, list[tuple[int, Link]]] = field(default_factory=dict)
    framing: dict[Node, list[FramingHit]] = field(default_factory=dict)
    quotes: dict[Node, list[Quote]] = field(default_factory=dict)
    attributions: dict[Node, list[Attribution]] = field(default_factory=dict)
    rows: list[list[list[int]]] = field(default_factory=list)


def to_html(comparison: Comparison) -> str:
    """The report as one HTML document (deterministic: same comparison, same bytes)."""
    return _template("report.html.j2").render(report=build_view(comparison))


def to_fragment(comparison: Comparison) -> str:
    """A compact HTML fragment for Jupyter: the digest and the side-by-side rows, from the same
    view model as the page, with no ``<html>``/``<head>``, no script, and styles scoped to the
    ``outletdiff-nb`` wrapper (``Comparison._repr_html_``)."""
    view = build_view(comparison)
    return _template("fragment.html.j2").render(report=replace(view, css=Markup(_asset("fragment.css"))))


def build_view(comparison: Comparison) -> ReportView:
    """The view model of the report: everything the template prints, already decided."""
    layout = _layout(comparison)
    return ReportView(
        title=comparison.documents[layout.spine].title
        or "Comparison of " + ", ".join(d.outlet for d in comparison.documents),
        hint=_hint(comparison),
        warnings=comparison.event_warnings(),
        digest=tuple(
            DigestView(line.text, "#" + anchor(*line.sentences[0]) if line.sentences else "")
            for line in comparison.digest
        ),
        sourcing=Markup(graph.to_svg(comparison.sourcing)) if comparison.sourcing.edges else Markup(""),
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
    """The rows of ``rows.aligned_rows`` and the lookups every sentence needs, built once."""
    first = spine_of(comparison)
    others = [doc for doc in range(len(comparison.documents)) if doc != first]
    alignments = {other: comparison.alignment(first, other) for other in others}
    layout = _Layout(
        spine=first,
        alignments=alignments,
        spine_links=_index_spine_links(first, alignments),
        framing=_by_sentence(comparison, comparison.framing, lambda hit: (hit.doc, hit.start, hit.end)),
        quotes=_by_sentence(comparison, comparison.quotes, lambda quote: (quote.doc, quote.start, quote.end)),
        attributions=_group(((a.doc, a.sentence), a) for a in comparison.attributions),
    )
    layout.rows = [[list(cell) for cell in row.cells] for row in aligned_rows(comparison, first)]
    return layout


def _index_spine_links(first: int, alignments: dict[int, Alignment]) -> dict[Node, list[tuple[int, Link]]]:
    """Each sentence's counterpart links with the spine, as ``(other document, link)``.

    A spine sentence gets its links with every other outlet (in document order), any other
    sentence its links with the spine; links are always seen from the spine (``a``).
    """
    index: dict[Node, list[tuple[int, Link]]] = defaultdict(list)
    for other, alignment in alignments.items():
        for link in alignment.links:
            if link.relation == "counterpart":
                index[(first, link.a)].append((other, link))
    for other, alignment in alignments.items():
        for link in alignment.links:
            if link.relation == "counterpart":
                index[(other, link.b)].append((other, link))
    return dict(index)


def _group(pairs: Iterable[tuple[Node, T]]) -> dict[Node, list[T]]:
    """Items listed under their node, in the order given."""
    grouped: dict[Node, list[T]] = defaultdict(list)
    for node, item in pairs:
        grouped[node].append(item)
    return dict(grouped)


def _by_sentence(
    comparison: Comparison, items: Iterable[T], where: Callable[[T], tuple[int, int, int]]
) -> dict[Node, list[T]]:
    """Items listed under every sentence their ``(doc, start, end)`` overlaps, in the order given.

    Found by overlap, not by the item's own sentence number, so a quote running over several
    sentences is painted in each of them.
    """
    starts = [[sentence.start for sentence in sentences] for sentences in comparison.sentences]
    reach = [_running_max(sentence.end for sentence in sentences) for sentences in comparison.sentences]
    pairs = []
    for item in items:
        doc, start, end = where(item)
        sentences = comparison.sentences[doc]
        # Sentences before ``index`` all end at or before ``start``; starts are in reading order.
        index = bisect_right(reach[doc], start)
        while index < len(sentences) and starts[doc][index] < end:
            if _overlaps((start, end), sentences[index]):
                pairs.append(((doc, index), item))
            index += 1
    return _group(pairs)


def _running_max(values: Iterable[int]) -> list[int]:
    result: list[int] = []
    for value in values:
        result.append(max(value, result[-1]) if result else value)
    return result


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
    node = (doc, index)
    status = _status(comparison, layout, doc, index)
    only_here = _only_here(comparison, doc, index)
    label = _status_label(comparison, layout, doc, status, only_here)
    classes = [f"st-{status}", f"k-{sentence.kind}"] + (["only"] if only_here else [])
    attributions = layout.attributions.get(node, [])
    marks = [*_diff_marks(comparison, layout, doc, index), *_framing_marks(layout.framing.get(node, []))]
    marks += [*_quote_marks(comparison, layout.quotes.get(node, [])), *_source_marks(attributions, sentence)]
    text = comparison.documents[doc].text
    words = segments(text, sentence.start, sentence.end, marks)
    links = layout.spine_links.get(node, [])
    rewritten = any(link.label == "rewritten" for _, link in links)
    number = comparison.sentence_number(doc, index)
    shown = words
    if rewritten:
        partners = [
            (other, link.b) if doc == layout.spine else (layout.spine, link.a) for other, link in links
        ]
        differences = content_differences(comparison, node, partners)
        others = ", ".join(dict.fromkeys(comparison.documents[d].outlet for d, _ in partners))
        shown = segments(text, sentence.start, sentence.end, _content_marks(differences, others))
        classes.append("by-content")
    return SentenceView(
        anchor=anchor(doc, index),
        doc=doc,
        index=index,
        number=number,
        place=f"{comparison.documents[doc].outlet}, "
        + (f"sentence {number}" if number is not None else "boilerplate"),
        kind=sentence.kind,
        status=status,
        status_label=label,
        classes=" ".join(classes),
        segments=shown,
        words=words if rewritten else (),
        badges=tuple(
            (
                attribution.label,
                "sourcing chain, outermost source first" + (" (continued)" if attribution.inherited else ""),
            )
            for attribution in attributions
            if attribution.chain
        ),
    )


def _status(comparison: Comparison, layout: _Layout, doc: int, index: int) -> str:
    """Status against the spine (the spine's own: against the only other outlet, or the best)."""
    if doc == layout.spine:
        if len(comparison.documents) == 2:
            return next(iter(layout.alignments.values())).status_a[index]
        return comparison.statuses[doc][index]
    return layout.alignments[doc].status_b[index]


def _only_here(comparison: Comparison, doc: int, index: int) -> bool:
    """Whether no other outlet has the sentence at all.

    ``statuses`` of a non-reference outlet tell only whether the reference has it, so with a
    reference and more than two outlets only the reference's own sentences can be told so.
    """
    reference = comparison.reference
    if reference is not None and doc != reference and len(comparison.documents) > 2:
        return False
    return comparison.statuses[doc][index] == "added"


def _status_label(comparison: Comparison, layout: _Layout, doc: int, status: str, only_here: bool) -> str:
    if only_here:
        return "only in " + comparison.documents[doc].outlet
    if status == "added":
        return "not in " + comparison.documents[layout.spine].outlet
    return _STATUS_LABELS.get(status, status)


def _diff_marks(comparison: Comparison, layout: _Layout, doc: int, index: int) -> Iterable[Mark]:
    """Words the spine has and a counterpart lacks (deleted), and the counterpart's insertions."""
    spine_outlet = comparison.documents[layout.spine].outlet
    for other, link in layout.spine_links.get((doc, index), []):
        for op in link.diff:
            if doc == layout.spine and op.op == "delete" and op.a:
                title = f"not in {comparison.documents[other].outlet}'s version"
                yield Mark(op.a[0], op.a[1], "del", title)
            elif doc != layout.spine and op.op == "insert" and op.b:
                yield Mark(op.b[0], op.b[1], "ins", f"not in {spine_outlet}'s version")


def _framing_marks(hits: Iterable[FramingHit]) -> Iterable[Mark]:
    for hit in hits:
        voice = (
            "outlet's own voice"
            if hit.voice == "outlet"
            else f"quoted voice ({hit.speaker or 'unknown speaker'})"
        )
        lexicon = "" if hit.from_lexicon else ", not from the lexicon"
        title = f"framing: {hit.category} \u2014 \u201c{hit.term}\u201d, {voice}{lexicon}"
        yield Mark(hit.start, hit.end, f"fr fr-{hit.voice}", title, category=hit.category)


def _quote_marks(comparison: Comparison, quotes: Iterable[Quote]) -> Iterable[Mark]:
    for quote in quotes:
        speaker = comparison.speaker_label(quote)
        title = f"{quote.kind} quote \u2014 {speaker or 'speaker unknown'}"
        yield Mark(quote.start, quote.end, f"q q-{quote.kind}", title, speaker_at_end=speaker)


def _source_marks(attributions: Iterable[Attribution], sentence: Sentence) -> Iterable[Mark]:
    """Sources of the sentence's own chains (an inherited chain's names may sit elsewhere)."""
    seen: set[tuple[int, int, str]] = set()
    for attribution in attributions:
        for source in attribution.chain:
            key = (source.start, source.end, source.name)
            if key not in seen and _overlaps((source.start, source.end), sentence):
                seen.add(key)
                title = f"source: {source.name} ({source.kind}), cue \u201c{source.cue}\u201d"
                yield Mark(source.start, source.end, "src", title)


def _overlaps(span: Span, sentence: Sentence) -> bool:
    return max(span[0], sentence.start) < min(span[1], sentence.end)


_KIND_NAMES = {"fact": "fact", "quote": "quote", "framing": "framing word", "source": "source"}


def _content_marks(differences: Iterable[ContentDifference], others: str) -> Iterable[Mark]:
    """A rewritten sentence's content differences, each saying what ``others`` (the partner
    outlets' names) have instead."""
    for difference in differences:
        what = f"{_KIND_NAMES.get(difference.kind, difference.kind)} ({difference.category})"
        if difference.other_text is None:
            title = f"{what}: not in {others}'s version"
        else:
            title = f"{what}: {others} has \u201c{' '.join(difference.other_text.split())}\u201d"
        css = f"cd cd-{difference.kind} cd-{difference.change}"
        yield Mark(difference.start, difference.end, css, title)


# --- header and findings --------------------------------------------------------------------


def _outlet_view(comparison: Comparison, doc: int) -> OutletView:
    document = comparison.documents[doc]
    summary = comparison.summaries[doc]
    cited = summary.sources_named + summary.sources_anonymous
    return OutletView(
        outlet=document.outlet,
        title=document.title or "",
        date=document.date or "date unknown",
        source=document.file_name,
        reference=doc == comparison.reference,
        summary=summary,
        framing_per_1000=f"{summary.framing_per_1000:.1f}",
        named_share=_percent(summary.sources_named, cited),
        anonymous_share=_percent(summary.sources_anonymous, cited),
    )


def _hint(comparison: Comparison) -> str:
    """What the added/dropped/altered counts are relative to."""
    if comparison.reference is None:
        return "Added, dropped and altered are counted for each outlet against the others."
    reference = comparison.documents[comparison.reference].outlet
    return (
        f"Added, dropped and altered are counted for each outlet against {reference}, the reference; "
        f"rows and word changes are shown against {reference} too."
    )


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "\u2013"


def _findings_views(comparison: Comparison) -> tuple[FindingsView, ...]:
    """The findings grouped by the outlets they concern, each difference once."""
    groups: dict[tuple[int, ...], list[Finding]] = {}
    for number in listed_findings(comparison):
        finding = comparison.findings[number]
        groups.setdefault(tuple(sorted({*finding.outlets, *finding.lacking})), []).append(finding)
    views = []
    for involved, found in sorted(groups.items()):
        names = [comparison.documents[doc].outlet for doc in involved]
        kinds = tuple(_kind_group(comparison, found, kind, title) for kind, title in _KINDS)
        views.append(
            FindingsView(
                outlet=names[0], other=", ".join(names[1:]), kinds=tuple(g for g in kinds if g.count)
            )
        )
    return tuple(views)


def _kind_group(comparison: Comparison, findings: list[Finding], kind: str, title: str) -> KindGroupView:
    grouped: dict[tuple[str, str], list[FindingView]] = {}
    for finding in findings:
        if finding.kind == kind:
            css = "added" if finding.change == "only" else finding.change
            grouped.setdefault((css, _explain(comparison, finding)), []).append(
                _finding_view(comparison, finding)
            )
    changes = tuple(ChangeGroupView(css, explain, tuple(items)) for (css, explain), items in grouped.items())
    return KindGroupView(title=title, count=sum(len(c.items) for c in changes), changes=changes)


def _explain(comparison: Comparison, finding: Finding) -> str:
    def names(docs: Iterable[int]) -> str:
        return ", ".join(comparison.documents[doc].outlet for doc in docs)

    if finding.change == "only":
        return f"only in {names(finding.outlets)}, not in {names(finding.lacking)}"
    return f"worded differently by {names(finding.outlets)}"


def _number(comparison: Comparison, version: Version) -> int | None:
    return comparison.sentence_number(version.doc, version.sentence)


def _finding_view(comparison: Comparison, finding: Finding) -> FindingView:
    version = finding.versions[0]
    details = []
    if version.voice == "quoted":
        details.append("quoted voice" + (f": {version.speaker}" if version.speaker else ""))
    elif version.voice == "outlet":
        details.append("outlet's own voice")
    elif version.speaker:
        details.append(f"speaker: {version.speaker}")
    if version.chain:
        details.append(f"chain: {version.chain}")
    other_href = other_text = ""
    if finding.change == "altered" and len(finding.versions) > 1:
        other = finding.versions[1]
        other_href = "#" + anchor(other.doc, other.sentence)
        other_text = (other.chain if finding.kind == "source" else other.text) or "(none)"
    return FindingView(
        text=" ".join(version.text.split()),
        category=finding.category,
        details=tuple(details),
        href="#" + anchor(version.doc, version.sentence),
        where=f"{comparison.documents[version.doc].outlet} {_number(comparison, version)}",
        other_href=other_href,
        other_text=" ".join(other_text.split()),
    )


# --- template -------------------------------------------------------------------------------


@cache
def _template(name: str):  # type: ignore[no-untyped-def]
    environment = Environment(
        loader=PackageLoader("outletdiff.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.get_template(name)


@cache
def _asset(name: str) -> str:
    return files("outletdiff.render").joinpath("templates", name).read_text(encoding="utf-8")
