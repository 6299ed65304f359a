"""``vigie screen referrals``, ``redress`` and ``clearances`` end to end: a confirmed hit
referred with a cited fact, shown with its source and grading, decided by an officer; a
redress record granted, listed and revoked."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.cli.test_cli import vigie
from tests.screen.test_cli import screen_settings  # noqa: F401
from vigie.settings import Settings
from vigie.store import Store
from vigie.store.tables import statement


def _topic_statement(settings: Settings) -> str:
    store = Store.open(settings)
    try:
        with store.engine.connect() as conn:
            query = select(statement.c.digest).where(
                statement.c.entity_id == "wl-1", statement.c.prop == "topics"
            )
            return bytes(conn.execute(query).scalar_one()).hex()
    finally:
        store.close()


def test_refer_show_and_decide(screen_settings: Settings) -> None:  # noqa: F811
    s = screen_settings
    args = ("users", "add", "off", "--role", "officer", "--clearance", "secret", "--password-stdin")
    assert vigie(s, *args, stdin="a long password\n").returncode == 0
    check = vigie(
        s, "screen", "check", "Евгений Щербаков", "--as", "ana", "--birth-date", "1975-06-01"
    )
    hit = re.search(r"hit (\d+):", check.stderr)
    assert hit, check.stdout + check.stderr
    decided = vigie(
        s, "screen", "decide", hit.group(1), "--as", "ana", "--decision", "true-match",
        "--reason", "Same man",
    )  # fmt: skip
    assert decided.returncode == 0, decided.stderr
    offered = vigie(s, "screen", "referrals", "evidence", "wl-1", "--as", "ana")
    assert "suggested: human-rights (s. 35), from the topic sanction" in offered.stderr
    topic = _topic_statement(s)
    made = vigie(
        s, "screen", "referrals", "create", "--as", "ana", "--hit", hit.group(1),
        "--narrative", "Sanctioned.", "--evidence", f"human-rights:{topic}",
        "--basis", "human-rights=Sanctions list",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Referral 1 written (SECRET): human-rights (s. 35)" in made.stderr
    bad = vigie(
        s, "screen", "referrals", "create", "--as", "ana", "--entity", "wl-1",
        "--narrative", "x", "--evidence", f"s34:{topic}",
    )  # fmt: skip
    assert bad.returncode == 1 and "unknown ground 's34'" in bad.stderr
    shown = vigie(s, "screen", "referrals", "show", "1", "--as", "off")
    assert "s. 35 Human or international rights violations: Sanctions list" in shown.stderr
    assert "[list, " in shown.stderr and "SECRET]" in shown.stderr
    refused = vigie(
        s, "screen", "referrals", "decide", "1", "--as", "ana", "--decision", "inadmissible",
        "--reason", "Listed",
    )  # fmt: skip
    assert refused.returncode == 1
    done = vigie(
        s, "screen", "referrals", "decide", "1", "--as", "off", "--decision", "inadmissible",
        "--reason", "Listed",
    )  # fmt: skip
    assert done.returncode == 0 and "Referral 1: inadmissible." in done.stderr
    listed = vigie(s, "screen", "referrals", "list", "--as", "off", "--ground", "human-rights")
    assert "inadmissible" in listed.stderr


def test_redress_and_clearances(screen_settings: Settings) -> None:  # noqa: F811
    s = screen_settings
    granted = vigie(
        s, "screen", "redress", "grant", "--as", "aud", "--name", "Yevgeny Shcherbakov",
        "--birth-date", "1975-06-01", "--entity", "wl-1", "--reason", "Redress request",
    )  # fmt: skip
    assert granted.returncode == 0, granted.stderr
    assert "Redress record 1 granted (SECRET)" in granted.stderr
    check = vigie(
        s, "screen", "check", "Yevgeny Shcherbakov", "--as", "ana", "--birth-date", "1975-06-01"
    )
    assert "suppressed" in check.stderr
    assert "Redress request" in vigie(s, "screen", "redress", "list", "--as", "ana").stderr
    revoked = vigie(s, "screen", "redress", "revoke", "1", "--as", "aud", "--reason", "Closed")
    assert revoked.returncode == 0, revoked.stderr
    clearances = vigie(s, "screen", "clearances", "--as", "ana")
    assert clearances.returncode == 0, clearances.stderr
