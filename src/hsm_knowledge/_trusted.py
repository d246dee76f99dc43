"""The packaged data's fast path: records built without re-validation.

The packaged data is validated by the test suite (it loads through the
strict converter of :mod:`hsm_knowledge.serialize`, passes every
integrity check, and the result equals what this module builds), so its
load path may skip per-field re-validation. This module builds the same
frozen records, of the same classes, from the wire format, trusting that
the document is valid: it reads each field by name, converts what the wire
format encodes (decimals and dates from strings, enums from their values,
nested records, arrays), and writes the record's fields directly (see
:func:`writable`), without running the attrs validators or the
``__attrs_post_init__`` checks. It imports neither cattrs nor :mod:`json`.

The builders are generated from :func:`attrs.fields` and the classes'
resolved type hints: for each class, a factory function whose closure
binds what the builders use (the class, nested builders, enum tables)
and returns a builder of one instance and/or a builder of an array of them
(a loop in one frame). Equal small values that repeat in the data
(citations, periods, decimals, dates) are built once per load and shared
(once per part, for a knowledge base whose parts are built on first use).

Generating and compiling the builders of the whole model costs about as
much as loading the data, so the builders of the packaged data are also
generated ahead of time into :mod:`hsm_knowledge._prebuilt` (cached as
bytecode like any module; ``python -m hsm_knowledge._trusted`` writes it,
and a test checks it is current). Each class's entry there carries the
fingerprint of the fields it was generated from; an entry that no longer
matches its class is ignored and generated again at run time.

Data from outside never comes here: :func:`hsm_knowledge.load` with a
path, :func:`hsm_knowledge.loads` and
:func:`hsm_knowledge.serialize.from_json` stay strict.
"""

from __future__ import annotations

import _thread
import contextlib
import enum
import functools
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Union

import attrs

from . import _collector
from ._knowledge import (
    KINDS,
    PART_ORDER,
    Kind,
    KnowledgeBase,
    deferred_knowledge_base,
    trusted_knowledge_base,
)
from ._model._base import declaring_class, field_types, optional_inner

__all__ = ["MEMO_LIMIT", "build_trusted", "module_source", "structurer"]

#: The most entries a memo of shared values keeps during one load.
MEMO_LIMIT = 1 << 16

_lock = _thread.RLock()
_MISSING = object()
_UNIONS = (Union, types.UnionType)
# The builders made so far, by class and variant: "one" builds an instance
# from a dict, "many" a tuple of instances from a list of dicts.
_builders: dict[tuple[type[Any], str], Callable[[Any], Any]] = {}
# Every memo of shared records; emptied when a load is done.
_MEMOS: list[dict[Any, Any]] = []


# Every cached function of wire strings, by what it calls; emptied when a
# load is done.
_CACHED: dict[str, functools._lru_cache_wrapper[Any]] = {}


def _made_once(module: str, name: str) -> functools._lru_cache_wrapper[Any]:
    """Return the function *name* of *module*, its values made once per load.

    The module is imported when a builder that uses it is installed (a load
    that builds no decimal does not import :mod:`decimal`). The cache
    (:func:`functools.lru_cache`, in C) keeps at most :data:`MEMO_LIMIT`
    values and is emptied when a load is done. O*NET's ratings repeat
    decimals ("0", "4", "7"); periods repeat dates.
    """
    key = f"{module}:{name}"
    found = _CACHED.get(key)
    if found is None:
        found = functools.lru_cache(maxsize=MEMO_LIMIT)(_named(module, name))
        found = _CACHED.setdefault(key, found)
    return found


