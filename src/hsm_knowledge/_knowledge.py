"""The knowledge base: one read-only collection per record kind."""

from __future__ import annotations

import _thread
import enum
import operator
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Generic,
    Protocol,
    SupportsIndex,
    TypeVar,
    Union,
    cast,
    overload,
)

import attrs

from ._errors import DataError, Problem, quote
from ._model._base import (
    Record,
    a_or_an,
    close_value,
    decimal_fields,
    member,
    query_test,
    split_ref,
)

if TYPE_CHECKING:
    from typing import TypeAlias

    from typing_extensions import Self

    from ._model import (
        Benefit,
        CareerStep,
        CodeSystem,
        Credential,
        Descriptor,
        EntryRequirements,
        JobTitle,
        JobZone,
        Manifest,
        Metric,
        Occupation,
        Organization,
        RelatedOccupation,
        Relation,
        Responsibility,
        Skill,
        Source,
        Specialization,
        Statistic,
        Task,
        TechnologySkill,
        Tool,
        WorkSetting,
    )
    from ._search import SearchHit, SearchIndex

__all__ = [
    "KINDS",
    "AnyRecord",
    "Collection",
    "Kind",
    "KnowledgeBase",
    "StatisticCollection",
]

if TYPE_CHECKING:
    #: Any record with an id: a :class:`~hsm_knowledge.Source` or one of the
    #: :class:`~hsm_knowledge.Record` kinds (the occupation included).
    AnyRecord: TypeAlias = Record | Source


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)
D = TypeVar("D")
R = TypeVar("R", bound="AnyRecord")

#: The wire-format schema versions this version of the library reads
#: (``meta.schema_version``); the JSON Schema it ships is the newest's.
SUPPORTED_SCHEMA_VERSIONS: frozenset[int] = frozenset({1})


_FIELD_ENUMS: dict[type[Any], dict[str, type[enum.Enum] | None]] = {}


def _field_enums(cls: type[Any]) -> dict[str, type[enum.Enum] | None]:
    """Map each attrs field of *cls* to its enum type, or ``None``."""
    cached = _FIELD_ENUMS.get(cls)
    if cached is not None:
        return cached
    hints = typing.get_type_hints(cls)
    out: dict[str, type[enum.Enum] | None] = {}
    for field in attrs.fields(cls):
        hint = hints.get(field.name)
        if typing.get_origin(hint) in (Union, types.UnionType):
            candidates: tuple[Any, ...] = typing.get_args(hint)
        else:
            candidates = (hint,)
        out[field.name] = next(
            (c for c in candidates if isinstance(c, type) and issubclass(c, enum.Enum)),
            None,
        )
    _FIELD_ENUMS[cls] = out
    return out


def _coerce_enum(enum_cls: type[enum.Enum], name: str, value: object) -> object:
    if value is None or type(value) is enum_cls:
        return value
    try:
        return enum_cls(value)
    except (ValueError, TypeError):
        values = [m.value for m in enum_cls]
        message = f"{name}={quote(value)} is not a {enum_cls.__name__}"
        close = close_value(value, values)
        if close is not None:  # as series() and the loader suggest
            message += f"; did you mean {close!r}?"
        allowed = ", ".join(repr(v) for v in values)
        raise ValueError(f"{message}; expected one of {allowed}") from None


_record_id = operator.attrgetter("id")


def _short_repr(item: object) -> str:
    shown = repr(item)
    return shown if len(shown) <= 60 else shown[:57] + "..."


class Collection(Generic[T]):
    """An ordered, read-only collection of records of one kind, keyed by id.

    Iteration yields records in data order. ``collection[id]`` returns the
    record with that id and ``id in collection`` tests for one (a record is
    accepted too). :meth:`filter` selects records by field values or a
    predicate.

    Collections cannot be changed; a user who wants other data builds
    another :class:`KnowledgeBase`.

    Building a collection directly checks only that its records are of its
    kind: ids and references are checked by a :class:`KnowledgeBase` for
    its own. Given two records with one id, a collection holds both
    (``len`` counts them) but looks up only the first; a knowledge base
    refuses the repeat.

    Args:
        records: The records, in the order to keep.
        kind: The kind name (``"skill"``, or the attribute name
            ``"skills"``, the record class or its :class:`Kind`) used in
            messages and by :meth:`filter` to find the records' fields;
            ``"record"`` for records of no particular kind.

    Raises:
        TypeError: If *kind* is not a kind name, a record class (with its
            ``kind``) or a :class:`Kind`, a record is not of *kind* (a
            :class:`Credential` in a ``"skill"`` collection), or an item is
            not a record at all (it has no ``id``).
        ValueError: If *kind* names none of the library's kinds while the
            records are all of one of them (``kind="skils"`` for skills).
            A kind of the user's own (``"course"``) is kept as written.
    """

    __slots__ = ("_by_id", "_indexes", "_kind", "_records")

    _records: tuple[T, ...]
    _by_id: dict[str, T]
    _kind: str
    # field name -> {value: records with that value}, built on first use;
    # each bucket becomes a collection the first time a filter returns it.
    _indexes: dict[str, dict[Any, Any] | None]

    def __init__(
        self, records: Iterable[T] = (), *, kind: str | type[Any] | Kind = "record"
    ) -> None:
        records = tuple(records)
        self._fill(records, _collection_kind(kind, records))

    @classmethod
    def _unchecked(cls, records: Iterable[T], kind: str) -> Self:
        """Make a collection of records known to be of *kind* (a kind name)."""
        self = cls.__new__(cls)
        self._fill(tuple(records), kind)
        return self

    def _fill(self, records: tuple[T, ...], kind: str) -> None:
        object.__setattr__(self, "_records", records)
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(self, "_indexes", {})
        try:
            by_id: dict[str, T] = dict(
                zip(map(_record_id, records), records, strict=True)
            )
        except AttributeError:
            index, item = next(
                (i, r) for i, r in enumerate(records) if not hasattr(r, "id")
            )
            raise TypeError(
                f"a collection holds records, which have an id; item {index} is "
                f"{type(item).__name__} {_short_repr(item)}"
            ) from None
        if len(by_id) != len(records):
            # The first record wins on a duplicate id; integrity checks
            # report duplicates, so a valid knowledge base never has one.
            by_id = {}
            for record in records:
                by_id.setdefault(record.id, record)
        object.__setattr__(self, "_by_id", by_id)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    @property
    def kind(self) -> str:
        """The kind of record the collection holds (``"skill"``)."""
        return self._kind

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[T]:
        return iter(self._records)

    def __reversed__(self) -> Iterator[T]:
        return reversed(self._records)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._by_id
        record_id = getattr(item, "id", None)
        return isinstance(record_id, str) and self._by_id.get(record_id) == item

    def __getitem__(self, record_id: str) -> T:
        try:
            return self._by_id[record_id]
        except (KeyError, TypeError):
            if not isinstance(record_id, str):
                raise TypeError(
                    f"a collection is indexed by record id (a string), not "
                    f"{type(record_id).__name__}; for records by position, use "
                    "tuple(collection)[...]"
                ) from None
            raise KeyError(self._missing(record_id)) from None

    @overload
    def get(self, record_id: str) -> T | None: ...

    @overload
    def get(self, record_id: str, default: D) -> T | D: ...

    def get(self, record_id: str, default: object = None) -> object:
        """Return the record with id *record_id*, or *default*.

        Args:
            record_id: The id to look up.
            default: What to return when no record has that id.
        """
        try:
            return self._by_id.get(record_id, default)
        except TypeError:  # an unhashable key is never an id
            return default

    def ids(self) -> tuple[str, ...]:
        """Return the ids of the records, in data order (a repeated id once)."""
        return tuple(self._by_id)

    def filter(
        self,
        predicate: Callable[[T], object] | None = None,
        /,
        **field_equals: object,
    ) -> Self:
        """Return the records that pass *predicate* and have the given values.

        Each keyword names a field of the records and the value it must
        equal. An enum field accepts the member or its value
        (``category="financial"``). The first filter on a field builds an
        index of it, so later filters on that field look records up
        instead of scanning them. Keywords and the predicate combine: a
        record must pass all of them.

        Args:
            predicate: A function of one record; records for which it is
                false are left out.
            **field_equals: Field names and the values they must equal. A
                decimal field takes a :class:`~decimal.Decimal`, an int or a
                float, which is read as the decimal it is written as
                (``value=50.40`` finds ``Decimal("50.40")``, which the float
                itself does not equal); a float that is a whole number is
                read exactly. Other real numbers (a
                ``Fraction``) compare exactly, with any
                numeric field; a NaN finds nothing.

        Returns:
            A collection of the same type and kind, in data order.

        Raises:
            TypeError: If *predicate* is not callable (to get a record
                by its id, index the collection: ``kb.skills["leadership"]``),
                a keyword is not a field of the records, or its
                value is of a type the field never holds (``order="1"``
                for an int field): such a filter could only ever match
                nothing. Also for a keyword on a collection of records of
                several classes (pass a predicate instead).
            ValueError: If a value is not valid for an enum field.

        Example:
            >>> import hsm_knowledge
            >>> from hsm_knowledge import SkillCategory
            >>> kb = hsm_knowledge.load()
            >>> kb.skills.filter(category=SkillCategory.FINANCIAL).ids()
            ('financial-management',)
            >>> kb.career_steps.filter(lambda step: step.essential).ids()
            ('obtain-a-degree', 'gain-work-experience')
        """
        if predicate is None and len(field_equals) == 1:
            # fast path: a value filtered on before is a cached collection
            for name, value in field_equals.items():
                index = self._indexes.get(name)
                # only a value _select would look up as it is: not one it
                # refuses, nor a float it reads as written
                fit = _FAST_TESTS.get((self._fast_key(), name))
                if index is not None and fit is not None and fit(value):
                    try:
                        bucket = index.get(value)
                    except TypeError:
                        bucket = None
                    if type(bucket) is type(self):
                        return bucket
        given: object = predicate  # what a caller passed, typed or not
        if given is not None and not callable(given):
            shown = repr(given)
            if isinstance(given, str):
                shown = quote(given)  # (cut inside its quotes)
            elif len(shown) > 60:
                shown = shown[:57] + "..."
            hint = ""
            if isinstance(given, str):
                kind, colon, record_id = given.partition(":")
                if colon and kind_of_name(kind.strip().lower()) and record_id.strip():
                    given_id = record_id.strip()  # "skill:leadership"
                else:
                    given_id = given
                hint = (
                    "; to get a record by its id, index the collection: "
                    f"[{quote(given_id)}]"
                )
            raise TypeError(
                "filter() takes a function of one record, or field=value "
                f"keywords; got {type(given).__name__} {shown}{hint}"
            )
        result = self
        if field_equals:
            result = self._select(field_equals)
        if predicate is not None:
            result = self._unchecked(
                (record for record in result if predicate(record)), self._kind
            )
        return result

    def _fast_key(self) -> object:
        """What the fast path's tests are kept by: the kind, or the class.

        A library kind's records are of one class; a user's kind, or
        ``"record"``, is known by its first record's class (a collection of
        records of several classes is never filtered by field).
        """
        if self._kind in KINDS_BY_NAME:
            return self._kind
        return type(self._records[0]) if self._records else None

    def _record_class(self) -> type[Any] | None:
        kind = KINDS_BY_NAME.get(self._kind)
        if kind is not None:
            return kind.cls
        return type(self._records[0]) if self._records else None

    def _select(self, field_equals: dict[str, object]) -> Self:
        cls = self._record_class()
        if cls is None:  # an empty collection of records of no known kind
            return self
        if self._kind not in KINDS_BY_NAME:  # records of the user's choosing
            classes = sorted({type(record).__name__ for record in self._records})
            if len(classes) > 1:
                raise TypeError(
                    f"the records are of several classes ({', '.join(classes)}), "
                    "whose fields differ: filter each kind's collection by field, "
                    "or pass a predicate"
                )
        enums = _field_enums(cls)
        conditions: list[tuple[str, object]] = []
        for name, value in field_equals.items():
            if name not in enums:
                fields = ", ".join(enums)
                raise TypeError(
                    f"{self._kind} records have no field {quote(name)}; "
                    f"fields: {fields}"
                )
            enum_cls = enums[name]
            if enum_cls is not None:
                value = _coerce_enum(enum_cls, name, value)
            test, expected = query_test(cls, name)
            if not test(value):
                raise TypeError(
                    f"{name}={quote(value)} can never match: {a_or_an(self._kind)} "
                    f"record's {name} is {expected}"
                )
            _FAST_TESTS[self._fast_key(), name] = _fast_test(
                test, enum_cls is not None, name in decimal_fields(cls)
            )
            if isinstance(value, float) and name in decimal_fields(cls):
                value = _as_written(value)
            elif _is_decimal_nan(value):
                value = _NAN  # (a signalling NaN cannot even be compared)
            conditions.append((name, value))
        buckets = [self._bucket(name, value) for name, value in conditions]
        indexed = [
            (len(bucket), i) for i, bucket in enumerate(buckets) if bucket is not None
        ]
        if indexed:
            _, first = min(indexed)
            base: Iterable[T] = buckets[first]  # type: ignore[assignment]
            rest = conditions[:first] + conditions[first + 1 :]
        else:
            base, rest = self._records, conditions
        if not rest and isinstance(base, Collection):
            return base  # type: ignore[return-value]
        return self._unchecked(
            (
                record
                for record in base
                if all(getattr(record, name) == value for name, value in rest)
            ),
            self._kind,
        )

    def _bucket(self, name: str, value: object) -> Self | None:
        """Return the records whose *name* field is *value*, via the index.

        Returns ``None`` when the value cannot be looked up in an index
        (it is unhashable); the caller then scans.
        """
        if name in self._indexes:
            index = self._indexes[name]
        else:
            index = {}
            try:
                for record in self._records:
                    index.setdefault(getattr(record, name), []).append(record)
            except TypeError:  # an unhashable field value: never indexed
                index = None
            self._indexes[name] = index
        if index is None:
            return None
        try:
            bucket = index.get(value)
        except TypeError:  # an unhashable query value
            return None
        if bucket is None:
            return self._unchecked((), self._kind)
        if not isinstance(bucket, Collection):
            bucket = self._unchecked(bucket, self._kind)
            index[value] = bucket
        return bucket  # type: ignore[return-value]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Collection):
            return NotImplemented
        return bool(self._kind == other._kind and self._records == other._records)

    def __hash__(self) -> int:
        return hash((self._kind, self._records))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {len(self._records)} {self._kind} records>"

    def close_ids(self, record_id: object, n: int = 3) -> list[str]:
        """Return up to *n* ids that look like *record_id*, closest first.

        Raises:
            TypeError: If *n* is not an int.
            ValueError: If *n* is not at least 1.
        """
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"n must be an int, not {type(n).__name__} {quote(n)}")
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        text = str(record_id).lower()
        import difflib  # only for messages: not imported with the package

        return difflib.get_close_matches(text, list(self._by_id), n=n, cutoff=0.5)

    def _missing(self, record_id: object) -> str:
        message = f"no {self._kind} with id {quote(record_id)}"
        close = self.close_ids(record_id)
        if close:
            message += "; did you mean " + ", ".join(repr(c) for c in close) + "?"
        return message

    def __reduce__(self) -> tuple[object, ...]:
        return (_make_collection, (self._records, self._kind, type(self)))


