"""Benchmark of the plan model: ``loads`` and ``dumps`` of a plan of 100,000 projects
against pydantic v2 models of the same JSON.

Run with ``python benchmarks/bench_model.py`` (some minutes on two cores; ``--quick``
for 5,000 projects and one round, what CI runs; ``--profile`` adds a cProfile summary of
one ``loads`` and one ``dumps`` and the time of each of their phases).  Needs pydantic v2
(the project's ``bench`` extra); msgspec, when installed, is timed for information.

The two sides are timed on the very same JSON text, interleaved round by round, each
with the garbage collector running and paused, the minimum and the median of the rounds
reported (see ``_timing.py``).  The aims are those of issue 14, on the work itself (the
collector paused): ``loads`` ≤ 1.5× pydantic and ``dumps`` ≤ 1.5× pydantic.  For loads
the process holds the text only; for dumps each side's object is made afresh (untimed)
before each timing, so that the process holds only what the side being timed needs.

Before anything is timed the script checks that the pydantic classes have the library's
fields in the library's order, that pydantic reads the library's JSON and writes it back
byte for byte (so the library reads pydantic's text to the same plan), that both find
the same projects and the same total of money (exact ``Decimal``), and the same for a
small plan with every kind of item; and that the mirrors refuse what the library refuses
in a small plan changed one way at a time (a blank id, an amount of 29 digits, money in
项, a project id twice …).

The mirror is the leanest faithful pydantic model of the same JSON: frozen
``BaseModel`` classes in strict mode (JSON types as written: no string for a number, no
0 for false), unknown keys refused, the items a union discriminated on ``"type"``,
codes as the library's own enums, and the checks the library makes while loading, each
in pydantic's cheapest form, and no others.  For information, a msgspec mirror
(``msgspec.Struct`` classes, frozen, unknown fields refused, items tagged by ``"type"``)
makes the same checks: ``Meta`` constraints where msgspec has them, ``__post_init__``
where it has none.  Which checks each side makes while loading (library; pydantic;
msgspec):

- JSON types, unknown keys, the item's ``type``, ``schema_version`` 1: all three.
- codes (level, status, kind, source …): the value or a Chinese alias; the value
  (enum); the value (enum).
- required names, ids and titles, and optional texts when given, not blank: all three
  (pydantic and msgspec with ``pattern=r"\\S"``).
- strings of at most 1,000,000 characters: all three (``max_length``); lone surrogates
  refused: all three (the JSON parsers of pydantic and msgspec refuse them).
- an amount of at most 28 significant digits, below 10^28 and no finer than 10^-28:
  all three (the library by its text's length first, then its digits; pydantic with
  ``max_digits=28``, the same limits once pydantic has dropped trailing zeros; msgspec
  in ``__post_init__``).
- an amount written as plain decimal text, -0 made 0: the library only (pydantic and
  msgspec read ``1E+5`` and ``" 1 "`` too).
- an amount of money in a currency: all three (a ``Literal`` of the registry's
  currencies); a figure's unit a known unit: all three (the library's registry).
- a figure's qualifier, value, upper end, unit and placeholder consistent: all three
  (a model validator, ``__post_init__``); its alternative unit as plans write it: the
  library only.
- years 1000–9999 or a placeholder (20xx年): all three (bounds and a pattern); periods:
  every way plans write them; the written forms (2006, 十一五, 2006-2010年: a pattern).
- a region code of six digits: all three (a pattern); a source span 0 ≤ start ≤ end,
  line and column ≥ 1: all three (msgspec reads integers of 64 bits at most).
- an indicator's units; a goal's or achievement's figure counts its indicator; a
  breakdown's parts in its total's dimension; a part's level or category: all three
  (validators using the library's unit facts).
- project ids unique and references naming projects of the plan: all three (a check
  of the whole plan after it is read).
- a key twice in an object refused, nesting at most 64 deep, integers of at most 30
  digits, documents of at most 200M characters and 20M values: the library only
  (pydantic and msgspec keep the last of a repeated key and have their parsers' own
  limits).

Amounts are held as exact ``Decimal`` on every side.  Results are recorded in
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import cProfile
import decimal
import gc
import io
import json
import os
import pstats
import random
import sys
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import partial
from typing import Annotated, Any, Literal, get_args

import attrs

import sciplan_model
from _timing import BASE, OURS, PAUSED, Timings, best_of, compare, fmt_time, legend, pad, report
from sciplan_model import (
    Achievement,
    Aggregation,
    Breakdown,
    BreakdownPart,
    Designation,
    Figure,
    FiveYearPlan,
    Funding,
    FundingSource,
    FundingStage,
    Goal,
    Indicator,
    Level,
    Measure,
    Money,
    Note,
    Organization,
    OrganizationKind,
    Person,
    Plan,
    PlanKind,
    Project,
    ProjectStatus,
    Qualifier,
    Region,
    ScheduleEntry,
    Section,
    SourceRef,
    Task,
    Year,
    total,
    unit_info,
)
from sciplan_model import serialize as _serialize
from sciplan_model.quantity import MAX_DIGITS

try:
    import pydantic
    from pydantic import (
        AfterValidator,
        BaseModel,
        ConfigDict,
        Field,
        StringConstraints,
        model_validator,
    )
except ImportError:  # pragma: no cover - depends on the environment
    raise SystemExit(
        'pydantic v2 is needed: python -m pip install "pydantic>=2.5,<3" (the bench extra)'
    ) from None

#: The aims of issue 14, on the work itself (the collector paused).
AIMS = {PAUSED: "≤ 1.5×"}


# -- the plan ------------------------------------------------------------------------------

UNITS = ("元", "万元", "亿元")
UNIT_WEIGHTS = (3, 6, 1)  # most lines in 万元, some in 元, a few in 亿元
PROGRAMMES = (
    "星火计划",
    "火炬计划",
    "科技富民强县专项行动",
    "农业科技成果转化资金",
    "科技型中小企业技术创新基金",
    "国家科技支撑计划",
    "省科技攻关计划",
    "市科技发展计划",
    "县科技三项费用项目",
)
SUBJECTS = (
    "玉米制种",
    "马铃薯脱毒种薯",
    "日光温室蔬菜",
    "高原夏菜",
    "肉羊育肥",
    "奶牛养殖",
    "中药材规范化种植",
    "节水灌溉",
    "沼气综合利用",
    "农产品加工",
    "果品贮藏保鲜",
    "信息化服务平台",
)
KINDS = ("产业化示范", "技术推广", "良种繁育基地建设", "关键技术研究", "标准化生产", "集成示范")
PLACES = ("城关镇", "东乡", "西川镇", "南山乡", "北塬乡", "河湾村", "新庄村", "红星村")
BODIES = (
    ("农业科技有限公司", OrganizationKind.ENTERPRISE),
    ("种业有限责任公司", OrganizationKind.ENTERPRISE),
    ("食品有限公司", OrganizationKind.ENTERPRISE),
    ("农业技术推广中心", OrganizationKind.SERVICE),
    ("农业科学研究所", OrganizationKind.RESEARCH_INSTITUTE),
    ("农民专业合作社", OrganizationKind.COOPERATIVE),
    ("科学技术协会", OrganizationKind.ASSOCIATION),
    ("农业大学", OrganizationKind.UNIVERSITY),
)
DESIGNATIONS = ("省级农业产业化重点龙头企业", "全国科技创新示范企业", "市级科技示范户")
SECTION_TITLES = (
    "国家级科技计划项目",
    "省级科技计划项目",
    "市级科技计划项目",
    "县级科技计划项目",
    "星火计划项目",
    "科技富民强县专项行动项目",
    "科技成果转化项目",
    "农业科技示范项目",
    "高新技术产业化项目",
    "社会发展科技项目",
)
SECTION_LABELS = ("一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、")
# (source, stage) of the funding lines a project has: a national or provincial grant,
# the county's matching money, the enterprise's own funds, sometimes a bank loan
FUNDING_SOURCES = (
    FundingSource.NATIONAL,
    FundingSource.PROVINCIAL,
    FundingSource.MUNICIPAL,
    FundingSource.COUNTY,
    FundingSource.ENTERPRISE,
    FundingSource.BANK_LOAN,
)
STAGES = tuple(FundingStage)
STATUSES = tuple(ProjectStatus)
LEVELS = (Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL, Level.COUNTY)


def _amount(rng: random.Random) -> Money:
    """An amount of money as plans write it: 5千 to 50万 元, whole or to the 分; up to
    5000 万元 with up to two decimals; up to 5 亿元 with two or three."""
    unit = rng.choices(UNITS, UNIT_WEIGHTS)[0]
    if unit == "元":
        fen = rng.randrange(5_000_00, 500_000_00)
        magnitude = Decimal(fen).scaleb(-2) if rng.random() < 0.3 else Decimal(fen // 100)
    else:
        places = rng.randrange(0, 3) if unit == "万元" else rng.randrange(2, 4)
        top = 5_000 if unit == "万元" else 5
        magnitude = Decimal(rng.randrange(1, top * 10**places)).scaleb(-places)
    return Money(magnitude, unit)


def _organization(rng: random.Random, k: int) -> Organization:
    name, kind = rng.choice(BODIES)
    designations: tuple[Designation, ...] = ()
    if kind is OrganizationKind.ENTERPRISE and rng.random() < 0.2:
        designations = (
            Designation(
                title=rng.choice(DESIGNATIONS),
                level=rng.choice(LEVELS[1:3]),
                year=Year(rng.randrange(2001, 2006)),
            ),
        )
    return Organization(
        name=f"{rng.choice(PLACES)}{k % 997}号{name}", kind=kind, designations=designations
    )


def _project(rng: random.Random, k: int) -> Project:
    year = rng.randrange(2004, 2011)
    first = rng.choice(FUNDING_SOURCES[:4])
    funding = [
        Funding(amount=_amount(rng), source=first, stage=rng.choice(STAGES), year=Year(year)),
        Funding(amount=_amount(rng), source=FundingSource.ENTERPRISE, stage=rng.choice(STAGES)),
    ]
    if rng.random() < 0.5:
        funding.append(
            Funding(amount=_amount(rng), source=rng.choice(FUNDING_SOURCES), year=Year(year))
        )
    return Project(
        id=f"P{year}-{k:06d}",
        name=f"{rng.choice(PLACES)}{rng.choice(SUBJECTS)}{rng.choice(KINDS)}项目",
        programme=rng.choice(PROGRAMMES),
        level=rng.choice(LEVELS),
        status=rng.choice(STATUSES),
        year=Year(year),
        undertaker=_organization(rng, k),
        funding=funding,
    )


def build_plan(n: int, sections: int = 10, seed: int = 20261126) -> Plan:
    """A county's plan with ``n`` projects spread over ``sections`` sections."""
    rng = random.Random(seed)
    per = -(-n // sections)
    built = []
    for s in range(sections):
        projects = [_project(rng, k) for k in range(s * per, min(n, (s + 1) * per))]
        built.append(
            Section(
                label=SECTION_LABELS[s % len(SECTION_LABELS)],
                title=SECTION_TITLES[s % len(SECTION_TITLES)],
                kind=PlanKind.ANNUAL,
                items=projects,
            )
        )
    gansu = Region(name="甘肃省", code="620000", level=Level.PROVINCIAL)
    return Plan(
        id="bench-2006",
        title="XX县2006年科技工作计划",
        kind=PlanKind.ANNUAL,
        issuer="XX县科学技术局",
        region=Region(name="XX县", level=Level.COUNTY, parent=gansu),
        level=Level.COUNTY,
        period=Year(2006),
        sections=built,
    )


def every_item_plan() -> Plan:
    """A small plan with one of each kind of item, to check that the pydantic model has
    the library's shape beyond projects."""
    where = SourceRef(document="work-plans-1-3.txt", start=10, end=42)
    projects = Indicator(name="科技计划项目", unit="项", same_as=("个",), key="projects")
    money = Indicator(name="科技经费", unit="万元", aggregation=Aggregation.FLOW)
    items = [
        Goal(
            indicator=projects,
            figure=Figure.parse("力争50项以上"),
            period=FiveYearPlan(11),
            label="1、",
            levels="市级以上",
            source=where,
        ),
        Achievement(
            indicator=Indicator(name="人均纯收入", unit="元", per="每人"),
            figure=Figure.parse("3200元"),
            period=Year(2005),
            region=Region(name="河湾村", level=Level.VILLAGE),
        ),
        Task(
            label="一是",
            title="建设监控点",
            owner="县公安局",
            deadline=Year(2006),
            participants=("农民群众", "致富能手"),
            goals=[Goal(indicator=projects, figure=Figure.parse("近40个"))],
            projects=("p1",),
        ),
        Measure(label="(一)", title="建立科技投入机制", category="funding", text="逐年增加"),
        Breakdown(
            subject="争取科技计划项目经费",
            total=Figure.parse("159.3万元"),
            indicator=money,
            parts=[
                BreakdownPart(figure=Figure.parse("11万元"), level=Level.NATIONAL),
                BreakdownPart(figure=Figure.parse("97万元"), level=Level.PROVINCIAL),
                BreakdownPart(figure=Figure.parse("51.3万元"), category="市列"),
            ],
            levels=(Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL),
            period=Year.parse("20xx年"),
        ),
        ScheduleEntry(date="7月20日", time="上午", person="张三", topic="日光温室蔬菜栽培"),
        Person(name="李四", role="组长", organization="县科技局"),
        Designation(
            title="全国科技工作先进县",
            holder="XX县",
            by=("科技部",),
            level=Level.NATIONAL,
            nominated=True,
        ),
        Organization(name="县科协", kind=OrganizationKind.ASSOCIATION),
        Project(
            id="p1",
            name="玉米制种产业富民强县工程",
            funding=[Funding(amount=Money("11", "万元"), source=FundingSource.NATIONAL)],
            related=("p2",),
        ),
        Project(id="p2", name="同一工程的另一次记载", related=("p1",)),
        Note(label="3、", title="建成农业科技信息网络", source=where),
    ]
    extra = [
        Goal(indicator=projects, figure=Figure.parse("3～5项"), period=Year(2007)),
        Goal(indicator=money, figure=Figure.parse("约2万元左右")),
        Achievement(indicator=money, figure=Figure.parse("20xx万元")),
    ]
    inner = Section(label="(一)", title="十五回顾", kind=PlanKind.REVIEW, items=extra)
    return Plan(
        id="every-item",
        title="科技工作计划",
        kind=PlanKind.FIVE_YEAR,
        period=FiveYearPlan(11),
        sections=[Section(label="一、", title="各项", items=items, sections=[inner])],
    )


# -- the same JSON in pydantic ---------------------------------------------------------------

MAX_STRING = _serialize.MAX_STRING
INT_LIMIT = 10**_serialize.MAX_INT_DIGITS
SCALE_WORDS = ("", "万", "亿", "万亿")


def _currencies() -> tuple[str, ...]:
    """Every unit of money the library knows, as written (元, 万元, 亿美元, 港币 …)."""
    found = []
    for name in sciplan_model.units.unit_names():
        for scale in SCALE_WORDS:
            try:
                info = unit_info(scale + name)
            except ValueError:
                continue
            if info.currency and info.name not in found:
                found.append(info.name)
    return tuple(found)


def _known_unit(name: str) -> str:
    unit_info(name)  # a ValueError (UnknownUnitError) for a unit the library does not know
    return name


#: any string a document may hold
Str = Annotated[str, StringConstraints(max_length=MAX_STRING)]
#: a string with something besides white space in it
Text = Annotated[str, StringConstraints(pattern=r"\S", max_length=MAX_STRING)]
#: an exact amount: read from the JSON string as a Decimal, never through a float; at
#: most 28 digits, as pydantic counts them (integer digits and places after the point,
#: trailing zeros dropped), which is the library's three limits
Magnitude = Annotated[Decimal, Field(allow_inf_nan=False, max_digits=MAX_DIGITS)]
Currency = Literal[_currencies()]  # type: ignore[valid-type]  # made from the registry
UnitName = Annotated[Str, AfterValidator(_known_unit)]
# a year is written 2006, or as a placeholder such as "20xx年"; a period is a year, a
# five-year plan ("十一五") or a span of years ("2006-2010年")
YearNumber = Annotated[int, Field(ge=1000, le=9999)]
_PLACEHOLDER = r"(?:[xX×][0-9xX×]{3}|[0-9][xX×][0-9xX×]{2}|[0-9]{2}[xX×][0-9xX×]|[0-9]{3}[xX×])"
_YEAR = rf"(?:[0-9]{{4}}|{_PLACEHOLDER})"
YearValue = YearNumber | Annotated[str, StringConstraints(pattern=rf"^{_PLACEHOLDER}年$")]
PeriodValue = (
    YearNumber
    | Annotated[
        str,
        StringConstraints(
            pattern=rf"^(?:[一二三四五六七八九十]{{1,3}}五|{_YEAR}年|{_YEAR}-{_YEAR}年)$"
        ),
    ]
)
RegionCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]
Offset = Annotated[int, Field(ge=0, lt=INT_LIMIT)]
Position = Annotated[int, Field(ge=1, lt=INT_LIMIT)]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class SourceRefModel(Frozen):
    document: Text
    start: Offset
    end: Offset
    line: Position | None = None
    column: Position | None = None

    @model_validator(mode="after")
    def _span(self) -> SourceRefModel:
        if self.start > self.end:
            raise ValueError(f"[{self.start}, {self.end}) is not a span")
        return self


