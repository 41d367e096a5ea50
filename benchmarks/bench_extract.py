"""Benchmark of reading plans from their text (issue 9): ``find_figures`` against jionlp's
money extractor, and the reader's time against the length of the text.

Run with ``python benchmarks/bench_extract.py`` (about 40 seconds); ``--quick`` stops at
100 KB and times one round of each (what CI runs); ``--sizes 10,100,1000`` chooses the sizes (in KB of UTF-8 text, as a file holds
it); ``--limit 60`` lets slow runs go on longer; ``--profile`` adds a cProfile summary of
both functions on the corpus.  The comparison needs jionlp (the project's ``bench``
extra); without it that part is skipped, and the script says so.

1. **Against jionlp.**  The development corpus (``tests/extract_corpus/*.txt``, invented
   plans, with their ⟦ ⟧ marks removed), concatenated, is read by ``find_figures`` and by
   ``jionlp.ner.extract_money`` (called as a user would, with its defaults: it parses
   each amount it finds, as ``find_figures`` does), the two interleaved round by round
   with the collector running and paused (``_timing.py``: minimum and median).  Both are
   warmed up first; the time each takes to load and to read its first text is measured
   in new interpreters and printed on its own, never counted in the time per character.
   The ratio is find_figures' time over jionlp's (the aim: ≤ 1×).  jionlp finds money
   only; ``find_figures`` finds every kind of figure: the script says how many each
   finds and how many of them stand exactly where the corpus marks a figure.
2. **Linearity.**  ``find_figures`` and ``read_plan`` (and jionlp, on the corpus) on
   texts of about 10 KB, 100 KB and 1 MB, made of the corpus's documents repeated whole
   (each copy keeps its own headings), then on adversarial texts of each size: long runs
   of digits and of Chinese numerals, a 万 after every digit, quotes never closed, 其中
   repeated, a line of figures without punctuation, and all of them in turn in one text.
   Each line gives the time per KB at each size (first at a tenth of the smallest, a
   probe for growth), the ratio of the time per KB at the largest size to that at the
   smallest asked for (linear ≈ 1, quadratic ≈ the ratio of the sizes), and a verdict
   from the growth over every size measured (super-linear above 3×; linear up to 2×
   over three sizes or more).  A run that takes four times what a linear function would
   take (from the size before; at least a second), or ``--limit`` seconds, is stopped
   and marked super-linear; on an adversarial text, a size at which a linear function
   would take more than a fourth of the limit is skipped.

Times are of the process's CPU time (``time.process_time``: other work on a shared
machine shows less in it than in the wall clock), each after a full garbage collection;
the linearity table gives the best of several repeats (fewer at the larger sizes), with
the collector running as in a program, and for it what was loaded before (jionlp among it) is frozen out
of the collector's walks (``gc.freeze``).  Import times are wall-clock times of new
interpreters.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import importlib
import io
import json
import os
import pstats
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from functools import partial
from pathlib import Path
from typing import Any

import attrs

from _timing import RUNNING, compare, legend, pad, report
from sciplan_model import Figure, FigureParseError, unit_info
from sciplan_model.extract import find_figures, read_plan

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "extract_corpus"
OPEN, CLOSE = "⟦", "⟧"
KB = 1000  # sizes are in UTF-8 bytes, as a file holds the text

Span = tuple[int, int]
#: jionlp's ``ner.extract_money``: a text in, a list of dicts (text, offset, detail) out
Extract = Callable[[str], list[dict[str, Any]]]

#: Adversarial texts: each is its unit repeated to the size.
ADVERSARIAL: tuple[tuple[str, str], ...] = (
    ("'1' repeated (a million at 1 MB)", "1"),
    ("'一' repeated", "一"),
    ("digits and Chinese numerals in turn", "1二3四5六7八9十百千万亿〇两零"),
    ("a 万 after every digit", "1万"),
    ("quotes never closed", "“新增企业8家，《投入资金5万元，"),
    ("'其中' repeated", "其中"),
    ("'共10项，其中' repeated", "共10项，其中"),
    ("a line of figures, no punctuation", "8家 "),
)
MIXED = "all of the above in turn"


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """The shortest of ``repeat`` timings of ``fn()`` in seconds of this process's CPU
    time, each after a full garbage collection (the collector runs during the timing,
    as in a program).  CPU time rather than the wall clock, so that other work on a
    shared machine shows less in the figures."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


# -- the corpus --------------------------------------------------------------------------


