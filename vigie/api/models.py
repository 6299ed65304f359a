"""The API's response shapes (they document the OpenAPI schema)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


class TokenOut(_Model):
    """A bearer token."""

    access_token: str
    token_type: str = "bearer"
    expires_in: int


class HandlingOut(_Model):
    """A fact's or page's handling."""

    marking: str
    caveats: list[str]
    releasable_to: list[str]
    compartments: list[str]
    banner: str


class SearchResult(_Model):
    """One entity found by a search."""

    id: str
    schema_: str = Field(alias="schema")
    caption: str
    score: int
    handling: HandlingOut


class SearchOut(_Model):
    """A search's results."""

    query: str
    results: list[SearchResult]


class FactOut(_Model):
    """One fact with its provenance."""

    id: str
    prop: str
    value: str
    lang: str | None
    source: str
    report_id: int
    grading: str
    handling: dict[str, Any]
    first_seen: str
    last_seen: str


class RelationOut(_Model):
    """A related entity."""

    prop: str
    entity_id: str
    caption: str
    schema_: str = Field(alias="schema")
    handling: dict[str, Any]
    via: str | None


class EntityOut(_Model):
    """An entity as the reader may see it."""

    id: str
    schema_: str = Field(alias="schema")
    caption: str
    handling: HandlingOut
    properties: dict[str, list[str]]
    facts: list[FactOut]
    related: list[RelationOut]


class AuditEventOut(_Model):
    """One audit event."""

    seq: int
    at: str
    actor: str
    action: str
    target: str
    details: dict[str, Any]


class AuditVerifyOut(_Model):
    """The audit chain's check."""

    ok: bool
    rows: int
    broken_at: int | None
    reason: str


class ReaderOut(_Model):
    """The signed-in user."""

    name: str
    role: str
    clearance: str
    caveats: list[str]
    compartments: list[str]
    partner: str | None
