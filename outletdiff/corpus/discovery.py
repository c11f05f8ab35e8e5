"""Find the events of a corpus folder or manifest and check every one before any work starts.

A corpus is a folder with one sub-folder per event (one file per outlet), or a CSV / JSON
Lines manifest with columns ``event_id, outlet, date, title`` and ``path`` or ``text``.
Every problem is found at once, so a researcher fixes the whole list in one go (or passes
``skip_bad``) instead of meeting them one crash at a time.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError
from ..load import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, document_from_text

MANIFEST_SUFFIXES = (".csv", ".jsonl", ".ndjson")
_REQUIRED_COLUMNS = ("event_id", "outlet")


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
class Discovery:
    """The valid events of a corpus and every problem found while reading it."""

    events: tuple[EventSpec, ...]
    problems: tuple[str, ...]
    bad_events: tuple[str, ...]


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
        rows = list(manifest_rows(manifest))
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


def manifest_rows(
    manifest: Path,
    *,
    required: tuple[str, ...] = _REQUIRED_COLUMNS,
    one_of: tuple[str, ...] = ("path", "text"),
) -> Iterator[tuple[int, dict[str, object] | str]]:
    """Rows with their line numbers; a string instead of a row is a problem with that line.

    A CSV manifest must have every ``required`` column and at least one of ``one_of``.
    """
    if manifest.suffix.lower() == ".csv":
        with manifest.open(newline="", encoding="utf-8-sig") as stream:
            reader = csv.DictReader(stream)
            header = reader.fieldnames or []
            missing = [name for name in required if name not in header]
            has_body = bool(set(one_of) & set(header))
            if missing or not has_body:
                needed = missing + ([] if has_body else [" or ".join(one_of)])
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
