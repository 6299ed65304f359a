"""resolution: the linkage model, scored pairs, resolved records and judgements

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "resolve_model",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("engine", sa.String(length=16), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("settings", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_resolve_model_handling_id_handling")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolve_model")),
    )
    op.create_table(
        "resolve_record",
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["resolve_model.id"],
            name=op.f("fk_resolve_record_model_id_resolve_model"),
        ),
        sa.PrimaryKeyConstraint("entity_id", name=op.f("pk_resolve_record")),
    )
    op.create_table(
        "resolve_pair",
        sa.Column("left_id", sa.String(length=255), nullable=False),
        sa.Column("right_id", sa.String(length=255), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("match_weight", sa.Float(), nullable=False),
        sa.Column("levels", sa.String(length=64), nullable=False),
        sa.Column("adjustment", sa.Float(), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"], ["resolve_model.id"], name=op.f("fk_resolve_pair_model_id_resolve_model")
        ),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_resolve_pair_handling_id_handling")
        ),
        sa.PrimaryKeyConstraint("left_id", "right_id", name=op.f("pk_resolve_pair")),
    )
    with op.batch_alter_table("resolve_pair", schema=None) as batch_op:
        batch_op.create_index("ix_resolve_pair_right_id", ["right_id"], unique=False)
        batch_op.create_index("ix_resolve_pair_probability", ["probability"], unique=False)
    op.create_table(
        "resolve_judgement",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("left_id", sa.String(length=255), nullable=False),
        sa.Column("right_id", sa.String(length=255), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.String(length=32), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["handling_id"],
            ["handling.id"],
            name=op.f("fk_resolve_judgement_handling_id_handling"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolve_judgement")),
    )
    with op.batch_alter_table("resolve_judgement", schema=None) as batch_op:
        batch_op.create_index("ix_resolve_judgement_pair", ["left_id", "right_id"], unique=False)
        batch_op.create_index("ix_resolve_judgement_right_id", ["right_id"], unique=False)


def downgrade() -> None:
    op.drop_table("resolve_judgement")
    op.drop_table("resolve_pair")
    op.drop_table("resolve_record")
    op.drop_table("resolve_model")
