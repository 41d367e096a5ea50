"""Tests of sciplan_model.validation: each check on a small plan built for it, the
rounding slack, the report, the seed plans, and edits of the seed plans' figures."""

from __future__ import annotations

import pickle
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciplan_model import (
    CHECKS,
    Achievement,
    Aggregation,
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
    Level,
    Money,
    Organization,
    Plan,
    PlanKind,
    Project,
    Qualifier,
    Quantity,
    Region,
    Report,
    SciplanError,
    Scope,
    Section,
    Severity,
    SourceRef,
    Task,
    UnitMismatchError,
    ValidationError,
    WrongTypeError,
    Year,
    YearSpan,
    examples,
    from_data,
    to_data,
    unit_info,
    validate,
)
from sciplan_model.validation import (
    check_breakdown_sums,
    check_funding,
    check_identity,
)
from strategies import (
    EXACT_FAMILIES,
    checked_plans,
    sharing_plans,
    summing_breakdowns,
)

Key = tuple[str, Severity, str]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
#: Where the one item of a plan made by plan_of() stands.
AT = "$.sections[0].items[0]"
PROJECTS = Indicator(name="科技计划项目", unit="项", same_as=("个",))
PEOPLE = Indicator(name="培训人数", unit="人")
FUNDS = Indicator(name="科技经费", unit="万元")
FIRMS = Indicator(name="科技型企业", unit="家", aggregation=Aggregation.STOCK)
GANSU = Region(name="甘肃省", code="620000", level=Level.PROVINCIAL)
NATIONAL, PROVINCIAL, MUNICIPAL, COUNTY = (
    Level.NATIONAL,
    Level.PROVINCIAL,
    Level.MUNICIPAL,
    Level.COUNTY,
)
SHIWU = FiveYearPlan(10)


def fig(text: str) -> Figure:
    """A figure read from its text."""
    return Figure.parse(text)


def plan_of(*items: Any, id: str = "t", period: Any = None, region: Region | None = None) -> Plan:
    """A plan of one section holding ``items``."""
    return Plan(
        id=id,
        title="科技工作计划",
        kind=PlanKind.ANNUAL,
        period=period,
        region=region,
        sections=[Section(title="一、", items=list(items))],
    )


def breakdown(total: str, *parts: str, **fields: Any) -> Breakdown:
    """A statement of ``total`` with ``parts`` keyed by category (甲, 乙, …)."""
    keyed = [BreakdownPart(figure=fig(p), category="甲乙丙丁戊"[k]) for k, p in enumerate(parts)]
    return Breakdown(subject="科技计划项目", total=fig(total), parts=keyed, **fields)


def by_level(total: str, *parts: tuple[str, Level], **fields: Any) -> Breakdown:
    """A statement of ``total`` with parts keyed by level."""
    keyed = [BreakdownPart(figure=fig(p), level=level) for p, level in parts]
    return Breakdown(subject="科技计划项目", total=fig(total), parts=keyed, **fields)


def keys(report: Report) -> list[Key]:
    """The findings of ``report`` as (code, severity, path), in order."""
    return [(f.code, f.severity, f.path) for f in report]


def found(*items: Any, **plan: Any) -> list[Key]:
    """The findings of a one-section plan holding ``items``."""
    return keys(validate(plan_of(*items, **plan)))


def line(amount: str, stage: FundingStage = FundingStage.ALLOCATED) -> Funding:
    """A funding line of ``amount`` 万元 from the state budget."""
    return Funding(amount=Money(amount, "万元"), source=FundingSource.NATIONAL, stage=stage)


# -- breakdown.sum: counts are exact ------------------------------------------------------


def test_parts_that_add_up_give_no_finding() -> None:
    """国列5项、省列24项、市列7项 of 36项 add up: no finding at all."""
    assert (
        found(by_level("36项", ("5项", NATIONAL), ("24项", PROVINCIAL), ("7项", MUNICIPAL))) == []
    )


def test_a_count_one_off_is_an_error() -> None:
    """Counts are exact: parts one more than the total are an error, with its message."""
    report = validate(plan_of(breakdown("36项", "5项", "24项", "8项")))
    assert keys(report) == [("breakdown.sum", ERROR, AT)]
    (finding,) = report
    assert finding.message == "分项之和37项与合计36项不符，相差1项"
    assert finding.expected == fig("36项")
    assert finding.actual == Quantity("37", "项")
    assert finding.plan == "t"


def test_a_count_with_decimals_has_no_slack() -> None:
    """A count written with decimals (2.5万人次) still gets no rounding slack."""
    assert found(breakdown("2.5万人次", "1.2万人次", "1.2万人次")) == [("breakdown.sum", ERROR, AT)]


def test_parts_below_a_complete_total_are_an_error() -> None:
    """Parts that fall short of a complete total are an error too."""
    report = validate(plan_of(breakdown("36项", "5项", "24项", "6项")))
    assert keys(report) == [("breakdown.sum", ERROR, AT)]
    assert report.findings[0].message == "分项之和35项与合计36项不符，相差1项"


def test_measure_words_the_indicator_counts_alike_add_up() -> None:
    """With 个 counting the same as 项 for the indicator, 5个 + 31项 is 36项."""
    b = breakdown("36项", "5个", "31项", indicator=PROJECTS)
    assert found(b) == []
    assert found(attrs.evolve(b, total=fig("37项"))) == [("breakdown.sum", ERROR, AT)]


def test_a_statement_without_parts_is_not_checked() -> None:
    """A total without parts has nothing to add up."""
    assert found(breakdown("36项")) == []


# -- breakdown.sum: money and area are rounded ----------------------------------------------


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("159.3万元", []),
        ("159.5万元", [("breakdown.sum", WARNING, AT)]),
        ("159.1万元", [("breakdown.sum", WARNING, AT)]),
        ("159.51万元", [("breakdown.sum", ERROR, AT)]),
        ("159.09万元", [("breakdown.sum", ERROR, AT)]),
        ("159.6万元", [("breakdown.sum", ERROR, AT)]),
        # the same amounts in 亿元: the finest digit is still 0.1万元 …
        ("0.01593亿元", []),
        ("0.01595亿元", [("breakdown.sum", WARNING, AT)]),
        # … until the total writes a finer one (100元): the slack shrinks to 0.02万元
        ("0.015951亿元", [("breakdown.sum", ERROR, AT)]),
    ],
)
def test_money_gets_half_a_unit_of_the_finest_digit_per_figure(
    total: str, expected: list[Key]
) -> None:
    """159.3万元 = 11 + 97 + 51.3万元: four figures, finest digit 0.1万元, so the slack is
    4 × 0.05万元 = 0.2万元; a gap of 0.2万元 is a warning and one of 0.21万元 an error."""
    assert found(breakdown(total, "11万元", "97万元", "51.3万元")) == expected


def test_a_gap_within_the_slack_is_a_warning_with_its_message() -> None:
    """The warning says the gap lies within rounding."""
    report = validate(plan_of(breakdown("159.5万元", "11万元", "97万元", "51.3万元")))
    (finding,) = report
    assert finding.message == "分项之和159.3万元与合计159.5万元相差0.2万元，在四舍五入误差以内"
    assert finding.actual == Money("159.3", "万元")
    assert report.ok


def test_a_gap_beyond_the_slack_is_an_error_with_its_message() -> None:
    """The error names the parts' sum, the total and the gap."""
    (finding,) = validate(plan_of(breakdown("159.51万元", "11万元", "97万元", "51.3万元")))
    assert finding.message == "分项之和159.3万元与合计159.51万元不符，相差0.21万元"


def test_the_slack_is_counted_once_per_figure() -> None:
    """With two figures in whole 万元 the slack is 1万元; with three, 1.5万元."""
    assert found(breakdown("10万元", "11万元")) == [("breakdown.sum", WARNING, AT)]
    assert found(breakdown("10万元", "12万元")) == [("breakdown.sum", ERROR, AT)]
    assert found(breakdown("20万元", "11万元", "10.5万元")) == [("breakdown.sum", ERROR, AT)]
    assert found(breakdown("20万元", "11万元", "10万元")) == [("breakdown.sum", WARNING, AT)]


