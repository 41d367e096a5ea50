"""The public hypothesis strategies (``sciplan_model.strategies``): what each promises of
its examples, the errors its arguments get, ``st.from_type`` through hypothesis' entry
point, and the error a missing hypothesis gives.

(That ``read_plan`` of every ``plan_texts()`` example gives its plan's figures, outline
and breakdowns is tested with the reader, in test_extract.py.)"""

from __future__ import annotations

import itertools
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import find, given
from hypothesis import strategies as st

from sciplan_model import (
    Achievement,
    Breakdown,
    Figure,
    FiveYearPlan,
    Funding,
    FundingStage,
    Goal,
    Indicator,
    Level,
    Money,
    Plan,
    PlanKind,
    Project,
    Quantity,
    Region,
    Section,
    Severity,
    Year,
    YearSpan,
    dump,
    dumps,
    from_data,
    load,
    loads,
    to_data,
    unit_info,
    validate,
)
from sciplan_model.errors import InvalidValueError, SciplanError, UnknownUnitError, WrongTypeError
from sciplan_model.figure import Qualifier
from sciplan_model.strategies import (
    COUNT_WORDS,
    MONEY_UNITS,
    UNIT_FAMILIES,
    FigureText,
    OffBreakdown,
    achievements,
    amounts,
    breakdowns,
    figure_texts,
    figures,
    fundings,
    goals,
    indicators,
    periods,
    plans,
    projects,
    quantities,
    regions,
    sections,
    written_figures,
)

# -- plans ----------------------------------------------------------------------------------


def _round_trips(plan: Plan) -> None:
    assert loads(dumps(plan)) == plan
    assert from_data(to_data(plan)) == plan
    with tempfile.TemporaryDirectory() as folder:
        for name in ("plan.json", "plan.toml"):
            path = Path(folder) / name
            dump(plan, path)
            assert load(path) == plan


@given(plans())
def test_every_plan_validates_with_no_error_and_round_trips(plan: Plan) -> None:
    """Every plan validates with no error, and comes back equal from JSON text, plain
    data, and JSON and TOML files."""
    report = validate(plan)
    assert report.errors == (), report.errors
    _round_trips(plan)


def _walk_items(plan: Plan) -> list[tuple[Section, Any]]:
    out: list[tuple[Section, Any]] = []

    def walk(sections: tuple[Section, ...]) -> None:
        for s in sections:
            out.extend((s, item) for item in s.items)
            walk(s.sections)

    walk(plan.sections)
    return out


@given(
    plans(
        kind=PlanKind.ANNUAL,
        levels=[Level.COUNTY, Level.MUNICIPAL],
        years=[2024, 2025],
        max_projects=2,
    )
)
def test_plans_keep_to_their_arguments(plan: Plan) -> None:
    """The kind, the level, the years of every period and year, and the cap on
    projects hold; each project's id is its own."""
    assert plan.kind is PlanKind.ANNUAL
    assert plan.level in (Level.COUNTY, Level.MUNICIPAL)
    assert plan.period is not None
    assert set(_years(plan.period)) <= {2024, 2025}
    ids = [item.id for _, item in _walk_items(plan) if isinstance(item, Project)]
    assert len(ids) <= 2
    assert len(set(ids)) == len(ids)
    for _, item in _walk_items(plan):
        period = getattr(item, "period", None)
        if period is not None and _years(period):
            assert set(_years(period)) <= {2024, 2025}
        if isinstance(item, Project):
            years = [f.year for f in item.funding] + [item.year]
            assert {y.value for y in years if y is not None} <= {2024, 2025, None}


def _years(period: Any) -> tuple[int, ...]:
    if isinstance(period, Year):
        return () if period.value is None else (period.value,)
    if isinstance(period, FiveYearPlan):
        return tuple(period.years)
    if isinstance(period, YearSpan):
        return () if period.years is None else tuple(period.years)
    raise AssertionError(period)


def test_a_failing_plan_shrinks_to_a_small_readable_one() -> None:
    """The smallest plan with a project is one section holding one project, with the
    readable names the strategies draw first."""
    plan = find(plans(), lambda p: any(isinstance(i, Project) for _, i in _walk_items(p)))
    assert len(plan.sections) == 1
    ((_, project),) = _walk_items(plan)
    assert project.id == "p1"
    assert project.name in (
        "马铃薯脱毒种薯繁育",
        "设施蔬菜节水灌溉",
        "中药材规范化种植",
        "肉牛良种繁育",
    )
    assert project.funding == ()
    assert plan.title in ("科技工作计划", "科技工作要点")


