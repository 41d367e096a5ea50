r"""The checks :func:`~sciplan_model.validate` runs: small functions of a
:class:`~sciplan_model.Scope` that yield :class:`~sciplan_model.Finding`\ s."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from ._exact import EXACT
from ._findings import Check, Finding, Scope, Severity, _finding, _Group, _said
from ._project_checks import check_funding, check_identity
from ._rollup import _figure_value, _range_in, _range_to, project_value
from ._walk import Entry
from .codes import Aggregation, FundingStage
from .errors import SciplanError
from .figure import Figure, Qualifier, Range
from .model import Achievement, Breakdown, Goal, Plan, Project, Section, SourceRef
from .period import FiveYearPlan, Period, Year, period_years
from .quantity import Quantity, _canonical, total
from .units import UnitInfo, unit_info

__all__ = [
    "CHECKS",
    "check_breakdown_levels",
    "check_breakdown_sums",
    "check_breakdown_units",
    "check_five_year",
    "check_funding",
    "check_identity",
    "check_listed_detail",
    "check_periods",
]


# -- rounding ---------------------------------------------------------------------------------

_ZERO = Decimal(0)
_EXACT = Qualifier.EXACT


def _digit(q: Quantity) -> Decimal:
    """The unit of the finest digit written in ``q``, in its base unit (159.3万元 → 1000)."""
    exponent = q.magnitude.as_tuple().exponent
    written = min(exponent, 0) if isinstance(exponent, int) else 0  # 1E+2 is written 100
    return EXACT.multiply(unit_info(q.unit).factor, Decimal(1).scaleb(written, EXACT))


def _slack(figures: list[Figure]) -> Quantity | None:
    """How far the figures of one statement may miss each other by rounding alone:
    half a unit of the finest digit written in the statement, for each figure.  None
    for counts (项, 家, 人次 …), which are exact; every other figure is a measurement
    written rounded — money of any currency, area, mass, length, power, energy,
    volume, durations, ratios and rates."""
    known = [q for f in figures for q in (f.value, f.upper) if q is not None]
    if not known or known[0].is_count:
        return None
    finest = min(_digit(q) for q in known)
    half = EXACT.multiply(finest, Decimal("0.5"))
    return Quantity(EXACT.multiply(half, len(figures)), unit_info(known[0].unit).base)


def _gap(a: Range, b: Range) -> Quantity | None:
    """How far apart two ranges that do not overlap lie (None when they overlap)."""
    if a.overlaps(b):
        return None
    below = _excess(b, a)
    return below if below is not None else _excess(a, b)


def _excess(a: Range, b: Range) -> Quantity | None:
    """How far ``a`` lies above ``b`` when no value of ``a`` is within reach of ``b``
    (None when some value of ``a`` is at most some value of ``b``)."""
    if a.low is None or b.high is None or a.low < b.high:
        return None
    if a.low == b.high and a.low_closed and b.high_closed:
        return None
    return a.low - b.high


def _shown(r: Range, unit: str) -> Quantity | Range:
    """A range as people read it: an amount when it is one, in the statement's unit."""
    with contextlib.suppress(SciplanError, ArithmeticError):
        r = _range_to(r, unit)
    if r.is_point and r.low is not None:
        return r.low
    return r


def _verdict(gap: Quantity | None, slack: Quantity | None) -> Severity | None:
    """No finding without a gap; a warning when the gap is within rounding slack."""
    if gap is None:
        return None
    if slack is not None and gap <= slack:
        return Severity.WARNING
    return Severity.ERROR


# -- breakdowns -------------------------------------------------------------------------------


def check_breakdown_sums(scope: Scope) -> Iterator[Finding]:
    """A complete breakdown's parts add up to its total; a partial one's parts never
    exceed it.  Qualified figures compare as ranges; money, area and other measured
    figures may miss by their rounding slack (a warning), counts may not; an unknown
    figure cannot be decided (an info)."""
    group = scope._group(Breakdown)
    for k, b in enumerate(group.items):
        if not b.parts:
            continue
        exact = _adds_up(b)  # the common case: exact figures that add up
        if exact:
            continue
        found = _breakdown_sum(b, exact is None)
        if found is not None:
            code, severity, message, expected, actual = found
            yield _finding(
                group.entry(k), code, severity, message, expected=expected, actual=actual
            )


