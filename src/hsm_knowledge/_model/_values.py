"""Values several record kinds use: periods, occupation codes, decimal checks."""

from __future__ import annotations

import datetime as _dt
import enum
from decimal import Decimal
from typing import Any

import attrs

from ._base import (
    MAX_DIGITS,
    _check_optional_text,
    _check_text,
    _check_url,
    check_types,
    text_enum,
    too_many_digits,
    written_digits,
)

__all__ = ["CodeSystem", "OccupationCode", "Period"]


@text_enum
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


# each system's name as people write it, with its edition (the overview's
# codes and the JSON-LD code sets)
CODE_SYSTEM_NAMES: dict[CodeSystem, str] = {
    CodeSystem.SOC_2018: "SOC 2018",
    CodeSystem.ONET_SOC: "O*NET-SOC 2019",
    CodeSystem.ISCO_08: "ISCO-08",
    CodeSystem.ESCO: "ESCO",
}


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

    start: _dt.date = attrs.field(validator=check_types)
    end: _dt.date
    label: str | None = attrs.field(default=None, validator=_check_optional_text)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(  # (either end may be the one at fault)
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

    system: CodeSystem = attrs.field(validator=check_types)
    value: str = attrs.field(validator=_check_text)
    label: str | None = attrs.field(default=None, validator=_check_optional_text)
    uri: str | None = attrs.field(default=None, validator=_check_url)


def _check_finite(
    _inst: object, attribute: attrs.Attribute[Any], value: Decimal
) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError(f"{attribute.name} must be a finite decimal number")
    digits = written_digits(value)
    if digits > MAX_DIGITS:
        raise too_many_digits(
            attribute.name, f"{digits:,} (written out in plain notation)"
        )


_DECIMAL_OPTIONAL = attrs.validators.optional(_check_finite)
