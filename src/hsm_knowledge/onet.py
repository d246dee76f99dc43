r"""Read the O*NET database's tab-delimited text files into the library's records.

:func:`read_onet` reads a directory holding O*NET database files in their
published text format (``Task Statements.txt``, ``Skills.txt``...) and returns
the records for one O*NET-SOC code: tasks, rated descriptors, technology
skills, tools, job titles, related occupations and the job zone. Every record
cites the release and the O*NET file it comes from.

The reader finds columns by their header names, so it reads both the layout
of the text files (with or without the ``Title`` and ``Scale Name`` columns
of recent releases) and extracts with the same columns, such as a folder of
``task_statements_11-9111.00.tsv`` files; :data:`TABLES` lists the file names
tried for each table. Numbers are kept exactly as the row writes them (``4``
stays ``4``, ``4.00`` stays ``4.00``); empty cells and ``n/a`` mean "not
given" (``None``).

Only ``Occupation Data`` is required. A missing optional file is skipped with
a notice: the notice is issued as an :class:`OnetNotice` warning and kept in
:attr:`OnetData.notices`. A malformed row raises :class:`OnetFormatError`
naming the file and the line.

Run ``python -m hsm_knowledge.onet DIR --code 11-9111.00`` to compare the
packaged data with a directory's content, and add ``--write`` to regenerate
the O*NET part of the package data from it. A refresh needs every table
(it replaces all of O*NET's records), and a failure to write one file
changes none.

Example:
    >>> import tempfile, warnings
    >>> from pathlib import Path
    >>> tmp = tempfile.TemporaryDirectory()
    >>> folder = Path(tmp.name)
    >>> _ = (folder / "Occupation Data.txt").write_text(
    ...     "O*NET-SOC Code\tTitle\tDescription\n"
    ...     "99-9999.00\tExample Managers\tRun examples.\n"
    ... )
    >>> _ = (folder / "Task Statements.txt").write_text(
    ...     "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\t"
    ...     "Date\tDomain Source\n"
    ...     "99-9999.00\t7\tRun the examples.\tCore\t28.0\t08/2022\tIncumbent\n"
    ... )
    >>> with warnings.catch_warnings(record=True) as notices:
    ...     warnings.simplefilter("always")
    ...     data = read_onet(folder, "99-9999.00", release="29.3")
    >>> task = data.tasks[0]
    >>> task.id, task.name, task.category.value, str(task.date)
    ('onet-7', 'Run the examples.', 'core', '08/2022')
    >>> task.citations[0].locator
    'Task Statements.txt, 99-9999.00, task 7'
    >>> data.notices[0]
    "skipped O*NET's Tasks to DWAs table: none of 'Tasks to DWAs.txt', ..."
    >>> tmp.cleanup()
"""

from __future__ import annotations

import argparse
import calendar
import datetime as _dt
import json
import re
import sys
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import attrs

from ._errors import quote
from ._model import (
    Citation,
    CodeSystem,
    Descriptor,
    DescriptorDomain,
    DetailedWorkActivity,
    JobTitle,
    JobZone,
    OccupationCode,
    Period,
    Rating,
    RelatednessTier,
    RelatedOccupation,
    Source,
    SourceType,
    Task,
    TaskCategory,
    TechnologySkill,
    TitleSource,
    Tool,
)

__all__ = [
    "ONET_KINDS",
    "TABLES",
    "OnetData",
    "OnetFormatError",
    "OnetNotice",
    "OnetTable",
    "default_source_id",
    "main",
    "merge_into_document",
    "onet_source",
    "read_onet",
    "release_from_read_me",
    "render_files",
]

CODE_COLUMN = "O*NET-SOC Code"

#: The knowledge base attributes whose O*NET records the reader produces,
#: in the order :func:`merge_into_document` writes them.
ONET_KINDS: tuple[str, ...] = (
    "tasks",
    "descriptors",
    "technology_skills",
    "tools",
    "job_titles",
    "related_occupations",
    "job_zones",
)

#: Source ids that name an O*NET release (``onet-29-3``); records citing only
#: such sources belong to the reader and are replaced when data is refreshed.
ONET_SOURCE_RE = re.compile(r"^onet-[0-9]+(-[0-9]+)*$")
_RELEASE_RE = re.compile(r"[0-9]+(\.[0-9]+)*")


@attrs.frozen
class OnetTable:
    """One O*NET table: its official name and the file names tried for it.

    Attributes:
        name: The table's name in the O*NET database (``"Task Statements"``).
        candidates: File names tried in order; ``{code}`` stands for the
            O*NET-SOC code being read.
        columns: The columns the table must have.
        required: Whether reading fails without the file.
        optional: The other columns of the table that the reader uses, as
            O*NET 29.3 publishes them: a file without one is read, its
            records lacking what it holds, with an :class:`OnetNotice` (a
            newer release may have renamed it).
    """

    name: str
    candidates: tuple[str, ...]
    columns: tuple[str, ...]
    required: bool = False
    optional: tuple[str, ...] = ()

    @property
    def file_name(self) -> str:
        """The table's file name in the published database, cited by records."""
        return f"{self.name}.txt"


def _table(
    name: str, stem: str, columns: Sequence[str], *, lookup: bool = False, **kw: Any
) -> OnetTable:
    extracts: tuple[str, ...] = (f"{stem}.tsv", f"{stem}_subset.tsv", f"{stem}.txt")
    if not lookup:
        extracts = (f"{stem}_{{code}}.tsv", *extracts)
    return OnetTable(name, (f"{name}.txt", *extracts), tuple(columns), **kw)


_RATING_COLUMNS = ("Element ID", "Scale ID", "Data Value")
# what the rating tables add, by table, in O*NET 29.3
_ESTIMATES = ("N", "Standard Error", "Lower CI Bound", "Upper CI Bound")
_DATED = ("Date", "Domain Source")
_SUPPRESS = ("Recommend Suppress",)
# what Job Zone Reference says of a zone, quoted in its record's summary
_ZONE_DESCRIPTION = ("Experience", "Education", "Job Training")

