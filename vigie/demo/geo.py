"""Countries, airports and the contact details and document numbers drawn from them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from random import Random
from typing import Any

import yaml
from anyascii import anyascii

from vigie.demo import keys

_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Blank booklets are stolen in batches of consecutive numbers, taken from aligned runs of this
# many numbers.
NUMBER_BLOCK = 64
# libyaml when it is there: the pure-Python parser takes most of a small world's time.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Country:
    """A country as the generator needs it (see ``data/countries.yaml``)."""

    code: str
    alpha3: str
    name: str
    phone: str
    passport: str
    hubs: tuple[str, ...]
    cities: tuple[str, ...]
    streets: tuple[str, ...]
    address: str
    postcode: str | None
    number_space: int


@dataclass(frozen=True, slots=True)
class Airport:
    """An airport: a trip's end or the post where an interdiction happens."""

    code: str
    name: str
    city: str
    country: str
    carrier: str


@dataclass(frozen=True, slots=True)
class Places:
    """Airports and travel-trade vocabulary (see ``data/places.yaml``)."""

    arrivals: tuple[Airport, ...]
    departures: dict[str, Airport]
    agency_first: tuple[str, ...]
    agency_second: tuple[str, ...]
    global_domains: tuple[str, ...]
    regional_domains: dict[str, tuple[str, ...]]
    purposes: tuple[str, ...]


def _load(name: str) -> Any:
    text = resources.files("vigie.demo").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LOADER)


def _space(pattern: str) -> int:
    size = 1
    for char in pattern:
        size *= 10 if char == "#" else 26 if char == "@" else 1
    return size


@cache
def countries() -> dict[str, Country]:
    """Every country by ISO 3166 alpha-2 code (lower case, as FollowTheMoney writes it)."""
    out: dict[str, Country] = {}
    for code, raw in _load("countries.yaml").items():
        passport = str(raw.get("passport", "@#######"))
        space = _space(passport)
        if space < 10**8 or space % (2 * NUMBER_BLOCK):
            raise ValueError(f"passport pattern of {code} spans too few numbers: {passport}")
        out[code] = Country(
            code=code,
            alpha3=raw["alpha3"],
            name=raw["name"],
            phone=raw["phone"],
            passport=passport,
            hubs=tuple(raw["hubs"]),
            cities=tuple(raw["cities"]),
            streets=tuple(raw["streets"]),
            address=raw.get("address", "{street} {n}"),
            postcode=raw.get("postcode"),
            number_space=space,
        )
    return out


def _airport(code: str, raw: dict[str, str]) -> Airport:
    return Airport(code, raw["name"], raw["city"], raw["country"], raw["carrier"])


@cache
def places() -> Places:
    """Airports, agency-name parts, e-mail domains and travel purposes."""
    raw = _load("places.yaml")
    return Places(
        arrivals=tuple(_airport(c, a) for c, a in raw["arrivals"].items()),
        departures={c: _airport(c, a) for c, a in raw["departures"].items()},
        agency_first=tuple(raw["agency_names"]["first"]),
        agency_second=tuple(raw["agency_names"]["second"]),
        global_domains=tuple(raw["email_domains"]["global"]),
        regional_domains={k: tuple(v) for k, v in raw["email_domains"]["regional"].items()},
        purposes=tuple(raw["purposes"]),
    )


def fill(pattern: str, rng: Random) -> str:
    """Fill a pattern: ``#`` a digit, ``%`` a digit 2-9, ``@`` a capital letter."""
    out = []
    for char in pattern:
        if char == "#":
            out.append(_DIGITS[int(rng.random() * 10)])
        elif char == "%":
            out.append(_DIGITS[2 + int(rng.random() * 8)])
        elif char == "@":
            out.append(_LETTERS[int(rng.random() * 26)])
        else:
            out.append(char)
    return "".join(out)


