"""The benchmark suite: every figure as a ratio against a baseline of the same run.

Run from a checkout, in an environment with the ``bench`` extra
(``pip install -e '.[bench]'``, for pycountry); the code measured is the
checkout's ``src``::

    python benchmarks/run.py            # everything: about 15 minutes, 6 GB
    python benchmarks/run.py --quick    # no 2,000x data, fewer runs: 2 minutes
    python benchmarks/run.py --only cold,warm   # some sections

Sections:

* ``cold``: fresh processes, each side run alternately (A B, B A, ...),
  after two warm-up runs of each that also write the bytecode caches. Each
  pair gives a ratio A/B; the median, min and max of the ratios are printed,
  with the median wall time of each side. ``import hsm_knowledge`` against
  ``import attrs``; the first answer, ``hsm_knowledge.load().credentials
  ["cphrm"]``, against pycountry's ``countries.get(alpha_2="DE")``.
* ``warm``: in one process, the packaged data loaded from its bytes, through
  the code :func:`hsm_knowledge.load` runs, against ``json.loads`` of the
  same bytes; the same through the strict path for users' data; each round
  times both sides alternately with a calibrated loop, and the median, min
  and max of the rounds' ratios are printed.
* ``scale``: the synthetic datasets of ``benchmarks/synthetic.py`` (1x, 100x
  and 2,000x the packaged data), each in a process of its own: loading from
  bytes against ``json.loads`` of the same bytes (the fast path from the
  data as the package's files, through the code :func:`hsm_knowledge.load`
  runs, with the garbage collector on and off; the strict path from one
  document, as users' data comes), the cost per record, the peak memory
  of a load and what the knowledge base keeps, per record (:mod:`tracemalloc`),
  and the query benchmarks of ``benchmarks/bench_query.py`` (lookup, filter,
  search) on the knowledge base loaded. In the 100x and 2,000x processes,
  the growth per record from 1x is measured in the process itself: the 1x
  data is loaded there too, alternately with this size's (and ``json.loads``
  of each, with the collector on and off), and so are the lookups on each;
  the targets read these paired figures, not times of processes run minutes
  apart.
* ``serialize``: ``to_json(kb)`` against ``json.dumps`` of the equivalent
  dicts (``to_dict(kb)``, made beforehand), with the same options.

Absolute times depend on the machine and on what else runs on it; the
ratios are what to compare. ``--json PATH`` also writes every figure to a
file. Nothing else is written (the scale documents live in memory).
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import attrs

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path[:0] = [str(SRC), str(HERE)]

import bench_query  # noqa: E402
from synthetic import suffix, synthetic_document, synthetic_files  # noqa: E402

import hsm_knowledge  # noqa: E402
from hsm_knowledge import KINDS, KnowledgeBase, _loading  # noqa: E402

T = TypeVar("T")

# --------------------------------------------------------------------------
# timing

SAMPLE = 0.05  # seconds per timed sample, in one process
WARM_UPS = 2  # runs of each side before the timed ones, fresh processes


def fmt(seconds: float) -> str:
    if seconds < 1e-6:
        return f"{seconds * 1e9:.0f} ns"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} us"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def summary(ratios: list[float]) -> dict[str, float]:
    return {
        "ratio": statistics.median(ratios),
        "min": min(ratios),
        "max": max(ratios),
        "n": len(ratios),
    }


def show(label: str, result: dict[str, Any], width: int = 58) -> None:
    times = ""
    if "a" in result:
        times = f"  {fmt(result['a'])} vs {fmt(result['b'])}"
    spread = bench_query.spread(result["n"], result["min"], result["max"])
    print(f"  {label:<{width}} {result['ratio']:6.2f}x {spread}{times}")


def calibrate(fn: Callable[[], object], target: float) -> int:
    """How many calls make a sample of about *target* seconds."""
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            fn()
        took = time.perf_counter() - start
        if took >= target / 4 or number >= 1 << 20:
            return max(1, round(number * target / max(took, 1e-9)))
        number *= 4


def alternate(
    sample_a: Callable[[], float], sample_b: Callable[[], float], rounds: int
) -> dict[str, Any]:
    """Take *rounds* pairs of samples, the two sides in alternating order.

    Returns the summary of the ratios a/b and each side's median time.
    """
    samplers = (sample_a, sample_b)
    ratios: list[float] = []
    times: list[list[float]] = [[], []]
    for r in range(rounds):
        sample = [0.0, 0.0]
        for i in (0, 1) if r % 2 == 0 else (1, 0):
            sample[i] = samplers[i]()
            times[i].append(sample[i])
        ratios.append(sample[0] / sample[1])
    return {
        **summary(ratios),
        "a": statistics.median(times[0]),
        "b": statistics.median(times[1]),
    }


def paired(
    a: Callable[[], object],
    b: Callable[[], object],
    rounds: int,
    target: float | None = None,
    target_b: float | None = None,
) -> dict[str, Any]:
    """Time *a* against *b*: per round, both alternately; ratios a/b.

    Each sample calls a side enough times to take about *target* seconds
    (*target_b* for *b*, when given; 0 is one call per sample); each time
    is per call.
    """
    if target is None:
        target = SAMPLE

    def timed(fn: Callable[[], object], target: float) -> Callable[[], float]:
        number = calibrate(fn, target) if target else 1

        def sample() -> float:
            start = time.perf_counter()
            for _ in range(number):
                fn()
            return (time.perf_counter() - start) / number

        return sample

    return alternate(
        timed(a, target), timed(b, target if target_b is None else target_b), rounds
    )


# --------------------------------------------------------------------------
# cold start: fresh processes


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    # bytecode caches, as an installed package has them
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    return env


def run_code(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return time.perf_counter() - start


def processes(a: str, b: str, pairs: int, env: dict[str, str]) -> dict[str, Any]:
    """Run *a* and *b* in fresh processes, alternately; ratios a/b."""
    for _ in range(WARM_UPS):  # bytecode caches, the OS's file cache
        run_code(a, env)
        run_code(b, env)
    return alternate(lambda: run_code(a, env), lambda: run_code(b, env), pairs)


FIRST_ANSWER = "import hsm_knowledge; hsm_knowledge.load().credentials['cphrm']"
PYCOUNTRY = "import pycountry; pycountry.countries.get(alpha_2='DE')"
# every record class created, no data read
EVERY_CLASS = "import hsm_knowledge as h; [k.cls for k in h.KINDS]"
# the packaged knowledge base with every part built
FIRST_WHOLE = "import hsm_knowledge as h; kb = h.load(); kb == kb"


def cold(pairs: int) -> dict[str, Any]:
    print(f"\nCold start: fresh processes, {pairs} pairs, each side alternately")
    env = child_env()
    check = subprocess.run(
        [sys.executable, "-c", f"{FIRST_ANSWER.replace('; ', '; print(')}.name)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    name = "Certified Professional in Health Care Risk Management"
    assert check.stdout.strip() == name, check
    # the child processes import it; this one only looks for it
    pycountry_ok = importlib.util.find_spec("pycountry") is not None
    if not pycountry_ok:
        print("  (pycountry is not installed: pip install -e '.[bench]')")
    out: dict[str, Any] = {}
    bare = processes("pass", "pass", max(3, pairs // 3), env)
    print(f"  python -c pass: {fmt(bare['a'])} (median)")
    out["import"] = processes("import hsm_knowledge", "import attrs", pairs, env)
    show("import hsm_knowledge / import attrs", out["import"])
    out["classes"] = processes(EVERY_CLASS, "import attrs", pairs, env)
    show("create every record class (no data) / import attrs", out["classes"])
    if pycountry_ok:
        out["first"] = processes(FIRST_ANSWER, PYCOUNTRY, pairs, env)
        show("first answer (load().credentials['cphrm']) / pycountry", out["first"])
        out["classes-vs-pycountry"] = processes(EVERY_CLASS, PYCOUNTRY, pairs, env)
        show(
            "every record class alone (no data) / pycountry",
            out["classes-vs-pycountry"],
        )
        out["first-whole"] = processes(FIRST_WHOLE, PYCOUNTRY, pairs, env)
        show("load(), every part built / pycountry", out["first-whole"])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dataset.json"
        from hsm_knowledge.serialize import to_json

        path.write_text(to_json(hsm_knowledge.load()), encoding="utf-8")
        strict = FIRST_ANSWER.replace("load()", f"load({str(path)!r})")
        out["first-strict"] = processes(strict, FIRST_ANSWER, pairs, env)
    show(
        "first answer from a file (strict path) / packaged (fast)", out["first-strict"]
    )
    out["bare"] = bare["a"]
    return out


# --------------------------------------------------------------------------
# warm load of the packaged data


def warm(rounds: int) -> dict[str, Any]:
    from hsm_knowledge.serialize import to_json

    print(f"\nWarm load of the packaged data, in one process, {rounds} rounds")
    files = _loading.packaged_files()
    size = sum(len(data) for _, data in files)
    document = to_json(hsm_knowledge.load()).encode()

    def parse() -> object:
        return [json.loads(data) for _, data in files]

    def fast() -> KnowledgeBase:
        return settled(lambda: _loading.build_from_bytes(files))

    def load() -> KnowledgeBase:
        hsm_knowledge.clear_cache()
        return settled(lambda: whole(hsm_knowledge.load()))

    def first_part() -> object:
        hsm_knowledge.clear_cache()
        return settled(lambda: hsm_knowledge.load().credentials)

    def strict() -> KnowledgeBase:
        return settled(lambda: hsm_knowledge.loads(document))

    def parse_document() -> object:
        return json.loads(document)

    assert fast() == load() == strict()
    gc.collect()
    gc.freeze()  # the setup's objects: not traversed by each collection
    out: dict[str, Any] = {"bytes": size, "records": count(hsm_knowledge.load())}
    print(f"  {len(files)} files, {size:,} bytes, {out['records']} records")
    out["fast"] = paired(fast, parse, rounds)
    show("build every part from bytes (fast path) / json.loads", out["fast"])
    out["load"] = paired(load, parse, rounds)
    show("clear_cache(); load(), every part read / json.loads", out["load"])
    out["first-part"] = paired(first_part, parse, rounds)
    show("clear_cache(); load().credentials only / json.loads", out["first-part"])
    out["strict"] = paired(strict, parse_document, rounds)
    show("loads(document) (strict, users' data) / json.loads", out["strict"])
    out["strict-vs-fast"] = paired(strict, fast, rounds)
    show("strict path / fast path", out["strict-vs-fast"])
    gc.unfreeze()
    return out


def settled(load: Callable[[], T]) -> T:
    """Return what *load* returns once the collection it put off has run.

    The library pauses the garbage collector while it builds; the first
    automatic collection after the pause comes once enough objects have
    been made since the last collection (the collector's first threshold),
    and a program that keeps what it loaded pays for it then. It may be a
    young-generation pass over the new objects or, after a large load
    whose pieces were collected as it went, a full one. A timing loop that
    drops each result at once would never pay it: the objects are freed
    before enough are made. So unless an automatic collection has started
    since *load* was called, objects are made while its result is alive
    until one has (at most the threshold's number), inside the timed call.
    """
    with Collections() as collections:
        result = load()
        if gc.isenabled() and not collections.any_automatic():
            kept: list[object] = [result]
            for _ in range(gc.get_threshold()[0] + 1):
                kept.append(_Counted())  # the collection starts here when due
                if collections.any_automatic():
                    break
    return result


class _Counted:
    """An object the collector counts when it is made (lists and tuples
    may come from a free list, which the count does not see)."""


class Collections:
    """Count the garbage collections that start in a ``with`` block.

    ``started`` counts them by generation; ``automatic`` counts those that
    started with the collector on (the loader's own, in a pause, start
    with it off).
    """

    def __init__(self) -> None:
        self.started = [0, 0, 0]
        self.automatic = 0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self.started[info["generation"]] += 1
            self.automatic += gc.isenabled()

    def any_automatic(self) -> bool:
        """Whether a collection started with the collector on."""
        return self.automatic > 0

    def __enter__(self) -> Collections:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


def whole(kb: KnowledgeBase) -> KnowledgeBase:
    """Build every part of *kb* (load() builds each on first use)."""
    for field in attrs.fields(KnowledgeBase):
        getattr(kb, field.name)
    return kb


def count(kb: KnowledgeBase) -> int:
    """The records of *kb*: every kind's, the occupation, the relations."""
    return 1 + len(kb.relations) + sum(len(getattr(kb, kind.attr)) for kind in KINDS)


# --------------------------------------------------------------------------
# scale: one process per size


@attrs.frozen
class Floor:
    """The least a loader of frozen attrs records makes for a record."""

    first: object
    second: object
    third: object


def build_floor(document: dict[str, Any]) -> list[Floor]:
    """One :class:`Floor` per record of *document*, its fields written as the
    library's builders write them (into an instance of the class's writable
    subclass, whose class is then set to :class:`Floor`), from the record's
    first three keys: no conversion, no nested value, no collection. Its
    growth from 1x to 2,000x is what any loader of frozen attrs records pays
    for the size alone."""
    from hsm_knowledge._trusted import writable

    new, cls = writable(Floor), Floor
    out: list[Floor] = []
    add = out.append
    for part in document.values():
        for d in part if isinstance(part, list) else [part]:
            a, b, c, *_ = d.values()
            record = new()
            record.first = a
            record.second = b
            record.third = c
            record.__class__ = cls
            add(record)
    return out


def largest_resident_size() -> int:
    """This process's largest resident size so far, in bytes.

    Reads ``VmHWM`` from ``/proc/self/status`` where there is one: it
    starts afresh when a process runs a new program, where ``ru_maxrss``
    carries over the peak of the process it was started from. Elsewhere,
    ``ru_maxrss`` (KiB on Linux, bytes on macOS).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def scale_worker(factor: int, rounds: int, strict_rounds: int) -> dict[str, Any]:
    """Measure one size; runs in a process of its own (see main)."""
    out: dict[str, Any] = {"factor": factor}
    start = time.perf_counter()
    files = synthetic_files(factor)
    size = sum(len(data) for _, data in files)
    out["files_bytes"] = size
    print(
        f"\n{factor}x: {len(files)} files as the package's, {size / 1e6:,.1f} MB "
        f"(made in {fmt(time.perf_counter() - start)})",
        flush=True,
    )

    def parse() -> object:
        return [json.loads(data) for _, data in files]

    def fast() -> KnowledgeBase:
        return settled(lambda: _loading.build_from_bytes(files))

    def floor() -> list[Floor]:
        return build_floor({key: json.loads(data) for key, data in files})

    # peak memory of a load, and what the knowledge base keeps
    gc.collect()
    tracemalloc.start()
    kb = fast()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    records = count(kb)
    out["records"] = records
    out["peak_per_record"] = peak / records
    out["kept_per_record"] = current / records
    out["json_per_record"] = size / records
    print(
        f"  {records:,} records; fast load: peak {peak / 1e6:,.0f} MB traced "
        f"({peak / records:,.0f} B per record, {size / records:,.0f} B of "
        f"JSON); the knowledge base keeps {current / records:,.0f} B per record",
        flush=True,
    )
    gc.collect()
    gc.freeze()
    target = None if factor <= 10 else 0  # one call per sample when large
    loads = 0
    collections = Collections()

    def counted() -> KnowledgeBase:
        nonlocal loads
        loads += 1
        with collections:
            return fast()

    out["fast"] = paired(counted, parse, rounds, target)
    out["fast"]["per_record"] = out["fast"]["a"] / records
    out["parse_per_record"] = out["fast"]["b"] / records
    show("load from bytes, fast path / json.loads", out["fast"])
    print(
        f"  {'':<58} {fmt(out['fast']['a'] / records)} per record "
        f"(json.loads {fmt(out['fast']['b'] / records)})",
        flush=True,
    )
    # the collections that started in a timed load, by generation
    out["collections_per_load"] = [n / loads for n in collections.started]
    print(
        f"  {'':<58} collections in a load, by generation: "
        + ", ".join(
            f"{generation}: {n:,.1f}"
            for generation, n in enumerate(out["collections_per_load"])
        ),
        flush=True,
    )
    gc.disable()
    out["fast_nogc"] = paired(fast, parse, rounds, target)
    gc.enable()
    out["fast_nogc"]["per_record"] = out["fast_nogc"]["a"] / records
    show("  the same, garbage collector off on both sides", out["fast_nogc"])
    print(
        f"  {'':<58} {fmt(out['fast_nogc']['a'] / records)} per record "
        f"(json.loads {fmt(out['fast_nogc']['b'] / records)})",
        flush=True,
    )
    out["floor"] = paired(floor, parse, rounds, target)
    out["floor"]["per_record"] = out["floor"]["a"] / records
    show("  floor: one 3-field frozen record per record / json.loads", out["floor"])
    print(
        f"  {'':<58} {fmt(out['floor']['a'] / records)} per record",
        flush=True,
    )
    if factor > 1:
        # growth per record against the 1x data, in this process, paired:
        # the figure the target reads (times across processes differ more
        # than the target allows)
        small = synthetic_files(1)
        small_records = count(_loading.build_from_bytes(small))
        per = small_records / records  # per-call ratio to per-record ratio

        def fast_small() -> KnowledgeBase:
            return settled(lambda: _loading.build_from_bytes(small))

        def parse_small() -> object:
            return [json.loads(data) for _, data in small]

        for key, label, big_side, small_side, collector in [
            ("growth_fast", "fast path", fast, fast_small, True),
            ("growth_parse", "json.loads (collector on)", parse, parse_small, True),
            (
                "growth_parse_nogc",
                "json.loads (collector off)",
                parse,
                parse_small,
                False,
            ),
        ]:
            if not collector:
                gc.disable()
            found = paired(big_side, small_side, rounds, target, SAMPLE)
            gc.enable()
            out[key] = {
                **found,
                "ratio": found["ratio"] * per,
                "min": found["min"] * per,
                "max": found["max"] * per,
            }
            show(f"per record, {factor:,}x / 1x, same process: {label}", out[key])
    gc.unfreeze()
    files.clear()  # the files' bytes: not needed from here on

    # the strict path reads one document, as users' data comes
    start = time.perf_counter()
    data = json.dumps(synthetic_document(factor), ensure_ascii=False).encode()
    out["bytes"] = len(data)
    print(
        f"  one document for the strict path: {len(data) / 1e6:,.1f} MB of JSON "
        f"(made in {fmt(time.perf_counter() - start)})",
        flush=True,
    )

    def parse_document() -> object:
        return json.loads(data)

    def strict() -> KnowledgeBase:
        return settled(lambda: hsm_knowledge.loads(data, max_bytes=None))

    if factor <= 100:  # the strict path's peak (too slow traced at 2,000x)
        gc.collect()
        tracemalloc.start()
        strict_kb = strict()
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del strict_kb
        out["strict_peak_per_record"] = peak / records
        print(
            f"  strict load: peak {peak / 1e6:,.0f} MB traced "
            f"({peak / records:,.0f} B per record)",
            flush=True,
        )
    gc.collect()
    gc.freeze()
    out["strict"] = paired(strict, parse_document, strict_rounds, target)
    out["strict"]["per_record"] = out["strict"]["a"] / records
    show("loads(bytes), strict path / json.loads", out["strict"])
    print(f"  {'':<58} {fmt(out['strict']['a'] / records)} per record", flush=True)
    data = b""  # the document's bytes: not needed from here on
    gc.unfreeze()
    gc.collect()
    # queries: benchmarks/bench_query.py on this knowledge base
    gc.freeze()
    # a copy's suffix: its records, one per packaged record, are the hits
    # of a search for it (bench_query searches for it)
    end = suffix(min(42, factor - 1))
    query_rounds = max(3, rounds) if SAMPLE >= 0.01 else 1
    out["query"] = bench_query.run(f"{factor}x", kb, end, query_rounds)
    if factor > 1:  # against the same queries on the 1x data, in this process
        out["query_growth"] = bench_query.growth(
            f"{factor}x", kb, _loading.build_from_bytes(small), query_rounds
        )
    gc.unfreeze()
    out["max_rss"] = largest_resident_size()
    print(
        f"  {factor}x: this process at its largest: "
        f"{out['max_rss'] / 2**30:,.2f} GiB resident",
        flush=True,
    )
    return out


def scale(
    factors: list[int], rounds: Callable[[int], tuple[int, int]]
) -> dict[str, Any]:
    """Run :func:`scale_worker` for each factor, in a process of its own.

    *rounds* gives, for a factor, the rounds of the fast path and of the
    strict path.
    """
    print(
        f"\nScale: synthetic data at {', '.join(f'{f:,}x' for f in factors)} "
        "the packaged data, one process per size"
    )
    out: dict[str, Any] = {}
    for factor in factors:
        fast_rounds, strict_rounds = rounds(factor)
        with tempfile.NamedTemporaryFile(suffix=".json") as result:
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--worker",
                    str(factor),
                    "--rounds",
                    str(fast_rounds),
                    "--strict-rounds",
                    str(strict_rounds),
                    "--json",
                    result.name,
                    *(["--smoke"] if SAMPLE < 0.01 else []),
                ],
                check=True,
            )
            out[f"{factor}x"] = json.loads(Path(result.name).read_text())
    if len(out) > 1:
        first, *_, last = out.values()
        print(
            f"\n  per record, {last['factor']:,}x / {first['factor']}x, "
            "from each size's own process (median times of processes run "
            "minutes apart; the growth target needs this and the same-process "
            "figure above):"
        )
        for key, label in [
            ("fast", "fast path"),
            ("fast_nogc", "fast path, garbage collector off"),
            ("strict", "strict path"),
            ("floor", "floor (json.loads + 3-field records)"),
        ]:
            if key not in last or key not in first:
                continue
            growth = last[key]["per_record"] / first[key]["per_record"]
            out[f"across_{key}"] = growth
            print(f"    {label:<40} {growth:5.2f}x")
        growth = last["parse_per_record"] / first["parse_per_record"]
        out["across_parse"] = growth
        print(f"    {'json.loads (the baseline)':<40} {growth:5.2f}x")
    return out


# --------------------------------------------------------------------------
# serialization


def serialize(factors: list[int], rounds: int) -> dict[str, Any]:
    from hsm_knowledge._trusted import build_trusted
    from hsm_knowledge.serialize import to_dict, to_json

    print(f"\nSerialization, {rounds} rounds: to_json(kb) / json.dumps(dicts)")
    out: dict[str, Any] = {}
    for factor in factors:
        kb = (
            hsm_knowledge.load()
            if factor == 1
            else build_trusted(synthetic_document(factor))
        )
        dicts = to_dict(kb)
        assert json.loads(to_json(kb)) == dicts
        target = None if factor <= 10 else 0
        for indent in (2, None):
            separators = (",", ":") if indent is None else (",", ": ")

            def ours(kb: KnowledgeBase = kb, indent: int | None = indent) -> str:
                return to_json(kb, indent=indent)

            def theirs(
                dicts: Any = dicts,
                indent: int | None = indent,
                separators: tuple[str, str] = separators,
            ) -> str:
                return json.dumps(
                    dicts,
                    ensure_ascii=False,
                    indent=indent,
                    separators=separators,
                    allow_nan=False,
                )

            result = paired(ours, theirs, rounds, target)
            out[f"{factor}x indent={indent}"] = result
            show(f"{factor}x, indent={indent}", result)
        result = paired(functools.partial(to_dict, kb), theirs, rounds, target)
        out[f"{factor}x to_dict"] = result
        show(f"{factor}x, to_dict(kb) alone / json.dumps (compact)", result)
        del kb, dicts
        gc.collect()
    return out


# --------------------------------------------------------------------------


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024**2:.1f} GiB memory"
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({model or 'unknown CPU'}){memory}; "
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()}"
    )


def targets(results: dict[str, Any]) -> None:
    print("\nTargets:")

    def line(text: str, value: float, limit: float, below: bool = False) -> None:
        ok = value < limit if below else value <= limit
        sign = "<" if below else "<="
        print(
            f"  {text:<62} {value:6.2f}  ({sign} {limit})  {'met' if ok else 'MISSED'}"
        )

    cold_ = results.get("cold", {})
    if "import" in cold_:
        line("cold import hsm_knowledge / import attrs", cold_["import"]["ratio"], 1.15)
    if "first" in cold_:
        line(
            "first answer / pycountry's first answer",
            cold_["first"]["ratio"],
            1.0,
            True,
        )
    warm_ = results.get("warm", {})
    if "fast" in warm_:
        line(
            "warm load of the packaged data from bytes / json.loads",
            warm_["fast"]["ratio"],
            2.0,
        )
        line(
            "strict path from bytes / json.loads (issue 4: 2.5)",
            warm_["strict"]["ratio"],
            2.5,
        )
    scale_ = results.get("scale", {})
    sizes = [v for k, v in scale_.items() if k.endswith("x") and isinstance(v, dict)]
    if len(sizes) > 1:
        first, largest = sizes[0], sizes[-1]
        growth = largest["growth_fast"]
        spread = bench_query.spread(growth["n"], growth["min"], growth["max"])
        # each way of measuring has its bias; the target holds if both meet it
        line(
            "load per record, largest / 1x, same process (fast path)",
            growth["ratio"],
            1.5,
        )
        print(
            f"    {spread}; not a target: json.loads grows "
            f"{largest['growth_parse']['ratio']:.2f}x with the collector on, "
            f"{largest['growth_parse_nogc']['ratio']:.2f}x with it off; the 1x "
            f"load took {growth['b'] / first['fast']['a']:.2f}x as long there "
            "as in a process of its own: above 1, this figure looks flatter "
            "than the growth is"
        )
        line(
            "load per record, largest / 1x, across processes (fast path)",
            scale_["across_fast"],
            1.5,
        )
        print("    (moves with the machine's speed between processes)")
        for name in ("lookup", "resolve", "filter"):
            found = largest["query_growth"][name]
            line(
                f"{name}, largest / 1x, same process (does not grow)",
                found["ratio"],
                1.5,
            )
        print("  per record (fast load from bytes; strict peak where measured):")
        for size in sizes:
            strict = size.get("strict_peak_per_record")
            print(
                f"  {size['factor']:>7,}x: {fmt(size['fast']['per_record'])}, "
                f"json.loads {fmt(size['parse_per_record'])}; "
                f"peak {size['peak_per_record']:,.0f} B"
                + (f" (strict {strict:,.0f} B)" if strict else "")
                + f", kept {size['kept_per_record']:,.0f} B; "
                f"lookup {fmt(size['query']['lookup']['query'])}"
            )


def smoke() -> None:
    """Make every sample short: a run that checks the suite works."""
    global SAMPLE, WARM_UPS
    SAMPLE, WARM_UPS = 0.002, 0
    bench_query.TARGET_SAMPLE = 0.001


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="no 2,000x; fewer runs")
    parser.add_argument(
        "--smoke", action="store_true", help="the smallest run that runs everything"
    )
    parser.add_argument("--only", default="cold,warm,scale,serialize")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--strict-rounds", type=int, default=None)
    args = parser.parse_args()
    if args.smoke:
        smoke()
    if args.worker is not None:
        result = scale_worker(args.worker, args.rounds, args.strict_rounds)
        Path(args.json).write_text(json.dumps(result))
        return
    if args.smoke:
        pairs, rounds, factors = 1, 1, [1, 2]
    elif args.quick:
        pairs, rounds, factors = 9, 7, [1, 100]
    else:
        pairs, rounds, factors = 21, 15, [1, 100, 2000]
    if args.rounds:
        rounds = args.rounds

    def scale_rounds(factor: int) -> tuple[int, int]:
        """Rounds of the fast and the strict path: fewer for large data."""
        if factor <= 10:
            return rounds, rounds
        if factor <= 100:
            return min(rounds, 5), min(rounds, 3)
        return min(rounds, 3), 1

    sections = set(args.only.split(","))
    described = machine()
    print(f"hsm_knowledge {hsm_knowledge.__version__}; {described}")
    print(
        "ratio = measured / baseline: median (min-max) of paired runs, "
        "then median times"
    )
    results: dict[str, Any] = {"machine": described}
    if "cold" in sections:
        results["cold"] = cold(pairs)
    if "warm" in sections:
        results["warm"] = warm(rounds)
    if "scale" in sections:
        results["scale"] = scale(factors, scale_rounds)
    if "serialize" in sections:
        results["serialize"] = serialize(factors[:2], rounds)
    targets(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
