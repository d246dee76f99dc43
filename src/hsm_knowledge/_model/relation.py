"""The relation record kind and its enums."""

from __future__ import annotations

import enum
from typing import ClassVar

import attrs

from ._base import (
    Citation,
    FieldRuleError,
    _check_citations,
    _check_optional_text,
    _check_ref,
    check_types,
    raise_broken,
    text_enum,
)

__all__ = ["Basis", "Relation", "RelationType"]


@text_enum
class Basis(str, enum.Enum):
    """Why a :class:`Relation` holds."""

    STATED = "stated"
    """A cited source states it."""
    EDITORIAL = "editorial"
    """The curators' judgment; ``Relation.rationale`` explains it."""


@text_enum
class RelationType(str, enum.Enum):
    """The type of a :class:`Relation` edge, read ``subject type object``."""

    INCLUDES = "includes"
    """The subject (a career step) includes earning the object (a credential)."""
    DEVELOPS = "develops"
    """Doing the subject develops the object (a skill)."""
    PRACTISED_IN = "practised-in"
    """The subject is practised in the object (a work setting)."""
    REQUIRES = "requires"
    """The subject needs the object (a skill or credential)."""
    OFFERS = "offers"
    """The subject (a work setting or title) offers the object."""
    SUPPORTS = "supports"
    """The subject (a credential or skill) supports the object."""
    ILLUSTRATES = "illustrates"
    """The subject is an example of the object."""


@attrs.frozen(kw_only=True)
class Relation:
    """A typed edge between two records, read ``subject type object``.

    Attributes:
        kind: ``"relation"``. Relations have no id; an edge is identified
            by its :attr:`key`.
        subject: A ``kind:id`` reference to the record the edge starts at.
        type: What the edge means.
        object: A ``kind:id`` reference to the record the edge points to.
        basis: Whether a source states the relation or it is editorial.
        citations: The sources stating it (for ``stated``), or the sources
            of the records the rationale relies on (for ``editorial``).
        rationale: Why the curators added an editorial relation; required
            for ``editorial`` relations.
    """

    kind: ClassVar[str] = "relation"

    subject: str = attrs.field(validator=[check_types, _check_ref])
    type: RelationType
    object: str = attrs.field(validator=_check_ref)
    basis: Basis
    citations: tuple[Citation, ...] = attrs.field(validator=_check_citations)
    rationale: str | None = attrs.field(default=None, validator=_check_optional_text)

    def __attrs_post_init__(self) -> None:
        broken: list[FieldRuleError] = []
        if self.subject == self.object:
            broken.append(
                FieldRuleError("object", "a relation cannot link a record to itself")
            )
        if self.basis is Basis.EDITORIAL and self.rationale is None:
            broken.append(
                FieldRuleError("rationale", "an editorial relation needs a rationale")
            )
        raise_broken(broken)

    @property
    def key(self) -> tuple[str, RelationType, str]:
        """The ``(subject, type, object)`` triple that identifies the edge."""
        return (self.subject, self.type, self.object)
