"""Tests of ``sciplan_model.quantity``: exact, immutable, unit-aware ``Quantity`` and
``Money``, their parsing, arithmetic and ``total()``."""

from __future__ import annotations

import decimal
import functools
import operator
import pickle
import subprocess
import sys
import textwrap
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import attrs
import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciplan_model import (
    DivisionByZeroError,
    EmptyTotalError,
    Figure,
    FigureParseError,
    InexactResultError,
    InvalidMagnitudeError,
    InvalidValueError,
    Money,
    Quantity,
    SciplanError,
    UnitMismatchError,
    UnknownUnitError,
    WrongTypeError,
    total,
    unit_info,
    ureg,
)
from sciplan_model._exact import magnitude_problem
from strategies import (
    AREA_UNITS,
    COUNT_WORDS,
    MONEY_UNITS,
    SCALES,
    any_quantity,
    decimals,
    quantities_of,
)

Q = Quantity
M = Money

# -- independent facts the properties check against ----------------------------------------

_SCALE_POWER = {"": 0, "万": 4, "亿": 8, "万亿": 12}
_MONEY_FACTOR = {
    "元": 1,
    "千元": 10**3,
    "万元": 10**4,
    "百万元": 10**6,
    "亿元": 10**8,
    "万亿元": 10**12,
}
_PAIRS = (("人", "名"), ("场", "场次"), ("份", "册"))
_WORD_GROUPS = (
    *_PAIRS,
    *((w,) for w in COUNT_WORDS if not any(w in pair for pair in _PAIRS)),
)

#: Each dimension's units (as tests/strategies.py writes them), one group per dimension.
GROUPS: list[tuple[str, ...]] = [
    MONEY_UNITS,
    *(tuple(scale + w for scale in SCALES for w in words) for words in _WORD_GROUPS),
    AREA_UNITS,
]
#: The same, without 公顷 (15亩): every unit of a group is then a power of ten of
#: every other, so any sum can be written exactly in the finest unit of its items.
DECIMAL_GROUPS: list[tuple[str, ...]] = [tuple(u for u in g if u != "公顷") for g in GROUPS]


def factor(unit: str) -> int:
    """The exact size of ``unit`` in its dimension's base unit, from the issue's table."""
    if unit in _MONEY_FACTOR:
        return _MONEY_FACTOR[unit]
    for scale in ("万亿", "亿", "万"):
        if unit.startswith(scale):
            return 10 ** _SCALE_POWER[scale] * factor(unit[len(scale) :])
    return 15 if unit == "公顷" else 1


def word_of(unit: str) -> str:
    """The word ``unit`` is written with, without its scale (千元 is 元, 万公顷 is 公顷)."""
    if unit in _MONEY_FACTOR:
        return "元"
    for scale in ("万亿", "亿", "万"):
        if unit.startswith(scale):
            return unit[len(scale) :]
    return unit


FORBIDDEN = (
    decimal.InvalidOperation,
    RecursionError,
    AttributeError,
    KeyError,
    IndexError,
    pint.errors.PintError,
)


def canonical(q: Quantity) -> Decimal:
    """The value of ``q`` in its dimension's base unit, computed without the library."""
    with decimal.localcontext() as ctx:
        ctx.prec = 200
        return q.magnitude * factor(q.unit)


def assert_our_error(exc: BaseException) -> None:
    """An error is one of ours, and none of the leaks the issue forbids."""
    assert isinstance(exc, SciplanError), repr(exc)
    assert not isinstance(exc, FORBIDDEN), repr(exc)


def assert_type_error_or_ours(exc: BaseException) -> None:
    """An operator's error is one of ours or Python's plain TypeError for a foreign operand."""
    if not isinstance(exc, SciplanError):
        assert type(exc) is TypeError, repr(exc)


# -- strategies of this module (tests/strategies.py is shared and left alone) -------------


def same_dimension_lists(
    signed: bool = True, max_size: int = 25
) -> st.SearchStrategy[list[Quantity]]:
    """Non-empty lists of quantities of one dimension, in mixed units (公顷 left out)."""
    return st.sampled_from(DECIMAL_GROUPS).flatmap(
        lambda units: st.lists(quantities_of(units, signed=signed), min_size=1, max_size=max_size)
    )


def exact_targets(unit: str) -> tuple[str, ...]:
    """Units that any amount in ``unit`` converts to exactly (公顷 is 15亩: not exact)."""
    return next(g for g in DECIMAL_GROUPS if unit in g or (unit == "公顷" and "亩" in g))


BAD_OBJECTS = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(),
    st.binary(max_size=6),
    st.fractions(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.tuples(st.integers()),
    st.builds(object),
    st.just(Decimal),
    st.just(Ellipsis),
)
MAGNITUDE_LIKE = st.one_of(
    st.integers(),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(alphabet="0123456789.-+eE_, ١２", max_size=40),
    st.text(max_size=20),
    BAD_OBJECTS,
)
FIGURE_ALPHABET = (
    "0123456789０１２.。,-−~～至到余多万亿萬億千百十一二两三四五六七八九〇零壹贰拾佰仟点"
    "元项个家人名次期场户份册张件种套课时门亩公顷%/()以上下内约近超过不少于左右力争xX×美e_ \t"
)
TEXTS = st.text(alphabet=FIGURE_ALPHABET, max_size=24) | st.text(max_size=24)


# -- construction ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("magnitude", "expected"),
    [
        (36, Decimal(36)),
        (0, Decimal(0)),
        (-5, Decimal(-5)),
        ("159.3", Decimal("159.3")),
        ("159.30", Decimal("159.30")),
        ("-2", Decimal(-2)),
        ("+5", Decimal(5)),
        (".5", Decimal("0.5")),
        ("0159", Decimal(159)),
        (Decimal("159.3"), Decimal("159.3")),
        (Decimal("1.5E+3"), Decimal(1500)),
        ("1" * 28, Decimal("1" * 28)),
        (10**27, Decimal(10**27)),
        (Decimal("1E+27"), Decimal(10**27)),
        (Decimal("1E-28"), Decimal("1E-28")),
        (Decimal("9.999999999999999999999999999E+27"), Decimal("9999999999999999999999999999")),
    ],
)
def test_construction_from_int_str_and_decimal(magnitude: object, expected: Decimal) -> None:
    """A magnitude may be an int, a plain decimal str or a Decimal, and is held exactly."""
    q = Quantity(magnitude, "万元")  # type: ignore[arg-type]
    assert type(q.magnitude) is Decimal
    assert q.magnitude == expected
    assert q.unit == "万元"


def test_magnitude_and_unit_are_kept_as_written() -> None:
    """magnitude and unit are kept as written: trailing zeros and the scale word stay."""
    q = Quantity("159.30", "万元")
    assert q.unit == "万元"
    assert q.magnitude.as_tuple() == Decimal("159.30").as_tuple()
    assert str(q) == "159.30万元"


@pytest.mark.parametrize(
    ("value", "got"),
    [
        (159.3, "float"),
        (0.0, "float"),
        (float("nan"), "float"),
        (True, "bool"),
        (False, "bool"),
        (None, "NoneType"),
        (Fraction(1, 2), "Fraction"),
        (b"1", "bytes"),
        ([1], "list"),
        (1 + 0j, "complex"),
    ],
)
@pytest.mark.parametrize("cls", [Quantity, Money])
def test_wrong_magnitude_types_are_refused(cls: type[Quantity], value: object, got: str) -> None:
    """A float, bool or other non-number is a WrongTypeError (a TypeError) naming the field."""
    with pytest.raises(WrongTypeError) as excinfo:
        cls(value, "元")  # type: ignore[arg-type]
    assert isinstance(excinfo.value, TypeError)
    assert excinfo.value.field == "magnitude"
    assert excinfo.value.expected == "an int, str or Decimal"
    assert excinfo.value.got == got
    assert str(excinfo.value) == f"magnitude must be an int, str or Decimal, not {got}"


