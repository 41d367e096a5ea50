"""Timing and reporting shared by the benchmark scripts.

Each benchmark times our code and a baseline in the same run and prints their ratio, so
that a faster or slower machine moves both.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int, *, paused: bool = False) -> float:
    """The shortest of ``repeat`` timings of ``fn()``, in seconds, each after a full
    garbage collection (so that one run does not pay for the garbage of the last).

    The garbage collector runs during the timing, as it does in a program; ``paused``
    turns it off while ``fn()`` runs, as ``timeit`` does."""
    times = []
    for _ in range(repeat):
        gc.collect()
        if paused:
            gc.disable()
        try:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def fmt_time(seconds: float) -> str:
    """A time in ms, or in µs below a millisecond, nine characters wide."""
    return f"{seconds * 1e3:9.1f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:9.3f} µs"


def report(
    name: str, ours: float, base: float, aim: str, per: int = 1, baseline: str = "baseline"
) -> None:
    """Print one benchmark line (times per item when ``per`` items were timed)."""
    ratio = ours / base
    print(
        f"{name:<44} ours {fmt_time(ours / per)}  {baseline} {fmt_time(base / per)}"
        f"  ratio {ratio:5.2f}×  aim {aim}"
    )
