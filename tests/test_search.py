"""Ranked search: normalisation, stemming, ranking, and its laws."""

from __future__ import annotations

import threading
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import (
    AnyRecord,
    KnowledgeBase,
    Record,
    SearchHit,
    Skill,
    TechnologySkill,
    _search,
)
from hsm_knowledge._search import (
    EXACT_BONUS,
    MIN_PREFIX,
    MIN_SUBSTRING,
    PREFIX_POINTS,
    STOP_WORDS,
    SUBSTRING_POINTS,
    WORD_POINTS,
    SearchIndex,
    fold,
    normalize,
    stem,
    text_fields,
    words,
)

KB = hsm_knowledge.load()


def entries(kb: KnowledgeBase) -> list[tuple[str, AnyRecord]]:
    out: list[tuple[str, AnyRecord]] = [("occupation", kb.occupation)]
    for kind in hsm_knowledge.KINDS:
        out.extend((kind.name, record) for record in getattr(kb, kind.attr))
    return out


ENTRIES = entries(KB)


def summary(hits: tuple[SearchHit, ...]) -> list[tuple[int, str, str]]:
    return [(hit.score, hit.ref, hit.field) for hit in hits]


# --------------------------------------------------------------------------
# text


def test_fold_and_words() -> None:
    assert fold("ÉCOLE Ça") == "ecole ca"
    assert fold("Straße") == "strasse"
    # a dot between letters or digits joins them: a code is one word
    assert words("O*NET-SOC 11-9111.00") == ["o", "net", "soc", "11", "9111.00"]
    assert words("element 2.A.1.a. End.") == ["element", "2.a.1.a", "end"]
    assert words("under_score") == ["under", "score"]
    # an abbreviation of single letters is the word without its dots; a
    # code mixing letters and digits keeps them
    assert words("U.S. e.g. 2.A.1.a a.b1") == ["us", "eg", "2.a.1.a", "a.b1"]
    # however its accent is written, or after an underscore
    assert words("Ú.S.") == words("U\u0301.S.") == words("snake_U.S.")[1:] == ["us"]
    # not when it would become a stop word: O.R. is the operating room
    assert words("O.R. director A.S. degree") == ["o.r", "director", "a.s", "degree"]
    # a possessive 's is dropped, other apostrophes separate
    assert words("U.S.'s") == words("U.S.'S") == ["us"]
    # in capitals, and after an accent written as a combining mark
    assert words("EPIC'S") == words("Epic\u2019S") == ["epic"]
    assert words("Cafe\u0301\u2019s") == words("Caf\u00e9's") == ["cafe"]
    # an s with an accent is a letter of the next word, not a possessive
    assert words("Kowalski'S\u0301wiat") == words("Kowalski'\u015awiat")
    assert words("Kowalski's\u0301wiat") == ["kowalski", "swiat"]
    assert words("Epic's AHA\u2019s 1990's O'Brien don't") == [
        "epic",
        "aha",
        "1990",
        "o",
        "brien",
        "don",
        "t",
    ]
    assert normalize(" Long-term  care ") == "long term care"
    assert normalize("—") == ""


@pytest.mark.parametrize(
    ("forms", "shared"),
    [
        (["budget", "budgets", "budgeting", "budgeted"], "budget"),
        (["policy", "policies"], "policy"),
        (["nurse", "nurses", "nursing"], "nurs"),
        (["hospital", "hospitals"], "hospital"),
        (["plan", "plans", "planning", "planned"], "plan"),
        (["staff", "staffing"], "staf"),
        (["bill", "billing"], "bill"),
        (["process", "processes"], "process"),
        (["branch", "branches"], "branch"),
        (["practice", "practices"], "practic"),
    ],
)
def test_word_forms_share_a_stem(forms: list[str], shared: str) -> None:
    assert {stem(form) for form in forms} == {shared}


@given(st.text(alphabet="abcdehilnorstuxyz", min_size=1, max_size=12))
def test_a_stem_keeps_all_but_the_last_letter_of_its_word(word: str) -> None:
    # the index finds the words with a stem in the range of words starting
    # with the stem less its last letter; only one-letter words stem to one
    key = stem(word)
    assert word.startswith(key[:-1])
    assert len(key) > 1 or key == word


