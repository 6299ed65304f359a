"""Declarative mappings from table rows to entities.

A mapping is FollowTheMoney's mapping language, parsed by FtM itself: ``entities:`` keyed by
name, each with a ``schema``, ``keys`` (or an ``id_column``), an optional ``key_literal`` and
``properties`` taken from a ``column``, several ``columns`` (with a ``join`` or a ``split``), a
``literal``, a ``template`` or another ``entity``; ``required: true`` on a property skips the
entity when that property gets no value. Vigie adds two keys at the top:

- ``id_prefix``: entity ids are ``PREFIX-`` followed by FtM's digest of the keys, seeded with
  the prefix, so the same row always gives the same ids (default: the mapping file's name);
- ``columns``: checks and coding of columns, each optional: ``required``; a vocabulary of
  ``values`` (matched ignoring case, spaces and underscores, and stored as written in the
  mapping); ``split``, the separator of several values in one cell; ``prefix``, put before each
  value wherever the mapping uses the column, so coded facts read ``outcome:refused``;
  ``past``, a date that may not lie after today.

Mappings run stricter than ``ftm map``: a key the language does not know is refused (FtM reads
past it, losing what a misspelt key held); a value that does not clean is an error naming the row
and the column, never a warning and a dropped value, and the names of referenced entities are
not copied into ``namesMentioned`` (they would make every event and document a name match).
A ``template`` whose columns are all empty gives no value.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from followthemoney import model
from followthemoney.exc import InvalidMapping
from followthemoney.mapping.entity import EntityMapping
from followthemoney.mapping.property import PropertyMapping

from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.values import clean as clean_value
from vigie.store.writer import Record

MAPPINGS_DIR = Path(__file__).parent / "mappings"
# libyaml when it is there; mappings are small, but workers compile them once per process.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What FtM accepts as an entity id.
_DATA_PAGE_NAMES = (
    r"Mapping uses a deprecated property: <Property\('Passport:(surname|givenName)'\)>"
)
_ID = re.compile(r"^[0-9A-Za-z]([0-9A-Za-z.-]*[0-9A-Za-z])?$")
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?(T.*)?$")
# The keys each level of a mapping may hold. FtM reads past any other, so a misspelt one
# (``colum:``, ``kyes:``) would silently lose its values or its checks. The source keys are
# FtM's; Vigie reads the file it is given instead and ignores them.
_TOP_KEYS = frozenset(
    {"id_prefix", "columns", "entities", "filters", "filters_not"}
    | {"csv_url", "csv_urls", "database", "tables", "joins"}
)
_ENTITY_KEYS = frozenset({"schema", "key", "keys", "key_literal", "id_column", "properties"})
_PROPERTY_KEYS = frozenset(
    {"column", "columns", "join", "split", "entity", "format", "fuzzy", "required"}
    | {"literal", "literals", "template"}
)

Row = dict[str, str]
"""One row: column name to its text, stripped; empty cells are left out."""


class InvalidValue(InvalidInput):
    """A cell that cannot be accepted; ``column`` names it (a form highlights that field)."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


@dataclass(frozen=True)
class Column:
    """What a mapping requires of one column (its ``columns:`` entry)."""

    name: str
    required: bool = False
    values: tuple[str, ...] = ()
    split: str | None = None
    prefix: str = ""
    past: bool = False


def code(text: str) -> str:
    """A vocabulary word as stored: lower case, words joined by ``-``."""
    return "-".join(text.strip().lower().replace("_", " ").split())