@pytest.mark.parametrize(
    ("value", "shown", "reason"),
    [
        (Decimal("NaN"), "NaN", "not a finite number"),
        (Decimal("-NaN"), "-NaN", "not a finite number"),
        (Decimal("sNaN"), "sNaN", "not a finite number"),
        (Decimal("Infinity"), "Infinity", "not a finite number"),
        (Decimal("-Infinity"), "-Infinity", "not a finite number"),
        ("NaN", "NaN", "not a plain decimal number"),
        ("Infinity", "Infinity", "not a plain decimal number"),
        ("inf", "inf", "not a plain decimal number"),
        ("1e5", "1e5", "not a plain decimal number"),
        ("1E5", "1E5", "not a plain decimal number"),
        ("1_000", "1_000", "not a plain decimal number"),
        ("1,000", "1,000", "not a plain decimal number"),
        (" 1", " 1", "not a plain decimal number"),
        ("1 ", "1 ", "not a plain decimal number"),
        ("", "", "not a plain decimal number"),
        ("-", "-", "not a plain decimal number"),
        (".", ".", "not a plain decimal number"),
        ("1.2.3", "1.2.3", "not a plain decimal number"),
        ("１２", "１２", "not a plain decimal number"),
        ("١٢", "١٢", "not a plain decimal number"),
        ("五", "五", "not a plain decimal number"),
        ("1" * 29, "1" * 29, "more than 28 significant digits"),
        ("0." + "1" * 29, "0." + "1" * 29, "more than 28 significant digits"),
        (10**28, "10000000000000000000000000000", "more than 28 significant digits"),
        (Decimal("1E+28"), "1E+28", "too large or too finely divided"),
        (Decimal("1E-29"), "1E-29", "too large or too finely divided"),
        (Decimal("1E+999999"), "1E+999999", "too large or too finely divided"),
        (Decimal("-1E-999999"), "-1E-999999", "too large or too finely divided"),
    ],
)
def test_invalid_magnitudes_are_refused(value: object, shown: str, reason: str) -> None:
    """NaN, infinities, non-plain strings and absurd sizes are an InvalidMagnitudeError."""
    with pytest.raises(InvalidMagnitudeError) as excinfo:
        Quantity(value, "元")  # type: ignore[arg-type]
    assert isinstance(excinfo.value, ValueError)
    assert excinfo.value.value == shown
    assert excinfo.value.reason == reason
    assert excinfo.value.field == "magnitude"
    assert str(excinfo.value) == f"invalid magnitude {shown!r}: {reason}"


@pytest.mark.parametrize("bits", [101, 133, 201, 10_000])
def test_huge_ints_are_refused_without_converting_them(bits: int) -> None:
    """An int far beyond 28 digits is refused by its size in bits."""
    with pytest.raises(InvalidMagnitudeError) as excinfo:
        Quantity(2 ** (bits - 1), "元")
    assert str(excinfo.value) == f"invalid magnitude 'an int of {bits} bits': more than 28 digits"


def test_a_long_string_is_refused_and_clipped_in_the_message() -> None:
    """A magnitude string of thousands of digits is refused; the message shortens it."""
    text = "9" * 5000
    with pytest.raises(InvalidMagnitudeError) as excinfo:
        Quantity(text, "元")
    assert excinfo.value.value == text
    assert str(excinfo.value) == (
        "invalid magnitude " + repr("9" * 40 + "…" + "9" * 40) + " (5000 characters): "
        "not a plain decimal number"
    )


@pytest.mark.parametrize(
    "value", ["-0", "-0.0", Decimal("-0"), Decimal("-0E+5"), Decimal("-0E-40"), "+0", 0]
)
def test_negative_zero_becomes_zero(value: object) -> None:
    """-0 is normalised to 0: no sign survives on a zero."""
    q = Quantity(value, "元")  # type: ignore[arg-type]
    assert q.magnitude == 0
    assert not q.magnitude.is_signed()
    assert not str(q).startswith("-")


@pytest.mark.parametrize(
    "make",
    [
        lambda: -Quantity("0", "元"),
        lambda: Quantity("5", "元") - Quantity("5", "元"),
        lambda: Quantity("0", "元") * -1,
        lambda: Quantity("0", "元") / Decimal("-2"),
        lambda: total([Quantity("1", "万元"), Quantity("-10000", "元")]),
        lambda: Quantity("-0", "万元").compact(),
    ],
)
def test_arithmetic_never_gives_negative_zero(make: Callable[[], Quantity]) -> None:
    """Results that are zero carry no minus sign."""
    q = make()
    assert q.magnitude == 0
    assert not q.magnitude.is_signed()
    assert str(q) in {"0元", "0万元"}


@pytest.mark.parametrize(
    ("unit", "message"),
    [
        ("卢布", "unknown unit '卢布'"),
        ("", "unknown unit ''"),
        ("m", "unknown unit 'm'"),
        ("万千元", "unknown unit '万千元': '千元' takes no scale word"),
        ("2*元", "unknown unit '2*元'"),
    ],
)
def test_unknown_units_are_refused_by_the_constructor(unit: str, message: str) -> None:
    """An unknown unit is our UnknownUnitError (a ValueError), never pint's error."""
    with pytest.raises(UnknownUnitError) as excinfo:
        Quantity("1", unit)
    assert isinstance(excinfo.value, ValueError)
    assert not isinstance(excinfo.value, pint.errors.PintError)
    assert str(excinfo.value) == message


@pytest.mark.parametrize(("unit", "got"), [(None, "NoneType"), (1, "int"), (Decimal(1), "Decimal")])
def test_a_non_str_unit_is_refused_by_the_constructor(unit: object, got: str) -> None:
    """A unit that is not a str is a WrongTypeError naming the unit field."""
    with pytest.raises(WrongTypeError) as excinfo:
        Quantity("1", unit)  # type: ignore[arg-type]
    assert str(excinfo.value) == f"unit must be a str, not {got}"


@pytest.mark.parametrize(
    ("unit", "dimension", "is_money", "is_count"),
    [
        ("万元", "[money]", True, False),
        ("项", "[项]", False, True),
        ("万人次", "[人次]", False, True),
        ("名", "[人]", False, True),
        ("亩", "[area]", False, False),
    ],
)
def test_dimension_and_kind(unit: str, dimension: str, is_money: bool, is_count: bool) -> None:
    """A quantity tells its dimension and whether it is money or a count."""
    q = Quantity("1", unit)
    assert q.dimension == dimension
    assert q.is_money is is_money
    assert q.is_count is is_count


# -- Money -----------------------------------------------------------------------------------


@pytest.mark.parametrize("unit", MONEY_UNITS)
def test_money_takes_every_currency_unit(unit: str) -> None:
    """Money accepts every money unit (元 千元 万元 百万元 亿元 万亿元)."""
    m = Money("2", unit)
    assert m.is_money
    assert isinstance(m, Quantity)
    assert m.unit == unit


@pytest.mark.parametrize("unit", ["项", "万人次", "亩", "%", "元/亩", "万元/项"])
def test_money_refuses_non_currency_units(unit: str) -> None:
    """Money("1", "项") is refused: Money's unit must be a currency."""
    with pytest.raises(InvalidValueError) as excinfo:
        Money("1", unit)
    assert isinstance(excinfo.value, ValueError)
    assert excinfo.value.what == "Money"
    assert str(excinfo.value) == f"invalid Money: {unit!r} is not a unit of money"


@pytest.mark.parametrize(
    "make",
    [
        lambda: Quantity("1", "元"),
        lambda: Quantity(5, "万亿元"),
        lambda: Quantity.parse("159.3万元"),
        lambda: attrs.evolve(Quantity("1", "项"), unit="万元"),
        lambda: pickle.loads(pickle.dumps(Quantity("1", "千元"))),
    ],
)
def test_every_quantity_of_money_is_money(make: Callable[[], Quantity]) -> None:
    """However a quantity of money is made, it is a Money."""
    assert type(make()) is Money


def test_money_arithmetic_stays_money() -> None:
    """Sums, conversions and scalings of money are Money."""
    a = Money("1", "亿元")
    for result in (a + Money("1", "元"), a.to("元"), a.compact(), a * 2, a / 4, -a, abs(a)):
        assert isinstance(result, Money)


# -- to() ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "unit", "text"),
    [
        (Q("159.3", "万元"), "元", "1593000元"),
        (Q("1.5", "亿元"), "元", "150000000元"),
        (Q("1.5", "亿元"), "万元", "15000万元"),
        (Q("1", "元"), "万元", "0.0001万元"),
        (Q("1", "万元"), "千元", "10千元"),
        (Q("1", "万亿元"), "元", "1000000000000元"),
        (Q(Decimal("1.5E+3"), "万元"), "元", "15000000元"),
        (Q("1.50", "万元"), "元", "15000元"),
        (Q("2", "万人次"), "人次", "20000人次"),
        (Q("3", "名"), "人", "3人"),
        (Q("52.6", "万册"), "份", "526000份"),
        (Q("4.5", "万亩"), "亩", "45000亩"),
        (Q("1", "公顷"), "亩", "15亩"),
        (Q("-2", "亿元"), "万元", "-20000万元"),
        (Q("0", "亿元"), "元", "0元"),
    ],
)
def test_to_converts_exactly_without_exponent(q: Quantity, unit: str, text: str) -> None:
    """to() gives the same value in another unit of the dimension, written without exponent."""
    converted = q.to(unit)
    assert converted.unit == unit
    assert str(converted) == text
    assert "E" not in str(converted)
    assert converted == q


def test_to_keeps_the_original() -> None:
    """to() returns a new quantity and leaves the original as written."""
    q = Quantity("159.3", "万元")
    q.to("元")
    assert (q.magnitude, q.unit) == (Decimal("159.3"), "万元")


