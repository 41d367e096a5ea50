"""Exact, immutable, unit-aware amounts: :class:`Quantity` and :class:`Money`.

A quantity is a ``Decimal`` magnitude and one of the package's units, kept as written::

    >>> q = Quantity("159.3", "万元")
    >>> q.magnitude, q.unit, str(q)
    (Decimal('159.3'), '万元', '159.3万元')
    >>> q.to("元")
    Money('1593000', '元')
    >>> Money("1593000", "元").compact()
    Money('159.3', '万元')

Equality, hashing and order compare values, not spellings or classes::

    >>> Money("1", "亿元") == Quantity("10000", "万元")
    True
    >>> Money("1", "亿元") + Money("1", "万元")
    Money('10001', '万元')
    >>> sum([Money("11", "万元"), Money("97", "万元"), Money("51.3", "万元")])
    Money('159.3', '万元')

Mixing things that are counted differently is an error, and so is mixing currencies
(:meth:`Money.exchange` converts at a rate the caller gives)::

    >>> Quantity("5", "项") + Quantity("3", "人次")
    Traceback (most recent call last):
    ...
    sciplan_model.errors.UnitMismatchError: cannot add '项' and '人次': they are units of different things
    >>> Money("1", "万元") + Money("1", "万美元")
    Traceback (most recent call last):
    ...
    sciplan_model.errors.UnitMismatchError: cannot add '万元' and '万美元': they are units of different things

Land, mass, length, power, energy, volume and durations convert exactly::

    >>> Quantity("2.5", "万平方米").to("亩"), Quantity("50", "万吨").to("斤")
    (Quantity('37.5', '亩'), Quantity('1000000000', '斤'))
    >>> Quantity("1.5", "年") + Quantity("3", "个月")
    Quantity('21', '个月')

How it stays lean and fast: a quantity holds its magnitude and its unit's name, nothing
more, and looks its unit's facts up by that name (one dict lookup; the facts are shared
by every quantity of the unit).  Quantities of one unit compare and add by magnitude.
Across units, equality, order and hashing go by the value in the dimension's base unit,
one multiplication away (:func:`_canonical`).  The first long :func:`total` that meets a
quantity packs that value, where it is a whole number of millionths, into one Python
``int`` together with its unit's dimension and rank (``_packed``; see ``units.py``) and
keeps it, so that later totals add packed ints in one pass.  Nothing converts through
pint.
"""

from __future__ import annotations

import decimal
import numbers
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar, Self, cast

import attrs

from ._exact import (
    EXACT,
    MAX_DIGITS,
    MAX_EXPONENT,
    MIN_EXPONENT,
    RATIO,
    fmt,
    magnitude_problem,
)
from ._scan import K_EXACT, scan
from .errors import (
    DivisionByZeroError,
    FigureParseError,
    InexactResultError,
    InvalidMagnitudeError,
    InvalidValueError,
    UnitMismatchError,
    UnknownUnitError,
    WrongTypeError,
)
from .units import (
    UnitInfo,
    pint_unit,
    registry,
    unit_info,
)

__all__ = [
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "MIN_EXPONENT",
    "PINT_NAMES",
    "Money",
    "Quantity",
    "to_decimal",
    "total",
]

#: pint's own names of units this package knows by a Chinese name, for
#: :meth:`Quantity.from_pint` of quantities of another registry.
PINT_NAMES: dict[str, str] = {
    "hectare": "公顷",
    "meter ** 2": "平方米",
    "kilometer ** 2": "平方公里",
    "gram": "克",
    "kilogram": "公斤",
    "metric_ton": "吨",
    "meter": "米",
    "centimeter": "厘米",
    "kilometer": "公里",
    "watt": "瓦",
    "kilowatt": "千瓦",
    "megawatt": "兆瓦",
    "kilowatt_hour": "千瓦时",
    "meter ** 3": "立方米",
    "liter": "升",
    "second": "秒",
    "minute": "分钟",
    "hour": "小时",
    "day": "天",
    "week": "周",
    "month": "个月",
    "year": "年",
    "percent": "%",
}


