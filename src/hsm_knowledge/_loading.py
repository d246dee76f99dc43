"""Reading the packaged data (lazily, once, under a lock) and users' files."""

from __future__ import annotations

import _thread
import os
import stat
import sys
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._errors import DataError, Problem
from ._knowledge import PART_ORDER, KnowledgeBase

if TYPE_CHECKING:
    from ._model import CodeSystem

__all__ = ["clear_cache", "load", "loads", "names_occupation"]

#: The largest document :func:`load` and :func:`loads` accept by default
#: (the same as ``hsm_knowledge.serialize.MAX_DOCUMENT_BYTES``; kept here
#: so that importing the package does not import the converter).
MAX_DOCUMENT_BYTES = 128 * 1024 * 1024

#: The package data files, in document order: ``manifest.json`` and
#: ``occupation.json`` hold one object each, the others one array each.
DATA_FILES: tuple[tuple[str, str], ...] = tuple(
    (part, "manifest.json" if part == "meta" else f"{part}.json") for part in PART_ORDER
)

_PACKAGE = __name__.rpartition(".")[0]
_lock = _thread.allocate_lock()
_cached: KnowledgeBase | None = None


def read_data_file(name: str) -> bytes:
    """Return the bytes of the package data file *name*.

    Reads through the package's loader (its ``get_data`` method, which
    ``pkgutil.get_data`` uses too), so it works from a zip as well as from a
    directory; a loader without ``get_data`` is read through
    :mod:`importlib.resources`. The loader's method costs nothing to
    import, where :mod:`importlib.resources` costs about as much as loading
    the data (it imports :mod:`pathlib`, :mod:`tempfile` and more).
    """
    spec = sys.modules[_PACKAGE].__spec__
    get_data = getattr(spec and spec.loader, "get_data", None)
    if spec is not None and spec.origin is not None and get_data is not None:
        path = os.path.join(os.path.dirname(spec.origin), "data", name)
        data: bytes = get_data(path)
        return data
    return _read_through_resources(name)


def _read_through_resources(name: str) -> bytes:
    if sys.version_info >= (3, 11):
        from importlib.resources import files
    else:  # pragma: no cover - exercised on Python 3.10 only
        from importlib_resources import files
    return files(_PACKAGE).joinpath("data").joinpath(name).read_bytes()


def packaged_files() -> list[tuple[str, bytes]]:
    """Return ``(key, bytes)`` for each of :data:`DATA_FILES`, in order."""
    return [(key, read_data_file(name)) for key, name in DATA_FILES]


def packaged_document() -> dict[str, Any]:
    """Return the packaged data as one document, in wire-format shape."""
    import json

    # The test suite checks the files are canonical JSON.
    return {key: json.loads(data) for key, data in packaged_files()}


def build(
    document: object, *, base: KnowledgeBase | None = None, base_name: str = ""
) -> KnowledgeBase:
    """Validate *document* (the wire-format shape) and build a knowledge base.

    This is the strict path, for data from outside: every field is checked,
    then the integrity of the whole.

    Args:
        document: The parsed document.
        base: When given, *document* is an overlay whose records are added
            to *base*'s.
        base_name: How messages name *base*.

    Raises:
        DataError: Listing every problem found.
    """
    from .serialize import build_document

    return build_document(document, base=base, base_name=base_name)


def build_packaged() -> KnowledgeBase:
    """Return the packaged knowledge base, each part built on first use.

    Nothing is read now: each file is read, parsed and built the first
    time its part is used (``kb.credentials`` reads
    ``credentials.json`` and nothing else), so a program that reads one
    kind pays for that kind. Equality, hashing, pickling and serialization
    build every part. See :func:`build_from_bytes` for the fast path.

    Raises:
        DataError: If the packaged data is damaged (when the damaged part
            is first used).
    """
    from ._trusted import build_trusted

    names = dict(DATA_FILES)
    return build_trusted(
        _ParsedOnDemand(lambda key: read_data_file(names[key]), names),
        deferred=True,
        check=_check_packaged_files,
    )


def build_from_bytes(
    files: Sequence[tuple[str, bytes]], *, deferred: bool = False
) -> KnowledgeBase:
    """Build the packaged knowledge base from its files' bytes, on the fast path.

    The packaged data is checked by the test suite (it loads through the
    strict path, :func:`build`, passes every integrity check, and gives a
    knowledge base equal to this one), so it is built by
    :func:`hsm_knowledge._trusted.build_trusted`, without validating each
    field again and without importing cattrs. Should it fail anyway (an
    edited installation), the strict path reports what is wrong.

    Args:
        files: ``(key, bytes)`` for each of :data:`DATA_FILES`, in order.
        deferred: Build each part on first use (as :func:`load` does)
            rather than now.

    Raises:
        DataError: If the packaged data is damaged.
    """
    from ._trusted import build_trusted

    data = dict(files)
    return build_trusted(
        _ParsedOnDemand(data.__getitem__, data),
        deferred=deferred,
        check=lambda: _check_packaged(files),
    )


