"""The main job: ``python -m hsm_knowledge`` prints the career overview."""

from __future__ import annotations

import os
import subprocess
import sys

from hsm_knowledge import KnowledgeBase
from hsm_knowledge._overview import render_overview


def test_module_prints_the_overview() -> None:
    env = {**os.environ, "COLUMNS": "80"}
    result = subprocess.run(
        [sys.executable, "-m", "hsm_knowledge"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    out = result.stdout
    flat = " ".join(out.split())
    assert result.stderr == ""
    for expected in (
        "Medical and Health Services Managers",
        "SOC-2018 11-9111",
        "Responsibilities",
        "Specializations",
        "1. Obtain a degree",
        "4. Seek leadership opportunities",
        "CPHRM (Certified Professional in Health Care Risk Management)",
        "AHA Certification Center (American Hospital Association)",
        "Skills employers value",
        "$101,340 a year (2021)",
        "28% (2021-2031)",
        "reporting BLS figures (second-hand)",
        "O*NET 29.3 Database",
    ):
        assert expected in flat, expected
    assert all(len(line) <= 80 for line in out.splitlines())


def test_overview_wraps_to_the_width(kb: KnowledgeBase) -> None:
    for width in (40, 60, 100):
        text = render_overview(kb, width=width)
        assert max(len(line) for line in text.splitlines()) <= width