def structurer(cls: type[Any]) -> Callable[[dict[str, Any]], Any]:
    """Return the function that builds a *cls* instance from trusted data.

    The function takes the wire-format dict of one instance (as
    :func:`hsm_knowledge.serialize.to_dict` writes it: fields at their
    default may be left out) and returns the instance, equal to what the
    strict converter builds, without running validators or checks.

    Args:
        cls: An attrs class whose fields are all set from keyword
            arguments of the same name (no ``init=False`` field, alias,
            converter or factory default), of the types the record classes
            use.

    Returns:
        The builder (see :func:`builder`).

    Raises:
        TypeError: If *cls* or one of its field types is not supported.
    """
    return builder(cls, "one")


def packaged_requests() -> list[tuple[type[Any], str]]:
    """Return the builders the packaged data needs: ``(class, variant)``."""
    from ._model import Manifest, Occupation, Relation

    return [
        (Manifest, "one"),
        (Occupation, "one"),
        (Relation, "many"),
        *((kind.cls, "many") for kind in KINDS),
    ]


def builder(cls: type[Any], variant: str) -> Callable[[Any], Any]:
    """Return the builder of *cls*: of one instance, or of a list of them.

    Installs the builder generated ahead of time when it is current, else
    generates it (with those of the classes nested in it).

    Args:
        cls: A record or value class.
        variant: ``"one"`` (a dict to an instance) or ``"many"`` (a list of
            dicts to a tuple of instances).
    """
    found = _builders.get((cls, variant))
    if found is None:
        with _lock:
            if (cls, variant) not in _builders:
                _install_generated(cls)
            if (cls, variant) not in _builders:
                _generate([(cls, variant)])
            found = _builders[cls, variant]
    return found


def build_part(document: Mapping[str, Any], name: str) -> Any:
    """Build the knowledge base field *name* from its part of *document*.

    Returns the manifest, the occupation, the tuple of relations, or a
    kind's collection (a kind left out of *document* has no records).
    """
    found = _PART_PLANS.get(name)
    if found is None:
        found = _PART_PLANS[name] = _part_plan(name)
    build, kind = found
    if kind is None:
        return build(document[name])
    # the builders make records of the kind's class: nothing to check
    return kind.collection._unchecked(build(document.get(name, ())), kind.name)


def _part_plan(name: str) -> tuple[Callable[[Any], Any], Kind | None]:
    """Return the builder of the part *name*, and its kind if it has one."""
    from . import _model

    if name == "meta":
        return builder(_model.Manifest, "one"), None
    if name == "occupation":
        return builder(_model.Occupation, "one"), None
    if name == "relations":
        return builder(_model.Relation, "many"), None
    kind = _KIND_OF_ATTR[name]
    return builder(kind.cls, "many"), kind


# part name -> (its builder, its kind); filled on first use
_PART_PLANS: dict[str, tuple[Callable[[Any], Any], Kind | None]] = {}
_KIND_OF_ATTR = {kind.attr: kind for kind in KINDS}


def build_trusted(
    document: Mapping[str, Any],
    *,
    deferred: bool = False,
    check: Callable[[], None] | None = None,
) -> KnowledgeBase:
    """Build the knowledge base of a trusted wire-format *document*.

    The result equals what :func:`hsm_knowledge.loads` builds from the same
    document, but no record is re-validated and the integrity checks do not
    run: only the packaged data, which the test suite checks, comes here.

    Args:
        document: The parsed document (``meta``, ``occupation``, one array
            per kind, ``relations``); a kind left out has no records. Each
            part is read once.
        deferred: Build each part (the manifest too) the first time it is
            read (see
            :func:`hsm_knowledge._knowledge.deferred_knowledge_base`);
            *document* is kept until every part is built.
        check: Called when building a part fails, before the error
            propagates; :func:`hsm_knowledge.load` passes a function that
            runs the strict path over the packaged data and raises a
            :class:`~hsm_knowledge.DataError` saying what is wrong.

    Returns:
        The knowledge base.
    """
    if deferred:
        return deferred_knowledge_base(
            lambda name: _checked(lambda: build_part(document, name), check)
        )
    return _checked(
        lambda: trusted_knowledge_base(
            **{name: build_part(document, name) for name in PART_ORDER}
        ),
        check,
    )


