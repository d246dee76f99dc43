"""Collections and records cannot be changed, and behave as documented."""

from __future__ import annotations

from typing import ClassVar

import attrs
import pytest

import hsm_knowledge
from hsm_knowledge import KINDS, Citation, Collection, KnowledgeBase, Record
from hsm_knowledge._knowledge import _make_collection


def test_collection_protocol(kb: KnowledgeBase) -> None:
    skills = kb.skills
    assert len(skills) == len(list(skills)) == len(skills.ids())
    first = next(iter(skills))
    assert first.id in skills
    assert first in skills
    assert "no-such-skill" not in skills
    assert skills[first.id] is first
    assert skills.get("no-such-skill") is None
    assert skills.get("no-such-skill", "fallback") == "fallback"
    assert skills.get(["unhashable"]) is None  # type: ignore[arg-type]
    assert next(reversed(skills)) is list(skills)[-1]
    assert repr(skills) == "<Collection of 6 skill records>"


def test_missing_id_suggests_close_ids(kb: KnowledgeBase) -> None:
    with pytest.raises(KeyError) as info:
        kb.credentials["cphr"]
    # The closest id comes first.
    assert "no credential with id 'cphr'; did you mean 'cphrm'" in str(info.value)
    with pytest.raises(KeyError, match="no skill with id 'zzzz'"):
        kb.skills["zzzz"]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_collections_are_read_only(kb: KnowledgeBase, kind: object) -> None:
    collection: Collection[object] = getattr(kb, kind.attr)  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        collection._records = ()  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        del collection._by_id  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        collection["x"] = None  # type: ignore[index]
    assert not hasattr(collection, "append")
    assert not hasattr(collection, "add")


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_records_are_frozen(kb: KnowledgeBase, kind: object) -> None:
    for record in getattr(kb, kind.attr):  # type: ignore[attr-defined]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            record.id = "changed"
        with pytest.raises((AttributeError, TypeError)):
            record.__dict__  # noqa: B018 - slotted records have no __dict__
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            assert not isinstance(value, (list, dict, set)), field.name


def test_knowledge_base_and_occupation_are_frozen(kb: KnowledgeBase) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        kb.skills = kb.skills  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        kb.occupation.codes = ()  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        kb.meta.dataset_version = "x"  # type: ignore[misc]


def test_records_and_collections_hash_and_compare(kb: KnowledgeBase) -> None:
    assert hash(kb) == hash(kb)
    assert Collection(kb.skills, kind="skill") == kb.skills
    assert Collection(kb.skills, kind="skill") != Collection((), kind="skill")
    assert len({*kb.skills, *kb.skills}) == len(kb.skills)


def test_collection_kind_is_checked(kb: KnowledgeBase) -> None:
    # An attribute name gives the kind, so the collections compare equal.
    assert Collection(kb.skills, kind="skills") == kb.skills
    assert Collection(kb.skills, kind="skills").kind == "skill"
    assert Collection([kb.occupation], kind="occupation").kind == "occupation"
    assert Collection([], kind="credential").kind == "credential"
    assert Collection(kb.skills).kind == "record"
    # Records of another kind are refused with the first misfit named,
    # not left to give a misleading filter error later.
    with pytest.raises(TypeError) as info:
        Collection([*kb.credentials, *kb.skills], kind="credential")
    assert str(info.value) == (
        "a 'credential' collection holds Credential records; "
        f"record {len(kb.credentials)} is Skill skill:leadership"
    )
    with pytest.raises(
        ValueError, match="unknown kind 'skils' for skill records; did you mean 'skill'"
    ):
        Collection(kb.skills, kind="skils")
    # the records' own kind is suggested, not a spelling's look-alike
    with pytest.raises(ValueError, match="for skill records; did you mean 'skill'"):
        Collection(kb.skills, kind="course")
    with pytest.raises(TypeError, match="kind must be a kind name"):
        Collection(kb.skills, kind=3)  # type: ignore[arg-type]