@pytest.mark.parametrize(
    ("q", "unit"),
    [(Q("1", "元"), "人次"), (Q("5", "项"), "家"), (Q("1", "亩"), "元"), (Q("1", "人"), "人次")],
)
def test_to_another_dimension_is_a_unit_mismatch(q: Quantity, unit: str) -> None:
    """to() into another dimension raises UnitMismatchError, which is also a TypeError."""
    with pytest.raises(UnitMismatchError) as excinfo:
        q.to(unit)
    assert isinstance(excinfo.value, TypeError)
    assert (excinfo.value.left, excinfo.value.right) == (q.unit, unit)
    assert excinfo.value.operation == "convert between"
    assert str(excinfo.value) == (
        f"cannot convert between {q.unit!r} and {unit!r}: they are units of different things"
    )


def test_to_an_unknown_unit_is_refused() -> None:
    """to() an unknown unit is an UnknownUnitError."""
    with pytest.raises(UnknownUnitError) as excinfo:
        Quantity("1", "元").to("卢布")
    assert str(excinfo.value) == "unknown unit '卢布'"


def test_to_never_rounds() -> None:
    """A conversion with no exact decimal result raises InexactResultError instead of rounding."""
    with pytest.raises(InexactResultError) as excinfo:
        Quantity("1", "亩").to("公顷")
    assert isinstance(excinfo.value, ArithmeticError)
    assert "1亩" in excinfo.value.operation
    assert "公顷" in excinfo.value.operation
    assert str(excinfo.value).endswith("has no exact decimal result; nothing is rounded silently")


# -- compact() -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("magnitude", "unit", "text"),
    [
        ("1593000", "元", "159.3万元"),
        ("150000000", "元", "1.5亿元"),
        ("20000", "人次", "2万人次"),
        ("9999", "元", "9999元"),
        ("9999.99", "元", "9999.99元"),
        ("10000", "元", "1万元"),
        ("10000.00", "元", "1万元"),
        ("15000", "万元", "1.5亿元"),
        ("1000", "千元", "100万元"),
        ("5", "千元", "5000元"),
        ("1", "百万元", "100万元"),
        ("-1593000", "元", "-159.3万元"),
        ("-0.5", "亿元", "-5000万元"),
        ("0", "万元", "0元"),
        ("0.5", "万元", "5000元"),
        ("0.0001", "万元", "1元"),
        ("100000000", "万元", "1万亿元"),
        ("10000000000000000", "元", "10000万亿元"),
        ("45000", "亩", "4.5万亩"),
        ("30000", "名", "3万名"),
        ("30000", "册", "3万册"),
        ("120000000", "人次", "1.2亿人次"),
        ("2", "万人次", "2万人次"),
        ("5", "%", "5%"),
        ("30000", "元/亩", "30000元/亩"),
    ],
)
def test_compact_picks_the_largest_scale_keeping_magnitude_at_least_one(
    magnitude: str, unit: str, text: str
) -> None:
    """compact() uses the largest of 万, 亿, 万亿 keeping |magnitude| ≥ 1, else the base unit."""
    q = Quantity(magnitude, unit)
    c = q.compact()
    assert str(c) == text
    assert c == q


# -- showing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "text", "representation"),
    [
        (Q("159.3", "万元"), "159.3万元", "Money('159.3', '万元')"),
        (M("1593000", "元"), "1593000元", "Money('1593000', '元')"),
        (Q("2", "万人次"), "2万人次", "Quantity('2', '万人次')"),
        (Q("-2", "万元"), "-2万元", "Money('-2', '万元')"),
        (Q("159.30", "万元"), "159.30万元", "Money('159.30', '万元')"),
        (Q(Decimal("1.5E+3"), "元"), "1500元", "Money('1500', '元')"),
        (Q(Decimal("1E-28"), "元"), "0.0000000000000000000000000001元", None),
        (Q("3", "元/亩"), "3元/亩", "Quantity('3', '元/亩')"),
        (Q("5", "%"), "5%", "Quantity('5', '%')"),
    ],
)
def test_str_and_repr(q: Quantity, text: str, representation: str | None) -> None:
    """str() is the Chinese form as written; repr() names the class, magnitude and unit."""
    assert str(q) == text
    if representation is not None:
        assert repr(q) == representation
        assert eval(representation, {"Quantity": Quantity, "Money": Money}) == q


# -- to_pint() -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "base", "base_magnitude"),
    [
        (Q("159.3", "万元"), "元", Decimal(1593000)),
        (Q("2", "万人次"), "人次", Decimal(20000)),
        (Q("4.5", "万亩"), "亩", Decimal(45000)),
        (Q("1", "万亿元"), "元", Decimal(10**12)),
    ],
)
def test_to_pint_gives_a_quantity_of_our_registry(
    q: Quantity, base: str, base_magnitude: Decimal
) -> None:
    """to_pint() is a pint quantity of sciplan_model.ureg with the same magnitude and unit."""
    p = q.to_pint()
    assert isinstance(p, ureg.Quantity)
    assert type(p.magnitude) is Decimal
    assert p.magnitude == q.magnitude
    assert p.units == ureg.Unit(q.unit)
    assert p.to(base).magnitude == base_magnitude


def test_to_pint_quantities_convert_in_a_fresh_process() -> None:
    """to_pint() of any unit converts to its base unit, even before pint has cached anything."""
    script = textwrap.dedent(
        """
        from sciplan_model import Quantity
        for unit in ("名", "场次", "册", "千元", "百万元", "公顷", "万名", "万元", "人"):
            p = Quantity("3", unit).to_pint()
            print(unit, p.to_base_units())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "名 3 人",
        "场次 3 场",
        "册 3 份",
        "千元 3000 元",
        "百万元 3000000 元",
        "公顷 45 亩",
        "万名 30000 人",
        "万元 30000 元",
        "人 3 人",
    ]


def test_to_pint_of_a_per_unit_figure() -> None:
    """to_pint() of 3元/亩 is 3 of the pint unit 元 / 亩."""
    p = Quantity("3", "元/亩").to_pint()
    assert p.magnitude == Decimal(3)
    assert p.units == ureg.Unit("元") / ureg.Unit("亩")


# -- equality and hashing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (Q("1", "亿元"), Q("10000", "万元")),
        (Q("1", "亿元"), Q("100000000", "元")),
        (M("1", "元"), Q("1", "元")),
        (M("1", "万元"), Q("10", "千元")),
        (Q("1.50", "元"), Q("1.5", "元")),
        (Q("1", "万亿元"), Q("10000", "亿元")),
        (Q("1", "百万元"), Q("100", "万元")),
        (Q("3", "人"), Q("3", "名")),
        (Q("2", "场"), Q("2", "场次")),
        (Q("1", "万份"), Q("10000", "册")),
        (Q("2", "万人次"), Q("20000", "人次")),
        (Q("1", "公顷"), Q("15", "亩")),
        (Q("0", "元"), Q("0", "亿元")),
        (Q(Decimal("1E-10"), "元"), Q(Decimal("1E-14"), "万元")),
        (Q("-1.5", "亿元"), Q("-15000", "万元")),
    ],
)
def test_equality_and_hash_are_by_value(a: Quantity, b: Quantity) -> None:
    """Equal values are equal and hash alike, whatever their spelling or class."""
    assert a == b
    assert b == a
    assert (a != b) is False
    assert hash(a) == hash(b)
    assert len({a, b}) == 1
    assert {a: "x"}[b] == "x"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (Q("1.0000000", "元"), Q("1", "元")),
        (Q("2.000000000", "项"), Q("2", "项")),
        (Q(Decimal("0.0000001"), "万元"), Q("0.001", "元")),
        (Q("0.10000000", "万元"), Q("1000", "元")),
    ],
)
def test_equal_values_hash_alike_whatever_their_trailing_zeros(a: Quantity, b: Quantity) -> None:
    """Equal quantities hash alike even when one is written with many trailing zeros."""
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (Q("1", "亿元"), Q("1", "万元")),
        (Q("1", "项"), Q("1", "家")),
        (Q("1", "元"), Q("1", "项")),
        (Q("1", "人"), Q("1", "人次")),
        (Q("1", "场"), Q("1", "期")),
        (Q("0", "元"), Q("0", "项")),
    ],
)
def test_different_values_or_dimensions_are_unequal(a: Quantity, b: Quantity) -> None:
    """Quantities of different values, or of different things, are not equal."""
    assert a != b
    assert (a == b) is False
    assert len({a, b}) == 2


@pytest.mark.parametrize("other", [1, 0, Decimal(1), "1元", None, 1.0])
def test_a_quantity_never_equals_a_non_quantity(other: object) -> None:
    """A quantity is not equal to a bare number or a string."""
    q = Quantity("1", "元")
    zero = Quantity("0", "元")
    assert q != other
    assert zero != other
    assert (q == other) is False


def test_quantities_work_as_set_members_and_dict_keys() -> None:
    """Sets and dicts treat equal values written differently as one key."""
    amounts = {M("1", "亿元"), Q("10000", "万元"), M("100000000", "元"), M("1", "万元")}
    assert len(amounts) == 2
    table = {Q("2", "万人次"): "trained"}
    assert table[Q("20000", "人次")] == "trained"


# -- immutability, pickling, evolve ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [("magnitude", Decimal(2)), ("unit", "亿元"), ("_canon", Decimal(0)), ("extra", 1)],
)
def test_quantities_are_immutable(name: str, value: object) -> None:
    """Setting any attribute of a quantity raises attrs' FrozenInstanceError."""
    q = Money("1", "万元")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(q, name, value)
    assert (q.magnitude, q.unit) == (Decimal(1), "万元")
    assert q == Money("10000", "元")


def test_deleting_an_attribute_is_refused() -> None:
    """A quantity's attributes cannot be deleted."""
    q = Quantity("1", "项")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del q.unit
    assert q.unit == "项"


@pytest.mark.parametrize(
    "q",
    [
        Q("159.3", "万元"),
        M("1", "元"),
        Q("2", "万人次"),
        Q("3", "元/亩"),
        Q("159.30", "万元"),
        Q(Decimal("1E-28"), "元"),
        Q("-0.5", "亿元"),
    ],
)
def test_pickle_round_trip(q: Quantity) -> None:
    """A quantity survives pickle with its class, magnitude, unit and value."""
    back = pickle.loads(pickle.dumps(q))
    assert type(back) is type(q)
    assert back == q
    assert back.unit == q.unit
    assert back.magnitude.as_tuple() == q.magnitude.as_tuple()
    assert hash(back) == hash(q)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: Q(Decimal("1E-28"), "元").to("万亿元"), id="to-finer-than-1E-28"),
        pytest.param(lambda: Q(Decimal("1E+27"), "万亿元").to("元"), id="to-beyond-28-digits"),
        pytest.param(lambda: Q("1" * 28, "元") * 10**27, id="product-beyond-28-digits"),
        pytest.param(lambda: Q(Decimal("1E-28"), "元") / 10**27, id="quotient-finer-than-1E-28"),
        pytest.param(lambda: total([Q("9" * 28, "万亿元")] * 20), id="total-beyond-28-digits"),
    ],
)
def test_results_beyond_the_input_limits_stay_exact(make: Callable[[], Quantity]) -> None:
    """A result past the limits of a new magnitude is kept exact and survives pickle; only
    the constructor, which guards what enters, refuses to build it from scratch."""
    q = make()
    assert magnitude_problem(q.magnitude) is not None
    back = pickle.loads(pickle.dumps(q))
    assert back == q
    assert back.magnitude.as_tuple() == q.magnitude.as_tuple()
    with pytest.raises(InvalidMagnitudeError):
        Quantity(q.magnitude, q.unit)


