"""Run a whole corpus: lock the output, skip what is done, map the per-event work, commit, compact.

The per-event work (:func:`~outletdiff.corpus.work.event_rows`) is a pure function of the
documents, so any executor can map it; here a local process pool does. Finished events are
committed every few seconds, so a crash loses at most those seconds of work, and a rerun goes
on from the last commit. Ctrl-C and SIGTERM stop the run after committing what is finished.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import signal
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from ..atomic import write_atomic
from ..errors import CorpusError
from ..load import DEFAULT_MAX_BYTES
from ..options import CompareOptions
from ..render.index import report_name, write_index
from ..tables import Format
from .discovery import discover
from .lock import OutputLock
from .pool import jobs_or_cores, local_outcomes
from .store import PartStore, storage_errors
from .work import EventRows, Task, html_available

if TYPE_CHECKING:
    from .grouping import GroupOptions

# Commit a batch when it holds this many events or findings rows, or when its oldest event
# finished this many seconds ago, whichever comes first: a crash loses at most that much work.
_BATCH_EVENTS = 256
_BATCH_ROWS = 200_000
_BATCH_SECONDS = 5.0


@dataclass
class CorpusResult:
    """What a corpus run did; ``failed`` maps an event to why it could not be compared.

    ``stopped`` says in which phase an interrupted run stopped ("running" or "writing the
    tables"); ``notes`` are things the user should know that are not errors; ``grouped`` says
    what grouping a pile found and where its manifest is.
    """

    out: Path
    total: int
    done: int = 0
    skipped: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    bad: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    interrupted: bool = False
    stopped: str | None = None
    html_note: str | None = None
    notes: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    grouped: str | None = None


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
    batch_seconds: float = _BATCH_SECONDS,
    dask: str | None = None,
    group: GroupOptions | None = None,
) -> CorpusResult:
    """Compare every event of a corpus and write the tables (and HTML reports) to ``out``.

    ``progress(done, total)`` is called after each event. Events committed by an earlier
    run are skipped unless ``force``. ``KeyboardInterrupt`` (or SIGTERM) stops the run after
    committing every finished event; the result then has ``interrupted`` set. Raises
    ``CorpusError`` when another run holds ``out``, when ``out`` is a file, or when the disk
    is full. ``dask`` runs the events on a Dask cluster (a scheduler address, or ``local``)
    instead of local processes; everything else stays the same. With ``group``, ``source`` is
    an unsorted pile: its events are found first and written to ``out/events.csv``.

    Everything that writes in ``out``, the manifest of a pile included, runs under its lock,
    so a second run cannot overwrite what the first is reading.
    """
    folder = _output_folder(out)
    options = options or CompareOptions()
    categories = _categories(options)
    with storage_errors(folder):
        folder.mkdir(parents=True, exist_ok=True)
    with OutputLock(folder) as lock, storage_errors(folder), _sigterm_as_interrupt():
        events, grouped = (source, None) if group is None else _group(source, folder, group, max_bytes)
        discovery = discover(events, skip_bad=skip_bad, max_bytes=max_bytes)
        result = CorpusResult(
            out=folder,
            total=len(discovery.events),
            bad=discovery.bad_events,
            problems=discovery.problems,
            grouped=grouped,
        )
        if lock.stale is not None:
            result.notes.append(
                f"took over the lock of a run that ended without releasing it ({lock.stale.describe()})"
            )
        store = PartStore(folder)
        if force:
            store.clear()
        store.record_run(_provenance(source, options))
        done = store.committed()
        todo = [spec for spec in discovery.events if spec.event_id not in done]
        result.skipped = len(discovery.events) - len(todo)
        want_html = html and html_available()
        if html and not want_html:
            result.html_note = (
                "per-event HTML reports are not available in this build (outletdiff.render.html missing)"
            )
        tasks = (Task(spec, options, categories, want_html, max_bytes, any_language) for spec in todo)
        batch = _Batch(store, limit=batch_events, seconds=batch_seconds)
        if dask:
            from .cluster import dask_outcomes

            outcomes = dask_outcomes(tasks, address=dask, jobs=jobs_or_cores(jobs), count=len(todo))
        else:
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
            result.interrupted, result.stopped = True, "running"
        except BrokenProcessPool:
            result.interrupted, result.stopped = True, "running"
            result.notes.append("a worker process died (killed, or out of memory)")
        finally:
            outcomes.close()
        batch.flush()
        if result.failed:
            store.write_failed(result.failed)
        try:
            result.files = store.compact(fmt)
            result.files.append(write_index(store.out, fmt=fmt))
        except KeyboardInterrupt:
            result.interrupted, result.stopped, result.files = True, "writing the tables", []
    return result


def _output_folder(out: str | Path) -> Path:
    """``out`` as a folder, refused at once when it names a file (before any work is done)."""
    folder = Path(out)
    for path in (folder, *folder.parents):
        if path.exists() and not path.is_dir():
            raise CorpusError(
                f"--out {folder}: {path} is a file, not a folder", hint="pass a folder to --out"
            )
    return folder


def _group(pile: str | Path, folder: Path, options: GroupOptions, max_bytes: int) -> tuple[Path, str]:
    """Find the events of a pile; their manifest (``folder/events.csv``) and what was found."""
    from .grouping import events_from_pile

    found = events_from_pile(pile, folder / "events.csv", options=options, max_bytes=max_bytes)
    return found.manifest, f"{found.summary()}; events in {found.manifest}"


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM (a scheduler's or ``kill``'s polite stop) like Ctrl-C: commit, then stop."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(number: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _provenance(source: str | Path, options: CompareOptions) -> dict[str, str]:
    """What produced this run's rows: tool version, options, and a digest of the lexicon's
    terms (a lexicon file edited between two runs shows as a new digest)."""
    from .. import __version__
    from ..pipeline import build_lexicon

    lexicon = build_lexicon(options)
    terms = "\n".join(f"{term.text}\t{term.category}" for term in lexicon.terms)
    return {
        "run": uuid.uuid4().hex,
        "started": datetime.now(UTC).isoformat(timespec="microseconds"),
        "tool_version": __version__,
        "options": json.dumps(dataclasses.asdict(options), sort_keys=True),
        "lexicon_digest": hashlib.sha256(terms.encode("utf-8")).hexdigest(),
        "corpus": Path(source).name,
    }


def _categories(options: CompareOptions) -> tuple[str, ...]:
    """Framing categories that can produce hits (``not_framing`` entries only mask phrases)."""
    from ..pipeline import build_lexicon

    return tuple(sorted(build_lexicon(options).reported_categories))


class _Batch:
    """Rows of finished events waiting to be written as one committed batch."""

    def __init__(self, store: PartStore, *, limit: int, seconds: float) -> None:
        self.store = store
        self.limit = limit
        self.seconds = seconds
        self.rows: list[EventRows] = []
        self.size = 0
        self.oldest = 0.0

    def add(self, rows: EventRows) -> None:
        if not self.rows:
            self.oldest = time.monotonic()
        self.rows.append(rows)
        self.size += rows.findings.height
        if (
            len(self.rows) >= self.limit
            or self.size >= _BATCH_ROWS
            or time.monotonic() - self.oldest >= self.seconds
        ):
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.store.commit(self.rows)
        self.rows, self.size = [], 0
