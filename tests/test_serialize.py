"""The wire format: strict, exact round-trips and errors that name their path."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import inspect
import json
import pathlib
import pickle
import re
import typing
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import (
    Citation,
    Collection,
    Credential,
    DataError,
    DetailedWorkActivity,
    KnowledgeBase,
    Manifest,
    Metric,
    Occupation,
    OccupationCode,
    Period,
    Rating,
    Relation,
    Skill,
    SkillCategory,
    SourceVintage,
    Statistic,
    StatisticCollection,
)
from hsm_knowledge import strategies as hs
from hsm_knowledge.serialize import (
    DOCUMENT_KEYS,
    MAX_INT_DIGITS,
    MAX_MESSAGE_CHARS,
    REQUIRED_KEYS,
    from_dict,
    from_json,
    parse_json,
    to_dict,
    to_json,
)

JSON_SCALARS = (str, int, bool, type(None))


def assert_json_typed(value: Any) -> None:
    """Only dicts with str keys, lists, str, int, bool and None."""
    if isinstance(value, dict):
        for key, child in value.items():
            assert type(key) is str
            assert_json_typed(child)
    elif isinstance(value, list):
        for child in value:
            assert_json_typed(child)
    else:
        assert type(value) in JSON_SCALARS, (type(value), value)


RECORD_TYPES = [
    *(kind.cls for kind in hsm_knowledge.KINDS),
    Occupation,
    Relation,
    Citation,
    Period,
    OccupationCode,
    DetailedWorkActivity,
    Rating,
    SourceVintage,
    Manifest,
]


def test_every_class_of_the_wire_format_is_round_tripped_below() -> None:
    # Every attrs class a document can hold, found by walking the fields
    # from KnowledgeBase: a class added to the model is caught here.
    found: set[type[Any]] = set()
    todo: list[Any] = [KnowledgeBase]
    while todo:
        tp = todo.pop()
        if isinstance(tp, typing.ForwardRef):  # Collection["Statistic"]
            tp = getattr(hsm_knowledge, tp.__forward_arg__)
        if isinstance(tp, type) and attrs.has(tp):
            if tp in found:
                continue
            found.add(tp)
            attrs.resolve_types(tp)
            todo.extend(field.type for field in attrs.fields(tp))
        else:
            todo.extend(getattr(tp, "__args__", ()))
            todo.extend(getattr(tp, "__orig_bases__", ()))
    found.discard(KnowledgeBase)
    assert found == set(RECORD_TYPES)


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda c: c.__name__)
def test_every_type_round_trips_exactly(cls: type[Any]) -> None:
    @given(hs.records(cls))
    def check(value: Any) -> None:
        data = to_dict(value)
        assert_json_typed(data)
        again = from_dict(cls, data)
        assert again == value
        assert hash(again) == hash(value)
        text = to_json(value)
        assert from_json(cls, text) == value
        assert from_json(cls, text.encode("utf-8")) == value
        assert to_json(value) == text
        assert to_json(again) == text
        assert json.loads(text) == data

    check()


def test_knowledge_bases_checks_its_arguments_when_called() -> None:
    with pytest.raises(ValueError, match="max_relations must not be negative, got -2"):
        hs.knowledge_bases(max_relations=-2)
    with pytest.raises(TypeError, match="max_records must be an int, got str"):
        hs.knowledge_bases(max_records="3")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_records must not be negative, got -1"):
        hs.knowledge_bases(max_records=-1)
    with pytest.raises(ValueError, match=r"min_records \(5\) must not be more"):
        hs.knowledge_bases(min_records=5)


_STRATEGY_ARGUMENTS = [
    (name, parameter)
    for name in hs.__all__
    for parameter in inspect.signature(getattr(hs, name)).parameters
    if (parameter.endswith("_ids") and parameter != "work_setting_ids")
    or parameter in ("refs", "systems")
]


@pytest.mark.parametrize(("name", "parameter"), _STRATEGY_ARGUMENTS)
def test_a_strategy_argument_that_is_no_strategy_is_named(
    name: str, parameter: str
) -> None:
    with pytest.raises(TypeError, match=f"^{name}\\(\\): {parameter} takes a strategy"):
        getattr(hs, name)(**{parameter: ["a"]})


def test_every_strategy_with_ids_is_checked() -> None:
    assert len(_STRATEGY_ARGUMENTS) > 40
    assert {name for name, _ in _STRATEGY_ARGUMENTS} >= {
        "skills",
        "relations",
        "statistics",
        "citations",
        "occupation_codes",
        "credentials",
        "organizations",
    }


@settings(max_examples=25)
@given(hs.knowledge_bases(max_records=3))
def test_knowledge_bases_round_trip(kb: KnowledgeBase) -> None:
    data = to_dict(kb)
    assert_json_typed(data)
    assert list(data) == [
        "meta",
        "occupation",
        *(kind.attr for kind in hsm_knowledge.KINDS),
        "relations",
    ]
    again = from_dict(KnowledgeBase, data)
    assert again == kb
    assert hash(again) == hash(kb)
    text = to_json(kb)
    assert hsm_knowledge.loads(text) == kb
    assert to_json(hsm_knowledge.loads(text)) == text


@given(st.lists(hs.skills(), max_size=4, unique_by=lambda s: s.id))
def test_collections_and_tuples_round_trip(skills: list[Skill]) -> None:
    collection = Collection(skills, kind="skill")
    data = to_dict(collection)
    assert data == [to_dict(skill) for skill in skills]
    assert to_dict(tuple(skills)) == data
    again = from_dict(Collection[Skill], data)
    assert again == collection
    assert again.kind == "skill"
    assert from_dict(tuple[Skill, ...], data) == tuple(skills)
    assert from_json(Collection[Skill], to_json(collection)) == collection


@given(st.lists(hs.statistics(), max_size=4, unique_by=lambda s: s.id))
def test_statistic_collections_round_trip(statistics: list[Statistic]) -> None:
    # StatisticCollection names its record type as a forward reference
    # (Collection["Statistic"]): it is written and read like any other.
    collection = StatisticCollection(statistics)
    data = to_dict(collection)
    assert data == [to_dict(figure) for figure in statistics]
    assert_json_typed(data)
    again = from_json(StatisticCollection, to_json(collection))
    assert type(again) is StatisticCollection
    assert again == collection


def test_the_packaged_statistics_are_written_and_read_back() -> None:
    statistics = hsm_knowledge.load().statistics
    text = to_json(statistics)
    assert json.loads(text) == [to_dict(figure) for figure in statistics]
    again = from_json(StatisticCollection, text)
    assert again == statistics
    assert again.latest("employment") == statistics.latest("employment")
    employment = statistics.filter(metric="employment")
    assert from_json(StatisticCollection, to_json(employment)) == employment


def test_a_collection_subclass_may_name_its_record_type_in_a_string() -> None:
    kb = hsm_knowledge.load()
    data = to_dict(kb.skills)
    assert from_dict(_SkillShelf, data) == Collection(kb.skills, kind="skill")
    assert type(from_dict(_SkillShelf, data)) is _SkillShelf
    assert to_dict(_SkillShelf(kb.skills, kind="skill")) == data
    with pytest.raises(TypeError, match="cannot resolve _Unknown's record type"):
        from_dict(_Unknown, data)


class _SkillShelf(Collection["Skill"]):
    __slots__ = ()


class _Unknown(Collection["NoSuchRecord"]):  # type: ignore[name-defined]
    __slots__ = ()


@pytest.mark.parametrize(
    ("cls", "message"),
    [
        (object, r"from_dict\(\) cannot build object: it has no JSON form"),
        (hsm_knowledge.Kind, r"from_dict\(\) cannot build Kind: it has no JSON form"),
        (hsm_knowledge.SearchHit, "a SearchHit is a search result, not data"),
        (Collection, r"Collection needs its record type .*Collection\[Skill\]"),
        (hsm_knowledge.AnyRecord, "cannot tell which record a dict is; pass the"),
        (tuple[hsm_knowledge.AnyRecord, ...], "cannot tell which record a dict is"),
        (list[hsm_knowledge.SearchHit], "a SearchHit is a search result, not data"),
        ("Skill", r"from_dict\(\) needs the type to build"),
    ],
)
def test_a_type_that_cannot_be_built_is_a_type_error_before_reading(
    cls: Any, message: str
) -> None:
    # The caller's mistake is not the data's: a TypeError, even for text
    # that is not JSON, never a DataError quoting cattrs.
    with pytest.raises(TypeError, match=message):
        from_dict(cls, [])
    with pytest.raises(TypeError, match=message):
        from_json(cls, b"not json")


def test_a_data_error_names_the_type_being_built() -> None:
    with pytest.raises(DataError, match=r"^invalid Citation \(1 problem\)"):
        from_dict(Citation, {"source": "bls", "locator": 7})
    with pytest.raises(DataError, match=r"^invalid tuple\[Skill, \.\.\.\] \("):
        from_dict(tuple[Skill, ...], [{}])
    with pytest.raises(DataError, match=r"^invalid dataset \("):
        from_dict(KnowledgeBase, {})
    # text that is not JSON: the type too, and "dataset" as loads() says
    with pytest.raises(
        DataError, match=r"^invalid Skill \(1 problem\):\n  \$: invalid JSON"
    ):
        from_json(Skill, "{")
    for parse in (hsm_knowledge.loads, lambda text: from_json(KnowledgeBase, text)):
        with pytest.raises(DataError, match=r"^invalid dataset \("):
            parse("{")  # not JSON
        with pytest.raises(DataError, match=r"^invalid dataset \("):
            parse("{}")  # JSON, not a dataset


def test_the_packaged_data_round_trips() -> None:
    kb = hsm_knowledge.load()
    text = to_json(kb)
    again = hsm_knowledge.loads(text)
    assert again == kb
    assert to_json(again) == text
    compact = to_json(kb, indent=None)
    assert "\n" not in compact
    assert hsm_knowledge.loads(compact.encode("utf-8")) == kb


@given(hs.decimals())
def test_decimals_are_written_in_positional_notation(value: Decimal) -> None:
    text = to_dict(value)
    assert "E" not in text
    assert "e" not in text
    again = from_dict(Decimal, text)
    assert again == value
    assert hash(again) == hash(value)


def test_decimals_keep_their_written_precision() -> None:
    assert str(from_dict(Decimal, "50.40")) == "50.40"
    assert to_dict(Decimal("50.40")) == "50.40"
    assert to_dict(Decimal("1E+3")) == "1000"


def test_dates_and_enums_are_written_as_strings() -> None:
    wage = hsm_knowledge.load().statistics["median-annual-wage-2021"]
    data = to_dict(wage)
    assert data["period"] == {
        "start": "2021-01-01",
        "end": "2021-12-31",
        "label": "2021",
    }
    assert data["metric"] == "median-annual-wage"
    assert data["value"] == "101340"
    # defaults are left out
    assert "percentile" not in data


# --------------------------------------------------------------------------
# strictness: no coercion between JSON types


def skill_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "negotiation",
        "name": "Negotiation",
        "summary": "Reaching agreements.",
        "citations": [{"source": "bls", "locator": "Skills"}],
        "category": "leadership",
    }
    data.update(changes)
    return data


def problems_of(cls: type[Any], data: object) -> list[str]:
    with pytest.raises(DataError) as info:
        from_dict(cls, data)
    return [str(problem) for problem in info.value.problems]


@pytest.mark.parametrize(
    ("cls", "data", "expected"),
    [
        (Skill, skill_data(id=1), "$.id: expected a string, got a number"),
        (Skill, skill_data(name=True), "$.name: expected a string, got a boolean"),
        (Skill, skill_data(name=None), "$.name: expected a string, got null"),
        (Skill, skill_data(aliases="x"), "$.aliases: expected an array, got a string"),
        (Skill, skill_data(aliases=["a", 2]), "$.aliases[1]: expected a string"),
        (Skill, skill_data(citations={}), "$.citations: expected an array"),
        (Skill, skill_data(citations=[[]]), "$.citations[0]: expected an object"),
        (Skill, [], "$: expected an object, got an array"),
        (Skill, "skill", "$: expected an object, got a string"),
        (Period, {"start": 20210101, "end": "2021-12-31"}, "$.start: expected a date"),
        (
            Credential,
            {
                **skill_data(),
                "abbreviation": "NEG",
                "issuer": "x",
                "category": "license ",
            },
            "$.category: expected one of",
        ),
        (
            Manifest,
            {
                "dataset_version": "1",
                "schema_version": 1.0,
                "release_date": "2026-01-01",
                "title": "t",
            },
            "$.schema_version: expected an integer, got 1.0: write it as 1, "
            "without a decimal point or an exponent",
        ),
        (
            Manifest,
            {
                "dataset_version": "1",
                "schema_version": "1",
                "release_date": "2026-01-01",
                "title": "t",
            },
            "$.schema_version: expected an integer, got a string",
        ),
    ],
)
def test_no_coercion(cls: type[Any], data: object, expected: str) -> None:
    assert any(line.startswith(expected) for line in problems_of(cls, data))


def _manifest_json(schema_version: str) -> str:
    return (
        '{"dataset_version": "1", "schema_version": ' + schema_version + ", "
        '"release_date": "2026-01-01", "title": "t"}'
    )


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("1e0", "write it as 1, without a decimal point or an exponent"),
        ("1.0", "write it as 1, without a decimal point or an exponent"),
        ("1E2", "write it as 100, without a decimal point or an exponent"),
        ("-2.5e1", "write it as -25, without a decimal point or an exponent"),
        ("1e20", "write it in digits, without a decimal point or an exponent"),
        # 2**53 + 1 reads as the float 2**53: no digits can be trusted there
        (
            "9007199254740993.0",
            "write it in digits, without a decimal point or an exponent",
        ),
        (
            "9007199254740991.0",
            "write it as 9007199254740991, without a decimal point or an exponent",
        ),
        ("1e200", f"an integer of more than {MAX_INT_DIGITS} digits is too long"),
    ],
)
def test_a_whole_number_written_as_a_float_gets_a_hint_that_fits(
    written: str, hint: str
) -> None:
    with pytest.raises(DataError) as info:
        from_json(Manifest, _manifest_json(written))
    [problem] = info.value.problems
    assert problem.path == "$.schema_version"
    assert problem.message.startswith("expected an integer, got ")
    assert problem.message.endswith(f": {hint}")


@given(
    st.integers(-(2**53) + 1, 2**53 - 1),
    st.sampled_from(["{}.0", "{}e0", "{}.00E+0", "{}.0e-0"]),
)
def test_the_integer_a_hint_suggests_is_the_number_written(
    number: int, form: str
) -> None:
    with pytest.raises(DataError) as info:
        from_json(Manifest, _manifest_json(form.format(number)))
    [problem] = info.value.problems
    suggested = problem.message.split("write it as ")[1].split(",")[0]
    assert int(suggested) == number


def test_every_problem_of_a_record_is_reported_at_its_own_path() -> None:
    data = skill_data(
        id="Negotiation",
        name=" Negotiation",
        citations=[{"source": "bls", "locator": ""}, 3, {"source": "b", "x": 1}],
        category="soft",
        aliases=["a", "b", "a", ""],
        colour="blue",
    )
    problems = problems_of(Skill, data)
    for expected in [
        "$.citations[0].locator: must be a non-empty string",
        "$.citations[1]: expected an object, got a number",
        "$.citations[2].locator: required field is missing",
        "$.citations[2].x: unknown field",
        "$.category: expected one of 'leadership'",
        "$.colour: unknown field",
    ]:
        assert any(p.startswith(expected) for p in problems), (expected, problems)


def test_validators_report_at_the_failing_field_and_item() -> None:
    problems = problems_of(
        Skill, skill_data(id="Negotiation", name=" N", aliases=["a", " b", "a"])
    )
    assert problems == [
        "$.id: 'Negotiation' is not a lowercase kebab-case id "
        "(pattern ^[a-z0-9]+(-[a-z0-9]+)*$)",
        "$.name: must not start or end with whitespace",
        "$.aliases[1]: must not start or end with whitespace",
        "$.aliases[2]: repeats the entry at index 0; entries must differ",
    ]
    assert problems_of(Skill, skill_data(aliases=["a", "b", "a"])) == [
        "$.aliases[2]: repeats the entry at index 0; entries must differ"
    ]


def test_rules_across_fields_are_reported_at_the_field_at_fault() -> None:
    wage = to_dict(hsm_knowledge.load().statistics["median-annual-wage-2021"])
    assert problems_of(Statistic, {**wage, "value": "-1"}) == [
        "$.value: a figure in currency-per-year cannot be negative"
    ]
    assert problems_of(Statistic, {**wage, "currency": None}) == [
        "$.currency: a figure in currency-per-year needs a currency"
    ]
    assert problems_of(Statistic, {**wage, "percentile": 90}) == [
        "$.percentile: a median-annual-wage figure has no percentile"
    ]
    # a period's rule is the period's: either end may be the one at fault
    period = {"start": "2021-12-31", "end": "2021-01-01"}
    assert problems_of(Statistic, {**wage, "period": period}) == [
        "$.period: period ends (2021-01-01) before it starts (2021-12-31)"
    ]
    # to code that makes a record, it is a ValueError like any other
    with pytest.raises(ValueError, match="needs a currency") as info:
        attrs.evolve(
            hsm_knowledge.load().statistics["median-annual-wage-2021"], currency=None
        )
    assert info.value.field == "currency"  # type: ignore[attr-defined]


def test_every_broken_rule_across_fields_is_reported_in_field_order() -> None:
    kb = hsm_knowledge.load()
    wage = to_dict(kb.statistics["median-annual-wage-2021"])
    broken = {**wage, "percentile": 90, "currency": None, "value": "-1"}
    assert problems_of(Statistic, broken) == [
        "$.value: a figure in currency-per-year cannot be negative",
        "$.currency: a figure in currency-per-year needs a currency",
        "$.percentile: a median-annual-wage figure has no percentile",
    ]
    relation = {
        "subject": "skill:leadership",
        "type": "supports",
        "object": "skill:leadership",
        "basis": "editorial",
        "citations": [{"source": "seed-article", "locator": "x"}],
    }
    assert problems_of(Relation, relation) == [
        "$.object: a relation cannot link a record to itself",
        "$.rationale: an editorial relation needs a rationale",
    ]
    # a rating's value is not called outside a scale whose bounds are broken
    rating = to_dict(next(iter(kb.descriptors)).ratings[0])
    upside_down = {**rating, "scale_minimum": "5", "scale_maximum": "1", "n": "-1"}
    assert problems_of(Rating, upside_down) == [
        "$.scale_maximum: the scale's maximum 1 is below its minimum 5",
        "$.n: n cannot be negative (-1)",
    ]
    # to code that makes a record: one ValueError saying all, each kept
    with pytest.raises(
        ValueError, match=r"needs a currency; .* cannot be negative"
    ) as info:
        attrs.evolve(
            kb.statistics["median-annual-wage-2021"],
            value=Decimal(-1),
            currency=None,
        )
    fields = [error.field for error in info.value.errors]  # type: ignore[attr-defined]
    assert fields == ["currency", "value"]
    # errors survive pickling and copying (multiprocessing, logging)
    again = pickle.loads(pickle.dumps(info.value))
    assert str(again) == str(info.value)
    assert [e.field for e in again.errors] == fields
    one = copy.deepcopy(info.value.errors[0])  # type: ignore[attr-defined]
    assert (one.field, str(one)) == ("currency", str(info.value.errors[0]))  # type: ignore[attr-defined]


@given(
    same_ends=st.booleans(),
    editorial=st.booleans(),
    rationale=st.sampled_from([None, "Because."]),
)
def test_a_relation_reports_exactly_the_rules_it_breaks(
    same_ends: bool, editorial: bool, rationale: str | None
) -> None:
    data = {
        "subject": "skill:leadership",
        "type": "supports",
        "object": "skill:leadership" if same_ends else "skill:budgeting",
        "basis": "editorial" if editorial else "stated",
        "citations": [{"source": "seed-article", "locator": "x"}],
        "rationale": rationale,
    }
    expected = []
    if same_ends:
        expected.append("$.object: a relation cannot link a record to itself")
    if editorial and rationale is None:
        expected.append("$.rationale: an editorial relation needs a rationale")
    if expected:
        assert problems_of(Relation, data) == expected
    else:
        assert from_dict(Relation, data).object == data["object"]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Skill:leadership", "skill:leadership"),
        ("career_step:obtain-a-degree", "career-step:obtain-a-degree"),
        ("career_steps:obtain-a-degree", "career-step:obtain-a-degree"),
        ("skill : Leadership", "skill:leadership"),
        ("nonsense", None),
        ("skill:two words", None),
    ],
)
def test_a_malformed_reference_says_what_it_may_mean(
    written: str, meant: str | None
) -> None:
    relation = {
        "subject": written,
        "type": "supports",
        "object": "skill:leadership",
        "basis": "stated",
        "citations": [{"source": "seed-article", "locator": "x"}],
    }
    expected = f"$.subject: {written!r} is not a reference of the form kind:id"
    expected += (
        " (for example 'skill:leadership')"
        if meant is None
        else f"; did you mean {meant!r}?"
    )
    assert problems_of(Relation, relation) == [expected]


def test_a_citation_written_as_text_is_shown_as_an_object() -> None:
    data = skill_data(
        citations=[
            "example-handbook: Section 1",
            "no colon",
            "https://example.com/page",  # no source id before the colon
            "Bureau of Labor Statistics: Pay",
        ]
    )
    problems = problems_of(Skill, data)
    plain = "expected an object, got a string"
    assert problems == [
        f"$.citations[0]: {plain}; write a citation as "
        'an object: {"source": "example-handbook", "locator": "Section 1"}',
        f"$.citations[1]: {plain}",
        f"$.citations[2]: {plain}",
        f"$.citations[3]: {plain}",
    ]


class _Text(str):
    pass


class _Order(enum.IntEnum):
    FIRST = 1


@pytest.mark.parametrize(
    ("field", "value", "got"),
    [
        (
            "name",
            _Text("N"),
            "got a string of type _Text; write a plain str, str(value)",
        ),
        (
            "category",
            SkillCategory.LEADERSHIP,
            "got the enum member SkillCategory.LEADERSHIP; write its value, "
            "'leadership'",
        ),
        ("category", _Text("leadership"), "got a string of type _Text; write a plain"),
    ],
)
def test_python_values_that_are_not_plain_json_say_what_they_are(
    field: str, value: object, got: str
) -> None:
    [problem] = problems_of(Skill, skill_data(**{field: value}))
    assert problem.startswith(f"$.{field}: expected ")
    assert got in problem
    assert "did you mean" not in problem
    [order] = problems_of(
        hsm_knowledge.CareerStep,
        {
            **to_dict(hsm_knowledge.load().career_steps["obtain-a-degree"]),
            "order": _Order.FIRST,
        },
    )
    assert order == (
        "$.order: expected an integer, got the enum member _Order.FIRST; "
        "write its value, 1"
    )


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("N ", ""),
        ("\tN", ""),
        ("N\u2028", " (U+2028 LINE SEPARATOR)"),
        ("\u00a0N", " (U+00A0 NO-BREAK SPACE)"),
        ("\ufeffN", " (U+FEFF ZERO WIDTH NO-BREAK SPACE)"),
    ],
)
def test_an_invisible_space_at_an_end_is_named(name: str, named: str) -> None:
    assert problems_of(Skill, skill_data(name=name)) == [
        f"$.name: must not start or end with whitespace{named}"
    ]


def test_an_invisible_character_at_an_end_is_named() -> None:
    assert problems_of(Skill, skill_data(name="Leadership\u200b")) == [
        "$.name: must not start or end with an invisible character "
        "(U+200B ZERO WIDTH SPACE)"
    ]


def test_unknown_fields_suggest_a_close_name() -> None:
    assert problems_of(Skill, skill_data(categry="leadership"))[0].startswith(
        "$.categry: unknown field; did you mean 'category'?"
    )
    problem = problems_of(Citation, {"source": "a", "locator": "b", "a b": 1})
    assert problem == ['$["a b"]: unknown field; allowed: source, locator']


def test_a_trailing_newline_is_not_part_of_an_id() -> None:
    assert problems_of(Citation, {"source": "bls\n", "locator": "x"})[0].startswith(
        "$.source: 'bls\\n' is not a lowercase kebab-case id"
    )
    assert problems_of(Decimal, "1\n")[0].startswith("$: '1\\n' is not a finite")


def test_a_collection_with_duplicate_ids_is_refused() -> None:
    data = [skill_data(), skill_data()]
    assert problems_of(Collection[Skill], data) == [
        "$[1].id: duplicate skill id 'negotiation' (first at $[0])"
    ]


@given(
    st.sampled_from(sorted(skill_data())),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=2)
            | st.dictionaries(st.text(max_size=3), inner, max_size=2)
        ),
        max_leaves=4,
    ),
)
def test_any_wrong_value_gives_a_data_error_at_its_field(
    field: str, value: Any
) -> None:
    try:
        skill: Skill | DataError = from_dict(Skill, skill_data(**{field: value}))
    except DataError as error:
        skill = error
    if isinstance(skill, DataError):
        assert all(p.path.startswith(f"$.{field}") for p in skill.problems), skill
    else:
        assert attrs.asdict(skill)[field] is not None


# --------------------------------------------------------------------------
# parsing and limits


def test_parse_json_names_the_path_of_every_non_json_number() -> None:
    with pytest.raises(DataError) as info:
        parse_json('{"a": NaN, "b": [1e999, {"c": -Infinity}], "d": Infinity}')
    assert [str(p) for p in info.value.problems] == [
        "$.a: NaN is not valid JSON; use a finite number",
        "$.b[0]: '1e999' is too large for a JSON number",
        "$.b[1].c: -Infinity is not valid JSON; use a finite number",
        "$.d: Infinity is not valid JSON; use a finite number",
    ]


def test_repeated_keys_are_refused() -> None:
    with pytest.raises(DataError, match=r"\$\.x\[0\]\.k: this key appears more"):
        parse_json('{"x": [{"k": 1, "k": 2}]}')


def test_unpaired_surrogates_are_refused_but_pairs_are_text() -> None:
    assert parse_json('"\\ud83d\\ude00"') == "\N{GRINNING FACE}"
    with pytest.raises(DataError, match=r"\$\.a\[1\]: holds an unpaired surrogate"):
        parse_json('{"a": ["ok", "\\udc00"]}')
    # written as itself in str text, it is found at its path too
    with pytest.raises(DataError, match=r"\$\.a\.b: holds an unpaired surrogate"):
        parse_json('{"a": {"b": "x\ud800"}}')
    with pytest.raises(
        DataError, match=r"\$\[\"\\ud800\"\]: this key holds an unpaired"
    ):
        parse_json('{"\ud800": 1}')


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("statistics", 0, "period", "start"), "2024-01-0\ud800"),  # a date
        (("skills", 0, "category"), "tech\udc00"),  # an enum's value
        (("skills", 0, "name"), "Budget\ud800"),  # a plain string
    ],
)
def test_a_value_that_is_not_text_is_reported_once(
    where: tuple[str | int, ...], value: str
) -> None:
    # not also as "not a date" or "not one of the values": the surrogate
    # is what is wrong, and the path says where
    document = json.loads(to_json(hsm_knowledge.load()))
    target = document
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(json.dumps(document))
    path = "$." + ".".join(
        f"{step}" if isinstance(step, str) else f"[{step}]" for step in where
    ).replace(".[", "[")
    assert [(p.path, p.message.split(" (")[0]) for p in info.value.problems] == [
        (path, "holds an unpaired surrogate")
    ]


def test_a_key_that_is_not_text_is_also_an_unknown_field() -> None:
    document = json.loads(to_json(hsm_knowledge.load()))
    period = document["statistics"][0]["period"]
    period["st\ud800art"] = period.pop("start")
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(json.dumps(document))
    path = '$.statistics[0].period["st\\ud800art"]'
    assert [(p.path, p.message.split(" (")[0]) for p in info.value.problems] == [
        (path, "this key holds an unpaired surrogate"),
        (path, "unknown field; did you mean 'start'?"),
    ]


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("\ud800", '$["\\ud800"]'),  # an unpaired surrogate, escaped
        ("category\u200b", '$.skills[0]["category\\u200b"]'),  # not shown as a twin
        ("a\u202eb", '$.skills[0]["a\\u202eb"]'),  # right-to-left override
        ("k" * 100, '$.skills[0]["' + "k" * 59 + '…"]'),  # cut, even an identifier
    ],
)
def test_a_key_is_written_in_a_path_that_prints_as_it_is(key: str, path: str) -> None:
    document = json.loads(to_json(hsm_knowledge.load()))
    if path.startswith("$.skills"):
        document["skills"][0][key] = 1
    else:
        document[key] = 1
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(json.dumps(document))
    paths = [problem.path for problem in info.value.problems]
    assert path in paths
    str(info.value).encode("utf-8")  # printable, and encodable as UTF-8


def test_from_dict_applies_the_rules_json_text_gets() -> None:
    # from_dict reads Python values, which can hold what JSON text cannot
    data = to_dict(hsm_knowledge.load().career_steps["obtain-a-degree"])
    with pytest.raises(DataError, match=r"\$\.name: holds an unpaired surrogate"):
        from_dict(hsm_knowledge.CareerStep, {**data, "name": "a\ud800"})
    with pytest.raises(DataError, match=r"\$\.order: an integer of more than 100"):
        from_dict(hsm_knowledge.CareerStep, {**data, "order": -(10**5000)})
    assert from_dict(hsm_knowledge.CareerStep, {**data, "order": 10**99}).order == (
        10**99
    )


def test_text_must_be_utf_8_without_a_byte_order_mark() -> None:
    with pytest.raises(DataError, match="byte-order mark"):
        parse_json(b"\xef\xbb\xbf{}")
    with pytest.raises(DataError, match="byte-order mark"):
        parse_json("\ufeff{}")
    with pytest.raises(DataError, match="not UTF-8: invalid byte at offset 2"):
        parse_json(b'"a\xff"')
    for encoding in ("utf-16", "utf-16-be", "utf-16-le", "utf-32"):
        data = '{"a": "é"}'.encode(encoding)
        message = "is not UTF-8" if encoding[-1] in "el" else f"is {encoding.upper()} "
        with pytest.raises(DataError, match=message):
            parse_json(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        (b"", "is empty"),
        (" \n\t\r", "is blank: only whitespace, no JSON value"),
    ],
)
def test_empty_text_is_called_empty(text: str | bytes, message: str) -> None:
    with pytest.raises(DataError) as info:
        parse_json(text)
    assert [str(p) for p in info.value.problems] == [f"$: {message}"]


def test_size_is_limited_and_the_limit_can_be_raised() -> None:
    text = json.dumps({"a": "x" * 1000})
    with pytest.raises(DataError, match="more than the limit of 100; pass max_bytes"):
        parse_json(text, max_bytes=100)
    assert parse_json(text, max_bytes=None) == {"a": "x" * 1000}
    with pytest.raises(DataError, match="more than the limit"):
        hsm_knowledge.loads(to_json(hsm_knowledge.load()), max_bytes=1000)
    with pytest.raises(DataError, match="more than the limit"):
        from_json(Citation, '{"source": "a", "locator": "b"}', max_bytes=10)


def test_a_wrong_argument_is_named_before_anything_is_read(
    tmp_path: pathlib.Path,
) -> None:
    path = tmp_path / "data.json"
    with pytest.raises(TypeError, match=r"got PosixPath \(to read a file, use"):
        hsm_knowledge.loads(path)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected JSON text as str or bytes, got int"):
        parse_json(3)  # type: ignore[arg-type]
    for bad in ("10", 1.5, True):
        with pytest.raises(TypeError, match="max_bytes must be an int or None"):
            hsm_knowledge.loads("{}", max_bytes=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="must not be negative, got -1"):
        hsm_knowledge.loads("{}", max_bytes=-1)
    with pytest.raises(ValueError, match="must not be negative"):
        hsm_knowledge.load(path, max_bytes=-1)  # refused before the file is opened
    # also without a path, where there is no file to limit
    with pytest.raises(ValueError, match="must not be negative"):
        hsm_knowledge.load(max_bytes=-1)
    with pytest.raises(TypeError, match="max_bytes must be an int or None"):
        hsm_knowledge.load(max_bytes="x")  # type: ignore[arg-type]


def test_json_syntax_errors_say_where_in_whole_words() -> None:
    with pytest.raises(DataError) as caught:
        parse_json('{"a": "abc')
    assert caught.value.problems[0].message == (
        "invalid JSON at line 1, column 7: Unterminated string starting at "
        "this position"
    )


def test_deep_nesting_fails_fast_with_a_clear_error() -> None:
    for depth in (10_000, 1_000_000):
        with pytest.raises(DataError, match="nested too deeply"):
            parse_json("[" * depth + "]" * depth)
        with pytest.raises(DataError, match="nested too deeply"):
            parse_json('{"a":' * depth + "1" + "}" * depth)


def test_long_integers_are_refused_without_converting_them() -> None:
    digits = "9" * (MAX_INT_DIGITS + 1)
    with pytest.raises(DataError, match=r"\$\.n: an integer of 101 digits"):
        parse_json(f'{{"n": {digits}}}')
    with pytest.raises(DataError, match="too long"):
        parse_json("-" + "1" * 100_000)
    assert parse_json("9" * MAX_INT_DIGITS) == int("9" * MAX_INT_DIGITS)


def test_a_huge_bad_value_gives_a_short_message() -> None:
    problems = problems_of(Skill, skill_data(category="x" * 1_000_000, id="Y" * 10**6))
    assert problems
    assert all(len(p) <= MAX_MESSAGE_CHARS + 40 for p in problems)


def test_many_problems_are_all_kept_but_the_message_is_bounded() -> None:
    data = {**to_dict(hsm_knowledge.load()), "skills": [1] * 5000, "relations": []}
    with pytest.raises(DataError) as info:
        from_dict(KnowledgeBase, data)
    error = info.value
    assert len(error.problems) == 5000
    lines = str(error).splitlines()
    assert len(lines) == DataError.MAX_LISTED + 2
    assert lines[0] == "invalid dataset (5000 problems):"
    assert (
        lines[-1]
        == f"  ... and {5000 - DataError.MAX_LISTED} more (see DataError.problems)"
    )


def test_a_large_valid_document_loads() -> None:
    kb = hsm_knowledge.load()
    data = to_dict(kb)
    skills = data["skills"]
    data["skills"] = skills + [
        {**skill, "id": f"{skill['id']}-{n}"} for n in range(300) for skill in skills
    ]
    big = hsm_knowledge.loads(json.dumps(data))
    assert len(big.skills) == 301 * len(skills)


# --------------------------------------------------------------------------
# whole documents


def without_relations_to(data: dict[str, Any], ref: str) -> None:
    """Drop the relations naming *ref*, before its record's id is changed."""
    data["relations"] = [
        r for r in data["relations"] if ref not in (r["subject"], r["object"])
    ]