#: The tables the reader knows, by O*NET table name.
TABLES: Mapping[str, OnetTable] = {
    table.name: table
    for table in (
        _table(
            "Occupation Data",
            "occupation_data",
            (CODE_COLUMN, "Title"),
            required=True,
            optional=("Description",),
        ),
        _table(
            "Task Statements",
            "task_statements",
            (CODE_COLUMN, "Task ID", "Task"),
            optional=("Task Type", "Incumbents Responding", *_DATED),
        ),
        _table(
            "Tasks to DWAs",
            "tasks_to_dwas",
            (CODE_COLUMN, "Task ID", "DWA ID"),
            optional=_DATED,
        ),
        _table("DWA Reference", "dwa_reference", ("DWA ID", "DWA Title"), lookup=True),
        *(
            _table(
                name,
                stem,
                (CODE_COLUMN, *_RATING_COLUMNS, *needed),
                optional=(*more, *_DATED),
            )
            for name, stem, needed, more in [
                ("Skills", "skills", (), (*_ESTIMATES, *_SUPPRESS, "Not Relevant")),
                (
                    "Knowledge",
                    "knowledge",
                    (),
                    (*_ESTIMATES, *_SUPPRESS, "Not Relevant"),
                ),
                ("Work Styles", "work_styles", (), (*_ESTIMATES, *_SUPPRESS)),
                ("Interests", "interests", (), ()),
                ("Work Values", "work_values", (), ()),
                # (a category tells its ratings apart: it cannot be missing)
                (
                    "Education, Training, and Experience",
                    "education_training_experience",
                    ("Category",),
                    (*_ESTIMATES, *_SUPPRESS),
                ),
            ]
        ),
        _table(
            "Technology Skills",
            "technology_skills",
            (CODE_COLUMN, "Example", "Commodity Code", "Commodity Title"),
            optional=("Hot Technology", "In Demand"),
        ),
        _table(
            "Tools Used",
            "tools_used",
            (CODE_COLUMN, "Example", "Commodity Code", "Commodity Title"),
        ),
        _table(
            "Alternate Titles",
            "alternate_titles",
            (CODE_COLUMN, "Alternate Title"),
            optional=("Short Title", "Source(s)"),
        ),
        _table(
            "Sample of Reported Titles",
            "sample_of_reported_titles",
            (CODE_COLUMN, "Reported Job Title"),
            optional=("Shown in My Next Move",),
        ),
        _table(
            "Related Occupations",
            "related_occupations",
            (CODE_COLUMN, "Related O*NET-SOC Code", "Relatedness Tier"),
            optional=("Index",),
        ),
        _table("Job Zones", "job_zones", (CODE_COLUMN, "Job Zone"), optional=_DATED),
        _table(
            "Job Zone Reference",
            "job_zone_reference",
            ("Job Zone", "Name"),
            lookup=True,
            optional=(*_ZONE_DESCRIPTION, "SVP Range"),
        ),
        _table(
            "Content Model Reference",
            "content_model_reference",
            ("Element ID", "Element Name"),
            lookup=True,
        ),
        _table(
            "Scales Reference",
            "scales_reference",
            ("Scale ID",),
            lookup=True,
            optional=("Scale Name", "Minimum", "Maximum"),
        ),
        _table(
            "Education, Training, and Experience Categories",
            "education_training_experience_categories",
            ("Element ID", "Scale ID", "Category", "Category Description"),
            lookup=True,
        ),
    )
}

_READ_ME_NAMES = ("Read Me.txt", "onet_read_me.txt", "read_me.txt")

_DOMAIN_TABLES: tuple[tuple[str, DescriptorDomain], ...] = (
    ("Skills", DescriptorDomain.SKILL),
    ("Knowledge", DescriptorDomain.KNOWLEDGE),
    ("Work Styles", DescriptorDomain.WORK_STYLE),
    ("Interests", DescriptorDomain.INTEREST),
    ("Work Values", DescriptorDomain.WORK_VALUE),
    (
        "Education, Training, and Experience",
        DescriptorDomain.EDUCATION_TRAINING_EXPERIENCE,
    ),
)

_DOMAIN_NOUNS = {
    DescriptorDomain.SKILL: "skill",
    DescriptorDomain.KNOWLEDGE: "knowledge area",
    DescriptorDomain.WORK_STYLE: "work style",
    DescriptorDomain.INTEREST: "occupational interest",
    DescriptorDomain.WORK_VALUE: "work value",
    DescriptorDomain.EDUCATION_TRAINING_EXPERIENCE: "education and training element",
}

# The O*NET data dictionary's meanings of the Alternate Titles source codes.
_TITLE_SOURCE_CODES = {
    "01": "industry associations",
    "02": "incumbent worker surveys",
    "03": "occupational classification assignments",
    "04": "standard SOC resources",
    "05": "state agencies",
    "06": "Census Bureau materials",
    "07": "BLS databases",
    "08": "ETA sources",
    "09": "user submissions",
    "10": "employer job listings",
}

_TIERS = {
    "Primary-Short": RelatednessTier.PRIMARY_SHORT,
    "Primary-Long": RelatednessTier.PRIMARY_LONG,
    "Supplemental": RelatednessTier.SUPPLEMENTAL,
}
_TIER_WORDS = {
    RelatednessTier.PRIMARY_SHORT: "one of the five most closely related",
    RelatednessTier.PRIMARY_LONG: "one of the sixth to tenth most closely related",
    RelatednessTier.SUPPLEMENTAL: "one of the 11th to 20th most closely related",
}
_TASK_TYPES = {"Core": TaskCategory.CORE, "Supplemental": TaskCategory.SUPPLEMENTAL}

# High-point scales give the number of an element in the same group: 1 is
# the group's first element (".a"), 6 its sixth; 0 means no high point.
_HIGH_POINT_SCALES = {"IH": "1.B.1", "VH": "1.B.2"}

_DECIMAL_RE = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
_INT_RE = re.compile(r"^(0|[1-9][0-9]*)$")
_DATE_RE = re.compile(r"^([0-9]{2})/([0-9]{4})$")
_MISSING = ("", "n/a")


# --------------------------------------------------------------------------
# errors and notices


class OnetNotice(UserWarning):
    """A notice from the O*NET reader, such as an optional file it skipped."""


class OnetFormatError(ValueError):
    """An O*NET file cannot be read; the message names the file and the line.

    Attributes:
        file: The path of the file.
        line: The line number (1 is the header), or ``None`` for the whole file.
        reason: What is wrong.
    """

    def __init__(self, file: Path | str, line: int | None, reason: str) -> None:
        self.file = str(file)
        self.line = line
        self.reason = reason
        where = self.file if line is None else f"{self.file}, line {line}"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.file, self.line, self.reason))


# --------------------------------------------------------------------------
# reading files

_V = TypeVar("_V")


@attrs.frozen
class _Row:
    path: Path
    line: int
    values: dict[str, str]

    def fail(self, reason: str) -> OnetFormatError:
        return OnetFormatError(self.path, self.line, reason)

    def has(self, column: str) -> bool:
        return column in self.values

    def text(self, column: str) -> str | None:
        value = self.values.get(column, "").strip()
        return None if value in _MISSING else value

    def required(self, column: str) -> str:
        return self.needed(self.text(column), column)

    def required_integer(self, column: str) -> int:
        return self.needed(self.integer(column), column)

    def required_decimal(self, column: str) -> Decimal:
        return self.needed(self.decimal(column), column)

    def needed(self, value: _V | None, column: str) -> _V:
        """Return *value*, read from *column*; an empty column is an error."""
        if value is None:
            written = self.values.get(column, "").strip()
            if written:  # "n/a": O*NET's word for a value it does not give
                raise self.fail(f"column {column!r} has no value ({written!r})")
            raise self.fail(f"column {column!r} is empty")
        return value

    def decimal(self, column: str) -> Decimal | None:
        value = self.text(column)
        if value is None:
            return None
        if not _DECIMAL_RE.match(value):
            raise self.fail(f"column {column!r}: {value!r} is not a decimal number")
        self._check_length(column, value)
        return Decimal(value)

    def _check_length(self, column: str, value: str) -> None:
        """Refuse a number the loader would refuse, here where the row is known."""
        if len(value) > 100:  # (the converter is imported for long ones only)
            from .serialize import MAX_INT_DIGITS, _digits_over_limit

            digits = _digits_over_limit(value)
            if digits is not None:
                raise self.fail(
                    f"column {column!r}: a number of {digits:,} digits is too long "
                    f"(at most {MAX_INT_DIGITS})"
                )

    def integer(self, column: str) -> int | None:
        value = self.text(column)
        if value is None:
            return None
        if not _INT_RE.match(value):
            raise self.fail(f"column {column!r}: {value!r} is not a whole number")
        self._check_length(column, value)
        return int(value)

    def flag(self, column: str) -> bool | None:
        value = self.text(column)
        if value is None:
            return None
        if value not in ("Y", "N"):
            raise self.fail(f"column {column!r}: {value!r} is not Y or N")
        return value == "Y"

    def date(self, column: str) -> Period | None:
        value = self.text(column)
        if value is None:
            return None
        match = _DATE_RE.match(value)
        month = int(match.group(1)) if match else 0
        year = int(match.group(2)) if match else 0
        # (a date before year 1 cannot be held: 08/0000 is no date either)
        if match is None or not 1 <= month <= 12 or year < 1:
            raise self.fail(f"column {column!r}: {value!r} is not a date as MM/YYYY")
        last = calendar.monthrange(year, month)[1]
        return Period(
            start=_dt.date(year, month, 1), end=_dt.date(year, month, last), label=value
        )


