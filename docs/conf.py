"""Sphinx configuration for the hsm_knowledge documentation.

Build with ``sphinx-build -W --keep-going -n -b html docs docs/_build/html``
(``tools/check.sh`` does). Three local extensions live in ``docs/_ext``:

- ``hsm_apiref`` resolves the API reference's cross-references without a
  network (no intersphinx) and fails the build when a public name is not
  documented;
- ``hsm_catalog`` writes the data catalog (``docs/catalog/``, git-ignored)
  from the packaged data before Sphinx reads the sources;
- ``hsm_cli`` renders ``hsm-knowledge --help`` (and each command's) where
  the CLI page asks for it, so that page cannot drift from the tool.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
# Document the checkout's code (not whatever happens to be installed), and
# make the local extensions importable.
sys.path.insert(0, str(DOCS.parent / "src"))
sys.path.insert(0, str(DOCS / "_ext"))

import hsm_knowledge  # noqa: E402

project = "hsm_knowledge"
author = "The hsm_knowledge developers"
copyright = "The hsm_knowledge developers"
release = hsm_knowledge.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "hsm_apiref",
    "hsm_catalog",
    "hsm_cli",
]

exclude_patterns = ["_build", "_ext"]
# Keep straight quotes and dashes: the catalog shows source wording verbatim.
smartquotes = False
# Every cross-reference must resolve; warnings are errors (-W) in CI.
nitpicky = True

# -- MyST ------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc and napoleon --------------------------------------------------
# Types in the signatures, where the overloads of lookup, related, get and
# the others show what each call returns; in the descriptions, the
# implementation's return type (Any, object) would contradict them.
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_class_signature = "mixed"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# Take an attribute's type from the class annotations when the
# ``Attributes:`` section does not give one.
napoleon_attr_annotations = True

# -- HTML ------------------------------------------------------------------
html_theme = "furo"
html_title = f"hsm_knowledge {release}"
html_show_sourcelink = True