def test_structural_and_integrity_problems_are_reported_together() -> None:
    data = to_dict(hsm_knowledge.load())
    data["skills"][1]["category"] = "x"
    without_relations_to(data, f"skill:{data['skills'][2]['id']}")
    data["skills"][2]["id"] = "BAD"
    data["credentials"][0]["issuer"] = "nobody"
    data["sources"][0]["title"] = 5  # the source fails to build ...
    with pytest.raises(DataError) as info:
        from_dict(KnowledgeBase, data)
    problems = [str(p) for p in info.value.problems]
    assert problems[:3] == [
        "$.sources[0].title: expected a string, got a number",
        "$.skills[1].category: expected one of 'leadership', 'analytical', "
        "'financial', 'regulatory', 'technical', 'personal'; got 'x'",
        "$.skills[2].id: 'BAD' is not a lowercase kebab-case id "
        "(pattern ^[a-z0-9]+(-[a-z0-9]+)*$)",
    ]
    # ... but citations of it are not reported as dangling, and paths after
    # a failed record keep their index in the document
    assert problems[3:] == [
        "$.credentials[0].issuer: names unknown organization 'nobody'"
    ]


def test_integrity_paths_count_records_that_failed() -> None:
    data = to_dict(hsm_knowledge.load())
    data["skills"][0]["name"] = ""
    without_relations_to(data, f"skill:{data['skills'][3]['id']}")
    data["skills"][3]["id"] = data["skills"][2]["id"]
    with pytest.raises(DataError) as info:
        from_dict(KnowledgeBase, data)
    assert [str(p) for p in info.value.problems] == [
        "$.skills[0].name: must be a non-empty string",
        f"$.skills[3].id: duplicate skill id {data['skills'][2]['id']!r} "
        "(first at $.skills[2])",
    ]


