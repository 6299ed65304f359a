"""document alerts, checks and alert matches

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _handling(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["handling_id"], ["handling.id"], name=op.f(f"fk_{table}_handling_id_handling")
    )


def upgrade() -> None:
    op.create_table(
        "document_alert",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("issuing_state", sa.String(length=3), nullable=True),
        sa.Column("document_type", sa.String(length=32), nullable=True),
        sa.Column("number_pattern", sa.String(length=64), nullable=True),
        sa.Column("number_from", sa.String(length=64), nullable=True),
        sa.Column("number_to", sa.String(length=64), nullable=True),
        sa.Column("issued_from", sa.String(length=10), nullable=True),
        sa.Column("issued_to", sa.String(length=10), nullable=True),
        sa.Column("features", sa.Text(), nullable=False),
        sa.Column("expires_on", sa.String(length=10), nullable=True),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("reliability", sa.String(length=1), nullable=False),
        sa.Column("credibility", sa.String(length=1), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("withdrawn_by", sa.String(length=100), nullable=True),
        sa.Column("withdrawn_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawal_reason", sa.Text(), nullable=True),
        sa.Column("matched_through", sa.Integer(), nullable=True),
        _handling("document_alert"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_alert")),
    )
    op.create_index("ix_document_alert_status", "document_alert", ["status"])
    op.create_table(
        "document_check",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("checked_by", sa.String(length=100), nullable=False),
        sa.Column("checked_at", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("mrz", sa.Text(), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=True),
        sa.Column("document_number", sa.String(length=64), nullable=True),
        sa.Column("issuing_state", sa.String(length=3), nullable=True),
        sa.Column("holder_name", sa.String(length=500), nullable=True),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("referred_by", sa.String(length=100), nullable=True),
        sa.Column("referred_at", sa.String(length=32), nullable=True),
        sa.Column("referral_reason", sa.Text(), nullable=True),
        sa.Column("reviewed_by", sa.String(length=100), nullable=True),
        sa.Column("reviewed_at", sa.String(length=32), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        _handling("document_check"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_check")),
    )
    op.create_index("ix_document_check_number", "document_check", ["document_number"])
    op.create_index("ix_document_check_referred_at", "document_check", ["referred_at"])
    op.create_table(
        "document_alert_match",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=True),
        sa.Column("check_id", sa.Integer(), nullable=True),
        sa.Column("document_number", sa.String(length=64), nullable=False),
        sa.Column("issuing_state", sa.String(length=8), nullable=True),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.String(length=32), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["document_alert.id"],
            name=op.f("fk_document_alert_match_alert_id_document_alert"),
        ),
        sa.ForeignKeyConstraint(
            ["check_id"],
            ["document_check.id"],
            name=op.f("fk_document_alert_match_check_id_document_check"),
        ),
        _handling("document_alert_match"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_alert_match")),
        sa.UniqueConstraint(
            "alert_id",
            "entity_id",
            "document_number",
            "handling_id",
            name="uq_document_alert_match",
        ),
    )
    op.create_index("ix_document_alert_match_status", "document_alert_match", ["status"])


def downgrade() -> None:
    op.drop_index("ix_document_alert_match_status", table_name="document_alert_match")
    op.drop_table("document_alert_match")
    op.drop_index("ix_document_check_referred_at", table_name="document_check")
    op.drop_index("ix_document_check_number", table_name="document_check")
    op.drop_table("document_check")
    op.drop_index("ix_document_alert_status", table_name="document_alert")
    op.drop_table("document_alert")
