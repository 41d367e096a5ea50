"""Arrow tables of plans, roll-ups and findings, with schemas fixed for the whole library.

Every table of one kind has the same schema whatever plan it comes from, so that the
tables of any plans concatenate without a cast (``pyarrow.concat_tables``), a folder of
Parquet files opens as one dataset, and a SQL engine sums them exactly.  The columns
are listed in docs/scale.md.

Amounts are :data:`DECIMAL`, ``decimal128(38, 10)``: 28 digits before the point and 10
after.  That holds every amount a plan writes (to the 分 of 亿元 is 10 places) and every
sum of them a country could reach.  A value beyond it (a magnitude finer than 10⁻¹⁰,
or of 10²⁸ or more, both of which the library accepts) is refused with
:class:`~sciplan_model.InvalidValueError` naming where it stands, never rounded.  DuckDB
sums decimals of at most 38 digits exactly (wider ones it reads as doubles), hence not
``decimal256``.

pyarrow is imported when a table is first built (the ``arrow`` extra).
"""

from __future__ import annotations

import enum
import importlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ._exact import EXACT
from ._rollup import Rollup
from ._walk import Entry
from .codes import Level
from .errors import InvalidValueError, SciplanError
from .figure import Figure, Range
from .model import Achievement, Breakdown, Goal, Indicator, Plan, Project, Region, SourceRef
from .period import FiveYearPlan, Year, YearSpan, period_years
from .quantity import Quantity
from .units import finest_unit, unit_info

__all__ = [
    "DECIMAL_PRECISION",
    "DECIMAL_SCALE",
    "KINDS",
    "NEEDS_ARROW",
    "SCHEMAS",
    "Tables",
    "arrow_type",
    "check_kind",
    "entry_tables",
    "findings_table",
    "frame_unit",
    "key_cell",
    "magnitude_in",
    "partition_region",
    "plan_tables",
    "pyarrow",
    "rollup_table",
    "schema",
    "table_of",
    "to_pandas",
    "to_polars",
]

NEEDS_ARROW = 'Arrow tables need pyarrow: pip install "sciplan_model[arrow]"'
NEEDS_POLARS = 'to_polars() needs polars and pyarrow: pip install "sciplan_model[polars]"'
NEEDS_PANDAS = 'to_frame() needs pandas and pyarrow: pip install "sciplan_model[frame]"'

#: The decimal type of every amount in every table: 38 digits, 10 after the point.
DECIMAL_PRECISION = 38
DECIMAL_SCALE = 10


def pyarrow() -> Any:
    """The pyarrow module, or an ImportError that names the extra to install."""
    try:
        return importlib.import_module("pyarrow")
    except ImportError:
        raise ImportError(NEEDS_ARROW, name="pyarrow") from None


# -- schemas -----------------------------------------------------------------------------------

# A column is (name, kind): str, int (int64), bool, dec (DECIMAL), list (of str).
_WHERE = (
    ("plan_id", "str"),  # the plan's id
    ("region", "str"),  # the plan's province: its code, or else its name (a partition key)
    ("year", "int"),  # the plan's year: the first year of its period (a partition key)
    ("plan_level", "str"),  # the plan's administrative level
    ("region_code", "str"),  # the item's region (its own, or else its plan's)
    ("region_name", "str"),
    ("path", "str"),  # where the item stands in its plan's document
)
_PERIOD = (("period", "str"), ("period_start", "int"), ("period_end", "int"))
_FIGURE = (
    ("value", "dec"),  # the figure's number as written, in ``unit`` (None: 20xx)
    ("unit", "str"),
    ("base_value", "dec"),  # the same in the base unit of its dimension (元, 亩, 项 …)
    ("base_unit", "str"),
    ("written", "str"),  # the figure as written: 2万人次以上, 600余家, 20xx万元
    ("qualifier", "str"),  # exact, at_least, odd, about, range, unknown …
    ("aspirational", "bool"),  # 力争
    ("low", "dec"),  # what the figure allows, in ``unit``: its range's ends …
    ("high", "dec"),
    ("low_closed", "bool"),  # … and whether each end is included
    ("high_closed", "bool"),
    ("known", "bool"),  # False for a placeholder: nothing is known of its value
)
_SOURCE = (("source_document", "str"), ("source_start", "int"), ("source_end", "int"))

