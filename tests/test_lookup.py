"""resolve(), lookup(), sources_for() and the occupation's codes."""

from __future__ import annotations

import json
import pickle
import re
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import (
    KINDS,
    AnyRecord,
    CodeSystem,
    Credential,
    Descriptor,
    KnowledgeBase,
    Skill,
    Source,
)
from hsm_knowledge._search import normalize
from hsm_knowledge.serialize import to_dict

KB = hsm_knowledge.load()


def all_records(kb: KnowledgeBase) -> list[tuple[str, AnyRecord]]:
    out: list[tuple[str, AnyRecord]] = [("occupation", kb.occupation)]
    for kind in hsm_knowledge.KINDS:
        out.extend((kind.name, record) for record in getattr(kb, kind.attr))
    return out


RECORDS = all_records(KB)


# --------------------------------------------------------------------------
# resolve


def test_resolve_every_reference() -> None:
    for kind, record in RECORDS:
        assert KB.resolve(f"{kind}:{record.id}") is record


def test_resolve_examples(kb: KnowledgeBase) -> None:
    assert kb.resolve("skill:financial-management") is kb.skills["financial-management"]
    assert (
        kb.resolve("responsibility:financial-management")
        is (kb.responsibilities["financial-management"])
    )
    assert kb.resolve("occupation:medical-and-health-services-managers") is (
        kb.occupation
    )


@pytest.mark.parametrize(
    "ref",
    ["skill", "skill:", ":leadership", "Skill:Leadership", "skill leadership", ""],
)
def test_resolve_malformed_reference(kb: KnowledgeBase, ref: str) -> None:
    with pytest.raises(ValueError, match=r"is not a reference(:| of the form kind:id)"):
        kb.resolve(ref)


def test_resolve_unknown_kind_lists_the_kinds(kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="unknown kind") as info:
        kb.resolve("skil:leadership")
    message = str(info.value)
    assert message.startswith(
        "unknown kind 'skil' in 'skil:leadership'; did you mean 'skill'?; known kinds: "
    )
    assert "occupation, source, organization" in message
    # a reference names the kind, never its attribute: not offered here
    assert "career_steps" not in message
    with pytest.raises(ValueError, match="unknown kind 'skills' in 'skills:x'; did"):
        kb.resolve("skills:x")
    with pytest.raises(ValueError, match="relations are edges between records"):
        kb.resolve("relation:x")


def test_resolve_unknown_id_suggests_close_ids(kb: KnowledgeBase) -> None:
    with pytest.raises(KeyError, match="no skill with id 'leadershp'; did you mean"):
        kb.resolve("skill:leadershp")
    with pytest.raises(LookupError, match="describes 'occupation:medical-and-health"):
        kb.resolve("occupation:nurses")


# --------------------------------------------------------------------------
# lookup


def test_lookup_examples(kb: KnowledgeBase) -> None:
    assert kb.lookup("cphrm") is kb.credentials["cphrm"]
    assert kb.lookup("CPHRM") is kb.credentials["cphrm"]
    assert kb.lookup("Certified Medical Manager") is kb.credentials["cmm"]
    assert (
        kb.lookup("certified professional in healthcare risk management")
        is (kb.credentials["cphrm"])
    )  # an alias
    assert kb.lookup("HR") is kb.responsibilities["human-resources"]
    assert kb.lookup("nursing home") is kb.work_settings["long-term-care-facility"]
    assert kb.lookup("BLS") is kb.organizations["bls"]
    assert kb.lookup("Health services manager") is kb.occupation
    assert kb.lookup("skill:leadership") is kb.skills["leadership"]


def test_lookup_ignores_case_accents_and_punctuation(kb: KnowledgeBase) -> None:
    assert kb.lookup("  CERTIFIÉD   medical-MANAGER ") is kb.credentials["cmm"]
    assert (
        kb.lookup("Lóng-term care facilities")
        is (kb.work_settings["long-term-care-facility"])
    )


