"""Tests of what notebooks and other tools see: ``_repr_html_`` of plans, reports,
roll-ups, figures, combined views and attainments; ``to_records()`` of plans and combined
views; ``to_frame()`` of roll-ups, reports and plans (exact Decimals, units in the column
names, never floats)."""

from __future__ import annotations

import sys
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciplan_model import (
    Achievement,
    Breakdown,
    BreakdownPart,
    Figure,
    Finding,
    FiveYearPlan,
    Funding,
    FundingSource,
    FundingStage,
    Goal,
    Indicator,
    InvalidValueError,
    Level,
    Money,
    Note,
    Plan,
    PlanKind,
    Project,
    Quantity,
    Range,
    Region,
    Report,
    Rollup,
    Section,
    Severity,
    Task,
    Year,
    attainment,
    combine,
    examples,
    rollup,
    validate,
)
from strategies import ROLLUP_LEVELS, funded_projects, plans

# -- helpers ---------------------------------------------------------------------------------

_VOID = frozenset({"br", "hr", "img", "meta", "wbr"})


class _Checked(HTMLParser):
    """Parses HTML, failing on an end tag that closes nothing open, and keeps the text
    and the tags met."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, _ in attrs:
            assert not name.startswith("on"), f"event handler attribute {name}"
        if tag not in _VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open, f"</{tag}> closes nothing"
        assert self.open[-1] == tag, f"</{tag}> closes <{self.open[-1]}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(fragment: str) -> _Checked:
    """``fragment`` parsed, every tag it opens closed, and no script or outside resource."""
    checked = _Checked()
    checked.feed(fragment)
    checked.close()
    assert checked.open == [], f"left open: {checked.open}"
    assert not {"script", "link", "iframe", "object", "style"} & set(checked.tags)
    assert "http" not in fragment
    assert "javascript" not in fragment.lower()
    return checked


def text_of(fragment: str) -> str:
    """The text a reader sees in ``fragment``, entities decoded."""
    return "".join(parsed(fragment).text)


def money(text: str) -> Money:
    amount = Quantity.parse(text)
    assert isinstance(amount, Money)
    return amount


def project(id: str, *amounts: str, level: Level | None = None, **fields: Any) -> Project:
    lines = [Funding(amount=money(a), source=FundingSource.PROVINCIAL) for a in amounts]
    return Project(id=id, name=f"项目{id}", level=level, funding=lines, **fields)


TRAINED = Indicator(name="培训人次", unit="人次")
WON = Indicator(name="科技计划项目", unit="项", same_as=("个",))
MONEY = Indicator(name="项目经费", unit="万元")


def small_plan() -> Plan:
    """A plan of every kind of figure a record shows, in two sections."""
    return Plan(
        id="small",
        title="XX县科技工作计划",
        kind=PlanKind.ANNUAL,
        region=Region(name="XX县", level=Level.COUNTY),
        period=Year(2006),
        sections=[
            Section(
                label="一、",
                title="目标",
                items=[
                    Goal(indicator=TRAINED, figure=Figure.parse("力争2万人次以上")),
                    Task(
                        label="一是",
                        title="科技培训",
                        goals=[Goal(indicator=WON, figure=Figure.parse("约10项"))],
                    ),
                    Achievement(
                        indicator=MONEY, figure=Figure.parse("3万至5亿元"), period=FiveYearPlan(10)
                    ),
                ],
            ),
            Section(
                label="二、",
                title="项目",
                period=Year(2007),
                items=[
                    project("p1", "11万元", "5000元", level=Level.NATIONAL),
                    project("p2"),
                    Breakdown(
                        subject="项目经费",
                        total=Figure.parse("20xx万元"),
                        parts=[BreakdownPart(figure=Figure.parse("6万元"), level=Level.NATIONAL)],
                    ),
                    Note(title="备注"),
                ],
            ),
        ],
    )


BY_LEVEL = [
    project("a", "11万元", level=Level.NATIONAL),
    project("b", "97万元", level=Level.PROVINCIAL),
    project("c", "51.3万元", "2000元", level=Level.PROVINCIAL),
]


# -- HTML ------------------------------------------------------------------------------------


def test_plan_html_shows_title_facts_and_outline() -> None:
    """A plan's HTML names its title, kind, region, period and sections, with items
    counted by kind."""
    shown = text_of(examples.load("篇3")._repr_html_())
    for expected in (
        "科技工作计划 篇3",
        "工作总结",
        "甘肃省 › XX县",
        "2001-2010年",
        "一、 “十五”期间的科技工作",
        "1、 科技兴农取得新成绩",
        "共 155 条",
        "成果 68",
        "任务 38",
        "共…其中… 10",
    ):
        assert expected in shown


def test_plan_html_counts_each_sections_own_items() -> None:
    """Each line of the outline counts its section's own items, a task's goals as goals."""
    shown = text_of(small_plan()._repr_html_())
    assert "一、 目标 目标 2、成果 1、任务 1二、 项目 项目 2、共…其中… 1、记述 1" in shown
    assert "共 8 条：目标 2、成果 1、任务 1、项目 2、共…其中… 1、记述 1" in shown


def test_plan_html_escapes_markup() -> None:
    """Text that looks like markup is shown as text, never as tags."""
    plan = Plan(
        id="x",
        title="<b>计划</b> & 总结",
        kind=PlanKind.ANNUAL,
        sections=[Section(title="<script>alert(1)</script>", items=[Note(title='"引号"')])],
    )
    fragment = plan._repr_html_()
    assert "&lt;b&gt;计划&lt;/b&gt; &amp; 总结" in fragment
    assert "&lt;script&gt;" in fragment
    shown = text_of(fragment)
    assert "<b>计划</b> & 总结" in shown
    assert "<script>alert(1)</script>" in shown


@given(plans())
def test_plan_html_shows_any_text_as_written(plan: Plan) -> None:
    """Whatever a plan's titles hold, its HTML parses and shows them as they are."""
    shown = text_of(plan._repr_html_())
    assert plan.title in shown
    for section in plan.sections:
        name = " ".join(x for x in (section.label, section.title) if x)
        assert name in shown
    report = validate(plan)
    assert str(report).split("\n")[0] in text_of(report._repr_html_())


