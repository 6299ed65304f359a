"""The graph holds only what its reader may see, links shared identifiers by how unusual they
are, and draws co-travel from trips."""

from __future__ import annotations

from vigie.network.build import assemble, build
from vigie.network.extract import gather
from vigie.network.graph import Network
from vigie.network.shared import rarity
from vigie.policy.accounts import get_reader
from vigie.store import Store


def network_of(store: Store, user: str) -> Network:
    return build(store.view(get_reader(store.engine, user)))


def kinds_between(network: Network, first: str, second: str) -> set[str]:
    return {e.kind for e in network.edges if {e.source, e.target} == {first, second}}


def test_relationships_references_shared_identifiers_and_co_travel(ring_store: Store) -> None:
    network = network_of(ring_store, "analyst")
    assert kinds_between(network, "r1", "r2") == {"Associate", "shared-phone", "co-travel"}
    assert kinds_between(network, "pp-r1", "r1") == {"holder"}
    assert "shared-document" in kinds_between(network, "pp-r1", "r1b")
    assert kinds_between(network, "ev1", "r3") == {"organizer"}
    assert kinds_between(network, "t1", "ap-hub") == {"startLocation"}
    phone = [e for e in network.edges if e.kind == "shared-phone"]
    assert len(phone) == 3 and {e.weight for e in phone} == {rarity(3)}
    together = {frozenset((e.source, e.target)): e for e in network.edges if e.kind == "co-travel"}
    # Flying together twice weighs more than once; the weight is shared out among the flight.
    assert together[frozenset(("r1", "r2"))].weight == rarity(3) + rarity(2)
    assert together[frozenset(("r1", "r3"))].weight == rarity(3)
    assert together[frozenset(("r1", "r2"))].date == "2025-03-01"
    associate = next(e for e in network.edges if e.kind == "Associate")
    assert associate.label == "brother"


def test_the_graph_holds_only_what_the_reader_may_see(ring_store: Store) -> None:
    officer = network_of(ring_store, "officer")
    # The Associate is SECRET: an officer (reliability clearance) sees no such link.
    assert "Associate" not in officer.kinds()
    assert kinds_between(officer, "r1", "r2") == {"shared-phone", "co-travel"}
    partner = network_of(ring_store, "partner-uk")
    assert partner.nodes == [] and partner.edges == []


def test_identifiers_shared_by_too_many_give_no_edge(ring_sqlite: Store) -> None:
    found = gather(ring_sqlite.view(get_reader(ring_sqlite.engine, "analyst")))
    assert "shared-phone" in assemble(found, max_share=3).kinds()
    hub = assemble(found, max_share=2)
    assert "shared-phone" not in hub.kinds()
    # A flight of three is a hub at that limit too; the two who fly twice still meet.
    assert {frozenset((e.source, e.target)) for e in hub.edges if e.kind == "co-travel"} == {
        frozenset(("r1", "r2"))
    }


def test_rarity_falls_with_the_number_of_holders() -> None:
    assert rarity(1) == 0
    assert rarity(2) == 1
    assert rarity(3) > rarity(10) > rarity(50) > 0


def test_link_analysis_stays_apart_from_the_web_stack() -> None:
    import subprocess
    import sys

    code = (
        "import sys, vigie.network.service, vigie.network.charts\n"
        "print(','.join(m for m in ('fastapi', 'starlette', 'typer', 'vigie.web', 'vigie.api')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
