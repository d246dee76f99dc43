"""The record classes and enums: the vocabulary of the library.

Every record is a frozen, slotted attrs class constructed with keyword
arguments only. Collections inside records are tuples. Validators here are
cheap invariants that hold for every record, wherever it comes from; checks
that need the whole dataset (references between records) live in
:mod:`hsm_knowledge._knowledge`.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from decimal import Decimal
from typing import Any, ClassVar

import attrs

__all__ = [
    "ID_PATTERN",
    "BenefitKind",
    "Basis",
    "Benefit",
    "CareerStep",
    "Citation",
    "CodeSystem",
    "Credential",
    "CredentialCategory",
    "Descriptor",
    "DescriptorDomain",
    "DetailedWorkActivity",
    "EntryRequirements",
    "JobTitle",
    "JobZone",
    "Metric",
    "Occupation",
    "OccupationCode",
    "Organization",
    "Period",
    "Provenance",
    "Rating",
    "Record",
    "Relation",
    "RelatedOccupation",
    "RelatednessTier",
    "RelationType",
    "Responsibility",
    "Seniority",
    "Skill",
    "SkillCategory",
    "Source",
    "SourceType",
    "Specialization",
    "Statistic",
    "Task",
    "TaskCategory",
    "TechnologySkill",
    "TitleSource",
    "Tool",
    "Unit",
    "WorkSetting",
]

#: The pattern every identifier matches: lowercase kebab-case.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)
_REF_RE = re.compile(r"^([a-z]+(?:-[a-z]+)*):([a-z0-9]+(?:-[a-z0-9]+)*)$")
_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_GEOGRAPHY_RE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")


# --------------------------------------------------------------------------
# validators


def _check_id(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not _ID_RE.fullmatch(value):
        raise ValueError(
            f"{attribute.name} {value!r} is not a lowercase kebab-case id "
            f"(pattern {ID_PATTERN})"
        )


def _check_optional_id(
    inst: object, attribute: attrs.Attribute[Any], value: str | None
) -> None:
    if value is not None:
        _check_id(inst, attribute, value)


def _check_ids(
    inst: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]
) -> None:
    for item in value:
        _check_id(inst, attribute, item)


def _check_text(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be a non-empty string")
    if value != value.strip():
        raise ValueError(f"{attribute.name} must not start or end with whitespace")


def _check_optional_text(
    inst: object, attribute: attrs.Attribute[Any], value: str | None
) -> None:
    if value is not None:
        _check_text(inst, attribute, value)


def _check_texts(
    inst: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]
) -> None:
    for item in value:
        _check_text(inst, attribute, item)
    if len(set(value)) != len(value):
        raise ValueError(f"{attribute.name} must not repeat an entry")


def _check_citations(
    _inst: object, attribute: attrs.Attribute[Any], value: tuple[Citation, ...]
) -> None:
    if not value:
        raise ValueError(f"{attribute.name} must hold at least one citation")


def _check_ref(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not _REF_RE.fullmatch(value):
        raise ValueError(
            f"{attribute.name} {value!r} is not a reference of the form kind:id "
            "(for example 'skill:leadership')"
        )


def _check_url(
    _inst: object, attribute: attrs.Attribute[Any], value: str | None
) -> None:
    if value is not None and not value.startswith(("https://", "http://")):
        raise ValueError(f"{attribute.name} {value!r} is not an http(s) URL")


def split_ref(ref: str) -> tuple[str, str]:
    """Split a ``kind:id`` reference into its kind and its id.

    Args:
        ref: A reference such as ``"credential:cphrm"``.

    Returns:
        The kind and the id, such as ``("credential", "cphrm")``.

    Raises:
        ValueError: If *ref* is not of the form ``kind:id``.
    """
    match = _REF_RE.fullmatch(ref) if isinstance(ref, str) else None
    if match is None:
        raise ValueError(
            f"{ref!r} is not a reference of the form kind:id "
            "(for example 'skill:leadership')"
        )
    return match.group(1), match.group(2)


# --------------------------------------------------------------------------
# enums


class SourceType(str, enum.Enum):
    """What kind of publication a :class:`Source` is."""

    ARTICLE = "article"
    """A secondary article written for a general audience."""
    WEB_PAGE = "web-page"
    """A page of an organization's website."""
    HANDBOOK = "handbook"
    """A reference handbook such as the BLS Occupational Outlook Handbook."""
    DATASET = "dataset"
    """A published database or statistical release."""
    CLASSIFICATION = "classification"
    """A classification or taxonomy such as ISCO-08 or ESCO."""


