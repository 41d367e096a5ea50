"""The plan itself: typed, immutable classes for everything a work plan holds.

A :class:`Plan` is a tree of :class:`Section`\\ s; each section holds, in document order,
its items — goals, achievements, tasks, measures, projects, "共…其中…" breakdowns,
timetable entries, people, organisations and the titles they were given — and its own
child sections.  Every class is a frozen attrs class: build one with keywords, change it
with ``attrs.evolve``; child collections are tuples (lists are accepted and turned into
tuples).  Each may carry a ``source``: where in which document it was written, as a span
of code points.

    >>> from sciplan_model import Figure, Money
    >>> projects = Indicator(name="科技计划项目", unit="项", same_as=("个",))
    >>> won = Achievement(indicator=projects, figure=Figure.parse("36项"), period=FiveYearPlan(10))
    >>> won
    Achievement(indicator='科技计划项目', figure='36项', period='十五')
    >>> p = Project(id="p1", name="玉米制种产业富民强县工程", level=Level.COUNTY,
    ...             funding=[Funding(amount=Money("11", "万元"), source=FundingSource.NATIONAL)])
    >>> p.funding
    (Funding(amount='11万元', source=national),)

The classes check what they are given and refuse what does not fit with this package's
own errors (a float for money, a figure in 人次 for an indicator counted in 项).
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from ._limits import INT_LIMIT, MAX_STRING, SURROGATE, check_int, check_str
from .codes import (
    Aggregation,
    FundingSource,
    FundingStage,
    Level,
    OrganizationKind,
    PlanKind,
    ProjectStatus,
)
from .errors import InvalidValueError, SciplanError, UnitMismatchError, WrongTypeError
from .figure import Figure
from .period import FiveYearPlan, Period, Year, YearSpan
from .quantity import Money
from .units import unit_info

if TYPE_CHECKING:
    from ._walk import Entry

__all__ = [
    "Achievement",
    "Breakdown",
    "BreakdownPart",
    "Designation",
    "Funding",
    "Goal",
    "Indicator",
    "Item",
    "Measure",
    "Note",
    "Organization",
    "Person",
    "Plan",
    "Project",
    "Region",
    "ScheduleEntry",
    "Section",
    "SourceRef",
    "Task",
]

_PERIOD_TYPES = (Year, FiveYearPlan, YearSpan)
_GB_T_2260 = re.compile(r"[0-9]{6}", re.ASCII)


# -- small checks shared by the classes ----------------------------------------------------


def _at(exc: Exception, field: str) -> Exception:
    """Name the field an error is about, so that a loader can point at it."""
    exc.field_name = field  # type: ignore[attr-defined]
    return exc


def _a(name: str) -> str:
    return f"an {name}" if name[0] in "AEIOU" else f"a {name}"


def _of(*types: type, optional: bool = False) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """A validator: the value is one of ``types`` (or None when ``optional``)."""
    names = " or ".join(t.__name__ for t in types) + (" or None" if optional else "")

    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            error = WrongTypeError(attribute.name, _a(names), type(value).__name__)
            raise _at(error, attribute.name)

    return check


def _all_of(*types: type) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """A validator: every element of the tuple is one of ``types``."""
    names = " or ".join(t.__name__ for t in types)
    texts = str in types

    def check(_: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        for k, element in enumerate(value):
            if not isinstance(element, types):
                name = f"{attribute.name}[{k}]"
                raise _at(WrongTypeError(name, _a(names), type(element).__name__), name)
            if texts and isinstance(element, str) and not _savable(element):
                check_str(element, f"{attribute.name}[{k}]")

    return check


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Accept a list (or any iterable but a string) where a tuple is kept."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise WrongTypeError("a collection", "a list or tuple", type(value).__name__)
    return tuple(value)


def _savable(value: str) -> bool:
    """Whether a document can hold the string: not too long, no lone surrogate (the
    loader's limits; see ``_limits``).  Kept inline-cheap: most text is checked here."""
    return len(value) <= MAX_STRING and (value.isascii() or not SURROGATE.search(value))


def _text(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A validator: a non-empty str that a document can hold."""
    if not isinstance(value, str):
        raise WrongTypeError(attribute.name, "a str", type(value).__name__)
    if not value.strip():
        raise _at(InvalidValueError(attribute.name, "it is empty"), attribute.name)
    if not _savable(value):
        check_str(value, attribute.name)


def _opt_text(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A validator: None, or a non-empty str."""
    if value is None:
        return
    if not isinstance(value, str):
        error = WrongTypeError(attribute.name, "a str or None", type(value).__name__)
        raise _at(error, attribute.name)
    if not value.strip():
        raise _at(InvalidValueError(attribute.name, "it is empty"), attribute.name)
    if not _savable(value):
        check_str(value, attribute.name)


_LEVEL_ORDER = {level: k for k, level in enumerate(Level)}  # the highest first


def _levels(value: Any) -> tuple[Level, ...]:
    """The converter of every ``levels``: a Level; a level or a span as plans write it
    (省级, 市级以上, 县级及以下); or an iterable of Levels and such strings.  Kept as a
    tuple from the highest level down, each level once."""
    if (
        type(value) is tuple
        and all(type(v) is Level for v in value)
        and all(_LEVEL_ORDER[a] < _LEVEL_ORDER[b] for a, b in pairwise(value))
    ):
        return value  # as it is kept already (the default, a loaded document's, an evolve's)
    if isinstance(value, Level):
        return (value,)
    found: set[Level] = set()
    if isinstance(value, str):
        found.update(_span(value, "levels"))
    elif isinstance(value, bytes) or not isinstance(value, Iterable):
        error = WrongTypeError("levels", "a Level, a str or a list of them", type(value).__name__)
        raise _at(error, "levels")
    else:
        for k, element in enumerate(value):
            name = f"levels[{k}]"
            if isinstance(element, Level):
                found.add(element)
            elif isinstance(element, str):
                found.update(_span(element, name))
            else:
                raise _at(WrongTypeError(name, "a Level or a str", type(element).__name__), name)
    return tuple(sorted(found, key=_LEVEL_ORDER.__getitem__))


def _span(text: str, field: str) -> frozenset[Level]:
    """The levels ``text`` names (省级, 市级以上), its errors naming ``field``."""
    try:
        return Level.parse_range(text)
    except SciplanError as e:
        raise _at(e, field) from None


def _level_key(levels: tuple[Level, ...]) -> Level | frozenset[Level] | None:
    """What a figure's ``levels`` group it by: its one level, the set of a span, or None."""
    if not levels:
        return None
    return levels[0] if len(levels) == 1 else frozenset(levels)


_opt_period = _of(*_PERIOD_TYPES, optional=True)


def _short(value: Any) -> str:
    if isinstance(value, Figure | Money | Year | YearSpan):
        return repr(str(value))
    if isinstance(value, FiveYearPlan):
        return repr(value.name)
    if isinstance(value, Indicator | Organization | Region):
        return repr(value.name)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        if len(value) > 3:
            kinds = {type(v).__name__ for v in value}
            kind = kinds.pop() if len(kinds) == 1 else "item"
            return f"<{len(value)} {kind}s>"
        return "(" + ", ".join(_short(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def _repr(self: Any) -> str:
    """``Class(field=value, …)`` with the fields that differ from their defaults, and
    ``source`` left out: readable in a notebook."""
    parts = []
    for a in attrs.fields(type(self)):
        value = getattr(self, a.name)
        if isinstance(value, SourceRef) or (
            a.default is not attrs.NOTHING and _is_default(a, value)
        ):
            continue
        parts.append(f"{a.name}={_short(value)}")
    return f"{type(self).__name__}({', '.join(parts)})"


def _is_default(a: attrs.Attribute[Any], value: Any) -> bool:
    return bool(value == a.default)


# -- where things are written, and where they belong ----------------------------------------


def _span_check(instance: SourceRef, _: attrs.Attribute[int], end: int) -> None:
    for name in ("start", "end"):
        value = getattr(instance, name)
        if isinstance(value, bool) or not isinstance(value, int):
            raise WrongTypeError(name, "an int", type(value).__name__)
    if not 0 <= instance.start <= end:
        raise InvalidValueError("source span", f"[{instance.start}, {end}) is not a span")
    if end >= INT_LIMIT:
        check_int(end, "end")


def _position_check(_: SourceRef, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise _at(
            WrongTypeError(attribute.name, "an int or None", type(value).__name__), attribute.name
        )
    if value < 1:
        error = InvalidValueError("source position", f"{attribute.name} {value} is not 1 or more")
        raise _at(error, attribute.name)
    if value >= INT_LIMIT:
        check_int(value, attribute.name)


@attrs.frozen(kw_only=True, repr=False)
class SourceRef:
    """Where something is written: a document and a half-open span of code points, and
    for people the line and column (from 1) where the span starts, when the reader of
    the text gave them.

    >>> SourceRef(document="work-plans-1-3.txt", start=2406, end=2468)
    SourceRef('work-plans-1-3.txt', 2406, 2468)
    >>> SourceRef(document="计划.docx", start=120, end=160, line=7, column=3)
    SourceRef('计划.docx', 120, 160, line=7, column=3)
    """

    document: str = attrs.field(validator=_text)
    start: int
    end: int = attrs.field(validator=_span_check)
    line: int | None = attrs.field(default=None, validator=_position_check)
    column: int | None = attrs.field(default=None, validator=_position_check)

    def __len__(self) -> int:
        return self.end - self.start

    @property
    def where(self) -> str:
        """``document:line:column`` where the line is known, else ``document@start``."""
        if self.line is None:
            return f"{self.document}@{self.start}"
        return f"{self.document}:{self.line}:{self.column or 1}"

    def __repr__(self) -> str:
        at = "" if self.line is None else f", line={self.line}, column={self.column}"
        return f"SourceRef({self.document!r}, {self.start}, {self.end}{at})"


_opt_source = _of(SourceRef, optional=True)


def _code_check(_: Any, __: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise WrongTypeError("code", "a str or None", type(value).__name__)
    if not _GB_T_2260.fullmatch(value):
        error = InvalidValueError("region code", f"{value!r} is not six digits (GB/T 2260)")
        raise _at(error, "code")


@attrs.frozen(kw_only=True, repr=False)
class Region:
    """A place with its administrative code and the region above it, so that county
    plans roll up into their city's and the city's into the province's.

    >>> gansu = Region(name="甘肃省", code="620000", level=Level.PROVINCIAL)
    >>> county = Region(name="XX县", level=Level.COUNTY, parent=gansu)
    >>> [r.name for r in county.lineage]
    ['甘肃省', 'XX县']
    """

    name: str = attrs.field(validator=_text)
    code: str | None = attrs.field(default=None, validator=_code_check)
    level: Level | None = attrs.field(default=None, validator=_of(Level, optional=True))
    parent: Region | None = None

    def __attrs_post_init__(self) -> None:
        if self.parent is not None and not isinstance(self.parent, Region):
            raise WrongTypeError("parent", "a Region or None", type(self.parent).__name__)

    @property
    def lineage(self) -> tuple[Region, ...]:
        """This region and those above it, the highest first."""
        chain: list[Region] = []
        region: Region | None = self
        while region is not None:
            chain.append(region)
            region = region.parent
        return tuple(reversed(chain))

    def within(self, other: Region) -> bool:
        """Whether this region is ``other`` or lies inside it."""
        return any(r == other for r in self.lineage)

    def at(self, level: Level) -> Region | None:
        """This region or the one above it at ``level`` (None when none is): the key a
        county's figures roll up under at the city level.

        >>> gansu = Region(name="甘肃省", level=Level.PROVINCIAL)
        >>> Region(name="XX县", level=Level.COUNTY, parent=gansu).at(Level.PROVINCIAL).name
        '甘肃省'
        """
        region: Region | None = self
        while region is not None and region.level is not level:
            region = region.parent
        return region

    __repr__ = _repr


# -- people and bodies ----------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class Person:
    """A person a plan names, with the role it gives them (组长, 授课教师 …)."""

    name: str = attrs.field(validator=_text)
    role: str | None = attrs.field(default=None, validator=_opt_text)
    organization: str | None = attrs.field(default=None, validator=_opt_text)
    source: SourceRef | None = attrs.field(default=None, validator=_opt_source)

    __repr__ = _repr


@attrs.frozen(kw_only=True, repr=False)
class Designation:
    """A title given to a body or a place (全国科技创新示范企业, 全国科技工作先进县 …), by
    whom, at what level and in which year.  ``holder`` names who holds it when the
    designation stands on its own in a section; ``nominated`` marks a holder put forward
    for the title rather than given it."""

    title: str = attrs.field(validator=_text)
    holder: str | None = attrs.field(default=None, validator=_opt_text)
    by: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_all_of(str))
    level: Level | None = attrs.field(default=None, validator=_of(Level, optional=True))
    year: Year | None = attrs.field(default=None, validator=_of(Year, optional=True))
    #: True when the holder was put forward for the title (推荐, 提名), not yet given it.
    nominated: bool = attrs.field(default=False, validator=_of(bool))
    source: SourceRef | None = attrs.field(default=None, validator=_opt_source)

    __repr__ = _repr


@attrs.frozen(kw_only=True, repr=False)
class Organization:
    """A body: an enterprise undertaking projects, an institute, a university, an
    association, a government office — with the titles it holds."""

    name: str = attrs.field(validator=_text)
    kind: OrganizationKind = attrs.field(
        default=OrganizationKind.OTHER, validator=_of(OrganizationKind)
    )
    designations: tuple[Designation, ...] = attrs.field(
        default=(), converter=_tuple, validator=_all_of(Designation)
    )
    region: Region | None = attrs.field(default=None, validator=_of(Region, optional=True))
    source: SourceRef | None = attrs.field(default=None, validator=_opt_source)

    __repr__ = _repr


# -- what is measured, aimed at and achieved ------------------------------------------------


def _units_check(instance: Indicator, _: attrs.Attribute[Any], same_as: tuple[str, ...]) -> None:
    try:
        main = unit_info(instance.unit)
    except SciplanError as e:
        raise _at(e, "unit") from None
    for k, word in enumerate(same_as):
        if not isinstance(word, str):
            raise _at(
                WrongTypeError(f"same_as[{k}]", "a str", type(word).__name__), f"same_as[{k}]"
            )
        try:
            other = unit_info(word)
        except SciplanError as e:
            raise _at(e, f"same_as[{k}]") from None
        if not (main.is_count and other.is_count):
            error = InvalidValueError(
                "indicator", f"only measure words count alike, not {instance.unit} and {word}"
            )
            raise _at(error, f"same_as[{k}]")


@attrs.frozen(kw_only=True, repr=False)
class Indicator:
    """What is measured: 科技计划项目 in 项, 培训人次 in 人次, 经费 in 万元.

    ``same_as`` lists the measure words that count the same thing for this indicator
    (projects in 项 and in 个, enterprises in 家 and in 户); ``key`` matches the
    indicator across plans and years; ``aggregation`` says how years make a period.

    >>> Indicator(name="企业", unit="家", same_as=["户"]).counts("10户")
    True
    """

    name: str = attrs.field(validator=_text)
    unit: str = attrs.field(validator=_text)
    same_as: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_units_check)
    key: str | None = attrs.field(default=None, validator=_opt_text)
    aggregation: Aggregation = attrs.field(default=Aggregation.FLOW, validator=_of(Aggregation))
    #: What one figure is for, when it is per head (每人) or per household (每户).
    per: str | None = attrs.field(default=None, validator=_opt_text)

    def counts(self, what: str | Figure) -> bool:
        """Whether a figure (or a figure's text, or a unit) measures this indicator: its
        unit is of the indicator's dimension, or one of the words in ``same_as``."""
        unit = what.unit if isinstance(what, Figure) else what
        if not isinstance(what, Figure) and not _is_unit(unit):
            unit = Figure.parse(unit).unit
        dimension = unit_info(unit).dimension
        return dimension == unit_info(self.unit).dimension or any(
            dimension == unit_info(word).dimension for word in self.same_as
        )

    __repr__ = _repr


def _is_unit(text: str) -> bool:
    try:
        unit_info(text)
    except ValueError:
        return False
    return True


def _measures(instance: Any, _: attrs.Attribute[Any], figure: Figure) -> None:
    if not isinstance(figure, Figure):
        raise WrongTypeError("figure", "a Figure", type(figure).__name__)
    indicator = instance.indicator
    if not isinstance(indicator, Indicator):
        raise WrongTypeError("indicator", "an Indicator", type(indicator).__name__)
    if not indicator.counts(figure):
        error = UnitMismatchError(figure.unit, indicator.unit, f"count {indicator.name!r} in both")
        raise _at(error, "figure")


@attrs.frozen(kw_only=True, repr=False)
class Goal:
    """A target: an indicator, the figure aimed at (a floor, a stretch with 力争 …), the
    period it is for, the place when that is narrower than the plan's region, and the
    levels it counts (省级高新技术企业, 市级以上工程技术研究中心).

    >>> g = Goal(indicator=Indicator(name="工程技术研究中心", unit="家"),
    ...          figure=Figure.parse("5家"), levels="市级以上")
    >>> g
    Goal(indicator='工程技术研究中心', figure='5家', levels=(national, provincial, municipal))
    >>> g.level == {Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL}, Level.span_name(g.level)
    (True, '市级以上')
    """

    indicator: Indicator
    figure: Figure = attrs.field(validator=_measures)
    period: Period | None = attrs.field(default=None, validator=_opt_period)
    label: str | None = attrs.field(default=None, validator=_opt_text)
    region: Region | None = attrs.field(default=None, validator=_of(Region, optional=True))
    #: The levels the figure counts, the highest first: one (省级), a span (市级以上) or none.
    levels: tuple[Level, ...] = attrs.field(default=(), converter=_levels, validator=_all_of(Level))
    source: SourceRef | None = attrs.field(default=None, validator=_opt_source)

    @property
    def level(self) -> Level | frozenset[Level] | None:
        """The level the figure is for: the one Level of ``levels``, a frozenset of the
        span it holds (市级以上), or None when it names none; what ``rollup(…,
        by="level")`` groups by."""
        return _level_key(self.levels)

    @property
    def aspirational(self) -> bool:
        """True for a target to strive for (力争, 争取), not a promise."""
        return self.figure.aspirational

    __repr__ = _repr


@attrs.frozen(kw_only=True, repr=False)
class Achievement:
    """What was achieved: an indicator, the actual figure, its period, the place it
    was achieved in when that is narrower than the plan's region (a village), and the
    levels it counts (国家级科技型中小企业: ``levels=(Level.NATIONAL,)``)."""

    indicator: Indicator
    figure: Figure = attrs.field(validator=_measures)
    period: Period | None = attrs.field(default=None, validator=_opt_period)
    label: str | None = attrs.field(default=None, validator=_opt_text)
    region: Region | None = attrs.field(default=None, validator=_of(Region, optional=True))
    #: The levels the figure counts, the highest first: one (省级), a span (市级以上) or none.
    levels: tuple[Level, ...] = attrs.field(default=(), converter=_levels, validator=_all_of(Level))
    source: SourceRef | None = attrs.field(default=None, validator=_opt_source)

    @property
    def level(self) -> Level | frozenset[Level] | None:
        """The level the figure is for: the one Level of ``levels``, a frozenset of the
        span it holds (市级以上), or None when it names none; what ``rollup(…,
        by="level")`` groups by."""
        return _level_key(self.levels)

    __repr__ = _repr


@attrs.frozen(kw_only=True, repr=False)
class Task:
    """A thing to do: its outline label (``3、``, ``一是``), a short title, free text,
    an owner, a deadline, who takes part, the figures it names as goals
    (2100个公共区域监控点) and the projects it is about."""

    label: str | None = attrs.field(default=None, validator=_opt_text)
    title: str | None = attrs.field(default=None, validator=_opt_text)
    text: str | None = attrs.field(default=None, validator=_opt_text)
    owner: str | None = attrs.field(default=None, validator=_opt_text)
    deadline: Period | None = attrs.field(default=None, validator=_opt_period)
    #: Who the task is for or who takes part (培训对象: 农民群众, 致富能手).
    participants: tuple[str, ...] = attrs.field(
        default=(), converter=_tuple, validator=_all_of(str)
    )
    goals: tuple[Goal, ...] = attrs.field(default=(), converter=_tuple, validator=_all_of(Goal))
    #: The ids of the projects the task is about.
    projects: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_all_of(str))
    source: SourceRef | None = attrs.field(default=None, validator=_opt_source)

    __repr__ = _repr


@attrs.frozen(kw_only=True, repr=False)
class Measure:
    """How goals will be reached: a funding system, a responsibility, publicity …"""

    label: str | None = attrs.field(default=None, validator=_opt_text)
    title: str | None = attrs.field(default=None, validator=_opt_text)
    category: str | None = attrs.field(default=None, validator=_opt_text)
    text: str | None = attrs.field(default=None, validator=_opt_text)
    source: SourceRef | None = attrs.field(default=None, validator=_opt_source)

    __repr__ = _repr


# -- projects and their money -------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class Funding:
    """One line of a project's money: an amount, where it comes from, how far it has
    come (planned, allocated, received, spent) and its year."""

    amount: Money = attrs.field(validator=_of(Money))
    source: FundingSource = attrs.field(validator=_of(FundingSource))
    stage: FundingStage = attrs.field(default=FundingStage.ALLOCATED, validator=_of(FundingStage))
    year: Year | None = attrs.field(default=None, validator=_of(Year, optional=True))

    __repr__ = _repr


@attrs.frozen(kw_only=True, repr=False)
class Project:
    """A science & technology project: its id (the plan's own, or an official 项目编号),
    name, programme (星火计划 …), listing level, status, year, undertaker and money."""

    id: str = attrs.field(validator=_text)
    name: str = attrs.field(validator=_text)
    programme: str | None = attrs.field(default=None, validator=_opt_text)
    level: Level | None = attrs.field(default=None, validator=_of(Level, optional=True))
    status: ProjectStatus | None = attrs.field(
        default=None, validator=_of(ProjectStatus, optional=True)
    )
    year: Year | None = attrs.field(default=None, validator=_of(Year, optional=True))
    undertaker: Organization | None = attrs.field(
        default=None, validator=_of(Organization, optional=True)
    )
    funding: tuple[Funding, ...] = attrs.field(
        default=(), converter=_tuple, validator=_all_of(Funding)
    )
    #: Ids of other entries of this plan that speak of the same project (a review and a
    #: plan may both name it); roll-ups count it once.
    related: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_all_of(str))
    source: SourceRef | None = attrs.field(default=None, validator=_opt_source)

    __repr__ = _repr


# -- "共…其中…" --------------------------------------------------------------------------------


def _part_key(instance: BreakdownPart, _: attrs.Attribute[Any], category: str | None) -> None:
    if category is not None and not isinstance(category, str):
        raise WrongTypeError("category", "a str or None", type(category).__name__)
    if category is not None and not _savable(category):
        check_str(category, "category")
    if instance.level is None and not category:
        raise InvalidValueError("breakdown part", "it needs a level or a category")


@attrs.frozen(kw_only=True, repr=False)
class BreakdownPart:
    """One part of a breakdown: its key (a level such as 国列, or a category name such
    as 农业科技示范点) and its figure."""

    figure: Figure = attrs.field(validator=_of(Figure))
    level: Level | None = attrs.field(default=None, validator=_of(Level, optional=True))
    category: str | None = attrs.field(default=None, validator=_part_key)
    source: SourceRef | None = attrs.field(default=None, validator=_opt_source)

    @property
    def key(self) -> Level | str:
        """The part's key: its level, or else its category."""
        return self.level if self.level is not None else str(self.category)

    __repr__ = _repr


def _parts_check(instance: Breakdown, _: attrs.Attribute[Any], parts: tuple[Any, ...]) -> None:
    _all_of(BreakdownPart)(instance, attrs.fields(Breakdown).parts, parts)
    dimension = unit_info(instance.total.unit).dimension
    for k, part in enumerate(parts):
        if unit_info(part.figure.unit).dimension != dimension and not (
            instance.indicator is not None and instance.indicator.counts(part.figure)
        ):
            error = UnitMismatchError(instance.total.unit, part.figure.unit, "break down")
            raise _at(error, f"parts[{k}].figure")


@attrs.frozen(kw_only=True, repr=False)
class Breakdown:
    """A total with its parts for one measure — a "共…其中…" statement.

    ``complete`` says whether the parts cover the total (国列5项、省列24项、市列7项 of 36项)
    or only name notable ones (其中4项成果 of 86项).  ``levels`` holds the span a statement
    claims (市级以上).  A statement with two measures (36项 and 159.3万元 by level) is two
    breakdowns.
    """

    subject: str = attrs.field(validator=_text)
    total: Figure = attrs.field(validator=_of(Figure))
    indicator: Indicator | None = attrs.field(default=None, validator=_of(Indicator, optional=True))
    parts: tuple[BreakdownPart, ...] = attrs.field(
        default=(), converter=_tuple, validator=_parts_check
    )
    complete: bool = attrs.field(default=True, validator=_of(bool))
    levels: tuple[Level, ...] = attrs.field(default=(), converter=_levels, validator=_all_of(Level))
    period: Period | None = attrs.field(default=None, validator=_opt_period)
    #: The ids of the projects the statement counts, when the plan lists them all: the
    #: listed projects must then add up to the statement (their number, or their money
    #: of ``stage``).
    projects: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_all_of(str))
    stage: FundingStage = attrs.field(default=FundingStage.ALLOCATED, validator=_of(FundingStage))
    source: SourceRef | None = attrs.field(default=None, validator=_opt_source)

    __repr__ = _repr


# -- timetables ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class ScheduleEntry:
    """A row of a timetable, as written: date (7月20日), time, person and topic."""

    date: str | None = attrs.field(default=None, validator=_opt_text)
    time: str | None = attrs.field(default=None, validator=_opt_text)
    person: str | None = attrs.field(default=None, validator=_opt_text)
    topic: str | None = attrs.field(default=None, validator=_opt_text)
    source: SourceRef | None = attrs.field(default=None, validator=_opt_source)

    __repr__ = _repr


@attrs.frozen(kw_only=True, repr=False)
class Note:
    """Something a plan states without a figure — a result in words, a title sought, a
    network set up — kept with a short title and where it is written."""

    label: str | None = attrs.field(default=None, validator=_opt_text)
    title: str = attrs.field(validator=_text)
    text: str | None = attrs.field(default=None, validator=_opt_text)
    source: SourceRef | None = attrs.field(default=None, validator=_opt_source)

    __repr__ = _repr


#: Anything a section holds besides its child sections.
Item: TypeAlias = (
    Goal
    | Achievement
    | Task
    | Measure
    | Project
    | Breakdown
    | ScheduleEntry
    | Person
    | Designation
    | Organization
    | Note
)
ITEM_TYPES: tuple[type, ...] = (
    Goal,
    Achievement,
    Task,
    Measure,
    Project,
    Breakdown,
    ScheduleEntry,
    Person,
    Designation,
    Organization,
    Note,
)


# -- sections and plans -------------------------------------------------------------------


def _sections_check(_: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    _all_of(Section)(None, attribute, value)


@attrs.frozen(kw_only=True, repr=False)
class Section:
    """A numbered part of a plan: its outline label as written (``一、``, ``(一)``,
    ``1、``), title, its own kind and period where they differ from the plan's (a review
    of 十五 beside a plan for 十一五), free text (or a ``source`` pointing at it), its
    items in document order, and its child sections."""

    label: str | None = attrs.field(default=None, validator=_opt_text)
    title: str | None = attrs.field(default=None, validator=_opt_text)
    kind: PlanKind | None = attrs.field(default=None, validator=_of(PlanKind, optional=True))
    period: Period | None = attrs.field(default=None, validator=_opt_period)
    text: str | None = attrs.field(default=None, validator=_opt_text)
    items: tuple[Item, ...] = attrs.field(
        default=(), converter=_tuple, validator=_all_of(*ITEM_TYPES)
    )
    sections: tuple[Section, ...] = attrs.field(
        default=(), converter=_tuple, validator=_sections_check
    )
    source: SourceRef | None = attrs.field(default=None, validator=_opt_source)

    __repr__ = _repr


@attrs.frozen(kw_only=True, repr=False)
class Plan:
    """A work plan (or review): its id, title, kind, issuing body, region,
    administrative level, period, and its tree of sections.

    >>> Plan(id="demo", title="科技工作计划", kind=PlanKind.ANNUAL, period=Year(2006))
    Plan(id='demo', title='科技工作计划', kind=annual, period='2006年')
    """

    id: str = attrs.field(validator=_text)
    title: str = attrs.field(validator=_text)
    kind: PlanKind = attrs.field(validator=_of(PlanKind))
    issuer: str | None = attrs.field(default=None, validator=_opt_text)
    region: Region | None = attrs.field(default=None, validator=_of(Region, optional=True))
    level: Level | None = attrs.field(default=None, validator=_of(Level, optional=True))
    period: Period | None = attrs.field(default=None, validator=_opt_period)
    sections: tuple[Section, ...] = attrs.field(
        default=(), converter=_tuple, validator=_sections_check
    )
    source: SourceRef | None = attrs.field(default=None, validator=_opt_source)

    __repr__ = _repr

    def walk(self, *types: type) -> Iterator[Entry]:
        """Every item of the plan's section tree in document order, with its path and
        the period it is for; only items of ``types`` when any are given.

        >>> from sciplan_model import examples
        >>> first = next(examples.load("篇3").walk(Breakdown))
        >>> first.path, str(first.item.total), first.period.name
        ('$.sections[0].sections[2].items[2]', '36项', '十五')
        """
        from ._walk import walk

        return walk(self, types or ITEM_TYPES)

    def projects(self) -> tuple[Project, ...]:
        """The projects of the whole section tree, in document order."""
        from ._walk import of_type

        return of_type(self, Project)

    def goals(self) -> tuple[Goal, ...]:
        """The goals of the whole section tree (those of tasks included)."""
        from ._walk import of_type

        return of_type(self, Goal)

    def achievements(self) -> tuple[Achievement, ...]:
        """The achievements of the whole section tree, in document order."""
        from ._walk import of_type

        return of_type(self, Achievement)

    def breakdowns(self) -> tuple[Breakdown, ...]:
        """The "共…其中…" statements of the whole section tree, in document order."""
        from ._walk import of_type

        return of_type(self, Breakdown)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per item of the whole section tree, in the order of
        :meth:`walk` (a task's goals follow their task).  Every cell is a ``str``, an
        exact ``Decimal`` or ``None``:

        ``plan``
            the plan's id;
        ``path``
            where the item stands (``$.sections[0].items[2]``);
        ``type``
            the item's tag as the JSON format writes it: ``goal``, ``achievement``,
            ``task``, ``measure``, ``project``, ``breakdown``, ``schedule``, ``person``,
            ``designation``, ``organization`` or ``note``;
        ``label``
            a short name: the indicator's name of a goal or achievement, the subject of
            a breakdown, the title of a task, measure, designation or note (or else its
            outline label), the name of a project, person or organisation, the topic of
            a timetable row (or else its person or date);
        ``figure``
            the figure of a goal or achievement, or the total of a breakdown, as
            ``str()`` writes it (``Figure.parse`` reads it back); None for other items;
        ``value``, ``upper``
            the figure's value and, for a range (``3至5亿元``), its upper end, as
            written (not as a range: see ``qualifier``); None for a placeholder
            (``20xx万元``).  For a project: the sum of its funding lines of the
            allocated stage (:func:`~sciplan_model.project_value`), None when it has
            none;
        ``unit``
            the unit ``value`` and ``upper`` are in, one per row (items measure
            different things); for a range written with two units, the finer;
        ``qualifier``
            the figure's :class:`~sciplan_model.Qualifier` value (``exact``,
            ``at_least``, ``odd`` …);
        ``period``
            the period the item is for (its own, or else its section's or the plan's),
            as written: ``十五``, ``2006年``, ``2001-2010年``, ``20xx年``.

        >>> from sciplan_model import examples
        >>> row = examples.load("篇3").to_records()[0]
        >>> row["type"], row["label"], row["value"], row["unit"], row["period"]
        ('achievement', '通过全国科技进步考核', Decimal('2'), '次', '十五')
        """
        from ._display import plan_records

        return plan_records(self)

    def to_arrow(self) -> Any:
        """The plan as Arrow tables (the ``arrow`` extra: ``pip install
        "sciplan_model[arrow]"``): a mapping of kind to ``pyarrow.Table`` — ``plans``
        (one row, with the plan as JSON), ``projects``, ``funding`` (one row per
        funding line), ``goals``, ``achievements``, ``breakdowns`` (the 共…其中
        statements' totals) and ``parts`` — each with the schema every table of its
        kind has (:data:`~sciplan_model.SCHEMAS`, columns in docs/scale.md), so that
        the tables of any plans concatenate without a cast.

        >>> from sciplan_model import examples
        >>> tables = examples.load("篇3").to_arrow()
        >>> tables.parts.num_rows, str(tables.parts["value"].type)
        (27, 'decimal128(38, 10)')
        """
        from ._arrow import plan_tables

        return plan_tables([self])

    def to_frame(self, kind: str | None = None) -> Any:
        """:meth:`to_records` (or, with ``kind``, the table of that kind of
        :meth:`to_arrow`) as a pandas ``DataFrame`` whose columns are backed by Arrow
        (``pd.ArrowDtype``; the ``frame`` extra: ``pip install "sciplan_model[frame]"``):
        ``value`` and ``upper`` are exact decimals that sum exactly, each row with its
        own ``unit``."""
        from ._arrow import to_pandas

        return to_pandas(self._table(kind))

    def to_polars(self, kind: str | None = None) -> Any:
        """As :meth:`to_frame`, a polars ``DataFrame`` (the ``polars`` extra)."""
        from ._arrow import to_polars

        return to_polars(self._table(kind))

    def _table(self, kind: str | None) -> Any:
        if kind is None:
            from ._display import plan_table

            return plan_table(self)
        from ._arrow import check_kind

        check_kind(kind)
        return self.to_arrow()[kind]

    def to_excel(self, path: str | os.PathLike[str]) -> None:
        """Write the plan as an Excel workbook (the ``excel`` extra: ``pip install
        "sciplan_model[excel]"``), all or nothing: sheets 项目 (the project list, with
        its money by kind of funding line and a 合计 row), 目标, 成果, 共其中 (each
        statement's total and parts) and 条目 (:meth:`to_records`), those without rows
        left out.  Figures are text as written with their ends in 下限 and 上限; a
        number Excel cannot hold exactly is text, listed on a sheet 说明."""
        from ._report_sheets import plan_sheets
        from ._workbook import write_workbook

        write_workbook(plan_sheets(self), path)

    def _repr_html_(self) -> str:
        """The plan in a notebook: title, kind, region, period and an outline of its
        sections with their items counted by kind."""
        from ._display import plan_html

        return plan_html(self)
