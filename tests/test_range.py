"""Tests of ``sciplan_model.figure.Range`` and ``Qualifier.range``: what a figure allows
as an interval, sums of ranges, and the questions contains / overlaps / within."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciplan_model import (
    DEFAULT_TOLERANCE,
    Figure,
    InvalidValueError,
    Money,
    Qualifier,
    Quantity,
    Range,
    SciplanError,
    UnitMismatchError,
    UnknownUnitError,
    WrongTypeError,
)
from sciplan_model.strategies import figures as canonical_figures
from strategies import MONEY_UNITS, decimals, positive_magnitudes

Q = Quantity


def _r(text: str) -> Range:
    """The range of the figure written ``text``."""
    return Figure.parse(text).range


def _ends(r: Range) -> tuple[Quantity | None, Quantity | None, bool, bool, bool]:
    """A range's ends and flags, for exact comparison."""
    return (r.low, r.high, r.low_closed, r.high_closed, r.is_known)


# --- Qualifier.range, member by member -----------------------------------------------------


@pytest.mark.parametrize(
    ("qualifier", "value", "low", "high", "low_closed", "high_closed", "shown"),
    [
        (Qualifier.EXACT, Q("36", "项"), Q("36", "项"), Q("36", "项"), True, True, "[36项, 36项]"),
        (Qualifier.AT_LEAST, Q("30", "家"), Q("30", "家"), None, True, False, "[30家, ∞)"),
        (Qualifier.MORE_THAN, Q("30", "家"), Q("30", "家"), None, False, False, "(30家, ∞)"),
        (Qualifier.AT_MOST, Q("30", "家"), None, Q("30", "家"), False, True, "(-∞, 30家]"),
        (Qualifier.LESS_THAN, Q("30", "家"), None, Q("30", "家"), False, False, "(-∞, 30家)"),
        (
            Qualifier.AT_MOST,
            Money("-5", "万元"),
            None,
            Money("-5", "万元"),
            False,
            True,
            "(-∞, -5万元]",
        ),
        (
            Qualifier.LESS_THAN,
            Money("-5", "万元"),
            None,
            Money("-5", "万元"),
            False,
            False,
            "(-∞, -5万元)",
        ),
        (
            Qualifier.ODD,
            Q("600", "家"),
            Q("600", "家"),
            Q("700", "家"),
            False,
            False,
            "(600家, 700家)",
        ),
        (
            Qualifier.ODD,
            Q("130", "家"),
            Q("130", "家"),
            Q("140", "家"),
            False,
            False,
            "(130家, 140家)",
        ),
        (
            Qualifier.ODD,
            Q("2", "万人次"),
            Q("2", "万人次"),
            Q("3", "万人次"),
            False,
            False,
            "(2万人次, 3万人次)",
        ),
        (
            Qualifier.ODD,
            Money("5.5", "万元"),
            Money("5.5", "万元"),
            Money("5.6", "万元"),
            False,
            False,
            "(5.5万元, 5.6万元)",
        ),
        (Qualifier.ODD, Q("10", "家"), Q("10", "家"), Q("20", "家"), False, False, "(10家, 20家)"),
        (
            Qualifier.ODD,
            Q("1500", "件"),
            Q("1500", "件"),
            Q("1600", "件"),
            False,
            False,
            "(1500件, 1600件)",
        ),
        (
            Qualifier.ODD,
            Q("1000", "人"),
            Q("1000", "人"),
            Q("2000", "人"),
            False,
            False,
            "(1000人, 2000人)",
        ),
        (
            Qualifier.ODD,
            Q("0.05", "亩"),
            Q("0.05", "亩"),
            Q("0.06", "亩"),
            False,
            False,
            "(0.05亩, 0.06亩)",
        ),
        (
            Qualifier.NEARLY,
            Money("5.5", "亿元"),
            Money("5.225", "亿元"),
            Money("5.5", "亿元"),
            True,
            False,
            "[5.225亿元, 5.5亿元)",
        ),
        (
            Qualifier.NEARLY,
            Q("100", "人"),
            Q("95", "人"),
            Q("100", "人"),
            True,
            False,
            "[95人, 100人)",
        ),
        (
            Qualifier.ABOUT,
            Q("100", "人"),
            Q("95", "人"),
            Q("105", "人"),
            True,
            True,
            "[95人, 105人]",
        ),
        (
            Qualifier.ABOUT,
            Q("2", "万人次"),
            Q("1.9", "万人次"),
            Q("2.1", "万人次"),
            True,
            True,
            "[1.9万人次, 2.1万人次]",
        ),
    ],
)
def test_each_qualifier_makes_its_range(
    qualifier: Qualifier,
    value: Quantity,
    low: Quantity | None,
    high: Quantity | None,
    low_closed: bool,
    high_closed: bool,
    shown: str,
) -> None:
    """Each Qualifier makes the range of the issue's table, with its ends open or closed."""
    r = qualifier.range(value)
    assert r.low == low
    assert r.high == high
    assert r.low_closed is low_closed
    assert r.high_closed is high_closed
    assert r.is_known is True
    assert str(r) == shown
    assert r == Range(low, high, low_closed, high_closed)


