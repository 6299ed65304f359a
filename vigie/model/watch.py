"""Watches: a user asks to be told when new facts arrive about an entity, or about entities
that a saved search finds. A watch never reveals more than its owner may see: it is checked with
the owner's own reader."""

from __future__ import annotations

from enum import StrEnum

from vigie.errors import InvalidInput
from vigie.i18n import _

MAX_QUERY = 500


class WatchKind(StrEnum):
    """What a watch follows."""

    ENTITY = "entity"
    SEARCH = "search"

    @classmethod
    def parse(cls, text: str) -> WatchKind:
        """Read a watch kind."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise InvalidInput(
                _("unknown watch {text!r}; expected entity or search").format(text=text)
            ) from None


def clean_target(kind: WatchKind, target: str) -> str:
    """The entity id or search query a watch follows, or an error naming what is wrong."""
    value = target.strip()
    if not value:
        if kind is WatchKind.ENTITY:
            raise InvalidInput(_("name the entity to watch"))
        raise InvalidInput(_("the saved search has no query"))
    if len(value) > MAX_QUERY:
        raise InvalidInput(
            _("the watch's target is too long: at most {count} characters").format(count=MAX_QUERY)
        )
    return value
