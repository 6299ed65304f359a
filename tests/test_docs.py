"""The documentation is complete: every setting, every CLI command, every audit action."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigie import docs
from vigie.errors import InvalidInput
from vigie.settings import Settings, from_env

DOCS = Path(__file__).parents[1] / "docs"


def test_every_setting_is_documented() -> None:
    text = (DOCS / "settings.md").read_text()
    for name in Settings.__dataclass_fields__:
        assert f"`VIGIE_{name.upper()}`" in text, name


def test_settings_fail_fast() -> None:
    with pytest.raises(InvalidInput, match="VIGIE_COLOUR"):
        from_env({"VIGIE_COLOUR": "blue"})
    with pytest.raises(InvalidInput, match="VIGIE_ENGINE"):
        from_env({"VIGIE_ENGINE": "excel"})
    with pytest.raises(InvalidInput, match="VIGIE_SESSION_HOURS"):
        from_env({"VIGIE_SESSION_HOURS": "soon"})
    with pytest.raises(InvalidInput, match="VIGIE_SECURE_COOKIES"):
        from_env({"VIGIE_SECURE_COOKIES": "maybe"})
    loaded = from_env({"VIGIE_DATA_DIR": "/tmp/x", "VIGIE_SECURE_COOKIES": "false"})
    assert str(loaded.data_dir) == "/tmp/x" and loaded.secure_cookies is False
    assert loaded.url.startswith("sqlite:////tmp/x/")


def test_cli_reference_is_current() -> None:
    assert docs.main(["check"]) == 0, "run `python -m vigie.docs write`"
