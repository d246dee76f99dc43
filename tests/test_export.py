"""The schema.org JSON-LD and CSV exports are faithful, valid and round-trip."""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import types
import typing
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Union

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import (
    KINDS,
    Citation,
    CodeSystem,
    Credential,
    CredentialCategory,
    KnowledgeBase,
    Manifest,
    Metric,
    Occupation,
    OccupationCode,
    Organization,
    Period,
    Provenance,
    Relation,
    Statistic,
    Unit,
)
from hsm_knowledge.export import (
    JSONLD_PROPERTIES,
    LIST_SEPARATOR,
    csv_columns,
    to_csv,
    to_csv_folder,
    to_jsonld,
    to_jsonld_text,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VOCAB = SHARED / "vocab"
SCHEMA = ("http://schema.org/", "https://schema.org/")


# --------------------------------------------------------------------------
# Knowledge bases for property tests.
#
# ``knowledge_bases()`` is the one strategy every property test below draws
# from. It selects and modifies the packaged records (subsets, awkward text,
# other decimals, added wage figures, codes and credentials). When
# ``hsm_knowledge.strategies`` lands, it can be swapped for
# ``hsm_knowledge.strategies.knowledge_bases()`` here.

TRICKY = [
    ";",
    "; ",
    "\\",
    "\\;",
    '"',
    "'",
    ",",
    ":",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "é",
    "Zürich",
    "中文",
    "🙂",
    "</script>",
    "&amp;",
    "=SUM(A1)",
    "\u2028",
]
# NUL cannot be written by the csv module before Python 3.11, and lone
# surrogates cannot be encoded as UTF-8; neither is text a source holds.
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
texts = (
    st.lists(
        st.one_of(st.sampled_from(TRICKY), st.text(_CHARS, min_size=1, max_size=6)),
        min_size=1,
        max_size=4,
    )
    .map(lambda parts: "".join(parts).strip())
    .filter(bool)
)
text_tuples = st.lists(texts, max_size=3, unique=True).map(tuple)
decimals = st.one_of(
    st.decimals(min_value=0, max_value=10**9, places=2),
    st.decimals(min_value=0, max_value=10**15, allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [Decimal("0.1234567890123456789"), Decimal("1E-30"), Decimal("1E+3")]
    ),
)

_TEXT_FIELDS = ("name", "summary", "notes", "rationale")
_TEXT_TUPLE_FIELDS = (
    "aliases",
    "duties",
    "focus",
    "components",
    "options",
    "requirements",
)


@st.composite
def modified(draw: st.DrawFn, record: Any) -> Any:
    """Return *record* with some of its text replaced by awkward text."""
    changes: dict[str, Any] = {}
    names = {f.name for f in attrs.fields(type(record))}
    for name in _TEXT_FIELDS:
        value = getattr(record, name, None)
        if name in names and isinstance(value, str) and draw(st.booleans()):
            changes[name] = draw(texts)
    for name in _TEXT_TUPLE_FIELDS:
        if name in names and draw(st.booleans()):
            changes[name] = draw(text_tuples)
    if "citations" in names and draw(st.booleans()):
        changes["citations"] = tuple(
            attrs.evolve(c, locator=draw(texts)) for c in record.citations
        )
    if isinstance(record, Statistic) and draw(st.booleans()):
        changes["value"] = draw(decimals)
    return attrs.evolve(record, **changes) if changes else record


@st.composite
def subset(draw: st.DrawFn, records: Any) -> list[Any]:
    kept = [r for r in records if draw(st.booleans())]
    return [draw(modified(r)) for r in kept]


WAGE_UNITS = {
    Metric.MEDIAN_ANNUAL_WAGE: Unit.CURRENCY_PER_YEAR,
    Metric.MEAN_ANNUAL_WAGE: Unit.CURRENCY_PER_YEAR,
    Metric.ANNUAL_WAGE_PERCENTILE: Unit.CURRENCY_PER_YEAR,
    Metric.MEDIAN_HOURLY_WAGE: Unit.CURRENCY_PER_HOUR,
    Metric.MEAN_HOURLY_WAGE: Unit.CURRENCY_PER_HOUR,
    Metric.HOURLY_WAGE_PERCENTILE: Unit.CURRENCY_PER_HOUR,
    Metric.EMPLOYMENT: Unit.JOBS,
    Metric.PROJECTED_EMPLOYMENT_CHANGE_PERCENT: Unit.PERCENT,
    Metric.ANNUAL_OPENINGS: Unit.JOBS_PER_YEAR,
    Metric.INDUSTRY_EMPLOYMENT_SHARE: Unit.PERCENT,
}
PERIODS = [
    Period(start=dt.date(2019, 5, 1), end=dt.date(2019, 5, 31), label="May 2019"),
    Period(start=dt.date(2023, 5, 1), end=dt.date(2023, 5, 31), label="May 2023"),
    Period(start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31)),
]


