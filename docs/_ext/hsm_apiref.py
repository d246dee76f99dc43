"""Sphinx extension: make the API reference complete and its links resolve.

The docs are built without a network, so intersphinx is not used. Instead:

- References autodoc writes with a private module path
  (``hsm_knowledge._model.skill.Skill``, from the class's ``__module__``) are
  resolved to the public name the package exports (``hsm_knowledge.Skill``).
- References to the few outside types our signatures use (``decimal.Decimal``,
  ``datetime.date``, ...) link to their documentation through the fixed table
  ``EXTERNAL`` below. Any other outside name still fails the nitpicky build,
  so a new one is noticed and added here on purpose.
- A builtin type in an annotation (``type[T]``) is looked up as that
  builtin, not as any documented attribute that happens to share its name
  (``Source.type``, ``Relation.type``).
- Attribute types that napoleon takes from the annotations are shown with
  the public name (``Citation``, not ``hsm_knowledge._model.Citation``), and
  so are a link's hover text and a class given as a default value in a
  signature.
- Type variables of the package (``T`` in ``Collection[T]``) render as text.
- A constant re-exported by ``hsm_knowledge`` (``KINDS``, ``DATA_VERSION``)
  gets the ``#:`` comment written where it is defined, in a private module.
- After reading, every name in the ``__all__`` of ``hsm_knowledge`` and of
  each public submodule must be documented somewhere in the docs; a missing
  one is a warning, so an error under ``-W``.
"""

from __future__ import annotations

import builtins
import functools
import importlib
import pkgutil
import re
import sys
from typing import Any, TypeVar

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging

PACKAGE = "hsm_knowledge"

logger = logging.getLogger(__name__)

_PY = "https://docs.python.org/3/library/"
_CATTRS_CONVERTER = "https://catt.rs/en/stable/cattrs.html#cattrs.Converter"

#: Outside names used in our signatures, annotations and docstrings, and
#: where they are documented.
EXTERNAL: dict[str, str] = {
    "collections.abc.Sequence": _PY + "collections.abc.html#collections.abc.Sequence",
    "collections.abc.Mapping": _PY + "collections.abc.html#collections.abc.Mapping",
    "collections.abc.Iterable": _PY + "collections.abc.html#collections.abc.Iterable",
    "collections.abc.Iterator": _PY + "collections.abc.html#collections.abc.Iterator",
    "collections.abc.Callable": _PY + "collections.abc.html#collections.abc.Callable",
    "argparse.ArgumentParser": _PY + "argparse.html#argparse.ArgumentParser",
    "csv": _PY + "csv.html",
    "json": _PY + "json.html",
    "pathlib.Path": _PY + "pathlib.html#pathlib.Path",
    "typing.TextIO": _PY + "typing.html#typing.TextIO",
    "typing.IO": _PY + "typing.html#typing.IO",
    "io.TextIOBase": _PY + "io.html#io.TextIOBase",
    "warnings.warn": _PY + "warnings.html#warnings.warn",
    "importlib.resources": _PY + "importlib.resources.html",
    "datetime.date": _PY + "datetime.html#datetime.date",
    "decimal.Decimal": _PY + "decimal.html#decimal.Decimal",
    # as a signature shows a name imported only for type checkers
    "Decimal": _PY + "decimal.html#decimal.Decimal",
    "enum.Enum": _PY + "enum.html#enum.Enum",
    "os.PathLike": _PY + "os.html#os.PathLike",
    # The class's public name and the one its __module__ gives.
    "cattrs.Converter": _CATTRS_CONVERTER,
    "cattrs.converters.Converter": _CATTRS_CONVERTER,
    # What every function of hsm_knowledge.strategies returns.
    "hypothesis.strategies.SearchStrategy": (
        "https://hypothesis.readthedocs.io/en/latest/reference/strategies.html"
    ),
}


def public_modules() -> list[str]:
    """Return the package and its public submodules (no ``_`` prefix)."""
    package = importlib.import_module(PACKAGE)
    names = [PACKAGE]
    for info in pkgutil.walk_packages(package.__path__, PACKAGE + "."):
        parts = info.name.split(".")[1:]
        if any(part.startswith("_") for part in parts):
            continue
        names.append(info.name)
    return sorted(names)


def public_names() -> list[str]:
    """Return the dotted name of everything the public modules export."""
    out = []
    for module_name in public_modules():
        module = importlib.import_module(module_name)
        out.extend(f"{module_name}.{name}" for name in getattr(module, "__all__", ()))
    return out


@functools.cache
def _private_modules() -> tuple[str, ...]:
    package = importlib.import_module(PACKAGE)
    return tuple(
        info.name
        for info in pkgutil.walk_packages(package.__path__, PACKAGE + ".")
        if info.name.rsplit(".", 1)[-1].startswith("_")
        and not info.name.endswith("__main__")
    )


@functools.cache
def _definition_comment(name: str) -> tuple[str, ...]:
    """Return the ``#:`` comment above the module-level definition of *name*."""
    for module_name in _private_modules():
        docs = ModuleAnalyzer.for_module(module_name).find_attr_docs()
        lines = docs.get(("", name))
        if lines:
            return tuple(lines)
    return ()


