"""How values are written in a plan's document, each way: the structure hooks that read
an amount, a figure, a year, a period or a code from what a document holds (its Chinese
text, or the structured form the library writes), and the hooks that write them.

``serialize`` builds its cattrs converters from these, and ``_onepass`` calls them for
the values it does not read inline, so that both read every value alike.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

from ._exact import MAX_DIGITS, magnitude_problem
from ._limits import SURROGATE
from .codes import Coded, Level
from .errors import InvalidValueError, SciplanError
from .figure import Figure, Qualifier
from .model import (
    ITEM_TYPES,
    Achievement,
    Breakdown,
    Designation,
    Goal,
    Measure,
    Note,
    Organization,
    Person,
    Project,
    ScheduleEntry,
    Task,
)
from .period import FiveYearPlan, Year, YearSpan, parse_period
from .quantity import Money, Quantity, to_decimal
from .quantity import _make as make_quantity
from .units import unit_info

__all__ = [
    "FIGURE_KEYS",
    "ITEM_TAGS",
    "MAGNITUDE_TYPES",
    "SCHEMA_VERSION",
    "TAG_CLASSES",
    "Refused",
    "amount_at",
    "at_field",
    "cached_year",
    "is_item",
    "is_period",
    "json_type",
    "levels_of_span",
    "optional_text",
    "strict",
    "structure_code",
    "structure_figure",
    "structure_period",
    "structure_quantity",
    "structure_str",
    "structure_year",
    "text_of",
    "unstructure_figure",
    "unstructure_period",
    "unstructure_quantity",
    "unstructure_year",
]


#: The version of the saved form; every saved plan carries it as ``schema_version``.
SCHEMA_VERSION = 1


ITEM_TAGS: dict[type, str] = {
    Goal: "goal",
    Achievement: "achievement",
    Task: "task",
    Measure: "measure",
    Project: "project",
    Breakdown: "breakdown",
    ScheduleEntry: "schedule",
    Person: "person",
    Designation: "designation",
    Organization: "organization",
    Note: "note",
}
TAG_CLASSES = {tag: cls for cls, tag in ITEM_TAGS.items()}


# -- errors ---------------------------------------------------------------------------------


class Refused(ValueError):
    """A value a structure hook refuses; its message becomes the problem's message."""


# -- the converter --------------------------------------------------------------------------


def strict(kind: type, name: str) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        if type(value) is not kind and not (kind is str and isinstance(value, str)):
            raise Refused(f"expected {name}, got {json_type(value)}")
        return value

    return structure