def _read_rows(
    path: Path,
    table: OnetTable,
    code: str | None = None,
    on_absent: Callable[[Path, OnetTable, list[str]], None] | None = None,
) -> Iterator[_Row]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise OnetFormatError(path, line, "is not UTF-8 text") from None
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise OnetFormatError(path, None, "is empty; expected a header row")
    if "\r" in lines[0].rstrip("\r"):
        raise OnetFormatError(
            path,
            1,
            "ends lines with a carriage return alone; O*NET's files end "
            "them with a line feed (LF or CRLF)",
        )
    header = [name.strip() for name in lines[0].rstrip("\r").split("\t")]
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise OnetFormatError(path, 1, f"header repeats column {name!r}")
        seen.add(name)
    missing = [column for column in table.columns if column not in seen]
    if missing:
        names = ", ".join(repr(m) for m in missing)
        raise OnetFormatError(
            path, 1, f"header lacks column(s) {names} of O*NET's {table.name} table"
        )
    absent = [column for column in table.optional if column not in seen]
    if absent and on_absent is not None:
        on_absent(path, table, absent)
    code_index = header.index(CODE_COLUMN) if code is not None else -1
    for number, raw in enumerate(lines[1:], start=2):
        fields = raw.rstrip("\r").split("\t")
        same_shape = len(fields) == len(header)
        if same_shape and code is not None and fields[code_index].strip() != code:
            continue  # another occupation: checked for shape only
        if len(fields) != len(header):
            if not raw.strip():
                raise OnetFormatError(path, number, "is empty")
            raise OnetFormatError(
                path,
                number,
                f"has {len(fields)} tab-separated fields; the header has {len(header)}",
            )
        yield _Row(path, number, dict(zip(header, fields, strict=True)))


class _Directory:
    """Finds and reads the tables of one directory, collecting notices."""

    def __init__(self, directory: Path, code: str) -> None:
        self.directory = directory
        self.code = code
        self.notices: list[str] = []
        self.missing: list[str] = []
        self.missing_columns: list[tuple[str, str]] = []

    def notice(self, message: str) -> None:
        self.notices.append(message)
        warnings.warn(message, OnetNotice, stacklevel=4)

    def absent(self, path: Path, table: OnetTable, columns: list[str]) -> None:
        """Note optional *columns* of *table* that the file at *path* lacks."""
        self.missing_columns.extend((table.name, column) for column in columns)
        names = ", ".join(repr(column) for column in columns)
        self.notice(
            f"{path} has no column {names} of O*NET's {table.name} table "
            "(renamed in this release?), so its records lack what it holds"
        )

    def find(self, table: OnetTable) -> Path | None:
        for candidate in table.candidates:
            path = self.directory / candidate.format(code=self.code)
            if path.is_file():
                return path
        return None

    def rows(self, name: str, *, for_code: bool = True) -> list[_Row] | None:
        table = TABLES[name]
        path = self.find(table)
        if path is None:
            tried = ", ".join(repr(c.format(code=self.code)) for c in table.candidates)
            if table.required:
                raise OnetFormatError(
                    self.directory, None, f"no {table.name} file found (tried {tried})"
                )
            self.missing.append(table.name)
            self.notice(
                f"skipped O*NET's {table.name} table: none of {tried} "
                f"is a file in {self.directory}"
            )
            return None
        rows = list(
            _read_rows(path, table, self.code if for_code else None, self.absent)
        )
        if for_code and not rows:
            self.notice(f"{path} has no rows for {self.code}")
        return rows


# --------------------------------------------------------------------------
# building records


