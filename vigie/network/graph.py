"""The link graph: entities as nodes, links as edges, held in an igraph graph for the fast
questions (neighbourhoods, paths, communities, centrality).

A ``Network`` is always built for one reader from what that reader may see
(``vigie.network.extract``); nothing in this module reads the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import igraph


@dataclass(frozen=True, slots=True)
class Node:
    """An entity on the graph."""

    id: str
    schema: str
    caption: str
    date: str | None = None
    end: str | None = None
    handlings: frozenset[int] = frozenset()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (handling ids stay inside the server)."""
        return {
            "id": self.id,
            "schema": self.schema,
            "caption": self.caption,
            "date": self.date,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Edge:
    """A link between two entities: its kind (a relationship schema such as ``Associate``, a
    reference property such as ``holder``, ``shared-phone`` or ``co-travel``), a label for the
    reader, a weight (how unusual a shared identifier is) and, when known, a date."""

    source: str
    target: str
    kind: str
    label: str
    weight: float = 1.0
    date: str | None = None
    via: str | None = None
    handlings: frozenset[int] = frozenset()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "label": self.label,
            "weight": round(self.weight, 4),
            "date": self.date,
            "via": self.via,
        }


@dataclass
class Network:
    """Nodes and edges with an undirected igraph graph over them (vertex ``i`` is
    ``nodes[i]``, igraph edge ``e`` is ``edges[e]``)."""

    nodes: list[Node]
    edges: list[Edge]
    index: dict[str, int] = field(init=False)
    graph: igraph.Graph = field(init=False)

    def __post_init__(self) -> None:
        self.index = {node.id: number for number, node in enumerate(self.nodes)}
        pairs = [(self.index[e.source], self.index[e.target]) for e in self.edges]
        self.graph = igraph.Graph(n=len(self.nodes), edges=pairs, directed=False)

    def node(self, entity_id: str) -> Node | None:
        """The node of an entity, if it is on the graph."""
        number = self.index.get(entity_id)
        return None if number is None else self.nodes[number]

    def kinds(self) -> list[str]:
        """The kinds of edges present, sorted."""
        return sorted({e.kind for e in self.edges})

    def schemata(self) -> list[str]:
        """The schemata of nodes present, sorted."""
        return sorted({n.schema for n in self.nodes})

    def simple(self) -> igraph.Graph:
        """The graph without loops or repeated edges: what centrality is defined on."""
        simple = self.graph.copy()
        simple.simplify(multiple=True, loops=True)
        return simple

    def handlings(self, entity_ids: Iterable[str]) -> set[int]:
        """The handling ids of everything known about these nodes and the edges among them."""
        wanted = set(entity_ids)
        found: set[int] = set()
        for eid in wanted:
            node = self.node(eid)
            if node is not None:
                found |= node.handlings
        for edge in self.edges:
            if edge.source in wanted and edge.target in wanted:
                found |= edge.handlings
        return found


def sub_network(network: Network, entity_ids: Sequence[str]) -> Network:
    """The nodes named (those on the graph) and every edge among them."""
    keep = {eid for eid in entity_ids if eid in network.index}
    nodes = [n for n in network.nodes if n.id in keep]
    edges = [e for e in network.edges if e.source in keep and e.target in keep]
    return Network(nodes, edges)
