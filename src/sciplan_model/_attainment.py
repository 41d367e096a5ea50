"""Targets against results (完成率 with a three-valued verdict), growth on last year
(同比), and rates as people read them (rounded half up)."""

from __future__ import annotations

import decimal
import enum
from decimal import Decimal
from typing import Any

import attrs

from ._exact import EXACT, RATIO, ROUNDING, fmt, own_context, plain
from ._rollup import _as_value, _in_word, _place, _range_in
from ._walk import Entry
from .codes import Aggregation
from .errors import DivisionByZeroError, InvalidValueError, UnitMismatchError, WrongTypeError
from .figure import Figure, Qualifier, Range
from .model import Achievement, Goal, Indicator
from .period import Period, Year, _may_be_in, period_years
from .quantity import Quantity

__all__ = ["Attainment", "Verdict", "attainment", "growth", "percent"]


# -- targets against results -----------------------------------------------------------------


class Verdict(enum.Enum):
    """Whether a target is met: every value the result allows meets it (MET), none does
    (NOT_MET), or some do and some do not, or a figure is unknown (UNDECIDED)."""

    MET = "met"
    NOT_MET = "not_met"
    UNDECIDED = "undecided"

    @property
    def chinese(self) -> str:
        """The verdict in Chinese: 已完成, 未完成 or 无法判定."""
        return {"met": "已完成", "not_met": "未完成", "undecided": "无法判定"}[self.value]


def _meeting(target: Figure, indicator: Indicator | None) -> Range:
    """The values that meet a target: up from its low end for a target to reach (36项,
    2万人次以上, 约100人), down to its high end for a ceiling (不超过, 不满)."""
    r = _range_in(target.range, indicator)
    if not r.is_known:
        return r
    if target.qualifier in (Qualifier.AT_MOST, Qualifier.LESS_THAN):
        return r
    return Range(r.low, None, r.low_closed, False, unit=r.unit)


@attrs.frozen(repr=False)
class Attainment:
    """A target held against a result: the ``target`` figure, the ``actual`` values the
    result allows, the completion rate 完成率 (a range in %, a point when both figures
    are exact) and the :class:`Verdict`."""

    target: Figure
    actual: Range
    rate: Range
    verdict: Verdict

    def percent(self, places: int = 1) -> str:
        """The completion rate as people read it, rounded half up (四舍五入)."""
        return percent(self.rate, places)

    def __str__(self) -> str:
        return f"完成率 {self.percent()}（{self.verdict.chinese}）"

    def __repr__(self) -> str:
        return f"Attainment({self.target}, actual={self.actual}, rate={self.rate}, {self.verdict.name})"

    def _repr_html_(self) -> str:
        """The attainment in a notebook: target, actual, 完成率 and verdict."""
        from ._display import attainment_html

        return attainment_html(self)


def _actual(goal: Goal | Figure, results: Any) -> tuple[Range, Indicator | None]:
    indicator = goal.indicator if isinstance(goal, Goal) else None
    if isinstance(results, Achievement | Figure | Quantity | Range | Entry):
        results = [results]
    given = [
        (r.item, r.period, _place(r))
        if type(r) is Entry
        else (r, getattr(r, "period", None), _place(r))
        for r in results
    ]
    if not given:
        raise InvalidValueError("achievements", "there is no result to hold against the target")
    if indicator is not None:
        _same_indicator(indicator, [r for r, _, _ in given])
    if isinstance(goal, Goal) and goal.period is not None:
        given = _for_period(given, goal.period)
        if any(_may_fall_in(when, goal.period) for _, when, _ in given):
            unit = indicator.unit if indicator is not None else goal.figure.unit
            return Range.unknown(unit), indicator
    if indicator is not None and indicator.aggregation is Aggregation.STOCK:
        given = _latest(given)
    ranges = []
    for k, (r, _, _) in enumerate(given):
        if isinstance(r, Achievement):
            ranges.append(_range_in(r.figure.range, indicator))
        else:
            v = _as_value(r, f"achievements[{k}]")
            v = Range.point(v) if isinstance(v, Quantity) else v
            ranges.append(_range_in(v, indicator))
    return sum(ranges[1:], ranges[0]), indicator


_Given = list[tuple[Any, Any, Any]]