@pytest.mark.parametrize(
    "word", ["hr", "ehr", "cmm", "2021", "c0042", "is", "analysis"]
)
def test_short_words_numbers_and_latin_endings_are_kept(word: str) -> None:
    assert stem(word) == word


def test_text_fields_are_found_from_the_field_types() -> None:
    assert text_fields(hsm_knowledge.Source) == ("title", "id", "edition", "notes")
    assert text_fields(hsm_knowledge.Credential) == (
        "name",
        "abbreviation",
        "aliases",
        "id",
        "summary",
        "requirements",
        "renewal",
    )
    assert text_fields(hsm_knowledge.Statistic) == (
        "name",
        "id",
        "summary",
        "edition",
        "industry",
    )
    # codes and who supplied a rating are not prose
    assert text_fields(hsm_knowledge.TechnologySkill) == (
        "name",
        "id",
        "summary",
        "commodity_title",
    )
    assert text_fields(hsm_knowledge.Task) == ("name", "id", "summary")
    assert text_fields(hsm_knowledge.Descriptor) == ("name", "id", "summary", "group")


# --------------------------------------------------------------------------
# ranking, by example


def test_abbreviations_and_aliases_are_found(kb: KnowledgeBase) -> None:
    assert summary(kb.search("HR")) == [
        (WORD_POINTS[0] + EXACT_BONUS, "responsibility:human-resources", "aliases"),
        # "HRMS" starts with "hr"
        (
            PREFIX_POINTS[0],
            "technology-skill:human-resource-management-software-hrms",
            "name",
        ),
    ]
    # an alias of the specialization, and two EHR products O*NET lists
    assert summary(kb.search("EHR")) == [
        (WORD_POINTS[0], "specialization:health-informatics", "aliases"),
        (WORD_POINTS[0], "technology-skill:eclinicalworks-ehr-software", "name"),
        (WORD_POINTS[0], "technology-skill:pcc-ehr", "name"),
    ]
    assert kb.search("cphrm")[0].ref == "credential:cphrm"


def test_punctuation_written_differently_finds_the_same_records(
    kb: KnowledgeBase,
) -> None:
    bls = kb.search("U.S. Bureau of Labor Statistics")
    assert bls[0].ref == "organization:bls"
    assert kb.search("US Bureau of Labor Statistics") == bls
    assert kb.search("Epic's")[0].ref == "technology-skill:epic-systems"
    assert kb.search("Epic's") == kb.search("Epic")


def test_epic_finds_the_medical_software(kb: KnowledgeBase) -> None:
    hits = kb.search("Epic")
    assert summary(hits) == [
        (WORD_POINTS[0], "technology-skill:epic-systems", "name"),
        (PREFIX_POINTS[0], "technology-skill:yost-engineering-epicoder", "name"),
    ]
    epic = hits[0].record
    assert isinstance(epic, TechnologySkill)
    assert epic is kb.technology_skills["epic-systems"]
    # what O*NET says of it, and no more: medical software, a hot technology
    assert (epic.name, epic.commodity_title, epic.hot_technology) == (
        "Epic Systems",
        "Medical software",
        True,
    )
    assert [s.id for s in kb.sources_for(epic)] == ["onet-29-3"]
    # its commodity title finds it too, below products named for it
    medical = kb.search("medical software", kinds=TechnologySkill)
    found = {hit.ref: hit for hit in medical}
    assert found["technology-skill:epic-systems"].score == 2 * WORD_POINTS[1]
    assert found["technology-skill:epic-systems"].field == "summary"
    assert medical[0].score == 2 * WORD_POINTS[0]
    assert kb.lookup("epic systems") is epic


