"""The words the cycle's pages print for its codes (priorities, statuses, product kinds,
feedback ratings), in the active language; called when a page is drawn."""

from __future__ import annotations

from vigie.cycle.outputs import kind_label
from vigie.i18n import _
from vigie.model.product import ProductKind, ProductStatus, Rating
from vigie.model.requirement import Priority, RequirementStatus, TaskStatus


def words() -> dict[str, str]:
    """Every code of the cycle's pages with its name for people."""
    names = {
        Priority.HIGH.value: _("High"),
        Priority.MEDIUM.value: _("Medium"),
        Priority.LOW.value: _("Low"),
        RequirementStatus.OPEN.value: _("Open"),
        RequirementStatus.CLOSED.value: _("Closed"),
        TaskStatus.ISSUED.value: _("Issued"),
        TaskStatus.ANSWERED.value: _("Answered"),
        TaskStatus.CANCELLED.value: _("Cancelled"),
        ProductStatus.DRAFT.value: _("Draft"),
        ProductStatus.SUBMITTED.value: _("Submitted for review"),
        ProductStatus.APPROVED.value: _("Approved"),
        ProductStatus.REJECTED.value: _("Rejected"),
        Rating.USEFUL.value: _("Useful"),
        Rating.ACTIONED.value: _("Actioned"),
        Rating.NOT_RELEVANT.value: _("Not relevant"),
    }
    names.update({kind.value: kind_label(kind) for kind in ProductKind})
    return names
