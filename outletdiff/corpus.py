"""Compare many events at once: discover, validate, run in parallel, write resumable tables.

A corpus is a folder with one sub-folder per event (one file per outlet), or a CSV / JSON
Lines manifest with columns ``event_id, outlet, date, title`` and ``path`` or ``text``.

Every problem is found before any work starts, so a researcher fixes the whole list at once
(or passes ``skip_bad``). The per-event work (:func:`event_rows`) is a pure function of the
documents, so a distributed executor can map it; here a process pool does. Results are
written in batches: each batch writes its part files atomically and then a small commit
file naming its events. Only committed batches count, so a crash or Ctrl-C keeps every
finished batch, and a rerun skips those events and never duplicates a row. At the end the
parts are compacted (streamed by polars, so memory stays flat) into the final tables.
"""

from __future__ import annotations

import csv
import hashlib
import json
import multiprocessing
import os
import re
import signal
import time
import uuid
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import polars as pl

from .atomic import atomic_path, write_atomic
from .errors import CorpusError, OutletdiffError
from .load import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, document_from_text, load_path
from .model import Comparison, Document
from .options import CompareOptions
from .tables import (
    FINDINGS_SCHEMA,
    FRAMING_SCHEMA,
    findings_frame,
    framing_frame,
    outlets_frame,
    outlets_schema,
)

Format = Literal["parquet", "csv", "ndjson"]
TABLES = ("findings", "outlets", "framing")
MANIFEST_SUFFIXES = (".csv", ".jsonl", ".ndjson")
_REQUIRED_COLUMNS = ("event_id", "outlet")
_KNOWN_COLUMNS = ("event_id", "outlet", "date", "title", "path", "text")
# Flush a batch when it holds this many events or findings rows, whichever comes first.
_BATCH_EVENTS = 256
_BATCH_ROWS = 200_000


@dataclass(frozen=True)
class Article:
    """Where one outlet's article of an event comes from: a file, or text from a manifest."""

    outlet: str | None
    origin: str
    path: str | None = None
    text: str | None = None
    title: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class EventSpec:
    """One event to compare, as discovered: its id and its articles (not yet read)."""

    event_id: str
    articles: tuple[Article, ...]


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


@dataclass(frozen=True)
class Discovery:
    """The valid events of a corpus and every problem found while reading it."""

    events: tuple[EventSpec, ...]
    problems: tuple[str, ...]
    bad_events: tuple[str, ...]


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


# --------------------------------------------------------------------------- discovery


