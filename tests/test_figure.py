"""Tests of ``sciplan_model.figure.Figure``: figures as plans write them — value, unit,
qualifier, aspiration and text — read by ``Figure.parse``, built directly, written back
by ``str()``, compared and hashed."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualifiers import (
    ABOUT,
    AT_LEAST,
    AT_MOST,
    EXACT,
    LESS_THAN,
    MORE_THAN,
    NEARLY,
    ODD,
    RANGE,
    UNKNOWN,
)
from sciplan_model import (
    Figure,
    FigureParseError,
    InvalidValueError,
    Money,
    ParseError,
    Qualifier,
    Quantity,
    Range,
    SciplanError,
    UnitMismatchError,
    UnknownUnitError,
    WrongTypeError,
)
from sciplan_model.strategies import figures as canonical_figures
from strategies import COUNT_UNITS, MONEY_UNITS, positive_magnitudes


def _refusal(text: object) -> FigureParseError:
    """Parse ``text``, expecting a FigureParseError, and return it."""
    with pytest.raises(FigureParseError) as excinfo:
        Figure.parse(text)  # type: ignore[arg-type]
    return excinfo.value


def _outcome(text: str) -> Figure | FigureParseError:
    """The figure ``text`` reads as, or the FigureParseError it raises."""
    try:
        return Figure.parse(text)
    except FigureParseError as error:
        return error


def _message(text: str, position: int, reason: str) -> str:
    """The message a FigureParseError gives for a short ``text`` (up to 80 characters)."""
    where = f"({text[position : position + 24]!r})" if position < len(text) else "(end of text)"
    return f"cannot read figure {text!r}: {reason} at position {position} {where}"


def _long_message(text: str, position: int, reason: str) -> str:
    """The message for a ``text`` longer than 80 characters: quoted shortened in the middle."""
    quoted = repr(text[:40] + "…" + text[-40:]) + f" ({len(text)} characters)"
    where = f"({text[position : position + 24]!r})" if position < len(text) else "(end of text)"
    return f"cannot read figure {quoted}: {reason} at position {position} {where}"


# --- the figures of DOMAIN.md, as written --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "magnitude", "unit", "qualifier", "aspirational", "canonical"),
    [
        ("159.3万元", "159.3", "万元", EXACT, False, "159.3万元"),
        ("1.5亿元", "1.5", "亿元", EXACT, False, "1.5亿元"),
        ("2万人次", "2", "万人次", EXACT, False, "2万人次"),
        ("4.5万亩", "4.5", "万亩", EXACT, False, "4.5万亩"),
        ("159。3万元", "159.3", "万元", EXACT, False, "159.3万元"),
        ("２１００个", "2100", "个", EXACT, False, "2100个"),
        ("两期", "2", "期", EXACT, False, "2期"),
        ("十五项", "15", "项", EXACT, False, "15项"),
        ("36项", "36", "项", EXACT, False, "36项"),
        ("2万人次以上", "2", "万人次", AT_LEAST, False, "2万人次以上"),
        ("不少于30家", "30", "家", AT_LEAST, False, "30家以上"),
        ("至少2期", "2", "期", AT_LEAST, False, "2期以上"),
        ("超过100人", "100", "人", MORE_THAN, False, "超过100人"),
        ("多于5项", "5", "项", MORE_THAN, False, "超过5项"),
        ("100人以下", "100", "人", AT_MOST, False, "100人以下"),
        ("100人以内", "100", "人", AT_MOST, False, "100人以下"),
        ("不超过5项", "5", "项", AT_MOST, False, "5项以下"),
        ("不满10人", "10", "人", LESS_THAN, False, "不满10人"),
        ("低于5家", "5", "家", LESS_THAN, False, "不满5家"),
        ("少于3次", "3", "次", LESS_THAN, False, "不满3次"),
        ("600余家", "600", "家", ODD, False, "600余家"),
        ("30多场次", "30", "场次", ODD, False, "30余场次"),
        ("近5.5亿元", "5.5", "亿元", NEARLY, False, "近5.5亿元"),
        ("将近100人", "100", "人", NEARLY, False, "近100人"),
        ("约100人", "100", "人", ABOUT, False, "约100人"),
        ("100人左右", "100", "人", ABOUT, False, "约100人"),
        ("力争100项", "100", "项", EXACT, True, "力争100项"),
        ("争取3家", "3", "家", EXACT, True, "力争3家"),
        ("努力实现5亿元", "5", "亿元", EXACT, True, "力争5亿元"),
        ("确保超过5000万元", "5000", "万元", MORE_THAN, False, "超过5000万元"),
        ("力争6000万元", "6000", "万元", EXACT, True, "力争6000万元"),
        ("突破1500件", "1500", "件", MORE_THAN, False, "超过1500件"),
        ("达到30家以上", "30", "家", AT_LEAST, False, "30家以上"),
        ("至少2期以上", "2", "期", AT_LEAST, False, "2期以上"),
        ("约100人左右", "100", "人", ABOUT, False, "约100人"),
    ],
)
def test_domain_figures_are_read_as_written(
    text: str,
    magnitude: str,
    unit: str,
    qualifier: Qualifier,
    aspirational: bool,
    canonical: str,
) -> None:
    """Every figure of DOMAIN.md's table reads into value, unit, qualifier and aspiration."""
    f = Figure.parse(text)
    assert f.value is not None
    assert f.value.magnitude == Decimal(magnitude)
    assert f.value.unit == unit
    assert f.unit == unit
    assert f.qualifier is qualifier
    assert f.aspirational is aspirational
    assert f.upper is None
    assert f.placeholder is None
    assert f.alternative_unit is None
    assert f.is_known is True
    assert f.text == text
    assert str(f) == canonical


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("159.3万元", Money("1593000", "元")),
        ("1.5亿元", Money("150000000", "元")),
        ("2万人次", Quantity("20000", "人次")),
        ("4.5万亩", Quantity("45000", "亩")),
        ("159。3万元", Money("1593000", "元")),
        ("２１００个", Quantity("2100", "个")),
    ],
)
def test_domain_figures_mean_their_exact_value(text: str, value: Quantity) -> None:
    """A plain figure means exactly its value: 159.3万元 is 1,593,000 元."""
    f = Figure.parse(text)
    assert f.value == value
    assert f.range == Range.point(value)


def test_money_figures_hold_money() -> None:
    """A figure in a currency holds Money; a figure in a measure word holds a plain Quantity."""
    assert type(Figure.parse("159.3万元").value) is Money
    assert type(Figure.parse("36项").value) is Quantity


def test_two_targets_for_one_indicator_are_two_figures() -> None:
    """确保…、力争… is two figures: a binding floor and a stretch, read one at a time."""
    floor = Figure.parse("确保超过5000万元")
    stretch = Figure.parse("力争6000万元")
    assert (floor.qualifier, floor.aspirational) == (MORE_THAN, False)
    assert (stretch.qualifier, stretch.aspirational) == (EXACT, True)
    text = "确保超过5000万元、力争6000万元"
    error = _refusal(text)
    assert error.position == 10
    assert str(error) == _message(text, 10, "an unexpected character")


