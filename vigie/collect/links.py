"""Import a plain edge list — ``source,target[,weight]`` per line, as published networks come —
as links between named persons, so that a published network can be analysed like Vigie's own.

Each name becomes a ``Person`` (one per name and source: the same name in two files of the same
source is the same node) and each line an ``UnknownLink`` from the first to the second, role
``link``. FollowTheMoney has no number for a link's strength, so the weight is kept in the
link's summary as ``weight: W``; the link graph reads it back (``vigie.network.extract``).
A first line ``source,target[,weight]`` is a header and skipped. Any bad line rejects the file,
naming the line and what is wrong.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from vigie.collect.ftm import decode
from vigie.collect.registry import Outcome
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.store.store import Store
from vigie.store.writer import Collection, Record, file_checksum, write_collection

HEADER = ("source", "target", "weight")
ROLE = "link"
WEIGHT_PREFIX = "weight: "


def _id(source: str, *parts: str) -> str:
    digest = hashlib.sha1("\x00".join((source, *parts)).encode("utf-8")).hexdigest()
    return f"links-{digest[:24]}"


def person_id(source: str, name: str) -> str:
    """The id of the person a name stands for in a source's edge lists."""
    return _id(source, "person", " ".join(name.split()).casefold())


def _weight(where: str, text: str) -> float:
    try:
        weight = float(text)
    except ValueError:
        weight = math.nan
    if not math.isfinite(weight) or weight <= 0:
        raise InvalidInput(
            _("{where}: the weight must be a positive number, not {text!r}").format(
                where=where, text=text
            )
        )
    return weight


def parse(path: Path, text: str, source: str) -> list[Record]:
    """The persons and links of an edge list; a bad line raises :class:`InvalidInput`."""
    people: dict[str, Record] = {}
    links: list[Record] = []
    seen: dict[tuple[str, str], int] = {}
    rows = csv.reader(io.StringIO(text))
    for number, row in enumerate(rows, start=1):
        where = _("{path}, line {line}").format(path=path, line=number)
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if number == 1 and tuple(c.lower() for c in cells) == HEADER[: len(cells)]:
            continue
        if len(cells) not in (2, 3):
            raise InvalidInput(
                _("{where}: expected source,target[,weight], got {count} fields").format(
                    where=where, count=len(cells)
                )
            )
        first, second = cells[0], cells[1]
        if not first or not second:
            raise InvalidInput(_("{where}: the source and target need names").format(where=where))
        ends = (person_id(source, first), person_id(source, second))
        if ends[0] == ends[1]:
            raise InvalidInput(
                _("{where}: a link from {name!r} to itself").format(where=where, name=first)
            )
        if ends in seen:
            raise InvalidInput(
                _(
                    "{where}: the link from {first!r} to {second!r} is already on line {line}"
                ).format(where=where, first=first, second=second, line=seen[ends])
            )
        seen[ends] = number
        weight = _weight(where, cells[2]) if len(cells) == 3 and cells[2] else 1.0
        for name, pid in zip((first, second), ends, strict=True):
            people.setdefault(
                pid, Record(pid, "Person", [("name", " ".join(name.split()), "name")])
            )
        links.append(
            Record(
                _id(source, "link", *ends),
                "UnknownLink",
                [
                    ("subject", ends[0], "entity"),
                    ("object", ends[1], "entity"),
                    ("role", ROLE, "string"),
                    ("summary", f"{WEIGHT_PREFIX}{weight:g}", "text"),
                ],
            )
        )
    if not links:
        raise InvalidInput(_("{path}: the file holds no link").format(path=path))
    return [*people.values(), *links]


def import_file(
    store: Store,
    path: Path,
    collection: Collection,
    progress: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Import one edge list as one collection report (atomic; importing it again adds
    nothing)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            _("{path}: cannot read the file ({reason})").format(path=path, reason=exc.strerror)
        ) from None
    collection = replace(
        collection, kind="links", file_name=path.name, checksum=file_checksum(data)
    )
    records = parse(path, decode(path, data), collection.source)
    result = write_collection(store, collection, [records], lambda chunk: chunk, progress)
    return [Outcome(path.name, result)]
