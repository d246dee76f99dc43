"""Shared test configuration: Hypothesis profiles and common fixtures."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import hsm_knowledge

# The Sphinx extensions in docs/_ext, which test_apiref and test_catalog test.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs" / "_ext"))

# "ci" is deterministic so CI results are reproducible; it is the default.
# "dev" explores new random examples on each run; "long" digs deeper.
settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("long", max_examples=2_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def kb() -> hsm_knowledge.KnowledgeBase:
    return hsm_knowledge.load()


@pytest.fixture
def collector_on() -> Iterator[None]:
    """Run the test with the garbage collector on; fail it if it ends off."""
    from hsm_knowledge import _collector

    was_on = gc.isenabled()
    gc.enable()
    yield
    ended_on, pauses = gc.isenabled(), _collector._active
    if pauses:  # a failed test left a pause behind: start the next afresh
        _collector._active, _collector._switched_off = 0, False
    if was_on:
        gc.enable()
    else:
        gc.disable()
    assert ended_on, "the test left the garbage collector off"
    assert not pauses, "the test left a pause running"


@pytest.fixture
def collector_off() -> Iterator[None]:
    """Run the test with the garbage collector switched off, as a program
    may switch it off; put the program's setting back afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    yield
    if was_on:
        gc.enable()


@pytest.fixture(autouse=True)
def _no_jsonld_context_from_another_test() -> Iterator[None]:
    # pyld keeps each remote context it resolves, by URL, for the whole
    # process, whichever document loader resolved it: a test (or a docs
    # example) serving its own schema.org context would otherwise get the
    # one an earlier test served.
    yield
    jsonld = sys.modules.get("pyld.jsonld")  # imported by the test, if at all
    if jsonld is not None:
        jsonld._resolved_context_cache.clear()
