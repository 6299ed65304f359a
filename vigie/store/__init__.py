"""The store: statements and workflow tables in SQL (SQLite by default, PostgreSQL at scale).

Every read goes through a :class:`~vigie.store.view.View` built for a reader, which applies the
policy filter inside its queries; every write goes through a write transaction in ``db``.
"""

from vigie.store.store import Store

__all__ = ["Store"]
