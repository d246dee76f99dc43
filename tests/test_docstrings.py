"""Every public name is documented, so the API reference has no blank entry.

Public means: listed in the ``__all__`` of ``hsm_knowledge`` or of one of its
public submodules (no leading underscore), plus the public methods,
properties and attributes of the classes among them. What counts as
documentation is what the Sphinx build renders:

- classes, functions, methods and properties: a docstring;
- attrs fields and class constants: an entry in the ``Attributes:`` section
  of the class's docstring or of a base class's;
- enum members: an attribute docstring (a string right after the member);
- module constants: a ``#:`` comment above the assignment, in the module
  that defines them.
"""

from __future__ import annotations

import ast
import enum
import importlib
import inspect
import itertools
import pkgutil
import re
import textwrap
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import attrs
import pytest

import hsm_knowledge

PACKAGE = "hsm_knowledge"


def _all_modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(hsm_knowledge.__path__, PACKAGE + ".")
        if not info.name.endswith(".__main__")
    )


PUBLIC_MODULES = [
    PACKAGE,
    *(name for name in _all_modules() if not name.rsplit(".", 1)[-1].startswith("_")),
]
PUBLIC_NAMES = [
    (module_name, name)
    for module_name in PUBLIC_MODULES
    for name in importlib.import_module(module_name).__all__
]
PUBLIC_CLASSES = sorted(
    {
        getattr(importlib.import_module(module), name)
        for module, name in PUBLIC_NAMES
        if inspect.isclass(getattr(importlib.import_module(module), name))
    },
    key=lambda cls: cls.__qualname__,
)


# --------------------------------------------------------------------------
# what counts as documented


def has_docstring(obj: Any) -> bool:
    """Whether *obj* has a docstring of its own (classes do not inherit one)."""
    if isinstance(obj, property):
        obj = obj.fget
    if isinstance(obj, (classmethod, staticmethod)):
        obj = obj.__func__
    doc = obj.__dict__.get("__doc__") if inspect.isclass(obj) else obj.__doc__
    return isinstance(doc, str) and bool(doc.strip())


_SECTION = re.compile(r"^[A-Z][A-Za-z ]*:$")
_ENTRY = re.compile(r"^    (\w+)( \([^)]*\))?:")


def attributes_section(cls: type) -> set[str]:
    """Return the names listed in the ``Attributes:`` section of *cls*."""
    doc = inspect.cleandoc(cls.__dict__.get("__doc__") or "")
    names: set[str] = set()
    inside = False
    for line in doc.splitlines():
        if _SECTION.match(line):
            inside = line == "Attributes:"
            continue
        if inside:
            match = _ENTRY.match(line)
            if match:
                names.add(match.group(1))
            elif line and not line.startswith(" "):
                inside = False
    return names


def documented_attributes(cls: type) -> set[str]:
    """Return the attribute names documented by *cls* or its bases."""
    names: set[str] = set()
    for klass in cls.__mro__:
        names |= attributes_section(klass)
    return names


def undocumented_members(cls: type) -> Iterator[str]:
    """Yield the public members of *cls* that have no documentation."""
    attributes = documented_attributes(cls)
    if attrs.has(cls):
        for field in attrs.fields(cls):
            if field.name.startswith("_"):
                continue  # private state such as a lazily built cache
            if field.name not in attributes:
                yield f"field {field.name!r} (add it to Attributes:)"
    if issubclass(cls, enum.Enum):
        yield from (f"member {m!r}" for m in undocumented_enum_members(cls))
    for name, member in vars(cls).items():
        if name.startswith("_") or (
            issubclass(cls, enum.Enum) and name in cls.__members__
        ):
            continue
        if callable(member) or isinstance(
            member, (property, classmethod, staticmethod)
        ):
            if not has_docstring(member):
                yield f"{name!r} (add a docstring)"
        elif type(member).__name__ == "member_descriptor":
            continue  # a slot: an attrs field, checked above
        elif name not in attributes:
            yield f"class attribute {name!r} (add it to Attributes:)"


def _class_node(cls: type) -> ast.ClassDef:
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    node = tree.body[0]
    assert isinstance(node, ast.ClassDef)
    return node


