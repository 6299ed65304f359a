"""Who may see which fact: the single rule, compiled to SQL and mirrored in Python.

A reader sees a fact when all of these hold for the fact's handling:

| rule | holds when |
| --- | --- |
| marking | the marking is at most the reader's clearance allows |
| caveats | the reader holds every caveat of the fact |
| compartments | the reader belongs to every need-to-know compartment of the fact |
| releasability | for a partner only: the fact is releasable to the partner's organisation |

Internal users are not bound by releasability: it names the partners a fact may go to.
``visible_handling_ids`` is what every store query applies; ``may_see`` is the same rule for
objects already in memory (a product's paragraphs), and a test checks the two agree on the
whole matrix of readers and handlings.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, select

from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.handling import Handling
from vigie.policy.reader import Reader
from vigie.store.tables import handling, handling_caveat, handling_compartment, handling_release


def handling_predicate(reader: Reader) -> ColumnElement[bool]:
    """The SQL condition over the ``handling`` table that the reader may see."""
    conditions: list[ColumnElement[bool]] = [
        handling.c.marking <= int(reader.clearance.max_marking),
        ~exists().where(
            handling_caveat.c.handling_id == handling.c.id,
            handling_caveat.c.caveat.not_in(sorted(reader.caveats)),
        ),
        ~exists().where(
            handling_compartment.c.handling_id == handling.c.id,
            handling_compartment.c.compartment.not_in(sorted(reader.compartments)),
        ),
    ]
    if reader.partner is not None:
        conditions.append(
            exists().where(
                handling_release.c.handling_id == handling.c.id,
                handling_release.c.partner == reader.partner,
            )
        )
    return and_(*conditions)


def visible_handling_ids(reader: Reader) -> Select[Any]:
    """A sub-query of the handling ids the reader may see, for ``column.in_(...)``."""
    return select(handling.c.id).where(handling_predicate(reader))


def may_see(reader: Reader, fact: Handling) -> bool:
    """The same rule as :func:`handling_predicate`, for a handling in memory."""
    if fact.marking > reader.clearance.max_marking:
        return False
    if not fact.caveats <= reader.caveats:
        return False
    if not fact.compartments <= reader.compartments:
        return False
    return reader.partner is None or reader.partner in fact.releasable_to


def require_readable(reader: Reader, fact: Handling) -> None:
    """Refuse to let a reader write what they could not read back (a marking above their
    clearance, a caveat they do not hold, a compartment they are not in): they would lose
    sight of their own record."""
    if not may_see(reader, fact):
        raise InvalidInput(
            _(
                "You could not read back a record with this handling: choose a marking within "
                "your clearance, and only caveats and compartments that you hold."
            )
        )
