"""Entity resolution as users meet it: run the model, read clusters and the review queue,
explain a pair, judge it, withdraw a judgement.

Everything is computed for one reader from what they may see: the records a run reads, the
pairs, judgements and model rows (each carries a handling id, filtered by the same policy rule
as statements), so a cluster never joins records through a link its reader may not know of.
Every read of personal data and every decision is audited.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, insert, or_, select, tuple_

from vigie.errors import InvalidInput, NotFound
from vigie.i18n import _
from vigie.model.entity import Entity
from vigie.model.handling import Handling, combine
from vigie.policy import audit
from vigie.policy.reader import Action, Reader
from vigie.policy.rules import visible_handling_ids
from vigie.resolve import linkage
from vigie.resolve.batch import person_features
from vigie.resolve.cluster import MERGE, REVIEW, ScoredPair, Verdict, clusters, pair_key
from vigie.resolve.evaluate import JudgedEvaluation, against_judgements
from vigie.resolve.explain import Explanation, explain
from vigie.resolve.features import features
from vigie.resolve.records import birth_dates, person_ids, person_records, records_of
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import resolve_judgement, resolve_model, resolve_pair, resolve_record
from vigie.store.view import View

RETRACTED = "retracted"
_CHUNK = 500
# A cluster shown on a page stops growing here: a cluster this big is a data problem to look
# at, not a person.
MAX_CLUSTER = 500


@dataclass(frozen=True)
class RunSummary:
    """What a run did."""

    model_id: int
    engine: str
    records: int
    new_records: int
    pairs: int
    incremental: bool

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "model_id": self.model_id,
            "engine": self.engine,
            "records": self.records,
            "new_records": self.new_records,
            "pairs": self.pairs,
            "incremental": self.incremental,
        }


@dataclass(frozen=True)
class Judgement:
    """The current judgement of a pair."""

    verdict: Verdict
    reason: str
    decided_by: str
    decided_at: str
    handling_id: int = 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "verdict": self.verdict.value,
            "reason": self.reason,
            "decided_by": self.decided_by,
            "decided_at": self.decided_at,
        }


@dataclass(frozen=True)
class PairView:
    """Two records side by side, the model's score and why, and any judgement."""

    left: Entity
    right: Entity
    explanation: Explanation
    scored: bool
    judgement: Judgement | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "left": self.left.to_ftm(),
            "right": self.right.to_ftm(),
            "explanation": self.explanation.to_dict(),
            "scored_by_run": self.scored,
            "judgement": self.judgement.to_dict() if self.judgement else None,
        }


@dataclass(frozen=True)
class Link:
    """Why two members of a cluster are joined: the model's probability or a judgement."""

    left: str
    right: str
    probability: float | None
    verdict: Verdict | None


@dataclass
class Cluster:
    """The records resolved to one person, as one reader sees them."""

    canonical_id: str
    members: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    apart: list[tuple[str, str]] = field(default_factory=list)


def _visible(column: Any, reader: Reader) -> Any:
    return column.in_(visible_handling_ids(reader))


def _model_row(conn: Connection, reader: Reader) -> tuple[int, dict[str, Any]] | None:
    row = conn.execute(
        select(resolve_model.c.id, resolve_model.c.settings)
        .where(_visible(resolve_model.c.handling_id, reader))
        .order_by(resolve_model.c.id.desc())
        .limit(1)
    ).first()
    return (int(row.id), json.loads(row.settings)) if row else None


