"""The features of many records at once: the same columns as ``features.features``, computed
in DuckDB rather than one record at a time in Python.

Folding a name to ASCII (ICU, then ``anyascii``) is the costly step, and a population holds far
fewer distinct words than records: each distinct word is folded once, in Python, and the result
is joined back to every record that holds it. Everything else (dates, document numbers, phones,
e-mails, the sorted keys and sets) is plain SQL over Arrow columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from vigie.model.text import fold, skeleton
from vigie.resolve.features import COLUMNS, PROPS, PersonRecord

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

LIST_COLUMNS = frozenset({"words", "skels", "docs", "phones", "emails", "places"})


def records_table(records: Iterable[PersonRecord]) -> pa.Table:
    """The records as columns: ``unique_id`` and one list of values per property the model
    reads (``records.PROPS``), null where a record has none; what ``feature_frame`` takes."""
    import pyarrow as pa

    ids: list[str] = []
    values: list[Mapping[str, Sequence[str]]] = []
    for record in records:
        ids.append(record.entity_id)
        values.append(record.values)
    texts = pa.list_(pa.string())
    props = pa.array(values, pa.struct([(p, texts) for p in PROPS]))
    return pa.table({"unique_id": pa.array(ids, pa.string()), "props": props})


def _dictionary(con: duckdb.DuckDBPyConnection) -> None:
    """Table ``folded(raw, token, pos, skel)``: each distinct written word, its folded tokens
    in order, and each token's consonant skeleton."""
    import pyarrow as pa

    raw_words = con.sql("select distinct raw from written").to_arrow_table()["raw"]
    raws: list[str] = []
    tokens: list[str] = []
    positions: list[int] = []
    skels: list[str] = []
    for word in raw_words.to_pylist():
        for position, token in enumerate(fold(word).split()):
            raws.append(word)
            tokens.append(token)
            positions.append(position)
            skels.append(skeleton(token))
    folded = pa.table({"raw": raws, "token": tokens, "pos": positions, "skel": skels})
    con.register("folded_arrow", folded)
    con.execute("create or replace temp table folded as select * from folded_arrow")
    con.unregister("folded_arrow")


_RAW = """
create or replace temp view raw as
with parts as (
    select
        rid,
        unique_id,
        props,
        concat_ws(
            ' ',
            nullif(array_to_string(props.firstName, ' '), ''),
            nullif(array_to_string(props.middleName, ' '), ''),
            nullif(array_to_string(props.fatherName, ' '), ''),
            nullif(array_to_string(props.lastName, ' '), '')
        ) as joined
    from records
)
select
    rid,
    unique_id,
    list_concat(
        coalesce(props.name, []),
        coalesce(props.alias, []),
        case when joined <> '' then [joined] else [] end
    ) as names,
    coalesce(props.birthDate, []) as births,
    coalesce(props.passportNumber, []) as passports,
    coalesce(props.idNumber, []) as ids,
    coalesce(props.phone, []) as phones,
    coalesce(props.email, []) as emails,
    coalesce(props.address, []) as addresses,
    props.nationality as nationality,
    props.gender as gender
from parts
"""

_WRITTEN = """
create or replace temp table written as
with named as (
    select rid, 0 as part, unnest(names) as text, generate_subscripts(names, 1) as name_pos
    from raw
    union all
    select rid, 1 as part, unnest(addresses) as text, 1 as name_pos from raw
)
select rid, part, name_pos, unnest(string_split(text, ' ')) as raw
from named
"""

_TOKENS = """
create or replace temp table tokens as
select w.rid, w.part, w.part = 0 and w.name_pos = 1 as primary_name, f.token, f.skel
from written w join folded f on w.raw = f.raw
"""

_NAMES = """
create or replace temp table name_features as
select
    rid,
    nullif(array_to_string(list_sort(list(token) filter (where primary_name)), ' '), '')
        as name_key,
    nullif(array_to_string(
        list_sort(list(skel) filter (where primary_name and skel <> '')), ' '), '') as skel_key,
    list_sort(list_distinct(list(token) filter (where part = 0))) as words,
    list_sort(list_distinct(list(skel) filter (where part = 0 and skel <> ''))) as skels,
    list_sort(list_distinct(list(token) filter (where part = 1))) as places
from tokens
group by rid
"""

