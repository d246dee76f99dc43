"""Structured, sourced knowledge about the medical and health services manager career.

Importing the package reads no data. Call :func:`load` for the packaged
knowledge base::

    >>> import hsm_knowledge
    >>> kb = hsm_knowledge.load()
    >>> kb.occupation.code("soc-2018").value
    '11-9111'
"""

from __future__ import annotations

from ._errors import DataError, Problem
from ._knowledge import (
    KINDS,
    AnyRecord,
    Collection,
    Kind,
    KnowledgeBase,
    Manifest,
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
    JobTitle,
    Metric,
    Occupation,
    OccupationCode,
    Organization,
    Period,
    Provenance,
    Record,
    Relation,
    RelationType,
    Responsibility,
    Seniority,
    Skill,
    SkillCategory,
    Source,
    SourceType,
    Specialization,
    Statistic,
    Unit,
    WorkSetting,
    split_ref,
)
from ._search import SearchHit
from ._version import DATA_VERSION, __version__

__all__ = [
    "DATA_VERSION",
    "ID_PATTERN",
    "KINDS",
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
    "JobTitle",
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
    "Record",
    "Relation",
    "RelationType",
    "Responsibility",
    "SearchHit",
    "Seniority",
    "Skill",
    "SkillCategory",
    "Source",
    "SourceType",
    "Specialization",
    "Statistic",
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
