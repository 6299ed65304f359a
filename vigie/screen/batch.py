"""Reading travellers to screen from a file: JSON Lines, CSV or a PAXLST passenger list.

JSON Lines and CSV rows hold ``id``, ``name`` (any script) and optionally ``birth_date``,
``nationality``, ``sex``, ``document_number`` and ``birth_place``; a PAXLST interchange gives
every traveller of every message. A bad row stops the whole batch with the file, line and field
at fault: nothing is screened from a file that is not understood.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.screen.subject import Subject, partial_date

FIELDS = ("id", "name", "birth_date", "nationality", "sex", "document_number", "birth_place")
_SEXES = {"m": "male", "male": "male", "f": "female", "female": "female", "x": None, "": None}


def _bad(where: str, field: str, problem: str) -> InvalidInput:
    return InvalidInput(
        _("{where}, field {field}: {problem}").format(where=where, field=field, problem=problem)
    )


def at_line(path: Path, line: int) -> str:
    """Where a row of a file is, as an error names it: the file and the line."""
    return _("{file}, line {line}").format(file=path.name, line=line)


def subject_from(row: dict[str, Any], where: str) -> tuple[str, Subject]:
    """One traveller from a row of fields, checked; an error names ``where`` the row came from
    (``at_line``, or the form or request that gave it)."""
    unknown = sorted(set(row) - set(FIELDS))
    if unknown:
        raise _bad(where, unknown[0], _("unknown field"))
    for field in FIELDS:
        value = row.get(field)
        if value is not None and not isinstance(value, str):
            raise _bad(where, field, _("must be text"))
    reference = (row.get("id") or "").strip()
    name = (row.get("name") or "").strip()
    if not reference:
        raise _bad(where, "id", _("missing"))
    if not name:
        raise _bad(where, "name", _("missing"))
    birth = (row.get("birth_date") or "").strip()
    if birth and not partial_date(birth):
        raise _bad(where, "birth_date", _("must be YYYY, YYYY-MM or YYYY-MM-DD"))
    sex_text = (row.get("sex") or "").strip().lower()
    if sex_text not in _SEXES:
        raise _bad(where, "sex", _("must be male, female, M, F or X"))
    nationality = (row.get("nationality") or "").strip().lower()
    if nationality and not re.fullmatch(r"[a-z]{2,3}", nationality):
        raise _bad(where, "nationality", _("must be a two-letter country code"))
    document = (row.get("document_number") or "").strip()
    place = (row.get("birth_place") or "").strip()
    subject = Subject(
        (name,),
        (birth,) if birth else (),
        (nationality,) if nationality else (),
        _SEXES[sex_text],
        (document,) if document else (),
        birth_places=(place,) if place else (),
    )
    return reference, subject


def _jsonl(path: Path) -> list[tuple[str, Subject]]:
    found = []
    with path.open(encoding="utf-8") as fh:
        for line, text in enumerate(fh, 1):
            if not text.strip():
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as exc:
                problem = _("not JSON: {error}").format(error=exc.msg)
                raise _bad(at_line(path, line), "-", problem) from None
            if not isinstance(row, dict):
                raise _bad(at_line(path, line), "-", _("not a JSON object"))
            found.append(subject_from(row, at_line(path, line)))
    return found


def _csv(path: Path) -> list[tuple[str, Subject]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh)
        return [subject_from(dict(row), at_line(path, line)) for line, row in enumerate(rows, 2)]


def _paxlst(path: Path) -> list[tuple[str, Subject]]:
    from vigie.collect.paxlst import records

    try:
        found = list(records(path))
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    travellers = []
    for record in found:
        if record.schema != "Person":
            continue
        values: dict[str, list[str]] = {}
        for prop, value, _type in record.values:
            values.setdefault(prop, []).append(value)
        sex = (values.get("gender") or [""])[0]
        travellers.append(
            (
                record.id,
                Subject(
                    tuple(values.get("name", ())),
                    tuple(values.get("birthDate", ())),
                    tuple(values.get("nationality", ())),
                    sex if sex in ("male", "female") else None,
                    tuple(values.get("passportNumber", ())),
                    birth_places=tuple(values.get("birthPlace", ())),
                ),
            )
        )
    return travellers


def read_travellers(path: Path) -> list[tuple[str, Subject]]:
    """Every traveller in ``path``, by its suffix: ``.jsonl``/``.json``, ``.csv``, or
    ``.edi``/``.txt``/``.paxlst`` for PAXLST."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InvalidInput(_("{file}: no such file").format(file=path))
    if suffix in (".jsonl", ".json", ".ndjson"):
        return _jsonl(path)
    if suffix == ".csv":
        return _csv(path)
    if suffix in (".edi", ".txt", ".paxlst"):
        return _paxlst(path)
    raise InvalidInput(
        _("{file}: unknown input format; use .jsonl, .csv or .edi (PAXLST)").format(file=path.name)
    )
