"""Small builders the tests share: FtM files and collections with a given handling."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from vigie.collect.ftm import import_file
from vigie.model.grading import Grading
from vigie.model.handling import Handling
from vigie.store import Store
from vigie.store.writer import Collection, ImportResult


def write_ftm(path: Path, entities: Iterable[dict[str, Any]]) -> Path:
    """Write entities as FtM JSON lines."""
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities))
    return path


def person(entity_id: str, *names: str, **props: list[str]) -> dict[str, Any]:
    """A Person entity dict."""
    return {"id": entity_id, "schema": "Person", "properties": {"name": list(names), **props}}


def collection(
    source: str = "test", handling: Handling | None = None, grading: str = "B2"
) -> Collection:
    """A collection report description for imports in tests."""
    return Collection(
        source=source,
        kind="ftm",
        file_name="",
        checksum="",
        actor="test",
        handling=handling or Handling(),
        grading=Grading.from_code(grading),
    )


def load(
    store: Store,
    path: Path,
    entities: Iterable[dict[str, Any]],
    handling: Handling | None = None,
    source: str = "test",
    grading: str = "B2",
) -> ImportResult:
    """Write and import entities in one step."""
    [outcome] = import_file(store, write_ftm(path, entities), collection(source, handling, grading))
    assert outcome.result is not None
    return outcome.result
