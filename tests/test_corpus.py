"""Corpus mode end to end: discovery and validation, tables read back, resumption, formats, CLI."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from polars.testing import assert_frame_equal
from typer.testing import CliRunner

from outletdiff.atomic import atomic_folder
from outletdiff.cli import app
from outletdiff.corpus import (
    discover,
    event_rows,
    load_event,
    read_table,
    report_name,
    run_corpus,
)
from outletdiff.corpus.lock import OutputLock
from outletdiff.corpus.store import PartStore
from outletdiff.errors import CorpusError
from outletdiff.options import CompareOptions
from outletdiff.pipeline import build_lexicon
from outletdiff.tables import FRAMING_SCHEMA

EVENTS = Path(__file__).parent / "data" / "events"
CATEGORIES = tuple(sorted(build_lexicon(CompareOptions()).reported_categories))

THIRD_OUTLET = """---
outlet: Harbour Herald
date: 2025-03-05
---
Kessington bridge shut for repairs

The Kessington Harbour Bridge was shut on Monday evening after engineers found cracks in its steel beams.
"The safety of the 38,000 people who cross the bridge every day has to come first," said Helen Okafor.
The shocking closure left commuters facing long detours, according to bus operator CityLink.
Repairs are expected to cost £4.2 million.
"""


def make_corpus(root: Path) -> Path:
    """Three events: 'bridge' with three outlets, 'kastoria' with two, 'fire' with only one (bad)."""
    bridge = root / "bridge"
    shutil.copytree(EVENTS / "harbor-bridge-closure", bridge)
    (bridge / "harbour-herald.md").write_text(THIRD_OUTLET, encoding="utf-8")
    shutil.copytree(EVENTS / "kastoria-expulsions", root / "kastoria")
    (root / "fire").mkdir()
    shutil.copy(EVENTS / "vaccine-warehouse-fire" / "meridian-times.txt", root / "fire")
    return root


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def reports(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    result = run_corpus(corpus_dir, out=out, jobs=1, skip_bad=True, html=False)
    assert (result.done, result.skipped, result.bad, result.failed) == (2, 0, ("fire",), {})
    return out


@pytest.fixture(scope="module")
def expected(corpus_dir: Path) -> dict[str, pl.DataFrame]:
    """The tables the pure per-event function gives, stacked: what the files must hold."""
    events = discover(corpus_dir, skip_bad=True).events
    rows = [event_rows(load_event(spec), categories=CATEGORIES) for spec in events]
    return {
        table: pl.concat([getattr(r, table) for r in rows])
        for table in ("findings", "outlets", "framing", "rates")
    }


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(frame.columns, nulls_last=True)


# --------------------------------------------------------------------------- discovery


def test_discover_reports_every_problem_with_its_file(corpus_dir: Path, tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "c")
    (root / "kastoria" / "notes.docx").write_text("x", encoding="utf-8")
    shutil.copy(root / "kastoria" / "eastern-dispatch.txt", root / "kastoria" / "eastern-copy.txt")
    (root / "stray.txt").write_text("a file outside any event", encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        discover(root)
    problems = caught.value.problems
    assert len(problems) == 4
    assert any("fire" in p and "has 1 outlet, needs at least two" in p for p in problems)
    assert any("notes.docx: unsupported file type" in p for p in problems)
    assert any("eastern-dispatch.txt: outlet 'Eastern Dispatch' appears twice" in p for p in problems)
    assert any("stray.txt: a file at the top of the corpus" in p for p in problems)


def test_skip_bad_leaves_bad_events_out(corpus_dir: Path) -> None:
    discovery = discover(corpus_dir, skip_bad=True)
    assert [spec.event_id for spec in discovery.events] == ["bridge", "kastoria"]
    assert [len(spec.articles) for spec in discovery.events] == [3, 2]
    assert discovery.bad_events == ("fire",)
    assert len(discovery.problems) == 1
    with pytest.raises(CorpusError, match="1 problem in"):
        discover(corpus_dir)


def test_manifest_problems_have_line_numbers(tmp_path: Path) -> None:
    article = EVENTS / "kastoria-expulsions" / "eastern-dispatch.txt"
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "event_id,outlet,date,title,path,text\n"
        f"e1,A,,,{article},\n"
        "e1,B,,,missing.txt,\n"
        f"e2,A,,,{article},\n"
        "e2,a,,,,Some text in the manifest itself.\n"
        "e3,C,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(CorpusError) as caught:
        discover(manifest)
    assert caught.value.problems == [
        f"{manifest}:3: {tmp_path / 'missing.txt'}: no such file",
        f"{manifest}:6: give exactly one of 'path' or 'text'",
        f"{manifest}:5: outlet 'a' appears twice in event 'e2' (also {manifest}:4)",
    ]


def test_manifest_missing_column_is_fatal(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("event_id,title,path\ne1,x,a.txt\n", encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        discover(manifest, skip_bad=True)
    assert caught.value.problems == [f"{manifest}:1: missing column outlet"]


def test_jsonl_manifest_with_text_runs_end_to_end(tmp_path: Path) -> None:
    bridge = EVENTS / "harbor-bridge-closure"
    lines = [
        json.dumps(
            {
                "event_id": "b",
                "outlet": "Buzz",
                "date": "2025-03-04",
                "title": "T1",
                "text": (bridge / "dailybuzz.txt").read_text(encoding="utf-8"),
            }
        ),
        "{not json",
        json.dumps({"event_id": "b", "outlet": "Ledger", "path": str(bridge / "northern-ledger.txt")}),
    ]
    manifest = tmp_path / "m.jsonl"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        discover(manifest, skip_bad=True)
    assert caught.value.problems == [
        f"{manifest}:2: invalid JSON (Expecting property name enclosed in double quotes)"
    ]
    manifest.write_text("\n".join([lines[0], lines[2]]) + "\n", encoding="utf-8")
    result = run_corpus(manifest, out=tmp_path / "out", jobs=1, html=False)
    assert result.done == 1
    outlets = read_table(tmp_path / "out", "outlets").collect()
    assert outlets.select("outlet", "title", "date").rows() == [
        ("Buzz", "T1", date(2025, 3, 4)),
        (
            "Ledger",
            "Kessington Harbour Bridge closed for six weeks after inspectors find cracks",
            date(2025, 3, 4),
        ),
    ]
    # File names only: a table shared with colleagues does not carry local paths.
    assert outlets["source"].to_list() == [f"{manifest.name}:1", "northern-ledger.txt"]


# --------------------------------------------------------------------------- tables written


def test_parquet_tables_hold_exactly_the_event_rows(reports: Path, expected: dict[str, pl.DataFrame]) -> None:
    for table in ("findings", "outlets", "framing", "rates"):
        written = read_table(reports, table).collect()
        assert written.height == expected[table].height
        assert_frame_equal(_sorted(written), _sorted(expected[table]))
    outlets = read_table(reports, "outlets").collect()
    assert outlets.height == 5
    assert outlets.group_by("event_id").len().sort("event_id").rows() == [("bridge", 3), ("kastoria", 2)]
    herald = outlets.filter(pl.col("outlet") == "Harbour Herald").row(0, named=True)
    assert (herald["date"], herald["title"], herald["quotes"]) == (
        date(2025, 3, 5),
        "Kessington bridge shut for repairs",
        1,
    )
    rates = read_table(reports, "rates").collect()
    intensifier = rates.filter((pl.col("outlet") == "Harbour Herald") & (pl.col("category") == "intensifier"))
    assert intensifier["per_1000"].item() > 0  # "shocking", in the outlet's own voice
    runs = read_table(reports, "runs").collect()
    assert runs.height == 1 and runs["tool_version"].item() and len(runs["lexicon_digest"].item()) == 64


def test_parquet_tables_are_datasets_that_polars_and_pyarrow_read(
    reports: Path, expected: dict[str, pl.DataFrame], tmp_path: Path
) -> None:
    """Each table is a folder of ``part-NNNNN.parquet`` files, read as one table by globbing
    (polars, DuckDB) or as a dataset (pyarrow); rows keep their order across parts."""
    copy = tmp_path / "copy"
    shutil.copytree(reports, copy)
    assert sorted(path.name for path in (copy / "findings").iterdir()) == ["part-00000.parquet"]
    whole = pl.read_parquet(copy / "findings" / "part-00000.parquet")
    with OutputLock(copy):
        files = PartStore(copy).compact("parquet", part_rows=50)
    assert files == [copy / name for name in ("findings", "outlets", "framing", "rates", "runs")]
    parts = sorted((copy / "findings").iterdir())
    assert [path.name for path in parts] == [f"part-{n:05d}.parquet" for n in range(len(parts))]
    assert len(parts) == -(-expected["findings"].height // 50)
    assert all(pq.ParquetFile(path).metadata.num_rows <= 50 for path in parts)
    assert_frame_equal(pl.scan_parquet(copy / "findings" / "*.parquet").collect(), whole)
    for table in ("findings", "outlets", "framing", "rates"):
        by_polars = pl.read_parquet(copy / table / "*.parquet")
        by_pyarrow = pl.from_arrow(ds.dataset(copy / table, format="parquet").to_table())
        assert isinstance(by_pyarrow, pl.DataFrame)
        assert_frame_equal(_sorted(by_polars), _sorted(expected[table]))
        assert_frame_equal(_sorted(by_pyarrow), _sorted(expected[table]))
    assert not list(copy.glob(".*.tmp"))  # the folders were filled aside and swapped in


def test_an_empty_table_is_one_empty_part_with_its_columns(tmp_path: Path) -> None:
    PartStore(tmp_path).compact("parquet")
    assert [path.name for path in (tmp_path / "framing").iterdir()] == ["part-00000.parquet"]
    framing = pl.read_parquet(tmp_path / "framing" / "*.parquet")
    assert framing.height == 0 and framing.schema == pl.Schema(FRAMING_SCHEMA)


def test_a_report_of_the_one_file_layout_is_read_then_rewritten_as_datasets(
    reports: Path, expected: dict[str, pl.DataFrame], tmp_path: Path
) -> None:
    """Earlier versions wrote ``findings.parquet``: stats still read it, and the next run
    rewrites the folder in the dataset layout without keeping both."""
    old = tmp_path / "old"
    shutil.copytree(reports, old)
    for table in ("findings", "outlets", "framing", "rates", "runs"):
        frame = pl.read_parquet(old / table / "*.parquet")
        shutil.rmtree(old / table)
        frame.write_parquet(old / f"{table}.parquet")
    assert_frame_equal(_sorted(read_table(old, "findings").collect()), _sorted(expected["findings"]))
    with OutputLock(old):
        PartStore(old).compact("parquet")
    assert not list(old.glob("*.parquet"))
    assert_frame_equal(_sorted(read_table(old, "findings").collect()), _sorted(expected["findings"]))


def test_atomic_folder_swaps_the_whole_folder_or_leaves_it(tmp_path: Path) -> None:
    target = tmp_path / "table"
    with atomic_folder(target) as folder:
        (folder / "part-00000.parquet").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_folder(target) as folder:
        (folder / "part-00000.parquet").write_text("half", encoding="utf-8")
        raise RuntimeError
    assert [path.read_text(encoding="utf-8") for path in target.iterdir()] == ["old"]
    with atomic_folder(target) as folder:
        for number in range(2):
            (folder / f"part-{number:05d}.parquet").write_text("new", encoding="utf-8")
    assert sorted(path.name for path in target.iterdir()) == ["part-00000.parquet", "part-00001.parquet"]
    assert {path.read_text(encoding="utf-8") for path in target.iterdir()} == {"new"}
    assert [path.name for path in tmp_path.iterdir()] == ["table"]


def test_findings_rows_name_outlets_and_point_into_the_text(reports: Path, corpus_dir: Path) -> None:
    findings = read_table(reports, "findings").collect()
    bridge = findings.filter(pl.col("event_id") == "bridge")
    outlets = {"DailyBuzz.com", "Northern Ledger", "Harbour Herald"}
    assert set(bridge["outlet"].unique()) == outlets
    lacking = {name for cell in bridge["lacking"].drop_nulls() for name in cell.split("; ")}
    assert lacking == outlets
    herald_text = (corpus_dir / "bridge" / "harbour-herald.md").read_text(encoding="utf-8")
    own = bridge.filter(pl.col("outlet") == "Harbour Herald")
    assert own.height > 0
    for text, start, end in own.select("text", "start", "end").rows():
        assert text in herald_text[start:end] or herald_text[start:end] in text
    assert set(findings["kind"].unique()) <= {"sentence", "fact", "quote", "framing", "source"}
    assert set(findings["change"].unique()) <= {"only", "altered", "shared"}
    # One row per difference: no item is listed twice.
    assert (
        bridge.select("kind", "change", "outlet", "start", "end", "other_outlet", "other_start")
        .is_unique()
        .all()
    )


def test_csv_and_ndjson_agree_with_parquet(reports: Path, corpus_dir: Path, tmp_path: Path) -> None:
    parquet = {t: read_table(reports, t).collect() for t in ("findings", "outlets", "framing", "rates")}
    copy = tmp_path / "copy"
    shutil.copytree(reports, copy)
    for fmt in ("csv", "ndjson"):
        again = run_corpus(corpus_dir, out=copy, fmt=fmt, jobs=1, skip_bad=True, html=False)  # type: ignore[arg-type]
        assert (again.done, again.skipped) == (0, 2)  # nothing recomputed: only the format changes
        assert not (copy / "findings").exists()
        for table, frame in parquet.items():
            back = read_table(copy, table).collect().cast(dict(frame.schema))  # type: ignore[arg-type]
            assert_frame_equal(back, frame)


def test_index_lists_events_by_difference(reports: Path) -> None:
    page = (reports / "index.html").read_text(encoding="utf-8")
    assert page.count("<tr>") == 3  # header + two events
    assert "bridge" in page and "kastoria" in page and "fire" not in page.split("<tbody>")[1]


def test_report_names_are_safe_and_distinct() -> None:
    assert report_name("bridge") == "bridge.html"
    odd = report_name("a/b c")
    assert "/" not in odd and odd.startswith("a-b-c-") and odd != report_name("a b/c")


# --------------------------------------------------------------------------- resumption


def test_resume_after_crash_keeps_finished_events_and_duplicates_nothing(
    corpus_dir: Path, tmp_path: Path, expected: dict[str, pl.DataFrame]
) -> None:
    out = tmp_path / "out"

    def crash_after_first(done: int, total: int) -> None:
        if done == 1:
            raise KeyboardInterrupt

    first = run_corpus(
        corpus_dir, out=out, jobs=1, skip_bad=True, html=False, batch_events=1, progress=crash_after_first
    )
    assert first.interrupted and first.done == 1
    assert read_table(out, "outlets").collect()["event_id"].unique().len() == 1
    # A crash between writing a part and committing it leaves an orphan part: it must not count.
    orphan = next((out / "parts").glob("findings-*.parquet"))
    shutil.copy(orphan, out / "parts" / "findings-00000099abcdef.parquet")
    second = run_corpus(corpus_dir, out=out, jobs=1, skip_bad=True, html=False)
    assert (second.done, second.skipped, second.interrupted) == (1, 1, False)
    assert not (out / "parts" / "findings-00000099abcdef.parquet").exists()
    for table in ("findings", "outlets", "framing"):
        assert_frame_equal(_sorted(read_table(out, table).collect()), _sorted(expected[table]))
    forced = run_corpus(corpus_dir, out=out, jobs=1, skip_bad=True, html=False, force=True)
    assert (forced.done, forced.skipped) == (2, 0)
    assert read_table(out, "findings").collect().height == expected["findings"].height


def test_parallel_run_matches_serial(
    corpus_dir: Path, tmp_path: Path, expected: dict[str, pl.DataFrame]
) -> None:
    result = run_corpus(corpus_dir, out=tmp_path / "par", jobs=2, skip_bad=True, html=False)
    assert result.done == 2
    for table in ("findings", "outlets", "framing"):
        assert_frame_equal(_sorted(read_table(tmp_path / "par", table).collect()), _sorted(expected[table]))


# --------------------------------------------------------------------------- CLI


def test_cli_corpus_stops_on_problems_and_lists_them(corpus_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["corpus", str(corpus_dir), "--out", str(tmp_path / "r"), "--jobs", "1"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"  {corpus_dir / 'fire' / 'meridian-times.txt'}: event 'fire' has 1 outlet, needs at least two\n"
        f"Error: 1 problem in {corpus_dir} (fix them, or pass --skip-bad to leave bad events out)\n"
    )
    assert not (tmp_path / "r" / "findings").exists()


def test_cli_corpus_skip_bad_writes_csv(corpus_dir: Path, reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "r"
    shutil.copytree(reports, out)  # already done: the CLI only re-exports
    result = CliRunner().invoke(
        app, ["corpus", str(corpus_dir), "--out", str(out), "--format", "csv", "--skip-bad", "--no-html"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"0 events compared, 2 already done, 1 left out, in {out}\n"
        f"  {out / 'findings.csv'}\n  {out / 'outlets.csv'}\n  {out / 'framing.csv'}\n"
        f"  {out / 'rates.csv'}\n  {out / 'runs.csv'}\n"
        f"  {out / 'index.html'}\n"
    )
    assert result.stderr.startswith("Skipped: ")
    assert pl.read_csv(out / "outlets.csv").height == 5


def test_cli_corpus_rejects_unknown_format(corpus_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["corpus", str(corpus_dir), "--format", "xlsx"])
    assert result.exit_code == 2
    assert result.stderr == "Error: unknown --format 'xlsx' (use parquet, csv, ndjson or sqlite)\n"


def test_sqlite_database_holds_the_tables_with_indexes_and_full_text(
    reports: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    import sqlite3

    parquet = {t: read_table(reports, t).collect() for t in ("findings", "outlets", "framing", "rates")}
    copy = tmp_path / "copy"
    shutil.copytree(reports, copy)
    result = CliRunner().invoke(
        app, ["corpus", str(corpus_dir), "--out", str(copy), "--format", "sqlite", "--skip-bad", "--no-html"]
    )
    assert result.exit_code == 0, result.output
    database = copy / "outletdiff.db"
    assert result.stdout.splitlines()[1:] == [f"  {database}", f"  {copy / 'index.html'}"]
    assert not (copy / "findings").exists()
    connection = sqlite3.connect(database)
    try:
        for table, frame in parquet.items():
            (count,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
            assert count == frame.height
        columns = [row[1] for row in connection.execute("PRAGMA table_info(findings)")]
        assert columns == parquet["findings"].columns
        indexed = {
            connection.execute(f"PRAGMA index_info([{name}])").fetchone()[2]
            for _, name, *_ in connection.execute("PRAGMA index_list(findings)")
        }
        assert {"event_id", "outlet", "kind"} <= indexed
        hits = connection.execute(
            "SELECT findings.text FROM findings_fts JOIN findings ON findings.rowid = findings_fts.rowid "
            "WHERE findings_fts MATCH 'cracks'"
        ).fetchall()
        expected = parquet["findings"].filter(pl.col("text").str.contains("(?i)\\bcracks\\b")).height
        assert len(hits) == expected > 0
    finally:
        connection.close()
    for table, frame in parquet.items():  # read back typed, so `stats` works on a database too
        assert_frame_equal(read_table(copy, table).collect(), frame)
    assert "<code>outletdiff.db</code>" in (copy / "index.html").read_text(encoding="utf-8")
