"""total(): the exact sum of quantities, fast, in three ways that give one result.

- A few amounts (up to ``_FEW``) are added one by one: their magnitudes where they
  share a unit, their values in the base unit where not.  Nothing is kept.
- More are read as packed ints (see ``units.py``), in chunks, in one pass each: the
  first long total that meets an amount packs it and keeps its int
  (:func:`_pack_chunk`), later ones add the kept ints.
- Whatever the packed ints cannot hold (an amount finer than a millionth, a unit
  without packing bits) and every refusal go the slow way, :func:`_total_slow`, which
  finds the units, checks them and adds Decimals.

The tests of ``tests/test_quantity_lean.py`` hold the three to one result, digit for
digit.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from decimal import Decimal
from operator import attrgetter

from ._exact import EXACT
from .errors import EmptyTotalError, InexactResultError, UnitMismatchError, WrongTypeError
from .quantity import (
    _SET_PACKED,
    _ZERO,
    Money,
    Quantity,
    _from_canon,
    _in_finer,
    _make,
    _plain,
    _result,
)
from .units import (
    PACK_CHUNK,
    PACK_CODE_MASK,
    PACK_PRESENCE_MASK,
    PACK_PRESENCE_SHIFT,
    PACK_RANKS,
    PACK_SQUARE_MASK,
    PACK_SQUARE_SHIFT,
    PACK_VALUE_SHIFT,
    UnitInfo,
    finest_packed_rank,
    ranked_units,
    unit_info,
)

__all__ = ["total"]

_SCALED_PLACES = 6  # a packed int counts millionths of the base unit
_MILLION = 10**_SCALED_PLACES
_UNIT = attrgetter("unit")
_MAGNITUDE = attrgetter("magnitude")
_PACKED = attrgetter("_packed")


# unit name → (factor × 10**6 as a fraction fn/fd, the unit's packing bits; see units.py),
# or (0, 0, 0) for a unit without packing bits
_PACKINGS: dict[str, tuple[int, int, int]] = {}


def _packing(info: UnitInfo) -> tuple[int, int, int]:
    found = (0, 0, 0)
    if info._pack is not None:
        fn, fd = EXACT.multiply(info.factor, _MILLION).as_integer_ratio()
        found = (fn, fd, info._pack)
    _PACKINGS[info.name] = found
    return found


def _pack_chunk(chunk: list[Quantity] | tuple[Quantity, ...]) -> int:
    """The sum of the packed ints of ``chunk``, packing each amount now — its value in
    millionths of the base unit, shifted, plus its unit's bits (see ``units.py``) — and
    keeping its int for the next :func:`total`.  An amount finer than a millionth or of
    a unit without bits keeps None (so that the next total() sees at once that it
    cannot be packed), and makes this raise TypeError once every amount is packed (an
    item that is no quantity, AttributeError or TypeError), for total() to take the
    slow way."""
    packings = _PACKINGS
    t = 0
    unpacked = False
    for q in chunk:
        try:
            fn, fd, bits = packings[q.unit]
        except KeyError:
            fn, fd, bits = _packing(q._info)
        n, d = q.magnitude.as_integer_ratio()
        if fd == 1 and not fn % d:  # the usual case: a unit of a whole number of millionths
            packed = (n * (fn // d) << PACK_VALUE_SHIFT) + bits
        elif fd and not (n * fn) % (d * fd):
            packed = ((n * fn) // (d * fd) << PACK_VALUE_SHIFT) + bits
        else:
            _SET_PACKED(q, None)
            unpacked = True
            continue
        _SET_PACKED(q, packed)
        t += packed
    if unpacked:
        raise TypeError("an amount without a packed int")
    return t


def total(quantities: Iterable[Quantity], unit: str | None = None) -> Quantity:
    """The exact sum of ``quantities``, fast, in ``unit`` or the finest unit among them.

    Mixed 元/万元/亿元 are welcome; mixed dimensions (项 and 人次, 万元 and 万美元)
    raise :class:`UnitMismatchError`.
    With ``unit`` given, the sum of nothing is a zero of that unit.

    >>> total([Money("1", "亿元"), Money("1", "万元")])
    Money('10001', '万元')
    >>> total([Money("1", "亿元"), Money("1", "万元")], unit="亿元")
    Money('1.0001', '亿元')
    >>> total([], unit="项")
    Quantity('0', '项')
    """
    if isinstance(quantities, list | tuple):
        items = quantities
    elif isinstance(quantities, Iterable):
        items = list(quantities)
    else:
        raise WrongTypeError("quantities", "an iterable of quantities", type(quantities).__name__)
    target = unit_info(unit) if unit is not None else None
    if not items:
        if target is None:
            raise EmptyTotalError()
        return _make(Decimal(0), target)
    if len(items) <= _FEW:
        few = _few_total(items, target)
        if few is not None:
            return few
    found = _packed_total(items)
    if found is None:
        return _total_slow(items, target)
    finest, scaled = found
    if target is not None and target.dimension != finest.dimension:
        raise UnitMismatchError(finest.name, target.name, "total")
    try:
        canon = Decimal(scaled).scaleb(-_SCALED_PLACES, EXACT)
    except decimal.DecimalException:  # beyond 1000 digits
        raise InexactResultError("the total") from None
    if target is not None:
        return _from_canon(canon, target, "the total")
    return _in_finer(canon, finest, finest, "total")


# Up to this many amounts, total() adds them one by one (their magnitudes, when they
# share a unit) rather than packing them: quicker for a few, and nothing is kept.
_FEW = 32


def _few_total(
    items: list[Quantity] | tuple[Quantity, ...], target: UnitInfo | None
) -> Quantity | None:
    """total() of a few amounts, added one by one; None unless every item is a Quantity
    or a Money (then the other ways decide, or say what is wrong)."""
    first = items[0]
    if type(first) is not Money and type(first) is not Quantity:
        return None
    unit = first.unit
    s = first.magnitude
    try:
        for k in range(1, len(items)):
            q = items[k]
            if type(q) is not Money and type(q) is not Quantity:
                return None
            if q.unit != unit:
                return _few_mixed(items, target)
            s = EXACT.add(s, q.magnitude)
        info = first._info
        if target is None:
            return _result(_plain(s), info, "total")
        if target.dimension != info.dimension:
            raise UnitMismatchError(info.name, target.name, "total")
        return _from_canon(EXACT.multiply(s, info.factor), target, "the total")
    except decimal.DecimalException:  # beyond 1000 digits
        raise InexactResultError("the total") from None


def _few_mixed(
    items: list[Quantity] | tuple[Quantity, ...], target: UnitInfo | None
) -> Quantity | None:
    """:func:`_few_total` of amounts in more than one unit: their values in the base unit
    added, in ``target`` or the finest of their units; None for anything but quantities
    of one dimension."""
    finest = items[0]._info
    dimension = finest.dimension
    canon = _ZERO
    for q in items:
        if type(q) is not Money and type(q) is not Quantity:
            return None
        info = q._info
        if info.dimension != dimension:
            return None
        if info.factor < finest.factor or (
            info.factor == finest.factor and info.name < finest.name
        ):
            finest = info
        canon = EXACT.add(canon, EXACT.multiply(q.magnitude, info.factor))
    if target is not None:
        if target.dimension != dimension:
            raise UnitMismatchError(finest.name, target.name, "total")
        return _from_canon(canon, target, "the total")
    return _in_finer(canon, finest, finest, "total")


def _packed_total(items: list[Quantity] | tuple[Quantity, ...]) -> tuple[UnitInfo, int] | None:
    """The finest unit of ``items`` and their sum in millionths of the base unit, read
    in one pass of packed ints (see ``units.py``); None when that way cannot decide."""
    try:
        first = items[0]._info
        c0 = (first._pack or 0) & PACK_CODE_MASK
        finest = PACK_RANKS
        value = 0
        for k in range(0, len(items), PACK_CHUNK):
            chunk = items[k : k + PACK_CHUNK]
            try:
                t = sum(map(_PACKED, chunk))
            except AttributeError:  # amounts not summed before: pack them now
                t = _pack_chunk(chunk)
            m = len(chunk)
            if (
                t & PACK_CODE_MASK != m * c0
                or (t >> PACK_SQUARE_SHIFT) & PACK_SQUARE_MASK != m * c0 * c0
            ):
                return None  # more than one dimension
            presence = (t >> PACK_PRESENCE_SHIFT) & PACK_PRESENCE_MASK
            finest = min(finest, finest_packed_rank(presence))
            value += t >> PACK_VALUE_SHIFT
    except (TypeError, AttributeError):
        return None  # an amount without a packed int, or an item that is no quantity
    return unit_info(ranked_units(first.dimension)[finest]), value


def _total_slow(items: list[Quantity] | tuple[Quantity, ...], target: UnitInfo | None) -> Quantity:
    """total() the plain way: find the units, check them, add the Decimals."""
    if not set(map(type, items)) <= {Quantity, Money}:
        for k, item in enumerate(items):
            if not isinstance(item, Quantity):
                raise WrongTypeError(f"quantities[{k}]", "a Quantity", type(item).__name__)
    units = list(map(_UNIT, items))
    infos = {unit_info(name) for name in set(units)}
    dimensions = {info.dimension for info in infos}
    finest = min(infos, key=lambda info: (info.factor, info.name))
    if len(dimensions) > 1:
        names = sorted({info.name for info in infos} | ({target.name} if target else set()))
        raise UnitMismatchError(names[0], names[-1], "total")
    if target is not None and target.dimension not in dimensions:
        # as the other ways say it: the finest unit summed, and the unit asked for
        raise UnitMismatchError(finest.name, target.name, "total")
    try:
        with decimal.localcontext(EXACT):
            if len(infos) == 1:  # one unit: add the magnitudes, convert once
                canon = EXACT.multiply(sum(map(_MAGNITUDE, items), _ZERO), finest.factor)
            else:
                factors = {info.name: info.factor for info in infos}
                canon = sum(
                    map(EXACT.multiply, map(_MAGNITUDE, items), map(factors.__getitem__, units)),
                    _ZERO,
                )
    except decimal.DecimalException:  # beyond 1000 digits
        raise InexactResultError("the total") from None
    if target is not None:
        return _from_canon(canon, target, "the total")
    return _in_finer(canon, finest, finest, "total")
