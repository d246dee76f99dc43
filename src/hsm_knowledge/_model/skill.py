"""The skill record kind and its enums."""

from __future__ import annotations

import enum
from typing import ClassVar

import attrs

from ._base import (
    Record,
    _check_texts,
    text_enum,
)

__all__ = ["Skill", "SkillCategory"]


@text_enum
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
