"""The schema.org JSON-LD and CSV exports are faithful, valid and round-trip."""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import json
import os
import re
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import types
import typing
from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Union

import attrs
import pytest
from hypothesis import given, reject
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import (
    KINDS,
    Citation,
    CodeSystem,
    KnowledgeBase,
    Manifest,
    Metric,
    Occupation,
    Period,
    Provenance,
    Relation,
    Skill,
    SourceVintage,
    Statistic,
    Task,
    Unit,
)
from hsm_knowledge import strategies as public
from hsm_knowledge._model._base import is_visible
from hsm_knowledge.export import (
    JSONLD_PROPERTIES,
    LIST_SEPARATOR,
    csv_columns,
    escape_formula,
    to_csv,
    to_csv_folder,
    to_jsonld,
    to_jsonld_text,
    unescape_formula,
)
from hsm_knowledge.serialize import DOCUMENT_KEYS, REQUIRED_KEYS
from hsm_knowledge.strategies import _EDGE_SPACE  # how the model trims

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VOCAB = SHARED / "vocab"
SCHEMA = ("http://schema.org/", "https://schema.org/")


# --------------------------------------------------------------------------
# Knowledge bases for property tests.
#
# ``knowledge_bases()`` is the one strategy every property test below draws
# from. It starts from ``hsm_knowledge.strategies.knowledge_bases()`` (small,
# referentially consistent datasets) and then:
#
# * fills each kind that the public strategy left empty and that the public
#   strategies do not draw yet (the O*NET, BLS and ESCO kinds) with a few
#   packaged records, re-cited to the drawn sources; once the public
#   strategies draw those kinds, a drawn kind is kept as it is and only the
#   examples with none of it get packaged records;
# * replaces some text, anywhere in the records (nested periods, ratings,
#   work activities and citations included), with awkward text: separators,
#   escapes, quotes, line breaks, HTML and non-ASCII, which random text
#   rarely hits;
# * adds wage figures that share periods and editions, so that the JSON-LD's
#   grouping into distributions is exercised, and source vintages.
#
# Nothing here needs to change when the public strategies learn the new
# kinds; ``_FILL_KINDS`` may then be emptied so that only drawn records are
# tested. The bases are kept small (``max_records=2``): drawing them costs far
# more than exporting them.

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
# Text the model accepts: no lone surrogate (UTF-8 cannot encode one), no
# control character but line breaks and tabs, and something visible.
_CHARS = st.characters(codec="utf-8", exclude_categories=("Cc",))
texts = (
    st.lists(
        st.one_of(st.sampled_from(TRICKY), st.text(_CHARS, min_size=1, max_size=4)),
        min_size=1,
        max_size=3,
    )
    # trimmed as the model trims (U+FEFF at an end counts as whitespace),
    # and with a character the model counts as visible
    .map(lambda parts: _EDGE_SPACE.sub("", "".join(parts)))
    .filter(lambda text: any(map(is_visible, text)))
)
text_tuples = st.lists(texts, max_size=3, unique=True).map(tuple)

# Fields that hold free text (as opposed to ids, codes, URLs and currencies).
_TEXT_FIELDS = frozenset(
    {
        "name",
        "summary",
        "title",
        "notes",
        "rationale",
        "locator",
        "label",
        "abbreviation",
        "attribution",
        "license",
        "edition",
        "industry",
        "vintage",
        "scale_name",
        "category_description",
        "domain_source",
        "education",
        "work_experience",
        "on_the_job_training",
        "svp_range",
        "commodity_title",
        "short_title",
        "group",
    }
)
_TEXT_TUPLE_FIELDS = frozenset(
    {"aliases", "duties", "focus", "components", "options", "requirements", "notes"}
)
# the kinds added in dataset 2026.2 (O*NET, BLS, ESCO): a document may omit them
_FILL_KINDS = frozenset(DOCUMENT_KEYS) - REQUIRED_KEYS


@st.composite
def awkward(draw: st.DrawFn, value: Any) -> Any:
    """Return *value* (a record or a nested value) with some awkward text."""
    if not attrs.has(type(value)) or not draw(st.booleans()):
        return value
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        if isinstance(current, str):
            if field.name in _TEXT_FIELDS and draw(st.booleans()):
                changes[field.name] = draw(texts)
        elif isinstance(current, tuple):
            if field.name in _TEXT_TUPLE_FIELDS and draw(st.booleans()):
                changes[field.name] = draw(text_tuples)
            elif current and attrs.has(type(current[0])):
                # records refuse repeated entries (two citations may end
                # up alike): keep each once
                changes[field.name] = _distinct(draw(awkward(item)) for item in current)
        elif attrs.has(type(current)):
            changes[field.name] = draw(awkward(current))
    return attrs.evolve(value, **changes) if changes else value


def _recited(record: Any, source_ids: st.SearchStrategy[str], draw: st.DrawFn) -> Any:
    citations = _distinct(
        attrs.evolve(c, source=draw(source_ids)) for c in record.citations
    )
    return attrs.evolve(record, citations=citations)


def _distinct(items: Iterable[Any]) -> tuple[Any, ...]:
    """*items* in order, each kept once."""
    return tuple(dict.fromkeys(items))


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
decimals = st.one_of(
    st.decimals(min_value=0, max_value=10**9, places=2),
    st.sampled_from(
        [Decimal("0.1234567890123456789"), Decimal("1E-30"), Decimal("1E+3")]
    ),
)


@st.composite
def wage_figures(
    draw: st.DrawFn, index: int, source_ids: list[str], org_ids: list[str]
) -> Statistic:
    """A wage (or other) figure in one of a few shared periods and editions."""
    metric = draw(st.sampled_from(list(WAGE_UNITS)))
    unit = WAGE_UNITS[metric]
    percentile = None
    if metric.needs_percentile:
        percentile = draw(
            st.one_of(st.sampled_from([10, 25, 50, 75, 90]), st.integers(1, 99))
        )
    provenance = draw(st.sampled_from(Provenance))
    attributed = [None] if provenance is Provenance.PRIMARY else [None, *org_ids]
    return Statistic(
        id=f"test-only-wage-figure-{index}",
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
        edition=draw(st.sampled_from([None, "May 2019", "2023-33"])),
        provenance=provenance,
        attributed_to=draw(st.sampled_from(attributed)),
        percentile=percentile,
        industry=draw(st.sampled_from([None, "Offices of Physicians"])),
        relative_standard_error=draw(st.sampled_from([None, Decimal("0.3")])),
    )