def _pint_text(units: Any) -> str:
    """A pint unit written as pint writes it by default (``meter ** 2``, ``件 / 万人``),
    from its parts: whatever format the registry was told to print in (``m²``, ``ha``)."""
    parts = getattr(units, "_units", None)
    if not isinstance(parts, Mapping):
        return str(units)

    def written(items: list[tuple[str, Any]]) -> str:
        return " * ".join(
            name if power == 1 else f"{name} ** {int(power) if power == int(power) else power}"
            for name, power in items
        )

    up = [(n, p) for n, p in parts.items() if p > 0]
    down = [(n, -p) for n, p in parts.items() if p < 0]
    text = written(up) or "1"
    return f"{text} / {written(down)}" if down else text


def _our_unit(name: str) -> str:
    """The package's name of a pint unit's name (``件 / 万人`` → ``件/万人``,
    ``hectare`` → ``公顷``), or UnknownUnitError."""
    found = PINT_NAMES.get(name)
    if found is not None:
        return found
    ours = name.replace(" ", "")
    try:
        return unit_info(ours).name
    except UnknownUnitError:
        raise UnknownUnitError(
            name, "not a unit of this package's registry nor one of PINT_NAMES"
        ) from None


# A plain number of at most this many characters has at most 28 digits in all,
# so it keeps every limit of a magnitude.
_SHORT = MAX_DIGITS
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)
# The characters of plain decimal notation: a string of only these that Decimal reads is
# plain (Decimal itself allows one sign, first, and one point, and needs a digit).
_PLAIN = "0123456789.+-"
# A longer string is refused, whatever it holds.
_LONG = 100
# An int within these bounds has at most MAX_DIGITS digits.
_INT_LIMIT = 10**MAX_DIGITS
# A number past a magnitude's limits raises in this context: more than MAX_DIGITS
# digits, or a digit right of 10**MIN_EXPONENT (Rounded: its smallest exponent,
# Emin - prec + 1, is MIN_EXPONENT), or 10**(MAX_EXPONENT + 1) and above (Overflow).
# ``_LIMITS.plus(d)`` checks a nonzero finite Decimal; ``_read_decimal(text)`` reads
# and checks text (and, its own context trapping InvalidOperation, never gives NaN for
# text it cannot read).  The context's flags are its own and nobody reads them.
_LIMITS = decimal.Context(
    prec=MAX_DIGITS,
    Emax=MAX_EXPONENT,
    Emin=MIN_EXPONENT + MAX_DIGITS - 1,
    traps=[decimal.Rounded, decimal.Overflow, decimal.InvalidOperation],
)
_read_decimal = _LIMITS.create_decimal
_COMPACT_STEPS = ((12, "万亿"), (8, "亿"), (4, "万"))
#: A Decimal as ``str()`` writes it, but with a capital E whatever the caller's context.
_sci = EXACT.to_sci_string


def to_decimal(value: object, field: str = "magnitude") -> Decimal:
    """Turn an ``int``, ``str`` or ``Decimal`` into an exact, bounded ``Decimal``.

    ``float`` and ``bool`` are refused with a TypeError naming ``field``: a float has
    already lost the figure's exact value.  NaN, infinities and numbers beyond the
    limits (:data:`MAX_DIGITS` significant digits, exponents within
    :data:`MIN_EXPONENT` … :data:`MAX_EXPONENT`) are refused with a ValueError.  A
    string must be plain decimal notation (``"159.3"``, ``"-2"``); ``-0`` becomes ``0``.

    >>> to_decimal("159.30"), to_decimal(36), to_decimal("-0")
    (Decimal('159.30'), Decimal('36'), Decimal('0'))
    >>> to_decimal(159.3)
    Traceback (most recent call last):
    ...
    sciplan_model.errors.WrongTypeError: magnitude must be an int, str or Decimal, not float
    """
    # the usual cases first, each checked in a few C calls; anything else, and every
    # refusal, takes the way below that says what is wrong
    if type(value) is str:
        if len(value) <= _LONG and not value.strip(_PLAIN):
            try:
                d = _read_decimal(value)
            except ArithmeticError:
                pass
            else:
                if d:
                    return d
    elif type(value) is Decimal:
        if value and value.is_finite():
            try:
                _LIMITS.plus(value)
            except ArithmeticError:
                pass
            else:
                return value
    elif type(value) is int and -_INT_LIMIT < value < _INT_LIMIT:
        return Decimal(value)
    return _checked_decimal(value, field)


