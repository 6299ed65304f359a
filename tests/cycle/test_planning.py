"""Requirements, tasks and coverage, on both backends."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.cycle.conftest import SOON, Cycle, requirement_draft
from vigie.cycle import coverage, requirements, tasks
from vigie.errors import Forbidden, InvalidInput, NotFound
from vigie.model.handling import Handling
from vigie.model.requirement import TaskDraft, TaskStatus, parse_reference
from vigie.policy import audit


def test_requirement_task_report_and_coverage(cycle: Cycle) -> None:
    store, analyst = cycle.store, cycle.analyst
    found = requirements.create_requirement(store, analyst, requirement_draft())
    assert found.reference == f"IR-{found.id}"
    first, second = found.questions
    issued = tasks.issue_task(
        store,
        analyst,
        TaskDraft(
            found.id,
            "MIO Beirut",
            "Report any passport broker seen.",
            SOON,
            Handling.make("PROTECTED A"),
            first.id,
        ),
    )
    assert issued.status is TaskStatus.ISSUED

    [before] = coverage.coverage(store, analyst, found.id)
    assert before.reports == [] and [q.id for q in before.gaps] == [first.id, second.id]

    report_id = cycle.report_id("watchlist")
    answered = tasks.answer_task(store, analyst, issued.id, report_id)
    assert answered.status is TaskStatus.ANSWERED and answered.report_id == report_id

    [after] = coverage.coverage(store, analyst, found.id)
    assert [r.id for r in after.reports] == [report_id]
    assert after.reports[0].grading.code == "B2"
    assert [q.id for q in after.gaps] == [second.id]
    assert after.overdue_tasks == [] and not after.overdue

    # A report linked by hand counts too, once; the officer may not see the SECRET one.
    secret_report = cycle.report_id("hq-assessment")
    assert requirements.link_report(store, analyst, found.id, secret_report)
    assert not requirements.link_report(store, analyst, found.id, secret_report)
    [linked] = coverage.coverage(store, analyst, found.id)
    assert {r.id for r in linked.reports} == {report_id, secret_report}
    [officer_view] = coverage.coverage(store, cycle.officer, found.id)
    assert [r.id for r in officer_view.reports] == [report_id]

    actions = [e.action for e in audit.events(store.engine, actor="analyst", limit=50)]
    for action in ("requirement.create", "task.issue", "task.answer", "requirement.link"):
        assert action in actions


def test_overdue_tasks_and_requirements(cycle: Cycle) -> None:
    store, analyst = cycle.store, cycle.analyst
    found = requirements.create_requirement(store, analyst, requirement_draft())
    tasks.issue_task(
        store,
        analyst,
        TaskDraft(found.id, "RIU Accra", "Watch the Accra hub for brokers.", SOON, Handling()),
    )
    later = SOON + timedelta(days=1)
    [late] = coverage.coverage(store, analyst, found.id, today=later)
    assert late.overdue and len(late.overdue_tasks) == 1


def test_bad_input_names_the_field(cycle: Cycle) -> None:
    store, analyst = cycle.store, cycle.analyst
    with pytest.raises(InvalidInput, match="due date"):
        requirements.create_requirement(
            store, analyst, requirement_draft(due_on=date.today() - timedelta(days=1))
        )
    with pytest.raises(InvalidInput, match="question"):
        requirements.create_requirement(store, analyst, requirement_draft(questions=("  ",)))
    with pytest.raises(InvalidInput, match="IR-3"):
        parse_reference("requirement three")
    assert parse_reference("ir-12") == 12


def test_policy_on_requirements(cycle: Cycle) -> None:
    store = cycle.store
    secret = requirements.create_requirement(
        store, cycle.analyst, requirement_draft(handling=Handling.make("SECRET"))
    )
    with pytest.raises(NotFound):
        requirements.get_requirement(store, cycle.officer, secret.id)
    assert requirements.list_requirements(store, cycle.officer) == []
    with pytest.raises(Forbidden):
        requirements.create_requirement(store, cycle.officer, requirement_draft())
    with pytest.raises(Forbidden):
        requirements.create_requirement(store, cycle.partner_uk, requirement_draft())
    # Even a requirement releasable to a partner is the agency's own business.
    shared = requirements.create_requirement(
        store, cycle.analyst, requirement_draft(handling=Handling.make(releasable_to=["FVEY-UK"]))
    )
    with pytest.raises(Forbidden):
        requirements.get_requirement(store, cycle.partner_uk, shared.id)


def test_cancel_and_close(cycle: Cycle) -> None:
    store, analyst = cycle.store, cycle.analyst
    found = requirements.create_requirement(store, analyst, requirement_draft())
    issued = tasks.issue_task(
        store, analyst, TaskDraft(found.id, "MIO Beirut", "Collect on brokers.", SOON, Handling())
    )
    with pytest.raises(InvalidInput, match="reason"):
        tasks.cancel_task(store, analyst, issued.id, "")
    cancelled = tasks.cancel_task(store, analyst, issued.id, "Covered by liaison")
    assert cancelled.status is TaskStatus.CANCELLED
    with pytest.raises(InvalidInput):
        tasks.answer_task(store, analyst, issued.id, cycle.report_id("watchlist"))
    requirements.close_requirement(store, analyst, found.id, "Answered in bulletin")
    with pytest.raises(InvalidInput, match="closed"):
        tasks.issue_task(
            store, analyst, TaskDraft(found.id, "MIO", "Collect on brokers.", SOON, Handling())
        )
