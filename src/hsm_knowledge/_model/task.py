"""The task record kind and its enums."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import ClassVar

import attrs

from ._base import (
    Record,
    _Bounds,
    _check_optional_text,
    _check_text,
    _check_unique,
    check_types,
    negative_fields,
    raise_broken,
    text_enum,
)
from ._values import (
    _DECIMAL_OPTIONAL,
    Period,
)

__all__ = ["DetailedWorkActivity", "Task", "TaskCategory"]


@text_enum
class TaskCategory(str, enum.Enum):
    """How central an O*NET :class:`Task` is to the occupation."""

    CORE = "core"
    """O*NET rates the task both relevant to and important for the occupation."""
    SUPPLEMENTAL = "supplemental"
    """O*NET rates the task less relevant or less important."""


@attrs.frozen(kw_only=True)
class DetailedWorkActivity:
    """An O*NET detailed work activity (DWA) that a :class:`Task` is linked to.

    Attributes:
        id: O*NET's DWA identifier, as written (``"4.A.4.b.4.I01.D13"``).
        title: The activity's title in O*NET.
        date: When O*NET last updated the link (month precision).
        domain_source: Who supplied the link, in O*NET's words
            (``"Analyst"``).
    """

    id: str = attrs.field(validator=[check_types, _check_text])
    title: str | None = attrs.field(default=None, validator=_check_optional_text)
    date: Period | None = None
    domain_source: str | None = attrs.field(
        default=None, validator=_check_optional_text
    )


@attrs.frozen(kw_only=True)
class Task(Record):
    """A task statement O*NET lists for the occupation.

    ``name`` is the statement as O*NET words it.

    Attributes:
        onet_id: O*NET's task identifier.
        category: Whether O*NET counts the task as core or supplemental,
            or ``None`` where O*NET gives no category.
        incumbents_responding: How many people rated the task, exactly as
            O*NET writes it (``28.0``; not negative), or ``None``.
        date: When O*NET last updated the task (month precision).
        domain_source: Who supplied the data, in O*NET's words
            (``"Occupational Expert"``).
        work_activities: The detailed work activities O*NET links the task to.
    """

    kind: ClassVar[str] = "task"

    onet_id: int = attrs.field(validator=_Bounds(1))
    category: TaskCategory | None = None
    incumbents_responding: Decimal | None = attrs.field(
        default=None, validator=_DECIMAL_OPTIONAL
    )
    date: Period | None = None
    domain_source: str | None = attrs.field(
        default=None, validator=_check_optional_text
    )
    work_activities: tuple[DetailedWorkActivity, ...] = attrs.field(
        default=(), validator=_check_unique
    )

    def __attrs_post_init__(self) -> None:
        # (worded as a rating's sample size, n, is)
        raise_broken(negative_fields(self, "incumbents_responding"))
