"""Tests of the roll-ups and of what they walk: Plan.walk and its entries, Region.at,
rollup, combine, over_period, attainment, growth and percent."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sciplan_model import (
    Achievement,
    Aggregation,
    Attainment,
    Breakdown,
    BreakdownPart,
    Combined,
    DivisionByZeroError,
    Entry,
    Figure,
    FiveYearPlan,
    Funding,
    FundingSource,
    FundingStage,
    Goal,
    Indicator,
    InvalidValueError,
    Level,
    Measure,
    Money,
    Note,
    Organization,
    Plan,
    PlanKind,
    Project,
    ProjectStatus,
    Quantity,
    Range,
    Region,
    Rollup,
    Section,
    Task,
    UnitMismatchError,
    Verdict,
    WrongTypeError,
    Year,
    YearSpan,
    attainment,
    combine,
    examples,
    growth,
    over_period,
    percent,
    project_value,
    rollup,
    total,
    validate,
)
from strategies import (
    ROLLUP_MONEY_UNITS,
    counted,
    funded_projects,
    sharing_plans,
)

NATIONAL, PROVINCIAL, ENTERPRISE = (
    FundingSource.NATIONAL,
    FundingSource.PROVINCIAL,
    FundingSource.ENTERPRISE,
)
ALLOCATED, SPENT = FundingStage.ALLOCATED, FundingStage.SPENT
GANSU = Region(name="甘肃省", code="620000", level=Level.PROVINCIAL)
CITY = Region(name="XX市", level=Level.MUNICIPAL, parent=GANSU)
COUNTY_A = Region(name="甲县", level=Level.COUNTY, parent=CITY)
COUNTY_B = Region(name="乙县", level=Level.COUNTY, parent=CITY)
VILLAGE = Region(name="丙村", level=Level.VILLAGE, parent=COUNTY_A)
OTHER_PROVINCE = Region(name="丁省", level=Level.PROVINCIAL)
TRAINED = Indicator(name="培训人次", unit="人次", key="trained")
WON = Indicator(name="科技计划项目", unit="项", same_as=("个",))
FIRMS = Indicator(name="高新技术企业", unit="家", aggregation=Aggregation.STOCK)
FUNDS = Indicator(name="科技经费", unit="万元")
TWENTY_XX = Year.parse("20xx年")
#: The heavier properties run a share of the profile's examples, to keep the file quick.
HALF = settings(max_examples=max(10, settings().max_examples // 2))
QUARTER = settings(max_examples=max(10, settings().max_examples // 4))


def fig(text: str) -> Figure:
    """A figure read from its text."""
    return Figure.parse(text)


def q(text: str) -> Quantity:
    """An exact amount read from its text (30万元, 5项)."""
    return Quantity.parse(text)


def ach(
    text: str,
    period: Any = None,
    indicator: Indicator = TRAINED,
    region: Region | None = None,
) -> Achievement:
    """An achievement of ``indicator`` with the figure ``text``."""
    return Achievement(indicator=indicator, figure=fig(text), period=period, region=region)


def goal(text: str, period: Any = None, indicator: Indicator = TRAINED) -> Goal:
    """A goal of ``indicator`` with the figure ``text``."""
    return Goal(indicator=indicator, figure=fig(text), period=period)


def line(amount: str, source: FundingSource = NATIONAL, stage: FundingStage = ALLOCATED) -> Funding:
    """A funding line of ``amount`` (30万元)."""
    return Funding(amount=Money.parse(amount), source=source, stage=stage)


def project(id: str, *lines: Funding, **fields: Any) -> Project:
    """A project ``id`` with its funding lines and any other fields."""
    return Project(id=id, name=f"项目{id}", funding=lines, **fields)


def plan(id: str, *items: Any, region: Region | None = None, period: Any = None) -> Plan:
    """A plan of one section holding ``items``."""
    return Plan(
        id=id,
        title="科技工作计划",
        kind=PlanKind.ANNUAL,
        region=region,
        period=period,
        sections=[Section(items=items)],
    )


def _refusal(build: Callable[[], object], error: type[Exception], message: str) -> Exception:
    """Call ``build()``, expecting ``error`` with exactly ``message``; return the error."""
    with pytest.raises(error) as excinfo:
        build()
    assert type(excinfo.value) is error
    assert str(excinfo.value) == message
    return excinfo.value


# -- Plan.walk and its entries ---------------------------------------------------------------

TASK = Task(goals=[goal("300人次"), goal("5人次", Year(2009))])
WALKED = Plan(
    id="walked",
    title="XX县科技工作计划",
    kind=PlanKind.FIVE_YEAR,
    region=COUNTY_A,
    period=FiveYearPlan(11),
    sections=[
        Section(
            items=[ach("100人次"), project("p1", line("1万元"), year=Year(2007))],
            sections=[
                Section(
                    period=Year(2006),
                    items=[ach("200人次", region=VILLAGE), TASK, project("p2", line("2万元"))],
                ),
                Section(items=[Measure(title="完善投入机制")]),
                Section(
                    period=Year(2008),
                    items=[Note(title="建立科技信息网络"), ach("1人次", Year(2010))],
                ),
            ],
        ),
        Section(items=[goal("7人次")]),
    ],
)

#: Every entry of WALKED: its path and the period it is for.
WALKED_ENTRIES = [
    ("$.sections[0].items[0]", FiveYearPlan(11)),
    ("$.sections[0].items[1]", Year(2007)),
    ("$.sections[0].sections[0].items[0]", Year(2006)),
    ("$.sections[0].sections[0].items[1]", Year(2006)),
    ("$.sections[0].sections[0].items[1].goals[0]", Year(2006)),
    ("$.sections[0].sections[0].items[1].goals[1]", Year(2009)),
    ("$.sections[0].sections[0].items[2]", Year(2006)),
    ("$.sections[0].sections[1].items[0]", FiveYearPlan(11)),
    ("$.sections[0].sections[2].items[0]", Year(2008)),
    ("$.sections[0].sections[2].items[1]", Year(2010)),
    ("$.sections[1].items[0]", FiveYearPlan(11)),
]


def test_walk_paths_are_in_document_shape() -> None:
    """walk() yields every item in document order, with its path as the plan's JSON has it."""
    assert [e.path for e in WALKED.walk()] == [path for path, _ in WALKED_ENTRIES]
    entries = list(WALKED.walk())
    assert all(type(e) is Entry and e.plan is WALKED for e in entries)
    assert entries[3].item is TASK
    assert entries[4].item is TASK.goals[0]
    assert entries[9].item == ach("1人次", Year(2010))


def test_walk_periods_are_inherited() -> None:
    """An entry's period is its item's own (a project's year), else its section's, else the plan's."""
    assert [(e.path, e.period) for e in WALKED.walk()] == WALKED_ENTRIES
    bare = Plan(id="x", title="t", kind=PlanKind.ANNUAL, sections=[Section(items=[ach("1人次")])])
    assert [e.period for e in bare.walk()] == [None]


def test_walk_keeps_only_the_types_asked_for() -> None:
    """walk(*types) yields items of those types only; a task's goals come with Goal."""
    assert [e.path for e in WALKED.walk(Goal, Project)] == [
        "$.sections[0].items[1]",
        "$.sections[0].sections[0].items[1].goals[0]",
        "$.sections[0].sections[0].items[1].goals[1]",
        "$.sections[0].sections[0].items[2]",
        "$.sections[1].items[0]",
    ]
    assert [e.path for e in WALKED.walk(Task)] == ["$.sections[0].sections[0].items[1]"]
    assert [e.path for e in WALKED.walk(Measure, Note)] == [
        "$.sections[0].sections[1].items[0]",
        "$.sections[0].sections[2].items[0]",
    ]
    assert list(WALKED.walk(Breakdown)) == []
    assert len(list(WALKED.walk())) == len(
        list(WALKED.walk(*{type(e.item) for e in WALKED.walk()}))
    )


def test_plan_collects_items_of_one_kind() -> None:
    """projects(), goals() (those of tasks too) and achievements() list items in document order."""
    assert [p.id for p in WALKED.projects()] == ["p1", "p2"]
    assert WALKED.goals() == (*TASK.goals, goal("7人次"))
    assert [str(a.figure) for a in WALKED.achievements()] == ["100人次", "200人次", "1人次"]
    assert WALKED.breakdowns() == ()


def test_entry_region_is_the_items_own_or_the_plans() -> None:
    """Entry.region is the item's own region where it names one, or else the plan's."""
    regions = [e.region for e in WALKED.walk(Achievement)]
    assert regions == [COUNTY_A, VILLAGE, COUNTY_A]
    assert [e.region for e in plan("x", ach("1人次")).walk()] == [None]
    assert [e.region for e in plan("x", ach("1人次", region=VILLAGE)).walk()] == [VILLAGE]


def test_entry_repr_shows_path_and_item() -> None:
    """An entry's repr is its path and its item."""
    first = next(WALKED.walk())
    assert (
        repr(first)
        == "Entry('$.sections[0].items[0]', Achievement(indicator='培训人次', figure='100人次'))"
    )


def test_seed_plan_3_items() -> None:
    """篇3 holds 3 projects, 10 breakdowns, 68 achievements and no goals, as walk() finds them."""
    p3 = examples.load("篇3")
    assert len(p3.projects()) == 3
    assert len(p3.breakdowns()) == 10
    assert len(p3.achievements()) == 68
    assert p3.goals() == ()
    assert p3.projects() == tuple(e.item for e in p3.walk(Project))
    assert len(list(p3.walk(Achievement))) == 68
    assert [p.id for p in p3.projects()] == ["plan3-p1", "plan3-p2", "plan3-p3"]


def test_seed_plan_3_paths_and_periods() -> None:
    """篇3's entries carry the paths and the periods of their sections."""
    p3 = examples.load("篇3")
    first = next(p3.walk(Breakdown))
    assert isinstance(first.item, Breakdown)
    assert (first.path, str(first.item.total), first.period) == (
        "$.sections[0].sections[2].items[2]",
        "36项",
        FiveYearPlan(10),
    )
    assert [(e.path, e.period) for e in p3.walk(Project)] == [
        ("$.sections[0].sections[7].sections[1].items[0]", FiveYearPlan(10)),
        ("$.sections[1].sections[8].items[0]", TWENTY_XX),
        ("$.sections[3].sections[0].items[4]", TWENTY_XX),
    ]
    assert p3.region is not None
    assert p3.region.name == "XX县"
    own = [(e.path, e.region) for e in p3.walk() if e.region != p3.region]
    assert [(path, r.name if r else None) for path, r in own] == [
        ("$.sections[1].sections[6].items[0]", "新华镇向前村")
    ]


@pytest.mark.parametrize(
    ("region", "level", "found"),
    [
        (COUNTY_A, Level.COUNTY, COUNTY_A),
        (COUNTY_A, Level.MUNICIPAL, CITY),
        (COUNTY_A, Level.PROVINCIAL, GANSU),
        (VILLAGE, Level.MUNICIPAL, CITY),
        (COUNTY_A, Level.NATIONAL, None),
        (COUNTY_A, Level.VILLAGE, None),
        (GANSU, Level.COUNTY, None),
        (Region(name="某地"), Level.COUNTY, None),
        (Region(name="某镇", parent=COUNTY_B), Level.COUNTY, COUNTY_B),
    ],
)
def test_region_at_a_level(region: Region, level: Level, found: Region | None) -> None:
    """Region.at(level) is the region itself or the one above it at that level, or None."""
    assert region.at(level) == found


# -- rollup: keys ------------------------------------------------------------------------------

MIXED = [
    project(
        "a",
        line("30万元"),
        line("50万元", ENTERPRISE),
        line("20万元", stage=SPENT),
        level=Level.NATIONAL,
    ),
    project("b", line("1亿元", PROVINCIAL), level=Level.PROVINCIAL),
    project("c", line("5元", PROVINCIAL, SPENT)),
    project("d", level=Level.COUNTY),
]


def test_rollup_by_a_field_sums_allocated_funding() -> None:
    """Projects roll up by a field to the sum of their allocated funding; stages are not mixed."""
    by_level = rollup(MIXED, by="level")
    assert type(by_level) is Rollup
    assert by_level.by == ("level",)
    assert dict(by_level) == {
        Level.NATIONAL: q("80万元"),
        Level.PROVINCIAL: q("1亿元"),
        Level.COUNTY: Range.unknown("万元"),
        None: Range.unknown("万元"),
    }
    assert [by_level.count(k) for k in by_level] == [1, 1, 1, 1]
    # the county and the unstated level state no money: the total is at least the rest
    assert repr(by_level.total) == "Range('[10080万元, ∞)')"
    assert repr(by_level[Level.NATIONAL]) == "Money('80', '万元')"
    assert rollup(MIXED[:2], by="level").total == q("10080万元")


def test_rollup_of_another_stage() -> None:
    """stage= sums the lines of that stage only; a group with none of them is not known."""
    spent = rollup(MIXED, by="level", stage=SPENT)
    assert dict(spent) == {
        Level.NATIONAL: q("20万元"),
        Level.PROVINCIAL: Range.unknown("元"),
        Level.COUNTY: Range.unknown("元"),
        None: q("5元"),
    }
    assert repr(spent[Level.PROVINCIAL]) == "Range('unknown 元')"
    assert repr(spent.total) == "Range('[200005元, ∞)')"
    assert rollup([MIXED[0], MIXED[2]], by="level", stage=SPENT).total == q("200005元")


def test_project_value() -> None:
    """project_value is the sum of a project's lines of one stage, None when it has none."""
    a = MIXED[0]
    assert repr(project_value(a)) == "Money('80', '万元')"
    assert project_value(a, SPENT) == q("20万元")
    assert project_value(a, FundingStage.PLANNED) is None
    assert project_value(MIXED[3]) is None
    mixed_units = project("m", line("1亿元"), line("3元"))
    assert repr(project_value(mixed_units)) == "Money('100000003', '元')"


