"""Invariants of the record model, checked with Hypothesis."""

from __future__ import annotations

import datetime as dt
import enum
import re
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import (
    ID_PATTERN,
    Basis,
    Citation,
    Metric,
    Organization,
    Period,
    Provenance,
    Relation,
    RelationType,
    Skill,
    SkillCategory,
    Statistic,
    Unit,
    split_ref,
)
from hsm_knowledge import strategies as hs
from hsm_knowledge._model._base import written_digits
from hsm_knowledge.serialize import from_json, to_json

ids = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}\Z")
texts = hs.texts(max_size=30)
citation = st.builds(Citation, source=ids, locator=texts)


@given(st.text(max_size=20))
def test_ids_are_accepted_exactly_when_they_match_the_pattern(value: str) -> None:
    valid = re.fullmatch(ID_PATTERN[1:-1], value) is not None
    try:
        Citation(source=value, locator="x")
    except ValueError:
        assert not valid
    else:
        assert valid


@given(ids)
def test_generated_ids_are_valid(value: str) -> None:
    assert Citation(source=value, locator="x").source == value


@given(st.dates(), st.dates())
def test_period_requires_start_not_after_end(a: dt.date, b: dt.date) -> None:
    if a <= b:
        period = Period(start=a, end=b)
        assert period.start <= period.end
    else:
        with pytest.raises(ValueError, match=r"ends .* before it starts"):
            Period(start=a, end=b)


@given(st.sampled_from(["", " ", "\t", " padded", "padded "]))
def test_names_must_be_non_empty_and_trimmed(name: str) -> None:
    with pytest.raises(ValueError, match="name"):
        Skill(
            id="x",
            name=name,
            summary="s",
            citations=(Citation(source="s", locator="l"),),
            category=SkillCategory.LEADERSHIP,
        )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a\ud800", r"name holds an unpaired surrogate \('\\ud800'\)"),
        ("a\x00b", r"name holds the control character '\\x00'; of those, only"),
        ("a\x1b[31mb", "name holds the control character"),
        ("\u200b", r"name must hold a visible character, got '\\u200b'"),
        ("\u200b\u202e", "name must hold a visible character"),
    ],
)
def test_text_is_visible_text(name: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_skill(name=name)


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("Leadership\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u200bLeadership", "U+200B ZERO WIDTH SPACE"),
        ("Leader\u00ad", "U+00AD SOFT HYPHEN"),
        ("a\u200c", "U+200C ZERO WIDTH NON-JOINER"),
        ("\u200da", "U+200D ZERO WIDTH JOINER"),
        ("a\u2060", "U+2060 WORD JOINER"),
        ("\u180ea", "U+180E MONGOLIAN VOWEL SEPARATOR"),
    ],
)
def test_text_does_not_start_or_end_with_an_invisible_character(
    name: str, named: str
) -> None:
    # "Leadership\u200b" looks like "Leadership" but is not equal to it
    message = f"name must not start or end with an invisible character ({named})"
    with pytest.raises(ValueError, match=re.escape(message) + "$"):
        make_skill(name=name)


@pytest.mark.parametrize(
    "name",
    [
        "\u05e9\u05dc\u05d5\u05dd\u200f",  # a right-to-left mark may end text
        "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    ],
)
def test_text_may_end_with_a_mark_or_tag_that_belongs_to_it(name: str) -> None:
    # the flag of England ends with a tag character, which is a format one
    assert make_skill(name=name).name == name


@pytest.mark.parametrize(
    "name", ["line\nbreak", "tab\tstop", "crlf\r\nline", "a\u200db", "Zürich 中文 🙂"]
)
def test_line_breaks_tabs_and_format_characters_inside_text_are_kept(
    name: str,
) -> None:
    assert make_skill(name=name).name == name


@pytest.mark.parametrize(
    "url",
    [
        "https://",
        "http://",
        "https://exa mple.com",
        "https://x.org/a b",
        "ftp://x",
        "https://:80",  # a port, no host
        "https://\u200b/",  # an invisible host
        "https://example.com/\ud800",  # not text
        "https://example.com/a\x00b",
    ],
)
def test_a_url_needs_a_host_and_no_spaces(url: str) -> None:
    with pytest.raises(ValueError, match="is not an http"):
        make_organization(url=url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org",
        "http://localhost:8000/a?b=c#d",
        "https://x.org/",
        "https://user@example.com/",
    ],
)
def test_http_urls_are_accepted(url: str) -> None:
    assert make_organization(url=url).url == url