# --- the qualifier table of the issue ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("30家", EXACT),
        ("达到30家", EXACT),
        ("共30家", EXACT),
        ("共计30家", EXACT),
        ("合计30家", EXACT),
        ("确保30家", EXACT),
        ("30家以上", AT_LEAST),
        ("30家及以上", AT_LEAST),
        ("不少于30家", AT_LEAST),
        ("至少30家", AT_LEAST),
        ("不低于30家", AT_LEAST),
        ("超过30家", MORE_THAN),
        ("多于30家", MORE_THAN),
        ("突破30家", MORE_THAN),
        ("30家以下", AT_MOST),
        ("30家以内", AT_MOST),
        ("不超过30家", AT_MOST),
        ("不高于30家", AT_MOST),
        ("不满30家", LESS_THAN),
        ("低于30家", LESS_THAN),
        ("少于30家", LESS_THAN),
        ("不足30家", LESS_THAN),
        ("30余家", ODD),
        ("30多家", ODD),
        ("近30家", NEARLY),
        ("将近30家", NEARLY),
        ("接近30家", NEARLY),
        ("约30家", ABOUT),
        ("大约30家", ABOUT),
        ("30家左右", ABOUT),
    ],
)
def test_each_qualifier_word_is_read(text: str, qualifier: Qualifier) -> None:
    """Each word of the qualifier table gives its Qualifier, before or after the figure."""
    f = Figure.parse(text)
    assert f.qualifier is qualifier
    assert f.value == Quantity("30", "家")
    assert f.unit == "家"
    assert f.aspirational is False
    assert f == Figure(Quantity("30", "家"), qualifier=qualifier)
    assert f.range == qualifier.range(Quantity("30", "家"))


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("2万人次以上", AT_LEAST),
        ("不少于2万人次", AT_LEAST),
        ("超过2万人次", MORE_THAN),
        ("2万人次以内", AT_MOST),
        ("不足2万人次", LESS_THAN),
        ("2万余人次", ODD),
        ("2万多人次", ODD),
        ("2多万人次", ODD),
        ("将近2万人次", NEARLY),
        ("2万人次左右", ABOUT),
    ],
)
def test_qualifiers_around_a_scaled_figure(text: str, qualifier: Qualifier) -> None:
    """Qualifier words work around a figure whose unit carries a scale (2万人次)."""
    f = Figure.parse(text)
    assert f.qualifier is qualifier
    assert f.value is not None
    assert (f.value.magnitude, f.value.unit) == (Decimal(2), "万人次")


@pytest.mark.parametrize(
    ("text", "qualifier", "canonical"),
    [
        ("至少2期以上", AT_LEAST, "2期以上"),
        ("不少于30家以上", AT_LEAST, "30家以上"),
        ("至少至少2期", AT_LEAST, "2期以上"),
        ("约100人左右", ABOUT, "约100人"),
        ("大约100人左右", ABOUT, "约100人"),
        ("不超过5项以内", AT_MOST, "5项以下"),
        ("不超过5项以下", AT_MOST, "5项以下"),
    ],
)
def test_a_qualifier_said_twice_is_one(text: str, qualifier: Qualifier, canonical: str) -> None:
    """A qualifier said twice (至少…以上, 约…左右) means the same as said once."""
    f = Figure.parse(text)
    assert f.qualifier is qualifier
    assert str(f) == canonical
    assert f == Figure.parse(canonical)
    assert f.text == text


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("约100人以上", 5, "two qualifiers that disagree"),
        ("超过100人以下", 6, "two qualifiers that disagree"),
        ("100人以上以下", 6, "two qualifiers that disagree"),
        ("100人以下左右", 6, "two qualifiers that disagree"),
        ("近600余家", 4, "two qualifiers that disagree"),
        ("600余家以上", 5, "two qualifiers that disagree"),
        ("约超过100人", 1, "超过 conflicts with a qualifier before it"),
        ("不少于100人以下", 7, "two qualifiers that disagree"),
        ("至少不满100人", 2, "不满 conflicts with a qualifier before it"),
    ],
)
def test_conflicting_qualifiers_are_refused(text: str, position: int, reason: str) -> None:
    """Two qualifiers that disagree are refused at the word that disagrees."""
    error = _refusal(text)
    assert error.position == position
    assert error.reason == reason
    assert error.text == text
    assert str(error) == _message(text, position, reason)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("至少2期以上以下", 6),
        ("约100人左右以上", 7),
        ("不少于30家以上以下", 8),
    ],
)
def test_a_conflict_after_a_repeated_qualifier_is_placed_at_the_conflict(
    text: str, position: int
) -> None:
    """After a qualifier said twice, a disagreeing word is named where it stands."""
    error = _refusal(text)
    assert error.position == position
    assert str(error) == _message(text, position, "two qualifiers that disagree")


def test_a_qualifier_word_before_the_number_only_leads() -> None:
    """以上 is written after the figure: before the number it is not a qualifier."""
    error = _refusal("以上100人")
    assert error.position == 0
    assert str(error) == _message("以上100人", 0, "a number was expected")


# --- aspiration ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "aspirational", "qualifier"),
    [
        ("力争100项", True, EXACT),
        ("争取100项", True, EXACT),
        ("努力实现100项", True, EXACT),
        ("努力达到100项", True, EXACT),
        ("力求100项", True, EXACT),
        ("力争突破100项", True, MORE_THAN),
        ("力争100项以上", True, AT_LEAST),
        ("争取约100项", True, ABOUT),
        ("确保100项", False, EXACT),
        ("确保超过100项", False, MORE_THAN),
        ("达到100项", False, EXACT),
        ("100项", False, EXACT),
    ],
)
def test_aspiration_words_set_aspirational(
    text: str, aspirational: bool, qualifier: Qualifier
) -> None:
    """力争/争取/努力实现 mark a target to strive for; 确保 (a binding floor) does not."""
    f = Figure.parse(text)
    assert f.aspirational is aspirational
    assert f.qualifier is qualifier
    assert f.value == Quantity("100", "项")
    assert str(f).startswith("力争") is aspirational


def test_aspiration_does_not_change_the_range() -> None:
    """An aspiration changes what the figure promises, not the values it names."""
    assert Figure.parse("力争突破1500件").range == Figure.parse("突破1500件").range
    assert str(Figure.parse("力争突破1500件")) == "力争超过1500件"


# --- ranges as written ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "canonical"),
    [
        ("一至二门", Quantity("1", "门"), Quantity("2", "门"), "门", "1至2门"),
        ("3-5亿元", Money("3", "亿元"), Money("5", "亿元"), "亿元", "3至5亿元"),
        ("3～5亿元", Money("3", "亿元"), Money("5", "亿元"), "亿元", "3至5亿元"),
        ("3~5亿元", Money("3", "亿元"), Money("5", "亿元"), "亿元", "3至5亿元"),
        ("3至5亿元", Money("3", "亿元"), Money("5", "亿元"), "亿元", "3至5亿元"),
        ("3到5项", Quantity("3", "项"), Quantity("5", "项"), "项", "3至5项"),
        ("5 至 8 项", Quantity("5", "项"), Quantity("8", "项"), "项", "5至8项"),
        ("3万-5万元", Money("3", "万元"), Money("5", "万元"), "万元", "3至5万元"),
        (
            "3万至5亿人次",
            Quantity("3", "万人次"),
            Quantity("5", "亿人次"),
            "亿人次",
            "3万至5亿人次",
        ),
        ("3千元-5万元", Money("3", "千元"), Money("5", "万元"), "万元", "3千元至5万元"),
        ("两至三期", Quantity("2", "期"), Quantity("3", "期"), "期", "2至3期"),
    ],
)
def test_ranges_keep_both_ends(
    text: str, low: Quantity, high: Quantity, unit: str, canonical: str
) -> None:
    """A range (一至二门, 3-5亿元, 3～5亿元, 3至5亿元) keeps both ends, each in its unit."""
    f = Figure.parse(text)
    assert f.qualifier is RANGE
    assert f.value is not None
    assert f.upper is not None
    assert (f.value.magnitude, f.value.unit) == (low.magnitude, low.unit)
    assert (f.upper.magnitude, f.upper.unit) == (high.magnitude, high.unit)
    assert f.unit == unit
    assert f.text == text
    assert str(f) == canonical
    assert f.range == Range(low, high)


