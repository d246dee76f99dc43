"""The entry requirements record kind."""

from __future__ import annotations

from typing import ClassVar

import attrs

from ._base import (
    Record,
    _check_optional_text,
    _check_text,
)

__all__ = ["EntryRequirements"]


@attrs.frozen(kw_only=True)
class EntryRequirements(Record):
    """What one edition of a handbook gives as typical entry requirements.

    The values keep the publication's own category wording (the BLS
    Occupational Outlook Handbook's "Bachelor's degree", "Less than 5
    years", "None").

    Attributes:
        edition: The edition of the publication (``"2023-33"``).
        education: The typical entry-level education.
        work_experience: Work experience in a related occupation.
        on_the_job_training: Typical on-the-job training.
    """

    kind: ClassVar[str] = "entry-requirements"

    edition: str = attrs.field(validator=_check_text)
    education: str | None = attrs.field(default=None, validator=_check_optional_text)
    work_experience: str | None = attrs.field(
        default=None, validator=_check_optional_text
    )
    on_the_job_training: str | None = attrs.field(
        default=None, validator=_check_optional_text
    )
