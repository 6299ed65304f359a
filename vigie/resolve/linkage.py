"""Running the linkage model on an engine: training without labels, pairwise prediction, and
linking new records against those already resolved.

DuckDB is the default engine, in process; Spark (``VIGIE_ENGINE=spark``) runs the same Splink
model as Spark SQL on a local session. Both load lazily: ``import vigie`` needs neither.

Training is unsupervised: the prior (how often two random records are the same person) is
estimated from rules that rarely join two different people; the *u* probabilities (how often
unrelated records agree by chance) from a random sample of pairs; the *m* probabilities (how
often the same person's records agree) by expectation maximisation over blocked pairs; all of
it on a random sample of records when the population is large. Pairs that analysts judged the
same then inform *m* (``with_judgements``).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.resolve.features import COLUMNS

if TYPE_CHECKING:
    import pyarrow as pa
    from splink import Linker
    from splink.internals.database_api import DatabaseAPISubClass

ENGINES = ("duckdb", "spark")
# Pairs below this probability are not kept: they are neither merged nor worth a review.
KEEP = 0.2
# Recall assumed for the deterministic rules that estimate the prior (document number with
# date of birth, or the same name with the same date): renewed passports and spelling variants
# escape them, so about half the true pairs.
_DETERMINISTIC_RECALL = 0.5
_U_PAIRS = 5e5
_U_SEED = 1
_EM_PAIRS = 2e6
# Judged "same" pairs needed before judgements inform the model, and how many judged pairs
# EM's estimate counts for beside them (``with_judgements``).
MIN_JUDGED = 20
EM_PRIOR_PAIRS = 100
# The most records the model is trained on (a random sample of them beyond).
TRAIN_RECORDS = 100_000
# The fields of a prediction kept with a pair: ids, weight, probability, and each comparison's
# level (gamma) from which its match weight and explanation are read back from the model.
OUTPUT = ("unique_id_l", "unique_id_r", "match_weight", "match_probability")
# The name's term-frequency adjustment: rare names weigh more than common ones.
ADJUSTMENT = "mw_tf_adj_name"
TF_COLUMNS = ("name_key", "skel_key")
# An address word held by at most this many records is rare enough to block on, with a name
# sound or a date of birth (``rare_words``).
RARE_WORDS = 20


@dataclass(frozen=True)
class Prediction:
    """Scored pairs, as an Arrow table with ``OUTPUT``, one ``gamma_<comparison>`` column per
    comparison, and the name's frequency ``adjustment``."""

    pairs: pa.Table


def check_engine(engine: str) -> str:
    """``engine`` if Vigie can run it, else a clear error."""
    if engine not in ENGINES:
        raise InvalidInput(
            _("unknown engine {engine!r}; expected one of: {known}").format(
                engine=engine, known=", ".join(ENGINES)
            )
        )
    return engine


def database(engine: str) -> DatabaseAPISubClass:
    """A fresh Splink database API on ``engine``."""
    check_engine(engine)
    # Splink warns about parameters it could not train on small data; the explanation shows
    # every weight, so the warnings only clutter a command's output.
    logging.getLogger("splink").setLevel(logging.ERROR)
    if engine == "spark":
        from splink.internals.spark.database_api import SparkAPI

        # Persisting breaks Spark's lineage in memory: no checkpoint directory to set up.
        return SparkAPI(  # type: ignore[no-untyped-call]
            spark_session=spark_session(), break_lineage_method="persist"
        )
    import duckdb
    from splink.internals.duckdb.database_api import DuckDBAPI

    connection = duckdb.connect()
    return DuckDBAPI(connection)


def spark_session() -> Any:
    """The local Spark session (created on first use, then shared), with Splink's similarity
    functions loaded from the JAR its wheel ships: nothing is downloaded."""
    try:
        from pyspark.sql import SparkSession
        from splink.internals.spark.jar_location import similarity_jar_location
    except ImportError:
        raise InvalidInput(
            _("the spark engine needs pyspark: pip install 'vigie[spark]'")
        ) from None
    return (
        SparkSession.builder.master(os.environ.get("VIGIE_SPARK_MASTER", "local[2]"))
        .appName("vigie-resolve")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", os.environ.get("VIGIE_SPARK_PARTITIONS", "8"))
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )


def arrow_table(columns: dict[str, list[Any]]) -> pa.Table:
    """The feature columns as an Arrow table with the types the model expects."""
    import pyarrow as pa

    text = pa.string()
    texts = pa.list_(pa.string())
    schema = pa.schema(
        [
            (
                name,
                texts if name in {"words", "skels", "docs", "phones", "emails", "places"} else text,
            )
            for name in COLUMNS
        ]
    )
    return pa.table(columns, schema=schema)


def _linker(
    db: DatabaseAPISubClass, tables: Sequence[pa.Table], model: dict[str, Any] | None
) -> Linker:
    from splink import Linker

    from vigie.resolve import comparisons

    # Splink carries every column its blocking rules name, training included.
    frames = [db.register(ensure_rare_places(t)) for t in tables]
    settings: Any = model if model is not None else comparisons.settings()
    return Linker(frames if len(frames) > 1 else frames[0], settings, log_level=None)


def training_sample(table: pa.Table, size: int = TRAIN_RECORDS) -> pa.Table:
    """At most ``size`` records of ``table``, drawn at random (seeded): what the model is
    trained on.

    Drawing records at random keeps the share of pairs that are the same person (both records
    of a pair are kept or not alike), and the *m* and *u* probabilities are shares of pairs too:
    a hundred thousand records give about the same parameters as a million, for a fraction of
    the training time. The pairs are then scored over the whole population.
    """
    import numpy as np

    if table.num_rows <= size:
        return table
    rows = np.sort(np.random.default_rng(_U_SEED).choice(table.num_rows, size, replace=False))
    return table.take(rows)


def train(db: DatabaseAPISubClass, table: pa.Table) -> dict[str, Any]:
    """The model trained on ``table`` (a sample of it when large: ``training_sample``) without
    labels: Splink's settings dictionary, to save with the data."""
    from splink import block_on

    from vigie.resolve import comparisons

    sample = training_sample(table)
    linker = _linker(db, [sample], None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("doc", "dob"), block_on("name_key", "dob")], recall=_DETERMINISTIC_RECALL
    )
    # One chunk: Splink's early-stopping probe costs more than the sample itself at this size.
    linker.training.estimate_u_using_random_sampling(
        max_pairs=_U_PAIRS, seed=_U_SEED, num_chunks=1, min_count_per_level=None
    )
    # How many pairs EM learnt each comparison from: the rules' pairs where it was free.
    rules = comparisons.training_rules()
    for columns, _fixed in rules:
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on(*columns), estimate_without_term_frequencies=True, max_pairs=_EM_PAIRS
        )
    model = linker.misc.save_model_to_json()
    pairs = [(min(_pairs_sharing(sample, columns), _EM_PAIRS), fixed) for columns, fixed in rules]
    learnt = {
        name: sum(count for count, fixed in pairs if name not in fixed)
        for name in comparison_names(model)
    }
    return neutral_untrained(model, m_pairs=learnt)


def _pairs_sharing(table: pa.Table, columns: Sequence[str]) -> float:
    """How many pairs of records of ``table`` have the same values in ``columns``."""
    import pyarrow.compute as pc

    wanted = list(columns)
    groups = table.select(wanted).drop_null().group_by(wanted).aggregate([([], "count_all")])
    counts = groups["count_all"]
    return float(pc.sum(pc.multiply(counts, pc.subtract(counts, 1))).as_py() or 0) / 2


