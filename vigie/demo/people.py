"""True persons of the synthetic world and their passports.

Everything about person ``index`` is a pure function of the seed, the index and the override
its block plan gives it, so any person can be rebuilt on demand (a namesake copies a listed
person's name, an impostor carries a victim's passport) without keeping anyone in memory.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from random import Random

from vigie.demo import geo, keys
from vigie.demo.mess import shift_years
from vigie.demo.names import (
    Name,
    Origin,
    Spelled,
    Spelling,
    make_name,
    origin_pool,
    respell,
    spell,
)
from vigie.documents.mrz import compose_td3

# The world's calendar: travel and applications happen in this window.
TRAVEL_FROM = date(2024, 1, 1)
TRAVEL_UNTIL = date(2026, 6, 30)
# Watchlist entries are listed in this window, each at least LISTED_FROM_AGE years after its
# person's birth: lists name adults for what they did.
LISTINGS_FROM = date(2015, 1, 1)
LISTINGS_UNTIL = date(2025, 12, 31)
LISTED_FROM_AGE = 18
_ADULT_ISSUE_FROM = date(2016, 7, 1)
_MINOR_ISSUE_FROM = date(2021, 7, 1)
_ISSUE_UNTIL = date(2023, 6, 1)  # before the first application of the world
_RENEWAL_FROM = date(2024, 1, 1)
_RENEWAL_UNTIL = date(2025, 12, 31)
_MINOR_AGE = 16
_RENEWAL_RATE = 0.25
_LOSS_RATE = 0.15
# Turkish passports drop the diacritics in the MRZ instead of expanding Ö and Ü to OE and UE.
_PLAIN_MRZ_STATES = frozenset({"tr"})

# A person's booklets: the current one, the one it replaced, and a fraudulent one.
SLOT_CURRENT = 0
SLOT_PREVIOUS = 1
SLOT_FRAUD = 2


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a person is: origin, sex, nationality, name and date of birth."""

    origin: Origin
    gender: str
    nationality: str
    name: Name
    birth: date


@dataclass(frozen=True, slots=True)
class Override:
    """What a block plan imposes on a person to plant networks and hard cases."""

    origin_of: int | None = None  # take origin and nationality from this person
    name_of: int | None = None  # a namesake of this person
    child: bool = False  # ... born 20 to 35 years after them
    sibling_of: int | None = None  # same sex, origin, father and family name as this person
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    loss: str | None = None  # force a "lost" or "stolen" previous passport


@dataclass(frozen=True, slots=True)
class Document:
    """A passport booklet as issued (fraudulent ones are built from it by the sources)."""

    number: str
    country: str
    nationality: str
    issued: date
    expires: date
    spelled: Spelled
    surname: str
    given: str
    birth: date
    sex: str
    mrz: tuple[str, str]
    loss: str | None = None
    reported: date | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """A true person: identity, contact details and passports, oldest first."""

    index: int
    tp: str
    identity: Identity
    spelled: Spelled
    birth_place: str
    residence: str
    phone: str
    email: str
    address: str
    documents: tuple[Document, ...]

    def document_at(self, day: date) -> Document:
        """The passport this person would carry on ``day``: the latest issued by then."""
        current = self.documents[0]
        for doc in self.documents[1:]:
            if doc.issued <= day:
                current = doc
        return current

    @property
    def current(self) -> Document:
        """The most recent passport."""
        return self.documents[-1]


def true_person_id(index: int) -> str:
    """The ground-truth id of person ``index``."""
    return f"tp-{index:07d}"


def _day_between(start: date, end: date, rng: Random) -> date:
    return start + timedelta(days=int(rng.random() * ((end - start).days + 1)))


def _birth(rng: Random) -> date:
    roll = rng.random()
    if roll < 0.12:
        return _day_between(date(2006, 1, 1), date(2020, 12, 31), rng)
    if roll < 0.85:
        return _day_between(date(1965, 1, 1), date(2005, 12, 31), rng)
    return _day_between(date(1940, 1, 1), date(1964, 12, 31), rng)


