"""A plan's report for people: a header (title, issuer, region, period, unit of money,
the date made, the source), every goal and achievement as the plan wrote it, targets
against results (完成率), the plan's own "共…其中…" statements, money by level, source,
programme, period and region, and what validation found — as text, as Markdown, and as
one self-contained HTML page with SVG charts (no script, no network) that prints on A4.

    >>> from sciplan_model import examples
    >>> s = summarize(examples.load("篇3"), made="2026-12-03")
    >>> s.validation.ok, len(s.breakdowns), len(s.achievements), len(s.lines)
    (True, 10, 68, 0)
"""

from __future__ import annotations

import contextlib
import datetime
import html
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._attainment import Attainment, attainment
from ._combine import Combined, combine
from ._exact import own_context
from ._findings import Finding, _said
from ._page import Cell, Charts, Facts, Heading, Outline, Para, Part, Table, fragment, page
from ._rollup import (
    Rollup,
    _indicator_key,
    _place,
    _show,
    _value_text,
    field_name,
    funding_stage,
)
from ._table import table
from ._walk import Entry, section_name
from .codes import FundingStage, Level
from .errors import InvalidValueError, SciplanError, WrongTypeError
from .figure import Figure, Qualifier
from .model import Achievement, Breakdown, Goal, Plan, Section
from .period import FiveYearPlan
from .quantity import Quantity
from .units import unit_info
from .validation import Report, validate

if TYPE_CHECKING:
    from ._draft import Draft

__all__ = ["Summary", "summarize"]

#: The roll-ups of project money a report shows, with their Chinese titles.
TOTALS = (("level", "级别"), ("source", "资金来源"), ("programme", "计划类别"), ("period", "期间"))
#: What each roll-up counts: projects, or (by source) funding lines.
_COUNTED = {
    "level": "项目数",
    "source": "经费条目数",
    "programme": "项目数",
    "period": "项目数",
    "region": "项目数",
}


def _counted(s: Summary, name: str) -> str:
    """What the roll-up ``name`` of a report counts: funding lines where it is by
    currency too, or else as :data:`_COUNTED` says."""
    return "经费条目数" if "currency" in s.totals[name].by else _COUNTED[name]


@attrs.frozen(repr=False)
class Line:
    """A goal of the report: its indicator, the target as written, its period, whether
    it is a stretch (力争) or a floor (确保), the plan and section it stands in, its
    levels, and what was achieved against it (None: no result for it)."""

    indicator: str
    target: Figure
    period: str
    attainment: Attainment | None
    entry: Entry | None = attrs.field(default=None, eq=False)

    @property
    def requirement(self) -> str:
        """确保 for a floor (a promise), 力争 for a stretch."""
        return "力争" if self.target.aspirational else "确保"


@attrs.frozen(repr=False)
class Summary:
    """What a report shows of one plan or several seen together: the plans, their
    combined view, money of ``stage`` rolled up (by level, source, programme, period,
    and region where plans of several regions are seen together), the plans' money
    statements ("共…其中…" in 元 by level), every statement, goal and achievement, goals
    against results, and the validation :class:`~sciplan_model.Report`; with the date
    it was made, the files it was made from and the unit of its money."""

    plans: tuple[Plan, ...]
    combined: Combined
    stage: FundingStage
    totals: dict[str, Rollup]
    statements: tuple[tuple[Entry, Breakdown], ...]
    lines: tuple[Line, ...]
    validation: Report
    #: The day the report was made (ISO form, 2026-12-03).
    made: str = ""
    #: The files the plans were read from, where known.
    sources: tuple[str, ...] = ()
    #: Every "共…其中…" statement, goal and achievement kept (a restated goal once).
    breakdowns: tuple[Entry, ...] = ()
    achievements: tuple[Entry, ...] = ()
    #: The unit money is shown in (万元 where most of the plans' money is written so).
    unit: str | None = None
    #: Figures found in a plan's text but placed in no item (plans read from text).
    unplaced: tuple[tuple[str, str], ...] = ()

    @property
    def funded(self) -> bool:
        """Whether any project carries money of the report's stage."""
        return any(f.stage is self.stage for p in self.combined.projects for f in p.funding)

    @property
    def goals(self) -> tuple[Entry, ...]:
        """The goals kept, where each stands (a goal restated in its plan once)."""
        return tuple(x.entry for x in self.lines if x.entry is not None)

    @own_context
    def __str__(self) -> str:
        return _render_text(blocks(self))

    def __repr__(self) -> str:
        ids = ", ".join(p.id for p in self.plans)
        return (
            f"Summary({ids}: {len(self.combined.projects)} projects, {len(self.lines)} goals, "
            f"{len(self.achievements)} achievements, {len(self.breakdowns)} statements)"
        )

    @own_context
    def to_markdown(self) -> str:
        """The report as Markdown (tables as pipe tables)."""
        return _render_markdown(blocks(self))

    @own_context
    def to_html(self) -> str:
        """The report as one self-contained HTML page with SVG charts, set for the
        screen and for printing on A4."""
        return page(_heading(self), blocks(self))

    @own_context
    def to_excel(self, path: str | os.PathLike[str]) -> None:
        """Write the report as an Excel workbook (the ``excel`` extra: ``pip install
        "sciplan_model[excel]"``), all or nothing: 概况 (its facts) and one sheet per
        table, titled by the heading it stands under."""
        from ._report_sheets import summary_sheets
        from ._workbook import write_workbook

        write_workbook(summary_sheets(self), path)

    @own_context
    def _repr_html_(self) -> str:
        return fragment(blocks(self))


