r"""The checks :func:`~sciplan_model.validate` runs: small functions of a
:class:`~sciplan_model.Scope` that yield :class:`~sciplan_model.Finding`\ s."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from ._combine import restated
from ._exact import EXACT
from ._findings import Check, Finding, Scope, Severity, _finding, _said
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
    for entry in scope.items(Breakdown):
        b: Breakdown = entry.item  # type: ignore[assignment]
        if not b.parts:
            continue
        figures = [b.total, *(p.figure for p in b.parts)]
        if not all(f.is_known for f in figures):
            yield _finding(
                entry,
                "breakdown.undecided",
                Severity.INFO,
                "合计或分项含未知数（如20xx），无法核对",
            )
            continue
        if all(f.qualifier is _EXACT for f in figures) and _clean(b):  # the common case
            continue
        whole = _range_in(b.total.range, b.indicator)
        parts: Range = sum(
            (_range_in(p.figure.range, b.indicator) for p in b.parts[1:]),
            _range_in(b.parts[0].figure.range, b.indicator),
        )
        if parts.dimension != whole.dimension:
            continue  # a total the indicator does not count: breakdown.unit says so
        gap = _gap(parts, whole) if b.complete else _excess(parts, whole)
        severity = _verdict(gap, _slack(figures))
        if severity is None:
            continue
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
        yield _finding(entry, code, severity, message, expected=b.total, actual=shown)


def _clean(b: Breakdown) -> bool:
    """Whether a breakdown of exact figures adds up, read the fast way."""
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
    for entry in scope.items(Breakdown):
        b: Breakdown = entry.item  # type: ignore[assignment]
        if b.indicator is not None and not b.indicator.counts(b.total):
            yield _finding(
                entry,
                "breakdown.unit",
                Severity.ERROR,
                f"合计{_said(b.total)}的单位与指标“{b.indicator.name}”的单位{b.indicator.unit}不符",
                path=f"{entry.path}.total",
                expected=b.indicator.unit,
                actual=b.total.unit,
            )


def check_breakdown_levels(scope: Scope) -> Iterator[Finding]:
    """A statement over a span of levels (市级以上) holds parts of those levels only."""
    for entry in scope.items(Breakdown):
        b: Breakdown = entry.item  # type: ignore[assignment]
        if not b.levels:
            continue
        allowed = "、".join(level.chinese for level in b.levels)
        for k, part in enumerate(b.parts):
            if part.level is not None and part.level not in b.levels:
                yield _finding(
                    entry,
                    "breakdown.level",
                    Severity.ERROR,
                    f"分项“{part.level.chinese}”不在该统计口径（{allowed}）之内",
                    path=f"{entry.path}.parts[{k}]",
                    expected=b.levels,
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
    plan: Plan, path: str, what: str, inner: Period, outer: Period, source: SourceRef | None
) -> Finding | None:
    inside = _inside(inner, outer)
    if inside:
        return None
    if inside is None:
        return Finding(
            code="period.undecided",
            severity=Severity.INFO,
            path=path,
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
        path=path,
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
        yield from _section_periods(plan, plan.sections, "$.sections", plan.period)
    for kind in (Project, Goal, Achievement, Breakdown):
        yield from _item_periods(scope.items(kind))
    yield from _funding_years(scope.items(Project))


def _funding_years(entries: Iterable[Entry]) -> Iterator[Finding]:
    """A funding line's year lies within the period of the section it stands in."""
    for entry in entries:
        context = entry.within
        if context is None:
            continue
        for j, f in enumerate(entry.item.funding):  # type: ignore[union-attr]
            if f.year is None or f.year == context:
                continue
            found = _period_finding(
                entry.plan,
                f"{entry.path}.funding[{j}].year",
                "经费年度",
                f.year,
                context,
                getattr(entry.item, "source", None),
            )
            if found is not None:
                yield found