def _breakdown_sum(b: Breakdown, unsure: bool) -> tuple[str, Severity, str, Any, Any] | None:
    """What is wrong with a breakdown's sum (its code, severity, message, and what was
    expected and found), or None.  ``unsure`` when :func:`_adds_up` could not say whether
    its figures add up exactly."""
    figures = [b.total, *(p.figure for p in b.parts)]
    if not all(f.is_known for f in figures):
        return (
            "breakdown.undecided",
            Severity.INFO,
            "合计或分项含未知数（如20xx），无法核对",
            None,
            None,
        )
    if unsure and all(f.qualifier is _EXACT for f in figures) and _clean(b):
        return None
    whole = _range_in(b.total.range, b.indicator)
    parts: Range = sum(
        (_range_in(p.figure.range, b.indicator) for p in b.parts[1:]),
        _range_in(b.parts[0].figure.range, b.indicator),
    )
    if parts.dimension != whole.dimension:
        return None  # a total the indicator does not count: breakdown.unit says so
    gap = _gap(parts, whole) if b.complete else _excess(parts, whole)
    severity = _verdict(gap, _slack(figures))
    if severity is None:
        return None
    shown = _shown(parts, b.total.unit)
    by = f"，相差{gap}" if gap else ""
    if not b.complete:
        message = f"“其中”各项之和{shown}超过合计{_said(b.total)}{by}"
    elif severity is Severity.WARNING:
        near = f"相差{gap}" if gap else "不能完全吻合"
        message = f"分项之和{shown}与合计{_said(b.total)}{near}，在四舍五入误差以内"
    else:
        message = f"分项之和{shown}与合计{_said(b.total)}不符{by}"
    code = "breakdown.sum" if b.complete else "breakdown.exceeds"
    return code, severity, message, b.total, shown


def _adds_up(b: Breakdown) -> bool | None:
    """Whether a breakdown of exact figures adds up (a complete one's parts to its total,
    a partial one's to no more than it), read the fast way: the magnitudes added as
    Decimals where every figure is in one unit, the values in the base unit
    (:func:`~sciplan_model.quantity._canonical`) where they are in units of one
    dimension (万元 and 元).  None when it cannot say: a figure qualified or unknown, or
    units of two dimensions (个 and 项, which an indicator may count alike)."""
    said = b.total.value
    if b.total.qualifier is not _EXACT or said is None:
        return None
    unit = said.unit
    values: list[Quantity] = []
    for part in b.parts:
        figure = part.figure
        value = figure.value
        if figure.qualifier is not _EXACT or value is None:
            return None
        values.append(value)
    add = EXACT.add
    found = _ZERO
    if all(v.unit == unit for v in values):
        for v in values:
            found = add(found, v.magnitude)
        whole = said.magnitude
    else:
        dimension = said.dimension
        for v in values:
            if v.dimension != dimension:
                return None
            found = add(found, _canonical(v))
        whole = _canonical(said)
    return found == whole if b.complete else found <= whole


def _clean(b: Breakdown) -> bool:
    """Whether a breakdown of exact figures adds up, read the general way (measure
    words its indicator counts alike recounted in its own word, then :func:`total`)."""
    said = _figure_value(b.total, b.indicator)
    parts = [_figure_value(p.figure, b.indicator) for p in b.parts]
    amounts = [q for q in parts if isinstance(q, Quantity)]
    if not isinstance(said, Quantity) or len(amounts) != len(parts):
        return False
    if any(q.dimension != said.dimension for q in amounts):
        return False
    found = total(amounts)
    return found == said if b.complete else found <= said


def check_breakdown_units(scope: Scope) -> Iterator[Finding]:
    """A breakdown's total measures what its indicator counts (its parts are held to
    the total when the breakdown is made)."""
    group = scope._group(Breakdown)
    for k, b in enumerate(group.items):
        indicator = b.indicator
        if indicator is None or b.total.unit == indicator.unit or indicator.counts(b.total):
            continue
        entry = group.entry(k)
        yield _finding(
            entry,
            "breakdown.unit",
            Severity.ERROR,
            f"合计{_said(b.total)}的单位与指标“{indicator.name}”的单位{indicator.unit}不符",
            path=f"{entry.path}.total",
            expected=indicator.unit,
            actual=b.total.unit,
        )


def check_breakdown_levels(scope: Scope) -> Iterator[Finding]:
    """A statement over a span of levels (市级以上) holds parts of those levels only."""
    group = scope._group(Breakdown)
    for k, b in enumerate(group.items):
        levels = b.levels
        if not levels:
            continue
        for j, part in enumerate(b.parts):
            if part.level is not None and part.level not in levels:
                entry = group.entry(k)
                allowed = "、".join(level.chinese for level in levels)
                yield _finding(
                    entry,
                    "breakdown.level",
                    Severity.ERROR,
                    f"分项“{part.level.chinese}”不在该统计口径（{allowed}）之内",
                    path=f"{entry.path}.parts[{j}]",
                    expected=levels,
                    actual=part.level,
                    source=part.source,
                )


