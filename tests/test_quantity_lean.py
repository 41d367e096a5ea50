"""Tests of how ``sciplan_model.quantity`` keeps amounts lean: a quantity holds its
magnitude and its unit; its value in the base unit and the packed int of ``total()``
are computed when first needed and kept, and every way of reading, comparing and
summing gives what the thorough way gives."""

from __future__ import annotations

import copy
import decimal
import gc
import pickle
import sys
import tracemalloc
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciplan_model import (
    Money,
    Quantity,
    SciplanError,
    UnitMismatchError,
    total,
    unit_info,
)
from sciplan_model import _total as total_module
from sciplan_model._exact import plain
from sciplan_model.quantity import _canonical, _checked_decimal, _plain, to_decimal
from strategies import AREA_UNITS, COUNT_UNITS, MONEY_UNITS, decimals

#: Units of one dimension each, summed together in the properties below.
GROUPS = (MONEY_UNITS, ("美元", "万美元", "亿美元"), AREA_UNITS, COUNT_UNITS[::19])

# -- helpers -------------------------------------------------------------------------------


def kept(q: Quantity) -> set[str]:
    """The names of the values ``q`` has computed and kept so far."""
    return {name for name in ("_packed",) if hasattr(q, name)}


def fresh(xs: list[Quantity]) -> list[Quantity]:
    """The same amounts made anew: nothing computed yet."""
    return [type(x)(x.magnitude, x.unit) for x in xs]


def warmed(xs: list[Quantity]) -> list[Quantity]:
    """The same amounts made anew, each with its kept values computed."""
    ys = fresh(xs)
    with all_totals_packed():
        for y in ys:
            hash(y)
            total([y])
    return ys


@contextmanager
def all_totals_packed() -> Iterator[None]:
    """total() packs every list, however short (the way of long lists)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(total_module, "_FEW", 0)
        yield


def exact_value(q: Quantity) -> Fraction:
    """``q`` in the base unit of its dimension, as a fraction."""
    return Fraction(q.magnitude) * Fraction(unit_info(q.unit).factor)


def written(q: Quantity) -> tuple[str, str, tuple[object, ...]]:
    """Class, unit and the magnitude digit for digit: what two equal results share."""
    return type(q).__name__, q.unit, tuple(q.magnitude.as_tuple())


def outcome(fn: object, *args: object) -> tuple[object, ...]:
    """What ``fn(*args)`` gives: the Decimal digit for digit, or the error and its text."""
    try:
        d = fn(*args)  # type: ignore[operator]
    except Exception as e:
        return (type(e), str(e))
    return ("ok", type(d), tuple(d.as_tuple()))


def lists_of_one_dimension(max_size: int = 80) -> st.SearchStrategy[list[Quantity]]:
    """Non-empty lists, short and long, of quantities of one dimension: in one unit or
    in the mixed units of a group."""
    units = st.sampled_from(GROUPS).flatmap(
        lambda group: st.sampled_from(group).map(lambda u: (u,)) | st.just(group)
    )
    return st.tuples(units, st.integers(1, max_size)).flatmap(
        lambda g: st.lists(
            st.builds(
                Quantity, decimals(max_digits=14, places=8, signed=True), st.sampled_from(g[0])
            ),
            min_size=g[1],
            max_size=g[1],
        )
    )


# -- what a new amount holds -----------------------------------------------------------------


class _ThreeSlots:
    __slots__ = ("__weakref__", "a", "b", "c")


def test_a_new_amount_holds_its_magnitude_and_unit_and_no_more() -> None:
    """A new Money holds the caller's Decimal and the unit's name: no dict, nothing
    computed, the size of an object of three slots and a weakref slot."""
    d = Decimal("159.3")
    m = Money(d, "万元")
    assert m.magnitude is d
    assert m.unit == "万元"
    assert kept(m) == set()
    assert not hasattr(m, "__dict__")
    assert weakref.ref(m)() is m
    assert [a.name for a in attrs.fields(Money)] == ["magnitude", "unit"]
    assert attrs.asdict(m) == {"magnitude": d, "unit": "万元"}
    assert sys.getsizeof(m) <= sys.getsizeof(_ThreeSlots())


def test_a_thousand_new_amounts_take_at_most_100_bytes_each_beyond_their_decimals() -> None:
    """Memory traced while 2000 Money are made from Decimals made before: under 100 bytes
    an amount (the aim of issue 14), the list that keeps them not counted."""
    ds = [Decimal(k).scaleb(-1) for k in range(1, 2001)]
    amounts: list[Money | None] = [None] * len(ds)
    Money("1", "万元")  # the unit met once before
    gc.collect()
    gc.disable()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for k, d in enumerate(ds):
            amounts[k] = Money(d, "万元")
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
        gc.enable()
    assert (after - before) / len(ds) <= 100


def test_only_a_long_total_keeps_anything_and_it_keeps_the_packed_int() -> None:
    """Comparing, hashing, adding and short totals keep nothing; a long total() keeps
    each amount's packed int, and the next one reads it."""
    a, b, c = Money("1", "亿元"), Money("10000", "万元"), Money("2", "万元")
    assert b > c
    assert a == b
    assert hash(a) == hash(b)
    assert a + c == Money("10002", "万元")
    few = [a, b, c]
    assert total(few) == Money("20002", "万元")
    assert all(kept(x) == set() for x in few)
    many = [Money(k, "万元") for k in range(100)]
    assert total(many) == Money("4950", "万元")
    assert all(kept(x) == {"_packed"} for x in many)
    assert total(many) == Money("4950", "万元")