def test_budget_finds_budgeting(kb: KnowledgeBase) -> None:
    # aliases "budgeting", O*NET's task "... planning budgets ...", and the
    # occupation's note "... manage budgets ..."
    assert summary(kb.search("budget")) == [
        (6, "responsibility:financial-management", "aliases"),
        (6, "skill:financial-management", "aliases"),
        (6, "task:onet-51", "name"),
        (5, "occupation:medical-and-health-services-managers", "notes"),
    ]
    assert "planning budgets" in kb.tasks["onet-51"].name
    # "budgeting" is also a whole alias of the skill: an exact match
    assert summary(kb.search("budgeting")) == [
        (6 + EXACT_BONUS, "skill:financial-management", "aliases"),
        (6, "responsibility:financial-management", "aliases"),
        (6, "task:onet-51", "name"),
        (5, "occupation:medical-and-health-services-managers", "notes"),
    ]


def test_whole_word_beats_prefix_beats_substring(kb: KnowledgeBase) -> None:
    hits = {hit.ref: hit for hit in kb.search("care")}
    # a whole word in a name
    assert hits["work-setting:long-term-care-facility"].score == WORD_POINTS[0]
    # a whole word in a summary beats "career" in the name
    assert hits["benefit:rewarding-career"].score == WORD_POINTS[1]
    assert hits["benefit:rewarding-career"].field == "summary"
    # a prefix of "career" in a summary
    assert hits["benefit:diverse-opportunities"].score == PREFIX_POINTS[1]
    # inside "healthcare" in a name, then in a summary
    job_title = "job-title:executive-director-of-healthcare-services"
    assert hits[job_title].score == SUBSTRING_POINTS[0]
    assert hits["work-setting:clinic"].score == SUBSTRING_POINTS[1]
    scores = [hit.score for hit in kb.search("care")]
    assert scores == sorted(scores, reverse=True)


def test_names_rank_above_summaries(kb: KnowledgeBase) -> None:
    hits = kb.search("informatics")
    assert summary(hits) == [
        (6, "job-title:clinical-informatics-director", "name"),
        (6, "related-occupation:clinical-informatics-manager", "name"),
        (6, "related-occupation:health-informatics-specialists", "name"),
        (6, "specialization:health-informatics", "name"),
        (5, "occupation:medical-and-health-services-managers", "notes"),
    ]
    assert kb.search("health informatics")[0].ref == (
        "specialization:health-informatics"
    )


def test_an_exact_name_ranks_first(kb: KnowledgeBase) -> None:
    assert summary(kb.search("Certified Medical Manager"))[:2] == [
        (3 * WORD_POINTS[0] + EXACT_BONUS, "credential:cmm", "name"),
        (3 * WORD_POINTS[0], "source:pahcom-cmm", "title"),
    ]
    # O*NET's work style is named "Leadership"; the seed's skill has the id
    # "leadership": both are exact, and the kind breaks the tie
    assert summary(kb.search("leadership"))[:3] == [
        (WORD_POINTS[0] + EXACT_BONUS, "descriptor:work-style-leadership", "name"),
        (WORD_POINTS[0] + EXACT_BONUS, "skill:leadership", "id"),
        (WORD_POINTS[0], "career-step:seek-leadership-opportunities", "name"),
    ]


def test_multi_word_queries_need_every_word(kb: KnowledgeBase) -> None:
    assert summary(kb.search("nursing homes")) == [
        (22, "work-setting:long-term-care-facility", "aliases"),
        (12, "credential:nha", "name"),
        (12, "job-title:nursing-home-administrator", "name"),
        (12, "job-title:nursing-home-manager", "name"),
        (12, "organization:state-licensing-boards", "name"),
        (12, "specialization:long-term-care-administration", "aliases"),
        (10, "occupation:medical-and-health-services-managers", "notes"),
        (10, "organization:achca", "summary"),
        (10, "organization:nab", "summary"),
        (10, "source:onetonline-job-zone-11-9111-00", "notes"),
        (10, "work-setting:group-medical-practice", "summary"),
    ]
    for hit in kb.search("nursing homes"):
        # each word, in some form ("nurse" is a form of "nursing")
        stems = {stem(w) for w in words(str(attrs.asdict(hit.record)))}
        assert stem("nursing") in stems
        assert stem("homes") in stems
    assert kb.search("nursing spaceships") == ()
    # repeating a word does not change anything
    assert kb.search("budget budget") == kb.search("budget")


