"""Tests of sciplan_model.period: years, placeholder years and five-year plans."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciplan_model import (
    FiveYearPlan,
    InvalidValueError,
    PeriodParseError,
    SciplanError,
    WrongTypeError,
    Year,
)
from sciplan_model.numerals import to_chinese_numeral

_CN_DIGITS = "〇一二三四五六七八九"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _period_refusal(parse: object, text: str) -> PeriodParseError:
    """Call ``parse(text)``, expecting a PeriodParseError, and return it."""
    with pytest.raises(PeriodParseError) as excinfo:
        parse(text)  # type: ignore[operator]
    return excinfo.value


def _assert_refused(parse: object, text: str, position: int, reason: str) -> None:
    """``parse(text)`` raises a PeriodParseError (a ValueError and SciplanError) that
    names ``text``, the ``position`` of the first bad character and the ``reason``."""
    error = _period_refusal(parse, text)
    assert isinstance(error, ValueError)
    assert isinstance(error, SciplanError)
    assert error.text == text
    assert error.position == position
    assert error.reason == reason
    assert str(error) == _expected_message(text, position, reason)


def _expected_message(text: str, position: int, reason: str) -> str:
    """The message a PeriodParseError gives for a short ``text``."""
    where = f"({text[position : position + 24]!r})" if position < len(text) else "(end of text)"
    return f"cannot read period {text!r}: {reason} at position {position} {where}"


# --- FiveYearPlan ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "name", "start", "end"),
    [
        (1, "一五", 1953, 1957),
        (2, "二五", 1958, 1962),
        (3, "三五", 1966, 1970),
        (4, "四五", 1971, 1975),
        (10, "十五", 2001, 2005),
        (11, "十一五", 2006, 2010),
        (12, "十二五", 2011, 2015),
        (13, "十三五", 2016, 2020),
        (14, "十四五", 2021, 2025),
        (15, "十五五", 2026, 2030),
    ],
)
def test_five_year_plan_names_and_years(number: int, name: str, start: int, end: int) -> None:
    """The n-th plan has its Chinese name and starts in 1948+5n (n ≤ 2) or 1951+5n (n ≥ 3)."""
    plan = FiveYearPlan(number)
    assert plan.number == number
    assert plan.name == name
    assert plan.start_year == start
    assert plan.end_year == end
    assert plan.years == range(start, end + 1)
    assert list(plan.years) == list(range(start, start + 5))


@given(st.integers(min_value=1, max_value=200))
def test_every_plan_lasts_five_years(number: int) -> None:
    """Every plan covers exactly five consecutive years."""
    plan = FiveYearPlan(number)
    assert len(plan.years) == 5
    assert plan.end_year - plan.start_year == 4


@given(st.integers(min_value=1, max_value=200))
def test_plans_follow_each_other_except_after_the_second(number: int) -> None:
    """Each plan starts the year after the previous one ends, but for the 1963–1965 gap."""
    plan, following = FiveYearPlan(number), FiveYearPlan(number + 1)
    gap = 3 if number == 2 else 0
    assert following.start_year == plan.end_year + 1 + gap


@given(st.integers(min_value=1953, max_value=2100))
def test_containing_agrees_with_the_plans_years(year: int) -> None:
    """containing(y) is the plan whose years hold y, or None in the 1963–1965 adjustment."""
    plan = FiveYearPlan.containing(year)
    if 1963 <= year <= 1965:
        assert plan is None
    else:
        assert plan is not None
        assert year in plan.years
        assert plan.start_year <= year <= plan.end_year


def test_containing_for_every_year_from_1953_to_2100() -> None:
    """Every year 1953–2100 outside 1963–1965 lies in exactly one plan, found by containing."""
    plans = [FiveYearPlan(n) for n in range(1, 40)]
    for year in range(1953, 2101):
        holders = [plan for plan in plans if year in plan.years]
        expected = None if 1963 <= year <= 1965 else holders[0]
        assert len(holders) == (0 if expected is None else 1), year
        assert FiveYearPlan.containing(year) == expected, year


@given(st.integers(min_value=1, max_value=200))
def test_containing_finds_each_plan_from_its_years(number: int) -> None:
    """Each year of a plan leads back to that plan."""
    plan = FiveYearPlan(number)
    for year in plan.years:
        assert FiveYearPlan.containing(year) == plan


@pytest.mark.parametrize("year", [1963, 1964, 1965])
def test_no_plan_contains_the_adjustment_years(year: int) -> None:
    """1963–1965 were years of adjustment outside any five-year plan."""
    assert FiveYearPlan.containing(year) is None
    assert FiveYearPlan.containing(Year(year)) is None


@given(st.integers(min_value=1000, max_value=1952))
def test_no_plan_before_1953(year: int) -> None:
    """No five-year plan contains a year before 1953."""
    assert FiveYearPlan.containing(year) is None


@pytest.mark.parametrize(
    ("year", "number"),
    [
        (1953, 1),
        (1957, 1),
        (1958, 2),
        (1962, 2),
        (1966, 3),
        (1970, 3),
        (1971, 4),
        (2001, 10),
        (2005, 10),
        (2006, 11),
        (2010, 11),
        (2021, 14),
        (2025, 14),
        (2026, 15),
        (2030, 15),
        (2031, 16),
    ],
)
def test_containing_at_plan_boundaries(year: int, number: int) -> None:
    """A plan's first and last years belong to it, including the plans around the gap."""
    assert FiveYearPlan.containing(year) == FiveYearPlan(number)
    assert FiveYearPlan.containing(Year(year)) == FiveYearPlan(number)


