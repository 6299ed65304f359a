"""Explanations: each comparison's weight read back from the model, in words and as a chart."""

from __future__ import annotations

import math

import pytest

from vigie.i18n import language
from vigie.resolve.explain import explain, probability, waterfall_svg


def _model() -> dict[str, object]:
    return {
        "probability_two_random_records_match": 0.2,
        "comparisons": [
            {
                "output_column_name": "name",
                "comparison_levels": [
                    {"is_null_level": True, "label_for_charts": "name is NULL"},
                    {"label_for_charts": "name.same", "m_probability": 0.8, "u_probability": 0.1},
                    {"label_for_charts": "name.else", "m_probability": 0.2, "u_probability": 0.9},
                ],
            },
            {
                "output_column_name": "birth",
                "comparison_levels": [
                    {"is_null_level": True, "label_for_charts": "dob is NULL"},
                    {"label_for_charts": "birth.same", "m_probability": 0.5, "u_probability": 0.5},
                    {
                        "label_for_charts": "birth.swapped",
                        "m_probability": 0.4,
                        "u_probability": 0.1,
                    },
                    {"label_for_charts": "birth.else", "m_probability": 0.1, "u_probability": 0.4},
                ],
            },
        ],
    }


def test_weights_are_read_from_the_levels() -> None:
    # Splink numbers levels from the strongest (n - 1) down to 0; -1 is missing.
    found = explain(_model(), [1, 1])
    assert [s.level for s in found.steps] == ["name.same", "birth.swapped"]
    assert found.prior == pytest.approx(math.log2(0.2 / 0.8))
    assert found.steps[0].weight == pytest.approx(3.0)
    assert found.steps[1].weight == pytest.approx(2.0)
    assert found.match_weight == pytest.approx(-2 + 3 + 2)
    assert found.probability == pytest.approx(probability(3.0))
    assert "day and month swapped" in found.sentence()


def test_missing_values_say_nothing() -> None:
    found = explain(_model(), [-1, 0])
    assert found.steps[0].level == "null"
    assert found.steps[0].weight == 0
    assert found.steps[1].level == "birth.else"
    assert found.steps[1].weight == pytest.approx(-2.0)


def test_explanations_are_translated() -> None:
    with language("fr"):
        assert "naissance" in explain(_model(), [0, 2]).sentence()


def test_the_waterfall_chart_shows_each_step() -> None:
    svg = waterfall_svg(explain(_model(), [1, 0]))
    assert svg.startswith("<svg")
    assert svg.count('class="up"') == 1 and svg.count('class="down"') == 1
    assert "+3.0" in svg and "-2.0" in svg


def test_the_name_frequency_adjustment_is_a_step_of_its_own() -> None:
    plain = explain(_model(), [1, 1])
    adjusted = explain(_model(), [1, 1], -1.5)
    assert adjusted.match_weight == pytest.approx(plain.match_weight - 1.5)
    assert adjusted.steps[-1].title == "name frequency"
    assert "rare name" in adjusted.steps[-1].words