def test_a_manifest_that_fails_does_not_hide_the_other_problems() -> None:
    data = to_dict(hsm_knowledge.load())
    data["meta"]["release_date"] = "soon"
    data["skills"][1]["category"] = "x"
    data["credentials"][0]["issuer"] = "nobody"
    problems = problems_of(KnowledgeBase, data)
    assert problems[0] == (
        "$.meta.release_date: 'soon' is not a date written as YYYY-MM-DD"
    )
    assert problems[1].startswith("$.skills[1].category: expected one of")
    assert problems[2:] == [
        "$.credentials[0].issuer: names unknown organization 'nobody'"
    ]
    assert problems_of(KnowledgeBase, {**data, "meta": 1})[0] == (
        "$.meta: expected an object, got a number"
    )


def test_a_source_vintage_must_name_a_source() -> None:
    data = to_dict(hsm_knowledge.load())
    data["meta"]["source_vintages"][1]["source"] = "onet-29"
    assert problems_of(KnowledgeBase, data) == [
        "$.meta.source_vintages[1].source: names unknown source 'onet-29' "
        "(did you mean 'onet-29-3'?)"
    ]
    # ... also when other records failed to build
    data["skills"][1]["category"] = "x"
    problems = problems_of(KnowledgeBase, data)
    assert len(problems) == 2
    assert problems[1].startswith("$.meta.source_vintages[1].source: names unknown")


