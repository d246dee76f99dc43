"""Identifiers, validators and the parts every record shares."""

from __future__ import annotations

import contextvars
import enum
import re
import sys
import types
import typing
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import attrs

from .._errors import _REPR_BITS, quote

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = ["Citation", "ID_PATTERN", "Record", "split_ref"]


#: The pattern every identifier matches: lowercase kebab-case.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


_ID_RE = re.compile(ID_PATTERN)


_REF_RE = re.compile(r"^([a-z]+(?:-[a-z]+)*):([a-z0-9]+(?:-[a-z0-9]+)*)$")


def _check_id(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not _ID_RE.fullmatch(value):
        raise ValueError(
            f"{attribute.name} {quote(value)} is not a lowercase kebab-case id "
            f"(pattern {ID_PATTERN})"
        )


def _check_optional_id(
    inst: object, attribute: attrs.Attribute[Any], value: str | None
) -> None:
    if value is not None:
        _check_id(inst, attribute, value)


def _check_ids(
    inst: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]
) -> None:
    for item in value:
        _check_id(inst, attribute, item)
    _check_unique(inst, attribute, value)


class FieldRuleError(ValueError):
    """A rule across a record's fields is broken; *field* is the one at fault.

    A ``ValueError`` like any other to the code that makes the record; the
    loader reports it at the field's path (``$.statistics[0].currency``)
    rather than at the record's.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field

    def __reduce__(self) -> tuple[Any, ...]:
        # (pickled and copied with its field, as made)
        return (type(self), (self.field, self.args[0]), self.__dict__)


class FieldRulesError(ValueError):
    """Several rules across a record's fields are broken.

    A ``ValueError`` whose message joins theirs; the loader reports each of
    *errors* at its own field.
    """

    def __init__(self, errors: tuple[FieldRuleError, ...]) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.errors,), self.__dict__)


def raise_broken(broken: list[FieldRuleError]) -> None:
    """Raise what *broken* holds: nothing, one rule's error, or every rule's.

    A record's ``__attrs_post_init__`` checks each of its rules and collects
    the broken ones, so that one load reports them all.
    """
    if len(broken) == 1:
        raise broken[0]
    if broken:
        raise FieldRulesError(tuple(broken))


def _check_unique(
    _inst: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    """Refuse a tuple that holds one item twice (it would say nothing more)."""
    if len(value) < 2 or len(set(value)) == len(value):
        return
    seen: set[Any] = set()
    for index, item in enumerate(value):
        if item in seen:
            raise ValueError(
                f"{attribute.name} must not repeat an entry; item {index} "
                f"repeats {_short(item)}"
            )
        seen.add(item)


@attrs.frozen
class _UniqueBy:
    """A validator: no two items of a tuple have the same *key* (an attribute).

    Says which item repeats which: ``source_vintages must not repeat a
    source; item 1 repeats the source of item 0, 'bls'``. The loader
    reports each repeating item at its own path (:meth:`repeats`);
    :mod:`hsm_knowledge.schema` states only that the items differ
    (``uniqueItems``), as JSON Schema has no uniqueness by key.
    """

    key: str

    def repeats(self, value: tuple[Any, ...]) -> Iterator[tuple[int, int, Any]]:
        """Yield ``(index, first index, key)`` for each item repeating a key."""
        first: dict[Any, int] = {}
        for index, item in enumerate(value):
            key = getattr(item, self.key)
            if key in first:
                yield index, first[key], key
            else:
                first[key] = index

    def message(self, name: str, index: int, first: int, key: object) -> str:
        """The message for item *index* of field *name*, repeating *first*."""
        return (
            f"{name} must not repeat a {self.key}; item {index} repeats the "
            f"{self.key} of item {first}, {quote(key)}"
        )

    def __call__(
        self, _inst: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
    ) -> None:
        for index, first, key in self.repeats(value):
            raise ValueError(self.message(attribute.name, index, first, key))


#: The most digits an integer, or a decimal number written out in plain
#: notation, may have: what the wire format reads
#: (:data:`hsm_knowledge.serialize.MAX_INT_DIGITS`), so that every record
#: can be written and read back.
MAX_DIGITS = 100
_INT_LIMIT = 10**MAX_DIGITS  # the smallest integer of too many digits


def written_digits(value: Decimal) -> int:
    """Return how many digits *value* has written in plain notation.

    That is, in ``format(value, "f")``, as the wire format writes it
    (``Decimal("1E+3")`` is ``1000``, four digits; ``Decimal("1E-3")`` is
    ``0.001``, four), counted without writing it out, which for
    ``Decimal("1E+999999999")`` would take a gigabyte.

    Args:
        value: A finite decimal number.

    Returns:
        The number of digits.
    """
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int), "a finite decimal number"
    if exponent >= 0:
        return 1 if digits == (0,) else len(digits) + exponent
    places = -exponent
    return len(digits) if len(digits) > places else 1 + places


def too_many_digits(name: str, what: str) -> ValueError:
    """The error for a number of more than :data:`MAX_DIGITS` digits."""
    return ValueError(f"{name} must have at most {MAX_DIGITS} digits, got {what}")


def _integer_digits(value: int) -> str:
    # str() of an integer of more than 4,300 digits raises (and is slow)
    if abs(value).bit_length() <= _REPR_BITS:
        return f"{len(str(abs(value))):,} digits"
    return "more than 4,000 digits"


@attrs.frozen
class _Bounds:
    """A validator: an integer is at least *minimum* and at most *maximum*.

    Either bound may be ``None``, for none. It says what it wants in the
    words of the loader's other messages: ``order must be at least 1, got
    0``; :mod:`hsm_knowledge.schema` states it as ``minimum`` and
    ``maximum``.
    """

    minimum: int | None = None
    maximum: int | None = None

    def __call__(
        self, _inst: object, attribute: attrs.Attribute[Any], value: int
    ) -> None:
        low, high = self.minimum, self.maximum
        if not -_INT_LIMIT < value < _INT_LIMIT:
            raise too_many_digits(
                attribute.name, f"an integer of {_integer_digits(value)}"
            )
        if (low is None or value >= low) and (high is None or value <= high):
            return
        wanted = span_text(low, high)
        if low is not None and high is not None:
            wanted = f"from {wanted}"
        raise ValueError(f"{attribute.name} must be {wanted}, got {value!r}")


def span_text(low: object, high: object) -> str:
    """Say a range whose bounds may be ``None``: ``at least 1``, ``1 to 5``."""
    if high is None:
        return f"at least {low}"
    if low is None:
        return f"at most {high}"
    return f"{low} to {high}"


def negative_fields(record: object, *names: str) -> list[FieldRuleError]:
    """The rule that counts are not negative: one error per field below 0.

    Each field named is a number or ``None`` (``n``, ``standard_error``,
    ``incumbents_responding``).
    """
    return [
        FieldRuleError(name, f"{name} cannot be negative ({found})")
        for name in names
        if (found := getattr(record, name)) is not None and found < 0
    ]


_E = TypeVar("_E", bound=enum.Enum)


def text_enum(cls: type[_E]) -> type[_E]:
    """Make the members of a ``(str, Enum)`` class print as their values.

    ``str(Metric.MEDIAN_ANNUAL_WAGE)`` and ``f"{...}"`` give
    ``"median-annual-wage"`` on every Python version, as
    :class:`enum.StrEnum`'s members do. Without it, Python 3.10 formats a
    member as its value but prints it as ``Metric.MEDIAN_ANNUAL_WAGE``, and
    3.11 and later do both as the name.
    """
    cls.__str__ = str.__str__  # type: ignore[method-assign]
    cls.__format__ = str.__format__  # type: ignore[method-assign,assignment]
    return cls


def _short(item: object) -> str:
    text = repr(item)
    return text if len(text) <= 80 else text[:76] + "...)"


def _check_text(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    stripped = value.strip() if isinstance(value, str) else ""
    if not stripped:
        raise ValueError(f"{attribute.name} must be a non-empty string")
    if stripped != value or value[0] == _BOM or value[-1] == _BOM:
        raise ValueError(
            f"{attribute.name} must not start or end with whitespace"
            + _edge_name(value)
        )
    if not value.isprintable():  # (fast: true for almost all text)
        _check_unprintable(attribute.name, value)


# U+FEFF, which JSON Schema's patterns count as whitespace (Python does not)
_BOM = "\ufeff"
# Format characters that show nothing at an end of text (a soft hyphen, the
# zero-width space, non-joiner and joiner, the word joiner, the Mongolian
# vowel separator): pasted in by accident, and then "Leadership\u200b" is
# not "Leadership". Bidirectional marks and tag characters may end text
# meaningfully (a flag emoji ends with one), so they are allowed.
INVISIBLE_EDGES = "\u00ad\u180e\u200b\u200c\u200d\u2060"


def _edge_name(value: str) -> str:
    """Name the character at an end of *value* that is not a plain space.

    A space, tab or line break at an end needs no name; a no-break space,
    a line separator or a byte-order mark is invisible in most editors.
    """
    for char in (value[0], value[-1]):
        if (char.isspace() or char == _BOM) and char not in " \t\n\r":
            return f" ({_char_name(char)})"
    return ""


def _char_name(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: the code point and, if it has one, name."""
    import unicodedata

    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}{' ' + name if name else ''}"


