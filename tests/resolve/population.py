"""A small named population for resolution tests: people with duplicate records written the
ways sources write them (another order, another script, day and month swapped), some people
alone, and one duplicate held under a caveat not every analyst holds.

| records | handling |
| --- | --- |
| ``a-N`` and ``b-N`` for each person N (the same person), ``solo-N`` alone | PROTECTED B |
| ``leo-0``: another record of person 0 | SECRET // LAW ENFORCEMENT ONLY |
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import load
from vigie.model.handling import Handling
from vigie.store import Store

FIRST = [
    "Amira",
    "Ivan",
    "Chen",
    "Olusegun",
    "Maria",
    "Karim",
    "Svetlana",
    "Kwame",
    "Nguyen",
    "Fatima",
    "Pedro",
    "Aisha",
    "Dmitri",
    "Leila",
    "Tunde",
    "Sofia",
    "Omar",
    "Yuki",
    "Hassan",
    "Grace",
    "Mehmet",
    "Anya",
    "Samuel",
    "Priya",
    "Jorge",
    "Nadia",
    "Emeka",
    "Lina",
    "Tariq",
    "Elena",
]
LAST = [
    "Haddad",
    "Petrov",
    "Wei",
    "Adeyemi",
    "Gonzalez",
    "Mansour",
    "Ivanova",
    "Mensah",
    "Tran",
    "Rahman",
    "Silva",
    "Bello",
    "Sokolov",
    "Karimi",
    "Okafor",
    "Rossi",
    "Farouk",
    "Tanaka",
    "Ali",
    "Owusu",
    "Yilmaz",
    "Kuznetsova",
    "Osei",
    "Sharma",
    "Lopez",
    "Benali",
    "Eze",
    "Haddad",
    "Qureshi",
    "Popescu",
]
PEOPLE = len(FIRST)
NATIONS = ["lb", "ru", "cn", "ng", "mx", "eg", "ua", "gh", "vn", "bd"]


def _birth(n: int) -> str:
    return f"{1950 + n}-{1 + n % 12:02d}-{13 + n % 15:02d}"


def _swapped(n: int) -> str:
    year, month, day = _birth(n).split("-")
    return f"{year}-{day}-{month}" if int(day) <= 12 else f"{year}-{month}-{day}"


def _record(entity_id: str, name: str, birth: str, n: int, passport: str) -> dict[str, Any]:
    return {
        "id": entity_id,
        "schema": "Person",
        "properties": {
            "name": [name],
            "birthDate": [birth],
            "nationality": [NATIONS[n % len(NATIONS)]],
            "gender": ["female" if n % 2 == 0 else "male"],
            "passportNumber": [passport],
        },
    }


def people() -> list[dict[str, Any]]:
    """The PROTECTED B records."""
    found: list[dict[str, Any]] = []
    for n in range(PEOPLE):
        first, last = FIRST[n], LAST[n]
        passport = f"P{1000000 + n * 7919}"
        found.append(_record(f"a-{n}", f"{first} {last}", _birth(n), n, passport))
        # The second source writes the family name first, in capitals, and sometimes swaps day
        # and month; every third person has renewed their passport since.
        renewed = f"R{2000000 + n * 104729}" if n % 3 == 0 else passport
        found.append(_record(f"b-{n}", f"{last.upper()} {first.upper()}", _swapped(n), n, renewed))
        other = (n + 11) % PEOPLE
        found.append(
            _record(
                f"solo-{n}",
                f"{FIRST[other]} {LAST[(n + 5) % PEOPLE]}",
                f"{1990 - n}-06-0{1 + n % 9}",
                n + 3,
                f"S{3000000 + n * 31}",
            )
        )
    return found


def load_population(store: Store, folder: Path) -> None:
    """Import the population (see the module docstring)."""
    folder.mkdir(parents=True, exist_ok=True)
    load(store, folder / "visa.json", people(), Handling.make("PROTECTED B"), source="visa")
    secret = _record("leo-0", "Amira HADDAD", _birth(0), 0, "P1000000")
    load(
        store,
        folder / "police.json",
        [secret],
        Handling.make("SECRET", caveats=["LAW ENFORCEMENT ONLY"]),
        source="police",
    )