def test_the_range_qualifier_spans_its_ends() -> None:
    """RANGE spans [a, b], both ends closed, even in different units of one thing."""
    r = Qualifier.RANGE.range(Money("3", "亿元"), Money("5", "亿元"))
    assert _ends(r) == (Money("3", "亿元"), Money("5", "亿元"), True, True, True)
    mixed = Qualifier.RANGE.range(Money("3", "万元"), Money("5", "亿元"))
    assert _ends(mixed) == (Money("30000", "元"), Money("500000000", "元"), True, True, True)
    assert str(mixed) == "[3万元, 5亿元]"


def test_the_unknown_qualifier_knows_nothing() -> None:
    """UNKNOWN (20xx) makes a range that is not known and keeps only its unit."""
    r = Qualifier.UNKNOWN.range(None, unit="万元")
    assert r.is_known is False
    assert (r.low, r.high) == (None, None)
    assert r.unit == "万元"
    assert r == Range.unknown("万元")
    assert str(r) == "unknown 万元"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("36项", "[36项, 36项]"),
        ("2万人次以上", "[2万人次, ∞)"),
        ("不少于30家", "[30家, ∞)"),
        ("超过100人", "(100人, ∞)"),
        ("突破1500件", "(1500件, ∞)"),
        ("100人以内", "(-∞, 100人]"),
        ("不超过5项", "(-∞, 5项]"),
        ("不满10人", "(-∞, 10人)"),
        ("不足20人", "(-∞, 20人)"),
        ("600余家", "(600家, 700家)"),
        ("130多家", "(130家, 140家)"),
        ("30多场次", "(30场次, 40场次)"),
        ("2万余人次", "(2万人次, 3万人次)"),
        ("5.5余万元", "(5.5万元, 5.6万元)"),
        ("近5.5亿元", "[5.225亿元, 5.5亿元)"),
        ("接近50家", "[47.5家, 50家)"),
        ("约100人", "[95人, 105人]"),
        ("100人左右", "[95人, 105人]"),
        ("一至二门", "[1门, 2门]"),
        ("3-5亿元", "[3亿元, 5亿元]"),
        ("3～5亿元", "[3亿元, 5亿元]"),
        ("20xx万元", "unknown 万元"),
        ("力争突破1500件", "(1500件, ∞)"),
    ],
)
def test_a_figure_as_written_means_its_range(text: str, shown: str) -> None:
    """Figure.range is its qualifier's range of its value, with the default tolerance."""
    f = Figure.parse(text)
    assert str(f.range) == shown
    assert f.range == f.qualifier.range(f.value, f.upper, unit=f.unit)


def test_the_default_tolerance_is_five_percent() -> None:
    """约 and 近 reach DEFAULT_TOLERANCE, 5 %, unless told otherwise."""
    assert Decimal("0.05") == DEFAULT_TOLERANCE
    assert type(DEFAULT_TOLERANCE) is Decimal
    assert Figure.parse("约100人").range == Qualifier.ABOUT.range(
        Q("100", "人"), tolerance=DEFAULT_TOLERANCE
    )


@pytest.mark.parametrize(
    ("text", "tolerance", "shown"),
    [
        ("约100人", Decimal("0.1"), "[90人, 110人]"),
        ("约100人", Decimal("0.2"), "[80人, 120人]"),
        ("约100人", Decimal(0), "[100人, 100人]"),
        ("约2万人次", Decimal("0.1"), "[1.8万人次, 2.2万人次]"),
        ("近5.5亿元", Decimal("0.2"), "[4.4亿元, 5.5亿元)"),
        ("近100人", Decimal("0.1"), "[90人, 100人)"),
        ("100人以上", Decimal("0.2"), "[100人, ∞)"),
        ("600余家", Decimal("0.2"), "(600家, 700家)"),
        ("36项", Decimal("0.2"), "[36项, 36项]"),
        ("3-5亿元", Decimal("0.2"), "[3亿元, 5亿元]"),
        ("20xx万元", Decimal("0.2"), "unknown 万元"),
    ],
)
def test_an_explicit_tolerance(text: str, tolerance: Decimal, shown: str) -> None:
    """Figure.to_range(t) lets 约 and 近 reach t; other qualifiers ignore it."""
    f = Figure.parse(text)
    assert str(f.to_range(tolerance)) == shown
    assert f.to_range(tolerance) == f.qualifier.range(
        f.value, f.upper, unit=f.unit, tolerance=tolerance
    )


