"""The report as HTML: its building blocks (headings, facts, tables of cells, charts,
outlines, parts), one self-contained page (a style sheet for the screen and for printing
on A4, inline SVG charts, no script, no network request), and the fragment a notebook
shows.  :mod:`sciplan_model._summary` builds the blocks from the plans; this module
knows nothing of it, and imports model types for type checking only."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ._display import escape as _e
from ._display import html_table
from ._exact import EXACT, RATIO, ROUNDING, fmt
from ._table import display_width
from .figure import Range
from .quantity import Quantity, _canonical
from .units import unit_info

if TYPE_CHECKING:
    from .model import Plan, Section

_FONT = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','Microsoft YaHei',sans-serif"
_STYLE = f"""
body {{ font-family: {_FONT}; margin: 2em auto; max-width: 64em; padding: 0 1em;
  color: #1f2933; background: #fff; line-height: 1.5; }}
h1 {{ font-size: 1.5em; margin-bottom: 0.3em; }}
h2 {{ font-size: 1.2em; margin-top: 1.6em; border-bottom: 2px solid #3e7cb1;
  padding-bottom: 0.15em; }}
h3 {{ font-size: 1.05em; margin: 1.1em 0 0.3em; }}
dl.facts {{ display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em;
  margin: 0.4em 0 1em; color: #323f4b; }}
dl.facts dt {{ font-weight: bold; }} dl.facts dd {{ margin: 0; }}
table {{ border-collapse: collapse; margin: 0.5em 0; }}
th, td {{ border: 1px solid #cbd2d9; padding: 0.25em 0.6em; text-align: left;
  vertical-align: top; }}
th {{ background: #f0f4f8; color: #1f2933; white-space: nowrap; }}
td.num {{ text-align: right; white-space: nowrap; }}
td[title], span[title] {{ text-decoration: underline dotted #9aa5b1; cursor: help; }}
tr.sum td {{ font-weight: bold; }}
.ok {{ color: #0b7a3e; font-weight: bold; }} .bad {{ color: #b42318; font-weight: bold; }}
.sev-error {{ color: #b42318; }} .sev-warning {{ color: #b54708; }} .sev-info {{ color: #52606d; }}
.charts {{ display: flex; flex-wrap: wrap; gap: 1.5em; margin: 0.8em 0; }}
ul.outline {{ line-height: 1.5; }}
@page {{ size: A4; margin: 16mm 14mm 18mm; }}
@media print {{
  body {{ max-width: none; margin: 0; padding: 0; font-size: 10pt; }}
  section.part {{ break-before: page; }}
  section.part.header, section.part.overview {{ break-before: auto; }}
  h2, h3 {{ break-after: avoid; }}
  table {{ break-inside: auto; width: 100%; }}
  thead {{ display: table-header-group; }}
  tr, svg, .charts > * {{ break-inside: avoid; }}
  td[title], span[title] {{ text-decoration: none; }}
  .charts {{ display: block; }}
}}
"""

_BAR_WIDTH = Decimal(360)
_ROW = 26
_AXIS = 26  # the height of the scale under the bars


# -- what a report is made of ----------------------------------------------------------------


@attrs.frozen
class Cell:
    """A table cell: its text, and what a reader sees on hover (a figure's range)."""

    text: str
    hover: str | None = None


@attrs.frozen
class Heading:
    """A heading: 1 the report's title, 2 a part, 3 a table within a part."""

    level: int
    text: str


@attrs.frozen
class Para:
    """A paragraph; ``css`` is ok or bad for the outcome of validation."""

    text: str
    css: str = ""


@attrs.frozen
class Facts:
    """The header's facts: (name, value) pairs."""

    pairs: tuple[tuple[str, str], ...]


@attrs.frozen
class Table:
    """A table: its headings, its rows of cells, and the columns set to the right."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: frozenset[int] = frozenset()


@attrs.frozen
class Charts:
    """The page's charts (only the HTML page draws them): rows of (label, value, shown)
    of money by level and by source where projects carry money (``stage`` names it),
    else of the money the plans state by level, and of 完成率."""

    stage: str
    level: tuple[tuple[str, Any, str], ...] = ()
    source: tuple[tuple[str, Any, str], ...] = ()
    stated: tuple[tuple[str, Any, str], ...] = ()
    rates: tuple[tuple[str, Any, str], ...] = ()


@attrs.frozen
class Outline:
    """A plan's sections as an outline (under the plan's title when several)."""

    plan: Plan
    several: bool


@attrs.frozen
class Part:
    """A part of the report: a heading and what stands under it; the printed page
    starts each part on a new page."""

    key: str
    blocks: tuple[Any, ...]


# -- charts ----------------------------------------------------------------------------------


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
    rows: Sequence[tuple[str, Any, str]], mark: tuple[Quantity, str] | None
) -> str | None:
    """What a chart's bars measure: the mark's dimension, or the commonest among its
    values (the first met of those as common)."""
    if mark is not None:
        return mark[0].dimension
    found = [v.dimension for _, v, _ in rows if isinstance(v, Quantity | Range)]
    return max(found, key=found.count) if found else None


def _chart_unit(rows: Sequence[tuple[str, Any, str]], dimension: str | None) -> str | None:
    """The unit a chart's scale is written in: the commonest unit of its values."""
    units = []
    for _, v, _ in rows:
        if isinstance(v, Quantity) and v.dimension == dimension:
            units.append(v.unit)
        elif isinstance(v, Range) and v.is_known and v.dimension == dimension:
            end = v.low if v.low is not None else v.high
            if end is not None:
                units.append(end.unit)
    return max(units, key=units.count) if units else None


def _step(largest: Decimal) -> Decimal:
    """A round step (1, 2 or 5 times a power of ten) that cuts ``largest`` into about
    four parts."""
    if largest <= 0:
        return Decimal(1)
    quarter = RATIO.divide(largest, Decimal(4))
    power = Decimal(1).scaleb(quarter.adjusted())
    for m in (1, 2, 5, 10):
        step = EXACT.multiply(power, Decimal(m))
        if step >= quarter:
            return step
    return EXACT.multiply(power, Decimal(10))  # pragma: no cover - 10 ≥ any quarter


def _sort_rows(
    rows: Sequence[tuple[str, Any, str]], ends: list[tuple[Decimal | None, Decimal | None]]
) -> list[int]:
    """The rows' order in a chart: by value, largest first; values not known last."""

    def key(k: int) -> tuple[int, Decimal]:
        low, high = ends[k]
        top = high if high is not None else low
        return (0, -top) if top is not None else (1, Decimal(0))

    return sorted(range(len(rows)), key=key)


def bar_chart(
    chart_id: str,
    title: str,
    rows: list[tuple[str, Any, str]],
    empty: str,
    mark: tuple[Quantity, str] | None = None,
    *,
    order: bool = True,
) -> str:
    """A horizontal bar chart as inline SVG: one bar per (label, value, shown text),
    sorted by value (largest first, unless ``order`` is False), with a scale of round
    steps under the bars in the commonest unit of the values.

    A range is drawn (lighter) from its low to its high end, one without a high end to
    the chart's edge; a value not known has no bar.  Each row's title (seen on hover)
    says its value and, for a range, the values it allows.  ``mark`` draws a dashed
    line at a value (100% on a chart of completion rates).  Bars share one scale, so
    they are drawn for the values of one dimension only — the mark's, or the one most
    values have (money of a currency): a value in another currency (万美元 among 万元)
    keeps its text but has no bar.
    """
    label_width = max(80, max((display_width(label) for label, _, _ in rows), default=0) * 7 + 14)
    shown_width = max((display_width(shown) for _, _, shown in rows), default=0) * 7 + 16
    width = label_width + int(_BAR_WIDTH) + max(150, shown_width)
    dimension = _chart_dimension(rows, mark)
    ends = [_ends(v, dimension) for _, v, _ in rows]
    known = [d for pair in ends for d in pair if d is not None]
    if mark is not None:
        known.append(_canonical(mark[0]))
    unit = mark[0].unit if mark is not None else _chart_unit(rows, dimension)
    factor = unit_info(unit).factor if unit is not None else Decimal(1)
    top = max(known, default=Decimal(0))
    if any(low is not None and high is None for low, high in ends):
        top = EXACT.multiply(top, Decimal("1.25"))  # room for bars without a high end
    step = _step(RATIO.divide(top, factor)) if top > 0 else Decimal(1)
    # the scale ends on a round step at or above the largest value
    steps = (
        RATIO.divide(RATIO.divide(top, factor), step).to_integral_value(ROUND_CEILING)
        if top > 0
        else Decimal(1)
    )
    largest = EXACT.multiply(EXACT.multiply(step, steps), factor) if top > 0 else Decimal(0)
    bars = 34 + _ROW * max(len(rows), 1)
    height = bars + (_AXIS if known and rows else 0) + (14 if mark else 0)
    parts = [
        f'<svg id="{_e(chart_id)}" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" role="img" aria-label="{_e(title)}" font-family="{_e(_FONT)}">',
        f'<text x="0" y="18" font-size="15" font-weight="bold" fill="currentColor">{_e(title)}</text>',
    ]
    if not rows:
        parts.append(
            f'<text x="0" y="{34 + 16}" font-size="13" fill="currentColor" opacity="0.75">'
            f"{_e(empty)}</text>"
        )
    shown_order = _sort_rows(rows, ends) if order else list(range(len(rows)))
    for k, index in enumerate(shown_order):
        (label, value, shown), (low, high) = rows[index], ends[index]
        y = 34 + _ROW * k
        hover = f"{label}：{shown}"
        if isinstance(value, Range) and value.is_known and not value.is_point:
            hover += f"（取值 {value}）"
        parts.append(f"<g><title>{_e(hover)}</title>")
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="13" fill="currentColor">{_e(label)}</text>'
        )
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
            f'<text x="{x_text}" y="{y + 16}" font-size="12" fill="currentColor">{_e(shown)}</text></g>'
        )
    if known and rows:
        parts.append(_axis(label_width, bars, step, int(steps), unit, factor, largest))
    if mark is not None and rows:
        x = EXACT.add(label_width, _scale(_canonical(mark[0]), largest))
        bottom = bars + _AXIS
        parts.append(
            f'<line x1="{x}" y1="28" x2="{x}" y2="{bars}" stroke="#b42318" '
            'stroke-dasharray="4 3"/>'
            f'<text x="{x}" y="{bottom + 10}" font-size="11" fill="#b42318" '
            f'text-anchor="middle">{_e(mark[1])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _axis(
    left: int,
    y: int,
    step: Decimal,
    steps: int,
    unit: str | None,
    factor: Decimal,
    largest: Decimal,
) -> str:
    """The scale under a chart's bars: a line, a tick and a figure at each round step,
    the last one with its unit."""
    out = [
        f'<g class="scale" font-size="10" fill="currentColor" opacity="0.8">'
        f'<line x1="{left}" y1="{y}" x2="{left + int(_BAR_WIDTH)}" y2="{y}" stroke="#9aa5b1"/>'
    ]
    for k in range(steps + 1):
        value = EXACT.multiply(step, Decimal(k))
        x = EXACT.add(left, _scale(EXACT.multiply(value, factor), largest))
        text = fmt(value) + (unit or "" if k == steps else "")
        out.append(
            f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y + 4}" stroke="#9aa5b1"/>'
            f'<text x="{x}" y="{y + 15}" text-anchor="middle">{_e(text)}</text>'
        )
    out.append("</g>")
    return "".join(out)


def charts(block: Charts) -> str:
    """The charts that have something to draw: money by level and by source where
    projects carry money (else the money the plans state by level), and 完成率 where
    goals have results."""
    drawn = []
    if block.level or block.source:
        stage = block.stage
        drawn.append(bar_chart("chart-level", f"项目经费（{stage}）按级别", list(block.level), ""))
        drawn.append(
            bar_chart("chart-source", f"项目经费（{stage}）按资金来源", list(block.source), "")
        )
    elif block.stated:
        drawn.append(
            bar_chart("chart-level", "计划所述经费按级别", list(block.stated), "", order=False)
        )
    if block.rates:
        drawn.append(
            bar_chart(
                "chart-attainment",
                "目标完成率",
                list(block.rates),
                "",
                mark=(Quantity(100, "%"), "100%"),
            )
        )
    return f'<div class="charts">{"".join(drawn)}</div>' if drawn else ""


# -- the page --------------------------------------------------------------------------------


def _cell(c: Any, numeric: bool) -> str:
    css = ' class="num"' if numeric else ""
    hover = f' title="{_e(c.hover)}"' if c.hover else ""
    return f"<td{css}{hover}>{_e(c.text)}</td>"


def _table(block: Any) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in block.headers)
    body = []
    for row in block.rows:
        css = ' class="sum"' if row and row[0].text == "合计" else ""
        sev = ""
        if block.headers[:1] == ("级别",) and row and row[0].hover:
            sev = f' class="sev-{_e(_severity(row[0].text))}"'
        cells = "".join(_cell(c, k in block.numeric) for k, c in enumerate(row))
        body.append(f"<tr{css or sev}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _severity(chinese: str) -> str:
    return {"错误": "error", "警告": "warning", "提示": "info"}.get(chinese, "info")


def _outline_html(sections: tuple[Section, ...], attrs_: str = "") -> str:
    """A plan's sections as nested lists, each with how many items it holds."""
    from ._walk import section_name

    items = []
    for section in sections:
        count = f"（{len(section.items)}条）" if section.items else ""
        inner = _outline_html(section.sections) if section.sections else ""
        items.append(f"<li>{_e(section_name(section) + count)}{inner}</li>")
    return f"<ul{attrs_}>{''.join(items)}</ul>"


def _blocks_html(parts: Sequence[Part], fragment: bool) -> str:
    out = []
    for part in parts:
        inner = []
        for block in part.blocks:
            if isinstance(block, Heading):
                inner.append(f"<h{block.level}>{_e(block.text)}</h{block.level}>")
            elif isinstance(block, Facts):
                pairs = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in block.pairs)
                inner.append(f'<dl class="facts">{pairs}</dl>')
            elif isinstance(block, Para):
                css = f' class="{block.css}"' if block.css else ""
                inner.append(f"<p{css}>{_e(block.text)}</p>")
            elif isinstance(block, Table):
                if fragment:
                    rows = [[c.text for c in r] for r in block.rows]
                    inner.append(html_table(block.headers, rows, block.numeric, limit=None))
                else:
                    inner.append(_table(block))
            elif isinstance(block, Charts):
                inner.append(charts(block))
            elif isinstance(block, Outline):
                if block.several:
                    inner.append(f"<h3>{_e(block.plan.title)}</h3>")
                inner.append(_outline_html(block.plan.sections, ' class="outline"'))
        out.append(f'<section class="part {part.key}">{"".join(inner)}</section>')
    return "\n".join(out)


def page(title: str, parts: Sequence[Part]) -> str:
    """The whole page: its own style sheet (screen and A4 print), no script."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"{_blocks_html(parts, False)}\n</body>\n</html>\n"
    )


def fragment(parts: Sequence[Part]) -> str:
    """What a notebook shows: the report's parts with inline styles only (a notebook
    keeps no style sheet of ours), in the notebook's own colours."""
    return f'<div lang="zh-CN">{_blocks_html(parts, True)}</div>'
