"""Entity ids of passenger data, made from content so that the same traveller on the same flight
always gets the same id, whichever message or file reports them.

The synthetic world computes the ids of its ground truth with these same functions. Parts are
cleaned values (ISO dates, lower-case alpha-2 countries), so the spelling of the message does not
change the id: ``D`` and ``DEU`` name the same issuing state.
"""

from __future__ import annotations

import hashlib


def _digest(*parts: str) -> str:
    text = "\x1f".join(parts).encode("utf-8")
    return hashlib.blake2b(text, digest_size=10).hexdigest()


def trip_id(carrier: str, number: str, departure_day: str) -> str:
    """A flight: carrier, flight number (no leading zeros) and local departure date."""
    return "pax-trip-" + _digest(carrier, number, departure_day)


def airport_id(code: str) -> str:
    """An airport by its IATA code: the same Address entity for every flight."""
    return f"airport-{code}"


def document_id(kind: str, country: str | None, number: str) -> str:
    """A travel document: its type code, issuing state and number, so the same passport
    presented on two flights is one entity with two holders (one traveller record per flight)."""
    return "pax-doc-" + _digest(kind, country or "", number)


def traveller_id(trip: str, document: str | None, name: str, birth: str | None) -> str:
    """A traveller on one flight: by their travel document, or by name and birth date when the
    message gives no document."""
    if document is not None:
        return "pax-" + _digest(trip, document)
    return "pax-" + _digest(trip, name, birth or "")


def link_id(traveller: str) -> str:
    """The link between a traveller and their flight (one per traveller record)."""
    return "pax-on-" + _digest(traveller)
