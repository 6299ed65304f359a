"""The relational schema: statements (the facts), their handling, collection reports, users,
sessions and the audit log. Alembic migrations in ``vigie/store/migrations`` create it.

Handling is stored once per distinct combination (table ``handling``) with its caveats, partners
and compartments in child tables, so that the policy filter compiles into small ``EXISTS``
sub-queries over a few rows instead of string matching over millions of statements.
"""

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

handling = Table(
    "handling",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(1000), nullable=False, unique=True),
    Column("marking", Integer, nullable=False),
)

handling_caveat = Table(
    "handling_caveat",
    metadata,
    Column("handling_id", Integer, ForeignKey("handling.id"), primary_key=True),
    Column("caveat", String(64), primary_key=True),
)

handling_release = Table(
    "handling_release",
    metadata,
    Column("handling_id", Integer, ForeignKey("handling.id"), primary_key=True),
    Column("partner", String(64), primary_key=True),
)

handling_compartment = Table(
    "handling_compartment",
    metadata,
    Column("handling_id", Integer, ForeignKey("handling.id"), primary_key=True),
    Column("compartment", String(64), primary_key=True),
)

source = Table(
    "source",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("title", String(500), nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("created_at", String(32), nullable=False),
)

report = Table(
    "report",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(100), ForeignKey("source.name"), nullable=False),
    Column("kind", String(50), nullable=False),
    Column("file_name", String(1000), nullable=False),
    Column("checksum", String(64), nullable=False),
    Column("imported_by", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("credibility", String(1), nullable=False),
    Column("requirement", String(100), nullable=True),
    Column("entities", Integer, nullable=False, default=0),
    Column("statements", Integer, nullable=False, default=0),
    UniqueConstraint("source", "checksum", "handling_id", "reliability", "credibility"),
)

statement = Table(
    "statement",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("entity_id", String(255), nullable=False),
    Column("schema", String(64), nullable=False),
    Column("prop", String(64), nullable=False),
    Column("value", Text, nullable=False),
    Column("lang", String(8), nullable=True),
    Column("original_value", Text, nullable=True),
    Column("source", String(100), nullable=False),
    Column("report_id", Integer, ForeignKey("report.id"), nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("credibility", String(1), nullable=False),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
    # Names and identifiers only: the value folded to ASCII words, and their consonant
    # skeletons; the dialect's full-text index over them lives in ``vigie.store.db``.
    Column("folded", Text, nullable=True),
    Column("skeleton", Text, nullable=True),
    # Values that link entities (references, identifiers, phones, e-mails, addresses) are
    # looked up by value; names and dates never are, so only the former are indexed by value.
    Column("linkable", Boolean, nullable=False),
    Index("ix_statement_entity_id", "entity_id"),
)
# The query must spell the condition the same way for SQLite to use the partial index.
LINKABLE = statement.c.linkable == True  # noqa: E712
Index("ix_statement_link", statement.c.value, sqlite_where=LINKABLE, postgresql_where=LINKABLE)

account = Table(
    "account",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("role", String(32), nullable=False),
    Column("clearance", String(32), nullable=False),
    Column("caveats", Text, nullable=False, default=""),
    Column("compartments", Text, nullable=False, default=""),
    Column("partner", String(64), nullable=True),
    Column("password_hash", String(255), nullable=False),
    Column("language", String(8), nullable=False, default="en"),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", String(32), nullable=False),
)

api_token = Table(
    "api_token",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_name", String(100), ForeignKey("account.name"), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
)

web_session = Table(
    "web_session",
    metadata,
    Column("session_hash", String(64), primary_key=True),
    Column("user_name", String(100), ForeignKey("account.name"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
)

login_attempt = Table(
    "login_attempt",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_name", String(100), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", String(32), nullable=False),
    Column("ok", Boolean, nullable=False),
    Index("ix_login_attempt_user_at", "user_name", "at"),
)

audit = Table(
    "audit",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", String(1000), nullable=False),
    Column("details", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# The chain's head, kept apart so that deleting the newest audit rows is detected too.
audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)

lookout = Table(
    "lookout",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("subject_entity_id", String(255), nullable=True),
    Column("subject_name", String(500), nullable=False),
    Column("subject_birth_date", String(10), nullable=True),
    Column("subject_nationality", String(8), nullable=True),
    Column("subject_document", String(64), nullable=True),
    Column("category", String(32), nullable=False),
    Column("narrative", Text, nullable=False),
    Column("requesting_unit", String(200), nullable=False),
    Column("expires_on", String(10), nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("credibility", String(1), nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("decided_by", String(100), nullable=True),
    Column("decided_at", String(32), nullable=True),
    Column("decision_reason", Text, nullable=True),
    Column("withdrawn_by", String(100), nullable=True),
    Column("withdrawn_at", String(32), nullable=True),
    Column("withdrawal_reason", Text, nullable=True),
    Column("report_id", Integer, ForeignKey("report.id"), nullable=True),
    Index("ix_lookout_status", "status"),
    Index("ix_lookout_subject_entity_id", "subject_entity_id"),
)

# A saved link chart: the entities on it, those pinned and hidden, and the filters, under the
# handling of everything it showed when saved. Case files attach charts by id.
network_chart = Table(
    "network_chart",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("owner", String(100), nullable=False),
    Column("entities", Text, nullable=False),
    Column("pinned", Text, nullable=False),
    Column("hidden", Text, nullable=False),
    Column("filters", Text, nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("created_at", String(32), nullable=False),
    Index("ix_network_chart_owner", "owner"),
)