def _check_unprintable(name: str, value: str) -> None:
    """Refuse text that is not text, or that nobody could see.

    Line breaks and tabs are allowed, and so are format characters within
    visible text (a zero-width joiner in an emoji); an unpaired surrogate
    (which UTF-8 cannot encode), another control character, text with no
    visible character at all (``"\u200b"``), or text that starts or ends
    with an invisible format character (``INVISIBLE_EDGES``) is not.
    """
    import unicodedata

    for char in value:
        category = unicodedata.category(char)
        if category == "Cs":
            raise ValueError(
                f"{name} holds an unpaired surrogate ({char!r}), which is not "
                "text and cannot be written as UTF-8"
            )
        if category == "Cc" and char not in "\n\r\t":
            raise ValueError(
                f"{name} holds the control character {char!r}; of those, only "
                "line breaks and tabs are allowed"
            )
    if not any(map(is_visible, value)):
        raise ValueError(f"{name} must hold a visible character, got {quote(value)}")
    for char in (value[0], value[-1]):
        if char in INVISIBLE_EDGES:
            raise ValueError(
                f"{name} must not start or end with an invisible character "
                f"({_char_name(char)})"
            )


def is_visible(char: str) -> bool:
    """Whether the character *char* shows: not whitespace, control or format.

    A character unassigned in this Python's Unicode (an emoji newer than
    it) or for private use counts as visible: some font shows it.
    """
    if char.isprintable():
        return not char.isspace()
    import unicodedata

    return unicodedata.category(char) in ("Cn", "Co")


