"""Issue 10, figures stay honest: what a figure allows when its value is below zero, which
placeholders it may hold, and that whatever a figure prints reads back as that figure —
for figures built from their parts, not only for figures read from text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciplan_model import (
    Figure,
    FigureParseError,
    InvalidValueError,
    Qualifier,
    Quantity,
    Range,
    SciplanError,
    WrongTypeError,
    find_figures,
)
from sciplan_model.units import unit_names

Q = Quantity


def _ends(r: Range) -> tuple[Quantity | None, Quantity | None, bool, bool]:
    return (r.low, r.high, r.low_closed, r.high_closed)


# -- below zero ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high", "low_closed", "high_closed"),
    [
        # 余 and 多 reach past the digits as written: 600余 is above 600, so -600余 is
        # below -600 (and above -700)
        ("-600余家", Q(-700, "家"), Q(-600, "家"), False, False),
        ("-3.5万余元", Q("-3.6", "万元"), Q("-3.5", "万元"), False, False),
        ("600余家", Q(600, "家"), Q(700, "家"), False, False),
        # 近 falls short of the digits as written: 近5 is below 5, 近-5 above -5
        ("近-5万元", Q(-5, "万元"), Q("-4.75", "万元"), False, True),
        ("近5万元", Q("4.75", "万元"), Q(5, "万元"), True, False),
        # 约 reaches both ways
        ("约-5万元", Q("-5.25", "万元"), Q("-4.75", "万元"), True, True),
    ],
)
def test_a_negative_figure_with_a_qualifier_allows_the_values_it_says(
    text: str, low: Quantity, high: Quantity, low_closed: bool, high_closed: bool
) -> None:
    assert _ends(Figure.parse(text).range) == (low, high, low_closed, high_closed)


@given(
    st.integers(1, 10**6),
    st.sampled_from(["余", "近"]),
)
def test_a_negative_qualified_figure_mirrors_the_positive_one(n: int, word: str) -> None:
    written = f"{n}{word}家" if word == "余" else f"{word}{n}家"
    negative = written.replace(str(n), f"-{n}")
    plus, minus = Figure.parse(written).range, Figure.parse(negative).range
    assert plus.low is not None
    assert plus.high is not None
    assert (minus.low, minus.high) == (-plus.high, -plus.low)
    assert (minus.low_closed, minus.high_closed) == (plus.high_closed, plus.low_closed)


def test_a_range_with_a_negative_end_is_refused_as_the_grammar_refuses_it() -> None:
    with pytest.raises(FigureParseError):
        Figure.parse("-3至5家")
    with pytest.raises(InvalidValueError, match="negative end"):
        Figure(Q(-3, "家"), qualifier=Qualifier.RANGE, upper=Q(5, "家"))
    with pytest.raises(InvalidValueError, match="negative end"):
        Figure(Q(-5, "家"), qualifier=Qualifier.RANGE, upper=Q(-3, "家"))


# -- placeholders ------------------------------------------------------------------------


@pytest.mark.parametrize("placeholder", ["20xx", "xx", "X", "×", "*", "**", "***", "1x", "XX"])
def test_a_placeholder_as_plans_write_it_is_kept_and_read_back(placeholder: str) -> None:
    f = Figure(None, "万元", Qualifier.UNKNOWN, placeholder=placeholder)
    assert str(f) == f"{placeholder}万元"
    assert Figure.parse(str(f)) == f
    assert not f.is_known


@pytest.mark.parametrize("placeholder", ["5", "", "x5", "20xx万", "？", "abc", "x" * 29])
def test_a_placeholder_that_is_no_placeholder_is_refused(placeholder: str) -> None:
    with pytest.raises(InvalidValueError, match="placeholder"):
        Figure(None, "万元", Qualifier.UNKNOWN, placeholder=placeholder)


def test_a_placeholder_that_is_not_text_is_refused() -> None:
    with pytest.raises(WrongTypeError, match="placeholder"):
        Figure(None, "万元", Qualifier.UNKNOWN, placeholder=5)  # type: ignore[arg-type]


def test_an_unknown_figure_without_a_placeholder_is_the_xx_it_prints() -> None:
    f = Figure(None, "万元", Qualifier.UNKNOWN)
    assert (str(f), f.placeholder) == ("xx万元", "xx")
    assert Figure.parse(str(f)) == f
    assert Figure(None, "家", Qualifier.AT_LEAST) == Figure.parse("xx家以上")


# -- bracketed alternatives ------------------------------------------------------------------


def test_an_alternative_that_would_read_back_as_another_unit_is_refused() -> None:
    # 户 or 次 can only be written 户(次), which says 户 or 户次
    with pytest.raises(InvalidValueError, match="户次"):
        Figure(Q(3, "户"), alternative_unit="次")
    # brackets hold a measure word, never a scaled one
    with pytest.raises(InvalidValueError, match="万吨"):
        Figure(Q(3, "吨"), alternative_unit="万吨")
    assert str(Figure(Q(3, "人"), alternative_unit="人次")) == "3人(次)"


def test_a_range_takes_a_bracketed_alternative_after_its_high_end() -> None:
    f = Figure.parse("3至5场(次)")
    assert (f.qualifier, f.unit, f.alternative_unit) == (Qualifier.RANGE, "场", "场次")
    assert Figure.parse(str(f)) == f
    found = find_figures("全年举办培训3至5场(次)，每场约100人(次)。")
    assert [x.text for x in found] == ["3至5场(次)", "约100人(次)"]


# -- whatever prints reads back ---------------------------------------------------------------

_SCALED = (
    "万元", "亿元", "万亿元", "千元", "万美元", "亿港元", "万人", "万人次", "亿人次", "万个",
    "万项", "万家", "万户", "万亩", "万吨", "万公里", "万平方米", "万场次", "万件/百人年",
    "件/万人", "件/百人年", "%", "个百分点", "倍", "年", "个月", "周", "天", "小时",
)  # fmt: skip
_UNITS = unit_names() + _SCALED
_PLACEHOLDERS = ("20xx", "xx", "XX", "X", "×", "*", "**", "1x")


def _magnitudes() -> st.SearchStrategy[Decimal]:
    return st.integers(0, 4).flatmap(
        lambda places: st.decimals(
            min_value=-(10**9), max_value=10**9, places=places, allow_nan=False
        )
    )


@st.composite
def _built(draw: st.DrawFn) -> dict[str, Any]:
    """The parts of a figure, drawn freely: many make no figure, and those the
    constructor refuses are refused with the library's error."""
    unit = draw(st.sampled_from(_UNITS))
    qualifier = draw(st.sampled_from(list(Qualifier)))
    parts: dict[str, Any] = {
        "qualifier": qualifier,
        "aspirational": draw(st.booleans()),
        "alternative_unit": draw(st.none() | st.sampled_from(_UNITS)),
    }
    if qualifier is Qualifier.UNKNOWN or draw(st.integers(0, 9)) == 0:
        return {**parts, "value": None, "unit": unit,
                "placeholder": draw(st.sampled_from(_PLACEHOLDERS))}  # fmt: skip
    parts["value"] = Q(draw(_magnitudes()), unit)
    if qualifier is Qualifier.RANGE:
        high_unit = draw(st.sampled_from((unit, *_UNITS)))
        parts["upper"] = Q(draw(_magnitudes()), high_unit)
    return parts


