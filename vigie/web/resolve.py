"""The resolution pages: the review queue, a pair side by side with the model's explanation and
the decision buttons, and the withdrawal of a judgement.

HTTP only: the policy, the audit and the rules of judgement are ``vigie.resolve.service``'s.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter
from markupsafe import Markup
from starlette.responses import Response

from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.handling import combine
from vigie.resolve import service
from vigie.resolve.cluster import Verdict
from vigie.resolve.explain import waterfall_svg
from vigie.web.forms import PostedForm
from vigie.web.render import redirect, render, render_json
from vigie.web.visit import SignedInDep, Visit

router = APIRouter(include_in_schema=False)
QUEUE_PAGE = 50
DONE = ("same", "not-same", "unsure", "retracted")


def _pair_url(left: str, right: str, done: str = "") -> str:
    query = {"left": left, "right": right, **({"done": done} if done else {})}
    return "/resolve/pair?" + urlencode(query)


@router.get("/resolve")
def review_queue(visit: SignedInDep) -> Response:
    """Uncertain pairs waiting for a person, most likely first."""
    items = service.queue(visit.store, visit.reader, QUEUE_PAGE)
    if visit.json:
        return render_json(visit, {"queue": [i.to_dict() for i in items]})
    return render(
        visit,
        "resolve_queue.html",
        items=items,
        pair_url=_pair_url,
        banner=combine(i.handling for i in items),
    )


def _pair_page(
    visit: Visit, left: str, right: str, done: str = "", error: str = "", status: int = 200
) -> Response:
    found = service.pair(visit.store, visit.reader, left, right, visit.settings.engine)
    if visit.json:
        return render_json(visit, found.to_dict())
    return render(
        visit,
        "resolve_pair.html",
        status,
        pair=found,
        sides=(found.left, found.right),
        chart=Markup(waterfall_svg(found.explanation)),
        banner=combine([found.left.handling, found.right.handling]),
        verdicts=list(Verdict),
        done=done if done in DONE else "",
        error=error,
    )


@router.get("/resolve/pair")
def pair_page(visit: SignedInDep, left: str, right: str, done: str = "") -> Response:
    """Two records side by side, why the model scored them so, and the decision."""
    return _pair_page(visit, left, right, done)


@router.post("/resolve/pair")
def judge_pair(visit: SignedInDep, form: PostedForm) -> Response:
    """Record the analyst's judgement of the pair, with the reason."""
    visit.check_csrf(form.get("csrf_token"))
    left, right = form.get("left", ""), form.get("right", "")
    try:
        verdict = Verdict(form.get("verdict", ""))
    except ValueError:
        return _pair_page(visit, left, right, error=_("Choose a decision."), status=422)
    try:
        service.judge(visit.store, visit.reader, left, right, verdict, form.get("reason", ""))
    except InvalidInput as exc:
        return _pair_page(visit, left, right, error=str(exc), status=422)
    return redirect(visit, _pair_url(left, right, verdict.value))


@router.post("/resolve/pair/retract")
def retract_pair(visit: SignedInDep, form: PostedForm) -> Response:
    """Withdraw the pair's judgement, with the reason."""
    visit.check_csrf(form.get("csrf_token"))
    left, right = form.get("left", ""), form.get("right", "")
    try:
        service.retract(visit.store, visit.reader, left, right, form.get("reason", ""))
    except InvalidInput as exc:
        return _pair_page(visit, left, right, error=str(exc), status=422)
    return redirect(visit, _pair_url(left, right, "retracted"))
