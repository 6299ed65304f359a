"""The cycle's commands end to end, in subprocesses as a user runs them: a report imported
with ``--requirement`` counts in the requirement's coverage, and a product goes from draft to
a partner's STIX bundle."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import stix2

from tests.cli.test_cli import vigie
from tests.helpers import person, write_ftm
from vigie.demo.accounts import ensure_demo_users
from vigie.settings import Settings
from vigie.store import Store


def test_plan_collect_produce_release(sqlite_settings: Settings, tmp_path: Path) -> None:
    s = sqlite_settings
    store = Store.open(s)
    ensure_demo_users(store.engine, "test")
    store.close()
    due = (date.today() + timedelta(days=20)).isoformat()

    done = vigie(
        s, "requirements", "add", "--as", "analyst", "--title", "Smuggling via Accra hub",
        "--topic", "smuggling-trafficking", "--priority", "high", "--region", "Accra",
        "--client", "Regional director", "--due", due, "--question", "Who escorts?",
        "--question", "Which flights?",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    reference = done.stdout.strip()
    assert reference.startswith("IR-")
    done = vigie(
        s, "tasks", "issue", reference, "--as", "analyst", "--unit", "MIO Accra",
        "--instructions", "Watch the evening departures.", "--due", "2000-01-01",
    )  # fmt: skip
    assert done.returncode == 1 and "deadline" in done.stderr

    watch = write_ftm(tmp_path / "w.jsonl", [person("p-kofi", "Kofi Boateng")])
    done = vigie(
        s, "import", "ftm", str(watch), "--as", "mio", "--source", "liaison-gh",
        "--marking", "PROTECTED B", "--releasable-to", "FVEY-UK", "--requirement", reference,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = vigie(s, "coverage", "--as", "analyst", "--requirement", reference, "--json")
    assert done.returncode == 0, done.stderr
    [line] = [json.loads(x) for x in done.stdout.splitlines()]
    assert [r["source"] for r in line["reports"]] == ["liaison-gh"] and len(line["gaps"]) == 2

    done = vigie(
        s, "products", "create", "--as", "analyst", "--title", "Escorts on the Accra hub",
        "--requirement", reference, "--releasable-to", "FVEY-UK",
    )  # fmt: skip
    product = done.stdout.strip()
    assert done.returncode == 0 and product.isdigit(), done.stderr
    done = vigie(
        s, "products", "paragraph", product, "--as", "analyst", "--text",
        "Kofi Boateng escorts travellers.", "--marking", "PROTECTED B",
        "--releasable-to", "FVEY-UK", "--cite", "p-kofi",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert vigie(s, "products", "submit", product, "--as", "analyst").returncode == 0
    done = vigie(s, "products", "approve", product, "--as", "analyst", "--reason", "fine")
    assert done.returncode == 1 and "may not approve" in done.stderr
    done = vigie(s, "products", "approve", product, "--as", "supervisor", "--reason", "Sound")
    assert done.returncode == 0, done.stderr
    done = vigie(
        s, "releases", "send", product, "--as", "supervisor", "--to", "partner-uk",
        "--authority", "MOU 2019",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    sent = done.stdout.strip()
    bundle = tmp_path / "bundle.json"
    done = vigie(
        s, "releases", "output", sent, "--as", "partner-uk", "--format", "stix",
        "--out", str(bundle),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    parsed = stix2.parse(bundle.read_text(), allow_custom=False)
    assert any(o.type == "report" and o.name == "Escorts on the Accra hub" for o in parsed.objects)
    done = vigie(s, "releases", "feedback", sent, "--as", "partner-uk", "--rating", "useful")
    assert done.returncode == 0, done.stderr
    done = vigie(s, "coverage", "--as", "analyst", "--json")
    assert json.loads(done.stdout.splitlines()[0])["feedback"] == {"useful": 1}


def test_casework_commands(sqlite_settings: Settings, tmp_path: Path) -> None:
    s = sqlite_settings
    store = Store.open(s)
    ensure_demo_users(store.engine, "test")
    store.close()
    done = vigie(s, "support", "request", "--as", "officer", "--question", "Is he known to HQ?")
    assert done.returncode == 0, done.stderr
    number = done.stdout.strip()
    assert (
        vigie(s, "support", "assign", number, "--as", "supervisor", "--to", "analyst").returncode
        == 0
    )
    done = vigie(
        s, "support", "answer", number, "--as", "analyst", "--text", "No.", "--marking", "SECRET"
    )
    assert done.returncode == 1 and "could not read" in done.stderr
    done = vigie(s, "support", "answer", number, "--as", "analyst", "--text", "Not known.")
    assert done.returncode == 0, done.stderr
    listed = vigie(s, "support", "list", "--as", "officer")
    assert "answered" in listed.stderr

    done = vigie(
        s, "cases", "open", "--as", "analyst", "--title", "Accra escorts",
        "--compartment", "OP-NORTHERN-STAR",
    )  # fmt: skip
    case = done.stdout.strip()
    assert done.returncode == 0 and case.isdigit(), done.stderr
    done = vigie(s, "cases", "add", case, "--as", "analyst", "--kind", "note", "--note", "Opened")
    assert done.returncode == 0, done.stderr
    assert vigie(s, "cases", "show", case, "--as", "officer").returncode == 1

    watched = write_ftm(tmp_path / "a.jsonl", [person("p-ama", "Ama Owusu")])
    assert vigie(s, "import", "ftm", str(watched), "--source", "one").returncode == 0
    assert vigie(s, "watches", "add", "p-ama", "--as", "officer").returncode == 0
    again = write_ftm(tmp_path / "b.jsonl", [person("p-ama", "Ama K. Owusu")])
    assert vigie(s, "import", "ftm", str(again), "--source", "two").returncode == 0
    done = vigie(s, "watches", "check")
    assert done.returncode == 0 and "1 notifications" in done.stderr
