"""Vigie's settings: one typed object, read once from the environment, that fails fast.

The object is passed to what needs it (store, app factory, CLI); nothing reads the environment
behind its back, so tests build their own ``Settings`` instead of patching globals. Every variable
is documented in ``docs/settings.md`` (a test checks that the two agree).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from vigie.errors import InvalidInput

ENGINES = ("duckdb", "spark")
LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class Settings:
    """Configuration of one Vigie installation."""

    data_dir: Path = field(default_factory=lambda: Path("vigie-data"))
    database_url: str = ""
    engine: str = "duckdb"
    secret_key: str = ""
    secure_cookies: bool = True
    language: str = "en"
    session_hours: int = 12
    token_hours: int = 24
    login_max_failures: int = 5
    login_lock_minutes: int = 15

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise InvalidInput(f"VIGIE_ENGINE must be one of {', '.join(ENGINES)}")
        if self.language not in LANGUAGES:
            raise InvalidInput(f"VIGIE_LANGUAGE must be one of {', '.join(LANGUAGES)}")
        for name in ("session_hours", "token_hours", "login_max_failures", "login_lock_minutes"):
            if getattr(self, name) <= 0:
                raise InvalidInput(f"VIGIE_{name.upper()} must be a positive number")

    @property
    def url(self) -> str:
        """The database URL: ``VIGIE_DATABASE_URL`` or a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'vigie.db').resolve()}"

    def with_secret(self) -> Settings:
        """This settings object with a secret key, creating and keeping one in the data
        directory on first use so that sessions survive a restart."""
        if self.secret_key:
            return self
        path = self.data_dir / "secret.key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(48))
        return replace(self, secret_key=path.read_text().strip())


def _flag(value: str, name: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise InvalidInput(f"{name} must be true or false, not {value!r}")


def _int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise InvalidInput(f"{name} must be a whole number, not {value!r}") from None


def from_env(environ: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from ``VIGIE_*`` environment variables; unknown ``VIGIE_`` names fail."""
    env = os.environ if environ is None else environ
    known = {f"VIGIE_{name.upper()}" for name in Settings.__dataclass_fields__}
    unknown = sorted(k for k in env if k.startswith("VIGIE_") and k not in known)
    if unknown:
        raise InvalidInput(f"unknown setting(s): {', '.join(unknown)} (see docs/settings.md)")
    values: dict[str, object] = {}
    for name, spec in Settings.__dataclass_fields__.items():
        var = f"VIGIE_{name.upper()}"
        if var not in env:
            continue
        raw = env[var]
        if spec.type == "Path":
            values[name] = Path(raw)
        elif spec.type == "bool":
            values[name] = _flag(raw, var)
        elif spec.type == "int":
            values[name] = _int(raw, var)
        else:
            values[name] = raw
    return Settings(**values)  # type: ignore[arg-type]
