"""The ``hsm-knowledge`` command-line tool."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence

from ._errors import DataError
from ._version import DATA_VERSION, __version__

__all__ = ["main"]


def _width() -> int:
    return min(shutil.get_terminal_size((80, 24)).columns, 100)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hsm-knowledge",
        description=(
            "Structured, sourced knowledge about the medical and health "
            "services manager career."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"hsm-knowledge {__version__} (dataset {DATA_VERSION})",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser(
        "overview",
        help="print a readable overview of the career (the default)",
        description="Print a readable overview of the career from the packaged data.",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* and return the exit status.

    Args:
        argv: The arguments, without the program name; ``sys.argv[1:]``
            when ``None``.
    """
    parser = _build_parser()
    args = parser.parse_args(argv)
    from ._loading import load
    from ._overview import render_overview

    try:
        kb = load()
    except DataError as exc:  # pragma: no cover - the packaged data is tested
        print(f"hsm-knowledge: {exc}", file=sys.stderr)
        return 1
    if args.command in (None, "overview"):
        text = render_overview(kb, width=_width())
    else:  # pragma: no cover - argparse rejects unknown commands
        parser.error(f"unknown command {args.command!r}")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return 0
