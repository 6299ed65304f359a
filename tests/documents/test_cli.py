"""``vigie documents`` end to end in a subprocess: ``check-mrz`` exactly as the issue asks (MRZ
text from a file or standard input, documents separated by a blank line, one JSON object per
document), and the recorded check, alerts and trends with a user."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import vigie
from tests.documents.test_validate import SPECIMENS
from vigie.settings import Settings

TEXT = "\n\n".join("\n".join(zone) for zone in SPECIMENS.values()) + "\n"


def test_check_mrz_reads_standard_input(sqlite_settings: Settings) -> None:
    done = vigie(sqlite_settings, "documents", "check-mrz", stdin=TEXT)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["format"] for o in out] == ["TD3", "TD1", "TD2", "MRV-A", "MRV-B"]
    assert all(o["valid"] and o["findings"] == [] for o in out)
    assert set(out[0]) == {"format", "valid", "fields", "findings"}
    assert out[0]["fields"]["document_number"] == "L898902C3"


def test_check_mrz_reads_a_file_and_reports_findings(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    broken = SPECIMENS["TD3"][1].replace("7408122", "7408123")
    path = tmp_path / "zones.txt"
    path.write_text(SPECIMENS["TD3"][0] + "\n" + broken + "\n", encoding="utf-8")
    done = vigie(sqlite_settings, "documents", "check-mrz", str(path))
    assert done.returncode == 0, done.stderr
    (out,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert out["valid"] is False
    assert out["findings"][0] == {
        "code": "check-digit",
        "field": "birth_date",
        "position": {"line": 2, "column": 20},
        "message": "The check digit of the birth date is 3, but the birth date gives 2.",
    }


def test_a_missing_file_is_a_clear_error(sqlite_settings: Settings, tmp_path: Path) -> None:
    done = vigie(sqlite_settings, "documents", "check-mrz", str(tmp_path / "none.txt"))
    assert done.returncode == 1
    assert "none.txt: cannot be read" in done.stderr


def test_check_alerts_and_trends_with_a_user(sqlite_settings: Settings) -> None:
    s = sqlite_settings
    for name, role in (("off", "officer"), ("mio", "migration-integrity-officer")):
        added = vigie(
            s, "users", "add", name, "--role", role, "--clearance", "secret", "--password-stdin",
            stdin="a long password\n",
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
    published = vigie(
        s, "documents", "alerts", "publish", "--as", "mio", "--title", "Utopian L89 series",
        "--features", "Printed photo, lifted laminate.", "--state", "UTO", "--pattern", "L89*",
    )  # fmt: skip
    assert published.returncode == 0, published.stderr
    assert "Alert 1 published; 0 stored documents match it." in published.stderr
    checked = vigie(s, "documents", "check", "--as", "off", stdin="\n".join(SPECIMENS["TD3"]))
    assert checked.returncode == 0, checked.stderr
    result = json.loads(checked.stdout)
    assert result["verdict"] == "alert"
    assert [f["code"] for f in result["findings"]] == ["expired"]
    assert result["alerts"][0]["title"] == "Utopian L89 series"
    referred = vigie(s, "documents", "refer", str(result["id"]), "--as", "off", "--reason", "x")
    assert referred.returncode == 0, referred.stderr
    matches = vigie(s, "documents", "alerts", "matches", "--as", "mio")
    assert "L898902C3" in matches.stderr
    trends = vigie(s, "documents", "trends", "--as", "mio", "--csv")
    assert trends.stdout.startswith("month,issuing_state,document_type,fraud_type,route")
