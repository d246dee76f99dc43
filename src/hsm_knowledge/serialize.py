"""The wire format: the library's cattrs converter and its JSON functions.

The converter is strict where data comes from outside: no coercion between
strings, numbers and booleans, unknown keys rejected, ``Decimal`` written as
an exact string in positional notation (``"50.40"``), dates as ISO 8601
(``"YYYY-MM-DD"``), enums by value, and collections as JSON arrays. The
same holds for the fields of your own attrs classes (``from_dict(MyClass,
...)``): their enums (``(str, Enum)``, ``IntEnum``, plain) take only their
members' values and give members, ``float`` takes only numbers, sets and
frozensets take arrays whose items all differ, ``Literal`` fields take only
their values, and ``dict`` fields only objects; a ``datetime`` field is
refused, since the format has dates, not times. :func:`to_dict` writes
such a class back. Every
problem in a document is reported at once in one
:class:`~hsm_knowledge.DataError`, each on its own line with its JSON path,
and nothing is half-built.

Limits, so that hostile or broken input fails fast with a clear error:

* a document may hold at most :data:`MAX_DOCUMENT_BYTES` bytes (pass
  ``max_bytes`` to raise or lift the limit);
* nesting is bounded by the interpreter's recursion limit (about 1,000
  levels; a valid document nests 5 deep);
* integers, and decimals written as strings, may have at most
  :data:`MAX_INT_DIGITS` digits;
* an error message lists at most :data:`hsm_knowledge.DataError.MAX_LISTED`
  problems (all of them are in ``DataError.problems``), each message cut to
  :data:`MAX_MESSAGE_CHARS` characters.

Example:
    >>> import hsm_knowledge
    >>> from hsm_knowledge.serialize import from_dict, from_json, to_dict
    >>> kb = hsm_knowledge.load()
    >>> data = to_dict(kb.credentials["cphrm"])
    >>> data["abbreviation"]
    'CPHRM'
    >>> from_dict(hsm_knowledge.Credential, data) == kb.credentials["cphrm"]
    True
    >>> from_json(hsm_knowledge.Citation, '{"source": "bls", "locator": 7}')
    Traceback (most recent call last):
      ...
    hsm_knowledge.DataError: invalid Citation (1 problem):
      $.locator: expected a string, got a number
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as _dt
import enum
import functools
import json
import math
import os
import re
import sys
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Collection as Collection_
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    StructureHandlerNotFoundError,
)
from cattrs.gen import make_dict_structure_fn, make_mapping_structure_fn

from . import _collector, _loading, _model
from ._errors import DataError, Problem, quote
from ._knowledge import (
    KINDS,
    PART_ORDER,
    SUPPORTED_SCHEMA_VERSIONS,
    Collection,
    KnowledgeBase,
    check_integrity,
    resolve_types,
)
from ._model import Manifest, Occupation, Relation
from ._model._base import a_or_an, close_value, optional_inner

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_INT_DIGITS",
    "MAX_MESSAGE_CHARS",
    "from_dict",
    "from_json",
    "make_converter",
    "parse_json",
    "to_dict",
    "to_json",
]

T = TypeVar("T")

#: The largest document, in bytes (characters for ``str`` input), that the
#: loading functions accept unless given another ``max_bytes``: 128 MiB,
#: about 4,000 times the packaged data.
MAX_DOCUMENT_BYTES: int = _loading.MAX_DOCUMENT_BYTES

#: The most digits an integer, or a decimal written as a string, may have.
MAX_INT_DIGITS = _model._base.MAX_DIGITS

#: The longest a single problem's message gets; longer ones are cut.
MAX_MESSAGE_CHARS = 300

_DECIMAL_RE = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_IDENTIFIER_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SURROGATE_ESCAPE_RE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_INT_LIMIT = _model._base._INT_LIMIT  # the smallest integer of too many digits
_SURROGATE_MESSAGE = "holds an unpaired surrogate (\\ud800-\\udfff), which is not text"
_KEY_SURROGATE_MESSAGE = "this key " + _SURROGATE_MESSAGE


# --------------------------------------------------------------------------
# describing values in messages


class _Invalid:
    """A JSON value Python's parser accepts but JSON does not (NaN, 1e999)."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, enum.Enum):  # (from_dict: Python values)
        return (
            f"the enum member {type(value).__name__}.{value.name}; "
            f"write its value, {quote(value.value)}"
        )
    if isinstance(value, float) and not math.isfinite(value):
        return f"a non-finite number ({value!r}), which JSON does not allow"
    for plain, name in _PLAIN_TYPES:
        # (an object that repeated a key is made by parse_json: an object)
        if (
            isinstance(value, plain)
            and type(value) is not plain
            and type(value) is not _DuplicateKeys
        ):
            return (
                f"{_json_type(plain(value))} of type {type(value).__name__}; "
                f"write a plain {name}, {name}(value)"
            )
    if isinstance(value, (int, float, Decimal)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, _Invalid):
        return value.message
    return type(value).__name__


# JSON's types as Python's, for values of subclasses (an IntEnum, a str
# subclass), which from_dict refuses as not plain
_PLAIN_TYPES: tuple[tuple[type[Any], str], ...] = (
    (str, "str"),
    (int, "int"),
    (float, "float"),
    (list, "list"),
    (dict, "dict"),
)


def _clip(message: str) -> str:
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    return message[: MAX_MESSAGE_CHARS - 1] + "…"


def _key_path(path: str, key: object) -> str:
    """Return the path of *key* in the object at *path*.

    A short identifier is written ``$.name``; any other key as a JSON
    string, ``$["two words"]``, cut to 60 characters, with every character
    that would not show (a control or zero-width character, an unpaired
    surrogate) escaped, so that the path can be printed, encoded as UTF-8
    and told apart from the key it resembles.
    """
    if isinstance(key, str) and len(key) <= 60 and _IDENTIFIER_RE.fullmatch(key):
        return f"{path}.{key}"
    text = key if isinstance(key, str) else str(key)
    if len(text) > 60:
        text = text[:59] + "…"
    quoted = json.dumps(text, ensure_ascii=False)
    if not quoted.isprintable():
        quoted = "".join(c if c.isprintable() else json.dumps(c)[1:-1] for c in quoted)
    return f"{path}[{quoted}]"


# --------------------------------------------------------------------------
# strict structure hooks


def _structure_str(value: object, type_: object) -> str:
    if type_ is not str and _is_enum(type_):  # a user's (str, Enum)
        # (a member of a str enum is a str)
        return typing.cast(str, _user_enum_hook(type_)(value, type_))
    if type(value) is not str:
        raise TypeError(f"expected a string, got {_json_type(value)}")
    if not value.isascii() and _SURROGATE_RE.search(value):
        # (parse_json refuses these in JSON text; from_dict gets Python
        # strings, which can hold them)
        raise ValueError(_SURROGATE_MESSAGE)
    return value


def _structure_int(value: object, type_: object) -> int:
    if type_ is not int and _is_enum(type_):  # a user's IntEnum
        return typing.cast(int, _user_enum_hook(type_)(value, type_))
    if type(value) is not int:
        if type(value) is float and value.is_integer():
            raise TypeError(f"expected an integer, got {value!r}: {_whole(value)}")
        raise TypeError(f"expected an integer, got {_json_type(value)}")
    if not -_INT_LIMIT < value < _INT_LIMIT:
        # (compared, not converted: str() of such a number may raise)
        raise ValueError(f"an integer of more than {MAX_INT_DIGITS} digits is too long")
    return value


def _whole(value: float) -> str:
    """Say how to write *value*, a whole number read as a float, as an integer.

    The number may have been written with a decimal point (``100.0``) or an
    exponent (``1e2``); the text is gone, so the hint names both. The
    digits are given where the float holds them exactly.
    """
    if abs(value) < _EXACT_FLOAT:  # (2**53 + 1 is read as 2**53 too)
        return f"write it as {int(value)}, without a decimal point or an exponent"
    if abs(value) < _INT_LIMIT:
        return "write it in digits, without a decimal point or an exponent"
    return f"an integer of more than {MAX_INT_DIGITS} digits is too long"


# below this magnitude, a float read from a whole number is that number
_EXACT_FLOAT = 2.0**53


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
    if not _DECIMAL_RE.fullmatch(value):
        _refuse_surrogates(value)
        raise ValueError(
            f"{quote(value)} is not a finite decimal number written as digits "
            '(such as "50.40" or "-2")'
        )
    digits = _digits_over_limit(value)
    if digits is not None:
        raise ValueError(
            f"a decimal number of {digits:,} digits is too long "
            f"(at most {MAX_INT_DIGITS})"
        )
    return Decimal(value)


def _digits_over_limit(number: str) -> int | None:
    """Return how many digits *number* (written out) has, if over the limit.

    ``None`` when it has at most :data:`MAX_INT_DIGITS`; a sign or a point
    may be among the characters, so only long texts are counted.
    """
    if len(number) <= MAX_INT_DIGITS:
        return None
    digits = sum(char.isdigit() for char in number)
    return digits if digits > MAX_INT_DIGITS else None


def _unstructure_decimal(value: Decimal) -> str:
    # Positional notation always: str(Decimal("1E+3")) would be "1E+3".
    return format(value, "f")


def _structure_float(value: object, _: object) -> float:
    if type(value) is not float and type(value) is not int:
        raise TypeError(f"expected a number, got {_json_type(value)}")
    try:
        return float(value)
    except OverflowError:
        raise ValueError("the number is too large for a float") from None


def _refuse_datetime(value: object, _: object) -> _dt.datetime:
    # (a datetime is a date: without its own hook, it would be read as one)
    raise TypeError(
        "a datetime field cannot be read: the wire format has dates "
        "(YYYY-MM-DD), not times; use a date or a str field"
    )


def _structure_date(value: object, _: object) -> _dt.date:
    if type(value) is not str:
        raise TypeError(f'expected a date as "YYYY-MM-DD", got {_json_type(value)}')
    if not _DATE_RE.fullmatch(value):
        _refuse_surrogates(value)
        raise ValueError(f"{quote(value)} is not a date written as YYYY-MM-DD")
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{quote(value)} is not a valid calendar date") from None


def _refuse_surrogates(text: str) -> None:
    """Raise the str hook's error if *text* holds an unpaired surrogate.

    Text that is not text is that one problem, not also "not a date" or
    "not one of the values" (which :func:`parse_json` would repeat).
    """
    if _SURROGATE_RE.search(text):
        raise ValueError(_SURROGATE_MESSAGE)


