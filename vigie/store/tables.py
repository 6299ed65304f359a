"""The relational schema: statements (the facts), their handling, collection reports, users,
sessions and the audit log. Alembic migrations in ``vigie/store/migrations`` create it.

Handling is stored once per distinct combination (table ``handling``) with its caveats, partners
and compartments in child tables, so that the policy filter compiles into small ``EXISTS``
sub-queries over a few rows instead of string matching over millions of statements.
"""

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
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

# The longest source name: a source is named on the command line and in every report.
SOURCE_NAME_LENGTH = 100

source = Table(
    "source",
    metadata,
    Column("name", String(SOURCE_NAME_LENGTH), primary_key=True),
    Column("title", String(500), nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("created_at", String(32), nullable=False),
)

report = Table(
    "report",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(SOURCE_NAME_LENGTH), ForeignKey("source.name"), nullable=False),
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
    # A small integer key (SQLite's rowid) keeps the table and its indexes compact and the
    # full-text index's rowids stable; the content address is ``digest``.
    Column("id", Integer, primary_key=True, autoincrement=True),
    # SHA-1 of the fact and its provenance key (see ``vigie.store.writer.statement_id``): the
    # same fact from the same source, handling and grading is stored once. Twenty bytes rather
    # than forty hexadecimal characters: its unique index is most of the cost of an insert.
    Column("digest", LargeBinary(20), nullable=False, unique=True),
    Column("entity_id", String(255), nullable=False),
    Column("schema", String(64), nullable=False),
    Column("prop", String(64), nullable=False),
    Column("value", Text, nullable=False),
    Column("lang", String(8), nullable=True),
    Column("original_value", Text, nullable=True),
    Column("source", String(100), nullable=False),
    # The report gives the grading and the first sighting; the handling is repeated here
    # because every query filters on it.
    Column("report_id", Integer, ForeignKey("report.id"), nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
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

# Document integrity (``vigie.documents``): alerts on fraudulent document series, the documents
# officers check, and the matches of both checked and stored documents against active alerts.
# Each row carries a handling id, so the same policy rule filters them as filters facts.
document_alert = Table(
    "document_alert",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", String(200), nullable=False),
    Column("issuing_state", String(3), nullable=True),
    Column("document_type", String(32), nullable=True),
    Column("number_pattern", String(64), nullable=True),
    Column("number_from", String(64), nullable=True),
    Column("number_to", String(64), nullable=True),
    Column("issued_from", String(10), nullable=True),
    Column("issued_to", String(10), nullable=True),
    Column("features", Text, nullable=False),
    Column("expires_on", String(10), nullable=True),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("credibility", String(1), nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("withdrawn_by", String(100), nullable=True),
    Column("withdrawn_at", String(32), nullable=True),
    Column("withdrawal_reason", Text, nullable=True),
    # The newest collection report whose documents have been matched against this alert.
    Column("matched_through", Integer, nullable=True),
    Index("ix_document_alert_status", "status"),
)

document_check = Table(
    "document_check",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("checked_by", String(100), nullable=False),
    Column("checked_at", String(32), nullable=False),
    Column("source", String(16), nullable=False),
    Column("mrz", Text, nullable=False),
    Column("format", String(8), nullable=True),
    Column("document_number", String(64), nullable=True),
    Column("issuing_state", String(3), nullable=True),
    Column("holder_name", String(500), nullable=True),
    Column("verdict", String(16), nullable=False),
    Column("findings", Text, nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("referred_by", String(100), nullable=True),
    Column("referred_at", String(32), nullable=True),
    Column("referral_reason", Text, nullable=True),
    Column("reviewed_by", String(100), nullable=True),
    Column("reviewed_at", String(32), nullable=True),
    Column("review_note", Text, nullable=True),
    Index("ix_document_check_number", "document_number"),
    Index("ix_document_check_referred_at", "referred_at"),
)

document_alert_match = Table(
    "document_alert_match",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", Integer, ForeignKey("document_alert.id"), nullable=False),
    Column("entity_id", String(255), nullable=True),
    Column("check_id", Integer, ForeignKey("document_check.id"), nullable=True),
    Column("document_number", String(64), nullable=False),
    Column("issuing_state", String(8), nullable=True),
    Column("reasons", Text, nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("decided_by", String(100), nullable=True),
    Column("decided_at", String(32), nullable=True),
    Column("decision_reason", Text, nullable=True),
    # Named here: the convention's name would pass PostgreSQL's 63-character limit.
    UniqueConstraint(
        "alert_id", "entity_id", "document_number", "handling_id", name="uq_document_alert_match"
    ),
    Index("ix_document_alert_match_status", "status"),
)

# Entity resolution (``vigie.resolve``): the trained model saved with the data, the pairs it
# scored, the records it has seen, and analysts' judgements. Statements are never rewritten: a
# cluster is computed from these rows for each reader.
resolve_model = Table(
    "resolve_model",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("engine", String(16), nullable=False),
    Column("records", Integer, nullable=False),
    Column("settings", Text, nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
)

resolve_record = Table(
    "resolve_record",
    metadata,
    Column("entity_id", String(255), primary_key=True),
    Column("model_id", Integer, ForeignKey("resolve_model.id"), nullable=False),
)

resolve_pair = Table(
    "resolve_pair",
    metadata,
    Column("left_id", String(255), primary_key=True),
    Column("right_id", String(255), primary_key=True),
    Column("model_id", Integer, ForeignKey("resolve_model.id"), nullable=False),
    Column("probability", Float, nullable=False),
    Column("match_weight", Float, nullable=False),
    # Each comparison's level, comma-separated in the model's order: the explanation is read
    # back from the model's weights for these levels.
    Column("levels", String(64), nullable=False),
    # The match weight added or taken away for how common the name is (0 when none).
    Column("adjustment", Float, nullable=False, default=0.0),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Index("ix_resolve_pair_right_id", "right_id"),
    Index("ix_resolve_pair_probability", "probability"),
)

resolve_judgement = Table(
    "resolve_judgement",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("left_id", String(255), nullable=False),
    Column("right_id", String(255), nullable=False),
    Column("verdict", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("decided_by", String(100), nullable=False),
    Column("decided_at", String(32), nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Index("ix_resolve_judgement_pair", "left_id", "right_id"),
    Index("ix_resolve_judgement_right_id", "right_id"),
)

# Screening (vigie/screen): each screening of one traveller, the hits it raised (each waiting
# for an officer's decision) and the false positives cleared for a traveller against an entry.
# A hit carries the handling of the entry it names, so only those who may see the entry see it.
screening = Table(
    "screening",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reference", String(200), nullable=False),
    Column("subject", Text, nullable=False),
    Column("list_version", String(64), nullable=False),
    Column("entries", Integer, nullable=False),
    Column("screened_by", String(100), nullable=False),
    Column("screened_at", String(32), nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
)

screening_hit = Table(
    "screening_hit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("screening_id", Integer, ForeignKey("screening.id"), nullable=False),
    Column("entity_id", String(255), nullable=False),
    Column("caption", String(500), nullable=False),
    Column("score", Float, nullable=False),
    Column("match", Boolean, nullable=False),
    Column("explanation", Text, nullable=False),
    Column("traveller_keys", Text, nullable=False),
    Column("entry_version", String(64), nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("decided_by", String(100), nullable=True),
    Column("decided_at", String(32), nullable=True),
    Column("reason", Text, nullable=True),
    Column("clearance_id", Integer, nullable=True),
    # The redress record that keeps this hit from being raised (status ``suppressed``).
    Column("redress_id", Integer, nullable=True),
    Index("ix_screening_hit_status", "status"),
    Index("ix_screening_hit_screening_id", "screening_id"),
)

screening_clearance = Table(
    "screening_clearance",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(255), nullable=False),
    Column("traveller_key", String(600), nullable=False),
    Column("entry_version", String(64), nullable=False),
    Column("hit_id", Integer, ForeignKey("screening_hit.id"), nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("cleared_by", String(100), nullable=False),
    Column("cleared_at", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("revoked_by", String(100), nullable=True),
    Column("revoked_at", String(32), nullable=True),
    Column("revocation_reason", Text, nullable=True),
    Index("ix_screening_clearance_key", "entity_id", "traveller_key"),
)

# Redress (vigie/screen/redress.py): a traveller, known by their keys (document numbers, name
# with date of birth), is not raised against one entry (or any, when ``entity_id`` is null);
# granted and revoked by a person, under the handling of the traveller's data and the entry.
screening_redress = Table(
    "screening_redress",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("subject", Text, nullable=False),
    Column("entity_id", String(255), nullable=True),
    Column("reason", Text, nullable=False),
    Column("granted_by", String(100), nullable=False),
    Column("granted_at", String(32), nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("revoked_by", String(100), nullable=True),
    Column("revoked_at", String(32), nullable=True),
    Column("revocation_reason", Text, nullable=True),
)

screening_redress_key = Table(
    "screening_redress_key",
    metadata,
    Column("redress_id", Integer, ForeignKey("screening_redress.id"), primary_key=True),
    Column("traveller_key", String(600), primary_key=True),
    Index("ix_screening_redress_key_key", "traveller_key"),
)

# Admissibility referrals (vigie/screen/referral.py): a confirmed match or an analyst's finding
# about an entity, the grounds of inadmissibility it names, the facts behind each ground (by
# statement id, so they are read again through the reader's view with their source and
# grading), and the officers' decisions. A referral carries the highest handling of its
# evidence, its traveller's data and its hit.
referral = Table(
    "referral",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("hit_id", Integer, ForeignKey("screening_hit.id"), nullable=True),
    Column("entity_id", String(255), nullable=False),
    Column("caption", String(500), nullable=False),
    Column("subject", Text, nullable=True),
    Column("narrative", Text, nullable=False),
    Column("status", String(24), nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Index("ix_referral_status", "status"),
    Index("ix_referral_entity_id", "entity_id"),
)

referral_ground = Table(
    "referral_ground",
    metadata,
    Column("referral_id", Integer, ForeignKey("referral.id"), primary_key=True),
    Column("ground", String(32), primary_key=True),
    Column("basis", Text, nullable=False),
)

referral_evidence = Table(
    "referral_evidence",
    metadata,
    Column("referral_id", Integer, ForeignKey("referral.id"), primary_key=True),
    Column("ground", String(32), primary_key=True),
    Column("statement_id", String(40), primary_key=True),
    Column("entity_id", String(255), nullable=False),
)

referral_decision = Table(
    "referral_decision",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("referral_id", Integer, ForeignKey("referral.id"), nullable=False),
    Column("decision", String(24), nullable=False),
    Column("reason", Text, nullable=False),
    Column("decided_by", String(100), nullable=False),
    Column("decided_at", String(32), nullable=False),
    Index("ix_referral_decision_referral_id", "referral_id"),
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

# The intelligence cycle (``vigie.cycle``): requirements and their questions, collection tasks,
# the reports that answer them, products (versions, portion-marked paragraphs and the facts they
# cite), releases to partners and their feedback, watches and notifications, case files and
# case-support requests. Each row a reader sees is filtered by its ``handling_id``.

requirement = Table(
    "requirement",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", String(500), nullable=False),
    Column("topic", String(32), nullable=False),
    Column("priority", String(16), nullable=False),
    Column("region", String(200), nullable=False),
    Column("client", String(200), nullable=False),
    Column("due_on", String(10), nullable=False),
    Column("status", String(16), nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("closed_by", String(100), nullable=True),
    Column("closed_at", String(32), nullable=True),
    Column("close_reason", Text, nullable=True),
)

requirement_question = Table(
    "requirement_question",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("requirement_id", Integer, ForeignKey("requirement.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_requirement_question_requirement_id", "requirement_id"),
)

task = Table(
    "task",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("requirement_id", Integer, ForeignKey("requirement.id"), nullable=False),
    Column("question_id", Integer, ForeignKey("requirement_question.id"), nullable=True),
    Column("unit", String(200), nullable=False),
    Column("instructions", Text, nullable=False),
    Column("due_on", String(10), nullable=False),
    Column("status", String(16), nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("report_id", Integer, ForeignKey("report.id"), nullable=True),
    Column("created_by", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("closed_by", String(100), nullable=True),
    Column("closed_at", String(32), nullable=True),
    Column("close_reason", Text, nullable=True),
    Index("ix_task_requirement_id", "requirement_id"),
)

# Reports linked to a requirement after they were filed; reports that named the requirement
# when imported (``report.requirement``) count too.
requirement_report = Table(
    "requirement_report",
    metadata,
    Column("requirement_id", Integer, ForeignKey("requirement.id"), primary_key=True),
    Column("report_id", Integer, ForeignKey("report.id"), primary_key=True),
    Column("linked_by", String(100), nullable=False),
    Column("linked_at", String(32), nullable=False),
)

product = Table(
    "product",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("title", String(500), nullable=False),
    Column("requirement_id", Integer, ForeignKey("requirement.id"), nullable=True),
    Column("version", Integer, nullable=False),
    # The handling of the title and kind: who may know the product exists.
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
)

product_version = Table(
    "product_version",
    metadata,
    Column("product_id", Integer, ForeignKey("product.id"), primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("status", String(16), nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("submitted_at", String(32), nullable=True),
    Column("decided_by", String(100), nullable=True),
    Column("decided_at", String(32), nullable=True),
    Column("decision_reason", Text, nullable=True),
)

product_paragraph = Table(
    "product_paragraph",
    metadata,
    Column("product_id", Integer, ForeignKey("product.id"), primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("text", Text, nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("tearline", Text, nullable=True),
    Column("tearline_handling_id", Integer, ForeignKey("handling.id"), nullable=True),
)

product_citation = Table(
    "product_citation",
    metadata,
    Column("product_id", Integer, ForeignKey("product.id"), primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("statement_id", String(40), primary_key=True),
)

release = Table(
    "release",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("product_id", Integer, ForeignKey("product.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("partner", String(100), ForeignKey("account.name"), nullable=False),
    Column("organisation", String(64), nullable=False),
    Column("authority", Text, nullable=False),
    # The overall handling of what the partner received.
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("paragraphs", Integer, nullable=False),
    Column("withheld", Integer, nullable=False),
    Column("released_by", String(100), nullable=False),
    Column("released_at", String(32), nullable=False),
    UniqueConstraint("product_id", "version", "partner"),
)

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("release_id", Integer, ForeignKey("release.id"), nullable=False),
    Column("product_id", Integer, ForeignKey("product.id"), nullable=False),
    Column("requirement_id", Integer, ForeignKey("requirement.id"), nullable=True),
    Column("rating", String(16), nullable=False),
    Column("comment", Text, nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("given_by", String(100), nullable=False),
    Column("given_at", String(32), nullable=False),
)

watch = Table(
    "watch",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", String(100), ForeignKey("account.name"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("target", String(500), nullable=False),
    Column("created_at", String(32), nullable=False),
    # The newest report already checked: facts from later reports are new.
    Column("last_report", Integer, nullable=False),
    Index("ix_watch_owner", "owner"),
)

notification = Table(
    "notification",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("watch_id", Integer, ForeignKey("watch.id"), nullable=False),
    Column("owner", String(100), nullable=False),
    Column("entity_id", String(255), nullable=False),
    Column("report_id", Integer, ForeignKey("report.id"), nullable=False),
    Column("facts", Integer, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("seen_at", String(32), nullable=True),
    Index("ix_notification_owner", "owner"),
)

case_file = Table(
    "case_file",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", String(500), nullable=False),
    Column("compartment", String(64), nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
)

case_item = Table(
    "case_item",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("case_file.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("ref", String(255), nullable=True),
    Column("note", Text, nullable=False),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("added_by", String(100), nullable=False),
    Column("added_at", String(32), nullable=False),
    Index("ix_case_item_case_id", "case_id"),
)

support_request = Table(
    "support_request",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("requester", String(100), nullable=False),
    Column("question", Text, nullable=False),
    Column("entity_id", String(255), nullable=True),
    Column("handling_id", Integer, ForeignKey("handling.id"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("assigned_to", String(100), nullable=True),
    Column("assigned_by", String(100), nullable=True),
    Column("assigned_at", String(32), nullable=True),
    Column("answer", Text, nullable=True),
    Column("answer_handling_id", Integer, ForeignKey("handling.id"), nullable=True),
    Column("answered_by", String(100), nullable=True),
    Column("answered_at", String(32), nullable=True),
)