def test_a_group_of_projects_without_funding_of_the_stage_is_money_not_known() -> None:
    """Projects without funding of the stage are a group of money not known, and still count."""
    r = rollup(
        [project("x", level=Level.COUNTY), project("y", line("3万元"), level=Level.NATIONAL)],
        by="level",
    )
    assert list(r.items()) == [(Level.NATIONAL, q("3万元")), (Level.COUNTY, Range.unknown("万元"))]
    assert repr(r[Level.COUNTY]) == "Range('unknown 万元')"
    assert r.count(Level.COUNTY) == 1
    assert repr(r.total) == "Range('[3万元, ∞)')"  # as in one group of both projects
    assert r.total == rollup(r_items := [project("x"), project("y", line("3万元"))])[()]
    assert len(r_items) == 2
    alone = rollup([project("x")], by="level")
    assert repr(alone[None]) == "Range('unknown 元')"
    assert repr(alone.total) == "Range('unknown 元')"
    in_yi = rollup([project("x")], by="level", unit="亿元")
    assert repr(in_yi[None]) == "Range('unknown 亿元')"


def test_a_group_with_some_funded_projects_sums_their_funding() -> None:
    """A group where only some projects have funding of the stage is at least their sum
    (the others' money is not known, so it is never taken as the whole); all count."""
    r = rollup(
        [project("x", level=Level.COUNTY), project("y", line("3万元"), level=Level.COUNTY)],
        by="level",
    )
    assert dict(r) == {Level.COUNTY: Range(q("3万元"), None)}
    assert str(r[Level.COUNTY]) == "[3万元, ∞)"
    assert r.count(Level.COUNTY) == 2
    assert r.total == Range(q("3万元"), None)
    assert rollup([project("x"), project("y", line("0元"))])[()] == Range(q("0元"), None)
    assert rollup([project("y", line("0元"))])[()] == q("0元")


def test_a_group_of_projects_without_funding_is_money_beside_other_dimensions() -> None:
    """A group of projects without funding is money not known even beside groups in 人次."""
    walked = Plan(
        id="x",
        title="t",
        kind=PlanKind.ANNUAL,
        sections=[Section(period=Year(2006), items=[ach("5人次"), project("p", year=Year(2007))])],
    )
    r = rollup(walked.walk(Achievement, Project), by="period")
    assert r[Year(2006)] == q("5人次")
    unknown = r[Year(2007)]
    assert isinstance(unknown, Range)
    assert not unknown.is_known
    assert unknown.dimension == q("1元").dimension
    assert repr(unknown) == "Range('unknown 元')"
    assert r.total is None


def test_rollup_by_a_tuple_of_fields() -> None:
    """A tuple of field names groups by tuple keys."""
    items = [
        project("a", line("1万元"), level=Level.COUNTY, year=Year(2006)),
        project("b", line("2万元"), level=Level.COUNTY, year=Year(2006)),
        project("c", line("4万元"), level=Level.COUNTY, year=Year(2007)),
        project("d", line("8万元"), level=Level.NATIONAL, year=Year(2007)),
    ]
    r = rollup(items, by=("level", "year"))
    assert r.by == ("level", "year")
    assert list(r.items()) == [
        ((Level.NATIONAL, Year(2007)), q("8万元")),
        ((Level.COUNTY, Year(2006)), q("3万元")),
        ((Level.COUNTY, Year(2007)), q("4万元")),
    ]
    assert r.count((Level.COUNTY, Year(2006))) == 2


def test_rollup_by_a_dotted_path() -> None:
    """A dotted name follows fields of fields; a missing step gives None."""
    firm = Organization(name="甲公司", region=COUNTY_A)
    other = Organization(name="乙公司", region=GANSU)
    items = [
        project("x", line("1万元"), undertaker=firm),
        project("y", line("2万元")),
        project("z", line("3万元"), undertaker=other),
        project("w", line("4万元"), undertaker=firm),
    ]
    by_name = rollup(items, by="undertaker.name")
    assert dict(by_name) == {"甲公司": q("5万元"), "乙公司": q("3万元"), None: q("2万元")}
    assert list(by_name)[-1] is None
    by_parent = rollup(items, by="undertaker.region.parent")
    assert dict(by_parent) == {CITY: q("5万元"), None: q("5万元")}
    assert by_parent.count(None) == 2
    both = rollup(items, by=("undertaker.name", "level"))
    assert dict(both) == {
        ("甲公司", None): q("5万元"),
        ("乙公司", None): q("3万元"),
        (None, None): q("2万元"),
    }


def test_rollup_by_a_function() -> None:
    """A function of an item is a key; the roll-up is by the function's name."""

    def big(p: Project) -> bool:
        value = project_value(p)
        return value is not None and value > q("100万元")

    r = rollup(MIXED, by=big)
    assert r.by == ("big",)
    # c and d state no allocated money: the small group is at least a's 80万元
    assert dict(r) == {False: Range(q("80万元"), None), True: q("1亿元")}
    assert (r.count(False), r.count(True)) == (3, 1)
    assert rollup(MIXED, by=lambda p: p.id).by == ("<lambda>",)


def test_rollup_without_by_is_one_group() -> None:
    """With no by, everything is one group under the empty key ()."""
    r = rollup(MIXED)
    assert r.by == ()
    assert dict(r) == {(): Range(q("10080万元"), None)}
    assert r.count(()) == 4


def test_grouping_projects_by_source_sums_funding_lines() -> None:
    """Grouped by source, projects open into their funding lines of the stage: only those count."""
    r = rollup(MIXED, by="source")
    assert dict(r) == {NATIONAL: q("30万元"), PROVINCIAL: q("1亿元"), ENTERPRISE: q("50万元")}
    assert list(r) == [NATIONAL, PROVINCIAL, ENTERPRISE]
    assert [r.count(k) for k in r] == [1, 1, 1]
    assert r.total == q("10080万元")
    spent = rollup(MIXED, by="source", stage=SPENT)
    assert dict(spent) == {NATIONAL: q("20万元"), PROVINCIAL: q("5元")}
    by_level_and_source = rollup(MIXED, by=("level", "source"))
    assert dict(by_level_and_source) == {
        (Level.NATIONAL, NATIONAL): q("30万元"),
        (Level.NATIONAL, ENTERPRISE): q("50万元"),
        (Level.PROVINCIAL, PROVINCIAL): q("1亿元"),
    }


def test_grouping_by_stage_keeps_each_stage_apart() -> None:
    """Grouped by stage, every line counts in the group of its own stage, whatever stage= says."""
    both = rollup(MIXED, by=("source", "stage"))
    assert dict(both) == {
        (NATIONAL, ALLOCATED): q("30万元"),
        (NATIONAL, SPENT): q("20万元"),
        (PROVINCIAL, ALLOCATED): q("1亿元"),
        (PROVINCIAL, SPENT): q("5元"),
        (ENTERPRISE, ALLOCATED): q("50万元"),
    }
    assert rollup(MIXED, by=("source", "stage"), stage=SPENT) == both
    by_stage = rollup(MIXED, by="stage")
    assert dict(by_stage) == {ALLOCATED: q("10080万元"), SPENT: q("200005元")}
    assert dict(rollup(MIXED, by="stage", value="count")) == {ALLOCATED: q("3项"), SPENT: q("2项")}


def test_a_rollup_by_stage_has_no_grand_total() -> None:
    """Allocated and spent money are never added: a roll-up by stage has no grand total."""
    assert rollup(MIXED, by="stage").total is None
    assert rollup(MIXED, by=("source", "stage")).total is None


def test_rollup_of_funding_lines() -> None:
    """Funding lines roll up to their amounts, those of the stage only."""
    lines = [line("1亿元"), line("5元", stage=SPENT), line("3万元", ENTERPRISE)]
    assert dict(rollup(lines, by="source")) == {NATIONAL: q("1亿元"), ENTERPRISE: q("3万元")}
    spent = rollup(lines, by="source", stage=SPENT)
    assert dict(spent) == {NATIONAL: q("5元")}
    assert spent.count(NATIONAL) == 1
    assert dict(rollup(lines, by="stage")) == {ALLOCATED: q("10003万元"), SPENT: q("5元")}


def test_rollup_of_breakdown_parts() -> None:
    """Breakdown parts roll up by their key to their figures: 篇3's 159.3万元 by level."""
    funds = examples.load("篇3").breakdowns()[1]
    assert str(funds.total) == "159.3万元"
    r = rollup(funds.parts, by="key")
    assert list(r.items()) == [
        (Level.NATIONAL, q("11万元")),
        (Level.PROVINCIAL, q("97万元")),
        (Level.MUNICIPAL, q("51.3万元")),
    ]
    assert r.total == q("159.3万元")
    assert repr(r.total) == "Money('159.3', '万元')"
    parts = [
        BreakdownPart(figure=fig("5项"), level=Level.NATIONAL),
        BreakdownPart(figure=fig("24项"), level=Level.PROVINCIAL),
        BreakdownPart(figure=fig("7余项"), level=Level.PROVINCIAL),
    ]
    assert dict(rollup(parts, by="level")) == {
        Level.NATIONAL: q("5项"),
        Level.PROVINCIAL: Range(q("31项"), q("32项"), False, False),
    }


def test_rollup_of_amounts_figures_and_ranges() -> None:
    """Quantities, figures and ranges roll up as themselves: exact while all are exact."""
    assert rollup([q("3项"), fig("2万项"), q("1项")]).total == q("20004项")
    mixed = rollup([q("3项"), fig("2万项"), Range(q("1项"), q("2项"))])
    assert mixed.total == Range(q("20004项"), q("20005项"))
    assert repr(mixed.total) == "Range('[20004项, 20005项]')"


def test_only_same_as_words_are_recounted() -> None:
    """Only an indicator's same_as words are recounted into its own word; others are left alone."""
    plain = Indicator(name="示范项目", unit="项")
    firms = Indicator(name="科技型企业", unit="家", same_as=("户", "个"))
    assert attainment(goal("10项", indicator=WON), fig("12个")).actual == Range.point(q("12项"))
    assert attainment(goal("10项", indicator=WON), q("1.2万个")).actual == Range.point(q("1.2万项"))
    _refusal(
        lambda: attainment(goal("10项", indicator=WON), fig("12家")),
        UnitMismatchError,
        "cannot hold a result against '项' and '家': they are units of different things",
    )
    _refusal(
        lambda: attainment(goal("10项", indicator=plain), fig("12个")),
        UnitMismatchError,
        "cannot hold a result against '项' and '个': they are units of different things",
    )
    done = [ach("3户", indicator=firms), ach("2个", indicator=firms), ach("1家", indicator=firms)]
    assert repr(rollup(done, by="indicator")[firms]) == "Quantity('6', '家')"
    assert rollup([ach("4个", indicator=WON)], value=lambda a: a.figure)[()] == q("4个")


def test_goal_and_achievement_values_count_same_as_words() -> None:
    """A figure in a word its indicator counts alike (个 for 项) is counted one for one."""
    done = [ach("3个", indicator=WON), ach("5项", indicator=WON), ach("2万个", indicator=WON)]
    r = rollup(done, by="indicator")
    assert dict(r) == {WON: q("20008项")}
    goals = rollup([goal("4个", indicator=WON), goal("6项", indicator=WON)], by="indicator.name")
    assert goals["科技计划项目"] == q("10项")
    assert rollup(done[:1], by="indicator")[WON] == q("3项")
    assert repr(rollup(done[:1], by="indicator")[WON]) == "Quantity('3', '项')"
    odd = rollup([ach("4余个", indicator=WON)], by="indicator")[WON]
    assert odd == Range(q("4项"), q("5项"), False, False)


def test_qualified_figures_give_ranges() -> None:
    """Qualified figures sum to a range: 3000余人次 + 8000人次 is (11000人次, 12000人次)."""
    done = [
        ach("1.2万人次", Year(2006)),
        ach("8000人次", Year(2007)),
        ach("3000余人次", Year(2007)),
    ]
    r = rollup(done, by="period")
    assert repr(r[Year(2007)]) == "Range('(11000人次, 12000人次)')"
    assert r[Year(2006)] == q("12000人次")
    assert repr(r.total) == "Range('(23000人次, 24000人次)')"
    at_least = rollup([ach("2万人次以上"), ach("100人次")]).total
    assert at_least == Range(q("20100人次"), None)


def test_unknown_figures_give_unknown_ranges() -> None:
    """A 20xx figure makes its group's sum unknown, never zero, and the total unknown too."""
    r = rollup(
        [ach("100人次", Year(2006)), ach("20xx人次", Year(2007)), ach("5人次", Year(2007))],
        by="period",
    )
    assert r[Year(2006)] == q("100人次")
    unknown = r[Year(2007)]
    assert isinstance(unknown, Range)
    assert not unknown.is_known
    assert unknown != Range.point(q("5人次"))
    assert repr(unknown) == "Range('unknown 人次')"
    assert r.total == Range.unknown("人次")
    assert r.count(Year(2007)) == 2


def test_value_count_counts_items() -> None:
    """value="count" counts items: projects in 项, anything else in 个, or in unit=."""
    by_level = rollup(MIXED, by="level", value="count")
    assert dict(by_level) == {
        Level.NATIONAL: q("1项"),
        Level.PROVINCIAL: q("1项"),
        Level.COUNTY: q("1项"),
        None: q("1项"),
    }
    assert repr(by_level.total) == "Quantity('4', '项')"
    done = [ach("1人次", Year(2006)), ach("2人次", Year(2006)), ach("3人次", Year(2007))]
    assert dict(rollup(done, by="period", value="count")) == {
        Year(2006): q("2个"),
        Year(2007): q("1个"),
    }
    assert dict(rollup(done, by="period", value="count", unit="项")) == {
        Year(2006): q("2项"),
        Year(2007): q("1项"),
    }


