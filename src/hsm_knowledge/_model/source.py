"""The source record kind and its enums."""

from __future__ import annotations

import datetime as _dt
import enum
from typing import ClassVar

import attrs

from ._base import (
    _check_id,
    _check_optional_id,
    _check_optional_text,
    _check_text,
    _check_url,
    check_types,
    text_enum,
)

__all__ = ["Source", "SourceType"]


@text_enum
class SourceType(str, enum.Enum):
    """What kind of publication a :class:`Source` is."""

    ARTICLE = "article"
    """A secondary article written for a general audience."""
    WEB_PAGE = "web-page"
    """A page of an organization's website."""
    HANDBOOK = "handbook"
    """A reference handbook such as the BLS Occupational Outlook Handbook."""
    DATASET = "dataset"
    """A published database or statistical release."""
    CLASSIFICATION = "classification"
    """A classification or taxonomy such as ISCO-08 or ESCO."""


@attrs.frozen(kw_only=True)
class Source:
    """A publication that records cite.

    Attributes:
        kind: ``"source"``, the kind as written in references.
        id: The source's id, unique among sources.
        title: The publication's title.
        type: What kind of publication it is.
        publisher: The id of the :class:`Organization` that published it,
            or ``None`` where the source does not name one.
        url: Where it can be read, if known.
        edition: The edition, release or version the facts were read from.
        published: The publication date, if known.
        license: The licence the content is used under, if stated.
        attribution: Credit wording the publisher asks for, if any.
        notes: Anything a user should know when weighing this source.
    """

    kind: ClassVar[str] = "source"

    id: str = attrs.field(validator=[check_types, _check_id])
    title: str = attrs.field(validator=_check_text)
    type: SourceType
    publisher: str | None = attrs.field(default=None, validator=_check_optional_id)
    url: str | None = attrs.field(default=None, validator=_check_url)
    edition: str | None = attrs.field(default=None, validator=_check_optional_text)
    published: _dt.date | None = None
    license: str | None = attrs.field(default=None, validator=_check_optional_text)
    attribution: str | None = attrs.field(default=None, validator=_check_optional_text)
    notes: str | None = attrs.field(default=None, validator=_check_optional_text)

    @property
    def name(self) -> str:
        """The source's title (so every record kind has a ``name``)."""
        return self.title

    @property
    def ref(self) -> str:
        """The source's ``kind:id`` reference (``"source:onet-29-3"``)."""
        return f"source:{self.id}"
