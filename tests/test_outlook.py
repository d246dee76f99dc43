"""Outlook queries: statistics.series() and statistics.latest()."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hsm_knowledge import (
    Citation,
    KnowledgeBase,
    Metric,
    Period,
    Statistic,
    StatisticCollection,
    Unit,
)
from hsm_knowledge._knowledge import edition_key
from hsm_knowledge.serialize import from_json, to_json

CITE = (Citation(source="bls-ooh", locator="Quick Facts"),)


def figure(
    id: str,
    value: str,
    start: dt.date,
    end: dt.date,
    *,
    metric: Metric = Metric.MEDIAN_ANNUAL_WAGE,
    edition: str | None = None,
    **fields: Any,
) -> Statistic:
    unit = (
        Unit.PERCENT
        if metric is Metric.PROJECTED_EMPLOYMENT_CHANGE_PERCENT
        else (Unit.CURRENCY_PER_YEAR)
    )
    return Statistic(
        id=id,
        name=id,
        summary="A figure made up for a test.",
        citations=CITE,
        metric=metric,
        value=Decimal(value),
        unit=unit,
        currency="USD" if unit.is_monetary else None,
        period=Period(start=start, end=end),
        geography=fields.pop("geography", "US"),
        edition=edition,
        **fields,
    )


def may(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 5, 1), dt.date(year, 5, 31)


WAGES = StatisticCollection(
    [
        figure("wage-2023", "110680", *may(2023), edition="2023-33"),
        figure("wage-2021", "101340", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        figure("wage-2022-new", "104831", *may(2022), edition="2023-33"),
        figure("wage-2022", "104830", *may(2022), edition="2022-32"),
        figure(
            "growth",
            "28",
            dt.date(2022, 1, 1),
            dt.date(2032, 12, 31),
            metric=Metric.PROJECTED_EMPLOYMENT_CHANGE_PERCENT,
            edition="2022-32",
        ),
    ]
)


def test_series_orders_by_period_and_keeps_every_edition() -> None:
    ids = [s.id for s in WAGES.series(Metric.MEDIAN_ANNUAL_WAGE)]
    assert ids == ["wage-2021", "wage-2022", "wage-2022-new", "wage-2023"]
    assert WAGES.series("median-annual-wage") == WAGES.series(Metric.MEDIAN_ANNUAL_WAGE)
    # values are kept exactly as given, edition by edition
    assert [s.value for s in WAGES.series("median-annual-wage")][1:3] == [
        Decimal("104830"),
        Decimal("104831"),
    ]


def test_latest_is_the_most_recent_period() -> None:
    latest = WAGES.latest("median-annual-wage")
    assert latest is not None
    assert latest.id == "wage-2023"
    assert latest.edition == "2023-33"
    assert latest.citations == CITE


def test_latest_breaks_a_period_tie_with_the_newest_edition() -> None:
    older = StatisticCollection(
        [s for s in WAGES if s.id in {"wage-2022", "wage-2022-new", "wage-2021"}]
    )
    latest = older.latest(Metric.MEDIAN_ANNUAL_WAGE)
    assert latest is not None
    assert latest.id == "wage-2022-new"


def test_latest_of_a_metric_without_figures_is_none() -> None:
    assert WAGES.latest(Metric.EMPLOYMENT) is None
    assert WAGES.series(Metric.EMPLOYMENT) == ()


def test_unknown_metric_is_a_clear_error() -> None:
    with pytest.raises(
        ValueError, match=r"unknown metric 'median-wage'; known metrics: "
    ):
        WAGES.series("median-wage")
    with pytest.raises(ValueError, match="unknown metric"):
        WAGES.latest("median-wage")


def test_figures_that_differ_only_in_detail_are_not_merged() -> None:
    percentiles = StatisticCollection(
        [
            figure(
                f"p{p}",
                value,
                *may(2019),
                metric=Metric.ANNUAL_WAGE_PERCENTILE,
                edition="May 2019",
                percentile=p,
            )
            for p, value in [(10, "58820"), (90, "189000")]
        ]
    )
    with pytest.raises(
        ValueError, match=r"2 'annual-wage-percentile' figures share"
    ) as info:
        percentiles.latest("annual-wage-percentile")
    assert "select one with percentile=..." in str(info.value)
    ninetieth = percentiles.latest("annual-wage-percentile", percentile=90)
    assert ninetieth is not None
    assert ninetieth.value == Decimal("189000")
    assert [s.id for s in percentiles.series("annual-wage-percentile")] == [
        "p10",
        "p90",
    ]


def test_packaged_outlook(kb: KnowledgeBase) -> None:
    wage = kb.statistics.latest(Metric.MEDIAN_ANNUAL_WAGE)
    assert wage is not None
    assert wage.value == Decimal("101340")
    assert str(wage.period) == "2021"
    assert [s.id for s in kb.sources_for(wage)] == ["seed-article"]
    growth = kb.statistics.latest("projected-employment-change-percent")
    assert growth is not None
    assert growth.value == Decimal("28")


def test_a_knowledge_base_wraps_statistics_in_their_collection(
    kb: KnowledgeBase,
) -> None:
    assert type(kb.statistics) is StatisticCollection
    rebuilt = attrs.evolve(kb, statistics=list(kb.statistics))
    assert type(rebuilt.statistics) is StatisticCollection
    assert rebuilt.statistics == kb.statistics
    again = from_json(KnowledgeBase, to_json(kb))
    assert type(again.statistics) is StatisticCollection
    assert again == kb


def test_edition_key_orders_editions() -> None:
    editions = ["May 2023", None, "2023-33", "May 2019", "2022-32"]
    assert sorted(editions, key=edition_key) == [
        None,
        "May 2019",
        "2022-32",
        "May 2023",
        "2023-33",
    ]


days = st.integers(min_value=0, max_value=3_000)
editions = st.none() | st.sampled_from(["2021-31", "2022-32", "2023-33", "May 2019"])


@st.composite
def wage_figures(draw: st.DrawFn) -> list[Statistic]:
    count = draw(st.integers(min_value=0, max_value=8))
    out = []
    for i in range(count):
        start = dt.date(2015, 1, 1) + dt.timedelta(days=draw(days))
        end = start + dt.timedelta(days=draw(st.integers(min_value=0, max_value=400)))
        out.append(
            figure(
                f"f{i}",
                str(draw(st.integers(min_value=0, max_value=10**6))),
                start,
                end,
                edition=draw(editions),
            )
        )
    return out


@given(wage_figures())
def test_latest_is_the_top_of_the_series(figures: list[Statistic]) -> None:
    collection = StatisticCollection(figures)
    series = collection.series("median-annual-wage")
    assert sorted(series, key=lambda s: s.id) == sorted(figures, key=lambda s: s.id)

    def key(s: Statistic) -> tuple[object, ...]:
        return (s.period.end, s.period.start, edition_key(s.edition))

    assert [key(s) for s in series] == sorted(key(s) for s in series)
    if not figures:
        assert collection.latest("median-annual-wage") is None
        return
    top = [s for s in series if key(s) == key(series[-1])]
    if len(top) > 1:
        with pytest.raises(ValueError, match="share the latest period"):
            collection.latest("median-annual-wage")
    else:
        assert collection.latest("median-annual-wage") is series[-1]