class CodeSystem(str, enum.Enum):
    """Occupation classification systems that can name this occupation."""

    SOC_2018 = "soc-2018"
    """US Standard Occupational Classification, 2018 edition."""
    ONET_SOC = "onet-soc"
    """O*NET-SOC taxonomy (2019), used by the O*NET database."""
    ISCO_08 = "isco-08"
    """International Standard Classification of Occupations, 2008."""
    ESCO = "esco"
    """European Skills, Competences, Qualifications and Occupations."""


class SkillCategory(str, enum.Enum):
    """The broad kind of a :class:`Skill`."""

    LEADERSHIP = "leadership"
    """Leading teams, communicating, working with stakeholders."""
    ANALYTICAL = "analytical"
    """Analysing data and solving problems."""
    FINANCIAL = "financial"
    """Budgeting, financial analysis, resource allocation."""
    REGULATORY = "regulatory"
    """Knowing and applying healthcare law, regulation and policy."""
    TECHNICAL = "technical"
    """Healthcare technology, information systems and management practice."""
    PERSONAL = "personal"
    """Attitudes and working styles."""


class CredentialCategory(str, enum.Enum):
    """What kind of recognition a :class:`Credential` is."""

    CERTIFICATION = "certification"
    """A voluntary professional certification."""
    LICENSE = "license"
    """A licence required by law to practise in some jurisdiction."""
    BOARD_CERTIFICATION = "board-certification"
    """Board certification that also confers a fellowship title."""


class BenefitKind(str, enum.Enum):
    """Whom a :class:`Benefit` comes from."""

    CAREER = "career"
    """An advantage of the career itself."""
    EMPLOYER = "employer"
    """Something employers offer, such as a retirement plan."""


class Seniority(str, enum.Enum):
    """How senior a :class:`JobTitle` is, where a source says so."""

    EXECUTIVE = "executive"
    """Higher-level, executive positions."""


class TitleSource(str, enum.Enum):
    """Which O*NET list gives a :class:`JobTitle`."""

    ALTERNATE = "alternate-title"
    """From O*NET's Alternate Titles file (lay and official titles used for
    keyword search)."""
    REPORTED = "reported-title"
    """From O*NET's Sample of Reported Titles file (titles reported by
    workers and occupational experts in O*NET's surveys)."""


class TaskCategory(str, enum.Enum):
    """How central an O*NET :class:`Task` is to the occupation."""

    CORE = "core"
    """O*NET rates the task both relevant to and important for the occupation."""
    SUPPLEMENTAL = "supplemental"
    """O*NET rates the task less relevant or less important."""


class DescriptorDomain(str, enum.Enum):
    """The O*NET table a rated :class:`Descriptor` comes from."""

    SKILL = "skill"
    """O*NET's Skills file."""
    KNOWLEDGE = "knowledge"
    """O*NET's Knowledge file."""
    WORK_STYLE = "work-style"
    """O*NET's Work Styles file."""
    INTEREST = "interest"
    """O*NET's Interests file (RIASEC scores and high-point codes)."""
    WORK_VALUE = "work-value"
    """O*NET's Work Values file (extent scores and high-point codes)."""
    EDUCATION_TRAINING_EXPERIENCE = "education-training-experience"
    """From O*NET's Education, Training, and Experience file (distributions
    of respondents over categories, and a few importance ratings)."""


class RelatednessTier(str, enum.Enum):
    """How closely O*NET relates a :class:`RelatedOccupation`."""

    PRIMARY_SHORT = "primary-short"
    """The five most strongly related occupations."""
    PRIMARY_LONG = "primary-long"
    """The sixth to tenth most strongly related occupations."""
    SUPPLEMENTAL = "supplemental"
    """The 11th to 20th most strongly related occupations."""


class Metric(str, enum.Enum):
    """What a :class:`Statistic` measures."""

    MEDIAN_ANNUAL_WAGE = "median-annual-wage"
    """Median wage or pay per year."""
    MEDIAN_HOURLY_WAGE = "median-hourly-wage"
    """Median wage or pay per hour."""
    MEAN_ANNUAL_WAGE = "mean-annual-wage"
    """Mean wage per year."""
    MEAN_HOURLY_WAGE = "mean-hourly-wage"
    """Mean wage per hour."""
    EMPLOYMENT = "employment"
    """Number of jobs held."""
    PROJECTED_EMPLOYMENT_CHANGE_PERCENT = "projected-employment-change-percent"
    """Projected change in employment over a projection period, in percent."""
    PROJECTED_EMPLOYMENT_CHANGE = "projected-employment-change"
    """Projected change in the number of jobs over a projection period."""
    ANNUAL_OPENINGS = "annual-openings"
    """Projected job openings per year, on average, over a projection period."""
    ANNUAL_WAGE_PERCENTILE = "annual-wage-percentile"
    """A percentile of the annual wage; ``Statistic.percentile`` says which.
    The 50th percentile is recorded as the median metric."""
    HOURLY_WAGE_PERCENTILE = "hourly-wage-percentile"
    """A percentile of the hourly wage; ``Statistic.percentile`` says which."""
    INDUSTRY_EMPLOYMENT_SHARE = "industry-employment-share"
    """The occupation's share of an industry's employment, in percent."""

    @property
    def needs_percentile(self) -> bool:
        """Whether figures of this metric name a percentile."""
        return self in (Metric.ANNUAL_WAGE_PERCENTILE, Metric.HOURLY_WAGE_PERCENTILE)


