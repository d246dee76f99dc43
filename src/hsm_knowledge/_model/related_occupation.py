"""The related occupation record kind and its enums."""

from __future__ import annotations

import enum
from typing import ClassVar

import attrs

from ._base import (
    Record,
    _Bounds,
    _check_texts,
    text_enum,
)
from ._values import (
    OccupationCode,
)

__all__ = ["RelatedOccupation", "RelatednessTier"]


@text_enum
class RelatednessTier(str, enum.Enum):
    """How closely O*NET relates a :class:`RelatedOccupation`."""

    PRIMARY_SHORT = "primary-short"
    """The five most strongly related occupations."""
    PRIMARY_LONG = "primary-long"
    """The sixth to tenth most strongly related occupations."""
    SUPPLEMENTAL = "supplemental"
    """The 11th to 20th most strongly related occupations."""


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
        default=None, validator=attrs.validators.optional(_Bounds(1))
    )
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