def test_range_separators_are_one_range() -> None:
    """-, ～, ~ and 至 all write the same range."""
    figures = {Figure.parse(t) for t in ("3-5亿元", "3～5亿元", "3~5亿元", "3至5亿元")}
    assert len(figures) == 1


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("5-3亿元", 0, "the range's low end is above its high end"),
        ("5万元-3元", 0, "the range's low end is above its high end"),
        ("约3-5亿元", 0, "a qualifier on a range"),
        ("3-5亿元以上", 5, "a qualifier on a range"),
        ("3人-5万元", 0, "人 and 万元 count different things"),
        ("3余-5亿元", 2, "a range after 余 or 多"),
        ("3-5余亿元", 3, "余 or 多 in a range"),
        ("-3-5亿元", 0, "a negative end of a range"),
        ("3-", 2, "a number was expected"),
        ("3-x亿元", 2, "a number was expected"),
        ("一至二", 3, "a unit was expected"),
    ],
)
def test_bad_ranges_are_refused(text: str, position: int, reason: str) -> None:
    """A range with ends out of order, a qualifier, 余, or no second end is refused."""
    error = _refusal(text)
    assert error.position == position
    assert str(error) == _message(text, position, reason)


# --- placeholders and alternatives ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "placeholder", "unit", "aspirational", "canonical"),
    [
        ("20xx万元", "20xx", "万元", False, "20xx万元"),
        ("20XX万元", "20XX", "万元", False, "20XX万元"),
        ("xx万元", "xx", "万元", False, "xx万元"),
        ("20xx项", "20xx", "项", False, "20xx项"),
        ("20xx人次", "20xx", "人次", False, "20xx人次"),
        ("力争20xx万元", "20xx", "万元", True, "力争20xx万元"),
    ],
)
def test_a_placeholder_is_an_unknown_figure(
    text: str, placeholder: str, unit: str, aspirational: bool, canonical: str
) -> None:
    """20xx万元 is a template placeholder: UNKNOWN, with no value, keeping its unit."""
    f = Figure.parse(text)
    assert f.value is None
    assert f.upper is None
    assert f.qualifier is UNKNOWN
    assert f.placeholder == placeholder
    assert f.unit == unit
    assert f.aspirational is aspirational
    assert f.is_known is False
    assert f.text == text
    assert str(f) == canonical
    assert f.range.is_known is False
    assert f.range.unit == unit


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("20xx万元以上", "以上"),
        ("约20xx万元", "约"),
        ("近20xx万元", "近"),
        ("超过20xx万元", "超过"),
        ("20xx万元以内", "以"),
    ],
)
def test_a_qualifier_on_a_placeholder_is_not_dropped(text: str, word: str) -> None:
    """A qualifier written on a placeholder (20xx万元以上) is kept or refused, never dropped."""
    outcome = _outcome(text)
    if isinstance(outcome, FigureParseError):
        assert outcome.text == text
    else:
        assert word in str(outcome)


@pytest.mark.parametrize(
    "text",
    ["52。6万册(份)", "52.6万册(份)", "52.6万册（份）"],
)
def test_an_alternative_unit_is_kept(text: str) -> None:
    """52。6万册(份) keeps 万册 as its unit and 份 as the alternative written in brackets."""
    f = Figure.parse(text)
    assert f.value is not None
    assert (f.value.magnitude, f.value.unit) == (Decimal("52.6"), "万册")
    assert f.unit == "万册"
    assert f.alternative_unit == "份"
    assert f.qualifier is EXACT
    assert f.text == text
    assert str(f) == "52.6万册(份)"
    assert f.value == Quantity("526000", "份")


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("52.6万册(份", 7, "a unit in brackets was expected"),
        ("52.6万册(", 7, "a unit in brackets was expected"),
        ("52.6万册(册)", 7, "a unit in brackets was expected"),
        ("52.6万册(科普读物)", 7, "a unit in brackets was expected"),
        ("5万元(份)", 4, "money takes no alternative unit"),
        ("5人(元)", 3, "money takes no alternative unit"),
    ],
)
def test_bad_alternative_units_are_refused(text: str, position: int, reason: str) -> None:
    """The unit in brackets must be a unit (not the figure's own, not money), closed by
    its bracket."""
    error = _refusal(text)
    assert error.position == position
    assert str(error) == _message(text, position, reason)


# --- numbers, scales and classifiers -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "magnitude", "unit", "value"),
    [
        ("1亿2000万元", "12000", "万元", Money("120000000", "元")),
        ("一亿二千万元", "12000", "万元", Money("120000000", "元")),
        ("三万五千人", "35000", "人", Quantity("35000", "人")),
        ("三万五千元", "35000", "元", Money("35000", "元")),
        ("1万2000元", "12000", "元", Money("12000", "元")),
        ("1万亿2000万元", "100002000", "万元", Money("1000020000000", "元")),
        ("2万人次", "2", "万人次", Quantity("20000", "人次")),
        ("1.5亿元", "1.5", "亿元", Money("150000000", "元")),
        ("1万亿元", "1", "万亿元", Money("1000000000000", "元")),
        ("二十万元", "20", "万元", Money("200000", "元")),
        ("三点五万元", "3.5", "万元", Money("35000", "元")),
        ("一百二十人", "120", "人", Quantity("120", "人")),
        ("〇项", "0", "项", Quantity("0", "项")),
        ("贰仟零伍元", "2005", "元", Money("2005", "元")),
        ("1,593,000元", "1593000", "元", Money("1593000", "元")),
        ("１００人", "100", "人", Quantity("100", "人")),
        ("5千元", "5", "千元", Money("5000", "元")),
        ("5百万元", "5", "百万元", Money("5000000", "元")),
        ("100元/亩", "100", "元/亩", Quantity("100", "元/亩")),
    ],
)
def test_scales_inside_the_number_and_before_the_unit(
    text: str, magnitude: str, unit: str, value: Quantity
) -> None:
    """Scales stand inside the number (1亿2000万元, 三万五千人) or before the unit (2万人次)."""
    f = Figure.parse(text)
    assert f.value is not None
    assert f.value.magnitude == Decimal(magnitude)
    assert f.value.unit == unit
    assert f.value == value


@pytest.mark.parametrize(("text", "value"), [("1万2千元", "12000"), ("12万5千元", "125000")])
def test_a_number_before_a_thousand_unit_is_not_misread(text: str, value: str) -> None:
    """1万2千元 is 12,000 元: read so, or refused — never 10002千元."""
    outcome = _outcome(text)
    if isinstance(outcome, FigureParseError):
        assert outcome.text == text
    else:
        assert outcome.value == Money(value, "元")


@pytest.mark.parametrize(
    ("text", "magnitude", "unit", "canonical"),
    [
        ("20个课时", "20", "课时", "20课时"),
        ("3个人", "3", "人", "3人"),
        ("五个项", "5", "项", "5项"),
        ("约20个课时", "20", "课时", "约20课时"),
        ("2100个", "2100", "个", "2100个"),
    ],
)
def test_ge_as_a_classifier(text: str, magnitude: str, unit: str, canonical: str) -> None:
    """个 before another measure word is a classifier: 20个课时 is 20 课时; alone it is 个."""
    f = Figure.parse(text)
    assert f.value is not None
    assert (f.value.magnitude, f.value.unit) == (Decimal(magnitude), unit)
    assert str(f) == canonical