def test_report_html_has_its_header_and_findings() -> None:
    """A report's HTML has str(report)'s header line and a row per finding: 级别, 代码,
    位置, 说明."""
    plan = Plan(
        id="t",
        title="计划",
        kind=PlanKind.ANNUAL,
        sections=[
            Section(
                items=[
                    Breakdown(
                        subject="科技计划项目",
                        total=Figure.parse("36项"),
                        parts=[
                            BreakdownPart(figure=Figure.parse("5项"), level=Level.NATIONAL),
                            BreakdownPart(figure=Figure.parse("30项"), level=Level.PROVINCIAL),
                        ],
                    )
                ]
            )
        ],
    )
    report = validate(plan)
    shown = text_of(report._repr_html_())
    assert str(report).split("\n")[0] == "未通过：1个错误，0个警告，0个提示"
    assert shown.startswith("未通过：1个错误，0个警告，0个提示级别代码位置说明错误breakdown.sum")
    finding = report.findings[0]
    assert finding.path in shown
    assert finding.message in shown


def test_report_html_escapes_messages_and_names_plans() -> None:
    """Findings are escaped, and with several plans each place names its plan."""
    report = Report(
        (Finding("x.y", Severity.WARNING, "$.a", "<i>不符</i>", plan="甲"),),
        plans=("甲", "乙"),
    )
    fragment = report._repr_html_()
    assert "&lt;i&gt;不符&lt;/i&gt;" in fragment
    assert (
        text_of(fragment)
        == "通过：0个错误，1个警告，0个提示级别代码位置说明警告x.y甲:$.a<i>不符</i>"
    )


def test_report_html_of_a_clean_report_has_no_table() -> None:
    """A report without findings shows its header line alone."""
    fragment = Report(())._repr_html_()
    assert "<table" not in fragment
    assert text_of(fragment) == "通过：0个错误，0个警告，0个提示"


def test_rollup_html_has_keys_values_counts_and_total() -> None:
    """A roll-up's HTML shows each key, 数值 and 条目数, and a 合计 row."""
    by_level = rollup(BY_LEVEL, by="level")
    checked = parsed(by_level._repr_html_())
    cells = [t for t in checked.text if t.strip()]
    assert cells == [
        "按级别汇总（2组）",
        "级别",
        "数值",
        "条目数",
        "国家级",
        "11万元",
        "1",
        "省级",
        "1485000元",
        "2",
        "合计",
        "1595000元",
        "3",
    ]