def _clip_list(items: list[str], limit: int) -> str:
    """Join *items* with commas; if that is over *limit*, as many as fit."""
    joined = ", ".join(items)
    if len(joined) <= limit:
        return joined
    shown: list[str] = []
    for item in items:
        if len(", ".join([*shown, item])) > limit:
            break
        shown.append(item)
    return ", ".join(shown) + f", ... ({len(items)} in all)"


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    by_value = {member.value: member for member in cls}
    # (the list shortened, to leave room for what was given)
    allowed = _clip_list([repr(v) for v in by_value], 150)

    def structure(value: object, _: object) -> enum.Enum:
        if type(value) is not str or value not in by_value:
            if type(value) is str:
                _refuse_surrogates(value)
            shown = quote(value) if type(value) is str else _json_type(value)
            message = f"expected one of {allowed}; got {shown}"
            close = close_value(value, list(by_value))
            if close is not None and type(value) is str:
                message += f"; did you mean {close!r}?"
            raise ValueError(message)
        return by_value[value]

    return structure


def _is_enum(type_: object) -> bool:
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


@functools.lru_cache(maxsize=256)
def _user_enum_hook(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    """The hook of an enum of the user's: a member by its value, exactly.

    A value is a member's when it is equal and of the same type (``1`` is
    not ``True``, nor ``"1"``); the message lists the values, as the
    library's enums' does, with a close one for a text.
    """
    return _choice_hook([(member.value, member) for member in cls], suggest=True)


def _is_literal(type_: object) -> bool:
    return typing.get_origin(type_) is typing.Literal


def _literal_hook(type_: Any) -> Callable[[object, object], Any]:
    return _choice_hook([(value, value) for value in typing.get_args(type_)])


def _choice_hook(
    choices: list[tuple[Any, Any]], *, suggest: bool = False
) -> Callable[[object, object], Any]:
    """Return a hook that reads one of the values of *choices*.

    A value matches when it is equal and of the same type, and the hook
    gives what goes with it. With *suggest*, a wrong text gets a close
    value, and text that is not text is refused as the str hook does.
    """
    allowed = _clip_list([repr(option) for option, _ in choices], 150)
    texts = [option for option, _ in choices if type(option) is str]

    def structure(value: object, _: object) -> Any:
        for option, result in choices:
            if type(value) is type(option) and value == option:
                return result
        if suggest and type(value) is str:
            _refuse_surrogates(value)
        shown = quote(value) if type(value) in (str, int, float) else _json_type(value)
        message = f"expected one of {allowed}; got {shown}"
        close = close_value(value, texts) if suggest and type(value) is str else None
        if close is not None:
            message += f"; did you mean {close!r}?"
        raise ValueError(message)

    return structure


def _unstructure_set(conv: cattrs.Converter, value: Any) -> list[Any]:
    """Return *value*, a set, as a JSON array in an order that does not vary.

    Its items sorted, or (items that do not compare, such as numbers and
    text together) sorted by their JSON text.
    """
    items = [conv.unstructure(item) for item in value]
    try:
        return sorted(items)
    except TypeError:
        return sorted(
            items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False)
        )


def _is_set(type_: object) -> bool:
    return (
        typing.get_origin(type_) in (set, frozenset)
        and len(typing.get_args(type_)) == 1
    )


def _is_dict(type_: object) -> bool:
    return typing.get_origin(type_) is dict and len(typing.get_args(type_)) == 2


_MODEL_ENUMS: tuple[type[enum.Enum], ...] = tuple(
    value
    for value in map(_model.__getattr__, _model.NAMES)
    if isinstance(value, type) and issubclass(value, enum.Enum)
)


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_list(type_: Any) -> bool:
    return typing.get_origin(type_) is list and len(typing.get_args(type_)) == 1


def _is_optional(type_: Any) -> bool:
    """Whether *type_* is ``X | None`` (or ``Optional[X]``) for one type X."""
    return optional_inner(type_)[1]


def _check_array(value: object) -> list[Any] | tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"expected an array, got {_json_type(value)}")
    return value


class _Located(Exception):
    """Problems found inside one value, with paths rooted at ``$``.

    Raised from inside the converter; :func:`_problems` re-roots the paths
    at the value's place in the document.
    """

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _structure_items(
    conv: cattrs.Converter,
    value: object,
    item_type: Any,
    handler: Callable[[Any, Any], Any] | None = None,
) -> tuple[Any, ...]:
    items = _check_array(value)
    if handler is None:
        handler = conv.get_structure_hook(item_type)
    try:
        return tuple([handler(item, item_type) for item in items])
    except Exception:  # find every problem, not just the first
        _, failed = _structure_each(conv, items, item_type, handler)
        raise _Located(failed) from None


def _structure_each(
    conv: cattrs.Converter,
    value: object,
    item_type: Any,
    handler: Callable[[Any, Any], Any] | None = None,
) -> tuple[list[tuple[int, Any]], list[Problem]]:
    """Structure every item of an array; return ``(index, item)`` pairs and problems.

    Every item is tried, so that all problems are reported at once.
    """
    items = _check_array(value)
    if handler is None:
        handler = conv.get_structure_hook(item_type)
    try:
        return list(enumerate([handler(item, item_type) for item in items])), []
    except Exception:  # structuring has no side effects: go again, slowly
        pass
    # an exception per invalid item: their cycles need the collector
    _collector.resume()
    results: list[tuple[int, Any]] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        try:
            results.append((index, handler(item, item_type)))
        except Exception as exc:  # every failure becomes a problem
            problems.extend(_problems(exc, f"$[{index}]"))
    return results, problems


# --------------------------------------------------------------------------
# records: one hook factory for every attrs class


def _init_failure(exc: ClassValidationError) -> BaseException | None:
    """Return the exception ``__init__`` raised, if that is what *exc* wraps.

    cattrs' generated functions wrap a failure of the class's ``__init__``
    (an attrs validator or ``__attrs_post_init__``) in a
    ``ClassValidationError`` holding that one exception, with no note naming
    an attribute.
    """
    if len(exc.exceptions) != 1:
        return None
    inner = exc.exceptions[0]
    if isinstance(inner, (ForbiddenExtraKeysError, ClassValidationError)):
        return None
    notes = getattr(inner, "__notes__", ())
    if any(isinstance(note, AttributeValidationNote) for note in notes):
        return None
    return inner


def _strip_name(message: str, name: str) -> str:
    if message.startswith(name + " "):
        return message[len(name) + 1 :]
    return message


def _validator_problems(
    conv: cattrs.Converter, cls: type[Any], data: dict[str, Any], error: BaseException
) -> list[Problem]:
    """Find which fields' validators fail, so each is reported at its own path.

    Runs only after ``__init__`` failed: every field is known to structure,
    so this re-structures each and calls its validator alone. When no
    validator fails, the failure is an invariant across fields
    (``__attrs_post_init__``) and is reported at the object itself.
    """
    skipped: list[str] = []
    raised: list[str] = []
    problems = _field_validator_problems(
        conv, cls, data, skipped=skipped, raised=raised
    )
    if skipped and _exc_text(error) not in raised:
        # a validator that reads the instance could not run alone: what
        # __init__ raised may be its problem, and is kept
        problems.append(Problem("$", _clip(_exc_text(error))))
    if not problems:  # rules across fields: each at the field at fault if named
        errors = error.errors if isinstance(error, _model.FieldRulesError) else (error,)
        for broken in errors:
            where = (
                _key_path("$", broken.field)
                if isinstance(broken, _model.FieldRuleError)
                else "$"
            )
            problems.append(Problem(where, _clip(str(broken) or type(broken).__name__)))
    return problems


_FIELD_OF_PATH = re.compile(r"\$\.([A-Za-z_]\w*)(?:\[(\d+)\])?")


def _object_hint(cls: type[Any], value: object) -> str:
    """How to write *value* as the object *cls* is, where that is clear.

    A citation written as ``hsm-knowledge show`` prints one,
    ``source: locator``, gets the object it stands for.
    """
    if cls is _model.Citation and isinstance(value, str):
        source, colon, locator = value.partition(":")
        source = source.strip()
        # (only a source id: not "https://..." nor a publisher's name)
        if (
            colon
            and _model._ID_RE.fullmatch(source)
            and source not in _URI_SCHEMES
            and locator.strip()
            and not locator.startswith("//")
        ):
            written = json.dumps(
                {"source": source, "locator": locator.strip()},
                # (text that is not text is escaped: a message must print)
                ensure_ascii=_SURROGATE_RE.search(value) is not None,
            )
            return f"; write a citation as an object: {_clip(written)}"
    return ""


# schemes of text that is an address, not "source-id: locator"
_URI_SCHEMES = frozenset(
    {"doi", "file", "ftp", "http", "https", "mailto", "tel", "urn"}
)


def _in_field_order(cls: type[Any], problems: list[Problem]) -> list[Problem]:
    """*problems* of one record, in the order of its fields (others last).

    Within an array field, they are in the order of its items.
    """
    order = {field.name: i for i, field in enumerate(attrs.fields(cls))}

    def position(problem: Problem) -> tuple[int, int]:
        found = _FIELD_OF_PATH.match(problem.path)
        if found is None:
            return (len(order), -1)
        item = found.group(2)
        return (order.get(found.group(1), len(order)), int(item) if item else -1)

    return sorted(problems, key=position)  # stable: ties keep their order


def _field_validator_problems(
    conv: cattrs.Converter,
    cls: type[Any],
    data: dict[str, Any],
    skip: Collection_[str] = frozenset(),
    skipped: list[str] | None = None,
    raised: list[str] | None = None,
) -> list[Problem]:
    """Run each field's validator alone on the value *data* gives it.

    A validator that reads the instance (which is not made yet: it fails
    on ``None``) says nothing here; its field's name is added to
    *skipped*. Any other exception is the field's problem; its text is
    added to *raised*.

    The problems of fields in *skip*, and of fields whose value does not
    structure, are reported where structuring failed; of such a field, an
    array's items that do structure are checked here, each on its own
    (``["ok", 5, " x"]``: item 1 is not a string, and item 2 has
    whitespace around it), and for repeats among them.
    """
    problems: list[Problem] = []
    for field in attrs.fields(cls):
        validator = field.validator
        if validator is None or not field.init:
            continue
        if field.name in data:
            raw = data[field.name]
            structured = field.name not in skip
            if structured:
                try:
                    value = conv.structure(raw, field.type)
                except Exception:  # reported where structuring failed
                    structured = False
            if not structured:
                problems.extend(_item_problems(field, _items_built(conv, field, raw)))
                continue
        elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            continue
        elif field.default is not attrs.NOTHING:
            value = field.default
        else:
            continue
        outcome = _failure(_call(validator, field, value))
        if outcome is _NEEDS_INSTANCE:
            if skipped is not None:
                skipped.append(field.name)
        elif isinstance(outcome, Exception):
            if raised is not None:
                raised.append(_exc_text(outcome))
            problems.extend(_field_problems(field, value, outcome))
    return problems


