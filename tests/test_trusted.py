"""The packaged data's fast path builds what the strict path builds.

The fast path (``hsm_knowledge._trusted``) skips per-field validation and the
integrity checks because the packaged data is checked here: it must load
through the strict path, pass every check, and give an equal knowledge base.
"""

from __future__ import annotations

import contextlib
import gc
import json
import sys
import sysconfig
import threading
import types
import typing
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import (
    DataError,
    KnowledgeBase,
    Period,
    Rating,
    Skill,
    SkillCategory,
    _collector,
    _loading,
    _prebuilt,
    _trusted,
)
from hsm_knowledge._knowledge import check_integrity
from hsm_knowledge.serialize import parse_json, to_dict, to_json
from hsm_knowledge.strategies import knowledge_bases, records


def strict_packaged() -> KnowledgeBase:
    """The packaged data, read and built through the strict path."""
    document = {
        key: parse_json(_loading.read_data_file(name), what=name)
        for key, name in _loading.DATA_FILES
    }
    return _loading.build(document)


def all_records(kb: KnowledgeBase) -> list[Any]:
    found: list[Any] = [kb.meta, kb.occupation, *kb.relations]
    for kind in hsm_knowledge.KINDS:
        found.extend(getattr(kb, kind.attr))
    return found


def test_the_packaged_data_passes_the_strict_path_and_equals_the_fast_one() -> None:
    strict = strict_packaged()
    fast = _trusted.build_trusted(_loading.packaged_document())
    assert check_integrity(fast) == []
    assert fast == strict
    assert hash(fast) == hash(strict)
    assert hsm_knowledge.load() == strict
    # the same classes, record by record, in the same order
    for mine, theirs in zip(all_records(fast), all_records(strict), strict=True):
        assert type(mine) is type(theirs)
        assert mine == theirs
    for kind in hsm_knowledge.KINDS:
        collection = getattr(fast, kind.attr)
        assert type(collection) is kind.collection
        assert collection.kind == kind.name


def test_every_packaged_record_passes_its_validators() -> None:
    for record in all_records(hsm_knowledge.load()):
        attrs.validate(record)
        # and its invariants across fields: construct it again
        assert attrs.evolve(record) == record


@given(knowledge_bases())
def test_fast_structuring_a_knowledge_bases_dict_gives_an_equal_one(
    kb: KnowledgeBase,
) -> None:
    assert _trusted.build_trusted(to_dict(kb)) == kb
    # and through JSON text, as the packaged data comes
    rebuilt = _trusted.build_trusted(json.loads(to_json(kb)))
    assert rebuilt == kb
    assert hash(rebuilt) == hash(kb)


@given(st.sampled_from([Skill, Period, hsm_knowledge.Statistic]).flatmap(records))
def test_a_records_builder_gives_an_equal_record(record: Any) -> None:
    built = _trusted.structurer(type(record))(to_dict(record))
    assert type(built) is type(record)
    assert built == record
    assert hash(built) == hash(record)