def test_value_count_over_projects_and_other_items_counts_in_ge() -> None:
    """Projects counted with other items count in 个; alone in 项 (others in 个); unit= chooses."""
    mixed = [
        project("a", line("1万元"), level=Level.COUNTY),
        ach("3人次"),
        project("b", level=Level.NATIONAL),
    ]
    assert dict(rollup(mixed, value="count")) == {(): q("3个")}
    assert repr(rollup(mixed, value="count")[()]) == "Quantity('3', '个')"
    assert dict(rollup(mixed, by="level", value="count")) == {
        Level.NATIONAL: q("1个"),
        Level.COUNTY: q("1个"),
        None: q("1个"),
    }
    assert dict(rollup(mixed, by="level", value="count", unit="项")) == {
        Level.NATIONAL: q("1项"),
        Level.COUNTY: q("1项"),
        None: q("1项"),
    }
    assert repr(rollup(mixed[::2], value="count")[()]) == "Quantity('2', '项')"
    assert repr(rollup(mixed[1:2], value="count")[()]) == "Quantity('1', '个')"
    walked = plan("P", *mixed, Note(title="建立科技信息网络"))
    assert rollup(walked.walk(Project, Achievement), value="count")[()] == q("3个")
    assert rollup(walked.walk(), value="count")[()] == q("4个")
    assert rollup(walked.walk(Project), value="count")[()] == q("2项")


def test_a_value_function_by_source_or_stage_sees_funding_lines() -> None:
    """By source or stage, a value function receives one (project, funding) pair per line."""
    seen: list[Any] = []

    def amount(pair: Any) -> Any:
        seen.append(pair)
        return pair[1].amount

    by_source = rollup(MIXED, by="source", value=amount)
    assert dict(by_source) == dict(rollup(MIXED, by="source"))
    assert seen == [
        (MIXED[0], MIXED[0].funding[0]),
        (MIXED[0], MIXED[0].funding[1]),
        (MIXED[1], MIXED[1].funding[0]),
    ]
    assert all(type(pair) is tuple and len(pair) == 2 for pair in seen)
    seen.clear()
    by_stage = rollup(MIXED, by="stage", value=amount)
    assert dict(by_stage) == {ALLOCATED: q("10080万元"), SPENT: q("200005元")}
    assert len(seen) == 5
    seen.clear()
    rollup(plan("P", *MIXED).walk(Project), by=("source", "period"), value=amount)
    assert [type(pair[0]) for pair in seen] == [Project, Project, Project]
    assert [pair[1] for pair in seen] == [*MIXED[0].funding[:2], MIXED[1].funding[0]]


def test_value_count_in_a_scaled_unit_converts() -> None:
    """value="count" with unit="万项" gives the count expressed in 万项, not 10000 per item."""
    r = rollup(MIXED, value="count", unit="万项")
    assert r[()] == q("4项")
    assert r[()] == q("0.0004万项")


def test_value_function() -> None:
    """value= a function gives each item's amount, figure or range."""
    done = [ach("1人次", Year(2006)), ach("2人次", Year(2006)), ach("3人次", Year(2007))]
    doubled = rollup(done, by="period", value=lambda a: a.figure.value * 2)
    assert dict(doubled) == {Year(2006): q("6人次"), Year(2007): q("6人次")}
    as_ranges = rollup(done, by="period", value=lambda a: Range(a.figure.value, None))
    assert as_ranges[Year(2006)] == Range(q("3人次"), None)
    as_figures = rollup(MIXED, by="level", value=lambda p: fig("约10万元"))
    assert as_figures[Level.NATIONAL] == Range(q("9.5万元"), q("10.5万元"))


def test_value_function_returning_none_leaves_the_item_out() -> None:
    """An item whose value is None is left out: not summed, not counted, not grouped."""
    done = [ach("5人次", Year(2006)), ach("7人次", Year(2007)), ach("3万元", Year(2008), FUNDS)]
    r = rollup(done, by="period", value=lambda a: None if a.period == Year(2006) else a.figure)
    assert dict(r) == {Year(2007): q("7人次"), Year(2008): q("3万元")}
    assert r.count(Year(2007)) == 1


def test_items_left_out_do_not_break_the_sum_of_parts() -> None:
    """With items left out by the value function, the roll-ups of two parts still add up."""

    def value(a: Achievement) -> Any:
        return None if a.period == Year(2006) else a.figure

    first, second = [ach("5人次", Year(2006))], [ach("7人次", Year(2007))]
    whole = rollup(first + second, by="indicator.name", value=value)
    assert dict(whole) == {"培训人次": q("7人次")}
    parts = rollup(first, by="indicator.name", value=value) + rollup(
        second, by="indicator.name", value=value
    )
    assert parts == whole


def test_unit_converts_every_sum() -> None:
    """unit= writes each group's sum (and the total) in that unit, exactly."""
    r = rollup(MIXED, by="level", unit="亿元")
    assert repr(r[Level.NATIONAL]) == "Money('0.008', '亿元')"
    assert repr(r[Level.COUNTY]) == "Range('unknown 亿元')"
    assert repr(r.total) == "Range('[1.008亿元, ∞)')"
    assert r.unit == "亿元"
    assert repr(rollup(MIXED[:2], by="level", unit="亿元").total) == "Money('1.008', '亿元')"
    ranges = rollup([fig("3000余人次"), fig("1万人次")], unit="万人次")
    assert repr(ranges[()]) == "Range('(1.3万人次, 1.4万人次)')"
    assert repr(rollup([fig("20xx人次")], unit="万人次")[()]) == "Range('unknown 万人次')"


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([q("3人次"), q("2万元")], "cannot add up in one group '万元' and '人次'"),
        ([q("2万元"), q("3人次")], "cannot add up in one group '万元' and '人次'"),
        ([fig("约3人次"), q("2万元")], "cannot add up in one group '人次' and '万元'"),
        ([fig("20xx人次"), fig("2万元")], "cannot add up in one group '人次' and '万元'"),
        (
            [
                BreakdownPart(figure=fig("5项"), level=Level.NATIONAL),
                BreakdownPart(figure=fig("11万元"), level=Level.NATIONAL),
            ],
            "cannot add up in one group '万元' and '项'",
        ),
    ],
)
def test_mixing_dimensions_in_one_group_is_refused(items: list[Any], message: str) -> None:
    """Amounts of different dimensions in one group raise UnitMismatchError naming both units."""
    error = _refusal(
        lambda: rollup(items, by=lambda _: "all"),
        UnitMismatchError,
        f"{message}: they are units of different things",
    )
    assert isinstance(error, TypeError)


@pytest.mark.parametrize(
    ("items", "unit", "message"),
    [
        ([q("1万元")], "人次", "cannot total '万元' and '人次'"),
        ([fig("20xx万元")], "人次", "cannot express '万元' and '人次'"),
        ([fig("约3万元")], "人次", "cannot convert between '万元' and '人次'"),
        ([q("1万元"), fig("约3人次")], "人次", "cannot add '人次' and '万元'"),
        ([project("a", line("1万元"))], "项", "cannot total '万元' and '项'"),
    ],
)
def test_a_unit_of_another_dimension_raises_the_underlying_error(
    items: list[Any], unit: str, message: str
) -> None:
    """With unit=, a sum that cannot be put in it raises its own UnitMismatchError, unchanged."""
    _refusal(
        lambda: rollup(items, unit=unit),
        UnitMismatchError,
        f"{message}: they are units of different things",
    )


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (
            [goal("3人次"), goal("2万元", indicator=FUNDS)],
            "a goal of 'trained' to a goal of '科技经费'",
        ),
        (
            [goal("3人次"), goal("4人次", indicator=Indicator(name="培训人次", unit="人次"))],
            "a goal of 'trained' to a goal of '培训人次'",
        ),
        (
            [goal("3项", indicator=WON), goal("4人次")],
            "a goal of '科技计划项目' to a goal of 'trained'",
        ),
    ],
)
def test_a_group_of_different_indicators_is_refused(items: list[Any], message: str) -> None:
    """Figures of different indicators (by key, or else name) in one group are refused."""
    _refusal(
        lambda: rollup(items, by="period"),
        InvalidValueError,
        f"invalid roll-up: one group would add {message}: group them by indicator "
        "(and keep goals apart from achievements)",
    )


@pytest.mark.parametrize(
    "items",
    [
        [ach("3人次"), goal("2人次")],
        [goal("3人次"), ach("2人次")],
        [ach("3人次"), ach("2万元", indicator=FUNDS)],
        [ach("3人次"), ach("2人次", indicator=Indicator(name="培训人次", unit="人次"))],
    ],
)
def test_goals_and_achievements_in_one_group_are_refused(items: list[Any]) -> None:
    """A group adding goals to achievements, or two indicators' results, is refused."""
    with pytest.raises(InvalidValueError, match=r"^invalid roll-up: one group would add "):
        rollup(items)
    with pytest.raises(InvalidValueError, match="group them by indicator"):
        rollup(plan("P", *items).walk(Goal, Achievement), by="period")


def test_the_refusal_of_an_unlike_group_writes_an_achievement() -> None:
    """The refusal reads as English: "an achievement", not "a achievement"."""
    _refusal(
        lambda: rollup([ach("3人次"), goal("2人次")]),
        InvalidValueError,
        "invalid roll-up: one group would add an achievement of 'trained' to a goal of "
        "'trained': group them by indicator (and keep goals apart from achievements)",
    )


def test_one_indicator_by_key_is_one_group() -> None:
    """One key is one indicator; counting and value functions never refuse unlike items."""
    renamed = Indicator(name="培训", unit="人次", key="trained")
    assert rollup([ach("3人次"), ach("4人次", indicator=renamed)])[()] == q("7人次")
    both = [ach("3人次"), goal("2人次"), ach("2万元", indicator=FUNDS)]
    assert rollup(both, value="count")[()] == q("3个")
    assert rollup(both, value=lambda x: q("1人次"))[()] == q("3人次")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: rollup([q("1万元")], value="sum"),
            "value must be None, \"count\" or a function, not 'sum'",
        ),
        (
            lambda: rollup([q("1万元")], by=3),  # type: ignore[arg-type]
            "by must be a field name, a tuple of them, or a function, not 3",
        ),
        (
            lambda: rollup([q("1万元")], by=("level", "")),
            "by must be a field name, a tuple of them, or a function, not ('level', '')",
        ),
        (
            lambda: rollup([3]),
            "item must be a project, funding line, goal, achievement, amount or figure, not int",
        ),
        (
            lambda: rollup([Breakdown(subject="s", total=fig("3项"))]),
            "item must be a project, funding line, goal, achievement, amount or figure, not Breakdown",
        ),
        (
            lambda: rollup([q("1万元")], value=lambda _: 3),
            "value must be a Quantity, Figure or Range, not int",
        ),
    ],
)
def test_rollup_refusals(build: Callable[[], object], message: str) -> None:
    """What cannot be grouped or summed is a WrongTypeError (a TypeError) naming it."""
    error = _refusal(build, WrongTypeError, message)
    assert isinstance(error, TypeError)


# -- rollup: the Rollup -----------------------------------------------------------------------


def test_rollup_is_a_read_only_mapping() -> None:
    """A Rollup is a Mapping of keys to sums: len, in, iteration, get, keys, values, items."""
    r = rollup(MIXED, by="level")
    assert len(r) == 4
    assert Level.NATIONAL in r
    assert Level.MUNICIPAL not in r
    assert r.get(Level.MUNICIPAL) is None
    assert list(r.keys()) == [Level.NATIONAL, Level.PROVINCIAL, Level.COUNTY, None]
    assert list(r.values()) == [
        q("80万元"),
        q("1亿元"),
        Range.unknown("万元"),
        Range.unknown("万元"),
    ]
    with pytest.raises(KeyError):
        r[Level.MUNICIPAL]
    with pytest.raises(KeyError):
        r.count(Level.MUNICIPAL)
    with pytest.raises(TypeError):
        r[Level.NATIONAL] = q("1元")  # type: ignore[index]
    with pytest.raises(TypeError):
        hash(r)


def test_keys_are_ordered_levels_down_and_none_last() -> None:
    """Keys run from the national level down, with None last, whatever the items' order."""
    items = [
        project(str(k), level=level)
        for k, level in enumerate(
            [
                None,
                Level.VILLAGE,
                Level.COUNTY,
                Level.NATIONAL,
                Level.MUNICIPAL,
                Level.TOWNSHIP,
                Level.PROVINCIAL,
            ]
        )
    ]
    assert list(rollup(items, by="level", value="count")) == [*Level, None]


def test_keys_are_ordered_years_ascending_and_none_last() -> None:
    """Year keys run in order, placeholder years after known ones, and None last."""
    items = [
        project(str(k), year=y)
        for k, y in enumerate([Year(2008), None, Year(2006), TWENTY_XX, Year(2007)])
    ]
    assert list(rollup(items, by="year", value="count")) == [
        Year(2006),
        Year(2007),
        Year(2008),
        TWENTY_XX,
        None,
    ]
    periods = [
        ach("1人次", p) for p in (Year(2011), FiveYearPlan(11), Year(2006), FiveYearPlan(10))
    ]
    assert list(rollup(periods, by="period")) == [
        FiveYearPlan(10),
        Year(2006),
        FiveYearPlan(11),
        Year(2011),
    ]


def test_a_five_year_plan_sorts_after_its_last_year() -> None:
    """A five-year plan (or a span of years) comes after its last year: 2006年 … 2010年, 十一五."""
    periods = [
        FiveYearPlan(11),
        Year(2010),
        Year(2008),
        TWENTY_XX,
        Year(2006),
        YearSpan(Year(2006), Year(2007)),
        Year(2007),
        Year(2011),
        Year(2009),
        FiveYearPlan(10),
    ]
    r = rollup([ach("1人次", p) for p in periods], by="period")
    assert list(r) == [
        FiveYearPlan(10),
        Year(2006),
        Year(2007),
        YearSpan(Year(2006), Year(2007)),
        Year(2008),
        Year(2009),
        Year(2010),
        FiveYearPlan(11),
        Year(2011),
        TWENTY_XX,
    ]
    assert [line.split()[0] for line in str(r).splitlines()[2:]] == [
        "十五",
        "2006年",
        "2007年",
        "2006-2007年",
        "2008年",
        "2009年",
        "2010年",
        "十一五",
        "2011年",
        "20xx年",
        "合计",
    ]


def test_tuple_keys_are_ordered_field_by_field() -> None:
    """Tuple keys are ordered by their first field, then their second, None last in each."""
    cases = [
        (None, Year(2008)),
        (Level.COUNTY, Year(2006)),
        (Level.NATIONAL, TWENTY_XX),
        (Level.PROVINCIAL, None),
        (Level.NATIONAL, Year(2006)),
    ]
    items = [project(str(k), level=level, year=year) for k, (level, year) in enumerate(cases)]
    assert list(rollup(items, by=("level", "year"), value="count")) == [
        (Level.NATIONAL, Year(2006)),
        (Level.NATIONAL, TWENTY_XX),
        (Level.PROVINCIAL, None),
        (Level.COUNTY, Year(2006)),
        (None, Year(2008)),
    ]


