"""Arrow tables: fixed schemas per kind of row, exact decimals, tables that concatenate."""

from __future__ import annotations

import sys
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pa = pytest.importorskip("pyarrow", reason="the arrow extra is not installed")

from sciplan_model import (  # noqa: E402
    SCHEMAS,
    Achievement,
    Breakdown,
    BreakdownPart,
    Figure,
    Funding,
    FundingSource,
    FundingStage,
    Goal,
    Indicator,
    InvalidValueError,
    Level,
    Money,
    Plan,
    PlanKind,
    Project,
    Quantity,
    Region,
    Section,
    Tables,
    Year,
    combine,
    examples,
    rollup,
    validate,
)
from sciplan_model._arrow import schema  # noqa: E402
from strategies import plans  # noqa: E402

DECIMAL = pa.decimal128(38, 10)
KINDS = ("plans", "projects", "funding", "goals", "achievements", "breakdowns", "parts")
GANSU = Region(name="甘肃省", code="620000", level=Level.PROVINCIAL)
COUNTY = Region(
    name="苇塘县",
    code="620521",
    level=Level.COUNTY,
    parent=Region(name="东川市", code="620500", level=Level.MUNICIPAL, parent=GANSU),
)
TRAINED = Indicator(name="培训农民", unit="人次", key="trained")


def county_plan() -> Plan:
    """An annual plan of an invented county: two projects, a goal, an achievement and a
    statement with two parts."""
    projects = [
        Project(
            id="WT-01",
            name="设施蔬菜示范",
            level=Level.PROVINCIAL,
            year=Year(2023),
            funding=[
                Funding(amount=Money("159.3", "万元"), source=FundingSource.PROVINCIAL),
                Funding(amount=Money("40", "万元"), source=FundingSource.ENTERPRISE),
                Funding(
                    amount=Money("120.25", "万元"),
                    source=FundingSource.PROVINCIAL,
                    stage=FundingStage.RECEIVED,
                ),
            ],
        ),
        Project(
            id="WT-02",
            name="节水灌溉推广",
            level=Level.COUNTY,
            funding=[Funding(amount=Money("0.5", "亿元"), source=FundingSource.COUNTY)],
        ),
    ]
    return Plan(
        id="weitang-2023",
        title="苇塘县2023年科技工作计划",
        kind=PlanKind.ANNUAL,
        region=COUNTY,
        level=Level.COUNTY,
        period=Year(2023),
        sections=[
            Section(
                label="一、",
                title="重点项目",
                items=[
                    *projects,
                    Goal(indicator=TRAINED, figure=Figure.parse("2万人次以上")),
                    Achievement(indicator=TRAINED, figure=Figure.parse("1.8万余人次")),
                    Breakdown(
                        subject="争取项目",
                        total=Figure.parse("12项"),
                        parts=[
                            BreakdownPart(figure=Figure.parse("5项"), level=Level.NATIONAL),
                            BreakdownPart(figure=Figure.parse("7项"), level=Level.PROVINCIAL),
                        ],
                    ),
                ],
            )
        ],
    )


def plan_of(*items: Any) -> Plan:
    """A plan of one section holding ``items``."""
    return Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=[Section(items=list(items))])


def rows(table: Any) -> list[dict[str, Any]]:
    return table.to_pylist()  # type: ignore[no-any-return]


def test_plan_tables_have_every_kind_with_its_schema() -> None:
    """to_arrow() gives a table of each kind, each with the schema of its kind."""
    tables = county_plan().to_arrow()
    assert isinstance(tables, Tables)
    assert list(tables) == list(KINDS)
    for kind in KINDS:
        assert tables[kind].schema == schema(kind), kind
        assert getattr(tables, kind) is tables[kind]
    assert {k: t.num_rows for k, t in tables.items()} == {
        "plans": 1,
        "projects": 2,
        "funding": 4,
        "goals": 1,
        "achievements": 1,
        "breakdowns": 1,
        "parts": 2,
    }
    assert repr(tables).startswith("Tables(plans: 1 rows, projects: 2 rows")
    with pytest.raises(AttributeError):
        tables.nothing  # noqa: B018


