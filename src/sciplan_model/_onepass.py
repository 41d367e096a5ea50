"""Reading and writing a plan's plain data in one pass, for documents that are fine.

The loader in ``serialize`` reads a document in one pass over its parsed JSON (or TOML):
for each class of the model a reader is generated that takes an object of the
document, checks each of its values as the model's own checks would (types, empty and
over-long text, lone surrogates, integers past the limit, unknown keys, nesting), and
makes the object without running those checks a second time.  It also counts what the
duplicate-key test needs and gathers the project ids and the references to them.

A reader proves a document fine or gives up: whatever it does not expect (a figure
written as text it cannot read, an unknown key, an empty name, a duplicate id …) makes
it raise, and the loader then runs the detailed checks, which report every problem with
its path.  So a document either loads here to the very plan the detailed path would
make, or is handed over whole; the reader never reports a problem itself.

The writer is the mirror: one generated function a class, which writes the fields that
differ from their defaults and checks, as it writes them, what a document could not
hold (over-long text, lone surrogates, nesting too deep), so that nothing walks its
output a second time.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from decimal import Decimal
from types import NoneType, UnionType
from typing import Any, Union, cast, get_args, get_origin

import attrs

from ._forms import (
    ITEM_TAGS,
    SCHEMA_VERSION,
    cached_year,
    levels_of_span,
    structure_code,
    structure_figure,
    structure_period,
    structure_year,
    unstructure_figure,
    unstructure_period,
    unstructure_quantity,
)
from ._limits import INT_LIMIT, MAX_DEPTH, MAX_STRING, SURROGATE
from .codes import Coded, Level
from .figure import Figure
from .model import ITEM_TYPES, Plan, Region, Section
from .period import FiveYearPlan, Year, YearSpan
from .quantity import Money, to_decimal
from .quantity import _make as make_quantity
from .units import unit_info

__all__ = ["Counts", "GiveUp", "readers", "writers"]


class GiveUp(Exception):
    """The one-pass reader meets something it does not prove fine."""


class Counts:
    """What one reading gathers besides the objects: the members of every object (for
    the duplicate-key test), the colons inside strings, project ids and references."""

    __slots__ = ("colons", "elements", "ids", "members", "references")

    def __init__(self) -> None:
        self.members = 0
        self.elements = 0
        self.colons = 0
        self.ids: list[str] = []
        self.references: list[tuple[str, ...]] = []


# Classes whose checks go beyond the types and text the reader checks (spans, region
# codes, units an indicator counts, parts of a breakdown, a figure against its
# indicator): these are made through their constructors, so that their checks run.
_CHECKED = frozenset(
    {"SourceRef", "Region", "Indicator", "Goal", "Achievement", "BreakdownPart", "Breakdown"}
)
# The fields (by class) that name projects: their ids must be the plan's.
_REFERENCES = {("Task", "projects"), ("Project", "related"), ("Breakdown", "projects")}
# Below an item, the deepest nesting of objects and arrays that is not a region's
# chain or a section's children (task → goals → goal → figure → value).
_TAIL = 6


def _optional(t: Any) -> tuple[Any, bool]:
    if get_origin(t) in (Union, UnionType) and NoneType in get_args(t):
        rest = tuple(a for a in get_args(t) if a is not NoneType)
        return (rest[0] if len(rest) == 1 else Union[rest]), True  # noqa: UP007
    return t, False


def _kind(t: Any) -> tuple[str, Any]:
    """What reader a field's type needs, and the class it is about."""
    if t is str:
        return "str", None
    if t is int:
        return "int", None
    if t is bool:
        return "bool", None
    if t is Year:
        return "year", None
    if t is Money:
        return "money", None
    if t is Figure:
        return "figure", None
    if isinstance(t, type) and issubclass(t, Coded):
        return "code", t
    if isinstance(t, type) and attrs.has(t):
        return "class", t
    args = set(get_args(t))
    if get_origin(t) in (Union, UnionType) and args == {Year, FiveYearPlan, YearSpan}:
        return "period", None
    if get_origin(t) is tuple:
        inner = get_args(t)[0]
        if inner is str:
            return "strs", None
        if inner is Level:
            return "levels", None
        if get_origin(inner) in (Union, UnionType) and set(get_args(inner)) == set(ITEM_TYPES):
            return "items", None
        if attrs.has(inner):
            return "classes", inner
    raise TypeError(f"no one-pass reader for {t!r}")  # pragma: no cover - the model's types


