"""Scoring a whole population on DuckDB in one pass: Vigie's own blocking on integer row ids,
then Splink's comparison levels, match weights and name-frequency adjustments as one SQL query.

Splink's ``predict`` builds the same levels and weights, but around them it joins on text ids,
excludes each blocking rule's pairs from the next one by re-evaluating every earlier rule, and
carries every compared column to the end: at a million records that took five times as long
as the comparisons themselves. Here the pairs are made once, as distinct pairs of row numbers,
and only the ids, weights and levels come out. The SQL of each comparison (its ``CASE`` of
levels) and of the weights is Splink's own, generated from the trained model, so the levels and
weights are those Splink would give (``tests/resolve/test_scoring.py`` checks it). Spark keeps
Splink's ``predict``.

The pairs are those of ``comparisons.blocking_rules``, with two bounds. Two document numbers
with the same characters in another order are compared only when at most ``ANAGRAMS``
distinct numbers have those characters. A record without a date of birth meets its namesakes
(same name sounds, nationality and sex) only when they are at most ``NAMESAKES`` records.
Beyond that the name is so common that it weighs nothing (its frequency adjustment cancels
the agreement), so such a pair could not be merged on the name alone, and comparing it is
mostly wasted: at a million records these crowded blocks made 5 of the 11 million pairs. A
record known only to its year of birth meets the records of that year sharing a name sound
under the same bound. A rare address word is bounded by its definition (``linkage.RARE_WORDS``
records at most hold it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vigie.resolve.features import COLUMNS

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

# The most distinct document numbers that may share their characters (in any order) for the
# records holding them to be compared: beyond, the characters are a coincidence of numbering
# (at a million records, 4.4 million pairs of strangers), not two characters swapped.
ANAGRAMS = 2
# The most records of one name sound, nationality and sex a record without a date of birth is
# compared with, and of one year of birth and name sound a record known only to its year of
# birth is (see the module's docstring).
NAMESAKES = 50

# Blocking rules on columns: pairs sharing every column's value. Keep in step with
# ``comparisons.blocking_rules`` (the tests compare the two).
_EQUAL: tuple[tuple[str, ...], ...] = (
    ("doc",),
    ("skel_key", "day_month"),
    ("address_key",),
)
# Rules on one value of each list column among their columns (and the plain columns' values).
_EXPLODED: tuple[tuple[str, ...], ...] = (
    ("skels", "dob_key"),
    ("phones",),
    ("emails",),
    ("rare_places", "skels"),
    ("rare_places", "dob_key"),
)
_LISTS = frozenset({"skels", "phones", "emails", "rare_places"})


def _exploded(columns: tuple[str, ...]) -> str:
    """The query of each record's keys for ``columns``: ``rid``, ``new`` and one column
    ``k0``, ``k1``, … per column, a row per value of each list column (per pair of values
    for two)."""
    keys = [f"k{i}" for i in range(len(columns))]
    chosen = ", ".join(f"{c} as {k}" for c, k in zip(columns, keys, strict=True))
    present = " and ".join(f"{c} is not null" for c in columns)
    sql = f"select rid, new, {chosen} from f where {present}"
    for column, key in zip(columns, keys, strict=True):
        if column in _LISTS:
            sql = f"select * exclude ({key}), unnest({key}) as {key} from ({sql})"
    return sql


def _blocked_pairs(con: duckdb.DuckDBPyConnection, new_only: bool = False) -> None:
    """Table ``blocked(l, r)``: each distinct pair of row ids (``l < r``) some rule makes;
    with ``new_only``, only the pairs with a new record (column ``new``) in them."""
    fresh = " and (l.new or r.new)" if new_only else ""
    parts: list[str] = []
    for columns in _EQUAL:
        on = " and ".join(f"l.{c} = r.{c}" for c in columns)
        parts.append(
            f"select l.rid as l, r.rid as r from f l join f r on {on} and l.rid < r.rid{fresh}"
        )
    for number, columns in enumerate(_EXPLODED):
        table = f"exploded_{number}"
        con.execute(f"create or replace temp table {table} as {_exploded(columns)}")
        on = " and ".join(f"l.k{i} = r.k{i}" for i in range(len(columns)))
        parts.append(
            f"select l.rid, r.rid from {table} l join {table} r on {on} and l.rid < r.rid{fresh}"
        )
    con.execute(
        "create or replace temp table lettered as select doc_letters from f "
        "where doc_letters is not null group by doc_letters "
        f"having count(distinct doc) <= {ANAGRAMS}"
    )
    parts.append(
        "select l.rid, r.rid from f l join f r on l.doc_letters = r.doc_letters and l.rid < r.rid "
        f"{fresh} where l.doc_letters in (select doc_letters from lettered)"
    )
    con.execute(
        "create or replace temp table crowded as select name_place from f "
        f"where name_place is not null group by name_place having count(*) > {NAMESAKES}"
    )
    parts.append(
        "select least(l.rid, r.rid), greatest(l.rid, r.rid) from f l join f r "
        f"on l.sparse_key = r.name_place and l.rid <> r.rid{fresh} "
        "where l.sparse_key not in (select name_place from crowded)"
    )
    # A record known only to its year of birth meets the records of that year sharing one of
    # its name sounds, when that year and sound hold at most ``NAMESAKES`` records.
    con.execute(
        "create or replace temp table sparse_years as select distinct sparse_year as y, "
        "unnest(skels) as k from f where sparse_year is not null and skels is not null"
    )
    con.execute(
        "create or replace temp table yearly as select * from ("
        "select x.*, count(*) over (partition by y, k) as n from ("
        "select rid, new, sparse_year, born_year as y, unnest(skels) as k from f "
        "where born_year is not null and skels is not null) x "
        f"semi join sparse_years using (y, k)) where n <= {NAMESAKES}"
    )
    parts.append(
        "select least(l.rid, r.rid), greatest(l.rid, r.rid) from yearly l join yearly r "
        f"on l.sparse_year = r.y and l.k = r.k and l.rid <> r.rid{fresh}"
    )
    con.execute(
        "create or replace temp table blocked as select distinct l, r from ("
        + " union all ".join(parts)
        + ")"
    )


def _term_frequencies(
    con: duckdb.DuckDBPyConnection, columns: tuple[str, ...], counted: str = "f"
) -> None:
    """Table ``tf_<column>``: each value's share of the records of table ``counted`` that have
    one (Splink's definition)."""
    for column in columns:
        con.execute(
            f"create or replace temp table tf_{column} as select {column}, "
            f"count(*) / sum(count(*)) over () as tf_{column} "
            f"from {counted} where {column} is not null group by {column}"
        )


def _comparison_vectors_sql(settings: Any, tf_columns: tuple[str, ...]) -> str:
    """Every blocked pair with each record's columns (``x_l``, ``x_r``), their frequencies and
    each comparison's level (``gamma_<name>``), as Splink's predict names them."""
    # Splink's SQL names every column of the model and of its blocking rules.
    named = [*COLUMNS[1:], "rare_places"]
    sides = ", ".join(f"l.{c} as {c}_l, r.{c} as {c}_r" for c in named)
    frequencies = "".join(f", {s}{c}.tf_{c} as tf_{c}_{s}" for c in tf_columns for s in ("l", "r"))
    joins = "".join(
        f" left join tf_{c} {s}{c} on {s}{c}.{c} = {s}.{c}" for c in tf_columns for s in ("l", "r")
    )
    levels = ", ".join(c._case_statement for c in settings.comparisons)
    return (
        f"select *, {levels} from (select 0 as match_key, l.unique_id as unique_id_l, "
        f"r.unique_id as unique_id_r, {sides}{frequencies} "
        f"from blocked b join f l on l.rid = b.l join f r on r.rid = b.r{joins})"
    )


def predict(
    table: pa.Table,
    model: dict[str, Any],
    keep: float,
    adjustment: str,
    new_from: int | None = None,
    counted: pa.Table | None = None,
) -> pa.Table:
    """The pairs of ``table`` that blocking makes, scored with the trained ``model``: those at
    or above probability ``keep``, with ids, weight, probability, each comparison's level and
    the name's frequency adjustment (Splink's column ``adjustment``, null read as 0).

    With ``new_from``, the records from that row on are new and only the pairs with a new
    record in them are scored; ``counted`` (the name columns of every record, when ``table``
    holds only some of them) is what name frequencies are counted over. The blocking column
    ``rare_places`` is made from ``table`` when it has none (``linkage.rare_words``).
    """
    import duckdb
    from splink.internals.predict import predict_from_comparison_vectors_sqls_using_settings
    from splink.internals.settings_creator import SettingsCreator

    from vigie.resolve.linkage import OUTPUT, TF_COLUMNS, ensure_rare_places

    table = ensure_rare_places(table)
    settings = SettingsCreator.from_path_or_dict(model).get_settings("duckdb")
    con = duckdb.connect()
    try:
        con.register("records", table)
        first_new = table.num_rows if new_from is None else new_from
        con.execute(
            "create temp table f as select (row_number() over ())::integer as rid, "
            f"rid > {first_new} as new, * from records"
        )
        con.unregister("records")
        if counted is not None:
            con.register("counted", counted)
        _term_frequencies(con, TF_COLUMNS, "f" if counted is None else "counted")
        _blocked_pairs(con, new_only=new_from is not None)
        con.execute(
            "create temp view __splink__df_comparison_vectors as "
            + _comparison_vectors_sql(settings, TF_COLUMNS)
        )
        parts, scored = predict_from_comparison_vectors_sqls_using_settings(settings, keep, None)
        con.execute(f"create temp view __splink__df_match_weight_parts as {parts['sql']}")
        gammas = ", ".join(f"gamma_{c.output_column_name}" for c in settings.comparisons)
        has_adjustment = f"{adjustment}" in scored["sql"]
        value = f"coalesce({adjustment}, 0.0)" if has_adjustment else "0.0"
        return con.sql(
            f"select {', '.join(OUTPUT)}, {gammas}, {value}::double as adjustment "
            f"from ({scored['sql']})"
        ).to_arrow_table()
    finally:
        con.close()