class Unit(str, enum.Enum):
    """The unit of a :class:`Statistic` value."""

    CURRENCY_PER_YEAR = "currency-per-year"
    """An amount of money per year; the currency is in ``Statistic.currency``."""
    CURRENCY_PER_HOUR = "currency-per-hour"
    """An amount of money per hour; the currency is in ``Statistic.currency``."""
    JOBS = "jobs"
    """A count of jobs."""
    PERCENT = "percent"
    """A percentage (``28`` means 28 %)."""
    JOBS_PER_YEAR = "jobs-per-year"
    """A count of jobs (openings) per year."""

    @property
    def is_monetary(self) -> bool:
        """Whether values in this unit are amounts of money."""
        return self in (Unit.CURRENCY_PER_YEAR, Unit.CURRENCY_PER_HOUR)


class Provenance(str, enum.Enum):
    """How directly a figure was read from its primary source."""

    PRIMARY = "primary"
    """Read from a copy of the primary source itself."""
    SECONDARY = "secondary"
    """Reported by a secondary source that attributes it to a primary one,
    and not checked against the primary source."""


class Basis(str, enum.Enum):
    """Why a :class:`Relation` holds."""

    STATED = "stated"
    """A cited source states it."""
    EDITORIAL = "editorial"
    """The curators' judgment; ``Relation.rationale`` explains it."""


class RelationType(str, enum.Enum):
    """The type of a :class:`Relation` edge, read ``subject type object``."""

    INCLUDES = "includes"
    """The subject (a career step) includes earning the object (a credential)."""
    DEVELOPS = "develops"
    """Doing the subject develops the object (a skill)."""
    PRACTISED_IN = "practised-in"
    """The subject is practised in the object (a work setting)."""
    REQUIRES = "requires"
    """The subject needs the object (a skill or credential)."""
    OFFERS = "offers"
    """The subject (a work setting or title) offers the object."""
    SUPPORTS = "supports"
    """The subject (a credential or skill) supports the object."""
    ILLUSTRATES = "illustrates"
    """The subject is an example of the object."""


# --------------------------------------------------------------------------
# value objects


@attrs.frozen(kw_only=True)
class Citation:
    """Where a record's facts come from: a source and a place in it.

    Attributes:
        source: The id of a :class:`Source` in the same knowledge base.
        locator: Where in the source: a section heading, a table and row,
            a file and line.
    """

    source: str = attrs.field(validator=_check_id)
    locator: str = attrs.field(validator=_check_text)

    def __str__(self) -> str:
        return f"{self.source}:{self.locator}"


@attrs.frozen(kw_only=True)
class Period:
    """A reference period: the first and the last day it covers.

    A year is written from 1 January to 31 December, a month from its first
    to its last day. ``label`` keeps the source's own wording.

    Attributes:
        start: The first day of the period.
        end: The last day of the period, not before ``start``.
        label: The period as the source names it (``"May 2023"``,
            ``"2022-32"``), or ``None``.
    """

    start: _dt.date
    end: _dt.date
    label: str | None = attrs.field(default=None, validator=_check_optional_text)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                f"period ends ({self.end.isoformat()}) before it starts "
                f"({self.start.isoformat()})"
            )

    def __str__(self) -> str:
        if self.label is not None:
            return self.label
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@attrs.frozen(kw_only=True)
class OccupationCode:
    """A code that names the occupation in a classification system.

    Attributes:
        system: The classification system.
        value: The code as the system writes it (``"11-9111"``).
        label: The system's own title for the code, if known.
        uri: The code's URI, where the system publishes one.
    """

    system: CodeSystem
    value: str = attrs.field(validator=_check_text)
    label: str | None = attrs.field(default=None, validator=_check_optional_text)
    uri: str | None = attrs.field(default=None, validator=_check_url)


# --------------------------------------------------------------------------
# records