def test_area_is_rounded_like_money() -> None:
    """100亩 = 50亩 + 51亩 misses by 1亩, within 3 × 0.5亩: a warning; by 2亩, an error."""
    assert found(breakdown("100亩", "50亩", "51亩")) == [("breakdown.sum", WARNING, AT)]
    assert found(breakdown("100亩", "50亩", "52亩")) == [("breakdown.sum", ERROR, AT)]
    assert found(breakdown("100亩", "50亩", "50.4亩")) == [("breakdown.sum", ERROR, AT)]


def test_the_slack_is_read_from_the_digits_written_not_from_how_a_decimal_is_kept() -> None:
    """100万元 = 60万元 + 50万元 misses by 10万元, far beyond 3 × 0.5万元, however the
    magnitudes are held: Decimal("1E+2") is written 100万元, as the plan's text says.
    The two plans are equal, so they must get the same verdict."""

    def exact(magnitude: str) -> Figure:
        return Figure.exact(Quantity(Decimal(magnitude), "万元"))

    b = Breakdown(
        subject="经费",
        total=exact("1E+2"),
        parts=[
            BreakdownPart(figure=exact("6E+1"), category="甲"),
            BreakdownPart(figure=exact("5E+1"), category="乙"),
        ],
    )
    assert [str(b.total), *(str(p.figure) for p in b.parts)] == ["100万元", "60万元", "50万元"]
    held = plan_of(b)
    loaded: Plan = from_data(to_data(held))
    assert loaded == held
    assert keys(validate(loaded)) == [("breakdown.sum", ERROR, AT)]
    assert keys(validate(held)) == [("breakdown.sum", ERROR, AT)]


# -- breakdown.sum: qualified figures compare as ranges -------------------------------------


@pytest.mark.parametrize(
    ("total", "parts", "expected"),
    [
        ("600余家", ("300家", "350家"), []),
        ("约100项", ("50项", "52项"), []),
        ("100项以上", ("50项", "70项"), []),
        ("100项", ("30项", "约60项"), [("breakdown.sum", ERROR, AT)]),
        ("100项以上", ("30项", "60项"), [("breakdown.sum", ERROR, AT)]),
        ("600余家", ("300家", "250家"), [("breakdown.sum", ERROR, AT)]),
    ],
)
def test_qualified_figures_compare_as_ranges(
    total: str, parts: tuple[str, ...], expected: list[Key]
) -> None:
    """600余家 holds 650家; 100项 cannot be 30项 + 约60项 (87 to 93项)."""
    assert found(breakdown(total, *parts)) == expected


def test_ranges_that_cannot_agree_show_the_parts_as_a_range() -> None:
    """The error shows the range the parts allow and how far it lies from the total."""
    (finding,) = validate(plan_of(breakdown("100项", "30项", "约60项")))
    assert finding.message == "分项之和[87项, 93项]与合计100项不符，相差7项"
    assert str(finding.actual) == "[87项, 93项]"


# -- breakdown.exceeds and breakdown.undecided ----------------------------------------------


def test_a_partial_breakdown_may_name_less_than_its_total() -> None:
    """其中4项 of 86项 names notable parts only: nothing to report."""
    assert found(breakdown("86项", "4项", complete=False)) == []
    assert found(breakdown("10项", "4项", "6项", complete=False)) == []


def test_a_partial_breakdown_over_its_total_is_an_error() -> None:
    """“其中” parts adding up to more than the total: breakdown.exceeds."""
    report = validate(plan_of(breakdown("10项", "4项", "7项", complete=False)))
    assert keys(report) == [("breakdown.exceeds", ERROR, AT)]
    assert report.findings[0].message == "“其中”各项之和11项超过合计10项，相差1项"
    money = breakdown("10万元", "4万元", "6.4万元", complete=False)
    assert found(money) == [("breakdown.exceeds", ERROR, AT)]


def test_a_partial_breakdown_over_its_total_by_rounding_is_a_warning() -> None:
    """“其中” money over its total by no more than the slack (3 × 0.05万元) is a warning."""
    report = validate(plan_of(breakdown("10万元", "4万元", "6.1万元", complete=False)))
    assert keys(report) == [("breakdown.exceeds", WARNING, AT)]
    assert report.findings[0].message == "“其中”各项之和10.1万元超过合计10万元，相差0.1万元"


def test_ranges_that_only_touch_do_not_agree() -> None:
    """100余项 is more than 100项, so parts of exactly 100项 do not make it: an error,
    with no gap of 0项 to show."""
    report = validate(plan_of(breakdown("100余项", "60项", "40项")))
    assert keys(report) == [("breakdown.sum", ERROR, AT)]
    assert report.findings[0].message == "分项之和100项与合计100余项不符"
    partial = breakdown("600余家", "300家", "400家", complete=False)
    assert found(partial) == [("breakdown.exceeds", ERROR, AT)]


@pytest.mark.parametrize(
    "statement",
    [
        ("20xx万元", "11万元", "97万元"),
        ("159.3万元", "20xx万元", "97万元"),
        ("20xx项", "20xx项"),
    ],
)
def test_an_unknown_figure_cannot_be_decided(statement: tuple[str, ...]) -> None:
    """A 20xx figure in the statement gives an info, never a pass or an error."""
    report = validate(plan_of(breakdown(*statement)))
    assert keys(report) == [("breakdown.undecided", INFO, AT)]
    assert report.findings[0].message == "合计或分项含未知数（如20xx），无法核对"
    assert report.ok


# -- breakdown.unit -------------------------------------------------------------------------


def test_a_total_in_another_unit_than_its_indicator_is_an_error() -> None:
    """A total in 项 for an indicator counted in 人 can be built; validation reports it at
    the total."""
    b = breakdown("10项", "4项", "6项", indicator=PEOPLE)
    report = validate(plan_of(b))
    assert keys(report) == [("breakdown.unit", ERROR, f"{AT}.total")]
    (finding,) = report
    assert finding.message == "合计10项的单位与指标“培训人数”的单位人不符"
    assert (finding.expected, finding.actual) == ("人", "项")


def test_money_for_a_counted_indicator_is_an_error() -> None:
    """A total in 万元 for an indicator in 项 is reported the same way."""
    b = breakdown("10万元", "10万元", indicator=PROJECTS)
    assert found(b) == [("breakdown.unit", ERROR, f"{AT}.total")]


def test_a_part_in_another_unit_than_its_total_is_refused_at_construction() -> None:
    """The model refuses a part its total cannot hold, so validation never sees one."""
    with pytest.raises(UnitMismatchError):
        breakdown("10项", "10人")
    with pytest.raises(UnitMismatchError):
        breakdown("10项", "10人", indicator=PROJECTS)


# -- breakdown.level ------------------------------------------------------------------------


def test_a_part_outside_the_levels_claimed_is_an_error() -> None:
    """A statement over 国家、省、市 with a county part: an error at that part."""
    b = by_level(
        "8项",
        ("1项", NATIONAL),
        ("4项", PROVINCIAL),
        ("3项", COUNTY),
        levels=[NATIONAL, PROVINCIAL, MUNICIPAL],
    )
    report = validate(plan_of(b))
    assert keys(report) == [("breakdown.level", ERROR, f"{AT}.parts[2]")]
    (finding,) = report
    assert finding.message == "分项“县级”不在该统计口径（国家级、省级、市级）之内"
    assert finding.actual is COUNTY


def test_parts_within_the_levels_or_without_a_level_are_fine() -> None:
    """Parts of the claimed levels, and parts keyed by category, are not reported."""
    b = Breakdown(
        subject="项目",
        total=fig("8项"),
        parts=[
            BreakdownPart(figure=fig("1项"), level=NATIONAL),
            BreakdownPart(figure=fig("7项"), category="其他"),
        ],
        levels=[NATIONAL, PROVINCIAL],
    )
    assert found(b) == []
    assert found(by_level("3项", ("3项", COUNTY))) == []


# -- detail.total, detail.part, detail.unknown ----------------------------------------------