def test_rollup_html_without_a_total_has_no_total_row() -> None:
    """Groups that measure different things have no 合计 row; ranges and values not
    known are shown as people read them."""
    done = [
        Achievement(indicator=TRAINED, figure=Figure.parse("2万余人次")),
        Achievement(indicator=WON, figure=Figure.parse("20xx项")),
    ]
    by_indicator = rollup(done, by="indicator")
    assert by_indicator.total is None
    shown = text_of(by_indicator._repr_html_())
    assert "合计" not in shown
    assert "2万余人次" in shown  # as the plan wrote it
    assert "20xx项" in shown  # one figure, as written (its value is not known)


def test_rollup_html_without_by_is_one_total_line() -> None:
    """A roll-up of everything is one 合计 line."""
    shown = text_of(rollup(BY_LEVEL)._repr_html_())
    assert shown == "汇总数值条目数合计1595000元3"


def test_rollup_html_keeps_to_a_limit_of_rows() -> None:
    """A roll-up of many groups shows the first 500, its 合计 row, and how many groups
    there are."""
    many = rollup([project(f"p{k}", "1万元") for k in range(600)], by="id")
    checked = parsed(many._repr_html_())
    assert checked.tags.count("tr") == 1 + 500 + 1
    shown = "".join(checked.text)
    assert shown.endswith("合计600万元600仅显示前500组，共600组；全部见 to_records()。")


def test_figure_html_shows_the_figure_as_written_and_its_range() -> None:
    """A figure's HTML shows it as written, its qualifier and the values it allows."""
    assert (
        text_of(Figure.parse("2万人次以上")._repr_html_()) == "2万人次以上 以上 · 取值 [2万人次, ∞)"
    )
    assert text_of(Figure.parse("36项")._repr_html_()) == "36项 精确"
    assert text_of(Figure.parse("20xx万元")._repr_html_()) == "20xx万元 未知 · 取值未知"
    said = text_of(Figure.parse("力争突破1500件")._repr_html_())
    assert said == "力争突破1500件 （即 力争超过1500件） 力争 · 超过 · 取值 (1500件, ∞)"


def test_attainment_html_shows_rate_and_verdict() -> None:
    """An attainment's HTML shows target, actual, 完成率 and verdict."""
    a = attainment(Figure.parse("2万人次以上"), Figure.parse("2.1万人次"))
    assert text_of(a._repr_html_()) == "目标实际完成率判定2万人次以上2.1万人次105.0%已完成"


def test_combined_html_shows_plans_projects_and_results() -> None:
    """A combined view's HTML names its plans, its projects and its results by indicator."""
    both = combine([examples.load("篇3"), examples.load("篇2")])
    shown = text_of(both._repr_html_())
    assert shown.startswith("2份计划合并：plan3、plan2项目 6 个项目编号名称")
    assert "plan3-p1XX县玉米制种产业富民强县工程科技富民强县专项行动国家级未注明plan3" in shown
    assert "成果（按指标、期间）" in shown
    assert "projects_won十五36项1" in shown  # results are keyed by the indicator's key


def test_every_repr_html_is_a_fragment_in_chinese() -> None:
    """Every _repr_html_ is one element marked lang="zh-CN", with no script."""
    plan = examples.load("篇3")
    objects: list[Any] = [
        plan,
        validate(plan),
        rollup(plan.walk(Achievement), by="indicator"),
        Figure.parse("600余家"),
        combine([plan]),
        attainment(Figure.parse("36项"), Figure.parse("30项")),
    ]
    for obj in objects:
        fragment = obj._repr_html_()
        parsed(fragment)
        assert fragment.startswith(('<div lang="zh-CN"', '<span lang="zh-CN"'))


def test_repr_and_str_are_kept() -> None:
    """The plain __repr__ and __str__ stay as they were."""
    assert repr(Figure.parse("600余家")) == "Figure('600余家')"
    assert str(rollup(BY_LEVEL)).split("\n")[-1] == "合计  1595000元  3"
    assert repr(small_plan()).startswith("Plan(id='small'")