def test_a_users_record_class_names_its_own_kind(kb: KnowledgeBase) -> None:
    @attrs.frozen
    class Course(Record):
        kind: ClassVar[str] = "course"

    course = Course(
        id="c1", name="C", summary="s", citations=(Citation(source="x", locator="y"),)
    )
    assert Collection([course], kind=Course).kind == "course"
    with pytest.raises(TypeError, match="declares no kind"):
        Collection([], kind=int)


def test_a_kind_is_named_the_same_way_everywhere(kb: KnowledgeBase) -> None:
    # a name, an attribute name, a record class or a Kind: everywhere a kind
    # is asked for; anything else is a TypeError, an unknown name a ValueError
    skill_kind = next(kind for kind in hsm_knowledge.KINDS if kind.name == "skill")
    leadership = kb.skills["leadership"]
    for kind in ("skill", "skills", hsm_knowledge.Skill, skill_kind):
        assert kb.collection(kind) is kb.skills
        assert kb.lookup("leadership", kind=kind) is leadership
        assert kb.search("leadership", kinds=kind)[0].record is leadership
        assert Collection([leadership], kind=kind).kind == "skill"
    calls = [
        lambda kind: kb.collection(kind),
        lambda kind: kb.lookup("leadership", kind=kind),
        lambda kind: kb.search("leadership", kinds=[kind]),
        lambda kind: kb.related(leadership, kind=kind),
    ]
    for call in calls:
        with pytest.raises(TypeError, match="a kind is a kind name"):
            call(3)
        with pytest.raises(ValueError, match="unknown kind 'skil'"):
            call("skil")


def test_collection_pickles(kb: KnowledgeBase) -> None:
    import pickle

    again = pickle.loads(pickle.dumps(kb))
    assert again == kb
    assert again.skills["leadership"] == kb.skills["leadership"]


@attrs.frozen(kw_only=True)
class Course(Record):
    """A record kind of a user's own."""

    kind: ClassVar[str] = "course"


def test_a_kind_of_the_users_own_is_kept_and_pickles() -> None:
    import pickle

    from hsm_knowledge.serialize import from_dict, to_dict

    course = Course(
        id="c1", name="Budgeting", summary="A course.", citations=(CITATION,)
    )
    collection = Collection([course], kind="course")
    assert collection.kind == "course"
    assert from_dict(Collection[Course], [to_dict(course)]) == collection
    assert pickle.loads(pickle.dumps(collection)) == collection
    # a pickle keeps its kind as written, whatever the version that made it
    assert _make_collection((course,), "Course").kind == "Course"


CITATION = Citation(source="s", locator="l")


def test_a_collection_of_things_without_ids_is_a_type_error() -> None:
    kb = hsm_knowledge.load()
    with pytest.raises(TypeError, match=r"item 0 is str 'a'$"):
        hsm_knowledge.Collection(["a"])
    with pytest.raises(TypeError, match=r"item 1 is int 5$"):
        hsm_knowledge.Collection([kb.skills["leadership"], 5])


def test_a_statistic_collection_holds_statistics_only() -> None:
    kb = hsm_knowledge.load()
    with pytest.raises(TypeError, match="holds statistics, not skill records"):
        hsm_knowledge.StatisticCollection(list(kb.skills), kind="skill")
    assert hsm_knowledge.StatisticCollection(list(kb.statistics)) == kb.statistics


@pytest.mark.parametrize("n", [0, -1])
def test_close_ids_wants_a_count_of_at_least_one(n: int) -> None:
    with pytest.raises(ValueError, match=f"n must be at least 1, got {n}"):
        hsm_knowledge.load().skills.close_ids("leadershp", n=n)


@pytest.mark.parametrize("n", [1.5, 2.0, True, "2"])
def test_close_ids_wants_an_int(n: object) -> None:
    with pytest.raises(TypeError, match="n must be an int, not"):
        hsm_knowledge.load().skills.close_ids("leadershp", n=n)  # type: ignore[arg-type]
