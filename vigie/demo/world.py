"""Generate the synthetic world: entity files per source, their handling, and the truth."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from vigie.demo.plan import BLOCK, plan_block
from vigie.demo.records import Sink, Source
from vigie.demo.scenario import generate_block
from vigie.demo.sources import make_context
from vigie.demo.truth import TruthWriter

# Numbers of true persons. A person makes about 60 statements, so "medium" passes 1.1 million
# statements with a margin (tests/demo checks it does).
SIZES = {"tiny": 200, "small": 2_000, "medium": 25_000, "large": 250_000}

FVEY = ["FVEY-AU", "FVEY-NZ", "FVEY-UK", "FVEY-US"]

# How each file is to be imported: marking, caveats, releasability, compartments and the
# Admiralty grading (source reliability A-F, information credibility 1-6).
HANDLING: dict[Source, dict[str, object]] = {
    Source.VISA: {
        "title": "Temporary resident visa applications",
        "marking": "PROTECTED B",
        "caveats": [],
        "releasable_to": [],
        "compartments": [],
        "reliability": "A",
        "credibility": 2,
    },
    Source.PASSENGERS: {
        "title": "Advance passenger information",
        "marking": "PROTECTED B",
        "caveats": [],
        "releasable_to": ["FVEY-US"],
        "compartments": [],
        "reliability": "B",
        "credibility": 2,
    },
    Source.INTERDICTIONS: {
        "title": "Interdiction reports from migration integrity officers",
        "marking": "PROTECTED B",
        "caveats": [],
        "releasable_to": [],
        "compartments": [],
        "reliability": "B",
        "credibility": 2,
    },
    Source.WATCHLIST: {
        "title": "Lookout watchlist",
        "marking": "SECRET",
        "caveats": [],
        "releasable_to": ["FVEY-UK", "FVEY-US"],
        "compartments": [],
        "reliability": "B",
        "credibility": 3,
    },
    Source.LOST_STOLEN: {
        "title": "Lost, stolen and blank travel documents",
        "marking": "UNCLASSIFIED",
        "caveats": [],
        "releasable_to": FVEY,
        "compartments": [],
        "reliability": "A",
        "credibility": 1,
    },
    Source.PARTNER: {
        "title": "Partner reporting on migrant smuggling networks",
        "marking": "SECRET",
        "caveats": ["CANADIAN EYES ONLY"],
        "releasable_to": [],
        "compartments": ["OP-NORTHERN-STAR"],
        "reliability": "C",
        "credibility": 3,
    },
}


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """What one source file holds."""

    source: str
    file: str
    entities: int
    persons: int
    statements: int


@dataclass(frozen=True, slots=True)
class WorldSummary:
    """Counts of a generated world. A statement is one property value, plus one per entity."""

    seed: int
    persons: int
    sources: tuple[SourceSummary, ...]
    statements: int
    networks: int
    watchlist_matches: int
    fraudulent_documents: int

    @property
    def entities(self) -> int:
        """Entities over all sources."""
        return sum(s.entities for s in self.sources)

    @property
    def person_records(self) -> int:
        """Person entities over all sources."""
        return sum(s.persons for s in self.sources)


def parse_size(text: str) -> int:
    """A world size: one of :data:`SIZES` by name, or a positive number of persons.

    Raises ``ValueError`` for anything else.
    """
    name = text.strip().lower()
    if name in SIZES:
        return SIZES[name]
    try:
        size = int(name.replace("_", ""))
    except ValueError:
        raise ValueError(f"not a world size: {text!r}") from None
    if size < 1:
        raise ValueError(f"a world needs at least one person: {text!r}")
    return size


def manifest(
    size: int, seed: int, files: Mapping[Source, list[str]] | None = None
) -> dict[str, object]:
    """The manifest describing each source file and the handling to import it with; ``files``
    names the files of sources written as several (passenger data, one file per batch of
    PAXLST messages)."""
    return {
        "seed": seed,
        "size": size,
        "sources": [
            {
                "file": file,
                "format": source.import_format,
                "source": source.value,
                **HANDLING[source],
            }
            for source in Source
            for file in (files or {}).get(source, [source.file])
        ],
    }


def generate(
    out: Path, size: int, seed: int, progress: Callable[[int], None] | None = None
) -> WorldSummary:
    """Write the world of ``size`` true persons and ``seed`` into the folder ``out``.

    Writes the files of each source (CSV tables for applications, interdictions and lost or
    stolen documents, PAXLST interchanges for passenger data, FollowTheMoney JSON lines for the
    others), ``manifest.json`` and ``truth.json``;
    the same size and seed give the same bytes. People are generated block by block and
    streamed to disk, so memory does not grow with the size. ``progress`` is called with the
    number of true persons done so far after each block.
    """
    if size < 1:
        raise ValueError(f"a world needs at least one person, not {size}")
    out.mkdir(parents=True, exist_ok=True)
    context = make_context(seed, size)
    with TruthWriter(out) as truth, Sink(out, truth) as sink:
        for block in range((size + BLOCK - 1) // BLOCK):
            plan = plan_block(seed, block, size)
            generate_block(context, sink, plan)
            if progress is not None:
                progress(plan.stop)
        tallies = sink.tallies
    files = {Source.PASSENGERS: sink.passengers.files}
    text = json.dumps(manifest(size, seed, files), indent=2, ensure_ascii=False)
    (out / "manifest.json").write_text(text + "\n", encoding="utf-8")
    return WorldSummary(
        seed=seed,
        persons=size,
        sources=tuple(
            SourceSummary(source.value, source.file, t.entities, t.persons, t.statements)
            for source, t in tallies.items()
        ),
        statements=sum(t.statements for t in tallies.values()),
        networks=truth.counts["networks"],
        watchlist_matches=truth.counts["watchlist_matches"],
        fraudulent_documents=truth.counts["fraudulent_documents"],
    )
