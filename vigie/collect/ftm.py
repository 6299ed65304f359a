"""Import FollowTheMoney entity files (JSON lines), such as watchlists in FtM form."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.schema import Schema
from followthemoney.types.common import PropertyType

from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.values import clean as clean_value
from vigie.store.store import Store
from vigie.store.writer import (
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
        raise InvalidInput(
            _("{path}, line {line}: not UTF-8 text ({reason})").format(
                path=path, line=bad, reason=exc.reason
            )
        ) from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = _("{path}, line {line}").format(path=path, line=number)
        try:
            data_ = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                _("{where}: not valid JSON ({reason})").format(where=where, reason=exc.msg)
            ) from None
        if not isinstance(data_, dict):
            raise InvalidInput(
                _("{where}: expected an entity object, got {kind}").format(
                    where=where, kind=type(data_).__name__
                )
            )
        if not data_.get("id"):
            raise InvalidInput(_("{where}: the entity has no id").format(where=where))
        schema = data_.get("schema")
        if not isinstance(schema, str) or model.get(schema) is None:
            raise InvalidInput(
                _("{where}: unknown schema {schema!r}").format(where=where, schema=schema)
            )
        properties = data_.get("properties", {})
        if not isinstance(properties, dict) or not all(
            isinstance(v, list) for v in properties.values()
        ):
            raise InvalidInput(
                _("{where}: properties must map names to lists of values").format(where=where)
            )
        yield _record(where, str(data_["id"]), model[schema], properties)


def _record(where: str, entity_id: str, schema: Schema, raw: dict[str, list[Any]]) -> Record:
    """Clean every value; one that does not clean is an error, never silently dropped."""
    values: list[tuple[str, str, PropertyType]] = []
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
            values.append((name, clean, prop.type))
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
        raise InvalidInput(
            _("{path}: cannot read the file ({reason})").format(path=path, reason=exc.strerror)
        ) from None
    collection = replace(collection, kind="ftm", file_name=path.name, checksum=file_checksum(data))
    return write_collection(store, collection, read_entities(path, data), progress)
