"""User accounts and how they sign in: argon2 passwords, API tokens, web sessions with CSRF
tokens, and throttling of failed sign-ins.

Tokens and session ids are random and only their SHA-256 is stored, so a copy of the database
does not let anyone sign in. After ``login_max_failures`` failures within ``login_lock_minutes``
an account refuses every password, right or wrong, until the window has passed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, func, insert, select

from vigie.errors import AuthenticationFailed, InvalidInput
from vigie.i18n import _
from vigie.model.handling import clean_label, clean_labels
from vigie.policy import audit
from vigie.policy.reader import Clearance, Reader, Role
from vigie.settings import Settings
from vigie.store import db
from vigie.store.tables import account, api_token, login_attempt, web_session

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the user does not exist, so that timing does not reveal which
    names do; made on first use because hashing is deliberately slow."""
    return _hasher.hash("not a password")


MIN_PASSWORD = 10


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _labels(text: str) -> frozenset[str]:
    return frozenset(filter(None, text.split(",")))


@dataclass(frozen=True)
class NewUser:
    """What an administrator gives to create a user."""

    name: str
    role: str
    clearance: str
    password: str
    caveats: tuple[str, ...] = ()
    compartments: tuple[str, ...] = ()
    partner: str | None = None
    language: str = "en"


def add_user(engine: Engine, new: NewUser, actor: str) -> Reader:
    """Create a user; the password is stored as an argon2 hash only."""
    name = new.name.strip()
    if not name or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise InvalidInput(
            _("invalid user name {name!r}: use letters, digits, . _ -").format(name=new.name)
        )
    if len(new.password) < MIN_PASSWORD:
        raise InvalidInput(
            _("the password must have at least {count} characters").format(count=MIN_PASSWORD)
        )
    reader = Reader(
        name=name,
        role=Role.parse(new.role),
        clearance=Clearance.parse(new.clearance),
        caveats=clean_labels(new.caveats, "caveat"),
        compartments=clean_labels(new.compartments, "compartment"),
        partner=clean_label(new.partner, "partner") if new.partner else None,
        language=new.language,
    )
    with db.begin_write(engine) as conn:
        if conn.execute(select(account.c.name).where(account.c.name == name)).first():
            raise InvalidInput(_("a user named {name!r} already exists").format(name=name))
        conn.execute(
            insert(account).values(
                name=name,
                role=reader.role.value,
                clearance=reader.clearance.value,
                caveats=",".join(sorted(reader.caveats)),
                compartments=",".join(sorted(reader.compartments)),
                partner=reader.partner,
                password_hash=_hasher.hash(new.password),
                language=reader.language,
                disabled=False,
                created_at=audit.now(),
            )
        )
        details = {
            "role": reader.role.value,
            "clearance": reader.clearance.value,
            "caveats": sorted(reader.caveats),
            "compartments": sorted(reader.compartments),
            "partner": reader.partner,
        }
        audit.append(conn, actor, "user.add", name, details)
    return reader


def get_reader(engine: Engine, name: str) -> Reader:
    """The reader for an existing, enabled user."""
    with engine.connect() as conn:
        row = conn.execute(select(account).where(account.c.name == name)).first()
    if row is None or row.disabled:
        raise AuthenticationFailed(_("no active user named {name!r}").format(name=name))
    return Reader(
        name=row.name,
        role=Role(row.role),
        clearance=Clearance(row.clearance),
        caveats=_labels(row.caveats),
        compartments=_labels(row.compartments),
        partner=row.partner,
        language=row.language,
    )


def list_readers(engine: Engine) -> list[Reader]:
    """Every user, by name."""
    with engine.connect() as conn:
        names = [r[0] for r in conn.execute(select(account.c.name).order_by(account.c.name))]
    return [get_reader(engine, n) for n in names]


