"""Pausing the cyclic garbage collector while a dataset is built."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["paused", "resume"]

_state = threading.local()


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
    (the program switched it off, or a build in another thread paused it),
    it is left as it is. :func:`gc.collect` still works in the block.

    Exceptions do make cycles (a traceback refers to the frames that keep
    the exception), so code that is about to raise and catch one per
    invalid record calls :func:`resume` first.
    """
    if getattr(_state, "paused", False) or not gc.isenabled():
        yield  # nested in a pause, or off already: leave it as it is
        return
    gc.disable()
    _state.paused = True
    try:
        yield
    finally:
        resume()


def resume() -> None:
    """Switch the collector back on if a pause of this thread switched it off.

    For the rest of the ``with`` block of :func:`paused` the collector runs
    as usual; elsewhere this does nothing.
    """
    if getattr(_state, "paused", False):
        _state.paused = False
        gc.enable()