def _section_periods(
    plan: Plan, sections: tuple[Section, ...], prefix: str, outer: Period | None
) -> Iterator[Finding]:
    for i, section in enumerate(sections):
        here = f"{prefix}[{i}]"
        inner = outer
        if section.period is not None and section.period != outer:
            if outer is not None:
                found = _period_finding(
                    plan, here, "章节期间", section.period, outer, section.source
                )
                if found is not None:
                    yield found
            inner = section.period
        yield from _section_periods(plan, section.sections, f"{here}.sections", inner)


def _item_periods(entries: Iterable[Entry]) -> Iterator[Finding]:
    memo: dict[tuple[Period, Period], bool | None] = {}
    for entry in entries:
        item = entry.item
        own = item.year if type(item) is Project else getattr(item, "period", None)
        context = entry.within
        if own is None or context is None or own == context:
            continue
        key = (own, context)
        if key not in memo:
            memo[key] = _inside(own, context)
        if memo[key]:
            continue
        found = _period_finding(
            entry.plan,
            entry.path,
            "期间" if type(item) is not Project else "项目年度",
            own,
            context,
            getattr(item, "source", None),
        )
        if found is not None:
            yield found


# -- identity ---------------------------------------------------------------------------------


def _content(obj: Any) -> Any:
    """What an object says, without where any part of it is written: two plans may
    list the same project, each with its own spans."""
    if isinstance(obj, tuple):
        return tuple(_content(x) for x in obj)
    if not attrs.has(type(obj)) or isinstance(obj, Quantity | Figure | Range):
        return obj
    changes: dict[str, Any] = {}
    for a in attrs.fields(type(obj)):
        value = getattr(obj, a.name)
        if a.name == "source" and isinstance(value, SourceRef):
            changes["source"] = None
        elif isinstance(value, tuple) or attrs.has(type(value)):
            inner = _content(value)
            if inner is not value:
                changes[a.name] = inner
    return attrs.evolve(obj, **changes) if changes else obj


_FIELD_NAMES = {
    "name": "名称",
    "programme": "计划类别",
    "level": "级别",
    "status": "状态",
    "year": "年度",
    "undertaker": "承担单位",
    "funding": "经费",
    "related": "关联项目",
}


def _differences(a: Project, b: Project) -> list[str]:
    """The fields two records of one project disagree on, in Chinese (where they are
    written does not count)."""
    return [
        _FIELD_NAMES.get(f.name, f.name)
        for f in attrs.fields(Project)
        if f.name not in ("id", "source")
        and _content(getattr(a, f.name)) != _content(getattr(b, f.name))
    ]


def check_identity(scope: Scope) -> Iterator[Finding]:
    """A project id is listed once in a plan; a project listed in several plans (the
    same id) says the same there; a goal stated again in its plan (the same indicator,
    figure, period, place and levels) is noted, since it is one goal, counted once in
    roll-ups (two targets for one indicator, such as a floor 确保 and a stretch 力争,
    are two goals and are not noted)."""
    for again, was in restated(scope.items(Goal)):
        goal: Goal = again.item  # type: ignore[assignment]
        yield _finding(
            again,
            "identity.restated",
            Severity.INFO,
            f"目标“{goal.indicator.name}{goal.figure.text}”在{was.path}已提出，此处为重述，"
            "汇总时只计一次",
            expected=was.path,
            actual=again.path,
        )
    first: dict[str, Entry] = {}  # where each id was first met
    mine: dict[tuple[int, str], Entry] = {}  # … and first met in each plan
    for entry in scope.items(Project):
        p: Project = entry.item  # type: ignore[assignment]
        seen = first.get(p.id)
        if seen is None:
            first[p.id] = mine[(id(entry.plan), p.id)] = entry
            continue
        own = mine.get((id(entry.plan), p.id))
        if own is None:
            mine[(id(entry.plan), p.id)] = entry
        else:
            seen = own
        where = f"{seen.plan.id}:{seen.path}" if seen.plan is not entry.plan else seen.path
        if seen.plan is entry.plan:
            yield _finding(
                entry,
                "identity.duplicate",
                Severity.ERROR,
                f"项目编号“{p.id}”重复（首次见于{where}）",
                path=f"{entry.path}.id",
                expected=seen.path,
                actual=entry.path,
            )
        elif differ := _differences(seen.item, p):  # type: ignore[arg-type]
            yield _finding(
                entry,
                "identity.conflict",
                Severity.ERROR,
                f"项目“{p.id}”在{where}另有记载，两处的{'、'.join(differ)}不一致",
                expected=seen.item,
                actual=p,
            )


