"""Saving and loading plans exactly, as JSON or TOML, with every problem reported.

    >>> from sciplan_model import Plan, PlanKind, Year, dumps, loads
    >>> plan = Plan(id="demo", title="科技工作计划", kind=PlanKind.ANNUAL, period=Year(2006))
    >>> text = dumps(plan)
    >>> print(text)
    {
      "schema_version": 1,
      "id": "demo",
      "title": "科技工作计划",
      "kind": "annual",
      "period": 2006
    }
    >>> loads(text) == plan
    True

The library owns its cattrs ``Converter`` (it never touches cattrs' global one).  A
figure or an amount may be given as its Chinese text (``"159.3万元"``,
``"2万人次以上"``) or in the structured form the library writes; both load to the same
object.  Numbers are never read through binary floating point: JSON numbers are read as
``Decimal`` from their text.  Output is stable: the same object gives the same bytes.

Bad input never loads half a plan: :class:`PlanLoadError` lists every problem found,
each with the JSON path of the value in the document's own shape
(``$.sections[2].items[0].funding[0].amount``) and a message.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import os
import re
import tomllib
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from types import NoneType, UnionType
from typing import TYPE_CHECKING, Any, TypeVar, Union, get_args, get_origin

import attrs

from ._datascan import (
    TOO_MANY,
    TooMany,
    capped,
    check_data,
    integer,
    looks_fine,
    no_constant,
    pairs,
    scan_data,
)
from ._files import write_atomically
from ._forms import (
    ITEM_TAGS,
    SCHEMA_VERSION,
    TAG_CLASSES,
    Refused,
    is_item,
    is_period,
    json_type,
    levels_of_span,
    strict,
    structure_code,
    structure_figure,
    structure_period,
    structure_quantity,
    structure_str,
    structure_year,
    unstructure_figure,
    unstructure_period,
    unstructure_quantity,
    unstructure_year,
)
from ._gc import gc_paused as _gc_paused
from ._limits import (
    MAX_DEPTH,
    MAX_DOCUMENT,
    MAX_INT_DIGITS,
    MAX_STRING,
    MAX_VALUES,
    WHITESPACE_FACTOR,
)
from .codes import Coded, Level
from .errors import (
    MAX_PROBLEMS,
    InvalidValueError,
    LoadProblem,
    PlanLoadError,
    SciplanError,
    WrongTypeError,
)
from .figure import Figure
from .model import (
    Item,
    Plan,
)
from .period import FiveYearPlan, Year, YearSpan
from .quantity import Money, Quantity

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT",
    "MAX_INT_DIGITS",
    "MAX_PROBLEMS",
    "MAX_STRING",
    "SCHEMA_VERSION",
    "WHITESPACE_FACTOR",
    "LoadProblem",
    "PlanLoadError",
    "dump",
    "dumps",
    "from_data",
    "load",
    "loads",
    "to_data",
]

if TYPE_CHECKING:
    import cattrs

    from ._onepass import Counts

# cattrs and tomli_w are imported when a converter is first needed, not with the
# package: most programs that import sciplan_model read figures long before (or
# without ever) saving a plan, and the import stays quick (docs/benchmarks.md).

T = TypeVar("T")

# The limits (MAX_DEPTH, MAX_DOCUMENT, MAX_STRING, MAX_INT_DIGITS) live in ``_limits``,
# where the model's classes check them too; they are this module's public names.


def _is_tuple(t: Any) -> bool:
    """``tuple[X, ...]``"""
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_optional(t: Any) -> bool:
    """``X | None`` for one type X."""
    if get_origin(t) not in (Union, UnionType):
        return False
    args = get_args(t)
    return len(args) == 2 and NoneType in args


def _optional_factory(c: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """``X | None`` fields: find the hook for X once, not on every value."""

    def factory(t: Any) -> Callable[[Any, Any], Any]:
        inner = next(a for a in get_args(t) if a is not NoneType)
        hook = c.get_structure_hook(inner)

        def structure(value: Any, _: Any) -> Any:
            return None if value is None else hook(value, inner)

        return structure

    return factory


def _make_converter(detailed: bool) -> cattrs.Converter:
    import cattrs
    from cattrs.cols import homogenous_tuple_structure_factory
    from cattrs.gen import make_dict_structure_fn

    c = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True, detailed_validation=detailed)
    c.register_structure_hook(str, structure_str)
    c.register_structure_hook(int, strict(int, "an integer"))
    c.register_structure_hook(bool, strict(bool, "a boolean"))
    for cls in (Quantity, Money):
        c.register_structure_hook(cls, structure_quantity)
        c.register_unstructure_hook(cls, unstructure_quantity)
    c.register_structure_hook(Figure, structure_figure)
    c.register_unstructure_hook(Figure, unstructure_figure)
    c.register_structure_hook(Year, structure_year)
    c.register_unstructure_hook(Year, unstructure_year)
    for period_class in (FiveYearPlan, YearSpan):
        c.register_unstructure_hook(period_class, unstructure_period)
    c.register_structure_hook_func(is_period, structure_period)

    def tuple_factory(t: Any) -> Callable[[Any, Any], Any]:
        inner = homogenous_tuple_structure_factory(t, c)

        def structure(value: Any, _: Any) -> Any:
            if type(value) is not list and type(value) is not tuple:
                raise Refused(f"expected an array, got {json_type(value)}")
            return inner(value, t)

        made = _bounded_tuple(c, t) if detailed else structure
        if get_args(t)[:1] != (Level,):
            return made

        def levels(value: Any, _: Any) -> Any:
            # "levels": "市级以上" — a span of levels as a plan writes it
            if type(value) is str:
                return levels_of_span(value)
            return made(value, t)

        return levels

    def class_factory(cls: Any) -> Callable[[Any, Any], Any]:
        inner = make_dict_structure_fn(
            cls, c, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=detailed
        )

        def structure(value: Any, _: Any) -> Any:
            if not isinstance(value, dict):
                raise Refused(f"expected an object, got {json_type(value)}")
            return inner(value, cls)

        return structure

    c.register_structure_hook_factory(_is_tuple, tuple_factory)
    c.register_structure_hook_factory(attrs.has, class_factory)
    if not detailed:
        c.register_structure_hook_factory(_is_optional, _optional_factory(c))
    c.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, Coded), structure_code
    )

    def structure_item(value: Any, _: Any) -> Item:
        if not isinstance(value, dict):
            raise Refused(f"an item is an object, not {json_type(value)}")
        tag = value.get("type")
        cls = TAG_CLASSES.get(tag) if isinstance(tag, str) else None
        if cls is None:
            tags = ", ".join(ITEM_TAGS.values())
            raise Refused(f"unknown item type {tag!r} (one of {tags})")
        fields = {k: v for k, v in value.items() if k != "type"}
        result: Item = c.structure(fields, cls)
        return result

    def unstructure_item(item: Item) -> dict[str, Any]:
        return {"type": ITEM_TAGS[type(item)], **c.unstructure(item, type(item))}

    c.register_structure_hook_func(is_item, structure_item)
    c.register_unstructure_hook_func(is_item, unstructure_item)
    return c


class _Budget:
    """How many more problems the detailed pass may build (and whether it stopped
    looking), for one call of ``from_data``."""

    __slots__ = ("left", "stopped")

    def __init__(self, left: int) -> None:
        self.left = left
        self.stopped = False


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "sciplan_model_problem_budget", default=None
)


def _bounded_tuple(c: cattrs.Converter, t: Any) -> Callable[[Any, Any], Any]:
    """The detailed converter's hook for ``tuple[X, ...]``: like cattrs' own, it
    gathers the problems of every element, but stops past the problem budget, so that a
    document of a million bad items builds about ``MAX_PROBLEMS`` problems, not a
    million."""
    from cattrs.errors import IterableValidationError, IterableValidationNote

    element_type = get_args(t)[0]
    hooks: list[Callable[[Any, Any], Any]] = []

    def structure(value: Any, _: Any) -> Any:
        if type(value) is not list and type(value) is not tuple:
            raise Refused(f"expected an array, got {json_type(value)}")
        if not hooks:  # looked up on first use: Section holds tuple[Section, ...]
            hooks.append(c.get_structure_hook(element_type))
        hook = hooks[0]
        budget = _BUDGET.get()
        errors: list[Exception] = []
        out = []
        for index, element in enumerate(value):
            if budget is not None and budget.left <= 0:
                budget.stopped = True
                break
            try:
                out.append(hook(element, element_type))
            except Exception as e:
                if budget is not None:
                    budget.left -= _new_leaves(e)
                note = IterableValidationNote(
                    f"Structuring {t} @ index {index}", index, element_type
                )
                e.__notes__ = [*getattr(e, "__notes__", []), note]
                errors.append(e)
        if errors:
            group = IterableValidationError(f"While structuring {t!r}", errors, t)
            group.sciplan_counted = True  # type: ignore[attr-defined]
            raise group
        return tuple(out)

    return structure


def _new_leaves(exc: BaseException) -> int:
    """The problems in ``exc`` not yet counted against the budget (those inside an
    array's group were counted where the array was read)."""
    if getattr(exc, "sciplan_counted", False):
        return 0
    if isinstance(exc, BaseExceptionGroup):
        return sum(_new_leaves(e) for e in exc.exceptions)
    return 1


@functools.cache
def _converter(detailed: bool) -> cattrs.Converter:
    """The library's own converters: a fast one that stops at the first problem, and a
    detailed one that finds them all (used only when the fast one fails)."""
    return _make_converter(detailed)


_FIELD = re.compile(r"[a-z_]+(\[[0-9]+\])?(\.[a-z_]+(\[[0-9]+\])?)*")
_MARK = "\x1f"


def _format(exc: BaseException, _: Any) -> str:
    """A problem's message, with the field it is about (when an object's own check
    names one) after a separator, so that the path can point at the field itself."""
    field = getattr(exc, "field_name", None)
    message = _message(exc)
    if isinstance(field, str) and _FIELD.fullmatch(field):
        return f"{message}{_MARK}{field}"
    return message


def _message(exc: BaseException) -> str:
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown keys: {', '.join(sorted(map(str, exc.extra_fields)))}"
    if isinstance(exc, KeyError):
        return "a required field is missing"
    if isinstance(exc, SciplanError | Refused | TypeError | ValueError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"  # pragma: no cover - guards the unexpected


def _problems(exc: BaseException) -> list[LoadProblem]:
    out = []
    from cattrs import transform_error

    for line in transform_error(exc, path="$", format_exception=_format):
        message, _, path = line.rpartition(" @ ")
        message, _, field = message.partition(_MARK)
        if field and not path.endswith(f".{field}"):
            path = f"{path}.{field}"
        out.append(LoadProblem(path, message))
    return out


# -- to and from plain data -------------------------------------------------------------------


def to_data(obj: Any) -> Any:
    """``obj`` as plain data (dicts, lists, strings, numbers), as it is saved; a plan
    carries ``schema_version`` first.  What the loader would refuse is refused here,
    before anything is written: nesting deeper than MAX_DEPTH, a string longer than
    MAX_STRING or holding a lone surrogate, an integer of more than MAX_INT_DIGITS
    digits (an InvalidValueError naming the path).

    The data is written in one pass that checks as it goes; only when that pass finds
    something wrong is the object written again the detailed way, to say what and
    where."""
    from ._onepass import Counts, GiveUp, writers  # with the first save: a quick import

    writer = writers().get(type(obj))
    if writer is not None:
        counts = Counts()
        try:
            data = writer(obj, 1, counts)
        except (
            GiveUp,
            SciplanError,
            RecursionError,
            UnicodeEncodeError,
            AttributeError,
            TypeError,
        ):
            pass  # AttributeError, TypeError: an object altered behind its class's back
        else:
            plan = type(obj) is Plan
            if counts.members + counts.elements + plan <= MAX_VALUES and (
                not plan or _ids_fine(counts)
            ):
                return {"schema_version": SCHEMA_VERSION, **data} if plan else data
    return _to_data_detailed(obj)


def _ids_fine(counts: Counts) -> bool:
    """Whether the project ids one pass gathered are unique and every reference is
    one of them."""
    ids = set(counts.ids)
    return len(ids) == len(counts.ids) and all(ids.issuperset(r) for r in counts.references)


def _one_pass(data: Any, cls: type[T], text: str | None) -> T | None:
    """``cls`` read from ``data`` in one pass, or None when that pass cannot prove the
    data fine (then the detailed path reads it, and reports what is wrong).  With the
    JSON ``text`` the data was parsed from, the pass also proves that no key stands
    twice in an object: the text's colons are the objects' members and the colons
    inside strings, and one fewer member for each key said twice."""
    from ._onepass import Counts, readers  # with the first load: a quick import

    reader = readers().get(cls)
    if reader is None:
        return None
    counts = Counts()
    try:
        result: T = reader(data, 1, counts)
    except (MemoryError, NameError):  # NameError: a fault of the generated code itself
        raise
    except Exception:  # anything wrong, or unusual: the detailed path says what
        return None
    if counts.members + counts.elements > MAX_VALUES:
        return None
    if cls is Plan and not _ids_fine(counts):
        return None
    if text is not None and (
        ("\\u003" in text and _ESCAPED_COLON.search(text))
        or text.count(":") != counts.members + counts.colons
    ):
        return None
    return result


#: A colon written as an escape in a JSON text (``\\u003a`` whose backslash is not
#: itself escaped): once parsed it is a colon inside a string, which the text does not
#: show as a colon.
_ESCAPED_COLON = re.compile(r"(?<!\\)(?:\\\\)*\\u003[aA]")


def _to_data_detailed(obj: Any) -> Any:
    """to_data the slow way: cattrs' unstructuring, then a walk over the data that
    names the path of what a document could not hold."""
    try:
        data = _converter(False).unstructure(obj, type(obj))
    except RecursionError:
        raise InvalidValueError("plan", f"it nests deeper than {MAX_DEPTH} levels") from None
    try:
        fine = looks_fine(data, writing=True)
    except TooMany:
        raise InvalidValueError("plan", TOO_MANY) from None
    if not fine:
        for problem in scan_data(data, writing=True):
            if problem.message.startswith("nesting deeper"):
                raise InvalidValueError(
                    "plan", f"it nests deeper than {MAX_DEPTH} levels at {problem.path}"
                )
            raise InvalidValueError(
                f"value at {problem.path}",
                f"{problem.message}; a document holding it could not be read back",
            )
    if isinstance(obj, Plan):
        for problem in _check_ids(data):  # ids the loader would refuse, refused now
            raise InvalidValueError(
                f"plan at {problem.path}",
                f"{problem.message}; a document holding it could not be read back",
            )
        data = {"schema_version": SCHEMA_VERSION, **data}
    return data


def from_data(data: Any, cls: type[T] = Plan) -> T:  # type: ignore[assignment]
    """Build a ``cls`` (a Plan by default) from plain data, or raise PlanLoadError.

    Hostile data stays cheap: the search for problems stops once it has found more than
    a PlanLoadError lists (``MAX_PROBLEMS``), and Python data that holds itself, nests
    past ``MAX_DEPTH`` or shares lists so often that it holds more values than a
    document could is refused without being walked to its end."""
    walked, stopped = check_data(data)
    if not walked and not stopped:
        result = _one_pass(data, cls, None)
        if result is not None:
            return result
    return _from_data_detailed(data, cls, walked, stopped)


def _from_data_detailed(data: Any, cls: type[T], walked: list[LoadProblem], stopped: bool) -> T:
    """from_data the slow way, which lists every problem with its path."""
    problems: list[LoadProblem] = []
    if stopped or any(_halts(p) for p in walked):
        raise PlanLoadError(walked, stopped)  # too deep, too big or too bad to read further
    if cls is Plan:
        if not isinstance(data, dict):
            raise PlanLoadError([LoadProblem("$", f"a plan is an object, not {json_type(data)}")])
        data = dict(data)
        version = data.pop("schema_version", None)
        if version is None:
            problems.append(LoadProblem("$.schema_version", "a required field is missing"))
        elif version != SCHEMA_VERSION or isinstance(version, bool):
            problems.append(
                LoadProblem(
                    "$.schema_version",
                    f"unknown schema version {version!r} (this library reads {SCHEMA_VERSION})",
                )
            )
    problems.extend(walked)
    references = capped(_check_ids(data)) if cls is Plan else []
    if len(problems) + len(references) > MAX_PROBLEMS:
        # more than are listed already: the classes are not built at all
        raise PlanLoadError(problems + references, stopped=True)
    try:
        result: T = _converter(False).structure(data, cls)
    except RecursionError:
        raise PlanLoadError(
            [*problems, LoadProblem("$", f"nesting deeper than {MAX_DEPTH} levels")]
        ) from None
    except Exception:
        # the fast converter stops at the first problem; the detailed one finds them all,
        # or as many as are listed
        budget = _Budget(MAX_PROBLEMS + 1 - len(problems) - len(references))
        if budget.left > 0:
            token = _BUDGET.set(budget)
            try:
                _converter(True).structure(data, cls)
            except Exception as exc:
                # a string the scan found too long is refused by its class too: said once
                scanned = {p.path for p in walked}
                problems.extend(p for p in _problems(exc) if p.path not in scanned)
            else:  # pragma: no cover - the two converters agree
                problems.append(LoadProblem("$", "the document could not be read"))
            finally:
                _BUDGET.reset(token)
        stopped = budget.left <= 0 or budget.stopped
        raise PlanLoadError(problems + references, stopped) from None
    if problems or references:
        raise PlanLoadError(problems + references)
    return result


def _halts(problem: LoadProblem) -> bool:
    """Whether a problem stops the reading: data too deep or too big to walk safely."""
    return problem.message.startswith("nesting deeper") or problem.message == TOO_MANY


def _check_ids(data: dict[str, Any]) -> Iterator[LoadProblem]:
    """Projects that share an id within one plan, and references (a task's projects, a
    project's related entries) to ids the plan does not have, found in the data as
    written."""
    seen: dict[str, str] = {}  # a project's id, and the path of its item
    sections = data.get("sections")
    for path, item in _items(sections, "$.sections"):
        project_id = item.get("id")
        if type(project_id) is str and item.get("type") == "project":
            if project_id in seen:
                message = f"duplicate project id {project_id!r} (first at {seen[project_id]}.id)"
                yield LoadProblem(f"{path}.id", message)
            else:
                seen[project_id] = path
    # a second walk, rather than a list of every reference: references may point
    # forward, and a hostile document may hold millions of them
    for path, item in _items(sections, "$.sections"):
        tag = item.get("type")
        field = _REFERENCES.get(tag) if type(tag) is str else None
        refs = item.get(field) if field is not None else None
        if type(refs) is list:
            for k, ref in enumerate(refs):
                if isinstance(ref, str) and ref not in seen:
                    message = f"no project with id {ref!r} in this plan"
                    yield LoadProblem(f"{path}.{field}[{k}]", message)


#: The field of an item that names projects by id, by the item's type.
_REFERENCES = {"task": "projects", "project": "related", "breakdown": "projects"}


def _items(sections: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every item of a plan's data as written, with its path."""
    if not isinstance(sections, list):
        return
    for i, section in enumerate(sections):
        if not isinstance(section, dict):
            continue
        here = f"{path}[{i}]"
        items = section.get("items")
        for j, item in enumerate(items if isinstance(items, list) else ()):
            if isinstance(item, dict):
                yield f"{here}.items[{j}]", item
        yield from _items(section.get("sections"), f"{here}.sections")


# -- JSON ------------------------------------------------------------------------------------


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """``obj`` as JSON text: stable (the same object gives the same text) and exact.

    ``indent=None`` writes it on one line with no space after ``,`` and ``:``, which is
    several times faster for a large plan when orjson is not installed (Python's JSON
    encoder is written in C only for that case).  With orjson installed (the ``fast``
    extra) the text is the same, byte for byte, and written faster."""
    with _gc_paused():
        text = _encode(to_data(obj), indent)
    return _fits(text)


def _fits(text: str) -> str:
    """The text of a document, unless it is longer than the loader reads (measured as
    the loader measures it)."""
    if _size_problem(text) is not None:
        written = len(text) - text.count(" ") - text.count("\n")
        raise InvalidValueError(
            "document",
            f"it would be {len(text)} characters long ({written} besides spaces and line "
            f"breaks), more than the {MAX_DOCUMENT} a document may have (or "
            f"{WHITESPACE_FACTOR} times that in all); split the plan, or keep many plans "
            "as a Parquet dataset (write_dataset, docs/scale.md)",
        )
    return text


def _encode(data: Any, indent: int | None, accelerate: bool = True) -> str:
    """JSON text of plain data: with two-space indents, or compact on one line (no space
    after ``,`` and ``:``).  With orjson installed (the ``fast`` extra), orjson writes
    the very same text, several times as fast as the standard library (whose indenting
    encoder is pure Python); anything orjson cannot write falls back to the standard
    library."""
    if indent in (2, None) and accelerate:
        try:
            import orjson
        except ImportError:
            pass
        else:
            option = orjson.OPT_INDENT_2 if indent == 2 else 0
            try:
                return str(orjson.dumps(data, option=option).decode())
            except (orjson.JSONEncodeError, UnicodeDecodeError):
                pass
    if indent is None:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, indent=indent)


def _size_problem(text: str) -> str | None:
    """Why a document is too long to read, or None.  The limit counts what is written
    besides spaces and newlines, so that indenting a document does not make it too
    long: the saver measures what it writes the same way."""
    if len(text) <= MAX_DOCUMENT:
        return None
    if len(text) > WHITESPACE_FACTOR * MAX_DOCUMENT:
        return f"a document of more than {WHITESPACE_FACTOR * MAX_DOCUMENT} characters in all"
    if len(text) - text.count(" ") - text.count("\n") > MAX_DOCUMENT:
        return f"a document of more than {MAX_DOCUMENT} characters besides spaces and newlines"
    return None


def _check_size(text: str) -> None:
    problem = _size_problem(text)
    if problem is not None:
        raise PlanLoadError([LoadProblem("$", problem)])


def _parse_quickly(text: str) -> Any:
    """The JSON text parsed the quick way, with no hook called for each object or
    integer (None when the parser refuses it: the careful parse says why)."""
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=no_constant)
    except (ValueError, RecursionError):
        return None


def _read_json(text: str) -> Any:
    if not isinstance(text, str):
        raise WrongTypeError("text", "a str", type(text).__name__)
    _check_size(text)
    try:
        data = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_float=Decimal,
            parse_int=integer,
            parse_constant=no_constant,
        )
    except json.JSONDecodeError as e:
        raise PlanLoadError(
            [LoadProblem("$", f"not JSON: {e.msg} at line {e.lineno} column {e.colno}")]
        ) from None
    except RecursionError:
        raise PlanLoadError([LoadProblem("$", f"nesting deeper than {MAX_DEPTH} levels")]) from None
    except ValueError as e:
        raise PlanLoadError([LoadProblem("$", f"not JSON this library reads: {e}")]) from None
    return data


