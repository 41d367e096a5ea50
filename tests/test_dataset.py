"""Parquet datasets of many plans, and roll-ups over them in DuckDB equal to Python's."""

from __future__ import annotations

import itertools
import sys
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pa = pytest.importorskip("pyarrow", reason="the arrow extra is not installed")
pytest.importorskip("duckdb", reason="the duckdb extra is not installed")

from sciplan_model import (  # noqa: E402
    Dataset,
    Funding,
    FundingSource,
    FundingStage,
    InvalidValueError,
    Level,
    Money,
    Plan,
    PlanKind,
    Project,
    Range,
    Region,
    Section,
    UnitMismatchError,
    WrongTypeError,
    _dataset,
    examples,
    read_dataset,
    rollup,
    write_dataset,
)
from sciplan_model._arrow import schema  # noqa: E402
from strategies import plans, sharing_plans  # noqa: E402
from test_arrow import county_plan  # noqa: E402

KINDS = ("plans", "projects", "funding", "goals", "achievements", "breakdowns", "parts")
# every field a dataset roll-up groups by, alone and in pairs
FIELDS = tuple(_dataset.BY_FIELDS)
BYS: tuple[Any, ...] = (
    None,
    *FIELDS,
    ("level", "year"),
    ("region", "level"),
    ("stage", "level"),
    ("source", "year"),
    ("plan.id", "period"),
    ("currency", "name"),
)


def fresh(base: Path) -> Path:
    return base / uuid.uuid4().hex


def unique(found: list[Plan]) -> list[Plan]:
    """Plans with distinct ids (the first of each kept), as a dataset holds them."""
    return list({p.id: p for p in reversed(found)}.values())[::-1]


def distinct_ids(plan: Plan) -> Plan:
    """The plan with a project id met again in it renamed (p1, p1-2), as a plan that is
    saved must have; ids shared between plans stay shared."""
    seen: dict[str, int] = {}

    def renamed(item: Any) -> Any:
        if type(item) is not Project:
            return item
        seen[item.id] = n = seen.get(item.id, 0) + 1
        return item if n == 1 else attrs.evolve(item, id=f"{item.id}-{n}")

    def section(s: Section) -> Section:
        items = [renamed(i) for i in s.items]
        return attrs.evolve(s, items=items, sections=[section(c) for c in s.sections])

    return attrs.evolve(plan, sections=[section(s) for s in plan.sections])


def entries(found: list[Plan]) -> list[Any]:
    return [e for p in found for e in p.walk(Project)]


def sort_rows(table: Any) -> list[dict[str, Any]]:
    return sorted(table.to_pylist(), key=lambda r: (r["plan_id"], r.get("path") or ""))


def same_rollup(found: list[Plan], dataset: Dataset, by: Any, **options: Any) -> None:
    """The dataset's roll-up equals Python's over the same projects, or both refuse."""
    try:
        expected = rollup(entries(found), by=by, **options)
    except UnitMismatchError:
        with pytest.raises(UnitMismatchError):
            rollup(dataset, by=by, **options)
        return
    got = rollup(dataset, by=by, **options)
    assert got == expected, by
    assert list(got) == list(expected)
    assert [got.count(k) for k in got] == [expected.count(k) for k in expected]
    assert str(got) == str(expected)


def test_a_dataset_reads_back_its_tables_and_plans(tmp_path: Path) -> None:
    """Every table read back equals the plans' own tables, exactly; the plans come back
    equal; the folder is hive-partitioned by province and year."""
    found = [county_plan(), *(examples.load(n) for n in examples.names())]
    dataset = write_dataset(found, tmp_path / "d")
    assert isinstance(dataset, Dataset)
    assert read_dataset(tmp_path / "d") == dataset
    for kind in KINDS:
        expected = pa.concat_tables([p.to_arrow()[kind] for p in found])
        got = dataset.table(kind)
        assert got.schema == schema(kind), kind
        assert sort_rows(got) == sort_rows(expected), kind
    assert sorted(p.id for p in dataset.plans()) == sorted(p.id for p in found)
    assert {p.id: p for p in dataset.plans()} == {p.id: p for p in found}
    files = {f.relative_to(tmp_path / "d").parts[:3] for f in dataset.files("projects")}
    assert ("projects", "region=620000", "year=2023") in files
    assert dataset.to_frame("funding")["base_value"].sum() == sum(
        f.amount.to("元").magnitude
        for p in found
        for f in itertools.chain.from_iterable(q.funding for q in p.projects())
    )