def discover(source: str | Path, *, skip_bad: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> Discovery:
    """Find every event of a folder or manifest and check it before anything runs.

    Raises ``CorpusError`` listing every problem, unless ``skip_bad`` is set, in which case
    the bad events are left out and named in ``Discovery.bad_events``. Problems that are not
    about one event (an unreadable manifest, a missing column) are always fatal.
    """
    path = Path(source)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder", hint="pass a corpus folder or a manifest")
    if path.is_dir():
        specs, problems, fatal = _discover_folder(path, max_bytes)
    elif path.suffix.lower() in MANIFEST_SUFFIXES:
        specs, problems, fatal = _discover_manifest(path, max_bytes)
    else:
        raise CorpusError(
            f"{path}: not a folder or a manifest",
            hint=f"use a folder or a {'/'.join(MANIFEST_SUFFIXES)} file",
        )
    flagged = {event for event, _ in problems}
    problems.extend(
        problem for spec in specs for problem in _check_event(spec, flagged=spec.event_id in flagged)
    )
    bad = sorted({event for event, _ in problems if event is not None})
    messages = tuple(message for _, message in problems)
    if fatal or (problems and not skip_bad):
        raise CorpusError(
            f"{len(messages)} problem{'s' if len(messages) != 1 else ''} in {path}",
            problems=list(messages),
            hint="fix them, or pass --skip-bad to leave bad events out" if not fatal else "fix the manifest",
        )
    events = tuple(spec for spec in specs if spec.event_id not in bad)
    if not events:
        raise CorpusError(
            f"{path}: no events to compare", problems=list(messages), hint="each event needs two outlets"
        )
    return Discovery(events=events, problems=messages, bad_events=tuple(bad))


Problem = tuple[str | None, str]


def _discover_folder(root: Path, max_bytes: int) -> tuple[list[EventSpec], list[Problem], bool]:
    specs: list[EventSpec] = []
    problems: list[Problem] = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue
        if not entry.is_dir():
            problems.append(
                (None, f"{entry}: a file at the top of the corpus (put each event in its own folder)")
            )
            continue
        articles = []
        for file in sorted(entry.iterdir()):
            if file.name.startswith(".") or file.is_dir():
                continue
            if file.suffix.lower() not in SUPPORTED_SUFFIXES:
                problems.append(
                    (entry.name, f"{file}: unsupported file type (use {', '.join(SUPPORTED_SUFFIXES)})")
                )
                continue
            problem = _file_problem(file, max_bytes)
            if problem:
                problems.append((entry.name, problem))
                continue
            articles.append(Article(outlet=_peek_outlet(file), origin=str(file), path=str(file)))
        specs.append(EventSpec(entry.name, tuple(articles)))
    return specs, problems, any(event is None for event, _ in problems)


def _peek_outlet(file: Path) -> str:
    """The outlet name the loader will give this file (metadata, else the file name)."""
    try:
        raw = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return file.stem
    if file.suffix.lower() == ".json":
        try:
            record = json.loads(raw)
        except json.JSONDecodeError:
            return file.stem
        outlet = record.get("outlet") if isinstance(record, dict) else None
        return str(outlet) if outlet else file.stem
    if file.suffix.lower() in (".txt", ".md"):
        return document_from_text(raw, source=str(file)).outlet
    return file.stem


def _file_problem(file: Path, max_bytes: int) -> str | None:
    if not file.is_file():
        return f"{file}: no such file"
    size = file.stat().st_size
    if size == 0:
        return f"{file}: the file is empty"
    if size > max_bytes:
        return f"{file}: {size / 1_048_576:.1f} MB is too large for one article"
    return None


def _discover_manifest(manifest: Path, max_bytes: int) -> tuple[list[EventSpec], list[Problem], bool]:
    problems: list[Problem] = []
    events: dict[str, list[Article]] = {}
    try:
        rows = list(_manifest_rows(manifest))
    except (OSError, UnicodeDecodeError) as error:
        return [], [(None, f"{manifest}: cannot be read ({error})")], True
    fatal = False
    for line, row in rows:
        where = f"{manifest}:{line}"
        if isinstance(row, str):
            problems.append((None, f"{where}: {row}"))
            fatal = True
            continue
        event_id = _cell(row, "event_id")
        outlet = _cell(row, "outlet")
        missing = [name for name, value in (("event_id", event_id), ("outlet", outlet)) if value is None]
        if missing:
            problems.append((event_id, f"{where}: empty {' and '.join(missing)}"))
            if event_id is None:
                fatal = True
            continue
        assert event_id is not None
        path, text = _cell(row, "path"), _cell(row, "text")
        if (path is None) == (text is None):
            problems.append((event_id, f"{where}: give exactly one of 'path' or 'text'"))
            continue
        if path is not None:
            file = Path(path) if Path(path).is_absolute() else manifest.parent / path
            problem = _file_problem(file, max_bytes)
            if problem:
                problems.append((event_id, f"{where}: {problem}"))
                continue
            path = str(file)
        article = Article(
            outlet, where, path=path, text=text, title=_cell(row, "title"), date=_cell(row, "date")
        )
        events.setdefault(event_id, []).append(article)
    for event_id, _ in problems:
        if event_id is not None:
            events.setdefault(event_id, [])
    specs = [EventSpec(event_id, tuple(articles)) for event_id, articles in events.items()]
    return specs, problems, fatal


def _manifest_rows(manifest: Path) -> Iterator[tuple[int, dict[str, object] | str]]:
    """Rows with their line numbers; a string instead of a row is a problem with that line."""
    if manifest.suffix.lower() == ".csv":
        with manifest.open(newline="", encoding="utf-8-sig") as stream:
            reader = csv.DictReader(stream)
            header = reader.fieldnames or []
            missing = [name for name in _REQUIRED_COLUMNS if name not in header]
            if missing or not ({"path", "text"} & set(header)):
                needed = missing + ([] if {"path", "text"} & set(header) else ["path or text"])
                yield 1, f"missing column{'s' if len(needed) > 1 else ''} {', '.join(needed)}"
                return
            line = reader.line_num
            for row in reader:
                yield line + 1, dict(row)
                line = reader.line_num
        return
    with manifest.open(encoding="utf-8-sig") as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as error:
                yield number, f"invalid JSON ({error.msg})"
                continue
            yield number, record if isinstance(record, dict) else "each line must be a JSON object"


def _cell(row: dict[str, object], name: str) -> str | None:
    value = row.get(name)
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


def _check_event(spec: EventSpec, *, flagged: bool = False) -> list[Problem]:
    """An event needs two or more articles, each from a different outlet.

    A ``flagged`` event already has a problem with one of its files; it is not also
    reported as having too few outlets.
    """
    where = spec.articles[0].origin if spec.articles else spec.event_id
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for article in spec.articles:
        key = (article.outlet or "").strip().lower()
        if key in seen:
            problems.append(
                (
                    spec.event_id,
                    f"{article.origin}: outlet '{article.outlet}' appears twice in event "
                    f"'{spec.event_id}' (also {seen[key]})",
                )
            )
        else:
            seen[key] = article.origin
    if len(seen) < 2 and not problems and not flagged:
        problems.append(
            (
                spec.event_id,
                f"{where}: event '{spec.event_id}' has {len(seen)} outlet{'s' if len(seen) != 1 else ''}, "
                "needs at least two",
            )
        )
    return problems


# --------------------------------------------------------------------------- per-event work


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
    from .pipeline import compare

    return rows_of(event.event_id, compare(event.documents, options=options), categories=categories)


def rows_of(event_id: str, comparison: Comparison, *, categories: Sequence[str] = ()) -> EventRows:
    """The three tables of one compared event."""
    return EventRows(
        event_id=event_id,
        findings=findings_frame(comparison, event_id=event_id),
        outlets=outlets_frame(comparison, event_id=event_id, categories=categories),
        framing=framing_frame(comparison, event_id=event_id),
    )


@dataclass(frozen=True)
class _Task:
    spec: EventSpec
    options: CompareOptions
    categories: tuple[str, ...]
    html: bool
    max_bytes: int
    any_language: bool


@dataclass(frozen=True)
class _Outcome:
    event_id: str
    rows: EventRows | None = None
    html: str | None = None
    error: str | None = None


def _work(task: _Task) -> _Outcome:
    """Run one event in a worker; input problems come back as an error, not an exception."""
    from .pipeline import compare

    try:
        event = load_event(task.spec, max_bytes=task.max_bytes, any_language=task.any_language)
        comparison = compare(event.documents, options=task.options)
        html = _render_html(comparison) if task.html else None
        return _Outcome(event.event_id, rows_of(event.event_id, comparison, categories=task.categories), html)
    except OutletdiffError as error:
        return _Outcome(task.spec.event_id, error=str(error))


def _render_html(comparison: Comparison) -> str | None:
    """The event's HTML report, or None when this build's renderer is missing or incomplete."""
    import jinja2

    try:
        from .render.html import to_html

        return to_html(comparison)
    except (ImportError, jinja2.TemplateError):
        return None


def html_available() -> bool:
    """Whether the per-event HTML renderer is installed in this build."""
    try:
        from .render import html  # noqa: F401
    except ImportError:
        return False
    return True


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool and keeps finished events."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# --------------------------------------------------------------------------- the run


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
    tasks = (_Task(spec, options, categories, want_html, max_bytes, any_language) for spec in todo)
    batch = _Batch(store, limit=batch_events)
    outcomes = _outcomes(tasks, jobs=_jobs(jobs), count=len(todo))
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
    from .pipeline import build_lexicon

    return tuple(sorted(build_lexicon(options).reported_categories))


def _jobs(jobs: int | None) -> int:
    return max(1, jobs if jobs else (os.cpu_count() or 1))


def _outcomes(tasks: Iterable[_Task], *, jobs: int, count: int) -> Generator[_Outcome, None, None]:
    """Outcomes in completion order; a bounded window of tasks keeps memory flat."""
    if jobs == 1 or count <= 1:
        for task in tasks:
            yield _work(task)
        return
    window = jobs * 4
    pending: set[Future[_Outcome]] = set()
    iterator = iter(tasks)
    # spawn, not fork: forking a process that runs polars' thread pool can deadlock.
    executor = ProcessPoolExecutor(
        max_workers=min(jobs, count),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_ignore_sigint,
    )
    try:
        for task in iterator:
            pending.add(executor.submit(_work, task))
            if len(pending) >= window:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in finished)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in finished)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


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