# A string with a lone surrogate cannot be encoded: ``encode()`` raises, and any error
# hands the document to the detailed path (it is quicker than searching for one).
_TEXT = """\
    if type(v) is not str or len(v) > MS or (not v.isascii() and not v.encode()){empty}:
        raise GIVE_UP
    if ':' in v:
        counts.colons += v.count(':')
"""


def _read_value(kind: str, target: Any, strict_text: bool) -> str:
    """Source that checks and turns ``v`` into the field's value ``v``."""
    if kind == "str":
        return _TEXT.format(empty=" or not v.strip()" if strict_text else "")
    if kind == "int":
        return "    if type(v) is not int or not -IL < v < IL:\n        raise GIVE_UP\n"
    if kind == "bool":
        return "    if type(v) is not bool:\n        raise GIVE_UP\n"
    if kind == "year":
        return (
            "    if type(v) is int:\n        v = YEAR(v)\n"
            "    elif type(v) is str and len(v) <= MS:\n        v = S_YEAR(v, None)\n"
            "    else:\n        raise GIVE_UP\n"
        )
    if kind == "period":
        return (
            "    if type(v) is int:\n        v = YEAR(v)\n"
            "    elif type(v) is str and len(v) <= MS:\n        v = S_PERIOD(v, None)\n"
            "    else:\n        raise GIVE_UP\n"
        )
    if kind == "code":
        name = target.__name__
        return (
            f"    c = MEMBERS_{name}.get(v)\n"  # an unhashable v raises: the detailed path
            "    if c is None:\n"
            "        if type(v) is not str or len(v) > MS:\n            raise GIVE_UP\n"
            f"        c = S_CODE(v, {name})\n"
            "    v = c\n"
        )
    if kind == "money":
        return (
            "    if type(v) is dict and len(v) == 2:\n"
            "        m = v.get('magnitude')\n"
            "        u = v.get('unit')\n"
            "        if type(u) is not str or len(u) > MS:\n            raise GIVE_UP\n"
            "        info = UNIT(u)\n"
            "        if not info.currency:\n            raise GIVE_UP\n"
            "        if type(m) is str:\n            v = MAKE(TO_DECIMAL(m), info)\n"
            "        elif type(m) is int and -IL < m < IL or type(m) is DECIMAL:\n"
            "            v = MAKE(TO_DECIMAL(m), info)\n"
            "        else:\n            raise GIVE_UP\n"
            "        counts.members += 2\n"
            "    elif type(v) is str and len(v) <= MS:\n        v = MONEY_PARSE(v)\n"
            "    else:\n        raise GIVE_UP\n"
        )
    if kind == "figure":
        return "    v = FIGURE(v, counts)\n"
    if kind == "class":
        return f"    v = READ_{target.__name__}(v, depth + 1, counts)\n"
    if kind == "strs":
        return (
            "    if type(v) is not list and type(v) is not tuple:\n        raise GIVE_UP\n"
            "    for e in v:\n"
            "        if type(e) is not str or len(e) > MS or (not e.isascii() and not e.encode()):\n"
            "            raise GIVE_UP\n"
            "        if ':' in e:\n"
            "            counts.colons += e.count(':')\n"
            "    v = tuple(v)\n    counts.elements += len(v)\n"
        )
    if kind == "levels":
        return "    v = LEVELS(v, counts)\n"
    if kind == "classes":
        name = target.__name__
        return (
            "    if type(v) is not list and type(v) is not tuple:\n        raise GIVE_UP\n"
            f"    v = tuple([READ_{name}(e, depth + 2, counts) for e in v])\n"
            "    counts.elements += len(v)\n"
        )
    if kind == "items":
        return (
            "    if type(v) is not list and type(v) is not tuple:\n        raise GIVE_UP\n"
            "    v = tuple([READ_ITEM(e, depth + 2, counts) for e in v])\n"
            "    counts.elements += len(v)\n"
        )
    raise AssertionError(kind)  # pragma: no cover