@settings(max_examples=40)
@given(st.lists(sharing_plans(), min_size=1, max_size=4), st.sampled_from(BYS))
def test_duckdb_rollups_equal_python_rollups(
    tmp_path_factory: pytest.TempPathFactory, drawn: list[Plan], by: Any
) -> None:
    """A roll-up of a dataset, run in DuckDB, equals the roll-up of the same plans'
    projects in Python: keys, values (ranges where money is not stated), counts, order."""
    found = [distinct_ids(p) for p in unique(drawn)]
    dataset = write_dataset(found, fresh(tmp_path_factory.getbasetemp()))
    same_rollup(found, dataset, by)
    same_rollup(found, dataset, by, stage=FundingStage.SPENT)
    same_rollup(found, dataset, by, unit="亿元")
    same_rollup(found, dataset, by, value="count")


@settings(max_examples=30)
@given(st.lists(plans(), min_size=1, max_size=3), st.sampled_from(BYS))
def test_duckdb_rollups_of_any_plans(
    tmp_path_factory: pytest.TempPathFactory, drawn: list[Plan], by: Any
) -> None:
    """Plans of every shape (regions, periods, placeholders, stages, units from 元 to
    万亿元) give the same roll-ups in DuckDB as in Python, and read back exactly."""
    found = unique(drawn)
    dataset = write_dataset(found, fresh(tmp_path_factory.getbasetemp()))
    same_rollup(found, dataset, by)
    assert {p.id: p for p in dataset.plans()} == {p.id: p for p in found}


def test_rollups_by_province_scale_fields(tmp_path: Path) -> None:
    """A roll-up by level and year, and by region, of several counties."""
    found = [county_plan()]
    dataset = write_dataset(found, tmp_path / "d")
    by_level = rollup(dataset, by="level")
    assert {str(k.value): str(v) for k, v in by_level.items()} == {
        "provincial": "199.3万元",
        "county": "0.5亿元",
    }
    assert by_level.total == Money("5199.3", "万元")
    assert rollup(dataset, by="source").count(FundingSource.PROVINCIAL) == 1
    received = rollup(dataset, by="level", stage="到位")
    assert isinstance(received[next(iter(received))], Money)
    assert not isinstance(list(received.values())[1], Money)
    assert isinstance(list(received.values())[1], Range)


def test_sql_over_the_views(tmp_path: Path) -> None:
    """connect() gives DuckDB views by kind; their sums are exact decimals."""
    dataset = write_dataset([county_plan()], tmp_path / "d")
    con = dataset.connect()
    (total,) = con.execute(
        "SELECT sum(base_value) FROM funding WHERE stage = 'allocated'"
    ).fetchone()
    assert str(total) == "51993000.0000000000"
    assert con.execute("SELECT count(*) FROM goals").fetchone() == (1,)


def test_kinds_without_rows_are_empty_tables_and_views(tmp_path: Path) -> None:
    """A kind no plan has rows of reads as an empty table of its schema, and as an empty
    view; a dataset of no plans rolls up to nothing."""
    plan = Plan(id="p", title="t", kind=PlanKind.ANNUAL)
    dataset = write_dataset([plan], tmp_path / "d")
    assert dataset.table("funding").schema == schema("funding")
    assert dataset.table("funding").num_rows == 0
    assert dataset.connect().execute("SELECT count(*) FROM projects").fetchone() == (0,)
    assert len(rollup(dataset, by="level")) == 0
    nothing = write_dataset([], tmp_path / "e")
    assert len(rollup(nothing)) == 0
    assert list(nothing.plans()) == []