def _checked_decimal(value: object, field: str) -> Decimal:
    """:func:`to_decimal` the thorough way, which names what is wrong."""
    if type(value) is Decimal:
        d = value
    elif isinstance(value, bool):
        raise WrongTypeError(field, "an int, str or Decimal", "bool")
    elif isinstance(value, int):
        if value.bit_length() > 100:
            raise InvalidMagnitudeError(
                f"an int of {value.bit_length()} bits", f"more than {MAX_DIGITS} digits", field
            )
        d = Decimal(value)
    elif isinstance(value, str):
        if len(value) > 100 or not _PLAIN_NUMBER.fullmatch(value):
            raise InvalidMagnitudeError(value, "not a plain decimal number", field)
        d = Decimal(value)
        if len(value) <= _SHORT:  # too short to break a limit: only -0 to mend
            return d if d else d.copy_abs()
    elif isinstance(value, Decimal):
        d = Decimal(value)
    else:
        raise WrongTypeError(field, "an int, str or Decimal", type(value).__name__)
    problem = magnitude_problem(d)
    if problem is not None:
        raise InvalidMagnitudeError(_sci(d), problem, field)
    if not d:
        if d.as_tuple().exponent < MIN_EXPONENT:  # type: ignore[operator]
            d = Decimal(0)
        d = d.copy_abs()
    return d


# The units met so far, by name: one dict lookup where unit_info() would check the
# name's type and ask its cache.
_INFOS: dict[str, UnitInfo] = {}


def _known_unit(unit: str) -> UnitInfo:
    """:func:`unit_info`, remembered in ``_INFOS``: UnknownUnitError (a ValueError) for a
    name that is not ours, WrongTypeError for what is not a str."""
    info = unit_info(unit)
    if type(unit) is str:
        _INFOS[unit] = info
    return info


_ZERO = Decimal(0)


def _plain(d: Decimal) -> Decimal:
    """:func:`~sciplan_model._exact.plain` — ``d`` without trailing fractional zeros and
    without a positive exponent, ``-0`` as ``0`` — in two calls of the exact context:
    a zero of exponent 0 added to the normalized ``d`` brings a positive exponent down
    to 0 (the sum's exponent is the smaller one) and makes -0 a 0.

    >>> _plain(Decimal("1593000.0")), _plain(Decimal("1.5E+3")), _plain(Decimal("-0.00"))
    (Decimal('1593000'), Decimal('1500'), Decimal('0'))
    """
    return EXACT.add(d.normalize(EXACT), _ZERO)


def _fill(q: Quantity, magnitude: Decimal, info: UnitInfo) -> None:
    """Set what every quantity holds: its magnitude and its unit's name.  Its unit's
    facts are looked up by that name (:attr:`Quantity._info`); what equality, hashing
    and sums need is computed when asked for (:func:`_canonical`, :func:`total`)."""
    _SET_MAGNITUDE(q, magnitude)
    _SET_UNIT(q, info.name)


def _make(magnitude: Decimal, info: UnitInfo) -> Quantity:
    """A new quantity from checked parts: Money for a currency, else Quantity."""
    q = object.__new__(Money if info.currency else Quantity)
    _SET_MAGNITUDE(q, magnitude)
    _SET_UNIT(q, info.name)
    return q