@pytest.mark.parametrize("name", ["_packed", "magnitude", "unit"])
def test_kept_values_leave_an_amount_frozen(name: str) -> None:
    """Before and after its values are computed, no attribute of an amount can be set or
    deleted."""
    for m in (Money("1", "万元"), warmed([Money("1", "万元")])[0]):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(m, name, 5)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(m, name)
        assert m == Money("10000", "元")


@given(lists_of_one_dimension(max_size=6))
def test_copies_and_pickles_of_fresh_and_warm_amounts_are_alike(xs: list[Quantity]) -> None:
    """copy, deepcopy and pickle give equal amounts of the same class, unit and digits,
    whether or not their kept values were computed."""
    for x in [*fresh(xs), *warmed(xs)]:
        for y in (copy.copy(x), copy.deepcopy(x), pickle.loads(pickle.dumps(x))):
            assert written(y) == written(x)
            assert y == x
            assert hash(y) == hash(x)


# -- the quick ways give what the thorough ways give -----------------------------------------


@given(lists_of_one_dimension())
def test_total_of_fresh_amounts_equals_total_of_warm_ones_and_the_exact_sum(
    xs: list[Quantity],
) -> None:
    """total() of amounts never summed, of amounts already summed and packed, and with
    every list packed whatever its length, give one result digit for digit: the exact
    sum, in the finest of the units."""
    first = total(fresh(xs))
    assert written(total(warmed(xs))) == written(first)
    with all_totals_packed():
        assert written(total(fresh(xs))) == written(first)
        assert written(total(warmed(xs))) == written(first)
    assert written(total_module._total_slow(fresh(xs), None)) == written(first)
    assert exact_value(first) == sum(map(exact_value, xs))
    assert unit_info(first.unit).factor == min(unit_info(x.unit).factor for x in xs) or (
        first.unit == unit_info(xs[0].unit).base
    )


