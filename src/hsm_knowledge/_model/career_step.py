"""The career step record kind."""

from __future__ import annotations

from typing import ClassVar

import attrs

from ._base import (
    Record,
    _Bounds,
    _check_texts,
)

__all__ = ["CareerStep"]


@attrs.frozen(kw_only=True)
class CareerStep(Record):
    """One step on the path into the occupation, in order.

    Attributes:
        order: The step's position, counting from 1.
        essential: Whether the source calls the step essential.
        options: Ways of taking the step that the source names.
    """

    kind: ClassVar[str] = "career-step"

    order: int = attrs.field(validator=_Bounds(1))
    essential: bool
    options: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
