"""Hypothesis strategies for every record type and for whole knowledge bases.

Install the ``testing`` extra (``pip install 'hsm-knowledge[testing]'``) to
use this module. Every strategy draws only valid values: records that pass
the model's validators, and with :func:`knowledge_bases`, datasets whose
references all resolve. Use them to property-test code that consumes the
library's records.

Each record strategy takes ``record_ids`` (a strategy for the record's own
id), ``source_ids`` (one for the sources its citations name) and, where
the record refers to others, strategies for those ids (``issuer_ids``,
``parent_ids``...; an occupation takes the sequence of work setting ids its
facility types may name), so that records can be drawn to fit an existing
knowledge base. A parameter that takes a strategy refuses anything else
(a list of ids, say) with a :class:`TypeError` naming it, when the
strategy is made.

Example:
    >>> from hypothesis import given, settings
    >>> from hsm_knowledge import Skill
    >>> from hsm_knowledge.serialize import from_dict, to_dict
    >>> from hsm_knowledge.strategies import skills
    >>> @settings(max_examples=10)
    ... @given(skills())
    ... def test_round_trip(skill):
    ...     assert from_dict(Skill, to_dict(skill)) == skill
    >>> test_round_trip()
"""

from __future__ import annotations

import datetime as _dt
import functools
import inspect
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from ._knowledge import (
    KINDS,
    SUPPORTED_SCHEMA_VERSIONS,
    KnowledgeBase,
)
from ._model import (
    Basis,
    Benefit,
    BenefitKind,
    CareerStep,
    Citation,
    CodeSystem,
    Credential,
    CredentialCategory,
    Descriptor,
    DescriptorDomain,
    DetailedWorkActivity,
    EntryRequirements,
    JobTitle,
    JobZone,
    Manifest,
    Metric,
    Occupation,
    OccupationCode,
    Organization,
    Period,
    Provenance,
    Rating,
    RelatednessTier,
    RelatedOccupation,
    Relation,
    RelationType,
    Responsibility,
    Seniority,
    Skill,
    SkillCategory,
    Source,
    SourceType,
    SourceVintage,
    Specialization,
    Statistic,
    Task,
    TaskCategory,
    TechnologySkill,
    TitleSource,
    Tool,
    Unit,
    WorkSetting,
)
from ._model._base import INVISIBLE_EDGES, is_visible

__all__ = [
    "benefits",
    "career_steps",
    "citations",
    "credentials",
    "decimals",
    "descriptors",
    "detailed_work_activities",
    "entry_requirements",
    "ids",
    "job_titles",
    "job_zones",
    "knowledge_bases",
    "manifests",
    "occupation_codes",
    "occupations",
    "organizations",
    "periods",
    "ratings",
    "records",
    "related_occupations",
    "relations",
    "responsibilities",
    "skills",
    "source_vintages",
    "sources",
    "specializations",
    "statistics",
    "tasks",
    "technology_skills",
    "texts",
    "tools",
    "work_settings",
]

T = TypeVar("T")
S = st.SearchStrategy


@functools.cache
def ids() -> S[str]:
    """Ids: lowercase kebab-case slugs such as ``"health-it-2"``.

    Returns:
        A strategy for ids matching :data:`hsm_knowledge.ID_PATTERN`.
    """
    # The language of ``[a-z0-9]{1,10}(-[a-z0-9]{1,8}){0,3}``, drawn as a
    # few strings rather than character by character (``st.from_regex``):
    # a knowledge base holds many ids, and this keeps its examples small.
    return st.builds(
        lambda first, rest: "-".join([first, *rest]),
        st.text(_ID_CHARS, min_size=1, max_size=10),
        st.lists(st.text(_ID_CHARS, min_size=1, max_size=8), max_size=3),
    )


_ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


@functools.cache
def texts(*, max_size: int = 40) -> S[str]:
    """Text the model accepts: any script, trimmed, with a visible character.

    Line breaks, tabs and format characters (such as a zero-width joiner)
    may occur inside the text; other control characters and unpaired
    surrogates never do.

    Args:
        max_size: The longest text drawn, before trimming.

    Returns:
        A strategy for strings the model accepts as names and summaries.
    """
    characters = st.characters(
        codec="utf-8", exclude_categories=["Cc"], include_characters="\n\r\t"
    )
    return (
        st.text(characters, min_size=1, max_size=max_size)
        .map(lambda text: _EDGE_SPACE.sub("", text))
        .filter(_has_visible_character)
    )


# whitespace, U+FEFF and invisible format characters at either end: what
# text fields may not start or end with (one pass, however they alternate)
_EDGE_SPACE = re.compile(
    rf"^[\s\ufeff{INVISIBLE_EDGES}]+|[\s\ufeff{INVISIBLE_EDGES}]+$"
)


