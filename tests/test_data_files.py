"""The package data files stay human-reviewable: canonical, pretty JSON."""

from __future__ import annotations

import json

import pytest

from hsm_knowledge._loading import DATA_FILES, read_data_file


@pytest.mark.parametrize("name", [name for _, name in DATA_FILES])
def test_data_file_is_canonical_json(name: str) -> None:
    raw = read_data_file(name)
    text = raw.decode("utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, ensure_ascii=False) + "\n", (
        f"{name} is not formatted canonically; rewrite it with "
        "json.dumps(data, indent=2, ensure_ascii=False) plus a newline"
    )
