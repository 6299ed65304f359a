"""The rate chart: bars to scale, the reference line, and flagged groups said in words."""

from __future__ import annotations

from vigie.web.rate_chart import Rate, rate_chart


def test_groups_beyond_the_reference_are_flagged_in_words() -> None:
    svg = rate_chart(
        "FPR",
        [Rate("overall", 0.01), Rate("arabic", 0.03), Rate("hispanic", None)],
        0.015,
        "limit",
        flag_above=True,
        flag_name="too high",
        digits=3,
    )
    assert svg.count('class="r-flag"') == 1 and svg.count('class="r-bar"') == 2
    assert "0.030 too high" in svg and "limit 0.015" in svg and "—" in svg
    assert "<script" not in svg


def test_recall_below_the_target_is_flagged() -> None:
    svg = rate_chart("Recall", [Rate("a", 0.9), Rate("b <c>", 0.5)], 0.85, "target", False, "below")
    assert "0.500 below" in svg and "0.900 below" not in svg
    assert "b &lt;c&gt;" in svg
