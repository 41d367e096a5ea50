"""Hypothesis strategies shared by the tests: bounded Decimals, units, quantities,
figures as written."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from sciplan_model import Figure, Money, Qualifier, Quantity

MONEY_UNITS = ("元", "千元", "万元", "百万元", "亿元", "万亿元")
COUNT_WORDS = (
    "项", "个", "家", "人", "名", "人次", "期", "场", "场次", "户", "份", "册",
    "张", "件", "种", "套", "课时", "门", "次",
)  # fmt: skip
SCALES = ("", "万", "亿", "万亿")
COUNT_UNITS = tuple(scale + word for scale in SCALES for word in COUNT_WORDS)
AREA_UNITS = ("亩", "万亩", "亿亩", "公顷")


def decimals(
    max_digits: int = 12, places: int = 4, signed: bool = False
) -> st.SearchStrategy[Decimal]:
    """Exact decimals with at most ``max_digits`` digits and ``places`` decimal places."""
    low = -(10**max_digits) + 1 if signed else 0
    return st.builds(
        lambda coefficient, exponent: Decimal(coefficient).scaleb(-exponent),
        st.integers(low, 10**max_digits - 1),
        st.integers(0, places),
    )


def money(units: tuple[str, ...] = MONEY_UNITS, signed: bool = False) -> st.SearchStrategy[Money]:
    """Money in any of ``units``."""
    return st.builds(Money, decimals(signed=signed), st.sampled_from(units))


def quantities_of(units: tuple[str, ...], signed: bool = False) -> st.SearchStrategy[Quantity]:
    """Quantities in any of ``units`` (one dimension, if the caller keeps it so)."""
    return st.builds(Quantity, decimals(signed=signed), st.sampled_from(units))


def any_quantity(signed: bool = False) -> st.SearchStrategy[Quantity]:
    """A quantity of money, of a count or of area."""
    return st.one_of(
        money(signed=signed),
        quantities_of(COUNT_UNITS, signed=signed),
        quantities_of(AREA_UNITS, signed=signed),
    )


def positive_magnitudes() -> st.SearchStrategy[Decimal]:
    """Magnitudes above zero, as a plan would write them."""
    return decimals(max_digits=9, places=3).filter(lambda d: d > 0)


_SIMPLE = (
    Qualifier.EXACT,
    Qualifier.AT_LEAST,
    Qualifier.MORE_THAN,
    Qualifier.AT_MOST,
    Qualifier.LESS_THAN,
    Qualifier.ODD,
    Qualifier.NEARLY,
    Qualifier.ABOUT,
)


@st.composite
def canonical_figures(draw: st.DrawFn) -> Figure:
    """Figures built from parts (their ``text`` is their canonical form)."""
    unit = draw(st.sampled_from(MONEY_UNITS + COUNT_UNITS + AREA_UNITS))
    aspirational = draw(st.booleans())
    kind = draw(st.sampled_from((*_SIMPLE, Qualifier.RANGE, Qualifier.UNKNOWN)))
    if kind is Qualifier.UNKNOWN:
        placeholder = draw(st.sampled_from(("20xx", "xx", "XX", "1x")))
        return Figure(None, unit, kind, aspirational, placeholder=placeholder)
    value = Quantity(draw(positive_magnitudes()), unit)
    if kind is Qualifier.RANGE:
        upper = Quantity(draw(positive_magnitudes()), unit)
        low, high = sorted((value, upper))
        return Figure(low, unit, kind, aspirational, upper=high)
    return Figure(value, unit, kind, aspirational)
