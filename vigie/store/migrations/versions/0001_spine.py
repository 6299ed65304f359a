"""spine: statements, handling, reports, users, audit

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from vigie.store import db

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("clearance", sa.String(length=32), nullable=False),
        sa.Column("caveats", sa.Text(), nullable=False),
        sa.Column("compartments", sa.Text(), nullable=False),
        sa.Column("partner", sa.String(length=64), nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_account")),
    )
    op.create_table(
        "audit",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target", sa.String(length=1000), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit")),
    )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.create_table(
        "handling",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=1000), nullable=False),
        sa.Column("marking", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handling")),
        sa.UniqueConstraint("key", name=op.f("uq_handling_key")),
    )
    op.create_table(
        "login_attempt",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_name", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempt")),
    )
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.create_index("ix_login_attempt_user_at", ["user_name", "at"], unique=False)

    op.create_table(
        "source",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("reliability", sa.String(length=1), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_source")),
    )
    op.create_table(
        "api_token",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_name"], ["account.name"], name=op.f("fk_api_token_user_name_account")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_api_token")),
    )
    op.create_table(
        "handling_caveat",
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("caveat", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_handling_caveat_handling_id_handling")
        ),
        sa.PrimaryKeyConstraint("handling_id", "caveat", name=op.f("pk_handling_caveat")),
    )
    op.create_table(
        "handling_compartment",
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("compartment", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["handling_id"],
            ["handling.id"],
            name=op.f("fk_handling_compartment_handling_id_handling"),
        ),
        sa.PrimaryKeyConstraint("handling_id", "compartment", name=op.f("pk_handling_compartment")),
    )
    op.create_table(
        "handling_release",
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("partner", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_handling_release_handling_id_handling")
        ),
        sa.PrimaryKeyConstraint("handling_id", "partner", name=op.f("pk_handling_release")),
    )
    op.create_table(
        "report",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("file_name", sa.String(length=1000), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("imported_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("reliability", sa.String(length=1), nullable=False),
        sa.Column("credibility", sa.String(length=1), nullable=False),
        sa.Column("requirement", sa.String(length=100), nullable=True),
        sa.Column("entities", sa.Integer(), nullable=False),
        sa.Column("statements", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_report_handling_id_handling")
        ),
        sa.ForeignKeyConstraint(["source"], ["source.name"], name=op.f("fk_report_source_source")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report")),
        sa.UniqueConstraint(
            "source",
            "checksum",
            "handling_id",
            "reliability",
            "credibility",
            name=op.f("uq_report_source_checksum_handling_id_reliability_credibility"),
        ),
    )
    op.create_table(
        "web_session",
        sa.Column("session_hash", sa.String(length=64), nullable=False),
        sa.Column("user_name", sa.String(length=100), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_name"], ["account.name"], name=op.f("fk_web_session_user_name_account")
        ),
        sa.PrimaryKeyConstraint("session_hash", name=op.f("pk_web_session")),
    )
    op.create_table(
        "statement",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.Column("schema", sa.String(length=64), nullable=False),
        sa.Column("prop", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=True),
        sa.Column("original_value", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("reliability", sa.String(length=1), nullable=False),
        sa.Column("credibility", sa.String(length=1), nullable=False),
        sa.Column("first_seen", sa.String(length=32), nullable=False),
        sa.Column("last_seen", sa.String(length=32), nullable=False),
        sa.Column("folded", sa.Text(), nullable=True),
        sa.Column("skeleton", sa.Text(), nullable=True),
        sa.Column("linkable", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_statement_handling_id_handling")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_statement_report_id_report")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement")),
    )
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.create_index("ix_statement_entity_id", ["entity_id"], unique=False)
        batch_op.create_index(
            "ix_statement_link",
            ["value"],
            unique=False,
            sqlite_where=sa.text("linkable = 1"),
            postgresql_where=sa.text("linkable = true"),
        )

    db.create_text_index(op.get_bind())
    db.create_audit_guard(op.get_bind())


def downgrade() -> None:
    db.drop_audit_guard(op.get_bind())
    db.drop_text_index(op.get_bind())
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_statement_link",
            sqlite_where=sa.text("linkable = 1"),
            postgresql_where=sa.text("linkable = true"),
        )
        batch_op.drop_index("ix_statement_entity_id")

    op.drop_table("statement")
    op.drop_table("web_session")
    op.drop_table("report")
    op.drop_table("handling_release")
    op.drop_table("handling_compartment")
    op.drop_table("handling_caveat")
    op.drop_table("api_token")
    op.drop_table("source")
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_login_attempt_user_at")

    op.drop_table("login_attempt")
    op.drop_table("handling")
    op.drop_table("audit_head")
    op.drop_table("audit")
    op.drop_table("account")
