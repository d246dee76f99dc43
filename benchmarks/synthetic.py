"""Synthetic datasets shaped like the packaged data, for benchmarks.

``synthetic_document(factor)`` returns a document in the wire format (the
shape :func:`hsm_knowledge._loading.packaged_document` returns) holding
*factor* copies of every packaged record and relation. Copy ``k`` gives
every id the suffix ``-xKKKKK`` (five digits, so no copy's suffix is a
prefix of another's) and rewrites every reference to match: citations,
publishers, parents, issuers, attributions, facility types and relation
ends. Career steps are renumbered so their order stays increasing. The
single occupation is kept once and refers to copy 0. Names and texts are
unchanged, so a word of the packaged data has *factor* times its hits.

    >>> import json, hsm_knowledge
    >>> kb = hsm_knowledge.loads(json.dumps(synthetic_document(2)))
    >>> len(kb.skills), kb.skills.ids()[:2]
    (12, ('leadership-x00000', 'analytical-problem-solving-x00000'))

Nothing is written to disk; the generator is deterministic.
"""

from __future__ import annotations

import copy
from typing import Any

from hsm_knowledge._loading import packaged_document

__all__ = ["suffix", "synthetic_document"]

# Fields holding the id of another record (or a list of ids).
_ID_FIELDS = frozenset({"publisher", "parent", "issuer", "attributed_to"})
_ID_LIST_FIELDS = frozenset({"facility_types"})
# Fields holding a kind:id reference.
_REF_FIELDS = frozenset({"subject", "object"})


def suffix(copy_index: int) -> str:
    """Return the id suffix of copy *copy_index* (``"-x00042"``)."""
    return f"-x{copy_index:05d}"


def _copy_record(record: dict[str, Any], end: str, *, keep_id: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field, value in record.items():
        if field == "id" and not keep_id:
            value = value + end
        elif field == "citations":
            value = [
                {**citation, "source": citation["source"] + end} for citation in value
            ]
        elif field in _ID_FIELDS and value is not None:
            value = value + end
        elif field in _ID_LIST_FIELDS:
            value = [item + end for item in value]
        elif field in _REF_FIELDS:
            kind, _, record_id = value.partition(":")
            if kind != "occupation":
                value = f"{kind}:{record_id}{end}"
        else:
            value = copy.deepcopy(value)
        out[field] = value
    return out


def synthetic_document(factor: int) -> dict[str, Any]:
    """Return *factor* consistent copies of the packaged data, as a document.

    Args:
        factor: How many copies of each record (at least 1).

    Returns:
        A wire-format document that :func:`hsm_knowledge.loads` accepts
        (after ``json.dumps``).
    """
    if factor < 1:
        raise ValueError(f"factor must be at least 1, got {factor}")
    base = packaged_document()
    document: dict[str, Any] = {}
    for key, value in base.items():
        if key == "meta":
            document[key] = copy.deepcopy(value)
        elif key == "occupation":
            document[key] = _copy_record(value, suffix(0), keep_id=True)
        else:
            stride = max((r.get("order", 0) for r in value), default=0)
            records = []
            for k in range(factor):
                end = suffix(k)
                for record in value:
                    new = _copy_record(record, end, keep_id=False)
                    if key == "career_steps":
                        new["order"] = k * stride + record["order"]
                    records.append(new)
            document[key] = records
    return document