def test_attrs_evolve_makes_a_changed_copy() -> None:
    """attrs.evolve gives a new quantity with the changed magnitude or unit."""
    q = Quantity("1", "项")
    assert attrs.evolve(q, magnitude="2") == Quantity("2", "项")
    assert attrs.evolve(q, unit="家") == Quantity("1", "家")
    m = Money("1", "万元")
    assert attrs.evolve(m, magnitude="2") == Money("2", "万元")
    assert attrs.evolve(m, unit="亿元") == Money("1", "亿元")
    assert q == Quantity("1", "项")
    assert m == Money("1", "万元")


def test_attrs_evolve_checks_like_the_constructor() -> None:
    """attrs.evolve refuses what the constructor refuses: floats, and non-money for Money."""
    with pytest.raises(WrongTypeError) as excinfo:
        attrs.evolve(Money("1", "万元"), magnitude=1.5)
    assert str(excinfo.value) == "magnitude must be an int, str or Decimal, not float"
    with pytest.raises(InvalidValueError) as excinfo2:
        attrs.evolve(Money("1", "万元"), unit="项")
    assert str(excinfo2.value) == "invalid Money: '项' is not a unit of money"


# -- + and - ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "magnitude", "unit"),
    [
        (Q("1", "亿元"), Q("1", "万元"), "10001", "万元"),
        (Q("1", "万元"), Q("1", "亿元"), "10001", "万元"),
        (Q("1", "千元"), Q("1", "万元"), "11", "千元"),
        (Q("1", "万亿元"), Q("1", "元"), "1000000000001", "元"),
        (Q("11", "万元"), Q("51.3", "万元"), "62.3", "万元"),
        (Q("0.1", "元"), Q("0.2", "元"), "0.3", "元"),
        (Q("2", "万人次"), Q("5", "人次"), "20005", "人次"),
        (Q("1", "人"), Q("2", "名"), "3", "人"),
        (Q("1", "公顷"), Q("1", "亩"), "16", "亩"),
        (Q("-3", "万元"), Q("1", "亿元"), "9997", "万元"),
    ],
)
def test_addition_is_exact_in_the_finer_unit(
    a: Quantity, b: Quantity, magnitude: str, unit: str
) -> None:
    """a + b is exact and written in the finer of the two units (1亿元 + 1万元 → 10001万元)."""
    s = a + b
    assert s.unit == unit
    assert s.magnitude == Decimal(magnitude)
    assert str(s) == magnitude + unit


@pytest.mark.parametrize(
    ("items", "value"),
    [
        ([Q("1", "公顷"), Q("1", "万亩")], Q("10015", "亩")),
        ([Q("0", "公顷"), Q("1", "万亩")], Q("10000", "亩")),
        ([Q("2", "公顷"), Q("1", "亩")], Q("31", "亩")),
    ],
)
def test_sums_mixing_hectares_and_mu_are_exact(items: list[Quantity], value: Quantity) -> None:
    """Area in 公顷 and in 万亩/亩 adds up exactly, by + and by total(), whatever the unit."""
    assert functools.reduce(operator.add, items) == value
    assert total(items) == value
    assert total(items, unit="亩") == value


@pytest.mark.parametrize(
    ("a", "b", "magnitude", "unit"),
    [
        (Q("1", "亿元"), Q("1", "万元"), "9999", "万元"),
        (Q("1", "万元"), Q("1", "亿元"), "-9999", "万元"),
        (Q("159.3", "万元"), Q("97", "万元"), "62.3", "万元"),
        (Q("0.3", "元"), Q("0.1", "元"), "0.2", "元"),
        (Q("5", "场次"), Q("2", "场"), "3", "场次"),
    ],
)
def test_subtraction_is_exact_in_the_finer_unit(
    a: Quantity, b: Quantity, magnitude: str, unit: str
) -> None:
    """a - b is exact and written in the finer of the two units."""
    d = a - b
    assert d.unit == unit
    assert d.magnitude == Decimal(magnitude)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (Q("5", "项"), Q("3", "人次")),
        (Q("1", "万元"), Q("1", "人次")),
        (Q("5", "项"), Q("3", "家")),
        (Q("1", "亩"), Q("1", "元")),
        (Q("1", "万元"), Q("1", "元/亩")),
        (Q("1", "人"), Q("1", "人次")),
    ],
)
@pytest.mark.parametrize(
    ("op", "operation"),
    [(operator.add, "add"), (operator.sub, "subtract"), (operator.truediv, "divide")],
)
def test_arithmetic_across_dimensions_is_a_unit_mismatch(
    a: Quantity, b: Quantity, op: Callable[[object, object], object], operation: str
) -> None:
    """Adding, subtracting or dividing things of different dimensions raises UnitMismatchError."""
    with pytest.raises(UnitMismatchError) as excinfo:
        op(a, b)
    assert isinstance(excinfo.value, TypeError)
    assert (excinfo.value.left, excinfo.value.right) == (a.unit, b.unit)
    assert excinfo.value.operation == operation
    assert str(excinfo.value) == (
        f"cannot {operation} {a.unit!r} and {b.unit!r}: they are units of different things"
    )


@pytest.mark.parametrize(
    "op",
    [
        lambda q: q + 1,
        lambda q: 1 + q,
        lambda q: q + 0,
        lambda q: q - 0,
        lambda q: 0 - q,
        lambda q: q + 1.0,
        lambda q: 0.0 + q,
        lambda q: Decimal(0) + q,
        lambda q: False + q,
        lambda q: q + "1元",
        lambda q: q + None,
        lambda q: q * q,
        lambda q: q * "2",
        lambda q: q * True,
        lambda q: q / True,
        lambda q: q / None,
        lambda q: 3 / q,
        lambda q: q < 1,
        lambda q: q <= Decimal(1),
        lambda q: q > 0,
        lambda q: q >= "1元",
        lambda q: operator.lt(-1, q),
    ],
)
def test_arithmetic_with_non_quantities_is_a_type_error(op: Callable[[Quantity], object]) -> None:
    """Anything but a quantity of the same dimension (or 0 on the left of +) is a TypeError."""
    with pytest.raises(TypeError):
        op(Money("1", "万元"))


