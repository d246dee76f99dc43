"""The record classes and enums: the vocabulary of the library.

Every record is a frozen, slotted attrs class constructed with keyword
arguments only. Collections inside records are tuples. Validators here are
cheap invariants that hold for every record, wherever it comes from; checks
that need the whole dataset (references between records) live in
:mod:`hsm_knowledge._knowledge`.

Each record kind is defined in a module of its own, imported the first
time one of its names is used (``from hsm_knowledge._model import Skill``
or ``hsm_knowledge._model.Skill``): creating an attrs class generates and
compiles its methods, about a millisecond a class, and a program that
reads one kind should not pay for twenty. :data:`NAMES` says where each
name is defined.
"""

from __future__ import annotations

# ``typing.TYPE_CHECKING`` without importing typing (type checkers know the name).
TYPE_CHECKING = False

if TYPE_CHECKING:  # for type checkers; at run time, see __getattr__
    # ("_name as _name" re-exports a private name other modules use)
    from ._base import _ID_RE as _ID_RE
    from ._base import _REF_RE as _REF_RE
    from ._base import _URL_RE as _URL_RE
    from ._base import (
        ID_PATTERN,
        Citation,
        Record,
        split_ref,
    )
    from ._base import TYPES_CHECKED as TYPES_CHECKED
    from ._base import FieldRuleError as FieldRuleError
    from ._base import FieldRulesError as FieldRulesError
    from ._base import _Bounds as _Bounds
    from ._base import _check_citations as _check_citations
    from ._base import _check_id as _check_id
    from ._base import _check_ids as _check_ids
    from ._base import _check_optional_id as _check_optional_id
    from ._base import _check_optional_text as _check_optional_text
    from ._base import _check_ref as _check_ref
    from ._base import _check_text as _check_text
    from ._base import _check_texts as _check_texts
    from ._base import _check_unique as _check_unique
    from ._base import _check_url as _check_url
    from ._base import _UniqueBy as _UniqueBy
    from ._base import check_types as check_types
    from ._values import _DECIMAL_OPTIONAL as _DECIMAL_OPTIONAL
    from ._values import (
        CodeSystem,
        OccupationCode,
        Period,
    )
    from ._values import _check_finite as _check_finite
    from .benefit import (
        Benefit,
        BenefitKind,
    )
    from .career_step import (
        CareerStep,
    )
    from .credential import (
        Credential,
        CredentialCategory,
    )
    from .descriptor import (
        Descriptor,
        DescriptorDomain,
        Rating,
    )
    from .entry_requirements import (
        EntryRequirements,
    )
    from .job_title import (
        JobTitle,
        Seniority,
        TitleSource,
    )
    from .job_zone import (
        JobZone,
    )
    from .manifest import (
        Manifest,
        SourceVintage,
    )
    from .occupation import (
        Occupation,
    )
    from .organization import (
        Organization,
    )
    from .related_occupation import (
        RelatednessTier,
        RelatedOccupation,
    )
    from .relation import (
        Basis,
        Relation,
        RelationType,
    )
    from .responsibility import (
        Responsibility,
    )
    from .skill import (
        Skill,
        SkillCategory,
    )
    from .source import (
        Source,
        SourceType,
    )
    from .specialization import (
        Specialization,
    )
    from .statistic import _CURRENCY_RE as _CURRENCY_RE
    from .statistic import _GEOGRAPHY_RE as _GEOGRAPHY_RE
    from .statistic import _NON_NEGATIVE_UNITS as _NON_NEGATIVE_UNITS
    from .statistic import (
        Metric,
        Provenance,
        Statistic,
        Unit,
    )
    from .statistic import _check_currency as _check_currency
    from .statistic import _check_geography as _check_geography
    from .task import (
        DetailedWorkActivity,
        Task,
        TaskCategory,
    )
    from .technology_skill import (
        TechnologySkill,
    )
    from .tool import (
        Tool,
    )
    from .work_setting import (
        WorkSetting,
    )

__all__ = [
    "Manifest",
    "SourceVintage",
    "split_ref",
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

#: The module of this package that defines each name.
NAMES: dict[str, str] = {
    "Citation": "_base",
    "ID_PATTERN": "_base",
    "_ID_RE": "_base",
    "_REF_RE": "_base",
    "Record": "_base",
    "split_ref": "_base",
    "_check_citations": "_base",
    "FieldRuleError": "_base",
    "FieldRulesError": "_base",
    "_Bounds": "_base",
    "_UniqueBy": "_base",
    "_check_id": "_base",
    "_check_ids": "_base",
    "_check_optional_id": "_base",
    "_check_optional_text": "_base",
    "_check_ref": "_base",
    "_check_text": "_base",
    "_check_texts": "_base",
    "_check_unique": "_base",
    "_check_url": "_base",
    "_URL_RE": "_base",
    "check_types": "_base",
    "TYPES_CHECKED": "_base",
    "CodeSystem": "_values",
    "OccupationCode": "_values",
    "Period": "_values",
    "_DECIMAL_OPTIONAL": "_values",
    "_check_finite": "_values",
    "Benefit": "benefit",
    "BenefitKind": "benefit",
    "CareerStep": "career_step",
    "Credential": "credential",
    "CredentialCategory": "credential",
    "Descriptor": "descriptor",
    "DescriptorDomain": "descriptor",
    "Rating": "descriptor",
    "EntryRequirements": "entry_requirements",
    "JobTitle": "job_title",
    "Seniority": "job_title",
    "TitleSource": "job_title",
    "JobZone": "job_zone",
    "Manifest": "manifest",
    "SourceVintage": "manifest",
    "Occupation": "occupation",
    "Organization": "organization",
    "RelatedOccupation": "related_occupation",
    "RelatednessTier": "related_occupation",
    "Basis": "relation",
    "Relation": "relation",
    "RelationType": "relation",
    "Responsibility": "responsibility",
    "Skill": "skill",
    "SkillCategory": "skill",
    "Source": "source",
    "SourceType": "source",
    "Specialization": "specialization",
    "Metric": "statistic",
    "Provenance": "statistic",
    "Statistic": "statistic",
    "Unit": "statistic",
    "_CURRENCY_RE": "statistic",
    "_GEOGRAPHY_RE": "statistic",
    "_NON_NEGATIVE_UNITS": "statistic",
    "_check_currency": "statistic",
    "_check_geography": "statistic",
    "DetailedWorkActivity": "task",
    "Task": "task",
    "TaskCategory": "task",
    "TechnologySkill": "technology_skill",
    "Tool": "tool",
    "WorkSetting": "work_setting",
}


def __getattr__(name: str) -> object:
    """Import the module defining *name*, and keep the name here."""
    module = NAMES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *NAMES})
