"""The package's one unit registry, and the facts about each unit that hot paths need.

``ureg`` is a pint ``UnitRegistry`` with ``Decimal`` magnitudes, built from the
definitions file ``units.txt`` shipped in the package and from nothing else.  It is the
package's own: the library never calls ``pint.set_application_registry`` and so never
replaces the registry of the application that embeds it.

pint is the authority on every unit: its names, its dimension and its factor to the
dimension's base unit.  Quantities must not ask pint on every addition, though, so the
first time a unit name is used its facts are asked of pint once and kept in a small
:class:`UnitInfo` record; sums, comparisons and hashes then use the record's exact
``factor`` and ``dimension`` and never build a pint object.

A unit name is a name from ``units.txt``, optionally behind a scale word (万元, 万人次,
亿元, 万亿元, 万亩, 2.5万平方米, 50万吨, 500万美元), or two such names joined by ``/``
for a per-unit figure (元/亩, 万元/项), whose bottom may also stand behind 百 or 千
(件/百人年, 人/千人).  Names are matched against the file's names before pint sees
them, so pint's expression parser is never handed an arbitrary string.

    >>> unit_info("万元").factor, unit_info("万元").dimension
    (Decimal('10000'), '[money]')
    >>> unit_info("名").dimension == unit_info("人").dimension
    True
    >>> unit_info("项").dimension == unit_info("家").dimension
    False
    >>> unit_info("万平方米").factor, unit_info("万平方米").base
    (Decimal('15'), '亩')
    >>> unit_info("件/百人年").factor
    Decimal('0.01')

Each currency is a dimension of its own (``[money]`` for 元, ``[money_USD]`` for 美元
…), so that amounts in two currencies never add up; a measure word's dimension is named
by the word itself (``[项]``), and only those are counts (:attr:`UnitInfo.is_count`).
"""

from __future__ import annotations

import decimal
import functools
import re
from collections.abc import Iterable
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs
import pint
from pint.util import UnitsContainer

from ._exact import EXACT, plain
from ._reading import SCALE_NAMES
from .errors import UnknownUnitError, WrongTypeError

__all__ = [
    "UnitInfo",
    "finest_unit",
    "is_currency",
    "pint_unit",
    "registry",
    "unit_info",
    "unit_names",
    "ureg",
]

_SCALE_WORDS = {"万": 4, "亿": 8, "万亿": 12}
# 百 and 千 before the bottom of a per-unit figure only (件/百人年, 人/千人)
_BOTTOM_SCALES = {"百": Decimal(100), "千": Decimal(1000)}
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
# A measure word's dimension is named by the word: [项], [人次]
_COUNT_DIMENSION = re.compile(r"^\[[\u4e00-\u9fff]+\]$")
# 元 is [money]; any other currency [money_XXX], XXX its ISO 4217 code
_MONEY_DIMENSION = re.compile(r"^\[money(?:_[A-Z]{3})?\]$", re.ASCII)


def _is_count_dimension(dimension: str) -> bool:
    """Whether ``dimension`` is a measure word's (``[项]``, ``[人次]``): an exact count."""
    return _COUNT_DIMENSION.match(dimension) is not None


def _is_money_dimension(dimension: str) -> bool:
    """Whether ``dimension`` is a currency's (``[money]`` for 元, ``[money_USD]`` …)."""
    return _MONEY_DIMENSION.match(dimension) is not None


