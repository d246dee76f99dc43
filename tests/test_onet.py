"""The O*NET reader, on small fixture directories written in O*NET's formats.

``tests/fixtures/onet/release`` follows the published text files (official
file names, ``n/a`` for values not given, titles looked up in reference
files); ``tests/fixtures/onet/extract`` follows the per-table extracts of
``shared/sources/onet_29_3`` (``skills_<code>.tsv``, Title and Scale Name
columns, numbers without trailing zeros). Occupation 99-9999.00 is made up.
"""

from __future__ import annotations

import json
import re
import shutil
import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import (
    DescriptorDomain,
    RelatednessTier,
    TaskCategory,
    TitleSource,
)
from hsm_knowledge._loading import DATA_FILES, packaged_document
from hsm_knowledge.onet import (
    TABLES,
    OnetData,
    OnetFormatError,
    OnetNotice,
    main,
    merge_into_document,
    read_onet,
    release_from_read_me,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "onet"
RELEASE = FIXTURES / "release"
EXTRACT = FIXTURES / "extract"
CODE = "99-9999.00"


def read(directory: Path = RELEASE, **kw: Any) -> OnetData:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OnetNotice)
        return read_onet(directory, CODE, **kw)


@pytest.fixture(scope="module")
def data() -> OnetData:
    return read()


def copy_of(tmp_path: Path, directory: Path = RELEASE) -> Path:
    target = tmp_path / directory.name
    shutil.copytree(directory, target)
    return target


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# --------------------------------------------------------------------------
# what the reader returns


def test_release_and_source_come_from_the_read_me(data: OnetData) -> None:
    assert release_from_read_me(RELEASE) == ("29.3", "May 2025")
    assert (data.code, data.release, data.release_label) == (CODE, "29.3", "May 2025")
    assert data.title == "Example Services Managers"
    assert data.source.id == "onet-29-3"
    assert data.source.edition == "29.3 (May 2025 release)"
    assert data.source.license == "CC BY 4.0"
    assert data.source.attribution is not None
    assert "O*NET 29.3 Database" in data.source.attribution
    assert "has modified all or some of this information" in data.source.attribution
    assert data.notices == ()


def test_only_the_requested_occupation_is_read(data: OnetData) -> None:
    assert data.counts() == {
        "tasks": 3,
        "descriptors": 11,
        "technology_skills": 3,
        "tools": 1,
        "job_titles": 3,
        "related_occupations": 2,
        "job_zones": 1,
    }
    assert "sample-tracker" not in {t.id for t in data.technology_skills}
    assert 9100 not in {t.onet_id for t in data.tasks}


def test_tasks_keep_category_counts_dates_and_work_activities(data: OnetData) -> None:
    first, second, third = data.tasks
    assert first.id == "onet-9001"
    assert first.name == "Direct the example services staff."
    assert first.category is TaskCategory.CORE
    assert second.category is TaskCategory.SUPPLEMENTAL
    assert first.incumbents_responding == Decimal("28")
    assert first.date is not None
    assert first.date.label == "08/2022"
    assert (first.date.start.isoformat(), first.date.end.isoformat()) == (
        "2022-08-01",
        "2022-08-31",
    )
    assert first.domain_source == "Occupational Expert"
    # DWA titles are looked up in DWA Reference.txt when the file lacks them.
    assert [(a.id, a.title) for a in first.work_activities] == [
        ("4.A.4.b.4.I01.D13", "Supervise employees."),
        ("4.A.2.a.1.I04.D04", "Evaluate employee performance."),
    ]
    assert "supervise employees" in first.summary
    # n/a means "not given".
    assert third.category is None
    assert third.incumbents_responding is None
    assert third.work_activities == ()
    assert [c.locator for c in first.citations] == [
        "Task Statements.txt, 99-9999.00, task 9001",
        "Tasks to DWAs.txt, 99-9999.00, task 9001",
    ]
    assert all(c.source == "onet-29-3" for t in data.tasks for c in t.citations)