LISTED = (
    Project(id="a1", name="甲", level=NATIONAL, funding=[line("11")]),
    Project(id="a2", name="乙", level=PROVINCIAL, funding=[line("97")]),
    Project(
        id="a3",
        name="丙",
        level=MUNICIPAL,
        funding=[line("51.3"), line("60", FundingStage.PLANNED)],
    ),
)
#: Where a statement stands after the three LISTED projects.
AFTER = "$.sections[0].items[3]"


def counted(
    total: str, *parts: tuple[str, Level], ids: tuple[str, ...] = ("a1", "a2", "a3")
) -> Breakdown:
    """A count of the LISTED projects by level."""
    return by_level(total, *parts, indicator=PROJECTS, projects=ids)


def test_listed_projects_that_match_the_statement_give_no_finding() -> None:
    """Three listed projects, one of each level: 3项 = 1 + 1 + 1, and 159.3万元 of money."""
    count = counted("3项", ("1项", NATIONAL), ("1项", PROVINCIAL), ("1项", MUNICIPAL))
    money = by_level(
        "159.3万元",
        ("11万元", NATIONAL),
        ("97万元", PROVINCIAL),
        ("51.3万元", MUNICIPAL),
        projects=["a1", "a2", "a3"],
    )
    assert found(*LISTED, count, money) == []


def test_a_count_the_listed_projects_do_not_make_is_an_error() -> None:
    """4项 stated of three listed projects: detail.total; 2项 national of one: detail.part."""
    count = counted("4项", ("2项", NATIONAL), ("1项", PROVINCIAL), ("1项", MUNICIPAL))
    report = validate(plan_of(*LISTED, count))
    assert keys(report) == [
        ("detail.total", ERROR, AFTER),
        ("detail.part", ERROR, f"{AFTER}.parts[0]"),
    ]
    assert report.findings[0].actual == Quantity("3", "项")
    assert report.findings[1].message == "国家级写明2项，所列项目共1项"


def test_an_id_the_plan_does_not_have_is_an_error() -> None:
    """A listed id without a project: detail.unknown at that id (and the count falls short)."""
    count = counted(
        "3项", ("1项", NATIONAL), ("1项", PROVINCIAL), ("1项", MUNICIPAL), ids=("a1", "a2", "a9")
    )
    report = validate(plan_of(*LISTED, count))
    assert keys(report) == [
        ("detail.unknown", ERROR, f"{AFTER}.projects[2]"),
        ("detail.total", ERROR, AFTER),
        ("detail.part", ERROR, f"{AFTER}.parts[2]"),
    ]
    assert report.findings[0].message == "计划中没有编号为“a9”的项目"


def test_money_of_the_listed_projects_is_of_the_statements_stage() -> None:
    """Allocated money adds up to 159.3万元; planned money cannot be added up while two
    of the listed projects have no planned line (an info, never a zero)."""
    allocated = Breakdown(subject="经费", total=fig("159.3万元"), projects=["a1", "a2", "a3"])
    assert found(*LISTED, allocated) == []
    only_a3 = attrs.evolve(
        allocated, total=fig("60万元"), projects=["a3"], stage=FundingStage.PLANNED
    )
    assert found(*LISTED, only_a3) == []
    report = validate(plan_of(*LISTED, attrs.evolve(only_a3, total=fig("159.3万元"))))
    assert keys(report) == [("detail.total", ERROR, AFTER)]
    assert report.findings[0].message == "合计写明159.3万元，所列项目经费合计60万元"
    planned = attrs.evolve(allocated, stage=FundingStage.PLANNED)
    report = validate(plan_of(*LISTED, planned))
    assert keys(report) == [("detail.undecided", INFO, AFTER)]
    assert report.findings[0].message == "合计有所列项目没有计划经费，无法与所列项目核对"


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        ("51.3", []),
        ("51.32", [("detail.total", WARNING, AFTER)]),
        ("51.36", [("detail.total", ERROR, AFTER)]),
        ("52", [("detail.total", ERROR, AFTER)]),
    ],
)
def test_money_of_the_listed_projects_may_miss_by_rounding(last: str, expected: list[Key]) -> None:
    """159.3万元 against listed money of 159.32万元 is within rounding (a warning);
    159.36万元 is not (an error)."""
    listed = (*LISTED[:2], attrs.evolve(LISTED[2], funding=[line(last)]))
    statement = Breakdown(subject="经费", total=fig("159.3万元"), projects=["a1", "a2", "a3"])
    assert found(*listed, statement) == expected


def test_an_area_statement_is_not_held_to_the_number_of_listed_projects() -> None:
    """1000亩 of demonstration land naming three projects is neither a number of projects
    nor money: the listed projects cannot be added up to it, so no detail error."""
    area = Breakdown(subject="示范面积", total=fig("1000亩"), projects=["a1", "a2", "a3"])
    report = validate(plan_of(*LISTED, area))
    assert report.filter(code="detail", at_least=WARNING) == ()


def test_an_unknown_stated_figure_is_undecided_not_passed() -> None:
    """20xx项 stated of three listed projects cannot be checked: an info, not silence."""
    unknown = Breakdown(subject="项目", total=fig("20xx项"), projects=["a1", "a2", "a3"])
    report = validate(plan_of(*LISTED, unknown))
    assert [(f.severity, f.path) for f in report] == [(INFO, AFTER)]


# -- period.outside and period.undecided ----------------------------------------------------


def test_a_section_outside_its_plans_period_is_an_error() -> None:
    """A section for 2010 in a plan for 十五: period.outside at the section."""
    plan = Plan(
        id="t",
        title="t",
        kind=PlanKind.REVIEW,
        period=SHIWU,
        sections=[Section(period=Year(2003)), Section(period=Year(2010))],
    )
    report = validate(plan)
    assert keys(report) == [("period.outside", ERROR, "$.sections[1]")]
    assert report.findings[0].message == "章节期间“2010年”超出所属期间“十五”"


def test_a_section_in_a_placeholder_year_is_undecided() -> None:
    """A section for 20xx年 in a plan for 十五 cannot be decided: an info."""
    plan = Plan(
        id="t",
        title="t",
        kind=PlanKind.ANNUAL,
        period=SHIWU,
        sections=[Section(period=Year.parse("20xx年"))],
    )
    assert keys(validate(plan)) == [("period.undecided", INFO, "$.sections[0]")]


def test_a_child_section_is_held_to_its_parent_section() -> None:
    """A child section for 2010 inside a section for 十五 is outside it."""
    inner = Section(period=SHIWU, sections=[Section(period=Year(2010))])
    plan = Plan(id="t", title="t", kind=PlanKind.REVIEW, period=YearSpan(Year(2001), Year(2010)))
    expected = [("period.outside", ERROR, "$.sections[0].sections[0]")]
    assert keys(validate(attrs.evolve(plan, sections=[inner]))) == expected


def test_a_child_section_is_held_to_its_parent_even_when_the_plan_has_no_period() -> None:
    """The section for 十五 still bounds its child for 2010 when the plan gives no period,
    as it bounds a goal for 2010 written straight in it."""
    goal = Goal(indicator=PROJECTS, figure=fig("5项"), period=Year(2010))
    inner = Section(period=SHIWU, items=[goal], sections=[Section(period=Year(2010))])
    plan = Plan(id="t", title="t", kind=PlanKind.REVIEW, sections=[inner])
    assert keys(validate(plan)) == [
        ("period.outside", ERROR, "$.sections[0].sections[0]"),
        ("period.outside", ERROR, "$.sections[0].items[0]"),
    ]


