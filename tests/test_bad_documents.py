"""A corpus of bad documents, each refused with a DataError naming its path.

Run this file (``python tests/test_bad_documents.py``) to regenerate the
files in ``tests/bad_documents/`` from the table below.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import DataError

HERE = Path(__file__).resolve().parent / "bad_documents"

Doc = dict[str, Any]


def _citation(locator: str = "Section 1") -> list[dict[str, str]]:
    return [{"source": "example-handbook", "locator": locator}]


def _month(label: str, start: str, end: str) -> dict[str, str]:
    return {"start": start, "end": end, "label": label}


#: A small valid dataset: every kind that refers to another has a record,
#: and so does every kind with nested values or rules of its own.
VALID: Doc = {
    "meta": {
        "dataset_version": "test.1",
        "schema_version": 1,
        "release_date": "2026-01-31",
        "title": "A small dataset for the bad-document corpus",
        "source_vintages": [{"source": "example-handbook", "vintage": "2026 edition"}],
    },
    "occupation": {
        "id": "example-managers",
        "name": "Example managers",
        "summary": "An occupation made up for tests.",
        "citations": _citation(),
        "codes": [{"system": "soc-2018", "value": "11-9111"}],
        "facility_types": ["hospital"],
    },
    "sources": [
        {
            "id": "example-handbook",
            "title": "Example handbook",
            "type": "handbook",
            "publisher": "example-bureau",
            "url": "https://example.org/handbook",
        }
    ],
    "organizations": [
        {
            "id": "example-bureau",
            "name": "Example Bureau",
            "summary": "A statistics office made up for tests.",
            "citations": _citation(),
        },
        {
            "id": "example-board",
            "name": "Example Board",
            "summary": "A certification board made up for tests.",
            "citations": _citation(),
            "parent": "example-bureau",
        },
    ],
    "responsibilities": [],
    "specializations": [],
    "skills": [
        {
            "id": "leadership",
            "name": "Leadership",
            "summary": "Leading people.",
            "citations": _citation(),
            "category": "leadership",
            "aliases": ["leading"],
        },
        {
            "id": "budgeting",
            "name": "Budgeting",
            "summary": "Planning money.",
            "citations": _citation(),
            "category": "financial",
        },
    ],
    "credentials": [
        {
            "id": "xcm",
            "name": "Example Certified Manager",
            "summary": "A credential made up for tests.",
            "citations": _citation(),
            "abbreviation": "XCM",
            "issuer": "example-board",
            "category": "certification",
        }
    ],
    "career_steps": [
        {
            "id": "study",
            "name": "Study",
            "summary": "Earn a degree.",
            "citations": _citation(),
            "order": 1,
            "essential": True,
        }
    ],
    "benefits": [],
    "work_settings": [
        {
            "id": "hospital",
            "name": "Hospital",
            "summary": "A hospital.",
            "citations": _citation(),
        }
    ],
    "job_titles": [
        {
            "id": "clinic-director",
            "name": "Clinic Director",
            "summary": "A made-up title.",
            "citations": _citation("Titles"),
            "title_sources": ["alternate-title", "reported-title"],
            "short_title": "Clinic Dir.",
            "shown_in_my_next_move": True,
            "onet_source_codes": ["04"],
        }
    ],
    "statistics": [
        {
            "id": "median-wage-2021",
            "name": "Median wage",
            "summary": "A made-up median wage.",
            "citations": _citation("Table 1"),
            "metric": "median-annual-wage",
            "value": "101340",
            "unit": "currency-per-year",
            "currency": "USD",
            "period": {"start": "2021-01-01", "end": "2021-12-31", "label": "2021"},
            "geography": "US",
        }
    ],
    "tasks": [
        {
            "id": "plan-budgets",
            "name": "Plan budgets.",
            "summary": "A made-up task.",
            "citations": _citation("Tasks"),
            "onet_id": 7,
            "category": "core",
            "incumbents_responding": "28.0",
            "date": _month("08/2022", "2022-08-01", "2022-08-31"),
            "domain_source": "Occupational Expert",
            "work_activities": [
                {
                    "id": "4.A.4.b.4.I01.D13",
                    "title": "Supervise employees.",
                    "date": _month("03/2014", "2014-03-01", "2014-03-31"),
                    "domain_source": "Analyst",
                }
            ],
        }
    ],
    "descriptors": [
        {
            "id": "skill-reading",
            "name": "Reading",
            "summary": "A made-up rated skill.",
            "citations": _citation("Skills"),
            "domain": "skill",
            "element_id": "2.A.1.a",
            "group": "Content",
            "ratings": [
                {
                    "scale": "IM",
                    "scale_name": "Importance",
                    "scale_minimum": "1",
                    "scale_maximum": "5",
                    "value": "4",
                    "n": "8",
                    "standard_error": "0",
                    "lower_ci_bound": "4",
                    "upper_ci_bound": "4",
                    "recommend_suppress": False,
                },
                {
                    "scale": "RL",
                    "value": "12.5",
                    "category": 3,
                    "category_description": "Bachelor's degree",
                    "not_relevant": False,
                    "date": _month("08/2022", "2022-08-01", "2022-08-31"),
                    "domain_source": "Analyst",
                },
            ],
        }
    ],
    "technology_skills": [
        {
            "id": "example-ehr",
            "name": "Example EHR",
            "summary": "Made-up medical software.",
            "citations": _citation("Technology"),
            "commodity_code": "43232610",
            "commodity_title": "Medical software",
            "hot_technology": True,
            "in_demand": False,
        }
    ],
    "tools": [
        {
            "id": "desktop-computers",
            "name": "Desktop computers",
            "summary": "Made-up equipment.",
            "citations": _citation("Tools"),
            "commodity_code": "43211507",
            "commodity_title": "Desktop computers",
        }
    ],
    "related_occupations": [
        {
            "id": "example-informaticians",
            "name": "Example informaticians",
            "summary": "A made-up related occupation.",
            "citations": _citation("Related"),
            "code": {"system": "onet-soc", "value": "15-1211.01"},
            "tier": "primary-short",
            "index": 1,
            "aliases": ["informaticians"],
        }
    ],
    "job_zones": [
        {
            "id": "job-zone-4",
            "name": "Job Zone Four",
            "summary": "A made-up job zone.",
            "citations": _citation("Job zones"),
            "zone": 4,
            "svp_range": "(7.0 to < 8.0)",
        }
    ],
    "entry_requirements": [
        {
            "id": "handbook-2026",
            "name": "Typical entry requirements (2026)",
            "summary": "Made-up requirements.",
            "citations": _citation("Entry"),
            "edition": "2026",
            "education": "Bachelor's degree",
            "work_experience": "Less than 5 years",
            "on_the_job_training": "None",
        }
    ],
    "relations": [
        {
            "subject": "credential:xcm",
            "type": "supports",
            "object": "skill:leadership",
            "basis": "editorial",
            "citations": _citation(),
            "rationale": "Made up for tests.",
        },
        {
            "subject": "task:plan-budgets",
            "type": "develops",
            "object": "skill:budgeting",
            "basis": "editorial",
            "citations": _citation(),
            "rationale": "Made up for tests.",
        },
    ],
}


def _text(doc: Doc) -> bytes:
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


Mutation = Callable[[Doc], "Doc | bytes"]


def _set(path: str, value: Any) -> Mutation:
    """Set the value at a dotted path (``skills.0.name``)."""

    def mutate(doc: Doc) -> Doc:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value
        return doc

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(doc: Doc) -> Doc:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]
        return doc

    return mutate


def _raw(change: Callable[[str], str]) -> Mutation:
    """Change the document's text (for what a dict cannot hold)."""

    def mutate(doc: Doc) -> bytes:
        return change(_text(doc).decode("utf-8")).encode("utf-8")

    return mutate