def test_a_tolerance_may_be_a_string_but_not_a_float() -> None:
    """A tolerance is exact: "0.1" is welcome, 0.1 (a float) is a TypeError."""
    assert str(Qualifier.ABOUT.range(Q("100", "人"), tolerance="0.1")) == "[90人, 110人]"  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError) as excinfo:
        Qualifier.ABOUT.range(Q("100", "人"), tolerance=0.1)  # type: ignore[arg-type]
    assert isinstance(excinfo.value, TypeError)
    assert str(excinfo.value) == "tolerance must be an int, str or Decimal, not float"


def test_about_a_negative_figure_reaches_both_sides() -> None:
    """约 a negative amount (a deficit) still reaches t either side of it."""
    r = Qualifier.ABOUT.range(Money("-100", "万元"))
    assert r.low == Money("-105", "万元")
    assert r.high == Money("-95", "万元")
    assert r.contains(Money("-100", "万元")) is True


def test_the_range_qualifier_needs_its_upper_end() -> None:
    """RANGE without its upper end is an InvalidValueError."""
    with pytest.raises(InvalidValueError) as excinfo:
        Qualifier.RANGE.range(Q("3", "项"))
    assert str(excinfo.value) == "invalid figure: a RANGE figure needs its upper end"


@pytest.mark.parametrize("qualifier", [Qualifier.EXACT, Qualifier.ODD, Qualifier.RANGE])
def test_a_qualifier_that_needs_a_value_refuses_none(qualifier: Qualifier) -> None:
    """EXACT, ODD and RANGE need a value to make a range of."""
    with pytest.raises(InvalidValueError) as excinfo:
        qualifier.range(None, unit="项")
    assert isinstance(excinfo.value, ValueError)
    assert excinfo.value.what == "figure"
    assert excinfo.value.reason == f"qualifier {qualifier.name} needs a value"


@pytest.mark.parametrize(
    "qualifier",
    [
        Qualifier.AT_LEAST,
        Qualifier.MORE_THAN,
        Qualifier.AT_MOST,
        Qualifier.LESS_THAN,
        Qualifier.NEARLY,
        Qualifier.ABOUT,
        Qualifier.UNKNOWN,
    ],
)
def test_a_qualified_placeholder_has_an_unknown_range(qualifier: Qualifier) -> None:
    """A qualifier on a placeholder (20xx万元以上) keeps it, and its range is not known."""
    r = qualifier.range(None, unit="万元")
    assert not r.is_known
    assert r.unit == "万元"


# --- building ranges -----------------------------------------------------------------------


def test_a_point_range() -> None:
    """Range.point(q) holds q alone: both ends q, closed."""
    r = Range.point(Q("36", "项"))
    assert _ends(r) == (Q("36", "项"), Q("36", "项"), True, True, True)
    assert r.is_point is True
    assert r.is_empty is False
    assert r.unit == "项"
    assert r.dimension == "[项]"


def test_an_empty_range() -> None:
    """[x, x) holds nothing: it is empty and not a point."""
    r = Range(Q("5", "项"), Q("5", "项"), True, False)
    assert r.is_empty is True
    assert r.contains(Q("5", "项")) is False


def test_an_unbounded_end_is_open() -> None:
    """An end at infinity is never closed, whatever was asked."""
    r = Range(Q("5", "项"), None, True, True)
    assert (r.low_closed, r.high_closed) == (True, False)
    r = Range(None, Q("5", "项"), True, True)
    assert (r.low_closed, r.high_closed) == (False, True)


def test_a_range_takes_its_unit_from_its_ends() -> None:
    """A known range names the unit of its low end, or of its high end when unbounded below."""
    assert Range(Money("1", "万元"), Money("1", "亿元")).unit == "万元"
    assert Range(None, Money("1", "亿元")).unit == "亿元"
    assert Range(Money("1", "亿元"), None).dimension == "[money]"
    assert Range.unknown("万元").dimension == "[money]"


