"""Roll-ups: group and sum exactly, combine plans, years into periods, targets against
results, and growth on last year.

The functions are exported by the package (``sciplan_model.rollup`` is the function);
this module keeps a private name so that it is never shadowed by them.

    >>> from sciplan_model import Project, Funding, FundingSource, Level, Money, Year
    >>> def project(id, level, amount):
    ...     line = Funding(amount=Money(amount, "万元"), source=FundingSource.PROVINCIAL)
    ...     return Project(id=id, name=f"项目{id}", level=level, year=Year(2006), funding=[line])
    >>> projects = [project("a", Level.NATIONAL, "11"), project("b", Level.PROVINCIAL, "97"),
    ...             project("c", Level.PROVINCIAL, "51.3")]
    >>> by_level = rollup(projects, by="level")
    >>> by_level[Level.PROVINCIAL], by_level.total
    (Money('148.3', '万元'), Money('159.3', '万元'))
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from operator import attrgetter
from typing import Any, TypeAlias

import attrs

from ._table import table
from .codes import Aggregation, FundingStage
from .errors import InvalidValueError, UnitMismatchError, WrongTypeError
from .figure import Figure, Qualifier, Range
from .model import (
    Achievement,
    BreakdownPart,
    Entry,
    Funding,
    Goal,
    Indicator,
    Plan,
    Project,
    Region,
)
from .period import FiveYearPlan, Period, Year, YearSpan, period_years
from .quantity import Money, Quantity, total
from .units import unit_info

__all__ = [
    "Combined",
    "Rollup",
    "combine",
    "over_period",
    "project_value",
    "rollup",
]

#: What a roll-up sums: an exact amount, or a range where figures are qualified.
Value: TypeAlias = Quantity | Range
#: What ``by`` accepts: a field name (dotted for a field's field: ``region.parent``), a
#: tuple of them, or a function of an item.
By: TypeAlias = str | tuple[str, ...] | Callable[[Any], Any] | None

# Fields of a funding line: grouping by one of them sums funding lines, not projects.
_LINE_FIELDS = frozenset({"source", "stage"})
_COUNT = "count"


# -- values ----------------------------------------------------------------------------------


def project_value(project: Project, stage: FundingStage = FundingStage.ALLOCATED) -> Money | None:
    """The sum of a project's funding lines of one ``stage`` (None when it has none):
    stages are never mixed, or money secured and money spent would be counted twice.

    >>> from sciplan_model import Funding, FundingSource, Money
    >>> p = Project(id="p", name="示范工程", funding=[
    ...     Funding(amount=Money("30", "万元"), source=FundingSource.NATIONAL),
    ...     Funding(amount=Money("50", "万元"), source=FundingSource.ENTERPRISE),
    ...     Funding(amount=Money("20", "万元"), source=FundingSource.NATIONAL,
    ...             stage=FundingStage.SPENT)])
    >>> project_value(p)
    Money('80', '万元')
    """
    amounts = [f.amount for f in project.funding if f.stage is stage]
    return total(amounts) if amounts else None  # type: ignore[return-value]


def _recount(q: Quantity, word: str) -> Quantity:
    """``q`` counted in ``word`` one for one (5个 → 5项), keeping its scale (2万户 → 2万家)."""
    info = unit_info(q.unit)
    return Quantity(q.magnitude, q.unit[: len(q.unit) - len(info.word)] + word)


def _range_in(r: Range, indicator: Indicator | None) -> Range:
    """A figure's range counted in its indicator's own measure word where the indicator
    says another word counts the same thing (个 for 项)."""
    if indicator is None or r.dimension == unit_info(indicator.unit).dimension:
        return r
    word = unit_info(indicator.unit).word
    if not r.is_known:
        return Range.unknown(_recount(Quantity(0, r.unit), word).unit)
    low = None if r.low is None else _recount(r.low, word)
    high = None if r.high is None else _recount(r.high, word)
    unit = _recount(Quantity(0, r.unit), word).unit
    return Range(low, high, r.low_closed, r.high_closed, unit=unit)


def _in_word(q: Quantity, indicator: Indicator | None) -> Quantity:
    """``q`` counted in its indicator's own measure word (5个 → 5项 for projects)."""
    if indicator is None or q.dimension == unit_info(indicator.unit).dimension:
        return q
    return _recount(q, unit_info(indicator.unit).word)


def _figure_value(figure: Figure, indicator: Indicator | None) -> Value:
    if figure.qualifier is Qualifier.EXACT and figure.value is not None:
        return _in_word(figure.value, indicator)
    return _range_in(figure.range, indicator)


