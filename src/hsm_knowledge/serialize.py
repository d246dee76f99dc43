"""The wire format: the library's one cattrs converter and its JSON functions.

The converter is strict where data comes from outside: no coercion between
strings, numbers and booleans, unknown keys rejected, ``Decimal`` written as
an exact string, dates as ISO 8601 (``YYYY-MM-DD``), enums by value, and
collections as JSON arrays. Every problem in a document is reported at once
in one :class:`~hsm_knowledge.DataError`, each with its JSON path.

Example:
    >>> import hsm_knowledge
    >>> from hsm_knowledge.serialize import from_dict, to_dict
    >>> kb = hsm_knowledge.load()
    >>> data = to_dict(kb.credentials["cphrm"])
    >>> data["abbreviation"]
    'CPHRM'
    >>> from_dict(hsm_knowledge.Credential, data) == kb.credentials["cphrm"]
    True
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import re
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from . import _model
from ._errors import DataError, Problem
from ._knowledge import Collection, KnowledgeBase

__all__ = ["converter", "from_dict", "from_json", "to_dict", "to_json"]

T = TypeVar("T")

_DECIMAL_RE = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _structure_str(value: object, _: object) -> str:
    if type(value) is not str:
        raise TypeError(f"expected a string, got {_json_type(value)}")
    return value


def _structure_int(value: object, _: object) -> int:
    if type(value) is not int:
        raise TypeError(f"expected an integer, got {_json_type(value)}")
    return value


def _structure_bool(value: object, _: object) -> bool:
    if type(value) is not bool:
        raise TypeError(f"expected true or false, got {_json_type(value)}")
    return value


def _structure_decimal(value: object, _: object) -> Decimal:
    if type(value) is not str:
        raise TypeError(
            f'expected a decimal number written as a string (such as "50.40"), '
            f"got {_json_type(value)}"
        )
    if not _DECIMAL_RE.match(value):
        raise ValueError(f"{value!r} is not a finite decimal number")
    return Decimal(value)


def _structure_date(value: object, _: object) -> _dt.date:
    if type(value) is not str:
        raise TypeError(f'expected a date as "YYYY-MM-DD", got {_json_type(value)}')
    if not _DATE_RE.match(value):
        raise ValueError(f"{value!r} is not a date written as YYYY-MM-DD")
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a valid calendar date") from None


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    by_value = {member.value: member for member in cls}
    allowed = ", ".join(repr(v) for v in by_value)

    def structure(value: object, _: object) -> enum.Enum:
        if type(value) is not str or value not in by_value:
            shown = repr(value) if isinstance(value, str) else _json_type(value)
            raise ValueError(f"expected one of {allowed}, got {shown}")
        return by_value[value]

    return structure


_MODEL_ENUMS: tuple[type[enum.Enum], ...] = tuple(
    value
    for value in vars(_model).values()
    if isinstance(value, type)
    and issubclass(value, enum.Enum)
    and value.__module__ == _model.__name__
)


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _check_array(value: object) -> list[Any] | tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"expected an array, got {_json_type(value)}")
    return value


def _structure_items(
    conv: cattrs.Converter, value: object, item_type: Any
) -> tuple[Any, ...]:
    items = _check_array(value)
    handler = conv.get_structure_hook(item_type)
    results = []
    errors: list[Exception] = []
    for index, item in enumerate(items):
        try:
            results.append(handler(item, item_type))
        except Exception as exc:  # collected, re-raised below
            exc.__notes__ = [*getattr(exc, "__notes__", []), f"index {index}"]
            exc.__dict__["_hsm_index"] = index
            errors.append(exc)
    if errors:
        raise IterableValidationError(f"while structuring {item_type!r}", errors, tuple)
    return tuple(results)


def _collection_class(type_: Any) -> type[Collection[Any]] | None:
    """Return the collection class *type_* stands for, or ``None``."""
    origin = typing.get_origin(type_) or type_
    if isinstance(origin, type) and issubclass(origin, Collection):
        return origin
    return None


def _collection_item_type(type_: Any) -> Any:
    args = typing.get_args(type_)
    if args:
        return args[0]
    for base in getattr(type_, "__orig_bases__", ()):
        if typing.get_origin(base) is Collection:
            return typing.get_args(base)[0]
    return Any


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    # The model's enums derive from ``str``; registering each one by class
    # keeps singledispatch from handing them to the ``str`` hook.
    for enum_cls in _MODEL_ENUMS:
        conv.register_structure_hook(enum_cls, _enum_hook(enum_cls))
        conv.register_unstructure_hook(enum_cls, _enum_value)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(_dt.date, _structure_date)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_unstructure_hook(_dt.date, _dt.date.isoformat)

    def tuple_hook(type_: Any) -> Callable[[object, object], tuple[Any, ...]]:
        item_type = typing.get_args(type_)[0]
        return lambda value, _: _structure_items(conv, value, item_type)

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)

    def is_collection(type_: Any) -> bool:
        return _collection_class(type_) is not None

    def collection_hook(type_: Any) -> Callable[[object, object], Collection[Any]]:
        cls = _collection_class(type_)
        assert cls is not None
        item_type = _collection_item_type(type_)
        kind = getattr(item_type, "kind", "record")
        return lambda value, _: cls(_structure_items(conv, value, item_type), kind=kind)

    conv.register_structure_hook_factory(is_collection, collection_hook)

    def unstructure_collection(type_: Any) -> Callable[[Collection[Any]], list[Any]]:
        hook = conv.get_unstructure_hook(_collection_item_type(type_))
        return lambda value: [hook(item) for item in value]

    conv.register_unstructure_hook_factory(is_collection, unstructure_collection)
    return conv


#: The library's converter. Use the functions of this module rather than
#: the converter directly: they turn cattrs' exceptions into ``DataError``.
converter: cattrs.Converter = _make_converter()


# --------------------------------------------------------------------------
# errors


def _problems(exc: BaseException, path: str) -> list[Problem]:
    if isinstance(exc, IterableValidationError):
        out: list[Problem] = []
        for sub in exc.exceptions:
            index = sub.__dict__.get("_hsm_index")
            if index is None:
                found = [
                    getattr(note, "index", None)
                    for note in getattr(sub, "__notes__", [])
                    if hasattr(note, "index")
                ]
                index = found[0] if found else None
            sub_path = path if index is None else f"{path}[{index}]"
            out.extend(_problems(sub, sub_path))
        return out
    if isinstance(exc, ClassValidationError):
        out = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            out.extend(_problems(sub, f"{path}.{note.name}"))
        for sub in without:
            out.extend(_problems(sub, path))
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(repr(k) for k in sorted(exc.extra_fields))
        return [Problem(path, f"unknown field(s) {keys}")]
    if isinstance(exc, DataError):
        return list(exc.problems)
    if isinstance(exc, KeyError):
        return [Problem(path, "required field is missing")]
    if isinstance(exc, (TypeError, ValueError)):
        message = str(exc) or type(exc).__name__
        if "missing" in message and "required" in message and "argument" in message:
            message = "required field is missing"
        return [Problem(path, message)]
    return [Problem(path, f"{type(exc).__name__}: {exc}")]


def _check_is_object(cls: type[Any], data: object) -> None:
    if attrs.has(cls) and not isinstance(data, dict):
        raise DataError([Problem("$", f"expected an object, got {_json_type(data)}")])


def from_dict(cls: type[T], data: object) -> T:
    """Build a *cls* instance from its unstructured (JSON-typed) form.

    Args:
        cls: A record class, :class:`~hsm_knowledge.KnowledgeBase` or a
            type such as ``tuple[Skill, ...]``.
        data: The unstructured form, as :func:`to_dict` makes it.

    Raises:
        DataError: Listing every problem with its JSON path.
    """
    _check_is_object(cls, data)
    try:
        result: T = converter.structure(data, cls)
    except DataError:
        raise
    except Exception as exc:  # every failure: DataError
        raise DataError(_problems(exc, "$")) from None
    return result


def to_dict(obj: Any) -> Any:
    """Return the unstructured, JSON-typed form of *obj*.

    Records and the manifest become dicts, collections and tuples become
    lists, decimals exact strings, dates ISO strings and enums their values.
    Fields left at their default are omitted.
    """
    return converter.unstructure(obj)


def to_json(obj: Any, *, indent: int | None = 2) -> str:
    """Return *obj* as JSON text, the same bytes for the same input.

    Args:
        obj: A record, collection, tuple of records or knowledge base.
        indent: Indentation, or ``None`` for the most compact text.
    """
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(
        to_dict(obj),
        ensure_ascii=False,
        indent=indent,
        separators=separators,
        allow_nan=False,
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON; use a finite number")


def parse_json(text: str | bytes, *, what: str = "document") -> Any:
    """Parse JSON text strictly: UTF-8 only, no byte-order mark, no NaN.

    Raises:
        DataError: If the text is not valid JSON.
    """
    if isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
        if raw.startswith(b"\xef\xbb\xbf"):
            raise DataError(
                [Problem("$", "starts with a byte-order mark; save as UTF-8 without")],
                what=what,
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataError(
                [Problem("$", f"is not UTF-8: invalid byte at offset {exc.start}")],
                what=what,
            ) from None
    elif text.startswith("\ufeff"):
        raise DataError(
            [Problem("$", "starts with a byte-order mark; remove it")], what=what
        )
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise DataError(
            [
                Problem(
                    "$",
                    f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                )
            ],
            what=what,
        ) from None
    except ValueError as exc:
        raise DataError([Problem("$", str(exc))], what=what) from None
    except RecursionError:
        raise DataError([Problem("$", "nested too deeply")], what=what) from None


def from_json(cls: type[T], text: str | bytes) -> T:
    """Build a *cls* instance from JSON text.

    Args:
        cls: As for :func:`from_dict`.
        text: JSON as ``str`` or UTF-8 ``bytes``.

    Raises:
        DataError: If the text is not valid JSON or the data is invalid.
    """
    return from_dict(cls, parse_json(text))


def structure_knowledge_base(data: object) -> KnowledgeBase:
    """Build a knowledge base from a document's unstructured form."""
    return from_dict(KnowledgeBase, data)
