"""Golden files: documents written by earlier versions keep loading.

``tests/golden/dataset-schema-1.json`` is a dataset in the first version of
the wire format (schema version 1), as the library writes it: the packaged
dataset 2026.1, extended before schema version 1 was first released with
records of every kind added in dataset 2026.2 (taken from the packaged
data), so that it holds every kind of record, and with a credential's
``renewal`` field. Every later version of the
library must load it; see ``docs/compatibility.md``. Once a schema version
is released, its golden file is never edited: a new schema version gets a
new golden file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import hsm_knowledge
from hsm_knowledge.serialize import DOCUMENT_KEYS, REQUIRED_KEYS, to_json

GOLDEN = sorted((Path(__file__).resolve().parent / "golden").glob("*.json"))

#: The kinds added to schema version 1 after it was first written (dataset
#: 2026.2). A document may omit them.
LATER_KINDS = {
    "tasks",
    "descriptors",
    "technology_skills",
    "tools",
    "related_occupations",
    "job_zones",
    "entry_requirements",
}


def test_there_is_a_golden_file_for_schema_version_1() -> None:
    assert [path.name for path in GOLDEN] == ["dataset-schema-1.json"]


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_golden_files_load(path: Path) -> None:
    kb = hsm_knowledge.load(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    for kind in hsm_knowledge.KINDS:
        assert len(getattr(kb, kind.attr)) == len(document.get(kind.attr, []))
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
    assert kb.meta.source_vintages
    # the fields added to job titles in 2026.2
    assert any(title.title_sources for title in kb.job_titles)
    assert any(title.short_title for title in kb.job_titles)
    assert any(title.shown_in_my_next_move is not None for title in kb.job_titles)
    # and the credentials' renewal rules
    assert any(credential.renewal for credential in kb.credentials)
    # relations may end at the kinds added later
    later = {kind.name for kind in hsm_knowledge.KINDS if kind.attr in LATER_KINDS}
    assert any(relation.subject.split(":")[0] in later for relation in kb.relations)


def test_the_kinds_added_later_are_optional() -> None:
    assert set(DOCUMENT_KEYS) - REQUIRED_KEYS == LATER_KINDS


def test_a_document_written_before_the_later_kinds_loads() -> None:
    # What a document of schema version 1 looked like before dataset 2026.2:
    # no later kinds, no source vintages.
    document = json.loads(GOLDEN[0].read_text(encoding="utf-8"))
    full = hsm_knowledge.loads(json.dumps(document))
    later = {kind.name for kind in hsm_knowledge.KINDS if kind.attr in LATER_KINDS}
    for key in LATER_KINDS:
        del document[key]
    del document["meta"]["source_vintages"]
    document["relations"] = [
        relation
        for relation in document["relations"]
        if relation["subject"].split(":")[0] not in later
        and relation["object"].split(":")[0] not in later
    ]
    assert set(document) == REQUIRED_KEYS
    kb = hsm_knowledge.loads(json.dumps(document))
    for kind in hsm_knowledge.KINDS:
        if kind.attr in LATER_KINDS:
            assert len(getattr(kb, kind.attr)) == 0
        else:
            assert getattr(kb, kind.attr) == getattr(full, kind.attr)
    assert kb.meta.source_vintages == ()
    assert len(kb.relations) == len(document["relations"]) < len(full.relations)