# -- records ---------------------------------------------------------------------------------


def test_plan_to_records_of_a_small_plan() -> None:
    """Plan.to_records() gives one plain row per item, figures as written, values in
    their own unit, periods as written."""
    assert small_plan().to_records() == [
        {
            "plan": "small",
            "path": "$.sections[0].items[0]",
            "type": "goal",
            "label": "培训人次",
            "figure": "力争2万人次以上",
            "value": Decimal("2"),
            "upper": None,
            "unit": "万人次",
            "qualifier": "at_least",
            "period": "2006年",
        },
        {
            "plan": "small",
            "path": "$.sections[0].items[1]",
            "type": "task",
            "label": "科技培训",
            "figure": None,
            "value": None,
            "upper": None,
            "unit": None,
            "qualifier": None,
            "period": "2006年",
        },
        {
            "plan": "small",
            "path": "$.sections[0].items[1].goals[0]",
            "type": "goal",
            "label": "科技计划项目",
            "figure": "约10项",
            "value": Decimal("10"),
            "upper": None,
            "unit": "项",
            "qualifier": "about",
            "period": "2006年",
        },
        {
            "plan": "small",
            "path": "$.sections[0].items[2]",
            "type": "achievement",
            "label": "项目经费",
            "figure": "3万至5亿元",
            "value": Decimal("3"),
            "upper": Decimal("50000"),
            "unit": "万元",
            "qualifier": "range",
            "period": "十五",
        },
        {
            "plan": "small",
            "path": "$.sections[1].items[0]",
            "type": "project",
            "label": "项目p1",
            "figure": None,
            "value": Decimal("115000"),
            "upper": None,
            "unit": "元",
            "qualifier": None,
            "period": "2007年",
        },
        {
            "plan": "small",
            "path": "$.sections[1].items[1]",
            "type": "project",
            "label": "项目p2",
            "figure": None,
            "value": None,
            "upper": None,
            "unit": None,
            "qualifier": None,
            "period": "2007年",
        },
        {
            "plan": "small",
            "path": "$.sections[1].items[2]",
            "type": "breakdown",
            "label": "项目经费",
            "figure": "20xx万元",
            "value": None,
            "upper": None,
            "unit": "万元",
            "qualifier": "unknown",
            "period": "2007年",
        },
        {
            "plan": "small",
            "path": "$.sections[1].items[3]",
            "type": "note",
            "label": "备注",
            "figure": None,
            "value": None,
            "upper": None,
            "unit": None,
            "qualifier": None,
            "period": "2007年",
        },
    ]


def test_plan_to_records_of_example_3() -> None:
    """篇3 gives a row per item of its tree: its breakdowns with their totals, its
    projects without money, its periods as written."""
    records = examples.load("篇3").to_records()
    assert len(records) == 155
    breakdowns = [
        (r["path"], r["label"], r["figure"], r["value"], r["unit"], r["period"])
        for r in records
        if r["type"] == "breakdown"
    ][:3]
    assert breakdowns == [
        (
            "$.sections[0].sections[2].items[2]",
            "各级各类科技计划项目",
            "36项",
            Decimal("36"),
            "项",
            "十五",
        ),
        (
            "$.sections[0].sections[2].items[3]",
            "各级各类科技计划项目经费",
            "159.3万元",
            Decimal("159.3"),
            "万元",
            "十五",
        ),
        (
            "$.sections[0].sections[3].sections[0].items[1]",
            "各级星火计划项目",
            "108项",
            Decimal("108"),
            "项",
            "十五",
        ),
    ]
    projects = [(r["label"], r["value"], r["period"]) for r in records if r["type"] == "project"]
    assert projects == [
        ("XX县玉米制种产业富民强县工程", None, "十五"),
        ("XX县玉米制种产业富民强县工程", None, "20xx年"),
        ("XX县玉米制种产业富民强县科技示范工程", None, "20xx年"),
    ]
    last = records[-1]
    assert last == {
        "plan": "plan3",
        "path": "$.sections[3].sections[3].items[2]",
        "type": "task",
        "label": "科普宣传教育",
        "figure": None,
        "value": None,
        "upper": None,
        "unit": None,
        "qualifier": None,
        "period": "20xx年",
    }


