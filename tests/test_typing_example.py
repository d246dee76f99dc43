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
    assert "skill:financial-management (aliases)" in out
    assert "101340 USD (2021, None)" in out
    assert "How To Become a Health Services Manager" in out
    assert "11-9111" in out


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