def test_items_outside_their_sections_period_are_errors() -> None:
    """Projects (their year), goals (in tasks too), achievements and breakdowns lie within
    their section's period; 20xx年 is undecided; an item repeating the period is fine."""
    items = [
        Project(id="p1", name="n", year=Year(2007)),
        Goal(indicator=PROJECTS, figure=fig("5项"), period=Year(2011)),
        Achievement(indicator=PROJECTS, figure=fig("5项"), period=FiveYearPlan(11)),
        Breakdown(subject="b", total=fig("5项"), period=Year(2000)),
        Project(id="p2", name="n", year=Year.parse("20xx年")),
        Goal(indicator=PROJECTS, figure=fig("5项"), period=Year(2003)),
        Task(title="t", goals=[Goal(indicator=PROJECTS, figure=fig("5项"), period=Year(2009))]),
        Achievement(indicator=PROJECTS, figure=fig("5项"), period=SHIWU),
        Project(id="p3", name="n", year=Year(2005)),
    ]
    plan = Plan(
        id="t", title="t", kind=PlanKind.REVIEW, sections=[Section(period=SHIWU, items=items)]
    )
    report = validate(plan)
    assert keys(report) == [
        ("period.outside", ERROR, "$.sections[0].items[0]"),
        ("period.undecided", INFO, "$.sections[0].items[4]"),
        ("period.outside", ERROR, "$.sections[0].items[1]"),
        ("period.outside", ERROR, "$.sections[0].items[6].goals[0]"),
        ("period.outside", ERROR, "$.sections[0].items[2]"),
        ("period.outside", ERROR, "$.sections[0].items[3]"),
    ]
    messages = [f.message for f in report]
    assert messages[0] == "项目年度“2007年”超出所属期间“十五”"
    assert messages[1] == "项目年度“20xx年”或所属期间“十五”含未知年份，无法核对"
    assert messages[2] == "期间“2011年”超出所属期间“十五”"


@pytest.mark.parametrize(
    "item",
    [
        Goal(indicator=PROJECTS, figure=fig("5项"), period=Year.parse("20xx年")),
        Achievement(indicator=PROJECTS, figure=fig("5项"), period=Year.parse("20xx年")),
        Breakdown(subject="b", total=fig("5项"), period=Year.parse("20xx年")),
        Project(id="p", name="n", year=Year.parse("20xx年")),
        Goal(indicator=PROJECTS, figure=fig("5项"), period=YearSpan.parse("2003-20xx年")),
    ],
    ids=["goal", "achievement", "breakdown", "project", "span"],
)
def test_an_item_in_a_placeholder_year_is_undecided(item: Any) -> None:
    """Any item dated 20xx年 in a section for 十五 cannot be placed: an info at the item."""
    plan = Plan(
        id="t", title="t", kind=PlanKind.REVIEW, sections=[Section(period=SHIWU, items=[item])]
    )
    assert keys(validate(plan)) == [("period.undecided", INFO, AT)]


def test_items_are_held_to_the_plans_period_when_their_section_has_none() -> None:
    """A section without a period passes on its plan's."""
    goal = Goal(indicator=PROJECTS, figure=fig("5项"), period=Year(2011))
    assert found(goal, period=SHIWU) == [("period.outside", ERROR, AT)]
    assert found(goal) == []


# -- five_year.sum -----------------------------------------------------------------------------


def five_years(stated: str, *yearly: str, indicator: Indicator = PROJECTS) -> list[Achievement]:
    """An achievement for 十五 and one for each of its first years."""
    return [
        Achievement(indicator=indicator, figure=fig(stated), period=SHIWU),
        *(
            Achievement(indicator=indicator, figure=fig(f), period=Year(2001 + k))
            for k, f in enumerate(yearly)
        ),
    ]


def test_a_flow_for_five_years_is_the_sum_of_its_years() -> None:
    """50项 over 十五 against 10项 a year: fine; 51项: an error at the five-year figure."""
    assert found(*five_years("50项", *["10项"] * 5)) == []
    report = validate(plan_of(*five_years("51项", *["10项"] * 5)))
    assert keys(report) == [("five_year.sum", ERROR, AT)]
    assert report.findings[0].message == "“十五”期间写明51项，而5个年度的数字合计50项"


def test_five_years_of_money_may_miss_by_rounding() -> None:
    """50.3万元 against five years of 10万元: within 6 × 0.05万元, a warning."""
    assert found(*five_years("50.3万元", *["10万元"] * 5, indicator=FUNDS)) == [
        ("five_year.sum", WARNING, AT)
    ]
    assert found(*five_years("50.4万元", *["10万元"] * 5, indicator=FUNDS)) == [
        ("five_year.sum", ERROR, AT)
    ]


def test_a_stock_for_five_years_is_its_last_year() -> None:
    """A stock (enterprises) over 十五 is the figure of 2005, not the sum of the years."""
    years = ["20家", "21家", "22家", "23家", "24家"]
    assert found(*five_years("24家", *years, indicator=FIRMS)) == []
    report = validate(plan_of(*five_years("30家", *years, indicator=FIRMS)))
    assert keys(report) == [("five_year.sum", ERROR, AT)]
    assert report.findings[0].message == "“十五”期间写明30家，而2005年的数字为24家"
    assert found(*five_years("30家", *years[:4], indicator=FIRMS)) == []


def test_some_of_the_years_never_exceed_the_five_year_figure() -> None:
    """Three years of 10项 against 45项: fine; against 25项: an error."""
    assert found(*five_years("45项", "10项", "10项", "10项")) == []
    report = validate(plan_of(*five_years("25项", "10项", "10项", "10项")))
    assert keys(report) == [("five_year.sum", ERROR, AT)]
    assert report.findings[0].message == "“十五”期间写明25项，而3个年度的数字合计30项"


def test_the_five_year_figure_may_take_its_period_from_its_section() -> None:
    """An achievement in a section for 十五 is the five-year figure of that section."""
    stated, *yearly = five_years("51项", *["10项"] * 5)
    plan = Plan(
        id="t",
        title="t",
        kind=PlanKind.REVIEW,
        sections=[
            Section(period=SHIWU, items=[attrs.evolve(stated, period=None)]),
            Section(items=yearly),
        ],
    )
    assert keys(validate(plan)) == [("five_year.sum", ERROR, "$.sections[0].items[0]")]


def test_figures_of_other_places_or_indicators_are_not_added() -> None:
    """A year's figure of another village or another indicator is not one of the years."""
    stated, *yearly = five_years("50项", *["10项"] * 5)
    village = Region(name="XX村", level=Level.VILLAGE, parent=GANSU)
    other = Indicator(name="星火计划项目", unit="项")
    extra = [attrs.evolve(yearly[0], region=village), attrs.evolve(yearly[0], indicator=other)]
    assert found(stated, *yearly, *extra, region=GANSU) == []


def test_figures_of_another_measure_under_the_same_name_are_not_added() -> None:
    """Demonstration land in 亩 over 十五 is not the sum of demonstration money in 万元
    named alike: 10万元 a year is no number of 亩, so there is nothing to compare."""
    land = Indicator(name="科技示范", unit="亩")
    money = Indicator(name="科技示范", unit="万元")
    stated = Achievement(indicator=land, figure=fig("50亩"), period=SHIWU)
    yearly = [
        Achievement(indicator=money, figure=fig("10万元"), period=Year(y))
        for y in range(2001, 2006)
    ]
    assert found(stated, *yearly) == []


def test_plans_validated_together_keep_their_own_five_year_sums() -> None:
    """Two plans that each add up keep adding up when validated together: the years of
    one are not added to the five-year figure of the other."""
    a = plan_of(*five_years("50项", *["10项"] * 5), id="a")
    b = attrs.evolve(a, id="b", title="另一份总结")
    assert validate(a).findings == ()
    assert validate(b).findings == ()
    assert keys(validate([a, b])) == []


# -- identity -------------------------------------------------------------------------------

P1 = Project(id="p1", name="玉米制种产业富民强县工程", level=NATIONAL, funding=[line("11")])


def test_an_id_twice_in_one_plan_is_an_error_at_the_second_id() -> None:
    """The second project with id p1 is reported at its id, naming the first."""
    twin = attrs.evolve(P1, name="另一个项目")
    report = validate(plan_of(P1, Task(title="t"), twin))
    assert keys(report) == [("identity.duplicate", ERROR, "$.sections[0].items[2].id")]
    assert report.findings[0].message == "项目编号“p1”重复（首次见于$.sections[0].items[0]）"


def test_an_id_twice_in_a_plan_is_reported_when_another_plan_lists_it_too() -> None:
    """A plan naming p1 twice is wrong whether or not another plan names p1 as well."""
    report = validate([plan_of(P1, id="a"), plan_of(P1, P1, id="b")])
    assert [(f.plan, *k) for f, k in zip(report, keys(report), strict=True)] == [
        ("b", "identity.duplicate", ERROR, "$.sections[0].items[1].id")
    ]