# --------------------------------------------------------------------------- storage


class PartStore:
    """The ``parts/`` folder of a report: one Parquet file per table and batch, plus commits.

    A batch counts only once its commit file (written last, atomically) exists; part files
    without one are leftovers of a crash and are removed on open.
    """

    def __init__(self, out: Path, *, categories: Sequence[str]) -> None:
        self.out = out
        self.parts = out / "parts"
        self.schemas = {
            "findings": FINDINGS_SCHEMA,
            "outlets": outlets_schema(categories),
            "framing": FRAMING_SCHEMA,
        }
        self.parts.mkdir(parents=True, exist_ok=True)
        self._remove_orphans()

    def _remove_orphans(self) -> None:
        committed = {path.stem.removeprefix("commit-") for path in self.parts.glob("commit-*.json")}
        for path in self.parts.iterdir():
            batch = path.stem.rsplit("-", 1)[-1]
            if (path.suffix == ".parquet" and batch not in committed) or path.name.startswith("."):
                path.unlink()

    def clear(self) -> None:
        """Forget every committed batch (``--force``)."""
        for path in self.parts.iterdir():
            path.unlink()
        (self.out / "failed.txt").unlink(missing_ok=True)

    def committed(self) -> set[str]:
        """Event ids of every committed batch."""
        events: set[str] = set()
        for path in self.parts.glob("commit-*.json"):
            events.update(json.loads(path.read_text(encoding="utf-8"))["events"])
        return events

    def commit(self, rows: Sequence[EventRows]) -> None:
        """Write one batch's parts, then its commit file naming the events."""
        sequence = len(list(self.parts.glob("commit-*.json"))) + 1
        batch = f"{sequence:08d}{uuid.uuid4().hex[:6]}"
        rows = sorted(rows, key=lambda r: r.event_id)
        for table in TABLES:
            frames = [getattr(r, table) for r in rows]
            frame = pl.concat(frames, how="vertical") if frames else pl.DataFrame(schema=self.schemas[table])
            with atomic_path(self.parts / f"{table}-{batch}.parquet") as temporary:
                frame.write_parquet(temporary)
        record = {"batch": batch, "events": [r.event_id for r in rows], "time": time.time()}
        write_atomic(self.parts / f"commit-{batch}.json", json.dumps(record))

    def write_failed(self, failed: dict[str, str]) -> None:
        lines = "".join(f"{event}\t{error}\n" for event, error in sorted(failed.items()))
        write_atomic(self.out / "failed.txt", lines)

    def compact(self, fmt: Format) -> list[Path]:
        """Stream every committed part of each table into one output file per table.

        Rows come batch by batch in commit order, sorted by event within a batch; no global
        sort, so compaction never holds a whole table in memory.
        """
        committed = {path.stem.removeprefix("commit-") for path in self.parts.glob("commit-*.json")}
        written = []
        for table in TABLES:
            parts = sorted(
                str(path)
                for path in self.parts.glob(f"{table}-*.parquet")
                if path.stem.rsplit("-", 1)[-1] in committed
            )
            target = self.out / f"{table}.{fmt}"
            _concatenate_atomic(parts, self.schemas[table], target, fmt)
            for other in ("parquet", "csv", "ndjson"):
                if other != fmt:
                    (self.out / f"{table}.{other}").unlink(missing_ok=True)
            written.append(target)
        return written