def test_funding_lines_carry_exact_values_units_and_base_values() -> None:
    """A funding line is its amount as a decimal in its unit, the unit in its own column,
    its value in 元, the amount as written, and the project's fields."""
    funding = rows(county_plan().to_arrow().funding)
    first, _, received, big = funding
    assert first["value"] == Decimal("159.3")
    assert first["unit"] == "万元"
    assert first["base_value"] == Decimal("1593000")
    assert first["base_unit"] == "元"
    assert first["factor"] == Decimal("10000")
    assert first["written"] == "159.3万元"
    assert (first["source"], first["stage"], first["first"]) == ("provincial", "allocated", True)
    assert (received["stage"], received["first"]) == ("received", True)
    assert funding[1]["first"] is False  # the project's second line of the stage
    assert (first["project_id"], first["level"], first["project_year"]) == (
        "WT-01",
        "provincial",
        "2023年",
    )
    assert first["path"] == "$.sections[0].items[0].funding[0]"
    assert first["project_path"] == "$.sections[0].items[0]"
    assert big["base_value"] == Decimal("50000000")
    assert big["project_year"] is None
    assert pa.concat_tables([county_plan().to_arrow().funding])["value"].type == DECIMAL


def test_where_columns_name_plan_province_year_and_region() -> None:
    """Every row says its plan, the plan's province (the partition key), year and
    level, and the item's region code and name."""
    project = rows(county_plan().to_arrow().projects)[0]
    assert {k: project[k] for k in list(project)[:7]} == {
        "plan_id": "weitang-2023",
        "region": "620000",
        "year": 2023,
        "plan_level": "county",
        "region_code": "620521",
        "region_name": "苇塘县",
        "path": "$.sections[0].items[0]",
    }
    assert (project["period"], project["period_start"], project["period_end"]) == (
        "2023年",
        2023,
        2023,
    )
    plan = rows(county_plan().to_arrow().plans)[0]
    assert plan["region_parent"] == "620500"
    assert plan["region_json"].startswith('{"name":"苇塘县","code":"620521"')


def test_figures_keep_qualifier_range_and_text() -> None:
    """A qualified figure keeps the number written, its qualifier, its range's ends in
    its own unit and whether each is included; the text as written too."""
    tables = county_plan().to_arrow()
    goal = rows(tables.goals)[0]
    assert (goal["value"], goal["unit"], goal["written"], goal["qualifier"]) == (
        Decimal("2"),
        "万人次",
        "2万人次以上",
        "at_least",
    )
    assert (goal["low"], goal["high"], goal["low_closed"], goal["high_closed"]) == (
        Decimal("2"),
        None,
        True,
        False,
    )
    assert (goal["base_value"], goal["base_unit"], goal["known"]) == (
        Decimal("20000"),
        "人次",
        True,
    )
    done = rows(tables.achievements)[0]
    assert (done["qualifier"], done["low"], done["high"]) == ("odd", Decimal("1.8"), Decimal("1.9"))
    assert (done["low_closed"], done["high_closed"]) == (False, False)


def test_placeholders_are_not_known_and_have_no_value() -> None:
    """A 20xx figure has no value, no ends and known False; its text stays."""
    plan = plan_of(Goal(indicator=TRAINED, figure=Figure.parse("20xx人次")))
    goal = rows(plan.to_arrow().goals)[0]
    assert (goal["value"], goal["low"], goal["high"], goal["known"]) == (None, None, None, False)
    assert (goal["written"], goal["qualifier"], goal["unit"]) == ("20xx人次", "unknown", "人次")


def test_breakdowns_and_parts() -> None:
    """A statement is a row with its total; each part a row pointing at its statement."""
    tables = county_plan().to_arrow()
    statement = rows(tables.breakdowns)[0]
    assert (statement["subject"], statement["value"], statement["parts"]) == (
        "争取项目",
        Decimal("12"),
        2,
    )
    parts = rows(tables.parts)
    assert [(p["key"], p["value"], p["breakdown_path"]) for p in parts] == [
        ("national", Decimal("5"), "$.sections[0].items[4]"),
        ("provincial", Decimal("7"), "$.sections[0].items[4]"),
    ]


