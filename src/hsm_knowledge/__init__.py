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
from ._knowledge import KINDS, Collection, Kind, KnowledgeBase, Manifest
from ._loading import clear_cache, load, loads
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
from ._version import DATA_VERSION, __version__

__all__ = [
    "DATA_VERSION",
    "ID_PATTERN",
    "KINDS",
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
    "Seniority",
    "Skill",
    "SkillCategory",
    "Source",
    "SourceType",
    "Specialization",
    "Statistic",
    "Unit",
    "WorkSetting",
    "__version__",
    "clear_cache",
    "load",
    "loads",
    "split_ref",
]