def test_lookup_prefers_an_id_over_a_name_over_an_alias(kb: KnowledgeBase) -> None:
    hospital = kb.work_settings["hospital"]
    greedy = attrs.evolve(hospital, aliases=(*hospital.aliases, "clinic", "Clinics"))
    other = attrs.evolve(
        kb,
        work_settings=[greedy if s.id == "hospital" else s for s in kb.work_settings],
    )
    clinic = other.work_settings["clinic"]
    assert other.lookup("clinic") is clinic  # an id beats an alias
    assert other.lookup("Clinics") is clinic  # a name beats an alias
    assert other.lookup("medical center") is greedy


def test_an_id_and_a_name_of_other_kinds_are_ambiguous(kb: KnowledgeBase) -> None:
    # "leadership" is the id of the seed's skill (named "Leadership and
    # communication") and the name of O*NET's work style
    with pytest.raises(LookupError) as info:
        kb.lookup("Leadership")
    assert str(info.value) == (
        "'Leadership' names 2 records: descriptor:work-style-leadership, "
        "skill:leadership; pass kind= or resolve a kind:id reference"
    )
    assert kb.lookup("leadership", kind="skill") is kb.skills["leadership"]
    work_style = kb.descriptors["work-style-leadership"]
    assert kb.lookup("Leadership", Descriptor) is work_style
    assert kb.lookup("work style leadership") is work_style


def test_names_shared_within_a_kind_are_ambiguous(kb: KnowledgeBase) -> None:
    # O*NET has a skill and a knowledge area named "Mathematics"
    with pytest.raises(hsm_knowledge.AmbiguousLookupError) as info:
        kb.lookup("Mathematics", kind="descriptor")
    # passing a kind cannot help here, so the message does not suggest it
    assert str(info.value) == (
        "'Mathematics' names 2 records: descriptor:knowledge-mathematics, "
        "descriptor:skill-mathematics; resolve a kind:id reference"
    )
    assert (
        kb.lookup("skill-mathematics", kind="descriptor")
        is (kb.descriptors["skill-mathematics"])
    )
    with pytest.raises(LookupError, match="work-style-independence, descriptor:wo"):
        kb.lookup("independence")


def test_a_record_wins_over_a_source_titled_after_it(kb: KnowledgeBase) -> None:
    rhia = kb.credentials["rhia"]
    wikipedia = kb.sources["wikipedia-rhia"]
    assert normalize(wikipedia.title) == normalize(rhia.name)
    assert kb.lookup(rhia.name) is rhia
    assert kb.lookup(wikipedia.title, kind="source") is wikipedia
    # a title no other record has finds its source
    ooh = kb.sources["bls-ooh-2023-33"]
    assert kb.lookup(ooh.title) is ooh


def test_an_alias_shared_across_kinds_is_ambiguous(kb: KnowledgeBase) -> None:
    # ESCO gives "health service manager" as another name of the healthcare
    # institution manager; the occupation has the same alias
    with pytest.raises(LookupError) as info:
        kb.lookup("health service manager")
    assert "occupation:medical-and-health-services-managers, " in str(info.value)
    assert "related-occupation:healthcare-institution-manager;" in str(info.value)
    assert kb.lookup("health service manager", kind="occupation") is kb.occupation


def test_lookup_by_kind(kb: KnowledgeBase) -> None:
    skill = kb.lookup("financial management", kind="skill")
    assert skill is kb.skills["financial-management"]
    typed: Skill = kb.lookup("financial management", Skill)
    assert typed is skill
    assert (
        kb.lookup("financial management", "responsibility")
        is (kb.responsibilities["financial-management"])
    )


def test_ambiguous_lookup_names_every_candidate(kb: KnowledgeBase) -> None:
    with pytest.raises(LookupError) as info:
        kb.lookup("Financial Management")
    assert str(info.value) == (
        "'Financial Management' names 2 records: "
        "responsibility:financial-management, skill:financial-management; "
        "pass kind= or resolve a kind:id reference"
    )


