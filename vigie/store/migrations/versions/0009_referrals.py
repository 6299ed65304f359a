"""referrals: admissibility referrals, their grounds, evidence and decisions; redress records

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _handling(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["handling_id"], ["handling.id"], name=op.f(f"fk_{table}_handling_id_handling")
    )


def _referral(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["referral_id"], ["referral.id"], name=op.f(f"fk_{table}_referral_id_referral")
    )


def upgrade() -> None:
    # A nullable column with no default: SQLite adds it in place, no table copy needed.
    op.add_column("screening_hit", sa.Column("redress_id", sa.Integer(), nullable=True))
    op.create_table(
        "screening_redress",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("granted_by", sa.String(length=100), nullable=False),
        sa.Column("granted_at", sa.String(length=32), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("revoked_by", sa.String(length=100), nullable=True),
        sa.Column("revoked_at", sa.String(length=32), nullable=True),
        sa.Column("revocation_reason", sa.Text(), nullable=True),
        _handling("screening_redress"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_redress")),
    )
    op.create_table(
        "screening_redress_key",
        sa.Column("redress_id", sa.Integer(), nullable=False),
        sa.Column("traveller_key", sa.String(length=600), nullable=False),
        sa.ForeignKeyConstraint(
            ["redress_id"],
            ["screening_redress.id"],
            name=op.f("fk_screening_redress_key_redress_id_screening_redress"),
        ),
        sa.PrimaryKeyConstraint(
            "redress_id", "traveller_key", name=op.f("pk_screening_redress_key")
        ),
    )
    op.create_index("ix_screening_redress_key_key", "screening_redress_key", ["traveller_key"])
    op.create_table(
        "referral",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hit_id", sa.Integer(), nullable=True),
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.Column("caption", sa.String(length=500), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        _handling("referral"),
        sa.ForeignKeyConstraint(
            ["hit_id"], ["screening_hit.id"], name=op.f("fk_referral_hit_id_screening_hit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    op.create_index("ix_referral_status", "referral", ["status"])
    op.create_index("ix_referral_entity_id", "referral", ["entity_id"])
    op.create_table(
        "referral_ground",
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("ground", sa.String(length=32), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        _referral("referral_ground"),
        sa.PrimaryKeyConstraint("referral_id", "ground", name=op.f("pk_referral_ground")),
    )
    op.create_table(
        "referral_evidence",
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("ground", sa.String(length=32), nullable=False),
        sa.Column("statement_id", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        _referral("referral_evidence"),
        sa.PrimaryKeyConstraint(
            "referral_id", "ground", "statement_id", name=op.f("pk_referral_evidence")
        ),
    )
    op.create_table(
        "referral_decision",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=24), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.String(length=32), nullable=False),
        _referral("referral_decision"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral_decision")),
    )
    op.create_index("ix_referral_decision_referral_id", "referral_decision", ["referral_id"])


def downgrade() -> None:
    op.drop_index("ix_referral_decision_referral_id", table_name="referral_decision")
    op.drop_table("referral_decision")
    op.drop_table("referral_evidence")
    op.drop_table("referral_ground")
    op.drop_index("ix_referral_entity_id", table_name="referral")
    op.drop_index("ix_referral_status", table_name="referral")
    op.drop_table("referral")
    op.drop_index("ix_screening_redress_key_key", table_name="screening_redress_key")
    op.drop_table("screening_redress_key")
    op.drop_table("screening_redress")
    with op.batch_alter_table("screening_hit") as batch:
        batch.drop_column("redress_id")