def with_judgements(
    db: DatabaseAPISubClass,
    table: pa.Table,
    model: dict[str, Any],
    same: Sequence[tuple[str, str]],
) -> dict[str, Any]:
    """The model with its *m* probabilities informed by the pairs of ``table`` that analysts
    judged the same person, when there are at least ``MIN_JUDGED`` of them (else ``model``).

    *m* is the share of the same person's pairs that show each level: exactly what judged pairs
    measure. EM's estimate is kept as a prior worth ``EM_PRIOR_PAIRS`` pairs, and each level's
    *m* becomes ``(judged pairs at the level + EM_PRIOR_PAIRS * m_EM) / (judged pairs +
    EM_PRIOR_PAIRS)``: a few judgements nudge the model, many decide it, and a level no judged
    pair showed keeps part of EM's estimate instead of falling to zero. (Judged pairs are
    not a random sample of the same person's pairs: analysts see the uncertain ones. That is
    why they inform rather than replace EM.) *u* and the prior stay as trained.
    """
    import pyarrow as pa

    ids = set(table["unique_id"].to_pylist())
    pairs = [(a, b) for a, b in same if a in ids and b in ids and a != b]
    if len(pairs) < MIN_JUDGED:
        return model
    blank = json.loads(json.dumps(model))
    for comparison in blank["comparisons"]:
        for level in comparison["comparison_levels"]:
            level.pop("m_probability", None)
    linker = _linker(db, [table], blank)
    labels = db.register(
        pa.table(
            {
                "unique_id_l": pa.array([a for a, _b in pairs], pa.string()),
                "unique_id_r": pa.array([b for _a, b in pairs], pa.string()),
            }
        )
    )
    linker.training.estimate_m_from_pairwise_labels(labels)  # type: ignore[no-untyped-call]
    judged = linker.misc.save_model_to_json()
    informed = json.loads(json.dumps(model))
    count = len(pairs)
    for comparison, measured in zip(informed["comparisons"], judged["comparisons"], strict=True):
        levels = [
            (level, seen)
            for level, seen in zip(
                comparison["comparison_levels"], measured["comparison_levels"], strict=True
            )
            if not level.get("is_null_level")
        ]
        for level, seen in levels:
            prior = float(level.get("m_probability") or 0.0)
            shown = float(seen.get("m_probability") or 0.0) * count
            level["m_probability"] = (shown + EM_PRIOR_PAIRS * prior) / (count + EM_PRIOR_PAIRS)
        total = sum(level["m_probability"] for level, _seen in levels)
        if total > 0:
            for level, _seen in levels:
                level["m_probability"] /= total
    return neutral_untrained(informed)


def neutral_untrained(
    model: dict[str, Any], u_pairs: float = _U_PAIRS, m_pairs: Mapping[str, float] | None = None
) -> dict[str, Any]:
    """The model with every level the data could not train made neutral (m = u, weight 0),
    every level that random pairs never showed given the *u* of one pair in ``u_pairs``, and
    every level that EM learnt from ``m_pairs[comparison]`` pairs without finding the same
    person at it (or finding less than one pair's worth) given the *m* of one pair in that
    many.

    Splink would otherwise score an untrained level with a default *m* that says nothing
    about this data, and a rare level (addresses sharing a few words) could then join
    strangers: a level whose *m* was never estimated says nothing, so its weight is nothing.
    A level EM saw among the same person's records but none of ``u_pairs`` random pairs is
    rare by chance: at most about once in that many pairs, which is the *u* it is given. The
    other way round, a level random pairs show but none of the same person's pairs EM learnt
    from (dates of birth that differ, where no source ever got one wrong) is rare among the
    same person's pairs, not neutral: made neutral, it would let two namesakes born years
    apart be joined on their names alone. Nor is it impossible: EM can drive such an *m*
    towards zero (1e-26, a weight of -84 that no other evidence could outweigh), below
    anything that many pairs can measure.
    """
    learnt = m_pairs or {}
    for comparison in model["comparisons"]:
        pairs = learnt.get(str(comparison["output_column_name"]), 0.0)
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            m, u = level.get("m_probability"), level.get("u_probability")
            if m and not u:
                level["u_probability"] = 1 / u_pairs
            elif u and pairs >= 1 and (m or 0.0) < 1 / pairs:
                level["m_probability"] = 1 / pairs
            elif not m or not u:
                level["m_probability"] = level["u_probability"] = u or m or 0.5
    return model


def _keep(frame: Any, names: Sequence[str]) -> pa.Table:
    import pyarrow as pa

    table = frame.as_pyarrow_table()
    frame.drop_table_from_database_and_remove_from_cache()
    kept = table.select([*OUTPUT, *(f"gamma_{n}" for n in names)])
    adjustment = (
        table[ADJUSTMENT].fill_null(0.0)
        if ADJUSTMENT in table.column_names
        else pa.array([0.0] * table.num_rows, pa.float64())
    )
    return kept.append_column("adjustment", adjustment)