def test_the_bundled_plans_concatenate_without_a_cast() -> None:
    """The tables of the three bundled plans concatenate kind by kind as they are."""
    tables = [examples.load(name).to_arrow() for name in examples.names()]
    for kind in KINDS:
        joined = pa.concat_tables([t[kind] for t in tables])  # no promote, no cast
        assert joined.schema == schema(kind)
        assert joined.num_rows == sum(t[kind].num_rows for t in tables)


@settings(max_examples=60)
@given(st.lists(plans(), min_size=1, max_size=3))
def test_generated_plans_concatenate_without_a_cast(generated: list[Plan]) -> None:
    """The tables of any plans have their kind's schema, so they concatenate as they are,
    and every amount of a funding line comes back exactly."""
    tables = [p.to_arrow() for p in generated]
    for kind in KINDS:
        joined = pa.concat_tables([t[kind] for t in tables])
        assert joined.schema == schema(kind)
    amounts = [f.amount for p in generated for e in p.walk(Project) for f in e.item.funding]
    lines = pa.concat_tables([t.funding for t in tables]).to_pylist()
    assert [Money(r["value"], r["unit"]) for r in lines] == amounts
    assert [r["base_value"] for r in lines] == [
        a.to(r["base_unit"]).magnitude for a, r in zip(amounts, lines, strict=True)
    ]


def test_a_value_beyond_the_decimal_type_is_refused_with_its_place() -> None:
    """A magnitude finer than 10⁻¹⁰ is not rounded into the tables: the error names the
    table, column and path."""
    plan = plan_of(
        Project(
            id="a",
            name="n",
            funding=[Funding(amount=Money("0.00000000001", "元"), source=FundingSource.COUNTY)],
        )
    )
    with pytest.raises(InvalidValueError) as caught:
        plan.to_arrow()
    assert str(caught.value) == (
        "invalid funding table, column 'value', at $.sections[0].items[0].funding[0]: "
        "0.00000000001 does not fit the tables' decimal type (at most 28 digits before the "
        "point and 10 after); it is not rounded"
    )


def test_a_large_value_fits_to_its_last_digit() -> None:
    """27 digits before the point and 10 after fit exactly."""
    amount = Money("123456789012345678901234567", "元")
    line = Funding(amount=amount, source=FundingSource.COUNTY)
    plan = plan_of(Project(id="a", name="n", funding=[line]))
    assert plan.to_arrow().funding["value"].to_pylist() == [amount.magnitude]


def test_combined_tables_hold_the_projects_kept_and_concatenate_with_plans() -> None:
    """A combined view's tables hold each project once and have the plans' schemas."""
    plan = county_plan()
    other = Plan(
        id="other",
        title="t",
        kind=PlanKind.ANNUAL,
        region=GANSU,
        sections=[Section(items=[plan.projects()[0]])],
    )
    tables = combine([plan, other]).to_arrow()
    assert "plans" not in tables
    assert tables.projects.num_rows == 2
    assert tables.projects["id"].to_pylist() == ["WT-01", "WT-02"]
    for kind in tables:
        joined = pa.concat_tables([tables[kind], plan.to_arrow()[kind]])
        assert joined.schema == schema(kind)
        assert joined.num_rows == tables[kind].num_rows + plan.to_arrow()[kind].num_rows


def test_rollup_tables_have_one_schema_per_by() -> None:
    """Roll-ups with the same by give tables of the same schema, which concatenate;
    values are in one unit, keys as codes."""
    a = rollup(county_plan().projects(), by="level")
    b = rollup(
        [
            Project(
                id="x",
                name="n",
                level=Level.NATIONAL,
                funding=[Funding(amount=Money("3", "元"), source=FundingSource.NATIONAL)],
            )
        ],
        by="level",
    )
    joined = pa.concat_tables([a.to_arrow(), b.to_arrow()])
    assert joined.column_names[:3] == ["level", "value", "unit"]
    assert joined.to_pylist()[0]["level"] == "provincial"
    assert [(r["level"], r["value"], r["unit"]) for r in joined.to_pylist()] == [
        ("provincial", Decimal("199.3"), "万元"),
        ("county", Decimal("5000"), "万元"),
        ("national", Decimal("3"), "元"),
    ]