class _ParsedOnDemand(Mapping[str, Any]):
    """The packaged files as a document, each file parsed when it is read.

    The builder reads each part once: parsing a file just before building
    its records keeps only one file's parsed values alive at a time, which
    is faster (they are still in the CPU's caches, and the garbage
    collector has less to traverse) than parsing everything first. A file
    of more than :data:`PIECE_BYTES` is read as an iterator of its records,
    parsed a piece at a time (:func:`records_in_pieces`), for the same
    reason one level down: the parsed values of a whole large file are
    never alive at once.

    Args:
        read: Returns the bytes of a part's file, by the part's key
            (``KeyError`` for a part not there).
        keys: The parts' keys.
    """

    def __init__(self, read: Callable[[str], bytes], keys: Iterable[str]) -> None:
        self._read = read
        self._keys = tuple(keys)

    def __getitem__(self, key: str) -> Any:
        import json

        data = self._read(key)
        if len(data) > PIECE_BYTES and data.startswith(_ARRAY_START):
            return records_in_pieces(data)
        return json.loads(data)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


#: The size of the pieces a large packaged file is parsed in, in bytes.
PIECE_BYTES = 256 * 1024

# A canonical file (``json.dumps(..., indent=2, ensure_ascii=False)``, as
# the test suite checks) of an array of objects starts with _ARRAY_START,
# and _BETWEEN stands between two of its records and nowhere else: a JSON
# string holds no raw newline, and a value nested in a record is indented
# deeper than two spaces.
_ARRAY_START = b"[\n  {"
_BETWEEN = b"\n  },\n  {"


def records_in_pieces(data: bytes, size: int = PIECE_BYTES) -> Iterator[Any]:
    """Yield the records of *data*, a JSON array of objects, in order.

    Parses a piece of about *size* bytes at a time, each piece ending where
    a record does, so that the parsed values of the whole array are never
    alive at once: a builder that makes each record from its parsed object
    and drops the object keeps the CPU's caches warm and gives the garbage
    collector less to traverse, so the cost per record stays level as the
    data grows (see ``benchmarks/README.md``). For the same reason, after
    each piece but the last, the collector's young generations are
    collected (:func:`hsm_knowledge._collector.collect_young`), while the
    objects made from the piece are still in the caches.

    The pieces are cut where *data* is formatted canonically (see
    ``_BETWEEN``). A cut in the wrong place (a file formatted otherwise)
    leaves a piece that is not valid JSON, never one that parses to other
    records; the rest of the array is then parsed whole. What is yielded
    is always what ``json.loads(data)`` holds.

    Raises:
        ValueError: If *data* is not valid JSON (as :func:`json.loads`).
    """
    import json

    from . import _collector

    start = 0
    done = 0  # records yielded so far
    while True:
        cut = data.find(_BETWEEN, start + size) if start + size < len(data) else -1
        if cut < 0:
            piece = data[start:]
            text = b"[" + piece if start else piece
        else:
            piece = data[start : cut + 4]  # through the record's "}"
            text = b"[" + piece + b"]" if start else piece + b"]"
        try:
            records = json.loads(text)
        except ValueError:
            # a cut inside a record, or invalid JSON: parse the whole
            # array (which raises if it is not valid JSON) and go on after
            # what was yielded
            yield from json.loads(data)[done:]
            return
        yield from records
        if cut < 0:
            return
        done += len(records)
        del records  # the piece's parsed values, built and dropped by now
        _collector.collect_young()
        start = cut + 6  # the next record's first space


def _check_packaged_files() -> None:
    _check_packaged(packaged_files())


def _check_packaged(files: Sequence[tuple[str, bytes]]) -> None:
    """Run the strict path over the packaged data; raise what it finds."""
    from .serialize import parse_json

    names = dict(DATA_FILES)
    document = {
        key: parse_json(data, what=f"package data file {names[key]}")
        for key, data in files
    }
    try:
        build(document)
    except DataError as exc:
        raise DataError(exc.problems, what="packaged data") from None


def check_max_bytes(max_bytes: object) -> None:
    """Raise if *max_bytes* is not ``None`` or a whole number of bytes."""
    if max_bytes is None:
        return
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool):
        raise TypeError(
            f"max_bytes must be an int or None, got {type(max_bytes).__name__}"
        )
    if max_bytes < 0:
        raise ValueError(f"max_bytes must not be negative, got {max_bytes}")