@given(lists_of_one_dimension(), st.data())
def test_total_in_a_unit_is_the_same_by_every_way(xs: list[Quantity], data: st.DataObject) -> None:
    """total(…, unit=) of fresh, warm and packed amounts agree with the slow way, results
    and refusals alike."""
    group = next(g for g in GROUPS if xs[0].unit in g)
    unit = data.draw(st.sampled_from((*group, "万人次")))

    def result(items: list[Quantity]) -> object:
        try:
            return written(total(items, unit))
        except SciplanError as e:
            return type(e), str(e)

    first = result(fresh(xs))
    assert result(warmed(xs)) == first
    with all_totals_packed():
        assert result(fresh(xs)) == first
    if unit == "万人次":
        assert first[0] is UnitMismatchError


@given(lists_of_one_dimension(max_size=6), lists_of_one_dimension(max_size=6))
def test_total_of_two_dimensions_is_refused_alike_by_every_way(
    xs: list[Quantity], ys: list[Quantity]
) -> None:
    """Amounts of two dimensions raise the same UnitMismatchError, short or long, fresh or
    warm."""
    if unit_info(xs[0].unit).dimension == unit_info(ys[0].unit).dimension:
        return
    messages = set()
    for items in (fresh(xs + ys), warmed(xs + ys), fresh(xs * 10 + ys), warmed(xs * 10 + ys)):
        with pytest.raises(UnitMismatchError) as raised:
            total(items)
        messages.add(str(raised.value))
    assert len(messages) == 1


@given(decimals(signed=True), st.sampled_from(GROUPS), st.data())
def test_fresh_and_warm_amounts_of_one_value_are_equal_and_hash_alike(
    magnitude: Decimal, group: tuple[str, ...], data: st.DataObject
) -> None:
    """An amount and the same value in another unit, each fresh or with its values kept,
    are equal, hash alike and order alike."""
    unit = data.draw(st.sampled_from(group))
    x = Quantity(magnitude, unit)
    other = data.draw(st.sampled_from(group))
    try:
        y = x.to(other)
    except SciplanError:
        return  # not exact in that unit (公顷 is 15亩)
    for a in (*fresh([x]), *warmed([x])):
        for b in (*fresh([y]), *warmed([y])):
            assert a == b
            assert not a != b  # noqa: SIM202 - __ne__ is checked here
            assert hash(a) == hash(b)
            assert a <= b
            assert a >= b
            assert not a < b
            assert not a > b
            assert _canonical(a) == _canonical(b)
    bigger = Quantity(magnitude + 1, unit)
    assert fresh([bigger])[0] > y
    assert x < bigger
    assert bigger != y


@given(lists_of_one_dimension(max_size=2), lists_of_one_dimension(max_size=1))
def test_adding_and_subtracting_in_one_unit_agree_with_the_exact_values(
    xs: list[Quantity], ys: list[Quantity]
) -> None:
    """a + b and a - b of one unit (added by magnitude) and of two units (by base-unit
    value) give the exact sum and difference, in the finer unit, as total() does."""
    a, b = xs[0], xs[-1]
    c = Quantity(ys[0].magnitude, a.unit)
    for left, right in ((a, b), (a, c), (c, a)):
        assert exact_value(left + right) == exact_value(left) + exact_value(right)
        assert exact_value(left - right) == exact_value(left) - exact_value(right)
        assert written(left + right) == written(total([left, right]))
        assert written(left - right) == written(total([left, -right]))
    assert (a + c).unit == a.unit
    assert (a - c).unit == a.unit


@given(
    st.decimals(allow_nan=False, allow_infinity=False)
    | st.builds(
        lambda c, e: Decimal(c).scaleb(e), st.integers(-(10**40), 10**40), st.integers(-60, 60)
    )
)
def test_the_quick_plain_is_plain(d: Decimal) -> None:
    """quantity._plain() gives exactly what _exact.plain() gives, digit for digit."""
    assert outcome(_plain, d) == outcome(plain, d)