@st.composite
def knowledge_bases(draw: st.DrawFn) -> KnowledgeBase:
    """Small generated knowledge bases with awkward text in some places."""
    base = draw(public.knowledge_bases(max_records=2, max_relations=3))
    packaged = hsm_knowledge.load()
    source_ids = list(base.sources.ids())
    org_ids = list(base.organizations.ids())
    cites = st.sampled_from(source_ids)
    parts: dict[str, list[Any]] = {}
    for kind in KINDS:
        records = list(getattr(base, kind.attr))
        if not records and kind.attr in _FILL_KINDS:
            chosen = draw(
                st.lists(
                    st.sampled_from(list(getattr(packaged, kind.attr))),
                    max_size=3,
                    unique_by=lambda r: r.id,
                )
            )
            records = [_recited(r, cites, draw) for r in chosen]
        parts[kind.attr] = [draw(awkward(r)) for r in records]
    count = draw(st.integers(0, 6))
    parts["statistics"].extend(
        draw(wage_figures(i, source_ids, org_ids)) for i in range(count)
    )
    # Source vintages, unless the public strategy draws them.
    vintages = base.meta.source_vintages or tuple(
        SourceVintage(source=source, vintage=draw(texts))
        for source in draw(st.lists(cites, max_size=2, unique=True))
    )
    meta = draw(awkward(attrs.evolve(base.meta, source_vintages=vintages)))
    return KnowledgeBase(
        meta=meta,
        occupation=draw(awkward(base.occupation)),
        relations=[draw(awkward(r)) for r in base.relations],
        **parts,
    )


# --------------------------------------------------------------------------
# helpers


SEED_WAGE = "median-annual-wage-2021"


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    """The packaged data's JSON-LD, made once for the tests that only read it."""
    return to_jsonld(hsm_knowledge.load())


def with_statistics(kb: KnowledgeBase, *figures: Statistic) -> KnowledgeBase:
    """*kb* with only the seed's wage figure and *figures* as statistics."""
    return attrs.evolve(kb, statistics=[kb.statistics[SEED_WAGE], *figures])


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


def test_occupation_identity(kb: KnowledgeBase, doc: dict[str, Any]) -> None:
    assert doc["@context"] == "https://schema.org"
    assert doc["@type"] == "Occupation"
    assert doc["name"] == kb.occupation.name
    assert doc["description"] == kb.occupation.summary
    assert doc["alternateName"] == list(kb.occupation.aliases)
    assert_valid_jsonld(doc)


ESCO = "http://data.europa.eu/esco/occupation/"


def test_occupational_categories(doc: dict[str, Any]) -> None:
    categories = doc["occupationalCategory"]
    found = [(c["inCodeSet"]["name"], c["codeValue"]) for c in categories]
    assert found == [
        ("SOC 2018", "11-9111"),
        ("O*NET-SOC 2019", "11-9111.00"),
        ("ISCO-08", "1342"),
        ("ESCO", "4a29eab1-5f02-4723-a863-e2d5a0614dfa"),
        ("ESCO", "ef909843-97c6-4c48-8038-2e7aefdfcad5"),
    ]
    for category in categories:
        assert category["@type"] == "CategoryCode"
        assert category["inCodeSet"]["@type"] == "CategoryCodeSet"
    soc, onet, isco, institution, informatics = categories
    assert "url" not in soc
    assert "@id" not in soc
    # O*NET OnLine's page is about the occupation: a url, not the code's id.
    assert onet["url"] == "https://www.onetonline.org/link/summary/11-9111.00"
    assert "@id" not in onet
    # ESCO publishes the ISCO-08 group and its occupations as linked data.
    assert isco["name"] == "Health services managers"
    assert isco["@id"] == isco["url"] == "http://data.europa.eu/esco/isco/C1342"
    assert institution["name"] == "healthcare institution manager"
    assert informatics["name"] == "clinical informatics manager"
    for esco in (institution, informatics):
        assert esco["@id"] == esco["url"] == ESCO + esco["codeValue"]
        assert esco["description"].startswith(
            "An ESCO occupation in ISCO-08 unit group 1342."
        )
        assert "not stated to be the same occupation" in esco["description"]


def test_same_as_names_only_the_same_occupation(doc: dict[str, Any]) -> None:
    # The ISCO-08 group is broader than the occupation and no source states
    # that an ESCO occupation is the same: their URIs in sameAs would claim
    # an identity nothing supports.
    assert doc["sameAs"] == "https://www.onetonline.org/link/summary/11-9111.00"


def test_an_esco_code_without_an_isco_code(kb: KnowledgeBase) -> None:
    codes = tuple(c for c in kb.occupation.codes if c.system is not CodeSystem.ISCO_08)
    occupation = attrs.evolve(kb.occupation, codes=codes)
    doc = to_jsonld(attrs.evolve(kb, occupation=occupation))
    esco = doc["occupationalCategory"][-1]
    assert esco["description"].startswith(
        "An ESCO occupation in the occupation's ISCO-08 unit group."
    )
    assert_valid_jsonld(doc)


def test_responsibilities_and_skills(kb: KnowledgeBase, doc: dict[str, Any]) -> None:
    assert doc["responsibilities"] == [r.summary for r in kb.responsibilities]
    assert [s["name"] for s in doc["skills"]] == [s.name for s in kb.skills]
    leadership = doc["skills"][0]
    assert leadership["@type"] == "DefinedTerm"
    assert leadership["description"] == kb.skills["leadership"].summary
    assert leadership["alternateName"] == list(kb.skills["leadership"].aliases)
    # O*NET's rated skills are not listed: schema.org has no property for
    # their importance and level, and listing all of them without would
    # present the ones O*NET rates unimportant as needed.
    assert "Critical Thinking" not in json.dumps(doc)


def test_every_credential_is_a_qualification(
    kb: KnowledgeBase, doc: dict[str, Any]
) -> None:
    qualifications = doc["qualifications"]
    assert [q["name"] for q in qualifications] == [c.name for c in kb.credentials]
    assert len(qualifications) == 9
    for node, credential in zip(qualifications, kb.credentials, strict=True):
        assert node["@type"] == "EducationalOccupationalCredential"
        assert node["credentialCategory"] == credential.category.value
        assert as_list(node["alternateName"])[0] == credential.abbreviation
        assert node["recognizedBy"]["name"] == (
            kb.organizations[credential.issuer].name
        )
        assert as_list(node.get("competencyRequired", [])) == list(
            credential.requirements
        )
        cited = [ref["@id"] for ref in as_list(node["citation"])]
        assert cited == list(
            dict.fromkeys(f"_:source-{c.source}" for c in credential.citations)
        )
    by_abbreviation = {as_list(q["alternateName"])[0]: q for q in qualifications}
    assert by_abbreviation["NHA"]["credentialCategory"] == "license"
    assert by_abbreviation["FACHE"]["credentialCategory"] == "board-certification"
    # how to keep a credential is not what it takes to earn it
    assert "competencyRequired" not in by_abbreviation["CMM"]
    assert "Recertification" not in json.dumps(by_abbreviation["CMM"])


def test_divisions_name_their_parent_organization(doc: dict[str, Any]) -> None:
    by_abbreviation = {
        as_list(q["alternateName"])[0]: q["recognizedBy"] for q in doc["qualifications"]
    }
    cphrm = by_abbreviation["CPHRM"]
    assert cphrm == {
        "@type": "Organization",
        "@id": "_:organization-aha-certification-center",
        "name": "AHA Certification Center",
        "alternateName": "AHA-CC",
        "parentOrganization": {
            "@type": "Organization",
            "@id": "_:organization-aha",
            "name": "American Hospital Association",
            "alternateName": "AHA",
            "url": "https://www.aha.org",
        },
    }
    cmpe = by_abbreviation["CMPE"]
    assert cmpe["name"] == "American College of Medical Practice Executives"
    assert cmpe["parentOrganization"]["name"] == "Medical Group Management Association"
    assert "parentOrganization" not in by_abbreviation["CMM"]


