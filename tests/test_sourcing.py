"""The sourcing graph: exact nodes and edges on the bundled pair and three small outlets, and its SVG."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from functools import cache
from html import escape
from pathlib import Path

from outletdiff.load import document_from_text, load_path
from outletdiff.model import Comparison, SourceNode, SourcingGraph
from outletdiff.pipeline import compare
from outletdiff.render.graph import to_svg
from outletdiff.render.json import to_dict

ROOT = Path(__file__).resolve().parents[1]


@cache
def bundled() -> Comparison:
    return compare(
        [
            load_path(ROOT / "corpus/putin-talks/outlet-a.txt"),
            load_path(ROOT / "corpus/putin-talks/radaronline.txt"),
        ]
    )


def three_outlets() -> Comparison:
    texts = {
        "Ledger": "The mayor will resign on Friday, according to Reuters.\n\nThe council met on Monday.",
        "Courier": (
            "The mayor will resign on Friday, Reuters reported, citing two council officials.\n\n"
            "The council met on Monday."
        ),
        "Daily Planet": (
            "The mayor will resign on Friday, the Daily Planet has learned.\n\n"
            "Mayor Jane Hollis said the council met on Monday."
        ),
    }
    return compare([replace(document_from_text(text), outlet=outlet) for outlet, text in texts.items()])


def edges(graph: SourcingGraph) -> dict[str, tuple[tuple[int, int], ...]]:
    return {graph.label(edge): edge.sentences for edge in graph.edges}


def test_bundled_pair_nodes() -> None:
    graph = bundled().sourcing
    assert [(node.kind, node.name, depth) for node, depth in zip(graph.nodes, graph.depth, strict=True)] == [
        ("compared", "outlet-a", 0),
        ("compared", "RadarOnline.com", 0),
        ("institution", "Kremlin", 1),
        ("outlet", "Bloomberg", 1),
        ("outlet", "Reuters", 1),
        ("anonymous", "Report", 1),
        ("anonymous", "reportedly", 1),
        ("outlet", "Daily Mail", 1),
        ("person", "Antony Blinken", 1),
        ("anonymous", "sources", 1),
        ("anonymous", "A Kremlin spokesperson", 2),
        ("anonymous", "two people with close links to the Kremlin", 2),
        ("anonymous", "US officials", 2),
        ("person", "Adrienne Watson", 2),
        ("person", "Dmitry Peskov", 2),
        ("person", "Vladimir Putin", 2),
        ("anonymous", "two Kremlin insiders", 2),
        ("anonymous", "U.S. officials", 2),
    ]
    assert graph.nodes[0] == SourceNode("compared", "outlet-a", 0)


def test_bundled_pair_edges() -> None:
    assert edges(bundled().sourcing) == {
        "outlet-a <- Kremlin": ((0, 0), (0, 1)),
        "outlet-a <- Bloomberg": ((0, 2), (0, 4), (0, 5), (0, 6), (0, 7), (0, 8), (0, 9), (0, 12)),
        "outlet-a <- Reuters": ((0, 3), (0, 16)),
        "outlet-a <- Dmitry Peskov": ((0, 10), (0, 11), (0, 15)),
        "RadarOnline.com <- Report": ((1, 0),),
        "RadarOnline.com <- reportedly": ((1, 2), (1, 9), (1, 18)),
        "RadarOnline.com <- Daily Mail": ((1, 3), (1, 4)),
        "RadarOnline.com <- Antony Blinken": ((1, 10), (1, 11), (1, 12)),
        "RadarOnline.com <- sources": ((1, 17),),
        "RadarOnline.com <- Dmitry Peskov": ((1, 5), (1, 6), (1, 7), (1, 8), (1, 19), (1, 20), (1, 21)),
        "RadarOnline.com <- Vladimir Putin": ((1, 16),),
        "Bloomberg <- two people with close links to the Kremlin": ((0, 5), (0, 6)),
        "Bloomberg <- US officials": ((0, 7),),
        "Bloomberg <- Adrienne Watson": ((0, 8), (0, 9)),
        "Bloomberg <- Dmitry Peskov": ((0, 12),),
        "Reuters <- A Kremlin spokesperson": ((0, 3),),
        "Reuters <- Vladimir Putin": ((0, 16),),
        "reportedly <- U.S. officials": ((1, 9),),
        "Daily Mail <- two Kremlin insiders": ((1, 3), (1, 4)),
    }


def test_the_same_claim_through_different_intermediaries() -> None:
    graph = bundled().sourcing
    by_label = {graph.label(edge): edge for edge in graph.edges}
    insiders = by_label["Daily Mail <- two Kremlin insiders"]
    close_links = by_label["Bloomberg <- two people with close links to the Kremlin"]
    assert insiders.claims == close_links.claims
    claim = graph.claims[insiders.claims[0]]
    assert claim.sentences == ((0, 5), (1, 3))
    assert claim.text.startswith("The report, cites two people with close links to the Kremlin")
    denial = by_label["outlet-a <- Reuters"]
    assert graph.claims[denial.claims[0]].text.startswith("A Kremlin spokesperson has denied a report")


def test_three_outlets() -> None:
    graph = three_outlets().sourcing
    assert [(node.kind, node.name, node.doc) for node in graph.nodes] == [
        ("compared", "Ledger", 0),
        ("compared", "Courier", 1),
        ("compared", "Daily Planet", 2),
        ("outlet", "Reuters", None),
        ("person", "Jane Hollis", None),
        ("anonymous", "two council officials", None),
    ]
    assert graph.depth == (0, 0, 0, 1, 1, 2)
    assert edges(graph) == {
        "Ledger <- Reuters": ((0, 0),),
        "Courier <- Reuters": ((1, 0),),
        "Daily Planet <- Jane Hollis": ((2, 1),),
        "Reuters <- two council officials": ((1, 0),),
    }
    # One claim the three carry: two credit Reuters, the Daily Planet only itself ("has learned").
    assert graph.claims[0].sentences == ((0, 0), (1, 0), (2, 0))
    assert {edge.claims for edge in graph.edges if graph.nodes[edge.target].name == "Reuters"} == {(0,)}


def test_json_sourcing_key() -> None:
    data = json.loads(json.dumps(to_dict(bundled())))
    assert data["schema_version"] == 2
    sourcing = data["sourcing"]
    assert [node["name"] for node in sourcing["nodes"]][:3] == ["outlet-a", "RadarOnline.com", "Kremlin"]
    edge = next(e for e in sourcing["edges"] if e["label"] == "RadarOnline.com <- Daily Mail")
    assert edge["sentences"] == ["1:3", "1:4"]
    assert sourcing["claims"][edge["claims"][0]]["sentences"] == ["0:5", "1:3"]
    assert list(data)[-1] == "sourcing"


def test_svg_parses_names_every_node_escaped_and_is_stable() -> None:
    graph = bundled().sourcing
    tricky = replace(graph, nodes=(*graph.nodes[:-1], SourceNode("anonymous", 'aides <"R&D"> & co')))
    svg = to_svg(tricky)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = [element.text for element in root.iter("{http://www.w3.org/2000/svg}text")]
    for node in tricky.nodes:
        assert node.name in texts
        assert f">{escape(node.name)}</text>" in svg
    assert "<script" not in svg
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path[@class='credit']")) == len(graph.edges)
    assert to_svg(bundled().sourcing) == to_svg(compare(bundled().documents).sourcing)


def test_svg_layers_outlets_left_of_their_sources() -> None:
    graph = bundled().sourcing
    root = ET.fromstring(to_svg(graph))
    x = {
        group.find("{http://www.w3.org/2000/svg}text").text: float(  # type: ignore[union-attr]
            group.find("{http://www.w3.org/2000/svg}rect").get("x", "0")  # type: ignore[union-attr]
        )
        for group in root.iter("{http://www.w3.org/2000/svg}g")
    }
    assert (
        x["outlet-a"] == x["RadarOnline.com"] < x["Daily Mail"] == x["Bloomberg"] < x["two Kremlin insiders"]
    )


def test_empty_graph_svg() -> None:
    svg = to_svg(SourcingGraph())
    ET.fromstring(svg)
    assert "No outlet credits a source." in svg
