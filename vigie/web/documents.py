"""The officer's document check (type or paste an MRZ, or upload an image of the data page),
its verdict and findings, the referral to intelligence, and the fraud trends with their charts.

HTTP only: the checks, the policy and the audit are ``vigie.documents``'; bodies are checked by
the JSON API's models, and every page also answers in JSON (``?format=json``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.responses import PlainTextResponse, Response

from vigie.api.routers.documents import (
    CheckIn,
    ReasonIn,
    check_out,
    record_out,
    trends_out,
)
from vigie.documents import trends
from vigie.documents.check import CheckResult, check_document, refer
from vigie.documents.ocr import MAX_IMAGE_BYTES, read_image
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.web.chart import Bar, bar_chart
from vigie.web.forms import PostedForm, body_of, problem
from vigie.web.render import redirect, render, render_json
from vigie.web.visit import SignedInDep, Visit

router = APIRouter(include_in_schema=False)
CHECK_FIELDS = tuple(CheckIn.model_fields)


def field_names() -> dict[str, str]:
    """Each field's label as the form shows it, to name it in an error."""
    return {
        "mrz": _("Machine-readable zone"),
        "surname": _("Surname"),
        "given_names": _("Given names"),
        "birth_date": _("Birth date"),
        "sex": _("Sex"),
        "nationality": _("Nationality"),
        "issued": _("Issued on"),
        "travel_date": _("Date of travel"),
        "reason": _("Reason"),
    }


def mrz_labels() -> dict[str, str]:
    """The MRZ's fields in words, as the result shows them."""
    return {
        "document_code": _("Document code"),
        "issuing_state": _("Issuing state"),
        "surname": _("Surname"),
        "given_names": _("Given names"),
        "document_number": _("Document number"),
        "nationality": _("Nationality"),
        "birth_date": _("Birth date"),
        "sex": _("Sex"),
        "expiry_date": _("Expires on"),
        "optional_data": _("Optional data"),
        "optional_data_2": _("Optional data (line 2)"),
    }


def verdict_text(verdict: str) -> str:
    """A verdict in words for the officer."""
    return {
        "clear": _("No problem found"),
        "examine": _("Examine the document: see the findings"),
        "alert": _("Alert: reported lost or stolen, or matching a document alert"),
    }[verdict]


def _page(
    visit: Visit,
    fields: dict[str, str],
    result: CheckResult | None = None,
    status: int = 200,
    error: str | None = None,
    error_field: str | None = None,
    referred: int | None = None,
) -> Response:
    if visit.json:
        if error:
            return render_json(visit, {"detail": error, "field": error_field}, status)
        if result is not None:
            return render_json(visit, check_out(result), status)
    context: dict[str, Any] = {
        "fields": fields,
        "result": result,
        "error": error,
        "error_field": error_field,
        "referred": referred,
        "verdict_text": verdict_text,
        "mrz_labels": mrz_labels(),
        "banner": result.handling if result else None,
        "max_mb": MAX_IMAGE_BYTES // 2**20,
    }
    return render(visit, "document_check.html", status, **context)


@router.get("/documents")
@router.get("/documents/check")
def check_form(visit: SignedInDep, referred: int | None = None) -> Response:
    """The check form; ``referred`` confirms a referral just made."""
    return _page(visit, {"travel_date": date.today().isoformat()}, referred=referred)


@router.post("/documents/check")
async def check(visit: SignedInDep) -> Response:
    """Check a typed MRZ, or the MRZ read from an uploaded image; the page shows the verdict,
    every finding, what the store knows of the number and the alerts matched."""
    posted = await visit.request.form()
    form = {k: v for k, v in posted.items() if isinstance(v, str)}
    visit.check_csrf(form.get("csrf_token"))
    image = posted.get("image")
    upload = image if isinstance(image, UploadFile) and image.filename else None
    fields = {name: form.get(name, "") for name in CHECK_FIELDS}
    notes: list[str] = []
    try:
        if upload is not None:
            reading = read_image(await upload.read(MAX_IMAGE_BYTES + 1))
            fields["mrz"], notes = "\n".join(reading.lines), reading.notes
        body = CheckIn.model_validate(body_of(fields, CHECK_FIELDS))
        result = check_document(
            visit.store,
            visit.reader,
            body.mrz.strip().splitlines(),
            body.declared(),
            source="image" if upload is not None else "typed",
            notes=notes,
        )
    except ValidationError as exc:
        message, field = problem(exc, field_names())
        return _page(visit, fields, status=422, error=message, error_field=field)
    except InvalidInput as exc:
        return _page(visit, fields, status=422, error=str(exc), error_field="mrz")
    return _page(visit, fields, result, 201 if visit.json else 200)


@router.post("/documents/checks/{check_id:int}/referral")
def refer_check(visit: SignedInDep, check_id: int, form: PostedForm) -> Response:
    """Refer a check to intelligence with the officer's reason (recorded and audited)."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = ReasonIn.model_validate(body_of(form, ("reason",)))
        record = refer(visit.store, visit.reader, check_id, body.reason)
    except ValidationError as exc:
        raise InvalidInput(problem(exc, field_names())[0]) from None
    if visit.json:
        return render_json(visit, record_out(record))
    return redirect(visit, f"/documents/check?referred={check_id}")


def dimension_names() -> dict[str, str]:
    """Each trend dimension in words."""
    return {
        "month": _("By month"),
        "issuing_state": _("By issuing state"),
        "document_type": _("By document type"),
        "fraud_type": _("By fraud type"),
        "route": _("By route"),
    }


@router.get("/documents/trends")
def trend_page(visit: SignedInDep) -> Response:
    """Interceptions and fraud by month, issuing state, document type, fraud type and route,
    as charts drawn on the server, counted only from what the user may see."""
    rows, marked = trends.interceptions(visit.store, visit.reader)
    if visit.json:
        return render_json(visit, trends_out(rows))
    names = dimension_names()
    charts = []
    for dim in trends.DIMENSIONS:
        tallies = trends.tally(rows, dim)
        bars = [Bar(t.value, t.interceptions, t.fraud) for t in tallies]
        chart = bar_chart(names[dim], bars, _("interceptions"), _("with document fraud"))
        charts.append((dim, names[dim], chart, tallies))
    return render(
        visit,
        "document_trends.html",
        charts=charts,
        total=len(rows),
        fraud=sum(r.fraud for r in rows),
        banner=marked if rows else None,
    )


@router.get("/documents/trends.csv")
def trend_csv(visit: SignedInDep) -> Response:
    """The counts as CSV, one line per combination of the dimensions (audited as an export
    of trends)."""
    rows, _marked = trends.interceptions(visit.store, visit.reader, purpose="csv")
    return PlainTextResponse(
        trends.to_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="document-trends.csv"'},
    )
