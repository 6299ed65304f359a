"""Drawing pages: the Jinja2 environment, the labels a page needs in its language, and the
headers every workspace response carries."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from babel import Locale
from followthemoney import model
from followthemoney.types import registry
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from pydantic import BaseModel
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from vigie.i18n import LANGUAGES, _, language
from vigie.i18n.ftm import ftm_label
from vigie.model.grading import Credibility, Grading, Reliability
from vigie.model.handling import Handling, Marking
from vigie.model.lookout import Category, Status
from vigie.policy.reader import Action, Clearance, Role
from vigie.web import TEMPLATE_DIR, vocabulary
from vigie.web.session import LOGIN_CSRF_COOKIE, set_cookie
from vigie.web.visit import Visit, current_path

SECURITY_HEADERS = {
    # No inline script or style anywhere, and nothing from another origin: the workspace runs
    # air-gapped and its pages hold personal information.
    "Content-Security-Policy": (
        "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    # Pages show what one user may see: keep them out of shared and back-button caches.
    "Cache-Control": "no-store",
}

environment = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=select_autoescape(["html"], default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


class Labels:
    """The names a page prints for codes, in one language.

    FollowTheMoney's catalogues, completed by Vigie's (``vigie.i18n.ftm``), name schemata and
    properties; they are applied here from the English label rather than through FtM's
    thread-wide locale, which the JSON API shares.
    """

    def __init__(self, code: str) -> None:
        self.code = code

    def ftm(self, english: str) -> str:
        """A FollowTheMoney label (schema, property or relation) in this language."""
        return ftm_label(english, self.code)

    def schema(self, name: str) -> str:
        """A schema's label from its name, e.g. ``Passport``."""
        found = model.get(name)
        return self.ftm(found.label) if found is not None else name

    def prop(self, schema: str, prop: str) -> str:
        """A property's label."""
        found = model.get(schema)
        if found is None or prop not in found.properties:
            return prop
        return self.ftm(found.properties[prop].label)

    def link_kind(self, kind: str) -> str:
        """A kind of link as the link analysis names it: one of Vigie's derived kinds, a
        relationship schema (``Associate``) or an entity property (``holder``)."""
        own = vocabulary.link_kind_label(kind)
        if own is not None:
            return own
        if model.get(kind) is not None:
            return self.schema(kind)
        english = _entity_property_labels().get(kind)
        return self.ftm(english) if english else kind

    def value(self, schema: str, prop: str, value: str) -> str:
        """A fact's value as a reader reads it: a country by its name in this language with its
        code, a gender in words; other values as stored."""
        found = model.get(schema)
        if found is None or prop not in found.properties:
            return value
        kind = found.properties[prop].type
        if kind == registry.country:
            name = Locale.parse(self.code).territories.get(value.upper())
            return f"{name or registry.country.caption(value)} ({value.upper()})"
        if kind == registry.gender:
            return vocabulary.gender_label(value)
        return value

    def hit_status(self, status: str) -> str:
        """Where a screening hit stands."""
        return vocabulary.hit_status_label(status)

    def feature(self, feature: str) -> str:
        """A feature of a screening score."""
        return vocabulary.screening_feature_label(feature)

    def is_entity(self, schema: str, prop: str) -> bool:
        """Whether a property's values are ids of other entities (shown as links)."""
        found = model.get(schema)
        return (
            found is not None
            and prop in found.properties
            and found.properties[prop].type == registry.entity
        )

    def banner(self, handling: Handling) -> str:
        """A handling's banner."""
        return vocabulary.banner_text(handling)

    def marking_class(self, handling: Handling) -> str:
        """The CSS class of a handling's colour."""
        return vocabulary.marking_class(handling)

    def grading(self, grading: Grading) -> str:
        """A grade spelled out."""
        return vocabulary.grading_words(grading)

    def role(self, role: Role) -> str:
        """A role's name."""
        return vocabulary.role_label(role)

    def clearance(self, clearance: Clearance) -> str:
        """A clearance's name."""
        return vocabulary.clearance_label(clearance)

    def marking_choices(self, markings: list[Marking]) -> list[tuple[str, str]]:
        """Markings as the choices of a form's select."""
        return [(m.label, vocabulary.marking_label(m)) for m in markings]

    def reliability_choices(self) -> list[tuple[str, str]]:
        """Source-reliability letters with what they mean."""
        return [
            (r.value, f"{r.value} — {vocabulary.reliability_words(r.value)}") for r in Reliability
        ]

    def credibility_choices(self) -> list[tuple[str, str]]:
        """Information-credibility digits with what they mean."""
        return [
            (c.value, f"{c.value} — {vocabulary.credibility_words(c.value)}") for c in Credibility
        ]

    def category(self, category: Category) -> str:
        """A lookout category's name."""
        return vocabulary.category_label(category)

    def category_choices(self) -> list[tuple[str, str]]:
        """Lookout categories as the choices of a form's select."""
        return [(c.value, vocabulary.category_label(c)) for c in Category]

    def status(self, status: Status) -> str:
        """A lookout status's name."""
        return vocabulary.status_label(status)


