"""The world's table sources: CSV files read by the built-in mappings of ``vigie.collect``.

Every row is run through the same mapping the importer uses as it is written, so the truth
gets exactly the ids the import creates and the counts of entities and statements are those of
the import. Values are written clean (the tests read each table back through the importer).
"""

from __future__ import annotations

import csv
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING

from followthemoney.util import sanitize_text

from vigie.collect.mapping import Mapping, builtin
from vigie.demo.truth import TruthWriter
from vigie.store.writer import Record

if TYPE_CHECKING:
    from vigie.demo.records import Tally

# The import formats written as tables, each read by the built-in mapping of the same name.
TABLE_FORMATS = ("applications", "interdictions", "lost-stolen")
# Entities that recur from row to row (the same agency, sponsor or facilitator named again):
# counted once, as the store keeps them once.
_RECURRING = {
    "applications": frozenset({"agent", "representative", "sponsor"}),
    "interdictions": frozenset({"facilitator"}),
}


class _Table:
    def __init__(self, path: Path, mapping: Mapping, tally: Tally, recurring: frozenset[str]):
        self.path = path
        self.mapping = mapping
        self.tally = tally
        self.recurring = recurring
        self.seen: set[str] = set()
        self.line = 1
        self.handle: IO[str] | None = None
        self.writer: csv.DictWriter[str] | None = None


class Tables:
    """Open CSV files, one per table format, and the truth; counts what the import will make.

    ``files`` gives each format its file name and the tally to count into. Use as a context
    manager.
    """

    def __init__(self, out: Path, truth: TruthWriter, files: dict[str, tuple[str, Tally]]):
        self.truth = truth
        self._tables = {
            name: _Table(out / file, builtin(name), tally, _RECURRING.get(name, frozenset()))
            for name, (file, tally) in files.items()
        }

    def __enter__(self) -> Tables:
        for table in self._tables.values():
            table.handle = table.path.open("w", encoding="utf-8", newline="")
            table.writer = csv.DictWriter(
                table.handle, fieldnames=table.mapping.columns, lineterminator="\n"
            )
            table.writer.writeheader()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for table in self._tables.values():
            if table.handle is not None:
                table.handle.close()

    def write(self, name: str, values: dict[str, str | None]) -> dict[str, Record]:
        """Write one row of table ``name`` and return its entities by their name in the
        mapping."""
        table = self._tables[name]
        assert table.writer is not None, "write inside the with block"
        row = {}
        for column, value in values.items():
            text = sanitize_text(value)
            if text is not None:
                row[column] = text
        found = table.mapping.map(row, f"{table.path.name}, line {table.line + 1}", clean=False)
        table.writer.writerow(row)
        table.line += 1 + sum(v.count("\n") for v in row.values())
        for entity, record in found.items():
            if entity in table.recurring:
                if record.id in table.seen:
                    continue
                table.seen.add(record.id)
            table.tally.entities += 1
            table.tally.statements += 1 + len(record.values)
        return found

    def person(self, name: str, entity_id: str, true_person: str) -> None:
        """Record that Person entity ``entity_id`` of table ``name`` is ``true_person``."""
        self._tables[name].tally.persons += 1
        self.truth.person(entity_id, true_person)
