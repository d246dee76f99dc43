"""Reading the packaged data (lazily, once, under a lock) and users' files."""

from __future__ import annotations

import os
import sys
import threading
from typing import Any

from ._errors import DataError, Problem
from ._knowledge import KINDS, SUPPORTED_SCHEMA_VERSIONS, KnowledgeBase
from ._model import CodeSystem

if sys.version_info >= (3, 11):
    from importlib.resources import files
else:  # pragma: no cover - exercised on Python 3.10 only
    from importlib_resources import files

__all__ = ["clear_cache", "load", "loads", "names_occupation"]

#: The package data files, in document order: ``manifest.json`` and
#: ``occupation.json`` hold one object each, the others one array each.
DATA_FILES: tuple[tuple[str, str], ...] = (
    ("meta", "manifest.json"),
    ("occupation", "occupation.json"),
    *((kind.attr, f"{kind.attr}.json") for kind in KINDS),
    ("relations", "relations.json"),
)

_lock = threading.Lock()
_cached: KnowledgeBase | None = None


def read_data_file(name: str) -> bytes:
    """Return the bytes of the package data file *name*.

    Reads through :mod:`importlib.resources`, so it works from a zip too.
    """
    return files("hsm_knowledge").joinpath("data", name).read_bytes()


def packaged_document() -> dict[str, Any]:
    """Return the packaged data as one document, in wire-format shape."""
    from .serialize import parse_json

    return {
        key: parse_json(read_data_file(name), what=f"package data file {name}")
        for key, name in DATA_FILES
    }


def _check_schema_version(document: object) -> None:
    if not isinstance(document, dict):
        return
    meta = document.get("meta")
    if not isinstance(meta, dict):
        return
    version = meta.get("schema_version")
    if type(version) is int and version not in SUPPORTED_SCHEMA_VERSIONS:
        supported = ", ".join(str(v) for v in sorted(SUPPORTED_SCHEMA_VERSIONS))
        raise DataError(
            [
                Problem(
                    "$.meta.schema_version",
                    f"schema version {version} is not supported by this version "
                    f"of hsm_knowledge (it reads {supported})",
                )
            ]
        )


def build(document: object) -> KnowledgeBase:
    """Validate *document* (the wire-format shape) and build a knowledge base.

    Raises:
        DataError: Listing every problem found.
    """
    from .serialize import structure_knowledge_base

    _check_schema_version(document)
    return structure_knowledge_base(document)


def _load_packaged() -> KnowledgeBase:
    global _cached
    kb = _cached
    if kb is None:
        with _lock:
            kb = _cached
            if kb is None:
                kb = build(packaged_document())
                _cached = kb
    return kb


def load(path: str | os.PathLike[str] | None = None) -> KnowledgeBase:
    """Return a knowledge base: the packaged one, or one read from *path*.

    Without *path* the packaged data is read on the first call (lazily,
    under a lock, through :mod:`importlib.resources`) and the same object
    is returned on every later call, from any thread.

    Args:
        path: A JSON document in the wire format (as ``to_json(kb)`` writes
            it) to load instead of the packaged data.

    Raises:
        DataError: If the data is invalid; every problem is listed.
        OSError: If *path* cannot be read.

    Example:
        >>> import hsm_knowledge
        >>> kb = hsm_knowledge.load()
        >>> kb.credentials["cphrm"].name
        'Certified Professional in Health Care Risk Management'
        >>> hsm_knowledge.load() is kb
        True
    """
    if path is None:
        return _load_packaged()
    with open(path, "rb") as handle:
        return loads(handle.read())


def loads(data: str | bytes) -> KnowledgeBase:
    """Build a knowledge base from JSON text in the wire format.

    Args:
        data: The document as ``str`` or UTF-8 ``bytes``.

    Raises:
        DataError: If the data is invalid; every problem is listed.
    """
    from .serialize import parse_json

    return build(parse_json(data))


def clear_cache() -> None:
    """Forget the packaged knowledge base; the next :func:`load` reads it again."""
    global _cached
    with _lock:
        _cached = None


def names_occupation(code: str, system: CodeSystem | str | None = None) -> bool:
    """Tell whether *code* names the occupation of the packaged data.

    The codes are the occupation's codes in the packaged knowledge base:
    SOC 2018 ``11-9111``, O*NET-SOC ``11-9111.00`` and ISCO-08 ``1342``
    (and their URIs where the systems publish them). Codes are compared as
    written, so ``"11-9111"`` is a SOC code, not an O*NET-SOC one.

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