def _check_optional_text(
    inst: object, attribute: attrs.Attribute[Any], value: str | None
) -> None:
    if value is not None:
        _check_text(inst, attribute, value)


def _check_texts(
    inst: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]
) -> None:
    for item in value:
        _check_text(inst, attribute, item)
    _check_unique(inst, attribute, value)


def _check_citations(
    _inst: object, attribute: attrs.Attribute[Any], value: tuple[Citation, ...]
) -> None:
    if not value:
        raise ValueError(f"{attribute.name} must hold at least one citation")
    _check_unique(_inst, attribute, value)


def _check_ref(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not _REF_RE.fullmatch(value):
        raise ValueError(f"{attribute.name} {quote(value)}{_not_a_ref(value)}")


def _not_a_ref(value: object) -> str:
    """The rest of "X is not a reference", with what *value* may mean."""
    meant = _meant_ref(value)
    if meant is not None:
        return f" is not a reference of the form kind:id; did you mean {quote(meant)}?"
    return " is not a reference of the form kind:id (for example 'skill:leadership')"


def _meant_ref(value: object) -> str | None:
    """Return the reference *value* likely means, written as one, or ``None``.

    ``"Skill:Leadership"``, ``"career_steps:obtain-a-degree"`` and
    ``" skill : leadership "`` give ``skill:leadership`` and
    ``career-step:obtain-a-degree``: kinds and ids are lowercase, a kind may
    be written as its attribute name, and spaces around the colon are not
    part of either.
    """
    if not isinstance(value, str):
        return None
    kind, colon, record_id = value.partition(":")
    if not colon:
        return None
    from .._knowledge import kind_of_name  # (only on this error's path)

    meant_kind = kind_of_name(kind.strip().lower().replace("_", "-")) or kind_of_name(
        kind.strip().lower()
    )
    meant = f"{meant_kind}:{record_id.strip().lower()}"
    return meant if meant_kind is not None and _REF_RE.fullmatch(meant) else None


def _check_url(
    _inst: object, attribute: attrs.Attribute[Any], value: str | None
) -> None:
    # (printable: no space but ASCII's, which the pattern refuses, and no
    # control, format or invisible character, nor an unpaired surrogate)
    if value is not None and not (value.isprintable() and _URL_RE.fullmatch(value)):
        raise ValueError(
            f"{attribute.name} {quote(value)} is not an http(s) URL "
            "(http:// or https://, a host, and no spaces)"
        )


# http(s), user info if any, a host (that does not start with a port) and
# an optional port, then a path, query or fragment without spaces
_URL_RE = re.compile(r"https?://(?:[^\s/?#@]*@)?[^\s/?#@:][^\s/?#@]*(?:[/?#]\S*)?")


def declaring_class(cls: type[Any], name: str) -> type[Any]:
    """Return the class in *cls*'s MRO that declares the field *name*."""
    return next(
        base for base in cls.__mro__ if name in vars(base).get("__annotations__", {})
    )


# (module, annotation) -> the type it names
_FIELD_TYPES: dict[tuple[str, str], Any] = {}


def field_types(cls: type[Any]) -> dict[str, Any]:
    """Return the resolved type of each attrs field of *cls*.

    Like :func:`typing.get_type_hints`, but each annotation string is
    evaluated once per module (the model repeats ``str | None`` and
    ``tuple[Citation, ...]`` in many classes), in the module of the class
    that declares the field (a base class may live in another module).
    """
    return {field.name: _field_type(cls, field) for field in attrs.fields(cls)}


def _field_type(cls: type[Any], field: attrs.Attribute[Any]) -> Any:
    hint: object = field.type  # a string under PEP 563, as in the model
    if isinstance(hint, str):
        module = declaring_class(cls, field.name).__module__
        key = (module, hint)
        if key not in _FIELD_TYPES:
            _FIELD_TYPES[key] = eval(hint, vars(sys.modules[module]))
        hint = _FIELD_TYPES[key]
    return hint


def optional_inner(hint: Any) -> tuple[Any, bool]:
    """Return ``(X, True)`` for ``X | None`` or ``Optional[X]``.

    Any other *hint* gives ``(hint, False)``.
    """
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = typing.get_args(hint)
        if len(args) == 2 and type(None) in args:
            return (args[1] if args[0] is type(None) else args[0]), True
    return hint, False


# --------------------------------------------------------------------------
# field types, checked when a record is made (the first field's validator)

#: True while the strict converter builds records: every value it passes
#: has its field's type by construction, so :func:`check_types` need not
#: look again (it would make loading a user's dataset a fifth slower).
#: Records that a user's own code builds while the converter runs (an
#: attrs converter of a user's class given to ``from_dict``) go unchecked.
TYPES_CHECKED: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "hsm_knowledge_types_checked", default=False
)