def loads(text: str, cls: type[T] = Plan) -> T:  # type: ignore[assignment]
    """Load a ``cls`` (a Plan by default) from JSON text, or raise PlanLoadError.

    A document that is fine is read in one pass over its parsed JSON; any other is read
    again the careful way, which lists every problem with its path."""
    with _gc_paused(), _memory_bounded(text):
        return _from_json(text, cls)


def _from_json(text: str, cls: type[T]) -> T:
    if not isinstance(text, str):
        raise WrongTypeError("text", "a str", type(text).__name__)
    _check_size(text)
    data = _parse_quickly(text)
    if data is not None:
        result = _one_pass(data, cls, text)
        if result is not None:
            return result
        del data
    data = _read_json(text)
    walked, stopped = check_data(data)
    return _from_data_detailed(data, cls, walked, stopped)


@contextlib.contextmanager
def _memory_bounded(text: str) -> Iterator[None]:
    """A document whose objects do not fit in memory is a PlanLoadError like any other
    document that cannot be read, not a MemoryError from deep inside the parser (a
    document of millions of tiny arrays takes some 40 times its size as objects)."""
    try:
        yield
    except MemoryError:
        size = len(text) if isinstance(text, str) else 0
        raise PlanLoadError(
            [LoadProblem("$", f"a document of {size} characters too large to read in memory")]
        ) from None


