"""Fault injection: the caller's decimal context.

Python's Decimal operators follow the thread's context, which an application may set
to anything: traps on Inexact and Rounded, a precision of 3, rounding toward -∞, an
exponent limit of 10, a lower-case "e" in exponents.  The library computes in its own context whatever the caller's
holds: under each hostile context below, every result of the public API equals the one
computed under the default context, nothing raises a raw ``decimal`` signal, and the
caller's context is left exactly as it was (precision, rounding, limits, traps and
flags).  A result past the library's precision raises its ``InexactResultError``.
"""

from __future__ import annotations

import decimal
import pickle
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report_plans import county_plans, edited_plan_3
from sciplan_model import (
    Achievement,
    Figure,
    FiveYearPlan,
    Goal,
    Indicator,
    InexactResultError,
    Money,
    Plan,
    PlanKind,
    Quantity,
    Section,
    attainment,
    combine,
    dumps,
    examples,
    find_figures,
    from_data,
    growth,
    loads,
    over_period,
    percent,
    project_value,
    read_plan,
    rollup,
    summarize,
    to_data,
    total,
    validate,
)
from sciplan_model.strategies import plan_texts
from strategies import checked_plans, money

_TRAPS = [decimal.Inexact, decimal.Rounded, decimal.Subnormal, decimal.Underflow, decimal.Clamped]

#: Contexts a caller may hold: (id, keyword arguments of decimal.Context).
HOSTILE: list[tuple[str, dict[str, Any]]] = [
    ("traps-inexact-rounded", {"traps": [*_TRAPS, decimal.InvalidOperation, decimal.Overflow]}),
    ("prec-3", {"prec": 3}),
    ("floor-prec-5", {"prec": 5, "rounding": decimal.ROUND_FLOOR}),
    ("emax-10", {"Emax": 10, "Emin": -10}),
    (
        "up-prec-2-clamped",
        {"prec": 2, "rounding": decimal.ROUND_UP, "Emax": 10, "clamp": 1, "capitals": 0},
    ),
]


def _state(c: decimal.Context) -> tuple[Any, ...]:
    """Everything a caller could notice of a context."""
    return (
        c.prec,
        c.rounding,
        c.Emax,
        c.Emin,
        c.capitals,
        c.clamp,
        {k.__name__: v for k, v in c.traps.items()},
        {k.__name__: v for k, v in c.flags.items()},
    )


@pytest.fixture(params=[kw for _, kw in HOSTILE], ids=[name for name, _ in HOSTILE])
def hostile(request: pytest.FixtureRequest) -> Iterator[decimal.Context]:
    """The thread's context set to a hostile one for the test; afterwards the test must
    have left it as it was, and the caller's own context is restored."""
    saved = decimal.getcontext()
    ctx = decimal.Context(**request.param)
    before = _state(ctx)
    decimal.setcontext(ctx)
    try:
        yield ctx
        assert decimal.getcontext() is ctx, "the thread's context was replaced"
        assert _state(ctx) == before, "the caller's context was changed"
    finally:
        decimal.setcontext(saved)


def _clean(fn: Callable[[], Any]) -> Any:
    """``fn()`` under the default context."""
    with decimal.localcontext(decimal.Context()):
        return fn()


def _outcome(fn: Callable[[], Any]) -> Any:
    """What ``fn()`` gives, or the library's error it raises (as type and message); a raw
    ``decimal`` signal is never an outcome and fails the test."""
    try:
        return fn()
    except decimal.DecimalException as e:
        pytest.fail(f"raw decimal signal {type(e).__name__} from {fn}")
    except (ArithmeticError, ValueError, TypeError) as e:
        return (type(e).__name__, str(e))