# ``hsm_knowledge._model.Citation`` or ``hsm_knowledge._model._base.Citation``
_PRIVATE_PATH = re.compile(
    r"\b" + PACKAGE + r"\._[a-z_]+(?:\.[a-z_][a-z0-9_]*)*\.([A-Z][A-Za-z0-9_]*)"
)


def _shorten(match: re.Match[str]) -> str:
    public = _public_target(match.group(0))
    return match.group(0) if public is None else f"~{public}"


def _process_docstring(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    module, _, attr = name.rpartition(".")
    if what == "data" and module == PACKAGE:
        comment = _definition_comment(attr)
        if comment:
            lines[:] = list(comment)
    # Napoleon writes attribute types from the annotations with the private
    # module path (``:type: hsm_knowledge._model.Citation``); show and link
    # the public name instead.
    for i, line in enumerate(lines):
        if line.lstrip().startswith(":type:"):
            lines[i] = _PRIVATE_PATH.sub(_shorten, line)


@functools.cache
def _exported() -> frozenset[str]:
    """The names ``hsm_knowledge`` exports."""
    return frozenset(getattr(importlib.import_module(PACKAGE), "__all__", ()))


def _public_target(target: str) -> str | None:
    """Map ``hsm_knowledge._private.Name[.member]`` to its public name."""
    parts = target.split(".")
    if len(parts) < 3 or parts[0] != PACKAGE or not parts[1].startswith("_"):
        return None
    exported = _exported()
    # skip the private modules (``_model.credential``) to the exported name
    for i in range(2, len(parts)):
        if parts[i] in exported:
            return ".".join([PACKAGE, *parts[i:]])
    return None


def _is_type_variable(target: str) -> bool:
    module_name, _, attr = target.rpartition(".")
    if not module_name:
        # a bare name, as napoleon writes a parameter's type (``T`` in
        # ``Callable[[T], object]``): a type variable of any package module
        return any(
            isinstance(getattr(module, attr, None), TypeVar)
            for name, module in list(sys.modules.items())
            if name == PACKAGE or name.startswith(PACKAGE + ".")
        )
    if not module_name.startswith(PACKAGE):
        return False
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return False
    return isinstance(getattr(module, attr, None), TypeVar)


def _missing_reference(
    app: Sphinx, env: BuildEnvironment, node: Any, contnode: nodes.TextElement
) -> nodes.Element | None:
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    public = _public_target(target)
    if public is not None:
        domain = env.get_domain("py")
        return domain.resolve_xref(
            env,
            node["refdoc"],
            app.builder,
            node["reftype"],
            public,
            node,
            contnode,
        )
    if target in EXTERNAL:
        reference = nodes.reference(
            "", "", internal=False, refuri=EXTERNAL[target], reftitle=target
        )
        reference += contnode
        return reference
    if _is_type_variable(target):
        return contnode
    return None


def _prefer_builtins(app: Sphinx, doctree: nodes.document) -> None:
    # Annotations are cross-referenced in "specific" mode (the python domain
    # checks whether the attribute is present, whatever its value), which
    # matches any object whose name ends with the target: ``type`` would then
    # match the ``type`` attributes of several records. A builtin is never
    # one of ours, so look it up exactly and let Sphinx treat it as builtin.
    for node in doctree.findall(addnodes.pending_xref):
        target = node.get("reftarget", "")
        if (
            node.get("refdomain") == "py"
            and node.hasattr("refspecific")
            and isinstance(getattr(builtins, target, None), type)
        ):
            del node["refspecific"]


# a class as a default value in a signature: ``<class 'hsm_knowledge._x.Y'>``
_CLASS_REPR = re.compile(r"<class '(" + PACKAGE + r"\.[A-Za-z0-9_.]+)'>")


def _public_signature(
    app: Sphinx,
    what: str,
    name: str,
    obj: Any,
    options: Any,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None] | None:
    # A default value that is one of our classes is shown by its public
    # name (``collection=Collection``), not its repr with the private path.
    if not signature or "<class '" not in signature:
        return None

    def public(match: re.Match[str]) -> str:
        found = _public_target(match.group(1))
        return found.rpartition(".")[2] if found else match.group(0)

    return _CLASS_REPR.sub(public, signature), return_annotation


def _public_titles(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # autodoc gives each object its canonical name (``__module__`` and
    # qualified name) as an alias, and a link resolved through the alias
    # shows it on hover: ``hsm_knowledge._model._base.Record``. Show the
    # public name the link leads to instead.
    for node in doctree.findall(nodes.reference):
        public = _public_target(node.get("reftitle", ""))
        if public is not None:
            node["reftitle"] = public


def _check_public_names(app: Sphinx, env: BuildEnvironment) -> None:
    documented = set(env.get_domain("py").objects)
    missing = [name for name in public_names() if name not in documented]
    for name in missing:
        logger.warning(
            "public name %s is not in the API reference; add it to a page "
            "under docs/reference/ (autoclass, autofunction, autodata or "
            "automodule)",
            name,
            type="hsm",
            subtype="undocumented",
        )


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the event handlers."""
    app.connect("autodoc-process-docstring", _process_docstring)
    app.connect("doctree-read", _prefer_builtins)
    app.connect("missing-reference", _missing_reference)
    app.connect("doctree-resolved", _public_titles)
    app.connect("autodoc-process-signature", _public_signature)
    app.connect("env-check-consistency", _check_public_names)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