def _result(magnitude: Decimal, info: UnitInfo, operation: str) -> Quantity:
    """A quantity computed by an operation.

    The limits of :func:`to_decimal` guard what enters the library.  A result of exact
    arithmetic on admitted amounts may pass them (a huge amount plus a tiny one has
    more than 28 digits) and is kept exact all the same, so that sums never depend on
    the order they are taken in: the arithmetic context has room for far more digits,
    and raises :class:`InexactResultError` rather than round if ever it has not — here,
    when the result is made, not later when it is compared or summed.
    """
    try:
        EXACT.multiply(magnitude, info.factor)  # its base-unit value is exact
    except decimal.DecimalException:  # pragma: no cover - beyond 1000 digits
        raise InexactResultError(operation) from None
    return _make(magnitude, info)


def _rebuild(cls: type[Quantity], magnitude: Decimal, unit: str) -> Quantity:
    """Unpickle a quantity, which may be a result beyond the limits of a new one."""
    info = unit_info(unit)
    if type(magnitude) is not Decimal or not magnitude.is_finite():
        shown = _sci(magnitude) if type(magnitude) is Decimal else str(magnitude)
        raise InvalidMagnitudeError(shown, "not a finite Decimal")
    q = object.__new__(cls)
    q._check_unit(info)
    _fill(q, magnitude, info)
    try:
        EXACT.multiply(magnitude, info.factor)  # its base-unit value is exact
    except decimal.DecimalException:
        raise InvalidMagnitudeError(_sci(magnitude), "beyond exact arithmetic") from None
    return q


def _from_canon(canon: Decimal, info: UnitInfo, operation: str) -> Quantity:
    try:
        magnitude = _plain(EXACT.divide(canon, info.factor))
    except decimal.DecimalException:
        raise InexactResultError(f"{operation}, in {info.name},") from None
    return _result(magnitude, info, operation)


def _in_finer(canon: Decimal, a: UnitInfo, b: UnitInfo, operation: str) -> Quantity:
    """``canon`` in the finer of two units of one dimension, or in the dimension's base
    unit when the finer one cannot hold it exactly (1公顷 + 1万亩 is 10015亩)."""
    finer = b if b.factor < a.factor else a
    try:
        magnitude = _plain(EXACT.divide(canon, finer.factor))
    except decimal.DecimalException:
        finer = unit_info(finer.base)
        try:
            magnitude = _plain(EXACT.divide(canon, finer.factor))
        except decimal.DecimalException:
            raise InexactResultError(operation) from None
    return _result(magnitude, finer, operation)


def _exact(operation: str, fn: Any, *args: Decimal) -> Decimal:
    """``fn(*args)`` (a method of a context) made :func:`plain`; a ``decimal`` signal
    on the way becomes the package's error (beyond 1000 digits, ``plain`` itself may
    find no room for a large exponent's zeros)."""
    try:
        result: Decimal = _plain(fn(*args))
    except ZeroDivisionError:  # decimal's DivisionByZero and DivisionUndefined (0/0)
        raise DivisionByZeroError(operation) from None
    except decimal.DecimalException:
        raise InexactResultError(operation) from None
    return result


def _number(value: object, operation: str) -> Decimal | None:
    """The operand of ``*`` or ``/`` as a Decimal, or None when it is not a number."""
    if isinstance(value, bool | float):
        if isinstance(value, float):
            raise WrongTypeError(f"the number to {operation} by", "an int or Decimal", "float")
        return None
    if isinstance(value, int | Decimal):
        return to_decimal(value, f"the number to {operation} by")
    return None


class _Kept:
    """The slot of what a quantity computes the first time a long :func:`total` meets
    it, and keeps: its packed int.  Not an attrs field: a quantity's fields are what it
    is, its magnitude and its unit; this is left unset until then."""

    __slots__ = ("_packed",)
    _packed: int | None