# class -> ((field name, its type, test, what the field takes), ...)
_TYPE_PLANS: dict[type[Any], tuple[tuple[str, Any, Any, str], ...]] = {}


def check_types(inst: object, _attribute: attrs.Attribute[Any], _value: object) -> None:
    """Check that every field of *inst* holds a value of its declared type.

    Attached as the first validator of each model class's first field, so
    it runs before any other validator (which may then rely on the types).
    A wrong type raises :class:`TypeError` naming the class, the field (and
    the item of a tuple) and what it takes: ``Skill.category must be a
    SkillCategory (such as SkillCategory.LEADERSHIP), got str 'soft'``.
    """
    if inst is None or TYPES_CHECKED.get():
        # the strict converter's values (when a field's validators run
        # alone, to report which field failed, there is no instance)
        return
    cls = type(inst)
    for name, hint, test, expected in _type_plan(cls):
        value = getattr(inst, name)
        if test(value):
            continue
        where = f"{cls.__name__}.{name}"
        if isinstance(value, tuple) and expected.startswith("a tuple of "):
            item = typing.get_args(optional_inner(hint)[0])[0]
            item_test, item_expected = _tester(item)
            for index, item in enumerate(value):
                if not item_test(item):
                    raise TypeError(
                        f"{where}[{index}] must be {item_expected}, "
                        f"got {_describe(item)}"
                    )
        hint = " (records are immutable: pass a tuple)" if type(value) is list else ""
        raise TypeError(f"{where} must be {expected}, got {_describe(value)}{hint}")