def _call(
    validator: Any, field: attrs.Attribute[Any], value: Any
) -> Callable[..., Any]:
    """``validator(inst, field, value)`` as a function of the instance."""
    return lambda inst: validator(inst, field, value)


class _ReadsInstance(BaseException):
    """Raised by :class:`_Probe`: the validator reads the instance.

    A ``BaseException``, so that a validator's own ``except Exception``
    does not take it for a failure of its value.
    """


# Whether a probe run is going on (in this thread or task): a probe a
# validator kept raises only then, so that _ReadsInstance never leaves
# _failure.
_probing: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "hsm_knowledge_probing", default=False
)


def _read(name: object) -> Any:
    if _probing.get():
        raise _ReadsInstance(name)
    raise AttributeError(f"the instance is not made yet (reading {name!r})")


class _ProbeType(type):
    def __getattr__(cls, name: str) -> Any:  # type(inst).LIMIT
        return _read(name)


class _Probe(metaclass=_ProbeType):
    """Stands for the instance when a validator runs alone: using it fails.

    Reading an attribute or an item, and the operations a validator may
    apply to its instance (``len(inst)``, comparing it, iterating it),
    raise :class:`_ReadsInstance`. Its ``repr`` does not: a message may
    name the instance.
    """

    def __getattr__(self, name: str) -> Any:
        return _read(name)

    def __getitem__(self, key: object) -> Any:
        return _read(key)

    def __len__(self) -> int:
        return _read("__len__")  # type: ignore[no-any-return]

    def __iter__(self) -> Any:
        return _read("__iter__")

    def __contains__(self, item: object) -> bool:
        return _read("__contains__")  # type: ignore[no-any-return]

    def __bool__(self) -> bool:
        return _read("__bool__")  # type: ignore[no-any-return]

    def __lt__(self, other: object) -> bool:
        return _read("__lt__")  # type: ignore[no-any-return]

    def __le__(self, other: object) -> bool:
        return _read("__le__")  # type: ignore[no-any-return]

    def __gt__(self, other: object) -> bool:
        return _read("__gt__")  # type: ignore[no-any-return]

    def __ge__(self, other: object) -> bool:
        return _read("__ge__")  # type: ignore[no-any-return]


_NEEDS_INSTANCE = object()


def _failure(call: Callable[..., Any]) -> Exception | object | None:
    """Run a validator alone (``call(inst)``, the instance not made yet).

    Returns ``None`` if it passes, :data:`_NEEDS_INSTANCE` if it fails for
    reading the instance, else the exception it raised (the value's
    problem). An ``AttributeError`` or ``TypeError`` with ``None`` for the
    instance is told apart by running it again with a :class:`_Probe`:
    ``inst.low`` or ``len(inst)`` then fails as reading the instance, and
    ``value.strip()`` of a ``None`` value fails as before. (Such a
    validator runs twice: one with side effects sees both runs.)
    """
    try:
        call(None)
    except Exception as exc:
        if not isinstance(exc, (AttributeError, TypeError)):
            return exc
        token = _probing.set(True)
        try:
            call(_Probe())
        except _ReadsInstance:
            return _NEEDS_INSTANCE
        except Exception as again:
            # the same kind of failure: the value's (a message may name the
            # instance, None or the probe: its text is not compared)
            return exc if type(again) is type(exc) else _NEEDS_INSTANCE
        finally:
            _probing.reset(token)
        return _NEEDS_INSTANCE  # (it fails with None only)
    return None


def _exc_text(exc: BaseException) -> str:
    """What *exc* says; attrs' validators raise ``(message, attribute, ...)``."""
    args = exc.args
    if (
        len(args) > 1
        and isinstance(args[0], str)
        and isinstance(args[1], attrs.Attribute)
    ):
        return args[0]
    return str(exc) or type(exc).__name__


def _field_problems(
    field: attrs.Attribute[Any], value: Any, exc: Exception
) -> list[Problem]:
    """Report a failed validator at the field, or at the items that fail.

    Of an array, the items that fail a rule about each item are named,
    and a rule about the whole array (``max_len(2)``) that fails too is
    reported at the field beside them.
    """
    path = f"$.{field.name}"
    if isinstance(value, (tuple, list)) and value:
        # (a user's rule that refuses repeats says so itself, at the field)
        found = _item_problems(field, list(enumerate(value)), probe=False)
        if found:
            whole: list[Problem] = []
            for check in _whole_checks(field.validator):
                outcome = _failure(_call(check, field, value))
                if isinstance(outcome, Exception):
                    text = _strip_name(_exc_text(outcome), field.name)
                    whole.append(Problem(path, _clip(text)))
            return [*whole, *found]
    return [Problem(path, _clip(_strip_name(_exc_text(exc), field.name)))]


def _whole_checks(validator: Any) -> list[Any]:
    """The parts of *validator* about a whole array, not about each item."""
    from attr import validators as v

    if isinstance(validator, v._OptionalValidator):  # type: ignore[attr-defined]
        return _whole_checks(validator.validator)
    if isinstance(validator, v._AndValidator):  # type: ignore[attr-defined]
        return [c for inner in validator._validators for c in _whole_checks(inner)]
    if isinstance(validator, v._DeepIterable):  # type: ignore[attr-defined]
        inner = validator.iterable_validator
        return [] if inner is None else _whole_checks(inner)
    if _is_model_array_rule(validator) or isinstance(validator, _model._UniqueBy):
        return []  # (each item, and repeats: reported item by item)
    return [validator]


def _refuses_repeats(
    validator: Any, field: attrs.Attribute[Any], items: list[Any], *, probe: bool = True
) -> bool:
    """Whether *validator* refuses an array that repeats an item.

    The model's validators that do are known; another (a user's) is tried
    on two different *items* it accepts, then on one of them twice: a
    validator refusing only the second refuses repeats (one refusing both
    may limit the length instead). Without two different items, nothing
    can be told, and no repeat is reported; nor without *probe*.
    """
    if any(map(_is_model_array_rule, _validators_in(validator))):
        return True
    if not probe or not items:
        return False
    a = items[0]
    others = [item for item in items if item != a]
    if not others:
        return False
    b = others[0]
    try:
        validator(None, field, (a, b))
    except Exception:  # it refuses two items, or needs the instance
        return False
    try:
        validator(None, field, (a, a))
    except (ValueError, TypeError):
        return True
    except Exception:  # (it needs the instance)
        return False
    return False


# The model's array validators, each of which refuses a repeated item.
_REFUSE_REPEATS = frozenset(
    {
        _model._check_texts,
        _model._check_ids,
        _model._check_citations,
        _model._check_unique,
    }
)


def _is_model_array_rule(validator: Any) -> bool:
    """Whether *validator* is one of the model's array validators.

    Compared by identity: a user's validator object may not be hashable.
    """
    return any(validator is rule for rule in _REFUSE_REPEATS)


def _validators_in(validator: Any) -> list[Any]:
    """*validator* and those it combines (``and_``, ``optional``)."""
    from attr import validators as v

    found = [validator]
    if isinstance(validator, v._OptionalValidator):  # type: ignore[attr-defined]
        found.extend(_validators_in(validator.validator))
    elif isinstance(validator, v._AndValidator):  # type: ignore[attr-defined]
        for inner in validator._validators:
            found.extend(_validators_in(inner))
    return found


def _items_built(
    conv: cattrs.Converter, field: attrs.Attribute[Any], value: object
) -> list[tuple[int, Any]]:
    """Return ``(index, item)`` for each item of *value* that structures.

    Only for an array field (``tuple[X, ...]`` or ``list[X]``, or either
    ``| None``) given an array; ``[]`` otherwise.
    """
    type_ = field.type
    if _is_optional(type_):
        type_, _ = optional_inner(type_)
    is_array = _is_homogeneous_tuple(type_) or _is_list(type_)
    if not is_array or not isinstance(value, (list, tuple)):
        return []
    built, _ = _structure_each(conv, value, typing.get_args(type_)[0])
    return built


def _item_problems(
    field: attrs.Attribute[Any], items: list[tuple[int, Any]], *, probe: bool = True
) -> list[Problem]:
    """The problems of an array field's *items*, each at its own index.

    *items* are ``(index in the array, structured item)``: every item, or
    those that structured. Each is checked by the field's validator on its
    own, then for repeating an item before it (by the validator's key, for
    a :class:`~hsm_knowledge._model._UniqueBy`), if the validator refuses
    repeats (see :func:`_refuses_repeats`; *probe* says whether a user's
    validator may be tried for it). A validator that cannot run on
    items alone (one that reads the instance, which is not made yet) gives
    no problems here.
    """
    validator = field.validator
    assert validator is not None
    path = f"$.{field.name}"
    if isinstance(validator, _model._UniqueBy):
        values = tuple(item for _, item in items)
        keyed = [
            Problem(
                f"{path}[{items[at][0]}]",
                _clip(
                    _strip_name(
                        validator.message(
                            field.name, items[at][0], items[first_at][0], key
                        ),
                        field.name,
                    )
                ),
            )
            for at, first_at, key in validator.repeats(values)
        ]
        if keyed:
            return keyed
    checks = _item_checks(validator, field)
    found: list[tuple[int, str]] = []  # (index, message)
    alone: list[tuple[int, Any]] = []  # the items it accepts on their own
    for index, item in items:
        outcome: Exception | object | None = None
        for check in checks:
            outcome = _failure(functools.partial(check, item=item))
            if outcome is not None:
                break
        if outcome is _NEEDS_INSTANCE:
            return []  # (nothing to say item by item)
        if isinstance(outcome, Exception):
            text = _strip_name(_exc_text(outcome), field.name)
            found.append((index, _clip(text)))
            continue
        alone.append((index, item))
    if _refuses_repeats(validator, field, [item for _, item in alone], probe=probe):
        found.extend(_repeats(alone))
    found.sort(key=lambda pair: pair[0])  # (stable: an item's own first)
    return [Problem(f"{path}[{index}]", message) for index, message in found]


