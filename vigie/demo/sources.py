"""Operational sources: visa applications, passenger data, interdictions, lost and stolen
documents. Each record renders its person the way that source would."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from vigie.demo import geo, keys, travel
from vigie.demo.forgery import Fraud
from vigie.demo.mess import shift_years, swap_day_month, typo
from vigie.demo.names import native_full, origin_pool, respell
from vigie.demo.people import TRAVEL_FROM, TRAVEL_UNTIL, Document, Person
from vigie.demo.records import Entity, Sink, Source, entity

APPLICATIONS_FROM = date(2023, 6, 1)
APPLICATIONS_UNTIL = date(2026, 3, 31)
_AGENCY_CLIENT_RATE = 0.25
_SPONSOR_RATE = 0.35
_REASONS = {
    Fraud.COUNTERFEIT: "Boarding denied: counterfeit passport seized.",
    Fraud.COUNTERFEIT_CHECK_DIGIT: "Boarding denied: counterfeit passport seized.",
    Fraud.ALTERED: "Boarding denied: passport with altered biographic data seized.",
    Fraud.ALTERED_MRZ_MISMATCH: "Boarding denied: passport with altered biographic data seized.",
    Fraud.IMPOSTOR: "Boarding denied: impostor travelling on a passport reported stolen.",
    Fraud.FRAUDULENTLY_OBTAINED: "Boarding denied: genuine passport obtained under a false "
    "identity.",
    Fraud.STOLEN_BLANK: "Boarding denied: passport personalised on a stolen blank booklet.",
}
_OTHER_REASONS = (
    "Boarding denied: no valid visa or electronic travel authorization.",
    "Boarding denied: visa counterfoil does not belong to the passport presented.",
    "Referred by airline: inconsistent answers about the purpose of travel.",
    "Boarding denied: traveller not in possession of the declared return ticket.",
)


@dataclass(frozen=True, slots=True)
class Context:
    """What every record of the world may refer to: the seed and the legitimate trade."""

    seed: int
    agencies: tuple[travel.Agency, ...]
    agencies_by_country: Mapping[str, tuple[travel.Agency, ...]]


def make_context(seed: int, size: int) -> Context:
    """The legitimate agencies of a world of ``size`` people: one for about 300 applicants.

    Agencies sit in the countries applicants come from, in proportion to them.
    """
    agencies = []
    for number in range(max(8, size // 300)):
        rng = keys.rng(seed, "agency", number)
        country = origin_pool().pick(rng).nationalities.pick(rng)
        agency_id = keys.entity_id("app", seed, "agency", number)
        agencies.append(travel.make_agency(agency_id, country, rng))
    by_country: dict[str, list[travel.Agency]] = {}
    for agency in agencies:
        by_country.setdefault(agency.country, []).append(agency)
    return Context(seed, tuple(agencies), {k: tuple(v) for k, v in by_country.items()})


def organization(agency: travel.Agency) -> Entity:
    """The Organization entity of an agency."""
    return entity(
        agency.id,
        "Organization",
        name=agency.name,
        country=agency.country,
        phone=agency.phone,
        email=agency.email,
        address=agency.address,
    )


def airport_id(seed: int, code: str) -> str:
    """The id of an airport's Address entity in the passenger data."""
    return keys.entity_id("pax", seed, "airport", code)


def preamble(ctx: Context, sink: Sink) -> None:
    """Entities every source file starts with: agencies and airports."""
    for agency in ctx.agencies:
        sink.write(Source.VISA, organization(agency))
    table = geo.places()
    countries = geo.countries()
    for airport in (*table.departures.values(), *table.arrivals):
        sink.write(
            Source.PASSENGERS,
            entity(
                airport_id(ctx.seed, airport.code),
                "Address",
                name=f"{airport.name} ({airport.code})",
                full=f"{airport.name}, {airport.city}, {countries[airport.country].name}",
                city=airport.city,
                country=airport.country,
            ),
        )


def day_between(start: date, end: date, rng: Random) -> date:
    """A day drawn uniformly from ``start`` to ``end`` inclusive."""
    return start + timedelta(days=int(rng.random() * ((end - start).days + 1)))


def birth_values(
    birth: date, rng: Random, *, swap: float, shift: float, missing: float = 0.0
) -> list[str]:
    """The birth date a record gives: sometimes day and month swapped, a year off, or none."""
    roll = rng.random()
    if roll < missing:
        return []
    roll -= missing
    if roll < swap:
        swapped = swap_day_month(birth)
        if swapped is not None:
            return [swapped.isoformat()]
    elif roll < swap + shift:
        return [shift_years(birth, 1 if rng.random() < 0.5 else -1).isoformat()]
    return [birth.isoformat()]


