"""Scale: bounded memory, the statement count of "medium", and the command line."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from typer.testing import CliRunner

from vigie.cli import app
from vigie.demo.world import SIZES, generate


def _peak(out: Path, size: int) -> int:
    tracemalloc.reset_peak()
    start, _peak_before = tracemalloc.get_traced_memory()
    generate(out, size, 2)
    _current, peak = tracemalloc.get_traced_memory()
    return peak - start


def test_memory_does_not_grow_with_the_world(tmp_path: Path) -> None:
    generate(tmp_path / "warm", 100, 2)  # data tables and caches loaded once
    tracemalloc.start()
    try:
        small = _peak(tmp_path / "small", 1_500)
        large = _peak(tmp_path / "large", 6_000)
    finally:
        tracemalloc.stop()
    assert large < 10 * 2**20, f"{large / 2**20:.1f} MiB"
    assert large < small * 1.5 + 2 * 2**20, (small, large)


def test_medium_makes_more_than_a_million_statements(tmp_path: Path) -> None:
    summary = generate(tmp_path, SIZES["medium"], 42)
    assert summary.statements >= 1_100_000


def test_the_command_generates_and_summarises(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["world", "generate", "--size", "tiny", "--seed", "3", "--out", str(tmp_path / "w")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "w" / "truth.json").exists()
    assert "200" in result.output


def test_the_command_refuses_a_bad_size(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["world", "generate", "--size", "huge", "--out", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "truth.json").exists()