@attrs.frozen(kw_only=True)
class Source:
    """A publication that records cite.

    Attributes:
        kind: ``"source"``, the kind as written in references.
        id: The source's id, unique among sources.
        title: The publication's title.
        type: What kind of publication it is.
        publisher: The id of the :class:`Organization` that published it,
            or ``None`` where the source does not name one.
        url: Where it can be read, if known.
        edition: The edition, release or version the facts were read from.
        published: The publication date, if known.
        license: The licence the content is used under, if stated.
        attribution: Credit wording the publisher asks for, if any.
        notes: Anything a user should know when weighing this source.
    """

    kind: ClassVar[str] = "source"

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_check_text)
    type: SourceType
    publisher: str | None = attrs.field(default=None, validator=_check_optional_id)
    url: str | None = attrs.field(default=None, validator=_check_url)
    edition: str | None = attrs.field(default=None, validator=_check_optional_text)
    published: _dt.date | None = None
    license: str | None = attrs.field(default=None, validator=_check_optional_text)
    attribution: str | None = attrs.field(default=None, validator=_check_optional_text)
    notes: str | None = attrs.field(default=None, validator=_check_optional_text)

    @property
    def name(self) -> str:
        """The source's title (so every record kind has a ``name``)."""
        return self.title

    @property
    def ref(self) -> str:
        """The source's ``kind:id`` reference (``"source:onet-29-3"``)."""
        return f"source:{self.id}"


@attrs.frozen(kw_only=True)
class Record:
    """Fields shared by every record kind except :class:`Source`.

    Attributes:
        kind: The kind as written in references (``"skill"``); a class
            attribute, the same for every record of a class.
        id: The record's id, unique within its kind.
        name: A short, human-readable name.
        summary: One or two sentences in the library's own words.
        citations: Where the facts come from; at least one.
    """

    kind: ClassVar[str] = "record"

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_check_text)
    summary: str = attrs.field(validator=_check_text)
    citations: tuple[Citation, ...] = attrs.field(validator=_check_citations)

    @property
    def ref(self) -> str:
        """The record's ``kind:id`` reference (``"skill:leadership"``)."""
        return f"{self.kind}:{self.id}"


@attrs.frozen(kw_only=True)
class Organization(Record):
    """A body that publishes sources, issues credentials or employs managers.

    Attributes:
        abbreviation: The organization's usual abbreviation, if any.
        parent: The id of the organization this one is a division of.
        url: The organization's website, if known.
        aliases: Other names it goes by.
    """

    kind: ClassVar[str] = "organization"

    abbreviation: str | None = attrs.field(default=None, validator=_check_optional_text)
    parent: str | None = attrs.field(default=None, validator=_check_optional_id)
    url: str | None = attrs.field(default=None, validator=_check_url)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)

    def __attrs_post_init__(self) -> None:
        if self.parent == self.id:
            raise ValueError(f"organization {self.id!r} cannot be its own parent")


@attrs.frozen(kw_only=True)
class Occupation(Record):
    """The occupation this knowledge base describes.

    Attributes:
        codes: The occupation's codes in each classification system.
        aliases: Other names for the occupation.
        facility_types: Ids of the :class:`WorkSetting` records naming the
            kinds of facilities the occupation manages.
        notes: Further facts about the occupation, in the library's words.
    """

    kind: ClassVar[str] = "occupation"

    codes: tuple[OccupationCode, ...]
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    facility_types: tuple[str, ...] = attrs.field(default=(), validator=_check_ids)
    notes: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)

    def __attrs_post_init__(self) -> None:
        systems = [c.system for c in self.codes if c.system is not CodeSystem.ESCO]
        if len(set(systems)) != len(systems):
            raise ValueError(
                "occupation codes repeat a classification system other than ESCO"
            )

    def code(self, system: CodeSystem | str) -> OccupationCode | None:
        """Return the occupation's code in *system*, or ``None``.

        Where a system has several codes for the occupation (ESCO maps more
        than one occupation to an ISCO group), the first is returned; use
        :meth:`codes_in` for all of them.

        Args:
            system: A :class:`CodeSystem` or its value (``"soc-2018"``).

        Raises:
            ValueError: If *system* is not a known code system.
        """
        system = CodeSystem(system)
        for code in self.codes:
            if code.system is system:
                return code
        return None

    def codes_in(self, system: CodeSystem | str) -> tuple[OccupationCode, ...]:
        """Return every code the occupation has in *system*.

        Args:
            system: A :class:`CodeSystem` or its value.
        """
        system = CodeSystem(system)
        return tuple(code for code in self.codes if code.system is system)

    def has_code(self, value: str, system: CodeSystem | str | None = None) -> bool:
        """Tell whether *value* is one of this occupation's codes.

        Args:
            value: A code as written by its system (``"11-9111"``,
                ``"11-9111.00"``, ``"1342"``) or an ESCO URI.
            system: Restrict the check to one system.
        """
        wanted = None if system is None else CodeSystem(system)
        value = value.strip()
        return any(
            (wanted is None or code.system is wanted)
            and (code.value == value or code.uri == value)
            for code in self.codes
        )


