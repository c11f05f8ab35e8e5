"""The corpus index page: the events of a report folder, most different first, with links.

Renders rows that :func:`outletdiff.tables.event_table` computes; decides nothing itself.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..atomic import write_atomic
from ..tables import Format, event_table, table_files

_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


def report_name(event_id: str) -> str:
    """A file name for an event's HTML report that is safe and unique even for odd ids."""
    slug = _SLUG.sub("-", event_id).strip("-.")[:80] or "event"
    if slug != event_id:
        slug += "-" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:8]
    return f"{slug}.html"


def write_index(out: str | Path, *, fmt: Format = "parquet", limit: int = 5000) -> Path:
    """Write ``index.html``: the events ordered by how much the outlets differ, with links."""
    import jinja2

    folder = Path(out)
    events = event_table(folder)
    rows = [
        {**row, "report": name if (folder / "events" / name).exists() else None}
        for row in events.head(limit).iter_rows(named=True)
        for name in [report_name(row["event_id"])]
    ]
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("outletdiff", "render/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    page = environment.get_template("corpus_index.html.j2").render(
        rows=rows, total=events.height, shown=len(rows), files=table_files(fmt)
    )
    target = folder / "index.html"
    write_atomic(target, page)
    return target