def _collection_kind(kind: object, records: tuple[Any, ...]) -> str:
    """Return the kind name a collection of *records* keeps for *kind*.

    A kind's attribute name gives the kind (``"skills"`` gives
    ``"skill"``); each record must be of the kind's class.
    """
    if isinstance(kind, Kind):
        kind = kind.name
    elif isinstance(kind, type):  # a record class: the kind it declares
        declared = getattr(kind, "kind", None)
        if not isinstance(declared, str):
            raise TypeError(f"{kind.__name__} declares no kind (a 'kind' ClassVar)")
        kind = declared
    if not isinstance(kind, str):
        raise TypeError(
            "kind must be a kind name ('skill'), an attribute name ('skills'), "
            f"a record class or a Kind, not {type(kind).__name__}"
        )
    name = kind_of_name(kind)
    if name is None and kind == "record":
        return kind
    if name is None:
        # a kind of the user's own (a Record subclass of theirs): kept as
        # written, unless the records are all of one of the library's
        # kinds, which the name then misspells
        known = {getattr(type(record), "kind", None) for record in records}
        if len(known) == 1 and kind_of_name(own := next(iter(known))) is not None:
            raise ValueError(
                f"unknown kind {quote(kind)} for {own} records; did you mean {own!r}?"
            )
        return kind
    if not records:
        return name
    found = KINDS_BY_NAME.get(name)
    if found is None:
        from ._model import Occupation

        cls: type[Any] = Occupation
    else:
        cls = found.cls
    if set(map(type, records)) != {cls}:  # one pass in C for the usual case
        for index, record in enumerate(records):
            if not isinstance(record, cls):
                raise TypeError(
                    f"a {name!r} collection holds {cls.__name__} records; "
                    f"record {index} is {_type_name(record)}"
                )
    return name


def _make_collection(
    records: tuple[Any, ...],
    kind: str,
    cls: type[Collection[Any]] = Collection,
) -> Collection[Any]:
    # (a pickle of any version: its kind is taken as it was written)
    return cls._unchecked(records, kind)


_NUMBER_RE = re.compile(r"[0-9]+")


def edition_key(edition: str | None) -> tuple[int, tuple[int, ...], str]:
    """Return a sort key that orders editions from oldest to newest.

    Editions are compared by the numbers they contain, in order, so
    ``"2023-33"`` is newer than ``"2022-32"`` and ``"May 2023"`` newer than
    ``"May 2019"``; then by their text. A figure without an edition counts
    as the oldest.

    Args:
        edition: An edition as a :class:`~hsm_knowledge.Statistic` records
            it, or ``None``.

    Returns:
        A key for :func:`sorted`.

    Example:
        >>> sorted(["2023-33", None, "2022-32"], key=edition_key)
        [None, '2022-32', '2023-33']
    """
    if edition is None:
        return (0, (), "")
    numbers = tuple(int(n) for n in _NUMBER_RE.findall(edition))
    return (1, numbers, edition.casefold())


class AmbiguousLookupError(LookupError):
    """:meth:`KnowledgeBase.lookup` found more than one record for the text.

    A :class:`LookupError`, so ``except LookupError`` catches it together
    with "nothing found"; catch this class to tell the two apart.

    Attributes:
        text: The text looked up.
        candidates: The records it names, ordered by ``kind:id``
            reference.

    Example:
        >>> import hsm_knowledge
        >>> try:
        ...     hsm_knowledge.load().lookup("Leadership")
        ... except hsm_knowledge.AmbiguousLookupError as error:
        ...     print([record.ref for record in error.candidates])
        ['descriptor:work-style-leadership', 'skill:leadership']
    """

    def __init__(
        self, message: str, text: str, candidates: tuple[AnyRecord, ...]
    ) -> None:
        super().__init__(message)
        self.text = text
        self.candidates = candidates

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.args[0], self.text, self.candidates))


AmbiguousLookupError.__module__ = "hsm_knowledge"


class _HasEdition(Protocol):
    @property
    def edition(self) -> str | None: ...


E = TypeVar("E", bound=_HasEdition)


def newest_edition(records: Iterable[E], attribute: str | None = None) -> E | None:
    """Return the record of the newest edition, by :func:`edition_key`.

    Among records of equal editions, the first in data order wins. With
    *attribute*, only records whose *attribute* is not ``None`` count.
    ``None`` when no record counts.
    """
    if attribute is not None:
        records = [r for r in records if getattr(r, attribute) is not None]
    return max(records, key=lambda record: edition_key(record.edition), default=None)


def series_key(statistic: Statistic) -> tuple[Any, ...]:
    """A figure's place in a series, oldest first: period end, start, edition."""
    period = statistic.period
    return (period.end, period.start, edition_key(statistic.edition))


