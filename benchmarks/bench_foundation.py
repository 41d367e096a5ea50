"""Benchmarks of the foundation: sums, figure parsing and import time.

Run with ``python benchmarks/bench_foundation.py`` (add ``--quick`` for a smaller run).
Each line prints our time, the baseline's time measured in the same run, the ratio and
the aim from issue 2.  Times are the best of several repeats, so that a busy machine
shows less in the figures.  Results are recorded in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from decimal import Decimal

from _timing import best_of, report
from sciplan_model import Figure, Money, total, ureg

UNITS = ("元", "千元", "万元", "百万元", "亿元")


def bench_total(n: int, repeat: int) -> None:
    """``total()`` of n mixed-unit Money against ``sum()`` of the same amounts as Decimals."""
    rng = random.Random(20261126)
    amounts = []
    for _ in range(n):
        unit = rng.choice(UNITS)
        magnitude = Decimal(rng.randrange(1, 10**7)).scaleb(-rng.randrange(0, 3))
        amounts.append(Money(magnitude, unit))
    plain = [m.to("元").magnitude for m in amounts]  # the same amounts, in 元
    ours = best_of(lambda: total(amounts), repeat)
    base = best_of(lambda: sum(plain), repeat)
    if total(amounts, unit="元").magnitude != sum(plain):
        raise SystemExit("total() and sum() disagree")
    report(f"total() of {n:,} mixed-unit Money", ours, base, "≤ 1.5×", per=n)
    # amounts finer than a millionth of a 元 have no packed int: the Decimal way
    fine = [Money(m.magnitude + Decimal("0.0000001"), m.unit) for m in amounts[: n // 10]]
    fine_plain = [m.to("元").magnitude for m in fine]
    slow = best_of(lambda: total(fine), repeat)
    slow_base = best_of(lambda: sum(fine_plain), repeat)
    report("  (information) amounts finer than 0.000001元", slow, slow_base, "-", per=len(fine))


def bench_parse(n: int, repeat: int) -> None:
    """``Figure.parse`` against pint parsing the same plain figures."""
    texts = ["12345.6万元", "320万人次", "159.3万元", "36项", "2100个", "4.5万亩"] * (n // 6)

    def ours() -> None:
        for t in texts:
            Figure.parse(t)

    def pint_parse() -> None:
        for t in texts:
            ureg.Quantity(t)

    for t in texts[:6]:  # both read the same value
        if Figure.parse(t).value.to_pint() != ureg.Quantity(t):  # type: ignore[union-attr]
            raise SystemExit(f"pint and Figure.parse disagree on {t}")
    a, b = best_of(ours, repeat), best_of(pint_parse, repeat)
    report(f"Figure.parse of {len(texts):,} plain figures", a, b, "≤ 0.1×", per=len(texts))
    print(f"{'':<44} that is {b / a:.1f}× faster than pint (aim ≥ 10×)")
    qualified = ["2万人次以上", "600余家", "近5.5亿元", "约100人左右", "3～5亿元", "20xx万元"]
    qualified *= len(texts) // 6

    def ours_qualified() -> None:
        for t in qualified:
            Figure.parse(t)

    c = best_of(ours_qualified, repeat)
    report("  (information) qualified figures, vs pint", c, b, "-", per=len(qualified))


def _importfmt_time(code: str, runs: int) -> float:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - start)
    return min(times)


def bench_import(runs: int) -> None:
    """``import sciplan_model`` against importing attrs, cattrs and pint alone."""
    _importfmt_time("import sciplan_model", 2)  # warm the bytecode caches
    _importfmt_time("import attrs, cattrs, pint", 2)
    empty = _importfmt_time("pass", runs)
    ours = _importfmt_time("import sciplan_model", runs)
    base = _importfmt_time("import attrs, cattrs, pint", runs)
    print(f"(a bare interpreter starts in {empty * 1e3:.1f} ms; the next line includes it)")
    report("import sciplan_model (new interpreter)", ours, base, "≤ 1.3×")
    first = _importfmt_time("import sciplan_model; sciplan_model.Figure.parse('159.3万元')", runs)
    report("  (information) import and read one figure", first, base, "-")
    report(
        "  (information) less interpreter start-up",
        ours - empty,
        base - empty,
        "-",
    )


def main() -> None:
    """Run every benchmark of issue 2."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smaller, faster run")
    args = parser.parse_args()
    n = 100_000 if args.quick else 1_000_000
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    bench_total(n, 3 if args.quick else 7)
    bench_parse(6_000 if args.quick else 60_000, 3 if args.quick else 5)
    bench_import(5 if args.quick else 20)


if __name__ == "__main__":
    main()
