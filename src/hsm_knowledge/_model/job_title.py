"""The job title record kind and its enums."""

from __future__ import annotations

import enum
from typing import ClassVar

import attrs

from ._base import (
    FieldRuleError,
    Record,
    _check_optional_text,
    _check_texts,
    text_enum,
)

__all__ = ["JobTitle", "Seniority", "TitleSource"]


@text_enum
class Seniority(str, enum.Enum):
    """How senior a :class:`JobTitle` is, where a source says so."""

    EXECUTIVE = "executive"
    """Higher-level, executive positions."""


@text_enum
class TitleSource(str, enum.Enum):
    """Which O*NET list gives a :class:`JobTitle`."""

    ALTERNATE = "alternate-title"
    """From O*NET's Alternate Titles file (lay and official titles used for
    keyword search)."""
    REPORTED = "reported-title"
    """From O*NET's Sample of Reported Titles file (titles reported by
    workers and occupational experts in O*NET's surveys)."""


@attrs.frozen(kw_only=True)
class JobTitle(Record):
    """A job title held by people in the occupation.

    Attributes:
        seniority: How senior the title is, where a source says so.
        title_sources: The O*NET lists that give the title; empty for a
            title from another source.
        short_title: O*NET's short form of a title that holds acronyms or
            jargon (``"HIM Director"``), if any.
        shown_in_my_next_move: For a reported title, whether O*NET shows it
            in My Next Move; ``None`` where the source does not say.
        onet_source_codes: O*NET's codes for where an alternate title was
            found (``"04"`` for standard SOC resources), as written.
    """

    kind: ClassVar[str] = "job-title"

    seniority: Seniority | None = None
    title_sources: tuple[TitleSource, ...] = ()
    short_title: str | None = attrs.field(default=None, validator=_check_optional_text)
    shown_in_my_next_move: bool | None = None
    onet_source_codes: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)

    def __attrs_post_init__(self) -> None:
        if len(set(self.title_sources)) != len(self.title_sources):
            raise FieldRuleError(
                "title_sources", "title_sources must not repeat an entry"
            )
