"""The per-event work: read one event's articles, compare them, return its table rows.

Pure functions of their inputs (nothing is written), so any executor can map them: a local
process pool, a Dask cluster, or a researcher's own loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import polars as pl

from ..errors import OutletdiffError
from ..load import DEFAULT_MAX_BYTES, document_from_text, load_path
from ..model import Comparison, Document
from ..options import CompareOptions
from ..tables import findings_frame, framing_frame, outlets_frame, rates_frame
from .discovery import EventSpec


@dataclass(frozen=True)
class Event:
    """One event ready to compare: its id and its loaded documents."""

    event_id: str
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class EventRows:
    """The tables of one event, as :func:`event_rows` returns them."""

    event_id: str
    findings: pl.DataFrame
    outlets: pl.DataFrame
    framing: pl.DataFrame
    rates: pl.DataFrame


def load_event(spec: EventSpec, *, max_bytes: int = DEFAULT_MAX_BYTES, any_language: bool = False) -> Event:
    """Read the articles of one event into documents (manifest fields win over file metadata)."""
    documents = []
    for article in spec.articles:
        if article.text is not None:
            document = document_from_text(
                article.text,
                source=article.origin,
                outlet=article.outlet,
                title=article.title,
                date=article.date,
            )
        else:
            assert article.path is not None
            document = load_path(
                article.path, label=article.outlet, max_bytes=max_bytes, any_language=any_language
            )
            document = replace(
                document, title=article.title or document.title, date=article.date or document.date
            )
        documents.append(document)
    return Event(spec.event_id, tuple(documents))


def event_rows(
    event: Event, *, options: CompareOptions | None = None, categories: Sequence[str] = ()
) -> EventRows:
    """Compare one event and return its table rows: documents in, rows out, nothing written.

    Pure, so a distributed executor (Dask, Ray, Spark) can map it over events.
    """
    from ..pipeline import compare

    return rows_of(event.event_id, compare(event.documents, options=options), categories=categories)


def rows_of(event_id: str, comparison: Comparison, *, categories: Sequence[str] = ()) -> EventRows:
    """The tables of one compared event (``categories``: the lexicon's, for the rates)."""
    return EventRows(
        event_id=event_id,
        findings=findings_frame(comparison, event_id=event_id),
        outlets=outlets_frame(comparison, event_id=event_id),
        framing=framing_frame(comparison, event_id=event_id),
        rates=rates_frame(comparison, event_id=event_id, categories=categories),
    )


@dataclass(frozen=True)
class Task:
    """Everything a worker needs to run one event (picklable, so it can travel to any worker)."""

    spec: EventSpec
    options: CompareOptions
    categories: tuple[str, ...]
    html: bool
    max_bytes: int
    any_language: bool


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back: the rows and HTML of an event, or why it could not be compared."""

    event_id: str
    rows: EventRows | None = None
    html: str | None = None
    error: str | None = None


def work(task: Task) -> Outcome:
    """Run one event in a worker; input problems come back as an error, not an exception."""
    from ..pipeline import compare

    try:
        event = load_event(task.spec, max_bytes=task.max_bytes, any_language=task.any_language)
        comparison = compare(event.documents, options=task.options)
        html = _render_html(comparison) if task.html else None
        return Outcome(event.event_id, rows_of(event.event_id, comparison, categories=task.categories), html)
    except OutletdiffError as error:
        return Outcome(task.spec.event_id, error=str(error))


def _render_html(comparison: Comparison) -> str | None:
    """The event's HTML report, or None when this build's renderer is missing or incomplete."""
    import jinja2

    try:
        from ..render.html import to_html

        return to_html(comparison)
    except (ImportError, jinja2.TemplateError):
        return None


def html_available() -> bool:
    """Whether the per-event HTML renderer is installed in this build."""
    try:
        from ..render import html  # noqa: F401
    except ImportError:
        return False
    return True
