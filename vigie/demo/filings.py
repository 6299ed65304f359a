"""What people file and what is filed about them: immigration applications, interdiction reports
and lost or stolen document reports, as rows of the world's tables (``vigie.demo.tables``).

Each renders its person the way that source would. Choices that the person's random stream did
not make before these sources became tables (application type, outcome, declared travel, flight
and report details) draw from streams of their own, so they leave the rest of the world as it
was.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from random import Random

from vigie.demo import geo, keys, travel
from vigie.demo.forgery import Fraud
from vigie.demo.mess import typo
from vigie.demo.names import native_full, respell
from vigie.demo.people import Document, Person
from vigie.demo.plan import Network
from vigie.demo.records import Sink
from vigie.demo.sources import Context, birth_values, day_between

APPLICATIONS_FROM = date(2023, 6, 1)
APPLICATIONS_UNTIL = date(2026, 3, 31)
_AGENCY_CLIENT_RATE = 0.25
_SPONSOR_RATE = 0.35
_RELATIONSHIPS = ("friend", "relative", "host", "employer")
_DESTINATIONS = ("us", "gb", "fr", "de", "ae", "tr", "it", "es", "jp", "th", "sa", "qa")
_FRAUD_TYPES = {
    Fraud.COUNTERFEIT: "counterfeit",
    Fraud.COUNTERFEIT_CHECK_DIGIT: "counterfeit",
    Fraud.ALTERED: "altered",
    Fraud.ALTERED_MRZ_MISMATCH: "altered",
    Fraud.IMPOSTOR: "impostor",
    Fraud.FRAUDULENTLY_OBTAINED: "fraudulently-obtained-genuine",
    Fraud.STOLEN_BLANK: "stolen-blank",
}
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
_INDICATORS = (
    "escorted",
    "group-travel",
    "document-handover",
    "third-party-payment",
    "coached",
    "no-return-ticket",
)
_NUMBERS = 10**9


@cache
def _affine(seed: int, salt: str) -> tuple[int, int]:
    # A permutation of the numbers: unique by construction, yet no order to betray whose is whose.
    multiplier = keys.key(seed, salt, "a") % _NUMBERS | 1
    while multiplier % 5 == 0:
        multiplier += 2
    return multiplier, keys.key(seed, salt, "b") % _NUMBERS


def file_number(seed: int, salt: str, serial: int) -> str:
    """A nine-digit file number, distinct for each ``serial`` below a billion."""
    multiplier, offset = _affine(seed, salt)
    return f"{(multiplier * serial + offset) % _NUMBERS:09d}"


def _gender(doc: Document) -> str:
    return "male" if doc.sex == "M" else "female"


def _document(prefix: str, doc: Document) -> dict[str, str | None]:
    """The data page of a passport, as the columns of a table name it."""
    return {
        f"{prefix}_number": doc.number,
        f"{prefix}_country": doc.country,
        f"{prefix}_surname": doc.surname,
        f"{prefix}_given_names": doc.given,
        f"{prefix}_birth_date": doc.birth.isoformat(),
        f"{prefix}_gender": _gender(doc),
        f"{prefix}_issued": doc.issued.isoformat(),
        f"{prefix}_expires": doc.expires.isoformat(),
        f"{prefix}_mrz": "\n".join(doc.mrz),
    }


def _decision(day: date, rng: Random) -> tuple[str | None, str | None]:
    """An application's outcome and decision day; none yet for the most recent ones."""
    decided = day + timedelta(days=10 + int(rng.random() * 80))
    if decided > APPLICATIONS_UNTIL:
        return None, None
    roll = rng.random()
    outcome = "approved" if roll < 0.78 else "refused" if roll < 0.96 else "withdrawn"
    return outcome, decided.isoformat()


def _travel_history(day: date, rng: Random) -> dict[str, str | None]:
    row: dict[str, str | None] = {}
    for slot in range(1, 1 + int(rng.random() * 4)):
        start = day - timedelta(days=30 + int(rng.random() * 3000))
        row[f"trip{slot}_country"] = _DESTINATIONS[int(rng.random() * len(_DESTINATIONS))]
        row[f"trip{slot}_from"] = start.isoformat()
        row[f"trip{slot}_to"] = (start + timedelta(days=3 + int(rng.random() * 25))).isoformat()
    return row