def test_ge_twice_is_refused() -> None:
    """个个 is not a classifier before a unit: the second 个 is an unexpected character."""
    error = _refusal("20个个")
    assert error.position == 3
    assert str(error) == _message("20个个", 3, "an unexpected character")


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("", 0, "a figure was expected"),
        ("   ", 3, "a figure was expected"),
        ("万元", 0, "a number was expected"),
        ("元", 0, "a number was expected"),
        ("约", 1, "a number was expected"),
        ("力争", 2, "a number was expected"),
        ("159.3", 5, "a unit was expected"),
        ("十五", 2, "a unit was expected"),
        ("5.5亿卢布", 4, "an unknown unit"),
        ("5 million yuan", 2, "an unknown unit"),
        ("159.3.1万元", 5, "a second decimal point"),
        ("1。2。3万元", 3, "a second decimal point"),
        ("1e5万元", 1, "an unknown unit"),
        ("1_000万元", 1, "an unknown unit"),
        ("hello", 0, "a number was expected"),
        ("abc万元", 0, "a number was expected"),
        ("٣万元", 0, "a number was expected"),
        ("①万元", 0, "a number was expected"),
        ("५万元", 0, "a number was expected"),
        ("𝟓万元", 0, "a number was expected"),
        ("Ⅴ万元", 0, "a number was expected"),
        ("5٣万元", 1, "an unknown unit"),
        ("5²万元", 1, "an unknown unit"),
        ("159.3万万元", 6, "a second scale word"),
        ("1亿亿元", 2, "a second scale word"),
        ("5万%", 2, "'%' takes no scale word"),
        ("1,0000万元", 5, "a thousands group has more than three digits"),
        ("12,34元", 5, "a thousands group has fewer than three digits"),
        ("1234,567元", 4, "a thousands separator after more than three digits"),
        ("5万元。", 3, "an unexpected character"),
        ("5万元\n", 3, "an unexpected character"),
        ("5.5亿元 卢布", 6, "an unexpected character"),
        ("0余家", 1, "余 or 多 after zero"),
    ],
)
def test_unreadable_figures_are_refused(text: str, position: int, reason: str) -> None:
    """What is not a figure is refused with a FigureParseError naming the text and position."""
    error = _refusal(text)
    assert isinstance(error, ValueError)
    assert isinstance(error, SciplanError)
    assert isinstance(error, ParseError)
    assert error.text == text
    assert error.position == position
    assert error.reason == reason
    assert str(error) == _message(text, position, reason)


def test_thousands_of_digits_are_refused() -> None:
    """A number of thousands of digits is refused at the number, quoted shortened."""
    text = "1" * 5000 + "万元"
    error = _refusal(text)
    assert error.position == 0
    assert str(error) == _long_message(text, 0, "a number with more than 40 digits")


@pytest.mark.parametrize(
    "text",
    [
        "1" * 29 + "万元",
        "1" * 40 + "万元",
        "1" * 28 + ".5万元",
        "0." + "0" * 30 + "1万元",
    ],
)
def test_numbers_beyond_a_magnitude_are_parse_errors(text: str) -> None:
    """A number too large or too fine for a magnitude is a FigureParseError at the number."""
    error = _refusal(text)
    assert error.text == text
    assert error.position == 0
    assert str(error).startswith(f"cannot read figure {text!r}: a number ")


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("啊" * 100_000, 0, "a number was expected"),
        ("5万元" + "啊" * 100_000, 3, "an unexpected character"),
        ("5万元" + "#" * 100_000, 3, "an unexpected character"),
        ("1" * 100_000, 0, "a number with more than 40 digits"),
        ("５" * 100_000, 0, "a number with more than 40 digits"),
        ("一" * 100_000, 0, "a number with more than 40 digits"),
        ("1." * 50_000, 3, "a second decimal point"),
        ("1万" * 50_000, 3, "scales out of order"),
        ("十" * 100_000, 1, "十 out of order"),
        ("近约" * 50_000, 1, "约 conflicts with a qualifier before it"),
        ("5" + "个" * 100_000, 2, "an unexpected character"),
        ("亿" * 100_000, 0, "a number was expected"),
        (" " * 100_000, 100_000, "a figure was expected"),
    ],
)
def test_a_hundred_thousand_characters_of_junk(text: str, position: int, reason: str) -> None:
    """Long junk is refused at its first bad character, and the message stays short."""
    error = _refusal(text)
    assert error.position == position
    assert str(error) == _long_message(text, position, reason)
    assert len(str(error)) < 300


def test_a_hundred_thousand_placeholder_characters_are_refused() -> None:
    """A 'placeholder' of 100,000 x's is junk, not a template figure."""
    text = "2" + "x" * 100_000 + "万元"
    error = _refusal(text)
    assert error.text == text


@pytest.mark.parametrize(
    ("value", "got"),
    [(None, "NoneType"), (1.5, "float"), (5, "int"), (b"5", "bytes"), (Decimal("5"), "Decimal")],
)
def test_non_str_text_is_a_type_error(value: object, got: str) -> None:
    """Figure.parse takes a str: None, a float or anything else is a TypeError."""
    with pytest.raises(WrongTypeError) as excinfo:
        Figure.parse(value)  # type: ignore[arg-type]
    assert isinstance(excinfo.value, TypeError)
    assert isinstance(excinfo.value, SciplanError)
    assert str(excinfo.value) == f"figure text must be a str, not {got}"


# --- the canonical form --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("figure", "text"),
    [
        (Figure(Quantity("36", "项")), "36项"),
        (Figure(Quantity("30", "家"), qualifier=AT_LEAST), "30家以上"),
        (Figure(Quantity("1500", "件"), qualifier=MORE_THAN), "超过1500件"),
        (Figure(Quantity("5", "项"), qualifier=AT_MOST), "5项以下"),
        (Figure(Quantity("10", "人"), qualifier=LESS_THAN), "不满10人"),
        (Figure(Quantity("600", "家"), qualifier=ODD), "600余家"),
        (Figure(Quantity("2", "万人次"), qualifier=ODD), "2万余人次"),
        (Figure(Money("5.5", "万元"), qualifier=ODD), "5.5万余元"),
        (Figure(Money("5.5", "亿元"), qualifier=NEARLY), "近5.5亿元"),
        (Figure(Quantity("100", "人"), qualifier=ABOUT), "约100人"),
        (Figure(Quantity("1", "门"), qualifier=RANGE, upper=Quantity("2", "门")), "1至2门"),
        (Figure(Money("3", "万元"), "亿元", RANGE, upper=Money("5", "亿元")), "3万至5亿元"),
        (Figure(None, "万元", UNKNOWN, placeholder="20xx"), "20xx万元"),
        (Figure(Quantity("6000", "万元"), aspirational=True), "力争6000万元"),
        (Figure(Quantity("1500", "件"), qualifier=MORE_THAN, aspirational=True), "力争超过1500件"),
        (Figure(Quantity("52.6", "万册"), alternative_unit="份"), "52.6万册(份)"),
    ],
)
def test_str_is_the_canonical_form(figure: Figure, text: str) -> None:
    """str() writes a figure in one canonical form, which parses back to the same figure."""
    assert str(figure) == text
    assert figure.text == text
    assert f"{figure}" == text
    assert Figure.parse(text) == figure
    assert str(Figure.parse(text)) == text


@given(canonical_figures())
def test_parse_of_str_is_the_identity(figure: Figure) -> None:
    """parse∘str is the identity on canonical figures, and str is stable."""
    text = str(figure)
    again = Figure.parse(text)
    assert again == figure
    assert str(again) == text
    assert again.text == text
    assert again.range == figure.range


_LEADS = {
    AT_LEAST: ("不少于", "至少", "不低于"),
    MORE_THAN: ("超过", "多于", "突破"),
    AT_MOST: ("不超过", "不高于"),
    LESS_THAN: ("不满", "低于", "少于", "不足"),
    NEARLY: ("近", "将近", "接近"),
    ABOUT: ("约", "大约"),
    EXACT: ("", "达到"),
}
_TAILS = {AT_LEAST: ("以上",), AT_MOST: ("以下", "以内"), ABOUT: ("左右",), EXACT: ("",)}
_ASPIRATIONS = ("力争", "争取", "努力实现")


