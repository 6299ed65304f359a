"""``vigie screen`` end to end: a batch file in, JSON Lines out; clear errors for bad rows; the
name-only and world evaluations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import vigie
from tests.helpers import write_ftm
from vigie.settings import Settings


@pytest.fixture
def screen_settings(sqlite_settings: Settings, tmp_path: Path) -> Settings:
    """A store with one analyst, one auditor and a small watchlist."""
    s = sqlite_settings
    for name, role in (("ana", "analyst"), ("aud", "auditor")):
        args = ("users", "add", name, "--role", role, "--clearance", "secret", "--password-stdin")
        assert vigie(s, *args, stdin="a long password\n").returncode == 0
    entries = [
        {
            "id": "wl-1",
            "schema": "Person",
            "properties": {
                "name": ["Yevgeny Shcherbakov"],
                "alias": ["Евгений Щербаков"],
                "birthDate": ["1975-06-01"],
                "topics": ["sanction"],
            },
        },
        {"id": "p-2", "schema": "Person", "properties": {"name": ["Marie Dupont"]}},
    ]
    path = write_ftm(tmp_path / "list.jsonl", entries)
    done = vigie(s, "import", "ftm", str(path), "--source", "list", "--marking", "SECRET")
    assert done.returncode == 0, done.stderr
    return s


def test_batch_writes_hits_best_first(screen_settings: Settings, tmp_path: Path) -> None:
    rows = [
        {"id": "a", "name": "Evgeniy Scherbakov", "birth_date": "1975-01-06"},
        {"id": "b", "name": "Marie Dupont", "birth_date": "1990-01-01", "sex": "F"},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    target = tmp_path / "out.jsonl"
    done = vigie(
        screen_settings, "screen", "batch", "--input", str(source), "--as", "ana",
        "--output", str(target),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    [hit] = lines[0]["hits"]
    assert hit["entity_id"] == "wl-1" and hit["match"] is True
    assert "day and month swapped" in hit["explanation"]
    assert lines[1]["hits"] == []


def test_a_bad_row_names_file_line_and_field(screen_settings: Settings, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "a", "name": "X"}\n{"id": "b", "name": "Y", "birth_date": "1/2/80"}\n'
    )
    done = vigie(
        screen_settings, "screen", "batch", "--input", str(source), "--as", "ana",
        "--output", str(tmp_path / "out.jsonl"),
    )  # fmt: skip
    assert done.returncode == 1
    assert "in.jsonl, line 2, field birth_date" in done.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_a_bad_quick_check_names_the_field(screen_settings: Settings) -> None:
    done = vigie(
        screen_settings, "screen", "check", "Omar Haddad", "--as", "ana",
        "--birth-date", "2000-02-30",
    )  # fmt: skip
    assert done.returncode == 1
    assert "quick check, field birth_date: must be YYYY, YYYY-MM or YYYY-MM-DD" in done.stderr


def test_evaluate_name_pairs(screen_settings: Settings, tmp_path: Path) -> None:
    pairs = [
        {"a": "Mohammed Hussein", "b": "Muhammad Husayn", "match": True, "origin": "arabic"},
        {"a": "Mohammed Hussein", "b": "Mohammed Rahman", "match": False, "origin": "arabic"},
        {"a": "Евгений Щербаков", "b": "Evgeny Scherbakov", "match": True, "origin": "russian"},
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs))
    done = vigie(
        screen_settings, "screen", "evaluate", "--pairs", str(path), "--as", "ana", "--json"
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["overall"]["recall"] == 1.0
    assert report["overall"]["false_positive_rate"] == 0.0
    assert set(report["groups"]) == {"arabic", "russian"}


def test_evaluate_a_world(world_store: object, tiny_world: Path) -> None:
    """The tiny world's watchlist matches are found, with few false hits."""
    from vigie.policy.accounts import get_reader
    from vigie.screen.entries import persons
    from vigie.screen.evaluate import evaluate_world, read_truth
    from vigie.screen.service import screener
    from vigie.store import Store

    assert isinstance(world_store, Store)
    analyst = get_reader(world_store.engine, "analyst")
    found = screener(world_store, analyst)
    skip = {s.entity_id for s in found.entries.subjects}
    truth = read_truth(tiny_world / "truth.json")
    report = evaluate_world(persons(world_store.view(analyst), skip), found.index, truth)
    assert report.overall.recall is not None and report.overall.recall >= 0.95
    assert report.overall.false_hits_per_1000 is not None
    assert report.overall.false_hits_per_1000 < 5
    # Officers' clearances keep the same traveller quiet the next time, never louder.
    assert report.remembered is not None
    assert report.remembered.false_hits <= report.overall.false_hits
    assert report.remembered.screened == report.overall.screened
    assert "unknown" not in report.groups
    # True matches and false hits split by what the entry they name gives of a date of birth.
    listings = report.listings
    assert set(listings) == {"full_date", "year_only", "no_date"}
    assert sum(t.found + t.missed for t in listings.values()) == (
        report.overall.found + report.overall.missed
    )
    assert sum(t.false_hits for t in listings.values()) == report.overall.false_hits
    assert all(t.screened == report.overall.screened for t in listings.values())