def test_descriptor_ratings_keep_every_number_as_written(data: OnetData) -> None:
    by_id = {d.id: d for d in data.descriptors}
    reading = by_id["skill-reading-comprehension"]
    assert reading.domain is DescriptorDomain.SKILL
    assert reading.element_id == "2.A.1.a"
    assert reading.group == "Content"
    importance = reading.rating("IM")
    assert importance is not None
    # "4.00" stays "4.00": no rounding, no stripping of zeros.
    assert str(importance.value) == "4.00"
    assert str(importance.standard_error) == "0.0000"
    assert (importance.scale_name, importance.scale_minimum) == (
        "Importance",
        Decimal("1"),
    )
    assert importance.not_relevant is None  # n/a
    assert importance.recommend_suppress is False
    level = reading.rating("LV")
    assert level is not None
    assert str(level.value) == "4.12"
    assert (reading.importance, reading.level) == (Decimal("4.00"), Decimal("4.12"))
    # Low values are kept, never dropped by a threshold.
    selection = by_id["skill-equipment-selection"]
    assert selection.level == Decimal("0.00")
    assert selection.rating("LV").not_relevant is True  # type: ignore[union-attr]
    assert selection.rating("LV").recommend_suppress is True  # type: ignore[union-attr]
    assert "marked not relevant" in selection.summary


def test_descriptors_of_each_domain(data: OnetData) -> None:
    by_id = {d.id: d for d in data.descriptors}
    # The same element name in two tables gives two records.
    assert by_id["skill-mathematics"].element_id == "2.A.1.e"
    assert by_id["knowledge-mathematics"].element_id == "2.C.4.a"
    assert by_id["knowledge-mathematics"].group == "Mathematics and Science"
    leadership = by_id["work-style-leadership"]
    assert leadership.domain is DescriptorDomain.WORK_STYLE
    assert leadership.rating("IM").n == Decimal("28")  # type: ignore[union-attr]
    assert leadership.rating("IM").standard_error is None  # type: ignore[union-attr]
    high_point = by_id["interest-first-interest-high-point"]
    assert high_point.rating("IH").value == Decimal("5.00")  # type: ignore[union-attr]
    assert "stands for Enterprising" in high_point.summary
    value_point = by_id["work-value-first-work-value-high-point"]
    assert "stands for Independence" in value_point.summary
    education = by_id["education-training-experience-required-level-of-education"]
    assert [
        (r.category, str(r.value), r.category_description) for r in education.ratings
    ] == [
        (1, "0.00", "Less than a High School Diploma"),
        (2, "60.00", "Bachelor's Degree"),
        (3, "40.00", "Master's Degree"),
    ]
    assert education.rating("RL", 2) is not None
    assert '"Bachelor\'s Degree"' in education.summary
    certification = by_id[
        "education-training-experience-job-related-professional-certification"
    ]
    assert certification.importance == Decimal("3.67")
    assert certification.rating("IM").category is None  # type: ignore[union-attr]


def test_technology_tools_and_flags(data: OnetData) -> None:
    epic, excel, scheduler = data.technology_skills
    assert (epic.id, epic.name) == ("epic-systems", "Epic Systems")
    assert (epic.commodity_code, epic.commodity_title) == (
        "43232610",
        "Medical software",
    )
    assert (epic.hot_technology, epic.in_demand) == (True, False)
    assert (excel.hot_technology, excel.in_demand) == (True, True)
    assert (scheduler.hot_technology, scheduler.in_demand) == (False, False)
    assert "Medical software" in epic.summary
    assert "Hot Technology" in epic.summary
    assert "In Demand" in excel.summary
    (laptop,) = data.tools
    assert (laptop.name, laptop.commodity_title) == (
        "Laptop computers",
        "Notebook computers",
    )


def test_titles_from_both_lists_are_merged(data: OnetData) -> None:
    director, esm, chief = data.job_titles
    assert director.title_sources == (TitleSource.ALTERNATE, TitleSource.REPORTED)
    assert director.shown_in_my_next_move is True
    assert director.onet_source_codes == ("04", "06")
    assert director.short_title is None
    assert "standard SOC resources and Census Bureau materials" in director.summary
    assert len(director.citations) == 2
    assert (esm.short_title, esm.title_sources) == ("ESM", (TitleSource.ALTERNATE,))
    assert esm.shown_in_my_next_move is None
    assert chief.title_sources == (TitleSource.REPORTED,)
    assert chief.shown_in_my_next_move is False
    assert chief.onet_source_codes == ()