# Application types by share: most are visitor visas; refugee claims and citizenship are made in
# Canada, at an inland office, and often through a representative.
_APPLICATION_TYPES = (
    (0.74, "visitor-visa"),
    (0.84, "study-permit"),
    (0.92, "work-permit"),
    (0.97, "refugee-claim"),
    (1.0, "citizenship"),
)
_INLAND_OFFICES = ("Montréal", "Toronto", "Vancouver", "Calgary", "Ottawa")
_REPRESENTED = {"refugee-claim": 0.8, "citizenship": 0.3}


def _application_type(roll: float) -> str:
    return next(kind for share, kind in _APPLICATION_TYPES if roll < share)


_INLAND = {"refugee-claim": "Refugee claims intake", "citizenship": "Citizenship office"}


def _office(kind: str, residence: geo.Country, seed: int, index: int, number: int) -> str:
    if kind in _INLAND:
        city = _INLAND_OFFICES[keys.key(seed, "office", index, number) % len(_INLAND_OFFICES)]
        return f"{_INLAND[kind]}, {city}, Canada"
    return f"Visa office {residence.cities[0]}, {residence.name}"


def _representative(ctx: Context, own: Random, rate: float) -> dict[str, str | None]:
    """A representative from the world's pool, for ``rate`` of the applications (or none):
    drawn last from the application's own stream, so that adding them changed nothing else the
    application holds."""
    if own.random() >= rate:
        return {}
    which = keys.rng(ctx.seed, "representative", int(own.random() * ctx.representatives))
    name, _address = travel.sponsor(which)
    canada = geo.countries()["ca"]
    return {
        "representative_name": name,
        "representative_phone": geo.fill(canada.phone, which),
    }


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
    """An application: the applicant as they write themselves, passport, agent, host and
    declared travel. Returns the applicant's id."""
    seed, index = ctx.seed, person.index
    doc = person.document_at(day)
    spelled = person.spelled if rng.random() < 0.8 else respell(person.spelled, rng, 0.5)
    name = spelled.full()
    native = native_full(spelled.name)
    non_latin = spelled.name.origin.script != "Latn"
    own_script = native != name and rng.random() < (0.9 if non_latin else 0.5)
    ident = person.identity
    births = birth_values(ident.birth, rng, swap=0.02, shift=0.01)
    if agency is None and rng.random() < _AGENCY_CLIENT_RATE:
        local = ctx.agencies_by_country.get(person.residence, ())
        agency = local[int(rng.random() * len(local))] if local else None
    if sponsor is None and rng.random() < _SPONSOR_RATE:
        sponsor = travel.sponsor(rng)
    purposes = geo.places().purposes
    purpose = purposes[int(rng.random() * len(purposes))]
    own = keys.rng(seed, "application", index, number)
    roll = own.random()
    kind = _application_type(roll)
    outcome, decided = _decision(day, own)
    residence = geo.countries()[person.residence]
    row: dict[str, str | None] = {
        "application_number": file_number(seed, "application", 2 * index + number),
        "application_type": kind,
        "office": _office(kind, residence, seed, index, number),
        "submitted": day.isoformat(),
        "decided": decided,
        "outcome": outcome,
        "purpose": f"Purpose of travel: {purpose}.",
        "full_name": name,
        "native_name": native if own_script else None,
        "given_names": " ".join(spelled.given),
        "middle_names": " ".join(spelled.middle),
        "surname": " ".join(spelled.family),
        "birth_date": births[0] if births else None,
        "birth_place": person.birth_place,
        "nationality": ident.nationality,
        "gender": ident.gender,
        "addresses": person.address,
        "phones": person.phone,
        "emails": person.email,
        **_document("passport", doc),
        **_travel_history(day, own),
    }
    if agency is not None:
        row.update(
            agent_name=agency.name,
            agent_country=agency.country,
            agent_phone=agency.phone,
            agent_email=agency.email,
            agent_address=agency.address,
        )
    if sponsor is not None:
        row.update(
            sponsor_name=sponsor[0],
            sponsor_address=sponsor[1],
            sponsor_relationship=_RELATIONSHIPS[int(own.random() * len(_RELATIONSHIPS))],
        )
    if kind in _REPRESENTED:
        row.update(_representative(ctx, own, _REPRESENTED[kind]))
    applicant = sink.tables.write("applications", row)["applicant"].id
    sink.tables.person("applications", applicant, person.tp)
    return applicant


