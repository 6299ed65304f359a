"""The screenable entries a reader may see, read from the store through their ``View``.

An entry is a Person that a Risk or Sanction names (watchlists imported from FtM files, approved
lookouts) or that carries a listing topic itself. Its names, aliases, dates of birth,
nationalities, sex, document numbers and places of birth are read from the statements the
reader may see, so an index built here never holds what its reader may not see. The list's
*version* is a digest of the statements read: any change to a listed person changes it, and each
screening records it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, select, union

from vigie.model.entity import Entity
from vigie.model.handling import Handling
from vigie.screen.subject import Subject
from vigie.store.tables import statement
from vigie.store.view import View

# FtM topics that make a person an entry on their own (sanctioned, wanted, crime, terrorism…).
LISTING_TOPICS = ("sanction", "wanted", "crime", "role.terror", "poi", "debarment", "reg.warn")
NAME_PROPS = ("name", "alias", "weakAlias", "previousName")
DOCUMENT_PROPS = ("passportNumber", "idNumber")


@dataclass(frozen=True)
class Entries:
    """Screenable entries with each one's handling and version, and the list's version."""

    subjects: tuple[Subject, ...]
    handlings: dict[str, Handling]
    versions: dict[str, str]
    version: str


def _listed_ids(conn: Connection, view: View, among: list[str] | None = None) -> list[str]:
    named = select(statement.c.value.label("entity_id")).where(
        statement.c.schema.in_(("Risk", "Sanction")),
        statement.c.prop == "entity",
        view.visible(),
    )
    topics = select(statement.c.entity_id.label("entity_id")).where(
        statement.c.prop == "topics",
        statement.c.value.in_(LISTING_TOPICS) | statement.c.value.like("crime%"),
        view.visible(),
    )
    if among is not None:
        named = named.where(statement.c.value.in_(among))
        topics = topics.where(statement.c.entity_id.in_(among))
    return sorted(row[0] for row in conn.execute(union(named, topics)))


def _touched_ids(conn: Connection, since_report: int) -> list[str]:
    # Entities with a statement imported after ``since_report``, and the persons that a new
    # Risk or Sanction statement names: the only entries whose standing may have changed.
    own = select(statement.c.entity_id.label("entity_id")).where(
        statement.c.report_id > since_report
    )
    named = select(statement.c.value.label("entity_id")).where(
        statement.c.report_id > since_report,
        statement.c.schema.in_(("Risk", "Sanction")),
        statement.c.prop == "entity",
    )
    return sorted(row[0] for row in conn.execute(union(own, named)))


def subject_of(entity: Entity) -> Subject:
    """The identifiers of an assembled entity as a screening subject."""
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
    )


def entry_version(entity: Entity) -> str:
    """A digest of the facts an entry is made of: it changes whenever the entry does."""
    digest = hashlib.sha256()
    for fact in sorted(entity.facts, key=lambda f: f.id):
        digest.update(fact.id.encode())
    return digest.hexdigest()[:32]


def _entries(
    found: dict[str, Entity], sources: frozenset[str]
) -> tuple[list[Subject], dict[str, Handling], dict[str, str]]:
    subjects, handlings, versions = [], {}, {}
    for eid, entity in sorted(found.items()):
        if not entity.schema.is_a("Person"):
            continue
        if sources and not sources & {f.source for f in entity.facts}:
            continue
        subject = subject_of(entity)
        if subject.parsed:
            subjects.append(subject)
            handlings[eid] = entity.handling
            versions[eid] = entry_version(entity)
    return subjects, handlings, versions


def _version(versions: dict[str, str]) -> str:
    digest = hashlib.sha256("".join(f"{k}:{v};" for k, v in sorted(versions.items())).encode())
    return digest.hexdigest()[:32]


def load(view: View, sources: frozenset[str] = frozenset()) -> Entries:
    """Every entry ``view``'s reader may see (only those with a fact from one of ``sources``
    when given). Not audited here: the screening that uses the list is, with its version."""
    with view.store.engine.connect() as conn:
        found = view.entities(conn, _listed_ids(conn, view))
    subjects, handlings, versions = _entries(found, sources)
    return Entries(tuple(subjects), handlings, versions, _version(versions))


@dataclass(frozen=True)
class Change:
    """What changed in a list since a report: the entries as they are now, the ids of those
    to drop from an index and the subjects to file (again)."""

    entries: Entries
    removed: frozenset[str]
    added: tuple[Subject, ...]


def refresh(
    view: View, old: Entries, since_report: int, sources: frozenset[str] = frozenset()
) -> Change:
    """The list after the reports imported since ``since_report``: only the entities those
    reports touched are read again, so that a lookout approved or a watchlist update applied
    costs what it changed, not the whole list."""
    with view.store.engine.connect() as conn:
        touched = _touched_ids(conn, since_report)
        listed = _listed_ids(conn, view, touched) if touched else []
        found = view.entities(conn, listed)
    subjects, handlings, versions = _entries(found, sources)
    fresh = {s.entity_id: s for s in subjects}
    changed = {
        eid for eid in touched if eid in old.versions and versions.get(eid) != old.versions[eid]
    }
    added = tuple(s for s in subjects if old.versions.get(s.entity_id) != versions[s.entity_id])
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
