"""The ``outletdiff`` command line: parse options, call the library, print or write its output.

Heavy modules (numpy, scipy, polars, jinja2, trafilatura) are imported inside the commands so
``outletdiff --help`` stays quick.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn, cast, get_args

import typer
from typer.core import TyperCommand, TyperGroup

from .display import one_line, printable
from .errors import OutletdiffError


def _flags_take_no_value(params: list[Any]) -> list[Any]:
    """Show a flag (``--open``, ``--html/--no-html``, ``--help``) as a flag in ``--help``.

    typer labels every option with its type, so a flag reads ``--open <bool>`` as if it took
    a value; an empty metavar leaves the type column blank for flags only.
    """
    for param in params:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
    return params


class _Group(TyperGroup):
    """The root command, with flags shown as flags."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _flags_take_no_value(super().get_params(ctx))


class _Command(TyperCommand):
    """A command, with flags shown as flags."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _flags_take_no_value(super().get_params(ctx))


app = typer.Typer(
    cls=_Group,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Show how news outlets' coverage of the same event differs: facts, quotes, framing words, sources.",
)


def _print_version(value: bool) -> None:
    if value:
        from ._version import version

        typer.echo(f"outletdiff {version()}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """outletdiff: compare outlets' coverage of one event."""


@app.command(cls=_Command)
def compare(
    files: Annotated[
        list[str], typer.Argument(help="Two or more articles (.txt .md .html .json), or - for stdin.")
    ],
    label: Annotated[
        list[str] | None,
        typer.Option("--label", "-l", metavar="NAME", help="Outlet name for each file, in order."),
    ] = None,
    json_path: Annotated[
        str | None,
        typer.Option("--json", metavar="PATH", help="Write the full result as JSON to PATH (- for stdout)."),
    ] = None,
    html_path: Annotated[
        str | None,
        typer.Option(
            "--html", metavar="PATH", help="Write a self-contained HTML report to PATH (- for stdout)."
        ),
    ] = None,
    open_html: Annotated[bool, typer.Option("--open", help="Open the HTML report in a browser.")] = False,
    reference: Annotated[
        str | None,
        typer.Option(
            "--reference",
            "-r",
            metavar="NAME",
            help="Compare every outlet with this one only (name or 1-based position).",
        ),
    ] = None,
    lexicon: Annotated[
        list[Path] | None,
        typer.Option(
            "--lexicon", metavar="FILE", help="Extra framing lexicon: CSV, word list, MPQA .tff or LIWC .dic."
        ),
    ] = None,
    replace_lexicon: Annotated[
        bool, typer.Option("--replace-lexicon", help="Use only the --lexicon files, not the shipped lexicon.")
    ] = False,
    any_language: Annotated[
        bool, typer.Option("--any-language", help="Compare texts that do not look English (fewer findings).")
    ] = False,
    max_mb: Annotated[
        float, typer.Option("--max-mb", min=0.001, help="Refuse input files larger than this.")
    ] = 10.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not print the terminal report.")] = False,
    digest_only: Annotated[
        bool, typer.Option("--digest-only", help="Print only the digest: the differences that matter most.")
    ] = False,
) -> None:
    """Compare two or more outlets' articles about the same event."""
    try:
        from .atomic import own_descriptor
        from .errors import InputError
        from .load import load_paths

        if json_path and html_path and own_descriptor(json_path) == own_descriptor(html_path) == 1:
            raise InputError(
                "--json - and --html - cannot both write to stdout", "send one of them to a file"
            )
        if open_html and not html_path:
            raise InputError("--open needs --html PATH", "add --html report.html")
        from .pipeline import compare as run_compare

        documents = load_paths(
            files, labels=label or (), max_bytes=int(max_mb * 1_048_576), any_language=any_language
        )
        options = _options(documents, reference, lexicon or [], replace_lexicon)
        comparison = run_compare(documents, options=options)
        stdout_taken = any(path and own_descriptor(path) == 1 for path in (json_path, html_path))
        if json_path:
            from .render.json import to_json

            _emit(json_path, to_json(comparison))
        if html_path:
            from .render.html import to_html

            _emit(html_path, to_html(comparison))
            if open_html and own_descriptor(html_path) is None:
                import webbrowser

                webbrowser.open(Path(html_path).resolve().as_uri())
        if not quiet and not stdout_taken:
            from .render.terminal import render

            render(comparison, _console(), digest_only=digest_only)
    except OutletdiffError as error:
        _fail(error)
    except BrokenPipeError:
        _stop_quietly()


