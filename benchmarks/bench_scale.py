"""Benchmark of Parquet datasets and roll-ups in DuckDB, at province and national scale.

Run with ``python benchmarks/bench_scale.py`` (the province: 100 counties × 5 years ×
200 projects), ``--quick`` (10 counties, one round: what CI runs), or ``--national``
(2,800 counties × 5 years × 200 projects: 2.8 million projects, about 7 million
funding lines; it takes a quarter of an hour and a few GB of disk in the temporary
folder).  Needs the ``arrow`` and ``duckdb`` extras.

The plans are generated like the province of ``bench_rollup.py`` (``_province.py``);
the national ones over 31 provinces, one plan at a time, never all in memory.

At province scale, in one process, the sides interleaved round by round, with the
collector running and paused (minimum and median of the rounds; see ``_timing.py``):

1. ``rollup(dataset, by=("level", "year"))`` (DuckDB, over the Parquet files) against
   ``rollup`` of the same plans' projects in Python, the plans in memory: of their
   entries (``plan.walk(Project)``, which also answer for region and period), and of
   the bare projects (the fastest path in Python).  Aim: DuckDB at least 10× faster.
2. The same roll-up against a hand-written DuckDB SQL query over the same files: the
   projects counted and the allocated money summed by level and year, as an analyst
   would write it.  Aim: within 2×.
3. For information: the first roll-up of a freshly opened dataset (DuckDB starting, the
   views made), and ``read_dataset(folder).plans()`` followed by the Python roll-up
   (the Python way from the same files).

Each national step runs in a child process of its own, which reports its time and its
peak memory (the maximum resident set size): writing the dataset from the generator,
the DuckDB roll-up by (level, year), the hand-written query, and the Python roll-up of
the same plans built in memory (about 6 GB of Python objects).  Aim: the national
DuckDB roll-up's peak memory under 4 GB.

Before anything is timed the script checks that the DuckDB roll-up equals the Python
roll-up, and that the hand-written query gives the same sums; at national scale it
checks the two roll-ups' tables (every group's sum and count) are the same.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from _province import country, province
from _timing import best_of, fmt_time, legend, measure, report
from sciplan_model import Project, read_dataset, rollup, write_dataset

BY = ("level", "year")
HAND = """
    WITH counted AS (
        SELECT level, project_year, count(*) AS projects
        FROM read_parquet('{folder}/projects/**/*.parquet', hive_partitioning = true)
        GROUP BY ALL),
    summed AS (
        SELECT level, project_year, sum(base_value) AS yuan
        FROM read_parquet('{folder}/funding/**/*.parquet', hive_partitioning = true)
        WHERE stage = 'allocated'
        GROUP BY ALL)
    SELECT * FROM counted LEFT JOIN summed USING (level, project_year)
"""


def peak_mb() -> float:
    """This process's peak resident set size, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def hand_sums(con: Any, folder: Path) -> dict[tuple[Any, Any], tuple[int, Decimal | None]]:
    rows = con.execute(HAND.format(folder=folder)).fetchall()
    return {(level, year): (n, s) for level, year, n, s in rows}


def check(r: Any, expected: Any, hand: dict[tuple[Any, Any], tuple[int, Decimal | None]]) -> None:
    if r != expected or list(r) != list(expected):
        raise SystemExit("the DuckDB roll-up differs from the Python roll-up")
    for key, value in r.items():
        level, year = key
        n, yuan = hand[
            (None if level is None else level.value, None if year is None else str(year))
        ]
        if n != r.count(key) or value.to("元").magnitude != yuan:
            raise SystemExit(
                f"the hand-written query differs at {key}: {n}, {yuan} against {value}"
            )


def province_scale(counties: int, repeat: int, work: Path) -> None:
    start = time.perf_counter()
    plans = province(counties=counties)
    built = time.perf_counter() - start
    projects = sum(len(p.projects()) for p in plans)
    print(f"{len(plans)} plans, {projects} projects (built in {built:.1f} s)")
    folder = work / "province"
    start = time.perf_counter()
    write_dataset(plans, folder)
    wrote = time.perf_counter() - start
    files = sum(1 for _ in folder.rglob("*.parquet"))
    size = sum(f.stat().st_size for f in folder.rglob("*.parquet")) / 1e6
    print(f"write_dataset: {wrote:.2f} s, {files} files, {size:.1f} MB")

    start = time.perf_counter()
    dataset = read_dataset(folder)
    cold_result = rollup(dataset, by=BY)
    cold = time.perf_counter() - start
    entries = [e for p in plans for e in p.walk(Project)]
    expected = rollup(entries, by=BY)
    con = duckdb.connect()
    check(cold_result, expected, hand_sums(con, folder))

    bare = [p for plan in plans for p in plan.projects()]
    if rollup(bare, by=BY) != expected:
        raise SystemExit("the roll-ups of projects and of their entries differ")
    t = measure(
        {
            "duckdb": lambda: rollup(dataset, by=BY),
            "python": lambda: rollup(entries, by=BY),
            "projects": lambda: rollup(bare, by=BY),
            "hand": lambda: hand_sums(con, folder),
        },
        repeat,
    )
    legend()
    duck = {"ours": "duckdb"}
    report(
        "rollup(dataset) vs Python rollup", t, "≤ 0.10×", base="python", baseline="python", **duck
    )
    name = "  … vs Python rollup of bare projects"
    report(name, t, "≤ 0.10×", base="projects", baseline="python", **duck)
    report("rollup(dataset) vs hand-written SQL", t, "≤ 2×", base="hand", baseline="SQL", **duck)
    print(f"first roll-up of a freshly opened dataset: {fmt_time(cold)} (information)")
    start = time.perf_counter()
    again = [e for p in read_dataset(folder).plans() for e in p.walk(Project)]
    rollup(again, by=BY)
    print(
        f"plans read back from the dataset, then the Python roll-up: "
        f"{fmt_time(time.perf_counter() - start)} (information)"
    )


