"""Trends of interceptions and document fraud: interdictions in the store, as one reader may
see them, counted by month, issuing state, document type, fraud type and route.

An interdiction is an Event with an ``outcome:`` keyword (``vigie.collect.interdictions``);
its fraud type is the ``fraud-type:`` keyword (none when the document was not at fault), its
document the Passport held by the person involved, and its route where the traveller was
stopped (the Event's location, else its country, else the post) with the carrier.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields

from sqlalchemy import Connection, select

from vigie.model.entity import Entity
from vigie.model.handling import Handling, combine
from vigie.policy import audit
from vigie.policy.reader import Action, Reader
from vigie.store.store import Store
from vigie.store.tables import statement
from vigie.store.view import View

DIMENSIONS = ("month", "issuing_state", "document_type", "fraud_type", "route")
UNKNOWN = "unknown"
NONE = "none"
_CHUNK = 500


@dataclass(frozen=True)
class Interception:
    """One interdiction, reduced to what trends count."""

    month: str
    issuing_state: str
    document_type: str
    fraud_type: str
    route: str
    outcome: str

    @property
    def fraud(self) -> bool:
        """Whether the officer established a document fraud."""
        return self.fraud_type != NONE


def _keyword(keywords: Iterable[str], prefix: str) -> str | None:
    for word in keywords:
        if word.startswith(prefix):
            return word[len(prefix) :]
    return None


def interceptions(
    store: Store, reader: Reader, purpose: str = "read"
) -> tuple[list[Interception], Handling]:
    """Every interdiction the reader may see, and the handling of everything counted (what a
    page or file of these counts must be marked); audited as ``document.trends`` with
    ``purpose`` (``read`` or ``csv``) and the number counted."""
    reader.require(Action.READ)
    view = store.view(reader)
    found: list[Interception] = []
    marks: list[Handling] = []
    with store.engine.connect() as conn:
        event_ids = [
            row[0]
            for row in conn.execute(
                select(statement.c.entity_id)
                .where(
                    statement.c.schema == "Event",
                    statement.c.prop == "keywords",
                    statement.c.value.like("outcome:%"),
                    view.visible(),
                )
                .distinct()
                .order_by(statement.c.entity_id)
            )
        ]
        for start in range(0, len(event_ids), _CHUNK):
            events = view.entities(conn, event_ids[start : start + _CHUNK])
            people = {str(p) for e in events.values() for p in e.proxy.get("involved")}
            documents, handlings = _documents_of(view, conn, people)
            marks += handlings
            for event in events.values():
                found.append(_interception(event, documents))
                marks.append(event.handling)
    audit.record(
        store.engine,
        reader.name,
        "document.trends",
        "interdictions",
        purpose=purpose,
        count=len(found),
    )
    return found, combine(marks)


def _documents_of(
    view: View, conn: Connection, people: set[str]
) -> tuple[dict[str, tuple[str, str]], list[Handling]]:
    """Each person's presented document as (issuing state, document type), and their
    handlings."""
    if not people:
        return {}, []
    ids = [
        row[0]
        for row in conn.execute(
            select(statement.c.entity_id)
            .where(
                statement.c.prop == "holder",
                statement.c.schema.in_(("Passport", "Identification")),
                statement.c.value.in_(sorted(people)),
                view.visible(),
            )
            .distinct()
        )
    ]
    found: dict[str, tuple[str, str]] = {}
    marks: list[Handling] = []
    for document in view.entities(conn, ids).values():
        holder = document.proxy.first("holder")
        if holder:
            state = str(document.proxy.first("country") or UNKNOWN)
            kind = str(document.proxy.first("type") or UNKNOWN)
            found[str(holder)] = (state, kind)
            marks.append(document.handling)
    return found, marks


def _interception(event: Entity, documents: dict[str, tuple[str, str]]) -> Interception:
    proxy = event.proxy
    keywords = [str(k) for k in proxy.get("keywords")]
    day = str(proxy.first("date") or "")
    person = str(proxy.first("involved") or "")
    state, kind = documents.get(person, (UNKNOWN, UNKNOWN))
    place = proxy.first("location") or proxy.first("country") or _keyword(keywords, "post:")
    carrier = _keyword(keywords, "carrier:")
    route = str(place or UNKNOWN) + (f" · {carrier}" if carrier else "")
    return Interception(
        month=day[:7] or UNKNOWN,
        issuing_state=state,
        document_type=kind,
        fraud_type=_keyword(keywords, "fraud-type:") or NONE,
        route=route,
        outcome=_keyword(keywords, "outcome:") or UNKNOWN,
    )


@dataclass(frozen=True)
class Tally:
    """One value of a dimension: interceptions, and how many involved document fraud."""

    value: str
    interceptions: int
    fraud: int


def tally(rows: list[Interception], dimension: str) -> list[Tally]:
    """Counts by one dimension: months in order, the others largest first."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    totals: Counter[str] = Counter()
    frauds: Counter[str] = Counter()
    for row in rows:
        value = getattr(row, dimension)
        totals[value] += 1
        frauds[value] += row.fraud
    if dimension == "month":
        order = sorted(totals)
    else:
        order = sorted(totals, key=lambda v: (-totals[v], v))
    return [Tally(value, totals[value], frauds[value]) for value in order]


def to_csv(rows: list[Interception]) -> str:
    """Interceptions counted by every dimension together, one line per combination:
    ``month,issuing_state,document_type,fraud_type,route,outcome,interceptions``."""
    counts = Counter(astuple(row) for row in rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f.name for f in fields(Interception)] + ["interceptions"])
    for key in sorted(counts):
        writer.writerow([*key, counts[key]])
    return out.getvalue()
