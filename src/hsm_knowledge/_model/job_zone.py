"""The job zone record kind."""

from __future__ import annotations

from typing import ClassVar

import attrs

from ._base import (
    Record,
    _Bounds,
    _check_optional_text,
)
from ._values import (
    Period,
)

__all__ = ["JobZone"]


@attrs.frozen(kw_only=True)
class JobZone(Record):
    """The O*NET job zone of the occupation: how much preparation it needs.

    ``name`` is O*NET's name for the zone.

    Attributes:
        zone: The zone number, 1 (little preparation) to 5 (extensive).
        svp_range: The specific vocational preparation range O*NET gives
            for the zone, as written, if known.
        date: When O*NET last updated the assignment (month precision).
        domain_source: Who assigned it, in O*NET's words.
    """

    kind: ClassVar[str] = "job-zone"

    zone: int = attrs.field(validator=_Bounds(1, 5))
    svp_range: str | None = attrs.field(default=None, validator=_check_optional_text)
    date: Period | None = None
    domain_source: str | None = attrs.field(
        default=None, validator=_check_optional_text
    )
