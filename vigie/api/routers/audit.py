"""The audit log, for auditors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from vigie.api.deps import ReaderDep, StoreDep
from vigie.api.models import AuditEventOut, AuditVerifyOut
from vigie.policy import audit
from vigie.policy.reader import Action

router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=list[AuditEventOut])
def events(
    store: StoreDep,
    reader: ReaderDep,
    actor: str | None = None,
    action: str | None = None,
    before: int | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[AuditEventOut]:
    """The newest audit events, optionally for one user or one kind of event."""
    reader.require(Action.READ_AUDIT)
    rows = list(audit.events(store.engine, actor, action, limit, before))
    audit.record(
        store.engine, reader.name, "audit.read", "audit", user=actor, event=action, before=before
    )
    return [AuditEventOut(**e.__dict__) for e in rows]


@router.get("/audit/verify", response_model=AuditVerifyOut)
def verify(store: StoreDep, reader: ReaderDep) -> AuditVerifyOut:
    """Check the audit log's hash chain."""
    reader.require(Action.READ_AUDIT)
    verdict = audit.verify(store.engine)
    return AuditVerifyOut(
        ok=verdict.ok, rows=verdict.rows, broken_at=verdict.broken_at, reason=verdict.reason
    )