@attrs.frozen(kw_only=True)
class Responsibility(Record):
    """Something medical and health services managers are responsible for.

    Attributes:
        duties: The concrete duties the responsibility covers.
        aliases: Other words for it (``"HR"``), used by lookup and search.
    """

    kind: ClassVar[str] = "responsibility"

    duties: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)


@attrs.frozen(kw_only=True)
class Specialization(Record):
    """An area of healthcare management a manager can specialize in.

    Attributes:
        focus: What the specialization concentrates on.
        aliases: Other names for it.
    """

    kind: ClassVar[str] = "specialization"

    focus: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)


@attrs.frozen(kw_only=True)
class Skill(Record):
    """A skill employers value in the occupation.

    Attributes:
        category: The broad kind of skill.
        aliases: Other words for it, used by lookup and search.
        components: The abilities the skill is made of.
    """

    kind: ClassVar[str] = "skill"

    category: SkillCategory
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    components: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)


@attrs.frozen(kw_only=True)
class Credential(Record):
    """A certification or licence, issued by an organization.

    A credential's id is its abbreviation in lowercase (``cphrm``).

    Attributes:
        abbreviation: The credential's abbreviation as written (``"CPHRM"``).
        issuer: The id of the :class:`Organization` that issues it.
        category: What kind of credential it is.
        aliases: Other names, such as an older spelling of the full name.
        requirements: Requirements a cited source states, in the library's
            words; empty where no source states them.
    """

    kind: ClassVar[str] = "credential"

    abbreviation: str = attrs.field(validator=_check_text)
    issuer: str = attrs.field(validator=_check_id)
    category: CredentialCategory
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    requirements: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)


@attrs.frozen(kw_only=True)
class CareerStep(Record):
    """One step on the path into the occupation, in order.

    Attributes:
        order: The step's position, counting from 1.
        essential: Whether the source calls the step essential.
        options: Ways of taking the step that the source names.
    """

    kind: ClassVar[str] = "career-step"

    order: int = attrs.field(validator=attrs.validators.ge(1))
    essential: bool
    options: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)


@attrs.frozen(kw_only=True)
class Benefit(Record):
    """An advantage of working in the occupation.

    Attributes:
        type: Whether the career itself or an employer provides it.
    """

    kind: ClassVar[str] = "benefit"

    type: BenefitKind


@attrs.frozen(kw_only=True)
class WorkSetting(Record):
    """A kind of place where medical and health services managers work.

    Attributes:
        aliases: Other names for the setting, and the kinds of place it
            covers (``"nursing home"``).
    """

    kind: ClassVar[str] = "work-setting"

    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)


@attrs.frozen(kw_only=True)
class JobTitle(Record):
    """A job title held by people in the occupation.

    Attributes:
        seniority: How senior the title is, where a source says so.
        title_sources: The O*NET lists that give the title; empty for a
            title from another source.
        short_title: O*NET's short form of a title that holds acronyms or
            jargon (``"HIM Director"``), if any.
        shown_in_my_next_move: For a reported title, whether O*NET shows it
            in My Next Move; ``None`` where the source does not say.
        onet_source_codes: O*NET's codes for where an alternate title was
            found (``"04"`` for standard SOC resources), as written.
    """

    kind: ClassVar[str] = "job-title"

    seniority: Seniority | None = None
    title_sources: tuple[TitleSource, ...] = ()
    short_title: str | None = attrs.field(default=None, validator=_check_optional_text)
    shown_in_my_next_move: bool | None = None
    onet_source_codes: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)

    def __attrs_post_init__(self) -> None:
        if len(set(self.title_sources)) != len(self.title_sources):
            raise ValueError("title_sources must not repeat an entry")


def _check_finite(
    _inst: object, attribute: attrs.Attribute[Any], value: Decimal
) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError(f"{attribute.name} must be a finite decimal number")


def _check_currency(
    _inst: object, attribute: attrs.Attribute[Any], value: str | None
) -> None:
    if value is not None and not _CURRENCY_RE.fullmatch(value):
        raise ValueError(f"{attribute.name} {value!r} is not an ISO 4217 code")


def _check_geography(
    _inst: object, attribute: attrs.Attribute[Any], value: str
) -> None:
    if not isinstance(value, str) or not _GEOGRAPHY_RE.fullmatch(value):
        raise ValueError(
            f"{attribute.name} {value!r} is not an ISO 3166 code (such as 'US')"
        )


_NON_NEGATIVE_UNITS = frozenset(
    {Unit.CURRENCY_PER_YEAR, Unit.CURRENCY_PER_HOUR, Unit.JOBS, Unit.JOBS_PER_YEAR}
)


