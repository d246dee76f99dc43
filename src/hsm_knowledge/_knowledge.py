"""The knowledge base: one read-only collection per record kind."""

from __future__ import annotations

import datetime as _dt
import difflib
from collections.abc import Iterable, Iterator
from typing import Any, Generic, Protocol, TypeVar, overload

import attrs

from ._errors import DataError, Problem
from ._model import (
    Benefit,
    CareerStep,
    Credential,
    Descriptor,
    EntryRequirements,
    JobTitle,
    JobZone,
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
    _check_id,
    _check_text,
    split_ref,
)

__all__ = [
    "KINDS",
    "Collection",
    "Kind",
    "KnowledgeBase",
    "Manifest",
    "SourceVintage",
]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)
D = TypeVar("D")

#: The schema versions this version of the library reads.
SUPPORTED_SCHEMA_VERSIONS = frozenset({1})


class Collection(Generic[T]):
    """An ordered, read-only collection of records of one kind, keyed by id.

    Iteration yields records in data order. ``collection[id]`` returns the
    record with that id and ``id in collection`` tests for one (a record is
    accepted too).

    Collections cannot be changed; a user who wants other data builds
    another :class:`KnowledgeBase`.
    """

    __slots__ = ("_by_id", "_kind", "_records")

    _records: tuple[T, ...]
    _by_id: dict[str, T]
    _kind: str

    def __init__(self, records: Iterable[T] = (), *, kind: str = "record") -> None:
        records = tuple(records)
        object.__setattr__(self, "_records", records)
        object.__setattr__(self, "_kind", kind)
        # The first record wins on a duplicate id; integrity checks report
        # duplicates, so a valid knowledge base never has one.
        by_id: dict[str, T] = {}
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
        """Return the ids of the records, in data order."""
        return tuple(self._by_id)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Collection):
            return NotImplemented
        return bool(self._kind == other._kind and self._records == other._records)

    def __hash__(self) -> int:
        return hash((self._kind, self._records))

    def __repr__(self) -> str:
        return f"<Collection of {len(self._records)} {self._kind} records>"

    def close_ids(self, record_id: object, n: int = 3) -> list[str]:
        """Return up to *n* ids that look like *record_id*, closest first."""
        text = str(record_id).lower()
        return difflib.get_close_matches(text, list(self._by_id), n=n, cutoff=0.5)

    def _missing(self, record_id: object) -> str:
        message = f"no {self._kind} with id {record_id!r}"
        close = self.close_ids(record_id)
        if close:
            message += "; did you mean " + ", ".join(repr(c) for c in close) + "?"
        return message

    def __reduce__(self) -> tuple[object, ...]:
        return (_make_collection, (self._records, self._kind))


def _make_collection(records: tuple[Any, ...], kind: str) -> Collection[Any]:
    return Collection(records, kind=kind)


@attrs.frozen(kw_only=True)
class SourceVintage:
    """The vintage of one source a dataset was built from.

    Attributes:
        source: The id of a :class:`~hsm_knowledge.Source` in the dataset.
        vintage: The release, edition or reference date of the source the
            data were taken from (``"29.3 (May 2025 release)"``).
    """

    source: str = attrs.field(validator=_check_id)
    vintage: str = attrs.field(validator=_check_text)


@attrs.frozen(kw_only=True)
class Manifest:
    """What a dataset is: its versions, release date and source vintages.

    Attributes:
        dataset_version: The version of the data, independent of the
            package version (``"2026.2"``).
        schema_version: The version of the wire format the data is written
            in; this library reads the versions in
            ``SUPPORTED_SCHEMA_VERSIONS``.
        release_date: When this version of the data was released.
        title: A short title for the dataset.
        source_vintages: The vintage of each primary source the data were
            built from, such as the O*NET release or a BLS edition.
    """

    dataset_version: str = attrs.field(validator=_check_text)
    schema_version: int = attrs.field(validator=attrs.validators.ge(1))
    release_date: _dt.date
    title: str = attrs.field(validator=_check_text)
    source_vintages: tuple[SourceVintage, ...] = ()

    def vintage(self, source: str) -> str | None:
        """Return the vintage recorded for the source with id *source*.

        Args:
            source: A source id such as ``"onet-29-3"``.

        Returns:
            The vintage, or ``None`` if the manifest records none.

        Example:
            >>> import hsm_knowledge
            >>> hsm_knowledge.load().meta.vintage("onet-29-3")
            '29.3 (May 2025 release)'
        """
        for entry in self.source_vintages:
            if entry.source == source:
                return entry.vintage
        return None


@attrs.frozen
class Kind:
    """A record kind: its reference name, its attribute and its class.

    Attributes:
        name: The kind as written in references (``"career-step"``).
        attr: The :class:`KnowledgeBase` attribute holding the records
            (``"career_steps"``).
        cls: The record class.
    """

    name: str
    attr: str
    cls: type[Any]