def test_ranges_compare_by_value() -> None:
    """Ranges are equal when their ends are equal in value and alike in openness."""
    assert Range.point(Money("1", "亿元")) == Range.point(Money("10000", "万元"))
    assert hash(Range.point(Money("1", "亿元"))) == hash(Range.point(Money("10000", "万元")))
    assert Range(Q("1", "项"), Q("2", "项")) != Range(Q("1", "项"), Q("2", "项"), True, False)
    assert Range.unknown("万元") != Range.point(Money("1", "万元"))


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (
            lambda: Range(Q("5", "项"), Q("3", "项")),
            InvalidValueError,
            "invalid range: its low end 5项 is above 3项",
        ),
        (
            lambda: Range(Money("1", "亿元"), Money("9999", "万元")),
            InvalidValueError,
            "invalid range: its low end 1亿元 is above 9999万元",
        ),
        (
            lambda: Range(Q("5", "项"), Q("3", "家")),
            UnitMismatchError,
            "cannot make a range of '项' and '家': they are units of different things",
        ),
        (
            lambda: Range(Money("5", "万元"), Q("6", "人次")),
            UnitMismatchError,
            "cannot make a range of '万元' and '人次': they are units of different things",
        ),
        (
            lambda: Range(Q("5", "项"), None, is_known=False, unit="项"),
            InvalidValueError,
            "invalid range: an unknown range has no ends",
        ),
        (
            lambda: Range(None, None, is_known=False),
            InvalidValueError,
            "invalid range: an unknown range needs its unit",
        ),
        (
            lambda: Range(5, 6),  # type: ignore[arg-type]
            WrongTypeError,
            "a range's end must be a Quantity or None, not int",
        ),
        (
            lambda: Range(Q("5", "项"), "6项"),  # type: ignore[arg-type]
            WrongTypeError,
            "a range's end must be a Quantity or None, not str",
        ),
        (lambda: Range.unknown("卢布"), UnknownUnitError, "unknown unit '卢布'"),
    ],
)
def test_impossible_ranges_are_refused(
    make: Callable[[], Range], error: type[Exception], message: str
) -> None:
    """A range whose ends are out of order, of two things, or of the wrong type is refused."""
    with pytest.raises(error) as excinfo:
        make()
    assert isinstance(excinfo.value, SciplanError)
    assert str(excinfo.value) == message


def test_range_errors_are_builtin_errors_too() -> None:
    """Range errors are ValueError (bad values) or TypeError (mismatched units)."""
    with pytest.raises(ValueError, match="above"):
        Range(Q("5", "项"), Q("3", "项"))
    with pytest.raises(TypeError, match="different things"):
        Range(Q("5", "项"), Q("6", "家"))


# --- sums of ranges ------------------------------------------------------------------------

_ONE_TWO = Range(Q("1", "项"), Q("2", "项"))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (_ONE_TWO, Range(Q("3", "项"), Q("4", "项")), "[4项, 6项]"),
        (
            Range(Q("1", "项"), Q("2", "项"), True, False),
            Range(Q("3", "项"), Q("4", "项")),
            "[4项, 6项)",
        ),
        (
            Range(Q("1", "项"), Q("2", "项"), False, True),
            Range(Q("3", "项"), Q("4", "项")),
            "(4项, 6项]",
        ),
        (
            Range(Q("1", "项"), Q("2", "项"), False, False),
            Range(Q("3", "项"), Q("4", "项"), False, False),
            "(4项, 6项)",
        ),
        (_r("1项以上"), Range(Q("3", "项"), Q("4", "项")), "[4项, ∞)"),
        (_r("超过1项"), Range(Q("3", "项"), Q("4", "项")), "(4项, ∞)"),
        (_r("1项以上"), _r("超过3项"), "(4项, ∞)"),
        (_r("2项以下"), Range(Q("3", "项"), Q("4", "项")), "(-∞, 6项]"),
        (_r("不满2项"), _r("4项以下"), "(-∞, 6项)"),
        (_r("100家以下"), _r("30家以上"), "(-∞, ∞)"),
        (Range(None, Q("2", "项")), Range(Q("3", "项"), Q("4", "项")), "(-∞, 6项]"),
        (Range(None, Q("2", "项"), False, False), Range(None, Q("4", "项")), "(-∞, 6项)"),
        (_r("600余家"), _r("30家"), "(630家, 730家)"),
        (_r("600余家"), _r("30家以上"), "(630家, ∞)"),
        (_r("约100人"), _r("近100人"), "[190人, 205人)"),
        (_r("3-5亿元"), _r("1至2万元"), "[30001万元, 50002万元]"),
        (
            Range.point(Money("1", "亿元")),
            Range.point(Money("1", "万元")),
            "[10001万元, 10001万元]",
        ),
    ],
)
def test_sums_add_ends(a: Range, b: Range, expected: str) -> None:
    """Ends add; an end is closed only if both are; an unbounded end stays unbounded."""
    assert str(a + b) == expected
    assert str(b + a) == expected
    assert a + b == b + a


