"""Turn one ``Comparison`` into tidy polars tables that researchers can stack across events.

Four tables per event, each with a fixed schema (whatever the lexicon) so that parts written
by different processes and batches concatenate without surprises, and a fifth per run:

- findings: one row per difference (or shared item), with outlet names instead of indices;
- outlets: one row per event x outlet, the ``OutletSummary`` counts, the overall framing rate
  and the mix of source types, the publication date as a date;
- framing: one row per framing word found, so corpus statistics can count words per outlet
  without going through the findings;
- rates: one row per event x outlet x framing category (count and rate per 1,000 words);
- runs: one row per corpus run, with the tool version, options and lexicon digest.

Nothing here re-analyses text: every value is read from the ``Comparison``. Reading the tables
back (:func:`read_table`, :func:`event_table`) lives here too, so ``stats`` and the index page
need only this module, not the corpus runner.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Literal

import polars as pl

from .errors import CorpusError
from .model import Comparison

Format = Literal["parquet", "csv", "ndjson", "sqlite"]
"""The formats a corpus run can write its tables in (sqlite: all three in one database)."""
TABLES = ("findings", "outlets", "framing", "rates")
"""The tables every event adds rows to."""
RUNS = "runs"
DATABASE = "outletdiff.db"
"""The file name of the SQLite database that ``--format sqlite`` writes."""


def table_files(fmt: Format) -> list[str]:
    """The names that hold the tables in ``fmt``, as a report folder lists them: in Parquet a
    folder of parts per table (``findings/``), in CSV and NDJSON a file per table, in SQLite
    one database."""
    if fmt == "sqlite":
        return [DATABASE]
    return [f"{table}/" if fmt == "parquet" else f"{table}.{fmt}" for table in (*TABLES, RUNS)]


FINDINGS_SCHEMA: dict[str, pl.DataType] = {
    "event_id": pl.String(),
    # The finding's number within its event: one row per difference.
    "finding": pl.Int32(),
    "kind": pl.String(),
    "change": pl.String(),  # only, altered or shared
    "category": pl.String(),
    # The (first) outlet that carries the item, where the span points.
    "outlet": pl.String(),
    # Every outlet that carries it, and those that lack it ("only" findings), joined by "; ".
    "outlets": pl.String(),
    "lacking": pl.String(),
    "text": pl.String(),
    "voice": pl.String(),
    "speaker": pl.String(),
    "chain": pl.String(),
    "sentence": pl.Int32(),
    "start": pl.Int64(),
    "end": pl.Int64(),
    # An altered item's other version.
    "other_outlet": pl.String(),
    "other_text": pl.String(),
    "other_chain": pl.String(),
    "other_sentence": pl.Int32(),
    "other_start": pl.Int64(),
    "other_end": pl.Int64(),
}

FRAMING_SCHEMA: dict[str, pl.DataType] = {
    "event_id": pl.String(),
    "outlet": pl.String(),
    "term": pl.String(),
    "text": pl.String(),
    "category": pl.String(),
    "voice": pl.String(),
    "speaker": pl.String(),
    "sentence": pl.Int32(),
    "start": pl.Int64(),
    "end": pl.Int64(),
}

SOURCE_KINDS = ("person", "institution", "outlet", "anonymous")

_OUTLET_COUNTS = (
    "words",
    "outlet_voice_words",
    "sentences",
    "shared",
    "altered",
    "only_here",
    "boilerplate",
    "quotes",
    "quotes_added",
    "quotes_dropped",
    "quotes_altered",
    "framing_outlet_voice",
    "framing_quoted",
    "sources",
    "sources_named",
    "sources_anonymous",
)


OUTLETS_SCHEMA: dict[str, pl.DataType] = {
    "event_id": pl.String(),
    "outlet": pl.String(),
    "source": pl.String(),
    "title": pl.String(),
    "date": pl.Date(),
    **{name: pl.Int64() for name in _OUTLET_COUNTS},
    "share_exclusive": pl.Float64(),
    "framing_per_1000": pl.Float64(),
    **{f"sources_{kind}": pl.Int64() for kind in SOURCE_KINDS if kind != "anonymous"},
}
"""The outlets table: the same columns whatever the lexicon (rates per category are ``rates``)."""

RATES_SCHEMA: dict[str, pl.DataType] = {
    "event_id": pl.String(),
    "outlet": pl.String(),
    "category": pl.String(),
    "count": pl.Int64(),
    "per_1000": pl.Float64(),
}
"""Own-voice framing words per outlet and lexicon category: one row each, so a lexicon with
other categories adds rows, never columns."""

RUNS_SCHEMA: dict[str, pl.DataType] = {
    "run": pl.String(),
    "started": pl.Datetime("us", "UTC"),
    "tool_version": pl.String(),
    "options": pl.String(),
    "lexicon_digest": pl.String(),
    "corpus": pl.String(),
}
"""One row per corpus run over a report folder: what produced its rows (provenance)."""

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "findings": FINDINGS_SCHEMA,
    "outlets": OUTLETS_SCHEMA,
    "framing": FRAMING_SCHEMA,
    "rates": RATES_SCHEMA,
    RUNS: RUNS_SCHEMA,
}
"""Every table's schema by name, so parts, outputs and readers agree on types."""