def authenticate(
    engine: Engine, settings: Settings, name: str, password: str, address: str, via: str
) -> Reader:
    """Check a password, with throttling; every attempt is recorded and audited."""
    since = (datetime.now(UTC) - timedelta(minutes=settings.login_lock_minutes)).isoformat()
    with db.begin_write(engine) as conn:
        failures = conn.execute(
            select(func.count())
            .select_from(login_attempt)
            .where(
                login_attempt.c.user_name == name,
                login_attempt.c.at >= since,
                login_attempt.c.ok.is_(False),
            )
        ).scalar_one()
        row = conn.execute(select(account).where(account.c.name == name)).first()
        throttled = failures >= settings.login_max_failures
        ok = False
        if not throttled:
            try:
                ok = _hasher.verify(row.password_hash if row else _dummy_hash(), password)
            except (VerificationError, InvalidHashError):
                ok = False
        ok = ok and row is not None and not row.disabled
        at = audit.now()
        conn.execute(insert(login_attempt).values(user_name=name, address=address, at=at, ok=ok))
        if ok:
            audit.append(conn, name, "login", name, {"address": address, "via": via})
        else:
            reason = "throttled" if throttled else "bad credentials"
            details = {"address": address, "via": via, "reason": reason}
            audit.append(conn, name, "login.failed", name, details)
    if throttled:
        raise AuthenticationFailed(
            _("too many failed sign-ins: try again in {minutes} minutes").format(
                minutes=settings.login_lock_minutes
            )
        )
    if not ok:
        raise AuthenticationFailed(_("wrong user name or password"))
    return get_reader(engine, name)


def _expiry(hours: int) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).isoformat(timespec="microseconds")


def issue_token(engine: Engine, settings: Settings, reader: Reader) -> str:
    """A new bearer token for the API."""
    token = secrets.token_urlsafe(32)
    with db.begin_write(engine) as conn:
        conn.execute(
            insert(api_token).values(
                token_hash=_digest(token),
                user_name=reader.name,
                created_at=audit.now(),
                expires_at=_expiry(settings.token_hours),
            )
        )
    return token


def reader_for_token(engine: Engine, token: str) -> Reader:
    """The reader a bearer token stands for."""
    with engine.connect() as conn:
        row = conn.execute(
            select(api_token).where(
                api_token.c.token_hash == _digest(token), api_token.c.expires_at > audit.now()
            )
        ).first()
    if row is None:
        raise AuthenticationFailed(_("invalid or expired token"))
    return get_reader(engine, row.user_name)


@dataclass(frozen=True)
class Session:
    """A web session: its id (the cookie's value), CSRF token and user."""

    id: str
    csrf_token: str
    reader: Reader


def open_session(engine: Engine, settings: Settings, reader: Reader) -> Session:
    """Start a web session for a user who has just signed in."""
    session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with db.begin_write(engine) as conn:
        conn.execute(
            insert(web_session).values(
                session_hash=_digest(session_id),
                user_name=reader.name,
                csrf_token=csrf,
                created_at=audit.now(),
                expires_at=_expiry(settings.session_hours),
            )
        )
    return Session(session_id, csrf, reader)


def find_session(engine: Engine, session_id: str) -> Session:
    """The live session with this id."""
    with engine.connect() as conn:
        row = conn.execute(
            select(web_session).where(
                web_session.c.session_hash == _digest(session_id),
                web_session.c.expires_at > audit.now(),
            )
        ).first()
    if row is None:
        raise AuthenticationFailed(_("the session has ended; please sign in again"))
    return Session(session_id, row.csrf_token, get_reader(engine, row.user_name))


def check_csrf(session: Session, token: str | None) -> bool:
    """Whether a submitted form carries the session's CSRF token."""
    return token is not None and hmac.compare_digest(session.csrf_token, token)


def close_session(engine: Engine, session: Session) -> None:
    """End a web session (sign out)."""
    with db.begin_write(engine) as conn:
        conn.execute(delete(web_session).where(web_session.c.session_hash == _digest(session.id)))
        audit.append(conn, session.reader.name, "logout", session.reader.name, {})
