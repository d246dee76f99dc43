"""The specialization record kind."""

from __future__ import annotations

from typing import ClassVar

import attrs

from ._base import (
    Record,
    _check_texts,
)

__all__ = ["Specialization"]


@attrs.frozen(kw_only=True)
class Specialization(Record):
    """An area of healthcare management a manager can specialize in.

    Attributes:
        focus: What the specialization concentrates on.
        aliases: Other names for it.
    """

    kind: ClassVar[str] = "specialization"

    focus: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