@given(sections(years=[2023], depth=1))
def test_sections_keep_to_their_years_and_depth(section: Section) -> None:
    assert all(not s.sections for s in section.sections)
    for s in (section, *section.sections):
        if s.period is not None and _years(s.period):
            assert _years(s.period) == (2023,)


# -- breakdowns -------------------------------------------------------------------------------


@given(breakdowns(consistent=False))
def test_an_off_breakdown_gives_exactly_its_finding(off: OffBreakdown) -> None:
    """A breakdown whose parts miss the total gives the one finding attached to it, and
    is off by what it says."""
    assert validate(off.plan()).findings == (off.finding,)
    b = off.breakdown
    parts = [p.figure.value for p in b.parts]
    assert b.total.value is not None
    assert all(v is not None for v in parts)
    found = sum(parts[1:], parts[0])  # type: ignore[arg-type]
    assert off.off == found - b.total.value
    zero = Quantity(0, off.off.unit)
    assert off.off != zero
    assert off.off < zero if b.complete and found < b.total.value else off.off > zero
    assert off.finding.severity is Severity.ERROR
    assert off.finding.code == ("breakdown.sum" if b.complete else "breakdown.exceeds")


@given(breakdowns(consistent=False, units="万元"), breakdowns(units="万元"))
def test_an_off_breakdown_placed_elsewhere_gives_its_finding_there(
    off: OffBreakdown, fine: Breakdown
) -> None:
    """Beside a breakdown that adds up, in a plan of another id, the finding is the one
    ``finding_at`` gives for its place."""
    plan = Plan(
        id="青禾县",
        title="科技工作计划",
        kind=PlanKind.ANNUAL,
        sections=(Section(), Section(items=(fine, off.breakdown))),
    )
    errors = validate(plan).errors
    assert errors == (off.finding_at("$.sections[1].items[1]", "青禾县"),)


@given(breakdowns())
def test_breakdowns_that_add_up_give_no_error(b: Breakdown) -> None:
    plan = Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=(Section(items=(b,)),))
    assert validate(plan).errors == ()


@given(breakdowns(rounding=False, complete=True, max_parts=2))
def test_exact_complete_breakdowns_add_up_to_the_last_digit(b: Breakdown) -> None:
    assert 1 <= len(b.parts) <= 2
    assert b.complete
    values = [p.figure.value for p in b.parts]
    assert sum(values[1:], values[0]) == b.total.value  # type: ignore[arg-type]
    plan = Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=(Section(items=(b,)),))
    assert validate(plan).findings == ()


@given(breakdowns(units=["亩", "万亩"], complete=False))
def test_breakdowns_keep_to_their_units_and_completeness(b: Breakdown) -> None:
    figures_ = [b.total, *(p.figure for p in b.parts)]
    assert {f.unit for f in figures_} <= {"亩", "万亩"}
    assert not b.complete


# -- figures, amounts and quantities ---------------------------------------------------------


@given(figures())
def test_every_figure_reads_back_from_its_text(f: Figure) -> None:
    assert Figure.parse(str(f)) == f


@given(written_figures())
def test_every_written_figure_reads_as_its_figure(w: FigureText) -> None:
    assert Figure.parse(w.text) == w.figure


@given(figure_texts(units=MONEY_UNITS, placeholders=False))
def test_figure_texts_are_texts_the_reader_reads(text: str) -> None:
    f = Figure.parse(text)
    assert f.value is not None
    assert unit_info(f.unit).currency


@given(figures([Qualifier.ODD, Qualifier.NEARLY], "家", placeholders=False))
def test_figures_keep_to_their_qualifiers_and_units(f: Figure) -> None:
    assert f.qualifier in (Qualifier.ODD, Qualifier.NEARLY)
    assert f.value is not None
    assert unit_info(f.unit).word == "家"


def test_placeholders_come_when_asked_for() -> None:
    f = find(figures(units="万元"), lambda f: f.value is None)
    assert f.placeholder is not None
    assert Figure.parse(str(f)) == f


@given(amounts("万元", min_value=Money("1500", "元"), max_value=Money("3", "万元"), places=1))
def test_amounts_keep_to_their_bounds_and_places(m: Money) -> None:
    assert isinstance(m, Money)
    assert m.unit == "万元"
    assert Money("1500", "元") <= m <= Money("3", "万元")
    assert m.magnitude.as_tuple().exponent == -1