_T = typing.TypeVar("_T")


def _checked(build: Callable[[], _T], check: Callable[[], None] | None) -> _T:
    """Return what *build* returns; if it fails, call *check* first.

    Automatic garbage collection is paused while *build* runs (see
    :func:`hsm_knowledge._collector.paused`). This pause ends before
    *check* runs, but a pause around it goes on (a strict load that builds
    the packaged data, with ``extend=True``); the strict path switches the
    collector back on before it tries invalid records one by one. The memos
    of shared values are emptied either way: values are shared within one
    build, not kept from one to the next.

    If *build* fails (an interrupt too), the local variables of the frames
    its error went through are cleared first: a builder that failed midway
    held a half-filled instance of a writable subclass (see
    :func:`writable`), which must not be reachable from an error a program
    keeps. The traceback still shows every file and line; a post-mortem
    debugger no longer sees those frames' variables.
    """
    try:
        with _collector.paused():
            return build()
    except BaseException as error:
        frame = error.__traceback__
        while frame is not None:
            with contextlib.suppress(RuntimeError):  # still running: this one
                frame.tb_frame.clear()
            frame = frame.tb_next
        if check is not None and isinstance(error, Exception):
            check()
        raise
    finally:
        _clear_memos()


def _clear_memos() -> None:
    for memo in _MEMOS:
        memo.clear()
    for cached in _CACHED.values():
        cached.cache_clear()


# --------------------------------------------------------------------------
# what a factory binds: recipes, resolved when the factory is called

# A recipe: ("class",), ("writable",), ("memo",), ("missing",),
# ("decimals",), ("dates",), ("default", field), ("enum", module, qualname),
# or ("one" | "many", module, qualname) for a nested builder.
Recipe = tuple[str, ...]

# The writable subclass of each class built so far (see writable()).
_WRITABLE: dict[type[Any], type[Any]] = {}


def writable(cls: type[Any]) -> type[Any]:
    """Return the subclass of *cls* whose instances the builders fill in.

    A frozen attrs class has a ``__setattr__`` and ``__delattr__`` of its
    own, so writing one of its slots means calling the slot's ``__set__``
    (about 50 ns). Its subclass here adds no slot and restores
    :class:`object`'s ``__init__``, ``__setattr__`` and ``__delattr__``,
    so ``self.field = value`` on an instance of it is an attribute store
    the interpreter specializes (about 5 ns on CPython 3.11). A builder
    calls the subclass (an instance with no field set), writes every
    field, then sets the instance's ``__class__`` to *cls*
    (the layouts are the same, the subclass adds nothing), so no instance
    of the subclass outlives its builder (:func:`_checked` clears the
    frames of a build that failed midway). *cls* gets a
    ``__subclasses__`` class method that leaves the subclass out (see
    :func:`__subclasses__`); ``type.__subclasses__(cls)`` still lists
    it.

    Raises:
        TypeError: If making the subclass or its instances would run code
            of *cls* (see :func:`_refuse_unbuildable`).
    """
    found = _WRITABLE.get(cls)
    if found is None:
        _refuse_unbuildable(cls)
        found = type(
            f"_Writable{cls.__name__}",
            (cls,),
            {
                "__slots__": (),
                # calling the class makes an instance with nothing set
                "__init__": object.__init__,
                # both: either of its own keeps the store unspecialized
                "__setattr__": object.__setattr__,
                "__delattr__": object.__delattr__,
                "__module__": __name__,
                "__doc__": f"{cls.__qualname__}, as the fast path builds it.",
            },
        )
        found = _WRITABLE.setdefault(cls, found)
        # type's method: filter it (one inherited from here filters already,
        # and a class's own is its own)
        if not any("__subclasses__" in vars(k) for k in cls.__mro__[:-1]):
            type.__setattr__(cls, "__subclasses__", classmethod(__subclasses__))
    return found