@given(_built())
def test_everything_a_figure_prints_reads_back_as_that_figure(parts: dict[str, Any]) -> None:
    try:
        f = Figure(**parts)
    except SciplanError:
        return  # refused, with the library's error
    back = Figure.parse(str(f))
    assert back == f
    assert _ends(back.range) == _ends(f.range)
    assert back.placeholder == f.placeholder
    assert back.alternative_unit == f.alternative_unit
    assert repr(back) == repr(f)


# -- long runs of words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("约" * 100_000 + "5万元", "more than 8 words before a figure"),
        ("达到" * 20 + "5万元", "more than 8 words before a figure"),
        ("5万元" + "以上" * 100_000, "more than 4 qualifier words"),
    ],
)
def test_a_run_of_qualifier_words_is_refused_where_it_passes_the_limit(
    text: str, reason: str
) -> None:
    with pytest.raises(FigureParseError, match=reason) as caught:
        Figure.parse(text)
    assert len(str(caught.value)) < 400  # the text is quoted clipped, not whole


def test_the_words_a_figure_does_take_are_still_read() -> None:
    f = Figure.parse("力争全年累计达到约5万元左右")
    assert (f.aspirational, f.qualifier, str(f)) == (True, Qualifier.ABOUT, "力争约5万元")


def test_a_run_of_qualifier_words_in_prose_leaves_the_figure_itself() -> None:
    assert [f.text for f in find_figures("约" * 100_000 + "5万元")] == ["约5万元"]