def test_one_id_with_different_content_in_two_plans_is_a_conflict() -> None:
    """p1 with 11万元 in one plan and 12万元 in another: identity.conflict in the second."""
    other = attrs.evolve(P1, funding=[line("12")])
    report = validate([plan_of(P1, id="a"), plan_of(other, id="b")])
    assert keys(report) == [("identity.conflict", ERROR, AT)]
    (finding,) = report
    assert finding.plan == "b"
    assert finding.message == "项目“p1”在a:$.sections[0].items[0]另有记载，两处的经费不一致"
    assert (finding.expected, finding.actual) == (P1, other)


def test_one_project_written_in_two_plans_is_no_conflict() -> None:
    """The same project in two plans, written at different places, is not reported."""
    a = attrs.evolve(P1, source=SourceRef(document="总结.txt", start=10, end=40))
    b = attrs.evolve(P1, source=SourceRef(document="计划.txt", start=900, end=955))
    assert keys(validate([plan_of(a, id="a"), plan_of(b, id="b")])) == []
    assert keys(validate([plan_of(P1, id="a"), plan_of(P1, id="b")])) == []


def test_where_a_projects_undertaker_is_written_is_no_conflict() -> None:
    """Two plans naming one project and its undertaker, each at its own place in its own
    text, say the same thing: the undertaker's span is not content either."""

    def written_at(start: int) -> Project:
        span = SourceRef(document="work-plans-1-3.txt", start=start, end=start + 6)
        return attrs.evolve(P1, undertaker=Organization(name="XX种业公司", source=span))

    plans_ = [plan_of(written_at(100), id="a"), plan_of(written_at(5000), id="b")]
    assert keys(validate(plans_)) == []


# -- funding --------------------------------------------------------------------------------


def test_a_negative_funding_line_is_an_error_at_its_amount() -> None:
    """-3万元 is reported at that line's amount."""
    project = Project(id="p", name="n", funding=[line("5"), line("-3")])
    report = validate(plan_of(project))
    assert keys(report) == [("funding.negative", ERROR, f"{AT}.funding[1].amount")]
    assert report.findings[0].message == "经费-3万元为负数"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ((("5", "planned"), ("8", "allocated")), "下达经费8万元多于计划经费5万元"),
        ((("10", "planned"), ("8", "allocated"), ("9", "spent")), "支出经费9万元多于下达经费8万元"),
        ((("10", "planned"), ("11", "spent")), "支出经费11万元多于计划经费10万元"),
    ],
)
def test_money_growing_along_its_stages_is_an_error(
    lines: tuple[tuple[str, str], ...], message: str
) -> None:
    """Planned ≥ allocated ≥ received ≥ spent, comparing the stages a project has."""
    project = Project(
        id="p", name="n", funding=[line(a, FundingStage(stage)) for a, stage in lines]
    )
    report = validate(plan_of(project))
    assert keys(report) == [("funding.stages", ERROR, f"{AT}.funding")]
    assert report.findings[0].message == message


def test_money_shrinking_along_its_stages_is_fine() -> None:
    """Each stage sums its lines of every source: 10 planned, 6 + 4 allocated, 9 spent."""
    enterprise = Funding(amount=Money("4", "万元"), source=FundingSource.ENTERPRISE)
    lines = [line("10", FundingStage.PLANNED), line("6"), enterprise, line("9", FundingStage.SPENT)]
    assert found(Project(id="p", name="n", funding=lines)) == []
    over = [*lines, Funding(amount=Money("1", "元"), source=FundingSource.OTHER)]
    assert found(Project(id="p", name="n", funding=over)) == [
        ("funding.stages", ERROR, f"{AT}.funding")
    ]


# -- the report -----------------------------------------------------------------------------


def mixed_report() -> Report:
    """A report with an error, a warning and an info, from two plans."""
    a = plan_of(breakdown("36项", "37项"), breakdown("10万元", "11万元"), id="a")
    b = plan_of(breakdown("20xx项", "1项"), id="b")
    return validate([a, b])


def test_ok_is_spoilt_by_errors_only() -> None:
    """Warnings and infos keep a report ok; one error spoils it."""
    assert validate(plan_of(breakdown("10万元", "11万元"))).ok
    assert validate(plan_of(breakdown("20xx项", "1项"))).ok
    assert not validate(plan_of(breakdown("36项", "37项"))).ok
    assert Report(()).ok


def test_findings_are_sorted_by_severity_into_errors_warnings_and_infos() -> None:
    """errors, warnings and infos hold the findings of each severity, in order."""
    report = mixed_report()
    assert [f.severity for f in report.errors] == [ERROR]
    assert [f.severity for f in report.warnings] == [WARNING]
    assert [f.severity for f in report.infos] == [INFO]
    assert list(report) == [*report.errors, *report.warnings, *report.infos]


def test_several_plans_put_their_id_on_each_finding() -> None:
    """Validating several plans names each finding's plan, and the report the plans."""
    report = mixed_report()
    assert report.plans == ("a", "b")
    assert [(f.plan, f.code, f.path) for f in report] == [
        ("a", "breakdown.sum", "$.sections[0].items[0]"),
        ("a", "breakdown.sum", "$.sections[0].items[1]"),
        ("b", "breakdown.undecided", "$.sections[0].items[0]"),
    ]


def test_filter_picks_by_severity_code_family_and_plan() -> None:
    """filter(severity=, at_least=, code= (a family too), plan=) pick findings."""
    report = mixed_report()
    error, warning, info = report.findings
    assert report.filter(WARNING) == (warning,)
    assert report.filter(severity=INFO) == (info,)
    assert report.filter(at_least=WARNING) == (error, warning)
    assert report.filter(at_least=INFO) == report.findings
    assert report.filter(code="breakdown") == report.findings
    assert report.filter(code="breakdown.sum") == (error, warning)
    assert report.filter(code="break") == ()
    assert report.filter(code="period") == ()
    assert report.filter(plan="b") == (info,)
    assert report.filter(ERROR, code="breakdown", plan="a") == (error,)
    assert report.filter(ERROR, plan="b") == ()


def test_raise_for_findings_raises_a_validation_error_for_errors() -> None:
    """A report with errors raises ValidationError (a ValueError, a SciplanError) naming
    each finding's severity, code and path; it pickles."""
    report = mixed_report()
    with pytest.raises(ValidationError) as excinfo:
        report.raise_for_findings()
    error = excinfo.value
    assert isinstance(error, ValueError)
    assert isinstance(error, SciplanError)
    assert error.findings == report.errors
    assert str(error) == (
        "the plan does not validate: 1 finding\n  error breakdown.sum at a:$.sections[0].items[0]"
    )
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is ValidationError
    assert again.findings == error.findings
    assert str(again) == str(error)


def test_raise_for_findings_at_a_lower_severity() -> None:
    """raise_for_findings(WARNING) raises for warnings too; a clean report never raises."""
    warned = validate(plan_of(breakdown("10万元", "11万元")))
    warned.raise_for_findings()
    with pytest.raises(ValidationError) as excinfo:
        warned.raise_for_findings(WARNING)
    assert str(excinfo.value) == (
        "the plan does not validate: 1 finding\n  warning breakdown.sum at t:$.sections[0].items[0]"
    )
    with pytest.raises(ValidationError) as all_of_them:
        mixed_report().raise_for_findings(INFO)
    assert len(all_of_them.value.findings) == 3
    validate(plan_of()).raise_for_findings(INFO)


def test_to_records_gives_one_plain_dict_per_finding() -> None:
    """to_records() gives plan, severity, code, path, message, expected and actual."""
    records = validate(plan_of(breakdown("36项", "37项"))).to_records()
    assert records == [
        {
            "plan": "t",
            "severity": "error",
            "code": "breakdown.sum",
            "path": AT,
            "message": "分项之和37项与合计36项不符，相差1项",
            "expected": fig("36项"),
            "actual": Quantity("37", "项"),
        }
    ]


def test_a_clean_report_prints_its_header_alone() -> None:
    """str() of a report without findings is its one header line."""
    assert str(validate(plan_of())) == "通过：0个错误，0个警告，0个提示"


