"""screening: screenings, their hits and cleared false positives

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _handling(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["handling_id"], ["handling.id"], name=op.f(f"fk_{table}_handling_id_handling")
    )


def upgrade() -> None:
    op.create_table(
        "screening",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("list_version", sa.String(length=64), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("screened_by", sa.String(length=100), nullable=False),
        sa.Column("screened_at", sa.String(length=32), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        _handling("screening"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening")),
    )
    op.create_table(
        "screening_hit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("screening_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.Column("caption", sa.String(length=500), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("match", sa.Boolean(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("traveller_keys", sa.Text(), nullable=False),
        sa.Column("entry_version", sa.String(length=64), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("clearance_id", sa.Integer(), nullable=True),
        _handling("screening_hit"),
        sa.ForeignKeyConstraint(
            ["screening_id"],
            ["screening.id"],
            name=op.f("fk_screening_hit_screening_id_screening"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_hit")),
    )
    op.create_index("ix_screening_hit_status", "screening_hit", ["status"])
    op.create_index("ix_screening_hit_screening_id", "screening_hit", ["screening_id"])
    op.create_table(
        "screening_clearance",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.Column("traveller_key", sa.String(length=600), nullable=False),
        sa.Column("entry_version", sa.String(length=64), nullable=False),
        sa.Column("hit_id", sa.Integer(), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("cleared_by", sa.String(length=100), nullable=False),
        sa.Column("cleared_at", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("revoked_by", sa.String(length=100), nullable=True),
        sa.Column("revoked_at", sa.String(length=32), nullable=True),
        sa.Column("revocation_reason", sa.Text(), nullable=True),
        _handling("screening_clearance"),
        sa.ForeignKeyConstraint(
            ["hit_id"],
            ["screening_hit.id"],
            name=op.f("fk_screening_clearance_hit_id_screening_hit"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_clearance")),
    )
    op.create_index(
        "ix_screening_clearance_key", "screening_clearance", ["entity_id", "traveller_key"]
    )


def downgrade() -> None:
    op.drop_index("ix_screening_clearance_key", table_name="screening_clearance")
    op.drop_table("screening_clearance")
    op.drop_index("ix_screening_hit_screening_id", table_name="screening_hit")
    op.drop_index("ix_screening_hit_status", table_name="screening_hit")
    op.drop_table("screening_hit")
    op.drop_table("screening")
