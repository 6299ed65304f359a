"""A PAXLST message (WCO/IATA/ICAO guides, directories D02B to D15B) as FollowTheMoney records.

| segment | FtM |
| --- | --- |
| UNH, BGM | must name PAXLST; 745 passenger list, 250 or 336 crew list |
| TDT+20 | Trip ``name`` "AC 871" (carrier from TDT, else the flight id's prefix), |
| | ``keywords`` "carrier:AC", "flight:AC 871" |
| LOC+125, DTM+189 | Trip ``startLocation`` (Address ``airport-<IATA>``), ``startDate`` (local) |
| LOC+87, DTM+232 | Trip ``endLocation``, ``endDate`` |
| NAD+FL, DDU, FM, DDT | Person, in the Trip's ``involved``; passenger or crew (in transit) |
| NAD name, address | Person ``name``, ``lastName``, ``firstName``, ``middleName``, ``address`` |
| ATT+2, DTM+329 | Person ``gender`` (M, F, X; U is unknown), ``birthDate`` |
| NAT+2, LOC+174, LOC+180 | Person ``nationality``, ``country`` (residence), ``birthPlace`` |
| LOC+178, LOC+179, RFF+AVF | UnknownLink Person → Trip: ``role``, ``description``, ``recordId`` |
| DOC P… / other | Passport / Identification ``number``, ``type``, ``holder`` |
| DTM+36, DTM+182, LOC+91 | the document's ``endDate``, ``startDate``, ``country`` |
| CNT+42, CNT+41 | must equal the passengers, crew listed (unless the list has several parts) |

Other segments and qualifiers are read past. Two-digit years: departures and arrivals are in the
2000s, a birth or issue date is the latest that is not after the departure, an expiry the
earliest up to 50 years after it. Every value read from the message is cleaned by its FtM type;
one that does not clean rejects the message, naming its segment. Ids and dates the mapping writes
itself are stored as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from vigie.collect.paxlst import ids
from vigie.collect.paxlst.edifact import Segment, SegmentError
from vigie.collect.paxlst.fields import Entity, airport, country, moment
from vigie.collect.paxlst.interchange import Message
from vigie.i18n import _
from vigie.store.writer import Record

ROLES = {
    "FL": "passenger",
    "DDU": "passenger in transit",
    "FM": "crew member",
    "DDT": "crew member in transit",
}
CREW = frozenset({"FM", "DDT"})
# BGM document codes: 745 passenger list, 250 crew list, 336 master crew list.
CREW_LISTS = frozenset({"250", "336"})
LISTS = frozenset({"745"}) | CREW_LISTS
GENDERS = {"M": "male", "F": "female", "X": "other", "U": None}
_DOCUMENT_DETAILS = frozenset({("DTM", "36"), ("DTM", "182"), ("LOC", "91")})
# A flight id: IATA (2) or ICAO (3) carrier designator, 1-4 digits, an optional suffix letter.
_FLIGHT = re.compile(r"([A-Z]{3}|[A-Z0-9]{2})(\d{1,4}[A-Z]?)")
_NUMBER = re.compile(r"\d{1,4}[A-Z]?")


@dataclass
class _Group:
    """A NAD or DOC segment and the segments that belong to it."""

    head: Segment
    details: list[Segment] = field(default_factory=list)
    documents: list[_Group] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Flight:
    """The flight a message reports."""

    reference: str
    carrier: str
    number: str
    crew_list: bool
    origin: str
    destination: str
    departs: datetime
    arrives: datetime | None

    @property
    def trip(self) -> str:
        """The Trip's id."""
        return ids.trip_id(self.carrier, self.number, self.departs.date().isoformat())


@dataclass(frozen=True, slots=True)
class Mapped:
    """The records of one message, a label naming its flight, and its number of travellers."""

    label: str
    records: list[Record]
    travellers: int


def _group(segments: tuple[Segment, ...]) -> tuple[list[Segment], list[_Group], list[Segment]]:
    """The header segments, the travellers (each with their documents) and the CNT segments.
    A segment belongs to a document by its qualifier, wherever the sender placed it."""
    header: list[Segment] = []
    travellers: list[_Group] = []
    counts: list[Segment] = []
    for segment in segments[1:-1]:
        tag = segment.tag
        if tag == "NAD" and segment.value(0) in ROLES:
            travellers.append(_Group(segment))
        elif tag == "CNT":
            counts.append(segment)
        elif not travellers:
            header.append(segment)
        elif tag == "DOC":
            travellers[-1].documents.append(_Group(segment))
        elif (tag, segment.value(0, 0)) in _DOCUMENT_DETAILS:
            if not travellers[-1].documents:
                raise SegmentError(segment.number, tag, _("this comes before any DOC segment"))
            travellers[-1].documents[-1].details.append(segment)
        else:
            travellers[-1].details.append(segment)
    return header, travellers, counts


