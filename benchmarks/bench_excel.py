"""Benchmark of project lists in and out of workbooks: 100,000 projects.

Run with ``python benchmarks/bench_excel.py`` (``--quick`` for 5,000 rows and one round).
Needs the ``excel`` extra and openpyxl (the ``test`` extra).

The list is shaped like a bureau's: 序号, 项目编号, 项目名称, 计划类别, 级别, 承担单位,
立项年度, 下达经费（万元）, 自筹经费（万元）, one row a project, amounts of one or two
decimals drawn at random (so that few repeat), and a 合计 row.  The script times:

1. ``read_projects(path)`` against openpyxl's own ``iter_rows(values_only=True)`` over
   the same file (the aim: at most 1.5× of it), and, for information, against
   python-calamine's bare ``to_python()``, which only reads the cells;
2. writing the same projects with :func:`~sciplan_model._workbook.write_projects`
   (number formats, widths, a 合计 row, the note sheet's checks, the atomic write)
   against a bare XlsxWriter loop that turns the projects into rows (级别 in Chinese,
   amounts as doubles) and writes them as plain numbers and text (the aim: at most 2×
   of it); for information, against the same loop given the rows ready-made (the
   cells alone), and openpyxl's write-only mode doing what the bare loop does.

Before timing, the script checks that the projects read are the projects written.  The
sides of each line are timed interleaved round by round, with the collector running and
paused, and the minimum and median of the rounds are reported with their ratios (see
``_timing.py``).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from _timing import RUNNING, compare, fmt_time, legend, report
from sciplan_model import (
    Funding,
    FundingSource,
    FundingStage,
    Level,
    Money,
    Organization,
    Project,
    Year,
    read_projects,
)

HEADER = [
    "序号",
    "项目编号",
    "项目名称",
    "计划类别",
    "级别",
    "承担单位",
    "立项年度",
    "下达经费（万元）",
    "自筹经费（万元）",
]
_LEVELS = [Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL, Level.COUNTY]
_PROGRAMMES = ["重点研发计划", "科技成果转化", "星火计划", "科技特派员", "创新平台建设"]


def projects(n: int) -> list[Project]:
    """``n`` projects as a county's list holds them, amounts random to the 0.01万元."""
    rng = random.Random(20241203)
    out = []
    for k in range(n):
        level = _LEVELS[k % 4]
        lines = [
            Funding(
                amount=Money(Decimal(rng.randrange(100, 50000)) / 100, "万元"),
                source=FundingSource(level.value),
                stage=FundingStage.ALLOCATED,
            )
        ]
        if k % 3:
            lines.append(
                Funding(
                    amount=Money(Decimal(rng.randrange(0, 20000)) / 10, "万元"),
                    source=FundingSource.ENTERPRISE,
                )
            )
        out.append(
            Project(
                id=f"XM{2024}{k:06d}",
                name=f"第{k}号科技示范与推广项目",
                programme=_PROGRAMMES[k % len(_PROGRAMMES)],
                level=level,
                year=Year(2020 + k % 5),
                undertaker=Organization(name=f"某某科技有限公司{k % 700}"),
                funding=lines,
            )
        )
    return out


def bureau_rows(items: list[Project]) -> list[list[Any]]:
    """The rows of the list as a bureau types them: numbers as Excel numbers."""
    rows: list[list[Any]] = [HEADER]
    for k, p in enumerate(items, 1):
        allocated = p.funding[0].amount.magnitude
        own = p.funding[1].amount.magnitude if len(p.funding) > 1 else None
        rows.append(
            [
                k,
                p.id,
                p.name,
                p.programme,
                p.level.chinese if p.level else None,
                p.undertaker.name if p.undertaker else None,
                p.year.value if p.year else None,
                float(allocated),
                None if own is None else float(own),
            ]
        )
    return rows


def write_bare(path: Path, rows: list[list[Any]]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("项目表")
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()


def write_openpyxl(path: Path, rows: list[list[Any]]) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("项目表")
    for row in rows:
        sheet.append(row)
    book.save(path)


def read_openpyxl(path: Path) -> int:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return n


def read_calamine(path: Path) -> int:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return len(book.get_sheet_by_index(0).to_python())


def _canon(p: Project) -> Project:
    """The project with its funding lines in the order of the writer's columns."""
    sources = list(FundingSource)
    lines = sorted(p.funding, key=lambda f: (f.stage.order, sources.index(f.source)))
    return attrs.evolve(p, funding=lines)


def main() -> None:
    sys.set_int_max_str_digits(0)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="5,000 rows, one round")
    parser.add_argument("--rows", type=int, default=None, help="the number of projects")
    args = parser.parse_args()
    n = args.rows or (5_000 if args.quick else 100_000)
    rounds = 1 if args.quick else 3
    items = projects(n)
    rows = bureau_rows(items)
    with tempfile.TemporaryDirectory() as folder:
        typed = Path(folder) / "typed.xlsx"
        write_bare(typed, rows)
        sheet = read_projects(typed)
        if list(sheet) != items:
            raise SystemExit("the projects read are not the projects typed")
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
        print(f"{n:,} projects, {sum(len(p.funding) for p in items):,} funding lines")
        legend()
        t = compare(lambda: read_projects(typed), lambda: read_openpyxl(typed), rounds)
        report("read_projects vs openpyxl iter_rows", t, "≤ 1.5×", baseline="openpyxl")
        print(f"  per row: ours {fmt_time(t.min('ours') / n)} (collector running, minimum)")
        t = compare(
            lambda: read_projects(typed), lambda: read_calamine(typed), rounds, modes=(RUNNING,)
        )
        report("  (information) vs calamine to_python", t, "-", baseline="calamine")

        from sciplan_model._workbook import write_projects

        written = Path(folder) / "written.xlsx"
        write_projects(items, written)
        if [_canon(p) for p in read_projects(written)] != [_canon(p) for p in items]:
            raise SystemExit("the projects written are not read back")
        bare = Path(folder) / "bare.xlsx"
        t = compare(
            lambda: write_projects(items, written),
            lambda: write_bare(bare, bureau_rows(items)),
            rounds,
        )
        report("write_projects vs bare XlsxWriter loop", t, "≤ 2×", baseline="xlsxwriter")
        t = compare(
            lambda: write_projects(items, written),
            lambda: write_bare(bare, rows),
            rounds,
            modes=(RUNNING,),
        )
        report("  (information) vs its cells alone", t, "-", baseline="xlsxwriter")
        t = compare(
            lambda: write_projects(items, written),
            lambda: write_openpyxl(bare, bureau_rows(items)),
            rounds,
            modes=(RUNNING,),
        )
        report("  (information) vs openpyxl write-only", t, "-", baseline="openpyxl")


if __name__ == "__main__":
    main()