@attrs.frozen(init=False, eq=False, repr=False)
class Quantity(_Kept):
    """An exact amount of one unit: ``Quantity("2", "万人次")``.

    ``magnitude`` is an ``int``, ``str`` or ``Decimal`` (never a ``float``); ``unit``
    is one of the package's unit names, with a scale word where written (万元, 万人次).
    """

    magnitude: Decimal
    unit: str

    _kind: ClassVar[str] = "quantity"

    def __init__(self, magnitude: int | str | Decimal, unit: str) -> None:
        try:
            info = _INFOS[unit]
        except (KeyError, TypeError):
            info = _known_unit(unit)
        if info.currency:
            if type(self) is not Money:
                if type(self) is Quantity:  # every quantity of money is a Money
                    _set_class(self, Money)
                else:
                    self._check_unit(info)
        elif type(self) is not Quantity:
            self._check_unit(info)  # Money refuses, a subclass may
        # to_decimal()'s quick ways for a plain string and a Decimal, inline
        if type(magnitude) is str and len(magnitude) <= _LONG and not magnitude.strip(_PLAIN):
            try:
                d = _read_decimal(magnitude)
            except ArithmeticError:
                d = to_decimal(magnitude)  # says what is wrong
            else:
                if not d:
                    d = to_decimal(magnitude)  # -0 is 0
        elif type(magnitude) is Decimal and magnitude and magnitude.is_finite():
            try:
                _LIMITS.plus(magnitude)
            except ArithmeticError:
                d = to_decimal(magnitude)  # says what is wrong
            else:
                d = magnitude
        else:
            d = to_decimal(magnitude)
        _SET_MAGNITUDE(self, d)
        _SET_UNIT(self, info.name)

    def _check_unit(self, info: UnitInfo) -> None:
        """Hook for subclasses that admit only some units."""

    # -- reading ----------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a plain figure as written: ``"159.3万元"``, ``"２１００个"``, ``"两期"``.

        A figure with a qualifier (``"2万人次以上"``, ``"600余家"``) is refused: use
        :meth:`Figure.parse <sciplan_model.Figure.parse>` for those.

        >>> Quantity.parse("159。3万元")
        Money('159.3', '万元')
        >>> Quantity.parse("20个课时")
        Quantity('20', '课时')
        """
        parts = scan(text)
        if parts.qualifier != K_EXACT or parts.value is None:
            at = max(parts.qualifier_at, 0)
            raise FigureParseError(text, at, "a qualified figure (read it with Figure.parse)")
        if parts.words_at >= 0:
            raise FigureParseError(
                text, parts.words_at, "words before the number (read it with Figure.parse)"
            )
        if parts.alternative_at >= 0:
            raise FigureParseError(
                text, parts.alternative_at, "an alternative unit (read it with Figure.parse)"
            )
        info = unit_info(parts.unit)
        q = _make(to_decimal(parts.value), info)
        if not isinstance(q, cls):
            raise FigureParseError(text, parts.unit_at, f"{parts.unit} is not a unit of money")
        return q

    @property
    def _info(self) -> UnitInfo:
        """The facts about this quantity's unit, shared by every quantity of the unit."""
        info = _INFOS.get(self.unit)
        return _known_unit(self.unit) if info is None else info

    @property
    def dimension(self) -> str:
        """What the unit measures, as pint names it: ``[money]`` (元), ``[money_USD]``
        (美元), ``[人次]``, ``[area]``, ``[mass]`` …"""
        return self._info.dimension

    @property
    def is_money(self) -> bool:
        """True when the unit is a currency (元, 万元, 美元, 亿日元 …)."""
        return self._info.currency

    @property
    def is_count(self) -> bool:
        """True when the unit is a measure word (项, 家, 人次 …): see
        :attr:`UnitInfo.is_count <sciplan_model.UnitInfo.is_count>`."""
        return self._info.is_count

    # -- converting ---------------------------------------------------------------------

    def to(self, unit: str) -> Quantity:
        """The same value in ``unit``, exactly, written without an exponent.

        >>> Quantity("2", "万人次").to("人次")
        Quantity('20000', '人次')
        """
        info = unit_info(unit)
        if info.dimension != self._info.dimension:
            raise UnitMismatchError(self.unit, info.name, "convert between")
        return _from_canon(_canonical(self), info, f"converting {self}")

    def compact(self) -> Quantity:
        """The same value rescaled to read well: the largest of 万, 亿, 万亿 that keeps
        the magnitude at least 1, or the plain unit below 1万.

        >>> [str(Money(m, "元").compact()) for m in ("1593000", "150000000", "9999")]
        ['159.3万元', '1.5亿元', '9999元']
        """
        info = self._info
        if not (info.scalable or info.currency):
            return self
        word = unit_info(info.word)
        canon = _canonical(self)
        amount = EXACT.divide(canon, word.factor).copy_abs()
        for power, name in _COMPACT_STEPS:
            if amount >= Decimal(1).scaleb(power, EXACT):
                return _from_canon(canon, unit_info(name + word.name), f"compacting {self}")
        return _from_canon(canon, word, f"compacting {self}")

    def to_pint(self) -> Any:
        """This quantity as a pint ``Quantity`` of :data:`sciplan_model.ureg`."""
        return registry().Quantity(self.magnitude, pint_unit(self.unit))

    @classmethod
    def from_pint(cls, q: Any) -> Quantity:
        """A pint quantity as one of ours, exactly: a :class:`Money` where its unit is
        a currency.  ``q`` may come from :data:`sciplan_model.ureg` or from any pint
        registry whose unit this package knows (``hectare`` is 公顷, ``kilometer ** 2``
        平方公里, ``metric_ton`` 吨, ``kilowatt_hour`` 千瓦时, ``percent`` % …; see
        :data:`PINT_NAMES`).  Its magnitude must be exact, an ``int`` or a ``Decimal``:
        a float is refused (it is not the number it was written as).

        >>> import pint
        >>> from decimal import Decimal
        >>> area = Quantity.from_pint(pint.UnitRegistry().Quantity(Decimal("2"), "hectare"))
        >>> area, area.to("亩")
        (Quantity('2', '公顷'), Quantity('30', '亩'))
        >>> Quantity.from_pint(Money("159.3", "万元").to_pint())
        Money('159.3', '万元')
        """
        magnitude = getattr(q, "magnitude", None)
        units = getattr(q, "units", None)
        if magnitude is None or units is None:
            raise WrongTypeError("Quantity.from_pint(q)", "a pint Quantity", type(q).__name__)
        if isinstance(magnitude, float):
            raise WrongTypeError(
                "the magnitude of a pint quantity",
                "exact, an int or a Decimal (make it with ureg.Quantity(Decimal("
                f"{str(magnitude)!r}), ...))",
                f"the float {magnitude!r}",
            )
        if isinstance(magnitude, numbers.Integral) and not isinstance(magnitude, bool):
            magnitude = int(magnitude)
        if not isinstance(magnitude, int | Decimal) or isinstance(magnitude, bool):
            raise WrongTypeError(
                "the magnitude of a pint quantity", "an int or a Decimal", type(magnitude).__name__
            )
        name = _our_unit(_pint_text(units))
        made = (Money if unit_info(name).currency else Quantity)(magnitude, name)
        if not isinstance(made, cls):
            raise WrongTypeError(f"{cls.__name__}.from_pint(q)", "money", f"{magnitude} {name}")
        return made

    # -- arithmetic -----------------------------------------------------------------------

    def _same_dimension(self, other: Quantity, operation: str) -> None:
        if other._info.dimension != self._info.dimension:
            raise UnitMismatchError(self.unit, other.unit, operation)

    def __add__(self, other: object) -> Quantity:
        if not isinstance(other, Quantity):
            return NotImplemented
        if self.unit == other.unit:  # no conversion: the magnitudes add up
            try:
                summed = EXACT.add(self.magnitude, other.magnitude)
            except decimal.DecimalException:  # beyond 1000 digits
                raise InexactResultError(f"{self} + {other}") from None
            return _result(_plain(summed), self._info, "+")
        self._same_dimension(other, "add")
        try:
            canon = EXACT.add(_canonical(self), _canonical(other))
        except decimal.DecimalException:  # beyond 1000 digits
            raise InexactResultError(f"{self} + {other}") from None
        return _in_finer(canon, self._info, other._info, "+")

    def __radd__(self, other: object) -> Quantity:
        if type(other) is int and other == 0:
            return self  # so that sum() works
        return NotImplemented

    def __sub__(self, other: object) -> Quantity:
        if not isinstance(other, Quantity):
            return NotImplemented
        if self.unit == other.unit:  # no conversion: the magnitudes subtract
            try:
                difference = EXACT.subtract(self.magnitude, other.magnitude)
            except decimal.DecimalException:  # beyond 1000 digits
                raise InexactResultError(f"{self} - {other}") from None
            return _result(_plain(difference), self._info, "-")
        self._same_dimension(other, "subtract")
        try:
            difference = EXACT.subtract(_canonical(self), _canonical(other))
        except decimal.DecimalException:  # beyond 1000 digits
            raise InexactResultError(f"{self} - {other}") from None
        return _in_finer(difference, self._info, other._info, "-")

    def __mul__(self, other: object) -> Quantity:
        n = _number(other, "multiply")
        if n is None:
            return NotImplemented
        operation = f"{self} * {_sci(n)}"
        product = _exact(operation, EXACT.multiply, self.magnitude, n)
        return _result(product, self._info, operation)

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Any:
        if isinstance(other, Quantity):
            self._same_dimension(other, "divide")
            if not _canonical(other):
                raise DivisionByZeroError(f"{self} / {other}")
            return _exact(f"{self} / {other}", RATIO.divide, _canonical(self), _canonical(other))
        n = _number(other, "divide")
        if n is None:
            return NotImplemented
        if not n:
            raise DivisionByZeroError(f"{self} / {_sci(n)}")
        operation = f"{self} / {_sci(n)}"
        quotient = _exact(operation, EXACT.divide, self.magnitude, n)
        return _result(quotient, self._info, operation)

    def __neg__(self) -> Quantity:
        return _make(_plain(self.magnitude.copy_negate()), self._info)

    def __pos__(self) -> Quantity:
        return self

    def __abs__(self) -> Quantity:
        return _make(self.magnitude.copy_abs(), self._info)

    def __bool__(self) -> bool:
        return bool(self.magnitude)

    # -- comparing -------------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Quantity):
            return NotImplemented
        if self.unit == other.unit:
            return self.magnitude == other.magnitude
        a, b = _INFOS.get(self.unit) or self._info, _INFOS.get(other.unit) or other._info
        if a.dimension != b.dimension:
            return False
        return EXACT.multiply(self.magnitude, a.factor) == EXACT.multiply(other.magnitude, b.factor)

    def __ne__(self, other: object) -> bool:
        if not isinstance(other, Quantity):
            return NotImplemented
        return not self == other

    def __hash__(self) -> int:
        info = _INFOS.get(self.unit) or self._info
        return hash((info.dimension, EXACT.multiply(self.magnitude, info.factor)))

    def _key(self, other: object, operation: str) -> tuple[Decimal, Decimal] | None:
        if not isinstance(other, Quantity):
            return None
        if self.unit == other.unit:
            return self.magnitude, other.magnitude
        a, b = _INFOS.get(self.unit) or self._info, _INFOS.get(other.unit) or other._info
        if a.dimension != b.dimension:
            raise UnitMismatchError(self.unit, other.unit, operation)
        return EXACT.multiply(self.magnitude, a.factor), EXACT.multiply(other.magnitude, b.factor)

    def __lt__(self, other: object) -> bool:
        k = self._key(other, "compare")
        return NotImplemented if k is None else k[0] < k[1]

    def __le__(self, other: object) -> bool:
        k = self._key(other, "compare")
        return NotImplemented if k is None else k[0] <= k[1]

    def __gt__(self, other: object) -> bool:
        k = self._key(other, "compare")
        return NotImplemented if k is None else k[0] > k[1]

    def __ge__(self, other: object) -> bool:
        k = self._key(other, "compare")
        return NotImplemented if k is None else k[0] >= k[1]

    # -- showing -----------------------------------------------------------------------------

    def __str__(self) -> str:
        return f"{fmt(self.magnitude)}{self.unit}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({fmt(self.magnitude)!r}, {self.unit!r})"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.magnitude, self.unit))


