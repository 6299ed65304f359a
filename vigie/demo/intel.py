"""Intelligence sources: the watchlist and a partner's reporting on smuggling networks."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from random import Random

from vigie.demo import keys
from vigie.demo.mess import shift_years, swap_day_month, typo
from vigie.demo.names import Spelling, Style, kunya, native_full, respell, spell, tamil_initial
from vigie.demo.people import LISTINGS_UNTIL, Person, first_listable
from vigie.demo.plan import Kind, Network
from vigie.demo.records import Sink, Source, entity
from vigie.demo.sources import day_between

_PROGRAM = "VIGIE-DEMO-LOOKOUTS"
_AUTHORITY = "Vigie synthetic watchlist"
_REASONS = {
    "crime.traffick": "Suspected of organising the smuggling of migrants.",
    "sanction": "Listed under the synthetic sanctions programme of the demo world.",
    "wanted": "Subject of an arrest warrant.",
    "crime.terror": "Suspected member of a listed terrorist entity.",
    "crime.fraud": "Suspected of identity and document fraud.",
    "crime": "Convicted of a serious criminal offence.",
    "crime.war": "Suspected of involvement in war crimes or crimes against humanity.",
}
_ARABIC_SCRIPT_KUNYA = frozenset({"arabic", "somali"})


def _birth_dates(birth: date, rng: Random) -> list[str]:
    """Watchlists give an exact date, a year only, several candidates, or nothing."""
    roll = rng.random()
    if roll < 0.55:
        return [birth.isoformat()]
    if roll < 0.75:
        return [str(birth.year)]
    if roll < 0.9:
        other = swap_day_month(birth) or shift_years(birth, -1)
        return [birth.isoformat(), other.isoformat()]
    return []


def watchlist(seed: int, sink: Sink, person: Person, topics: tuple[str, ...], rng: Random) -> str:
    """A watchlist entry: the standard transliteration, many aliases, and its listing."""
    index = person.index
    wid = keys.entity_id("wl", seed, index)
    ident = person.identity
    standard = spell(ident.name, Spelling.STANDARD, rng)
    aliases = [respell(standard, rng, 0.7).full() for _ in range(1 + int(rng.random() * 3))]
    if rng.random() < 0.3:
        aliases.append(standard.full(swap=True))
    if ident.origin.script != "Latn" or rng.random() < 0.3:
        aliases.append(native_full(ident.name))
    if ident.origin.style is Style.PATRONYMIC and ident.origin.ancestors == 1:
        aliases.append(tamil_initial(standard))
    weak: list[str] = []
    if ident.origin.key in _ARABIC_SCRIPT_KUNYA and ident.gender == "male" and rng.random() < 0.4:
        weak.extend(kunya(ident.name, rng))
    name = standard.full()
    record = entity(
        wid,
        "Person",
        name=name,
        alias=[a for a in aliases if a != name],
        weakAlias=weak,
        birthDate=_birth_dates(ident.birth, rng),
        nationality=ident.nationality if rng.random() < 0.9 else None,
        gender=ident.gender if rng.random() < 0.7 else None,
        birthPlace=person.birth_place if rng.random() < 0.3 else None,
        passportNumber=person.current.number if rng.random() < 0.25 else None,
        topics=topics,
    )
    sink.person(Source.WATCHLIST, record, person.tp)
    first = first_listable(ident.birth) or LISTINGS_UNTIL
    listed = day_between(first, LISTINGS_UNTIL, rng).isoformat()
    reason = " ".join(_REASONS[t] for t in topics if t in _REASONS)
    if "sanction" in topics:
        listing = entity(
            keys.entity_id("wl", seed, index, "listing"),
            "Sanction",
            entity=wid,
            program=_PROGRAM,
            authority=_AUTHORITY,
            reason=reason,
            listingDate=listed,
            startDate=listed,
        )
    else:
        listing = entity(
            keys.entity_id("wl", seed, index, "listing"),
            "Risk",
            entity=wid,
            program=_PROGRAM,
            authority=_AUTHORITY,
            reason=reason,
            listingDate=listed,
            topics=topics,
        )
    sink.write(Source.WATCHLIST, listing)
    return wid


def partner_person(seed: int, sink: Sink, person: Person, network: Network, rng: Random) -> str:
    """A partner's record of a network member, with an analyst's note about them."""
    index = person.index
    pid = keys.entity_id("pi", seed, index)
    ident = person.identity
    spelled = respell(person.spelled, rng, 0.6)
    name = spelled.full(swap=rng.random() < 0.15)
    if rng.random() < 0.15:
        name = typo(name, rng)
    roll = rng.random()
    birth = (
        [ident.birth.isoformat()] if roll < 0.4 else [str(ident.birth.year)] if roll < 0.8 else []
    )
    organizer = index == network.organizer
    record = entity(
        pid,
        "Person",
        name=name,
        alias=native_full(ident.name)
        if ident.origin.script != "Latn" and rng.random() < 0.5
        else None,
        birthDate=birth,
        nationality=ident.nationality if rng.random() < 0.8 else None,
        gender=ident.gender,
        phone=person.phone if rng.random() < 0.3 else None,
        topics="crime.traffick" if organizer else None,
    )
    sink.person(Source.PARTNER, record, person.tp)
    if organizer:
        trade = "documents and travel" if network.kind is Kind.DOCUMENT_FRAUD else "travel"
        text = f"Assessed as a facilitator of irregular migration who arranges {trade} for clients."
    else:
        text = "Reported as a client of a smuggling network; travel arranged by a facilitator."
    sink.write(
        Source.PARTNER,
        entity(
            keys.entity_id("pi", seed, index, "note"),
            "Note",
            entity=pid,
            name="Partner reporting",
            description=text,
        ),
    )
    return pid


def partner_links(seed: int, sink: Sink, network: Network, people: Mapping[int, str]) -> None:
    """Edges the partner reports among the network members it knows (by person index)."""
    rng = keys.rng(seed, network.id, "links")
    hub = people.get(network.organizer)
    known = [i for i in network.members if i in people and i != network.organizer]
    for member in known:
        if hub is not None:
            sink.write(
                Source.PARTNER,
                entity(
                    keys.entity_id("pi", seed, network.id, "associate", member),
                    "Associate",
                    person=hub,
                    associate=people[member],
                    relationship="facilitator and client",
                ),
            )
    for number in range(min(2, len(known) // 2)):
        first, second = rng.sample(known, 2)
        sink.write(
            Source.PARTNER,
            entity(
                keys.entity_id("pi", seed, network.id, "link", number),
                "UnknownLink",
                subject=people[first],
                object=people[second],
                role="shared accommodation" if rng.random() < 0.5 else "money transfers",
            ),
        )
    if network.siblings is not None and all(s in people for s in network.siblings):
        elder, younger = network.siblings
        sink.write(
            Source.PARTNER,
            entity(
                keys.entity_id("pi", seed, network.id, "family"),
                "Family",
                person=people[elder],
                relative=people[younger],
                relationship="sibling",
            ),
        )
