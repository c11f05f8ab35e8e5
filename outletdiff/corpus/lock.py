"""One run per output folder: a lock that names its holder and dies with it.

Two runs writing the same folder would each commit the same events (every row twice), and a
run that clears the folder would wipe the other's parts. The lock is an ``flock`` on a file
in the folder: the kernel drops it when the holding process ends in any way, ``kill -9``
included, so a lock left by a dead run is simply taken over; the file also records who holds
it (pid, host, start time, command), so a refused run can say which process to wait for.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from ..errors import CorpusError

LOCK_NAME = ".outletdiff.lock"


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) a lock: enough to find the process and judge whether to wait."""

    pid: int
    host: str
    started: float
    command: str

    def describe(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.started))
        return f"pid {self.pid} on {self.host}, started {when}: {self.command}"


class OutputLock:
    """Hold the lock of ``out`` for a ``with`` block; raise ``CorpusError`` if another run has it.

    ``stale`` is the holder recorded by a run that died without releasing the lock (its lock
    is taken over), else None.
    """

    def __init__(self, out: Path) -> None:
        self.path = out / LOCK_NAME
        self.stale: Holder | None = None
        self._fd: int | None = None

    def __enter__(self) -> OutputLock:
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            who = holder.describe() if holder else "a process that has not yet written its name"
            raise CorpusError(
                f"{self.path.parent} is in use by another outletdiff run ({who})",
                hint="wait for it to finish, or pass another --out",
            ) from None
        self.stale = _read_holder(fd)
        me = Holder(os.getpid(), socket.gethostname(), time.time(), " ".join(sys.argv) or "python")
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(me.__dict__).encode("utf-8"), 0)
        os.fsync(fd)
        self._fd = fd
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Empty the file before unlocking, so the next run does not report a stale holder."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):  # a full or read-only disk must not hide the run's own error
            os.ftruncate(self._fd, 0)
        os.close(self._fd)  # closing releases the flock
        self._fd = None


def _read_holder(fd: int) -> Holder | None:
    try:
        record = json.loads(os.pread(fd, 4096, 0).decode("utf-8"))
        return Holder(
            int(record["pid"]), str(record["host"]), float(record["started"]), str(record["command"])
        )
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
