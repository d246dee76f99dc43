"""Loading pauses the cyclic garbage collector, and always puts it back.

Building records makes no reference cycles, so the collector is switched
off while a dataset is built (``hsm_knowledge._collector``); the exceptions
raised for invalid records do make cycles, so the collector is back on
before the loader tries each invalid record. A program that switched the
collector off finds it off after a load.
"""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest

import hsm_knowledge
from hsm_knowledge import DataError, _collector, _loading, serialize
from hsm_knowledge.serialize import to_json


@pytest.fixture
def document() -> str:
    return to_json(hsm_knowledge.load())


@pytest.fixture
def collector_on() -> Iterator[None]:
    """Run the test with the collector on, and leave it on."""
    was_on = gc.isenabled()
    gc.enable()
    yield
    assert gc.isenabled(), "a test left the collector off"
    if not was_on:
        gc.disable()


def test_loads_builds_with_the_collector_paused(
    document: str, monkeypatch: pytest.MonkeyPatch, collector_on: None
) -> None:
    seen: list[bool] = []
    real = _loading.build

    def spy(parsed: Any, **options: Any) -> Any:
        seen.append(gc.isenabled())
        return real(parsed, **options)

    monkeypatch.setattr(_loading, "build", spy)
    kb = hsm_knowledge.loads(document)
    assert seen == [False]
    assert gc.isenabled()
    assert kb == hsm_knowledge.load()


def test_a_collector_switched_off_by_the_program_stays_off(document: str) -> None:
    was_on = gc.isenabled()
    gc.disable()
    try:
        hsm_knowledge.loads(document)
        assert not gc.isenabled()
        with pytest.raises(DataError):
            hsm_knowledge.loads("[]")
        assert not gc.isenabled()
    finally:
        if was_on:
            gc.enable()


@pytest.mark.parametrize(
    "text",
    [
        "{",  # not JSON
        '{"meta": NaN}',  # JSON that Python reads, the format does not
        "[]",  # not a dataset
    ],
)
def test_the_collector_is_back_on_when_a_load_fails(
    text: str, collector_on: None
) -> None:
    with pytest.raises(DataError):
        hsm_knowledge.loads(text)
    assert gc.isenabled()


def test_invalid_records_are_tried_with_the_collector_on(
    document: str, monkeypatch: pytest.MonkeyPatch, collector_on: None
) -> None:
    data = json.loads(document)
    for skill in data["skills"]:
        skill["category"] = "no-such-category"
    seen: list[bool] = []
    real = serialize._problems

    def spy(exc: BaseException, path: str) -> list[Any]:
        seen.append(gc.isenabled())
        return real(exc, path)

    monkeypatch.setattr(serialize, "_problems", spy)
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(json.dumps(data))
    assert len(info.value.problems) == len(data["skills"])
    assert seen
    assert all(seen)  # each exception's cycles can be collected
    assert gc.isenabled()


def test_an_overlay_over_the_packaged_data_loads_with_the_pause_nested(
    collector_on: None,
) -> None:
    hsm_knowledge.clear_cache()  # the packaged data is built inside the load
    overlay = {
        "skills": [
            {
                "id": "negotiation",
                "name": "Negotiation",
                "summary": "Reaching agreements with payers and suppliers.",
                "citations": [{"source": "seed-article", "locator": "Skills"}],
                "category": "leadership",
            }
        ]
    }
    kb = hsm_knowledge.loads(json.dumps(overlay), extend=True)
    assert "negotiation" in kb.skills
    assert gc.isenabled()


def test_a_pause_nests_and_resume_ends_it(collector_on: None) -> None:
    with _collector.paused():
        assert not gc.isenabled()
        with _collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block did not end the pause
        _collector.resume()
        assert gc.isenabled()
        _collector.resume()  # twice: nothing more
        assert gc.isenabled()
    assert gc.isenabled()


def test_resume_outside_a_pause_changes_nothing() -> None:
    was_on = gc.isenabled()
    gc.disable()
    try:
        _collector.resume()
        assert not gc.isenabled()  # the program's setting, not a pause
    finally:
        if was_on:
            gc.enable()


def test_resume_in_another_thread_does_not_end_a_pause(collector_on: None) -> None:
    with _collector.paused():
        thread = threading.Thread(target=_collector.resume)
        thread.start()
        thread.join()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_ends_when_its_block_raises(collector_on: None) -> None:
    with pytest.raises(RuntimeError), _collector.paused():
        raise RuntimeError("inside")
    assert gc.isenabled()