def _reader_source(cls: type, tagged: bool) -> str:
    """The source of the reader of ``cls`` (of an item with its ``type`` key when
    ``tagged``; of a plan with its ``schema_version`` for Plan)."""
    name = cls.__name__
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    extra = 1 if tagged or cls is Plan else 0
    lines = [f"def read_{name}{'_item' if tagged else ''}(d, depth, counts):"]
    lines.append("    if type(d) is not dict:\n        raise GIVE_UP")
    if cls is Section:
        lines.append(f"    if depth > {MAX_DEPTH - 2 - _TAIL}:\n        raise GIVE_UP")
    if cls is Region:
        lines.append(f"    if depth > {MAX_DEPTH}:\n        raise GIVE_UP")
    if cls is Plan:
        lines.append(
            "    version = d.get('schema_version')\n"
            "    if type(version) is not int or version != VERSION:\n        raise GIVE_UP"
        )
    lines.append(f"    found = {extra}")
    names = []
    for k, a in enumerate(fields):
        t, optional = _optional(hints[a.name])
        kind, target = _kind(t)
        local = f"f{k}"
        names.append((a.name, local))
        strict = kind == "str" and (name, a.name) != ("BreakdownPart", "category")
        body = _read_value(kind, target, strict)
        lines.append(f"    v = d.get({a.name!r}, MISSING)")
        required = a.default is attrs.NOTHING
        lines.append("    if v is MISSING:")
        lines.append(
            "        raise GIVE_UP" if required else f"        {local} = DEFAULT_{name}_{k}"
        )
        if optional and kind != "period":  # the detailed path refuses a null period
            lines.append("    elif v is None:")
            lines.append(f"        {local} = None")
            lines.append("        found += 1")
        lines.append("    else:")
        lines.extend("    " + line for line in body.rstrip("\n").split("\n"))
        lines.append(f"        {local} = v")
        lines.append("        found += 1")
        if tagged and (name, a.name) in _REFERENCES and kind == "strs":
            lines.append(f"        if {local}:\n            counts.references.append({local})")
        if tagged and name == "Project" and a.name == "id":
            lines.append(f"        counts.ids.append({local})")
    lines.append("    if found != len(d):\n        raise GIVE_UP")
    lines.append("    counts.members += found")
    if name in _CHECKED:
        args = ", ".join(f"{field}={local}" for field, local in names)
        lines.append(f"    return {name}({args})")
    else:
        lines.append(f"    o = NEW({name})")
        lines.extend(f"    SET_{name}_{field}(o, {local})" for field, local in names)
        lines.append("    return o")
    return "\n".join(lines) + "\n"


def _classes() -> list[type]:
    """Every attrs class a plan's document holds."""
    seen: list[type] = []

    def visit(cls: type) -> None:
        if cls in seen:
            return
        seen.append(cls)
        hints = typing.get_type_hints(cls)
        for a in attrs.fields(cls):
            t, _ = _optional(hints[a.name])
            kind, target = _kind(t)
            if kind in ("class", "classes"):
                visit(target)
            if kind == "items":
                for item in ITEM_TYPES:
                    visit(item)

    visit(Plan)
    return seen


def _generate(
    namespace: dict[str, Any], source_of: Callable[[type, str | None], str]
) -> list[type]:
    """Put in ``namespace`` what generated code needs of every class of a plan's
    document (the class, its fields' defaults and slot setters, its codes and their
    members), then the code itself: ``source_of(cls, None)`` for each class and, for an
    item, ``source_of(cls, tag)`` too.  The classes, in the order met."""
    classes = _classes()
    source = []
    for cls in classes:
        name = cls.__name__
        namespace[name] = cls
        hints = typing.get_type_hints(cls)
        for k, a in enumerate(attrs.fields(cls)):
            namespace[f"DEFAULT_{name}_{k}"] = a.default
            namespace[f"SET_{name}_{a.name}"] = cls.__dict__[a.name].__set__
            kind, target = _kind(_optional(hints[a.name])[0])
            if kind == "code":
                namespace[f"MEMBERS_{target.__name__}"] = dict(target._value2member_map_)
                namespace[target.__name__] = target
        source.append(source_of(cls, None))
        if cls in ITEM_TYPES:
            source.append(source_of(cls, ITEM_TAGS[cls]))
    exec("\n".join(source), namespace)
    return classes