def _metric(metric: Metric | str) -> Metric:
    from ._model import Metric

    return member(Metric, metric, "metric", "metrics")


def _series_order(statistic: Statistic) -> tuple[Any, ...]:
    return (*series_key(statistic), statistic.percentile or 0)


# Fields that tell apart figures of one metric, period and edition.
_FIGURE_DETAILS = (
    "geography",
    "percentile",
    "industry",
    "provenance",
    "attributed_to",
    "unit",
    "currency",
)

# Metrics that only exist for an industry: their series keep every industry
# (by value: a Metric is a str enum, equal to its value).
_PER_INDUSTRY = frozenset({"industry-employment-share"})


class StatisticCollection(Collection["Statistic"]):
    """The statistics of a knowledge base, with outlook queries.

    Figures are never averaged, merged or converted: each edition of a
    publication keeps its own records, side by side.
    """

    __slots__ = ()

    def __init__(
        self, records: Iterable[Statistic] = (), *, kind: str = "statistic"
    ) -> None:
        super().__init__(records, kind=kind)
        if self.kind != "statistic":
            raise TypeError(
                f"a StatisticCollection holds statistics, not {self.kind} "
                "records; use Collection for those"
            )

    def series(
        self, metric: Metric | str, /, **field_equals: object
    ) -> tuple[Statistic, ...]:
        """Return the figures for *metric*, ordered by reference period.

        Figures are ordered by the end of their reference period, then its
        start, then edition (oldest first: editions compare by the numbers
        they hold, so ``"2023-33"`` is newer than ``"2022-32"``, and a figure
        without an edition counts as the oldest), then percentile, then
        data order. Each figure keeps its own edition and
        publication, so editions stand side by side; nothing is merged.
        Nor are publications: the ``employment`` series holds both the
        handbook's base-year job counts and the OEWS survey's May 2019
        estimate, which are not one measure; to chart one publication,
        select its figures by the source they cite (see
        ``docs/explanation/provenance.md``).

        The series describes the occupation as a whole: figures limited to
        one industry (:attr:`~hsm_knowledge.Statistic.industry`) are left
        out unless an ``industry=`` keyword asks for that industry. The
        ``industry-employment-share`` metric, which exists only per
        industry, keeps every industry. :meth:`Collection.filter` with
        ``metric=`` gives every figure of a metric.

        Args:
            metric: A :class:`~hsm_knowledge.Metric` or its value.
            **field_equals: Further field values to select on, as for
                :meth:`Collection.filter` (``geography="US"``,
                ``percentile=90``, ``industry="Offices of Physicians"``).

        Returns:
            The figures, oldest first; empty when there are none.

        Raises:
            TypeError: If a keyword is not a statistic field, or its value
                is of a type the field never holds (``percentile="90"``), or
                the metric is given as a keyword too.
            ValueError: If *metric* is not a known metric, or a keyword's
                value is not one of its enum field's values
                (``unit="job"``).

        Example:
            >>> import hsm_knowledge
            >>> kb = hsm_knowledge.load()
            >>> for s in kb.statistics.series("median-annual-wage"):
            ...     print(s.period, s.edition, s.value, s.provenance.value)
            May 2010 2010-20 84270 primary
            May 2015 2014-24 94500 primary
            May 2016 2016-26 96540 primary
            May 2019 May 2019 100980 primary
            May 2020 2019-29 104280 primary
            2021 None 101340 secondary
            May 2022 2022-32 104830 primary
            May 2023 2023-33 110680 primary
        """
        wanted = _metric(metric)
        _no_metric_keyword(field_equals, "series")
        if wanted not in _PER_INDUSTRY:
            field_equals.setdefault("industry", None)
        figures = self.filter(metric=wanted, **field_equals)
        return tuple(sorted(figures, key=_series_order))

    def latest(
        self, metric: Metric | str, /, **field_equals: object
    ) -> Statistic | None:
        """Return the figure for *metric* with the most recent reference period.

        It is the last figure of :meth:`series`: the most recent period is
        the one that ends last (then starts last); among figures for that
        period the newest edition wins (as :meth:`series` orders them). Like the
        series, it describes the whole occupation unless an ``industry=``
        keyword is given. The figure carries its period, edition,
        provenance and citations.

        Args:
            metric: A :class:`~hsm_knowledge.Metric` or its value.
            **field_equals: Further field values to select on, as for
                :meth:`Collection.filter`.

        Returns:
            The figure, or ``None`` when there is no figure for *metric*.

        Raises:
            TypeError: As :meth:`series`.
            ValueError: As :meth:`series`, or if several figures share the
                latest period and edition (for example one per percentile);
                the message names the fields that tell them apart and their
                values, to pass as keywords.

        Example:
            >>> import hsm_knowledge
            >>> kb = hsm_knowledge.load()
            >>> wage = kb.statistics.latest("median-annual-wage")
            >>> wage.value, wage.currency, str(wage.period), wage.edition
            (Decimal('110680'), 'USD', 'May 2023', '2023-33')
            >>> [c.source for c in wage.citations]
            ['bls-ooh-2023-33']
            >>> kb.statistics.latest("annual-wage-percentile")
            Traceback (most recent call last):
              ...
            ValueError: 4 'annual-wage-percentile' figures share the latest ...
            >>> kb.statistics.latest("annual-wage-percentile", percentile=90).value
            Decimal('189000')
        """
        _no_metric_keyword(field_equals, "latest")
        figures = self.series(metric, **field_equals)
        if not figures:
            return None
        last = series_key(figures[-1])
        newest = [figure for figure in figures if series_key(figure) == last]
        if len(newest) == 1:
            return newest[0]
        details = [
            name
            for name in _FIGURE_DETAILS
            if len({getattr(figure, name) for figure in newest}) > 1
        ]
        ids = ", ".join(repr(figure.id) for figure in newest)
        choices = []
        for name in details:
            values = sorted(
                {getattr(figure, name) for figure in newest},
                key=lambda value: (value is not None, str(value)),
            )
            shown = ", ".join(
                repr(value.value if isinstance(value, enum.Enum) else value)
                for value in values
            )
            choices.append(f"{name}= one of {shown}")
        hint = "; select one with " + "; ".join(choices) if choices else ""
        raise ValueError(
            f"{len(newest)} {_metric(metric).value!r} figures share the latest "
            f"period ({figures[-1].period}) and edition: {ids}{hint}"
        )


def _no_metric_keyword(field_equals: Mapping[str, object], function: str) -> None:
    if "metric" in field_equals:
        raise TypeError(
            f"{function}() takes the metric as its first argument only; "
            "drop metric= from the keywords"
        )


@attrs.frozen
class Kind:
    """A record kind: its reference name, its attribute and its class.

    Attributes:
        name: The kind as written in references (``"career-step"``).
        attr: The :class:`KnowledgeBase` attribute holding the records
            (``"career_steps"``).
        class_name: The name of the record class (``"CareerStep"``);
            ``cls`` is the class.
        collection: The collection class holding the records
            (:class:`StatisticCollection` for statistics).
    """

    name: str
    attr: str
    class_name: str
    collection: type[Collection[Any]] = Collection

    @property
    def cls(self) -> type[Any]:
        """The record class (``hsm_knowledge.CareerStep``).

        Each record class is created the first time it is used, so that a
        program reading one kind does not pay for all of them.
        """
        from . import _model

        cls: type[Any] = getattr(_model, self.class_name)
        return cls


#: Every kind of record with an id, in the order of the knowledge base's
#: attributes (and of the wire format).
KINDS: tuple[Kind, ...] = (
    Kind("source", "sources", "Source"),
    Kind("organization", "organizations", "Organization"),
    Kind("responsibility", "responsibilities", "Responsibility"),
    Kind("specialization", "specializations", "Specialization"),
    Kind("skill", "skills", "Skill"),
    Kind("credential", "credentials", "Credential"),
    Kind("career-step", "career_steps", "CareerStep"),
    Kind("benefit", "benefits", "Benefit"),
    Kind("work-setting", "work_settings", "WorkSetting"),
    Kind("job-title", "job_titles", "JobTitle"),
    Kind("statistic", "statistics", "Statistic", StatisticCollection),
    Kind("task", "tasks", "Task"),
    Kind("descriptor", "descriptors", "Descriptor"),
    Kind("technology-skill", "technology_skills", "TechnologySkill"),
    Kind("tool", "tools", "Tool"),
    Kind("related-occupation", "related_occupations", "RelatedOccupation"),
    Kind("job-zone", "job_zones", "JobZone"),
    Kind("entry-requirements", "entry_requirements", "EntryRequirements"),
)
KINDS_BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}


def _empty() -> Collection[Any]:
    return Collection()


def _relations(value: Iterable[Relation]) -> tuple[Relation, ...]:
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes, Mapping)):
        return tuple(value)
    return value  # type: ignore[return-value]  # reported by the type checks


def _type_name(value: object) -> str:
    """Name *value*'s type, and a record's kind:id or a record's class."""
    ref = getattr(value, "ref", None)
    if isinstance(ref, str) and not isinstance(value, type):
        return f"{type(value).__name__} {ref}"
    return type(value).__name__


class _QueryCache:
    """Indexes a knowledge base builds on first use; never pickled."""

    __slots__ = ("lookup", "refs", "relations", "search")

    def __init__(self) -> None:
        self.refs: dict[str, AnyRecord] | None = None
        self.lookup: _LookupIndex | None = None
        self.relations: dict[str, tuple[Relation, ...]] | None = None
        self.search: SearchIndex | None = None

    def __reduce__(self) -> tuple[object, ...]:
        return (_QueryCache, ())


class _Pending:
    """The parts of a knowledge base not built yet, and how to build one.

    See :func:`deferred_knowledge_base`.
    """

    __slots__ = ("build", "names")

    def __init__(self, build: Callable[[str], Any], names: set[str]) -> None:
        self.build = build
        self.names = names


# Lookup tiers. Within a kind an id beats a name or abbreviation, which
# beats an alias (a source's title counts as an alias); across kinds ids and
# names rank alike, above aliases. See KnowledgeBase.lookup.
_BY_ID, _BY_NAME, _BY_ALIAS = 0, 1, 2


