"""The responsibility record kind."""

from __future__ import annotations

from typing import ClassVar

import attrs

from ._base import (
    Record,
    _check_texts,
)

__all__ = ["Responsibility"]


@attrs.frozen(kw_only=True)
class Responsibility(Record):
    """Something medical and health services managers are responsible for.

    Attributes:
        duties: The concrete duties the responsibility covers.
        aliases: Other words for it (``"HR"``), used by lookup and search.
    """

    kind: ClassVar[str] = "responsibility"

    duties: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