class RegionModel(Frozen):
    name: Text
    code: RegionCode | None = None
    level: Level | None = None
    parent: RegionModel | None = None


class MoneyModel(Frozen):
    magnitude: Magnitude
    unit: Currency  # type: ignore[valid-type]


class QuantityModel(Frozen):
    magnitude: Magnitude
    unit: UnitName


#: The qualifiers a figure cannot have without a value.
NEEDS_VALUE = frozenset({Qualifier.EXACT, Qualifier.RANGE, Qualifier.ODD})


def figure_check(q: Qualifier, value: Any, upper: Any, unit: str, placeholder: str | None) -> None:
    """A figure's parts agree (``value`` and ``upper`` are None or have a ``unit``), as
    the library's Figure checks them: a ValueError where they do not."""
    if value is None:
        if q in NEEDS_VALUE:
            raise ValueError(f"qualifier {q.name} needs a value")
        if not unit:
            raise ValueError("a figure without a value needs its unit")
        _known_unit(unit)
    elif q is Qualifier.UNKNOWN:
        raise ValueError("an UNKNOWN figure has no value")
    elif placeholder is not None:
        raise ValueError("a figure with a value has no placeholder")
    if q is Qualifier.RANGE:
        if upper is None:
            raise ValueError("a RANGE figure needs its upper end")
        if unit and unit != upper.unit:
            raise ValueError(f"unit {unit!r} is not {upper.unit!r}")
    elif upper is not None:
        raise ValueError("only a RANGE figure has an upper end")
    elif value is not None and unit and unit != value.unit:
        raise ValueError(f"unit {unit!r} is not {value.unit!r}")


