"""The append-only, hash-chained audit log.

Each row's hash covers its content and the previous row's hash, so altering or removing any row
breaks the chain from that row on; the chain's head is also kept in ``audit_head`` so that
removing the newest rows is detected too. The database refuses UPDATE and DELETE on the table
(triggers created by the migration); ``verify`` catches whoever goes around that.

Events written (see ``docs/audit.md``; a test checks every action is documented there).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from vigie.store import db
from vigie.store.tables import audit, audit_head

ACTIONS = {
    "entity.read": "a user read an entity's facts",
    "search": "a user searched; details hold the query and the number of results",
    "import": "a file was imported into the store",
    "import.repeat": "a file already imported was offered again and nothing was added",
    "export": "a user exported entities; details hold the format and count",
    "login": "a user signed in (web session or API token)",
    "login.failed": "a sign-in failed: wrong password, unknown user or throttled",
    "logout": "a user signed out",
    "user.add": "an administrator created a user",
    "audit.read": "an auditor read the audit log",
    "lookout.request": "a user requested a lookout (details: category, subject, expiry)",
    "lookout.decide": "a supervisor approved or rejected a lookout, with the reason",
    "lookout.withdraw": "a lookout was withdrawn, with the reason",
    "lookout.read": "a user listed or read lookouts",
    "document.check": "a user checked a travel document (details: verdict, findings, shown)",
    "document.refer": "a user referred a checked document to intelligence, with the reason",
    "document.referral.read": "a user listed the documents referred to intelligence",
    "document.referral.review": "an analyst recorded what was done with a referral",
    "document.alert.publish": "a user published a document alert (details: its criteria)",
    "document.alert.withdraw": "a document alert was withdrawn, with the reason",
    "document.alert.read": "a user listed document alerts",
    "document.alert.match": "stored documents were matched against document alerts",
    "document.match.read": "a user listed document alert matches",
    "document.match.decide": "an analyst confirmed or dismissed an alert match, with the reason",
    "document.trends": "a user read or exported document fraud trends",
    "resolve.run": "a user ran entity resolution (engine, records, pairs, incremental or not)",
    "resolve.queue": "a user read the review queue of uncertain pairs",
    "resolve.explain": "a user read why two records were or were not joined",
    "resolve.cluster": "a user read the cluster of records resolved to one person",
    "resolve.judge": "a user judged a pair the same, not the same or unsure, with the reason",
    "resolve.retract": "a user withdrew a judgement, with the reason",
    "resolve.evaluate": "a user scored the model against the analysts' judgements (counts only)",
    "screen": "a user screened travellers (details: count, list version, hits, entities hit)",
    "screen.hits.read": "a user listed or read screening hits",
    "screen.decide": "an officer decided a screening hit, with the decision and reason",
    "screen.clearance.read": "a user listed cleared false positives",
    "screen.clearance.revoke": "a supervisor revoked a cleared false positive, with the reason",
    "screen.evaluate": "a user evaluated screening against a ground truth (figures in details)",
    "screen.redress.grant": "a supervisor or privacy officer gave a traveller a redress record",
    "screen.redress.read": "a user listed redress records",
    "screen.redress.revoke": "a supervisor or privacy officer revoked a redress record",
    "referral.create": "a user referred a person for an admissibility decision, naming grounds",
    "referral.read": "a user listed admissibility referrals or read one",
    "referral.decide": "an officer recorded an admissibility decision on a referral, with reason",
    "network.read": "a user read part of the link graph: a neighbourhood, a path or a chart",
    "network.analyse": "a user ran centrality, candidate rings or communities on the graph",
    "chart.save": "a user saved a link chart (details: name, entities, handling)",
    "chart.read": "a user listed or opened saved link charts",
    "requirement.create": "an analyst recorded an intelligence requirement",
    "requirement.read": "a user listed requirements or read one",
    "requirement.close": "a requirement was closed",
    "requirement.link": "a user linked a collection report to a requirement",
    "task.issue": "a collection task was issued to a unit or post",
    "task.read": "a user listed tasks or read one",
    "task.answer": "a task was answered with a collection report",
    "task.cancel": "a task was cancelled",
    "coverage.read": "a user read the coverage of requirements",
    "product.create": "an analyst started a product",
    "product.edit": "a product's draft was changed",
    "product.submit": "a product version was submitted for a supervisor's review",
    "product.decide": "a supervisor approved or rejected a product version",
    "product.read": "a user listed products or read a version of one",
    "release": "a product version was released to a partner",
    "release.read": "a user listed releases or read one, or downloaded its output",
    "feedback": "a recipient gave feedback on a release",
    "watch.add": "a user started watching an entity or a saved search",
    "watch.remove": "a user stopped a watch",
    "notification.read": "a user read their notifications",
    "case.create": "a case file was opened",
    "case.add": "an item was added to a case file's timeline",
    "case.read": "a user listed case files or read one",
    "support.request": "an officer asked HQ for case support",
    "support.read": "a user listed requests for case support or read one",
    "support.assign": "a request for case support was assigned",
    "support.answer": "a request for case support was answered",
}

GENESIS = "0" * 64


def now() -> str:
    """The current time in UTC, ISO 8601 with microseconds: the store's time format."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _digest(
    seq: int, at: str, actor: str, action: str, target: str, details: str, prev: str
) -> str:
    payload = json.dumps(
        [seq, at, actor, action, target, details, prev], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


Appended = tuple[str, str, Mapping[str, Any] | None]


def append(
    conn: Connection,
    actor: str,
    action: str,
    target: str = "",
    details: Mapping[str, Any] | None = None,
) -> int:
    """Append one event inside the caller's write transaction; returns its sequence number."""
    return append_many(conn, actor, [(action, target, details)])[0]


def append_many(conn: Connection, actor: str, events: Sequence[Appended]) -> list[int]:
    """Append ``(action, target, details)`` events in order inside the caller's write
    transaction, reading and moving the chain's head once (a batch of imports writes one per
    report); returns their sequence numbers."""
    for action, _target, _details in events:
        if action not in ACTIONS:
            raise ValueError(f"undocumented audit action {action!r}")
    if not events:
        return []
    db.lock_audit_chain(conn)
    head = conn.execute(select(audit_head.c.seq, audit_head.c.hash)).first()
    seq, prev = (head.seq + 1, head.hash) if head else (1, GENESIS)
    at = now()
    rows = []
    for action, target, details in events:
        text = json.dumps(dict(details or {}), ensure_ascii=False, sort_keys=True, default=str)
        digest = _digest(seq, at, actor, action, target, text, prev)
        rows.append(
            {
                "seq": seq,
                "at": at,
                "actor": actor,
                "action": action,
                "target": target,
                "details": text,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        seq, prev = seq + 1, digest
    conn.execute(insert(audit), rows)
    last = rows[-1]
    if head:
        conn.execute(update(audit_head).values(seq=last["seq"], hash=last["hash"]))
    else:
        conn.execute(insert(audit_head).values(id=1, seq=last["seq"], hash=last["hash"]))
    return [int(row["seq"]) for row in rows]


def record(engine: Engine, actor: str, action: str, target: str = "", **details: Any) -> int:
    """Append one event in a transaction of its own."""
    with db.begin_write(engine) as conn:
        return append(conn, actor, action, target, details)


@dataclass(frozen=True)
class Verdict:
    """The outcome of :func:`verify`."""

    rows: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        """Whether the whole chain checked out."""
        return self.broken_at is None


def verify(engine: Engine) -> Verdict:
    """Walk the chain from the first row; name the first row that does not check out."""
    expected_seq, prev, count = 1, GENESIS, 0
    with engine.connect() as conn:
        rows = conn.execution_options(yield_per=10_000).execute(select(audit).order_by(audit.c.seq))
        for row in rows:
            count += 1
            if row.seq != expected_seq:
                return Verdict(count, expected_seq, f"row {expected_seq} is missing")
            if row.prev_hash != prev:
                return Verdict(count, row.seq, f"row {row.seq} does not follow row {row.seq - 1}")
            digest = _digest(
                row.seq, row.at, row.actor, row.action, row.target, row.details, row.prev_hash
            )
            if digest != row.hash:
                return Verdict(count, row.seq, f"row {row.seq} was altered")
            expected_seq, prev = row.seq + 1, row.hash
        head = conn.execute(select(audit_head.c.seq, audit_head.c.hash)).first()
    last = expected_seq - 1
    if head is None:
        return Verdict(count) if last == 0 else Verdict(count, 1, "the chain's head is missing")
    if head.seq > last:
        return Verdict(count, last + 1, f"row {last + 1} is missing: the chain ends early")
    if head.seq < last or head.hash != prev:
        return Verdict(count, head.seq, f"row {head.seq} does not match the chain's head")
    return Verdict(count)


@dataclass(frozen=True)
class Event:
    """One audit row as the auditor's views show it."""

    seq: int
    at: str
    actor: str
    action: str
    target: str
    details: dict[str, Any]


def events(
    engine: Engine,
    actor: str | None = None,
    action: str | None = None,
    limit: int = 100,
    before: int | None = None,
) -> Iterator[Event]:
    """The newest events first, optionally for one actor or action."""
    query = select(audit).order_by(audit.c.seq.desc()).limit(limit)
    if actor:
        query = query.where(audit.c.actor == actor)
    if action:
        query = query.where(audit.c.action == action)
    if before:
        query = query.where(audit.c.seq < before)
    with engine.connect() as conn:
        for row in conn.execute(query):
            yield Event(row.seq, row.at, row.actor, row.action, row.target, json.loads(row.details))


def count(engine: Engine) -> int:
    """How many events the log holds."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(audit)).scalar_one())