def _lookup_winners(matches: Iterable[_Entry]) -> dict[str, AnyRecord]:
    """Return the records a lookup's *matches* leave, by ``kind:id``."""
    matches = list(matches)
    best_in_kind: dict[str, int] = {}
    for tier, kind, _, _ in matches:
        if tier < best_in_kind.get(kind, _BY_ALIAS + 1):
            best_in_kind[kind] = tier
    # across kinds an id and a name are equal; both beat an alias
    top = min(max(tier, _BY_NAME) for tier in best_in_kind.values())
    winners: dict[str, AnyRecord] = {}
    for tier, kind, record, _ in matches:
        if tier == best_in_kind[kind] and max(tier, _BY_NAME) == top:
            winners.setdefault(f"{kind}:{record.id}", record)
    return winners


#: A lookup index's entry: the tier of the text, the record's kind, the
#: record, and the text as the record writes it (its id, name, ...).
_Entry: TypeAlias = "tuple[int, str, AnyRecord, str]"


class _LookupIndex:
    """Normalised text -> ``[(tier, kind, record, text)]``, and the text shown."""

    __slots__ = ("entries", "shown")

    def __init__(
        self,
        entries: dict[str, list[_Entry]],
        shown: dict[str, str],
    ) -> None:
        self.entries = entries
        self.shown = shown


