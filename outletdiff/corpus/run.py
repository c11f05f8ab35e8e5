"""Run a whole corpus: discover, skip what is done, map the per-event work, commit, compact.

The per-event work (:func:`~outletdiff.corpus.work.event_rows`) is a pure function of the
documents, so a distributed executor can map it; here a process pool does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic
from ..load import DEFAULT_MAX_BYTES
from ..options import CompareOptions
from ..render.index import report_name, write_index
from ..tables import Format
from .discovery import discover
from .pool import jobs_or_cores, local_outcomes
from .store import PartStore
from .work import EventRows, Task, html_available

# Flush a batch when it holds this many events or findings rows, whichever comes first.
_BATCH_EVENTS = 256
_BATCH_ROWS = 200_000


@dataclass
class CorpusResult:
    """What a corpus run did; ``failed`` maps an event to why it could not be compared."""

    out: Path
    total: int
    done: int = 0
    skipped: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    bad: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    interrupted: bool = False
    html_note: str | None = None
    files: list[Path] = field(default_factory=list)


def run_corpus(
    source: str | Path,
    *,
    out: str | Path = "reports",
    fmt: Format = "parquet",
    jobs: int | None = None,
    force: bool = False,
    skip_bad: bool = False,
    html: bool = True,
    options: CompareOptions | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    any_language: bool = False,
    progress: Callable[[int, int], None] | None = None,
    batch_events: int = _BATCH_EVENTS,
) -> CorpusResult:
    """Compare every event of a corpus and write the tables (and HTML reports) to ``out``.

    ``progress(done, total)`` is called after each event. Events committed by an earlier
    run are skipped unless ``force``. ``KeyboardInterrupt`` stops the run after saving
    every finished event; the result then has ``interrupted`` set.
    """
    discovery = discover(source, skip_bad=skip_bad, max_bytes=max_bytes)
    options = options or CompareOptions()
    categories = _categories(options)
    store = PartStore(Path(out), categories=categories)
    if force:
        store.clear()
    done = store.committed()
    todo = [spec for spec in discovery.events if spec.event_id not in done]
    result = CorpusResult(
        out=store.out,
        total=len(discovery.events),
        skipped=len(discovery.events) - len(todo),
        bad=discovery.bad_events,
        problems=discovery.problems,
    )
    want_html = html and html_available()
    if html and not want_html:
        result.html_note = (
            "per-event HTML reports are not available in this build (outletdiff.render.html missing)"
        )
    tasks = (Task(spec, options, categories, want_html, max_bytes, any_language) for spec in todo)
    batch = _Batch(store, limit=batch_events)
    outcomes = local_outcomes(tasks, jobs=jobs_or_cores(jobs), count=len(todo))
    if progress:
        progress(0, len(todo))
    try:
        for outcome in outcomes:
            if outcome.error is not None:
                result.failed[outcome.event_id] = outcome.error
            else:
                assert outcome.rows is not None
                if outcome.html is not None:
                    write_atomic(store.out / "events" / report_name(outcome.event_id), outcome.html)
                elif want_html:
                    result.html_note = (
                        "some per-event HTML reports could not be rendered (renderer incomplete)"
                    )
                batch.add(outcome.rows)
                result.done += 1
            if progress:
                progress(result.done + len(result.failed), len(todo))
    except KeyboardInterrupt:
        result.interrupted = True
    finally:
        outcomes.close()
        batch.flush()
    if result.failed:
        store.write_failed(result.failed)
    result.files = store.compact(fmt)
    result.files.append(write_index(store.out, fmt=fmt))
    return result


def _categories(options: CompareOptions) -> tuple[str, ...]:
    """Framing categories that can produce hits (``not_framing`` entries only mask phrases)."""
    from ..pipeline import build_lexicon

    return tuple(sorted(build_lexicon(options).reported_categories))


class _Batch:
    """Rows of finished events waiting to be written as one committed batch."""

    def __init__(self, store: PartStore, *, limit: int) -> None:
        self.store = store
        self.limit = limit
        self.rows: list[EventRows] = []
        self.size = 0

    def add(self, rows: EventRows) -> None:
        self.rows.append(rows)
        self.size += rows.findings.height
        if len(self.rows) >= self.limit or self.size >= _BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.store.commit(self.rows)
        self.rows, self.size = [], 0