@attrs.frozen(kw_only=True)
class Statistic(Record):
    """A figure about the occupation, exactly as its source gives it.

    Values are never rounded, averaged or converted; a figure from another
    edition is another record.

    Attributes:
        metric: What is measured.
        value: The figure, exactly as published.
        unit: The unit of ``value``.
        currency: The ISO 4217 currency for money, else ``None``.
        period: The reference period the figure describes.
        geography: Where it applies, as an ISO 3166 code (``"US"``).
        edition: The edition or release of the publication (``"2022-32"``).
        provenance: Whether it was read from the primary source.
        attributed_to: For a secondary figure, the id of the
            :class:`Organization` the reporting source attributes it to.
        percentile: Which percentile a percentile metric gives (``10`` for
            the 10th); ``None`` for every other metric.
        industry: The industry the figure is limited to, as the source
            names it, or ``None`` for the whole occupation.
        relative_standard_error: The relative standard error the source
            publishes with the figure, in percent, if any.
    """

    kind: ClassVar[str] = "statistic"

    metric: Metric
    value: Decimal = attrs.field(validator=_check_finite)
    unit: Unit
    currency: str | None = attrs.field(default=None, validator=_check_currency)
    period: Period
    geography: str = attrs.field(validator=_check_geography)
    edition: str | None = attrs.field(default=None, validator=_check_optional_text)
    provenance: Provenance = Provenance.PRIMARY
    attributed_to: str | None = attrs.field(default=None, validator=_check_optional_id)
    percentile: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(
            [attrs.validators.ge(1), attrs.validators.le(99)]
        ),
    )
    industry: str | None = attrs.field(default=None, validator=_check_optional_text)
    relative_standard_error: Decimal | None = attrs.field(
        default=None, validator=attrs.validators.optional(_check_finite)
    )

    def __attrs_post_init__(self) -> None:
        if self.metric.needs_percentile and self.percentile is None:
            raise ValueError(f"a {self.metric.value} figure needs a percentile")
        if not self.metric.needs_percentile and self.percentile is not None:
            raise ValueError(f"a {self.metric.value} figure has no percentile")
        rse = self.relative_standard_error
        if rse is not None and rse < 0:
            raise ValueError("a relative standard error cannot be negative")
        if self.unit.is_monetary and self.currency is None:
            raise ValueError(f"a figure in {self.unit.value} needs a currency")
        if not self.unit.is_monetary and self.currency is not None:
            raise ValueError(
                f"a figure in {self.unit.value} is not money and has no currency"
            )
        if self.unit in _NON_NEGATIVE_UNITS and self.value < 0:
            raise ValueError(f"a figure in {self.unit.value} cannot be negative")


@attrs.frozen(kw_only=True)
class Relation:
    """A typed edge between two records, read ``subject type object``.

    Attributes:
        kind: ``"relation"``. Relations have no id; an edge is identified
            by its :attr:`key`.
        subject: A ``kind:id`` reference to the record the edge starts at.
        type: What the edge means.
        object: A ``kind:id`` reference to the record the edge points to.
        basis: Whether a source states the relation or it is editorial.
        citations: The sources stating it (for ``stated``), or the sources
            of the records the rationale relies on (for ``editorial``).
        rationale: Why the curators added an editorial relation; required
            for ``editorial`` relations.
    """

    kind: ClassVar[str] = "relation"

    subject: str = attrs.field(validator=_check_ref)
    type: RelationType
    object: str = attrs.field(validator=_check_ref)
    basis: Basis
    citations: tuple[Citation, ...] = attrs.field(validator=_check_citations)
    rationale: str | None = attrs.field(default=None, validator=_check_optional_text)

    def __attrs_post_init__(self) -> None:
        if self.subject == self.object:
            raise ValueError("a relation cannot link a record to itself")
        if self.basis is Basis.EDITORIAL and self.rationale is None:
            raise ValueError("an editorial relation needs a rationale")

    @property
    def key(self) -> tuple[str, RelationType, str]:
        """The ``(subject, type, object)`` triple that identifies the edge."""
        return (self.subject, self.type, self.object)


# --------------------------------------------------------------------------
# O*NET, ESCO and BLS records


_DECIMAL_OPTIONAL = attrs.validators.optional(_check_finite)


@attrs.frozen(kw_only=True)
class DetailedWorkActivity:
    """An O*NET detailed work activity (DWA) that a :class:`Task` is linked to.

    Attributes:
        id: O*NET's DWA identifier, as written (``"4.A.4.b.4.I01.D13"``).
        title: The activity's title in O*NET.
        date: When O*NET last updated the link (month precision).
        domain_source: Who supplied the link, in O*NET's words
            (``"Analyst"``).
    """

    id: str = attrs.field(validator=_check_text)
    title: str | None = attrs.field(default=None, validator=_check_optional_text)
    date: Period | None = None
    domain_source: str | None = attrs.field(
        default=None, validator=_check_optional_text
    )


