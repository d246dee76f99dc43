"""Synthetic datasets shaped like the packaged data, for benchmarks.

``synthetic_document(factor)`` returns a document in the wire format (the
shape :func:`hsm_knowledge._loading.packaged_document` returns) holding
*factor* copies of every packaged record and relation, of every kind. Copy
``k`` gives every record id the suffix ``-xKKKKK`` (five digits, so no
copy's suffix is a prefix of another's) and rewrites every reference to
match, wherever it is nested: citations, publishers, parents, issuers,
attributions, facility types and relation ends. Which fields are
references is read from the model (the fields validated as ids or
``kind:id`` references), so a new kind or a new reference field is copied
without changes here. Career steps are renumbered so their order stays
increasing. The single occupation and the manifest are kept once and refer
to copy 0. Names and texts are unchanged, so a word of the packaged data
has *factor* times its hits.

    >>> import json, hsm_knowledge
    >>> kb = hsm_knowledge.loads(json.dumps(synthetic_document(2)))
    >>> len(kb.skills), kb.skills.ids()[:2]
    (12, ('leadership-x00000', 'analytical-problem-solving-x00000'))
    >>> kb.meta.vintage("onet-29-3-x00000")
    '29.3 (May 2025 release)'

Parts of a record that hold no reference (ratings, periods, codes, ...) are
shared between the copies rather than duplicated: the loader never changes
its input, and sharing keeps the 2,000x document small enough to build.

``synthetic_knowledge_base(factor)`` is that document built on the fast
path that :func:`hsm_knowledge.load` uses for the packaged data (no
validator runs; the test suite checks the result equals what the strict
path builds, at several factors), about twice as fast as copying the
records one by one; the benchmarks use it.

    >>> synthetic_knowledge_base(2) == hsm_knowledge.loads(
    ...     json.dumps(synthetic_document(2)))
    True

``synthetic_files(factor)`` is the same data as the package's files: one
file's bytes per part, formatted as the packaged files are (a test checks
it: a large file is then read in pieces, not whole), for
:func:`hsm_knowledge._loading.build_from_bytes`, the code
:func:`hsm_knowledge.load` runs on the packaged files.

    >>> from hsm_knowledge import _loading
    >>> files = synthetic_files(1)
    >>> [key for key, _ in files] == [key for key, _ in _loading.DATA_FILES]
    True
    >>> _loading.build_from_bytes(files) == synthetic_knowledge_base(1)
    True

Nothing is written to disk; the generators are deterministic.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator
from typing import Any

import attrs

from hsm_knowledge import KINDS, KnowledgeBase, Manifest, Occupation, Relation, _model
from hsm_knowledge._loading import DATA_FILES, packaged_document
from hsm_knowledge._trusted import build_trusted

__all__ = [
    "REFERENCE_FIELDS",
    "suffix",
    "synthetic_document",
    "synthetic_files",
    "synthetic_knowledge_base",
]


def _validators(validator: Any) -> Iterator[Any]:
    """Yield the plain validators inside *validator* (lists, and_, optional)."""
    if validator is None:
        return
    if isinstance(validator, (list, tuple)):
        for item in validator:
            yield from _validators(item)
        return
    inner = getattr(validator, "_validators", None)  # attrs.validators.and_
    if inner is not None:
        yield from _validators(inner)
        return
    wrapped = getattr(validator, "validator", None)  # attrs.validators.optional
    if wrapped is not None:
        yield from _validators(wrapped)
        return
    yield validator


def _nested_classes(hint: Any) -> Iterator[type[Any]]:
    if isinstance(hint, type) and attrs.has(hint):
        yield hint
    for arg in typing.get_args(hint):
        yield from _nested_classes(arg)


def _reference_fields() -> dict[str, str]:
    """Map each reference field name to ``"id"``, ``"ids"`` or ``"ref"``.

    Walks every record class and the attrs classes nested in them. A
    field name must mean the same in every class (the copier goes by
    name); a record's own ``id`` is handled separately.
    """
    roles = {
        _model._check_id: "id",
        _model._check_optional_id: "id",
        _model._check_ids: "ids",
        _model._check_ref: "ref",
    }
    found: dict[str, str | None] = {}
    seen: set[type[Any]] = set()
    todo: list[type[Any]] = [Occupation, Manifest, Relation, *(k.cls for k in KINDS)]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            todo.extend(_nested_classes(hints.get(field.name)))
            if field.name == "id":
                continue
            role = next(
                (roles[v] for v in _validators(field.validator) if v in roles), None
            )
            if found.setdefault(field.name, role) != role:
                raise RuntimeError(
                    f"field {field.name!r} is a reference in one record class and "
                    "not in another; the synthetic copier goes by field name"
                )
    return {name: role for name, role in found.items() if role is not None}


#: Field name -> how it refers to other records: ``"id"`` (an id),
#: ``"ids"`` (a list of ids) or ``"ref"`` (a ``kind:id`` reference).
REFERENCE_FIELDS: dict[str, str] = _reference_fields()


def suffix(copy_index: int) -> str:
    """Return the id suffix of copy *copy_index* (``"-x00042"``)."""
    return f"-x{copy_index:05d}"


def _holds_references(value: Any) -> bool:
    if isinstance(value, dict):
        return any(
            (key in REFERENCE_FIELDS and item is not None) or _holds_references(item)
            for key, item in value.items()
        )
    if isinstance(value, list):
        return any(_holds_references(item) for item in value)
    return False


def _rewrite(value: Any, end: str) -> Any:
    """Return *value* with every reference in it pointing into copy *end*."""
    if isinstance(value, list):
        return [_rewrite(item, end) for item in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        role = REFERENCE_FIELDS.get(key)
        if item is None:
            pass
        elif role == "id":
            item = item + end
        elif role == "ids":
            item = [each + end for each in item]
        elif role == "ref":
            kind, _, record_id = item.partition(":")
            if kind != "occupation":
                item = f"{kind}:{record_id}{end}"
        elif isinstance(item, (dict, list)):
            item = _rewrite(item, end)
        out[key] = item
    return out


def _copier(record: dict[str, Any]) -> list[str]:
    """Return the keys of *record* whose values hold references."""
    return [
        key
        for key, value in record.items()
        if (key in REFERENCE_FIELDS and value is not None) or _holds_references(value)
    ]


def synthetic_document(factor: int) -> dict[str, Any]:
    """Return *factor* consistent copies of the packaged data, as a document.

    Args:
        factor: How many copies of each record (at least 1).

    Returns:
        A wire-format document that :func:`hsm_knowledge.loads` accepts
        (after ``json.dumps``) and :func:`hsm_knowledge._loading.build`
        accepts as it is.

    Raises:
        ValueError: If *factor* is less than 1.
    """
    if isinstance(factor, bool) or not isinstance(factor, int) or factor < 1:
        raise ValueError(f"factor must be at least 1, got {factor!r}")
    base = packaged_document()
    first = suffix(0)
    document: dict[str, Any] = {}
    for key, value in base.items():
        if key in ("meta", "occupation"):
            document[key] = _rewrite(value, first)
            continue
        stride = max((r.get("order", 0) for r in value), default=0)
        plans = [(record, _copier(record)) for record in value]
        records = []
        for k in range(factor):
            end = suffix(k)
            for record, keys in plans:
                new = dict(record)  # shares every part without references
                if "id" in new:
                    new["id"] = record["id"] + end
                for name in keys:
                    new[name] = _rewrite({name: record[name]}, end)[name]
                if key == "career_steps":
                    new["order"] = k * stride + record["order"]
                records.append(new)
        document[key] = records
    return document


def synthetic_knowledge_base(factor: int) -> KnowledgeBase:
    """Return the knowledge base of :func:`synthetic_document`, on the fast path.

    Args:
        factor: How many copies of each record (at least 1).

    Returns:
        A knowledge base equal to the one the document loads into.

    Raises:
        ValueError: If *factor* is less than 1.
    """
    return build_trusted(synthetic_document(factor))


def synthetic_files(factor: int) -> list[tuple[str, bytes]]:
    """Return :func:`synthetic_document` as the package's files.

    Args:
        factor: How many copies of each record (at least 1).

    Returns:
        ``(key, bytes)`` for each of
        :data:`hsm_knowledge._loading.DATA_FILES`, in order, each formatted
        as ``json.dumps(part, indent=2, ensure_ascii=False)`` plus a
        newline, as the packaged files are.

    Raises:
        ValueError: If *factor* is less than 1.
    """
    document = synthetic_document(factor)
    return [(key, _canonical(document.get(key, []))) for key, _ in DATA_FILES]


def _canonical(part: Any) -> bytes:
    """``json.dumps(part, indent=2, ensure_ascii=False) + "\\n"``, encoded;
    an array is written record by record, which gives the same text with a
    third of the memory (its peak is about twice the text, against about
    six times for ``json.dumps`` of the whole array)."""
    if not isinstance(part, list) or not part:
        return (json.dumps(part, indent=2, ensure_ascii=False) + "\n").encode()
    records = (
        "  " + json.dumps(record, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        for record in part
    )
    return ("[\n" + ",\n".join(records) + "\n]\n").encode()
