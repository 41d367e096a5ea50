"""Tests of summarize(): a plan's report as text, Markdown and HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from sciplan_model import (
    Achievement,
    Figure,
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
    Region,
    Section,
    Summary,
    Year,
    examples,
    summarize,
)
from sciplan_model._page import bar_chart

COUNTY = Region(name="甲县", level=Level.COUNTY)
WON = Indicator(name="科技计划项目", unit="项", key="won")


def funded_plan(id: str = "a", region: Region = COUNTY) -> Plan:
    """A county plan for 2006 with two funded projects, a goal and its result."""

    def project(pid: str, level: Level, amount: str, source: FundingSource) -> Project:
        line = Funding(amount=Money(amount, "万元"), source=source)
        spent = Funding(amount=Money("1", "万元"), source=source, stage=FundingStage.SPENT)
        return Project(id=pid, name=f"项目{pid}", level=level, funding=[line, spent])

    return Plan(
        id=id,
        title="科技工作计划",
        kind=PlanKind.ANNUAL,
        region=region,
        period=Year(2006),
        sections=[
            Section(
                label="一、",
                title="项目",
                items=[
                    project(f"{id}1", Level.NATIONAL, "11", FundingSource.NATIONAL),
                    project(f"{id}2", Level.PROVINCIAL, "97", FundingSource.PROVINCIAL),
                ],
            ),
            Section(
                label="二、",
                title="目标与成绩",
                items=[
                    Goal(indicator=WON, figure=Figure.parse("2项以上")),
                    Achievement(indicator=WON, figure=Figure.parse("3项")),
                ],
            ),
        ],
    )


class _Text(HTMLParser):
    """The text and the tags of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: str) -> _Text:
    """``page`` parsed."""
    p = _Text()
    p.feed(page)
    p.close()
    return p


def test_the_seed_plan_report_holds_its_outline_statements_and_validation() -> None:
    """篇3's report: heading, outline, its stated money by level, no goals, validation."""
    s = summarize(examples.load("篇3"), made="2026-12-03")
    text = str(s)
    lines = text.splitlines()
    assert lines[0] == "科技工作计划 篇3（工作总结，XX县，2001-2010年）"
    assert lines[1] == (
        "发文单位：XX县科技局　地区：XX县　期间：2001-2010年　类型：工作总结　金额单位：万元　"
        "经费口径：下达经费　生成日期：2026年12月3日　来源文件：work-plans-1-3.txt"
    )
    assert "一、“十五”期间的科技工作（5条）" in lines
    assert "所列3个项目均未注明下达经费。" in lines
    assert any(
        line.startswith(
            "一、“十五”期间的科技工作 › 3、项目建设取得新成就  各级各类科技计划项目经费"
        )
        and "159.3万元  国家级11万元、省级97万元、市级51.3万元" in line
        and line.endswith("相符")
        for line in lines
    )
    assert "【成果（按章节）】" in lines  # a review: its achievements before all else
    assert lines.index("【成果（按章节）】") < lines.index("【计划所述合计与分项（共…其中…）】")
    assert "【目标与完成情况】" not in lines
    assert "【目标】" not in lines
    assert "通过：0个错误，0个警告，5个提示" in lines
    assert not s.funded
    assert repr(s) == "Summary(plan3: 3 projects, 0 goals, 68 achievements, 10 statements)"


def test_a_funded_plan_shows_its_money_four_ways_of_one_stage() -> None:
    """Money of the allocated stage by level and source (spent lines left out)."""
    s = summarize(funded_plan())
    assert s.funded
    assert s.totals["level"] == {
        Level.NATIONAL: Money("11", "万元"),
        Level.PROVINCIAL: Money("97", "万元"),
    }
    assert s.totals["level"].total == Money("108", "万元")
    text = str(s)
    assert "【项目经费（下达，2个项目）】" in text
    assert "合计    108万元  2" in text
    spent = summarize(funded_plan(), stage=FundingStage.SPENT)
    assert spent.totals["level"].total == Money("2", "万元")


