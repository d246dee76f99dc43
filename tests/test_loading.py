"""Loading the packaged data: lazy, once, thread-safe, through importlib.resources."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import hsm_knowledge
from hsm_knowledge import _loading


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_import_reads_no_data() -> None:
    out = run_python(
        "import sys, hsm_knowledge, hsm_knowledge._loading as l;"
        "print(l._cached is None, 'cattrs' in sys.modules, 'json' in sys.modules)"
    )
    cached_is_none, cattrs_loaded, _ = out.split()
    assert cached_is_none == "True"
    assert cattrs_loaded == "False"


def test_load_returns_the_same_object() -> None:
    assert hsm_knowledge.load() is hsm_knowledge.load()


def test_clear_cache_reloads_an_equal_object() -> None:
    first = hsm_knowledge.load()
    hsm_knowledge.clear_cache()
    second = hsm_knowledge.load()
    assert second is not first
    assert second == first


def test_first_load_from_many_threads_builds_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hsm_knowledge.clear_cache()
    calls = []
    real_build = _loading.build
    barrier = threading.Barrier(8)

    def counting_build(document: object) -> hsm_knowledge.KnowledgeBase:
        calls.append(threading.get_ident())
        return real_build(document)

    monkeypatch.setattr(_loading, "build", counting_build)

    def worker(_: int) -> hsm_knowledge.KnowledgeBase:
        barrier.wait()
        return hsm_knowledge.load()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(worker, range(8)))
    assert len(calls) == 1
    assert all(result is results[0] for result in results)


def test_data_is_read_as_bytes_through_importlib_resources(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read: list[str] = []
    real = _loading.read_data_file

    def spy(name: str) -> bytes:
        read.append(name)
        data = real(name)
        assert isinstance(data, bytes)
        return data

    monkeypatch.setattr(_loading, "read_data_file", spy)
    hsm_knowledge.clear_cache()
    hsm_knowledge.load()
    assert read == [name for _, name in _loading.DATA_FILES]


def test_versions() -> None:
    kb = hsm_knowledge.load()
    assert kb.meta.dataset_version == hsm_knowledge.DATA_VERSION
    assert kb.meta.schema_version == 1
    assert kb.meta.release_date.isoformat() == "2026-11-27"
    from importlib.metadata import version

    assert hsm_knowledge.__version__ == version("hsm-knowledge")