class FigureModel(Frozen):
    text: Str = ""
    value: QuantityModel | None = None
    unit: Str = ""
    qualifier: Qualifier = Qualifier.EXACT
    aspirational: bool = False
    upper: QuantityModel | None = None
    placeholder: Str | None = None
    alternative_unit: UnitName | None = None

    @model_validator(mode="after")
    def _consistent(self) -> FigureModel:
        figure_check(self.qualifier, self.value, self.upper, self.unit, self.placeholder)
        return self

    @property
    def measured_in(self) -> str:
        """The figure's unit, as the library completes it from its value."""
        if self.unit:
            return self.unit
        end = self.upper if self.qualifier is Qualifier.RANGE else self.value
        return end.unit if end is not None else ""


def _dimension(unit: str) -> str:
    return unit_info(unit).dimension


class IndicatorModel(Frozen):
    name: Text
    unit: Annotated[Text, AfterValidator(_known_unit)]
    same_as: tuple[Str, ...] = ()
    key: Text | None = None
    aggregation: Aggregation = Aggregation.FLOW
    per: Text | None = None

    @model_validator(mode="after")
    def _words(self) -> IndicatorModel:
        if self.same_as and not unit_info(self.unit).is_count:
            raise ValueError(f"only measure words count alike, not {self.unit}")
        for word in self.same_as:
            if not unit_info(word).is_count:
                raise ValueError(f"only measure words count alike, not {self.unit} and {word}")
        return self

    def counts(self, unit: str) -> bool:
        dimension = _dimension(unit)
        return dimension == _dimension(self.unit) or any(
            dimension == _dimension(word) for word in self.same_as
        )


