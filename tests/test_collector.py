"""Loading pauses the cyclic garbage collector, and always puts it back.

Building records makes no reference cycles, so the collector is switched
off while a dataset is built (``hsm_knowledge._collector``); the exceptions
raised for invalid records do make cycles, so the collector is back on
before the loader tries each invalid record, whichever thread paused it.
Pauses nest and are counted across threads; a program that switched the
collector off finds it off after a load.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest

import hsm_knowledge
from hsm_knowledge import DataError, _collector, _loading, _trusted, serialize
from hsm_knowledge.serialize import to_json


@pytest.fixture
def document() -> str:
    return to_json(hsm_knowledge.load())


@pytest.fixture
def invalid_skills(document: str) -> tuple[str, int]:
    """The packaged data with every skill's category invalid, and how many."""
    data = json.loads(document)
    for skill in data["skills"]:
        skill["category"] = "no-such-category"
    return json.dumps(data), len(data["skills"])


@pytest.fixture
def problems_seen(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the collector was on each time a problem was made of an
    exception (``serialize._problems``), as a list that fills in."""
    seen: list[bool] = []
    real = serialize._problems

    def spy(exc: BaseException, path: str) -> list[Any]:
        seen.append(gc.isenabled())
        return real(exc, path)

    monkeypatch.setattr(serialize, "_problems", spy)
    return seen


@contextlib.contextmanager
def paused_in_another_thread() -> Iterator[None]:
    """Run the block while another thread is inside a pause."""
    started, release = threading.Event(), threading.Event()

    def other() -> None:
        with _collector.paused():
            started.set()
            release.wait(10)

    thread = threading.Thread(target=other)
    thread.start()
    try:
        assert started.wait(10)
        yield
    finally:
        release.set()
        thread.join()


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


def test_a_collector_switched_off_by_the_program_stays_off(
    document: str, collector_off: None
) -> None:
    hsm_knowledge.loads(document)
    assert not gc.isenabled()
    with pytest.raises(DataError):
        hsm_knowledge.loads("[]")
    assert not gc.isenabled()


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
    invalid_skills: tuple[str, int], problems_seen: list[bool], collector_on: None
) -> None:
    invalid, skills = invalid_skills
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(invalid)
    assert len(info.value.problems) == skills
    assert problems_seen
    assert all(problems_seen)  # each exception's cycles can be collected
    assert gc.isenabled()


def test_an_overlay_over_the_packaged_data_keeps_the_outer_pause(
    monkeypatch: pytest.MonkeyPatch, collector_on: None
) -> None:
    # loads(extend=True) builds the packaged data inside its own pause: the
    # inner pause's end must not switch the collector on for the rest
    hsm_knowledge.clear_cache()
    after_inner: list[bool] = []
    real = _trusted._checked

    def spy(build: Any, check: Any) -> Any:
        result = real(build, check)
        after_inner.append(gc.isenabled())
        return result

    monkeypatch.setattr(_trusted, "_checked", spy)
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
    assert after_inner  # the packaged parts were built inside the load
    assert not any(after_inner)
    assert gc.isenabled()
    hsm_knowledge.clear_cache()


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


def test_resume_outside_a_pause_changes_nothing(collector_off: None) -> None:
    _collector.resume()
    assert not gc.isenabled()  # the program's setting, not a pause


def test_pauses_in_several_threads_end_with_the_last(collector_on: None) -> None:
    with paused_in_another_thread():
        with _collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the other thread's pause goes on
    assert gc.isenabled()


def test_resume_in_any_thread_switches_the_collector_back_on(
    invalid_skills: tuple[str, int], problems_seen: list[bool], collector_on: None
) -> None:
    # a thread trying invalid records needs the collector on, whichever
    # thread's pause switched it off
    invalid, _ = invalid_skills
    with paused_in_another_thread(), pytest.raises(DataError):
        hsm_knowledge.loads(invalid)
    assert problems_seen
    assert all(problems_seen)
    assert gc.isenabled()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
@pytest.mark.filterwarnings(
    "ignore:This process .* is multi-threaded:DeprecationWarning"
)
def test_a_child_forked_during_a_pause_starts_with_none(collector_on: None) -> None:
    read, write = os.pipe()
    with _collector.paused():
        pid = os.fork()
        if pid == 0:  # the child: its parent's pause is not its own
            states = [gc.isenabled()]
    if pid == 0:
        try:
            states.append(gc.isenabled())  # after the inherited block
            with _collector.paused():  # a pause of its own works as usual
                states.append(gc.isenabled())
            states.append(gc.isenabled())
            os.write(write, bytes(states))
        finally:
            os._exit(0)
    os.close(write)
    answer = os.read(read, 8)
    os.close(read)
    os.waitpid(pid, 0)
    assert list(answer) == [True, True, False, True]
    assert gc.isenabled()


def test_a_pause_started_after_resume_leaves_the_collector_on(
    collector_on: None,
) -> None:
    with _collector.paused():
        _collector.resume()  # invalid records: the collector must run
        with _collector.paused():
            assert gc.isenabled()
        assert gc.isenabled()
    assert gc.isenabled()
    with _collector.paused():  # every pause ended: the next one pauses
        assert not gc.isenabled()


def test_a_pause_ends_when_its_block_raises(collector_on: None) -> None:
    with pytest.raises(RuntimeError), _collector.paused():
        raise RuntimeError("inside")
    assert gc.isenabled()
