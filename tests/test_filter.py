"""Collection.filter: keyword filters on fields, predicates, indexes."""

from __future__ import annotations

import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import (
    KINDS,
    Collection,
    CredentialCategory,
    KnowledgeBase,
    Skill,
    SkillCategory,
)

KB = hsm_knowledge.load()


def test_filter_by_enum_member_or_value(kb: KnowledgeBase) -> None:
    financial = kb.skills.filter(category=SkillCategory.FINANCIAL)
    assert financial.ids() == ("financial-management",)
    assert kb.skills.filter(category="financial") == financial
    assert isinstance(financial, Collection)
    assert financial.kind == "skill"
    assert financial["financial-management"] is kb.skills["financial-management"]


def test_filter_keeps_data_order_and_type(kb: KnowledgeBase) -> None:
    certifications = kb.credentials.filter(category=CredentialCategory.CERTIFICATION)
    assert certifications.ids() == (
        "cphrm",
        "cmm",
        "cmpe",
        "chfp",
        "cphq",
        "rhia",
        "chc",
    )
    assert kb.credentials.filter(category="license").ids() == ("nha",)
    hot = kb.technology_skills.filter(hot_technology=True, in_demand=True)
    assert hot.ids() == tuple(
        t.id for t in kb.technology_skills if t.hot_technology and t.in_demand
    )
    assert "epic-systems" in kb.technology_skills.filter(hot_technology=True)
    steps = kb.career_steps.filter(lambda step: step.order % 2 == 0)
    assert steps.ids() == ("gain-work-experience", "seek-leadership-opportunities")
    figures = kb.statistics.filter(geography="US")
    assert isinstance(figures, hsm_knowledge.StatisticCollection)
    assert figures.ids() == kb.statistics.ids()


def test_filter_combines_keywords_and_predicate(kb: KnowledgeBase) -> None:
    found = kb.career_steps.filter(lambda s: "degree" in s.name.lower(), essential=True)
    assert found.ids() == ("obtain-a-degree",)
    assert kb.career_steps.filter(essential=True, order=2).ids() == (
        "gain-work-experience",
    )
    assert kb.career_steps.filter(essential=False, order=2).ids() == ()


def test_filter_without_arguments_returns_everything(kb: KnowledgeBase) -> None:
    assert kb.skills.filter() == kb.skills


def test_filter_on_optional_fields_and_none(kb: KnowledgeBase) -> None:
    assert kb.organizations.filter(parent="aha").ids() == ("aha-certification-center",)
    no_parent = kb.organizations.filter(parent=None)
    assert "aha" in no_parent
    assert "aha-certification-center" not in no_parent
    assert kb.job_titles.filter(seniority="executive").ids() == (
        "executive-director-of-healthcare-services",
    )


def test_unknown_field_is_a_clear_error(kb: KnowledgeBase) -> None:
    with pytest.raises(
        TypeError, match=r"skill records have no field 'colour'; fields: id"
    ):
        kb.skills.filter(colour="red")