def _plans_of(plans: Any) -> tuple[list[Plan], list[tuple[str, str]], list[str]]:
    """Plans given as plans or drafts: the plans, the unplaced figures of the drafts
    (plan id, figure as written) and the documents the drafts were read from."""
    from ._draft import Draft

    given = (plans,) if isinstance(plans, Plan | Draft) else tuple(plans)
    found: list[Plan] = []
    unplaced: list[tuple[str, str]] = []
    documents: list[str] = []
    for k, p in enumerate(given):
        if isinstance(p, Draft):
            found.append(p.plan)
            unplaced += [(p.plan.id, f.text) for f in p.unplaced]
            documents.append(p.document)
        elif isinstance(p, Plan):
            found.append(p)
        else:
            raise WrongTypeError(f"plans[{k}]", "a Plan or a Draft", type(p).__name__)
    return found, unplaced, documents


@own_context
def summarize(
    plans: Plan | Draft | Iterable[Plan | Draft],
    *,
    stage: FundingStage | str = FundingStage.ALLOCATED,
    made: datetime.date | str | None = None,
    sources: Iterable[str] = (),
) -> Summary:
    """The report of one plan, or of several seen together: a project met in more than
    one plan (by its id) is counted once, and so is a goal or achievement two plans give
    for the same place, indicator and period; the same figure for two places is two
    figures, summed where they add up (rates and shares never are).

    ``plans`` are :class:`~sciplan_model.Plan` objects or drafts read from plan texts
    (:func:`~sciplan_model.extract.read_plan`: the figures a draft could not place are
    listed at the end).  ``stage`` is the funding stage whose money is shown (by default
    the money a plan reports as secured, 下达/争取到); stages are never mixed.  ``made``
    is the day the report is dated (today when not given); ``sources`` names the files
    the plans were read from, for the header.
    """
    stage = funding_stage(stage)
    given, unplaced, documents = _plans_of(plans)
    found = tuple({p.id: p for p in reversed(given)}.values())[::-1]  # a plan given twice is one
    combined = combine(found)
    unit = _money_unit(found, combined)
    # money in two currencies never adds up: where projects state it in several, each
    # roll-up is by currency too (its groups are then funding lines: 国家级·美元)
    currencies = {
        f.amount.dimension for p in combined.projects for f in p.funding if f.stage is stage
    }
    per = ("currency",) if len(currencies) > 1 else ()
    shown = unit if len(currencies) <= 1 else None
    names = [name for name, _ in TOTALS]
    if len({p.region for p in found}) > 1:
        names.append("region")
    totals = {name: combined.rollup(by=(name, *per), stage=stage, unit=shown) for name in names}
    statements = tuple(
        (e, e.item)
        for e in combined.figures
        if isinstance(e.item, Breakdown) and _is_money_by_level(e.item)
    )
    return Summary(
        found,
        combined,
        stage,
        totals,
        statements,
        _lines(combined),
        validate(found),
        _date(made),
        _sources(list(sources), documents, found),
        tuple(e for e in combined.figures if type(e.item) is Breakdown),
        tuple(e for e in combined.figures if type(e.item) is Achievement),
        unit,
        tuple(unplaced),
    )


def _date(made: datetime.date | str | None) -> str:
    if made is None:
        return datetime.date.today().isoformat()
    if isinstance(made, datetime.date):
        return made.isoformat()
    if isinstance(made, str):
        try:
            return datetime.date.fromisoformat(made).isoformat()
        except ValueError:
            raise InvalidValueError("made", f"{made!r} is not a date such as 2026-12-03") from None
    raise WrongTypeError("made", "a date or its ISO text", type(made).__name__)


