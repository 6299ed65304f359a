"""Import advance passenger information: UN/EDIFACT PAXLST passenger and crew lists.

Every message of an interchange is a collection report of its own: an accepted message is
written whole, a rejected one is reported with the segment at fault and the reason, and neither
affects the other. Each message is read and checked in full before it is written; accepted
messages are then written in batches, each still its own report with its own checksum and audit
row, one transaction per batch, because on SQLite a transaction per message costs more than the
message. Re-importing a file adds nothing: a message is recognised by the checksum of its
segments.

In files larger than :data:`READ_AHEAD_BYTES`, messages are read in a worker process, chunk by
chunk, while this one writes (``vigie.store.readahead``): reading a passenger list costs about as
much as writing it, and pickling what was read a fraction of either. A worker writing every
other batch through its own connection instead was measured and left out: faster into an empty
store, 25 % slower into one that holds a world, as each writer found its page cache invalidated
by the other's commits.

``interchange`` reads the envelope and finds the messages, ``edifact`` parses segments with
pydifact, ``mapping`` turns a message into FtM records (``fields`` reads and cleans the values)
and ``ids`` makes their ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from vigie.collect.paxlst.edifact import Segment, SegmentError
from vigie.collect.paxlst.interchange import (
    Controls,
    Envelope,
    InterchangeError,
    Piece,
    open_interchange,
    read,
)
from vigie.collect.paxlst.mapping import Mapped, map_message
from vigie.collect.registry import Outcome
from vigie.i18n import _
from vigie.store import readahead
from vigie.store.store import Store
from vigie.store.writer import Collection, Record, write_reports

# Accepted messages are written once a batch holds this many travellers or messages. A commit
# costs about as much as the index pages it dirtied, and travellers' ids scatter over the
# indexes, so larger batches dirty fewer pages per traveller; 10,000 travellers hold about
# 250,000 statement rows in memory.
BATCH_TRAVELLERS = 10_000
BATCH_MESSAGES = 2_000
# Smaller files are read here: handing them to the worker would cost more than it saves.
READ_AHEAD_BYTES = 200_000
# The worker reads chunks of about this many bytes (a passenger list of a few hundred, or a few
# hundred lists of one or two), and keeps a whole batch of travellers read ahead of the writer, so
# that it goes on reading while a batch is written rather than waiting to be asked.
CHUNK_BYTES = 64_000
CHUNKS_AHEAD = 40


@dataclass(frozen=True, slots=True)
class Reading:
    """One message read and mapped, or the error that rejects it; with what the envelope checks
    need (the service segments after it)."""

    number: int
    reference: str
    checksum: str
    mapped: Mapped | None
    error: str | None
    trailer: tuple[Segment, ...]
    complete: bool


def _where(name: str, number: int, error: SegmentError) -> str:
    if error.tag:
        return _("{file}, message {number}, segment {segment} ({tag}): {reason}").format(
            file=name, number=number, segment=error.segment, tag=error.tag, reason=error.reason
        )
    return _("{file}, message {number}, segment {segment}: {reason}").format(
        file=name, number=number, segment=error.segment, reason=error.reason
    )


def read_piece(envelope: Envelope, piece: Piece) -> Reading:
    """Read, check and map one message."""
    result = read(piece, envelope)
    reference, checksum, mapped, error = "", "", None, result.error
    if result.message is not None:
        reference, checksum = result.message.reference, result.message.checksum
        try:
            mapped = map_message(result.message)
        except SegmentError as exc:
            error = exc
    text = _where(envelope.name, piece.number, error) if error is not None else None
    return Reading(piece.number, reference, checksum, mapped, text, result.trailer, result.complete)


def readings(envelope: Envelope, pieces: Iterable[Piece]) -> Iterator[Reading]:
    """Every message read, in order."""
    for piece in pieces:
        yield read_piece(envelope, piece)


def _read_chunk(pieces: list[Piece], envelope: Envelope) -> list[Reading]:
    return [read_piece(envelope, piece) for piece in pieces]


def _read_ahead(envelope: Envelope, pieces: Iterable[Piece]) -> Iterator[Reading]:
    """Every message read in the worker process, in order."""
    for chunk in readahead.ordered(_read_chunk, _chunks(pieces), envelope, window=CHUNKS_AHEAD):
        yield from chunk


def _chunks(pieces: Iterable[Piece]) -> Iterator[list[Piece]]:
    """Consecutive messages in chunks of about :data:`CHUNK_BYTES`."""
    chunk: list[Piece] = []
    size = 0
    for piece in pieces:
        chunk.append(piece)
        size += len(piece.data)
        if size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def import_file(
    store: Store,
    path: Path,
    collection: Collection,
    progress: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Import the PAXLST messages of one interchange, one collection report each (see the
    module docstring). Returns an outcome per message, then any error of the envelope; a file
    that is no EDIFACT interchange gives one error outcome."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [
            Outcome(
                path.name,
                error=_("{path}: cannot read the file ({reason})").format(
                    path=path, reason=exc.strerror
                ),
            )
        ]
    try:
        envelope, pieces = open_interchange(path.name, data)
    except InterchangeError as exc:
        return [Outcome(path.name, error=str(exc))]
    controls = Controls(envelope)
    outcomes: list[Outcome] = []
    batch: list[tuple[int, Collection, Mapped]] = []
    written = travellers = 0
    read_ahead = len(data) > READ_AHEAD_BYTES
    for reading in (_read_ahead if read_ahead else readings)(envelope, pieces):
        controls.add(reading.trailer, reading.complete)
        if reading.mapped is None:
            label = _("{file}, message {number}").format(file=path.name, number=reading.number)
            outcomes.append(Outcome(label, error=reading.error))
            continue
        label = _("{file}, message {number} ({flight})").format(
            file=path.name, number=reading.number, flight=reading.mapped.label
        )
        outcomes.append(Outcome(label))
        message = replace(
            collection,
            kind="paxlst",
            file_name=f"{path.name}#{reading.reference}",
            checksum=reading.checksum,
        )
        batch.append((len(outcomes) - 1, message, reading.mapped))
        travellers += reading.mapped.travellers
        if len(batch) >= BATCH_MESSAGES or travellers >= BATCH_TRAVELLERS:
            written += _write(store, batch, outcomes)
            batch, travellers = [], 0
            if progress:
                progress(written)
    written += _write(store, batch, outcomes)
    if progress:
        progress(written)
    outcomes.extend(Outcome(path.name, error=error) for error in controls.finish())
    return outcomes


def _write(
    store: Store, batch: list[tuple[int, Collection, Mapped]], outcomes: list[Outcome]
) -> int:
    """Write a batch of accepted messages; fill in their outcomes; return the entities written."""
    if not batch:
        return 0
    results = write_reports(store, [(c, m.records) for _i, c, m in batch])
    for (index, _c, _m), result in zip(batch, results, strict=True):
        outcomes[index] = Outcome(outcomes[index].label, result)
    return sum(r.entities for r in results)


def records(path: Path) -> Iterable[Record]:
    """The records of every accepted message of a file, read in this process (for tests and
    tools that want the entities without a store); a rejected message raises ValueError."""
    envelope, pieces = open_interchange(path.name, path.read_bytes())
    for reading in readings(envelope, pieces):
        if reading.mapped is None:
            raise ValueError(reading.error)
        yield from reading.mapped.records