def test_decimal_keys_are_ordered_by_value() -> None:
    """Decimal keys are ordered by value."""
    r = rollup([q("3元"), q("1元"), q("2元")], by=lambda x: x.magnitude)
    assert list(r) == [Decimal(1), Decimal(2), Decimal(3)]


def test_total_is_none_for_nothing_or_unlike_groups() -> None:
    """The grand total is None for a roll-up of nothing, or of groups of different dimensions."""
    empty = rollup([], by="level")
    assert (len(empty), empty.total) == (0, None)
    unlike = rollup([ach("3人次"), ach("2万元", indicator=FUNDS)], by="indicator")
    assert dict(unlike) == {TRAINED: q("3人次"), FUNDS: q("2万元")}
    assert unlike.total is None


def test_total_is_none_for_several_indicators() -> None:
    """Figures of different indicators have no grand total, even when counted in one unit."""
    trainees = Indicator(name="农民培训", unit="人次")
    two = rollup([ach("3人次"), ach("4人次", indicator=trainees)], by="indicator")
    assert dict(two) == {TRAINED: q("3人次"), trainees: q("4人次")}
    assert two.total is None
    one = rollup([ach("3人次", Year(2006)), ach("4人次", Year(2007))], by="period")
    assert one.total == q("7人次")
    assert (
        combine([plan("A", ach("3人次"), ach("4人次", indicator=trainees))]).achievements.total
        is None
    )


def test_a_stock_rollup_has_no_total_over_periods_or_years() -> None:
    """A roll-up of a stock (stock) has no grand total by period or year, but has by region."""
    firms = [
        ach("10家", Year(2006), FIRMS, region=COUNTY_A),
        ach("12家", Year(2007), FIRMS, region=COUNTY_B),
    ]
    for by in ("period", ("indicator", "period"), ("region", "period")):
        r = rollup(firms, by=by)
        assert r.stock
        assert r.total is None
        assert "合计" not in str(r)
    by_region = rollup(firms, by="region")
    assert by_region.stock
    assert by_region.total == q("22家")
    assert str(by_region).splitlines()[-1] == "合计  22家  2"
    flows = rollup([ach("1人次", Year(2006)), ach("2人次", Year(2007))], by="period")
    assert not flows.stock
    assert flows.total == q("3人次")
    assert not rollup(firms, by="period", value="count").stock
    assert (flows + rollup(firms[:0], by="period")).stock is False
    assert (rollup(firms, by="period") + rollup(firms[:0], by="period")).stock


def test_rollups_with_the_same_by_add_up() -> None:
    """a + b sums the groups they share and keeps the others, with their counts, in order."""
    a = rollup(
        [
            project("a", line("1万元"), level=Level.COUNTY),
            project("b", line("2元"), level=Level.NATIONAL),
        ],
        by="level",
    )
    b = rollup(
        [
            project("c", line("3万元"), level=Level.COUNTY),
            project("d", line("4亿元"), level=Level.PROVINCIAL),
        ],
        by="level",
    )
    both = a + b
    assert type(both) is Rollup
    assert list(both.items()) == [
        (Level.NATIONAL, q("2元")),
        (Level.PROVINCIAL, q("4亿元")),
        (Level.COUNTY, q("4万元")),
    ]
    assert [both.count(k) for k in both] == [1, 1, 2]
    assert rollup([], by="level") + both == both
    assert a + b == b + a


def test_rollups_by_different_fields_do_not_add() -> None:
    """Roll-ups by different fields do not add (InvalidValueError); nor does anything else."""
    by_level, by_source = rollup(MIXED, by="level"), rollup(MIXED, by="source")
    _refusal(
        lambda: by_level + by_source,
        InvalidValueError,
        "invalid roll-ups: one is by ('level',), the other by ('source',)",
    )
    with pytest.raises(TypeError):
        by_level + 1


def test_rollup_equality() -> None:
    """Roll-ups are equal when by, sums (by value) and counts are; a plain mapping equals a
    roll-up of the same sums."""
    in_wan = rollup([project("a", line("1万元"), level=Level.COUNTY)], by="level")
    in_yuan = rollup([project("b", line("10000元"), level=Level.COUNTY)], by="level")
    assert in_wan == in_yuan
    assert in_wan != rollup(
        [project("a", line("1万元"), level=Level.COUNTY)] * 2,
        by="level",
        value=lambda p: q("5000元"),
    )
    assert in_wan != rollup([project("a", line("1万元"), level=Level.COUNTY)], by="year")
    assert in_wan == {Level.COUNTY: q("1万元")}
    assert in_wan != {Level.COUNTY: q("2万元")}
    assert in_wan != [Level.COUNTY]


def test_to_records() -> None:
    """to_records() gives a plain dict per group: its key fields, value and count."""
    assert rollup(MIXED[:2], by="level").to_records() == [
        {"level": Level.NATIONAL, "value": q("80万元"), "written": None, "count": 1},
        {"level": Level.PROVINCIAL, "value": q("1亿元"), "written": None, "count": 1},
    ]
    national = {"level": Level.NATIONAL, "written": None, "count": 1}
    assert rollup(MIXED[:2], by=("level", "source")).to_records()[:2] == [
        {**national, "source": NATIONAL, "value": q("30万元")},
        {**national, "source": ENTERPRISE, "value": q("50万元")},
    ]
    paired = rollup(MIXED[:1], by=lambda p: (p.id, p.level)).to_records()
    assert paired == [
        {"<lambda>": ("a", Level.NATIONAL), "value": q("80万元"), "written": None, "count": 1}
    ]
    assert rollup(MIXED[:2]).to_records() == [
        {"value": q("1.008亿元"), "written": None, "count": 2}
    ]
    # a group of one figure keeps it as the plan wrote it
    patents = Indicator(name="专利", unit="件")
    done = [ach(f, Year(y), patents) for f, y in (("60余件", 2006), ("3件", 2007), ("4件", 2007))]
    assert [r["written"] for r in rollup(done, by="period").to_records()] == ["60余件", None]


def test_str_is_a_table_with_a_total_row() -> None:
    """str() is a table headed by the by names, 数值 and 条目数, with a 合计 row."""
    assert str(rollup(MIXED, by="level")).splitlines() == [
        "级别        数值           条目数",
        "----------  -------------  ------",
        "国家级      80万元         1",
        "省级        1亿元          1",
        "县级        未知（万元）   1",
        "（未注明）  未知（万元）   1",
        "合计        10080万元以上  4",
    ]
    lines = str(rollup(MIXED, by=("level", "source"))).splitlines()
    assert lines == [
        "级别    资金来源  数值       条目数",
        "------  --------  ---------  ------",
        "国家级  中央财政  30万元     1",
        "国家级  企业自筹  50万元     1",
        "省级    省财政    1亿元      1",
        "合计              10080万元  3",
    ]


HIGH_TECH = Indicator(name="高新技术企业", unit="家")


def _high_tech(text: str, levels: Any, cls: type[Any] = Goal) -> Any:
    return cls(indicator=HIGH_TECH, figure=Figure.parse(text), levels=levels)


def test_goals_roll_up_by_level_with_spans_shown_as_plans_write_them() -> None:
    """Goals group by their level: one Level, or the frozenset of a span, shown as the
    plan writes it (市级以上) and sorted by its highest level after that level alone."""
    goals = [
        _high_tech("2家", "省级"),
        _high_tech("5家", "市级以上"),
        _high_tech("1家", "国家级"),
        _high_tech("3家", ()),
        _high_tech("4家", "省级"),
        _high_tech("6家", [Level.MUNICIPAL, Level.PROVINCIAL, Level.NATIONAL]),
        _high_tech("7家", "县级及以下"),
        _high_tech("8家", [Level.NATIONAL, Level.COUNTY]),
    ]
    r = rollup(goals, by="level")
    span = frozenset({Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL})
    assert list(r) == [
        Level.NATIONAL,
        span,
        frozenset({Level.NATIONAL, Level.COUNTY}),
        Level.PROVINCIAL,
        frozenset({Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE}),
        None,
    ]
    assert r[span] == Quantity("11", "家")
    assert r.count(span) == 2
    assert r[Level.PROVINCIAL] == Quantity("6", "家")
    assert str(r).splitlines() == [
        "级别          数值  条目数",
        "------------  ----  ------",
        "国家级        1家   1",
        "市级以上      11家  2",
        "国家级、县级  8家   1",
        "省级          6家   2",
        "县级及以下    7家   1",
        "（未注明）    3家   1",
        "合计          36家  8",
    ]


def test_achievements_roll_up_by_level_and_period() -> None:
    """Achievements group by level beside another field; a span shows by its name there too."""
    done = [
        _high_tech("2家", "省级以上", Achievement),
        attrs.evolve(_high_tech("3家", "省级以上", Achievement), period=Year(2024)),
        _high_tech("4家", "县级", Achievement),
    ]
    lines = str(rollup(done, by=("level", "period"))).splitlines()
    assert lines == [
        "级别      期间        数值  条目数",
        "--------  ----------  ----  ------",
        "省级以上  2024年      3家   1",
        "省级以上  （未注明）  2家   1",
        "县级      （未注明）  4家   1",
        "合计                  9家   3",
    ]


def test_str_of_the_seed_plans_achievements_by_period() -> None:
    """篇3's achievements counted by period: 41 for 十五 and 27 for 20xx年."""
    r = rollup(examples.load("篇3").walk(Achievement), by="period", value="count")
    assert str(r) == "\n".join(
        [
            "期间    数值  条目数",
            "------  ----  ------",
            "十五    41个  41",
            "20xx年  27个  27",
            "合计    68个  68",
        ]
    )


def test_str_has_no_total_row_for_unlike_groups() -> None:
    """A roll-up of groups of different dimensions has no 合计 row."""
    text = str(rollup([ach("3人次"), ach("2万元", indicator=FUNDS)], by="indicator"))
    assert text.splitlines() == [
        "指标      数值   条目数",
        "--------  -----  ------",
        "培训人次  3人次  1",
        "科技经费  2万元  1",
    ]


def test_str_of_a_rollup_without_by() -> None:
    """A roll-up of everything (no by) shows as a table headed "", 数值 and 条目数."""
    assert str(rollup([q("3项"), q("4项")])).splitlines() == [
        "      数值  条目数",
        "----  ----  ------",
        "合计  7项   2",
    ]


def test_repr_shows_the_first_groups() -> None:
    """repr() shows by and up to four groups."""
    assert repr(rollup(MIXED, by="level")) == (
        "Rollup(by=('level',), {国家级: 80万元, 省级: 1亿元, 县级: unknown 万元, "
        "（未注明）: unknown 万元})"
    )
    many = rollup([q(f"{k}元") for k in range(6)], by=lambda x: x.magnitude)
    assert repr(many) == "Rollup(by=('<lambda>',), {0: 0元, 1: 1元, 2: 2元, 3: 3元, …})"


# -- rollup: plan entries ---------------------------------------------------------------------


def test_entries_answer_for_period_region_and_plan() -> None:
    """Entries group by their item's fields and by their own period, region and plan."""
    assert dict(rollup(WALKED.walk(Achievement), by="period")) == {
        Year(2006): q("200人次"),
        FiveYearPlan(11): q("100人次"),
        Year(2010): q("1人次"),
    }
    assert dict(rollup(WALKED.walk(Achievement), by="region")) == {
        VILLAGE: q("200人次"),
        COUNTY_A: q("101人次"),
    }
    by_plan = rollup(WALKED.walk(Achievement), by=("plan.id", "period"))
    assert by_plan[("walked", Year(2006))] == q("200人次")
    assert by_plan.count(("walked", Year(2006))) == 1
    goals_by_plan = rollup(WALKED.walk(Goal), by=("plan.id", "period"))
    assert goals_by_plan[("walked", Year(2006))] == q("300人次")
    with pytest.raises(InvalidValueError, match="keep goals apart from achievements"):
        rollup(WALKED.walk(Achievement, Goal), by=("plan.id", "period"))
    assert dict(rollup(WALKED.walk(Project), by="period")) == {
        Year(2006): q("2万元"),
        Year(2007): q("1万元"),
    }
    assert dict(rollup(WALKED.walk(Project), by="year")) == {
        Year(2007): q("1万元"),
        None: q("2万元"),
    }
    cities = rollup(WALKED.walk(Achievement), by=lambda e: e.region.at(Level.MUNICIPAL))
    assert dict(cities) == {CITY: q("301人次")}


def test_entries_grouped_by_a_funding_field_keep_their_period_and_region() -> None:
    """Entries opened into funding lines still answer with their entry's period and region."""
    walked = plan(
        "P",
        project("a", line("1万元"), line("2万元", ENTERPRISE)),
        project("b", line("4万元"), year=Year(2007)),
        region=GANSU,
        period=Year(2006),
    )
    by_period = rollup(walked.walk(Project), by=("source", "period"))
    assert dict(by_period) == {
        (NATIONAL, Year(2006)): q("1万元"),
        (NATIONAL, Year(2007)): q("4万元"),
        (ENTERPRISE, Year(2006)): q("2万元"),
    }
    by_region = rollup(walked.walk(Project), by=("source", "region"))
    assert dict(by_region) == {(NATIONAL, GANSU): q("5万元"), (ENTERPRISE, GANSU): q("2万元")}


def test_counting_by_source_groups_by_funding_source() -> None:
    """by="source" with value="count" groups by funding source, not by the source span."""
    from sciplan_model import SourceRef

    written = project(
        "a",
        line("1万元"),
        line("2万元", ENTERPRISE),
        source=SourceRef(document="d", start=0, end=5),
    )
    r = rollup([written, project("b", line("4万元"))], by="source", value="count")
    assert set(r) == {NATIONAL, ENTERPRISE}
    assert (r.count(NATIONAL), r.count(ENTERPRISE)) == (2, 1)


# -- rollup: properties -----------------------------------------------------------------------


