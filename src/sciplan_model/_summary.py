"""A plan's report for people: its outline, its money by level, source, programme and
year, its goals against what was achieved, and what validation found — as text, as
Markdown, and as one self-contained HTML page with SVG charts (no script, no network).

    >>> from sciplan_model import examples
    >>> s = summarize(examples.load("篇3"))
    >>> s.validation.ok, len(s.statements)
    (True, 2)
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ._attainment import Attainment, attainment
from ._combine import Combined, combine
from ._display import escape as _e
from ._display import html_table
from ._display import value_text as _value
from ._exact import EXACT, RATIO, ROUNDING, own_context
from ._findings import Finding, _said
from ._rollup import Rollup, _funding_stage, _indicator_key, _place, _show
from ._table import display_width, table
from ._walk import Entry
from .codes import FundingStage, Level
from .errors import SciplanError
from .figure import Figure, Range
from .model import Achievement, Breakdown, Goal, Plan, Section
from .period import FiveYearPlan
from .quantity import Quantity, _canonical
from .validation import Report, validate

__all__ = ["Summary", "summarize"]

#: The roll-ups of project money a report shows, with their Chinese titles.
TOTALS = (("level", "级别"), ("source", "资金来源"), ("programme", "计划类别"), ("period", "期间"))
#: What each roll-up counts: projects, or (by source) funding lines.
_COUNTED = {"level": "项目数", "source": "经费条目数", "programme": "项目数", "period": "项目数"}


def _counted(s: Summary, name: str) -> str:
    """What the roll-up ``name`` of a report counts: funding lines where it is by
    currency too, or else as :data:`_COUNTED` says."""
    return "经费条目数" if "currency" in s.totals[name].by else _COUNTED[name]


@attrs.frozen(repr=False)
class Line:
    """A goal held against what was achieved, for the report."""

    indicator: str
    target: Figure
    period: str
    attainment: Attainment | None  # None: no result for it


@attrs.frozen(repr=False)
class Summary:
    """What a report shows of one plan or several seen together: the plans, their
    combined view, money of ``stage`` rolled up four ways, the money statements of the
    plans themselves ("共…其中…" in 元 by level), goals against results, and the
    validation :class:`~sciplan_model.Report`."""

    plans: tuple[Plan, ...]
    combined: Combined
    stage: FundingStage
    totals: dict[str, Rollup]
    statements: tuple[tuple[Entry, Breakdown], ...]
    lines: tuple[Line, ...]
    validation: Report

    @property
    def funded(self) -> bool:
        """Whether any project carries money of the report's stage."""
        return any(f.stage is self.stage for p in self.combined.projects for f in p.funding)

    @own_context
    def __str__(self) -> str:
        return "\n".join(_text(self))

    def __repr__(self) -> str:
        ids = ", ".join(p.id for p in self.plans)
        return f"Summary({ids}: {len(self.combined.projects)} projects, {len(self.lines)} goals)"

    @own_context
    def to_markdown(self) -> str:
        """The report as Markdown (tables as pipe tables)."""
        return "\n".join(_markdown(self))

    @own_context
    def to_html(self) -> str:
        """The report as one self-contained HTML page with SVG charts."""
        return _page(self)

    @own_context
    def _repr_html_(self) -> str:
        return _body(self)


@own_context
def summarize(
    plans: Plan | Iterable[Plan], *, stage: FundingStage | str = FundingStage.ALLOCATED
) -> Summary:
    """The report of one plan, or of several rolled up together (projects met in more
    than one plan are counted once).

    ``stage`` is the funding stage whose money is shown (by default the money a plan
    reports as secured, 下达/争取到); stages are never mixed.
    """
    stage = _funding_stage(stage)
    given = (plans,) if isinstance(plans, Plan) else tuple(plans)
    found = tuple({p.id: p for p in reversed(given)}.values())[::-1]  # a plan given twice is one
    combined = combine(found)
    # money in two currencies never adds up: where projects state it in several, each
    # roll-up is by currency too (its groups are then funding lines: 国家级·美元)
    currencies = {
        f.amount.dimension for p in combined.projects for f in p.funding if f.stage is stage
    }
    per = ("currency",) if len(currencies) > 1 else ()
    totals = {name: combined.rollup(by=(name, *per), stage=stage) for name, _ in TOTALS}
    statements = tuple(
        (e, e.item)
        for plan in found
        for e in plan.walk(Breakdown)
        if isinstance(e.item, Breakdown) and _is_money_by_level(e.item)
    )
    return Summary(found, combined, stage, totals, statements, _lines(found), validate(found))


