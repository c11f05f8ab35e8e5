"""Where a corpus run keeps its results: committed part files, compacted into the final tables.

Each batch writes its part files atomically and then a small commit file naming its events,
each flushed to disk (fsync) before the next step, so a commit file on disk means complete
parts even after a power cut. Only committed batches count, so a crash keeps every committed
batch, and a rerun skips those events and never duplicates a row. At the end the parts are
compacted into the tables the user reads (:mod:`.output`).
"""

from __future__ import annotations

import errno
import json
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from ..atomic import atomic_path, write_atomic
from ..errors import CorpusError, OutputError
from ..tables import RUNS_SCHEMA, SCHEMAS, TABLES, Format
from .output import PART_ROWS, remove, write_tables
from .work import EventRows


class PartStore:
    """The ``parts/`` folder of a report: one Parquet file per table and batch, plus commits.

    A batch counts only once its commit file (written last, atomically) exists; part files
    without one are leftovers of a crash and are removed on open.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.parts = out / "parts"
        self.parts.mkdir(parents=True, exist_ok=True)
        self._remove_orphans()

    def _remove_orphans(self) -> None:
        """Remove what a crash left: uncommitted parts, and temporary files and folders."""
        for path in self.out.glob(".*.tmp"):
            remove(path)
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
            frame = pl.concat(frames, how="vertical") if frames else pl.DataFrame(schema=SCHEMAS[table])
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
        """Stream every committed part of each table into the tables of ``fmt``
        (:func:`~outletdiff.corpus.output.write_tables`), in commit order."""
        committed = {path.stem.removeprefix("commit-") for path in self.parts.glob("commit-*.json")}
        parts = {
            table: sorted(
                str(path)
                for path in self.parts.glob(f"{table}-*.parquet")
                if path.stem.rsplit("-", 1)[-1] in committed
            )
            for table in TABLES
        }
        return write_tables(parts, self._runs(), self.out, fmt, part_rows=part_rows)


def _write_parquet(frame: pl.DataFrame, path: Path) -> None:
    """Through pyarrow, whose I/O errors are ``OSError`` with an errno (a full disk is told apart)."""
    import pyarrow.parquet as pq

    pq.write_table(frame.to_arrow(), path)


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