def test_an_ambiguous_lookup_can_be_told_from_a_miss(kb: KnowledgeBase) -> None:
    with pytest.raises(hsm_knowledge.AmbiguousLookupError) as info:
        kb.lookup("leadership")
    error = info.value
    assert isinstance(error, LookupError)
    assert error.text == "leadership"
    assert error.candidates == (
        kb.descriptors["work-style-leadership"],
        kb.skills["leadership"],
    )
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is hsm_knowledge.AmbiguousLookupError
    assert (str(again), again.text, again.candidates) == (
        str(error),
        error.text,
        error.candidates,
    )
    with pytest.raises(LookupError) as miss:
        kb.lookup("no such thing at all")
    assert not isinstance(miss.value, hsm_knowledge.AmbiguousLookupError)


def test_lookup_miss_suggests_close_matches(kb: KnowledgeBase) -> None:
    with pytest.raises(LookupError) as info:
        kb.lookup("cphr")
    message = str(info.value)
    assert message.startswith(
        "no record has the id, name, abbreviation or alias 'cphr'; close matches: "
        "'cphrm' (credential:cphrm)"
    )
    with pytest.raises(LookupError, match="no credential record has"):
        kb.lookup("leadership", kind="credential")
    with pytest.raises(LookupError) as info:
        kb.lookup("zzzzzzzz")
    assert "close matches" not in str(info.value)


def test_lookup_with_a_kind_suggests_only_that_kind(kb: KnowledgeBase) -> None:
    for text, kind in [
        ("financial managment", "skill"),
        ("leadershp", "descriptor"),
        ("leadershp", "skill"),
    ]:
        with pytest.raises(LookupError) as info:
            kb.lookup(text, kind=kind)
        suggested = re.findall(r"\(([a-z-]+):[a-z0-9.-]+\)", str(info.value))
        assert suggested, str(info.value)
        assert set(suggested) == {kind}, str(info.value)


def test_lookup_reads_a_reference_in_any_case(kb: KnowledgeBase) -> None:
    leadership = kb.skills["leadership"]
    for text in ("skill:leadership", "Skill:Leadership", " SKILL : leadership "):
        assert kb.lookup(text) is leadership
    # punctuation between letters separates words: one word is not five
    assert kb.lookup("CPHRM").ref == "credential:cphrm"
    with pytest.raises(LookupError):
        kb.lookup("c.p.h.r.m")


def test_lookup_cuts_a_long_text_in_its_message(kb: KnowledgeBase) -> None:
    with pytest.raises(LookupError) as info:
        kb.lookup("a" * 100_000)
    assert len(str(info.value)) < 300


def test_lookup_bad_arguments(kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="lookup text '   ' is blank"):
        kb.lookup("   ")
    with pytest.raises(ValueError, match="'--' has no letters or digits"):
        kb.lookup("--")
    with pytest.raises(TypeError, match="lookup text must be a string"):
        kb.lookup(42)  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="unknown kind 'Skil'; did you mean 'skill'"):
        kb.lookup("leadership", kind="Skil")
    assert kb.lookup("leadership", kind="skills") is kb.skills["leadership"]
    with pytest.raises(ValueError, match="Citation is not a record kind"):
        kb.lookup("leadership", kind=hsm_knowledge.Citation)  # type: ignore[type-var]


@st.composite
def scrambled(draw: st.DrawFn, text: str) -> str:
    """*text* with random case, accents and word separators."""
    out = []
    for char in text:
        if char in " -":
            out.append(draw(st.sampled_from([" ", "-", "  ", "_", " / "])))
            continue
        if char.isalpha():
            char = char.upper() if draw(st.booleans()) else char.lower()
            if char.isascii() and draw(st.integers(0, 4)) == 0:
                char += "\u0301"  # a combining acute accent
        out.append(char)
    return "".join(out)


def own_names(record: AnyRecord) -> list[str]:
    names = [record.id, record.name]
    abbreviation = getattr(record, "abbreviation", None)
    if abbreviation is not None:
        names.append(abbreviation)
    return names


NAMED = [(kind, record, text) for kind, record in RECORDS for text in own_names(record)]

ID, NAME, ALIAS = 0, 1, 2


