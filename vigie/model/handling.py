"""Handling: a fact's marking, caveats, releasability and compartments, which say who may read it.

The marking scale is ordered (the Government of Canada's protected and classified levels), so that
"never lower than its highest portion" and "at most the reader's clearance" are comparisons.
Caveats, releasability and compartments are sets of upper-case labels: cleaned once here so that
every other module can compare them as plain strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Self

from vigie.errors import InvalidInput
from vigie.i18n import _

_LABEL = re.compile(r"^[A-Z0-9][A-Z0-9 ._/-]{0,62}$")


class Marking(IntEnum):
    """Security marking, ordered from least to most sensitive."""

    UNCLASSIFIED = 0
    PROTECTED_A = 1
    PROTECTED_B = 2
    PROTECTED_C = 3
    CONFIDENTIAL = 4
    SECRET = 5
    TOP_SECRET = 6

    @property
    def label(self) -> str:
        """The marking as it is printed on a banner, e.g. ``PROTECTED B``."""
        return self.name.replace("_", " ")

    @classmethod
    def parse(cls, text: str | Marking) -> Marking:
        """Read a marking from its label (``PROTECTED B``, ``protected-b``, ``SECRET`` …)."""
        if isinstance(text, Marking):
            return text
        key = re.sub(r"[\s-]+", "_", str(text).strip().upper())
        try:
            return cls[key]
        except KeyError:
            known = ", ".join(m.label for m in cls)
            raise InvalidInput(
                _("unknown marking {text!r}; expected one of: {known}").format(
                    text=text, known=known
                )
            ) from None


def clean_label(value: str, kind: str) -> str:
    """Normalise a caveat, partner or compartment label; reject anything that is not a label."""
    label = " ".join(value.strip().upper().split())
    if not _LABEL.match(label):
        raise InvalidInput(
            _("invalid {kind} {value!r}: use letters, digits, spaces, . _ / -").format(
                kind=kind, value=value
            )
        )
    return label


def clean_labels(values: Iterable[str], kind: str) -> frozenset[str]:
    """Normalise a set of labels (see :func:`clean_label`)."""
    return frozenset(clean_label(v, kind) for v in values)


@dataclass(frozen=True, order=False)
class Handling:
    """How a fact must be handled: marking, caveats (all must be held by a reader), the partners
    it may be released to, and the need-to-know compartments a reader must belong to."""

    marking: Marking = Marking.UNCLASSIFIED
    caveats: frozenset[str] = field(default_factory=frozenset)
    releasable_to: frozenset[str] = field(default_factory=frozenset)
    compartments: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def make(
        cls,
        marking: str | Marking = Marking.UNCLASSIFIED,
        caveats: Iterable[str] = (),
        releasable_to: Iterable[str] = (),
        compartments: Iterable[str] = (),
    ) -> Self:
        """Build a handling from user input, cleaning and validating every label."""
        return cls(
            Marking.parse(marking),
            clean_labels(caveats, "caveat"),
            clean_labels(releasable_to, "partner"),
            clean_labels(compartments, "compartment"),
        )

    @property
    def key(self) -> str:
        """A canonical text form, unique per handling: used to store each handling once."""
        parts = [
            self.marking.label,
            ",".join(sorted(self.caveats)),
            ",".join(sorted(self.releasable_to)),
            ",".join(sorted(self.compartments)),
        ]
        return "|".join(parts)

    @property
    def banner(self) -> str:
        """The portion or page banner, e.g. ``SECRET // CANADIAN EYES ONLY // REL FVEY-UK``."""
        parts = [self.marking.label, *sorted(self.caveats)]
        if self.compartments:
            parts.append("/".join(sorted(self.compartments)))
        if self.releasable_to:
            parts.append("REL " + ", ".join(sorted(self.releasable_to)))
        return " // ".join(parts)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form, as the API and exports show it."""
        return {
            "marking": self.marking.label,
            "caveats": sorted(self.caveats),
            "releasable_to": sorted(self.releasable_to),
            "compartments": sorted(self.compartments),
        }


def combine(handlings: Iterable[Handling]) -> Handling:
    """The handling of a page or product that shows all these facts: the highest marking, every
    caveat and compartment, and only the partners every fact is releasable to."""
    items = list(handlings)
    if not items:
        return Handling()
    releasable = frozenset.intersection(*(h.releasable_to for h in items))
    return Handling(
        max(h.marking for h in items),
        frozenset().union(*(h.caveats for h in items)),
        releasable,
        frozenset().union(*(h.compartments for h in items)),
    )
