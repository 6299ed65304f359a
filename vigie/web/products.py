"""The product and dissemination pages: the products list and form, one product (its version
as the user may receive it, paragraph by paragraph with portion markings and cited facts with
their grades; the editor, the review and the release), and releases as their recipients see
them, with the outputs to download and the feedback form.

HTTP only: the rules, the policy and the audit are ``vigie.cycle``'s; forms are checked by the
JSON API's models.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import ValidationError
from starlette.responses import Response

from vigie.api.routers.products import (
    DecisionIn,
    FeedbackIn,
    ParagraphIn,
    ProductIn,
    ReleaseIn,
    product_out,
    release_info,
    release_out,
)
from vigie.cycle import outputs, products, release, requirements
from vigie.cycle.access import require_producer
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.handling import Handling, Marking, combine
from vigie.model.product import ProductKind, ProductStatus
from vigie.policy.reader import Action
from vigie.web.cycle_words import words
from vigie.web.forms import (
    PostedForm,
    body_of,
    chosen_handling,
    handling_fields,
    labels_of,
    problem,
    render_form,
)
from vigie.web.render import redirect, render, render_json, secure
from vigie.web.visit import SignedInDep, Visit

router = APIRouter(include_in_schema=False)

DEFAULT_HANDLING = Handling(Marking.PROTECTED_A)
# The HTML output is a document of its own with its style inline; it is sent as a download
# with a policy that allows that style and nothing else.
DOCUMENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def field_names() -> dict[str, str]:
    """Each field's label as the forms show it, to name it in an error."""
    return {
        "kind": _("Product type"),
        "title": _("Title"),
        "requirement_id": _("Requirement"),
        "text": _("Paragraph"),
        "tearline": _("Tear-line"),
        "marking": _("Marking"),
        "decision": _("Decision"),
        "reason": _("Reason"),
        "partner": _("Partner"),
        "authority": _("Authority"),
        "rating": _("Feedback"),
        "comment": _("Comment"),
    }


@router.get("/products")
def product_list(visit: SignedInDep) -> Response:
    """The products whose title the user may see, newest first."""
    found = products.list_products(visit.store, visit.reader)
    if visit.json:
        return render_json(visit, [product_out(p) for p in found])
    banner = combine(p.title_handling for p in found) if found else None
    return render(visit, "products.html", items=found, words=words(), banner=banner)


def _product_form(
    visit: Visit,
    fields: dict[str, str],
    status: int = 200,
    error: str | None = None,
    error_field: str | None = None,
) -> Response:
    open_needs = [
        r
        for r in requirements.list_requirements(visit.store, visit.reader)
        if r.status.value == "open"
    ]
    choices = [(str(r.id), f"{r.reference} · {r.draft.title}") for r in open_needs]
    kinds = [(k.value, words()[k.value]) for k in ProductKind]
    banner = chosen_handling(fields) if error else None
    return render_form(
        visit,
        "product_form.html",
        fields,
        banner,
        status,
        error,
        error_field,
        requirement_choices=choices,
        kinds=kinds,
    )


@router.get("/products/new")
def new_product(visit: SignedInDep, requirement: str = "") -> Response:
    """The form to start a product, answering a requirement if one is named."""
    require_producer(visit.reader)
    fields = {
        "kind": "bulletin",
        "requirement_id": requirement,
        **handling_fields(DEFAULT_HANDLING),
    }
    return _product_form(visit, fields)


@router.post("/products/new")
def create_product(visit: SignedInDep, form: PostedForm) -> Response:
    """Start the product and open its page, where its paragraphs are written."""
    visit.check_csrf(form.get("csrf_token"))
    require_producer(visit.reader)
    fields = {k: v for k, v in form.items() if k != "csrf_token"}
    try:
        body = ProductIn.model_validate(body_of(form, tuple(ProductIn.model_fields)))
        created = products.create_product(
            visit.store, visit.reader, body.kind, body.title, body.handling(), body.requirement_id
        )
    except ValidationError as exc:
        return _product_form(visit, fields, 422, *problem(exc, field_names()))
    except InvalidInput as exc:
        return _product_form(visit, fields, 422, str(exc))
    return redirect(visit, f"/products/{created.id}?done=created")


