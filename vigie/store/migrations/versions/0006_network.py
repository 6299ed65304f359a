"""network charts

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "network_chart",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("entities", sa.Text(), nullable=False),
        sa.Column("pinned", sa.Text(), nullable=False),
        sa.Column("hidden", sa.Text(), nullable=False),
        sa.Column("filters", sa.Text(), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_network_chart_handling_id_handling")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_chart")),
    )
    with op.batch_alter_table("network_chart", schema=None) as batch_op:
        batch_op.create_index("ix_network_chart_owner", ["owner"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("network_chart", schema=None) as batch_op:
        batch_op.drop_index("ix_network_chart_owner")

    op.drop_table("network_chart")
