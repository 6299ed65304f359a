"""What the Alembic environment and the schema test share."""

from __future__ import annotations


def include_object(
    obj: object, name: str | None, kind: str, reflected: bool, compare_to: object
) -> bool:
    """Leave alone what ``db.create_text_index`` makes outside the declared tables: FTS5's
    tables on SQLite, the GIN indexes on PostgreSQL."""
    if name is None:
        return True
    if kind == "table":
        return not name.startswith("statement_fts")
    if kind == "index":
        return not name.endswith("_fts")
    return True