def read_at_most(stream: typing.BinaryIO, limit: int) -> bytes | None:
    """Read *stream* to its end; ``None`` if it holds more than *limit* bytes.

    Reads in pieces, so that neither a large *limit* nor a large stream
    makes it ask for more memory than the bytes it has read.
    """
    pieces: list[bytes] = []
    total = 0
    while total <= limit:
        piece = stream.read(min(_PIECE, limit + 1 - total))
        if not piece:
            return b"".join(pieces)
        pieces.append(piece)
        total += len(piece)
    return None


_PIECE = 16 * 1024 * 1024


def too_long(size: int | None, max_bytes: int) -> Problem:
    """The problem of a document of *size* bytes, over *max_bytes*.

    *size* is ``None`` where it is not known, as for a pipe, which is read
    no further than the limit.
    """
    if size is None:
        return Problem(
            "$",
            f"is longer than the limit of {max_bytes:,} bytes; "
            "pass max_bytes to allow more",
        )
    return Problem(
        "$",
        f"is {size:,} bytes long, more than the limit of {max_bytes:,}; "
        "pass max_bytes to allow more",
    )


def _load_packaged() -> KnowledgeBase:
    global _cached
    kb = _cached
    if kb is None:
        with _lock:
            kb = _cached
            if kb is None:
                kb = build_packaged()
                _cached = kb
    return kb


def _base(extend: bool | KnowledgeBase) -> tuple[KnowledgeBase | None, str]:
    if extend is True:
        return _load_packaged(), "the packaged data"
    if extend is False:
        return None, ""
    if isinstance(extend, KnowledgeBase):
        return extend, "the base knowledge base"
    raise TypeError(
        f"extend must be True, False or a KnowledgeBase, not {type(extend).__name__}"
    )


def load(
    path: str | os.PathLike[str] | None = None,
    *,
    extend: bool | KnowledgeBase = False,
    max_bytes: int | None = MAX_DOCUMENT_BYTES,
) -> KnowledgeBase:
    """Return a knowledge base: the packaged one, or one read from *path*.

    Without *path*, returns the packaged knowledge base: the same object
    on every call, from any thread. Its parts are read and built when first
    used, each once, under a lock: ``load().credentials`` reads
    ``credentials.json`` and creates the record classes credentials need,
    nothing more. Everything that reads the whole knowledge base (equality,
    pickling, serialization, search) builds every part first.

    With *path*, the file is read as a dataset document in the wire format
    (as ``to_json(kb)`` writes it), or, with *extend*, as an overlay whose
    records are added to the packaged ones (see :func:`loads`).

    Args:
        path: A JSON document to load instead of the packaged data.
        extend: ``False`` to load the document on its own; ``True`` to add
            its records to the packaged data; or a knowledge base to add
            them to.
        max_bytes: The largest file accepted, or ``None`` for no limit.

    Returns:
        The knowledge base, fully checked.

    Raises:
        DataError: If the data is invalid; every problem is listed, and
            the message names the file.
        OSError: If *path* cannot be read.
        TypeError: If *max_bytes* is not an int or ``None``, or *extend*
            is not ``True``, ``False`` or a knowledge base.
        ValueError: If *extend* is given without a *path*, or *max_bytes*
            is negative.

    Example:
        >>> import hsm_knowledge
        >>> kb = hsm_knowledge.load()
        >>> kb.credentials["cphrm"].name
        'Certified Professional in Health Care Risk Management'
        >>> hsm_knowledge.load() is kb
        True
    """
    check_max_bytes(max_bytes)  # (also where it has no file to limit)
    if path is None:
        if extend is not False:
            raise ValueError("extend needs a path: the document to add")
        return _load_packaged()
    name = os.fspath(path)
    with open(path, "rb") as handle:
        try:
            if max_bytes is not None:
                status = os.fstat(handle.fileno())
                size = status.st_size if stat.S_ISREG(status.st_mode) else None
                too_big = size is not None and size > max_bytes
                found = None if too_big else read_at_most(handle, max_bytes)
                if found is None:
                    if size is not None:  # (a file that grew while read: its size now)
                        size = max(
                            size, max_bytes + 1, os.fstat(handle.fileno()).st_size
                        )
                    raise DataError(
                        [too_long(size, max_bytes)], what=f"dataset {name!r}"
                    )
                data = found
            else:
                data = handle.read()
        except OSError as exc:
            if exc.filename is not None or exc.errno is None:
                raise
            # a read error (EIO, EISDIR) says nothing of the file: name it
            raise type(exc)(exc.errno, exc.strerror, name) from exc
    try:
        return loads(data, extend=extend, max_bytes=max_bytes)
    except DataError as exc:
        raise DataError(exc.problems, what=f"dataset {name!r}") from None


