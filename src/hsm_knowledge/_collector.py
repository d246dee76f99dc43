"""Pausing the cyclic garbage collector while a dataset is built."""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections.abc import Iterator

__all__ = ["paused", "resume"]

# The collector is one switch for the whole process, so the pauses of all
# threads are counted together: the first to start switches the collector
# off (if it is on), the last to end switches it back on (if a pause
# switched it off and nothing has switched it on since).
_lock = threading.Lock()
_active = 0  # pauses running, in every thread
_switched_off = False  # whether the collector is off because of them


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Pause automatic garbage collection in the ``with`` block.

    Building a knowledge base makes millions of objects for a large
    dataset and keeps most of them. Left on, the cyclic collector runs each
    time enough objects have been made, and each of its full passes walks
    every object kept so far, so the cost per record grows with the data
    (see ``benchmarks/README.md``). Building valid data makes no reference
    cycles, so the collector is switched off for the build and back on
    after it, as dask does around unpacking msgpack. If it was already off
    (the program switched it off), it is left off. Pauses nest, and pauses
    in several threads end when the last of them does. ``gc.collect()``
    still works in the block.

    Exceptions do make cycles (a traceback refers to the frames that keep
    the exception), so code that is about to raise and catch one per
    invalid record calls :func:`resume` first.
    """
    global _active, _switched_off
    with _lock:
        if _active == 0 and gc.isenabled():
            gc.disable()
            _switched_off = True
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _switched_off:
                _switched_off = False
                gc.enable()


def resume() -> None:
    """Switch the collector back on if a pause switched it off.

    The pauses running (in any thread) go on with the collector on; if no
    pause switched it off (none is running, or the program had switched it
    off), this does nothing.
    """
    global _switched_off
    with _lock:
        if _switched_off:
            _switched_off = False
            gc.enable()


def _after_fork_in_child() -> None:
    """A child process has no pauses: the threads that ran them are gone."""
    global _lock, _active, _switched_off
    _lock = threading.Lock()
    _active = 0
    if _switched_off:
        _switched_off = False
        gc.enable()


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_after_fork_in_child)
