"""Centrality: who sits between groups (brokers) and who is close to everyone (organisers).

Every measure is computed on the simple, unweighted, undirected graph (repeated links and
loops counted once) and normalised exactly as NetworkX normalises it, so that figures can be
checked against NetworkX and read the same way:

| measure | as NetworkX's | value |
| --- | --- | --- |
| degree | ``degree_centrality`` | neighbours / (n − 1) |
| betweenness | ``betweenness_centrality`` | shortest paths through it × 2 / ((n − 1)(n − 2)) |
| closeness | ``closeness_centrality`` | (r − 1) / Σ distances × (r − 1) / (n − 1) |
| eigenvector | ``eigenvector_centrality`` | power iteration on A + I, unit length |

(For closeness, r is the number of nodes the node reaches, itself included: Wasserman and
Faust's correction for graphs in several pieces.)

igraph computes the first three; the eigenvector is NetworkX's own iteration (same start, same
stopping rule), so disconnected graphs give the same figures too.

Betweenness and closeness take a breadth-first search from every node: exact up to
``EXACT_LIMIT`` nodes. Beyond, both are estimated from ``SAMPLE`` source nodes drawn with a
fixed seed, as NetworkX's ``betweenness_centrality(k=…)`` does for betweenness (scaled by n/k);
closeness then averages each node's distance to the sampled sources it reaches (Eppstein and
Wang), and is exact for the nodes of pieces of the graph that hold no sampled source.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

import igraph
import numpy as np

from vigie.network.graph import Network

EXACT_LIMIT = 25_000
SAMPLE = 128
SEED = 0
EIGEN_TOLERANCE = 1e-6
EIGEN_ITERATIONS = 100


@dataclass(frozen=True)
class Centrality:
    """One node's centrality."""

    id: str
    name: str
    schema: str
    degree: float
    betweenness: float
    closeness: float
    eigenvector: float

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of ``vigie network centrality --json``."""
        return {
            "id": self.id,
            "name": self.name,
            "degree": self.degree,
            "betweenness": self.betweenness,
            "closeness": self.closeness,
            "eigenvector": self.eigenvector,
        }


def degree(graph: igraph.Graph) -> list[float]:
    """Degree centrality, as ``networkx.degree_centrality``."""
    n = graph.vcount()
    if n <= 1:
        return [1.0] * n
    return [d / (n - 1) for d in graph.degree()]


def sources(graph: igraph.Graph) -> list[int] | None:
    """The sampled source nodes of a graph too large for exact figures, else None."""
    n = graph.vcount()
    if n <= EXACT_LIMIT:
        return None
    return sorted(random.Random(SEED).sample(range(n), SAMPLE))


def betweenness(graph: igraph.Graph, sample: list[int] | None = None) -> list[float]:
    """Betweenness centrality, as ``networkx.betweenness_centrality`` (normalised); estimated
    from the ``sample`` of source nodes when one is given."""
    n = graph.vcount()
    if sample is not None:
        raw = [b * n / len(sample) for b in graph.betweenness(directed=False, sources=sample)]
    else:
        raw = graph.betweenness(directed=False)
    if n <= 2:
        return [float(b) for b in raw]
    # igraph counts each unordered pair once; NetworkX counts both orders, then scales.
    scale = 2.0 / ((n - 1) * (n - 2))
    return [b * scale for b in raw]


def _sampled_closeness(graph: igraph.Graph, sample: list[int]) -> list[float | None]:
    """Each node's inverse mean distance to the sampled sources it reaches (None if none)."""
    n = graph.vcount()
    total = np.zeros(n)
    count = np.zeros(n)
    for source in sample:
        row = np.asarray(graph.distances(source=[source])[0], dtype=float)
        reached = np.isfinite(row) & (row > 0)
        total[reached] += row[reached]
        count[reached] += 1
    return [float(c / t) if c else None for c, t in zip(count, total, strict=True)]


def closeness(graph: igraph.Graph, sample: list[int] | None = None) -> list[float]:
    """Closeness centrality, as ``networkx.closeness_centrality`` (Wasserman–Faust);
    estimated from the ``sample`` of source nodes when one is given."""
    n = graph.vcount()
    if n <= 1:
        return [0.0] * n
    pieces = graph.connected_components().membership
    size_of = np.bincount(np.asarray(pieces, dtype=np.int64))
    raw: list[float | None]
    if sample is None:
        raw = list(graph.closeness(normalized=True))
    else:
        raw = _sampled_closeness(graph, sample)
        sampled = {pieces[s] for s in sample}
        rest = [v for v in range(n) if pieces[v] not in sampled]
        exact = graph.induced_subgraph(rest).closeness(normalized=True) if rest else []
        for vertex, value in zip(rest, exact, strict=True):
            raw[vertex] = value
    result = []
    for vertex, value in enumerate(raw):
        reached = int(size_of[pieces[vertex]])
        if value is None or math.isnan(value) or reached <= 1:
            result.append(0.0)
        else:
            result.append(value * (reached - 1) / (n - 1))
    return result


def eigenvector(graph: igraph.Graph) -> list[float]:
    """Eigenvector centrality, as ``networkx.eigenvector_centrality``: the same iteration.

    When it does not settle within NetworkX's 100 rounds (NetworkX then raises), the last
    round is returned.
    """
    n = graph.vcount()
    if n == 0:
        return []
    pairs = np.asarray(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    first, second = pairs[:, 0], pairs[:, 1]
    x = np.full(n, 1.0 / n)
    for _round in range(EIGEN_ITERATIONS):
        last = x
        x = last.copy()
        x += np.bincount(second, weights=last[first], minlength=n)
        x += np.bincount(first, weights=last[second], minlength=n)
        norm = float(np.sqrt(np.dot(x, x))) or 1.0
        x = x / norm
        if float(np.abs(x - last).sum()) < n * EIGEN_TOLERANCE:
            break
    return [float(v) for v in x]


def centrality(network: Network) -> list[Centrality]:
    """Every node's centrality, in node order."""
    graph = network.simple()
    sample = sources(graph)
    measures = zip(
        degree(graph),
        betweenness(graph, sample),
        closeness(graph, sample),
        eigenvector(graph),
        strict=True,
    )
    return [
        Centrality(node.id, node.caption, node.schema, d, b, c, e)
        for node, (d, b, c, e) in zip(network.nodes, measures, strict=True)
    ]


def top(rows: list[Centrality], count: int, by: str = "betweenness") -> list[Centrality]:
    """The ``count`` highest by one measure (ties by the others, then id)."""
    order = ("degree", "betweenness", "closeness", "eigenvector")
    if by not in order:
        raise ValueError(by)
    rest = [m for m in order if m != by]
    return sorted(rows, key=lambda r: (-getattr(r, by), *(-getattr(r, m) for m in rest), r.id))[
        :count
    ]