def _sources(given: list[str], drafts: list[str], plans: Sequence[Plan]) -> tuple[str, ...]:
    """The files named in the header: those given (else those the drafts were read
    from), then the documents the plans say they hold."""
    for k, x in enumerate(given):
        if not isinstance(x, str):
            raise WrongTypeError(f"sources[{k}]", "a str", type(x).__name__)
    named = given or drafts
    names = {x.replace("\\", "/").rsplit("/", 1)[-1] for x in named}
    said = [p.source.document for p in plans if p.source is not None]
    return tuple(dict.fromkeys([*named, *(d for d in said if d not in names)]))


def _money_unit(plans: Sequence[Plan], combined: Combined) -> str | None:
    """The unit most of the plans' money is written in (万元, 元 …), by the figures and
    funding lines written in it; None where the plans state no money."""
    units: Counter[str] = Counter()
    for p in combined.projects:
        units.update(f.amount.unit for f in p.funding)
    for e in combined.figures:
        item: Any = e.item
        figures = (
            [item.total, *(x.figure for x in item.parts)]
            if type(item) is Breakdown
            else [item.figure]
        )
        units.update(f.unit for f in figures if f.value is not None and f.value.is_money)
    rmb = [(n, u) for u, n in units.items() if unit_info(u).base == "元"]
    return max(rmb)[1] if rmb else None


def _is_money_by_level(b: Breakdown) -> bool:
    return b.total.value is not None and b.total.value.is_money and any(p.level for p in b.parts)


def _lines(combined: Combined) -> tuple[Line, ...]:
    """Each goal kept against the results for its indicator and place."""
    results: dict[Any, list[Entry]] = {}
    goals: list[Entry] = []
    for e in combined.figures:
        if type(e.item) is Achievement:
            results.setdefault((_indicator_key(e.item), _place(e)), []).append(e)
        elif type(e.item) is Goal:
            goals.append(e)
    lines = []
    for e in goals:
        goal: Goal = e.item  # type: ignore[assignment]
        if goal.period is None and e.period is not None:
            goal = attrs.evolve(goal, period=e.period)
        found = results.get((_indicator_key(goal), _place(e)), [])
        got: Attainment | None = None
        if found:
            try:
                got = attainment(goal, found)
            except (SciplanError, ArithmeticError):
                got = None  # no result for the goal's period, or in another unit
        period = _period_name(goal.period)
        lines.append(Line(goal.indicator.name, goal.figure, period, got, e))
    return tuple(lines)


def _period_name(period: Any) -> str:
    if period is None:
        return ""
    return period.name if isinstance(period, FiveYearPlan) else str(period)


# -- what a report is made of ----------------------------------------------------------------


def _c(text: object, hover: str | None = None) -> Cell:
    return Cell("" if text is None else str(text), hover)


def _figure_cell(f: Figure) -> Cell:
    """A figure as the plan wrote it; on hover, the values it allows."""
    written = _said(f)
    if f.qualifier is Qualifier.EXACT:
        return Cell(written)
    r = f.range
    return Cell(written, f"取值 {r}" if r.is_known else "取值未知")


def _value_cell(r: Rollup, key: Any) -> Cell:
    value = r[key]
    shown = r.said(key)
    hover = None if isinstance(value, Quantity) or not value.is_known else f"取值 {value}"
    return Cell(shown, hover)


def _by_section(
    headers: list[str],
    rows: list[tuple[Entry, list[Cell]]],
    several: bool,
    optional: Sequence[str],
    numeric: Sequence[str] = (),
) -> list[Any]:
    """Rows of items under the plan's own parts: a table a top-level section (its name
    as a heading) with the sub-section each item stands in, where the items stand in
    several parts; else one table.  Several plans add a column naming each item's
    plan (its place)."""
    groups: dict[Any, list[tuple[Entry, list[Cell]]]] = {}
    for e, cells in rows:
        sections = e.sections
        top = (e.plan.id, sections[0]) if sections and not several else None
        groups.setdefault(top, []).append((e, cells))
    heads = [*(["计划"] if several else []), "小节" if len(groups) > 1 else "章节", *headers]
    out: list[Any] = []
    for top, members in groups.items():
        table_rows = []
        for e, cells in members:
            where = [_c(_plan_name(e.plan))] if several else []
            where.append(_c(_sub_heading(e) if len(groups) > 1 else _heading_path(e)))
            table_rows.append([*where, *cells])
        t = _optional(heads, table_rows, ("小节", "章节", *optional))
        t = attrs.evolve(t, numeric=frozenset(k for k, h in enumerate(t.headers) if h in numeric))
        if len(groups) > 1:
            out.append(Heading(3, section_name(top[1]) if top is not None else "（未分章节）"))
        out.append(t)
    return out