@st.composite
def written_figures(draw: st.DrawFn) -> tuple[str, Figure]:
    """A figure written with any of its qualifier's words, and the figure it means."""
    magnitude = draw(positive_magnitudes())
    unit = draw(st.sampled_from(MONEY_UNITS + COUNT_UNITS))
    qualifier = draw(st.sampled_from(sorted(set(_LEADS) | set(_TAILS), key=lambda q: q.value)))
    aspiration = draw(st.sampled_from(("", *_ASPIRATIONS)))
    lead = draw(st.sampled_from(_LEADS.get(qualifier, ("",))))
    tail = draw(st.sampled_from(_TAILS.get(qualifier, ("",))))
    if qualifier is not EXACT and not lead and not tail:
        lead = _LEADS.get(qualifier, ("",))[0]
    number = format(magnitude, "f")
    text = f"{aspiration}{lead}{number}{unit}{tail}"
    expected = Figure(Quantity(magnitude, unit), qualifier=qualifier, aspirational=bool(aspiration))
    return text, expected


@given(written_figures())
def test_every_written_form_reads_as_its_figure(case: tuple[str, Figure]) -> None:
    """Any word for a qualifier, before or after, with or without 力争, reads the same."""
    text, expected = case
    f = Figure.parse(text)
    assert f == expected
    assert f.text == text
    assert f.range == expected.range


@given(canonical_figures(), st.sampled_from(("啊", "#", "é", "。", "!", "\n")))
def test_junk_after_a_figure_is_refused_where_it_starts(figure: Figure, junk: str) -> None:
    """Junk after a whole figure is refused at the junk's first character."""
    text = str(figure) + junk * 3
    error = _refusal(text)
    assert error.position == len(str(figure))
    assert error.reason == "an unexpected character"


# --- figures built directly ----------------------------------------------------------------


def test_a_figure_built_directly() -> None:
    """Figure(Quantity, qualifier=…) takes its unit from the value and writes its text."""
    f = Figure(Quantity("30", "家"), qualifier=AT_LEAST)
    assert f.value == Quantity("30", "家")
    assert f.unit == "家"
    assert f.qualifier is AT_LEAST
    assert f.aspirational is False
    assert f.upper is None
    assert f.placeholder is None
    assert f.alternative_unit is None
    assert f.text == "30家以上"
    assert f == Figure.parse("30家以上")
    assert f.range == Range(Quantity("30", "家"), None, True, False)


def test_defaults_make_an_exact_figure() -> None:
    """A figure of a bare value is EXACT and not aspirational; Figure.exact says the same."""
    q = Money("159.3", "万元")
    assert Figure(q) == Figure.exact(q)
    assert Figure(q).qualifier is EXACT
    assert Figure(q).aspirational is False
    assert Figure.exact(q).text == "159.3万元"


def test_text_given_is_kept() -> None:
    """A text given to the constructor is kept as written."""
    f = Figure(Quantity("30", "家"), qualifier=AT_LEAST, text="不少于30家")
    assert f.text == "不少于30家"
    assert str(f) == "30家以上"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: Figure(Money("5", "万元"), qualifier=UNKNOWN),
            "invalid figure: an UNKNOWN figure has no value",
        ),
        (
            lambda: Figure(None, "万元", EXACT),
            "invalid figure: qualifier EXACT needs a value",
        ),
        (
            lambda: Figure(None, qualifier=UNKNOWN),
            "invalid figure: a figure without a value needs its unit",
        ),
        (
            lambda: Figure(Quantity("5", "项"), qualifier=RANGE),
            "invalid figure: a RANGE figure needs its upper end",
        ),
        (
            lambda: Figure(Quantity("5", "项"), upper=Quantity("6", "项")),
            "invalid figure: only a RANGE figure has an upper end",
        ),
        (
            lambda: Figure(Quantity("5", "项"), "家"),
            "invalid figure: unit '家' is not '项'",
        ),
        (
            lambda: Figure(Quantity("5", "项"), "万项"),
            "invalid figure: unit '万项' is not '项'",
        ),
        (
            lambda: Figure(Quantity("5", "项"), "家", RANGE, upper=Quantity("6", "项")),
            "invalid figure: unit '家' is not '项'",
        ),
        (
            lambda: Figure(Quantity("5", "项"), qualifier=RANGE, upper=Quantity("3", "项")),
            "invalid range: its low end 5项 is above 3项",
        ),
        (
            lambda: Figure(Money("1", "亿元"), qualifier=RANGE, upper=Money("9999", "万元")),
            "invalid range: its low end 1亿元 is above 9999万元",
        ),
        (
            lambda: Figure(Quantity("0", "家"), qualifier=ODD),
            "invalid figure: 余 or 多 needs a figure above zero",
        ),
        (
            lambda: Figure(Quantity("0.00", "万元"), qualifier=ODD),
            "invalid figure: 余 or 多 needs a figure above zero",
        ),
    ],
)
def test_impossible_figures_are_refused(make: object, message: str) -> None:
    """A figure whose parts cannot go together is an InvalidValueError, a ValueError."""
    with pytest.raises(InvalidValueError) as excinfo:
        make()  # type: ignore[operator]
    assert isinstance(excinfo.value, ValueError)
    assert isinstance(excinfo.value, SciplanError)
    assert str(excinfo.value) == message


def test_a_range_figure_of_two_dimensions_is_refused() -> None:
    """A RANGE figure whose ends count different things is a UnitMismatchError."""
    with pytest.raises(UnitMismatchError) as excinfo:
        Figure(Quantity("5", "项"), qualifier=RANGE, upper=Quantity("6", "家"))
    assert (
        str(excinfo.value)
        == "cannot make a range of '项' and '家': they are units of different things"
    )


def test_money_takes_no_alternative_unit() -> None:
    """Money counted another way is not money: an alternative of money is a
    UnitMismatchError."""
    with pytest.raises(UnitMismatchError) as excinfo:
        Figure(Quantity("52.6", "万元"), alternative_unit="项")
    assert isinstance(excinfo.value, TypeError)
    assert str(excinfo.value) == (
        "cannot write as alternatives '万元' and '项': they are units of different things"
    )


@pytest.mark.parametrize(
    ("text", "unit", "alternative", "canonical"),
    [
        ("500人(次)", "人", "人次", "500人(次)"),
        ("30场(次)", "场", "场次", "30场(次)"),
        ("200家(次)", "家", "家次", "200家(次)"),
        ("36万份(册)", "万份", "册", "36万份(册)"),
        ("52.6万册(项)", "万册", "项", "52.6万册(项)"),
        ("500人（人次）", "人", "人次", "500人(次)"),
    ],
)
def test_an_alternative_that_counts_something_else_is_read(
    text: str, unit: str, alternative: str, canonical: str
) -> None:
    """人(次) is 人 or 人次: the figure keeps its own unit and the alternative as said,
    even where the two count different things, and writes it back the short way."""
    f = Figure.parse(text)
    assert (f.unit, f.alternative_unit, str(f)) == (unit, alternative, canonical)
    assert Figure.parse(str(f)) == f


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Figure(5), "value must be a Quantity or None, not int"),  # type: ignore[arg-type]
        (lambda: Figure("5项"), "value must be a Quantity or None, not str"),  # type: ignore[arg-type]
        (
            lambda: Figure(Quantity("5", "项"), qualifier="exact"),  # type: ignore[arg-type]
            "qualifier must be a Qualifier, not str",
        ),
    ],
)
def test_wrong_types_are_refused(make: object, message: str) -> None:
    """A value that is not a Quantity, or a qualifier that is not a Qualifier, is a TypeError."""
    with pytest.raises(WrongTypeError) as excinfo:
        make()  # type: ignore[operator]
    assert isinstance(excinfo.value, TypeError)
    assert str(excinfo.value) == message


def test_an_unknown_unit_is_refused_by_the_constructor() -> None:
    """An UNKNOWN figure in a unit we do not know is an UnknownUnitError, a ValueError."""
    with pytest.raises(UnknownUnitError) as excinfo:
        Figure(None, "卢布", UNKNOWN)
    assert isinstance(excinfo.value, ValueError)
    assert str(excinfo.value) == "unknown unit '卢布'"