@given(amounts())
def test_amounts_are_whole_fen_of_money(m: Money) -> None:
    assert m.unit in MONEY_UNITS
    fen = m.magnitude * unit_info(m.unit).factor * 100
    assert fen == fen.to_integral_value()
    assert m >= Money(0, "元")


@given(quantities(["人次", "万人次"], min_value=5, max_value=7))
def test_numeric_bounds_bound_the_number_in_the_unit_drawn(q: Quantity) -> None:
    assert q.unit in ("人次", "万人次")
    assert 5 <= q.magnitude <= 7
    assert q.magnitude == q.magnitude.to_integral_value() or q.unit == "万人次"


# -- the items of plans --------------------------------------------------------------------------


@given(fundings(FundingStage.ALLOCATED, unit="万元", years=[2024]))
def test_fundings_keep_to_their_stage_unit_and_years(line: Funding) -> None:
    assert line.stage is FundingStage.ALLOCATED
    assert line.amount.unit == "万元"
    assert line.year in (None, Year(2024))


@given(projects(levels=Level.PROVINCIAL, years=[2022, 2023]))
def test_projects_keep_to_their_levels_and_years_and_validate(project: Project) -> None:
    assert project.level is Level.PROVINCIAL
    assert project.year in (None, Year(2022), Year(2023))
    plan = Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=(Section(items=(project,)),))
    assert validate(plan).errors == ()
    stages = list(FundingStage)
    totals: dict[FundingStage, Money] = {}
    for line in project.funding:
        totals[line.stage] = totals.get(line.stage, Money(0, "元")) + line.amount
    ordered = sorted(totals.items(), key=lambda kv: stages.index(kv[0]))
    for (_, earlier), (_, later) in itertools.pairwise(ordered):
        assert later <= earlier


@given(goals("家", years=[2025]), achievements(["万元", "亿元"], years=[2025]))
def test_goals_and_achievements_keep_to_their_units_and_years(
    goal: Goal, achievement: Achievement
) -> None:
    assert unit_info(goal.figure.unit).word == "家" or goal.figure.unit in goal.indicator.same_as
    assert goal.period in (None, Year(2025))
    assert achievement.figure.unit in ("万元", "亿元")
    assert achievement.period in (None, Year(2025))


@given(indicators(), regions(), periods())
def test_indicators_regions_and_periods_round_trip(
    indicator: Indicator, region: Region, period: Any
) -> None:
    for obj in (indicator, region):
        assert loads(dumps(obj), type(obj)) == obj
    assert isinstance(period, Year | FiveYearPlan | YearSpan)


# -- arguments ------------------------------------------------------------------------------------

BAD_ARGUMENTS: list[tuple[Callable[[], Any], type[SciplanError], str]] = [
    (lambda: amounts("万桶桶"), UnknownUnitError, "万桶桶"),
    (lambda: amounts("万斤"), InvalidValueError, "万斤 is not money"),
    (lambda: amounts("家"), InvalidValueError, "unit"),
    (lambda: amounts([]), InvalidValueError, "unit"),
    (lambda: amounts("万元", min_value=5, max_value=3), InvalidValueError, "max_value"),
    (lambda: amounts("万元", min_value="lots"), InvalidValueError, "min_value"),
    (lambda: amounts("万元", min_value=1.5), WrongTypeError, "min_value"),  # type: ignore[arg-type]
    (lambda: quantities("万元", min_value=Quantity(3, "亩")), InvalidValueError, "min_value"),
    (lambda: quantities("万元", places=13), InvalidValueError, "places"),
    (lambda: quantities("万元", places=True), WrongTypeError, "places"),
    (lambda: quantities("元", min_value="0.001", max_value="0.009", places=2), InvalidValueError,
     "no value"),
    (lambda: figures(["EXACT"]), WrongTypeError, "qualifiers"),  # type: ignore[list-item]
    (lambda: figures([Qualifier.UNKNOWN], placeholders=False), InvalidValueError, "qualifiers"),
    (lambda: figures([]), InvalidValueError, "qualifiers"),
    (lambda: breakdowns(max_parts=0), InvalidValueError, "max_parts"),
    (lambda: breakdowns(units="%"), InvalidValueError, "units"),
    (lambda: breakdowns(complete="yes"), WrongTypeError, "complete"),  # type: ignore[call-overload]
    (lambda: fundings("下达"), WrongTypeError, "stage"),  # type: ignore[arg-type]
    (lambda: projects(levels=[]), InvalidValueError, "levels"),
    (lambda: goals(years=[20]), InvalidValueError, ""),
    (lambda: goals(years=["2024"]), WrongTypeError, "years"),  # type: ignore[list-item]
    (lambda: sections(depth=9), InvalidValueError, "depth"),
    (lambda: plans(kind="annual"), WrongTypeError, "kind"),  # type: ignore[arg-type]
    (lambda: plans(max_projects=-1), InvalidValueError, "max_projects"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "error", "named"), BAD_ARGUMENTS)