# -- funding ----------------------------------------------------------------------------------


def check_funding(scope: Scope) -> Iterator[Finding]:
    """No funding line is negative, and each project's money shrinks along its stages:
    planned ≥ allocated ≥ received ≥ spent (only the stages it has are compared, and
    two stages only where both state their money in one and the same currency: money
    in two currencies is never compared without a rate)."""
    for entry in scope.items(Project):
        p: Project = entry.item  # type: ignore[assignment]
        lines = p.funding
        if not lines:
            continue
        first = lines[0].stage
        stages = {first}
        for j, f in enumerate(lines):
            if f.stage is not first:
                stages.add(f.stage)
            if f.amount.magnitude < 0:
                yield _finding(
                    entry,
                    "funding.negative",
                    Severity.ERROR,
                    f"经费{f.amount}为负数",
                    path=f"{entry.path}.funding[{j}].amount",
                    actual=f.amount,
                )
        if len(stages) < 2:
            continue
        # compare exact sums in the base unit first; amounts are made only to report
        base: dict[FundingStage, Decimal] = dict.fromkeys(stages, _ZERO)
        currencies: dict[FundingStage, set[str]] = {s: set() for s in stages}
        for f in lines:
            base[f.stage] = EXACT.add(base[f.stage], _canonical(f.amount))
            currencies[f.stage].add(f.amount.dimension)
        order = [s for s in FundingStage if s in stages]
        for early, late in itertools.pairwise(order):
            if (
                len(currencies[early]) == 1
                and currencies[late] == currencies[early]
                and base[late] > base[early]
            ):
                before = total([f.amount for f in lines if f.stage is early])
                after = total([f.amount for f in lines if f.stage is late])
                yield _finding(
                    entry,
                    "funding.stages",
                    Severity.ERROR,
                    f"{late.chinese}经费{after}多于{early.chinese}经费{before}",
                    path=f"{entry.path}.funding",
                    expected=before,
                    actual=after,
                )


# -- stated totals against listed detail ------------------------------------------------------


def check_listed_detail(scope: Scope) -> Iterator[Finding]:
    """Where a statement names the projects it counts (``Breakdown.projects``), those
    projects add up to it: their number, or their money of the statement's stage, in
    total and for each level it breaks down."""
    ids: dict[int, dict[str, Project]] = {}
    for entry in scope.items(Breakdown):
        b: Breakdown = entry.item  # type: ignore[assignment]
        if not b.projects:
            continue
        known = ids.get(id(entry.plan))
        if known is None:
            known = ids[id(entry.plan)] = {p.id: p for p in entry.plan.projects()}
        listed: list[Project] = []
        named: set[str] = set()
        for k, pid in enumerate(b.projects):
            yield from _listed(entry, b, k, pid, known, named, listed)
        yield from _detail(entry, b, b.total, listed, entry.path, "合计")
        for k, part in enumerate(b.parts):
            if part.level is None:
                continue
            where = f"{entry.path}.parts[{k}]"
            if any(p.level is None for p in listed):
                yield _finding(
                    entry,
                    "detail.undecided",
                    Severity.INFO,
                    f"{part.level.chinese}：有所列项目未注明级别，无法与所列项目核对",
                    path=where,
                )
                continue
            mine = [p for p in listed if p.level is part.level]
            yield from _detail(entry, b, part.figure, mine, where, part.level.chinese)