def passport(doc_id: str, holder: str | None, doc: Document) -> Entity:
    """A Passport entity with the full data page and the MRZ in ``summary``."""
    return entity(
        doc_id,
        "Passport",
        holder=holder,
        number=doc.number,
        passportNumber=doc.number,
        country=doc.country,
        type="P",
        startDate=doc.issued.isoformat(),
        endDate=doc.expires.isoformat(),
        surname=doc.surname,
        givenName=doc.given,
        birthDate=doc.birth.isoformat(),
        gender="male" if doc.sex == "M" else "female",
        summary="\n".join(doc.mrz),
    )


def application(
    ctx: Context,
    sink: Sink,
    person: Person,
    number: int,
    day: date,
    agency: travel.Agency | None,
    sponsor: tuple[str, str] | None,
    rng: Random,
) -> str:
    """A visa application: the applicant as they write themselves, passport, agent, host."""
    seed, index = ctx.seed, person.index
    pid = keys.entity_id("app", seed, index, number)
    doc = person.document_at(day)
    spelled = person.spelled if rng.random() < 0.8 else respell(person.spelled, rng, 0.5)
    name = spelled.full()
    native = native_full(spelled.name)
    non_latin = spelled.name.origin.script != "Latn"
    own_script = native != name and rng.random() < (0.9 if non_latin else 0.5)
    ident = person.identity
    record = entity(
        pid,
        "Person",
        name=name,
        alias=native if own_script else None,
        firstName=" ".join(spelled.given),
        middleName=" ".join(spelled.middle),
        lastName=" ".join(spelled.family),
        birthDate=birth_values(ident.birth, rng, swap=0.02, shift=0.01),
        birthPlace=person.birth_place,
        nationality=ident.nationality,
        gender=ident.gender,
        phone=person.phone,
        email=person.email,
        address=person.address,
        passportNumber=doc.number,
    )
    sink.person(Source.VISA, record, person.tp)
    sink.write(Source.VISA, passport(keys.entity_id("app", seed, index, number, "doc"), pid, doc))
    if agency is None and rng.random() < _AGENCY_CLIENT_RATE:
        local = ctx.agencies_by_country.get(person.residence, ())
        agency = local[int(rng.random() * len(local))] if local else None
    if sponsor is None and rng.random() < _SPONSOR_RATE:
        sponsor = travel.sponsor(rng)
    purposes = geo.places().purposes
    sink.write(
        Source.VISA,
        entity(
            keys.entity_id("app", seed, index, number, "application"),
            "Event",
            name="Temporary resident visa application",
            date=day.isoformat(),
            involved=pid,
            organizer=agency.id if agency else None,
            country="ca",
            summary=f"Purpose of travel: {purposes[int(rng.random() * len(purposes))]}.",
            namesMentioned=sponsor[0] if sponsor else None,
            address=sponsor[1] if sponsor else None,
        ),
    )
    if agency is not None:
        sink.write(
            Source.VISA,
            entity(
                keys.entity_id("app", seed, index, number, "agent"),
                "Representation",
                agent=agency.id,
                client=pid,
                role="travel agent",
                startDate=day.isoformat(),
            ),
        )
    return pid


def _mrz_names(doc: Document) -> tuple[str, str]:
    field = doc.mrz[0][5:]
    surname, _, given = field.partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip()


def _trip(ctx: Context, trip_id: str, pid: str, flight: travel.Flight) -> Entity:
    return entity(
        trip_id,
        "Trip",
        name=flight.designator,
        startDate=flight.departs.isoformat(timespec="minutes"),
        endDate=flight.arrives.isoformat(timespec="minutes"),
        startLocation=airport_id(ctx.seed, flight.origin.code),
        endLocation=airport_id(ctx.seed, flight.destination.code),
        involved=pid,
    )


def passenger(
    ctx: Context,
    sink: Sink,
    person: Person,
    booking: int,
    flight: travel.Flight,
    doc: Document,
    rng: Random,
) -> tuple[str, str]:
    """Advance passenger data for one booking, names as read from the MRZ, and its trips.

    Returns the ids of the traveller and of the passport.
    """
    seed, index = ctx.seed, person.index
    pid = keys.entity_id("pax", seed, index, booking)
    surname, given = _mrz_names(doc)
    if rng.random() < 0.06:  # keyed in by an agent rather than read from the MRZ
        if rng.random() < 0.5:
            surname = typo(surname, rng)
        else:
            given = typo(given, rng)
    record = entity(
        pid,
        "Person",
        name=f"{given} {surname}".strip(),
        firstName=given,
        lastName=surname,
        birthDate=birth_values(doc.birth, rng, swap=0.03, shift=0.0),
        nationality=doc.nationality,
        gender="male" if doc.sex == "M" else "female",
        passportNumber=doc.number,
    )
    sink.person(Source.PASSENGERS, record, person.tp)
    doc_id = keys.entity_id("pax", seed, index, booking, "doc")
    sink.write(
        Source.PASSENGERS,
        entity(
            doc_id,
            "Passport",
            holder=pid,
            number=doc.number,
            passportNumber=doc.number,
            country=doc.country,
            type="P",
            endDate=doc.expires.isoformat(),
        ),
    )
    sink.write(
        Source.PASSENGERS, _trip(ctx, keys.entity_id("pax", seed, index, booking, 0), pid, flight)
    )
    back = flight.departs.date() + timedelta(days=7 + int(rng.random() * 80))
    if rng.random() < 0.5 and back <= TRAVEL_UNTIL:
        home = travel.flight(flight.destination, flight.origin, back)
        sink.write(
            Source.PASSENGERS, _trip(ctx, keys.entity_id("pax", seed, index, booking, 1), pid, home)
        )
    return pid, doc_id


