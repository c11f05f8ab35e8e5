"""Run the per-event work in a pool of local worker processes, outcomes in completion order.

Workers must never outlive the run: a worker left behind by ``kill -9`` holds ~200 MB and
keeps computing for nobody. Each worker asks the kernel to kill it when its parent dies
(``PR_SET_PDEATHSIG`` on Linux) and, as a backstop that works everywhere, a thread in the
worker checks once a second that its parent is still the process that started it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Generator, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from .work import Outcome, Task, work

_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 1.0


def jobs_or_cores(jobs: int | None) -> int:
    """The number of workers: ``jobs``, or every core."""
    return max(1, jobs if jobs else (os.cpu_count() or 1))


def local_outcomes(tasks: Iterable[Task], *, jobs: int, count: int) -> Generator[Outcome, None, None]:
    """Outcomes in completion order; a bounded window of tasks keeps memory flat."""
    if jobs == 1 or count <= 1:
        for task in tasks:
            yield work(task)
        return
    window = jobs * 4
    pending: set[Future[Outcome]] = set()
    iterator = iter(tasks)
    # spawn, not fork: forking a process that runs polars' thread pool can deadlock.
    executor = ProcessPoolExecutor(
        max_workers=min(jobs, count),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=start_worker,
        initargs=(os.getpid(),),
    )
    try:
        for task in iterator:
            pending.add(executor.submit(work, task))
            if len(pending) >= window:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in finished)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in finished)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def start_worker(parent: int) -> None:
    """Set up a worker: Ctrl-C is the parent's to handle, and the worker dies with its parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


def die_with_parent(parent: int) -> None:
    """End this process as soon as ``parent`` is gone, however it ended (``kill -9`` included)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl (another libc): the watching thread below still ends the worker
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="outletdiff-watch").start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(_WATCH_SECONDS)
        if os.getppid() != parent:
            os._exit(1)