def _is_money_by_level(b: Breakdown) -> bool:
    return b.total.value is not None and b.total.value.is_money and any(p.level for p in b.parts)


def _lines(plans: Sequence[Plan]) -> tuple[Line, ...]:
    """Each goal of the plans against the results for its indicator and place."""
    results: dict[Any, list[Entry]] = {}
    for plan in plans:
        for e in plan.walk(Achievement):
            if isinstance(e.item, Achievement):
                results.setdefault((_indicator_key(e.item), _place(e)), []).append(e)
    lines = []
    for plan in plans:
        for e in plan.walk(Goal):
            goal = e.item
            if not isinstance(goal, Goal):
                continue
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
            lines.append(Line(goal.indicator.name, goal.figure, period, got))
    return tuple(lines)


def _period_name(period: Any) -> str:
    if period is None:
        return ""
    return period.name if isinstance(period, FiveYearPlan) else str(period)


# -- text ---------------------------------------------------------------------------------


def _heading(s: Summary) -> str:
    if len(s.plans) == 1:
        p = s.plans[0]
        facts = [p.kind.chinese, p.region.name if p.region else "", _period_name(p.period)]
        return f"{p.title}（{'，'.join(f for f in facts if f)}）"
    return f"{len(s.plans)}份计划合并：" + "、".join(p.title for p in s.plans)


def _name(section: Section) -> str:
    """A section as its plan numbers it: 一、科技兴农, (一)项目建设, 1、…; 1. 总体思路."""
    label, title = section.label or "", section.title or ""
    if not (label or title):
        return "（无标题）"
    joined = label[-1:] in "、）)．" or not label or not title
    return f"{label}{title}" if joined else f"{label} {title}"


def _outline(sections: tuple[Section, ...], depth: int = 0) -> list[str]:
    lines = []
    for section in sections:
        items = f"（{len(section.items)}条）" if section.items else ""
        lines.append("  " * depth + _name(section) + items)
        lines.extend(_outline(section.sections, depth + 1))
    return lines


_STEPS = {
    "parts": "第{}个分项",
    "funding": "第{}笔经费",
    "goals": "第{}个目标",
    "projects": "第{}个所列项目",
}


def _where(plans: Sequence[Plan], plan_id: str | None, path: str) -> str:
    """Where a finding is, as the plan's own numbering says it: 一、 › 3、 › 第2条."""
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


def _finding_rows(s: Summary) -> list[list[str]]:
    return [
        [f.severity.chinese, f.code, _where(s.plans, f.plan, f.path) + _line(f), f.message]
        for f in s.validation.findings
    ]


def _line(f: Finding) -> str:
    """Where in its text a finding's statement is written, when the plan was read from
    its text: （计划.txt:12:5）."""
    if f.source is None or f.source.line is None:
        return ""
    return f"（{f.source.where}）"


def _rollup_rows(r: Rollup) -> list[list[str]]:
    rows = [[_show(k), _value(v), str(r.count(k))] for k, v in r.items()]
    if r.total is not None and len(r) > 1:
        rows.append(["合计", _value(r.total), str(sum(r.count(k) for k in r))])
    return rows


def _line_row(line: Line) -> list[str]:
    a = line.attainment
    if a is None:
        return [line.indicator, line.period, _said(line.target), "无对应结果", "", ""]
    return [
        line.indicator,
        line.period,
        _said(line.target),
        _actual(a),
        a.percent(),
        a.verdict.chinese,
    ]


def _actual(a: Attainment) -> str:
    r = a.actual
    return (
        str(r.low) if r.is_point and r.low is not None else ("未知" if not r.is_known else str(r))
    )


def _statement_rows(s: Summary) -> list[list[str]]:
    rows = []
    several = len(s.plans) > 1
    for e, b in s.statements:
        parts = "、".join(f"{_show(p.key)}{_said(p.figure)}" for p in b.parts)
        subject = f"{e.plan.title}：{b.subject}" if several else b.subject
        rows.append([subject, _period_name(e.period), _said(b.total), parts])
    return rows


_STAGE = "{}经费"


