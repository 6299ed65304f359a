"""Values of PAXLST segments: dates in their formats, country and airport codes, and entities
whose every value is cleaned by its FtM type. Anything invalid raises :class:`SegmentError`
naming the segment."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from followthemoney import model
from followthemoney.types.common import PropertyType

from vigie.collect.paxlst.edifact import Segment, SegmentError
from vigie.i18n import _
from vigie.model.countries import UnknownCountry, from_document_code
from vigie.model.values import clean
from vigie.store.writer import Record

# DTM format codes (data element 2379) and the length of the value each implies.
FORMATS = {"101": 6, "102": 8, "201": 10, "203": 12}
_BY_LENGTH = {length: code for code, length in FORMATS.items()}
# Types whose values mostly belong to one traveller (ids, names, numbers, references): cleaned by
# FtM directly, since caching them (as ``values.clean`` does) gains little and fills memory.
_UNCACHED = frozenset({"entity", "identifier", "name", "address", "string"})


@cache
def prop_type(schema: str, prop: str) -> PropertyType:
    """The FtM type of a property."""
    found = model.get(schema)
    assert found is not None, schema
    return found.properties[prop].type


class Entity:
    """Values of one entity, each cleaned by its FtM type as it is added."""

    __slots__ = ("id", "schema", "values")

    def __init__(self, entity_id: str, schema: str) -> None:
        self.id = entity_id
        self.schema = schema
        self.values: list[tuple[str, str, str]] = []

    def add(self, prop: str, raw: str | None, segment: Segment) -> str | None:
        """Add a value, cleaned; returns the clean value (None when ``raw`` is empty)."""
        if not raw:
            return None
        kind = prop_type(self.schema, prop)
        value = kind.clean(raw) if kind.name in _UNCACHED else clean(kind, raw)
        if value is None:
            raise SegmentError(
                segment.number,
                segment.tag,
                _("{value!r} is not a valid {kind} for {name}").format(
                    value=raw, kind=kind.label.lower(), name=prop
                ),
            )
        self.values.append((prop, value, kind.name))
        return value

    def put(self, prop: str, value: str) -> None:
        """Add a value this module made itself, already in its clean form: an id derived from
        the message, or an ISO date written from a parsed date (FtM's cleaners would return
        it unchanged, at a cost that shows in bulk imports)."""
        self.values.append((prop, value, prop_type(self.schema, prop).name))

    def record(self) -> Record:
        """The entity as the writer takes it."""
        return Record(self.id, self.schema, list(dict.fromkeys(self.values)))


def country(segment: Segment, code: str) -> str | None:
    if not code:
        return None
    try:
        return from_document_code(code)
    except UnknownCountry:
        raise SegmentError(
            segment.number, segment.tag, _("unknown country code {code!r}").format(code=code)
        ) from None


def moment(segment: Segment, pivot: date | None = None, latest: bool = True) -> datetime:
    """A DTM's date and time. Two-digit years are in the 2000s, but with a ``pivot`` in the
    latest century not after it (``latest``) or up to 50 years after it."""
    text, code = segment.value(0, 1), segment.value(0, 2)
    code = code or _BY_LENGTH.get(len(text), "")
    try:
        if len(text) != FORMATS.get(code) or not text.isdigit():
            raise ValueError(text)
        short = code in ("101", "201")
        year, rest = (2000 + int(text[:2]), text[2:]) if short else (int(text[:4]), text[4:])
        month, day = int(rest[:2]), int(rest[2:4])
        hour, minute = (int(rest[4:6]), int(rest[6:8])) if len(rest) > 4 else (0, 0)
        if pivot is not None and short:
            later = (year, month, day) > (pivot.year, pivot.month, pivot.day)
            if (latest and later) or (not latest and year > pivot.year + 50):
                year -= 100
        return datetime(year, month, day, hour, minute)
    except ValueError:
        raise SegmentError(
            segment.number,
            segment.tag,
            _("invalid date {value!r} (format {format})").format(value=text, format=code or "?"),
        ) from None


def airport(segment: Segment) -> str:
    code = segment.value(1, 0).upper()
    if len(code) != 3 or not code.isalnum():
        raise SegmentError(
            segment.number, segment.tag, _("{code!r} is not an airport code").format(code=code)
        )
    return code
