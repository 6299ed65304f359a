"""Build a reader's ``Network`` from the statements that reader may see.

Only statements whose handling the reader may see are read (``View.visible``, the store's one
policy filter), so a node, an edge or a shared identifier that rests on a fact hidden from the
reader is simply absent. A reference to an entity with nothing visible draws no edge.

| in the store | on the graph |
| --- | --- |
| a relationship (Associate, Family, UnknownLink …) | an edge of its schema, dated by its start |
| an entity property (``holder``, ``involved`` …) | an edge named for it, dated by its entity |
| a phone, e-mail, address, document, booking | ``shared-…`` edges (``vigie.network.shared``) |
| the same name and full birth date on persons | ``same-identity`` edges |
| people on the same flights | ``co-travel`` edges, heavier when repeated together |
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from followthemoney import model
from followthemoney.schema import Schema
from followthemoney.statement import BASE_ID
from followthemoney.types import registry
from sqlalchemy import select

from vigie.collect.links import WEIGHT_PREFIX
from vigie.model.entity import common_schema
from vigie.model.text import fold
from vigie.store.tables import statement
from vigie.store.view import View

ENTITY_PROPS = sorted(
    {p.name for p in model.properties if p.type == registry.entity and not p.stub}
)
IDENTIFIER_PROPS = {
    "phone": "phone",
    "email": "email",
    "address": "address",
    "passportNumber": "document",
    "idNumber": "document",
    "recordId": "booking",
}
DOCUMENT_NUMBER = "number"
TEXT_PROPS = (
    "name",
    "birthDate",
    "date",
    "startDate",
    "endDate",
    "relationship",
    "role",
    "summary",
)
WANTED = sorted({BASE_ID, DOCUMENT_NUMBER, *ENTITY_PROPS, *IDENTIFIER_PROPS, *TEXT_PROPS})
DOCUMENT = model["Identification"]
PERSON = model["Person"]


def normalise(kind: str, value: str) -> str:
    """The form in which two identifiers of ``kind`` are the same: folded addresses, lower-case
    e-mails, document numbers without spaces or dashes."""
    if kind == "address":
        return fold(value)
    if kind == "email":
        return value.strip().lower()
    if kind == "document":
        return "".join(ch for ch in value.upper() if ch.isalnum())
    return value.strip()


@dataclass
class Gathered:
    """What was read of one entity."""

    schemata: set[str] = field(default_factory=set)
    props: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    handlings: set[int] = field(default_factory=set)

    def first(self, prop: str) -> str | None:
        """The smallest value of a property (a stable choice among several), if any."""
        values = self.props.get(prop)
        return min(values) if values else None

    def schema(self) -> Schema:
        """The most specific schema common to the entity's statements."""
        return common_schema(self.schemata)


def gather(view: View) -> dict[str, Gathered]:
    """Every visible entity's schema, references, identifiers, names and dates."""
    query = select(
        statement.c.entity_id,
        statement.c.schema,
        statement.c.prop,
        statement.c.value,
        statement.c.handling_id,
    ).where(statement.c.prop.in_(WANTED), view.visible())
    found: dict[str, Gathered] = defaultdict(Gathered)
    with view.store.engine.connect() as conn:
        for entity_id, schema, prop, value, handling_id in conn.execute(query):
            item = found[entity_id]
            item.schemata.add(schema)
            item.handlings.add(handling_id)
            if prop != BASE_ID:
                item.props[prop].append(value)
    return dict(found)


def link_weight(item: Gathered) -> float:
    """A link's weight: the ``weight: W`` an imported edge list gives it, else 1."""
    for summary in item.props.get("summary", ()):
        if summary.startswith(WEIGHT_PREFIX):
            try:
                weight = float(summary.removeprefix(WEIGHT_PREFIX))
            except ValueError:
                continue
            if math.isfinite(weight) and weight > 0:
                return weight
    return 1.0


def caption(schema: Schema, item: Gathered, entity_id: str) -> str:
    """A short name for the node: its name, a document's number, or its id."""
    name = item.first("name") or item.first(DOCUMENT_NUMBER)
    if name is None:
        return f"{schema.label} {entity_id}"
    when = item.first("startDate") or item.first("date")
    if schema.name == "Trip" and when:
        return f"{name} {when[:10]}"
    return name


def identifiers(schema: Schema, item: Gathered) -> set[tuple[str, str]]:
    """The (kind, value) identifiers an entity carries, normalised for comparison."""
    found: set[tuple[str, str]] = set()
    for prop, kind in IDENTIFIER_PROPS.items():
        for value in item.props.get(prop, ()):
            clean = normalise(kind, value)
            if clean:
                found.add((kind, clean))
    if schema.is_a(PERSON):
        # The same name (in any order, script or accent) and the same full birth date: most
        # likely the same person recorded by two sources.
        births = [b for b in item.props.get("birthDate", ()) if len(b) == 10]
        for name in item.props.get("name", ()):
            words = " ".join(sorted(fold(name).split()))
            found.update(("identity", f"{words} {birth}") for birth in births if words)
    if schema.is_a(DOCUMENT):
        for value in item.props.get(DOCUMENT_NUMBER, ()):
            clean = normalise("document", value)
            if clean:
                found.add(("document", clean))
    return found
