"""Every packaged number equals its source row.

These tests read ``shared/sources`` beside the repository (the O*NET 29.3
rows for 11-9111.00 and the BLS figures transcribed from bls.gov pages) and
skip when that folder is absent. The O*NET rows are read twice: once with
plain tab splitting, independent of the reader, and once through
:mod:`hsm_knowledge.onet` to check that regenerating the package data from
them gives the committed files.
"""

from __future__ import annotations

import json
import re
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from hsm_knowledge import (
    DescriptorDomain,
    KnowledgeBase,
    Metric,
    Provenance,
    RelatednessTier,
    TaskCategory,
    TitleSource,
    Unit,
)
from hsm_knowledge._loading import packaged_document, read_data_file
from hsm_knowledge.onet import OnetNotice, merge_into_document, read_onet, render_files

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ONET = SHARED / "sources" / "onet_29_3"
BLS = SHARED / "sources" / "bls" / "ooh_oews_11-9111_by_vintage.json"
CODE = "11-9111.00"

needs_onet = pytest.mark.skipif(
    not ONET.is_dir(), reason="shared/sources/onet_29_3 is not beside the repository"
)
needs_bls = pytest.mark.skipif(
    not BLS.is_file(), reason="shared/sources/bls is not beside the repository"
)


README = SHARED / "sources" / "README.md"


@pytest.mark.skipif(
    not README.is_file(), reason="shared/sources is not beside the repository"
)
def test_source_notes_name_the_commits_the_copies_were_read_at(
    kb: KnowledgeBase,
) -> None:
    # each third-party copy is named down to the commit its files were read at
    sections = re.split(r"^## ", README.read_text(encoding="utf-8"), flags=re.M)
    for source_id, heading in [("onet-29-3", "`onet_29_3/`"), ("esco-1-0", "`esco/`")]:
        (section,) = [text for text in sections if text.startswith(heading)]
        commits = set(re.findall(r"\b[0-9a-f]{40}\b", section))
        assert commits, heading
        notes = kb.sources[source_id].notes or ""
        assert {c for c in commits if c not in notes} == set(), source_id
    # the ESCO licence is not in the CSV files: the citation says where it is
    (citation,) = kb.organizations["european-commission"].citations
    assert citation.source == "esco-1-0"
    assert "handbook" in citation.locator
    assert "handbook" in (kb.sources["esco-1-0"].notes or "")