def _as_value(x: Any, where: str) -> Value:
    if isinstance(x, Quantity | Range):
        return x
    if isinstance(x, Figure):
        return _figure_value(x, None)
    raise WrongTypeError(where, "a Quantity, Figure or Range", type(x).__name__)


def _sum(values: list[Value], unit: str | None) -> Value:
    """The exact sum of amounts and ranges: an amount when every one is exact."""
    quantities = [v for v in values if isinstance(v, Quantity)]
    if len(quantities) == len(values):
        return total(quantities, unit)
    ranges = [v for v in values if isinstance(v, Range)]
    result: Range = sum(ranges[1:], ranges[0])
    if quantities:
        result = result + total(quantities)
    return _range_to(result, unit) if unit is not None else result


def _range_to(r: Range, unit: str) -> Range:
    if not r.is_known:
        if unit_info(unit).dimension != r.dimension:
            raise UnitMismatchError(r.unit, unit, "express")
        return Range.unknown(unit)
    low = None if r.low is None else r.low.to(unit)
    high = None if r.high is None else r.high.to(unit)
    return Range(low, high, r.low_closed, r.high_closed, unit=unit)


# -- keys ------------------------------------------------------------------------------------


def _field(obj: Any, name: str) -> Any:
    """``obj.name`` along a dotted path, None where a step is missing; an Entry answers
    for its item first and then for itself (its period, region, plan, path)."""
    for step in name.split("."):
        if obj is None:
            return None
        if type(obj) is Entry:
            found = getattr(obj.item, step, None)
            obj = found if found is not None else getattr(obj, step, None)
        elif type(obj) is tuple and len(obj) == 3 and type(obj[1]) is Funding:
            obj = _line_field(obj, step)
        else:
            obj = getattr(obj, step, None)
    return obj


def _entry_field(entry: Entry, name: str) -> Any:
    found = getattr(entry.item, name, None)
    return found if found is not None else getattr(entry, name, None)


# A funding line in a roll-up: the line, its project, and what answers for the project's
# fields (the project itself, or the Entry it came in, which knows its period and region).
_Line: TypeAlias = tuple[Project, Funding, Any]


def _line_getter(name: str) -> Callable[[_Line], Any]:
    """How a funding line answers for ``name``."""
    if name in ("source", "stage", "amount"):
        get = attrgetter(name)
        return lambda line: get(line[1])
    if name == "year":
        return lambda line: line[1].year if line[1].year is not None else line[0].year
    return lambda line: _field(line[2], name)


def _line_field(line: _Line, step: str) -> Any:
    """A field of a funding line, where the line's project answers what it does not."""
    project, funding, holder = line
    if step in ("source", "stage", "amount"):
        return getattr(funding, step)
    if step == "year" and funding.year is not None:
        return funding.year
    return _field(holder, step) if holder is not project else getattr(project, step, None)


def _key_function(by: By) -> tuple[tuple[str, ...], Callable[[Any], Any]]:
    if by is None or by == ():
        return (), lambda _: ()
    if callable(by):
        return (getattr(by, "__name__", "key"),), by
    names = (by,) if isinstance(by, str) else by
    if not isinstance(names, tuple) or not all(isinstance(n, str) and n for n in names):
        raise WrongTypeError("by", "a field name, a tuple of them, or a function", repr(by))
    fast = attrgetter(*names)
    on_lines = [_line_getter(n) for n in names]

    def key(item: Any) -> Any:
        kind = type(item)
        if kind is tuple:
            found = tuple([g(item) for g in on_lines])
            return found[0] if len(found) == 1 else found
        if kind is Entry:
            found = tuple(_entry_field(item, n) for n in names)
            return found[0] if len(found) == 1 else found
        try:
            return fast(item)
        except AttributeError:
            found = tuple(_field(item, n) for n in names)
            return found[0] if len(found) == 1 else found

    def slow(item: Any) -> Any:
        found = tuple(_field(item, n) for n in names)
        return found[0] if len(found) == 1 else found

    return names, key if all("." not in n for n in names) else slow