def _outcome(outcome: str, reason: str, roll: float) -> str:
    """Some referrals end in arrest; a traveller the airline referred may be offloaded, or
    allowed to board once the officer is satisfied."""
    if outcome == "referred-to-local-authorities":
        return "arrested" if roll < 0.3 else outcome
    if reason.startswith("Referred by airline"):
        return "allowed-to-board" if roll < 0.5 else "offloaded" if roll < 0.75 else outcome
    return outcome


def interdiction(
    ctx: Context,
    sink: Sink,
    person: Person,
    day: date,
    doc: Document,
    fraud: Fraud | None,
    listed: bool,
    network: Network | None,
    rng: Random,
) -> tuple[str, str]:
    """An interdiction reported by an officer abroad: (person id, document id). Members of a
    ``network`` show smuggling indicators."""
    seed, index = ctx.seed, person.index
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
    births = birth_values(ident.birth, rng, swap=0.12, shift=0.05, missing=0.1)
    nationality = ident.nationality if rng.random() < 0.9 else None
    post = travel.hub(person.residence, rng)
    if fraud is not None:
        reason = _REASONS[fraud]
    elif listed and rng.random() < 0.5:
        reason = "Boarding denied: lookout match confirmed by the officer."
    else:
        reason = _OTHER_REASONS[int(rng.random() * len(_OTHER_REASONS))]
    own = keys.rng(seed, "interdiction", index)
    flight = travel.flight(post, travel.arrival(own), day)
    outcome = "boarding-denied"
    if fraud is not None and own.random() < 0.2:
        outcome = "referred-to-local-authorities"
    indicators = []
    if network is not None:
        indicators = own.sample(_INDICATORS, 1 + int(own.random() * 3))
    outcome = _outcome(outcome, reason, own.random())
    country = geo.countries()[post.country]
    row: dict[str, str | None] = {
        "reference": f"INT-{day.year}-{file_number(seed, 'interdiction', index)}",
        "date": day.isoformat(),
        "post": post.city,
        "location": f"{post.name} ({post.code}), {country.name}",
        "country": post.country,
        "carrier": flight.designator.split()[0],
        "flight": flight.designator,
        "full_name": name,
        "aliases": ";".join(dict.fromkeys(a for a in aliases if a != name)),
        "birth_date": births[0] if births else None,
        "nationality": nationality,
        "gender": ident.gender,
        "document_type": "passport",
        **_document("document", doc),
        "fraud_type": _FRAUD_TYPES[fraud] if fraud is not None else None,
        "outcome": outcome,
        "smuggling_indicators": ";".join(indicators),
        "narrative": reason,
    }
    found = sink.tables.write("interdictions", row)
    pid = found["person"].id
    sink.tables.person("interdictions", pid, person.tp)
    return pid, found["document"].id


def lost_stolen(ctx: Context, sink: Sink, person: Person, doc: Document, rng: Random) -> str | None:
    """A lost or stolen passport as the issuer reports it; returns the holder's id if named."""
    named = rng.random() < 0.55
    row: dict[str, str | None] = {
        "issuing_state": doc.country,
        "document_type": "passport",
        "document_number": doc.number,
        "date_reported": doc.reported.isoformat() if doc.reported else None,
        "status": doc.loss,
        "issued": doc.issued.isoformat(),
        "expires": doc.expires.isoformat(),
    }
    if named:
        row.update(
            holder_surname=doc.surname,
            holder_given_names=doc.given,
            holder_birth_date=doc.birth.isoformat(),
            holder_nationality=doc.nationality,
            holder_gender=person.identity.gender,
        )
    found = sink.tables.write("lost-stolen", row)
    if not named:
        return None
    holder = found["holder"].id
    sink.tables.person("lost-stolen", holder, person.tp)
    return holder


def stolen_blanks(
    ctx: Context, sink: Sink, network_id: str, country: str, numbers: tuple[str, ...]
) -> None:
    """A batch of blank booklets reported stolen from the issuer, in number order."""
    rng = keys.rng(ctx.seed, network_id, "blanks")
    reported = day_between(date(2022, 1, 1), date(2023, 12, 31), rng).isoformat()
    for number in numbers:
        sink.tables.write(
            "lost-stolen",
            {
                "issuing_state": country,
                "document_type": "passport",
                "document_number": number,
                "date_reported": reported,
                "status": "stolen-blank",
            },
        )
