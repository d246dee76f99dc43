"""The organization record kind."""

from __future__ import annotations

from typing import ClassVar

import attrs

from ._base import (
    FieldRuleError,
    Record,
    _check_optional_id,
    _check_optional_text,
    _check_texts,
    _check_url,
)

__all__ = ["Organization"]


@attrs.frozen(kw_only=True)
class Organization(Record):
    """A body that publishes sources, issues credentials or employs managers.

    Attributes:
        abbreviation: The organization's usual abbreviation, if any.
        parent: The id of the organization this one is a division of.
        url: The organization's website, if known.
        aliases: Other names it goes by.
    """

    kind: ClassVar[str] = "organization"

    abbreviation: str | None = attrs.field(default=None, validator=_check_optional_text)
    parent: str | None = attrs.field(default=None, validator=_check_optional_id)
    url: str | None = attrs.field(default=None, validator=_check_url)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)

    def __attrs_post_init__(self) -> None:
        if self.parent == self.id:
            raise FieldRuleError(
                "parent", f"organization {self.id!r} cannot be its own parent"
            )
