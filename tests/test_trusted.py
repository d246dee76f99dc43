"""The packaged data's fast path builds what the strict path builds.

The fast path (``hsm_knowledge._trusted``) skips per-field validation and the
integrity checks because the packaged data is checked here: it must load
through the strict path, pass every check, and give an equal knowledge base.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
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
    Skill,
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


def test_the_memos_are_emptied_after_a_load() -> None:
    hsm_knowledge.clear_cache()
    kb = hsm_knowledge.load()
    statistics = kb.statistics  # built now, on first use
    assert all(not memo for memo in _trusted._MEMOS)
    # equal small values are shared within a load
    first = next(iter(statistics)).period
    periods = {id(s.period) for s in statistics if s.period == first}
    assert len(periods) == 1


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
