"""Figures as plans write them, and what they mean as ranges.

A :class:`Figure` keeps a figure exactly as written — its value, unit and qualifier
(以上, 余, 近, 约 …), whether it is an aspiration (力争), and its text — and
:attr:`Figure.range` says what values it allows::

    >>> f = Figure.parse("2万人次以上")
    >>> f.value, f.qualifier, f.range
    (Quantity('2', '万人次'), <Qualifier.AT_LEAST: 'at_least'>, Range('[2万人次, ∞)'))
    >>> Figure.parse("600余家").range
    Range('(600家, 700家)')
    >>> Figure.parse("20xx万元").range
    Range('unknown 万元')

Sums of ranges are ranges, so totals of qualified figures stay honest::

    >>> sum(Figure.parse(t).range for t in ["600余家", "30家", "约100家"])
    Range('(725家, 835家)')
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from typing import Any, Self

import attrs

from . import _scan
from ._exact import EXACT, fmt, magnitude_problem
from ._reading import SCALE_NAMES
from .errors import (
    InvalidValueError,
    SciplanError,
    UnitMismatchError,
    UnknownUnitError,
    WrongTypeError,
    _clip,
)
from .quantity import MAX_DIGITS, Quantity, _make, to_decimal
from .units import unit_info

__all__ = ["DEFAULT_TOLERANCE", "Figure", "Qualifier", "Range", "figure_of"]

#: How far 约 (about) reaches either side of its figure, and 近 (nearly) below it: 5 %.
DEFAULT_TOLERANCE = Decimal("0.05")


def _check_bool(value: object, field: str) -> None:
    if not isinstance(value, bool):
        raise WrongTypeError(field, "a bool", type(value).__name__)


def _dimension_of(unit: str) -> str:
    return unit_info(unit).dimension if unit else ""


@attrs.frozen(repr=False)
class Range:
    """What a figure allows: from ``low`` to ``high``, each end open or closed.

    ``None`` as an end means unbounded.  A range that is not known (from a placeholder
    such as 20xx) keeps only its ``unit``; sums with it are not known either, and its
    questions (:meth:`contains`, :meth:`overlaps`, :meth:`within`) answer ``None``.
    """

    low: Quantity | None
    high: Quantity | None
    low_closed: bool = True
    high_closed: bool = True
    is_known: bool = True
    #: The unit the range is written in (an end's unit unless given); ranges of one
    #: dimension compare alike whatever unit they are written in.
    unit: str = attrs.field(default="", eq=_dimension_of)

    def __attrs_post_init__(self) -> None:
        for end in (self.low, self.high):
            if end is not None and not isinstance(end, Quantity):
                raise WrongTypeError("a range's end", "a Quantity or None", type(end).__name__)
        for name in ("low_closed", "high_closed", "is_known"):
            _check_bool(getattr(self, name), name)
        if not self.is_known:
            if self.low is not None or self.high is not None:
                raise InvalidValueError("range", "an unknown range has no ends")
            if not self.unit:
                raise InvalidValueError("range", "an unknown range needs its unit")
            unit_info(self.unit)
            return
        if self.low is None and self.high is None and not self.unit:
            raise InvalidValueError("range", "a range without ends needs its unit")
        if self.low is not None and self.high is not None:
            if self.low.dimension != self.high.dimension:
                raise UnitMismatchError(self.low.unit, self.high.unit, "make a range of")
            if self.low > self.high:
                raise InvalidValueError("range", f"its low end {self.low} is above {self.high}")
        setter = object.__setattr__
        if self.low is None:
            setter(self, "low_closed", False)
        if self.high is None:
            setter(self, "high_closed", False)
        end = self.low if self.low is not None else self.high
        if not self.unit:
            if end is not None:
                setter(self, "unit", end.unit)
        elif end is not None and unit_info(self.unit).dimension != end.dimension:
            raise UnitMismatchError(self.unit, end.unit, "write a range in")
        unit_info(self.unit)

    @classmethod
    def point(cls, q: Quantity) -> Range:
        """The range that holds ``q`` alone."""
        return cls(q, q)

    @classmethod
    def unknown(cls, unit: str) -> Range:
        """The range of a figure whose value is not known (20xx万元)."""
        return cls(None, None, False, False, is_known=False, unit=unit)

    @property
    def dimension(self) -> str:
        """What the range measures (``[money]``, ``[人次]`` …)."""
        return unit_info(self.unit).dimension

    @property
    def is_point(self) -> bool:
        """True when the range holds exactly one value."""
        return self.is_known and self.low is not None and self.low == self.high

    @property
    def is_empty(self) -> bool:
        """True when no value fits, as in ``[x, x)``."""
        return (
            self.is_known
            and self.low is not None
            and self.low == self.high
            and not (self.low_closed and self.high_closed)
        )

    # -- arithmetic ---------------------------------------------------------------------

    def __add__(self, other: object) -> Range:
        if isinstance(other, Quantity):
            other = Range.point(other)
        if not isinstance(other, Range):
            return NotImplemented
        if self.dimension != other.dimension:
            raise UnitMismatchError(self.unit, other.unit, "add")
        if not (self.is_known and other.is_known):
            finer = min((self, other), key=lambda r: unit_info(r.unit).factor)
            return Range.unknown(finer.unit)
        low = None if self.low is None or other.low is None else self.low + other.low
        high = None if self.high is None or other.high is None else self.high + other.high
        finer = min((self, other), key=lambda r: unit_info(r.unit).factor)
        return Range(
            low,
            high,
            self.low_closed and other.low_closed,
            self.high_closed and other.high_closed,
            unit=finer.unit if low is None and high is None else "",
        )

    def __radd__(self, other: object) -> Range:
        if type(other) is int and other == 0:
            return self
        if isinstance(other, Quantity):
            return Range.point(other) + self
        return NotImplemented

    # -- questions ------------------------------------------------------------------------

    def _check(self, q: Quantity) -> None:
        if not isinstance(q, Quantity):
            raise WrongTypeError("value", "a Quantity", type(q).__name__)
        if q.dimension != self.dimension:
            raise UnitMismatchError(self.unit, q.unit, "compare")

    def contains(self, q: Quantity) -> bool | None:
        """Whether ``q`` lies in the range (``None`` when the range is not known).

        >>> Figure.parse("2万人次以上").range.contains(Quantity("20000", "人次"))
        True
        """
        self._check(q)
        if not self.is_known:
            return None
        if self.low is not None and (q < self.low or (q == self.low and not self.low_closed)):
            return False
        return not (
            self.high is not None and (q > self.high or (q == self.high and not self.high_closed))
        )

    def _below(self, other: Range) -> bool:
        """True when every value of ``self`` is below every value of ``other``."""
        if self.high is None or other.low is None:
            return False
        if self.high < other.low:
            return True
        return self.high == other.low and not (self.high_closed and other.low_closed)

    def _check_range(self, other: object) -> Range:
        if not isinstance(other, Range):
            raise WrongTypeError("other", "a Range", type(other).__name__)
        return other

    def overlaps(self, other: Range) -> bool | None:
        """Whether some value lies in both ranges (``None`` when either is not known)."""
        other = self._check_range(other)
        if self.dimension != other.dimension:
            raise UnitMismatchError(self.unit, other.unit, "compare")
        if not (self.is_known and other.is_known):
            return None
        if self.is_empty or other.is_empty:
            return False
        return not (self._below(other) or other._below(self))

    def within(self, other: Range) -> bool | None:
        """Whether every value of ``self`` lies in ``other`` (``None`` when not known).

        >>> target = Figure.parse("2万人次以上").range
        >>> Figure.parse("2万余人次").range.within(target)
        True
        >>> Figure.parse("约2万人次").range.within(target)
        False
        """
        other = self._check_range(other)
        if self.dimension != other.dimension:
            raise UnitMismatchError(self.unit, other.unit, "compare")
        if not (self.is_known and other.is_known):
            return None
        if self.is_empty:
            return True
        if other.low is not None:
            if self.low is None or self.low < other.low:
                return False
            if self.low == other.low and self.low_closed and not other.low_closed:
                return False
        if other.high is not None:
            if self.high is None or self.high > other.high:
                return False
            if self.high == other.high and self.high_closed and not other.high_closed:
                return False
        return True

    def __str__(self) -> str:
        if not self.is_known:
            return f"unknown {self.unit}"
        left = "[" if self.low_closed else "("
        right = "]" if self.high_closed else ")"
        low = "-∞" if self.low is None else str(self.low)
        high = "∞" if self.high is None else str(self.high)
        return f"{left}{low}, {high}{right}"

    def __repr__(self) -> str:
        return f"Range({str(self)!r})"


class Qualifier(enum.Enum):
    """What a figure's qualifier says about its value (see ``docs/figures.md``)."""

    EXACT = "exact"  # 36项
    AT_LEAST = "at_least"  # 以上 (after), 不少于, 至少, 不低于: [x, ∞)
    MORE_THAN = "more_than"  # 超过, 多于, 突破: (x, ∞)
    AT_MOST = "at_most"  # 以下, 以内, 不超过, 不高于: (-∞, x]
    LESS_THAN = "less_than"  # 不满, 低于, 少于, 不足: (-∞, x)
    ODD = "odd"  # 600余家, 130多家: (x, x + one step of the last significant digit)
    NEARLY = "nearly"  # 近, 将近, 接近: [x·(1−t), x)
    ABOUT = "about"  # 约, 大约, 左右: [x·(1−t), x·(1+t)]
    RANGE = "range"  # 一至二门, 3-5亿元: [a, b]
    UNKNOWN = "unknown"  # 20xx万元

    def range(
        self,
        value: Quantity | None,
        upper: Quantity | None = None,
        *,
        unit: str | None = None,
        tolerance: Decimal | None = None,
    ) -> Range:
        """The range this qualifier makes of ``value`` (and ``upper``, for RANGE).

        ``tolerance`` (default :data:`DEFAULT_TOLERANCE`) is how far 约 and 近 reach.

        >>> Qualifier.ABOUT.range(Quantity("100", "人"), tolerance=Decimal("0.1"))
        Range('[90人, 110人]')
        """
        if self is Qualifier.UNKNOWN or value is None:
            if self in _NEEDS_VALUE:
                raise InvalidValueError("figure", f"qualifier {self.name} needs a value")
            name = unit if unit is not None else (upper.unit if upper is not None else "")
            return Range.unknown(name)
        t = DEFAULT_TOLERANCE if tolerance is None else to_decimal(tolerance, "tolerance")
        if not 0 <= t < 1:
            raise InvalidValueError("tolerance", f"{t} is not at least 0 and below 1")
        if self is Qualifier.RANGE:
            if upper is None:
                raise InvalidValueError("figure", "a RANGE figure needs its upper end")
            return Range(value, upper)
        if self is Qualifier.EXACT:
            return Range(value, value)
        if self is Qualifier.AT_LEAST:
            return Range(value, None, True, False)
        if self is Qualifier.MORE_THAN:
            return Range(value, None, False, False)
        if self is Qualifier.AT_MOST:
            return Range(None, value, False, True)
        if self is Qualifier.LESS_THAN:
            return Range(None, value, False, False)
        # 余 and 近 speak of the digits as written, whatever the sign: -600余家 is 600余家
        # below zero, (-700家, -600家); 近-5万元 falls short of 5万元 below zero too
        if self is Qualifier.ODD:
            step = _step(value)
            if value.magnitude < 0:
                return Range(value - step, value, False, False)
            return Range(value, value + step, False, False)
        reach = abs(value) * t
        if self is Qualifier.NEARLY:
            if value.magnitude < 0:
                return Range(value, value + reach, False, True)
            return Range(value - reach, value, True, False)
        return Range(value - reach, value + reach)