def _sub_heading(e: Entry) -> str:
    """The sections under the top-level one an item stands in (一是 新品种推广)."""
    names = [section_name(x) for x in e.sections[1:] if x.label or x.title]
    return " › ".join(names)


def _checked(worst: int | None, complete: bool) -> str:
    """What validation says of a statement, in a word: 不符 (an error), 尾差 (a gap
    within rounding), 未能核对 (a figure not known), else 相符, or 部分列举 where the
    parts are examples (等)."""
    if worst is not None:
        return ("未能核对", "尾差", "不符")[worst]
    return "相符" if complete else "部分列举"


def _within(path: str, item: str) -> bool:
    """Whether a finding's path is the item's path or one inside it."""
    return path == item or path.startswith((item + ".", item + "["))


def _own_period(e: Entry) -> str:
    """The period an item is for, where it is not its plan's own (the header says
    that one): 十五 in a review of 十五 and of the current year."""
    return "" if e.period == e.plan.period else _period_name(e.period)


def _plan_name(plan: Plan) -> str:
    return plan.region.name if plan.region is not None else plan.title


def _heading_path(e: Entry) -> str:
    sections = e.sections
    if not sections:
        return ""
    names = [section_name(x) for x in sections if x.label or x.title]
    if not names:
        return ""
    return names[0] if len(names) == 1 else f"{names[0]} › {names[-1]}"


def _levels_text(item: Any) -> str:
    levels = getattr(item, "levels", ())
    return Level.span_name(levels) if levels else ""


def _region_text(e: Entry) -> str:
    own = getattr(e.item, "region", None)
    return own.name if own is not None else ""


def _optional(headers: list[str], rows: list[list[Cell]], wanted: Sequence[str]) -> Table:
    """A table without its columns in ``wanted`` that are empty in every row."""
    keep = [k for k, h in enumerate(headers) if h not in wanted or any(row[k].text for row in rows)]
    return Table(
        tuple(headers[k] for k in keep),
        tuple(tuple(row[k] for k in keep) for row in rows),
        frozenset(),
    )


# -- the parts -------------------------------------------------------------------------------


def _heading(s: Summary) -> str:
    if len(s.plans) == 1:
        p = s.plans[0]
        facts = [p.kind.chinese, p.region.name if p.region else "", _period_name(p.period)]
        return f"{p.title}（{'，'.join(f for f in facts if f)}）"
    return f"{len(s.plans)}份计划合并：" + "、".join(p.title for p in s.plans)


def _facts(s: Summary) -> Facts:
    pairs: list[tuple[str, str]] = []
    issuers = [p.issuer for p in s.plans if p.issuer]
    if issuers:
        pairs.append(("发文单位", "、".join(dict.fromkeys(issuers))))
    regions = [p.region.name for p in s.plans if p.region is not None]
    if regions:
        pairs.append(("地区", "、".join(dict.fromkeys(regions))))
    periods = [_period_name(p.period) for p in s.plans if p.period is not None]
    if periods:
        pairs.append(("期间", "、".join(dict.fromkeys(periods))))
    pairs.append(("类型", "、".join(dict.fromkeys(p.kind.chinese for p in s.plans))))
    if s.unit is not None:
        pairs.append(("金额单位", s.unit))
    pairs.append(("经费口径", f"{s.stage.chinese}经费"))
    pairs.append(("生成日期", _chinese_date(s.made)))
    if s.sources:
        pairs.append(("来源文件", "、".join(s.sources)))
    return Facts(tuple(pairs))


def _chinese_date(iso: str) -> str:
    try:
        d = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.year}年{d.month}月{d.day}日"


def _overview(s: Summary) -> Part:
    counts = [
        ("目标", len(s.lines), "项"),
        ("成果", len(s.achievements), "项"),
        ("共…其中…表述", len(s.breakdowns), "处"),
        ("所列项目", len(s.combined.projects), "个"),
    ]
    said = "、".join(f"{name}{n}{word}" for name, n, word in counts if n)
    head = str(s.validation).split("\n")[0]
    blocks: list[Any] = [
        Para(
            f"本报告列出{said or '计划的结构'}。核对结果：{head}",
            "ok" if s.validation.ok else "bad",
        )
    ]
    if _has_charts(s):
        blocks.append(_charts(s))
    return Part("overview", (Heading(2, "概览"), *blocks))


def _charts(s: Summary) -> Charts:
    """The rows of the page's charts."""
    if s.funded:
        level, source = money_rows(s, "level"), money_rows(s, "source")
        return Charts(s.stage.chinese, tuple(level), tuple(source), (), tuple(rate_rows(s)))
    return Charts(s.stage.chinese, (), (), tuple(stated_rows(s)), tuple(rate_rows(s)))