def _outcomes(cases: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    return {name: _outcome(fn) for name, fn in cases.items()}


# -- amounts, figures and rates --------------------------------------------------------------

WON = Indicator(name="科技计划项目", unit="项")


def _amount_cases() -> dict[str, Callable[[], Any]]:
    a, b = Money("12.5", "万元"), Money("1.3", "亿元")
    odd = Money("123456789.55", "元")
    area = Quantity("3.5", "亩")
    return {
        "add": lambda: repr(a + b),
        "subtract": lambda: repr(a - b),
        "multiply": lambda: repr(a * 3),
        "multiply by a Decimal": lambda: repr(Decimal("0.333") * odd),
        "divide by a number": lambda: repr(b / 8),
        "divide inexactly": lambda: repr(a / 3),
        "ratio": lambda: repr(a / b),
        "negate": lambda: repr(-odd),
        "compare": lambda: (a < b, b == Money("130000000", "元"), hash(b) == hash(b.to("元"))),
        "convert": lambda: repr(odd.to("亿元")),
        "convert area": lambda: repr((area + Quantity("2", "公顷")).to("亩")),
        "compact": lambda: [repr(m.compact()) for m in (odd, Money("15000", "万元"), b.to("元"))],
        "str": lambda: [str(odd), format(b, ">12"), str(odd.compact())],
        "total": lambda: repr(total([a, b, Money("0.01", "元"), Money("99.999", "千元")])),
        "total in a unit": lambda: repr(total([a, b, odd], unit="万元")),
        "sum": lambda: repr(sum([a, b, odd])),
        "exchange": lambda: repr(Money("100", "万美元").exchange("万元", "7.1234")),
        "figure ranges": lambda: [
            str(Figure.parse(t).range) for t in ("约2.5万人次", "2万余人次", "近5万元", "12.5%")
        ],
        "figure sum": lambda: str(sum(Figure.parse(t).range for t in ("600余家", "约100家"))),
        "percent": lambda: [
            percent(Quantity(m, "%"))
            for m in ("66.66666666666666666666666667", "250000.05", "100000000000", "-0.04")
        ],
        "percent of a ratio": lambda: percent(Quantity(_in_percent(a, b), "%"), places=3),
        "growth": lambda: [
            percent(growth(Figure.parse(x), Figure.parse(y)))
            for x, y in (("38.7万元", "35万元"), ("约40万元", "35万余元"), ("10亿项", "3项"))
        ],
        "attainment": lambda: [
            str(attainment(Figure.parse(goal), Figure.parse(got)))
            for goal, got in (
                ("2万人次以上", "2.1万人次"),
                ("3万人次", "2万余人次"),
                ("7项", "3项"),
                ("1项", "10亿项"),
            )
        ],
        "attainment html": lambda: attainment(
            Figure.parse("3项"), Figure.parse("7项")
        )._repr_html_(),
    }


def _in_percent(a: Quantity, b: Quantity) -> Decimal:
    """``a / b`` in %, multiplied in a context of the test's own."""
    return decimal.Context(prec=50).multiply(a / b, 100)


def test_amounts_figures_and_rates_are_computed_as_under_the_default_context(
    hostile: decimal.Context,
) -> None:
    """Money/Quantity/Figure arithmetic, compact(), total(), percent(), growth() and
    attainment() give what they give under the default context (a rate of 66.67% needs
    rounding, which a trap on Inexact would stop; 250000.1% has more digits than a
    precision of 5 holds, and 1E+11% passes an Emax of 10)."""
    expected = _clean(lambda: _outcomes(_amount_cases()))
    assert _outcomes(_amount_cases()) == expected


# -- plans: roll-ups, validation, reports, reading and saving -------------------------------


def _extreme_plan() -> Plan:
    """A plan whose rates are large: 10亿项 against a target of 1项."""
    return Plan(
        id="extreme",
        title="丙县科技工作计划",
        kind=PlanKind.FIVE_YEAR,
        period=FiveYearPlan(11),
        sections=[
            Section(
                label="一、",
                title="目标与完成情况",
                items=[
                    Goal(indicator=WON, figure=Figure.parse("1项")),
                    Achievement(indicator=WON, figure=Figure.parse("10亿项")),
                    Goal(indicator=WON, figure=Figure.parse("3项以上"), period=None),
                ],
            )
        ],
    )


PLAN_TEXT = """青禾县科学技术局2025年工作要点
一、工作目标
全年新增高新技术企业15家，力争突破20家，研发经费投入增长12.5%。
二、重点任务
1.争取上级项目30项以上，资金共计159.3万元，其中国家级11万元，省级97万元，市级51.3万元。
2.培训农民2.1万人次，推广良种约3.5万亩。
三、2024年工作回顾
共争取项目12项，其中国家级2项、省级10项；一亿二千余万元用于平台建设。
"""


def _plan_cases() -> dict[str, Callable[[], Any]]:
    a, b = county_plans()
    demo = examples.load("篇3")
    plans = [a, b, demo, edited_plan_3(), _extreme_plan()]
    projects = [p for plan in plans for p in plan.projects()]
    walked = [e for plan in plans for e in plan.walk(Achievement)]
    cases: dict[str, Callable[[], Any]] = {
        "rollup": lambda: str(rollup(projects, by=("level", "year"))),
        "rollup by source": lambda: str(rollup(projects, by=("source",))),
        "rollup records": lambda: rollup(projects, by=("level",)).to_records(),
        "rollup total": lambda: repr(rollup(projects, by=("source",)).total),
        "rollup html": lambda: rollup(projects, by=("level",))._repr_html_(),
        "project values": lambda: [repr(project_value(p)) for p in projects],
        "combine": lambda: str(combine(plans)),
        "combine records": lambda: combine(plans).to_records(),
        "combined rollup": lambda: str(combine(plans).rollup(by=("level",))),
        "combined goals": lambda: str(combine(plans).goals),
        "over period": lambda: str(over_period(walked)),
        "over period records": lambda: over_period(walked).to_records(),
        "read plan": lambda: (read_plan(PLAN_TEXT).plan, read_plan(PLAN_TEXT).describe()),
        "find figures": lambda: [repr(f) for f in find_figures(PLAN_TEXT)],
        "pickle": lambda: pickle.loads(pickle.dumps(demo)) == demo,
        "to_data": lambda: from_data(to_data(a)) == a,
    }
    for k, plan in enumerate(plans):
        cases[f"validate {k}"] = lambda p=plan: [str(f) for f in validate(p).findings]
        cases[f"summary {k}"] = lambda p=plan: str(summarize(p))
        cases[f"summary html {k}"] = lambda p=plan: summarize(p).to_html()
        cases[f"summary markdown {k}"] = lambda p=plan: summarize(p).to_markdown()
        cases[f"dumps {k}"] = lambda p=plan: dumps(p)
        cases[f"loads {k}"] = lambda p=plan: loads(dumps(p)) == p
    cases["summary of several"] = lambda: summarize([a, b, _extreme_plan()]).to_html()
    return cases


@pytest.fixture(scope="module")
def plan_outcomes() -> dict[str, Any]:
    return _clean(lambda: _outcomes(_plan_cases()))


def test_rollups_validation_reports_reading_and_saving_are_as_under_the_default_context(
    hostile: decimal.Context, plan_outcomes: dict[str, Any]
) -> None:
    """rollup(), combine(), over_period(), validate(), summarize() with str(),
    to_html() and to_markdown(), read_plan(), dumps()/loads() on the demo plan, the
    report tests' plans and a plan of large rates give what they give under the default
    context."""
    assert _outcomes(_plan_cases()) == plan_outcomes


# -- properties --------------------------------------------------------------------------------


@st.composite
def hostile_contexts(draw: st.DrawFn) -> decimal.Context:
    """A context a caller might hold: a low precision, any rounding, small exponent
    limits, exponents clamped, a lower-case "e", any of the signals trapped."""
    signals = [
        decimal.Inexact,
        decimal.Rounded,
        decimal.Subnormal,
        decimal.Underflow,
        decimal.Clamped,
        decimal.Overflow,
        decimal.InvalidOperation,
        decimal.DivisionByZero,
    ]
    roundings = [
        decimal.ROUND_DOWN,
        decimal.ROUND_HALF_UP,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_CEILING,
        decimal.ROUND_FLOOR,
        decimal.ROUND_UP,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_05UP,
    ]
    emax = draw(st.integers(1, 30))
    return decimal.Context(
        prec=draw(st.integers(1, 6)),
        rounding=draw(st.sampled_from(roundings)),
        Emax=emax,
        Emin=-draw(st.integers(1, 30)),
        clamp=draw(st.integers(0, 1)),
        capitals=draw(st.integers(0, 1)),
        traps=draw(st.lists(st.sampled_from(signals), unique=True)),
    )


def _amount_results(amounts: list[Money], k: int) -> Any:
    first, rest = amounts[0], amounts[1:]
    results: list[Any] = [repr(total(amounts)), repr(total(amounts, unit="元")), repr(sum(amounts))]
    results += [repr(m * k) for m in amounts] + [repr(m.compact()) for m in amounts]
    results += [repr(first - m) for m in rest]
    for m in rest:
        if m:
            results += [
                first / m,  # a Decimal: its repr would follow the context's capitals
                percent(Quantity(_in_percent(first, m), "%")),
            ]
            if m.magnitude > 0:
                results.append(percent(growth(first, m)))
                results.append(str(attainment(Figure.exact(m), Figure.exact(first))))
    return results


@given(
    st.lists(money(signed=True), min_size=2, max_size=6),
    st.integers(-1000, 1000),
    hostile_contexts(),
)
def test_amounts_summed_multiplied_and_compared_ignore_a_random_context(
    amounts: list[Money], k: int, ctx: decimal.Context
) -> None:
    """Random amounts summed, multiplied, compacted, divided and turned into rates
    under a random hostile context give what they give under the default one, and the
    context is left as it was."""
    expected = _clean(lambda: _outcome(lambda: _amount_results(amounts, k)))
    before = _state(ctx)
    with decimal.localcontext(ctx) as inside:
        got = _outcome(lambda: _amount_results(amounts, k))
        assert _state(inside) == before
    assert got == expected


@given(checked_plans(), plan_texts(), hostile_contexts())
def test_plans_validated_reported_and_read_ignore_a_random_context(
    plan: Plan, written: Any, ctx: decimal.Context
) -> None:
    """validate() and summarize() of generated plans, and read_plan() of generated plan
    texts, under a random hostile context give what they give under the default one."""

    def results() -> Any:
        report = summarize(plan)
        return (
            [str(f) for f in validate(plan).findings],
            str(report),
            report.to_html(),
            read_plan(written.text).plan,
        )

    expected = _clean(lambda: _outcome(results))
    before = _state(ctx)
    with decimal.localcontext(ctx) as inside:
        got = _outcome(results)
        assert _state(inside) == before
    assert got == expected


# -- past the library's precision ----------------------------------------------------------------


def _times_a_power_of_ten(m: Quantity) -> Quantity:
    return m * Decimal("1E+27")


def _doubled(m: Quantity) -> Quantity:
    return m + m


def _totalled(m: Quantity) -> Quantity:
    return total([m, m, m])


def _differenced(m: Quantity) -> Quantity:
    return m - (-m)


def _again_and_again(step: Callable[[Quantity], Quantity], m: Quantity) -> Quantity:
    for _ in range(5000):
        m = step(m)
    return m


@pytest.mark.parametrize("step", [_times_a_power_of_ten, _doubled, _totalled, _differenced])
def test_repeated_arithmetic_past_the_precision_raises_inexact_result_error(
    step: Callable[[Quantity], Quantity],
) -> None:
    """An amount multiplied by 10²⁷, doubled, totalled or differenced again and again
    outgrows the 1000 digits of exact arithmetic: the library's InexactResultError says
    so, never a raw InvalidOperation, Inexact or Rounded."""
    with pytest.raises(InexactResultError) as raised:
        _again_and_again(step, Money("9.5", "元"))
    assert not isinstance(raised.value, decimal.DecimalException)
    assert "no exact decimal result" in str(raised.value)


def test_repeated_multiplication_past_the_precision_raises_the_same_under_a_hostile_context(
    hostile: decimal.Context,
) -> None:
    """Under a hostile context too, an amount that outgrows the precision raises
    InexactResultError at the same step as under the default one."""

    def steps() -> list[tuple[int, str]]:
        found = []
        for step in (_times_a_power_of_ten, _doubled):
            m: Quantity = Quantity("3", "万人次")
            for k in range(5000):
                try:
                    m = step(m)
                except InexactResultError as e:
                    found.append((k, str(e)))
                    break
        return found

    expected = _clean(steps)
    assert len(expected) == 2
    assert steps() == expected