def test_containing_a_placeholder_year_is_none() -> None:
    """A placeholder year (20xx年) lies in no known plan."""
    assert FiveYearPlan.containing(Year.parse("20xx年")) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "year must be an int, not NoneType"),
        (1.5, "year must be an int, not float"),
        ("2006", "year must be an int, not str"),
        (True, "year must be an int, not bool"),
    ],
)
def test_containing_refuses_non_integers(value: object, message: str) -> None:
    """containing() of anything but an int or a Year is a WrongTypeError (a TypeError)."""
    with pytest.raises(WrongTypeError) as excinfo:
        FiveYearPlan.containing(value)  # type: ignore[arg-type]
    assert isinstance(excinfo.value, TypeError)
    assert str(excinfo.value) == message


def test_plans_are_ordered_by_number() -> None:
    """Plans compare by their number."""
    plans = [FiveYearPlan(n) for n in (15, 1, 11, 3, 10)]
    assert sorted(plans) == [FiveYearPlan(n) for n in (1, 3, 10, 11, 15)]
    assert FiveYearPlan(10) < FiveYearPlan(11)
    assert FiveYearPlan(11) <= FiveYearPlan(11)
    assert FiveYearPlan(14) > FiveYearPlan(2)
    assert FiveYearPlan(14) >= FiveYearPlan(14)
    assert not FiveYearPlan(11) < FiveYearPlan(10)


@given(st.integers(1, 100), st.integers(1, 100))
def test_plan_order_agrees_with_start_years(a: int, b: int) -> None:
    """Ordering plans is ordering their start years."""
    assert (FiveYearPlan(a) < FiveYearPlan(b)) == (
        FiveYearPlan(a).start_year < FiveYearPlan(b).start_year
    )


def test_plan_does_not_order_against_an_int() -> None:
    """A plan is not ordered against a bare int."""
    with pytest.raises(TypeError):
        _ = FiveYearPlan(11) < 12  # type: ignore[operator]


def test_plans_are_values() -> None:
    """Plans with the same number are equal and hash alike; they are immutable."""
    assert FiveYearPlan(11) == FiveYearPlan(11)
    assert FiveYearPlan(11) != FiveYearPlan(10)
    assert hash(FiveYearPlan(11)) == hash(FiveYearPlan.parse("十一五"))
    assert len({FiveYearPlan(11), FiveYearPlan.parse("“十一五”"), FiveYearPlan(10)}) == 2
    with pytest.raises(AttributeError):
        FiveYearPlan(11).number = 12  # type: ignore[misc]


def test_plan_repr_and_str() -> None:
    """repr() is FiveYearPlan(n); str() is the quoted Chinese name."""
    assert repr(FiveYearPlan(11)) == "FiveYearPlan(11)"
    assert str(FiveYearPlan(11)) == "“十一五”"
    assert str(FiveYearPlan(1)) == "“一五”"


@given(st.integers(min_value=1, max_value=500))
def test_plan_repr_str_and_pickle_round_trip(number: int) -> None:
    """eval(repr), parse(str) and pickle each give the same plan back."""
    plan = FiveYearPlan(number)
    assert eval(repr(plan)) == plan
    assert FiveYearPlan.parse(str(plan)) == plan
    assert FiveYearPlan.parse(plan.name) == plan
    assert pickle.loads(pickle.dumps(plan)) == plan


