#!/usr/bin/env bash
# Every check CI runs, against the Python environment on PATH:
# the test suite (with the README's and docs' examples), mypy --strict,
# ruff (lint and format) and, when the docs exist, the Sphinx build.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== ruff"
paths=()
for dir in src tests benchmarks tools docs; do
  [ -d "$dir" ] && paths+=("$dir")
done
ruff check "${paths[@]}"
ruff format --check "${paths[@]}"

echo "== mypy --strict"
mypy

if [ -f docs/conf.py ]; then
  echo "== sphinx"
  sphinx-build -W --keep-going -n -q -b html docs docs/_build/html
fi

echo "== pytest"
python -m pytest -p no:cacheprovider "$@"