def test_findings_table() -> None:
    """A report's findings are a table of the findings schema."""
    report = validate(examples.load("篇3"))
    table = report.to_arrow()
    assert table.schema == schema("findings")
    assert table.num_rows == len(report.findings)
    assert table["code"].to_pylist() == [f.code for f in report.findings]


def test_schemas_are_public_and_documented() -> None:
    """SCHEMAS lists every kind's columns; each column kind is one of five."""
    assert set(SCHEMAS) == {*KINDS, "findings"}
    assert {kind for columns in SCHEMAS.values() for _, kind in columns} == {
        "str",
        "int",
        "bool",
        "dec",
        "list",
    }
    assert SCHEMAS["goals"] == SCHEMAS["achievements"]


def test_polars_frames_keep_exact_decimals() -> None:
    """to_polars() gives polars decimals that sum exactly."""
    pl = pytest.importorskip("polars", reason="the polars extra is not installed")
    frame = rollup([Money("0.1", "万元"), Money("0.2", "万元")], by=lambda m: str(m)).to_polars()
    assert isinstance(frame, pl.DataFrame)
    assert frame["value"].sum() == Decimal("0.3")
    projects = county_plan().to_polars("funding")
    assert projects["base_value"].sum() == Decimal("50000000") + Decimal("3195500")


def test_to_polars_without_polars_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without polars, to_polars() names the polars extra."""
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match=r'pip install "sciplan_model\[polars\]"'):
        county_plan().to_polars()


def test_areas_convert_from_mu_exactly_where_they_can() -> None:
    """亩 converts to 平方米, 公顷 and 平方公里 exactly where the result is finite, and
    refuses where it is not."""
    assert Quantity("15", "亩").to("公顷") == Quantity("1", "公顷")
    assert Quantity("1.5", "亩").to("平方米").magnitude == Decimal("1000")
    assert Quantity("3000", "亩").to("平方公里") == Quantity("2", "平方公里")
    assert Quantity("1", "公顷").to("平方米").magnitude == Decimal("10000")
    from sciplan_model import InexactResultError

    with pytest.raises(InexactResultError):
        Quantity("1", "亩").to("平方米")


def test_a_range_whose_ends_are_not_exact_in_its_unit_is_in_the_base_unit() -> None:
    """100平方米至1亩: 1亩 has no exact form in 平方米, so the number and both ends are
    written in 亩, the base of area, exactly; the text stays as written."""
    area = Indicator(name="示范面积", unit="亩")
    plan = plan_of(Goal(indicator=area, figure=Figure.parse("100平方米至1亩")))
    goal = rows(plan.to_arrow().goals)[0]
    assert (goal["value"], goal["unit"], goal["low"], goal["high"], goal["written"]) == (
        Decimal("0.15"),
        "亩",
        Decimal("0.15"),
        Decimal("1"),
        "100平方米至1亩",
    )
    table = rollup([Figure.parse("100平方米至1亩")]).to_arrow().to_pylist()
    assert [(r["unit"], r["low"], r["high"]) for r in table] == [
        ("亩", Decimal("0.15"), Decimal("1"))
    ]


def test_a_key_named_like_a_value_column_is_renamed() -> None:
    """A roll-up by unit has a key column by_unit beside its unit column."""
    table = rollup([Money("1", "万元"), Quantity("3", "项")], by="unit").to_arrow()
    assert table.column_names[:3] == ["by_unit", "value", "unit"]
    assert len(set(table.column_names)) == len(table.column_names)


def test_a_plans_frame_refuses_what_the_decimal_type_cannot_hold() -> None:
    """Plan.to_frame() refuses a value finer than 10⁻¹⁰ with the package's error, as
    to_arrow() does."""
    line = Funding(amount=Money("0.00000000001", "元"), source=FundingSource.COUNTY)
    plan = plan_of(Project(id="a", name="n", funding=[line]))
    with pytest.raises(
        InvalidValueError, match=r"items table, column 'value', at \$\.sections\[0\]\.items\[0\]"
    ):
        plan.to_frame()
