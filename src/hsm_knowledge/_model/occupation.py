"""The occupation record kind."""

from __future__ import annotations

from typing import ClassVar

import attrs

from ._base import (
    FieldRuleError,
    Record,
    _check_ids,
    _check_texts,
    member,
    raise_broken,
)
from ._values import (
    CodeSystem,
    OccupationCode,
)

__all__ = ["Occupation"]


@attrs.frozen(kw_only=True)
class Occupation(Record):
    """The occupation this knowledge base describes.

    Attributes:
        codes: The occupation's codes in each classification system.
        aliases: Other names for the occupation.
        facility_types: Ids of the :class:`WorkSetting` records naming the
            kinds of facilities the occupation manages.
        notes: Further facts about the occupation, in the library's words.
    """

    kind: ClassVar[str] = "occupation"

    codes: tuple[OccupationCode, ...]
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    facility_types: tuple[str, ...] = attrs.field(default=(), validator=_check_ids)
    notes: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)

    def __attrs_post_init__(self) -> None:
        broken: list[FieldRuleError] = []
        systems = [c.system for c in self.codes if c.system is not CodeSystem.ESCO]
        if len(set(systems)) != len(systems):
            broken.append(
                FieldRuleError(
                    "codes",
                    "occupation codes repeat a classification system other than ESCO",
                )
            )
        seen: dict[object, int] = {}
        for index, code in enumerate(self.codes):
            # a code, and a URI, names one concept: two entries for it would
            # be one node with two values in linked data
            for key, what in (((code.system, code.value), "code"), (code.uri, "URI")):
                if key is None:
                    continue
                if key in seen:
                    value = code.uri if what == "URI" else code.value
                    broken.append(
                        FieldRuleError(
                            "codes",
                            f"codes must not repeat a {what}; item {index} repeats "
                            f"the {what} of item {seen[key]}, {value!r}",
                        )
                    )
                else:  # (a later repeat names the first item, not this one)
                    seen[key] = index
        raise_broken(broken)

    def code(self, system: CodeSystem | str) -> OccupationCode | None:
        """Return the occupation's code in *system*, or ``None``.

        Where a system has several codes for the occupation (ESCO maps more
        than one occupation to an ISCO group), the first is returned; use
        :meth:`codes_in` for all of them.

        Args:
            system: A :class:`CodeSystem` or its value (``"soc-2018"``).

        Raises:
            ValueError: If *system* is not a known code system.
        """
        system = _code_system(system)
        for code in self.codes:
            if code.system is system:
                return code
        return None

    def codes_in(self, system: CodeSystem | str) -> tuple[OccupationCode, ...]:
        """Return every code the occupation has in *system*.

        Args:
            system: A :class:`CodeSystem` or its value.

        Raises:
            ValueError: If *system* is not a known code system.
        """
        system = _code_system(system)
        return tuple(code for code in self.codes if code.system is system)

    def has_code(self, value: str, system: CodeSystem | str | None = None) -> bool:
        """Tell whether *value* is one of this occupation's codes.

        Args:
            value: A code as written by its system (``"11-9111"``,
                ``"11-9111.00"``, ``"1342"``) or an ESCO URI; spaces
                around it are ignored.
            system: Restrict the check to one system.

        Raises:
            TypeError: If *value* is not a string.
            ValueError: If *system* is not a known code system.
        """
        if not isinstance(value, str):
            raise TypeError(
                f"a code is a string such as '11-9111', not {type(value).__name__}"
            )
        wanted = None if system is None else _code_system(system)
        value = value.strip()
        return any(
            (wanted is None or code.system is wanted)
            and (code.value == value or code.uri == value)
            for code in self.codes
        )


def _code_system(system: CodeSystem | str) -> CodeSystem:
    return member(CodeSystem, system, "code system", "systems")
