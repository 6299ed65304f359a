"""Interdiction reports, one at a time, as a migration integrity officer files them from a post
abroad; the workspace's form files them through :func:`file_interdiction` too.

A report becomes facts at once (a Person, the document presented, the facilitator, and the
interdiction as an Event), under the handling and grading its author gives, as a collection
report of the source ``interdiction-reports`` brought by the author.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Response
from pydantic import BaseModel, ConfigDict, Field

from vigie.api.deps import ReaderDep, StoreDep
from vigie.collect.interdictions import InterdictionReport, import_report, interdiction_entities
from vigie.collect.mapping import InvalidValue
from vigie.cycle.requirements import answered_reference
from vigie.errors import InvalidInput, NotFound
from vigie.i18n import _
from vigie.model.grading import Credibility, Grading, Reliability
from vigie.model.handling import Handling, Marking, clean_labels
from vigie.policy.reader import Action, Reader
from vigie.policy.rules import may_see
from vigie.store import Store
from vigie.store.writer import Collection

router = APIRouter(tags=["interdictions"])

SOURCE = "interdiction-reports"
Text = Field(default="", max_length=500)


class InterdictionIn(BaseModel):
    """An interdiction report and the handling and grading of the facts it brings. Fields are
    named as the columns of the interdictions CSV (``docs/collect-tabular.md``); coded fields
    take the words of its vocabularies, countries their two-letter codes. ``requirement``
    names the intelligence requirement the report answers, if any (``IR-3``). A field the model
    does not know is refused: misspelt, it would otherwise be dropped with what it held."""

    model_config = ConfigDict(extra="forbid")

    reference: str = Field(min_length=1, max_length=100)
    date: dt.date
    post: str = Field(min_length=1, max_length=200)
    full_name: str = Field(min_length=1, max_length=500)
    outcome: str = Field(min_length=1, max_length=64)
    location: str = Text
    country: str = Text
    carrier: str = Text
    flight: str = Field(default="", max_length=16)
    surname: str = Text
    given_names: str = Text
    aliases: list[str] = []
    birth_date: str = Field(default="", max_length=10)
    birth_place: str = Text
    nationality: str = Text
    gender: str = Text
    document_type: str = Text
    document_country: str = Text
    document_number: str = Field(default="", max_length=64)
    document_surname: str = Text
    document_given_names: str = Text
    document_birth_date: str = Field(default="", max_length=10)
    document_gender: str = Text
    document_issued: str = Field(default="", max_length=10)
    document_expires: str = Field(default="", max_length=10)
    document_mrz: str = Field(default="", max_length=200)
    fraud_type: str = Text
    facilitator_name: str = Text
    facilitator_phone: str = Field(default="", max_length=64)
    facilitator_nationality: str = Text
    smuggling_indicators: list[str] = []
    narrative: str = Field(default="", max_length=20_000)
    marking: str = "PROTECTED B"
    caveats: list[str] = []
    releasable_to: list[str] = []
    compartments: list[str] = []
    reliability: str = "B"
    credibility: str = "2"
    requirement: str | None = Field(default=None, max_length=100)


HANDLING_FIELDS = ("marking", "caveats", "releasable_to", "compartments")
GRADING_FIELDS = ("reliability", "credibility")
COLLECTION_FIELDS = (*HANDLING_FIELDS, *GRADING_FIELDS, "requirement")


class InterdictionOut(BaseModel):
    """A filed report: its collection report and the ids of the entities it recorded, by role
    (``interdiction`` is the Event; ``document`` and ``facilitator`` when the report has one).
    ``repeated`` says the same report had been filed already and nothing was added."""

    report_id: int
    event_id: str
    entity_ids: dict[str, str]
    entities: int
    statements: int
    repeated: bool


def _handling(body: InterdictionIn) -> Handling:
    """The body's handling; an error names the field it comes from."""
    kinds = {"caveats": "caveat", "releasable_to": "partner", "compartments": "compartment"}
    try:
        marking = Marking.parse(body.marking)
    except InvalidInput as exc:
        raise InvalidValue("marking", str(exc)) from None
    labels = {}
    for field, kind in kinds.items():
        try:
            labels[field] = clean_labels(getattr(body, field), kind)
        except InvalidInput as exc:
            raise InvalidValue(field, str(exc)) from None
    return Handling(marking, labels["caveats"], labels["releasable_to"], labels["compartments"])


def _grading(body: InterdictionIn) -> Grading:
    """The body's grading; an error names the field it comes from."""
    try:
        reliability = Reliability.parse(body.reliability)
    except InvalidInput as exc:
        raise InvalidValue("reliability", str(exc)) from None
    try:
        credibility = Credibility.parse(body.credibility)
    except InvalidInput as exc:
        raise InvalidValue("credibility", str(exc)) from None
    return Grading(reliability, credibility)


def check_readable(reader: Reader, handling: Handling) -> None:
    """Refuse a handling its own author could not read back (a marking above their clearance,
    a caveat they do not hold, a compartment they are not in): they would lose sight of what
    they just wrote. The workspace's lookout form applies it too."""
    if not may_see(reader, handling):
        raise InvalidValue(
            "marking",
            _(
                "You could not read back a record with this handling: choose a marking within "
                "your clearance, and only caveats and compartments that you hold."
            ),
        )


def _requirement(store: Store, reader: Reader, text: str | None) -> str | None:
    """The reference of the requirement the report answers, one the author may see; an error
    names the field."""
    if not text or not text.strip():
        return None
    try:
        with store.engine.connect() as conn:
            return answered_reference(conn, text, reader)
    except (InvalidInput, NotFound) as exc:
        raise InvalidValue("requirement", str(exc)) from None


def file_interdiction(store: Store, reader: Reader, body: InterdictionIn) -> InterdictionOut:
    """File one report as its author: check the role and the input, then write the report's
    facts as one collection report (audited as ``import``). Raises :class:`InvalidValue`
    naming the field at fault."""
    reader.require(Action.IMPORT)
    handling, grading = _handling(body), _grading(body)
    check_readable(reader, handling)
    answers = _requirement(store, reader, body.requirement)
    fields = body.model_dump(exclude=set(COLLECTION_FIELDS))
    fields["aliases"] = tuple(fields["aliases"])
    fields["smuggling_indicators"] = tuple(fields["smuggling_indicators"])
    report = InterdictionReport(**fields)
    collection = Collection(
        source=SOURCE,
        kind="interdictions",
        file_name="",
        checksum="",
        actor=reader.name,
        handling=handling,
        grading=grading,
        title="Interdiction reports filed by officers",
        requirement=answers,
    )
    result = import_report(store, report, collection)
    ids = {role: record.id for role, record in interdiction_entities(report).items()}
    return InterdictionOut(
        report_id=result.report_id,
        event_id=ids["interdiction"],
        entity_ids=ids,
        entities=result.entities,
        statements=result.statements,
        repeated=result.repeated,
    )


@router.post("/interdictions", response_model=InterdictionOut, status_code=201)
def file_report(
    store: StoreDep, reader: ReaderDep, body: InterdictionIn, response: Response
) -> InterdictionOut:
    """File an interdiction report (roles that may import). A refused report answers 422 with
    the field at fault in ``loc``, as FastAPI's own validation errors do; the same report filed
    again answers 200 with the earlier report's id and adds nothing."""
    try:
        filed = file_interdiction(store, reader, body)
    except InvalidValue as exc:
        detail = [{"loc": ["body", exc.column], "msg": str(exc), "type": "value_error"}]
        raise HTTPException(status_code=422, detail=detail) from None
    if filed.repeated:
        response.status_code = 200
    return filed