def test_a_report_prints_a_table_of_its_findings() -> None:
    """str() of a report gives the header and a table: 级别, 代码, 位置, 说明."""
    report = validate(plan_of(breakdown("36项", "37项")))
    assert str(report).splitlines() == [
        "未通过：1个错误，0个警告，0个提示",
        "级别  代码           位置                    说明",
        "----  -------------  ----------------------  -----------------------------------",
        "错误  breakdown.sum  $.sections[0].items[0]  分项之和37项与合计36项不符，相差1项",
    ]


def test_a_report_of_several_plans_prints_each_findings_plan() -> None:
    """With several plans, the 位置 column names the plan before the path."""
    lines = str(mixed_report()).splitlines()
    assert lines[0] == "未通过：1个错误，1个警告，1个提示"
    assert [row.split()[2] for row in lines[3:]] == [
        "a:$.sections[0].items[0]",
        "a:$.sections[0].items[1]",
        "b:$.sections[0].items[0]",
    ]


def test_a_finding_prints_its_severity_code_place_and_message() -> None:
    """str(Finding) reads 错误 code plan:path: message."""
    (finding,) = validate(plan_of(breakdown("36项", "37项")))
    assert (
        str(finding)
        == "错误 breakdown.sum t:$.sections[0].items[0]: 分项之和37项与合计36项不符，相差1项"
    )
    assert str(attrs.evolve(finding, plan=None)).startswith("错误 breakdown.sum $.sections")


def test_severities_rank_and_speak_chinese() -> None:
    """ERROR > WARNING > INFO, called 错误, 警告 and 提示."""
    assert [s.rank for s in Severity] == [2, 1, 0]
    assert [s.chinese for s in Severity] == ["错误", "警告", "提示"]


def test_custom_checks_replace_the_default_ones() -> None:
    """checks= runs the given checks only, in order, whatever they are."""
    bad = plan_of(breakdown("36项", "37项"), Project(id="p", name="n", funding=[line("-1")]))

    def nothing_named_n(scope: Scope) -> Iterator[Finding]:
        for entry in scope.items(Project):
            yield Finding(code="house.name", severity=INFO, path=entry.path, message="名称过短")

    assert keys(validate(bad, checks=(check_funding,))) == [
        ("funding.negative", ERROR, "$.sections[0].items[1].funding[0].amount")
    ]
    assert keys(validate(bad, checks=[nothing_named_n, check_breakdown_sums])) == [
        ("house.name", INFO, "$.sections[0].items[1]"),
        ("breakdown.sum", ERROR, AT),
    ]
    assert validate(bad, checks=()).findings == ()
    assert check_identity in CHECKS
    assert len(CHECKS) == 8


def test_validate_takes_one_plan_or_several() -> None:
    """One plan, a list, a tuple or a generator of plans alike."""
    one = plan_of(breakdown("36项", "37项"))
    expected = keys(validate(one))
    assert keys(validate([one])) == expected
    assert keys(validate((one,))) == expected
    assert keys(validate(p for p in [one])) == expected
    assert validate([]).findings == ()


@pytest.mark.parametrize(
    ("plans_", "message"),
    [
        ([plan_of(), "plan3"], "plans[1] must be a Plan, not str"),
        ([to_data(plan_of())], "plans[0] must be a Plan, not dict"),
        (42, None),
        (None, None),
    ],
)
def test_validate_refuses_what_is_not_a_plan(plans_: Any, message: str | None) -> None:
    """Anything but a plan (or plans) is refused with WrongTypeError."""
    with pytest.raises(WrongTypeError) as excinfo:
        validate(plans_)
    if message is not None:
        assert str(excinfo.value) == message


# -- the seed plans -------------------------------------------------------------------------

PLAN3 = examples.load("篇3")
BREAKDOWNS3 = list(PLAN3.walk(Breakdown))
BASELINE3 = Counter(keys(validate(PLAN3)))


@pytest.mark.parametrize("name", ["篇1", "篇2", "篇3"])
def test_every_seed_plan_validates(name: str) -> None:
    """Each bundled plan is ok; only 篇3 says anything, and only what it cannot decide."""
    report = validate(examples.load(name))
    assert report.ok
    assert report.errors == report.warnings == ()
    assert all(f.code == "period.undecided" for f in report)


def test_the_seed_plans_validate_together() -> None:
    """The three bundled plans validated together are ok."""
    report = validate([examples.load(n) for n in examples.names()])
    assert report.ok
    assert report.plans == ("plan1", "plan2", "plan3")
    assert Counter(keys(report)) == BASELINE3


def test_plan3s_infos_are_its_placeholder_years() -> None:
    """篇3 writes its current year as 20xx年: five period.undecided infos, nothing else."""
    assert keys(validate(PLAN3)) == [
        ("period.undecided", INFO, "$.sections[1]"),
        ("period.undecided", INFO, "$.sections[3]"),
        ("period.undecided", INFO, "$.sections[0].sections[0].sections[2].items[0]"),
        ("period.undecided", INFO, "$.sections[0].sections[0].sections[2].items[2]"),
        ("period.undecided", INFO, "$.sections[0].sections[0].sections[2].items[3]"),
    ]


def test_every_breakdown_of_plan3_adds_up() -> None:
    """No finding of 篇3 is about one of its ten statements (eight complete, two partial)."""
    assert len(BREAKDOWNS3) == 10
    assert sum(e.item.complete for e in BREAKDOWNS3) == 8  # type: ignore[union-attr]
    paths = {e.path for e in BREAKDOWNS3}
    inside = [
        f for f in validate(PLAN3) if re.sub(r"\.(total|parts\[[0-9]+\]).*$", "", f.path) in paths
    ]
    assert inside == []


_STEP = re.compile(r"\.(sections|items)\[([0-9]+)\]")


def replaced(plan: Plan, path: str, new: Any) -> Plan:
    """``plan`` with the item at ``path`` ($.sections[0].items[2]) replaced by ``new``."""
    steps = [(m[1], int(m[2])) for m in _STEP.finditer(path)]
    assert path == "$" + "".join(f".{name}[{k}]" for name, k in steps)

    def rebuilt(node: Any, steps: list[tuple[str, int]]) -> Any:
        (name, k), rest = steps[0], steps[1:]
        children = list(getattr(node, name))
        children[k] = rebuilt(children[k], rest) if rest else new
        return attrs.evolve(node, **{name: children})

    return rebuilt(plan, steps)  # type: ignore[no-any-return]


def edited(b: Breakdown, which: int, delta: Decimal) -> Breakdown:
    """``b`` with figure ``which`` (0 the total, k the k-th part) changed by ``delta``
    in its own unit."""
    figure = b.total if which == 0 else b.parts[which - 1].figure
    assert figure.qualifier is Qualifier.EXACT
    assert figure.value is not None
    changed = Figure.exact(Quantity(figure.value.magnitude + delta, figure.unit))
    if which == 0:
        return attrs.evolve(b, total=changed)
    parts = list(b.parts)
    parts[which - 1] = attrs.evolve(parts[which - 1], figure=changed)
    return attrs.evolve(b, parts=parts)


def new_findings(path: str, new: Breakdown) -> list[Key]:
    """What validating 篇3 with ``new`` at ``path`` finds that 篇3 as written does not
    (and nothing it finds may be lost)."""
    after = Counter(keys(validate(replaced(PLAN3, path, new))))
    assert BASELINE3 - after == Counter()
    return list((after - BASELINE3).elements())


def test_an_edit_of_plan3_is_reported_where_the_statement_is_written() -> None:
    """省列97万元 made 98万元: one error at 篇3's funding statement, with its message, its
    plan and its source span."""
    entry = BREAKDOWNS3[1]
    b: Breakdown = entry.item  # type: ignore[assignment]
    assert str(b.parts[1].figure) == "97万元"
    report = validate(replaced(PLAN3, entry.path, edited(b, 2, Decimal(1))))
    (finding,) = report.filter(code="breakdown")
    assert (finding.code, finding.severity, finding.path) == ("breakdown.sum", ERROR, entry.path)
    assert finding.message == "分项之和160.3万元与合计159.3万元不符，相差1万元"
    assert finding.plan == "plan3"
    assert b.source is not None
    assert finding.source == b.source