#: Every kind of record with an id, in the order of the knowledge base's
#: attributes (and of the wire format).
KINDS: tuple[Kind, ...] = (
    Kind("source", "sources", Source),
    Kind("organization", "organizations", Organization),
    Kind("responsibility", "responsibilities", Responsibility),
    Kind("specialization", "specializations", Specialization),
    Kind("skill", "skills", Skill),
    Kind("credential", "credentials", Credential),
    Kind("career-step", "career_steps", CareerStep),
    Kind("benefit", "benefits", Benefit),
    Kind("work-setting", "work_settings", WorkSetting),
    Kind("job-title", "job_titles", JobTitle),
    Kind("statistic", "statistics", Statistic),
    Kind("task", "tasks", Task),
    Kind("descriptor", "descriptors", Descriptor),
    Kind("technology-skill", "technology_skills", TechnologySkill),
    Kind("tool", "tools", Tool),
    Kind("related-occupation", "related_occupations", RelatedOccupation),
    Kind("job-zone", "job_zones", JobZone),
    Kind("entry-requirements", "entry_requirements", EntryRequirements),
)
KINDS_BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}


def _empty() -> Collection[Any]:
    return Collection()


def _relations(value: Iterable[Relation]) -> tuple[Relation, ...]:
    return tuple(value)


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
    statistics: Collection[Statistic] = attrs.field()
    tasks: Collection[Task] = attrs.field(factory=_empty)
    descriptors: Collection[Descriptor] = attrs.field(factory=_empty)
    technology_skills: Collection[TechnologySkill] = attrs.field(factory=_empty)
    tools: Collection[Tool] = attrs.field(factory=_empty)
    related_occupations: Collection[RelatedOccupation] = attrs.field(factory=_empty)
    job_zones: Collection[JobZone] = attrs.field(factory=_empty)
    entry_requirements: Collection[EntryRequirements] = attrs.field(factory=_empty)
    relations: tuple[Relation, ...] = attrs.field(converter=_relations)

    def __attrs_post_init__(self) -> None:
        # Accept any iterable of records for a collection, and make sure each
        # collection knows its kind (for its error messages).
        for kind in KINDS:
            value = getattr(self, kind.attr)
            if not isinstance(value, Collection) or value.kind != kind.name:
                object.__setattr__(self, kind.attr, Collection(value, kind=kind.name))
        problems = check_integrity(self)
        if problems:
            raise DataError(problems)

    def collection(self, kind: str) -> Collection[Any]:
        """Return the collection holding records of *kind*.

        Args:
            kind: A kind name as written in references (``"career-step"``).

        Raises:
            ValueError: If *kind* is not a known kind.
        """
        try:
            attr = KINDS_BY_NAME[kind].attr
        except (KeyError, TypeError):
            known = ", ".join(k.name for k in KINDS)
            raise ValueError(f"unknown kind {kind!r}; known kinds: {known}") from None
        collection: Collection[Any] = getattr(self, attr)
        return collection

    def _get_ref(self, ref: str) -> Any:
        kind, record_id = split_ref(ref)
        if kind == "occupation":
            return self.occupation if record_id == self.occupation.id else None
        if kind not in KINDS_BY_NAME:
            return None
        return self.collection(kind).get(record_id)


# --------------------------------------------------------------------------
# integrity


def _citation_problems(
    path: str, record: Any, source_ids: Collection[Source]
) -> Iterator[Problem]:
    for i, citation in enumerate(record.citations):
        if citation.source not in source_ids:
            yield Problem(
                f"{path}.citations[{i}].source",
                f"cites unknown source {citation.source!r}",
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
                        f"duplicate {kind.name} id {record.id!r} "
                        f"(first at $.{kind.attr}[{seen[record.id]}])",
                    )
                )
            else:
                seen[record.id] = i

    def ref_problem(path: str, target: Collection[Any], value: str) -> None:
        if value not in target:
            message = f"names unknown {target.kind} {value!r}"
            close = target.close_ids(value)
            if close:
                message += f" (did you mean {close[0]!r}?)"
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
            ref_kind, _ = split_ref(ref)
            if ref_kind != "occupation" and ref_kind not in KINDS_BY_NAME:
                known = ", ".join(["occupation", *(k.name for k in KINDS)])
                problems.append(
                    Problem(
                        f"{path}.{end}", f"unknown kind {ref_kind!r}; known: {known}"
                    )
                )
            elif kb._get_ref(ref) is None:
                problems.append(
                    Problem(f"{path}.{end}", f"names unknown record {ref!r}")
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


def _cycle_problems(orgs: Collection[Organization]) -> Iterator[Problem]:
    index = {org.id: i for i, org in enumerate(orgs)}
    for i, org in enumerate(orgs):
        seen = {org.id}
        parent = org.parent
        while parent is not None and parent in index:
            if parent in seen:
                yield Problem(
                    f"$.organizations[{i}].parent",
                    f"organization {org.id!r} is its own ancestor",
                )
                break
            seen.add(parent)
            parent = orgs[parent].parent
