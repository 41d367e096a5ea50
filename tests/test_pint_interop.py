"""Quantities to and from pint: the package's own registry and any other, exact only."""

from __future__ import annotations

from decimal import Decimal

import pint
import pytest
from hypothesis import given

from sciplan_model import Money, Quantity, UnknownUnitError, WrongTypeError, ureg
from sciplan_model.quantity import PINT_NAMES
from strategies import any_quantity

OTHER = pint.UnitRegistry()  # an application's own registry (floats by default)


@given(any_quantity(signed=True))
def test_to_pint_and_back_is_the_same_quantity(q: Quantity) -> None:
    """from_pint(to_pint(q)) is q: its magnitude digit for digit, its unit and its class."""
    back = Quantity.from_pint(q.to_pint())
    assert back == q
    assert (back.magnitude.as_tuple(), back.unit, type(back)) == (
        q.magnitude.as_tuple(),
        q.unit,
        type(q),
    )


@pytest.mark.parametrize(
    ("magnitude", "unit", "expected"),
    [
        (Decimal("2"), "hectare", Quantity("2", "公顷")),
        (Decimal("1.5"), "km**2", Quantity("1.5", "平方公里")),
        (Decimal("300"), "m**2", Quantity("300", "平方米")),
        (Decimal("2.5"), "t", Quantity("2.5", "吨")),
        (Decimal("800"), "kWh", Quantity("800", "千瓦时")),
        (Decimal("12.5"), "percent", Quantity("12.5", "%")),
        (3, "hour", Quantity("3", "小时")),
    ],
)
def test_quantities_of_another_registry_come_in_by_their_names(
    magnitude: object, unit: str, expected: Quantity
) -> None:
    """A quantity of an application's own registry comes in under the package's name of
    its unit, exactly."""
    got = Quantity.from_pint(OTHER.Quantity(magnitude, unit))
    assert got == expected
    assert got.unit == expected.unit


def test_area_from_another_registry_converts_to_mu() -> None:
    """Hectares from elsewhere are 亩 here: 2 hectares are 30亩, exactly."""
    assert Quantity.from_pint(OTHER.Quantity(Decimal("2"), "hectare")).to("亩") == Quantity(
        "30", "亩"
    )


def test_money_comes_back_as_money() -> None:
    """Money of the package's registry comes back as Money; Money.from_pint refuses what
    is not money."""
    q = ureg.Quantity(Decimal("159.3"), "万元")
    assert type(Quantity.from_pint(q)) is Money
    assert Money.from_pint(q) == Money("159.3", "万元")
    with pytest.raises(WrongTypeError) as caught:
        Money.from_pint(OTHER.Quantity(Decimal(1), "hectare"))
    assert str(caught.value) == "Money.from_pint(q) must be money, not 1 公顷"


def test_a_float_magnitude_is_refused_with_the_way_to_pass_a_decimal() -> None:
    """A float is not the number it was written as: refused, saying how to pass a Decimal."""
    with pytest.raises(WrongTypeError) as caught:
        Quantity.from_pint(OTHER.Quantity(0.1, "hectare"))
    assert str(caught.value) == (
        "the magnitude of a pint quantity must be exact, an int or a Decimal (make it with "
        "ureg.Quantity(Decimal('0.1'), ...)), not the float 0.1"
    )


def test_what_is_not_a_pint_quantity_or_not_known_is_refused() -> None:
    """Something that is no pint quantity, an unknown unit and a magnitude of another
    type are the package's errors."""
    with pytest.raises(WrongTypeError, match="must be a pint Quantity, not str"):
        Quantity.from_pint("3万元")
    with pytest.raises(UnknownUnitError) as caught:
        Quantity.from_pint(OTHER.Quantity(Decimal(1), "furlong"))
    assert str(caught.value) == (
        "unknown unit 'furlong': not a unit of this package's registry nor one of PINT_NAMES"
    )
    with pytest.raises(WrongTypeError, match="must be an int or a Decimal, not ndarray"):
        Quantity.from_pint(OTHER.Quantity([1, 2], "hectare"))


def test_integers_of_numpy_are_exact_and_welcome() -> None:
    """A numpy integer is an exact number: it comes in as an int."""
    np = pytest.importorskip("numpy", reason="numpy comes with the frame extra")
    got = Quantity.from_pint(OTHER.Quantity(np.int64(5), "hectare"))
    assert (got.magnitude, got.unit) == (Decimal(5), "公顷")


def test_every_pint_name_is_a_unit_of_the_package() -> None:
    """Every name PINT_NAMES gives is one the package knows, of the same dimension as
    pint's unit where pint converts it exactly (a hectare is 10000 square metres)."""
    for pint_name, ours in PINT_NAMES.items():
        assert Quantity(1, ours).unit == ours, pint_name
    hectare = Quantity.from_pint(OTHER.Quantity(Decimal(1), "hectare"))
    assert hectare.to("平方米") == Quantity("10000", "平方米")


def test_units_come_in_whatever_format_the_registry_prints() -> None:
    """A registry told to print short names (ha, m²) still gives its units by their
    parts: the unit comes in by name whatever the format."""
    short = pint.UnitRegistry()
    short.formatter.default_format = "~P"
    assert Quantity.from_pint(short.Quantity(Decimal(2), "hectare")) == Quantity("2", "公顷")
    assert Quantity.from_pint(short.Quantity(Decimal(2), "km**2")).unit == "平方公里"
    assert Quantity.from_pint(short.Quantity(Decimal(2), "tonne")).unit == "吨"
