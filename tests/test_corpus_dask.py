"""Corpus runs on a Dask cluster (a small LocalCluster here): same tables as a --jobs run."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import polars as pl
import pyarrow.dataset as ds
import pytest
from polars.testing import assert_frame_equal
from typer.testing import CliRunner

from outletdiff.cli import app
from outletdiff.corpus import run_corpus
from outletdiff.tables import TABLES, read_table

EVENTS = Path(__file__).parent / "data" / "events"


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dask-corpus")
    for event in sorted(EVENTS.iterdir()):
        shutil.copytree(event, root / event.name)
    return root


def _multiset(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(frame.columns, nulls_last=True)


def test_local_cluster_writes_the_tables_of_a_jobs_run_and_resumes(corpus_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    local = run_corpus(corpus_dir, out=tmp_path / "jobs", jobs=2, html=False)
    out = tmp_path / "dask"

    def stop_after_two(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    first = run_corpus(corpus_dir, out=out, html=False, batch_events=1, progress=stop_after_two)
    assert first.interrupted and first.done == 2
    seen: list[tuple[int, int]] = []
    result = run_corpus(
        corpus_dir, out=out, jobs=2, html=False, dask="local", progress=lambda d, t: seen.append((d, t))
    )
    assert (result.done, result.skipped, result.failed) == (3, 2, {})
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]  # the same progress a local run reports
    assert local.done == 5
    for table in TABLES:  # partitioned Parquet that polars and pyarrow read as the --jobs run's table
        expected = read_table(tmp_path / "jobs", table).collect()
        assert_frame_equal(_multiset(pl.read_parquet(out / table / "*.parquet")), _multiset(expected))
        by_pyarrow = pl.from_arrow(ds.dataset(out / table, format="parquet").to_table())
        assert isinstance(by_pyarrow, pl.DataFrame)
        assert_frame_equal(_multiset(by_pyarrow), _multiset(expected))


def test_dask_missing_says_how_to_install(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    arguments = ["corpus", str(corpus_dir), "--out", str(tmp_path / "r"), "--dask", "local", "--no-html"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --dask needs Dask distributed, which is not installed (pip install 'outletdiff[dask]')\n"
    )


def test_unreachable_scheduler_is_one_line(corpus_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    arguments = ["corpus", str(corpus_dir), "--out", str(tmp_path / "r"), "--no-html"]
    arguments += ["--dask", "tcp://127.0.0.1:1"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:1 (")
    assert result.stderr.endswith("(check the address (tcp://host:8786), or pass --dask local)\n")