def test_figures_are_immutable() -> None:
    """A figure is frozen: change one with attrs.evolve."""
    f = Figure.parse("30家以上")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        f.qualifier = EXACT  # type: ignore[misc]
    g = attrs.evolve(f, qualifier=MORE_THAN, text="")
    assert str(g) == "超过30家"
    assert f.qualifier is AT_LEAST


# --- equality, hashing, repr ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("159.3万元", "159。3万元"),
        ("2100个", "２１００个"),
        ("2期", "两期"),
        ("30家以上", "不少于30家"),
        ("约100人", "100人左右"),
        ("力争100项", "争取100项"),
        ("超过1500件", "突破1500件"),
        ("3至5亿元", "3-5亿元"),
        ("52.6万册(份)", "52。6万册（份）"),
        ("20xx万元", "20xx万元"),
    ],
)
def test_equality_ignores_the_text(a: str, b: str) -> None:
    """Figures written alike are equal and hash alike whatever text they came from."""
    fa, fb = Figure.parse(a), Figure.parse(b)
    assert fa.text != fb.text or a == b
    assert fa == fb
    assert hash(fa) == hash(fb)
    assert len({fa, fb}) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("1亿元", "10000万元"),
        ("100人", "100名"),
        ("2万人次", "20000人次"),
        ("52.6万册(份)", "52.6万册"),
        ("100人", "约100人"),
        ("30家以上", "超过30家"),
        ("600余家", "600家以上"),
        ("100项", "力争100项"),
        ("20xx万元", "xx万元"),
        ("20xx万元", "20xx元"),
    ],
)
def test_equality_counts_qualifier_aspiration_and_written_units(a: str, b: str) -> None:
    """Figures differing in qualifier, aspiration or the units written are not equal."""
    fa, fb = Figure.parse(a), Figure.parse(b)
    assert fa != fb
    assert (fa == fb) is False


def test_equal_values_in_other_units_have_equal_ranges() -> None:
    """1亿元 and 10000万元 are different figures that allow the same value."""
    assert Figure.parse("1亿元") != Figure.parse("10000万元")
    assert Figure.parse("1亿元").range == Figure.parse("10000万元").range


def test_a_figure_is_not_equal_to_other_things() -> None:
    """A figure is not equal to its text or to its value."""
    f = Figure.parse("36项")
    assert f != "36项"
    assert f != Quantity("36", "项")


def test_figures_are_hashable_and_deduplicate() -> None:
    """Figures go in sets and dicts; equal figures are one key."""
    figures = [Figure.parse(t) for t in ("约100人", "100人左右", "大约100人", "100人", "力争100人")]
    assert len(set(figures)) == 3
    table = {Figure.parse("2万人次以上"): "target"}
    assert table[Figure.parse("2万人次及以上")] == "target"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("30家以上", "Figure('30家以上')"),
        ("不少于30家", "Figure('30家以上')"),
        ("力争突破1500件", "Figure('力争超过1500件')"),
        ("20xx万元", "Figure('20xx万元')"),
        ("一至二门", "Figure('1至2门')"),
        ("52。6万册(份)", "Figure('52.6万册(份)')"),
    ],
)
def test_repr_shows_the_canonical_form(text: str, shown: str) -> None:
    """repr() is Figure('<canonical form>')."""
    assert repr(Figure.parse(text)) == shown


# --- what the review of the foundation asked for ------------------------------------------


def test_a_figure_with_a_value_has_no_placeholder() -> None:
    """A placeholder belongs only to a figure without a value."""
    with pytest.raises(InvalidValueError) as excinfo:
        Figure(Quantity("5", "元"), placeholder="20xx")
    assert str(excinfo.value) == "invalid figure: a figure with a value has no placeholder"


@pytest.mark.parametrize("flag", ["no", 1, None])
def test_aspirational_must_be_a_bool(flag: object) -> None:
    """aspirational is a bool: a truthy string does not make a figure an aspiration."""
    with pytest.raises(WrongTypeError) as excinfo:
        Figure(Quantity("5", "元"), aspirational=flag)  # type: ignore[arg-type]
    assert str(excinfo.value) == f"aspirational must be a bool, not {type(flag).__name__}"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("159。3万元", Figure(Quantity("159.3", "万元"))),
        ("共计20个课时", Figure(Quantity("20", "课时"))),
        ("至少参加2期以上", Figure(Quantity("2", "期"), qualifier=Qualifier.AT_LEAST)),
    ],
)
def test_a_text_that_says_the_figure_is_kept(text: str, figure: Figure) -> None:
    """A figure built with the text it was read from keeps that text."""
    built = attrs.evolve(figure, text=text)
    assert built.text == text
    assert built == figure


@pytest.mark.parametrize(
    ("text", "figure", "shown"),
    [
        ("160万元", Figure(Quantity("159.3", "万元")), "159.3万元"),
        ("5元以上", Figure(Quantity("5", "元")), "5元"),
        ("not a figure", Figure(Quantity("5", "元")), "5元"),
    ],
)
def test_a_text_that_says_another_figure_is_refused(text: str, figure: Figure, shown: str) -> None:
    """A figure's text must say the figure: a document may give both, never disagreeing."""
    with pytest.raises(InvalidValueError) as excinfo:
        attrs.evolve(figure, text=text)
    assert str(excinfo.value) == f"invalid figure: its text {text!r} does not say {shown!r}"


def test_evolving_a_figure_asks_for_a_new_text() -> None:
    """Changing a parsed figure's qualifier with the old text left in place is refused."""
    f = Figure.parse("5元")
    with pytest.raises(InvalidValueError):
        attrs.evolve(f, qualifier=Qualifier.AT_LEAST)
    assert attrs.evolve(f, qualifier=Qualifier.AT_LEAST, text="").text == "5元以上"


@pytest.mark.parametrize("tolerance", [Decimal("-0.1"), Decimal("1"), Decimal("2")])
def test_a_tolerance_lies_between_zero_and_one(tolerance: Decimal) -> None:
    """约 and 近 reach a fraction of their figure: at least 0 and below 1."""
    with pytest.raises(InvalidValueError) as excinfo:
        Figure.parse("约1元").to_range(tolerance)
    assert str(excinfo.value) == f"invalid tolerance: {tolerance} is not at least 0 and below 1"


def test_a_space_before_the_scale_word_is_allowed() -> None:
    """5 万元 reads as 5万元: the scale word may follow its number after a space."""
    assert Figure.parse("5 万元") == Figure.parse("5万元")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("5千万元", Figure(Quantity("5000", "万元"))),
        ("3百亿元", Figure(Quantity("300", "亿元"))),
        ("3百万元", Figure(Quantity("3", "百万元"))),
        ("2千元", Figure(Quantity("2", "千元"))),
    ],
)
def test_thousands_of_ten_thousands(text: str, figure: Figure) -> None:
    """5千万元 is 5000万元, while 3百万元 stays 3 of the unit 百万元."""
    assert Figure.parse(text) == figure


@pytest.mark.parametrize("digits", [41, 1000, 100_000])
def test_long_runs_of_digits_after_the_point_are_refused(digits: int) -> None:
    """However many Chinese digits follow 点, the reader refuses past its limit, at 点's end."""
    with pytest.raises(FigureParseError) as excinfo:
        Figure.parse("三点" + "五" * digits + "元")
    assert excinfo.value.position == 2
    assert excinfo.value.reason == "more than 40 digits after 点"


def test_the_reader_and_the_enum_name_the_same_qualifiers() -> None:
    """The figure reader's qualifier kinds are exactly the names of Qualifier's members."""
    from sciplan_model import _scan

    assert set(_scan.KINDS) == {q.name for q in Qualifier}
    assert len(_scan.KINDS) == len(Qualifier)