_FEATURES = """
with cleaned as (
    select
        r.rid,
        r.unique_id,
        n.name_key,
        n.skel_key,
        n.words,
        n.skels,
        n.places,
        list_filter(
            list_transform(
                r.births,
                lambda x: regexp_extract(
                    regexp_replace(x, '^\\s+|\\s+$', '', 'g'), '^\\d{4}(-\\d{2}(-\\d{2})?)?'
                )
            ),
            lambda x: x <> ''
        ) as known,
        list_sort(list_distinct(list_filter(
            list_transform(r.passports, lambda x: regexp_replace(upper(x), '[^0-9A-Z]+', '', 'g')),
            lambda x: x <> ''
        ))) as passports,
        list_sort(list_distinct(list_filter(
            list_transform(r.ids, lambda x: regexp_replace(upper(x), '[^0-9A-Z]+', '', 'g')),
            lambda x: x <> ''
        ))) as id_numbers,
        list_sort(list_distinct(list_transform(
            list_filter(
                list_transform(r.phones, lambda x: regexp_replace(x, '[^0-9]+', '', 'g')),
                lambda x: length(x) >= 7
            ),
            lambda x: right(x, 9)
        ))) as phones,
        list_sort(list_distinct(list_filter(
            list_transform(r.emails, lambda x: lower(regexp_replace(x, '^\\s+|\\s+$', '', 'g'))),
            lambda x: x <> ''
        ))) as emails,
        lower(r.nationality[1]) as nationality,
        lower(r.gender[1]) as gender
    from raw r left join name_features n on n.rid = r.rid
),
dated as (
    select
        * exclude (known),
        list_filter(known, lambda x: length(x) = 10)[1] as dob,
        known[list_position(
            list_transform(known, lambda x: length(x)),
            list_max(list_transform(known, lambda x: length(x)))
        )] as longest
    from cleaned
),
keyed as (
    select
        *,
        list_concat(passports, id_numbers) as all_docs,
        substr(dob, 6, 2) as month,
        substr(dob, 9, 2) as day,
        case when skel_key is not null
            then skel_key || '|' || coalesce(nationality, '') || '|' || coalesce(gender, '')
            end as name_place
    from dated
)
select
    unique_id,
    name_key,
    skel_key,
    nullif(words, []) as words,
    nullif(skels, []) as skels,
    dob,
    coalesce(dob, longest) as born,
    case when dob is not null
        then substr(dob, 1, 4) || '-' || least(month, day) || '-' || greatest(month, day)
        end as dob_key,
    case when dob is not null then least(month, day) || '-' || greatest(month, day) end
        as day_month,
    nationality,
    gender,
    all_docs[1] as doc,
    array_to_string(list_sort(string_split(all_docs[1], '')), '') as doc_letters,
    nullif(all_docs, []) as docs,
    nullif(phones, []) as phones,
    nullif(emails, []) as emails,
    nullif(array_to_string(places, ' '), '') as address_key,
    nullif(places, []) as places,
    name_place,
    case when dob is null then name_place end as sparse_key,
    substr(coalesce(dob, longest), 1, 4) as born_year,
    case when dob is null then substr(longest, 1, 4) end as sparse_year
from keyed
order by rid
"""


def feature_frame(records: pa.Table) -> pa.Table:
    """The model's columns (``COLUMNS``) for records given as columns (``records_table``), as
    an Arrow table in the records' order: the same values as ``features.features`` gives for
    each record."""
    import duckdb
    import pyarrow as pa

    con = duckdb.connect()
    try:
        rid = pa.array(range(records.num_rows), pa.int64())
        con.register("records", records.append_column("rid", rid))
        con.execute(_RAW)
        con.execute(_WRITTEN)
        _dictionary(con)
        con.execute(_TOKENS)
        con.execute(_NAMES)
        table = con.sql(_FEATURES).to_arrow_table()
    finally:
        con.close()
    return table.select(list(COLUMNS))


def person_features(records: Iterable[PersonRecord]) -> pa.Table:
    """The model's columns for ``records``, in their order."""
    return feature_frame(records_table(records))
