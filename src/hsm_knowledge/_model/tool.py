"""The tool record kind."""

from __future__ import annotations

from typing import ClassVar

import attrs

from ._base import (
    Record,
    _check_text,
)

__all__ = ["Tool"]


@attrs.frozen(kw_only=True)
class Tool(Record):
    """A tool or piece of equipment O*NET lists as used in the occupation.

    Attributes:
        commodity_code: The UNSPSC commodity code, as written.
        commodity_title: The commodity's title.
    """

    kind: ClassVar[str] = "tool"

    commodity_code: str = attrs.field(validator=_check_text)
    commodity_title: str = attrs.field(validator=_check_text)
