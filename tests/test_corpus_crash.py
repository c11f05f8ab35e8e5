"""Corpus runs under faults: kill -9 at several moments, SIGTERM, two runs at once, a full disk.

The runs that get killed are real processes (``subprocess``) with real worker pools; a small
hook in the child script holds the run at a chosen moment (after an event, between a batch's
parts and its commit, in the middle of compaction) so the kill lands there every time. After
each kill, the worker processes must be gone and a rerun must give exactly the tables of a
clean run: as multisets of rows, nothing lost and nothing twice.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from typer.testing import CliRunner

from outletdiff.cli import app
from outletdiff.corpus import run_corpus
from outletdiff.errors import CorpusError
from outletdiff.tables import TABLES, read_table

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and signals")

EVENTS = Path(__file__).parent / "data" / "events"

CHILD = r"""
import sys, time
from pathlib import Path
import outletdiff.corpus.output as output
import outletdiff.corpus.store as store
from outletdiff.corpus import run_corpus

corpus, out, pause = sys.argv[1], sys.argv[2], sys.argv[3]

def hold():
    print("paused", flush=True)
    time.sleep(600)

if pause.startswith("commit:"):
    wanted, seen = int(pause.split(":")[1]), [0]
    write_atomic = store.write_atomic
    def write_commit_or_hold(path, data, **options):
        if Path(path).name.startswith("commit-"):
            seen[0] += 1
            if seen[0] == wanted:
                hold()  # the batch's parts are on disk, its commit file is not
        return write_atomic(path, data, **options)
    store.write_atomic = write_commit_or_hold
if pause == "compaction":
    write_parts, calls = output._write_parts, [0]
    def write_parts_or_hold(*arguments, **options):
        calls[0] += 1
        if calls[0] == 2:
            hold()  # the first table is swapped in, the second half-built in a hidden folder
        return write_parts(*arguments, **options)
    output._write_parts = write_parts_or_hold

def progress(done, total):
    print(f"done {done}", flush=True)
    if pause == f"event:{done}":
        hold()

result = run_corpus(corpus, out=out, jobs=2, html=False, batch_events=2, progress=progress)
print(f"finished interrupted={result.interrupted}", flush=True)
"""


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight two-outlet events: the five test events and three of them again under new ids."""
    root = tmp_path_factory.mktemp("crash-corpus")
    for event in sorted(EVENTS.iterdir()):
        shutil.copytree(event, root / event.name)
    for event in ("harbor-bridge-closure", "kastoria-expulsions", "halvorsen-layoffs"):
        shutil.copytree(EVENTS / event, root / f"{event}-again")
    return root


@pytest.fixture(scope="module")
def clean(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, pl.DataFrame]:
    out = tmp_path_factory.mktemp("clean")
    result = run_corpus(corpus_dir, out=out, jobs=1, html=False)
    assert result.done == 8
    return {table: read_table(out, table).collect() for table in TABLES}


