"""A small user script that uses every query; mypy --strict checks it.

It is listed in the mypy ``files`` of pyproject.toml, and
tests/test_typing_example.py runs it and checks that it silences the type
checker nowhere. ``assert_type`` fails the type check if a query's
result type is wrong or loses its precision.
"""

from __future__ import annotations

from decimal import Decimal

from typing_extensions import assert_type

import hsm_knowledge
from hsm_knowledge import (
    AnyRecord,
    Collection,
    Credential,
    KnowledgeBase,
    Metric,
    Relation,
    SearchHit,
    Skill,
    SkillCategory,
    Source,
    Statistic,
    StatisticCollection,
    TechnologySkill,
    WorkSetting,
)


def main() -> list[str]:
    kb: KnowledgeBase = hsm_knowledge.load()
    out: list[str] = []

    # collections
    financial = kb.skills.filter(category=SkillCategory.FINANCIAL)
    assert_type(financial, Collection[Skill])
    essential = kb.career_steps.filter(lambda step: step.essential)
    out.extend(step.name for step in essential)
    assert_type(kb.skills.ids(), tuple[str, ...])

    # lookups
    record = kb.resolve("skill:financial-management")
    assert_type(record, AnyRecord)
    if isinstance(record, Skill):
        out.append(record.category.value)
    found = kb.lookup("cphrm")
    assert_type(found, AnyRecord)
    assert_type(found.ref, str)
    out.append(found.ref)
    credential = kb.lookup("Certified Medical Manager", Credential)
    assert_type(credential, Credential)
    out.append(credential.abbreviation)
    epic = kb.lookup("Epic Systems", TechnologySkill)
    assert_type(epic, TechnologySkill)
    out.append(epic.commodity_title)
    try:
        kb.lookup("Leadership")
    except hsm_knowledge.AmbiguousLookupError as error:
        assert_type(error.candidates, tuple[AnyRecord, ...])
        assert_type(error.text, str)
        out.extend(candidate.ref for candidate in error.candidates)

    # ranked search
    hits = kb.search("budget", kinds=["skill", "responsibility"], limit=5)
    assert_type(hits, tuple[SearchHit, ...])
    for hit in hits:
        assert_type(hit.score, int)
        assert_type(hit.record, AnyRecord)
        out.append(f"{hit.kind}:{hit.record.id} ({hit.field})")
        assert_type(hit.ref, str)
    for record, score, kind, field in kb.search("Epic", limit=1):
        assert_type(record, AnyRecord)
        assert_type(score, int)
        out.append(f"{kind}:{record.id} {score} ({field})")

    # relations
    informatics = kb.specializations["health-informatics"]
    skills = kb.related(informatics, Skill)
    assert_type(skills, tuple[Skill, ...])
    out.extend(skill.category.value for skill in skills)
    settings = kb.related("specialization:public-health-management", WorkSetting)
    assert_type(settings, tuple[WorkSetting, ...])
    anything = kb.related(informatics)
    assert_type(anything, tuple[AnyRecord, ...])
    edges = kb.relations_of(informatics)
    assert_type(edges, tuple[Relation, ...])
    out.extend(edge.basis.value for edge in edges)

    # outlook
    assert_type(kb.statistics, StatisticCollection)
    series = kb.statistics.series(Metric.MEDIAN_ANNUAL_WAGE)
    assert_type(series, tuple[Statistic, ...])
    out.extend(f"{figure.period}: {figure.value}" for figure in series)
    hospitals = kb.statistics.series(
        Metric.MEAN_ANNUAL_WAGE, industry="General Medical and Surgical Hospitals"
    )
    out.extend(f"{figure.industry}: {figure.value}" for figure in hospitals)
    latest = kb.statistics.latest("median-annual-wage")
    assert_type(latest, Statistic | None)
    if latest is not None:
        value: Decimal = latest.value
        out.append(f"{value} {latest.currency} ({latest.period}, {latest.edition})")

        # provenance
        sources = kb.sources_for(latest)
        assert_type(sources, tuple[Source, ...])
        out.extend(source.title for source in sources)

    # codes
    named = hsm_knowledge.names_occupation("11-9111", system="soc-2018")
    assert_type(named, bool)
    soc = kb.occupation.code("soc-2018")
    if soc is not None:
        out.append(soc.value)
    out.extend(code.value for code in kb.occupation.codes_in("esco"))
    return out


if __name__ == "__main__":
    print("\n".join(main()))