def _has_charts(s: Summary) -> bool:
    return s.funded or bool(stated_rows(s)) or any(x.attainment for x in s.lines)


def _goals_part(s: Summary) -> Part | None:
    if not s.lines:
        return None
    several = len(s.plans) > 1
    results = any(x.attainment is not None for x in s.lines)
    headers = ["指标", "目标", "要求", "期间", "级别"]
    if results:
        headers += ["实际", "完成率", "判定"]
    rows = []
    for x in s.lines:
        if x.entry is None:
            continue
        item = x.entry.item
        row = [
            _c(x.indicator),
            _figure_cell(x.target),
            _c(x.requirement),
            _c(_own_period(x.entry)),
            _c(_levels_text(item)),
        ]
        if results:
            a = x.attainment
            if a is None:
                row += [_c("无对应结果"), _c(""), _c("")]
            else:
                rate = rate_text(a)
                row += [
                    _c(_actual(a), f"取值 {a.actual}"),
                    _c(rate, None if rate == a.percent() else f"取值 {a.percent()}"),
                    _c(a.verdict.chinese),
                ]
        rows.append((x.entry, row))
    blocks: list[Any] = [
        Heading(2, "目标" + ("与完成情况" if results else "")),
        *_by_section(headers, rows, several, ("期间", "级别"), ("完成率",)),
    ]
    if several:
        blocks += _per_plan(s, "goals", "各计划目标对照")
    return Part("goals", tuple(blocks))


def rate_text(a: Attainment) -> str:
    """完成率 as people read it: 125.0%, or a range as 80.0%至86.7% (more than 100.0%
    where it has no upper end)."""
    shown = a.percent()
    if shown[:1] not in "([" or ", " not in shown:
        return shown
    low, high = shown[1:-1].split(", ", 1)
    if high in ("∞", "+∞", "inf"):
        return f"{low}以上" if shown[0] == "[" else f"超过{low}"
    return f"{low}至{high}"


def _actual(a: Attainment) -> str:
    r = a.actual
    if not r.is_known:
        return "未知"
    return str(r.low) if r.is_point and r.low is not None else _value_text(r)


def _achievements_part(s: Summary) -> Part | None:
    if not s.achievements:
        return None
    several = len(s.plans) > 1
    headers = ["指标", "数值", "期间", "级别", "地点"]
    rows = []
    for e in s.achievements:
        item: Achievement = e.item  # type: ignore[assignment]
        cells = [
            _c(item.indicator.name),
            _figure_cell(item.figure),
            _c(_own_period(e)),
            _c(_levels_text(item)),
            _c(_region_text(e)),
        ]
        rows.append((e, cells))
    blocks: list[Any] = [
        Heading(2, "成果（按章节）"),
        *_by_section(headers, rows, several, ("期间", "级别", "地点")),
    ]
    if several:
        blocks += _per_plan(s, "achievements", "各计划成果对照")
    else:
        r = s.combined.rollup("period", items="achievements")
        if any(r.count(k) > 1 for k in r):
            blocks += [Heading(3, "成果按指标汇总"), _rollup_table(r)]
    if any(getattr(e.item, "levels", ()) for e in s.achievements):
        r = s.combined.rollup("level", items="achievements")
        blocks += [Heading(3, "成果按级别"), _rollup_table(r, stated=True)]
    return Part("achievements", tuple(blocks))


def _per_plan(s: Summary, items: str, title: str) -> list[Any]:
    """Goals or achievements indicator by indicator, one column a plan and a 合计."""
    by_plan = s.combined.rollup(("period", "plan.id"), items=items)
    whole = s.combined.rollup("period", items=items)
    rows_of: dict[Any, dict[str, Cell]] = {}
    at = by_plan.by.index("plan.id")  # goals may end their key with aspirational
    for key in by_plan:
        head, plan_id = key[:at] + key[at + 1 :], key[at]
        rows_of.setdefault(head, {})[plan_id] = _value_cell(by_plan, key)
    names = {p.id: _plan_name(p) for p in s.plans}
    label_by = [field_name(n) for n in whole.by]
    headers = [*label_by, *(names[p.id] for p in s.plans), "合计"]
    rows = []
    for head in whole:
        parts = head if isinstance(head, tuple) else (head,)
        cells = [_c(_show(x) if x is not None else "") for x in parts]
        found = rows_of.get(head, {})
        cells += [found.get(p.id, _c("—")) for p in s.plans]
        cells.append(_value_cell(whole, head))
        rows.append(cells)
    numeric = frozenset(range(len(label_by), len(headers)))
    return [Heading(3, title), Table(tuple(headers), tuple(tuple(r) for r in rows), numeric)]