def _listed(
    entry: Entry,
    b: Breakdown,
    k: int,
    pid: str,
    known: dict[str, Project],
    named: set[str],
    listed: list[Project],
) -> Iterator[Finding]:
    """One id a statement names: a project of the plan, named once, of the statement's
    levels."""
    where = f"{entry.path}.projects[{k}]"
    if pid in named:
        yield _finding(
            entry,
            "detail.repeated",
            Severity.ERROR,
            f"项目“{pid}”在所列项目中重复",
            path=where,
            actual=pid,
        )
        return
    named.add(pid)
    project = known.get(pid)
    if project is None:
        yield _finding(
            entry,
            "detail.unknown",
            Severity.ERROR,
            f"计划中没有编号为“{pid}”的项目",
            path=where,
            actual=pid,
        )
        return
    listed.append(project)
    if b.levels and project.level is not None and project.level not in b.levels:
        allowed = "、".join(level.chinese for level in b.levels)
        yield _finding(
            entry,
            "detail.level",
            Severity.ERROR,
            f"所列项目“{pid}”为{project.level.chinese}，不在该统计口径（{allowed}）之内",
            path=where,
            expected=b.levels,
            actual=project.level,
        )


def _detail(
    entry: Entry, b: Breakdown, stated: Figure, listed: list[Project], path: str, what: str
) -> Iterator[Finding]:
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
        yield _finding(
            entry,
            "detail.undecided",
            Severity.INFO,
            f"{what}{missing}无法与所列项目核对",
            path=path,
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
        code = "detail.total" if path == entry.path else "detail.part"
        yield _finding(entry, code, severity, message, path=path, expected=stated, actual=counted)


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


def _place(entry: Entry) -> Any:
    """Where a figure is for: its region, or else its plan (figures of plans without a
    region are compared within their plan only)."""
    region = entry.region
    return region if region is not None else ("plan", id(entry.plan))


def check_five_year(scope: Scope) -> Iterator[Finding]:
    """A figure stated for a five-year period (or any span of years) agrees with its
    years, indicator by indicator and place by place: the sum of the years for a flow
    (the years given so far never more than it), the last year for a stock."""
    spans: list[tuple[Entry, tuple[Any, ...], range]] = []
    years: dict[tuple[Any, ...], list[Entry]] = {}
    for entry in scope.items(Achievement):
        a: Achievement = entry.item  # type: ignore[assignment]
        indicator = a.indicator
        key = (_place(entry), indicator.key or indicator.name, unit_info(indicator.unit).dimension)
        when = entry.period
        if isinstance(when, Year):
            if when.value is not None:
                years.setdefault((*key, when.value), []).append(entry)
        elif when is not None:
            span = period_years(when)
            if span is not None and len(span) > 1:
                spans.append((entry, key, span))
    for entry, key, span in spans:
        present = {y: _one_plan(entry, years[(*key, y)]) for y in span if (*key, y) in years}
        if present:
            yield from _against_years(entry, span, present)


def _one_plan(stated: Entry, found: list[Entry]) -> list[Entry]:
    """A year's figures from one plan only — the stating plan's own where it gives the
    year, else the first plan's: two plans giving the same year (a review and the
    annual report) state one fact twice."""
    mine = [e for e in found if e.plan is stated.plan]
    if mine:
        return mine
    first = found[0].plan
    return [e for e in found if e.plan is first]


def _against_years(entry: Entry, span: range, present: dict[int, list[Entry]]) -> Iterator[Finding]:
    a: Achievement = entry.item  # type: ignore[assignment]
    name = _show_period(entry.period) if entry.period is not None else ""
    stock = a.indicator.aggregation is Aggregation.STOCK
    last = span[-1]
    if stock:
        if last not in present:
            return
        chosen = present[last]
    else:
        chosen = [e for es in present.values() for e in es]
    figures = [e.item.figure for e in chosen]  # type: ignore[union-attr]
    if not all(f.is_known for f in figures) or not a.figure.is_known:
        yield _finding(
            entry,
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
        entry,
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
