"""The library's exceptions."""

from __future__ import annotations

import reprlib
from collections.abc import Iterable

import attrs

__all__ = ["DataError", "Problem", "quote"]


def quote(value: object, limit: int = 60) -> str:
    """Return *value* quoted for a message (``repr``), cut if it is long.

    A message names the value it is about, but a 5,000-character id must
    not make a 5,000-character message: a text or bytes whose ``repr`` is
    longer than *limit* (plus its quotes) is cut to fit, with ``...``, and
    ``repr`` escapes characters that would not show. Another value (a list
    holding such a text) is written with :mod:`reprlib`, its items cut the
    same way, and the whole cut to *limit*, never inside an escape; an
    integer too long for ``repr`` (over 4,300 digits) is described instead.
    """
    limit = max(limit, 8)
    if type(value) is str or type(value) is bytes:
        return _fitted(value, limit)
    if type(value) is int and value.bit_length() > _REPR_BITS:
        return "an integer of more than 4,000 digits"
    try:
        text = _ShortRepr(limit).repr(value)
    except Exception:  # a repr that fails (an int subclass too long)
        return f"<{type(value).__name__}>"
    if len(text) <= limit:
        return text
    cut = text[: limit - 3]
    slash = cut.rfind("\\")
    if slash >= len(cut) - 10:  # an escape may be cut: leave it all out
        while slash > 0 and cut[slash - 1] == "\\":
            slash -= 1
        cut = cut[:slash]
    return cut + "..."


def _fitted(value: str | bytes, limit: int) -> str:
    """``repr`` of *value*, cut by its written length to *limit* and quotes."""
    text = repr(value)
    room = limit + (3 if isinstance(value, bytes) else 2)
    if len(text) <= room:
        return text
    dots = "..." if isinstance(value, str) else b"..."
    cut = value[: limit - 3]
    while cut and len(repr(cut + dots)) > room:  # type: ignore[operator]
        # escapes take room: one item less (bounded: cut is short)
        cut = cut[:-1]
    return repr(cut + dots)  # type: ignore[operator]


# below this many bits, an integer has fewer than 4,300 digits, the most
# repr() writes (sys.get_int_max_str_digits())
_REPR_BITS = 14_000


class _ShortRepr(reprlib.Repr):
    """:mod:`reprlib`, with room for *limit* characters of each item.

    Texts and bytes are cut as :func:`quote` cuts them, and an integer too
    long for ``repr`` is described.
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.maxlevel = 4
        self.maxstring = self.maxlong = self.maxother = limit
        self.maxtuple = self.maxlist = self.maxdict = self.maxset = 10
        self.maxfrozenset = self.maxdeque = self.maxarray = 10

    def repr_str(self, x: str, level: int) -> str:
        return _fitted(x, self.limit)

    def repr_bytes(self, x: bytes, level: int) -> str:
        return _fitted(x, self.limit)

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > _REPR_BITS:
            return "<an integer of more than 4,000 digits>"
        return super().repr_int(x, level)


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