def test_a_predicate_that_is_not_a_function_is_a_clear_error(
    kb: KnowledgeBase,
) -> None:
    # before any record is read, with the way to do what was likely meant
    with pytest.raises(TypeError, match=r"index the collection: \['leadership'\]$"):
        kb.skills.filter("leadership")
    with pytest.raises(TypeError, match=r"^filter\(\) takes a function .*got int 3$"):
        kb.skills.filter(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got str"):
        kb.skills.filter("leadership", category="leadership")  # type: ignore[arg-type]


def test_bad_enum_value_is_a_clear_error(kb: KnowledgeBase) -> None:
    with pytest.raises(
        ValueError,
        match=r"category='finance' is not a SkillCategory; did you mean "
        r"'financial'\?; expected one of 'leadership', 'analytical', 'financial'",
    ):
        kb.skills.filter(category="finance")
    # as series() does: the enum's value for a member's name
    with pytest.raises(ValueError, match="did you mean 'median-annual-wage'"):
        kb.statistics.filter(metric="MEDIAN_ANNUAL_WAGE")
    with pytest.raises(TypeError, match=r"latest\(\) takes the metric as its first"):
        kb.statistics.latest("employment", metric="employment")


def test_a_collection_of_several_classes_is_filtered_by_predicate(
    kb: KnowledgeBase,
) -> None:
    mixed = hsm_knowledge.Collection([kb.skills["leadership"], kb.credentials["cmm"]])
    with pytest.raises(TypeError, match=r"several classes \(Credential, Skill\)"):
        mixed.filter(category="certification")
    assert mixed.filter(lambda record: record.id == "cmm").ids() == ("cmm",)


def test_a_collection_is_indexed_by_id_only(kb: KnowledgeBase) -> None:
    with pytest.raises(TypeError, match=r"indexed by record id .*, not int"):
        kb.skills[0]  # type: ignore[index]
    with pytest.raises(KeyError, match="no skill with id 'nope'"):
        kb.skills["nope"]
    assert kb.skills.get(0) is None  # type: ignore[call-overload]


@attrs.frozen
class _Tagged:  # a user's record class, with a field no index can hold
    id: str
    tags: list[str]


def test_unhashable_value_falls_back_to_a_scan(kb: KnowledgeBase) -> None:
    leadership = kb.skills["leadership"]
    assert kb.skills.filter(aliases=leadership.aliases).ids() == ("leadership",)
    tagged = Collection([_Tagged(id="a", tags=["x"]), _Tagged(id="b", tags=["y"])])
    assert tagged.filter(tags=["y"]).ids() == ("b",)
    assert tagged.filter(tags=("y",)).ids() == ()  # no type test for list[str]


def test_repeated_filters_return_the_cached_bucket(kb: KnowledgeBase) -> None:
    first = kb.skills.filter(category="leadership")
    assert kb.skills.filter(category=SkillCategory.LEADERSHIP) is first


def test_filter_leaves_the_collection_unchanged_and_picklable(
    kb: KnowledgeBase,
) -> None:
    before = list(kb.skills)
    kb.skills.filter(category="financial")
    assert list(kb.skills) == before
    again = pickle.loads(pickle.dumps(kb.skills))
    assert again == kb.skills
    assert again.filter(category="financial").ids() == ("financial-management",)
    with pytest.raises(AttributeError):
        kb.skills._indexes = {}  # type: ignore[misc]


def test_filter_on_a_plain_collection_uses_the_record_class() -> None:
    plain = Collection(KB.skills)  # kind "record": fields come from the records
    assert plain.filter(category="financial").ids() == ("financial-management",)
    with pytest.raises(TypeError, match="no field 'nope'"):
        plain.filter(nope=1)
    assert Collection(()).filter(anything=1) == Collection(())


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_field_value_filters_like_a_scan(kind: hsm_knowledge.Kind) -> None:
    collection: Collection[object] = getattr(KB, kind.attr)
    for field in attrs.fields(kind.cls):
        values = {getattr(record, field.name) for record in collection}
        for value in values:
            expected = [r for r in collection if getattr(r, field.name) == value]
            assert list(collection.filter(**{field.name: value})) == expected


@given(
    chosen=st.sets(st.sampled_from(KB.skills.ids())),
    category=st.none() | st.sampled_from(list(SkillCategory)),
)
def test_filter_never_returns_a_record_failing_its_predicate(
    chosen: set[str], category: SkillCategory | None
) -> None:
    def predicate(skill: Skill) -> bool:
        return skill.id in chosen

    keywords = {} if category is None else {"category": category}
    found = KB.skills.filter(predicate, **keywords)
    for skill in found:
        assert predicate(skill)
        assert category is None or skill.category is category
    expected = [
        s
        for s in KB.skills
        if s.id in chosen and (category is None or s.category is category)
    ]
    assert list(found) == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            lambda: KB.career_steps.filter(order="1"),
            "order='1' can never match: a career-step record's order is an int",
        ),
        (
            lambda: KB.career_steps.filter(essential="true"),
            "essential='true' can never match: a career-step record's essential "
            "is a bool",
        ),
        (
            lambda: KB.skills.filter(category=None),
            "category=None can never match: a skill record's category is a "
            "SkillCategory",
        ),
        (
            lambda: KB.skills.filter(aliases=["Budgeting"]),
            "aliases=['Budgeting'] can never match: a skill record's aliases is a "
            "tuple of str",
        ),
        (
            lambda: KB.statistics.latest("annual-wage-percentile", percentile="90"),
            "percentile='90' can never match: a statistic record's percentile is "
            "an int or None",
        ),
        (
            lambda: KB.statistics.series("median-annual-wage", value="110680"),
            "value='110680' can never match: a statistic record's value is a Decimal",
        ),
    ],
)
def test_a_value_no_record_can_hold_is_an_error_not_an_empty_result(
    query: object, message: str
) -> None:
    with pytest.raises(TypeError) as caught:
        query()  # type: ignore[operator]
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_model_field_has_a_type_test(kind: hsm_knowledge.Kind) -> None:
    # a field whose type had no test would accept anything, silently
    from hsm_knowledge._model._base import query_test

    for field in attrs.fields(kind.cls):
        assert query_test(kind.cls, field.name)[1] != "any value", field.name


