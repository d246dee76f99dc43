"""The JSON Schema: valid, current, shipped, and in agreement with the loader."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import DataError, KnowledgeBase
from hsm_knowledge import strategies as hs
from hsm_knowledge.schema import SCHEMA_ID, dumps, generate, json_schema
from hsm_knowledge.serialize import to_dict

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "src" / "hsm_knowledge" / "data" / "schema" / "dataset.schema.json"
GOLDEN = ROOT / "tests" / "golden" / "dataset-schema-1.json"
BAD = ROOT / "tests" / "bad_documents"

SCHEMA = json_schema()
DATASET = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
OVERLAY = jsonschema.Draft202012Validator(
    {**SCHEMA, "$ref": "#/$defs/Overlay"},
    format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
)


def schema_errors(document: Any, validator: Any = DATASET) -> list[str]:
    return [error.message for error in validator.iter_errors(document)]


def loader_accepts(document: Any, **kwargs: Any) -> bool:
    try:
        hsm_knowledge.loads(json.dumps(document), **kwargs)
    except DataError:
        return False
    return True


def test_the_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"] == SCHEMA_ID
    assert "/1/" in SCHEMA_ID


def test_the_committed_schema_is_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == dumps(generate()), (
        "the model changed: run python -m hsm_knowledge.schema > "
        "src/hsm_knowledge/data/schema/dataset.schema.json"
    )


def test_the_module_prints_the_schema() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "hsm_knowledge.schema"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out == dumps(generate())


def test_the_module_has_help_and_refuses_unknown_options() -> None:
    command = [sys.executable, "-m", "hsm_knowledge.schema"]
    helped = subprocess.run([*command, "--help"], capture_output=True, text=True)
    assert helped.returncode == 0
    assert helped.stdout.startswith("usage: python -m hsm_knowledge.schema")
    assert "$schema" not in helped.stdout
    wrong = subprocess.run([*command, "--bogus"], capture_output=True, text=True)
    assert (wrong.returncode, wrong.stdout) == (2, "")
    assert "unrecognized arguments: --bogus" in wrong.stderr


def test_json_schema_returns_a_fresh_copy() -> None:
    first = json_schema()
    first["$defs"].clear()
    assert json_schema() == SCHEMA


def test_every_record_type_has_a_strict_definition() -> None:
    defs = SCHEMA["$defs"]
    for cls in [kind.cls for kind in hsm_knowledge.KINDS] + [
        hsm_knowledge.Occupation,
        hsm_knowledge.Relation,
        hsm_knowledge.Citation,
        hsm_knowledge.Period,
        hsm_knowledge.OccupationCode,
        hsm_knowledge.DetailedWorkActivity,
        hsm_knowledge.Rating,
        hsm_knowledge.SourceVintage,
        hsm_knowledge.Manifest,
    ]:
        definition = defs[cls.__name__]
        assert definition["additionalProperties"] is False
        assert definition["type"] == "object"
        assert definition["description"]
    skill = defs["Skill"]
    assert skill["required"] == ["id", "name", "summary", "citations", "category"]
    assert skill["properties"]["citations"]["minItems"] == 1
    assert skill["properties"]["aliases"]["uniqueItems"] is True
    assert defs["SkillCategory"]["enum"] == [
        c.value for c in hsm_knowledge.SkillCategory
    ]
    percentile = defs["Statistic"]["properties"]["percentile"]
    assert (percentile["minimum"], percentile["maximum"]) == (1, 99)
    assert defs["CareerStep"]["properties"]["order"]["minimum"] == 1
    assert defs["Manifest"]["properties"]["schema_version"]["enum"] == [1]
    value = defs["Statistic"]["properties"]["value"]
    assert value == {
        "description": "The figure, exactly as published.",
        "type": "string",
        "pattern": "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$",
    }
    assert defs["Period"]["properties"]["start"]["format"] == "date"
    zone = defs["JobZone"]["properties"]["zone"]
    assert (zone["minimum"], zone["maximum"]) == (1, 5)
    assert defs["Task"]["properties"]["onet_id"]["minimum"] == 1
    assert defs["Rating"]["required"] == ["scale", "value"]
    assert defs["Manifest"]["properties"]["source_vintages"]["items"] == {
        "$ref": "#/$defs/SourceVintage"
    }
    assert "source_vintages" not in defs["Manifest"]["required"]
    assert {"ratings": {"minItems": 1}} in [
        rule.get("properties") for rule in defs["Descriptor"]["allOf"]
    ]
    assert {"title_sources": {"uniqueItems": True}} in [
        rule.get("properties") for rule in defs["JobTitle"]["allOf"]
    ]


def test_the_kinds_added_later_are_optional_in_a_dataset() -> None:
    from hsm_knowledge.serialize import REQUIRED_KEYS

    dataset = SCHEMA["$defs"]["Dataset"]
    assert set(dataset["required"]) == REQUIRED_KEYS
    assert list(dataset["properties"]) == [
        "meta",
        "occupation",
        *(kind.attr for kind in hsm_knowledge.KINDS),
        "relations",
    ]


def test_the_generator_refuses_an_invariant_it_was_not_taught() -> None:
    import attrs

    from hsm_knowledge import schema

    @attrs.frozen(kw_only=True)
    class Odd:
        """A class with a rule the generator cannot know."""

        low: int
        high: int

        def __attrs_post_init__(self) -> None:
            if self.high < self.low:
                raise ValueError("high is below low")

    with pytest.raises(TypeError, match="Odd checks invariants in __attrs_post_init"):
        schema._add_class(Odd, {})


def test_the_packaged_data_and_the_golden_file_validate() -> None:
    from hsm_knowledge._loading import packaged_document

    assert schema_errors(packaged_document()) == []
    assert schema_errors(json.loads(GOLDEN.read_text(encoding="utf-8"))) == []
    assert schema_errors(json.loads((BAD / "00-valid.json").read_text("utf-8"))) == []


@settings(max_examples=25)
@given(hs.knowledge_bases(max_records=3))
def test_every_valid_dataset_is_valid_against_the_schema(kb: KnowledgeBase) -> None:
    document = to_dict(kb)
    assert schema_errors(document) == []
    assert loader_accepts(document)


def _json_documents() -> list[str]:
    names = []
    for path in sorted(BAD.glob("[0-9][0-9]-*.json")):
        try:
            json.loads(path.read_bytes().decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            continue  # not JSON: nothing for a schema to judge
        if path.name != "00-valid.json":
            names.append(path.name)
    return names


@pytest.mark.parametrize("name", _json_documents())
def test_the_schema_refuses_what_it_can_state_of_the_bad_corpus(name: str) -> None:
    document = json.loads((BAD / name).read_bytes().decode("utf-8"))
    beyond_schema = {
        # rules JSON Schema cannot state; the loader alone checks them
        "duplicate-id",
        "dangling-issuer",
        "dangling-citation",
        "dangling-relation-end",
        "dangling-facility-type",
        "parent-cycle",
        "repeated-step-order",
        "period-ends-before-start",
        "impossible-date",
        "relation-to-itself",
        "unsupported-schema-version",
        "dangling-source-vintage",
        "repeated-rating-scale",
        "dangling-relation-to-a-tool",
        "repeated-code-uri",
        "conflicting-source-vintage",
        # JSON Schema counts 1e2, like 100.0, as an integer
        "exponent-for-integer",
        # what Python's json accepts but JSON does not: the parser's job
        "nan",
        "infinity",
        "number-too-large",
        "repeated-key",
        "unpaired-surrogate",
        "integer-too-long",
        # In Python's re (which jsonschema uses) and in PCRE, "$" also
        # matches before a final newline, so "budgeting\n" passes the id
        # pattern there (not in ECMA 262). Patterns stay RE2-compatible.
        "id-with-newline",
    }
    stem = name[3:-5]
    errors = schema_errors(document)
    if stem in beyond_schema:
        if stem == "unsupported-schema-version":
            assert errors  # the schema names version 1 only
        return
    assert errors, f"the schema accepts {name}"


# --------------------------------------------------------------------------
# mutations: what the schema refuses, the loader refuses too


VALID_DOCUMENT = json.loads((BAD / "00-valid.json").read_text("utf-8"))


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_places(child, (*path, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_places(child, (*path, index)))
    return found


PLACES = _places(VALID_DOCUMENT)

replacements = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [
            "",
            " padded",
            "Bad Id",
            "leadership",
            "skill:leadership",
            "2021-02-30",
            "1e5",
            "-5",
            "USD",
            "usd",
            "editorial",
            "percent",
            "ftp://x",
            "x",
        ]
    ),
    st.just([]),
    st.just({}),
)


@st.composite
def mutations(draw: st.DrawFn) -> tuple[Any, str]:
    document = copy.deepcopy(VALID_DOCUMENT)
    place = draw(st.sampled_from(PLACES))
    parent = document
    for part in place[:-1]:
        parent = parent[part]
    action = draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "replace":
        parent[place[-1]] = draw(replacements)
    elif action == "delete":
        del parent[place[-1]]
    elif isinstance(parent, dict):
        parent[draw(st.sampled_from(["extra", "Name", "id2"]))] = 1
    else:
        parent.append(draw(replacements))
    return document, f"{action} {place}"


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_what_the_schema_refuses_the_loader_refuses(mutation: tuple[Any, str]) -> None:
    document, _ = mutation
    if schema_errors(document):
        assert not loader_accepts(document)
    if loader_accepts(document):
        assert schema_errors(document) == []


@pytest.mark.parametrize(
    ("place", "value"),
    [
        (("skills", 0, "category"), "cooking"),
        (("skills", 0, "id"), "Leadership"),
        (("skills", 0, "name"), 5),
        (("skills", 0, "citations"), []),
        (("career_steps", 0, "order"), 0),
        (("career_steps", 0, "order"), "1"),
        (("statistics", 0, "value"), 101340),
        (("statistics", 0, "value"), "-1"),
        (("statistics", 0, "currency"), None),
        (("statistics", 0, "percentile"), 50),
        (("relations", 0, "rationale"), None),
        (("sources", 0, "url"), "ftp://example.org"),
        (("meta", "schema_version"), 2),
        (("occupation", "codes", 0, "system"), "isco-88"),
        (("descriptors", 0, "ratings"), []),
        (("descriptors", 0, "ratings", 1, "category"), -1),
        (("job_titles", 0, "title_sources"), ["reported-title", "reported-title"]),
        (("job_zones", 0, "zone"), 0),
        (("tasks", 0, "incumbents_responding"), 28),
        (("tasks", 0, "work_activities", 0, "date"), "08/2022"),
        (("meta", "source_vintages", 0, "vintage"), " 2026"),
    ],
)
def test_the_schema_and_the_loader_both_refuse(
    place: tuple[Any, ...], value: Any
) -> None:
    document = copy.deepcopy(VALID_DOCUMENT)
    parent = document
    for part in place[:-1]:
        parent = parent[part]
    parent[place[-1]] = value
    assert schema_errors(document)
    assert not loader_accepts(document)


def test_a_repeated_code_system_is_refused_by_both() -> None:
    document = copy.deepcopy(VALID_DOCUMENT)
    document["occupation"]["codes"].append({"system": "soc-2018", "value": "11-9110"})
    assert schema_errors(document)
    assert not loader_accepts(document)
    document["occupation"]["codes"] = [
        {"system": "esco", "value": "a"},
        {"system": "esco", "value": "b"},
    ]
    assert schema_errors(document) == []
    assert loader_accepts(document)


def test_overlays_validate_against_the_overlay_definition() -> None:
    skill = copy.deepcopy(VALID_DOCUMENT["skills"][1])
    skill["id"] = "negotiation"
    skill["citations"] = [{"source": "seed-article", "locator": "Skills"}]
    document = {"skills": [skill]}
    assert schema_errors(document, OVERLAY) == []
    assert loader_accepts(document, extend=True)
    with_occupation = {**document, "occupation": VALID_DOCUMENT["occupation"]}
    assert schema_errors(with_occupation, OVERLAY)
    assert not loader_accepts(with_occupation, extend=True)
    assert schema_errors(document)  # not a whole dataset


# ECMA-262's \s, which JSON Schema validators in JavaScript use: Python's
# whitespace, less the separators Python counts (U+001C to U+001F, U+0085),
# plus U+FEFF.
_ECMA_SPACE = (
    r"\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)


def _as_ecma(pattern: str) -> re.Pattern[str]:
    """*pattern* with \\s and \\S as ECMA-262 reads them (the schema's patterns
    use \\s only inside a class and \\S only outside one)."""
    return re.compile(
        pattern.replace("\\s", _ECMA_SPACE).replace("\\S", f"[^{_ECMA_SPACE}]")
    )


_TRICKY_TEXTS = [
    "a\ufeffb",  # U+FEFF inside text
    "line\nbreak\r\nand\ttab",
    "\U0001fae8",  # newer than this Python's Unicode: unassigned here
    "\ue000",  # private use
    "Zürich 中文 🙂\u200d👍",
    "x\u2028y",  # a line separator between letters
]


@given(st.one_of(hs.texts(), st.sampled_from(_TRICKY_TEXTS)))
def test_text_the_loader_accepts_matches_the_schema_in_python_and_ecma(
    text: str,
) -> None:
    from hsm_knowledge.schema import TEXT_PATTERN

    hsm_knowledge.Citation(source="s", locator=text)  # the loader's rules
    assert re.fullmatch(TEXT_PATTERN, text)
    assert _as_ecma(TEXT_PATTERN).fullmatch(text)


@pytest.mark.parametrize(
    "text",
    [
        "a ",
        "\ufeffa",
        "a\u200b",
        "\u200ba",
        "a\u00ad",
        "a\u200c",
        "\u200da",
        "a\u2060",
        "\u180ea",
        "\u200b",
    ],
)
def test_text_the_loader_refuses_at_an_end_the_schema_refuses_too(text: str) -> None:
    from hsm_knowledge.schema import TEXT_PATTERN

    with pytest.raises(ValueError, match=r"must not start or end|visible character"):
        hsm_knowledge.Citation(source="s", locator=text)
    assert not re.fullmatch(TEXT_PATTERN, text)
    assert not _as_ecma(TEXT_PATTERN).fullmatch(text)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org",
        "http://localhost:8000/a?b=c#d",
        "https://user@example.com/",
        "https://bücher.example/straße",
        "https://example.org/a%20b",
    ],
)
def test_a_url_the_loader_accepts_matches_the_schema_in_python_and_ecma(
    url: str,
) -> None:
    from hsm_knowledge.schema import URL_PATTERN

    hsm_knowledge.Organization(
        id="o", name="n", summary="s", citations=(CITATION,), url=url
    )
    assert re.fullmatch(URL_PATTERN, url)
    assert _as_ecma(URL_PATTERN).fullmatch(url)


def test_where_ecma_and_python_disagree_the_loader_refuses() -> None:
    # U+FEFF is whitespace to ECMA-262, not to Python: the loader refuses
    # it where the schema's patterns would read it as whitespace
    for text in ("\ufeffLeadership", "Leadership\ufeff"):
        with pytest.raises(ValueError, match="must not start or end with whitespace"):
            hsm_knowledge.Citation(source="s", locator=text)
    with pytest.raises(ValueError, match="is not an http"):
        hsm_knowledge.Organization(
            id="o",
            name="n",
            summary="s",
            citations=(CITATION,),
            url="https://exa\ufeffmple.com",
        )


CITATION = hsm_knowledge.Citation(source="s", locator="l")