def __subclasses__(cls: type[Any]) -> list[type[Any]]:
    """``cls.__subclasses__()``, without *cls*'s writable subclass.

    A class the fast path builds answers ``__subclasses__()`` with this
    (unless a class of its own defines ``__subclasses__``), so that code
    walking a class's subclasses (such as cattrs' ``include_subclasses``
    strategy) does not find the subclass the builders make its instances
    through. It is named as the method it stands for, so that the bound
    method pickles and copies.
    """
    own = _WRITABLE.get(cls)
    return [sub for sub in type.__subclasses__(cls) if sub is not own]


def _refuse_unbuildable(cls: type[Any]) -> None:
    """Raise a :class:`TypeError` if *cls* cannot be made through a subclass.

    Making the writable subclass runs an ``__init_subclass__`` of *cls*
    (or a base) and its metaclass's ``__new__`` and ``__init__``; making
    an instance of it runs a ``__new__`` of *cls* and the metaclass's
    ``__call__``. A class with any of them of its own (other than
    :class:`abc.ABCMeta`'s) is refused, without being changed.
    """
    import abc

    for klass in cls.__mro__[:-1]:
        for special in ("__new__", "__init_subclass__"):
            if special in vars(klass):
                raise TypeError(
                    f"{cls.__name__}: a class with a {special} of its own "
                    "cannot be built on the fast path"
                )
    for meta in type(cls).__mro__:
        if meta in (type, object, abc.ABCMeta):
            continue
        for special in ("__new__", "__init__", "__call__"):
            if special in vars(meta):
                raise TypeError(
                    f"{cls.__name__}: a class whose metaclass has a {special} "
                    "of its own cannot be built on the fast path"
                )


def _resolve(cls: type[Any], recipe: Recipe) -> Any:
    what = recipe[0]
    if what == "class":
        return cls
    if what == "memo":
        memo: dict[Any, Any] = {}
        _MEMOS.append(memo)
        return memo
    if what == "missing":
        return _MISSING
    if what == "decimals":
        return _made_once("decimal", "Decimal")
    if what == "dates":
        return _made_once("datetime", "date.fromisoformat")
    if what == "writable":
        return writable(cls)
    if what == "default":
        return attrs.fields_dict(cls)[recipe[1]].default
    target = _named(recipe[1], recipe[2])
    if what == "enum":
        return {member.value: member for member in target}
    return _builders[target, what]


def _named(module: str, qualname: str) -> Any:
    found: Any = sys.modules.get(module)
    if found is None:  # not imported yet: a record class not used, decimal
        from importlib import import_module

        found = import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


def _ref(cls: type[Any]) -> tuple[str, str]:
    return cls.__module__, cls.__qualname__


def fingerprint(cls: type[Any]) -> tuple[tuple[str, str, str], ...]:
    """Return what *cls*'s builders depend on: its fields as declared.

    Each field gives its name, its annotation as written in the class that
    declares it (not as :func:`attrs.resolve_types` may have replaced it),
    and whether it is required, defaults to ``None``, or defaults to
    another value.
    """
    return tuple(
        (
            field.name,
            _annotation(cls, field.name),
            "required"
            if field.default is attrs.NOTHING
            else "none"
            if field.default is None
            else "value",
        )
        for field in attrs.fields(cls)
    )


def _annotation(cls: type[Any], name: str) -> str:
    annotation = vars(declaring_class(cls, name))["__annotations__"][name]
    return annotation if isinstance(annotation, str) else repr(annotation)


# --------------------------------------------------------------------------
# generating the builders


def _nested(hint: Any, variant: str = "one") -> list[tuple[type[Any], str]]:
    """Return the attrs classes in *hint* and the builder each needs."""
    if isinstance(hint, type) and attrs.has(hint):
        return [(hint, variant)]
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        # tuple[Cls, ...] is built by Cls's "many" builder, any other item
        # (Cls | None) one at a time
        return _nested(args[0], "many" if attrs.has(args[0]) else "one")
    return [found for arg in args for found in _nested(arg, variant)]