@given(st.integers(min_value=1, max_value=500))
def test_ordinal_form_round_trip(number: int) -> None:
    """第…个五年规划 written with the plan's number reads back as the plan."""
    name = to_chinese_numeral(number)
    assert FiveYearPlan.parse(f"第{name}个五年规划").number == number
    assert FiveYearPlan.parse(f"“{name}五”期间").number == number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("十一五", 11),
        ("一五", 1),
        ("十五", 10),
        ("十四五", 14),
        ("十五五", 15),
        ("“十一五”", 11),
        ("“十五”期间", 10),
        ("“十一五”期间", 11),
        ("十一五期间", 11),
        ("十一五时期", 11),
        ("十一五规划", 11),
        ("“十一五”规划", 11),
        ("十一五”", 11),
        ("第十一个五年规划", 11),
        ("第十个五年计划", 10),
        ("第十一个五年", 11),
        ("第11个五年规划", 11),
        ("11五", 11),
        ("＂十一五＂", 11),
        ("「十五」", 10),
        ("《十一五》", 11),
        ("'十五'", 10),
        ("‘十四五’", 14),
        ("  十四五  ", 14),
        ("\u3000“十五”期间\u3000", 10),
        ("两五", 2),
        ("壹拾壹五", 11),
    ],
)
def test_plan_parse(text: str, number: int) -> None:
    """A plan's name reads with or without quotes, 期间/时期/规划, or as 第…个五年规划."""
    assert FiveYearPlan.parse(text) == FiveYearPlan(number)


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("", 0, "a five-year plan's name such as 十一五 was expected"),
        ("abc", 0, "a five-year plan's name such as 十一五 was expected"),
        ("五", 0, "a five-year plan's name such as 十一五 was expected"),
        ("十一", 0, "a five-year plan's name such as 十一五 was expected"),
        ("十一五年", 0, "a five-year plan's name such as 十一五 was expected"),
        ("  十一", 2, "a five-year plan's name such as 十一五 was expected"),
        ("“四五”普法", 1, "a five-year plan's name such as 十一五 was expected"),
        ("第五", 0, "第…个五年规划 was expected"),
        ("第十一个五年规划纲要", 0, "第…个五年规划 was expected"),
        ("第个五年规划", 1, "a number was expected"),
        ("零五", 0, "a plan's number is from 1 to 9999"),
        ("〇五", 0, "a plan's number is from 1 to 9999"),
        ("0五", 0, "a plan's number is from 1 to 9999"),
        ("十十五", 1, "十 out of order"),
        ("一万五", 1, "an unexpected character in a plan's number"),
        ("三点五五", 1, "an unexpected character in a plan's number"),
        ("十 一五", 1, "an unexpected character in a plan's number"),
    ],
)
def test_plan_parse_refusals(text: str, position: int, reason: str) -> None:
    """What is not a plan's name raises PeriodParseError naming the first bad position."""
    _assert_refused(FiveYearPlan.parse, text, position, reason)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "period text must be a str, not NoneType"),
        (11, "period text must be a str, not int"),
        (1.5, "period text must be a str, not float"),
    ],
)
def test_plan_parse_refuses_non_strings(value: object, message: str) -> None:
    """FiveYearPlan.parse of anything but a str is a WrongTypeError (a TypeError)."""
    with pytest.raises(WrongTypeError) as excinfo:
        FiveYearPlan.parse(value)  # type: ignore[arg-type]
    assert isinstance(excinfo.value, TypeError)
    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    ("number", "message"),
    [
        (0, "invalid five-year plan: its number must be 1 or more, not 0"),
        (-1, "invalid five-year plan: its number must be 1 or more, not -1"),
    ],
)
def test_plan_number_below_one_is_a_value_error(number: int, message: str) -> None:
    """FiveYearPlan(n) with n < 1 is an InvalidValueError: a ValueError and a SciplanError."""
    with pytest.raises(InvalidValueError) as excinfo:
        FiveYearPlan(number)
    error = excinfo.value
    assert isinstance(error, ValueError)
    assert isinstance(error, SciplanError)
    assert str(error) == message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("11", "number must be an int, not str"),
        (True, "number must be an int, not bool"),
        (1.5, "number must be an int, not float"),
        (None, "number must be an int, not NoneType"),
    ],
)
def test_plan_number_of_wrong_type_is_a_type_error(value: object, message: str) -> None:
    """FiveYearPlan of a non-int (a str, a bool, a float) is a WrongTypeError (a TypeError)."""
    with pytest.raises(WrongTypeError) as excinfo:
        FiveYearPlan(value)  # type: ignore[arg-type]
    error = excinfo.value
    assert isinstance(error, TypeError)
    assert isinstance(error, SciplanError)
    assert str(error) == message


