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
亿元, 万亿元, 万亩), or two such names joined by ``/`` for a per-unit figure (元/亩,
万元/项).  Names are matched against the file's names before pint sees them, so pint's
expression parser is never handed an arbitrary string.

    >>> unit_info("万元").factor, unit_info("万元").dimension
    (Decimal('10000'), '[money]')
    >>> unit_info("名").dimension == unit_info("人").dimension
    True
    >>> unit_info("项").dimension == unit_info("家").dimension
    False
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from importlib import resources

import attrs
import pint
from pint.util import UnitsContainer

from ._exact import EXACT
from .errors import UnknownUnitError, WrongTypeError

__all__ = ["UnitInfo", "is_currency", "pint_unit", "unit_info", "unit_names", "ureg"]

_SCALE_WORDS = {"万": 4, "亿": 8, "万亿": 12}
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def _read_definitions() -> list[str]:
    text = resources.files(__package__).joinpath("units.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _build_registry(lines: list[str]) -> pint.UnitRegistry[Decimal]:
    registry: pint.UnitRegistry[Decimal] = pint.UnitRegistry(
        None, non_int_type=Decimal, cache_folder=None
    )
    for line in lines:
        registry.define(line)
    return registry


_LINES = _read_definitions()

#: The package's unit registry (pint, Decimal magnitudes), built from ``units.txt``.
ureg: pint.UnitRegistry[Decimal] = _build_registry(_LINES)


def _defined_names(lines: list[str]) -> tuple[str, ...]:
    """Unit names and aliases that ``units.txt`` defines (prefix lines left out)."""
    names: list[str] = []
    for line in lines:
        parts = [p.strip() for p in line.split("=")]
        if parts[0].endswith("-"):
            continue
        names.append(parts[0])
        names.extend(p for p in parts[2:] if p)
    return tuple(names)


_NAMES = _defined_names(_LINES)
_NAME_SET = frozenset(_NAMES)


@attrs.frozen(eq=False)
class UnitInfo:
    """What the package knows of one unit name, asked of pint once and kept.

    ``factor`` is the exact size of the unit in its dimension's base unit (万元: 10000,
    in 元); ``word`` is the unit without its scale, which :meth:`Quantity.compact`
    puts a new scale in front of (万人次 → 人次; 千元 → 元).

    There is one record per unit name (they are cached), so records compare and hash
    by identity, which keeps sets of them cheap.
    """

    name: str
    dimension: str
    factor: Decimal
    base: str
    word: str
    scale: int
    currency: bool
    scalable: bool

    @property
    def is_count(self) -> bool:
        """True for measure words (项, 家, 人次 …): their figures are exact counts."""
        return self.dimension.startswith("[") and self.dimension not in (
            "[money]",
            "[area]",
        )


def unit_names() -> tuple[str, ...]:
    """The unit names defined in ``units.txt`` (without scale words), in file order."""
    return _NAMES


def pint_unit(name: str) -> pint.Unit:
    """The pint ``Unit`` for one of our unit names (checked first; never parsed as an
    expression)."""
    info = unit_info(name)
    if "/" in info.name:
        top, _, bottom = info.name.partition("/")
        return pint_unit(top) / pint_unit(bottom)  # type: ignore[no-any-return]
    return ureg.Unit(_container(info.name))


def _container(name: str) -> UnitsContainer:
    return UnitsContainer({ureg.get_name(name): 1})


def _pint_facts(name: str) -> tuple[Decimal, str, str]:
    unit = _container(name)
    number, base_unit = ureg.get_base_units(unit)
    if isinstance(number, int):
        factor = Decimal(number)
    elif isinstance(number, Decimal):
        factor = number
    else:  # pragma: no cover - guards against a change in pint
        raise UnknownUnitError(name, "pint gave no exact factor")
    dimension = str(ureg.get_dimensionality(unit))
    return factor, dimension, str(base_unit)


def _split_scale(name: str) -> tuple[int, str]:
    for word in ("万亿", "亿", "万"):
        if name.startswith(word) and name[len(word) :] in _NAME_SET:
            return _SCALE_WORDS[word], name[len(word) :]
    return 0, name


@functools.cache
def _lookup(name: str) -> UnitInfo:
    if "/" in name:
        top, _, bottom = name.partition("/")
        if "/" in bottom:
            raise UnknownUnitError(name, "one '/' at most")
        try:
            a, b = _lookup(top), _lookup(bottom)
        except UnknownUnitError as part:
            raise UnknownUnitError(name, f"its part {part.unit!r} is unknown") from None
        try:
            factor = EXACT.divide(a.factor, b.factor)
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
    scale, word = _split_scale(name)
    if word not in _NAME_SET:
        raise UnknownUnitError(name)
    factor, dimension, base = _pint_facts(name)
    scalable = bool(_CJK.match(word)) and _pint_facts(word)[0] == 1
    if scale and not scalable:
        raise UnknownUnitError(name, f"{word!r} takes no scale word")
    return UnitInfo(
        name=name,
        dimension=dimension,
        factor=factor,
        base=base,
        word=word if scalable else base,
        scale=scale,
        currency=dimension == "[money]",
        scalable=scalable,
    )


def unit_info(name: str) -> UnitInfo:
    """The facts about unit ``name``; :class:`UnknownUnitError` when it is not ours.

    >>> unit_info("5.5亿美元")
    Traceback (most recent call last):
    ...
    sciplan_model.errors.UnknownUnitError: unknown unit '5.5亿美元'
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
    """True when ``name`` is a unit of money (元, 千元, 万元, 亿元 …)."""
    return unit_info(name).currency