# -- TOML and files ----------------------------------------------------------------------------


def _read_toml(text: str) -> Any:
    _check_size(text)
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as e:
        raise PlanLoadError([LoadProblem("$", f"not TOML: {e}")]) from None
    except RecursionError:
        raise PlanLoadError([LoadProblem("$", f"nesting deeper than {MAX_DEPTH} levels")]) from None
    except ValueError as e:  # an integer past Python's limit of digits
        raise PlanLoadError([LoadProblem("$", f"not TOML this library reads: {e}")]) from None
    return data


def _toml_text(obj: Any) -> str:
    import tomli_w

    return _fits(tomli_w.dumps(to_data(obj)))


def dump(obj: Any, path: str | Path) -> None:
    """Save ``obj`` to ``path`` as JSON (``.json``) or TOML (``.toml``), in UTF-8.

    The save is atomic: the text is written to a temporary file in the same folder and
    replaces the old file only when all of it is on disk, so a failed save (a full disk,
    a value that cannot be written) leaves the old file as it was."""
    p = Path(path)
    suffix = _suffix(p)
    if suffix == ".toml":
        text = _toml_text(obj)
    else:
        with _gc_paused():
            text = _fits(_encode(to_data(obj), 2) + "\n")  # measured as it is saved
    write_atomically(p, text)


