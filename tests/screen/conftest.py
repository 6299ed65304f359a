"""The marked world of the workspace's tests with a watchlist added: ``wl-omar`` (SECRET, named
by a Risk) and ``wl-ivan`` (UNCLASSIFIED, sanctioned)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import load, person
from tests.web.conftest import World, open_world
from tests.web.test_lookouts import copy_world
from vigie.model.handling import Handling


@pytest.fixture(scope="module")
def listed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The marked world and the watchlist, built once for the module."""
    folder = tmp_path_factory.mktemp("screen-world")
    world = open_world(folder)
    omar = person(
        "wl-omar",
        "Omar Abdel Rahman Haddad",
        alias=["عمر عبد الرحمن حداد"],
        birthDate=["1979-02-11"],
        nationality=["sy"],
    )
    risk = {"id": "r-omar", "schema": "Risk", "properties": {"entity": ["wl-omar"]}}
    secret = Handling.make("SECRET")
    load(world.store, folder / "wl.json", [omar, risk], secret, "watchlist")
    ivan = person("wl-ivan", "Ivan Sokolov", topics=["sanction"], birthDate=["1960-05-05"])
    load(world.store, folder / "open.json", [ivan], Handling.make("UNCLASSIFIED"), "sanctions")
    world.store.close()
    return folder / "data"


@pytest.fixture
def listed_world(listed_template: Path, tmp_path: Path) -> Iterator[World]:
    """A fresh copy of it for one test."""
    copied = copy_world(listed_template, tmp_path)
    yield copied
    copied.store.close()