def test_zero_on_the_left_makes_sum_work() -> None:
    """0 + q is q, so that sum() works on quantities."""
    q = Money("1", "万元")
    assert 0 + q == q
    assert sum([Money("11", "万元"), Money("97", "万元"), Money("51.3", "万元")]) == Money(
        "159.3", "万元"
    )
    assert sum([Money("1", "亿元"), Money("1", "万元")]) == Money("10001", "万元")
    assert sum([q]) is q


def test_sum_of_mixed_dimensions_is_a_unit_mismatch() -> None:
    """sum() of money and a count raises UnitMismatchError."""
    with pytest.raises(UnitMismatchError) as excinfo:
        sum([Money("1", "万元"), Quantity("1", "项")])
    assert str(excinfo.value) == "cannot add '万元' and '项': they are units of different things"


def test_unary_operators() -> None:
    """-q, +q and abs(q) keep the unit and change only the sign."""
    q = Quantity("-2.5", "万元")
    assert str(-q) == "2.5万元"
    assert (+q) == q
    assert str(abs(q)) == "2.5万元"
    assert bool(q) is True
    assert bool(Quantity("0", "万元")) is False


# -- comparisons -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "lt", "le", "gt", "ge"),
    [
        (Q("1", "亿元"), Q("9999", "万元"), False, False, True, True),
        (Q("1", "亿元"), Q("10000", "万元"), False, True, False, True),
        (Q("1", "千元"), Q("1", "万元"), True, True, False, False),
        (Q("0.99", "万元"), Q("9901", "元"), True, True, False, False),
        (Q("-1", "亿元"), Q("1", "元"), True, True, False, False),
        (Q("2", "万人次"), Q("19999", "人次"), False, False, True, True),
        (Q("3", "名"), Q("3", "人"), False, True, False, True),
        (Q("1", "公顷"), Q("14.9", "亩"), False, False, True, True),
    ],
)
def test_ordering_across_units_of_one_dimension(
    a: Quantity, b: Quantity, lt: bool, le: bool, gt: bool, ge: bool
) -> None:
    """<, <=, >, >= compare values exactly across units of one dimension."""
    assert (a < b) is lt
    assert (a <= b) is le
    assert (a > b) is gt
    assert (a >= b) is ge


def test_sorting_and_max_use_the_value() -> None:
    """sorted() and max() order quantities by value, whatever their units."""
    items = [Q("1", "亿元"), Q("1", "元"), Q("1", "万元"), Q("1", "千元")]
    assert [str(q) for q in sorted(items)] == ["1元", "1千元", "1万元", "1亿元"]
    assert str(max(items)) == "1亿元"
    assert str(min(items)) == "1元"


@pytest.mark.parametrize(
    "op", [operator.lt, operator.le, operator.gt, operator.ge], ids=["lt", "le", "gt", "ge"]
)
def test_comparison_across_dimensions_is_a_unit_mismatch(
    op: Callable[[object, object], bool],
) -> None:
    """Comparing 项 with 家 (or 元 with 人次) raises UnitMismatchError."""
    with pytest.raises(UnitMismatchError) as excinfo:
        op(Quantity("1", "项"), Quantity("1", "家"))
    assert str(excinfo.value) == "cannot compare '项' and '家': they are units of different things"
    with pytest.raises(UnitMismatchError):
        op(Money("1", "元"), Quantity("1", "人次"))


# -- * and / ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("result", "text"),
    [
        (Q("1.5", "万元") * 2, "3万元"),
        (2 * Q("1.5", "万元"), "3万元"),
        (Q("2", "万元") * Decimal("0.5"), "1万元"),
        (Decimal("0.5") * Q("2", "万元"), "1万元"),
        (Q("36", "项") * -1, "-36项"),
        (Q("10", "元") / 4, "2.5元"),
        (Q("10", "元") / Decimal("0.5"), "20元"),
        (Q("2", "万元") / Decimal("4"), "0.5万元"),
        (Q("159.3", "万元") / 3, "53.1万元"),
        (Q("0.1", "元") * 3, "0.3元"),
    ],
)
def test_multiplication_and_division_by_a_number(result: Quantity, text: str) -> None:
    """* and / by an int or Decimal are exact and keep the unit."""
    assert str(result) == text


@pytest.mark.parametrize(
    ("op", "field"),
    [
        (lambda q: q * 1.5, "the number to multiply by"),
        (lambda q: 1.5 * q, "the number to multiply by"),
        (lambda q: q / 1.5, "the number to divide by"),
        (lambda q: q / 0.0, "the number to divide by"),
    ],
)
def test_multiplying_or_dividing_by_a_float_is_refused(
    op: Callable[[Quantity], object], field: str
) -> None:
    """* or / by a float is a WrongTypeError (a TypeError) naming the operand."""
    with pytest.raises(WrongTypeError) as excinfo:
        op(Money("1", "元"))
    assert isinstance(excinfo.value, TypeError)
    assert excinfo.value.field == field
    assert excinfo.value.got == "float"
    assert str(excinfo.value) == f"{field} must be an int or Decimal, not float"


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        (Decimal("NaN"), "not a finite number"),
        (Decimal("Infinity"), "not a finite number"),
        (Decimal("1E+999999"), "too large or too finely divided"),
        (10**40, "more than 28 digits"),
    ],
)
def test_multiplying_by_an_absurd_number_is_refused(number: object, reason: str) -> None:
    """* or / by NaN, an infinity or an absurd size is an InvalidMagnitudeError."""
    for op, field in ((operator.mul, "multiply"), (operator.truediv, "divide")):
        with pytest.raises(InvalidMagnitudeError) as excinfo:
            op(Money("1", "元"), number)
        assert excinfo.value.field == f"the number to {field} by"
        assert excinfo.value.reason == reason


@pytest.mark.parametrize(
    ("q", "n", "operation"),
    [
        (Q("10", "元"), 3, "10元 / 3"),
        (Q("1", "万元"), 7, "1万元 / 7"),
        (Q("1", "项"), Decimal("0.3"), "1项 / 0.3"),
    ],
)
def test_inexact_division_is_refused_not_rounded(q: Quantity, n: object, operation: str) -> None:
    """A division with no exact decimal result raises InexactResultError; nothing is rounded."""
    with pytest.raises(InexactResultError) as excinfo:
        q / n
    assert isinstance(excinfo.value, ArithmeticError)
    assert not isinstance(excinfo.value, decimal.DecimalException)
    assert excinfo.value.operation == operation
    assert str(excinfo.value) == (
        f"{operation} has no exact decimal result; nothing is rounded silently"
    )


@pytest.mark.parametrize(
    ("q", "divisor", "operation"),
    [
        (Q("10", "元"), 0, "10元 / 0"),
        (Q("10", "元"), Decimal("0.00"), "10元 / 0.00"),
        (Q("10", "元"), Q("0", "万元"), "10元 / 0万元"),
        (Q("-3", "项"), Q("0", "项"), "-3项 / 0项"),
    ],
)
def test_division_by_zero(q: Quantity, divisor: object, operation: str) -> None:
    """Dividing by zero (a number or a zero quantity) raises DivisionByZeroError."""
    with pytest.raises(DivisionByZeroError) as excinfo:
        q / divisor
    assert isinstance(excinfo.value, ZeroDivisionError)
    assert excinfo.value.operation == operation
    assert str(excinfo.value) == f"{operation} divides by zero"


@pytest.mark.parametrize(
    ("q", "divisor", "operation"),
    [
        (Q("0", "元"), 0, "0元 / 0"),
        (Q("0", "元"), Q("0", "万元"), "0元 / 0万元"),
    ],
)
def test_zero_divided_by_zero_is_a_division_by_zero(
    q: Quantity, divisor: object, operation: str
) -> None:
    """0 / 0 divides by zero too: DivisionByZeroError, not an inexact result."""
    with pytest.raises(DivisionByZeroError) as excinfo:
        q / divisor
    assert isinstance(excinfo.value, ZeroDivisionError)
    assert str(excinfo.value) == f"{operation} divides by zero"


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        (Q("1", "亿元"), Q("1", "万元"), Decimal(10000)),
        (Q("51.3", "万元"), Q("159.3", "万元"), Decimal("0.3220338983050847457627118644")),
        (Q("1", "万元"), Q("3", "元"), Decimal("3333.333333333333333333333333")),
        (Q("2", "万人次"), Q("8000", "人次"), Decimal("2.5")),
        (Q("2", "名"), Q("3", "人"), Decimal("0.6666666666666666666666666667")),
        (Q("-1", "元"), Q("4", "元"), Decimal("-0.25")),
    ],
)
def test_ratio_of_one_dimension_is_a_decimal_at_28_digits(
    a: Quantity, b: Quantity, ratio: Decimal
) -> None:
    """q / q of one dimension is a Decimal ratio, rounded (only here) to 28 significant digits."""
    r = a / b
    assert type(r) is Decimal
    assert r == ratio
    assert len(r.as_tuple().digits) <= 28


