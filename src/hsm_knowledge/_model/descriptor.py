"""The descriptor record kind and its enums."""

from __future__ import annotations

import enum
import math
import numbers
from decimal import Decimal
from typing import ClassVar

import attrs

from ._base import (
    FieldRuleError,
    Record,
    _Bounds,
    _check_optional_text,
    _check_text,
    check_types,
    negative_fields,
    raise_broken,
    span_text,
    text_enum,
)
from ._values import (
    _DECIMAL_OPTIONAL,
    Period,
    _check_finite,
)

__all__ = ["Descriptor", "DescriptorDomain", "Rating"]


@text_enum
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


# O*NET's high-point scales: a value names an element, 0 that there is none
_HIGH_POINT_SCALES = frozenset({"IH", "VH"})


@attrs.frozen(kw_only=True)
class Rating:
    """One rating row of an O*NET descriptor, exactly as O*NET gives it.

    Numbers keep the digits of the source row (``Decimal("4")`` where the
    row reads ``4``, ``Decimal("4.00")`` where it reads ``4.00``); nothing is
    rounded, padded or left out because of its value. A rating must hold
    together: its value within the scale's minimum and maximum (where
    given; O*NET's 0 for "no high point" on the high-point scales ``IH``
    and ``VH`` is allowed, as the Work Value High-Point scale runs from 1),
    the maximum not below the minimum, the upper confidence bound not below
    the lower one, and no negative sample size or standard error.

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
        n: The sample size, if given (not negative).
        standard_error: The standard error, if given (not negative).
        lower_ci_bound: The lower bound of the 95 % confidence interval.
        upper_ci_bound: The upper bound of the 95 % confidence interval.
        recommend_suppress: O*NET's low-precision flag, if given.
        not_relevant: O*NET's flag that the element is not relevant to the
            occupation, if given.
        date: When O*NET last updated the rating (month precision).
        domain_source: Who supplied the rating, in O*NET's words.
    """

    scale: str = attrs.field(validator=[check_types, _check_text])
    scale_name: str | None = attrs.field(default=None, validator=_check_optional_text)
    scale_minimum: Decimal | None = attrs.field(
        default=None, validator=_DECIMAL_OPTIONAL
    )
    scale_maximum: Decimal | None = attrs.field(
        default=None, validator=_DECIMAL_OPTIONAL
    )
    value: Decimal = attrs.field(validator=_check_finite)
    category: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(_Bounds(0))
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

    def __attrs_post_init__(self) -> None:
        broken = negative_fields(self, "n", "standard_error")
        low, high = self.scale_minimum, self.scale_maximum
        if low is not None and high is not None and high < low:
            broken.append(
                FieldRuleError(
                    "scale_maximum",
                    f"the scale's maximum {high} is below its minimum {low}",
                )
            )
        no_high_point = self.scale in _HIGH_POINT_SCALES and self.value == 0
        scale_broken = low is not None and high is not None and high < low
        if (
            not no_high_point
            and not scale_broken
            and (
                (low is not None and self.value < low)
                or (high is not None and self.value > high)
            )
        ):
            span = span_text(low, high)
            broken.append(
                FieldRuleError(
                    "value", f"value {self.value} is outside the scale ({span})"
                )
            )
        lower, upper = self.lower_ci_bound, self.upper_ci_bound
        if lower is not None and upper is not None and upper < lower:
            broken.append(
                FieldRuleError(
                    "upper_ci_bound",
                    f"the upper confidence bound {upper} is below "
                    f"the lower one {lower}",
                )
            )
        raise_broken(broken)


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
            raise FieldRuleError("ratings", "a descriptor needs at least one rating")
        keys = [(r.scale, r.category) for r in self.ratings]
        if len(set(keys)) != len(keys):
            raise FieldRuleError("ratings", "ratings repeat a scale and category")

    def rating(self, scale: str, category: int | None = None) -> Rating | None:
        """Return the rating on *scale* (and *category*), or ``None``.

        Args:
            scale: An O*NET scale id such as ``"IM"`` (in any case).
            category: The category, for a category scale such as ``"RL"``.

        Returns:
            The rating, or ``None`` if the descriptor is not rated on that
            scale (and category).

        Raises:
            TypeError: If *scale* is not a string, or *category* is not a
                finite real number (an int, or a number equal to one) or
                ``None`` (``"6"``: no rating's category is text).
            ValueError: If the descriptor rates categories on *scale* and
                no *category* is given (the message lists them).

        Example:
            >>> import hsm_knowledge
            >>> kb = hsm_knowledge.load()
            >>> education = kb.descriptors[
            ...     "education-training-experience-required-level-of-education"]
            >>> str(education.rating("rl", category=6).value)
            '46.43'
            >>> education.rating("RL")
            Traceback (most recent call last):
              ...
            ValueError: scale 'RL' rates categories of this descriptor: pass category= (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
        """  # noqa: E501
        if not isinstance(scale, str):
            raise TypeError(f"scale is an O*NET scale id (a str), not {scale!r}")
        given: object = category  # checked at run time: not every caller is typed
        if given is not None and (
            isinstance(given, bool)
            or not isinstance(given, (numbers.Real, Decimal))
            or not _finite(given)
        ):
            raise TypeError(
                f"category is a finite number (such as 6) or None, not "
                f"{type(given).__name__} {given!r}"
            )
        found = self._rating(scale, category)
        if found is None and category is None:
            on_scale = self._on_scale(scale)
            if on_scale:
                categories = ", ".join(str(r.category) for r in on_scale)
                raise ValueError(
                    f"scale {on_scale[0].scale!r} rates categories of this "
                    f"descriptor: pass category= ({categories})"
                )
        return found

    def _on_scale(self, scale: str) -> list[Rating]:
        on_scale = [r for r in self.ratings if r.scale == scale]
        if not on_scale and isinstance(scale, str):
            on_scale = [r for r in self.ratings if r.scale.upper() == scale.upper()]
        return on_scale

    def _rating(self, scale: str, category: int | None) -> Rating | None:
        for rating in self._on_scale(scale):
            if rating.category == category:
                return rating
        return None

    @property
    def importance(self) -> Decimal | None:
        """The value on O*NET's importance scale (``IM``), if rated."""
        rating = self._rating("IM", None)
        return None if rating is None else rating.value

    @property
    def level(self) -> Decimal | None:
        """The value on O*NET's level scale (``LV``), if rated."""
        rating = self._rating("LV", None)
        return None if rating is None else rating.value


def _finite(number: numbers.Real | Decimal) -> bool:
    if isinstance(number, Decimal):
        return number.is_finite()
    return math.isfinite(number)