def _concatenate_atomic(parts: list[str], schema: dict[str, pl.DataType], path: Path, fmt: Format) -> None:
    """Append the parts batch by batch (pyarrow), so memory holds one small batch, never a table."""
    import pyarrow.parquet as pq

    arrow_schema = pq.read_schema(parts[0]) if parts else pl.DataFrame(schema=schema).to_arrow().schema
    batches = (batch for part in parts for batch in pq.ParquetFile(part).iter_batches(batch_size=16_384))
    with atomic_path(path) as temporary:
        if fmt == "parquet":
            with pq.ParquetWriter(temporary, arrow_schema) as writer:
                for batch in batches:
                    writer.write_batch(batch)
            return
        with temporary.open("wb") as stream:
            frames = (pl.from_arrow(batch) for batch in batches)
            for frame in [pl.DataFrame(schema=schema)] if not parts else frames:
                assert isinstance(frame, pl.DataFrame)
                if fmt == "csv":
                    frame.write_csv(stream, include_header=stream.tell() == 0)
                else:
                    frame.write_ndjson(stream)


def read_table(out: str | Path, table: str) -> pl.LazyFrame:
    """One table of a report folder, whichever format it was written in."""
    folder = Path(out)
    for fmt in ("parquet", "csv", "ndjson"):
        path = folder / f"{table}.{fmt}"
        if path.exists():
            if fmt == "parquet":
                return pl.scan_parquet(path)
            if fmt == "csv":
                return pl.scan_csv(path, infer_schema_length=None)
            return pl.scan_ndjson(path, infer_schema_length=None)
    raise CorpusError(f"{folder}: no {table} table found", hint="run `outletdiff corpus` first")