def findings_frame(comparison: Comparison, *, event_id: str | None = None) -> pl.DataFrame:
    """All findings of one event, one row per difference, in the comparison's order.

    ``event_id`` fills the ``event_id`` column (null without one: a single comparison).
    """
    names = [document.outlet for document in comparison.documents]
    rows = []
    for number, finding in enumerate(comparison.findings):
        first = finding.versions[0]
        other = finding.versions[1] if len(finding.versions) > 1 else None
        rows.append(
            {
                "event_id": event_id,
                "finding": number,
                "kind": finding.kind,
                "change": finding.change,
                "category": finding.category,
                "outlet": names[first.doc],
                "outlets": "; ".join(names[doc] for doc in finding.outlets),
                "lacking": "; ".join(names[doc] for doc in finding.lacking) or None,
                "text": first.text,
                "voice": first.voice,
                "speaker": first.speaker,
                "chain": first.chain,
                "sentence": first.sentence,
                "start": first.start,
                "end": first.end,
                "other_outlet": names[other.doc] if other else None,
                "other_text": other.text if other else None,
                "other_chain": other.chain if other else None,
                "other_sentence": other.sentence if other else None,
                "other_start": other.start if other else None,
                "other_end": other.end if other else None,
            }
        )
    return pl.DataFrame(rows, schema=FINDINGS_SCHEMA)


def framing_frame(comparison: Comparison, *, event_id: str | None = None) -> pl.DataFrame:
    """Every lexicon framing word of one event, in outlet or quoted voice (``event_id`` as above)."""
    names = [document.outlet for document in comparison.documents]
    hits = [hit for hit in comparison.framing if hit.from_lexicon]
    columns: dict[str, list] = {
        "event_id": [event_id] * len(hits),
        "outlet": [names[h.doc] for h in hits],
        "term": [h.term for h in hits],
        "text": [h.text for h in hits],
        "category": [h.category for h in hits],
        "voice": [h.voice for h in hits],
        "speaker": [h.speaker for h in hits],
        "sentence": [h.sentence for h in hits],
        "start": [h.start for h in hits],
        "end": [h.end for h in hits],
    }
    return pl.DataFrame(columns, schema=FRAMING_SCHEMA)


def outlets_frame(comparison: Comparison, *, event_id: str | None = None) -> pl.DataFrame:
    """One row per outlet of one event: summary counts, overall framing rate, source mix."""
    rows = []
    for summary in comparison.summaries:
        document = comparison.documents[summary.doc]
        row: dict[str, object] = {
            "event_id": event_id,
            "outlet": summary.outlet,
            "source": document.file_name,
            "title": document.title,
            "date": parse_day(document.date),
        }
        row.update({name: getattr(summary, name) for name in _OUTLET_COUNTS})
        row["share_exclusive"] = summary.share_only_here
        row["framing_per_1000"] = summary.framing_per_1000
        by_kind = dict(summary.sources_by_kind)
        for kind in SOURCE_KINDS:
            if kind != "anonymous":
                row[f"sources_{kind}"] = by_kind.get(kind, 0)
        rows.append(row)
    return pl.DataFrame(rows, schema=OUTLETS_SCHEMA)


