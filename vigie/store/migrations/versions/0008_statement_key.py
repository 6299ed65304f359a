"""statement: an integer key and a binary digest; grading and first sighting from the report

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25

The forty-character hexadecimal primary key made its unique index most of the cost of writing a
statement. The content address is now a twenty-byte ``digest`` (the same SHA-1, so facts keep
their ids and products their citations) beside a small integer key. A statement's reliability,
credibility and first sighting were copies of its report's and are read from the report.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from vigie.store import db

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SHARED = (
    "entity_id, schema, prop, value, lang, original_value, source, report_id, handling_id, "
    "last_seen, folded, skeleton, linkable"
)


def _common_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.Column("schema", sa.String(length=64), nullable=False),
        sa.Column("prop", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=True),
        sa.Column("original_value", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
    ]


def _foreign_keys() -> list[sa.ForeignKeyConstraint]:
    return [
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_statement_handling_id_handling")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_statement_report_id_report")
        ),
    ]


def _text_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("folded", sa.Text(), nullable=True),
        sa.Column("skeleton", sa.Text(), nullable=True),
        sa.Column("linkable", sa.Boolean(), nullable=False),
    ]


def _set_aside() -> None:
    """Rename the statement table out of the way, with what would clash with the new one."""
    bind = op.get_bind()
    db.drop_text_index(bind)
    with op.batch_alter_table("statement") as batch_op:
        batch_op.drop_index(
            "ix_statement_link",
            sqlite_where=sa.text("linkable = 1"),
            postgresql_where=sa.text("linkable = true"),
        )
        batch_op.drop_index("ix_statement_entity_id")
    op.rename_table("statement", "statement_old")
    db.rename_primary_key(bind, "statement_old", "pk_statement", "pk_statement_old")


def _finish() -> None:
    op.drop_table("statement_old")
    with op.batch_alter_table("statement") as batch_op:
        batch_op.create_index("ix_statement_entity_id", ["entity_id"], unique=False)
        batch_op.create_index(
            "ix_statement_link",
            ["value"],
            unique=False,
            sqlite_where=sa.text("linkable = 1"),
            postgresql_where=sa.text("linkable = true"),
        )
    db.create_text_index(op.get_bind())


def upgrade() -> None:
    _set_aside()
    op.create_table(
        "statement",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("digest", sa.LargeBinary(length=20), nullable=False),
        *_common_columns(),
        sa.Column("last_seen", sa.String(length=32), nullable=False),
        *_text_columns(),
        *_foreign_keys(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement")),
        sa.UniqueConstraint("digest", name=op.f("uq_statement_digest")),
    )
    digest = db.hex_to_bytes(op.get_bind(), "id")
    op.execute(
        f"INSERT INTO statement (digest, {_SHARED}) SELECT {digest}, {_SHARED} FROM statement_old"
    )
    _finish()


def downgrade() -> None:
    _set_aside()
    op.create_table(
        "statement",
        sa.Column("id", sa.String(length=40), nullable=False),
        *_common_columns(),
        sa.Column("reliability", sa.String(length=1), nullable=False),
        sa.Column("credibility", sa.String(length=1), nullable=False),
        sa.Column("first_seen", sa.String(length=32), nullable=False),
        sa.Column("last_seen", sa.String(length=32), nullable=False),
        *_text_columns(),
        *_foreign_keys(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement")),
    )
    hexed = db.bytes_to_hex(op.get_bind(), "s.digest")
    shared = ", ".join(f"s.{name.strip()}" for name in _SHARED.split(","))
    op.execute(
        f"INSERT INTO statement (id, {_SHARED}, reliability, credibility, first_seen) "
        f"SELECT {hexed}, {shared}, r.reliability, r.credibility, r.created_at "
        "FROM statement_old s JOIN report r ON r.id = s.report_id"
    )
    _finish()