def texts_of(record: AnyRecord) -> list[tuple[int, str]]:
    """What names *record* in a lookup, and how strongly (the documented tiers)."""
    if isinstance(record, Source):
        return [(ID, record.id), (ALIAS, record.title)]
    out = [(ID, record.id), (NAME, record.name)]
    abbreviation = getattr(record, "abbreviation", None)
    if abbreviation is not None:
        out.append((NAME, abbreviation))
    out.extend((ALIAS, alias) for alias in getattr(record, "aliases", ()))
    return out


TEXTS = [
    (kind, record, tier, normalize(t))
    for kind, record in RECORDS
    for tier, t in texts_of(record)
]


def expected_refs(text: str, kind: str | None = None) -> set[str]:
    """The references lookup(text, kind) leaves, by the documented rules."""
    key = normalize(text)
    fits = [(k, r, tier) for k, r, tier, t in TEXTS if t == key and kind in (None, k)]
    # within a kind, the strongest tier; across kinds ids and names alike
    best = {k: min(tier for k2, _, tier in fits if k2 == k) for k, _, _ in fits}
    strongest = min((max(tier, NAME) for tier in best.values()), default=None)
    return {
        f"{k}:{r.id}"
        for k, r, tier in fits
        if tier == best[k] and max(tier, NAME) == strongest
    }


def check_lookup(text: str, kind: str | None, cls: type[AnyRecord] | None) -> None:
    """lookup(text) with *kind* (and *cls*) does what the rules say."""
    expected = expected_refs(text, kind)
    hows: list[Any] = [kind] if cls is None else [kind, cls]
    for how in hows:
        if len(expected) == 1:
            assert KB.lookup(text, how).ref == next(iter(expected))
        elif not expected:
            with pytest.raises(LookupError, match="has the id, name, abbreviation"):
                KB.lookup(text, how)
        else:
            with pytest.raises(LookupError) as info:
                KB.lookup(text, how)
            assert f"names {len(expected)} records: " in str(info.value)
            assert ", ".join(sorted(expected)) in str(info.value)


def clash(kind: str, record_id: str, text: str) -> tuple[tuple[str, Any, str], str]:
    record = KB.resolve(f"{kind}:{record_id}")
    own = record.id if text == record.id else record.name
    return ((kind, record, own), text)


@given(st.sampled_from(NAMED).flatmap(lambda n: st.tuples(st.just(n), scrambled(n[2]))))
@example(clash("descriptor", "work-style-leadership", "LEADERSHIP"))
@example(clash("skill", "leadership", "leadership"))
@example(clash("descriptor", "work-value-independence", "Independence"))
@example(clash("credential", "rhia", "Registered Health Information Administrator"))
@example(
    clash("source", "wikipedia-rhia", "Registered health information administrator")
)
def test_every_record_is_found_by_its_id_name_and_abbreviation(
    case: tuple[tuple[str, AnyRecord, str], str],
) -> None:
    (kind, record, own), text = case
    if own == record.id:  # an id always finds its record within its kind
        assert KB.lookup(text, kind=kind) is record
        assert KB.lookup(text, type(record)) is record
    # a name or abbreviation finds its record within its kind, unless
    # another record of the kind has it as its id (which wins) or as its
    # name too (and the error names both)
    expected = expected_refs(text, kind)
    if f"{kind}:{record.id}" not in expected:
        (other,) = expected
        assert normalize(KB.resolve(other).id) == normalize(text)
    check_lookup(text, kind, type(record))
    check_lookup(text, None, None)


def test_the_documented_rules_see_the_known_clashes() -> None:
    # the rules the property checks against, on the clashes of the data
    assert expected_refs("leadership") == {
        "descriptor:work-style-leadership",
        "skill:leadership",
    }
    assert expected_refs("leadership", "skill") == {"skill:leadership"}
    assert expected_refs("Mathematics") == {
        "descriptor:knowledge-mathematics",
        "descriptor:skill-mathematics",
    }
    assert expected_refs("registered health information administrator") == {
        "credential:rhia"
    }
    assert expected_refs("clinical informatics director") == {
        "job-title:clinical-informatics-director"
    }


# --------------------------------------------------------------------------
# provenance


