"""What the cycle's services share: the policy filter over a workflow row's handling, the
reports a reader may see, and the role checks."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, select

from vigie.errors import Forbidden, NotFound
from vigie.i18n import _
from vigie.policy.reader import Action, Reader
from vigie.policy.rules import visible_handling_ids
from vigie.store.tables import report


def visible(column: ColumnElement[Any], reader: Reader) -> ColumnElement[bool]:
    """The condition that a row's handling (``column``) is one the reader may see."""
    return column.in_(visible_handling_ids(reader))


def require_producer(reader: Reader) -> None:
    """Refuse a user whose role does not plan, produce or support cases."""
    if not reader.may(Action.PRODUCE):
        raise Forbidden(_("Your role may not work on requirements, tasks, products or cases."))


def require_internal(reader: Reader) -> None:
    """Refuse a partner: the action is for the agency's own staff."""
    if reader.partner is not None:
        raise Forbidden(_("Partners may not do this."))


def visible_report(conn: Connection, reader: Reader, report_id: int) -> Row[Any]:
    """A collection report the reader may see (its own handling), or ``NotFound``."""
    row = conn.execute(
        select(report).where(report.c.id == report_id, visible(report.c.handling_id, reader))
    ).first()
    if row is None:
        raise NotFound(_("no report {id} that you may see").format(id=report_id))
    return row


def recent_reports(conn: Connection, reader: Reader, limit: int = 50) -> list[Row[Any]]:
    """The newest collection reports the reader may see, to choose one from."""
    query = (
        select(report)
        .where(visible(report.c.handling_id, reader))
        .order_by(report.c.id.desc())
        .limit(limit)
    )
    return list(conn.execute(query))
