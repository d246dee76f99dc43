"""Facts added from primary sources beyond the seed, and the new record kinds."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import (
    Basis,
    Citation,
    CodeSystem,
    CredentialCategory,
    Descriptor,
    DescriptorDomain,
    JobTitle,
    JobZone,
    KnowledgeBase,
    Metric,
    Period,
    Provenance,
    Rating,
    RelationType,
    TitleSource,
)
from hsm_knowledge._loading import packaged_document
from hsm_knowledge.serialize import from_dict, to_dict

ESCO_URIS = {
    "healthcare-institution-manager": "http://data.europa.eu/esco/occupation/"
    "4a29eab1-5f02-4723-a863-e2d5a0614dfa",
    "clinical-informatics-manager": "http://data.europa.eu/esco/occupation/"
    "ef909843-97c6-4c48-8038-2e7aefdfcad5",
}

NEW_KINDS = (
    "tasks",
    "descriptors",
    "technology_skills",
    "tools",
    "related_occupations",
    "job_zones",
    "entry_requirements",
    "job_titles",
    "credentials",
    "statistics",
)


# --------------------------------------------------------------------------
# ESCO and ISCO


def test_esco_occupations_are_codes_and_related_records(kb: KnowledgeBase) -> None:
    codes = kb.occupation.codes_in(CodeSystem.ESCO)
    assert {code.uri for code in codes} == set(ESCO_URIS.values())
    for record_id, uri in ESCO_URIS.items():
        assert kb.occupation.has_code(uri)
        related = kb.related_occupations[record_id]
        assert related.code.system is CodeSystem.ESCO
        assert related.code.uri == uri
        assert related.tier is None
        assert related.citations[0].source == "esco-1-0"
        assert uri in related.citations[0].locator
        assert "1342" in related.summary
    assert (
        "health service manager"
        in kb.related_occupations["healthcare-institution-manager"].aliases
    )


def test_an_occupation_names_each_code_and_uri_once(kb: KnowledgeBase) -> None:
    # two ESCO codes may stand side by side, but not the same one twice, nor
    # two codes under one URI (linked data would merge them into one node)
    occupation = kb.occupation
    esco = occupation.codes_in(CodeSystem.ESCO)[0]
    assert esco.uri is not None
    with pytest.raises(ValueError, match="repeats the code of item 3"):
        attrs.evolve(occupation, codes=(*occupation.codes, esco))
    other = attrs.evolve(esco, value="another-concept", label="another concept")
    with pytest.raises(ValueError, match=r"must not repeat a URI; item 5 .* item 3"):
        attrs.evolve(occupation, codes=(*occupation.codes, other))
    distinct = attrs.evolve(other, uri=esco.uri + "-2")
    assert attrs.evolve(occupation, codes=(*occupation.codes, distinct)).codes[-1] == (
        distinct
    )


def test_isco_1342_definition_and_esco_version(kb: KnowledgeBase) -> None:
    assert kb.occupation.code(CodeSystem.ISCO_08).value == "1342"  # type: ignore[union-attr]
    note = next(n for n in kb.occupation.notes if "1342" in n)
    for words in ("planning, directing, coordinating and evaluating", "public health"):
        assert words in note
    esco = kb.sources["esco-1-0"]
    assert esco.license is not None
    assert "2011/833/EU" in esco.license
    assert esco.attribution == (
        "ESCO, European Skills, Competences, Qualifications and Occupations, "
        "© European Union"
    )
    assert esco.notes is not None
    assert "inferred" in esco.notes
    assert kb.meta.vintage("esco-1-0") is not None


# --------------------------------------------------------------------------
# credentials


@pytest.mark.parametrize(
    ("credential", "issuer", "parent"),
    [
        ("fache", "ache", None),
        ("cmpe", "acmpe", "mgma"),
        ("chfp", "hfma", None),
        ("cphq", "nahq", None),
        ("rhia", "ahima", None),
        ("chc", "ccb", None),
        ("nha", "state-licensing-boards", None),
    ],
)
def test_credentials_and_their_issuers(
    kb: KnowledgeBase, credential: str, issuer: str, parent: str | None
) -> None:
    record = kb.credentials[credential]
    assert record.id == record.abbreviation.lower()
    assert record.issuer == issuer
    assert kb.organizations[issuer].parent == parent
    for citation in record.citations:
        source = kb.sources[citation.source]
        assert source.url is not None or source.notes is not None


def test_credential_categories(kb: KnowledgeBase) -> None:
    assert kb.credentials["fache"].category is CredentialCategory.BOARD_CERTIFICATION
    assert kb.credentials["nha"].category is CredentialCategory.LICENSE
    assert "LNHA" in kb.credentials["nha"].aliases


def test_requirements_only_where_a_source_states_them(kb: KnowledgeBase) -> None:
    # No source in hand states requirements for these three.
    for credential in ("cphq", "rhia", "chc"):
        assert kb.credentials[credential].requirements == ()
        assert kb.credentials[credential].renewal == ()
    fache = kb.credentials["fache"].requirements
    assert len(fache) == 5
    # The membership tenure differs between chapter pages, so it stays out.
    assert not any("member" in r.lower() for r in fache)
    assert any("Board of Governors Exam" in r for r in fache)
    nha = " ".join(kb.credentials["nha"].requirements)
    for words in ("100-item", "50-item", "District of Columbia", "1,000 hours"):
        assert words in nha


def test_renewal_rules_are_not_requirements(kb: KnowledgeBase) -> None:
    # The pages cited for CMM and CHFP say how to keep them, not how to
    # earn them: what it takes to earn them is not stated.
    cmm = kb.credentials["cmm"]
    assert cmm.requirements == ()
    (rule,) = cmm.renewal
    for words in ("every two years", "24 continuing education units", "$75"):
        assert words in rule
    chfp = kb.credentials["chfp"]
    assert chfp.requirements == ()
    (rule,) = chfp.renewal
    assert rule.startswith("An active HFMA membership and 60 hours")
    assert "1 June 2020" in rule


def test_second_hand_credential_facts_stay_out(kb: KnowledgeBase) -> None:
    # CNHA is known only from a second-hand page; CAHIIM eligibility too.
    assert "cnha" not in kb.credentials
    assert not any("CAHIIM" in r for c in kb.credentials for r in c.requirements)


def test_sources_read_from_copies_say_so(kb: KnowledgeBase) -> None:
    for source_id in (
        "ache-board-certification",
        "ache-chapter-fache-requirements",
        "mgma-apply-for-certification",
        "hfma-maintaining-certifications",
        "nahq-cphq-candidate-responsibilities",
        "wikipedia-rhia",
        "ccb-chc-handbook",
        "nab-programs",
        "pahcom-cmm-recertification",
        "bls-ooh-2019-29",
    ):
        notes = kb.sources[source_id].notes
        assert notes is not None
        assert "archive" in notes or "third party" in notes, source_id


def test_credentials_are_linked_to_what_they_support(kb: KnowledgeBase) -> None:
    edges = {(r.subject, r.type, r.object): r for r in kb.relations}
    nha = edges[
        (
            "credential:nha",
            RelationType.SUPPORTS,
            "specialization:long-term-care-administration",
        )
    ]
    assert nha.basis is Basis.EDITORIAL
    assert nha.rationale
    assert (
        "credential:rhia",
        RelationType.SUPPORTS,
        "specialization:health-informatics",
    ) in edges
    assert (
        "technology-skill:epic-systems",
        RelationType.ILLUSTRATES,
        "skill:healthcare-technology",
    ) in edges


# --------------------------------------------------------------------------
# BLS and O*NET figures


def test_median_pay_by_edition_side_by_side(kb: KnowledgeBase) -> None:
    pay = [
        s
        for s in kb.statistics
        if s.metric is Metric.MEDIAN_ANNUAL_WAGE and s.industry is None
    ]
    primary = {s.edition: s for s in pay if s.provenance is Provenance.PRIMARY}
    assert {e: str(s.value) for e, s in primary.items()} == {
        "2023-33": "110680",
        "2022-32": "104830",
        "2019-29": "104280",
        "2016-26": "96540",
        "2014-24": "94500",
        "2010-20": "84270",
        "May 2019": "100980",
    }
    assert str(primary["2019-29"].period) == "May 2020"
    assert primary["2023-33"].period.start == dt.date(2023, 5, 1)
    assert all(s.geography == "US" and s.currency == "USD" for s in pay)
    hourly = kb.statistics["median-hourly-wage-ooh-2022-32"]
    assert str(hourly.value) == "50.40"  # the trailing zero is kept


def test_oews_may_2019_percentiles_and_industries(kb: KnowledgeBase) -> None:
    annual = {
        s.percentile: str(s.value)
        for s in kb.statistics
        if s.metric is Metric.ANNUAL_WAGE_PERCENTILE
    }
    assert annual == {10: "58820", 25: "76770", 75: "133520", 90: "189000"}
    employment = kb.statistics["employment-oews-may-2019"]
    assert employment.relative_standard_error == Decimal("0.6")
    industries = [
        s
        for s in kb.statistics
        if s.industry is not None and s.metric is Metric.INDUSTRY_EMPLOYMENT_SHARE
    ]
    assert [(s.industry, str(s.value)) for s in industries] == [
        ("General Medical and Surgical Hospitals", "2.24"),
        ("Offices of Physicians", "1.84"),
        ("Outpatient Care Centers", "2.95"),
        ("Nursing Care Facilities (Skilled Nursing Facilities)", "1.61"),
        ("Home Health Care Services", "1.41"),
    ]


def test_entry_requirements_by_edition(kb: KnowledgeBase) -> None:
    latest = kb.entry_requirements["ooh-2023-33"]
    assert (latest.education, latest.work_experience, latest.on_the_job_training) == (
        "Bachelor's degree",
        "Less than 5 years",
        "None",
    )
    assert kb.entry_requirements["ooh-2010-20"].work_experience == "None"


def test_onet_licence_and_number_notes(kb: KnowledgeBase) -> None:
    onet = kb.sources["onet-29-3"]
    assert onet.license == "CC BY 4.0"
    assert onet.attribution is not None
    assert onet.attribution.endswith(
        "The hsm_knowledge project has modified all or some of this information. "
        "USDOL/ETA has not approved, endorsed, or tested these modifications."
    )
    assert onet.notes is not None
    assert "trailing zeros" in onet.notes
    assert kb.meta.vintage("onet-29-3") == "29.3 (May 2025 release)"
    # the data is of one release; a user must learn that newer ones exist
    assert "Newer releases exist" in onet.notes
    assert "not been compared with them" in onet.notes


def test_the_older_job_zone_is_kept_with_its_vintage(kb: KnowledgeBase) -> None:
    # O*NET 29.3 says zone 4 (08/2022); an older O*NET OnLine page said 5.
    # The current zone is the record; the older one is a cited note.
    (zone,) = kb.job_zones
    assert zone.zone == 4
    assert zone.date is not None
    assert zone.date.label == "08/2022"
    page = kb.sources["onetonline-job-zone-11-9111-00"]
    assert page.url == "http://www.onetonline.org/skills/zone/11-9111.00"
    assert page.publisher == "usdol-eta"
    assert page.notes is not None
    assert "Job Zone Five: Extensive Preparation Needed" in page.notes
    assert "11 apprenticeable specialties" in page.notes
    assert "not verified" in page.notes  # the Bright Outlook label
    (note,) = [n for n in kb.occupation.notes if "Job Zone Five" in n]
    assert "08/2022" in note
    assert page.id in {c.source for c in kb.occupation.citations}


def test_epic_is_findable_by_name(kb: KnowledgeBase) -> None:
    epic = kb.technology_skills["epic-systems"]
    assert epic.name == "Epic Systems"
    assert epic.hot_technology
    assert "Medical software" in epic.summary


def test_versions_and_vintages(kb: KnowledgeBase) -> None:
    assert kb.meta.dataset_version == hsm_knowledge.DATA_VERSION == "2026.2"
    sources = [v.source for v in kb.meta.source_vintages]
    assert len(sources) == len(set(sources))
    assert all(source in kb.sources for source in sources)
    assert kb.meta.vintage("no-such-source") is None


def test_unknown_vintage_source_is_reported() -> None:
    document = packaged_document()
    document["meta"]["source_vintages"].append({"source": "ghost", "vintage": "v1"})
    with pytest.raises(hsm_knowledge.DataError) as info:
        hsm_knowledge.loads(json.dumps(document))
    assert "$.meta.source_vintages[" in str(info.value)
    assert "names unknown source 'ghost'" in str(info.value)


# --------------------------------------------------------------------------
# the new record kinds


def _json_only(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_only(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_only(v) for v in value)
    return value is None or isinstance(value, (str, int, bool))


@pytest.mark.parametrize("attr", NEW_KINDS)
def test_every_record_round_trips(kb: KnowledgeBase, attr: str) -> None:
    for record in getattr(kb, attr):
        data = to_dict(record)
        assert _json_only(data)
        back = from_dict(type(record), json.loads(json.dumps(data)))
        assert back == record
        assert hash(back) == hash(record)


CITATION = (Citation(source="onet-29-3", locator="Skills.txt"),)
scales = st.sampled_from(["IM", "LV", "RL", "OI"])
categories = st.none() | st.integers(min_value=0, max_value=12)
values = st.decimals(allow_nan=False, allow_infinity=False, places=2).filter(
    lambda d: abs(d) < 1000
)
month = Period(start=dt.date(2022, 8, 1), end=dt.date(2022, 8, 31), label="08/2022")


def descriptor(ratings: tuple[Rating, ...]) -> Descriptor:
    return Descriptor(
        id="skill-x",
        name="X",
        summary="A test descriptor.",
        citations=CITATION,
        domain=DescriptorDomain.SKILL,
        element_id="2.A.1.a",
        ratings=ratings,
    )


@given(st.lists(st.tuples(scales, categories, values), min_size=1, max_size=8))
def test_ratings_are_found_by_scale_and_category(
    rows: list[tuple[str, int | None, Decimal]],
) -> None:
    ratings = tuple(
        Rating(scale=s, category=c, value=v, date=month) for s, c, v in rows
    )
    keys = [(s, c) for s, c, _ in rows]
    if len(set(keys)) != len(keys):
        with pytest.raises(ValueError, match="repeat a scale and category"):
            descriptor(ratings)
        return
    record = descriptor(ratings)
    for rating in ratings:
        assert record.rating(rating.scale, rating.category) is rating
        assert record.rating(rating.scale.lower(), rating.category) is rating
    assert record.rating("XX") is None
    plain = {s: r for r in ratings for s in [r.scale] if r.category is None}
    for scale in {r.scale for r in ratings}:
        if scale in plain:
            assert record.rating(scale) is plain[scale]
        else:  # only categories are rated on this scale: say which
            with pytest.raises(ValueError, match="rates categories of this"):
                record.rating(scale)
    im = plain.get("IM")
    assert record.importance == (None if im is None else im.value)
    lv = plain.get("LV")
    assert record.level == (None if lv is None else lv.value)


@given(
    st.lists(
        st.tuples(scales, values), min_size=1, max_size=4, unique_by=lambda t: t[0]
    )
)
def test_descriptors_round_trip_with_exact_values(
    rows: list[tuple[str, Decimal]],
) -> None:
    record = descriptor(tuple(Rating(scale=s, value=v) for s, v in rows))
    data = to_dict(record)
    assert [r["value"] for r in data["ratings"]] == [str(v) for _, v in rows]
    assert from_dict(Descriptor, json.loads(json.dumps(data))) == record


def test_a_rating_is_asked_for_by_a_scale_string_and_an_int_category() -> None:
    education = hsm_knowledge.load().descriptors[
        "education-training-experience-required-level-of-education"
    ]
    assert education.rating("RL", 6) is not None
    assert education.rating("RL", 6.0) is education.rating("RL", 6)
    # a category written as text would find nothing: it is refused instead
    with pytest.raises(TypeError, match=r"category is a finite number .* not str '6'"):
        education.rating("RL", "6")  # type: ignore[arg-type]
    # any real number equal to the category finds it, as filter() finds it
    assert education.rating("RL", Decimal(6)) is education.rating("RL", 6)
    for odd in (True, Decimal("sNaN"), float("inf"), 6j):
        with pytest.raises(TypeError, match="category is a finite number"):
            education.rating("RL", odd)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="scale is an O"):
        education.rating(3)  # type: ignore[arg-type]


def test_descriptors_need_ratings() -> None:
    with pytest.raises(ValueError, match="at least one rating"):
        descriptor(())


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"value": Decimal("99")},
            "value",
            r"value 99 is outside the scale \(0 to 7\)",
        ),
        ({"scale_maximum": None, "value": Decimal("-1")}, "value", "at least 0"),
        ({"scale_maximum": Decimal("-1")}, "scale_maximum", "below its minimum 0"),
        ({"n": Decimal("-8")}, "n", r"n cannot be negative \(-8\)"),
        ({"standard_error": Decimal("-0.1")}, "standard_error", "cannot be negative"),
        (
            {"lower_ci_bound": Decimal("4.37"), "upper_ci_bound": Decimal("3.88")},
            "upper_ci_bound",
            "upper confidence bound 3.88 is below the lower one 4.37",
        ),
    ],
)
def test_a_rating_holds_together(
    fields: dict[str, Any], field: str, message: str
) -> None:
    level = Rating(
        scale="LV",
        scale_minimum=Decimal("0"),
        scale_maximum=Decimal("7"),
        value=Decimal("4.12"),
        n=Decimal("8"),
        standard_error=Decimal("0.125"),
        lower_ci_bound=Decimal("3.88"),
        upper_ci_bound=Decimal("4.37"),
    )
    with pytest.raises(ValueError, match=message):
        attrs.evolve(level, **fields)
    # O*NET's "no high point" is 0 on a high-point scale that runs from 1
    high_point = Rating(
        scale="VH",
        scale_minimum=Decimal("1"),
        scale_maximum=Decimal("6"),
        value=Decimal("0.00"),
    )
    assert high_point.value == 0
    with pytest.raises(ValueError, match="outside the scale"):
        attrs.evolve(high_point, value=Decimal("-1"))
    # a document with such a rating is refused at the field at fault
    document = packaged_document()
    rating = document["descriptors"][0]["ratings"][1]
    rating.update(to_dict(attrs.evolve(level, scale=rating["scale"])))
    for name, value in fields.items():
        rating[name] = None if value is None else str(value)
    with pytest.raises(hsm_knowledge.DataError) as info:
        hsm_knowledge.loads(json.dumps(document))
    assert [p.path for p in info.value.problems] == [
        f"$.descriptors[0].ratings[1].{field}"
    ]


@given(st.integers(min_value=-3, max_value=9))
def test_job_zones_run_from_one_to_five(zone: int) -> None:
    def make() -> JobZone:
        return JobZone(
            id="job-zone-x", name="Zone", summary="s", citations=CITATION, zone=zone
        )

    if 1 <= zone <= 5:
        assert make().zone == zone
    else:
        with pytest.raises(ValueError, match="zone"):
            make()


def test_title_sources_do_not_repeat() -> None:
    with pytest.raises(ValueError, match="title_sources"):
        JobTitle(
            id="t",
            name="T",
            summary="s",
            citations=CITATION,
            title_sources=(TitleSource.ALTERNATE, TitleSource.ALTERNATE),
        )


def test_wire_format_rejects_a_rating_number_written_as_a_number() -> None:
    document = packaged_document()
    document["descriptors"][0]["ratings"][0]["value"] = 4.12
    with pytest.raises(hsm_knowledge.DataError) as info:
        hsm_knowledge.loads(json.dumps(document))
    assert "$.descriptors[0].ratings[0].value" in str(info.value)


def test_evolving_a_new_kind_checks_integrity(kb: KnowledgeBase) -> None:
    duplicate = [*kb.tasks, kb.tasks["onet-46"]]
    with pytest.raises(hsm_knowledge.DataError, match=r"\$\.tasks\[18\]\.id"):
        attrs.evolve(kb, tasks=duplicate)


def test_documents_without_the_new_kinds_still_load() -> None:
    document = packaged_document()
    for attr in (
        "tasks",
        "descriptors",
        "technology_skills",
        "tools",
        "related_occupations",
        "job_zones",
        "entry_requirements",
    ):
        del document[attr]
    document["meta"].pop("source_vintages")
    document["relations"] = [
        r
        for r in document["relations"]
        if not r["subject"].startswith(
            ("task:", "descriptor:", "technology-skill:", "related-occupation:")
        )
    ]
    kb = hsm_knowledge.loads(json.dumps(document))
    assert len(kb.tasks) == 0
    assert kb.tasks.kind == "task"
    assert kb.meta.source_vintages == ()