def _read_definitions() -> list[str]:
    text = resources.files(__package__).joinpath("units.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _build_registry(lines: list[str]) -> pint.UnitRegistry[Decimal]:
    # pint computes with the thread's decimal context: give it a standard one, whatever
    # the application has set
    with decimal.localcontext(decimal.Context()):
        registry: pint.UnitRegistry[Decimal] = pint.UnitRegistry(
            None, non_int_type=Decimal, cache_folder=None
        )
        for line in lines:
            registry.define(line)
    return registry


_LINES = _read_definitions()


@functools.cache
def registry() -> pint.UnitRegistry[Decimal]:
    """The package's unit registry (pint, Decimal magnitudes), built from ``units.txt``
    the first time it is needed and kept; ``sciplan_model.ureg`` is this registry."""
    return _build_registry(_LINES)


if TYPE_CHECKING:
    #: The package's unit registry: see :func:`registry`.
    ureg: pint.UnitRegistry[Decimal]


def __getattr__(name: str) -> Any:
    if name == "ureg":
        return registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _defined_names(lines: list[str]) -> tuple[str, ...]:
    """The unit names and aliases of ``units.txt`` that figures are written in: the
    Chinese ones and ``%`` (pint's own names such as ``percent`` are left to pint)."""
    names: list[str] = []
    for line in lines:
        parts = [p.strip() for p in line.split("=")]
        if parts[0].endswith("-"):
            continue
        names.extend(p for p in (parts[0], *parts[2:]) if p == "%" or _CJK.match(p))
    return tuple(names)


_NAMES = _defined_names(_LINES)
_NAME_SET = frozenset(_NAMES)


@attrs.frozen
class UnitInfo:
    """What the package knows of one unit name, asked of pint once and kept.

    ``factor`` is the exact size of the unit in its dimension's base unit (万元: 10000,
    in 元; 万平方米: 15, in 亩); ``word`` is the unit without its scale, which
    :meth:`Quantity.compact` puts a new scale in front of (万人次 → 人次; 万吨 → 吨;
    千元 → 元); ``scale`` is the power of ten of the scale word (万 4, 亿 8, 万亿 12);
    ``scalable`` says whether the word takes a scale word (every Chinese unit name but
    千元 and 百万元, which are scaled names themselves); ``currency`` is true for money
    of any currency (元, 万美元, 亿日元 …).

    Records compare by unit name.  ``_pack`` is internal to
    :func:`~sciplan_model.total` (see the comment on packing in this module).
    """

    name: str
    dimension: str = attrs.field(eq=False)
    factor: Decimal = attrs.field(eq=False)
    base: str = attrs.field(eq=False)
    word: str = attrs.field(eq=False)
    scale: int = attrs.field(eq=False)
    currency: bool = attrs.field(eq=False)
    scalable: bool = attrs.field(eq=False)
    _pack: int | None = attrs.field(default=None, eq=False, repr=False, alias="_pack")

    @property
    def is_count(self) -> bool:
        """True for measure words (项, 家, 人次, 家次, 人年 …): their figures are exact
        counts, never rounded.  False for money of any currency and for what is
        measured (area, mass, length, power, energy, volume, durations), for ratios
        (%, 个百分点, 倍: they compare, they do not count) and for per-unit rates."""
        return _is_count_dimension(self.dimension)


def unit_names() -> tuple[str, ...]:
    """The unit names defined in ``units.txt`` (without scale words), in file order."""
    return _NAMES


def pint_unit(name: str) -> pint.Unit:
    """The pint ``Unit`` for one of our unit names (checked first; never parsed as an
    expression)."""
    info = unit_info(name)
    if "/" in info.name:
        top, _, bottom = info.name.partition("/")
        # the bottom was checked with the name: a unit of ours, or 百/千 before one,
        # which pint reads with its prefixes 百- and 千-
        below = registry().Unit(_container(bottom))
        return pint_unit(top) / below  # type: ignore[no-any-return]
    return registry().Unit(_container(info.name))


def _container(name: str) -> UnitsContainer:
    # exponents of the registry's own type (Decimal), as pint makes them itself
    return UnitsContainer({registry().get_name(name): Decimal(1)}, non_int_type=Decimal)


def _pint_facts(name: str) -> tuple[Decimal, str, str]:
    unit = _container(name)
    number, base_unit = registry().get_base_units(unit)
    if isinstance(number, int):
        factor = Decimal(number)
    elif isinstance(number, Decimal):
        factor = number
    else:  # pragma: no cover - guards against a change in pint
        raise UnknownUnitError(name, "pint gave no exact factor")
    dimension = str(registry().get_dimensionality(unit))
    return factor, dimension, str(base_unit)


def _split_scale(name: str) -> tuple[int, str]:
    for word in ("万亿", "亿", "万"):
        if name.startswith(word) and name[len(word) :] in _NAME_SET:
            return _SCALE_WORDS[word], name[len(word) :]
    return 0, name


# -- packing, for total() -------------------------------------------------------------
#
# total() of a long list reads each quantity once.  To learn in that one pass both the
# sum and whether all items share a dimension (and which of their units is finest), a
# quantity carries one int, ``_packed`` (made the first time a long total() meets the
# quantity, and kept; see quantity.py), whose fields add up independently:
#
#   bits   0..19   the dimension's code c (1 … 255)                   → Σc
#   bits  20..47   c²                                                  → Σc²
#   bits  48..203  a 1 in the 13-bit field of the unit's rank (0 … 11)  → a count per rank
#                  (finer units sit in higher fields)
#   bits 204..     the amount in millionths of the base unit (it may be negative)
#
# Σc = m·c₀ and Σc² = m·c₀² hold together only when every c equals c₀ (their variance
# is zero), which proves that the m items share one dimension; the highest non-empty
# rank field names the finest unit.  Fields cannot overflow into each other while at
# most PACK_CHUNK = 2¹² items are added at once (Σc < 2¹²·2⁸, Σc² < 2¹²·2¹⁶, a rank's
# count < 2¹³), so total() adds chunks of that size.  A unit outside these bounds (a
# rank above 11 — the units of a dimension ranked finest first, 万吨 still within, 亿吨
# not —, a per-unit unit such as 元/亩) or an amount finer than a millionth has no
# packed int, and total() falls back to adding Decimals.

_CHUNK_BITS = 12
_CODE_BITS = 8
PACK_CHUNK = 1 << _CHUNK_BITS
PACK_RANKS = 12
PACK_RANK_BITS = 13
PACK_CODE_MASK = (1 << (_CHUNK_BITS + _CODE_BITS)) - 1
PACK_SQUARE_SHIFT = _CHUNK_BITS + _CODE_BITS
PACK_SQUARE_MASK = (1 << (_CHUNK_BITS + 2 * _CODE_BITS)) - 1
PACK_PRESENCE_SHIFT = PACK_SQUARE_SHIFT + _CHUNK_BITS + 2 * _CODE_BITS
PACK_PRESENCE_MASK = (1 << (PACK_RANKS * PACK_RANK_BITS)) - 1
PACK_VALUE_SHIFT = PACK_PRESENCE_SHIFT + PACK_RANKS * PACK_RANK_BITS
_MAX_CODE = (1 << _CODE_BITS) - 1


@functools.cache
def _catalogue() -> dict[str, tuple[Decimal, str, str, int, int | None]]:
    """Every simple unit name, with the scale words it takes, as pint sees it:
    name → (factor, dimension, base unit, scale, bits to pack or None)."""
    with decimal.localcontext(decimal.Context()):
        return _make_catalogue()


def _make_catalogue() -> dict[str, tuple[Decimal, str, str, int, int | None]]:
    facts: dict[str, tuple[Decimal, str, str, int]] = {}
    # the scale words are pint prefixes of units.txt; ask pint their size once
    # (万亿 first: once pint has met 亿元 it could also read 万亿元 as 万 + 亿元)
    prefixes = {
        power: _pint_facts(word + "元")[0]
        for word, power in sorted(_SCALE_WORDS.items(), key=lambda w: -w[1])
    }
    for name in _NAMES:
        factor, dimension, base = _pint_facts(name)
        facts[name] = (factor, dimension, base, 0)
        if _takes_scale(name, factor, dimension):
            for word, power in _SCALE_WORDS.items():
                scaled = plain(EXACT.multiply(factor, prefixes[power]))
                facts[word + name] = (scaled, dimension, base, power)
    dimensions = sorted({f[1] for f in facts.values()})
    codes = {d: k + 1 for k, d in enumerate(dimensions)}
    by_dimension: dict[str, list[str]] = {}
    for name, f in facts.items():
        by_dimension.setdefault(f[1], []).append(name)
    catalogue: dict[str, tuple[Decimal, str, str, int, int | None]] = {}
    for dimension, names in by_dimension.items():
        names.sort(key=lambda n: (facts[n][0], n))
        c = codes[dimension]
        for rank, name in enumerate(names):
            pack = None
            if rank < PACK_RANKS and c <= _MAX_CODE:
                field = PACK_PRESENCE_SHIFT + PACK_RANK_BITS * (PACK_RANKS - 1 - rank)
                pack = c + (c * c << PACK_SQUARE_SHIFT) + (1 << field)
            catalogue[name] = (*facts[name], pack)
    return catalogue


def _takes_scale(name: str, factor: Decimal, dimension: str) -> bool:
    """Whether 万, 亿 and 万亿 go in front of ``name``: every Chinese unit name does
    (万元, 万人次, 万平方米, 万吨, 万千瓦时, 万美元) but the money sub-units 千元 and
    百万元, which are scaled names of 元 themselves (a money unit whose factor is not
    1); % takes none."""
    if not _CJK.match(name):
        return False
    return factor == 1 or not _is_money_dimension(dimension)


@functools.cache
def ranked_units(dimension: str) -> tuple[str, ...]:
    """The simple units of ``dimension``, finest first: their index is their rank."""
    catalogue = _catalogue()
    names = [n for n, f in catalogue.items() if f[1] == dimension]
    return tuple(sorted(names, key=lambda n: (catalogue[n][0], n)))


def finest_packed_rank(presence: int) -> int:
    """The rank named by the highest non-empty field of a packed sum's presence bits:
    the finest unit among the items summed."""
    return PACK_RANKS - 1 - (presence.bit_length() - 1) // PACK_RANK_BITS


def _bottom(name: str) -> tuple[Decimal, UnitInfo]:
    """The bottom of a per-unit figure: a unit of ours, or 百 or 千 before one (百人年,
    千人), as (the size of 百 or 千, or 1; the unit's facts)."""
    if name[:1] in _BOTTOM_SCALES and name not in _catalogue() and name[1:] in _catalogue():
        return _BOTTOM_SCALES[name[0]], _lookup(name[1:])
    return Decimal(1), _lookup(name)


@functools.cache
def _lookup(name: str) -> UnitInfo:
    if "/" in name:
        top, _, bottom = name.partition("/")
        if "/" in bottom:
            raise UnknownUnitError(name, "one '/' at most")
        try:
            a = _lookup(top)
            times, b = _bottom(bottom)
        except UnknownUnitError as part:
            raise UnknownUnitError(name, f"its part {part.unit!r} is unknown") from None
        try:
            factor = plain(EXACT.divide(a.factor, EXACT.multiply(times, b.factor)))
        except ArithmeticError:
            raise UnknownUnitError(name, "its factor is not an exact decimal") from None
        return UnitInfo(
            name=name,
            dimension=f"{a.dimension}/{b.dimension}",
            factor=factor,
            base=f"{a.base}/{b.base}",
            word=name,
            scale=0,
            currency=False,
            scalable=False,
        )
    found = _catalogue().get(name)
    if found is None:
        scale, word = _split_scale(name)
        if scale:
            raise UnknownUnitError(name, f"{word!r} takes no scale word")
        raise UnknownUnitError(name)
    factor, dimension, base, scale, pack = found
    word = name[len(SCALE_NAMES[scale]) :] if scale else name
    scalable = ("万" + word) in _catalogue()
    return UnitInfo(
        name=name,
        dimension=dimension,
        factor=factor,
        base=base,
        word=word if scalable else base,
        scale=scale,
        currency=_is_money_dimension(dimension),
        scalable=scalable,
        _pack=pack,
    )


def unit_info(name: str) -> UnitInfo:
    """The facts about unit ``name``; :class:`UnknownUnitError` when it is not ours.

    >>> unit_info("亿美元").factor, unit_info("亿美元").dimension
    (Decimal('100000000'), '[money_USD]')
    >>> unit_info("5.5亿卢布")
    Traceback (most recent call last):
    ...
    sciplan_model.errors.UnknownUnitError: unknown unit '5.5亿卢布'
    """
    if not isinstance(name, str):
        raise WrongTypeError("unit", "a str", type(name).__name__)
    try:
        return _lookup(name)
    except UnknownUnitError:
        raise
    except (pint.errors.PintError, KeyError, ValueError, AttributeError):
        raise UnknownUnitError(name) from None


def is_currency(name: str) -> bool:
    """True when ``name`` is a unit of money of any currency (元, 千元, 万元, 亿元,
    美元, 万美元, 欧元, 港元, 日元, 英镑 …)."""
    return unit_info(name).currency


def finest_unit(units: Iterable[str]) -> str:
    """The finest of ``units`` (of one dimension): the one of smallest size, 万元 of
    万元 and 亿元."""
    return min(units, key=lambda u: unit_info(u).factor)