class Mapping:
    """A compiled mapping; see the module docstring for the language."""

    def __init__(self, config: Any, name: str, label: str) -> None:
        """Compile ``config`` (the parsed YAML); ``name`` is the default id prefix and
        ``label`` names the mapping in errors. Raises :class:`InvalidInput`."""
        self.label = label
        if not isinstance(config, dict) or not isinstance(config.get("entities"), dict):
            raise self._invalid(_("expected entities: keyed by name"))
        prefix = str(config.get("id_prefix", name))
        if not _ID.match(prefix):
            raise self._invalid(
                _("id_prefix {prefix!r} may only hold letters, digits, dots and hyphens").format(
                    prefix=prefix
                )
            )
        self.prefix = prefix
        self._check_spelling(config)
        self.checked = self._columns(config.get("columns", {}))
        # FtM builds a data source from the query; the rows come from the file being imported,
        # so any source named in the mapping is replaced by a placeholder that is never read.
        query = {k: v for k, v in config.items() if k in ("entities", "filters", "filters_not")}
        try:
            with warnings.catch_warnings():
                # FtM 4 deprecates a Passport's own names for its holder's, but the data page
                # of a document an impostor presents names somebody else: they are kept.
                warnings.filterwarnings("ignore", _DATA_PAGE_NAMES, DeprecationWarning)
                self.query = model.make_mapping({**query, "csv_url": "-"}, key_prefix=prefix)
        except InvalidMapping as exc:
            raise self._invalid(str(exc)) from None
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise self._invalid(repr(exc)) from None
        self._check_keys(self.query.entities)
        refs = set(self.query.refs) | {c.name for c in self.checked}
        for source in (self.query.source.filters, self.query.source.filters_not):
            refs.update(key for key, _value in source)
        self.columns = tuple(sorted(refs))

    def _invalid(self, reason: str) -> InvalidInput:
        return InvalidInput(
            _("{path}: not a valid mapping ({reason})").format(path=self.label, reason=reason)
        )

    def _check_spelling(self, config: dict[str, Any]) -> None:
        """Refuse a key that no level of the language knows, naming where it is."""

        def unknown(keys: Any, known: frozenset[str]) -> str | None:
            return next((str(k) for k in keys if k not in known), None)

        def expected(where: str, key: str, known: frozenset[str]) -> InvalidInput:
            return self._invalid(
                _("{where}: unknown key {key!r}; expected one of: {known}").format(
                    where=where, key=key, known=", ".join(sorted(known))
                )
            )

        if key := unknown(config, _TOP_KEYS):
            raise expected(_("the mapping"), key, _TOP_KEYS)
        for name, entity in config["entities"].items():
            where = _("entity {name}").format(name=name)
            if not isinstance(entity, dict):
                raise self._invalid(
                    _("{where}: expected its schema, keys and properties").format(where=where)
                )
            if key := unknown(entity, _ENTITY_KEYS):
                raise expected(where, key, _ENTITY_KEYS)
            # What FtM would refuse in English only, said here in the reader's language.
            schema = model.get(str(entity.get("schema", "")))
            if schema is None:
                raise self._invalid(
                    _("{where}: no schema {schema!r}").format(
                        where=where, schema=entity.get("schema")
                    )
                )
            if not (entity.get("keys") or entity.get("key") or entity.get("id_column")):
                raise self._invalid(_("{where}: give its keys or an id_column").format(where=where))
            properties = entity.get("properties") or {}
            if not isinstance(properties, dict):
                raise self._invalid(
                    _("{where}: properties must be keyed by name").format(where=where)
                )
            for prop, spec in properties.items():
                at = _("entity {name}, property {prop}").format(name=name, prop=prop)
                if schema.get(prop) is None:
                    raise self._invalid(
                        _("{where}: {schema} has no property {prop!r}").format(
                            where=where, schema=schema.name, prop=prop
                        )
                    )
                if not isinstance(spec, dict):
                    raise self._invalid(
                        _("{where}: expected a column, a literal, a template or an entity").format(
                            where=at
                        )
                    )
                if key := unknown(spec, _PROPERTY_KEYS):
                    raise expected(at, key, _PROPERTY_KEYS)
                target = spec.get("entity")
                if target is not None and target not in config["entities"]:
                    raise self._invalid(
                        _("{where}: no entity {target!r} in the mapping").format(
                            where=at, target=target
                        )
                    )

    def _columns(self, raw: Any) -> tuple[Column, ...]:
        if not isinstance(raw, dict):
            raise self._invalid(_("columns: must map column names to their checks"))
        found = []
        for name, spec in raw.items():
            spec = spec or {}
            known = {"required", "values", "split", "prefix", "past"}
            if not isinstance(spec, dict) or not set(spec) <= known:
                raise self._invalid(
                    _("column {column!r}: expected some of {known}").format(
                        column=name, known=", ".join(sorted(known))
                    )
                )
            values = tuple(code(str(v)) for v in spec.get("values", ()))
            split = spec.get("split")
            found.append(
                Column(
                    str(name),
                    bool(spec.get("required", False)),
                    values,
                    str(split) if split else None,
                    str(spec.get("prefix", "")),
                    bool(spec.get("past", False)),
                )
            )
        return tuple(found)

    def _check_keys(self, entities: Iterable[EntityMapping]) -> None:
        """Two entities keyed alike would get one id: FtM's own mappings need ``key_literal``
        to tell them apart, and forgetting it silently merges a person with their passport."""
        seen: dict[tuple[Any, ...], str] = {}
        for entity in entities:
            key = (tuple(sorted(entity.keys)), entity.id_column, entity.seed.hexdigest())
            if key in seen:
                raise self._invalid(
                    _(
                        "entities {first} and {second} have the same keys; give one a key_literal"
                    ).format(first=seen[key], second=entity.name)
                )
            seen[key] = entity.name

    def vocabulary(self, column: str) -> tuple[str, ...]:
        """The words a column accepts (empty when it takes any value)."""
        return next((c.values for c in self.checked if c.name == column), ())

    def coded(self, row: Row, where: str) -> Row:
        """``row`` with its required columns checked and its coded columns in stored form."""
        coded = None
        for column in self.checked:
            value = row.get(column.name)
            if value is None:
                if column.required:
                    raise InvalidValue(
                        column.name,
                        _("{where}, column {column}: a value is required").format(
                            where=where, column=column.name
                        ),
                    )
                continue
            if column.past:
                _check_past(column.name, value, where)
            if not (column.values or column.prefix):
                continue
            parts = value.split(column.split) if column.split else [value]
            words = []
            for part in filter(None, (p.strip() for p in parts)):
                word = code(part) if column.values else part
                if column.values and word not in column.values:
                    raise InvalidValue(
                        column.name,
                        _("{where}, column {column}: {value!r} is not one of: {known}").format(
                            where=where,
                            column=column.name,
                            value=part,
                            known=", ".join(column.values),
                        ),
                    )
                words.append(column.prefix + word)
            coded = coded if coded is not None else dict(row)
            if words:
                coded[column.name] = (column.split or "").join(words)
            else:
                del coded[column.name]
        return row if coded is None else coded

    def map(self, row: Row, where: str, *, clean: bool = True) -> dict[str, Record]:
        """The entities of one row, by their name in the mapping; raises
        :class:`InvalidValue` naming ``where`` and the column of a value that does not clean.

        ``clean=False`` takes the values as they are, for a writer that makes clean values and
        wants the ids and counts (the synthetic world): cleaning would fill the process's cache
        of cleaned values with every value of the world."""
        row = self.coded(row, where)
        source = self.query.source
        if (source.filters or source.filters_not) and not source.check_filters(row):  # type: ignore[attr-defined]
            return {}
        found: dict[str, Record] = {}
        for entity in self.query.entities:
            key = entity.compute_key(row)
            if key is None:
                continue
            if entity.id_column is not None and not _ID.match(key):
                raise InvalidValue(
                    entity.id_column,
                    _("{where}, column {column}: {value!r} is not a valid entity id").format(
                        where=where, column=entity.id_column, value=key
                    ),
                )
            values: list[tuple[str, str, str]] = []
            missing = False
            for prop in entity.properties:
                got = self._values(prop, row, found, where, clean)
                missing |= prop.required and not got
                values.extend(got)
            if not missing:
                entity_id = f"{self.prefix}-{key}"
                found[entity.name] = Record(
                    entity_id, entity.schema.name, list(dict.fromkeys(values))
                )
        return found

    def records(self, row: Row, where: str) -> list[Record]:
        """The entities of one row."""
        return list(self.map(row, where).values())

    def _values(
        self,
        prop: PropertyMapping,
        row: Row,
        found: dict[str, Record],
        where: str,
        clean: bool,
    ) -> list[tuple[str, str, str]]:
        name = prop.prop.name
        if prop.entity is not None:
            target = found.get(prop.entity)
            return [(name, target.id, "entity")] if target is not None else []
        if prop.template is not None or prop.join is not None:
            if not any(ref in row for ref in prop.refs) and not prop.literals:
                return []
            sources = [(", ".join(prop.refs), prop.record_values(row))]
            if prop.join is not None:
                sources = [(sources[0][0], [prop.join.join(sources[0][1])])]
        else:
            sources = [("", list(prop.literals))]
            sources += [(ref, [row[ref]]) for ref in prop.refs if ref in row]
        values = []
        for column, texts in sources:
            for text in texts:
                for part in text.split(prop.split) if prop.split is not None else (text,):
                    part = part.strip()
                    if part:
                        value = self._clean(prop, part, column, where) if clean else part
                        values.append((name, value, prop.prop.type.name))
        return values

    def _clean(self, prop: PropertyMapping, value: str, column: str, where: str) -> str:
        kind = prop.prop.type
        if prop.format is not None or prop.fuzzy:
            cleaned = kind.clean(value, fuzzy=prop.fuzzy, format=prop.format)
        else:
            cleaned = clean_value(kind, value)
        if cleaned is None:
            at = (
                _("{where}, column {column}").format(where=where, column=column)
                if column
                else where
            )
            raise InvalidValue(
                column,
                _("{where}: {value!r} is not a valid {kind} for {name}").format(
                    where=at, value=value, kind=kind.label.lower(), name=prop.prop.name
                ),
            )
        return str(cleaned)


