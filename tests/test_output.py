"""Output paths of every kind: nothing but a regular file is ever replaced, every failure is one line.

Device nodes are made with ``mknod`` in a temporary folder (the tests run as root in CI; they
skip elsewhere), never taken from ``/dev`` itself.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outletdiff import cli
from outletdiff.atomic import own_descriptor, write_output
from outletdiff.cli import app
from outletdiff.errors import InputError, OutputError

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()
FIRST = (
    "Bridge closed after storm\n"
    "The harbor bridge closed on Monday after a storm damaged two cables.\n"
    "Engineers said repairs would take three weeks.\n"
)
SECOND = (
    "Storm shuts bridge\n"
    "The harbor bridge closed on Monday after a violent storm damaged two cables.\n"
    "Ferries will run every 20 minutes until it reopens.\n"
)


@pytest.fixture
def pair(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in (("ledger.txt", FIRST), ("buzz.txt", SECOND)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def make_node(path: Path, kind: int, major: int, minor: int) -> None:
    try:
        os.mknod(path, kind | 0o666, os.makedev(major, minor))
    except PermissionError:
        pytest.skip("mknod needs root")


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_a_character_device_is_written_to_not_replaced(tmp_path: Path, pair: list[str]) -> None:
    null = tmp_path / "null"
    make_node(null, stat.S_IFCHR, 1, 3)  # the null device, in our own folder
    result = runner.invoke(app, ["compare", *pair, "-q", "--json", str(null), "--html", str(null)])
    assert result.exception is None and result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert leftovers(tmp_path) == []


def test_a_full_device_is_one_line_exit_2(tmp_path: Path, pair: list[str]) -> None:
    full = tmp_path / "full"
    make_node(full, stat.S_IFCHR, 1, 7)  # like /dev/full: every write fails with ENOSPC
    result = runner.invoke(app, ["compare", *pair, "-q", "--json", str(full)])
    assert result.exit_code == 2 and not isinstance(result.exception, OutputError | OSError)
    assert result.output == f"Error: {full}: cannot write (No space left on device) " + (
        "(the disk is full; free some space or write elsewhere)\n"
    )
    assert stat.S_ISCHR(full.lstat().st_mode)


def test_a_block_device_is_refused(tmp_path: Path, pair: list[str]) -> None:
    disk = tmp_path / "disk"
    make_node(disk, stat.S_IFBLK, 7, 0)  # never opened: refused by its kind
    result = runner.invoke(app, ["compare", *pair, "-q", "--json", str(disk)])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {disk}: is a block device (a disk)")
    assert stat.S_ISBLK(disk.lstat().st_mode)


def test_a_fifo_is_written_as_a_stream(tmp_path: Path, pair: list[str]) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(app, ["compare", *pair, "-q", "--json", str(fifo)])
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert json.loads(received[0])["schema_version"] == 2
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_symlink_stays_and_its_target_is_written(tmp_path: Path, pair: list[str]) -> None:
    target = tmp_path / "reports" / "real.json"
    target.parent.mkdir()
    target.write_text("old")
    link, dangling = tmp_path / "link.json", tmp_path / "dangling.html"
    link.symlink_to(target)
    dangling.symlink_to(tmp_path / "reports" / "new.html")
    result = runner.invoke(app, ["compare", *pair, "-q", "--json", str(link), "--html", str(dangling)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and dangling.is_symlink()
    assert json.loads(target.read_text())["schema_version"] == 2
    assert (tmp_path / "reports" / "new.html").read_text().startswith("<!DOCTYPE html>")
    assert leftovers(tmp_path) == []


def test_dev_stdout_is_standard_output_not_a_file_to_replace(pair: list[str]) -> None:
    result = runner.invoke(app, ["compare", *pair, "--json", "/dev/stdout"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["schema_version"] == 2  # and no terminal report after it
    both = runner.invoke(app, ["compare", *pair, "--json", "/dev/fd/1", "--html", "-"])
    assert both.exit_code == 2 and both.output.startswith("Error: --json - and --html - cannot both")


@pytest.mark.parametrize(
    ("name", "descriptor"),
    [("-", 1), ("/dev/stdout", 1), ("/dev/stderr", 2), ("/dev/fd/5", 5), ("/proc/self/fd/1", 1),
     ("/dev//stdout", 1), ("/dev/null", None), ("stdout", None), ("/dev/fd/x", None)],
)  # fmt: skip
def test_own_descriptor_names(name: str, descriptor: int | None) -> None:
    assert own_descriptor(name) == descriptor


def test_a_folder_and_a_file_as_parent_are_one_line_errors(tmp_path: Path, pair: list[str]) -> None:
    (tmp_path / "plain").write_text("x")
    for path, reason in (
        (tmp_path, "Is a directory"),
        (tmp_path / "plain" / "r.html", "Not a directory"),
        (tmp_path / "plain" / "deeper" / "r.html", "Not a directory"),
    ):
        result = runner.invoke(app, ["compare", *pair, "-q", "--html", str(path)])
        assert result.exit_code == 2, (path, result.output)
        assert result.output.startswith(f"Error: {path}: cannot write ({reason})")
        assert result.output.count("\n") == 1
    assert leftovers(tmp_path) == []


def test_no_permission_is_one_line(tmp_path: Path, pair: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # Root ignores file modes, so the refusal a read-only folder gives is simulated.
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    result = runner.invoke(app, ["compare", *pair, "-q", "--json", str(tmp_path / "r.json")])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {tmp_path / 'r.json'}: cannot write (Permission denied) "
        "(no permission to write there; choose another folder)\n"
    )


def test_a_full_disk_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, pair: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.json"
    target.write_text("previous report")
    real_write = Path.write_bytes

    def half_then_full(self: Path, data: bytes) -> int:
        real_write(self, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", half_then_full)
    result = runner.invoke(app, ["compare", *pair, "-q", "--json", str(target)])
    assert result.exit_code == 2
    assert "cannot write (No space left on device) (the disk is full" in result.output
    assert target.read_text() == "previous report"
    assert leftovers(tmp_path) == []


def test_a_symlink_loop_as_output_is_one_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    with pytest.raises(OutputError, match="loop of symbolic links"):
        write_output(loop, "{}")


def test_a_closed_pipe_ends_quietly() -> None:
    """``outletdiff compare ... | head``: the reader is gone before the report; no traceback, 141."""
    files = [str(REPO / "corpus" / "putin-talks" / name) for name in ("outlet-a.txt", "radaronline.txt")]
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    for extra in ([], ["--json", "-"]):
        process = subprocess.Popen(
            [sys.executable, "-m", "outletdiff", "compare", *files, *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # like head exiting before anything is printed
        error = process.stderr.read().decode()
        process.stderr.close()
        process.wait()
        assert (process.returncode, error) == (cli.EXIT_BROKEN_PIPE, ""), extra


def test_main_never_lets_an_outletdiff_error_become_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def escaping() -> None:
        raise InputError("bad \x1b[2J thing", "do this")

    monkeypatch.setattr(cli, "app", escaping)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 2
    assert capsys.readouterr().err == "Error: bad \\x1b[2J thing (do this)\n"