@attrs.frozen(kw_only=True, eq=True)
class KnowledgeBase:
    """Everything the library knows, as typed, immutable records.

    Build one with :func:`hsm_knowledge.load`. Constructing it directly
    checks the whole dataset and raises :class:`~hsm_knowledge.DataError`
    listing every problem found. The kinds added in dataset 2026.2 (tasks
    to entry requirements) default to empty, so documents written before
    them still load.

    Attributes:
        meta: The dataset's versions and release date.
        occupation: The occupation described.
        sources: The publications records cite.
        organizations: Publishers, issuers and employers.
        responsibilities: What managers are responsible for.
        specializations: Areas a manager can specialize in.
        skills: Skills employers value.
        credentials: Certifications and licences.
        career_steps: The steps into the occupation, in order.
        benefits: Advantages of the career and of its employers.
        work_settings: Kinds of places managers work in.
        job_titles: Titles people in the occupation hold.
        statistics: Figures with their units, periods and editions.
        tasks: O*NET task statements.
        descriptors: Rated O*NET descriptors (skills, knowledge, work
            styles, interests, work values, education and training).
        technology_skills: Software O*NET lists for the occupation.
        tools: Tools and equipment O*NET lists for the occupation.
        related_occupations: Occupations O*NET or ESCO relate to this one.
        job_zones: The occupation's O*NET job zone.
        entry_requirements: Typical entry requirements, per handbook edition.
        relations: Typed edges between records.
    """

    meta: Manifest
    occupation: Occupation
    sources: Collection[Source] = attrs.field()
    organizations: Collection[Organization] = attrs.field()
    responsibilities: Collection[Responsibility] = attrs.field()
    specializations: Collection[Specialization] = attrs.field()
    skills: Collection[Skill] = attrs.field()
    credentials: Collection[Credential] = attrs.field()
    career_steps: Collection[CareerStep] = attrs.field()
    benefits: Collection[Benefit] = attrs.field()
    work_settings: Collection[WorkSetting] = attrs.field()
    job_titles: Collection[JobTitle] = attrs.field()
    statistics: StatisticCollection = attrs.field()
    tasks: Collection[Task] = attrs.field(factory=_empty)
    descriptors: Collection[Descriptor] = attrs.field(factory=_empty)
    technology_skills: Collection[TechnologySkill] = attrs.field(factory=_empty)
    tools: Collection[Tool] = attrs.field(factory=_empty)
    related_occupations: Collection[RelatedOccupation] = attrs.field(factory=_empty)
    job_zones: Collection[JobZone] = attrs.field(factory=_empty)
    entry_requirements: Collection[EntryRequirements] = attrs.field(factory=_empty)
    relations: tuple[Relation, ...] = attrs.field(converter=_relations)
    _queries: _QueryCache = attrs.field(
        init=False, factory=_QueryCache, eq=False, repr=False, hash=False
    )
    # The parts still to build, for a knowledge base made by
    # deferred_knowledge_base (the packaged one); None once all are built.
    # (Only _DeferredKnowledgeBase sets it.)
    _pending: _Pending | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        problems = self._type_problems()
        if problems:  # the integrity checks rely on the types
            raise DataError(problems)
        self._adopt_collections()
        problems = check_integrity(self)
        if problems:
            raise DataError(problems)

    def __repr__(self) -> str:
        """Return a one-line summary: the dataset version and the counts.

        The records themselves (tens of thousands of characters) are in the
        collections: ``kb.skills`` and the others.

        Example:
            >>> import hsm_knowledge
            >>> hsm_knowledge.load()
            <KnowledgeBase: dataset 2026.2, 533 records, 82 relations>
        """
        records = 1 + sum(len(getattr(self, kind.attr)) for kind in KINDS)
        return (
            f"<KnowledgeBase: dataset {self.meta.dataset_version}, "
            f"{records} records, {len(self.relations)} relations>"
        )

    def _type_problems(self) -> list[Problem]:
        # What each field holds, before anything reads it: the manifest, the
        # occupation, and an iterable of its kind's records for each kind
        # (made a tuple here, so that an iterator is read once).
        from . import _model

        problems: list[Problem] = []
        for path, value, cls in (
            ("$.meta", self.meta, _model.Manifest),
            ("$.occupation", self.occupation, _model.Occupation),
        ):
            if not isinstance(value, cls):
                problems.append(
                    Problem(
                        path,
                        f"expected {a_or_an(cls.__name__)}, got {_type_name(value)}",
                    )
                )
        lists: list[tuple[str, str, Kind | None]] = [
            (kind.attr, kind.class_name, kind) for kind in KINDS
        ]
        lists.append(("relations", "Relation", None))
        for attr, class_name, kind in lists:
            held = getattr(self, attr)
            if isinstance(held, (str, bytes, Mapping)) or not isinstance(
                held, Iterable
            ):
                problems.append(
                    Problem(
                        f"$.{attr}",
                        f"expected an iterable of {class_name} records, "
                        f"got {_type_name(held)}",
                    )
                )
                continue
            if not isinstance(held, (Collection, tuple)):
                held = tuple(held)
                object.__setattr__(self, attr, held)
            if not held:
                continue  # (a kind's class is made only when it has records)
            record_cls: type[Any] = _model.Relation if kind is None else kind.cls
            problems.extend(
                Problem(
                    f"$.{attr}[{index}]",
                    f"expected {a_or_an(class_name)}, got {_type_name(record)}",
                )
                for index, record in enumerate(held)
                if not isinstance(record, record_cls)
            )
        return problems

    def _adopt_collections(self) -> None:
        # Accept any iterable of records for a collection, and make sure each
        # collection has its kind's class and knows its kind (for its error
        # messages). _type_problems has checked the records' classes.
        for kind in KINDS:
            value = getattr(self, kind.attr)
            if type(value) is not kind.collection or value.kind != kind.name:
                object.__setattr__(
                    self, kind.attr, kind.collection._unchecked(value, kind.name)
                )

    def collection(self, kind: str | type[Any] | Kind) -> Collection[Any]:
        """Return the collection holding records of *kind*.

        Args:
            kind: A kind name as written in references (``"career-step"``),
                the knowledge base attribute (``"career_steps"``), the
                record class (``CareerStep``) or its :class:`Kind`.

        Raises:
            TypeError: If *kind* is not a string, a record class or a
                :class:`Kind`.
            ValueError: If *kind* is not a known kind, or is the
                occupation (one record, :attr:`occupation`).
        """
        name = _known_kind(kind)
        if name == "occupation":
            raise ValueError(
                "the occupation is one record, kb.occupation, not a collection"
            )
        collection: Collection[Any] = getattr(self, KINDS_BY_NAME[name].attr)
        return collection

    def _get_ref(self, ref: str) -> Any:
        kind, record_id = split_ref(ref)
        if kind == "occupation":
            return self.occupation if record_id == self.occupation.id else None
        if kind not in KINDS_BY_NAME:
            return None
        return self.collection(kind).get(record_id)

    # ----------------------------------------------------------------------
    # queries

    def _records(self) -> Iterator[tuple[str, AnyRecord]]:
        """Yield ``(kind, record)`` for the occupation and every record."""
        yield "occupation", self.occupation
        for kind in KINDS:
            for record in getattr(self, kind.attr):
                yield kind.name, record

    def _refs(self) -> dict[str, AnyRecord]:
        refs = self._queries.refs
        if refs is None:
            refs = {f"{kind}:{record.id}": record for kind, record in self._records()}
            self._queries.refs = refs
        return refs

    def resolve(self, ref: str) -> AnyRecord:
        """Return the record a ``kind:id`` reference names.

        Args:
            ref: A reference such as ``"skill:financial-management"`` or
                ``"occupation:medical-and-health-services-managers"``.

        Returns:
            The record.

        Raises:
            ValueError: If *ref* is not of the form ``kind:id`` (spaces
                around it are ignored; a reference written in capitals is
                told so), or names an unknown kind (the message lists the
                kinds).
            KeyError: If no record of that kind has that id (the message
                suggests close ids).
            TypeError: If *ref* is not a string.

        Example:
            >>> import hsm_knowledge
            >>> kb = hsm_knowledge.load()
            >>> kb.resolve("skill:financial-management").name
            'Financial management'
            >>> kb.resolve("skill:leadershp")
            Traceback (most recent call last):
              ...
            KeyError: "no skill with id 'leadershp'; did you mean 'leadership'?"
        """
        refs = self._queries.refs
        if refs is None:
            refs = self._refs()
        try:
            return refs[ref]
        except (KeyError, TypeError):
            pass
        if not isinstance(ref, str):
            raise TypeError(f"a reference is a string, not {type(ref).__name__}")
        if ref != ref.strip():
            return self.resolve(ref.strip())
        try:
            kind, record_id = split_ref(ref)
        except ValueError:
            if ref.lower() != ref:
                try:
                    split_ref(ref.lower())
                except ValueError:
                    pass
                else:
                    raise ValueError(
                        f"{quote(ref)} is not a reference: references are written in "
                        f"lowercase ({quote(ref.lower())})"
                    ) from None
            raise
        if kind == "occupation":
            raise KeyError(
                f"no occupation with id {quote(record_id)}; this knowledge base "
                f"describes {self.occupation.ref!r}"
            )
        if kind not in KINDS_BY_NAME:
            # (a reference is written with the kind's name, not its attribute)
            raise ValueError(
                _unknown_kind(kind, where=f" in {quote(ref)}", attributes=False)
            )
        record: AnyRecord = self.collection(kind)[record_id]
        return record

    def _lookup_index(self) -> _LookupIndex:
        index = self._queries.lookup
        if index is None:
            from ._search import normalize

            entries: dict[str, list[_Entry]] = {}
            shown: dict[str, str] = {}

            def add(text: str, tier: int, kind: str, record: AnyRecord) -> None:
                key = normalize(text)
                if key:
                    entries.setdefault(key, []).append((tier, kind, record, text))
                    shown.setdefault(key, text)

            from ._model import Source

            for kind, record in self._records():
                add(record.id, _BY_ID, kind, record)
                if isinstance(record, Source):
                    # a source is often titled after what it documents
                    # (a credential, the occupation): the thing wins
                    add(record.title, _BY_ALIAS, kind, record)
                    continue
                for name in ("name", "abbreviation"):
                    value = getattr(record, name, None)
                    if isinstance(value, str):
                        add(value, _BY_NAME, kind, record)
                for alias in getattr(record, "aliases", ()):
                    add(alias, _BY_ALIAS, kind, record)
            index = _LookupIndex(entries, shown)
            self._queries.lookup = index
        return index

    @overload
    def lookup(self, text: str, kind: type[R]) -> R: ...

    @overload
    def lookup(self, text: str, kind: str | Kind | None = None) -> AnyRecord: ...

    def lookup(self, text: str, kind: str | type[Any] | Kind | None = None) -> Any:
        """Return the one record whose id, name, abbreviation or alias is *text*.

        Comparison ignores case and accents, and reads the text as words:
        any run of spaces and punctuation between letters and digits counts
        as one space, and punctuation at either end is left out:
        ``"cphrm"``, ``"CPHRM"`` and ``"CPHRM."`` find CPHRM, and
        ``"Certified Medical Manager"`` and ``"certified-medical-manager"``
        find CMM (but ``"c.p.h.r.m"`` is five words, and
        ``"CertifiedMedicalManager"`` one).
        A ``kind:id`` reference is accepted too, in any case and with spaces
        around the colon (``"Skill: leadership"``). When several records
        fit:

        * one whose id, name, abbreviation, alias or title is written
          exactly as *text* (but for case and surrounding spaces) wins if
          it is the only one: ``"C++"`` finds a record named ``C++`` rather
          than ``C#``, ``C`` or one whose id is ``c``, which all read as the
          word ``c``;
        * otherwise, within one kind, an id wins over a name or
          abbreviation, which wins over an alias, so ``lookup(id,
          kind=...)`` always finds the record with that id;
        * across kinds, an id and a name count the same, and both win
          over an alias: ``"leadership"`` is the id of the skill
          ``leadership`` and the name of the O*NET work style
          ``work-style-leadership``, so it is ambiguous until a kind is
          given;
        * a source's title counts as an alias, since a source is often
          titled after the credential or occupation it documents.

        Records left equal after these rules make the text ambiguous (O*NET
        has a skill and a knowledge area both named ``"Mathematics"``):
        the error lists them all.

        Args:
            text: What to look up.
            kind: Only consider records of this kind: a kind name
                (``"skill"``), a :class:`Kind`, or a record class (``Skill``,
                which also types the result).

        Returns:
            The record.

        Raises:
            AmbiguousLookupError: If several records fit equally well (a
                :class:`LookupError` whose message lists their references
                and whose ``candidates`` holds them; pass *kind* or use
                :meth:`resolve`).
            LookupError: If no record fits (the message lists close
                matches).
            TypeError: If *text* is not a string, or *kind* is not a kind
                at all (a number).
            ValueError: If *text* is blank or has no letters or digits
                (``"🏥"``), or *kind* is unknown.

        Example:
            >>> import hsm_knowledge
            >>> kb = hsm_knowledge.load()
            >>> kb.lookup("cphrm").name
            'Certified Professional in Health Care Risk Management'
            >>> kb.lookup("certified medical manager").ref
            'credential:cmm'
            >>> kb.lookup("HR").ref
            'responsibility:human-resources'
            >>> kb.lookup("Financial management", kind="skill").ref
            'skill:financial-management'
            >>> try:
            ...     kb.lookup("Leadership")
            ... except LookupError as error:
            ...     print(error)
            'Leadership' names 2 records: descriptor:work-style-leadership,
            skill:leadership; pass kind= or resolve a kind:id reference
            >>> kb.lookup("Leadership", kind="descriptor").ref
            'descriptor:work-style-leadership'
        """
        from ._search import normalize

        if not isinstance(text, str):
            raise TypeError(f"lookup text must be a string, not {type(text).__name__}")
        wanted = _kind_name(kind)
        key = normalize(text)
        if not key:
            if text.strip():
                raise ValueError(
                    f"lookup text {quote(text)} has no letters or digits to look up"
                )
            raise ValueError(f"lookup text {quote(text)} is blank")
        if ":" in text:
            found = self._refs().get(_reference_text(text))
            if found is not None and wanted in (None, type(found).kind):
                return found
        index = self._lookup_index()
        matches = [
            entry
            for entry in index.entries.get(key, ())
            if wanted is None or entry[1] == wanted
        ]
        if matches:
            # one written as the text is, but for case, wins: "C++" finds
            # C++, not C# or C (or the record whose id is c), though all
            # read as the word "c"
            as_written = text.strip().casefold()
            exact = {
                id(record): record
                for _, _, record, written in matches
                if written.casefold() == as_written
            }
            if len(exact) == 1:
                return next(iter(exact.values()))
            records = _lookup_winners(matches)
            if len(records) == 1:
                return next(iter(records.values()))
            refs = sorted(records)
            kinds = {type(record).kind for record in records.values()}
            advice = (
                "resolve a kind:id reference"
                if len(kinds) == 1
                else "pass kind= or resolve a kind:id reference"
            )
            raise AmbiguousLookupError(
                f"{quote(text)} names {len(records)} records: {', '.join(refs)}; "
                + advice,
                text,
                tuple(records[ref] for ref in refs),
            )
        keys = [
            k
            for k, entries in index.entries.items()
            if wanted is None or any(entry[1] == wanted for entry in entries)
        ]
        import difflib

        # names that start with the text as a whole word ("Epic" for "Epic
        # Systems"), shortest first, then names spelled alike
        starting = sorted((k for k in keys if k.startswith(key + " ")), key=len)
        close = starting[:3] + difflib.get_close_matches(key, keys, n=6, cutoff=0.6)
        where = "" if wanted is None else f" {wanted}"
        message = (
            f"no{where} record has the id, name, abbreviation or alias {quote(text)}"
        )
        if close:
            # the records of the kind asked for, when one is; each record
            # once, by the name closest to the text; three at most
            described: dict[str, str] = {}
            for k in close:
                for _, kind_name, record, _ in index.entries[k]:
                    ref = f"{kind_name}:{record.id}"
                    if wanted in (None, kind_name) and len(described) < 3:
                        described.setdefault(ref, f"{quote(index.shown[k])} ({ref})")
            message += "; close matches: " + ", ".join(described.values())
        elif ":" in text:
            # a kind:id reference whose id is mistyped: ids of that kind
            ref_kind, _, ref_id = _reference_text(text).partition(":")
            named = kind_of_name(ref_kind)
            if named is not None and wanted in (None, named) and ref_id:
                ids = self.collection(named).close_ids(ref_id)
                if ids:
                    message += "; did you mean " + ", ".join(
                        f"{named}:{record_id}" for record_id in ids
                    )
                    message += "?"
        raise LookupError(message)

    def _search_index(self) -> SearchIndex:
        index = self._queries.search
        if index is None:
            from ._search import SearchIndex

            index = SearchIndex(self._records())
            self._queries.search = index
        return index

    def search(
        self,
        text: str,
        *,
        kinds: str | type[Any] | Kind | Iterable[str | type[Any] | Kind] | None = None,
        limit: int | None = None,
    ) -> tuple[SearchHit, ...]:
        """Return the records that match *text*, best first.

        Matching ignores case and accents and treats word forms alike
        (``"budget"`` finds ``"budgeting"``). Whole words rank above
        prefixes (of two characters or more) above substrings (of three or
        more), and names, abbreviations, aliases and
        ids above summaries and other text. Every word of a multi-word
        query must match (an AND), except stop words such as ``"a"``,
        ``"of"`` and ``"the"``, which are left out when other words remain;
        the score adds up each word's best match, and a name equal to the
        whole query adds a bonus. Hits are
        ordered by score (highest first), then kind, then id. The
        docstring of the private module ``hsm_knowledge._search`` gives the
        exact points. The index is built on the first search.

        Args:
            text: The words to look for.
            kinds: Only records of these kinds: a kind name, a record
                class, a :class:`Kind`, or several of them. ``"occupation"``
                is a kind too.
            limit: Return at most this many hits (the best ones).

        Returns:
            The hits, each with the record, its score, its kind and the
            field that matched best.

        Raises:
            ValueError: If *text* is blank or has no words, a kind is
                unknown, *kinds* is empty, or *limit* is negative.
            TypeError: If *text* is not a string, *limit* not an integer,
                or *kinds* (or one of its items) not a kind name, class or
                :class:`Kind`.

        Example:
            >>> import hsm_knowledge
            >>> kb = hsm_knowledge.load()
            >>> for hit in kb.search("budget", limit=2):
            ...     print(hit.score, hit.ref, hit.field)
            6 responsibility:financial-management aliases
            6 skill:financial-management aliases
            >>> kb.search("EHR")[0].record.name
            'Health informatics'
            >>> record, score, kind, field = kb.search("Epic")[0]
            >>> record.ref, record.commodity_title
            ('technology-skill:epic-systems', 'Medical software')
            >>> for hit in kb.search("care", kinds="work-setting"):
            ...     print(hit.score, hit.ref, hit.field)
            6 work-setting:long-term-care-facility name
            1 work-setting:clinic summary
            1 work-setting:group-medical-practice summary
            1 work-setting:hospital summary

            ``care`` is a whole word of the first name, and a part of
            ``healthcare`` in the three summaries.
        """
        if not isinstance(text, str):
            raise TypeError(f"search text must be a string, not {type(text).__name__}")
        if not text.strip():
            raise ValueError("search text is blank")
        if limit is not None:
            if isinstance(limit, bool) or not isinstance(limit, int):
                raise TypeError(f"limit must be an integer, not {quote(limit)}")
            if limit < 0:
                raise ValueError(f"limit must not be negative, got {limit}")
        if kinds is None:
            selected = None
        elif isinstance(kinds, (str, type, Kind)):
            selected = frozenset({_known_kind(kinds)})
        elif isinstance(kinds, Iterable) and not isinstance(
            cast(object, kinds), (bytes, bytearray)
        ):
            selected = frozenset(_known_kind(kind) for kind in kinds)
            if not selected:
                raise ValueError(
                    "kinds is empty, so nothing could match; pass None to "
                    "search every kind"
                )
        else:
            raise TypeError(
                "kinds must be a kind name, a record class, a Kind or an "
                f"iterable of them, not {type(kinds).__name__}"
            )
        return self._search_index().search(text, kinds=selected, limit=limit)

    def _own(self, record: AnyRecord | str) -> tuple[str, AnyRecord]:
        """Return the reference and this knowledge base's copy of *record*."""
        if isinstance(record, str):  # a reference, in any case
            found = self.resolve(_reference_text(record))
            return found.ref, found
        kind = getattr(type(record), "kind", None)
        record_id = getattr(record, "id", None)
        if not isinstance(kind, str) or not isinstance(record_id, str):
            raise TypeError(
                f"expected a record or a kind:id reference, not {type(record).__name__}"
            )
        ref = f"{kind}:{record_id}"
        own = self.resolve(ref)
        if own is not record and own != record:
            raise ValueError(
                f"the {type(record).__name__} given differs from this knowledge "
                f"base's {ref!r}"
            )
        return ref, own

    def _relation_index(self) -> dict[str, tuple[Relation, ...]]:
        index = self._queries.relations
        if index is None:
            grouped: dict[str, list[Relation]] = {}
            for relation in self.relations:
                grouped.setdefault(relation.subject, []).append(relation)
                grouped.setdefault(relation.object, []).append(relation)
            index = {ref: tuple(edges) for ref, edges in grouped.items()}
            self._queries.relations = index
        return index

    def relations_of(self, record: AnyRecord | str) -> tuple[Relation, ...]:
        """Return the relations *record* takes part in, in either direction.

        Each :class:`~hsm_knowledge.Relation` keeps its type, its basis
        (``stated`` by a cited source, or ``editorial`` with a rationale)
        and its citations.

        Args:
            record: A record of this knowledge base, or its ``kind:id``
                reference.

        Returns:
            The relations, in data order.

        Raises:
            KeyError: If no such record is in the knowledge base.
            TypeError: If *record* is neither a record nor a string (a
                relation: read its ``subject`` and ``object``).
            ValueError: If *record* is text that is not a ``kind:id``
                reference (a name: use :meth:`lookup` first), or a record
                that differs from the knowledge base's record with the
                same reference.

        Example:
            >>> import hsm_knowledge
            >>> kb = hsm_knowledge.load()
            >>> edge = kb.relations_of("credential:cmm")[0]
            >>> print(edge.subject, edge.type.value, edge.object, edge.basis.value)
            career-step:obtain-certifications includes credential:cmm stated
        """
        ref, _ = self._own(record)
        return self._relation_index().get(ref, ())

    @overload
    def related(self, record: AnyRecord | str, kind: type[R]) -> tuple[R, ...]: ...

    @overload
    def related(
        self, record: AnyRecord | str, kind: str | Kind | None = None
    ) -> tuple[AnyRecord, ...]: ...

    def related(
        self, record: AnyRecord | str, kind: str | type[Any] | Kind | None = None
    ) -> tuple[Any, ...]:
        """Return the records related to *record*, in either direction.

        If ``a`` is related to ``b``, ``b`` is related to ``a``.

        Args:
            record: A record of this knowledge base, or its ``kind:id``
                reference.
            kind: Only records of this kind: a kind name (``"skill"``) or a
                record class (``Skill``, which also types the result).

        Returns:
            The related records, each once, in the order of the relations
            that link them.

        Raises:
            KeyError: If no such record is in the knowledge base.
            TypeError: If *record* is neither a record nor a string (a
                relation: read its ``subject`` and ``object``), or *kind*
                is not a kind at all (a number).
            ValueError: If *kind* is unknown, *record* is text that is not
                a ``kind:id`` reference (a name: use :meth:`lookup` first),
                or a record that differs from the knowledge base's record
                with the same reference.

        Example:
            >>> import hsm_knowledge
            >>> kb = hsm_knowledge.load()
            >>> informatics = kb.specializations["health-informatics"]
            >>> [skill.id for skill in kb.related(informatics, hsm_knowledge.Skill)]
            ['healthcare-technology', 'analytical-problem-solving']
        """
        wanted = _kind_name(kind)
        ref, _ = self._own(record)
        found: dict[str, AnyRecord] = {}
        for relation in self._relation_index().get(ref, ()):
            other = relation.object if relation.subject == ref else relation.subject
            if other in found:
                continue
            if wanted is not None and other.partition(":")[0] != wanted:
                continue
            found[other] = self.resolve(other)
        return tuple(found.values())

    def sources_for(self, record: AnyRecord | Relation | str) -> tuple[Source, ...]:
        """Return the sources *record* cites, each once, in citation order.

        A :class:`~hsm_knowledge.Source` is its own provenance: it gives
        itself.

        Args:
            record: A record or relation of this knowledge base, or a
                record's ``kind:id`` reference.

        Returns:
            The :class:`~hsm_knowledge.Source` records.

        Raises:
            KeyError: If the record or relation is not in the knowledge
                base.
            TypeError: If *record* is not a record, a relation or a string
                (the manifest, which cites nothing).
            ValueError: If *record* is text that is not a ``kind:id``
                reference (a name: use :meth:`lookup` first), or a record
                that differs from the knowledge base's record with the same
                reference.

        Example:
            >>> import hsm_knowledge
            >>> kb = hsm_knowledge.load()
            >>> [s.id for s in kb.sources_for(kb.credentials["cmm"])]
            ['seed-article', 'pahcom-cmm', 'pahcom-cmm-recertification']
        """
        from ._model import Relation, Source

        if isinstance(record, Relation):
            if record not in self._relation_index().get(record.subject, ()):
                raise KeyError(
                    f"the relation {record.subject} {record.type.value} "
                    f"{record.object} is not in this knowledge base"
                )
            citations = record.citations
        else:
            _, own = self._own(record)
            if isinstance(own, Source):
                return (own,)
            citations = own.citations
        found: dict[str, Source] = {}
        for citation in citations:
            if citation.source not in found:
                found[citation.source] = self.sources[citation.source]
        return tuple(found.values())

    def names_occupation(
        self, code: str, system: CodeSystem | str | None = None
    ) -> bool:
        """Tell whether *code* is one of the occupation's codes.

        Args:
            code: A code as its system writes it (SOC ``"11-9111"``,
                O*NET-SOC ``"11-9111.00"``, ISCO-08 ``"1342"``, an ESCO
                occupation's identifier) or a code URI.
            system: Only accept a code of this
                :class:`~hsm_knowledge.CodeSystem` (or its value).

        Returns:
            Whether the code names this knowledge base's occupation.

        Raises:
            TypeError: If *code* is not a string.
            ValueError: If *system* is not a known code system.

        Example:
            >>> import hsm_knowledge
            >>> kb = hsm_knowledge.load()
            >>> kb.names_occupation("11-9111"), kb.names_occupation("11-9112")
            (True, False)
            >>> kb.names_occupation("11-9111", system="isco-08")
            False
            >>> esco = kb.occupation.codes_in("esco")
            >>> [kb.names_occupation(code.uri) for code in esco]
            [True, True]
        """
        if not isinstance(code, str):
            raise TypeError(f"code must be a string, not {type(code).__name__}")
        return self.occupation.has_code(code, system)


