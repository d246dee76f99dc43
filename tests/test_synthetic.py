"""The benchmarks' synthetic dataset generator makes valid, scaled data."""

from __future__ import annotations

import doctest
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

import hsm_knowledge
from hsm_knowledge import KINDS

PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "synthetic.py"


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synthetic", PATH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


synthetic = load_generator()


def test_copies_load_and_scale_every_kind() -> None:
    base = hsm_knowledge.load()
    kb = hsm_knowledge.loads(json.dumps(synthetic.synthetic_document(3)))
    for kind in KINDS:
        assert len(getattr(kb, kind.attr)) == 3 * len(getattr(base, kind.attr))
    assert len(kb.relations) == 3 * len(base.relations)
    assert kb.occupation.id == base.occupation.id


def test_references_point_within_their_copy() -> None:
    kb = hsm_knowledge.loads(json.dumps(synthetic.synthetic_document(2)))
    end = synthetic.suffix(1)
    cmm = kb.credentials["cmm" + end]
    assert cmm.issuer == "pahcom" + end
    assert {c.source for c in cmm.citations} == {
        "seed-article" + end,
        "pahcom-cmm" + end,
    }
    informatics = kb.specializations["health-informatics" + end]
    assert [s.id for s in kb.related(informatics, hsm_knowledge.Skill)] == [
        "healthcare-technology" + end,
        "analytical-problem-solving" + end,
    ]
    steps = [step.order for step in kb.career_steps]
    assert steps == sorted(steps)
    assert len(set(steps)) == len(steps)


def test_a_copy_token_finds_one_copy() -> None:
    kb = hsm_knowledge.loads(json.dumps(synthetic.synthetic_document(12)))
    hits = kb.search(synthetic.suffix(1)[1:])
    assert hits
    assert all(hit.record.id.endswith(synthetic.suffix(1)) for hit in hits)
    assert len(hits) == len(kb.search(synthetic.suffix(11)[1:]))


def test_generator_docstring_and_bad_factor() -> None:
    assert doctest.testmod(synthetic).failed == 0
    with pytest.raises(ValueError, match="factor must be at least 1"):
        synthetic.synthetic_document(0)