@st.composite
def statistics(draw: st.DrawFn, index: int, source_ids: list[str]) -> Statistic:
    metric = draw(st.sampled_from(list(WAGE_UNITS)))
    unit = WAGE_UNITS[metric]
    percentile = None
    if metric.needs_percentile:
        percentile = draw(
            st.one_of(st.sampled_from([10, 25, 50, 75, 90]), st.integers(1, 99))
        )
    return Statistic(
        id=f"generated-{index}",
        name=draw(texts),
        summary=draw(texts),
        citations=(
            Citation(source=draw(st.sampled_from(source_ids)), locator=draw(texts)),
        ),
        metric=metric,
        value=draw(decimals),
        unit=unit,
        currency="USD" if unit.is_monetary else None,
        period=draw(st.sampled_from(PERIODS)),
        geography=draw(st.sampled_from(["US", "US-CA", "CA"])),
        edition=draw(st.one_of(st.none(), st.sampled_from(["May 2019", "2023-33"]))),
        provenance=draw(st.sampled_from(Provenance)),
        attributed_to=draw(st.sampled_from([None, "bls"])),
        percentile=percentile,
        industry=draw(st.one_of(st.none(), texts)),
        relative_standard_error=draw(st.one_of(st.none(), decimals)),
    )


@st.composite
def knowledge_bases(draw: st.DrawFn) -> KnowledgeBase:
    """Knowledge bases made from the packaged records, selected and modified."""
    kb = hsm_knowledge.load()
    source_ids = list(kb.sources.ids())
    parts: dict[str, Any] = {}
    for kind in KINDS:
        records = getattr(kb, kind.attr)
        # Sources and organizations are referenced from everywhere: keep
        # them all, but their text may change.
        if kind.attr in ("sources", "organizations"):
            parts[kind.attr] = [draw(modified(r)) for r in records]
        else:
            parts[kind.attr] = draw(subset(records))
    orgs = parts["organizations"]
    orgs.extend(
        Organization(
            id=f"generated-org-{i}",
            name=draw(texts),
            summary=draw(texts),
            citations=kb.occupation.citations[:1],
            abbreviation=draw(st.one_of(st.none(), texts)),
            parent=draw(st.sampled_from([None, "aha", "bls"])),
            url=draw(st.sampled_from([None, "https://example.org/ü"])),
            aliases=draw(text_tuples),
        )
        for i in range(draw(st.integers(0, 2)))
    )
    parts["credentials"].extend(
        Credential(
            id=f"generated-credential-{i}",
            name=draw(texts),
            summary=draw(texts),
            citations=kb.credentials["cmm"].citations,
            abbreviation=draw(texts),
            issuer=draw(st.sampled_from([o.id for o in orgs])),
            category=draw(st.sampled_from(CredentialCategory)),
            aliases=draw(text_tuples),
            requirements=draw(text_tuples),
        )
        for i in range(draw(st.integers(0, 2)))
    )
    parts["statistics"].extend(
        draw(statistics(i, source_ids)) for i in range(draw(st.integers(0, 8)))
    )
    esco = [
        OccupationCode(
            system=CodeSystem.ESCO,
            value=draw(texts),
            label=draw(st.one_of(st.none(), texts)),
            uri=draw(st.sampled_from([None, f"http://data.europa.eu/esco/occ/{i}"])),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    occupation = draw(modified(kb.occupation))
    settings = {w.id for w in parts["work_settings"]}
    occupation = attrs.evolve(
        occupation,
        codes=(*occupation.codes, *esco),
        facility_types=tuple(f for f in occupation.facility_types if f in settings),
    )
    present = {"occupation:" + occupation.id} | {
        f"{kind.name}:{r.id}" for kind in KINDS for r in parts[kind.attr]
    }
    relations = [
        draw(modified(r))
        for r in kb.relations
        if r.subject in present and r.object in present and draw(st.booleans())
    ]
    return KnowledgeBase(
        meta=kb.meta, occupation=occupation, relations=relations, **parts
    )


# --------------------------------------------------------------------------
# helpers


def with_statistics(kb: KnowledgeBase, *figures: Statistic) -> KnowledgeBase:
    return attrs.evolve(kb, statistics=[*kb.statistics, *figures])


def wage(
    id: str,
    value: str,
    *,
    metric: Metric = Metric.ANNUAL_WAGE_PERCENTILE,
    percentile: int | None = None,
    period: Period = PERIODS[0],
    edition: str | None = "May 2019",
    **extra: Any,
) -> Statistic:
    unit = WAGE_UNITS[metric]
    return Statistic(
        id=id,
        name=f"Figure {id}",
        summary="A figure made for a test.",
        citations=(Citation(source="bls-oews-2019", locator="wage table"),),
        metric=metric,
        value=Decimal(value),
        unit=unit,
        currency="USD" if unit.is_monetary else None,
        period=period,
        geography=extra.pop("geography", "US"),
        edition=edition,
        percentile=percentile,
        **extra,
    )


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Yield every node of a JSON-LD document (not bare ``@id`` references)."""
    for item in as_list(value):
        if isinstance(item, dict) and set(item) != {"@id"}:
            yield item
            for key, child in item.items():
                if not key.startswith("@"):
                    yield from nodes(child)


def salaries(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return as_list(doc.get("estimatedSalary", []))


def assert_valid_jsonld(doc: dict[str, Any]) -> None:
    """Every node has a listed type and only that type's listed properties."""
    assert doc["@context"] == "https://schema.org"
    defined = {node["@id"] for node in nodes(doc) if "@id" in node}
    for node in nodes(doc):
        assert node["@type"] in JSONLD_PROPERTIES, node
        properties = {key for key in node if not key.startswith("@")}
        assert properties <= JSONLD_PROPERTIES[node["@type"]], node["@type"]
        assert set(node) - properties <= {"@type", "@id", "@context"}
        for key in properties:
            assert node[key] not in (None, [], "", {}), key
            for item in as_list(node[key]):
                if isinstance(item, dict) and set(item) == {"@id"}:
                    assert item["@id"] in defined, item


# --------------------------------------------------------------------------
# JSON-LD: facts about the packaged data


def test_occupation_identity(kb: KnowledgeBase) -> None:
    doc = to_jsonld(kb)
    assert doc["@context"] == "https://schema.org"
    assert doc["@type"] == "Occupation"
    assert doc["name"] == kb.occupation.name
    assert doc["description"] == kb.occupation.summary
    assert doc["alternateName"] == list(kb.occupation.aliases)
    assert_valid_jsonld(doc)


def test_occupational_categories(kb: KnowledgeBase) -> None:
    categories = to_jsonld(kb)["occupationalCategory"]
    found = {(c["inCodeSet"]["name"], c["codeValue"]) for c in categories}
    assert found == {
        ("SOC 2018", "11-9111"),
        ("O*NET-SOC 2019", "11-9111.00"),
        ("ISCO-08", "1342"),
    }
    for category in categories:
        assert category["@type"] == "CategoryCode"
        assert category["inCodeSet"]["@type"] == "CategoryCodeSet"
    isco = next(c for c in categories if c["codeValue"] == "1342")
    assert isco["name"] == "Health services managers"
    assert isco["url"] == "http://data.europa.eu/esco/isco/C1342"


def test_same_as_is_onet_online_and_esco(kb: KnowledgeBase) -> None:
    assert to_jsonld(kb)["sameAs"] == (
        "https://www.onetonline.org/link/summary/11-9111.00"
    )
    esco = OccupationCode(
        system=CodeSystem.ESCO,
        value="1342.1",
        label="healthcare institution manager",
        uri="http://data.europa.eu/esco/occupation/example",
    )
    occupation = attrs.evolve(kb.occupation, codes=(*kb.occupation.codes, esco))
    doc = to_jsonld(attrs.evolve(kb, occupation=occupation))
    assert doc["sameAs"] == [
        "https://www.onetonline.org/link/summary/11-9111.00",
        "http://data.europa.eu/esco/occupation/example",
    ]
    assert doc["occupationalCategory"][-1] == {
        "@type": "CategoryCode",
        "codeValue": "1342.1",
        "name": "healthcare institution manager",
        "url": "http://data.europa.eu/esco/occupation/example",
        "inCodeSet": {"@type": "CategoryCodeSet", "name": "ESCO"},
    }


def test_responsibilities_and_skills(kb: KnowledgeBase) -> None:
    doc = to_jsonld(kb)
    assert doc["responsibilities"] == [r.summary for r in kb.responsibilities]
    assert [s["name"] for s in doc["skills"]] == [s.name for s in kb.skills]
    leadership = doc["skills"][0]
    assert leadership["@type"] == "DefinedTerm"
    assert leadership["description"] == kb.skills["leadership"].summary
    assert leadership["alternateName"] == list(kb.skills["leadership"].aliases)


def test_credentials_are_recognized_by_their_issuers(kb: KnowledgeBase) -> None:
    doc = to_jsonld(kb)
    cphrm, cmm = doc["qualifications"]
    assert cphrm["@type"] == "EducationalOccupationalCredential"
    assert cphrm["name"] == kb.credentials["cphrm"].name
    assert cphrm["credentialCategory"] == "certification"
    assert cphrm["alternateName"][0] == "CPHRM"
    issuer = cphrm["recognizedBy"]
    assert issuer["@type"] == "Organization"
    assert issuer["name"] == "AHA Certification Center"
    assert issuer["parentOrganization"]["name"] == "American Hospital Association"
    assert cmm["recognizedBy"]["name"] == kb.organizations["pahcom"].name
    assert "parentOrganization" not in cmm["recognizedBy"]
    cited = [ref["@id"] for ref in as_list(cphrm["citation"])]
    assert cited == [
        "_:source-seed-article",
        "_:source-aha-cphrm",
        "_:source-aha-cc-cphrm-handbook",
    ]


def test_education_and_experience_come_from_the_career_steps(
    kb: KnowledgeBase,
) -> None:
    doc = to_jsonld(kb)
    degree = kb.career_steps["obtain-a-degree"]
    education = doc["educationRequirements"]
    assert [e["name"] for e in education] == list(degree.options)
    assert {e["credentialCategory"] for e in education} == {"degree"}
    assert {e["@type"] for e in education} == {"EducationalOccupationalCredential"}
    experience = doc["experienceRequirements"]
    assert experience["@type"] == "OccupationalExperienceRequirements"
    assert experience["name"] == "Gain work experience"
    for option in kb.career_steps["gain-work-experience"].options:
        assert option in experience["description"]


def test_seed_salary_is_marked_second_hand(kb: KnowledgeBase) -> None:
    doc = to_jsonld(kb)
    salary = doc["estimatedSalary"]
    assert salary["@type"] == "MonetaryAmountDistribution"
    assert salary["median"] == 101340
    assert salary["currency"] == "USD"
    assert salary["duration"] == "P1Y"
    assert "2021" in salary["name"]
    assert "2021-01-01 to 2021-12-31" in salary["description"]
    assert "second-hand" in salary["description"]
    assert "How To Become a Health Services Manager" in salary["description"]
    assert "U.S. Bureau of Labor Statistics" in salary["description"]
    assert "not checked against the primary source" in salary["description"]
    # The projection figure has no schema.org property; nothing made it up.
    assert all("28" not in str(v) for v in salary.values())
    assert doc["occupationLocation"] == {
        "@type": "Country",
        "name": "United States",
        "identifier": "US",
    }


def test_sources_are_described_under_subject_of(kb: KnowledgeBase) -> None:
    subject_of = to_jsonld(kb)["subjectOf"]
    dataset, *sources = subject_of
    assert dataset["version"] == kb.meta.dataset_version
    assert [s["name"] for s in sources] == [s.title for s in kb.sources]
    onet = next(s for s in sources if s["@id"] == "_:source-onet-29-3")
    assert onet["@type"] == "Dataset"
    assert onet["url"] == "https://www.onetcenter.org/database.html"
    assert onet["license"] == {"@type": "CreativeWork", "name": "CC BY 4.0"}
    assert onet["creditText"] == kb.sources["onet-29-3"].attribution
    assert onet["publisher"]["name"] == kb.organizations["usdol-eta"].name
    assert onet["version"] == "29.3 (May 2025 release)"
    seed = next(s for s in sources if s["@id"] == "_:source-seed-article")
    assert seed["@type"] == "Article"
    assert "publisher" not in seed


def test_license_url_stays_a_url(kb: KnowledgeBase) -> None:
    source = attrs.evolve(
        kb.sources["onet-29-3"],
        license="https://creativecommons.org/licenses/by/4.0/",
        published=dt.date(2025, 5, 1),
    )
    sources = [source if s.id == source.id else s for s in kb.sources]
    doc = to_jsonld(attrs.evolve(kb, sources=sources))
    node = next(n for n in doc["subjectOf"] if n.get("@id") == "_:source-onet-29-3")
    assert node["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert node["datePublished"] == "2025-05-01"


# --------------------------------------------------------------------------
# JSON-LD: data other branches will add flows in


OEWS_2019 = [
    ("p10", "ANNUAL_WAGE_PERCENTILE", 10, "58820"),
    ("p25", "ANNUAL_WAGE_PERCENTILE", 25, "76770"),
    ("p50", "ANNUAL_WAGE_PERCENTILE", 50, "100980"),
    ("p75", "ANNUAL_WAGE_PERCENTILE", 75, "133520"),
    ("p90", "ANNUAL_WAGE_PERCENTILE", 90, "189000"),
    ("h10", "HOURLY_WAGE_PERCENTILE", 10, "28.28"),
    ("h50", "HOURLY_WAGE_PERCENTILE", 50, "48.55"),
    ("h90", "HOURLY_WAGE_PERCENTILE", 90, "90.86"),
    ("mean", "MEAN_ANNUAL_WAGE", None, "115160"),
    ("jobs", "EMPLOYMENT", None, "394910"),
]


def oews_2019() -> list[Statistic]:
    return [
        wage(f"oews-2019-{id}", value, metric=Metric[metric], percentile=percentile)
        for id, metric, percentile, value in OEWS_2019
    ]


def test_percentiles_make_one_distribution_per_edition_and_unit(
    kb: KnowledgeBase,
) -> None:
    doc = to_jsonld(with_statistics(kb, *oews_2019()))
    seed, annual, hourly = salaries(doc)
    assert seed["median"] == 101340
    assert annual == {
        "@type": "MonetaryAmountDistribution",
        "name": "Annual wage, May 2019",
        "description": annual["description"],
        "currency": "USD",
        "duration": "P1Y",
        "median": 100980,
        "percentile10": 58820,
        "percentile25": 76770,
        "percentile75": 133520,
        "percentile90": 189000,
    }
    assert "2019-05-01 to 2019-05-31" in annual["description"]
    assert "Occupational Employment and Wages, May 2019" in annual["description"]
    assert "second-hand" not in annual["description"]
    assert hourly["duration"] == "PT1H"
    assert (hourly["percentile10"], hourly["median"], hourly["percentile90"]) == (
        28.28,
        48.55,
        90.86,
    )
    # Means and employment have no property on the distribution.
    assert "115160" not in json.dumps(doc)
    assert "394910" not in json.dumps(doc)
    assert_valid_jsonld(doc)


def test_each_edition_gets_its_own_distribution(kb: KnowledgeBase) -> None:
    may_2023 = PERIODS[1]
    may_2022 = Period(
        start=dt.date(2022, 5, 1), end=dt.date(2022, 5, 31), label="May 2022"
    )
    figures = [
        wage(
            "ooh-2023",
            "110680",
            metric=Metric.MEDIAN_ANNUAL_WAGE,
            period=may_2023,
            edition="2023-33",
        ),
        wage(
            "ooh-2022",
            "104830",
            metric=Metric.MEDIAN_ANNUAL_WAGE,
            period=may_2022,
            edition="2022-32",
        ),
        wage(
            "ooh-2022-hourly",
            "50.40",
            metric=Metric.MEDIAN_HOURLY_WAGE,
            period=may_2022,
            edition="2022-32",
        ),
    ]
    names = [s["name"] for s in salaries(to_jsonld(with_statistics(kb, *figures)))]
    assert names == [
        "Annual wage, 2021",
        "Annual wage, May 2023 (2023-33 edition)",
        "Annual wage, May 2022 (2022-32 edition)",
        "Hourly wage, May 2022 (2022-32 edition)",
    ]


def test_no_figure_overwrites_another(kb: KnowledgeBase) -> None:
    figures = [
        wage("median", "100980", metric=Metric.MEDIAN_ANNUAL_WAGE),
        wage("p50", "100980", percentile=50),
        wage("p90", "189000", percentile=90),
    ]
    fresh = with_statistics(kb, *figures)
    _, first, second = salaries(to_jsonld(fresh))
    assert first["median"] == second["median"] == 100980
    assert first["percentile90"] == 189000
    assert "percentile90" not in second


def test_figures_split_by_geography_industry_and_provenance(kb: KnowledgeBase) -> None:
    figures = [
        wage("us", "100", metric=Metric.MEDIAN_ANNUAL_WAGE),
        wage("ca", "200", metric=Metric.MEDIAN_ANNUAL_WAGE, geography="US-CA"),
        wage(
            "hospitals",
            "300",
            metric=Metric.MEDIAN_ANNUAL_WAGE,
            industry="General Medical and Surgical Hospitals",
            relative_standard_error=Decimal("0.3"),
        ),
        wage(
            "second",
            "400",
            metric=Metric.MEDIAN_ANNUAL_WAGE,
            provenance=Provenance.SECONDARY,
            attributed_to="bls",
        ),
    ]
    doc = to_jsonld(with_statistics(kb, *figures))
    found = [s["median"] for s in salaries(doc)]
    assert found == [101340, 100, 200, 300, 400]
    hospitals = salaries(doc)[3]
    assert hospitals["name"].endswith(", General Medical and Surgical Hospitals")
    assert (
        "Relative standard error of the median: 0.3 percent."
        in (hospitals["description"])
    )
    assert "second-hand" in salaries(doc)[4]["description"]
    assert doc["occupationLocation"] == [
        {"@type": "Country", "name": "United States", "identifier": "US"},
        {"@type": "AdministrativeArea", "identifier": "US-CA"},
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("101340", 101340),
        ("101340.00", 101340),
        ("50.40", 50.4),
        ("1E+3", 1000),
        ("0.1234567890123456789", "0.1234567890123456789"),
        ("1E-30", 1e-30),
    ],
)
def test_numbers_keep_their_exact_value(
    kb: KnowledgeBase, value: str, expected: object
) -> None:
    figure = wage("figure", value, metric=Metric.MEDIAN_ANNUAL_WAGE)
    median = salaries(to_jsonld(with_statistics(kb, figure)))[-1]["median"]
    assert median == expected
    assert type(median) is type(expected)
    assert Decimal(str(median)) == Decimal(value)


def test_other_career_steps_and_records_are_left_out(kb: KnowledgeBase) -> None:
    text = to_jsonld_text(kb)
    for record in [*kb.benefits, *kb.specializations, *kb.job_titles]:
        assert record.summary not in text
    assert kb.career_steps["seek-leadership-opportunities"].summary not in text


# --------------------------------------------------------------------------
# JSON-LD: text form, validity and expansion


def test_text_is_deterministic_and_parses_back(kb: KnowledgeBase) -> None:
    text = to_jsonld_text(kb)
    hsm_knowledge.clear_cache()
    assert to_jsonld_text(hsm_knowledge.load()) == text
    assert json.loads(text) == to_jsonld(kb)
    assert text.startswith('{\n  "@context": "https://schema.org",\n  "@type"')
    assert not text.endswith("\n")
    one_line = to_jsonld_text(kb, indent=None)
    assert "\n" not in one_line
    assert json.loads(one_line) == to_jsonld(kb)


def test_text_is_safe_inside_a_script_element(kb: KnowledgeBase) -> None:
    occupation = attrs.evolve(
        kb.occupation, name="Managers </script><script>alert(1)</script> & co, Zürich"
    )
    text = to_jsonld_text(attrs.evolve(kb, occupation=occupation))
    for char in "<>&":
        assert char not in text
    assert "Zürich" in text  # non-ASCII is written as it is
    assert json.loads(text)["name"] == occupation.name


def vocabulary() -> dict[str, Any]:
    path = VOCAB / "schemaorg-30.0-types.json"
    if not path.is_file():
        pytest.skip(f"schema.org vocabulary not found at {path}")
    types_: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["types"]
    return types_


def test_property_table_is_allowed_by_schema_org() -> None:
    allowed = vocabulary()
    for type_name, properties in JSONLD_PROPERTIES.items():
        assert type_name in allowed, type_name
        extra = properties - set(allowed[type_name]["properties"])
        assert not extra, f"{type_name} does not define {sorted(extra)}"


def test_property_table_matches_what_is_emitted(kb: KnowledgeBase) -> None:
    # Every type and property in the table is used somewhere, so the table
    # documents the output rather than a wish list.
    full = with_statistics(kb, *oews_2019())
    source = attrs.evolve(kb.sources["onet-29-3"], published=dt.date(2025, 5, 1))
    full = attrs.evolve(
        full, sources=[source if s.id == source.id else s for s in kb.sources]
    )
    credential = attrs.evolve(kb.credentials["cmm"], requirements=("An exam",))
    full = attrs.evolve(full, credentials=[kb.credentials["cphrm"], credential])
    full = with_statistics(
        full, wage("ca", "1", metric=Metric.MEDIAN_ANNUAL_WAGE, geography="US-CA")
    )
    used: dict[str, set[str]] = {}
    for node in nodes(to_jsonld(full)):
        used.setdefault(node["@type"], set()).update(
            k for k in node if not k.startswith("@")
        )
    assert set(used) == set(JSONLD_PROPERTIES)
    # Sources of every type share one list of properties.
    source_types = {"Article", "WebPage", "Dataset", "CreativeWork"}
    for type_name, properties in JSONLD_PROPERTIES.items():
        if type_name in source_types:
            assert set().union(*(used[t] for t in source_types)) == properties
        else:
            assert used[type_name] == properties, type_name


def schema_org_context() -> dict[str, Any]:
    path = VOCAB / "schemaorg-30.0-context.jsonld"
    if path.is_file():
        context: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return context
    return {"@context": {"@vocab": "https://schema.org/"}}


CONTEXT = schema_org_context()


def local_loader(url: str, options: object = None) -> dict[str, Any]:
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}
    raise AssertionError(f"the JSON-LD processor asked for {url}")


def expand(doc: dict[str, Any]) -> list[dict[str, Any]]:
    from pyld import jsonld

    expanded: list[dict[str, Any]] = jsonld.expand(
        doc, {"documentLoader": local_loader}
    )
    return expanded


def compact_pairs(node: dict[str, Any]) -> Iterator[tuple[str, object]]:
    for key, value in node.items():
        if key.startswith("@"):
            continue
        for item in as_list(value):
            if isinstance(item, dict) and set(item) != {"@id"}:
                yield key, "node:" + item["@type"]
                yield from compact_pairs(item)
            else:
                yield key, item["@id"] if isinstance(item, dict) else item


def local_name(iri: str) -> str:
    assert iri.startswith(SCHEMA), iri
    return iri.rsplit("/", 1)[1]


def expanded_pairs(node: dict[str, Any]) -> Iterator[tuple[str, object]]:
    for key, values in node.items():
        if key.startswith("@"):
            continue
        name = local_name(key)
        for item in values:
            if "@value" in item:
                yield name, item["@value"]
            elif set(item) == {"@id"}:
                yield name, item["@id"]
            else:
                (type_iri,) = item["@type"]
                yield name, "node:" + local_name(type_iri)
                yield from expanded_pairs(item)


def assert_expands_losslessly(doc: dict[str, Any]) -> None:
    (top,) = expand(doc)
    assert [local_name(t) for t in top["@type"]] == ["Occupation"]
    assert Counter(expanded_pairs(top)) == Counter(compact_pairs(doc))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the test tried to use the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.usefixtures("no_network")
def test_every_property_expands_to_schema_org(kb: KnowledgeBase) -> None:
    assert_expands_losslessly(to_jsonld(kb))
    assert_expands_losslessly(to_jsonld(with_statistics(kb, *oews_2019())))


# --------------------------------------------------------------------------
# JSON-LD: laws


@given(knowledge_bases())
def test_jsonld_is_valid_for_any_knowledge_base(kb: KnowledgeBase) -> None:
    doc = to_jsonld(kb)
    assert_valid_jsonld(doc)
    assert json.loads(to_jsonld_text(kb)) == doc
    assert_expands_losslessly(doc)
    # Every median and percentile wage figure of a listed percentile is in
    # a distribution, with its exact value.
    exported = Counter(
        (s["currency"], s["duration"], Decimal(str(value)))
        for s in salaries(doc)
        for key, value in s.items()
        if key == "median" or key.startswith("percentile")
    )
    expected = Counter(
        (f.currency, "P1Y" if f.unit is Unit.CURRENCY_PER_YEAR else "PT1H", f.value)
        for f in kb.statistics
        if f.metric in (Metric.MEDIAN_ANNUAL_WAGE, Metric.MEDIAN_HOURLY_WAGE)
        or f.percentile in (10, 25, 50, 75, 90)
    )
    assert exported == expected


# --------------------------------------------------------------------------
# CSV: reading back, by the documented rules only


def split_cell(cell: str) -> list[str]:
    """Split a cell of items joined with "; ", undoing the escapes."""
    if cell == "":
        return []
    items: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(cell):
        char = cell[i]
        if char == "\\":
            current.append(cell[i + 1])
            i += 2
        elif char == ";":
            assert cell[i + 1] == " ", cell
            items.append("".join(current))
            current = []
            i += 2
        else:
            current.append(char)
            i += 1
    items.append("".join(current))
    return items


def optional_inner(type_: Any) -> tuple[Any, bool]:
    if typing.get_origin(type_) in (Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(type_) if a is not type(None)]
        return inner, True
    return type_, False


def parse_scalar(type_: Any, optional: bool, cell: str) -> Any:
    if cell == "" and optional:
        return None
    if type_ is bool:
        return {"true": True, "false": False}[cell]
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return type_(cell)
    if type_ is dt.date:
        return dt.date.fromisoformat(cell)
    if type_ in (int, Decimal, str):
        return type_(cell)
    raise AssertionError(type_)


def rebuild(cls: type, row: dict[str, str], prefix: str = "") -> Any:
    """Rebuild a record of *cls* from its CSV row."""
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for field in attrs.fields(cls):
        type_, optional = optional_inner(hints[field.name])
        column = prefix + field.name
        if attrs.has(type_):
            values[field.name] = rebuild(type_, row, column + ".")
        elif typing.get_origin(type_) is tuple:
            item_type = typing.get_args(type_)[0]
            if item_type is Citation:
                values[field.name] = tuple(
                    Citation(source=source, locator=locator)
                    for source, _, locator in (
                        item.partition(":") for item in split_cell(row[column])
                    )
                )
            elif attrs.has(item_type):
                subfields = attrs.fields(item_type)
                count = len(split_cell(row[f"{column}.{subfields[0].name}"]))
                sub_hints = typing.get_type_hints(item_type)
                columns = {}
                for sub in subfields:
                    cells = split_cell(row[f"{column}.{sub.name}"])
                    columns[sub.name] = cells or [""] * count
                    assert len(columns[sub.name]) == count
                values[field.name] = tuple(
                    item_type(
                        **{
                            sub.name: parse_scalar(
                                *optional_inner(sub_hints[sub.name]),
                                cell=columns[sub.name][i],
                            )
                            for sub in subfields
                        }
                    )
                    for i in range(count)
                )
            else:
                values[field.name] = tuple(
                    parse_scalar(item_type, False, item)
                    for item in split_cell(row[column])
                )
        else:
            values[field.name] = parse_scalar(type_, optional, row[column])
    return cls(**values)


def read_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header, *rows = list(reader)
    return header, [dict(zip(header, row, strict=True)) for row in rows]


def csv_text(records: Any, **kwargs: Any) -> str:
    out = io.StringIO(newline="")
    to_csv(records, out, **kwargs)
    return out.getvalue()


FOLDER_FILES = [
    ("manifest.csv", Manifest, lambda kb: [kb.meta]),
    ("occupation.csv", Occupation, lambda kb: [kb.occupation]),
    *(
        (
            f"{kind.attr}.csv",
            kind.cls,
            lambda kb, attr=kind.attr: list(getattr(kb, attr)),
        )
        for kind in KINDS
    ),
    ("relations.csv", Relation, lambda kb: list(kb.relations)),
]


def assert_folder_round_trips(kb: KnowledgeBase, folder: Path) -> None:
    paths = to_csv_folder(kb, folder)
    assert [p.name for p in paths] == [name for name, _, _ in FOLDER_FILES]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths)
    for path, (_, cls, records) in zip(paths, FOLDER_FILES, strict=True):
        data = path.read_bytes()
        header, rows = read_rows(data.decode("utf-8"))
        assert tuple(header) == csv_columns(cls)
        assert [rebuild(cls, row) for row in rows] == records(kb), path.name


