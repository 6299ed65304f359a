"""Saved charts: marked as high as what they show, opened only by readers who may see that,
and every save and read audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from vigie.errors import InvalidInput, NotFound
from vigie.model.handling import Marking
from vigie.network.charts import get_chart, list_charts, save_chart
from vigie.policy.accounts import get_reader
from vigie.store import Store
from vigie.store.tables import audit


def actions(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return [row[0] for row in conn.execute(select(audit.c.action).order_by(audit.c.seq))]


def test_save_list_and_open(ring_store: Store) -> None:
    analyst = get_reader(ring_store.engine, "analyst")
    chart = save_chart(
        ring_store, analyst, " Haddad ring ", ["r1", "r2", "r1", "nobody"], ["r1"], ["r2", "x"]
    )
    assert chart.name == "Haddad ring" and chart.entities == ("r1", "r2")
    assert chart.pinned == ("r1",) and chart.hidden == ("r2",)
    # The Associate between r1 and r2 is SECRET: the chart is marked SECRET.
    assert chart.handling.marking is Marking.SECRET
    assert [c.id for c in list_charts(ring_store, analyst)] == [chart.id]
    assert get_chart(ring_store, analyst, chart.id) == chart
    officer = get_reader(ring_store.engine, "officer")
    assert list_charts(ring_store, officer) == []
    with pytest.raises(NotFound):
        get_chart(ring_store, officer, chart.id)
    public = save_chart(ring_store, officer, "Phones", ["r1", "r3"])
    assert public.handling.marking is Marking.UNCLASSIFIED
    assert [c.id for c in list_charts(ring_store, analyst)] == [public.id, chart.id]
    assert actions(ring_store).count("chart.save") == 2
    assert "chart.read" in actions(ring_store)


def test_a_chart_needs_a_name_and_visible_entities(ring_sqlite: Store) -> None:
    officer = get_reader(ring_sqlite.engine, "officer")
    with pytest.raises(InvalidInput):
        save_chart(ring_sqlite, officer, "  ", ["r1"])
    with pytest.raises(InvalidInput):
        save_chart(ring_sqlite, get_reader(ring_sqlite.engine, "partner-uk"), "Ring", ["r1"])