class _Factory(typing.NamedTuple):
    cls: type[Any]
    variants: tuple[str, ...]
    source: str  # defines the function ``_factory``
    recipes: dict[str, Recipe]  # its parameters, in order


def _plan(requests: list[tuple[type[Any], str]]) -> list[_Factory]:
    """Return the factories making *requests* and what they call.

    Builders already made are left out; nested classes come first.
    """
    wanted: dict[type[Any], set[str]] = {}
    hints: dict[type[Any], dict[str, Any]] = {}

    def visit(cls: type[Any], variant: str, path: tuple[type[Any], ...]) -> None:
        if (cls, variant) in _builders or variant in wanted.get(cls, ()):
            return
        if cls in path:
            raise TypeError(f"{cls.__name__} contains itself; not supported")
        if not attrs.has(cls):
            raise TypeError(f"{cls!r} is not an attrs class")
        if cls not in hints:
            hints[cls] = field_types(cls)
        for hint in hints[cls].values():
            for inner, inner_variant in _nested(hint):
                visit(inner, inner_variant, (*path, cls))
        wanted.setdefault(cls, set()).add(variant)

    for cls, variant in requests:
        visit(cls, variant, ())
    factories = []
    for cls, found in wanted.items():
        variants = tuple(v for v in ("one", "many") if v in found)
        source, recipes = _source(cls, hints[cls], variants)
        factories.append(_Factory(cls, variants, source, recipes))
    return factories


def _install(
    factory: Callable[..., Any], cls: type[Any], recipes: dict[str, Recipe]
) -> None:
    """Call *factory* with what *recipes* bind, and keep its builders."""
    one, many = factory(*(_resolve(cls, recipe) for recipe in recipes.values()))
    if one is not None:
        _builders[cls, "one"] = one
    if many is not None:
        _builders[cls, "many"] = many


def _generate(requests: list[tuple[type[Any], str]]) -> None:
    """Generate the builders *requests* asks for (and those they call).

    The builders not made yet are generated into one source text and
    compiled at once.
    """
    factories = _plan(requests)
    if not factories:
        return
    text = "\n".join(
        f.source.replace("def _factory(", f"def _factory{i}(", 1)
        for i, f in enumerate(factories)
    )
    namespace: dict[str, Any] = {}
    exec(compile(text, "<hsm_knowledge fast builders>", "exec"), namespace)
    for i, f in enumerate(factories):
        _install(namespace[f"_factory{i}"], f.cls, f.recipes)


def _install_generated(cls: type[Any]) -> bool:
    """Install *cls*'s builders generated ahead of time, if still current.

    The builders of the classes nested in *cls* are installed first.
    Returns whether *cls*'s builders are installed; an entry whose class
    (or a nested class) changed since it was generated is left out, and
    generated again at run time.
    """
    if (cls, "one") in _builders or (cls, "many") in _builders:
        return True
    entry = _generated_entries().get(_ref(cls))
    if entry is None:
        return False
    print_, factory, recipes = entry
    if fingerprint(cls) != print_:
        return False  # the class changed: generate its builders at run time
    current = True
    for recipe in recipes.values():  # every nested class, even after a stale one
        if recipe[0] in ("one", "many"):
            nested = _named(recipe[1], recipe[2])
            if not _install_generated(nested) or (nested, recipe[0]) not in _builders:
                current = False  # a nested builder is stale
    if current:
        _install(factory, cls, recipes)
    return current


_GENERATED: dict[tuple[str, str], tuple[Any, Any, dict[str, Recipe]]] = {}


def _generated_entries() -> dict[tuple[str, str], tuple[Any, Any, dict[str, Recipe]]]:
    """Return the entries of :mod:`hsm_knowledge._prebuilt`, by class."""
    if not _GENERATED:
        from . import _prebuilt as generated

        for module, qualname, print_, factory, recipes in generated.FACTORIES:
            _GENERATED[module, qualname] = (print_, factory, recipes)
    return _GENERATED