def last_run_by(store: Store) -> str | None:
    """The user who made the newest model (the last full run), or None before any run."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(resolve_model.c.created_by).order_by(resolve_model.c.id.desc()).limit(1)
        ).first()
    return str(row.created_by) if row else None


def _handling_id(
    store: Store, conn: Connection, ids: Iterable[int], cache: dict[frozenset[int], int]
) -> int:
    key = frozenset(ids)
    if key not in cache:
        handlings = store.handlings(conn, key)
        cache[key] = store.handling_id(conn, combine(handlings.values()))
    return cache[key]


def _pair_rows(
    store: Store,
    conn: Connection,
    model_id: int,
    prediction: linkage.Prediction,
    names: Sequence[str],
    handlings: dict[str, frozenset[int]],
) -> list[dict[str, Any]]:
    table = prediction.pairs
    wanted = (*linkage.OUTPUT, *(f"gamma_{n}" for n in names), "adjustment")
    columns = [table[c].to_pylist() for c in wanted]
    cache: dict[frozenset[int], int] = {}
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for values in zip(*columns, strict=True):
        left, right = pair_key(str(values[0]), str(values[1]))
        rows[(left, right)] = {
            "left_id": left,
            "right_id": right,
            "model_id": model_id,
            "match_weight": float(values[2]),
            "probability": float(values[3]),
            "levels": ",".join(str(int(v)) for v in values[4:-1]),
            "adjustment": float(values[-1]),
            "handling_id": _handling_id(store, conn, handlings[left] | handlings[right], cache),
        }
    return list(rows.values())


def _replace_pairs(conn: Connection, keys: set[str], rows: list[dict[str, Any]]) -> None:
    """Drop the pairs among ``keys`` (re-scored by this run), then write ``rows``."""
    stale: list[tuple[str, str]] = []
    ids = sorted(keys)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        found = conn.execute(
            select(resolve_pair.c.left_id, resolve_pair.c.right_id).where(
                resolve_pair.c.left_id.in_(chunk)
            )
        )
        stale.extend((a, b) for a, b in found if b in keys)
    for start in range(0, len(stale), _CHUNK):
        pairs = tuple_(resolve_pair.c.left_id, resolve_pair.c.right_id)
        conn.execute(delete(resolve_pair).where(pairs.in_(stale[start : start + _CHUNK])))
    if rows:
        conn.execute(insert(resolve_pair), rows)


def _mark_seen(conn: Connection, model_id: int, ids: Sequence[str]) -> None:
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        conn.execute(delete(resolve_record).where(resolve_record.c.entity_id.in_(chunk)))
    if ids:
        conn.execute(insert(resolve_record), [{"entity_id": e, "model_id": model_id} for e in ids])


def run(
    store: Store, reader: Reader, engine: str = "duckdb", incremental: bool = False
) -> RunSummary:
    """Resolve every Person record the reader may see.

    A full run trains the model afresh (EM without labels, then informed by the pairs the reader
    may see judged the same: ``linkage.with_judgements``) and scores every blocked pair; an
    incremental run links only the records no run has seen yet against all the others with the
    saved model (a full run happens instead when there is no model the reader may see).
    """
    reader.require(Action.RESOLVE)
    linkage.check_engine(engine)
    view = store.view(reader)
    with store.engine.connect() as conn:
        records, handlings = person_records(conn, view)
        saved = _model_row(conn, reader) if incremental else None
        seen = {r[0] for r in conn.execute(select(resolve_record.c.entity_id))} if saved else set()
        judged = {
            pair: j for pair, j in _judgements(conn, reader).items() if j.verdict is Verdict.SAME
        }
    if not records:
        raise InvalidInput(_("there are no person records that you may see to resolve"))
    table = person_features(records)
    ids = [str(i) for i in table["unique_id"].to_pylist()]
    api = linkage.database(engine)
    informed_by: set[int] = set()
    if saved is not None:
        model_id, model = saved
        fresh = [i for i, e in enumerate(ids) if e not in seen]
        old = [i for i, e in enumerate(ids) if e in seen]
        new_ids = [ids[i] for i in fresh]
        if not fresh:
            prediction = None
        else:
            existing, added = table.take(old), table.take(fresh)
            prediction = linkage.link_new(api, model, existing, added)
    else:
        trained = linkage.train(api, table)
        model = linkage.with_judgements(api, table, trained, sorted(judged))
        if model is not trained:
            informed_by = {j.handling_id for j in judged.values()}
        prediction = linkage.predict(api, table, model)
        new_ids = ids
    names = linkage.comparison_names(model)
    with db.begin_write(store.engine) as conn:
        if saved is None:
            # Marked for every fact it was trained on, and for the judgements that informed it.
            marked = set().union(*handlings.values()) | informed_by
            everything = combine(store.handlings(conn, marked).values())
            model_id = int(
                conn.execute(
                    insert(resolve_model).values(
                        engine=engine,
                        records=len(ids),
                        settings=json.dumps(model),
                        created_by=reader.name,
                        created_at=audit.now(),
                        handling_id=store.handling_id(conn, everything),
                    )
                ).inserted_primary_key[0]  # type: ignore[index]
            )
        rows = _pair_rows(store, conn, model_id, prediction, names, handlings) if prediction else []
        if saved is None:
            _replace_pairs(conn, set(ids), rows)
        elif rows:
            _replace_pairs(conn, {r["left_id"] for r in rows} | {r["right_id"] for r in rows}, [])
            conn.execute(insert(resolve_pair), rows)
        _mark_seen(conn, model_id, new_ids)
        summary = RunSummary(model_id, engine, len(ids), len(new_ids), len(rows), saved is not None)
        audit.append(conn, reader.name, "resolve.run", f"model {model_id}", summary.to_dict())
    return summary


def _judgements(
    conn: Connection, reader: Reader, ids: Iterable[str] | None = None
) -> dict[tuple[str, str], Judgement]:
    """The current (newest, not withdrawn) visible judgement of each pair, optionally only of
    pairs touching ``ids``."""
    query = select(resolve_judgement).where(_visible(resolve_judgement.c.handling_id, reader))
    rows: list[Any] = []
    if ids is None:
        rows = list(conn.execute(query.order_by(resolve_judgement.c.id)))
    else:
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            rows.extend(
                conn.execute(
                    query.where(
                        or_(
                            resolve_judgement.c.left_id.in_(chunk),
                            resolve_judgement.c.right_id.in_(chunk),
                        )
                    )
                )
            )
        rows.sort(key=lambda r: r.id)
    current: dict[tuple[str, str], Judgement | None] = {}
    for row in rows:
        key = (row.left_id, row.right_id)
        current[key] = (
            None
            if row.verdict == RETRACTED
            else Judgement(
                Verdict(row.verdict), row.reason, row.decided_by, row.decided_at, row.handling_id
            )
        )
    return {k: v for k, v in current.items() if v is not None}


def _verdicts(judged: dict[tuple[str, str], Judgement]) -> dict[tuple[str, str], Verdict]:
    return {k: v.verdict for k, v in judged.items()}


def _strong_pairs(conn: Connection, reader: Reader, ids: Sequence[str]) -> list[ScoredPair]:
    found: list[ScoredPair] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        query = select(
            resolve_pair.c.left_id, resolve_pair.c.right_id, resolve_pair.c.probability
        ).where(
            or_(resolve_pair.c.left_id.in_(chunk), resolve_pair.c.right_id.in_(chunk)),
            resolve_pair.c.probability >= MERGE,
            _visible(resolve_pair.c.handling_id, reader),
        )
        found.extend(ScoredPair(a, b, p) for a, b, p in conn.execute(query))
    return found


def _neighbourhood(
    conn: Connection, reader: Reader, seeds: Iterable[str]
) -> tuple[set[str], list[ScoredPair], dict[tuple[str, str], Verdict]]:
    """The records reachable from ``seeds`` through merging pairs and "same" judgements, with
    those links and every judgement among them."""
    members = set(seeds)
    frontier = sorted(members)
    pairs: dict[tuple[str, str], ScoredPair] = {}
    judged: dict[tuple[str, str], Verdict] = {}
    while frontier and len(members) < MAX_CLUSTER:
        new_pairs = _strong_pairs(conn, reader, frontier)
        new_judged = _verdicts(_judgements(conn, reader, frontier))
        for p in new_pairs:
            pairs[pair_key(p.left, p.right)] = p
        judged.update(new_judged)
        reached = {x for p in new_pairs for x in (p.left, p.right)}
        reached |= {x for k, v in new_judged.items() if v is Verdict.SAME for x in k}
        frontier = sorted(reached - members)
        members |= reached
    return members, list(pairs.values()), judged


def cluster_of(store: Store, reader: Reader, entity_id: str) -> Cluster:
    """The records resolved to the same person as ``entity_id``, with the links that join them;
    audited as ``resolve.cluster``."""
    reader.require(Action.READ)
    view = store.view(reader)
    with store.engine.connect() as conn:
        if entity_id not in view.entities(conn, [entity_id]):
            raise NotFound(_("no entity {id!r} that you may see").format(id=entity_id))
        members, pairs, judged = _neighbourhood(conn, reader, [entity_id])
        visible = view.entities(conn, members)
        births = birth_dates(conn, view, visible.keys())
    canonical = clusters(visible.keys(), pairs, judged, births=births)
    mine = canonical.get(entity_id, entity_id)
    together = {e for e, c in canonical.items() if c == mine}
    links = [
        Link(p.left, p.right, p.probability, judged.get(pair_key(p.left, p.right)))
        for p in pairs
        if p.left in together and p.right in together
    ]
    links += [
        Link(a, b, None, v)
        for (a, b), v in judged.items()
        if v is Verdict.SAME
        and a in together
        and b in together
        and not any(pair_key(x.left, x.right) == (a, b) for x in pairs)
    ]
    apart = [
        k
        for k, v in judged.items()
        if v is Verdict.NOT_SAME and (k[0] in together or k[1] in together)
    ]
    found = Cluster(mine, [visible[e] for e in sorted(together)], links, apart)
    audit.record(store.engine, reader.name, "resolve.cluster", entity_id, members=sorted(together))
    return found


def cluster_map(store: Store, reader: Reader) -> dict[str, str]:
    """Every Person entity id the reader may see, mapped to its cluster's canonical id; audited
    as an ``export`` in the format ``clusters``."""
    reader.require(Action.EXPORT)
    view = store.view(reader)
    with store.engine.connect() as conn:
        ids = person_ids(conn, view)
        pairs = [
            ScoredPair(a, b, p)
            for a, b, p in conn.execute(
                select(
                    resolve_pair.c.left_id, resolve_pair.c.right_id, resolve_pair.c.probability
                ).where(
                    resolve_pair.c.probability >= MERGE,
                    _visible(resolve_pair.c.handling_id, reader),
                )
            )
        ]
        judged = _verdicts(_judgements(conn, reader))
        births = birth_dates(conn, view)
    result = clusters(ids, pairs, judged, births=births)
    audit.record(
        store.engine, reader.name, "export", "store", format="clusters", entities=len(result)
    )
    return result


@dataclass(frozen=True)
class QueueItem:
    """A pair waiting for an analyst."""

    left_id: str
    right_id: str
    probability: float
    left_caption: str
    right_caption: str
    sentence: str
    handling: Handling

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "left_id": self.left_id,
            "right_id": self.right_id,
            "probability": round(self.probability, 6),
            "left_caption": self.left_caption,
            "right_caption": self.right_caption,
            "explanation": self.sentence,
            "handling": self.handling.to_dict(),
        }


def queue(store: Store, reader: Reader, limit: int = 50) -> list[QueueItem]:
    """Uncertain pairs nobody has judged, most likely first, leaving out pairs already joined
    through stronger links; audited as ``resolve.queue``."""
    reader.require(Action.RESOLVE)
    view = store.view(reader)
    items: list[QueueItem] = []
    with store.engine.connect() as conn:
        saved = _model_row(conn, reader)
        query = (
            select(resolve_pair)
            .where(
                resolve_pair.c.probability >= REVIEW,
                resolve_pair.c.probability < MERGE,
                _visible(resolve_pair.c.handling_id, reader),
            )
            .order_by(resolve_pair.c.probability.desc(), resolve_pair.c.left_id)
        )
        offset = 0
        while saved is not None and len(items) < limit:
            rows = list(conn.execute(query.offset(offset).limit(limit * 2)))
            if not rows:
                break
            offset += len(rows)
            seeds = {x for r in rows for x in (r.left_id, r.right_id)}
            members, pairs, judged = _neighbourhood(conn, reader, seeds)
            entities = view.entities(conn, seeds)
            canonical = clusters(members, pairs, judged, births=birth_dates(conn, view, members))
            for row in rows:
                key = (row.left_id, row.right_id)
                if key in judged or row.left_id not in entities or row.right_id not in entities:
                    continue
                if canonical.get(row.left_id) == canonical.get(row.right_id):
                    continue
                levels = [int(v) for v in row.levels.split(",")]
                items.append(
                    QueueItem(
                        row.left_id,
                        row.right_id,
                        float(row.probability),
                        entities[row.left_id].caption,
                        entities[row.right_id].caption,
                        explain(saved[1], levels, float(row.adjustment)).sentence(),
                        combine([entities[row.left_id].handling, entities[row.right_id].handling]),
                    )
                )
                if len(items) >= limit:
                    break
    audit.record(
        store.engine,
        reader.name,
        "resolve.queue",
        "queue",
        shown=len(items),
        pairs=[[i.left_id, i.right_id] for i in items],
    )
    return items


def _pair_entities(conn: Connection, view: View, a: str, b: str) -> tuple[Entity, Entity]:
    if a == b:
        raise InvalidInput(_("a pair needs two different entities"))
    found = view.entities(conn, [a, b])
    for entity_id in (a, b):
        if entity_id not in found or found[entity_id].schema.name != "Person":
            raise NotFound(_("no person {id!r} that you may see").format(id=entity_id))
    return found[a], found[b]


def pair(store: Store, reader: Reader, a: str, b: str, engine: str = "duckdb") -> PairView:
    """Two records side by side with the model's explanation (from the last run, or scored now
    with the saved model when the run did not compare them) and the current judgement; audited
    as ``resolve.explain``."""
    reader.require(Action.READ)
    view = store.view(reader)
    left_id, right_id = pair_key(a, b)
    with store.engine.connect() as conn:
        left, right = _pair_entities(conn, view, left_id, right_id)
        saved = _model_row(conn, reader)
        if saved is None:
            raise NotFound(_("no resolution model that you may see: run vigie resolve run first"))
        row = conn.execute(
            select(resolve_pair.c.levels, resolve_pair.c.adjustment).where(
                resolve_pair.c.left_id == left_id,
                resolve_pair.c.right_id == right_id,
                _visible(resolve_pair.c.handling_id, reader),
            )
        ).first()
        judged = _judgements(conn, reader, [left_id]).get((left_id, right_id))
        records = records_of(conn, view, [left_id, right_id])[0] if row is None else []
    adjustment = 0.0
    if row is not None:
        levels = [int(v) for v in row.levels.split(",")]
        adjustment = float(row.adjustment)
    else:
        by_id = {r.entity_id: features(r) for r in records}
        scored = linkage.score(linkage.database(engine), saved[1], by_id[left_id], by_id[right_id])
        levels = [int(scored[f"gamma_{n}"]) for n in linkage.comparison_names(saved[1])]
    explanation = explain(saved[1], levels, adjustment)
    audit.record(
        store.engine,
        reader.name,
        "resolve.explain",
        f"{left_id} {right_id}",
        match_weight=round(explanation.match_weight, 3),
    )
    return PairView(left, right, explanation, row is not None, judged)


def _check_reason(reason: str) -> str:
    text = reason.strip()
    if len(text) < 3:
        raise InvalidInput(_("give the reason for this decision (at least 3 characters)"))
    return text


def judge(store: Store, reader: Reader, a: str, b: str, verdict: Verdict, reason: str) -> Judgement:
    """Record that two records are (not) the same person, or that the analyst is unsure; the
    judgement is marked for every fact of both records the analyst saw. Audited as
    ``resolve.judge``."""
    reader.require(Action.RESOLVE)
    text = _check_reason(reason)
    left_id, right_id = pair_key(a, b)
    view = store.view(reader)
    at = audit.now()
    with db.begin_write(store.engine) as conn:
        left, right = _pair_entities(conn, view, left_id, right_id)
        handling = combine([left.handling, right.handling])
        conn.execute(
            insert(resolve_judgement).values(
                left_id=left_id,
                right_id=right_id,
                verdict=verdict.value,
                reason=text,
                decided_by=reader.name,
                decided_at=at,
                handling_id=store.handling_id(conn, handling),
            )
        )
        audit.append(
            conn,
            reader.name,
            "resolve.judge",
            f"{left_id} {right_id}",
            {"verdict": verdict.value, "reason": text},
        )
    return Judgement(verdict, text, reader.name, at)


def retract(store: Store, reader: Reader, a: str, b: str, reason: str) -> None:
    """Withdraw the current judgement of a pair: the model's score applies again (a merge made
    by a "same" judgement is undone). Audited as ``resolve.retract``."""
    reader.require(Action.RESOLVE)
    text = _check_reason(reason)
    left_id, right_id = pair_key(a, b)
    view = store.view(reader)
    with db.begin_write(store.engine) as conn:
        left, right = _pair_entities(conn, view, left_id, right_id)
        if (left_id, right_id) not in _judgements(conn, reader, [left_id]):
            raise NotFound(_("this pair has no judgement that you may see"))
        conn.execute(
            insert(resolve_judgement).values(
                left_id=left_id,
                right_id=right_id,
                verdict=RETRACTED,
                reason=text,
                decided_by=reader.name,
                decided_at=audit.now(),
                handling_id=store.handling_id(conn, combine([left.handling, right.handling])),
            )
        )
        audit.append(
            conn, reader.name, "resolve.retract", f"{left_id} {right_id}", {"reason": text}
        )


def judged_evaluation(store: Store, reader: Reader) -> JudgedEvaluation:
    """The model's scores against the judgements the reader may see (the same / not the same;
    *unsure* says nothing), from the pairs of the last run the reader may see. Audited as
    ``resolve.evaluate``."""
    reader.require(Action.READ)
    with store.engine.connect() as conn:
        judged = _verdicts(_judgements(conn, reader))
        keys = sorted(k for k, v in judged.items() if v is not Verdict.UNSURE)
        probabilities: dict[tuple[str, str], float] = {}
        for start in range(0, len(keys), _CHUNK):
            pairs = tuple_(resolve_pair.c.left_id, resolve_pair.c.right_id)
            query = select(
                resolve_pair.c.left_id, resolve_pair.c.right_id, resolve_pair.c.probability
            ).where(
                pairs.in_(keys[start : start + _CHUNK]),
                _visible(resolve_pair.c.handling_id, reader),
            )
            probabilities.update({(a, b): float(p) for a, b, p in conn.execute(query)})
    found = against_judgements(
        probabilities,
        [k for k in keys if judged[k] is Verdict.SAME],
        [k for k in keys if judged[k] is Verdict.NOT_SAME],
        MERGE,
        REVIEW,
    )
    with db.begin_write(store.engine) as conn:
        audit.append(conn, reader.name, "resolve.evaluate", "judgements", found.to_dict())
    return found
