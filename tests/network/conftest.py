"""The link-analysis fixtures: a tiny named world with a ring, a hub agency and an airport.

| entities | what they share | handling |
| --- | --- | --- |
| ``r1``, ``r2``, ``r3`` Persons | the phone +44 20 7946 0018 | UNCLASSIFIED |
| ``r1b`` Person, ``pp-r1`` Passport | passport X1234567 (``r1b`` is ``r1`` again) | UNCLASSIFIED |
| ``as-r1-r2`` Associate | ``r1`` and ``r2`` | SECRET |
| ``t1``, ``t2`` Trips from ``ap-hub`` | ``r1``, ``r2`` fly twice, ``r3`` once | UNCLASSIFIED |
| ``ev1`` Event (interdiction) | ``r6`` interdicted, ``r3`` named as facilitator | PROTECTED B |
| ``ag-big`` Organization | the travel agency of ``c1`` … ``c12`` (Representation) | UNCLASSIFIED |
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import load, person
from vigie.demo.accounts import ensure_demo_users
from vigie.model.handling import Handling
from vigie.store import Store

PHONE = "+442079460018"


def entity(entity_id: str, schema: str, **props: list[str]) -> dict[str, Any]:
    """An FtM entity dict."""
    return {"id": entity_id, "schema": schema, "properties": props}


def load_ring_world(store: Store, folder: Path) -> None:
    """Import the ring world (see the module docstring) and the demo users."""
    folder.mkdir(parents=True, exist_ok=True)
    ensure_demo_users(store.engine, "test")
    public = [
        person("r1", "Karim Haddad", phone=[PHONE], birthDate=["1980-05-17"]),
        person("r1b", "Haddad Karim", passportNumber=["X1234567"]),
        entity("pp-r1", "Passport", holder=["r1"], number=["X1234567"]),
        person("r2", "Samir Khoury", phone=[PHONE]),
        person("r3", "Nadia Saleh", phone=[PHONE]),
        person("r6", "Omar Aziz"),
        entity("ap-hub", "Address", full=["Hub International Airport"]),
        entity(
            "t1",
            "Trip",
            name=["XY 100"],
            startDate=["2025-03-01"],
            startLocation=["ap-hub"],
            involved=["r1", "r2", "r3"],
        ),
        entity(
            "t2",
            "Trip",
            name=["XY 200"],
            startDate=["2025-06-01"],
            startLocation=["ap-hub"],
            involved=["r1", "r2"],
        ),
        entity("ag-big", "Organization", name=["Big Travel"]),
    ]
    for number in range(1, 13):
        public.append(person(f"c{number}", f"Client Number{number}"))
        public.append(
            entity(
                f"rep-{number}",
                "Representation",
                agent=["ag-big"],
                client=[f"c{number}"],
                startDate=[f"2024-01-{number:02d}"],
            )
        )
    load(store, folder / "public.json", public, Handling.make("UNCLASSIFIED"), source="public")
    load(
        store,
        folder / "interdiction.json",
        [
            entity(
                "ev1",
                "Event",
                name=["Interdiction 1"],
                date=["2025-07-04"],
                involved=["r6"],
                organizer=["r3"],
            )
        ],
        Handling.make("PROTECTED B"),
        source="interdictions",
    )
    load(
        store,
        folder / "secret.json",
        [
            entity(
                "as-r1-r2", "Associate", person=["r1"], associate=["r2"], relationship=["brother"]
            )
        ],
        Handling.make("SECRET"),
        source="hq",
    )


@pytest.fixture
def ring_store(store: Store, tmp_path: Path) -> Store:
    """The ring world on each backend."""
    load_ring_world(store, tmp_path / "ring")
    return store


@pytest.fixture
def ring_sqlite(sqlite_store: Store, tmp_path: Path) -> Store:
    """The ring world on SQLite, for tests where the backend does not matter."""
    load_ring_world(sqlite_store, tmp_path / "ring")
    return sqlite_store