def _flight(header: list[Segment], first: Segment) -> Flight:
    found: dict[str, Segment] = {}
    for segment in header:
        tag = segment.tag
        if tag in ("BGM", "TDT", "LOC", "DTM") and (tag != "TDT" or segment.value(0) == "20"):
            key = f"{tag}+{segment.value(0, 0)}" if tag in ("LOC", "DTM") else tag
            found.setdefault(key, segment)
    for key in ("BGM", "TDT", "LOC+125", "LOC+87", "DTM+189"):
        if key not in found:
            raise SegmentError(
                first.number,
                first.tag,
                _("the message gives no {segment} before this segment").format(
                    segment="TDT+20" if key == "TDT" else key
                ),
            )
    bgm, tdt = found["BGM"], found["TDT"]
    if bgm.value(0, 0) not in LISTS:
        raise SegmentError(
            bgm.number,
            "BGM",
            _("document code {code!r} is no passenger list (745) or crew list (250, 336)").format(
                code=bgm.value(0, 0)
            ),
        )
    reference = tdt.value(1).replace(" ", "").upper()
    carrier, number = tdt.value(4, 0).upper(), ""
    if carrier and reference.startswith(carrier):
        number = reference[len(carrier) :]
    elif carrier and _NUMBER.fullmatch(reference):
        number = reference
    elif match := _FLIGHT.fullmatch(reference):
        carrier, number = carrier or match.group(1), match.group(2)
    if not _NUMBER.fullmatch(number):
        raise SegmentError(
            tdt.number, "TDT", _("flight {flight!r} is not understood").format(flight=reference)
        )
    arrival = found.get("DTM+232")
    return Flight(
        reference=reference,
        carrier=carrier,
        number=number.lstrip("0") or "0",
        crew_list=bgm.value(0, 0) in CREW_LISTS,
        origin=airport(found["LOC+125"]),
        destination=airport(found["LOC+87"]),
        departs=moment(found["DTM+189"]),
        arrives=moment(arrival) if arrival else None,
    )


def _documents(traveller: _Group, departs: date) -> list[tuple[Entity, Segment]]:
    documents = []
    for group in traveller.documents:
        doc = group.head
        code, raw_number = doc.value(0, 0).upper(), doc.value(1, 0)
        if not code or not raw_number:
            raise SegmentError(doc.number, "DOC", _("the document has no type or no number"))
        issuer = None
        dates: dict[str, str] = {}
        for segment in group.details:
            if segment.tag == "LOC":
                issuer = country(segment, segment.value(1, 0))
            else:
                expiry = segment.value(0, 0) == "36"
                when = moment(segment, departs, latest=not expiry)
                dates["endDate" if expiry else "startDate"] = when.date().isoformat()
        entity = Entity("", "Passport" if code.startswith("P") else "Identification")
        number = entity.add("number", raw_number, doc) or raw_number
        entity.id = ids.document_id(code, issuer, number)
        entity.add("type", code, doc)
        entity.add("country", issuer, doc)
        for prop, value in dates.items():
            entity.put(prop, value)
        documents.append((entity, doc))
    return documents