def _split(items: list[Any], parts: list[int], k: int) -> list[list[Any]]:
    """``items`` dealt into ``k`` parts, item i into part ``parts[i] % k``."""
    return [
        [item for item, part in zip(items, parts, strict=False) if part % k == j] for j in range(k)
    ]


def _sum_of(rollups: list[Rollup]) -> Rollup:
    result = rollups[0]
    for r in rollups[1:]:
        result = result + r
    return result


@HALF
@given(
    st.lists(funded_projects(), max_size=8),
    st.lists(st.integers(0, 3), min_size=8, max_size=8),
    st.integers(1, 4),
    st.sampled_from(["level", "source", ("level", "source"), ("source", "stage")]),
)
def test_a_rollup_is_the_sum_of_the_rollups_of_its_parts(
    items: list[Project], parts: list[int], k: int, by: str | tuple[str, ...]
) -> None:
    """Projects rolled up whole equal the sum (+) of the roll-ups of any partition of them."""
    whole = rollup(items, by=by)
    assert _sum_of([rollup(part, by=by) for part in _split(items, parts, k)]) == whole


def test_a_group_without_funding_adds_to_a_funded_group_as_the_whole_does() -> None:
    """An unfunded part's group added to a funded part's gives what the whole gives: at
    least the funded sum."""
    unfunded = [project("x", level=Level.COUNTY)]
    funded = [project("y", line("3万元"), level=Level.COUNTY)]
    whole = rollup(unfunded + funded, by="level")
    assert dict(whole) == {Level.COUNTY: Range(q("3万元"), None)}
    parts = rollup(unfunded, by="level") + rollup(funded, by="level")
    assert parts == whole
    assert rollup(funded, by="level") + rollup(unfunded, by="level") == whole


@HALF
@given(
    st.lists(counted(), max_size=8),
    st.lists(st.integers(0, 3), min_size=8, max_size=8),
    st.integers(1, 4),
)
def test_achievements_roll_up_by_parts(items: list[Achievement], parts: list[int], k: int) -> None:
    """Achievements (qualified, unknown) rolled up whole equal the sum of their parts' roll-ups."""
    by = ("indicator", "period")
    whole = rollup(items, by=by)
    assert _sum_of([rollup(part, by=by) for part in _split(items, parts, k)]) == whole
    assert sum(whole.count(key) for key in whole) == len(items)


@HALF
@given(
    st.lists(funded_projects(), max_size=8).flatmap(
        lambda ps: st.tuples(st.just(ps), st.permutations(ps))
    )
)
def test_a_rollup_does_not_depend_on_item_order(pair: tuple[list[Project], list[Project]]) -> None:
    """Projects in any order roll up to the same groups, in the same order, and the same total."""
    items, shuffled = pair
    a, b = rollup(items, by="level"), rollup(shuffled, by="level")
    assert a == b
    assert list(a) == list(b)
    assert a.total == b.total


@HALF
@given(
    st.lists(counted(), max_size=8).flatmap(lambda xs: st.tuples(st.just(xs), st.permutations(xs)))
)
def test_achievements_roll_up_in_any_order(
    pair: tuple[list[Achievement], list[Achievement]],
) -> None:
    """Achievements rolled up in any order give the same groups in the same order."""
    items, shuffled = pair
    a, b = rollup(items, by=("indicator", "period")), rollup(shuffled, by=("indicator", "period"))
    assert a == b
    assert list(a) == list(b)


def _in(amount: Money, unit: str) -> Money:
    """``amount`` written in ``unit``."""
    written = amount.to(unit)
    assert isinstance(written, Money)
    return written


@HALF
@given(st.lists(funded_projects(), max_size=8), st.data())
def test_a_rollup_does_not_depend_on_the_units_written(
    items: list[Project], data: st.DataObject
) -> None:
    """The same amounts written in 元, 万元 or 亿元 roll up to equal sums."""
    units = st.sampled_from(ROLLUP_MONEY_UNITS)
    rewritten = [
        project(
            p.id,
            *(
                Funding(amount=_in(f.amount, data.draw(units)), source=f.source, stage=f.stage)
                for f in p.funding
            ),
            level=p.level,
        )
        for p in items
    ]
    for by in ("level", "source"):
        a, b = rollup(items, by=by), rollup(rewritten, by=by)
        assert a == b
        assert a.total == b.total
    unit = data.draw(units)
    assert rollup(items, by="level", unit=unit) == rollup(rewritten, by="level")


@HALF
@given(st.lists(funded_projects(), max_size=8), st.sampled_from([ALLOCATED, SPENT]))
def test_the_grand_total_is_the_total_of_all_amounts(
    items: list[Project], stage: FundingStage
) -> None:
    """The grand total is the total of every amount of the stage, as one group of all the
    projects gives it: not known when no project has money of it, at least that total
    when only some have."""
    amounts = [f.amount for p in items for f in p.funding if f.stage is stage]
    missing = any(all(f.stage is not stage for f in p.funding) for p in items)
    for by in ("level", "source", ("level", "source")):
        r = rollup(items, by=by, stage=stage)
        if not len(r):
            assert r.total is None
        elif by == "level" and not amounts:
            assert repr(r.total).startswith("Range('unknown ")
            assert r.total == Range.unknown("元")
        elif by == "level" and missing:
            assert r.total == Range(total(amounts, "元"), None)
            assert r.total == rollup(items, stage=stage)[()]
        else:
            assert r.total == total(amounts, "元")


# -- combine ----------------------------------------------------------------------------------

PLAN_A = plan(
    "A",
    project("p1", line("1万元")),
    project("p2", line("2万元")),
    ach("100人次"),
    goal("5个", indicator=WON),
    region=COUNTY_A,
    period=Year(2006),
)
PLAN_B = plan(
    "B",
    project("p2", line("20万元")),
    project("p3", line("3万元")),
    ach("50人次", indicator=Indicator(name="培训", unit="人次", key="trained")),
    ach("7个", Year(2007), indicator=WON),
    region=COUNTY_B,
    period=Year(2006),
)
PLAN_C = plan(
    "C",
    project("p3", line("30万元")),
    project("p1", line("10万元")),
    project("p4", line("4万元")),
    ach("3000余人次"),
    region=CITY,
    period=Year(2006),
)


def test_combine_keeps_one_project_per_id() -> None:
    """Combined plans keep each project id once (the first met) and list the ids met again."""
    both = combine([PLAN_A, PLAN_B, PLAN_C])
    assert type(both) is Combined
    assert both.plans == ("A", "B", "C")
    assert [p.id for p in both.projects] == ["p1", "p2", "p3", "p4"]
    assert [project_value(p) for p in both.projects] == [
        q("1万元"),
        q("2万元"),
        q("3万元"),
        q("4万元"),
    ]
    assert both.repeated == ("p1", "p2", "p3")
    assert dict(both.rollup(by="id")) == {
        "p1": q("1万元"),
        "p2": q("2万元"),
        "p3": q("3万元"),
        "p4": q("4万元"),
    }
    assert both.rollup().total == q("10万元")
    assert repr(both) == "Combined(plans=3, projects=4, achievements=2, goals=1)"


def test_combined_projects_answer_for_their_plan() -> None:
    """A combined view rolls up each project with the plan it was first met in (region, id)."""
    both = combine([PLAN_A, PLAN_B, PLAN_C])
    assert [e.plan.id for e in both.entries] == ["A", "A", "B", "C"]
    by_region = both.rollup(by="region")
    assert dict(by_region) == {COUNTY_A: q("3万元"), COUNTY_B: q("3万元"), CITY: q("4万元")}
    assert by_region.count(COUNTY_A) == 2
    assert dict(both.rollup(by="plan.id", value="count")) == {
        "A": q("2项"),
        "B": q("1项"),
        "C": q("1项"),
    }
    cities = both.rollup(by=lambda e: e.region.at(Level.MUNICIPAL))
    assert dict(cities) == {CITY: q("10万元")}


def test_combined_projects_by_source_keep_their_region() -> None:
    """By source and region, a combined view's projects answer with their plan's region."""
    both = combine([PLAN_A, PLAN_B, PLAN_C])
    assert dict(both.rollup(by=("source", "region"))) == {
        (NATIONAL, COUNTY_A): q("3万元"),
        (NATIONAL, COUNTY_B): q("3万元"),
        (NATIONAL, CITY): q("4万元"),
    }


def test_combine_finds_ids_repeated_within_one_plan() -> None:
    """A plan naming one id twice keeps the first and lists the id as repeated, once."""
    twice = plan(
        "E",
        project("q", line("1万元")),
        project("q", line("5万元")),
        project("r"),
        project("r"),
        project("r"),
    )
    alone = combine([twice])
    assert [(p.id, project_value(p)) for p in alone.projects] == [("q", q("1万元")), ("r", None)]
    assert alone.repeated == ("q", "r")
    assert combine([twice, twice]).repeated == ("q", "r")


def test_a_plan_given_twice_is_counted_once() -> None:
    """A plan given twice (the same id) is one plan: its projects and figures counted once."""
    again = combine([PLAN_A, PLAN_A])
    assert again.plans == ("A",)
    assert again.repeated == ()
    assert [p.id for p in again.projects] == ["p1", "p2"]
    assert dict(again.achievements) == {("trained", Year(2006)): q("100人次")}
    assert again.achievements.count(("trained", Year(2006))) == 1
    assert dict(again.goals) == {("科技计划项目", Year(2006), False): q("5项")}
    assert again == combine([PLAN_A])
    assert combine([PLAN_A, PLAN_B, PLAN_A]) == combine([PLAN_A, PLAN_B])
    assert combine([combine([PLAN_A, PLAN_B]), combine([PLAN_B, PLAN_C])]) == combine(
        [PLAN_A, PLAN_B, PLAN_C]
    )


def test_combine_sums_goals_and_achievements_per_indicator_and_period() -> None:
    """Goals and achievements are summed per indicator and period (goals per aspiration too)."""
    both = combine([PLAN_A, PLAN_B, PLAN_C])
    assert both.achievements.by == ("indicator", "period")
    assert dict(both.achievements) == {
        ("trained", Year(2006)): Range(q("3150人次"), q("4150人次"), False, False),
        ("科技计划项目", Year(2007)): q("7项"),
    }
    assert both.achievements.count(("trained", Year(2006))) == 3
    assert both.goals.by == ("indicator", "period", "aspirational")
    assert dict(both.goals) == {("科技计划项目", Year(2006), False): q("5项")}


def test_the_same_fact_from_two_plans_counts_once() -> None:
    """A figure two plans give for one place, indicator and period counts once: the first's."""
    review = plan(
        "X", ach("100人次"), ach("7项", indicator=WON), region=COUNTY_A, period=Year(2006)
    )
    report = plan("Y", ach("300人次"), region=COUNTY_A, period=Year(2006))
    other = plan("Z", ach("40人次"), region=COUNTY_B, period=Year(2006))
    assert dict(combine([review, report]).achievements) == {
        ("trained", Year(2006)): q("100人次"),
        ("科技计划项目", Year(2006)): q("7项"),
    }
    assert dict(combine([report, review]).achievements) == {
        ("trained", Year(2006)): q("300人次"),
        ("科技计划项目", Year(2006)): q("7项"),
    }
    three = combine([review, report, other]).achievements
    assert three[("trained", Year(2006))] == q("140人次")
    assert three.count(("trained", Year(2006))) == 2
    later = plan("L", ach("300人次"), region=COUNTY_A, period=Year(2007))
    assert combine([review, later]).achievements[("trained", Year(2007))] == q("300人次")


def test_a_facts_place_is_its_items_region_or_its_plans_or_the_plan() -> None:
    """A figure is for its item's region, else its plan's region, else its plan."""
    village = plan("V", ach("100人次", region=VILLAGE), ach("5人次"), region=COUNTY_A)
    county = plan("X", ach("30人次"), region=COUNTY_A)
    assert dict(combine([village]).achievements) == {("trained", None): q("105人次")}
    assert dict(combine([village, county]).achievements) == {("trained", None): q("105人次")}
    assert dict(combine([county, village]).achievements) == {("trained", None): q("130人次")}
    twice = plan("T", ach("1人次"), ach("2人次"), region=COUNTY_B)
    assert combine([twice]).achievements.count(("trained", None)) == 2
    assert combine([twice]).achievements[("trained", None)] == q("3人次")
    first, second = plan("N1", ach("10人次")), plan("N2", ach("10人次"))
    assert dict(combine([first, second]).achievements) == {("trained", None): q("20人次")}
    assert dict(combine([first, first]).achievements) == {("trained", None): q("10人次")}


def test_combined_goals_sum_floors_and_stretches_apart() -> None:
    """Combined goals sum floors (确保) and stretches (力争) apart."""
    ganzhou = plan("G", goal("10人次"), goal("力争20人次"), region=COUNTY_A, period=Year(2006))
    linze = plan("L", goal("5人次"), goal("争取7人次"), region=COUNTY_B, period=Year(2006))
    goals = combine([ganzhou, linze]).goals
    assert list(goals.items()) == [
        (("trained", Year(2006), False), q("15人次")),
        (("trained", Year(2006), True), q("27人次")),
    ]
    assert [goals.count(k) for k in goals] == [2, 2]


def test_combined_goals_have_no_total_of_floors_and_stretches() -> None:
    """Floors and stretches for the same thing are never added: no grand total, no 合计 row."""
    ganzhou = plan("G", goal("10人次"), goal("力争20人次"), region=COUNTY_A, period=Year(2006))
    goals = combine([ganzhou]).goals
    assert goals.total is None
    assert str(goals).splitlines() == [
        "指标     期间    力争  数值    条目数",
        "-------  ------  ----  ------  ------",
        "trained  2006年  否    10人次  1",
        "trained  2006年  是    20人次  1",
    ]


def test_combined_stocks_have_no_total_over_periods() -> None:
    """Combined achievements of a stock are a stock roll-up: no grand total over periods."""
    a = plan("S", ach("10家", indicator=FIRMS), region=COUNTY_A, period=Year(2006))
    b = plan("T", ach("12家", indicator=FIRMS), region=COUNTY_B, period=Year(2006))
    c = plan("U", ach("15家", indicator=FIRMS), region=COUNTY_B, period=Year(2007))
    firms = combine([a, b, c]).achievements
    assert dict(firms) == {
        ("高新技术企业", Year(2006)): q("22家"),
        ("高新技术企业", Year(2007)): q("15家"),
    }
    assert firms.stock
    assert firms.total is None
    assert not combine([PLAN_A]).achievements.stock