@given(
    st.lists(hs.source_vintages(st.sampled_from(["bls", "onet", "esco"])), max_size=5)
)
def test_a_manifest_gives_each_source_one_vintage(
    vintages: list[SourceVintage],
) -> None:
    data = {
        "dataset_version": "1",
        "schema_version": 1,
        "release_date": "2026-01-01",
        "title": "t",
        "source_vintages": [to_dict(vintage) for vintage in vintages],
    }
    first: dict[str, int] = {}
    expected = []
    for index, vintage in enumerate(vintages):
        if vintage.source in first:
            expected.append(
                f"$.source_vintages[{index}]: must not repeat a source; item "
                f"{index} repeats the source of item {first[vintage.source]}, "
                f"{vintage.source!r}"
            )
        else:
            first[vintage.source] = index
    if not expected:
        manifest = from_dict(Manifest, data)
        for vintage in vintages:  # nothing is shadowed by an earlier entry
            assert manifest.vintage(vintage.source) == vintage.vintage
        return
    # every repeating entry, each at its own path
    assert problems_of(Manifest, data) == expected
    with pytest.raises(ValueError, match=r"^source_vintages must not repeat a source"):
        attrs.evolve(
            from_dict(Manifest, {**data, "source_vintages": []}),
            source_vintages=tuple(vintages),
        )


