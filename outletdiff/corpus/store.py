"""Where a corpus run keeps its results: committed part files, compacted into the final tables.

Each batch writes its part files atomically and then a small commit file naming its events,
each flushed to disk (fsync) before the next step, so a commit file on disk means complete
parts even after a power cut. Only committed batches count, so a crash keeps every committed
batch, and a rerun skips those events and never duplicates a row. At the end the parts are
compacted (streamed, so memory stays flat) into the tables: in Parquet, one folder per table
of ``part-NNNNN.parquet`` files (a dataset that polars, pyarrow, DuckDB or Spark read as one
table), filled beside the old folder and swapped in whole, so a reader, or a crash, never
meets a half-written part or a mix of two runs' parts; in CSV or NDJSON one file per table;
in SQLite one database.
"""

from __future__ import annotations

import errno
import itertools
import json
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, get_args

import polars as pl

from ..atomic import atomic_folder, atomic_path, write_atomic
from ..errors import CorpusError, OutputError
from ..tables import (
    DATABASE,
    FINDINGS_SCHEMA,
    FRAMING_SCHEMA,
    OUTLETS_SCHEMA,
    RATES_SCHEMA,
    RUNS,
    RUNS_SCHEMA,
    TABLES,
    Format,
    table_files,
)
from .work import EventRows

if TYPE_CHECKING:
    import pyarrow as pa

PART_ROWS = 1_000_000
"""Most rows in one Parquet part of a table: files of tens of MB, as engines like them."""
_GROUP_ROWS = 32_768
"""Rows per Parquet row group: what a reader decodes at once, and what compaction holds."""