def test_related_occupations_and_job_zone(data: OnetData) -> None:
    clinic, unknown = data.related_occupations
    # The title comes from Occupation Data.txt when the row has none.
    assert clinic.name == "Sample Clinic Coordinators"
    assert (clinic.code.value, clinic.code.label) == (
        "99-9998.00",
        "Sample Clinic Coordinators",
    )
    assert (clinic.tier, clinic.index) == (RelatednessTier.PRIMARY_SHORT, 1)
    # Without any title, the code names the occupation; no label is invented.
    assert (unknown.name, unknown.code.label) == ("99-9997.00", None)
    assert unknown.tier is RelatednessTier.SUPPLEMENTAL
    (zone,) = data.job_zones
    assert (zone.id, zone.zone) == ("job-zone-4", 4)
    assert zone.name == "Job Zone Four: Considerable Preparation Needed"
    assert zone.svp_range == "(7.0 to < 8.0)"
    # the reference table's description of the zone, quoted word for word
    assert zone.summary.endswith(
        ' O*NET describes job zone 4: "Some experience. A degree, mostly. '
        'Years of training."'
    )


def test_the_extract_layout_is_read_and_missing_tables_are_noticed() -> None:
    with pytest.warns(OnetNotice) as caught:
        data = read_onet(EXTRACT, CODE)
    assert data.release == "29.3"
    (task,) = data.tasks
    assert task.incumbents_responding is not None
    assert str(task.incumbents_responding) == "28.0"
    assert task.work_activities[0].title == "Supervise employees."
    (reading,) = data.descriptors
    assert str(reading.importance) == "4"  # kept as the row writes it
    assert reading.rating("IM").not_relevant is None  # type: ignore[union-attr]
    (related,) = data.related_occupations
    assert related.name == "Sample Records Specialists"
    assert related.tier is RelatednessTier.PRIMARY_LONG
    assert data.technology_skills == ()
    assert data.job_titles == ()
    skipped = [n for n in data.notices if "Technology Skills" in n]
    assert len(skipped) == 1
    assert "technology_skills_99-9999.00.tsv" in skipped[0]
    assert "Technology Skills" in data.missing_tables
    assert [str(w.message) for w in caught] == list(data.notices)
    assert all(w.category is OnetNotice for w in caught)