def _sort_key(key: Any) -> tuple[Any, ...]:
    """Keys in a readable order: None last, levels from the highest, years in order."""
    parts = key if isinstance(key, tuple) else (key,)
    out: list[Any] = []
    for p in parts:
        if p is None:
            out.append((2, ""))
        elif isinstance(p, Year):
            out.append((0, (p.value is None, p.value or 0, str(p))))
        elif isinstance(p, FiveYearPlan):
            out.append((0, (False, p.start_year, str(p))))
        elif isinstance(p, enum.Enum):
            out.append((0, (list(type(p)).index(p), str(p.value))))
        elif isinstance(p, int | str | Decimal):
            out.append((0, (p,)))
        else:
            out.append((1, str(p)))
    return tuple(out)


# -- the roll-up -----------------------------------------------------------------------------


@attrs.frozen(repr=False, eq=False)
class Rollup(Mapping[Any, Value]):
    """Groups and their exact sums: a read-only mapping of keys to amounts (or ranges,
    where figures are qualified), with the number of items in each group and the grand
    :attr:`total`.  Keys are single values when ``by`` named one field, tuples when it
    named several.  Two roll-ups with the same ``by`` add up (``a + b``)."""

    by: tuple[str, ...]
    _values: dict[Any, Value]
    _counts: dict[Any, int]
    unit: str | None = None
    #: The indicators of the goals and achievements summed (their grand total is
    #: only taken when there is one).
    indicators: frozenset[str] = frozenset()

    def __getitem__(self, key: Any) -> Value:
        return self._values[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        """Roll-ups are equal with the same ``by``, sums and counts; a roll-up equals a
        plain mapping of the same sums."""
        if isinstance(other, Rollup):
            return (self.by, self._values, self._counts) == (
                other.by,
                other._values,
                other._counts,
            )
        if isinstance(other, Mapping):
            return self._values == dict(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def count(self, key: Any) -> int:
        """How many items the group ``key`` holds."""
        return self._counts[key]

    @property
    def total(self) -> Value | None:
        """The grand total of every group; None for a roll-up of nothing, or of groups
        that measure different things (achievements by indicator)."""
        values = list(self._values.values())
        if (
            not values
            or len({v.dimension for v in values}) > 1
            or len(self.indicators) > 1
            or "stage" in self.by  # money of different stages never adds up
        ):
            return None
        return _sum(values, self.unit)

    def __add__(self, other: object) -> Rollup:
        if not isinstance(other, Rollup):
            return NotImplemented
        if other.by != self.by:
            raise InvalidValueError("roll-ups", f"one is by {self.by}, the other by {other.by}")
        values = dict(self._values)
        counts = dict(self._counts)
        for key, value in other._values.items():
            values[key] = _sum([values[key], value], self.unit) if key in values else value
            counts[key] = counts.get(key, 0) + other._counts[key]
        unit = self.unit if self.unit == other.unit else None
        return _sorted(self.by, values, counts, unit, self.indicators | other.indicators)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per group: its key fields, ``value`` and ``count``."""
        records = []
        for key, value in self._values.items():
            parts = key if isinstance(key, tuple) and len(self.by) != 1 else (key,)
            record = dict(zip(self.by, parts, strict=False))
            record["value"] = value
            record["count"] = self._counts[key]
            records.append(record)
        return records

    def __str__(self) -> str:
        if not self.by:
            rows = [["合计", str(v), str(self._counts[k])] for k, v in self._values.items()]
            return table(["", "value", "count"], rows)
        rows = []
        for key, value in self._values.items():
            parts = key if isinstance(key, tuple) and len(self.by) != 1 else (key,)
            rows.append([*(_show(p) for p in parts), str(value), str(self._counts[key])])
        grand = self.total
        if grand is not None and self.by:
            rows.append(
                ["合计", *[""] * (len(self.by) - 1), str(grand), str(sum(self._counts.values()))]
            )
        return table([*(self.by or ("",)), "value", "count"], rows)

    def __repr__(self) -> str:
        shown = ", ".join(f"{_show(k)}: {v}" for k, v in list(self._values.items())[:4])
        more = ", …" if len(self._values) > 4 else ""
        return f"Rollup(by={self.by!r}, {{{shown}{more}}})"


def _show(key: Any) -> str:
    if key is None:
        return "（未注明）"
    if isinstance(key, tuple):
        return "·".join(_show(k) for k in key)
    if isinstance(key, FiveYearPlan):
        return key.name
    if isinstance(key, Region | Indicator):
        return key.name
    chinese = getattr(key, "chinese", None)
    if isinstance(key, enum.Enum) and isinstance(chinese, str):
        return chinese
    return str(key)


def _sorted(
    by: tuple[str, ...],
    values: dict[Any, Value],
    counts: dict[Any, int],
    unit: str | None,
    indicators: frozenset[str] = frozenset(),
) -> Rollup:
    try:
        order = sorted(values, key=_sort_key)
    except TypeError:
        order = list(values)
    return Rollup(
        by, {k: values[k] for k in order}, {k: counts[k] for k in order}, unit, indicators
    )


def rollup(
    items: Iterable[Any],
    by: By = None,
    *,
    value: str | Callable[[Any], Any] | None = None,
    stage: FundingStage = FundingStage.ALLOCATED,
    unit: str | None = None,
) -> Rollup:
    """Group ``items`` and sum each group exactly.

    ``items`` are projects, funding lines, goals, achievements, breakdown parts, amounts,
    figures, or :class:`~sciplan_model.Entry` objects from :meth:`Plan.walk` (which also
    answer ``period``, ``region`` and ``plan``).  ``by`` is a field name, a tuple of
    them, or a function of an item; grouping projects by ``source`` or ``stage`` sums
    their funding lines.  ``value`` is what an item counts for: by default a project's
    funding of ``stage`` (stages are never mixed), a funding line's amount (lines of
    ``stage`` only), a goal's or achievement's figure; ``"count"`` counts the items; a
    function returns an amount, figure or range (None: the item is left out).  Sums are
    in ``unit`` when given, or else in the finest unit of each group.

    >>> from sciplan_model import Achievement, Indicator, Figure, Year
    >>> trained = Indicator(name="培训", unit="人次")
    >>> done = [Achievement(indicator=trained, figure=Figure.parse(t), period=Year(y))
    ...         for t, y in (("1.2万人次", 2006), ("8000人次", 2007), ("3000余人次", 2007))]
    >>> by_year = rollup(done, by="period")
    >>> by_year[Year(2007)]
    Range('(11000人次, 12000人次)')
    >>> by_year.total
    Range('(23000人次, 24000人次)')
    """
    names, key = _key_function(by)
    by_line = not callable(by) and bool(_LINE_FIELDS & set(names))
    line_stage = None if by_line and "stage" in names else stage
    indicators: set[str] = set()
    valuef: _ValueFunction
    if value is None:
        valuef = _default_value(line_stage, indicators)
    elif value == _COUNT:
        valuef = _counter(unit)
    elif callable(value):
        valuef = _custom_value(value)
    else:
        raise WrongTypeError("value", 'None, "count" or a function', repr(value))
    if by_line:
        items = _lines(items, line_stage)
    # one dict lookup per item: each group is [count, values]
    slots: dict[Any, list[Any]] = {}
    plain = value is None and line_stage is not None
    for item in items:
        k = key(item)
        slot = slots.get(k)
        if slot is None:
            slot = slots[k] = [0, []]
        if plain and type(item) is Project:  # the common case, inline
            slot[0] += 1
            bucket = slot[1]
            for f in item.funding:
                if f.stage is line_stage:
                    bucket.append(f.amount)
        elif valuef(item, slot[1]):
            slot[0] += 1
    groups = {k: slot[1] for k, slot in slots.items() if slot[0]}
    counts = {k: slot[0] for k, slot in slots.items() if slot[0]}
    values = _finish(groups, unit)
    return _sorted(names, values, counts, unit, frozenset(indicators))


def _grouped(names: tuple[str, ...], pairs: Iterable[tuple[Any, Value]]) -> Rollup:
    """A roll-up of ((indicator, period), value) pairs."""
    groups: dict[Any, list[Value]] = {}
    counts: dict[Any, int] = {}
    for key, value in pairs:
        if key in groups:
            groups[key].append(value)
            counts[key] += 1
        else:
            groups[key] = [value]
            counts[key] = 1
    indicators = frozenset(k[0] for k in groups)
    return _sorted(names, _finish(groups, None), counts, None, indicators)


def _finish(groups: dict[Any, list[Value]], unit: str | None) -> dict[Any, Value]:
    """Each group's sum; a group whose items had no value (a project without funding of
    the stage) is a zero of the roll-up's unit."""
    values: dict[Any, Value] = {}
    empty = []
    finest: Quantity | None = None
    for k, bucket in groups.items():
        if not bucket:
            empty.append(k)
            continue
        try:
            values[k] = s = _sum(bucket, unit)
        except UnitMismatchError as error:
            raise UnitMismatchError(
                error.left, error.right, "add up in one group (group them by indicator)"
            ) from None
        end = s if isinstance(s, Quantity) else (s.low or s.high)
        if (
            end is not None
            and end.is_money
            and (finest is None or unit_info(end.unit).factor < unit_info(finest.unit).factor)
        ):
            finest = end
    for k in empty:  # only projects come without a value: the zero is money
        if unit is not None:
            values[k] = Quantity(0, unit)
        else:
            values[k] = Quantity(0, finest.unit if finest is not None else "元")
    return values


