"""Travel-document integrity: MRZ validation, document checks (typed or from an image),
referrals to intelligence, document alerts and their matches, fraud trends. HTTP only: the
work is in ``vigie.documents``; the workspace's pages call the same functions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from vigie.api.deps import ReaderDep, StoreDep
from vigie.documents import alerts, trends
from vigie.documents.alert import Alert, AlertSpec, AlertStatus, MatchStatus
from vigie.documents.alerts import Match
from vigie.documents.check import (
    CheckRecord,
    CheckResult,
    check_document,
    list_referrals,
    refer,
    review,
)
from vigie.documents.consistency import Declared
from vigie.documents.ocr import read_image
from vigie.documents.validate import read_mrz, split_documents
from vigie.model.grading import Grading
from vigie.model.handling import Handling

router = APIRouter(prefix="/documents", tags=["documents"])
MAX_MRZ = 2_000


class MrzIn(BaseModel):
    """MRZ text: the lines of one document, documents separated by a blank line."""

    mrz: str = Field(min_length=1, max_length=20_000)


class ReadingOut(BaseModel):
    """One zone read and checked, as ``vigie documents check-mrz`` prints it."""

    format: str | None
    valid: bool
    fields: dict[str, str | None]
    findings: list[dict[str, Any]]


class CheckIn(BaseModel):
    """A document to check, and what is known to check it against (all optional)."""

    mrz: str = Field(min_length=1, max_length=MAX_MRZ)
    surname: str = Field(default="", max_length=500)
    given_names: str = Field(default="", max_length=500)
    birth_date: dt.date | None = None
    sex: str = Field(default="", max_length=1)
    nationality: str = Field(default="", max_length=3)
    issued: dt.date | None = None
    travel_date: dt.date | None = None

    def declared(self) -> Declared:
        """What the body says of the holder and the journey."""
        return Declared(
            self.surname,
            self.given_names,
            self.birth_date,
            self.sex,
            self.nationality,
            self.issued,
            self.travel_date,
        )


class SeenOut(BaseModel):
    """A stored document with the checked number or a near one."""

    entity_id: str
    caption: str
    number: str
    exact: bool
    difference: str
    status: str | None
    holder_id: str | None
    holder_names: list[str]
    handling: dict[str, object]


class AlertHitOut(BaseModel):
    """An active alert the checked document matches."""

    alert_id: int
    title: str
    features: str
    reasons: list[str]


class CheckOut(BaseModel):
    """A recorded check: the MRZ's reading, every finding, what the store knows of the number,
    the alerts matched and the verdict (``clear``, ``examine`` or ``alert``), which only
    summarises: the officer decides."""

    id: int
    verdict: str
    reading: ReadingOut
    findings: list[dict[str, Any]]
    seen: list[SeenOut]
    alerts: list[AlertHitOut]
    notes: list[str]
    handling: dict[str, object]


def check_out(result: CheckResult) -> CheckOut:
    """The JSON form of a check (the CLI prints it too)."""
    reading = result.reading.to_dict()
    return CheckOut(
        id=result.id,
        verdict=result.verdict.value,
        reading=ReadingOut(**reading),
        findings=[f.to_dict() for f in result.findings],
        seen=[
            SeenOut(
                entity_id=s.document.id,
                caption=s.document.caption,
                number=s.number,
                exact=s.exact,
                difference=s.how,
                status=s.status,
                holder_id=s.holder.id if s.holder else None,
                holder_names=s.holder_names(),
                handling=s.document.handling.to_dict(),
            )
            for s in result.seen
        ],
        alerts=[AlertHitOut(**hit.__dict__) for hit in result.alerts],
        notes=result.notes,
        handling=result.handling.to_dict(),
    )


class ReasonIn(BaseModel):
    """Why."""

    reason: str = Field(min_length=1, max_length=5_000)


class NoteIn(BaseModel):
    """What was done."""

    note: str = Field(min_length=1, max_length=5_000)


class CheckRecordOut(BaseModel):
    """A recorded check in the referral queue."""

    id: int
    checked_by: str
    checked_at: str
    source: str
    mrz: str
    format: str | None
    document_number: str | None
    issuing_state: str | None
    holder_name: str | None
    verdict: str
    findings: list[dict[str, Any]]
    handling: dict[str, object]
    referred_by: str | None
    referred_at: str | None
    referral_reason: str | None
    reviewed_by: str | None
    reviewed_at: str | None
    review_note: str | None


def record_out(record: CheckRecord) -> CheckRecordOut:
    """The JSON form of a recorded check."""
    values = dict(record.__dict__)
    values["verdict"] = record.verdict.value
    values["handling"] = record.handling.to_dict()
    return CheckRecordOut(**values)


class AlertIn(BaseModel):
    """A document alert: what it concerns (at least a number pattern, a number range or an
    issuing state) and what to examine."""

    title: str = Field(min_length=1, max_length=200)
    features: str = Field(min_length=1, max_length=20_000)
    issuing_state: str | None = Field(default=None, max_length=3)
    document_type: str | None = Field(default=None, max_length=32)
    number_pattern: str | None = Field(default=None, max_length=64)
    number_from: str | None = Field(default=None, max_length=64)
    number_to: str | None = Field(default=None, max_length=64)
    issued_from: dt.date | None = None
    issued_to: dt.date | None = None
    expires_on: dt.date | None = None
    marking: str = "PROTECTED B"
    caveats: list[str] = []
    releasable_to: list[str] = []
    compartments: list[str] = []
    reliability: str = "B"
    credibility: str = "2"

    def spec(self) -> AlertSpec:
        """The alert this body stands for."""
        return AlertSpec(
            title=self.title,
            features=self.features,
            handling=Handling.make(
                self.marking, self.caveats, self.releasable_to, self.compartments
            ),
            grading=Grading.make(self.reliability, self.credibility),
            issuing_state=self.issuing_state or None,
            document_type=self.document_type or None,
            number_pattern=(self.number_pattern or "").upper() or None,
            number_from=(self.number_from or "").upper() or None,
            number_to=(self.number_to or "").upper() or None,
            issued_from=self.issued_from,
            issued_to=self.issued_to,
            expires_on=self.expires_on,
        )


class AlertOut(BaseModel):
    """A document alert; ``matched`` is set on publication: stored documents it matched."""

    id: int
    title: str
    features: str
    issuing_state: str | None
    document_type: str | None
    number_pattern: str | None
    number_from: str | None
    number_to: str | None
    issued_from: dt.date | None
    issued_to: dt.date | None
    expires_on: dt.date | None
    status: str
    handling: dict[str, object]
    grading: str
    created_by: str
    created_at: str
    withdrawn_by: str | None
    withdrawal_reason: str | None
    matched: int | None = None


def alert_out(alert: Alert, matched: int | None = None) -> AlertOut:
    """The JSON form of an alert."""
    spec = alert.spec
    return AlertOut(
        id=alert.id,
        title=spec.title,
        features=spec.features,
        issuing_state=spec.issuing_state,
        document_type=spec.document_type,
        number_pattern=spec.number_pattern,
        number_from=spec.number_from,
        number_to=spec.number_to,
        issued_from=spec.issued_from,
        issued_to=spec.issued_to,
        expires_on=spec.expires_on,
        status=alert.status.value,
        handling=spec.handling.to_dict(),
        grading=spec.grading.code,
        created_by=alert.created_by,
        created_at=alert.created_at,
        withdrawn_by=alert.withdrawn_by,
        withdrawal_reason=alert.withdrawal_reason,
        matched=matched,
    )


class MatchOut(BaseModel):
    """A stored or checked document matched to an alert, waiting for an analyst."""

    id: int
    alert_id: int
    alert_title: str
    entity_id: str | None
    check_id: int | None
    document_number: str
    issuing_state: str | None
    reasons: list[str]
    handling: dict[str, object]
    status: str
    created_at: str
    decided_by: str | None
    decided_at: str | None
    decision_reason: str | None


def match_out(match: Match) -> MatchOut:
    """The JSON form of a match."""
    values = dict(match.__dict__)
    values["status"] = match.status.value
    values["handling"] = match.handling.to_dict()
    return MatchOut(**values)


class DecisionIn(BaseModel):
    """An analyst's decision on a match."""

    decision: MatchStatus
    reason: str = Field(min_length=1, max_length=5_000)


