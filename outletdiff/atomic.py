"""Write output files safely: atomically over regular files, never renamed over anything else.

A report is written to a temporary file beside its target and renamed into place, so a crash
or Ctrl-C never leaves half a report behind. A rename replaces whatever the name pointed at,
though, and a user (often root in a container) may name a device, a FIFO or a symlink:
``--json /dev/null`` must not turn ``/dev/null`` into a regular file. So the kind of the
target decides: a new path or a regular file is replaced atomically, a symlink is followed
and its target replaced, and a character device, FIFO or ``/dev/stdout`` is written to
directly. A block device (a disk) is refused: writing a report over it would destroy it.
Every operating-system error becomes an ``OutputError`` with a hint, never a traceback; a
reader that went away (``| head``) is the one exception, left as ``BrokenPipeError`` for the
CLI to end quietly.

``durable=True`` also flushes the file and its folder to disk (fsync) before returning, for
files whose existence is a promise (a corpus commit says its parts are complete): after a
power cut they are either fully there or not there at all.

A folder of files that readers take as one whole (a Parquet dataset) is filled beside its
target and swapped in by :func:`atomic_folder`, so a reader sees all the old files or all the
new ones, never a mix (which would show rows twice or lose some).
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

# What to tell the user for the errors an output path commonly meets.
_HINTS = {
    errno.EACCES: "no permission to write there; choose another folder",
    errno.EPERM: "no permission to write there; choose another folder",
    errno.EROFS: "the file system is read-only; choose another folder",
    errno.ENOSPC: "the disk is full; free some space or write elsewhere",
    errno.EDQUOT: "the disk quota is used up; free some space or write elsewhere",
    errno.EISDIR: "it is a folder; give a file name inside it",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ELOOP: "the path is a loop of symbolic links",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EEXIST: "a part of the path is a file, not a folder",
}
# Names of this process's own descriptors: /dev/stdout, /dev/fd/3, /proc/self/fd/1.
_DESCRIPTOR = re.compile(r"/dev/(?:(?P<std>stdin|stdout|stderr)|fd/(?P<fd>\d+))|/proc/self/fd/(?P<proc>\d+)")
_STANDARD = {"stdin": 0, "stdout": 1, "stderr": 2}


@contextmanager
def atomic_path(path: str | Path, *, durable: bool = False) -> Iterator[Path]:
    """A temporary file beside ``path`` for the block to write; renamed into place when the
    block ends, removed when it fails. For writers that want a path (Parquet, Arrow).

    ``path`` must be a regular file or a new name: callers that accept any user path go
    through :func:`write_output`, which decides first.
    """
    target = Path(path)
    temporary: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(handle)
        yield Path(temporary)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a report is for sharing
        if durable:
            _fsync(temporary)
        os.replace(temporary, target)
        if durable:
            _fsync(target.parent)
    except OSError as error:
        raise output_error(target, error) from error
    finally:
        if temporary is not None and os.path.lexists(temporary):
            Path(temporary).unlink(missing_ok=True)


@contextmanager
def atomic_folder(path: str | Path) -> Iterator[Path]:
    """A hidden temporary folder beside ``path`` for the block to fill; when the block ends its
    files and the folder are flushed to disk and it replaces ``path`` whole. Removed when the
    block fails. Leftovers of a crash are named ``.<name>.<random>.tmp``.

    On Linux the two folders are exchanged in one step (``renameat2``); elsewhere the old
    folder is renamed aside first, so for an instant ``path`` is missing, never mixed.
    """
    target = Path(path)
    temporary: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        yield Path(temporary)
        os.chmod(temporary, 0o777 & ~_umask())  # mkdtemp makes it private; a report is for sharing
        for file in Path(temporary).iterdir():
            _fsync(file)
        _fsync(temporary)
        if not target.exists():
            os.rename(temporary, target)
        elif _exchange(temporary, target):
            pass  # ``temporary`` now holds the old files, removed below
        else:
            aside = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            os.rename(target, Path(aside) / target.name)
            os.rename(temporary, target)
            shutil.rmtree(aside)
        _fsync(target.parent)
    except OSError as error:
        raise output_error(target, error) from error
    finally:
        if temporary is not None and os.path.lexists(temporary):
            shutil.rmtree(temporary, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: str | Path, second: str | Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2``); False where that is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False  # an older C library
    done = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if done == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # a file system or kernel without exchange
    raise OSError(number, os.strerror(number), str(second))


def write_atomic(path: str | Path, data: str | bytes, *, durable: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    with atomic_path(path, durable=durable) as temporary:
        temporary.write_bytes(_bytes(data))


def write_output(path: str | Path, data: str | bytes) -> None:
    """Write a user-named output: atomically when it is (or will be) a regular file, directly
    when it is a device or FIFO, through to the target when it is a symlink."""
    descriptor = own_descriptor(path)
    if descriptor is not None:
        _write_descriptor(descriptor, _bytes(data))
        return
    target = Path(path)
    try:
        info = os.stat(target)  # follows symlinks, including /dev/stdout's /proc magic links
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise output_error(target, error) from error
    if info is None:
        # A new name, or a dangling symlink: create what it names, keeping the link.
        write_atomic(os.path.realpath(target) if target.is_symlink() else target, data)
    elif stat.S_ISREG(info.st_mode):
        write_atomic(os.path.realpath(target), data)
    elif stat.S_ISDIR(info.st_mode):
        raise output_error(target, OSError(errno.EISDIR, os.strerror(errno.EISDIR)))
    elif stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        _write_directly(target, _bytes(data))
    elif stat.S_ISBLK(info.st_mode):
        raise OutputError(f"{target}: is a block device (a disk)", "write the report to a regular file")
    else:
        raise OutputError(f"{target}: is a socket or another special file", "write to a regular file")


def own_descriptor(path: str | Path) -> int | None:
    """The descriptor ``path`` names in this process (``-`` and ``/dev/stdout`` are 1), else None.

    Such a name is where the shell already pointed the stream (``> out.json``, ``>> log``,
    ``| less``): it is written through the open descriptor, so its position and append mode
    hold, and a redirected file is never replaced behind the shell's back.
    """
    name = str(path)
    if name == "-":
        return 1
    match = _DESCRIPTOR.fullmatch(os.path.normpath(name)) if name.startswith("/") else None
    if match is None:
        return None
    if match["std"]:
        return _STANDARD[match["std"]]
    return int(match["fd"] or match["proc"])


def _write_descriptor(descriptor: int, data: bytes) -> None:
    """Write through an open descriptor; stdout and stderr through Python's streams, in order."""
    stream = {1: sys.stdout, 2: sys.stderr}.get(descriptor)
    try:
        if stream is None:
            _write_all(descriptor, data)
            return
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            buffer.write(data)
        else:  # a text-only stream (a test's capture)
            stream.write(data.decode("utf-8"))
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        name = {0: "<stdin>", 1: "<stdout>", 2: "<stderr>"}.get(descriptor, f"/dev/fd/{descriptor}")
        raise output_error(Path(name), error) from error


def _write_directly(target: Path, data: bytes) -> None:
    """A device or FIFO takes the bytes as a stream; it is never truncated, renamed or replaced."""
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_NOCTTY)
        try:
            _write_all(descriptor, data)
        finally:
            os.close(descriptor)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise output_error(target, error) from error


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def output_error(target: Path, error: OSError) -> OutputError:
    """One line for the user: which path, what went wrong, what to do."""
    reason = error.strerror or str(error)
    return OutputError(f"{target}: cannot write ({reason})", _HINTS.get(error.errno or 0, "check the path"))


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


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