# A value function puts what an item is worth into its group's bucket and says whether
# the item counts in the group at all.
_ValueFunction: TypeAlias = Callable[[Any, list[Value]], bool]


def _default_value(stage: FundingStage | None, indicators: set[str]) -> _ValueFunction:
    """What an item is worth by default; funding lines of ``stage`` only (of any stage
    when None: the roll-up is by stage)."""

    def add(item: Any, bucket: list[Value]) -> bool:
        kind = type(item)
        if kind is Entry:
            item = item.item
            kind = type(item)
        if kind is Project:
            bucket.extend([f.amount for f in item.funding if stage is None or f.stage is stage])
        elif kind is tuple:  # a funding line with its project, already of the stage
            bucket.append(item[1].amount)
        elif kind is Funding:
            if stage is not None and item.stage is not stage:
                return False
            bucket.append(item.amount)
        elif kind is Goal or kind is Achievement:
            indicators.add(item.indicator.key or item.indicator.name)
            bucket.append(_figure_value(item.figure, item.indicator))
        elif kind is BreakdownPart:
            bucket.append(_figure_value(item.figure, None))
        elif kind is Quantity or kind is Money or kind is Range or kind is Figure:
            bucket.append(_as_value(item, "item"))
        else:
            raise WrongTypeError(
                "item",
                "a project, funding line, goal, achievement, amount or figure",
                kind.__name__,
            )
        return True

    return add


