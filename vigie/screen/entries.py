"""The screenable entries a reader may see, read from the store through their ``View``.

An entry is a Person that a Risk or Sanction *in effect* names (watchlists imported from FtM
files, approved lookouts) or that carries a listing topic itself. A listing is no longer in effect
once its status says it ended (a withdrawn lookout, a revoked or delisted entry) or its last end
date has passed (an expired lookout): its person is then screened no more on its account. A
lookout's own Person carries the lookout's topic as a fact, not as a listing of its own: the
lookout's Risk lists it, for as long as the lookout is in effect. Its names, aliases, dates of
birth, nationalities, sex, document numbers and places of birth are read from the statements the
reader may see, so an index built here never holds what its reader may not see; so is the day
each was first listed, by the earliest plausible listing or start date of its listings in effect.
The list's *version* is a digest of the listed persons' statements: any change to a listed person
changes it, and each screening records it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Connection, or_, select

from vigie.model import lookout
from vigie.model.entity import Entity
from vigie.model.handling import Handling
from vigie.screen.subject import Subject, partial_date
from vigie.store.tables import statement
from vigie.store.view import View

# FtM topics that make a person an entry on their own (sanctioned, wanted, crime, terrorism…).
LISTING_TOPICS = ("sanction", "wanted", "crime", "role.terror", "poi", "debarment", "reg.warn")
LISTINGS = ("Risk", "Sanction")
# Statuses of a Risk or Sanction that say the listing has ended (compared in lower case).
ENDED = frozenset({"withdrawn", "expired", "revoked", "terminated", "delisted", "inactive"})
NAME_PROPS = ("name", "alias", "weakAlias", "previousName")
DOCUMENT_PROPS = ("passportNumber", "idNumber")
# A listing's dates that say when its person was listed, and the earliest year taken for one:
# an earlier date is a placeholder (1900-01-01), which would make every traveller unborn then.
LISTED_PROPS = ("listingDate", "startDate")
LISTED_FROM_YEAR = 1945


@dataclass(frozen=True)
class Entries:
    """Screenable entries with each one's handling and version, and the list's version."""

    subjects: tuple[Subject, ...]
    handlings: dict[str, Handling]
    versions: dict[str, str]
    version: str


def _ended(end_dates: list[str], today: str) -> bool:
    # A partial date ends with its period: a listing ending in "2026" is in effect all 2026.
    return bool(end_dates) and max(end_dates) < today[: len(max(end_dates))]


def _in_effect(conn: Connection, view: View, listings: set[str], today: str) -> dict[str, str]:
    """Those of ``listings`` (Risk or Sanction ids) still in effect on ``today``, each with the
    day it was listed (its earliest listing or start date; empty when it gives none)."""
    ended, ends, starts = set(), defaultdict(list), defaultdict(list)
    for chunk in _chunks(sorted(listings)):
        rows = conn.execute(
            select(statement.c.entity_id, statement.c.prop, statement.c.value).where(
                statement.c.entity_id.in_(chunk),
                statement.c.prop.in_(("status", "endDate", *LISTED_PROPS)),
                view.visible(),
            )
        )
        for entity_id, prop, value in rows:
            if prop == "endDate":
                ends[entity_id].append(value)
            elif prop in LISTED_PROPS:
                if _plausible_day(value[:10], today):
                    starts[entity_id].append(value[:10])
            elif value.lower() in ENDED:
                ended.add(entity_id)
    return {
        i: min(starts[i], default="")
        for i in listings
        if i not in ended and not _ended(ends[i], today)
    }


def _plausible_day(value: str, today: str) -> bool:
    # A date (YYYY, YYYY-MM or YYYY-MM-DD) from LISTED_FROM_YEAR to today.
    return partial_date(value) and str(LISTED_FROM_YEAR) <= value <= today


def _chunks(ids: list[str], size: int = 5000) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _listed_ids(
    conn: Connection, view: View, among: list[str] | None = None, today: date | None = None
) -> dict[str, str]:
    """The persons listed on ``today`` (only those ``among`` when given), each with the day
    they were first listed by a listing still in effect (empty when none says, as for a
    person listed by a topic of their own alone)."""
    named = select(statement.c.entity_id, statement.c.value).where(
        statement.c.schema.in_(LISTINGS), statement.c.prop == "entity", view.visible()
    )
    topics = select(statement.c.entity_id).where(
        statement.c.prop == "topics",
        statement.c.value.in_(LISTING_TOPICS) | statement.c.value.like("crime%"),
        statement.c.source != lookout.SOURCE,
        view.visible(),
    )
    if among is not None:
        named = named.where(statement.c.value.in_(among))
        topics = topics.where(statement.c.entity_id.in_(among))
    pairs = conn.execute(named).all()
    effective = _in_effect(conn, view, {listing for listing, _ in pairs}, _iso(today))
    days: dict[str, list[str]] = defaultdict(list)
    for listing, person in pairs:
        if listing in effective:
            days[person].append(effective[listing])
    for (person,) in conn.execute(topics):
        days[person].append("")
    return {person: min((d for d in found if d), default="") for person, found in days.items()}


def _iso(today: date | None) -> str:
    return (today or date.today()).isoformat()


def _touched_ids(conn: Connection, since_report: int, ended_since: str | None) -> list[str]:
    # Entities with a statement imported after ``since_report``, and the persons that a Risk or
    # Sanction with a new statement names (a new listing, or a lookout withdrawn: its ``entity``
    # statement is not new), or whose end date came since ``ended_since`` (an expired lookout):
    # the only entries whose standing may have changed.
    listing = statement.c.schema.in_(LISTINGS)
    changed: ColumnElement[bool] = statement.c.entity_id.in_(
        select(statement.c.entity_id).where(listing, statement.c.report_id > since_report)
    )
    if ended_since is not None:
        changed = or_(
            changed,
            statement.c.entity_id.in_(
                select(statement.c.entity_id).where(
                    listing, statement.c.prop == "endDate", statement.c.value >= ended_since
                )
            ),
        )
    fresh = select(statement.c.entity_id).where(statement.c.report_id > since_report)
    named = select(statement.c.value).where(listing, statement.c.prop == "entity", changed)
    return sorted(row[0] for row in conn.execute(fresh.union(named)))


def subject_of(entity: Entity, listed: str = "") -> Subject:
    """The identifiers of an assembled entity as a screening subject; ``listed``, the day an
    entry was first listed, when known."""
    proxy = entity.proxy
    names = [n for prop in NAME_PROPS for n in proxy.get(prop, quiet=True)]
    given = " ".join(proxy.get("firstName", quiet=True) + proxy.get("middleName", quiet=True))
    family = " ".join(proxy.get("lastName", quiet=True))
    if given and family:
        names.append(f"{given} {family}")
    sex = proxy.first("gender", quiet=True)
    return Subject(
        tuple(dict.fromkeys(names)),
        tuple(proxy.get("birthDate", quiet=True)),
        tuple(proxy.get("nationality", quiet=True) + proxy.get("citizenship", quiet=True)),
        sex if sex in ("male", "female") else None,
        tuple(n for prop in DOCUMENT_PROPS for n in proxy.get(prop, quiet=True)),
        entity.id,
        entity.caption,
        tuple(proxy.get("birthPlace", quiet=True)),
        listed,
    )


def entry_version(entity: Entity) -> str:
    """A digest of the facts an entry is made of: it changes whenever the entry does. (The day
    it was listed is not one: it can only lower a score, so a clearance given before it
    changed still holds.)"""
    digest = hashlib.sha256()
    for fact in sorted(entity.facts, key=lambda f: f.id):
        digest.update(fact.id.encode())
    return digest.hexdigest()[:32]


def _entries(
    found: dict[str, Entity], listed: dict[str, str], sources: frozenset[str]
) -> tuple[list[Subject], dict[str, Handling], dict[str, str]]:
    subjects, handlings, versions = [], {}, {}
    for eid, entity in sorted(found.items()):
        if not entity.schema.is_a("Person"):
            continue
        if sources and not sources & {f.source for f in entity.facts}:
            continue
        subject = subject_of(entity, listed.get(eid, ""))
        if subject.parsed:
            subjects.append(subject)
            handlings[eid] = entity.handling
            versions[eid] = entry_version(entity)
    return subjects, handlings, versions


def _version(versions: dict[str, str]) -> str:
    digest = hashlib.sha256("".join(f"{k}:{v};" for k, v in sorted(versions.items())).encode())
    return digest.hexdigest()[:32]


def load(view: View, sources: frozenset[str] = frozenset(), today: date | None = None) -> Entries:
    """Every entry ``view``'s reader may see (only those with a fact from one of ``sources``
    when given). Not audited here: the screening that uses the list is, with its version."""
    with view.store.engine.connect() as conn:
        listed = _listed_ids(conn, view, today=today)
        found = view.entities(conn, sorted(listed))
    subjects, handlings, versions = _entries(found, listed, sources)
    return Entries(tuple(subjects), handlings, versions, _version(versions))


@dataclass(frozen=True)
class Change:
    """What changed in a list since a report: the entries as they are now, the ids of those
    to drop from an index and the subjects to file (again)."""

    entries: Entries
    removed: frozenset[str]
    added: tuple[Subject, ...]


def refresh(
    view: View,
    old: Entries,
    since_report: int,
    sources: frozenset[str] = frozenset(),
    today: date | None = None,
    ended_since: date | None = None,
) -> Change:
    """The list after the reports imported since ``since_report`` (and, with ``ended_since``,
    the days since then): only the entities those reports touched, and the persons whose
    listings may have ended since, are read again, so that a lookout approved, withdrawn or
    expired or a watchlist update applied costs what it changed, not the whole list."""
    since_day = None if ended_since is None else ended_since.isoformat()
    with view.store.engine.connect() as conn:
        touched = _touched_ids(conn, since_report, since_day)
        listed = _listed_ids(conn, view, touched, today) if touched else {}
        found = view.entities(conn, sorted(listed))
    subjects, handlings, versions = _entries(found, listed, sources)
    fresh = {s.entity_id: s for s in subjects}
    changed = {
        eid for eid in touched if eid in old.versions and versions.get(eid) != old.versions[eid]
    }
    listed_before = {s.entity_id: s.listed for s in old.subjects if s.entity_id in fresh}
    # Filed again when its facts changed, or the day it was first listed (a listing ended or
    # added), which its version leaves out.
    added = tuple(
        s
        for s in subjects
        if old.versions.get(s.entity_id) != versions[s.entity_id]
        or listed_before.get(s.entity_id) != s.listed
    )
    kept = [s for s in old.subjects if s.entity_id not in changed and s.entity_id not in fresh]
    all_versions = {k: v for k, v in old.versions.items() if k not in changed} | versions
    all_handlings = {k: v for k, v in old.handlings.items() if k not in changed} | handlings
    entries = Entries(
        tuple(sorted(kept + subjects, key=lambda s: s.entity_id)),
        all_handlings,
        all_versions,
        _version(all_versions),
    )
    return Change(entries, frozenset(changed - set(fresh)), added)


def persons(view: View, skip: set[str], chunk: int = 2000) -> Iterator[tuple[str, Subject]]:
    """Every other Person the reader may see, as subjects to screen (for evaluations). Not
    audited here: the evaluation is."""
    with view.store.engine.connect() as conn:
        query = (
            select(statement.c.entity_id)
            .where(statement.c.schema == "Person", view.visible())
            .distinct()
            .order_by(statement.c.entity_id)
        )
        ids = [row[0] for row in conn.execute(query) if row[0] not in skip]
        for start in range(0, len(ids), chunk):
            found = view.entities(conn, ids[start : start + chunk])
            for eid in ids[start : start + chunk]:
                entity = found.get(eid)
                if entity is not None and entity.schema.is_a("Person"):
                    subject = subject_of(entity)
                    if subject.parsed:
                        yield eid, subject
