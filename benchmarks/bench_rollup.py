"""Benchmark of roll-ups and validation over a synthetic province of 100,000 projects.

Run with ``python benchmarks/bench_rollup.py`` (add ``--quick`` for a tenth of the
province and one round, what CI runs, and ``--profile`` for a cProfile summary of one
roll-up and one validation).  Needs pandas (the project's ``bench`` extra).

The province (``_province.py``) has 100 counties in 10 cities, and for each county an
annual plan for each of 2021–2025 with 200 projects (2–3 funding lines each, all in
万元) and 20 "共…其中…" breakdowns: 500 plans, 100,000 projects, about 250,000 funding
lines.  Over all its projects the script times:

1. ``rollup(projects, by=("level", "year"))`` against a hand-written loop that adds the
   same amounts as plain ``Decimal``\\ s (the ALLOCATED lines' magnitudes: every amount
   is in 万元, so the magnitudes add up to the same sums) into a dict keyed by
   ``(p.level, p.year)``;
2. the same roll-up in pandas from the same objects: a DataFrame of one row per
   ALLOCATED line (level, year, amount) built inside the timed part, then a
   groupby-sum — once with float amounts and once with ``Decimal``\\ s in an object
   column; the script says whether the float sums are exact;
3. ``validate(plans)`` against a hand-written loop doing
   the same core checks with plain ``Decimal``\\ s: a complete breakdown's parts sum to
   its total, a partial one's parts stay below it, no amount is negative, a project's
   stage sums are ordered (planned ≥ allocated ≥ received ≥ spent, stages it does not
   state not compared), and no project id is used twice.  Aim (issue 14): ≤ 2.5× at
   province scale.

For information it also times a roll-up by ``("level", "source")`` (which sums funding
lines, not projects) and ``Plan.projects()`` against loops.

Before anything is timed the script checks that both sides of each line give the same
numbers.  The two sides of each line are timed interleaved round by round, with the
collector running and paused, and the minimum and median of the rounds are reported with
their ratios (see ``_timing.py``).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import itertools
import os
import pstats
import sys
import time
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import partial
from typing import Any

import attrs

from _province import province
from _timing import RUNNING, best_of, compare, fmt_time, legend, pad, report
from sciplan_model import (
    Breakdown,
    Figure,
    FundingStage,
    Level,
    Money,
    Plan,
    Project,
    Quantity,
    Rollup,
    Section,
    Year,
    rollup,
    validate,
)

try:
    import pandas as pd
except ImportError:  # pragma: no cover - depends on the environment
    raise SystemExit(
        'pandas is needed: python -m pip install "pandas>=2.1,<4" (the bench extra)'
    ) from None

BY = ("level", "year")
ALLOCATED = FundingStage.ALLOCATED
STAGES = tuple(FundingStage)  # planned, allocated, received, spent: the order money goes
ZERO = Decimal(0)
WAN = "万元"

Key = tuple[Level | None, Year | None]
#: The plans of the province (100 counties × 5 years), where the aim of validate holds.
PROVINCE_PLANS = 500


# -- the province ------------------------------------------------------------------------


def _sections_projects(sections: tuple[Section, ...], into: list[Project]) -> None:
    for section in sections:
        into.extend(item for item in section.items if type(item) is Project)
        _sections_projects(section.sections, into)


def loop_projects(plans: list[Plan]) -> list[Project]:
    """The projects of every plan, gathered by hand (the baseline of ``Plan.projects``)."""
    found: list[Project] = []
    for plan in plans:
        _sections_projects(plan.sections, found)
    return found


def our_projects(plans: list[Plan]) -> list[Project]:
    """The projects of every plan, through ``Plan.projects()``."""
    return [p for plan in plans for p in plan.projects()]


def prepare(counties: int) -> tuple[list[Plan], list[Project]]:
    """Build the province, say what it holds and how long it took; its plans and projects."""
    start = time.perf_counter()
    plans = province(counties=counties)
    built = time.perf_counter() - start
    projects = our_projects(plans)
    lines = [f for p in projects for f in p.funding]
    allocated = [f.amount.magnitude for f in lines if f.stage is ALLOCATED]
    breakdowns = sum(len(plan.breakdowns()) for plan in plans)
    print(
        f"a province of {len(plans):,} plans, {len(projects):,} projects, {len(lines):,} "
        f"funding lines ({len(allocated):,} allocated: {sum(allocated, ZERO):,}万元) and "
        f"{breakdowns:,} breakdowns; built in {built:.2f} s"
    )
    if len({p.id for p in projects}) != len(projects):
        raise SystemExit("the province has project ids used twice")
    return plans, projects


# -- 1. roll-up against a hand-written loop ----------------------------------------------


def loop_rollup(projects: list[Project]) -> dict[Key, Decimal]:
    """The ALLOCATED money of each (level, year), as plain Decimals."""
    sums: dict[Key, Decimal] = {}
    for p in projects:
        key = (p.level, p.year)
        s = sums.get(key, ZERO)
        for f in p.funding:
            if f.stage is ALLOCATED:
                s += f.amount.magnitude
        sums[key] = s
    return sums


def loop_rollup_by_source(projects: list[Project]) -> dict[Any, Decimal]:
    """The ALLOCATED money of each (level, funding source), as plain Decimals."""
    sums: dict[Any, Decimal] = {}
    for p in projects:
        for f in p.funding:
            if f.stage is ALLOCATED:
                key = (p.level, f.source)
                sums[key] = sums.get(key, ZERO) + f.amount.magnitude
    return sums


def in_wan(r: Rollup) -> dict[Any, Decimal]:
    """A roll-up's sums as magnitudes in 万元."""
    return {key: value.to(WAN).magnitude for key, value in r.items()}  # type: ignore[union-attr]


