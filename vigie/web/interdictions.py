"""The interdiction report form, for migration integrity officers and analysts: the report's
fields grouped as an officer writes them up, checked by the JSON API's model and filed through
the same function as ``POST /api/interdictions``. A filed report opens its Event's page.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from fastapi import APIRouter
from pydantic import ValidationError
from starlette.responses import Response

from vigie.api.routers.interdictions import InterdictionIn, file_interdiction
from vigie.collect.interdictions import (
    DOCUMENT_TYPES,
    FRAUD_TYPES,
    OUTCOMES,
    SMUGGLING_INDICATORS,
    document_type_label,
    fraud_type_label,
    indicator_label,
    outcome_label,
)
from vigie.collect.mapping import InvalidValue
from vigie.errors import Forbidden, InvalidInput
from vigie.i18n import _
from vigie.model.grading import Grading
from vigie.model.handling import Handling, Marking
from vigie.policy.reader import Action, Reader
from vigie.web.forms import (
    PostedForm,
    body_of,
    chosen_handling,
    handling_fields,
    problem,
    render_form,
)
from vigie.web.render import redirect, render_json
from vigie.web.visit import SignedInDep, Visit

router = APIRouter(include_in_schema=False)

FIELDS = tuple(InterdictionIn.model_fields)
# What an interdiction report is marked unless its author says otherwise: it holds personal
# information gathered abroad, graded as a usually reliable officer's first-hand account.
DEFAULT_HANDLING = Handling(Marking.PROTECTED_B)
DEFAULT_GRADING = Grading.make("B", "2")


def field_names() -> dict[str, str]:
    """Each field's label as the form shows it, to name it in an error."""
    return {
        "reference": _("Reference"),
        "date": _("Date"),
        "post": _("Post"),
        "location": _("Location"),
        "country": _("Country"),
        "carrier": _("Carrier"),
        "flight": _("Flight"),
        "full_name": _("Full name"),
        "surname": _("Surname"),
        "given_names": _("Given names"),
        "aliases": _("Other names"),
        "birth_date": _("Birth date"),
        "birth_place": _("Birth place"),
        "nationality": _("Nationality"),
        "gender": _("Gender"),
        "document_type": _("Document type"),
        "document_country": _("Issuing country"),
        "document_number": _("Document number"),
        "document_surname": _("Surname on the document"),
        "document_given_names": _("Given names on the document"),
        "document_birth_date": _("Birth date on the document"),
        "document_gender": _("Sex on the document"),
        "document_issued": _("Issued on"),
        "document_expires": _("Expires on"),
        "document_mrz": _("Machine-readable zone"),
        "fraud_type": _("Fraud type"),
        "outcome": _("Outcome"),
        "facilitator_name": _("Facilitator's name"),
        "facilitator_phone": _("Facilitator's phone"),
        "facilitator_nationality": _("Facilitator's nationality"),
        "smuggling_indicators": _("Smuggling indicators"),
        "narrative": _("What happened"),
        "marking": _("Marking"),
        "caveats": _("Caveats"),
        "releasable_to": _("Releasable to"),
        "compartments": _("Compartments"),
        "reliability": _("Source reliability"),
        "credibility": _("Information credibility"),
        "requirement": _("Requirement answered"),
    }


def _choices() -> dict[str, list[tuple[str, str]]]:
    """The coded fields' choices in the page's language."""
    genders = [("male", _("Male")), ("female", _("Female")), ("other", _("Other"))]
    return {
        "fraud_types": [(word, fraud_type_label(word)) for word in FRAUD_TYPES],
        "outcomes": [(word, outcome_label(word)) for word in OUTCOMES],
        "indicators": [(word, indicator_label(word)) for word in SMUGGLING_INDICATORS],
        "document_types": [(word, document_type_label(word)) for word in DOCUMENT_TYPES],
        "genders": genders,
    }


def _require_reporter(reader: Reader) -> None:
    if not reader.may(Action.IMPORT):
        raise Forbidden(_("Your role may not file interdiction reports."))


def _form(
    visit: Visit,
    fields: dict[str, str],
    banner: Handling | None,
    status: int = 200,
    error: str | None = None,
    error_field: str | None = None,
) -> Response:
    checked = set(fields.get("smuggling_indicators", "").split(";"))
    return render_form(
        visit,
        "interdiction_form.html",
        fields,
        banner,
        status,
        error,
        error_field,
        checked=checked,
        **_choices(),
    )


@router.get("/interdictions/new")
def new_interdiction(visit: SignedInDep) -> Response:
    """The report form, dated today and marked PROTECTED B, graded B2, until its author says
    otherwise."""
    _require_reporter(visit.reader)
    fields = {
        "date": date.today().isoformat(),
        **handling_fields(DEFAULT_HANDLING),
        "reliability": DEFAULT_GRADING.reliability.value,
        "credibility": DEFAULT_GRADING.credibility.value,
    }
    return _form(visit, fields, None)


@router.post("/interdictions/new")
def file_interdiction_form(visit: SignedInDep, form: PostedForm) -> Response:
    """File the report and open its Event's page; a refused report comes back with what was
    typed and why, the field at fault marked."""
    visit.check_csrf(form.get("csrf_token"))
    reader = visit.reader
    _require_reporter(reader)
    try:
        body = InterdictionIn.model_validate(body_of(form, FIELDS))
        filed = file_interdiction(visit.store, reader, body)
    except ValidationError as exc:
        return _reshow(visit, form, *problem(exc, field_names()))
    except InvalidValue as exc:
        return _reshow(visit, form, str(exc), exc.column)
    except InvalidInput as exc:
        return _reshow(visit, form, str(exc), None)
    if visit.json:
        return render_json(visit, filed, 200 if filed.repeated else 201)
    outcome = "repeat" if filed.repeated else "new"
    return redirect(visit, f"/entities/{quote(filed.event_id)}?filed={outcome}")


def _reshow(visit: Visit, form: dict[str, str], error: str, field: str | None) -> Response:
    """The form again; it shows back what its author typed, so it is marked as they chose (or
    as the default when that cannot be read)."""
    fields = {name: form.get(name, "") for name in FIELDS}
    banner = chosen_handling(form) or DEFAULT_HANDLING
    return _form(visit, fields, banner, 422, error, field)