class TallyOut(BaseModel):
    """Interceptions with one value of a dimension, and how many involved document fraud."""

    value: str
    interceptions: int
    fraud: int


class TrendsOut(BaseModel):
    """Interceptions counted by each dimension."""

    total: int
    fraud: int
    by: dict[str, list[TallyOut]]


def trends_out(rows: list[trends.Interception]) -> TrendsOut:
    """The JSON form of the trends."""
    return TrendsOut(
        total=len(rows),
        fraud=sum(r.fraud for r in rows),
        by={
            dim: [TallyOut(**t.__dict__) for t in trends.tally(rows, dim)]
            for dim in trends.DIMENSIONS
        },
    )


@router.post("/check-mrz", response_model=list[ReadingOut])
def check_mrz(reader: ReaderDep, body: MrzIn) -> list[ReadingOut]:
    """Read and validate MRZ text (nothing is recorded: no store is read)."""
    return [ReadingOut(**read_mrz(lines).to_dict()) for lines in split_documents(body.mrz)]


@router.post("/checks", response_model=CheckOut, status_code=201)
def check(store: StoreDep, reader: ReaderDep, body: CheckIn) -> CheckOut:
    """Check a document and record the check (audited as ``document.check``)."""
    lines = body.mrz.strip().splitlines()
    return check_out(check_document(store, reader, lines, body.declared()))