class DesignationModel(Frozen):
    title: Text
    holder: Text | None = None
    by: tuple[Str, ...] = ()
    level: Level | None = None
    year: YearValue | None = None
    nominated: bool = False
    source: SourceRefModel | None = None


class OrganizationModel(Frozen):
    name: Text
    kind: OrganizationKind = OrganizationKind.OTHER
    designations: tuple[DesignationModel, ...] = ()
    region: RegionModel | None = None
    source: SourceRefModel | None = None


def _counted(indicator: IndicatorModel, figure: FigureModel) -> None:
    if not indicator.counts(figure.measured_in):
        raise ValueError(f"cannot count {indicator.name!r} in {figure.measured_in}")


class GoalModel(Frozen):
    indicator: IndicatorModel
    figure: FigureModel
    period: PeriodValue | None = None
    label: Text | None = None
    region: RegionModel | None = None
    levels: tuple[Level, ...] = ()
    source: SourceRefModel | None = None

    @model_validator(mode="after")
    def _measures(self) -> GoalModel:
        _counted(self.indicator, self.figure)
        return self


class FundingModel(Frozen):
    amount: MoneyModel
    source: FundingSource
    stage: FundingStage = FundingStage.ALLOCATED
    year: YearValue | None = None


class BreakdownPartModel(Frozen):
    figure: FigureModel
    level: Level | None = None
    category: Str | None = None
    source: SourceRefModel | None = None

    @model_validator(mode="after")
    def _key(self) -> BreakdownPartModel:
        if self.level is None and not self.category:
            raise ValueError("a breakdown part needs a level or a category")
        return self


# The items, each with its "type" first as the library writes it (pydantic puts the
# fields of the last base first).  Goal, Designation and Organization also stand inside
# other things, without a "type".


class _GoalTag(Frozen):
    type: Literal["goal"]


class GoalItem(GoalModel, _GoalTag):
    pass


class AchievementItem(Frozen):
    type: Literal["achievement"]
    indicator: IndicatorModel
    figure: FigureModel
    period: PeriodValue | None = None
    label: Text | None = None
    region: RegionModel | None = None
    levels: tuple[Level, ...] = ()
    source: SourceRefModel | None = None

    @model_validator(mode="after")
    def _measures(self) -> AchievementItem:
        _counted(self.indicator, self.figure)
        return self


class TaskItem(Frozen):
    type: Literal["task"]
    label: Text | None = None
    title: Text | None = None
    text: Text | None = None
    owner: Text | None = None
    deadline: PeriodValue | None = None
    participants: tuple[Str, ...] = ()
    goals: tuple[GoalModel, ...] = ()
    projects: tuple[Str, ...] = ()
    source: SourceRefModel | None = None


class MeasureItem(Frozen):
    type: Literal["measure"]
    label: Text | None = None
    title: Text | None = None
    category: Text | None = None
    text: Text | None = None
    source: SourceRefModel | None = None


class ProjectItem(Frozen):
    type: Literal["project"]
    id: Text
    name: Text
    programme: Text | None = None
    level: Level | None = None
    status: ProjectStatus | None = None
    year: YearValue | None = None
    undertaker: OrganizationModel | None = None
    funding: tuple[FundingModel, ...] = ()
    related: tuple[Str, ...] = ()
    source: SourceRefModel | None = None


class BreakdownItem(Frozen):
    type: Literal["breakdown"]
    subject: Text
    total: FigureModel
    indicator: IndicatorModel | None = None
    parts: tuple[BreakdownPartModel, ...] = ()
    complete: bool = True
    levels: tuple[Level, ...] = ()
    period: PeriodValue | None = None
    projects: tuple[Str, ...] = ()
    stage: FundingStage = FundingStage.ALLOCATED
    source: SourceRefModel | None = None

    @model_validator(mode="after")
    def _parts(self) -> BreakdownItem:
        dimension = _dimension(self.total.measured_in)
        for part in self.parts:
            unit = part.figure.measured_in
            if _dimension(unit) != dimension and not (
                self.indicator is not None and self.indicator.counts(unit)
            ):
                raise ValueError(f"cannot break {self.total.measured_in} down into {unit}")
        return self


class ScheduleItem(Frozen):
    type: Literal["schedule"]
    date: Text | None = None
    time: Text | None = None
    person: Text | None = None
    topic: Text | None = None
    source: SourceRefModel | None = None


class PersonItem(Frozen):
    type: Literal["person"]
    name: Text
    role: Text | None = None
    organization: Text | None = None
    source: SourceRefModel | None = None


class NoteItem(Frozen):
    type: Literal["note"]
    title: Text
    label: Text | None = None
    text: Text | None = None
    source: SourceRefModel | None = None


class _DesignationTag(Frozen):
    type: Literal["designation"]


class DesignationItem(DesignationModel, _DesignationTag):
    pass


class _OrganizationTag(Frozen):
    type: Literal["organization"]


class OrganizationItem(OrganizationModel, _OrganizationTag):
    pass


_ITEM_CLASSES: tuple[type[BaseModel], ...] = (
    GoalItem,
    AchievementItem,
    TaskItem,
    MeasureItem,
    ProjectItem,
    BreakdownItem,
    ScheduleItem,
    PersonItem,
    DesignationItem,
    OrganizationItem,
    NoteItem,
)
ItemModel = Annotated[
    GoalItem
    | AchievementItem
    | TaskItem
    | MeasureItem
    | ProjectItem
    | BreakdownItem
    | ScheduleItem
    | PersonItem
    | DesignationItem
    | OrganizationItem
    | NoteItem,
    Field(discriminator="type"),
]


class SectionModel(Frozen):
    label: Text | None = None
    title: Text | None = None
    kind: PlanKind | None = None
    period: PeriodValue | None = None
    text: Text | None = None
    items: tuple[ItemModel, ...] = ()
    sections: tuple[SectionModel, ...] = ()
    source: SourceRefModel | None = None


