"""Draw the framing rate of each outlet as a chart, for people who would rather look than read.

matplotlib is an optional extra (``pip install 'outletdiff[plot]'``); it is imported only
here, and only when a chart is asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from .errors import OutletdiffError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def plot_framing_rates(
    rates: pl.DataFrame, path: str | Path | None = None, *, title: str | None = None
) -> Figure:
    """A stacked bar chart of own-voice framing words per 1,000 words, by outlet and category.

    ``rates`` is :func:`outletdiff.stats.framing_rates` (columns outlet, category, per_1000).
    The figure is returned (Jupyter shows it); it is written to ``path`` only when one is
    given, in the format its suffix names: .png, .svg or .pdf. The figure is drawn on its own
    canvas, not through pyplot, so the caller's matplotlib backend and open figures are left
    as they were.
    """
    target = Path(path) if path is not None else None
    if target is not None and target.suffix.lower() not in PLOT_SUFFIXES:
        raise OutletdiffError(
            f"{target}: cannot tell the chart format", f"end the name with {', '.join(PLOT_SUFFIXES)}"
        )
    figure_class, canvas_class = _matplotlib()
    wide = (
        rates.pivot(on="category", index="outlet", values="per_1000", aggregate_function="sum")
        .fill_null(0.0)
        .with_columns(pl.sum_horizontal(pl.exclude("outlet")).alias("_total"))
        .sort("_total")
    )
    categories = sorted(c for c in wide.columns if c not in ("outlet", "_total"))
    outlets = wide["outlet"].to_list()
    figure = figure_class(figsize=(8, 1.2 + 0.45 * max(len(outlets), 1)))
    canvas_class(figure)
    axes = figure.subplots()
    left = [0.0] * len(outlets)
    for category in categories:
        values = wide[category].to_list()
        axes.barh(outlets, values, left=left, label=category.replace("_", " "))
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_xlabel("framing words per 1,000 words in the outlet's own voice")
    axes.set_title(title or "Framing rate per outlet")
    if categories:
        axes.legend(loc="lower right", fontsize="small", frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(target)
    return figure


def _matplotlib():  # type: ignore[no-untyped-def]
    """matplotlib's Figure and the Agg canvas (no backend is chosen), or a clear install hint."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as error:
        raise OutletdiffError(
            "--plot needs matplotlib, which is not installed", "pip install 'outletdiff[plot]'"
        ) from error
    return Figure, FigureCanvasAgg