def _item_checks(
    validator: Any, field: attrs.Attribute[Any]
) -> list[Callable[..., None]]:
    """What *validator* checks of each item alone: ``check(inst, item=...)``.

    The model's array validators check each item alike, so one is run on
    an array of that item alone; of a user's, only ``deep_iterable``'s
    member validator is known to be about one item (``min_len(3)`` would
    fail for any item alone, and blame each).
    """
    from attr import validators as v

    checks: list[Callable[..., None]] = []
    for inner in _validators_in(validator):
        if _is_model_array_rule(inner):
            checks.append(functools.partial(_alone, inner, field))
        elif isinstance(inner, v._DeepIterable):  # type: ignore[attr-defined]
            checks.append(functools.partial(_member, inner.member_validator, field))
    return checks


def _alone(validator: Any, field: attrs.Attribute[Any], inst: Any, item: Any) -> None:
    validator(inst, field, (item,))


def _member(validator: Any, field: attrs.Attribute[Any], inst: Any, item: Any) -> None:
    validator(inst, field, item)


def _repeats(items: list[tuple[int, Any]]) -> list[tuple[int, str]]:
    """``(index, message)`` for each item equal to one before it."""
    found: list[tuple[int, str]] = []
    first: dict[Any, int] = {}
    unhashable: list[tuple[int, Any]] = []  # (compared one by one)
    for index, item in items:
        try:
            earlier = first.get(item)
        except TypeError:  # a list or a dict, in a user's class
            earlier = next((i for i, seen in unhashable if seen == item), None)
            if earlier is None:
                unhashable.append((index, item))
        else:
            if earlier is None:
                first[item] = index
        if earlier is not None:
            found.append(
                (index, f"repeats the entry at index {earlier}; entries must differ")
            )
    return found


def _record_hook_factory(
    conv: cattrs.Converter,
) -> Callable[[type[Any]], Callable[[object, object], Any]]:
    def factory(cls: type[Any]) -> Callable[[object, object], Any]:
        attrs.resolve_types(cls)
        base = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)

        def structure(value: object, _: object) -> Any:
            if not isinstance(value, dict):
                raise TypeError(
                    f"expected an object, got {_json_type(value)}"
                    + _object_hint(cls, value)
                )
            try:
                return base(value, cls)
            except ClassValidationError as exc:
                error = _init_failure(exc)
                if error is not None:
                    problems = _validator_problems(conv, cls, value, error)
                    raise _Located(_in_field_order(cls, problems)) from None
                # Some fields did not structure (missing, of the wrong
                # type, under unknown keys). Those that did are checked by
                # their own validators too, so that one pass reports every
                # problem of the record, not only the first kind of them.
                failed = {note.name for _, note in exc.group_exceptions()[0]}
                more = _field_validator_problems(conv, cls, value, skip=failed)
                if not more:
                    raise
                raise _Located(
                    _in_field_order(cls, [*_problems(exc, "$"), *more])
                ) from None

        return structure

    return factory


def _collection_class(type_: Any) -> type[Collection[Any]] | None:
    """Return the collection class *type_* stands for, or ``None``."""
    origin = typing.get_origin(type_) or type_
    if isinstance(origin, type) and issubclass(origin, Collection):
        return origin
    return None


def _collection_item_type(type_: Any) -> Any:
    """Return the record type of the collection type *type_*.

    ``Collection[Skill]`` gives ``Skill``; a subclass of a parametrized
    collection (``StatisticCollection``, a ``Collection["Statistic"]``)
    gives its base's parameter, a forward reference resolved; a bare
    ``Collection`` gives ``Any``.
    """
    args = typing.get_args(type_)
    if args:
        return _resolve_forward(args[0], _collection_class(type_))
    for klass in getattr(type_, "__mro__", ()):
        for base in vars(klass).get("__orig_bases__", ()):
            if typing.get_origin(base) is Collection:
                return _resolve_forward(typing.get_args(base)[0], klass)
    return Any


def _resolve_forward(item: Any, owner: type[Any] | None) -> Any:
    """Return *item*, a forward reference (``"Statistic"``) resolved.

    A class name is looked up among the record classes, then in the
    module defining *owner*; any other reference is a ``TypeError``.
    """
    if isinstance(item, typing.ForwardRef):
        item = item.__forward_arg__
    if not isinstance(item, str):
        return item
    found = getattr(_model, item, None) if item.isidentifier() else None
    if found is None and owner is not None:
        found = vars(sys.modules.get(owner.__module__, _model)).get(item)
    if not isinstance(found, type):
        name = owner.__name__ if owner is not None else "Collection"
        raise TypeError(
            f"cannot resolve {name}'s record type {item!r}; "
            f"write it as a class, such as {name}[Skill]"
        )
    return found


def _make_converter() -> cattrs.Converter:
    """Build the library's converter: the one place that knows the format."""
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(float, _structure_float)
    # The model's enums derive from ``str``; registering each one by class
    # keeps singledispatch from handing them to the ``str`` hook.
    for enum_cls in _MODEL_ENUMS:
        conv.register_structure_hook(enum_cls, _enum_hook(enum_cls))
        conv.register_unstructure_hook(enum_cls, _enum_value)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(_dt.date, _structure_date)
    conv.register_structure_hook(_dt.datetime, _refuse_datetime)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    conv.register_unstructure_hook(_dt.date, _dt.date.isoformat)
    conv.register_unstructure_hook_factory(
        lambda type_: type_ in (set, frozenset) or _is_set(type_),
        lambda _: functools.partial(_unstructure_set, conv),
    )
    conv.register_structure_hook_factory(attrs.has, _record_hook_factory(conv))
    resolve_types()  # its fields name the record classes
    conv.register_structure_hook(
        KnowledgeBase, lambda value, _: _structure_document(conv, value)
    )

    def unstructure_document(kb: KnowledgeBase) -> dict[str, Any]:
        # Every key, in document order (DOCUMENT_KEYS), kinds without
        # records too. A generated hook would not keep that order: with
        # omit_if_default, it writes the fields that have defaults (the
        # kinds added later) after the others, so after the relations.
        document: dict[str, Any] = {
            "meta": conv.unstructure(kb.meta, Manifest),
            "occupation": conv.unstructure(kb.occupation, Occupation),
        }
        for attr, cls, _ in _LISTS:
            hook = conv.get_unstructure_hook(cls)
            document[attr] = [hook(record) for record in getattr(kb, attr)]
        return document

    conv.register_unstructure_hook(KnowledgeBase, unstructure_document)

    from ._search import SearchHit

    def unstructure_hit(hit: SearchHit) -> dict[str, Any]:
        return {
            "ref": hit.ref,
            "kind": hit.kind,
            "score": hit.score,
            "field": hit.field,
            "record": conv.unstructure(hit.record),
        }

    conv.register_unstructure_hook(SearchHit, unstructure_hit)

    def tuple_hook(type_: Any) -> Callable[[object, object], tuple[Any, ...]]:
        item_type = typing.get_args(type_)[0]
        handler = conv.get_structure_hook(item_type)
        return lambda value, _: _structure_items(conv, value, item_type, handler)

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)

    def list_hook(type_: Any) -> Callable[[object, object], list[Any]]:
        # (cattrs' own would read any iterable: a string as its characters)
        item_type = typing.get_args(type_)[0]
        handler = conv.get_structure_hook(item_type)
        return lambda value, _: list(_structure_items(conv, value, item_type, handler))

    conv.register_structure_hook_factory(_is_list, list_hook)

    def set_hook(type_: Any) -> Callable[[object, object], Any]:
        # a JSON array whose items are all different (cattrs' own would
        # read a string as its characters, and drop repeats)
        item_type = typing.get_args(type_)[0]
        handler = conv.get_structure_hook(item_type)
        make = typing.get_origin(type_)

        def structure(value: object, _: object) -> Any:
            items = _structure_items(conv, value, item_type, handler)
            seen: set[Any] = set()
            for index, item in enumerate(items):
                if item in seen:
                    raise _Located(
                        [Problem(f"$[{index}]", "repeats an earlier item of the set")]
                    )
                seen.add(item)
            return make(items)

        return structure

    conv.register_structure_hook_factory(_is_set, set_hook)
    conv.register_structure_hook_factory(_is_literal, _literal_hook)
    conv.register_structure_hook_factory(
        lambda t: _is_enum(t) and t not in _MODEL_ENUMS, _user_enum_hook
    )

    def dict_hook(type_: Any) -> Callable[[object, object], Any]:
        inner = make_mapping_structure_fn(type_, conv)  # what cattrs does

        def structure(value: object, _: object) -> Any:
            if not isinstance(value, dict):
                raise TypeError(f"expected an object, got {_json_type(value)}")
            return inner(value, type_)

        return structure

    conv.register_structure_hook_factory(_is_dict, dict_hook)

    def optional_hook(type_: Any) -> Callable[[object, object], Any]:
        # What cattrs does for ``X | None``, with the hook of X found once
        # (cattrs looks it up again for every value).
        item_type, _ = optional_inner(type_)
        handler = conv.get_structure_hook(item_type)

        def structure(value: object, _: object) -> Any:
            return None if value is None else handler(value, item_type)

        return structure

    conv.register_structure_hook_factory(_is_optional, optional_hook)

    def is_collection(type_: Any) -> bool:
        return _collection_class(type_) is not None

    def collection_hook(type_: Any) -> Callable[[object, object], Collection[Any]]:
        cls = _collection_class(type_)
        assert cls is not None
        item_type = _collection_item_type(type_)
        if item_type is Any:
            raise TypeError(
                f"{cls.__name__} needs its record type to be built from data: "
                f"{cls.__name__}[Skill], for example"
            )
        kind = getattr(item_type, "kind", "record")

        def structure(value: object, _: object) -> Collection[Any]:
            built, problems = _structure_each(conv, value, item_type)
            repeated = _duplicate_ids(built, kind)
            if problems or repeated:  # every problem, in document order
                raise _Located(sorted([*problems, *repeated], key=_item_index))
            return cls([record for _, record in built], kind=kind)

        return structure

    conv.register_structure_hook_factory(is_collection, collection_hook)

    def unstructure_collection(type_: Any) -> Callable[[Collection[Any]], list[Any]]:
        hook = conv.get_unstructure_hook(_collection_item_type(type_))
        return lambda value: [hook(item) for item in value]

    conv.register_unstructure_hook_factory(is_collection, unstructure_collection)
    return conv