def test_sources_for_records_and_relations(kb: KnowledgeBase) -> None:
    cphrm = kb.credentials["cphrm"]
    assert [s.id for s in kb.sources_for(cphrm)] == [
        "seed-article",
        "aha-cphrm",
        "aha-cc-cphrm-handbook",
    ]
    assert kb.sources_for("credential:cphrm") == kb.sources_for(cphrm)
    relation = kb.relations_of(cphrm)[0]
    assert [s.id for s in kb.sources_for(relation)] == ["seed-article"]
    onet = kb.sources["onet-29-3"]
    assert kb.sources_for(onet) == (onet,)
    assert "onet-29-3" in [s.id for s in kb.sources_for(kb.occupation)]


def test_every_record_has_its_sources(kb: KnowledgeBase) -> None:
    for _, record in RECORDS:
        sources = kb.sources_for(record)
        assert sources
        assert all(isinstance(s, Source) for s in sources)
        if not isinstance(record, Source):
            assert [s.id for s in sources] == list(
                dict.fromkeys(c.source for c in record.citations)
            )


def test_sources_for_a_foreign_record_is_an_error(kb: KnowledgeBase) -> None:
    changed = attrs.evolve(kb.credentials["cmm"], summary="Something else.")
    with pytest.raises(ValueError, match="differs from this knowledge base's"):
        kb.sources_for(changed)
    stranger = attrs.evolve(kb.credentials["cmm"], id="xyz")
    with pytest.raises(KeyError, match="no credential with id 'xyz'"):
        kb.sources_for(stranger)
    with pytest.raises(TypeError, match="expected a record or a kind:id reference"):
        kb.sources_for(42)  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# codes


@pytest.mark.parametrize(
    ("code", "system", "expected"),
    [
        ("11-9111", None, True),
        ("11-9111", "soc-2018", True),
        ("11-9111", CodeSystem.SOC_2018, True),
        ("11-9111.00", "onet-soc", True),
        ("11-9111.00", None, True),
        ("1342", "isco-08", True),
        ("1342", None, True),
        (" 11-9111 ", None, True),
        ("http://data.europa.eu/esco/isco/C1342", None, True),
        ("4a29eab1-5f02-4723-a863-e2d5a0614dfa", "esco", True),
        (
            "http://data.europa.eu/esco/occupation/ef909843-97c6-4c48-8038-2e7aefdfcad5",
            None,
            True,
        ),
        ("4a29eab1-5f02-4723-a863-e2d5a0614dfa", "isco-08", False),
        ("11-9112", None, False),
        ("11-9111", "onet-soc", False),
        ("11-9111.00", "soc-2018", False),
        ("1342", "soc-2018", False),
        ("", None, False),
    ],
)
def test_names_occupation(code: str, system: str | None, expected: bool) -> None:
    assert hsm_knowledge.names_occupation(code, system) is expected
    assert KB.names_occupation(code, system=system) is expected


def test_names_occupation_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unknown code system 'soc'; known systems: "):
        hsm_knowledge.names_occupation("11-9111", "soc")
    with pytest.raises(TypeError, match="code must be a string"):
        hsm_knowledge.names_occupation(119111)  # type: ignore[arg-type]


@pytest.mark.parametrize("method", ["code", "codes_in", "has_code"])
def test_occupation_code_methods_name_the_known_systems(
    kb: KnowledgeBase, method: str
) -> None:
    args = ("11-9111", "esc") if method == "has_code" else ("esc",)
    message = (
        r"unknown code system 'esc'; did you mean 'esco'\?; known systems: "
        "soc-2018, onet-soc, isco-08, esco"
    )
    with pytest.raises(ValueError, match=message):
        getattr(kb.occupation, method)(*args)