def trusted_knowledge_base(**values: Any) -> KnowledgeBase:
    """Build a knowledge base from trusted parts, without integrity checks.

    For the packaged data only, whose integrity the test suite checks: the
    result is the object ``KnowledgeBase(**values)`` returns, without
    running :func:`check_integrity` again.

    Args:
        **values: The knowledge base's fields, as for its constructor.
    """
    kb = object.__new__(KnowledgeBase)
    for field in attrs.fields(KnowledgeBase):
        if not field.init:
            default = field.default
            value = (
                default.factory()  # type: ignore[union-attr]
                if isinstance(default, attrs.Factory)  # type: ignore[arg-type]
                else default
            )
        elif field.name in values:
            value = values.pop(field.name)
            if field.converter is not None:
                value = field.converter(value)  # type: ignore[operator]
        else:
            value = field.default.factory()  # type: ignore[union-attr]
        object.__setattr__(kb, field.name, value)
    if values:
        raise TypeError(f"unknown knowledge base fields: {', '.join(values)}")
    kb._adopt_collections()
    return kb


def resolve_types() -> None:
    """Resolve the annotations of :class:`KnowledgeBase`'s fields.

    They name record classes this module does not import (each is created
    on first use), so :func:`typing.get_type_hints` cannot resolve them in
    this module's namespace; this resolves them with every record class,
    as :func:`attrs.resolve_types` does, for tools that read the fields'
    types (the cattrs converter, the JSON Schema).
    """
    from . import _model

    namespace = dict(globals())
    namespace.update((name, getattr(_model, name)) for name in _model.NAMES)
    attrs.resolve_types(KnowledgeBase, globalns=namespace)


