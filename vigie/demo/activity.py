"""A working day on the demo world: what the network's people have done by the time a visitor
signs in, so that every page of the workspace has something to show.

Each step is done the way its user would do it, through the same services as the workspace and
the CLI, under that user's account, and so is checked, audited and marked like any other work:

- the analyst runs entity resolution: uncertain pairs wait in the review queue;
- the regional analyst screens the newest passenger list before its flights land: its hits
  wait for a decision;
- the analyst opens a case file on the strongest candidate ring of the link analysis, requests
  lookouts on two of its people, and the supervisor approves the first;
- the supervisor records an intelligence requirement and tasks a migration integrity officer;
- the regional analyst asks HQ for case support about one of the ring's people.

Nothing is decided for the visitor: no hit is adjudicated, no pair judged, no referral made.
The day happens once per store (it is skipped when the store already holds a lookout, a case
or a requirement), so running ``vigie demo`` again adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from vigie.collect import lookouts
from vigie.cycle import cases, requirements, support, tasks
from vigie.demo.accounts import OPERATION
from vigie.model.case import ItemKind
from vigie.model.grading import Grading
from vigie.model.handling import Handling
from vigie.model.lookout import Category, Decision, LookoutRequest
from vigie.model.requirement import Priority, RequirementDraft, TaskDraft
from vigie.network import service as network
from vigie.network.rings import Ring
from vigie.policy.accounts import get_reader
from vigie.policy.reader import Reader
from vigie.resolve import service as resolution
from vigie.screen.batch import read_travellers
from vigie.screen.service import screen
from vigie.store.store import Store
from vigie.store.tables import case_file, lookout, requirement

PASSENGER_DATA = "passenger-data-*.edi"


@dataclass(frozen=True)
class Day:
    """What the demo's users did."""

    scored_pairs: int
    screened: int
    hits: int
    lookouts: int
    cases: int
    requirements: int
    support_requests: int


def _started(store: Store) -> bool:
    with store.engine.connect() as conn:
        return any(
            conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (lookout, case_file, requirement)
        )


def work(store: Store, world: Path, progress: Callable[[str], None] | None = None) -> Day | None:
    """Do the demo's working day on a freshly loaded world; None when it was done already."""
    if _started(store):
        return None
    say = progress or (lambda _step: None)
    analyst = get_reader(store.engine, "analyst")
    supervisor = get_reader(store.engine, "supervisor")
    today = date.today()

    say("resolve")
    resolved = resolution.run(store, analyst)

    say("screen")
    newest = sorted(world.glob(PASSENGER_DATA))[-1]
    travellers = read_travellers(newest)
    regional = get_reader(store.engine, "regional")
    screened = screen(store, regional, travellers, Handling.make("PROTECTED B"), label=newest.name)
    hits = sum(1 for s in screened for h in s.hits if h.status == "pending")

    say("rings")
    rings = network.candidate_rings(store, analyst)
    opened = requested = 0
    ring = rings[0] if rings else None
    if ring is not None:
        opened = _case_on(store, analyst, ring)
        requested = _lookouts_on(store, analyst, supervisor, ring, today)

    say("requirements")
    _requirement(store, supervisor, today)

    say("support")
    asked = _support_request(store, ring) if ring is not None else 0
    return Day(resolved.pairs, len(travellers), hits, requested, opened, 1, asked)


def _reasons(ring: Ring) -> str:
    return "; ".join(f"{r.kind} {r.value}" for r in ring.reasons[:3])


def _case_on(store: Store, analyst: Reader, ring: Ring) -> int:
    opened = cases.open_case(
        store, analyst, f"Candidate ring {ring.number}: {len(ring.people)} people", OPERATION
    )
    cases.add_item(
        store,
        analyst,
        opened.id,
        ItemKind.NOTE,
        note=f"Opened on the link analysis's strongest candidate ring. Shared: {_reasons(ring)}.",
    )
    for person in ring.people[:6]:
        cases.add_item(
            store, analyst, opened.id, ItemKind.SUBJECT, ref=person[0].id, note="ring member"
        )
    return 1


def _lookouts_on(store: Store, analyst: Reader, supervisor: Reader, ring: Ring, today: date) -> int:
    made = []
    for person in ring.people[:2]:
        node = person[0]
        made.append(
            lookouts.request_lookout(
                store,
                analyst,
                LookoutRequest(
                    subject_name=node.caption,
                    category=Category.SMUGGLING_TRAFFICKING,
                    narrative=(
                        f"Member of candidate ring {ring.number} ({_reasons(ring)}). Refer on "
                        "arrival for secondary examination and notify HQ intelligence."
                    ),
                    requesting_unit="HQ Intelligence, smuggling desk",
                    expires_on=today + timedelta(days=180),
                    handling=Handling.make("PROTECTED B"),
                    grading=Grading.make("B", "2"),
                    subject_entity_id=node.id,
                ),
                today,
            )
        )
    lookouts.decide(
        store,
        supervisor,
        made[0].id,
        Decision.APPROVE,
        "Ring membership rests on shared identifiers from two sources; a lookout is warranted.",
    )
    return len(made)


def _requirement(store: Store, supervisor: Reader, today: date) -> None:
    recorded = requirements.create_requirement(
        store,
        supervisor,
        RequirementDraft(
            title="Facilitators of irregular migration on air routes to Canada",
            topic=Category.IRREGULAR_MIGRATION,
            priority=Priority.HIGH,
            region="Asia-Pacific",
            client="Director, Intelligence Operations",
            due_on=today + timedelta(days=45),
            handling=Handling.make("PROTECTED B"),
            questions=(
                "Which travel agents appear behind refused or interdicted travellers?",
                "Which document series are used by the same facilitators?",
            ),
        ),
        today,
    )
    tasks.issue_task(
        store,
        supervisor,
        TaskDraft(
            requirement_id=recorded.id,
            unit="MIO Manila",
            instructions=(
                "Report interdictions at the gate with the travel agent named on the booking, "
                "and any document series seen more than once."
            ),
            due_on=today + timedelta(days=30),
            handling=Handling.make("PROTECTED B"),
        ),
        today,
    )


def _support_request(store: Store, ring: Ring) -> int:
    """The regional analyst asks about a ring member of theirs: one whose records they may see."""
    regional = get_reader(store.engine, "regional")
    members = [person[0] for person in ring.people]
    with store.engine.connect() as conn:
        visible = store.view(regional).entities(conn, [m.id for m in members])
    seen = [m for m in members if m.id in visible]
    if not seen:
        return 0
    support.request_support(
        store,
        regional,
        f"Is {seen[-1].caption} linked to the facilitation network under investigation? "
        "An application from this person is pending at our office.",
        Handling.make("PROTECTED B"),
        entity_id=seen[-1].id,
    )
    return 1