def _product_page(
    visit: Visit,
    product_id: int,
    version: int | None = None,
    status: int = 200,
    done: str = "",
    error: str | None = None,
    failed: str = "",
) -> Response:
    reader = visit.reader
    found, shown = products.read_product(visit.store, reader, product_id, version)
    if visit.json:
        if error:
            return render_json(visit, {"detail": error}, status)
        return render_json(visit, product_out(found, shown), status)
    current = shown.version == found.version
    author = reader.name == found.created_by
    supervisor = reader.may(Action.APPROVE)
    sent = release.list_releases(visit.store, reader, product_id)
    context: dict[str, Any] = {
        "product": found,
        "shown": shown,
        "words": words(),
        "done": done,
        "error": error,
        "failed": failed,
        "may_edit": current and author and found.status is not ProductStatus.SUBMITTED,
        "may_submit": current and author and found.status is ProductStatus.DRAFT,
        "may_decide": current
        and supervisor
        and not author
        and found.status is ProductStatus.SUBMITTED,
        "may_release": found.approved_version is not None
        and (author or supervisor)
        and reader.partner is None,
        "partners": release.partner_accounts(visit.store),
        "releases": sent,
        "feedback": release.list_feedback(visit.store, reader, product_id),
        "markings": [m for m in Marking if m <= reader.clearance.max_marking],
        "paragraph_fields": handling_fields(DEFAULT_HANDLING),
        "banner": shown.handling,
    }
    return render(visit, "product.html", status, **context)


@router.get("/products/{product_id:int}")
def product_page(
    visit: SignedInDep, product_id: int, version: int | None = None, done: str = ""
) -> Response:
    """One product's version as the user may receive it, with the editor, review and release
    forms their role and the product's status allow."""
    return _product_page(visit, product_id, version, done=done)


def _refused(visit: Visit, product_id: int, exc: Exception, failed: str) -> Response:
    if isinstance(exc, ValidationError):
        message, _field = problem(exc, field_names())
    else:
        message = str(exc)
    return _product_page(visit, product_id, status=422, error=message, failed=failed)


@router.post("/products/{product_id:int}/paragraphs")
def add_paragraph(visit: SignedInDep, product_id: int, form: PostedForm) -> Response:
    """Append a paragraph to the draft."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = body_of(form, tuple(ParagraphIn.model_fields))
        body["tearline_releasable_to"] = labels_of(form.get("tearline_releasable_to", ""))
        body["cite"] = labels_of(form.get("cite", ""))
        draft = ParagraphIn.model_validate(body).to_draft()
        products.add_paragraph(visit.store, visit.reader, product_id, draft)
    except (ValidationError, InvalidInput) as exc:
        return _refused(visit, product_id, exc, "paragraph")
    return redirect(visit, f"/products/{product_id}?done=paragraph")


@router.post("/products/{product_id:int}/paragraphs/removal")
def remove_paragraph(visit: SignedInDep, product_id: int, form: PostedForm) -> Response:
    """Remove a paragraph from the draft."""
    visit.check_csrf(form.get("csrf_token"))
    position = form.get("position", "")
    try:
        if not position.isdigit():
            raise InvalidInput(_("Choose the paragraph to remove."))
        products.remove_paragraph(visit.store, visit.reader, product_id, int(position))
    except InvalidInput as exc:
        return _refused(visit, product_id, exc, "paragraph")
    return redirect(visit, f"/products/{product_id}?done=removed")


@router.post("/products/{product_id:int}/submission")
def submit(visit: SignedInDep, product_id: int, form: PostedForm) -> Response:
    """Submit the draft for a supervisor's review."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        products.submit(visit.store, visit.reader, product_id)
    except InvalidInput as exc:
        return _refused(visit, product_id, exc, "submit")
    return redirect(visit, f"/products/{product_id}?done=submitted")


