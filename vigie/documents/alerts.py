"""Document alerts as a workflow: publish, withdraw, list; matching every stored document and
every checked one against the active alerts; the analyst's review of each match. Every step is
audited and every read filtered by the rows' handling with the same rule as facts.

A match carries the combination of the alert's handling and the handling of every fact (or
check) it was made from, so only a reader who may see both sees it: an officer checking a
document does not learn of a SECRET alert, but the match reaches an analyst cleared for it.
Matching stored documents runs as the system (``vigie.policy.reader.SYSTEM``) over every fact,
for the same reason.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, func, insert, or_, select, update

from vigie.documents.alert import (
    Alert,
    AlertSpec,
    AlertStatus,
    DocumentFacts,
    MatchStatus,
    clean_number,
    state_key,
)
from vigie.errors import InvalidInput, NotFound
from vigie.i18n import _
from vigie.model.grading import Credibility, Grading, Reliability
from vigie.model.handling import Handling, combine
from vigie.policy import audit
from vigie.policy.reader import SYSTEM, Action, Reader
from vigie.policy.rules import require_readable, visible_handling_ids
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import document_alert, document_alert_match, report, statement

DOCUMENT_SCHEMATA = ("Passport", "Identification")
_FACT_PROPS = ("country", "type", "startDate")
_CHUNK = 500


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _alert(store: Store, conn: Connection, row: Row[Any]) -> Alert:
    handling = store.handlings(conn, [row.handling_id])[row.handling_id]
    spec = AlertSpec(
        title=row.title,
        features=row.features,
        handling=handling,
        grading=Grading(Reliability(row.reliability), Credibility(row.credibility)),
        issuing_state=row.issuing_state,
        document_type=row.document_type,
        number_pattern=row.number_pattern,
        number_from=row.number_from,
        number_to=row.number_to,
        issued_from=_day(row.issued_from),
        issued_to=_day(row.issued_to),
        expires_on=_day(row.expires_on),
    )
    return Alert(
        row.id,
        spec,
        AlertStatus(row.status),
        row.created_by,
        row.created_at,
        row.withdrawn_by,
        row.withdrawn_at,
        row.withdrawal_reason,
    )


def publish_alert(
    store: Store, reader: Reader, spec: AlertSpec, today: date | None = None
) -> tuple[Alert, int]:
    """Publish an alert, then match every stored document against it in the same
    transaction; returns the alert and the number of stored documents it matched."""
    reader.require(Action.MANAGE_ALERTS)
    today = today or date.today()
    spec.validate(today)
    require_readable(reader, spec.handling)
    with db.begin_write(store.engine) as conn:
        new = conn.execute(
            insert(document_alert).values(
                title=spec.title.strip(),
                features=spec.features.strip(),
                issuing_state=spec.issuing_state.upper() if spec.issuing_state else None,
                document_type=spec.document_type or None,
                number_pattern=spec.number_pattern or None,
                number_from=spec.number_from or None,
                number_to=spec.number_to or None,
                issued_from=spec.issued_from.isoformat() if spec.issued_from else None,
                issued_to=spec.issued_to.isoformat() if spec.issued_to else None,
                expires_on=spec.expires_on.isoformat() if spec.expires_on else None,
                handling_id=store.handling_id(conn, spec.handling),
                reliability=spec.grading.reliability.value,
                credibility=spec.grading.credibility.value,
                status=AlertStatus.ACTIVE.value,
                created_by=reader.name,
                created_at=audit.now(),
            )
        ).inserted_primary_key
        assert new is not None
        alert_id = int(new[0])
        details = {
            "title": spec.title.strip(),
            "issuing_state": spec.issuing_state,
            "document_type": spec.document_type,
            "number_pattern": spec.number_pattern,
            "number_range": [spec.number_from, spec.number_to],
            "handling": spec.handling.banner,
        }
        audit.append(conn, reader.name, "document.alert.publish", f"alert:{alert_id}", details)
        published = _alert(store, conn, _row(conn, alert_id))
        matched = _match_stored(store, conn, [published], reader.name)
    return published, matched


def _row(conn: Connection, alert_id: int, reader: Reader | None = None) -> Row[Any]:
    query = select(document_alert).where(document_alert.c.id == alert_id)
    if reader is not None:
        query = query.where(document_alert.c.handling_id.in_(visible_handling_ids(reader)))
    row = conn.execute(query).first()
    if row is None:
        raise NotFound(_("no document alert {id} that you may see").format(id=alert_id))
    return row


def withdraw_alert(store: Store, reader: Reader, alert_id: int, reason: str) -> Alert:
    """Withdraw an active alert, with the reason; its matches stay for the record."""
    reader.require(Action.MANAGE_ALERTS)
    if not reason.strip():
        raise InvalidInput(_("reason: say why the alert is withdrawn"))
    with db.begin_write(store.engine) as conn:
        found = _alert(store, conn, _row(conn, alert_id, reader))
        if found.status is not AlertStatus.ACTIVE:
            raise InvalidInput(_("alert {id} is already withdrawn").format(id=alert_id))
        conn.execute(
            update(document_alert)
            .where(document_alert.c.id == alert_id)
            .values(
                status=AlertStatus.WITHDRAWN.value,
                withdrawn_by=reader.name,
                withdrawn_at=audit.now(),
                withdrawal_reason=reason.strip(),
            )
        )
        audit.append(
            conn,
            reader.name,
            "document.alert.withdraw",
            f"alert:{alert_id}",
            {"reason": reason.strip()},
        )
        return _alert(store, conn, _row(conn, alert_id))


def list_alerts(
    store: Store, reader: Reader, status: AlertStatus | None = None, limit: int = 200
) -> list[Alert]:
    """The alerts the reader may see, newest first; audited."""
    reader.require(Action.READ)
    query = (
        select(document_alert)
        .where(document_alert.c.handling_id.in_(visible_handling_ids(reader)))
        .order_by(document_alert.c.id.desc())
        .limit(limit)
    )
    if status is not None:
        query = query.where(document_alert.c.status == status.value)
    with store.engine.connect() as conn:
        found = [_alert(store, conn, row) for row in conn.execute(query)]
    audit.record(
        store.engine,
        reader.name,
        "document.alert.read",
        "alerts",
        status=status.value if status else "all",
        shown=len(found),
    )
    return found


def active_alerts(store: Store, conn: Connection, today: date) -> list[Alert]:
    """Every alert in force, whoever may see it: matching runs for the system, and each match
    is marked so that only those who may see the alert see it."""
    rows = conn.execute(
        select(document_alert).where(document_alert.c.status == AlertStatus.ACTIVE.value)
    )
    alerts = [_alert(store, conn, row) for row in rows]
    return [a for a in alerts if a.spec.in_force(today)]


@dataclass(frozen=True)
class _Stored:
    entity_id: str
    facts: DocumentFacts
    handlings: frozenset[int]


def _stored_documents(conn: Connection, alerts: list[Alert]) -> Iterator[_Stored]:
    """Stored documents whose number may match one of ``alerts`` (patterns and ranges are
    tried on the numbers first, so only candidates' other facts are read)."""
    query = select(statement.c.entity_id, statement.c.value, statement.c.handling_id).where(
        statement.c.schema.in_(DOCUMENT_SCHEMATA), statement.c.prop == "number"
    )
    by_number = [_number_only(a.spec) for a in alerts]
    candidates: list[tuple[str, str, int]] = []
    for entity_id, value, handling_id in conn.execute(query):
        facts = DocumentFacts(value)
        if any(spec.reasons(facts) is not None for spec in by_number):
            candidates.append((entity_id, value, handling_id))
    for start in range(0, len(candidates), _CHUNK):
        chunk = candidates[start : start + _CHUNK]
        props: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
        rows = conn.execute(
            select(
                statement.c.entity_id, statement.c.prop, statement.c.value, statement.c.handling_id
            )
            .where(
                statement.c.entity_id.in_({c[0] for c in chunk}),
                statement.c.prop.in_(_FACT_PROPS),
            )
            .order_by(statement.c.entity_id, statement.c.prop, statement.c.value)
        )
        for entity_id, prop, value, handling_id in rows:
            props[entity_id].setdefault(prop, (value, handling_id))
        for entity_id, number, handling_id in chunk:
            known = props.get(entity_id, {})
            issued = known.get("startDate")
            facts = DocumentFacts(
                number,
                state_key(known["country"][0]) if "country" in known else None,
                known["type"][0] if "type" in known else None,
                _issue_day(issued[0]) if issued else None,
            )
            used = {handling_id} | {hid for _value, hid in known.values()}
            yield _Stored(entity_id, facts, frozenset(used))


def _issue_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _number_only(spec: AlertSpec) -> AlertSpec:
    """The alert's number criteria alone, to pick candidates before reading other facts."""
    return AlertSpec(
        spec.title,
        spec.features,
        spec.handling,
        spec.grading,
        number_pattern=spec.number_pattern,
        number_from=spec.number_from,
        number_to=spec.number_to,
    )


def _match_stored(store: Store, conn: Connection, alerts: list[Alert], actor: str) -> int:
    """Record the matches of stored documents against ``alerts`` not recorded yet."""
    if not alerts:
        return 0
    existing = {
        (r.alert_id, r.entity_id, r.document_number, r.handling_id)
        for r in conn.execute(
            select(document_alert_match).where(
                document_alert_match.c.alert_id.in_([a.id for a in alerts]),
                document_alert_match.c.entity_id.is_not(None),
            )
        )
    }
    handling_cache: dict[int, Handling] = {}
    added = 0
    for stored in _stored_documents(conn, alerts):
        for alert in alerts:
            reasons = alert.spec.reasons(stored.facts)
            if reasons is None:
                continue
            missing = stored.handlings - handling_cache.keys()
            handling_cache.update(store.handlings(conn, missing))
            marks = [alert.spec.handling, *(handling_cache[h] for h in stored.handlings)]
            hid = store.handling_id(conn, combine(marks))
            key = (alert.id, stored.entity_id, stored.facts.number, hid)
            if key in existing:
                continue
            existing.add(key)
            _insert_match(conn, alert.id, stored.facts, reasons, hid, entity_id=stored.entity_id)
            added += 1
    if added:
        audit.append(
            conn,
            actor,
            "document.alert.match",
            "alerts:" + ",".join(str(a.id) for a in alerts),
            {"kind": "stored", "matches": added},
        )
    conn.execute(
        update(document_alert)
        .where(document_alert.c.id.in_([a.id for a in alerts]))
        .values(matched_through=_latest_report(conn))
    )
    return added


def _latest_report(conn: Connection) -> int:
    return int(conn.execute(select(func.coalesce(func.max(report.c.id), 0))).scalar_one())


def _insert_match(
    conn: Connection,
    alert_id: int,
    facts: DocumentFacts,
    reasons: list[str],
    handling_id: int,
    entity_id: str | None = None,
    check_id: int | None = None,
) -> None:
    conn.execute(
        insert(document_alert_match).values(
            alert_id=alert_id,
            entity_id=entity_id,
            check_id=check_id,
            document_number=clean_number(facts.number),
            issuing_state=facts.state,
            reasons=json.dumps(reasons, ensure_ascii=False),
            handling_id=handling_id,
            status=MatchStatus.OPEN.value,
            created_at=audit.now(),
        )
    )


def match_store(store: Store, actor: str = SYSTEM, today: date | None = None) -> int:
    """Match the stored documents against the active alerts that have not seen every
    collection report yet (documents imported since they were last matched); returns how many
    new matches were recorded. Known matches are not repeated, and nothing is read when no
    report came in since the last run."""
    today = today or date.today()
    with store.engine.connect() as conn:
        latest = _latest_report(conn)
        behind = conn.execute(
            select(document_alert.c.id).where(
                document_alert.c.status == AlertStatus.ACTIVE.value,
                or_(
                    document_alert.c.matched_through.is_(None),
                    document_alert.c.matched_through < latest,
                ),
            )
        ).first()
    if behind is None:
        return 0
    with db.begin_write(store.engine) as conn:
        return _match_stored(store, conn, active_alerts(store, conn, today), actor)


def match_check(
    store: Store,
    conn: Connection,
    check_id: int,
    facts: DocumentFacts,
    check_handling: Handling,
    today: date,
) -> list[tuple[Alert, list[str], int]]:
    """Record the matches of one checked document; returns each alert with its reasons and
    the match's handling id."""
    found = []
    for alert in active_alerts(store, conn, today):
        reasons = alert.spec.reasons(facts)
        if reasons is None:
            continue
        hid = store.handling_id(conn, combine([alert.spec.handling, check_handling]))
        _insert_match(conn, alert.id, facts, reasons, hid, check_id=check_id)
        found.append((alert, reasons, hid))
    return found


@dataclass(frozen=True)
class Match:
    """A document matched to an alert, as an analyst reviews it."""

    id: int
    alert_id: int
    alert_title: str
    entity_id: str | None
    check_id: int | None
    document_number: str
    issuing_state: str | None
    reasons: list[str]
    handling: Handling
    status: MatchStatus
    created_at: str
    decided_by: str | None
    decided_at: str | None
    decision_reason: str | None


def _matches(store: Store, conn: Connection, rows: Iterable[Row[Any]]) -> list[Match]:
    rows = list(rows)
    handlings = store.handlings(conn, {r.handling_id for r in rows})
    titles = dict(
        conn.execute(
            select(document_alert.c.id, document_alert.c.title).where(
                document_alert.c.id.in_({r.alert_id for r in rows})
            )
        ).all()
    )
    return [
        Match(
            r.id,
            r.alert_id,
            titles.get(r.alert_id, ""),
            r.entity_id,
            r.check_id,
            r.document_number,
            r.issuing_state,
            list(json.loads(r.reasons)),
            handlings[r.handling_id],
            MatchStatus(r.status),
            r.created_at,
            r.decided_by,
            r.decided_at,
            r.decision_reason,
        )
        for r in rows
    ]


def list_matches(
    store: Store, reader: Reader, status: MatchStatus | None = MatchStatus.OPEN, limit: int = 200
) -> list[Match]:
    """The alert matches the reader may see, newest first; audited. Documents imported since
    the alerts were last matched are matched first, so that their matches reach the analyst
    without anyone running ``vigie documents alerts match``."""
    reader.require(Action.MANAGE_ALERTS)
    match_store(store)
    query = (
        select(document_alert_match)
        .where(document_alert_match.c.handling_id.in_(visible_handling_ids(reader)))
        .order_by(document_alert_match.c.id.desc())
        .limit(limit)
    )
    if status is not None:
        query = query.where(document_alert_match.c.status == status.value)
    with store.engine.connect() as conn:
        found = _matches(store, conn, conn.execute(query))
    audit.record(
        store.engine,
        reader.name,
        "document.match.read",
        "alert-matches",
        status=status.value if status else "all",
        shown=len(found),
        documents=[m.entity_id or f"check:{m.check_id}" for m in found],
    )
    return found


def decide_match(
    store: Store, reader: Reader, match_id: int, status: MatchStatus, reason: str
) -> Match:
    """An analyst confirms or dismisses a match, with the reason."""
    reader.require(Action.MANAGE_ALERTS)
    if status is MatchStatus.OPEN:
        raise InvalidInput(_("decision: confirm or dismiss"))
    if not reason.strip():
        raise InvalidInput(_("reason: say why"))
    visible = document_alert_match.c.handling_id.in_(visible_handling_ids(reader))
    with db.begin_write(store.engine) as conn:
        row = conn.execute(
            select(document_alert_match).where(document_alert_match.c.id == match_id, visible)
        ).first()
        if row is None:
            raise NotFound(_("no alert match {id} that you may see").format(id=match_id))
        if row.status != MatchStatus.OPEN.value:
            raise InvalidInput(_("match {id} has been decided already").format(id=match_id))
        conn.execute(
            update(document_alert_match)
            .where(document_alert_match.c.id == match_id)
            .values(
                status=status.value,
                decided_by=reader.name,
                decided_at=audit.now(),
                decision_reason=reason.strip(),
            )
        )
        audit.append(
            conn,
            reader.name,
            "document.match.decide",
            f"alert-match:{match_id}",
            {"decision": status.value, "reason": reason.strip()},
        )
        again = conn.execute(
            select(document_alert_match).where(document_alert_match.c.id == match_id)
        )
        return _matches(store, conn, again)[0]
