"""What the store knows of a document number, as one reader may see it: reports of it lost or
stolen (the number exactly, or a near miss: one character changed, missing, added, or two
swapped), and documents already seen with this number and their holders.

Every query applies the reader's view (``View.visible``), so a check shows only what its
officer may see; the caller audits the read with the entities shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from vigie.documents.alert import clean_number, state_key
from vigie.documents.mrz import icao_transliterate
from vigie.documents.validate import CONFUSIONS
from vigie.i18n import _
from vigie.model.entity import Entity
from vigie.model.text import tokens
from vigie.store.tables import LINKABLE, statement
from vigie.store.view import View

DOCUMENT_SCHEMATA = ("Passport", "Identification")
LOST_STOLEN = ("lost", "stolen", "stolen-blank", "revoked")
_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def near_numbers(number: str) -> set[str]:
    """Numbers one slip away from ``number``: a character changed, missing, added, or two
    neighbours swapped."""
    near: set[str] = set()
    for i in range(len(number)):
        for char in _ALPHANUMERIC:
            near.add(number[:i] + char + number[i + 1 :])
        near.add(number[:i] + number[i + 1 :])
        if i + 1 < len(number):
            near.add(number[:i] + number[i + 1] + number[i] + number[i + 2 :])
    for i in range(len(number) + 1):
        for char in _ALPHANUMERIC:
            near.add(number[:i] + char + number[i:])
    near.discard(number)
    near.discard("")
    return near


def difference(checked: str, stored: str) -> str:
    """How a near-miss number differs from the one checked, in words."""
    if len(checked) == len(stored):
        at = [i for i, (a, b) in enumerate(zip(checked, stored, strict=True)) if a != b]
        if len(at) == 1:
            i = at[0]
            if CONFUSIONS.get(checked[i]) == stored[i]:
                return _(
                    "“{a}” for “{b}” at position {position}, a common OCR and typing confusion"
                ).format(a=checked[i], b=stored[i], position=i + 1)
            return _("“{a}” for “{b}” at position {position}").format(
                a=checked[i], b=stored[i], position=i + 1
            )
        return _("two neighbouring characters swapped")
    if len(checked) < len(stored):
        return _("one character fewer")
    return _("one character more")


@dataclass(frozen=True)
class Seen:
    """A stored document with the checked number (or a near one): the entity, its holder's
    names, its lost-or-stolen status if reported, and how the number differs."""

    document: Entity
    holder: Entity | None
    number: str
    status: str | None
    exact: bool
    how: str

    @property
    def state(self) -> str | None:
        """The issuing state's key (FtM country code)."""
        country = self.document.proxy.first("country")
        return state_key(str(country)) if country else None

    def holder_names(self) -> list[str]:
        """The holder's names and the names printed on the document, as stored."""
        names: list[str] = []
        if self.holder is not None:
            names += [str(n) for n in self.holder.proxy.get("name")]
        names += [str(n) for n in self.document.proxy.get("surname")]
        return names


def seen_documents(
    view: View, conn: Connection, number: str, state: str | None, near: bool = True
) -> list[Seen]:
    """Stored documents with ``number`` (and, with ``near``, numbers one slip away) that the
    view may see, of the same issuing state when both are known."""
    exact = clean_number(number)
    if not exact:
        return []
    wanted = {exact} | (near_numbers(exact) if near else set())
    query = select(statement.c.entity_id, statement.c.value).where(
        statement.c.value.in_(sorted(wanted)),
        LINKABLE,
        statement.c.prop == "number",
        statement.c.schema.in_(DOCUMENT_SCHEMATA),
        view.visible(),
    )
    numbers: dict[str, str] = {}
    for entity_id, value in conn.execute(query):
        numbers.setdefault(entity_id, value)
    documents = view.entities(conn, numbers)
    holder_ids = {str(h) for d in documents.values() for h in d.proxy.get("holder")}
    holders = view.entities(conn, holder_ids)
    found: list[Seen] = []
    for entity_id, value in sorted(numbers.items()):
        document = documents.get(entity_id)
        if document is None:
            continue
        holder_id = document.proxy.first("holder")
        status = next(
            (str(d) for d in document.proxy.get("description") if str(d) in LOST_STOLEN), None
        )
        seen = Seen(
            document,
            holders.get(str(holder_id)) if holder_id else None,
            value,
            status,
            value == exact,
            "" if value == exact else difference(exact, value),
        )
        if state is None or seen.state is None or seen.state == state:
            found.append(seen)
    return found


def same_holder(seen: Seen, surname: str | None, given_names: str | None) -> bool | None:
    """Whether the stored document's holder shares a name with the MRZ's (folded words), or
    ``None`` when either side has no name."""
    names = seen.holder_names()
    mrz = set(tokens(f"{surname or ''} {given_names or ''}"))
    if not names or not mrz:
        return None
    # Stored names are folded two ways: to ASCII, and as the MRZ writes them (Ü as UE).
    return any(
        mrz & (set(tokens(name)) | set(tokens(icao_transliterate(name).replace("<", " "))))
        for name in names
    )
