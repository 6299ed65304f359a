"""Alembic environment: runs on the connection that ``vigie.store.migrate`` hands over."""

from alembic import context

from vigie.store.migrations.env_support import include_object
from vigie.store.tables import metadata

connection = context.config.attributes["connection"]


context.configure(
    connection=connection,
    target_metadata=metadata,
    include_object=include_object,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
