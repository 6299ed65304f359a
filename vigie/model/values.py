"""Cleaning property values with FollowTheMoney's types, fast enough for bulk imports.

FtM's cleaners are the reference (a value they reject is rejected); this module only avoids
repeating them: results are cached, since countries, dates and genders recur across millions
of records, and plain ASCII e-mail addresses skip the IDNA round trip that cannot change them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from followthemoney.types import registry
from followthemoney.types.common import PropertyType

_PLAIN_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$")
_UNCACHED = frozenset({"text", "html", "json"})


@lru_cache(maxsize=500_000)
def _clean_cached(type_name: str, value: str) -> str | None:
    cleaned = registry.get(type_name).clean(value)
    return None if cleaned is None else str(cleaned)


def clean(prop_type: PropertyType, value: str) -> str | None:
    """The cleaned form of ``value`` for ``prop_type``, or None when FtM rejects it."""
    if prop_type is registry.email and _PLAIN_EMAIL.match(value):
        return value
    if len(value) > 200 or prop_type.name in _UNCACHED:
        cleaned = prop_type.clean(value)
        return None if cleaned is None else str(cleaned)
    return _clean_cached(prop_type.name, value)