class PlanModel(Frozen):
    schema_version: Literal[1]
    id: Text
    title: Text
    kind: PlanKind
    issuer: Text | None = None
    region: RegionModel | None = None
    level: Level | None = None
    period: PeriodValue | None = None
    sections: tuple[SectionModel, ...] = ()
    source: SourceRefModel | None = None

    @model_validator(mode="after")
    def _ids(self) -> PlanModel:
        """Project ids are unique, and references name projects of the plan."""
        seen: set[str] = set()
        for item in _pydantic_items(self.sections):
            if type(item) is ProjectItem:
                if item.id in seen:
                    raise ValueError(f"duplicate project id {item.id!r}")
                seen.add(item.id)
        for item in _pydantic_items(self.sections):
            kind = type(item)
            refs = (
                item.related
                if kind is ProjectItem
                else item.projects
                if kind is TaskItem or kind is BreakdownItem
                else ()
            )
            for ref in refs:
                if ref not in seen:
                    raise ValueError(f"no project with id {ref!r} in this plan")
        return self


def _pydantic_items(sections: tuple[SectionModel, ...]) -> Iterator[Any]:
    for section in sections:
        yield from section.items
        yield from _pydantic_items(section.sections)


def _pydantic_projects(sections: tuple[SectionModel, ...]) -> Iterator[ProjectItem]:
    return (item for item in _pydantic_items(sections) if type(item) is ProjectItem)


def pydantic_dumps(model: PlanModel) -> str:
    """The pydantic model as JSON, in the library's layout: two-space indents, and
    fields at their defaults left out."""
    return model.model_dump_json(indent=2, exclude_defaults=True)


# -- the same JSON in msgspec, for information ---------------------------------------------
#
# The same checks as the pydantic mirror, in msgspec's forms: ``Meta`` constraints where
# msgspec has them (non-blank texts, lengths, bounds, patterns), ``__post_init__`` where it
# has none (the digits of an amount, known units, the figure, indicator, breakdown and
# reference checks).  msgspec decodes strictly and refuses unknown fields as configured.

try:
    import msgspec
except ImportError:  # optional: the line is skipped, and the script says so
    msgspec = None  # type: ignore[assignment]


def _magnitude_problem(d: Decimal) -> str | None:
    """Why ``d`` cannot be an amount's magnitude (the library's three limits)."""
    if not d.is_finite():
        return "not a finite number"
    if d:
        t = d.as_tuple()
        if len(t.digits) > MAX_DIGITS or d.adjusted() > 27 or int(t.exponent) < -28:
            return f"{d} is past the limits of an amount"
    return None