def test_an_unsupported_schema_version_is_the_only_problem_reported() -> None:
    data = to_dict(hsm_knowledge.load())
    data["meta"]["schema_version"] = 2
    data["skills"] = "whatever a future version writes"
    assert problems_of(KnowledgeBase, data) == [
        "$.meta.schema_version: schema version 2 is not supported by this "
        "version of hsm_knowledge (it reads 1)"
    ]


def test_a_document_needs_every_part() -> None:
    # the manifest's own problems first: problems come part by part
    assert problems_of(KnowledgeBase, {"meta": {}})[3:7] == [
        "$.meta.title: required field is missing",
        "$.occupation: required field is missing",
        "$.sources: required field is missing",
        "$.organizations: required field is missing",
    ]


def test_a_part_of_the_wrong_type_is_reported_before_the_missing_ones() -> None:
    problems = problems_of(KnowledgeBase, {"meta": 1})
    assert problems[:2] == [
        "$.meta: expected an object, got a number",
        "$.occupation: required field is missing",
    ]
    assert len(problems) == 14


@given(
    st.dictionaries(
        st.sampled_from(DOCUMENT_KEYS),
        st.sampled_from([1, "x", True, None]),
    ),
    st.lists(st.sampled_from(["Meta", "skill", "extra"]), unique=True),
)
def test_problems_of_the_parts_come_in_wire_format_order(
    wrong: dict[str, object], unknown: list[str]
) -> None:
    # every part wrong (a scalar) or missing, after some unknown keys
    data: dict[str, object] = dict.fromkeys(unknown, 0)
    data.update(wrong)
    problems = problems_of(KnowledgeBase, data)
    assert [p.partition(":")[0] for p in problems] == [
        *(f"$.{key}" for key in unknown),
        *(f"$.{key}" for key in DOCUMENT_KEYS if key in wrong or key in REQUIRED_KEYS),
    ]


def test_from_dict_never_lets_another_exception_out() -> None:
    class Odd:
        pass

    for data in [Odd(), {1: 2}, {"id": Odd()}, {"citations": [Odd()]}]:
        with pytest.raises(DataError):
            from_dict(Skill, data)
    with pytest.raises(DataError):
        from_dict(KnowledgeBase, {"meta": Odd(), 3: []})


def test_to_json_is_stable_in_a_fresh_process(tmp_path: Any) -> None:
    import subprocess
    import sys

    code = (
        "import sys, hsm_knowledge; from hsm_knowledge.serialize import to_json;"
        "sys.stdout.buffer.write(to_json(hsm_knowledge.load()).encode())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1
    assert outputs.pop().decode() == to_json(hsm_knowledge.load())


def test_dates_round_trip_at_the_edges() -> None:
    for day in (dt.date.min, dt.date(999, 1, 1), dt.date.max):
        assert from_dict(dt.date, to_dict(day)) == day


def test_a_failed_record_that_repeats_an_id_is_reported_as_a_duplicate() -> None:
    data = to_dict(hsm_knowledge.load())
    first = data["skills"][0]
    data["skills"].append({**first, "category": "soft"})
    data["skills"].append({**first, "name": "Again"})
    index = len(data["skills"]) - 2
    problems = problems_of(KnowledgeBase, data)
    assert problems[0].startswith(f"$.skills[{index}].category: expected one of")
    duplicate = f"duplicate skill id {first['id']!r} (first at $.skills[0])"
    assert f"$.skills[{index}].id: {duplicate}" in problems
    assert f"$.skills[{index + 1}].id: {duplicate}" in problems
    assert len(problems) == 3


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (object(), TypeError, "cannot write an object: it writes records"),
        (dt.datetime(2025, 5, 1, 12, 30), TypeError, "cannot write a datetime"),
        ((Decimal("1"), {1j}), TypeError, "cannot write a complex"),
        (Decimal("NaN"), ValueError, "cannot write Decimal('NaN'): JSON has no NaN"),
        (Decimal("-Infinity"), ValueError, "JSON has no NaN or infinity"),
        ({1: 2}, TypeError, "cannot write a dict with the key 1 (int): JSON object"),
        ([{"a": {(1, 2): 3}}], TypeError, "a dict with the key (1, 2) (tuple)"),
    ],
)
def test_to_dict_refuses_what_json_cannot_hold(
    value: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        to_dict(value)
    assert str(caught.value).startswith("to_dict() cannot write ")
    assert message in str(caught.value)
    # to_json's message names to_json, the function called
    with pytest.raises(error) as caught:
        to_json(value)
    assert str(caught.value).startswith("to_json() cannot write ")
    assert message in str(caught.value)


def test_dict_keys_may_be_the_librarys_enum_members() -> None:
    figures = {Metric.MEDIAN_ANNUAL_WAGE: 1, "other": 2}
    assert to_dict(figures) == {"median-annual-wage": 1, "other": 2}
    assert to_json(figures, indent=None) == '{"median-annual-wage":1,"other":2}'
    # a member and its value are one key: a dict cannot hold both
    assert len({Metric.MEDIAN_ANNUAL_WAGE: 1, "median-annual-wage": 2}) == 1

    class Own(str, enum.Enum):  # a user's enum: not written as its value
        A = "a"

    with pytest.raises(TypeError, match=re.escape("with the key <Own.A: 'a'> (Own)")):
        to_json({Own.A: 1})


@pytest.mark.parametrize(
    ("indent", "error", "message"),
    [
        ("x", TypeError, "indent must be an int or None, got str"),
        (True, TypeError, "indent must be an int or None, got bool"),
        (1.5, TypeError, "indent must be an int or None, got float"),
        (-1, ValueError, "indent must not be negative, got -1"),
    ],
)
def test_to_json_checks_its_indent(
    indent: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=re.escape(message)):
        to_json([], indent=indent)  # type: ignore[arg-type]
    assert to_json(["a"], indent=0) == '[\n"a"\n]'


def test_search_hits_are_written_as_the_command_line_prints_them() -> None:
    kb = hsm_knowledge.load()
    hit = kb.search("budget")[0]
    assert to_dict(hit) == {
        "ref": hit.ref,
        "kind": hit.kind,
        "score": hit.score,
        "field": hit.field,
        "record": to_dict(hit.record),
    }
    hits = kb.search("budget")
    assert json.loads(to_json(hits)) == [to_dict(h) for h in hits]


def test_from_dict_needs_a_type() -> None:
    with pytest.raises(TypeError, match="from_dict\\(\\) needs the type to build"):
        from_dict(None, {})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got 'Skill'"):
        from_json("Skill", "{}")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "only_problem"),
    [
        (
            lambda data: data.update(skills={"a": 1}),
            "$.skills: expected an array, got an object",
        ),
        (
            lambda data: data.update(tasks=None),
            "$.tasks: expected an array, got null",
        ),
        (
            lambda data: data.update(occupation=None),
            "$.occupation: expected an object, got null",
        ),
        (
            lambda data: data["skills"][0].update(id="Leadership"),
            "$.skills[0].id: 'Leadership' is not a lowercase kebab-case id",
        ),
        (
            lambda data: data["sources"][0].update(id="Seed Article"),
            "$.sources[0].id: 'Seed Article' is not a lowercase kebab-case id",
        ),
        (
            lambda data: data["occupation"].update(
                id="Medical And Health Services Managers"
            ),
            "$.occupation.id: 'Medical And Health Services Managers' is not",
        ),
        (lambda data: data.pop("sources"), "$.sources: required field is missing"),
        (
            lambda data: data.pop("occupation"),
            "$.occupation: required field is missing",
        ),
        # a record whose id cannot be read: any reference may be to it
        (
            lambda data: data["sources"][0].update(id=None),
            "$.sources[0].id: expected a string, got null",
        ),
        (
            lambda data: data["sources"].__setitem__(0, None),
            "$.sources[0]: expected an object, got null",
        ),
        (
            lambda data: data["sources"].__setitem__(0, []),
            "$.sources[0]: expected an object, got an array",
        ),
        (
            lambda data: data["skills"][0].update(id=5),
            "$.skills[0].id: expected a string, got a number",
        ),
        # a list under a misspelt name: its records are there, misnamed
        (
            lambda data: data.update(task=data.pop("tasks")),
            "$.task: unknown field; did you mean 'tasks'?",
        ),
        (  # a required list: its absence is the same mistake
            lambda data: data.update(Skills=data.pop("skills")),
            "$.Skills: unknown field; did you mean 'skills'?",
        ),
    ],
)
def test_one_mistake_is_one_problem_not_a_flood_of_follow_ons(
    change: typing.Callable[[dict[str, Any]], None], only_problem: str
) -> None:
    # references to records that could not be built (a list that is not an
    # array, an id not written as an id) are the same mistake again
    data = to_dict(hsm_knowledge.load())
    change(data)
    problems = problems_of(KnowledgeBase, data)
    assert len(problems) == 1, problems
    assert problems[0].startswith(only_problem)