# =============================================================================================
# --- the extended grammar: forms of issue 9 (traditional and full-width text, compound -----
# --- amounts, separators, dashes, alternatives, placeholders, rates, durations, multiples) --
# =============================================================================================


@pytest.mark.parametrize(
    ("text", "figure", "canonical"),
    [
        # text folded one for one: full-width forms, traditional characters
        ("６億８４５萬元", Figure(Money("60845", "万元")), "60845万元"),
        ("12萬項", Figure(Quantity("12", "万项")), "12万项"),
        ("3.5萬人次", Figure(Quantity("3.5", "万人次")), "3.5万人次"),
        ("30個", Figure(Quantity("30", "个")), "30个"),
        ("8場", Figure(Quantity("8", "场")), "8场"),
        ("3塊", Figure(Quantity("3", "块")), "3块"),
        ("30張", Figure(Quantity("30", "张")), "30张"),
        ("20噸", Figure(Quantity("20", "吨")), "20吨"),
        ("600餘家", Figure(Quantity("600", "家"), qualifier=ODD), "600余家"),
        ("約300人", Figure(Quantity("300", "人"), qualifier=ABOUT), "约300人"),
        ("超過80家", Figure(Quantity("80", "家"), qualifier=MORE_THAN), "超过80家"),
        ("將近100人", Figure(Quantity("100", "人"), qualifier=NEARLY), "近100人"),
        ("100人以內", Figure(Quantity("100", "人"), qualifier=AT_MOST), "100人以下"),
        ("不少於20家", Figure(Quantity("20", "家"), qualifier=AT_LEAST), "20家以上"),
        # compound amounts and thousands separators
        ("6億845萬元", Figure(Money("60845", "万元")), "60845万元"),
        ("6,957萬7千元", Figure(Money("69577", "千元")), "69577千元"),
        ("1亿2000万元", Figure(Money("12000", "万元")), "12000万元"),
        ("4,203萬元", Figure(Money("4203", "万元")), "4203万元"),
        ("1,234,567元", Figure(Money("1234567", "元")), "1234567元"),
        ("6億845萬元以上", Figure(Money("60845", "万元"), qualifier=AT_LEAST), "60845万元以上"),
        ("约6億845萬元", Figure(Money("60845", "万元"), qualifier=ABOUT), "约60845万元"),
        ("一亿二千余万元", Figure(Money("12000", "万元"), qualifier=ODD), "12000万余元"),
        ("三亿五千多万元", Figure(Money("35000", "万元"), qualifier=ODD), "35000万余元"),
        ("一万二千余万元", Figure(Money("12000", "万元"), qualifier=ODD), "12000万余元"),
        ("1亿2000余万元", Figure(Money("12000", "万元"), qualifier=ODD), "12000万余元"),
        ("2亿350多万元", Figure(Money("20350", "万元"), qualifier=ODD), "20350万余元"),
        # ranges with doubled and look-alike dashes
        (
            "1——2次",
            Figure(Quantity("1", "次"), qualifier=RANGE, upper=Quantity("2", "次")),
            "1至2次",
        ),
        (
            "1--2次",
            Figure(Quantity("1", "次"), qualifier=RANGE, upper=Quantity("2", "次")),
            "1至2次",
        ),
        (
            "1―2次",
            Figure(Quantity("1", "次"), qualifier=RANGE, upper=Quantity("2", "次")),
            "1至2次",
        ),
        (
            "1‑2次",
            Figure(Quantity("1", "次"), qualifier=RANGE, upper=Quantity("2", "次")),
            "1至2次",
        ),
        # bracketed alternatives that count something else; 万 alone as 万元
        ("30場(次)", Figure(Quantity("30", "场"), alternative_unit="场次"), "30场(次)"),
        ("2000份(册)", Figure(Quantity("2000", "份"), alternative_unit="册"), "2000份(册)"),
        ("1.2萬人(次)", Figure(Quantity("1.2", "万人"), alternative_unit="人次"), "1.2万人(次)"),
        ("30万元(含)以上", Figure(Money("30", "万元"), qualifier=AT_LEAST), "30万元以上"),
        ("20xx万以上", Figure(None, "万元", AT_LEAST, placeholder="20xx"), "20xx万元以上"),
        ("20xx萬以上", Figure(None, "万元", AT_LEAST, placeholder="20xx"), "20xx万元以上"),
        ("500万", Figure(Money("500", "万元")), "500万元"),
        # placeholders
        ("X万元", Figure(None, "万元", UNKNOWN, placeholder="X"), "X万元"),
        ("x家", Figure(None, "家", UNKNOWN, placeholder="x"), "x家"),
        ("xx项", Figure(None, "项", UNKNOWN, placeholder="xx"), "xx项"),
        ("×%", Figure(None, "%", UNKNOWN, placeholder="×"), "×%"),
        ("*个", Figure(None, "个", UNKNOWN, placeholder="*"), "*个"),
        ("**家", Figure(None, "家", UNKNOWN, placeholder="**"), "**家"),
        ("***人次", Figure(None, "人次", UNKNOWN, placeholder="***"), "***人次"),
        ("约20xx万元", Figure(None, "万元", ABOUT, placeholder="20xx"), "约20xx万元"),
        # rates, percentages, percentage points, multiples
        ("12件/百人年", Figure(Quantity("12", "件/百人年")), "12件/百人年"),
        ("每万人1.6件", Figure(Quantity("1.6", "件/万人")), "1.6件/万人"),
        ("每萬人1.6件", Figure(Quantity("1.6", "件/万人")), "1.6件/万人"),
        ("每百人年12件", Figure(Quantity("12", "件/百人年")), "12件/百人年"),
        ("每千人3人", Figure(Quantity("3", "人/千人")), "3人/千人"),
        (
            "每万人1.6件以上",
            Figure(Quantity("1.6", "件/万人"), qualifier=AT_LEAST),
            "1.6件/万人以上",
        ),
        ("百分之三十", Figure(Quantity("30", "%")), "30%"),
        ("百分之三十五点五", Figure(Quantity("35.5", "%")), "35.5%"),
        ("百分之三十以上", Figure(Quantity("30", "%"), qualifier=AT_LEAST), "30%以上"),
        ("百分之百", Figure(Quantity("100", "%")), "100%"),
        ("35.7％", Figure(Quantity("35.7", "%")), "35.7%"),
        ("0.4个百分点", Figure(Quantity("0.4", "个百分点")), "0.4个百分点"),
        ("2.6倍", Figure(Quantity("2.6", "倍")), "2.6倍"),
        ("10倍多", Figure(Quantity("10", "倍"), qualifier=ODD), "10余倍"),
        ("十倍多", Figure(Quantity("10", "倍"), qualifier=ODD), "10余倍"),
        # durations
        ("3年", Figure(Quantity("3", "年")), "3年"),
        ("6个月", Figure(Quantity("6", "个月")), "6个月"),
        ("3年多", Figure(Quantity("3", "年"), qualifier=ODD), "3余年"),
        (
            "1——2年内",
            Figure(Quantity("1", "年"), qualifier=RANGE, upper=Quantity("2", "年")),
            "1至2年",
        ),
        (
            "3至5年以内",
            Figure(Quantity("3", "年"), qualifier=RANGE, upper=Quantity("5", "年")),
            "3至5年",
        ),
        ("2年内", Figure(Quantity("2", "年"), qualifier=AT_MOST), "2年以下"),
        # foreign money
        ("500万美元", Figure(Money("500", "万美元")), "500万美元"),
        ("2億港元", Figure(Money("2", "亿港元")), "2亿港元"),
        ("300万欧元", Figure(Money("300", "万欧元")), "300万欧元"),
        # lead words, a short verb after a qualifier, a line break, 突破百项
        ("达45家", Figure(Quantity("45", "家")), "45家"),
        ("累计1.2亿元", Figure(Money("1.2", "亿元")), "1.2亿元"),
        ("共有30家", Figure(Quantity("30", "家")), "30家"),
        ("全年5亿元", Figure(Money("5", "亿元")), "5亿元"),
        ("至少参训3期以上", Figure(Quantity("3", "期"), qualifier=AT_LEAST), "3期以上"),
        ("至少参训\n3期以上", Figure(Quantity("3", "期"), qualifier=AT_LEAST), "3期以上"),
        ("不少于接受2次", Figure(Quantity("2", "次"), qualifier=AT_LEAST), "2次以上"),
        ("约\n500斤", Figure(Quantity("500", "斤"), qualifier=ABOUT), "约500斤"),
        ("约\r\n500斤", Figure(Quantity("500", "斤"), qualifier=ABOUT), "约500斤"),
        ("8500 亩", Figure(Quantity("8500", "亩")), "8500亩"),
        ("8500\xa0亩", Figure(Quantity("8500", "亩")), "8500亩"),
        ("1个\n百分点以上", Figure(Quantity("1", "个百分点"), qualifier=AT_LEAST), "1个百分点以上"),
        ("突破百项", Figure(Quantity("100", "项"), qualifier=MORE_THAN), "超过100项"),
        ("近千人", Figure(Quantity("1000", "人"), qualifier=NEARLY), "近1000人"),
        (
            "力争1——2年内",
            Figure(Quantity("1", "年"), "年", RANGE, True, Quantity("2", "年")),
            "力争1至2年",
        ),
    ],
)
def test_the_extended_forms_read_as_their_figure(text: str, figure: Figure, canonical: str) -> None:
    """Each extended form reads into its value, unit, qualifier, range and extras; str() reads back equal."""
    f = Figure.parse(text)
    assert f == figure
    assert f.text == text
    assert f.range == figure.range
    assert (f.unit, f.qualifier, f.alternative_unit, f.placeholder) == (
        figure.unit,
        figure.qualifier,
        figure.alternative_unit,
        figure.placeholder,
    )
    assert str(f) == canonical
    assert Figure.parse(str(f)) == f
    assert str(Figure.parse(str(f))) == canonical


