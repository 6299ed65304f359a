"""Questions asked of a network: an entity's neighbourhood, the shortest path between two.

A neighbourhood may be filtered by the kinds of links followed, the schemata of the entities
reached and a period: a dated link outside the period is not followed, an undated one is (a
shared phone has no date). The start entity is always shown.
"""

from __future__ import annotations

import warnings
from collections.abc import Collection
from dataclasses import dataclass

from vigie.errors import InvalidInput, NotFound
from vigie.i18n import _
from vigie.network.graph import Edge, Network, sub_network

MAX_HOPS = 6
DEFAULT_LIMIT = 300


@dataclass(frozen=True)
class Filters:
    """Which links are followed and which entities shown."""

    kinds: frozenset[str] = frozenset()
    schemata: frozenset[str] = frozenset()
    since: str | None = None
    until: str | None = None

    @property
    def empty(self) -> bool:
        """Whether nothing is filtered."""
        return not (self.kinds or self.schemata or self.since or self.until)

    def follows(self, edge: Edge) -> bool:
        """Whether a link passes the filters."""
        if self.kinds and edge.kind not in self.kinds:
            return False
        if edge.date is None:
            return True
        day = edge.date[:10]
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )


def _vertex(network: Network, entity_id: str) -> int:
    vertex = network.index.get(entity_id)
    if vertex is None:
        raise NotFound(_("no entity {id!r} on the graph you may see").format(id=entity_id))
    return vertex


def reach(
    network: Network,
    entity_id: str,
    hops: int,
    filters: Filters | None = None,
    limit: int | None = None,
) -> list[int]:
    """The vertices within ``hops`` links of the entity, nearest first (at most ``limit``)."""
    if not 0 <= hops <= MAX_HOPS:
        raise InvalidInput(_("hops must be between 0 and {most}").format(most=MAX_HOPS))
    start = _vertex(network, entity_id)
    filters = filters or Filters()
    graph = network.graph
    if filters.empty:
        found: list[int] = graph.neighborhood(start, order=hops)
        return found[:limit] if limit else found
    seen = {start}
    order = [start]
    frontier = [start]
    for _hop in range(hops):
        following = []
        for vertex in frontier:
            for edge_id in graph.incident(vertex):
                edge = network.edges[edge_id]
                if not filters.follows(edge):
                    continue
                other = network.index[
                    edge.target if edge.source == network.nodes[vertex].id else edge.source
                ]
                if other in seen:
                    continue
                if filters.schemata and network.nodes[other].schema not in filters.schemata:
                    continue
                seen.add(other)
                order.append(other)
                following.append(other)
                if limit and len(order) >= limit:
                    return order
        frontier = following
    return order


def neighbourhood(
    network: Network,
    entity_id: str,
    hops: int = 1,
    filters: Filters | None = None,
    limit: int = DEFAULT_LIMIT,
) -> tuple[Network, bool]:
    """The entity's neighbourhood as a network of its own, and whether ``limit`` cut it."""
    vertices = reach(network, entity_id, hops, filters, limit + 1)
    cut = len(vertices) > limit
    ids = [network.nodes[v].id for v in vertices[:limit]]
    sub = sub_network(network, ids)
    if filters is not None and not filters.empty:
        sub = Network(sub.nodes, [e for e in sub.edges if filters.follows(e)])
    return sub, cut


def shortest_path(
    network: Network, first: str, second: str, kinds: Collection[str] = ()
) -> list[Edge]:
    """The links of a shortest path between two entities (empty when they are not joined),
    following only links of ``kinds`` when given."""
    source, target = _vertex(network, first), _vertex(network, second)
    graph = network.graph
    mapping: list[int] | None = None
    if kinds:
        mapping = [i for i, e in enumerate(network.edges) if e.kind in kinds]
        graph = graph.subgraph_edges(mapping, delete_vertices=False)
    with warnings.catch_warnings():
        # igraph warns when the two are not joined; the empty path says so already.
        warnings.filterwarnings("ignore", "Couldn't reach", RuntimeWarning)
        path = graph.get_shortest_path(source, to=target, output="epath")
    return [network.edges[mapping[e] if mapping else e] for e in path]


def path_entities(first: str, path: list[Edge]) -> list[str]:
    """The entities along a path, from ``first``."""
    ids = [first]
    for edge in path:
        ids.append(edge.target if edge.source == ids[-1] else edge.source)
    return ids