def _memoized(cls: type[Any], hints: dict[str, Any]) -> bool:
    """Whether equal instances of *cls* are built once per load and shared.

    Small values without an id repeat in the data (a citation three times
    on average, a period thirteen). They are shared when every field is
    written as a JSON string or ``null``, so that the wire values are an
    exact key (``1``, ``1.0`` and ``true`` would be equal keys).
    """
    from datetime import date
    from decimal import Decimal

    if "id" in hints:
        return False
    for hint in hints.values():
        options = typing.get_args(hint) if typing.get_origin(hint) in _UNIONS else ()
        for option in options or (hint,):
            if option not in (str, Decimal, date, type(None)) and not (
                isinstance(option, type) and issubclass(option, enum.Enum)
            ):
                return False
    return True


def _source(
    cls: type[Any], hints: dict[str, Any], variants: tuple[str, ...]
) -> tuple[str, dict[str, Recipe]]:
    """Return the source of *cls*'s factory, ``_factory``, and its parameters.

    The factory takes what the recipes make, in order, and returns the
    builders of *variants* (``None`` for one not asked for).
    """
    recipes: dict[str, Recipe] = {"_w": ("writable",), "_c": ("class",)}
    body: list[str] = []
    if _memoized(cls, hints):
        recipes["_m"] = ("memo",)
        recipes["_M"] = ("missing",)
        key = "".join(
            f'd["{field.name}"], '
            if field.default is attrs.NOTHING
            else f'd.get("{field.name}"), '
            if field.default is None
            else f'd.get("{field.name}", _M), '
            for field in attrs.fields(cls)
        )
        body += [
            f"key = ({key.rstrip()})",
            "self = _m.get(key)",
            "if self is not None:",
            "    RETURN",
            f"if len(_m) >= {MEMO_LIMIT}:",
            "    _m.clear()",
        ]
    body.append("self = _w()")
    for index, field in enumerate(attrs.fields(cls)):
        name = field.name
        if not field.init or field.alias != name or field.converter is not None:
            raise TypeError(
                f"{cls.__name__}.{name}: only fields set from a keyword argument "
                "of the same name can be built on the fast path"
            )
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            raise TypeError(
                f"{cls.__name__}.{name}: a factory default is not supported"
            )
        setter = f"self.{name} ="
        hint = hints[name]
        convert = _convert(hint, "v", recipes)
        if default is attrs.NOTHING:
            read = f'd["{name}"]'
        elif default is None and (convert is None or convert.startswith("None if")):
            read = f'd.get("{name}")'  # left out means null
        else:
            recipes[f"_d{index}"] = ("default", name)
            if convert is None:
                body.append(f'{setter} d.get("{name}", _d{index})')
            else:
                recipes["_M"] = ("missing",)
                body += [
                    f'v = d.get("{name}", _M)',
                    f"{setter} _d{index} if v is _M else {convert}",
                ]
            continue
        if convert is None:
            body.append(f"{setter} {read}")
        elif convert.startswith("None if"):  # reads the value twice
            body += [f"v = {read}", f"{setter} {convert}"]
        else:  # reads the value once
            body.append(f"{setter} {_convert(hint, read, recipes)}")
    body.append("self.__class__ = _c")  # every field written: a *cls* now
    if "_m" in recipes:
        body.append("_m[key] = self")
    lines = [f"def _factory({', '.join(recipes)}):"]
    if "one" in variants:
        lines.append("    def one(d):")
        lines += [f"        {line}".replace("RETURN", "return self") for line in body]
        lines.append("        return self")
    if "many" in variants:
        # the same body in a loop: no call per item
        lines += [
            "    def many(items):",
            "        out = []",
            "        add = out.append",
        ]
        lines.append("        for d in items:")
        for line in body:
            if line.strip() == "RETURN":
                indent = " " * (12 + len(line) - len(line.lstrip()))
                lines += [f"{indent}add(self)", f"{indent}continue"]
            else:
                lines.append(f"            {line}")
        lines += ["            add(self)", "        return tuple(out)"]
    one = "one" if "one" in variants else "None"
    many = "many" if "many" in variants else "None"
    lines.append(f"    return {one}, {many}")
    return "\n".join(lines) + "\n", recipes