def test_occupation_codes(kb: KnowledgeBase) -> None:
    occupation = kb.occupation
    soc = occupation.code(CodeSystem.SOC_2018)
    assert soc is not None
    assert soc.value == "11-9111"
    onet = occupation.code("onet-soc")
    assert onet is not None
    assert onet.value == "11-9111.00"
    isco = occupation.code("isco-08")
    assert isco is not None
    assert isco.value == "1342"
    # ESCO maps two of its occupations to ISCO-08 1342: code() gives the
    # first, codes_in() all of them
    esco = occupation.codes_in("esco")
    assert [(c.label, c.value) for c in esco] == [
        ("healthcare institution manager", "4a29eab1-5f02-4723-a863-e2d5a0614dfa"),
        ("clinical informatics manager", "ef909843-97c6-4c48-8038-2e7aefdfcad5"),
    ]
    assert occupation.code("esco") == esco[0]
    assert occupation.code(CodeSystem.ESCO) == esco[0]
    for code in esco:
        assert code.uri is not None
        assert code.uri.startswith("http://data.europa.eu/esco/occupation/")
        assert kb.names_occupation(code.value, "esco")
        assert kb.names_occupation(code.uri)
        assert not kb.names_occupation(code.value, "isco-08")
    assert [c.system for c in occupation.codes_in("soc-2018")] == [CodeSystem.SOC_2018]
    with pytest.raises(ValueError, match="'esc'"):
        occupation.code("esc")


def test_typed_lookup_result(kb: KnowledgeBase) -> None:
    credential = kb.lookup("cmm", Credential)
    assert credential.issuer == "pahcom"


def test_a_collection_is_named_by_kind_attribute_or_class(kb: KnowledgeBase) -> None:
    assert kb.collection("career-step") is kb.career_steps
    assert kb.collection("career_steps") is kb.career_steps
    assert kb.collection(Skill) is kb.skills
    with pytest.raises(ValueError, match="the occupation is one record"):
        kb.collection("occupation")
    with pytest.raises(ValueError, match="unknown kind 'carrer-step'; did you mean"):
        kb.collection("carrer-step")


def test_resolve_forgives_spaces_and_names_what_else_is_wrong(
    kb: KnowledgeBase,
) -> None:
    assert kb.resolve(" skill:leadership\n") is kb.skills["leadership"]
    with pytest.raises(ValueError, match="references are written in lowercase"):
        kb.resolve("Skill:leadership")
    with pytest.raises(TypeError, match="a reference is a string, not NoneType"):
        kb.resolve(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="is not a reference of the form kind:id"):
        kb.resolve("skill leadership")


def test_sources_for_a_relation_of_another_dataset_is_refused(
    kb: KnowledgeBase,
) -> None:
    relation = kb.relations[0]
    assert kb.sources_for(relation) == tuple(
        kb.sources[c.source] for c in relation.citations
    )
    stranger = attrs.evolve(relation, subject="skill:leadership")
    assert stranger not in kb.relations
    with pytest.raises(KeyError, match="is not in this knowledge base"):
        kb.sources_for(stranger)


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("esco 1.0", "source:esco-1-0"),
        ("onet 29.3", "source:onet-29-3"),
        ("U. S. Bureau of Labor Statistics", "organization:bls"),
    ],
)
def test_lookup_splits_words_at_dots(kb: KnowledgeBase, text: str, ref: str) -> None:
    # search keeps a dotted code whole; lookup compares ids written with
    # hyphens, so a dot separates there
    assert kb.lookup(text).ref == ref


def test_relations_are_not_a_kind_and_the_error_says_where_they_are(
    kb: KnowledgeBase,
) -> None:
    with pytest.raises(ValueError, match="relations are edges between records"):
        kb.lookup("leadership", kind="relations")
    with pytest.raises(ValueError, match=r"read them from kb\.relations"):
        kb.search("care", kinds="relation")


def test_a_mistyped_reference_gets_the_ids_of_its_kind() -> None:
    kb = hsm_knowledge.load()
    with pytest.raises(LookupError) as info:
        kb.lookup("Credential: CPHR")
    assert info.value.args[0].endswith(
        "; did you mean credential:cphrm, credential:cphq, credential:chc?"
    )
    # nothing close: no suggestion
    with pytest.raises(LookupError, match=r"alias 'skill:zzzz'$"):
        kb.lookup("skill:zzzz")


