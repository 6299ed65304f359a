"""Candidate rings: people joined by unusual sharing form a ring with its reasons; a hub does
not; and the planted networks of the synthetic world are recovered."""

from __future__ import annotations

from pathlib import Path

from vigie.network.build import build
from vigie.network.evaluate import read_networks, score
from vigie.network.graph import Edge, Network, Node
from vigie.network.rings import find_rings
from vigie.policy.accounts import get_reader
from vigie.store import Store


def test_a_ring_with_its_reasons_and_no_ring_around_a_hub(ring_sqlite: Store) -> None:
    network = build(ring_sqlite.view(get_reader(ring_sqlite.engine, "analyst")))
    [ring] = find_rings(network)
    # r1 and r1b hold the same passport: one person with two records.
    people = {frozenset(n.id for n in person) for person in ring.people}
    assert people == {
        frozenset({"r1", "r1b"}),
        frozenset({"r2"}),
        frozenset({"r3"}),
        frozenset({"r6"}),
    }
    texts = [r.text for r in ring.reasons]
    assert any("+442079460018" in t and "3 members" in t for t in texts)
    assert any("Associate" in t and "Karim Haddad" in t for t in texts)
    # Twelve clients of one agency share it, but that is ordinary: no ring of clients.
    assert not any(n.id.startswith("c") for n in ring.people[0] + ring.people[-1])
    assert ring.score == sum(r.weight for r in ring.reasons)


def test_a_reader_who_sees_less_finds_less(ring_sqlite: Store) -> None:
    network = build(ring_sqlite.view(get_reader(ring_sqlite.engine, "officer")))
    [ring] = find_rings(network)
    assert not any("Associate" in r.text for r in ring.reasons)
    assert find_rings(network, threshold=5.0) == []


def test_sharing_is_judged_against_others_linked_in_the_same_role() -> None:
    """Three claimants of one representative are no ring when claimants share representatives
    as a rule; three people vouched for by one sponsor are, though most sponsors are also
    LegalEntities vouching for one person each."""
    nodes = [Node(f"p{n}", "Person", f"Person {n}") for n in range(12)]
    nodes += [Node(f"rep{n}", "LegalEntity", f"Representative {n}") for n in range(2)]
    nodes += [Node(f"sp{n}", "LegalEntity", f"Sponsor {n}") for n in range(4)]
    edges = [Edge(f"rep{n % 2}", f"p{n}", "Representation", "representative") for n in range(6)]
    edges += [Edge("sp0", f"p{n}", "UnknownLink", "sponsor") for n in range(6, 9)]
    edges += [Edge(f"sp{n - 8}", f"p{n}", "UnknownLink", "sponsor") for n in range(9, 12)]
    [ring] = find_rings(Network(nodes, edges))
    assert {p.id for [p] in ring.people} == {"p6", "p7", "p8"}
    assert [r.value for r in ring.reasons] == ["Sponsor 0"]


def test_the_planted_networks_are_recovered(world_store: Store, tiny_world: Path) -> None:
    network = build(world_store.view(get_reader(world_store.engine, "analyst")))
    rings = find_rings(network)
    result = score(rings, read_networks(tiny_world / "truth.json"), set(network.index))
    assert result.precision >= 0.9, result
    assert result.recall >= 0.7, result
    assert result.found >= 0.8 * result.networks, result