def _person(traveller: _Group, flight: Flight) -> list[Record]:
    """The records of one traveller: Person, documents and the link to the flight."""
    nad = traveller.head
    qualifier = nad.value(0)
    if (qualifier in CREW) != flight.crew_list:
        raise SegmentError(
            nad.number,
            "NAD",
            _("a {role} (NAD+{qualifier}) in a {kind}").format(
                role=ROLES[qualifier],
                qualifier=qualifier,
                kind=_("crew list") if flight.crew_list else _("passenger list"),
            ),
        )
    names = [n.strip() for n in nad.components(3)]
    surname, given = [*names, "", ""][:2]
    middle = " ".join(n for n in names[2:] if n)
    if not surname:
        raise SegmentError(nad.number, "NAD", _("the traveller has no family name"))
    departs = flight.departs.date()
    fields: dict[str, tuple[str, Segment]] = {}
    ports: dict[str, str] = {}
    booking = birth = ""
    for segment in traveller.details:
        tag, kind = segment.tag, segment.value(0, 0)
        if tag == "ATT" and kind == "2":
            code = segment.value(2, 0).upper()
            if code not in GENDERS:
                raise SegmentError(
                    segment.number, tag, _("unknown sex code {code!r}").format(code=code)
                )
            fields["gender"] = (GENDERS[code] or "", segment)
        elif tag == "DTM" and kind == "329":
            birth = moment(segment, departs).date().isoformat()
        elif tag == "NAT" and kind == "2":
            fields["nationality"] = (country(segment, segment.value(1, 0)) or "", segment)
        elif tag == "LOC" and kind == "174":
            fields["country"] = (country(segment, segment.value(1, 0)) or "", segment)
        elif tag == "LOC" and kind == "180":
            fields["birthPlace"] = (segment.value(1, 3) or segment.value(1, 0), segment)
        elif tag == "LOC" and kind in ("178", "179"):
            ports[kind] = airport(segment)
        elif tag == "RFF" and kind == "AVF":
            booking = segment.value(0, 1)
    documents = _documents(traveller, departs)
    identity = next((d for d, _s in documents if d.schema == "Passport"), None)
    identity = identity or (documents[0][0] if documents else None)
    person = Entity(
        ids.traveller_id(
            flight.trip, identity.id if identity else None, f"{surname}|{given}|{middle}", birth
        ),
        "Person",
    )
    person.add("name", " ".join(n for n in (given, middle, surname) if n), nad)
    person.add("lastName", surname, nad)
    person.add("firstName", given, nad)
    person.add("middleName", middle, nad)
    parts = (" ".join(c for c in nad.components(i) if c) for i in range(4, 9))
    person.add("address", ", ".join(p for p in parts if p), nad)
    if birth:
        person.put("birthDate", birth)
    for prop, (value, segment) in fields.items():
        person.add(prop, value, segment)
    records = []
    for document, doc in documents:
        document.put("holder", person.id)
        if document.schema == "Passport":
            person.add("passportNumber", doc.value(1, 0), doc)
        records.append(document.record())
    link = Entity(ids.link_id(person.id), "UnknownLink")
    link.put("subject", person.id)
    link.put("object", flight.trip)
    link.add("role", ROLES[qualifier], nad)
    link.add("recordId", booking, nad)
    if ports:
        # Data, not interface text: stored as written, in English, whatever the reader's language.
        ports_text = f"embarkation {ports.get('178', '?')}, debarkation {ports.get('179', '?')}"
        link.add("description", ports_text, nad)
    return [person.record(), *records, link.record()]


def _check_counts(message: Message, counts: list[Segment], travellers: list[_Group]) -> None:
    status = message.segments[0]
    if status.value(3, 1) == "C" or status.value(3, 0).lstrip("0") not in ("", "1"):
        return  # one part of a list sent in several messages: CNT counts the whole list
    crew = sum(1 for t in travellers if t.head.value(0) in CREW)
    listed = {"41": crew, "42": len(travellers) - crew}
    for segment in counts:
        kind, text = segment.value(0, 0), segment.value(0, 1)
        if kind in listed and (not text.isdigit() or int(text) != listed[kind]):
            raise SegmentError(
                segment.number,
                "CNT",
                _("CNT+{kind} counts {count} but the message lists {listed}").format(
                    kind=kind, count=text or "?", listed=listed[kind]
                ),
            )


def map_message(message: Message) -> Mapped:
    """The records of a PAXLST message whose envelope checked out; anything wrong raises
    :class:`SegmentError` naming the segment."""
    segments = message.segments
    kind = segments[0].value(1, 0)
    if kind != "PAXLST":
        raise SegmentError(
            1, "UNH", _("the message is {kind}, not PAXLST").format(kind=kind or "?")
        )
    header, travellers, counts = _group(segments)
    flight = _flight(header, travellers[0].head if travellers else segments[-1])
    tdt = next(s for s in header if s.tag == "TDT")
    trip = Entity(flight.trip, "Trip")
    trip.add("name", f"{flight.carrier} {flight.number}", tdt)
    # Coded as interdiction reports code theirs, so that a carrier's flights can be counted and
    # a flight found from either source.
    trip.add("keywords", f"carrier:{flight.carrier}", tdt)
    trip.add("keywords", f"flight:{flight.carrier} {flight.number}", tdt)
    trip.put("startDate", flight.departs.isoformat(timespec="minutes"))
    if flight.arrives is not None:
        trip.put("endDate", flight.arrives.isoformat(timespec="minutes"))
    records = []
    for code, prop in ((flight.origin, "startLocation"), (flight.destination, "endLocation")):
        airport = Entity(ids.airport_id(code), "Address")
        airport.add("full", code, tdt)
        records.append(airport.record())
        trip.put(prop, airport.id)
    for traveller in travellers:
        person = _person(traveller, flight)
        trip.put("involved", person[0].id)
        records.extend(person)
    _check_counts(message, counts, travellers)
    label = f"{flight.reference} {flight.departs.date().isoformat()}"
    return Mapped(label, _merged([trip.record(), *records]), len(travellers))


def _merged(records: list[Record]) -> list[Record]:
    """One record per entity: a traveller listed twice in a message is one Person."""
    by_id: dict[str, Record] = {}
    for record in records:
        known = by_id.get(record.id)
        if known is not None:
            record = known._replace(values=list(dict.fromkeys(known.values + record.values)))
        by_id[record.id] = record
    return list(by_id.values())