# --------------------------------------------------------------------------
# CSV: facts


def test_statistic_columns() -> None:
    assert csv_columns("statistic") == (
        "id",
        "name",
        "summary",
        "citations",
        "metric",
        "value",
        "unit",
        "currency",
        "period.start",
        "period.end",
        "period.label",
        "geography",
        "edition",
        "provenance",
        "attributed_to",
        "percentile",
        "industry",
        "relative_standard_error",
    )
    assert csv_columns(Statistic) == csv_columns("statistic")


def test_occupation_columns_flatten_the_codes(kb: KnowledgeBase) -> None:
    assert csv_columns("occupation") == (
        "id",
        "name",
        "summary",
        "citations",
        "codes.system",
        "codes.value",
        "codes.label",
        "codes.uri",
        "aliases",
        "facility_types",
        "notes",
    )
    _, (row,) = read_rows(csv_text([kb.occupation]))
    assert row["codes.system"] == "soc-2018; onet-soc; isco-08"
    assert row["codes.value"] == "11-9111; 11-9111.00; 1342"
    assert row["codes.uri"] == (
        "; https://www.onetonline.org/link/summary/11-9111.00; "
        "http://data.europa.eu/esco/isco/C1342"
    )


@pytest.mark.parametrize("kind", [*KINDS], ids=lambda k: k.name)
def test_every_attribute_has_its_columns(kind: Any) -> None:
    columns = csv_columns(kind.name)
    assert len(set(columns)) == len(columns)
    for field in attrs.fields(kind.cls):
        assert any(
            c == field.name or c.startswith(field.name + ".") for c in columns
        ), field.name