# -- periods ----------------------------------------------------------------------------------


def _inside(inner: Period, outer: Period) -> bool | None:
    """Whether ``inner``'s years lie in ``outer``'s; None when either is not known."""
    a, b = period_years(inner), period_years(outer)
    if a is None or b is None:
        return None
    return a.start >= b.start and a.stop <= b.stop


def _show_period(p: Period) -> str:
    return p.name if isinstance(p, FiveYearPlan) else str(p)


def _period_finding(
    plan: Plan,
    where: Callable[[], str],
    what: str,
    inner: Period,
    outer: Period,
    source: SourceRef | None,
) -> Finding | None:
    """A finding when ``inner`` does not lie within ``outer`` (or cannot be known to),
    at the path ``where()`` makes."""
    inside = _inside(inner, outer)
    if inside:
        return None
    if inside is None:
        return Finding(
            code="period.undecided",
            severity=Severity.INFO,
            path=where(),
            message=(
                f"{what}“{_show_period(inner)}”或所属期间“{_show_period(outer)}”"
                "含未知年份，无法核对"
            ),
            expected=outer,
            actual=inner,
            source=source,
            plan=plan.id,
        )
    return Finding(
        code="period.outside",
        severity=Severity.ERROR,
        path=where(),
        message=f"{what}“{_show_period(inner)}”超出所属期间“{_show_period(outer)}”",
        expected=outer,
        actual=inner,
        source=source,
        plan=plan.id,
    )


def check_periods(scope: Scope) -> Iterator[Finding]:
    """Sections lie within their plan's period, and projects, goals, achievements,
    breakdowns and funding lines' years within their section's.  An item that repeats its section's period is
    not checked again; a period with a placeholder year (20xx) cannot be decided."""
    for plan in scope.plans:
        yield from _section_periods(plan, plan.sections, (), plan.period)
    for kind in (Project, Goal, Achievement, Breakdown):
        yield from _item_periods(scope._group(kind), "year" if kind is Project else "period")
    yield from _funding_years(scope._group(Project))


def _funding_years(group: _Group[Project]) -> Iterator[Finding]:
    """A funding line's year lies within the period of the section it stands in."""
    sites = group.sites
    for k, p in enumerate(group.items):
        context = sites[k].within
        if context is None:
            continue
        for f in p.funding:
            year = f.year
            if year is not None and year is not context and year != context:
                yield from _funding_years_of(group, k, context)
                break


def _funding_years_of(group: _Group[Project], k: int, context: Period) -> Iterator[Finding]:
    """The findings of the funding lines' years of one project (one of them at least is
    not its section's period)."""
    p = group.items[k]
    for j, f in enumerate(p.funding):
        if f.year is None or f.year == context:
            continue
        found = _period_finding(
            group.plan(k),
            lambda: f"{group.entry(k).path}.funding[{j}].year",  # noqa: B023 (called at once)
            "经费年度",
            f.year,
            context,
            p.source,
        )
        if found is not None:
            yield found


def _section_periods(
    plan: Plan, sections: tuple[Section, ...], trail: tuple[int, ...], outer: Period | None
) -> Iterator[Finding]:
    """Each section's period lies within its parent's (or its plan's): ``trail`` is
    where ``sections`` stand, the index of each section above them."""
    for i, section in enumerate(sections):
        inner = outer
        if section.period is not None and section.period != outer:
            if outer is not None:
                here = (*trail, i)
                found = _period_finding(
                    plan,
                    lambda: "$" + "".join(f".sections[{n}]" for n in here),  # noqa: B023
                    "章节期间",
                    section.period,
                    outer,
                    section.source,
                )
                if found is not None:
                    yield found
            inner = section.period
        if section.sections:
            yield from _section_periods(plan, section.sections, (*trail, i), inner)


def _item_periods(group: _Group[Any], field: str) -> Iterator[Finding]:
    """Each item's own period (its ``field``) lies within its section's."""
    memo: dict[tuple[Period, Period], bool | None] = {}
    sites = group.sites
    for k, item in enumerate(group.items):
        own = getattr(item, field, None)
        if own is None:
            continue
        context = sites[k].within
        if context is None or own is context or own == context:
            continue
        key = (own, context)
        if key not in memo:
            memo[key] = _inside(own, context)
        if memo[key]:
            continue
        found = _period_finding(
            group.plan(k),
            lambda: group.entry(k).path,  # noqa: B023 (called at once)
            "期间" if field != "year" else "项目年度",
            own,
            context,
            getattr(item, "source", None),
        )
        if found is not None:
            yield found