@pytest.mark.parametrize(
    ("text", "magnitude", "unit", "value"),
    [
        ("6億845萬元", "60845", "万元", Money("608450000", "元")),
        ("6,957萬7千元", "69577", "千元", Money("69577000", "元")),
        ("1亿2000万元", "12000", "万元", Money("120000000", "元")),
        ("4,203萬元", "4203", "万元", Money("42030000", "元")),
        ("1,000萬5千元", "10005", "千元", Money("10005000", "元")),
        ("500万", "500", "万元", Money("5000000", "元")),
    ],
)
def test_a_compound_amount_is_exactly_its_sum(
    text: str, magnitude: str, unit: str, value: Money
) -> None:
    """6億845萬元 is 608,450,000 元 written in 万元; 6,957萬7千元 is 69,577,000 元 in 千元."""
    f = Figure.parse(text)
    assert f.value is not None
    assert (f.value.magnitude, f.value.unit) == (Decimal(magnitude), unit)
    assert f.value == value
    assert type(f.value) is Money


@pytest.mark.parametrize(
    ("text", "range_"),
    [
        ("一亿二千余万元", "(12000万元, 13000万元)"),
        ("1亿2000余万元", "(12000万元, 13000万元)"),
        ("3年多", "(3年, 4年)"),
        ("10倍多", "(10倍, 20倍)"),
        ("1——2年内", "[1年, 2年]"),
        ("20xx万以上", "unknown 万元"),
        ("每万人1.6件以上", "[1.6件/万人, ∞)"),
    ],
)
def test_the_extended_forms_mean_their_range(text: str, range_: str) -> None:
    """余 after a compound reaches one step of its last part; 1——2年内 is the span; a placeholder is unknown."""
    assert str(Figure.parse(text).range) == range_


def test_foreign_money_is_money_of_its_own_currency() -> None:
    """500万美元 is money in dollars: it does not add to 元 without a rate."""
    f = Figure.parse("500万美元")
    assert type(f.value) is Money
    assert f.value is not None
    assert f.value.dimension == "[money_USD]"
    assert Figure.parse("2亿港元").range.dimension == "[money_HKD]"
    with pytest.raises(UnitMismatchError):
        _ = f.value + Money("1", "万元")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("達到30家以上", "30家以上"),
        ("达45家", "45家"),
        ("累计1.2亿元", "1.2亿元"),
        ("共有30家", "30家"),
        ("全年5亿元", "5亿元"),
        ("１——２次", "1至2次"),
        ("３０場（次）", "30场(次)"),
    ],
)
def test_lead_words_and_folded_text_change_nothing(a: str, b: str) -> None:
    """Lead words (达 累计 共有 全年) and traditional or full-width text say the same figure as the plain form."""
    assert Figure.parse(a) == Figure.parse(b)
    assert Figure.parse(a).text == a


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        # rates and percentages
        ("每万人", 3, "a number was expected"),
        ("每万1.6件", 2, "a unit was expected after 每"),
        ("每1.6件", 1, "a unit was expected after 每"),
        ("每万人1.6", 6, "a unit was expected"),
        ("每万人百分之三十", 3, "百分之 after 每"),
        ("百分之", 3, "a number was expected"),
        ("百分之三万", 4, "a scale word after 百分之"),
        ("百分之三十万元", 5, "a scale word after 百分之"),
        ("12件/", 4, "a unit was expected after /"),
        ("12件/百", 4, "a unit was expected after /"),
        # placeholders
        ("20xx5万元", 4, "a digit after a placeholder"),
        ("×5%", 1, "a digit after a placeholder"),
        ("**", 2, "a unit was expected"),
        ("X万X元", 2, "an unexpected character"),
        ("20xx余万元", 4, "an unknown unit"),
        # ranges and durations
        ("1———2次", 3, "a number was expected"),
        ("1——2多年", 4, "余 or 多 in a range"),
        ("1——2年以上", 5, "a qualifier on a range"),
        ("3年多以上", 3, "two qualifiers that disagree"),
        ("约3年多", 3, "two qualifiers that disagree"),
        # compound amounts
        ("6億12345萬元", 2, "a part too large for the scale before it"),
        ("6,957萬17千元", 6, "a part too large for the scale before it"),
        ("6億845萬7元", 6, "a part after a scale must have 4 digits"),
        ("一亿三万二千余万元", 0, "a part too large for the scale before it"),
        ("1,23万元", 4, "a thousands group has fewer than three digits"),
        # alternatives, 万 alone, line breaks
        ("5万(次)", 3, "money takes no alternative unit"),
        ("300万美元(次)", 7, "money takes no alternative unit"),
        ("500人(次)(次)", 7, "an unexpected character"),
        ("5万农户", 2, "an unknown unit"),
        ("约\n\n500斤", 2, "a number was expected"),
        ("1个\n\n百分点", 2, "an unexpected character"),
    ],
)
def test_malformed_extended_forms_are_refused(text: str, position: int, reason: str) -> None:
    """A malformed rate, percentage, placeholder, range, compound or alternative is refused where it goes wrong."""
    error = _refusal(text)
    assert error.text == text
    assert error.position == position
    assert error.reason == reason
    assert str(error) == _message(text, position, reason)


@given(canonical_figures())
def test_a_canonical_figure_reads_the_same_in_traditional_and_full_width_text(
    figure: Figure,
) -> None:
    """A canonical figure written in full-width digits and traditional characters reads back the same."""
    text = str(figure)
    wide = text.translate({c: c + 0xFEE0 for c in range(ord("0"), ord("9") + 1)})
    traditional = wide.translate(
        str.maketrans("万亿项个余约超过场块张吨", "萬億項個餘約超過場塊張噸")
    )
    f = Figure.parse(traditional)
    assert f == figure
    assert f.text == traditional