@router.post("/products/{product_id:int}/decision")
def decide(visit: SignedInDep, product_id: int, form: PostedForm) -> Response:
    """A supervisor approves or rejects the submitted version, with a reason."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = DecisionIn.model_validate(body_of(form, ("decision", "reason")))
        decided = products.decide(visit.store, visit.reader, product_id, body.decision, body.reason)
    except (ValidationError, InvalidInput) as exc:
        return _refused(visit, product_id, exc, "decision")
    return redirect(visit, f"/products/{product_id}?done={decided.status.value}")


@router.post("/products/{product_id:int}/releases")
def release_product(visit: SignedInDep, product_id: int, form: PostedForm) -> Response:
    """Release the newest approved version to a partner and open the release."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = ReleaseIn.model_validate(body_of(form, ("partner", "authority")))
        sent, _shown = release.release_product(
            visit.store, visit.reader, product_id, body.partner, body.authority
        )
    except (ValidationError, InvalidInput) as exc:
        return _refused(visit, product_id, exc, "release")
    return redirect(visit, f"/releases/{sent.id}?done=released")


@router.get("/releases")
def release_list(visit: SignedInDep) -> Response:
    """The releases the user may read: for a partner, the products released to them."""
    found = release.list_releases(visit.store, visit.reader)
    if visit.json:
        return render_json(visit, [release_out(r) for r in found])
    banner = combine(r.handling for r in found) if found else None
    return render(visit, "releases.html", items=found, banner=banner)


def _release_page(
    visit: Visit,
    release_id: int,
    status: int = 200,
    done: str = "",
    error: str | None = None,
) -> Response:
    found, shown = release.read_release(visit.store, visit.reader, release_id)
    if visit.json:
        if error:
            return render_json(visit, {"detail": error}, status)
        return render_json(visit, release_out(found, shown), status)
    given = [
        f
        for f in release.list_feedback(visit.store, visit.reader, found.product_id)
        if f.release_id == release_id
    ]
    context: dict[str, Any] = {
        "item": found,
        "shown": shown,
        "words": words(),
        "done": done,
        "error": error,
        "feedback": given,
        "may_give": visit.reader.name == found.partner,
        "formats": outputs.FORMATS,
        "banner": shown.handling,
    }
    return render(visit, "release.html", status, **context)


@router.get("/releases/{release_id:int}")
def release_page(visit: SignedInDep, release_id: int, done: str = "") -> Response:
    """One release as its recipient received it: the version with what they may not receive
    removed or replaced by its tear-line, the outputs, and the feedback form."""
    return _release_page(visit, release_id, done=done)


@router.get("/releases/{release_id:int}/output/{fmt}")
def release_output(visit: SignedInDep, release_id: int, fmt: str) -> Response:
    """What the recipient received, as a download: HTML, PDF, STIX 2.1 or FtM JSON."""
    found, shown = release.read_release(visit.store, visit.reader, release_id, fmt)
    body, media, extension = outputs.render_output(shown, fmt, release_info(found))
    response = Response(body, media_type=media)
    secure(response)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="release-{release_id}.{extension}"'
    )
    response.headers["Content-Security-Policy"] = DOCUMENT_POLICY
    return response


@router.post("/releases/{release_id:int}/feedback")
def give_feedback(visit: SignedInDep, release_id: int, form: PostedForm) -> Response:
    """The recipient's feedback on the release."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = FeedbackIn.model_validate(body_of(form, ("rating", "comment")))
        release.give_feedback(visit.store, visit.reader, release_id, body.rating, body.comment)
    except ValidationError as exc:
        message, _field = problem(exc, field_names())
        return _release_page(visit, release_id, 422, error=message)
    except InvalidInput as exc:
        return _release_page(visit, release_id, 422, error=str(exc))
    return redirect(visit, f"/releases/{release_id}?done=feedback")
