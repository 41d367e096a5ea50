"""Plans seen together (county plans as their city sees them), and years made into
their five-year period."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from ._exact import own_context
from ._rollup import (
    By,
    Rollup,
    Value,
    _field,
    _fields,
    _figure_value,
    _finish,
    _indicator_key,
    _item_value,
    _place,
    additive,
    fields_of,
    funding_stage,
    rollup,
    sorted_rollup,
)
from ._walk import Entry
from .codes import Aggregation, FundingStage
from .errors import InvalidValueError, WrongTypeError
from .figure import Range
from .model import Achievement, Breakdown, BreakdownPart, Goal, Plan, Project, Region
from .period import FiveYearPlan, Period, Year, YearSpan, _may_be_in, period_years
from .units import unit_info

__all__ = ["Combined", "combine", "over_period"]

# A fact of a plan: (kind, place, indicator, unit dimension, period, aspiration).  The
# same fact met in two plans (a county's review and its annual report) is counted once.
_Fact = tuple[str, Any, str, str, Any, bool]


@attrs.frozen(repr=False)
class Combined:
    """Plans seen together, as a city sees its counties: the plans' ids, the lowest
    region that holds them all, their projects (one per id, the first met kept), the
    ids met in more than one plan, and goals and achievements summed per indicator and
    period over the places they are for.

    A plan given twice is counted once, and so is a figure that two plans give for the
    same place, indicator and period (the first plan's is kept).  Combining is
    associative: ``combine([combine([a, b]), c]) == combine([a, combine([b, c])])``.
    """

    plans: tuple[str, ...]
    region: Region | None
    #: Where each project kept was first met (its plan, region and period answer for
    #: it in a roll-up).
    entries: tuple[Entry, ...]
    repeated: tuple[str, ...]
    #: The goals, achievements and breakdowns kept, where each stands: a goal restated
    #: in its plan (same indicator, figure, period, place and levels) is kept once, and
    #: a figure another plan already gave for the same place, indicator and period is
    #: left out, as in :attr:`goals` and :attr:`achievements`.
    figures: tuple[Entry, ...]
    _facts: dict[_Fact, tuple[Value, int, bool]] = attrs.field(repr=False)

    @property
    def projects(self) -> tuple[Project, ...]:
        """The projects, one per id, in the order first met."""
        return tuple(e.item for e in self.entries)  # type: ignore[misc]

    @property
    def achievements(self) -> Rollup:
        """Results summed per ``(indicator, period)`` over the places they are for."""
        return self._summed("Achievement", ("indicator", "period"))

    @property
    def goals(self) -> Rollup:
        """Targets summed per ``(indicator, period, aspirational)`` over the places they
        are for: floors (确保) and stretches (力争) are summed apart."""
        return self._summed("Goal", ("indicator", "period", "aspirational"))

    @own_context
    def _summed(self, kind: str, by: tuple[str, ...]) -> Rollup:
        groups: dict[Any, list[Value]] = {}
        counts: dict[Any, int] = {}
        stock = False
        for (what, _, indicator, _, period, aspiring), (value, n, is_stock) in self._facts.items():
            if what != kind:
                continue
            key = (indicator, period, aspiring)[: len(by)]
            groups.setdefault(key, []).append(value)
            counts[key] = counts.get(key, 0) + n
            stock = stock or is_stock
        indicators = frozenset(k[0] for k in groups)
        sums = _finish(groups, None)
        ratios = {
            _indicator_key(e.item)
            for e in self.figures
            if isinstance(e.item, Goal | Achievement) and not additive(e.item.indicator)
        }
        for key, values in groups.items():
            if key[0] in ratios and len(values) > 1:  # rates and shares are not added
                sums[key] = Range.unknown(sums[key].unit)
        ratio = bool(ratios & indicators)
        return attrs.evolve(sorted_rollup(by, sums, counts, None, indicators, stock), ratio=ratio)

    def rollup(self, by: By = None, *, items: str = "projects", **options: Any) -> Rollup:
        """:func:`rollup` of the plans' ``items``, each answering with its plan's region
        and period too (``by="region"``, ``by=lambda e: e.region.at(Level.MUNICIPAL)``).

        ``items`` is what is summed (see :data:`ITEMS`): ``"projects"`` (their money of
        ``stage``), ``"funding"`` (funding lines of ``stage``, counted one by one),
        ``"goals"``, ``"achievements"`` (their figures; every group is of one indicator,
        which leads the key, and goals keep floors 确保 and stretches 力争 apart) or
        ``"breakdowns"`` (the parts of the plans' 共…其中 statements, grouped by what
        each statement counts, its ``subject``).  ``by`` names more fields: for goals
        and achievements ``level``, ``region``, ``period``, ``plan``, ``section`` …
        """
        return _rollup_items(self, by, items, options)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per project kept (the first met of each id), in the order
        first met; every cell a ``str``, ``Decimal``, ``bool`` or ``None``: ``plan``
        (the id of the plan it was first met in), ``path``, ``id``, ``name``,
        ``programme``, ``level`` and ``status`` (their codes: ``national``,
        ``planned`` …), ``period`` (the project's year, or else its section's or
        plan's period: ``2006年``, ``十五``), ``region`` (its plan's region),
        ``undertaker``, ``value`` and ``unit`` (its money of the allocated stage, None
        when it has none) and ``repeated`` (whether its id is met in more than one
        place).  Results and targets are :attr:`achievements` and :attr:`goals`."""
        from ._display import combined_records

        return combined_records(self)

    def to_arrow(self) -> Any:
        """The combined view as Arrow tables (the ``arrow`` extra: ``pip install
        "sciplan_model[arrow]"``): a mapping of kind to ``pyarrow.Table`` — ``projects``
        and ``funding`` of the projects kept, ``goals``, ``achievements``,
        ``breakdowns`` and ``parts`` of the figures kept — each with the schema every
        table of its kind has (:data:`~sciplan_model.SCHEMAS`), so that they
        concatenate with the tables of plans.  There is no ``plans`` table: a combined
        view keeps the plans' ids, not the plans."""
        from ._arrow import entry_tables

        return entry_tables((*self.entries, *self.figures))

    @own_context
    def to_excel(self, path: str | os.PathLike[str]) -> None:
        """Write the combined view as an Excel workbook (the ``excel`` extra: ``pip
        install "sciplan_model[excel]"``), all or nothing: 项目 (with the plan each
        project was first met in), 目标 and 成果 (summed per indicator and period)."""
        from ._report_sheets import combined_sheets
        from ._workbook import write_workbook

        write_workbook(combined_sheets(self), path)

    def _repr_html_(self) -> str:
        """The combined view in a notebook: plans, region, projects, results, targets."""
        from ._display import combined_html

        return combined_html(self)

    def __repr__(self) -> str:
        achievements = len({(f[2], f[4]) for f in self._facts if f[0] == "Achievement"})
        goals = len({(f[2], f[4], f[5]) for f in self._facts if f[0] == "Goal"})
        return (
            f"Combined(plans={len(self.plans)}, projects={len(self.entries)}, "
            f"achievements={achievements}, goals={goals})"
        )


def _fact(e: Entry) -> _Fact:
    """What a goal or achievement states: its kind, place, indicator, unit dimension,
    period and whether it is a stretch (力争)."""
    item: Any = e.item  # a goal or an achievement
    return (
        type(item).__name__,
        _place(e),
        _indicator_key(item),
        unit_info(item.indicator.unit).dimension,
        e.period,
        isinstance(item, Goal) and item.aspirational,
    )


def restated(entries: Iterable[Entry]) -> Iterator[tuple[Entry, Entry]]:
    """Each goal among ``entries`` stated again later in its plan, with where it was
    first stated: the same indicator, figure (as a value: 10项以上 and 十项以上 are
    one), period, place and levels."""
    first: dict[Any, Entry] = {}
    for e in entries:
        item = e.item
        if not isinstance(item, Goal):
            continue
        said = (id(e.plan), _fact(e), _item_value(item), getattr(item, "levels", ()))
        was = first.setdefault(said, e)
        if was is not e:
            yield e, was


#: What :meth:`Combined.rollup` sums, by name.
ITEMS = ("projects", "funding", "goals", "achievements", "breakdowns")


def _names(by: By) -> tuple[str, ...] | None:
    """``by`` as a tuple of names; None for a function."""
    if by is None:
        return ()
    if callable(by):
        return None
    return (by,) if isinstance(by, str) else tuple(by)


def _rollup_items(c: Combined, by: By, items: str, options: dict[str, Any]) -> Rollup:
    if items not in ITEMS:
        raise InvalidValueError("items", f"{items!r} is none of {', '.join(ITEMS)}")
    if items == "projects":
        return rollup(c.entries, by, **options)
    if items == "funding":
        return _funding_rollup(c, by, options)
    if items == "breakdowns":
        return _parts_rollup(c, by, options)
    kind = Goal if items == "goals" else Achievement
    found = [e for e in c.figures if type(e.item) is kind]
    names = _names(by)
    if names is None:  # a function of the entry, after the indicator
        f = by
        return attrs.evolve(
            rollup(found, lambda e: (e.item.indicator, f(e)), **options),  # type: ignore[misc, operator]
            by=("indicator", getattr(f, "__name__", "key")),
        )
    wanted = ("indicator", *(n for n in names if n != "indicator"))
    if kind is Goal and "aspirational" not in wanted and _mixed(found):
        wanted = (*wanted, "aspirational")  # a floor (确保) and a stretch (力争) apart
    return rollup(found, wanted, **options)


def _mixed(entries: list[Entry]) -> bool:
    """Whether some indicator has both floors (确保) and stretches (力争) among goals."""
    seen: dict[str, set[bool]] = {}
    for e in entries:
        item: Any = e.item
        seen.setdefault(_indicator_key(item), set()).add(item.aspirational)
    return any(len(v) > 1 for v in seen.values())


def _funding_rollup(c: Combined, by: By, options: dict[str, Any]) -> Rollup:
    """Funding lines of the stage (of every stage when ``by`` names it), one by one."""
    stage = funding_stage(options.get("stage", FundingStage.ALLOCATED))
    names = _names(by) or ()
    every = "stage" in names
    lines = [
        (e.item, f, e)
        for e in c.entries
        for f in e.item.funding  # type: ignore[union-attr]
        if every or f.stage is stage
    ]
    return rollup(lines, by, **options)


@attrs.frozen
class _Part:
    """A part of a 共…其中 statement in a roll-up: it answers for its own fields
    (level, category, figure), then for its statement's (subject, indicator, stage),
    then for where the statement stands (period, region, plan, section)."""

    part: BreakdownPart
    breakdown: Breakdown
    entry: Entry

    def get(self, name: str) -> Any:
        for holder in (self.part, self.breakdown, self.entry.item):
            found = getattr(holder, name, None)
            if found is not None:
                return found
        return _field(self.entry, name)


def _parts_rollup(c: Combined, by: By, options: dict[str, Any]) -> Rollup:
    """The parts of the plans' statements, grouped by what each statement counts."""
    stage = funding_stage(options.pop("stage", FundingStage.ALLOCATED))
    names = _names(by)
    if names is None:
        raise WrongTypeError("by", "field names for breakdowns", "a function")
    for name in names:
        step = name.split(".")[0]
        if not any(step in fields_of(t) for t in _PART_HOLDERS):
            raise InvalidValueError(
                "by", f"no breakdown part has a field {name!r}; {_fields(_PART_HOLDERS)}"
            )
    parts: list[_Part] = []
    for e in c.figures:
        b = e.item
        if type(b) is not Breakdown:
            continue
        money = b.total.value is not None and b.total.value.is_money
        if money and b.stage is not stage:
            continue  # stages are never mixed
        parts.extend(_Part(p, b, e) for p in b.parts)

    def key(p: _Part) -> Any:
        return (p.breakdown.subject, *(p.get(n) for n in names))

    def value(p: _Part) -> Any:
        if p.breakdown.indicator is None:
            return p.part.figure  # as written, where the group holds one
        return _figure_value(p.part.figure, p.breakdown.indicator)

    given = options.pop("value", None)
    if given is not None and given != "count":
        raise WrongTypeError("value", 'None or "count" for breakdowns', repr(given))
    r = rollup(parts, key, value=given or value, **options)
    return attrs.evolve(r, by=("subject", *names))


_PART_HOLDERS: tuple[type, ...] = (BreakdownPart, Breakdown, Entry)


def _facts(plan: Plan) -> tuple[dict[_Fact, tuple[Value, int, bool]], tuple[Entry, ...]]:
    """A plan's facts summed, and the entries of its goals, achievements and
    breakdowns kept (a restated goal once)."""
    groups: dict[_Fact, list[Value]] = {}
    stocks: set[_Fact] = set()
    ratios: set[_Fact] = set()
    again = {e.path for e, _ in restated(plan.walk(Goal))}
    kept: list[Entry] = []
    for e in plan.walk(Goal, Achievement, Breakdown):
        item = e.item
        if not isinstance(item, Goal | Achievement):
            kept.append(e)
            continue
        if e.path in again:
            continue  # a goal said again is one goal
        kept.append(e)
        indicator = item.indicator
        fact = _fact(e)
        value = _item_value(item)
        said = groups.setdefault(fact, [])
        if indicator.aggregation is Aggregation.STOCK and value in said:
            continue  # a stock said twice for one place and period is one figure
        said.append(value)
        if indicator.aggregation is Aggregation.STOCK:
            stocks.add(fact)
        if not additive(indicator):
            ratios.add(fact)
    sums = _finish(groups, None)
    for fact in ratios:  # rates and shares said twice are not added: not known
        if len(groups[fact]) > 1:
            sums[fact] = Range.unknown(sums[fact].unit)
    return {f: (sums[f], len(groups[f]), f in stocks) for f in groups}, tuple(kept)


def _as_combined(plan: Plan | Combined) -> Combined:
    if isinstance(plan, Combined):
        return plan
    if not isinstance(plan, Plan):
        raise WrongTypeError("plans", "Plans or Combined views", type(plan).__name__)
    seen: dict[str, Entry] = {}
    repeated: list[str] = []
    for e in plan.walk(Project):
        pid = e.item.id  # type: ignore[union-attr]
        if pid in seen:
            repeated.append(pid)
        else:
            seen[pid] = e
    facts, figures = _facts(plan)
    again = set(repeated)
    return Combined(
        (plan.id,),
        plan.region,
        tuple(seen.values()),
        tuple(pid for pid in seen if pid in again),  # in the order first met, as combined
        figures,
        facts,
    )


def _common_region(a: Region | None, b: Region | None) -> Region | None:
    if a is None or b is None:
        return None
    above = set(b.lineage)
    common = [r for r in a.lineage if r in above]
    return common[-1] if common else None


def _pair(a: Combined, b: Combined) -> Combined:
    old = set(a.plans)
    kept = {e.item.id for e in a.entries}  # type: ignore[union-attr]
    extra = []
    repeated = dict.fromkeys(a.repeated)
    repeated.update(dict.fromkeys(b.repeated))
    for e in b.entries:
        pid = e.item.id  # type: ignore[union-attr]
        if pid not in kept:
            extra.append(e)
        elif e.plan.id not in old:
            repeated[pid] = None
    entries = (*a.entries, *extra)
    order = {e.item.id: k for k, e in enumerate(entries)}  # type: ignore[union-attr]
    facts = dict(a._facts)
    for fact, value in b._facts.items():
        facts.setdefault(fact, value)
    figures = [*a.figures]
    for e in b.figures:
        if e.plan.id in old:
            continue  # a plan met again
        if isinstance(e.item, Goal | Achievement) and _fact(e) in a._facts:
            continue  # the first plan's figure for this place, indicator and period
        figures.append(e)
    return Combined(
        a.plans + tuple(p for p in b.plans if p not in old),
        _common_region(a.region, b.region),
        entries,
        tuple(sorted(repeated, key=lambda i: order.get(i, len(order)))),
        tuple(figures),
        facts,
    )


@own_context
def combine(plans: Iterable[Plan | Combined]) -> Combined:
    """Plans (or combined views of plans) seen together: county plans into a city's
    view, city views into a province's.  Projects met in more than one plan (the same
    id) are kept once; goals and achievements are summed per indicator and period over
    the places they are for.

    >>> from sciplan_model import examples
    >>> both = combine([examples.load("篇3"), examples.load("篇2")])
    >>> both.plans, len(both.projects)
    (('plan3', 'plan2'), 6)
    """
    views = [_as_combined(p) for p in plans]
    if not views:
        raise InvalidValueError("plans", "there is nothing to combine")
    result = views[0]
    for view in views[1:]:
        result = _pair(result, view)
    return result


# -- years into periods ----------------------------------------------------------------------


def _entries(items: Iterable[Any]) -> Iterator[tuple[Goal | Achievement, Period | None, Any]]:
    for item in items:
        inner = item.item if type(item) is Entry else None
        if isinstance(inner, Goal | Achievement):
            yield inner, item.period, _place(item)
        elif isinstance(item, Goal | Achievement):
            yield item, item.period, _place(item)
        else:
            raise WrongTypeError("items", "goals, achievements or entries", type(item).__name__)


def _span(period: Period) -> range:
    years = period_years(period)
    if years is None:
        raise InvalidValueError("period", f"{period} is not a known span of years")
    return years


@own_context
def over_period(items: Iterable[Any], period: FiveYearPlan | YearSpan | None = None) -> Rollup:
    """Annual figures made into the figure of their five-year period (or of
    ``period``), indicator by indicator: flows are summed over the years, stocks take
    each place's latest year given (and sum the places; a stock said twice alike for
    one place and year is one figure).  Keys are ``(indicator,
    period)``.  Figures for a period as a whole are left out; a figure for a year not
    known (20xx年) stands under that year of its own, or, with ``period`` given, makes
    the period's figure not known when it may fall in it.

    >>> from sciplan_model import Achievement, Aggregation, Figure, Indicator, Year
    >>> firms = Indicator(name="高新技术企业", unit="家", aggregation=Aggregation.STOCK)
    >>> years = [Achievement(indicator=firms, figure=Figure.parse(f"{n}家"), period=Year(y))
    ...          for n, y in ((12, 2001), (15, 2003), (19, 2005))]
    >>> over_period(years)[("高新技术企业", FiveYearPlan(10))]
    Quantity('19', '家')
    """
    span = None if period is None else _span(period)
    latest: dict[Any, int] = {}
    picked: list[tuple[Any, Any, int, Goal | Achievement]] = []
    unknown: dict[Any, str] = {}
    kinds: dict[Any, type] = {}
    unknown_count: dict[Any, int] = {}
    for item, when, place in _entries(items):
        if not isinstance(when, Year):
            continue
        if when.value is None:
            if span is None:
                home: Period | None = when
            elif _may_be_in(when, span):
                whole = (_indicator_key(item), period)
                if kinds.setdefault(whole, type(item)) is not type(item):
                    raise InvalidValueError("items", "goals and achievements are summed apart")
                unknown[whole] = item.indicator.unit
                unknown_count[whole] = unknown_count.get(whole, 0) + 1
                continue
            else:
                continue
        elif span is not None:
            if when.value not in span:
                continue
            home = period
        else:
            home = FiveYearPlan.containing(when)
            if home is None:
                continue
        key = (_indicator_key(item), home)
        if kinds.setdefault(key, type(item)) is not type(item):
            raise InvalidValueError("items", "goals and achievements are summed apart")
        year = when.value if when.value is not None else -1
        picked.append((key, place, year, item))
        if item.indicator.aggregation is Aggregation.STOCK:
            latest[(key, place)] = max(latest.get((key, place), year), year)
    groups: dict[Any, list[Value]] = {}
    counts: dict[Any, int] = {}
    stock = bool(latest)
    stated: set[Any] = set()
    for key, place, year, item in picked:
        if (key, place) in latest:
            if latest[(key, place)] != year:
                continue
            value = _item_value(item)
            if (key, place, value) in stated:
                continue  # a stock said twice for one place and year is one figure
            stated.add((key, place, value))
        groups.setdefault(key, []).append(_item_value(item))
        counts[key] = counts.get(key, 0) + 1
    for key, unit in unknown.items():
        groups[key] = [Range.unknown(unit)]
        counts[key] = counts.get(key, 0) + unknown_count[key]
    indicators = frozenset(k[0] for k in groups)
    return sorted_rollup(
        ("indicator", "period"), _finish(groups, None), counts, None, indicators, stock
    )