@attrs.frozen(kw_only=True)
class Task(Record):
    """A task statement O*NET lists for the occupation.

    ``name`` is the statement as O*NET words it.

    Attributes:
        onet_id: O*NET's task identifier.
        category: Whether O*NET counts the task as core or supplemental,
            or ``None`` where O*NET gives no category.
        incumbents_responding: How many people rated the task, exactly as
            O*NET writes it (``28.0``), or ``None``.
        date: When O*NET last updated the task (month precision).
        domain_source: Who supplied the data, in O*NET's words
            (``"Occupational Expert"``).
        work_activities: The detailed work activities O*NET links the task to.
    """

    kind: ClassVar[str] = "task"

    onet_id: int = attrs.field(validator=attrs.validators.ge(1))
    category: TaskCategory | None = None
    incumbents_responding: Decimal | None = attrs.field(
        default=None, validator=_DECIMAL_OPTIONAL
    )
    date: Period | None = None
    domain_source: str | None = attrs.field(
        default=None, validator=_check_optional_text
    )
    work_activities: tuple[DetailedWorkActivity, ...] = ()


@attrs.frozen(kw_only=True)
class Rating:
    """One rating row of an O*NET descriptor, exactly as O*NET gives it.

    Numbers keep the digits of the source row (``Decimal("4")`` where the
    row reads ``4``, ``Decimal("4.00")`` where it reads ``4.00``); nothing is
    rounded, padded or left out because of its value.

    Attributes:
        scale: O*NET's scale id (``"IM"`` importance, ``"LV"`` level,
            ``"OI"``, ``"EX"``, ``"RL"``...).
        scale_name: The scale's name in O*NET, if known.
        scale_minimum: The lowest value the scale allows, if known.
        scale_maximum: The highest value the scale allows, if known.
        value: The rating (O*NET's "Data Value"); for a category scale, the
            percent of respondents in the category.
        category: For a category scale, the category number; else ``None``.
        category_description: The category's description in O*NET, if known.
        n: The sample size, if given.
        standard_error: The standard error, if given.
        lower_ci_bound: The lower bound of the 95 % confidence interval.
        upper_ci_bound: The upper bound of the 95 % confidence interval.
        recommend_suppress: O*NET's low-precision flag, if given.
        not_relevant: O*NET's flag that the element is not relevant to the
            occupation, if given.
        date: When O*NET last updated the rating (month precision).
        domain_source: Who supplied the rating, in O*NET's words.
    """

    scale: str = attrs.field(validator=_check_text)
    scale_name: str | None = attrs.field(default=None, validator=_check_optional_text)
    scale_minimum: Decimal | None = attrs.field(
        default=None, validator=_DECIMAL_OPTIONAL
    )
    scale_maximum: Decimal | None = attrs.field(
        default=None, validator=_DECIMAL_OPTIONAL
    )
    value: Decimal = attrs.field(validator=_check_finite)
    category: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.ge(0))
    )
    category_description: str | None = attrs.field(
        default=None, validator=_check_optional_text
    )
    n: Decimal | None = attrs.field(default=None, validator=_DECIMAL_OPTIONAL)
    standard_error: Decimal | None = attrs.field(
        default=None, validator=_DECIMAL_OPTIONAL
    )
    lower_ci_bound: Decimal | None = attrs.field(
        default=None, validator=_DECIMAL_OPTIONAL
    )
    upper_ci_bound: Decimal | None = attrs.field(
        default=None, validator=_DECIMAL_OPTIONAL
    )
    recommend_suppress: bool | None = None
    not_relevant: bool | None = None
    date: Period | None = None
    domain_source: str | None = attrs.field(
        default=None, validator=_check_optional_text
    )