def test_a_sum_keeps_closedness_exactly() -> None:
    """The flags of a sum are the logical 'and' of the flags of its terms."""
    total = Range(Q("1", "项"), Q("2", "项"), True, False) + Range(
        Q("3", "项"), Q("4", "项"), False, True
    )
    assert _ends(total) == (Q("4", "项"), Q("6", "项"), False, False, True)


def test_unbounded_below_plus_unbounded_above_is_everything() -> None:
    """(-∞, a] + [b, ∞) is unbounded both ways: still a known range, holding every value."""
    total = Range(None, Q("100", "家")) + Range(Q("30", "家"), None)
    assert total.is_known is True
    assert (total.low, total.high) == (None, None)
    assert total.unit == "家"
    assert str(total) == "(-∞, ∞)"
    assert total.contains(Q("-1000000", "家")) is True
    assert total.contains(Q("1000000", "家")) is True


@pytest.mark.parametrize(
    ("a", "b", "unit"),
    [
        (Range.unknown("万元"), Range.point(Money("1", "亿元")), "万元"),
        (Range.point(Money("1", "亿元")), Range.unknown("万元"), "万元"),
        (Range.unknown("亿元"), Range.point(Money("1", "万元")), "万元"),
        (Range.unknown("亿元"), _r("5万元以上"), "万元"),
        (Range.unknown("万元"), Range.unknown("元"), "元"),
        (_r("20xx项"), _r("36项"), "项"),
    ],
)
def test_unknown_is_contagious(a: Range, b: Range, unit: str) -> None:
    """A sum with an unknown range is unknown, in the finer of the two units."""
    total = a + b
    assert total.is_known is False
    assert (total.low, total.high) == (None, None)
    assert total.unit == unit
    assert str(total) == f"unknown {unit}"


def test_a_range_plus_a_quantity() -> None:
    """Adding a quantity adds its point range, on either side."""
    r = _r("600余家")
    assert r + Q("30", "家") == r + Range.point(Q("30", "家"))
    assert Q("30", "家") + r == r + Range.point(Q("30", "家"))
    assert str(r + Q("30", "家")) == "(630家, 730家)"
    assert str(Money("1", "亿元") + Range.point(Money("1", "万元"))) == "[10001万元, 10001万元]"
    assert (Range.unknown("万元") + Money("5", "万元")).is_known is False


def test_sum_of_ranges_starts_from_zero() -> None:
    """sum() works on ranges: 0 is its start, as for quantities."""
    ranges = [_r(t) for t in ("600余家", "30家", "约100家")]
    assert str(sum(ranges)) == "(725家, 835家)"
    assert sum(ranges) == ranges[0] + ranges[1] + ranges[2]
    assert 0 + ranges[0] == ranges[0]
    assert sum([_r("20xx万元"), _r("159.3万元")]).is_known is False


@pytest.mark.parametrize(
    "statement",
    [
        ("5项", "24项", "7项", "36项"),
        ("11万元", "97万元", "51.3万元", "159.3万元"),
    ],
)
def test_sums_of_exact_figures_are_exact(statement: tuple[str, ...]) -> None:
    """A breakdown of exact figures sums to the exact point of its total."""
    *parts, whole = statement
    assert sum(_r(t) for t in parts) == _r(whole)
    assert sum(_r(t) for t in parts).is_point is True


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        (Range.point(Money("1", "亿元")), Range.point(Q("1", "项")), "cannot add '亿元' and '项'"),
        (Range.point(Q("1", "项")), Q("1", "家"), "cannot add '项' and '家'"),
        (Range.unknown("亿元"), Range.unknown("项"), "cannot add '亿元' and '项'"),
        (Range.point(Q("1", "人次")), Range.unknown("人"), "cannot add '人次' and '人'"),
    ],
)
def test_sums_across_dimensions_are_refused(a: Range, b: object, message: str) -> None:
    """Ranges of different things do not add: UnitMismatchError, even when unknown."""
    with pytest.raises(UnitMismatchError) as excinfo:
        a + b  # type: ignore[operator]
    assert isinstance(excinfo.value, TypeError)
    assert str(excinfo.value) == f"{message}: they are units of different things"


@pytest.mark.parametrize("other", [1, Decimal(1), "1项", None, 0.0])
def test_a_range_does_not_add_plain_numbers(other: object) -> None:
    """A range plus a plain number is a TypeError (only the integer 0 on the left starts a sum)."""
    r = Range.point(Q("1", "项"))
    with pytest.raises(TypeError):
        r + other  # type: ignore[operator]
    with pytest.raises(TypeError):
        other + r  # type: ignore[operator]