def _multiset(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(frame.columns, nulls_last=True)


def _assert_same_tables(out: Path, clean: dict[str, pl.DataFrame]) -> None:
    """The tables equal the clean run's, each a folder of whole parts, with no leftovers beside."""
    for table in TABLES:
        written = read_table(out, table).collect()
        assert written.height == clean[table].height, table
        assert_frame_equal(_multiset(written), _multiset(clean[table]))
        assert [path.name for path in (out / table).iterdir()] == ["part-00000.parquet"]
    assert not list(out.glob(".*.tmp"))


def _start(corpus: Path, out: Path, pause: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(corpus), str(out), pause],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _wait_for(child: subprocess.Popen[str], line: str) -> None:
    assert child.stdout is not None
    for got in child.stdout:
        if got.strip() == line:
            return
    raise AssertionError(f"the child ended (code {child.wait()}) before printing {line!r}")


def _kill(child: subprocess.Popen[str]) -> None:
    child.kill()
    child.wait()
    assert child.stdout is not None
    child.stdout.close()


def _children(pid: int) -> list[int]:
    """Every live process whose parent is ``pid`` (the workers and multiprocessing's helpers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _assert_all_end(pids: list[int]) -> None:
    """The processes end on their own; the wait bounds a hang, it does not measure speed."""
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in pids if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"processes outlived their parent: {left}"


@pytest.mark.parametrize("pause", ["event:1", "event:5", "commit:2", "compaction"])
def test_kill_9_then_rerun_gives_the_clean_tables(
    pause: str, corpus_dir: Path, clean: dict[str, pl.DataFrame], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    child = _start(corpus_dir, out, pause)
    _wait_for(child, "paused")
    workers = _children(child.pid)
    assert workers, "the run should have worker processes"
    _kill(child)
    _assert_all_end(workers)
    if pause == "compaction":  # a reader meets the first table whole, the second not at all
        assert_frame_equal(_multiset(read_table(out, "findings").collect()), _multiset(clean["findings"]))
        assert not (out / "outlets").exists() and list(out.glob(".outlets.*.tmp"))
    again = run_corpus(corpus_dir, out=out, jobs=1, html=False)
    assert not again.interrupted
    assert any("took over the lock" in note and f"pid {child.pid} " in note for note in again.notes)
    assert again.done + again.skipped == 8
    _assert_same_tables(out, clean)


def test_kill_9_without_warning_then_rerun_gives_the_clean_tables(
    corpus_dir: Path, clean: dict[str, pl.DataFrame], tmp_path: Path
) -> None:
    """No hold: the kill lands wherever the run happens to be after three events."""
    out = tmp_path / "out"
    child = _start(corpus_dir, out, "none")
    _wait_for(child, "done 3")
    workers = _children(child.pid)
    _kill(child)
    _assert_all_end(workers)
    run_corpus(corpus_dir, out=out, jobs=2, html=False)
    _assert_same_tables(out, clean)


def test_sigterm_commits_finished_events_and_ends_the_workers(
    corpus_dir: Path, clean: dict[str, pl.DataFrame], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    child = _start(corpus_dir, out, "event:4")
    _wait_for(child, "paused")
    workers = _children(child.pid)
    child.terminate()
    _wait_for(child, "finished interrupted=True")
    assert child.wait() == 0
    _kill(child)
    _assert_all_end(workers)
    kept = read_table(out, "outlets").collect()["event_id"].n_unique()
    assert kept >= 4  # committed on the way out, not lost
    again = run_corpus(corpus_dir, out=out, jobs=1, html=False)
    assert (again.skipped, again.done, again.notes) == (kept, 8 - kept, [])  # released cleanly
    _assert_same_tables(out, clean)


def test_a_second_run_on_the_same_folder_refuses_and_names_the_first(
    corpus_dir: Path, clean: dict[str, pl.DataFrame], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = _start(corpus_dir, out, "event:2")
    try:
        _wait_for(first, "paused")
        with pytest.raises(CorpusError, match=f"is in use by another outletdiff run \\(pid {first.pid} on "):
            run_corpus(corpus_dir, out=out, jobs=1, html=False)
        result = CliRunner().invoke(app, ["corpus", str(corpus_dir), "--out", str(out), "--no-html"])
        assert result.exit_code == 2
        assert result.stderr.startswith(
            f"Error: {out} is in use by another outletdiff run (pid {first.pid} on "
        )
        assert result.stderr.endswith("(wait for it to finish, or pass another --out)\n")
        assert result.stderr.count("\n") == 1
        assert list((out / "parts").glob("commit-*.json"))  # the first run's work is untouched
    finally:
        _kill(first)
    run_corpus(corpus_dir, out=out, jobs=1, html=False)
    _assert_same_tables(out, clean)


# --------------------------------------------------------------------------- messages


def test_out_naming_a_file_is_one_line(corpus_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("x", encoding="utf-8")
    for out in (target, target / "reports"):
        result = CliRunner().invoke(app, ["corpus", str(corpus_dir), "--out", str(out)])
        assert result.exit_code == 2
        assert result.stderr == (
            f"Error: --out {out}: {target} is a file, not a folder (pass a folder to --out)\n"
        )


def test_ctrl_c_while_reading_the_corpus(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*arguments: object, **options: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("outletdiff.corpus.run.discover", interrupted)
    result = CliRunner().invoke(app, ["corpus", str(corpus_dir), "--out", str(tmp_path / "r")])
    assert result.exit_code == 130
    assert result.stderr == (
        "Interrupted: events committed so far are kept; run the same command again to go on.\n"
    )


def test_ctrl_c_while_writing_the_tables_then_rerun(
    corpus_dir: Path, clean: dict[str, pl.DataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import outletdiff.corpus.output as output

    out = tmp_path / "r"
    write_table = output._write_table

    def interrupted(*arguments: object, **options: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "_write_table", interrupted)
    arguments = ["corpus", str(corpus_dir), "--out", str(out), "--jobs", "1", "--no-html"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 130
    assert result.stderr == (
        "Interrupted while writing the tables: every finished event is committed; "
        "run the same command again to write them.\n"
    )
    assert not (out / "findings").exists()
    monkeypatch.setattr(output, "_write_table", write_table)
    again = run_corpus(corpus_dir, out=out, jobs=1, html=False)
    assert (again.done, again.skipped) == (0, 8)
    _assert_same_tables(out, clean)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> object:
    """A 256 KB tmpfs (needs root, as in CI); skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    command = ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)]
    done = subprocess.run(command, capture_output=True)
    if done.returncode != 0:
        pytest.skip("mounting a small tmpfs is not allowed here")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_full_disk_is_one_line(corpus_dir: Path, tiny_disk: Path) -> None:
    out = tiny_disk / "reports"
    result = CliRunner().invoke(app, ["corpus", str(corpus_dir), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {out}: no space left on the device "
        "(free some space, then run the same command again: committed events are kept)\n"
    )