# -- parse -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "magnitude", "unit"),
    [
        ("159.3万元", "159.3", "万元"),
        ("159。3万元", "159.3", "万元"),
        ("２１００个", "2100", "个"),
        ("两期", "2", "期"),
        ("20个课时", "20", "课时"),
        ("1,593,000元", "1593000", "元"),
        ("三万五千人", "35000", "人"),
        ("1.5亿元", "1.5", "亿元"),
        ("2万人次", "2", "万人次"),
        ("4.5万亩", "4.5", "万亩"),
        ("36项", "36", "项"),
        ("0元", "0", "元"),
        ("壹佰元", "100", "元"),
        ("一百二十项", "120", "项"),
        ("〇元", "0", "元"),
        ("1万亿元", "1", "万亿元"),
        ("3千元", "3", "千元"),
        ("5%", "5", "%"),
        ("3元/亩", "3", "元/亩"),
        ("1.5万元/项", "1.5", "万元/项"),
        ("１２３元", "123", "元"),
    ],
)
def test_quantity_parse_of_plain_figures(text: str, magnitude: str, unit: str) -> None:
    """Quantity.parse reads plain figures: full-width, 。, separators, Chinese numerals, 个."""
    q = Quantity.parse(text)
    assert q.magnitude == Decimal(magnitude)
    assert q.unit == unit


def test_parse_with_scales_inside_the_number() -> None:
    """Scales inside the number count: 1亿2000万元 is 1.2亿元."""
    q = Quantity.parse("1亿2000万元")
    assert q == Money("1.2", "亿元")
    assert q.is_money


@pytest.mark.parametrize(
    ("text", "cls"),
    [("159.3万元", Money), ("1.5亿元", Money), ("36项", Quantity), ("2万人次", Quantity)],
)
def test_quantity_parse_gives_money_for_currencies(text: str, cls: type[Quantity]) -> None:
    """Quantity.parse gives Money when the unit is a currency."""
    assert type(Quantity.parse(text)) is cls


@pytest.mark.parametrize("text", ["159.3万元", "1,593,000元", "三千元", "1.5亿元"])
def test_money_parse_of_money(text: str) -> None:
    """Money.parse reads money figures and gives Money."""
    m = Money.parse(text)
    assert isinstance(m, Money)
    assert m == Quantity.parse(text)


@pytest.mark.parametrize(
    ("text", "position", "snippet"),
    [
        ("2万人次以上", 4, "以上"),
        ("600余家", 3, "余家"),
        ("约100人", 0, "约100人"),
        ("超过1500件", 0, "超过1500件"),
        ("近5.5亿元", 0, "近5.5亿元"),
        ("至少2期以上", 0, "至少2期以上"),
        ("20xx万元", 0, "20xx万元"),
        ("3-5亿元", 0, "3-5亿元"),
        ("一至二门", 0, "一至二门"),
    ],
)
@pytest.mark.parametrize("cls", [Quantity, Money])
def test_parse_refuses_qualified_figures(
    cls: type[Quantity], text: str, position: int, snippet: str
) -> None:
    """A qualified figure is a FigureParseError that says to use Figure.parse."""
    with pytest.raises(FigureParseError) as excinfo:
        cls.parse(text)
    error = excinfo.value
    assert isinstance(error, ValueError)
    assert (error.text, error.position) == (text, position)
    assert error.reason == "a qualified figure (read it with Figure.parse)"
    assert str(error) == (
        f"cannot read figure {text!r}: a qualified figure (read it with Figure.parse) "
        f"at position {position} ({snippet!r})"
    )


@pytest.mark.parametrize(
    ("text", "unit"), [("5项", "项"), ("2万人次", "万人次"), ("3元/亩", "元/亩")]
)
def test_money_parse_refuses_non_money(text: str, unit: str) -> None:
    """Money.parse("5项") is a FigureParseError: 项 is not a unit of money."""
    with pytest.raises(FigureParseError) as excinfo:
        Money.parse(text)
    assert excinfo.value.text == text
    assert excinfo.value.reason == f"{unit} is not a unit of money"
    assert str(excinfo.value) == (
        f"cannot read figure {text!r}: {unit} is not a unit of money at position 1 ({unit!r})"
    )


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("力争100人", 0, "words before the number (read it with Figure.parse)"),
        ("共计20个课时", 0, "words before the number (read it with Figure.parse)"),
        ("培训5期", 0, "words before the number (read it with Figure.parse)"),
        ("52.6万册(份)", 6, "an alternative unit (read it with Figure.parse)"),
    ],
)
def test_parse_refuses_what_only_a_figure_holds(text: str, position: int, reason: str) -> None:
    """Words before the number and an alternative unit belong to a Figure, not a Quantity."""
    with pytest.raises(FigureParseError) as excinfo:
        Quantity.parse(text)
    assert (excinfo.value.position, excinfo.value.reason) == (position, reason)
    assert Figure.parse(text).value is not None


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("", 0, "a figure was expected"),
        ("100", 3, "a unit was expected"),
        ("元", 0, "a number was expected"),
        ("5.5亿卢布", 4, "an unknown unit"),
        ("159.3.1万元", 5, "a second decimal point"),
        ("1e5万元", 1, "an unknown unit"),
        ("1_000万元", 1, "an unknown unit"),
        ("hello", 0, "a number was expected"),
        ("١٢٣元", 0, "a number was expected"),
        ("159.3万万元", 6, "a second scale word"),
        ("5项3", 2, "an unexpected character"),
        ("1" * 1000 + "元", 0, "a number with more than 40 digits"),
    ],
)
def test_parse_refuses_what_is_not_a_figure(text: str, position: int, reason: str) -> None:
    """Text that is not a figure is a FigureParseError naming the text and position."""
    with pytest.raises(FigureParseError) as excinfo:
        Quantity.parse(text)
    assert isinstance(excinfo.value, ValueError)
    assert (excinfo.value.text, excinfo.value.position) == (text, position)
    assert excinfo.value.reason == reason


@pytest.mark.parametrize(("value", "got"), [(None, "NoneType"), (1, "int"), (1.5, "float")])
def test_parse_of_a_non_str_is_a_type_error(value: object, got: str) -> None:
    """Quantity.parse of something that is not text is a WrongTypeError."""
    with pytest.raises(WrongTypeError) as excinfo:
        Quantity.parse(value)  # type: ignore[arg-type]
    assert str(excinfo.value) == f"figure text must be a str, not {got}"


# -- total() ---------------------------------------------------------------------------------


def test_total_of_the_pian3_statement() -> None:
    """The parts of 篇3's "共…其中…" statement add up exactly to its totals."""
    assert total([Q("5", "项"), Q("24", "项"), Q("7", "项")]) == Q("36", "项")
    funding = total([M("11", "万元"), M("97", "万元"), M("51.3", "万元")])
    assert str(funding) == "159.3万元"
    assert isinstance(funding, Money)


@pytest.mark.parametrize(
    ("items", "unit", "text"),
    [
        ([M("1", "亿元"), M("1", "万元"), M("1", "元")], None, "100010001元"),
        ([M("1", "亿元"), M("1", "万元")], None, "10001万元"),
        ([M("1", "万元"), M("1", "亿元")], None, "10001万元"),
        ([M("1", "亿元"), M("1", "千元")], None, "100001千元"),
        ([M("1", "亿元"), M("1", "万元")], "亿元", "1.0001亿元"),
        ([M("1", "亿元"), M("1", "万元")], "元", "100010000元"),
        ([M("1", "亿元"), M("1", "万元")], "千元", "100010千元"),
        ([M("1", "元")], "亿元", "0.00000001亿元"),
        ([M("0.1", "元"), M("0.2", "元")], None, "0.3元"),
        ([Q("1", "人"), Q("2", "名")], "人", "3人"),
        ([Q("2", "万人次"), Q("300", "人次")], None, "20300人次"),
        ([Q("1", "亩"), Q("1", "公顷")], None, "16亩"),
        ([M("5", "万元"), M("-5", "万元")], None, "0万元"),
    ],
)
def test_total_of_mixed_units(items: list[Quantity], unit: str | None, text: str) -> None:
    """total() is exact over mixed units, in the finest unit or in unit= when given."""
    assert str(total(items, unit=unit)) == text


def test_total_of_nothing_needs_a_unit() -> None:
    """total([]) raises EmptyTotalError (a ValueError): it cannot know which zero to give."""
    for empty in ([], (), iter([])):
        with pytest.raises(EmptyTotalError) as excinfo:
            total(empty)
        assert isinstance(excinfo.value, ValueError)
        assert str(excinfo.value) == (
            "total() of no quantities needs unit= to know which zero to return"
        )