def test_stop_words_are_left_out_when_other_words_remain(kb: KnowledgeBase) -> None:
    # a natural phrasing finds what its content words find
    plain = kb.search("manager hospital")
    assert len(plain) > 3
    assert kb.search("manager of a hospital") == plain
    assert kb.search("The manager, in the hospital") == plain
    # "a" and "the" would otherwise have to match too
    assert "credential:cphrm" in {
        h.ref for h in kb.search("risk management in a hospital")
    }
    assert len(kb.search("risk management in a hospital")) == len(
        kb.search("risk management hospital")
    )
    # a query of stop words only is searched as it is
    assert kb.search("the")
    assert all("the" in fold(str(attrs.asdict(h.record))) for h in kb.search("the"))
    # a name equal to the whole query, stop words and all, still ranks first
    top = kb.search("obtain a degree")[0]
    assert (top.ref, top.field) == ("career-step:obtain-a-degree", "name")
    assert top.score == kb.search("obtain degree")[0].score + EXACT_BONUS


def test_equal_scores_are_ordered_by_kind_then_id(kb: KnowledgeBase) -> None:
    hits = kb.search("financial management")
    assert summary(hits)[:2] == [
        (
            2 * WORD_POINTS[0] + EXACT_BONUS,
            "responsibility:financial-management",
            "name",
        ),
        (2 * WORD_POINTS[0] + EXACT_BONUS, "skill:financial-management", "name"),
    ]


def test_case_and_accents_do_not_matter(kb: KnowledgeBase) -> None:
    assert kb.search("HÓSPITAL ADMINÍSTRATION") == kb.search("hospital administration")


def test_kinds_and_limit(kb: KnowledgeBase) -> None:
    everything = kb.search("management")
    skills = kb.search("management", kinds="skill")
    assert skills == tuple(hit for hit in everything if hit.kind == "skill")
    assert kb.search("management", kinds=Skill) == skills
    some = kb.search("management", kinds=["skill", "occupation"])
    assert {hit.kind for hit in some} == {"skill", "occupation"}
    assert kb.search("management", limit=3) == everything[:3]
    assert kb.search("management", limit=0) == ()
    assert kb.search("management", limit=10_000) == everything


def test_bad_queries_are_clear_errors(kb: KnowledgeBase) -> None:
    for blank in ["", "   ", "\n\t"]:
        with pytest.raises(ValueError, match="search text is blank"):
            kb.search(blank)
    with pytest.raises(ValueError, match="search text '\\?!' has no words"):
        kb.search("?!")
    with pytest.raises(TypeError, match="search text must be a string"):
        kb.search(None)  # type: ignore[arg-type]
    with pytest.raises(
        ValueError, match="unknown kind 'skils'; did you mean 'skill'\\?; known kinds: "
    ):
        kb.search("budget", kinds=["skils"])
    with pytest.raises(ValueError, match="kinds is empty, so nothing could match"):
        kb.search("budget", kinds=[])
    with pytest.raises(TypeError, match="kinds must be a kind name, a record class"):
        kb.search("budget", kinds=3)  # type: ignore[arg-type]
    assert kb.search("budget", kinds="skills") == kb.search("budget", kinds="skill")
    with pytest.raises(ValueError, match="limit must not be negative"):
        kb.search("budget", limit=-1)
    with pytest.raises(TypeError, match="limit must be an integer"):
        kb.search("budget", limit=True)


def test_hits_are_immutable_named_tuples(kb: KnowledgeBase) -> None:
    hit = kb.search("budget")[0]
    assert hit.record is kb.responsibilities["financial-management"]
    assert hit.kind == "responsibility"
    assert hit.ref == "responsibility:financial-management"
    record, score, kind, field = hit
    assert (record, score, kind, field) == (hit.record, 6, "responsibility", "aliases")
    assert hit == SearchHit(record, 6, "responsibility", "aliases")
    assert hash(hit) == hash(SearchHit(record, 6, "responsibility", "aliases"))
    with pytest.raises(AttributeError):
        hit.score = 0  # type: ignore[misc]
    assert not hasattr(hit, "__dict__")


