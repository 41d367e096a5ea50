"""Hypothesis strategies the tests share, built on the public ones of
:mod:`sciplan_model.strategies` (which make plans, figures, amounts and breakdowns):
numbers for the arithmetic tests, small worlds for the roll-ups, plans whose statements
the checks look into, and helpers that damage saved data."""

from __future__ import annotations

import decimal as _decimal
import functools
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from sciplan_model import (
    Achievement,
    Breakdown,
    BreakdownPart,
    FiveYearPlan,
    Funding,
    FundingSource,
    FundingStage,
    Goal,
    Indicator,
    Level,
    Money,
    Plan,
    PlanKind,
    Project,
    Quantity,
    Region,
    Section,
    Task,
    Year,
    unit_info,
)
from sciplan_model.strategies import _EXACT_FAMILIES as EXACT_FAMILIES
from sciplan_model.strategies import (
    AREA_UNITS,
    COUNT_UNITS,
    COUNT_WORDS,
    MONEY_UNITS,
    UNIT_FAMILIES,
    amounts,
    breakdowns,
    figures,
    indicators,
    periods,
    plans,
    quantities,
)

__all__ = [
    "AREA_UNITS",
    "COUNT_UNITS",
    "COUNT_WORDS",
    "EXACT_FAMILIES",
    "MONEY_UNITS",
    "UNIT_FAMILIES",
    "figures",
    "plans",
]

T = TypeVar("T")
SCALES = ("", "万", "亿", "万亿")


def decimals(
    max_digits: int = 12, places: int = 4, signed: bool = False
) -> st.SearchStrategy[Decimal]:
    """Exact decimals with at most ``max_digits`` digits and ``places`` decimal places."""
    low = -(10**max_digits) + 1 if signed else 0
    return st.builds(
        lambda coefficient, exponent: Decimal(coefficient).scaleb(-exponent),
        st.integers(low, 10**max_digits - 1),
        st.integers(0, places),
    )


def _any_places(make: Any, units: tuple[str, ...], signed: bool) -> st.SearchStrategy[Any]:
    """The public strategy ``make`` over ``units`` with up to 12 digits before the point,
    negative too when ``signed``, and up to 4 places in any unit (finer than the 分 the
    public strategies keep to by default)."""
    low = -(10**12) + 1 if signed else 0
    return st.integers(0, 4).flatmap(
        lambda p: make(units, min_value=low, max_value=10**12 - 1, places=p)
    )


def money(units: tuple[str, ...] = MONEY_UNITS, signed: bool = False) -> st.SearchStrategy[Money]:
    """Money in any of ``units``."""
    return _any_places(amounts, units, signed)


def quantities_of(units: tuple[str, ...], signed: bool = False) -> st.SearchStrategy[Quantity]:
    """Quantities in any of ``units`` (one dimension, if the caller keeps it so)."""
    return _any_places(quantities, units, signed)


def any_quantity(signed: bool = False) -> st.SearchStrategy[Quantity]:
    """A quantity of money, of a count or of area."""
    return st.one_of(
        money(signed=signed),
        quantities_of(COUNT_UNITS, signed=signed),
        quantities_of(AREA_UNITS, signed=signed),
    )


def positive_magnitudes() -> st.SearchStrategy[Decimal]:
    """Magnitudes above zero, as a plan would write them."""
    return decimals(max_digits=9, places=3).filter(lambda d: d > 0)


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """``strategy`` or None."""
    return st.none() | strategy


# -- roll-ups -------------------------------------------------------------------------------
# Small worlds for the roll-up properties: amounts of money that can be written in 元, 万元
# or 亿元 alike, projects with a few levels, sources and stages, achievements of two
# indicators, and plans that share project ids, indicators and a tree of regions.

