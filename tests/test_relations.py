"""related() and relations_of(): the graph between records."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import (
    AnyRecord,
    Basis,
    Citation,
    KnowledgeBase,
    Relation,
    RelationType,
    Skill,
    WorkSetting,
)

KB = hsm_knowledge.load()


def refs(records: tuple[AnyRecord, ...]) -> list[str]:
    return [f"{type(r).kind}:{r.id}" for r in records]


def all_records(kb: KnowledgeBase) -> list[AnyRecord]:
    out: list[AnyRecord] = [kb.occupation]
    for kind in hsm_knowledge.KINDS:
        out.extend(getattr(kb, kind.attr))
    return out


def test_what_a_health_informatics_specialization_needs(kb: KnowledgeBase) -> None:
    informatics = kb.specializations["health-informatics"]
    skills: tuple[Skill, ...] = kb.related(informatics, Skill)
    assert [s.id for s in skills] == [
        "healthcare-technology",
        "analytical-problem-solving",
    ]
    settings = kb.related(informatics, "work-setting")
    assert refs(settings) == ["work-setting:hospital", "work-setting:clinic"]


def test_long_term_care_is_practised_in_its_facilities(kb: KnowledgeBase) -> None:
    ltc = kb.specializations["long-term-care-administration"]
    assert refs(kb.related(ltc)) == [
        "work-setting:long-term-care-facility",
        "credential:nha",  # the nursing home administrator licence supports it
    ]
    assert refs(kb.related(ltc, "work-setting")) == [
        "work-setting:long-term-care-facility"
    ]


def test_related_goes_both_ways(kb: KnowledgeBase) -> None:
    leadership = kb.skills["leadership"]
    found = refs(kb.related(leadership))
    assert "career-step:seek-leadership-opportunities" in found  # leadership is object
    assert "occupation:medical-and-health-services-managers" in found
    assert found == list(dict.fromkeys(found))  # each record once
    steps = kb.related("skill:leadership", kind="career-step")
    assert refs(steps) == ["career-step:seek-leadership-opportunities"]


def test_relations_of_keeps_basis_and_citations(kb: KnowledgeBase) -> None:
    edges = kb.relations_of(kb.credentials["cphrm"])
    assert [(e.subject, e.type, e.object, e.basis) for e in edges] == [
        (
            "career-step:obtain-certifications",
            RelationType.INCLUDES,
            "credential:cphrm",
            Basis.STATED,
        ),
        (
            "credential:cphrm",
            RelationType.SUPPORTS,
            "responsibility:policy-development",
            Basis.EDITORIAL,
        ),
    ]
    assert all(e.citations for e in edges)
    assert edges[1].rationale is not None
    assert "risk management" in edges[1].rationale


def test_records_without_relations(kb: KnowledgeBase) -> None:
    assert kb.relations_of(kb.sources["bls-ooh"]) == ()
    assert kb.related("organization:bls") == ()


def test_related_bad_arguments(kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="unknown kind 'skils'; did you mean 'skill'"):
        kb.related(kb.skills["leadership"], kind="skils")
    # the attribute name is another name of the kind
    assert kb.related(kb.skills["leadership"], kind="skills") == kb.related(
        kb.skills["leadership"], kind="skill"
    )
    with pytest.raises(KeyError, match="no skill with id 'nope'"):
        kb.related("skill:nope")
    with pytest.raises(ValueError, match="not a reference of the form kind:id"):
        kb.relations_of("leadership")


def test_every_record_kind_takes_part_in_some_relation(kb: KnowledgeBase) -> None:
    kinds = {
        hsm_knowledge.split_ref(end)[0]
        for r in kb.relations
        for end in (r.subject, r.object)
    }
    assert {
        "occupation",
        "responsibility",
        "specialization",
        "skill",
        "credential",
        "career-step",
        "benefit",
        "work-setting",
        "job-title",
    } <= kinds


def test_editorial_relations_cite_the_sources_of_both_ends(kb: KnowledgeBase) -> None:
    for relation in kb.relations:
        if relation.basis is not Basis.EDITORIAL:
            continue
        assert relation.rationale is not None
        assert len(relation.rationale) > 40, relation.key
        cited = {c.source for c in relation.citations}
        for end in (relation.subject, relation.object):
            own = {s.id for s in kb.sources_for(end)}
            assert cited & own, (relation.key, end)


def test_related_is_symmetric_on_the_packaged_data() -> None:
    for a in all_records(KB):
        for b in KB.related(a):
            assert a in KB.related(b)


RECORD_REFS = [f"{type(r).kind}:{r.id}" for r in all_records(KB)]
CITATION = (Citation(source="seed-article", locator="test"),)


@st.composite
def relation_graphs(draw: st.DrawFn) -> list[Relation]:
    pairs = draw(
        st.lists(
            st.tuples(
                st.sampled_from(RECORD_REFS),
                st.sampled_from(list(RelationType)),
                st.sampled_from(RECORD_REFS),
            ).filter(lambda t: t[0] != t[2]),
            max_size=25,
            unique=True,
        )
    )
    return [
        Relation(
            subject=s,
            type=t,
            object=o,
            basis=Basis.EDITORIAL,
            citations=CITATION,
            rationale="Made up for a property test.",
        )
        for s, t, o in pairs
    ]


@given(relation_graphs())
def test_related_is_symmetric(relations: list[Relation]) -> None:
    kb = attrs.evolve(KB, relations=relations)
    ends = {end for r in relations for end in (r.subject, r.object)}
    for ref in ends:
        record = kb.resolve(ref)
        linked = kb.related(record)
        for other in linked:
            assert record in kb.related(other)
        expected = {r.object for r in relations if r.subject == ref} | {
            r.subject for r in relations if r.object == ref
        }
        assert set(refs(linked)) == expected
        assert set(kb.relations_of(ref)) == {
            r for r in relations if ref in (r.subject, r.object)
        }


def test_typed_related(kb: KnowledgeBase) -> None:
    settings: tuple[WorkSetting, ...] = kb.related(
        "specialization:public-health-management", WorkSetting
    )
    assert [s.id for s in settings] == ["government-agency"]


def test_relation_helpers_read_a_reference_in_any_case(kb: KnowledgeBase) -> None:
    cmm = kb.credentials["cmm"]
    for ref in ("credential:cmm", "Credential:CMM", " credential : cmm "):
        assert kb.relations_of(ref) == kb.relations_of(cmm)
        assert kb.related(ref) == kb.related(cmm)
        assert kb.sources_for(ref) == kb.sources_for(cmm)
    with pytest.raises(ValueError, match="is not a reference of the form kind:id"):
        kb.relations_of("cmm")  # a name: lookup() first