@pytest.mark.parametrize(
    ("year", "inside"),
    [
        (2006, True),
        (2010, True),
        (2005, False),
        (2011, False),
        (Year(2008), True),
        (Year(2011), False),
        ("2006", False),
        (2006.0, False),
    ],
)
def test_membership(year: object, inside: bool) -> None:
    """`y in plan` is true for the plan's years, as ints or Years, and false otherwise."""
    assert (year in FiveYearPlan(11)) is inside


def test_placeholder_year_is_in_no_plan() -> None:
    """A placeholder year is not known to lie in any plan."""
    assert Year.parse("20xx年") not in FiveYearPlan(11)


# --- Year --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2006年", 2006),
        ("２００６年", 2006),
        ("二〇〇六年", 2006),
        ("二零零六年", 2006),
        ("二○○六年", 2006),
        ("2006年度", 2006),
        ("２００６年度", 2006),
        ("二〇〇六年度", 2006),
        ("2006", 2006),
        (" 2006年 ", 2006),
        ("1953年", 1953),
    ],
)
def test_year_parse(text: str, value: int) -> None:
    """Years read from ASCII, full-width or Chinese digits, with or without 年/年度."""
    year = Year.parse(text)
    assert year.value == value
    assert year.placeholder is None
    assert year.is_known
    assert year == Year(value)


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("20xx年", "20xx"),
        ("200x年", "200x"),
        ("20XX年", "20XX"),
        ("20××年", "20××"),
        ("20xx年度", "20xx"),
        ("２０ｘｘ年", "20xx"),
    ],
)
def test_placeholder_year_parse(text: str, placeholder: str) -> None:
    """A template's 20xx年 is a year whose value is unknown."""
    year = Year.parse(text)
    assert year.value is None
    assert year.placeholder == placeholder
    assert not year.is_known
    assert year.five_year_plan is None
    assert str(year) == f"{placeholder}年"


@given(st.integers(min_value=1000, max_value=9999))
def test_year_round_trips(value: int) -> None:
    """A year written in ASCII, full-width or Chinese digits reads back as itself."""
    chinese = "".join(_CN_DIGITS[int(d)] for d in str(value))
    assert Year.parse(f"{value}年").value == value
    assert Year.parse(f"{value}".translate(_FULLWIDTH) + "年度").value == value
    assert Year.parse(chinese + "年").value == value
    assert Year.parse(str(Year(value))) == Year(value)
    assert eval(repr(Year(value))) == Year(value)


def test_year_str_and_repr() -> None:
    """str() of a year is its 年 form; repr() rebuilds it."""
    assert str(Year(2006)) == "2006年"
    assert repr(Year(2006)) == "Year(2006)"
    assert repr(Year.parse("20xx年")) == "Year.parse('20xx年')"
    assert eval(repr(Year.parse("20xx年"))) == Year.parse("20xx年")


@pytest.mark.parametrize(
    ("value", "number"), [(2006, 11), (2005, 10), (2025, 14), (2026, 15), (1953, 1), (1966, 3)]
)
def test_year_five_year_plan(value: int, number: int) -> None:
    """A known year knows the plan it falls in."""
    assert Year(value).five_year_plan == FiveYearPlan(number)


@pytest.mark.parametrize("value", [1952, 1963, 1964, 1965, 1000])
def test_year_outside_any_plan(value: int) -> None:
    """A year before 1953 or in 1963–1965 is in no plan."""
    assert Year(value).five_year_plan is None


def test_known_years_are_ordered() -> None:
    """Known years compare by their value."""
    assert Year(2005) < Year(2006)
    assert Year(2006) <= Year(2006)
    assert Year(2007) > Year(2006)
    assert Year(2006) >= Year.parse("二〇〇六年")
    assert not Year(2007) < Year(2006)
    assert sorted([Year(2010), Year(1953), Year(2006)]) == [Year(1953), Year(2006), Year(2010)]


@given(st.integers(1000, 9999), st.integers(1000, 9999))
def test_year_order_agrees_with_values(a: int, b: int) -> None:
    """Ordering known years is ordering their values."""
    assert (Year(a) < Year(b)) == (a < b)
    assert (Year(a) <= Year(b)) == (a <= b)
    assert (Year(a) > Year(b)) == (a > b)
    assert (Year(a) >= Year(b)) == (a >= b)