def _text(s: Summary) -> list[str]:
    out = [_heading(s), ""]
    for plan in s.plans:
        if len(s.plans) > 1:
            out.append(f"【{plan.title}】")
        out += _outline(plan.sections)
    out += ["", f"项目{_STAGE.format(s.stage.chinese)}（{len(s.combined.projects)}个项目）"]
    if s.funded:
        for name, title in TOTALS:
            out += [
                "",
                f"按{title}：",
                table([title, "数值", _counted(s, name)], _rollup_rows(s.totals[name])),
            ]
    else:
        out.append(f"所列项目均未注明{_STAGE.format(s.stage.chinese)}。")
    if s.statements:
        out += [
            "",
            "计划所述经费（共…其中…）：",
            table(["事项", "期间", "合计", "其中"], _statement_rows(s)),
        ]
    out += ["", "目标与完成情况："]
    if s.lines:
        header = ["指标", "期间", "目标", "实际", "完成率", "判定"]
        out.append(table(header, [_line_row(x) for x in s.lines]))
    else:
        out.append("计划中没有可对照的目标。")
    out += ["", "核对结果：", str(s.validation).split("\n")[0]]
    if s.validation.findings:
        out.append(table(["级别", "代码", "位置", "说明"], _finding_rows(s)))
    return out


def _markdown_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    def cell(x: str) -> str:
        # a cell is one line of text: no table bar, no tag, no line break
        return html.escape(x, quote=False).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def _md(text: str) -> str:
    """Plain text inside Markdown: no tags, no line breaks."""
    return html.escape(text, quote=False).replace("\n", " ")


def _markdown(s: Summary) -> list[str]:
    out = [f"# {_md(_heading(s))}", "", "## 目录", ""]
    for plan in s.plans:
        if len(s.plans) > 1:
            out.append(f"- {_md(plan.title)}")
        shift = "  " if len(s.plans) > 1 else ""
        for line in _outline(plan.sections):
            depth = (len(line) - len(line.lstrip(" "))) // 2
            out.append(f"{shift}{'  ' * depth}- {_md(line.strip())}")
    out += ["", f"## 项目{_STAGE.format(s.stage.chinese)}", ""]
    if s.funded:
        for name, title in TOTALS:
            out += [
                f"### 按{title}",
                "",
                *_markdown_table([title, "数值", _counted(s, name)], _rollup_rows(s.totals[name])),
                "",
            ]
    else:
        out += [f"所列项目均未注明{_STAGE.format(s.stage.chinese)}。", ""]
    if s.statements:
        out += [
            "### 计划所述经费（共…其中…）",
            "",
            *_markdown_table(["事项", "期间", "合计", "其中"], _statement_rows(s)),
            "",
        ]
    out += ["## 目标与完成情况", ""]
    if s.lines:
        header = ["指标", "期间", "目标", "实际", "完成率", "判定"]
        out += _markdown_table(header, [_line_row(x) for x in s.lines])
    else:
        out.append("计划中没有可对照的目标。")
    out += ["", "## 核对结果", "", str(s.validation).split("\n")[0], ""]
    rows = _finding_rows(s)
    if rows:
        out += _markdown_table(["级别", "代码", "位置", "说明"], rows)
    return out


# -- HTML and SVG --------------------------------------------------------------------------

_FONT = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','Microsoft YaHei',sans-serif"
_STYLE = f"""
body {{ font-family: {_FONT}; margin: 2em auto; max-width: 60em; color: #1f2933; }}
h1 {{ font-size: 1.5em; }} h2 {{ font-size: 1.2em; margin-top: 1.6em; }}
table {{ border-collapse: collapse; margin: 0.6em 0; }}
th, td {{ border: 1px solid #cbd2d9; padding: 0.25em 0.6em; text-align: left; }}
th {{ background: #f0f4f8; color: #1f2933; }}
td.num {{ text-align: right; }}
.ok {{ color: #0b7a3e; }} .bad {{ color: #b42318; }}
.charts {{ display: flex; flex-wrap: wrap; gap: 1.5em; }}
ul.outline {{ line-height: 1.5; }}
"""

_BAR_WIDTH = Decimal(360)
_ROW = 26


def _html_table(
    headers: list[str], rows: list[list[str]], numeric: frozenset[int] = frozenset()
) -> str:
    """A table of the report: every row (a report file is read whole)."""
    return html_table(headers, rows, numeric, limit=None)


