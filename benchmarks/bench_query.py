"""Query benchmarks: ratios against baselines timed in the same process.

Run from a checkout, in an environment with the package's dependencies
(``pip install .``); the code measured is the checkout's ``src``::

    python benchmarks/bench_query.py            # packaged, 100x and 2,000x data
    python benchmarks/bench_query.py --quick    # packaged and 100x, fewer rounds

Each line times a query and a plain-Python baseline doing the same job on
the same records, alternately (the order rotates every round), and prints
the median of the per-round ratios query/baseline with their min and max,
then the median time per call of each. Absolute times depend on the
machine; the ratios are what to compare. The synthetic datasets come from
``benchmarks/synthetic.py`` (copies of every packaged record with suffixed
ids); nothing is written to disk. The whole run takes two to four minutes
and about 2.5 GB of memory on a two-core machine, most of it building the
2,000x dataset (a million records) and its search index; ``--quick`` takes
about 15 seconds.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src"), str(HERE)]

from synthetic import suffix, synthetic_knowledge_base  # noqa: E402

import hsm_knowledge  # noqa: E402
from hsm_knowledge import KnowledgeBase, SkillCategory  # noqa: E402
from hsm_knowledge._loading import build, packaged_document  # noqa: E402
from hsm_knowledge._search import SearchIndex, stem  # noqa: E402

TARGET_SAMPLE = 0.02  # seconds per timed sample


def calibrate(timer: timeit.Timer) -> int:
    number = 1
    while True:
        if timer.timeit(number) >= TARGET_SAMPLE / 4 or number >= 10**7:
            return max(1, int(number * TARGET_SAMPLE / max(timer.timeit(number), 1e-9)))
        number *= 4


def compare(
    label: str,
    stmt: str,
    baseline: str,
    namespace: dict[str, Any],
    rounds: int,
    note: str = "",
) -> dict[str, float]:
    """Time *stmt* against *baseline* and print the ratio."""
    timers = [
        timeit.Timer(stmt, globals=namespace),
        timeit.Timer(baseline, globals=namespace),
    ]
    numbers = [calibrate(t) for t in timers]
    times: list[list[float]] = [[], []]
    ratios = []
    for r in range(rounds):
        order = (0, 1) if r % 2 == 0 else (1, 0)
        sample = [0.0, 0.0]
        for i in order:
            sample[i] = timers[i].timeit(numbers[i]) / numbers[i]
            times[i].append(sample[i])
        ratios.append(sample[0] / sample[1])
    ratio = statistics.median(ratios)
    query_t = statistics.median(times[0])
    base_t = statistics.median(times[1])
    print(
        f"  {label:<44} {ratio:7.2f}x {spread(len(ratios), min(ratios), max(ratios))}"
        f"  {fmt(query_t):>9} vs {fmt(base_t):>9}{note}"
    )
    return {"ratio": ratio, "query": query_t, "baseline": base_t}


def spread(n: int, low: float, high: float) -> str:
    """How the *n* ratios spread: ``(0.86-1.07)``, or ``(1 sample)``."""
    return "(1 sample)" if n == 1 else f"({low:.2f}-{high:.2f})"


def fmt(seconds: float) -> str:
    if seconds < 1e-6:
        return f"{seconds * 1e9:.0f} ns"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.2f} us"
    return f"{seconds * 1e3:.2f} ms"


def once(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def all_records(kb: KnowledgeBase) -> list[Any]:
    out: list[Any] = [kb.occupation]
    for kind in hsm_knowledge.KINDS:
        out.extend(getattr(kb, kind.attr))
    return out


def run(name: str, kb: KnowledgeBase, end: str, rounds: int) -> dict[str, Any]:
    records = all_records(kb)
    print(f"\n{name}: {len(records):,} records, {len(kb.relations):,} relations")
    build_search = once(lambda: kb.search("warm"))
    build_refs = once(lambda: kb.resolve(f"skill:leadership{end}"))
    print(
        f"  first search builds the index: {fmt(build_search)} "
        f"({fmt(build_search / len(records))} per record); "
        f"first resolve: {fmt(build_refs)}"
    )
    skills = kb.skills
    skill_id = skills.ids()[len(skills) // 2]
    # names and summaries (sources have a title and no summary)
    texts = [(r, r.name, getattr(r, "summary", "")) for r in records]
    haystack = [(r, f"{n}\n{s}".lower()) for r, n, s in texts]
    ns: dict[str, Any] = {
        "kb": kb,
        "skills": skills,
        "skill_list": list(skills),
        "by_id": {skill.id: skill for skill in skills},
        "by_category": {
            c: tuple(s for s in skills if s.category is c) for c in SkillCategory
        },
        "key": skill_id,
        "ref": f"skill:{skill_id}",
        "FIN": SkillCategory.FINANCIAL,
        "records": records,
        "haystack": haystack,
        "texts": texts,
        "stem": stem,
    }
    # a filter's first call on a field indexes the field (its buckets are
    # kept): timed once, then every later call returns a kept bucket
    first_filter = once(lambda: kb.skills.filter(category=SkillCategory.FINANCIAL))
    scan = once(lambda: [s for s in skills if s.category is SkillCategory.FINANCIAL])
    print(
        f"  first filter(category=...) indexes the field: {fmt(first_filter)} "
        f"(one list-comp scan: {fmt(scan)})"
    )
    out: dict[str, Any] = {"first filter": first_filter}
    if not end:  # the packaged data: time the first search again and again
        ns["entries"] = list(kb._records())
        ns["SearchIndex"] = SearchIndex
        out["first search"] = compare(
            "first search (index + query) / lowered haystack",
            "SearchIndex(entries).search('budget')",
            "[(r, f'{n}\\n{s}'.lower()) for r, n, s in texts]",
            ns,
            rounds,
        )
        ns["document"] = packaged_document()
        ns["build"] = build
        compare(
            "first search (index + query) / load (build)",
            "SearchIndex(entries).search('budget')",
            "build(document)",
            ns,
            rounds,
            note="  (build: the loader, from parsed JSON)",
        )
    out["lookup"] = compare(
        "lookup by id: skills[id] / dict[id]", "skills[key]", "by_id[key]", ns, rounds
    )
    compare(
        "lookup by id: skills.get(id) / dict.get(id)",
        "skills.get(key)",
        "by_id.get(key)",
        ns,
        rounds,
    )
    out["resolve"] = compare(
        "resolve('skill:id') / dict[id]", "kb.resolve(ref)", "by_id[key]", ns, rounds
    )
    out["filter"] = compare(
        "filter(category=...) again (kept bucket) / scan",
        "skills.filter(category=FIN)",
        "[s for s in skill_list if s.category is FIN]",
        ns,
        rounds,
    )
    compare(
        "filter(category=...) again / precomputed dict",
        "skills.filter(category=FIN)",
        "by_category[FIN]",
        ns,
        rounds,
    )
    queries = [("budget", "one word, hits grow with the data")]
    if end:
        queries.append((end[1:], "one word, one copy's records"))
    queries.append(("zzzz", "one word, no hit"))
    ns["index"] = kb._search_index()
    for query, what in queries:
        ns["q"] = query
        hits = len(kb.search(query))
        scan_hits = len([r for r, h in haystack if query in h])
        print(f"  search {query!r}: {what}; {hits} hits (the scan finds {scan_hits})")
        cold = compare(
            "  uncached (every cache emptied first) / scan",
            "index.clear_caches(); stem.cache_clear(); kb.search(q)",
            "[r for r, h in haystack if q in h]",
            ns,
            rounds,
        )
        warm = compare(
            "  repeated (memoised result) / scan",
            "kb.search(q)",
            "[r for r, h in haystack if q in h]",
            ns,
            rounds,
        )
        if hits:
            print(f"  {'':<44} uncached: {fmt(cold['query'] / hits)} per hit")
        out[f"search {query}"] = {**cold, "hits": hits, "warm": warm}
    ns["q"] = "budget"
    compare(
        "search 'budget' limit=10, uncached / scan",
        "index.clear_caches(); stem.cache_clear(); kb.search(q, limit=10)",
        "[r for r, h in haystack if q in h]",
        ns,
        rounds,
    )
    compare(
        "search 'budget' uncached / naive scan",
        "index.clear_caches(); stem.cache_clear(); kb.search(q)",
        "[r for r, n, s in texts if q in n.lower() or q in s.lower()]",
        ns,
        rounds,
        note="  (naive: lower() per query)",
    )
    ns["q2"] = "financial management"
    compare(
        "search 'financial management' uncached / scan",
        "index.clear_caches(); stem.cache_clear(); kb.search(q2)",
        "[r for r, h in haystack if 'financial' in h and 'management' in h]",
        ns,
        rounds,
        note=f"  [{len(kb.search('financial management'))} hits]",
    )
    return out


def growth(
    name: str, kb: KnowledgeBase, small: KnowledgeBase, rounds: int
) -> dict[str, Any]:
    """Time lookups on *kb* against the same lookups on *small*, alternately.

    Both knowledge bases live in this process, so the ratio says how a
    query's time grows with the data, free of the differences between
    processes. Filters are timed as repeated (a kept bucket).
    """
    print(f"\n{name} / 1x, the same query on each, in this process:")
    skills, small_skills = kb.skills, small.skills
    key = skills.ids()[len(skills) // 2]
    small_key = small_skills.ids()[len(small_skills) // 2]
    ns: dict[str, Any] = {
        "kb": kb,
        "small": small,
        "skills": skills,
        "small_skills": small_skills,
        "key": key,
        "small_key": small_key,
        "ref": f"skill:{key}",
        "small_ref": f"skill:{small_key}",
        "FIN": SkillCategory.FINANCIAL,
    }
    kb.resolve(ns["ref"]), small.resolve(ns["small_ref"])  # build the indexes
    skills.filter(category=ns["FIN"]), small_skills.filter(category=ns["FIN"])
    return {
        "lookup": compare(
            "lookup skills[id]", "skills[key]", "small_skills[small_key]", ns, rounds
        ),
        "resolve": compare(
            "resolve('skill:id')",
            "kb.resolve(ref)",
            "small.resolve(small_ref)",
            ns,
            rounds,
        ),
        "filter": compare(
            "filter(category=...) again",
            "skills.filter(category=FIN)",
            "small_skills.filter(category=FIN)",
            ns,
            rounds,
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip 2,000x; 5 rounds")
    parser.add_argument("--rounds", type=int, default=None)
    args = parser.parse_args()
    rounds = args.rounds or (5 if args.quick else 9)
    factors = [100] if args.quick else [100, 2000]
    print(
        f"Python {sys.version.split()[0]}, hsm_knowledge {hsm_knowledge.__version__}, "
        f"{rounds} rounds; ratio = query time / baseline time "
        "(median, min-max), then median time per call"
    )
    results: dict[str, Any] = {}
    packaged = hsm_knowledge.load()
    gc.collect()
    gc.freeze()
    results["packaged"] = run("packaged data", packaged, "", rounds)
    for factor in factors:
        start = time.perf_counter()
        kb = synthetic_knowledge_base(factor)
        took = time.perf_counter() - start
        gc.collect()
        gc.freeze()
        print(f"\n(built the {factor}x dataset in {fmt(took)})")
        results[f"{factor}x"] = run(f"synthetic {factor}x", kb, suffix(42), rounds)
        del kb
        gc.unfreeze()
        gc.collect()

    summarize(results)


def summarize(results: dict[str, Any]) -> None:
    def each(get: Callable[[dict[str, Any]], str]) -> str:
        return ", ".join(f"{name} {get(r)}" for name, r in results.items())

    def per_hit(r: dict[str, Any]) -> str:
        return fmt(r["search budget"]["query"] / r["search budget"]["hits"])

    budget = "search budget"
    print("\nTargets (issue 3):")
    print(
        "  lookup by id within 2.5x of a dict lookup:",
        each(lambda r: f"{r['lookup']['ratio']:.2f}x"),
    )
    print(
        "  one-word search ('budget') / substring scan, uncached:",
        each(lambda r: f"{r[budget]['ratio']:.2f}x"),
    )
    print(
        "  one-word search ('budget') / substring scan, repeated:",
        each(lambda r: f"{r[budget]['warm']['ratio']:.2f}x"),
    )
    packaged = results["packaged"][budget]
    print(
        "  one-word search under 30 us on the packaged data:",
        f"{fmt(packaged['query'])} uncached, {fmt(packaged['warm']['query'])} repeated",
    )
    first = results["packaged"]["first search"]
    print(
        "  first search on the packaged data (index built on first use):",
        f"{fmt(first['query'])}, {first['ratio']:.2f}x the lowered-haystack build",
    )
    copy_query = f"search {suffix(42)[1:]}"
    for name, r in results.items():
        if copy_query in r:
            print(
                f"  per query at {name} (target under 20 us at 100x):",
                f"{suffix(42)[1:]!r} ({r[copy_query]['hits']} hits)",
                f"{fmt(r[copy_query]['query'])} uncached,",
                f"{fmt(r[copy_query]['warm']['query'])} repeated;",
                f"'budget' ({r[budget]['hits']} hits) {fmt(r[budget]['query'])}"
                f" uncached, {fmt(r[budget]['warm']['query'])} repeated",
            )
    if "100x" in results and "2000x" in results:
        small = results["100x"][copy_query]["query"]
        large = results["2000x"][copy_query]["query"]
        print(
            "  cost follows hits, not size:",
            f"{suffix(42)[1:]!r} (same hits) 2000x/100x = {large / small:.2f};",
            "'budget' uncached per hit:",
            each(per_hit),
        )


if __name__ == "__main__":
    main()
