"""The ``outletdiff`` command line: parse options, call the library, print or write its output.

Heavy modules (numpy, scipy, polars, jinja2, trafilatura) are imported inside the commands so
``outletdiff --help`` stays quick.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from .errors import OutletdiffError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Show how news outlets' coverage of the same event differs: facts, quotes, framing words, sources.",
)


@app.callback()
def _root() -> None:
    """outletdiff: compare outlets' coverage of one event."""


@app.command()
def compare(
    files: Annotated[list[str], typer.Argument(help="Two or more articles (.txt .md .html .json), or - for stdin.")],
    label: Annotated[
        list[str] | None, typer.Option("--label", "-l", help="Outlet name for each file, in order.")
    ] = None,
    json_path: Annotated[
        str | None, typer.Option("--json", help="Write the full result as JSON to PATH (- for stdout).")
    ] = None,
    html_path: Annotated[
        str | None, typer.Option("--html", help="Write a self-contained HTML report to PATH (- for stdout).")
    ] = None,
    open_html: Annotated[bool, typer.Option("--open", help="Open the HTML report in a browser.")] = False,
    reference: Annotated[
        str | None, typer.Option("--reference", "-r", help="Compare every outlet with this one only (name or 1-based position).")
    ] = None,
    lexicon: Annotated[
        list[Path] | None, typer.Option("--lexicon", help="Extra framing lexicon: CSV, word list, MPQA .tff or LIWC .dic.")
    ] = None,
    replace_lexicon: Annotated[
        bool, typer.Option("--replace-lexicon", help="Use only the --lexicon files, not the shipped lexicon.")
    ] = False,
    any_language: Annotated[
        bool, typer.Option("--any-language", help="Compare texts that do not look English (fewer findings).")
    ] = False,
    max_mb: Annotated[float, typer.Option("--max-mb", help="Refuse input files larger than this.")] = 10.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not print the terminal report.")] = False,
) -> None:
    """Compare two or more outlets' articles about the same event."""
    try:
        from .compare import compare as run_compare
        from .load import load_paths

        documents = load_paths(files, labels=label or (), max_bytes=int(max_mb * 1_048_576), any_language=any_language)
        options = _options(documents, reference, lexicon or [], replace_lexicon)
        comparison = run_compare(documents, options=options)
        stdout_taken = "-" in (json_path, html_path)
        if json_path:
            from .render.json import to_json

            _emit(json_path, to_json(comparison))
        if html_path:
            from .render.html import to_html

            _emit(html_path, to_html(comparison))
            if open_html and html_path != "-":
                import webbrowser

                webbrowser.open(Path(html_path).resolve().as_uri())
        if not quiet and not stdout_taken:
            from rich.console import Console

            from .render.terminal import render

            render(comparison, Console())
    except OutletdiffError as error:
        _fail(error)


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
            raise InputError(f"--reference {reference!r} is not one of the outlets", "use: " + ", ".join(names))
    return CompareOptions(
        reference=index, lexicons=tuple(str(p) for p in lexicons), replace_lexicon=replace_lexicon
    )


def _emit(path: str, text: str) -> None:
    """Write to stdout for ``-``, else atomically to the file."""
    if path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from .atomic import write_atomic

    write_atomic(path, text)


def _fail(error: OutletdiffError) -> NoReturn:
    typer.echo(f"Error: {error}", err=True)
    raise typer.Exit(code=2)


def main() -> None:
    """Console-script entry point."""
    app()
