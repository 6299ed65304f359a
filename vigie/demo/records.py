"""FollowTheMoney entities as plain dictionaries, and the files they are written to."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from vigie.demo.paxlst import PassengerLists
from vigie.demo.tables import TABLE_FORMATS, Tables
from vigie.demo.truth import TruthWriter

Entity = dict[str, Any]
Value = str | Iterable[str] | None

# Entities are flat trees of strings: checking for reference cycles only costs time.
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":"))


class Source(StrEnum):
    """The sources of the world, one entity file each."""

    VISA = "visa-applications"
    PASSENGERS = "passenger-data"
    INTERDICTIONS = "interdictions"
    WATCHLIST = "watchlist"
    LOST_STOLEN = "lost-stolen"
    PARTNER = "partner-intel"

    @property
    def import_format(self) -> str:
        """The import format of the source's file (``vigie import FORMAT``)."""
        return _IMPORT_FORMATS.get(self, "ftm")

    @property
    def file(self) -> str:
        """The file name of the source in the output folder (for PAXLST, written as several
        interchanges, the pattern of their names)."""
        suffix = {"ftm": ".ftm.jsonl", "paxlst": "-*.edi"}.get(self.import_format, ".csv")
        return f"{self.value}{suffix}"


# Sources written as tables (see vigie.demo.tables); the others are FtM entity files.
_IMPORT_FORMATS = {
    Source.VISA: "applications",
    Source.INTERDICTIONS: "interdictions",
    Source.LOST_STOLEN: "lost-stolen",
    Source.PASSENGERS: "paxlst",
}


def entity(entity_id: str, schema: str, **properties: Value) -> Entity:
    """An entity as ``EntityProxy.to_dict()`` writes it: empty values and duplicates dropped.

    Property values must already be in FollowTheMoney's cleaned form (ISO dates, lower-case
    country codes, E.164 phones) so that readers get the same values cleaned or not.
    """
    props: dict[str, list[str]] = {}
    for name, value in properties.items():
        if not value:
            continue
        if isinstance(value, str):
            props[name] = [value]
            continue
        kept = list(dict.fromkeys(v for v in value if v))
        if kept:
            props[name] = kept
    return {"id": entity_id, "schema": schema, "properties": props}


@dataclass
class Tally:
    """What was written to one source."""

    entities: int = 0
    persons: int = 0
    statements: int = 0


class Sink:
    """Open entity files, one per source, the tables and the truth; counts everything
    written."""

    def __init__(self, out: Path, truth: TruthWriter) -> None:
        self.truth = truth
        self.tallies = {source: Tally() for source in Source}
        self._out = out
        self._files: dict[Source, IO[str]] = {}
        self.tables = Tables(
            out,
            truth,
            {
                s.import_format: (s.file, self.tallies[s])
                for s in Source
                if s.import_format in TABLE_FORMATS
            },
        )
        self.passengers = PassengerLists(out, truth, self.tallies[Source.PASSENGERS])

    def __enter__(self) -> Sink:
        for source in Source:
            if source.import_format == "ftm":
                path = self._out / source.file
                self._files[source] = path.open("w", encoding="utf-8", newline="\n")
        self.tables.__enter__()
        self.passengers.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for handle in self._files.values():
            handle.close()
        self.tables.__exit__(kind, error, trace)
        self.passengers.__exit__(kind, error, trace)

    def write(self, source: Source, record: Entity) -> str:
        """Write ``record`` to ``source`` and return its id."""
        self._files[source].write(_ENCODER.encode(record) + "\n")
        tally = self.tallies[source]
        tally.entities += 1
        tally.statements += 1 + sum(map(len, record["properties"].values()))
        return str(record["id"])

    def person(self, source: Source, record: Entity, true_person: str) -> str:
        """Write a Person ``record`` and map it to ``true_person`` in the truth."""
        self.write(source, record)
        self.tallies[source].persons += 1
        self.truth.person(record["id"], true_person)
        return str(record["id"])