def _edits() -> Iterator[Any]:
    for entry in BREAKDOWNS3:
        b: Breakdown = entry.item  # type: ignore[assignment]
        if not b.complete:
            continue
        money = unit_info(b.total.unit).dimension == "[money]"
        deltas = ("0.1", "-0.2", "0.3", "-0.5", "10") if money else ("1", "-1", "3")
        for which in range(len(b.parts) + 1):
            for delta in deltas:
                name = f"{entry.path}-{which}-{delta}"
                yield pytest.param(entry.path, which, Decimal(delta), id=name)


@pytest.mark.parametrize(("path", "which", "delta"), list(_edits()))
def test_changing_one_figure_of_plan3_gives_one_finding_there(
    path: str, which: int, delta: Decimal
) -> None:
    """Change one figure of a complete statement of 篇3 and validation finds exactly one
    new thing: breakdown.sum at that statement, a warning while the change stays within
    the slack (0.2万元 for the two money statements, none for counts), else an error."""
    entry = next(e for e in BREAKDOWNS3 if e.path == path)
    b: Breakdown = entry.item  # type: ignore[assignment]
    money = unit_info(b.total.unit).dimension == "[money]"
    severity = WARNING if money and abs(delta) <= Decimal("0.2") else ERROR
    assert new_findings(path, edited(b, which, delta)) == [("breakdown.sum", severity, path)]


COMPLETE3 = [e for e in BREAKDOWNS3 if e.item.complete]  # type: ignore[union-attr]


@given(st.data())
def test_any_single_figure_edit_of_plan3_is_found_at_its_statement(data: st.DataObject) -> None:
    """For any complete statement of 篇3, any of its figures and any change of it, the
    one new finding is breakdown.sum at the statement: a warning for money moved by at
    most the slack (two tenths of 万元), an error for any other change."""
    entry = data.draw(st.sampled_from(COMPLETE3))
    b: Breakdown = entry.item  # type: ignore[assignment]
    which = data.draw(st.integers(0, len(b.parts)))
    figure = b.total if which == 0 else b.parts[which - 1].figure
    assert figure.value is not None
    money = unit_info(figure.unit).dimension == "[money]"
    step = Decimal("0.1") if money else Decimal(1)
    floor = -int(figure.value.magnitude / step)
    steps = data.draw(st.integers(floor, 10**6).filter(bool))
    severity = WARNING if money and abs(steps) <= 2 else ERROR
    new = edited(b, which, steps * step)
    assert new_findings(entry.path, new) == [("breakdown.sum", severity, entry.path)]


# -- properties -----------------------------------------------------------------------------


def slack_of(figures: list[Figure]) -> Decimal:
    """The rule, worked out independently: half a unit of the finest digit written in
    any of the figures (read from their text), once per figure, in the base unit."""

    def finest(q: Quantity) -> Decimal:
        written = format(q.magnitude, "f")
        places = len(written.partition(".")[2])
        return unit_info(q.unit).factor * Decimal(1).scaleb(-places)

    values = [f.value for f in figures if f.value is not None]
    return min(finest(q) for q in values) * Decimal("0.5") * len(figures)


def base(f: Figure) -> Decimal:
    """The value of an exact figure in its base unit."""
    assert f.value is not None
    return f.value.magnitude * unit_info(f.unit).factor


@given(summing_breakdowns())
def test_parts_that_add_up_always_validate_clean(b: Breakdown) -> None:
    """Parts adding up exactly to their total, in any units of one family: no finding."""
    assert found(b) == []
    assert found(attrs.evolve(b, complete=False)) == []


@given(summing_breakdowns(), st.data())
def test_changing_one_part_is_always_found(b: Breakdown, data: st.DataObject) -> None:
    """A part changed by a nonzero count, or by money or area beyond the slack, gives
    exactly one finding: a breakdown.sum error at the statement; money or area moved
    within the slack gives a warning instead."""
    k = data.draw(st.integers(0, len(b.parts) - 1))
    part = b.parts[k].figure
    assert part.value is not None
    figures = [b.total, *(p.figure for p in b.parts)]
    rounded = unit_info(part.unit).dimension in ("[money]", "[area]")
    if rounded:
        digit = slack_of(figures) / Decimal("0.5") / len(figures)
        within = data.draw(st.booleans())
        half = len(figures) // 2
        steps = data.draw(st.integers(1, half) if within else st.integers(half + 1, 10**4))
        delta = (steps * digit / unit_info(part.unit).factor).normalize()
        if delta.as_tuple().exponent > 0:  # type: ignore[operator]
            delta = delta.quantize(Decimal(1))
    else:
        within = False
        delta = Decimal(data.draw(st.integers(1, 10**4)))
    if data.draw(st.booleans()) and part.value.magnitude >= delta:
        delta = -delta
    changed = Figure.exact(Quantity(part.value.magnitude + delta, part.unit))
    parts = list(b.parts)
    parts[k] = attrs.evolve(parts[k], figure=changed)
    new = attrs.evolve(b, parts=parts)
    gap = abs(sum(base(p.figure) for p in parts) - base(b.total))
    if rounded:
        assert (gap <= slack_of([new.total, *(p.figure for p in parts)])) is within
    assert found(new) == [("breakdown.sum", WARNING if within else ERROR, AT)]


@given(st.sampled_from(EXACT_FAMILIES), st.data())
def test_a_partial_breakdown_is_found_only_beyond_its_total(
    family: tuple[str, ...], data: st.DataObject
) -> None:
    """Parts up to their total are fine in a partial statement; a count over it is an error."""
    unit = data.draw(st.sampled_from(family))
    whole = data.draw(st.integers(1, 10**6))
    part = data.draw(st.integers(0, 2 * whole))
    b = breakdown(f"{whole}{unit}", f"{part}{unit}", complete=False)
    rounded = unit_info(unit).dimension in ("[money]", "[area]")
    if part <= whole:
        assert found(b) == []
    elif not rounded or part - whole > 1:
        assert found(b) == [("breakdown.exceeds", ERROR, AT)]
    else:
        assert found(b) == [("breakdown.exceeds", WARNING, AT)]


KNOWN_CODES = {
    "breakdown.sum",
    "breakdown.exceeds",
    "breakdown.undecided",
    "breakdown.unit",
    "breakdown.level",
    "detail.total",
    "detail.part",
    "detail.unknown",
    "detail.undecided",
    "detail.repeated",
    "detail.level",
    "five_year.undecided",
    "period.outside",
    "period.undecided",
    "five_year.sum",
    "identity.duplicate",
    "identity.conflict",
    "identity.restated",
    "funding.negative",
    "funding.stages",
}


def _check_report(report: Report, plans_: list[Plan]) -> None:
    assert isinstance(report, Report)
    assert report.plans == tuple(p.id for p in plans_)
    assert report.ok == (report.errors == ())
    for f in report:
        assert f.path.startswith("$")
        assert f.code in KNOWN_CODES
        assert isinstance(f.severity, Severity)
        assert f.plan in report.plans
        assert f.message
    assert str(report).startswith("通过" if report.ok else "未通过")
    assert len(report.to_records()) == len(report.findings)


@given(checked_plans())
def test_validate_never_raises_on_generated_plans(plan: Plan) -> None:
    """Any plan the strategies make (with statements naming its projects and figures
    for a five-year plan and its years) is validated without an exception, every finding
    at a path of the document shape."""
    _check_report(validate(plan), [plan])


@given(st.lists(sharing_plans(), min_size=2, max_size=3))
def test_validate_never_raises_on_plans_that_share_projects(plans_: list[Plan]) -> None:
    """Plans naming the same project ids (in one plan or across plans) validate too."""
    _check_report(validate(plans_), plans_)


def test_money_touching_an_open_end_is_a_warning_without_a_zero_gap() -> None:
    """600万元 of parts against 600余万元 misses only at the open end: a warning that
    does not claim a gap of 0."""
    statement = by_level("600余万元", ("600万元", NATIONAL))
    report = validate(plan_of(statement))
    assert keys(report) == [("breakdown.sum", WARNING, "$.sections[0].items[0]")]
    assert report.findings[0].message == (
        "分项之和600万元与合计600余万元不能完全吻合，在四舍五入误差以内"
    )


