"""Pausing Python's cyclic garbage collector around work that makes many small objects
and no cycles (reading and writing plans, walking a province of them)."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block.

    Reading a large plan makes millions of small objects and no cycles; the collector
    would walk the growing heap again and again (it took about 40 % of the time of a
    100,000-project load).

    The collector's switch is one for the whole process, so the pause is counted under a
    lock: the first block to enter (in any thread) notes whether the collector was on
    and switches it off; blocks that enter while it is paused only add to the count; the
    last to leave switches it back on if the first found it on.  So threads that load
    and save at once never leave it off, and a caller who had switched it off finds it
    off.  Only the last leaver touches the switch: if code outside switches the
    collector on while a pause is held, it stays on.
    """
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
