"""What a page shows beyond one store call: the marking of an entity page."""

from __future__ import annotations

from vigie.model.entity import Entity
from vigie.model.handling import Handling, combine
from vigie.store.view import Relation


def page_handling(entity: Entity, relations: list[Relation]) -> Handling:
    """The banner of an entity page: the combined handling of every fact of the entity and of
    every related entity the page names (and of the edges it names them through).

    A related entity is shown by its caption and type only, but its caption comes from facts of
    its own, so the page is marked as high as everything the reader may see of it: marking a
    page too high is a nuisance, marking it too low is a spill.
    """
    return combine([entity.handling, *(r.handling for r in relations)])