def _counter(unit: str | None) -> _ValueFunction:
    word = None if unit is None else unit_info(unit).word

    def add(item: Any, bucket: list[Value]) -> bool:
        inner = item.item if type(item) is Entry else item
        if type(inner) is tuple:
            inner = inner[0]
        bucket.append(Quantity(1, word or ("项" if type(inner) is Project else "个")))
        return True

    return add


def _custom_value(f: Callable[[Any], Any]) -> _ValueFunction:
    def add(item: Any, bucket: list[Value]) -> bool:
        found = f(item)
        if found is None:
            return False
        bucket.append(_as_value(found, "value"))
        return True

    return add


def _lines(items: Iterable[Any], stage: FundingStage | None) -> Iterator[Any]:
    """Projects opened into their funding lines of ``stage`` (of every stage when
    None), each with its project, which answers for the fields a line has not."""
    for item in items:
        project = item.item if type(item) is Entry else item
        if type(project) is Project:
            for funding in project.funding:
                if stage is None or funding.stage is stage:
                    yield (project, funding, item)
        else:
            yield item


# -- combining plans -------------------------------------------------------------------------


def _indicator_key(item: Goal | Achievement) -> str:
    return item.indicator.key or item.indicator.name


@attrs.frozen(repr=False)
class Combined:
    """Plans seen together, as a city sees its counties: the plans' ids, the lowest
    region that holds them all, their projects (one per id, the first met kept), the
    ids met more than once, and goals and achievements summed per indicator and period.

    Combining is associative: ``combine(combine(a, b), c) == combine(a, combine(b, c))``.
    """

    plans: tuple[str, ...]
    region: Region | None
    #: Where each project kept was first met (its plan, region and period answer for
    #: it in a roll-up).
    entries: tuple[Entry, ...]
    repeated: tuple[str, ...]
    goals: Rollup
    achievements: Rollup

    @property
    def projects(self) -> tuple[Project, ...]:
        """The projects, one per id, in the order first met."""
        return tuple(e.item for e in self.entries)  # type: ignore[misc]

    def rollup(self, by: By = None, **options: Any) -> Rollup:
        """:func:`rollup` of the projects, each answering with its plan's region and
        period too (``by="region"``, ``by=lambda e: e.region.at(Level.MUNICIPAL)``)."""
        return rollup(self.entries, by, **options)

    def __repr__(self) -> str:
        return (
            f"Combined(plans={len(self.plans)}, projects={len(self.projects)}, "
            f"achievements={len(self.achievements)}, goals={len(self.goals)})"
        )


_BY_INDICATOR = ("indicator", "period")


def _indicator_rollup(entries: Iterable[Entry]) -> Rollup:
    pairs = []
    for e in entries:
        item = e.item
        if isinstance(item, Goal | Achievement):
            pairs.append(((_indicator_key(item), e.period), _item_value(item)))
    return _grouped(_BY_INDICATOR, pairs)


