"""Load a synthetic world (``vigie world generate``) through the importers, source by source,
with the handling and grading its manifest gives each file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vigie.collect.registry import Outcome, importer
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.grading import Grading
from vigie.model.handling import Handling
from vigie.store.store import Store
from vigie.store.writer import Collection


def read_manifest(world: Path) -> list[dict[str, Any]]:
    """The manifest's list of sources."""
    path = world / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidInput(
            _("{path}: cannot read the world's manifest ({reason})").format(path=path, reason=exc)
        ) from None
    sources = manifest.get("sources")
    if not isinstance(sources, list):
        raise InvalidInput(_("{path}: the manifest has no list of sources").format(path=path))
    return sources


def load_world(
    store: Store,
    world: Path,
    actor: str,
    progress: Callable[[str, int], None] | None = None,
) -> list[Outcome]:
    """Import every source file of a world through the importer its manifest names (``format``,
    FtM by default; ``options`` name files beside it, such as a mapping); already-imported
    files are skipped by the writer.

    ``progress`` is called with the file name and the entities written so far.
    """
    results: list[Outcome] = []
    for entry in read_manifest(world):
        name = str(entry["file"])
        collection = Collection(
            source=str(entry["source"]),
            title=str(entry.get("title", entry["source"])),
            kind=str(entry.get("format", "ftm")),
            file_name=name,
            checksum="",
            actor=actor,
            handling=Handling.make(
                str(entry.get("marking", "UNCLASSIFIED")),
                [str(c) for c in entry.get("caveats", [])],
                [str(p) for p in entry.get("releasable_to", [])],
                [str(c) for c in entry.get("compartments", [])],
            ),
            grading=Grading.make(
                str(entry.get("reliability", "F")), str(entry.get("credibility", "6"))
            ),
        )

        def report(done: int, name: str = name) -> None:
            if progress:
                progress(name, done)

        options = {k: world / str(v) for k, v in entry.get("options", {}).items()}
        import_file = importer(collection.kind)
        results.extend(import_file(store, world / name, collection, report, **options))
    return results