# --- contains --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "inside"),
    [
        ("36项", Q("36", "项"), True),
        ("36项", Q("35", "项"), False),
        ("2万人次以上", Q("20000", "人次"), True),
        ("2万人次以上", Q("19999", "人次"), False),
        ("2万人次以上", Q("1", "亿人次"), True),
        ("超过1500件", Q("1500", "件"), False),
        ("超过1500件", Q("1501", "件"), True),
        ("100人以下", Q("100", "人"), True),
        ("100人以下", Q("101", "人"), False),
        ("100人以下", Q("100", "名"), True),
        ("不满10人", Q("10", "人"), False),
        ("不满10人", Q("9", "人"), True),
        ("600余家", Q("600", "家"), False),
        ("600余家", Q("601", "家"), True),
        ("600余家", Q("699", "家"), True),
        ("600余家", Q("700", "家"), False),
        ("2万余人次", Q("20001", "人次"), True),
        ("2万余人次", Q("3", "万人次"), False),
        ("近5.5亿元", Money("5.5", "亿元"), False),
        ("近5.5亿元", Money("52250", "万元"), True),
        ("近5.5亿元", Money("5.2", "亿元"), False),
        ("约100人", Q("95", "人"), True),
        ("约100人", Q("105", "人"), True),
        ("约100人", Q("94.9", "人"), False),
        ("约100人", Q("105.1", "人"), False),
        ("3-5亿元", Money("3", "亿元"), True),
        ("3-5亿元", Money("50000", "万元"), True),
        ("3-5亿元", Money("500000001", "元"), False),
        ("3-5亿元", Money("299999999", "元"), False),
    ],
)
def test_contains_respects_each_end(text: str, value: Quantity, inside: bool) -> None:
    """contains() holds closed ends and excludes open ones, in any unit of the same thing."""
    assert _r(text).contains(value) is inside


def test_an_unknown_range_cannot_say_what_it_contains() -> None:
    """An unknown range answers None, never True or False."""
    assert _r("20xx万元").contains(Money("1", "万元")) is None
    assert Range.unknown("项").contains(Q("0", "项")) is None


def test_contains_refuses_other_things() -> None:
    """contains() of another dimension is a UnitMismatchError, of a non-quantity a TypeError."""
    with pytest.raises(UnitMismatchError) as excinfo:
        _r("36项").contains(Q("36", "家"))
    assert str(excinfo.value) == "cannot compare '项' and '家': they are units of different things"
    with pytest.raises(UnitMismatchError):
        Range.unknown("项").contains(Q("36", "家"))
    with pytest.raises(WrongTypeError) as type_info:
        _r("36项").contains(36)  # type: ignore[arg-type]
    assert str(type_info.value) == "value must be a Quantity, not int"


# --- overlaps --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Range(Q("1", "项"), Q("2", "项")), Range(Q("2", "项"), Q("3", "项")), True),
        (Range(Q("1", "项"), Q("2", "项"), True, False), Range(Q("2", "项"), Q("3", "项")), False),
        (Range(Q("1", "项"), Q("2", "项")), Range(Q("2", "项"), Q("3", "项"), False, True), False),
        (Range(Q("1", "项"), Q("2", "项")), Range(Q("3", "项"), Q("4", "项")), False),
        (Range(Q("1", "项"), Q("5", "项")), Range(Q("2", "项"), Q("3", "项")), True),
        (_r("2项以下"), _r("2项以上"), True),
        (_r("不满2项"), _r("2项以上"), False),
        (_r("2项以下"), _r("超过2项"), False),
        (_r("2项以下"), _r("5项以下"), True),
        (_r("600余家"), _r("700家以上"), False),
        (_r("600余家"), _r("650家"), True),
        (_r("600余家"), _r("600家"), False),
        (_r("约2万人次"), _r("2万人次以上"), True),
        (_r("近2万人次"), _r("2万人次以上"), False),
        (_r("近2万人次"), _r("19000人次以下"), True),
        (Range(Q("5", "项"), Q("5", "项"), True, False), _r("5项"), False),
        (Range(Q("5", "项"), Q("5", "项"), True, False), _r("3至8项"), False),
    ],
)
def test_overlaps_at_the_ends(a: Range, b: Range, expected: bool) -> None:
    """Ranges overlap when some value lies in both: touching closed ends do, open ones don't."""
    assert a.overlaps(b) is expected
    assert b.overlaps(a) is expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (Range.unknown("万元"), _r("5万元")),
        (_r("5万元以上"), _r("20xx万元")),
        (Range.unknown("万元"), Range.unknown("亿元")),
    ],
)
def test_unknown_ranges_cannot_say_whether_they_overlap(a: Range, b: Range) -> None:
    """overlaps() with an unknown range answers None."""
    assert a.overlaps(b) is None
    assert b.overlaps(a) is None


