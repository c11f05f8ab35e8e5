"""Run the per-event work in a pool of local worker processes, outcomes in completion order."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Generator, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from .work import Outcome, Task, work


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
        initializer=ignore_sigint,
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


def ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool and keeps finished events."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
