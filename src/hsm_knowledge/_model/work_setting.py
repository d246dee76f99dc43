"""The work setting record kind."""

from __future__ import annotations

from typing import ClassVar

import attrs

from ._base import (
    Record,
    _check_texts,
)

__all__ = ["WorkSetting"]


@attrs.frozen(kw_only=True)
class WorkSetting(Record):
    """A kind of place where medical and health services managers work.

    Attributes:
        aliases: Other names for the setting, and the kinds of place it
            covers (``"nursing home"``).
    """

    kind: ClassVar[str] = "work-setting"

    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
