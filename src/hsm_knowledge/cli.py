"""The ``hsm-knowledge`` command-line tool (also ``python -m hsm_knowledge``).

Commands: ``overview`` (the default), ``list KIND``, ``show REF``,
``search TEXT``, ``export --format json|jsonld|csv|schema`` and
``validate FILE``; ``hsm-knowledge COMMAND --help`` shows each one's
options and examples.

For scripts: results go to stdout and messages to stderr; the exit status
is 0 on success, 1 when nothing is found, a dataset is invalid or a file
cannot be read or written, and 2 for usage errors; ``--json`` output is
the same on every run. Text fits the terminal and is never coloured; a
closed pipe stops the tool quietly (with status 0, unless it failed); an
output encoding that cannot hold a character gets an escape instead of an
error. The CLI page of the documentation gives the details.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import difflib
import errno
import io
import json
import os
import re
import shlex
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

from ._errors import quote
from ._knowledge import KINDS, AmbiguousLookupError, _reference_text
from ._loading import MAX_DOCUMENT_BYTES
from ._text import wrap
from ._version import DATA_VERSION, __version__

if TYPE_CHECKING:
    from ._knowledge import KnowledgeBase

__all__ = ["build_parser", "help_text", "main"]

PROG = "hsm-knowledge"

# Text is wrapped to the terminal, but never wider than this (long lines
# are hard to read) nor narrower than the minimum.
_MAX_WIDTH = 100
_MIN_WIDTH = 20

# Exit statuses.
_OK, _FAILED, _USAGE, _INTERRUPTED = 0, 1, 2, 130

# (name, attribute) of the kinds commands accept: the occupation and every
# kind with ids; ``list`` and ``export`` also take relations.
_RECORD_KINDS: tuple[tuple[str, str], ...] = (
    ("occupation", "occupation"),
    *((kind.name, kind.attr) for kind in KINDS),
)
_ALL_KINDS: tuple[tuple[str, str], ...] = (*_RECORD_KINDS, ("relation", "relations"))
_RECORD_KIND_NAMES = frozenset(name for name, _ in _RECORD_KINDS)


class _Failure(Exception):
    """Nothing found, or bad data: print the message on stderr, exit with 1."""


class _UsageError(Exception):
    """Bad arguments found after parsing: reported like argparse's errors."""


# --------------------------------------------------------------------------
# output


def _is_utf8(stream: object) -> bool:
    encoding = getattr(stream, "encoding", None)
    if not isinstance(encoding, str):
        return True  # a StringIO: text stays text
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:  # pragma: no cover - Python opened the stream
        return False


def _write(stream: IO[str], text: str) -> None:
    """Write *text*, escaping what the stream's encoding cannot encode."""
    encoding = getattr(stream, "encoding", None)
    if isinstance(encoding, str) and not _is_utf8(stream):
        text = text.encode(encoding, "backslashreplace").decode(encoding)
    with _naming(stream):
        stream.write(text)
        stream.flush()


@contextlib.contextmanager
def _failing_anyway() -> Iterator[None]:
    """Write what goes out before a failure; a closed pipe does not end it.

    A reader that went away (``validate bad.json | true``) stops the output
    quietly, but the failure still gives its status (1), so that a pipeline
    under ``set -o pipefail`` sees the dataset is invalid.
    """
    try:
        yield
    except BrokenPipeError:
        _silence_stdout()


def _say(text: str) -> None:
    """Write *text* to stderr; if stderr cannot be written, say nothing.

    The exit status still tells what happened: a message about a failure
    must not turn into another failure (a usage error still exits 2).
    """
    with contextlib.suppress(OSError):
        _write(sys.stderr, text)


@contextlib.contextmanager
def _naming(stream: object) -> Iterator[None]:
    """Give an ``OSError`` from writing *stream* the stream's name.

    A full disk or an I/O error on stdout carries no file name; the message
    then says which stream could not be written (``<stdout>: No space left
    on device``). A closed pipe is left as it is: :func:`main` stops quietly.
    """
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        if exc.filename is not None or exc.errno is None:
            raise
        raise type(exc)(exc.errno, exc.strerror, getattr(stream, "name", None)) from exc


def _ascii_json(text: str) -> str:
    r"""Return JSON *text* with every non-ASCII character as a ``\u`` escape.

    Outside strings, JSON text is ASCII, so this keeps the JSON valid and
    its values exact.
    """

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code < 0x10000:
            return f"\\u{code:04x}"
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"

    return re.sub(r"[^\x00-\x7f]", escape, text)