def make_skill(**changes: Any) -> Skill:
    fields: dict[str, Any] = {
        "id": "x",
        "name": "n",
        "summary": "s",
        "citations": (Citation(source="s", locator="l"),),
        "category": SkillCategory.LEADERSHIP,
    }
    return Skill(**{**fields, **changes})


def make_organization(**changes: Any) -> Organization:
    fields: dict[str, Any] = {
        "id": "o",
        "name": "n",
        "summary": "s",
        "citations": (Citation(source="s", locator="l"),),
    }
    return Organization(**{**fields, **changes})


def test_records_need_a_citation() -> None:
    with pytest.raises(ValueError, match="at least one citation"):
        Skill(
            id="x",
            name="n",
            summary="s",
            citations=(),
            category=SkillCategory.LEADERSHIP,
        )


def make_statistic(**changes: object) -> Statistic:
    fields: dict[str, object] = {
        "id": "x",
        "name": "n",
        "summary": "s",
        "citations": (Citation(source="s", locator="l"),),
        "metric": Metric.MEDIAN_ANNUAL_WAGE,
        "value": Decimal("1"),
        "unit": Unit.CURRENCY_PER_YEAR,
        "currency": "USD",
        "period": Period(start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31)),
        "geography": "US",
    }
    fields.update(changes)
    return Statistic(**fields)  # type: ignore[arg-type]


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_statistic_values_must_be_finite_and_are_kept_exactly(value: Decimal) -> None:
    if not value.is_finite():
        with pytest.raises(ValueError, match="finite"):
            make_statistic(value=value, unit=Unit.PERCENT, currency=None)
    elif sum(char.isdigit() for char in format(value, "f")) > 100:
        with pytest.raises(ValueError, match="at most 100 digits"):
            make_statistic(value=value, unit=Unit.PERCENT, currency=None)
    else:
        figure = make_statistic(value=value, unit=Unit.PERCENT, currency=None)
        assert str(figure.value) == str(value)


# Decimals of any size: a coefficient of up to 120 digits, scaled by up to
# 10**±150 (so that some have more than 100 digits written out).
_ANY_SIZE = st.builds(
    lambda coefficient, exponent: Decimal(coefficient).scaleb(exponent),
    st.integers(-(10**120), 10**120),
    st.integers(-150, 150),
)


@given(_ANY_SIZE)
def test_written_digits_counts_what_the_wire_format_writes(value: Decimal) -> None:
    assert written_digits(value) == sum(c.isdigit() for c in format(value, "f"))


@given(_ANY_SIZE)
def test_every_figure_a_record_takes_can_be_written_and_read_back(
    value: Decimal,
) -> None:
    # the model refuses what the reader would: nothing is written that
    # cannot be read back
    if written_digits(value) > 100:
        with pytest.raises(ValueError, match="value must have at most 100 digits"):
            make_statistic(value=value, unit=Unit.PERCENT, currency=None)
        return
    figure = make_statistic(value=value, unit=Unit.PERCENT, currency=None)
    assert from_json(Statistic, to_json(figure)) == figure


def test_a_huge_exponent_is_refused_without_writing_it_out() -> None:
    with pytest.raises(ValueError, match="got 1,000,000,000,001 "):
        make_statistic(
            value=Decimal("1E+1000000000000"), unit=Unit.PERCENT, currency=None
        )


def test_integers_have_at_most_100_digits() -> None:
    task = hsm_knowledge.load().tasks["onet-46"]
    kept = attrs.evolve(task, onet_id=10**100 - 1)
    assert from_json(type(task), to_json(kept)) == kept
    with pytest.raises(
        ValueError,
        match="onet_id must have at most 100 digits, got an integer of 101 digits",
    ):
        attrs.evolve(task, onet_id=10**100)
    with pytest.raises(ValueError, match="more than 4,000 digits"):
        attrs.evolve(task, onet_id=10**5000)


@given(st.decimals(max_value=Decimal("-0.001"), allow_nan=False, allow_infinity=False))
def test_counts_and_money_cannot_be_negative(value: Decimal) -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        make_statistic(value=value)
    # a percentage change can fall
    assert make_statistic(value=value, unit=Unit.PERCENT, currency=None).value < 0


def test_money_needs_a_currency_and_only_money_has_one() -> None:
    with pytest.raises(ValueError, match="needs a currency"):
        make_statistic(currency=None)
    with pytest.raises(ValueError, match="not money"):
        make_statistic(unit=Unit.JOBS)
    with pytest.raises(ValueError, match="ISO 4217"):
        make_statistic(currency="usd")