@pytest.mark.parametrize("other", [Year.parse("20xx年"), 2007], ids=["placeholder", "int"])
def test_unknown_or_foreign_years_are_not_ordered(other: object) -> None:
    """A placeholder year or a bare int cannot be ordered against a year."""
    with pytest.raises(TypeError):
        _ = Year(2006) < other  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("二〇〇六〇年", 0, "a year of four digits was expected"),
        ("abc", 0, "a year of four digits was expected"),
        ("", 0, "a year of four digits was expected"),
        ("年", 0, "a year of four digits was expected"),
        ("206年", 0, "a year of four digits was expected"),
        ("20066年", 0, "a year of four digits was expected"),
        ("2006年年", 0, "a year of four digits was expected"),
        ("  二〇〇六〇年", 2, "a year of four digits was expected"),
        ("两〇〇六年", 0, "a digit was expected"),
        ("二〇〇两年", 3, "a digit was expected"),
        ("٢٠٠٦年", 0, "a digit was expected"),
        ("abcd年", 0, "a digit was expected"),
    ],
)
def test_year_parse_refusals(text: str, position: int, reason: str) -> None:
    """What is not a year raises PeriodParseError naming the first bad position."""
    _assert_refused(Year.parse, text, position, reason)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "year text must be a str, not NoneType"),
        (1.5, "year text must be a str, not float"),
        (2006, "year text must be a str, not int"),
    ],
)
def test_year_parse_refuses_non_strings(value: object, message: str) -> None:
    """Year.parse of anything but a str is a WrongTypeError (a TypeError)."""
    with pytest.raises(WrongTypeError) as excinfo:
        Year.parse(value)  # type: ignore[arg-type]
    assert isinstance(excinfo.value, TypeError)
    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1.5, "year must be an int, not float"),
        ("2006", "year must be an int, not str"),
        (True, "year must be an int, not bool"),
    ],
)
def test_year_refuses_non_integers(value: object, message: str) -> None:
    """Year of a float, a str or a bool is a WrongTypeError (a TypeError)."""
    with pytest.raises(WrongTypeError) as excinfo:
        Year(value)  # type: ignore[arg-type]
    assert isinstance(excinfo.value, TypeError)
    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((999,), "invalid year: 999 is not a year of four digits"),
        ((10000,), "invalid year: 10000 is not a year of four digits"),
        ((None,), "invalid year: give either a value or a placeholder such as 20xx"),
        ((2006, "20xx"), "invalid year: give either a value or a placeholder such as 20xx"),
    ],
)
def test_year_refuses_impossible_values(args: tuple[object, ...], message: str) -> None:
    """A year has four digits, and exactly one of a value and a placeholder."""
    with pytest.raises(InvalidValueError) as excinfo:
        Year(*args)  # type: ignore[arg-type]
    assert isinstance(excinfo.value, ValueError)
    assert str(excinfo.value) == message


def test_year_parse_of_a_year_below_1000_is_a_value_error() -> None:
    """Year.parse("0999年") is refused with a SciplanError that is a ValueError."""
    with pytest.raises(SciplanError) as excinfo:
        Year.parse("0999年")
    assert isinstance(excinfo.value, ValueError)
    assert str(excinfo.value) == "invalid year: 999 is not a year of four digits"


def test_years_are_values() -> None:
    """Equal years are equal and hash alike, whichever way they were written; they pickle."""
    assert Year.parse("2006年") == Year.parse("二〇〇六年") == Year(2006)
    assert hash(Year.parse("２００６年度")) == hash(Year(2006))
    assert Year(2006) != Year(2007)
    assert pickle.loads(pickle.dumps(Year(2006))) == Year(2006)
    assert pickle.loads(pickle.dumps(Year.parse("20xx年"))).placeholder == "20xx"
    with pytest.raises(AttributeError):
        Year(2006).value = 2007  # type: ignore[misc]


@pytest.mark.parametrize(
    "text", ["1" * 5000 + "五", "9" * 20 + "五", "一二三四五六七八九五", "10000五"]
)
def test_huge_plan_numbers_are_refused_as_parse_errors(text: str) -> None:
    """A plan number past the largest one is a PeriodParseError, never Python's int limit."""
    with pytest.raises(PeriodParseError) as excinfo:
        FiveYearPlan.parse(text)
    assert excinfo.value.position == 0


def test_the_largest_plan_number_still_has_a_name() -> None:
    """FiveYearPlan(9999) has a name that reads back; one more is an InvalidValueError."""
    assert FiveYearPlan(9999).name == "九千九百九十九五"
    assert FiveYearPlan.parse(FiveYearPlan(9999).name) == FiveYearPlan(9999)
    with pytest.raises(ValueError, match="beyond 9999"):
        FiveYearPlan(10_000)