_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "plans": (
        ("plan_id", "str"),
        ("region", "str"),
        ("year", "int"),
        ("plan_level", "str"),
        ("title", "str"),
        ("kind", "str"),
        ("issuer", "str"),
        ("region_code", "str"),
        ("region_name", "str"),
        ("region_level", "str"),
        ("region_parent", "str"),
        ("region_json", "str"),  # the region as the JSON format writes it
        *_PERIOD,
        ("document", "str"),  # the plan as the JSON format writes it (dumps)
    ),
    "projects": (
        *_WHERE,
        ("id", "str"),
        ("name", "str"),
        ("programme", "str"),
        ("level", "str"),
        ("status", "str"),
        ("project_year", "str"),  # the project's own year as written: 2023年, 20xx年
        *_PERIOD,  # its year, or else its section's (or plan's) period
        ("undertaker", "str"),
        ("related", "list"),
        ("funding_lines", "int"),
        *_SOURCE,
    ),
    "funding": (
        *_WHERE,
        ("project_id", "str"),
        ("project_path", "str"),
        ("programme", "str"),
        ("level", "str"),  # the project's
        ("status", "str"),
        ("project_year", "str"),
        ("line", "int"),  # the line's place among its project's funding lines
        ("first", "bool"),  # whether it is its project's first line of its stage
        ("source", "str"),
        ("stage", "str"),
        ("line_year", "str"),  # the line's own year (None: the project's)
        ("value", "dec"),
        ("unit", "str"),
        ("base_value", "dec"),
        ("base_unit", "str"),  # the currency: 元, 美元 …
        ("factor", "dec"),  # the size of ``unit`` in ``base_unit`` (万元: 10000)
        ("written", "str"),
    ),
    "goals": (
        *_WHERE,
        ("indicator", "str"),
        ("indicator_key", "str"),
        ("indicator_unit", "str"),
        ("aggregation", "str"),
        ("label", "str"),
        ("levels", "list"),
        *_PERIOD,
        *_FIGURE,
        *_SOURCE,
    ),
    "breakdowns": (
        *_WHERE,
        ("subject", "str"),
        ("indicator", "str"),
        ("complete", "bool"),
        ("stage", "str"),
        ("levels", "list"),
        ("parts", "int"),
        ("projects", "list"),
        *_PERIOD,
        *_FIGURE,  # the total
        *_SOURCE,
    ),
    "parts": (
        *_WHERE,
        ("breakdown_path", "str"),
        ("subject", "str"),
        ("key", "str"),  # the part's level code or category
        ("level", "str"),
        ("category", "str"),
        *_PERIOD,
        *_FIGURE,
        *_SOURCE,
    ),
    "findings": (
        ("plan_id", "str"),
        ("severity", "str"),
        ("code", "str"),
        ("path", "str"),
        ("message", "str"),
        ("expected", "str"),  # as the message writes them: 36项, [36项, 37项]
        ("actual", "str"),
        *_SOURCE,
    ),
}
_COLUMNS["achievements"] = _COLUMNS["goals"]

#: The kinds of table of a plan, in the order :class:`Tables` holds them.
KINDS = ("plans", "projects", "funding", "goals", "achievements", "breakdowns", "parts")

#: The columns of each kind of table, as (name, kind) pairs: ``str``, ``int`` (int64),
#: ``bool``, ``dec`` (decimal128(38, 10)) and ``list`` (of str).
SCHEMAS: Mapping[str, tuple[tuple[str, str], ...]] = _COLUMNS


def arrow_type(kind: str) -> Any:
    """The Arrow type of a column kind."""
    pa = pyarrow()
    return {
        "str": pa.string(),
        "int": pa.int64(),
        "bool": pa.bool_(),
        "dec": pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
        "list": pa.list_(pa.string()),
    }[kind]


def check_kind(kind: str) -> None:
    """Refuse a kind of table that does not exist, naming those that do."""
    if kind not in KINDS:
        raise InvalidValueError("table", f"{kind!r} is none of {', '.join(KINDS)}")


def schema(kind: str) -> Any:
    """The Arrow schema of one kind of table (``projects``, ``funding`` …)."""
    pa = pyarrow()
    return pa.schema([(name, arrow_type(k)) for name, k in _COLUMNS[kind]])


# -- cells -------------------------------------------------------------------------------------