def _write_json_text(text: str) -> None:
    if not _is_utf8(sys.stdout):
        text = _ascii_json(text)
    _write(sys.stdout, text)


def _write_utf8(text: str) -> None:
    """Write *text* to stdout as UTF-8 bytes, whatever its encoding."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream, such as a StringIO
        _write(sys.stdout, text)
        return
    with _naming(sys.stdout):
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def _json(data: Any) -> str:
    """Return *data* as indented JSON text with a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _width() -> int:
    """Return the width to wrap text to: the terminal's, within limits."""
    columns = shutil.get_terminal_size((80, 24)).columns
    return max(_MIN_WIDTH, min(columns, _MAX_WIDTH))


# --------------------------------------------------------------------------
# kinds


# What the commands say of "relation" where a kind of record is wanted.
_RELATIONS_ARE_NOT_RECORDS = (
    ": relations are edges between records, not records; "
    "'hsm-knowledge list relation' lists them, and "
    "'hsm-knowledge show REF' prints a record's relations"
)


def _spellings(kinds: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Return every accepted spelling of *kinds*, folded, with its name."""
    table: dict[str, str] = {}
    for name, attr in kinds:
        for spelling in (name, attr):
            table[_fold_kind(spelling)] = name
    return table


def _fold_kind(text: str) -> str:
    return text.strip().lower().replace("_", "-")


def _kind_type(kinds: tuple[tuple[str, str], ...]) -> Callable[[str], str]:
    """Return an argparse type that reads a kind name in any accepted spelling.

    A kind is written as in references (``career-step``) or as the
    knowledge base attribute (``career_steps``); case, ``-`` and ``_`` do
    not matter.
    """
    table = _spellings(kinds)

    def kind(text: str) -> str:
        folded = _fold_kind(text)
        if folded in table:
            return table[folded]
        message = f"unknown kind {quote(text)}"
        if folded in ("relation", "relations"):
            # (the commands that take any kind accept "relation")
            raise argparse.ArgumentTypeError(message + _RELATIONS_ARE_NOT_RECORDS)
        close = difflib.get_close_matches(folded, list(table), n=1, cutoff=0.6)
        if close:
            message += f"; did you mean {table[close[0]]!r}?"
        names = ", ".join(name for name, _ in kinds)
        known = (
            f"known kinds: {names} (or their plural attribute names, such as "
            "career_steps)"
        )
        message += "\n" + "\n".join(wrap(known, _width()))
        raise argparse.ArgumentTypeError(message)

    return kind


def _records(kb: KnowledgeBase, kind: str) -> tuple[Any, ...]:
    """Return the records of *kind* in data order."""
    if kind == "occupation":
        return (kb.occupation,)
    if kind == "relation":
        return kb.relations
    return tuple(kb.collection(kind))


def _relation_line(relation: Any) -> str:
    return (
        f"{relation.subject} {relation.type.value} {relation.object} "
        f"({relation.basis.value})"
    )


# --------------------------------------------------------------------------
# rendering records as text


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _render_field(key: str, value: Any, indent: int, width: int) -> list[str]:
    """Render one field of a record's unstructured form, YAML-like."""
    pad = " " * indent
    if isinstance(value, dict):
        lines = [f"{pad}{key}:"]
        for name, item in value.items():
            lines.extend(_render_field(name, item, indent + 2, width))
        return lines
    if isinstance(value, list):
        if not value:
            return [f"{pad}{key}: (none)"]
        lines = [f"{pad}{key}:"]
        for item in value:
            lines.extend(_render_item(key, item, indent + 2, width))
        return lines
    return wrap(f"{key}: {_scalar(value)}", width, pad, pad + "    ")


_CITATION = {"source", "locator"}


def _render_item(key: str, item: Any, indent: int, width: int) -> list[str]:
    pad = " " * indent
    if key == "citations" and isinstance(item, dict) and set(item) == _CITATION:
        return wrap(f"- {item['source']}: {item['locator']}", width, pad, pad + "  ")
    if isinstance(item, dict):
        lines: list[str] = []
        for name, value in item.items():
            lines.extend(_render_field(name, value, indent + 2, width))
        if lines:
            lines[0] = pad + "- " + lines[0][indent + 2 :]
        return lines
    if isinstance(item, list):  # pragma: no cover - no such field yet
        return wrap(f"- {json.dumps(item, ensure_ascii=False)}", width, pad)
    return wrap(f"- {_scalar(item)}", width, pad, pad + "  ")


def _attributions(kb: KnowledgeBase, records: Iterable[Any]) -> list[str]:
    """Return the attributions of the sources *records* cite, in first-cited order."""
    seen: dict[str, str | None] = {}
    for record in records:
        if hasattr(record, "citations"):  # a source does not credit itself
            for source in kb.sources_for(record):
                seen.setdefault(source.id, source.attribution)
    return [text for text in seen.values() if text]


def _attribution_lines(
    kb: KnowledgeBase, records: Iterable[Any], width: int
) -> list[str]:
    lines: list[str] = []
    for text in _attributions(kb, records):
        lines.append("")
        lines.extend(wrap(text, width))
    return lines


def _show_text(kb: KnowledgeBase, record: Any, width: int) -> str:
    import attrs

    from .serialize import to_dict

    lines = [record.ref]  # never cut: it is copied to the next command
    data = to_dict(record)
    for field in attrs.fields(type(record)):  # (to_dict puts defaults last)
        if field.name != "id" and field.name in data:
            lines.extend(_render_field(field.name, data[field.name], 2, width))
    relations = kb.relations_of(record)
    if relations:
        lines.append("relations:")
        for relation in relations:
            lines.extend(wrap(_relation_line(relation), width, "  - ", "    "))
    cited = kb.sources_for(record) if hasattr(record, "citations") else ()
    if cited:
        lines.append("sources:")
        for source in cited:
            text = f"{source.id}: {source.title}"
            if source.url:
                text += f", {source.url}"
            lines.extend(wrap(text, width, "  - ", "    "))
    lines.extend(_attribution_lines(kb, [record], width))
    return "\n".join(lines) + "\n"


def _list_text(kb: KnowledgeBase, kind: str, records: Sequence[Any], width: int) -> str:
    if kind == "relation":
        lines = [
            line
            for relation in records
            for line in wrap(_relation_line(relation), width, "", "    ")
        ]
    else:
        # A table of ids and titles when the ids leave the titles at least
        # half the width; otherwise each title goes under its id.
        column = max((len(record.id) for record in records), default=0)
        table = column + 2 <= width // 2
        lines = []
        for record in records:
            if table:
                first = record.id.ljust(column + 2)
                lines.extend(wrap(record.name, width, first, " " * (column + 2)))
            else:
                lines.append(record.id)  # never cut, as a reference
                lines.extend(wrap(record.name, width, "    "))
    lines.extend(_attribution_lines(kb, records, width))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# commands


def _load() -> KnowledgeBase:
    from ._loading import load

    return load()


def _cmd_overview(args: argparse.Namespace) -> int:
    from ._overview import render_overview

    _write(sys.stdout, render_overview(_load(), width=_width()))
    return _OK


def _cmd_list(args: argparse.Namespace) -> int:
    from .serialize import to_json

    kb = _load()
    records = _records(kb, args.kind)
    if args.json:
        _write_json_text(to_json(records) + "\n")
    else:
        _write(sys.stdout, _list_text(kb, args.kind, records, _width()))
    return _OK


_KIND_WORD = re.compile(r"[a-z][a-z_-]*")


def _find(kb: KnowledgeBase, text: str, kind: str | None) -> Any:
    """Return the record *text* names, or raise :class:`_Failure`."""
    from ._knowledge import kind_of_name

    ref = _reference_text(text)
    written_kind, colon, record_id = ref.partition(":")
    # only "word:id" reads as a reference ("Leading teams: the basics" and
    # "skills:" do not)
    looks_like_ref = bool(colon and record_id and _KIND_WORD.fullmatch(written_kind))
    ref_kind = written_kind if looks_like_ref else None
    # a kind's attribute name reads as the kind, as `list` and --kind take it
    named = kind_of_name(ref_kind)
    if named is not None and kind in (None, named):
        ref = f"{named}:{record_id}"
        try:
            return kb.resolve(ref)
        except KeyError as exc:  # an id, but of no record of that kind
            message: str | None = str(exc.args[0])
        except ValueError:  # not an id at all ("Financial management")
            message = None
        # a name, abbreviation or alias of a record of that kind
        name = text.partition(":")[2].strip()
        try:
            return kb.lookup(name, named)
        except AmbiguousLookupError as exc:  # names several: say which
            raise _ambiguous(name, exc) from None
        except (LookupError, ValueError) as exc:
            # an id's own error, when it offers close ids; else the name's,
            # which offers close names
            if message is None or "did you mean" not in message:
                message = str(exc.args[0])
            raise _Failure(message) from None
    if ref_kind in ("relation", "relations"):
        raise _Failure(
            f"unknown kind {quote(ref_kind)} in {quote(text.strip())}"
            f"{_RELATIONS_ARE_NOT_RECORDS}"
        )
    if named is not None:
        ref_kind = named
    try:
        return kb.lookup(text, kind)
    except ValueError as exc:  # blank text
        raise _UsageError(str(exc)) from None
    except AmbiguousLookupError as exc:
        raise _ambiguous(text, exc) from None
    except LookupError as exc:
        message = str(exc.args[0]) if exc.args else str(exc)
        if ref_kind is not None and ref_kind not in _RECORD_KIND_NAMES:
            message += f"\n{quote(ref_kind)} is not a kind"
            close = difflib.get_close_matches(
                _fold_kind(ref_kind), list(_RECORD_KIND_NAMES), n=1, cutoff=0.6
            )
            if close:
                wanted_id = ref.partition(":")[2]
                if len(wanted_id) > 60:
                    wanted_id = wanted_id[:57] + "..."
                message += f"; did you mean {close[0]}:{wanted_id}?"
            else:
                names = ", ".join(name for name, _ in _RECORD_KINDS)
                message += f"; known kinds: {names}"
        raise _Failure(message) from None


def _ambiguous(text: str, exc: AmbiguousLookupError) -> _Failure:
    refs = "\n".join(f"  {record.ref}  {record.name}" for record in exc.candidates)
    return _Failure(
        f"{quote(text)} names {len(exc.candidates)} records; show one by its "
        f"kind:id reference:\n{refs}"
    )


def _cmd_show(args: argparse.Namespace) -> int:
    from .serialize import to_dict

    kb = _load()
    try:
        record = _find(kb, args.ref, args.kind)
    except _Failure:
        if args.json:  # standard output stays JSON, as search's empty list
            with _failing_anyway():
                _write_json_text("null\n")
        raise
    if args.json:
        data = {
            "ref": record.ref,
            "kind": type(record).kind,
            "record": to_dict(record),
            "relations": to_dict(kb.relations_of(record)),
        }
        _write_json_text(_json(data))
    else:
        _write(sys.stdout, _show_text(kb, record, _width()))
    return _OK


def _cmd_search(args: argparse.Namespace) -> int:
    from .serialize import to_dict

    text = " ".join(args.text)
    kb = _load()
    try:
        hits = kb.search(text, kinds=args.kind, limit=args.limit)
    except ValueError as exc:  # blank text, or no words in it
        raise _UsageError(str(exc)) from None
    if args.json:
        with _failing_anyway() if not hits else contextlib.nullcontext():
            _write_json_text(_json(to_dict(list(hits))))
    else:
        width = _width()
        lines: list[str] = []
        for hit in hits:
            lines.append(f"{hit.score:>3}  {hit.ref}")  # the reference: never cut
            lines.extend(
                wrap(f"{hit.record.name} (matched in {hit.field})", width, "     ")
            )
        lines.extend(_attribution_lines(kb, (hit.record for hit in hits), width))
        if lines:
            _write(sys.stdout, "\n".join(lines) + "\n")
    if not hits:
        raise _Failure(f"no records match {quote(text)}")
    return _OK


# a file name to suggest when -o names a folder, by --format
_EXAMPLE_NAMES = {"json": "data.json", "jsonld": "data.jsonld", "schema": "schema.json"}


def _output_option(path: str) -> str:
    """Write ``-o PATH`` as a shell would take it back (``--output=-x``)."""
    if path.startswith("-"):
        return f"--output={shlex.quote(path)}"
    return f"-o {shlex.quote(path)}"


#: Endings of file names that a new CSV folder is not given.
_FILE_SUFFIXES = (".csv", ".json", ".jsonld", ".txt", ".tsv")


def _cmd_export(args: argparse.Namespace) -> int:
    fmt, kind, output = args.format, args.kind, args.output
    to_stdout = output in (None, "-")
    if kind is not None and fmt in ("jsonld", "schema"):
        raise _UsageError(f"--kind does not apply to --format {fmt}")
    escape = args.escape_formulas
    if escape and fmt != "csv":
        raise _UsageError(f"--escape-formulas does not apply to --format {fmt}")
    one_file = fmt != "csv" or kind is not None
    if output is not None and not output.strip():
        raise _UsageError("-o needs a file or folder name (or - for standard output)")
    if (
        one_file
        and not to_stdout
        and (output.endswith(("/", os.sep)) or os.path.isdir(output))
    ):
        raise _UsageError(
            f"-o {output} names a folder, but this export is one file: "
            "give a file name (such as "
            f"{os.path.join(output, _EXAMPLE_NAMES.get(fmt, f'{kind}.csv'))})"
        )
    if (
        not one_file
        and not to_stdout
        and not output.endswith(("/", os.sep))  # a slash says "a folder"
        and os.path.splitext(output)[1].lower() in _FILE_SUFFIXES
        and not os.path.lexists(output)
    ):
        # a new folder named like a file: --kind was most likely left out
        raise _UsageError(
            f"-o {output} looks like a file name, but CSV of every kind is a "
            "folder of files: pass --kind KIND for one kind's file, or write "
            f"{_output_option(output + '/')} for a folder of that name"
        )
    if fmt == "schema":
        from .schema import json_schema

        _emit_json(_json(json_schema()), output)
        return _OK
    kb = _load()
    if fmt == "json":
        from .serialize import to_json

        data = to_json(kb if kind is None else _records(kb, kind))
        _emit_json(data + "\n", output)
    elif fmt == "jsonld":
        from .export import to_jsonld_text

        _emit_json(to_jsonld_text(kb) + "\n", output)
    elif kind is None:  # csv of every kind: a folder
        from .export import to_csv_folder

        if to_stdout:
            raise _UsageError(
                "CSV of every kind is a folder of files: pass -o FOLDER, "
                "or --kind KIND for one kind"
            )
        try:
            to_csv_folder(kb, output, escape_formulas=escape)
        except ValueError as exc:  # two of its files are one (a link)
            raise _Failure(str(exc)) from None
    else:
        from .export import to_csv

        records = _records(kb, kind)
        if to_stdout:
            buffer = io.StringIO(newline="")
            to_csv(records, buffer, kind=kind, escape_formulas=escape)
            _write_utf8(buffer.getvalue())
        else:
            to_csv(records, output, kind=kind, escape_formulas=escape)
    return _OK


def _emit_json(text: str, output: str | None) -> None:
    if output in (None, "-"):
        _write_json_text(text)
        return
    from pathlib import Path

    from .export import _write_files

    _write_files([(Path(output), text)])


def _shown_name(name: str) -> str:
    r"""Return the file name *name* as text that prints on one line.

    Bytes that are not UTF-8 (kept by Python as lone surrogates) are shown
    as ``\xff``, and control characters such as a newline as ``\n``, so
    that JSON output stays UTF-8 and each ``FILE: PATH: MESSAGE`` stays one
    line.
    """
    text = os.fsencode(name).decode("utf-8", "backslashreplace")
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


def _cmd_validate(args: argparse.Namespace) -> int:
    from ._errors import DataError, Problem
    from ._loading import load, loads, read_at_most, too_long

    shown = _shown_name(args.file)

    def report(problems: Sequence[tuple[str, str]]) -> None:
        found = [{"path": path, "message": message} for path, message in problems]
        _write_json_text(_json({"file": shown, "valid": False, "problems": found}))

    limit = args.max_bytes
    try:
        if args.file == "-":
            data = read_at_most(sys.stdin.buffer, limit)
            if data is None:  # (its length is not known: read no further)
                raise DataError([too_long(None, limit)])
            kb = loads(data, extend=args.extend, max_bytes=limit)
        else:
            kb = load(args.file, extend=args.extend, max_bytes=limit)
    except OSError as exc:
        if args.json:  # stdout still gets its JSON object
            with _failing_anyway():
                report([("$", f"cannot be read: {exc.strerror or exc}")])
        raise
    except DataError as exc:
        problems = tuple(Problem(p.path, _cli_wording(p.message)) for p in exc.problems)
        with _failing_anyway():
            if args.json:
                report([(p.path, p.message) for p in problems])
            else:
                _write(
                    sys.stdout,
                    "".join(f"{shown}: {p.path}: {p.message}\n" for p in problems),
                )
        noun = "problem" if len(problems) == 1 else "problems"
        message = f"{shown}: invalid ({len(problems)} {noun})"
        if not args.extend and any(  # a part of the document is missing
            p.message == "required field is missing" and p.path.count(".") == 1
            for p in problems
        ):
            message += (
                "; if it is an overlay that adds records to the packaged data, "
                "validate it with --extend"
            )
        if args.extend and any(p.path == "$.occupation" for p in problems):
            message += (
                "; if it is a whole dataset rather than an overlay, validate it "
                "without --extend"
            )
        raise _Failure(message) from None
    if args.json:
        _write_json_text(_json({"file": shown, "valid": True, "problems": []}))
    else:
        records = 1 + sum(len(getattr(kb, kind.attr)) for kind in KINDS)
        what = "overlay of the packaged data" if args.extend else "dataset"
        _write(
            sys.stdout,
            f"{shown}: valid {what} (dataset version "
            f"{kb.meta.dataset_version}; {records} records and "
            f"{len(kb.relations)} relations in all)\n",
        )
    return _OK


# --------------------------------------------------------------------------
# the parser


class _HelpFormatter(argparse.HelpFormatter):
    """Wrap one-paragraph descriptions; keep multi-line epilogs as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


class _Parser(argparse.ArgumentParser):
    """An argument parser that never colours and survives any encoding."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        if sys.version_info >= (3, 14):  # pragma: no cover - newer Pythons
            kwargs.setdefault("color", False)
        super().__init__(*args, **kwargs)

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            stream = file if file is not None else sys.stderr
            if stream is sys.stderr:
                _say(message)  # (a usage error exits 2 even if it cannot say so)
            else:
                _write(stream, message)


_OVERVIEW_EPILOG = """\
examples:
  hsm-knowledge
  hsm-knowledge overview | less
  COLUMNS=60 hsm-knowledge overview
"""

_KIND_NAMES = [name for name, _ in _ALL_KINDS]
_LIST_EPILOG = (
    "\n".join(
        wrap(
            "KIND is a kind as written in references (career-step) or the "
            "knowledge base attribute (career_steps): "
            + ", ".join(_KIND_NAMES[:-1])
            + f" or {_KIND_NAMES[-1]}.",
            68,
        )
    )
    + """

examples:
  hsm-knowledge list career-step
  hsm-knowledge list credentials
  hsm-knowledge list technology-skill --json
"""
)

_SHOW_EPILOG = """\
REF is a kind:id reference, or an id, name, abbreviation or alias,
alone or after its kind ("skill:Financial management"); case, accents
and punctuation do not matter (in a reference, case and spaces around
the colon do not). Nothing found is exit
status 1, with close matches; text that names several records lists
their references (with --json, either prints null).

examples:
  hsm-knowledge show cphrm
  hsm-knowledge show skill:leadership
  hsm-knowledge show "skill:Financial management"
  hsm-knowledge show "Certified Medical Manager"
  hsm-knowledge show financial-management --kind skill
  hsm-knowledge show cphrm --json
"""

_SEARCH_EPILOG = """\
Whole words rank above prefixes above substrings, names above
summaries; every word must match, except stop words such as "a",
"of" and "the" when other words remain. Each hit shows its score, its
reference, its name and the field that matched best. No hits is
exit status 1 (with --json, an empty list).

examples:
  hsm-knowledge search budget
  hsm-knowledge search nursing homes --limit 3
  hsm-knowledge search care --kind work-setting --kind skill
  hsm-knowledge search epic --json
"""

_EXPORT_EPILOG = """\
formats:
  json    the wire format: the whole knowledge base (what
          validate and hsm_knowledge.load read), or with --kind
          the list of records of that kind
  jsonld  schema.org JSON-LD describing the occupation
  csv     with --kind, one CSV file (stdout or -o FILE); without
          --kind, one file per kind in the folder -o FOLDER (a new
          folder named like a file, wages.csv, is refused: write
          wages.csv/ to mean the folder); --escape-formulas puts an
          apostrophe before each cell a spreadsheet could take for a
          formula (one starting with =, +, -, @), for files people
          open in a spreadsheet
  schema  the JSON Schema of the wire format

Output goes to stdout unless -o names a file (written whole, or not
at all); -o - is stdout. JSON and CSV are UTF-8.

examples:
  hsm-knowledge export > hsm.json
  hsm-knowledge export --format json --kind skill
  hsm-knowledge export --format jsonld -o occupation.jsonld
  hsm-knowledge export --format csv --kind statistic -o wages.csv
  hsm-knowledge export --format csv -o hsm-csv
  hsm-knowledge export --format csv --escape-formulas -o for-excel
  hsm-knowledge export --format schema -o dataset.schema.json
"""

_VALIDATE_EPILOG = """\
Prints "FILE: PATH: MESSAGE" on stdout for every problem, where PATH
is the JSON path of the value at fault, and exits with status 1; a
valid file prints one line and exits with status 0. A file that
cannot be read is a message on stderr (a problem at "$" with --json).

examples:
  hsm-knowledge validate my-dataset.json
  hsm-knowledge validate --extend my-overlay.json
  hsm-knowledge validate my-dataset.json --json
  hsm-knowledge validate - < my-dataset.json
"""

_MAIN_EPILOG = """\
Exit status: 0 on success; 1 when nothing is found, a dataset is
invalid or a file cannot be read or written; 2 for usage errors.
Results go to stdout, messages to stderr; output is never coloured.

examples:
  hsm-knowledge                      the career overview
  hsm-knowledge list skill
  hsm-knowledge show cphrm --json
  hsm-knowledge search budget
  hsm-knowledge export --format jsonld
  hsm-knowledge validate my-dataset.json

Run "hsm-knowledge COMMAND --help" for the options of a command.
"""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``hsm-knowledge``, with every command.

    The documentation renders each command's ``--help`` from it.

    Returns:
        The parser; its subcommands are ``overview``, ``list``, ``show``,
        ``search``, ``export`` and ``validate``.
    """
    parser = _Parser(
        prog=PROG,
        description=(
            "Structured, sourced knowledge about the medical and health "
            "services manager career."
        ),
        epilog=_MAIN_EPILOG,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__} (dataset {DATA_VERSION})",
        help="print the package and dataset versions and exit",
    )
    parser.set_defaults(handler=_cmd_overview, command_parser=parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def command(
        handler: Callable[[argparse.Namespace], int],
        name: str,
        help: str,
        description: str,
        epilog: str,
    ) -> argparse.ArgumentParser:
        command_parser: argparse.ArgumentParser = sub.add_parser(
            name, help=help, description=description, epilog=epilog
        )
        command_parser.set_defaults(handler=handler, command_parser=command_parser)
        return command_parser

    def json_option(command_parser: argparse.ArgumentParser, what: str) -> None:
        command_parser.add_argument(
            "--json", action="store_true", help=f"print {what} as JSON"
        )

    command(
        _cmd_overview,
        "overview",
        "print a readable overview of the career (the default)",
        "Print a readable overview of the career from the packaged data, "
        "with as-of dates, sources and the O*NET attribution.",
        _OVERVIEW_EPILOG,
    )

    listing = command(
        _cmd_list,
        "list",
        "list the records of one kind",
        "List the records of one kind, in data order: each id and name, "
        "or with --json every field.",
        _LIST_EPILOG,
    )
    listing.add_argument(
        "kind",
        metavar="KIND",
        type=_kind_type(_ALL_KINDS),
        help="the kind of records to list (see below)",
    )
    json_option(listing, "the records")

    show = command(
        _cmd_show,
        "show",
        "show one record",
        "Show one record with every field, its relations and its sources.",
        _SHOW_EPILOG,
    )
    show.add_argument(
        "ref", metavar="REF", help="a kind:id reference, or an id, name or alias"
    )
    show.add_argument(
        "--kind",
        metavar="KIND",
        type=_kind_type(_RECORD_KINDS),
        help="only consider records of this kind",
    )
    json_option(show, "the reference, kind, record and relations")

    search = command(
        _cmd_search,
        "search",
        "search records, best first",
        "Search the records for TEXT and print the hits, best first.",
        _SEARCH_EPILOG,
    )
    search.add_argument("text", metavar="TEXT", nargs="+", help="the words to look for")
    search.add_argument(
        "--kind",
        metavar="KIND",
        action="append",
        type=_kind_type(_RECORD_KINDS),
        help="only records of this kind (repeat for several)",
    )
    search.add_argument(
        "--limit",
        metavar="N",
        type=_positive_int,
        help="print at most N hits",
    )
    json_option(search, "the hits")

    export = command(
        _cmd_export,
        "export",
        "write the data as JSON, JSON-LD, CSV or the JSON Schema",
        "Write the packaged data in a machine format.",
        _EXPORT_EPILOG,
    )
    export.add_argument(
        "--format",
        choices=("json", "jsonld", "csv", "schema"),
        default="json",
        help="the format (default: json)",
    )
    export.add_argument(
        "--kind",
        metavar="KIND",
        type=_kind_type(_ALL_KINDS),
        help="only records of this kind (json and csv)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (a folder for csv without --kind) instead of stdout",
    )
    export.add_argument(
        "--escape-formulas",
        action="store_true",
        help="csv: put an apostrophe before cells a spreadsheet could run",
    )

    validate = command(
        _cmd_validate,
        "validate",
        "check a dataset file and list its problems",
        "Check a dataset file in the wire format (as export --format json "
        "writes it) with every rule the packaged data obeys.",
        _VALIDATE_EPILOG,
    )
    validate.add_argument(
        "file", metavar="FILE", help="the JSON file to check; - for standard input"
    )
    validate.add_argument(
        "--extend",
        action="store_true",
        help="read FILE as an overlay that adds records to the packaged data",
    )
    validate.add_argument(
        "--max-bytes",
        metavar="N",
        type=_byte_count,
        default=MAX_DOCUMENT_BYTES,
        help=f"refuse a file of more than N bytes (default {MAX_DOCUMENT_BYTES:,})",
    )
    json_option(validate, "the result")
    return parser


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Return the command parsers of *parser*, by command name."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}  # pragma: no cover - build_parser always adds commands


def help_text(command: str | None = None, *, columns: int = 80) -> str:
    """Return the ``--help`` text of the tool or of one command.

    The text is what ``hsm-knowledge [COMMAND] --help`` prints in a
    terminal *columns* wide; the documentation renders it from here.

    Args:
        command: A command name (``"list"``), or ``None`` for the tool.
        columns: The terminal width to format for.

    Returns:
        The help text, ending with a newline.

    Raises:
        KeyError: If *command* is not a command of the tool.

    Example:
        >>> print(help_text("list").splitlines()[0])
        usage: hsm-knowledge list [-h] [--json] KIND
    """
    parser = build_parser()
    if command is not None:
        commands = _commands(parser)
        if command not in commands:
            raise KeyError(f"no command {command!r}; commands: {', '.join(commands)}")
        parser = commands[command]

    def formatter(prog: str) -> argparse.HelpFormatter:
        # argparse formats for the terminal width less two columns.
        return _HelpFormatter(prog, width=columns - 2)

    parser.formatter_class = formatter
    return parser.format_help()


def _positive_int(text: str) -> int:
    value = _whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _byte_count(text: str) -> int:
    value = _whole_number(text, grouped=True)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, got {value}")
    return value


def _whole_number(text: str, *, grouped: bool = False) -> int:
    """Read a whole number; *grouped*: thousands separators too (``1,000``)."""
    try:
        return int(text.replace(",", "") if grouped else text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {quote(text)}") from None


def _cli_wording(message: str) -> str:
    """Return a library message as the command line words it."""
    return message.replace("pass max_bytes to allow more", "use --max-bytes N")


def _message(text: str) -> str:
    """Return an error message for stderr."""
    return f"{PROG}: {text}\n"


def _os_error(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if exc.filename is not None:
        return f"{os.fsdecode(exc.filename)}: {reason}"
    return reason


def _silence_stdout() -> None:
    """Send the rest of stdout to the null device (the reader went away)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # pragma: no cover
        pass


class _ClosedStream(io.TextIOBase):
    """Stands for a standard stream the shell closed (``>&-``).

    Using it is an ``OSError`` naming the stream, reported like any other.
    """

    def __init__(self, name: str) -> None:
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    def _closed(self) -> OSError:
        return OSError(errno.EBADF, "is closed", self._name)

    def write(self, text: str) -> int:
        raise self._closed()

    def read(self, size: int | None = -1) -> str:
        raise self._closed()

    @property
    def buffer(self) -> Any:
        raise self._closed()


def _stand_in_for_closed_streams() -> None:
    """Give ``sys.stdin``/``sys.stdout`` a stand-in if the shell closed them.

    Python sets a closed standard stream to ``None``, and writing to it
    would end in a traceback; with the stand-in, a command that needs the
    stream fails with "<stdout>: is closed", and one that does not (export
    to a file) runs. A closed standard error has nowhere to report to, so
    its messages are dropped.
    """
    if sys.stdin is None:
        sys.stdin = _ClosedStream("<stdin>")
    if sys.stdout is None:
        sys.stdout = _ClosedStream("<stdout>")
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* and return the exit status.

    Args:
        argv: The arguments, without the program name; ``sys.argv[1:]``
            when ``None``.

    Returns:
        0 on success; 1 when nothing is found, a dataset is invalid or a
        file cannot be read or written; 2 for a usage error; 130 when
        interrupted.

    Example:
        >>> from hsm_knowledge.cli import main
        >>> main(["search", "budget", "--limit", "1"])
          6  responsibility:financial-management
             Financial management (matched in aliases)
        0
    """
    _stand_in_for_closed_streams()
    parser = build_parser()
    try:
        try:
            args, extra = parser.parse_known_args(argv)
            if extra:  # the command's own usage, not the program's
                args.command_parser.error(f"unrecognized arguments: {' '.join(extra)}")
        except SystemExit as exc:  # --help, --version and usage errors
            return exc.code if isinstance(exc.code, int) else _USAGE
        try:
            status: int = args.handler(args)
        except _UsageError as exc:
            args.command_parser.print_usage(sys.stderr)
            _say(f"{args.command_parser.prog}: error: {exc}\n")
            return _USAGE
        except _Failure as exc:
            _say(_message(str(exc)))
            return _FAILED
        return status
    except BrokenPipeError:
        _silence_stdout()
        return _OK
    except OSError as exc:  # of a command, or of --help or --version's output
        _say(_message(_os_error(exc)))
        return _FAILED
    except KeyboardInterrupt:
        return _INTERRUPTED