def nested_values(value: Any) -> Iterator[Any]:
    """Every attrs instance in *value*: itself, its fields', their items'."""
    if attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):
            yield from nested_values(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from nested_values(item)


def test_the_fast_path_builds_frozen_instances_of_the_model_classes() -> None:
    # builders write each field into an instance of a writable subclass,
    # then give it its class: none of those may be left behind
    fast = _trusted.build_trusted(_loading.packaged_document())
    found = [v for r in all_records(fast) for v in nested_values(r)]
    classes = {type(value) for value in found}
    assert {"Citation", "Rating", "Period", "Skill"} <= {c.__name__ for c in classes}
    for cls in classes:
        assert cls.__module__.startswith("hsm_knowledge._model"), cls
        assert cls not in _trusted._WRITABLE.values()
    for value in {type(value): value for value in found}.values():
        name = attrs.fields(type(value))[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, name, None)


def writable_instances() -> list[object]:
    """Every live instance of a writable subclass, after a collection."""
    gc.collect()
    writable = tuple(_trusted._WRITABLE.values())
    return [o for o in gc.get_objects() if isinstance(o, writable)]


def test_a_build_that_fails_midway_leaves_no_writable_instance(
    damaged: dict[str, bytes],
) -> None:
    descriptors = json.loads(_loading.read_data_file("descriptors.json"))
    del descriptors[3]["ratings"][1]["value"]  # after some fields are written
    damaged["descriptors.json"] = json.dumps(descriptors).encode()
    with pytest.raises(
        DataError, match=r"descriptors\[3\]\.ratings\[1\]\.value"
    ) as info:
        len(hsm_knowledge.load().descriptors)
    # the error is kept (as a program's log or a debugger keeps it), with the
    # errors it was raised during, and their tracebacks
    assert info.value.__context__ is not None
    assert Rating in _trusted._WRITABLE  # the builders made its subclass
    assert not writable_instances()
    # and nothing of the failed build is kept for the next one
    assert all(not memo for memo in _trusted._MEMOS)
    assert all(f.cache_info().currsize == 0 for f in _trusted._CACHED.values())


def programs_subclasses(cls: type) -> list[type]:
    """*cls*'s subclasses but the writable one (other tests may make some)."""
    return [c for c in type.__subclasses__(cls) if c is not _trusted._WRITABLE[cls]]


def test_writable_subclasses_are_left_out_of_subclasses() -> None:
    import cattrs
    from cattrs.strategies import include_subclasses

    hsm_knowledge.clear_cache()
    kb = hsm_knowledge.load()
    skill = next(iter(kb.skills))  # built on the fast path
    assert Skill in _trusted._WRITABLE
    assert Skill.__subclasses__() == programs_subclasses(Skill)
    assert _trusted._WRITABLE[Skill] in type.__subclasses__(Skill)

    # so cattrs can work out the union of a class and its subclasses
    converter = cattrs.Converter()
    include_subclasses(Skill, converter)
    assert converter.structure(converter.unstructure(skill), Skill) == skill
    len(kb.descriptors)  # nested values too
    assert _trusted._WRITABLE[Rating] in type.__subclasses__(Rating)
    assert Rating.__subclasses__() == programs_subclasses(Rating)

    class Mine(Skill):  # a program's own subclass is listed as ever
        pass

    assert Mine in Skill.__subclasses__()
    assert Skill.__subclasses__() == programs_subclasses(Skill)
    assert Mine.__subclasses__() == []
    del Mine
    gc.collect()


class Interrupting(dict[str, Any]):
    """A parsed record whose "value" is read as Ctrl-C arrives."""

    def __getitem__(self, key: str) -> Any:
        if key == "value":
            raise KeyboardInterrupt
        return super().__getitem__(key)


def test_an_interrupted_build_leaves_no_writable_instance() -> None:
    document = _loading.packaged_document()
    ratings = document["descriptors"][3]["ratings"]
    ratings[1] = Interrupting(ratings[1])
    with pytest.raises(KeyboardInterrupt) as info:
        _trusted.build_trusted(document, check=lambda: None)
    assert info.value.__traceback__ is not None  # kept, as a REPL keeps it
    assert not writable_instances()
    assert all(not memo for memo in _trusted._MEMOS)


def test_a_class_keeps_a_subclasses_method_of_its_own() -> None:
    import pickle

    @attrs.frozen
    class Own:
        name: str

        @classmethod
        def __subclasses__(cls) -> list[type[Any]]:
            return []

    assert _trusted.structurer(Own)({"name": "x"}) == Own("x")
    assert vars(Own)["__subclasses__"].__func__ is not _trusted.__subclasses__
    # the method put on a built class pickles, as type's does
    len(hsm_knowledge.load().skills)
    assert vars(Skill)["__subclasses__"].__func__ is _trusted.__subclasses__
    assert pickle.loads(pickle.dumps(Skill.__subclasses__))() == (
        programs_subclasses(Skill)
    )


@attrs.frozen
class Leaf:
    """A value class no other test builds (so its builders are made here)."""

    name: str


@attrs.frozen
class Items:
    """Tuples of every kind of item the fast path converts one at a time."""

    decimals: tuple[Decimal, ...]
    dates: tuple[date, ...]
    maybe_decimals: tuple[Decimal | None, ...]
    maybe_leaves: tuple[Leaf | None, ...]
    maybe_kinds: tuple[SkillCategory | None, ...]


def test_tuples_of_converted_or_optional_items_are_built() -> None:
    value = Items(
        decimals=(Decimal("1.50"), Decimal("-2")),
        dates=(date(2024, 5, 1),),
        maybe_decimals=(None, Decimal("0")),
        maybe_leaves=(Leaf("a"), None),
        maybe_kinds=(None, SkillCategory.TECHNICAL),
    )
    wire = {
        "decimals": ["1.50", "-2"],
        "dates": ["2024-05-01"],
        "maybe_decimals": [None, "0"],
        "maybe_leaves": [{"name": "a"}, None],
        "maybe_kinds": [None, SkillCategory.TECHNICAL.value],
    }
    built = _trusted.structurer(Items)(wire)
    assert built == value
    assert str(built.decimals[0]) == "1.50"  # the wire's digits


def test_the_memos_are_emptied_after_a_load() -> None:
    hsm_knowledge.clear_cache()
    kb = hsm_knowledge.load()
    statistics = kb.statistics  # built now, on first use
    assert all(not memo for memo in _trusted._MEMOS)
    assert _trusted._CACHED  # decimals and dates
    assert all(f.cache_info().currsize == 0 for f in _trusted._CACHED.values())
    # equal small values are shared within a load
    first = next(iter(statistics)).period
    periods = {id(s.period) for s in statistics if s.period == first}
    assert len(periods) == 1
    values = [s.value for s in statistics]
    assert len({id(v) for v in values}) == len(set(map(str, values))) < len(values)


def test_the_generated_builders_module_is_current() -> None:
    # the strict path resolves the classes' annotations in place: no matter
    hsm_knowledge.loads(to_json(hsm_knowledge.load()))
    committed = Path(_prebuilt.__file__).read_text(encoding="utf-8")
    assert committed == _trusted.module_source(), (
        "src/hsm_knowledge/_prebuilt.py is stale: run python -m hsm_knowledge._trusted"
    )


@pytest.fixture
def no_builders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start from no builders (the real ones come back afterwards)."""
    monkeypatch.setattr(_trusted, "_builders", {})
    monkeypatch.setattr(_trusted, "_GENERATED", {})
    monkeypatch.setattr(_trusted, "_PART_PLANS", {})


@pytest.mark.usefixtures("no_builders")
def test_builders_generated_at_run_time_build_the_same() -> None:
    _trusted._generate(_trusted.packaged_requests())
    built = _trusted.build_trusted(_loading.packaged_document())
    assert built == hsm_knowledge.load()


@pytest.mark.usefixtures("no_builders")
def test_concurrent_first_builds_wait_for_every_builder() -> None:
    document = _loading.packaged_document()
    barrier = threading.Barrier(6)

    def build(_: int) -> KnowledgeBase:
        barrier.wait()
        return _trusted.build_trusted(document)

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(build, range(6)))
    assert all(result == hsm_knowledge.load() for result in results)


@pytest.mark.usefixtures("no_builders")
def test_a_stale_generated_builder_is_generated_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entries = list(_prebuilt.FACTORIES)
    stale = [
        (module, qualname, (*fields, ("new_field", "str", "required")), *rest)
        if qualname == "Citation"
        else (module, qualname, fields, *rest)
        for module, qualname, fields, *rest in entries
    ]
    monkeypatch.setattr(_prebuilt, "FACTORIES", tuple(stale))
    for cls, _ in _trusted.packaged_requests():
        _trusted._install_generated(cls)
    # Citation and every class holding citations were left out...
    assert (hsm_knowledge.Citation, "many") not in _trusted._builders
    assert (Skill, "many") not in _trusted._builders
    assert (Period, "one") in _trusted._builders
    # ...and are generated when the data is built
    assert _trusted.build_trusted(_loading.packaged_document()) == hsm_knowledge.load()


def test_classes_the_fast_path_cannot_build_are_refused() -> None:
    @attrs.frozen
    class WithDerived:
        name: str
        length: int = attrs.field(init=False)

    with pytest.raises(TypeError, match="only fields set from a keyword argument"):
        _trusted.structurer(WithDerived)

    @attrs.frozen
    class WithFactory:
        items: list[str] = attrs.Factory(list)

    with pytest.raises(TypeError, match="factory default"):
        _trusted.structurer(WithFactory)

    @attrs.frozen
    class WithDict:
        mapping: dict[str, int]

    with pytest.raises(TypeError, match="not supported on the fast path"):
        _trusted.structurer(WithDict)

    @attrs.frozen
    class WithNew:
        name: str

        def __new__(cls, *args: object, **kwargs: object) -> WithNew:
            raise AssertionError("the fast path never calls it")

    # its instances are made through a subclass, which would call __new__
    with pytest.raises(TypeError, match="WithNew: a class with a __new__"):
        _trusted.structurer(WithNew)

    @attrs.frozen
    class Registering:
        name: str

        def __init_subclass__(cls) -> None:
            raise AssertionError("making the writable subclass would call it")

    with pytest.raises(TypeError, match="Registering: a class with a __init_sub"):
        _trusted.structurer(Registering)

    class Counting(type):
        def __call__(cls, *args: object, **kwargs: object) -> object:
            raise AssertionError("making an instance would call it")

    @attrs.frozen
    class Counted(metaclass=Counting):
        name: str

    with pytest.raises(TypeError, match="Counted: a class whose metaclass has"):
        _trusted.structurer(Counted)

    registered: list[str] = []

    class Registry(type):
        def __init__(cls, *args: Any) -> None:
            super().__init__(*args)
            registered.append(cls.__name__)

    @attrs.frozen
    class Plugin(metaclass=Registry):
        name: str

    with pytest.raises(
        TypeError, match="Plugin: a class whose metaclass has a __init__"
    ):
        _trusted.structurer(Plugin)
    assert "_WritablePlugin" not in registered
    # a refused class is left as it was
    for refused in (WithDerived, WithNew, Plugin):
        assert "__subclasses__" not in vars(refused)
        assert refused not in _trusted._WRITABLE


# --------------------------------------------------------------------------
# damaged packaged data: the strict path says what is wrong


@pytest.fixture
def damaged(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, bytes]]:
    """Let a test replace package data files; clear the cache around it."""
    replaced: dict[str, bytes] = {}
    real = _loading.read_data_file
    monkeypatch.setattr(
        _loading, "read_data_file", lambda name: replaced.get(name) or real(name)
    )
    hsm_knowledge.clear_cache()
    yield replaced
    hsm_knowledge.clear_cache()


def test_a_damaged_record_is_reported_by_the_strict_path(
    damaged: dict[str, bytes],
) -> None:
    skills = json.loads(_loading.read_data_file("skills.json"))
    del skills[0]["category"]
    damaged["skills.json"] = json.dumps(skills).encode()
    kb = hsm_knowledge.load()  # builds each part on first use
    assert kb.credentials["cphrm"].abbreviation == "CPHRM"
    with pytest.raises(DataError) as info:
        len(kb.skills)
    assert str(info.value).startswith("invalid packaged data (1 problem)")
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("$.skills[0].category", "required field is missing")
    ]


@pytest.mark.parametrize(
    ("name", "part", "field"),
    [
        ("statistics.json", "statistics", "value"),  # a decimal
        ("skills.json", "skills", "category"),  # an enum
        ("descriptors.json", "descriptors", "domain"),  # an enum
        ("statistics.json", "statistics", "period"),  # a nested record
        ("skills.json", "skills", "citations"),  # a list
    ],
)
def test_a_null_in_a_required_field_is_reported(
    damaged: dict[str, bytes], name: str, part: str, field: str
) -> None:
    # the fast path does not validate, but a null where it must convert a
    # value makes it fail, and the strict path then says what is wrong (a
    # null in a text field is not noticed: see docs/explanation/performance.md)
    records = json.loads(_loading.read_data_file(name))
    records[0][field] = None
    damaged[name] = json.dumps(records).encode()
    kb = hsm_knowledge.load()
    with pytest.raises(DataError) as info:
        len(getattr(kb, part))
    assert [p.path for p in info.value.problems] == [f"$.{part}[0].{field}"]


def test_a_damaged_file_is_reported_by_name(damaged: dict[str, bytes]) -> None:
    damaged["tools.json"] = b'[{"id": "x",]'
    kb = hsm_knowledge.load()
    with pytest.raises(DataError, match=r"package data file tools\.json") as info:
        len(kb.tools)
    assert "invalid JSON at line 1" in str(info.value)


def test_a_failure_of_the_fast_path_itself_is_not_hidden(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(document: object, **options: object) -> KnowledgeBase:
        raise RuntimeError("a bug in the fast path")

    monkeypatch.setattr(_trusted, "build_trusted", broken)
    hsm_knowledge.clear_cache()  # nothing is cached when load() fails
    with pytest.raises(RuntimeError, match="a bug in the fast path"):
        hsm_knowledge.load()


# --------------------------------------------------------------------------
# large files: parsed a piece at a time, with the collector paused


def canonical(value: Any) -> bytes:
    """*value* formatted as the packaged files are (test_data_files)."""
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
# text that looks like the cut between two records, inside a value
tricky_text = st.sampled_from(["\n  },\n  {", "}, {", "]", "[\n  {", "\\"])
json_objects = st.dictionaries(
    st.text(max_size=6), json_values | tricky_text, max_size=4
)


@given(records=st.lists(json_objects, min_size=1, max_size=8), size=st.integers(0, 300))
def test_records_in_pieces_yields_what_json_loads_gives(
    records: list[dict[str, Any]], size: int
) -> None:
    data = canonical(records)
    assert list(_loading.records_in_pieces(data, size)) == records


# whitespace that JSON allows between tokens, among it the two-space
# indentation that the canonical format keeps for records
spacing = st.sampled_from(["", " ", "\n", "\n  ", "\n    "])


@st.composite
def loosely_formatted(draw: st.DrawFn, value: Any) -> str:
    """*value* as JSON text, with whitespace drawn at every allowed place:
    the text between two records can then stand inside a record too."""
    if isinstance(value, dict):
        items = [
            json.dumps(key)
            + draw(spacing)
            + ":"
            + draw(spacing)
            + draw(loosely_formatted(item))
            for key, item in value.items()
        ]
        inner = ("," + draw(spacing)).join(items)
        return "{" + draw(spacing) + inner + draw(spacing) + "}"
    if isinstance(value, list):
        inner = ("," + draw(spacing)).join(draw(loosely_formatted(v)) for v in value)
        return "[" + draw(spacing) + inner + draw(spacing) + "]"
    return json.dumps(value, ensure_ascii=False)


nested_objects = st.recursive(
    st.dictionaries(
        st.text(max_size=4), st.integers() | st.text(max_size=4), max_size=2
    ),
    lambda inner: st.dictionaries(
        st.text(max_size=4), inner | st.lists(inner, max_size=3), max_size=3
    ),
    max_leaves=10,
)


@given(data=st.data(), records=st.lists(nested_objects, min_size=1, max_size=6))
def test_records_in_pieces_of_any_formatting_yields_what_json_loads_gives(
    data: st.DataObject, records: list[dict[str, Any]]
) -> None:
    body = ",\n  ".join(data.draw(loosely_formatted(record)) for record in records)
    text = ("[\n  " + body + "\n]\n").encode()
    size = data.draw(st.integers(0, len(text)))
    assert list(_loading.records_in_pieces(text, size)) == json.loads(text)


def test_a_large_file_is_parsed_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    records = [{"id": f"r{i}", "list": [{"a": i}, {"b": [i]}]} for i in range(10)]
    data = canonical(records)
    parsed: list[bytes] = []
    real = json.loads

    def spy(text: bytes) -> Any:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(json, "loads", spy)
    assert list(_loading.records_in_pieces(data, 1)) == records
    # one piece per record (a piece ends at the first cut past *size*)
    assert [real(piece) for piece in parsed] == [[record] for record in records]


def test_a_cut_inside_a_record_falls_back_to_the_whole_array() -> None:
    # valid JSON, not formatted canonically: the text between two records
    # also stands inside the second record
    data = (
        b'[\n  {"n": 1\n  },\n  {"n": 2, "inner": [\n  {"a": 1\n  },\n  {"b": 2}]'
        b'\n  },\n  {"n": 3\n  }\n]\n'
    )
    expected = json.loads(data)
    assert len(expected) == 3
    for size in range(len(data) + 1):
        assert list(_loading.records_in_pieces(data, size)) == expected


@pytest.mark.parametrize(
    "data",
    [
        b'[\n  {"a": 1\n  },\n  {"b": \n]\n',
        b'[\n  {"a": 1\n  },\n  {"b": 2}',
        b"[\n  {",
    ],
)
def test_invalid_json_in_pieces_raises_as_json_loads_does(data: bytes) -> None:
    with pytest.raises(ValueError, match="line"):
        list(_loading.records_in_pieces(data, 1))


def test_packaged_files_read_in_pieces_build_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = _loading.packaged_files()
    whole = _loading.build_from_bytes(files)
    read: list[str] = []
    real = _loading.records_in_pieces

    def spy(data: bytes, size: int = 2_000) -> Iterator[Any]:
        read.append(json.loads(data)[0].get("id", ""))
        return real(data, size)

    monkeypatch.setattr(_loading, "PIECE_BYTES", 2_000)
    monkeypatch.setattr(_loading, "records_in_pieces", spy)
    assert _loading.build_from_bytes(files) == whole == strict_packaged()
    assert len(read) >= 10  # every file larger than 2,000 bytes but two
    assert _loading.build_from_bytes(files, deferred=True) == whole


def test_a_damaged_file_read_in_pieces_is_reported_by_name(
    damaged: dict[str, bytes], monkeypatch: pytest.MonkeyPatch, collector_on: None
) -> None:
    monkeypatch.setattr(_loading, "PIECE_BYTES", 2_000)
    data = _loading.read_data_file("descriptors.json")
    cut = data.index(b"\n  },\n  {", 100_000)
    damaged["descriptors.json"] = data[:cut] + b"\n  ,\n  {" + data[cut + 9 :]
    kb = hsm_knowledge.load()
    with pytest.raises(DataError, match=r"package data file descriptors\.json"):
        len(kb.descriptors)
    assert gc.isenabled()


def read_in_pieces(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    """Make the fast path read every file of more than *size* bytes in
    pieces of about *size* bytes."""
    in_pieces = _loading.records_in_pieces
    monkeypatch.setattr(_loading, "PIECE_BYTES", size)
    monkeypatch.setattr(
        _loading, "records_in_pieces", lambda data, size=size: in_pieces(data, size)
    )


class Building(typing.NamedTuple):
    """What :func:`collections_while_building` saw."""

    #: the generation of each collection that started during the build
    generations: list[int]
    #: how many times the loader called ``collect_young`` (once a piece)
    young_calls: int


def collections_while_building(
    monkeypatch: pytest.MonkeyPatch, piece_bytes: int | None = None
) -> Building:
    """The collections that start while parts of the packaged data are
    being built (by :func:`hsm_knowledge._trusted.build_part`), from files
    read in pieces of about *piece_bytes* when given; checks that the build
    gives what the whole files give."""
    files = _loading.packaged_files()
    whole = _loading.build_from_bytes(files)
    building: list[str] = []
    started: list[int] = []
    real = _trusted.build_part
    young_calls = 0
    collect_young = _collector.collect_young

    def counted() -> None:
        nonlocal young_calls
        young_calls += 1
        collect_young()

    def spy(document: Any, name: str) -> Any:
        building.append(name)
        try:
            return real(document, name)
        finally:
            building.pop()

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and building:
            started.append(info["generation"])

    monkeypatch.setattr(_trusted, "build_part", spy)
    monkeypatch.setattr(_collector, "collect_young", counted)
    if piece_bytes is not None:
        read_in_pieces(monkeypatch, piece_bytes)
    gc.callbacks.append(callback)
    try:
        kb = _loading.build_from_bytes(files)
    finally:
        gc.callbacks.remove(callback)
    assert kb == whole
    return Building(started, young_calls)


def test_the_collector_is_paused_while_the_packaged_data_is_built(
    monkeypatch: pytest.MonkeyPatch, collector_on: None
) -> None:
    assert collections_while_building(monkeypatch).generations == []
    assert gc.isenabled()
    # without the pause, the same build sets the collector off
    monkeypatch.setattr(_collector, "paused", contextlib.nullcontext)
    assert collections_while_building(monkeypatch).generations != []


@pytest.mark.skipif(
    not _collector._generational(), reason="CPython's generational collector"
)
def test_young_generations_are_collected_between_pieces(
    monkeypatch: pytest.MonkeyPatch, collector_on: None
) -> None:
    generations, pieces = collections_while_building(monkeypatch, 2_000)
    # one collection of generations 0 and 1 after every piece but a file's
    # last: never a full one, never one the collector started itself
    assert pieces > 10
    assert generations == [1] * pieces
    assert gc.isenabled()


@pytest.mark.skipif(
    not _collector._generational(), reason="CPython's generational collector"
)
def test_records_of_earlier_pieces_end_in_the_oldest_generation(
    monkeypatch: pytest.MonkeyPatch, collector_on: None
) -> None:
    read_in_pieces(monkeypatch, 2_000)
    gc.collect()
    kb = _loading.build_from_bytes(_loading.packaged_files())
    first = next(iter(kb.descriptors))
    # moved to the oldest generation by a collection of generations 0 and
    # 1 during the load (with the collector left to itself, the first
    # collection after the pause is one of generation 0, which moves it to
    # generation 1)
    assert any(item is first for item in gc.get_objects(generation=2))


@pytest.mark.skipif(
    not _collector._generational(), reason="CPython's generational collector"
)
def test_a_finalizer_run_between_pieces_may_load_data(
    monkeypatch: pytest.MonkeyPatch, collector_on: None
) -> None:
    # a young collection frees the program's cyclic garbage, whose
    # finalizers may load data themselves (and empty the memos of shared
    # values when they are done, midway through the outer load)
    files = _loading.packaged_files()
    whole = _loading.build_from_bytes(files)
    loaded: list[KnowledgeBase] = []

    paused_then: list[bool] = []

    class Garbage:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            paused_then.append(_collector._active > 0 and not gc.isenabled())
            loaded.append(_loading.build_from_bytes(files))

    real = _collector.collect_young
    made = 0

    def collect_with_garbage() -> None:
        nonlocal made
        # one piece of garbage only: the finalizer's own load calls this
        # too, and garbage made then would be freed by the next collection
        # of the outer load, and so on
        if not made:
            made += 1
            Garbage()  # unreachable at once, but for its own cycle
        real()

    monkeypatch.setattr(_collector, "collect_young", collect_with_garbage)
    read_in_pieces(monkeypatch, 2_000)
    kb = _loading.build_from_bytes(files)
    assert paused_then == [True]  # during the outer load
    assert loaded == [whole]
    assert kb == whole
    assert gc.isenabled()


def test_no_collection_between_pieces_when_the_program_switched_it_off(
    monkeypatch: pytest.MonkeyPatch, collector_off: None
) -> None:
    generations, pieces = collections_while_building(monkeypatch, 2_000)
    assert pieces > 10
    assert generations == []
    assert not gc.isenabled()


def test_no_collection_between_pieces_on_other_collectors(
    monkeypatch: pytest.MonkeyPatch, collector_on: None
) -> None:
    # a free-threaded build, CPython 3.14.0 to 3.14.4, another interpreter
    monkeypatch.setattr(_collector, "_generational", lambda: False)
    generations, pieces = collections_while_building(monkeypatch, 2_000)
    assert pieces > 10
    assert generations == []


class _Version(typing.NamedTuple):
    major: int
    minor: int
    micro: int
    releaselevel: str
    serial: int


@pytest.mark.parametrize(
    ("version", "generational"),
    [
        ((3, 10, 0, "final", 0), True),
        ((3, 13, 9, "final", 0), True),
        ((3, 14, 0, "final", 0), False),  # the incremental collector
        ((3, 14, 4, "final", 0), False),
        ((3, 14, 5, "final", 0), True),  # the generational one again
        ((3, 14, 9, "final", 0), True),
        ((3, 15, 0, "alpha", 7), False),
        ((3, 15, 0, "beta", 1), True),
        ((3, 15, 2, "final", 0), True),
        ((3, 16, 0, "final", 0), False),  # not known yet
    ],
)
def test_which_collectors_are_collected_between_pieces(
    monkeypatch: pytest.MonkeyPatch, version: tuple[Any, ...], generational: bool
) -> None:
    fake = types.SimpleNamespace(
        implementation=sys.implementation, version_info=_Version(*version)
    )
    monkeypatch.setattr(_collector, "sys", fake)
    _collector._generational.cache_clear()
    try:
        if sysconfig.get_config_var("Py_GIL_DISABLED"):
            generational = False  # this build is free-threaded
        assert _collector._generational() is generational
        fake.implementation = types.SimpleNamespace(name="pypy")
        _collector._generational.cache_clear()
        assert _collector._generational() is False
    finally:
        _collector._generational.cache_clear()


def test_collect_young_outside_a_pause_does_nothing(
    monkeypatch: pytest.MonkeyPatch, collector_on: None
) -> None:
    collected: list[int] = []
    spy = types.SimpleNamespace(
        collect=collected.append,
        isenabled=gc.isenabled,
        enable=gc.enable,
        disable=gc.disable,
    )
    monkeypatch.setattr(_collector, "gc", spy)
    _collector.collect_young()
    with _collector.paused():
        _collector.resume()
        _collector.collect_young()  # resumed: the collector runs itself
    assert collected == []
    if _collector._generational():
        with _collector.paused():
            _collector.collect_young()
        assert collected == [1]


def test_a_collector_switched_off_by_the_program_stays_off(
    collector_off: None,
) -> None:
    _loading.build_from_bytes(_loading.packaged_files())
    assert not gc.isenabled()


def test_the_collector_is_back_on_when_a_build_fails(
    monkeypatch: pytest.MonkeyPatch, collector_on: None
) -> None:
    def broken(document: object, name: str) -> Any:
        assert not gc.isenabled()  # paused for the build
        raise RuntimeError("a bug in a builder")

    monkeypatch.setattr(_trusted, "build_part", broken)
    files = _loading.packaged_files()
    with pytest.raises(RuntimeError, match="a bug in a builder"):
        _loading.build_from_bytes(files)
    assert gc.isenabled()