def test_a_new_record_kind_is_searched_without_code_changes() -> None:
    @attrs.frozen(kw_only=True)
    class Task(Record):
        kind: ClassVar[str] = "task"
        statement: str
        examples: tuple[str, ...] = ()
        url: str | None = None

    task = Task(
        id="prepare-budgets",
        name="Budget preparation",
        summary="A task.",
        citations=KB.skills["leadership"].citations,
        statement="Prepare activity reports and operating budgets.",
        examples=("Quarterly forecasting",),
        url="https://example.org/forecasting",
    )
    index = SearchIndex([("task", task)])
    assert text_fields(Task) == ("name", "id", "summary", "statement", "examples")
    assert summary(index.search("operating")) == [
        (5, "task:prepare-budgets", "statement")
    ]
    assert summary(index.search("forecast")) == [
        (5, "task:prepare-budgets", "examples")
    ]
    assert summary(index.search("fore")) == [(3, "task:prepare-budgets", "examples")]
    assert summary(index.search("budget")) == [(6, "task:prepare-budgets", "name")]
    assert index.search("example") == ()  # the url is not text to search


def test_indexes_are_built_lazily_and_rebuilt_equal() -> None:
    hsm_knowledge.clear_cache()
    fresh = hsm_knowledge.load()
    assert fresh._queries.search is None
    results: list[tuple[SearchHit, ...]] = []

    def run() -> None:
        results.append(fresh.search("management"))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4
    assert all(result == results[0] for result in results)
    assert results[0] == KB.search("management")
    assert fresh == KB  # caches take no part in equality


# --------------------------------------------------------------------------
# laws: the index agrees with a brute-force reading of the documented rules


def term_points(term: str, words_in_field: list[str], is_name: bool) -> int:
    column = 0 if is_name else 1
    if any(stem(w) == stem(term) for w in words_in_field):
        return WORD_POINTS[column]
    if len(term) >= MIN_PREFIX and any(w.startswith(term) for w in words_in_field):
        return PREFIX_POINTS[column]
    if len(term) >= MIN_SUBSTRING and any(term in w for w in words_in_field):
        return SUBSTRING_POINTS[column]
    return 0


def field_words(record: AnyRecord) -> list[tuple[str, bool, list[str]]]:
    """(field, is a name field, its words) for every text of *record*."""
    out = []
    for name in text_fields(type(record)):
        value = getattr(record, name)
        texts = () if value is None else value if isinstance(value, tuple) else (value,)
        for text in texts:
            out.append((name, name in _search.NAME_FIELDS, words(text)))
    return out


# the records' words, read once; the rules are applied per query below
FIELD_WORDS = [(kind, record, field_words(record)) for kind, record in ENTRIES]


def brute_force(
    query: str, kinds: frozenset[str] | None = None
) -> list[tuple[Any, ...]]:
    """(score, kind, id, field) of every hit, by the documented rules, in order."""
    found = words(query)
    terms = list(dict.fromkeys(w for w in found if w not in STOP_WORDS)) or list(
        dict.fromkeys(found)
    )
    out = []
    for kind, record, fields in FIELD_WORDS:
        if kinds is not None and kind not in kinds:
            continue
        score = 0
        best_field: tuple[int, int] = (0, 0)  # (points, -position) of the best match
        order = text_fields(type(record))
        for term in terms:
            matches = [
                (term_points(term, w, is_name), -order.index(name))
                for name, is_name, w in fields
            ]
            best = max(matches, default=(0, 0))
            if best[0] == 0:
                break
            score += best[0]
            best_field = max(best_field, best)
        else:
            field = order[-best_field[1]]
            exact = [name for name, is_name, w in fields if is_name and w == found]
            if exact:
                score += EXACT_BONUS
                field = exact[0]
            out.append((score, kind, record.id, field))
    return sorted(out, key=lambda t: (-t[0], t[1], t[2]))


