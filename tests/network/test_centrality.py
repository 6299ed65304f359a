"""Centrality agrees with NetworkX on published networks and on graphs in several pieces; on
graphs too large for exact figures, estimates stay close."""

from __future__ import annotations

import networkx as nx
import pytest

from vigie.network import centrality as measures
from vigie.network.centrality import centrality, top
from vigie.network.graph import Edge, Network, Node

GRAPHS = {
    "karate club": nx.karate_club_graph,
    "les misérables": nx.les_miserables_graph,
    "florentine families": nx.florentine_families_graph,
    "two pieces and a loner": lambda: nx.disjoint_union_all(
        [nx.path_graph(5), nx.star_graph(6), nx.empty_graph(1)]
    ),
}
REFERENCE = {
    "degree": nx.degree_centrality,
    "betweenness": nx.betweenness_centrality,
    "closeness": nx.closeness_centrality,
    "eigenvector": nx.eigenvector_centrality,
}


def network_of(graph: nx.Graph) -> Network:
    nodes = [Node(str(n), "Person", str(n)) for n in graph.nodes]
    # Links in both directions and twice over: centrality is defined on the simple graph.
    edges = [Edge(str(a), str(b), "link", "") for a, b in graph.edges]
    edges += [Edge(str(b), str(a), "other", "") for a, b in graph.edges]
    return Network(nodes, edges)


@pytest.mark.parametrize("name", GRAPHS)
def test_centrality_agrees_with_networkx(name: str) -> None:
    graph = nx.Graph(GRAPHS[name]())
    rows = {r.id: r for r in centrality(network_of(graph))}
    for measure, reference in REFERENCE.items():
        expected = reference(graph)
        for node, value in expected.items():
            assert getattr(rows[str(node)], measure) == pytest.approx(value, abs=1e-9), (
                measure,
                node,
            )


def test_estimates_on_large_graphs_stay_close(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = nx.disjoint_union(nx.barabasi_albert_graph(2000, 3, seed=1), nx.path_graph(6))
    monkeypatch.setattr(measures, "EXACT_LIMIT", 500)
    rows = {r.id: r for r in centrality(network_of(graph))}
    between = nx.betweenness_centrality(graph)
    close = nx.closeness_centrality(graph)
    hubs = sorted(between, key=between.__getitem__)[-5:]
    for node in hubs:
        assert rows[str(node)].betweenness == pytest.approx(between[node], rel=0.35)
        assert rows[str(node)].closeness == pytest.approx(close[node], rel=0.1)
    # The small piece holds no sampled source: its closeness is exact.
    assert rows["2003"].closeness == pytest.approx(close[2003], abs=1e-12)
    assert {r.id for r in top(list(rows.values()), 5)} & {str(n) for n in hubs}


def test_top_ranks_by_the_measure_asked() -> None:
    rows = centrality(network_of(nx.star_graph(4)))
    assert top(rows, 1)[0].id == "0"
    assert top(rows, 1, "eigenvector")[0].id == "0"
    with pytest.raises(ValueError):
        top(rows, 1, "charisma")
