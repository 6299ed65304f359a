"""From scored pairs and analysts' judgements to clusters: which records are one person.

| pair | becomes |
| --- | --- |
| judged *the same* | joined, whatever the model says |
| judged *not the same* | never joined, directly or through others |
| judged *unsure* | left to the model; kept out of the review queue |
| probability ≥ ``MERGE`` | joined, unless that joins two records judged *not the same* |
| probability in ``REVIEW``..``MERGE`` | not joined; waits in the review queue |

Through a record without a date of birth, the model never joins two clusters whose dates of
birth all disagree (none the same, swapped, a year apart or a typing slip apart): a record with
only a common name would otherwise join every namesake it resembles, and through it they would
all become one person. (Two dated records were weighed on their dates by the model itself.)
Analysts' "same" judgements are not held to this.

Joins are made strongest first (judgements; then pairs of two dated records, then pairs
through a record without a date of birth, each by falling probability), so when a "not the
same" forbids a join, the weaker link is the one that gives way. A cluster's canonical
id is its smallest entity id: stable while the cluster keeps that record, and never written into
the statements themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import pyarrow as pa

# Probability at which the model alone merges, and the bottom of the review band.
MERGE = 0.9
REVIEW = 0.3


class Verdict(StrEnum):
    """An analyst's judgement of a pair."""

    SAME = "same"
    NOT_SAME = "not-same"
    UNSURE = "unsure"


class ScoredPair(NamedTuple):
    """Two records and the model's probability that they are the same person (a tuple: a
    run makes a million of them)."""

    left: str
    right: str
    probability: float


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The pair's ids in a fixed order, so that (a, b) and (b, a) are one pair."""
    return (a, b) if a <= b else (b, a)


def births_agree(a: str, b: str) -> bool:
    """Whether two ISO dates of birth could be the same person's: equal, day and month
    swapped, the same day and month a year apart, or one typing slip apart in their digits."""
    if a == b:
        return True
    if a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]:
        return True
    if a[4:] == b[4:] and a[:4].isdigit() and b[:4].isdigit() and abs(int(a[:4]) - int(b[:4])) == 1:
        return True
    # A slip is in the digits as written: 1942-07-04 read 19402704 is two neighbours swapped.
    a, b = a.replace("-", ""), b.replace("-", "")
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 1 or (
        len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
    )