@app.command(cls=_Command)
def corpus(
    source: Annotated[
        str, typer.Argument(help="A folder with one sub-folder per event, or a CSV / JSON Lines manifest.")
    ],
    out: Annotated[
        str, typer.Option("--out", "-o", metavar="DIR", help="Folder for the tables and reports.")
    ] = "reports",
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", metavar="FORMAT", help="Tables as parquet, csv, ndjson or sqlite."),
    ] = "parquet",
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).", min=1)
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Redo events finished by an earlier run.")] = False,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Leave out events with problems instead of stopping.")
    ] = False,
    html: Annotated[
        bool, typer.Option("--html/--no-html", help="Write an HTML report per event and an index.")
    ] = True,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="ADDRESS",
            help="Run events on a Dask cluster: a scheduler address (tcp://host:8786) or 'local'.",
        ),
    ] = None,
    group: Annotated[
        bool,
        typer.Option(
            "--group", help="SOURCE is an unsorted pile: find its events first (see `outletdiff events`)."
        ),
    ] = False,
) -> None:
    """Compare every event of a corpus; write findings, outlets and framing tables."""
    try:
        from .corpus import Format, run_corpus
        from .errors import CorpusError

        if fmt not in get_args(Format):
            raise CorpusError(f"unknown --format {fmt!r}", hint="use parquet, csv, ndjson or sqlite")
        grouping = None
        if group:
            from .corpus.grouping import GroupOptions

            grouping = GroupOptions()
        with _progress_bar() as progress:
            result = run_corpus(
                source,
                out=out,
                fmt=cast(Format, fmt),
                jobs=jobs,
                force=force,
                skip_bad=skip_bad,
                html=html,  # type: ignore[arg-type]
                progress=progress,
                dask=dask,
                group=grouping,
            )
    except OutletdiffError as error:
        for problem in getattr(error, "problems", []):
            typer.echo(printable(f"  {problem}"), err=True)
        _fail(error)
    except BrokenPipeError:
        _stop_quietly()
    except KeyboardInterrupt:
        # Before the run started (reading the corpus), or a second Ctrl-C while committing.
        typer.echo(
            "Interrupted: events committed so far are kept; run the same command again to go on.", err=True
        )
        raise typer.Exit(code=130) from None
    try:
        _report_corpus(result)
    except BrokenPipeError:
        _stop_quietly()
    if result.stopped == "writing the tables":
        typer.echo(
            "Interrupted while writing the tables: every finished event is committed; "
            "run the same command again to write them.",
            err=True,
        )
        raise typer.Exit(code=130)
    if result.interrupted:
        typer.echo("Interrupted: finished events are saved; run the same command again to go on.", err=True)
        raise typer.Exit(code=130)
    if result.failed and not skip_bad:
        raise typer.Exit(code=2)


def _report_corpus(result) -> None:  # type: ignore[no-untyped-def]
    """What a corpus run did: problems and failures on stderr, the tables written on stdout."""
    if result.grouped:
        typer.echo(printable(result.grouped))
    for problem in result.problems:
        typer.echo(printable(f"Skipped: {problem}"), err=True)
    for event, reason in sorted(result.failed.items()):
        typer.echo(printable(f"Failed: {event}: {reason}"), err=True)
    for note in ([result.html_note] if result.html_note else []) + result.notes:
        typer.echo(printable(f"Note: {note}"), err=True)
    typer.echo(
        printable(
            f"{result.done} events compared, {result.skipped} already done, "
            f"{len(result.bad) + len(result.failed)} left out, in {result.out}"
        )
    )
    for path in result.files:
        typer.echo(printable(f"  {path}{'/' if path.is_dir() else ''}"))


@app.command(cls=_Command)
def events(
    pile: Annotated[
        str,
        typer.Argument(
            help="A folder of articles, or a CSV / JSON Lines manifest (outlet, date, title, text or path)."
        ),
    ],
    out: Annotated[
        str, typer.Option("--out", "-o", metavar="PATH", help="Manifest to write, for `outletdiff corpus`.")
    ] = "events.csv",
    window_days: Annotated[
        int, typer.Option("--window-days", min=0, help="Most days between two articles of one event.")
    ] = 4,
    min_similarity: Annotated[
        float, typer.Option("--min-similarity", min=0.0, max=1.0, help="Least similarity of linked leads.")
    ] = 0.1,
) -> None:
    """Find the events in an unsorted pile of articles and write them as a corpus manifest."""
    try:
        from .corpus.grouping import GroupOptions, events_from_pile

        options = GroupOptions(window_days=window_days, min_similarity=min_similarity)
        found = events_from_pile(pile, out, options=options)
    except OutletdiffError as error:
        for problem in getattr(error, "problems", []):
            typer.echo(f"  {problem}", err=True)
        _fail(error)
    except KeyboardInterrupt:
        typer.echo("Interrupted: no manifest was written.", err=True)
        raise typer.Exit(code=130) from None
    typer.echo(found.summary())
    typer.echo(f"Wrote {found.manifest}")


