"""The admissibility referral pages: the referrals a user may see, a new referral from a
confirmed hit or an entity (grounds, the facts cited for each, a narrative), and one referral
with its evidence and the officer's decision form.

HTTP only: the rules, the policy and the audit are ``vigie.screen.referral``'s.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import ValidationError
from starlette.responses import Response

from vigie.api.routers.referrals import OutcomeIn, referral_out
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.handling import combine
from vigie.policy.reader import Action
from vigie.screen import adjudication, referral
from vigie.screen.grounds import Ground
from vigie.screen.referral import NewReferral
from vigie.web.forms import PostedForm, body_of, problem
from vigie.web.render import redirect, render, render_json
from vigie.web.screen import TRAVELLER_HANDLING
from vigie.web.visit import SignedInDep, Visit

router = APIRouter(include_in_schema=False)

TABS = ("all", *referral.STATUSES)


def status_names() -> dict[str, str]:
    """Each referral status in words."""
    return {
        "all": _("All"),
        "open": _("Open"),
        "further-information": _("Further information requested"),
        "inadmissible": _("Inadmissible"),
        "admissible": _("Admissible"),
    }


@router.get("/referrals")
def referral_list(visit: SignedInDep, status: str = "all", ground: str = "") -> Response:
    """The referrals the user may see, by status and ground."""
    if status not in TABS:
        raise InvalidInput(_("Unknown referral status {status}.").format(status=status))
    chosen = Ground.parse(ground) if ground else None
    found = referral.list_referrals(
        visit.store, visit.reader, None if status == "all" else status, chosen
    )
    if visit.json:
        return render_json(visit, [referral_out(r) for r in found])
    return render(
        visit,
        "referrals.html",
        referrals=found,
        tab=status,
        tabs=TABS,
        names=status_names(),
        ground=chosen,
        grounds=list(Ground),
        banner=combine(r.handling for r in found) if found else None,
    )


def _form(
    visit: Visit,
    hit_id: int | None,
    entity_id: str | None,
    fields: dict[str, Any],
    status: int = 200,
    error: str | None = None,
) -> Response:
    hit = None
    if hit_id is not None:
        hit = adjudication.get_hit(visit.store, visit.reader, hit_id)
        entity_id = hit.entity_id
    if entity_id is None:
        raise InvalidInput(_("A referral is made from a confirmed hit or from an entity."))
    found = referral.candidates(visit.store, visit.reader, entity_id)
    shown = [f.fact.handling for f in found.facts]
    if hit is not None:
        shown.extend([hit.handling, TRAVELLER_HANDLING])
    return render(
        visit,
        "referral_form.html",
        status,
        hit=hit,
        entity=found.entity,
        facts=found.facts,
        suggested={s.ground: s.topic for s in found.suggestions},
        grounds=list(Ground),
        fields=fields,
        error=error,
        banner=combine(shown),
    )


@router.get("/referrals/new")
def new_referral(visit: SignedInDep, hit: int | None = None, entity: str | None = None) -> Response:
    """The referral form, about a confirmed hit or an entity, with the facts it may cite."""
    fields: dict[str, Any] = {"ground": [], "evidence": [], "narrative": ""}
    return _form(visit, hit, None if hit is not None else entity, fields)


def _posted(form: dict[str, str]) -> dict[str, Any]:
    def items(name: str) -> list[str]:
        return [v for v in form.get(name, "").split(";") if v]

    fields: dict[str, Any] = {
        "narrative": form.get("narrative", ""),
        "ground": items("ground"),
        "evidence": items("evidence"),
    }
    fields.update({f"basis-{g.value}": form.get(f"basis-{g.value}", "") for g in Ground})
    return fields


@router.post("/referrals")
def create_referral(visit: SignedInDep, form: PostedForm) -> Response:
    """Write the referral; a refused one comes back with what the user chose and why."""
    visit.check_csrf(form.get("csrf_token"))
    hit_text, entity = form.get("hit", "").strip(), form.get("entity", "").strip() or None
    hit_id = int(hit_text) if hit_text.isdigit() else None
    fields = _posted(form)
    try:
        cited = []
        for item in fields["evidence"]:
            code, _sep, statement_id = item.partition(":")
            cited.append((Ground.parse(code), statement_id))
        named = {Ground.parse(g) for g in fields["ground"]} | {g for g, _s in cited}
        new = NewReferral(
            fields["narrative"],
            {g: fields[f"basis-{g.value}"] for g in Ground if g in named},
            cited,
            hit_id=hit_id,
            entity_id=None if hit_id is not None else entity,
        )
        made = referral.create(visit.store, visit.reader, new)
    except InvalidInput as exc:
        if visit.json:
            return render_json(visit, {"detail": str(exc)}, 422)
        return _form(visit, hit_id, entity, fields, 422, str(exc))
    if visit.json:
        return render_json(visit, referral_out(made))
    return redirect(visit, f"/referrals/{made.id}")


def _page(
    visit: Visit, referral_id: int, status: int = 200, error: str | None = None, reason: str = ""
) -> Response:
    found = referral.get(visit.store, visit.reader, referral_id)
    if visit.json:
        if error:
            return render_json(visit, {"detail": error}, status)
        return render_json(visit, referral_out(found))
    return render(
        visit,
        "referral.html",
        status,
        referral=found,
        names=status_names(),
        error=error,
        reason=reason,
        may_decide=visit.reader.may(Action.DECIDE_ADMISSIBILITY) and found.open,
        banner=found.handling,
    )


@router.get("/referrals/{referral_id:int}")
def referral_page(visit: SignedInDep, referral_id: int) -> Response:
    """One referral: the person, each ground with its evidence and grading, the decisions."""
    return _page(visit, referral_id)


@router.post("/referrals/{referral_id:int}/decision")
def decide_referral(visit: SignedInDep, referral_id: int, form: PostedForm) -> Response:
    """An officer's admissibility decision, with its reason."""
    visit.check_csrf(form.get("csrf_token"))
    reason = form.get("reason", "")
    try:
        body = OutcomeIn.model_validate(body_of(form, ("decision", "reason")))
        referral.decide(visit.store, visit.reader, referral_id, body.decision, body.reason)
    except ValidationError as exc:
        message, _field = problem(exc, {"decision": _("Decision"), "reason": _("Reason")})
        return _page(visit, referral_id, 422, message, reason)
    except InvalidInput as exc:
        return _page(visit, referral_id, 422, str(exc), reason)
    if visit.json:
        return _page(visit, referral_id)
    return redirect(visit, f"/referrals/{referral_id}")