_LIMIT = Decimal(10) ** (DECIMAL_PRECISION - DECIMAL_SCALE)


def _code(x: Any) -> str | None:
    return None if x is None else str(x.value)


def _text(x: Any) -> str | None:
    return None if x is None else str(x)


def _period_cells(p: Any) -> tuple[str | None, int | None, int | None]:
    if p is None:
        return None, None, None
    years = period_years(p)
    if years is None:
        return str(p), None, None
    return str(p), years[0], years[-1]


def _first_year(p: Any) -> int | None:
    years = None if p is None else period_years(p)
    return None if years is None else years[0]


def _region_key(r: Region | None) -> str | None:
    """How a region is written in a table's ``region`` column: its code, or else its
    name."""
    if r is None:
        return None
    return r.code if r.code is not None else r.name


def _region_json(r: Region) -> str:
    from .serialize import to_data

    return json.dumps(to_data(r), ensure_ascii=False, separators=(",", ":"))


def _source_cells(s: SourceRef | None) -> tuple[str | None, int | None, int | None]:
    return (None, None, None) if s is None else (s.document, s.start, s.end)


def _base(q: Quantity) -> Decimal:
    return EXACT.multiply(q.magnitude, unit_info(q.unit).factor)


def magnitude_in(q: Quantity | None, unit: str) -> Decimal | None:
    """``q``'s magnitude in ``unit``, exactly (None for None; InexactResultError where
    it has no exact form there)."""
    if q is None:
        return None
    return q.magnitude if q.unit == unit else q.to(unit).magnitude


def _figure_cells(f: Figure) -> tuple[Any, ...]:
    """A figure's columns: its number in its unit and the ends of its range in the same
    unit; where an end has no exact form in it (``100平方米至1亩``: 1亩 is 666.66…平方米),
    the number and both ends in the base unit of the dimension, where every amount is
    exact."""
    value = f.value
    r = f.range
    unit = value.unit if value is not None else f.unit
    number = None if value is None else value.magnitude
    ends: tuple[Any, ...] = (None, None, None, None)
    if r.is_known:
        try:
            low, high = magnitude_in(r.low, unit), magnitude_in(r.high, unit)
        except ArithmeticError:
            unit = unit_info(unit).base
            number = None if value is None else _base(value)
            low, high = magnitude_in(r.low, unit), magnitude_in(r.high, unit)
        ends = (low, high, r.low_closed, r.high_closed)
    return (
        number,
        unit,
        None if value is None else _base(value),
        unit_info(unit).base,
        str(f),
        f.qualifier.value,
        f.aspirational,
        *ends,
        r.is_known,
    )


# -- building tables ---------------------------------------------------------------------------


class _Builder:
    """Rows of one kind of table (or of a table of ``columns``), column by column."""

    def __init__(self, kind: str, columns: tuple[tuple[str, str], ...] | None = None) -> None:
        self.kind = kind
        self.spec = _COLUMNS[kind] if columns is None else columns
        self.names = [name for name, _ in self.spec]
        self.columns: list[list[Any]] = [[] for _ in self.names]

    def add(self, row: tuple[Any, ...]) -> None:
        for column, cell in zip(self.columns, row, strict=True):
            column.append(cell)

    def table(self) -> Any:
        pa = pyarrow()
        arrays = []
        for (name, kind), column in zip(self.spec, self.columns, strict=True):
            try:
                arrays.append(pa.array(column, type=arrow_type(kind)))
            except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
                _refuse(self, name, column)
                raise
        return pa.Table.from_arrays(
            arrays, schema=pa.schema([(n, arrow_type(k)) for n, k in self.spec])
        )


def table_of(
    kind: str, rows: Iterable[dict[str, Any]], columns: tuple[tuple[str, str], ...]
) -> Any:
    """A table of plain dicts with the columns ``columns`` (name, kind); a value a
    decimal column cannot hold is refused as in every table, by the row's ``path``."""
    builder = _Builder(kind, columns)
    for row in rows:
        builder.add(tuple(row[name] for name in builder.names))
    return builder.table()