def test_a_collection_built_directly_keeps_a_repeated_id_but_looks_up_the_first() -> (
    None
):
    first = KB.skills["leadership"]
    second = attrs.evolve(first, name="Another name")
    both = Collection([first, second], kind="skill")
    assert len(both) == 2
    assert list(both) == [first, second]
    assert both["leadership"] is first
    assert both.ids() == ("leadership",)
    with pytest.raises(hsm_knowledge.DataError, match="duplicate skill id"):
        attrs.evolve(KB, skills=[*KB.skills, second])


def test_numbers_filter_across_their_types(kb: KnowledgeBase) -> None:
    # a value equal to the field's is found whatever its numeric type, and
    # whether or not an earlier filter built the field's index
    fresh = attrs.evolve(kb)
    wage = fresh.statistics.filter(value=101340).ids()
    assert wage == fresh.statistics.filter(value=Decimal("101340")).ids()
    assert wage == ("median-annual-wage-2021",)
    assert fresh.statistics.filter(percentile=90.0).ids() == (
        fresh.statistics.filter(percentile=90).ids()
    )
    assert fresh.career_steps.filter(essential=1).ids() == (
        "obtain-a-degree",
        "gain-work-experience",
    )
    with pytest.raises(TypeError, match=r"^value='101340' can never match: a stat"):
        fresh.statistics.filter(value="101340")
    with pytest.raises(TypeError, match=r"can never match: an organization record's"):
        fresh.organizations.filter(parent=3)


def test_a_float_finds_the_decimal_it_is_written_as(kb: KnowledgeBase) -> None:
    # 50.40 as a float is a binary fraction that equals no decimal in the
    # data; the filter reads it as written, as an index lookup or a scan
    for statistics in (attrs.evolve(kb).statistics, kb.statistics):
        assert statistics.filter(value=50.40).ids() == (
            "median-hourly-wage-ooh-2022-32",
        )
        assert statistics.filter(value=50.40) == statistics.filter(
            value=Decimal("50.40")
        )
        assert statistics.filter(value=101340.0).ids() == ("median-annual-wage-2021",)
        assert statistics.filter(value=float("nan")).ids() == ()


class _Float(float):
    """A float of another type (as numpy's are), with its own repr."""

    def __repr__(self) -> str:
        return f"_Float({float.__repr__(self)})"