def _rollup_table(r: Rollup, count: str = "条目数", *, stated: bool = False) -> Table:
    """A roll-up as a table with its 合计 row; with ``stated``, only the groups whose
    every key is stated (achievements that name a level), without a total."""
    headers = [*(field_name(n) for n in r.by), "数值", count]
    rows = []
    for key in r:
        parts = key if isinstance(key, tuple) and len(r.by) != 1 else (key,)
        if stated and any(p is None for p in parts):
            continue
        rows.append([*(_c(_show(p)) for p in parts), _value_cell(r, key), _c(r.count(key))])
    grand = r.total
    if grand is not None and len(r) > 1 and r.by and not stated:
        n = sum(r.count(k) for k in r)
        rows.append([_c("合计"), *[_c("")] * (len(r.by) - 1), _c(_value_text(grand)), _c(n)])
    numeric = frozenset({len(r.by), len(r.by) + 1})
    return Table(tuple(headers), tuple(tuple(x) for x in rows), numeric)


def _statements_part(s: Summary) -> Part | None:
    if not s.breakdowns:
        return None
    several = len(s.plans) > 1
    found_at: dict[tuple[str | None, str], int] = {}
    for f in s.validation.findings:
        at = (f.plan, f.path)
        found_at[at] = max(found_at.get(at, 0), f.severity.rank)
    headers = [*(["计划"] if several else []), "章节", "事项", "期间", "合计", "其中", "核对"]
    rows = []
    for e in s.breakdowns:
        b: Breakdown = e.item  # type: ignore[assignment]
        parts = "、".join(f"{_show(p.key)}{_said(p.figure)}" for p in b.parts)
        worst = max(
            (rank for (pid, path), rank in found_at.items()
             if pid == e.plan.id and _within(path, e.path)),
            default=None,
        )  # fmt: skip
        rows.append(
            [
                *([_c(_plan_name(e.plan))] if several else []),
                _c(_heading_path(e)),
                _c(b.subject),
                _c(_own_period(e)),
                _figure_cell(b.total),
                _c(parts),
                _c(_checked(worst, b.complete)),
            ]
        )
    t = _optional(headers, rows, ("章节", "期间"))
    return Part("statements", (Heading(2, "计划所述合计与分项（共…其中…）"), t))


def _money_part(s: Summary) -> Part | None:
    if not s.funded:
        if not s.combined.projects:
            return None
        said = f"所列{len(s.combined.projects)}个项目均未注明{s.stage.chinese}经费。"
        return Part("money", (Heading(2, f"项目经费（{s.stage.chinese}）"), Para(said)))
    blocks: list[Any] = [
        Heading(2, f"项目经费（{s.stage.chinese}，{len(s.combined.projects)}个项目）")
    ]
    titles = dict(TOTALS) | {"region": "地区"}
    for name, r in s.totals.items():
        if all((k[0] if isinstance(k, tuple) else k) is None for k in r):
            continue  # no project states it: nothing to see
        blocks += [Heading(3, f"按{titles[name]}"), _rollup_table(r, _counted(s, name))]
    return Part("money", tuple(blocks))


#: The most projects a report lists one by one (the roll-ups count them all).
PROJECTS_LISTED = 1000


def _projects_part(s: Summary) -> Part | None:
    """The projects one by one: id, name, level, programme, undertaker, year, status
    and the money of each funding line of the report's stage, as stated."""
    entries = s.combined.entries
    if not entries:
        return None
    several = len(s.plans) > 1
    headers = [
        *(["计划"] if several else []),
        "项目编号",
        "项目名称",
        "级别",
        "计划类别",
        "承担单位",
        "年度",
        "状态",
        f"{s.stage.chinese}经费",
    ]
    rows = []
    for e in entries[:PROJECTS_LISTED]:
        p: Any = e.item
        lines = [f for f in p.funding if f.stage is s.stage]
        money = "、".join(f"{_show(f.source)}{f.amount}" for f in lines)
        rows.append(
            [
                *([_c(_plan_name(e.plan))] if several else []),
                _c(p.id),
                _c(p.name),
                _c(_show(p.level) if p.level is not None else ""),
                _c(p.programme),
                _c(p.undertaker.name if p.undertaker is not None else ""),
                _c(_period_name(p.year)),
                _c(p.status.chinese if p.status is not None else ""),
                _c(money),
            ]
        )
    optional = ("级别", "计划类别", "承担单位", "年度", "状态", f"{s.stage.chinese}经费")
    t = _optional(headers, rows, optional)
    blocks: list[Any] = [Heading(2, "项目清单"), t]
    if len(entries) > PROJECTS_LISTED:
        blocks.append(
            Para(f"仅列出前{PROJECTS_LISTED}个项目，共{len(entries)}个；上列汇总计入全部项目。")
        )
    return Part("projects", tuple(blocks))


