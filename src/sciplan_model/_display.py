"""Plans, reports, roll-ups and figures in a notebook: HTML fragments for
``_repr_html_``, plain records for ``to_records()`` and pandas DataFrames for
``to_frame()``.

The model classes delegate here by a local import inside the method, so that imports
still point one way (this module sits above the model, the roll-ups and validation).

The HTML is a self-contained fragment: escaped text, small inline styles, no script and
no external style sheet, marked ``lang="zh-CN"`` so that Chinese is set in a Chinese
font.  It takes its colours from the notebook's theme, light or dark (text inherits its
colour; see ``_LINE`` and below), as tests/test_display_theme.py checks in Chromium.

    >>> from sciplan_model import Figure
    >>> figure_html(Figure.parse("2万人次以上"))  # doctest: +ELLIPSIS
    '<span lang="zh-CN" ...><b>2万人次以上</b> <small ...>以上 · 取值 [2万人次, ∞)</small></span>'

Tables for pandas keep every exact value a ``Decimal`` in an ``object`` column, with the
unit in the column name (``value (万元)``) where a column holds one unit, and never a
``float``.  pandas is the optional ``frame`` extra, imported only when a frame is asked
for.
"""

from __future__ import annotations

import enum
import html
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ._arrow import magnitude_in
from ._forms import ITEM_TAGS
from ._rollup import _show, _value_text, field_name
from ._walk import Entry
from .codes import FundingStage
from .figure import Figure, Qualifier, Range
from .model import Organization, Plan, Project, Section, Task
from .period import FiveYearPlan, Year, YearSpan
from .quantity import Quantity, total
from .units import finest_unit

if TYPE_CHECKING:
    from ._attainment import Attainment
    from ._combine import Combined
    from ._rollup import Rollup
    from .validation import Report

__all__: list[str] = []

#: At most this many rows (or outline lines) are shown in a notebook; the rest are
#: counted in a note (the whole table is ``to_records()`` away).
LIMIT = 500


#: What each kind of item is called in Chinese, by its tag (serialize.ITEM_TAGS).
KIND_NAMES = {
    "goal": "目标",
    "achievement": "成果",
    "task": "任务",
    "measure": "措施",
    "project": "项目",
    "breakdown": "共…其中…",
    "schedule": "日程",
    "person": "人员",
    "designation": "称号",
    "organization": "单位",
    "note": "记述",
}

QUALIFIER_NAMES = {
    Qualifier.EXACT: "精确",
    Qualifier.AT_LEAST: "以上",
    Qualifier.MORE_THAN: "超过",
    Qualifier.AT_MOST: "以下",
    Qualifier.LESS_THAN: "不满",
    Qualifier.ODD: "余",
    Qualifier.NEARLY: "近",
    Qualifier.ABOUT: "约",
    Qualifier.RANGE: "区间",
    Qualifier.UNKNOWN: "未知",
}

_BOX = 'lang="zh-CN" style="font-family: inherit; line-height: 1.5"'
_TABLE = 'style="border-collapse: collapse; margin: 0.3em 0"'
# Colours follow the notebook's theme, light or dark: text inherits its colour; borders
# and the header's tint are JupyterLab's variables where a page defines them, else a
# translucent grey that shows on white and on near-black alike; muted text is the
# inherited colour made fainter.
_LINE = "var(--jp-border-color2, rgba(127, 127, 127, 0.4))"
_TINT = "var(--jp-layout-color2, rgba(127, 127, 127, 0.15))"
_CELL = f"border: 1px solid {_LINE}; padding: 0.2em 0.6em; vertical-align: top"
_TH = f'style="{_CELL}; text-align: left; background: {_TINT}; color: inherit; white-space: nowrap"'
_TD = f'style="{_CELL}; text-align: left"'
_TAG = f'style="{_CELL}; text-align: left; white-space: nowrap"'
_NUM = f'style="{_CELL}; text-align: right; white-space: nowrap"'
_MUTED = 'style="opacity: 0.75"'
# Severities, verdicts and a report's outcome are a coloured bar beside text in the
# theme's colour: no text colour has 4.5:1 against both white and #1e1e1e, while these
# mid-tones have the 3:1 a mark needs against white, #1e1e1e and black.
_RED, _AMBER, _GREEN, _GREY = "#d92d20", "#dc6803", "#079455", "#7f7f7f"
_SEVERITY_COLOURS = {"error": _RED, "warning": _AMBER, "info": _GREY}
_VERDICT_COLOURS = {"met": _GREEN, "not_met": _RED, "undecided": _GREY}