def loads(
    data: str | bytes,
    *,
    extend: bool | KnowledgeBase = False,
    max_bytes: int | None = MAX_DOCUMENT_BYTES,
) -> KnowledgeBase:
    """Build a knowledge base from JSON text in the wire format.

    A dataset document is a JSON object with the manifest (``meta``), the
    ``occupation``, one array of records per kind, named like the
    :class:`~hsm_knowledge.KnowledgeBase` attributes, and ``relations``:
    the shape ``to_json(kb)`` writes. Every key is required, except the
    kinds added in dataset 2026.2 (``tasks`` to ``entry_requirements``):
    a document written before them loads with none.

    With *extend*, the document is an *overlay*: every key is optional and
    its records are added after those of the base (the packaged data for
    ``extend=True``). An overlay may not hold an ``occupation`` (a knowledge
    base describes one occupation); its ``meta``, when present, describes
    the combined dataset and replaces the base's. A record whose id is
    already in the base, or a relation the base already has, is an error
    naming both places: an overlay never replaces a record silently. The
    combined knowledge base gets the full integrity checks, so an overlay's
    records may cite the base's sources and refer to its records.

    Args:
        data: The document as ``str`` or UTF-8 ``bytes``.
        extend: ``False`` to load the document on its own; ``True`` to add
            its records to the packaged data; or a knowledge base to add
            them to.
        max_bytes: The longest document accepted, in bytes (a ``str`` counts
            as UTF-8), or ``None`` for no limit.

    Returns:
        The knowledge base, fully checked.

    Raises:
        DataError: If the data is invalid; every problem is listed.
        TypeError: If *data* is not ``str`` or ``bytes`` (a path goes to
            :func:`load`), *max_bytes* is not an int or ``None``, or
            *extend* is not ``True``, ``False`` or a knowledge base.
        ValueError: If *max_bytes* is negative.

    Example:
        >>> import hsm_knowledge
        >>> overlay = '''{"skills": [{"id": "negotiation", "name": "Negotiation",
        ...   "summary": "Reaching agreements with payers and suppliers.",
        ...   "citations": [{"source": "seed-article", "locator": "Skills"}],
        ...   "category": "leadership"}]}'''
        >>> kb = hsm_knowledge.loads(overlay, extend=True)
        >>> len(kb.skills) == len(hsm_knowledge.load().skills) + 1
        True
        >>> hsm_knowledge.loads(overlay.replace("negotiation", "leadership"),
        ...                     extend=True)
        Traceback (most recent call last):
          ...
        hsm_knowledge.DataError: invalid dataset (1 problem):
          $.skills[0].id: duplicate skill id 'leadership' (first at $.skills[0] of the packaged data)
    """  # noqa: E501
    from .serialize import _parse_and_build

    base, base_name = _base(extend)
    # (one heading for a document's problems, whether it parses or not)
    return _parse_and_build(
        data,
        lambda parsed: build(parsed, base=base, base_name=base_name),
        what="dataset",
        max_bytes=max_bytes,
        order=PART_ORDER,
    )


def clear_cache() -> None:
    """Forget the packaged knowledge base; the next :func:`load` reads it again.

    This is the documented way to drop the cache: to time a fresh load (the
    benchmarks do), to test code that loads, or to let the memory go (the
    knowledge base is freed once nothing else refers to it). Knowledge
    bases already returned stay valid. Safe to call from any thread.

    Example:
        >>> import hsm_knowledge
        >>> kb = hsm_knowledge.load()
        >>> hsm_knowledge.clear_cache()
        >>> again = hsm_knowledge.load()
        >>> again is kb, again == kb
        (False, True)
    """
    global _cached
    with _lock:
        _cached = None


def names_occupation(code: str, system: CodeSystem | str | None = None) -> bool:
    """Tell whether *code* names the occupation of the packaged data.

    The codes are the occupation's codes in the packaged knowledge base
    (``load().occupation.codes``): SOC 2018 ``11-9111``, O*NET-SOC
    ``11-9111.00``, ISCO-08 ``1342`` and the identifiers of two ESCO
    occupations (and their URIs where the systems publish them). Codes are
    compared as written but for surrounding spaces (``" 11-9111 "`` is
    ``"11-9111"``), so ``"11-9111"`` is a SOC code, not an O*NET-SOC one.

    Args:
        code: A code as its system writes it, or a code URI.
        system: Only accept a code of this
            :class:`~hsm_knowledge.CodeSystem` (or its value, such as
            ``"soc-2018"``).

    Returns:
        Whether the code names medical and health services managers.

    Raises:
        TypeError: If *code* is not a string.
        ValueError: If *system* is not a known code system.

    Example:
        >>> import hsm_knowledge
        >>> hsm_knowledge.names_occupation("11-9111")
        True
        >>> hsm_knowledge.names_occupation("11-9111.00", system="onet-soc")
        True
        >>> hsm_knowledge.names_occupation("1342", system="isco-08")
        True
        >>> hsm_knowledge.names_occupation("11-9112")
        False
    """
    return load().names_occupation(code, system)