def _ends(
    value: Quantity | Range | None, dimension: str | None
) -> tuple[Decimal | None, Decimal | None]:
    """A value's lowest and highest in its base unit (None where not known or open, or
    where the value measures something else than the chart, ``dimension``)."""
    if isinstance(value, Quantity | Range) and value.dimension != dimension:
        return None, None
    if isinstance(value, Quantity):
        c = _canonical(value)
        return c, c
    if isinstance(value, Range) and value.is_known:
        low = None if value.low is None else _canonical(value.low)
        high = None if value.high is None else _canonical(value.high)
        return low, high
    return None, None


def _scale(d: Decimal, largest: Decimal) -> Decimal:
    width = RATIO.multiply(RATIO.divide(d, largest), _BAR_WIDTH) if largest > 0 else Decimal(0)
    return max(width, Decimal(0)).quantize(Decimal("0.1"), context=ROUNDING)


def _chart_dimension(
    rows: list[tuple[str, Any, str]], mark: tuple[Quantity, str] | None
) -> str | None:
    """What a chart's bars measure: the mark's dimension, or the commonest among its
    values (the first met of those as common)."""
    if mark is not None:
        return mark[0].dimension
    found = [v.dimension for _, v, _ in rows if isinstance(v, Quantity | Range)]
    return max(found, key=found.count) if found else None


