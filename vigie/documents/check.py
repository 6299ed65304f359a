"""An officer's document check: the MRZ (typed, pasted or read from an image), its consistency
with what was typed and what the store holds, the lost and stolen lists, documents already
seen, and the active document alerts; recorded, audited, and referable to intelligence.

The verdict is a summary for the officer, never a decision:

| verdict | when |
| --- | --- |
| ``clear`` | no finding, no report of the number lost or stolen, no alert |
| ``examine`` | findings (MRZ, consistency, a near-miss lost or stolen number, another holder) |
| ``alert`` | the number is reported lost or stolen, or the document matches an alert |

It is built only from what the officer may see: an alert they may not read is matched and its
match reaches the analysts cleared for it, but it changes nothing on the officer's screen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from vigie.documents import alerts as alert_store
from vigie.documents.alert import DocumentFacts, state_key
from vigie.documents.consistency import Declared, compare
from vigie.documents.finding import Finding
from vigie.documents.lookup import Seen, same_holder, seen_documents
from vigie.documents.validate import MrzReading, read_mrz
from vigie.errors import InvalidInput, NotFound
from vigie.i18n import _
from vigie.model.handling import Handling, Marking, combine
from vigie.policy import audit
from vigie.policy.reader import Action, Reader
from vigie.policy.rules import may_see, require_readable, visible_handling_ids
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import document_check

# A check holds a traveller's personal information: PROTECTED B unless its author says more.
DEFAULT_HANDLING = Handling(Marking.PROTECTED_B)
# The first letter of the document code: TD1 and TD2 codes (A, C, I) are identity documents.
_TYPES = {
    "P": "passport",
    "V": "visa",
    "I": "identity-card",
    "A": "identity-card",
    "C": "identity-card",
}


class Verdict(StrEnum):
    """What the check suggests the officer do; the officer decides."""

    CLEAR = "clear"
    EXAMINE = "examine"
    ALERT = "alert"


@dataclass(frozen=True)
class AlertHit:
    """An alert the checked document matches, as its officer may see it."""

    alert_id: int
    title: str
    features: str
    reasons: list[str]


@dataclass
class CheckResult:
    """One recorded check and everything it found that its officer may see."""

    id: int
    reading: MrzReading
    findings: list[Finding]
    seen: list[Seen]
    alerts: list[AlertHit]
    verdict: Verdict
    handling: Handling
    notes: list[str] = field(default_factory=list)

    @property
    def lost_stolen(self) -> list[Seen]:
        """Stored reports of the number (or a near one) lost or stolen."""
        return [s for s in self.seen if s.status is not None]


def document_type(reading: MrzReading) -> str | None:
    """The document type an MRZ's document code stands for."""
    code = (reading.fields.get("document_code") or "")[:1]
    return _TYPES.get(code)


def status_words(status: str) -> str:
    """A lost/stolen list's status (``mappings/lost-stolen.yaml``) as a sentence says it."""
    words = {
        "lost": _("lost"),
        "stolen": _("stolen"),
        "stolen-blank": _("stolen as a blank"),
        "revoked": _("revoked"),
    }
    return words.get(status, status)


def _seen_findings(reading: MrzReading, seen: list[Seen]) -> list[Finding]:
    fields = reading.fields
    found: list[Finding] = []
    for item in seen:
        if item.status is not None:
            if item.exact:
                message = _("The document number is reported {status}: {caption}.")
            else:
                message = _(
                    "A nearly identical number ({number}: {how}) is reported {status}: {caption}."
                )
            found.append(
                Finding(
                    "lost-stolen",
                    "document_number",
                    None,
                    message.format(
                        status=status_words(item.status),
                        caption=item.document.caption,
                        number=item.number,
                        how=item.how,
                    ),
                )
            )
        holder = same_holder(item, fields.get("surname"), fields.get("given_names"))
        if item.exact and holder is True:
            found += _collected_birth(fields.get("birth_date"), item)
        if item.exact and holder is False:
            names = ", ".join(item.holder_names())
            found.append(
                Finding(
                    "other-holder",
                    "document_number",
                    None,
                    _("This document is already known with another holder: {names}.").format(
                        names=names
                    ),
                )
            )
    return found


