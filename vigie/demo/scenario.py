"""What happens to each person of a block: which sources record them, and the truth of it."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from vigie.demo import intel, travel
from vigie.demo.filings import (
    APPLICATIONS_FROM,
    APPLICATIONS_UNTIL,
    application,
    interdiction,
    lost_stolen,
    stolen_blanks,
)
from vigie.demo.forgery import Fraud, forge
from vigie.demo.names import Pool
from vigie.demo.people import Document, Person, make_person, person_stream
from vigie.demo.plan import Kind, Network, Plan, Signal
from vigie.demo.records import Sink
from vigie.demo.sources import Context, day_between, departure_day, passenger

_APPLY_RATE = 0.6
_ORGANIZER_APPLY_RATE = 0.7
_SECOND_APPLICATION_RATE = 0.15
_APPLY_AROUND_RENEWAL_RATE = 0.6
_TRAVEL_RATE_APPLICANT = 0.55
_TRAVEL_RATE_OTHER = 0.3
_INTERDICTION_RATE = 0.02
_LISTED_INTERDICTION_RATE = 0.15
_MEMBER_INTERDICTION_RATE = 0.15
_FRAUD_SHARE = 0.5
_PARTNER_MEMBER_RATE = 0.6
_ORDINARY_FRAUD = Pool(
    [
        Fraud.COUNTERFEIT,
        Fraud.COUNTERFEIT_CHECK_DIGIT,
        Fraud.ALTERED,
        Fraud.ALTERED_MRZ_MISMATCH,
        Fraud.FRAUDULENTLY_OBTAINED,
    ],
    [3, 2, 2, 2, 2],
)
_SMUGGLED_FRAUD = Pool([Fraud.COUNTERFEIT, Fraud.COUNTERFEIT_CHECK_DIGIT, Fraud.ALTERED], [3, 2, 1])


def generate_block(ctx: Context, sink: Sink, plan: Plan) -> None:
    """Write every record of the people of ``plan``'s block, and the truth about them."""
    network = plan.network
    members: list[str] = []
    partner_ids: dict[int, str] = {}
    if network is not None and network.blanks:
        stolen_blanks(ctx, sink, network.id, network.blank_country, network.blanks)
    for index in range(plan.start, plan.stop):
        ids = _person(ctx, sink, plan, index, partner_ids)
        if network is not None and index in network.signals:
            members.extend(ids)
    if network is not None:
        if partner_ids:
            intel.partner_links(ctx.seed, sink, network, partner_ids)
        sink.truth.network(network.id, members)


def _applications(
    ctx: Context,
    sink: Sink,
    person: Person,
    network: Network | None,
    signals: frozenset[Signal],
    rng: Random,
) -> list[str]:
    if len(person.documents) > 1 and rng.random() < _APPLY_AROUND_RENEWAL_RATE:
        # One application on the old passport, one on the new: the same person, two numbers.
        renewal = person.current.issued
        earliest = max(APPLICATIONS_FROM, renewal - timedelta(days=600))
        before = day_between(earliest, renewal - timedelta(days=20), rng)
        latest = min(APPLICATIONS_UNTIL, renewal + timedelta(days=500))
        after = day_between(renewal + timedelta(days=10), latest, rng)
        days = [before, after]
    else:
        count = 2 if rng.random() < _SECOND_APPLICATION_RATE else 1
        days = sorted(day_between(APPLICATIONS_FROM, APPLICATIONS_UNTIL, rng) for _ in range(count))
    agency = network.agency if network is not None and Signal.AGENT in signals else None
    sponsor = network.sponsor if network is not None and Signal.SPONSOR in signals else None
    return [
        application(ctx, sink, person, number, day, agency, sponsor, rng)
        for number, day in enumerate(days)
    ]


def _blank(network: Network, index: int) -> tuple[str, str]:
    clients = [m for m in network.members if m != network.organizer]
    return network.blank_country, network.blanks[clients.index(index)]


