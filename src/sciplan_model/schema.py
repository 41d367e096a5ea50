"""A JSON Schema (draft 2020-12) for saved plans, for software in other languages.

    >>> schema = json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> sorted(schema["required"])
    ['id', 'kind', 'schema_version', 'title']

The schema is made from the model's classes themselves, so its shape cannot drift from
them.  It describes the form this library writes and the checks of structure the loader
makes (required fields, no unknown keys, the types of values, codes and spans).  Two
kinds of check stay with the loader: what a figure's or a period's text says (a schema
cannot read "159.3万元"), and how values fit together (a figure's unit against its
indicator's, references between ids).  Loading also takes the Chinese names of coded
values (``"省级"`` for ``"provincial"``), which the schema does not list.
"""

from __future__ import annotations

import enum
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

import attrs

from ._forms import ITEM_TAGS, SCHEMA_VERSION
from .codes import Coded, Level
from .figure import Figure, Qualifier
from .model import ITEM_TYPES, BreakdownPart, Plan, Region, SourceRef
from .period import FiveYearPlan, Year, YearSpan
from .quantity import Money, Quantity

__all__ = ["json_schema"]

# Units are not listed: with scale words (万吨, 500万美元) and per-unit rates (元/亩,
# 件/百人年) they are an open set, which the loader checks against the registry.
_UNIT = {
    "type": "string",
    "minLength": 1,
    "description": (
        "a unit of the package's registry, with its scale word where written: 元, 万元, "
        "万美元, 欧元 (each currency apart), 项, 万人次, 家次, 亩, 万平方米, 吨, 千瓦时, "
        "个月, %, 个百分点, 元/亩, 件/百人年 …"
    ),
}
_AMOUNT = {
    "type": "object",
    "properties": {
        "magnitude": {"type": "string", "pattern": r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$"},
        "unit": _UNIT,
    },
    "required": ["magnitude", "unit"],
    "additionalProperties": False,
}
_FIGURE_TEXT = {"type": "string", "minLength": 1, "description": "a figure as written"}


def _figure() -> dict[str, Any]:
    return {
        "oneOf": [
            _FIGURE_TEXT,
            {
                "type": "object",
                "properties": {
                    "text": {"type": "string"},
                    "value": {"$ref": "#/$defs/Amount"},
                    "unit": _UNIT,
                    "qualifier": {"enum": [q.value for q in Qualifier]},
                    "aspirational": {"type": "boolean"},
                    "upper": {"$ref": "#/$defs/Amount"},
                    "placeholder": {"type": "string"},
                    "alternative_unit": {"type": "string"},
                },
                "additionalProperties": False,
            },
        ]
    }


_YEAR = {
    "oneOf": [
        {"type": "integer", "minimum": 1000, "maximum": 9999},
        {"type": "string", "pattern": "^[0-9xX×]{4}(年|年度)?$"},
    ]
}
_PERIOD = {
    "description": "a year (2006, '20xx年'), a five-year plan ('十一五') or a span ('2006-2010年')",
    "oneOf": [{"type": "integer", "minimum": 1000, "maximum": 9999}, {"type": "string"}],
}


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {
            "Amount": _AMOUNT,
            "Figure": _figure(),
            "Year": _YEAR,
            "Period": _PERIOD,
        }

    def of(self, t: Any) -> dict[str, Any]:
        origin = get_origin(t)
        if origin in (Union, UnionType):
            args = get_args(t)
            members = [a for a in args if a is not NoneType]
            if set(members) == {Year, FiveYearPlan, YearSpan}:
                inner: dict[str, Any] = {"$ref": "#/$defs/Period"}
            elif set(members) == set(ITEM_TYPES):
                inner = {"$ref": "#/$defs/Item"}
                self._items()
            elif len(members) == 1:
                inner = self.of(members[0])
            else:  # pragma: no cover - the model has no other unions
                inner = {"anyOf": [self.of(m) for m in members]}
            return {"anyOf": [inner, {"type": "null"}]} if NoneType in args else inner
        if origin is tuple:
            array = {"type": "array", "items": self.of(get_args(t)[0])}
            if get_args(t)[0] is Level:  # or a span as plans write it: 市级以上
                return {"anyOf": [array, {"type": "string"}]}
            return array
        if t is str:
            return {"type": "string"}
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if t in (Quantity, Money):
            return {"oneOf": [_FIGURE_TEXT, {"$ref": "#/$defs/Amount"}]}
        if t is Figure:
            return {"$ref": "#/$defs/Figure"}
        if t is Year:
            return {"$ref": "#/$defs/Year"}
        if isinstance(t, type) and issubclass(t, Coded | enum.Enum):
            return {"enum": [m.value for m in t]}
        if attrs.has(t):
            return {"$ref": f"#/$defs/{self.cls(t)}"}
        raise TypeError(f"no schema for {t!r}")  # pragma: no cover - guards model changes

    def cls(self, c: type) -> str:
        name = c.__name__
        if name in self.defs:
            return name
        self.defs[name] = {}  # placeholder, for classes that refer to themselves
        hints = get_type_hints(c)
        properties: dict[str, Any] = {}
        required = []
        for a in attrs.fields(c):
            properties[a.name] = _refine(self.of(hints[a.name]), c, a.name)
            if a.default is attrs.NOTHING:
                required.append(a.name)
        self.defs[name] = {
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        if c is BreakdownPart:
            self.defs[name]["anyOf"] = [{"required": ["level"]}, {"required": ["category"]}]
        return name

    def _items(self) -> None:
        if "Item" in self.defs:
            return
        self.defs["Item"] = {}
        choices = []
        for c in ITEM_TYPES:
            name = self.cls(c)
            base = self.defs[name]
            tagged = {
                **base,
                "properties": {"type": {"const": ITEM_TAGS[c]}, **base["properties"]},
                "required": ["type", *base["required"]],
            }
            self.defs[f"{name}Item"] = tagged
            choices.append({"$ref": f"#/$defs/{name}Item"})
        self.defs["Item"] = {"oneOf": choices}


_NOT_BLANK = {"type": "string", "minLength": 1, "pattern": "\\S"}


def _refine(schema: dict[str, Any], c: type, field: str) -> dict[str, Any]:
    """The checks a class makes of a field that its type alone does not say: text is
    never blank, a region code has six digits, a span starts at zero or later."""
    if c is Region and field == "code":
        return {"anyOf": [{"type": "string", "pattern": "^[0-9]{6}$"}, {"type": "null"}]}
    if c is SourceRef and field in ("start", "end"):
        return {"type": "integer", "minimum": 0}
    if schema == {"type": "string"}:
        return dict(_NOT_BLANK)
    if schema == {"anyOf": [{"type": "string"}, {"type": "null"}]}:
        return {"anyOf": [dict(_NOT_BLANK), {"type": "null"}]}
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a saved plan (draft 2020-12), as a dict ready for ``json.dumps``."""
    b = _Builder()
    name = b.cls(Plan)
    plan = b.defs[name]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://sciplan-model.invalid/schema/plan-{SCHEMA_VERSION}.json",
        "title": "A science & technology work plan (sciplan_model)",
        "type": "object",
        "properties": {"schema_version": {"const": SCHEMA_VERSION}, **plan["properties"]},
        "required": ["schema_version", *plan["required"]],
        "additionalProperties": False,
        "$defs": b.defs,
    }
