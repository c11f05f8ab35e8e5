"""The whole ``Comparison`` as JSON: a documented, versioned, stably ordered format.

Sentences and links are referenced by id ``"<doc>:<index>"``; every span is a pair of
character offsets into the document text exactly as read from its file (the text itself is
included, so a consumer can slice it). Bump ``SCHEMA_VERSION`` on any incompatible change.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..model import Alignment, Comparison, Link, SourcingGraph

SCHEMA_VERSION = 2


def to_dict(comparison: Comparison) -> dict[str, Any]:
    """Plain data (dicts, lists, strings, numbers) for ``json.dumps`` or any other serialiser."""
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": [
            {
                "doc": doc,
                "outlet": document.outlet,
                "source": document.source,
                "title": document.title,
                "date": document.date,
                "blocks": [dataclasses.asdict(block) for block in document.blocks],
                "text": document.text,
            }
            for doc, document in enumerate(comparison.documents)
        ],
        "sentences": [
            {"id": s.id, **dataclasses.asdict(s)}
            for doc_sentences in comparison.sentences
            for s in doc_sentences
        ],
        "alignments": [_alignment(alignment) for alignment in comparison.alignments],
        "quotes": [dataclasses.asdict(quote) for quote in comparison.quotes],
        "attributions": [
            {**dataclasses.asdict(attribution), "label": attribution.label}
            for attribution in comparison.attributions
        ],
        "framing": [dataclasses.asdict(hit) for hit in comparison.framing],
        "facts": [dataclasses.asdict(fact) for fact in comparison.facts],
        "findings": [dataclasses.asdict(finding) for finding in comparison.findings],
        "digest": [dataclasses.asdict(line) for line in comparison.digest],
        "summaries": [dataclasses.asdict(summary) for summary in comparison.summaries],
        "sourcing": _sourcing(comparison.sourcing),
    }


def to_json(comparison: Comparison, *, indent: int | None = 2) -> str:
    """JSON text of :func:`to_dict`, UTF-8 friendly (no ASCII escaping), newline-terminated."""
    return json.dumps(to_dict(comparison), ensure_ascii=False, indent=indent) + "\n"


def _alignment(alignment: Alignment) -> dict[str, Any]:
    return {
        "a": alignment.a,
        "b": alignment.b,
        "links": [_link(alignment, link) for link in alignment.links],
        "status_a": list(alignment.status_a),
        "status_b": list(alignment.status_b),
        "same_event": alignment.same_event,
        "event_similarity": alignment.event_similarity,
    }


def _link(alignment: Alignment, link: Link) -> dict[str, Any]:
    return {
        "a": f"{alignment.a}:{link.a}",
        "b": f"{alignment.b}:{link.b}",
        "relation": link.relation,
        "label": link.label,
        "score": link.score,
        "diff": [dataclasses.asdict(op) for op in link.diff],
    }


def _sourcing(graph: SourcingGraph) -> dict[str, Any]:
    """Nodes with their column, edges by node index with sentence ids, and the claims."""
    return {
        "nodes": [
            {"id": index, **dataclasses.asdict(node), "depth": graph.depth[index]}
            for index, node in enumerate(graph.nodes)
        ],
        "edges": [
            {
                "source": edge.source,
                "target": edge.target,
                "label": graph.label(edge),
                "sentences": [f"{doc}:{index}" for doc, index in edge.sentences],
                "claims": list(edge.claims),
            }
            for edge in graph.edges
        ],
        "claims": [
            {"id": index, "text": claim.text, "sentences": [f"{doc}:{i}" for doc, i in claim.sentences]}
            for index, claim in enumerate(graph.claims)
        ],
    }
