"""A readable terminal report of a ``Comparison`` (rich), plain when piped or with NO_COLOR.

Inline diffs carry ``[-deleted-]`` and ``{+inserted+}`` markers as well as colour, so the
report reads the same without colour (piped to a file, printed, NO_COLOR set). Every text
from the articles goes through ``display`` first and reaches rich as ``Text``, never as markup:
an outlet named ``[bold]`` or a sentence holding ``ESC[2J`` prints as those characters.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..display import NAME_LIMIT, TITLE_LIMIT, one_line, printable
from ..model import Alignment, Comparison, Finding, Link

_CHANGE_STYLE = {"added": "green", "dropped": "red", "altered": "yellow", "shared": "dim"}
_KIND_TITLES = {
    "quote": "Quotes",
    "source": "Sources and sourcing chains",
    "framing": "Framing words",
    "fact": "Facts",
}


def render(comparison: Comparison, console: Console) -> None:
    """Print the whole report to ``console``."""
    _header(comparison, console)
    for alignment in _reported_pairs(comparison):
        _pair_section(comparison, alignment, console)
        for doc in (alignment.a, alignment.b):
            other = alignment.b if doc == alignment.a else alignment.a
            _findings_section(comparison, doc, other, console)


def to_text(comparison: Comparison, *, width: int = 100, color: bool = False) -> str:
    """The report as a string (plain unless ``color``): used for golden files and tests."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
    )
    render(comparison, console)
    return buffer.getvalue()


def _reported_pairs(comparison: Comparison) -> list[Alignment]:
    """Every pair of outlets that has findings (all pairs, or those with the reference)."""
    pairs = {(f.outlet, f.other) for f in comparison.findings}
    return [a for a in comparison.alignments if (a.a, a.b) in pairs or (a.b, a.a) in pairs]


def _header(comparison: Comparison, console: Console) -> None:
    for warning in comparison.event_warnings():
        console.print(Text(f"Warning: {one_line(warning, TITLE_LIMIT)}", style="bold yellow"))
    titles = list(dict.fromkeys(one_line(d.title, TITLE_LIMIT) for d in comparison.documents if d.title))
    console.print(Text("outletdiff: " + (" / ".join(titles) if titles else "comparison"), style="bold"))
    table = Table(title="Per outlet", title_justify="left")
    table.add_column("")
    for document in comparison.documents:
        table.add_column(Text(_name(document.outlet)), justify="right")
    rows = {
        "date": [d.date or "-" for d in comparison.documents],
        "words": [str(s.words) for s in comparison.summaries],
        "sentences": [str(s.sentences) for s in comparison.summaries],
        "shared / altered / only here": [
            f"{s.shared} / {s.altered} / {s.only_here}" for s in comparison.summaries
        ],
        "quotes (added / dropped / altered)": [
            f"{s.quotes} ({s.quotes_added} / {s.quotes_dropped} / {s.quotes_altered})"
            for s in comparison.summaries
        ],
        "framing words, own voice (per 1,000)": [
            f"{s.framing_outlet_voice} ({s.framing_per_1000:.1f})" for s in comparison.summaries
        ],
        "sources named / anonymous": [
            f"{s.sources_named} / {s.sources_anonymous}" for s in comparison.summaries
        ],
    }
    for label, values in rows.items():
        table.add_row(label, *(Text(one_line(value)) for value in values))
    console.print(table)


def _pair_section(comparison: Comparison, alignment: Alignment, console: Console) -> None:
    name_a = _name(comparison.documents[alignment.a].outlet)
    name_b = _name(comparison.documents[alignment.b].outlet)
    console.rule(Text(f"{name_a}  vs  {name_b}"))
    for doc, statuses, other in (
        (alignment.a, alignment.status_a, name_b),
        (alignment.b, alignment.status_b, name_a),
    ):
        only = [comparison.sentences[doc][i] for i, status in enumerate(statuses) if status == "added"]
        name = _name(comparison.documents[doc].outlet)
        console.print(Text(f"Only in {name} (not in {other}): {len(only)}", style="bold"))
        for sentence in only:
            console.print(
                Text(f"  + [{sentence.index}] {printable(sentence.text)}", style=_CHANGE_STYLE["added"])
            )
    changed = [link for link in alignment.links if link.diff and link.label != "identical"]
    console.print(Text(f"Changed between {name_a} and {name_b}: {len(changed)}", style="bold"))
    for link in changed:
        console.print(_diff_line(link))


def _diff_line(link: Link) -> Text:
    line = Text(f"  ~ [{link.a}->{link.b}] {link.label} ({link.score:.2f}): ")
    for op in link.diff:
        text = printable(op.text)
        if op.op == "equal":
            line.append(text + " ")
        elif op.op == "delete":
            line.append(f"[-{text}-]", style="red strike")
            line.append(" ")
        else:
            line.append(f"{{+{text}+}}", style="green underline")
            line.append(" ")
    return line


def _findings_section(comparison: Comparison, doc: int, other: int, console: Console) -> None:
    findings = [
        f for f in comparison.findings if f.outlet == doc and f.other == other and f.kind != "sentence"
    ]
    name = _name(comparison.documents[doc].outlet)
    other_name = _name(comparison.documents[other].outlet)
    for kind, title in _KIND_TITLES.items():
        of_kind = [f for f in findings if f.kind == kind and f.change != "shared"]
        if not of_kind:
            continue
        console.print(Text(f"{title}: {name} relative to {other_name}", style="bold"))
        for finding in of_kind:
            console.print(_finding_line(finding))


def _finding_line(finding: Finding) -> Text:
    marker = {"added": "+", "dropped": "-", "altered": "~"}.get(finding.change, " ")
    line = Text(
        f"  {marker} {finding.change} {one_line(finding.category)}: ",
        style=_CHANGE_STYLE.get(finding.change, ""),
    )
    if finding.kind == "source" and finding.change == "altered":
        unattributed = "(stated as fact)"
        line.append(printable(f"{finding.chain or unattributed}  vs  {finding.other_text or unattributed}"))
        line.append(f"  in {_quoted(finding.text, limit=70)}", style="dim")
        line.append(f"  (sentence {finding.doc}:{finding.sentence})", style="dim")
        return line
    line.append(_quoted(finding.text))
    details = list(_details(finding))
    if details:
        line.append("  (" + "; ".join(details) + ")", style="dim")
    return line


def _details(finding: Finding) -> Iterable[str]:
    speaker = one_line(finding.speaker, TITLE_LIMIT) if finding.speaker else None
    if finding.voice == "quoted":
        yield f"quoted voice{': ' + speaker if speaker else ''}"
    elif speaker:
        yield f"speaker: {speaker}"
    if finding.chain and finding.kind != "source":
        yield f"chain: {printable(finding.chain)}"
    if finding.other_text is not None and finding.change == "altered":
        yield f"other: {_quoted(finding.other_text)}"
    yield f"sentence {finding.doc}:{finding.sentence}"


def _name(outlet: str) -> str:
    """An outlet name as the report shows it: one printable line, shortened when long."""
    return one_line(outlet, NAME_LIMIT)


def _quoted(text: str, limit: int = 160) -> str:
    text = " ".join(text[: limit * 4 + 64].split())
    return printable(f"\u201c{text if len(text) <= limit else text[: limit - 3] + '...'}\u201d")