#: The fields of a knowledge base built from parts, in document order.
PART_ORDER = ("meta", "occupation", *(kind.attr for kind in KINDS), "relations")
# The parts of a knowledge base a deferred one builds on first use.
_PARTS = frozenset(PART_ORDER)
_PARTS_LOCK = _thread.RLock()


_NAN = float("nan")  # equals nothing, not even itself

# (kind or record class, field) -> whether filter's fast path may look a
# value up as it is
_FAST_TESTS: dict[tuple[object, str], Callable[[object], bool]] = {}


def _fast_test(
    test: Callable[[object], bool], is_enum: bool, is_decimal: bool
) -> Callable[[object], bool]:
    """Whether a value may be looked up in a field's index as it is.

    That is, when :meth:`Collection._select` would accept it unchanged: it
    passes the field's type test, or it is a string for an enum field (a
    member's value finds the member's bucket); a float for a decimal field
    is read as written first, so it is not.
    """
    if is_enum:
        return lambda value: type(value) is str or test(value)
    if is_decimal:
        return lambda value: not isinstance(value, float) and test(value)
    return test


def _is_decimal_nan(value: object) -> bool:
    from decimal import Decimal

    return isinstance(value, Decimal) and value.is_nan()


def _as_written(value: float) -> object:
    """The decimal a float given to a filter stands for.

    A float holds the nearest binary fraction (50.4 is
    50.39999999999999857891452847979962825775146484375), which equals no
    decimal in the data; the shortest text that gives the float back,
    ``50.4``, is what its writer meant. A whole number is read exactly
    (``float(2**60)`` is 1152921504606846976, not the 16 digits of its
    text), and a float that is not finite is kept: it equals nothing.
    """
    import math
    from decimal import Decimal

    if not math.isfinite(value):
        return value
    if value.is_integer():
        return Decimal(value)
    return Decimal(float.__repr__(value))  # (a subclass may repr otherwise)


def deferred_knowledge_base(build: Callable[[str], Any]) -> KnowledgeBase:
    """Return a knowledge base whose parts are built the first time each is read.

    For the packaged data only (like :func:`trusted_knowledge_base`): the
    parts are built by *build* without integrity checks. Reading
    ``kb.credentials`` the first time calls ``build("credentials")`` (under
    a lock, once) and keeps the result in the field, so later reads are
    plain attribute reads. Everything that reads every field (equality,
    hashing, ``repr``, pickling, :func:`attrs.evolve`,
    :func:`~hsm_knowledge.serialize.to_dict`) builds what is missing first,
    so a deferred knowledge base behaves as one built at once.

    Args:
        build: Called with the name of a field (``"meta"``,
            ``"occupation"``, ``"relations"`` or a kind's attribute) and
            returning its value: the manifest, the occupation, a tuple of
            relations, or the kind's collection.
    """
    kb = object.__new__(_DeferredKnowledgeBase)
    object.__setattr__(kb, "_queries", _QueryCache())
    object.__setattr__(kb, "_pending", _Pending(build, set(_PARTS)))
    return kb


class _DeferredKnowledgeBase(KnowledgeBase):
    # A knowledge base whose parts are built on first use.
    #
    # deferred_knowledge_base makes one. A class with __getattr__ makes
    # every attribute read take Python's slower path, so only this subclass
    # has one, and once every part is built the instance becomes a plain
    # KnowledgeBase (its class is swapped: the layout is the same).
    # Whatever reads the whole knowledge base (equality, hashing, repr,
    # pickling and copying) builds every part first.
    #
    # The docstring is the public class's, so that help(hsm_knowledge.load())
    # shows the KnowledgeBase documentation, not this implementation detail.
    __doc__ = KnowledgeBase.__doc__

    __slots__ = ()

    if not TYPE_CHECKING:  # type checkers see the fields, not this fallback

        def __getattr__(self, name: str) -> Any:
            # Python calls this only for an attribute that is not set: a
            # part not built yet.
            if name not in _PARTS:
                raise AttributeError(
                    f"'KnowledgeBase' object has no attribute {name!r}",
                    name=name,
                    obj=self,
                )
            with _PARTS_LOCK:
                pending = self._pending
                if pending is None or name not in pending.names:
                    # built meanwhile by another thread
                    return object.__getattribute__(self, name)
                try:
                    value = pending.build(name)
                except AttributeError as exc:
                    # not "no such attribute": say which part failed
                    raise RuntimeError(
                        f"building the knowledge base's {name} failed: {exc}"
                    ) from exc
                object.__setattr__(self, name, value)
                pending.names.discard(name)
                if not pending.names:
                    self._become_plain()
                return value

    def _become_plain(self) -> None:
        # every part is built: a plain KnowledgeBase from now on
        object.__setattr__(self, "_pending", None)
        object.__setattr__(self, "__class__", KnowledgeBase)

    def _build_all(self) -> None:
        """Build every part not built yet."""
        with _PARTS_LOCK:
            for name in PART_ORDER:
                getattr(self, name)  # builds the part if it is missing
            if type(self) is _DeferredKnowledgeBase:  # nothing was pending
                self._become_plain()

    def __attrs_post_init__(self) -> None:
        # attrs.evolve(kb) makes an instance of kb's class through __init__:
        # it has every part, so it is a plain KnowledgeBase
        super().__attrs_post_init__()
        self._become_plain()

    def __eq__(self, other: object) -> bool:
        self._build_all()
        if isinstance(other, _DeferredKnowledgeBase):
            other._build_all()
        return self == other

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        self._build_all()
        return hash(self)

    def __repr__(self) -> str:
        self._build_all()
        return repr(self)

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        self._build_all()
        return self.__reduce_ex__(protocol)


_KNOWN = ", ".join(["occupation", *(k.name for k in KINDS)])


def _reference_text(text: str) -> str:
    """Return *text* written as a reference, if it looks like one.

    ``"Skill: Leadership"`` gives ``"skill:leadership"``: ids and kind names
    are lowercase, so case and spaces around the colon do not matter, as in
    names. Other text is returned stripped.
    """
    kind, colon, record_id = text.strip().partition(":")
    if not colon or not record_id.strip() or " " in kind.strip():
        return text.strip()
    return f"{kind.strip().lower()}:{record_id.strip().lower()}"


def _kind_name(kind: str | type[Any] | Kind | None) -> str | None:
    """Return the kind name *kind* stands for, checking that it is known."""
    return None if kind is None else _known_kind(kind)


def _known_kind(kind: str | type[Any] | Kind) -> str:
    if isinstance(kind, Kind):
        return kind.name
    if isinstance(kind, type):
        from ._model import Occupation

        name = getattr(kind, "kind", None)
        if name == "occupation" and issubclass(kind, Occupation):
            return "occupation"
        known = KINDS_BY_NAME.get(name) if isinstance(name, str) else None
        if known is not None and issubclass(kind, known.cls):
            return known.name
        raise ValueError(f"{kind.__name__} is not a record kind; known kinds: {_KNOWN}")
    if not isinstance(kind, str):
        raise TypeError(
            "a kind is a kind name ('skill'), an attribute name ('skills'), a "
            f"record class or a Kind, not {type(kind).__name__}"
        )
    found = kind_of_name(kind)
    if found is not None:
        return found
    raise ValueError(_unknown_kind(kind))


# a kind's knowledge base attribute -> its name ("career_steps" -> "career-step")
_KIND_OF_ATTR = {kind.attr: kind.name for kind in KINDS}


def kind_of_name(text: object) -> str | None:
    """Return the kind *text* names: a kind name or a knowledge base attribute.

    ``"career-step"`` and ``"career_steps"`` both give ``"career-step"``;
    ``"occupation"`` gives itself. Anything else gives ``None``.
    """
    if not isinstance(text, str):
        return None
    if text == "occupation" or text in KINDS_BY_NAME:
        return text
    return _KIND_OF_ATTR.get(text)


def _close_kind(text: object) -> str | None:
    """Return the kind *text* most likely means, or ``None``.

    Case, ``-`` and ``_`` and the attribute names (``career_steps``) are
    forgiven; otherwise the closest kind name or attribute name by
    spelling, if one is close enough.
    """
    if not isinstance(text, str):
        return None
    import difflib

    folded = text.strip().lower().replace("_", "-")
    # (relations are edges, not a kind of record: no kind is meant)
    if difflib.get_close_matches(folded, ["relation", "relations"], 1, 0.8):
        return None
    spellings = {name: name for name in ("occupation", *KINDS_BY_NAME)}
    spellings.update((k.attr.replace("_", "-"), k.name) for k in KINDS)
    close = difflib.get_close_matches(folded, list(spellings), n=1, cutoff=0.6)
    return spellings[close[0]] if close else None


def _unknown_kind(kind: object, *, where: str = "", attributes: bool = True) -> str:
    """Say that *kind* is no kind, with a "did you mean" and the known kinds.

    *where* follows the kind (``" in 'skil:x'"``); *attributes* says
    whether attribute names (``career_steps``) are accepted too.
    """
    message = f"unknown kind {quote(kind)}{where}"
    if isinstance(kind, str) and kind.strip().lower() in ("relation", "relations"):
        return (
            f"{message}: relations are edges between records, not records; "
            "read them from kb.relations or kb.relations_of(record)"
        )
    close = _close_kind(kind)
    if close is not None:
        message += f"; did you mean {close!r}?"
    plurals = " (or their attribute names, such as career_steps)" if attributes else ""
    return f"{message}; known kinds: {_KNOWN}{plurals}"


# --------------------------------------------------------------------------
# integrity


def _citation_problems(
    path: str, record: Any, source_ids: Collection[Source]
) -> Iterator[Problem]:
    for i, citation in enumerate(record.citations):
        if citation.source not in source_ids:
            yield Problem(
                f"{path}.citations[{i}].source",
                f"cites unknown source {quote(citation.source)}",
            )


