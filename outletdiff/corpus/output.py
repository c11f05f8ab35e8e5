"""Write a report's tables from the committed parts: Parquet datasets, CSV, NDJSON or SQLite.

Everything is streamed part by part, so memory holds one row group, never a table, however
many events the corpus has. In Parquet each table is a folder of ``part-NNNNN.parquet`` files
(a dataset that polars, pyarrow, DuckDB or Spark read as one table), filled beside the old
folder and swapped in whole, so a reader, or a crash, never meets a half-written part or a
mix of two runs' parts; in CSV or NDJSON each table is one file; in SQLite all are one
database. Rows keep the order of the parts (commit order, by event within a commit).
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, get_args

import polars as pl

from ..atomic import atomic_folder, atomic_path
from ..tables import DATABASE, RUNS, RUNS_SCHEMA, SCHEMAS, TABLES, Format, table_files

if TYPE_CHECKING:
    import pyarrow as pa

PART_ROWS = 1_000_000
"""Most rows in one Parquet part of a table: files of tens of MB, as engines like them."""
_GROUP_ROWS = 32_768
"""Rows per Parquet row group: what a reader decodes at once, and what writing holds."""


def write_tables(
    parts: dict[str, list[str]], runs: pl.DataFrame, out: Path, fmt: Format, *, part_rows: int = PART_ROWS
) -> list[Path]:
    """Write every table of ``out`` in ``fmt`` from its committed ``parts`` (and the ``runs``
    rows); return what was written. Tables of other formats are removed, so a folder never
    holds two versions of a table."""
    if fmt == "sqlite":
        _write_sqlite(parts, out / DATABASE, runs=runs)
    else:
        for table in TABLES:
            _write_table(_batches(parts[table]), SCHEMAS[table], out, table, fmt, part_rows=part_rows)
        _write_table(iter(runs.to_arrow().to_batches()), RUNS_SCHEMA, out, RUNS, fmt, part_rows=part_rows)
    kept = set(table_files(fmt))
    for name in {name for other in get_args(Format) for name in table_files(other)} - kept:
        remove(out / name)
    for table in (*TABLES, RUNS):
        (out / f"{table}.parquet").unlink(missing_ok=True)  # the one-file layout of earlier versions
    return [out / name for name in table_files(fmt)]


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


def _write_sqlite(parts: dict[str, list[str]], path: Path, *, runs: pl.DataFrame) -> None:
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
            for table in TABLES:
                schema = SCHEMAS[table]
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


def remove(path: Path) -> None:
    """Remove a file or a folder (a table in another format), if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
