"""Watches and notifications: new facts about a watched entity, or about entities a saved
search finds, raise a notification for the watch's owner.

A watch remembers the newest collection report it has checked; a check looks only at the facts
of later reports, with the owner's reader (so a notification never tells of a fact its owner
may not see). Checks run when the owner opens their notifications, and for every watch with
``vigie watches check`` (after an import, or from a timer).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from vigie.errors import NotFound
from vigie.i18n import _
from vigie.model.watch import WatchKind, clean_target
from vigie.policy import audit
from vigie.policy.accounts import get_reader
from vigie.policy.reader import Action, Reader
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import notification, report, statement, watch


@dataclass(frozen=True)
class Watch:
    """A stored watch."""

    id: int
    owner: str
    kind: WatchKind
    target: str
    created_at: str
    last_report: int


@dataclass(frozen=True)
class Notification:
    """New facts about an entity, brought by one collection report."""

    id: int
    watch_id: int
    entity_id: str
    caption: str
    report_id: int
    facts: int
    created_at: str
    seen_at: str | None


def _watch(row: Row[Any]) -> Watch:
    return Watch(
        row.id, row.owner, WatchKind(row.kind), row.target, row.created_at, row.last_report
    )


def _newest_report(conn: Connection) -> int:
    return int(conn.execute(select(func.coalesce(func.max(report.c.id), 0))).scalar_one())


def add_watch(store: Store, reader: Reader, kind: WatchKind, target: str) -> Watch:
    """Start watching an entity the reader may see, or a search; only facts that arrive from
    now on raise notifications."""
    reader.require(Action.SEARCH)
    value = clean_target(kind, target)
    with db.begin_write(store.engine) as conn:
        if kind is WatchKind.ENTITY and value not in store.view(reader).entities(conn, [value]):
            raise NotFound(_("no entity {id!r} that you may see").format(id=value))
        new = conn.execute(
            insert(watch).values(
                owner=reader.name,
                kind=kind.value,
                target=value,
                created_at=audit.now(),
                last_report=_newest_report(conn),
            )
        ).inserted_primary_key
        assert new is not None
        watch_id = int(new[0])
        details = {"kind": kind.value, "target": value}
        audit.append(conn, reader.name, "watch.add", f"watch:{watch_id}", details)
        row = conn.execute(select(watch).where(watch.c.id == watch_id)).one()
    return _watch(row)


def list_watches(store: Store, reader: Reader) -> list[Watch]:
    """The reader's own watches."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(watch).where(watch.c.owner == reader.name).order_by(watch.c.id))
        return [_watch(r) for r in rows]


def remove_watch(store: Store, reader: Reader, watch_id: int) -> None:
    """Stop one of the reader's watches; its notifications go with it."""
    with db.begin_write(store.engine) as conn:
        found = conn.execute(
            select(watch.c.id).where(watch.c.id == watch_id, watch.c.owner == reader.name)
        ).first()
        if found is None:
            raise NotFound(_("no watch {id} of yours").format(id=watch_id))
        conn.execute(delete(notification).where(notification.c.watch_id == watch_id))
        conn.execute(delete(watch).where(watch.c.id == watch_id))
        audit.append(conn, reader.name, "watch.remove", f"watch:{watch_id}", {})


def _entities_of(store: Store, reader: Reader, found: Watch) -> list[str]:
    """The entities a watch follows now: its entity, or what its saved search finds (audited
    as a search by the view)."""
    if found.kind is WatchKind.ENTITY:
        return [found.target]
    hits = store.view(reader).search(found.target, limit=500)
    return [h.entity.id for h in hits]


def check(store: Store, reader: Reader) -> int:
    """Check the reader's watches for facts from reports newer than each watch has seen;
    returns how many notifications were raised."""
    raised = 0
    for found in list_watches(store, reader):
        entities = _entities_of(store, reader, found)
        view = store.view(reader)
        with db.begin_write(store.engine) as conn:
            newest = _newest_report(conn)
            if newest <= found.last_report:
                continue
            rows = (
                conn.execute(
                    select(statement.c.entity_id, statement.c.report_id, func.count())
                    .where(
                        statement.c.entity_id.in_(entities),
                        statement.c.report_id > found.last_report,
                        statement.c.report_id <= newest,
                        view.visible(),
                    )
                    .group_by(statement.c.entity_id, statement.c.report_id)
                    .order_by(statement.c.report_id, statement.c.entity_id)
                ).all()
                if entities
                else []
            )
            at = audit.now()
            if rows:
                conn.execute(
                    insert(notification),
                    [
                        {
                            "watch_id": found.id,
                            "owner": reader.name,
                            "entity_id": r[0],
                            "report_id": r[1],
                            "facts": int(r[2]),
                            "created_at": at,
                        }
                        for r in rows
                    ],
                )
            conn.execute(update(watch).where(watch.c.id == found.id).values(last_report=newest))
            raised += len(rows)
    return raised


def check_everyone(store: Store) -> int:
    """Check every user's watches, each with that user's reader; returns how many
    notifications were raised."""
    with store.engine.connect() as conn:
        owners = [r[0] for r in conn.execute(select(watch.c.owner).distinct())]
    return sum(check(store, get_reader(store.engine, owner)) for owner in owners)


def notifications(store: Store, reader: Reader, limit: int = 100) -> list[Notification]:
    """The reader's notifications, newest first, after checking their watches; audited as
    ``notification.read``. The entity's caption is what the reader may see of it now."""
    reader.require(Action.READ)
    check(store, reader)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(notification)
            .where(notification.c.owner == reader.name)
            .order_by(notification.c.id.desc())
            .limit(limit)
        ).all()
        seen = store.view(reader).entities(conn, {r.entity_id for r in rows})
    found = [
        Notification(
            r.id,
            r.watch_id,
            r.entity_id,
            seen[r.entity_id].caption if r.entity_id in seen else r.entity_id,
            r.report_id,
            r.facts,
            r.created_at,
            r.seen_at,
        )
        for r in rows
        if r.entity_id in seen
    ]
    audit.record(
        store.engine,
        reader.name,
        "notification.read",
        "notifications",
        shown=len(found),
        entities=sorted({n.entity_id for n in found}),
    )
    return found


def mark_seen(store: Store, reader: Reader) -> None:
    """Mark all the reader's notifications seen."""
    with db.begin_write(store.engine) as conn:
        conn.execute(
            update(notification)
            .where(notification.c.owner == reader.name, notification.c.seen_at.is_(None))
            .values(seen_at=audit.now())
        )