def _as_combined(plan: Plan | Combined) -> Combined:
    if isinstance(plan, Combined):
        return plan
    if not isinstance(plan, Plan):
        raise WrongTypeError("plans", "Plans or Combined views", type(plan).__name__)
    goals = _indicator_rollup(plan.walk(Goal))
    achievements = _indicator_rollup(plan.walk(Achievement))
    seen: dict[str, Entry] = {}
    repeated: list[str] = []
    for e in plan.walk(Project):
        pid = e.item.id  # type: ignore[union-attr]
        if pid in seen:
            repeated.append(pid)
        else:
            seen[pid] = e
    return Combined(
        (plan.id,),
        plan.region,
        tuple(seen.values()),
        tuple(dict.fromkeys(repeated)),
        goals,
        achievements,
    )


def _common_region(a: Region | None, b: Region | None) -> Region | None:
    if a is None or b is None:
        return None
    above = set(b.lineage)
    common = [r for r in a.lineage if r in above]
    return common[-1] if common else None


def _pair(a: Combined, b: Combined) -> Combined:
    kept = {p.id: p for p in a.projects}
    extra = [e for e in b.entries if e.item.id not in kept]  # type: ignore[union-attr]
    repeated = dict.fromkeys(a.repeated)
    repeated.update(dict.fromkeys(b.repeated))
    repeated.update(dict.fromkeys(p.id for p in b.projects if p.id in kept))
    entries = (*a.entries, *extra)
    order = {e.item.id: k for k, e in enumerate(entries)}  # type: ignore[union-attr]
    return Combined(
        a.plans + b.plans,
        _common_region(a.region, b.region),
        entries,
        tuple(sorted(repeated, key=lambda i: order.get(i, len(order)))),
        a.goals + b.goals,
        a.achievements + b.achievements,
    )


def combine(plans: Iterable[Plan | Combined]) -> Combined:
    """Plans (or combined views of plans) seen together: county plans into a city's
    view, city views into a province's.  Projects met in more than one plan (the same
    id) are kept once; goals and achievements are summed per indicator and period.

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


def _entries(items: Iterable[Any]) -> Iterator[tuple[Goal | Achievement, Period | None]]:
    for item in items:
        inner = item.item if type(item) is Entry else None
        if isinstance(inner, Goal | Achievement):
            yield inner, item.period
        elif isinstance(item, Goal | Achievement):
            yield item, item.period
        else:
            raise WrongTypeError("items", "goals, achievements or entries", type(item).__name__)


def _span(period: Period) -> range:
    years = period_years(period)
    if years is None:
        raise InvalidValueError("period", f"{period} is not a known span of years")
    return years


def over_period(items: Iterable[Any], period: FiveYearPlan | YearSpan | None = None) -> Rollup:
    """Annual figures made into the figure of their five-year period (or of
    ``period``), indicator by indicator: flows are summed over the years, stocks take
    the latest year given.  Keys are ``(indicator, period)``; figures for a period as a
    whole, or for a year not known (20xx年), are left out.

    >>> from sciplan_model import Achievement, Aggregation, Figure, Indicator, Year
    >>> firms = Indicator(name="高新技术企业", unit="家", aggregation=Aggregation.STOCK)
    >>> years = [Achievement(indicator=firms, figure=Figure.parse(f"{n}家"), period=Year(y))
    ...          for n, y in ((12, 2001), (15, 2003), (19, 2005))]
    >>> over_period(years)[("高新技术企业", FiveYearPlan(10))]
    Quantity('19', '家')
    """
    span = None if period is None else _span(period)
    latest: dict[Any, int] = {}
    picked: list[tuple[Any, int, Goal | Achievement]] = []
    for item, when in _entries(items):
        if not isinstance(when, Year) or when.value is None:
            continue
        if span is not None:
            if when.value not in span:
                continue
            home: Period | None = period
        else:
            home = FiveYearPlan.containing(when)
            if home is None:
                continue
        key = (_indicator_key(item), home)
        picked.append((key, when.value, item))
        if item.indicator.aggregation is Aggregation.STOCK:
            latest[key] = max(latest.get(key, when.value), when.value)
    return _grouped(
        _BY_INDICATOR,
        (
            (key, _item_value(item))
            for key, year, item in picked
            if key not in latest or latest[key] == year
        ),
    )


def _item_value(item: Goal | Achievement) -> Value:
    return _figure_value(item.figure, item.indicator)
