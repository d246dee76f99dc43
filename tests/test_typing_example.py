"""The typed example script runs, uses no casts, and mypy checks it."""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = None

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "typing_example.py"


def test_the_example_runs() -> None:
    namespace = runpy.run_path(str(SCRIPT))
    out = namespace["main"]()
    assert "CMM" in out
    assert "credential:cphrm" in out
    assert "Medical software" in out
    assert "skill:financial-management (aliases)" in out
    assert "technology-skill:epic-systems 6 (name)" in out
    assert "2021: 101340" in out  # the seed's figure, in the series
    assert "May 2023: 110680" in out
    assert "General Medical and Surgical Hospitals: 124180" in out
    assert "110680 USD (May 2023, 2023-33)" in out
    assert (
        "Medical and Health Services Managers: Occupational Outlook Handbook, "
        "2023-33 edition"
    ) in out
    assert "11-9111" in out
    assert "4a29eab1-5f02-4723-a863-e2d5a0614dfa" in out


def test_the_example_needs_no_casts() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    assert "cast(" not in text
    assert "type: ignore" not in text
    assert not re.search(r"\bAny\b", text)


def test_mypy_checks_the_example() -> None:
    if tomllib is None:  # pragma: no cover - Python 3.10
        return
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "tests/typing_example.py" in config["tool"]["mypy"]["files"]
    assert config["tool"]["mypy"]["strict"] is True