@cache
def _entity_property_labels() -> dict[str, str]:
    """The English label of each entity-valued property name: a link kind is a property name
    without its schema, so it is named after the schema Vigie's own records use (a document's
    ``holder``, a trip's ``endLocation``) before any other that defines it."""
    first = ("Identification", "Trip", "Event", "Interval")
    labels: dict[str, str] = {}
    order = sorted(model.schemata.values(), key=lambda s: (s.name not in first, s.name))
    for schema in order:
        for prop in schema.properties.values():
            if prop.type == registry.entity and prop.schema is schema:
                labels.setdefault(prop.name, prop.label)
    return labels


def when(value: str) -> str:
    """A stored ISO 8601 time to the minute, as analysts scan it in a table."""
    return value[:16].replace("T", " ")


def compact(details: dict[str, Any]) -> str:
    """An audit event's details on one line."""
    return json.dumps(details, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


environment.filters["when"] = when
environment.filters["compact"] = compact


def secure(response: Response) -> Response:
    """Add the workspace's security headers to a response."""
    response.headers.update(SECURITY_HEADERS)
    return response


def _finish(visit: Visit, response: Response) -> Response:
    if visit.fresh_login_cookie and visit.session is None:
        set_cookie(response, visit.settings, LOGIN_CSRF_COOKIE, visit.login_cookie)
    return secure(response)


def render(visit: Visit, template: str, status: int = 200, **context: Any) -> Response:
    """Draw a page in the visit's language, with what every page's frame needs."""
    session = visit.session
    reader = session.reader if session else None
    frame = {
        "_": _,
        "lang": visit.language,
        "languages": LANGUAGES,
        "label": Labels(visit.language),
        "reader": reader,
        "may": lambda action: reader is not None and reader.may(Action(action)),
        "csrf_token": visit.csrf_token,
        "here": current_path(visit.request) if visit.request.method == "GET" else "/",
        "path": visit.request.url.path,
        "banner": None,
    }
    with language(visit.language):
        body = environment.get_template(template).render({**frame, **context})
    return _finish(visit, HTMLResponse(body, status_code=status))


def _plain(payload: BaseModel | dict[str, Any]) -> dict[str, Any]:
    if isinstance(payload, BaseModel):
        return payload.model_dump(mode="json", by_alias=True)
    return payload


def render_json(
    visit: Visit, payload: BaseModel | dict[str, Any] | list[BaseModel], status: int = 200
) -> Response:
    """A page's JSON form; pydantic models are written with their aliases (``schema``), and a
    list of them as a JSON array, as the API answers a listing."""
    content = [_plain(item) for item in payload] if isinstance(payload, list) else _plain(payload)
    return _finish(visit, JSONResponse(content, status_code=status))


def redirect(visit: Visit, url: str) -> Response:
    """A 303 redirect (the browser follows it with GET), with the security headers."""
    return _finish(visit, RedirectResponse(url, status_code=303))
