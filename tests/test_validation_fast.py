"""Tests of validation's fast ways: a scope makes no entry and no path until a check
reports an item, and each fast exact way (a breakdown's small sum, a project's funding
lines) decides as the general way does, in mixed units and at the rounding slack."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from sciplan_model import (
    CHECKS,
    Achievement,
    Breakdown,
    BreakdownPart,
    Entry,
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
    Qualifier,
    Quantity,
    Scope,
    Section,
    Severity,
    Task,
    Year,
    unit_info,
    validate,
)
from sciplan_model._checks import _adds_up, _breakdown_sum, _clean
from sciplan_model._project_checks import _funding, _funding_fine
from sciplan_model.validation import check_breakdown_sums, check_funding
from strategies import checked_plans, decimals, in_unit, plans

PROJECTS = Indicator(name="科技计划项目", unit="项", same_as=("个",))
FUNDS = Indicator(name="科技经费", unit="万元")
SHIWU = FiveYearPlan(10)


def plan_of(*items: Any, id: str = "t", period: Any = None) -> Plan:
    """A plan of one section holding ``items``."""
    return Plan(
        id=id, title="科技工作计划", kind=PlanKind.ANNUAL, period=period,
        sections=[Section(title="一、", items=list(items))],
    )  # fmt: skip


def walked(plans: list[Plan]) -> dict[type, list[Entry]]:
    """The entries of ``plans`` by class of item, as Plan.walk() yields them."""
    found: dict[type, list[Entry]] = {}
    for plan in plans:
        for e in plan.walk():
            found.setdefault(type(e.item), []).append(e)
    return found


def made(scope: Scope) -> tuple[int, int]:
    """How many classes' entries and how many paths of sections holding items a scope
    has made so far."""
    groups = scope._groups.values()
    entries = sum(g._entries is not None for g in groups)
    paths = len({id(s) for g in groups for s in g.sites if s._path is not None})
    return entries, paths


# -- the scope --------------------------------------------------------------------------------


@given(st.lists(plans(), max_size=3))
def test_a_scope_holds_the_entries_plan_walk_makes(plans_: list[Plan]) -> None:
    """Scope.of gives, class by class and in document order, the entries Plan.walk()
    yields: the same paths (a task's goals too), items, periods, plans and sections'
    periods."""
    expected = walked(plans_)
    scope = Scope.of(plans_)
    assert scope.plans == tuple(plans_)
    assert list(scope.entries) == list(expected)
    for kind, entries in expected.items():
        got = scope.items(kind)
        assert got == entries
        assert [e.plan for e in got] == [e.plan for e in entries]
    assert scope.items(Severity) == []


@given(checked_plans())
def test_checks_find_the_same_in_a_scope_of_given_entries(plan: Plan) -> None:
    """A scope of entries made elsewhere (``Scope(plans, entries)``) gives each check
    the same findings as ``Scope.of`` gives it, and is equal to it."""
    given_ = Scope([plan], walked([plan]))
    walked_ = Scope.of([plan])
    assert given_ == walked_
    for check in CHECKS:
        assert list(check(given_)) == list(check(walked_))


def _clean_plans() -> list[Plan]:
    """Two plans with something of every kind the checks read, and nothing to report."""
    funding = [
        Funding(amount=Money("120", "万元"), source=FundingSource.NATIONAL, stage=FundingStage.PLANNED),
        Funding(amount=Money("100", "万元"), source=FundingSource.NATIONAL),
        Funding(amount=Money("200000", "元"), source=FundingSource.COUNTY, year=Year(2004)),
        Funding(amount=Money("80", "万元"), source=FundingSource.NATIONAL, stage=FundingStage.SPENT),
    ]  # fmt: skip
    items: list[Any] = [
        Breakdown(
            subject="争取项目",
            total=Figure.parse("36项"),
            indicator=PROJECTS,
            parts=[
                BreakdownPart(figure=Figure.parse("6个"), level=Level.NATIONAL),
                BreakdownPart(figure=Figure.parse("30项"), level=Level.PROVINCIAL),
            ],
            levels=(Level.NATIONAL, Level.PROVINCIAL),
        ),
        Breakdown(
            subject="国家级项目经费",
            total=Figure.parse("120万元"),
            parts=[BreakdownPart(figure=Figure.parse("1200000元"), level=Level.NATIONAL)],
            levels=(Level.NATIONAL,),
            projects=["p1"],
        ),
        Breakdown(
            subject="科技经费",
            total=Figure.parse("1.2亿元"),
            indicator=FUNDS,
            parts=[
                BreakdownPart(figure=Figure.parse("9000万元"), category="财政"),
                BreakdownPart(figure=Figure.parse("30000000元"), category="企业"),
            ],
        ),
        Project(id="p1", name="示范", level=Level.NATIONAL, year=Year(2004), funding=funding),
        Task(title="推广", goals=[Goal(indicator=PROJECTS, figure=Figure.parse("5项"))]),
        Achievement(indicator=PROJECTS, figure=Figure.parse("10项"), period=SHIWU),
        Achievement(indicator=PROJECTS, figure=Figure.parse("2项"), period=Year(2001)),
    ]
    first = Plan(
        id="a", title="十五规划", kind=PlanKind.REVIEW, period=SHIWU,
        sections=[Section(title="一、", sections=[Section(title="（一）", items=items)])],
    )  # fmt: skip
    second = attrs.evolve(first, id="b", sections=[Section(title="一、", items=items[3:4])])
    return [first, second]


def test_a_validation_that_finds_nothing_makes_no_path() -> None:
    """Checking plans with nothing to report makes no entry and no path of a section
    or an item (every path is made for a finding)."""
    plans_ = _clean_plans()
    assert validate(plans_).findings == ()
    scope = Scope.of(plans_)
    for check in CHECKS:
        assert list(check(scope)) == []
    assert made(scope) == (0, 0)


def test_a_finding_makes_the_paths_of_its_item_only() -> None:
    """A statement that does not add up makes its own path (and its sections'), no
    other item's."""
    first, second = _clean_plans()
    items = list(first.sections[0].sections[0].items)
    items[2] = attrs.evolve(items[2], total=Figure.parse("1.3亿元"))
    inner = attrs.evolve(first.sections[0].sections[0], items=items)
    plan = attrs.evolve(first, sections=[attrs.evolve(first.sections[0], sections=[inner])])
    scope = Scope.of([plan, second])
    found = [f for check in CHECKS for f in check(scope)]
    assert [(f.code, f.path) for f in found] == [
        ("breakdown.sum", "$.sections[0].sections[0].items[2]")
    ]
    assert made(scope) == (0, 1)  # the section the statement stands in (and its parent)


# -- breakdowns: the small exact sum against total() -------------------------------------------

#: Units of one dimension a breakdown may mix, and the indicator that counts them (项 and
#: 个 are two dimensions an indicator counts alike: the fast way leaves them to total()).
FAMILIES: tuple[tuple[tuple[str, ...], Indicator | None], ...] = (
    (("元", "千元", "万元", "亿元"), None),
    (("元", "万元", "亿元"), FUNDS),
    (("亩", "万亩"), None),
    (("项", "万项"), None),
    (("项", "个", "万个"), PROJECTS),
)


@st.composite
def near_breakdowns(draw: st.DrawFn) -> Breakdown:
    """Breakdowns, mostly of exact figures, in units of one family (or counted alike),
    whose total is the parts' exact sum or that sum moved by a few units of a digit at
    or past its last one (so within the rounding slack, at it, or beyond it), complete
    or partial."""
    units, indicator = draw(st.sampled_from(FAMILIES))
    one_unit = draw(st.booleans())
    unit = st.just(units[0]) if one_unit else st.sampled_from(units)
    amounts = [
        Quantity(draw(decimals(max_digits=7, places=2)), draw(unit))
        for _ in range(draw(st.integers(1, 5)))
    ]
    whole = in_unit(amounts, units[0] if one_unit else draw(st.sampled_from(units)))
    if draw(st.integers(0, 2)):  # move the total by a few units of its last digit or the next
        exponent = whole.magnitude.as_tuple().exponent
        assert isinstance(exponent, int)
        step = Decimal(draw(st.sampled_from([-10, -5, -1, 1, 4, 5, 6, 10]))).scaleb(
            exponent - draw(st.integers(0, 1))
        )
        whole = Quantity(max(whole.magnitude + step, Decimal(0)), whole.unit)
    qualifiers = st.sampled_from([Qualifier.EXACT] * 3 + [Qualifier.ABOUT, Qualifier.AT_LEAST])
    if draw(st.integers(0, 3)):  # most statements are of exact figures
        qualifiers = st.just(Qualifier.EXACT)
    figures = [Figure(q, qualifier=draw(qualifiers)) for q in amounts]
    total = Figure(whole, qualifier=draw(qualifiers))
    parts = [BreakdownPart(figure=f, category=f"分项{k}") for k, f in enumerate(figures)]
    return Breakdown(
        subject="合计", total=total, indicator=indicator, parts=parts,
        complete=draw(st.booleans()),
    )  # fmt: skip


@given(near_breakdowns())
def test_the_fast_sum_of_a_breakdown_agrees_with_total(b: Breakdown) -> None:
    """Where the fast way decides whether exact figures add up (one unit: magnitudes
    added as Decimals; one dimension: values in the base unit), total() decides
    alike; it decides every breakdown of exact figures of one dimension."""
    fast = _adds_up(b)
    figures = [b.total, *(p.figure for p in b.parts)]
    exact = all(f.qualifier is Qualifier.EXACT for f in figures)
    if fast is not None:
        assert exact
        assert fast is _clean(b)
    dimensions = {unit_info(f.unit).dimension for f in figures}
    assert (fast is not None) is (exact and len(dimensions) == 1)


@given(near_breakdowns())
def test_a_breakdown_is_reported_as_the_general_way_says(b: Breakdown) -> None:
    """check_breakdown_sums reports what the general way (ranges, the rounding slack,
    total()) says of a breakdown, whether the fast way read it or not: in mixed units,
    within the slack (a warning) and beyond it (an error)."""
    general = _breakdown_sum(b, True)
    found = [
        (f.code, f.severity, f.message, f.expected, f.actual, f.path)
        for f in check_breakdown_sums(Scope.of([plan_of(b)]))
    ]
    assert found == ([] if general is None else [(*general, "$.sections[0].items[0]")])


def test_a_sum_in_mixed_units_within_the_slack_is_a_warning() -> None:
    """5000元 and 4999元 under 1.00万元: 1元 apart, within the slack of half a yuan for
    each of three figures, so a warning the general way words, not an error."""
    b = Breakdown(
        subject="科技经费",
        total=Figure.parse("1.00万元"),
        parts=[
            BreakdownPart(figure=Figure.parse("5000元"), category="甲"),
            BreakdownPart(figure=Figure.parse("4999元"), category="乙"),
        ],
    )
    assert _adds_up(b) is False
    report = validate(plan_of(b))
    assert [(f.code, f.severity, f.path) for f in report] == [
        ("breakdown.sum", Severity.WARNING, "$.sections[0].items[0]")
    ]
    assert (
        report.findings[0].message == "分项之和0.9999万元与合计1.00万元相差1元，在四舍五入误差以内"
    )


def test_measure_words_counted_alike_are_left_to_the_general_way() -> None:
    """6个 and 30项 under 36项 for an indicator that counts 个 as 项: two dimensions, which
    the fast way does not add; the general way recounts them and finds nothing."""
    b = Breakdown(
        subject="争取项目",
        total=Figure.parse("36项"),
        indicator=PROJECTS,
        parts=[
            BreakdownPart(figure=Figure.parse("6个"), category="甲"),
            BreakdownPart(figure=Figure.parse("30项"), category="乙"),
        ],
    )
    assert _adds_up(b) is None
    assert _clean(b)
    assert validate(plan_of(b)).findings == ()


# -- funding: the lines of a project read once ---------------------------------------------------

FUNDING_UNITS = ("万元", "元", "亿元", "美元", "万美元")


@st.composite
def funded(draw: st.DrawFn) -> Project:
    """A project of one to five funding lines of any stage, in one unit or several
    (currencies too), now and then a negative amount."""
    units = FUNDING_UNITS[:1] if draw(st.booleans()) else FUNDING_UNITS
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        magnitude = draw(decimals(max_digits=5, places=2))
        if draw(st.integers(0, 9)) == 0:
            magnitude = -magnitude
        lines.append(
            Funding(
                amount=Money(magnitude, draw(st.sampled_from(units))),
                source=FundingSource.NATIONAL,
                stage=draw(st.sampled_from(FundingStage)),
            )
        )
    return Project(id="p", name="示范", funding=lines)


@given(funded())
def test_funding_is_reported_as_the_general_way_says(p: Project) -> None:
    """check_funding reports of any project what the general way (sums in the base unit
    per stage and currency) reports; the fast way (one unit, magnitudes added as
    Decimals) lets through only projects in which the general way finds nothing."""
    scope = Scope.of([plan_of(p)])
    general = list(_funding(scope._group(Project), 0))
    assert list(check_funding(scope)) == general
    if _funding_fine(p.funding):
        assert general == []


def test_money_growing_along_its_stages_in_two_units_is_found() -> None:
    """Lines in 万元 and 元 are left to the general way: 1万元 allocated and 20000元
    received is money growing along its stages."""
    lines = [
        Funding(amount=Money("1", "万元"), source=FundingSource.NATIONAL),
        Funding(
            amount=Money("20000", "元"),
            source=FundingSource.NATIONAL,
            stage=FundingStage.RECEIVED,
        ),
    ]
    p = Project(id="p", name="示范", funding=lines)
    assert not _funding_fine(p.funding)
    report = validate(plan_of(p))
    assert [(f.code, f.path, f.message) for f in report] == [
        ("funding.stages", "$.sections[0].items[0].funding", "到位经费20000元多于下达经费1万元")
    ]


def test_a_scope_of_a_plan_without_items_has_empty_classes() -> None:
    """A plan of empty sections gives a scope with no entries, and checks find nothing."""
    plan = Plan(id="e", title="t", kind=PlanKind.ANNUAL, sections=[Section(title="一")])
    scope = Scope.of([plan])
    assert scope.entries == {}
    assert scope.items(Project) == []
    assert [f for check in CHECKS for f in check(scope)] == []


def test_a_scope_takes_any_iterable_of_plans_with_its_entries() -> None:
    """Scope(plans, entries) takes any iterable of plans, as before, and gives the
    entries it was given."""
    plan = plan_of(Project(id="p", name="n"))
    entries = walked([plan])
    scope = Scope(iter([plan]), entries)
    assert scope.plans == (plan,)
    assert scope.items(Project) == entries[Project]
