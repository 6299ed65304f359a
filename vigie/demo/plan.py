"""Block plans: which people the world links, lists and confuses.

People are generated in blocks of :data:`BLOCK` consecutive indexes. A block's plan is drawn
from its own random stream and only concerns people of that block: the smuggling or fraud ring
planted there, who is on the watchlist, who shares a listed person's name, who travels on whose
stolen passport. Generating a block never needs anything from another one, which keeps memory
bounded however large the world.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from random import Random

from vigie.demo import geo, keys, travel
from vigie.demo.names import Pool
from vigie.demo.people import TRAVEL_FROM, TRAVEL_UNTIL, Override, first_listable, identity

BLOCK = 40
_NETWORK_RATE = 0.85
_MIN_PEOPLE_FOR_NETWORK = 10
_DOCUMENT_FRAUD_RATE = 0.3
_PARTNER_RATE = 0.6
_SIGNAL_RATE = 0.8
_LISTED_RATE = 0.5
_ORGANIZER_LISTED_RATE = 0.35
_NAMESAKE_OF_LISTED_RATE = 0.4
_NAMESAKE_RATE = 0.3
_IMPOSTOR_RATE = 0.08
_TOPICS: Pool[tuple[str, ...]] = Pool(
    [
        ("crime.traffick",),
        ("sanction",),
        ("wanted",),
        ("crime.terror",),
        ("crime.fraud",),
        ("crime", "wanted"),
        ("crime.war",),
        ("sanction", "crime.terror"),
    ],
    [5, 4, 4, 3, 3, 2, 1, 1],
)


class Signal(StrEnum):
    """What ties the members of a network together in the records."""

    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    AGENT = "agent"
    SPONSOR = "sponsor"
    FLIGHT = "flight"


class Kind(StrEnum):
    """The trade of a network."""

    SMUGGLING = "smuggling"  # facilitated applications and travel
    DOCUMENT_FRAUD = "document-fraud"  # travel on blank booklets stolen in one batch


@dataclass(frozen=True, slots=True)
class Network:
    """A planted ring: its members, what they share and who organises it."""

    id: str
    kind: Kind
    organizer: int
    members: tuple[int, ...]
    signals: Mapping[int, frozenset[Signal]]
    phone: str
    email: str
    address: str
    agency: travel.Agency
    sponsor: tuple[str, str]
    flight: travel.Flight
    blank_country: str
    blanks: tuple[str, ...]
    partner: bool
    siblings: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything decided for one block of people."""

    block: int
    start: int
    stop: int
    network: Network | None
    overrides: Mapping[int, Override]
    listed: Mapping[int, tuple[str, ...]]
    impostors: Mapping[int, int]  # impostor -> the person whose stolen passport they carry


def network_id(block: int) -> str:
    """The ground-truth id of the network planted in ``block``."""
    return f"net-{block:06d}"