def _suffix(p: Path) -> str:
    suffix = p.suffix.lower()
    if suffix not in (".json", ".toml"):
        raise InvalidValueError("file name", f"{p.name!r} ends in neither .json nor .toml")
    return suffix


def load(path: str | Path, cls: type[T] = Plan) -> T:  # type: ignore[assignment]
    """Load a ``cls`` (a Plan by default) from a ``.json`` or ``.toml`` file."""
    p = Path(path)
    suffix = _suffix(p)
    raw = _read_file(p)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise PlanLoadError(
            [LoadProblem("$", f"not UTF-8 text: {e.reason} at byte {e.start}")]
        ) from None
    del raw
    with _gc_paused(), _memory_bounded(text):
        if suffix != ".toml":
            return _from_json(text, cls)
        data = _read_toml(text)
        result = _one_pass(data, cls, None)  # TOML refuses a key said twice itself
        if result is not None:
            return result
        walked, stopped = check_data(data)
        return _from_data_detailed(data, cls, walked, stopped)


def _read_file(p: Path) -> bytes:
    """The bytes of a plan's file, its size checked on the open file before any is
    read: a file larger than a document of ``MAX_DOCUMENT`` characters can be (four
    bytes a character in UTF-8, and a byte order mark) is refused unread, and no more
    than that is ever read."""
    # at most four bytes a character written, one a space or newline, and a BOM
    limit = 3 * MAX_DOCUMENT + WHITESPACE_FACTOR * MAX_DOCUMENT + 3
    with p.open("rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > limit:
            raise _file_too_large(p, size, limit)
        data = stream.read(limit + 1)
    if len(data) > limit:  # the file grew, or is not a regular file
        raise _file_too_large(p, len(data), limit)
    return data


def _file_too_large(p: Path, size: int, limit: int) -> PlanLoadError:
    return PlanLoadError(
        [
            LoadProblem(
                "$",
                f"the file {str(p)!r} has {size} bytes, more than the {limit} that a "
                f"document of {MAX_DOCUMENT} characters (besides spaces and newlines) "
                "can take; it is not read",
            )
        ]
    )
