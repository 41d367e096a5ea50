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
import functools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from operator import attrgetter
from typing import Any, TypeAlias

import attrs

from ._exact import own_context
from ._reading import as_written
from ._table import table
from ._walk import Entry
from .codes import Aggregation, FundingStage, Level
from .errors import InvalidValueError, UnitMismatchError, WrongTypeError
from .figure import Figure, Qualifier, Range
from .model import Achievement, BreakdownPart, Funding, Goal, Indicator, Plan, Project, Region
from .period import FiveYearPlan, Year, YearSpan, period_years
from .quantity import Money, Quantity, total
from .units import UnitInfo, unit_info

__all__ = ["Rollup", "project_value", "rollup"]

#: What a roll-up sums: an exact amount, or a range where figures are qualified.
Value: TypeAlias = Quantity | Range
#: What ``by`` accepts: a field name (dotted for a field's field: ``region.parent``), a
#: tuple of them, or a function of an item.
By: TypeAlias = str | tuple[str, ...] | Callable[[Any], Any] | None

# Fields of a funding line: grouping by one of them sums funding lines, not projects.
# ``currency`` is the currency of a line's amount, by its base unit (元, 美元 …).
_LINE_FIELDS = frozenset({"source", "stage", "currency"})
_COUNT = "count"


# -- values ----------------------------------------------------------------------------------


def project_value(
    project: Project, stage: FundingStage | str = FundingStage.ALLOCATED
) -> Money | None:
    """The sum of a project's funding lines of one ``stage`` (None when it has none):
    stages are never mixed, or money secured and money spent would be counted twice;
    nor are currencies (lines of the stage in two currencies raise
    :class:`~sciplan_model.UnitMismatchError`: :meth:`Money.exchange
    <sciplan_model.Money.exchange>` them first).

    >>> from sciplan_model import Funding, FundingSource, Money
    >>> p = Project(id="p", name="示范工程", funding=[
    ...     Funding(amount=Money("30", "万元"), source=FundingSource.NATIONAL),
    ...     Funding(amount=Money("50", "万元"), source=FundingSource.ENTERPRISE),
    ...     Funding(amount=Money("20", "万元"), source=FundingSource.NATIONAL,
    ...             stage=FundingStage.SPENT)])
    >>> project_value(p)
    Money('80', '万元')
    """
    stage = funding_stage(stage)
    amounts = [f.amount for f in project.funding if f.stage is stage]
    return total(amounts) if amounts else None  # type: ignore[return-value]


def _recount(q: Quantity, word: str) -> Quantity:
    """``q`` counted in ``word`` one for one (5个 → 5项), keeping its scale (2万户 → 2万家)."""
    info = unit_info(q.unit)
    return Quantity(q.magnitude, q.unit[: len(q.unit) - len(info.word)] + word)


def _recounted(dimension: str, indicator: Indicator | None) -> bool:
    """Whether a figure of ``dimension`` is counted in one of the indicator's
    ``same_as`` words (个 for an indicator in 项), and so is recounted in its own word;
    any other unit is left alone (the checks report it, they do not relabel it)."""
    if indicator is None or not indicator.same_as:
        return False
    if dimension == unit_info(indicator.unit).dimension:
        return False
    return any(dimension == unit_info(word).dimension for word in indicator.same_as)


def _range_in(r: Range, indicator: Indicator | None) -> Range:
    """A figure's range counted in its indicator's own measure word where the indicator
    says another word counts the same thing (个 for 项)."""
    if indicator is None or not _recounted(r.dimension, indicator):
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
    if indicator is None or not _recounted(q.dimension, indicator):
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
    if name == "currency":
        return lambda line: _currency(line[1].amount)
    if name in ("source", "stage", "amount"):
        get = attrgetter(name)
        return lambda line: get(line[1])
    if name == "year":
        return lambda line: line[1].year if line[1].year is not None else line[0].year
    return lambda line: _field(line[2], name)


def _currency(amount: Quantity) -> str:
    """The currency of an amount, by its base unit: 元 for 万元, 美元 for 万美元."""
    return unit_info(amount.unit).base


def _line_field(line: _Line, step: str) -> Any:
    """A field of a funding line, where the line's project answers what it does not."""
    project, funding, holder = line
    if step == "currency":
        return _currency(funding.amount)
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
    for name in names:
        for step in name.split("."):
            if step not in _known_names():
                raise InvalidValueError(
                    "by",
                    f"{step!r} (in {name!r}) is the name of no field of a plan's items, "
                    f"their entries or funding lines; {_fields(_ITEM_KINDS)}",
                )
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


