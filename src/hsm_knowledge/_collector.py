"""Pausing the cyclic garbage collector while a dataset is built."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
import threading
from collections.abc import Iterator

__all__ = ["collect_young", "paused", "resume"]

# The collector is one switch for the whole process, so the pauses of all
# threads are counted together: the first to start switches the collector
# off (if it is on), the last to end switches it back on (if a pause
# switched it off and nothing has switched it on since). The lock is
# reentrant: a collection, a finalizer or a signal handler may run while
# it is held (a collection may start soon after gc.enable(), at the next
# allocation or the interpreter's next check) and load data itself.
_lock = threading.RLock()
_active = 0  # pauses running, in every thread
# Whether the collector is off because of a pause. Set before the
# collector is switched off and cleared after it is switched on, so that a
# process forked in between never sees it off with the flag clear.
_switched_off = False
# As with any Python code that restores global state in a finally block,
# an exception raised by a signal handler (KeyboardInterrupt) in the few
# instructions that start or end a pause can leave the count wrong and the
# collector off; a load lasts far longer than those instructions.


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
    invalid record calls :func:`resume` first. After that, until every
    pause running has ended, a pause that starts leaves the collector on.
    """
    global _active, _switched_off
    entered = False
    try:
        with _lock:
            _active += 1
            entered = True
            if _active == 1 and gc.isenabled():
                _switched_off = True
                gc.disable()
        yield
    finally:
        if entered:
            with _lock:
                # never below zero: a forked child starts from zero while
                # the thread that forked is still in its pause
                _active = max(_active - 1, 0)
                if _active == 0 and _switched_off:
                    gc.enable()
                    _switched_off = False


def resume() -> None:
    """Switch the collector back on if a pause switched it off.

    The pauses running (in any thread) go on with the collector on, and so
    does any that starts before they have all ended; if no pause switched
    it off (none is running, or the program had switched it off), this
    does nothing.
    """
    global _switched_off
    with _lock:
        if _switched_off:
            gc.enable()
            _switched_off = False


def collect_young() -> None:
    """Collect generations 0 and 1 now, if a pause switched the collector off.

    Left to itself, the collector walks every object a program keeps twice
    before the object reaches the oldest generation: once in a collection
    of generation 0, once in one of generation 1. With the collector
    paused, a large load leaves both walks for after the pause, over
    millions of objects no longer in the CPU's caches. A loader that builds
    its records a piece at a time calls this after each piece: one
    ``gc.collect(1)`` walks the piece's few thousand objects while they are
    still cached and moves them to the oldest generation (see
    ``benchmarks/README.md``).

    ``gc.collect(1)`` never collects the oldest generation, but each call
    counts towards the full collection's threshold, and what it moves there
    counts as new in the oldest generation. So after a large load the
    program's next automatic collection is usually a full one, which walks
    every object the program keeps, the loaded ones among them, from
    memory; that happens unless the load is small beside what the program
    already keeps (the collector's rule: a quarter of it). The walk is
    moved, not saved; what is saved is the two young passes.

    Collecting here also runs, in the middle of the load, what an
    automatic collection would run: the finalizers and weak-reference
    callbacks of the program's cyclic garbage in generations 0 and 1, and
    the callbacks in ``gc.callbacks`` (a 2,000-fold dataset makes about
    3,500 collections). A finalizer that loads data itself works, but ends
    the outer load's sharing of equal values from then on (the result is
    the same; it takes more memory).

    Does nothing if no pause switched the collector off (none is running,
    or the program had switched it off before the pause started, or the
    pause was resumed), or on an interpreter whose collector is not known
    to be CPython's generational one (see :func:`_generational`): there
    the objects are walked after the pause, as before. The flag is read
    without the lock: a value just made stale by another thread costs one
    collection more or less, never a wrong result.
    """
    if _switched_off and _generational():
        gc.collect(1)


@functools.cache
def _generational() -> bool:
    """Whether ``gc.collect(1)`` collects generations 0 and 1 only.

    True on CPython with the GIL, before 3.14, from 3.14.5 to 3.14's last
    release, and 3.15 from its first beta: the versions whose collector is
    the generational one of 3.13 and before. 3.14.0 to 3.14.4 and the
    3.15 alphas had an incremental collector, whose ``gc.collect(1)``
    collects the young objects and part of the old ones (gh-148726 brought
    the generational one back); a free-threaded build's collector walks
    every object at each collection; a later version's is not known yet.
    """
    import sysconfig

    version = sys.version_info
    return (
        sys.implementation.name == "cpython"
        and not sysconfig.get_config_var("Py_GIL_DISABLED")
        and (
            version < (3, 14)
            or (3, 14, 5) <= version[:3] < (3, 15)
            or (version[:2] == (3, 15) and version.releaselevel != "alpha")
        )
    )


def _after_fork_in_child() -> None:
    """A child process has no pauses: the threads that ran them are gone."""
    global _lock, _active, _switched_off
    _lock = threading.RLock()
    _active = 0
    if _switched_off:
        gc.enable()
        _switched_off = False


def _before_fork() -> None:
    _lock.acquire()


def _after_fork_in_parent() -> None:
    _lock.release()


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    # the lock is held across the fork, so the child never copies a pause
    # half started or half ended
    os.register_at_fork(
        before=_before_fork,
        after_in_parent=_after_fork_in_parent,
        after_in_child=_after_fork_in_child,
    )