def query_test(cls: type[Any], name: str) -> tuple[Callable[[object], bool], str]:
    """Return a test of whether a value can equal *cls*'s field *name*.

    Query helpers use it to refuse a value no record can hold. It is the
    test :func:`check_types` applies, except that real numbers compare
    across types (a decimal field equals an equal int, an int field an
    equal :class:`~decimal.Decimal` or ``Fraction``, a bool
    field 0 or 1), and
    a field whose type has no test takes any value.
    """
    for field, hint, test, expected in _type_plan(cls):
        if field != name:
            continue
        hint, optional = optional_inner(hint)
        module_and_name = (
            getattr(hint, "__module__", ""),
            getattr(hint, "__name__", ""),
        )
        if hint in (int, bool) or module_and_name == ("decimal", "Decimal"):
            import numbers
            from decimal import Decimal

            # (any real number: Decimal(1) equals the int 1, as an index
            # finds; a complex number is not one a record holds)
            return _numbers_test((numbers.Real, Decimal), optional), expected
        return test, expected
    return (lambda value: True), "any value"


def decimal_fields(cls: type[Any]) -> frozenset[str]:
    """The names of *cls*'s fields that hold a :class:`~decimal.Decimal`."""
    found = _DECIMAL_FIELDS.get(cls)
    if found is None:
        found = _DECIMAL_FIELDS[cls] = frozenset(
            name
            for name, hint, _, _ in _type_plan(cls)
            if (
                getattr(optional_inner(hint)[0], "__module__", ""),
                getattr(optional_inner(hint)[0], "__name__", ""),
            )
            == ("decimal", "Decimal")
        )
    return found


_DECIMAL_FIELDS: dict[type[Any], frozenset[str]] = {}


def _numbers_test(
    numbers: tuple[type[Any], ...], optional: bool
) -> Callable[[object], bool]:
    return lambda value: (value is None and optional) or isinstance(value, numbers)


def _describe(value: object) -> str:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{type(value).__name__} {shown}"


def _type_plan(cls: type[Any]) -> tuple[tuple[str, Any, Any, str], ...]:
    """Return ``(field, type, test, what it takes)`` per field, made once."""
    plan = _TYPE_PLANS.get(cls)
    if plan is not None:
        return plan
    made = []
    for field in attrs.fields(cls):
        try:
            hint = _field_type(cls, field)
        except Exception:  # a user subclass's annotation naming what its
            continue  # module lacks at run time (TYPE_CHECKING, a local class)
        made.append((field.name, hint, *_tester(hint)))
    plan = _TYPE_PLANS[cls] = tuple(made)
    return plan


def a_or_an(noun: str) -> str:
    """Return *noun* after "a" or "an"."""
    return f"{'an' if noun[:1].lower() in 'aeio' else 'a'} {noun}"


def _tester(hint: Any) -> tuple[Any, str]:
    """Return a test of a value against *hint*, and what the hint takes."""
    inner, optional = optional_inner(hint)
    test, expected = _tester_of(inner)
    if optional:
        return (lambda value: value is None or test(value)), f"{expected} or None"
    return test, expected


