"""Compare many events at once: discover, validate, run in parallel, write resumable tables.

One module per job: :mod:`.discovery` finds and checks events (:mod:`.pile` and
:mod:`.grouping` find them in an unsorted pile), :mod:`.work` is the pure per-event function,
:mod:`.pool` runs it in worker processes and :mod:`.cluster` on a Dask cluster, :mod:`.lock`
keeps one run per output folder, :mod:`.store` commits finished events, :mod:`.output` writes
the tables from the commits, :mod:`.run` ties them together. The index page is rendered by
:mod:`outletdiff.render.index`; tables are read back by :mod:`outletdiff.tables`.
"""

from ..render.index import report_name, write_index
from ..tables import TABLES, Format, event_table, read_table
from .discovery import MANIFEST_SUFFIXES, Article, Discovery, EventSpec, discover
from .run import CorpusResult, run_corpus
from .store import PartStore
from .work import Event, EventRows, event_rows, html_available, load_event, rows_of

__all__ = [
    "MANIFEST_SUFFIXES",
    "TABLES",
    "Article",
    "CorpusResult",
    "Discovery",
    "Event",
    "EventRows",
    "EventSpec",
    "Format",
    "PartStore",
    "discover",
    "event_rows",
    "event_table",
    "html_available",
    "load_event",
    "read_table",
    "report_name",
    "rows_of",
    "run_corpus",
    "write_index",
]