def _check_names(
    names: tuple[str, ...], slots: dict[Any, Any], kinds: set[type], lines: bool
) -> None:
    """Refuse a name that no item met has as a field (``by="programme"`` for goals):
    every item would fall in one group （未注明）, silently.  The error lists the
    fields that exist."""
    if not kinds:
        return  # nothing met (no funding line of the stage, say): nothing to say
    if lines:
        kinds = kinds | {Project, Funding}
    for i, name in enumerate(names):
        if any(_part(k, i, len(names)) is not None for k in slots):
            continue
        step = name.split(".")[0]
        if (step == "currency" and Project in kinds) or any(_has(t, step) for t in kinds):
            continue
        what = "、".join(sorted(t.__name__ for t in kinds if t is not Entry and t is not tuple))
        raise InvalidValueError(
            "by", f"no item has a field {name!r} (items: {what}); {_fields(kinds)}"
        )


#: What roll-ups sum, for the fields an error lists.
_ITEM_KINDS = (Project, Funding, Goal, Achievement, BreakdownPart, Entry)


def _part(key: Any, i: int, n: int) -> Any:
    return key[i] if n > 1 else key


def _has(t: type, name: str) -> bool:
    return (attrs.has(t) and name in attrs.fields_dict(t)) or isinstance(
        getattr(t, name, None), property | functools.cached_property
    )


def fields_of(t: type) -> list[str]:
    """The public fields and properties of ``t`` one may group by."""
    named = [a.name for a in attrs.fields(t)] if attrs.has(t) else []
    props = [
        n for n in dir(t) if not n.startswith("_") and isinstance(getattr(t, n, None), property)
    ]
    skip = {"text", "funding", "items", "sections", "parts", "goals", "same_as"}
    if t is not Funding:
        skip.add("source")  # where in a text an item is written, not a key
    found = [n for n in (*named, *props) if not n.startswith("_") and n not in skip]
    return [*found, "currency"] if t is Funding else found


def _fields(types: Iterable[type]) -> str:
    """The fields of ``types`` one may group by, for an error's message."""
    found = sorted({n for t in types for n in fields_of(t)})
    return "fields that exist: " + ", ".join(found)


@functools.cache
def _known_names() -> frozenset[str]:
    """Every name a roll-up may group by, at any step of a dotted path: the fields and
    properties of the model's classes, of a walk's entries and of what they hold."""
    from . import model

    classes: list[type] = [c for c in vars(model).values() if isinstance(c, type) and attrs.has(c)]
    classes += [Entry, Figure, Quantity, Range, Year, FiveYearPlan, YearSpan, Level]
    names = {a for c in classes for a in dir(c) if not a.startswith("_")}
    return frozenset(names | {"currency"})