# -- stated totals against listed detail ------------------------------------------------------


def check_listed_detail(scope: Scope) -> Iterator[Finding]:
    """Where a statement names the projects it counts (``Breakdown.projects``), those
    projects add up to it: their number, or their money of the statement's stage, in
    total and for each level it breaks down."""
    ids: dict[int, dict[str, Project]] = {}
    group = scope._group(Breakdown)
    for k, b in enumerate(group.items):
        if not b.projects:
            continue
        plan = group.plan(k)
        known = ids.get(id(plan))
        if known is None:
            known = ids[id(plan)] = {p.id: p for p in plan.projects()}
        listed: list[Project] = []
        named: set[str] = set()
        for n, pid in enumerate(b.projects):
            yield from _listed(group, k, n, pid, known, named, listed)
        yield from _detail(group, k, b.total, listed, None, "合计")
        for n, part in enumerate(b.parts):
            if part.level is None:
                continue
            if any(p.level is None for p in listed):
                entry = group.entry(k)
                yield _finding(
                    entry,
                    "detail.undecided",
                    Severity.INFO,
                    f"{part.level.chinese}：有所列项目未注明级别，无法与所列项目核对",
                    path=f"{entry.path}.parts[{n}]",
                )
                continue
            mine = [p for p in listed if p.level is part.level]
            yield from _detail(group, k, part.figure, mine, n, part.level.chinese)


def _listed(
    group: _Group[Breakdown],
    k: int,
    n: int,
    pid: str,
    known: dict[str, Project],
    named: set[str],
    listed: list[Project],
) -> Iterator[Finding]:
    """The ``n``-th id the ``k``-th statement names: a project of the plan, named once,
    of the statement's levels."""
    b = group.items[k]
    if pid in named:
        entry = group.entry(k)
        yield _finding(
            entry,
            "detail.repeated",
            Severity.ERROR,
            f"项目“{pid}”在所列项目中重复",
            path=f"{entry.path}.projects[{n}]",
            actual=pid,
        )
        return
    named.add(pid)
    project = known.get(pid)
    if project is None:
        entry = group.entry(k)
        yield _finding(
            entry,
            "detail.unknown",
            Severity.ERROR,
            f"计划中没有编号为“{pid}”的项目",
            path=f"{entry.path}.projects[{n}]",
            actual=pid,
        )
        return
    listed.append(project)
    if b.levels and project.level is not None and project.level not in b.levels:
        allowed = "、".join(level.chinese for level in b.levels)
        entry = group.entry(k)
        yield _finding(
            entry,
            "detail.level",
            Severity.ERROR,
            f"所列项目“{pid}”为{project.level.chinese}，不在该统计口径（{allowed}）之内",
            path=f"{entry.path}.projects[{n}]",
            expected=b.levels,
            actual=project.level,
        )


def _detail(
    group: _Group[Breakdown],
    k: int,
    stated: Figure,
    listed: list[Project],
    part: int | None,
    what: str,
) -> Iterator[Finding]:
    """The listed projects against the ``k``-th statement's total (``part`` None) or
    its ``part``-th part."""
    b = group.items[k]
    info = unit_info(stated.unit)
    if not (info.currency or info.is_count):
        return  # an area or a rate is not made of the projects listed
    foreign = _other_currencies(listed, b.stage, info) if info.currency else []
    values = [project_value(p, b.stage) for p in listed] if info.currency and not foreign else []
    if not stated.is_known or None in values or foreign:
        missing = "" if stated.is_known else "写明的数字未知（如20xx），"
        if None in values:
            missing += f"有所列项目没有{b.stage.chinese}经费，"
        if foreign:
            missing += f"有所列项目的{b.stage.chinese}经费为其他币种（{'、'.join(foreign)}），"
        entry = group.entry(k)
        yield _finding(
            entry,
            "detail.undecided",
            Severity.INFO,
            f"{what}{missing}无法与所列项目核对",
            path=_part_path(entry, part),
        )
        return
    said = _range_in(stated.range, b.indicator)
    if info.is_count and not (b.indicator is None or b.indicator.counts(stated)):
        return  # a count of something else than the indicator's: breakdown.unit says so
    if info.currency:
        counted: Quantity = total([v for v in values if v is not None], stated.unit)
        slack = _slack([stated])
        message = f"{what}写明{_said(stated)}，所列项目经费合计{counted}"
    else:
        counted = Quantity(len(listed), unit_info(said.unit).word)
        slack = None
        message = f"{what}写明{_said(stated)}，所列项目共{counted}"
    severity = _verdict(_gap(Range.point(counted), said), slack)
    if severity is not None:
        entry = group.entry(k)
        code = "detail.total" if part is None else "detail.part"
        path = _part_path(entry, part)
        yield _finding(entry, code, severity, message, path=path, expected=stated, actual=counted)