@given(plans())
def test_plan_to_records_follows_walk_with_plain_cells(plan: Plan) -> None:
    """Plan.to_records() has a row per entry of walk(), in its order, every cell a str,
    Decimal or None; a value always comes with its unit."""
    records = plan.to_records()
    assert [r["path"] for r in records] == [e.path for e in plan.walk()]
    for row in records:
        assert list(row) == [
            "plan",
            "path",
            "type",
            "label",
            "figure",
            "value",
            "upper",
            "unit",
            "qualifier",
            "period",
        ]
        for cell in row.values():
            assert cell is None or type(cell) in (str, Decimal)
        if row["value"] is not None:
            assert row["unit"] is not None
        if row["figure"] is not None:
            assert Figure.parse(row["figure"]) is not None


def test_combined_to_records_gives_a_row_per_project() -> None:
    """Combined.to_records() gives a row per project kept, with its plan, money and
    whether its id is met in more than one plan."""
    a = Plan(
        id="A",
        title="甲县计划",
        kind=PlanKind.ANNUAL,
        region=Region(name="甲县"),
        sections=[Section(items=[project("p1", "10万元", level=Level.COUNTY, year=Year(2006))])],
    )
    b = Plan(
        id="B",
        title="乙县计划",
        kind=PlanKind.ANNUAL,
        sections=[Section(items=[project("p1", "99万元"), project("p2")])],
    )
    assert combine([a, b]).to_records() == [
        {
            "plan": "A",
            "path": "$.sections[0].items[0]",
            "id": "p1",
            "name": "项目p1",
            "programme": None,
            "level": "county",
            "status": None,
            "period": "2006年",
            "region": "甲县",
            "undertaker": None,
            "value": Decimal("10"),
            "unit": "万元",
            "repeated": True,
        },
        {
            "plan": "B",
            "path": "$.sections[0].items[1]",
            "id": "p2",
            "name": "项目p2",
            "programme": None,
            "level": None,
            "status": None,
            "period": None,
            "region": None,
            "undertaker": None,
            "value": None,
            "unit": None,
            "repeated": False,
        },
    ]


# -- frames ----------------------------------------------------------------------------------


DECIMAL = "decimal128(38, 10)[pyarrow]"


def cells(frame: pd.DataFrame, name: str) -> list[Any]:
    """A frame's column as Python values, a missing value as None."""
    return [None if v is pd.NA else v for v in frame[name].tolist()]


def rows_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as dicts, a missing value as None."""
    return [
        {k: (None if v is pd.NA else v) for k, v in row.items()} for row in frame.to_dict("records")
    ]


def assert_exact(frame: pd.DataFrame, columns: list[str]) -> None:
    """Each of ``columns`` is backed by Arrow's decimal128(38, 10): Decimals, never a float."""
    for column in columns:
        assert str(frame[column].dtype) == DECIMAL, column
        for cell in cells(frame, column):
            assert cell is None or type(cell) is Decimal, (column, cell)


ROLLUP_COLUMNS = [
    "value",
    "unit",
    "low",
    "high",
    "low_closed",
    "high_closed",
    "known",
    "written",
    "count",
]


def test_rollup_frame_writes_values_in_the_finest_unit() -> None:
    """A roll-up's frame has the unit in a column of its own, the values exact in the
    finest unit among them, keys as codes, counts as int64."""
    frame = rollup(BY_LEVEL, by="level").to_frame()
    assert list(frame.columns) == ["level", *ROLLUP_COLUMNS]
    assert [(r["level"], r["value"], r["unit"], r["count"]) for r in rows_of(frame)] == [
        ("national", Decimal("110000"), "元", 1),
        ("provincial", Decimal("1485000"), "元", 2),
    ]
    assert_exact(frame, ["value", "low", "high"])
    assert str(frame["level"].dtype) == "string[pyarrow]"
    assert str(frame["count"].dtype) == "int64[pyarrow]"


