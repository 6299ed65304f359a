"""Import FollowTheMoney entity files (JSON lines), such as watchlists in FtM form."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.schema import Schema

from vigie.collect.registry import Outcome
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.values import clean as clean_value
from vigie.store.store import Store
from vigie.store.writer import (
    Collection,
    Record,
    file_checksum,
    write_collection,
)

LINES_PER_CHUNK = 2_000
# Below this size a worker process costs more to start than it saves.
PARALLEL_BYTES = 8_000_000

FtmChunk = tuple[str, int, list[str]]


def decode(path: Path, data: bytes) -> str:
    """The file's text; bytes that are not UTF-8 raise :class:`InvalidInput` naming the line."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            _("{path}, line {line}: not UTF-8 text ({reason})").format(
                path=path, line=bad, reason=exc.reason
            )
        ) from None


def chunks(path: Path, text: str) -> Iterator[FtmChunk]:
    """The file's lines in chunks, each with the number of its first line."""
    lines = text.splitlines()
    for start in range(0, len(lines), LINES_PER_CHUNK):
        yield str(path), start + 1, lines[start : start + LINES_PER_CHUNK]


def parse_chunk(chunk: FtmChunk) -> list[Record]:
    """The entities of some lines of an FtM JSON-lines file; a bad line raises
    :class:`InvalidInput` naming the file and line."""
    path, first, lines = chunk
    records = []
    for number, line in enumerate(lines, start=first):
        if not line.strip():
            continue
        where = _("{path}, line {line}").format(path=path, line=number)
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                _("{where}: not valid JSON ({reason})").format(where=where, reason=exc.msg)
            ) from None
        records.append(_parse_entity(where, data))
    return records


def _parse_entity(where: str, data: Any) -> Record:
    if not isinstance(data, dict):
        raise InvalidInput(
            _("{where}: expected an entity object, got {kind}").format(
                where=where, kind=type(data).__name__
            )
        )
    if not data.get("id"):
        raise InvalidInput(_("{where}: the entity has no id").format(where=where))
    schema = data.get("schema")
    if not isinstance(schema, str) or model.get(schema) is None:
        raise InvalidInput(
            _("{where}: unknown schema {schema!r}").format(where=where, schema=schema)
        )
    properties = data.get("properties", {})
    if not isinstance(properties, dict) or not all(
        isinstance(v, list) for v in properties.values()
    ):
        raise InvalidInput(
            _("{where}: properties must map names to lists of values").format(where=where)
        )
    return _record(where, str(data["id"]), model[schema], properties)


def _record(where: str, entity_id: str, schema: Schema, raw: dict[str, list[Any]]) -> Record:
    """Clean every value; one that does not clean is an error, never silently dropped."""
    values: list[tuple[str, str, str]] = []
    for name, items in raw.items():
        prop = schema.get(name)
        if prop is None:
            raise InvalidInput(
                _("{where}: {schema} has no property {name!r}").format(
                    where=where, schema=schema.name, name=name
                )
            )
        for value in items:
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            clean = clean_value(prop.type, str(value))
            if clean is None:
                raise InvalidInput(
                    _("{where}: {value!r} is not a valid {kind} for {name}").format(
                        where=where, value=value, kind=prop.type.label.lower(), name=name
                    )
                )
            values.append((name, clean, prop.type.name))
    return Record(entity_id, schema.name, list(dict.fromkeys(values)))


def import_file(
    store: Store,
    path: Path,
    collection: Collection,
    progress: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Import one FtM file as one collection report (``collection.checksum`` is filled in
    here); a bad line rejects the whole file with :class:`InvalidInput`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            _("{path}: cannot read the file ({reason})").format(path=path, reason=exc.strerror)
        ) from None
    collection = replace(collection, kind="ftm", file_name=path.name, checksum=file_checksum(data))
    text = decode(path, data)
    result = write_collection(
        store,
        collection,
        chunks(path, text),
        parse_chunk,
        progress,
        parallel=len(data) > PARALLEL_BYTES,
    )
    return [Outcome(path.name, result)]
