"""``vigie network`` and ``vigie import links`` end to end, in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from tests.cli.test_cli import vigie
from tests.network.conftest import load_ring_world
from tests.network.test_links import karate_csv
from vigie.settings import Settings
from vigie.store import Store

KEYS = {"id", "name", "degree", "betweenness", "closeness", "eigenvector"}


@pytest.fixture
def ring_settings(sqlite_settings: Settings, tmp_path: Path) -> Settings:
    store = Store.open(sqlite_settings)
    load_ring_world(store, tmp_path / "ring")
    store.close()
    return sqlite_settings


def test_centrality_rings_path_and_export(ring_settings: Settings, tmp_path: Path) -> None:
    done = vigie(ring_settings, "network", "centrality", "--as", "analyst", "--top", "3", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) == 3 and all(set(r) == KEYS for r in rows)
    assert rows[0]["betweenness"] >= rows[1]["betweenness"] >= rows[2]["betweenness"]

    done = vigie(ring_settings, "network", "rings", "--as", "analyst")
    assert done.returncode == 0 and "Ring 1" in done.stderr and "+442079460018" in done.stderr
    lines = vigie(ring_settings, "network", "rings", "--as", "analyst", "--json").stdout
    assert json.loads(lines.splitlines()[0])["number"] == 1

    done = vigie(ring_settings, "network", "path", "r6", "r2", "--as", "analyst")
    assert done.returncode == 0 and "Omar Aziz" in done.stderr and "Samir Khoury" in done.stderr
    assert vigie(ring_settings, "network", "path", "r6", "c1", "--as", "analyst").returncode == 1

    out = tmp_path / "ring.graphml"
    done = vigie(
        ring_settings,
        "network",
        "export",
        "--format",
        "graphml",
        "--as",
        "analyst",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert nx.read_graphml(out).number_of_nodes() > 10
    refused = vigie(ring_settings, "network", "export", "--format", "graphml", "--as", "officer")
    assert refused.returncode == 1 and "may not export" in refused.stderr


def test_import_links_then_centrality(sqlite_settings: Settings, tmp_path: Path) -> None:
    store = Store.open(sqlite_settings)
    load_ring_world(store, tmp_path / "ring")
    store.close()
    edges = karate_csv(tmp_path / "karate.csv")
    done = vigie(sqlite_settings, "import", "links", str(edges), "--source", "zachary")
    assert done.returncode == 0, done.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\nc\n", encoding="utf-8")
    done = vigie(sqlite_settings, "import", "links", str(bad), "--source", "zachary")
    assert done.returncode == 1 and "bad.csv, line 2" in done.stderr
    done = vigie(
        sqlite_settings, "network", "centrality", "--as", "analyst", "--top", "1", "--json"
    )
    # Member 0 (the instructor) is the karate club's first broker.
    assert json.loads(done.stdout)[0]["name"] == "m0"