# The slots' own setters: a frozen class refuses attribute assignment, and these are
# the quickest way round that for objects the module is still making.
_SET_MAGNITUDE, _SET_UNIT = (Quantity.__dict__[name].__set__ for name in ("magnitude", "unit"))
_SET_PACKED = _Kept.__dict__["_packed"].__set__


def _set_class(q: Quantity, cls: type[Quantity]) -> None:
    """Make ``q`` (a Quantity being made) a ``cls`` (Money: the same slots, no more)."""
    object.__setattr__(q, "__class__", cls)


class Money(Quantity):
    """A quantity of money: its unit is a currency — 元 (千元, 万元, 百万元, 亿元,
    万亿元), 美元 (美金), 欧元, 港元 (港币), 日元 or 英镑, each with 万, 亿 and 万亿.

    Each currency is apart from the others: sums, comparisons and :meth:`to` between
    two currencies raise :class:`~sciplan_model.UnitMismatchError`; only
    :meth:`exchange` converts, at a rate the caller gives.

    >>> Money("500", "万美元").to("美元")
    Money('5000000', '美元')
    >>> Money("1", "项")
    Traceback (most recent call last):
    ...
    sciplan_model.errors.InvalidValueError: invalid Money: '项' is not a unit of money
    """

    __slots__ = ()

    def _check_unit(self, info: UnitInfo) -> None:
        if not info.currency:
            raise InvalidValueError("Money", f"{info.name!r} is not a unit of money")

    def exchange(self, unit: str, rate: int | str | Decimal) -> Money:
        """This amount in ``unit``, a unit of another currency, at ``rate``: the price
        of one base unit of this amount's currency (1美元, 1欧元 …) in the base unit of
        the other (元, 美元 …).  Exact: nothing is rounded.

        ``rate`` is an ``int``, ``str`` or ``Decimal`` above zero (a ``float`` is
        refused, as everywhere).  Within one currency the rate can only be 1 (use
        :meth:`to`).

        >>> Money("100", "万美元").exchange("万元", "7.1")
        Money('710', '万元')
        >>> Money("3000", "万日元").exchange("美元", "0.0067")
        Money('201000', '美元')
        >>> Money("1", "万元").exchange("项", 1)
        Traceback (most recent call last):
        ...
        sciplan_model.errors.UnitMismatchError: cannot exchange '万元' and '项': they are units of different things
        """
        info = unit_info(unit)
        if not info.currency:
            raise UnitMismatchError(self.unit, info.name, "exchange")
        r = to_decimal(rate, "rate")
        if r <= 0:
            raise InvalidValueError("exchange rate", f"{fmt(r)} is not above zero")
        if info.dimension == self._info.dimension and r != 1:
            raise InvalidValueError(
                "exchange rate",
                f"{self.unit} and {info.name} are one currency, so the rate is 1, not {fmt(r)}",
            )
        canon = _exact(f"exchanging {self} at {fmt(r)}", EXACT.multiply, _canonical(self), r)
        # a quantity of a currency is always made a Money (see _make)
        return cast(Money, _from_canon(canon, info, f"exchanging {self} at {fmt(r)}"))


def _canonical(q: Quantity) -> Decimal:
    """``q`` in the base unit of its dimension (元, 美元, 亩, 公斤, the bare measure
    word), exactly:
    what equality, ordering and sums go by (for the package's own fast paths).
    One multiplication, each time it is asked for: cheaper than looking for a kept one.

    >>> _canonical(Money("159.3", "万元"))
    Decimal('1593000.0')
    """
    info = _INFOS.get(q.unit) or q._info
    canon: Decimal = EXACT.multiply(q.magnitude, info.factor)
    return canon


# total() and its ways live in a module of their own; it is the package's, from here
from ._total import total  # noqa: E402 - after everything _total takes from this module