@given(ids, ids, st.sampled_from(["skill", "career-step", "work-setting"]))
def test_refs_split_into_kind_and_id(kind_id: str, other: str, kind: str) -> None:
    assert split_ref(f"{kind}:{kind_id}") == (kind, kind_id)
    with pytest.raises(ValueError, match="kind:id"):
        split_ref(f"{kind}/{kind_id}")


def test_split_ref_of_a_non_string_is_a_type_error_as_in_resolve() -> None:
    with pytest.raises(TypeError, match="a reference is a string, not NoneType"):
        split_ref(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a reference is a string, not NoneType"):
        hsm_knowledge.load().resolve(None)  # type: ignore[arg-type]


def test_relations_need_a_rationale_when_editorial() -> None:
    c = (Citation(source="s", locator="l"),)
    with pytest.raises(ValueError, match="rationale"):
        Relation(
            subject="skill:a",
            type=RelationType.SUPPORTS,
            object="skill:b",
            basis=Basis.EDITORIAL,
            citations=c,
        )
    with pytest.raises(ValueError, match="itself"):
        Relation(
            subject="skill:a",
            type=RelationType.SUPPORTS,
            object="skill:a",
            basis=Basis.STATED,
            citations=c,
        )


@given(
    st.builds(
        Skill,
        id=ids,
        name=texts,
        summary=texts,
        citations=st.lists(citation, min_size=1, max_size=3, unique=True).map(tuple),
        category=st.sampled_from(SkillCategory),
        aliases=st.lists(texts, unique=True, max_size=3).map(tuple),
    )
)
def test_records_are_hashable_and_equal_to_their_copies(skill: Skill) -> None:
    copy = attrs.evolve(skill)
    assert copy == skill
    assert hash(copy) == hash(skill)
    assert skill.ref == f"skill:{skill.id}"


@given(st.sampled_from(Provenance), st.none() | ids)
def test_only_a_secondary_figure_is_attributed(
    provenance: Provenance, attributed_to: str | None
) -> None:
    if provenance is Provenance.PRIMARY and attributed_to is not None:
        with pytest.raises(ValueError, match=r"^a primary figure is attributed to no"):
            make_statistic(provenance=provenance, attributed_to=attributed_to)
    else:
        figure = make_statistic(provenance=provenance, attributed_to=attributed_to)
        assert figure.attributed_to == attributed_to


@given(
    hs.tasks(),
    st.decimals(allow_nan=False, allow_infinity=False, places=1),
    hs.ratings(),
)
def test_counts_of_people_cannot_be_negative(
    task: hsm_knowledge.Task, count: Decimal, rating: hsm_knowledge.Rating
) -> None:
    # a task's incumbents responding, like a rating's sample size n
    for record, name in ((task, "incumbents_responding"), (rating, "n")):
        if count < 0:
            with pytest.raises(
                ValueError, match=rf"^{name} cannot be negative \({count}\)$"
            ):
                attrs.evolve(record, **{name: count})
        else:
            assert getattr(attrs.evolve(record, **{name: count}), name) == count


def test_percentile_metrics_need_a_percentile_and_others_refuse_one() -> None:
    with pytest.raises(ValueError, match="needs a percentile"):
        make_statistic(metric=Metric.ANNUAL_WAGE_PERCENTILE)
    assert make_statistic(metric=Metric.ANNUAL_WAGE_PERCENTILE, percentile=90)
    with pytest.raises(ValueError, match="has no percentile"):
        make_statistic(percentile=50)
    with pytest.raises(ValueError, match="percentile"):
        make_statistic(metric=Metric.ANNUAL_WAGE_PERCENTILE, percentile=100)
    with pytest.raises(ValueError, match="relative standard error"):
        make_statistic(relative_standard_error=Decimal("-0.1"))


# (a strategy for records, a field, its least and greatest values)
_BOUNDED_INTEGERS: list[tuple[Any, str, int | None, int | None]] = [
    (hs.career_steps(), "order", 1, None),
    (hs.tasks(), "onet_id", 1, None),
    (hs.job_zones(), "zone", 1, 5),
    (hs.related_occupations(), "index", 1, None),
    (hs.ratings(), "category", 0, None),
    (hs.manifests(), "schema_version", 1, None),
    (
        hs.statistics().filter(lambda s: s.metric.needs_percentile),
        "percentile",
        1,
        99,
    ),
]


@pytest.mark.parametrize(
    ("records", "name", "low", "high"),
    _BOUNDED_INTEGERS,
    ids=[name for _, name, _, _ in _BOUNDED_INTEGERS],
)
@given(data=st.data(), value=st.integers(-5, 120))
def test_integer_bounds_are_named_in_words(
    records: Any,
    name: str,
    low: int | None,
    high: int | None,
    data: st.DataObject,
    value: int,
) -> None:
    record = data.draw(records)
    if (low is None or value >= low) and (high is None or value <= high):
        assert getattr(attrs.evolve(record, **{name: value}), name) == value
        return
    wanted = f"at least {low}" if high is None else f"from {low} to {high}"
    with pytest.raises(ValueError, match=f"^{name} must be {wanted}, got {value}$"):
        attrs.evolve(record, **{name: value})


# --------------------------------------------------------------------------
# field types are checked when a record is made (attrs.evolve too)


def _records() -> dict[str, object]:
    import hsm_knowledge

    kb = hsm_knowledge.load()
    return {
        "skill": kb.skills["leadership"],
        "step": kb.career_steps["obtain-a-degree"],
        "statistic": kb.statistics["median-annual-wage-2021"],
        "relation": kb.relations[0],
        "descriptor": kb.descriptors["skill-critical-thinking"],
        "source": kb.sources["onet-29-3"],
    }


@pytest.mark.parametrize(
    ("record", "changes", "message"),
    [
        (
            "skill",
            {"category": "soft"},
            "Skill.category must be a SkillCategory (such as "
            "SkillCategory.LEADERSHIP), got str 'soft'",
        ),
        ("skill", {"aliases": "abc"}, "Skill.aliases must be a tuple of str, got str"),
        (
            "skill",
            {"aliases": ["a", "b"]},
            "Skill.aliases must be a tuple of str, got list ['a', 'b'] (records "
            "are immutable: pass a tuple)",
        ),
        ("skill", {"aliases": ("a", 3)}, "Skill.aliases[1] must be a str, got int 3"),
        (
            "skill",
            {"citations": ({"source": "x", "locator": "y"},)},
            "Skill.citations[0] must be a Citation, got dict",
        ),
        (
            "skill",
            {"name": SkillCategory.LEADERSHIP},
            "Skill.name must be a str, got SkillCategory",
        ),
        (
            "step",
            {"essential": "yes"},
            "CareerStep.essential must be a bool (True or False), got str 'yes'",
        ),
        ("step", {"order": True}, "CareerStep.order must be an int, got bool True"),
        (
            "statistic",
            {"unit": "percent"},
            "Statistic.unit must be a Unit (such as Unit.CURRENCY_PER_YEAR), got str",
        ),
        (
            "statistic",
            {"percentile": "90"},
            "Statistic.percentile must be an int or None, got str '90'",
        ),
        ("statistic", {"value": 3.5}, "Statistic.value must be a Decimal, got float"),
        (
            "statistic",
            {"period": "2021"},
            "Statistic.period must be a Period, got str '2021'",
        ),
        (
            "relation",
            {"basis": "editorial"},
            "Relation.basis must be a Basis (such as Basis.STATED), got str",
        ),
        (
            "descriptor",
            {"ratings": ({"scale": "IM"},)},
            "Descriptor.ratings[0] must be a Rating, got dict",
        ),
        (
            "source",
            {"published": dt.datetime(2025, 5, 1, 12, 0)},
            "Source.published must be a datetime.date (not a datetime) or None, "
            "got datetime",
        ),
    ],
)
def test_a_wrong_type_is_refused_naming_the_field_and_what_it_takes(
    record: str, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(TypeError) as caught:
        attrs.evolve(_records()[record], **changes)  # type: ignore[misc]
    assert str(caught.value).startswith(message)


def test_value_classes_check_their_types_too() -> None:
    with pytest.raises(TypeError, match=r"^Period.start must be a datetime.date"):
        Period(start="2021-01-01", end=dt.date(2021, 12, 31))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^Citation.source must be a str, got int"):
        Citation(source=3, locator="x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^Period.label must be a str or None"):
        Period(start=dt.date(2021, 1, 1), end=dt.date(2021, 1, 1), label=2021)  # type: ignore[arg-type]


def test_the_strict_loader_leaves_type_checking_on_afterwards() -> None:
    import hsm_knowledge
    from hsm_knowledge.serialize import from_dict

    with pytest.raises(hsm_knowledge.DataError):
        from_dict(Period, {"start": "2021-12-31", "end": "2021-01-01"})
    assert from_dict(Period, {"start": "2021-01-01", "end": "2021-01-02"}).label is None
    with pytest.raises(TypeError, match=r"^Period\.start must be"):
        Period(start="2021-01-01", end=dt.date(2021, 12, 31))  # type: ignore[arg-type]


@given(
    st.one_of(
        st.none(),
        st.integers(),
        st.floats(allow_nan=False),
        st.booleans(),
        st.lists(st.text(max_size=3), max_size=2),
        st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
    )
)
def test_text_fields_take_only_text(value: object) -> None:
    with pytest.raises(TypeError, match=r"^Citation.locator must be a str, got "):
        Citation(source="x", locator=value)  # type: ignore[arg-type]


def test_a_user_subclass_whose_annotations_cannot_be_resolved_still_works() -> None:
    # a local class: its annotation names nothing in the module's globals
    class Local:
        pass

    @attrs.frozen(kw_only=True)
    class Annotated(Citation):
        extra: Local | None = None

    made = Annotated(source="bls", locator="Pay", extra=Local())
    assert made.source == "bls"
    with pytest.raises(TypeError, match=r"^Annotated.source must be a str"):
        Annotated(source=3, locator="Pay")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"codes": ("x",)}, "Occupation.codes[0] must be an OccupationCode, got str"),
    ],
)
def test_messages_use_an_before_a_vowel(
    changes: dict[str, object], message: str
) -> None:
    import hsm_knowledge

    with pytest.raises(TypeError) as caught:
        attrs.evolve(hsm_knowledge.load().occupation, **changes)  # type: ignore[misc]
    assert str(caught.value).startswith(message)


