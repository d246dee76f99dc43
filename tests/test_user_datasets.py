"""Users' datasets: load(path), loads(data), and overlays on other data."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import DataError, KnowledgeBase
from hsm_knowledge import strategies as hs
from hsm_knowledge.serialize import from_json, to_dict, to_json


def new_skill(skill_id: str = "negotiation", **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": skill_id,
        "name": "Negotiation",
        "summary": "Reaching agreements with payers and suppliers.",
        "citations": [{"source": "seed-article", "locator": "Skills"}],
        "category": "leadership",
    }
    data.update(changes)
    return data


def overlay(**parts: Any) -> str:
    return json.dumps(parts)


def messages(error: DataError) -> list[str]:
    return [str(problem) for problem in error.problems]


# --------------------------------------------------------------------------
# standalone datasets


def test_an_exported_dataset_loads_back_from_a_file(tmp_path: Path) -> None:
    kb = hsm_knowledge.load()
    path = tmp_path / "mine.json"
    path.write_text(to_json(kb), encoding="utf-8")
    mine = hsm_knowledge.load(path)
    assert mine == kb
    assert mine is not kb
    assert hsm_knowledge.load(str(path)) == kb
    assert hsm_knowledge.loads(path.read_bytes()) == kb
    assert hsm_knowledge.loads(path.read_text(encoding="utf-8")) == kb


def test_a_bad_file_is_named_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"meta": 1}', encoding="utf-8")
    with pytest.raises(DataError) as info:
        hsm_knowledge.load(path)
    first_line = str(info.value).splitlines()[0]
    assert first_line.startswith(f"invalid dataset {str(path)!r} (")
    assert "$.meta: expected an object, got a number" in str(info.value)


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs /proc")
def test_an_error_reading_an_open_file_names_it() -> None:
    # /proc/self/mem opens, then fails to read (EIO at offset 0)
    with pytest.raises(OSError, match="Input/output error") as info:
        hsm_knowledge.load("/proc/self/mem")
    assert info.value.filename == "/proc/self/mem"
    assert "/proc/self/mem" in str(info.value)


def test_a_file_over_the_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 2000 + b"{}")
    with pytest.raises(DataError, match="2,002 bytes long, more than the limit"):
        hsm_knowledge.load(path, max_bytes=1000)
    with pytest.raises(DataError, match="required field is missing"):
        hsm_knowledge.load(path, max_bytes=None)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_over_the_limit_is_read_no_further(tmp_path: Path) -> None:
    import contextlib
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    text = to_json(hsm_knowledge.load()).encode("utf-8")

    def write() -> None:
        # (the reader stops at the limit and closes its end)
        with contextlib.suppress(BrokenPipeError), fifo.open("wb") as sink:
            sink.write(text)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        with pytest.raises(DataError) as info:
            hsm_knowledge.load(fifo, max_bytes=1000)
    finally:
        writer.join(timeout=30)
    # a pipe's length is not known: the message does not make one up
    assert info.value.problems[0].message == (
        "is longer than the limit of 1,000 bytes; pass max_bytes to allow more"
    )


def test_a_limit_far_above_memory_is_only_a_limit(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text(to_json(hsm_knowledge.load()), encoding="utf-8")
    assert hsm_knowledge.load(path, max_bytes=10**30) == hsm_knowledge.load()


@settings(max_examples=20)
@given(hs.knowledge_bases(max_records=3))
def test_any_valid_dataset_loads_back(kb: KnowledgeBase) -> None:
    assert hsm_knowledge.loads(to_json(kb).encode("utf-8")) == kb


def test_a_failed_load_leaves_the_packaged_data_alone() -> None:
    packaged = hsm_knowledge.load()
    before = to_json(packaged)
    with pytest.raises(DataError):
        hsm_knowledge.loads(overlay(skills=[new_skill("leadership")]), extend=True)
    assert hsm_knowledge.load() is packaged
    assert to_json(packaged) == before


# --------------------------------------------------------------------------
# overlays


def test_an_overlay_adds_records_after_the_packaged_ones() -> None:
    packaged = hsm_knowledge.load()
    kb = hsm_knowledge.loads(overlay(skills=[new_skill()]), extend=True)
    assert kb.skills.ids() == (*packaged.skills.ids(), "negotiation")
    assert kb.skills["negotiation"].name == "Negotiation"
    assert kb.credentials == packaged.credentials
    assert kb.meta == packaged.meta
    assert kb.occupation == packaged.occupation


def test_an_overlay_may_refer_to_the_packaged_records(tmp_path: Path) -> None:
    document = {
        "sources": [
            {"id": "our-handbook", "title": "Our handbook", "type": "handbook"}
        ],
        "skills": [
            new_skill(citations=[{"source": "our-handbook", "locator": "p. 4"}])
        ],
        "relations": [
            {
                "subject": "skill:negotiation",
                "type": "supports",
                "object": "credential:cphrm",
                "basis": "editorial",
                "rationale": "Our view.",
                "citations": [{"source": "seed-article", "locator": "Skills"}],
            }
        ],
    }
    path = tmp_path / "ours.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    kb = hsm_knowledge.load(path, extend=True)
    assert "our-handbook" in kb.sources
    assert kb.relations[-1].object == "credential:cphrm"


def test_an_empty_overlay_gives_the_packaged_data() -> None:
    assert hsm_knowledge.loads("{}", extend=True) == hsm_knowledge.load()


def test_a_clashing_id_names_both_places() -> None:
    packaged = hsm_knowledge.load()
    index = packaged.skills.ids().index("leadership")
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(
            overlay(skills=[new_skill(), new_skill("leadership")]), extend=True
        )
    assert messages(info.value) == [
        "$.skills[1].id: duplicate skill id 'leadership' "
        f"(first at $.skills[{index}] of the packaged data)"
    ]


def test_an_identical_record_still_clashes() -> None:
    cphrm = to_dict(hsm_knowledge.load().credentials["cphrm"])
    with pytest.raises(DataError, match=r"\$\.credentials\[0\]\.id: duplicate"):
        hsm_knowledge.loads(overlay(credentials=[cphrm]), extend=True)


def test_a_clashing_relation_names_both_places() -> None:
    first = to_dict(hsm_knowledge.load().relations[0])
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(overlay(relations=[first]), extend=True)
    assert messages(info.value) == [
        "$.relations[0]: duplicate relation (first at $.relations[0] of the "
        "packaged data)"
    ]


def test_an_overlay_cannot_replace_the_occupation() -> None:
    occupation = to_dict(hsm_knowledge.load().occupation)
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(overlay(occupation=occupation), extend=True)
    assert messages(info.value)[0].startswith(
        "$.occupation: an overlay adds records to a knowledge base and cannot "
        "replace its occupation"
    )


def test_an_overlay_manifest_describes_the_combined_data() -> None:
    meta = {
        "dataset_version": "ours.3",
        "schema_version": 1,
        "release_date": "2027-01-01",
        "title": "Our career data",
    }
    kb = hsm_knowledge.loads(overlay(meta=meta), extend=True)
    assert kb.meta.dataset_version == "ours.3"
    with pytest.raises(DataError, match="schema version 7 is not supported"):
        hsm_knowledge.loads(overlay(meta={**meta, "schema_version": 7}), extend=True)


def test_overlay_problems_use_the_overlay_paths() -> None:
    steps = hsm_knowledge.load().career_steps
    step = to_dict(steps[steps.ids()[0]])
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(
            overlay(
                skills=[new_skill(), {"id": 5}, new_skill("x", category="cooking")],
                career_steps=[{**step, "id": "again"}],
                credentials=[
                    {
                        **to_dict(hsm_knowledge.load().credentials["cphrm"]),
                        "id": "xyz",
                        "issuer": "nobody",
                    }
                ],
            ),
            extend=True,
        )
    problems = messages(info.value)
    assert "$.skills[1].id: expected a string, got a number" in problems
    assert any(p.startswith("$.skills[2].category: expected one of") for p in problems)
    assert "$.credentials[0].issuer: names unknown organization 'nobody'" in problems
    assert any(
        p.startswith(
            "$.career_steps[0].order: step order 1 repeats $.career_steps[0] of"
        )
        for p in problems
    )


def test_an_overlay_can_extend_any_knowledge_base() -> None:
    ours = hsm_knowledge.loads(overlay(skills=[new_skill()]), extend=True)
    theirs = hsm_knowledge.loads(
        overlay(skills=[new_skill("mediation", name="Mediation")]), extend=ours
    )
    assert theirs.skills.ids()[-2:] == ("negotiation", "mediation")
    with pytest.raises(DataError, match=r"first at .* of the base knowledge base"):
        hsm_knowledge.loads(overlay(skills=[new_skill()]), extend=ours)


def test_an_overlay_without_a_path_or_of_the_wrong_type_is_an_error() -> None:
    with pytest.raises(ValueError, match="extend needs a path"):
        hsm_knowledge.load(extend=True)
    with pytest.raises(
        TypeError, match="extend must be True, False or a KnowledgeBase"
    ):
        hsm_knowledge.loads("{}", extend="yes")  # type: ignore[arg-type]


def test_the_whole_packaged_data_cannot_be_an_overlay_of_itself() -> None:
    document = to_dict(hsm_knowledge.load())
    del document["occupation"]
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(json.dumps(document), extend=True)
    duplicates = [p for p in info.value.problems if "duplicate" in p.message]
    packaged = hsm_knowledge.load()
    total = sum(len(getattr(packaged, kind.attr)) for kind in hsm_knowledge.KINDS)
    assert len(duplicates) == total + len(packaged.relations)
    assert all("of the packaged data" in p.message for p in duplicates)


@settings(max_examples=5)
@given(hs.knowledge_bases(min_records=3, max_records=3, max_relations=0))
def test_knowledge_bases_take_size_knobs(kb: KnowledgeBase) -> None:
    for kind in hsm_knowledge.KINDS:
        assert len(getattr(kb, kind.attr)) == 3, kind.name
    assert kb.relations == ()


def test_an_overlay_may_add_records_of_the_later_kinds() -> None:
    packaged = hsm_knowledge.load()
    task = {
        **to_dict(packaged.tasks["onet-46"]),
        "id": "onet-9999",
        "onet_id": 9999,
    }
    descriptor = {
        **to_dict(packaged.descriptors["skill-critical-thinking"]),
        "id": "skill-haggling",
        "name": "Haggling",
    }
    meta = {
        **to_dict(packaged.meta),
        "dataset_version": "2026.2+ours.1",
        "source_vintages": [{"source": "onet-29-3", "vintage": "29.3"}],
    }
    relation = {
        "subject": "task:onet-9999",
        "type": "develops",
        "object": "descriptor:skill-haggling",
        "basis": "editorial",
        "rationale": "Our view.",
        "citations": [{"source": "onet-29-3", "locator": "Tasks"}],
    }
    kb = hsm_knowledge.loads(
        overlay(
            meta=meta, tasks=[task], descriptors=[descriptor], relations=[relation]
        ),
        extend=True,
    )
    assert kb.tasks.ids() == (*packaged.tasks.ids(), "onet-9999")
    assert kb.descriptors["skill-haggling"].importance == Decimal("4.12")
    assert kb.meta.vintage("onet-29-3") == "29.3"
    assert kb.related("task:onet-9999", "descriptor")[0].name == "Haggling"


def test_overlay_problems_in_the_later_kinds_use_the_overlay_paths() -> None:
    packaged = hsm_knowledge.load()
    index = packaged.tasks.ids().index("onet-46")
    meta = {
        **to_dict(packaged.meta),
        "source_vintages": [{"source": "onet-29-4", "vintage": "29.4"}],
    }
    zone = {**to_dict(packaged.job_zones[packaged.job_zones.ids()[0]]), "id": "z"}
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(
            overlay(
                meta=meta,
                tasks=[to_dict(packaged.tasks["onet-46"])],
                job_zones=[{**zone, "zone": 0}],
            ),
            extend=True,
        )
    assert messages(info.value) == [
        "$.job_zones[0].zone: must be from 1 to 5, got 0",
        "$.tasks[0].id: duplicate task id 'onet-46' "
        f"(first at $.tasks[{index}] of the packaged data)",
        "$.meta.source_vintages[0].source: names unknown source 'onet-29-4' "
        "(did you mean 'onet-29-3'?)",
    ]


def test_a_record_missing_fields_reports_its_other_problems_too() -> None:
    # one pass names every problem: the fields that are there are checked
    # although others are missing
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(
            json.dumps({"skills": [{"id": "Bad Id", "aliases": ["x", "x"]}]}),
            extend=True,
        )
    found = {(p.path, p.message.split(";")[0]) for p in info.value.problems}
    assert ("$.skills[0].name", "required field is missing") in found
    assert any(
        path == "$.skills[0].id" and "is not a lowercase kebab-case id" in message
        for path, message in found
    )
    assert any(path.startswith("$.skills[0].aliases") for path, _ in found)
    # in the order of the record's fields
    paths = [p.path for p in info.value.problems]
    assert paths.index("$.skills[0].id") < paths.index("$.skills[0].name")


# --------------------------------------------------------------------------
# values JSON does not allow do not hide the document's other problems

VALID_DOCUMENT = json.loads(
    (Path(__file__).parent / "bad_documents" / "00-valid.json").read_text("utf-8")
)


def _leaves(value: Any, path: str = "$") -> list[tuple[str, tuple[Any, ...]]]:
    """Every leaf of *value*: its JSON path and the keys that reach it."""
    if isinstance(value, dict):
        return [
            (found, (key, *keys))
            for key, child in value.items()
            for found, keys in _leaves(child, f"{path}.{key}")
        ]
    if isinstance(value, list):
        return [
            (found, (index, *keys))
            for index, child in enumerate(value)
            for found, keys in _leaves(child, f"{path}[{index}]")
        ]
    return [(path, ())]


LEAVES = _leaves(VALID_DOCUMENT)


def _with_value(keys: tuple[Any, ...], new: Any) -> dict[str, Any]:
    document = json.loads(json.dumps(VALID_DOCUMENT))
    holder = document
    for key in keys[:-1]:
        holder = holder[key]
    holder[keys[-1]] = new
    return document  # type: ignore[no-any-return]


@settings(max_examples=60)
@given(st.sampled_from(LEAVES))
def test_a_nan_anywhere_is_reported_once_at_its_path(
    leaf: tuple[str, tuple[Any, ...]],
) -> None:
    # whatever the value was, NaN there is that one problem: the build's
    # complaint at the same path would only say it again
    path, keys = leaf
    text = json.dumps(_with_value(keys, float("nan")))
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(text)
    assert messages(info.value) == [
        f"{path}: NaN is not valid JSON; use a finite number"
    ]


@settings(max_examples=60)
@given(st.sampled_from(LEAVES), st.sampled_from(["\ud800", "x\udfff", "\udc00y"]))
def test_a_value_that_is_not_text_is_reported_once_at_its_path(
    leaf: tuple[str, tuple[Any, ...]], value: str
) -> None:
    # where a string belongs, an unpaired surrogate is what is wrong with it,
    # whatever the field wanted of the text (a date, an enum's value, an
    # id); where a number or a boolean belongs, so is the string itself
    path, keys = leaf
    text = json.dumps(_with_value(keys, value))
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(text)
    found = messages(info.value)
    assert found[0] == (
        f"{path}: holds an unpaired surrogate (\\ud800-\\udfff), which is not text"
    )
    holder = VALID_DOCUMENT
    for key in keys:
        holder = holder[key]
    if isinstance(holder, str):
        assert found[1:] == []
    else:
        assert len(found) == 2
        assert found[1].startswith(f"{path}: expected ")
        assert found[1].endswith("got a string")


def test_an_array_item_of_the_wrong_type_does_not_hide_the_others() -> None:
    # the items that are strings are still checked, each on its own, and
    # for repeats, at their own indices
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(
            overlay(skills=[new_skill(aliases=["ok", 5, " x", "ok", None])]),
            extend=True,
        )
    assert messages(info.value) == [
        "$.skills[0].aliases[1]: expected a string, got a number",
        "$.skills[0].aliases[2]: must not start or end with whitespace",
        "$.skills[0].aliases[3]: repeats the entry at index 0; entries must differ",
        "$.skills[0].aliases[4]: expected a string, got null",
    ]


def test_a_record_array_reports_repeats_among_the_items_that_build() -> None:
    citation = {"source": "seed-article", "locator": "Skills"}
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(
            overlay(
                skills=[new_skill(citations=[{"source": "bls"}, citation, citation])]
            ),
            extend=True,
        )
    assert messages(info.value) == [
        "$.skills[0].citations[0].locator: required field is missing",
        "$.skills[0].citations[2]: repeats the entry at index 1; entries must differ",
    ]
    # a repeat by key says which items, by their indices in the array
    meta = json.loads(to_json(hsm_knowledge.load()))["meta"]
    vintages = meta["source_vintages"]
    meta["source_vintages"] = [{"source": "x", "vintage": 5}, *vintages, vintages[0]]
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(overlay(meta=meta), extend=True)
    last = len(vintages) + 1
    assert messages(info.value) == [
        "$.meta.source_vintages[0].vintage: expected a string, got a number",
        f"$.meta.source_vintages[{last}]: must not repeat a source; item {last} "
        f"repeats the source of item 1, 'onet-29-3'",
    ]


def test_values_json_does_not_allow_are_listed_with_the_other_problems() -> None:
    document = json.loads(json.dumps(VALID_DOCUMENT))
    document["skills"][0]["category"] = "money"
    del document["credentials"][0]["issuer"]
    text = json.dumps(document, indent=1)
    text = text.replace('"order": 1', '"order": NaN', 1)  # career_steps, later
    text = text.replace('"name": ', '"name": "Twice", "name": ', 1)  # occupation
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(text)
    found = messages(info.value)
    assert [m.split(":")[0] for m in found] == [
        "$.occupation.name",
        "$.skills[0].category",
        "$.credentials[0].issuer",
        "$.career_steps[0].order",
    ]
    assert found[0].endswith("this key appears more than once in the object")
    assert str(info.value).startswith("invalid dataset (4 problems):")
    # the same from from_json, and for a single record
    with pytest.raises(DataError) as again:
        from_json(KnowledgeBase, text)
    assert messages(again.value) == found
    skill = json.dumps(new_skill(category="money", order=1)).replace("1}", "NaN}")
    with pytest.raises(DataError) as one:
        from_json(hsm_knowledge.Skill, skill)
    assert messages(one.value)[0].startswith("$.category: expected one of")
    # NaN under an unknown key: both are said (the key is still unknown)
    assert messages(one.value)[1:] == [
        "$.order: NaN is not valid JSON; use a finite number",
        "$.order: unknown field; allowed: id, name, summary, citations, "
        "category, aliases, components",
    ]


def test_a_repeated_key_alone_is_the_only_problem() -> None:
    text = json.dumps(VALID_DOCUMENT).replace('"title": ', '"title": "x", "title": ', 1)
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(text)
    assert messages(info.value) == [
        "$.meta.title: this key appears more than once in the object"
    ]


def test_a_misspelled_key_is_still_named_when_its_value_is_not_json() -> None:
    document = json.loads(json.dumps(VALID_DOCUMENT))
    document["skills"][0]["nmae"] = float("nan")
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(json.dumps(document))
    assert messages(info.value) == [
        "$.skills[0].nmae: NaN is not valid JSON; use a finite number",
        "$.skills[0].nmae: unknown field; did you mean 'name'?",
    ]


def test_a_repeated_key_keeps_its_last_value_and_that_value_is_checked() -> None:
    # as JSON parsers do; the first value's problems are not the document's
    document = json.loads(json.dumps(VALID_DOCUMENT))
    document["skills"][0]["name"] = "@@"
    written = json.dumps(document)
    first_bad = written.replace('"name": "@@"', '"name": "", "name": "Fine"')
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(first_bad)
    assert messages(info.value) == [
        "$.skills[0].name: this key appears more than once in the object"
    ]
    last_bad = written.replace('"name": "@@"', '"name": "Fine", "name": ""')
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(last_bad)
    assert messages(info.value) == [
        "$.skills[0].name: this key appears more than once in the object",
        "$.skills[0].name: must be a non-empty string",
    ]


def test_merged_problems_come_part_by_part_and_record_by_record() -> None:
    # the document's parts out of the wire order, an odd unknown key, and
    # NaNs among the build's problems
    document = json.loads(json.dumps(VALID_DOCUMENT))
    document["skills"][0]["name"] = ""
    document["skills"][1]["summary"] = "@nan@"
    document["meta"]["title"] = "@nan@"
    document["odd key"] = "@nan@"
    reordered = {"skills": document.pop("skills"), **document}
    text = json.dumps(reordered).replace('"@nan@"', "NaN")
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(text)
    assert [str(p).split(": ")[0] for p in info.value.problems] == [
        '$["odd key"]',  # unknown top-level keys first: parsing's, the build's
        '$["odd key"]',
        "$.meta.title",  # then the parts in the wire format's order
        "$.skills[0].name",  # and, within a part, record by record
        "$.skills[1].summary",
    ]
    # a top-level array: record by record too
    items = [
        new_skill("a", name="@nan@", category="zz"),
        new_skill("b", summary="@nan@"),
    ]
    text = json.dumps(items).replace('"@nan@"', "NaN")
    with pytest.raises(DataError) as info:
        from_json(list[hsm_knowledge.Skill], text)
    assert [str(p).split(": ")[0] for p in info.value.problems] == [
        "$[0].name",
        "$[0].category",
        "$[1].summary",
    ]


def test_an_object_that_repeats_a_key_is_called_an_object() -> None:
    document = json.loads(json.dumps(VALID_DOCUMENT))
    document["skills"] = "@skills@"
    text = json.dumps(document).replace('"@skills@"', '{"a": 1, "a": 2}')
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(text)
    assert messages(info.value) == [
        "$.skills.a: this key appears more than once in the object",
        "$.skills: expected an array, got an object",
    ]