def rates_frame(
    comparison: Comparison, *, event_id: str | None = None, categories: Sequence[str] = ()
) -> pl.DataFrame:
    """Own-voice framing words per outlet and category, per 1,000 own-voice words.

    ``categories`` (the lexicon's) get a row even at zero, so averages over a corpus count
    the outlets that used none; a category found but not listed gets its row too.
    """
    rows = []
    for summary in comparison.summaries:
        counts = dict(summary.framing_by_category)
        words = summary.outlet_voice_words
        for category in sorted(set(categories) | set(counts)):
            hits = counts.get(category, 0)
            rows.append(
                {
                    "event_id": event_id,
                    "outlet": summary.outlet,
                    "category": category,
                    "count": hits,
                    "per_1000": round(1000 * hits / words, 2) if words else 0.0,
                }
            )
    return pl.DataFrame(rows, schema=RATES_SCHEMA)


def parse_day(value: str | None) -> date | None:
    """An ISO date (or the date part of an ISO timestamp) as a date; None when it is not one."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def read_table(out: str | Path, table: str) -> pl.LazyFrame:
    """One table of a report folder, whichever format it was written in."""
    folder = Path(out)
    if (folder / table).is_dir():
        return pl.scan_parquet(folder / table / "*.parquet")
    for fmt in ("parquet", "csv", "ndjson"):
        path = folder / f"{table}.{fmt}"
        if path.exists():
            if fmt == "parquet":  # one file per table, as earlier versions wrote
                return pl.scan_parquet(path)
            # Text formats hold no types: read with the table's schema, dates as text first.
            schema = SCHEMAS.get(table)
            if schema is None:
                return pl.scan_csv(path) if fmt == "csv" else pl.scan_ndjson(path)
            as_text = {name: pl.String() if dtype.is_temporal() else dtype for name, dtype in schema.items()}
            text = pl.scan_csv(path, schema=as_text) if fmt == "csv" else pl.scan_ndjson(path, schema=as_text)
            return _typed_dates(text, schema)
    if (folder / DATABASE).exists():
        stored = _read_sqlite(folder / DATABASE, table)
        if stored is not None:
            return stored.lazy()
    raise CorpusError(f"{folder}: no {table} table found", hint="run `outletdiff corpus` first")


_SQLITE_TYPES = {"INTEGER": pl.Int64(), "FLOAT": pl.Float64(), "REAL": pl.Float64(), "TEXT": pl.String()}


def _typed_dates(frame: pl.LazyFrame, schema: dict[str, pl.DataType]) -> pl.LazyFrame:
    """Date and time columns read as ISO text, turned back into dates and times."""
    return frame.with_columns(
        pl.col(name).str.to_date() if dtype == pl.Date() else pl.col(name).str.to_datetime(time_zone="UTC")
        for name, dtype in schema.items()
        if dtype.is_temporal()
    )


def _read_sqlite(path: Path, table: str) -> pl.DataFrame | None:
    """A table of the database, typed as it was written (SQLite stores values loosely)."""
    import sqlite3

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        columns = connection.execute(f"PRAGMA table_info([{table}])").fetchall()
        if not columns:
            return None
        known = SCHEMAS.get(table, {})
        schema = {
            name: known.get(name) or _SQLITE_TYPES.get(kind.upper(), pl.String())
            for _, name, kind, *_ in columns
        }
        # Dates and times are ISO text in SQLite: read as text, then typed.
        temporal = {name: dtype for name, dtype in schema.items() if dtype.is_temporal()}
        frame = pl.read_database(
            f"SELECT * FROM [{table}]",
            connection,
            schema_overrides={**schema, **dict.fromkeys(temporal, pl.String())},
        )
        return frame.with_columns(
            pl.col(name).str.to_date()
            if dtype == pl.Date()
            else pl.col(name).str.to_datetime(time_zone="UTC")
            for name, dtype in temporal.items()
        )
    finally:
        connection.close()


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
