"""Write output files atomically, so a crash or Ctrl-C never leaves half a report behind.

``durable=True`` also flushes the file and its folder to disk (fsync) before returning, for
files whose existence is a promise (a corpus commit says its parts are complete): after a
power cut they are either fully there or not there at all.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(path: str | Path, *, durable: bool = False) -> Iterator[Path]:
    """A temporary file beside ``path`` for the block to write; renamed into place when the
    block ends, removed when it fails. For writers that want a path (Parquet, Arrow)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a report is for sharing
        if durable:
            _fsync(temporary)
        os.replace(temporary, target)
        if durable:
            _fsync(target.parent)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, data: str | bytes, *, durable: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    with atomic_path(path, durable=durable) as temporary:
        temporary.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync(path: str | Path) -> None:
    """Flush a file's or a folder's contents to disk (a folder's, so a rename survives a power cut)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
