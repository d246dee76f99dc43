"""The statistic record kind and its enums."""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from ._base import (
    FieldRuleError,
    Record,
    _Bounds,
    _check_optional_id,
    _check_optional_text,
    a_or_an,
    raise_broken,
    text_enum,
)
from ._values import (
    Period,
    _check_finite,
)

__all__ = ["Metric", "Provenance", "Statistic", "Unit"]


_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")


_GEOGRAPHY_RE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")


@text_enum
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


@text_enum
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


@text_enum
class Provenance(str, enum.Enum):
    """How directly a figure was read from its primary source."""

    PRIMARY = "primary"
    """Read from a copy of the primary source itself."""
    SECONDARY = "secondary"
    """Reported by a secondary source that attributes it to a primary one,
    and not checked against the primary source."""


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
        currency: The ISO 4217 currency code for money (``"USD"``), else
            ``None``. Its form (three capital letters) is checked, not
            that ISO 4217 lists it.
        period: The reference period the figure describes.
        geography: Where it applies, as an ISO 3166 code: a country
            (``"US"``) or a subdivision (``"US-CA"``). Its form is
            checked, not that ISO 3166 lists it.
        edition: The edition or release of the publication (``"2022-32"``).
        provenance: Whether it was read from the primary source.
        attributed_to: For a secondary figure, the id of the
            :class:`Organization` the reporting source attributes it to, or
            ``None`` where the source credits no one; always ``None`` for a
            primary figure.
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
        validator=attrs.validators.optional(_Bounds(1, 99)),
    )
    industry: str | None = attrs.field(default=None, validator=_check_optional_text)
    relative_standard_error: Decimal | None = attrs.field(
        default=None, validator=attrs.validators.optional(_check_finite)
    )

    def __attrs_post_init__(self) -> None:
        broken: list[FieldRuleError] = []
        if self.metric.needs_percentile and self.percentile is None:
            broken.append(
                FieldRuleError(
                    "percentile",
                    f"{a_or_an(self.metric.value)} figure needs a percentile",
                )
            )
        if not self.metric.needs_percentile and self.percentile is not None:
            broken.append(
                FieldRuleError(
                    "percentile",
                    f"{a_or_an(self.metric.value)} figure has no percentile",
                )
            )
        if self.provenance is Provenance.PRIMARY and self.attributed_to is not None:
            broken.append(
                FieldRuleError(
                    "attributed_to",
                    "a primary figure is attributed to no one "
                    "(attributed_to is for a secondary figure)",
                )
            )
        rse = self.relative_standard_error
        if rse is not None and rse < 0:
            broken.append(
                FieldRuleError(
                    "relative_standard_error",
                    "a relative standard error cannot be negative",
                )
            )
        if self.unit.is_monetary and self.currency is None:
            broken.append(
                FieldRuleError(
                    "currency", f"a figure in {self.unit.value} needs a currency"
                )
            )
        if not self.unit.is_monetary and self.currency is not None:
            broken.append(
                FieldRuleError(
                    "currency",
                    f"a figure in {self.unit.value} is not money and has no currency",
                )
            )
        if self.unit in _NON_NEGATIVE_UNITS and self.value < 0:
            broken.append(
                FieldRuleError(
                    "value", f"a figure in {self.unit.value} cannot be negative"
                )
            )
        raise_broken(broken)