def _check_past(column: str, value: str, where: str) -> None:
    """Refuse a date after today (a day ahead allowed: a post abroad may be a day ahead of UTC).
    Only a date written as FtM reads one (a year, a month or a day) is compared; any other text
    is for the value's cleaning to refuse as no date at all."""
    latest = (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)).isoformat()
    if _ISO_DATE.match(value) and value[:10] > latest:
        raise InvalidValue(
            column,
            _("{where}, column {column}: {value} is in the future").format(
                where=where, column=column, value=value
            ),
        )


def parse(text: str, name: str, label: str) -> Mapping:
    """Compile a mapping from its YAML text."""
    try:
        config = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise InvalidInput(
            _("{path}: not a valid mapping ({reason})").format(path=label, reason=exc)
        ) from None
    return Mapping(config, name, label)


@lru_cache(maxsize=16)
def compiled(text: str, name: str, label: str) -> Mapping:
    """:func:`parse`, once per process for each mapping (worker processes compile their own)."""
    return parse(text, name, label)


def read_text(path: Path) -> str:
    """A mapping file's text; an unreadable file raises :class:`InvalidInput`."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            _("{path}: cannot read the mapping ({reason})").format(path=path, reason=exc)
        ) from None


def load(path: Path) -> Mapping:
    """The mapping in a YAML file."""
    return compiled(read_text(path), path.stem, str(path))


def builtin(name: str) -> Mapping:
    """One of the mappings shipped in ``vigie/collect/mappings/``."""
    return load(MAPPINGS_DIR / f"{name}.yaml")