def test_the_release_can_be_given_and_must_agree(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    (folder / "Read Me.txt").unlink()
    with pytest.raises(ValueError, match=r"no O\*NET release named .*pass release="):
        read(folder)
    data = read(folder, release="30.1")
    assert data.source.id == "onet-30-1"
    assert data.release_label is None
    assert data.source.edition == "30.1"
    assert all(c.source == "onet-30-1" for c in data.tasks[0].citations)
    with pytest.raises(ValueError, match=r"Read Me names release '29\.3'"):
        read(RELEASE, release="30.1")


def test_the_command_names_its_release_option_when_it_needs_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_of(tmp_path)
    (folder / "Read Me.txt").unlink()
    with pytest.raises(SystemExit) as exited:
        main([str(folder), "--code", CODE, "--check"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: ")
    assert "pass --release (such as --release 29.3)" in err


# --------------------------------------------------------------------------
# bad input


def test_an_unknown_code_is_an_error() -> None:
    with pytest.raises(OnetFormatError, match=r"has no occupation '11-1111\.00'"):
        read_onet(RELEASE, "11-1111.00")


def test_occupation_data_is_required(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    (folder / "Occupation Data.txt").unlink()
    with pytest.raises(OnetFormatError, match="no Occupation Data file found"):
        read(folder)


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "reason"),
    [
        (
            "Skills.txt",
            "2.A.1.a\tReading Comprehension\tLV\t4.12",
            "2.A.1.a\tReading Comprehension\tLV\t4,12",
            3,
            "column 'Data Value': '4,12' is not a decimal number",
        ),
        (
            "Skills.txt",
            "\t0.0000\t4.0000\t4.0000\tN\tn/a",
            "\t0.0000\t4.0000\tN\tn/a",
            2,
            "has 12 tab-separated fields; the header has 13",
        ),
        (
            "Technology Skills.txt",
            "Epic Systems\t43232610\tMedical software\tY",
            "Epic Systems\t43232610\tMedical software\tyes",
            2,
            "column 'Hot Technology': 'yes' is not Y or N",
        ),
        (
            "Task Statements.txt",
            "Review example budgets.\tSupplemental\t28\t08/2022",
            "Review example budgets.\tSupplemental\t28\t2022-08",
            4,
            "column 'Date': '2022-08' is not a date as MM/YYYY",
        ),
        (
            "Task Statements.txt",
            "Review example budgets.\tSupplemental",
            "Review example budgets.\tOptional",
            4,
            "column 'Task Type': 'Optional' is not Core or Supplemental",
        ),
        (
            "Related Occupations.txt",
            "99-9998.00\tPrimary-Short\t1",
            "99-9998.00\tPrimary-Short\tfirst",
            2,
            "column 'Index': 'first' is not a whole number",
        ),
        (
            "Alternate Titles.txt",
            "Example Director\tn/a",
            "\tn/a",
            2,
            "column 'Alternate Title' is empty",
        ),
        (
            "Knowledge.txt",
            "O*NET-SOC Code\tElement ID\tElement Name",
            "O*NET-SOC Code\tElement ID\tElement ID",
            1,
            "header repeats column 'Element ID'",
        ),
    ],
)
def test_malformed_rows_name_file_and_line(
    tmp_path: Path, file: str, old: str, new: str, line: int, reason: str
) -> None:
    folder = copy_of(tmp_path)
    rewrite(folder / file, old, new)
    with pytest.raises(OnetFormatError) as info:
        read(folder)
    error = info.value
    assert Path(error.file) == folder / file
    assert error.line == line
    assert reason in error.reason
    assert str(error).startswith(f"{folder / file}, line {line}: ")


def test_header_errors_about_the_required_columns(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    rewrite(folder / "Task Statements.txt", "\tTask ID\t", "\tTask Number\t")
    with pytest.raises(OnetFormatError, match=r"lacks column\(s\) 'Task ID'"):
        read(folder)


@pytest.mark.parametrize(
    ("file", "old", "new", "where"),
    [
        # a value that makes no valid citation or code, not a record field
        ("Skills.txt", "\t2.A.1.a\t", "\t2.A.1.\x01a\t", "Skills.txt, line 2"),
        (
            "Related Occupations.txt",
            "\t99-9998.00\t",
            "\t99-9998.00 x\t",
            "Related Occupations.txt, line 2",
        ),
    ],
)
def test_a_value_that_makes_no_citation_or_code_names_the_line(
    file: str, old: str, new: str, where: str, tmp_path: Path
) -> None:
    folder = copy_of(tmp_path)
    rewrite(folder / file, old, new)
    with pytest.raises(OnetFormatError, match=re.escape(where)):
        read(folder)


def test_a_value_the_record_rejects_names_the_line(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    rewrite(folder / "Job Zones.txt", f"{CODE}\t4\t", f"{CODE}\t9\t")
    with pytest.raises(OnetFormatError, match=r"Job Zones.txt, line 3: .*zone"):
        read(folder)


def test_names_that_differ_in_signs_get_ids_of_their_own(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    path = folder / "Technology Skills.txt"
    path.write_text(
        path.read_text()
        + "".join(
            f"{CODE}\t{name}\t43232405\tObject or component oriented development"
            " software\tN\tN\n"
            for name in ("C", "C#", "C++", "R&D Tracker")
        )
    )
    ids = {s.name: s.id for s in read(folder).technology_skills}
    assert [ids[n] for n in ("C", "C#", "C++", "R&D Tracker")] == [
        "c",
        "c-sharp",
        "c-plus-plus",
        "r-and-d-tracker",
    ]


def append_line(path: Path, line: str) -> int:
    """Append *line* to *path*; return its line number."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


@pytest.mark.parametrize(
    ("table", "line", "message"),
    [
        (  # case alone does not make another id
            "Tools Used.txt",
            f"{CODE}\tLaptop Computers\t43211503\tNotebook computers",
            "tool 'Laptop Computers' gets the id 'laptop-computers', as "
            "'Laptop computers' on line 2 does (ids are made from names, ignoring "
            "case and punctuation)",
        ),
        (
            "Technology Skills.txt",
            f"{CODE}\tEpic-Systems\t43232610\tMedical software\tN\tN",
            "technology skill 'Epic-Systems' gets the id 'epic-systems', as "
            "'Epic Systems' on line 2 does",
        ),
        (
            "Tasks to DWAs.txt",
            f"{CODE}\t9001\t4.A.4.b.4.I01.D13\t03/2014\tAnalyst",
            "repeats the link of task 9001 to 4.A.4.b.4.I01.D13 on line 2",
        ),
        (
            "Skills.txt",
            f"{CODE}\t2.A.1.a\tReading Comprehension\tLV\t4.50\t8\t0.1250"
            "\t3.8800\t4.3700\tN\tN\t08/2022\tAnalyst",
            "repeats the rating of element 2.A.1.a on scale LV (line 3)",
        ),
        (
            "Occupation Data.txt",
            f"{CODE}\tOther Title\tAnother description.",
            f"repeats the key '{CODE}' of line 3",
        ),
        (
            "Scales Reference.txt",
            "IM\tImportance\t0\t5",
            "repeats the key 'IM' of line 4",
        ),
    ],
    ids=["tool", "technology-skill", "dwa-link", "rating", "occupation", "scale"],
)
def test_a_repeated_row_is_reported_where_it_repeats(
    tmp_path: Path, table: str, line: str, message: str
) -> None:
    # the error names the repeating row and the row it repeats, even when
    # the two disagree (the last would otherwise win silently)
    folder = copy_of(tmp_path)
    number = append_line(folder / table, line)
    with pytest.raises(
        OnetFormatError,
        match=rf"{re.escape(table)}, line {number}: {re.escape(message)}",
    ):
        read(folder)


READING_LEVEL = "\tLV\t4.12\t8\t0.1250\t3.8800\t4.3700\t"


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (
            "\tLV\t99\t8\t0.1250\t3.8800\t4.3700\t",
            r"value 99 is outside the scale \(0 to 7\)",
        ),
        ("\tLV\t4.12\t-8\t0.1250\t3.8800\t4.3700\t", r"n cannot be negative \(-8\)"),
        ("\tLV\t4.12\t8\t0.1250\t4.3700\t3.8800\t", "the upper confidence bound"),
        (
            "\tLV\tn/a\t8\t0.1250\t3.8800\t4.3700\t",
            r"column 'Data Value' has no value \('n/a'\)",
        ),
        (
            f"\tLV\t4.12\t{'1' * 5000}\t0.1250\t3.8800\t4.3700\t",
            "column 'N': a number of 5,000 digits is too long",
        ),
    ],
    ids=["value-off-scale", "negative-n", "bounds-reversed", "n/a", "too-many-digits"],
)
def test_a_bad_rating_cell_is_refused_at_its_row(
    tmp_path: Path, cells: str, message: str
) -> None:
    folder = copy_of(tmp_path)
    rewrite(folder / "Skills.txt", READING_LEVEL, cells)
    with pytest.raises(OnetFormatError, match=rf"Skills.txt, line 3: {message}"):
        read(folder)


def test_a_whole_number_too_long_is_refused_at_its_row(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    path = folder / "Task Statements.txt"
    path.write_text(
        path.read_text().replace(f"{CODE}\t9001\t", f"{CODE}\t{'9' * 5000}\t", 1)
    )
    with pytest.raises(
        OnetFormatError,
        match=r"Task Statements.txt, line 3: column 'Task ID': a number of 5,000 "
        "digits is too long",
    ):
        read(folder)


def test_no_high_point_is_read_on_a_scale_that_runs_from_one(tmp_path: Path) -> None:
    # O*NET writes 0 where there is no high point, though VH runs from 1
    folder = copy_of(tmp_path)
    rewrite(
        folder / "Work Values.txt",
        "First Work Value High-Point\tVH\t6.00",
        "First Work Value High-Point\tVH\t0.00",
    )
    (descriptor,) = [d for d in read(folder).descriptors if d.element_id == "1.B.2.g"]
    assert descriptor.ratings[0].value == 0
    assert "O*NET gives no high point" in descriptor.summary


def test_a_file_ending_lines_with_carriage_returns_alone(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    path = folder / "Tools Used.txt"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    with pytest.raises(
        OnetFormatError, match=r"Tools Used.txt, line 1: ends lines with a carriage"
    ):
        read(folder)


def test_a_scale_or_category_missing_from_its_table_is_one_notice(
    tmp_path: Path,
) -> None:
    folder = copy_of(tmp_path)
    skills = folder / "Skills.txt"
    skills.write_text(skills.read_text().replace("\tLV\t", "\tZZ\t"))
    education = folder / "Education, Training, and Experience.txt"
    rewrite(education, "\tRL\t2\t60.00", "\tRL\t77\t60.00")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = read_onet(folder, CODE)
    notices = [str(w.message) for w in caught if w.category is OnetNotice]
    # one notice for each, however many rows: with the file's path and line
    # and the lookup table's own file name
    assert [n for n in notices if "scale 'ZZ'" in n] == [
        f"{skills}, line 3 (and any later rows): scale 'ZZ' is not in "
        "Scales Reference.txt; what that table would give is left out"
    ]
    assert [n for n in notices if "category 77" in n] == [
        f"{education}, line 3 (and any later rows): category 77 of element "
        "2.D.1 on scale RL is not in Education, Training, and Experience "
        "Categories.txt; what that table would give is left out"
    ]
    assert notices == list(data.notices)
    rating = data.descriptors[0].rating("ZZ")
    assert rating is not None
    assert (rating.scale_name, rating.scale_minimum, rating.scale_maximum) == (
        None,
        None,
        None,
    )


def test_text_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    path = folder / "Tools Used.txt"
    path.write_bytes(path.read_bytes() + b"99-9999.00\t\xff\t1\tX\n")
    with pytest.raises(OnetFormatError, match=r"Tools Used.txt, line 3: is not UTF-8"):
        read(folder)


NUMBER_RE = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
decimal_texts = st.from_regex(r"\A-?(0|[1-9][0-9]{0,3})(\.[0-9]{1,4})?\Z")
other_texts = st.text(alphabet="0123456789.,-eE+ x", min_size=1, max_size=8).filter(
    lambda s: s.strip() not in ("", "n/a") and not NUMBER_RE.match(s.strip())
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding the extract's occupation data and one skills table."""
    folder = tmp_path_factory.mktemp("onet")
    shutil.copy(EXTRACT / f"occupation_data_{CODE}.tsv", folder)
    return folder


def write_skill_value(folder: Path, row: int, text: str) -> None:
    lines = (EXTRACT / f"skills_{CODE}.tsv").read_text().splitlines()
    fields = lines[row - 1].split("\t")
    fields[6] = text
    lines[row - 1] = "\t".join(fields)
    (folder / f"skills_{CODE}.tsv").write_text("\n".join(lines) + "\n")


@given(decimal_texts)
def test_any_decimal_text_is_kept_exactly(scratch: Path, text: str) -> None:
    write_skill_value(scratch, 2, text)
    importance = read(scratch, release="29.3").descriptors[0].importance
    assert importance is not None
    assert str(importance) == text
    assert importance == Decimal(text)


@given(other_texts)
def test_other_number_text_is_rejected_with_its_line(scratch: Path, text: str) -> None:
    write_skill_value(scratch, 3, text)
    with pytest.raises(OnetFormatError) as info:
        read(scratch, release="29.3")
    assert info.value.line == 3
    assert "'Data Value'" in info.value.reason


# --------------------------------------------------------------------------
# refreshing the package data


def test_merge_replaces_only_onet_records(data: OnetData) -> None:
    document = packaged_document()
    merged = merge_into_document(document, data)
    # The seed's own job title stays, in front of the O*NET ones.
    assert merged["job_titles"][0]["id"] == "executive-director-of-healthcare-services"
    assert [t["id"] for t in merged["job_titles"][1:]] == [
        t.id for t in data.job_titles
    ]
    # ESCO's related occupations stay where they were.
    esco = [
        r["id"]
        for r in document["related_occupations"]
        if r["code"]["system"] == "esco"
    ]
    assert [
        r["id"] for r in merged["related_occupations"] if r["code"]["system"] == "esco"
    ] == esco
    assert len(merged["tasks"]) == len(data.tasks)
    # The input is not changed.
    assert document == packaged_document()
    # Merging twice changes nothing more.
    assert merge_into_document(merged, data) == merged


def test_refresh_refuses_data_that_would_break_references(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    for _, name in DATA_FILES:
        shutil.copy(Path(hsm_knowledge.__file__).parent / "data" / name, data_dir)
    relations = json.loads((data_dir / "relations.json").read_text())
    relations.append(
        {
            "subject": "technology-skill:microsoft-word",
            "type": "illustrates",
            "object": "skill:healthcare-technology",
            "basis": "editorial",
            "rationale": "A test relation to a record the fixture lacks.",
            "citations": [{"source": "onet-29-3", "locator": "Technology Skills.txt"}],
        }
    )
    (data_dir / "relations.json").write_text(json.dumps(relations))
    before = {p.name: p.read_text() for p in data_dir.iterdir()}
    status = main(
        [str(RELEASE), "--code", CODE, "--data-dir", str(data_dir), "--write"]
    )
    assert status == 1
    err = capsys.readouterr().err
    assert "would be invalid" in err
    assert "names unknown record 'technology-skill:microsoft-word'" in err
    assert {p.name: p.read_text() for p in data_dir.iterdir()} == before


def test_refresh_writes_canonical_files_that_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    for _, name in DATA_FILES:
        shutil.copy(Path(hsm_knowledge.__file__).parent / "data" / name, data_dir)
    (data_dir / "relations.json").write_text("[]\n")
    args = [str(RELEASE), "--code", CODE, "--data-dir", str(data_dir)]
    assert main([*args, "--check"]) == 1
    assert main([*args, "--write"]) == 0
    out = capsys.readouterr().out
    assert "3 tasks, 11 descriptors" in out
    assert main([*args, "--check"]) == 0
    document = {
        key: json.loads((data_dir / name).read_text()) for key, name in DATA_FILES
    }
    kb = hsm_knowledge.loads(json.dumps(document))
    assert kb.tasks.ids() == ("onet-9001", "onet-9002", "onet-9003")
    assert kb.technology_skills["epic-systems"].hot_technology
    for name in ("tasks.json", "descriptors.json", "manifest.json"):
        text = (data_dir / name).read_text()
        assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def test_refresh_reports_an_unreadable_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a folder that cannot be read is bad data (1), as in hsm-knowledge
    assert main([str(tmp_path / "missing"), "--code", CODE]) == 1
    err = capsys.readouterr().err
    assert err.startswith("python -m hsm_knowledge.onet: error: ")
    assert err.endswith("is not a directory\n")


def test_a_malformed_row_is_bad_data_and_a_wrong_release_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_of(tmp_path)
    tasks = folder / "Task Statements.txt"
    lines = tasks.read_text(encoding="utf-8").splitlines(keepends=True)
    tasks.write_text(lines[0] + "not\ta row\n" + "".join(lines[1:]), encoding="utf-8")
    assert main([str(folder), "--code", CODE, "--check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("python -m hsm_knowledge.onet: error: ")
    assert "Task Statements.txt, line 2" in err
    assert err.count("\n") == 1
    with pytest.raises(SystemExit) as exited:
        main([str(RELEASE), "--code", CODE, "--check", "--release", "30.1"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: ")
    assert "python -m hsm_knowledge.onet: error: release '30.1' was given" in err


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--source-id", "Bad_Id"], "--source-id 'Bad_Id' is not an O*NET release id"),
        # a valid id, but not one a refresh knows as O*NET's: the next
        # refresh would keep its records beside the new ones
        (["--source-id", "onet-db"], "--source-id 'onet-db' is not an O*NET release"),
        (["--release", "30.1a"], "--release '30.1a' is not a release number"),
        (["--source-id", "onet-29-3\n"], "is not an O*NET release id"),
    ],
)
def test_a_source_id_or_release_a_refresh_cannot_recognise_is_a_usage_error(
    option: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([str(RELEASE), "--code", CODE, "--check", *option])
    assert exited.value.code == 2
    assert message in capsys.readouterr().err


def _data_dir(tmp_path: Path) -> Path:
    """A copy of the package data, with no relation to O*NET's records."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    for _, name in DATA_FILES:
        shutil.copy(Path(hsm_knowledge.__file__).parent / "data" / name, data_dir)
    (data_dir / "relations.json").write_text("[]\n")
    return data_dir


def _contents(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(folder.iterdir())}


def _without_two_tables(folder: Path) -> None:
    (folder / "Tools Used.txt").unlink()
    (folder / "Job Zones.txt").unlink()


def _with_a_renamed_column(folder: Path) -> None:
    rewrite(folder / "Task Statements.txt", "\tTask Type\t", "\tTask Kind\t")


@pytest.mark.parametrize(
    ("damage", "missing", "refused", "compared"),
    [
        # without the files, the tools and the job zone would be dropped
        (
            _without_two_tables,
            ("missing_tables", ("Tools Used", "Job Zones")),
            "has no file for O*NET's 'Tools Used' and 'Job Zones' tables",
            "--write and --check refuse a folder without a table",
        ),
        # a newer release renamed a column: the task types would be dropped
        (
            _with_a_renamed_column,
            ("missing_columns", (("Task Statements", "Task Type"),)),
            "files lack the column(s) 'Task Type' of 'Task Statements'",
            "--write and --check refuse files without a column",
        ),
    ],
)
def test_refresh_refuses_a_folder_that_would_drop_records(
    damage: Callable[[Path], None],
    missing: tuple[str, object],
    refused: str,
    compared: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # a refresh replaces every O*NET record, so it refuses a folder that
    # lacks what some of them are made from
    folder = copy_of(tmp_path)
    damage(folder)
    with pytest.warns(OnetNotice):
        data = read_onet(folder, CODE)
    assert getattr(data, missing[0]) == missing[1]
    data_dir = _data_dir(tmp_path)
    before = _contents(data_dir)
    args = [str(folder), "--code", CODE, "--data-dir", str(data_dir)]
    for action in ("--write", "--check"):
        assert main([*args, action]) == 1
        err = capsys.readouterr().err
        assert "notice: " in err
        assert refused in err
    # comparing only: it compares, and says what a refresh would do
    assert main(args) == 0
    captured = capsys.readouterr()
    assert compared in captured.err
    assert "file(s) differ: " in captured.out
    assert _contents(data_dir) == before


def test_refresh_writes_every_file_or_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hsm_knowledge import export

    data_dir = _data_dir(tmp_path)
    before = _contents(data_dir)
    staged = export._staged
    calls: list[Path] = []

    def full_disk(path: Path, *args: Any) -> Any:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device", str(path))
        return staged(path, *args)

    monkeypatch.setattr(export, "_staged", full_disk)
    args = [str(RELEASE), "--code", CODE, "--data-dir", str(data_dir), "--write"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("python -m hsm_knowledge.onet: error: ")
    assert err.endswith(
        "technology_skills.json: No space left on device; no data file was changed\n"
    )
    assert err.count("\n") == 1
    assert _contents(data_dir) == before  # and no temporary file is left


@pytest.mark.parametrize("date", ["08/0000", "13/2022", "8/2022"])
def test_a_date_that_is_no_date_names_its_file_and_line(
    date: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_of(tmp_path)
    rewrite(folder / "Task Statements.txt", "\t08/2022\t", f"\t{date}\t")
    assert main([str(folder), "--code", CODE, "--check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("python -m hsm_knowledge.onet: error: ")
    # (line 2 is another occupation's, which is not read)
    assert f"Task Statements.txt, line 3: column 'Date': '{date}' is not a date" in err
    assert "usage" not in err


def test_refresh_reports_an_unreadable_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(RELEASE), "--code", CODE, "--check", "--data-dir"]
    assert main([*args, str(tmp_path / "missing")]) == 1
    assert "onet: error: cannot read " in capsys.readouterr().err
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    for _, name in DATA_FILES:
        shutil.copy(Path(hsm_knowledge.__file__).parent / "data" / name, data_dir)
    (data_dir / "tasks.json").write_text("{bad")
    assert main([*args, str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "tasks.json is not valid JSON" in err
    assert "Traceback" not in err


def test_rows_of_other_occupations_are_checked_for_shape(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    rewrite(folder / "Skills.txt", "99-9998.00\t2.A.1.a\t", "99-9998.00\t")
    with pytest.raises(OnetFormatError, match=r"Skills.txt, line 8: has 12"):
        read(folder)


def test_the_full_release_is_read_without_notices() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", OnetNotice)
        assert read_onet(RELEASE, CODE).notices == ()


@pytest.mark.parametrize(
    ("file", "column"),
    [
        ("Task Statements.txt", "Task Type"),
        ("Skills.txt", "Standard Error"),
        ("Technology Skills.txt", "Hot Technology"),
    ],
)
def test_a_renamed_optional_column_is_noticed(
    file: str, column: str, tmp_path: Path
) -> None:
    # a newer release that renames a column the reader uses: the records
    # are read without it, and the notice says so
    folder = copy_of(tmp_path)
    rewrite(folder / file, f"\t{column}\t", f"\t{column} (new)\t")
    with pytest.warns(OnetNotice, match=re.escape(f"has no column '{column}'")):
        data = read_onet(folder, CODE)
    (notice,) = data.notices
    assert str(folder / file) in notice
    assert "its records lack what it holds" in notice


@pytest.mark.parametrize("release", ["thirty", "29.3 ", "", "29..3"])
def test_a_release_that_is_no_release_number_is_refused(
    release: str, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match=r"is not a release number, such as '29\.3'"):
        read_onet(tmp_path, CODE, release=release)


_OPTIONAL = [
    (table.name, column) for table in TABLES.values() for column in table.optional
]


@pytest.mark.parametrize(("table", "column"), _OPTIONAL)
def test_every_optional_column_may_be_missing(
    table: str, column: str, tmp_path: Path
) -> None:
    # each column the reader lists as optional: a file without it is read,
    # with a notice, and the records lack only what it held
    folder = copy_of(tmp_path)
    path = folder / TABLES[table].file_name
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split("\t")
    assert column in header, (table, column)
    lines[0] = "\t".join(
        f"{name} (renamed)" if name == column else name for name in header
    )
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.warns(OnetNotice, match=re.escape(f"has no column {column!r}")):
        data = read_onet(folder, CODE)
    assert data.missing_columns == ((table, column),)
    full = read()
    assert data.counts() == full.counts()
