"""Import FollowTheMoney entity files (JSON lines), such as watchlists in FtM form."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.schema import Schema

from vigie.errors import InvalidInput
from vigie.model.values import clean as clean_value
from vigie.store.store import Store
from vigie.store.writer import (
    SEARCHABLE_TYPES,
    Collection,
    ImportResult,
    Record,
    file_checksum,
    write_collection,
)


def read_entities(path: Path, data: bytes) -> Iterator[Record]:
    """The entities of an FtM JSON-lines file; a bad line raises :class:`InvalidInput` naming
    the file and line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(f"{path}, line {bad}: not UTF-8 text ({exc.reason})") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            data_ = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"{where}: not valid JSON ({exc.msg})") from None
        if not isinstance(data_, dict):
            raise InvalidInput(f"{where}: expected an entity object, got {type(data_).__name__}")
        if not data_.get("id"):
            raise InvalidInput(f"{where}: the entity has no id")
        schema = data_.get("schema")
        if not isinstance(schema, str) or model.get(schema) is None:
            raise InvalidInput(f"{where}: unknown schema {schema!r}")
        properties = data_.get("properties", {})
        if not isinstance(properties, dict) or not all(
            isinstance(v, list) for v in properties.values()
        ):
            raise InvalidInput(f"{where}: properties must map names to lists of values")
        yield _record(where, str(data_["id"]), model[schema], properties)


def _record(where: str, entity_id: str, schema: Schema, raw: dict[str, list[Any]]) -> Record:
    """Clean every value; one that does not clean is an error, never silently dropped."""
    values: list[tuple[str, str, bool]] = []
    for name, items in raw.items():
        prop = schema.get(name)
        if prop is None:
            raise InvalidInput(f"{where}: {schema.name} has no property {name!r}")
        searchable = prop.type in SEARCHABLE_TYPES
        for value in items:
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            clean = clean_value(prop.type, str(value))
            if clean is None:
                raise InvalidInput(
                    f"{where}: {value!r} is not a valid {prop.type.label.lower()} for {name}"
                )
            values.append((name, clean, searchable))
    return Record(entity_id, schema.name, list(dict.fromkeys(values)))


def import_file(
    store: Store,
    path: Path,
    collection: Collection,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import one FtM file as a collection report (``collection.checksum`` is filled in here)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read the file ({exc.strerror})") from None
    collection = replace(collection, kind="ftm", file_name=path.name, checksum=file_checksum(data))
    return write_collection(store, collection, read_entities(path, data), progress)