def check_integrity(kb: KnowledgeBase) -> list[Problem]:
    """Return every cross-record problem in *kb*, in document order.

    Checks duplicate ids within a kind, citations of unknown sources, and
    every reference between records (publishers, parents, issuers,
    facility types, attributions, relation ends). An empty list means the
    knowledge base is consistent.
    """
    problems: list[Problem] = []
    orgs = kb.organizations
    sources = kb.sources

    for kind in KINDS:
        seen: dict[str, int] = {}
        for i, record in enumerate(getattr(kb, kind.attr)):
            if record.id in seen:
                problems.append(
                    Problem(
                        f"$.{kind.attr}[{i}].id",
                        f"duplicate {kind.name} id {quote(record.id)} "
                        f"(first at $.{kind.attr}[{seen[record.id]}])",
                    )
                )
            else:
                seen[record.id] = i

    suggested = 0

    def ref_problem(path: str, target: Collection[Any], value: str) -> None:
        nonlocal suggested
        if value not in target:
            message = f"names unknown {target.kind} {quote(value)}"
            # Each suggestion compares the value with every id: the first
            # few are worth it, thousands would take minutes.
            if suggested < _MAX_SUGGESTIONS:
                suggested += 1
                close = target.close_ids(value)
                if close:
                    message += f" (did you mean {quote(close[0])}?)"
            problems.append(Problem(path, message))

    problems.extend(_citation_problems("$.occupation", kb.occupation, sources))
    for i, setting in enumerate(kb.occupation.facility_types):
        ref_problem(f"$.occupation.facility_types[{i}]", kb.work_settings, setting)

    for i, source in enumerate(sources):
        if source.publisher is not None:
            ref_problem(f"$.sources[{i}].publisher", orgs, source.publisher)

    for i, entry in enumerate(kb.meta.source_vintages):
        ref_problem(f"$.meta.source_vintages[{i}].source", sources, entry.source)

    for kind in KINDS[1:]:
        for i, record in enumerate(getattr(kb, kind.attr)):
            problems.extend(_citation_problems(f"$.{kind.attr}[{i}]", record, sources))

    for i, org in enumerate(orgs):
        if org.parent is not None:
            ref_problem(f"$.organizations[{i}].parent", orgs, org.parent)
    problems.extend(_cycle_problems(orgs))

    for i, credential in enumerate(kb.credentials):
        ref_problem(f"$.credentials[{i}].issuer", orgs, credential.issuer)

    orders: dict[int, int] = {}
    previous = 0
    for i, step in enumerate(kb.career_steps):
        if step.order in orders:
            problems.append(
                Problem(
                    f"$.career_steps[{i}].order",
                    f"step order {step.order} repeats "
                    f"$.career_steps[{orders[step.order]}]",
                )
            )
        elif step.order < previous:
            problems.append(
                Problem(
                    f"$.career_steps[{i}].order",
                    f"steps must be listed in order; {step.order} follows {previous}",
                )
            )
        orders.setdefault(step.order, i)
        previous = max(previous, step.order)

    for i, statistic in enumerate(kb.statistics):
        if statistic.attributed_to is not None:
            ref_problem(
                f"$.statistics[{i}].attributed_to", orgs, statistic.attributed_to
            )

    seen_edges: dict[tuple[Any, ...], int] = {}
    for i, relation in enumerate(kb.relations):
        path = f"$.relations[{i}]"
        for end in ("subject", "object"):
            ref = getattr(relation, end)
            ref_kind, ref_id = split_ref(ref)
            if ref_kind != "occupation" and ref_kind not in KINDS_BY_NAME:
                known = ", ".join(["occupation", *(k.name for k in KINDS)])
                close = _close_kind(ref_kind)
                meant = (
                    ""
                    if close is None
                    else f"; did you mean {quote(f'{close}:{ref_id}')}?"
                )
                if ref_kind in ("relation", "relations"):
                    meant = "; a relation links records, not other relations"
                problems.append(
                    Problem(
                        f"{path}.{end}",
                        f"unknown kind {quote(ref_kind)}{meant}; known: {known}",
                    )
                )
            elif kb._get_ref(ref) is None:
                problems.append(
                    Problem(f"{path}.{end}", f"names unknown record {quote(ref)}")
                )
        problems.extend(_citation_problems(path, relation, sources))
        if relation.key in seen_edges:
            first = seen_edges[relation.key]
            problems.append(
                Problem(path, f"duplicate relation (first at $.relations[{first}])")
            )
        else:
            seen_edges[relation.key] = i
    return problems


# how many unknown references get a "did you mean" (see check_integrity)
_MAX_SUGGESTIONS = 20


def _cycle_problems(orgs: Collection[Organization]) -> Iterator[Problem]:
    """Report, at its parent, each organization whose parents never end.

    An organization is reported when following parents up from it comes
    back to an organization already passed. Either it is its own ancestor
    (it is on a cycle, or, a record repeating an id, its parent leads back
    to that id) or its parents lead into a cycle it is not on; the message
    says which (of a record repeating an id, only that its parents go round
    a cycle, unless they lead back to the id), and shows the chain
    (``'a' -> 'b' -> 'a'``). A parent that names no organization ends the
    chain (it is reported as unknown), and a repeated id's parent is the
    first record's, as ``orgs[id]`` finds it.

    Linear in the number of organizations: each id's chain is followed
    once, and whether it ends is remembered for every id passed on the way,
    so a chain of thousands is not walked again from each of its members;
    a message shows at most :data:`_CHAIN_SHOWN` ids of a chain.
    """
    parent_of: dict[str, str | None] = {}
    for org in orgs:
        parent_of.setdefault(org.id, org.parent)
    ends = _chains_that_end(parent_of)
    on_cycle: set[str] | None = None
    spans: dict[str, tuple[int, int]] | None = None
    first_seen: set[str] = set()
    for i, org in enumerate(orgs):
        repeated = org.id in first_seen
        first_seen.add(org.id)
        parent = org.parent
        if parent is None or parent not in ends:
            continue
        if ends[parent]:
            if not repeated:
                continue
            # a repeated id: its own parent may lead back to the id
            if spans is None:
                spans = _spans(parent_of, ends)
            span = spans.get(org.id)
            if span is None or not span[0] <= spans[parent][0] < span[1]:
                continue
            message = "is its own ancestor"
        elif repeated:
            # (whether a repeated id is on the cycle its parent leads into
            # is not looked for, which could take a walk per record)
            message = "has parents that go round a cycle"
        else:
            if on_cycle is None:
                on_cycle = _on_cycles(parent_of, ends)
            message = (
                "is its own ancestor"
                if org.id in on_cycle
                else "has parents that go round a cycle it is not on"
            )
        chain = _chain_text(org.id, parent, parent_of)
        yield Problem(
            f"$.organizations[{i}].parent",
            f"organization {quote(org.id)} {message} ({chain})",
        )


# The most ids a cycle problem shows of a chain of parents.
_CHAIN_SHOWN = 6


def _chain_text(start: str, parent: str, parent_of: dict[str, str | None]) -> str:
    """``'a' -> 'b' -> 'c' -> 'b'``: *start*, then its parents, up to a repeat.

    *parent* is *start*'s own (a repeated id's may differ from
    ``parent_of[start]``). At most :data:`_CHAIN_SHOWN` ids are shown.
    """
    shown = [quote(start)]
    seen = {start}
    node: str | None = parent
    while node is not None:
        if len(shown) == _CHAIN_SHOWN:
            shown.append("...")
            break
        shown.append(quote(node))
        if node in seen or node not in parent_of:
            break
        seen.add(node)
        node = parent_of[node]
    return " -> ".join(shown)


def _on_cycles(parent_of: dict[str, str | None], ends: dict[str, bool]) -> set[str]:
    """The ids on a cycle of parents (not those that only lead into one).

    Each id is passed once: a walk stops at an id an earlier walk passed.
    """
    found: set[str] = set()
    done: set[str] = set()
    for start in parent_of:
        if ends[start] or start in done:
            continue
        path: list[str] = []
        at: dict[str, int] = {}
        node = start
        # the chain does not end, so every parent on it is an id
        while node not in done and node not in at:
            at[node] = len(path)
            path.append(node)
            node = typing.cast(str, parent_of[node])
        if node in at:  # this walk closed the cycle
            found.update(path[at[node] :])
        done.update(path)
    return found


def _chains_that_end(parent_of: dict[str, str | None]) -> dict[str, bool]:
    """Whether the chain of parents from each id ends (rather than cycles).

    A parent that is not an id of *parent_of* ends the chain. Each id is
    passed once: a chain stops at the first id already decided.
    """
    ends: dict[str, bool] = {}
    for start in parent_of:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node in parent_of:
            if node in ends or node in on_path:
                break
            path.append(node)
            on_path.add(node)
            node = parent_of[node]
        if node is None or node not in parent_of:
            result = True
        else:  # decided before, or on this path: a cycle
            result = ends.get(node, False)
        for passed in path:
            ends[passed] = result
    return ends


def _spans(
    parent_of: dict[str, str | None], ends: dict[str, bool]
) -> dict[str, tuple[int, int]]:
    """Number the ids whose chains end, depth first from where they end.

    Each id gets ``(first, after)``: the numbers from *first* up to
    *after* are its own and its descendants', so an id is an ancestor of
    another (or the same id) when that one's *first* falls in its span.
    """
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for node, parent in parent_of.items():
        if not ends[node]:
            continue
        if parent is None or parent not in parent_of:
            roots.append(node)
        else:
            children.setdefault(parent, []).append(node)
    spans: dict[str, tuple[int, int]] = {}
    entered: dict[str, int] = {}
    count = 0
    stack = [(root, False) for root in reversed(roots)]
    while stack:
        node, done = stack.pop()
        if done:
            spans[node] = (entered.pop(node), count)
            continue
        entered[node] = count
        count += 1
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(children.get(node, ())))
    return spans


if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        # AnyRecord names Source, whose class is created on first use.
        if name == "AnyRecord":
            from ._model import Source

            value = Record | Source
            globals()[name] = value
            return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