#: Strings, numbers and objects at the edges of what a magnitude may be.
EDGES = [
    "-0", "+0", "-0.00", "0", "-.0", "0.", "-", "+", ".", "", "+-1", "1-", "1..2", "1e5",
    "1" * 28, "1" * 29, "9" * 28 + ".5", "0." + "0" * 27 + "1", "0." + "0" * 28 + "1",
    "0" * 100 + "1", "0" * 99 + "1", "-0." + "0" * 40, "1" + "0" * 27, "1" + "0" * 28,
    10**28 - 1, 10**28, -(10**28) + 1, -(10**28), 0, True, 1.5, None,
    Decimal("1E+27"), Decimal("1E+28"), Decimal("9.999E+27"), Decimal("1E-28"),
    Decimal("1E-29"), Decimal("1" * 28), Decimal("1" * 29), Decimal("1." + "0" * 27),
    Decimal("1." + "0" * 28), Decimal("-0"), Decimal("0E-50"), Decimal("0E+50"),
    Decimal("NaN"), Decimal("-Infinity"),
]  # fmt: skip
MAGNITUDE_TEXT = st.text(alphabet="0123456789.+-eE_ ٣９", max_size=40) | st.builds(
    lambda zeros, digits, point: "0" * zeros + digits[:point] + "." + digits[point:],
    st.integers(0, 110),
    st.text(alphabet="0123456789", min_size=1, max_size=35),
    st.integers(0, 35),
)
MAGNITUDE_DECIMAL = st.builds(
    lambda c, e: Decimal(c).scaleb(e, decimal.Context(prec=100)),
    st.integers(-(10**32), 10**32),
    st.integers(-34, 32),
) | st.sampled_from(
    [Decimal("-0"), Decimal("0E-40"), Decimal("0E+40"), Decimal("NaN"), Decimal("-Infinity")]
)


def assert_read_as_the_thorough_way_reads(value: object) -> None:
    """to_decimal() and the constructor give what _checked_decimal() gives, under the
    default context and under one that traps nothing."""
    expected = outcome(_checked_decimal, value, "magnitude")
    for ctx in (decimal.Context(), decimal.Context(prec=3, traps=[])):
        with decimal.localcontext(ctx):
            assert outcome(to_decimal, value) == expected
            assert outcome(lambda v: Quantity(v, "项").magnitude, value) == expected
            assert outcome(lambda v: Money(v, "万元").magnitude, value) == expected


@pytest.mark.parametrize("value", EDGES)
def test_the_quick_ways_of_to_decimal_agree_with_the_thorough_one_at_the_edges(
    value: object,
) -> None:
    """At the edges of a magnitude (-0, 28 and 29 digits, 10**28, exponents -28 and -29,
    text Decimal() reads but we refuse) the quick ways read as the thorough one does."""
    assert_read_as_the_thorough_way_reads(value)


@given(MAGNITUDE_TEXT | MAGNITUDE_DECIMAL | st.integers(-(10**30), 10**30))
def test_the_quick_ways_of_to_decimal_agree_with_the_thorough_one(value: object) -> None:
    """Any string, Decimal or int is read by to_decimal() and the constructor as the
    thorough check reads it: the same Decimal digit for digit, or the same error and
    message, under a context that traps nothing as under the default one."""
    assert_read_as_the_thorough_way_reads(value)


def test_a_quantity_of_money_made_as_quantity_is_a_money_of_the_same_slots() -> None:
    """Quantity(…, a currency) is a Money; Money(…, a measure word) is refused; a
    subclass's own check still runs."""

    class Positive(Quantity):
        __slots__ = ()

        def _check_unit(self, info: object) -> None:
            if self.__class__ is Positive and getattr(info, "name", "") == "项":
                raise ValueError("no 项 here")

    q = Quantity("1", "万元")
    assert type(q) is Money
    assert q == Money("1", "万元")
    assert kept(q) == set()
    assert type(Quantity("1", "项")) is Quantity
    with pytest.raises(SciplanError):
        Money("1", "项")
    with pytest.raises(ValueError, match="no 项 here"):
        Positive("1", "项")
    p = Positive("2", "家")
    assert total([p] * 40) == Quantity("80", "家")
