"""Candidate rings: groups of people joined by what they should not share, ranked by how
unusual the sharing is.

1. Records of one person are counted once: person records holding the same travel document
   (the same number, or the same document entity), or giving the same name and full birth date,
   are one *person* here. Resolution's canonical ids would do the same; this keeps rings
   meaningful where no resolution has been recorded.
2. Each thing people share is evidence: a phone, e-mail, address or booking; an agent, sponsor,
   employer or any other entity several of them are linked to; a flight taken together. What is
   shared by ``n`` people gives each pair of them ``rarity(n) = 2 / n`` (``vigie.network.shared``)
   and nothing beyond ``max_share`` people: a hub airport or a big travel agency is not a ring.
   Sharing an entity of a kind that most people linked to such entities share (nearly every
   client of a travel agency or a claimants' representative shares it with other clients)
   counts for that much less: its weight is multiplied by the share of people linked to that
   kind who share theirs with no one. The kind is the entity's type and the role people hold
   towards it (client of a representative, sponsored by).
   A relationship reported between two people (Associate, Family, UnknownLink …) gives 1.
3. Two people whose evidence adds up to ``threshold`` or more are joined; a candidate ring is a
   group of at least ``min_size`` people so joined. Its score adds, for each thing shared inside
   it, its rarity times the number of other members who share it.

A ring is a lead for an analyst, with its reasons; it decides nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from followthemoney import model

from vigie.i18n import _
from vigie.network.graph import Edge, Network, Node
from vigie.network.shared import CO_TRAVEL, KINDS, MAX_SHARE, rarity

PERSON = model["Person"]
DOCUMENT = model["Identification"]
EVENT = model["Event"]
# Trips are events too, but a flight ties its passengers only as much as it is rare.
TRIP = model["Trip"]
GLUE = frozenset({"shared-document", "same-identity", "holder"})
IDENTIFIER_KINDS = frozenset(KINDS.values()) - GLUE
# Entities that belong to one person and tell nothing about who they know.
OWN = (model["Identification"], model["Event"], model["Note"], model["Risk"], model["Sanction"])
_WHAT = {
    "shared-phone": lambda: _("phone"),
    "shared-email": lambda: _("e-mail"),
    "shared-address": lambda: _("address"),
    "shared-booking": lambda: _("booking"),
}
THRESHOLD = 0.15
MIN_SIZE = 3


@dataclass(frozen=True)
class Reason:
    """One thing the members of a ring share."""

    kind: str
    value: str
    members: int
    holders: int
    weight: float

    @property
    def text(self) -> str:
        """The reason in words."""
        if self.kind in IDENTIFIER_KINDS:
            return _("same {what} {value}: {members} members ({holders} people in all)").format(
                what=_WHAT[self.kind](),
                value=self.value,
                members=self.members,
                holders=self.holders,
            )
        if self.kind.startswith("entity:"):
            return _("linked to {value}: {members} members ({holders} people in all)").format(
                value=self.value, members=self.members, holders=self.holders
            )
        return _("reported link ({kind}): {value}").format(kind=self.kind, value=self.value)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "kind": self.kind,
            "value": self.value,
            "members": self.members,
            "holders": self.holders,
            "weight": round(self.weight, 4),
            "text": self.text,
        }


@dataclass(frozen=True)
class Ring:
    """A candidate ring: its people (each with the records that are theirs) and its reasons."""

    number: int
    score: float
    people: tuple[tuple[Node, ...], ...]
    reasons: tuple[Reason, ...]

    @property
    def entity_ids(self) -> list[str]:
        """Every record of every member."""
        return sorted(n.id for person in self.people for n in person)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "number": self.number,
            "score": round(self.score, 4),
            "people": [[n.to_dict() for n in person] for person in self.people],
            "reasons": [r.to_dict() for r in self.reasons],
        }


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        while parent != self.parent[parent]:
            self.parent[parent] = self.parent[self.parent[parent]]
            parent = self.parent[parent]
        self.parent[item] = parent
        return parent

    def join(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _people(network: Network) -> dict[str, str]:
    """Each person record's person: records joined by a shared document or identity."""
    union = _Union()
    for edge in network.edges:
        if edge.kind in GLUE:
            union.join(edge.source, edge.target)
    return {n.id: union.find(n.id) for n in network.nodes if model[n.schema].is_a(PERSON)}


def _through_events(network: Network) -> list[Edge]:
    """An event (an application, an interdiction) ties everyone it names: the person
    interdicted and the facilitator named in the report are linked through it."""
    events = {
        n.id
        for n in network.nodes
        if model[n.schema].is_a(EVENT) and not model[n.schema].is_a(TRIP)
    }
    named: dict[str, set[str]] = defaultdict(set)
    for edge in network.edges:
        if edge.source in events and edge.target not in events:
            named[edge.source].add(edge.target)
    return [
        Edge(first, second, "event", "", via=event)
        for event, ends in named.items()
        for first, second in combinations(sorted(ends), 2)
    ]