def test_text_with_no_letters_or_digits_is_not_called_blank() -> None:
    kb = hsm_knowledge.load()
    with pytest.raises(ValueError, match="has no letters or digits to look up"):
        kb.lookup("\N{HOSPITAL}")
    with pytest.raises(ValueError, match="is blank"):
        kb.lookup("  ")


@pytest.mark.parametrize(
    "ask",
    [
        lambda kb, text: kb.skills[text],
        lambda kb, text: kb.resolve(f"skill:{text}"),
        lambda kb, text: kb.resolve(f"SKILL:{text}"),
        lambda kb, text: kb.resolve(f"{text}:x"),
        lambda kb, text: kb.lookup(text),
        lambda kb, text: kb.lookup(" " * 100_000),
        lambda kb, text: kb.skills.filter(**{text: 1}),
        lambda kb, text: kb.skills.filter(name=[text]),
    ],
)
def test_errors_quote_long_input_shortened(kb: KnowledgeBase, ask: Any) -> None:
    # a message names what it was given, but not all 100,000 characters
    with pytest.raises((KeyError, LookupError, ValueError, TypeError)) as caught:
        ask(kb, "x" * 100_000)
    message = str(caught.value.args[0])
    assert len(message) < 1_000, message[:200]
    assert "..." in message


def test_close_matches_name_each_record_once_and_take_word_prefixes(
    kb: KnowledgeBase,
) -> None:
    with pytest.raises(LookupError) as caught:
        kb.lookup("skil:leadership")
    message = str(caught.value)
    # "leadership" and "leadership skills" both name skill:leadership
    assert message.count("(skill:leadership)") == 1
    # two records of one name: both are offered
    with pytest.raises(LookupError) as caught:
        kb.lookup("Mathematic")
    assert "(descriptor:skill-mathematics)" in str(caught.value)
    assert "(descriptor:knowledge-mathematics)" in str(caught.value)
    with pytest.raises(LookupError) as caught:
        kb.lookup("Epic")
    # a name starting with the text as a word comes first
    assert "close matches: 'epic-systems' (technology-skill:epic-systems)" in str(
        caught.value
    )


def _written(record: Any) -> list[str]:
    texts = [getattr(record, name, None) for name in ("id", "name", "abbreviation")]
    texts.append(getattr(record, "title", None))
    texts.extend(getattr(record, "aliases", ()))
    return [text for text in texts if isinstance(text, str)]


def test_a_text_written_as_only_one_record_has_it_finds_that_record(
    kb: KnowledgeBase,
) -> None:
    checked = 0
    for kind in KINDS:
        records = list(kb.collection(kind.name))
        owners: dict[str, set[str]] = {}
        for record in records:
            for text in _written(record):
                owners.setdefault(text.casefold(), set()).add(record.id)
        for record in records:
            for text in _written(record):
                if owners[text.casefold()] == {record.id}:
                    assert kb.lookup(text, kind=kind.name) is record, (kind, text)
                    checked += 1
    assert checked > 1_000


def test_the_exact_spelling_wins_over_words_that_read_alike(
    kb: KnowledgeBase,
) -> None:
    template = kb.technology_skills["epic-systems"]
    names = {"c-plus-plus": "C++", "c-sharp": "C#", "c": "C", "dot-net": ".NET"}
    extra = [attrs.evolve(template, id=i, name=n) for i, n in names.items()]
    document = {"technology_skills": [to_dict(record) for record in extra]}
    extended = hsm_knowledge.loads(json.dumps(document), extend=kb)
    for record_id, name in names.items():
        found = extended.lookup(f" {name.lower()} ", kind="technology-skill")
        assert found.id == record_id
    # spelt as none of them: the words decide, and the id "c" wins
    assert extended.lookup("C+", kind="technology-skill").id == "c"
    assert extended.lookup("C++").id == "c-plus-plus"  # whatever the kind


def test_a_huge_integer_in_a_message_is_described_not_written(
    kb: KnowledgeBase,
) -> None:
    # repr() of an int of more than 4,300 digits raises ValueError
    with pytest.raises(TypeError, match="name=an integer of more than 4,000 digits"):
        kb.skills.filter(name=10**5000)