def _tester_of(hint: Any) -> tuple[Any, str]:
    if hint is str:
        return (
            lambda value: isinstance(value, str) and not isinstance(value, enum.Enum)
        ), "a str"
    if hint is bool:
        return (lambda value: type(value) is bool), "a bool (True or False)"
    if hint is int:
        return (
            lambda value: isinstance(value, int) and not isinstance(value, bool)
        ), "an int"
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        item_test, item_expected = _tester(args[0])
        return (
            lambda value: isinstance(value, tuple) and all(map(item_test, value))
        ), f"a tuple of {item_expected.removeprefix('a ').removeprefix('an ')}"
    if typing.get_origin(hint) is not None or not isinstance(hint, type):
        # not a type the model uses (a user's class in a Collection): no test
        return (lambda value: True), "any value"
    if issubclass(hint, enum.Enum):
        first = next(iter(hint))
        return (lambda value: isinstance(value, hint)), (
            f"{a_or_an(hint.__name__)} (such as {hint.__name__}.{first.name})"
        )
    if (hint.__module__, hint.__name__) == ("datetime", "date"):
        import datetime

        return (
            lambda value: (
                isinstance(value, datetime.date)
                and not isinstance(value, datetime.datetime)
            )
        ), "a datetime.date (not a datetime)"
    return (lambda value: isinstance(value, hint)), a_or_an(hint.__name__)


E = TypeVar("E", bound=enum.Enum)


def member(enum_cls: type[E], value: object, what: str, plural: str) -> E:
    """Return the member of *enum_cls* that *value* is or has as its value.

    Raises:
        ValueError: Naming *value* as an unknown *what*, suggesting the
            closest known value if any, and listing the known values
            (``"unknown metric 'x'; known metrics: ..."``).
    """
    try:
        return enum_cls(value)
    except (ValueError, TypeError):
        values = [m.value for m in enum_cls]
        message = f"unknown {what} {value!r}"
        close = close_value(value, values)
        if close is not None:
            message += f"; did you mean {close!r}?"
        known = ", ".join(values)
        raise ValueError(f"{message}; known {plural}: {known}") from None


def close_value(value: object, values: list[str]) -> str | None:
    """Return the enum value *value* may be a misspelling of, or ``None``.

    Case, spaces and ``_`` for ``-`` do not count (``"MEDIAN_ANNUAL_WAGE"``
    gives ``"median-annual-wage"``); then the closest value by difflib.
    """
    if not isinstance(value, str):
        return None
    import difflib

    folded = value.strip().lower().replace("_", "-").replace(" ", "-")
    close = difflib.get_close_matches(folded, values, n=1, cutoff=0.6)
    return close[0] if close else None


def split_ref(ref: str) -> tuple[str, str]:
    """Split a ``kind:id`` reference into its kind and its id.

    Args:
        ref: A reference such as ``"credential:cphrm"``.

    Returns:
        The kind and the id, such as ``("credential", "cphrm")``.

    Raises:
        TypeError: If *ref* is not a string.
        ValueError: If *ref* is not of the form ``kind:id``.
    """
    given: object = ref  # checked at run time: not every caller is typed
    if not isinstance(given, str):
        raise TypeError(f"a reference is a string, not {type(given).__name__}")
    match = _REF_RE.fullmatch(ref)
    if match is None:
        raise ValueError(f"{ref!r}{_not_a_ref(ref)}")
    return match.group(1), match.group(2)


@attrs.frozen(kw_only=True)
class Citation:
    """Where a record's facts come from: a source and a place in it.

    Attributes:
        source: The id of a :class:`Source` in the same knowledge base.
        locator: Where in the source: a section heading, a table and row,
            a file and line.
    """

    source: str = attrs.field(validator=[check_types, _check_id])
    locator: str = attrs.field(validator=_check_text)

    def __str__(self) -> str:
        return f"{self.source}:{self.locator}"


@attrs.frozen(kw_only=True)
class Record:
    """Fields shared by every record kind except :class:`Source`.

    Attributes:
        kind: The kind as written in references (``"skill"``); a class
            attribute, the same for every record of a class.
        id: The record's id, unique within its kind.
        name: A short, human-readable name.
        summary: One or two sentences in the library's own words.
        citations: Where the facts come from; at least one.
    """

    kind: ClassVar[str] = "record"

    id: str = attrs.field(validator=[check_types, _check_id])
    name: str = attrs.field(validator=_check_text)
    summary: str = attrs.field(validator=_check_text)
    citations: tuple[Citation, ...] = attrs.field(validator=_check_citations)

    @property
    def ref(self) -> str:
        """The record's ``kind:id`` reference (``"skill:leadership"``)."""
        return f"{self.kind}:{self.id}"