def _has_visible_character(text: str) -> bool:
    return any(map(is_visible, text))


@functools.cache
def _text_tuples(max_size: int = 3) -> S[tuple[str, ...]]:
    return st.lists(texts(max_size=20), unique=True, max_size=max_size).map(tuple)


def _optional(strategy: S[T]) -> S[T | None]:
    return st.none() | strategy


def _urls() -> S[str]:
    return st.from_regex(r"\Ahttps?://[a-z]{1,12}\.example(/[a-z0-9-]{1,10}){0,2}\Z")


def decimals(*, min_value: int = -(10**12), max_value: int = 10**12) -> S[Decimal]:
    """Finite decimals with up to four places (and some positive exponents).

    Args:
        min_value: The smallest coefficient drawn.
        max_value: The largest coefficient drawn.

    Returns:
        A strategy for exact ``Decimal`` figures.
    """
    return st.builds(
        lambda coefficient, exponent: Decimal(coefficient).scaleb(exponent),
        st.integers(min_value, max_value),
        st.integers(-4, 2),
    )


def citations(source_ids: S[str] | None = None) -> S[Citation]:
    """Citations of a source (any id, or one drawn from *source_ids*).

    Args:
        source_ids: A strategy for the cited source's id.

    Returns:
        A strategy for :class:`~hsm_knowledge.Citation` values.
    """
    return st.builds(
        Citation,
        source=ids() if source_ids is None else source_ids,
        locator=texts(max_size=30),
    )


def _citation_tuples(source_ids: S[str] | None) -> S[tuple[Citation, ...]]:
    return st.lists(citations(source_ids), min_size=1, max_size=3, unique=True).map(
        tuple
    )


