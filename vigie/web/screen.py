"""The screening pages: an officer's quick check of one person with its hits and their reasons,
the hits waiting for review, one hit with the decision form, and the quality and fairness
report for the privacy and audit officer.

HTTP only: the rules, the policy and the audit are ``vigie.screen``'s; the check form is read
with the batch reader's own checks, so the page accepts what a batch file accepts.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from markupsafe import Markup
from pydantic import ValidationError
from starlette.responses import Response

from vigie.api.routers.screen import DecisionIn, hit_out
from vigie.errors import Forbidden, InvalidInput
from vigie.i18n import _
from vigie.model.handling import Handling, Marking, combine
from vigie.policy import audit
from vigie.policy.reader import Action
from vigie.screen import adjudication, evaluate, referral
from vigie.screen.batch import subject_from
from vigie.screen.service import screen
from vigie.web.forms import PostedForm, body_of, countries, problem
from vigie.web.rate_chart import Rate, rate_chart
from vigie.web.render import redirect, render, render_json
from vigie.web.visit import SignedInDep, Visit

router = APIRouter(include_in_schema=False)

CHECK_FIELDS = ("name", "birth_date", "nationality", "sex", "document_number")
TABS = ("pending", "true-match", "false-positive", "refer", "cleared", "suppressed", "all")
# A traveller's identifiers typed by an officer are personal information.
TRAVELLER_HANDLING = Handling(Marking.PROTECTED_B)


def _check_page(visit: Visit, fields: dict[str, str], status: int = 200, **extra: Any) -> Response:
    return render(
        visit,
        "screen.html",
        status,
        fields=fields,
        countries=countries(visit.language),
        **{"result": None, "error": None, "banner": None, **extra},
    )


@router.get("/screen")
def check_form(visit: SignedInDep) -> Response:
    """The quick check form."""
    visit.reader.require(Action.SEARCH)
    return _check_page(visit, {})


@router.post("/screen")
def check(visit: SignedInDep, form: PostedForm) -> Response:
    """Screen one person; the hits are recorded and shown with their reasons."""
    visit.check_csrf(form.get("csrf_token"))
    fields = {name: form.get(name, "").strip() for name in CHECK_FIELDS}
    try:
        row = {"id": "check", **{k: v for k, v in fields.items() if v}}
        traveller = subject_from(row, _("quick check"))
        result = screen(visit.store, visit.reader, [traveller], TRAVELLER_HANDLING, label="web")[0]
    except InvalidInput as exc:
        if visit.json:
            return render_json(visit, {"detail": str(exc)}, 422)
        return _check_page(visit, fields, 422, error=str(exc))
    if visit.json:
        return render_json(visit, result.to_dict())
    banner = combine([TRAVELLER_HANDLING, *(h.handling for h in result.hits)])
    return _check_page(visit, fields, result=result, banner=banner)


@router.get("/screen/hits")
def hit_list(visit: SignedInDep, status: str = "pending") -> Response:
    """The hits the user may see, one status at a time."""
    if status not in TABS:
        raise InvalidInput(_("Unknown hit status {status}.").format(status=status))
    found = adjudication.list_hits(visit.store, visit.reader, None if status == "all" else status)
    if visit.json:
        return render_json(visit, [hit_out(h) for h in found])
    banner = combine([TRAVELLER_HANDLING, *(h.handling for h in found)])
    return render(visit, "screen_hits.html", hits=found, tab=status, tabs=TABS, banner=banner)


def _hit_page(
    visit: Visit, hit_id: int, status: int = 200, error: str | None = None, reason: str = ""
) -> Response:
    found = adjudication.get_hit(visit.store, visit.reader, hit_id)
    if visit.json:
        if error:
            return render_json(visit, {"detail": error}, status)
        return render_json(visit, hit_out(found))
    made = []
    if found.status == adjudication.Decision.TRUE_MATCH.value:
        about = referral.list_referrals(visit.store, visit.reader, entity_id=found.entity_id)
        made = [r for r in about if r.hit_id == hit_id]
    return render(
        visit,
        "screen_hit.html",
        status,
        hit=found,
        error=error,
        reason=reason,
        decisions=[d.value for d in adjudication.Decision],
        may_refer=referral.may_refer(visit.reader),
        referrals=made,
        banner=combine([TRAVELLER_HANDLING, found.handling]),
    )


@router.get("/screen/hits/{hit_id:int}")
def hit_page(visit: SignedInDep, hit_id: int) -> Response:
    """One hit: the traveller, the entry, each feature's part in the score, the decision."""
    return _hit_page(visit, hit_id)


@router.post("/screen/hits/{hit_id:int}/decision")
def decide_hit(visit: SignedInDep, hit_id: int, form: PostedForm) -> Response:
    """An officer's decision on a hit, with its reason."""
    visit.check_csrf(form.get("csrf_token"))
    reason = form.get("reason", "")
    try:
        body = DecisionIn.model_validate(body_of(form, ("decision", "reason")))
        decided = adjudication.decide(visit.store, visit.reader, hit_id, body.decision, body.reason)
    except ValidationError as exc:
        message, _field = problem(exc, {"decision": _("Decision"), "reason": _("Reason")})
        return _hit_page(visit, hit_id, 422, message, reason)
    except InvalidInput as exc:
        return _hit_page(visit, hit_id, 422, str(exc), reason)
    if visit.json:
        return render_json(visit, hit_out(decided))
    return redirect(visit, f"/screen/hits/{hit_id}")


@router.get("/screen/quality")
def quality(visit: SignedInDep) -> Response:
    """The latest screening evaluation (``vigie screen evaluate``), overall and per name
    origin, for the privacy and audit officer; read from the audit log, and audited."""
    if not visit.reader.may(Action.READ_AUDIT):
        raise Forbidden(_("Only auditors may read the screening quality report."))
    found = list(audit.events(visit.store.engine, action="screen.evaluate", limit=10))
    audit.record(
        visit.store.engine, visit.reader.name, "audit.read", "screen.evaluate", shown=len(found)
    )
    if visit.json:
        return render_json(visit, {"evaluations": [e.details for e in found]})
    charts = [_quality_charts(e.details) for e in found]
    return render(
        visit,
        "screen_quality.html",
        evaluations=list(zip(found, charts, strict=True)),
        listing_label=evaluate.listing_label,
    )


# The fairness targets: no name-origin group below this recall, and none whose
# false-positive rate is above this multiple of the overall rate.
RECALL_FLOOR = 0.85
FPR_MULTIPLE = 1.5


def _quality_charts(details: dict[str, Any]) -> tuple[Markup, Markup] | None:
    """Recall and false-positive rate per name origin, as bar charts against the targets."""
    groups = details.get("groups") or {}
    overall = details.get("overall") or {}
    if not groups:
        return None

    def rates(key: str) -> list[Rate]:
        found = [Rate(_("overall"), overall.get(key))]
        return found + [Rate(name, tally.get(key)) for name, tally in sorted(groups.items())]

    recall = rate_chart(
        _("Recall per name origin"),
        rates("recall"),
        RECALL_FLOOR,
        _("recall target"),
        flag_above=False,
        flag_name=_("below target"),
    )
    base = overall.get("false_positive_rate")
    fpr = rate_chart(
        _("False-positive rate per name origin"),
        rates("false_positive_rate"),
        None if base is None else FPR_MULTIPLE * base,
        _("1.5 × overall"),
        flag_above=True,
        flag_name=_("above 1.5 × overall"),
        digits=4,
    )
    return recall, fpr
