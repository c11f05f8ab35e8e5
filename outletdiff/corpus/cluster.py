"""Run the per-event work on a Dask distributed cluster: a scheduler address, or ``local``.

The parent keeps every job it has on one machine: it discovers, skips committed events,
commits, compacts and draws the progress bar, so a cluster run is resumable and writes the
same tables as a local one. Only the pure per-event function travels to the workers, which
need ``outletdiff`` installed (the same version) and read the articles from their paths, so
the corpus must sit on storage every worker sees (or travel as text in a manifest).
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from itertools import islice

from ..errors import CorpusError
from .work import Outcome, Task, work

INSTALL_HINT = "pip install 'outletdiff[dask]'"


def dask_outcomes(
    tasks: Iterable[Task], *, address: str, jobs: int, count: int
) -> Generator[Outcome, None, None]:
    """Outcomes in completion order from a cluster; a bounded window of tasks keeps memory flat.

    ``address`` is a scheduler address (``tcp://host:8786``) or ``local`` for a LocalCluster
    of ``jobs`` single-threaded worker processes on this machine.
    """
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise CorpusError(
            "--dask needs Dask distributed, which is not installed", hint=INSTALL_HINT
        ) from None
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(
                n_workers=max(1, min(jobs, count)),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            client = Client(cluster)
        else:
            client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise CorpusError(
            f"cannot reach the Dask scheduler at {address} ({error})",
            hint="check the address (tcp://host:8786), or pass --dask local",
        ) from None
    try:
        threads = sum(client.nthreads().values()) or 1
        iterator = iter(tasks)
        pending = as_completed(
            [client.submit(work, task, pure=False) for task in islice(iterator, 4 * threads)]
        )
        for future in pending:
            outcome = future.result()
            future.release()
            following = next(iterator, None)
            if following is not None:
                pending.add(client.submit(work, following, pure=False))
            yield outcome
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