def _evidence(
    network: Network, person_of: dict[str, str]
) -> tuple[dict[tuple[str, str], set[str]], dict[str, str]]:
    """Who shares what: (kind, value) → the people holding it; and the role in which people
    are linked to each shared entity (travel agent, representative, sponsor)."""
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    roles: dict[str, str] = {}
    schema = {n.id: model[n.schema] for n in network.nodes}
    for edge in [*network.edges, *_through_events(network)]:
        first, second = person_of.get(edge.source), person_of.get(edge.target)
        if edge.kind in IDENTIFIER_KINDS and first and second:
            holders[edge.kind, edge.via or ""].update((first, second))
        elif edge.kind in GLUE or edge.kind == CO_TRAVEL:
            continue
        elif first and second:
            holders[edge.kind, f"{edge.source}|{edge.target}"].update((first, second))
        elif first or second:
            person = first or second
            other = edge.target if first else edge.source
            if not any(schema[other].is_a(kind) for kind in OWN):
                holders[f"entity:{schema[other].name}", other].add(str(person))
                if edge.label:
                    roles.setdefault(other, edge.label)
    return holders, roles


def _ordinary(
    holders: dict[tuple[str, str], set[str]], roles: dict[str, str]
) -> dict[tuple[str, str], float]:
    """For each shared entity, how ordinary sharing one of its kind is: of the people linked
    in the same role to entities of the same type (clients of a travel agency, of a claimants'
    representative; people a sponsor vouches for), the share who share theirs with someone.
    Where almost every client of an agency shares it with others, sharing an agency says
    little; a sponsor shared by strangers is not excused by the representatives every claimant
    shares."""
    linked: dict[tuple[str, str], set[str]] = defaultdict(set)
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (kind, value), people in holders.items():
        if kind.startswith("entity:"):
            role = kind, roles.get(value, "")
            linked[role] |= people
            if len(people) > 1:
                shared[role] |= people
    share = {role: len(shared[role]) / len(people) for role, people in linked.items()}
    return {
        (kind, value): share[kind, roles.get(value, "")]
        for kind, value in holders
        if kind.startswith("entity:")
    }


def _weight(kind: str, holders: int, max_share: int) -> float:
    if kind in IDENTIFIER_KINDS or kind.startswith("entity:"):
        return rarity(holders) if holders <= max_share else 0.0
    return 1.0


def _shown(kind: str, value: str, captions: dict[str, str]) -> str:
    """What a reason names: an entity by its caption, a reported link by its two ends."""
    if kind.startswith("entity:"):
        return captions.get(value, value)
    if kind in IDENTIFIER_KINDS:
        return value
    ends = value.split("|") if "|" in value else []
    if ends:
        return " — ".join(captions.get(e, e) for e in ends)
    return captions.get(value, value)


def find_rings(
    network: Network,
    threshold: float = THRESHOLD,
    min_size: int = MIN_SIZE,
    max_share: int = MAX_SHARE,
) -> list[Ring]:
    """Candidate rings, highest score first."""
    person_of = _people(network)
    holders, roles = _evidence(network, person_of)
    ordinary = _ordinary(holders, roles)
    weights = {
        (kind, value): _weight(kind, len(people), max_share)
        * (1 - ordinary.get((kind, value), 0.0))
        for (kind, value), people in holders.items()
    }
    pairs: dict[tuple[str, str], float] = defaultdict(float)
    for held, people in holders.items():
        weight = weights[held]
        if weight <= 0 or len(people) < 2:
            continue
        for pair in combinations(sorted(people), 2):
            pairs[pair] += weight
    union = _Union()
    for (first, second), weight in pairs.items():
        if weight >= threshold:
            union.join(first, second)
    groups: dict[str, set[str]] = defaultdict(set)
    for person in set(person_of.values()):
        groups[union.find(person)].add(person)
    records: dict[str, list[Node]] = defaultdict(list)
    for node in network.nodes:
        if node.id in person_of:
            records[person_of[node.id]].append(node)
    captions = {n.id: n.caption for n in network.nodes}
    rings: list[tuple[float, tuple[tuple[Node, ...], ...], tuple[Reason, ...]]] = []
    for members in groups.values():
        if len(members) < min_size:
            continue
        reasons = []
        for (kind, value), people in holders.items():
            inside = len(people & members)
            weight = weights[kind, value]
            if inside >= 2 and weight > 0:
                shown = _shown(kind, value, captions)
                reasons.append(Reason(kind, shown, inside, len(people), weight * (inside - 1)))
        reasons.sort(key=lambda r: (-r.weight, r.kind, r.value))
        score = float(sum(r.weight for r in reasons))
        grouped = tuple(
            tuple(sorted(records[p], key=lambda n: n.id))
            for p in sorted(members, key=lambda p: (-len(records[p]), p))
        )
        rings.append((score, grouped, tuple(reasons)))
    rings.sort(key=lambda r: (-r[0], r[1][0][0].id))
    return [Ring(number, *ring) for number, ring in enumerate(rings, start=1)]


def ring_edges(network: Network, ring: Ring) -> list[Edge]:
    """The edges among a ring's records, for its chart."""
    ids = set(ring.entity_ids)
    return [e for e in network.edges if e.source in ids and e.target in ids]