def _region_part(s: Summary) -> Part | None:
    """Where several places' plans are seen together: what each place's plan holds."""
    if len(s.plans) < 2:
        return None
    money = None
    if s.funded:
        with contextlib.suppress(SciplanError):  # money in several currencies: no column
            money = s.combined.rollup("plan.id", stage=s.stage, unit=s.unit)
    rows = []
    for p in s.plans:
        value = money.said(p.id) if money is not None and p.id in money else ""
        rows.append(
            [
                _c(p.title),
                _c(p.region.name if p.region is not None else ""),
                _c(sum(1 for x in s.lines if x.entry is not None and x.entry.plan.id == p.id)),
                _c(sum(1 for e in s.achievements if e.plan.id == p.id)),
                _c(sum(1 for e in s.breakdowns if e.plan.id == p.id)),
                _c(sum(1 for e in s.combined.entries if e.plan.id == p.id)),
                _c(value),
            ]
        )
    headers = ["计划", "地区", "目标", "成果", "共…其中…", "项目", f"{s.stage.chinese}经费"]
    t = _optional(headers, rows, ("地区", f"{s.stage.chinese}经费"))
    numeric = frozenset(k for k, h in enumerate(t.headers) if h not in ("计划", "地区"))
    return Part("regions", (Heading(2, "各计划概况"), attrs.evolve(t, numeric=numeric)))


_STEPS = {
    "parts": "第{}个分项",
    "funding": "第{}笔经费",
    "goals": "第{}个目标",
    "projects": "第{}个所列项目",
}


def _place_of(plans: Sequence[Plan], plan_id: str | None, path: str) -> str:
    """Where a finding is, as the plan's own numbering says it: 一、 › 3、 › 第2条."""
    import re

    plan = next((p for p in plans if p.id == plan_id), plans[0] if len(plans) == 1 else None)
    if plan is None:
        return path
    node: Any = plan
    said = [plan.title] if len(plans) > 1 else []
    for name, k in re.findall(r"\.([a-z_]+)\[([0-9]+)\]", path):
        index = int(k)
        children = getattr(node, name, None)
        if not isinstance(children, tuple) or index >= len(children):
            return path
        node = children[index]
        if name == "sections":
            said.append(node.label or node.title or f"第{index + 1}节")
        elif name == "items":
            said.append(f"第{index + 1}条")
        else:
            said.append(_STEPS.get(name, "第{}项").format(index + 1))
    field = path.rsplit("]", 1)[-1].lstrip(".")
    return " › ".join(said) + (f"（{field}）" if field else "")


def _line(f: Finding) -> str:
    """Where in its text a finding's statement is written, when the plan was read from
    its text: （计划.txt:12:5）."""
    if f.source is None or f.source.line is None:
        return ""
    return f"（{f.source.where}）"


def _findings_part(s: Summary) -> Part:
    head = str(s.validation).split("\n")[0]
    blocks: list[Any] = [Heading(2, "核对结果"), Para(head, "ok" if s.validation.ok else "bad")]
    if s.validation.findings:
        rows = tuple(
            (
                Cell(f.severity.chinese, f.code),
                _c(_place_of(s.plans, f.plan, f.path) + _line(f)),
                Cell(f.message, f"{f.code} {f.path}"),
                _c(f.code),
            )
            for f in s.validation.findings
        )
        blocks.append(Table(("级别", "位置", "说明", "代码"), rows))
    return Part("findings", tuple(blocks))


def _unplaced_part(s: Summary) -> Part | None:
    if not s.unplaced:
        return None
    several = len(s.plans) > 1
    names = {p.id: _plan_name(p) for p in s.plans}
    if several:
        rows = tuple((_c(names.get(pid, pid)), _c(text)) for pid, text in s.unplaced)
        t = Table(("计划", "数字"), rows)
    else:
        t = Table(("数字",), tuple((_c(text),) for _, text in s.unplaced))
    said = f"正文中另有{len(s.unplaced)}个数字未能归入目标、成果或共…其中…的表述，列此备查："
    return Part("unplaced", (Heading(2, "未归入条目的数字"), Para(said), t))


def _outline_part(s: Summary) -> Part:
    several = len(s.plans) > 1
    return Part("outline", (Heading(2, "附：计划结构"), *(Outline(p, several) for p in s.plans)))