def _part_path(entry: Entry, part: int | None) -> str:
    """The path of a statement (``part`` None) or of its ``part``-th part."""
    return entry.path if part is None else f"{entry.path}.parts[{part}]"


def _other_currencies(listed: list[Project], stage: FundingStage, info: UnitInfo) -> list[str]:
    """The currencies (美元, 欧元 …) other than ``info``'s in which the projects listed
    state money of ``stage``: such money is never added to the statement's."""
    return sorted(
        {
            unit_info(f.amount.unit).base
            for p in listed
            for f in p.funding
            if f.stage is stage and f.amount.dimension != info.dimension
        }
    )


# -- five-year periods against their years ----------------------------------------------------


def check_five_year(scope: Scope) -> Iterator[Finding]:
    """A figure stated for a five-year period (or any span of years) agrees with its
    years, indicator by indicator and place by place: the sum of the years for a flow
    (the years given so far never more than it), the last year for a stock."""
    group = scope._group(Achievement)
    spans: list[tuple[int, tuple[Any, ...], range]] = []
    years: dict[tuple[Any, ...], list[int]] = {}
    for k, a in enumerate(group.items):
        indicator = a.indicator
        plan = group.plan(k)
        # where a figure is for: its region, or else its plan (figures of plans without
        # a region are compared within their plan only)
        region = a.region if a.region is not None else plan.region
        place = region if region is not None else ("plan", id(plan))
        key = (place, indicator.key or indicator.name, unit_info(indicator.unit).dimension)
        when = a.period if a.period is not None else group.sites[k].within
        if isinstance(when, Year):
            if when.value is not None:
                years.setdefault((*key, when.value), []).append(k)
        elif when is not None:
            span = period_years(when)
            if span is not None and len(span) > 1:
                spans.append((k, key, span))
    for k, key, span in spans:
        present = {y: _one_plan(group, k, years[(*key, y)]) for y in span if (*key, y) in years}
        if present:
            yield from _against_years(group, k, span, present)


def _one_plan(group: _Group[Achievement], stated: int, found: list[int]) -> list[int]:
    """A year's figures from one plan only — the stating plan's own where it gives the
    year, else the first plan's: two plans giving the same year (a review and the
    annual report) state one fact twice."""
    plan = group.plan(stated)
    mine = [n for n in found if group.plan(n) is plan]
    if mine:
        return mine
    first = group.plan(found[0])
    return [n for n in found if group.plan(n) is first]


def _against_years(
    group: _Group[Achievement], k: int, span: range, present: dict[int, list[int]]
) -> Iterator[Finding]:
    a = group.items[k]
    period = a.period if a.period is not None else group.sites[k].within
    name = _show_period(period) if period is not None else ""
    stock = a.indicator.aggregation is Aggregation.STOCK
    last = span[-1]
    if stock:
        if last not in present:
            return
        chosen = present[last]
    else:
        chosen = [n for ns in present.values() for n in ns]
    figures = [group.items[n].figure for n in chosen]
    if not all(f.is_known for f in figures) or not a.figure.is_known:
        yield _finding(
            group.entry(k),
            "five_year.undecided",
            Severity.INFO,
            f"“{name}”期间或其年度的数字含未知数（如20xx），无法核对",
        )
        return
    stated = _range_in(a.figure.range, a.indicator)
    found: Range = sum(
        (_range_in(f.range, a.indicator) for f in figures[1:]),
        _range_in(figures[0].range, a.indicator),
    )
    whole = stock or len(present) == len(span)
    gap = _gap(found, stated) if whole else _excess(found, stated)
    severity = _verdict(gap, _slack([a.figure, *figures]))
    if severity is None:
        return
    shown = _shown(found, a.figure.unit)
    said = f"{last}年的数字为{shown}" if stock else f"{len(present)}个年度的数字合计{shown}"
    yield _finding(
        group.entry(k),
        "five_year.sum",
        severity,
        f"“{name}”期间写明{_said(a.figure)}，而{said}",
        expected=a.figure,
        actual=shown,
    )


#: The checks :func:`validate` runs, in order.
CHECKS: tuple[Check, ...] = (
    check_breakdown_sums,
    check_breakdown_units,
    check_breakdown_levels,
    check_listed_detail,
    check_periods,
    check_five_year,
    check_identity,
    check_funding,
)
