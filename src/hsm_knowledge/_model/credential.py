"""The credential record kind and its enums."""

from __future__ import annotations

import enum
from typing import ClassVar

import attrs

from ._base import (
    Record,
    _check_id,
    _check_text,
    _check_texts,
    text_enum,
)

__all__ = ["Credential", "CredentialCategory"]


@text_enum
class CredentialCategory(str, enum.Enum):
    """What kind of recognition a :class:`Credential` is."""

    CERTIFICATION = "certification"
    """A voluntary professional certification."""
    LICENSE = "license"
    """A licence required by law to practise in some jurisdiction."""
    BOARD_CERTIFICATION = "board-certification"
    """Board certification that also confers a fellowship title."""


@attrs.frozen(kw_only=True)
class Credential(Record):
    """A certification or licence, issued by an organization.

    A credential's id is its abbreviation in lowercase (``cphrm``).

    Attributes:
        abbreviation: The credential's abbreviation as written (``"CPHRM"``).
        issuer: The id of the :class:`Organization` that issues it.
        category: What kind of credential it is.
        aliases: Other names, such as an older spelling of the full name.
        requirements: What a cited source says it takes to earn the
            credential, in the library's words; empty where no source says.
        renewal: What a holder must do to keep the credential (continuing
            education, recertification, membership), as a cited source
            states it, in the library's words; empty where no source says.
    """

    kind: ClassVar[str] = "credential"

    abbreviation: str = attrs.field(validator=_check_text)
    issuer: str = attrs.field(validator=_check_id)
    category: CredentialCategory
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    requirements: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    renewal: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