def _for_period(given: _Given, period: Period) -> _Given:
    """The results for a goal's period: those stated for the period itself where there
    are any (not also its years, which would count twice), else those of its years;
    results without a period are kept, results of other periods left out."""
    whole = [g for g in given if g[1] == period]
    if whole:
        return whole
    span = period_years(period)
    if span is None:
        return given
    kept = []
    for g in given:
        years = None if g[1] is None else period_years(g[1])
        if years is None:
            if g[1] is None or _may_fall_in(g[1], period):
                kept.append(g)  # no period, or a year not known that may be one of them
        elif years.start >= span.start and years.stop <= span.stop:
            kept.append(g)
    if not kept:
        raise InvalidValueError("achievements", f"none of them is for the goal's period {period}")
    return kept


def _may_fall_in(when: Any, period: Period) -> bool:
    """Whether a result for a year not known (20xx年) may be one of the period's."""
    span = period_years(period)
    if not isinstance(when, Year) or when.value is not None or span is None:
        return False
    return _may_be_in(when, span)


def _same_indicator(indicator: Indicator, found: list[Any]) -> None:
    want = indicator.key or indicator.name
    for k, r in enumerate(found):
        if isinstance(r, Achievement) and (r.indicator.key or r.indicator.name) != want:
            name = r.indicator.key or r.indicator.name
            raise InvalidValueError(
                f"achievements[{k}]", f"it measures {name!r}, not the goal's {want!r}"
            )


def _latest(given: _Given) -> _Given:
    """For a stock: each place's results of its latest year known (summed over the
    places); where no year is known, the last result given for the place."""

    def end(period: Any) -> int:
        years = period_years(period) if period is not None else None
        return years[-1] if years else -1

    last: dict[Any, int] = {}
    for _, period, place in given:
        last[place] = max(last.get(place, -1), end(period))
    chosen = []
    for place, year in last.items():
        mine = [g for g in given if g[2] == place]
        chosen.extend([g for g in mine if end(g[1]) == year] if year >= 0 else mine[-1:])
    return chosen


def _ratio(q: Quantity, by: Quantity) -> Quantity:
    ratio = q / by
    with decimal.localcontext(RATIO):
        return Quantity(plain(ratio * 100), "%")


def _divide(r: Range, by: Quantity) -> Range:
    """``r`` divided by a non-zero amount, in %."""
    if not by:
        raise DivisionByZeroError(f"{r} / {by}")
    if not r.is_known:
        return Range.unknown("%")
    low = None if r.low is None else _ratio(r.low, by)
    high = None if r.high is None else _ratio(r.high, by)
    if by.magnitude < 0:
        return Range(high, low, r.high_closed, r.low_closed, unit="%")
    return Range(low, high, r.low_closed, r.high_closed, unit="%")


@own_context
def attainment(goal: Goal | Entry | Figure, achievements: Any) -> Attainment:
    """A target against what was achieved: 完成率 and a three-valued verdict that
    respects the qualifiers on both sides.

    ``goal`` is a Goal, a goal walked from its plan (an :class:`~sciplan_model.Entry`,
    whose section gives the period a goal does not state) or a target figure.
    ``achievements`` is one result or several: for a goal with a period, those stated
    for the period itself, or else those of its years; summed for a flow, each place's
    latest for a stock.  The rate is the result over the target's figure as written.

    >>> target = Figure.parse("2万人次以上")
    >>> str(attainment(target, Figure.parse("2.1万人次")))
    '完成率 105.0%（已完成）'
    >>> attainment(target, Figure.parse("2万余人次")).verdict, attainment(target, Figure.parse("约2万人次")).verdict
    (<Verdict.MET: 'met'>, <Verdict.UNDECIDED: 'undecided'>)
    """
    if type(goal) is Entry:  # a walked goal: its period is its section's where unstated
        inner = goal.item
        if isinstance(inner, Goal) and inner.period is None and goal.period is not None:
            inner = attrs.evolve(inner, period=goal.period)
        goal = inner  # type: ignore[assignment]
    if not isinstance(goal, Goal | Figure):
        raise WrongTypeError(
            "goal", "a Goal, a walked goal (Entry) or a Figure", type(goal).__name__
        )
    target = goal.figure if isinstance(goal, Goal) else goal
    if not isinstance(target, Figure):
        raise WrongTypeError(
            "goal", "a Goal, a walked goal (Entry) or a Figure", type(goal).__name__
        )
    actual, indicator = _actual(goal, achievements)
    meeting = _meeting(target, indicator)
    if actual.dimension != meeting.dimension:
        raise UnitMismatchError(target.unit, actual.unit, "hold a result against")
    if not (actual.is_known and meeting.is_known) or target.value is None:
        return Attainment(target, actual, Range.unknown("%"), Verdict.UNDECIDED)
    if actual.within(meeting):
        verdict = Verdict.MET
    elif not actual.overlaps(meeting):
        verdict = Verdict.NOT_MET
    else:
        verdict = Verdict.UNDECIDED
    base = _in_word(target.value, indicator)
    rate = Range.unknown("%") if not base else _divide(actual, base)
    return Attainment(target, actual, rate, verdict)