#: A placeholder as plans write withheld digits: 20xx, X, ××, **.
_PLACEHOLDER = re.compile(r"[0-9]*[xX×*]+", re.ASCII)

#: Qualifiers that need a value: only these cannot qualify a placeholder (20xx).
_NEEDS_VALUE = frozenset({Qualifier.EXACT, Qualifier.RANGE, Qualifier.ODD})


def _step(q: Quantity) -> Quantity:
    """One step of the last significant digit of ``q`` as written (600 → 100)."""
    exponent = q.magnitude.normalize(EXACT).as_tuple().exponent
    return _make(Decimal(1).scaleb(exponent, EXACT), unit_info(q.unit))  # type: ignore[arg-type]


def _written(q: Quantity | None) -> tuple[Decimal, str] | None:
    return None if q is None else (q.magnitude, q.unit)


_QUALIFIERS = {q.name: q for q in Qualifier}
_PREFIX = {
    Qualifier.MORE_THAN: "超过",
    Qualifier.LESS_THAN: "不满",
    Qualifier.NEARLY: "近",
    Qualifier.ABOUT: "约",
}
_SUFFIX = {Qualifier.AT_LEAST: "以上", Qualifier.AT_MOST: "以下"}


@attrs.frozen(repr=False)
class Figure:
    """A figure as a plan writes it: value, unit, qualifier, aspiration and text.

    Build one with :meth:`parse` from text, or directly::

        >>> Figure(Quantity("30", "家"), qualifier=Qualifier.AT_LEAST)
        Figure('30家以上')

    ``value`` is ``None`` only for a placeholder: ``20xx万元`` (qualifier UNKNOWN), or a
    qualified one such as ``20xx万元以上``, which keeps its qualifier; either way its
    range is not known.  ``upper`` is the upper end of a RANGE figure.  Two figures are equal when they are
    written alike (the same magnitudes in the same units, qualifier and aspiration); the
    ``text`` they came from does not count.  Compare values through :attr:`range`.
    """

    value: Quantity | None = attrs.field(eq=_written)
    unit: str = ""
    qualifier: Qualifier = Qualifier.EXACT
    aspirational: bool = False
    upper: Quantity | None = attrs.field(default=None, eq=_written)
    placeholder: str | None = None
    alternative_unit: str | None = None
    text: str = attrs.field(default="", eq=False)

    def __attrs_post_init__(self) -> None:
        setter = object.__setattr__
        if not isinstance(self.qualifier, Qualifier):
            raise WrongTypeError("qualifier", "a Qualifier", type(self.qualifier).__name__)
        if self.value is not None and not isinstance(self.value, Quantity):
            raise WrongTypeError("value", "a Quantity or None", type(self.value).__name__)
        if self.value is None:
            if self.qualifier in _NEEDS_VALUE:
                raise InvalidValueError("figure", f"qualifier {self.qualifier.name} needs a value")
            if not self.unit:
                raise InvalidValueError("figure", "a figure without a value needs its unit")
            unit_info(self.unit)
        elif self.qualifier is Qualifier.UNKNOWN:
            raise InvalidValueError("figure", "an UNKNOWN figure has no value")
        if self.qualifier is Qualifier.RANGE:
            if self.upper is None:
                raise InvalidValueError("figure", "a RANGE figure needs its upper end")
            if not self.unit:
                setter(self, "unit", self.upper.unit)
            elif self.unit != self.upper.unit:
                raise InvalidValueError("figure", f"unit {self.unit!r} is not {self.upper.unit!r}")
        elif self.upper is not None:
            raise InvalidValueError("figure", "only a RANGE figure has an upper end")
        elif self.value is not None:
            if not self.unit:
                setter(self, "unit", self.value.unit)
            elif self.unit != self.value.unit:
                raise InvalidValueError("figure", f"unit {self.unit!r} is not {self.value.unit!r}")
        if self.qualifier is Qualifier.ODD and self.value is not None and not self.value:
            raise InvalidValueError("figure", "余 or 多 needs a figure above zero")
        _check_bool(self.aspirational, "aspirational")
        if self.placeholder is not None and self.value is not None:
            raise InvalidValueError("figure", "a figure with a value has no placeholder")
        for end in (self.value, self.upper):
            problem = None if end is None else magnitude_problem(end.magnitude)
            if problem is not None:  # a sum or product past what a figure may say
                raise InvalidValueError("figure", f"{end} is {problem}")
        if self.value is None:
            if self.placeholder is None:
                setter(self, "placeholder", "xx")  # what it prints, and reads back as
            else:
                _check_placeholder(self.placeholder)
        elif self.qualifier is Qualifier.RANGE and (
            self.value.magnitude < 0 or (self.upper is not None and self.upper.magnitude < 0)
        ):
            # plans write a range's ends without a sign, and the grammar reads no other
            raise InvalidValueError("figure", "a range with a negative end cannot be written")
        if self.alternative_unit is not None:
            # 52.6万册(份) counts one thing two ways; 500人(次) counts people or visits:
            # either way the figure is in its own unit and the alternative is kept as said
            if not isinstance(self.alternative_unit, str):
                raise WrongTypeError(
                    "alternative_unit", "a str or None", type(self.alternative_unit).__name__
                )
            alternative, own = unit_info(self.alternative_unit), unit_info(self.unit)
            if alternative.name == own.word:
                raise InvalidValueError("figure", "its alternative unit is its own unit")
            if alternative.currency or own.currency:
                raise UnitMismatchError(self.unit, self.alternative_unit, "write as alternatives")
            written = _alternative_text(self.unit, self.alternative_unit)[1:-1]
            read = _scan.alternative_read(self.unit, written)
            if read != self.alternative_unit:
                # 户 or 次 would be written 户(次), which says 户 or 户次; 万吨 is no
                # alternative a plan writes in brackets
                said = f"says {read}" if read else "is no alternative plans write"
                raise InvalidValueError(
                    "figure", f"{self.unit}({written}) {said}, not {self.alternative_unit}"
                )
        _ = self.range  # an impossible range (low above high) fails here
        if not self.text:
            setter(self, "text", str(self))
        elif self.text != str(self):
            self._check_text()

    def _check_text(self) -> None:
        """The text a figure was read from must say the figure (a JSON document may give
        both, and they must not disagree)."""
        try:
            said = Figure.parse(self.text)
        except SciplanError:
            said = None
        if said != self:
            raise InvalidValueError("figure", f"its text {self.text!r} does not say {str(self)!r}")

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a figure as written, qualifier and all.

        >>> Figure.parse("力争突破1500件")
        Figure('力争超过1500件')
        >>> Figure.parse("至少参加2期以上").range
        Range('[2期, ∞)')
        >>> Figure.parse("约10人以上")
        Traceback (most recent call last):
        ...
        sciplan_model.errors.FigureParseError: cannot read figure '约10人以上': two qualifiers that disagree at position 4 ('以上')
        """
        if cls is Figure and type(text) is str:
            fast = _parse_plain(text)
            if fast is not None:
                return fast  # type: ignore[return-value]
        parts = _scan.scan(text)
        if cls is not Figure:
            return cls(*_fields(parts, text))
        return figure_of(parts, text)  # type: ignore[return-value]

    @classmethod
    def exact(cls, value: Quantity) -> Self:
        """The unqualified figure of ``value``."""
        return cls(value)

    @property
    def is_known(self) -> bool:
        """False for a placeholder figure (20xx万元, 20xx万元以上)."""
        return self.value is not None

    @property
    def range(self) -> Range:
        """The values this figure allows, with the default tolerance for 约 and 近."""
        return self.qualifier.range(self.value, self.upper, unit=self.unit)

    def to_range(self, tolerance: Decimal | None = None) -> Range:
        """The values this figure allows, with 约 and 近 reaching ``tolerance`` (by
        default :data:`DEFAULT_TOLERANCE`)."""
        return self.qualifier.range(self.value, self.upper, unit=self.unit, tolerance=tolerance)

    def __str__(self) -> str:
        q = self.qualifier
        alternative = _alternative_text(self.unit, self.alternative_unit)
        if self.value is None:
            written = f"{self.placeholder or 'xx'}{self.unit}{alternative}"
            body = f"{_PREFIX.get(q, '')}{written}{_SUFFIX.get(q, '')}"
        elif q is Qualifier.ODD:
            info = unit_info(self.value.unit)
            scale = SCALE_NAMES.get(info.scale, "")
            word = info.word if info.scale else self.value.unit
            body = f"{fmt(self.value.magnitude)}{scale}余{word}{alternative}"
        elif q is Qualifier.RANGE and self.upper is not None:
            body = f"{_low_end(self.value, self.upper)}至{self.upper}{alternative}"
        else:
            body = f"{_PREFIX.get(q, '')}{self.value}{alternative}{_SUFFIX.get(q, '')}"
        return ("力争" if self.aspirational else "") + body

    def __repr__(self) -> str:
        return f"Figure({str(self)!r})"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self))

    def _repr_html_(self) -> str:
        """The figure in a notebook: as written, with its qualifier and its range."""
        from ._display import figure_html

        return figure_html(self)


# the slots' own setters, for figures the module is still making (Figure is frozen)
_FIGURE_SET = tuple(Figure.__dict__[a.name].__set__ for a in attrs.fields(Figure))


def _fields(parts: _scan.Scanned, text: str) -> tuple[Any, ...]:
    info = unit_info(parts.unit)
    value = None if parts.value is None else _make(to_decimal(parts.value), info)
    upper = None
    if parts.upper is not None and parts.upper_unit is not None:
        upper = _make(to_decimal(parts.upper), unit_info(parts.upper_unit))
    return (
        value,
        parts.upper_unit or parts.unit,
        _QUALIFIERS[parts.qualifier],
        parts.aspirational,
        upper,
        parts.placeholder,
        parts.alternative_unit,
        text,
    )


def figure_of(parts: _scan.Scanned, text: str) -> Figure:
    """The figure the grammar read as ``parts`` from ``text`` (what ``Figure.parse(text)``
    gives), made without checking again what the grammar checked: units agree, a
    range's ends are in order, 余 follows no zero.  For the finder of figures in prose,
    which has scanned the text already."""
    f = object.__new__(Figure)
    for setter, field in zip(_FIGURE_SET, _fields(parts, text), strict=True):
        setter(f, field)
    return f


def _parse_plain(text: str) -> Figure | None:
    """Figure.parse for the commonest case, digits and a unit (``12345.6万元``), without
    the general scanner; None for anything else."""
    m = _scan.PLAIN.fullmatch(text)
    if m is None or len(m.group(1)) > MAX_DIGITS:
        return None
    scale, word = m.group(2), m.group(3)
    try:
        info = unit_info(word if scale is None else scale + word)
    except UnknownUnitError:
        return None  # 万千元: let the scanner say what is wrong
    f = object.__new__(Figure)
    value, unit, qualifier, aspirational, upper, placeholder, alternative, written = _FIGURE_SET
    value(f, _make(Decimal(m.group(1)), info))
    unit(f, info.name)
    qualifier(f, Qualifier.EXACT)
    aspirational(f, False)
    upper(f, None)
    placeholder(f, None)
    alternative(f, None)
    written(f, text)
    return f


def _check_placeholder(placeholder: object) -> None:
    """A placeholder is written as plans write withheld digits: 20xx, X, ××, ** (digits,
    then at least one of x, X, ×, *), and no longer than a figure's digits."""
    if not isinstance(placeholder, str):
        raise WrongTypeError("placeholder", "a str or None", type(placeholder).__name__)
    if not (_PLACEHOLDER.fullmatch(placeholder) and len(placeholder) <= MAX_DIGITS):
        raise InvalidValueError(
            "placeholder",
            f"{_clip(placeholder)} is not a placeholder as plans write one (20xx, X, ××, **)",
        )


def _alternative_text(unit: str, alternative: str | None) -> str:
    """The bracketed alternative as plans write it: 人(次) for 人 or 人次, 份(册)."""
    if not alternative:
        return ""
    word = unit_info(unit).word
    if alternative.startswith(word) and len(alternative) > len(word):
        return f"({alternative[len(word) :]})"
    return f"({alternative})"


def _low_end(low: Quantity, high: Quantity) -> str:
    """The low end of a range as written before 至: no unit when it shares the high
    end's word, so that ``3至5亿元`` and ``3万至5亿人次`` read naturally."""
    if low.unit == high.unit:
        return fmt(low.magnitude)
    a, b = unit_info(low.unit), unit_info(high.unit)
    if a.scalable and b.scalable and a.word == b.word and a.scale:
        return f"{fmt(low.magnitude)}{SCALE_NAMES[a.scale]}"
    return str(low)