def bench_rollup(plans: list[Plan], projects: list[Project], repeat: int) -> dict[Key, Decimal]:
    """Time ``rollup`` against the loop (and, for information, gathering the projects of
    the plans); the exact sums."""
    exact = loop_rollup(projects)
    if in_wan(rollup(projects, by=BY)) != exact:
        raise SystemExit("rollup() and the loop disagree")
    by_source = ("level", "source")
    if in_wan(rollup(projects, by=by_source)) != loop_rollup_by_source(projects):
        raise SystemExit("rollup(by=source) and the loop disagree")
    if our_projects(plans) != loop_projects(plans):
        raise SystemExit("Plan.projects() and the loop find other projects")
    n = len(projects)
    t = compare(partial(rollup, projects, by=BY), partial(loop_rollup, projects), repeat)
    report(f"rollup(by=(level, year)), {n:,} projects", t, "≤ 2×", baseline="loop")
    t = compare(
        partial(rollup, projects, by=by_source),
        partial(loop_rollup_by_source, projects),
        repeat,
    )
    report("  (information) by=(level, source)", t, "-", baseline="loop")
    t = compare(partial(our_projects, plans), partial(loop_projects, plans), repeat)
    name = f"  (information) Plan.projects(), {len(plans)} plans"
    report(name, t, "-", baseline="loop", modes=(RUNNING,))
    return exact


# -- 2. roll-up against pandas -------------------------------------------------------------


def pandas_float(projects: list[Project]) -> pd.Series:
    """The ALLOCATED money of each (level, year) in pandas, amounts as floats."""
    levels: list[str] = []
    years: list[int | None] = []
    amounts: list[float] = []
    for p in projects:
        for f in p.funding:
            if f.stage is ALLOCATED:
                levels.append(p.level.value)  # type: ignore[union-attr]
                years.append(p.year.value)  # type: ignore[union-attr]
                amounts.append(float(f.amount.magnitude))
    frame = pd.DataFrame({"level": levels, "year": years, "amount": amounts})
    return frame.groupby(["level", "year"], sort=False)["amount"].sum()


def pandas_decimal(projects: list[Project]) -> pd.Series:
    """The same with the amounts as Decimals in an object column."""
    levels: list[str] = []
    years: list[int | None] = []
    amounts: list[Decimal] = []
    for p in projects:
        for f in p.funding:
            if f.stage is ALLOCATED:
                levels.append(p.level.value)  # type: ignore[union-attr]
                years.append(p.year.value)  # type: ignore[union-attr]
                amounts.append(f.amount.magnitude)
    frame = pd.DataFrame(
        {"level": levels, "year": years, "amount": pd.Series(amounts, dtype=object)}
    )
    return frame.groupby(["level", "year"], sort=False)["amount"].sum()


def _plain_keys(exact: dict[Key, Decimal]) -> dict[tuple[str, int], Decimal]:
    return {
        (level.value, year.value): s  # type: ignore[union-attr,misc]
        for (level, year), s in exact.items()
    }