def test_each_organization_and_code_set_is_one_node(doc: dict[str, Any]) -> None:
    # every mention of an organization or code set carries the same @id with
    # the same content, so a linked-data reader merges them into one node
    found: dict[str, list[dict[str, Any]]] = {}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if value.get("@type") in ("Organization", "CategoryCodeSet"):
                assert "@id" in value, value
                found.setdefault(value["@id"], []).append(value)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(doc)
    bls = found["_:organization-bls"]
    assert len(bls) > 1  # the publisher of several sources
    for mentions in found.values():
        assert all(m == mentions[0] for m in mentions)
    assert len(found["_:code-set-esco"]) == 2


def test_education_comes_from_the_newest_bls_edition_and_the_seed(
    kb: KnowledgeBase, doc: dict[str, Any]
) -> None:
    bls, *seed = doc["educationRequirements"]
    assert bls == {
        "@type": "EducationalOccupationalCredential",
        "name": "Bachelor's degree",
        "description": "Typical entry-level education. Edition: 2023-33. Source: "
        "“Medical and Health Services Managers: Occupational Outlook Handbook, "
        "2023-33 edition”.",
        "educationalLevel": "Bachelor's degree",
        "citation": {"@id": "_:source-bls-ooh-2023-33"},
    }
    degree = kb.career_steps["obtain-a-degree"]
    assert [e["name"] for e in seed] == list(degree.options)
    for node in seed:
        assert node["credentialCategory"] == "degree"
        assert node["citation"] == {"@id": "_:source-seed-article"}
        # each option says it is one of several, not a requirement alone
        assert node["description"].endswith(
            "Degrees the source names as options, any one of: "
            + "; ".join(degree.options)
            + "."
        )


def test_experience_comes_from_the_newest_bls_edition_and_the_seed(
    kb: KnowledgeBase, doc: dict[str, Any]
) -> None:
    bls, seed = doc["experienceRequirements"]
    assert bls["@type"] == seed["@type"] == "OccupationalExperienceRequirements"
    assert bls["name"] == "Work experience in a related occupation: Less than 5 years"
    assert "Edition: 2023-33." in bls["description"]
    assert "Occupational Outlook Handbook, 2023-33 edition" in bls["description"]
    assert seed["name"] == "Gain work experience"
    for option in kb.career_steps["gain-work-experience"].options:
        assert option in seed["description"]


def test_the_newest_edition_wins_whatever_the_data_order(kb: KnowledgeBase) -> None:
    editions = list(kb.entry_requirements)
    newest = kb.entry_requirements["ooh-2023-33"]
    # The 2023-33 edition gives no education: the 2022-32 edition's counts.
    changed = [
        attrs.evolve(newest, education=None, work_experience="Made up")
        if e is newest
        else e
        for e in reversed(editions)
    ]
    doc = to_jsonld(attrs.evolve(kb, entry_requirements=changed))
    education = doc["educationRequirements"][0]
    assert education["citation"] == {"@id": "_:source-bls-ooh-2022-32"}
    assert "Edition: 2022-32." in education["description"]
    experience = doc["experienceRequirements"][0]
    assert experience["name"].endswith(": Made up")
    assert "Edition: 2023-33." in experience["description"]


def test_without_entry_requirements_the_seed_steps_remain(kb: KnowledgeBase) -> None:
    doc = to_jsonld(attrs.evolve(kb, entry_requirements=[]))
    assert [e["name"] for e in doc["educationRequirements"]] == list(
        kb.career_steps["obtain-a-degree"].options
    )
    assert doc["experienceRequirements"]["name"] == "Gain work experience"


def test_one_distribution_per_edition_and_unit(
    kb: KnowledgeBase, doc: dict[str, Any]
) -> None:
    names = [s["name"] for s in salaries(doc)]
    # primary figures first, newest first, annual before hourly; the seed's
    # second-hand figure last
    assert names == [
        "Annual wage, May 2023 (2023-33 edition)",
        "Hourly wage, May 2023 (2023-33 edition)",
        "Annual wage, May 2022 (2022-32 edition)",
        "Hourly wage, May 2022 (2022-32 edition)",
        "Annual wage, May 2020 (2019-29 edition)",
        "Hourly wage, May 2020 (2019-29 edition)",
        "Annual wage, May 2019",
        "Hourly wage, May 2019",
        "Annual wage, May 2016 (2016-26 edition)",
        "Hourly wage, May 2016 (2016-26 edition)",
        "Annual wage, May 2015 (2014-24 edition)",
        "Hourly wage, May 2015 (2014-24 edition)",
        "Annual wage, May 2010 (2010-20 edition)",
        "Hourly wage, May 2010 (2010-20 edition)",
        "Annual wage, 2021",
    ]
    medians = {s["name"]: s["median"] for s in salaries(doc)}
    assert medians["Annual wage, May 2023 (2023-33 edition)"] == 110680
    assert medians["Hourly wage, May 2022 (2022-32 edition)"] == 50.4
    assert medians["Annual wage, May 2010 (2010-20 edition)"] == 84270
    for salary in salaries(doc):
        assert salary["@type"] == "MonetaryAmountDistribution"
        assert salary["currency"] == "USD"
        assert salary["duration"] == ("P1Y" if "Annual" in salary["name"] else "PT1H")


def test_oews_percentiles_fill_their_distribution(doc: dict[str, Any]) -> None:
    by_name = {s["name"]: s for s in salaries(doc)}
    annual, hourly = by_name["Annual wage, May 2019"], by_name["Hourly wage, May 2019"]
    assert annual == {
        "@type": "MonetaryAmountDistribution",
        "name": "Annual wage, May 2019",
        "description": "Reference period 2019-05-01 to 2019-05-31 (May 2019). "
        "Edition: May 2019. Geography: US. Source: “Occupational Employment and "
        "Wages, May 2019: 11-9111 Medical and Health Services Managers”.",
        "currency": "USD",
        "duration": "P1Y",
        "median": 100980,
        "percentile10": 58820,
        "percentile25": 76770,
        "percentile75": 133520,
        "percentile90": 189000,
    }
    assert [hourly[k] for k in ("percentile10", "percentile25", "median")] == [
        28.28,
        36.91,
        48.55,
    ]
    assert [hourly[k] for k in ("percentile75", "percentile90")] == [64.19, 90.86]
    # Means, employment and industry figures have no property there.
    text = json.dumps(doc)
    for absent in ("115160", "55.37", "394910", "125230", "Offices of Physicians"):
        assert absent not in text


