"""The ground truth, streamed: each section goes to a temporary file, spliced at the end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import TracebackType
from typing import IO

SECTIONS = ("persons", "watchlist_matches", "fraudulent_documents", "networks", "name_origin")
_LISTS = frozenset({"watchlist_matches"})


def _quote(text: str) -> str:
    # Generated ids and labels need no escaping; json.dumps is kept for anything else.
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return json.dumps(text)


class TruthWriter:
    """Writes ``truth.json`` without holding it in memory.

    Use as a context manager: the file is assembled when the block exits normally, and the
    temporary files are removed either way.
    """

    def __init__(self, out: Path) -> None:
        self._out = out
        self._paths = {name: out / f".truth.{name}.tmp" for name in SECTIONS}
        self._files: dict[str, IO[str]] = {}
        self.counts = dict.fromkeys(SECTIONS, 0)

    def __enter__(self) -> TruthWriter:
        for name, path in self._paths.items():
            self._files[name] = path.open("w", encoding="utf-8", newline="\n")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for handle in self._files.values():
            handle.close()
        try:
            if kind is None:
                self._splice()
        finally:
            for path in self._paths.values():
                path.unlink(missing_ok=True)

    def _add(self, section: str, entry: str) -> None:
        self._files[section].write(("\n" if self.counts[section] == 0 else ",\n") + entry)
        self.counts[section] += 1

    def person(self, entity_id: str, true_person: str) -> None:
        """Record that Person entity ``entity_id`` is true person ``true_person``."""
        self._add("persons", f"{_quote(entity_id)}: {_quote(true_person)}")

    def watchlist_match(self, entity_id: str, watchlist_id: str) -> None:
        """Record that a non-watchlist record is the person of watchlist entry ``watchlist_id``."""
        self._add("watchlist_matches", f"[{_quote(entity_id)}, {_quote(watchlist_id)}]")

    def fraudulent_document(self, entity_id: str, fraud: str) -> None:
        """Record that document entity ``entity_id`` is fraudulent, and how."""
        self._add("fraudulent_documents", f"{_quote(entity_id)}: {_quote(fraud)}")

    def network(self, network_id: str, members: list[str]) -> None:
        """Record a planted network and the Person entities of its members."""
        self._add("networks", f"{_quote(network_id)}: [{', '.join(map(_quote, members))}]")

    def origin(self, true_person: str, origin: str) -> None:
        """Record the naming tradition of a true person."""
        self._add("name_origin", f"{_quote(true_person)}: {_quote(origin)}")

    def _splice(self) -> None:
        with (self._out / "truth.json").open("w", encoding="utf-8", newline="\n") as out:
            out.write("{")
            for number, name in enumerate(SECTIONS):
                opening, closing = ("[", "]") if name in _LISTS else ("{", "}")
                out.write(f'{"," if number else ""}\n"{name}": {opening}')
                with self._paths[name].open(encoding="utf-8") as part:
                    shutil.copyfileobj(part, out)
                out.write(f"\n{closing}")
            out.write("\n}\n")