def first_listable(birth: date) -> date | None:
    """The first day a person born on ``birth`` may be listed, or ``None`` when they are too
    young to be listed by the end of the listing window."""
    day = max(LISTINGS_FROM, shift_years(birth, LISTED_FROM_AGE))
    return day if day <= LISTINGS_UNTIL else None


def identity(
    seed: int, index: int, origin_of: int | None = None, rng: Random | None = None
) -> Identity:
    """The identity of person ``index``; with ``origin_of``, of that person's origin.

    Drawn from the start of the person's own stream (``rng``, by default a fresh one).
    """
    rng = rng or person_stream(seed, index)
    origin = origin_pool().pick(rng)
    gender = "male" if rng.random() < 0.55 else "female"
    if origin.diaspora is not None and rng.random() < origin.diaspora_rate:
        nationality = origin.diaspora.pick(rng)
    else:
        nationality = origin.nationalities.pick(rng)
    if origin_of is not None:
        leader = identity(seed, origin_of)
        origin, nationality = leader.origin, leader.nationality
    name = make_name(origin, gender, nationality, rng)
    return Identity(origin, gender, nationality, name, _birth(rng))


def person_stream(seed: int, index: int) -> Random:
    """The random stream everything about person ``index`` is drawn from, in order."""
    return keys.rng(seed, "person", index)


def _planned_identity(seed: int, index: int, override: Override, rng: Random) -> Identity:
    ident = identity(seed, index, override.origin_of, rng)
    if override.name_of is not None:
        model = identity(seed, override.name_of)
        birth = ident.birth
        if override.child and model.birth.year <= 1995:
            years = 20 + (keys.key(seed, "child", index) % 16)
            born = shift_years(model.birth, years) + timedelta(days=index % 97)
            birth = min(born, date(2020, 12, 31))
        return replace(model, birth=birth)
    if override.sibling_of is not None:
        # Same parents: same father's name and family name; the sex follows the model so that
        # gendered forms (Ivanova, bint) stay right.
        model = identity(seed, override.sibling_of, override.origin_of)
        pool = model.origin.male if model.gender == "male" else model.origin.female
        given = pool.pick(keys.rng(seed, "sibling", index))
        return replace(model, name=replace(model.name, given=(given,)), birth=ident.birth)
    return ident


