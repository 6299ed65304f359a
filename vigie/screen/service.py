"""Screening people for a reader: the index of what they may see, the hits written down to wait
for an officer, and false positives already cleared for the same traveller kept quiet.

The index is kept per reader and updated when the store changes (any import, including an
approved lookout's facts, adds a report). A hit whose traveller (same document, or same name and
date of birth) was cleared against the same, unchanged entry is recorded as ``cleared`` with the
clearance it falls under instead of being raised again; one whose traveller holds a standing
redress record against the entry (or every entry) is recorded as ``suppressed`` with the record.
Neither is raised for review, and both stay in the record for the audit.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, insert, or_, select

from vigie.model.handling import Handling
from vigie.policy import audit
from vigie.policy.reader import Action, Reader
from vigie.screen.commonness import Commonness
from vigie.screen.entries import Entries, load, persons, refresh
from vigie.screen.index import Index
from vigie.screen.scoring import Score, Thresholds
from vigie.screen.subject import Subject, traveller_keys
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import (
    report,
    screening,
    screening_clearance,
    screening_hit,
    screening_redress,
    screening_redress_key,
)
from vigie.store.view import View


@dataclass(frozen=True)
class Screener:
    """The entries one reader may see and their index."""

    entries: Entries
    index: Index


@dataclass(frozen=True)
class Hit:
    """A recorded hit: the scored entry, the hit's id and its status."""

    id: int
    score: Score
    status: str
    handling: Handling


@dataclass(frozen=True)
class Screening:
    """One traveller screened: their reference, the screening's id and its hits, best first."""

    reference: str
    id: int
    hits: tuple[Hit, ...]

    def to_dict(self) -> dict[str, object]:
        """The batch output line: hits waiting for review (cleared and suppressed ones, kept
        quiet by a clearance or a redress record, are left out)."""
        return {
            "id": self.reference,
            "hits": [h.score.to_dict() for h in self.hits if h.status == "pending"],
        }


# Per reader: the store's report count and newest report, the day it was built or last brought
# up to date (listings end with the days as well as with imports), and the index.
_cache: dict[tuple[str, Reader, frozenset[str]], tuple[tuple[int, int], date, Screener]] = {}
_lock = threading.Lock()


def _stamp(conn: Connection) -> tuple[int, int]:
    row = conn.execute(select(func.count(report.c.id), func.max(report.c.id))).one()
    return int(row[0]), int(row[1] or 0)


def screener(
    store: Store, reader: Reader, sources: frozenset[str] = frozenset(), today: date | None = None
) -> Screener:
    """The reader's index (of the entries from ``sources`` only, when given): built once,
    updated with what the reports imported since touched and with the listings that ended since
    the day it was last brought up to date, rebuilt when reports were removed."""
    day = today or date.today()
    with store.engine.connect() as conn:
        stamp = _stamp(conn)
    key = (str(store.engine.url), reader, sources)
    with _lock:
        cached = _cache.get(key)
        if cached and cached[0] == stamp and cached[1] == day:
            return cached[2]
    if cached and stamp[0] - cached[0][0] == stamp[1] - cached[0][1] >= 0:
        # Reports were only added, or a day went by: update the index with what changed.
        change = refresh(
            store.view(reader), cached[2].entries, cached[0][1], sources, day, cached[1]
        )
        index = cached[2].index
        for entity_id in change.removed:
            index.remove(entity_id)
        for subject in change.added:
            index.add(subject)
        built = Screener(change.entries, index)
    else:
        view = store.view(reader)
        entries = load(view, sources, day)
        built = Screener(entries, Index(entries.subjects, population(view, entries.subjects)))
    with _lock:
        _cache[key] = (stamp, day, built)
    return built


def population(view: View, entries: Sequence[Subject]) -> Commonness:
    """Who bears which names among the people the reader may see: the entries and every other
    person in the store. Counted when the index is built; entries added later are few beside
    it and leave it as it was."""
    listed = {s.entity_id for s in entries}
    return Commonness.of([*entries, *(s for _id, s in persons(view, listed))])


def _clearances(
    conn: Connection, entity_ids: set[str], keys: set[str]
) -> dict[tuple[str, str], tuple[int, str]]:
    if not entity_ids or not keys:
        return {}
    rows = conn.execute(
        select(
            screening_clearance.c.id,
            screening_clearance.c.entity_id,
            screening_clearance.c.traveller_key,
            screening_clearance.c.entry_version,
        ).where(
            screening_clearance.c.entity_id.in_(sorted(entity_ids)),
            screening_clearance.c.traveller_key.in_(sorted(keys)),
            screening_clearance.c.revoked_at.is_(None),
        )
    )
    return {(r.entity_id, r.traveller_key): (r.id, r.entry_version) for r in rows}