#: Units the same sum of money may be written in.
ROLLUP_MONEY_UNITS = ("元", "万元", "亿元")
ROLLUP_LEVELS = (Level.NATIONAL, Level.PROVINCIAL, Level.COUNTY)
ROLLUP_SOURCES = (FundingSource.NATIONAL, FundingSource.PROVINCIAL, FundingSource.ENTERPRISE)
ROLLUP_STAGES = (FundingStage.ALLOCATED, FundingStage.SPENT)
ROLLUP_PERIODS = (None, Year(2006), Year(2007), FiveYearPlan(11))
#: Indicators of two dimensions; the one in 项 also counts what is written in 个.
ROLLUP_TRAINED = Indicator(name="培训人次", unit="人次", key="trained")
ROLLUP_WON = Indicator(name="科技计划项目", unit="项", same_as=("个",))
_ROLLUP_FAMILIES = {
    ROLLUP_TRAINED: ("人次", "万人次"),
    ROLLUP_WON: ("项", "万项", "个", "万个"),
}
ROLLUP_GANSU = Region(name="甘肃省", code="620000", level=Level.PROVINCIAL)
ROLLUP_CITY = Region(name="XX市", level=Level.MUNICIPAL, parent=ROLLUP_GANSU)
ROLLUP_COUNTY_A = Region(name="甲县", level=Level.COUNTY, parent=ROLLUP_CITY)
ROLLUP_COUNTY_B = Region(name="乙县", level=Level.COUNTY, parent=ROLLUP_CITY)
ROLLUP_REGIONS = (None, ROLLUP_GANSU, ROLLUP_CITY, ROLLUP_COUNTY_A, ROLLUP_COUNTY_B)
#: Project ids plans share, so that combining them meets the same project twice.
SHARED_IDS = ("p1", "p2", "p3", "p4")


@functools.cache
def yuan() -> st.SearchStrategy[Decimal]:
    """Sums of money in 元, to the 分, small enough to total in any of the units."""
    return decimals(max_digits=10, places=2)


@st.composite
def money_written_in(draw: st.DrawFn, units: tuple[str, ...] = ROLLUP_MONEY_UNITS) -> Money:
    """An amount of money (whole 分) written in one of ``units``."""
    amount = Money(draw(yuan()), "元").to(draw(st.sampled_from(units)))
    assert isinstance(amount, Money)
    return amount