def float_exactness(result: pd.Series, exact: dict[Key, Decimal]) -> str:
    """How far pandas' float sums are from the exact ones, in words."""
    want = _plain_keys(exact)
    got = {key: float(x) for key, x in result.items()}
    if set(got) != set(want):
        raise SystemExit("pandas (float) finds other groups than the loop")
    shown = sum(Decimal(repr(got[k])) != want[k] for k in want)
    rounded = sum(Decimal(repr(round(got[k], 2))) != want[k] for k in want)
    binary = sum(Decimal(got[k]) != want[k] for k in want)
    worst = max(abs(Decimal(got[k]) - want[k]) for k in want)
    return (
        f"pandas float sums: {shown} of {len(want)} groups differ from the exact sums "
        f"as printed (repr), {binary} as binary values\n{pad('')}  (largest error "
        f"{worst:.3g}万元), {rounded} after rounding to 0.01万元"
    )


def bench_pandas(projects: list[Project], exact: dict[Key, Decimal], repeat: int) -> None:
    """Time ``rollup`` against pandas built from the same objects, floats and Decimals."""
    as_floats = pandas_float(projects)
    exactness = float_exactness(as_floats, exact)
    as_decimals = pandas_decimal(projects)
    if {key: Decimal(x) for key, x in as_decimals.items()} != _plain_keys(exact):
        raise SystemExit("pandas (Decimal) and the loop disagree")
    ours = partial(rollup, projects, by=BY)
    floats = compare(ours, partial(pandas_float, projects), repeat)
    decimals = compare(ours, partial(pandas_decimal, projects), repeat)
    # for information: pandas' groupby-sum alone, on a frame built beforehand
    rows = [
        (p.level.value, p.year.value, float(f.amount.magnitude))  # type: ignore[union-attr]
        for p in projects
        for f in p.funding
        if f.stage is ALLOCATED
    ]
    frame = pd.DataFrame(rows, columns=["level", "year", "amount"])
    group_only = best_of(
        lambda: frame.groupby(["level", "year"], sort=False)["amount"].sum(), repeat
    )

    report("rollup() vs pandas, float amounts", floats, "< 1×, exact", baseline="pandas")
    report("rollup() vs pandas, Decimal amounts", decimals, "< 1×", baseline="pandas")
    print(
        f"{pad('  (information) pandas groupby-sum alone')} "
        f"{fmt_time(group_only)} on a float frame built beforehand"
    )
    print(f"{pad('')} {exactness}")
    print(f"{pad('')} pandas Decimal sums: exact in every group")


# -- 3. validation against a hand-written loop ------------------------------------------


def loop_validate(plans: Iterable[Plan]) -> list[str]:
    """The core checks of validation, with plain Decimals: one finding a problem."""
    findings: list[str] = []
    seen: set[str] = set()
    for plan in plans:
        stack = list(plan.sections)
        while stack:
            section = stack.pop()
            stack.extend(section.sections)
            for item in section.items:
                kind = type(item)
                if kind is Project:
                    _check_project(item, seen, findings)  # type: ignore[arg-type]
                elif kind is Breakdown:
                    _check_breakdown(item, findings)  # type: ignore[arg-type]
    return findings


def _check_project(p: Project, seen: set[str], findings: list[str]) -> None:
    if p.id in seen:
        findings.append(f"{p.id}: id used twice")
    seen.add(p.id)
    sums: dict[FundingStage, Decimal] = {}
    for f in p.funding:
        m = f.amount.magnitude
        if m < 0:
            findings.append(f"{p.id}: negative amount {m}")
        sums[f.stage] = sums.get(f.stage, ZERO) + m
    if len(sums) > 1:
        present = [sums[s] for s in STAGES if s in sums]
        if any(a < b for a, b in itertools.pairwise(present)):
            findings.append(f"{p.id}: stage sums out of order")


def _check_breakdown(b: Breakdown, findings: list[str]) -> None:
    whole = b.total.value
    if whole is None:
        return
    parts = ZERO
    for part in b.parts:
        value = part.figure.value
        if value is not None:
            parts += value.magnitude
    if parts != whole.magnitude if b.complete else parts > whole.magnitude:
        findings.append(f"{b.subject}: parts {parts} against {whole}")