def child(step: str, folder: Path, counties: int) -> dict[str, Any]:
    """Run one national step in a child process; its time and peak memory."""
    found = subprocess.run(
        [
            sys.executable,
            __file__,
            "--step",
            step,
            "--folder",
            str(folder),
            "--counties",
            str(counties),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(found.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def step(name: str, folder: Path, counties: int) -> None:
    """One national step, in this process: print its time and peak memory as JSON.  A
    roll-up step times its first run (``seconds``: the engine started, the files found)
    and then the best of three more (``warm``)."""
    extra: dict[str, Any] = {}
    start = time.perf_counter()
    if name == "write":
        write_dataset(country(counties=counties), folder)
        seconds = time.perf_counter() - start
        extra["files"] = sum(1 for _ in folder.rglob("*.parquet"))
        extra["mb"] = sum(f.stat().st_size for f in folder.rglob("*.parquet")) / 1e6
    elif name == "duckdb":
        dataset = read_dataset(folder)
        r = rollup(dataset, by=BY)
        seconds = time.perf_counter() - start
        extra["groups"] = len(r)
        extra["projects"] = sum(r.count(k) for k in r)
        extra["total"] = str(r.total)
        extra["table"] = str(r)
        extra["warm"] = best_of(lambda: rollup(dataset, by=BY), 3)
    elif name == "python":
        plans = list(country(counties=counties))
        built = time.perf_counter() - start
        entries = [e for p in plans for e in p.walk(Project)]
        start = time.perf_counter()
        r = rollup(entries, by=BY)
        seconds = time.perf_counter() - start
        extra["built"] = built
        extra["projects"] = sum(r.count(k) for k in r)
        extra["table"] = str(r)
        extra["warm"] = best_of(lambda: rollup(entries, by=BY), 2)
    else:
        con = duckdb.connect()
        hand_sums(con, folder)
        seconds = time.perf_counter() - start
        extra["warm"] = best_of(lambda: hand_sums(con, folder), 3)
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb(), **extra}))


def national(counties: int, work: Path, keep: Path | None) -> None:
    folder = keep or work / "nation"
    print(f"national: {counties} counties × 5 years × 200 projects, one plan at a time")
    if keep is None or not keep.exists():
        wrote = child("write", folder, counties)
        print(
            f"write_dataset: {wrote['seconds']:.0f} s, peak {wrote['peak_mb']:.0f} MB, "
            f"{wrote['files']} files, {wrote['mb']:.0f} MB"
        )
    ours = child("duckdb", folder, counties)
    hand = child("hand", folder, counties)
    print(
        f"rollup(read_dataset(folder), by=(level, year)): first {ours['seconds']:.2f} s, "
        f"then {ours['warm']:.2f} s; peak {ours['peak_mb']:.0f} MB (aim < 4096 MB); "
        f"{ours['groups']} groups, {ours['projects']} projects, total {ours['total']}"
    )
    print(
        f"hand-written SQL over the same files: first {hand['seconds']:.2f} s, then "
        f"{hand['warm']:.2f} s; peak {hand['peak_mb']:.0f} MB"
    )
    print(
        f"ratio to the hand-written query: first {ours['seconds'] / hand['seconds']:.2f}×, "
        f"then {ours['warm'] / hand['warm']:.2f}× (aim ≤ 2×)"
    )
    python = child("python", folder, counties)
    if python["table"] != ours["table"]:
        raise SystemExit("the national DuckDB roll-up differs from the Python roll-up")
    print(
        f"Python roll-up of the same {python['projects']} projects (the plans built in memory "
        f"in {python['built']:.0f} s): {python['seconds']:.2f} s, then {python['warm']:.2f} s; "
        f"peak {python['peak_mb']:.0f} MB; DuckDB's first roll-up takes "
        f"{ours['seconds'] / python['seconds']:.2f}× its time"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 counties, one round")
    parser.add_argument("--counties", type=int, default=None)
    parser.add_argument("--national", action="store_true", help="2,800 counties as well")
    parser.add_argument(
        "--keep", type=Path, help="write the national dataset here, or use the one there"
    )
    parser.add_argument(
        "--step", choices=("write", "duckdb", "hand", "python"), help=argparse.SUPPRESS
    )
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        step(args.step, args.folder, args.counties)
        return
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, duckdb {duckdb.__version__}")
    work = Path(tempfile.mkdtemp(prefix="sciplan-scale-"))
    try:
        counties = args.counties or (10 if args.quick else 100)
        province_scale(counties, 1 if args.quick else 7, work)
        if args.national:
            national(2800, work, args.keep)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
