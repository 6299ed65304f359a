"""``vigie import links``: a published network's edge list becomes persons and links, and the
graph built from the store agrees with NetworkX on it."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from tests.helpers import collection
from vigie.collect.links import import_file, person_id
from vigie.errors import InvalidInput
from vigie.network.build import build
from vigie.network.centrality import centrality
from vigie.network.community import communities
from vigie.policy.accounts import get_reader
from vigie.store import Store


def karate_csv(path: Path) -> Path:
    """Zachary's karate club (1977), as an edge list with a header, members named m0 … m33."""
    graph = nx.karate_club_graph()
    rows = ["source,target,weight"]
    rows += [f"m{a},m{b},{graph[a][b]['weight']}" for a, b in graph.edges]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_published_network_analysed_from_the_store(store: Store, tmp_path: Path) -> None:
    from vigie.demo.accounts import ensure_demo_users

    ensure_demo_users(store.engine, "test")
    [outcome] = import_file(store, karate_csv(tmp_path / "karate.csv"), collection("zachary"))
    assert outcome.result is not None and outcome.result.entities == 34 + 78
    [again] = import_file(store, tmp_path / "karate.csv", collection("zachary"))
    assert again.result is not None and again.result.statements == 0

    network = build(store.view(get_reader(store.engine, "analyst")))
    assert len(network.nodes) == 34 and network.kinds() == ["UnknownLink"]
    weights = {frozenset((e.source, e.target)): e.weight for e in network.edges}
    graph = nx.karate_club_graph()
    ids = {n: person_id("zachary", f"m{n}") for n in graph.nodes}
    assert all(
        weights[frozenset((ids[a], ids[b]))] == graph[a][b]["weight"] for a, b in graph.edges
    )

    rows = {r.id: r for r in centrality(network)}
    expected = nx.betweenness_centrality(graph)
    assert all(rows[ids[n]].betweenness == pytest.approx(v, abs=1e-9) for n, v in expected.items())
    found = communities(network)
    assert 2 <= len(found) <= 6
    assert sum(len(c.members) for c in found) <= 34


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b\nc\n", "line 2: expected source,target[,weight], got 1 fields"),
        ("a,b\n,c\n", "line 2: the source and target need names"),
        ("a,b,heavy\n", "line 1: the weight must be a positive number, not 'heavy'"),
        ("a,b,-1\n", "line 1: the weight must be a positive number"),
        ("a,a\n", "line 1: a link from 'a' to itself"),
        ("a,b\nx,y\na,b\n", "line 3: the link from 'a' to 'b' is already on line 1"),
        ("source,target\n", "the file holds no link"),
    ],
)
def test_bad_lines_are_named(sqlite_store: Store, tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "links.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput, match=message.replace("[", r"\[").replace("]", r"\]")):
        import_file(sqlite_store, path, collection("bad"))
    assert sqlite_store.count_statements() == 0