def test_a_percentile_message_says_an_before_a_vowel() -> None:
    with pytest.raises(ValueError, match=r"^an annual-wage-percentile figure needs"):
        make_statistic(metric=Metric.ANNUAL_WAGE_PERCENTILE)
    with pytest.raises(ValueError, match=r"^a median-annual-wage figure has no"):
        make_statistic(percentile=90)


def test_a_tuple_of_citations_ids_or_activities_does_not_repeat_an_entry() -> None:
    citation = Citation(source="s", locator="l")
    with pytest.raises(ValueError, match=r"citations must not repeat an entry; item 1"):
        make_skill(citations=(citation, citation))
    occupation = hsm_knowledge.load().occupation
    with pytest.raises(ValueError, match="facility_types must not repeat an entry"):
        attrs.evolve(occupation, facility_types=("hospital", "hospital"))
    task = next(iter(hsm_knowledge.load().tasks.filter(lambda t: t.work_activities)))
    twice = (task.work_activities[0], task.work_activities[0])
    with pytest.raises(ValueError, match="work_activities must not repeat an entry"):
        attrs.evolve(task, work_activities=twice)


@given(st.text(alphabet="a \ufeff\t\n\u200b\u00ad\u2060"))
def test_texts_trimmed_as_the_strategy_trims_are_accepted(raw: str) -> None:
    # spaces and U+FEFF may alternate at an end: trimmed in one pass
    from hsm_knowledge.strategies import _EDGE_SPACE, _has_visible_character

    text = _EDGE_SPACE.sub("", raw)
    if _has_visible_character(text):
        assert make_skill(name=text).name == text


def _model_enums() -> list[type[enum.Enum]]:
    return sorted(
        (
            value
            for name in hsm_knowledge.__all__
            if isinstance(value := getattr(hsm_knowledge, name), type)
            and issubclass(value, enum.Enum)
        ),
        key=lambda cls: cls.__name__,
    )


@pytest.mark.parametrize("enum_cls", _model_enums(), ids=lambda cls: cls.__name__)
def test_an_enum_member_prints_as_its_value_on_every_python(
    enum_cls: type[enum.Enum],
) -> None:
    # (Python 3.10 formats a (str, Enum) member as its value and 3.11 as
    # its name; the model's print as the value the data stores everywhere)
    for member in enum_cls:
        assert str(member) == f"{member}" == member.value
        assert f"{member:>40}" == f"{member.value:>40}"
        assert repr(member).startswith(f"<{enum_cls.__name__}.{member.name}: ")


def test_the_model_has_enums_to_print() -> None:
    assert len(_model_enums()) == 15