def _refuse(builder: _Builder, name: str, column: list[Any]) -> None:
    """Raise the package's error for the first value a decimal column cannot hold."""
    for i, cell in enumerate(column):
        if isinstance(cell, Decimal) and not _holds(cell):
            paths = builder.columns[builder.names.index("path")] if "path" in builder.names else []
            where = paths[i] if i < len(paths) else f"row {i}"
            raise InvalidValueError(
                f"{builder.kind} table, column {name!r}, at {where}",
                f"{cell:f} does not fit the tables' decimal type (at most "
                f"{DECIMAL_PRECISION - DECIMAL_SCALE} digits before the point and "
                f"{DECIMAL_SCALE} after); it is not rounded",
            )


def _holds(d: Decimal) -> bool:
    if not -_LIMIT < d < _LIMIT:
        return False
    try:
        return d == d.quantize(Decimal(1).scaleb(-DECIMAL_SCALE), context=EXACT)
    except ArithmeticError:
        return False


def _where(e: Entry, plan_cells: tuple[Any, ...]) -> tuple[Any, ...]:
    region = e.region
    if region is None:
        return (*plan_cells, None, None, e.path)
    return (*plan_cells, region.code, region.name, e.path)


def _plan_cells(plan: Plan) -> tuple[Any, ...]:
    return (plan.id, partition_region(plan), _first_year(plan.period), _code(plan.level))


def partition_region(plan: Plan) -> str | None:
    """The ``region`` column of a plan's rows (a dataset's partition key): the
    provincial-level region the plan's region lies in, or else the highest region it
    names, by code (or else name).  Partitions by province keep a country's dataset to
    a few hundred folders, where one per county would make thousands of small files."""
    r = plan.region
    if r is None:
        return None
    return _region_key(r.at(Level.PROVINCIAL) or r.lineage[0])


class _Tables:
    """The builders of every kind of table, filled entry by entry."""

    def __init__(self) -> None:
        self.builders = {kind: _Builder(kind) for kind in KINDS}
        self._plan_cells: dict[int, tuple[Any, ...]] = {}

    def cells(self, plan: Plan) -> tuple[Any, ...]:
        found = self._plan_cells.get(id(plan))
        if found is None:
            found = self._plan_cells[id(plan)] = _plan_cells(plan)
        return found

    def plan(self, plan: Plan, document: str) -> None:
        r = plan.region
        self.builders["plans"].add(
            (
                *self.cells(plan),
                plan.title,
                plan.kind.value,
                plan.issuer,
                None if r is None else r.code,
                None if r is None else r.name,
                None if r is None else _code(r.level),
                None if r is None or r.parent is None else _region_key(r.parent),
                None if r is None else _region_json(r),
                *_period_cells(plan.period),
                document,
            )
        )

    def entry(self, e: Entry) -> None:
        item = e.item
        kind = type(item)
        where = _where(e, self.cells(e.plan))
        if kind is Project:
            self._project(e, item, where)  # type: ignore[arg-type]
        elif kind is Goal or kind is Achievement:
            self._figure_item(e, item, where)  # type: ignore[arg-type]
        elif kind is Breakdown:
            self._breakdown(e, item, where)  # type: ignore[arg-type]

    def _project(self, e: Entry, p: Project, where: tuple[Any, ...]) -> None:
        year = _text(p.year)
        level, status = _code(p.level), _code(p.status)
        self.builders["projects"].add(
            (
                *where,
                p.id,
                p.name,
                p.programme,
                level,
                _code(p.status),
                year,
                *_period_cells(e.period),
                None if p.undertaker is None else p.undertaker.name,
                list(p.related),
                len(p.funding),
                *_source_cells(p.source),
            )
        )
        lines = self.builders["funding"]
        head = where[:-1]
        stages: set[Any] = set()
        for i, f in enumerate(p.funding):
            first = f.stage not in stages
            stages.add(f.stage)
            amount = f.amount
            info = unit_info(amount.unit)
            lines.add(
                (
                    *head,
                    f"{e.path}.funding[{i}]",
                    p.id,
                    e.path,
                    p.programme,
                    level,
                    status,
                    year,
                    i,
                    first,
                    f.source.value,
                    f.stage.value,
                    _text(f.year),
                    amount.magnitude,
                    amount.unit,
                    EXACT.multiply(amount.magnitude, info.factor),
                    info.base,
                    info.factor,
                    str(amount),
                )
            )

    def _figure_item(self, e: Entry, item: Goal | Achievement, where: tuple[Any, ...]) -> None:
        kind = "goals" if type(item) is Goal else "achievements"
        ind = item.indicator
        self.builders[kind].add(
            (
                *where,
                ind.name,
                ind.key,
                ind.unit,
                ind.aggregation.value,
                item.label,
                [level.value for level in item.levels],
                *_period_cells(e.period),
                *_figure_cells(item.figure),
                *_source_cells(item.source),
            )
        )

    def _breakdown(self, e: Entry, b: Breakdown, where: tuple[Any, ...]) -> None:
        period = _period_cells(e.period)
        self.builders["breakdowns"].add(
            (
                *where,
                b.subject,
                None if b.indicator is None else b.indicator.name,
                b.complete,
                b.stage.value,
                [level.value for level in b.levels],
                len(b.parts),
                list(b.projects),
                *period,
                *_figure_cells(b.total),
                *_source_cells(b.source),
            )
        )
        head = where[:-1]
        parts = self.builders["parts"]
        for i, part in enumerate(b.parts):
            key = part.key
            parts.add(
                (
                    *head,
                    f"{e.path}.parts[{i}]",
                    e.path,
                    b.subject,
                    key.value if isinstance(key, enum.Enum) else key,
                    _code(part.level),
                    part.category,
                    *period,
                    *_figure_cells(part.figure),
                    *_source_cells(part.source),
                )
            )

    def tables(self, kinds: Iterable[str] = KINDS) -> Tables:
        return Tables({kind: self.builders[kind].table() for kind in kinds})


