"""Shared fixtures: settings and stores on SQLite and on a real PostgreSQL server that the
fixtures start on loopback, a tiny synthetic world, and the demo users.

``store`` runs each test that uses it against both databases. Set ``TEST_POSTGRES_URL`` to use an
existing server instead of starting one.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from vigie.settings import Settings
from vigie.store import Store
from vigie.store.migrate import upgrade
from vigie.store.pgcluster import PostgresCluster

TEMPLATE_DB = "vigie_template"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of a PostgreSQL server's maintenance database, with a migrated template."""
    external = os.environ.get("TEST_POSTGRES_URL")
    server = None
    if external:
        admin_url = external
    else:
        server = PostgresCluster()
        server.start()
        admin_url = server.url()
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE_DB}"))
        conn.execute(text(f"CREATE DATABASE {TEMPLATE_DB}"))
    template = Store(admin_url.rsplit("/", 1)[0] + f"/{TEMPLATE_DB}")
    upgrade(template.engine)
    template.close()
    try:
        yield admin_url
    finally:
        engine.dispose()
        if server:
            server.stop()


_counter = itertools.count()


def _fresh_postgres(admin_url: str) -> str:
    name = f"vigie_test_{os.getpid()}_{next(_counter)}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}"))
    engine.dispose()
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs against."""
    return str(request.param)


@pytest.fixture
def settings(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Settings:
    """Settings for a fresh, empty database on the test's backend."""
    url = ""
    if backend == "postgresql":
        url = _fresh_postgres(request.getfixturevalue("postgres_url"))
    return Settings(data_dir=tmp_path / "data", database_url=url, secret_key="test-secret")


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    """A fresh, migrated store on each backend."""
    opened = Store.open(settings)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    """Settings for a fresh SQLite database, for tests where the backend does not matter."""
    return Settings(data_dir=tmp_path / "data", secret_key="test-secret")


@pytest.fixture
def sqlite_store(sqlite_settings: Settings) -> Iterator[Store]:
    """A fresh, migrated SQLite store."""
    opened = Store.open(sqlite_settings)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def tiny_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny synthetic world (seed 7), generated once per test session."""
    from vigie.demo.world import generate

    out = tmp_path_factory.mktemp("world")
    generate(out, 200, 7)
    return out


@pytest.fixture(scope="session")
def world_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of the shared world store (SQLite)."""
    return Settings(data_dir=tmp_path_factory.mktemp("world-store"), secret_key="test-secret")


@pytest.fixture(scope="session")
def world_store(world_settings: Settings, tiny_world: Path) -> Iterator[Store]:
    """A SQLite store loaded with the tiny world and the demo users, shared by the session:
    tests may read it and write audit rows, never change its facts."""
    from vigie.collect.world import load_world
    from vigie.demo.accounts import ensure_demo_users

    opened = Store.open(world_settings)
    ensure_demo_users(opened.engine, "test")
    load_world(opened, tiny_world, "test")
    yield opened
    opened.close()