def _age(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def passport_number(seed: int, country: str, index: int, slot: int) -> str:
    """The number of booklet ``slot`` that ``country`` issues to person ``index``."""
    return geo.person_number(geo.countries()[country], index, slot, seed)


def make_document(
    ident: Identity,
    spelled: Spelled,
    number: str,
    issued: date,
    *,
    country: str | None = None,
) -> Document:
    """A genuine passport of ``ident`` numbered ``number``, issued on ``issued``.

    Issued by ``country`` (by default the nationality); valid ten years, five for a child
    under 16 at issue; the MRZ carries every check digit.
    """
    state = geo.countries()[country or ident.nationality]
    minor = _age(ident.birth, issued) < _MINOR_AGE
    surname, given = spelled.passport()
    surname, given = surname.upper(), given.upper()
    expires = shift_years(issued, 5 if minor else 10) - timedelta(days=1)
    sex = "M" if ident.gender == "male" else "F"
    return Document(
        number=number,
        country=state.code,
        nationality=ident.nationality,
        issued=issued,
        expires=expires,
        spelled=spelled,
        surname=surname,
        given=given,
        birth=ident.birth,
        sex=sex,
        mrz=_mrz(state.code, ident.nationality, surname, given, number, ident.birth, sex, expires),
    )


def _mrz(
    country: str,
    nationality: str,
    surname: str,
    given: str,
    number: str,
    birth: date,
    sex: str,
    expires: date,
) -> tuple[str, str]:
    if country in _PLAIN_MRZ_STATES:
        surname, given = _plain(surname), _plain(given)
    states = geo.countries()
    return compose_td3(
        "P",
        states[country].alpha3,
        surname,
        given,
        number,
        states[nationality].alpha3,
        birth,
        sex,
        expires,
    )


def with_mrz(doc: Document) -> Document:
    """``doc`` with the MRZ its issuer would print for its current data."""
    mrz = _mrz(
        doc.country,
        doc.nationality,
        doc.surname,
        doc.given,
        doc.number,
        doc.birth,
        doc.sex,
        doc.expires,
    )
    return replace(doc, mrz=mrz)


def _documents(
    seed: int, index: int, ident: Identity, spelled: Spelled, loss: str | None, rng: Random
) -> tuple[Document, ...]:
    def number(slot: int) -> str:
        return passport_number(seed, ident.nationality, index, slot)

    renewed = loss is not None or rng.random() < _RENEWAL_RATE
    if renewed:
        renewal = _day_between(_RENEWAL_FROM, _RENEWAL_UNTIL, rng)
        years = 5 if _age(ident.birth, shift_years(renewal, -10)) < _MINOR_AGE else 10
        first = shift_years(renewal, -years) + timedelta(days=int(rng.random() * 150))
        first = max(first, ident.birth + timedelta(days=30))
        if first < renewal - timedelta(days=60):
            if loss is None and rng.random() < _LOSS_RATE:
                loss = "stolen" if rng.random() < 0.4 else "lost"
            old = make_document(ident, spelled, number(SLOT_PREVIOUS), first)
            if loss is not None:
                reported = renewal - timedelta(days=5 + int(rng.random() * 55))
                old = replace(old, loss=loss, reported=reported)
            # A new booklet sometimes comes with a different spelling of the same name.
            again = respell(spelled, rng, 0.5) if rng.random() < 0.1 else spelled
            new = make_document(ident, again, number(SLOT_CURRENT), renewal)
            return old, new
    issued = _day_between(_ADULT_ISSUE_FROM, _ISSUE_UNTIL, rng)
    if _age(ident.birth, issued) < _MINOR_AGE:
        start = max(_MINOR_ISSUE_FROM, ident.birth + timedelta(days=30))
        issued = _day_between(start, _ISSUE_UNTIL, rng)
    return (make_document(ident, spelled, number(SLOT_CURRENT), issued),)


def make_person(
    seed: int, index: int, override: Override | None = None, rng: Random | None = None
) -> Person:
    """Person ``index`` of the world with ``seed``, as the block plan shapes them.

    ``rng``, if given, must be a fresh :func:`person_stream`; the caller may then go on drawing
    from it, and the person stays the same as when rebuilt without it.
    """
    override = override or Override()
    rng = rng or person_stream(seed, index)
    ident = _planned_identity(seed, index, override, rng)
    spelled = spell(ident.name, Spelling.PREFERRED, rng)
    places = geo.countries()
    home = places[ident.nationality]
    birth_country = home
    if ident.nationality not in ident.origin.nationalities.items and rng.random() < 0.5:
        birth_country = places[ident.origin.nationalities.pick(rng)]
    residence = home
    if rng.random() < 0.15:
        hub = geo.places().departures[home.hubs[0]]
        residence = places[hub.country]
    phone = override.phone or geo.fill(residence.phone, rng)
    email = override.email or geo.email(
        spelled.given[0],
        (spelled.family or spelled.given)[0],
        ident.birth.year,
        residence.code,
        rng,
    )
    address = override.address or geo.address(residence, rng)
    return Person(
        index=index,
        tp=true_person_id(index),
        identity=ident,
        spelled=spelled,
        birth_place=birth_country.cities[int(rng.random() * len(birth_country.cities))],
        residence=residence.code,
        phone=phone,
        email=email,
        address=address,
        documents=_documents(seed, index, ident, spelled, override.loss, rng),
    )
