"""The technology skill record kind."""

from __future__ import annotations

from typing import ClassVar

import attrs

from ._base import (
    Record,
    _check_text,
)

__all__ = ["TechnologySkill"]


@attrs.frozen(kw_only=True)
class TechnologySkill(Record):
    """A piece of software O*NET lists as used in the occupation.

    ``name`` is O*NET's example (``"Epic Systems"``).

    Attributes:
        commodity_code: The UNSPSC commodity code O*NET classes it under,
            as written (``"43232610"``).
        commodity_title: The commodity's title (``"Medical software"``).
        hot_technology: Whether O*NET flags it as a Hot Technology, one
            frequently named in employers' job postings across occupations.
        in_demand: Whether O*NET flags it as In Demand, one frequently named
            in job postings for this occupation.
    """

    kind: ClassVar[str] = "technology-skill"

    commodity_code: str = attrs.field(validator=_check_text)
    commodity_title: str = attrs.field(validator=_check_text)
    hot_technology: bool
    in_demand: bool