def _item_index(problem: Problem) -> int:
    """The index of the array item a problem at ``$[N]...`` is about."""
    return int(problem.path[2 : problem.path.index("]")])


def _duplicate_ids(records: list[tuple[int, Any]], kind: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for index, record in records:
        first = seen.setdefault(record.id, index)
        if first != index:
            problems.append(
                Problem(
                    f"$[{index}].id",
                    f"duplicate {kind} id {quote(record.id)} (first at $[{first}])",
                )
            )
    return problems


# The library's own converter: private, so that no code elsewhere in the
# process can register a hook that changes what the loader accepts.
_converter: cattrs.Converter = _make_converter()


def make_converter() -> cattrs.Converter:
    """Return a new cattrs converter that reads and writes the wire format.

    It is configured as the library's own converter (which stays private,
    so that changing this one changes nothing the library loads or writes):
    a base for a converter of your own, with hooks for your classes beside
    the records'. Its ``structure`` raises cattrs' exceptions; the functions
    of this module (:func:`from_dict`, :func:`from_json`) report the same
    problems as one :class:`~hsm_knowledge.DataError` with JSON paths.

    Example:
        >>> from hsm_knowledge import Citation
        >>> conv = make_converter()
        >>> conv.structure({"source": "bls", "locator": "Pay"}, Citation)
        Citation(source='bls', locator='Pay')
    """
    return _make_converter()


# --------------------------------------------------------------------------
# errors


def _problems(exc: BaseException, path: str) -> list[Problem]:
    """Turn *exc*, raised while structuring the value at *path*, into problems."""
    if isinstance(exc, _Located):
        return [Problem(path + p.path[1:], p.message) for p in exc.problems]
    if isinstance(exc, IterableValidationError):
        out: list[Problem] = []
        indexed, unindexed = exc.group_exceptions()
        for sub, index_note in indexed:
            out.extend(_problems(sub, f"{path}[{index_note.index}]"))
        for sub in unindexed:
            out.extend(_problems(sub, path))
        return out
    if isinstance(exc, ClassValidationError):
        out = []
        with_notes, without = exc.group_exceptions()
        # a field under a misspelt key ("Id", "nam"): one mistake, reported
        # at the key as written with its "did you mean", not as missing too
        respelt = {
            _close_key(key, [field.name for field in attrs.fields(sub.cl)])
            for sub in without
            if isinstance(sub, ForbiddenExtraKeysError) and sub.cl is not None
            for key in sub.extra_fields
        }
        for sub, note in with_notes:
            if isinstance(sub, KeyError) and note.name in respelt:
                continue
            out.extend(_problems(sub, _key_path(path, note.name)))
        for sub in without:
            out.extend(_problems(sub, path))
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        return _unknown_key_problems(exc, path)
    if isinstance(exc, DataError):
        return [Problem(path + p.path[1:], p.message) for p in exc.problems]
    if isinstance(exc, KeyError):
        return [Problem(path, "required field is missing")]
    if isinstance(exc, (TypeError, ValueError)):
        return [Problem(path, _clip(str(exc) or type(exc).__name__))]
    return [Problem(path, _clip(f"{type(exc).__name__}: {exc}"))]


def _unknown_key_problems(exc: ForbiddenExtraKeysError, path: str) -> list[Problem]:
    allowed = [field.name for field in attrs.fields(exc.cl)] if exc.cl else []
    return [
        _unknown_key(path, key, allowed) for key in sorted(exc.extra_fields, key=str)
    ]


def _unknown_key(path: str, key: object, allowed: list[str]) -> Problem:
    message = "unknown field"
    close = _close_key(key, allowed)
    if close is not None:
        message += f"; did you mean {close!r}?"
    elif allowed:
        message += "; allowed: " + ", ".join(allowed)
    return Problem(_key_path(path, key), _clip(message))


def _renamed_list(key: object, data: dict[str, Any]) -> str | None:
    """Return the list of the document *key* spells another way, if any.

    Only case, ``-`` for ``_`` and a singular for a plural count (``"Task"``,
    ``"career-step"``), and only for an array under *key* while the list's
    own name is absent: a key that merely looks like a list's name
    (``"description"``) hides nothing.
    """
    if not isinstance(key, str) or not isinstance(data[key], list):
        return None
    folded = key.lower().replace("-", "_")
    for name in DOCUMENT_KEYS:
        if name in data or name in ("meta", "occupation"):
            continue
        singular = name[:-3] + "y" if name.endswith("ies") else name.removesuffix("s")
        if folded in (name, singular):
            return name
    return None


def _close_key(key: object, allowed: list[str]) -> str | None:
    """Return the allowed key *key* may be a misspelling of, or ``None``.

    A key that differs only in case or in ``-`` for ``_`` (``"Id"``,
    ``"career-steps"``) is found first; then the closest by difflib.
    """
    import difflib

    text = str(key)
    folded = text.lower().replace("-", "_")
    for name in allowed:
        if name.lower() == folded:
            return name
    close = difflib.get_close_matches(text, allowed, n=1)
    return close[0] if close else None


@contextlib.contextmanager
def _types_checked() -> Iterator[None]:
    """Tell the record classes that the converter has checked every type."""
    token = _model.TYPES_CHECKED.set(True)
    try:
        yield
    finally:
        _model.TYPES_CHECKED.reset(token)


def from_dict(cls: type[T], data: object) -> T:
    """Build a *cls* instance from its unstructured (JSON-typed) form.

    Args:
        cls: A record class, :class:`~hsm_knowledge.KnowledgeBase`, or a
            type such as ``tuple[Skill, ...]`` or ``Collection[Skill]``.
        data: The unstructured form, as :func:`to_dict` makes it.

    Returns:
        The new instance, fully validated.

    Raises:
        DataError: Listing every problem with its JSON path; for a knowledge
            base, the integrity problems (duplicate ids, references to
            records that do not exist) too.
        TypeError: If *cls* is not a type.

    Example:
        >>> from hsm_knowledge import Period
        >>> from_dict(Period, {"start": "2021-01-01", "end": "2021-12-31"})
        Period(start=datetime.date(2021, 1, 1), end=datetime.date(2021, 12, 31), label=None)
        >>> from_dict(Period, {"start": "2021-12-31", "end": "2021-01-01"})
        Traceback (most recent call last):
          ...
        hsm_knowledge.DataError: invalid Period (1 problem):
          $: period ends (2021-01-01) before it starts (2021-12-31)
    """  # noqa: E501
    return _built(cls, _structure_hook(cls), data)


def _built(cls: type[T], hook: Callable[[Any, Any], Any], data: object) -> T:
    """Build *cls* from *data* with its structure *hook*.

    Every failure is a :class:`~hsm_knowledge.DataError` naming the type.
    """
    what = "dataset" if cls is KnowledgeBase else _type_label(cls)
    try:
        with _types_checked():
            result: T = hook(data, cls)
    except DataError as exc:
        if what == "dataset":
            raise
        raise DataError(exc.problems, what=what) from None
    except RecursionError:
        raise DataError([Problem("$", "nested too deeply")], what=what) from None
    except Exception as exc:  # every failure: DataError
        raise DataError(_problems(exc, "$"), what=what) from None
    return result


def _structure_hook(cls: Any) -> Callable[[Any, Any], Any]:
    """Return the converter's hook that builds *cls*.

    A type with no JSON form is the caller's mistake, not the data's: a
    ``TypeError`` saying so, rather than a ``DataError`` about the data.
    """
    from ._search import SearchHit

    given: object = cls  # checked at run time: not every caller is typed
    if not isinstance(given, type) and typing.get_origin(given) is None:
        raise TypeError(
            "from_dict() needs the type to build, such as Skill, "
            f"tuple[Skill, ...] or KnowledgeBase; got {given!r}"
        )
    for part in _type_parts(cls):  # the type, and those it is made of
        if part is SearchHit:
            raise TypeError(
                "a SearchHit is a search result, not data: from_dict() does not "
                "build one; build its record (such as from_dict(Skill, ...))"
            )
        if typing.get_origin(part) in (typing.Union, types.UnionType) and any(
            arg is _model.Record for arg in typing.get_args(part)
        ):
            raise TypeError(
                f"from_dict() cannot tell which record a dict is; pass the record "
                f"class (such as Skill), not {_type_label(part)}"
            )
    try:
        return _converter.get_structure_hook(cls)
    except StructureHandlerNotFoundError as exc:
        raise TypeError(
            f"from_dict() cannot build {_type_label(cls)}: it has no JSON form "
            f"(the unsupported type is {_type_label(exc.type_)}); pass a record "
            "class, KnowledgeBase, or a tuple, list or Collection of records"
        ) from None


def _type_parts(type_: Any) -> Iterator[Any]:
    """Yield *type_* and, depth first, every type argument in it."""
    yield type_
    for arg in typing.get_args(type_):
        yield from _type_parts(arg)


def _type_label(type_: object) -> str:
    """Name *type_* as its user writes it: ``tuple[Skill, ...]``."""
    if isinstance(type_, typing.ForwardRef):
        return repr(type_.__forward_arg__)
    if isinstance(type_, type) and typing.get_origin(type_) is None:
        return type_.__name__
    return _MODULE_PATH_RE.sub("", repr(type_))


# the module path in front of a class name: "hsm_knowledge._model.skill."
_MODULE_PATH_RE = re.compile(r"\b(?:[A-Za-z_]\w*\.)+(?=[A-Za-z_])")


def to_dict(obj: Any) -> Any:
    """Return the unstructured, JSON-typed form of *obj*.

    Records and the manifest become dicts, collections and tuples lists,
    sets and frozensets lists in sorted order (of their items, or of their
    items' JSON text when the items do not compare), decimals exact
    strings, dates ISO strings and enums their values. A
    record's keys are its fields without a default, in field order, then
    those with a default that are set, in field order (a statistic's
    ``currency`` comes after its ``geography``); optional fields left at
    their default are omitted.

    A :class:`~hsm_knowledge.SearchHit` becomes ``{"ref", "kind", "score",
    "field", "record"}``, as ``hsm-knowledge search --json`` prints it (a
    hit is a result, not data: :func:`from_dict` does not read it back).

    Args:
        obj: A record, collection, tuple, list, set or dict (with string
            keys) of records, knowledge base or search hit, or a field's
            value (text, number, bool, ``None``, :class:`~decimal.Decimal`,
            date, enum member).

    Returns:
        Dicts, lists, strings, integers, booleans and ``None`` only.

    Raises:
        TypeError: If *obj* (or an item of a tuple, list or set) is of any
            other type, such as a ``datetime`` or a plain object; nothing is
            returned half-converted.
        ValueError: If a decimal is not finite (JSON has no ``NaN``).

    Example:
        >>> from decimal import Decimal
        >>> from hsm_knowledge import Citation
        >>> to_dict(Citation(source="bls", locator="Pay tab"))
        {'source': 'bls', 'locator': 'Pay tab'}
        >>> to_dict(Decimal("1E+3"))
        '1000'
        >>> to_dict({"b", "a"})
        ['a', 'b']
        >>> to_dict(object())
        Traceback (most recent call last):
          ...
        TypeError: to_dict() cannot write an object: it writes records, collections, tuples, lists, sets and dicts of them, knowledge bases, search hits and field values
    """  # noqa: E501
    return _unstructured(obj, "to_dict")


def _unstructured(obj: Any, caller: str) -> Any:
    """:func:`to_dict`'s work; errors name *caller*, the function called."""
    _check_writable(obj, caller)
    return _converter.unstructure(obj)


# what to_dict writes as a JSON array (sets in sorted order)
_ARRAYS = (tuple, list, set, frozenset)


def _check_writable(obj: object, caller: str) -> None:
    """Raise unless :func:`to_dict` knows how to write *obj* as JSON.

    The messages name *caller*, the public function the user called.
    """
    from ._search import SearchHit

    stack = [obj]
    while stack:
        value = stack.pop()
        cls = type(value)
        if value is None or cls in (str, int, bool, SearchHit):
            continue
        if isinstance(value, _ARRAYS) and cls in _ARRAYS:  # not a subclass
            stack.extend(value)
            continue
        if isinstance(value, dict):
            _check_keys(value, caller)
            stack.extend(value.values())
            continue
        if (isinstance(value, float) and cls is float) or isinstance(value, Decimal):
            finite = (
                value.is_finite()
                if isinstance(value, Decimal)
                else math.isfinite(value)
            )
            if not finite:
                raise ValueError(
                    f"{caller}() cannot write {value!r}: JSON has no NaN or infinity"
                )
            continue
        if isinstance(value, (KnowledgeBase, Collection)) or (
            attrs.has(cls)
            and any(
                b.__module__.startswith("hsm_knowledge._model") for b in cls.__mro__
            )
        ):
            continue  # records (a user's subclasses too) check their types
        if attrs.has(cls):  # a user's own class: what its fields hold
            stack.extend(getattr(value, field.name) for field in attrs.fields(cls))
            continue
        if isinstance(value, enum.Enum):  # written as its value
            if cls not in _MODEL_ENUMS:
                stack.append(value.value)
            continue
        if cls is _dt.date:
            continue
        raise TypeError(
            f"{caller}() cannot write {a_or_an(cls.__name__)}: it writes "
            "records, collections, tuples, lists, sets "
            "and dicts of them, knowledge bases, search hits and field values"
        )


def _check_keys(mapping: dict[Any, Any], caller: str) -> None:
    """Raise unless every key of *mapping* is written as a string.

    A key is a string, or a member of one of the library's enums, which is
    written as its value (``Metric.EMPLOYMENT`` as ``"employment"``; such a
    member is equal to its value and hashes alike, so a dict cannot hold
    both).
    """
    for key in mapping:
        if type(key) is not str and type(key) not in _MODEL_ENUMS:
            raise TypeError(
                f"{caller}() cannot write a dict with the key {quote(key)} "
                f"({type(key).__name__}): JSON object keys are strings (or "
                "members of the library's enums)"
            )


def to_json(obj: Any, *, indent: int | None = 2) -> str:
    """Return *obj* as JSON text, the same text for the same input.

    Args:
        obj: A record, collection, tuple of records or knowledge base.
        indent: Spaces per level of indentation (``0`` puts each value on
            a line of its own), or ``None`` for the most compact text.

    Returns:
        The JSON text (non-ASCII characters are kept as they are; encode
        it as UTF-8).

    Raises:
        TypeError: If *obj* holds what :func:`to_dict` cannot write, or
            *indent* is not an int or ``None``.
        ValueError: If *obj* holds NaN or an infinity, or *indent* is
            negative.

    Example:
        >>> from hsm_knowledge import Citation
        >>> print(to_json(Citation(source="bls", locator="Pay"), indent=None))
        {"source":"bls","locator":"Pay"}
    """
    if indent is not None:
        if isinstance(indent, bool) or not isinstance(indent, int):
            raise TypeError(
                f"indent must be an int or None, got {type(indent).__name__}"
            )
        if indent < 0:
            raise ValueError(f"indent must not be negative, got {indent}")
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(
        _unstructured(obj, "to_json"),
        ensure_ascii=False,
        indent=indent,
        separators=separators,
        allow_nan=False,
    )


# --------------------------------------------------------------------------
# parsing JSON text strictly


class _DuplicateKeys(dict[str, Any]):
    """An object that repeated a key; only made for documents being rejected."""

    duplicates: list[str]


class _ParseState:
    __slots__ = ("flagged",)

    def __init__(self) -> None:
        self.flagged = False


# byte-order marks of other encodings, UTF-32's first (its little-endian
# mark starts with UTF-16's)
_OTHER_BOMS = (
    ((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "UTF-32"),
    ((b"\xff\xfe", b"\xfe\xff"), "UTF-16"),
)


def parse_json(
    text: str | bytes,
    *,
    what: str = "document",
    max_bytes: int | None = MAX_DOCUMENT_BYTES,
) -> Any:
    r"""Parse JSON text strictly and return plain Python values.

    Stricter than ``json.loads``: bytes must be UTF-8 without a
    byte-order mark; ``NaN``, ``Infinity`` and numbers too large for a
    double (``1e999``) are refused; so are repeated keys in one object,
    unpaired surrogates (``"\ud800"``), integers of more than
    :data:`MAX_INT_DIGITS` digits, and text longer than *max_bytes*. Every
    such value is reported with its JSON path.

    Args:
        text: JSON as ``str`` or UTF-8 ``bytes``.
        what: What the text is, for the error message.
        max_bytes: The longest text accepted, in bytes (a ``str`` counts as
            UTF-8), or ``None`` for no limit.

    Returns:
        The parsed value, made of dicts, lists, strings, ints, floats,
        booleans and ``None``.

    Raises:
        DataError: If the text is not valid JSON, or breaks a rule above.
        TypeError: If *text* is not ``str`` or ``bytes``, or *max_bytes*
            is not an int or ``None``.
        ValueError: If *max_bytes* is negative.

    Example:
        >>> parse_json('{"a": [1, "two"]}')
        {'a': [1, 'two']}
        >>> parse_json('{"a": [1, NaN]}')
        Traceback (most recent call last):
          ...
        hsm_knowledge.DataError: invalid document (1 problem):
          $.a[1]: NaN is not valid JSON; use a finite number
    """
    value, problems = _parse(text, what=what, max_bytes=max_bytes)
    if problems:
        raise DataError(problems, what=what)
    return value


def _parse(
    text: str | bytes, *, what: str, max_bytes: int | None
) -> tuple[Any, list[Problem]]:
    """Parse as :func:`parse_json` does, returning the values it refuses.

    Text that cannot be read as JSON at all raises :class:`DataError`; JSON
    holding values that JSON does not allow (``NaN``, a repeated key, an
    unpaired surrogate, ...) gives the parsed value, with each such value
    left in place as parsed (or as an ``_Invalid`` marker), and the
    problems found with their paths.
    """

    def fail(message: str) -> DataError:
        return DataError([Problem("$", message)], what=what)

    given: object = text  # checked at run time: not every caller is typed
    if not isinstance(given, (str, bytes, bytearray, memoryview)):
        hint = " (to read a file, use hsm_knowledge.load(path))"
        raise TypeError(
            f"expected JSON text as str or bytes, got {type(given).__name__}"
            + (hint if isinstance(given, os.PathLike) else "")
        )
    _loading.check_max_bytes(max_bytes)
    if max_bytes is not None:
        size = _size_in_bytes(text)
        if size > max_bytes:
            raise DataError([_loading.too_long(size, max_bytes)], what=what)
    if isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
        if raw.startswith(b"\xef\xbb\xbf"):
            raise fail("starts with a byte-order mark; save it as UTF-8 without one")
        for marks, encoding in _OTHER_BOMS:
            if raw.startswith(marks):
                raise fail(
                    f"is {encoding} (it starts with a {encoding} byte-order mark); "
                    "save it as UTF-8"
                )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise fail(f"is not UTF-8: invalid byte at offset {exc.start}") from None
        raw_surrogates = False  # (text decoded from UTF-8 cannot hold one)
    else:
        if text.startswith("\ufeff"):
            raise fail("starts with a byte-order mark; remove it")
        raw_surrogates = not text.isascii() and _has_surrogate(text)
    if not text.strip(" \t\n\r"):  # JSON's whitespace
        raise fail(
            "is empty" if not text else "is blank: only whitespace, no JSON value"
        )
    # (an unpaired surrogate, written as itself or escaped, is found after
    # parsing, with its path)
    state = _ParseState()

    def parse_constant(name: str) -> _Invalid:
        state.flagged = True
        return _Invalid(f"{name} is not valid JSON; use a finite number")

    def parse_float(literal: str) -> float | _Invalid:
        value = float(literal)
        if math.isfinite(value):
            return value
        state.flagged = True
        return _Invalid(f"{quote(literal)} is too large for a JSON number")

    def parse_int(literal: str) -> int | _Invalid:
        digits = len(literal) - literal.startswith("-")
        if digits > MAX_INT_DIGITS:
            state.flagged = True
            return _Invalid(
                f"an integer of {digits:,} digits is too long "
                f"(at most {MAX_INT_DIGITS})"
            )
        return int(literal)

    def object_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        state.flagged = True
        repeated = _DuplicateKeys(result)
        seen: set[str] = set()
        repeated.duplicates = []
        for key, _ in pairs:
            if key in seen and key not in repeated.duplicates:
                repeated.duplicates.append(key)
            seen.add(key)
        return repeated

    try:
        value = json.loads(
            text,
            parse_constant=parse_constant,
            parse_float=parse_float,
            parse_int=parse_int,
            object_pairs_hook=object_pairs,
        )
    except json.JSONDecodeError as exc:
        # json words some messages to be followed by a position
        # ("Unterminated string starting at"); the line and column say it
        message = exc.msg + " this position" if exc.msg.endswith(" at") else exc.msg
        raise fail(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {message}"
        ) from None
    except RecursionError:
        raise fail(
            "is nested too deeply to read (the deepest record, in a whole "
            "dataset, nests 5 levels deep)"
        ) from None
    check_surrogates = raw_surrogates or (
        "\\u" in text and _SURROGATE_ESCAPE_RE.search(text) is not None
    )
    if state.flagged or check_surrogates:
        return value, list(_walk_problems(value))
    return value, []


def _size_in_bytes(text: str | bytes | bytearray | memoryview) -> int:
    """The size of *text* in bytes; of a ``str``, encoded as UTF-8.

    A ``str`` that is not ASCII is encoded a piece at a time (no copy of
    the whole), so that the same document has the same size as ``str`` or
    as ``bytes``.
    """
    if isinstance(text, memoryview):
        return text.nbytes
    if not isinstance(text, str) or text.isascii():
        return len(text)
    piece = 1 << 20
    return sum(
        len(text[start : start + piece].encode("utf-8", "surrogatepass"))
        for start in range(0, len(text), piece)
    )


def _parse_and_build(
    text: str | bytes,
    build: Callable[[Any], T],
    *,
    what: str,
    max_bytes: int | None,
    order: Sequence[str] = (),
    unknown_last: bool = False,
) -> T:
    """Parse *text* and *build* from it, reporting every problem of both.

    A value JSON does not allow (``NaN``, a repeated key) does not hide the
    document's other problems: the parsed document (a repeated key keeping
    its last value, as JSON parsers do) is built all the same, and the
    problems of both steps are listed together (see :func:`_merged`).
    *order* is the order of the top-level keys the build reports in (the
    wire format's parts, or a record's fields), and *unknown_last* says
    where it puts other keys (after a record's fields; before a dataset's
    parts).
    """
    with _collector.paused():  # see hsm_knowledge._collector
        value, found = _parse(text, what=what, max_bytes=max_bytes)
        if not found:
            return build(value)
        try:
            build(value)
        except DataError as exc:
            found = _merged(found, list(exc.problems), order, unknown_last)
    raise DataError(found, what=what)


def _merged(
    first: list[Problem],
    second: list[Problem],
    order: Sequence[str],
    unknown_last: bool = False,
) -> list[Problem]:
    """Merge the problems of parsing (*first*) and building (*second*).

    A problem of *second* that only says again what one of *first* says
    (``expected an integer, got NaN is not valid JSON``, at the same path)
    is left out (the build's hooks say of a value holding an unpaired
    surrogate only that, not that it is not a date or not one of an enum's
    values); any other is kept, such as an unknown field whose key or value
    is NaN or holds a surrogate, a string where an array belongs, or the
    problems of the value a repeated key kept. The rest are
    put in order part by part, as the build lists them (the keys of
    *order*, and other top-level keys before them or, with *unknown_last*,
    after them), and record by record within a
    part (``$.skills[3]``, or ``$[3]`` in a top-level array); within one
    record, parsing's problems come first, each list in its own order.
    """
    said: dict[str, list[str]] = {}
    for problem in first:
        said.setdefault(problem.path, []).append(problem.message)

    def echo(problem: Problem) -> bool:
        return any(message in problem.message for message in said.get(problem.path, ()))

    rank = {_key_path("$", key): i + 1 for i, key in enumerate(order)}
    other = len(order) + 1 if unknown_last else 0

    def place(problem: Problem) -> tuple[int, int]:
        # (cheap on any document: only the path's first key and index)
        found = _PART_OF_PATH.match(problem.path)
        if found is None:
            return (0, -1)
        key, index = found.group(1), found.group(2)
        part = rank.get("$" + key, other) if key else 0
        return (part, int(index) if index else -1)

    kept = [*first, *(p for p in second if not echo(p))]
    return sorted(kept, key=place)  # (stable: ties keep parsing's first)


# a path's first key, as _key_path writes it, and the index after it:
# "$.skills[3].name" gives (".skills", "3"), '$["odd key"][0]' gives
# ('["odd key"]', "0"), "$[2]" gives (None, "2")
_PART_OF_PATH = re.compile(r'^\$(\.[A-Za-z_]\w*|\["(?:[^"\\]|\\.)*"\])?(?:\[(\d+)\])?')


def _has_surrogate(text: str) -> bool:
    """Whether *text* holds an unpaired surrogate (fast when it does not)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _walk_problems(value: Any) -> Iterator[Problem]:
    """Find, with their paths, the values :func:`parse_json` refuses.

    Iterative, so that it copes with any depth :func:`json.loads` returns,
    and lazy: a path is made only for the value being looked at, so memory
    grows with the depth, not with the size of the document.
    """
    yield from _value_problems("$", value)
    stack: list[tuple[str, Iterator[tuple[Any, Any]]]] = [("$", _children(value))]
    while stack:
        path, children = stack[-1]
        step = next(children, None)
        if step is None:
            stack.pop()
            continue
        key, child = step
        child_path = f"{path}[{key}]" if isinstance(key, int) else _key_path(path, key)
        if isinstance(key, str) and _SURROGATE_RE.search(key):  # before its value's
            yield Problem(child_path, _KEY_SURROGATE_MESSAGE)
        yield from _value_problems(child_path, child)
        if isinstance(child, (dict, list)):
            stack.append((child_path, _children(child)))


def _children(item: Any) -> Iterator[tuple[Any, Any]]:
    if isinstance(item, dict):
        return iter(item.items())
    if isinstance(item, list):
        return enumerate(item)
    return iter(())


def _value_problems(path: str, item: Any) -> Iterator[Problem]:
    if isinstance(item, _DuplicateKeys):
        for key in item.duplicates:
            yield Problem(
                _key_path(path, key), "this key appears more than once in the object"
            )
    elif isinstance(item, _Invalid):
        yield Problem(path, item.message)
    elif isinstance(item, str) and _SURROGATE_RE.search(item):
        yield Problem(path, _SURROGATE_MESSAGE)


def from_json(
    cls: type[T], text: str | bytes, *, max_bytes: int | None = MAX_DOCUMENT_BYTES
) -> T:
    """Build a *cls* instance from JSON text.

    Args:
        cls: As for :func:`from_dict`.
        text: JSON as ``str`` or UTF-8 ``bytes``.
        max_bytes: The longest text accepted, in bytes (a ``str`` counts as
            UTF-8), or ``None`` for no limit.

    Returns:
        The new instance, fully validated.

    Raises:
        DataError: If the text is not valid JSON or the data is invalid.

    Example:
        >>> from hsm_knowledge import Citation
        >>> from_json(Citation, b'{"source": "bls", "locator": "Pay"}')
        Citation(source='bls', locator='Pay')
    """
    hook = _structure_hook(cls)  # a type it cannot build: said before reading
    what = "dataset" if cls is KnowledgeBase else _type_label(cls)  # as loads
    order = (
        DOCUMENT_KEYS
        if cls is KnowledgeBase
        else [f.name for f in attrs.fields(cls)]
        if attrs.has(cls)
        else ()
    )
    return _parse_and_build(
        text,
        lambda value: _built(cls, hook, value),
        what=what,
        max_bytes=max_bytes,
        order=order,
        unknown_last=cls is not KnowledgeBase,  # a record's: after its fields
    )


# --------------------------------------------------------------------------
# whole documents: a dataset, or an overlay on another knowledge base

#: The keys of a dataset document, in order.
DOCUMENT_KEYS: tuple[str, ...] = PART_ORDER
#: The keys a dataset document must have: those of schema version 1. A
#: kind added later is optional (absent means none), so that documents
#: written before it existed still load (see docs/compatibility.md).
REQUIRED_KEYS: frozenset[str] = frozenset(
    {
        "meta",
        "occupation",
        "sources",
        "organizations",
        "responsibilities",
        "specializations",
        "skills",
        "credentials",
        "career_steps",
        "benefits",
        "work_settings",
        "job_titles",
        "statistics",
        "relations",
    }
)
_LISTS: tuple[tuple[str, Any, str], ...] = (
    *((kind.attr, kind.cls, kind.name) for kind in KINDS),
    ("relations", Relation, "relation"),
)


@attrs.define
class _Parts:
    """What could be built from a document, and what was wrong with it."""

    meta: Manifest | None = None
    occupation: Occupation | None = None
    occupation_id: str | None = None
    records: dict[str, list[tuple[int, Any]]] = attrs.Factory(dict)
    # For each list: the ids of the items that failed to build, by index.
    failed_ids: dict[str, dict[int, str]] = attrs.Factory(dict)
    # The lists that are not arrays at all: none of their records was built.
    failed_lists: set[str] = attrs.Factory(set)
    problems: list[Problem] = attrs.Factory(list)


def _schema_version_problem(meta: object) -> Problem | None:
    if not isinstance(meta, dict):
        return None
    version = meta.get("schema_version")
    if type(version) is int and version not in SUPPORTED_SCHEMA_VERSIONS:
        supported = ", ".join(str(v) for v in sorted(SUPPORTED_SCHEMA_VERSIONS))
        return Problem(
            "$.meta.schema_version",
            f"schema version {version} is not supported by this version "
            f"of hsm_knowledge (it reads {supported})",
        )
    return None


def _structure_parts(conv: cattrs.Converter, data: object, *, overlay: bool) -> _Parts:
    """Structure every part of a document, collecting every problem."""
    parts = _Parts()
    if not isinstance(data, dict):
        raise _Located([Problem("$", f"expected an object, got {_json_type(data)}")])
    problem = _schema_version_problem(data.get("meta"))
    if problem is not None:
        # The rest may be in a format this version cannot read: stop here.
        raise _Located([problem])
    allowed = [key for key in DOCUMENT_KEYS if not (overlay and key == "occupation")]
    renamed: set[str] = set()
    for key in data:
        if key == "occupation" and overlay:
            parts.problems.append(
                Problem(
                    "$.occupation",
                    "an overlay adds records to a knowledge base and cannot "
                    "replace its occupation; remove this field",
                )
            )
        elif key not in DOCUMENT_KEYS:
            parts.problems.append(_unknown_key("$", key, allowed))
            meant = _renamed_list(key, data)
            if meant is not None:
                # a list under another spelling of its name ("task" for
                # "tasks"): its records are there, misnamed; references to
                # them, and its name's absence, are not reported again
                parts.failed_lists.add(meant)
                renamed.add(meant)

    # Each part in turn, in wire-format order (DOCUMENT_KEYS): a missing
    # part's problem comes where the part would be, not before every other.
    def absent(key: str) -> bool:
        """Whether *key* is not in the document; a required key is reported."""
        if key in data:
            return False
        if not overlay and key in REQUIRED_KEYS and key not in renamed:
            parts.problems.append(Problem(f"$.{key}", "required field is missing"))
            parts.failed_lists.add(key)  # its records: none to refer to
        return True

    def structure_one(key: str, cls: type[Any]) -> Any:
        try:
            return conv.structure(data[key], cls)
        except Exception as exc:  # every failure becomes a problem
            parts.problems.extend(_problems(exc, f"$.{key}"))
            return None

    if not absent("meta"):
        parts.meta = structure_one("meta", Manifest)
    if not absent("occupation") and not overlay:
        parts.occupation = structure_one("occupation", Occupation)
        raw = data["occupation"]
        if isinstance(raw, dict):
            parts.occupation_id = _readable_id(raw.get("id"))
    for attr, cls, _ in _LISTS:
        parts.records[attr] = []
        parts.failed_ids[attr] = {}
        if absent(attr):
            continue
        value = data[attr]
        try:
            results, problems = _structure_each(conv, value, cls)
        except TypeError as exc:  # not an array
            parts.problems.append(Problem(f"$.{attr}", str(exc)))
            parts.failed_lists.add(attr)
            continue
        parts.records[attr] = results
        if problems:
            parts.problems.extend(
                Problem(f"$.{attr}" + p.path[1:], p.message) for p in problems
            )
            built = {index for index, _ in results}
            for index, item in enumerate(value):
                if index in built:
                    continue
                record_id = (
                    _readable_id(item.get("id")) if isinstance(item, dict) else None
                )
                if record_id is not None:
                    parts.failed_ids[attr][index] = record_id
                else:
                    # a failed record whose id cannot be read: any reference
                    # to this kind may be to it, so none is reported again
                    parts.failed_lists.add(attr)
    return parts


def _readable_id(value: object) -> str | None:
    """*value*, the id of a record that failed to build, if it is text.

    ``None`` for anything else, such as a number or a string holding an
    unpaired surrogate: no reference can be told to be to that record or
    not.
    """
    if isinstance(value, str) and _SURROGATE_RE.search(value) is None:
        return value
    return None


def _structure_document(conv: cattrs.Converter, data: object) -> KnowledgeBase:
    return _assemble(_structure_parts(conv, data, overlay=False))


def build_document(
    data: object, *, base: KnowledgeBase | None = None, base_name: str = ""
) -> KnowledgeBase:
    """Build a knowledge base from a parsed document, alone or over *base*.

    Args:
        data: The parsed document.
        base: When given, *data* is an overlay: its records are added to
            those of *base*.
        base_name: How messages name *base* (``"the packaged data"``).

    Raises:
        DataError: Listing every problem, including integrity problems of
            the combined knowledge base.
    """
    try:
        with _types_checked():
            parts = _structure_parts(_converter, data, overlay=base is not None)
    except _Located as exc:
        raise DataError(exc.problems) from None
    return _assemble(parts, base, base_name)


_INDEXED_PATH_RE = re.compile(r"\$\.([a-z_]+)\[(\d+)\]")


def _assemble(
    parts: _Parts, base: KnowledgeBase | None = None, base_name: str = ""
) -> KnowledgeBase:
    """Combine the parts (with *base*'s records first) and check integrity.

    Nothing is returned unless the whole is valid. When some records could
    not be built, the integrity checks still run over those that could, so
    that a user sees every problem at once; references to the records that
    failed are not reported as dangling.
    """
    # For each list: where the combined list's k-th record came from.
    origins: dict[str, list[tuple[bool, int]]] = {}
    lists: dict[str, tuple[Any, ...]] = {}
    for attr, _, _ in _LISTS:
        base_records: tuple[Any, ...] = tuple(getattr(base, attr)) if base else ()
        mine = parts.records[attr]
        lists[attr] = base_records + tuple(record for _, record in mine)
        if base is not None or parts.problems:
            origins[attr] = [(True, j) for j in range(len(base_records))]
            origins[attr].extend((False, index) for index, _ in mine)

    meta = parts.meta if parts.meta is not None else (base.meta if base else None)
    occupation = base.occupation if base is not None else parts.occupation

    if not parts.problems:
        assert meta is not None
        assert occupation is not None
        try:
            collections: dict[str, Any] = lists
            return KnowledgeBase(meta=meta, occupation=occupation, **collections)
        except DataError as exc:
            if not origins:
                raise
            raise DataError(_relocate(exc.problems, origins, base_name)) from None

    stand_in = _unchecked_knowledge_base(parts, meta, occupation, lists)
    integrity = _relocate(check_integrity(stand_in), origins, base_name)
    clashes = _failed_duplicates(parts, base, base_name)
    raise DataError([*parts.problems, *integrity, *clashes])


def _failed_duplicates(
    parts: _Parts, base: KnowledgeBase | None, base_name: str
) -> list[Problem]:
    """Report duplicate ids that involve a record that failed to build.

    The integrity checks see only the records that were built; an id that
    a failed record repeats (or that repeats a failed record's id) would go
    unreported until the record is fixed.
    """
    problems: list[Problem] = []
    for attr, _, kind in _LISTS:
        failed = parts.failed_ids.get(attr)
        if attr == "relations" or not failed:
            continue
        first: dict[str, tuple[str, bool]] = {}
        if base is not None:
            for j, record in enumerate(getattr(base, attr)):
                first.setdefault(record.id, (f"$.{attr}[{j}] of {base_name}", False))
        items = [(i, record.id, False) for i, record in parts.records[attr]]
        items.extend((i, record_id, True) for i, record_id in failed.items())
        for index, record_id, has_failed in sorted(items):
            if record_id not in first:
                first[record_id] = (f"$.{attr}[{index}]", has_failed)
                continue
            where, first_failed = first[record_id]
            if has_failed or first_failed:
                problems.append(
                    Problem(
                        f"$.{attr}[{index}].id",
                        f"duplicate {kind} id {quote(record_id)} (first at {where})",
                    )
                )
    return problems


def _relocate(
    problems: list[Problem] | tuple[Problem, ...],
    origins: dict[str, list[tuple[bool, int]]],
    base_name: str,
) -> list[Problem]:
    """Rewrite paths of the combined lists as paths in the user's document."""

    def replace(match: re.Match[str]) -> str:
        attr, k = match.group(1), int(match.group(2))
        table = origins.get(attr)
        if table is None or k >= len(table):
            return match.group(0)
        from_base, index = table[k]
        text = f"$.{attr}[{index}]"
        return f"{text} of {base_name}" if from_base else text

    return [
        Problem(
            _INDEXED_PATH_RE.sub(replace, p.path, count=1),
            _INDEXED_PATH_RE.sub(replace, p.message),
        )
        for p in problems
    ]


def _loose(record_id: str) -> str:
    """Return *record_id* as it would be written as an id.

    ``Seed Article`` becomes ``seed-article``.
    """
    return re.sub(r"[\s_]+", "-", record_id.strip().lower())


class _PartialCollection(Collection[Any]):
    """A collection that also knows the ids of records that failed to build.

    A reference to such a record is not reported again: its own problem
    is. That covers a reference to what a malformed id would be once
    written as an id (``skill:leadership`` for a record whose id is
    ``"Leadership"``), and any reference at all when the kind's list was
    not an array (*whole*).
    """

    __slots__ = ("_failed", "_whole")

    _failed: frozenset[str]
    _whole: bool

    def __init__(
        self,
        records: tuple[Any, ...],
        *,
        kind: str,
        failed: set[str],
        whole: bool = False,
    ) -> None:
        super().__init__(records, kind=kind)
        object.__setattr__(self, "_failed", frozenset(map(_loose, failed)))
        object.__setattr__(self, "_whole", whole)

    def _failed_id(self, item: object) -> bool:
        return isinstance(item, str) and (self._whole or _loose(item) in self._failed)

    def __contains__(self, item: object) -> bool:
        return super().__contains__(item) or self._failed_id(item)

    def get(self, record_id: str, default: object = None) -> Any:
        found = super().get(record_id, None)
        if found is None and self._failed_id(record_id):
            return _FAILED
        return found if found is not None else default


_FAILED = object()


class _AnyId(str):
    """The id of an occupation that failed to build, for the integrity checks.

    It equals every id when the occupation had no readable id, and
    otherwise any id written the same way (see :func:`_loose`), so that no
    reference to the failed occupation is reported again.
    """

    def __new__(cls, written: str | None) -> _AnyId:
        return super().__new__(cls, "" if written is None else _loose(written))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and (not self or _loose(other) == str(self))

    def __hash__(self) -> int:  # pragma: no cover - never hashed
        return 0


@attrs.frozen
class _NoOccupation:
    """Stands in for an occupation that failed to build."""

    id: str
    citations: tuple[Any, ...] = ()
    facility_types: tuple[str, ...] = ()


@attrs.frozen
class _NoManifest:
    """Stands in for a manifest that failed to build (or is missing).

    Its problems are reported already; with no source vintages, the
    integrity checks find nothing more to say about it.
    """

    source_vintages: tuple[Any, ...] = ()


def _unchecked_knowledge_base(
    parts: _Parts,
    meta: Manifest | None,
    occupation: Occupation | None,
    lists: dict[str, tuple[Any, ...]],
) -> KnowledgeBase:
    """Return a knowledge base object for integrity checks only, unvalidated.

    Every attribute :func:`check_integrity` reads must be there, with a
    stand-in for a part that failed to build: the checks run on whatever
    could be built, so that every problem is reported at once.
    """
    kb = object.__new__(KnowledgeBase)
    object.__setattr__(kb, "meta", meta if meta is not None else _NoManifest())
    object.__setattr__(
        kb,
        "occupation",
        occupation
        if occupation is not None
        else _NoOccupation(_AnyId(parts.occupation_id)),
    )
    for attr, _, kind in _LISTS:
        if attr == "relations":
            object.__setattr__(kb, attr, lists[attr])
        else:
            collection = _PartialCollection(
                lists[attr],
                kind=kind,
                failed=set(parts.failed_ids[attr].values()),
                whole=attr in parts.failed_lists,
            )
            object.__setattr__(kb, attr, collection)
    return kb
