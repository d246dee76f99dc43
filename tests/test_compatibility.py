"""Golden files: documents written by earlier versions keep loading.

``tests/golden/dataset-schema-1.json`` is the packaged dataset as the first
version of the wire format (schema version 1) wrote it. Every later version
of the library must load it; see ``docs/compatibility.md``. Never edit a
golden file to make a test pass: add a new one for a new schema version.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import hsm_knowledge
from hsm_knowledge.serialize import to_json

GOLDEN = sorted((Path(__file__).resolve().parent / "golden").glob("*.json"))


def test_there_is_a_golden_file_for_schema_version_1() -> None:
    assert [path.name for path in GOLDEN] == ["dataset-schema-1.json"]


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_golden_files_load(path: Path) -> None:
    kb = hsm_knowledge.load(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    for kind in hsm_knowledge.KINDS:
        assert len(getattr(kb, kind.attr)) == len(document[kind.attr])
    assert len(kb.relations) == len(document["relations"])


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_golden_files_are_written_back_unchanged(path: Path) -> None:
    # While schema version 1 is current, the format must not drift: the
    # library writes exactly what it wrote when the file was made.
    kb = hsm_knowledge.load(path)
    assert to_json(kb) + "\n" == path.read_text(encoding="utf-8")


def test_the_golden_dataset_has_every_kind_of_record() -> None:
    kb = hsm_knowledge.load(GOLDEN[0])
    for kind in hsm_knowledge.KINDS:
        assert len(getattr(kb, kind.attr)) > 0, kind.name
    assert kb.relations


def test_the_keys_schema_version_1_requires_are_those_of_the_golden_file() -> None:
    # A kind added later must be optional in documents, or this file (and
    # every dataset written before the kind existed) would stop loading.
    from hsm_knowledge.serialize import DOCUMENT_KEYS, REQUIRED_KEYS

    document = json.loads(GOLDEN[0].read_text(encoding="utf-8"))
    assert set(document) == REQUIRED_KEYS
    assert set(DOCUMENT_KEYS) >= REQUIRED_KEYS
