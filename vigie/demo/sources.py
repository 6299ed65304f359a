"""Operational sources: passenger data, and what every source shares (the legitimate travel
trade, days, birth dates as records give them). Applications, interdictions and lost or stolen
documents are tables, written by ``vigie.demo.filings``. Each record renders its person the way
that source would."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from vigie.demo import keys, travel
from vigie.demo.mess import shift_years, swap_day_month, typo
from vigie.demo.names import origin_pool
from vigie.demo.paxlst import Traveller, document_id
from vigie.demo.people import TRAVEL_FROM, TRAVEL_UNTIL, Document, Person
from vigie.demo.records import Sink


@dataclass(frozen=True, slots=True)
class Context:
    """What every record of the world may refer to: the seed and the legitimate trade."""

    seed: int
    agencies: tuple[travel.Agency, ...]
    agencies_by_country: Mapping[str, tuple[travel.Agency, ...]]
    # Claimants' representatives: a few, each acting for many claimants, as they do.
    representatives: int


def make_context(seed: int, size: int) -> Context:
    """The legitimate trade of a world of ``size`` people: a travel agency for about 300
    applicants, a claimants' representative for about 1,000 people (some 20 claimants each).

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
    return Context(
        seed,
        tuple(agencies),
        {k: tuple(v) for k, v in by_country.items()},
        max(2, size // 1000),
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


def _mrz_names(doc: Document) -> tuple[str, str]:
    field = doc.mrz[0][5:]
    surname, _, given = field.partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip()


# A traveller in fifty works for an airline: their flights are reported on crew lists.
_CREW_ONE_IN = 50
_BOOKING_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def _booking_reference(seed: int, index: int, booking: int) -> str:
    number = keys.key(seed, "booking", index, booking)
    letters = []
    for _ in range(6):
        number, digit = divmod(number, len(_BOOKING_ALPHABET))
        letters.append(_BOOKING_ALPHABET[digit])
    return "".join(letters)


def passenger(
    ctx: Context,
    sink: Sink,
    person: Person,
    booking: int,
    flight: travel.Flight,
    doc: Document,
    rng: Random,
) -> tuple[list[str], str]:
    """Advance passenger data for one booking, names as read from the MRZ, on the flight out
    and sometimes back: each flight's list is a PAXLST message (``vigie.demo.paxlst``).

    Returns the ids of the traveller's Person records (one per flight) and of the passport.
    """
    seed, index = ctx.seed, person.index
    surname, given = _mrz_names(doc)
    if rng.random() < 0.06:  # keyed in by an agent rather than read from the MRZ
        if rng.random() < 0.5:
            surname = typo(surname, rng)
        else:
            given = typo(given, rng)
    births = birth_values(doc.birth, rng, swap=0.03, shift=0.0)
    crew = keys.key(seed, "crew", index) % _CREW_ONE_IN == 0
    traveller = Traveller(
        true_person=person.tp,
        index=index,
        surname=surname,
        given=given,
        birth=date.fromisoformat(births[0]) if births else None,
        residence=person.residence,
        document=doc,
        booking="" if crew else _booking_reference(seed, index, booking),
        crew=crew,
    )
    legs = [flight]
    back = flight.departs.date() + timedelta(days=7 + int(rng.random() * 80))
    if rng.random() < 0.5 and back <= TRAVEL_UNTIL:
        legs.append(travel.flight(flight.destination, flight.origin, back))
    pids = [sink.passengers.add(traveller, leg) for leg in legs]
    return pids, document_id(doc)


def departure_day(rng: Random) -> date:
    """A day in the travel window."""
    return day_between(TRAVEL_FROM, TRAVEL_UNTIL, rng)