def _network(seed: int, block: int, people: list[int], rng: Random) -> Network:
    size = 3 + int(rng.random() ** 1.6 * 10)
    members = tuple(sorted(rng.sample(people, size)))
    organizer = members[int(rng.random() * size)]
    leader = identity(seed, organizer)
    country = geo.countries()[leader.nationality]
    kind = Kind.DOCUMENT_FRAUD if rng.random() < _DOCUMENT_FRAUD_RATE else Kind.SMUGGLING
    chosen = rng.sample(list(Signal), 2 + int(rng.random() * 3))
    if kind is Kind.DOCUMENT_FRAUD and Signal.AGENT not in chosen:
        chosen.append(Signal.AGENT)
    signals: dict[int, frozenset[Signal]] = {}
    for member in members:
        carried = {s for s in chosen if rng.random() < _SIGNAL_RATE}
        if member == organizer:
            # The organiser gives the ring's contact details but does not travel with it.
            carried = set(chosen) - {Signal.FLIGHT} or set(chosen)
        signals[member] = frozenset(carried or {chosen[int(rng.random() * len(chosen))]})
    nid = network_id(block)
    agency = travel.make_agency(keys.entity_id("app", seed, nid, "agency"), country.code, rng)
    day = TRAVEL_FROM + timedelta(days=int(rng.random() * (TRAVEL_UNTIL - TRAVEL_FROM).days))
    flight = travel.flight(travel.hub(country.code, rng), travel.arrival(rng), day)
    blanks: tuple[str, ...] = ()
    if kind is Kind.DOCUMENT_FRAUD:
        blanks = geo.blank_numbers(country, block, size + 5 + int(rng.random() * 16), seed)
    siblings = None
    others = [m for m in members if m != organizer]
    if len(others) >= 3 and rng.random() < 0.3:
        elder, younger = rng.sample(others, 2)
        siblings = (elder, younger)
    return Network(
        id=nid,
        kind=kind,
        organizer=organizer,
        members=members,
        signals=signals,
        phone=geo.fill(country.phone, rng),
        email=agency.email
        if rng.random() < 0.5
        else geo.email(
            leader.name.given[0].latin[0],
            leader.name.parts()[-1].latin[0],
            leader.birth.year,
            country.code,
            rng,
        ),
        address=geo.address(country, rng),
        agency=agency,
        sponsor=travel.sponsor(rng),
        flight=flight,
        blank_country=country.code,
        blanks=blanks,
        partner=rng.random() < _PARTNER_RATE,
        siblings=siblings,
    )


def _listable(seed: int, index: int) -> bool:
    # Only a person old enough to have been listed as an adult is listed (an organiser's own
    # origin is theirs, so their identity is drawn as it will be).
    return first_listable(identity(seed, index).birth) is not None


def _member_override(network: Network, member: int, rng: Random) -> Override:
    signals = network.signals[member]
    same_origin = member == network.organizer or rng.random() < 0.8
    sibling_of = None
    if network.siblings is not None and member == network.siblings[1]:
        sibling_of, same_origin = network.siblings[0], True
    if network.siblings is not None and member == network.siblings[0]:
        same_origin = True
    return Override(
        origin_of=network.organizer if same_origin else None,
        sibling_of=sibling_of,
        phone=network.phone if Signal.PHONE in signals else None,
        email=network.email if Signal.EMAIL in signals else None,
        address=network.address if Signal.ADDRESS in signals else None,
    )


def plan_block(seed: int, block: int, size: int) -> Plan:
    """The plan of ``block`` in a world of ``size`` people."""
    rng = keys.rng(seed, "block", block)
    start, stop = block * BLOCK, min(size, (block + 1) * BLOCK)
    people = list(range(start, stop))
    overrides: dict[int, Override] = {}
    listed: dict[int, tuple[str, ...]] = {}
    impostors: dict[int, int] = {}
    network = None
    if len(people) >= _MIN_PEOPLE_FOR_NETWORK and rng.random() < _NETWORK_RATE:
        network = _network(seed, block, people, rng)
        for member in network.members:
            overrides[member] = _member_override(network, member, rng)
        if rng.random() < _ORGANIZER_LISTED_RATE and _listable(seed, network.organizer):
            listed[network.organizer] = ("crime.traffick",)
    free = [i for i in people if i not in overrides]
    rng.shuffle(free)
    chosen = None
    if free and rng.random() < _LISTED_RATE:
        chosen = next((i for i in reversed(free) if _listable(seed, i)), None)
    if chosen is not None:
        free.remove(chosen)
        listed[chosen] = _TOPICS.pick(rng)
        if free and rng.random() < _NAMESAKE_OF_LISTED_RATE:
            # A son named after his listed father, or an unrelated namesake: a hard negative.
            overrides[free.pop()] = Override(name_of=chosen, child=rng.random() < 0.6)
    if len(free) >= 2 and rng.random() < _NAMESAKE_RATE:
        model = free.pop()
        overrides[free.pop()] = Override(name_of=model)
    if len(free) >= 2 and rng.random() < _IMPOSTOR_RATE:
        impostor, victim = free.pop(), free.pop()
        overrides[victim] = Override(loss="stolen")
        impostors[impostor] = victim
    return Plan(block, start, stop, network, overrides, listed, impostors)
