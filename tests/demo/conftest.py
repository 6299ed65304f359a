"""A synthetic world generated once for the demo tests, read back into memory."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from vigie.collect import paxlst
from vigie.collect.mapping import MAPPINGS_DIR
from vigie.collect.tabular import read_table
from vigie.demo.tables import TABLE_FORMATS
from vigie.demo.world import generate

SIZE = 3000
SEED = 11


@dataclass
class LoadedWorld:
    """A generated world and everything in its files."""

    path: Path
    size: int
    manifest: dict[str, Any]
    truth: dict[str, Any]
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    source_of: dict[str, str] = field(default_factory=dict)
    records_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def props(self, entity_id: str, name: str) -> list[str]:
        """The values of one property of one entity."""
        values: list[str] = self.entities[entity_id]["properties"].get(name, [])
        return values

    def of_schema(self, schema: str) -> list[dict[str, Any]]:
        """Every entity of a schema."""
        return [e for e in self.entities.values() if e["schema"] == schema]


def _entities(path: Path, import_format: str) -> Iterator[dict[str, Any]]:
    """The entities of one source file, as FtM dictionaries."""
    if import_format in TABLE_FORMATS:
        for record in read_table(path, MAPPINGS_DIR / f"{import_format}.yaml"):
            properties: dict[str, list[str]] = defaultdict(list)
            for prop, value, _type in record.values:
                properties[prop].append(value)
            yield {"id": record.id, "schema": record.schema, "properties": dict(properties)}
        return
    if import_format == "paxlst":
        for record in paxlst.records(path):
            properties = defaultdict(list)
            for prop, value, _type in record.values:
                properties[prop].append(value)
            yield {"id": record.id, "schema": record.schema, "properties": dict(properties)}
        return
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def load(path: Path, size: int) -> LoadedWorld:
    """Read a generated world back."""
    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    truth = json.loads((path / "truth.json").read_text(encoding="utf-8"))
    world = LoadedWorld(path, size, manifest, truth)
    for source in manifest["sources"]:
        for entity in _entities(path / source["file"], source.get("format", "ftm")):
            known = world.entities.get(entity["id"])
            if known is not None and source["format"] == "paxlst":
                # A flight, an airport or a passport comes back in other messages: the same
                # entity, with the travellers or holders of each.
                for prop, values in entity["properties"].items():
                    merged = known["properties"].setdefault(prop, [])
                    merged.extend(v for v in values if v not in merged)
                continue
            # Tables name the same agency or sponsor on many rows: the same entity each time.
            assert known is None or (source["format"] in TABLE_FORMATS and known == entity), entity[
                "id"
            ]
            world.entities[entity["id"]] = entity
            world.source_of[entity["id"]] = source["source"]
    for entity_id, true_person in truth["persons"].items():
        world.records_of[true_person].append(entity_id)
    return world


@pytest.fixture(scope="session")
def demo_world(tmp_path_factory: pytest.TempPathFactory) -> LoadedWorld:
    """A world of 3,000 true persons, seed 11."""
    out = tmp_path_factory.mktemp("demo-world")
    generate(out, SIZE, SEED)
    return load(out, SIZE)
