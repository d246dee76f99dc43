"""Loading the packaged data: lazy, once, thread-safe, zip-safe, and light."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

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
        "import sys, hsm_knowledge; import hsm_knowledge._loading as l;"
        "print(l._cached is None, 'cattrs' in sys.modules, 'json' in sys.modules)"
    )
    cached_is_none, cattrs_loaded, _ = out.split()
    assert cached_is_none == "True"
    assert cattrs_loaded == "False"


def test_import_imports_nothing_heavy() -> None:
    # ``import hsm_knowledge`` imports the record classes, the loader and
    # their dependencies on first use of a name, not at import.
    out = run_python(
        "import sys, hsm_knowledge;"
        "print(sorted(m for m in ('cattrs', 'json', 'importlib.resources', "
        "'attr', 'hsm_knowledge._model', 'hsm_knowledge._loading') "
        "if m in sys.modules))"
    )
    assert out == "[]"


def test_loading_the_packaged_data_imports_no_converter() -> None:
    # The packaged data takes the fast path: no cattrs, no serialize module,
    # and no importlib.resources (the package's loader reads the files).
    out = run_python(
        "import sys, hsm_knowledge;"
        "name = hsm_knowledge.load().credentials['cphrm'].name;"
        "print(name); print(sorted(m for m in ('cattrs', 'hsm_knowledge.serialize', "
        "'importlib.resources', 'difflib') if m in sys.modules))"
    )
    assert out.splitlines() == [
        "Certified Professional in Health Care Risk Management",
        "[]",
    ]


def test_public_names_resolve_on_first_use() -> None:
    from hsm_knowledge import _errors, _knowledge, _model, _search, _version

    modules = (_errors, _knowledge, _loading, _model, _search, _version)
    for name in hsm_knowledge.__all__:
        value = getattr(hsm_knowledge, name)
        assert any(getattr(module, name, None) is value for module in modules), name
    assert set(hsm_knowledge.__all__) <= set(dir(hsm_knowledge))
    namespace: dict[str, object] = {}
    exec("from hsm_knowledge import *", namespace)
    assert namespace["KnowledgeBase"] is hsm_knowledge.KnowledgeBase
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        hsm_knowledge.nonexistent  # noqa: B018


def test_the_private_modules_stay_reachable_as_attributes() -> None:
    out = run_python(
        "import hsm_knowledge; print(hsm_knowledge._loading._cached is None,"
        " hsm_knowledge._model.Skill.__name__)"
    )
    assert out == "True Skill"


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
    real_build = _loading.build_packaged
    barrier = threading.Barrier(8)

    def counting_build() -> hsm_knowledge.KnowledgeBase:
        calls.append(threading.get_ident())
        return real_build()

    monkeypatch.setattr(_loading, "build_packaged", counting_build)

    def worker(_: int) -> hsm_knowledge.KnowledgeBase:
        barrier.wait()
        return hsm_knowledge.load()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(worker, range(8)))
    assert len(calls) == 1
    assert all(result is results[0] for result in results)


def test_clear_cache_from_many_threads_while_loading() -> None:
    hsm_knowledge.clear_cache()
    expected = hsm_knowledge.load()
    barrier = threading.Barrier(8)

    def worker(i: int) -> hsm_knowledge.KnowledgeBase:
        barrier.wait()
        for _ in range(3):
            if i % 2:
                hsm_knowledge.clear_cache()
            kb = hsm_knowledge.load()
        return kb

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(worker, range(8)))
    assert all(result == expected for result in results)


def test_data_is_read_as_bytes_through_the_package_loader(
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
    kb = hsm_knowledge.load()
    assert read == []  # each file is read when its part is first used
    assert kb.credentials["cphrm"].abbreviation == "CPHRM"
    assert read == ["credentials.json"]
    kb.credentials.get("cmm")
    assert read == ["credentials.json"]  # once
    files = [(key, real(name)) for key, name in _loading.DATA_FILES]
    assert kb == _loading.build_from_bytes(files)  # builds every part
    assert sorted(read) == sorted(name for _, name in _loading.DATA_FILES)


def test_a_loader_without_get_data_reads_through_importlib_resources(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = {name: _loading.read_data_file(name) for _, name in _loading.DATA_FILES}
    spec = hsm_knowledge.__spec__
    assert spec is not None

    class LoaderWithoutGetData:
        """The package's loader, but for ``get_data``."""

        def __init__(self, loader: object) -> None:
            self._loader = loader

        def __getattr__(self, name: str) -> object:
            if name == "get_data":
                raise AttributeError(name)
            return getattr(self._loader, name)

    monkeypatch.setattr(spec, "loader", LoaderWithoutGetData(spec.loader))
    assert not hasattr(spec.loader, "get_data")
    for name, data in expected.items():
        assert _loading.read_data_file(name) == data
        assert _loading._read_through_resources(name) == data


def test_the_package_loads_from_a_zip(tmp_path: Path) -> None:
    package = Path(hsm_knowledge.__file__).parent
    archive = tmp_path / "hsm_knowledge.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, Path("hsm_knowledge") / path.relative_to(package))
    code = (
        "import hsm_knowledge;"
        "print(hsm_knowledge.__file__.endswith('.zip/hsm_knowledge/__init__.py'),"
        f" len(hsm_knowledge.load().skills) == {len(hsm_knowledge.load().skills)})"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(archive)},
        cwd=tmp_path,
    ).stdout.strip()
    assert out == "True True"


def test_versions() -> None:
    kb = hsm_knowledge.load()
    assert kb.meta.dataset_version == hsm_knowledge.DATA_VERSION
    assert kb.meta.schema_version == 1
    assert kb.meta.release_date.isoformat() == "2026-11-28"
    from importlib.metadata import version

    assert hsm_knowledge.__version__ == version("hsm-knowledge")
