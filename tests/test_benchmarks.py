"""The benchmark suite runs (its smallest run: seconds, and no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import hsm_knowledge

ROOT = Path(__file__).resolve().parent.parent


def test_the_benchmark_suite_runs_end_to_end(tmp_path: Path) -> None:
    figures = tmp_path / "figures.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--smoke",
            "--json",
            str(figures),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for heading in ("Cold start", "Warm load", "Scale", "Serialization", "Targets:"):
        assert heading in out
    found = json.loads(figures.read_text())
    assert found["cold"]["import"]["ratio"] > 0
    assert found["warm"]["fast"]["ratio"] > 0
    kb = hsm_knowledge.load()
    records = sum(len(getattr(kb, kind.attr)) for kind in hsm_knowledge.KINDS)
    assert found["warm"]["records"] == 1 + len(kb.relations) + records
    sizes = [found["scale"]["1x"], found["scale"]["2x"]]
    # the 2x dataset holds twice the records of the 1x one, but one occupation
    assert sizes[1]["records"] == 2 * sizes[0]["records"] - 1
    for size in sizes:
        assert size["peak_per_record"] > size["kept_per_record"] > 0
        assert size["query"]["lookup"]["ratio"] > 0
    assert "1x indent=2" in found["serialize"]