def test_goals_are_held_against_results_of_their_indicator_and_place() -> None:
    """The goal 2项以上 against 3项 is met at 150%."""
    s = summarize(funded_plan())
    (line,) = s.lines
    assert line.attainment is not None
    assert (line.indicator, line.period, str(line.target)) == ("科技计划项目", "2006年", "2项以上")
    assert (line.attainment.percent(), line.attainment.verdict.chinese) == ("150.0%", "已完成")
    # the period is the plan's own, said in the header: no column for it
    assert "二、目标与成绩  科技计划项目  2项以上  确保  3项   150.0%  已完成" in str(s)
    assert line.requirement == "确保"


def test_a_goal_without_a_result_says_so() -> None:
    """A goal whose indicator has no result in its place reads 无对应结果."""
    plan = funded_plan()
    other = Plan(id="b", title="另一县", kind=PlanKind.ANNUAL, region=Region(name="乙县"),
                 sections=[Section(items=[Goal(indicator=WON, figure=Figure.parse("5项"))])])  # fmt: skip
    s = summarize([plan, other])
    assert [x.attainment is None for x in s.lines] == [False, True]
    assert "无对应结果" in str(s)


def test_plans_reported_together_count_a_shared_project_once() -> None:
    """Two county plans listing one project: the money is counted once."""
    a = funded_plan("a")
    b = funded_plan("a", Region(name="乙县", level=Level.COUNTY))
    b = Plan(id="b", title="乙县计划", kind=PlanKind.ANNUAL, region=b.region, sections=b.sections)
    s = summarize([a, b])
    assert s.totals["level"].total == Money("108", "万元")
    assert str(s).splitlines()[0] == "2份计划合并：科技工作计划、乙县计划"


def test_markdown_has_headings_and_pipe_tables() -> None:
    """to_markdown() writes headings and pipe tables, a | in text escaped."""
    md = summarize(funded_plan()).to_markdown().splitlines()
    assert md[0] == "# 科技工作计划（年度计划，甲县，2006年）"
    assert "## 目标与完成情况" in md
    assert "| 国家级 | 11万元 | 1 |" in md


def test_the_html_page_is_self_contained_with_three_charts() -> None:
    """to_html(): one page, no script, no external resource, three SVG charts."""
    page = summarize(funded_plan()).to_html()
    p = parsed(page)
    assert page.startswith("<!DOCTYPE html>")
    assert not {"script", "link", "img"} & set(p.tags)
    assert p.tags.count("svg") == 3
    for chart in ("chart-level", "chart-source", "chart-attainment"):
        assert f'id="{chart}"' in page
    text = "".join(p.text)
    for label in ("项目经费（下达）按级别", "按资金来源", "目标完成率", "国家级", "150.0%"):
        assert label in text
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_text_from_a_plan_is_escaped_in_html() -> None:
    """A title with <b> stays text in the HTML page."""
    plan = Plan(id="x", title="<b>计划</b>", kind=PlanKind.ANNUAL)
    page = summarize(plan).to_html()
    assert "&lt;b&gt;计划&lt;/b&gt;" in page
    assert "<b>计划" not in page


@pytest.mark.parametrize(
    ("rows", "widths"),
    [
        (
            [("甲", Money("1", "万元"), "1万元"), ("乙", Money("2", "万元"), "2万元")],
            ["360.0", "180.0"],
        ),
        ([("甲", Money("1", "元"), "1元"), ("乙", Money("3", "元"), "3元")], ["360.0", "120.0"]),
        (
            [("甲", Money("97", "万元"), "97万元"), ("乙", Money("11", "万元"), "11万元")],
            ["349.2", "39.6"],
        ),
    ],
)
def test_bars_are_scaled_exactly_on_a_scale_of_round_steps(rows: list, widths: list[str]) -> None:  # type: ignore[type-arg]
    """Bars are sorted largest first and drawn in proportion (to 0.1) on a scale that
    ends on a round step at or above the largest value (97万元 on a scale to 100)."""
    svg = bar_chart("c", "标题", rows, "无")
    found = [part.split('"')[0] for part in svg.split('width="')[2:]]
    assert found == widths


