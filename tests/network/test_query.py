"""Neighbourhoods (hops, link kinds, schemata, periods, limits) and shortest paths."""

from __future__ import annotations

import pytest

from vigie.errors import InvalidInput, NotFound
from vigie.network.build import build
from vigie.network.graph import Network
from vigie.network.query import Filters, neighbourhood, path_entities, shortest_path
from vigie.policy.accounts import get_reader
from vigie.store import Store


@pytest.fixture
def network(ring_sqlite: Store) -> Network:
    return build(ring_sqlite.view(get_reader(ring_sqlite.engine, "analyst")))


def ids(found: Network) -> set[str]:
    return {n.id for n in found.nodes}


def test_hops_and_link_kinds(network: Network) -> None:
    one, cut = neighbourhood(network, "r6", 1)
    assert ids(one) == {"r6", "ev1"} and not cut
    assert ids(neighbourhood(network, "r6", 2)[0]) == {"r6", "ev1", "r3"}
    phones = neighbourhood(network, "r1", 3, Filters(kinds=frozenset({"shared-phone"})))[0]
    assert ids(phones) == {"r1", "r2", "r3"}
    assert {e.kind for e in phones.edges} == {"shared-phone"}


def test_schemata_and_periods(network: Network) -> None:
    people = Filters(schemata=frozenset({"Person"}))
    # r1b shares the number of r1's passport: two links away, through a Passport, which a
    # filter on persons does not cross.
    assert ids(neighbourhood(network, "r1", 1, people)[0]) == {"r1", "r2", "r3"}
    assert "r1b" not in ids(neighbourhood(network, "r1", 2, people)[0])
    assert "r1b" in ids(neighbourhood(network, "r1", 2)[0])
    # Flight t2 left on 1 June 2025: outside the period, r1 and r2 met on t1 only.
    spring = Filters(kinds=frozenset({"involved"}), until="2025-04-30")
    assert ids(neighbourhood(network, "r1", 1, spring)[0]) == {"r1", "t1"}
    summer = Filters(kinds=frozenset({"involved"}), since="2025-05-01")
    assert ids(neighbourhood(network, "r1", 1, summer)[0]) == {"r1", "t2"}


def test_a_limit_cuts_and_says_so(network: Network) -> None:
    found, cut = neighbourhood(network, "ag-big", 1, limit=5)
    assert len(found.nodes) == 5 and cut


def test_shortest_paths(network: Network) -> None:
    path = shortest_path(network, "r6", "r2")
    assert path_entities("r6", path) in (["r6", "ev1", "r3", "r2"],)
    only_travel = shortest_path(network, "r3", "r2", kinds={"involved"})
    assert [e.kind for e in only_travel] == ["involved", "involved"]
    assert shortest_path(network, "r6", "c1") == []


def test_unknown_entities_and_bad_hops(network: Network) -> None:
    with pytest.raises(NotFound):
        neighbourhood(network, "nobody", 1)
    with pytest.raises(InvalidInput):
        neighbourhood(network, "r1", 99)
