"""The sourcing graph as inline SVG: who credits whom, drawn in layers, readable without script.

The compared outlets stand in the left column and the sources they cite to the right, one
column per chain depth, so "RadarOnline.com <- Daily Mail <- two Kremlin insiders" reads left
to right. A pure function of the graph: the same graph gives the same bytes, every name is
escaped, and hovering an edge shows the sentences it stands on (an SVG ``<title>``).
"""

from __future__ import annotations

from html import escape

from ..model import SourcingGraph

_CHAR = 7.0  # approximate width of one character at the label's font size
_PAD = 10
_ROW = 34
_BOX = 24
_GAP = 80
_TOP = 28
_COLOURS = {
    "compared": "#1f4e79",
    "outlet": "#2e75b6",
    "person": "#548235",
    "institution": "#7f6000",
    "anonymous": "#7f7f7f",
}
_KIND_NAMES = {
    "compared": "compared outlet",
    "outlet": "cited outlet",
    "person": "person",
    "institution": "institution",
    "anonymous": "unnamed source",
}


def to_svg(graph: SourcingGraph, *, title: str = "Sourcing: who credits whom") -> str:
    """An ``<svg>`` element (no XML declaration, ready to inline in HTML) drawing ``graph``.

    An empty graph gives a small SVG saying no outlet credits a source.
    """
    columns: dict[int, list[int]] = {}
    for node, depth in enumerate(graph.depth):
        columns.setdefault(depth, []).append(node)
    widths = {
        depth: max(_CHAR * len(graph.nodes[n].name) for n in members) + 2 * _PAD
        for depth, members in columns.items()
    }
    x_of: dict[int, float] = {}
    x = float(_PAD)
    for depth in sorted(columns):
        x_of[depth] = x
        x += widths[depth] + _GAP
    place: dict[int, tuple[float, float, float]] = {}
    for depth, members in columns.items():
        for row, node in enumerate(members):
            place[node] = (x_of[depth], _TOP + row * _ROW, widths[depth])
    rows = max((len(members) for members in columns.values()), default=0)
    width = max(x - _GAP + _PAD, 360.0)
    height = _TOP + max(rows, 1) * _ROW + _ROW
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sourcing-graph" role="img"'
        f' width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}"'
        f' aria-label="{escape(title)}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="sourcing-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7"'
        ' markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#595959"/>'
        "</marker></defs>",
    ]
    if not graph.nodes:
        parts.append(f'<text x="{_PAD}" y="{_TOP}">No outlet credits a source.</text></svg>')
        return "".join(parts)
    for edge in graph.edges:
        x1, y1, w1 = place[edge.source]
        x2, y2, _ = place[edge.target]
        start_x, start_y = x1 + w1, y1 + _BOX / 2
        end_x, end_y = x2, y2 + _BOX / 2
        bend = (start_x + end_x) / 2
        if end_x <= start_x:  # a compared outlet citing another: loop round to its left side
            start_x = x1
            bend = min(start_x, end_x) - _GAP / 2
        path = _curve(start_x, start_y, bend, end_x, end_y)
        count = len(edge.sentences)
        where = f"{count} sentence{'s' if count != 1 else ''}"
        claims = " | ".join(graph.claims[claim].text for claim in edge.claims)
        tip = f"{graph.label(edge)}: {where}. {claims}"
        parts.append(
            f'<path class="credit" d="{path}" fill="none" stroke="#595959" stroke-width="1.2"'
            f' marker-end="url(#sourcing-arrow)"><title>{escape(tip)}</title></path>'
        )
    for node, (x1, y1, w1) in place.items():
        item = graph.nodes[node]
        colour = _COLOURS[item.kind]
        dash = ' stroke-dasharray="4 3"' if item.kind == "anonymous" else ""
        parts.append(
            f'<g class="node node-{item.kind}"><title>{escape(item.name)} ({_KIND_NAMES[item.kind]})</title>'
            f'<rect x="{x1:.1f}" y="{y1:.1f}" width="{w1:.1f}" height="{_BOX}" rx="4" fill="#ffffff"'
            f' stroke="{colour}" stroke-width="1.5"{dash}/>'
            f'<text x="{x1 + _PAD:.1f}" y="{y1 + _BOX / 2 + 4:.1f}" fill="{colour}">'
            f"{escape(item.name)}</text></g>"
        )
    legend_y = height - _ROW / 2
    legend_x = float(_PAD)
    for kind in ("compared", "outlet", "person", "institution", "anonymous"):
        parts.append(
            f'<text x="{legend_x:.1f}" y="{legend_y:.1f}" fill="{_COLOURS[kind]}">'
            f"&#9632; {_KIND_NAMES[kind]}</text>"
        )
        legend_x += _CHAR * (len(_KIND_NAMES[kind]) + 4)
    parts.append("</svg>")
    return "".join(parts)


def _curve(start_x: float, start_y: float, bend: float, end_x: float, end_y: float) -> str:
    """A cubic path from one box's side to another's, bending at ``bend`` (an x position)."""
    return (
        f"M{start_x:.1f},{start_y:.1f} C{bend:.1f},{start_y:.1f} {bend:.1f},{end_y:.1f}"
        f" {end_x:.1f},{end_y:.1f}"
    )