@pytest.mark.parametrize(("unit", "cls"), [("项", Quantity), ("万元", Money), ("万人次", Quantity)])
def test_total_of_nothing_with_a_unit_is_zero(unit: str, cls: type[Quantity]) -> None:
    """total([], unit=…) is a zero of that unit."""
    z = total([], unit=unit)
    assert type(z) is cls
    assert z.unit == unit
    assert z.magnitude == 0
    assert str(z) == "0" + unit


def test_total_of_nothing_with_an_unknown_unit_is_refused() -> None:
    """total([], unit="卢布") is an UnknownUnitError."""
    with pytest.raises(UnknownUnitError) as excinfo:
        total([], unit="卢布")
    assert str(excinfo.value) == "unknown unit '卢布'"


@pytest.mark.parametrize(
    ("items", "unit", "left", "right"),
    [
        ([M("1", "元"), Q("1", "项")], None, "元", "项"),
        ([Q("1", "项"), M("1", "元")], None, "元", "项"),
        ([Q("5", "项"), Q("3", "家")], None, "家", "项"),
        ([M("1", "元")], "项", "元", "项"),
        ([Q("1", "人"), Q("1", "人次")], None, "人", "人次"),
    ],
)
def test_total_of_mixed_dimensions_is_a_unit_mismatch(
    items: list[Quantity], unit: str | None, left: str, right: str
) -> None:
    """total() of different dimensions (or into a unit of another) raises UnitMismatchError."""
    with pytest.raises(UnitMismatchError) as excinfo:
        total(items, unit=unit)
    assert isinstance(excinfo.value, TypeError)
    assert excinfo.value.operation == "total"
    assert str(excinfo.value) == (
        f"cannot total {left!r} and {right!r}: they are units of different things"
    )


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([M("1", "元"), 1.5], "quantities[1] must be a Quantity, not float"),
        ([1], "quantities[0] must be a Quantity, not int"),
        ([None, M("1", "元")], "quantities[0] must be a Quantity, not NoneType"),
        ([M("1", "元"), M("2", "元"), "3元"], "quantities[2] must be a Quantity, not str"),
        ([M("1", "元"), Decimal(1)], "quantities[1] must be a Quantity, not Decimal"),
        ("3元", "quantities[0] must be a Quantity, not str"),
    ],
)
def test_total_names_the_index_of_a_non_quantity(items: object, message: str) -> None:
    """A non-Quantity item is a WrongTypeError (TypeError) that names its index and type."""
    with pytest.raises(WrongTypeError) as excinfo:
        total(items)  # type: ignore[arg-type]
    assert isinstance(excinfo.value, TypeError)
    assert str(excinfo.value) == message
    assert excinfo.value.expected == "a Quantity"


@pytest.mark.parametrize("value", [None, 5, 1.5, M("1", "元")])
def test_total_of_a_non_iterable_is_our_type_error(value: object) -> None:
    """total() of something that is not a collection of quantities is our TypeError."""
    with pytest.raises(TypeError) as excinfo:
        total(value)  # type: ignore[arg-type]
    assert_our_error(excinfo.value)


def test_total_accepts_generators_and_other_iterables() -> None:
    """total() takes any iterable, including a generator."""
    assert total(M("1", "万元") for _ in range(3)) == M("3", "万元")
    assert total({"a": M("1", "元")}.values()) == M("1", "元")
    assert total((Q("2", "项"), Q("3", "项"))) == Q("5", "项")


@pytest.mark.parametrize(
    ("items", "text"),
    [
        ([Q(Decimal("1E-7"), "元"), Q(Decimal("2E-7"), "元"), Q("1", "万元")], "10000.0000003元"),
        (
            [Q(Decimal("1E-28"), "元"), Q(Decimal("1E-28"), "元")],
            "0.0000000000000000000000000002元",
        ),
        ([Q("0.0000001", "亿元"), Q("0.000001", "元")], "10.000001元"),
        ([Q(Decimal("1E-20"), "万元"), Q("1", "亿元")], "100000000.0000000000000001元"),
    ],
)
def test_total_is_exact_finer_than_a_millionth(items: list[Quantity], text: str) -> None:
    """Amounts finer than a millionth of the base unit still sum exactly."""
    result = total(items)
    assert str(result.to("元")) == text
    assert result == functools.reduce(operator.add, items)


def test_total_of_many_items_in_mixed_units_is_exact() -> None:
    """total() of thousands of mixed-unit amounts equals the plain Decimal sum."""
    units = ("元", "千元", "万元", "百万元", "亿元", "万亿元")
    items = [
        Money(Decimal(k * 7919 % 100003).scaleb(-(k % 5)), units[k % len(units)])
        for k in range(10_000)
    ]
    with decimal.localcontext() as ctx:
        ctx.prec = 100
        expected = sum((canonical(q) for q in items), Decimal(0))
    result = total(items)
    assert result.unit == "元"
    assert result.magnitude == expected
    assert result == functools.reduce(operator.add, items)


def test_total_finds_the_finest_unit_late_in_a_long_list() -> None:
    """The finest unit decides the result's unit even when it comes last of thousands."""
    items = [Money("1", "亿元")] * 9000 + [Money("1", "千元")]
    result = total(items)
    assert str(result) == "900000001千元"


def test_total_finds_a_foreign_dimension_late_in_a_long_list() -> None:
    """A single amount of another dimension after thousands of money amounts is a mismatch."""
    items = [Money("1", "万元")] * 9000 + [Quantity("1", "项")]
    with pytest.raises(UnitMismatchError) as excinfo:
        total(items)
    assert excinfo.value.operation == "total"
    assert {excinfo.value.left, excinfo.value.right} == {"万元", "项"}


def test_total_names_a_non_quantity_late_in_a_long_list() -> None:
    """A non-quantity after thousands of amounts is named by its index."""
    items: list[object] = [Money("1", "万元")] * 5000
    items.append(Decimal(1))
    with pytest.raises(WrongTypeError) as excinfo:
        total(items)  # type: ignore[arg-type]
    assert str(excinfo.value) == "quantities[5000] must be a Quantity, not Decimal"


@pytest.mark.parametrize(
    ("items", "unit", "text"),
    [
        ([Q("1", "万亿人"), Q("1", "万亿名"), Q("1", "亿人")], None, "20001亿人"),
        ([Q("1", "亿名"), Q("1", "万亿人")], None, "10001亿名"),
        ([Q("1", "万亿亩"), Q("1", "万亩")], None, "100000001万亩"),
        ([Q("1.5", "万元/项"), Q("500", "元/项")], None, "15500元/项"),
        ([Q("3", "元/亩"), Q("0.5", "元/亩")], "元/亩", "3.5元/亩"),
        ([Q("5", "%"), Q("2.5", "%")], None, "7.5%"),
        ([Q(Decimal("1E-7"), "万亿元"), Q("1", "元")], None, "100001元"),
    ],
)
def test_total_of_less_common_units(items: list[Quantity], unit: str | None, text: str) -> None:
    """total() is exact for every kind of unit: large scales, per-unit figures, percent."""
    assert str(total(items, unit=unit)) == text
    assert total(items, unit=unit) == functools.reduce(operator.add, items)


def test_total_does_not_depend_on_the_thread_decimal_context() -> None:
    """Sums, conversions and ratios stay exact under a 3-digit, trapping thread context."""
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        ctx.traps[decimal.Inexact] = True
        ctx.traps[decimal.Rounded] = True
        assert str(total([M("123456789", "元"), M("0.01", "元")])) == "123456789.01元"
        assert str(total([Q(Decimal("1E-7"), "元"), Q("123456", "元")])) == "123456.0000001元"
        assert str(total([M("1", "亿元"), M("1", "万元")], unit="亿元")) == "1.0001亿元"
        assert str(Q("159.3", "万元").to("元")) == "1593000元"
        assert str(Q("123456.789", "万元") + Q("1", "元")) == "1234567891元"
        assert str(Q("123456.789", "万元") * 3) == "370370.367万元"
        assert str(Q("1234567", "元").compact()) == "123.4567万元"
        assert Q("1234567", "元") < Q("1234568", "元")
        assert Q("1234567", "元") != Q("1234568", "元")
        assert Q("1", "万元") / Q("3", "元") == Decimal("3333.333333333333333333333333")
    assert decimal.getcontext().prec == 28


