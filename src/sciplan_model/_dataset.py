"""Parquet datasets of many plans, and roll-ups over them in DuckDB.

:func:`write_dataset` writes the tables of :mod:`._arrow` as hive-partitioned Parquet,
one folder per kind of table, partitioned by the plans' province and year::

    folder/sciplan-dataset.json
    folder/projects/region=620000/year=2023/part-0.parquet
    folder/funding/region=620000/year=2023/part-0.parquet
    …

:func:`read_dataset` opens such a folder as a :class:`Dataset`, which
:func:`~sciplan_model.rollup` accepts in place of items: the roll-up runs in DuckDB (the
``duckdb`` extra) and gives the library's own :class:`~sciplan_model.Rollup`, equal to the
roll-up of the same plans' projects in Python.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from typing import Any

import attrs

from ._arrow import KINDS, SCHEMAS, Tables, check_kind, plan_tables, pyarrow, schema
from ._exact import plain
from ._files import sync_file, sync_folder
from ._rollup import (
    By,
    Rollup,
    at_least,
    fill_unknown,
    funding_stage,
    keep_finest,
    sorted_rollup,
)
from .codes import FundingSource, FundingStage, Level, ProjectStatus
from .errors import InvalidValueError, UnitMismatchError, WrongTypeError
from .figure import Range
from .model import Plan, Project, Region, Section
from .period import Year, parse_period
from .quantity import Quantity, total
from .units import UnitInfo, unit_info

__all__ = ["Dataset", "read_dataset", "write_dataset"]

NEEDS_DUCKDB = 'roll-ups over a dataset need duckdb: pip install "sciplan_model[duckdb]"'
#: The file that marks a folder as a dataset, with the version of its layout.
MARK = "sciplan-dataset.json"
LAYOUT = 1
#: The partition keys, each a column of every table but ``findings``.
PARTITIONS = ("region", "year")
# where a dataset's batches wait to be partitioned, inside the new folder
_STAGING = ".staging"
# items (and funding lines) gathered before they are written out: a batch's memory is
# bounded by this (a few hundred MB), and the files it writes hold about as many rows
_BATCH_ROWS = 250_000


def _parquet() -> Any:
    pyarrow()  # the extra named when missing
    return importlib.import_module("pyarrow.parquet")


def duckdb() -> Any:
    """The duckdb module, or an ImportError that names the extra to install."""
    try:
        return importlib.import_module("duckdb")
    except ImportError:
        raise ImportError(NEEDS_DUCKDB, name="duckdb") from None


# -- writing -----------------------------------------------------------------------------------


def write_dataset(plans: Iterable[Plan], folder: str | os.PathLike[str]) -> Dataset:
    """Write ``plans`` as a Parquet dataset in ``folder`` (the ``arrow`` extra), and
    return it opened.

    Each kind of table (:data:`~sciplan_model.SCHEMAS`: plans, projects, funding, goals,
    achievements, breakdowns, parts) gets a subfolder, hive-partitioned by the plans'
    ``region`` (the province a plan's region lies in, by code or else name) and
    ``year`` (the first year of the plan's period), one file a partition.
    ``plans`` may be a generator: they are written in batches, so a country's plans
    need not be in memory at once.  Two plans with one id are refused.

    All or nothing: the dataset is written in a new folder beside ``folder``, flushed to
    disk, and moved into place at the end; a dataset already in ``folder`` is replaced, a
    folder holding anything else is refused, and a failure leaves ``folder`` as it was.
    """
    if isinstance(plans, Plan):
        raise WrongTypeError("plans", "an iterable of plans ([plan] for one)", "a Plan")
    pa = pyarrow()
    ds = importlib.import_module("pyarrow.dataset")

    target = Path(folder)
    if target.exists() and (
        not target.is_dir() or (any(target.iterdir()) and not (target / MARK).is_file())
    ):
        raise InvalidValueError(
            "dataset folder", f"{str(target)!r} exists and is not a dataset; give a new folder"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        partitioning = ds.partitioning(
            pa.schema([("region", pa.string()), ("year", pa.int64())]), flavor="hive"
        )
        seen: set[str] = set()
        counts = dict.fromkeys(KINDS, 0)
        batch: list[Plan] = []
        rows = 0
        number = 0
        for plan in plans:
            if not isinstance(plan, Plan):
                raise WrongTypeError("plans", "Plan objects", type(plan).__name__)
            if plan.id in seen:
                raise InvalidValueError("plans", f"two plans have the id {plan.id!r}")
            seen.add(plan.id)
            batch.append(plan)
            rows += 1 + _size(plan.sections)
            if rows >= _BATCH_ROWS:
                _stage(batch, work, number, counts)
                batch, rows, number = [], 0, number + 1
        if batch:
            _stage(batch, work, number, counts)
        _partition(work, partitioning)
        mark = {"layout": LAYOUT, "partitions": list(PARTITIONS), "rows": counts}
        (work / MARK).write_text(json.dumps(mark, indent=2) + "\n", encoding="utf-8")
        _sync(work)
        _swap(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Dataset(target)


def _size(sections: tuple[Section, ...]) -> int:
    """How many items and funding lines a section tree holds."""
    n = 0
    for s in sections:
        n += len(s.items) + sum(len(i.funding) for i in s.items if type(i) is Project)
        if s.sections:
            n += _size(s.sections)
    return n


def _stage(plans: list[Plan], work: Path, number: int, counts: dict[str, int]) -> None:
    """Write a batch's tables, one file a kind, to the staging folder."""
    pq = _parquet()
    for kind, table in plan_tables(plans).items():
        counts[kind] += table.num_rows
        if table.num_rows:
            folder = work / _STAGING / kind
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, folder / f"{number}.parquet", compression="none")


def _partition(work: Path, partitioning: Any) -> None:
    """Write each kind's staged batches out by partition, then drop the staging folder:
    one file for each partition and kind however the plans came (plans in the order of
    a country's counties touch every province in every batch; written batch by batch,
    they would make a file for each partition of each batch)."""
    ds = importlib.import_module("pyarrow.dataset")
    for kind in KINDS:
        files = sorted((work / _STAGING / kind).glob("*.parquet"), key=lambda f: int(f.stem))
        if not files:
            continue
        ds.write_dataset(
            ds.dataset([str(f) for f in files], schema=schema(kind), format="parquet"),
            work / kind,
            format="parquet",
            partitioning=partitioning,
            basename_template="part-{i}.parquet",
            existing_data_behavior="overwrite_or_ignore",
            min_rows_per_group=1 << 14,
            max_rows_per_group=1 << 20,
            max_rows_per_file=1 << 24,
            preserve_order=True,
        )
    shutil.rmtree(work / _STAGING, ignore_errors=True)


def _sync(folder: Path) -> None:
    """Flush every file and folder of ``folder`` to disk, so that the dataset moved into
    place is whole even if the machine stops right after."""
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_dir():
            sync_folder(path)
        else:
            sync_file(path)
    sync_folder(folder)


def _swap(work: Path, target: Path) -> None:
    """Put the finished folder ``work`` in ``target``'s place; an old dataset there is
    removed only once the new one stands.  (Between the two renames the old dataset is
    in a hidden folder beside ``target``: Python has no atomic exchange of folders.)"""
    if not target.exists():
        os.replace(work, target)
        sync_folder(target.parent)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    try:
        os.replace(work, target)
    except BaseException:
        os.replace(old, target)
        raise
    sync_folder(target.parent)
    shutil.rmtree(old, ignore_errors=True)


# -- reading -----------------------------------------------------------------------------------


def read_dataset(folder: str | os.PathLike[str]) -> Dataset:
    """Open a dataset :func:`write_dataset` wrote.  Nothing is read until it is asked
    for: :meth:`Dataset.table`, :meth:`Dataset.plans`, or a roll-up."""
    target = Path(folder)
    mark = target / MARK
    if not mark.is_file():
        raise InvalidValueError(
            "dataset folder", f"{str(target)!r} holds no dataset (no {MARK} in it)"
        )
    try:
        found = json.loads(mark.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InvalidValueError("dataset folder", f"{MARK} cannot be read: {error}") from None
    if not isinstance(found, dict) or found.get("layout") != LAYOUT:
        raise InvalidValueError(
            "dataset folder", f"{MARK} names a layout this version does not read: {found!r}"
        )
    return Dataset(target)


def _literal(path: str) -> str:
    """A path as a DuckDB file pattern that matches only itself (``?``, ``*`` and ``[``
    each in a class of its own)."""
    return "".join(f"[{c}]" if c in "?*[" else c for c in path)


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@attrs.frozen(repr=False)
class Dataset:
    """A Parquet dataset of plans (see :func:`write_dataset`): its tables, its plans,
    and roll-ups run in DuckDB.  ``rollup(dataset, by=("level", "year"))`` equals the
    roll-up of the same plans' projects in Python."""

    folder: Path = attrs.field(converter=Path)
    # one DuckDB database with the views, made when first needed; each roll-up runs in
    # a cursor of its own (DuckDB's connections are not shared between threads)
    _db: list[Any] = attrs.field(factory=list, init=False, eq=False, repr=False)

    def __repr__(self) -> str:
        return f"Dataset({str(self.folder)!r})"

    def files(self, kind: str) -> list[Path]:
        """The Parquet files of one kind of table."""
        check_kind(kind)
        return sorted((self.folder / kind).glob("**/*.parquet"))

    def table(self, kind: str) -> Any:
        """One kind of table, read whole, as a ``pyarrow.Table`` of the schema every
        table of that kind has (rows by region and year, then as written)."""
        check_kind(kind)
        pa = pyarrow()
        ds = importlib.import_module("pyarrow.dataset")

        target = schema(kind)
        files = self.files(kind)
        if not files:
            return target.empty_table()
        partitioning = ds.partitioning(
            pa.schema([("region", pa.string()), ("year", pa.int64())]), flavor="hive"
        )
        found = ds.dataset(
            [str(f) for f in files],
            schema=target,
            format="parquet",
            partitioning=partitioning,
            partition_base_dir=str(self.folder / kind),
        )
        return found.to_table().select(target.names)

    def tables(self) -> Tables:
        """Every kind of table, read whole."""
        return Tables({kind: self.table(kind) for kind in KINDS})

    def plans(self) -> Iterator[Plan]:
        """The plans, read back from their JSON documents, equal to those written (in
        the order of their region and year)."""
        from .serialize import loads

        for file in self.files("plans"):
            column = _parquet().read_table(file, columns=["document"])["document"]
            for document in column.to_pylist():
                yield loads(document)

    def to_frame(self, kind: str) -> Any:
        """One kind of table as a pandas DataFrame backed by Arrow decimals."""
        from ._arrow import to_pandas

        return to_pandas(self.table(kind))

    def to_polars(self, kind: str) -> Any:
        """One kind of table as a polars DataFrame."""
        from ._arrow import to_polars

        return to_polars(self.table(kind))

    def connect(self, connection: Any = None) -> Any:
        """A DuckDB connection (a new in-memory one, or ``connection``) with a view of
        each kind of table by its name: ``projects``, ``funding``, ``goals`` …"""
        return self._views(connection, KINDS)

    def _views(self, connection: Any, kinds: tuple[str, ...], temporary: bool = False) -> Any:
        db = duckdb()
        con = connection if connection is not None else db.connect()
        temp = "TEMPORARY " if temporary else ""
        for kind in kinds:
            con.execute(f"CREATE OR REPLACE {temp}VIEW {kind} AS {self.scan(kind)}")
        return con

    def _cursor(self) -> Any:
        """A cursor of the dataset's own DuckDB database, whose views read the tables a
        roll-up needs as the folder holds them now: the database is made again, with
        its views, when a file of them has come, gone or changed since (a dataset
        rewritten in its folder), and each roll-up runs in a cursor of its own."""
        stamp = tuple(
            (str(f), f.stat().st_mtime_ns, f.stat().st_size)
            for kind in _ROLLUP_KINDS
            for f in self.files(kind)
        )
        with _DATABASES:
            if not self._db or self._db[1] != stamp:
                self._db[:] = [self._views(None, _ROLLUP_KINDS), stamp]
            return self._db[0].cursor()

    def scan(self, kind: str) -> str:
        """A SQL ``SELECT`` reading one kind of table from the files it has now (by
        name, so that a folder named with ``[``, ``?`` or ``*`` is no pattern); an empty
        one typed as the schema says where no file holds a row of it."""
        check_kind(kind)
        files = self.files(kind)
        if not files:
            columns = ", ".join(
                f"CAST(NULL AS {_SQL_TYPES[k]}) AS {name}" for name, k in SCHEMAS[kind]
            )
            return f"SELECT {columns} WHERE false"
        named = ", ".join(_sql_text(_literal(str(f))) for f in files)
        return (
            f"SELECT * FROM read_parquet([{named}], hive_partitioning = true, "
            "hive_types = {'region': VARCHAR, 'year': BIGINT})"
        )

    def rollup(
        self,
        by: By = None,
        *,
        value: str | None = None,
        stage: FundingStage | str = FundingStage.ALLOCATED,
        unit: str | None = None,
        connection: Any = None,
    ) -> Rollup:
        """The roll-up of the dataset's projects (or funding lines, when ``by`` names
        ``source``, ``stage`` or ``currency``), run in DuckDB; see
        :func:`~sciplan_model.rollup`.  ``by`` names fields of :data:`BY_FIELDS`;
        ``value`` is None (money of ``stage``) or ``"count"``.  ``connection`` is a
        DuckDB connection to run in (the dataset's own by default); the roll-up makes
        temporary views named ``plans``, ``projects`` and ``funding`` in it, which hide
        tables of those names there."""
        return _duckdb_rollup(self, by, value, stage, unit, connection)

    def _sciplan_rollup(self, by: By, **options: Any) -> Rollup:
        return self.rollup(by, **options)


# the tables a roll-up reads
_ROLLUP_KINDS = ("plans", "projects", "funding")
# held while a dataset's database is made or looked up
_DATABASES = threading.Lock()

_SQL_TYPES = {
    "str": "VARCHAR",
    "int": "BIGINT",
    "bool": "BOOLEAN",
    "dec": "DECIMAL(38, 10)",
    "list": "VARCHAR[]",
}


# -- roll-ups in DuckDB ------------------------------------------------------------------------


def _year(text: str) -> Year:
    return Year.parse(text)


def _region(text: str) -> Region:
    from .serialize import from_data

    return from_data(json.loads(text), Region)


# What each field a dataset roll-up may group by is in SQL: over the projects (p), over
# funding lines for their project's field (f; None where a line does not hold it), over
# funding lines as lines, and how its value is read back.  ``pl`` is the plans table.
_Field = tuple[str, str | None, str, Callable[[Any], Any] | None]
BY_FIELDS: dict[str, _Field] = {
    "level": ("p.level", "f.level", "f.level", Level),
    "status": ("p.status", "f.status", "f.status", ProjectStatus),
    "programme": ("p.programme", "f.programme", "f.programme", None),
    "year": ("p.project_year", "f.project_year", "coalesce(f.line_year, f.project_year)", _year),
    "period": ("p.period", None, "p.period", parse_period),
    "region": ("pl.region_json", "pl.region_json", "pl.region_json", _region),
    "region.code": ("p.region_code", "f.region_code", "f.region_code", None),
    "region.name": ("p.region_name", "f.region_name", "f.region_name", None),
    "plan.id": ("p.plan_id", "f.plan_id", "f.plan_id", None),
    "id": ("p.id", "f.project_id", "f.project_id", None),
    "name": ("p.name", None, "p.name", None),
    "undertaker.name": ("p.undertaker", None, "p.undertaker", None),
    "source": ("", None, "f.source", FundingSource),
    "stage": ("", None, "f.stage", FundingStage),
    "currency": ("", None, "f.base_unit", None),
}
_LINE_ONLY = frozenset({"source", "stage", "currency"})


def _names(by: By) -> tuple[str, ...]:
    if by is None or by == ():
        return ()
    if callable(by):
        raise WrongTypeError(
            "by", "field names (a function of an item cannot run in DuckDB)", "a function"
        )
    names = (by,) if isinstance(by, str) else by
    if not isinstance(names, tuple) or not all(isinstance(n, str) for n in names):
        raise WrongTypeError("by", "a field name or a tuple of them", repr(by))
    for name in names:
        if name not in BY_FIELDS:
            raise InvalidValueError(
                "by",
                f"{name!r} is no field a dataset roll-up groups by; fields: "
                + ", ".join(BY_FIELDS),
            )
    return names


_PLAN = "LEFT JOIN plans pl ON pl.plan_id = {t}.plan_id"
_PROJECT = "JOIN projects p ON p.plan_id = f.plan_id AND p.path = f.project_path"


def _grouped(keys: list[str], *more: str) -> tuple[str, str]:
    """The SELECT list's keys (k0, k1 …) and the GROUP BY clause."""
    head = "".join(f"{k} AS k{i}, " for i, k in enumerate(keys))
    names = [f"k{i}" for i in range(len(keys))] + list(more)
    return head, ("GROUP BY " + ", ".join(names)) if names else ""


def _queries(names: tuple[str, ...], by_line: bool, every_stage: bool) -> tuple[str | None, str]:
    """The SQL of a roll-up: the items counted per group (None when they are the funding
    lines themselves), and per group and unit the projects with money (those whose
    first line of the stage is in the unit), the lines and their sum in base units.
    Where the groups are few, grouping by unit too is cheaper than finding the finest
    unit in SQL; the rest is done on the few rows that come back."""
    money = 'count_if(f."first") AS with_money, count(*) AS lines, sum(f.base_value) AS s'
    if by_line:
        keys = [BY_FIELDS[n][2] for n in names]
        head, group = _grouped(keys, "unit")
        joins = _PROJECT if any(k.startswith("p.") for k in keys) else ""
        if any(k.startswith("pl.") for k in keys):
            joins += " " + _PLAN.format(t="f")
        where = "" if every_stage else "WHERE f.stage = $stage"
        return None, f"SELECT {head}f.unit AS unit, {money} FROM funding f {joins} {where} {group}"
    keys = [BY_FIELDS[n][0] for n in names]
    on_lines = [BY_FIELDS[n][1] for n in names]
    plan = any(k.startswith("pl.") for k in keys)
    head, group = _grouped(keys)
    counted = (
        f"SELECT {head}count(*) AS n FROM projects p {_PLAN.format(t='p') if plan else ''} {group}"
    )
    if all(k is not None for k in on_lines):
        # every key is on the funding lines too: no join of lines to their projects
        line_head, line_group = _grouped([k for k in on_lines if k is not None], "unit")
        joins = _PLAN.format(t="f") if plan else ""
    else:
        line_head, line_group = _grouped(keys, "unit")
        joins = _PROJECT + (" " + _PLAN.format(t="p") if plan else "")
    lines = f"""SELECT {line_head}f.unit AS unit, {money} FROM funding f {joins}
        WHERE f.stage = $stage {line_group}"""
    return counted, lines


def _fetch(con: Any, sql: str, params: dict[str, str]) -> list[tuple[Any, ...]]:
    """The rows of a query; a sum beyond the tables' decimal type is the package's error."""
    try:
        return con.execute(sql, params).fetchall()  # type: ignore[no-any-return]
    except duckdb().OutOfRangeException as error:
        raise InvalidValueError(
            "dataset roll-up", f"a sum beyond the tables' decimal type, decimal(38, 10): {error}"
        ) from None


def _in_base(canon: Decimal, base: str) -> list[Quantity]:
    """An exact sum in the base unit as quantities the package accepts: its whole part
    and its fraction (together they may have more digits than one magnitude may)."""
    whole = canon.to_integral_value(rounding=ROUND_DOWN)
    return [Quantity(plain(whole), base), Quantity(plain(canon - whole), base)]


def _duckdb_rollup(
    dataset: Dataset,
    by: By,
    value: str | None,
    stage: FundingStage | str,
    unit: str | None,
    connection: Any,
) -> Rollup:
    stage = funding_stage(stage)
    names = _names(by)
    if value not in (None, "count"):
        raise WrongTypeError(
            "value", 'None or "count" (a function cannot run in DuckDB)', repr(value)
        )
    if unit is not None:
        unit_info(unit)  # an unknown unit is refused before the query runs
    by_line = bool(_LINE_ONLY & set(names))
    if connection is None:
        con = dataset._cursor()
    else:
        con = dataset._views(connection, _ROLLUP_KINDS, temporary=True)
    counted, lines = _queries(names, by_line, every_stage="stage" in names)
    params = {"stage": stage.value} if "$stage" in lines else {}
    back = [BY_FIELDS[n][3] for n in names]
    width = len(names)

    def key_of(row: tuple[Any, ...]) -> Any:
        parts = tuple(
            None if cell is None else cell if f is None else f(cell)
            for cell, f in zip(row[:width], back, strict=True)
        )
        return parts[0] if width == 1 else parts

    counts: dict[Any, int] = {}
    money: dict[Any, list[tuple[str, int, Decimal]]] = {}
    for row in _fetch(con, lines, params):
        key = key_of(row)
        unit_name, with_money, n_lines, s = row[width:]
        money.setdefault(key, []).append((unit_name, n_lines if by_line else with_money, s))
        if by_line:
            counts[key] = counts.get(key, 0) + n_lines
    if counted is not None:
        counts = {key_of(row): row[width] for row in _fetch(con, counted, {})}
    values: dict[Any, Quantity | Range] = {}
    empty: list[Any] = []
    finest: dict[str, UnitInfo] = {}
    for key, n in counts.items():
        if not n:
            continue  # no project at all (a roll-up of nothing has no group)
        if value == "count":
            word = "项" if unit is None else unit_info(unit).word
            values[key] = total([Quantity(n, word)], unit)
            continue
        found = money.get(key)
        if not found:
            empty.append(key)
            continue
        infos = [unit_info(u) for u, _, _ in found]
        currencies = sorted({i.base for i in infos})
        if len(currencies) > 1:
            raise UnitMismatchError(currencies[0], currencies[1], "add up in one group")
        fine = min(infos, key=lambda i: i.factor)
        canon = sum((s for _, _, s in found), Decimal(0))
        sum_ = total(_in_base(canon, fine.base), unit if unit is not None else fine.name)
        with_money = sum(m for _, m, _ in found)
        values[key] = at_least(sum_) if with_money < n else sum_
        keep_finest(finest, fine)
    fill_unknown(values, empty, finest, unit)
    return sorted_rollup(names, values, counts, unit, empty=frozenset(empty))
