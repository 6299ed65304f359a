"""A synthetic world generated once for the demo tests, read back into memory."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

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


def load(path: Path, size: int) -> LoadedWorld:
    """Read a generated world back."""
    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    truth = json.loads((path / "truth.json").read_text(encoding="utf-8"))
    world = LoadedWorld(path, size, manifest, truth)
    for source in manifest["sources"]:
        with (path / source["file"]).open(encoding="utf-8") as lines:
            for line in lines:
                entity = json.loads(line)
                assert entity["id"] not in world.entities, entity["id"]
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