def test_first_use_of_units_under_a_low_precision_context_is_exact() -> None:
    """Units first used under a 3-digit thread context still get exact sizes and sums."""
    script = textwrap.dedent(
        """
        import decimal
        decimal.getcontext().prec = 3
        import sciplan_model as s
        print(s.Money("1", "万亿元").to("元"))
        print(s.total([s.Money("1", "亿元"), s.Money("1", "万元"), s.Money("1", "元")]))
        print(s.Quantity("123456", "万人次").to("人次"))
        print(s.Quantity("1", "公顷").to("亩"))
        print(s.unit_info("万元/项").factor == 10000, s.unit_info("万亿元").factor == 10**12)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "1000000000000元",
        "100010001元",
        "1234560000人次",
        "15亩",
        "True True",
    ]


# -- properties ------------------------------------------------------------------------------


@given(same_dimension_lists())
def test_total_equals_the_sum_of_canonical_values(xs: list[Quantity]) -> None:
    """total() equals the exact Decimal sum of magnitude × unit factor, in the finest unit."""
    result = total(xs)
    base = word_of(xs[0].unit)
    with decimal.localcontext() as ctx:
        ctx.prec = 200
        expected = sum((canonical(x) for x in xs), Decimal(0))
    assert canonical(result) == expected
    assert result.to(base).magnitude == expected
    assert factor(result.unit) == min(factor(x.unit) for x in xs)
    assert result.unit in {x.unit for x in xs}


#: Groups with a few more units of the registry (CNY, 位, 万亿亩) for the fine-grained sums.
WIDE_GROUPS: list[tuple[str, ...]] = [
    MONEY_UNITS,
    (
        "人",
        "名",
        "位",
        "万位",
        "亿位",
        "万亿位",
        *(s + w for s in SCALES if s for w in ("人", "名")),
    ),
    ("亩", "万亩", "亿亩", "万亿亩"),
    tuple(s + "项" for s in SCALES),
]


@given(
    st.sampled_from(WIDE_GROUPS).flatmap(
        lambda units: st.lists(
            st.builds(
                Quantity,
                decimals(max_digits=14, places=12, signed=True),
                st.sampled_from(units),
            ),
            min_size=1,
            max_size=30,
        )
    )
)
def test_total_is_exact_for_amounts_of_any_fineness(xs: list[Quantity]) -> None:
    """total() is exact for amounts finer than a millionth and for every unit of a dimension."""
    with decimal.localcontext() as ctx:
        ctx.prec = 200
        expected = sum((canonical(x) for x in xs), Decimal(0))
    result = total(xs)
    assert canonical(result) == expected
    assert result == functools.reduce(operator.add, xs)
    assert factor(result.unit) == min(factor(x.unit) for x in xs)


@given(same_dimension_lists(), st.randoms(use_true_random=False))
def test_total_does_not_depend_on_order(xs: list[Quantity], rnd: object) -> None:
    """total() gives the same value and unit whatever the order of its items."""
    shuffled = list(xs)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = total(xs), total(shuffled)
    assert a == b
    assert a.unit == b.unit
    assert a.magnitude == b.magnitude


@given(same_dimension_lists(), st.data())
def test_total_does_not_depend_on_the_units_written(
    xs: list[Quantity], data: st.DataObject
) -> None:
    """Writing each amount in another unit of its dimension first leaves the total unchanged."""
    converted = [x.to(data.draw(st.sampled_from(exact_targets(x.unit)))) for x in xs]
    assert [canonical(c) for c in converted] == [canonical(x) for x in xs]
    assert total(converted) == total(xs)
    assert canonical(total(converted)) == canonical(total(xs))


@given(same_dimension_lists())
def test_total_equals_sum_and_reduce(xs: list[Quantity]) -> None:
    """total(xs) == sum(xs) == functools.reduce(operator.add, xs)."""
    t = total(xs)
    assert t == sum(xs)
    assert t == functools.reduce(operator.add, xs)


@given(any_quantity(signed=True), st.data())
def test_to_and_back_is_the_identity(x: Quantity, data: st.DataObject) -> None:
    """x.to(u).to(x.unit) == x for any unit u of the same dimension."""
    u = data.draw(st.sampled_from(exact_targets(x.unit)))
    there = x.to(u)
    back = there.to(x.unit)
    assert there == x
    assert back == x
    assert back.unit == x.unit
    assert back.magnitude == x.magnitude
    assert "E" not in str(there)


@given(any_quantity(signed=True))
def test_compact_preserves_the_value(x: Quantity) -> None:
    """compact() keeps the value, and picks the largest scale that keeps |magnitude| ≥ 1."""
    c = x.compact()
    assert c == x
    assert canonical(c) == canonical(x)
    word = word_of(x.unit)
    size = abs(x.magnitude) * (factor(x.unit) // factor(word))  # in the word's own unit
    power = next((p for p in (12, 8, 4) if size >= Decimal(10) ** p), 0)
    scale = {0: "", 4: "万", 8: "亿", 12: "万亿"}[power]
    assert c.unit == scale + word


@given(any_quantity())
def test_str_then_parse_is_the_identity(x: Quantity) -> None:
    """Quantity.parse(str(q)) == q, with the same magnitude and unit, for q ≥ 0."""
    back = Quantity.parse(str(x))
    assert back == x
    assert back.unit == x.unit
    assert back.magnitude == x.magnitude
    assert str(back) == str(x)


@given(any_quantity(), st.integers(1, 12))
def test_trailing_zeros_change_neither_equality_nor_hash(x: Quantity, zeros: int) -> None:
    """A magnitude written with more trailing zeros is equal and hashes alike."""
    exponent = min(x.magnitude.as_tuple().exponent, 0)  # type: ignore[type-var]
    padded = x.magnitude.quantize(
        Decimal(1).scaleb(exponent - zeros), context=decimal.Context(prec=100)
    )
    y = Quantity(padded, x.unit)
    assert y == x
    assert hash(y) == hash(x)


@given(decimals(signed=True), st.sampled_from(MONEY_UNITS))
def test_money_and_quantity_are_interchangeable_values(magnitude: Decimal, unit: str) -> None:
    """Money and Quantity of one magnitude and unit are equal and hash alike."""
    m, q = Money(magnitude, unit), Quantity(magnitude, unit)
    assert m == q
    assert hash(m) == hash(q)


@given(MAGNITUDE_LIKE, st.sampled_from(MONEY_UNITS) | TEXTS | BAD_OBJECTS)
def test_bad_constructor_input_raises_our_errors(magnitude: object, unit: object) -> None:
    """Any magnitude and unit give a valid quantity or one of our errors, never a leak."""
    for cls in (Quantity, Money):
        try:
            q = cls(magnitude, unit)  # type: ignore[arg-type]
        except Exception as exc:
            assert_our_error(exc)
        else:
            assert type(q.magnitude) is Decimal
            assert q.magnitude.is_finite()
            assert q == Quantity(q.magnitude, q.unit)


@given(TEXTS)
def test_bad_text_raises_our_errors(text: str) -> None:
    """Random text given to parse, unit_info or to() yields a result or one of our errors."""
    for fn in (Quantity.parse, Money.parse, unit_info, Money("1", "万元").to):
        try:
            fn(text)
        except Exception as exc:
            assert_our_error(exc)


@given(BAD_OBJECTS | st.integers() | st.decimals(allow_nan=True, allow_infinity=True))
def test_bad_objects_raise_our_errors(value: object) -> None:
    """Random objects given where text or quantities belong raise one of our errors."""
    q = Money("1", "万元")
    calls: list[Callable[[], object]] = [
        lambda: Quantity.parse(value),  # type: ignore[arg-type]
        lambda: unit_info(value),  # type: ignore[arg-type]
        lambda: q.to(value),  # type: ignore[arg-type]
        lambda: total([q, value]),  # type: ignore[list-item]
        lambda: total([q], unit=value),  # type: ignore[arg-type]
    ]
    for call in calls:
        try:
            call()
        except Exception as exc:
            assert_our_error(exc)


@given(any_quantity(signed=True), BAD_OBJECTS | st.integers() | st.decimals(allow_nan=True))
def test_operators_with_bad_operands_raise_type_errors_or_ours(x: Quantity, value: object) -> None:
    """q + obj, q * obj, q / obj … give a quantity, a TypeError or one of our errors."""
    for op in (operator.add, operator.sub, operator.mul, operator.truediv, operator.lt):
        try:
            op(x, value)
        except Exception as exc:
            assert_type_error_or_ours(exc)


def test_compact_and_ratios_ignore_a_narrow_thread_context() -> None:
    """compact() and ratios work under a thread context with a tiny exponent range."""
    with decimal.localcontext() as ctx:
        ctx.Emax = 11
        ctx.prec = 3
        assert Money("1593000", "元").compact() == Money("159.3", "万元")
        assert str(Money("1593000", "元").compact()) == "159.3万元"
        assert Money("2", "万元") / Money("0.5", "元") == Decimal(40000)


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        (Money("2", "万元"), Money("0.5", "元"), "40000"),
        (Money("1", "元"), Money("0.001", "元"), "1000"),
        (Quantity("36", "项"), Quantity("8", "项"), "4.5"),
    ],
)
def test_ratios_are_written_without_an_exponent(a: Quantity, b: Quantity, ratio: str) -> None:
    """A ratio of two quantities is a Decimal in plain positional form."""
    assert str(a / b) == ratio