def interdiction(
    ctx: Context,
    sink: Sink,
    person: Person,
    day: date,
    doc: Document,
    fraud: Fraud | None,
    listed: bool,
    rng: Random,
) -> tuple[str, str]:
    """An interdiction reported by an officer abroad: (person id, passport id)."""
    seed, index = ctx.seed, person.index
    pid = keys.entity_id("int", seed, index)
    spelled = respell(person.spelled, rng, 0.6)
    name = spelled.full(swap=rng.random() < 0.2, middle=rng.random() < 0.6)
    if rng.random() < 0.12:
        name = typo(name, rng)
    ident = person.identity
    aliases = []
    if ident.origin.script != "Latn" and rng.random() < 0.3:
        aliases.append(native_full(ident.name))
    if doc.spelled.name != ident.name:  # travelling in another identity
        aliases.append(doc.spelled.full())
    record = entity(
        pid,
        "Person",
        name=name,
        alias=aliases,
        birthDate=birth_values(ident.birth, rng, swap=0.12, shift=0.05, missing=0.1),
        nationality=ident.nationality if rng.random() < 0.9 else None,
        gender=ident.gender,
        passportNumber=doc.number,
    )
    sink.person(Source.INTERDICTIONS, record, person.tp)
    doc_id = keys.entity_id("int", seed, index, "doc")
    sink.write(Source.INTERDICTIONS, passport(doc_id, pid, doc))
    post = travel.hub(person.residence, rng)
    if fraud is not None:
        reason = _REASONS[fraud]
    elif listed and rng.random() < 0.5:
        reason = "Boarding denied: lookout match confirmed by the officer."
    else:
        reason = _OTHER_REASONS[int(rng.random() * len(_OTHER_REASONS))]
    sink.write(
        Source.INTERDICTIONS,
        entity(
            keys.entity_id("int", seed, index, "event"),
            "Event",
            name="Interdiction",
            date=day.isoformat(),
            location=f"{post.name} ({post.code}), {geo.countries()[post.country].name}",
            country=post.country,
            involved=pid,
            summary=reason,
        ),
    )
    return pid, doc_id


def lost_stolen(ctx: Context, sink: Sink, person: Person, doc: Document, rng: Random) -> str | None:
    """A lost or stolen passport as the issuer reports it; returns the holder's id if named."""
    seed, index = ctx.seed, person.index
    holder = None
    if rng.random() < 0.55:
        holder = keys.entity_id("lst", seed, index, doc.number, "holder")
        record = entity(
            holder,
            "Person",
            name=f"{doc.given} {doc.surname}".strip(),
            firstName=doc.given,
            lastName=doc.surname,
            birthDate=doc.birth.isoformat(),
            nationality=doc.nationality,
            gender=person.identity.gender,
        )
        sink.person(Source.LOST_STOLEN, record, person.tp)
    record = entity(
        keys.entity_id("lst", seed, index, doc.number),
        "Passport",
        holder=holder,
        number=doc.number,
        passportNumber=doc.number,
        country=doc.country,
        type="P",
        startDate=doc.issued.isoformat(),
        endDate=doc.expires.isoformat(),
        description=doc.loss,
        date=doc.reported.isoformat() if doc.reported else None,
    )
    sink.write(Source.LOST_STOLEN, record)
    return holder


def stolen_blanks(
    ctx: Context, sink: Sink, network_id: str, country: str, numbers: tuple[str, ...]
) -> None:
    """A batch of blank booklets reported stolen from the issuer, in number order."""
    rng = keys.rng(ctx.seed, network_id, "blanks")
    reported = day_between(date(2022, 1, 1), date(2023, 12, 31), rng).isoformat()
    for number in numbers:
        sink.write(
            Source.LOST_STOLEN,
            entity(
                keys.entity_id("lst", ctx.seed, "blank", country, number),
                "Passport",
                number=number,
                passportNumber=number,
                country=country,
                type="P",
                description="stolen blank",
                date=reported,
            ),
        )


def departure_day(rng: Random) -> date:
    """A day in the travel window."""
    return day_between(TRAVEL_FROM, TRAVEL_UNTIL, rng)
