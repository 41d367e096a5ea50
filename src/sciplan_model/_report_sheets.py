"""The workbooks of the library's results for people: a plan's sheets (its projects,
goals, achievements, 共…其中 statements and items), a roll-up, plans seen together, a
validation report and a report's tables, laid out as :class:`~._workbook.Sheet`\\ s for
:mod:`._workbook` to write.  The report layer: the rendering helpers of ``_display`` and
``_summary`` are its neighbours, and the workbook writer below it knows nothing of them.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ._arrow import frame_unit
from ._combine import Combined
from ._display import (
    KIND_NAMES,
    QUALIFIER_NAMES,
    key_parts,
    key_text,
    period_text,
    plan_records,
    text_cell,
    value_text,
)
from ._page import Facts, Heading, Table
from ._rollup import Rollup, Value, field_name
from ._summary import Summary, blocks
from ._workbook import TOTAL, Cell, Column, Sheet, projects_sheet
from .codes import Level
from .errors import SciplanError
from .figure import Figure, Qualifier, Range
from .model import Achievement, Breakdown, Goal, Plan, Project
from .quantity import Quantity
from .validation import Report

__all__ = ["combined_sheets", "plan_sheets", "report_sheet", "rollup_sheet", "summary_sheets"]


# -- plans -----------------------------------------------------------------------------------


def _ends(figure: Figure) -> tuple[Cell, Cell, str]:
    """A figure's low and high ends in its unit (None: unbounded or not known) and its
    unit."""
    r = figure.range
    unit = figure.unit
    if not r.is_known:
        return None, None, unit
    low = None if r.low is None else r.low.to(unit) if r.low.unit != unit else r.low
    high = None if r.high is None else r.high.to(unit) if r.high.unit != unit else r.high
    return low, high, unit


def _figure_cells(figure: Figure) -> list[Cell]:
    """数值, 下限, 上限, 单位 of a figure: its text as written and its ends."""
    low, high, unit = _ends(figure)
    return [str(figure), low, high, unit]


def _levels(levels: tuple[Level, ...]) -> str | None:
    return Level.span_name(levels) if levels else None


_FIGURE_COLUMNS = (Column("数值"), Column("下限"), Column("上限"), Column("单位"))


def _targets_sheet(plan: Plan, kind: type, title: str) -> Sheet:
    """Goals (with 力争) or achievements: where each stands and its figure."""
    goals = kind is Goal
    columns = (
        Column("章节"),
        Column("指标"),
        *_FIGURE_COLUMNS,
        *((Column("力争"),) if goals else ()),
        Column("级别"),
        Column("期间"),
        Column("路径"),
    )
    rows = []
    for e in plan.walk(kind):
        item = e.item
        assert isinstance(item, Goal | Achievement)
        stretch: list[Cell] = ["是" if item.figure.aspirational else "否"] if goals else []
        rows.append(
            (
                e.section,
                item.indicator.name,
                *_figure_cells(item.figure),
                *stretch,
                _levels(item.levels),
                period_text(e.period),
                e.path,
            )
        )
    return Sheet(title, columns, tuple(rows))


def _breakdowns_sheet(plan: Plan) -> Sheet:
    """共…其中… statements: a row for each statement's total and one for each part."""
    columns = (
        Column("章节"),
        Column("事项"),
        Column("分项"),
        *_FIGURE_COLUMNS,
        Column("期间"),
        Column("路径"),
    )
    rows: list[tuple[Cell, ...]] = []
    for e in plan.walk(Breakdown):
        b = e.item
        assert isinstance(b, Breakdown)
        when = period_text(e.period)
        rows.append((e.section, b.subject, TOTAL, *_figure_cells(b.total), when, e.path))
        for k, part in enumerate(b.parts):
            name = key_text(part.key)
            cells = _figure_cells(part.figure)
            rows.append((e.section, b.subject, name, *cells, when, f"{e.path}.parts[{k}]"))
    return Sheet("共其中", columns, tuple(rows))


def _records_sheet(plan: Plan) -> Sheet:
    """Every item of the plan, as :meth:`Plan.to_records` gives it."""
    columns = (
        Column("计划"),
        Column("路径"),
        Column("类型"),
        Column("名称"),
        Column("数值"),
        Column("值"),
        Column("上端"),
        Column("单位"),
        Column("限定"),
        Column("期间"),
    )
    rows = []
    for r in plan_records(plan):
        unit = r["unit"]

        def amount(d: Decimal | None, unit: str | None = unit) -> Cell:
            return None if d is None or unit is None else Quantity(d, unit)

        qualifier = r["qualifier"]
        rows.append(
            (
                r["plan"],
                r["path"],
                KIND_NAMES[r["type"]],
                r["label"],
                r["figure"],
                amount(r["value"]),
                amount(r["upper"]),
                unit,
                None if qualifier is None else QUALIFIER_NAMES[Qualifier(qualifier)],
                r["period"],
            )
        )
    return Sheet("条目", columns, tuple(rows))


def plan_sheets(plan: Plan) -> list[Sheet]:
    """A plan's sheets: 项目, 目标, 成果, 共其中 and 条目, those without rows left out
    (a plan with nothing still gets its 项目 sheet, headers only)."""
    sheets = [
        projects_sheet(plan.projects()),
        _targets_sheet(plan, Goal, "目标"),
        _targets_sheet(plan, Achievement, "成果"),
        _breakdowns_sheet(plan),
        _records_sheet(plan),
    ]
    return [s for s in sheets if s.rows] or sheets[:1]


