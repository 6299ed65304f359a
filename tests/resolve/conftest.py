"""The engines resolution runs on: DuckDB in process, and Apache Spark on a local session (one
for the whole test session, one core, one shuffle partition: small data, seconds a run)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """The local Spark session the ``spark`` engine uses (``linkage.spark_session`` finds it)."""
    os.environ.setdefault("VIGIE_SPARK_MASTER", "local[1]")
    os.environ.setdefault("VIGIE_SPARK_PARTITIONS", "1")
    from vigie.resolve.linkage import spark_session

    session = spark_session()
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module", params=["duckdb", "spark"])
def engine(request: pytest.FixtureRequest) -> str:
    """Each engine in turn."""
    if request.param == "spark":
        request.getfixturevalue("spark")
    return str(request.param)