@functools.cache
def readers() -> dict[type, Callable[[Any, int, Counts], Any]]:
    """The one-pass reader of each class (an item's reader expects its ``type`` key)."""
    namespace: dict[str, Any] = {
        "GIVE_UP": GiveUp,
        "MISSING": object(),
        "MS": MAX_STRING,
        "IL": INT_LIMIT,
        "VERSION": SCHEMA_VERSION,
        "YEAR": cached_year,
        "S_YEAR": structure_year,
        "S_PERIOD": structure_period,
        "S_CODE": structure_code,
        "UNIT": unit_info,
        "MAKE": make_quantity,
        "TO_DECIMAL": to_decimal,
        "DECIMAL": Decimal,
        "MONEY_PARSE": Money.parse,
        "FIGURE": _figure,
        "LEVELS": _levels,
        "NEW": object.__new__,
    }
    classes = _generate(namespace, lambda cls, tag: _reader_source(cls, tag is not None))
    for cls in classes:
        namespace[f"READ_{cls.__name__}"] = namespace[f"read_{cls.__name__}"]
    tagged = {tag: namespace[f"read_{cls.__name__}_item"] for cls, tag in ITEM_TAGS.items()}

    def read_item(d: Any, depth: int, counts: Counts) -> Any:
        tag = d.get("type") if type(d) is dict else None
        reader = tagged.get(tag) if type(tag) is str else None
        if reader is None:
            raise GiveUp
        return reader(d, depth, counts)

    namespace["READ_ITEM"] = read_item
    return {cls: namespace[f"read_{cls.__name__}"] for cls in classes}


_FIGURE_TEXTS = ("text", "unit", "placeholder", "alternative_unit")


def _figure(v: Any, counts: Counts) -> Figure:
    """A figure, as the detailed path reads it, with what the counts need."""
    if type(v) is str:
        if len(v) > MAX_STRING:
            raise GiveUp
        if ":" in v:
            counts.colons += v.count(":")
        return structure_figure(v, None)
    if type(v) is not dict:
        raise GiveUp
    members = len(v)
    for key in _FIGURE_TEXTS:
        text = v.get(key)
        if type(text) is str:
            if len(text) > MAX_STRING:
                raise GiveUp
            if ":" in text:
                counts.colons += text.count(":")
    for key in ("value", "upper"):
        end = v.get(key)
        if type(end) is dict:
            members += len(end)
            m = end.get("magnitude")
            if type(m) is int and not -INT_LIMIT < m < INT_LIMIT:
                raise GiveUp
        elif type(end) is str and len(end) > MAX_STRING:
            raise GiveUp
    figure = structure_figure(v, None)
    counts.members += members
    return figure


def _levels(v: Any, counts: Counts) -> tuple[Level, ...]:
    """``levels`` as the detailed path reads them: a span as written, or a list."""
    if type(v) is str:
        if len(v) > MAX_STRING:
            raise GiveUp
        return levels_of_span(v)
    if type(v) is not list and type(v) is not tuple:
        raise GiveUp
    out: list[Level] = []
    for e in v:
        if type(e) is not str or len(e) > MAX_STRING:
            raise GiveUp
        out.append(cast(Level, structure_code(e, Level)))
    counts.elements += len(out)
    return tuple(out)


# -- writing ------------------------------------------------------------------------------


def _write_value(kind: str, target: Any) -> str:
    """Source that checks ``v`` and sets ``w``, what the document holds for it."""
    if kind == "str":
        return (
            "    if type(v) is not str or len(v) > MS or (not v.isascii() and not v.encode()):\n"
            "        raise GIVE_UP\n    w = v\n"
        )
    if kind == "int":
        return "    if type(v) is not int or not -IL < v < IL:\n        raise GIVE_UP\n    w = v\n"
    if kind == "bool":
        return "    if type(v) is not bool:\n        raise GIVE_UP\n    w = v\n"
    if kind == "year":
        return "    w = W_YEAR(v)\n"
    if kind == "period":
        return "    w = W_PERIOD(v)\n"
    if kind == "code":
        return f"    if type(v) is not {target.__name__}:\n        raise GIVE_UP\n    w = v.value\n"
    if kind == "money":
        return "    if type(v) is not MONEY:\n        raise GIVE_UP\n    w = W_AMOUNT(v)\n    counts.members += 2\n"
    if kind == "figure":
        return "    w = W_FIGURE(v, counts)\n"
    if kind == "class":
        return f"    w = WRITE_{target.__name__}(v, depth + 1, counts)\n"
    if kind == "strs":
        return (
            "    for e in v:\n"
            "        if type(e) is not str or len(e) > MS or (not e.isascii() and not e.encode()):\n"
            "            raise GIVE_UP\n"
            "    w = list(v)\n    counts.elements += len(w)\n"
        )
    if kind == "levels":
        return "    w = [e.value for e in v]\n    counts.elements += len(w)\n"
    if kind == "classes":
        return (
            f"    w = [WRITE_{target.__name__}(e, depth + 2, counts) for e in v]\n"
            "    counts.elements += len(w)\n"
        )
    if kind == "items":
        return (
            "    w = [WRITE_ITEM(e, depth + 2, counts) for e in v]\n    counts.elements += len(w)\n"
        )
    raise AssertionError(kind)  # pragma: no cover


