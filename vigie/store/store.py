"""The ``Store``: a database, its migrations, and the handling registry shared by readers and
writers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, insert, select

from vigie.model.handling import Handling, Marking
from vigie.settings import Settings
from vigie.store import db, migrate
from vigie.store.tables import (
    handling,
    handling_caveat,
    handling_compartment,
    handling_release,
    statement,
)

if TYPE_CHECKING:
    from vigie.policy.reader import Reader
    from vigie.store.view import View


class Store:
    """One Vigie database."""

    def __init__(self, url: str) -> None:
        self.url = db.normalise_url(url)
        self.engine = db.create_engine(self.url)
        self._handlings: dict[int, Handling] = {}

    @classmethod
    def open(cls, settings: Settings, migrate_now: bool = True) -> Store:
        """Open the store the settings name, creating the data directory and schema if needed."""
        if not settings.database_url:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        store = cls(settings.url)
        if migrate_now:
            store.migrate()
        return store

    def migrate(self) -> None:
        """Bring the schema to the newest migration."""
        migrate.upgrade(self.engine)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def view(self, reader: Reader) -> View:
        """What ``reader`` may see of the store."""
        from vigie.store.view import View

        return View(self, reader)

    def handling_id(self, conn: Connection, item: Handling) -> int:
        """The id of ``item`` in the handling registry, adding it on first use."""
        found = conn.execute(select(handling.c.id).where(handling.c.key == item.key)).scalar()
        if found is not None:
            return int(found)
        new_id = conn.execute(
            insert(handling).values(key=item.key, marking=int(item.marking))
        ).inserted_primary_key
        assert new_id is not None
        hid = int(new_id[0])
        children = (
            (handling_caveat, "caveat", item.caveats),
            (handling_release, "partner", item.releasable_to),
            (handling_compartment, "compartment", item.compartments),
        )
        for table, column, labels in children:
            if labels:
                conn.execute(insert(table), [{"handling_id": hid, column: v} for v in labels])
        return hid

    def handlings(self, conn: Connection, ids: Iterable[int]) -> dict[int, Handling]:
        """The handlings with these ids (rows never change once written, so they are cached)."""
        wanted = set(ids) - self._handlings.keys()
        if wanted:
            rows = conn.execute(select(handling).where(handling.c.id.in_(sorted(wanted))))
            for row in rows:
                marking, caveats, partners, compartments = row.key.split("|")
                self._handlings[row.id] = Handling(
                    Marking.parse(marking),
                    frozenset(filter(None, caveats.split(","))),
                    frozenset(filter(None, partners.split(","))),
                    frozenset(filter(None, compartments.split(","))),
                )
        return {i: self._handlings[i] for i in ids if i in self._handlings}

    def count_statements(self) -> int:
        """How many statements the store holds, whoever may see them (for operators)."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(statement)).scalar_one())