class PartStore:
    """The ``parts/`` folder of a report: one Parquet file per table and batch, plus commits.

    A batch counts only once its commit file (written last, atomically) exists; part files
    without one are leftovers of a crash and are removed on open.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.parts = out / "parts"
        self.schemas = {
            "findings": FINDINGS_SCHEMA,
            "outlets": OUTLETS_SCHEMA,
            "framing": FRAMING_SCHEMA,
            "rates": RATES_SCHEMA,
        }
        self.parts.mkdir(parents=True, exist_ok=True)
        self._remove_orphans()

    def _remove_orphans(self) -> None:
        """Remove what a crash left: uncommitted parts, and temporary files and folders."""
        for path in self.out.glob(".*.tmp"):
            _remove(path)
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
            with atomic_path(self.parts / f"{table}-{batch}.parquet", durable=True) as temporary:
                _write_parquet(frame, temporary)
        record = {"batch": batch, "events": [r.event_id for r in rows], "time": time.time()}
        write_atomic(self.parts / f"commit-{batch}.json", json.dumps(record), durable=True)

    def record_run(self, record: dict[str, str]) -> None:
        """Add one row to the runs table (kept in ``parts/runs.ndjson`` until compaction):
        which tool version, options and lexicon produced the rows that follow."""
        line = json.dumps({name: record.get(name) for name in RUNS_SCHEMA}) + "\n"
        path = self.parts / "runs.ndjson"
        previous = path.read_text(encoding="utf-8") if path.exists() else ""
        write_atomic(path, previous + line, durable=True)

    def _runs(self) -> pl.DataFrame:
        path = self.parts / "runs.ndjson"
        if not path.exists():
            return pl.DataFrame(schema=RUNS_SCHEMA)
        raw = pl.read_ndjson(path, schema={**RUNS_SCHEMA, "started": pl.String()})
        return raw.with_columns(pl.col("started").str.to_datetime(time_zone="UTC", time_unit="us"))

    def write_failed(self, failed: dict[str, str]) -> None:
        lines = "".join(f"{event}\t{error}\n" for event, error in sorted(failed.items()))
        write_atomic(self.out / "failed.txt", lines)

    def compact(self, fmt: Format, *, part_rows: int = PART_ROWS) -> list[Path]:
        """Stream every committed part of each table into the output files of ``fmt``.

        Rows come batch by batch in commit order, sorted by event within a batch; no global
        sort, so compaction never holds a whole table in memory. In Parquet each table is a
        folder of parts of at most ``part_rows`` rows, swapped in whole. Files of other
        formats are removed, so a folder never holds two versions of a table.
        """
        committed = {path.stem.removeprefix("commit-") for path in self.parts.glob("commit-*.json")}
        parts = {
            table: sorted(
                str(path)
                for path in self.parts.glob(f"{table}-*.parquet")
                if path.stem.rsplit("-", 1)[-1] in committed
            )
            for table in TABLES
        }
        runs = self._runs()
        if fmt == "sqlite":
            _write_sqlite(parts, self.schemas, self.out / DATABASE, runs=runs)
        else:
            for table in TABLES:
                batches = _batches(parts[table])
                _write_table(batches, self.schemas[table], self.out, table, fmt, part_rows=part_rows)
            batches = iter(runs.to_arrow().to_batches())
            _write_table(batches, RUNS_SCHEMA, self.out, RUNS, fmt, part_rows=part_rows)
        kept = set(table_files(fmt))
        for name in {name for other in get_args(Format) for name in table_files(other)} - kept:
            _remove(self.out / name)
        for table in (*TABLES, RUNS):
            (self.out / f"{table}.parquet").unlink(missing_ok=True)  # the one-file layout of earlier versions
        return [self.out / name for name in table_files(fmt)]


def _batches(parts: list[str]) -> Iterator[pa.RecordBatch]:
    """The rows of the parts, in order; read on this thread (the parts are small, and reader
    threads each keep allocator memory: about 40 MB more resident, measured)."""
    import pyarrow.parquet as pq

    for part in parts:
        yield from pq.ParquetFile(part, pre_buffer=False).iter_batches(batch_size=16_384, use_threads=False)


def _write_table(
    batches: Iterator[pa.RecordBatch],
    schema: dict[str, pl.DataType],
    out: Path,
    table: str,
    fmt: Format,
    *,
    part_rows: int,
) -> None:
    """Stream one table into its output: a folder of Parquet parts, or one CSV / NDJSON file.

    Memory holds one row group at a time, never a table.
    """
    first = next(batches, None)
    arrow_schema = first.schema if first is not None else _arrow_schema(schema)
    rows = itertools.chain([first] if first is not None else [], batches)
    if fmt == "parquet":
        with atomic_folder(out / table) as folder:
            _write_parts(rows, arrow_schema, folder, part_rows=part_rows)
        return
    with atomic_path(out / f"{table}.{fmt}", durable=True) as temporary, temporary.open("wb") as stream:
        frames = (pl.from_arrow(batch) for batch in rows)
        for frame in frames if first is not None else [pl.DataFrame(schema=schema)]:
            assert isinstance(frame, pl.DataFrame)
            if fmt == "csv":
                frame.write_csv(stream, include_header=stream.tell() == 0)
            else:
                frame.write_ndjson(stream)


def _write_parts(
    batches: Iterable[pa.RecordBatch], schema: pa.Schema, folder: Path, *, part_rows: int
) -> None:
    """Write ``part-00000.parquet``, ``part-00001.parquet``, ... of at most ``part_rows`` rows
    each, in row groups of up to ``_GROUP_ROWS`` rows; an empty table is one empty part, so
    its columns can still be read."""
    import pyarrow.parquet as pq

    writer: pq.ParquetWriter | None = None
    parts = held = 0
    try:
        for group in _row_groups(batches, schema, size=min(_GROUP_ROWS, part_rows)):
            if writer is None or held + group.num_rows > part_rows:
                if writer is not None:
                    writer.close()
                writer = pq.ParquetWriter(folder / _part_name(parts), schema)
                parts, held = parts + 1, 0
            writer.write_table(group, row_group_size=group.num_rows)
            held += group.num_rows
        if writer is None:
            pq.write_table(schema.empty_table(), folder / _part_name(0))
    finally:
        if writer is not None:
            writer.close()


def _part_name(number: int) -> str:
    """The file name of a table's ``number``-th Parquet part (ordered as the rows are)."""
    return f"part-{number:05d}.parquet"