def _collected_birth(printed: str | None, item: Seen) -> list[Finding]:
    """The MRZ's birth date against the one on record for the same holder, when both are
    known (a date on record may give only the year)."""
    stored = [str(d) for d in item.document.proxy.get("birthDate")]
    if item.holder is not None:
        stored += [str(d) for d in item.holder.proxy.get("birthDate")]
    if not printed or not stored:
        return []
    if any(printed.startswith(day) or day.startswith(printed) for day in stored):
        return []
    return [
        Finding(
            "mismatch",
            "birth_date",
            None,
            _(
                "The birth date on record for this document's holder, {stored}, is not the MRZ's "
                "{mrz}."
            ).format(stored=", ".join(sorted(set(stored))), mrz=printed),
        )
    ]


def _verdict(findings: list[Finding], seen: list[Seen], alerts: list[AlertHit]) -> Verdict:
    if alerts or any(s.exact and s.status for s in seen):
        return Verdict.ALERT
    return Verdict.EXAMINE if findings else Verdict.CLEAR


def check_document(
    store: Store,
    reader: Reader,
    lines: list[str],
    declared: Declared | None = None,
    handling: Handling = DEFAULT_HANDLING,
    source: str = "typed",
    notes: list[str] | None = None,
    today: date | None = None,
) -> CheckResult:
    """Check one document's MRZ for ``reader`` and record the check; audited as
    ``document.check`` with the entities shown. ``source`` says how the MRZ came (``typed``,
    ``image``); ``notes`` are what OCR changed in its reading."""
    reader.require(Action.READ)
    if reader.partner is not None:
        # A partner's own check is releasable to the partner, or they could not read it back.
        handling = replace(handling, releasable_to=handling.releasable_to | {reader.partner})
    require_readable(reader, handling)
    today = today or date.today()
    declared = declared or Declared()
    if not any(line.strip() for line in lines):
        raise InvalidInput(_("mrz: type or paste the machine-readable zone"))
    reading = read_mrz(lines, today)
    findings = list(reading.findings)
    if reading.fields:
        findings += compare(reading.fields, declared, today)
    number = reading.fields.get("document_number") or ""
    state = state_key(reading.fields.get("issuing_state"))
    view = store.view(reader)
    with db.begin_write(store.engine) as conn:
        seen = seen_documents(view, conn, number, state) if number else []
        findings += _seen_findings(reading, seen)
        shown = [s.document for s in seen] + [s.holder for s in seen if s.holder is not None]
        marked = combine([handling, *(e.handling for e in shown)])
        check_id = _insert(conn, store, reader, reading, findings, marked, source)
        hits: list[AlertHit] = []
        if number:
            facts = DocumentFacts(number, state, document_type(reading), declared.issued)
            for alert, reasons, _hid in alert_store.match_check(
                store, conn, check_id, facts, marked, today
            ):
                if may_see(reader, alert.spec.handling):
                    hits.append(AlertHit(alert.id, alert.spec.title, alert.spec.features, reasons))
        verdict = _verdict(findings, seen, hits)
        conn.execute(
            update(document_check)
            .where(document_check.c.id == check_id)
            .values(verdict=verdict.value)
        )
        details = {
            "format": reading.format,
            "valid": reading.valid,
            "verdict": verdict.value,
            "document_number": number,
            "source": source,
            "findings": sorted({f.code for f in findings}),
            "entities": [e.id for e in shown],
            "alerts": [h.alert_id for h in hits],
        }
        audit.append(conn, reader.name, "document.check", f"document-check:{check_id}", details)
    return CheckResult(check_id, reading, findings, seen, hits, verdict, marked, notes or [])


def _insert(
    conn: Connection,
    store: Store,
    reader: Reader,
    reading: MrzReading,
    findings: list[Finding],
    handling: Handling,
    source: str,
) -> int:
    fields = reading.fields
    name = " ".join(filter(None, (fields.get("given_names"), fields.get("surname"))))
    new = conn.execute(
        insert(document_check).values(
            checked_by=reader.name,
            checked_at=audit.now(),
            source=source,
            mrz="\n".join(reading.lines),
            format=reading.format,
            document_number=fields.get("document_number"),
            issuing_state=fields.get("issuing_state"),
            holder_name=name or None,
            verdict=Verdict.EXAMINE.value,
            findings=json.dumps([f.to_dict() for f in findings], ensure_ascii=False),
            handling_id=store.handling_id(conn, handling),
        )
    ).inserted_primary_key
    assert new is not None
    return int(new[0])


