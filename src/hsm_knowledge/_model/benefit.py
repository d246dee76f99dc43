"""The benefit record kind and its enums."""

from __future__ import annotations

import enum
from typing import ClassVar

import attrs

from ._base import (
    Record,
    text_enum,
)

__all__ = ["Benefit", "BenefitKind"]


@text_enum
class BenefitKind(str, enum.Enum):
    """Whom a :class:`Benefit` comes from."""

    CAREER = "career"
    """An advantage of the career itself."""
    EMPLOYER = "employer"
    """Something employers offer, such as a retirement plan."""


@attrs.frozen(kw_only=True)
class Benefit(Record):
    """An advantage of working in the occupation.

    Attributes:
        type: Whether the career itself or an employer provides it.
    """

    kind: ClassVar[str] = "benefit"

    type: BenefitKind