def unmark(marked: str) -> tuple[str, list[Span]]:
    """A corpus text without its ⟦ ⟧ marks, and the spans they marked in it."""
    out: list[str] = []
    spans: list[Span] = []
    start = 0
    for at, piece in enumerate(marked.split(OPEN)):
        rest = piece
        if at:  # every piece after the first opens a mark
            figure, _, rest = piece.partition(CLOSE)
            spans.append((start, start + len(figure)))
            out.append(figure)
            start += len(figure)
        out.append(rest)
        start += len(rest)
    return "".join(out), spans


def documents() -> list[tuple[str, list[Span]]]:
    """The corpus's documents without their marks, each with its marked spans."""
    paths = sorted(CORPUS.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no corpus texts in {CORPUS}")
    return [unmark(p.read_text(encoding="utf-8")) for p in paths]


def joined(docs: Sequence[tuple[str, list[Span]]]) -> tuple[str, list[Span]]:
    """The documents one after another (a blank line between), with every marked span."""
    parts: list[str] = []
    spans: list[Span] = []
    offset = 0
    for text, marks in docs:
        spans.extend((a + offset, b + offset) for a, b in marks)
        parts.append(text)
        offset += len(text) + 2
    return "\n\n".join(parts), spans


def nbytes(text: str) -> int:
    return len(text.encode("utf-8"))


def corpus_of_size(texts: Sequence[str], size: int) -> str:
    """Whole documents of the corpus, in turn, until the text holds ``size`` bytes."""
    parts: list[str] = []
    held = 0
    while held < size:
        text = texts[len(parts) % len(texts)]
        parts.append(text)
        held += nbytes(text) + 2
    return "\n\n".join(parts)


def repeated(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` bytes."""
    return unit * max(1, size // nbytes(unit))


def mixed(size: int) -> str:
    """Every adversarial text in turn, each an equal share of ``size``, one a line."""
    share = size // len(ADVERSARIAL)
    return "\n".join(repeated(unit, share) for _, unit in ADVERSARIAL)


# -- 1. against jionlp ------------------------------------------------------------------


def load_jionlp() -> tuple[Extract | None, str]:
    """jionlp's ``ner.extract_money``, or None and why not.  jionlp prints a banner when
    imported; it is swallowed here."""
    try:
        with _quiet():
            jionlp = importlib.import_module("jionlp")
    except ImportError as e:
        return None, f"jionlp is not installed ({e}); the bench extra installs it"
    extract: Extract = jionlp.ner.extract_money
    return extract, f"jionlp {getattr(jionlp, '__version__', '?')}"


@contextmanager
def _quiet() -> Iterator[None]:
    saved = sys.stdout
    sys.stdout = io.StringIO()
    try:
        yield
    finally:
        sys.stdout = saved


_COLD = """
import json, sys, time
start = time.perf_counter()
{imports}
imported = time.perf_counter()
text = open(sys.argv[1], encoding="utf-8").read()
first = time.process_time(); {call}; first = time.process_time() - first
warm = []
for _ in range(3):
    t = time.process_time(); {call}; warm.append(time.process_time() - t)
print(json.dumps([imported - start, first, min(warm)]))
"""

TOOLS = {
    "find_figures": ("from sciplan_model.extract import find_figures", "find_figures(text)"),
    "jionlp": ("import jionlp", "jionlp.ner.extract_money(text)"),
}


def cold_start(tool: str, text: str, rounds: int) -> tuple[float, float, float]:
    """In new interpreters (best of ``rounds``): the time ``tool`` takes to import (wall
    clock), to read ``text`` the first time, and to read it again once warm (CPU)."""
    imports, call = TOOLS[tool]
    code = _COLD.format(imports=imports, call=call)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.txt"
        path.write_text(text, encoding="utf-8")
        runs = []
        for _ in range(rounds):
            done = subprocess.run(
                [sys.executable, "-c", code, str(path)], check=True, capture_output=True
            )
            runs.append(json.loads(done.stdout.decode().strip().splitlines()[-1]))
    imported, first, warm = (min(run[i] for run in runs) for i in range(3))
    return imported, first, warm


def _is_money(text: str) -> bool:
    try:
        return unit_info(Figure.parse(text).unit).currency
    except FigureParseError:  # a form the grammar does not read (yet): judge by 元
        return "元" in text


def _same_amount(entry: dict[str, Any], text: str) -> bool:
    """Whether jionlp's amount for a figure is the one the figure's text says."""
    detail = entry.get("detail") or {}
    try:
        value = Figure.parse(text).value
        if value is None or not isinstance(detail.get("num"), str):
            return False
        return bool(value.to(detail["case"]).magnitude == Decimal(detail["num"]))
    except (FigureParseError, InvalidOperation, ValueError, TypeError, KeyError):
        return False


def agreement(
    text: str, marks: list[Span], ours: Sequence[Any], money: Sequence[dict[str, Any]]
) -> list[str]:
    """Lines saying how many figures each tool found and how many stand where the corpus
    marks one (jionlp against the marked money figures only)."""
    marked = set(marks)
    money_marks = {s for s in marks if _is_money(text[s[0] : s[1]])}
    exact = sum((f.start, f.end) in marked for f in ours)
    at_mark = [e for e in money if tuple(e["offset"]) in money_marks]
    right = sum(_same_amount(e, text[e["offset"][0] : e["offset"][1]]) for e in at_mark)

    def overlaps(e: dict[str, Any]) -> bool:
        a, b = e["offset"]
        return any(s < b and a < t for s, t in money_marks)

    elsewhere = [e for e in money if tuple(e["offset"]) not in money_marks]
    partly = sum(overlaps(e) for e in elsewhere)
    reached = sum(
        any(s < e["offset"][1] and e["offset"][0] < t for e in money) for s, t in money_marks
    )
    return [
        f"the corpus marks {len(marks)} figures, {len(money_marks)} of them money",
        f"find_figures: {len(ours)} figures of every kind, {exact} exactly as marked",
        f"jionlp: {len(money)} amounts of money (it reads money only), {len(at_mark)} exactly "
        f"as marked ({right} of them with the right amount); {partly} more overlap a marked "
        f"money figure (part of it, or with lead words), {len(elsewhere) - partly} overlap "
        f"none; {len(money_marks) - reached} marked money figures it does not touch",
    ]


def bench_jionlp(
    docs: Sequence[tuple[str, list[Span]]], repeat: int, rounds: int
) -> Extract | None:
    """Time find_figures against jionlp's extract_money on the corpus; jionlp's
    extract_money, or None when jionlp is not installed."""
    extract, why = load_jionlp()
    if extract is None:
        print(f"comparison with jionlp skipped: {why}")
        return None
    text, marks = joined(docs)
    print(f"{why}; the corpus: {len(docs)} documents, {len(text):,} characters")
    extract(text)  # warm up: jionlp builds its parser on the first call
    ours_found = find_figures(text)
    money = extract(text)
    cpu = time.process_time
    t = compare(partial(find_figures, text), partial(extract, text), repeat, clock=cpu)
    report("find_figures vs jionlp extract_money", t, "≤ 1×", per=len(text), baseline="jionlp")
    print(f"{pad('')} (times per character of the corpus, all {len(docs)} documents in one text)")
    texts = [t for t, _ in docs]
    t = compare(
        lambda: [find_figures(t) for t in texts],
        lambda: [extract(t) for t in texts],
        repeat,
        modes=(RUNNING,),
        clock=cpu,
    )
    name = "  (information) one document at a time"
    report(name, t, "-", per=len(text), baseline="jionlp")
    t = compare(
        partial(read_plan, text),
        partial(extract, text),
        max(1, repeat // 4),
        modes=(RUNNING,),
        clock=cpu,
    )
    name = "  (information) read_plan, vs jionlp"
    report(name, t, "-", per=len(text), baseline="jionlp")
    for line in agreement(text, marks, ours_found, money):
        print(f"{'':<2}{line}")
    for tool in TOOLS:
        imported, first, warm = cold_start(tool, text, rounds)
        print(
            f"  {tool} in a new interpreter: import {imported * 1e3:.0f} ms; first read of "
            f"the corpus {first * 1e3:.1f} ms, warm {warm * 1e3:.1f} ms (loading on first "
            f"use ≈ {(first - warm) * 1e3:.1f} ms, not in the times above)"
        )
    return extract


# -- 2. linearity -------------------------------------------------------------------------


class _TooSlow(BaseException):
    """Raised by the alarm in a run that takes too long (a BaseException, so that no
    ``except Exception`` in the code timed catches it)."""


def timed(fn: Callable[[], object], repeat: int, limit: float) -> float | None:
    """The best of ``repeat`` timings of ``fn()``, or None when they take longer than
    ``limit`` seconds of CPU time together (where the system has interval timers).

    The alarm is the wall clock's (a CPU-time timer makes the process's CPU clock
    coarse on some systems); when it rings before the CPU time is spent, it is set
    again for the rest."""
    if not hasattr(signal, "setitimer"):  # pragma: no cover - not on POSIX
        return best_of(fn, repeat)
    start = time.process_time()
    # whether the collector is at work (with the callbacks of others, such as
    # hypothesis's): an exception raised there would be printed and dropped
    collecting = [False]

    def begins(phase: str, info: object) -> None:
        if phase == "start":
            collecting[0] = True

    def ends(phase: str, info: object) -> None:
        if phase == "stop":
            collecting[0] = False

    def alarm(signum: int, frame: object) -> None:
        left = limit - (time.process_time() - start)
        if collecting[0] or left > 0.01:
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.005))
            return
        # ring again soon: an exception raised while a finalizer runs (the collector
        # before each timing frees objects with finalizers) is printed and dropped
        signal.setitimer(signal.ITIMER_REAL, 0.01)
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, alarm)
    gc.callbacks.insert(0, begins)
    gc.callbacks.append(ends)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return best_of(fn, repeat)
    except _TooSlow:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        gc.callbacks.remove(begins)
        gc.callbacks.remove(ends)


def measure(fn: Callable[[], object], repeat: int, limit: float) -> float | None:
    """The best of up to ``repeat`` timings of ``fn()``: the first is stopped at ``limit``
    seconds (None), and more are taken only while they fit in half a second."""
    first = timed(fn, 1, limit)
    if first is None:
        return None
    more = min(repeat - 1, int(0.5 / max(first, 1e-9)))
    return min(first, best_of(fn, more)) if more > 0 else first


def _pad(text: str, width: int) -> str:
    """``text`` cut or padded to ``width`` columns of a terminal (a Chinese character
    takes two)."""
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width:
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * (width - used)


def _size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:g} MB"
    return f"{size / KB:g} KB"


@attrs.frozen
class Row:
    """One line of the linearity table: a function's time per KB at each size, and
    where a run was stopped, after how many seconds."""

    per_kb: tuple[float | None, ...]  # None where skipped or stopped
    stopped: float | None = None

    @property
    def ratio(self) -> float | None:
        """Time per KB at the largest size measured against the first of the sizes asked
        for (the column after the probe), when both were measured."""
        measured = [t for t in self.per_kb[1:] if t is not None]
        return measured[-1] / measured[0] if len(measured) > 1 else None

    @property
    def growth(self) -> float:
        """Time per KB at the largest size measured against the smallest (the probe
        included); infinite when a run was stopped."""
        measured = [t for t in self.per_kb if t is not None]
        if self.stopped is not None:
            return float("inf")
        return measured[-1] / measured[0] if len(measured) > 1 else 1.0

    @property
    def verdict(self) -> str:
        """SUPER-LINEAR when stopped or grown more than 3×; linear when grown at most 2×
        over three sizes or more; else ? (too little to tell)."""
        g = self.growth
        if g > 3:
            return "SUPER-LINEAR"
        enough = sum(t is not None for t in self.per_kb) >= 3
        return "linear" if g <= 2 and enough else "?"


#: A run is stopped when it takes this many times what a linear function would take
#: (from the time per KB at the size before), and never before ``FLOOR`` seconds.
SLOWER = 4
FLOOR = 1.0


def grow(
    fn: Callable[[str], object],
    make: Callable[[int], str],
    sizes: Sequence[int],
    repeat: int,
    limit: float,
    skip: bool = True,
) -> Row:
    """``fn``'s time per KB on ``make(size)`` at each size.  A run is stopped at ``limit``
    seconds, or sooner when it takes ``SLOWER`` times what a linear ``fn`` would take (at
    least ``FLOOR`` seconds).  When ``skip``, a size at which a linear ``fn`` would take
    more than ``limit / SLOWER`` is skipped."""
    per_kb: list[float | None] = []
    last: float | None = None
    for size in sizes:
        text = make(size)
        kb = nbytes(text) / KB
        n = repeat if size <= 10 * KB else 2 if size <= 100 * KB and not skip else 1
        allowed = limit
        if last is not None:
            if skip and last * kb > limit / SLOWER:
                per_kb.append(None)
                continue
            allowed = min(limit, max(FLOOR, SLOWER * last * kb))
        took = measure(partial(fn, text), n, allowed)
        if took is None:
            per_kb.extend([None] * (len(sizes) - len(per_kb)))
            return Row(tuple(per_kb), stopped=allowed)
        last = took / kb
        per_kb.append(last)
    return Row(tuple(per_kb))


def _cells(row: Row) -> str:
    cells = [f"{t * 1e3:10.3f}" if t is not None else f"{'(skipped)':>10}" for t in row.per_kb]
    if row.stopped is not None:  # the first None after the last time is the stopped run
        at = max((i for i, t in enumerate(row.per_kb) if t is not None), default=-1) + 1
        cells[at] = f"{f'> {row.stopped:.3g} s':>10}"
        cells[at + 1 :] = [" " * 10] * (len(cells) - at - 1)
    ratio = f"{row.ratio:9.2f}×" if row.ratio is not None else f"{'-':>10}"
    return f"{' '.join(cells)} {ratio}  {row.verdict}"


def bench_linear(
    docs: Sequence[tuple[str, list[Span]]],
    sizes: Sequence[int],
    repeat: int,
    limit: float,
    extract: Extract | None = None,
) -> list[str]:
    """The linearity table (with jionlp's ``extract_money`` on the corpus too, when it is
    given); the names of the texts on which a function is super-linear."""
    texts = [t for t, _ in docs]
    probe = max(100, sizes[0] // 10)
    every = [probe, *sizes]
    print(
        f"\nmilliseconds per KB of UTF-8 text at each size (the first, {_size(probe)}, a "
        f"probe for growth); ratio: {_size(sizes[-1])} against {_size(sizes[0])} (linear "
        f"≈ 1); verdict from the growth over all sizes measured; a run is stopped at "
        f"{SLOWER}× what linear would take (> … s), or at {limit:g} s"
    )
    heads = " ".join(f"{_size(s):>10}" for s in every)
    print(f"  {'text':<36} {'function':<12} {heads} {'ratio':>10}  verdict")
    for size in sizes:
        big = corpus_of_size(texts, size)
        print(f"  (corpus at {_size(size)}: {nbytes(big):,} bytes, {len(big):,} characters)")
    bad: list[str] = []
    # what is loaded by now (jionlp's dictionaries among it) is left out of the garbage
    # collector's walks, as if the reader ran in a program of its own
    gc.freeze()
    try:
        corpus = "the corpus's documents, repeated"
        rows: list[tuple[str, Callable[[int], str], bool]] = [
            (corpus, partial(corpus_of_size, texts), False),
            *((name, partial(repeated, unit), True) for name, unit in ADVERSARIAL),
            (MIXED, mixed, False),
        ]
        ours: list[tuple[str, Callable[[str], object]]] = [
            ("find_figures", find_figures),
            ("read_plan", read_plan),
        ]
        for name, make, skip in rows:
            functions = list(ours)
            if extract is not None and name == corpus:  # the baseline, on plans only
                functions.append(("jionlp money", extract))
            for label, fn in functions:
                row = grow(fn, make, every, repeat, limit, skip)
                print(f"  {_pad(name, 36)} {label:<12} {_cells(row)}")
                if row.verdict == "SUPER-LINEAR":
                    bad.append(f"{label} on {name}")
    finally:
        gc.unfreeze()
    return bad


# -- profile ---------------------------------------------------------------------------


def profile(text: str) -> None:
    """cProfile's top 12 functions by their own time, for find_figures and read_plan."""
    for name, fn in (("find_figures", find_figures), ("read_plan", read_plan)):
        profiler = cProfile.Profile()
        profiler.runcall(fn, text)
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime").print_stats(12)
        print(f"\ncProfile of {name} on the corpus, top 12 by own time:")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks of issue 9."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="sizes 10 KB and 100 KB, one round of each"
    )
    parser.add_argument("--sizes", help="sizes in KB, comma-separated (default 10,100,1000)")
    parser.add_argument(
        "--repeat", type=int, default=None, help="repeats at the smallest sizes (default 5)"
    )
    parser.add_argument(
        "--limit", type=float, default=5.0, help="longest run in seconds (default 5)"
    )
    parser.add_argument(
        "--rounds", type=int, default=None, help="new interpreters per tool (default 2)"
    )
    parser.add_argument("--no-jionlp", action="store_true", help="skip the comparison")
    parser.add_argument("--profile", action="store_true", help="profile both on the corpus")
    args = parser.parse_args(argv)
    sizes_kb = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else [10, 100]
        if args.quick
        else [10, 100, 1000]
    )
    repeat = args.repeat or (1 if args.quick else 5)
    rounds = args.rounds or (1 if args.quick else 2)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    legend()
    docs = documents()
    start = time.perf_counter()
    extract = None
    if args.no_jionlp:
        print("comparison with jionlp skipped: --no-jionlp")
    else:
        extract = bench_jionlp(docs, 1 if args.quick else 8 * repeat, rounds)
    sizes = [kb * KB for kb in sizes_kb]
    bad = bench_linear(docs, sizes, repeat, args.limit, extract)
    if bad:
        print(f"super-linear: {'; '.join(bad)}")
    if args.profile:
        profile(joined(docs)[0])
    print(f"(the benchmark took {time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