class _Partition:
    """Union-find whose sets remember which other sets they must never join, and the dates of
    birth of their members."""

    def __init__(self, births: Mapping[str, str]) -> None:
        self.parent: dict[str, str] = {}
        self.apart: dict[str, set[str]] = {}
        self.births: dict[str, set[str]] = {e: {b} for e, b in births.items()}

    def compatible(self, a: str, b: str) -> bool:
        """Whether the clusters of ``a`` and ``b`` have a date of birth in common (or either
        has none)."""
        left = self.births.get(self.find(a))
        right = self.births.get(self.find(b))
        if not left or not right:
            return True
        return any(births_agree(x, y) for x in left for y in right)

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        if parent == item:
            return item
        root = self.find(parent)
        self.parent[item] = root
        return root

    def forbid(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        self.apart.setdefault(ra, set()).add(rb)
        self.apart.setdefault(rb, set()).add(ra)

    def join(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        far_a = {self.find(x) for x in self.apart.get(ra, ())}
        if rb in far_a:
            return False
        if len(self.apart.get(ra, ())) < len(self.apart.get(rb, ())):
            ra, rb = rb, ra
        self.parent[rb] = ra
        merged = self.apart.pop(ra, set()) | self.apart.pop(rb, set())
        if merged:
            self.apart[ra] = merged
        births = self.births.pop(ra, set()) | self.births.pop(rb, set())
        if births:
            self.births[ra] = births
        return True


def _seed(part: _Partition, members: Iterable[str], links: list[ScoredPair]) -> None:
    """Join every pair of ``links`` at once (connected components): what the loop of joins
    would give when nothing forbids any of them, without a Python call per pair."""
    import igraph

    order = sorted(members)
    index = {e: i for i, e in enumerate(order)}
    graph = igraph.Graph(n=len(order), directed=False)
    graph.add_edges([(index[p.left], index[p.right]) for p in links])
    roots: dict[int, str] = {}
    for entity, component in zip(order, graph.connected_components().membership, strict=True):
        root = roots.setdefault(component, entity)
        if root != entity:
            part.parent[entity] = root
            births = part.births.pop(entity, None)
            if births:
                part.births.setdefault(root, set()).update(births)


def clusters(
    entities: Iterable[str],
    pairs: Iterable[ScoredPair],
    judgements: Mapping[tuple[str, str], Verdict],
    merge: float = MERGE,
    births: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Each entity id mapped to its cluster's canonical id (see the module's docstring).

    ``judgements`` holds the current verdict of each judged pair (keys from :func:`pair_key`);
    ``births`` the ISO date of birth of the records that have one; pairs naming entities
    outside ``entities`` are ignored.
    """
    members = set(entities)
    dated = births or {}
    part = _Partition(dated)
    strong = [
        p
        for p in pairs
        if p.probability >= merge
        and p.left in members
        and p.right in members
        and (not judgements or pair_key(p.left, p.right) not in judgements)
    ]
    # Pairs of two dated records first (the model weighed their dates itself), then pairs
    # through a record without one, each strongest first.
    both = [p for p in strong if p.left in dated and p.right in dated]
    through = [p for p in strong if not (p.left in dated and p.right in dated)]
    by_strength = lambda p: (-p.probability, p.left, p.right)  # noqa: E731
    through.sort(key=by_strength)
    apart = any(
        v is Verdict.NOT_SAME and a in members and b in members for (a, b), v in judgements.items()
    )
    if not apart:
        # Nothing forbids a join: the joins of dated pairs do not depend on their order.
        _seed(part, members, both)
        both = []
    for (a, b), verdict in judgements.items():
        if verdict is Verdict.NOT_SAME and a in members and b in members:
            part.forbid(a, b)
    for (a, b), verdict in sorted(judgements.items()):
        if verdict is Verdict.SAME and a in members and b in members:
            part.join(a, b)
    for pair in sorted(both, key=by_strength):
        part.join(pair.left, pair.right)
    for pair in through:
        # A record without a date of birth must not bridge clusters whose dates disagree.
        if part.compatible(pair.left, pair.right):
            part.join(pair.left, pair.right)
    canonical: dict[str, str] = {}
    for entity in sorted(members):
        root = part.find(entity)
        canonical.setdefault(root, entity)
    return {entity: canonical[part.find(entity)] for entity in members}


def in_review(
    pair: ScoredPair,
    judgements: Mapping[tuple[str, str], Verdict],
    canonical: Mapping[str, str],
    merge: float = MERGE,
    review: float = REVIEW,
) -> bool:
    """Whether a pair waits for an analyst: uncertain, never judged, and not already in one
    cluster through stronger links."""
    if not review <= pair.probability < merge:
        return False
    if pair_key(pair.left, pair.right) in judgements:
        return False
    return canonical.get(pair.left, pair.left) != canonical.get(pair.right, pair.right)


def clusters_of_table(
    records: pa.Table,
    pairs: pa.Table,
    judgements: Mapping[tuple[str, str], Verdict],
    merge: float = MERGE,
) -> dict[str, str]:
    """:func:`clusters` for a whole population given as Arrow columns: ``records`` with
    ``unique_id`` and ``dob``, ``pairs`` with ``unique_id_l``, ``unique_id_r`` and
    ``match_probability``. The same clusters, computed on arrays: the pairs of two dated
    records as connected components (no Python per pair), then the few pairs through a
    record without a date of birth one by one, strongest first, as :func:`clusters` does.
    With judgements (which may forbid joins) it hands over to :func:`clusters`."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    ids = records["unique_id"].combine_chunks()
    strong = pairs.filter(pc.greater_equal(pairs["match_probability"], merge))
    if judgements:
        births = {
            i: d for i, d in zip(ids.to_pylist(), records["dob"].to_pylist(), strict=True) if d
        }
        found = zip(
            strong["unique_id_l"].to_pylist(),
            strong["unique_id_r"].to_pylist(),
            strong["match_probability"].to_pylist(),
            strict=True,
        )
        return clusters(ids.to_pylist(), [ScoredPair(*p) for p in found], judgements, merge, births)
    count = len(ids)
    left = pc.index_in(strong["unique_id_l"], value_set=ids)
    right = pc.index_in(strong["unique_id_r"], value_set=ids)
    inside = pc.and_(left.is_valid(), right.is_valid())
    strong, left, right = strong.filter(inside), left.filter(inside), right.filter(inside)
    dated = np.asarray(records["dob"].is_valid())
    lefts = np.asarray(left, dtype=np.int64)
    rights = np.asarray(right, dtype=np.int64)
    both = dated[lefts] & dated[rights]
    edges = coo_matrix(
        (np.ones(int(both.sum()), np.int8), (lefts[both], rights[both])), shape=(count, count)
    )
    _count, labels = connected_components(edges, directed=False)
    through = np.flatnonzero(~both)
    if len(through):
        # Few pairs: the union-find of ``clusters`` over components, the members' dates of
        # birth gathered only for the components these pairs touch.
        rows = pa.array(through)
        keys = zip(
            (-p for p in strong["match_probability"].take(rows).to_pylist()),
            strong["unique_id_l"].take(rows).to_pylist(),
            strong["unique_id_r"].take(rows).to_pylist(),
            through.tolist(),
            strict=True,
        )
        order = [k for *_strength, k in sorted(keys)]
        touched = np.unique(np.concatenate([labels[lefts[through]], labels[rights[through]]]))
        members = np.flatnonzero(np.isin(labels, touched) & dated)
        part = _Partition({})
        dobs = records["dob"].take(pa.array(members)).to_pylist()
        for member, dob in zip(members.tolist(), dobs, strict=True):
            part.births.setdefault(str(labels[member]), set()).add(dob)
        for k in order:
            a, b = str(labels[lefts[k]]), str(labels[rights[k]])
            if part.compatible(a, b):
                part.join(a, b)
        joined = np.arange(count)
        joined[touched] = [int(part.find(str(t))) for t in touched.tolist()]
        labels = joined[labels]
    # The canonical id of a cluster is its smallest entity id.
    sorted_rows = pc.sort_indices(ids)
    rank = np.empty(count, dtype=np.int64)
    rank[np.asarray(sorted_rows)] = np.arange(count)
    smallest = np.full(count, count, dtype=np.int64)
    np.minimum.at(smallest, labels, rank)
    by_rank = ids.take(sorted_rows)
    canonical = by_rank.take(pa.array(smallest[labels])).to_pylist()
    return dict(zip(ids.to_pylist(), canonical, strict=True))
