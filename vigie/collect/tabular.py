"""Import tables through a mapping (:mod:`vigie.collect.mapping`): CSV, JSON lines or a JSON
array, one row or object per record.

The file is streamed: rows go to the writer in chunks, parsed in a worker process for big files,
so memory does not grow with the file (except for a JSON array, which is read whole). The whole
file is one collection report: a bad row anywhere imports nothing, and the error names the
file, the line the row starts on, the column and what is wrong.

The kind of table is told by its first character: ``[`` a JSON array, ``{`` JSON lines,
anything else CSV, whose delimiter (comma, semicolon or tab) is the one its header uses most.
In CSV every column the mapping reads must be in the header; in JSON an absent key is an empty
cell, a number or boolean is its text and a list of values stands for them separated by ``;``.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from followthemoney.util import sanitize_text

from vigie.collect.ftm import decode
from vigie.collect.mapping import Mapping, Row, compiled, read_text
from vigie.collect.registry import Outcome
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.store.store import Store
from vigie.store.writer import Collection, Record, write_collection

ROWS_PER_CHUNK = 2_000
# Below this size a worker process costs more to start than it saves.
PARALLEL_BYTES = 8_000_000
_DELIMITERS = (",", ";", "\t")


class Chunk(NamedTuple):
    """Rows of one file on their way to :func:`parse_chunk`, picklable for a worker process:
    the mapping travels as its text and is compiled once per process."""

    path: str
    mapping: tuple[str, str, str]
    kind: str
    header: tuple[str, ...]
    rows: list[tuple[int, Any]]


def where(path: str, line: int) -> str:
    """How errors name a row."""
    return _("{path}, line {line}").format(path=path, line=line)


def row_of_cells(read: list[tuple[int, str]], width: int, cells: list[str], at: str) -> Row:
    """The row of some CSV cells: ``read`` gives the position and name of each column the
    mapping reads, ``width`` the number of columns of the header."""
    if len(cells) != width:
        raise InvalidInput(
            _("{where}: {count} cells, but the header has {columns} columns").format(
                where=at, count=len(cells), columns=width
            )
        )
    row = {}
    for position, name in read:
        text = sanitize_text(cells[position])
        if text is not None:
            row[name] = text
    return row


def row_of_object(data: Any, at: str) -> Row:
    """The row of one JSON object."""
    if not isinstance(data, dict):
        raise InvalidInput(
            _("{where}: expected an object, got {kind}").format(where=at, kind=type(data).__name__)
        )
    row = {}
    for name, value in data.items():
        items = value if isinstance(value, list) else [value]
        texts = []
        for item in items:
            if isinstance(item, dict | list):
                raise InvalidInput(
                    _("{where}, column {column}: expected text, a number or a list of them").format(
                        where=at, column=name
                    )
                )
            text = sanitize_text(json.dumps(item) if isinstance(item, bool) else item)
            if text is not None:
                texts.append(text)
        if texts:
            row[str(name)] = ";".join(texts)
    return row


def parse_chunk(chunk: Chunk) -> list[Record]:
    """The records of some rows of a table; a bad row raises :class:`InvalidInput`."""
    mapping = compiled(*chunk.mapping)
    wanted = set(mapping.columns)
    read = [(i, name) for i, name in enumerate(chunk.header) if name in wanted]
    records: list[Record] = []
    for line, item in chunk.rows:
        at = where(chunk.path, line)
        if chunk.kind == "csv":
            row = row_of_cells(read, len(chunk.header), item, at)
        elif chunk.kind == "jsonl":
            try:
                data = json.loads(item)
            except json.JSONDecodeError as exc:
                raise InvalidInput(
                    _("{where}: not valid JSON ({reason})").format(where=at, reason=exc.msg)
                ) from None
            row = row_of_object(data, at)
        else:
            row = row_of_object(item, at)
        records.extend(mapping.records(row, at))
    return records


def _lines(path: Path, handle: BinaryIO) -> Iterator[tuple[int, str]]:
    """The file's lines as text with their numbers; bytes that are not UTF-8 raise
    :class:`InvalidInput` naming the line. A byte-order mark, as spreadsheets write, is
    dropped."""
    for number, raw in enumerate(handle, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                _("{path}, line {line}: not UTF-8 text ({reason})").format(
                    path=path, line=number, reason=exc.reason
                )
            ) from None
        yield number, text.removeprefix("\ufeff") if number == 1 else text


def _csv_rows(
    path: Path, mapping: Mapping, lines: Iterator[tuple[int, str]]
) -> tuple[tuple[str, ...], Iterator[tuple[int, Any]]]:
    """The checked header of a CSV table and its rows as ``(line, cells)``."""
    first = next(lines, None)
    if first is None:
        return (), iter(())
    delimiter = max(_DELIMITERS, key=first[1].count)
    reader = csv.reader(_texts(first[1], lines), delimiter=delimiter)
    header = tuple(name.strip() for name in next(reader))
    missing = [c for c in mapping.columns if c not in header]
    if missing:
        raise InvalidInput(
            _("{where}: no column {columns}, which the mapping reads").format(
                where=where(str(path), 1), columns=", ".join(missing)
            )
        )
    if len(set(header)) != len(header):
        raise InvalidInput(
            _("{where}: a column name appears twice in the header").format(
                where=where(str(path), 1)
            )
        )
    return header, _records(path, reader)


def _texts(first: str, rest: Iterator[tuple[int, str]]) -> Iterator[str]:
    yield first
    for _number, text in rest:
        yield text


def _records(path: Path, reader: Any) -> Iterator[tuple[int, list[str]]]:
    """CSV rows with the line each starts on (a quoted cell may span lines)."""
    start = reader.line_num + 1
    try:
        for cells in reader:
            if cells:
                yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InvalidInput(
            _("{where}: not valid CSV ({reason})").format(
                where=where(str(path), reader.line_num), reason=exc
            )
        ) from None


def _json_lines(lines: Iterator[tuple[int, str]]) -> Iterator[tuple[int, Any]]:
    for number, text in lines:
        if text.strip():
            yield number, text


def _json_array(path: Path, text: str) -> Iterator[tuple[int, Any]]:
    """The items of a JSON array with the line each starts on."""
    decoder = json.JSONDecoder()
    at, line, end = text.index("[") + 1, 1, len(text)
    counted = 0
    try:
        while True:
            while at < end and text[at].isspace():
                at += 1
            if at < end and text[at] == "]":
                return
            line += text.count("\n", counted, at)
            counted = at
            item, at = decoder.raw_decode(text, at)
            yield line, item
            while at < end and text[at].isspace():
                at += 1
            if at < end and text[at] == ",":
                at += 1
            elif at >= end or text[at] != "]":
                raise json.JSONDecodeError(_("expected , or ]"), text, at)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            _("{where}: not valid JSON ({reason})").format(
                where=where(str(path), exc.lineno), reason=exc.msg
            )
        ) from None


def _chunks(path: Path, handle: BinaryIO, source: tuple[str, str, str]) -> Iterator[Chunk]:
    """The rows of an open table in chunks, told CSV or JSON by the first character."""
    mapping = compiled(*source)
    head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    handle.seek(0)
    if not head:
        # An empty export is a mistake upstream; an empty list still has its header.
        raise InvalidInput(_("{path}: the file is empty").format(path=path))
    header: tuple[str, ...] = ()
    if head == b"[":
        kind, items = "json", _json_array(path, decode(path, handle.read()))
    elif head == b"{":
        kind, items = "jsonl", _json_lines(_lines(path, handle))
    else:
        kind = "csv"
        header, items = _csv_rows(path, mapping, _lines(path, handle))
    while batch := list(islice(items, ROWS_PER_CHUNK)):
        yield Chunk(str(path), source, kind, header, batch)


def _source(mapping_path: Path) -> tuple[str, str, str]:
    """How a mapping travels to the workers: its text, default id prefix and name in errors."""
    return read_text(mapping_path), mapping_path.stem, str(mapping_path)


def read_table(path: Path, mapping_path: Path) -> Iterator[Record]:
    """The records of a table as an import would write them, without a store (to check a
    mapping, or read a generated world back)."""
    source = _source(mapping_path)
    try:
        with path.open("rb") as handle:
            for chunk in _chunks(path, handle, source):
                yield from parse_chunk(chunk)
    except OSError as exc:
        raise InvalidInput(
            _("{path}: cannot read the file ({reason})").format(path=path, reason=exc.strerror)
        ) from None


def import_table(
    store: Store,
    path: Path,
    collection: Collection,
    mapping_path: Path,
    progress: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Import one table through the mapping in ``mapping_path`` as one collection report
    (``collection.checksum`` and ``file_name`` are filled in here)."""
    source = _source(mapping_path)
    try:
        with path.open("rb") as handle:
            # The same table read through another mapping is other facts: the checksum that
            # makes a repeated import a no-op covers both.
            digest = hashlib.file_digest(handle, "sha256")
            digest.update(hashlib.sha256(source[0].encode("utf-8")).digest())
            size = handle.tell()
            handle.seek(0)
            collection = replace(collection, file_name=path.name, checksum=digest.hexdigest())
            result = write_collection(
                store,
                collection,
                _chunks(path, handle, source),
                parse_chunk,
                progress,
                parallel=size > PARALLEL_BYTES,
            )
    except OSError as exc:
        raise InvalidInput(
            _("{path}: cannot read the file ({reason})").format(path=path, reason=exc.strerror)
        ) from None
    return [Outcome(path.name, result)]


def import_file(
    store: Store,
    path: Path,
    collection: Collection,
    progress: Callable[[int], None] | None = None,
    mapping: Path | None = None,
) -> list[Outcome]:
    """Import a CSV or JSON table through the ``mapping`` file it needs (the ``mapped``
    format): the one given, else the one kept beside the data with the table's name
    (``suppliers.csv`` reads ``suppliers.yaml`` or ``suppliers.yml``)."""
    if mapping is None:
        beside = [path.with_suffix(suffix) for suffix in (".yaml", ".yml")]
        mapping = next((p for p in beside if p.is_file()), None)
    if mapping is None:
        raise InvalidInput(
            _("{path}: a mapping file is needed: --mapping, or {beside} beside the data").format(
                path=path, beside=path.with_suffix(".yaml").name
            )
        )
    return import_table(store, path, collection, mapping, progress)