def test_an_enum_value_gets_a_suggestion_and_the_value_is_never_cut() -> None:
    data = to_dict(hsm_knowledge.load())
    data["statistics"][0]["metric"] = "median_annual_wage"
    (problem,) = problems_of(KnowledgeBase, data)
    # the list of the 11 metrics is shortened, so what was given is shown
    assert problem.startswith(
        "$.statistics[0].metric: expected one of 'median-annual-wage', "
    )
    assert problem.endswith(
        "(11 in all); got 'median_annual_wage'; did you mean 'median-annual-wage'?"
    )


def test_a_decimal_string_has_at_most_max_int_digits_digits() -> None:
    data = to_dict(hsm_knowledge.load().statistics["employment-oews-may-2019"])
    for longest in (
        "1" * MAX_INT_DIGITS,
        "1" * 60 + "." + "2" * (MAX_INT_DIGITS - 60),
        "0." + "1" * (MAX_INT_DIGITS - 1),
    ):
        assert from_dict(Statistic, {**data, "value": longest}).value == Decimal(
            longest
        )
    for too_long in ("1" * 101, "1" * 100 + ".5", "0." + "1" * 100, "9" * 101_000):
        digits = sum(char.isdigit() for char in too_long)
        with pytest.raises(DataError, match=rf"a decimal number of {digits:,} digits"):
            from_dict(Statistic, {**data, "value": too_long})


def test_a_collection_reports_bad_items_and_repeated_ids_together() -> None:
    skill = to_dict(hsm_knowledge.load().skills["leadership"])
    assert problems_of(Collection[Skill], [skill, None, skill]) == [
        "$[1]: expected an object, got null",
        "$[2].id: duplicate skill id 'leadership' (first at $[0])",
    ]


def test_a_key_in_another_case_is_suggested() -> None:
    data = to_dict(hsm_knowledge.load())
    data["skills"][0]["Id"] = data["skills"][0].pop("id")
    data["Career-Steps"] = data.pop("career_steps")
    data["skills"][1]["nam"] = data["skills"][1].pop("name")
    problems = problems_of(KnowledgeBase, data)
    assert "$.skills[0].Id: unknown field; did you mean 'id'?" in problems
    assert "$.skills[1].nam: unknown field; did you mean 'name'?" in problems
    # the field the key misspells is not reported missing too: one mistake
    assert not any("required field is missing" in p for p in problems), problems
    assert "$[\"Career-Steps\"]: unknown field; did you mean 'career_steps'?" in (
        problems
    )


def test_a_key_that_only_looks_like_a_list_hides_no_reference() -> None:
    data = to_dict(hsm_knowledge.load())
    data["description"] = "my dataset"  # difflib: close to "descriptors"
    data["tags"] = ["x"]  # close to "tasks", but not another spelling of it
    data["relations"][0]["object"] = "descriptor:no-such-descriptor"
    data["relations"][1]["object"] = "task:no-such-task"
    problems = problems_of(KnowledgeBase, data)
    assert "$.relations[0].object: names unknown record " in "".join(problems)
    assert any("'descriptor:no-such-descriptor'" in p for p in problems)
    assert any("'task:no-such-task'" in p for p in problems)


def test_a_reference_no_failed_record_explains_is_still_reported() -> None:
    data = to_dict(hsm_knowledge.load())
    data["skills"][0]["id"] = "Leadership"  # the follow-ons name skill:leadership
    data["relations"][0]["object"] = "skill:no-such-skill"
    problems = problems_of(KnowledgeBase, data)
    assert problems[0].startswith("$.skills[0].id: 'Leadership' is not")
    assert "$.relations[0].object: names unknown record 'skill:no-such-skill'" in (
        problems
    )


def test_to_dict_writes_dicts_floats_and_subclassed_records() -> None:
    kb = hsm_knowledge.load()
    citation = kb.skills["leadership"].citations[0]

    @attrs.frozen
    class Noted(Citation):  # a user's subclass of a record class
        pass

    noted = Noted(source=citation.source, locator=citation.locator)
    assert to_dict({"first": citation, "ratio": 1.5}) == {
        "first": to_dict(citation),
        "ratio": 1.5,
    }
    assert to_dict(noted) == to_dict(citation)
    with pytest.raises(ValueError, match="JSON has no NaN"):
        to_dict(float("inf"))
    with pytest.raises(TypeError, match="cannot write a dict"):
        to_dict({1: citation})  # JSON object keys are strings


def test_the_record_strategy_names_the_class_to_pass_for_a_kind_name() -> None:
    with pytest.raises(TypeError, match=r"records\(hsm_knowledge\.CareerStep\)"):
        hs.records("career-step")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="no strategy for 'nope'"):
        hs.records("nope")  # type: ignore[arg-type]


@pytest.mark.parametrize("given_ids", ["office", st.sampled_from(["office"])])
def test_an_occupation_takes_its_work_settings_as_a_sequence(given_ids: Any) -> None:
    # a string would be sampled letter by letter
    with pytest.raises(TypeError, match="work_setting_ids must be a sequence"):
        hs.occupations(work_setting_ids=given_ids)


def test_every_record_strategy_takes_the_ids_the_module_names() -> None:
    import inspect

    for kind in hsm_knowledge.KINDS:
        strategy = hs._RECORDS[kind.cls]
        keywords = inspect.signature(strategy).parameters
        assert "record_ids" in keywords, kind.name
        cites = "citations" in attrs.fields_dict(kind.cls)
        assert ("source_ids" in keywords) == cites, kind.name


def test_a_converter_of_ones_own_changes_nothing_the_library_loads() -> None:
    from hsm_knowledge.serialize import make_converter

    mine = make_converter()
    # a hook that coerces numbers to decimals: the library still refuses them
    mine.register_structure_hook(Decimal, lambda value, _: Decimal(str(value)))
    data = to_dict(hsm_knowledge.load().statistics["median-annual-wage-2021"])
    assert mine.structure({**data, "value": 1.5}, hsm_knowledge.Statistic).value == (
        Decimal("1.5")
    )
    with pytest.raises(DataError, match=r"\$\.value: expected a decimal number"):
        from_dict(hsm_knowledge.Statistic, {**data, "value": 1.5})
    # each call makes a new one, which writes what to_dict writes
    assert make_converter() is not make_converter()
    assert make_converter().unstructure(hsm_knowledge.load().skills) == to_dict(
        hsm_knowledge.load().skills
    )
    assert not hasattr(hsm_knowledge.serialize, "converter")


@given(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=30),
    st.integers(min_value=0, max_value=200),
)
def test_the_size_limit_counts_bytes_whether_text_is_str_or_bytes(
    value: str, limit: int
) -> None:
    # the same document is over the limit as str exactly when it is as bytes
    text = json.dumps([value], ensure_ascii=False)
    outcomes = []
    for written in (text, text.encode("utf-8")):
        try:
            parse_json(written, max_bytes=limit)
            outcomes.append("ok")
        except DataError as exc:
            outcomes.append(exc.problems[0].message)
    assert outcomes[0] == outcomes[1]
    size = len(text.encode("utf-8"))
    assert (outcomes[0] == "ok") == (size <= limit)


def test_a_string_that_is_not_text_keeps_its_other_problems() -> None:
    # that a string stands where an object or array belongs, or under an
    # unknown key, does not follow from its surrogate: both are reported
    document = json.loads(to_json(hsm_knowledge.load()))
    skill = document["skills"][0]
    skill["citations"] = ["x\ud800"]
    skill["aliases"] = "y\ud800"
    skill["nmae"] = "z\ud800"
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(json.dumps(document))
    found = {(p.path, p.message.split(" (")[0]) for p in info.value.problems}
    assert found == {
        ("$.skills[0].citations[0]", "holds an unpaired surrogate"),
        ("$.skills[0].aliases", "holds an unpaired surrogate"),
        ("$.skills[0].nmae", "holds an unpaired surrogate"),
        ("$.skills[0].citations[0]", "expected an object, got a string"),
        ("$.skills[0].aliases", "expected an array, got a string"),
        ("$.skills[0].nmae", "unknown field; did you mean 'name'?"),
    }