def test_cells_of_the_seed_statistic(kb: KnowledgeBase) -> None:
    _, rows = read_rows(csv_text(kb.statistics))
    assert len(rows) == len(kb.statistics)
    row = rows[0]
    assert row["value"] == "101340"
    assert row["metric"] == "median-annual-wage"
    assert row["period.start"] == "2021-01-01"
    assert row["period.label"] == "2021"
    assert row["edition"] == row["percentile"] == ""
    assert row["citations"] == (
        "seed-article:Health Services Manager Salary and Job Outlook"
    )
    assert row["provenance"] == "secondary"


def test_packaged_data_round_trips_through_a_folder(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    assert_folder_round_trips(kb, tmp_path / "new" / "folder")


def test_files_are_utf8_with_crlf_and_a_header(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    path = tmp_path / "settings.csv"
    to_csv(kb.work_settings, path)
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.startswith(b"id,name,summary,citations,aliases\r\n")
    assert data.decode("utf-8") == csv_text(kb.work_settings)
    to_csv(kb.work_settings, str(path))  # a str path replaces the file
    assert path.read_bytes() == data


def test_awkward_text_round_trips(kb: KnowledgeBase) -> None:
    skill = attrs.evolve(
        kb.skills["leadership"],
        name='Leading "teams"; with, commas',
        summary="Line one\nline two\r\nline three; Zürich 中文 🙂",
        aliases=("a;b", "back\\slash", "\\;", "ends with \\", "; x"),
        components=(),
        citations=(Citation(source="seed-article", locator="Table 1; row 2: note"),),
    )
    text = csv_text([skill])
    _, (row,) = read_rows(text)
    assert row["aliases"] == "a\\;b; back\\\\slash; \\\\\\;; ends with \\\\; \\; x"
    assert row["components"] == ""
    assert row["citations"] == "seed-article:Table 1\\; row 2: note"
    assert rebuild(type(skill), row) == skill


def test_relations_and_an_empty_collection(kb: KnowledgeBase) -> None:
    header, rows = read_rows(csv_text(kb.relations))
    assert tuple(header) == csv_columns("relation")
    assert [rebuild(Relation, row) for row in rows] == list(kb.relations)
    empty = hsm_knowledge.Collection([], kind="job-title")
    assert csv_text(empty) == "id,name,summary,citations,seniority\r\n"
    assert csv_text([], kind="job-title") == "id,name,summary,citations,seniority\r\n"


def test_list_separator_is_documented() -> None:
    assert LIST_SEPARATOR == "; "


# --------------------------------------------------------------------------
# CSV: errors


def test_bad_records_are_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(TypeError, match="item 1 is a Skill, not a Benefit"):
        csv_text([kb.benefits["rewarding-career"], kb.skills["leadership"]])
    with pytest.raises(ValueError, match="empty sequence of records; pass kind="):
        csv_text([])
    with pytest.raises(ValueError, match="no CSV export for kind 'skills'"):
        csv_text([], kind="skills")
    with pytest.raises(ValueError, match="does not match a collection of skill"):
        csv_text(kb.skills, kind="benefit")
    with pytest.raises(ValueError, match="no CSV export for str objects"):
        csv_text(["text"])
    with pytest.raises(TypeError, match="expected a collection or an iterable"):
        csv_text("skills")


def test_bad_streams_are_refused(kb: KnowledgeBase, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="binary stream"):
        to_csv(kb.skills, io.BytesIO())  # type: ignore[arg-type]
    latin = tmp_path / "latin.csv"
    with (
        open(latin, "w", encoding="latin-1", newline="") as stream,
        pytest.raises(
            ValueError, match=r"latin\.csv.*encoding 'latin-1'.*encoding='utf-8'"
        ),
    ):
        to_csv(kb.skills, stream)
    assert latin.read_bytes() == b""
    existing = tmp_path / "existing.csv"
    existing.write_text("keep me", encoding="utf-8")
    with (
        open(existing, encoding="utf-8") as stream,
        pytest.raises(ValueError, match="not open for writing"),
    ):
        to_csv(kb.skills, stream)
    with pytest.raises(TypeError, match="file must be a path or a text stream"):
        to_csv(kb.skills, 42)  # type: ignore[arg-type]


def test_a_missing_parent_folder_names_the_path(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "skills.csv"
    with pytest.raises(FileNotFoundError) as info:
        to_csv(kb.skills, target)
    assert info.value.filename == str(target)
    assert str(target) in str(info.value)


def test_a_folder_that_is_a_file_is_refused(kb: KnowledgeBase, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(NotADirectoryError, match="not a folder") as info:
        to_csv_folder(kb, target)
    assert info.value.filename == str(target)
    with pytest.raises(IsADirectoryError, match="is a folder") as error:
        to_csv(kb.skills, tmp_path)
    assert error.value.filename == str(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="needs a user that file permissions apply to",
)
def test_an_unwritable_folder_is_left_as_it_was(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "skills.csv").write_text("old", encoding="utf-8")
    folder.chmod(0o500)
    try:
        with pytest.raises(PermissionError) as info:
            to_csv_folder(kb, folder)
        assert info.value.filename == str(folder / "manifest.csv")
        assert [p.name for p in folder.iterdir()] == ["skills.csv"]
        assert (folder / "skills.csv").read_text(encoding="utf-8") == "old"
    finally:
        folder.chmod(0o700)


def test_a_failed_write_changes_no_file(
    kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "skills.csv").write_text("old", encoding="utf-8")
    opened: list[str] = []

    def failing_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(path))
        if len(opened) == 3:
            raise OSError(28, "No space left on device", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(hsm_knowledge.export, "open", failing_open, raising=False)
    with pytest.raises(OSError, match="No space left on device") as info:
        to_csv_folder(kb, folder)
    # The error names the file being written, not its temporary name.
    assert info.value.filename == str(folder / "sources.csv")
    assert [p.name for p in folder.iterdir()] == ["skills.csv"]
    assert (folder / "skills.csv").read_text(encoding="utf-8") == "old"


def test_a_folder_in_the_way_is_found_before_writing(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    (tmp_path / "sources.csv").mkdir()
    with pytest.raises(IsADirectoryError, match="is a folder") as info:
        to_csv_folder(kb, tmp_path)
    assert info.value.filename == str(tmp_path / "sources.csv")
    assert [p.name for p in tmp_path.iterdir()] == ["sources.csv"]


def test_a_failed_rename_leaves_no_temporary_file(
    kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    real_replace = os.replace
    calls: list[str] = []

    def failing_replace(source: Any, target: Any) -> None:
        calls.append(str(target))
        if len(calls) == 3:
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="Input/output error") as info:
        to_csv_folder(kb, folder)
    assert info.value.filename == str(folder / "sources.csv")
    assert sorted(p.name for p in folder.iterdir()) == [
        "manifest.csv",
        "occupation.csv",
    ]


# --------------------------------------------------------------------------
# CSV: laws


@given(knowledge_bases())
def test_csv_round_trips_for_any_knowledge_base(kb: KnowledgeBase) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert_folder_round_trips(kb, Path(folder))
    for kind in KINDS:
        header, rows = read_rows(csv_text(getattr(kb, kind.attr)))
        assert tuple(header) == csv_columns(kind.name)
        assert [rebuild(kind.cls, row) for row in rows] == list(getattr(kb, kind.attr))


# --------------------------------------------------------------------------
# lightness and docs


def test_importing_the_exporter_stays_light() -> None:
    code = (
        "import sys, hsm_knowledge; a = 'hsm_knowledge.export' in sys.modules;"
        "import hsm_knowledge.export; print(a, 'cattrs' in sys.modules,"
        " 'pyld' in sys.modules, hsm_knowledge._loading._cached is None)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False", "False", "True"]
