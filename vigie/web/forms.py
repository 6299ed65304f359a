"""What the workspace's data-entry forms share: reading a posted form, turning the API's
validation errors into a sentence naming the field, and the handling and grading fields that
every collected fact needs.

A form is checked by the same pydantic model as the JSON API's body, so the two accept exactly
the same input; only the way an error is told differs (a translated sentence on the page).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Annotated, Any

from babel import Locale
from fastapi import Depends, Request
from followthemoney.types import registry
from pydantic import ValidationError
from starlette.responses import Response

from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.handling import Handling, Marking
from vigie.policy.reader import Reader
from vigie.web.render import render, render_json
from vigie.web.visit import Visit

# Fields that hold lists, with the separator a user types between items: labels are written
# with commas; names and indicators (which may hold commas) with semicolons, as in tables.
LIST_FIELDS = {
    "caveats": ",",
    "releasable_to": ",",
    "compartments": ",",
    "aliases": ";",
    "smuggling_indicators": ";",
}


async def posted_form(request: Request) -> dict[str, str]:
    """A posted form's fields as text. A repeated field (a group of checkboxes) gives its values
    joined with ``;``, as list cells are written in Vigie's tables; files are ignored, since no
    form of the workspace uploads one."""
    form = await request.form()
    fields: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            fields.setdefault(key, []).append(value)
    return {key: ";".join(values) for key, values in fields.items()}


PostedForm = Annotated[dict[str, str], Depends(posted_form)]


def labels_of(text: str, separator: str = ",") -> list[str]:
    """The items of a list typed in one field (caveats, partners, compartments, aliases)."""
    return [part.strip() for part in text.split(separator) if part.strip()]


def body_of(form: Mapping[str, str], fields: tuple[str, ...]) -> dict[str, Any]:
    """The body the API's model expects, from a form: blank optional fields become absent and
    list fields become lists. Fields the form does not name are left to the model's
    defaults."""
    body: dict[str, Any] = {}
    for name in fields:
        value = form.get(name, "").strip()
        if name in LIST_FIELDS:
            body[name] = labels_of(value, LIST_FIELDS[name])
        elif value:
            body[name] = value
    return body


def problem(exc: ValidationError, names: Mapping[str, str]) -> tuple[str, str | None]:
    """The first of a model's validation errors as a sentence naming the field, and the field.

    ``names`` gives each field's label as the form shows it; pydantic's own messages are
    English only, so the common kinds of error are told here in the page's language.
    """
    error = exc.errors()[0]
    field = str(error["loc"][0]) if error["loc"] else None
    name = names.get(field or "", field or "")
    kind, context = error["type"], error.get("ctx") or {}
    if kind == "missing" or (kind == "string_too_short" and context.get("min_length") == 1):
        message = _("“{field}” is missing.")
    elif kind == "string_too_short":
        message = _("“{field}” needs at least {count} characters.")
    elif kind == "string_too_long":
        message = _("“{field}” takes at most {count} characters.")
    elif kind.startswith("date"):
        message = _("“{field}” must be a date written YYYY-MM-DD.")
    elif kind in ("enum", "literal_error"):
        message = _("“{field}” must be one of the choices offered.")
    else:
        message = _("“{field}” is not valid.")
    count = context.get("min_length", context.get("max_length", ""))
    return message.format(field=name, count=count), field


@cache
def _countries(code: str) -> tuple[tuple[str, str], ...]:
    names = Locale.parse(code).territories
    found = {
        key: str(names.get(key.upper(), english))
        for key, english in registry.country.names.items()
        if len(key) == 2
    }
    return tuple(sorted(found.items(), key=lambda item: item[1]))


def countries(code: str) -> tuple[tuple[str, str], ...]:
    """Country codes (as FollowTheMoney writes them, e.g. ``lb``) with their names in a
    language, sorted by name: the choices of a nationality or country field."""
    return _countries(code)


def markings(reader: Reader) -> list[Marking]:
    """The markings a user may give what they write: up to what their clearance reads, since
    a user could not read back a record marked above it."""
    return [m for m in Marking if m <= reader.clearance.max_marking]


def handling_fields(handling: Handling) -> dict[str, str]:
    """A handling as the form's fields show it."""
    return {
        "marking": handling.marking.label,
        "caveats": ", ".join(sorted(handling.caveats)),
        "releasable_to": ", ".join(sorted(handling.releasable_to)),
        "compartments": ", ".join(sorted(handling.compartments)),
    }


def chosen_handling(form: Mapping[str, str]) -> Handling | None:
    """The handling a posted form asks for, or ``None`` when it cannot be read."""
    try:
        return Handling.make(
            form.get("marking", ""),
            labels_of(form.get("caveats", "")),
            labels_of(form.get("releasable_to", "")),
            labels_of(form.get("compartments", "")),
        )
    except InvalidInput:
        return None


def render_form(
    visit: Visit,
    template: str,
    fields: dict[str, str],
    banner: Handling | None,
    status: int = 200,
    error: str | None = None,
    error_field: str | None = None,
    **extra: Any,
) -> Response:
    """A form page (or its JSON: the draft, or the error and its field), with what every form
    needs: the markings the user may choose and the countries in the page's language."""
    if visit.json:
        if error:
            return render_json(visit, {"detail": error, "field": error_field}, status)
        return render_json(visit, {"draft": fields}, status)
    return render(
        visit,
        template,
        status,
        fields=fields,
        error=error,
        error_field=error_field,
        markings=markings(visit.reader),
        countries=countries(visit.language),
        banner=banner,
        **extra,
    )
