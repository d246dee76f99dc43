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
    Provenance,
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
        ValueError,
        match=r"unknown metric 'median-wage'; did you mean 'median-hourly-wage'\?; "
        "known metrics: ",
    ):
        WAGES.series("median-wage")
    with pytest.raises(ValueError, match=r"did you mean 'median-hourly-wage'\?"):
        WAGES.series("MEDIAN_HOURLY_WAGE")
    with pytest.raises(ValueError, match=r"unknown metric 'xyz'; known metrics: "):
        WAGES.series("xyz")
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
    assert "select one with percentile= one of 10, 90" in str(info.value)
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
    assert wage.id == "median-annual-wage-ooh-2023-33"
    assert (wage.value, wage.currency, str(wage.period), wage.edition) == (
        Decimal("110680"),
        "USD",
        "May 2023",
        "2023-33",
    )
    assert [s.id for s in kb.sources_for(wage)] == ["bls-ooh-2023-33"]
    growth = kb.statistics.latest("projected-employment-change-percent")
    assert growth is not None
    assert (growth.value, str(growth.period), growth.edition) == (
        Decimal("29"),
        "2023-33",
        "2023-33",
    )


def test_the_wage_editions_stand_side_by_side(kb: KnowledgeBase) -> None:
    series = kb.statistics.series(Metric.MEDIAN_ANNUAL_WAGE)
    assert [
        (str(s.period), s.edition, s.value, s.provenance.value) for s in series
    ] == [
        ("May 2010", "2010-20", Decimal("84270"), "primary"),
        ("May 2015", "2014-24", Decimal("94500"), "primary"),
        ("May 2016", "2016-26", Decimal("96540"), "primary"),
        ("May 2019", "May 2019", Decimal("100980"), "primary"),  # OEWS
        ("May 2020", "2019-29", Decimal("104280"), "primary"),
        ("2021", None, Decimal("101340"), "secondary"),  # the seed's figure
        ("May 2022", "2022-32", Decimal("104830"), "primary"),
        ("May 2023", "2023-33", Decimal("110680"), "primary"),
    ]
    # the records themselves, never merged or converted
    assert all(figure is kb.statistics[figure.id] for figure in series)
    assert series[5] is kb.statistics["median-annual-wage-2021"]
    assert series[5].attributed_to is None  # the sentence credits no one
    assert kb.statistics.latest(Metric.MEDIAN_ANNUAL_WAGE) is series[-1]


def test_series_describe_the_whole_occupation(kb: KnowledgeBase) -> None:
    everything = kb.statistics.filter(metric=Metric.EMPLOYMENT)
    whole = kb.statistics.series(Metric.EMPLOYMENT)
    assert all(s.industry is None for s in whole)
    assert {s.id for s in everything} - {s.id for s in whole} == {
        s.id for s in everything if s.industry is not None
    }
    assert len(whole) == 7
    physicians = kb.statistics.series(
        Metric.EMPLOYMENT, industry="Offices of Physicians"
    )
    assert [s.value for s in physicians] == [Decimal("48780")]
    # OEWS gives a mean wage for the occupation and for five industries
    mean = kb.statistics.latest(Metric.MEAN_ANNUAL_WAGE)
    assert mean is not None
    assert (mean.value, mean.industry, mean.edition) == (
        Decimal("115160"),
        None,
        "May 2019",
    )
    hospitals = kb.statistics.latest(
        "mean-annual-wage", industry="General Medical and Surgical Hospitals"
    )
    assert hospitals is not None
    assert hospitals.value == Decimal("124180")