def _sort_key(key: Any) -> tuple[Any, ...]:
    """Keys in a readable order: None last, levels from the highest, years in order;
    what has no order of its own (indicators, regions) by its text, so that the order
    never depends on the order the items came in."""
    parts = key if isinstance(key, tuple) else (key,)
    out: list[Any] = []
    for p in parts:
        if p is None:
            out.append((2, ""))
        elif isinstance(p, Year):
            out.append((0, (p.value is None, p.value or 0, 0, str(p))))
        elif isinstance(p, FiveYearPlan | YearSpan) and period_years(p) is not None:
            years = period_years(p) or range(0)
            out.append((0, (False, years[-1], 1, str(p))))  # a span after its last year
        elif isinstance(p, enum.Enum):
            out.append((0, (list(type(p)).index(p), str(p.value))))
        elif type(p) is frozenset and p and all(type(k) is Level for k in p):
            # a span of levels (a goal's 市级以上): after its highest level alone, then
            # by the levels below it (省级以上 before 市级以上 before 国家级、县级)
            order = sorted(list(Level).index(k) for k in p)
            top = list(Level)[order[0]]
            out.append((0, (order[0], str(top.value), tuple(order[1:]))))
        elif isinstance(p, int | str | Decimal):
            out.append((0, (p,)))
        elif isinstance(p, Region):
            # by the whole lineage: two regions of one name under different parents (or
            # one with a code, one without) keep one order whatever order they came in
            out.append((1, str(p), tuple((r.name, r.code or "", str(r.level)) for r in p.lineage)))
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
    #: True when a stock is summed (enterprises certified, a figure that stands at a
    #: date): its groups by period or year have no grand total.
    stock: bool = False
    #: The groups whose items had no value at all (projects without a funding line of
    #: the stage): shown as not known, and filled by another roll-up's value in ``+``.
    _empty: frozenset[Any] = frozenset()
    #: The figure as written, for each group that holds one figure (a goal's 60余件).
    _written: Mapping[Any, str] = attrs.field(factory=dict)
    #: True when rates, shares or figures per head are rolled up (2.5%, 每万人口12件):
    #: they are never added, so a group of several is not known and there is no
    #: grand total.
    ratio: bool = False

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

    def written(self, key: Any) -> str | None:
        """The figure as the plan wrote it (``60余件``, ``2万人次以上``) when the group
        ``key`` holds one goal, achievement or part of a statement; None otherwise."""
        return self._written.get(key)

    def said(self, key: Any) -> str:
        """The group's value as people read it: the figure as written when the group
        holds one, else its sum (``159.3万元``, ``1100余家``, ``23000人次以上``,
        ``未知（万元）``)."""
        written = self._written.get(key)
        if written is not None:
            return as_written(written)
        value = self._values[key]
        if self.ratio and isinstance(value, Range) and not value.is_known:
            return f"不相加（{self._counts[key]}个比率）"
        return _value_text(value)

    @property
    @own_context
    def total(self) -> Value | None:
        """The grand total of every group; None for a roll-up of nothing, or of groups
        that measure different things (achievements by indicator)."""
        values = list(self._values.values())
        if (
            not values
            or len({v.dimension for v in values}) > 1
            or len(self.indicators) > 1
            or "stage" in self.by  # money of different stages never adds up
            or "aspirational" in self.by  # nor a floor (确保) and a stretch (力争)
            or self.ratio  # nor rates and shares (2.5% and 2.5% are not 5%)
            or (self.stock and ("period" in self.by or "year" in self.by))
        ):
            return None
        stated = [v for k, v in self._values.items() if k not in self._empty]
        if not stated:
            return _sum(values, self.unit)  # money not known
        grand = _sum(stated, self.unit)
        # groups of projects that state no money of the stage make it a lower bound, as
        # they would in one group
        return at_least(grand) if len(stated) < len(values) else grand

    @own_context
    def __add__(self, other: object) -> Rollup:
        if not isinstance(other, Rollup):
            return NotImplemented
        if other.by != self.by:
            raise InvalidValueError("roll-ups", f"one is by {self.by}, the other by {other.by}")
        values = dict(self._values)
        counts = dict(self._counts)
        empty = set(self._empty)
        for key, value in other._values.items():
            counts[key] = counts.get(key, 0) + other._counts[key]
            if key not in values:
                values[key] = value
                if key in other._empty:
                    empty.add(key)
            elif key in other._empty:
                if key not in empty:  # projects without money join some with money
                    values[key] = at_least(values[key])
            elif key in empty:
                values[key] = at_least(value)
                empty.discard(key)
            elif (self.ratio or other.ratio) and _is_rate(value):
                values[key] = Range.unknown(value.unit)  # rates and shares are not added
            else:
                values[key] = _sum([values[key], value], self.unit)
        unit = self.unit if self.unit == other.unit else None
        indicators = self.indicators | other.indicators
        stock = self.stock or other.stock
        written = {k: t for r in (self, other) for k, t in r._written.items() if counts[k] == 1}
        joined = sorted_rollup(
            self.by, values, counts, unit, indicators, stock, frozenset(empty), written
        )
        return attrs.evolve(joined, ratio=self.ratio or other.ratio)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per group: its key fields, ``value``, ``written`` (the figure
        as the plan wrote it, where the group holds one; else None) and ``count``."""
        records = []
        for key, value in self._values.items():
            parts = key if isinstance(key, tuple) and len(self.by) != 1 else (key,)
            record = dict(zip(self.by, parts, strict=False))
            record["value"] = value
            record["written"] = self._written.get(key)
            record["count"] = self._counts[key]
            records.append(record)
        return records

    @own_context
    def to_arrow(self) -> Any:
        """The groups as a ``pyarrow.Table`` (the ``arrow`` extra: ``pip install
        "sciplan_model[arrow]"``), one row per group, without a 合计 row.

        Columns: one per field of ``by``, text (codes for levels, sources, stages and
        statuses: ``national``; a region's code, or else its name; a plan's id; a
        period as written: ``2006年``, ``“十五”``); then ``value`` (the exact sum, where
        the group's value is one amount), ``unit``, ``low`` and ``high`` (what a range
        allows; None for an unbounded end), ``low_closed``, ``high_closed``, ``known``
        (False for a value not known), ``written`` (the figure as written, for a group
        of one goal or achievement) and ``count``.  Amounts are ``decimal128(38, 10)``,
        all in the roll-up's ``unit``, or else the finest unit among its values (15亿元
        and 3万元 are written in 万元); where the groups measure different things
        (achievements by indicator) each row is in its own unit (in the base unit of
        its dimension where a range's ends have no exact form in a finer one).  A key
        column named like a value column is ``by_`` and its name (``by_unit``).
        Roll-ups with the same ``by`` give tables of the same schema.
        """
        from ._arrow import rollup_table

        return rollup_table(self)

    @own_context
    def to_polars(self) -> Any:
        """:meth:`to_arrow` as a polars ``DataFrame`` (the ``polars`` extra)."""
        from ._arrow import to_polars

        return to_polars(self.to_arrow())

    @own_context
    def to_frame(self) -> Any:
        """:meth:`to_arrow` as a pandas ``DataFrame`` whose columns are backed by
        Arrow (``pd.ArrowDtype``; the ``frame`` extra: ``pip install
        "sciplan_model[frame]"``): sums and group-bys of ``value`` stay exact decimals.
        One row per group, without a 合计 row.

        >>> from sciplan_model import Money
        >>> frame = rollup([Money("0.1", "万元"), Money("0.2", "万元")]).to_frame()
        >>> frame["value"].sum(), frame["unit"][0]
        (Decimal('0.3000000000'), '万元')
        """
        from ._arrow import to_pandas

        return to_pandas(self.to_arrow())

    @own_context
    def to_excel(self, path: str | os.PathLike[str]) -> None:
        """Write the roll-up as an Excel workbook of one sheet (the ``excel`` extra:
        ``pip install "sciplan_model[excel]"``), all or nothing: its keys, 数值 (an
        amount whose number format shows its unit, or a range as written with its ends
        in 下限 and 上限), 单位, 条目数, and a 合计 row (a SUM formula) where the
        groups add up."""
        from ._report_sheets import rollup_sheet
        from ._workbook import write_workbook

        write_workbook([rollup_sheet(self)], path)

    @own_context
    def _repr_html_(self) -> str:
        """The roll-up in a notebook: keys, 数值, 条目数, and a 合计 row when the groups
        add up."""
        from ._display import rollup_html

        return rollup_html(self)

    @own_context
    def __str__(self) -> str:
        if not self.by:
            rows = [["合计", self.said(k), str(self._counts[k])] for k in self._values]
            return table(["", "数值", "条目数"], rows)
        rows = []
        for key in self._values:
            parts = key if isinstance(key, tuple) and len(self.by) != 1 else (key,)
            rows.append([*(_show(p) for p in parts), self.said(key), str(self._counts[key])])
        grand = self.total
        if grand is not None and self.by:
            rows.append(
                [
                    "合计",
                    *[""] * (len(self.by) - 1),
                    _value_text(grand),
                    str(sum(self._counts.values())),
                ]
            )
        return table([*(field_name(n) for n in self.by), "数值", "条目数"], rows)

    def __repr__(self) -> str:
        shown = ", ".join(f"{_show(k)}: {v}" for k, v in list(self._values.items())[:4])
        more = ", …" if len(self._values) > 4 else ""
        return f"Rollup(by={self.by!r}, {{{shown}{more}}})"


#: The Chinese names of the fields a roll-up groups by, for the heads of its tables.
FIELD_NAMES = {
    "level": "级别",
    "source": "资金来源",
    "stage": "经费阶段",
    "currency": "币种",
    "programme": "计划类别",
    "year": "年度",
    "period": "期间",
    "status": "状态",
    "region": "地区",
    "plan": "计划",
    "plan.id": "计划",
    "indicator": "指标",
    "aspirational": "力争",
    "section": "章节",
    "heading": "小节",
    "subject": "事项",
    "category": "类别",
    "id": "项目编号",
    "name": "名称",
    "undertaker": "承担单位",
    "undertaker.name": "承担单位",
    "region.parent": "上级地区",
    "kind": "类型",
    "label": "序号",
    "key": "分项",
    "unit": "单位",
    "figure.unit": "单位",
}


def field_name(name: str) -> str:
    """A field's Chinese name for a table's head (level → 级别); the name itself where
    it has none."""
    return FIELD_NAMES.get(name, name)


def _value_text(value: Quantity | Range | None) -> str:
    """An amount or a range as people read it: ``159.3万元``; a range as plans write
    one — ``2万人次以上`` ([2万人次, ∞)), ``超过20家``, ``1100余家`` ((1100家, 1200家)),
    ``5至8项`` —; ``未知（万元）`` for a value not known."""
    if value is None:
        return "未知"
    if isinstance(value, Quantity):
        return str(value)
    if not value.is_known:
        return f"未知（{value.unit}）"
    if value.is_point and value.low is not None:
        return str(value.low)
    return range_words(value)


def range_words(r: Range) -> str:
    """A range in the words plans use: ``2万人次以上``, ``超过20家``, ``不足5亿元``,
    ``5亿元以下``, ``1100余家`` (more than 1100, fewer than 1200), ``5项至8项``."""
    low, high = r.low, r.high
    if low is not None and high is None:
        return f"{low}以上" if r.low_closed else f"超过{low}"
    if low is None and high is not None:
        return f"{high}以下" if r.high_closed else f"不足{high}"
    if low is None or high is None:
        return str(r)
    if not r.low_closed and not r.high_closed and low.unit == high.unit:
        step = high.magnitude - low.magnitude
        if step > 0 and step == Decimal(1).scaleb(step.adjusted()) and low.magnitude % step == 0:
            number = str(low)[: len(str(low)) - len(low.unit)]
            word = unit_info(low.unit).word  # 2万余人次, 5亿余元
            return f"{number}{low.unit[: len(low.unit) - len(word)]}余{word}"
    return f"{low}至{high}"


def _show(key: Any) -> str:
    if key is None:
        return "（未注明）"
    if isinstance(key, bool):
        return "是" if key else "否"
    if isinstance(key, tuple):
        return "·".join(_show(k) for k in key)
    if isinstance(key, FiveYearPlan):
        return key.name
    if isinstance(key, Region | Indicator):
        return key.name
    if isinstance(key, Plan):
        return key.title
    if type(key) is frozenset and key and all(type(k) is Level for k in key):
        return Level.span_name(key)  # a goal's span of levels: 市级以上
    chinese = getattr(key, "chinese", None)
    if isinstance(key, enum.Enum) and isinstance(chinese, str):
        return chinese
    return str(key)


def sorted_rollup(
    by: tuple[str, ...],
    values: dict[Any, Value],
    counts: dict[Any, int],
    unit: str | None,
    indicators: frozenset[str] = frozenset(),
    stock: bool = False,
    empty: frozenset[Any] = frozenset(),
    written: Mapping[Any, str] | None = None,
) -> Rollup:
    try:
        order = sorted(values, key=_sort_key)
    except TypeError:
        order = list(values)
    ordered = {k: values[k] for k in order}
    counted = {k: counts[k] for k in order}
    return Rollup(by, ordered, counted, unit, indicators, stock, empty, written or {})


@own_context
def rollup(
    items: Iterable[Any],
    by: By = None,
    *,
    value: str | Callable[[Any], Any] | None = None,
    stage: FundingStage | str = FundingStage.ALLOCATED,
    unit: str | None = None,
) -> Rollup:
    """Group ``items`` and sum each group exactly.

    ``items`` are projects, funding lines, goals, achievements, breakdown parts, amounts,
    figures, or :class:`~sciplan_model.Entry` objects from :meth:`Plan.walk` (which also
    answer ``period``, ``region`` and ``plan``).  ``by`` is a field name, a tuple of
    them, or a function of an item; grouping projects by ``source``, ``stage`` or
    ``currency`` (元, 美元 … of a line's amount) sums their funding lines.  Money in two
    currencies never adds up: a group holding both raises
    :class:`~sciplan_model.UnitMismatchError` (group by ``currency`` too, or
    :meth:`Money.exchange <sciplan_model.Money.exchange>` first), and groups in
    different currencies have no grand total.  ``value`` is what an item counts for: by
    default a project's
    funding of ``stage`` (a :class:`~sciplan_model.FundingStage` or its name: 下达, 到位
    …; stages are never mixed), a funding line's amount (lines of ``stage`` only), a
    goal's or achievement's figure; ``"count"`` counts the items; a function returns an
    amount, figure or range (None: the item is left out).  Sums are in ``unit`` when
    given, or else in the finest unit of each group.

    A project without a funding line of the stage is counted in its group but its money
    is not known: a group where no project states any is not known (未知), and one where
    only some do is at least what they state (``[45万元, ∞)``), never taken as the whole.

    >>> from sciplan_model import Achievement, Indicator, Figure, Year
    >>> trained = Indicator(name="培训", unit="人次")
    >>> done = [Achievement(indicator=trained, figure=Figure.parse(t), period=Year(y))
    ...         for t, y in (("1.2万人次", 2006), ("8000人次", 2007), ("3000余人次", 2007))]
    >>> by_year = rollup(done, by="period")
    >>> by_year[Year(2007)]
    Range('(11000人次, 12000人次)')
    >>> by_year.total
    Range('(23000人次, 24000人次)')

    ``items`` may also be a :class:`~sciplan_model.Dataset` (:func:`read_dataset
    <sciplan_model.read_dataset>`): the roll-up of its projects then runs in DuckDB and
    equals this one over the same plans' projects.
    """
    over = getattr(items, "_sciplan_rollup", None)
    if over is not None:  # a dataset rolls itself up, where its data lives
        return over(by, value=value, stage=stage, unit=unit)  # type: ignore[no-any-return]
    stage = funding_stage(stage)
    names, key = _key_function(by)
    by_line = not callable(by) and bool(_LINE_FIELDS & set(names))
    line_stage = None if by_line and "stage" in names else stage
    seen = _Seen()
    valuef: _ValueFunction
    if value is None:
        valuef = _default_value(line_stage, seen)
    elif value == _COUNT:
        valuef = _counter(unit, seen)
    elif callable(value):
        valuef = _custom_value(value)
    else:
        raise WrongTypeError("value", 'None, "count" or a function', repr(value))
    if by_line:
        items = _lines(items, line_stage)
    # one dict lookup per item: each group is [count, values, what it sums, projects
    # without money of the stage]
    slots: dict[Any, list[Any]] = {}
    plain = value is None and line_stage is not None
    kinds: set[type] = set()  # the kinds of item met, but for projects taken inline
    projects = False
    for item in items:
        k = key(item)
        slot = slots.get(k)
        if slot is None:
            slot = slots[k] = [0, [], None, 0, None, False]
        if plain and type(item) is Project:  # the common case, inline
            projects = True
            slot[0] += 1
            bucket = slot[1]
            had = len(bucket)
            for f in item.funding:
                if f.stage is line_stage:
                    bucket.append(f.amount)
            if len(bucket) == had:
                slot[3] += 1
        else:
            kinds.add(type(item))
            if type(item) is Entry:
                kinds.add(type(item.item))
            elif type(item) is tuple and len(item) == 3:  # a funding line and its holder
                kinds.update((Project, Funding, type(item[2])))
            if valuef(item, slot):
                slot[0] += 1
    if projects:
        kinds.add(Project)
    if names and not callable(by):
        _check_names(names, slots, kinds, by_line)
    groups = {k: slot[1] for k, slot in slots.items() if slot[0]}
    counts = {k: slot[0] for k, slot in slots.items() if slot[0]}
    if seen.words == {"项", "个"}:  # projects and other things counted together
        groups = {k: [Quantity(len(b), "个")] for k, b in groups.items()}
    values = _finish(groups, unit)
    for k, slot in slots.items():
        if slot[0] and slot[3] and groups[k]:  # some projects have money, some none
            values[k] = at_least(values[k])
    for k, slot in slots.items():
        if slot[5] and slot[0] > 1:  # rates and shares are never added
            values[k] = Range.unknown(values[k].unit)
    empty = frozenset(k for k, bucket in groups.items() if not bucket)
    written = {k: slot[4] for k, slot in slots.items() if slot[0] == 1 and slot[4] is not None}
    indicators = frozenset(seen.indicators)
    ratio = any(slot[5] for slot in slots.values())
    return attrs.evolve(
        sorted_rollup(names, values, counts, unit, indicators, seen.stock, empty, written),
        ratio=ratio,
    )


def at_least(value: Value) -> Value:
    """What a group's money is when some of its projects state none of the stage: at
    least what the others state (a lower bound, never taken as the whole)."""
    if isinstance(value, Quantity):
        return Range(value, None, True, False)
    if not value.is_known or value.low is None:
        return Range.unknown(value.unit) if not value.is_known else value
    return Range(value.low, None, value.low_closed, False)


def funding_stage(stage: Any) -> FundingStage:
    """A funding stage given as itself or by name (下达, 到位, "received" …)."""
    if isinstance(stage, FundingStage):
        return stage
    if isinstance(stage, str):
        return FundingStage.parse(stage)
    raise WrongTypeError("stage", "a FundingStage or its name", type(stage).__name__)


def _finish(groups: dict[Any, list[Value]], unit: str | None) -> dict[Any, Value]:
    """Each group's sum; a group whose items had no value (projects without a funding
    line of the stage) is money not known, never a zero.  Money in two currencies never
    adds up in one group (UnitMismatchError); groups in different currencies stand side
    by side, without a grand total."""
    values: dict[Any, Value] = {}
    empty = []
    finest: dict[str, UnitInfo] = {}  # the finest money unit met, by currency
    for k, bucket in groups.items():
        if not bucket:
            empty.append(k)
            continue
        try:
            values[k] = s = _sum(bucket, unit)
        except UnitMismatchError as error:
            if unit is not None:
                raise
            raise UnitMismatchError(error.left, error.right, "add up in one group") from None
        end = s if isinstance(s, Quantity) else (s.low or s.high)
        if end is not None and end.is_money:
            keep_finest(finest, unit_info(end.unit))
    fill_unknown(values, empty, finest, unit)  # only projects come without a value
    return values


def keep_finest(finest: dict[str, UnitInfo], info: UnitInfo) -> None:
    """Keep ``info`` in ``finest`` where it is the finest unit met of its dimension."""
    was = finest.get(info.dimension)
    if was is None or info.factor < was.factor:
        finest[info.dimension] = info


def fill_unknown(
    values: dict[Any, Value], empty: Iterable[Any], finest: dict[str, UnitInfo], unit: str | None
) -> None:
    """Money not known for each group of ``empty`` (projects without money of the
    stage): in ``unit``, or else in the finest money unit met where the money met is of
    one currency (未知（万元）), or else in 元."""
    known = next(iter(finest.values())).name if len(finest) == 1 else "元"
    for k in empty:
        values[k] = Range.unknown(unit or known)


# A value function puts what an item is worth into its group's slot — [count, values,
# what the group sums] — and says whether the item counts in the group at all.
_ValueFunction: TypeAlias = Callable[[Any, list[Any]], bool]


@attrs.define
class _Seen:
    """What a roll-up met: the indicators summed, whether any is a stock, and the
    measure words it counted in."""

    indicators: set[str] = attrs.Factory(set)
    stock: bool = False
    words: set[str] = attrs.Factory(set)
    #: The goals met, by what they state: a goal stated again is one goal.
    goals: set[Any] = attrs.Factory(set)


def _default_value(stage: FundingStage | None, seen: _Seen) -> _ValueFunction:
    """What an item is worth by default; funding lines of ``stage`` only (of any stage
    when None: the roll-up is by stage)."""

    def add(item: Any, slot: list[Any]) -> bool:
        kind = type(item)
        entry = None
        if kind is Entry:
            entry = item
            item = item.item
            kind = type(item)
        bucket = slot[1]
        if kind is Goal:
            said = _goal_said(item, entry)
            if said in seen.goals:
                return False  # a goal restated in its plan is one goal
            seen.goals.add(said)
        if kind is Project:
            had = len(bucket)
            bucket.extend([f.amount for f in item.funding if stage is None or f.stage is stage])
            if len(bucket) == had:
                slot[3] += 1
        elif kind is tuple:  # a funding line with its project, already of the stage
            bucket.append(item[1].amount)
        elif kind is Funding:
            if stage is not None and item.stage is not stage:
                return False
            bucket.append(item.amount)
        elif kind is Goal or kind is Achievement:
            _one_kind(slot, kind, item.indicator, kind is Goal and item.aspirational)
            seen.indicators.add(item.indicator.key or item.indicator.name)
            seen.stock = seen.stock or item.indicator.aggregation is Aggregation.STOCK
            bucket.append(_figure_value(item.figure, item.indicator))
            slot[4] = item.figure.text
            if not additive(item.indicator):
                slot[5] = True
        elif kind is BreakdownPart:
            bucket.append(_figure_value(item.figure, None))
            slot[4] = item.figure.text
        elif kind is Figure:
            bucket.append(_as_value(item, "item"))
            slot[4] = item.text
        elif kind is Quantity or kind is Money or kind is Range:
            bucket.append(_as_value(item, "item"))
        else:
            raise WrongTypeError(
                "item",
                "a project, funding line, goal, achievement, amount or figure",
                kind.__name__,
            )
        return True

    return add


def _is_rate(value: Value) -> bool:
    """Whether a value is a rate or a share (%, 倍, 个百分点, 件/万人) by its unit."""
    dimension = value.dimension
    return dimension in _RATES or "/" in dimension


_RATES = frozenset({"dimensionless", "[multiple]", "[percentage_point]"})


def additive(indicator: Indicator) -> bool:
    """Whether figures of an indicator add up: not a rate or share (%, 倍, 个百分点,
    件/万人) nor a figure per head (每万人口…, ``per``), which are never added."""
    if indicator.per is not None or indicator.name.startswith("每"):
        return False
    dimension = unit_info(indicator.unit).dimension
    return not (dimension in _RATES or "/" in dimension)


def _goal_said(goal: Goal, entry: Entry | None) -> tuple[Any, ...]:
    """What a goal states: its plan (where it came in an entry), indicator, figure as a
    value, floor or stretch, period, place and levels.  The same twice is a goal
    restated, counted once."""
    if entry is None:
        where: tuple[Any, ...] = (None, goal.period, goal.region)
    else:
        where = (id(entry.plan), entry.period, _place(entry))
    value = _figure_value(goal.figure, goal.indicator)
    return (*where, _indicator_key(goal), value, goal.aspirational, goal.levels)


def _one_kind(slot: list[Any], kind: type, indicator: Indicator, stretch: bool = False) -> None:
    """A group sums targets or results of one indicator, never unlike things; nor a
    floor (确保) and a stretch (力争) for the same thing, which are two targets."""
    what = (kind.__name__.lower(), indicator.key or indicator.name, stretch)
    if slot[2] is None:
        slot[2] = what
    elif slot[2] != what:
        (was, was_of, _), (now, now_of, _) = slot[2], what
        if (was, was_of) == (now, now_of):
            raise InvalidValueError(
                "roll-up",
                f"one group would add a floor (确保) and a stretch (力争) for {now_of!r}, "
                "two targets for one thing: group them by aspirational too",
            )
        raise InvalidValueError(
            "roll-up",
            f"one group would add {_article(was)} {was} of {was_of!r} to {_article(now)} "
            f"{now} of {now_of!r}: group them by indicator (and keep goals apart from "
            "achievements)",
        )


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _counter(unit: str | None, seen: _Seen) -> _ValueFunction:
    word = None if unit is None else unit_info(unit).word

    def add(item: Any, slot: list[Any]) -> bool:
        inner = item.item if type(item) is Entry else item
        if type(inner) is tuple:
            inner = inner[0]
        counted = word or ("项" if type(inner) is Project else "个")
        seen.words.add(counted)
        slot[1].append(Quantity(1, counted))
        return True

    return add


def _custom_value(f: Callable[[Any], Any]) -> _ValueFunction:
    def add(item: Any, slot: list[Any]) -> bool:
        if type(item) is tuple:  # a funding line: the function sees (project, funding)
            item = item[:2]
        found = f(item)
        if found is None:
            return False
        slot[1].append(_as_value(found, "value"))
        if type(found) is Figure:
            slot[4] = found.text
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


# -- where a figure is for --------------------------------------------------------------------


def _place(item: Any) -> Any:
    """Where a figure is for: the region of the item (or of its entry's plan); for an
    entry of a plan without a region, that plan (its figures are its own place)."""
    if type(item) is Entry:
        region = item.region
        return region if region is not None else ("plan", item.plan.id)
    return getattr(item, "region", None)


def _indicator_key(item: Goal | Achievement) -> str:
    return item.indicator.key or item.indicator.name


def _item_value(item: Goal | Achievement) -> Value:
    return _figure_value(item.figure, item.indicator)
