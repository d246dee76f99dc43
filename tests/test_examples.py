"""The examples in README.md and in the package's docstrings run."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import hsm_knowledge

ROOT = Path(__file__).resolve().parent.parent
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def test_readme_examples() -> None:
    result = doctest.testfile(
        str(ROOT / "README.md"), module_relative=False, optionflags=FLAGS
    )
    assert result.attempted > 0
    assert result.failed == 0


MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(hsm_knowledge.__path__, "hsm_knowledge.")
    if info.name.rsplit(".", 1)[-1] != "__main__"
)


@pytest.mark.parametrize("name", ["hsm_knowledge", *MODULES])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS)
    assert result.failed == 0