@dataclass(frozen=True)
class CheckRecord:
    """A recorded check as the referral queue shows it."""

    id: int
    checked_by: str
    checked_at: str
    source: str
    mrz: str
    format: str | None
    document_number: str | None
    issuing_state: str | None
    holder_name: str | None
    verdict: Verdict
    findings: list[dict[str, Any]]
    handling: Handling
    referred_by: str | None
    referred_at: str | None
    referral_reason: str | None
    reviewed_by: str | None
    reviewed_at: str | None
    review_note: str | None


def _record(store: Store, conn: Connection, row: Row[Any]) -> CheckRecord:
    handling = store.handlings(conn, [row.handling_id])[row.handling_id]
    return CheckRecord(
        row.id,
        row.checked_by,
        row.checked_at,
        row.source,
        row.mrz,
        row.format,
        row.document_number,
        row.issuing_state,
        row.holder_name,
        Verdict(row.verdict),
        list(json.loads(row.findings)),
        handling,
        row.referred_by,
        row.referred_at,
        row.referral_reason,
        row.reviewed_by,
        row.reviewed_at,
        row.review_note,
    )


def _visible(conn: Connection, reader: Reader, check_id: int) -> Row[Any]:
    row = conn.execute(
        select(document_check).where(
            document_check.c.id == check_id,
            document_check.c.handling_id.in_(visible_handling_ids(reader)),
        )
    ).first()
    if row is None:
        raise NotFound(_("no document check {id} that you may see").format(id=check_id))
    return row


def refer(store: Store, reader: Reader, check_id: int, reason: str) -> CheckRecord:
    """Refer a check to intelligence, with the officer's reason; audited as
    ``document.refer``. A check is referred once."""
    reader.require(Action.READ)
    if not reason.strip():
        raise InvalidInput(_("reason: say why you refer this document"))
    with db.begin_write(store.engine) as conn:
        row = _visible(conn, reader, check_id)
        if row.referred_at is not None:
            raise InvalidInput(_("check {id} has been referred already").format(id=check_id))
        conn.execute(
            update(document_check)
            .where(document_check.c.id == check_id)
            .values(
                referred_by=reader.name, referred_at=audit.now(), referral_reason=reason.strip()
            )
        )
        audit.append(
            conn,
            reader.name,
            "document.refer",
            f"document-check:{check_id}",
            {"reason": reason.strip(), "document_number": row.document_number},
        )
        return _record(store, conn, _visible(conn, reader, check_id))


def list_referrals(
    store: Store, reader: Reader, reviewed: bool = False, limit: int = 200
) -> list[CheckRecord]:
    """Checks referred to intelligence that the reader may see, newest first: awaiting review,
    or (``reviewed``) already reviewed; audited."""
    reader.require(Action.MANAGE_ALERTS)
    reviewed_at = document_check.c.reviewed_at
    query = (
        select(document_check)
        .where(
            document_check.c.referred_at.is_not(None),
            reviewed_at.is_not(None) if reviewed else reviewed_at.is_(None),
            document_check.c.handling_id.in_(visible_handling_ids(reader)),
        )
        .order_by(document_check.c.id.desc())
        .limit(limit)
    )
    with store.engine.connect() as conn:
        found = [_record(store, conn, row) for row in conn.execute(query)]
    audit.record(
        store.engine,
        reader.name,
        "document.referral.read",
        "referrals",
        reviewed=reviewed,
        checks=[c.id for c in found],
    )
    return found


def review(store: Store, reader: Reader, check_id: int, note: str) -> CheckRecord:
    """An analyst records what was done with a referral; audited."""
    reader.require(Action.MANAGE_ALERTS)
    if not note.strip():
        raise InvalidInput(_("note: say what was done with the referral"))
    with db.begin_write(store.engine) as conn:
        row = _visible(conn, reader, check_id)
        if row.referred_at is None:
            raise InvalidInput(_("check {id} has not been referred").format(id=check_id))
        if row.reviewed_at is not None:
            raise InvalidInput(_("check {id} has been reviewed already").format(id=check_id))
        conn.execute(
            update(document_check)
            .where(document_check.c.id == check_id)
            .values(reviewed_by=reader.name, reviewed_at=audit.now(), review_note=note.strip())
        )
        audit.append(
            conn,
            reader.name,
            "document.referral.review",
            f"document-check:{check_id}",
            {"note": note.strip()},
        )
        return _record(store, conn, _visible(conn, reader, check_id))
