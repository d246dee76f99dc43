"""The packaged knowledge base builds each part on first use, invisibly.

``load()`` returns a knowledge base whose parts (the manifest, the
occupation, each kind's records, the relations) are read and built the
first time they are used. These tests hold it to behaving exactly like a
knowledge base built at once, whatever is read first, from any thread.
"""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import KnowledgeBase, _loading, _trusted
from hsm_knowledge.serialize import DOCUMENT_KEYS, to_dict, to_json

PARTS = list(DOCUMENT_KEYS)  # every part of a knowledge base, in order
FILES = _loading.packaged_files()


def deferred() -> KnowledgeBase:
    """A fresh packaged knowledge base with nothing built yet."""
    return _loading.build_from_bytes(FILES, deferred=True)


@pytest.fixture(scope="module")
def built() -> KnowledgeBase:
    return _loading.build_from_bytes(FILES)


def test_the_first_answer_creates_only_the_classes_it_needs() -> None:
    code = (
        "import sys, hsm_knowledge;"
        "print(hsm_knowledge.load().credentials['cphrm'].abbreviation);"
        "model = [m for m in sys.modules if m.startswith('hsm_knowledge._model.')];"
        "print(sorted(model));"
        "print('decimal' in sys.modules, 'datetime' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == [
        "CPHRM",
        "['hsm_knowledge._model._base', 'hsm_knowledge._model.credential']",
        "False False",
    ]


def test_a_part_is_read_once_and_then_is_a_plain_attribute() -> None:
    kb = deferred()
    first = kb.skills
    assert kb.skills is first
    assert object.__getattribute__(kb, "skills") is first  # a slot now


def test_once_every_part_is_built_it_is_a_plain_knowledge_base() -> None:
    # Only the private subclass has a __getattr__ (which sends every
    # attribute read down Python's slower path); a whole knowledge base
    # is an instance of KnowledgeBase itself.
    assert "__getattr__" not in vars(KnowledgeBase)
    kb = deferred()
    assert isinstance(kb, KnowledgeBase)
    assert type(kb) is not KnowledgeBase
    for name in PARTS:
        getattr(kb, name)
    assert type(kb) is KnowledgeBase
    assert kb._pending is None


def test_parts_read_in_any_order_give_the_same_knowledge_base(
    built: KnowledgeBase,
) -> None:
    kb = deferred()
    assert kb == built
    assert hash(kb) == hash(built)
    assert repr(kb) == repr(built)
    assert kb._pending is None  # everything is built by now


def test_repr_is_a_summary_whatever_is_built(built: KnowledgeBase) -> None:
    records = 1 + sum(len(getattr(built, kind.attr)) for kind in hsm_knowledge.KINDS)
    summary = (
        f"<KnowledgeBase: dataset {built.meta.dataset_version}, {records} records, "
        f"{len(built.relations)} relations>"
    )
    assert repr(built) == summary
    assert repr(deferred()) == summary  # builds what it counts
    assert len(repr(built)) < 100  # not every record


@given(st.permutations(PARTS), st.integers(min_value=0, max_value=len(PARTS)))
def test_whatever_is_read_first_the_result_is_the_same(
    built: KnowledgeBase, order: list[str], count: int
) -> None:
    kb = deferred()
    for name in order[:count]:
        assert getattr(kb, name) == getattr(built, name)
    assert kb == built


@pytest.mark.parametrize(
    "operation",
    [
        pytest.param(lambda kb: pickle.loads(pickle.dumps(kb)), id="pickle"),
        pytest.param(copy.copy, id="copy"),
        pytest.param(copy.deepcopy, id="deepcopy"),
        pytest.param(lambda kb: attrs.evolve(kb), id="evolve"),
    ],
)
def test_copies_of_a_fresh_knowledge_base_are_whole(
    operation: object, built: KnowledgeBase
) -> None:
    result = operation(deferred())  # type: ignore[operator]
    assert type(result) is KnowledgeBase
    assert result == built
    assert result._pending is None


def test_equality_holds_whichever_side_is_built(built: KnowledgeBase) -> None:
    assert built == deferred()
    assert deferred() == built
    assert deferred() == deferred()
    assert deferred() != hsm_knowledge.loads(to_json(built).replace("2026.2", "2099.1"))
    assert {deferred(), built} == {built}


def test_serialization_and_queries_work_on_a_fresh_knowledge_base(
    built: KnowledgeBase,
) -> None:
    assert to_dict(deferred()) == to_dict(built)
    assert deferred().lookup("CPHRM") == built.credentials["cphrm"]
    assert [hit.ref for hit in deferred().search("budget")] == [
        hit.ref for hit in built.search("budget")
    ]
    assert deferred().resolve("skill:leadership") == built.skills["leadership"]


def test_an_unknown_attribute_is_still_an_attribute_error() -> None:
    kb = deferred()
    with pytest.raises(
        AttributeError, match="'KnowledgeBase' object has no attribute 'skils'"
    ):
        kb.skils  # type: ignore[attr-defined]  # noqa: B018
    assert not hasattr(kb, "skils")
    assert getattr(kb, "skils", None) is None
    assert hasattr(kb, "skills")


def test_concurrent_first_reads_build_a_part_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    real = _trusted.build_part

    def counting(document: object, name: str) -> object:
        calls.append(name)
        return real(document, name)  # type: ignore[arg-type]

    monkeypatch.setattr(_trusted, "build_part", counting)
    kb = deferred()
    barrier = threading.Barrier(8)

    def read(_: int) -> object:
        barrier.wait()
        return kb.descriptors

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(read, range(8)))
    assert all(result is results[0] for result in results)
    assert calls == ["descriptors"]
