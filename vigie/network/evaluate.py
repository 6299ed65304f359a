"""Score candidate rings against a synthetic world's ground truth (``truth.json`` →
``networks``: network id → the ids of its members' records).

Precision is the share of the records placed in rings that belong to a planted network;
recall the share of the planted networks' records that the rings hold; a network counts as
found when one ring holds at least half of its records.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.network.rings import Ring


@dataclass(frozen=True)
class Score:
    """How well rings recover the planted networks."""

    precision: float
    recall: float
    networks: int
    found: int
    rings: int

    def to_dict(self) -> dict[str, float | int]:
        """A JSON-ready form."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "networks": self.networks,
            "found": self.found,
            "rings": self.rings,
        }


def read_networks(path: Path) -> dict[str, list[str]]:
    """The planted networks of a ``truth.json``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        networks = data["networks"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InvalidInput(
            _("{path}: cannot read the networks of the ground truth ({reason})").format(
                path=path, reason=exc
            )
        ) from None
    return {str(k): [str(v) for v in members] for k, members in networks.items()}


def score(
    rings: Iterable[Ring], networks: Mapping[str, list[str]], visible: set[str] | None = None
) -> Score:
    """Precision and recall of ring membership; with ``visible``, only the records the reader
    may see count towards recall (a ring cannot hold what the reader cannot see)."""
    found_rings = [set(r.entity_ids) for r in rings]
    predicted = set().union(*found_rings) if found_rings else set()
    truth = {k: set(v) & visible if visible is not None else set(v) for k, v in networks.items()}
    truth = {k: v for k, v in truth.items() if v}
    members = set().union(*truth.values()) if truth else set()
    hits = len(predicted & members)
    recovered = sum(
        1 for ids in truth.values() if any(len(ids & ring) * 2 >= len(ids) for ring in found_rings)
    )
    return Score(
        precision=hits / len(predicted) if predicted else 0.0,
        recall=hits / len(members) if members else 0.0,
        networks=len(truth),
        found=recovered,
        rings=len(found_rings),
    )