def blocks(s: Summary) -> tuple[Part, ...]:
    """The report's parts in order: the header, an overview (with the charts that have
    something to draw), the plan's own substance — targets for a plan, achievements
    for a review, the statements — then money, places, validation and the outline."""
    header = Part("header", (Heading(1, _heading(s)), _facts(s)))
    review = sum(1 for p in s.plans if p.kind.value == "review") * 2 > len(s.plans)
    substance = (
        [_achievements_part(s), _goals_part(s)]
        if review
        else [_goals_part(s), _achievements_part(s)]
    )
    parts = [
        header,
        _overview(s),
        *substance,
        _statements_part(s),
        _money_part(s),
        _projects_part(s),
        _region_part(s),
        _findings_part(s),
        _unplaced_part(s),
        _outline_part(s),
    ]
    return tuple(p for p in parts if p is not None)


# -- text and Markdown -----------------------------------------------------------------------


def _outline(sections: tuple[Section, ...], depth: int = 0) -> list[str]:
    lines = []
    for section in sections:
        items = f"（{len(section.items)}条）" if section.items else ""
        lines.append("  " * depth + section_name(section) + items)
        lines.extend(_outline(section.sections, depth + 1))
    return lines


def _render_text(parts: Sequence[Part]) -> str:
    out: list[str] = []
    for part in parts:
        for block in part.blocks:
            if isinstance(block, Heading):
                if block.level == 1:
                    out.append(block.text)
                else:
                    out += ["", f"【{block.text}】" if block.level == 2 else f"{block.text}："]
            elif isinstance(block, Facts):
                out.append("　".join(f"{k}：{v}" for k, v in block.pairs))
            elif isinstance(block, Para):
                out.append(block.text)
            elif isinstance(block, Table):
                out.append(table(block.headers, [[c.text for c in r] for r in block.rows]))
            elif isinstance(block, Outline):
                if block.several:
                    out.append(f"{block.plan.title}：")
                out += _outline(block.plan.sections, 1 if block.several else 0)
    return "\n".join(out)


def _md(text: str) -> str:
    """Plain text inside Markdown: no tags, no line breaks."""
    return html.escape(text, quote=False).replace("\n", " ")


def _markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    def cell(x: str) -> str:
        # a cell is one line of text: no table bar, no tag, no line break
        return _md(x).replace("|", "\\|")

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def _render_markdown(parts: Sequence[Part]) -> str:
    out: list[str] = []
    for part in parts:
        for block in part.blocks:
            if isinstance(block, Heading):
                out += [f"{'#' * block.level} {_md(block.text)}", ""]
            elif isinstance(block, Facts):
                out += [*(f"- {k}：{_md(v)}" for k, v in block.pairs), ""]
            elif isinstance(block, Para):
                out += [_md(block.text), ""]
            elif isinstance(block, Table):
                out += [
                    *_markdown_table(block.headers, [[c.text for c in r] for r in block.rows]),
                    "",
                ]
            elif isinstance(block, Outline):
                shift = ""
                if block.several:
                    out.append(f"- {_md(block.plan.title)}")
                    shift = "  "
                for line in _outline(block.plan.sections):
                    depth = (len(line) - len(line.lstrip(" "))) // 2
                    out.append(f"{shift}{'  ' * depth}- {_md(line.strip())}")
                out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


# -- the charts' rows ------------------------------------------------------------------------


def money_rows(s: Summary, name: str) -> list[tuple[str, Any, str]]:
    r = s.totals[name]
    return [(_show(k), v, r.said(k)) for k, v in r.items()]


def stated_rows(s: Summary) -> list[tuple[str, Any, str]]:
    """The money the plans state by level, where their projects carry none."""
    rows: list[tuple[str, Any, str]] = []
    several = len(s.plans) > 1
    for e, b in s.statements:
        when = _period_name(e.period)
        plan = f"{_plan_name(e.plan)} " if several else ""
        for p in b.parts:
            if isinstance(p.key, Level):
                value = p.figure.value if p.figure.is_known else None
                rows.append((f"{plan}{when} {_show(p.key)}".strip(), value, _said(p.figure)))
    return rows


def rate_rows(s: Summary) -> list[tuple[str, Any, str]]:
    """One row a goal with a result: its 完成率."""
    rows = []
    for line in s.lines:
        a = line.attainment
        if a is None:
            continue
        label = f"{line.indicator}{'·' + line.period if line.period else ''}"
        if line.target.aspirational:
            label += "（力争）"
        if len(s.plans) > 1 and line.entry is not None:
            label = f"{_plan_name(line.entry.plan)}·{label}"
        rows.append((label, a.rate, rate_text(a)))
    return rows