@app.command(cls=_Command)
def stats(
    reports: Annotated[str, typer.Argument(help="A folder written by `outletdiff corpus`.")],
    top: Annotated[int, typer.Option("--top", help="Words to show per outlet.", min=1)] = 20,
    plot: Annotated[
        str | None,
        typer.Option(
            "--plot", metavar="PATH", help="Write a chart of framing rate per outlet (.png, .svg or .pdf)."
        ),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out", "-o", metavar="DIR", help="Folder for the CSV exports (default: REPORTS/stats)."
        ),
    ] = None,
) -> None:
    """Framing words, distinctive words (weighted log-odds), source mix and quote overlap per outlet."""
    try:
        from .stats import corpus_stats, write_stats

        result = corpus_stats(reports, top=top)
        _print_stats(result, _console(), top=top)
        written = write_stats(result, out or Path(reports) / "stats")
        if plot:
            from .plot import plot_framing_rates

            plot_framing_rates(result.framing_rates, plot)
            written.append(Path(plot))
        for path in written:
            typer.echo(printable(f"Wrote {path}"))
    except OutletdiffError as error:
        _fail(error)
    except BrokenPipeError:
        _stop_quietly()


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar with events/s and ETA on a terminal; nothing when output is piped."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    columns = (
        TextColumn("events"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("events", total=None, rate="")

        def update(done: int, total: int) -> None:
            speed = progress.tasks[0].speed
            progress.update(task, completed=done, total=total, rate=f"{speed:.1f}/s" if speed else "")

        yield update


def _print_stats(result, console, *, top: int) -> None:  # type: ignore[no-untyped-def]
    """Print each statistic as a rich table (the CSV exports hold the same rows)."""
    from rich.table import Table
    from rich.text import Text

    sections = (
        (f"Top {top} framing words per outlet (own voice)", result.top_words),
        ("Words that distinguish each outlet (weighted log-odds, z > 0)", result.distinctive_words),
        ("Source types per outlet", result.source_mix),
        ("Quote overlap: share of an outlet's quotes the other also carries", result.quote_overlap),
    )
    for title, frame in sections:
        table = Table(title=title, title_justify="left")
        for column in frame.columns:
            table.add_column(column, justify="right" if frame[column].dtype.is_numeric() else "left")
        for row in frame.iter_rows():
            # Outlet names and words come from the articles: plain text, shortened, never markup.
            table.add_row(*(Text(f"{v:.3f}" if isinstance(v, float) else one_line(str(v))) for v in row))
        console.print(table)


def _options(documents, reference, lexicons, replace_lexicon):  # type: ignore[no-untyped-def]
    from .errors import InputError
    from .options import CompareOptions

    index = None
    if reference is not None:
        names = [d.outlet.lower() for d in documents]
        if reference.lower() in names:
            index = names.index(reference.lower())
        elif reference.isdigit() and 1 <= int(reference) <= len(documents):
            index = int(reference) - 1
        else:
            raise InputError(
                f"--reference {reference!r} is not one of the outlets", "use: " + ", ".join(names)
            )
    return CompareOptions(
        reference=index, lexicons=tuple(str(p) for p in lexicons), replace_lexicon=replace_lexicon
    )


def _emit(path: str, text: str) -> None:
    """Write to stdout for ``-``, else to the file as its kind allows (see ``write_output``)."""
    from .atomic import write_output

    write_output(path, text)


def _fail(error: OutletdiffError) -> NoReturn:
    typer.echo(_error_line(error), err=True)
    raise typer.Exit(code=2)


def _error_line(error: OutletdiffError) -> str:
    """``Error: <what> (<hint>)`` with control characters from file names or text shown, not obeyed."""
    from .display import printable

    return printable(f"Error: {error}").replace("\n", " ")


# What a shell reports for a process that a closed pipe stopped (128 + SIGPIPE), as ``cat`` does.
EXIT_BROKEN_PIPE = 141


def _console():  # type: ignore[no-untyped-def]
    """A rich console for stdout that leaves a closed pipe to ``_stop_quietly``.

    rich's own handling exits with status 1, which this project keeps for bugs.
    """
    from rich.console import Console

    class _PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return _PipeConsole()


def _stop_quietly() -> NoReturn:
    """The reader of our output went away (``outletdiff compare ... | head``): stop, silently.

    stdout is pointed at /dev/null so the interpreter's last flush of buffered output cannot
    fail again and print a traceback of its own.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real descriptor behind sys.stdout (tests)
        pass
    raise typer.Exit(code=EXIT_BROKEN_PIPE)


def main() -> None:
    """Console-script entry point: a library error that escapes a command is still one line, exit 2."""
    try:
        app()
    except OutletdiffError as error:
        print(_error_line(error), file=sys.stderr)
        sys.exit(2)