def test_a_chart_has_a_scale_with_its_unit_and_a_title_on_hover() -> None:
    """Under the bars, round steps (0, 50, 100万元); each row says its value on hover,
    with the values a range allows."""
    rows = [
        ("国家级", Money("11", "万元"), "11万元"),
        ("省级", Money("97", "万元"), "97万元"),
        ("县级", Figure.parse("20余万元").range, "20余万元"),
    ]
    svg = bar_chart("c", "标题", rows, "无")
    p = parsed(svg)
    assert [t for t in p.text if t in ("国家级", "省级", "县级")] == ["省级", "县级", "国家级"]
    assert [t for t in p.text if t in ("0", "50", "100万元")] == ["0", "50", "100万元"]
    assert "县级：20余万元（取值 (20万元, 30万元)）" in p.text


def test_an_empty_chart_says_why() -> None:
    """A chart without rows shows its message."""
    assert "无经费数据" in bar_chart("c", "标题", [], "无经费数据")


def test_the_notebook_shows_the_report() -> None:
    """Summary._repr_html_ holds the page's parts and text, with inline styles only
    (no style sheet of its own, no script)."""
    s = summarize(funded_plan(), made="2026-12-03")
    fragment, page = parsed(s._repr_html_()), parsed(s.to_html())
    assert set(fragment.text) <= set(page.text)
    assert "2项以上" in fragment.text
    assert "150.0%" in fragment.text
    assert not {"script", "style", "link"} & set(fragment.tags)
    assert fragment.tags.count("table") == page.tags.count("table")
    assert isinstance(s, Summary)


def test_the_seed_plans_period_is_named() -> None:
    """A plan for 十五 is named by its five-year plan."""
    plan = Plan(id="x", title="规划", kind=PlanKind.FIVE_YEAR, period=FiveYearPlan(11))
    assert str(summarize(plan)).splitlines()[0] == "规划（五年规划，十一五）"


def test_findings_are_placed_by_the_plans_own_numbering() -> None:
    """A finding's place reads as the plan numbers it (一、 › 3、 › 第4条), not as a path."""
    from sciplan_model._cli import DEMO_EDIT, _edit

    edited = _edit(examples.load("篇3"), *DEMO_EDIT)
    lines = str(summarize(edited)).splitlines()
    assert any(
        line.startswith("错误  一、 › 3、 › 第4条         分项之和160.3万元与合计159.3万元不符")
        and line.endswith("breakdown.sum")
        for line in lines
    )
    assert "一、 › 3、 › 第4条" in summarize(edited).to_html()


def test_targets_are_shown_as_written() -> None:
    """A goal written 争取16项以上 reads so in the report, not in a canonical form."""
    plan = Plan(
        id="g",
        title="计划",
        kind=PlanKind.ANNUAL,
        sections=[Section(items=[Goal(indicator=WON, figure=Figure.parse("争取16项以上"))])],
    )
    assert "争取16项以上" in str(summarize(plan))


def test_plans_side_by_side_have_a_column_each_for_floors_and_stretches() -> None:
    """Two plans, one with a floor and a stretch for one indicator: the table of targets
    side by side fills each plan's column (the stretch in its own row)."""
    a = Plan(id="a", title="甲县计划", kind=PlanKind.ANNUAL, region=COUNTY, period=Year(2026),
             sections=[Section(items=[Goal(indicator=WON, figure=Figure.parse("10项")),
                                      Goal(indicator=WON, figure=Figure.parse("力争12项"))])])  # fmt: skip
    b = Plan(id="b", title="乙县计划", kind=PlanKind.ANNUAL, region=Region(name="乙县"),
             period=Year(2026), sections=[Section(items=[Goal(indicator=WON, figure=Figure.parse("8项"))])])  # fmt: skip
    text = str(summarize([a, b], made="2026-12-03"))
    table = text[text.index("各计划目标对照") :].split("\n\n")[0].splitlines()
    assert table[1].split() == ["指标", "期间", "力争", "甲县", "乙县", "合计"]
    assert table[3].split() == ["科技计划项目", "2026年", "否", "10项", "8项", "18项"]
    assert table[4].split() == ["科技计划项目", "2026年", "是", "力争12项", "—", "力争12项"]