def test_the_same_plan_given_twice_is_validated_once() -> None:
    """validate([p, p]) is validate(p): a plan is not a duplicate of itself."""
    p = plan_of(*LISTED)
    assert validate([p, p]) == validate(p)


# -- after review: units, listed detail, five-year sums, funding years, conflicts -------------


def test_a_total_the_indicator_does_not_count_is_reported_not_raised() -> None:
    """Money under an indicator counted in 项 is a breakdown.unit error beside the sum
    check, which compares the figures in their own units (never relabelled as 项)."""
    money = Breakdown(
        subject="经费",
        total=fig("38.5万元"),
        indicator=PROJECTS,
        parts=[BreakdownPart(figure=fig("30万元"), level=NATIONAL)],
    )
    report = validate(plan_of(money))
    assert keys(report) == [
        ("breakdown.sum", ERROR, "$.sections[0].items[0]"),
        ("breakdown.unit", ERROR, "$.sections[0].items[0].total"),
    ]
    assert report.findings[0].message == "分项之和30万元与合计38.5万元不符，相差8.5万元"
    people = attrs.evolve(
        money, total=fig("5人"), parts=[BreakdownPart(figure=fig("3人"), level=NATIONAL)]
    )
    assert validate(plan_of(people)).findings[0].message == "分项之和3人与合计5人不符，相差2人"


def test_a_money_statement_under_a_count_indicator_names_its_projects_safely() -> None:
    """A statement in 万元 under a 项 indicator that names its projects is compared as
    money, and the unit error is the only finding."""
    statement = Breakdown(subject="经费", total=fig("159.3万元"), indicator=PROJECTS,
                          projects=["a1", "a2", "a3"])  # fmt: skip
    assert found(*LISTED, statement) == [("breakdown.unit", ERROR, f"{AFTER}.total")]


def test_a_project_named_twice_in_a_statement_is_an_error_and_counted_once() -> None:
    """projects=["a1", "a1"] names one project: detail.repeated at the second name."""
    statement = Breakdown(subject="项目", total=fig("1项"), indicator=PROJECTS,
                          projects=["a1", "a1"])  # fmt: skip
    assert found(*LISTED, statement) == [("detail.repeated", ERROR, f"{AFTER}.projects[1]")]


def test_a_named_project_outside_the_statements_levels_is_an_error() -> None:
    """A 市级以上 statement naming a county project: detail.level at that name."""
    county = Project(id="a4", name="丁", level=COUNTY, funding=[line("1")])
    statement = Breakdown(subject="项目", total=fig("2项"), indicator=PROJECTS,
                          levels=[NATIONAL, PROVINCIAL, MUNICIPAL], projects=["a1", "a4"])  # fmt: skip
    report = validate(plan_of(*LISTED, county, statement))
    assert keys(report) == [("detail.level", ERROR, "$.sections[0].items[4].projects[1]")]
    assert (
        report.findings[0].message == "所列项目“a4”为县级，不在该统计口径（国家级、省级、市级）之内"
    )


def test_a_part_by_level_with_a_project_of_no_level_cannot_be_decided() -> None:
    """A listed project without a level makes each level part undecided, not zero."""
    loose = Project(id="a4", name="丁", funding=[line("1")])
    statement = by_level(
        "2项", ("1项", NATIONAL), indicator=PROJECTS, projects=["a1", "a4"], complete=False
    )
    report = validate(plan_of(*LISTED, loose, statement))
    assert keys(report) == [("detail.undecided", INFO, "$.sections[0].items[4].parts[0]")]


def test_an_unknown_five_year_figure_cannot_be_decided() -> None:
    """A 十五 figure of 20xx项 against its years is an info, never a pass."""
    report = validate(plan_of(*five_years("20xx项", *["10项"] * 5)))
    assert keys(report) == [("five_year.undecided", INFO, AT)]


def test_a_year_given_by_two_plans_counts_once() -> None:
    """A county's review of 十五 with its years, validated with its 2005 annual report
    for the same place, is consistent: the year is one fact stated twice."""
    county = Region(name="甲县", level=COUNTY)
    review = plan_of(*five_years("50项", *["10项"] * 5), id="review", region=county)
    annual = plan_of(
        Achievement(indicator=PROJECTS, figure=fig("10项"), period=Year(2005)),
        id="annual",
        region=county,
    )
    assert keys(validate([review, annual])) == []
    assert keys(validate([annual, review])) == []


def test_a_funding_year_outside_its_section_is_an_error() -> None:
    """A funding line of 2012 in a plan for 2006: period.outside at the line's year."""
    p = Project(
        id="a",
        name="甲",
        funding=[Funding(amount=Money("1", "万元"), source=FundingSource.NATIONAL,
                         year=Year(2012))],
    )  # fmt: skip
    report = validate(plan_of(p, period=Year(2006)))
    assert keys(report) == [("period.outside", ERROR, "$.sections[0].items[0].funding[0].year")]


def test_a_conflict_says_what_differs() -> None:
    """Two plans giving one project different levels and money name both fields."""
    a = Project(id="p1", name="甲", level=NATIONAL, funding=[line("1")])
    b = attrs.evolve(a, level=PROVINCIAL, funding=[line("2")])
    report = validate([plan_of(a, id="a"), plan_of(b, id="b")])
    assert report.findings[0].message.endswith("两处的级别、经费不一致")


def test_custom_checks_run_with_the_garbage_collector_as_the_caller_has_it() -> None:
    """validate pauses the collector only for its own work, not around a caller's check."""
    import gc

    states: list[bool] = []

    def mine(scope: Scope) -> list[Finding]:
        states.append(gc.isenabled())
        return []

    assert gc.isenabled()
    validate(plan_of(), checks=(*CHECKS, mine))
    assert states == [True]
    assert gc.isenabled()


@given(
    parts=st.lists(st.integers(min_value=1, max_value=10_000), min_size=1, max_size=6),
    money=st.booleans(),
    which=st.integers(min_value=0, max_value=5),
    written=st.sampled_from(["约{}", "{}以上", "不超过{}", "{}左右", "至少{}"]),
    in_ge=st.lists(st.booleans(), min_size=6, max_size=6),
)
def test_a_breakdown_with_a_qualified_part_that_can_agree_validates(
    parts: list[int], money: bool, which: int, written: str, in_ge: list[bool]
) -> None:
    """Parts that add up, one of them qualified so that its range still holds its value,
    and counts partly written in a same_as word (个 for 项), give no finding."""
    unit = "万元" if money else "项"
    texts = [f"{n}{'个' if not money and in_ge[k] else unit}" for k, n in enumerate(parts)]
    k = which % len(parts)
    texts[k] = written.format(texts[k])
    statement = Breakdown(
        subject="项目",
        total=fig(f"{sum(parts)}{unit}"),
        indicator=FUNDS if money else PROJECTS,
        parts=[BreakdownPart(figure=fig(t), category=f"类{j}") for j, t in enumerate(texts)],
    )
    assert found(statement) == []


def test_a_report_reprs_as_its_counts() -> None:
    """repr(report) is short: ok, the count of each severity and the plans."""
    report = validate(examples.load("篇3"))
    assert repr(report) == "Report(ok=True, 0 error, 0 warning, 5 info, plans=('plan3',))"


@pytest.mark.parametrize(
    ("figures", "found"),
    [
        (("10%", "5%", "5%"), []),
        (("10%", "5%", "4%"), [("breakdown.sum", Severity.WARNING)]),
        (("10.0%", "5.0%", "4.96%"), [("breakdown.sum", Severity.ERROR)]),
    ],
)
def test_a_breakdown_of_percentages_is_checked_with_its_slack(
    figures: tuple[str, ...], found: list[tuple[str, Severity]]
) -> None:
    """Shares in % (whose base has no unit of its own) get the rounding slack of the
    digits written, in %, and are reported, not raised."""
    report = validate(plan_of(breakdown(*figures)))
    assert [(f.code, f.severity) for f in report.findings] == found