_PERIOD_DAYS = st.dates(min_value=_dt.date(1900, 1, 1))
_PERIOD_LABELS = _optional(texts(max_size=12))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Reference periods whose end is not before their start.

    Returns:
        A strategy for :class:`~hsm_knowledge.Period` values.
    """
    first = draw(_PERIOD_DAYS)
    second = draw(_PERIOD_DAYS)
    start, end = sorted((first, second))
    return Period(start=start, end=end, label=draw(_PERIOD_LABELS))


def occupation_codes(systems: S[CodeSystem] | None = None) -> S[OccupationCode]:
    """Occupation codes in any (or the given) classification systems.

    Args:
        systems: A strategy for the code's system.

    Returns:
        A strategy for :class:`~hsm_knowledge.OccupationCode` values.
    """
    return st.builds(
        OccupationCode,
        system=st.sampled_from(CodeSystem) if systems is None else systems,
        value=texts(max_size=12),
        label=_optional(texts()),
        uri=_optional(_urls()),
    )


# Each strategy function builds its parts once and returns a strategy that
# only draws from them: a strategy built inside a draw would be built (and
# validated by Hypothesis) again for every record, which made knowledge
# bases slow to draw.


def _record_field_strategies(
    record_ids: S[str] | None, source_ids: S[str] | None
) -> dict[str, S[Any]]:
    return {
        "id": ids() if record_ids is None else record_ids,
        "name": texts(),
        "summary": texts(max_size=80),
        "citations": _citation_tuples(source_ids),
    }


def occupations(
    *,
    record_ids: S[str] | None = None,
    source_ids: S[str] | None = None,
    work_setting_ids: Sequence[str] | None = None,
) -> S[Occupation]:
    """Occupations with codes in distinct systems (ESCO may repeat).

    No code and no URI appears twice among an occupation's codes.

    Args:
        record_ids: A strategy for the occupation's id.
        source_ids: A strategy for the ids its citations name.
        work_setting_ids: The ids of the work settings its facility types
            may name, as a sequence (not a strategy); any ids when ``None``.

    Returns:
        A strategy for :class:`~hsm_knowledge.Occupation` records.

    Raises:
        TypeError: If *work_setting_ids* is a string or a strategy rather
            than a sequence of ids, or holds something other than ids.
    """
    if isinstance(work_setting_ids, (str, bytes, st.SearchStrategy)):
        raise TypeError(
            "work_setting_ids must be a sequence of work setting ids "
            f"(['office']), not {type(work_setting_ids).__name__}"
        )
    if work_setting_ids is not None:
        odd = next((i for i in work_setting_ids if not isinstance(i, str)), None)
        if odd is not None:  # (records, say, rather than their ids)
            raise TypeError(
                "work_setting_ids must be a sequence of work setting ids "
                f"(['office']), not of {type(odd).__name__}"
            )
    systems = st.lists(st.sampled_from(CodeSystem), unique=True)
    code_in = {system: occupation_codes(st.just(system)) for system in CodeSystem}
    more_esco = st.lists(code_in[CodeSystem.ESCO], max_size=2)

    @st.composite
    def codes(draw: st.DrawFn) -> tuple[OccupationCode, ...]:
        drawn = draw(systems)
        found = [draw(code_in[system]) for system in drawn]
        if CodeSystem.ESCO in drawn:
            found.extend(draw(more_esco))
        # an occupation's codes repeat neither a code nor a URI
        kept: list[OccupationCode] = []
        seen: set[object] = set()
        for code in found:
            keys = {(code.system, code.value)} | ({code.uri} - {None})
            if not keys & seen:
                kept.append(code)
                seen |= keys
        return tuple(kept)

    if work_setting_ids is None:
        facility_types = st.lists(ids(), max_size=3, unique=True)
    elif work_setting_ids:
        facility_types = st.lists(
            st.sampled_from(work_setting_ids), max_size=3, unique=True
        )
    else:
        facility_types = st.just([])
    return st.builds(
        Occupation,
        **_record_field_strategies(record_ids, source_ids),
        codes=codes(),
        aliases=_text_tuples(),
        facility_types=facility_types.map(tuple),
        notes=_text_tuples(2),
    )


def sources(
    *,
    record_ids: S[str] | None = None,
    publisher_ids: S[str] | None = None,
) -> S[Source]:
    """Sources, optionally published by an organization.

    Args:
        record_ids: A strategy for the source's id.
        publisher_ids: A strategy for the publisher's id; ``st.nothing()``
            for sources without one.

    Returns:
        A strategy for :class:`~hsm_knowledge.Source` records.
    """
    publisher = publisher_ids if publisher_ids is not None else ids()
    return st.builds(
        Source,
        id=ids() if record_ids is None else record_ids,
        title=texts(),
        type=st.sampled_from(SourceType),
        publisher=_optional(publisher),
        url=_optional(_urls()),
        edition=_optional(texts(max_size=10)),
        published=_optional(st.dates()),
        license=_optional(texts(max_size=20)),
        attribution=_optional(texts()),
        notes=_optional(texts()),
    )


def organizations(
    *,
    record_ids: S[str] | None = None,
    source_ids: S[str] | None = None,
    parent_ids: S[str] | None = None,
) -> S[Organization]:
    """Organizations, optionally divisions of a parent organization.

    Args:
        record_ids: A strategy for the organization's id.
        source_ids: A strategy for the ids its citations name.
        parent_ids: A strategy for the parent's id; ``st.nothing()`` for
            organizations without one.

    Returns:
        A strategy for :class:`~hsm_knowledge.Organization` records.
    """
    fields = st.fixed_dictionaries(_record_field_strategies(record_ids, source_ids))
    parents = _optional(parent_ids if parent_ids is not None else ids())
    rest: S[dict[str, Any]] = st.fixed_dictionaries(
        {
            "abbreviation": _optional(texts(max_size=8)),
            "url": _optional(_urls()),
            "aliases": _text_tuples(),
        }
    )

    @st.composite
    def organization(draw: st.DrawFn) -> Organization:
        record = draw(fields)
        parent = draw(parents)
        # An organization is not its own parent.
        parent = None if parent == record["id"] else parent
        return Organization(**record, parent=parent, **draw(rest))

    return organization()


def _simple(cls: type[T], **extra: Callable[[], S[Any]]) -> Callable[..., S[T]]:
    def strategy(
        *, record_ids: S[str] | None = None, source_ids: S[str] | None = None
    ) -> S[T]:
        return st.builds(
            cls,
            **_record_field_strategies(record_ids, source_ids),
            **{name: make() for name, make in extra.items()},
        )

    return strategy


_responsibilities = _simple(Responsibility, duties=_text_tuples, aliases=_text_tuples)
_specializations = _simple(Specialization, focus=_text_tuples, aliases=_text_tuples)
_skills = _simple(
    Skill,
    category=lambda: st.sampled_from(SkillCategory),
    aliases=_text_tuples,
    components=_text_tuples,
)
_benefits = _simple(Benefit, type=lambda: st.sampled_from(BenefitKind))
_work_settings = _simple(WorkSetting, aliases=_text_tuples)
_job_titles = _simple(
    JobTitle,
    seniority=lambda: _optional(st.sampled_from(Seniority)),
    title_sources=lambda: st.lists(st.sampled_from(TitleSource), unique=True).map(
        tuple
    ),
    short_title=lambda: _optional(texts(max_size=20)),
    shown_in_my_next_move=lambda: _optional(st.booleans()),
    onet_source_codes=_text_tuples,
)


def responsibilities(
    *, record_ids: S[str] | None = None, source_ids: S[str] | None = None
) -> S[Responsibility]:
    """Responsibilities with duties and aliases.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.

    Returns:
        A strategy for :class:`~hsm_knowledge.Responsibility` records.
    """
    return _responsibilities(record_ids=record_ids, source_ids=source_ids)


def specializations(
    *, record_ids: S[str] | None = None, source_ids: S[str] | None = None
) -> S[Specialization]:
    """Specializations with their focus and aliases.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.

    Returns:
        A strategy for :class:`~hsm_knowledge.Specialization` records.
    """
    return _specializations(record_ids=record_ids, source_ids=source_ids)


def skills(
    *, record_ids: S[str] | None = None, source_ids: S[str] | None = None
) -> S[Skill]:
    """Skills of every category.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.

    Returns:
        A strategy for :class:`~hsm_knowledge.Skill` records.
    """
    return _skills(record_ids=record_ids, source_ids=source_ids)


def benefits(
    *, record_ids: S[str] | None = None, source_ids: S[str] | None = None
) -> S[Benefit]:
    """Benefits of the career and of employers.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.

    Returns:
        A strategy for :class:`~hsm_knowledge.Benefit` records.
    """
    return _benefits(record_ids=record_ids, source_ids=source_ids)


def work_settings(
    *, record_ids: S[str] | None = None, source_ids: S[str] | None = None
) -> S[WorkSetting]:
    """Work settings with aliases.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.

    Returns:
        A strategy for :class:`~hsm_knowledge.WorkSetting` records.
    """
    return _work_settings(record_ids=record_ids, source_ids=source_ids)


def job_titles(
    *, record_ids: S[str] | None = None, source_ids: S[str] | None = None
) -> S[JobTitle]:
    """Job titles, with or without a seniority, O*NET lists and short title.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.

    Returns:
        A strategy for :class:`~hsm_knowledge.JobTitle` records.
    """
    return _job_titles(record_ids=record_ids, source_ids=source_ids)


def credentials(
    *,
    record_ids: S[str] | None = None,
    source_ids: S[str] | None = None,
    issuer_ids: S[str] | None = None,
) -> S[Credential]:
    """Credentials issued by an organization.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.
        issuer_ids: A strategy for the issuing organization's id.

    Returns:
        A strategy for :class:`~hsm_knowledge.Credential` records.
    """
    return st.builds(
        Credential,
        **_record_field_strategies(record_ids, source_ids),
        abbreviation=texts(max_size=8),
        issuer=ids() if issuer_ids is None else issuer_ids,
        category=st.sampled_from(CredentialCategory),
        aliases=_text_tuples(),
        requirements=_text_tuples(),
        renewal=_text_tuples(),
    )


def career_steps(
    *,
    record_ids: S[str] | None = None,
    source_ids: S[str] | None = None,
    orders: S[int] | None = None,
) -> S[CareerStep]:
    """Career steps.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.
        orders: A strategy for the step's order (1 or more).

    Returns:
        A strategy for :class:`~hsm_knowledge.CareerStep` records.
    """
    return st.builds(
        CareerStep,
        **_record_field_strategies(record_ids, source_ids),
        order=st.integers(1, 10**6) if orders is None else orders,
        essential=st.booleans(),
        options=_text_tuples(),
    )


_CURRENCIES = st.from_regex(r"\A[A-Z]{3}\Z")
_GEOGRAPHIES = st.from_regex(r"\A[A-Z]{2}(-[A-Z0-9]{1,3})?\Z")


def statistics(
    *,
    record_ids: S[str] | None = None,
    source_ids: S[str] | None = None,
    organization_ids: S[str] | None = None,
) -> S[Statistic]:
    """Statistics whose unit, currency, percentile, sign and attribution fit.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.
        organization_ids: A strategy for a secondary figure's
            ``attributed_to`` (a primary figure has none); ``st.nothing()``
            for figures attributed to no one.

    Returns:
        A strategy for :class:`~hsm_knowledge.Statistic` records.
    """
    fields = st.fixed_dictionaries(_record_field_strategies(record_ids, source_ids))
    attributed = _optional(organization_ids if organization_ids is not None else ids())
    rest: S[dict[str, Any]] = st.fixed_dictionaries(
        {
            "period": periods(),
            "geography": _GEOGRAPHIES,
            "edition": _optional(texts(max_size=10)),
            "provenance": st.sampled_from(Provenance),
            "attributed_to": attributed,
        }
    )
    more: S[dict[str, Any]] = st.fixed_dictionaries(
        {
            "industry": _optional(texts()),
            "relative_standard_error": _optional(decimals(min_value=0)),
        }
    )

    metrics = st.sampled_from(Metric)
    units = st.sampled_from(Unit)
    values = decimals()
    percentiles = st.integers(1, 99)

    @st.composite
    def statistic(draw: st.DrawFn) -> Statistic:
        record = draw(fields)
        metric = draw(metrics)
        unit = draw(units)
        value = draw(values)
        if unit is not Unit.PERCENT:
            value = abs(value)
        currency = draw(_CURRENCIES) if unit.is_monetary else None
        details = draw(rest)
        if details["provenance"] is Provenance.PRIMARY:
            details["attributed_to"] = None
        percentile = draw(percentiles) if metric.needs_percentile else None
        return Statistic(
            **record,
            metric=metric,
            value=value,
            unit=unit,
            currency=currency,
            **details,
            percentile=percentile,
            **draw(more),
        )

    return statistic()


def _non_negative_decimals() -> S[Decimal]:
    return decimals(min_value=0, max_value=10**6)


def _optional_periods() -> S[Period | None]:
    return _optional(periods())


def detailed_work_activities() -> S[DetailedWorkActivity]:
    """O*NET detailed work activities, as a task links them.

    Returns:
        A strategy for :class:`~hsm_knowledge.DetailedWorkActivity` values.
    """
    return st.builds(
        DetailedWorkActivity,
        id=texts(max_size=20),
        title=_optional(texts()),
        date=_optional_periods(),
        domain_source=_optional(texts(max_size=20)),
    )


_tasks = _simple(
    Task,
    onet_id=lambda: st.integers(1, 10**6),
    category=lambda: _optional(st.sampled_from(TaskCategory)),
    incumbents_responding=lambda: _optional(_non_negative_decimals()),
    date=_optional_periods,
    domain_source=lambda: _optional(texts(max_size=20)),
    work_activities=lambda: st.lists(
        detailed_work_activities(), max_size=2, unique=True
    ).map(tuple),
)


def tasks(
    *, record_ids: S[str] | None = None, source_ids: S[str] | None = None
) -> S[Task]:
    """O*NET task statements with their detailed work activities.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.

    Returns:
        A strategy for :class:`~hsm_knowledge.Task` records.
    """
    return _tasks(record_ids=record_ids, source_ids=source_ids)


#: O*NET's scale ids, and then any text: scales repeat often enough that
#: ratings on the same scale (in other categories) are drawn.
_SCALES = st.sampled_from(["IM", "LV", "RL", "RW", "PT", "OJ"]) | texts(max_size=4)


def ratings() -> S[Rating]:
    """Rating rows on any scale, with or without a category and statistics.

    Each holds together as :class:`~hsm_knowledge.Rating` requires: the
    value within the scale's bounds, each pair of bounds in order.

    Returns:
        A strategy for :class:`~hsm_knowledge.Rating` values.
    """
    three = st.lists(decimals(), min_size=3, max_size=3).map(sorted)
    two = st.lists(decimals(), min_size=2, max_size=2).map(sorted)
    texts_20 = _optional(texts(max_size=20))
    descriptions = _optional(texts())
    categories = _optional(st.integers(0, 20))
    non_negative = _optional(_non_negative_decimals())
    flags = _optional(st.booleans())
    periods = _optional_periods()

    @st.composite
    def rating(draw: st.DrawFn) -> Rating:
        low, value, high = draw(three)
        lower, upper = draw(two)
        return Rating(
            scale=draw(_SCALES),
            scale_name=draw(texts_20),
            scale_minimum=low if draw(st.booleans()) else None,
            scale_maximum=high if draw(st.booleans()) else None,
            value=value,
            category=draw(categories),
            category_description=draw(descriptions),
            n=draw(non_negative),
            standard_error=draw(non_negative),
            lower_ci_bound=lower if draw(st.booleans()) else None,
            upper_ci_bound=upper if draw(st.booleans()) else None,
            recommend_suppress=draw(flags),
            not_relevant=draw(flags),
            date=draw(periods),
            domain_source=draw(texts_20),
        )

    return rating()


def _rating_tuples() -> S[tuple[Rating, ...]]:
    return st.lists(
        ratings(), min_size=1, max_size=3, unique_by=lambda r: (r.scale, r.category)
    ).map(tuple)


_descriptors = _simple(
    Descriptor,
    domain=lambda: st.sampled_from(DescriptorDomain),
    element_id=lambda: texts(max_size=12),
    group=lambda: _optional(texts(max_size=20)),
    ratings=_rating_tuples,
)


def descriptors(
    *, record_ids: S[str] | None = None, source_ids: S[str] | None = None
) -> S[Descriptor]:
    """Rated O*NET descriptors of every domain, each with its ratings.

    The ratings of a descriptor never repeat a scale and category.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.

    Returns:
        A strategy for :class:`~hsm_knowledge.Descriptor` records.
    """
    return _descriptors(record_ids=record_ids, source_ids=source_ids)


_technology_skills = _simple(
    TechnologySkill,
    commodity_code=lambda: st.from_regex(r"\A[0-9]{8}\Z"),
    commodity_title=lambda: texts(max_size=20),
    hot_technology=st.booleans,
    in_demand=st.booleans,
)


def technology_skills(
    *, record_ids: S[str] | None = None, source_ids: S[str] | None = None
) -> S[TechnologySkill]:
    """Software with its commodity and O*NET's flags.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.

    Returns:
        A strategy for :class:`~hsm_knowledge.TechnologySkill` records.
    """
    return _technology_skills(record_ids=record_ids, source_ids=source_ids)


_tools = _simple(
    Tool,
    commodity_code=lambda: st.from_regex(r"\A[0-9]{8}\Z"),
    commodity_title=lambda: texts(max_size=20),
)


def tools(
    *, record_ids: S[str] | None = None, source_ids: S[str] | None = None
) -> S[Tool]:
    """Tools and equipment with their commodity.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.

    Returns:
        A strategy for :class:`~hsm_knowledge.Tool` records.
    """
    return _tools(record_ids=record_ids, source_ids=source_ids)


_related_occupations = _simple(
    RelatedOccupation,
    code=occupation_codes,
    tier=lambda: _optional(st.sampled_from(RelatednessTier)),
    index=lambda: _optional(st.integers(1, 100)),
    aliases=_text_tuples,
)


def related_occupations(
    *, record_ids: S[str] | None = None, source_ids: S[str] | None = None
) -> S[RelatedOccupation]:
    """Related occupations, with or without O*NET's tier and index.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.

    Returns:
        A strategy for :class:`~hsm_knowledge.RelatedOccupation` records.
    """
    return _related_occupations(record_ids=record_ids, source_ids=source_ids)


_job_zones = _simple(
    JobZone,
    zone=lambda: st.integers(1, 5),
    svp_range=lambda: _optional(texts(max_size=20)),
    date=_optional_periods,
    domain_source=lambda: _optional(texts(max_size=20)),
)


def job_zones(
    *, record_ids: S[str] | None = None, source_ids: S[str] | None = None
) -> S[JobZone]:
    """O*NET job zones 1 to 5.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.

    Returns:
        A strategy for :class:`~hsm_knowledge.JobZone` records.
    """
    return _job_zones(record_ids=record_ids, source_ids=source_ids)


_entry_requirements = _simple(
    EntryRequirements,
    edition=lambda: texts(max_size=10),
    education=lambda: _optional(texts(max_size=20)),
    work_experience=lambda: _optional(texts(max_size=20)),
    on_the_job_training=lambda: _optional(texts(max_size=20)),
)


def entry_requirements(
    *, record_ids: S[str] | None = None, source_ids: S[str] | None = None
) -> S[EntryRequirements]:
    """Entry requirements of a handbook edition, each of them optional.

    Args:
        record_ids: A strategy for the record's id.
        source_ids: A strategy for the ids its citations name.

    Returns:
        A strategy for :class:`~hsm_knowledge.EntryRequirements` records.
    """
    return _entry_requirements(record_ids=record_ids, source_ids=source_ids)


def _refs() -> S[str]:
    kinds = ["occupation", *(kind.name for kind in KINDS)]
    return st.builds(lambda kind, i: f"{kind}:{i}", st.sampled_from(kinds), ids())


def relations(
    *,
    refs: S[str] | None = None,
    source_ids: S[str] | None = None,
) -> S[Relation]:
    """Relations between two different records.

    Args:
        refs: A strategy for ``kind:id`` references to the two ends; it
            must be able to draw two different references (the object is
            drawn until it differs from the subject, which Hypothesis
            reports as a ``filter_too_much`` health check when it cannot).
        source_ids: A strategy for the ids its citations name.

    Returns:
        A strategy for :class:`~hsm_knowledge.Relation` edges.
    """
    ends = _refs() if refs is None else refs
    cited = _citation_tuples(source_ids)
    bases = st.sampled_from(Basis)
    types = st.sampled_from(RelationType)
    rationales = texts()

    @st.composite
    def relation(draw: st.DrawFn) -> Relation:
        subject = draw(ends)
        basis = draw(bases)
        rationale = draw(rationales) if basis is Basis.EDITORIAL else None
        return Relation(
            subject=subject,
            type=draw(types),
            object=draw(ends.filter(lambda ref: ref != subject)),
            basis=basis,
            citations=draw(cited),
            rationale=rationale,
        )

    return relation()


def source_vintages(source_ids: S[str] | None = None) -> S[SourceVintage]:
    """Source vintages of any source (or of one drawn from *source_ids*).

    Args:
        source_ids: A strategy for the source's id.

    Returns:
        A strategy for :class:`~hsm_knowledge.SourceVintage` values.
    """
    return st.builds(
        SourceVintage,
        source=ids() if source_ids is None else source_ids,
        vintage=texts(max_size=20),
    )


def manifests(source_ids: S[str] | None = None) -> S[Manifest]:
    """Manifests in a schema version this library reads.

    Args:
        source_ids: A strategy for the sources their vintages name (each
            source at most once); any ids when ``None``.

    Returns:
        A strategy for :class:`~hsm_knowledge.Manifest` values.
    """
    return st.builds(
        Manifest,
        dataset_version=texts(max_size=10),
        schema_version=st.sampled_from(sorted(SUPPORTED_SCHEMA_VERSIONS)),
        release_date=st.dates(),
        title=texts(),
        source_vintages=st.lists(
            source_vintages(source_ids), max_size=3, unique_by=lambda v: v.source
        ).map(tuple),
    )


_RECORDS: dict[type[Any], Callable[[], S[Any]]] = {
    Source: sources,
    Organization: organizations,
    Occupation: occupations,
    Responsibility: responsibilities,
    Specialization: specializations,
    Skill: skills,
    Credential: credentials,
    CareerStep: career_steps,
    Benefit: benefits,
    WorkSetting: work_settings,
    JobTitle: job_titles,
    Statistic: statistics,
    Task: tasks,
    Descriptor: descriptors,
    TechnologySkill: technology_skills,
    Tool: tools,
    RelatedOccupation: related_occupations,
    JobZone: job_zones,
    EntryRequirements: entry_requirements,
    Relation: relations,
    Citation: citations,
    Period: periods,
    OccupationCode: occupation_codes,
    DetailedWorkActivity: detailed_work_activities,
    Rating: ratings,
    SourceVintage: source_vintages,
    Manifest: manifests,
}


def records(cls: type[T]) -> S[T]:
    """Return the strategy for values of *cls*, with arbitrary references.

    Args:
        cls: A record or value class of the model, or
            :class:`~hsm_knowledge.Manifest` or
            :class:`~hsm_knowledge.SourceVintage`, or
            :class:`~hsm_knowledge.KnowledgeBase`.

    Returns:
        The strategy for *cls*.

    Raises:
        TypeError: If *cls* is not a class of the model.

    Example:
        >>> from hsm_knowledge import Credential
        >>> records(Credential) is not None
        True
    """
    if cls is KnowledgeBase:
        strategy: S[Any] = knowledge_bases()
        return strategy
    try:
        make = _RECORDS[cls]
    except (KeyError, TypeError):
        given: object = cls
        if isinstance(given, str):
            from ._knowledge import KINDS_BY_NAME, kind_of_name

            name = kind_of_name(given)
            if name in KINDS_BY_NAME:
                raise TypeError(
                    "records() takes a record class, not a kind name: "
                    f"records(hsm_knowledge.{KINDS_BY_NAME[name].class_name})"
                ) from None
        raise TypeError(f"no strategy for {cls!r}") from None
    result: S[T] = make()
    return result


# The id of a record drawn for a knowledge base, replaced by one of the
# unique ids drawn for its kind.
_PLACEHOLDER_ID = st.just("placeholder")


def _unique_ids(draw: st.DrawFn, min_size: int, max_size: int) -> list[str]:
    return draw(st.lists(ids(), min_size=min_size, max_size=max_size, unique=True))


def knowledge_bases(
    *,
    min_records: int = 0,
    max_records: int = 4,
    max_relations: int = 6,
) -> S[KnowledgeBase]:
    """Whole knowledge bases in which every reference resolves.

    Every kind gets between ``min_records`` and ``max_records`` records.
    Every citation and every source vintage of the manifest names one of the
    drawn sources, every issuer, publisher, parent and attribution one of
    the drawn organizations, every facility type one of the drawn work
    settings, every relation end a drawn record of any kind (or the
    occupation); ids are unique within each kind, career steps are in order
    and organizations have no parent cycles.

    Every kind has records as soon as ``min_records`` is 1 or more, so
    each example is then large: Hypothesis's ``too_slow`` and
    ``data_too_large`` health checks may fail with its default settings.
    Suppress them for such a test (``@settings(suppress_health_check=
    [HealthCheck.too_slow, HealthCheck.data_too_large])``), or leave
    ``min_records`` at 0 and let Hypothesis choose the sizes.

    Args:
        min_records: The fewest records of each kind.
        max_records: The most records of each kind (at least one source and
            one organization are always drawn).
        max_relations: The most relations.

    Raises:
        TypeError: If an argument is not an int.
        ValueError: If an argument is negative, or ``min_records`` is more
            than ``max_records``.

    Returns:
        A strategy for valid :class:`~hsm_knowledge.KnowledgeBase` objects.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(knowledge_bases(max_records=2))
        ... def test_sources_exist(kb):
        ...     assert len(kb.sources) >= 1
        >>> test_sources_exist()
    """
    for name, value in [
        ("min_records", min_records),
        ("max_records", max_records),
        ("max_relations", max_relations),
    ]:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")
        if value < 0:
            raise ValueError(f"{name} must not be negative, got {value}")
    if min_records > max_records:
        raise ValueError(
            f"min_records ({min_records}) must not be more than max_records "
            f"({max_records})"
        )
    return _knowledge_bases(min_records, max_records, max_relations)


@st.composite
def _knowledge_bases(
    draw: st.DrawFn, min_records: int, max_records: int, max_relations: int
) -> KnowledgeBase:
    source_ids = _unique_ids(draw, max(1, min_records), max(1, max_records))
    org_ids = _unique_ids(draw, max(1, min_records), max(1, max_records))
    cites = st.sampled_from(source_ids)
    orgs = st.sampled_from(org_ids)

    def some(
        make: Callable[..., S[Any]], record_ids: list[str] | None = None, **refs: Any
    ) -> list[Any]:
        # One strategy per kind, then the drawn ids put in: building a
        # strategy per record would be slow.
        if record_ids is None:
            record_ids = _unique_ids(draw, min_records, max_records)
        if not record_ids:
            return []
        strategy = make(record_ids=_PLACEHOLDER_ID, source_ids=cites, **refs)
        return [attrs.evolve(draw(strategy), id=i) for i in record_ids]

    source_strategy = sources(record_ids=_PLACEHOLDER_ID, publisher_ids=orgs)
    sources_ = [attrs.evolve(draw(source_strategy), id=i) for i in source_ids]
    organizations_ = some(organizations, org_ids, parent_ids=st.nothing())
    # Only earlier organizations may be parents: no cycles.
    organizations_ = [
        attrs.evolve(org, parent=draw(st.sampled_from([None, *org_ids[:n]])))
        for n, org in enumerate(organizations_)
    ]
    settings_ = some(work_settings)
    steps = some(career_steps)
    highest = max(50, 2 * len(steps))
    orders = sorted(
        draw(st.sets(st.integers(1, highest), min_size=len(steps), max_size=len(steps)))
    )
    steps = [attrs.evolve(step, order=n) for step, n in zip(steps, orders, strict=True)]
    collections: dict[str, Any] = {
        "sources": sources_,
        "organizations": organizations_,
        "responsibilities": some(responsibilities),
        "specializations": some(specializations),
        "skills": some(skills),
        "credentials": some(credentials, issuer_ids=orgs),
        "career_steps": steps,
        "benefits": some(benefits),
        "work_settings": settings_,
        "job_titles": some(job_titles),
        "statistics": some(statistics, organization_ids=orgs),
        "tasks": some(tasks),
        "descriptors": some(descriptors),
        "technology_skills": some(technology_skills),
        "tools": some(tools),
        "related_occupations": some(related_occupations),
        "job_zones": some(job_zones),
        "entry_requirements": some(entry_requirements),
    }
    assert set(collections) == {kind.attr for kind in KINDS}, "a kind is missing"
    occupation = draw(
        occupations(source_ids=cites, work_setting_ids=[s.id for s in settings_])
    )
    refs = [occupation.ref, *(f"source:{i}" for i in source_ids)]
    refs.extend(
        record.ref
        for attr, items in collections.items()
        if attr != "sources"
        for record in items
    )
    edges: dict[tuple[Any, ...], Relation] = {}
    for relation in draw(
        st.lists(
            relations(refs=st.sampled_from(refs), source_ids=cites),
            max_size=max_relations,
        )
    ):
        edges.setdefault(relation.key, relation)
    return KnowledgeBase(
        meta=draw(manifests(source_ids=cites)),
        occupation=occupation,
        relations=tuple(edges.values()),
        **collections,
    )


# --------------------------------------------------------------------------
# Arguments: a strategy of ids passed as a list (records(source_ids=["a"]))
# is named when the strategy is made, not met inside Hypothesis at the
# first draw.

#: Parameters that take a strategy, with what to pass, for the message.
_STRATEGY_PARAMETERS = {"refs": "kind:id references", "systems": "code systems"}


def _checks_strategy_arguments(func: Callable[..., Any]) -> Callable[..., Any]:
    signature = inspect.signature(func)
    names = [
        name
        for name in signature.parameters
        if name in _STRATEGY_PARAMETERS
        or (name.endswith("_ids") and name != "work_setting_ids")
    ]
    if not names:
        return func

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        given = signature.bind(*args, **kwargs).arguments
        for name in names:
            value = given.get(name)
            if value is not None and not isinstance(value, st.SearchStrategy):
                what = _STRATEGY_PARAMETERS.get(name, "ids")
                raise TypeError(
                    f"{func.__name__}(): {name} takes a strategy for the {what} "
                    f"(such as st.sampled_from([...])), not "
                    f"{type(value).__name__}"
                )
        return func(*args, **kwargs)

    return checked


for _name in __all__:
    globals()[_name] = _checks_strategy_arguments(globals()[_name])
del _name