def _writer_source(cls: type, tag: str | None) -> str:
    """The source of the writer of ``cls`` (an item's, with its ``type`` first, when
    ``tag`` is given)."""
    name = cls.__name__
    hints = typing.get_type_hints(cls)
    lines = [f"def write_{name}{'_item' if tag else ''}(o, depth, counts):"]
    if cls is Section:
        lines.append(f"    if depth > {MAX_DEPTH - 2 - _TAIL}:\n        raise GIVE_UP")
    if cls is Region:
        lines.append(f"    if depth > {MAX_DEPTH}:\n        raise GIVE_UP")
    lines.append(f"    d = {{'type': {tag!r}}}" if tag else "    d = {}")
    fields = list(enumerate(attrs.fields(cls)))
    # as cattrs writes them: the fields without a default first, then the others
    fields.sort(key=lambda field: field[1].default is not attrs.NOTHING)
    for k, a in fields:
        kind, target = _kind(_optional(hints[a.name])[0])
        lines.append(f"    v = o.{a.name}")
        body = _write_value(kind, target).rstrip("\n").split("\n")
        default = a.default
        if default is attrs.NOTHING:
            test = None
        elif default is None:
            test = "v is not None"
        elif default == ():
            test = "v != ()"  # a list put in behind the class's back is written, as cattrs does
        else:
            test = f"v is not DEFAULT_{name}_{k}"
        if test is None:
            lines.extend(body)
        else:
            lines.append(f"    if {test}:")
            lines.extend("    " + line for line in body)
        indent = "    " if test is None else "        "
        lines.append(f"{indent}d[{a.name!r}] = w")
        if tag and (name, a.name) in _REFERENCES and kind == "strs":
            lines.append(f"{indent}counts.references.append(v)")
        if tag and name == "Project" and a.name == "id":
            lines.append(f"{indent}counts.ids.append(v)")
    lines.append("    counts.members += len(d)")
    lines.append("    return d")
    return "\n".join(lines) + "\n"


@functools.cache
def writers() -> dict[type, Callable[[Any, int, Counts], Any]]:
    """The one-pass writer of each class: its plain data, the fields at their defaults
    left out, as cattrs would write it."""
    namespace: dict[str, Any] = {
        "GIVE_UP": GiveUp,
        "MS": MAX_STRING,
        "IL": INT_LIMIT,
        "MONEY": Money,
        "W_YEAR": _write_year,
        "W_PERIOD": _write_period,
        "W_AMOUNT": unstructure_quantity,
        "W_FIGURE": _write_figure,
    }
    classes = _generate(namespace, _writer_source)
    for cls in classes:
        namespace[f"WRITE_{cls.__name__}"] = namespace[f"write_{cls.__name__}"]
    tagged = {cls: namespace[f"write_{cls.__name__}_item"] for cls in ITEM_TYPES}

    def write_item(o: Any, depth: int, counts: Counts) -> Any:
        writer = tagged.get(type(o))
        if writer is None:
            raise GiveUp
        return writer(o, depth, counts)

    namespace["WRITE_ITEM"] = write_item
    return {cls: namespace[f"write_{cls.__name__}"] for cls in classes}


def _write_year(v: Any) -> int | str:
    if type(v) is not Year:
        raise GiveUp
    return v.value if v.value is not None else str(v)


def _write_period(v: Any) -> int | str:
    if type(v) not in (Year, FiveYearPlan, YearSpan):
        raise GiveUp
    return unstructure_period(v)


def _write_figure(v: Any, counts: Counts) -> dict[str, Any]:
    if type(v) is not Figure:
        raise GiveUp
    for text in (v.text, v.unit, v.placeholder, v.alternative_unit):
        if text is not None and (
            type(text) is not str
            or len(text) > MAX_STRING
            or (not text.isascii() and SURROGATE.search(text))
        ):
            raise GiveUp
    out = unstructure_figure(v)
    counts.members += len(out) + 2 * (v.value is not None) + 2 * (v.upper is not None)
    return out