@st.composite
def funded_projects(draw: st.DrawFn, ids: tuple[str, ...] = SHARED_IDS) -> Project:
    """Projects of a few levels, with up to three funding lines of a few sources and of
    two stages, each amount written in 元, 万元 or 亿元."""
    lines = [
        Funding(
            amount=draw(money_written_in()),
            source=draw(st.sampled_from(ROLLUP_SOURCES)),
            stage=draw(st.sampled_from(ROLLUP_STAGES)),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    return Project(
        id=draw(st.sampled_from(ids)),
        name="项目",
        level=draw(optional(st.sampled_from(ROLLUP_LEVELS))),
        funding=lines,
    )


@st.composite
def counted(draw: st.DrawFn, cls: type[Goal] | type[Achievement] = Achievement) -> Any:
    """Goals or achievements of the two roll-up indicators, with qualified and unknown
    figures among them, in one of a few periods."""
    indicator = draw(st.sampled_from(tuple(_ROLLUP_FAMILIES)))
    return cls(
        indicator=indicator,
        figure=draw(figures(units=_ROLLUP_FAMILIES[indicator])),
        period=draw(st.sampled_from(ROLLUP_PERIODS)),
    )


@st.composite
def sharing_plans(draw: st.DrawFn) -> Plan:
    """Small plans whose projects draw their ids from SHARED_IDS (a plan may name one
    twice), with goals (some in tasks) and achievements of the two roll-up indicators,
    sections with and without periods, and regions from one tree."""

    def section(depth: int) -> Section:
        items: list[Any] = []
        for _ in range(draw(st.integers(0, 3))):
            kind = draw(st.sampled_from(("project", "achievement", "goal", "task")))
            if kind == "project":
                items.append(draw(funded_projects()))
            elif kind == "achievement":
                items.append(draw(counted(Achievement)))
            elif kind == "goal":
                items.append(draw(counted(Goal)))
            else:
                items.append(Task(goals=draw(st.lists(counted(Goal), max_size=2))))
        children = [section(depth + 1) for _ in range(draw(st.integers(0, 2 - depth)))]
        return Section(period=draw(st.sampled_from(ROLLUP_PERIODS)), items=items, sections=children)

    return Plan(
        id=draw(st.sampled_from(("A", "B", "C"))),
        title="科技工作计划",
        kind=PlanKind.ANNUAL,
        region=draw(st.sampled_from(ROLLUP_REGIONS)),
        period=draw(st.sampled_from(ROLLUP_PERIODS)),
        sections=[section(1) for _ in range(draw(st.integers(1, 2)))],
    )


# -- validation -----------------------------------------------------------------------------
# Statements the checks of sciplan_model.validation look into: breakdowns whose parts add
# up to their total exactly, whatever units of one family they are written in, and plans
# with breakdowns that name the plan's projects and achievements for a five-year plan and
# for its years.

_WIDE = _decimal.Context(prec=80, traps=[_decimal.Inexact, _decimal.Rounded])


def in_unit(amounts: list[Quantity], unit: str) -> Quantity:
    """The exact sum of ``amounts`` written in ``unit``, with no digit before the point
    dropped from view (an exponent above zero would hide which digit is written)."""
    base = sum((_WIDE.multiply(q.magnitude, unit_info(q.unit).factor) for q in amounts), Decimal(0))
    magnitude = _WIDE.divide(base, unit_info(unit).factor)
    if magnitude.as_tuple().exponent > 0:  # type: ignore[operator]
        magnitude = magnitude.quantize(Decimal(1), context=_WIDE)
    return Quantity(magnitude, unit)


def summing_breakdowns() -> st.SearchStrategy[Breakdown]:
    """Complete breakdowns of exact figures whose parts add up to their total exactly,
    each figure in any unit of one family (11万元 + 5000元 = 0.00115亿元)."""
    return breakdowns(rounding=False, complete=True)


@st.composite
def any_breakdowns(draw: st.DrawFn) -> Breakdown:
    """共…其中… statements of any figures of one family, qualified and unknown ones
    among them, whose parts may or may not add up: for the checks to look into."""
    family = draw(st.sampled_from(UNIT_FAMILIES))
    parts = []
    for k in range(draw(st.integers(0, 3))):
        level = draw(optional(st.sampled_from(Level)))
        category = f"分项{k + 1}" if level is None else draw(optional(st.just("其他")))
        parts.append(
            BreakdownPart(figure=draw(figures(units=family)), level=level, category=category)
        )
    return Breakdown(
        subject="合计",
        total=draw(figures(units=family)),
        indicator=draw(optional(indicators(family))),
        parts=parts,
        complete=draw(st.booleans()),
        levels=draw(st.lists(st.sampled_from(Level), max_size=3, unique=True)),
        period=draw(optional(periods())),
    )


@st.composite
def checked_plans(draw: st.DrawFn) -> Plan:
    """Plans (as plans() makes them) with one more section whose statements the checks
    look into: breakdowns naming some of the plan's projects (and an id it lacks), of any
    funding stage, and achievements of one indicator for a five-year plan and for some of
    its years."""
    plan = draw(plans())
    ids = [p.id for p in plan.projects()]
    items: list[Any] = []
    for _ in range(draw(st.integers(0, 2))):
        listed = draw(st.lists(st.sampled_from(ids), max_size=3)) if ids else []
        listed += draw(st.lists(st.just("无此项目"), max_size=1))
        stage = draw(st.sampled_from(FundingStage))
        items.append(attrs.evolve(draw(any_breakdowns()), projects=listed, stage=stage))
    family = draw(st.sampled_from(UNIT_FAMILIES))
    indicator = draw(indicators(family))
    written = figures(units=family + tuple(indicator.same_as))
    five = FiveYearPlan(draw(st.integers(9, 12)))
    items.append(Achievement(indicator=indicator, figure=draw(written), period=five))
    for year in draw(st.lists(st.sampled_from(five.years), max_size=5)):
        items.append(Achievement(indicator=indicator, figure=draw(written), period=Year(year)))
    return attrs.evolve(plan, sections=[*plan.sections, Section(title="核对", items=items)])


# -- damaging saved data -----------------------------------------------------------------


def places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The paths (keys and indexes) of every value inside plain ``data``, its own
    included (the empty path)."""
    out = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            out.extend(places(value, (*path, key)))
    elif isinstance(data, list):
        for k, value in enumerate(data):
            out.extend(places(value, (*path, k)))
    return out


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A copy of plain ``data`` with the value at ``path`` replaced by ``value``."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: replaced(data[head], rest, value)}
    return [replaced(v, rest, value) if k == head else v for k, v in enumerate(data)]
