"""cycle: requirements, tasks, products, releases, feedback, watches, cases, case support

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_file",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("compartment", sa.String(length=64), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_case_file_handling_id_handling")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_file")),
    )
    op.create_table(
        "requirement",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column("region", sa.String(length=200), nullable=False),
        sa.Column("client", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("closed_by", sa.String(length=100), nullable=True),
        sa.Column("closed_at", sa.String(length=32), nullable=True),
        sa.Column("close_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_requirement_handling_id_handling")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requirement")),
    )
    op.create_table(
        "watch",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("last_report", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner"], ["account.name"], name=op.f("fk_watch_owner_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch")),
    )
    with op.batch_alter_table("watch", schema=None) as batch_op:
        batch_op.create_index("ix_watch_owner", ["owner"], unique=False)

    op.create_table(
        "case_item",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref", sa.String(length=255), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.Column("added_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_case_item_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_case_item_handling_id_handling")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_item")),
    )
    with op.batch_alter_table("case_item", schema=None) as batch_op:
        batch_op.create_index("ix_case_item_case_id", ["case_id"], unique=False)

    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("watch_id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("facts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("seen_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_notification_report_id_report")
        ),
        sa.ForeignKeyConstraint(
            ["watch_id"], ["watch.id"], name=op.f("fk_notification_watch_id_watch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index("ix_notification_owner", ["owner"], unique=False)

    op.create_table(
        "product",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("requirement_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_product_handling_id_handling")
        ),
        sa.ForeignKeyConstraint(
            ["requirement_id"],
            ["requirement.id"],
            name=op.f("fk_product_requirement_id_requirement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product")),
    )
    op.create_table(
        "requirement_question",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("requirement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["requirement_id"],
            ["requirement.id"],
            name=op.f("fk_requirement_question_requirement_id_requirement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requirement_question")),
    )
    with op.batch_alter_table("requirement_question", schema=None) as batch_op:
        batch_op.create_index(
            "ix_requirement_question_requirement_id", ["requirement_id"], unique=False
        )

    op.create_table(
        "requirement_report",
        sa.Column("requirement_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("linked_by", sa.String(length=100), nullable=False),
        sa.Column("linked_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_requirement_report_report_id_report")
        ),
        sa.ForeignKeyConstraint(
            ["requirement_id"],
            ["requirement.id"],
            name=op.f("fk_requirement_report_requirement_id_requirement"),
        ),
        sa.PrimaryKeyConstraint("requirement_id", "report_id", name=op.f("pk_requirement_report")),
    )
    op.create_table(
        "support_request",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("requester", sa.String(length=100), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=True),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("assigned_to", sa.String(length=100), nullable=True),
        sa.Column("assigned_by", sa.String(length=100), nullable=True),
        sa.Column("assigned_at", sa.String(length=32), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answer_handling_id", sa.Integer(), nullable=True),
        sa.Column("answered_by", sa.String(length=100), nullable=True),
        sa.Column("answered_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["answer_handling_id"],
            ["handling.id"],
            name=op.f("fk_support_request_answer_handling_id_handling"),
        ),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_support_request_handling_id_handling")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_request")),
    )
    op.create_table(
        "product_citation",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("statement_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_product_citation_product_id_product")
        ),
        sa.PrimaryKeyConstraint(
            "product_id", "version", "position", "statement_id", name=op.f("pk_product_citation")
        ),
    )
    op.create_table(
        "product_paragraph",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("tearline", sa.Text(), nullable=True),
        sa.Column("tearline_handling_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_product_paragraph_handling_id_handling")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_product_paragraph_product_id_product")
        ),
        sa.ForeignKeyConstraint(
            ["tearline_handling_id"],
            ["handling.id"],
            name=op.f("fk_product_paragraph_tearline_handling_id_handling"),
        ),
        sa.PrimaryKeyConstraint(
            "product_id", "version", "position", name=op.f("pk_product_paragraph")
        ),
    )
    op.create_table(
        "product_version",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("submitted_at", sa.String(length=32), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.String(length=32), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_product_version_product_id_product")
        ),
        sa.PrimaryKeyConstraint("product_id", "version", name=op.f("pk_product_version")),
    )
    op.create_table(
        "release",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("partner", sa.String(length=100), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("authority", sa.Text(), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("paragraphs", sa.Integer(), nullable=False),
        sa.Column("withheld", sa.Integer(), nullable=False),
        sa.Column("released_by", sa.String(length=100), nullable=False),
        sa.Column("released_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_release_handling_id_handling")
        ),
        sa.ForeignKeyConstraint(
            ["partner"], ["account.name"], name=op.f("fk_release_partner_account")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_release_product_id_product")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release")),
        sa.UniqueConstraint(
            "product_id", "version", "partner", name=op.f("uq_release_product_id_version_partner")
        ),
    )
    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("requirement_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("instructions", sa.Text(), nullable=False),
        sa.Column("due_on", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("closed_by", sa.String(length=100), nullable=True),
        sa.Column("closed_at", sa.String(length=32), nullable=True),
        sa.Column("close_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_task_handling_id_handling")
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["requirement_question.id"],
            name=op.f("fk_task_question_id_requirement_question"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_task_report_id_report")
        ),
        sa.ForeignKeyConstraint(
            ["requirement_id"], ["requirement.id"], name=op.f("fk_task_requirement_id_requirement")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index("ix_task_requirement_id", ["requirement_id"], unique=False)

    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("release_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("requirement_id", sa.Integer(), nullable=True),
        sa.Column("rating", sa.String(length=16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("handling_id", sa.Integer(), nullable=False),
        sa.Column("given_by", sa.String(length=100), nullable=False),
        sa.Column("given_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["handling_id"], ["handling.id"], name=op.f("fk_feedback_handling_id_handling")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_feedback_product_id_product")
        ),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_feedback_release_id_release")
        ),
        sa.ForeignKeyConstraint(
            ["requirement_id"],
            ["requirement.id"],
            name=op.f("fk_feedback_requirement_id_requirement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )


def downgrade() -> None:
    op.drop_table("feedback")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index("ix_task_requirement_id")

    op.drop_table("task")
    op.drop_table("release")
    op.drop_table("product_version")
    op.drop_table("product_paragraph")
    op.drop_table("product_citation")
    op.drop_table("support_request")
    op.drop_table("requirement_report")
    with op.batch_alter_table("requirement_question", schema=None) as batch_op:
        batch_op.drop_index("ix_requirement_question_requirement_id")

    op.drop_table("requirement_question")
    op.drop_table("product")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_owner")

    op.drop_table("notification")
    with op.batch_alter_table("case_item", schema=None) as batch_op:
        batch_op.drop_index("ix_case_item_case_id")

    op.drop_table("case_item")
    with op.batch_alter_table("watch", schema=None) as batch_op:
        batch_op.drop_index("ix_watch_owner")

    op.drop_table("watch")
    op.drop_table("requirement")
    op.drop_table("case_file")