def test_seed_salary_is_marked_second_hand(doc: dict[str, Any]) -> None:
    salary = salaries(doc)[-1]
    assert salary["median"] == 101340
    assert salary["currency"] == "USD"
    assert salary["duration"] == "P1Y"
    assert "2021" in salary["name"]
    assert "2021-01-01 to 2021-12-31" in salary["description"]
    assert "second-hand" in salary["description"]
    assert "How To Become a Health Services Manager" in salary["description"]
    # the article's sentence credits no one, so the export names no one
    assert "attributed to" not in salary["description"]
    assert "not checked against the primary source" in salary["description"]
    for primary in salaries(doc)[:-1]:
        assert "second-hand" not in primary["description"]


def test_bls_figures_place_the_occupation_in_the_united_states(
    doc: dict[str, Any],
) -> None:
    assert doc["occupationLocation"] == {
        "@type": "Country",
        "name": "United States",
        "identifier": "US",
    }


def test_sources_are_described_under_subject_of(
    kb: KnowledgeBase, doc: dict[str, Any]
) -> None:
    dataset, *sources = doc["subjectOf"]
    assert dataset["@type"] == "Dataset"
    assert dataset["version"] == kb.meta.dataset_version
    assert [s["name"] for s in sources] == [s.title for s in kb.sources]
    onet = next(s for s in sources if s["@id"] == "_:source-onet-29-3")
    assert onet["@type"] == "Dataset"
    assert onet["url"] == "https://www.onetcenter.org/database.html"
    assert onet["license"] == {"@type": "CreativeWork", "name": "CC BY 4.0"}
    # O*NET's attribution, as the credit text schema.org defines on works.
    assert onet["creditText"] == kb.sources["onet-29-3"].attribution
    assert onet["creditText"].startswith(
        "This page includes information from the O*NET 29.3 Database"
    )
    assert onet["publisher"]["name"] == kb.organizations["usdol-eta"].name
    assert onet["version"] == "29.3 (May 2025 release)"
    esco = next(s for s in sources if s["@id"] == "_:source-esco-1-0")
    assert esco["@type"] == "CreativeWork"
    assert esco["creditText"] == kb.sources["esco-1-0"].attribution
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
# JSON-LD: how figures group into distributions


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


def test_a_50th_percentile_fills_the_median(kb: KnowledgeBase) -> None:
    # Hourly figures listed first still come after the annual ones.
    figures = oews_2019()
    doc = to_jsonld(with_statistics(kb, *figures[5:], *figures[:5]))
    annual, hourly, seed = salaries(doc)
    assert seed["median"] == 101340
    assert annual["median"] == 100980
    assert (annual["percentile10"], annual["percentile90"]) == (58820, 189000)
    assert (hourly["percentile10"], hourly["median"], hourly["percentile90"]) == (
        28.28,
        48.55,
        90.86,
    )
    assert "percentile25" not in hourly
    assert_valid_jsonld(doc)


def test_each_edition_gets_its_own_distribution(kb: KnowledgeBase) -> None:
    may_2023 = PERIODS[1]
    figures = [
        wage(
            "ooh-2023",
            "110680",
            metric=Metric.MEDIAN_ANNUAL_WAGE,
            period=may_2023,
            edition="2023-33",
        ),
        wage(
            "other-2023",
            "110000",
            metric=Metric.MEDIAN_ANNUAL_WAGE,
            period=may_2023,
            edition="2024-34",
        ),
    ]
    names = [s["name"] for s in salaries(to_jsonld(with_statistics(kb, *figures)))]
    assert names == [
        "Annual wage, May 2023 (2023-33 edition)",
        "Annual wage, May 2023 (2024-34 edition)",
        "Annual wage, 2021",
    ]


def test_no_figure_overwrites_another(kb: KnowledgeBase) -> None:
    figures = [
        wage("median", "100980", metric=Metric.MEDIAN_ANNUAL_WAGE),
        wage("p50", "100980", percentile=50),
        wage("p90", "189000", percentile=90),
    ]
    fresh = with_statistics(kb, *figures)
    first, second, _ = salaries(to_jsonld(fresh))
    assert first["median"] == second["median"] == 100980
    assert first["percentile90"] == 189000
    assert "percentile90" not in second


def test_figures_of_different_sources_never_share_a_distribution(
    kb: KnowledgeBase,
) -> None:
    def cited(statistic: Statistic, source: str) -> Statistic:
        return attrs.evolve(
            statistic, citations=(Citation(source=source, locator="wage table"),)
        )

    figures = [
        cited(
            wage("a-median", "100000", metric=Metric.MEDIAN_ANNUAL_WAGE),
            "bls-oews-2019",
        ),
        cited(wage("a-p10", "60000", percentile=10), "bls-oews-2019"),
        cited(
            wage("b-median", "120000", metric=Metric.MEDIAN_ANNUAL_WAGE),
            "bls-ooh-2023-33",
        ),
        cited(wage("b-p90", "250000", percentile=90), "bls-ooh-2023-33"),
    ]
    first, second, _ = salaries(to_jsonld(with_statistics(kb, *figures)))
    # B's 90th percentile stays with B's median, not in A's free slot
    assert (first["median"], first["percentile10"]) == (100000, 60000)
    assert "percentile90" not in first
    assert (second["median"], second["percentile90"]) == (120000, 250000)
    assert "Occupational Employment and Wages" in first["description"]
    assert "Handbook" not in first["description"]
    assert "Handbook" in second["description"]


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
    # primary first; of the second-hand ones, the seed's 2021 figure is newer
    assert found == [100, 200, 300, 101340, 400]
    hospitals = salaries(doc)[2]
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
    median = salaries(to_jsonld(with_statistics(kb, figure)))[0][
        "median"
    ]  # primary, before the seed
    assert median == expected
    assert type(median) is type(expected)
    assert Decimal(str(median)) == Decimal(value)


