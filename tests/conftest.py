"""Shared test configuration: Hypothesis profiles and common fixtures."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

import hsm_knowledge

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