def bar_chart(
    chart_id: str,
    title: str,
    rows: list[tuple[str, Any, str]],
    empty: str,
    mark: tuple[Quantity, str] | None = None,
) -> str:
    """A horizontal bar chart as inline SVG: one bar per (label, value, shown text).

    A range is drawn (lighter) from its low to its high end, one without a high end to
    the chart's edge; a value not known has no bar.  ``mark`` draws a dashed line at a
    value (100% on a chart of completion rates).  The label column is as wide as the
    longest label.  Bars share one scale, so they are drawn for the values of one
    dimension only — the mark's, or the one most values have (money of a currency):
    a value in another currency (万美元 among 万元) keeps its text but has no bar.
    """
    label_width = max(80, max((display_width(label) for label, _, _ in rows), default=0) * 7 + 14)
    height = 34 + _ROW * max(len(rows), 1) + (14 if mark else 0)
    shown_width = max((display_width(shown) for _, _, shown in rows), default=0) * 7 + 16
    width = label_width + int(_BAR_WIDTH) + max(150, shown_width)
    parts = [
        f'<svg id="{_e(chart_id)}" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" role="img" aria-label="{_e(title)}" font-family="{_e(_FONT)}">',
        f'<text x="0" y="18" font-size="15" font-weight="bold">{_e(title)}</text>',
    ]
    dimension = _chart_dimension(rows, mark)
    ends = [_ends(v, dimension) for _, v, _ in rows]
    known = [d for pair in ends for d in pair if d is not None]
    if mark is not None:
        known.append(_canonical(mark[0]))
    largest = max(known, default=Decimal(0))
    if any(low is not None and high is None for low, high in ends):
        largest = EXACT.multiply(largest, Decimal("1.25"))  # room for bars without a high end
    if not rows:
        parts.append(f'<text x="0" y="{34 + 16}" font-size="13" fill="#52606d">{_e(empty)}</text>')
    for k, ((label, _, shown), (low, high)) in enumerate(zip(rows, ends, strict=True)):
        y = 34 + _ROW * k
        parts.append(f'<text x="0" y="{y + 16}" font-size="13">{_e(label)}</text>')
        if high is not None or low is not None:
            start = _scale(low, largest) if low is not None and low != high else Decimal(0)
            end = _scale(high, largest) if high is not None else _BAR_WIDTH
            fill = "#3e7cb1" if low == high else "#9fc2e0"
            parts.append(
                f'<rect x="{EXACT.add(label_width, start)}" y="{y + 4}" '
                f'width="{max(EXACT.subtract(end, start), Decimal("0.5"))}" height="16" '
                f'fill="{fill}"/>'
            )
            x_text = EXACT.add(label_width + 6, end)
        else:
            x_text = Decimal(label_width)
        parts.append(
            f'<text x="{x_text}" y="{y + 16}" font-size="12" fill="#323f4b">{_e(shown)}</text>'
        )
    if mark is not None and rows:
        x = EXACT.add(label_width, _scale(_canonical(mark[0]), largest))
        bottom = 34 + _ROW * len(rows)
        parts.append(
            f'<line x1="{x}" y1="28" x2="{x}" y2="{bottom}" stroke="#b42318" '
            'stroke-dasharray="4 3"/>'
            f'<text x="{x}" y="{bottom + 12}" font-size="11" fill="#b42318" '
            f'text-anchor="middle">{_e(mark[1])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _money_rows(s: Summary, name: str) -> list[tuple[str, Any, str]]:
    r = s.totals[name]
    return [(_show(k), v, _value(v)) for k, v in r.items()]


def _stated_rows(s: Summary) -> list[tuple[str, Any, str]]:
    """The money the plans state by level, where their projects carry none."""
    rows: list[tuple[str, Any, str]] = []
    several = len(s.plans) > 1
    for e, b in s.statements:
        when = _period_name(e.period)
        plan = f"{e.plan.title} " if several else ""
        for p in b.parts:
            if isinstance(p.key, Level):
                value = p.figure.value if p.figure.is_known else None
                rows.append((f"{plan}{when} {_show(p.key)}".strip(), value, _said(p.figure)))
    return rows


def _charts(s: Summary) -> str:
    if s.funded:
        by_level = bar_chart(
            "chart-level",
            f"项目经费（{s.stage.chinese}）按级别",
            _money_rows(s, "level"),
            "无经费数据",
        )
        by_source = bar_chart(
            "chart-source",
            f"项目经费（{s.stage.chinese}）按资金来源",
            _money_rows(s, "source"),
            "无经费数据",
        )
    else:
        by_level = bar_chart(
            "chart-level", "计划所述经费按级别", _stated_rows(s), "计划未按级别列出经费"
        )
        by_source = bar_chart("chart-source", "项目经费按资金来源", [], "所列项目均未注明经费来源")
    rates = []
    for line in s.lines:
        a = line.attainment
        label = f"{line.indicator}{'·' + line.period if line.period else ''}"
        rates.append((label, a.rate if a is not None else None, a.percent() if a else "无对应结果"))
    by_goal = bar_chart(
        "chart-attainment",
        "目标完成率",
        rates,
        "计划中没有可对照的目标",
        mark=(Quantity(100, "%"), "100%"),
    )
    return f'<div class="charts">{by_level}{by_source}{by_goal}</div>'


def _outline_html(sections: tuple[Section, ...], attrs_: str = "") -> str:
    """A plan's sections as nested lists, each with how many items it holds."""
    items = []
    for section in sections:
        count = f"（{len(section.items)}条）" if section.items else ""
        inner = _outline_html(section.sections) if section.sections else ""
        items.append(f"<li>{_e(_name(section) + count)}{inner}</li>")
    return f"<ul{attrs_}>{''.join(items)}</ul>"


def _body(s: Summary) -> str:
    out = [f"<h1>{_e(_heading(s))}</h1>", _charts(s), "<h2>目录</h2>"]
    for plan in s.plans:
        if len(s.plans) > 1:
            out.append(f"<h3>{_e(plan.title)}</h3>")
        out.append(_outline_html(plan.sections, ' class="outline"'))
    out.append(f"<h2>项目{_e(_STAGE.format(s.stage.chinese))}</h2>")
    if s.funded:
        for name, title in TOTALS:
            out.append(f"<h3>按{_e(title)}</h3>")
            out.append(
                _html_table(
                    [title, "数值", _counted(s, name)],
                    _rollup_rows(s.totals[name]),
                    frozenset({1, 2}),
                )
            )
    else:
        out.append(f"<p>所列项目均未注明{_e(_STAGE.format(s.stage.chinese))}。</p>")
    if s.statements:
        out.append("<h3>计划所述经费（共…其中…）</h3>")
        out.append(_html_table(["事项", "期间", "合计", "其中"], _statement_rows(s)))
    out.append("<h2>目标与完成情况</h2>")
    if s.lines:
        header = ["指标", "期间", "目标", "实际", "完成率", "判定"]
        out.append(_html_table(header, [_line_row(x) for x in s.lines], frozenset({4})))
    else:
        out.append("<p>计划中没有可对照的目标。</p>")
    head = str(s.validation).split("\n")[0]
    css = "ok" if s.validation.ok else "bad"
    out.append(f'<h2>核对结果</h2><p class="{css}">{_e(head)}</p>')
    rows = _finding_rows(s)
    if rows:
        out.append(_html_table(["级别", "代码", "位置", "说明"], rows))
    return "\n".join(out)


def _page(s: Summary) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(_heading(s))}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"{_body(s)}\n</body>\n</html>\n"
    )