@attrs.frozen(kw_only=True)
class Descriptor(Record):
    """A rated O*NET descriptor, such as a skill or a knowledge area.

    The domain says which O*NET table it comes from: skills, knowledge,
    work styles, interests, work values, or education, training and
    experience. ``name`` is O*NET's element name. The ratings are kept whole: every
    scale O*NET gives, with its statistics, and no cut-off.

    Attributes:
        domain: The O*NET table the ratings come from.
        element_id: O*NET's content model id (``"2.A.1.a"``).
        group: The name of the element's parent in O*NET's content model
            (``"Content"`` for reading comprehension), if known.
        ratings: The element's rating rows, in the source's order.

    Example:
        >>> import hsm_knowledge
        >>> kb = hsm_knowledge.load()
        >>> skill = kb.descriptors["skill-critical-thinking"]
        >>> skill.element_id, skill.importance, skill.level
        ('2.A.2.a', Decimal('4.12'), Decimal('4.12'))
    """

    kind: ClassVar[str] = "descriptor"

    domain: DescriptorDomain
    element_id: str = attrs.field(validator=_check_text)
    group: str | None = attrs.field(default=None, validator=_check_optional_text)
    ratings: tuple[Rating, ...]

    def __attrs_post_init__(self) -> None:
        if not self.ratings:
            raise ValueError("a descriptor needs at least one rating")
        keys = [(r.scale, r.category) for r in self.ratings]
        if len(set(keys)) != len(keys):
            raise ValueError("ratings repeat a scale and category")

    def rating(self, scale: str, category: int | None = None) -> Rating | None:
        """Return the rating on *scale* (and *category*), or ``None``.

        Args:
            scale: An O*NET scale id such as ``"IM"``.
            category: The category, for a category scale such as ``"RL"``.
        """
        for rating in self.ratings:
            if rating.scale == scale and rating.category == category:
                return rating
        return None

    @property
    def importance(self) -> Decimal | None:
        """The value on O*NET's importance scale (``IM``), if rated."""
        rating = self.rating("IM")
        return None if rating is None else rating.value

    @property
    def level(self) -> Decimal | None:
        """The value on O*NET's level scale (``LV``), if rated."""
        rating = self.rating("LV")
        return None if rating is None else rating.value


@attrs.frozen(kw_only=True)
class TechnologySkill(Record):
    """A piece of software O*NET lists as used in the occupation.

    ``name`` is O*NET's example (``"Epic Systems"``).

    Attributes:
        commodity_code: The UNSPSC commodity code O*NET classes it under,
            as written (``"43232610"``).
        commodity_title: The commodity's title (``"Medical software"``).
        hot_technology: Whether O*NET flags it as a Hot Technology, one
            frequently named in employers' job postings across occupations.
        in_demand: Whether O*NET flags it as In Demand, one frequently named
            in job postings for this occupation.
    """

    kind: ClassVar[str] = "technology-skill"

    commodity_code: str = attrs.field(validator=_check_text)
    commodity_title: str = attrs.field(validator=_check_text)
    hot_technology: bool
    in_demand: bool


@attrs.frozen(kw_only=True)
class Tool(Record):
    """A tool or piece of equipment O*NET lists as used in the occupation.

    Attributes:
        commodity_code: The UNSPSC commodity code, as written.
        commodity_title: The commodity's title.
    """

    kind: ClassVar[str] = "tool"

    commodity_code: str = attrs.field(validator=_check_text)
    commodity_title: str = attrs.field(validator=_check_text)


@attrs.frozen(kw_only=True)
class RelatedOccupation(Record):
    """Another occupation a source relates to this one.

    Attributes:
        code: The other occupation's code (O*NET-SOC, or an ESCO URI).
        tier: O*NET's relatedness tier, for an O*NET related occupation.
        index: O*NET's rank of the relation (1 is the closest), if given.
        aliases: Other names of the occupation in its source.
    """

    kind: ClassVar[str] = "related-occupation"

    code: OccupationCode
    tier: RelatednessTier | None = None
    index: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.ge(1))
    )
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)


@attrs.frozen(kw_only=True)
class JobZone(Record):
    """The O*NET job zone of the occupation: how much preparation it needs.

    ``name`` is O*NET's name for the zone.

    Attributes:
        zone: The zone number, 1 (little preparation) to 5 (extensive).
        svp_range: The specific vocational preparation range O*NET gives
            for the zone, as written, if known.
        date: When O*NET last updated the assignment (month precision).
        domain_source: Who assigned it, in O*NET's words.
    """

    kind: ClassVar[str] = "job-zone"

    zone: int = attrs.field(validator=[attrs.validators.ge(1), attrs.validators.le(5)])
    svp_range: str | None = attrs.field(default=None, validator=_check_optional_text)
    date: Period | None = None
    domain_source: str | None = attrs.field(
        default=None, validator=_check_optional_text
    )


@attrs.frozen(kw_only=True)
class EntryRequirements(Record):
    """What one edition of a handbook gives as typical entry requirements.

    The values keep the publication's own category wording (the BLS
    Occupational Outlook Handbook's "Bachelor's degree", "Less than 5
    years", "None").

    Attributes:
        edition: The edition of the publication (``"2023-33"``).
        education: The typical entry-level education.
        work_experience: Work experience in a related occupation.
        on_the_job_training: Typical on-the-job training.
    """

    kind: ClassVar[str] = "entry-requirements"

    edition: str = attrs.field(validator=_check_text)
    education: str | None = attrs.field(default=None, validator=_check_optional_text)
    work_experience: str | None = attrs.field(
        default=None, validator=_check_optional_text
    )
    on_the_job_training: str | None = attrs.field(
        default=None, validator=_check_optional_text
    )
