"""Structured, sourced knowledge about the medical and health services manager career.

Importing the package reads no data. Call :func:`load` for the packaged
knowledge base::

    >>> import hsm_knowledge
    >>> kb = hsm_knowledge.load()
    >>> kb.occupation.code("soc-2018").value
    '11-9111'
"""

from __future__ import annotations

from ._version import DATA_VERSION, __version__

# ``typing.TYPE_CHECKING`` without importing typing (type checkers know the name).
TYPE_CHECKING = False

if TYPE_CHECKING:  # for type checkers and IDEs; at run time, see __getattr__
    from ._errors import DataError, Problem
    from ._knowledge import (
        KINDS,
        SUPPORTED_SCHEMA_VERSIONS,
        AmbiguousLookupError,
        AnyRecord,
        Collection,
        Kind,
        KnowledgeBase,
        StatisticCollection,
    )
    from ._loading import clear_cache, load, loads, names_occupation
    from ._model import (
        ID_PATTERN,
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
        Record,
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
        split_ref,
    )
    from ._search import SearchHit

#: The names each private module defines; imported on first use.
_LAZY_NAMES: dict[str, str] = {
    "_errors": "DataError Problem",
    "_knowledge": (
        "KINDS SUPPORTED_SCHEMA_VERSIONS AmbiguousLookupError AnyRecord "
        "Collection Kind KnowledgeBase StatisticCollection"
    ),
    "_loading": "clear_cache load loads names_occupation",
    "_model": (
        "ID_PATTERN Basis Benefit BenefitKind CareerStep Citation CodeSystem "
        "Credential CredentialCategory Descriptor DescriptorDomain "
        "DetailedWorkActivity EntryRequirements JobTitle JobZone Manifest "
        "Metric Occupation OccupationCode Organization Period Provenance Rating "
        "Record "
        "RelatednessTier RelatedOccupation Relation RelationType Responsibility "
        "Seniority Skill SkillCategory Source SourceType SourceVintage "
        "Specialization "
        "Statistic Task TaskCategory TechnologySkill TitleSource Tool Unit "
        "WorkSetting split_ref"
    ),
    "_search": "SearchHit",
}
_LAZY = {
    name: module for module, names in _LAZY_NAMES.items() for name in names.split()
}

__all__ = [
    "DATA_VERSION",
    "ID_PATTERN",
    "KINDS",
    "SUPPORTED_SCHEMA_VERSIONS",
    "AmbiguousLookupError",
    "AnyRecord",
    "Basis",
    "Benefit",
    "BenefitKind",
    "CareerStep",
    "Citation",
    "CodeSystem",
    "Collection",
    "Credential",
    "CredentialCategory",
    "DataError",
    "Descriptor",
    "DescriptorDomain",
    "DetailedWorkActivity",
    "EntryRequirements",
    "JobTitle",
    "JobZone",
    "Kind",
    "KnowledgeBase",
    "Manifest",
    "Metric",
    "Occupation",
    "OccupationCode",
    "Organization",
    "Period",
    "Problem",
    "Provenance",
    "Rating",
    "Record",
    "RelatedOccupation",
    "RelatednessTier",
    "Relation",
    "RelationType",
    "Responsibility",
    "SearchHit",
    "Seniority",
    "Skill",
    "SkillCategory",
    "Source",
    "SourceType",
    "SourceVintage",
    "Specialization",
    "Statistic",
    "Task",
    "TaskCategory",
    "TechnologySkill",
    "TitleSource",
    "Tool",
    "StatisticCollection",
    "Unit",
    "WorkSetting",
    "__version__",
    "clear_cache",
    "load",
    "loads",
    "names_occupation",
    "split_ref",
]


#: The private modules that importing the package used to import eagerly;
#: they are still reachable as attributes (``hsm_knowledge._loading``).
_SUBMODULES = frozenset({"_errors", "_knowledge", "_loading", "_model", "_search"})


def __getattr__(name: str) -> object:
    """Import the module defining *name* on first use (PEP 562).

    ``import hsm_knowledge`` imports nothing but the version: the loader,
    each record kind's classes and their dependencies (attrs among them)
    are imported when a name is first used, and each part of the packaged
    data is read when it is first used.
    """
    module = _LAZY.get(name)
    if module is not None:
        from importlib import import_module

        value = getattr(import_module(f"{__name__}.{module}"), name)
    elif name in _SUBMODULES:
        from importlib import import_module

        value = import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
