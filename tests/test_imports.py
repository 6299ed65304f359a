"""Layers stay apart: the core never pulls in the web stack, and optional engines load lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "vigie.model",
    "vigie.store",
    "vigie.policy.rules",
    "vigie.policy.audit",
    "vigie.collect.ftm",
    "vigie.store.view",
    "vigie.store.writer",
    "vigie.resolve.service",
    "vigie.resolve.pipeline",
    "vigie.cycle.coverage",
    "vigie.cycle.release",
    "vigie.cycle.outputs",
    "vigie.cycle.watches",
    "vigie.cycle.cases",
    "vigie.cycle.support",
]
# jinja2 is not listed: followthemoney itself imports it (through rigour.addresses).
FORBIDDEN = ["fastapi", "starlette", "uvicorn", "pyspark", "typer", "vigie.web", "vigie.api"]


@pytest.mark.parametrize("module", CORE)
def test_core_modules_do_not_import_the_web_stack(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_import_vigie_works_without_pyspark() -> None:
    code = "import sys; sys.modules['pyspark'] = None; import vigie, vigie.cli; print('ok')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_commands_and_pages_load_the_linkage_engine_only_when_they_use_it() -> None:
    code = (
        "import sys, vigie.cli, vigie.api.app, vigie.resolve.service\n"
        "print(','.join(m for m in ('splink', 'duckdb', 'pyarrow') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_pdf_engine_loads_only_when_a_pdf_is_drawn() -> None:
    code = "import sys, vigie.cycle.outputs, vigie.cli; print('weasyprint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