def _is_string(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _assigned_name(statement: ast.stmt) -> str | None:
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target = statement.targets[0]
    elif isinstance(statement, ast.AnnAssign):
        target = statement.target
    else:
        return None
    return target.id if isinstance(target, ast.Name) else None


def undocumented_enum_members(cls: type[enum.Enum]) -> list[str]:
    """Return the members of *cls* not followed by an attribute docstring."""
    body = _class_node(cls).body
    documented = {
        name
        for statement, following in itertools.pairwise(body)
        if (name := _assigned_name(statement)) and _is_string(following)
    }
    return [name for name in cls.__members__ if name not in documented]


def has_doc_comment(module: ModuleType, name: str) -> bool:
    """Whether *module* assigns *name* at top level under a ``#:`` comment."""
    source = inspect.getsource(module)
    lines = source.splitlines()
    top = ast.parse(source).body
    # a name a module provides lazily is declared under ``if TYPE_CHECKING:``
    nested = [inner for s in top if isinstance(s, ast.If) for inner in s.body]
    for statement in [*top, *nested]:
        if _assigned_name(statement) == name:
            above = lines[statement.lineno - 2].strip() if statement.lineno > 1 else ""
            if above.startswith("#:"):
                return True
    return False


def documented_constant(name: str) -> bool:
    """Whether any module of the package documents the constant *name*."""
    return any(
        has_doc_comment(importlib.import_module(module), name)
        for module in [PACKAGE, *_all_modules()]
    )


# --------------------------------------------------------------------------
# the checks


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_public_modules_have_docstrings(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert has_docstring(module), f"module {module_name} has no docstring"
    assert hasattr(module, "__all__"), f"{module_name} has no __all__"


@pytest.mark.parametrize(
    ("module_name", "name"), PUBLIC_NAMES, ids=[f"{m}.{n}" for m, n in PUBLIC_NAMES]
)
def test_public_names_are_documented(module_name: str, name: str) -> None:
    obj = getattr(importlib.import_module(module_name), name)
    if inspect.isclass(obj) or inspect.isroutine(obj) or inspect.ismodule(obj):
        assert has_docstring(obj), f"{module_name}.{name} has no docstring"
    else:
        assert documented_constant(name), (
            f"{module_name}.{name} is a constant without a '#:' comment above "
            "its assignment"
        )


@pytest.mark.parametrize("cls", PUBLIC_CLASSES, ids=lambda cls: cls.__qualname__)
def test_public_class_members_are_documented(cls: type) -> None:
    missing = list(undocumented_members(cls))
    assert not missing, f"{cls.__qualname__}: undocumented " + ", ".join(missing)


# --------------------------------------------------------------------------
# the checker itself notices what is missing


def test_checker_notices_missing_documentation() -> None:
    namespace: dict[str, Any] = {}
    source = textwrap.dedent(
        '''
        import enum
        import attrs

        @attrs.frozen
        class Documented:
            """A class.

            Attributes:
                size: How big.
            """

            size: int

            def method(self) -> None:
                """Do something."""

        @attrs.frozen
        class Bare(Documented):
            colour: str
            label = "bare"

            def method(self) -> None:
                pass

            @property
            def shade(self) -> str:
                return self.colour
        '''
    )
    exec(compile(source, "<checker>", "exec"), namespace)
    assert list(undocumented_members(namespace["Documented"])) == []
    missing = list(undocumented_members(namespace["Bare"]))
    assert missing == [
        "field 'colour' (add it to Attributes:)",
        "class attribute 'label' (add it to Attributes:)",
        "'method' (add a docstring)",
        "'shade' (add a docstring)",
    ]
    assert not has_docstring(namespace["Bare"])


def test_checker_notices_undocumented_enum_members() -> None:
    # Needs real source, which inspect.getsource finds for the library's own
    # enums: every member of Unit is documented, and a member name that is
    # not followed by a string would be reported.
    assert undocumented_enum_members(hsm_knowledge.Unit) == []
    body = _class_node(hsm_knowledge.Unit).body
    members = [_assigned_name(s) for s in body if _assigned_name(s)]
    assert set(members) == set(hsm_knowledge.Unit.__members__)


def test_checker_finds_constant_comments() -> None:
    assert documented_constant("DATA_VERSION")
    assert documented_constant("KINDS")
    assert not documented_constant("_lock")
