"""Integrity of the packaged data, and the checks that guard any dataset."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import KINDS, DataError, KnowledgeBase, Record
from hsm_knowledge._loading import packaged_document


def test_counts_are_pinned(kb: KnowledgeBase) -> None:
    counts = {kind.attr: len(getattr(kb, kind.attr)) for kind in KINDS}
    assert counts == {
        "sources": 26,
        "organizations": 17,
        "responsibilities": 5,
        "specializations": 4,
        "skills": 6,
        "credentials": 9,
        "career_steps": 4,
        "benefits": 6,
        "work_settings": 6,
        "job_titles": 96,
        "statistics": 67,
        "tasks": 18,
        "descriptors": 108,
        "technology_skills": 127,
        "tools": 4,
        "related_occupations": 22,
        "job_zones": 1,
        "entry_requirements": 6,
    }
    assert len(kb.relations) == 82


def test_ids_unique_within_each_kind(kb: KnowledgeBase) -> None:
    for kind in KINDS:
        ids = [r.id for r in getattr(kb, kind.attr)]
        assert len(ids) == len(set(ids)), kind.name


def test_every_record_cites_a_known_source(kb: KnowledgeBase) -> None:
    records: list[Record] = [kb.occupation]
    for kind in KINDS[1:]:
        records.extend(getattr(kb, kind.attr))
    for record in [*records, *kb.relations]:
        assert record.citations, record
        for citation in record.citations:
            assert citation.source in kb.sources
            assert citation.locator.strip()


def test_every_reference_resolves(kb: KnowledgeBase) -> None:
    for credential in kb.credentials:
        assert credential.issuer in kb.organizations
    for org in kb.organizations:
        assert org.parent is None or org.parent in kb.organizations
    for source in kb.sources:
        assert source.publisher is None or source.publisher in kb.organizations
    for statistic in kb.statistics:
        assert statistic.attributed_to is None or (
            statistic.attributed_to in kb.organizations
        )
    for ref in kb.occupation.facility_types:
        assert ref in kb.work_settings
    for relation in kb.relations:
        for ref in (relation.subject, relation.object):
            kind, record_id = hsm_knowledge.split_ref(ref)
            if kind == "occupation":
                assert record_id == kb.occupation.id
            else:
                assert record_id in kb.collection(kind)


def test_credential_ids_are_lowercase_abbreviations(kb: KnowledgeBase) -> None:
    for credential in kb.credentials:
        assert credential.id == credential.abbreviation.lower()


def test_every_figure_keeps_unit_period_and_geography(kb: KnowledgeBase) -> None:
    for figure in kb.statistics:
        assert figure.unit is not None
        assert figure.period.start <= figure.period.end
        assert figure.geography
        assert (figure.currency is not None) == figure.unit.is_monetary


def test_editorial_relations_have_rationales(kb: KnowledgeBase) -> None:
    for relation in kb.relations:
        if relation.basis is hsm_knowledge.Basis.EDITORIAL:
            assert relation.rationale


def _broken(mutate: Any) -> str:
    document = packaged_document()
    mutate(document)
    with pytest.raises(DataError) as info:
        hsm_knowledge.loads(json.dumps(document))
    return str(info.value)


def test_every_problem_is_reported_at_once() -> None:
    def mutate(doc: dict[str, Any]) -> None:
        # A copy of a skill (changing an existing id would also break the
        # relations that name it).
        doc["skills"].append(dict(doc["skills"][0]))
        doc["credentials"][0]["issuer"] = "nobody"
        doc["benefits"][2]["citations"][0]["source"] = "no-such-source"
        doc["organizations"][1]["parent"] = "missing-parent"
        doc["relations"][0]["object"] = "credential:xyz"
        doc["occupation"]["facility_types"].append("moon-base")
        doc["sources"][1]["publisher"] = "ghost"

    message = _broken(mutate)
    lines = message.splitlines()
    assert lines[0] == "invalid dataset (7 problems):"
    expected = [
        "$.skills[6].id: duplicate skill id 'leadership' (first at $.skills[0])",
        "$.credentials[0].issuer: names unknown organization 'nobody'",
        "$.benefits[2].citations[0].source: cites unknown source 'no-such-source'",
        "$.organizations[1].parent: names unknown organization 'missing-parent'",
        "$.relations[0].object: names unknown record 'credential:xyz'",
        "$.occupation.facility_types[4]: names unknown work-setting 'moon-base'",
        "$.sources[1].publisher: names unknown organization 'ghost'",
    ]
    for line in expected:
        assert any(text.strip().startswith(line) for text in lines), line


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("skills:leadership", "'skill:leadership'"),  # the attribute name
        ("skil:leadership", "'skill:leadership'"),  # a slip
        ("zzzz:leadership", None),  # nothing close
        ("relations:leadership", None),  # not "specialization"
        ("relatons:leadership", None),  # nor for a slip of it
    ],
)
def test_a_relation_with_an_unknown_kind_says_what_it_may_mean(
    written: str, meant: str | None
) -> None:
    def mutate(doc: dict[str, Any]) -> None:
        doc["relations"][0]["subject"] = written

    message = _broken(mutate)
    kind = written.partition(":")[0]
    assert f"$.relations[0].subject: unknown kind '{kind}'" in message
    if meant is None:
        assert "did you mean" not in message
        if kind == "relations":  # (the slip gets no explanation, only no guess)
            assert "; a relation links records, not other relations; known:" in message
    else:
        assert f"; did you mean {meant}?; known: occupation, source" in message


def test_values_in_messages_are_cut_and_suggestions_are_bounded() -> None:
    def mutate(doc: dict[str, Any]) -> None:
        doc["credentials"][0]["issuer"] = "a" * 5000
        template = doc["credentials"][1]
        doc["credentials"].extend(
            dict(template, id=f"copy-{i}", issuer=f"pahcomm{i}") for i in range(40)
        )

    lines = _broken(mutate).splitlines()
    assert lines[0] == "invalid dataset (41 problems):"
    # a long value is quoted cut, not whole
    assert lines[1] == (
        f"  $.credentials[0].issuer: names unknown organization '{'a' * 57}...'"
    )
    # each suggestion compares the value with every id: the first 20 get
    # one, the rest none, so that thousands cannot take minutes
    suggested = [line for line in lines if "did you mean" in line]
    assert 0 < len(suggested) <= 20
    assert "did you mean" not in lines[-1]


def test_parent_cycle_is_reported() -> None:
    def mutate(doc: dict[str, Any]) -> None:
        doc["organizations"][0]["parent"] = "aha-certification-center"

    assert "is its own ancestor" in _broken(mutate)


# A small valid dataset with two organizations, example-bureau and its
# division example-board.
SMALL = json.loads(
    (Path(__file__).parent / "bad_documents" / "00-valid.json").read_text("utf-8")
)


def _with_organizations(pairs: list[tuple[str, str | None]]) -> str:
    """The small dataset with organizations (id, parent) added after its own."""
    document = json.loads(json.dumps(SMALL))
    template = {k: v for k, v in document["organizations"][0].items() if k != "id"}
    for org_id, parent in pairs:
        org = dict(template, id=org_id)
        if parent is not None:
            org["parent"] = parent
        document["organizations"].append(org)
    return json.dumps(document)


def _ancestor_problems(data: str) -> list[str]:
    """The parent-cycle problems of loading *data*; none if it loads."""
    try:
        hsm_knowledge.loads(data)
    except DataError as error:
        return [
            str(p)
            for p in error.problems
            if "own ancestor" in p.message or "go round a cycle" in p.message
        ]
    return []


def test_a_long_parent_chain_loads() -> None:
    # o0's parent is o1, ..., o9999's is example-bureau: each organization
    # is checked once, not walked up again from each of its descendants
    count = 10_000
    pairs: list[tuple[str, str | None]] = [
        (f"o{i}", f"o{i + 1}") for i in range(count - 1)
    ]
    pairs.append((f"o{count - 1}", "example-bureau"))
    kb = hsm_knowledge.loads(_with_organizations(pairs))
    assert len(kb.organizations) == count + 2
    assert kb.organizations["o0"].parent == "o1"


class _CountingParents(dict[str, "str | None"]):
    """A parent table that counts how often it is read."""

    reads = 0

    def __getitem__(self, key: str) -> str | None:
        self.reads += 1
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self.reads += 1
        return super().__contains__(key)


@pytest.mark.parametrize("cycle", [False, True])
def test_the_cycle_check_reads_each_parent_a_bounded_number_of_times(
    cycle: bool,
) -> None:
    # the check's cost, counted instead of timed: a walk up from every
    # organization would read a 2,000-long chain about 2 million times
    from hsm_knowledge._knowledge import _chains_that_end

    count = 2_000
    parents = _CountingParents(
        {f"o{i}": f"o{i + 1}" for i in range(count - 1)}
        | {f"o{count - 1}": "o0" if cycle else None}
    )
    ends = _chains_that_end(parents)
    assert set(ends.values()) == {not cycle}
    assert parents.reads <= 4 * count


def test_every_organization_on_or_below_a_cycle_is_reported() -> None:
    pairs: list[tuple[str, str | None]] = [
        ("a", "b"),  # a -> b -> a
        ("b", "a"),
        ("c", "d"),  # c -> d -> e -> c
        ("d", "e"),
        ("e", "c"),
        ("below", "a"),  # leads into a cycle
        ("fine", "example-board"),  # ends
        ("lost", "nowhere"),  # ends at an unknown parent
    ]
    # a long chain into a cycle: every member is reported
    pairs += [(f"o{i}", f"o{i + 1}") for i in range(999)]
    pairs.append(("o999", "c"))
    problems = _ancestor_problems(_with_organizations(pairs))
    at = {name: i + 2 for i, (name, _) in enumerate(pairs)}

    def own(name: str, chain: str) -> str:
        return (
            f"$.organizations[{at[name]}].parent: organization {name!r} is its "
            f"own ancestor ({chain})"
        )

    def below(name: str, chain: str) -> str:
        return (
            f"$.organizations[{at[name]}].parent: organization {name!r} has "
            f"parents that go round a cycle it is not on ({chain})"
        )

    assert problems[:6] == [
        own("a", "'a' -> 'b' -> 'a'"),
        own("b", "'b' -> 'a' -> 'b'"),
        own("c", "'c' -> 'd' -> 'e' -> 'c'"),
        own("d", "'d' -> 'e' -> 'c' -> 'd'"),
        own("e", "'e' -> 'c' -> 'd' -> 'e'"),
        below("below", "'below' -> 'a' -> 'b' -> 'a'"),
    ]

    def shown(walk: list[str]) -> str:  # a long chain is cut after six ids
        return " -> ".join([*map(repr, walk[:6]), *(["..."] if walk[6:] else [])])

    assert problems[6:] == [
        below(f"o{i}", shown([f"o{j}" for j in range(i, 1000)] + ["c", "d", "e", "c"]))
        for i in range(1000)
    ]
    assert problems[-1].endswith("('o999' -> 'c' -> 'd' -> 'e' -> 'c')")
    assert problems[6].endswith("('o0' -> 'o1' -> 'o2' -> 'o3' -> 'o4' -> 'o5' -> ...)")


def test_a_repeated_id_whose_parent_leads_back_to_it_is_reported() -> None:
    # the first x ends at example-bureau; the second x's parent y leads back
    # to x
    pairs: list[tuple[str, str | None]] = [
        ("x", "example-bureau"),
        ("y", "x"),
        ("x", "y"),
        ("y", "example-board"),  # ends: y's parent is the first y's, x
    ]
    assert _ancestor_problems(_with_organizations(pairs)) == [
        "$.organizations[4].parent: organization 'x' is its own ancestor "
        "('x' -> 'y' -> 'x')"
    ]


def test_a_repeated_id_on_a_cycle_is_not_said_to_be_off_it() -> None:
    # the second a leads back to a through b; the second b leads into the
    # cycle c -> b -> c, which it may or may not be on: neither is claimed
    pairs: list[tuple[str, str | None]] = [
        ("a", "b"),
        ("b", "a"),
        ("a", "b"),
        ("c", "b"),
        ("b", "c"),
    ]
    problems = _ancestor_problems(_with_organizations(pairs))
    assert problems == [
        "$.organizations[2].parent: organization 'a' is its own ancestor "
        "('a' -> 'b' -> 'a')",
        "$.organizations[3].parent: organization 'b' is its own ancestor "
        "('b' -> 'a' -> 'b')",
        "$.organizations[4].parent: organization 'a' has parents that go round "
        "a cycle ('a' -> 'b' -> 'a')",
        "$.organizations[5].parent: organization 'c' has parents that go round "
        "a cycle it is not on ('c' -> 'b' -> 'a' -> 'b')",
        "$.organizations[6].parent: organization 'b' has parents that go round "
        "a cycle ('b' -> 'c' -> 'b')",
    ]


def _walked_up(pairs: list[tuple[str, str | None]]) -> dict[int, bool]:
    """The organizations that come back to one passed, walking up parents.

    The definition, followed from each organization in turn (through the
    first record of a repeated id): each one's index, and whether the walk
    came back to the organization's own id.
    """
    parent_of: dict[str, str | None] = {}
    for org_id, parent in pairs:
        parent_of.setdefault(org_id, parent)
    found = {}
    for index, (org_id, parent) in enumerate(pairs):
        seen = {org_id}
        met_itself = False
        while parent is not None and parent in parent_of:
            met_itself = met_itself or parent == org_id
            if parent in seen:
                found[index] = met_itself
                break
            seen.add(parent)
            parent = parent_of[parent]
    return found


_IDS = ["o0", "o1", "o2", "o3", "o4", "o5"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(_IDS),
            st.none() | st.sampled_from([*_IDS, "nowhere", "example-bureau"]),
        ).filter(lambda pair: pair[0] != pair[1]),  # (a record's own rule)
        max_size=12,
    )
)
def test_cycles_are_reported_where_walking_up_comes_back(
    pairs: list[tuple[str, str | None]],
) -> None:
    problems = _ancestor_problems(_with_organizations(pairs))
    walked = _walked_up(pairs)
    assert [p.split(":")[0] for p in problems] == [
        f"$.organizations[{i + 2}].parent" for i in walked
    ]
    repeated = {i for i, (org_id, _) in enumerate(pairs) if org_id in dict(pairs[:i])}
    for (i, met_itself), problem in zip(walked.items(), problems, strict=True):
        # "its own ancestor" only when it is; for a record that is not the
        # first of its id, "go round a cycle" may also be said when it is
        if "own ancestor" in problem:
            assert met_itself
        elif i not in repeated:
            assert not met_itself
        assert f"({pairs[i][0]!r} -> " in problem


def test_steps_out_of_order_are_reported() -> None:
    def mutate(doc: dict[str, Any]) -> None:
        doc["career_steps"][1]["order"] = 1

    assert "$.career_steps[1].order: step order 1 repeats" in _broken(mutate)


def test_building_directly_checks_integrity(kb: KnowledgeBase) -> None:
    skills = [*kb.skills, kb.skills["leadership"]]
    with pytest.raises(DataError, match=r"\$\.skills\[6\]\.id: duplicate skill id"):
        attrs.evolve(kb, skills=skills)


def test_evolve_with_plain_tuples_gives_collections(kb: KnowledgeBase) -> None:
    smaller = attrs.evolve(kb, relations=(), job_titles=())
    assert isinstance(smaller.job_titles, hsm_knowledge.Collection)
    assert smaller.job_titles.kind == "job-title"
    assert len(smaller.job_titles) == 0


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({"meta": None}, ["$.meta: expected a Manifest, got NoneType"]),
        (
            {"skills": None},
            ["$.skills: expected an iterable of Skill records, got NoneType"],
        ),
        ({"skills": "leadership"}, ["$.skills: expected an iterable of Skill"]),
        ({"skills": [{"id": "x"}]}, ["$.skills[0]: expected a Skill, got dict"]),
        (
            {"relations": None},
            ["$.relations: expected an iterable of Relation records, got NoneType"],
        ),
    ],
)
def test_a_knowledge_base_refuses_what_its_fields_cannot_hold(
    kb: KnowledgeBase, changes: dict[str, object], problems: list[str]
) -> None:
    with pytest.raises(DataError) as caught:
        attrs.evolve(kb, **changes)  # type: ignore[misc]
    found = [f"{p.path}: {p.message}" for p in caught.value.problems]
    assert len(found) == len(problems)
    assert all(f.startswith(p) for f, p in zip(found, problems, strict=True))


def test_records_of_the_wrong_kind_are_named_one_by_one(kb: KnowledgeBase) -> None:
    with pytest.raises(DataError) as caught:
        attrs.evolve(kb, skills=list(kb.credentials))
    assert [f"{p.path}: {p.message}" for p in caught.value.problems] == [
        f"$.skills[{i}]: expected a Skill, got Credential credential:{c.id}"
        for i, c in enumerate(kb.credentials)
    ]


def test_any_iterable_of_records_is_read_once(kb: KnowledgeBase) -> None:
    again = attrs.evolve(kb, skills=iter(kb.skills), relations=iter(kb.relations))
    assert again == kb
