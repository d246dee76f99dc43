"""Every code example in docs/ runs, so a broken example fails the suite.

Sybil reads each Markdown page under ``docs/``: a ``python`` block that starts
with ``>>>`` runs as a doctest, any other ``python`` block runs as code, and
the examples of one page share a namespace, in page order. Each page runs in
a fresh temporary directory, so examples may write files. README.md is run
by ``test_examples.py`` (doctest), not here.
"""

from __future__ import annotations

import doctest
import re
import unittest
from pathlib import Path

import pytest
from sybil import Sybil
from sybil.parsers.myst import (
    DocTestDirectiveParser,
    PythonCodeBlockParser,
    SkipParser,
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

# Folders of docs/ that hold no hand-written pages: the build output and
# the data catalog, which the docs build generates from the data.
GENERATED = {"_build", "catalog"}

SYBIL = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=FLAGS),
        DocTestDirectiveParser(optionflags=FLAGS),
        # ``% skip: next "reason"`` before a block that needs a package the
        # project does not install (pandas); keep such blocks rare.
        SkipParser(),
    ],
    path=str(DOCS),
    patterns=["*.md"],
)


def _pages() -> list[Path]:
    return sorted(
        path
        for path in DOCS.rglob("*.md")
        if not GENERATED.intersection(path.relative_to(DOCS).parts)
    )


PAGES = _pages()
PAGES_WITH_EXAMPLES = [page for page in PAGES if list(SYBIL.parse(page).examples())]


def _page_id(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


@pytest.mark.parametrize("page", PAGES_WITH_EXAMPLES, ids=_page_id)
def test_page_examples_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    document = SYBIL.parse(page)
    for example in document.examples():
        try:
            example.evaluate()
        except unittest.SkipTest:
            # A block marked ``% skip: next`` is left out on its own; the
            # page's other examples still run and count.
            continue


def test_the_guides_have_examples() -> None:
    # A parser or pattern mistake would otherwise pass by finding nothing.
    have = {_page_id(page) for page in PAGES_WITH_EXAMPLES}
    assert {"index.md", "tutorial.md", "howto/load-your-own-dataset.md"} <= have


# A fence whose language Sybil does not run must not hold Python, or its
# example would silently go untested.
_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>```+|~~~+)\s*(?P<info>[^\n`]*)$", re.M)
_UNTESTED_PYTHON = {"py", "pycon", "python3", "ipython", "pytb"}


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_python_examples_use_a_tested_fence(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for match in _FENCE.finditer(text):
        info = match.group("info").strip()
        language = info.split()[0] if info else ""
        if language.startswith("{"):  # a MyST directive: {code-block} python
            words = info.split()
            language = words[1] if len(words) > 1 else ""
        assert language not in _UNTESTED_PYTHON, (
            f"{_page_id(page)}:{text.count(chr(10), 0, match.start()) + 1}: "
            f"write Python examples in a ```python block, not ```{language}"
        )