# -- small pieces --------------------------------------------------------------------------


def escape(text: object) -> str:
    """``text`` made safe inside HTML (``<``, ``>``, ``&`` and quotes escaped)."""
    return html.escape(str(text), quote=True)


def marked(text: str, colour: str, tag: str = "span", *, bold: bool = False) -> str:
    """``text`` (escaped) in the theme's colour, with a bar of ``colour`` before it."""
    style = f"border-left: 0.3em solid {colour}; padding-left: 0.3em"
    if bold:
        style += "; font-weight: bold"
    return f'<{tag} style="{style}">{escape(text)}</{tag}>'


def period_text(period: Any) -> str | None:
    """A period as people write it (十五, 2006年, 2001-2010年), None when there is none."""
    if period is None:
        return None
    return period.name if isinstance(period, FiveYearPlan) else str(period)


#: An amount or a range as people read it (未知（万元） for a value not known).
value_text = _value_text


def key_text(key: Any) -> str:
    """A roll-up key as its table shows it (国家级, 十五, 甘肃省; 是/否 for a flag)."""
    if isinstance(key, bool):
        return "是" if key else "否"
    return _show(key)


def html_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: frozenset[int] = frozenset(),
    *,
    total: int | None = None,
    limit: int | None = LIMIT,
) -> str:
    """A table with escaped cells; columns in ``numeric`` are set to the right.  At most
    ``limit`` rows are shown (all when None); ``total`` is how many there are, for the
    note."""
    head = "".join(f"<th {_TH}>{escape(h)}</th>" for h in headers)
    body = []
    for k, row in enumerate(rows):
        if k == limit:
            break
        cells = "".join(
            f"<td {_NUM if j in numeric else _TD}>{escape(c)}</td>" for j, c in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    table = f"<table {_TABLE}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    if total is not None and limit is not None and total > limit:
        table += f"<p {_MUTED}>仅显示前{limit}行，共{total}行；全部见 to_records()。</p>"
    return table


def _box(*parts: str) -> str:
    return f"<div {_BOX}>{''.join(parts)}</div>"


def _kind_counts(items: Iterable[Any]) -> Counter[str]:
    """How many items of each kind (the goals of a task counted as goals too)."""
    counts: Counter[str] = Counter()
    for item in items:
        counts[ITEM_TAGS[type(item)]] += 1
        if type(item) is Task:
            counts["goal"] += len(item.goals)
    return counts


def _counts_text(counts: Counter[str]) -> str:
    return "、".join(f"{KIND_NAMES[tag]} {counts[tag]}" for tag in KIND_NAMES if counts[tag])


# -- figures, attainments ------------------------------------------------------------------


def figure_html(figure: Figure) -> str:
    """A figure as written, with its qualifier and the values it allows."""
    written = f"<b>{escape(figure.text)}</b>"
    if figure.text != str(figure):
        written += f" <span {_MUTED}>（即 {escape(figure)}）</span>"
    r = figure.range
    if figure.qualifier is Qualifier.EXACT:
        meaning = QUALIFIER_NAMES[Qualifier.EXACT]
    elif not r.is_known:
        meaning = f"{QUALIFIER_NAMES[figure.qualifier]} · 取值未知"
    else:
        meaning = f"{QUALIFIER_NAMES[figure.qualifier]} · 取值 {r}"
    if figure.aspirational:
        meaning = "力争 · " + meaning
    return f"<span {_BOX}>{written} <small {_MUTED}>{escape(meaning)}</small></span>"


def attainment_html(a: Attainment) -> str:
    """A target against its result: target, actual, 完成率 and the verdict."""
    colour = _VERDICT_COLOURS[a.verdict.value]
    cells = [str(a.target), value_text(a.actual), a.percent()]
    tds = (
        "".join(f"<td {_NUM if k else _TD}>{escape(c)}</td>" for k, c in enumerate(cells))
        + f"<td {_TD}>{marked(a.verdict.chinese, colour)}</td>"
    )
    head = "".join(f"<th {_TH}>{h}</th>" for h in ("目标", "实际", "完成率", "判定"))
    return _box(
        f"<table {_TABLE}><thead><tr>{head}</tr></thead><tbody><tr>{tds}</tr></tbody></table>"
    )


# -- roll-ups ------------------------------------------------------------------------------


def key_parts(r: Rollup, key: Any) -> tuple[Any, ...]:
    return key if isinstance(key, tuple) and len(r.by) != 1 else (key,)


def rollup_rows(r: Rollup) -> list[list[str]]:
    """The rows of a roll-up's table as text: keys, 数值, 条目数, and 合计."""
    if not r.by:
        return [["合计", r.said(k), str(r.count(k))] for k in r]
    rows = [[*(key_text(p) for p in key_parts(r, k)), r.said(k), str(r.count(k))] for k in r]
    grand = r.total
    if grand is not None:
        count = sum(r.count(k) for k in r)
        rows.append(["合计", *[""] * (len(r.by) - 1), value_text(grand), str(count)])
    return rows


def rollup_table(r: Rollup) -> str:
    """A roll-up as an HTML table, without the surrounding box: the first
    :data:`LIMIT` groups, and the 合计 row whenever there is one."""
    headers = [field_name(name) for name in r.by] or [""]
    width = len(headers)
    numeric = frozenset({width, width + 1})
    rows = rollup_rows(r)
    groups, grand = (rows[:-1], rows[-1:]) if len(rows) > len(r) else (rows, [])
    table = html_table([*headers, "数值", "条目数"], groups[:LIMIT] + grand, numeric, limit=None)
    if len(groups) > LIMIT:
        table += f"<p {_MUTED}>仅显示前{LIMIT}组，共{len(groups)}组；全部见 to_records()。</p>"
    return table


def rollup_html(r: Rollup) -> str:
    """A roll-up for a notebook: its keys, 数值, 条目数 and a 合计 row when it has one."""
    by = "、".join(field_name(n) for n in r.by)
    title = f"按{by}汇总（{len(r)}组）" if r.by else "汇总"
    return _box(f"<div><b>{escape(title)}</b></div>", rollup_table(r))


# -- reports -------------------------------------------------------------------------------


def report_html(report: Report) -> str:
    """A validation report: its header line, then its findings (级别, 代码, 位置, 说明)."""
    head = str(report).split("\n", 1)[0]
    colour = _GREEN if report.ok else _RED
    parts = [marked(head, colour, "div", bold=True)]
    if report.findings:
        several = len(report.plans) > 1
        headers = ["级别", "代码", "位置", "说明"]
        body = []
        for k, f in enumerate(report.findings):
            if k == LIMIT:
                break
            where = f"{f.plan}:{f.path}" if several and f.plan else f.path
            tint = _SEVERITY_COLOURS[f.severity.value]
            cells = [
                f"<td {_TAG}>{marked(f.severity.chinese, tint)}</td>",
                f"<td {_TAG}><code>{escape(f.code)}</code></td>",
                f"<td {_TAG}><code>{escape(where)}</code></td>",
                f"<td {_TD}>{escape(f.message)}</td>",
            ]
            body.append(f"<tr>{''.join(cells)}</tr>")
        head_row = "".join(f"<th {_TH}>{h}</th>" for h in headers)
        parts.append(
            f"<table {_TABLE}><thead><tr>{head_row}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
        )
        if len(report.findings) > LIMIT:
            parts.append(
                f"<p {_MUTED}>仅显示前{LIMIT}条，共{len(report.findings)}条；"
                "全部见 to_records()。</p>"
            )
    return _box(*parts)


def text_cell(x: Any) -> str | None:
    """What a finding expected or found, as text (figures, ranges, levels, paths)."""
    if x is None:
        return None
    if isinstance(x, str):
        return x
    if isinstance(x, Range) and x.is_known and not x.is_point:
        return str(x)  # exact ends for software: [35项, 37项], (2万人次, 3万人次)
    if isinstance(x, Quantity | Range):
        return value_text(x)
    if isinstance(x, Year | FiveYearPlan | YearSpan):
        return period_text(x)
    if isinstance(x, tuple):
        return "、".join(text_cell(p) or "" for p in x)
    if isinstance(x, enum.Enum):
        return key_text(x)
    return str(x)


def report_table(report: Report) -> Any:
    """A report's findings as an Arrow table; see :meth:`Report.to_arrow`."""
    from ._arrow import findings_table

    return findings_table(report.findings, text_cell)


# -- plans ---------------------------------------------------------------------------------


def _region_text(plan: Plan) -> str | None:
    if plan.region is None:
        return None
    return " › ".join(r.name for r in plan.region.lineage)


def plan_facts(plan: Plan) -> list[str]:
    """What a plan is, in a few words: kind, region, period, level, issuer."""
    facts = [plan.kind.chinese]
    region = _region_text(plan)
    if region:
        facts.append(f"地区：{region}")
    when = period_text(plan.period)
    if when:
        facts.append(f"期间：{when}")
    if plan.level is not None:
        facts.append(f"级别：{plan.level.chinese}")
    if plan.issuer:
        facts.append(f"发布：{plan.issuer}")
    return facts


def _outline(sections: Sequence[Section], budget: list[int]) -> str:
    """Nested lists of sections (label, title, own items by kind), :data:`LIMIT` lines
    at most; ``budget`` counts the lines still to show."""
    lines = []
    for section in sections:
        if budget[0] <= 0:
            break
        budget[0] -= 1
        name = " ".join(x for x in (section.label, section.title) if x) or "（无标题）"
        counts = _counts_text(_kind_counts(section.items))
        line = escape(name)
        if counts:
            line += f" <small {_MUTED}>{escape(counts)}</small>"
        if section.sections:
            line += _outline(section.sections, budget)
        lines.append(f"<li>{line}</li>")
    return f'<ul style="margin: 0.1em 0; padding-left: 1.4em">{"".join(lines)}</ul>'


def _section_count(sections: Sequence[Section]) -> int:
    return sum(1 + _section_count(s.sections) for s in sections)


def plan_html(plan: Plan) -> str:
    """A plan for a notebook: title, kind, region, period, and an outline of its
    sections with their items counted by kind."""
    counts: Counter[str] = Counter(ITEM_TAGS[type(e.item)] for e in plan.walk())
    parts = [
        f'<div style="font-size: 1.15em; font-weight: bold">{escape(plan.title)}</div>',
        f"<div {_MUTED}>{escape(' · '.join(plan_facts(plan)))}</div>",
        f"<div>共 {sum(counts.values())} 条：{escape(_counts_text(counts) or '无')}</div>",
    ]
    if plan.sections:
        parts.append(_outline(plan.sections, [LIMIT]))
        shown = _section_count(plan.sections)
        if shown > LIMIT:
            parts.append(f"<p {_MUTED}>目录仅显示前{LIMIT}节，共{shown}节。</p>")
    return _box(*parts)


def _label(item: Any) -> str | None:
    """A short name for an item: its title, subject, name or indicator's name."""
    kind = ITEM_TAGS[type(item)]
    if kind in ("goal", "achievement"):
        return str(item.indicator.name)
    if kind in ("task", "measure"):
        return item.title or item.label  # type: ignore[no-any-return]
    if kind == "breakdown":
        return str(item.subject)
    if kind == "schedule":
        return item.topic or item.person or item.date  # type: ignore[no-any-return]
    if kind in ("designation", "note"):
        return str(item.title)
    return str(item.name)  # project, person, organization


def _figure_cells(f: Figure) -> dict[str, Any]:
    units = [q.unit for q in (f.value, f.upper) if q is not None] or [f.unit]
    unit = finest_unit(units)
    return {
        "figure": str(f),
        "value": magnitude_in(f.value, unit),
        "upper": magnitude_in(f.upper, unit),
        "unit": unit,
        "qualifier": f.qualifier.value,
    }


def _no_figure(amount: Quantity | None = None) -> dict[str, Any]:
    return {
        "figure": None,
        "value": None if amount is None else amount.magnitude,
        "upper": None,
        "unit": None if amount is None else amount.unit,
        "qualifier": None,
    }


def _by_currency(p: Project) -> list[Quantity]:
    """A project's money of the allocated stage (what project_value sums), one total per
    currency: money in two currencies is shown side by side, never added."""
    amounts: dict[str, list[Quantity]] = {}
    for f in p.funding:
        if f.stage is FundingStage.ALLOCATED:
            amounts.setdefault(f.amount.dimension, []).append(f.amount)
    return [total(found) for found in amounts.values()]


def _project_cells(p: Project) -> dict[str, Any]:
    """A project's cells: its money as one amount, or, where it is stated in several
    currencies, the amounts side by side in ``figure`` and no value or unit."""
    found = _by_currency(p)
    if len(found) > 1:
        return {**_no_figure(), "figure": "、".join(map(str, found))}
    return _no_figure(found[0] if found else None)


def entry_record(e: Entry) -> dict[str, Any]:
    """One row of :meth:`Plan.to_records` for an item where it stands."""
    item = e.item
    figure = getattr(item, "figure", None) or getattr(item, "total", None)
    if isinstance(figure, Figure):
        cells = _figure_cells(figure)
    elif type(item) is Project:
        cells = _project_cells(item)
    else:
        cells = _no_figure()
    return {
        "plan": e.plan.id,
        "path": e.path,
        "type": ITEM_TAGS[type(item)],
        "label": _label(item),
        **cells,
        "period": period_text(e.period),
    }


#: The columns of Plan.to_records(), in order.
PLAN_COLUMNS = (
    "plan",
    "path",
    "type",
    "label",
    "figure",
    "value",
    "upper",
    "unit",
    "qualifier",
    "period",
)


def plan_records(plan: Plan) -> list[dict[str, Any]]:
    """One row per item of the plan's tree; see :meth:`Plan.to_records`."""
    return [entry_record(e) for e in plan.walk()]


def plan_table(plan: Plan) -> Any:
    """A plan's items (:meth:`Plan.to_records`) as an Arrow table: ``value`` and
    ``upper`` decimal128(38, 10), every other column text."""
    from ._arrow import table_of

    columns = tuple((c, "dec" if c in ("value", "upper") else "str") for c in PLAN_COLUMNS)
    return table_of("items", plan_records(plan), columns)


# -- plans seen together -------------------------------------------------------------------


def combined_records(c: Combined) -> list[dict[str, Any]]:
    """One row per project of a combined view; see :meth:`Combined.to_records`."""
    repeated = set(c.repeated)
    rows = []
    for e in c.entries:
        p = e.item
        assert isinstance(p, Project)
        found = _by_currency(p)
        money = found[0] if len(found) == 1 else None  # none, or several currencies
        region = e.region
        rows.append(
            {
                "plan": e.plan.id,
                "path": e.path,
                "id": p.id,
                "name": p.name,
                "programme": p.programme,
                "level": None if p.level is None else p.level.value,
                "status": None if p.status is None else p.status.value,
                "period": period_text(e.period),
                "region": None if region is None else region.name,
                "undertaker": _name(p.undertaker),
                "value": None if money is None else money.magnitude,
                "unit": None if money is None else money.unit,
                "repeated": p.id in repeated,
            }
        )
    return rows


def _name(org: Organization | None) -> str | None:
    return None if org is None else org.name


def combined_html(c: Combined) -> str:
    """A combined view: its plans, region, projects, results and targets."""
    title = f"{len(c.plans)}份计划合并：{'、'.join(c.plans)}"
    facts = []
    if c.region is not None:
        facts.append(f"地区：{c.region.name}")
    facts.append(f"项目 {len(c.entries)} 个")
    if c.repeated:
        facts.append(f"多处出现的项目编号：{'、'.join(c.repeated)}")
    parts = [
        f"<div><b>{escape(title)}</b></div>",
        f"<div {_MUTED}>{escape(' · '.join(facts))}</div>",
    ]
    if c.entries:
        rows = []
        for e in c.entries:
            p = e.item
            assert isinstance(p, Project)
            found = _by_currency(p)
            level = "" if p.level is None else p.level.chinese
            shown = "、".join(map(str, found)) if found else "未注明"
            rows.append([p.id, p.name, p.programme or "", level, shown, e.plan.id])
        headers = ["编号", "名称", "计划类别", "级别", "经费（下达）", "所在计划"]
        parts += [
            "<div><b>项目</b></div>",
            html_table(headers, rows, frozenset({4}), total=len(rows)),
        ]
    for title, r in (("成果（按指标、期间）", c.achievements), ("目标（按指标、期间）", c.goals)):
        if len(r):
            parts += [f"<div><b>{escape(title)}</b></div>", rollup_table(r)]
    return _box(*parts)