def _not_the_id(instance: Any, attribute: Any, value: tuple[str, ...]) -> None:
    if instance.id in value:  # (reads the instance)
        raise ValueError("tags must not hold the id")


def _no_outer_spaces(instance: Any, attribute: Any, value: str) -> None:
    if value != value.strip():
        raise ValueError("tags must not start or end with spaces")


@attrs.frozen
class _Tagged:
    id: str
    tags: tuple[str, ...] = attrs.field(default=(), validator=_not_the_id)


@attrs.frozen
class _Spaced:
    id: str
    tags: tuple[str, ...] = attrs.field(
        default=(), validator=attrs.validators.deep_iterable(_no_outer_spaces)
    )


def test_a_users_array_validator_is_run_on_items_only_as_it_can_be() -> None:
    # one that reads the instance cannot check items alone: the item of
    # the wrong type is still reported
    with pytest.raises(DataError) as info:
        from_dict(_Tagged, {"id": "x", "tags": ["a", 5]})
    assert [str(p) for p in info.value.problems] == [
        "$.tags[1]: expected a string, got a number"
    ]
    # one that allows repeats gets none reported
    assert _Spaced("x", ("a", "a")).tags == ("a", "a")
    with pytest.raises(DataError) as info:
        from_dict(_Spaced, {"id": "x", "tags": ["a", 5, "a", " b"]})
    assert [str(p) for p in info.value.problems] == [
        "$.tags[1]: expected a string, got a number",
        "$.tags[3]: must not start or end with spaces",  # (the field is the path)
    ]


def test_a_string_is_not_an_array_of_its_characters() -> None:
    with pytest.raises(DataError, match=r"\$: expected an array, got a string"):
        from_json(list[str], '"abc"')
    with pytest.raises(DataError, match=r"\$: expected an array, got an object"):
        from_dict(list[str], {"a": 1})
    assert from_json(list[str], '["a", "b"]') == ["a", "b"]


@attrs.frozen
class _Short:
    tags: tuple[str, ...] = attrs.field(
        default=(), validator=attrs.validators.max_len(1)
    )


class _Refusal(Exception):
    """Not a ValueError: the loader cannot tell what it is about."""


def _refuse(instance: Any, attribute: Any, value: str) -> None:
    raise _Refusal("refused")


@attrs.frozen
class _Odd:
    n: int
    m: str = attrs.field(default="", validator=_refuse)


def test_repeats_are_reported_only_where_the_validator_refuses_them() -> None:
    # max_len(1) refuses two equal items for their number, not for repeating
    with pytest.raises(DataError) as info:
        from_dict(_Short, {"tags": ["a", "a"]})
    assert [str(p) for p in info.value.problems] == [
        "$.tags: Length of 'tags' must be <= 1: 2"
    ]
    with pytest.raises(DataError) as info:
        from_dict(_Short, {"tags": ["a", 5, "a"]})
    assert [str(p) for p in info.value.problems] == [
        "$.tags[1]: expected a string, got a number"
    ]


def test_a_validator_raising_something_else_does_not_hide_other_problems() -> None:
    # its own exception is its field's problem, beside the others
    with pytest.raises(DataError) as info:
        from_dict(_Odd, {"n": "x", "m": "y"})
    assert [str(p) for p in info.value.problems] == [
        "$.n: expected an integer, got a string",
        "$.m: refused",
    ]


def test_an_overlay_occupation_that_is_not_text_is_still_not_allowed() -> None:
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads('{"occupation": "x\\ud800"}', extend=True)
    messages = [p.message for p in info.value.problems]
    assert messages[0].startswith("holds an unpaired surrogate")
    assert "cannot replace its occupation" in messages[1]
    assert len(messages) == 2


def test_a_citation_hint_for_text_that_is_not_text_still_prints() -> None:
    document = json.loads(to_json(hsm_knowledge.load()))
    document["skills"][0]["citations"][0] = "seed-article: x\ud800"
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(json.dumps(document))
    str(info.value).encode("utf-8")  # no raw surrogate in any message
    assert any(
        p.message.endswith('{"source": "seed-article", "locator": "x\\ud800"}')
        for p in info.value.problems
    )


def _high_not_below_low(instance: Any, attribute: Any, value: int) -> None:
    if value < instance.low:  # (reads the instance)
        raise ValueError(f"high must be at least low ({instance.low})")


@attrs.frozen
class _Range:
    low: int = attrs.field(validator=attrs.validators.ge(0))
    high: int = attrs.field(validator=_high_not_below_low)
    other: int = attrs.field(validator=attrs.validators.ge(0))


@attrs.frozen
class _Lists:
    lists: tuple[list[str], ...] = attrs.field(
        default=(), validator=attrs.validators.min_len(0)
    )
    words: list[str] = attrs.field(
        factory=list,
        validator=attrs.validators.deep_iterable(
            attrs.validators.matches_re(r"[a-z]+")
        ),
    )
    few: tuple[str, ...] = attrs.field(
        default=(), validator=attrs.validators.min_len(3)
    )


def test_what_made_init_fail_is_kept_beside_other_problems() -> None:
    with pytest.raises(DataError) as info:
        from_dict(_Range, {"low": 5, "high": 1, "other": -1})
    assert [str(p) for p in info.value.problems] == [
        "$.other: 'other' must be >= 0: -1",
        "$: high must be at least low (5)",
    ]


def test_a_users_array_rules_are_blamed_on_items_only_when_they_are_per_item() -> None:
    # deep_iterable checks each item: each bad one is named, also in a
    # list; min_len is about the whole array: one problem at the field
    with pytest.raises(DataError) as info:
        from_dict(_Lists, {"words": ["ok", 5, "Not", "fine"], "few": ["a", "b"]})
    messages = [str(p) for p in info.value.problems]
    assert messages[0] == "$.words[1]: expected a string, got a number"
    assert messages[1].startswith("$.words[2]: ")
    assert messages[2] == "$.few: Length of 'few' must be >= 3: 2"
    assert len(messages) == 3


def _lower(instance: Any, attribute: Any, value: str) -> None:
    if value != value.lower():
        raise ValueError("must be lowercase")


class _Wrong(Exception):
    """A user's own exception, raised by a validator."""


def _wrong(instance: Any, attribute: Any, value: int) -> None:
    raise _Wrong("b is wrong")


def _no_repeat(instance: Any, attribute: Any, value: tuple[str, ...]) -> None:
    if len(set(value)) != len(value):
        raise ValueError("tags must not repeat an entry")


@attrs.frozen
class _Rules:
    short: tuple[str, ...] = attrs.field(
        validator=attrs.validators.deep_iterable(_lower, attrs.validators.max_len(2))
    )
    a: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    b: int = attrs.field(default=0, validator=_wrong)
    name: str = attrs.field(
        default="ok", validator=attrs.validators.matches_re("[a-z]+")
    )


@attrs.frozen
class _OneRule:
    tags: tuple[str, ...] = attrs.field(validator=_no_repeat)
    low: int = 0
    high: int = attrs.field(default=0, validator=_high_not_below_low)


def test_a_users_rules_are_each_reported_once_in_their_own_words() -> None:
    with pytest.raises(DataError) as info:
        from_dict(_Rules, {"short": ["a", "B", "c"], "a": -1, "b": 1, "name": "Bad"})
    assert [str(p) for p in info.value.problems] == [
        "$.short: Length of 'short' must be <= 2: 3",  # the whole array's rule
        "$.short[1]: must be lowercase",  # and the item's, in one load
        "$.a: 'a' must be >= 0: -1",
        "$.b: is wrong",  # a user's own exception is the field's problem
        "$.name: 'name' must match regex '[a-z]+' ('Bad' doesn't)",  # not a tuple
    ]
    # the error __init__ raised is the field's: not said again at $
    with pytest.raises(DataError) as info:
        from_dict(_OneRule, {"tags": ["a", "b", "a"]})
    assert [str(p) for p in info.value.problems] == ["$.tags: must not repeat an entry"]


@attrs.frozen
class _Nullable:
    x: int | None = attrs.field(
        default=None, validator=attrs.validators.instance_of(int)
    )
    y: int | None = attrs.field(
        default=None, validator=attrs.validators.instance_of(int)
    )


