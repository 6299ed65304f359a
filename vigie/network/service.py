"""Link analysis for one reader: every question builds on the reader's own network, checks the
reader's role and is written to the audit log.

Building a network reads every statement the reader may see, so the last few are kept: a
network is reused while the store has had no new collection report (every write of facts is a
report) and the reader sees what they saw (same clearance, caveats, compartments, partner).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection, Sequence

from sqlalchemy import func, select

from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.handling import Handling, combine
from vigie.network import export as graph_export
from vigie.network.build import build
from vigie.network.centrality import Centrality, centrality, top
from vigie.network.community import Community, communities
from vigie.network.graph import Edge, Network, sub_network
from vigie.network.query import Filters, neighbourhood, path_entities, shortest_path
from vigie.network.rings import Ring, find_rings
from vigie.policy import audit
from vigie.policy.reader import Action, Reader
from vigie.store.store import Store
from vigie.store.tables import report

CACHED = 4
_cache: OrderedDict[tuple[object, ...], Network] = OrderedDict()
_lock = threading.Lock()


def _key(store: Store, reader: Reader) -> tuple[object, ...]:
    with store.engine.connect() as conn:
        newest = conn.execute(select(func.max(report.c.id))).scalar()
    return (
        store.url,
        newest,
        reader.clearance,
        reader.caveats,
        reader.compartments,
        reader.partner,
    )


def network(store: Store, reader: Reader) -> Network:
    """The network of everything ``reader`` may see (not audited on its own: the questions
    asked of it are)."""
    reader.require(Action.READ)
    key = _key(store, reader)
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    built = build(store.view(reader))
    with _lock:
        _cache[key] = built
        while len(_cache) > CACHED:
            _cache.popitem(last=False)
    return built


def read_neighbourhood(
    store: Store,
    reader: Reader,
    entity_id: str,
    hops: int = 1,
    filters: Filters | None = None,
    limit: int = 300,
) -> tuple[Network, bool]:
    """An entity's neighbourhood; audited as ``network.read``."""
    found, cut = neighbourhood(network(store, reader), entity_id, hops, filters, limit)
    audit.record(
        store.engine,
        reader.name,
        "network.read",
        entity_id,
        hops=hops,
        kinds=sorted(filters.kinds) if filters else [],
        entities=[n.id for n in found.nodes],
    )
    return found, cut


def read_entities(store: Store, reader: Reader, entity_ids: Sequence[str]) -> Network:
    """These entities and the links among them (a saved chart); audited as ``network.read``."""
    found = sub_network(network(store, reader), entity_ids)
    audit.record(
        store.engine,
        reader.name,
        "network.read",
        "chart",
        entities=[n.id for n in found.nodes],
    )
    return found


def find_path(
    store: Store, reader: Reader, first: str, second: str, kinds: Collection[str] = ()
) -> tuple[list[str], list[Edge]]:
    """A shortest path between two entities: the entities along it and its links; audited."""
    path = shortest_path(network(store, reader), first, second, kinds)
    ids = path_entities(first, path) if path else []
    audit.record(
        store.engine, reader.name, "network.read", f"{first} {second}", path=True, entities=ids
    )
    return ids, path


def rank_centrality(
    store: Store, reader: Reader, count: int = 20, by: str = "betweenness", schema: str = ""
) -> list[Centrality]:
    """The most central entities; audited as ``network.analyse``."""
    if count < 1:
        raise InvalidInput(_("--top must be at least 1"))
    rows = centrality(network(store, reader))
    if schema:
        rows = [r for r in rows if r.schema == schema]
    try:
        best = top(rows, count, by)
    except ValueError:
        raise InvalidInput(_("unknown measure {by!r}").format(by=by)) from None
    audit.record(
        store.engine,
        reader.name,
        "network.analyse",
        "centrality",
        by=by,
        entities=[r.id for r in best],
    )
    return best


def candidate_rings(store: Store, reader: Reader) -> list[Ring]:
    """Candidate rings, best first; audited as ``network.analyse``."""
    rings = find_rings(network(store, reader))
    audit.record(
        store.engine,
        reader.name,
        "network.analyse",
        "rings",
        rings=len(rings),
        entities=sum(len(r.entity_ids) for r in rings),
    )
    return rings


def find_communities(store: Store, reader: Reader, min_size: int = 3) -> list[Community]:
    """Leiden communities, largest first; audited as ``network.analyse``."""
    found = communities(network(store, reader), min_size)
    audit.record(
        store.engine, reader.name, "network.analyse", "communities", communities=len(found)
    )
    return found


def export_graph(
    store: Store, reader: Reader, fmt: str, entity_ids: Sequence[str] | None = None
) -> bytes:
    """The reader's network, or the part of it among ``entity_ids``, as GraphML, GEXF or CSV;
    audited as ``export``."""
    reader.require(Action.EXPORT)
    whole = network(store, reader)
    chosen = whole if entity_ids is None else sub_network(whole, entity_ids)
    data = graph_export.render(chosen, fmt)
    audit.record(
        store.engine,
        reader.name,
        "export",
        "network",
        format=fmt,
        entities=len(chosen.nodes),
        links=len(chosen.edges),
    )
    return data


def handling_of(store: Store, shown: Network) -> Handling:
    """The marking of a page or chart showing ``shown``: every fact behind its nodes and links
    combined (highest marking, every caveat)."""
    ids = shown.handlings(n.id for n in shown.nodes)
    with store.engine.connect() as conn:
        return combine(store.handlings(conn, ids).values())