def comparison_names(model: dict[str, Any]) -> list[str]:
    """The model's comparisons in order."""
    return [str(c["output_column_name"]) for c in model["comparisons"]]


def predict(
    db: DatabaseAPISubClass, table: pa.Table, model: dict[str, Any], keep: float = KEEP
) -> Prediction:
    """Every blocked pair of ``table`` scored with ``model``; those at or above probability
    ``keep`` are returned. On DuckDB, in one SQL pass (``scoring``); on Spark, by Splink."""
    if db.sql_dialect.sql_dialect_str == "duckdb":
        from vigie.resolve import scoring

        return Prediction(scoring.predict(table, model, keep, ADJUSTMENT))
    frame = _linker(db, [table], model).inference.predict(threshold_match_probability=keep)
    return Prediction(_keep(frame, comparison_names(model)))


def rare_words(places: Any, counted: Any = None) -> pa.Array:
    """The address words of ``places`` (a list column) that at most ``RARE_WORDS`` records of
    ``counted`` (default: ``places`` itself) hold.

    Two renderings of one address (a typing slip, two words run together, a line left out)
    seldom share the whole address but still share most of its rare words: a street or house
    name, a postcode. A word that many records hold (a city, a country, *street*) would pair
    strangers by the thousand; a rare one makes at most ``RARE_WORDS`` squared pairs, and the
    blocking rules ask for a name sound or the date of birth besides.
    """
    import pyarrow.compute as pc

    words = pc.list_flatten(places)
    pool = words
    if counted is not None:
        pool = pc.list_flatten(counted)
        pool = pool.filter(pc.is_in(pool, value_set=pc.unique(words)))
    counts = pc.value_counts(pool)
    rare: pa.Array = counts.field("values").filter(
        pc.less_equal(counts.field("counts"), RARE_WORDS)
    )
    return rare


def ensure_rare_places(table: pa.Table) -> pa.Table:
    """``table`` with ``rare_places`` (counted over ``table`` itself) unless it has them."""
    if "rare_places" in table.column_names:
        return table
    return with_rare_places(table, rare_words(table["places"]))


def with_rare_places(table: pa.Table, rare: pa.Array) -> pa.Table:
    """``table`` with the blocking column ``rare_places``: each record's address words that
    are in ``rare`` (``rare_words``), null when none."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    places = table["places"].combine_chunks()
    words = pc.list_flatten(places)
    kept = pc.is_in(words, value_set=rare)
    owners = np.asarray(pc.list_parent_indices(places).filter(kept))
    offsets = np.searchsorted(owners, np.arange(table.num_rows + 1)).astype(np.int32)
    empty = offsets[1:] == offsets[:-1]
    column = pa.ListArray.from_arrays(pa.array(offsets), words.filter(kept), mask=pa.array(empty))
    if "rare_places" in table.column_names:
        table = table.drop_columns(["rare_places"])
    return table.append_column("rare_places", column)


# Which existing records could meet a new one at all: the columns of an existing record and
# of a new one whose values, taken together, make the keys of ``comparisons.blocking_rules``.
_REACH: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("doc",), ("doc",)),
    (("doc_letters",), ("doc_letters",)),
    (("dob_key", "skels"), ("dob_key", "skels")),
    (("skel_key", "day_month"), ("skel_key", "day_month")),
    (("name_place",), ("sparse_key",)),
    (("sparse_key",), ("name_place",)),
    (("born_year", "skels"), ("sparse_year", "skels")),
    (("sparse_year", "skels"), ("born_year", "skels")),
    (("address_key",), ("address_key",)),
    (("phones",), ("phones",)),
    (("emails",), ("emails",)),
    (("rare_places", "skels"), ("rare_places", "skels")),
    (("rare_places", "dob_key"), ("rare_places", "dob_key")),
)


def _keys(table: pa.Table, columns: Sequence[str]) -> tuple[Any, Any]:
    """The row and the key of every key ``columns`` make in ``table`` (a list column gives a
    key per value, two list columns a key per pair of values; a null anywhere gives none)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    rows: Any = pa.array(np.arange(table.num_rows))
    parts: list[Any] = []
    for column in columns:
        values = pc.take(table[column], rows).combine_chunks()
        if pa.types.is_list(values.type):
            owners = pc.list_parent_indices(values)
            rows = pc.take(rows, owners)
            parts = [pc.take(p, owners) for p in parts]
            values = pc.list_flatten(values)
        parts.append(values)
    key = parts[0] if len(parts) == 1 else pc.binary_join_element_wise(*parts, "\x1f")
    return rows, key