def test_rollup_frame_sums_exactly() -> None:
    """The value column sums and groups exactly (0.1 + 0.2 + 0.1 is 0.4 in 万元, never a
    float), and counts as a number where pandas picks numeric columns."""
    amounts = [Money("0.1", "万元"), Money("0.2", "万元"), Money("0.1", "万元")]
    frame = rollup(amounts, by=lambda m: str(m.magnitude)).to_frame()
    assert frame["value"].sum() == Decimal("0.4")
    assert type(frame["value"].sum()) is Decimal
    grouped = frame.groupby("unit")["value"].sum()
    assert grouped.to_dict() == {"万元": Decimal("0.4")}
    assert frame.sum(numeric_only=True)["value"] == Decimal("0.4")  # not dropped


def test_rollup_frame_uses_the_rollups_unit() -> None:
    """With unit= given, the frame writes every value in that unit."""
    frame = rollup(BY_LEVEL, by=("level", "year"), unit="万元").to_frame()
    assert list(frame.columns) == ["level", "year", *ROLLUP_COLUMNS]
    assert cells(frame, "value") == [Decimal("11"), Decimal("148.5")]
    assert cells(frame, "unit") == ["万元", "万元"]
    assert cells(frame, "year") == [None, None]


def test_rollup_frame_of_ranges_has_ends_and_inclusion() -> None:
    """Qualified sums give low and high ends and whether each is included; an exact
    group is its value with both ends included; a value not known is None throughout
    and not known."""
    done = [
        Achievement(indicator=TRAINED, figure=Figure.parse("1.2万人次"), period=Year(2006)),
        Achievement(indicator=TRAINED, figure=Figure.parse("3000余人次"), period=Year(2007)),
        Achievement(indicator=TRAINED, figure=Figure.parse("2万人次以上"), period=Year(2008)),
        Achievement(indicator=TRAINED, figure=Figure.parse("20xx人次"), period=Year(2009)),
    ]
    frame = rollup(done, by="period").to_frame()
    wanted = ["period", "value", "low", "high", "low_closed", "high_closed", "known", "written"]
    rows = [[row[c] for c in wanted] for row in rows_of(frame)]
    assert rows == [
        [
            "2006年",
            Decimal("12000"),
            Decimal("12000"),
            Decimal("12000"),
            True,
            True,
            True,
            "1.2万人次",
        ],
        ["2007年", None, Decimal("3000"), Decimal("4000"), False, False, True, "3000余人次"],
        ["2008年", None, Decimal("20000"), None, True, False, True, "2万人次以上"],
        ["2009年", None, None, None, None, None, False, "20xx人次"],
    ]
    assert cells(frame, "unit") == ["人次"] * 4
    assert_exact(frame, ["value", "low", "high"])
    assert str(frame["low_closed"].dtype) == "bool[pyarrow]"


def test_rollup_frame_of_unlike_things_names_each_rows_unit() -> None:
    """Groups that measure different things keep their own units, each row naming its own."""
    done = [
        Achievement(indicator=TRAINED, figure=Figure.parse("2万人次"), period=FiveYearPlan(10)),
        Achievement(indicator=WON, figure=Figure.parse("36项"), period=FiveYearPlan(10)),
        Achievement(indicator=MONEY, figure=Figure.parse("159.3万元"), period=FiveYearPlan(10)),
    ]
    frame = rollup(done, by=("indicator", "period")).to_frame()
    got = [(r["indicator"], r["period"], r["value"], r["unit"]) for r in rows_of(frame)]
    assert got == [
        ("培训人次", "“十五”", Decimal("2"), "万人次"),
        ("科技计划项目", "“十五”", Decimal("36"), "项"),
        ("项目经费", "“十五”", Decimal("159.3"), "万元"),
    ]
    assert_exact(frame, ["value"])


def test_rollup_frame_of_nothing_is_empty() -> None:
    """A roll-up of nothing is a frame with its columns, typed, and no rows."""
    frame = rollup([], by="level").to_frame()
    assert list(frame.columns) == ["level", *ROLLUP_COLUMNS]
    assert len(frame) == 0
    assert str(frame["value"].dtype) == DECIMAL


def test_rollup_frame_of_projects_without_money() -> None:
    """Projects without money of the stage are a value not known, not a zero."""
    frame = rollup(
        [project("a", "1万元", level=Level.NATIONAL), project("b")], by="level"
    ).to_frame()
    assert cells(frame, "value") == [Decimal("1"), None]
    assert cells(frame, "known") == [True, False]
    assert cells(frame, "unit") == ["万元", "万元"]
    assert cells(frame, "level") == ["national", None]