@own_context
def growth(current: Any, previous: Any) -> Range:
    """Growth on the previous figure (同比增长), in %: a point for exact figures, a
    range for qualified ones, not known when either is not known or the previous
    figure may be zero or below.

    >>> growth(Figure.parse("38.5万元"), Figure.parse("35万元"))
    Range('[10%, 10%]')
    >>> percent(growth(Figure.parse("38.5万元"), Figure.parse("35万元")))
    '10.0%'
    """
    now = _point_or_range(current, "current")
    before = _point_or_range(previous, "previous")
    if now.dimension != before.dimension:
        raise UnitMismatchError(now.unit, before.unit, "compare")
    if not (now.is_known and before.is_known):
        return Range.unknown("%")
    if before.is_point and before.low is not None and not before.low:
        raise DivisionByZeroError(f"growth on {before.low}")
    if before.low is None or before.low.magnitude <= 0:
        return Range.unknown("%")  # the previous figure may be zero or below
    return _quotient(now, before) + Quantity(-100, "%")


def _point_or_range(x: Any, where: str) -> Range:
    if type(x) is Entry:
        x = x.item
    if isinstance(x, Achievement | Goal):
        x = x.figure
    v = _as_value(x, where)
    return Range.point(v) if isinstance(v, Quantity) else v


def _quotient(a: Range, b: Range) -> Range:
    """``a / b`` in %, for ``b`` above zero: each end of ``a`` over the end of ``b``
    that takes it furthest (a non-negative low end over the largest divisor …)."""
    low_up = a.low is not None and a.low.magnitude >= 0
    high_up = a.high is not None and a.high.magnitude >= 0
    low, low_closed = _end(
        a.low, a.low_closed, *((b.high, b.high_closed) if low_up else (b.low, b.low_closed))
    )
    high, high_closed = _end(
        a.high, a.high_closed, *((b.low, b.low_closed) if high_up else (b.high, b.high_closed))
    )
    return Range(low, high, low_closed, high_closed, unit="%")


def _end(
    q: Quantity | None, closed: bool, divisor: Quantity | None, divisor_closed: bool
) -> tuple[Quantity | None, bool]:
    if q is None:
        return None, False
    if divisor is None:  # over an unbounded divisor the quotient only tends to zero
        return Quantity(0, "%"), False
    return _ratio(q, divisor), closed and divisor_closed


@own_context
def percent(value: Range | Quantity, places: int = 1) -> str:
    """A rate as people read it, rounded half up (四舍五入) to ``places`` decimals:
    ``105.0%``; a range with both ends in it as ``100.0%–150.0%``, with an end left out
    as ``(100.0%, 150.0%)`` or ``[90.0%, 100.0%)``; unbounded as ``≥100.0%`` or
    ``>100.0%``, ``≤…`` or ``<…``; ``未知`` when not known.

    >>> percent(Quantity("66.66666666666666666666666667", "%"))
    '66.7%'
    >>> percent(attainment(Figure.parse("2万人次"), Figure.parse("2万余人次")).rate)
    '(100.0%, 150.0%)'
    """
    if isinstance(value, Quantity):
        value = Range.point(value)
    if not value.is_known:
        return "未知"
    low = None if value.low is None else _round(value.low, places)
    high = None if value.high is None else _round(value.high, places)
    if low is not None and low == high and value.low_closed and value.high_closed:
        return low
    if high is None:
        if low is None:
            return "未知"
        return f"{'≥' if value.low_closed else '>'}{low}"
    if low is None:
        return f"{'≤' if value.high_closed else '<'}{high}"
    if value.low_closed and value.high_closed:
        return f"{low}–{high}"
    left = "[" if value.low_closed else "("
    right = "]" if value.high_closed else ")"
    return f"{left}{low}, {high}{right}"


def _round(q: Quantity, places: int) -> str:
    d = q.to("%").magnitude.quantize(Decimal(1).scaleb(-places, EXACT), context=ROUNDING)
    return f"{fmt(d if d else d.copy_abs())}%"  # no "-0.0%"