def _redressed(conn: Connection, entity_ids: set[str], keys: set[str]) -> dict[str | None, int]:
    """The standing redress records for a traveller with these keys, by the entry they name
    (``None`` for every entry). Not filtered by reader: a redress record protects the traveller
    whoever screens them."""
    if not entity_ids or not keys:
        return {}
    rows = conn.execute(
        select(screening_redress.c.id, screening_redress.c.entity_id)
        .join(screening_redress_key, screening_redress_key.c.redress_id == screening_redress.c.id)
        .where(
            screening_redress_key.c.traveller_key.in_(sorted(keys)),
            screening_redress.c.revoked_at.is_(None),
            or_(
                screening_redress.c.entity_id.is_(None),
                screening_redress.c.entity_id.in_(sorted(entity_ids)),
            ),
        )
        # The oldest record standing is the one a hit falls under.
        .order_by(screening_redress.c.id.desc())
    )
    return {r.entity_id: r.id for r in rows}


def _subject_json(subject: Subject) -> str:
    return json.dumps(
        {
            "names": subject.names,
            "birth_dates": subject.birth_dates,
            "nationalities": subject.nationalities,
            "sex": subject.sex,
            "documents": subject.documents,
        },
        ensure_ascii=False,
    )


def _record(
    store: Store,
    conn: Connection,
    reader: Reader,
    found: Screener,
    reference: str,
    subject: Subject,
    scores: list[Score],
    handling_id: int,
) -> Screening:
    at = audit.now()
    inserted = conn.execute(
        insert(screening).values(
            reference=reference,
            subject=_subject_json(subject),
            list_version=found.entries.version,
            entries=len(found.index),
            screened_by=reader.name,
            screened_at=at,
            handling_id=handling_id,
        )
    ).inserted_primary_key
    assert inserted is not None
    screening_id = int(inserted[0])
    keys = traveller_keys(subject)
    cleared = _clearances(conn, {s.entity_id for s in scores}, set(keys))
    redressed = _redressed(conn, {s.entity_id for s in scores}, set(keys))
    hits = []
    for scored in scores:
        version = found.entries.versions[scored.entity_id]
        under = next(
            (
                cleared[(scored.entity_id, k)][0]
                for k in keys
                if cleared.get((scored.entity_id, k), (0, ""))[1] == version
            ),
            None,
        )
        redress_id = redressed.get(scored.entity_id, redressed.get(None))
        if redress_id is not None:
            status, under = "suppressed", None
        else:
            status = "pending" if under is None else "cleared"
        hit_id = conn.execute(
            insert(screening_hit).values(
                screening_id=screening_id,
                entity_id=scored.entity_id,
                caption=scored.caption[:500],
                score=scored.score,
                match=scored.match,
                explanation=json.dumps(scored.to_dict(), ensure_ascii=False),
                traveller_keys=json.dumps(keys, ensure_ascii=False),
                entry_version=version,
                handling_id=store.handling_id(conn, found.entries.handlings[scored.entity_id]),
                status=status,
                clearance_id=under,
                redress_id=redress_id,
            )
        ).inserted_primary_key
        assert hit_id is not None
        handling = found.entries.handlings[scored.entity_id]
        hits.append(Hit(int(hit_id[0]), scored, status, handling))
    return Screening(reference, screening_id, tuple(hits))


def screen(
    store: Store,
    reader: Reader,
    subjects: Iterable[tuple[str, Subject]],
    handling: Handling,
    thresholds: Thresholds = Thresholds(),
    progress: Callable[[int], None] | None = None,
    label: str = "",
    sources: frozenset[str] = frozenset(),
    workers: int = 1,
) -> list[Screening]:
    """Screen travellers ``(reference, subject)`` against what ``reader`` may see (a large
    batch over ``workers`` processes); record every screening (its personal data under
    ``handling``) and its hits, and audit the whole as one ``screen`` event naming ``label``
    (the file or the query)."""
    reader.require(Action.SEARCH)
    found = screener(store, reader, sources)
    results: list[Screening] = []
    batch: Sequence[tuple[str, Subject]] = list(subjects)
    # Scored before the write transaction opens: worker processes are not forked holding it.
    scored = found.index.screen_many([s for _r, s in batch], thresholds, workers, progress)
    with db.begin_write(store.engine) as conn:
        hid = store.handling_id(conn, handling)
        for (reference, subject), scores in zip(batch, scored, strict=True):
            results.append(_record(store, conn, reader, found, reference, subject, scores, hid))
        audit.append(
            conn,
            reader.name,
            "screen",
            label or (batch[0][1].caption if len(batch) == 1 else "batch"),
            {
                "travellers": len(batch),
                "list_version": found.entries.version,
                "entries": len(found.index),
                "hits": sum(len(r.hits) for r in results),
                "entities": sorted({h.score.entity_id for r in results for h in r.hits}),
                "sources": sorted(sources),
            },
        )
    return results