def structure_str(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise Refused(f"expected a string, got {json_type(value)}")
    if not value.isascii() and SURROGATE.search(value):
        raise Refused("a string with a lone surrogate (\\ud800-\\udfff), which is no text")
    return value


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | Decimal | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


MAGNITUDE_TYPES = (str, int, Decimal)


def structure_quantity(value: Any, cls: type[Quantity]) -> Quantity:
    if type(value) is dict and len(value) == 2:
        # the form the library writes: {"magnitude": "11", "unit": "万元"}
        magnitude, unit = value.get("magnitude"), value.get("unit")
        if type(unit) is str and type(magnitude) in MAGNITUDE_TYPES:
            info = unit_info(unit)
            if cls is Money and not info.currency:
                raise at_field(
                    InvalidValueError("Money", f"{unit!r} is not a unit of money"), "unit"
                )
            try:
                return make_quantity(to_decimal(magnitude), info)
            except SciplanError as e:
                raise at_field(e, "magnitude") from None
    if isinstance(value, str):
        return cls.parse(value)
    if isinstance(value, dict):
        extra = set(value) - {"magnitude", "unit"}
        if extra:
            raise Refused(f"unknown keys in an amount: {', '.join(sorted(extra))}")
        if "magnitude" not in value or "unit" not in value:
            raise Refused("an amount needs its magnitude and unit")
        unit, magnitude = value["unit"], value["magnitude"]
        if not isinstance(unit, str):
            raise Refused(f"a unit must be a string, not {json_type(unit)}")
        if not isinstance(magnitude, MAGNITUDE_TYPES) or isinstance(magnitude, bool):
            raise Refused(
                f"a magnitude must be a string or an exact number, not {json_type(magnitude)}"
            )
        return cls(magnitude, unit)
    raise Refused(f"an amount is a string such as '159.3万元' or an object, not {json_type(value)}")


def unstructure_quantity(q: Quantity) -> dict[str, str]:
    written = format(q.magnitude, "f")
    # at most 28 characters are at most 28 digits, which any amount may have; longer
    # text may still be fine (a sign, a point), or a sum past what an amount may hold
    problem = magnitude_problem(q.magnitude) if len(written) > MAX_DIGITS else None
    if problem is not None:
        raise InvalidValueError(
            f"amount {q}", f"{problem}; a document holding it could not be read back"
        )
    return {"magnitude": written, "unit": q.unit}


FIGURE_KEYS = {
    "text",
    "value",
    "unit",
    "qualifier",
    "aspirational",
    "upper",
    "placeholder",
    "alternative_unit",
}


def structure_figure(value: Any, _: Any) -> Figure:
    if isinstance(value, str):
        return Figure.parse(value)
    if not isinstance(value, dict):
        raise Refused(
            f"a figure is a string such as '2万人次以上' or an object, not {json_type(value)}"
        )
    extra = set(value) - FIGURE_KEYS
    if extra:
        raise Refused(f"unknown keys in a figure: {', '.join(sorted(extra))}")
    if set(value) == {"text"}:
        return Figure.parse(text_of(value["text"]))
    qualifier = value.get("qualifier", "exact")
    try:
        q = Qualifier(qualifier)
    except ValueError:
        names = ", ".join(member.value for member in Qualifier)
        raise Refused(f"unknown qualifier {qualifier!r} (one of {names})") from None
    aspirational = value.get("aspirational", False)
    if not isinstance(aspirational, bool):
        raise Refused(f"aspirational must be a boolean, not {json_type(aspirational)}")
    figure_value = amount_at(value.get("value"), "value")
    upper = amount_at(value.get("upper"), "upper")
    return Figure(
        figure_value,
        text_of(value.get("unit", "")),
        q,
        aspirational,
        upper,
        optional_text(value.get("placeholder")),
        optional_text(value.get("alternative_unit")),
        text_of(value.get("text", "")),
    )


def at_field(exc: Exception, field: str) -> Exception:
    """Name the field (under the value being read) that an error is about."""
    inner = getattr(exc, "field_name", None)
    exc.field_name = f"{field}.{inner}" if inner else field  # type: ignore[attr-defined]
    return exc


def amount_at(value: Any, field: str) -> Quantity | None:
    """A figure's ``value`` or ``upper``, its errors pointing at that field."""
    if value is None:
        return None
    try:
        return structure_quantity(value, Quantity)
    except (SciplanError, Refused) as e:
        raise at_field(e, field) from None


def text_of(value: Any) -> str:
    if not isinstance(value, str):
        raise Refused(f"expected a string, got {json_type(value)}")
    return value


def optional_text(value: Any) -> str | None:
    return None if value is None else text_of(value)


def unstructure_figure(f: Figure) -> dict[str, Any]:
    out: dict[str, Any] = {"text": f.text}
    if f.value is not None:
        out["value"] = unstructure_quantity(f.value)
    if f.value is None or (f.upper is None and f.unit != f.value.unit):
        out["unit"] = f.unit
    if f.qualifier is not Qualifier.EXACT:
        out["qualifier"] = f.qualifier.value
    if f.aspirational:
        out["aspirational"] = True
    if f.upper is not None:
        out["upper"] = unstructure_quantity(f.upper)
    if f.placeholder is not None:
        out["placeholder"] = f.placeholder
    if f.alternative_unit is not None:
        out["alternative_unit"] = f.alternative_unit
    return out


@functools.lru_cache(maxsize=4096)
def cached_year(value: int) -> Year:
    """Years are immutable: a plan's many mentions of 2006 can share one."""
    return Year(value)


def structure_year(value: Any, _: Any) -> Year:
    if type(value) is int:
        return cached_year(value)
    if isinstance(value, str):
        return Year.parse(value)
    raise Refused(
        f"a year is a number such as 2006 or a string such as '20xx年', not {json_type(value)}"
    )


def unstructure_year(y: Year) -> int | str:
    return y.value if y.value is not None else str(y)


def structure_period(value: Any, _: Any) -> Year | FiveYearPlan | YearSpan:
    if isinstance(value, int) and not isinstance(value, bool):
        return Year(value)
    if isinstance(value, str):
        return parse_period(value)
    raise Refused(
        "a period is a year (2006, '20xx年'), a five-year plan ('十一五') or a span of years "
        f"('2006-2010年'), not {json_type(value)}"
    )


def unstructure_period(p: Year | FiveYearPlan | YearSpan) -> int | str:
    if isinstance(p, Year):
        return unstructure_year(p)
    if isinstance(p, FiveYearPlan):
        return p.name
    return str(p)


def is_period(t: Any) -> bool:
    if get_origin(t) not in (Union, UnionType):
        return False
    return set(get_args(t)) - {NoneType} == {Year, FiveYearPlan, YearSpan}


def is_item(t: Any) -> bool:
    return get_origin(t) in (Union, UnionType) and set(get_args(t)) == set(ITEM_TYPES)


def structure_code(value: Any, cls: type[Coded]) -> Coded:
    member = cls._value2member_map_.get(value) if type(value) is str else None
    if member is not None:
        return member  # type: ignore[return-value]
    if not isinstance(value, str):
        raise Refused(f"expected a string naming a {cls.__name__}, got {json_type(value)}")
    return cls.parse(value)


_LEVEL_INDEX = {level: k for k, level in enumerate(Level)}


def levels_of_span(text: str) -> tuple[Level, ...]:
    """``levels`` written as a span, as plans write it (``"市级以上"``): the levels it
    names, the highest first."""
    return tuple(sorted(Level.parse_range(text), key=_LEVEL_INDEX.__getitem__))