def _row_groups(batches: Iterable[pa.RecordBatch], schema: pa.Schema, *, size: int) -> Iterator[pa.Table]:
    """The rows of ``batches`` regrouped into tables of ``size`` rows (the last may be smaller):
    a commit of a few events makes small batches, and tiny row groups read slowly."""
    import pyarrow as pa

    held: list[pa.RecordBatch] = []
    count = 0
    for batch in batches:
        held.append(batch)
        count += batch.num_rows
        while count >= size:
            table = pa.Table.from_batches(held, schema)
            yield table.slice(0, size)
            rest = table.slice(size)
            held, count = rest.to_batches(), rest.num_rows
    if count:
        yield pa.Table.from_batches(held, schema)


def _arrow_schema(schema: dict[str, pl.DataType]) -> pa.Schema:
    return pl.DataFrame(schema=schema).to_arrow().schema


# Indexes for the columns people filter on in Datasette; full-text search on what was said.
_SQLITE_INDEXES = {
    "findings": ("event_id", "outlet", "kind"),
    "outlets": ("event_id", "outlet"),
    "framing": ("event_id", "outlet", "category"),
    "rates": ("event_id", "outlet", "category"),
}
_SQLITE_FULL_TEXT = {"findings": ("text",)}


def _write_sqlite(
    parts: dict[str, list[str]], schemas: dict[str, dict[str, pl.DataType]], path: Path, *, runs: pl.DataFrame
) -> None:
    """Every table in one SQLite database (sqlite-utils), with indexes and full-text search.

    Built in a temporary file without a journal (the rename makes it atomic, and a failed
    build is thrown away), then flushed to disk and renamed into place.
    """
    import sqlite_utils

    with atomic_path(path, durable=True) as temporary:
        database = sqlite_utils.Database(temporary)
        database.execute("PRAGMA journal_mode = OFF")
        database.execute("PRAGMA synchronous = OFF")
        try:
            for table, schema in schemas.items():
                created = database.table(table).create(
                    {name: _sqlite_type(dtype) for name, dtype in schema.items()}
                )
                for batch in _batches(parts[table]):
                    created.insert_all(batch.to_pylist(), batch_size=2_000)
                for column in _SQLITE_INDEXES[table]:
                    created.create_index([column])
                if table in _SQLITE_FULL_TEXT:
                    created.enable_fts(list(_SQLITE_FULL_TEXT[table]), create_triggers=False)
            database.table(RUNS).create({name: _sqlite_type(dtype) for name, dtype in RUNS_SCHEMA.items()})
            database.table(RUNS).insert_all(
                runs.with_columns(pl.col("started").dt.to_string("%Y-%m-%dT%H:%M:%S%.fZ")).to_dicts()
            )
            database.conn.commit()
        finally:
            database.close()


def _sqlite_type(dtype: pl.DataType) -> type:
    """Dates and times are stored as ISO text, which SQLite and Datasette sort and filter."""
    if dtype.is_integer():
        return int
    if dtype.is_float():
        return float
    return str


def _write_parquet(frame: pl.DataFrame, path: Path) -> None:
    """Through pyarrow, whose I/O errors are ``OSError`` with an errno (a full disk is told apart)."""
    import pyarrow.parquet as pq

    pq.write_table(frame.to_arrow(), path)


def _remove(path: Path) -> None:
    """Remove a file or a folder (a table in another format), if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _no_space(out: Path) -> CorpusError:
    return CorpusError(
        f"{out}: no space left on the device",
        hint="free some space, then run the same command again: committed events are kept",
    )


@contextmanager
def storage_errors(out: Path) -> Iterator[None]:
    """Turn a failed write in ``out`` into one ``CorpusError`` line that says what to do."""
    try:
        yield
    except OutputError as error:
        # Written through ``atomic``, which says which file; a full disk is said for the run.
        if isinstance(error.__cause__, OSError) and error.__cause__.errno in (errno.ENOSPC, errno.EDQUOT):
            raise _no_space(out) from None
        raise
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise _no_space(out) from None
        raise CorpusError(
            f"{out}: cannot write ({error.strerror or error})",
            hint="check the folder's permissions and free space, then run the same command again",
        ) from None
    except pl.exceptions.ComputeError as error:  # polars reports I/O errors of its writers this way
        if "os error 28" not in str(error):
            raise
        raise _no_space(out) from None