def broken() -> list[Plan]:
    """A small province with one problem of each kind the loop looks for: a negative
    amount, stage sums out of order, a complete breakdown that does not add up, a
    partial one above its total, and a project id used twice."""
    plans = province(counties=2, years=1, projects=5, breakdowns=4)
    first, second = plans
    projects = list(first.sections[1].sections[1].items)
    p = projects[0]
    assert isinstance(p, Project)
    line = p.funding[0]
    negative = attrs.evolve(line, amount=Money(-1, WAN))
    more = Money(sum(abs(f.amount.magnitude) for f in p.funding) + 1, WAN)
    disordered = attrs.evolve(line, amount=more, stage=FundingStage.SPENT)
    projects[0] = attrs.evolve(p, funding=(negative, *p.funding[1:], disordered))
    breakdowns = list(first.sections[0].items)
    complete = breakdowns[0]
    assert isinstance(complete, Breakdown)
    assert complete.total.value is not None
    wrong = Figure(complete.total.value + Quantity(1, complete.total.unit))
    breakdowns[0] = attrs.evolve(complete, total=wrong)
    part = complete.parts[0]
    breakdowns[1] = attrs.evolve(
        complete, complete=False, levels=(), parts=[attrs.evolve(part, figure=wrong)]
    )
    twin = attrs.evolve(second.projects()[0], id=projects[1].id)  # type: ignore[union-attr]
    first = attrs.evolve(
        first,
        sections=[
            attrs.evolve(first.sections[0], items=breakdowns),
            attrs.evolve(
                first.sections[1],
                sections=[
                    first.sections[1].sections[0],
                    attrs.evolve(first.sections[1].sections[1], items=[*projects, twin]),
                ],
            ),
        ],
    )
    return [first, second]


def _codes(report: Any) -> list[str]:
    return sorted({str(getattr(f, "code", f)) for f in report.findings})


#: What validate() must find in the broken plans: the loop's five problems.
BROKEN_CODES = [
    "breakdown.exceeds",
    "breakdown.sum",
    "funding.negative",
    "funding.stages",
    "identity.duplicate",
]


def bench_validate(plans: list[Plan], repeat: int) -> None:
    """Time ``validate`` against the loop, after checking that both find nothing wrong
    in the province and the same five problems in a broken copy."""
    found = loop_validate(plans)
    if found:
        raise SystemExit(f"the loop finds problems in the province: {found[:3]}")
    result = validate(plans)
    if result.findings:
        shown = [str(f) for f in list(result.findings)[:3]]
        raise SystemExit(f"validate finds what the loop does not: {shown}")
    bad = broken()
    if len(loop_validate(bad)) != len(BROKEN_CODES):
        raise SystemExit(f"the loop misses problems of the broken plans: {loop_validate(bad)}")
    bad_report = validate(bad)
    if _codes(bad_report) != BROKEN_CODES:
        raise SystemExit(f"validate does not find the broken plans' problems: {bad_report}")
    # the negative planned line also puts the stages out of order a second time, which
    # validate reports and the loop (one problem a project) does not
    print(
        "validate: nothing found in the province, as by the loop; in the broken plans "
        f"the loop's five kinds of problem ({', '.join(BROKEN_CODES)}), "
        f"in {len(bad_report.findings)} findings"
    )
    t = compare(partial(validate, plans), partial(loop_validate, plans), repeat)
    # the aim of issue 14 holds at province scale; a smaller run only shows the way
    aim = "≤ 2.5×" if len(plans) >= PROVINCE_PLANS else f"≤ 2.5× at {PROVINCE_PLANS} plans"
    report(f"validate() of {len(plans)} plans", t, aim, baseline="loop")


# -- profile -----------------------------------------------------------------------------


def profile(plans: list[Plan], projects: list[Project]) -> None:
    """Print cProfile's top 15 functions by cumulative time, and the top 10 by their own
    time, for one roll-up and (when it exists) one validation."""
    runs: list[tuple[str, Callable[[], object]]] = [
        ("rollup(projects, by=(level, year))", partial(rollup, projects, by=BY)),
        (
            "rollup(projects, by=(level, source))",
            partial(rollup, projects, by=("level", "source")),
        ),
    ]
    runs.append(("validate(plans)", partial(validate, plans)))
    for name, fn in runs:
        gc.collect()
        profiler = cProfile.Profile()
        profiler.runcall(fn)
        for order, top in (("cumulative", 15), ("tottime", 10)):
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).strip_dirs()
            stats.sort_stats(order).print_stats(top)
            print(f"\ncProfile of one {name}, top {top} by {order} time:")
            lines = out.getvalue().splitlines()
            print("\n".join(line for line in lines if line.strip()))


def main() -> None:
    """Run the roll-up and validation benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--quick", "--small", action="store_true", help="a tenth of the province, one round"
    )
    parser.add_argument("--profile", action="store_true", help="also profile one of each")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, pandas {pd.__version__}")
    legend()
    plans, projects = prepare(10 if args.quick else 100)
    repeat = 1 if args.quick else 5
    exact = bench_rollup(plans, projects, repeat)
    bench_pandas(projects, exact, repeat)
    bench_validate(plans, repeat)
    if args.profile:
        profile(plans, projects)


if __name__ == "__main__":
    main()