# Signs that tell names apart (C, C#, C++; R&D) are spelt out in ids.
_SIGN_WORDS = {"#": " sharp ", "+": " plus ", "&": " and "}
_SIGNS_RE = re.compile("[#+&]")


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['\u2019]", "", text.lower())
    text = _SIGNS_RE.sub(lambda m: _SIGN_WORDS[m.group()], text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _build(row: _Row, make: Callable[..., Any], **fields: Any) -> Any:
    try:
        return make(**fields)
    except (TypeError, ValueError) as exc:
        raise row.fail(str(exc)) from None


def _unique(records: list[Any], rows: list[_Row], what: str) -> None:
    seen: dict[str, tuple[Any, _Row]] = {}
    for record, row in zip(records, rows, strict=True):
        if record.id in seen:
            other, first = seen[record.id]
            if getattr(other, "name", None) == getattr(record, "name", None):
                raise row.fail(
                    f"{what} id {record.id!r} repeats the one made from line "
                    f"{first.line}"
                )
            raise row.fail(
                f"{what} {record.name!r} gets the id {record.id!r}, as "
                f"{other.name!r} on line {first.line} does (ids are made from "
                "names, ignoring case and punctuation)"
            )
        seen[record.id] = (record, row)


_K = TypeVar("_K")
_T = TypeVar("_T")


def _lookup(
    rows: Iterable[_Row], key: Callable[[_Row], _K], value: Callable[[_Row], _T]
) -> dict[_K, _T]:
    """Map each row's *key* to its *value*; a key on two rows is an error."""
    out: dict[_K, _T] = {}
    lines: dict[_K, int] = {}
    for row in rows:
        found = key(row)
        if found in lines:
            raise row.fail(f"repeats {_key_words(found)} of line {lines[found]}")
        lines[found] = row.line
        out[found] = value(row)
    return out


def _key_words(key: object) -> str:
    if isinstance(key, tuple):
        return "the key " + ", ".join(repr(part) for part in key)
    return f"the key {key!r}"


def _join(items: Sequence[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _source_words(domain_source: str | None, date: Period | None) -> str:
    parts = []
    if domain_source is not None:
        parts.append(f"source: {domain_source.lower()}")
    if date is not None:
        parts.append(f"updated {date}")
    return "; ".join(parts)


@attrs.frozen(kw_only=True)
class OnetData:
    """What :func:`read_onet` read for one O*NET-SOC code.

    Attributes:
        code: The O*NET-SOC code read (``"11-9111.00"``).
        release: The O*NET release (``"29.3"``).
        release_label: The release's date as the Read Me gives it
            (``"May 2025"``), if known.
        source: The :class:`~hsm_knowledge.Source` record for the release
            that the records cite.
        title: The occupation's O*NET title.
        description: The occupation's O*NET description, if given.
        tasks: Task statements, in file order.
        descriptors: Rated descriptors, grouped by element, in file order.
        technology_skills: Technology skills, in file order.
        tools: Tools used, in file order.
        job_titles: Alternate titles, then reported titles not among them.
        related_occupations: Related occupations, in file order.
        job_zones: The occupation's job zones (one in O*NET's data; a
            file giving the code two zones gives both).
        notices: What the reader skipped or noticed, in order.
        missing_tables: The optional tables skipped because no file of
            theirs was found (``"Tools Used"``), in the order read; what
            they would give is left out of the records.
        missing_columns: ``(table, column)`` for each column the reader
            uses that a file lacks (``("Task Statements", "Task Type")``),
            in the order read; the records lack what it holds.
    """

    code: str
    release: str
    release_label: str | None
    source: Source
    title: str
    description: str | None
    tasks: tuple[Task, ...] = ()
    descriptors: tuple[Descriptor, ...] = ()
    technology_skills: tuple[TechnologySkill, ...] = ()
    tools: tuple[Tool, ...] = ()
    job_titles: tuple[JobTitle, ...] = ()
    related_occupations: tuple[RelatedOccupation, ...] = ()
    job_zones: tuple[JobZone, ...] = ()
    notices: tuple[str, ...] = ()
    missing_tables: tuple[str, ...] = ()
    missing_columns: tuple[tuple[str, str], ...] = ()

    def counts(self) -> dict[str, int]:
        """Return the number of records of each kind, by attribute name."""
        return {attr: len(getattr(self, attr)) for attr in ONET_KINDS}


class _Reader:
    def __init__(self, folder: _Directory, source_id: str) -> None:
        self.folder = folder
        self.code = folder.code
        self.source_id = source_id
        self.reported: set[tuple[str, str, Path]] = set()

    def unknown(self, row: _Row, what: str, table: str) -> None:
        """Give one notice for *what*, missing from the lookup *table*, per file."""
        if (what, table, row.path) in self.reported:
            return
        self.reported.add((what, table, row.path))
        found = self.folder.find(TABLES[table])
        name = found.name if found is not None else TABLES[table].file_name
        self.folder.notice(
            f"{row.path}, line {row.line} (and any later rows): {what} is not in "
            f"{name}; what that table would give is left out"
        )

    def cite(
        self, table: str, detail: str | None = None, row: _Row | None = None
    ) -> Citation:
        """Cite *table* for this code, with *detail* read from *row*.

        A detail that makes no valid locator (a control character in an
        element id) is *row*'s error, naming its file and line.
        """
        locator = f"{TABLES[table].file_name}, {self.code}"
        if detail:
            locator += f", {detail}"
        if row is None:
            return Citation(source=self.source_id, locator=locator)
        citation: Citation = _build(
            row, Citation, source=self.source_id, locator=locator
        )
        return citation

    # -- lookups ----------------------------------------------------------

    def occupations(self) -> dict[str, tuple[str, str | None]]:
        rows = self.folder.rows("Occupation Data", for_code=False) or []
        return _lookup(
            rows,
            lambda row: row.required(CODE_COLUMN),
            lambda row: (row.required("Title"), row.text("Description")),
        )

    def elements(self) -> dict[str, str]:
        rows = self.folder.rows("Content Model Reference", for_code=False) or []
        return _lookup(
            rows,
            lambda row: row.required("Element ID"),
            lambda row: row.required("Element Name"),
        )

    def scales(self) -> dict[str, tuple[str | None, Decimal | None, Decimal | None]]:
        rows = self.folder.rows("Scales Reference", for_code=False) or []
        return _lookup(
            rows,
            lambda row: row.required("Scale ID"),
            lambda row: (
                row.text("Scale Name"),
                row.decimal("Minimum"),
                row.decimal("Maximum"),
            ),
        )

    def categories(self) -> dict[tuple[str, str, int], str | None]:
        name = "Education, Training, and Experience Categories"
        rows = self.folder.rows(name, for_code=False) or []
        return _lookup(
            rows,
            lambda row: (
                row.required("Element ID"),
                row.required("Scale ID"),
                row.required_integer("Category"),
            ),
            lambda row: row.text("Category Description"),
        )

    # -- tasks ------------------------------------------------------------

    def tasks(self) -> list[Task]:
        rows = self.folder.rows("Task Statements")
        if rows is None:
            return []
        activities = self.work_activities()
        records = []
        for row in rows:
            task_id = row.required_integer("Task ID")
            kind = row.text("Task Type")
            if kind is not None and kind not in _TASK_TYPES:
                raise row.fail(
                    f"column 'Task Type': {kind!r} is not Core or Supplemental"
                )
            category = None if kind is None else _TASK_TYPES[kind]
            date = row.date("Date")
            source = row.text("Domain Source")
            linked = activities.get(task_id, ())
            citations = [self.cite("Task Statements", f"task {task_id}", row)]
            if linked:
                citations.append(self.cite("Tasks to DWAs", f"task {task_id}", row))
            described = "a core" if category is TaskCategory.CORE else "a"
            if category is TaskCategory.SUPPLEMENTAL:
                described = "a supplemental"
            summary = f"O*NET lists this as {described} task of the occupation"
            details = _source_words(source, date)
            summary += f" ({details})." if details else "."
            titles = [a.title for a in linked if a.title is not None]
            if titles:
                summary += (
                    " It involves these detailed work activities: "
                    + "; ".join(t.rstrip(".").lower() for t in titles)
                    + "."
                )
            records.append(
                _build(
                    row,
                    Task,
                    id=f"onet-{task_id}",
                    name=row.required("Task"),
                    summary=summary,
                    citations=tuple(citations),
                    onet_id=task_id,
                    category=category,
                    incumbents_responding=row.decimal("Incumbents Responding"),
                    date=date,
                    domain_source=source,
                    work_activities=linked,
                )
            )
        _unique(records, rows, "task")
        return records

    def work_activities(self) -> dict[int, tuple[DetailedWorkActivity, ...]]:
        rows = self.folder.rows("Tasks to DWAs")
        if rows is None:
            return {}
        titles: dict[str, str] = {}
        if rows and not all(row.has("DWA Title") for row in rows):
            reference = self.folder.rows("DWA Reference", for_code=False) or []
            titles = _lookup(
                reference,
                lambda row: row.required("DWA ID"),
                lambda row: row.required("DWA Title"),
            )
        out: dict[int, list[DetailedWorkActivity]] = {}
        links: dict[tuple[int, str], int] = {}
        for row in rows:
            task_id = row.required_integer("Task ID")
            dwa_id = row.required("DWA ID")
            if (task_id, dwa_id) in links:
                raise row.fail(
                    f"repeats the link of task {task_id} to {dwa_id} on line "
                    f"{links[task_id, dwa_id]}"
                )
            links[task_id, dwa_id] = row.line
            activity = _build(
                row,
                DetailedWorkActivity,
                id=dwa_id,
                title=row.text("DWA Title") or titles.get(dwa_id),
                date=row.date("Date"),
                domain_source=row.text("Domain Source"),
            )
            out.setdefault(task_id, []).append(activity)
        return {key: tuple(value) for key, value in out.items()}

    # -- descriptors ------------------------------------------------------

    def descriptors(self) -> list[Descriptor]:
        tables = [
            (name, domain, self.folder.rows(name)) for name, domain in _DOMAIN_TABLES
        ]
        if all(rows is None for _, _, rows in tables):
            return []
        elements = self.elements()
        scales = self.scales()
        categories: dict[tuple[str, str, int], str | None] = {}
        if any(
            rows and any(row.text("Category") is not None for row in rows)
            for _, _, rows in tables
        ):
            categories = self.categories()
        records: list[Descriptor] = []
        first_rows: list[_Row] = []
        for table, domain, rows in tables:
            groups: dict[str, list[_Row]] = {}
            for row in rows or ():
                groups.setdefault(row.required("Element ID"), []).append(row)
            for element_id, element_rows in groups.items():
                record = self.descriptor(
                    table,
                    domain,
                    element_id,
                    element_rows,
                    elements,
                    scales,
                    categories,
                )
                records.append(record)
                first_rows.append(element_rows[0])
        self.describe_high_points(records, elements)
        _unique(records, first_rows, "descriptor")
        return records

    def descriptor(
        self,
        table: str,
        domain: DescriptorDomain,
        element_id: str,
        rows: list[_Row],
        elements: Mapping[str, str],
        scales: Mapping[str, tuple[str | None, Decimal | None, Decimal | None]],
        categories: Mapping[tuple[str, str, int], str | None],
    ) -> Descriptor:
        first = rows[0]
        name = first.text("Element Name") or elements.get(element_id)
        if name is None:
            raise first.fail(
                f"element {element_id!r} has no name here or in the content model"
            )
        ratings = []
        used_categories = False
        seen: dict[tuple[str, int | None], int] = {}
        for row in rows:
            if row.text("Element Name") not in (None, name):
                raise row.fail(f"element {element_id!r} has two names")
            scale = row.required("Scale ID")
            if scales and scale not in scales:
                self.unknown(row, f"scale {scale!r}", "Scales Reference")
            scale_name, minimum, maximum = scales.get(scale, (None, None, None))
            category = row.integer("Category")
            if (scale, category) in seen:
                on = f"scale {scale}" + (
                    "" if category is None else f", category {category}"
                )
                raise row.fail(
                    f"repeats the rating of element {element_id} on {on} "
                    f"(line {seen[scale, category]})"
                )
            seen[scale, category] = row.line
            description = None
            if category is not None:
                description = categories.get((element_id, scale, category))
                used_categories = True
                if categories and (element_id, scale, category) not in categories:
                    self.unknown(
                        row,
                        f"category {category} of element {element_id} on scale {scale}",
                        "Education, Training, and Experience Categories",
                    )
            value = row.required_decimal("Data Value")
            ratings.append(
                _build(
                    row,
                    Rating,
                    scale=scale,
                    scale_name=row.text("Scale Name") or scale_name,
                    scale_minimum=minimum,
                    scale_maximum=maximum,
                    value=value,
                    category=category,
                    category_description=description,
                    n=row.decimal("N"),
                    standard_error=row.decimal("Standard Error"),
                    lower_ci_bound=row.decimal("Lower CI Bound"),
                    upper_ci_bound=row.decimal("Upper CI Bound"),
                    recommend_suppress=row.flag("Recommend Suppress"),
                    not_relevant=row.flag("Not Relevant"),
                    date=row.date("Date"),
                    domain_source=row.text("Domain Source"),
                )
            )
        parent = element_id.rsplit(".", 1)[0] if "." in element_id else None
        group = elements.get(parent) if parent else None
        citations = [self.cite(table, f"element {element_id}", first)]
        lookups = []
        if group is not None:
            lookups.append(f"{TABLES['Content Model Reference'].file_name} ({parent})")
        scale_ids = sorted({r.scale for r in ratings if r.scale in scales})
        if scale_ids:
            lookups.append(
                f"{TABLES['Scales Reference'].file_name} ({', '.join(scale_ids)})"
            )
        if used_categories and categories:
            name_ = "Education, Training, and Experience Categories"
            lookups.append(f"{TABLES[name_].file_name} ({element_id})")
        if lookups:
            citations.append(
                _build(
                    first, Citation, source=self.source_id, locator="; ".join(lookups)
                )
            )
        record: Descriptor = _build(
            first,
            Descriptor,
            id=f"{domain.value}-{_slug(name)}",
            name=name,
            summary=_descriptor_summary(domain, element_id, group, tuple(ratings)),
            citations=tuple(citations),
            domain=domain,
            element_id=element_id,
            group=group,
            ratings=tuple(ratings),
        )
        return record

    def describe_high_points(
        self, records: list[Descriptor], elements: Mapping[str, str]
    ) -> None:
        names = {r.element_id: r.name for r in records}
        for i, record in enumerate(records):
            rating = record.ratings[0]
            prefix = _HIGH_POINT_SCALES.get(rating.scale)
            if prefix is None or len(record.ratings) != 1:
                continue
            value = rating.value
            if value == 0:
                meaning = "O*NET gives no high point"
            elif value == value.to_integral_value() and 1 <= value <= 26:
                target = f"{prefix}.{chr(ord('a') + int(value) - 1)}"
                target_name = names.get(target) or elements.get(target)
                if target_name is None:
                    continue
                meaning = f"the value {value} stands for {target_name}"
            else:
                continue
            summary = (
                f"O*NET's {record.name.lower()} for the occupation; {meaning} "
                f"(element {record.element_id}"
            )
            details = _source_words(rating.domain_source, rating.date)
            summary += f"; {details})." if details else ")."
            records[i] = attrs.evolve(record, summary=summary)

    # -- technology, tools, titles, related occupations, job zone ---------

    def technology_skills(self) -> list[TechnologySkill]:
        rows = self.folder.rows("Technology Skills")
        if rows is None:
            return []
        records = []
        for row in rows:
            name = row.required("Example")
            code = row.required("Commodity Code")
            title = row.required("Commodity Title")
            hot = row.flag("Hot Technology") or False
            demand = row.flag("In Demand") or False
            summary = (
                f"{title} (UNSPSC commodity {code}) that O*NET lists for the occupation"
            )
            flags = []
            if hot:
                flags.append(
                    "a Hot Technology, frequently named in employers' job postings"
                )
            if demand:
                flags.append(
                    "In Demand: frequently named in job postings for this occupation"
                )
            summary += "; " + "; ".join(flags) + "." if flags else "."
            records.append(
                _build(
                    row,
                    TechnologySkill,
                    id=_slug(name),
                    name=name,
                    summary=summary,
                    citations=(self.cite("Technology Skills"),),
                    commodity_code=code,
                    commodity_title=title,
                    hot_technology=hot,
                    in_demand=demand,
                )
            )
        _unique(records, rows, "technology skill")
        return records

    def tools(self) -> list[Tool]:
        rows = self.folder.rows("Tools Used")
        if rows is None:
            return []
        records = []
        for row in rows:
            name = row.required("Example")
            code = row.required("Commodity Code")
            title = row.required("Commodity Title")
            records.append(
                _build(
                    row,
                    Tool,
                    id=_slug(name),
                    name=name,
                    summary=(
                        f"Equipment in the UNSPSC commodity {title.lower()} ({code}) "
                        "that O*NET lists as a tool of the occupation."
                    ),
                    citations=(self.cite("Tools Used"),),
                    commodity_code=code,
                    commodity_title=title,
                )
            )
        _unique(records, rows, "tool")
        return records

    def job_titles(self) -> list[JobTitle]:
        alternate = self.folder.rows("Alternate Titles")
        reported = self.folder.rows("Sample of Reported Titles")
        fields: dict[str, dict[str, Any]] = {}
        rows: dict[str, _Row] = {}
        for row in alternate or ():
            name = row.required("Alternate Title")
            key = _slug(name)
            if key in fields:
                raise row.fail(f"title {name!r} repeats line {rows[key].line}")
            codes = row.text("Source(s)")
            fields[key] = {
                "name": name,
                "title_sources": [TitleSource.ALTERNATE],
                "short_title": row.text("Short Title"),
                "onet_source_codes": tuple(
                    c.strip() for c in (codes or "").split(",") if c.strip()
                ),
                "citations": [self.cite("Alternate Titles")],
            }
            rows[key] = row
        for row in reported or ():
            name = row.required("Reported Job Title")
            key = _slug(name)
            entry = fields.get(key)
            if entry is None:
                entry = fields[key] = {
                    "name": name,
                    "title_sources": [],
                    "citations": [],
                }
                rows[key] = row
            elif entry["name"] != name:
                raise row.fail(f"title {name!r} clashes with {entry['name']!r}")
            if TitleSource.REPORTED in entry["title_sources"]:
                raise row.fail(f"reported title {name!r} is listed twice")
            entry["title_sources"].append(TitleSource.REPORTED)
            entry["shown_in_my_next_move"] = row.flag("Shown in My Next Move")
            entry["citations"].append(self.cite("Sample of Reported Titles"))
        records = []
        for key, entry in fields.items():
            entry["title_sources"] = tuple(entry["title_sources"])
            entry["citations"] = tuple(entry["citations"])
            records.append(
                _build(
                    rows[key],
                    JobTitle,
                    id=key,
                    summary=_title_summary(entry),
                    **entry,
                )
            )
        return records

    def related_occupations(
        self, occupations: Mapping[str, tuple[str, str | None]]
    ) -> list[RelatedOccupation]:
        rows = self.folder.rows("Related Occupations")
        if rows is None:
            return []
        records = []
        for row in rows:
            code = row.required("Related O*NET-SOC Code")
            title = row.text("Related Title") or occupations.get(code, (None, None))[0]
            tier_text = row.required("Relatedness Tier")
            tier = _TIERS.get(tier_text)
            if tier is None:
                known = ", ".join(_TIERS)
                raise row.fail(
                    f"column 'Relatedness Tier': {tier_text!r} is not one of {known}"
                )
            index = row.integer("Index")
            rank = f"rank {index}; " if index is not None else ""
            summary = (
                f"An occupation O*NET relates to this one ({rank}{_TIER_WORDS[tier]})."
            )
            records.append(
                _build(
                    row,
                    RelatedOccupation,
                    id=_slug(title or code),
                    name=title or code,
                    summary=summary,
                    citations=(
                        self.cite("Related Occupations", f"related {code}", row),
                    ),
                    code=_build(
                        row,
                        OccupationCode,
                        system=CodeSystem.ONET_SOC,
                        value=code,
                        label=title,
                        uri=f"https://www.onetonline.org/link/summary/{code}",
                    ),
                    tier=tier,
                    index=index,
                )
            )
        _unique(records, rows, "related occupation")
        return records

    def job_zones(self) -> list[JobZone]:
        rows = self.folder.rows("Job Zones")
        if not rows:
            return []
        reference: dict[int, _Row] = {}
        for row in self.folder.rows("Job Zone Reference", for_code=False) or ():
            zone = row.integer("Job Zone")
            if zone is not None:
                reference[zone] = row
        records = []
        for row in rows:
            zone = row.required_integer("Job Zone")
            ref = reference.get(zone)
            name = ref.required("Name") if ref is not None else f"Job Zone {zone}"
            svp = ref.text("SVP Range") if ref is not None else None
            date = row.date("Date")
            source = row.text("Domain Source")
            citations = [self.cite("Job Zones")]
            reference_file = TABLES["Job Zone Reference"].file_name
            if ref is not None:
                citations.append(
                    Citation(
                        source=self.source_id,
                        locator=f"{reference_file}, zone {zone}",
                    )
                )
            summary = f"O*NET places the occupation in job zone {zone} of 5"
            if svp is not None:
                range_ = svp.strip("()")
                summary += f", whose specific vocational preparation range is {range_}"
            details = _source_words(source, date)
            summary += f" ({details})." if details else "."
            if ref is not None:
                # the zone's own description, quoted as O*NET words it
                said = [
                    text
                    for column in _ZONE_DESCRIPTION
                    if (text := ref.text(column)) is not None
                ]
                if said:
                    summary += f' O*NET describes job zone {zone}: "{" ".join(said)}"'
            records.append(
                _build(
                    row,
                    JobZone,
                    id=f"job-zone-{zone}",
                    name=name,
                    summary=summary,
                    citations=tuple(citations),
                    zone=zone,
                    svp_range=svp,
                    date=date,
                    domain_source=source,
                )
            )
        _unique(records, rows, "job zone")
        return records


def _descriptor_summary(
    domain: DescriptorDomain,
    element_id: str,
    group: str | None,
    ratings: tuple[Rating, ...],
) -> str:
    noun = _DOMAIN_NOUNS[domain]
    article = "An" if noun[0] in "aeiou" else "A"
    where = f"in O*NET's {group} group" if group else "in O*NET"
    summary = f"{article} {noun} {where} (element {element_id})."
    plain = [r for r in ratings if r.category is None]
    shares = [r for r in ratings if r.category is not None]
    if plain:
        parts = []
        for r in plain:
            scale = (r.scale_name or r.scale).lower()
            text = f"{scale} {r.value}"
            if r.scale_minimum is not None and r.scale_maximum is not None:
                text += f" on a {r.scale_minimum} to {r.scale_maximum} scale"
            if r.not_relevant:
                text += ", marked not relevant"
            parts.append(text)
        summary += " Rated " + "; ".join(parts) + "."
    if shares:
        top = max(r.value for r in shares)
        modal = [r for r in shares if r.value == top]
        labels = [
            f'"{r.category_description or f"category {r.category}"}"' for r in modal
        ]
        summary += (
            f" Percent of respondents in each of {len(shares)} categories; "
            f"the largest share, {top}, is {_join(labels)}."
        )
    first = ratings[0]
    details = _source_words(first.domain_source, first.date)
    if details and all(
        (r.domain_source, r.date) == (first.domain_source, first.date) for r in ratings
    ):
        summary = summary[:-1] + f" ({details})."
    return summary


def _title_summary(entry: Mapping[str, Any]) -> str:
    sources = entry["title_sources"]
    parts = []
    if TitleSource.ALTERNATE in sources:
        text = "O*NET lists it as an alternate title for the occupation"
        found = [
            _TITLE_SOURCE_CODES.get(code, f"source {code}")
            for code in entry.get("onet_source_codes", ())
        ]
        if found:
            text += f", found in {_join(found)}"
        parts.append(text)
    if TitleSource.REPORTED in sources:
        text = "workers or experts reported it in O*NET's surveys"
        if entry.get("shown_in_my_next_move"):
            text += ", and My Next Move shows it"
        parts.append(text)
    summary = "; ".join(parts)
    short = entry.get("short_title")
    if short:
        summary += f". Short form: {short}"
    return summary[0].upper() + summary[1:] + "."


# --------------------------------------------------------------------------
# the release and its source


def release_from_read_me(directory: str | Path) -> tuple[str, str | None] | None:
    """Return the release and its date from an O*NET ``Read Me.txt``.

    Args:
        directory: The directory holding the database files.

    Returns:
        ``(release, date)`` such as ``("29.3", "May 2025")``, the date
        ``None`` when the Read Me does not give one; ``None`` when no Read Me
        is found or it names no release.
    """
    folder = Path(directory)
    for name in _READ_ME_NAMES:
        path = folder / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        match = re.search(r"O\*NET ([0-9]+(?:\.[0-9]+)*) Database", text)
        if match is None:
            return None
        date = re.search(r"^\s*([A-Z][a-z]+ [0-9]{4}) Release\s*$", text, re.MULTILINE)
        return match.group(1), (date.group(1) if date else None)
    return None


def default_source_id(release: str) -> str:
    """Return the source id used for an O*NET release (``onet-29-3``).

    Args:
        release: The release number, such as ``"29.3"``.
    """
    return "onet-" + release.replace(".", "-")


def onet_source(
    release: str, release_label: str | None = None, source_id: str | None = None
) -> Source:
    """Return the :class:`~hsm_knowledge.Source` record for an O*NET release.

    The attribution is O*NET's credit wording for information that has been
    modified, with the release number filled in.

    Args:
        release: The release number (``"29.3"``).
        release_label: The release's date (``"May 2025"``), if known.
        source_id: The id to give the source; ``onet-`` and the release.

    Example:
        >>> onet_source("29.3", "May 2025").edition
        '29.3 (May 2025 release)'
    """
    edition = (
        release if release_label is None else f"{release} ({release_label} release)"
    )
    return Source(
        id=source_id or default_source_id(release),
        title=f"O*NET {release} Database",
        type=SourceType.DATASET,
        publisher="usdol-eta",
        url="https://www.onetcenter.org/database.html",
        edition=edition,
        license="CC BY 4.0",
        attribution=(
            f"This page includes information from the O*NET {release} Database by "
            "the U.S. Department of Labor, Employment and Training Administration "
            "(USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark "
            "of USDOL/ETA. The hsm_knowledge project has modified all or some of "
            "this information. USDOL/ETA has not approved, endorsed, or tested "
            "these modifications."
        ),
    )


def read_onet(
    directory: str | Path,
    code: str,
    *,
    release: str | None = None,
    source_id: str | None = None,
) -> OnetData:
    """Read the records for O*NET-SOC *code* from an O*NET database directory.

    Args:
        directory: A directory of O*NET text files (see :data:`TABLES` for
            the file names tried).
        code: The O*NET-SOC code, such as ``"11-9111.00"``.
        release: The release number; read from the directory's
            ``Read Me.txt`` when not given.
        source_id: The id of the source records cite; ``onet-`` followed by
            the release (``onet-29-3``) when not given.

    Returns:
        The records, the release's source and any notices.

    Raises:
        OnetFormatError: If the directory has no Occupation Data file, the
            code is not in it, or a row is malformed (naming file and line).
        ValueError: If no release is given or found, the one given is not
            a release number (``"29.3"``), or it differs from the Read Me's.
    """
    if release is not None and not (
        isinstance(release, str) and _RELEASE_RE.fullmatch(release)
    ):
        raise ValueError(
            f"release {quote(release)} is not a release number, such as '29.3'"
        )
    folder_path = Path(directory)
    if not folder_path.is_dir():
        raise OnetFormatError(folder_path, None, "is not a directory")
    found = release_from_read_me(folder_path)
    if release is None:
        if found is None:
            raise ValueError(
                f"no O*NET release named in a Read Me.txt in {folder_path}; "
                "pass release= (such as '29.3')"
            )
        release = found[0]
    elif found is not None and found[0] != release:
        raise ValueError(
            f"release {quote(release)} was given but {folder_path}'s Read Me names "
            f"release {found[0]!r}"
        )
    label = found[1] if found is not None and found[0] == release else None
    source = onet_source(release, label, source_id)
    folder = _Directory(folder_path, code)
    reader = _Reader(folder, source.id)
    occupations = reader.occupations()
    if code not in occupations:
        path = folder.find(TABLES["Occupation Data"])
        raise OnetFormatError(path or folder_path, None, f"has no occupation {code!r}")
    title, description = occupations[code]
    tasks = reader.tasks()
    descriptors = reader.descriptors()
    technology = reader.technology_skills()
    tools = reader.tools()
    titles = reader.job_titles()
    related = reader.related_occupations(occupations)
    zones = reader.job_zones()
    return OnetData(
        code=code,
        release=release,
        release_label=label,
        source=source,
        title=title,
        description=description,
        tasks=tuple(tasks),
        descriptors=tuple(descriptors),
        technology_skills=tuple(technology),
        tools=tuple(tools),
        job_titles=tuple(titles),
        related_occupations=tuple(related),
        job_zones=tuple(zones),
        notices=tuple(folder.notices),
        missing_tables=tuple(dict.fromkeys(folder.missing)),
        missing_columns=tuple(dict.fromkeys(folder.missing_columns)),
    )


# --------------------------------------------------------------------------
# refreshing the package data


def _owned(record: Mapping[str, Any]) -> bool:
    citations = record.get("citations") or ()
    return bool(citations) and all(
        isinstance(c, dict) and ONET_SOURCE_RE.match(str(c.get("source", "")))
        for c in citations
    )


def merge_into_document(document: Mapping[str, Any], data: OnetData) -> dict[str, Any]:
    """Return *document* with its O*NET records replaced by *data*'s.

    A record belongs to O*NET when every one of its citations cites an O*NET
    release source (an id such as ``onet-29-3``). In each kind the reader
    produces, those records are replaced by the new ones, placed where the
    first of them was (at the end if there was none); other records keep
    their place. The release's source is added if the document lacks it
    (an existing one is kept as it is), and the manifest's vintage for O*NET
    is set to the release.

    Args:
        document: A dataset in the wire format's shape (as
            :func:`hsm_knowledge.serialize.to_dict` writes a knowledge base).
        data: What :func:`read_onet` read.

    Returns:
        A new document; *document* is not changed.
    """
    from .serialize import to_dict

    new = dict(document)
    for attr in ONET_KINDS:
        old = list(document.get(attr, ()))
        fresh = [to_dict(record) for record in getattr(data, attr)]
        position = next((i for i, r in enumerate(old) if _owned(r)), len(old))
        kept_before = [r for r in old[:position] if not _owned(r)]
        kept_after = [r for r in old[position:] if not _owned(r)]
        new[attr] = kept_before + fresh + kept_after
    sources = list(document.get("sources", ()))
    if not any(s.get("id") == data.source.id for s in sources):
        sources.append(to_dict(data.source))
    new["sources"] = sources
    meta = dict(document.get("meta", {}))
    vintages = [
        v
        for v in meta.get("source_vintages", ())
        if not ONET_SOURCE_RE.match(str(v.get("source", "")))
    ]
    edition = data.source.edition or data.release
    vintages.insert(0, {"source": data.source.id, "vintage": edition})
    meta["source_vintages"] = vintages
    new["meta"] = meta
    return new


def render_files(document: Mapping[str, Any]) -> dict[str, str]:
    """Return the text of the data files the O*NET refresh writes.

    Args:
        document: A merged document from :func:`merge_into_document`.

    Returns:
        Canonical JSON text (two-space indent, UTF-8 characters kept, a
        final newline) by file name.
    """
    from ._loading import DATA_FILES

    names = dict(DATA_FILES)
    out = {}
    for key in ("meta", "sources", *ONET_KINDS):
        out[names[key]] = json.dumps(document[key], indent=2, ensure_ascii=False) + "\n"
    return out


def _text_of(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _package_data_dir() -> Path:
    return Path(__file__).resolve().parent / "data"


def main(argv: Sequence[str] | None = None) -> int:
    """Compare or regenerate the packaged O*NET data from a database directory.

    Args:
        argv: The arguments, without the program name.

    Returns:
        0 on success; 1 when ``--check`` finds a difference, a folder or
        file cannot be read or written (the message says which files, if
        any, were replaced before), ``--write`` or ``--check`` finds a
        table missing, or the release's files or the regenerated data
        are invalid; 2 for usage errors (as ``hsm-knowledge``), among them a
        release that is not given where no Read Me names one, differs from
        the Read Me's or is not a release number, and a source id that is
        not an O*NET release id (``onet-29-3``). Each error is one message
        on standard error, ``python -m hsm_knowledge.onet: error: ...``.
    """
    parser = argparse.ArgumentParser(
        prog="python -m hsm_knowledge.onet",
        description=(
            "Read an O*NET database directory and compare the package data "
            "with it, or (with --write) regenerate the O*NET part of the data."
        ),
    )
    parser.add_argument("directory", type=Path, help="directory of O*NET text files")
    parser.add_argument("--code", default="11-9111.00", help="O*NET-SOC code to read")
    parser.add_argument("--release", help="release number, if no Read Me names it")
    parser.add_argument("--source-id", help="id of the source records cite")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="data directory to compare or write (default: the package's)",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help="write the data files")
    action.add_argument(
        "--check", action="store_true", help="exit 1 if the data files differ"
    )
    args = parser.parse_args(argv)

    def fail(message: str) -> int:  # bad data: usage errors go to parser.error
        print(f"{parser.prog}: error: {message}", file=sys.stderr)
        return 1

    from ._errors import DataError
    from ._loading import DATA_FILES, build

    # a refresh knows O*NET's records by the ids of their sources: onet-
    # and the release's numbers (another id would be written, then missed)
    if args.source_id is not None and not ONET_SOURCE_RE.fullmatch(args.source_id):
        parser.error(
            f"--source-id {quote(args.source_id)} is not an O*NET release id: onet- "
            "and the release's numbers, such as onet-29-3 (a refresh knows "
            "O*NET's records by it)"
        )
    if args.release is not None and not _RELEASE_RE.fullmatch(args.release):
        parser.error(
            f"--release {quote(args.release)} is not a release number, such as 29.3"
        )
    named = release_from_read_me(args.directory) if args.directory.is_dir() else None
    if args.release is None and args.directory.is_dir() and named is None:
        parser.error(
            f"no Read Me.txt in {args.directory} names the O*NET release: "
            "pass --release (such as --release 29.3)"
        )
    if args.release is not None and named is not None and named[0] != args.release:
        parser.error(
            f"release {quote(args.release)} was given but {args.directory}'s Read Me "
            f"names release {named[0]!r}"
        )
    data_dir = args.data_dir or _package_data_dir()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OnetNotice)
        try:
            data = read_onet(
                args.directory,
                args.code,
                release=args.release,
                source_id=args.source_id,
            )
        except ValueError as exc:  # (OnetFormatError: names the file and line)
            return fail(str(exc))
    for notice in data.notices:
        print(f"notice: {notice}", file=sys.stderr)
    if data.missing_tables and (args.write or args.check):
        return fail(
            f"{args.directory} has no file for O*NET's "
            f"{_join([repr(name) for name in data.missing_tables])} "
            f"{'table' if len(data.missing_tables) == 1 else 'tables'}; the "
            "package data is made from every table, and a refresh replaces "
            "all of O*NET's records, so it would drop what they give (see "
            "the notices for the file names tried)"
        )
    if data.missing_columns and (args.write or args.check):
        columns = _join(
            [f"{column!r} of {table!r}" for table, column in data.missing_columns]
        )
        return fail(
            f"{args.directory}'s files lack the column(s) {columns}; a refresh "
            "replaces all of O*NET's records, so it would drop what they hold "
            "(a newer release may have renamed them: see the notices)"
        )
    if data.missing_tables:  # comparing only: say what --write would do
        print(
            "notice: --write and --check refuse a folder without a table "
            "(a refresh would drop what it gives)",
            file=sys.stderr,
        )
    if data.missing_columns:
        print(
            "notice: --write and --check refuse files without a column the "
            "reader uses (a refresh would drop what it holds)",
            file=sys.stderr,
        )
    original: dict[str, str] = {}
    document: dict[str, Any] = {}
    for key, name in DATA_FILES:
        path = data_dir / name
        try:
            original[name] = path.read_text(encoding="utf-8")
            document[key] = json.loads(original[name])
        except (OSError, UnicodeDecodeError) as exc:
            return fail(f"cannot read {path}: {exc}")
        except json.JSONDecodeError as exc:
            return fail(f"{path} is not valid JSON: {exc}")
    merged = merge_into_document(document, data)
    try:
        build(merged)
    except DataError as exc:
        return fail(f"the regenerated data would be invalid:\n{exc}")
    files = render_files(merged)
    changed = [name for name, text in files.items() if original[name] != text]
    counts = ", ".join(f"{n} {attr}" for attr, n in data.counts().items())
    print(f"O*NET {data.release}, {data.code} ({data.title}): {counts}")
    if args.write:
        from .export import _write_files

        try:  # each file is written beside its target, then all replace theirs
            _write_files([(data_dir / name, files[name]) for name in changed])
        except (OSError, ValueError) as exc:
            from .cli import _os_error

            reason = _os_error(exc) if isinstance(exc, OSError) else str(exc)
            written = [
                name for name in changed if _text_of(data_dir / name) == files[name]
            ]
            if not written:
                return fail(f"{reason}; no data file was changed")
            return fail(
                f"{reason}; already written: {', '.join(written)} (restore them "
                "from version control)"
            )
        print(f"wrote {len(changed)} file(s): {', '.join(changed) or 'none'}")
        if changed:
            print("remember to bump the dataset version and note it in CHANGELOG.md")
        return 0
    print(f"{len(changed)} file(s) differ: {', '.join(changed) or 'none'}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":  # pragma: no cover - run as a script
    raise SystemExit(main())