def test_plans_may_come_from_a_generator_in_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plans are written batch by batch (a generator is never held whole), then one file
    a partition however many batches there were; the dataset is the same."""
    staged: list[int] = []
    stage = _dataset._stage
    monkeypatch.setattr(_dataset, "_BATCH_ROWS", 1)
    monkeypatch.setattr(
        _dataset, "_stage", lambda plans, *rest: staged.append(len(plans)) or stage(plans, *rest)
    )
    found = [county_plan(), *(examples.load(n) for n in examples.names())]
    dataset = write_dataset((p for p in found), tmp_path / "d")
    assert staged == [1, 1, 1, 1]
    partitions = {f.parent for f in dataset.files("plans")}
    assert len(dataset.files("plans")) == len(partitions) == 3
    assert not (tmp_path / "d" / ".staging").exists()
    same_rollup(found, dataset, ("level", "year"))
    for kind in KINDS:
        expected = pa.concat_tables([p.to_arrow()[kind] for p in found])
        assert sort_rows(dataset.table(kind)) == sort_rows(expected), kind


def test_a_dataset_is_replaced_whole_and_never_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing over a dataset replaces it; a failure half-way leaves the old one as it
    was and no temporary folder behind."""
    target = tmp_path / "d"
    write_dataset([county_plan()], target)
    before = sorted(p.relative_to(target) for p in target.rglob("*"))

    def explode(plans: Iterable[Plan]) -> Iterator[Plan]:
        yield examples.load("篇1")
        raise OSError("disk full")

    monkeypatch.setattr(_dataset, "_BATCH_ROWS", 1)
    with pytest.raises(OSError, match="disk full"):
        write_dataset(explode([]), target)
    assert sorted(p.relative_to(target) for p in target.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"]
    again = write_dataset([examples.load("篇1")], target)
    assert [p.id for p in again.plans()] == [examples.load("篇1").id]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"]


def test_bad_folders_and_plans_are_refused(tmp_path: Path) -> None:
    """A folder holding other files, two plans with one id, something not a plan and a
    folder that is no dataset are refused with the package's errors."""
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InvalidValueError, match="exists and is not a dataset"):
        write_dataset([county_plan()], other)
    assert sorted(p.name for p in other.iterdir()) == ["notes.txt"]
    with pytest.raises(InvalidValueError, match="two plans have the id 'weitang-2023'"):
        write_dataset([county_plan(), county_plan()], tmp_path / "d")
    with pytest.raises(WrongTypeError, match="plans must be Plan objects, not str"):
        write_dataset(["plan"], tmp_path / "d")  # type: ignore[list-item]
    assert not (tmp_path / "d").exists()
    with pytest.raises(InvalidValueError, match="holds no dataset"):
        read_dataset(other)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "sciplan-dataset.json").write_text('{"layout": 99}', encoding="utf-8")
    with pytest.raises(InvalidValueError, match="names a layout this version does not read"):
        read_dataset(tmp_path / "d")


def test_rollups_a_dataset_cannot_run_say_why(tmp_path: Path) -> None:
    """A field no dataset roll-up knows lists those it knows; functions cannot run in
    DuckDB; a kind of table that does not exist is refused."""
    dataset = write_dataset([county_plan()], tmp_path / "d")
    with pytest.raises(
        InvalidValueError,
        match="'colour' is no field a dataset roll-up groups by; fields: level, status",
    ):
        rollup(dataset, by="colour")
    with pytest.raises(WrongTypeError, match="a function of an item cannot run in DuckDB"):
        rollup(dataset, by=lambda p: p.level)
    with pytest.raises(WrongTypeError, match="a function cannot run in DuckDB"):
        rollup(dataset, value=lambda p: None)
    with pytest.raises(InvalidValueError, match="'project' is none of plans, projects"):
        dataset.table("project")


def test_mixed_currencies_in_one_group_are_refused(tmp_path: Path) -> None:
    """Money in two currencies never adds up in one group, in DuckDB as in Python."""
    project = Project(
        id="a",
        name="n",
        funding=[
            Funding(amount=Money("1", "万元"), source=FundingSource.COUNTY),
            Funding(amount=Money("1", "美元"), source=FundingSource.FOREIGN),
        ],
    )
    plan = Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=[Section(items=[project])])
    dataset = write_dataset([plan], tmp_path / "d")
    with pytest.raises(UnitMismatchError):
        rollup([project])
    with pytest.raises(UnitMismatchError):
        rollup(dataset)
    assert set(rollup(dataset, by="currency")) == {"元", "美元"}


def test_without_duckdb_the_extra_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without duckdb, a dataset's roll-up raises an ImportError naming the extra."""
    dataset = write_dataset([county_plan()], tmp_path / "d")
    monkeypatch.setitem(sys.modules, "duckdb", None)
    with pytest.raises(ImportError) as caught:
        rollup(read_dataset(tmp_path / "d"), by="level")
    assert str(caught.value) == (
        'roll-ups over a dataset need duckdb: pip install "sciplan_model[duckdb]"'
    )
    assert dataset.table("plans").num_rows == 1  # reading needs only pyarrow


