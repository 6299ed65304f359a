"""The demo's accounts: one per kind of user, so the workspace can be seen through each."""

from __future__ import annotations

from sqlalchemy import Engine

from vigie.errors import AuthenticationFailed
from vigie.policy.accounts import NewUser, add_user, get_reader

DEMO_PASSWORD = "vigie-demo-2026"

CEO = "CANADIAN EYES ONLY"
LEO = "LAW ENFORCEMENT ONLY"
OPERATION = "OP-NORTHERN-STAR"

DEMO_USERS = (
    NewUser("analyst", "analyst", "top-secret", DEMO_PASSWORD, (CEO, LEO), (OPERATION,)),
    NewUser("mio", "migration-integrity-officer", "secret", DEMO_PASSWORD, (CEO,)),
    NewUser("regional", "regional-analyst", "secret", DEMO_PASSWORD, (CEO, LEO)),
    NewUser("officer", "officer", "reliability", DEMO_PASSWORD),
    NewUser("supervisor", "supervisor", "top-secret", DEMO_PASSWORD, (CEO, LEO), (OPERATION,)),
    NewUser("auditor", "auditor", "secret", DEMO_PASSWORD, (CEO,)),
    NewUser("admin", "admin", "reliability", DEMO_PASSWORD),
    NewUser("partner-uk", "partner", "secret", DEMO_PASSWORD, partner="FVEY-UK"),
    NewUser("partner-us", "partner", "secret", DEMO_PASSWORD, partner="FVEY-US"),
    NewUser("analyste", "analyst", "secret", DEMO_PASSWORD, (CEO,), language="fr"),
)


def ensure_demo_users(engine: Engine, actor: str) -> list[NewUser]:
    """Create the demo accounts that do not exist yet; returns every demo account."""
    for user in DEMO_USERS:
        try:
            get_reader(engine, user.name)
        except AuthenticationFailed:
            add_user(engine, user, actor)
    return list(DEMO_USERS)