def test_overlaps_of_different_dimensions_is_refused() -> None:
    """overlaps() across dimensions is a UnitMismatchError."""
    with pytest.raises(UnitMismatchError) as excinfo:
        _r("5项").overlaps(_r("5家"))
    assert str(excinfo.value) == "cannot compare '项' and '家': they are units of different things"


@pytest.mark.parametrize("method", ["overlaps", "within"])
@pytest.mark.parametrize("other", [5, Q("5", "项")])
def test_questions_refuse_what_is_not_a_range(method: str, other: object) -> None:
    """overlaps()/within() of something that is not a Range is our TypeError, not an AttributeError."""
    with pytest.raises(TypeError) as excinfo:
        getattr(_r("5项"), method)(other)
    assert isinstance(excinfo.value, SciplanError)


# --- within ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (_r("2万余人次"), _r("2万人次以上"), True),
        (_r("约2万人次"), _r("2万人次以上"), False),
        (_r("2万人次"), _r("2万人次以上"), True),
        (_r("2万人次"), _r("超过2万人次"), False),
        (_r("2万余人次"), _r("超过2万人次"), True),
        (Range(Q("2", "项"), Q("3", "项")), Range(Q("2", "项"), Q("3", "项")), True),
        (Range(Q("2", "项"), Q("3", "项")), Range(Q("2", "项"), Q("3", "项"), False, True), False),
        (Range(Q("2", "项"), Q("3", "项")), Range(Q("2", "项"), Q("3", "项"), True, False), False),
        (Range(Q("2", "项"), Q("3", "项"), False, True), Range(Q("2", "项"), Q("3", "项")), True),
        (_r("2项以上"), _r("1项以上"), True),
        (_r("1项以上"), _r("1至5项"), False),
        (_r("3项以下"), _r("不满3项"), False),
        (_r("不满3项"), _r("3项以下"), True),
        (_r("3项以下"), _r("1项以上"), False),
        (_r("600余家"), _r("600至700家"), True),
        (_r("600至700家"), _r("600余家"), False),
        (_r("近100人"), _r("约100人"), True),
        (_r("约100人"), _r("近100人"), False),
        (Range(Q("5", "项"), Q("5", "项"), True, False), _r("7项"), True),
    ],
)
def test_within_at_the_ends(a: Range, b: Range, expected: bool) -> None:
    """within() holds when every value of one range lies in the other, ends included."""
    assert a.within(b) is expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (_r("20xx人次"), _r("2万人次以上")),
        (_r("2万人次"), _r("20xx人次")),
        (Range.unknown("人次"), Range.unknown("万人次")),
    ],
)
def test_unknown_ranges_cannot_say_whether_within(a: Range, b: Range) -> None:
    """within() with an unknown range (a 20xx target or actual) answers None."""
    assert a.within(b) is None


def test_within_of_different_dimensions_is_refused() -> None:
    """within() across dimensions is a UnitMismatchError."""
    with pytest.raises(UnitMismatchError) as excinfo:
        _r("5万元").within(_r("5项以上"))
    assert (
        str(excinfo.value) == "cannot compare '万元' and '项': they are units of different things"
    )


# --- str and repr ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("r", "shown"),
    [
        (Range.point(Q("36", "项")), "[36项, 36项]"),
        (Range(Q("1", "项"), Q("2", "项"), False, True), "(1项, 2项]"),
        (Range(Money("3", "万元"), Money("5", "亿元"), True, False), "[3万元, 5亿元)"),
        (Range(None, Q("2", "项")), "(-∞, 2项]"),
        (Range(Q("2", "项"), None), "[2项, ∞)"),
        (Range(Q("-2", "项"), None, False), "(-2项, ∞)"),
        (Range.unknown("万元"), "unknown 万元"),
        (Range.point(Money("1593000", "元")), "[1593000元, 1593000元]"),
    ],
)
def test_str_and_repr(r: Range, shown: str) -> None:
    """str() writes interval notation with ∞ for an open end; repr() wraps it in Range('…')."""
    assert str(r) == shown
    assert repr(r) == f"Range({shown!r})"


# --- properties ------------------------------------------------------------------------------

_KNOWN = tuple(q for q in Qualifier if q is not Qualifier.UNKNOWN)


@st.composite
def money_figures(draw: st.DrawFn) -> Figure:
    """A known money figure in any currency unit, with any qualifier but UNKNOWN."""
    qualifier = draw(st.sampled_from(_KNOWN))
    value = Money(draw(positive_magnitudes()), draw(st.sampled_from(MONEY_UNITS)))
    if qualifier is Qualifier.RANGE:
        other = Money(draw(positive_magnitudes()), draw(st.sampled_from(MONEY_UNITS)))
        low, high = sorted((value, other))
        return Figure(low, high.unit, qualifier, upper=high)
    return Figure(value, qualifier=qualifier)