def rows(name: str) -> list[dict[str, str]]:
    lines = (ONET / f"{name}_{CODE}.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    out = []
    for line in lines[1:]:
        fields = line.split("\t")
        assert len(fields) == len(header), line
        out.append(dict(zip(header, fields, strict=True)))
    return out


def given(text: str) -> str | None:
    return None if text.strip() in ("", "n/a") else text.strip()


def same_number(value: Decimal | None, text: str) -> bool:
    """The packaged value is the row's text, digit for digit, or both absent."""
    expected = given(text)
    if expected is None:
        return value is None
    return value is not None and str(value) == expected


def flag(text: str) -> bool | None:
    return {"Y": True, "N": False}.get(text.strip())


# --------------------------------------------------------------------------
# O*NET


@needs_onet
def test_regenerating_from_the_shared_rows_gives_the_committed_files() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", OnetNotice)
        data = read_onet(ONET, CODE)
    files = render_files(merge_into_document(packaged_document(), data))
    for name, text in files.items():
        assert read_data_file(name).decode("utf-8") == text, name


DOMAIN_FILES = {
    "skills": DescriptorDomain.SKILL,
    "knowledge": DescriptorDomain.KNOWLEDGE,
    "work_styles": DescriptorDomain.WORK_STYLE,
    "interests": DescriptorDomain.INTEREST,
    "work_values": DescriptorDomain.WORK_VALUE,
    "education_training_experience": DescriptorDomain.EDUCATION_TRAINING_EXPERIENCE,
}


@needs_onet
@pytest.mark.parametrize("name", list(DOMAIN_FILES))
def test_every_rating_equals_its_row(kb: KnowledgeBase, name: str) -> None:
    domain = DOMAIN_FILES[name]
    packaged = {d.element_id: d for d in kb.descriptors if d.domain is domain}
    table = rows(name)
    assert {row["Element ID"] for row in table} == set(packaged)
    assert sum(len(d.ratings) for d in packaged.values()) == len(table)
    for row in table:
        descriptor = packaged[row["Element ID"]]
        assert descriptor.name == row["Element Name"]
        category = given(row.get("Category", ""))
        rating = descriptor.rating(
            row["Scale ID"], None if category is None else int(category)
        )
        assert rating is not None, row
        assert same_number(rating.value, row["Data Value"]), row
        for column, value in (
            ("N", rating.n),
            ("Standard Error", rating.standard_error),
            ("Lower CI Bound", rating.lower_ci_bound),
            ("Upper CI Bound", rating.upper_ci_bound),
        ):
            assert same_number(value, row.get(column, "")), (column, row)
        assert rating.recommend_suppress == flag(row.get("Recommend Suppress", ""))
        assert rating.not_relevant == flag(row.get("Not Relevant", ""))
        assert rating.scale_name == row["Scale Name"]
        assert rating.date is not None
        assert rating.date.label == row["Date"]
        assert rating.domain_source == row["Domain Source"]
        assert any(c.source == "onet-29-3" for c in descriptor.citations)


@needs_onet
def test_counts_of_skills_and_knowledge_match_the_issue(kb: KnowledgeBase) -> None:
    by_domain: dict[DescriptorDomain, int] = {}
    for descriptor in kb.descriptors:
        by_domain[descriptor.domain] = by_domain.get(descriptor.domain, 0) + 1
    assert by_domain[DescriptorDomain.SKILL] == 35
    assert by_domain[DescriptorDomain.KNOWLEDGE] == 33


@needs_onet
def test_every_task_equals_its_row(kb: KnowledgeBase) -> None:
    table = rows("task_statements")
    assert len(kb.tasks) == len(table) == 18
    links = rows("tasks_to_dwas")
    for row in table:
        task = kb.tasks[f"onet-{row['Task ID']}"]
        assert task.name == row["Task"]
        assert task.category is TaskCategory(row["Task Type"].lower())
        assert same_number(task.incumbents_responding, row["Incumbents Responding"])
        assert task.date is not None
        assert task.date.label == row["Date"]
        assert task.domain_source == row["Domain Source"]
        expected = [
            (link["DWA ID"], link["DWA Title"], link["Date"])
            for link in links
            if link["Task ID"] == row["Task ID"]
        ]
        assert [
            (a.id, a.title, a.date.label if a.date else None)
            for a in task.work_activities
        ] == expected
    core = [t for t in kb.tasks if t.category is TaskCategory.CORE]
    assert len(core) == 17


@needs_onet
def test_every_technology_skill_and_tool_equals_its_row(kb: KnowledgeBase) -> None:
    table = rows("technology_skills")
    assert [t.name for t in kb.technology_skills] == [r["Example"] for r in table]
    for skill, row in zip(kb.technology_skills, table, strict=True):
        assert skill.commodity_code == row["Commodity Code"]
        assert skill.commodity_title == row["Commodity Title"]
        assert skill.hot_technology is flag(row["Hot Technology"])
        assert skill.in_demand is flag(row["In Demand"])
    assert sum(t.hot_technology for t in kb.technology_skills) == 41
    assert [t.name for t in kb.technology_skills if t.in_demand] == [
        "Microsoft Excel",
        "Microsoft Office software",
        "Microsoft Outlook",
    ]
    tools = rows("tools_used")
    assert [(t.name, t.commodity_code, t.commodity_title) for t in kb.tools] == [
        (r["Example"], r["Commodity Code"], r["Commodity Title"]) for r in tools
    ]


@needs_onet
def test_every_job_title_equals_its_row(kb: KnowledgeBase) -> None:
    onet_titles = [t for t in kb.job_titles if t.title_sources]
    alternate = rows("alternate_titles")
    reported = {r["Reported Job Title"]: r for r in rows("sample_of_reported_titles")}
    assert [t.name for t in onet_titles] == [r["Alternate Title"] for r in alternate]
    for title, row in zip(onet_titles, alternate, strict=True):
        assert TitleSource.ALTERNATE in title.title_sources
        assert title.short_title == given(row["Short Title"])
        assert ",".join(title.onet_source_codes) == row["Source(s)"]
        if title.name in reported:
            assert TitleSource.REPORTED in title.title_sources
            expected = flag(reported[title.name]["Shown in My Next Move"])
            assert title.shown_in_my_next_move is expected
        else:
            assert title.title_sources == (TitleSource.ALTERNATE,)
    listed = {t.name for t in onet_titles if TitleSource.REPORTED in t.title_sources}
    assert listed == set(reported)


@needs_onet
def test_every_related_occupation_and_the_job_zone_equal_their_rows(
    kb: KnowledgeBase,
) -> None:
    table = rows("related_occupations")
    onet = [r for r in kb.related_occupations if r.tier is not None]
    assert len(onet) == len(table) == 20
    for related, row in zip(onet, table, strict=True):
        assert related.code.value == row["Related O*NET-SOC Code"]
        assert related.name == related.code.label == row["Related Title"]
        assert related.tier is RelatednessTier(row["Relatedness Tier"].lower())
        assert related.index == int(row["Index"])
    (row,) = rows("job_zones")
    (zone,) = kb.job_zones
    assert zone.zone == int(row["Job Zone"])
    assert zone.name == "Job Zone Four: Considerable Preparation Needed"
    assert zone.date is not None
    assert zone.date.label == row["Date"]


# --------------------------------------------------------------------------
# BLS


def bls_figures() -> list[dict[str, Any]]:
    """Every figure of a record read from a bls.gov page or its archive copy.

    Returns one entry per figure, in the shape the packaged statistic should
    have: metric, value text, edition, period label, percentile, industry.
    """
    document = json.loads(BLS.read_text(encoding="utf-8"), parse_float=str)
    verified = {"verified_from_bls_page", "verified_from_bls_page_archive"}
    figures: list[dict[str, Any]] = []

    def add(metric: Metric, value: Any, **kw: Any) -> None:
        if value is not None:
            figures.append({"metric": metric, "value": str(value), **kw})

    for edition in document["ooh_quick_facts"]:
        if edition["status"] not in verified:
            continue
        name = edition["edition_projection_decade"]
        common = {"edition": name, "url": edition["source_url"]}
        pay = {"period": edition["median_pay_reference"], **common}
        add(Metric.MEDIAN_ANNUAL_WAGE, edition["median_pay_annual_usd"], **pay)
        add(Metric.MEDIAN_HOURLY_WAGE, edition["median_pay_hourly_usd"], **pay)
        add(
            Metric.EMPLOYMENT,
            edition["number_of_jobs"],
            period=str(edition["number_of_jobs_year"]),
            **common,
        )
        window = edition["job_outlook_period"]
        add(
            Metric.PROJECTED_EMPLOYMENT_CHANGE_PERCENT,
            edition["job_outlook_pct"],
            period=window,
            **common,
        )
        add(
            Metric.PROJECTED_EMPLOYMENT_CHANGE,
            edition.get("employment_change"),
            period=window,
            **common,
        )
        add(
            Metric.ANNUAL_OPENINGS,
            edition.get("annual_openings"),
            period=window,
            **common,
        )
    for release in document["oews_national"]:
        if release["status"] not in verified:
            continue
        common = {
            "edition": release["reference"],
            "period": release["reference"],
            "url": release["source_url"],
        }
        add(
            Metric.EMPLOYMENT,
            release["employment"],
            rse=release["employment_rse_pct"],
            **common,
        )
        add(
            Metric.MEAN_HOURLY_WAGE,
            release["mean_hourly_usd"],
            rse=release["wage_rse_pct"],
            **common,
        )
        add(
            Metric.MEAN_ANNUAL_WAGE,
            release["mean_annual_usd"],
            rse=release["wage_rse_pct"],
            **common,
        )
        for unit, median, percentile in (
            ("hourly", Metric.MEDIAN_HOURLY_WAGE, Metric.HOURLY_WAGE_PERCENTILE),
            ("annual", Metric.MEDIAN_ANNUAL_WAGE, Metric.ANNUAL_WAGE_PERCENTILE),
        ):
            for key, value in release[f"percentiles_{unit}_usd"].items():
                rank = int(key[1:])
                if rank == 50:
                    add(median, value, **common)
                else:
                    add(percentile, value, percentile=rank, **common)
        for row in release["top_industries_by_employment"]:
            industry = {"industry": row["industry"], **common}
            add(Metric.EMPLOYMENT, row["employment"], **industry)
            add(
                Metric.INDUSTRY_EMPLOYMENT_SHARE,
                row["pct_of_industry_employment"],
                **industry,
            )
            add(Metric.MEAN_HOURLY_WAGE, row["hourly_mean_usd"], **industry)
            add(Metric.MEAN_ANNUAL_WAGE, row["annual_mean_usd"], **industry)
    return figures


def primary_bls(kb: KnowledgeBase) -> list[Any]:
    return [
        s
        for s in kb.statistics
        if s.provenance is Provenance.PRIMARY
        and any(kb.sources[c.source].publisher == "bls" for c in s.citations)
    ]


@needs_bls
def test_every_bls_figure_equals_its_transcribed_row(kb: KnowledgeBase) -> None:
    expected = bls_figures()
    packaged = primary_bls(kb)
    assert len(packaged) == len(expected)
    remaining = list(packaged)
    for figure in expected:
        matches = [
            s
            for s in remaining
            if s.metric is figure["metric"]
            and s.edition == figure["edition"]
            and str(s.period) == figure["period"]
            and s.percentile == figure.get("percentile")
            and s.industry == figure.get("industry")
        ]
        assert len(matches) == 1, figure
        (statistic,) = matches
        remaining.remove(statistic)
        assert str(statistic.value) == figure["value"], figure
        rse = figure.get("rse")
        assert statistic.relative_standard_error == (
            None if rse is None else Decimal(str(rse))
        )
        assert statistic.geography == "US"
        urls = {kb.sources[c.source].url for c in statistic.citations}
        assert figure["url"] in urls
        if statistic.unit.is_monetary:
            assert statistic.currency == "USD"
    assert remaining == []


@needs_bls
def test_secondary_only_figures_stay_out(kb: KnowledgeBase) -> None:
    document = json.loads(BLS.read_text(encoding="utf-8"))
    secondary = [
        e["source_url"]
        for e in document["ooh_quick_facts"] + document["oews_national"]
        if e["status"] == "secondary_only"
    ]
    assert secondary
    urls = {s.url for s in kb.sources}
    assert not urls & set(secondary)
    # The seed's own 2021 figures stay, marked second-hand and cited to it.
    seed = [s for s in kb.statistics if s.provenance is Provenance.SECONDARY]
    assert {s.id for s in seed} == {
        "median-annual-wage-2021",
        "projected-employment-change-percent-2021-2031",
    }
    assert all(c.source == "seed-article" for s in seed for c in s.citations)


@needs_bls
def test_entry_requirements_equal_each_edition(kb: KnowledgeBase) -> None:
    document = json.loads(BLS.read_text(encoding="utf-8"))
    verified = [
        e
        for e in document["ooh_quick_facts"]
        if e["status"].startswith("verified_from_bls_page")
    ]
    assert len(kb.entry_requirements) == len(verified)
    for edition in verified:
        (record,) = [
            r
            for r in kb.entry_requirements
            if r.edition == edition["edition_projection_decade"]
        ]
        assert record.education == edition["typical_entry_level_education"]
        assert (
            record.work_experience == (edition["work_experience_in_related_occupation"])
        )
        assert record.on_the_job_training == edition["on_the_job_training"]
        urls = {kb.sources[c.source].url for c in record.citations}
        assert edition["source_url"] in urls


def test_percent_units_and_wages_are_consistent(kb: KnowledgeBase) -> None:
    for statistic in kb.statistics:
        if statistic.metric in (
            Metric.PROJECTED_EMPLOYMENT_CHANGE_PERCENT,
            Metric.INDUSTRY_EMPLOYMENT_SHARE,
        ):
            assert statistic.unit is Unit.PERCENT
        if statistic.metric.value.endswith("hourly-wage") or (
            statistic.metric is Metric.HOURLY_WAGE_PERCENTILE
        ):
            assert statistic.unit is Unit.CURRENCY_PER_HOUR
