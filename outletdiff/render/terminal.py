"""A readable terminal report of a ``Comparison`` (rich), plain when piped or with NO_COLOR.

Inline diffs carry ``[-deleted-]`` and ``{+inserted+}`` markers as well as colour, so the
report reads the same without colour (piped to a file, printed, NO_COLOR set). Every text
from the articles goes through ``display`` first and reaches rich as ``Text``, never as markup:
an outlet named ``[bold]`` or a sentence holding ``ESC[2J`` prints as those characters.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..display import NAME_LIMIT, TITLE_LIMIT, one_line, printable
from ..model import Comparison, Finding, Version

_KIND_TITLES = {
    "source": "Sources",
    "quote": "Quotes",
    "framing": "Framing words",
    "fact": "Facts",
    "sentence": "Sentences",
}
_SHOWN_PER_LINE = 8  # items listed on one grouped line before "and N more"


def render(comparison: Comparison, console: Console, *, digest_only: bool = False) -> None:
    """Print the report to ``console``: the header, the digest, then every other difference
    once, one line each (``digest_only``: stop after the digest)."""
    _header(comparison, console)
    _digest(comparison, console)
    if not digest_only:
        _differences(comparison, console)


def to_text(
    comparison: Comparison, *, width: int = 100, color: bool = False, digest_only: bool = False
) -> str:
    """The report as a string (plain unless ``color``): used for golden files and tests."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
    )
    render(comparison, console, digest_only=digest_only)
    return buffer.getvalue()


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
        "quotes (only here / worded differently)": [
            f"{s.quotes} ({s.quotes_added} / {s.quotes_altered})" for s in comparison.summaries
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


def _digest(comparison: Comparison, console: Console) -> None:
    console.print(Text("What differs most", style="bold"))
    if not comparison.digest:
        console.print(Text("  Nothing: the outlets tell this alike."))
    for number, line in enumerate(comparison.digest, 1):
        # Digest lines wrap: they are what the reader came for.
        console.print(Text(f"{number:>2}. {printable(line.text)}"))


def _differences(comparison: Comparison, console: Console) -> None:
    """Every difference the digest did not already show, grouped by kind, one line each."""
    shown = {index for line in comparison.digest for index in line.findings}
    rest = [
        (index, finding)
        for index, finding in enumerate(comparison.findings)
        if index not in shown and finding.change != "shared"
    ]
    if not rest:
        return
    console.print(Text(f"Other differences ({len(rest)})", style="bold"))
    for kind, title in _KIND_TITLES.items():
        of_kind = [finding for _, finding in rest if finding.kind == kind]
        if not of_kind:
            continue
        console.print(Text(f" {title}", style="bold"))
        for label, text, wrap in _grouped(comparison, of_kind):
            # Lists wrap; a pair of versions is cut at the edge (the JSON and HTML hold it all).
            console.print(_line(f"  {label}: ", text), no_wrap=not wrap, overflow="ellipsis")
        if kind == "sentence":
            for finding in of_kind:
                if finding.category == "edited":
                    console.print(_edited(comparison, finding))


def _grouped(comparison: Comparison, findings: list[Finding]) -> list[tuple[str, str, bool]]:
    """Lines for one kind (label, text, whether it may wrap): items only some outlets have,
    listed together per outlet; each altered item on a line of its own with both versions."""
    lines: list[tuple[str, str, bool]] = []
    only: dict[tuple[tuple[int, ...], tuple[int, ...]], list[Finding]] = {}
    for finding in findings:
        if finding.change == "only":
            only.setdefault((finding.outlets, finding.lacking), []).append(finding)
    for (outlets, lacking), items in only.items():
        label = f"only in {_names(comparison, outlets)} (not {_names(comparison, lacking)})"
        if items[0].kind == "sentence":
            sentences = "; ".join(
                f"{_number(comparison, item.versions[0])} {_quoted(item.text, limit=70)}" for item in items
            )
            lines.append((label, sentences, True))
            continue
        texts = list(dict.fromkeys(printable(_item(comparison, item)) for item in items))
        more = f" and {len(texts) - _SHOWN_PER_LINE} more" if len(texts) > _SHOWN_PER_LINE else ""
        lines.append((label, "; ".join(texts[:_SHOWN_PER_LINE]) + more, True))
    for finding in findings:
        if finding.change == "altered" and finding.category != "edited":
            versions = "  vs  ".join(
                f"{_names(comparison, (v.doc,))} {_number(comparison, v)}: {_version(finding, v)}"
                for v in finding.versions
            )
            label = "credited differently" if finding.kind == "source" else finding.category
            lines.append((label, versions, False))
    return lines


def _edited(comparison: Comparison, finding: Finding) -> Text:
    """An edited sentence as its word diff: ``[-deleted-]`` and ``{+inserted+}`` read without
    colour; the colours help where there are some."""
    first, second = finding.versions[0], finding.versions[1]
    line = Text(
        f"  edited: {_names(comparison, (first.doc,))} {_number(comparison, first)}"
        f" ~ {_names(comparison, (second.doc,))} {_number(comparison, second)}: "
    )
    link = next(
        (
            link
            for link in comparison.alignment(first.doc, second.doc).links
            if (link.a, link.b) == (first.sentence, second.sentence) and link.diff
        ),
        None,
    )
    for op in link.diff if link else ():
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


def _item(comparison: Comparison, finding: Finding) -> str:
    version = finding.versions[0]
    text = _quoted(version.text, limit=60) if finding.kind == "quote" else version.text
    speaker = f" ({comparison.speaker_label(version)})" if finding.kind == "quote" and version.speaker else ""
    return f"{text}{speaker}"


def _version(finding: Finding, version: Version) -> str:
    if finding.kind == "source":
        return printable(version.chain or "(stated as fact)")
    if finding.kind == "sentence":
        return _quoted(version.text, limit=40)
    return _quoted(version.text, limit=50)


def _number(comparison: Comparison, version: Version) -> str:
    return str(comparison.sentence_number(version.doc, version.sentence))


def _names(comparison: Comparison, docs: tuple[int, ...]) -> str:
    return ", ".join(_name(comparison.documents[doc].outlet) for doc in docs)


def _line(prefix: str, text: str) -> Text:
    """One report line, to be cut with an ellipsis at the console's width rather than wrapped:
    the JSON and HTML reports hold every word."""
    return Text(prefix + printable(" ".join(text.split())))


def _name(outlet: str) -> str:
    """An outlet name as the report shows it: one printable line, shortened when long."""
    return one_line(outlet, NAME_LIMIT)


def _quoted(text: str, limit: int = 160) -> str:
    text = " ".join(text[: limit * 4 + 64].split())
    return printable(f"\u201c{text if len(text) <= limit else text[: limit - 3] + '...'}\u201d")