@pytest.mark.parametrize(
    ("regions", "common"),
    [
        ((COUNTY_A, COUNTY_B), CITY),
        ((COUNTY_A, COUNTY_B, CITY), CITY),
        ((COUNTY_A, VILLAGE), COUNTY_A),
        ((VILLAGE, COUNTY_B), CITY),
        ((COUNTY_A, GANSU), GANSU),
        ((COUNTY_A,), COUNTY_A),
        ((COUNTY_A, COUNTY_A), COUNTY_A),
        ((COUNTY_A, OTHER_PROVINCE), None),
        ((COUNTY_A, None), None),
        ((None, None), None),
    ],
)
def test_combined_region_is_the_lowest_common_one(
    regions: tuple[Region | None, ...], common: Region | None
) -> None:
    """The combined region is the lowest region holding every plan's; None when there is none."""
    plans = [plan(f"P{k}", region=r) for k, r in enumerate(regions)]
    assert combine(plans).region == common


def test_combine_takes_combined_views() -> None:
    """Combined views combine like plans: counties into a city's view, cities into a province's."""
    flat = combine([PLAN_A, PLAN_B, PLAN_C])
    assert combine([combine([PLAN_A, PLAN_B]), PLAN_C]) == flat
    assert combine([PLAN_A, combine([PLAN_B, PLAN_C])]) == flat
    assert combine([combine([PLAN_A])]) == combine([PLAN_A])
    assert combine(iter([PLAN_A, PLAN_B])) == combine([PLAN_A, PLAN_B])


def test_combine_seed_plans() -> None:
    """篇3 and 篇2 combine into six projects, no ids repeated, and no common region."""
    both = combine([examples.load("篇3"), examples.load("篇2")])
    assert both.plans == ("plan3", "plan2")
    assert len(both.projects) == 6
    assert both.repeated == ()
    assert both.region is None


def test_combine_refusals() -> None:
    """Combining nothing is an InvalidValueError; what is not a plan a WrongTypeError."""
    _refusal(lambda: combine([]), InvalidValueError, "invalid plans: there is nothing to combine")
    error = _refusal(
        lambda: combine([PLAN_A, "篇3"]),  # type: ignore[list-item]
        WrongTypeError,
        "plans must be Plans or Combined views, not str",
    )
    assert isinstance(error, TypeError)
    with pytest.raises(TypeError):
        combine(PLAN_A)  # type: ignore[arg-type]


def _one_plan_per_id(*plans: Plan) -> list[Plan]:
    """``plans`` with a plan whose id was met before replaced by that plan: one id, one plan."""
    first: dict[str, Plan] = {}
    return [first.setdefault(p.id, p) for p in plans]


@QUARTER
@given(sharing_plans(), sharing_plans(), sharing_plans())
def test_combining_is_associative(a: Plan, b: Plan, c: Plan) -> None:
    """combine is associative, a plan given again (the same id) among its plans."""
    a, b, c = _one_plan_per_id(a, b, c)
    left = combine([combine([a, b]), c])
    right = combine([a, combine([b, c])])
    assert left == right
    assert left == combine([a, b, c])


@QUARTER
@given(st.lists(sharing_plans(), min_size=1, max_size=3))
def test_combined_projects_are_the_first_of_each_id(plans: list[Plan]) -> None:
    """A combined view holds each plan once, the first project of each id, and new facts only."""
    plans = _one_plan_per_id(*plans)
    both = combine(plans)
    distinct = list({p.id: p for p in plans}.values())
    met = [p for each in distinct for p in each.projects()]
    first: dict[str, Project] = {}
    for p in met:
        first.setdefault(p.id, p)
    assert both.projects == tuple(first.values())
    ids = [p.id for p in met]
    assert both.repeated == tuple(i for i in first if ids.count(i) > 1)
    assert both.plans == tuple(p.id for p in distinct)
    facts: dict[Any, int] = {}
    for each in distinct:
        mine: dict[Any, int] = {}
        for e in each.walk(Achievement):
            assert isinstance(e.item, Achievement)
            place = e.region if e.region is not None else ("plan", each.id)
            fact = (place, e.item.indicator.key or e.item.indicator.name, e.period)
            mine[fact] = mine.get(fact, 0) + 1
        for fact, n in mine.items():
            facts.setdefault(fact, n)
    assert sum(both.achievements.count(k) for k in both.achievements) == sum(facts.values())


# -- over_period ------------------------------------------------------------------------------

YEARLY = [
    ach("100人次", Year(2006)),
    ach("200人次", Year(2007)),
    ach("3000余人次", Year(2010)),
    ach("9人次", Year(2005)),
    ach("1人次", TWENTY_XX),
    ach("5人次", FiveYearPlan(11)),
    ach("6人次"),
    ach("7人次", YearSpan(Year(2006), Year(2007))),
    ach("10家", Year(2006), FIRMS),
    ach("12家", Year(2009), FIRMS),
    ach("3家", Year(2009), FIRMS),
    ach("99家", Year(2008), FIRMS),
    ach("4家", Year(2003), FIRMS),
]


def test_over_period_sums_flows_and_takes_the_latest_stock() -> None:
    """Flows are summed over the years; a stock takes its latest year; 20xx年 stands apart."""
    r = over_period(YEARLY)
    assert r.by == ("indicator", "period")
    assert list(r.items()) == [
        (("trained", FiveYearPlan(10)), q("9人次")),
        (("trained", FiveYearPlan(11)), Range(q("3300人次"), q("4300人次"), False, False)),
        (("trained", TWENTY_XX), q("1人次")),
        (("高新技术企业", FiveYearPlan(10)), q("4家")),
        (("高新技术企业", FiveYearPlan(11)), q("15家")),
    ]
    assert r.count(("trained", FiveYearPlan(11))) == 3
    assert r.count(("高新技术企业", FiveYearPlan(11))) == 2
    assert r.stock
    assert r.total is None
    assert not over_period(YEARLY[:3]).stock


def test_over_period_leaves_out_period_figures_and_keeps_unknown_years_apart() -> None:
    """Figures for a whole period or none are left out; 20xx年 ones stand under 20xx年."""
    left_out = [
        ach("5人次", FiveYearPlan(11)),
        ach("6人次"),
        ach("7人次", YearSpan(Year(2006), Year(2007))),
    ]
    assert len(over_period(left_out)) == 0
    assert len(over_period([])) == 0
    r = over_period([*left_out, ach("1人次", TWENTY_XX), ach("2人次", Year.parse("20xx年"))])
    assert dict(r) == {("trained", Year.parse("20xx年")): q("3人次")}
    assert r.count(("trained", TWENTY_XX)) == 2
    assert r.total == q("3人次")


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (
            FiveYearPlan(11),
            {
                "trained": Range(q("3300人次"), q("4300人次"), False, False),
                "高新技术企业": q("15家"),
            },
        ),
        (FiveYearPlan(10), {"trained": q("9人次"), "高新技术企业": q("4家")}),
        (YearSpan(Year(2006), Year(2008)), {"trained": q("300人次"), "高新技术企业": q("99家")}),
        (YearSpan(Year(2005), Year(2006)), {"trained": q("109人次"), "高新技术企业": q("10家")}),
        (FiveYearPlan(12), {}),
    ],
)
def test_over_period_restricted_to_a_period(
    period: FiveYearPlan | YearSpan, expected: dict[str, Any]
) -> None:
    """period= keeps the years of that period and keys every sum by it."""
    known = [a for a in YEARLY if a.period != TWENTY_XX]
    r = over_period(known, period=period)
    assert dict(r) == {(name, period): value for name, value in expected.items()}


@pytest.mark.parametrize(
    ("period", "count"),
    [
        (FiveYearPlan(11), 4),
        (FiveYearPlan(10), 2),
        (FiveYearPlan(9), 1),  # 20xx may be 2000
        (FiveYearPlan(12), 1),
        (YearSpan(Year(2006), Year(2008)), 3),
    ],
)
def test_a_placeholder_year_that_may_fall_in_the_period_makes_it_unknown(
    period: FiveYearPlan | YearSpan, count: int
) -> None:
    """With period=, a 20xx年 figure that may fall in it makes the period's value not known."""
    r = over_period(YEARLY, period=period)
    assert repr(r[("trained", period)]) == "Range('unknown 人次')"
    assert r.count(("trained", period)) == count
    firms = dict(over_period(YEARLY[8:], period=period))
    assert {k: v for k, v in r.items() if k[0] != "trained"} == firms


def test_a_placeholder_year_outside_the_period_is_left_out() -> None:
    """A placeholder year that cannot fall in the period (201x for 十五) is left out."""
    items = [ach("1人次", Year(2005)), ach("2人次", Year.parse("201x年"))]
    assert dict(over_period(items, period=FiveYearPlan(10))) == {
        ("trained", FiveYearPlan(10)): q("1人次")
    }
    assert dict(over_period(items, period=FiveYearPlan(11))) == {
        ("trained", FiveYearPlan(11)): Range.unknown("人次")
    }
    assert dict(over_period(items[1:], period=FiveYearPlan(8))) == {}


def test_each_placeholder_year_counts_in_its_period() -> None:
    """Every 20xx年 figure that may fall in the period counts in its group, like any other."""
    items = [ach("1人次", Year(2006)), ach("2人次", TWENTY_XX), ach("3人次", TWENTY_XX)]
    r = over_period(items, period=FiveYearPlan(11))
    assert dict(r) == {("trained", FiveYearPlan(11)): Range.unknown("人次")}
    assert r.count(("trained", FiveYearPlan(11))) == 3


def test_over_period_sums_the_latest_stock_of_each_place() -> None:
    """A stock takes each place's latest year (region, else the entry's plan), summed."""
    firms = [
        ach("10家", Year(2006), FIRMS, region=COUNTY_A),
        ach("12家", Year(2008), FIRMS, region=COUNTY_A),
        ach("7家", Year(2007), FIRMS, region=COUNTY_B),
        ach("1家", Year(2009), FIRMS),
    ]
    r = over_period(firms)
    assert dict(r) == {("高新技术企业", FiveYearPlan(11)): q("20家")}
    assert r.count(("高新技术企业", FiveYearPlan(11))) == 3
    one = plan("P1", ach("10家", Year(2006), FIRMS), ach("12家", Year(2007), FIRMS))
    other = plan("P2", ach("3家", Year(2006), FIRMS))
    walked = over_period([*one.walk(Achievement), *other.walk(Achievement)])
    assert dict(walked) == {("高新技术企业", FiveYearPlan(11)): q("15家")}
    in_region = plan("P3", ach("4家", Year(2008), FIRMS), region=COUNTY_A)
    assert dict(over_period([*one.walk(Achievement), *in_region.walk(Achievement), firms[0]])) == {
        ("高新技术企业", FiveYearPlan(11)): q("16家")
    }


@pytest.mark.parametrize(
    ("items", "period"),
    [
        ([ach("1人次", Year(2006)), goal("2人次", Year(2007))], None),
        ([goal("2人次", Year(2007)), ach("1人次", Year(2006))], FiveYearPlan(11)),
        ([ach("1人次", TWENTY_XX), goal("2人次", TWENTY_XX)], None),
        ([ach("1人次", Year(2006)), goal("2人次", TWENTY_XX)], FiveYearPlan(11)),
        ([goal("2人次", TWENTY_XX), ach("1人次", Year(2006))], FiveYearPlan(11)),
    ],
)
def test_over_period_refuses_goals_and_achievements_together(
    items: list[Any], period: FiveYearPlan | None
) -> None:
    """Goals and achievements under one key raise InvalidValueError, 20xx年 ones too."""
    _refusal(
        lambda: over_period(items, period=period),
        InvalidValueError,
        "invalid items: goals and achievements are summed apart",
    )


def test_over_period_keeps_goals_and_achievements_of_different_periods() -> None:
    """A goal and an achievement of different five-year plans are different keys."""
    r = over_period([ach("1人次", Year(2006)), goal("2人次", Year(2011))])
    assert dict(r) == {
        ("trained", FiveYearPlan(11)): q("1人次"),
        ("trained", FiveYearPlan(12)): q("2人次"),
    }


def test_over_period_reads_entries_periods() -> None:
    """Entries from walk() answer with their effective period: a section's year counts."""
    yearly = Plan(
        id="P",
        title="t",
        kind=PlanKind.FIVE_YEAR,
        period=FiveYearPlan(11),
        sections=[
            Section(period=Year(2006), items=[ach("1人次")]),
            Section(period=Year(2007), items=[ach("2人次"), Task(goals=[goal("9人次")])]),
            Section(items=[ach("5人次")]),
        ],
    )
    assert dict(over_period(yearly.walk(Achievement))) == {
        ("trained", FiveYearPlan(11)): q("3人次")
    }
    assert dict(over_period(yearly.walk(Goal))) == {("trained", FiveYearPlan(11)): q("9人次")}
    assert len(over_period(yearly.achievements())) == 0


def test_over_period_counts_same_as_words_and_keeps_unknown_figures_unknown() -> None:
    """Yearly figures count in the indicator's word; a 20xx figure makes the sum unknown."""
    r = over_period(
        [
            ach("3个", Year(2006), WON),
            ach("4项", Year(2007), WON),
            ach("20xx人次", Year(2006)),
            ach("5人次", Year(2007)),
        ]
    )
    assert r[("科技计划项目", FiveYearPlan(11))] == q("7项")
    assert r[("trained", FiveYearPlan(11))] == Range.unknown("人次")


def test_over_period_refusals() -> None:
    """A span of unknown years, or items that are no goals or achievements, are refused."""
    _refusal(
        lambda: over_period(YEARLY, period=YearSpan(Year(2006), TWENTY_XX)),
        InvalidValueError,
        "invalid period: 2006-20xx年 is not a known span of years",
    )
    _refusal(
        lambda: over_period([q("1元")]),
        WrongTypeError,
        "items must be goals, achievements or entries, not Money",
    )


