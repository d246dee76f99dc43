"""The main job: ``python -m hsm_knowledge`` prints the career overview."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal

from hsm_knowledge import KnowledgeBase, Statistic
from hsm_knowledge._overview import render_overview


def test_module_prints_the_overview() -> None:
    env = {**os.environ, "COLUMNS": "80"}
    result = subprocess.run(
        [sys.executable, "-m", "hsm_knowledge"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    out = result.stdout
    flat = " ".join(out.split())
    assert result.stderr == ""
    for expected in (
        "Medical and Health Services Managers",
        # each system named as people write it, ESCO's occupations as related
        "Codes: SOC 2018 11-9111, O*NET-SOC 2019 11-9111.00, ISCO-08 1342 "
        "Related ESCO occupations in ISCO-08 group 1342: healthcare institution "
        "manager and clinical informatics manager",
        "Responsibilities",
        "Specializations",
        "1. Obtain a degree",
        "4. Seek leadership opportunities",
        # every work setting: those the seed names as managed, then the rest
        "Facilities managed include hospitals, clinics, long-term care "
        "facilities and private practices. Managers also work in government "
        "agencies and group medical practices.",
        "Employers often also offer flexible schedules, retirement plans and bonuses.",
        "CPHRM (Certified Professional in Health Care Risk Management)",
        "AHA Certification Center (American Hospital Association)",
        "Skills employers value",
        "$101,340 a year (2021)",
        "28% (2021-2031)",
        "reporting BLS figures (second-hand)",
        # the seed's salary sentence credits no one: second-hand, no body named
        "(second-hand; it names no source for the figure)",
        "O*NET 29.3 Database",
        # BLS editions side by side, each with its as-of period.
        "$110,680 a year (May 2023, 2023-33 edition)",
        "$84,270 a year (May 2010, 2010-20 edition)",
        "29% (2023-33)",
        "32% (2019-29)",
        "Annual wage percentiles, May 2019: 10th $58,820",
        "bachelor's degree as the typical entry-level education",
        # The top-rated O*NET skills, with scale and value.
        "Top 5 of 35 skills by importance (IM, 1 to 5; level LV, 0 to 7)",
        "Critical Thinking: importance 4.12, level 4.12",
        "6 more skills share the importance 4.",
        "Administration and Management: importance 4.68, level 5.5",
        "Hot medical software: eClinicalWorks EHR software, Epic Systems",
        # The O*NET attribution, in the wording for modified information.
        "This page includes information from the O*NET 29.3 Database by the U.S. "
        "Department of Labor, Employment and Training Administration (USDOL/ETA). "
        "Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. "
        "The hsm_knowledge project has modified all or some of this information. "
        "USDOL/ETA has not approved, endorsed, or tested these modifications.",
    ):
        assert expected in flat, expected
    assert all(len(line) <= 80 for line in out.splitlines())
    # Editions are listed newest first within each metric.
    assert flat.index("$110,680 a year") < flat.index("$104,830 a year")
    assert flat.index("$104,830 a year") < flat.index("$84,270 a year")


def test_overview_wraps_to_the_width(kb: KnowledgeBase) -> None:
    for width in (40, 60, 100):
        text = render_overview(kb, width=width)
        assert max(len(line) for line in text.splitlines()) <= width


def test_top_skills_are_ranked_by_importance_without_a_cut_off(
    kb: KnowledgeBase,
) -> None:
    from hsm_knowledge import DescriptorDomain
    from hsm_knowledge._overview import TOP_RATED, _top_by_importance

    top, ties = _top_by_importance(kb, DescriptorDomain.SKILL, TOP_RATED)
    skills = [d for d in kb.descriptors if d.domain is DescriptorDomain.SKILL]
    values = sorted(
        (d.importance for d in skills if d.importance is not None), reverse=True
    )
    assert [d.importance for d in top] == values[:TOP_RATED]
    last = top[-1].importance
    assert ties == sum(1 for v in values if v == last) - sum(
        1 for d in top if d.importance == last
    )


def test_a_top_skill_rated_per_category_on_level_does_not_stop_it(
    kb: KnowledgeBase,
) -> None:
    # rating("LV") refuses to pick a category; the overview wants the
    # uncategorized rating and goes without it when there is none
    import attrs

    first = kb.descriptors["skill-critical-thinking"]  # a top skill, with IM and LV
    ratings = tuple(
        attrs.evolve(r, category=1) if r.scale == "LV" else r for r in first.ratings
    )
    changed = attrs.evolve(first, ratings=ratings)
    other = attrs.evolve(
        kb,
        descriptors=[changed if d is first else d for d in kb.descriptors],
    )
    text = " ".join(render_overview(other).split())
    assert "Critical Thinking: importance 4.12, level 4.12" in " ".join(
        render_overview(kb).split()
    )
    assert "Critical Thinking: importance 4.12" in text
    assert "Critical Thinking: importance 4.12, level" not in text


def test_an_occupation_with_only_esco_codes_has_no_empty_codes_line(
    kb: KnowledgeBase,
) -> None:
    import attrs

    from hsm_knowledge import CodeSystem

    esco = tuple(c for c in kb.occupation.codes if c.system is CodeSystem.ESCO)
    only_esco = attrs.evolve(kb, occupation=attrs.evolve(kb.occupation, codes=esco))
    text = render_overview(only_esco, width=80)
    assert "Codes:" not in text
    assert "Related ESCO occupations: healthcare institution manager and" in text


def _with_figures(kb: KnowledgeBase, *extra: object) -> KnowledgeBase:
    import attrs

    return attrs.evolve(kb, statistics=[*kb.statistics, *extra])


def test_a_spread_in_another_currency_and_place_gets_its_own_line(
    kb: KnowledgeBase,
) -> None:
    import attrs

    p90 = kb.statistics["annual-wage-p90-oews-may-2019"]
    canadian = attrs.evolve(
        p90, id="ca-p90", geography="CA", currency="CAD", value=Decimal(150000)
    )
    text = " ".join(render_overview(_with_figures(kb, canadian)).split())
    assert "Annual wage percentiles, May 2019 (CA): 90th CAD 150,000." in text
    assert "Annual wage percentiles, May 2019 (US): 10th $58,820;" in text
    assert "90th $189,000." in text


def test_pay_is_listed_newest_edition_first_as_series_orders_it(
    kb: KnowledgeBase,
) -> None:
    # "May 2023" sorts after "2023-33" as text; as editions it is older
    import attrs

    newest = kb.statistics.latest("median-annual-wage")
    assert newest is not None
    oews = attrs.evolve(
        newest, id="oews-may-2023", edition="May 2023", value=Decimal(1)
    )
    other = _with_figures(kb, oews)
    assert other.statistics.latest("median-annual-wage") == newest
    text = " ".join(render_overview(other).split())
    assert text.index("$110,680 a year (May 2023, 2023-33 edition)") < text.index(
        "$1 a year (May 2023)"
    )


def test_a_spread_names_its_period_when_the_edition_does_not(
    kb: KnowledgeBase,
) -> None:
    import attrs

    from hsm_knowledge import Period

    p90 = kb.statistics["annual-wage-p90-oews-may-2019"]
    later = attrs.evolve(
        p90,
        id="p90-2020",
        period=Period(
            start=dt.date(2020, 5, 1), end=dt.date(2020, 5, 31), label="May 2020"
        ),
        value=Decimal(195000),
    )
    unlabelled = attrs.evolve(
        p90, id="p90-unlabelled", period=attrs.evolve(p90.period, label=None)
    )
    text = " ".join(render_overview(_with_figures(kb, later, unlabelled)).split())
    assert (
        "Annual wage percentiles, May 2020 (May 2019 edition): 90th $195,000." in text
    )
    # a figure of the same dates joins its spread, whatever its label
    assert "90th $189,000; 90th $189,000." in text


def test_spreads_of_one_label_show_their_dates_and_one_without_an_edition_shows(
    kb: KnowledgeBase,
) -> None:
    import attrs

    from hsm_knowledge import Period

    p90 = kb.statistics["annual-wage-p90-oews-may-2019"]

    def figure(id: str, start: dt.date, end: dt.date, value: int) -> Statistic:
        period = Period(start=start, end=end, label="2019")
        return attrs.evolve(
            p90, id=id, period=period, value=Decimal(value), edition="2020 survey"
        )

    calendar = figure("p90-calendar", dt.date(2019, 1, 1), dt.date(2019, 12, 31), 1)
    fiscal = figure("p90-fiscal", dt.date(2018, 7, 1), dt.date(2019, 6, 30), 2)
    no_edition = attrs.evolve(
        p90, id="p90-none", edition=None, value=Decimal(3), period=calendar.period
    )
    text = " ".join(
        render_overview(_with_figures(kb, calendar, fiscal, no_edition)).split()
    )
    assert (
        "Annual wage percentiles, 2019-01-01 to 2019-12-31, 2020 survey edition, "
        "US, USD: 90th $1." in text
    )
    assert (
        "Annual wage percentiles, 2018-07-01 to 2019-06-30, 2020 survey edition, "
        "US, USD: 90th $2." in text
    )
    assert "Annual wage percentiles, 2019: 90th $3." in text
    # newest first, as the pay figures above
    assert text.index("90th $1.") < text.index("90th $189,000.")


def test_every_spread_line_differs_from_the_others(kb: KnowledgeBase) -> None:
    import attrs

    p90 = kb.statistics["annual-wage-p90-oews-may-2019"]
    variants = [
        attrs.evolve(p90, id="p90-no-edition", edition=None, value=Decimal(1)),
        attrs.evolve(p90, id="p90-ca", geography="CA", value=Decimal(2)),
        attrs.evolve(p90, id="p90-eur", currency="EUR", value=Decimal(3)),
    ]
    text = render_overview(_with_figures(kb, *variants))
    lines = [
        line.split(":")[0]
        for line in " ".join(text.split()).split("Annual wage percentiles, ")[1:]
    ]
    assert len(lines) == 4
    assert len(set(lines)) == 4, lines
    # a title alone where it is unique; places in order within one period
    assert lines[0] == "May 2019 (CA)"
    assert lines[1:] == [
        "2019-05-01 to 2019-05-31, May 2019 edition, US, USD",
        "2019-05-01 to 2019-05-31, May 2019 edition, US, EUR",
        "2019-05-01 to 2019-05-31, no edition, US, USD",
    ]