@router.post("/checks/image", response_model=CheckOut, status_code=201)
async def check_image(
    store: StoreDep,
    reader: ReaderDep,
    image: Annotated[UploadFile, File(description="A photograph or scan of the data page")],
    travel_date: Annotated[dt.date | None, Form()] = None,
) -> CheckOut:
    """Read the MRZ from an image with Tesseract, then check it as ``POST /checks`` does; what
    OCR had to settle is in ``notes``."""
    reading = read_image(await image.read())
    declared = Declared(travel_date=travel_date)
    result = check_document(
        store, reader, reading.lines, declared, source="image", notes=reading.notes
    )
    return check_out(result)


@router.post("/checks/{check_id}/referral", response_model=CheckRecordOut)
def refer_check(
    store: StoreDep, reader: ReaderDep, check_id: int, body: ReasonIn
) -> CheckRecordOut:
    """Refer a check to intelligence, with the reason (audited as ``document.refer``)."""
    return record_out(refer(store, reader, check_id, body.reason))


@router.get("/referrals", response_model=list[CheckRecordOut])
def referrals(store: StoreDep, reader: ReaderDep, reviewed: bool = False) -> list[CheckRecordOut]:
    """Checks referred to intelligence, awaiting review (or reviewed)."""
    return [record_out(r) for r in list_referrals(store, reader, reviewed)]


@router.post("/referrals/{check_id}/review", response_model=CheckRecordOut)
def review_referral(
    store: StoreDep, reader: ReaderDep, check_id: int, body: NoteIn
) -> CheckRecordOut:
    """Record what was done with a referral."""
    return record_out(review(store, reader, check_id, body.note))


@router.get("/alerts", response_model=list[AlertOut])
def list_alerts(
    store: StoreDep, reader: ReaderDep, status: AlertStatus | None = None
) -> list[AlertOut]:
    """Document alerts the user may see, newest first."""
    return [alert_out(a) for a in alerts.list_alerts(store, reader, status)]


@router.post("/alerts", response_model=AlertOut, status_code=201)
def publish(store: StoreDep, reader: ReaderDep, body: AlertIn) -> AlertOut:
    """Publish a document alert; every stored document is matched against it at once."""
    alert, matched = alerts.publish_alert(store, reader, body.spec())
    return alert_out(alert, matched)


@router.post("/alerts/{alert_id}/withdrawal", response_model=AlertOut)
def withdraw(store: StoreDep, reader: ReaderDep, alert_id: int, body: ReasonIn) -> AlertOut:
    """Withdraw an alert, with the reason."""
    return alert_out(alerts.withdraw_alert(store, reader, alert_id, body.reason))


@router.get("/alert-matches", response_model=list[MatchOut])
def matches(
    store: StoreDep, reader: ReaderDep, status: MatchStatus | None = MatchStatus.OPEN
) -> list[MatchOut]:
    """Documents matched to alerts, for analysts (open ones by default)."""
    return [match_out(m) for m in alerts.list_matches(store, reader, status)]


@router.post("/alert-matches/{match_id}/decision", response_model=MatchOut)
def decide(store: StoreDep, reader: ReaderDep, match_id: int, body: DecisionIn) -> MatchOut:
    """Confirm or dismiss a match, with the reason."""
    return match_out(alerts.decide_match(store, reader, match_id, body.decision, body.reason))


@router.get("/trends", response_model=TrendsOut)
def trend_counts(store: StoreDep, reader: ReaderDep) -> TrendsOut:
    """Interceptions and fraud by month, issuing state, document type, fraud type and route."""
    return trends_out(trends.interceptions(store, reader)[0])


@router.get("/trends.csv", response_class=PlainTextResponse)
def trend_csv(store: StoreDep, reader: ReaderDep) -> PlainTextResponse:
    """The same as CSV, one line per combination of the dimensions."""
    text = trends.to_csv(trends.interceptions(store, reader, purpose="csv")[0])
    return PlainTextResponse(text, media_type="text/csv; charset=utf-8")