# -- attainment -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("result", "verdict", "text"),
    [
        ("2.1万人次", Verdict.MET, "完成率 105.0%（已完成）"),
        ("2万余人次", Verdict.MET, "完成率 (100.0%, 150.0%)（已完成）"),
        ("1.5万人次", Verdict.NOT_MET, "完成率 75.0%（未完成）"),
        ("约2万人次", Verdict.UNDECIDED, "完成率 95.0%–105.0%（无法判定）"),
        ("2万人次", Verdict.MET, "完成率 100.0%（已完成）"),
        ("近2万人次", Verdict.NOT_MET, "完成率 [95.0%, 100.0%)（未完成）"),
        ("2万人次以上", Verdict.MET, "完成率 ≥100.0%（已完成）"),
        ("3万人次以下", Verdict.UNDECIDED, "完成率 ≤150.0%（无法判定）"),
        ("20xx人次", Verdict.UNDECIDED, "完成率 未知（无法判定）"),
    ],
)
def test_attainment_against_a_floor(result: str, verdict: Verdict, text: str) -> None:
    """Against 2万人次以上: MET when all the result allows meets it, NOT_MET when none does."""
    a = attainment(fig("2万人次以上"), fig(result))
    assert type(a) is Attainment
    assert a.verdict is verdict
    assert str(a) == text
    assert a.target == fig("2万人次以上")
    assert a.actual == fig(result).range


def test_attainment_rates() -> None:
    """The rate is the result over the target, in %: a point, or a range for a qualified result."""
    target = fig("2万人次以上")
    assert attainment(target, fig("2.1万人次")).rate == Range.point(q("105%"))
    assert repr(attainment(target, fig("2万余人次")).rate) == "Range('(100%, 150%)')"
    assert attainment(target, fig("20xx人次")).rate == Range.unknown("%")
    assert repr(attainment(target, fig("2.1万人次"))) == (
        "Attainment(2万人次以上, actual=[2.1万人次, 2.1万人次], rate=[105%, 105%], MET)"
    )


def test_an_unknown_target_cannot_be_judged() -> None:
    """A 20xx target is UNDECIDED with an unknown rate."""
    a = attainment(fig("20xx人次"), fig("2万人次"))
    assert a.verdict is Verdict.UNDECIDED
    assert a.rate == Range.unknown("%")
    assert str(a) == "完成率 未知（无法判定）"


@pytest.mark.parametrize(
    ("target", "result", "verdict", "text"),
    [
        ("不超过5%", "3%", Verdict.MET, "完成率 60.0%（已完成）"),
        ("不超过5%", "6%", Verdict.NOT_MET, "完成率 120.0%（未完成）"),
        ("不超过5%", "5%", Verdict.MET, "完成率 100.0%（已完成）"),
        ("不超过5%", "约5%", Verdict.UNDECIDED, "完成率 95.0%–105.0%（无法判定）"),
        ("不满5%", "5%", Verdict.NOT_MET, "完成率 100.0%（未完成）"),
        ("不满5%", "4.9%", Verdict.MET, "完成率 98.0%（已完成）"),
    ],
)
def test_attainment_against_a_ceiling(
    target: str, result: str, verdict: Verdict, text: str
) -> None:
    """A ceiling (不超过, 不满) is met by results at or below it."""
    a = attainment(fig(target), fig(result))
    assert a.verdict is verdict
    assert str(a) == text


def test_attainment_sums_the_results_of_a_flow() -> None:
    """Several results of a flow are summed before they are held against the target."""
    target = goal("1万人次", FiveYearPlan(11))
    results = [
        ach("3000人次", Year(2006)),
        ach("4000人次", Year(2007)),
        ach("3500人次", Year(2008)),
    ]
    a = attainment(target, results)
    assert a.actual == Range.point(q("10500人次"))
    assert (a.verdict, str(a)) == (Verdict.MET, "完成率 105.0%（已完成）")
    assert attainment(target, results[:2]).verdict is Verdict.NOT_MET
    entries = list(plan("P", *results).walk(Achievement))
    assert attainment(target, entries) == a


def test_attainment_takes_the_latest_result_of_a_stock() -> None:
    """For a stock only the result of the latest year counts."""
    target = goal("20家", indicator=FIRMS)
    results = [
        ach("25家", Year(2009), FIRMS),
        ach("18家", Year(2010), FIRMS),
        ach("15家", Year(2006), FIRMS),
    ]
    a = attainment(target, results)
    assert a.actual == Range.point(q("18家"))
    assert (a.verdict, str(a)) == (Verdict.NOT_MET, "完成率 90.0%（未完成）")
    by_period = [
        ach("25家", Year(2009), FIRMS),
        ach("18家", None, FIRMS),
        ach("22家", FiveYearPlan(11), FIRMS),
    ]
    assert attainment(target, by_period).actual == Range.point(q("22家"))
    assert attainment(target, results[0]).verdict is Verdict.MET


def test_attainment_of_a_stock_reads_entries_periods() -> None:
    """Entries answer with their section's year, by which a stock's latest result is found."""
    walked = Plan(
        id="x",
        title="t",
        kind=PlanKind.REVIEW,
        sections=[
            Section(period=Year(2010), items=[ach("18家", indicator=FIRMS)]),
            Section(period=Year(2009), items=[ach("25家", indicator=FIRMS)]),
        ],
    )
    assert dict(over_period(walked.walk(Achievement))) == {
        ("高新技术企业", FiveYearPlan(11)): q("18家")
    }
    a = attainment(goal("20家", indicator=FIRMS), walked.walk(Achievement))
    assert a.actual == Range.point(q("18家"))
    assert a.verdict is Verdict.NOT_MET


def test_attainment_counts_same_as_words() -> None:
    """A goal of 10项 is met by 12个 of an indicator that counts 个 as 项."""
    a = attainment(goal("10项", indicator=WON), ach("12个", indicator=WON))
    assert a.actual == Range.point(q("12项"))
    assert (a.verdict, str(a)) == (Verdict.MET, "完成率 120.0%（已完成）")
    summed = attainment(
        goal("10项", indicator=WON), [ach("6个", indicator=WON), ach("3项", indicator=WON)]
    )
    assert (summed.actual, summed.verdict) == (Range.point(q("9项")), Verdict.NOT_MET)
    in_ge = attainment(goal("10个", indicator=WON), ach("12项", indicator=WON))
    assert (in_ge.verdict, in_ge.percent()) == (Verdict.MET, "120.0%")


def test_attainment_rate_rounds_half_up() -> None:
    """A rate of 2/3 shows as 66.7%, and at 3 places as 66.667%."""
    a = attainment(fig("3项"), fig("2项"))
    assert (a.percent(), a.percent(3), a.percent(0)) == ("66.7%", "66.667%", "67%")
    assert str(a) == "完成率 66.7%（未完成）"


def test_attainment_takes_amounts_and_ranges() -> None:
    """Results may be amounts, ranges or figures; a zero target has an unknown rate."""
    assert attainment(fig("3项"), q("3项")).verdict is Verdict.MET
    between = attainment(fig("3项"), Range(q("2项"), q("4项")))
    assert (between.verdict, between.percent()) == (Verdict.UNDECIDED, "66.7%–133.3%")
    zero = attainment(fig("0项"), fig("2项"))
    assert (zero.verdict, zero.rate) == (Verdict.MET, Range.unknown("%"))


def test_attainment_refusals() -> None:
    """No result, a result of another dimension, or a target that is no figure are refused."""
    _refusal(
        lambda: attainment(fig("3项"), []),
        InvalidValueError,
        "invalid achievements: there is no result to hold against the target",
    )
    _refusal(
        lambda: attainment(fig("3项"), fig("2万元")),
        UnitMismatchError,
        "cannot hold a result against '项' and '万元': they are units of different things",
    )
    _refusal(
        lambda: attainment("3项", fig("2项")),  # type: ignore[arg-type]
        WrongTypeError,
        "goal must be a Goal, a walked goal (Entry) or a Figure, not str",
    )


@pytest.mark.parametrize(
    ("verdict", "chinese"),
    [(Verdict.MET, "已完成"), (Verdict.NOT_MET, "未完成"), (Verdict.UNDECIDED, "无法判定")],
)
def test_verdict_in_chinese(verdict: Verdict, chinese: str) -> None:
    """A verdict reads in Chinese as 已完成, 未完成 or 无法判定."""
    assert verdict.chinese == chinese


# -- percent ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "places", "text"),
    [
        ("12.25", 1, "12.3%"),  # half to even would give 12.2%
        ("0.125", 2, "0.13%"),  # half to even would give 0.12%
        ("2.5", 0, "3%"),  # half to even would give 2%
        ("-2.5", 0, "-3%"),
        ("1.25", 2, "1.25%"),
        ("66.66666666666666666666666667", 1, "66.7%"),
        ("105", 1, "105.0%"),
        ("105", 0, "105%"),
        ("0", 1, "0.0%"),
    ],
)
def test_percent_rounds_half_up(rate: str, places: int, text: str) -> None:
    """percent() rounds half up (四舍五入) to the places asked for."""
    assert percent(Quantity(rate, "%"), places) == text
    assert percent(Range.point(Quantity(rate, "%")), places) == text


@pytest.mark.parametrize(
    ("rate", "text"),
    [
        (Range.point(q("105%")), "105.0%"),
        (Range(q("100%"), q("150%")), "100.0%–150.0%"),
        (Range(q("100%"), q("150%"), False, False), "(100.0%, 150.0%)"),
        (Range(q("90%"), q("100%"), True, False), "[90.0%, 100.0%)"),
        (Range(q("90%"), q("100%"), False, True), "(90.0%, 100.0%]"),
        (Range(q("100%"), None), "≥100.0%"),
        (Range(q("100%"), None, False), ">100.0%"),
        (Range(None, q("150%")), "≤150.0%"),
        (Range(None, q("150%"), high_closed=False), "<150.0%"),
        (Range(None, None, unit="%"), "未知"),
        (Range.unknown("%"), "未知"),
        (Range(q("99.99%"), q("100.01%")), "100.0%"),
    ],
)
def test_percent_of_ranges(rate: Range, text: str) -> None:
    """A rate reads as a point, closed ends joined by –, open ends bracketed, ≥ > ≤ <, or 未知."""
    assert percent(rate) == text


def test_percent_has_no_negative_zero() -> None:
    """A small fall that rounds to zero shows as 0.0%, not -0.0%."""
    assert percent(Quantity("-0.04", "%")) == "0.0%"
    assert percent(growth(fig("99999元"), fig("10万元"))) == "0.0%"


# -- growth -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "previous", "expected", "text"),
    [
        ("38.5万元", "35万元", "[10%, 10%]", "10.0%"),
        ("385000元", "35万元", "[10%, 10%]", "10.0%"),
        ("30万元", "40万元", "[-25%, -25%]", "-25.0%"),
        ("2万余人次", "1万人次", "(100%, 200%)", "(100.0%, 200.0%)"),
        ("2万人次", "1万余人次", "(0%, 100%)", "(0.0%, 100.0%)"),
        ("2万人次以上", "1万人次", "[100%, ∞)", "≥100.0%"),
        ("2万人次", "1万人次以上", "(-100%, 100%]", "(-100.0%, 100.0%]"),
        ("2万人次以下", "1万人次", "(-∞, 100%]", "≤100.0%"),
        ("近2万人次", "1万人次", "[90%, 100%)", "[90.0%, 100.0%)"),
        (
            "1元",
            "3元",
            "[-66.66666666666666666666666667%, -66.66666666666666666666666667%]",
            "-66.7%",
        ),
    ],
)
def test_growth(current: str, previous: str, expected: str, text: str) -> None:
    """Growth on the previous figure in %: a point for exact figures, a range for qualified."""
    g = growth(fig(current), fig(previous))
    assert str(g) == expected
    assert percent(g) == text


def test_growth_of_ranges_and_items() -> None:
    """Growth takes amounts, ranges, goals and achievements, and divides end by end."""
    assert growth(q("2人次"), q("1人次")) == Range.point(q("100%"))
    open_low = Range(q("1人次"), q("4人次"), low_closed=False)
    assert str(growth(q("2人次"), open_low)) == "[-50%, 100%)"
    assert (
        str(growth(Range(q("-4人次"), q("2人次")), Range(q("1人次"), q("2人次"))))
        == "[-500%, 100%]"
    )
    assert growth(ach("3人次"), goal("2人次")) == Range.point(q("50%"))


def test_growth_on_zero_is_a_division_by_zero() -> None:
    """Growth on exactly zero raises DivisionByZeroError (a ZeroDivisionError)."""
    error = _refusal(
        lambda: growth(fig("2万人次"), fig("0人次")),
        DivisionByZeroError,
        "growth on 0人次 divides by zero",
    )
    assert isinstance(error, ZeroDivisionError)
    with pytest.raises(DivisionByZeroError):
        growth(q("2万元"), Range.point(q("0元")))


@pytest.mark.parametrize(
    "previous",
    [
        Range(q("0人次"), q("3人次")),
        Range(q("0人次"), q("3人次"), low_closed=False),
        Range(q("-1人次"), q("3人次")),
        Range(None, q("3人次")),
        Figure.parse("1万人次以下"),
        q("-2人次"),
    ],
)
def test_growth_on_what_may_be_zero_or_below_is_unknown(previous: Any) -> None:
    """Growth on a previous figure that may be zero or below is not known."""
    assert growth(q("2人次"), previous) == Range.unknown("%")


def test_growth_of_unknown_figures_is_unknown() -> None:
    """Growth with a 20xx figure on either side is not known."""
    assert growth(fig("2万人次"), fig("20xx人次")) == Range.unknown("%")
    assert growth(fig("20xx人次"), fig("2万人次")) == Range.unknown("%")
    assert growth(fig("20xx人次"), fig("0人次")) == Range.unknown("%")


def test_growth_refusals() -> None:
    """Figures of different dimensions raise UnitMismatchError; what is no figure WrongTypeError."""
    _refusal(
        lambda: growth(fig("2万人次"), fig("1万元")),
        UnitMismatchError,
        "cannot compare '万人次' and '万元': they are units of different things",
    )
    with pytest.raises(UnitMismatchError):
        growth(fig("20xx人次"), fig("1万元"))
    _refusal(
        lambda: growth(3, fig("2人次")),
        WrongTypeError,
        "current must be a Quantity, Figure or Range, not int",
    )
    _refusal(
        lambda: growth(fig("2人次"), "1人次"),
        WrongTypeError,
        "previous must be a Quantity, Figure or Range, not str",
    )


