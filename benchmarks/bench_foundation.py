"""Benchmarks of the foundation: making amounts, their memory, sums, figure parsing and
import time.

Run with ``python benchmarks/bench_foundation.py`` (add ``--quick`` for small sizes and
one round: what CI runs).  The timed lines compare ours with a baseline measured in the
same run, interleaved round by round, with the collector running and paused (see
``_timing.py``); the aims are those of issues 2 and 14.  Results are recorded in
docs/benchmarks.md.

1. ``Money(text, "万元")`` against ``Decimal(text)`` of the same strings (aim ≤ 5×).
2. The memory a ``Money`` holds beyond the ``Decimal`` it holds (aim ≤ 100 bytes):
   traced allocations of making many Money from ready-made Decimals, divided by their
   number, and, for information, ``sys.getsizeof`` of the object and of each value it
   holds that is its own (unit names and unit facts are shared by all amounts of a
   unit; the Decimal given is the one it holds).
3. ``total()`` of mixed-unit Money made afresh for every timing (outside the timed
   part, so that whatever an amount computes lazily for sums is computed inside it)
   against ``sum()`` of the same amounts as Decimals in 元 (aim ≤ 1.5×); the same on
   amounts already summed once (warm), and, for information, making the amounts from
   strings and summing them against ``Decimal(text)`` and ``sum()``.
4. ``Figure.parse`` against pint's parser on plain figures (aim ≤ 0.1×).
5. ``import sciplan_model`` in a new interpreter against importing the third-party
   packages it imports itself (found by running it: attrs and pint; cattrs is imported
   only when a plan is first saved or loaded).

The script only uses the public API (``Money``, ``total``, ``.magnitude``, ``.to()``),
so it measures amounts however they keep what sums need.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tracemalloc
from decimal import Decimal

from _timing import PAUSED, RUNNING, compare, legend, pad, report
from sciplan_model import Figure, Money, total, ureg

UNITS = ("元", "千元", "万元", "百万元", "亿元")


def magnitudes(n: int, seed: int = 20261126) -> list[Decimal]:
    """``n`` amounts as plans write them: up to 10 million, whole or to two places."""
    rng = random.Random(seed)
    return [Decimal(rng.randrange(1, 10**7)).scaleb(-rng.randrange(0, 3)) for _ in range(n)]


def mixed(n: int, seed: int = 20261126) -> list[tuple[Decimal, str]]:
    """``n`` (magnitude, unit) pairs of mixed units."""
    rng = random.Random(seed + 1)
    return [(m, rng.choice(UNITS)) for m in magnitudes(n, seed)]


# -- 1. making an amount -----------------------------------------------------------------


def bench_make(n: int, rounds: int) -> None:
    """``Money(text, "万元")`` against ``Decimal(text)``."""
    texts = [format(m, "f") for m in magnitudes(n)]
    for text in texts[:100]:
        if Money(text, "万元").magnitude != Decimal(text):
            raise SystemExit(f"Money and Decimal read {text!r} differently")

    def ours() -> None:
        for t in texts:
            Money(t, "万元")

    def base() -> None:
        for t in texts:
            Decimal(t)

    t = compare(ours, base, rounds)
    report(f'Money(text, "万元") of {n:,} strings', t, "≤ 5×", per=n, baseline="Decimal")


# -- 2. memory ---------------------------------------------------------------------------


def traced_bytes(n: int, summed: bool = False) -> float:
    """Bytes allocated per Money made from a ready-made Decimal, beyond that Decimal (a
    Money that copies its magnitude has the copy counted once, then taken off as the
    Decimal it holds); when ``summed``, after a ``total()`` of them too (what amounts
    keep of what they compute for sums)."""
    given = magnitudes(n)
    held: list[Money | None] = [None] * n
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for k, m in enumerate(given):
            held[k] = Money(m, "万元")
        if summed:
            total(held)  # type: ignore[arg-type]
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    copies = sum(
        sys.getsizeof(h.magnitude)
        for h, m in zip(held, given, strict=True)
        if h is not None and h.magnitude is not m
    )
    return (after - before - copies) / n


def _values(q: Money) -> dict[str, object]:
    """The values a Money holds in its slots (those set), by slot name."""
    found: dict[str, object] = {}
    for cls in type(q).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        for name in (slots,) if isinstance(slots, str) else slots:
            if name in found or name == "__weakref__":
                continue
            try:
                found[name] = object.__getattribute__(q, name)
            except AttributeError:
                continue  # a slot left empty (computed lazily, not yet asked for)
    return found


def sized() -> tuple[int, list[str]]:
    """``sys.getsizeof`` of a Money and of each value it holds that no other amount
    shares (found by comparing two amounts of the same unit), and a note of each."""
    a_mag, b_mag = Decimal("1234.56"), Decimal("98.7")
    a, b = Money(a_mag, "万元"), Money(b_mag, "万元")
    mine, other = _values(a), _values(b)
    size = sys.getsizeof(a)
    notes = [f"the object {size}"]
    for name, value in mine.items():
        if value is a_mag:
            notes.append(f"{name}: the Decimal given")
        elif value is None or value is other.get(name) or isinstance(value, bool):
            notes.append(f"{name}: shared")
        else:
            own = sys.getsizeof(value)
            size += own
            notes.append(f"{name}: {type(value).__name__} {own}")
    return size, notes


def bench_memory(n: int) -> None:
    traced = traced_bytes(n)
    decimal_size = sys.getsizeof(Decimal("1234.56"))
    print(
        f"{pad('memory of a Money over its Decimal')} {traced:6.1f} bytes a Money "
        f"(traced over {n:,}; the Decimal itself {decimal_size} bytes)  aim ≤ 100 bytes"
    )
    summed = traced_bytes(n, summed=True)
    print(f"{pad('  (information) after a total() of them')} {summed:6.1f} bytes a Money")
    size, notes = sized()
    print(f"{pad('  (information) sys.getsizeof')} {size} bytes: {'; '.join(notes)}")


# -- 3. sums -------------------------------------------------------------------------------


def bench_total(n: int, rounds: int) -> None:
    """``total()`` of n mixed-unit Money against ``sum()`` of the same amounts as Decimals,
    on amounts made afresh for each timing and on amounts summed before."""
    pairs = mixed(n)
    plain = [Money(m, u).to("元").magnitude for m, u in pairs]  # the same amounts, in 元

    def fresh_total() -> object:
        amounts = [Money(m, u) for m, u in pairs]
        return lambda: total(amounts)

    amounts = [Money(m, u) for m, u in pairs]
    if total(amounts, unit="元").magnitude != sum(plain):
        raise SystemExit("total() and sum() disagree")
    if total([Money(m, u) for m, u in pairs]) != total(amounts):
        raise SystemExit("total() of fresh and of summed amounts disagree")
    t = compare(fresh_total, lambda: lambda: sum(plain), rounds, fresh=True)
    name = f"total() of {n:,} fresh mixed-unit Money"
    report(name, t, "≤ 1.5×", per=n, baseline="sum()")
    t = compare(lambda: total(amounts), lambda: sum(plain), rounds)
    report("total() of the same, summed before", t, "≤ 1.5×", per=n, baseline="sum()")

    texts = [(format(m, "f"), u) for m, u in pairs]
    texts_yuan = [format(p, "f") for p in plain]

    def make_and_total() -> None:
        total([Money(m, u) for m, u in texts])

    def make_and_sum() -> None:
        sum([Decimal(m) for m in texts_yuan])

    t = compare(make_and_total, make_and_sum, rounds)
    report("  (information) made from text, summed", t, "-", per=n, baseline="Decimal")
    # amounts finer than a millionth of a 元: no shortcut of whole millionths
    fine_pairs = [(m + Decimal("0.0000001"), u) for m, u in pairs[: n // 10]]
    fine = [Money(m, u) for m, u in fine_pairs]
    fine_plain = [q.to("元").magnitude for q in fine]
    if total(fine, unit="元").magnitude != sum(fine_plain):
        raise SystemExit("total() and sum() disagree on amounts finer than 0.000001元")
    t = compare(lambda: total(fine), lambda: sum(fine_plain), rounds)
    name = "  (information) finer than 0.000001元"
    report(name, t, "-", per=len(fine), baseline="sum()", modes=(RUNNING,))


# -- 4. reading figures -------------------------------------------------------------------


def bench_parse(n: int, rounds: int) -> None:
    """``Figure.parse`` against pint parsing the same plain figures."""
    texts = ["12345.6万元", "320万人次", "159.3万元", "36项", "2100个", "4.5万亩"] * (n // 6)

    def ours() -> None:
        for t in texts:
            Figure.parse(t)

    def pint_parse() -> None:
        for t in texts:
            ureg.Quantity(t)

    for text in texts[:6]:  # both read the same value
        if Figure.parse(text).value.to_pint() != ureg.Quantity(text):  # type: ignore[union-attr]
            raise SystemExit(f"pint and Figure.parse disagree on {text}")
    t = compare(ours, pint_parse, rounds)
    report(f"Figure.parse of {len(texts):,} figures", t, "≤ 0.1×", per=len(texts), baseline="pint")
    qualified = ["2万人次以上", "600余家", "近5.5亿元", "约100人左右", "3～5亿元", "20xx万元"]
    qualified *= len(texts) // 6

    def ours_qualified() -> None:
        for q in qualified:
            Figure.parse(q)

    t = compare(ours_qualified, pint_parse, rounds, modes=(PAUSED,))
    name = "  (information) qualified figures"
    report(name, t, "-", per=len(qualified), baseline="pint")


# -- 5. import -----------------------------------------------------------------------------

#: The third-party packages the library may import when it is imported.
DEPENDENCIES = ("attrs", "cattrs", "pint", "tomli_w")

_FIND = (
    "import sys; before = set(sys.modules); import sciplan_model; "
    "print(__import__('json').dumps(sorted({m.split('.')[0] for m in set(sys.modules) - before})))"
)


def imported_dependencies() -> list[str]:
    """The packages of ``DEPENDENCIES`` that ``import sciplan_model`` imports."""
    out = subprocess.run([sys.executable, "-c", _FIND], check=True, capture_output=True)
    found = set(json.loads(out.stdout.decode().strip().splitlines()[-1]))
    return [d for d in DEPENDENCIES if d in found]


def _run(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True)


def bench_import(rounds: int) -> None:
    """``import sciplan_model`` against importing the packages it imports, each in a
    new interpreter (the collector's mode is the child's own: one mode)."""
    deps = imported_dependencies()
    if "cattrs" in deps:
        print("note: import sciplan_model imports cattrs; it is in the baseline")
    baseline = f"import {', '.join(deps)}"
    for code in ("import sciplan_model", baseline):  # warm the bytecode caches
        _run(code)
    t = compare(
        lambda: _run("import sciplan_model"), lambda: _run(baseline), rounds, modes=(RUNNING,)
    )
    empty = compare(lambda: _run("pass"), lambda: _run("pass"), rounds, modes=(RUNNING,))
    print(f"(a bare interpreter starts in {empty.min('ours') * 1e3:.1f} ms; the lines include it)")
    name = f"import sciplan_model vs {baseline}"  # what it imports
    report(name, t, "≤ 1.3×", baseline="deps")
    first = compare(
        lambda: _run("import sciplan_model; sciplan_model.Figure.parse('159.3万元')"),
        lambda: _run(baseline),
        rounds,
        modes=(RUNNING,),
    )
    report("  (information) and read one figure", first, "-", baseline="deps")


def main() -> None:
    """Run every benchmark of the foundation."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one round")
    args = parser.parse_args()
    quick = args.quick
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    legend()
    bench_make(20_000 if quick else 200_000, 1 if quick else 7)
    bench_memory(20_000 if quick else 100_000)
    bench_total(50_000 if quick else 1_000_000, 1 if quick else 7)
    bench_parse(6_000 if quick else 60_000, 1 if quick else 5)
    bench_import(1 if quick else 20)


if __name__ == "__main__":
    main()