_ITEMS = (Project, Goal, Achievement, Breakdown)


def plan_tables(plans: Iterable[Plan], documents: Callable[[Plan], str] | None = None) -> Tables:
    """The tables of ``plans``, one of each kind (see :data:`SCHEMAS`); the plans
    table's ``document`` column holds each plan as JSON (``dumps``, compact)."""
    if documents is None:
        from .serialize import dumps

        def documents(plan: Plan) -> str:
            return dumps(plan, indent=None)

    builders = _Tables()
    for plan in plans:
        builders.plan(plan, documents(plan))
        for e in plan.walk(*_ITEMS):
            builders.entry(e)
    return builders.tables()


def entry_tables(entries: Iterable[Entry]) -> Tables:
    """The tables of items where they stand (a combined view's), without a plans table."""
    builders = _Tables()
    for e in entries:
        builders.entry(e)
    return builders.tables(KINDS[1:])


@attrs.frozen(repr=False)
class Tables(Mapping[str, Any]):
    """The Arrow tables of plans, by kind of row: ``plans`` (one row per plan, with its
    JSON document), ``projects``, ``funding`` (one row per funding line), ``goals``,
    ``achievements``, ``breakdowns`` (共…其中 statements, their totals) and ``parts``
    (their parts).  A read-only mapping of kind to ``pyarrow.Table``; each kind is
    also an attribute.  Every table of a kind has the schema :func:`schema` gives it,
    whatever plan it comes from."""

    _tables: Mapping[str, Any]

    def __getitem__(self, kind: str) -> Any:
        return self._tables[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def __getattr__(self, kind: str) -> Any:
        if kind.startswith("_"):
            raise AttributeError(kind)
        try:
            return self._tables[kind]
        except KeyError:
            raise AttributeError(kind) from None

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}: {t.num_rows} rows" for k, t in self._tables.items())
        return f"Tables({shown})"


# -- roll-ups and findings ---------------------------------------------------------------------


def _units(value: Quantity | Range) -> list[str]:
    if isinstance(value, Quantity):
        return [value.unit]
    return [value.unit, *(q.unit for q in (value.low, value.high) if q is not None)]


def frame_unit(r: Rollup) -> str | None:
    """The one unit a roll-up's table writes every value in: the roll-up's own unit, or
    else the finest unit among its values; None when the values measure different
    things (each row then names its own unit)."""
    units = [u for v in r.values() for u in _units(v)]
    dimensions = {unit_info(u).dimension for u in units}
    if len(dimensions) > 1:
        return None
    if r.unit is not None and (not dimensions or unit_info(r.unit).dimension in dimensions):
        return r.unit
    return finest_unit(units) if units else None