def test_bad_arguments_get_our_errors_naming_them(
    make: Callable[[], Any], error: type[SciplanError], named: str
) -> None:
    """A bad argument is refused when the strategy is made, not when it draws, with an
    error of the package that names it."""
    with pytest.raises(error) as caught:
        make()
    assert named in str(caught.value)


# -- st.from_type ---------------------------------------------------------------------------------

REGISTERED = [
    Quantity, Money, Figure, Year, FiveYearPlan, YearSpan, Region, Indicator, Goal,
    Achievement, Breakdown, Funding, Project, Section, Plan,
]  # fmt: skip


@pytest.mark.parametrize("cls", REGISTERED, ids=lambda c: c.__name__)
def test_from_type_gives_the_strategies(cls: type[Any]) -> None:
    """Through the entry point hypothesis loads, ``st.from_type`` draws instances of
    each of the model's types, and they save and load back."""

    @given(st.from_type(cls))
    def check(obj: Any) -> None:
        assert isinstance(obj, cls)
        if cls not in (Year, FiveYearPlan, YearSpan):  # saved as text, in what holds them
            assert loads(dumps(obj), cls) == obj

    check()


@given(st.from_type(Plan))
def test_plans_from_type_validate_with_no_error(plan: Plan) -> None:
    assert validate(plan).errors == ()


@attrs.frozen
class _Screen:
    """A class of bureau software that holds a plan and an amount."""

    plan: Plan
    budget: Money


attrs.resolve_types(_Screen)  # its annotations are text here (from __future__ import)


@given(st.builds(_Screen))
def test_builds_fills_in_the_models_types(screen: _Screen) -> None:
    assert isinstance(screen.plan, Plan)
    assert isinstance(screen.budget, Money)


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_fresh_interpreter_finds_the_strategies_through_the_entry_point() -> None:
    """In a new interpreter that imports nothing of the package itself, hypothesis finds
    the strategies through the package's entry point."""
    run = _python(
        """
        from hypothesis import find, strategies as st
        import sys
        assert "sciplan_model._hypothesis" in sys.modules
        from sciplan_model import Money, Plan
        print(find(st.from_type(Money), lambda m: m.magnitude > 0))
        print(type(find(st.from_type(Plan), lambda p: True)).__name__)
        """
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["1元", "Plan"]


def test_the_strategies_may_be_imported_before_hypothesis() -> None:
    """Importing the strategies first imports hypothesis, which calls the hook; the
    hook must not need the half-imported module."""
    run = _python(
        """
        from sciplan_model.strategies import plans
        from hypothesis import find, strategies as st
        from sciplan_model import Figure
        f = find(st.from_type(Figure), lambda f: f.value is not None)
        print(type(f).__name__, Figure.parse(str(f)) == f)
        print(find(plans(), lambda p: True).title)
        """
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["Figure", "True", "科技工作计划"]


def test_the_hook_registers_every_type_the_strategies_offer() -> None:
    from sciplan_model import _hypothesis, strategies

    assert list(_hypothesis._TYPES) == list(strategies._registered())


def test_without_hypothesis_the_module_names_the_extra() -> None:
    """Where hypothesis is missing, the package imports and the strategies module says
    which extra brings it."""
    run = _python(
        """
        import sys

        class Missing:
            def find_spec(self, name, path=None, target=None):
                if name == "hypothesis" or name.startswith("hypothesis."):
                    raise ImportError(f"No module named {name!r}")
                return None

        sys.meta_path.insert(0, Missing())
        import sciplan_model
        print(sciplan_model.Money("1", "万元"))
        try:
            import sciplan_model.strategies
        except ImportError as e:
            print(e)
        """
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "1万元"
    assert 'pip install "sciplan_model[testing]"' in lines[1]


def test_the_module_lists_what_it_offers() -> None:
    import sciplan_model.strategies as strategies

    assert len(set(strategies.__all__)) == len(strategies.__all__)
    for name in strategies.__all__:
        assert getattr(strategies, name) is not None
    assert set(COUNT_WORDS) <= {unit_info(u).word for family in UNIT_FAMILIES for u in family}
