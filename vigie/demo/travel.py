"""The travel trade around applicants: agencies, hosts in Canada and scheduled flights."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from random import Random

from vigie.demo import geo, keys
from vigie.demo.names import Spelling, make_name, origin_pool, spell


@dataclass(frozen=True, slots=True)
class Agency:
    """A travel agency or immigration consultant that files applications for clients."""

    id: str
    name: str
    country: str
    phone: str
    email: str
    address: str


@dataclass(frozen=True, slots=True)
class Flight:
    """One scheduled departure towards Canada."""

    designator: str
    departs: datetime
    arrives: datetime
    origin: geo.Airport
    destination: geo.Airport


def make_agency(agency_id: str, country: str, rng: Random) -> Agency:
    """An agency in ``country`` with a made-up trading name and its own contact details."""
    table = geo.places()
    place = geo.countries()[country]
    first = table.agency_first[int(rng.random() * len(table.agency_first))]
    second = table.agency_second[int(rng.random() * len(table.agency_second))]
    name = f"{first} {second}"
    slug = "".join(c for c in first.lower() if c.isalnum())
    return Agency(
        id=agency_id,
        name=name,
        country=country,
        phone=geo.fill(place.phone, rng),
        email=f"{slug}{int(rng.random() * 100)}.visa@gmail.com",
        address=geo.address(place, rng),
    )


def sponsor(rng: Random) -> tuple[str, str]:
    """A host or sponsor in Canada: (name, address). Not a person of the world's truth."""
    origin = origin_pool().pick(rng)
    gender = "male" if rng.random() < 0.5 else "female"
    name = make_name(origin, gender, "ca", rng)
    return spell(name, Spelling.PREFERRED, rng).full(), geo.address(geo.countries()["ca"], rng)


def flight(origin: geo.Airport, destination: geo.Airport, day: date) -> Flight:
    """The daily flight on a route: the same designator and times every day, like a timetable."""
    route = keys.key("route", origin.code, destination.code)
    carrier = origin.carrier if route % 3 else destination.carrier
    number = 100 + route % 1900
    departs = datetime.combine(day, time((route >> 8) % 24, 5 * ((route >> 16) % 12)))
    duration = timedelta(hours=7 + (route >> 24) % 9, minutes=5 * ((route >> 32) % 12))
    return Flight(f"{carrier} {number}", departs, departs + duration, origin, destination)


def hub(country: str, rng: Random) -> geo.Airport:
    """An airport people from ``country`` fly out of."""
    hubs = geo.countries()[country].hubs
    return geo.places().departures[hubs[int(rng.random() * len(hubs))]]


def arrival(rng: Random) -> geo.Airport:
    """A Canadian port of entry, the big ones more often."""
    arrivals = geo.places().arrivals
    return arrivals[min(int(rng.random() ** 2 * len(arrivals)), len(arrivals) - 1)]