def test_records_without_a_schema_org_property_are_left_out(
    kb: KnowledgeBase,
) -> None:
    text = to_jsonld_text(kb)
    left_out = [
        *kb.benefits,
        *kb.specializations,
        *kb.job_titles,
        *kb.tasks,
        *kb.descriptors,
        *kb.technology_skills,
        *kb.tools,
        *kb.related_occupations,
        *kb.job_zones,
    ]
    for record in left_out:
        assert record.summary not in text, record.ref
    assert kb.career_steps["seek-leadership-opportunities"].summary not in text
    assert "Epic Systems" not in text


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
    source = attrs.evolve(kb.sources["onet-29-3"], published=dt.date(2025, 5, 1))
    california = wage("ca", "1", metric=Metric.MEDIAN_ANNUAL_WAGE, geography="US-CA")
    full = attrs.evolve(
        kb,
        sources=[source if s.id == source.id else s for s in kb.sources],
        statistics=[*kb.statistics, california],
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
        # "static": pyld may keep the processed context between documents.
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": CONTEXT,
            "tag": "static",
        }
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
def test_every_property_expands_to_schema_org(doc: dict[str, Any]) -> None:
    assert_expands_losslessly(doc)


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
    """Rebuild a record of *cls* from its CSV row (or an item's sub-row)."""
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for field in attrs.fields(cls):
        type_, optional = optional_inner(hints[field.name])
        column = prefix + field.name
        nested = [name for name in row if name.startswith(column + ".")]
        if attrs.has(type_):
            # A missing nested record leaves all its cells empty; its first
            # cell is never empty otherwise.
            if optional and row[nested[0]] == "":
                assert all(row[name] == "" for name in nested), nested
                values[field.name] = None
            else:
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
                # One column per attribute of the items, the items' cells
                # joined; the first column tells how many items there are.
                cells = {name: split_cell(row[name]) for name in nested}
                count = len(cells[nested[0]])
                for name in nested:
                    cells[name] = cells[name] or [""] * count
                    assert len(cells[name]) == count, name
                values[field.name] = tuple(
                    rebuild(
                        item_type,
                        {name[len(column) + 1 :]: cells[name][i] for name in nested},
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
    # Python 3.10's csv module cannot read a NUL (the export writes one
    # fine, see hsm_knowledge.export): such examples are left out there.
    if sys.version_info < (3, 11) and "\0" in text:
        reject()
    reader = csv.reader(io.StringIO(text, newline=""))
    header, *rows = list(reader)
    return header, [dict(zip(header, row, strict=True)) for row in rows]


def starts_a_formula(cell: str) -> bool:
    """Whether a spreadsheet could run *cell*: it starts with a formula
    character (OWASP's list) and is not a plain number."""
    return cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(
        r"[+-]?[0-9]+(\.[0-9]+)?", cell
    )


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


KIND_NAMES = {kind.cls: kind.name for kind in KINDS} | {Relation: "relation"}


def folder_paths(folder: Path) -> list[Path]:
    return [folder / name for name, _, _ in FOLDER_FILES]


def assert_folder_round_trips(kb: KnowledgeBase, folder: Path) -> None:
    assert list(to_csv_folder(kb, folder)) == folder_paths(folder)
    assert_folder_holds(kb, folder)


def assert_folder_holds(kb: KnowledgeBase, folder: Path) -> None:
    """The folder holds exactly the files of *kb*, each rebuilding its records."""
    paths = folder_paths(folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths)
    for path, (_, cls, records) in zip(paths, FOLDER_FILES, strict=True):
        header, rows = read_rows(path.read_bytes().decode("utf-8"))
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


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged data exported as a CSV folder, once for the module."""
    path = tmp_path_factory.mktemp("export") / "new" / "folder"
    to_csv_folder(hsm_knowledge.load(), path)
    return path


def rows_of(folder: Path, name: str) -> dict[str, dict[str, str]]:
    """The rows of a file of *folder*, by their first cell (the id)."""
    _, rows = read_rows((folder / name).read_text(encoding="utf-8"))
    return {next(iter(row.values())): row for row in rows}


def test_occupation_columns_flatten_the_codes(folder: Path) -> None:
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
    (row,) = rows_of(folder, "occupation.csv").values()
    assert row["codes.system"] == "soc-2018; onet-soc; isco-08; esco; esco"
    assert split_cell(row["codes.value"])[:3] == ["11-9111", "11-9111.00", "1342"]
    assert split_cell(row["codes.uri"])[:3] == [
        "",
        "https://www.onetonline.org/link/summary/11-9111.00",
        "http://data.europa.eu/esco/isco/C1342",
    ]


KIND_CLASSES = [
    *((kind.name, kind.cls) for kind in KINDS),
    ("occupation", Occupation),
    ("relation", Relation),
    ("manifest", Manifest),
]


@pytest.mark.parametrize(
    ("name", "cls"), KIND_CLASSES, ids=[k for k, _ in KIND_CLASSES]
)
def test_every_attribute_has_its_columns(name: str, cls: type) -> None:
    columns = csv_columns(cls)
    assert len(set(columns)) == len(columns)
    for field in attrs.fields(cls):
        assert any(
            c == field.name or c.startswith(field.name + ".") for c in columns
        ), field.name
    assert csv_columns(name) == columns


def test_each_folder_file_is_named_for_its_columns(folder: Path) -> None:
    # a program reading the folder can ask for a file's columns by its name
    # (the knowledge base's attribute: "meta" is the manifest's)
    for path in folder.iterdir():
        header, _ = read_rows(path.read_text(encoding="utf-8"))
        stem = "meta" if path.stem == "manifest" else path.stem
        assert csv_columns(stem) == tuple(header), path.name
    # and an empty file of a kind gets the same header
    stream = io.StringIO(newline="")
    to_csv([], stream, kind="manifest")
    assert stream.getvalue().split("\r\n")[0] == ",".join(csv_columns(Manifest))


def test_cells_of_the_seed_statistic(folder: Path) -> None:
    row = rows_of(folder, "statistics.csv")[SEED_WAGE]
    assert row["value"] == "101340"
    assert row["metric"] == "median-annual-wage"
    assert row["period.start"] == "2021-01-01"
    assert row["period.label"] == "2021"
    assert row["edition"] == row["percentile"] == ""
    assert row["citations"] == (
        "seed-article:Health Services Manager Salary and Job Outlook"
    )
    assert row["provenance"] == "secondary"
    oews = rows_of(folder, "statistics.csv")["mean-hourly-wage-oews-may-2019"]
    assert (oews["value"], oews["relative_standard_error"]) == ("55.37", "0.3")
    assert oews["edition"] == oews["period.label"] == "May 2019"


def test_ratings_are_flattened_item_by_item(folder: Path) -> None:
    assert csv_columns("descriptor")[4:] == (
        "domain",
        "element_id",
        "group",
        "ratings.scale",
        "ratings.scale_name",
        "ratings.scale_minimum",
        "ratings.scale_maximum",
        "ratings.value",
        "ratings.category",
        "ratings.category_description",
        "ratings.n",
        "ratings.standard_error",
        "ratings.lower_ci_bound",
        "ratings.upper_ci_bound",
        "ratings.recommend_suppress",
        "ratings.not_relevant",
        "ratings.date.start",
        "ratings.date.end",
        "ratings.date.label",
        "ratings.domain_source",
    )
    rows = rows_of(folder, "descriptors.csv")
    row = rows["skill-critical-thinking"]
    assert row["ratings.scale"] == "IM; LV"
    assert row["ratings.scale_minimum"] == "1; 0"
    assert row["ratings.value"] == "4.12; 4.12"
    assert row["ratings.standard_error"] == "0.125; 0.125"
    # The importance rating has no relevance flag: an empty item.
    assert row["ratings.not_relevant"] == "; false"
    assert row["ratings.date.start"] == "2022-08-01; 2022-08-01"
    assert row["ratings.date.label"] == "08/2022; 08/2022"
    # A category scale keeps every category, with O*NET's digits.
    education = rows["education-training-experience-required-level-of-education"]
    assert split_cell(education["ratings.category"]) == [str(n) for n in range(1, 13)]
    assert split_cell(education["ratings.category_description"])[0] == (
        "Less than a High School Diploma"
    )


def test_tasks_keep_their_work_activities(folder: Path) -> None:
    row = rows_of(folder, "tasks.csv")["onet-46"]
    assert (row["onet_id"], row["category"], row["incumbents_responding"]) == (
        "46",
        "core",
        "28.0",
    )
    assert (row["date.start"], row["date.end"], row["date.label"]) == (
        "2022-08-01",
        "2022-08-31",
        "08/2022",
    )
    assert row["work_activities.id"] == "4.A.2.a.1.I04.D04; 4.A.4.b.4.I01.D13"
    assert row["work_activities.title"] == (
        "Evaluate employee performance.; Supervise employees."
    )
    assert row["work_activities.date.label"] == "03/2014; 03/2014"


def test_entry_requirements_job_zone_and_manifest(folder: Path) -> None:
    entry = rows_of(folder, "entry_requirements.csv")["ooh-2010-20"]
    assert (entry["edition"], entry["education"], entry["work_experience"]) == (
        "2010-20",
        "Bachelor's degree",
        "None",  # the handbook's own word, not a missing value
    )
    zone = rows_of(folder, "job_zones.csv")["job-zone-4"]
    assert (zone["zone"], zone["svp_range"], zone["date.start"]) == (
        "4",
        "(7.0 to < 8.0)",
        "2022-08-01",
    )
    (manifest,) = rows_of(folder, "manifest.csv").values()
    assert split_cell(manifest["source_vintages.source"])[:2] == [
        "onet-29-3",
        "bls-ooh-2023-33",
    ]
    assert split_cell(manifest["source_vintages.vintage"])[0] == (
        "29.3 (May 2025 release)"
    )
    related = rows_of(folder, "related_occupations.csv")
    informatics = related["clinical-informatics-manager"]
    assert (informatics["code.system"], informatics["tier"], informatics["index"]) == (
        "esco",
        "",
        "",
    )
    title = rows_of(folder, "job_titles.csv")["client-services-director"]
    assert (title["title_sources"], title["onet_source_codes"]) == (
        "alternate-title",
        "09",
    )


def test_missing_nested_records_are_empty_cells(kb: KnowledgeBase) -> None:
    task = kb.tasks["onet-58"]
    activity = attrs.evolve(task.work_activities[1], date=None, title=None)
    task = attrs.evolve(
        task,
        date=None,
        category=None,
        work_activities=(task.work_activities[0], activity, *task.work_activities[2:]),
    )
    _, (row,) = read_rows(csv_text([task]))
    assert row["date.start"] == row["date.end"] == row["date.label"] == ""
    assert row["category"] == ""
    assert split_cell(row["work_activities.date.start"])[1] == ""
    assert split_cell(row["work_activities.title"])[1] == ""
    assert rebuild(Task, row) == task
    lone = attrs.evolve(task, work_activities=(activity,))
    _, (row,) = read_rows(csv_text([lone]))
    assert row["work_activities.date.start"] == ""
    assert row["work_activities.id"] == activity.id
    assert rebuild(Task, row) == lone


def test_packaged_data_round_trips_through_a_folder(
    kb: KnowledgeBase, folder: Path
) -> None:
    assert_folder_holds(kb, folder)


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


def test_escape_formulas_for_a_spreadsheet(kb: KnowledgeBase) -> None:
    skill = attrs.evolve(
        kb.skills["leadership"],
        name='=HYPERLINK("http://example.com", "Leadership")',
        summary="+1 line",
        aliases=("@SUM(A1)", "-2+3", "'quoted"),
        components=(),
    )
    plain = read_rows(csv_text([skill]))[1][0]
    assert plain["name"] == skill.name  # by default, as the record holds it
    assert plain["aliases"] == "@SUM(A1); -2+3; 'quoted"
    _, (row,) = read_rows(csv_text([skill], escape_formulas=True))
    assert row["name"] == "'" + skill.name
    assert row["summary"] == "'+1 line"
    assert row["aliases"] == "'@SUM(A1); -2+3; 'quoted"
    assert row["id"] == "leadership"
    assert rebuild(Skill, {k: unescape_formula(v) for k, v in row.items()}) == skill
    # a plain number is never escaped: it is no formula
    growth = next(
        iter(kb.statistics.filter(metric=Metric.PROJECTED_EMPLOYMENT_CHANGE_PERCENT))
    )
    negative = attrs.evolve(growth, value=Decimal("-3.50"))  # a decline
    _, (row,) = read_rows(csv_text([negative], escape_formulas=True))
    assert row["value"] == "-3.50"


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        # what a spreadsheet may run (OWASP's CSV injection list)
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-", "'-"),
        ("\uff1d1+1", "'\uff1d1+1"),  # full-width =
        ("\u22123", "'\u22123"),  # minus sign
        ("\ufe661+1", "'\ufe661+1"),  # small =
        ("\ufe6bSUM(A1)", "'\ufe6bSUM(A1)"),  # small @
        # the apostrophe itself, so that the escape can be undone
        ("'quoted", "''quoted"),
        # numbers and other text: as they are
        ("-3", "-3"),
        ("+1.5", "+1.5"),
        ("-0.25", "-0.25"),
        ("3-4", "3-4"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_escape_formula_cells(cell: str, written: str) -> None:
    assert escape_formula(cell) == written
    assert unescape_formula(written) == cell


@given(st.text(max_size=8))
def test_escaping_a_cell_is_undone_and_leaves_no_formula(cell: str) -> None:
    escaped = escape_formula(cell)
    assert unescape_formula(escaped) == cell
    assert not starts_a_formula(escaped)
    # nothing but one apostrophe in front is ever added
    assert escaped in (cell, "'" + cell)
    # a cell that needs no escape is left alone
    if not starts_a_formula(cell) and not cell.startswith("'"):
        assert escaped == cell or cell[:1] in (
            "\n\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212"
        )


def test_escape_formulas_must_be_a_bool(kb: KnowledgeBase, tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="escape_formulas must be True or False"):
        csv_text(kb.skills, escape_formulas="yes")
    with pytest.raises(TypeError, match="escape_formulas must be True or False"):
        to_csv_folder(kb, tmp_path / "out", escape_formulas=1)  # type: ignore[arg-type]
    assert not (tmp_path / "out").exists()


def test_relations_and_an_empty_collection(kb: KnowledgeBase) -> None:
    header, rows = read_rows(csv_text(kb.relations))
    assert tuple(header) == csv_columns("relation")
    assert [rebuild(Relation, row) for row in rows] == list(kb.relations)
    empty = hsm_knowledge.Collection([], kind="benefit")
    assert csv_text(empty) == "id,name,summary,citations,type\r\n"
    assert csv_text([], kind="benefit") == "id,name,summary,citations,type\r\n"


def test_list_separator_is_documented() -> None:
    assert LIST_SEPARATOR == "; "


# --------------------------------------------------------------------------
# CSV: errors


def test_bad_records_are_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(TypeError, match="item 1 is a Skill, not a Benefit"):
        csv_text([kb.benefits["rewarding-career"], kb.skills["leadership"]])
    with pytest.raises(ValueError, match="empty sequence of records; pass kind="):
        csv_text([])
    with pytest.raises(ValueError, match="no CSV export for kind 'skils'"):
        csv_text([], kind="skils")
    assert csv_text([], kind="skills") == csv_text([], kind="skill")
    with pytest.raises(ValueError, match="does not match a collection of skill"):
        csv_text(kb.skills, kind="benefit")
    # what is not a record is a TypeError, wherever it is
    for not_a_record in ("text", {"id": "x"}, None, Citation(source="a", locator="b")):
        with pytest.raises(TypeError, match=r"item 0 is a .*, not a record of a kind"):
            csv_text([not_a_record])
    with pytest.raises(TypeError, match="item 1 is a dict, not a Skill"):
        csv_text([kb.skills["leadership"], {"id": "x"}])
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


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_link_to_a_missing_folder_makes_that_folder(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    # as a one-file export through a link to a missing file makes the file
    link = tmp_path / "out"
    link.symlink_to("made/here")
    paths = to_csv_folder(kb, link)
    assert link.is_symlink()
    assert (tmp_path / "made" / "here").is_dir()
    assert sorted(p.name for p in (tmp_path / "made" / "here").iterdir()) == sorted(
        path.name for path in paths
    )
    assert all(path.parent == link for path in paths)
    # and so does one on the way to the folder
    (tmp_path / "way").symlink_to("missing")
    paths = to_csv_folder(kb, tmp_path / "way" / "sub")
    assert (tmp_path / "missing" / "sub" / "skills.csv").is_file()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_link_to_a_file_is_not_a_folder(kb: KnowledgeBase, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to("file")
    (tmp_path / "way").symlink_to("file")
    with pytest.raises(NotADirectoryError):
        to_csv_folder(kb, tmp_path / "link")
    with pytest.raises(NotADirectoryError):
        to_csv_folder(kb, tmp_path / "way" / "sub")
    assert (tmp_path / "file").read_text(encoding="utf-8") == "x"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_loop_of_links_is_named_as_a_loop(kb: KnowledgeBase, tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    with pytest.raises(OSError, match="symbolic links") as info:
        to_csv_folder(kb, loop)
    assert info.value.filename == str(loop)
    assert [p.name for p in tmp_path.iterdir()] == ["loop"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="needs a user that file permissions apply to",
)
def test_a_read_only_file_is_not_replaced(kb: KnowledgeBase, tmp_path: Path) -> None:
    # the folder is writable, so a rename would work; the file says no
    target = tmp_path / "keep.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(PermissionError, match="is read-only") as info:
        to_csv(kb.skills, target)
    assert info.value.filename == str(target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.csv"]


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


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symbolic_link_is_kept_and_its_file_replaced(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    try:
        link.symlink_to(target)
    except OSError:  # pragma: no cover - e.g. Windows without the privilege
        pytest.skip("cannot make symbolic links here")
    to_csv(kb.skills, link)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("id,name,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_replaced_file_keeps_its_permissions(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    target = tmp_path / "private.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    to_csv(kb.skills, target)
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.read_text(encoding="utf-8").startswith("id,name,")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_written_through_not_replaced(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    # as `-o /dev/stdout` is: a path that is not a regular file is written
    # to, not replaced by a regular file
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(
        target=lambda: received.append(pipe.read_bytes().decode("utf-8")),
        daemon=True,  # never keeps the test run alive
    )
    reader.start()
    to_csv(kb.skills, pipe)
    reader.join(timeout=30)
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    expected = io.StringIO(newline="")
    to_csv(kb.skills, expected)
    assert received[0] == expected.getvalue()
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_folder_waits_for_its_pipe_before_writing_anything(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    # a pipe is opened first: while it waits for a reader, nothing is staged
    # (a job killed then leaves no temporary files)
    os.mkfifo(tmp_path / "skills.csv")
    writer = threading.Thread(target=to_csv_folder, args=(kb, tmp_path), daemon=True)
    writer.start()
    writer.join(timeout=0.5)
    assert writer.is_alive()  # waiting to open the pipe
    assert [p.name for p in tmp_path.iterdir()] == ["skills.csv"]
    assert (tmp_path / "skills.csv").read_bytes().startswith(b"id,name,")
    writer.join(timeout=30)
    assert not writer.is_alive()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_two_paths_of_one_file_are_refused(kb: KnowledgeBase, tmp_path: Path) -> None:
    try:
        (tmp_path / "skills.csv").symlink_to("tasks.csv")
    except OSError:  # pragma: no cover - e.g. Windows without the privilege
        pytest.skip("cannot make symbolic links here")
    with pytest.raises(
        ValueError, match=r"tasks\.csv' and .*skills\.csv' are the same"
    ):
        to_csv_folder(kb, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["skills.csv"]  # nothing written


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_text_drops_set_id_bits(kb: KnowledgeBase, tmp_path: Path) -> None:
    target = tmp_path / "tool.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o4755)
    to_csv(kb.skills, target)
    assert target.stat().st_mode & 0o7777 == 0o755


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_new_file_gets_the_usual_permissions(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    # as open() would make it: 0666 less the umask, not owner-only
    umask = os.umask(0o022)
    try:
        to_csv(kb.skills, tmp_path / "new.csv")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o644


@pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links")
def test_two_names_of_one_file_by_a_hard_link_are_refused(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    (tmp_path / "tasks.csv").write_text("old", encoding="utf-8")
    try:
        os.link(tmp_path / "tasks.csv", tmp_path / "skills.csv")
    except OSError:  # pragma: no cover - a file system without hard links
        pytest.skip("cannot make hard links here")
    with pytest.raises(ValueError, match="are the same file"):
        to_csv_folder(kb, tmp_path)
    assert (tmp_path / "skills.csv").read_text(encoding="utf-8") == "old"


@pytest.mark.skipif(sys.platform != "linux", reason="Linux's /dev and /proc")
def test_paths_of_the_process_open_files_are_known(tmp_path: Path) -> None:
    from hsm_knowledge.export import _open_file

    assert _open_file(Path("/dev/stdout")) == 1
    assert _open_file(Path("/dev/stderr")) == 2
    assert _open_file(Path("/dev/fd/7")) == 7
    assert _open_file(Path("/proc/self/fd/5")) == 5
    assert _open_file(Path("/proc/thread-self/fd/3")) == 3
    assert _open_file(Path(f"/proc/{os.getpid()}/fd/4")) == 4
    assert _open_file(Path("/proc/1/fd/1")) is None  # another process's
    # ".." after a link to a folder is the link target's parent
    (tmp_path / "shm").symlink_to("/dev/shm")
    assert _open_file(tmp_path / "shm" / ".." / "stdout") == 1
    (tmp_path / "out").symlink_to("/dev/stdout")
    assert _open_file(tmp_path / "out") == 1
    assert _open_file(tmp_path / "plain.csv") is None


@pytest.mark.skipif(
    sys.platform != "linux" or not Path("/dev/full").exists(),
    reason="needs /dev/full",
)
def test_a_device_that_fails_is_named_in_the_error(kb: KnowledgeBase) -> None:
    with pytest.raises(OSError, match="No space left on device") as info:
        to_csv(kb.skills, "/dev/full")
    assert info.value.filename == "/dev/full"


@pytest.mark.skipif(
    sys.platform != "linux" or not Path("/dev/stdout").exists(),
    reason="needs /dev/stdout",
)
def test_dev_stdout_writes_where_the_shell_redirects(tmp_path: Path) -> None:
    # the text lands between what the shell writes before and after, and
    # the shell's file is neither replaced nor overwritten
    script = Path(sys.executable).parent / "hsm-knowledge"
    command = (
        f'{{ echo HEADER; "{script}" export --format csv --kind benefit '
        "-o /dev/stdout; echo FOOTER; } > out.txt; "
        f'echo keep > log.txt; "{script}" export --format csv --kind benefit '
        "-o /dev/stdout >> log.txt"
    )
    subprocess.run(["bash", "-c", command], cwd=tmp_path, check=True)
    lines = (tmp_path / "out.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "HEADER"
    assert lines[1] == "id,name,summary,citations,type"
    assert lines[-1] == "FOOTER"
    log = (tmp_path / "log.txt").read_text(encoding="utf-8").splitlines()
    assert log[:2] == ["keep", "id,name,summary,citations,type"]


# --------------------------------------------------------------------------
# JSON-LD: what holds for any knowledge base


def assert_jsonld_is_faithful(kb: KnowledgeBase) -> None:
    """The JSON-LD is valid, within its documented properties and complete."""
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
        if f.unit.is_monetary
        and (
            f.metric in (Metric.MEDIAN_ANNUAL_WAGE, Metric.MEDIAN_HOURLY_WAGE)
            or (f.metric.needs_percentile and f.percentile in (10, 25, 50, 75, 90))
        )
    )
    assert exported == expected
    # Primary figures come first, each provenance's newest period first.
    second_hand = ["second-hand" in s["description"] for s in salaries(doc)]
    assert second_hand == sorted(second_hand)
    for provenance in (False, True):
        ends = [
            dt.date.fromisoformat(s["description"].split(" to ", 1)[1][:10])
            for s, secondary in zip(salaries(doc), second_hand, strict=True)
            if secondary is provenance
        ]
        assert ends == sorted(ends, reverse=True)
    # Only the newest edition's entry requirements are exported, with their
    # values as the records hold them.
    levels = [
        e["educationalLevel"]
        for e in as_list(doc.get("educationRequirements", []))
        if "educationalLevel" in e
    ]
    assert len(levels) <= 1
    assert set(levels) <= {e.education for e in kb.entry_requirements}
    # Only O*NET-SOC URIs claim identity with the occupation.
    assert set(as_list(doc.get("sameAs", []))) == {
        c.uri
        for c in kb.occupation.codes
        if c.uri is not None and c.system is CodeSystem.ONET_SOC
    }


# --------------------------------------------------------------------------
# CSV: what holds for any knowledge base


def csv_module_text(rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def assert_csv_is_faithful(kb: KnowledgeBase) -> None:
    """The CSV files have their documented columns and rebuild every record."""
    with tempfile.TemporaryDirectory() as folder:
        assert_folder_round_trips(kb, Path(folder))
        for path, (_, cls, records) in zip(
            folder_paths(Path(folder)), FOLDER_FILES, strict=True
        ):
            text = path.read_bytes().decode("utf-8")
            # A stream gets the same text as a file ...
            items = records(kb)
            assert csv_text(items, kind=None if items else KIND_NAMES[cls]) == text
            # ... which is what the csv module's excel dialect writes.
            rows = list(csv.reader(io.StringIO(text, newline="")))
            assert csv_module_text(rows) == text
            # Escaped for a spreadsheet: no cell starts a formula, and
            # removing the escapes gives the plain file's cells back.
            escaped = csv_text(
                items, kind=None if items else KIND_NAMES[cls], escape_formulas=True
            )
            escaped_rows = list(csv.reader(io.StringIO(escaped, newline="")))
            assert escaped_rows[0] == rows[0]
            assert [
                [unescape_formula(cell) for cell in row] for row in escaped_rows[1:]
            ] == rows[1:]
            for row in escaped_rows[1:]:
                for cell in row:
                    assert not starts_a_formula(cell), cell


# --------------------------------------------------------------------------
# Laws. One test draws the knowledge bases for both exports: drawing them
# costs far more than exporting them.


@given(knowledge_bases())
def test_exports_are_faithful_for_any_knowledge_base(kb: KnowledgeBase) -> None:
    assert_jsonld_is_faithful(kb)
    assert_csv_is_faithful(kb)


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


def test_the_overview_and_the_jsonld_agree_on_the_newest_edition(
    kb: KnowledgeBase,
) -> None:
    # Editions compare by the numbers they hold, as in statistics.series:
    # "May 2024" is newer than "2023-33" (a leading year is not required).
    from hsm_knowledge._knowledge import edition_key
    from hsm_knowledge._overview import render_overview

    old = kb.entry_requirements["ooh-2023-33"]
    new = attrs.evolve(
        old,
        id="ooh-may-2024",
        edition="May 2024",
        education="Master's degree",
        summary="A made-up edition, newer than 2023-33.",
    )
    changed = attrs.evolve(kb, entry_requirements=[new, *kb.entry_requirements])
    assert max([old.edition, new.edition], key=edition_key) == "May 2024"
    education = to_jsonld(changed)["educationRequirements"][0]
    assert education["name"] == "Master's degree"
    assert "Edition: May 2024." in education["description"]
    overview = render_overview(changed, width=200)
    assert "A made-up edition, newer than 2023-33." in overview
    assert old.summary not in overview


@pytest.mark.parametrize("given_instead", [None, "kb.skills", "dict"])
def test_exports_of_a_whole_dataset_refuse_anything_else_up_front(
    given_instead: str | None, tmp_path: Path
) -> None:
    kb = hsm_knowledge.load()
    value = {"kb.skills": kb.skills, "dict": {}}.get(given_instead or "")
    target = tmp_path / "made-only-for-a-knowledge-base"
    with pytest.raises(TypeError, match=r"to_csv_folder\(\) takes a KnowledgeBase"):
        to_csv_folder(value, target)  # type: ignore[arg-type]
    assert not target.exists()
    with pytest.raises(TypeError, match=r"to_jsonld\(\) takes a KnowledgeBase"):
        to_jsonld(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="takes a KnowledgeBase"):
        to_jsonld_text(value)  # type: ignore[arg-type]


def test_to_csv_of_a_whole_knowledge_base_points_to_the_folder_export() -> None:
    kb = hsm_knowledge.load()  # not yet built: its class is a private one
    with pytest.raises(TypeError) as caught:
        to_csv(kb, io.StringIO())  # type: ignore[arg-type]
    assert "to_csv_folder(kb, folder)" in str(caught.value)
    assert "_Deferred" not in str(caught.value)
