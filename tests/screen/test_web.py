"""The screening pages: the quick check, a hit and its decision, the quality report."""

from __future__ import annotations

import re
from pathlib import Path

from tests.web.conftest import World, csrf_of
from tests.web.test_lookouts import client_for
from vigie import i18n
from vigie.policy import audit
from vigie.screen import features
from vigie.web.vocabulary import screening_feature_label


def test_quick_check_shows_hits_with_reasons_and_marking(listed_world: World) -> None:
    client = client_for(listed_world, "analyst")
    page = client.get("/screen")
    assert page.status_code == 200 and 'href="/screen"' in page.text
    form = {
        "csrf_token": csrf_of(page),
        "name": "عمر عبد الرحمن حداد",
        "birth_date": "1979-02-11",
        "nationality": "sy",
        "sex": "",
        "document_number": "",
    }
    answer = client.post("/screen", data=form)
    assert answer.status_code == 200
    assert "Omar Abdel Rahman Haddad" in answer.text
    assert "same date of birth (1979-02-11)" in answer.text
    assert 'class="banner top' in answer.text and "SECRET" in answer.text
    hit_id = re.search(r'href="/screen/hits/(\d+)"', answer.text)
    assert hit_id


def test_a_hit_is_decided_with_a_reason(listed_world: World) -> None:
    client = client_for(listed_world, "analyst")
    page = client.get("/screen")
    form = {"csrf_token": csrf_of(page), "name": "Omar Haddad", "birth_date": "1979-02-11"}
    answer = client.post("/screen", data=form)
    hit_id = re.search(r'href="/screen/hits/(\d+)"', answer.text)
    assert hit_id
    url = f"/screen/hits/{hit_id.group(1)}"
    detail = client.get(url)
    assert "Why this hit" in detail.text
    assert "<td>Birth date</td>" in detail.text  # each feature named, not shown by its code
    assert ">Pending</span>" in detail.text
    refused = client.post(
        f"{url}/decision",
        data={"csrf_token": csrf_of(detail), "decision": "false-positive", "reason": ""},
    )
    assert refused.status_code == 422
    done = client.post(
        f"{url}/decision",
        data={"csrf_token": csrf_of(detail), "decision": "false-positive", "reason": "Other man"},
        follow_redirects=True,
    )
    assert done.status_code == 200 and "Other man" in done.text
    again = client.post("/screen", data=form)
    assert "cleared" in again.text


def test_a_bad_date_is_refused_on_the_form(listed_world: World) -> None:
    client = client_for(listed_world, "officer")
    page = client.get("/screen")
    answer = client.post(
        "/screen", data={"csrf_token": csrf_of(page), "name": "X Y", "birth_date": "1979/02"}
    )
    assert answer.status_code == 422 and "quick check, field birth_date" in answer.text


def test_quality_page_is_for_auditors(listed_world: World) -> None:
    audit.record(
        listed_world.store.engine,
        "analyst",
        "screen.evaluate",
        "truth.json",
        threshold=0.5,
        overall={"screened": 10, "true_matches": 2, "recall": 1.0, "precision": 1.0,
                 "false_positive_rate": 0.01, "false_hits_per_1000": 1.0},
        groups={"arabic": {"screened": 5, "true_matches": 1, "recall": 1.0, "precision": 1.0,
                           "false_positive_rate": 0.05, "false_hits_per_1000": 2.0}},
        listings={"no_date": {"screened": 10, "true_matches": 1, "recall": 1.0,
                              "precision": 0.5, "false_positive_rate": 0.1,
                              "false_hits_per_1000": 100.0}},
        remembered={"screened": 10, "true_matches": 2, "recall": 0.5, "precision": 1.0,
                    "false_positive_rate": 0.0, "false_hits_per_1000": 0.4},
    )  # fmt: skip
    assert client_for(listed_world, "officer").get("/screen/quality").status_code == 403
    page = client_for(listed_world, "auditor").get("/screen/quality")
    assert page.status_code == 200
    assert "arabic" in page.text and "above 1.5 × overall" in page.text
    # The charts are drawn on the server: an SVG per rate, no script.
    assert page.text.count('<svg class="rate-chart"') == 2 and "<script" not in page.text
    assert "Recall per name origin" in page.text and 'class="r-flag"' in page.text
    assert "entries without a date of birth" in page.text and "100.0" in page.text
    assert "would raise 0.4 false hits per 1,000" in page.text and "recall of 0.5" in page.text


def test_every_feature_of_a_score_has_a_name_in_each_language() -> None:
    source = Path(features.__file__).read_text(encoding="utf-8")
    codes = set(re.findall(r'Contribution\(\s*"(\w+)"', source))
    assert {"name", "birth_date", "listing", "common_name", "birth_place"} <= codes
    with i18n.language("en"):
        english = {code: screening_feature_label(code) for code in codes}
    # A name of its own in English, and a French one in the catalogue (Document is both).
    assert all(english[code] != code for code in codes)
    french = i18n.catalogue("fr")
    assert all(french.get(english[code]) for code in codes)
