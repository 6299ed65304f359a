"""The cycle's fixtures: the marked world of the workspace tests (facts at every marking that
matters, see ``tests/web/conftest.py``) with the demo users, on each backend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.web.conftest import load_marked_world
from vigie.cycle.access import recent_reports
from vigie.demo.accounts import ensure_demo_users
from vigie.model.handling import Handling
from vigie.model.lookout import Category
from vigie.model.requirement import Priority, RequirementDraft
from vigie.policy.accounts import get_reader
from vigie.policy.reader import Reader
from vigie.store import Store

SOON = date.today() + timedelta(days=30)


@dataclass(frozen=True)
class Cycle:
    """A store with the marked world and the readers the tests act as."""

    store: Store
    analyst: Reader
    supervisor: Reader
    officer: Reader
    partner_uk: Reader
    partner_us: Reader

    def report_id(self, source: str) -> int:
        """The id of the collection report a source of the marked world brought."""
        with self.store.engine.connect() as conn:
            rows = recent_reports(conn, self.analyst)
        return next(int(r.id) for r in rows if r.source == source)


@pytest.fixture
def cycle(store: Store, tmp_path: Path) -> Cycle:
    """The marked world and demo users in a fresh store on each backend."""
    ensure_demo_users(store.engine, "test")
    load_marked_world(store, tmp_path / "world")
    engine = store.engine
    return Cycle(
        store,
        get_reader(engine, "analyst"),
        get_reader(engine, "supervisor"),
        get_reader(engine, "officer"),
        get_reader(engine, "partner-uk"),
        get_reader(engine, "partner-us"),
    )


def requirement_draft(**changes: object) -> RequirementDraft:
    """A valid requirement on document fraud with two questions."""
    values: dict[str, object] = {
        "title": "Forged Lebanese passports on the Beirut route",
        "topic": Category.DOCUMENT_FRAUD,
        "priority": Priority.HIGH,
        "region": "Beirut – Montréal",
        "client": "Director General, Enforcement",
        "due_on": SOON,
        "handling": Handling.make("PROTECTED A"),
        "questions": ("Who supplies the passports?", "Which carriers are used?"),
    }
    values.update(changes)
    return RequirementDraft(**values)  # type: ignore[arg-type]
