"""The import formats Vigie reads, each a module with the same entry point.

Every importer module exposes ``import_file(store, path, collection, progress=None, **options)``
returning a list of :class:`~vigie.store.writer.ImportResult`-bearing outcomes: one per file for
formats imported whole (a bad record rejects the file), one per message for formats whose files
hold independent messages (PAXLST). The CLI builds one ``vigie import FORMAT`` command per entry
and the world loader dispatches on the manifest's ``format``; modules load only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.store.store import Store
from vigie.store.writer import Collection, ImportResult


@dataclass(frozen=True)
class Outcome:
    """What became of one file or message: imported (``result``) or rejected (``error``)."""

    label: str
    result: ImportResult | None = None
    error: str | None = None


class Importer(Protocol):
    """The entry point of an importer module."""

    def __call__(
        self,
        store: Store,
        path: Path,
        collection: Collection,
        progress: Callable[[int], None] | None = None,
        **options: Any,
    ) -> list[Outcome]: ...


@dataclass(frozen=True)
class Format:
    """One import format: its module, what its files are, and the options it takes."""

    module: str
    help: str
    options: tuple[str, ...] = ()


FORMATS: dict[str, Format] = {
    "ftm": Format("vigie.collect.ftm", _("Import FollowTheMoney entity files (JSON lines).")),
    "paxlst": Format(
        "vigie.collect.paxlst", _("Import UN/EDIFACT PAXLST passenger and crew lists.")
    ),
    "mapped": Format(
        "vigie.collect.tabular",
        _("Import CSV or JSON tables through a mapping file (--mapping)."),
        ("mapping",),
    ),
    "applications": Format(
        "vigie.collect.applications",
        _("Import immigration applications (CSV or JSON)."),
        ("mapping",),
    ),
    "interdictions": Format(
        "vigie.collect.interdictions",
        _("Import interdiction reports (CSV)."),
        ("mapping",),
    ),
    "lost-stolen": Format(
        "vigie.collect.lost_stolen",
        _("Import lists of lost and stolen travel documents (CSV)."),
        ("mapping",),
    ),
    "links": Format(
        "vigie.collect.links",
        _("Import an edge list (CSV: source,target[,weight]) as links between named persons."),
    ),
}


def importer(name: str) -> Importer:
    """The import function of a format."""
    if name not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise InvalidInput(
            _("unknown import format {name!r}; expected one of: {known}").format(
                name=name, known=known
            )
        )
    function: Importer = importlib.import_module(FORMATS[name].module).import_file
    return function