# --------------------------------------------------------------------------- index


_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


def report_name(event_id: str) -> str:
    """A file name for an event's HTML report that is safe and unique even for odd ids."""
    slug = _SLUG.sub("-", event_id).strip("-.")[:80] or "event"
    if slug != event_id:
        slug += "-" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:8]
    return f"{slug}.html"


def event_table(out: str | Path) -> pl.DataFrame:
    """One row per event: outlets, sentences, and how much the outlets differ.

    ``difference`` is the share of reported sentences that are not carried verbatim by any
    other outlet (altered or only in one outlet); it orders the index.
    """
    outlets = read_table(out, "outlets")
    findings = read_table(out, "findings")
    changes = (
        findings.filter(pl.col("change") != "shared")
        .group_by("event_id")
        .agg(pl.len().alias("findings"), (pl.col("kind") == "framing").sum().alias("framing_findings"))
    )
    return (
        outlets.group_by("event_id")
        .agg(
            pl.col("outlet").sort().str.join(", ").alias("outlets"),
            pl.col("title").drop_nulls().first().alias("title"),
            pl.col("sentences").sum().alias("sentences"),
            ((pl.col("altered") + pl.col("only_here")).sum() / pl.col("sentences").sum()).alias("difference"),
            pl.col("framing_per_1000").max().alias("framing_max_per_1000"),
        )
        .join(changes, on="event_id", how="left")
        .with_columns(pl.col("findings", "framing_findings").fill_null(0), pl.col("difference").fill_nan(0.0))
        .sort(["difference", "event_id"], descending=[True, False])
        .collect()
    )


def write_index(out: str | Path, *, fmt: Format = "parquet", limit: int = 5000) -> Path:
    """Write ``index.html``: the events ordered by how much the outlets differ, with links."""
    import jinja2

    folder = Path(out)
    events = event_table(folder)
    rows = [
        {**row, "report": name if (folder / "events" / name).exists() else None}
        for row in events.head(limit).iter_rows(named=True)
        for name in [report_name(row["event_id"])]
    ]
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("outletdiff", "render/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    page = environment.get_template("corpus_index.html.j2").render(
        rows=rows, total=events.height, shown=len(rows), fmt=fmt
    )
    target = folder / "index.html"
    write_atomic(target, page)
    return target