def key_cell(key: Any) -> str | None:
    """A roll-up's key part as its table writes it: a code for levels, sources, stages
    and statuses (``national``); a region's code (or else name); a plan's id; an
    indicator's key (or else name); a period as written (``2006年``, ``十五``)."""
    if key is None:
        return None
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, enum.Enum):
        return str(key.value)
    if isinstance(key, Region):
        return _region_key(key)
    if isinstance(key, Plan):
        return key.id
    if isinstance(key, Indicator):
        return key.key or key.name
    if isinstance(key, Year | FiveYearPlan | YearSpan):
        return str(key)
    if type(key) is frozenset:
        return "、".join(sorted(key_cell(k) or "" for k in key))
    return str(key)


_ROLLUP_VALUES = (
    ("value", "dec"),  # the group's sum where it is exact (a range of one point too)
    ("unit", "str"),
    ("low", "dec"),
    ("high", "dec"),
    ("low_closed", "bool"),
    ("high_closed", "bool"),
    ("known", "bool"),
    ("written", "str"),  # the figure as written, for a group of one goal or achievement
    ("count", "int"),
)


def rollup_table(r: Rollup) -> Any:
    """A roll-up as one Arrow table; see :meth:`Rollup.to_arrow`."""
    unit = frame_unit(r)
    if unit is not None:
        try:
            return _rollup_table(r, unit)
        except (SciplanError, ArithmeticError):
            pass  # a value with no exact form in the common unit: each row keeps its own
    return _rollup_table(r, None)


def key_columns(by: tuple[str, ...]) -> list[str]:
    """The names of a roll-up table's key columns: the fields of ``by``, but ``by_unit``
    (``by_count`` …) for a field named like a value column."""
    taken = {name for name, _ in _ROLLUP_VALUES}
    return [f"by_{name}" if name in taken else name for name in by]


def _rollup_table(r: Rollup, unit: str | None) -> Any:
    columns = tuple((name, "str") for name in key_columns(r.by))
    builder = _Builder("rollup", (*columns, *_ROLLUP_VALUES))
    for key in r:
        value = r[key]
        parts = key if isinstance(key, tuple) and len(r.by) != 1 else (key,)
        here = unit if unit is not None else finest_unit(_units(value))
        try:
            cells = (*_value_cells(value, here), here, *_range_cells(value, here))
        except ArithmeticError:
            if unit is not None:
                raise  # the caller tries again with each row in its own unit
            here = unit_info(here).base  # in the base unit every amount is exact
            cells = (*_value_cells(value, here), here, *_range_cells(value, here))
        builder.add(
            (
                *(key_cell(p) for p in parts[: len(r.by)]),
                *cells,
                r.written(key),
                r.count(key),
            )
        )
    return builder.table()


def _value_cells(value: Quantity | Range, unit: str) -> tuple[Decimal | None]:
    if isinstance(value, Quantity):
        return (magnitude_in(value, unit),)
    if value.is_known and value.is_point and value.low_closed and value.high_closed:
        return (magnitude_in(value.low, unit),)
    return (None,)


def _range_cells(value: Quantity | Range, unit: str) -> tuple[Any, ...]:
    if isinstance(value, Quantity):
        d = magnitude_in(value, unit)
        return d, d, True, True, True
    if not value.is_known:
        return None, None, None, None, False
    low, high = magnitude_in(value.low, unit), magnitude_in(value.high, unit)
    return low, high, value.low_closed, value.high_closed, True


def findings_table(findings: Iterable[Any], text: Callable[[Any], str | None]) -> Any:
    """Findings as one Arrow table; ``text`` writes ``expected`` and ``actual``."""
    builder = _Builder("findings")
    for f in findings:
        builder.add(
            (
                f.plan,
                f.severity.value,
                f.code,
                f.path,
                f.message,
                text(f.expected),
                text(f.actual),
                *_source_cells(f.source),
            )
        )
    return builder.table()


# -- frames ------------------------------------------------------------------------------------


def to_pandas(table: Any) -> Any:
    """An Arrow table as a pandas DataFrame whose every column is backed by Arrow
    (``pd.ArrowDtype``): decimals stay exact decimals, and sum and group exactly."""
    try:
        pd = importlib.import_module("pandas")
    except ImportError:
        raise ImportError(NEEDS_PANDAS, name="pandas") from None
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def to_polars(table: Any) -> Any:
    """An Arrow table as a polars DataFrame (decimals as polars decimals)."""
    try:
        pl = importlib.import_module("polars")
    except ImportError:
        raise ImportError(NEEDS_POLARS, name="polars") from None
    return pl.from_arrow(table)