@pytest.mark.parametrize(
    ("first", "second", "hint"),
    [
        # two second-hand sources can report the same period's figure
        (
            {"provenance": Provenance.SECONDARY},
            {"provenance": Provenance.SECONDARY, "attributed_to": "bls"},
            "attributed_to= one of None, 'bls'",
        ),
        ({}, {"currency": "EUR"}, "currency= one of 'EUR', 'USD'"),
    ],
)
def test_latest_names_who_reported_a_figure_or_its_currency_to_select_on(
    first: dict[str, Any], second: dict[str, Any], hint: str
) -> None:
    one = attrs.evolve(figure("a", "101340", *may(2024)), **first)
    other = attrs.evolve(one, id="b", **second)
    with pytest.raises(ValueError, match="2 'median-annual-wage' figures") as info:
        StatisticCollection([one, other]).latest("median-annual-wage")
    assert str(info.value).endswith(f"select one with {hint}")


def test_a_metric_that_exists_per_industry_keeps_every_industry(
    kb: KnowledgeBase,
) -> None:
    shares = kb.statistics.series(Metric.INDUSTRY_EMPLOYMENT_SHARE)
    assert len(shares) == 5
    assert all(s.industry is not None for s in shares)
    with pytest.raises(
        ValueError, match="5 'industry-employment-share' figures"
    ) as info:
        kb.statistics.latest(Metric.INDUSTRY_EMPLOYMENT_SHARE)
    assert "select one with industry= one of 'General Medical" in str(info.value)
    share = kb.statistics.latest(
        Metric.INDUSTRY_EMPLOYMENT_SHARE, industry="Offices of Physicians"
    )
    assert share is not None
    assert share.value == Decimal("1.84")


def test_percentiles_need_a_percentile_for_the_latest(kb: KnowledgeBase) -> None:
    series = kb.statistics.series(Metric.ANNUAL_WAGE_PERCENTILE)
    assert [(s.percentile, s.value) for s in series] == [
        (10, Decimal("58820")),
        (25, Decimal("76770")),
        (75, Decimal("133520")),
        (90, Decimal("189000")),
    ]
    with pytest.raises(ValueError, match="4 'annual-wage-percentile' figures") as info:
        kb.statistics.latest(Metric.ANNUAL_WAGE_PERCENTILE)
    assert str(info.value).endswith("select one with percentile= one of 10, 25, 75, 90")
    top = kb.statistics.latest(Metric.HOURLY_WAGE_PERCENTILE, percentile=90)
    assert top is not None
    assert (top.value, top.unit, top.currency) == (
        Decimal("90.86"),
        Unit.CURRENCY_PER_HOUR,
        "USD",
    )


def test_every_metric_has_a_latest_or_says_what_to_choose(kb: KnowledgeBase) -> None:
    for metric in Metric:
        if metric.needs_percentile or metric is Metric.INDUSTRY_EMPLOYMENT_SHARE:
            with pytest.raises(ValueError, match="select one with"):
                kb.statistics.latest(metric)
            continue
        latest = kb.statistics.latest(metric)
        assert latest is not None, metric
        assert latest is kb.statistics.series(metric)[-1]


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
industries = st.none() | st.sampled_from(["Hospitals", "Home Health Care Services"])


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
                industry=draw(industries),
            )
        )
    return out


@given(wage_figures(), st.sampled_from([None, "Hospitals"]))
def test_latest_is_the_top_of_the_series(
    figures: list[Statistic], industry: str | None
) -> None:
    collection = StatisticCollection(figures)
    chosen = {} if industry is None else {"industry": industry}
    series = collection.series("median-annual-wage", **chosen)
    # the figures of the industry asked for, or of the whole occupation
    wanted = [s for s in figures if s.industry == industry]
    assert sorted(series, key=lambda s: s.id) == sorted(wanted, key=lambda s: s.id)
    figures = wanted

    def key(s: Statistic) -> tuple[object, ...]:
        return (s.period.end, s.period.start, edition_key(s.edition))

    assert [key(s) for s in series] == sorted(key(s) for s in series)
    if not figures:
        assert collection.latest("median-annual-wage", **chosen) is None
        return
    top = [s for s in series if key(s) == key(series[-1])]
    if len(top) > 1:
        with pytest.raises(ValueError, match="share the latest period"):
            collection.latest("median-annual-wage", **chosen)
    else:
        assert collection.latest("median-annual-wage", **chosen) is series[-1]
