"""Shared identifiers and co-travel: edges weighted by how unusual the sharing is.

Two people giving the same phone number is telling; two hundred giving the number of the
airport's information desk is not. An identifier (or a flight) shared by ``n`` entities gives
each pair of them the weight :func:`rarity` ``(n) = 2 / n``: 1 for a pair, 0.2 for ten, and
nothing at all beyond ``max_share`` (a hub: a big travel agency, a busy flight, an airport).
That is the resource-allocation index of link prediction: the evidence an identifier carries is
shared out among everyone who holds it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations

from vigie.i18n import _
from vigie.network.graph import Edge

MAX_SHARE = 50
KINDS = {
    "phone": "shared-phone",
    "email": "shared-email",
    "address": "shared-address",
    "document": "shared-document",
    "booking": "shared-booking",
    "identity": "same-identity",
}
CO_TRAVEL = "co-travel"


def rarity(holders: int) -> float:
    """The weight each pair of ``holders`` entities gets from one identifier they share."""
    return 2.0 / holders if holders >= 2 else 0.0


def _label(kind: str, value: str, holders: int) -> str:
    names = {
        "phone": _("same phone {value} ({n} entities)"),
        "email": _("same e-mail {value} ({n} entities)"),
        "address": _("same address {value} ({n} entities)"),
        "document": _("same document number {value} ({n} entities)"),
        "booking": _("same booking {value} ({n} entities)"),
        "identity": _("same name and birth date {value} ({n} entities)"),
    }
    return names[kind].format(value=value, n=holders)


def holders_by_identifier(
    identifiers: Mapping[str, Iterable[tuple[str, str]]],
) -> dict[tuple[str, str], list[str]]:
    """Who holds each identifier, for the identifiers held by more than one entity."""
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entity_id, keys in identifiers.items():
        for key in keys:
            holders[key].append(entity_id)
    return {key: sorted(ids) for key, ids in holders.items() if len(ids) > 1}


def shared_edges(
    identifiers: Mapping[str, Iterable[tuple[str, str]]],
    handlings: Mapping[str, frozenset[int]],
    max_share: int = MAX_SHARE,
) -> list[Edge]:
    """An edge for each pair of entities sharing an identifier held by at most ``max_share``."""
    edges: list[Edge] = []
    for (kind, value), ids in sorted(holders_by_identifier(identifiers).items()):
        if len(ids) > max_share:
            continue
        weight = rarity(len(ids))
        label = _label(kind, value, len(ids))
        for first, second in combinations(ids, 2):
            edges.append(
                Edge(
                    first,
                    second,
                    KINDS[kind],
                    label,
                    weight,
                    via=value,
                    handlings=handlings[first] | handlings[second],
                )
            )
    return edges


def co_travel_edges(
    travellers: Mapping[str, Iterable[str]],
    dates: Mapping[str, str | None],
    handlings: Mapping[str, frozenset[int]],
    max_share: int = MAX_SHARE,
) -> list[Edge]:
    """``co-travel`` edges between people on the same trips (trip id → people), one per pair
    with the weight summed over the trips they share, so that repeated travel together counts
    more; trips of more than ``max_share`` people are hubs and give none."""
    weights: dict[tuple[str, str], float] = defaultdict(float)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for trip, people in travellers.items():
        group = sorted(set(people))
        if not 2 <= len(group) <= max_share:
            continue
        for pair in combinations(group, 2):
            weights[pair] += rarity(len(group))
            shared[pair].append(trip)
    edges = []
    for (first, second), weight in sorted(weights.items()):
        trips = sorted(shared[first, second])
        when = sorted(d for d in (dates.get(t) for t in trips) if d)
        edges.append(
            Edge(
                first,
                second,
                CO_TRAVEL,
                _("travelled together on {n} trip(s)").format(n=len(trips)),
                weight,
                date=when[0] if when else None,
                via=",".join(trips),
                handlings=frozenset().union(*(handlings[i] for i in (first, second, *trips))),
            )
        )
    return edges