def _rare_places_of_both(existing: pa.Table, new: pa.Table) -> tuple[pa.Table, pa.Table]:
    """Both tables with ``rare_places``, the words counted over every record as a full run
    counts them; only the new records' words matter, since pairs of two existing records are
    not scored again."""
    import pyarrow as pa

    everywhere = pa.chunked_array(
        [*existing["places"].chunks, *new["places"].chunks], existing.schema.field("places").type
    )
    rare = rare_words(new["places"], everywhere)
    return with_rare_places(existing, rare), with_rare_places(new, rare)


def reachable(existing: pa.Table, new: pa.Table) -> pa.Table:
    """The existing records that share a blocking key with a new record: the only ones
    ``link_new`` can pair with them, found by a scan rather than by Splink's joins."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if "rare_places" not in new.column_names:
        existing, new = _rare_places_of_both(existing, new)
    keep = np.zeros(existing.num_rows, dtype=bool)
    for old_columns, new_columns in _REACH:
        _rows, wanted = _keys(new, new_columns)
        rows, keys = _keys(existing, old_columns)
        hits = pc.is_in(keys, value_set=pc.unique(wanted.drop_null())).fill_null(False)
        keep[np.asarray(rows.filter(hits))] = True
    return existing.filter(pa.array(keep))


def link_new(
    db: DatabaseAPISubClass,
    model: dict[str, Any],
    existing: pa.Table,
    new: pa.Table,
    keep: float = KEEP,
) -> Prediction:
    """Pairs between new records and existing ones, and among the new records, scored with a
    trained ``model``: the existing records are not compared with each other again, and only
    those sharing a blocking key with a new record are read past the name frequencies (counted
    over every record). On DuckDB, in one SQL pass (``scoring``); on Spark, by Splink's
    ``predict_between`` and ``predict_within``."""
    import pyarrow as pa

    existing, new = _rare_places_of_both(existing, new)
    if db.sql_dialect.sql_dialect_str == "duckdb":
        from vigie.resolve import scoring

        old = reachable(existing, new)
        counted = pa.concat_tables([existing.select(TF_COLUMNS), new.select(TF_COLUMNS)])
        both = pa.concat_tables([old, new.select(old.column_names)])
        return Prediction(
            scoring.predict(both, model, keep, ADJUSTMENT, new_from=old.num_rows, counted=counted)
        )
    linker = _linker(db, [existing], model)
    # How common each name is, counted over all the records already resolved.
    for column in TF_COLUMNS:
        linker.table_management.compute_tf_table(column)
    old = db.register(reachable(existing, new))
    fresh = db.register(new)
    names = comparison_names(model)
    between = linker.inference.predict_between(
        fresh, old, threshold_match_probability=keep, warning_mode="never"
    )
    within = linker.inference.predict_within(
        fresh, threshold_match_probability=keep, warning_mode="never"
    )
    return Prediction(pa.concat_tables([_keep(between, names), _keep(within, names)]))


def score(
    db: DatabaseAPISubClass, model: dict[str, Any], left: dict[str, Any], right: dict[str, Any]
) -> dict[str, Any]:
    """One pair scored with a trained ``model``, whether or not blocking would compare it: the
    record of Splink's prediction (ids, weight, probability, ``gamma_`` and ``bf_`` columns)."""
    table = arrow_table({c: [left[c], right[c]] for c in COLUMNS})
    # The two records as a population whose every pair is compared: one pair. (Splink's
    # ``score_pair`` infers column types from the values, which Spark cannot do from nulls.)
    every_pair = {**model, "blocking_rules_to_generate_predictions": [{"blocking_rule": "1=1"}]}
    linker = _linker(db, [table], every_pair)
    frame = linker.inference.predict()
    records = frame.as_record_list()
    frame.drop_table_from_database_and_remove_from_cache()
    return dict(records[0])