def _carried_when_interdicted(
    seed: int,
    plan: Plan,
    person: Person,
    member: bool,
    ring_document: Document | None,
    day: date,
    rng: Random,
) -> tuple[Fraud | None, Document]:
    """The document an interdicted traveller presented, and how it is fraudulent if it is."""
    if ring_document is not None:
        return Fraud.STOLEN_BLANK, ring_document
    fraud: Fraud | None = None
    stolen = None
    victim = plan.impostors.get(person.index)
    if victim is not None:
        stolen = make_person(seed, victim, plan.overrides.get(victim)).documents[0]
        fraud = Fraud.IMPOSTOR if stolen.loss else Fraud.COUNTERFEIT
    elif member:
        fraud = _SMUGGLED_FRAUD.pick(rng)
    elif rng.random() < _FRAUD_SHARE:
        fraud = _ORDINARY_FRAUD.pick(rng)
    if fraud is None:
        return None, person.document_at(day)
    return fraud, forge(seed, person, fraud, day, rng, victim_document=stolen)


def _person(
    ctx: Context, sink: Sink, plan: Plan, index: int, partner_ids: dict[int, str]
) -> list[str]:
    """Write one person's records; return the ids of their Person entities."""
    seed = ctx.seed
    rng = person_stream(seed, index)
    person = make_person(seed, index, plan.overrides.get(index), rng)
    network = plan.network if plan.network and index in plan.network.signals else None
    signals = network.signals[index] if network is not None else frozenset()
    topics = plan.listed.get(index)
    organizer = network is not None and index == network.organizer
    ring = network is not None and network.kind is Kind.DOCUMENT_FRAUD and not organizer
    member = network is not None and not organizer
    victim = plan.impostors.get(index)

    applies = member or (organizer and rng.random() < _ORGANIZER_APPLY_RATE)
    applies = applies or rng.random() < _APPLY_RATE
    travel_rate = _TRAVEL_RATE_APPLICANT if applies else _TRAVEL_RATE_OTHER
    travels = Signal.FLIGHT in signals or rng.random() < travel_rate
    interdicted = (
        victim is not None
        or (member and rng.random() < _MEMBER_INTERDICTION_RATE)
        or (topics is not None and rng.random() < _LISTED_INTERDICTION_RATE)
        or rng.random() < _INTERDICTION_RATE
    )
    ring_document = None
    if ring and network is not None:
        ring_document = forge(
            seed, person, Fraud.STOLEN_BLANK, departure_day(rng), rng, blank=_blank(network, index)
        )
        travels = rng.random() < 0.5
        interdicted = not travels or rng.random() < 0.6
    in_partner = network is not None and network.partner
    in_partner = in_partner and (organizer or rng.random() < _PARTNER_MEMBER_RATE)
    if not (applies or travels or interdicted or in_partner or topics):
        applies = True  # everyone appears somewhere under their name

    truth = sink.truth
    watch_id = intel.watchlist(seed, sink, person, topics, rng) if topics else None
    ids: list[str] = []
    if applies:
        ids.extend(_applications(ctx, sink, person, network, signals, rng))
    if travels:
        bookings = 1 + (rng.random() < 0.35) + (rng.random() < 0.12)
        for booking in range(bookings):
            if booking == 0 and network is not None and Signal.FLIGHT in signals:
                flight = network.flight
            else:
                origin = travel.hub(person.residence, rng)
                flight = travel.flight(origin, travel.arrival(rng), departure_day(rng))
            carried = person.document_at(flight.departs.date())
            if booking == 0 and ring_document is not None:
                carried = ring_document
            pids, doc_id = passenger(ctx, sink, person, booking, flight, carried, rng)
            ids.extend(pids)
            if carried is ring_document:
                truth.fraudulent_document(doc_id, Fraud.STOLEN_BLANK)
    if interdicted:
        day = departure_day(rng)
        fraud, carried = _carried_when_interdicted(
            seed, plan, person, member, ring_document, day, rng
        )
        smuggled_by = network if member else None
        pid, doc_id = interdiction(
            ctx, sink, person, day, carried, fraud, bool(topics), smuggled_by, rng
        )
        ids.append(pid)
        if fraud is not None:
            truth.fraudulent_document(doc_id, fraud)
    for doc in (doc for doc in person.documents if doc.loss):
        holder = lost_stolen(ctx, sink, person, doc, rng)
        if holder is not None:
            ids.append(holder)
    if in_partner and network is not None:
        pid = intel.partner_person(seed, sink, person, network, rng)
        ids.append(pid)
        partner_ids[index] = pid
    if watch_id is not None:
        for pid in ids:
            truth.watchlist_match(pid, watch_id)
        ids.append(watch_id)
    truth.origin(person.tp, person.identity.origin.key)
    return ids