VOCABULARY = sorted(
    {w for _, record in ENTRIES for w in words(str(attrs.asdict(record)))}
)


@st.composite
def query_words(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from(VOCABULARY))
    how = draw(st.sampled_from(["whole", "prefix", "middle", "upper", "random"]))
    if how == "prefix":
        return word[: draw(st.integers(1, len(word)))]
    if how == "middle":
        start = draw(st.integers(0, len(word) - 1))
        return word[start : draw(st.integers(start + 1, len(word)))]
    if how == "upper":
        return word.upper()
    if how == "random":
        return draw(st.text(alphabet="abcdeilmnorst", min_size=1, max_size=6))
    return word


# (a slice of a dotted word such as "2.a.1.a" may be just ".": no words)
queries = st.lists(query_words(), min_size=1, max_size=3).map(" ".join).filter(words)


@given(queries)
def test_search_finds_exactly_what_the_rules_say(query: str) -> None:
    hits = KB.search(query)
    assert [(h.score, h.kind, h.record.id, h.field) for h in hits] == brute_force(query)


@given(
    queries,
    st.none()
    | st.sets(
        st.sampled_from(["skill", "source", "occupation", "benefit"]), min_size=1
    ),
)
def test_search_with_kinds_agrees_with_the_rules(
    query: str, kinds: set[str] | None
) -> None:
    selected = None if kinds is None else frozenset(kinds)
    hits = KB.search(query, kinds=kinds)
    expected = brute_force(query, selected)
    assert [(h.score, h.kind, h.record.id, h.field) for h in hits] == expected


@given(queries, st.integers(min_value=0, max_value=12))
def test_search_is_sorted_deterministic_and_limit_takes_a_prefix(
    query: str, limit: int
) -> None:
    hits = KB.search(query)
    keys = [(-h.score, h.kind, h.record.id) for h in hits]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    assert KB.search(query) == hits
    assert KB.search(query, limit=limit) == hits[:limit]
    assert REVERSED.search(query) == hits  # an index built in another order


REVERSED = SearchIndex(reversed(ENTRIES))


@given(queries, st.lists(st.sampled_from(sorted(STOP_WORDS)), min_size=1, max_size=3))
def test_adding_stop_words_finds_the_same_records(query: str, stop: list[str]) -> None:
    if all(w in STOP_WORDS for w in words(query)):
        return  # a query of stop words only is searched as it is
    plain = KB.search(query)
    padded = KB.search(" ".join([*stop, query, *stop]))
    # the same hits; only a name equal to the whole query differs (its bonus)
    assert {h.ref for h in padded} == {h.ref for h in plain}


NAMED = [
    (kind, record, text)
    for kind, record in ENTRIES
    for text in (record.id, record.name, getattr(record, "abbreviation", None))
    if text is not None
]


@given(st.sampled_from(NAMED))
def test_every_record_is_found_by_its_id_name_and_abbreviation(
    case: tuple[str, AnyRecord, str],
) -> None:
    kind, record, text = case
    hits = KB.search(text)
    top = hits[0].score
    assert any(h.record is record and h.score == top for h in hits), text
    own = KB.search(text, kinds=kind)
    assert own[0].score == top
    assert any(h.record is record for h in own if h.score == top)


def test_memoised_and_fresh_results_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    index = SearchIndex(ENTRIES)
    monkeypatch.setattr(_search, "_MAX_RESULTS", 2)
    monkeypatch.setattr(_search, "_MAX_TERMS", 3)
    queries = ["budget", "care", "management", "health care", "budget", "care"]
    first = [index.search(q) for q in queries]
    assert len(index._results) <= 2
    assert len(index._terms) <= 3
    index.clear_caches()
    again = [index.search(q) for q in queries]
    assert first == again
    assert first == [brute_force_hits(q) for q in queries]


def brute_force_hits(query: str) -> tuple[SearchHit, ...]:
    by_ref = {(kind, record.id): record for kind, record in ENTRIES}
    return tuple(
        SearchHit(by_ref[(kind, record_id)], score, kind, field)
        for score, kind, record_id, field in brute_force(query)
    )