def address(country: Country, rng: Random) -> str:
    """A street address in ``country``, one line, with city and country name."""
    street = country.address.format(
        n=1 + int(rng.random() * 400),
        street=country.streets[int(rng.random() * len(country.streets))],
    )
    if rng.random() < 0.5:
        street = f"{street}, apt {1 + int(rng.random() * 80)}"
    city = country.cities[int(rng.random() * len(country.cities))]
    if country.postcode:
        city = f"{city} {fill(country.postcode, rng)}"
    return f"{street}, {city}, {country.name}"


@lru_cache(maxsize=8192)
def _ascii(word: str) -> str:
    return "".join(c for c in anyascii(word).lower() if c.isalnum())


def email(given: str, family: str, birth_year: int, country: str, rng: Random) -> str:
    """A plausible personal e-mail address built from a Latin spelling of the name."""
    first, last = _ascii(given) or "user", _ascii(family) or _ascii(given) or "mail"
    roll = rng.random()
    if roll < 0.3:
        local = f"{first}.{last}{int(rng.random() * 100)}"
    elif roll < 0.55:
        local = f"{first}{last}{birth_year % 100:02d}{int(rng.random() * 10)}"
    elif roll < 0.8:
        local = f"{last}.{first}{int(rng.random() * 1000)}"
    else:
        local = f"{first[0]}{last}{birth_year}{int(rng.random() * 10)}"
    table = places()
    regional = table.regional_domains.get(country)
    domains = regional if regional and rng.random() < 0.5 else table.global_domains
    return f"{local}@{domains[int(rng.random() * len(domains))]}"


@cache
def _affine(seed: int, code: str, salt: str, modulus: int) -> tuple[int, int]:
    # The multiplier must be coprime with the modulus, whose prime factors are among 2, 5 and
    # 13 (the radices 10 and 26).
    multiplier = keys.key(seed, code, salt, "a") % modulus | 1
    while multiplier % 5 == 0 or multiplier % 13 == 0:
        multiplier += 2
    return multiplier, keys.key(seed, code, salt, "b") % modulus


def _encode(country: Country, value: int) -> str:
    out = []
    for char in reversed(country.passport):
        if char == "#":
            value, digit = divmod(value, 10)
            out.append(_DIGITS[digit])
        elif char == "@":
            value, letter = divmod(value, 26)
            out.append(_LETTERS[letter])
        else:
            out.append(char)
    return "".join(reversed(out))


def person_number(country: Country, index: int, slot: int, seed: int) -> str:
    """The number of booklet ``slot`` (0-3) that ``country`` issues to person ``index``.

    Each slot has its own eighth of the number space and its own seed-dependent affine
    permutation of it, so numbers never collide, look random, and a person's booklets do not
    betray each other by shared digits. The upper half of the space is left to blank batches.
    """
    eighth = country.number_space // 8
    if not 0 <= slot < 4 or not 0 <= index < eighth:
        raise ValueError(f"no number for person {index}, slot {slot} in {country.code}")
    multiplier, offset = _affine(seed, country.code, f"slot{slot}", eighth)
    return _encode(country, slot * eighth + (multiplier * index + offset) % eighth)


def blank_numbers(country: Country, series: int, count: int, seed: int) -> tuple[str, ...]:
    """A batch of ``count`` (at most 64) consecutive numbers of blank booklets, for ``series``.

    Batches take aligned runs of :data:`NUMBER_BLOCK` numbers in the upper half of the space,
    which no person's booklet uses.
    """
    if not 0 < count <= NUMBER_BLOCK:
        raise ValueError(f"a batch holds 1 to {NUMBER_BLOCK} booklets, not {count}")
    half = country.number_space // 2
    runs = half // NUMBER_BLOCK
    multiplier, offset = _affine(seed, country.code, "blanks", runs)
    start = half + ((multiplier * series + offset) % runs) * NUMBER_BLOCK
    return tuple(_encode(country, start + j) for j in range(count))
