"""The benchmarks' synthetic dataset generator makes valid, scaled data."""

from __future__ import annotations

import doctest
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest

import hsm_knowledge
from hsm_knowledge import KINDS, Citation, KnowledgeBase
from hsm_knowledge._loading import build

PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "synthetic.py"


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synthetic", PATH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


synthetic = load_generator()
BASE = hsm_knowledge.load()


@pytest.fixture(scope="module")
def two() -> KnowledgeBase:
    return hsm_knowledge.loads(json.dumps(synthetic.synthetic_document(2)))


def test_copies_load_and_scale_every_kind() -> None:
    kb = hsm_knowledge.loads(json.dumps(synthetic.synthetic_document(3)))
    for kind in KINDS:
        assert len(getattr(BASE, kind.attr)) > 0, kind.name
        assert len(getattr(kb, kind.attr)) == 3 * len(getattr(BASE, kind.attr))
    assert len(kb.relations) == 3 * len(BASE.relations)
    assert kb.occupation.id == BASE.occupation.id
    # the manifest is kept once and names the sources of copy 0
    end = synthetic.suffix(0)
    assert [(v.source, v.vintage) for v in kb.meta.source_vintages] == [
        (v.source + end, v.vintage) for v in BASE.meta.source_vintages
    ]


def test_the_reference_fields_come_from_the_model() -> None:
    assert synthetic.REFERENCE_FIELDS == {
        "source": "id",  # Citation.source, SourceVintage.source
        "publisher": "id",
        "parent": "id",
        "issuer": "id",
        "attributed_to": "id",
        "facility_types": "ids",
        "subject": "ref",
        "object": "ref",
    }


def strip(value: str, end: str) -> str:
    assert value.endswith(end), value
    return value[: -len(end)]


def original(record: Any, end: str) -> Any:
    """*record* of a copy with its id and references turned back."""
    changes: dict[str, Any] = {"id": strip(record.id, end)}
    names = {field.name for field in attrs.fields(type(record))}
    for name, role in synthetic.REFERENCE_FIELDS.items():
        value = getattr(record, name, None) if name in names else None
        if value is None or name == "source":
            continue
        if role == "id":
            changes[name] = strip(value, end)
        elif role == "ids":
            changes[name] = tuple(strip(item, end) for item in value)
    if "citations" in names:
        changes["citations"] = tuple(
            Citation(source=strip(c.source, end), locator=c.locator)
            for c in record.citations
        )
    return attrs.evolve(record, **changes)


def test_every_copy_differs_only_in_ids_and_references(two: KnowledgeBase) -> None:
    for k in range(2):
        end = synthetic.suffix(k)
        for kind in KINDS:
            base = getattr(BASE, kind.attr)
            copies = getattr(two, kind.attr)
            for record in base:
                copied = copies[record.id + end]
                if kind.name == "career-step":
                    copied = attrs.evolve(copied, order=record.order)
                assert original(copied, end) == record
    n = len(BASE.relations)
    for k in range(2):
        end = synthetic.suffix(k)
        chunk = two.relations[k * n : (k + 1) * n]
        for relation, copied in zip(BASE.relations, chunk, strict=True):
            assert copied.type is relation.type
            assert copied.basis is relation.basis
            assert copied.rationale == relation.rationale
            for side in ("subject", "object"):
                ref = getattr(copied, side)
                if ref.startswith("occupation:"):
                    assert ref == getattr(relation, side)
                else:
                    assert strip(ref, end) == getattr(relation, side)


def test_references_point_within_their_copy(two: KnowledgeBase) -> None:
    end = synthetic.suffix(1)
    cmm = two.credentials["cmm" + end]
    assert cmm.issuer == "pahcom" + end
    assert [s.id for s in two.sources_for(cmm)] == [
        s.id + end for s in BASE.sources_for(BASE.credentials["cmm"])
    ]
    informatics = two.specializations["health-informatics" + end]
    assert [s.id for s in two.related(informatics, hsm_knowledge.Skill)] == [
        s.id + end
        for s in BASE.related(
            BASE.specializations["health-informatics"], hsm_knowledge.Skill
        )
    ]
    epic = two.technology_skills["epic-systems" + end]
    assert {c.source for c in epic.citations} == {"onet-29-3" + end}
    steps = [step.order for step in two.career_steps]
    assert steps == sorted(steps)
    assert len(set(steps)) == len(steps)


def test_the_document_builds_without_a_json_round_trip() -> None:
    document = synthetic.synthetic_document(2)
    again = json.loads(json.dumps(document))
    assert build(document) == hsm_knowledge.loads(json.dumps(again))
    assert document == synthetic.synthetic_document(2)  # building changed nothing


def test_the_knowledge_base_is_the_one_the_document_loads(two: KnowledgeBase) -> None:
    assert synthetic.synthetic_knowledge_base(2) == two
    assert synthetic.synthetic_knowledge_base(1) == hsm_knowledge.loads(
        json.dumps(synthetic.synthetic_document(1))
    )


def test_a_copy_token_finds_one_copy() -> None:
    kb = synthetic.synthetic_knowledge_base(12)
    hits = kb.search(synthetic.suffix(1)[1:])
    assert hits
    assert all(hit.record.id.endswith(synthetic.suffix(1)) for hit in hits)
    assert len(hits) == len(kb.search(synthetic.suffix(11)[1:]))


def test_generator_docstring_and_bad_factor() -> None:
    assert doctest.testmod(synthetic).failed == 0
    for bad in (0, -1, True, 1.5):
        with pytest.raises(ValueError, match="factor must be at least 1"):
            synthetic.synthetic_document(bad)
        with pytest.raises(ValueError, match="factor must be at least 1"):
            synthetic.synthetic_knowledge_base(bad)


def test_the_files_are_formatted_as_the_packaged_ones_and_read_in_pieces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hsm_knowledge import _loading

    files = synthetic.synthetic_files(3)
    document = synthetic.synthetic_document(3)
    assert [key for key, _ in files] == [key for key, _ in _loading.DATA_FILES]
    for key, data in files:
        value = json.loads(data)
        assert value == document.get(key, [])
        # as test_data_files checks the packaged files
        assert data == (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode()
    # a file larger than a piece is read in pieces, without the fallback
    parsed: list[int] = []
    real = json.loads

    def spy(text: bytes) -> Any:
        parsed.append(len(text))
        return real(text)

    descriptors = dict(files)["descriptors"]
    monkeypatch.setattr(json, "loads", spy)
    records = list(_loading.records_in_pieces(descriptors, len(descriptors) // 3))
    assert records == document["descriptors"]
    assert len(parsed) == 3
    assert max(parsed) < len(descriptors)
