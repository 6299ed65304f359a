"""Intelligence requirements and the collection tasks issued against them.

A requirement is what a client needs to know (a topic, a region or route, a due date), broken
into specific questions; a task asks a unit or post to collect on one question by a deadline,
and is answered by the collection report that brings the answer.

| object | from | action | to | who |
| --- | --- | --- | --- | --- |
| requirement | (new) | create | open | analysts, supervisors |
| requirement | open | close | closed | analysts, supervisors (with a reason) |
| task | (new) | issue | issued | analysts, supervisors, on an open requirement |
| task | issued | answer | answered | anyone who may import, with a report they may see |
| task | issued | cancel | cancelled | its issuer or a supervisor (with a reason) |

A task still *issued* after its deadline is overdue; so is an open requirement past its due date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from vigie.errors import Forbidden, InvalidInput
from vigie.i18n import _
from vigie.model.handling import Handling
from vigie.model.lookout import Category

# Requirements use the network's threat areas, the same as lookouts' categories.
Topic = Category
REFERENCE_PREFIX = "IR-"


class Priority(StrEnum):
    """How urgently the client needs the answer."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @classmethod
    def parse(cls, text: str) -> Priority:
        """Read a priority name."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise InvalidInput(
                _("unknown priority {text!r}; expected high, medium or low").format(text=text)
            ) from None


class RequirementStatus(StrEnum):
    """Where a requirement stands."""

    OPEN = "open"
    CLOSED = "closed"


class TaskStatus(StrEnum):
    """Where a collection task stands."""

    ISSUED = "issued"
    ANSWERED = "answered"
    CANCELLED = "cancelled"


def reference(requirement_id: int) -> str:
    """The reference a report quotes to say which requirement it answers, e.g. ``IR-3``."""
    return f"{REFERENCE_PREFIX}{requirement_id}"


def parse_reference(text: str) -> int:
    """The requirement id in a reference (``IR-3`` or ``3``)."""
    value = text.strip().upper().removeprefix(REFERENCE_PREFIX)
    if not value.isdigit():
        raise InvalidInput(
            _("requirement {text!r} is not a requirement reference such as IR-3").format(text=text)
        )
    return int(value)


@dataclass(frozen=True)
class RequirementDraft:
    """What an analyst fills in to record a requirement."""

    title: str
    topic: Topic
    priority: Priority
    region: str
    client: str
    due_on: date
    handling: Handling
    questions: tuple[str, ...] = field(default_factory=tuple)

    def validate(self, today: date) -> None:
        """Refuse a requirement that cannot be worked on, naming the field."""
        if len(self.title.strip()) < 5:
            raise InvalidInput(_("the title must say what is needed, in at least 5 characters"))
        if not self.region.strip():
            raise InvalidInput(_("the region or route is missing"))
        if not self.client.strip():
            raise InvalidInput(_("the requesting client is missing"))
        if self.due_on < today:
            raise InvalidInput(_("the due date is in the past"))
        if not [q for q in self.questions if q.strip()]:
            raise InvalidInput(_("a requirement needs at least one specific question"))


@dataclass(frozen=True)
class TaskDraft:
    """What an analyst fills in to issue a collection task."""

    requirement_id: int
    unit: str
    instructions: str
    due_on: date
    handling: Handling
    question_id: int | None = None

    def validate(self, today: date) -> None:
        """Refuse a task that cannot be acted on, naming the field."""
        if not self.unit.strip():
            raise InvalidInput(_("the unit or post tasked is missing"))
        if len(self.instructions.strip()) < 10:
            raise InvalidInput(_("the instructions must say what to collect, in 10 characters"))
        if self.due_on < today:
            raise InvalidInput(_("the task's deadline is in the past"))


def check_open(status: RequirementStatus, requirement_id: int) -> None:
    """Refuse to task or close a requirement that is no longer open."""
    if status is not RequirementStatus.OPEN:
        raise InvalidInput(_("requirement {ref} is closed").format(ref=reference(requirement_id)))


def answer_status(status: TaskStatus, task_id: int) -> TaskStatus:
    """The status of a task once a report answers it."""
    if status is not TaskStatus.ISSUED:
        raise InvalidInput(
            _("task {id} is {status}, not issued").format(id=task_id, status=status.value)
        )
    return TaskStatus.ANSWERED


def cancel_status(
    status: TaskStatus, task_id: int, issuer: str, user: str, supervisor: bool, reason: str
) -> TaskStatus:
    """The status of a task once cancelled."""
    if status is not TaskStatus.ISSUED:
        raise InvalidInput(
            _("task {id} is {status}, not issued").format(id=task_id, status=status.value)
        )
    if user != issuer and not supervisor:
        raise Forbidden(_("only the task's issuer or a supervisor may cancel it"))
    if len(reason.strip()) < 3:
        raise InvalidInput(_("give the reason for the cancellation"))
    return TaskStatus.CANCELLED


def overdue(due_on: date, done: bool, today: date) -> bool:
    """Whether something due on ``due_on`` and not done is late today."""
    return not done and due_on < today
