"""Immigration applications (visitor visas, study and work permits, refugee claims,
citizenship) from CSV, JSON lines or a JSON array, through the built-in mapping
``mappings/applications.yaml``; ``docs/collect-tabular.md`` lists the columns."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from vigie.collect.mapping import MAPPINGS_DIR
from vigie.collect.registry import Outcome
from vigie.collect.tabular import import_table
from vigie.store.store import Store
from vigie.store.writer import Collection

MAPPING = MAPPINGS_DIR / "applications.yaml"


def import_file(
    store: Store,
    path: Path,
    collection: Collection,
    progress: Callable[[int], None] | None = None,
    mapping: Path | None = None,
) -> list[Outcome]:
    """Import one table of applications as one collection report; ``mapping`` replaces the
    built-in one (for an office whose export names its columns otherwise)."""
    return import_table(store, path, collection, mapping or MAPPING, progress)
