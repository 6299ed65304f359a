"""An entity as a reader sees it: an FtM entity assembled from the facts they may see, each fact
keeping its source, report, grading, handling and sightings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from followthemoney.schema import Schema
from followthemoney.statement import BASE_ID

from vigie.model.grading import Grading
from vigie.model.handling import Handling, combine


@dataclass(frozen=True)
class Fact:
    """One statement: a value of one property of one entity, with its provenance."""

    id: str
    entity_id: str
    schema: str
    prop: str
    value: str
    lang: str | None
    source: str
    report_id: int
    handling: Handling
    grading: Grading
    first_seen: str
    last_seen: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, as the API shows it."""
        return {
            "id": self.id,
            "prop": self.prop,
            "value": self.value,
            "lang": self.lang,
            "source": self.source,
            "report_id": self.report_id,
            "grading": self.grading.code,
            "handling": self.handling.to_dict(),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }


def common_schema(names: set[str]) -> Schema:
    """The most specific schema that every statement's schema fits in."""
    schemata = sorted((model[n] for n in names), key=lambda s: s.name)
    result = schemata[0]
    for other in schemata[1:]:
        try:
            result = model.common_schema(result, other)
        except InvalidData:
            # Sources disagree in a way FtM cannot reconcile; keep the first and show every fact.
            continue
    return result


@dataclass(frozen=True)
class Entity:
    """An entity assembled from visible facts."""

    id: str
    proxy: EntityProxy
    facts: tuple[Fact, ...]

    @classmethod
    def assemble(cls, entity_id: str, facts: list[Fact]) -> Entity:
        """Build the entity from its facts (which must all share ``entity_id``)."""
        schema = common_schema({f.schema for f in facts})
        proxy = model.make_entity(schema)
        proxy.id = entity_id
        for fact in facts:
            if fact.prop != BASE_ID and fact.prop in schema.properties:
                proxy.unsafe_add(schema.properties[fact.prop], fact.value, cleaned=True)
        return cls(entity_id, proxy, tuple(facts))

    @property
    def schema(self) -> Schema:
        """The entity's FtM schema."""
        return self.proxy.schema

    @property
    def caption(self) -> str:
        """The entity's display name."""
        return str(self.proxy.caption)

    @property
    def handling(self) -> Handling:
        """The handling of everything shown about this entity: the page's banner."""
        return combine(f.handling for f in self.facts)

    def property_facts(self) -> list[Fact]:
        """The facts other than the bare existence statements, in schema order."""
        order = {name: i for i, name in enumerate(self.schema.properties)}
        facts = [f for f in self.facts if f.prop != BASE_ID]
        return sorted(facts, key=lambda f: (order.get(f.prop, len(order)), f.prop, f.value))

    def to_ftm(self) -> dict[str, Any]:
        """The FtM JSON form (``id``, ``schema``, ``properties``)."""
        return dict(self.proxy.to_dict())
