"""The event's sourcing graph: which outlet credits which source for which claim, all outlets merged.

Chains say, per sentence, "RadarOnline <- Daily Mail <- two Kremlin insiders". A reader of a
whole event wants the picture behind them: RadarOnline leaned on Daily Mail, outlet-a on
Bloomberg and Reuters, and both end at unnamed Kremlin people. This module turns every chain
into edges between parties, one node per party across the outlets, and ties each edge to the
claim it stands on: counterpart sentences of two outlets are one claim, so "the same claim
through different intermediaries" shows as two paths carrying the same claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import (
    Alignment,
    Attribution,
    Claim,
    Credit,
    Document,
    NodeKind,
    Sentence,
    Source,
    SourceNode,
    SourcingGraph,
)
from .verdicts.sources import same_source

_Key = tuple[str, ...]


def sourcing_graph(
    documents: Sequence[Document],
    sentences: Sequence[Sequence[Sentence]],
    attributions: Sequence[Attribution],
    alignments: Sequence[Alignment],
) -> SourcingGraph:
    """The graph of every attribution chain of ``attributions``, read in document order."""
    group_of = _claims(sentences, attributions, alignments)
    claim_ids: dict[tuple[tuple[int, int], ...], int] = {}
    nodes = _Nodes(documents)
    edges: dict[tuple[int, int], tuple[list[tuple[int, int]], list[int]]] = {}
    for attribution in sorted(attributions, key=lambda item: (item.doc, item.sentence)):
        where = (attribution.doc, attribution.sentence)
        claim = claim_ids.get(group_of[where], len(claim_ids))
        parent = nodes.compared(attribution.doc)
        for source in attribution.chain:
            if source.kind == "self":
                continue  # the outlet speaking for itself ("has learned") credits no one
            node = nodes.find(source, parent=parent, doc=attribution.doc, claim=claim)
            if node in (parent, nodes.compared(attribution.doc)):
                continue  # the outlet named as a source of its own claim ("the Daily Planet has learned")
            found, carried = edges.setdefault((parent, node), ([], []))
            if where not in found:
                found.append(where)
            claim_ids.setdefault(group_of[where], claim)
            if claim not in carried:
                carried.append(claim)
            parent = node
    credits = [
        Credit(a, b, tuple(found), tuple(sorted(carried))) for (a, b), (found, carried) in edges.items()
    ]
    attributed = {(item.doc, item.sentence) for item in attributions}
    claims = tuple(Claim(_first_text(group, sentences, attributed), group) for group in claim_ids)
    depth = _depths(len(nodes.nodes), nodes.compared_nodes, credits)
    return _ordered(nodes.nodes, credits, claims, depth)


def _claims(
    sentences: Sequence[Sequence[Sentence]],
    attributions: Sequence[Attribution],
    alignments: Sequence[Alignment],
) -> dict[tuple[int, int], tuple[tuple[int, int], ...]]:
    """Each attributed sentence's claim: its group of counterpart sentences across the outlets."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def root(item: tuple[int, int]) -> tuple[int, int]:
        while parent.get(item, item) != item:
            item = parent[item]
        return item

    for alignment in alignments:
        for link in alignment.links:
            if link.relation == "counterpart":
                a, b = root((alignment.a, link.a)), root((alignment.b, link.b))
                if a != b:
                    parent[max(a, b)] = min(a, b)
    attributed = sorted({(item.doc, item.sentence) for item in attributions})
    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for item in sorted(parent) + attributed:
        group = members.setdefault(root(item), [])
        if item not in group:
            group.append(item)
    return {item: tuple(sorted(members[root(item)])) for item in attributed}


class _Nodes:
    """The graph's nodes as they are met, with the keys that merge mentions of one party."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.nodes: list[SourceNode] = []
        self._named: list[tuple[Source, int]] = []
        self._seen: dict[tuple[str, str], int] = {}  # a name met before: no scan of every node
        self._anonymous: dict[_Key, int] = {}
        self._documents = documents
        self.compared_nodes = tuple(
            self._add(SourceNode("compared", d.outlet, doc)) for doc, d in enumerate(documents)
        )

    def compared(self, doc: int) -> int:
        return self.compared_nodes[doc]

    def find(self, source: Source, *, parent: int, doc: int, claim: int) -> int:
        """The node of ``source``, cited by node ``parent`` in outlet ``doc`` for ``claim``."""
        if source.kind == "anonymous":
            own = ("own", str(doc), str(parent), _name_key(source.name))
            shared = ("claim", str(parent), str(claim))
            node = self._anonymous.get(own, self._anonymous.get(shared))
            if node is None:
                node = self._add(SourceNode("anonymous", source.name))
            self._anonymous.setdefault(own, node)
            self._anonymous.setdefault(shared, node)
            return node
        seen = self._seen.get((source.name, source.kind))
        if seen is not None:
            return seen
        node = self._named_node(source)
        self._seen[(source.name, source.kind)] = node
        return node

    def _named_node(self, source: Source) -> int:
        """The node of a named source met for the first time under this name."""
        for doc_index, document in enumerate(self._documents):
            if same_source(source, Source(document.outlet, source.kind, 0, 0, "")):
                return self.compared_nodes[doc_index]
        for known, node in self._named:
            if same_source(known, source):
                if len(source.name) > len(self.nodes[node].name) and source.kind == "person":
                    self.nodes[node] = SourceNode("person", source.name)  # "Dmitry Peskov" over "Peskov"
                return node
        kind: NodeKind = source.kind  # type: ignore[assignment]
        node = self._add(SourceNode(kind, source.name))
        self._named.append((source, node))
        return node

    def _add(self, node: SourceNode) -> int:
        self.nodes.append(node)
        return len(self.nodes) - 1


def _first_text(
    group: tuple[tuple[int, int], ...],
    sentences: Sequence[Sequence[Sentence]],
    attributed: set[tuple[int, int]],
) -> str:
    """The claim as the first outlet that credits a source for it writes it (``attributed``:
    every attributed sentence, as (doc, index))."""
    doc, index = next(item for item in group if item in attributed)
    return sentences[doc][index].text


def _name_key(name: str) -> str:
    """ "The sources" and "sources" are one name; case, articles and punctuation aside."""
    return re.sub(r"[^\w]", "", re.sub(r"^(?:the|a|an)\s+", "", name.lower())) or name


def _depths(count: int, compared: tuple[int, ...], credits: Sequence[Credit]) -> list[int]:
    """Longest chain reaching each node; compared outlets stay at 0, cycles are cut at ``count``."""
    depth = [0] * count
    for _ in range(count):
        changed = False
        for credit in credits:
            if credit.target in compared:
                continue
            want = min(depth[credit.source] + 1, count)
            if want > depth[credit.target]:
                depth[credit.target] = want
                changed = True
        if not changed:
            break
    return depth


def _ordered(
    nodes: Sequence[SourceNode], credits: Sequence[Credit], claims: tuple[Claim, ...], depth: Sequence[int]
) -> SourcingGraph:
    """Nodes by column, then as first met; edges by their ends: the same graph, stable order."""
    order = sorted(range(len(nodes)), key=lambda node: (depth[node], node))
    new = {old: position for position, old in enumerate(order)}
    edges = sorted(
        (Credit(new[c.source], new[c.target], c.sentences, c.claims) for c in credits),
        key=lambda credit: (credit.source, credit.target),
    )
    return SourcingGraph(
        nodes=tuple(nodes[old] for old in order),
        edges=tuple(edges),
        claims=claims,
        depth=tuple(depth[old] for old in order),
    )