# -- roll-ups --------------------------------------------------------------------------------


def _value_row(r: Rollup, key: Any, value: Value, unit: str | None, ranged: bool) -> list[Cell]:
    """数值 (an amount, or the text of a range), 下限 and 上限 (where some group is a
    range) and 单位 of a group (or of the grand total, ``key`` None)."""
    said = r.said(key) if key is not None else value_text(value)
    here = unit or _unit_of(value)
    ends: list[Cell]
    if isinstance(value, Quantity):
        amount = value if value.unit == here else value.to(here)
        ends = [amount, amount] if ranged else []
        return [amount, *ends, here]
    low = high = None
    if value.is_known:
        low = None if value.low is None else value.low.to(here)
        high = None if value.high is None else value.high.to(here)
    return [said, *([low, high] if ranged else []), here]


def _unit_of(value: Value) -> str:
    return value.unit


def rollup_sheet(r: Rollup, title: str = "汇总") -> Sheet:
    """A roll-up as a sheet: its keys, 数值 (an amount, in one unit where the groups
    measure one thing; a range as written, its ends in 下限 and 上限), 单位, 条目数,
    and a 合计 row where the groups add up (rates and shares never do)."""
    unit = frame_unit(r)
    try:
        return _rollup_sheet(r, title, unit)
    except (SciplanError, ArithmeticError):
        return _rollup_sheet(r, title, None)  # a value with no exact form in that unit


def _rollup_sheet(r: Rollup, title: str, unit: str | None) -> Sheet:
    ranged = any(isinstance(v, Range) for v in r.values())
    keys = [Column(field_name(n)) for n in r.by] or [Column("")]
    ends = [Column("下限", unit), Column("上限", unit)] if ranged else []
    summed = not r.ratio
    columns = (
        *keys,
        Column("数值", unit, summed),
        *ends,
        Column("单位"),
        Column("条目数", None, True),
    )
    rows = []
    for key, value in r.items():
        parts = key_parts(r, key) if r.by else ("合计",)
        cells = [key_text(p) for p in parts]
        rows.append((*cells, *_value_row(r, key, value, unit, ranged), r.count(key)))
    grand = r.total if r.by else None
    total_row: tuple[Cell, ...] | None = None
    if grand is not None:
        count = sum(r.count(k) for k in r)
        blank = [None] * (len(keys) - 1)
        total_row = (TOTAL, *blank, *_value_row(r, None, grand, unit, ranged), count)
    return Sheet(title, columns, tuple(rows), total_row)


# -- plans seen together, findings, reports --------------------------------------------------


def combined_sheets(c: Combined) -> list[Sheet]:
    """Plans seen together: 项目 (with the plan each was first met in), 目标 and 成果
    summed per indicator and period."""
    projects = [e.item for e in c.entries if isinstance(e.item, Project)]
    sheets = [projects_sheet(projects, plans=[e.plan.id for e in c.entries])]
    for title, r in (("目标", c.goals), ("成果", c.achievements)):
        if len(r):
            sheets.append(rollup_sheet(r, title))
    return sheets


def report_sheet(report: Report) -> Sheet:
    """A validation report's findings: 计划, 级别, 代码, 路径, 说明, 应为, 实为."""
    columns = tuple(Column(h) for h in ("计划", "级别", "代码", "路径", "说明", "应为", "实为"))
    rows = [
        (
            f.plan,
            f.severity.chinese,
            f.code,
            f.path,
            f.message,
            text_cell(f.expected),
            text_cell(f.actual),
        )
        for f in report.findings
    ]
    return Sheet("问题", columns, tuple(rows))


_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)


def _summary_cell(text: str, numeric: bool) -> Cell:
    """A cell of a report's table: in a column of numbers, a plain number or an exact
    figure with its unit (12.5万元, 36项) is written as a number; anything else (a range,
    a rate, 20xx万元, a label) as the text the report shows."""
    if not numeric:
        return text
    if _PLAIN_NUMBER.fullmatch(text):
        return Decimal(text)
    try:
        figure = Figure.parse(text)
    except SciplanError:
        return text
    if figure.qualifier is Qualifier.EXACT and figure.value is not None and str(figure) == text:
        return figure.value
    return text


def summary_sheets(s: Summary) -> list[Sheet]:
    """A report's sheets: 概况 (its facts) and one sheet per table, titled by the
    heading it stands under."""
    sheets = []
    facts: list[tuple[Cell, ...]] = []
    for part in blocks(s):
        heading = ""
        for block in part.blocks:
            if isinstance(block, Heading) and block.level in (2, 3):
                heading = block.text
            elif isinstance(block, Facts):
                facts += [(name, text) for name, text in block.pairs]
            elif isinstance(block, Table):
                columns = tuple(Column(h) for h in block.headers)
                rows = tuple(
                    tuple(_summary_cell(c.text, k in block.numeric) for k, c in enumerate(row))
                    for row in block.rows
                )
                sheets.append(Sheet(heading or "表", columns, rows))
    overview = Sheet("概况", (Column("名称"), Column("内容")), tuple(facts))
    return [overview, *sheets]
