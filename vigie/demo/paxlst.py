"""The world's passenger data as airlines send it: UN/EDIFACT PAXLST interchanges.

Travellers are gathered block by block (a block's people are generated together, so members
of a network who fly together are on the same list). At the end of each block every flight
that had travellers gets a passenger list, and a crew list when crew members flew, each a
message in the current interchange file; a file holds up to :data:`MESSAGES_PER_FILE`. A flight
reported from two blocks gets two messages, as an airline sending a list and then an update.

Every message is run through the importer's own mapping as it is written, so the truth gets
exactly the ids the import creates, and the counts of entities and statements are those the
store will keep: an entity that comes back (a flight in two messages, an airport, a passport
used on two flights) is counted once, and afterwards only its new traveller or holder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING

from followthemoney.types import registry

from vigie.collect.paxlst import ids
from vigie.collect.paxlst.edifact import Element, Segment
from vigie.collect.paxlst.interchange import Message
from vigie.collect.paxlst.mapping import map_message
from vigie.demo import geo, travel
from vigie.demo.people import Document
from vigie.demo.plan import BLOCK
from vigie.demo.truth import TruthWriter
from vigie.store.writer import Record

if TYPE_CHECKING:
    from vigie.demo.records import Tally

MESSAGES_PER_FILE = 1_000
FILE_PREFIX = "passenger-data"
# The interchange header: service string advice, sender and recipient, a fixed preparation
# time (the world is the same on every run), and the syntax level (UNOA: MRZ names are ASCII).
_UNA = "UNA:+.? '\n"
_UNB = "UNB+UNOA:4+APIGATEWAY:ZZ+CBSAAPI:ZZ+260701:0000+{reference}++APIS'\n"
_RELEASE = str.maketrans({"?": "??", "+": "?+", ":": "?:", "'": "?'"})
# Values that pile up on an entity that comes back: each new one is a statement of its own.
_ACCUMULATING = frozenset({"involved", "holder"})
# Flights reported already are remembered as one bit per day for each flight designator, so the
# memory stays bounded by the timetable, not the size of the world.
_EPOCH = date(2000, 1, 1).toordinal()


@dataclass(frozen=True, slots=True)
class Traveller:
    """A traveller as the airline's departure control system has them."""

    true_person: str
    index: int
    surname: str
    given: str
    birth: date | None
    residence: str
    document: Document
    booking: str
    crew: bool


def _yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


def _moment(moment: datetime) -> str:
    return moment.strftime("%y%m%d%H%M")


def _alpha3(country: str) -> str:
    return geo.countries()[country].alpha3


def document_id(document: Document) -> str:
    """The id the importer gives a passport in passenger data."""
    number = registry.identifier.clean(document.number) or document.number
    return ids.document_id("P", document.country, number)


def _trip_id(flight: travel.Flight) -> str:
    carrier, number = flight.designator.split()
    return ids.trip_id(carrier, number, flight.departs.date().isoformat())


def traveller_id(traveller: Traveller, flight: travel.Flight) -> str:
    """The id the importer gives the traveller's Person on ``flight``."""
    return ids.traveller_id(_trip_id(flight), document_id(traveller.document), "", None)


# A segment to write: its tag, then data elements, each a value or a tuple of components.
Fields = tuple[str, ...] | tuple[str | tuple[str, ...], ...]


def _traveller_segments(traveller: Traveller, flight: travel.Flight) -> list[Fields]:
    doc = traveller.document
    segments: list[Fields] = [
        ("NAD", "FM" if traveller.crew else "FL", "", "", (traveller.surname, traveller.given)),
        ("ATT", "2", "", doc.sex),
    ]
    if traveller.birth is not None:
        segments.append(("DTM", ("329", _yymmdd(traveller.birth))))
    segments += [
        ("LOC", "178", flight.origin.code),
        ("LOC", "179", flight.destination.code),
        ("LOC", "174", _alpha3(traveller.residence)),
        ("NAT", "2", _alpha3(doc.nationality)),
    ]
    if traveller.booking:
        segments.append(("RFF", ("AVF", traveller.booking)))
    return [
        *segments,
        ("DOC", ("P", "110", "111"), doc.number),
        ("DTM", ("36", _yymmdd(doc.expires))),
        ("LOC", "91", _alpha3(doc.country)),
    ]


def _parsed(fields: Fields) -> tuple[Element, ...]:
    """The data elements as pydifact gives them: a string, or a list of components."""
    return tuple(list(e) if isinstance(e, tuple) else e for e in fields[1:])