@st.composite
def half_lines(draw: st.DrawFn) -> Range:
    """A money range unbounded on one side, its finite end open or closed, of any sign."""
    end = Money(
        draw(decimals(max_digits=9, places=3, signed=True)), draw(st.sampled_from(MONEY_UNITS))
    )
    closed = draw(st.booleans())
    if draw(st.booleans()):
        return Range(end, None, closed, False)
    return Range(None, end, False, closed)


def money_ranges() -> st.SearchStrategy[Range]:
    """Known money ranges: those of qualified figures, and half-lines either way."""
    return st.one_of(money_figures().map(lambda f: f.range), half_lines())


_STEPS = 1000


@st.composite
def members(draw: st.DrawFn, r: Range) -> Quantity:
    """A value inside the known range ``r``: at a closed end, between the ends, or beyond
    the finite end of an unbounded range."""
    low, high = r.low, r.high
    if low is not None and high is not None:
        if low == high:
            return low
        k = draw(st.integers(0 if r.low_closed else 1, _STEPS if r.high_closed else _STEPS - 1))
        return low + (high - low) * k / _STEPS
    beyond = draw(decimals(max_digits=9, places=3))
    if low is not None:
        if beyond == 0 and not r.low_closed:
            beyond = Decimal("0.001")
        return low + Quantity(beyond, low.unit)
    assert high is not None
    if beyond == 0 and not r.high_closed:
        beyond = Decimal("0.001")
    return high - Quantity(beyond, high.unit)


@given(st.lists(money_ranges(), min_size=1, max_size=8), st.data())
def test_a_sum_of_ranges_contains_every_sum_of_members(
    ranges: list[Range], data: st.DataObject
) -> None:
    """Pick one value from each range: the sum of the picks lies in the sum of the ranges."""
    picks = [data.draw(members(r)) for r in ranges]
    for r, pick in zip(ranges, picks, strict=True):
        assert r.contains(pick) is True
    assert sum(ranges).contains(sum(picks)) is True


@given(st.lists(money_ranges(), min_size=1, max_size=8), st.data())
def test_a_known_sum_is_independent_of_order(ranges: list[Range], data: st.DataObject) -> None:
    """Summing known ranges in any order gives the same range."""
    shuffled = data.draw(st.permutations(ranges))
    assert sum(shuffled) == sum(ranges)
    assert sum(reversed(ranges)) == sum(ranges)


@given(st.lists(money_ranges(), max_size=5), st.sampled_from(MONEY_UNITS), st.data())
def test_one_unknown_makes_any_sum_unknown(
    ranges: list[Range], unit: str, data: st.DataObject
) -> None:
    """Wherever an unknown range stands in a sum, the sum is unknown."""
    at = data.draw(st.integers(0, len(ranges)))
    ranges.insert(at, Range.unknown(unit))
    total = sum(ranges)
    assert total.is_known is False
    assert total.contains(Money("0", "元")) is None


@st.composite
def ranges_and_values(draw: st.DrawFn) -> tuple[Range, Quantity]:
    """A figure's range, and a value of its unit: at an end, inside, or anywhere."""
    r = draw(st.one_of(canonical_figures().map(lambda f: f.range), half_lines()))
    candidates = [st.builds(Quantity, decimals(signed=True), st.just(r.unit))]
    candidates += [st.just(end) for end in (r.low, r.high) if end is not None]
    if r.is_known:
        candidates.append(members(r))
    return r, draw(st.one_of(candidates))


@given(ranges_and_values())
def test_contains_agrees_with_within_a_point(case: tuple[Range, Quantity]) -> None:
    """r.contains(x) says the same as Range.point(x).within(r) and as overlapping it."""
    r, x = case
    assert r.contains(x) == Range.point(x).within(r)
    assert r.contains(x) == Range.point(x).overlaps(r)


def test_unknown_ranges_of_different_dimensions_differ() -> None:
    """Unknown ranges compare by their unit's dimension: 万元 and 亿元 alike, 项 apart."""
    assert Range.unknown("万元") == Range.unknown("亿元")
    assert Range.unknown("万元") != Range.unknown("项")
    assert hash(Range.unknown("万元")) == hash(Range.unknown("亿元"))


def test_a_range_unit_must_measure_what_its_ends_measure() -> None:
    """A unit given with ends must be of the ends' dimension."""
    with pytest.raises(UnitMismatchError):
        Range(Money("1", "万元"), None, unit="项")
    assert Range(Money("1", "万元"), None, unit="元").unit == "元"
