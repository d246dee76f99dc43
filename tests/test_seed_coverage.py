"""Every fact of the seed article, reached through the public API.

The article is ``shared/seed/000_129b87d1b67f9ca6.txt`` ("How To Become a
Health Services Manager"). Each test names the section it checks.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hsm_knowledge import (
    BenefitKind,
    CodeSystem,
    CredentialCategory,
    KnowledgeBase,
    Metric,
    Provenance,
    Relation,
    RelationType,
    Seniority,
    SkillCategory,
    SourceType,
    Unit,
)


def cites_seed(record: object, section: str) -> bool:
    return any(
        c.source == "seed-article" and c.locator == section
        for c in record.citations  # type: ignore[attr-defined]
    )


def edges(kb: KnowledgeBase, subject: str, type_: RelationType) -> set[str]:
    return {r.object for r in kb.relations if r.subject == subject and r.type is type_}


def test_occupation_and_codes(kb: KnowledgeBase) -> None:
    occupation = kb.occupation
    assert occupation.name == "Medical and Health Services Managers"
    assert occupation.code(CodeSystem.SOC_2018).value == "11-9111"
    assert occupation.code("onet-soc").value == "11-9111.00"
    assert occupation.code(CodeSystem.ISCO_08).value == "1342"
    assert "Health services manager" in occupation.aliases


def test_definition_and_kinds_of_facilities(kb: KnowledgeBase) -> None:
    # "What Is Healthcare Service Management?": administrative oversight of
    # facilities ranging from hospitals and clinics to long-term care centers
    # and private practices; efficient, effective, compliant operation.
    occupation = kb.occupation
    assert cites_seed(occupation, "What Is Healthcare Service Management?")
    summary = occupation.summary.lower()
    for words in ("administrative", "efficiently", "regulations", "quality care"):
        assert words in summary
    facilities = [kb.work_settings[ref].name for ref in occupation.facility_types]
    assert facilities == [
        "Hospitals",
        "Clinics",
        "Long-term care facilities",
        "Private practices",
    ]
    notes = " ".join(occupation.notes).lower()
    # collaborators and aims; knowledge needed; more complex industry
    for words in (
        "medical professionals, stakeholders and staff",
        "manage budgets",
        "develop policies",
        "strategic initiatives",
        "healthcare regulations, best practices and fiscal management",
        "more complex",
        "further tasks as required",
    ):
        assert words in notes


def test_five_responsibilities(kb: KnowledgeBase) -> None:
    assert [r.name for r in kb.responsibilities] == [
        "Operational management",
        "Financial management",
        "Human resources",
        "Policy development",
        "Strategic planning",
    ]
    for r in kb.responsibilities:
        assert cites_seed(r, "Responsibilities of Medical and Health Service Managers")
    duties = {r.id: " ".join(r.duties).lower() for r in kb.responsibilities}
    assert "healthcare information system" in duties["operational-management"]
    assert "patient records" in duties["operational-management"]
    for word in ("budgeting", "financial planning", "billing", "expenses and revenue"):
        assert word in duties["financial-management"]
    for word in ("staffing", "recruitment", "performance evaluations", "training"):
        assert word in duties["human-resources"]
    for word in ("policies", "safety standards", "quality assurance"):
        assert word in duties["policy-development"]
    assert "patient outcomes" in duties["strategic-planning"]
    assert "operational efficiency" in duties["strategic-planning"]
    assert "HR" in kb.responsibilities["human-resources"].aliases


def test_four_specializations(kb: KnowledgeBase) -> None:
    assert [s.name for s in kb.specializations] == [
        "Hospital administration",
        "Health informatics",
        "Public health management",
        "Long-term care administration",
    ]
    focus = {s.id: s.focus for s in kb.specializations}
    assert focus["hospital-administration"] == ("Hospitals", "Medical centers")
    assert "Electronic health records" in focus["health-informatics"]
    assert "Community outreach" in focus["public-health-management"]
    assert "Nursing homes" in focus["long-term-care-administration"]
    assert "Assisted living facilities" in focus["long-term-care-administration"]
    assert edges(
        kb, "specialization:long-term-care-administration", RelationType.PRACTISED_IN
    ) == {"work-setting:long-term-care-facility"}


def test_four_steps_in_order(kb: KnowledgeBase) -> None:
    steps = list(kb.career_steps)
    assert [(s.order, s.id) for s in steps] == [
        (1, "obtain-a-degree"),
        (2, "gain-work-experience"),
        (3, "obtain-certifications"),
        (4, "seek-leadership-opportunities"),
    ]
    # "Earning a degree and gaining experience ... are essential steps"
    assert [s.essential for s in steps] == [True, True, False, False]
    degree = kb.career_steps["obtain-a-degree"]
    assert "Master of Business Administration (MBA)" in degree.options
    assert "organizational behavior" in degree.summary
    assert kb.career_steps["gain-work-experience"].options == (
        "Internships",
        "Entry-level positions",
        "Volunteering",
    )
    assert "professional network" in kb.career_steps["gain-work-experience"].summary
    assert edges(kb, "career-step:obtain-certifications", RelationType.INCLUDES) == {
        "credential:cphrm",
        "credential:cmm",
    }
    assert "skill:leadership" in edges(
        kb, "career-step:seek-leadership-opportunities", RelationType.DEVELOPS
    )


def test_both_certifications_with_issuers(kb: KnowledgeBase) -> None:
    cphrm = kb.credentials["cphrm"]
    assert cphrm.name == "Certified Professional in Health Care Risk Management"
    assert cphrm.abbreviation == "CPHRM"
    assert cphrm.category is CredentialCategory.CERTIFICATION
    issuer = kb.organizations[cphrm.issuer]
    # FACTS.md: issued by the AHA Certification Center, a division of the AHA.
    assert issuer.name == "AHA Certification Center"
    assert kb.organizations[issuer.parent].name == "American Hospital Association"

    cmm = kb.credentials["cmm"]
    assert cmm.name == "Certified Medical Manager"
    assert cmm.abbreviation == "CMM"
    pahcom = kb.organizations[cmm.issuer]
    assert pahcom.abbreviation == "PAHCOM"
    assert pahcom.name == "Professional Association of Health Care Office Management"


def test_three_benefits_and_employer_benefits(kb: KnowledgeBase) -> None:
    career = [b.name for b in kb.benefits if b.type is BenefitKind.CAREER]
    assert career == [
        "Rewarding career",
        "Diverse opportunities",
        "Competitive compensation",
    ]
    employer = [b.name for b in kb.benefits if b.type is BenefitKind.EMPLOYER]
    assert employer == ["Flexible schedules", "Retirement plans", "Bonuses"]
    settings = {
        r.subject
        for r in kb.relations
        if r.object == "benefit:diverse-opportunities"
        and r.type is RelationType.ILLUSTRATES
    }
    assert settings == {
        "work-setting:hospital",
        "work-setting:clinic",
        "work-setting:government-agency",
        "work-setting:private-practice",
    }


def test_work_settings(kb: KnowledgeBase) -> None:
    assert kb.work_settings.ids() == (
        "hospital",
        "clinic",
        "long-term-care-facility",
        "private-practice",
        "government-agency",
        "group-medical-practice",  # the BLS handbook's, not the seed's
    )
    bls = {"bls-ooh-2023-33", "bls-ooh-2022-32"}
    for setting in ("hospital", "long-term-care-facility", "group-medical-practice"):
        cited = {c.source for c in kb.work_settings[setting].citations}
        assert bls <= cited, setting
    ltc = kb.work_settings["long-term-care-facility"].aliases
    assert "nursing homes" in ltc
    assert "assisted living facilities" in ltc
    assert "medical centers" in kb.work_settings["hospital"].aliases


def test_in_demand_skills(kb: KnowledgeBase) -> None:
    skills = {s.id: s for s in kb.skills}
    assert list(skills) == [
        "leadership",
        "analytical-problem-solving",
        "financial-management",
        "healthcare-policy-and-regulation",
        "healthcare-technology",
        "proactive-adaptive-attitude",
    ]
    assert skills["leadership"].category is SkillCategory.LEADERSHIP
    assert "Resolving conflicts" in skills["leadership"].components
    assert skills["financial-management"].category is SkillCategory.FINANCIAL
    assert skills["financial-management"].components == (
        "Budgeting",
        "Financial analysis",
        "Resource allocation",
    )
    assert skills["healthcare-policy-and-regulation"].category is (
        SkillCategory.REGULATORY
    )
    assert "Compliance requirements" in (
        skills["healthcare-policy-and-regulation"].components
    )
    tech = skills["healthcare-technology"]
    assert tech.components == ("Healthcare technology", "Modern management practices")
    attitude = skills["proactive-adaptive-attitude"]
    assert "Thriving in highly adaptive environments" in attitude.components
    assert "Creative problem-solving" in attitude.components
    for skill in skills.values():
        assert cites_seed(skill, "In-Demand Skills for Health Service Managers")


def test_outlook_figures(kb: KnowledgeBase) -> None:
    wage = kb.statistics["median-annual-wage-2021"]
    assert wage.metric is Metric.MEDIAN_ANNUAL_WAGE
    assert wage.value == Decimal("101340")
    assert (wage.unit, wage.currency, wage.geography) == (
        Unit.CURRENCY_PER_YEAR,
        "USD",
        "US",
    )
    assert (wage.period.start, wage.period.end) == (
        dt.date(2021, 1, 1),
        dt.date(2021, 12, 31),
    )
    growth = kb.statistics["projected-employment-change-percent-2021-2031"]
    assert growth.metric is Metric.PROJECTED_EMPLOYMENT_CHANGE_PERCENT
    assert growth.value == Decimal("28")
    assert growth.unit is Unit.PERCENT
    assert growth.currency is None
    assert (growth.period.start.year, growth.period.end.year) == (2021, 2031)
    for figure in (wage, growth):
        # No BLS copy of that edition was found: both are second-hand.
        assert figure.provenance is Provenance.SECONDARY
        assert cites_seed(figure, "Health Services Manager Salary and Job Outlook")
    # "According to the Bureau of Labor Statistics, employment ... is
    # projected to grow by 28 percent"; the salary sentence names no source
    assert growth.attributed_to == "bls"
    assert wage.attributed_to is None


def test_higher_level_positions_earn_more(kb: KnowledgeBase) -> None:
    title = kb.job_titles["executive-director-of-healthcare-services"]
    assert title.seniority is Seniority.EXECUTIVE
    assert "significantly more" in title.summary
    assert any(
        r.subject == title.ref and r.object == "benefit:competitive-compensation"
        for r in kb.relations
    )


def test_three_references_as_sources(kb: KnowledgeBase) -> None:
    expected = {
        "aha-cphrm": (
            "Certified Professional in Health Care Risk Management (CPHRM)",
            "American Hospital Association",
        ),
        "pahcom-cmm": (
            "Certified Medical Manager | CMM",
            "Professional Association of Health Care Office Management",
        ),
        "bls-ooh": (
            "Medical and Health Services Managers: Occupational Outlook Handbook",
            "U.S. Bureau of Labor Statistics",
        ),
    }
    for source_id, (title, publisher) in expected.items():
        source = kb.sources[source_id]
        assert source.title == title
        assert kb.organizations[source.publisher].name == publisher
    seed = kb.sources["seed-article"]
    assert seed.title == "How To Become a Health Services Manager"
    assert seed.type is SourceType.ARTICLE


@pytest.mark.parametrize(
    "attr",
    [
        "responsibilities",
        "specializations",
        "skills",
        "credentials",
        "career_steps",
        "benefits",
        "work_settings",
        "job_titles",
    ],
)
def test_every_seed_kind_cites_the_article(kb: KnowledgeBase, attr: str) -> None:
    records = list(getattr(kb, attr))
    # Credentials and job titles were added from other sources too (O*NET,
    # the credentialing bodies); the seed's own ones must still cite it.
    if attr == "credentials":
        records = [kb.credentials["cphrm"], kb.credentials["cmm"]]
    elif attr == "job_titles":
        records = [t for t in kb.job_titles if not t.title_sources]
        assert [t.id for t in records] == ["executive-director-of-healthcare-services"]
    elif attr == "work_settings":  # the BLS handbook adds group practices
        records = [s for s in records if s.id != "group-medical-practice"]
    for record in records:
        assert any(c.source == "seed-article" for c in record.citations), record.id


def test_relations_are_typed(kb: KnowledgeBase) -> None:
    assert all(isinstance(r, Relation) for r in kb.relations)
