"""The policy over the whole matrix of readers × handling: every marking, caveat,
releasability and compartment combination, through search, entity reads, export and the API.

Each handling gets its own entity (``m<i>``); one more entity (``mixed``) has one alias under
every handling, so partial assembly is checked too. For every reader, what each channel returns
must be exactly what ``may_see`` allows — no more (a leak), no less (a broken filter).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.helpers import load, person
from vigie.api.app import create_app
from vigie.errors import NotFound
from vigie.model.handling import Handling, Marking
from vigie.policy.accounts import NewUser, add_user
from vigie.policy.reader import Clearance, Reader, Role
from vigie.policy.rules import may_see, visible_handling_ids
from vigie.settings import Settings
from vigie.store import Store

CAVEATS = ("CANADIAN EYES ONLY", "LAW ENFORCEMENT ONLY")
PARTNERS = ("FVEY-UK", "FVEY-US")
COMPARTMENTS = ("OP-A",)
PASSWORD = "password-123"


def subsets(items: tuple[str, ...]) -> list[frozenset[str]]:
    return [frozenset(c) for n in range(len(items) + 1) for c in itertools.combinations(items, n)]


HANDLINGS = [
    Handling(marking, caveats, partners, compartments)
    for marking in Marking
    for caveats in subsets(CAVEATS)
    for partners in subsets(PARTNERS)
    for compartments in subsets(COMPARTMENTS)
]
READERS = [
    Reader(
        f"r{n}",
        Role.PARTNER if partner else Role.ANALYST,
        clearance,
        caveats,
        compartments,
        partner,
    )
    for n, (clearance, caveats, compartments, partner) in enumerate(
        itertools.product(Clearance, subsets(CAVEATS), subsets(COMPARTMENTS), (None, *PARTNERS))
    )
]


def expected(reader: Reader) -> set[int]:
    return {i for i, h in enumerate(HANDLINGS) if may_see(reader, h)}


@pytest.fixture
def matrix_store(store: Store, tmp_path: Path) -> Store:
    for i, handling in enumerate(HANDLINGS):
        entities = [
            person(f"m{i}", f"Leakcheck Subject{i}", passportNumber=[f"MX{i:04d}"]),
            {"id": "mixed", "schema": "Person", "properties": {"alias": [f"Mixalias{i}"]}},
        ]
        load(store, tmp_path / f"h{i}.jsonl", entities, handling)
    return store


def add_account(store: Store, reader: Reader) -> None:
    """Give a matrix reader an account, to sign in through the API or the workspace."""
    new = NewUser(
        reader.name,
        reader.role.value,
        reader.clearance.value,
        PASSWORD,
        tuple(reader.caveats),
        tuple(reader.compartments),
        reader.partner,
    )
    add_user(store.engine, new, "test")


def test_matrix_is_complete() -> None:
    assert len(HANDLINGS) == 7 * 4 * 4 * 2
    assert len(READERS) == 3 * 4 * 2 * 3
    sizes = [len(expected(r)) for r in READERS]
    assert min(sizes) > 0 and max(sizes) == len(HANDLINGS) and len(set(sizes)) > 10


def test_sql_rule_and_python_rule_agree(matrix_store: Store) -> None:
    with matrix_store.engine.connect() as conn:
        hids = {h.key: hid for hid, h in matrix_store.handlings(conn, range(1, 500)).items()}
        for reader in READERS:
            visible = {row[0] for row in conn.execute(visible_handling_ids(reader))}
            assert visible == {hids[HANDLINGS[i].key] for i in expected(reader)}, reader


def test_search_entity_and_export_show_exactly_what_policy_allows(matrix_store: Store) -> None:
    for r, reader in enumerate(READERS):
        allowed = expected(reader)
        view = matrix_store.view(reader)
        found = {h.entity.id for h in view.search("leakcheck", limit=1000)}
        assert found == {f"m{i}" for i in allowed}, reader
        for hit in view.search("mixalias", limit=10):
            assert hit.entity.id == "mixed"
        exported = {e.id: e for e in view.export()}
        assert set(exported) == {f"m{i}" for i in allowed} | {"mixed"}, reader
        for entity in exported.values():
            assert all(may_see(reader, fact.handling) for fact in entity.facts)
        aliases = set(exported["mixed"].proxy.get("alias"))
        assert aliases == {f"Mixalias{i}" for i in allowed}
        # Entity reads: a deterministic sample that covers every handling across the readers.
        for i in range(r % 6, len(HANDLINGS), 6):
            if i in allowed:
                entity, _ = view.entity(f"m{i}")
                assert {f.handling for f in entity.facts} == {HANDLINGS[i]}
                assert entity.handling == HANDLINGS[i]
            else:
                with pytest.raises(NotFound):
                    view.entity(f"m{i}")


def test_the_api_shows_exactly_what_policy_allows(matrix_store: Store, settings: Settings) -> None:
    client = TestClient(create_app(settings, matrix_store))
    for reader in READERS[::7]:
        add_account(matrix_store, reader)
        token = client.post(
            "/api/token", data={"username": reader.name, "password": PASSWORD}
        ).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        allowed = {f"m{i}" for i in expected(reader)}
        found = client.get("/api/search", params={"q": "leakcheck", "limit": 500}, headers=auth)
        assert {r["id"] for r in found.json()["results"]} == allowed
        lines = client.get("/api/export/ftm", headers=auth).text.splitlines()
        assert len(lines) == len(allowed) + 1
        for i in range(0, len(HANDLINGS), 5):
            response = client.get(f"/api/entities/m{i}", headers=auth)
            assert response.status_code == (200 if f"m{i}" in allowed else 404)
        mixed = client.get("/api/entities/mixed", headers=auth).json()
        assert {f["value"] for f in mixed["facts"]} == {f"Mixalias{i}" for i in expected(reader)}
        text = str(mixed)
        hidden = set(range(len(HANDLINGS))) - expected(reader)
        assert not any(f"Mixalias{i}'" in text for i in hidden)


def test_the_workspace_shows_exactly_what_policy_allows(
    matrix_store: Store, settings: Settings
) -> None:
    from tests.web.conftest import sign_in

    for reader in READERS[3::11]:
        add_account(matrix_store, reader)
        with TestClient(create_app(settings, matrix_store), base_url="https://testserver") as web:
            assert sign_in(web, reader.name, PASSWORD).status_code == 303
            page = web.get("/search", params={"q": "leakcheck", "limit": 500}).text
            shown = set(re.findall(r'href="/entities/(m\d+)"', page))
            assert shown == {f"m{i}" for i in expected(reader)}, reader
            for i in range(1, len(HANDLINGS), 9):
                answer = web.get(f"/entities/m{i}")
                assert answer.status_code == (200 if i in expected(reader) else 404)
                if answer.status_code == 200:
                    assert HANDLINGS[i].marking.label in answer.text
            mixed = web.get("/entities/mixed").text
            shown_aliases = set(re.findall(r"Mixalias(\d+)<", mixed))
            assert shown_aliases == {str(i) for i in expected(reader)}


def test_readers_are_never_trusted_from_partial_rows(matrix_store: Store) -> None:
    """A reader without caveats sees nothing that carries one, whatever else it holds."""
    reader = Reader("x", Role.ANALYST, Clearance.TOP_SECRET, compartments=frozenset(COMPARTMENTS))
    with matrix_store.engine.connect() as conn:
        ids = [row[0] for row in conn.execute(select(visible_handling_ids(reader).subquery()))]
        handlings = matrix_store.handlings(conn, ids)
    assert handlings and all(not h.caveats for h in handlings.values())