@given(
    st.lists(funded_projects(), max_size=8),
    st.sampled_from(("level", ("level", "source"))),
    st.sampled_from((None, "元", "万元", "亿元")),
)
def test_rollup_frame_values_equal_the_rollups(
    projects: list[Project], by: Any, unit: str | None
) -> None:
    """Every value of a roll-up's frame, read in its row's unit, is the roll-up's value
    for that group, exactly; the counts agree too."""
    r = rollup(projects, by=by, unit=unit)
    frame = r.to_frame()
    assert_exact(frame, ["value", "low", "high"])
    assert len(frame) == len(r)
    for (key, value), row in zip(r.items(), rows_of(frame), strict=True):
        assert row["count"] == r.count(key)
        if unit is not None:
            assert row["unit"] == unit
        if isinstance(value, Range):  # projects without money of the stage
            assert row["value"] is None
            if value.is_known:  # some have money: at least their sum, from the low end
                assert value.low is not None
                assert value.high is None
                assert Quantity(row["low"], row["unit"]) == value.low
                assert row["high"] is None
        else:
            assert Quantity(row["value"], row["unit"]) == value
            assert row["value"] == value.to(row["unit"]).magnitude


def test_report_frame_keeps_findings_as_text() -> None:
    """A report's frame has the findings' columns, text backed by Arrow, with what was
    expected and found written as the messages write them."""
    report = validate(examples.load("篇3"))
    frame = report.to_frame()
    assert list(frame.columns) == [
        "plan_id",
        "severity",
        "code",
        "path",
        "message",
        "expected",
        "actual",
        "source_document",
        "source_start",
        "source_end",
    ]
    assert all(str(dtype).endswith("[pyarrow]") for dtype in frame.dtypes)
    row = rows_of(frame)[2]
    assert {k: row[k] for k in list(row)[:7]} == {
        "plan_id": "plan3",
        "severity": "info",
        "code": "period.undecided",
        "path": "$.sections[0].sections[0].sections[2].items[0]",
        "message": "期间“20xx年”或所属期间“十五”含未知年份，无法核对",
        "expected": "十五",
        "actual": "20xx年",
    }


def test_report_frame_writes_figures_and_levels_as_text() -> None:
    """Figures, ranges and levels a finding holds are written as text, never floats."""
    report = Report(
        (
            Finding(
                "a",
                Severity.ERROR,
                "$",
                "不符",
                expected=Figure.parse("36项"),
                actual=Range(Quantity(35, "项"), Quantity(37, "项")),
            ),
            Finding("b", Severity.INFO, "$", "级别", expected=(Level.NATIONAL, Level.PROVINCIAL)),
        )
    )
    frame = report.to_frame()
    assert cells(frame, "expected") == ["36项", "国家级、省级"]
    assert cells(frame, "actual") == ["[35项, 37项]", None]


def test_plan_frame_keeps_decimals_and_units_per_row() -> None:
    """A plan's frame is its records, values Arrow decimals with each row's unit beside
    them; with a kind, the table of that kind."""
    plan = examples.load("篇3")
    frame = plan.to_frame()
    assert rows_of(frame) == plan.to_records()
    assert_exact(frame, ["value", "upper"])
    money_rows = frame[frame["unit"] == "万元"]
    assert money_rows["value"].tolist() == [
        Decimal("159.3"),
        Decimal("159.3"),
        Decimal("38.5"),
        Decimal("38.5"),
    ]
    parts = plan.to_frame("parts")
    assert len(parts) == plan.to_arrow()["parts"].num_rows
    with pytest.raises(InvalidValueError, match="'project' is none of plans, projects"):
        plan.to_frame("project")


def test_frames_of_small_inputs() -> None:
    """The small plan's frame has the rows of its records, in order."""
    frame = small_plan().to_frame()
    assert cells(frame, "value") == [
        Decimal("2"),
        None,
        Decimal("10"),
        Decimal("3"),
        Decimal("115000"),
        None,
        None,
        None,
    ]
    assert cells(frame, "unit")[:4] == ["万人次", None, "项", "万元"]