# -- the seed plans ---------------------------------------------------------------------------


def test_seed_plan_3_projects_have_no_allocated_money() -> None:
    """篇3's projects name no funding lines: by status they roll up to money not known."""
    r = rollup(examples.load("篇3").projects(), by="status")
    assert list(r.items()) == [
        (ProjectStatus.PLANNED, Range.unknown("元")),
        (ProjectStatus.UNDER_REVIEW, Range.unknown("元")),
    ]
    assert [repr(v) for v in r.values()] == ["Range('unknown 元')"] * 2
    assert (r.count(ProjectStatus.PLANNED), r.count(ProjectStatus.UNDER_REVIEW)) == (1, 2)
    assert repr(r.total) == "Range('unknown 元')"


def test_seed_plan_3_achievements_over_period() -> None:
    """篇3's achievements are written for 十五 or for 20xx年: those of 20xx年 stand under it,
    and a stock it states twice alike for the county and 20xx年 is one figure."""
    r = over_period(examples.load("篇3").walk(Achievement))
    assert len(r) == 24
    assert {period for _, period in r} == {TWENTY_XX}
    assert sum(r.count(k) for k in r) == 24
    assert r[("tech_commissioners", TWENTY_XX)] == q("32人")
    assert r[("trained_public", TWENTY_XX)] == q("5.6万人次")
    assert r[("project_funding", TWENTY_XX)] == q("38.5万元")
    assert r.stock
    assert r.total is None


def test_attainment_of_a_stock_sums_the_latest_result_of_each_place() -> None:
    """For a stock, each place's latest result counts and the places are summed."""
    target = goal("40家", indicator=FIRMS)
    results = [
        ach("25家", Year(2009), FIRMS, region=COUNTY_A),
        ach("18家", Year(2010), FIRMS, region=COUNTY_A),
        ach("24家", Year(2008), FIRMS, region=COUNTY_B),
    ]
    a = attainment(target, results)
    assert a.actual == Range.point(q("42家"))
    assert (a.verdict, str(a)) == (Verdict.MET, "完成率 105.0%（已完成）")
    unplaced = attainment(target, [*results, ach("25家", Year(2009), FIRMS)])
    assert unplaced.actual == Range.point(q("67家"))
    one = plan("P1", ach("10家", Year(2006), FIRMS), ach("12家", Year(2007), FIRMS))
    other = plan("P2", ach("30家", Year(2006), FIRMS))
    walked = attainment(target, [*one.walk(Achievement), *other.walk(Achievement)])
    assert walked.actual == Range.point(q("42家"))


def test_attainment_of_a_goal_for_a_period_uses_results_for_the_period_itself() -> None:
    """Results for the goal's period itself are used, its years then ignored."""
    target = goal("1万人次", FiveYearPlan(11))
    results = [
        ach("3000人次", Year(2006)),
        ach("4000人次", Year(2007)),
        ach("1.2万人次", FiveYearPlan(11)),
        ach("500人次", Year(2011)),
        ach("9000人次", FiveYearPlan(10)),
    ]
    a = attainment(target, results)
    assert a.actual == Range.point(q("12000人次"))
    assert str(a) == "完成率 120.0%（已完成）"


def test_attainment_of_a_goal_for_a_period_sums_the_results_of_its_years() -> None:
    """Else the results of the period's years are summed, and those without a period kept."""
    target = goal("1万人次", FiveYearPlan(11))
    results = [
        ach("3000人次", Year(2006)),
        ach("4000人次", YearSpan(Year(2007), Year(2008))),
        ach("100人次"),
        ach("500人次", Year(2011)),
        ach("600人次", YearSpan(Year(2010), Year(2011))),
        ach("9000人次", FiveYearPlan(10)),
    ]
    a = attainment(target, results)
    assert a.actual == Range.point(q("7100人次"))
    assert (a.verdict, str(a)) == (Verdict.NOT_MET, "完成率 71.0%（未完成）")


def test_attainment_of_a_goal_for_a_period_refuses_results_of_other_periods_only() -> None:
    """When every result is of another period, there is nothing to hold against the goal."""
    _refusal(
        lambda: attainment(
            goal("1万人次", FiveYearPlan(11)),
            [ach("500人次", Year(2011)), ach("5人次", FiveYearPlan(10))],
        ),
        InvalidValueError,
        "invalid achievements: none of them is for the goal's period “十一五”",
    )


@pytest.mark.parametrize(
    ("target", "result"),
    [
        ("20xx项", "2万元"),
        ("3项", "20xx万元"),
        ("20xx项", "20xx万元"),
    ],
)
def test_attainment_refuses_another_dimension_even_when_unknown(target: str, result: str) -> None:
    """A target and result of different dimensions raise UnitMismatchError, even if unknown."""
    _refusal(
        lambda: attainment(fig(target), fig(result)),
        UnitMismatchError,
        "cannot hold a result against '项' and '万元': they are units of different things",
    )


def test_attainment_refuses_results_of_another_indicator() -> None:
    """A goal is held only against achievements of its own indicator."""
    _refusal(
        lambda: attainment(goal("2万人次"), [ach("3万人次"), ach("1项", indicator=WON)]),
        InvalidValueError,
        "invalid achievements[1]: it measures '科技计划项目', not the goal's 'trained'",
    )


def test_growth_takes_entries() -> None:
    """growth() reads the figures of walked entries as of their items."""
    now, before = plan("p", ach("1.1万人次"), ach("1万人次")).walk(Achievement)
    assert percent(growth(now, before)) == "10.0%"


def test_rollup_by_nothing_is_one_group() -> None:
    """by=() is the same as no grouping: one group keyed ()."""
    items = [project("a", line("1万元")), project("b", line("2万元"))]
    assert rollup(items, by=()) == rollup(items) == {(): q("3万元")}


def test_a_result_of_a_year_not_known_makes_a_periods_attainment_undecided() -> None:
    """Against a goal for 十一五, a result for 20xx年 may be one of its years: undecided."""
    target = goal("10项以上", FiveYearPlan(11), WON)
    a = attainment(target, [ach("6项", Year(2006), WON), ach("5项", TWENTY_XX, WON)])
    assert (a.verdict, a.actual) == (Verdict.UNDECIDED, Range.unknown("项"))
    known = attainment(target, [ach("6项", Year(2006), WON), ach("5项", Year(2007), WON)])
    assert known.verdict is Verdict.MET


def test_a_stock_said_twice_alike_in_a_plan_is_one_fact_when_combined() -> None:
    """A plan stating 12家 twice for its county and year counts 12家, not 24家."""
    twice = plan(
        "T",
        ach("12家", Year(2006), FIRMS),
        ach("12家", Year(2006), FIRMS),
        region=COUNTY_A,
    )
    assert combine([twice]).achievements[("高新技术企业", Year(2006))] == q("12家")


def test_a_stage_may_be_named() -> None:
    """stage= takes a FundingStage or its name (到位, received); anything else is refused."""
    p = project("a", line("30万元"), line("20万元", stage=FundingStage.RECEIVED))
    assert rollup([p], stage="到位")[()] == q("20万元")
    assert rollup([p], stage="received") == rollup([p], stage=FundingStage.RECEIVED)
    assert project_value(p, "下达") == q("30万元")
    _refusal(lambda: rollup([p], stage=3), WrongTypeError,
             "stage must be a FundingStage or its name, not int")  # fmt: skip
    with pytest.raises(ValueError, match="xyz"):
        rollup([p], stage="xyz")


def test_a_walked_goal_takes_its_sections_period() -> None:
    """attainment of a goal walked from its plan uses its section's period: a 2024 goal
    is not held against a 2023 result."""
    p = Plan(
        id="t",
        title="t",
        kind=PlanKind.ANNUAL,
        sections=[
            Section(period=Year(2023), items=[ach("9000人次")]),
            Section(period=Year(2024), items=[goal("1万人次")]),
        ],
    )
    (walked,) = p.walk(Goal)
    results = list(p.walk(Achievement))
    with pytest.raises(InvalidValueError, match="2024"):
        attainment(walked, results)
    assert attainment(goal("1万人次"), [r.item for r in results]).verdict is Verdict.NOT_MET


@pytest.mark.parametrize("by", ["levle", "region.parnet", ("level", "sorce")])
def test_a_misspelt_field_to_group_by_is_an_error_not_one_unnamed_group(
    by: str | tuple[str, ...],
) -> None:
    projects = examples.load("篇3").projects()
    with pytest.raises(InvalidValueError, match="is the name of no field"):
        rollup(projects, by=by)


def test_every_name_the_docs_group_by_is_known() -> None:
    """Projects group by their own fields and their funding lines'; where they stand in
    a plan (an entry) they answer for its region, period and plan too."""
    plan = examples.load("篇3")
    projects = plan.projects()
    for by in ("level", "source", "stage", "year", "currency", "programme", "status"):
        assert rollup(projects, by=by).by == (by,)
    for by in ("region", "region.parent", "period", "plan", "section", "heading"):
        assert rollup(plan.walk(Project), by=by).by == (by,)


@pytest.mark.parametrize(
    ("items", "by", "kind"),
    [
        ("projects", "region", "Project"),
        ("goals", "programme", "Goal"),
        ("achievements", "status", "Achievement"),
    ],
)
def test_a_field_no_item_has_is_an_error_listing_the_fields_that_exist(
    items: str, by: str, kind: str
) -> None:
    """by= naming a field that none of the items has (a project outside its plan has no
    region; a goal has no programme) is an error naming the items and their fields,
    never one group （未注明） of everything."""
    goals = [goal("10人次"), goal("20人次")]
    given = {"projects": MIXED, "goals": goals, "achievements": [ach("3人次")]}[items]
    with pytest.raises(InvalidValueError, match=f"no item has a field '{by}'") as e:
        rollup(given, by=by)
    assert f"(items: {kind})" in str(e.value)
    assert "fields that exist: " in str(e.value)
    assert "indicator" in str(e.value) if items != "projects" else "programme" in str(e.value)


# -- restated targets ---------------------------------------------------------------------------


def test_a_goal_restated_is_one_goal_in_every_rollup() -> None:
    """The same target stated twice in a plan (same indicator, figure, period, place and
    levels) is counted once by rollup() — of bare goals, of a plan's entries, of its
    combined view — and validation notes it once as identity.restated (an info)."""
    first = goal("力争10人次以上")
    again = attrs.evolve(first, label="二、")  # the same target, said again elsewhere
    other = goal("力争12人次")
    p = Plan(
        id="p",
        title="计划",
        kind=PlanKind.ANNUAL,
        period=Year(2025),
        sections=[Section(items=[first]), Section(items=[again, other])],
    )
    bare = rollup([first, again], by="indicator")
    assert list(bare.values()) == [fig("10人次以上").range]
    assert bare.count(TRAINED) == 1
    walked = rollup(p.walk(Goal), by="indicator")
    assert walked[TRAINED] == fig("10人次以上").range + q("12人次")
    assert walked.count(TRAINED) == 2
    assert combine([p]).rollup(items="goals").count(TRAINED) == 2
    report = validate(p)
    assert report.ok
    assert [(f.code, f.severity.value, f.path, f.expected) for f in report.findings] == [
        ("identity.restated", "info", "$.sections[1].items[0]", "$.sections[0].items[0]")
    ]
    # the same target in another plan is that plan's own, not a restatement
    twin = attrs.evolve(p, id="q")
    assert validate([p, twin]).findings == validate(p).findings + tuple(
        attrs.evolve(f, plan="q") for f in validate(twin).findings
    )


def test_a_floor_and_a_stretch_are_two_targets_never_summed() -> None:
    """确保15 and 力争20 for one indicator are both kept: a group holding both is an
    error that says to group by aspirational too, and Combined.rollup does so itself."""
    floor, stretch = goal("15人次"), goal("力争20人次")
    with pytest.raises(InvalidValueError, match=r"a floor \(确保\) and a stretch \(力争\)"):
        rollup([floor, stretch], by="indicator")
    both = rollup([floor, stretch], by=("indicator", "aspirational"))
    assert dict(both) == {(TRAINED, False): q("15人次"), (TRAINED, True): q("20人次")}
    assert both.total is None
    p = plan("P", floor, stretch, region=COUNTY_A, period=Year(2006))
    r = combine([p]).rollup(items="goals")
    assert r.by == ("indicator", "aspirational")
    assert [r.said(k) for k in r] == ["15人次", "力争20人次"]


def test_rates_shares_and_figures_per_head_are_never_added() -> None:
    """2.5% and 2.5% are not 5%: a group of several rates (or shares, or figures per head)
    is not known and shows 不相加, a group of one keeps its figure, and there is no grand
    total; combining plans and adding roll-ups keep to it."""
    share = Indicator(name="研发投入强度", unit="%")
    per_head = Indicator(name="每万人口发明专利拥有量", unit="件")
    east = plan("E", ach("2.5%", Year(2025), share), ach("6.2件", Year(2025), per_head),
                region=COUNTY_A)  # fmt: skip
    west = plan("W", ach("2.5%", Year(2025), share), region=COUNTY_B)
    both = combine([east, west])
    r = both.rollup("period", items="achievements")
    assert r.ratio
    assert not r[(share, Year(2025))].is_known  # type: ignore[union-attr]
    assert r.said((share, Year(2025))) == "不相加（2个比率）"
    assert r.said((per_head, Year(2025))) == "6.2件"
    assert r.total is None
    assert not both.achievements[("研发投入强度", Year(2025))].is_known  # type: ignore[union-attr]
    one = rollup(east.walk(Achievement), by="indicator")
    other = rollup(west.walk(Achievement), by="indicator")
    assert not (one + other)[share].is_known  # type: ignore[union-attr]
    flows = rollup([ach("3人次", Year(2025)), ach("4人次", Year(2025))], by="period")
    assert (flows.ratio, flows[Year(2025)]) == (False, q("7人次"))
