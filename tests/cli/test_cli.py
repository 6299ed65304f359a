"""The ``vigie`` command end to end, in a subprocess as a user would run it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import person, write_ftm
from vigie.settings import Settings


def vigie(settings: Settings, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIGIE_")}
    env["VIGIE_DATA_DIR"] = str(settings.data_dir)
    if settings.database_url:
        env["VIGIE_DATABASE_URL"] = settings.database_url
    env["COLUMNS"] = "200"
    return subprocess.run(
        [sys.executable, "-m", "vigie", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def cli_settings(settings: Settings) -> Settings:
    for name, args in {
        "ana": ["--role", "analyst", "--clearance", "secret", "--caveat", "CANADIAN EYES ONLY"],
        "off": ["--role", "officer", "--clearance", "reliability"],
        "uk": ["--role", "partner", "--clearance", "secret", "--partner", "FVEY-UK"],
        "aud": ["--role", "auditor", "--clearance", "reliability"],
    }.items():
        done = vigie(
            settings, "users", "add", name, *args, "--password-stdin", stdin="a long password\n"
        )
        assert done.returncode == 0, done.stderr
    return settings


def test_import_search_export_and_audit(cli_settings: Settings, tmp_path: Path) -> None:
    s = cli_settings
    public = write_ftm(tmp_path / "public.jsonl", [person("p1", "Amadou Diallo")])
    secret = write_ftm(
        tmp_path / "secret.jsonl", [person("p1", "Amadou Jallow"), person("p2", "Fatou Diallo")]
    )
    done = vigie(
        s,
        "import",
        "ftm",
        str(public),
        "--source",
        "lost-stolen",
        "--releasable-to",
        "FVEY-UK",
        "--reliability",
        "A",
        "--credibility",
        "1",
    )
    assert done.returncode == 0 and "2 statements" in done.stderr, done.stderr
    done = vigie(
        s,
        "import",
        "ftm",
        str(secret),
        "--source",
        "intel",
        "--marking",
        "SECRET",
        "--caveat",
        "CANADIAN EYES ONLY",
        "--reliability",
        "C",
        "--credibility",
        "3",
    )
    assert done.returncode == 0, done.stderr
    again = vigie(
        s,
        "import",
        "ftm",
        str(secret),
        "--source",
        "intel",
        "--marking",
        "SECRET",
        "--caveat",
        "CANADIAN EYES ONLY",
        "--reliability",
        "C",
        "--credibility",
        "3",
    )
    assert "already imported" in again.stderr

    def found(user: str, query: str) -> set[str]:
        done = vigie(s, "search", query, "--as", user, "--json")
        assert done.returncode == 0, done.stderr
        return {json.loads(line)["id"] for line in done.stdout.splitlines()}

    assert found("ana", "diallo") == {"p1", "p2"}
    assert found("off", "diallo") == {"p1"}
    assert found("uk", "diallo") == {"p1"}
    assert found("off", "jallow") == set()

    def exported(user: str) -> dict[str, dict[str, list[str]]]:
        done = vigie(s, "export", "ftm", "--as", user)
        assert done.returncode == 0, done.stderr
        return {e["id"]: e["properties"] for e in map(json.loads, done.stdout.splitlines())}

    assert exported("ana")["p1"]["name"] == ["Amadou Diallo", "Amadou Jallow"]
    assert exported("uk") == {"p1": {"name": ["Amadou Diallo"]}}
    refused = vigie(s, "export", "ftm", "--as", "off")
    assert refused.returncode == 1 and "may not export" in refused.stderr
    out = tmp_path / "uk.jsonl"
    assert vigie(s, "export", "ftm", "--as", "uk", "--out", str(out)).returncode == 0
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["p1"]

    done = vigie(s, "audit", "verify")
    assert done.returncode == 0 and "intact" in done.stderr
    log = vigie(s, "audit", "log", "--as", "aud", "--action", "search", "--limit", "10")
    queries = [json.loads(line)["target"] for line in log.stdout.splitlines()]
    assert "jallow" in queries and "diallo" in queries
    assert vigie(s, "audit", "log", "--as", "ana").returncode == 1


def test_bad_input_fails_with_a_clear_message(cli_settings: Settings, tmp_path: Path) -> None:
    s = cli_settings
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "p1", "schema": "Person", "properties": {}}\n{oops\n')
    done = vigie(s, "import", "ftm", str(bad), "--source", "x")
    assert done.returncode == 1 and "bad.jsonl, line 2: not valid JSON" in done.stderr
    done = vigie(s, "import", "ftm", str(bad), "--source", "x", "--marking", "RESTRICTED")
    assert done.returncode == 1 and "unknown marking" in done.stderr
    good = write_ftm(tmp_path / "good.jsonl", [person("p1", "Amadou Diallo")])
    done = vigie(s, "import", "ftm", str(good), "--source", " ")
    assert done.returncode == 1 and "the source needs a name" in done.stderr
    for name in (" api", "a" * 101, "api\tx"):
        done = vigie(s, "import", "ftm", str(good), "--source", name)
        assert done.returncode == 1 and "a source's name is up to 100" in done.stderr, name
    assert vigie(s, "search", "Diallo", "--as", "ana", "--json").stdout == ""
    done = vigie(s, "search", "x", "--as", "nobody")
    assert done.returncode == 1 and "nobody" in done.stderr
    done = vigie(
        s,
        "users",
        "add",
        "z",
        "--role",
        "pilot",
        "--clearance",
        "secret",
        "--password-stdin",
        stdin="a long password\n",
    )
    assert done.returncode == 1 and "unknown role" in done.stderr
    done = vigie(
        s,
        "users",
        "add",
        "z",
        "--role",
        "partner",
        "--clearance",
        "secret",
        "--password-stdin",
        stdin="a long password\n",
    )
    assert done.returncode == 1 and "--partner" in done.stderr


def test_audit_verify_names_the_broken_row(cli_settings: Settings) -> None:
    from vigie.store import Store, db

    store = Store(cli_settings.url)
    with db.begin_write(store.engine) as conn:
        db.drop_audit_guard(conn)
        conn.exec_driver_sql("UPDATE audit SET actor = 'mallory' WHERE seq = 2")
    store.close()
    done = vigie(cli_settings, "audit", "verify")
    assert done.returncode == 1
    assert "row 2" in done.stderr


def test_lookouts_from_request_to_approval(cli_settings: Settings) -> None:
    s = cli_settings
    done = vigie(
        s,
        "users",
        "add",
        "sup",
        "--role",
        "supervisor",
        "--clearance",
        "secret",
        "--password-stdin",
        stdin="a long password\n",
    )
    assert done.returncode == 0, done.stderr
    done = vigie(
        s,
        "lookouts",
        "request",
        "--as",
        "ana",
        "--name",
        "Karim Haddad",
        "--category",
        "smuggling-trafficking",
        "--unit",
        "HQ smuggling desk",
        "--narrative",
        "Organises crossings for a network.",
        "--expires",
        "2099-01-01",
        "--birth-date",
        "1980-05-17",
        "--document",
        "RL1234567",
    )
    assert done.returncode == 0 and "Lookout 1: pending" in done.stderr, done.stderr
    refused = vigie(s, "lookouts", "approve", "1", "--as", "ana", "--reason", "mine")
    assert refused.returncode == 1 and "approve" in refused.stderr
    done = vigie(s, "lookouts", "approve", "1", "--as", "sup", "--reason", "corroborated")
    assert done.returncode == 0 and "approved" in done.stderr, done.stderr
    listed = vigie(s, "lookouts", "list", "--as", "ana", "--json", "--status", "approved")
    [item] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert item["in_effect"] and item["decided_by"] == "sup"
    bad = vigie(
        s,
        "lookouts",
        "request",
        "--as",
        "ana",
        "--name",
        "X",
        "--category",
        "nope",
        "--unit",
        "u",
        "--narrative",
        "long enough text",
        "--expires",
        "2099-01-01",
    )
    assert bad.returncode == 1 and "unknown lookout category" in bad.stderr
    bad = vigie(
        s,
        "lookouts",
        "request",
        "--as",
        "ana",
        "--name",
        "X",
        "--category",
        "other",
        "--unit",
        "u",
        "--narrative",
        "long enough text",
        "--expires",
        "tomorrow",
    )
    assert bad.returncode == 1 and "YYYY-MM-DD" in bad.stderr


def test_demo_builds_loads_and_leaves_a_day_of_work_once(settings: Settings) -> None:
    done = vigie(settings, "demo", "--size", "200", "--seed", "7", "--no-serve")
    assert done.returncode == 0, done.stderr
    said = done.stdout + done.stderr
    assert "200 persons loaded" in said
    # Progress bars are for a terminal: in a log they left empty lines.
    assert "\n\n" not in done.stderr and not done.stderr.startswith("\n")
    assert "Waiting for you:" in said and "analyst" in said
    again = vigie(settings, "demo", "--size", "200", "--seed", "7", "--no-serve")
    assert again.returncode == 0, again.stderr
    # The same world again: nothing to generate, nothing new to store, the day done already.
    assert "Waiting for you:" not in again.stdout + again.stderr
    audit = vigie(settings, "audit", "verify")
    assert audit.returncode == 0, audit.stderr


def test_an_import_names_a_requirement_as_coverage_reads_it(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    s = sqlite_settings
    for name, role in (("ana", "analyst"), ("mio", "migration-integrity-officer")):
        done = vigie(
            s, "users", "add", name, "--role", role, "--clearance", "secret",
            "--password-stdin", stdin="a long password\n",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    done = vigie(
        s, "requirements", "add", "--as", "ana", "--title", "Escorts at Accra", "--topic",
        "smuggling-trafficking", "--region", "Accra", "--client", "HQ", "--due", "2099-01-01",
        "--question", "Who escorts?",
    )  # fmt: skip
    assert done.stdout.strip() == "IR-1", done.stderr
    first = write_ftm(tmp_path / "first.jsonl", [person("p1", "Kofi Boateng")])
    done = vigie(s, "import", "ftm", str(first), "--source", "liaison", "--requirement", "ir-1")
    assert done.returncode == 0, done.stderr
    second = write_ftm(tmp_path / "second.jsonl", [person("p2", "Yaw Mensah")])
    done = vigie(s, "import", "ftm", str(second), "--source", "liaison", "--requirement", "1")
    assert done.returncode == 0, done.stderr
    coverage = vigie(s, "coverage", "--as", "ana", "--requirement", "IR-1", "--json")
    [line] = [json.loads(x) for x in coverage.stdout.splitlines()]
    assert [r["file_name"] for r in line["reports"]] == ["first.jsonl", "second.jsonl"]

    # A requirement that does not exist would be answered by nothing: refused, nothing stored.
    third = write_ftm(tmp_path / "third.jsonl", [person("p3", "Ama Owusu")])
    done = vigie(s, "import", "ftm", str(third), "--source", "liaison", "--requirement", "IR-9")
    assert done.returncode == 1 and "no requirement IR-9" in done.stderr
    done = vigie(s, "import", "ftm", str(third), "--source", "liaison", "--requirement", "Q3")
    assert done.returncode == 1 and "not a requirement reference" in done.stderr
    done = vigie(s, "search", "Owusu", "--as", "ana", "--json")
    assert done.stdout == ""


def test_a_known_source_keeps_its_reliability(sqlite_settings: Settings, tmp_path: Path) -> None:
    s = sqlite_settings
    first = write_ftm(tmp_path / "first.jsonl", [person("p1", "Kofi Boateng")])
    done = vigie(s, "import", "ftm", str(first), "--source", "liaison", "--reliability", "B")
    assert done.returncode == 0 and "liaison: a new source, reliability B" in done.stderr
    # Without --reliability, a source keeps the grade it has: F by default would regrade it.
    second = write_ftm(tmp_path / "second.jsonl", [person("p2", "Yaw Mensah")])
    done = vigie(s, "import", "ftm", str(second), "--source", "liaison")
    assert done.returncode == 0 and "new source" not in done.stderr, done.stderr
    third = write_ftm(tmp_path / "third.jsonl", [person("p3", "Ama Owusu")])
    done = vigie(s, "import", "ftm", str(third), "--source", "liasion")
    assert "liasion: a new source, reliability F" in done.stderr.replace("\n", " ")
    with sqlite3.connect(s.data_dir / "vigie.db") as db:
        graded = dict(db.execute("SELECT file_name, reliability FROM report"))
        sources = dict(db.execute("SELECT name, reliability FROM source"))
    assert graded == {"first.jsonl": "B", "second.jsonl": "B", "third.jsonl": "F"}
    assert sources == {"liaison": "B", "liasion": "F"}


def test_an_import_not_on_a_terminal_says_only_what_it_did(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    # The progress bar is for a terminal: in a log, it left an empty line before each file.
    files = [write_ftm(tmp_path / f"{n}.jsonl", [person(n, "Kofi Boateng")]) for n in "ab"]
    done = vigie(sqlite_settings, "import", "ftm", *map(str, files), "--source", "s")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "s: a new source, reliability F.",
        "a.jsonl: report 1, 1 entities, 2 statements.",
        "b.jsonl: report 2, 1 entities, 2 statements.",
    ]


def test_an_import_as_a_user_is_marked_within_what_they_may_read(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    s = sqlite_settings
    done = vigie(
        s, "users", "add", "mio", "--role", "migration-integrity-officer", "--clearance",
        "secret", "--password-stdin", stdin="a long password\n",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    path = write_ftm(tmp_path / "w.jsonl", [person("p1", "Kofi Boateng")])
    # As the form and the API refuse it: they would lose sight of what they brought.
    done = vigie(
        s, "import", "ftm", str(path), "--source", "s", "--as", "mio", "--marking", "TOP SECRET"
    )
    assert done.returncode == 1 and "could not read back" in done.stderr
    done = vigie(
        s, "import", "ftm", str(path), "--source", "s", "--as", "mio", "--marking", "SECRET"
    )
    assert done.returncode == 0, done.stderr