class _SumOver:
    """A validator object that cannot be hashed (``__eq__`` without a hash)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _SumOver) and other.limit == self.limit

    __hash__ = None  # type: ignore[assignment]

    def __call__(self, instance: Any, attribute: Any, value: tuple[int, ...]) -> None:
        if sum(value) > self.limit:
            raise ValueError("the sum is too large")


@attrs.frozen
class _Summed:
    ys: tuple[int, ...] = attrs.field(default=(), validator=_SumOver(3))


def test_a_validator_failing_on_a_none_value_is_the_fields_problem() -> None:
    # (not taken for one that reads the instance, which is None too)
    with pytest.raises(DataError) as info:
        from_dict(_Nullable, {"x": None, "y": None})
    assert [p.path for p in info.value.problems] == ["$.x", "$.y"]


def test_an_unhashable_validator_object_does_not_hide_the_problems() -> None:
    with pytest.raises(DataError) as info:
        from_dict(_Summed, {"ys": [5, "x"]})
    assert [str(p) for p in info.value.problems] == [
        "$.ys[1]: expected an integer, got a string"
    ]
    with pytest.raises(DataError) as info:
        from_dict(_Summed, {"ys": [5, 1]})
    assert [str(p) for p in info.value.problems] == ["$.ys: the sum is too large"]


def _under_limit(instance: Any, attribute: Any, value: int) -> None:
    try:
        limit = instance.limit
    except Exception:  # (broadly: must not swallow the loader's probe)
        limit = None
    if limit is not None and value > limit:
        raise ValueError("over the limit")


def _below_size(instance: Any, attribute: Any, value: int) -> None:
    if value >= len(instance):  # (a special method: not attribute access)
        raise ValueError("n must be below the record's size")


@attrs.frozen
class _Limited:
    limit: int = attrs.field(validator=attrs.validators.ge(0))
    n: int = attrs.field(default=0, validator=_under_limit)


@attrs.frozen
class _Sized:
    a: int = attrs.field(validator=attrs.validators.ge(0))
    n: int = attrs.field(default=0, validator=_below_size)

    def __len__(self) -> int:
        return 3


def test_validators_that_read_the_instance_in_other_ways_are_told_apart() -> None:
    # what __init__ raised stays at $; nothing is blamed on the value
    with pytest.raises(DataError) as info:
        from_dict(_Limited, {"limit": 1, "n": 2})
    assert [str(p) for p in info.value.problems] == ["$: over the limit"]
    with pytest.raises(DataError) as info:
        from_dict(_Sized, {"a": 1, "n": 20})
    assert [str(p) for p in info.value.problems] == [
        "$: n must be below the record's size"
    ]
    with pytest.raises(DataError) as info:
        from_dict(_Sized, {"a": -1, "n": 0})
    assert [str(p) for p in info.value.problems] == ["$.a: 'a' must be >= 0: -1"]


def _trimmed(instance: Any, attribute: Any, value: str) -> None:
    if value != value.strip():  # a message that names the instance's type
        raise TypeError(
            f"{type(instance).__name__}.{attribute.name}: spaces around {value!r}"
        )


_KEPT: dict[str, Any] = {}


def _keeps_the_instance(instance: Any, attribute: Any, value: int) -> None:
    _KEPT["instance"] = instance
    instance.limit  # noqa: B018 - (reads the instance)


def _reads_a_kept_instance(instance: Any, attribute: Any, value: int) -> None:
    kept = _KEPT.get("instance")
    if kept is not None and value > 3:
        try:
            kept.limit  # noqa: B018
        except Exception:
            raise ValueError("too big") from None


@attrs.frozen
class _Named:
    a: int = attrs.field(validator=attrs.validators.ge(0))
    name: str = attrs.field(default="x", validator=_trimmed)


@attrs.frozen
class _Keeper:
    limit: int = attrs.field(validator=attrs.validators.ge(0))
    m: int = attrs.field(default=0, validator=_keeps_the_instance)
    n: int = attrs.field(default=0, validator=_reads_a_kept_instance)


def test_a_message_naming_the_instance_is_still_the_values_problem() -> None:
    with pytest.raises(DataError) as info:
        from_dict(_Named, {"a": -1, "name": " x"})
    assert [p.path for p in info.value.problems] == ["$.a", "$.name"]


def test_the_loaders_stand_in_instance_never_escapes() -> None:
    # a validator that keeps the instance it was given, read later by
    # another: a DataError, never the loader's own signal
    with pytest.raises(DataError) as info:
        from_dict(_Keeper, {"limit": -1, "n": 5})
    assert [p.path for p in info.value.problems] == ["$.limit", "$.n"]


# --------------------------------------------------------------------------
# users' own classes: their enums, numbers, sets, literals and mappings are
# read as strictly as the records' fields


class _Mood(str, enum.Enum):
    HAPPY = "happy"
    SAD = "sad"


class _Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class _Plain(enum.Enum):
    A = "a"
    B = 2


@attrs.frozen(kw_only=True)
class _Moody:
    # (not a Skill subclass: a module-level one would be among Skill's
    # subclasses in every later test)
    name: str
    mood: _Mood = _Mood.HAPPY
    level: _Level = _Level.LOW


@attrs.frozen
class _Row:
    ratio: float
    tags: frozenset[str] = frozenset()
    choice: typing.Literal["x", "y"] = "x"
    counts: dict[str, int] = attrs.Factory(dict)
    plain: _Plain = _Plain.A


def _problems_of(cls: Any, data: Any) -> list[str]:
    with pytest.raises(DataError) as info:
        from_dict(cls, data)
    return [str(problem) for problem in info.value.problems]


def test_a_users_enums_take_their_members_values_only() -> None:
    base = {"name": "Leadership"}
    assert _problems_of(_Moody, {**base, "mood": "furious", "level": 9}) == [
        "$.mood: expected one of 'happy', 'sad'; got 'furious'",
        "$.level: expected one of 1, 2; got 9",
    ]
    assert _problems_of(_Moody, {**base, "mood": "hapy", "level": True}) == [
        "$.mood: expected one of 'happy', 'sad'; got 'hapy'; did you mean 'happy'?",
        "$.level: expected one of 1, 2; got a boolean",
    ]
    moody = from_dict(_Moody, {**base, "mood": "sad", "level": 2})
    # members, not their values
    assert (type(moody.mood), type(moody.level)) == (_Mood, _Level)
    assert (moody.mood, moody.level) == (_Mood.SAD, _Level.HIGH)
    assert _problems_of(_Row, {"ratio": 1, "plain": "c"}) == [
        "$.plain: expected one of 'a', 2; got 'c'"
    ]
    assert from_dict(_Row, {"ratio": 1, "plain": 2}).plain is _Plain.B


def test_a_users_numbers_sets_literals_and_mappings_are_not_coerced() -> None:
    assert _problems_of(_Row, {"ratio": "0.5", "tags": "abca"}) == [
        "$.ratio: expected a number, got a string",
        "$.tags: expected an array, got a string",
    ]
    assert _problems_of(_Row, {"ratio": True}) == [
        "$.ratio: expected a number, got a boolean"
    ]
    assert _problems_of(_Row, {"ratio": 1, "tags": ["a", "b", "a"]}) == [
        "$.tags[2]: repeats an earlier item of the set"
    ]
    assert _problems_of(_Row, {"ratio": 1, "choice": "z"}) == [
        "$.choice: expected one of 'x', 'y'; got 'z'"
    ]
    assert _problems_of(_Row, {"ratio": 1, "counts": []}) == [
        "$.counts: expected an object, got an array"
    ]
    row = from_dict(_Row, {"ratio": 2, "tags": ["b", "a"], "counts": {"a": 1}})
    assert row == _Row(2.0, frozenset({"a", "b"}), "x", {"a": 1})
    assert type(row.ratio) is float


def test_a_users_set_field_is_written_back_in_sorted_order() -> None:
    row = _Row(1.5, frozenset({"b", "c", "a"}))
    assert to_dict(row) == {"ratio": 1.5, "tags": ["a", "b", "c"]}
    assert from_json(_Row, to_json(row)) == row
    # sets anywhere, sorted; items that do not compare, by their JSON text
    assert to_dict({3, 1, 2}) == [1, 2, 3]
    assert to_dict([frozenset({"b", "a"}), set()]) == [["a", "b"], []]
    assert to_dict({2, "1"}) == ["1", 2]  # by JSON text: '"1"' before '2'
    assert to_dict({Metric.MEAN_ANNUAL_WAGE, Metric.EMPLOYMENT}) == [
        "employment",
        "mean-annual-wage",
    ]


@given(tags=st.frozensets(st.text(max_size=5) | st.integers(), max_size=6))
def test_a_set_is_written_in_the_same_order_whatever_its_order(
    tags: frozenset[Any],
) -> None:
    written = to_dict(tags)
    assert sorted(map(json.dumps, written)) == sorted(map(json.dumps, tags))
    # the same set built in reverse order writes the same list
    assert to_dict(frozenset(reversed(list(tags)))) == written
    assert json.loads(to_json(tags)) == written


def test_a_datetime_field_is_refused_with_the_reason() -> None:
    @attrs.frozen
    class When:
        at: dt.datetime

    assert _problems_of(When, {"at": "2024-05-01"}) == [
        "$.at: a datetime field cannot be read: the wire format has dates "
        "(YYYY-MM-DD), not times; use a date or a str field"
    ]


def test_a_users_plain_class_is_written_back() -> None:
    @attrs.frozen
    class Note:
        text: str
        mood: _Mood = _Mood.HAPPY
        level: _Level = _Level.LOW
        tags: tuple[str, ...] = ()

    note = from_dict(Note, {"text": "hi", "mood": "sad", "tags": ["a"]})
    assert to_dict(note) == {"text": "hi", "mood": "sad", "tags": ["a"]}
    assert from_json(Note, to_json(note)) == note

    @attrs.frozen
    class When:
        at: dt.datetime

    with pytest.raises(TypeError, match="to_dict\\(\\) cannot write a datetime"):
        to_dict(When(dt.datetime(2024, 5, 1, 12)))


def test_a_record_subclass_with_a_users_enum_passes_its_own_type_check() -> None:
    @attrs.frozen(kw_only=True)
    class MoodySkill(Skill):
        # (required: cattrs' include_subclasses, which another test uses
        # on Skill, tells a subclass apart by a field of its own)
        mood: _Mood

    base = to_dict(hsm_knowledge.load().skills["leadership"])
    assert _problems_of(MoodySkill, {**base, "mood": "furious"}) == [
        "$.mood: expected one of 'happy', 'sad'; got 'furious'"
    ]
    skill = from_dict(MoodySkill, {**base, "mood": "sad"})
    # a member, so evolve's type check passes (a plain str failed it)
    assert attrs.evolve(skill, name="Renamed").mood is _Mood.SAD