def _convert(hint: Any, var: str, recipes: dict[str, Recipe]) -> str | None:
    """Return an expression that turns the wire value *var* into a *hint*.

    ``None`` means the wire value is the value (strings, numbers,
    booleans, ``None``). The names the expression uses are added to
    *recipes*.
    """
    from datetime import date
    from decimal import Decimal

    if hint in (str, int, bool, float, type(None)):
        return None
    if hint is Decimal:
        recipes["_D"] = ("decimals",)
        return f"_D({var})"
    if hint is date:
        recipes["_T"] = ("dates",)
        return f"_T({var})"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        local = f"_e{hint.__name__}"
        recipes[local] = ("enum", *_ref(hint))
        return f"{local}[{var}]"
    if isinstance(hint, type) and attrs.has(hint):
        local = f"_b{hint.__name__}"
        recipes[local] = ("one", *_ref(hint))
        return f"{local}({var})"
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = args[0]
        if isinstance(item, type) and attrs.has(item):
            local = f"_l{item.__name__}"
            recipes[local] = ("many", *_ref(item))
            return f"{local}({var})"
        inner = _convert(item, "x", recipes)
        if inner is None:
            return f"tuple({var})"
        if re.fullmatch(r"_\w+\[x\]", inner):  # a lookup: an enum
            return f"tuple(map({inner[:-3]}.__getitem__, {var}))"
        if re.fullmatch(r"_\w+\(x\)", inner):  # a call: a decimal, a date
            return f"tuple(map({inner[:-3]}, {var}))"
        return f"tuple([{inner} for x in {var}])"
    other, optional = optional_inner(hint)
    if optional:
        inner = _convert(other, var, recipes)
        return None if inner is None else f"None if {var} is None else {inner}"
    raise TypeError(f"type {hint!r} is not supported on the fast path")


# --------------------------------------------------------------------------
# the builders generated ahead of time


def module_source() -> str:
    """Return the source of :mod:`hsm_knowledge._prebuilt`, generated now.

    The module holds the factories of the packaged data's builders, each
    with the fingerprint of its class and its parameters' recipes.
    """
    saved = dict(_builders)
    _builders.clear()  # plan every builder, even those made already
    try:
        factories = _plan(packaged_requests())
    finally:
        _builders.update(saved)
    out = [
        '"""Builders of the packaged data, generated by hsm_knowledge._trusted.',
        "",
        "Do not edit: regenerate with ``python -m hsm_knowledge._trusted``.",
        "A test checks that this file is what the model generates now.",
        '"""',
        "",
        "# mypy: ignore-errors",
        "# fmt: off",
        "",
        "from typing import Any",
        "",
    ]
    entries = []
    for i, f in enumerate(factories):
        out.append(f.source.replace("def _factory(", f"def _factory{i}(", 1))
        module, qualname = _ref(f.cls)
        entries.append(
            f"    ({module!r}, {qualname!r},\n"
            f"     {fingerprint(f.cls)!r},\n"
            f"     _factory{i}, {f.recipes!r}),"
        )
    out += [
        "",
        "# (module, class, fingerprint, factory, recipes), nested classes first",
        "FACTORIES: tuple[Any, ...] = (",
        *entries,
        ")",
    ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover - a development tool
    from pathlib import Path

    target = Path(__file__).with_name("_prebuilt.py")
    target.write_text(module_source(), encoding="utf-8")
    print(f"wrote {target}")
