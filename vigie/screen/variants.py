"""Curated spelling variants of common name parts (``data/variants.yaml``).

Each group is one name in its many spellings (Mohammed, Muhammad, Mohamad …); a token in a
group is compared through the group's canonical form, so that two spellings the phonetic key
keeps apart (Yevgeny and Eugene, Hussein and Gusein) still meet. A form listed in two groups
keeps the first.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _groups() -> dict[str, list[list[str]]]:
    text = resources.files("vigie.screen").joinpath("data/variants.yaml").read_text("utf-8")
    found: dict[str, list[list[str]]] = yaml.load(text, Loader=_LOADER)
    return found


@cache
def section(name: str) -> frozenset[str]:
    """Every spelling listed in one section of the file (``chinese``, ``arabic`` …)."""
    return frozenset(form for group in _groups()[name] for form in group)


@cache
def table() -> dict[str, str]:
    """Every listed spelling mapped to its group's canonical form."""
    out: dict[str, str] = {}
    for lists in _groups().values():
        for group in lists:
            for form in group:
                out.setdefault(form, group[0])
    return out


@cache
def kin() -> dict[str, str]:
    """Every listed spelling mapped to one name for its kin: the groups that list it and,
    through any spelling two groups share, theirs (Husayn's group lists Hossein, whose Persian
    group lists Hosseini: one kin; Mamadou is Muhammad's and a West African group's)."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            name = parent[name]
        return name

    first: dict[str, str] = {}
    for lists in _groups().values():
        for group in lists:
            for form in group:
                parent[root(group[0])] = root(first.setdefault(form, group[0]))
    return {form: root(name) for form, name in first.items()}


def canonical(token: str) -> str:
    """The canonical spelling of ``token``'s group, or ``token`` when it is in none."""
    return table().get(token, token)
