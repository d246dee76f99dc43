"""The library's exceptions."""

from __future__ import annotations

import reprlib
from collections.abc import Iterable

import attrs

__all__ = ["DataError", "Problem", "quote"]


def quote(value: object, limit: int = 60) -> str:
    """Return *value* quoted for a message (``repr``), cut if it is long.

    A message names the value it is about, but a 5,000-character id must
    not make a 5,000-character message: a text whose ``repr`` is longer
    than *limit* (plus its quotes) is cut to fit, with ``...``, and
    ``repr`` escapes characters that would not show. Another value (a list
    holding such a text) is written with :mod:`reprlib`'s limits and cut
    the same way, never inside an escape; an integer too long for
    ``repr`` (over 4,300 digits) is described instead.
    """
    if isinstance(value, str):
        text = repr(value)
        if len(text) <= limit + 2:
            return text
        cut = value[: limit - 3]
        while len(repr(cut + "...")) > limit + 2:  # escapes take room
            cut = cut[:-1]
        return repr(cut + "...")
    if type(value) is int and value.bit_length() > _REPR_BITS:
        return "an integer of more than 4,000 digits"
    try:
        text = _SHORT.repr(value)
    except ValueError:  # (an int subclass too long for repr)
        return f"<{type(value).__name__}>"
    if len(text) <= limit:
        return text
    cut = text[: limit - 3]
    slash = cut.rfind("\\")
    if slash >= len(cut) - 10:  # an escape may be cut: leave it out
        cut = cut[:slash]
    return cut + "..."


# below this many bits, an integer has fewer than 4,300 digits, the most
# repr() writes (sys.get_int_max_str_digits())
_REPR_BITS = 14_000


class _ShortRepr(reprlib.Repr):
    """:mod:`reprlib`'s limits; a long integer is described, not written."""

    def repr_str(self, x: str, level: int) -> str:
        return quote(x, 30)  # (reprlib's own cut may split an escape)

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > _REPR_BITS:
            return "<an integer of more than 4,000 digits>"
        return super().repr_int(x, level)


_SHORT = _ShortRepr()


@attrs.frozen
class Problem:
    """One thing wrong with a dataset.

    Attributes:
        path: Where the problem is, as a JSON path from the document root
            (``$.skills[3].category``).
        message: What is wrong, in plain words.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DataError(ValueError):
    """A dataset is invalid; the message lists every problem found.

    The dataset is rejected whole: nothing is half-built. Each problem is on a
    line of its own, starting with its JSON path.

    Attributes:
        problems: Every problem found: first those of each value on its
            own (a wrong type, a bad id, a rule within one record), part by
            part in the order of the wire format (unknown top-level keys
            first), each part's in document order; then those between
            records (duplicate ids, references that name no record).
        MAX_LISTED: The most problems the message lists; the rest are
            counted on a last line (all of them are in ``problems``).
    """

    MAX_LISTED: int = 1000
    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem], *, what: str = "dataset") -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"invalid {what} ({count} {noun}):"]
        lines.extend(f"  {problem}" for problem in self.problems[: self.MAX_LISTED])
        if count > self.MAX_LISTED:
            lines.append(
                f"  ... and {count - self.MAX_LISTED} more (see DataError.problems)"
            )
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.problems, str(self)))


# Tracebacks and pickles name the path users import them from
# (``hsm_knowledge.DataError: invalid dataset ...``), not this module.
DataError.__module__ = Problem.__module__ = "hsm_knowledge"


def _rebuild(problems: tuple[Problem, ...], message: str) -> DataError:
    error = DataError.__new__(DataError)
    error.problems = problems
    ValueError.__init__(error, message)
    return error
