"""Case files and requests for case support.

A case file gathers what an investigation rests on — subjects, linked entities, reports,
screening hits, documents, charts, notes and tasks — as a timeline of items. Each case has its
own need-to-know compartment: the case and every item in it carry that compartment in their
handling, so only members of the compartment see any of it.

A request for case support goes from an officer to the HQ queue:

| from | action | to | who |
| --- | --- | --- | --- |
| (new) | request | queued | any staff member (not partners) |
| queued, assigned | assign | assigned | analysts and supervisors, to an analyst or supervisor |
| assigned | answer | answered | the assignee or a supervisor, readable by the requester |
"""

from __future__ import annotations

from enum import StrEnum

from vigie.errors import Forbidden, InvalidInput
from vigie.i18n import _


class ItemKind(StrEnum):
    """What an item of a case file is."""

    SUBJECT = "subject"
    ENTITY = "entity"
    REPORT = "report"
    HIT = "hit"
    DOCUMENT = "document"
    CHART = "chart"
    NOTE = "note"
    TASK = "task"

    @classmethod
    def parse(cls, text: str) -> ItemKind:
        """Read an item kind."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            known = ", ".join(k.value for k in cls)
            raise InvalidInput(
                _("unknown case item {text!r}; expected one of: {known}").format(
                    text=text, known=known
                )
            ) from None

    @property
    def refers_to_entity(self) -> bool:
        """Whether the item's reference is an entity id (checked against what the user sees);
        hits and charts name records of their own stages."""
        return self in (ItemKind.SUBJECT, ItemKind.ENTITY, ItemKind.DOCUMENT)


class SupportStatus(StrEnum):
    """Where a request for case support stands."""

    QUEUED = "queued"
    ASSIGNED = "assigned"
    ANSWERED = "answered"


def check_item(kind: ItemKind, ref: str, note: str) -> None:
    """Refuse an item that says nothing, naming what is missing."""
    if kind is ItemKind.NOTE:
        if len(note.strip()) < 3:
            raise InvalidInput(_("the note is empty"))
    elif not ref.strip():
        raise InvalidInput(_("a {kind} item needs its reference").format(kind=kind.value))


def assign_status(status: SupportStatus, request_id: int) -> SupportStatus:
    """The status once the request is assigned (or reassigned before it is answered)."""
    if status is SupportStatus.ANSWERED:
        raise InvalidInput(_("request {id} is already answered").format(id=request_id))
    return SupportStatus.ASSIGNED


def answer_status(
    status: SupportStatus, request_id: int, assignee: str | None, user: str, supervisor: bool
) -> SupportStatus:
    """The status once answered."""
    if status is not SupportStatus.ASSIGNED:
        raise InvalidInput(
            _("request {id} is {status}, not assigned").format(id=request_id, status=status.value)
        )
    if user != assignee and not supervisor:
        raise Forbidden(_("only the assignee or a supervisor may answer a request"))
    return SupportStatus.ANSWERED
