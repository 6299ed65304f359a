"""lookouts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lookout",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("subject_entity_id", sa.String(length=255), nullable=True),
        sa.Column("subject_name", sa.String(length=500), nullable=False),
        sa.Column("subject_birth_date", sa.String(length=10), nullable=True),
        sa.Column("subject_nationality", sa.String(length=8), nullable=True),
        sa.Column("subject_document", sa.String(length=64), nullable=True),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("requesting_unit", sa.String(length=200), nullable=False),
        sa.Column("expires_on", sa.String(length=10), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("reliability", sa.String(length=1), nullable=False),
        sa.Column("credibility", sa.String(length=1), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.String(length=32), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("withdrawn_by", sa.String(length=100), nullable=True),
        sa.Column("withdrawn_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawal_reason", sa.Text(), nullable=True),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_lookout_handling_id_handling")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_lookout_report_id_report")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lookout")),
    )
    with op.batch_alter_table("lookout", schema=None) as batch_op:
        batch_op.create_index("ix_lookout_status", ["status"], unique=False)
        batch_op.create_index("ix_lookout_subject_entity_id", ["subject_entity_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("lookout", schema=None) as batch_op:
        batch_op.drop_index("ix_lookout_subject_entity_id")
        batch_op.drop_index("ix_lookout_status")

    op.drop_table("lookout")