def test_a_float_filter_gives_one_answer_cached_or_not(kb: KnowledgeBase) -> None:
    # a whole number is read exactly, whether or not the field's index is
    # built yet; a float of another type is read as a float is
    wage = kb.statistics["median-annual-wage-2021"]
    big = hsm_knowledge.StatisticCollection(
        [attrs.evolve(wage, id="big", value=Decimal(2**60))]
    )
    answers = [big.filter(value=float(2**60)).ids()]
    big.filter(value=Decimal(2**60))  # builds the index
    answers.append(big.filter(value=float(2**60)).ids())
    assert answers == [("big",), ("big",)]
    fresh = attrs.evolve(kb).statistics
    assert fresh.filter(value=_Float(53.21)).ids() == (
        "median-hourly-wage-ooh-2023-33",
    )
    assert fresh.filter(value=_Float(53.21)) == fresh.filter(value=53.21)


def test_every_figure_is_found_by_its_float() -> None:
    # a decimal of up to 15 significant digits survives the trip through a
    # float, so a program that read the figure as a float finds the record
    for statistic in KB.statistics:
        if len(statistic.value.as_tuple().digits) > 15:
            continue
        found = KB.statistics.filter(value=float(statistic.value))
        assert statistic in found
        assert all(other.value == statistic.value for other in found)


def test_any_number_filters_as_an_index_would_find_it(kb: KnowledgeBase) -> None:
    # Decimal(1) equals the int 1: the first call (a scan) and later ones
    # (the index) agree
    from fractions import Fraction

    fresh = attrs.evolve(kb)
    first = fresh.career_steps.filter(order=Decimal(1)).ids()
    fresh.career_steps.filter(order=1)
    assert fresh.career_steps.filter(order=Decimal(1)).ids() == first
    assert first == ("obtain-a-degree",)
    assert fresh.statistics.filter(value=Fraction(252, 5)).ids() == (
        "median-hourly-wage-ooh-2022-32",
    )


def test_a_nan_or_a_complex_number_finds_nothing_without_crashing(
    kb: KnowledgeBase,
) -> None:
    fresh = attrs.evolve(kb)
    for nan in (Decimal("sNaN"), Decimal("NaN"), float("nan")):
        assert fresh.statistics.filter(value=nan).ids() == ()
        assert fresh.career_steps.filter(order=nan).ids() == ()
    with pytest.raises(TypeError, match="can never match"):
        fresh.statistics.filter(value=1.41 + 0j)
    # also once the field's index is built (attrs.evolve shares the
    # collections: a new knowledge base is loaded for this)
    from hsm_knowledge.serialize import to_json

    steps = hsm_knowledge.loads(to_json(kb)).career_steps
    steps.filter(order=1)
    with pytest.raises(TypeError, match="can never match"):
        steps.filter(order=1 + 0j)


def test_the_indexed_path_refuses_what_the_first_call_refuses(
    kb: KnowledgeBase,
) -> None:
    # a value equal to an indexed one but of a type the field never holds
    from collections import UserString

    from hsm_knowledge.serialize import to_json

    skills = hsm_knowledge.loads(to_json(kb)).skills
    assert skills.filter(id="leadership").ids() == ("leadership",)
    with pytest.raises(TypeError, match="can never match"):
        skills.filter(id=UserString("leadership"))  # type: ignore[arg-type]
    # an enum field still takes its values as strings, cached or not
    assert skills.filter(category="financial") is skills.filter(category="financial")


@attrs.frozen
class _Course:
    id: str
    level: int


def test_a_users_kind_is_filtered_from_its_index_too() -> None:
    courses = Collection([_Course(f"c{i}", i % 5) for i in range(50)], kind="course")
    first = courses.filter(level=3)
    assert first.ids() == tuple(f"c{i}" for i in range(3, 50, 5))
    assert courses.filter(level=3) is first  # answered from the index
    with pytest.raises(TypeError, match="can never match"):
        courses.filter(level="3")