@pytest.mark.parametrize(
    "make",
    [
        lambda: rollup(BY_LEVEL, by="level"),
        lambda: validate(small_plan()),
        small_plan,
    ],
    ids=["Rollup", "Report", "Plan"],
)
def test_to_frame_without_pandas_says_which_extra(
    monkeypatch: pytest.MonkeyPatch, make: Any
) -> None:
    """Without pandas, to_frame() raises an ImportError naming the frame extra; without
    pyarrow, to_arrow() names the arrow extra."""
    obj = make()
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError) as caught:
        obj.to_frame()
    assert (
        str(caught.value)
        == 'to_frame() needs pandas and pyarrow: pip install "sciplan_model[frame]"'
    )
    assert caught.value.name == "pandas"
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError) as caught:
        obj.to_arrow()
    assert str(caught.value) == 'Arrow tables need pyarrow: pip install "sciplan_model[arrow]"'
    assert caught.value.name == "pyarrow"


def test_records_need_no_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    """to_records() and _repr_html_ work without pandas."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    plan = small_plan()
    assert len(plan.to_records()) == 8
    assert len(combine([plan]).to_records()) == 2
    assert "<table" in rollup(BY_LEVEL, by="level")._repr_html_()


def test_rollup_frame_keys_of_several_fields() -> None:
    """Several key fields are a column each; a stage or a source is its code."""
    projects = [
        Project(
            id="a",
            name="甲",
            level=Level.NATIONAL,
            funding=[
                Funding(amount=money("30万元"), source=FundingSource.NATIONAL),
                Funding(
                    amount=money("5万元"), source=FundingSource.NATIONAL, stage=FundingStage.SPENT
                ),
            ],
        )
    ]
    frame = rollup(projects, by=("level", "stage")).to_frame()
    got = [(r["level"], r["stage"], r["value"], r["unit"], r["count"]) for r in rows_of(frame)]
    assert got == [
        ("national", FundingStage.ALLOCATED.value, Decimal("30"), "万元", 1),
        ("national", FundingStage.SPENT.value, Decimal("5"), "万元", 1),
    ]


def test_levels_of_the_strategies_are_codes() -> None:
    """Every level the roll-up strategies draw is written as its code, which reads back."""
    projects = [project(str(k), "1元", level=level) for k, level in enumerate(ROLLUP_LEVELS)]
    frame = rollup(projects, by="level").to_frame()
    assert [Level(code) for code in cells(frame, "level")] == list(ROLLUP_LEVELS)


def test_rollup_type_is_unchanged() -> None:
    """Roll-ups are still mappings of their values (to_frame adds, never replaces)."""
    r = rollup(BY_LEVEL, by="level")
    assert isinstance(r, Rollup)
    assert dict(r) == {Level.NATIONAL: money("11万元"), Level.PROVINCIAL: money("1485000元")}


def test_rollup_frame_never_rounds_into_its_unit() -> None:
    """A value with no exact form in the roll-up's unit (1亩 in 公顷) keeps its own unit,
    named in its row, rather than being rounded."""
    r = Rollup(
        ("k",), {"a": Quantity("1", "亩"), "b": Quantity("1", "公顷")}, {"a": 1, "b": 1}, "公顷"
    )
    frame = r.to_frame()
    assert [(row["value"], row["unit"]) for row in rows_of(frame)] == [
        (Decimal("1"), "亩"),
        (Decimal("1"), "公顷"),
    ]


def test_table_headers_say_their_own_colour_on_their_own_background() -> None:
    """A dark notebook theme sets white text; a header on a light background of its own
    must set its text colour too, or it cannot be read."""
    import re

    from sciplan_model import examples, rollup, summarize, validate

    plan = examples.load("篇3")
    pages = [
        rollup(plan.projects(), by="level")._repr_html_(),
        validate(plan)._repr_html_(),
        summarize(plan).to_html(),
    ]
    for page in pages:
        styles = re.findall(r'<th[^>]*style="([^"]*)"', page)
        styles += re.findall(r"\bth[^{;]*\{([^}]*)\}", page)
        assert styles
        for style in styles:
            if "background" in style:
                assert "color:" in style.replace("background-color", "")