def one_plan(pid: str, amounts: list[tuple[str, str]], region: Region | None = None) -> Plan:
    """A plan of one project per amount (allocated money of the county)."""
    projects = [
        Project(
            id=f"{pid}-{i}",
            name="示范项目",
            level=Level.COUNTY,
            funding=[Funding(amount=Money(a, u), source=FundingSource.COUNTY)],
        )
        for i, (a, u) in enumerate(amounts)
    ]
    return Plan(
        id=pid,
        title="计划",
        kind=PlanKind.ANNUAL,
        region=region,
        sections=[Section(items=projects)],
    )


def test_a_folder_named_like_a_pattern_is_read_by_its_files(tmp_path: Path) -> None:
    """A dataset in a folder whose name holds ?, [ or * reads its own files only."""
    write_dataset([one_plan("b", [("5", "万元")])], tmp_path / "gansu-2023")
    for name in ("gansu-202?", "d[1]", "all*"):
        dataset = write_dataset([one_plan("a", [("1", "万元")])], tmp_path / name)
        assert rollup(dataset).total == Money("1", "万元"), name
        assert dataset.connect().execute("SELECT count(*) FROM projects").fetchone() == (1,)


def test_a_dataset_object_reads_its_folder_as_it_is_now(tmp_path: Path) -> None:
    """A Dataset opened before its folder was rewritten reads what the folder holds now:
    money where there was none, no money where there was some."""
    empty = Plan(
        id="p",
        title="t",
        kind=PlanKind.ANNUAL,
        sections=[Section(items=[Project(id="a", name="n", level=Level.COUNTY)])],
    )
    dataset = write_dataset([empty], tmp_path / "d")
    assert not rollup(dataset).total.is_known  # type: ignore[union-attr]
    write_dataset([one_plan("p", [("5", "万元")])], tmp_path / "d")
    assert rollup(dataset).total == Money("5", "万元")
    write_dataset([empty], tmp_path / "d")
    assert not rollup(dataset).total.is_known  # type: ignore[union-attr]


def test_regions_written_alike_keep_one_order(tmp_path: Path) -> None:
    """Two regions that print alike (one name, parents with and without a code) come in
    one order whatever order the plans come in, in DuckDB as in Python."""

    def region(code: str | None) -> Region:
        city = Region(name="兰州市", code=code, level=Level.MUNICIPAL)
        return Region(name="城关区", level=Level.COUNTY, parent=city)

    a = one_plan("p0", [("1", "万元")], region(None))
    b = one_plan("p1", [("2", "万元")], region("620100"))
    for found in ([a, b], [b, a]):
        dataset = write_dataset(found, fresh(tmp_path))
        same_rollup(found, dataset, "region")
        assert list(rollup(dataset, by="region").values()) == [
            Money("1", "万元"),
            Money("2", "万元"),
        ]


def test_no_funding_line_of_the_stage_is_an_empty_rollup_on_both_sides(tmp_path: Path) -> None:
    """Grouping funding lines by a field of where they stand, with no line of the stage,
    is a roll-up of nothing in Python as in DuckDB."""
    found = [one_plan("p", [("1", "万元")])]
    dataset = write_dataset(found, tmp_path / "d")
    for by in (("source", "period"), ("source", "plan.id"), ("currency", "region")):
        same_rollup(found, dataset, by, stage="spent")
        assert len(rollup(dataset, by=by, stage="spent")) == 0
    # by stage, every stage is summed: the allocated line is there
    assert len(rollup(dataset, by=("stage", "region"), stage="spent")) == 1


def test_sums_beyond_a_magnitude_are_exact(tmp_path: Path) -> None:
    """A sum with more digits than one amount may have is still exact, as in Python."""
    found = [one_plan("p", [("100000000000", "亿元"), ("0.0000000001", "元")])]
    dataset = write_dataset(found, tmp_path / "d")
    same_rollup(found, dataset, None)
    assert str(rollup(dataset).total) == "10000000000000000000.0000000001元"


def test_one_plan_is_not_a_list_of_plans(tmp_path: Path) -> None:
    """A plan given where plans are asked for is the package's error, saying what to do."""
    with pytest.raises(WrongTypeError, match=r"an iterable of plans \(\[plan\] for one\)"):
        write_dataset(county_plan(), tmp_path / "d")  # type: ignore[arg-type]
