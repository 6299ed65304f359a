"""The document world: a few stored documents at the markings that matter, and readers.

| entity (all Lebanese passports) | facts | handling |
| --- | --- | --- |
| ``pp-stolen`` ``RL1234567`` stolen, of ``p-rania`` Rania Khoury | lost | UNCLASSIFIED, REL UK |
| ``pp-amira`` ``N0123456`` issued 2020-05-01, of ``p-amira`` Amira Haddad | visa | PROTECTED B |
| ``pp-viktor`` ``N0999999``, of ``p-viktor`` Viktor Sokolov | HQ | SECRET |
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers import load, person
from vigie.documents.mrz import compose_td3
from vigie.model.handling import Handling
from vigie.policy.reader import Clearance, Reader, Role
from vigie.store import Store

TODAY = date(2026, 11, 25)
OFFICER = Reader("officer", Role.OFFICER, Clearance.RELIABILITY)
ANALYST = Reader("analyst", Role.ANALYST, Clearance.SECRET)
MIO = Reader("mio", Role.MIGRATION_INTEGRITY_OFFICER, Clearance.SECRET)
REGIONAL = Reader("regional", Role.REGIONAL_ANALYST, Clearance.RELIABILITY)
PARTNER = Reader("partner-us", Role.PARTNER, Clearance.SECRET, partner="FVEY-US")


def passport(entity_id: str, number: str, holder: str, **props: list[str]) -> dict[str, object]:
    """A Passport entity dict issued by Lebanon."""
    properties = {"number": [number], "holder": [holder], "country": ["lb"], **props}
    return {"id": entity_id, "schema": "Passport", "properties": properties}


def mrz(
    number: str,
    surname: str = "Haddad",
    given: str = "Amira",
    birth: date = date(1988, 3, 14),
    expiry: date = date(2030, 5, 1),
    state: str = "LBN",
) -> list[str]:
    """A TD3 zone with every check digit right."""
    return list(compose_td3("P", state, surname, given, number, state, birth, "F", expiry))


def load_document_world(store: Store, folder: Path) -> None:
    """Import the document world (see the module docstring)."""
    folder.mkdir(parents=True, exist_ok=True)
    load(
        store,
        folder / "lost.json",
        [
            person("p-rania", "Rania Khoury"),
            passport(
                "pp-stolen", "RL1234567", "p-rania", description=["stolen"], type=["passport"]
            ),
        ],
        Handling.make("UNCLASSIFIED", releasable_to=["FVEY-UK"]),
        source="lost-stolen",
        grading="A1",
    )
    load(
        store,
        folder / "visa.json",
        [
            person("p-amira", "Amira Haddad", birthDate=["1988-03-14"]),
            passport("pp-amira", "N0123456", "p-amira", startDate=["2020-05-01"]),
        ],
        Handling.make("PROTECTED B"),
        source="visa-files",
        grading="A1",
    )
    load(
        store,
        folder / "secret.json",
        [person("p-viktor", "Viktor Sokolov"), passport("pp-viktor", "N0999999", "p-viktor")],
        Handling.make("SECRET"),
        source="hq-assessment",
        grading="B2",
    )


@pytest.fixture
def documents_store(store: Store, tmp_path: Path) -> Store:
    """A fresh store (SQLite and PostgreSQL) with the document world."""
    load_document_world(store, tmp_path / "world")
    return store
