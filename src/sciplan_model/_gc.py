"""Pausing Python's cyclic garbage collector around work that makes many small objects
and no cycles (reading and writing plans, walking a province of them)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block.

    Reading a large plan makes millions of small objects and no cycles; the collector
    would walk the growing heap again and again (it took about 40 % of the time of a
    100,000-project load).  Its earlier state is restored, whatever happens.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