def _replace_once(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


def _append(path: str, *values: Any) -> Mutation:
    def mutate(doc: Doc) -> Doc:
        target: Any = doc
        for part in path.split("."):
            target = target[int(part)] if part.isdigit() else target[part]
        target.extend(values)
        return doc

    return mutate


def _nested(depth: int) -> Mutation:
    def mutate(doc: Doc) -> bytes:
        text = _text(doc).decode("utf-8")
        deep = "[" * depth + "]" * depth
        return text.replace('"aliases": [', f'"aliases": [{deep}, ', 1).encode()

    return mutate


#: name -> (mutation of VALID, JSON path, fragment of the message)
CASES: dict[str, tuple[Mutation, str, str]] = {
    "invalid-json": (_raw(lambda t: t[:-10]), "$", "invalid JSON at line"),
    "trailing-comma": (
        _raw(_replace_once('"US"\n', '"US",\n')),
        "$",
        "invalid JSON",
    ),
    "top-level-array": (
        lambda d: json.dumps([d]).encode(),
        "$",
        "expected an object, got an array",
    ),
    "top-level-string": (
        lambda d: b'"dataset"',
        "$",
        "expected an object, got a string",
    ),
    "byte-order-mark": (lambda d: b"\xef\xbb\xbf" + _text(d), "$", "byte-order mark"),
    "not-utf-8": (
        lambda d: _text(d).replace(b"Leading people.", b"Leading p\xe9ople."),
        "$",
        "is not UTF-8",
    ),
    "nan": (
        _raw(_replace_once('"order": 1', '"order": NaN')),
        "$.career_steps[0].order",
        "NaN is not valid JSON",
    ),
    "infinity": (
        _raw(_replace_once('"order": 1', '"order": -Infinity')),
        "$.career_steps[0].order",
        "-Infinity is not valid JSON",
    ),
    "number-too-large": (
        _raw(_replace_once('"order": 1', '"order": 1e999')),
        "$.career_steps[0].order",
        "too large for a JSON number",
    ),
    "integer-too-long": (
        _raw(_replace_once('"order": 1', '"order": ' + "9" * 200)),
        "$.career_steps[0].order",
        "200 digits is too long",
    ),
    "repeated-key": (
        _raw(
            _replace_once('"name": "Budgeting",', '"name": "Budgeting", "name": "B",')
        ),
        "$.skills[1].name",
        "appears more than once",
    ),
    "unpaired-surrogate": (
        _raw(_replace_once("Planning money.", "Planning \\ud800money.")),
        "$.skills[1].summary",
        "unpaired surrogate",
    ),
    "nested-too-deeply": (_nested(100_000), "$", "nested too deeply"),
    "missing-kind": (_delete("skills"), "$.skills", "required field is missing"),
    "unknown-top-level-field": (
        _set("extras", []),
        "$.extras",
        "unknown field",
    ),
    "kind-not-an-array": (
        _set("skills", {"leadership": {}}),
        "$.skills",
        "expected an array, got an object",
    ),
    "record-not-an-object": (
        _set("skills.0", "leadership"),
        "$.skills[0]",
        "expected an object, got a string",
    ),
    "missing-field": (
        _delete("skills.1.category"),
        "$.skills[1].category",
        "required field is missing",
    ),
    "unknown-field": (
        _set("skills.1.colour", "blue"),
        "$.skills[1].colour",
        "unknown field",
    ),
    "misspelt-field": (
        _set("skills.1.categroy", "financial"),
        "$.skills[1].categroy",
        "did you mean 'category'?",
    ),
    "number-for-string": (
        _set("skills.1.name", 7),
        "$.skills[1].name",
        "expected a string, got a number",
    ),
    "null-for-string": (
        _set("skills.1.summary", None),
        "$.skills[1].summary",
        "expected a string, got null",
    ),
    "string-for-integer": (
        _set("career_steps.0.order", "1"),
        "$.career_steps[0].order",
        "expected an integer, got a string",
    ),
    "boolean-for-integer": (
        _set("career_steps.0.order", True),
        "$.career_steps[0].order",
        "expected an integer, got a boolean",
    ),
    "fraction-for-integer": (
        _set("career_steps.0.order", 1.5),
        "$.career_steps[0].order",
        "expected an integer, got a number",
    ),
    "integer-for-boolean": (
        _set("career_steps.0.essential", 1),
        "$.career_steps[0].essential",
        "expected true or false",
    ),
    "number-for-decimal": (
        _set("statistics.0.value", 101340),
        "$.statistics[0].value",
        "decimal number written as a string",
    ),
    "exponent-decimal": (
        _set("statistics.0.value", "1.0134e5"),
        "$.statistics[0].value",
        "is not a finite decimal number",
    ),
    "nan-decimal": (
        _set("statistics.0.value", "NaN"),
        "$.statistics[0].value",
        "is not a finite decimal number",
    ),
    "unknown-enum-value": (
        _set("skills.1.category", "money"),
        "$.skills[1].category",
        "expected one of 'leadership'",
    ),
    "id-breaks-pattern": (
        _set("skills.1.id", "Budget_Planning"),
        "$.skills[1].id",
        "is not a lowercase kebab-case id",
    ),
    "id-with-newline": (
        _set("skills.1.id", "budgeting\n"),
        "$.skills[1].id",
        "is not a lowercase kebab-case id",
    ),
    "reference-breaks-pattern": (
        _set("relations.0.object", "skill/leadership"),
        "$.relations[0].object",
        "is not a reference of the form kind:id",
    ),
    "empty-locator": (
        _set("skills.1.citations.0.locator", ""),
        "$.skills[1].citations[0].locator",
        "must be a non-empty string",
    ),
    "padded-name": (
        _set("skills.1.name", " Budgeting"),
        "$.skills[1].name",
        "must not start or end with whitespace",
    ),
    "repeated-alias": (
        _set("skills.0.aliases", ["leading", "leading"]),
        "$.skills[0].aliases[1]",
        "repeats the entry at index 0",
    ),
    "no-citation": (
        _set("skills.1.citations", []),
        "$.skills[1].citations",
        "at least one citation",
    ),
    "duplicate-id": (
        _set("skills.1.id", "leadership"),
        "$.skills[1].id",
        "duplicate skill id 'leadership' (first at $.skills[0])",
    ),
    "dangling-issuer": (
        _set("credentials.0.issuer", "nobody"),
        "$.credentials[0].issuer",
        "names unknown organization 'nobody'",
    ),
    "dangling-citation": (
        _set("skills.1.citations.0.source", "lost-book"),
        "$.skills[1].citations[0].source",
        "cites unknown source 'lost-book'",
    ),
    "dangling-relation-end": (
        _set("relations.0.object", "skill:juggling"),
        "$.relations[0].object",
        "names unknown record 'skill:juggling'",
    ),
    "dangling-facility-type": (
        _set("occupation.facility_types", ["moon-base"]),
        "$.occupation.facility_types[0]",
        "names unknown work-setting 'moon-base'",
    ),
    "parent-cycle": (
        _set("organizations.0.parent", "example-board"),
        "$.organizations[0].parent",
        "is its own ancestor",
    ),
    "step-order-zero": (
        _set("career_steps.0.order", 0),
        "$.career_steps[0].order",
        "must be at least 1, got 0",
    ),
    "repeated-step-order": (
        _append("career_steps", {**VALID["career_steps"][0], "id": "again"}),
        "$.career_steps[1].order",
        "step order 1 repeats $.career_steps[0]",
    ),
    "negative-amount": (
        _set("statistics.0.value", "-101340"),
        "$.statistics[0].value",
        "cannot be negative",
    ),
    "money-without-currency": (
        _delete("statistics.0.currency"),
        "$.statistics[0].currency",
        "needs a currency",
    ),
    "lowercase-currency": (
        _set("statistics.0.currency", "usd"),
        "$.statistics[0].currency",
        "is not an ISO 4217 code",
    ),
    "period-ends-before-start": (
        _set("statistics.0.period", {"start": "2021-12-31", "end": "2021-01-01"}),
        "$.statistics[0].period",
        "before it starts",
    ),
    "impossible-date": (
        _set("statistics.0.period.start", "2021-02-30"),
        "$.statistics[0].period.start",
        "is not a valid calendar date",
    ),
    "date-in-another-format": (
        _set("statistics.0.period.end", "31/12/2021"),
        "$.statistics[0].period.end",
        "is not a date written as YYYY-MM-DD",
    ),
    "percentile-out-of-range": (
        _set("statistics.0.percentile", 100),
        "$.statistics[0].percentile",
        "must be from 1 to 99, got 100",
    ),
    "editorial-relation-without-rationale": (
        _delete("relations.0.rationale"),
        "$.relations[0].rationale",
        "an editorial relation needs a rationale",
    ),
    "relation-to-itself": (
        _set("relations.0.object", "credential:xcm"),
        "$.relations[0].object",
        "cannot link a record to itself",
    ),
    "url-not-http": (
        _set("sources.0.url", "ftp://example.org/handbook"),
        "$.sources[0].url",
        "is not an http(s) URL",
    ),
    "repeated-code-system": (
        _append("occupation.codes", {"system": "soc-2018", "value": "11-9110"}),
        "$.occupation.codes",
        "repeat a classification system",
    ),
    "unsupported-schema-version": (
        _set("meta.schema_version", 2),
        "$.meta.schema_version",
        "schema version 2 is not supported",
    ),
    "schema-version-zero": (
        _set("meta.schema_version", 0),
        "$.meta.schema_version",
        "schema version 0 is not supported",
    ),
    # the kinds added in dataset 2026.2
    "dangling-source-vintage": (
        _set("meta.source_vintages.0.source", "lost-book"),
        "$.meta.source_vintages[0].source",
        "names unknown source 'lost-book'",
    ),
    "repeated-title-source": (
        _set("job_titles.0.title_sources", ["alternate-title", "alternate-title"]),
        "$.job_titles[0].title_sources",
        "title_sources must not repeat an entry",
    ),
    "task-id-zero": (
        _set("tasks.0.onet_id", 0),
        "$.tasks[0].onet_id",
        "must be at least 1, got 0",
    ),
    "unknown-task-category": (
        _set("tasks.0.category", "central"),
        "$.tasks[0].category",
        "expected one of 'core', 'supplemental'",
    ),
    "work-activity-without-id": (
        _delete("tasks.0.work_activities.0.id"),
        "$.tasks[0].work_activities[0].id",
        "required field is missing",
    ),
    "number-for-incumbents": (
        _set("tasks.0.incumbents_responding", 28.0),
        "$.tasks[0].incumbents_responding",
        "decimal number written as a string",
    ),
    "descriptor-without-ratings": (
        _set("descriptors.0.ratings", []),
        "$.descriptors[0].ratings",
        "a descriptor needs at least one rating",
    ),
    "repeated-rating-scale": (
        _append("descriptors.0.ratings", {"scale": "RL", "value": "40", "category": 3}),
        "$.descriptors[0].ratings",
        "ratings repeat a scale and category",
    ),
    "negative-rating-category": (
        _set("descriptors.0.ratings.1.category", -1),
        "$.descriptors[0].ratings[1].category",
        "must be at least 0, got -1",
    ),
    "string-for-rating-flag": (
        _set("descriptors.0.ratings.0.recommend_suppress", "N"),
        "$.descriptors[0].ratings[0].recommend_suppress",
        "expected true or false",
    ),
    "unknown-descriptor-domain": (
        _set("descriptors.0.domain", "ability"),
        "$.descriptors[0].domain",
        "expected one of 'skill'",
    ),
    "missing-technology-flag": (
        _delete("technology_skills.0.hot_technology"),
        "$.technology_skills[0].hot_technology",
        "required field is missing",
    ),
    "unknown-code-system": (
        _set("related_occupations.0.code.system", "onet"),
        "$.related_occupations[0].code.system",
        "expected one of 'soc-2018'",
    ),
    "job-zone-out-of-range": (
        _set("job_zones.0.zone", 6),
        "$.job_zones[0].zone",
        "must be from 1 to 5, got 6",
    ),
    "empty-edition": (
        _set("entry_requirements.0.edition", ""),
        "$.entry_requirements[0].edition",
        "must be a non-empty string",
    ),
    "dangling-relation-to-a-tool": (
        _set("relations.1.object", "tool:scalpel"),
        "$.relations[1].object",
        "names unknown record 'tool:scalpel'",
    ),
    "repeated-code-uri": (
        _append(
            "occupation.codes",
            {"system": "esco", "value": "a", "uri": "https://example.org/esco/a"},
            {"system": "esco", "value": "b", "uri": "https://example.org/esco/a"},
        ),
        "$.occupation.codes",
        "codes must not repeat a URI; item 2 repeats the URI of item 1",
    ),
    "conflicting-source-vintage": (
        _append(
            "meta.source_vintages",
            {"source": "example-handbook", "vintage": "2025 edition"},
        ),
        "$.meta.source_vintages[1]",
        "must not repeat a source; item 1 repeats the source of item 0, "
        "'example-handbook'",
    ),
    "attributed-primary-figure": (
        _set("statistics.0.attributed_to", "example-bureau"),
        "$.statistics[0].attributed_to",
        "a primary figure is attributed to no one",
    ),
    "negative-incumbents": (
        _set("tasks.0.incumbents_responding", "-28.0"),
        "$.tasks[0].incumbents_responding",
        "incumbents_responding cannot be negative (-28.0)",
    ),
    "exponent-for-integer": (
        _raw(_replace_once('"order": 1', '"order": 1e2')),
        "$.career_steps[0].order",
        "expected an integer, got 100.0: write it as 100, without a decimal point "
        "or an exponent",
    ),
}


def _documents() -> dict[str, bytes]:
    out = {"00-valid.json": _text(VALID)}
    for number, (name, (mutate, _, _)) in enumerate(CASES.items(), start=1):
        result = mutate(copy.deepcopy(VALID))
        data = result if isinstance(result, bytes) else _text(result)
        out[f"{number:02d}-{name}.json"] = data
    return out


def _expected() -> dict[str, dict[str, str]]:
    return {
        f"{number:02d}-{name}.json": {"path": path, "message": fragment}
        for number, (name, (_, path, fragment)) in enumerate(CASES.items(), start=1)
    }


def write_corpus() -> None:
    for old in HERE.glob("[0-9][0-9]-*.json"):
        old.unlink()
    for name, data in _documents().items():
        (HERE / name).write_bytes(data)
    (HERE / "expected.json").write_text(
        json.dumps(_expected(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


EXPECTED = _expected()


def test_corpus_is_large_enough() -> None:
    assert len(EXPECTED) >= 30


def test_files_match_the_table() -> None:
    on_disk = {path.name: path.read_bytes() for path in HERE.glob("[0-9][0-9]-*.json")}
    assert on_disk == _documents(), "run: python tests/test_bad_documents.py"
    on_disk_expected = json.loads((HERE / "expected.json").read_text("utf-8"))
    assert on_disk_expected == EXPECTED, "run: python tests/test_bad_documents.py"


def test_the_valid_document_loads() -> None:
    kb = hsm_knowledge.loads((HERE / "00-valid.json").read_bytes())
    assert kb.credentials["xcm"].issuer == "example-board"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_document_is_refused_naming_its_path(name: str) -> None:
    data = (HERE / name).read_bytes()
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(data)
    expected = EXPECTED[name]
    wanted = f"{expected['path']}: "
    lines = [line.strip() for line in str(info.value).splitlines()[1:]]
    matching = [line for line in lines if line.startswith(wanted)]
    assert matching, f"no problem at {expected['path']} in:\n{info.value}"
    assert any(expected["message"] in line for line in matching), str(info.value)
    # the problems carry the same paths as the message
    assert expected["path"] in {problem.path for problem in info.value.problems}


# --------------------------------------------------------------------------
# fuzzing: whatever happens to a valid document, only DataError comes out

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10)
    | st.sampled_from(["", "leadership", "2021-01-01", "1.5", "skill:budgeting"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_places(child, (*path, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_places(child, (*path, index)))
    return found


PLACES = _places(VALID)


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    doc = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 3))):
        place = draw(st.sampled_from(PLACES))
        action = draw(st.sampled_from(["replace", "delete", "add-key", "append"]))
        if not place:
            if action == "replace":
                doc = draw(json_values)
            continue
        parent: Any = doc
        try:
            for part in place[:-1]:
                parent = parent[part]
            target = parent[place[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation moved things
        if action == "replace":
            parent[place[-1]] = draw(json_values)
        elif action == "delete":
            del parent[place[-1]]
        elif action == "add-key" and isinstance(target, dict):
            target[draw(st.text(max_size=8))] = draw(json_values)
        elif action == "append" and isinstance(target, list):
            target.append(draw(json_values))
    return doc


def _outcome(data: str | bytes) -> hsm_knowledge.KnowledgeBase | DataError:
    """Load *data*; return the DataError instead of raising it (others escape)."""
    try:
        return hsm_knowledge.loads(data)
    except DataError as error:
        return error


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(mutated_documents())
def test_a_mutated_document_loads_or_raises_data_error(doc: Any) -> None:
    result = _outcome(json.dumps(doc))
    if isinstance(result, DataError):
        assert result.problems
        assert all(problem.path.startswith("$") for problem in result.problems)
    else:
        assert isinstance(result, hsm_knowledge.KnowledgeBase)


@given(
    st.binary(max_size=4).flatmap(
        lambda junk: st.tuples(
            st.just(junk), st.integers(0, len(_text(VALID))), st.integers(0, 4)
        )
    )
)
def test_corrupted_bytes_load_or_raise_data_error(
    change: tuple[bytes, int, int],
) -> None:
    junk, at, cut = change
    data = _text(VALID)
    data = data[:at] + junk + data[at + cut :]
    result = _outcome(data)
    assert isinstance(result, hsm_knowledge.KnowledgeBase) or result.problems


if __name__ == "__main__":
    write_corpus()
    print(f"wrote {len(CASES) + 1} documents to {HERE}", file=sys.stderr)
