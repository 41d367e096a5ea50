"""Timing and reporting shared by the benchmark scripts.

Each benchmark times our code and a baseline in the same run and prints their ratio, so
that a faster or slower machine moves both.  The comparison is made the same way in
every script (:func:`compare`, :func:`measure`):

- the sides are **interleaved** round by round: ours then the baseline in one round,
  the baseline then ours in the next, and so on, so that both meet the same load of a
  shared machine and neither always runs first;
- each side is timed in both **garbage-collector modes**, identically for both sides:
  ``gc on`` (a full collection before the call, the collector enabled during it, as in
  a program) and ``gc off`` (a full collection before the call, the collector disabled
  during it: the work itself, as ``timeit`` measures it);
- for each side and mode the **minimum** and the **median** of the rounds are reported,
  and the ratio ours ÷ baseline of the minimums and of the medians (:func:`report`).

A side may be given as a factory (``fresh=True``): it is called outside the timing, in
each round and mode, and the callable it returns is timed and then dropped, so that
the process holds only what the side being timed needs and any cache the objects keep
is cold inside the timing.
"""

from __future__ import annotations

import gc
import statistics
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

#: The collector runs during the call (a full collection first), as in a program.
RUNNING = "gc on"
#: The collector is disabled during the call (a full collection first): the work itself.
PAUSED = "gc off"
MODES = (RUNNING, PAUSED)
OURS = "ours"
BASE = "base"

Clock = Callable[[], float]


def _once(fn: Callable[[], object], mode: str, clock: Clock) -> float:
    """One timing of ``fn()`` in ``mode``, after a full collection; the collector's
    state is restored afterwards."""
    was_enabled = gc.isenabled()
    gc.collect()
    if mode == PAUSED:
        gc.disable()
    else:
        gc.enable()
    try:
        start = clock()
        fn()
        return clock() - start
    finally:
        if was_enabled:
            gc.enable()
        else:
            gc.disable()


@dataclass(frozen=True)
class Timings:
    """The times of each side in each mode, in seconds, in the order taken."""

    times: Mapping[tuple[str, str], Sequence[float]]

    def of(self, side: str, mode: str = RUNNING) -> Sequence[float]:
        return self.times[side, mode]

    def min(self, side: str, mode: str = RUNNING) -> float:
        return min(self.of(side, mode))

    def median(self, side: str, mode: str = RUNNING) -> float:
        return statistics.median(self.of(side, mode))

    @property
    def modes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(mode for _, mode in self.times))


def measure(
    sides: Mapping[str, Callable[[], object]],
    rounds: int,
    *,
    modes: Sequence[str] = MODES,
    clock: Clock = time.perf_counter,
    fresh: bool = False,
) -> Timings:
    """Time every side ``rounds`` times in each of ``modes``, interleaved: in even rounds
    the sides run in the order given, in odd rounds in the reverse order.

    With ``fresh``, each side is a factory: it is called (untimed) before each timing
    and the callable it returns is what is timed."""
    if rounds < 1:
        raise ValueError("at least one round")
    names = list(sides)
    times: dict[tuple[str, str], list[float]] = {(n, m): [] for m in modes for n in names}
    for r in range(rounds):
        order = names if r % 2 == 0 else names[::-1]
        for mode in modes:
            for name in order:
                fn = cast(Callable[[], object], sides[name]()) if fresh else sides[name]
                times[name, mode].append(_once(fn, mode, clock))
                del fn  # a fresh side's objects go before the next side is timed
    return Timings(times)


def compare(
    ours: Callable[[], object],
    base: Callable[[], object],
    rounds: int,
    *,
    modes: Sequence[str] = MODES,
    clock: Clock = time.perf_counter,
    fresh: bool = False,
) -> Timings:
    """Our side against the baseline (sides ``OURS`` and ``BASE``): see :func:`measure`."""
    return measure({OURS: ours, BASE: base}, rounds, modes=modes, clock=clock, fresh=fresh)


def best_of(fn: Callable[[], object], repeat: int, *, paused: bool = False) -> float:
    """The shortest of ``repeat`` timings of ``fn()`` alone, in seconds (for lines that
    compare nothing: phases of a profile, a first run)."""
    mode = PAUSED if paused else RUNNING
    return min(_once(fn, mode, time.perf_counter) for _ in range(repeat))


def fmt_time(seconds: float) -> str:
    """A time in ms, or in µs below a millisecond, nine characters wide."""
    return f"{seconds * 1e3:9.1f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:9.3f} µs"


def _short(seconds: float) -> str:
    """A time in s, ms, µs or ns, at most nine characters."""
    if seconds >= 10:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.2f} µs"
    return f"{seconds * 1e9:.1f} ns"


def pad(text: str, width: int = 40) -> str:
    """``text`` padded to ``width`` columns of a terminal (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


NAME_WIDTH = 40


def legend() -> None:
    """Say how to read the lines :func:`report` prints."""
    print(
        "Each line: ours and the baseline as min / median of the rounds (interleaved), "
        "the ratio ours ÷ baseline of the\nminimums / of the medians, and the aim. "
        f"{RUNNING}: the collector runs during the call; {PAUSED}: it is paused "
        "(the work itself)."
    )


def report(
    name: str,
    t: Timings,
    aim: str | Mapping[str, str] = "-",
    *,
    per: int = 1,
    baseline: str = "baseline",
    ours: str = OURS,
    base: str = BASE,
    modes: Sequence[str] | None = None,
) -> None:
    """Print one line for each mode of ``t`` (or of ``modes``): the name, the mode, ours
    and the baseline as min / median (per item when ``per`` items were timed), the
    ratios of the minimums and of the medians, and the aim (one for every mode, or one
    for each mode: a mode without one gets "-")."""
    for mode in modes or t.modes:
        a, b = t.of(ours, mode), t.of(base, mode)
        lo, hi = min(a), min(b)
        mid_a, mid_b = statistics.median(a), statistics.median(b)
        goal = aim if isinstance(aim, str) else aim.get(mode, "-")
        print(
            f"{pad(name, NAME_WIDTH)} {mode:<6} ours {_short(lo / per):>9} / {_short(mid_a / per):>9}"
            f"  {baseline} {_short(hi / per):>9} / {_short(mid_b / per):>9}"
            f"  ratio {lo / hi:5.2f}× / {mid_a / mid_b:5.2f}×  aim {goal}"
        )