if msgspec is not None:
    from msgspec import Meta

    MText = Annotated[str, Meta(pattern=r"\S", max_length=MAX_STRING)]
    MStr = Annotated[str, Meta(max_length=MAX_STRING)]
    MYear = (
        Annotated[int, Meta(ge=1000, le=9999)]
        | Annotated[str, Meta(pattern=rf"^{_PLACEHOLDER}年$")]
    )
    MPeriod = (
        Annotated[int, Meta(ge=1000, le=9999)]
        | Annotated[
            str, Meta(pattern=rf"^(?:[一二三四五六七八九十]{{1,3}}五|{_YEAR}年|{_YEAR}-{_YEAR}年)$")
        ]
    )
    MOffset = Annotated[int, Meta(ge=0)]  # msgspec reads ints of 64 bits at most
    MPosition = Annotated[int, Meta(ge=1)]

    class S(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
        pass

    class MSourceRef(S, frozen=True):
        document: MText
        start: MOffset
        end: MOffset
        line: MPosition | None = None
        column: MPosition | None = None

        def __post_init__(self) -> None:
            if self.start > self.end:
                raise ValueError(f"[{self.start}, {self.end}) is not a span")

    class MRegion(S, frozen=True):
        name: MText
        code: Annotated[str, Meta(pattern=r"^[0-9]{6}$")] | None = None
        level: Level | None = None
        parent: MRegion | None = None

    class MMoney(S, frozen=True):
        magnitude: Decimal
        unit: Currency  # type: ignore[valid-type]

        def __post_init__(self) -> None:
            problem = _magnitude_problem(self.magnitude)
            if problem is not None:
                raise ValueError(problem)

    class MQuantity(S, frozen=True):
        magnitude: Decimal
        unit: MStr

        def __post_init__(self) -> None:
            problem = _magnitude_problem(self.magnitude)
            if problem is not None:
                raise ValueError(problem)
            _known_unit(self.unit)

    class MFigure(S, frozen=True):
        text: MStr = ""
        value: MQuantity | None = None
        unit: MStr = ""
        qualifier: Qualifier = Qualifier.EXACT
        aspirational: bool = False
        upper: MQuantity | None = None
        placeholder: MStr | None = None
        alternative_unit: MStr | None = None

        def __post_init__(self) -> None:
            figure_check(self.qualifier, self.value, self.upper, self.unit, self.placeholder)

        @property
        def measured_in(self) -> str:
            if self.unit:
                return self.unit
            end = self.upper if self.qualifier is Qualifier.RANGE else self.value
            return end.unit if end is not None else ""

    class MIndicator(S, frozen=True):
        name: MText
        unit: MText
        same_as: tuple[MStr, ...] = ()
        key: MText | None = None
        aggregation: Aggregation = Aggregation.FLOW
        per: MText | None = None

        def __post_init__(self) -> None:
            unit = unit_info(self.unit)
            for word in self.same_as:
                if not (unit.is_count and unit_info(word).is_count):
                    raise ValueError(f"only measure words count alike, not {self.unit}, {word}")

        def counts(self, unit: str) -> bool:
            dimension = _dimension(unit)
            return dimension == _dimension(self.unit) or any(
                dimension == _dimension(word) for word in self.same_as
            )

    class MDesignation(S, frozen=True):
        title: MText
        holder: MText | None = None
        by: tuple[MStr, ...] = ()
        level: Level | None = None
        year: MYear | None = None
        nominated: bool = False
        source: MSourceRef | None = None

    class MOrganization(S, frozen=True):
        name: MText
        kind: OrganizationKind = OrganizationKind.OTHER
        designations: tuple[MDesignation, ...] = ()
        region: MRegion | None = None
        source: MSourceRef | None = None

    class MGoal(S, frozen=True):
        indicator: MIndicator
        figure: MFigure
        period: MPeriod | None = None
        label: MText | None = None
        region: MRegion | None = None
        levels: tuple[Level, ...] = ()
        source: MSourceRef | None = None

        def __post_init__(self) -> None:
            if not self.indicator.counts(self.figure.measured_in):
                raise ValueError(f"cannot count {self.indicator.name!r} in this figure")

    class MFunding(S, frozen=True):
        amount: MMoney
        source: FundingSource
        stage: FundingStage = FundingStage.ALLOCATED
        year: MYear | None = None

    class MBreakdownPart(S, frozen=True):
        figure: MFigure
        level: Level | None = None
        category: MStr | None = None
        source: MSourceRef | None = None

        def __post_init__(self) -> None:
            if self.level is None and not self.category:
                raise ValueError("a breakdown part needs a level or a category")

    class I(S, tag_field="type", frozen=True):  # noqa: E742 - the base of the tagged items
        pass

    class MGoalItem(MGoal, I, tag="goal", frozen=True):
        pass

    class MAchievementItem(MGoal, I, tag="achievement", frozen=True):
        pass

    class MTaskItem(I, tag="task", frozen=True):
        label: MText | None = None
        title: MText | None = None
        text: MText | None = None
        owner: MText | None = None
        deadline: MPeriod | None = None
        participants: tuple[MStr, ...] = ()
        goals: tuple[MGoal, ...] = ()
        projects: tuple[MStr, ...] = ()
        source: MSourceRef | None = None

    class MMeasureItem(I, tag="measure", frozen=True):
        label: MText | None = None
        title: MText | None = None
        category: MText | None = None
        text: MText | None = None
        source: MSourceRef | None = None

    class MProjectItem(I, tag="project", frozen=True):
        id: MText
        name: MText
        programme: MText | None = None
        level: Level | None = None
        status: ProjectStatus | None = None
        year: MYear | None = None
        undertaker: MOrganization | None = None
        funding: tuple[MFunding, ...] = ()
        related: tuple[MStr, ...] = ()
        source: MSourceRef | None = None

    class MBreakdownItem(I, tag="breakdown", frozen=True):
        subject: MText
        total: MFigure
        indicator: MIndicator | None = None
        parts: tuple[MBreakdownPart, ...] = ()
        complete: bool = True
        levels: tuple[Level, ...] = ()
        period: MPeriod | None = None
        projects: tuple[MStr, ...] = ()
        stage: FundingStage = FundingStage.ALLOCATED
        source: MSourceRef | None = None

        def __post_init__(self) -> None:
            dimension = _dimension(self.total.measured_in)
            for part in self.parts:
                unit = part.figure.measured_in
                if _dimension(unit) != dimension and not (
                    self.indicator is not None and self.indicator.counts(unit)
                ):
                    raise ValueError(f"cannot break {self.total.measured_in} down into {unit}")

    class MScheduleItem(I, tag="schedule", frozen=True):
        date: MText | None = None
        time: MText | None = None
        person: MText | None = None
        topic: MText | None = None
        source: MSourceRef | None = None

    class MPersonItem(I, tag="person", frozen=True):
        name: MText
        role: MText | None = None
        organization: MText | None = None
        source: MSourceRef | None = None

    class MDesignationItem(MDesignation, I, tag="designation", frozen=True):
        pass

    class MOrganizationItem(MOrganization, I, tag="organization", frozen=True):
        pass

    class MNoteItem(I, tag="note", frozen=True):
        title: MText
        label: MText | None = None
        text: MText | None = None
        source: MSourceRef | None = None

    MItem = (
        MGoalItem
        | MAchievementItem
        | MTaskItem
        | MMeasureItem
        | MProjectItem
        | MBreakdownItem
        | MScheduleItem
        | MPersonItem
        | MDesignationItem
        | MOrganizationItem
        | MNoteItem
    )

    class MSection(S, frozen=True):
        label: MText | None = None
        title: MText | None = None
        kind: PlanKind | None = None
        period: MPeriod | None = None
        text: MText | None = None
        items: tuple[MItem, ...] = ()
        sections: tuple[MSection, ...] = ()
        source: MSourceRef | None = None

    class MPlan(S, frozen=True):
        schema_version: Literal[1]
        id: MText
        title: MText
        kind: PlanKind
        issuer: MText | None = None
        region: MRegion | None = None
        level: Level | None = None
        period: MPeriod | None = None
        sections: tuple[MSection, ...] = ()
        source: MSourceRef | None = None

        def __post_init__(self) -> None:
            seen: set[str] = set()
            items = list(_msgspec_items(self.sections))
            for item in items:
                if type(item) is MProjectItem:
                    if item.id in seen:
                        raise ValueError(f"duplicate project id {item.id!r}")
                    seen.add(item.id)
            for item in items:
                kind = type(item)
                refs = (
                    item.related
                    if kind is MProjectItem
                    else item.projects
                    if kind is MTaskItem or kind is MBreakdownItem
                    else ()
                )
                for ref in refs:
                    if ref not in seen:
                        raise ValueError(f"no project with id {ref!r} in this plan")

    def _msgspec_items(sections: tuple[MSection, ...]) -> Iterator[Any]:
        for section in sections:
            yield from section.items
            yield from _msgspec_items(section.sections)

    _MSGSPEC_DECODER = msgspec.json.Decoder(MPlan)
    #: The structs in the order of ``_mirrors()``.
    _MSGSPEC_MIRRORS: tuple[type[msgspec.Struct], ...] = (
        MSourceRef,
        MRegion,
        MIndicator,
        MDesignationItem,
        MOrganizationItem,
        MGoalItem,
        MAchievementItem,
        MTaskItem,
        MMeasureItem,
        MProjectItem,
        MBreakdownItem,
        MBreakdownPart,
        MScheduleItem,
        MPersonItem,
        MNoteItem,
        MFunding,
        MSection,
        MPlan,
    )

    def msgspec_loads(text: str) -> MPlan:
        return _MSGSPEC_DECODER.decode(text)

    def msgspec_dumps(plan: MPlan) -> str:
        """The plan as the library writes it: two-space indents, defaults left out."""
        return msgspec.json.format(msgspec.json.encode(plan), indent=2).decode()


# -- checks ------------------------------------------------------------------------------

_FACTORS = {
    "元": 1,
    "千元": 10**3,
    "万元": 10**4,
    "百万元": 10**6,
    "亿元": 10**8,
    "万亿元": 10**12,
}


def _our_projects(sections: tuple[Section, ...]) -> Iterator[Project]:
    for section in sections:
        for item in section.items:
            if isinstance(item, Project):
                yield item
        yield from _our_projects(section.sections)


def our_sums(plan: Plan) -> tuple[int, Decimal]:
    """How many projects the plan holds and their money in 元, exactly."""
    projects = list(_our_projects(plan.sections))
    amounts = [f.amount for p in projects for f in p.funding]
    return len(projects), total(amounts, unit="元").magnitude


def msgspec_sums(plan: Any) -> tuple[int, Decimal]:
    """How many projects msgspec's plan holds and their money in 元, exactly."""
    projects = [i for i in _msgspec_items(plan.sections) if type(i) is MProjectItem]
    exact = decimal.Context(prec=200, traps=[decimal.Inexact, decimal.Rounded])
    money = Decimal(0)
    for p in projects:
        for f in p.funding:
            money = exact.add(money, exact.multiply(f.amount.magnitude, _FACTORS[f.amount.unit]))
    return len(projects), money


def pydantic_sums(model: PlanModel) -> tuple[int, Decimal]:
    """The same, read from the pydantic model."""
    projects = list(_pydantic_projects(model.sections))
    exact = decimal.Context(prec=200, traps=[decimal.Inexact, decimal.Rounded])
    money = Decimal(0)
    for p in projects:
        for f in p.funding:
            money = exact.add(money, exact.multiply(f.amount.magnitude, _FACTORS[f.amount.unit]))
    return len(projects), money


def _refused_by_both(data: dict[str, Any], what: str) -> None:
    """Both sides refuse the plan's data, as JSON."""
    text = json.dumps(data, ensure_ascii=False)
    try:
        sciplan_model.loads(text)
    except sciplan_model.PlanLoadError:
        pass
    else:
        raise SystemExit(f"the library reads a plan with {what}")
    try:
        PlanModel.model_validate_json(text)
    except pydantic.ValidationError:
        pass
    else:
        raise SystemExit(f"the pydantic mirror reads a plan with {what}")
    if msgspec is not None:
        try:
            msgspec_loads(text)
        except msgspec.ValidationError:
            pass
        else:
            raise SystemExit(f"the msgspec mirror reads a plan with {what}")


def check_refusals() -> None:
    """The mirror refuses what the library refuses, on a small plan changed one way at a
    time: the checks the docstring lists for both sides."""
    data = json.loads(sciplan_model.dumps(build_plan(4, sections=2)))
    base = json.dumps(data, ensure_ascii=False)
    if PlanModel.model_validate_json(base) is None or sciplan_model.loads(base) is None:
        raise SystemExit("the small plan is not read")

    def project(d: dict[str, Any]) -> dict[str, Any]:
        return d["sections"][0]["items"][0]  # type: ignore[no-any-return]

    def amount(d: dict[str, Any]) -> dict[str, Any]:
        return project(d)["funding"][0]["amount"]  # type: ignore[no-any-return]

    changes: list[tuple[str, Callable[[dict[str, Any]], None]]] = [
        ("a blank project id", lambda d: project(d).update(id=" ")),
        ("a blank optional text", lambda d: project(d).update(programme="")),
        ("a 29-digit amount", lambda d: amount(d).update(magnitude="1" + "0" * 28)),
        (
            "an amount finer than 10^-28",
            lambda d: amount(d).update(magnitude="0." + "0" * 28 + "1"),
        ),
        ("money in 项", lambda d: amount(d).update(unit="项")),
        ("an amount that is NaN", lambda d: amount(d).update(magnitude="NaN")),
        ("a year of three digits", lambda d: project(d).update(year=999)),
        ("a region code of five digits", lambda d: d["region"]["parent"].update(code="62000")),
        ("an unknown key", lambda d: project(d).update(nmae="x")),
        ("an unknown level", lambda d: project(d).update(level="galactic")),
        ("a project id twice", lambda d: d["sections"][1]["items"][0].update(id=project(d)["id"])),
        ("a reference to no project", lambda d: project(d).update(related=["nowhere"])),
        ("schema version 2", lambda d: d.update(schema_version=2)),
    ]
    for what, change in changes:
        changed = json.loads(base)
        change(changed)
        _refused_by_both(changed, what)


def _mirrors() -> list[tuple[type, type[BaseModel]]]:
    return [
        (SourceRef, SourceRefModel),
        (Region, RegionModel),
        (Indicator, IndicatorModel),
        (Designation, DesignationItem),
        (Organization, OrganizationItem),
        (Goal, GoalItem),
        (Achievement, AchievementItem),
        (Task, TaskItem),
        (Measure, MeasureItem),
        (Project, ProjectItem),
        (Breakdown, BreakdownItem),
        (BreakdownPart, BreakdownPartModel),
        (ScheduleEntry, ScheduleItem),
        (Person, PersonItem),
        (Note, NoteItem),
        (Funding, FundingModel),
        (Section, SectionModel),
        (Plan, PlanModel),
    ]


def check_shape() -> None:
    """The pydantic classes have the library's fields, in the order the library writes
    them (the fields without a default first), and the union has every item type: a
    change to the model shows here first."""
    for ours, theirs in _mirrors():
        fields = attrs.fields(ours)
        names = [a.name for a in fields if a.default is attrs.NOTHING]
        names += [a.name for a in fields if a.default is not attrs.NOTHING]
        mirrored = [k for k in theirs.model_fields if k not in ("type", "schema_version")]
        if names != mirrored:
            raise SystemExit(f"{theirs.__name__} mirrors {ours.__name__} no longer: {names}")
    figure = {a.name for a in attrs.fields(Figure)}
    if figure != set(FigureModel.model_fields):
        raise SystemExit(f"FigureModel mirrors Figure no longer: {sorted(figure)}")
    tags = set(getattr(_serialize, "ITEM_TAGS", {}).values())
    union = {get_args(cls.model_fields["type"].annotation)[0] for cls in _ITEM_CLASSES}
    if tags and tags != union:
        raise SystemExit(f"the item types are {sorted(tags)}, the union has {sorted(union)}")
    if msgspec is not None:
        for (ours, _), struct in zip(_mirrors(), _MSGSPEC_MIRRORS, strict=True):
            fields = attrs.fields(ours)
            names = [a.name for a in fields if a.default is attrs.NOTHING]
            names += [a.name for a in fields if a.default is not attrs.NOTHING]
            if names != [k for k in struct.__struct_fields__ if k != "schema_version"]:
                raise SystemExit(f"{struct.__name__} mirrors {ours.__name__} no longer")


def check(plan: Plan, text: str) -> None:
    """Both sides read the same JSON to the same number of projects and the same money;
    the library reads it back to the plan; pydantic writes it back byte for byte (so the
    library reads pydantic's text to the same plan too); and the same holds for a small
    plan with every kind of item."""
    loaded: Plan = sciplan_model.loads(text)
    if loaded != plan:
        raise SystemExit("the library does not read its own JSON back to the plan")
    model = PlanModel.model_validate_json(text)
    ours, theirs = our_sums(loaded), pydantic_sums(model)
    if ours != theirs:
        raise SystemExit(f"the two sides disagree: ours {ours}, pydantic {theirs}")
    if pydantic_dumps(model) != text:
        raise SystemExit("pydantic does not write the library's JSON back as it was")
    small = every_item_plan()
    small_text = sciplan_model.dumps(small)
    if pydantic_dumps(PlanModel.model_validate_json(small_text)) != small_text:
        raise SystemExit("pydantic's model differs from the library's in some item")
    if sciplan_model.loads(small_text) != small:
        raise SystemExit("the plan with every item does not round-trip")
    if msgspec is not None:
        plain = msgspec_loads(text)
        if msgspec_sums(plain) != ours:
            raise SystemExit(f"msgspec disagrees: ours {ours}, msgspec {msgspec_sums(plain)}")
        if msgspec_dumps(plain) != text or msgspec_dumps(msgspec_loads(small_text)) != small_text:
            raise SystemExit("msgspec does not write the library's JSON back as it was")


# -- the benchmark --------------------------------------------------------------------------


def _prepare(n: int) -> str:
    """Build the plan, write it, check both sides on its JSON and say what it holds."""
    check_shape()
    check_refusals()
    start = time.perf_counter()
    plan = build_plan(n)
    text = sciplan_model.dumps(plan)
    check(plan, text)
    projects, money = our_sums(plan)
    print(
        f"a plan of {projects:,} projects, {money.scaleb(-8):,.2f}亿元 in all; "
        f"its JSON is {len(text):,} characters ({len(text.encode()) / 1e6:.1f} MB); "
        f"built and checked in {time.perf_counter() - start:.1f} s"
    )
    return text


def _plus(a: Timings, b: Timings) -> Timings:
    """The times of two comparisons added round by round (taken in the same rounds)."""
    return Timings(
        {key: [x + y for x, y in zip(a.times[key], b.times[key], strict=True)] for key in a.times}
    )


def bench(n: int, rounds: int) -> str:
    """Time loads and dumps of a plan with ``n`` projects on both sides; the JSON text."""
    text = _prepare(n)
    loads = compare(
        partial(sciplan_model.loads, text), partial(PlanModel.model_validate_json, text), rounds
    )
    # each side's object made afresh, untimed, before each timing of its dumps
    dumps = compare(
        lambda: partial(sciplan_model.dumps, sciplan_model.loads(text)),
        lambda: partial(pydantic_dumps, PlanModel.model_validate_json(text)),
        rounds,
        fresh=True,
    )
    compact = compare(
        lambda: partial(sciplan_model.dumps, sciplan_model.loads(text), indent=None),
        lambda: partial(PlanModel.model_validate_json(text).model_dump_json, exclude_defaults=True),
        rounds,
        fresh=True,
    )
    floor_loads = best_of(partial(json.loads, text), rounds, paused=True)
    floor_dumps = best_of(
        partial(json.dumps, json.loads(text), ensure_ascii=False, indent=2), rounds, paused=True
    )

    label = f"{n:,} projects"
    report(f"loads(text), {label}", loads, AIMS, baseline="pydantic")
    report(f"dumps(plan), {label}", dumps, AIMS, baseline="pydantic")
    both = _plus(loads, dumps)
    report("loads + dumps", both, AIMS, baseline="pydantic")
    per = 1e6 / n
    print(
        f"{pad('')} that is {both.min(OURS, PAUSED) * per:.1f} µs a project for us, "
        f"{both.min(BASE, PAUSED) * per:.1f} µs for pydantic (collector paused, minimum)"
    )
    report("  (information) dumps(indent=None)", compact, "-", baseline="pydantic")
    if msgspec is None:
        print(f"{pad('  (information) msgspec')} skipped: msgspec is not installed")
    else:
        t = compare(partial(sciplan_model.loads, text), partial(msgspec_loads, text), rounds)
        report("  (information) loads vs msgspec", t, "-", baseline="msgspec")
        t = compare(
            lambda: partial(sciplan_model.dumps, sciplan_model.loads(text)),
            lambda: partial(msgspec_dumps, msgspec_loads(text)),
            rounds,
            fresh=True,
        )
        report("  (information) dumps vs msgspec", t, "-", baseline="msgspec")
    print(
        f"{pad('  (information) stdlib json alone')} json.loads {fmt_time(floor_loads)}  "
        f"json.dumps(indent=2) {fmt_time(floor_dumps)}  (collector paused, minimum)"
    )
    return text


def _phases(plan: Plan, text: str) -> None:
    """The time of each phase of loads and dumps, without the profiler's overhead: the
    one pass each way, and the detailed ways a document with a problem takes."""
    from sciplan_model._onepass import Counts, readers

    print("\nPhases (best of 3, collector paused, no profiler):")
    data = _serialize.to_data(plan)
    parsed = _serialize._parse_quickly(text)
    read = readers()[Plan]
    phases: list[tuple[str, Callable[[], object]]] = [
        ("dumps: to_data(plan), one pass", lambda: _serialize.to_data(plan)),
        ("dumps: the JSON text of the data", lambda: _serialize._encode(data, 2)),
        ("loads: json.loads(text), no hooks", lambda: _serialize._parse_quickly(text)),
        ("loads: the one pass over the data", lambda: read(parsed, 1, Counts())),
        ("loads: the duplicate-key count", lambda: text.count(":")),
        ("(detailed) to_data, cattrs and a walk", lambda: _serialize._to_data_detailed(plan)),
        ("(detailed) json.loads with hooks", lambda: _serialize._read_json(text)),
    ]
    for name, fn in phases:
        print(f"  {name:<42} {fmt_time(best_of(fn, 3, paused=True))}")


def profile(plan: Plan, text: str) -> None:
    """Print cProfile's top 15 functions by cumulative time, and the top 10 by their own
    time, for one loads and one dumps; then the time of each phase without the profiler."""
    for name, fn in (
        ("loads(text)", lambda: sciplan_model.loads(text)),
        ("dumps(plan)", lambda: sciplan_model.dumps(plan)),
    ):
        gc.collect()
        profiler = cProfile.Profile()
        profiler.runcall(fn)
        for order, top in (("cumulative", 15), ("tottime", 10)):
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).strip_dirs()
            stats.sort_stats(order).print_stats(top)
            print(f"\ncProfile of one {name}, top {top} by {order} time:")
            lines = out.getvalue().splitlines()
            print("\n".join(line for line in lines if line.strip()))
    _phases(plan, text)


def main() -> None:
    """Run the benchmark of issues 3 and 14."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5,000 projects, one round")
    parser.add_argument(
        "--profile", action="store_true", help="also profile one loads and one dumps"
    )
    args = parser.parse_args()
    n = 5_000 if args.quick else 100_000
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, pydantic {pydantic.VERSION}")
    legend()
    text = bench(n, 1 if args.quick else 5)
    if args.profile:
        profile(sciplan_model.loads(text), text)


if __name__ == "__main__":
    main()