def _text(fields: Fields) -> str:
    """One segment written out, every value with its service characters released."""
    written = (
        ":".join(c.translate(_RELEASE) for c in e)
        if isinstance(e, tuple)
        else e.translate(_RELEASE)
        for e in fields[1:]
    )
    return "+".join((str(fields[0]), *written)) + "'\n"


class PassengerLists:
    """Open PAXLST interchanges and the truth; counts what the import will make.

    Use as a context manager; :meth:`add` a traveller on a flight as the generator makes them.
    """

    def __init__(self, out: Path, truth: TruthWriter, tally: Tally) -> None:
        self.truth = truth
        self.tally = tally
        self.files: list[str] = []
        self._out = out
        self._handle: IO[str] | None = None
        self._messages = 0
        self._block = -1
        self._flights: dict[tuple[str, bool], tuple[travel.Flight, dict[str, Traveller]]] = {}
        self._flown: dict[str, int] = {}
        self._seen_documents: set[str] = set()
        self._seen_airports: set[str] = set()

    def __enter__(self) -> PassengerLists:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self.flush()
        self._close()

    def add(self, traveller: Traveller, flight: travel.Flight) -> str:
        """Put a traveller on a flight's list; returns the id of their Person record."""
        block = traveller.index // BLOCK
        if block != self._block:
            self.flush()
            self._block = block
        key = (f"{flight.designator} {flight.departs.isoformat()}", traveller.crew)
        listed = self._flights.setdefault(key, (flight, {}))[1]
        pid = traveller_id(traveller, flight)
        if pid not in listed:
            listed[pid] = traveller
            self.truth.person(pid, traveller.true_person)
            self.tally.persons += 1
        return pid

    def flush(self) -> None:
        """Write a message for every flight gathered since the last flush."""
        for (_key, crew), (flight, travellers) in self._flights.items():
            self._message(flight, list(travellers.values()), crew)
        self._flights.clear()
        self._seen_documents.clear()  # a passport comes back only with its holder's block

    def _message(self, flight: travel.Flight, travellers: list[Traveller], crew: bool) -> None:
        if self._handle is None or self._messages == MESSAGES_PER_FILE:
            self._open()
        self._messages += 1
        reference = str(self._messages)
        carrier, number = flight.designator.split()
        fields: list[Fields] = [
            (
                "UNH",
                reference,
                ("PAXLST", "D", "05B", "UN", "IATA"),
                f"{carrier}{number}",
                ("01", "F"),
            ),
            ("BGM", "250" if crew else "745"),
            ("TDT", "20", f"{carrier}{number}", "", "", carrier),
            ("LOC", "125", flight.origin.code),
            ("DTM", ("189", _moment(flight.departs), "201")),
            ("LOC", "87", flight.destination.code),
            ("DTM", ("232", _moment(flight.arrives), "201")),
        ]
        for traveller in travellers:
            fields += _traveller_segments(traveller, flight)
        fields.append(("CNT", ("41" if crew else "42", str(len(travellers)))))
        fields.append(("UNT", str(len(fields) + 1), reference))
        segments = tuple(Segment(n, str(f[0]), _parsed(f)) for n, f in enumerate(fields, start=1))
        records = map_message(Message(self._messages, reference, segments, "")).records
        self._count(records, self._reported_before(flight))
        assert self._handle is not None
        self._handle.write("".join(map(_text, fields)))

    def _reported_before(self, flight: travel.Flight) -> bool:
        """Whether an earlier message reported this flight; remembers that one now has."""
        bit = 1 << (flight.departs.date().toordinal() - _EPOCH)
        days = self._flown.get(flight.designator, 0)
        self._flown[flight.designator] = days | bit
        return bool(days & bit)

    def _count(self, records: list[Record], flight_reported: bool) -> None:
        for entity_id, schema, values in records:
            again = schema == "Trip" and flight_reported
            seen_set = {"Address": self._seen_airports, "Passport": self._seen_documents}.get(
                schema
            )
            if seen_set is not None:
                again = entity_id in seen_set
                seen_set.add(entity_id)
            if again:
                self.tally.statements += sum(1 for v in values if v[0] in _ACCUMULATING)
                continue
            self.tally.entities += 1
            self.tally.statements += 1 + len(values)

    def _open(self) -> None:
        self._close()
        name = f"{FILE_PREFIX}-{len(self.files) + 1:04d}.edi"
        self.files.append(name)
        self._handle = (self._out / name).open("w", encoding="ascii", newline="\n")
        self._handle.write(_UNA + _UNB.format(reference=len(self.files)))
        self._messages = 0

    def _close(self) -> None:
        if self._handle is not None:
            self._handle.write(f"UNZ+{self._messages}+{len(self.files)}'\n")
            self._handle.close()
            self._handle = None
