"""Benchmark of the plan model: ``dumps`` and ``loads`` of a plan with 100,000 projects.

Run with ``python benchmarks/bench_model.py`` (three to six minutes on two cores; add
``--quick`` for a tenth of the plan, and ``--profile`` for a cProfile summary of one
``loads`` and one ``dumps`` and the time of each of their phases).  Needs pydantic v2
(the project's ``bench`` extra).

The baseline is a pydantic v2 model of the same shape, written here as a pydantic user
would write it: nested frozen ``BaseModel`` classes mirroring Plan, Section, Project,
Funding, Organization and every other item, the items a union discriminated on
``"type"``, amounts read exactly as ``Decimal`` from the ``{"magnitude": "11", "unit":
"万元"}`` objects the library writes, the library's own enums, unknown keys refused, and
duplicate project ids refused by an after-validator.  Before anything is timed the script
checks that pydantic reads the library's JSON, writes it back byte for byte, and that
both sides find the same projects and the same total of money (exact ``Decimal``).

Each line prints our time, pydantic's time measured in the same run on the very same
JSON text, the ratio and the aim from issue 3 (no slower than pydantic).  Times are the
best of several repeats, each after a full garbage collection.  The garbage collector
runs while a side is timed, as in a program that loads a plan, and the process then holds
only what that side needs; the information lines give the same with the collector paused
(the work itself, as ``timeit`` measures it), which for loads differs a lot: both sides
make millions of objects and the collector walks them.  Results are recorded in
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
from typing import Annotated, Literal

import attrs

import sciplan_model
from _timing import best_of, fmt_time, report
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
)
from sciplan_model import serialize as _serialize

try:
    import pydantic
    from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
except ImportError:  # pragma: no cover - depends on the environment
    raise SystemExit(
        'pydantic v2 is needed: python -m pip install "pydantic>=2.5,<3" (the bench extra)'
    ) from None

AIM = "≤ 1.0×"

# -- timing and printing, as in bench_foundation.py -----------------------------------------


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
    designations = ()
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


# -- the same shape in pydantic ------------------------------------------------------------

Text = Annotated[str, StringConstraints(min_length=1)]
# exact amounts: read from the JSON string as a Decimal, never through a float; at most
# 28 digits before the point and 28 after, as the library admits
Magnitude = Annotated[Decimal, Field(allow_inf_nan=False, max_digits=56, decimal_places=28)]
Currency = Literal["元", "千元", "万元", "百万元", "亿元", "万亿元"]
# a year is written 2006, or as a placeholder such as "20xx年"; a period is a year, a
# five-year plan ("十一五") or a span of years ("2006-2010年")
YearValue = Annotated[int, Field(ge=1000, le=9999)] | Text
PeriodValue = Annotated[int, Field(ge=1000, le=9999)] | Text
RegionCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]
Offset = Annotated[int, Field(ge=0)]
Position = Annotated[int, Field(ge=1)]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceRefModel(Frozen):
    document: Text
    start: Offset
    end: Offset
    line: Position | None = None
    column: Position | None = None


class RegionModel(Frozen):
    name: Text
    code: RegionCode | None = None
    level: Level | None = None
    parent: RegionModel | None = None


class MoneyModel(Frozen):
    magnitude: Magnitude
    unit: Currency


class QuantityModel(Frozen):
    magnitude: Magnitude
    unit: Text


class FigureModel(Frozen):
    text: str = ""
    value: QuantityModel | None = None
    unit: str = ""
    qualifier: Qualifier = Qualifier.EXACT
    aspirational: bool = False
    upper: QuantityModel | None = None
    placeholder: str | None = None
    alternative_unit: str | None = None


class IndicatorModel(Frozen):
    name: Text
    unit: Text
    same_as: tuple[str, ...] = ()
    key: str | None = None
    aggregation: Aggregation = Aggregation.FLOW
    per: str | None = None


class DesignationModel(Frozen):
    title: Text
    holder: str | None = None
    by: tuple[str, ...] = ()
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


class GoalModel(Frozen):
    indicator: IndicatorModel
    figure: FigureModel
    period: PeriodValue | None = None
    label: str | None = None
    region: RegionModel | None = None
    levels: tuple[Level, ...] = ()
    source: SourceRefModel | None = None


class FundingModel(Frozen):
    amount: MoneyModel
    source: FundingSource
    stage: FundingStage = FundingStage.ALLOCATED
    year: YearValue | None = None


class BreakdownPartModel(Frozen):
    figure: FigureModel
    level: Level | None = None
    category: str | None = None
    source: SourceRefModel | None = None


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
    label: str | None = None
    region: RegionModel | None = None
    levels: tuple[Level, ...] = ()
    source: SourceRefModel | None = None


class TaskItem(Frozen):
    type: Literal["task"]
    label: str | None = None
    title: str | None = None
    text: str | None = None
    owner: str | None = None
    deadline: PeriodValue | None = None
    participants: tuple[str, ...] = ()
    goals: tuple[GoalModel, ...] = ()
    projects: tuple[str, ...] = ()
    source: SourceRefModel | None = None


class MeasureItem(Frozen):
    type: Literal["measure"]
    label: str | None = None
    title: str | None = None
    category: str | None = None
    text: str | None = None
    source: SourceRefModel | None = None


class ProjectItem(Frozen):
    type: Literal["project"]
    id: Text
    name: Text
    programme: str | None = None
    level: Level | None = None
    status: ProjectStatus | None = None
    year: YearValue | None = None
    undertaker: OrganizationModel | None = None
    funding: tuple[FundingModel, ...] = ()
    related: tuple[str, ...] = ()
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
    projects: tuple[Text, ...] = ()
    stage: FundingStage = FundingStage.ALLOCATED
    source: SourceRefModel | None = None


class ScheduleItem(Frozen):
    type: Literal["schedule"]
    date: str | None = None
    time: str | None = None
    person: str | None = None
    topic: str | None = None
    source: SourceRefModel | None = None


class PersonItem(Frozen):
    type: Literal["person"]
    name: Text
    role: str | None = None
    organization: str | None = None
    source: SourceRefModel | None = None


class NoteItem(Frozen):
    type: Literal["note"]
    title: Text
    label: str | None = None
    text: str | None = None
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
    label: str | None = None
    title: str | None = None
    kind: PlanKind | None = None
    period: PeriodValue | None = None
    text: str | None = None
    items: tuple[ItemModel, ...] = ()
    sections: tuple[SectionModel, ...] = ()
    source: SourceRefModel | None = None


class PlanModel(Frozen):
    schema_version: Literal[1]
    id: Text
    title: Text
    kind: PlanKind
    issuer: str | None = None
    region: RegionModel | None = None
    level: Level | None = None
    period: PeriodValue | None = None
    sections: tuple[SectionModel, ...] = ()
    source: SourceRefModel | None = None

    @model_validator(mode="after")
    def _unique_project_ids(self) -> PlanModel:
        seen: set[str] = set()
        for project in _pydantic_projects(self.sections):
            if project.id in seen:
                raise ValueError(f"duplicate project id {project.id!r}")
            seen.add(project.id)
        return self


def _pydantic_projects(sections: tuple[SectionModel, ...]) -> Iterator[ProjectItem]:
    for section in sections:
        for item in section.items:
            if isinstance(item, ProjectItem):
                yield item
        yield from _pydantic_projects(section.sections)


def pydantic_dumps(model: PlanModel) -> str:
    """The pydantic model as JSON, in the library's layout: two-space indents, and
    fields at their defaults left out."""
    return model.model_dump_json(indent=2, exclude_defaults=True)


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


def pydantic_sums(model: PlanModel) -> tuple[int, Decimal]:
    """The same, read from the pydantic model."""
    projects = list(_pydantic_projects(model.sections))
    exact = decimal.Context(prec=200, traps=[decimal.Inexact, decimal.Rounded])
    money = Decimal(0)
    for p in projects:
        for f in p.funding:
            money = exact.add(money, exact.multiply(f.amount.magnitude, _FACTORS[f.amount.unit]))
    return len(projects), money


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
    union = {cls.model_fields["type"].annotation.__args__[0] for cls in _ITEM_CLASSES}
    if tags and tags != union:
        raise SystemExit(f"the item types are {sorted(tags)}, the union has {sorted(union)}")


def check(plan: Plan, text: str) -> None:
    """Both sides read the same JSON to the same number of projects and the same money;
    the library reads it back to the plan; pydantic writes it back byte for byte (so the
    library reads pydantic's text to the same plan too); and the same holds for a small
    plan with every kind of item."""
    loaded = sciplan_model.loads(text)
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


# -- the benchmark --------------------------------------------------------------------------


def _prepare(n: int) -> str:
    """Build the plan, write it, check both sides on its JSON and say what it holds."""
    check_shape()
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


def _timings(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The best time of ``fn()`` with the collector running, and with it paused (in
    fewer repeats: that is for information)."""
    return best_of(fn, repeat), best_of(fn, max(2, repeat - 2), paused=True)


def bench(n: int, repeat: int) -> str:
    """Time dumps and loads of a plan with ``n`` projects on both sides; the JSON text.

    While one side is timed, the process holds only what that side needs (its own plan
    for dumps, the text for loads), so that neither pays the garbage collector for the
    other's objects."""
    text = _prepare(n)
    dumps_ours, dumps_ours_p = _timings(
        partial(sciplan_model.dumps, sciplan_model.loads(text)), repeat
    )
    dumps_base, dumps_base_p = _timings(
        partial(pydantic_dumps, PlanModel.model_validate_json(text)), repeat
    )
    compact_ours = best_of(
        partial(sciplan_model.dumps, sciplan_model.loads(text), indent=None), repeat
    )
    compact_base = best_of(
        partial(PlanModel.model_validate_json(text).model_dump_json, exclude_defaults=True),
        repeat,
    )
    loads_ours, loads_ours_p = _timings(partial(sciplan_model.loads, text), repeat)
    loads_base, loads_base_p = _timings(partial(PlanModel.model_validate_json, text), repeat)
    fewer = max(2, repeat - 2)
    floor_loads = best_of(partial(json.loads, text), fewer)
    floor_dumps = best_of(
        partial(json.dumps, json.loads(text), ensure_ascii=False, indent=2), fewer
    )

    label = f"{n:,} projects"
    _report(f"dumps(plan), {label}", dumps_ours, dumps_base, AIM)
    _report(f"loads(text), {label}", loads_ours, loads_base, AIM)
    _report("dumps + loads", dumps_ours + loads_ours, dumps_base + loads_base, AIM)
    print(
        f"{'':<44} that is {(dumps_ours + loads_ours) / n * 1e6:.1f} µs a project for us, "
        f"{(dumps_base + loads_base) / n * 1e6:.1f} µs for pydantic"
    )
    _report("  (information) dumps on one line (indent=None)", compact_ours, compact_base, "-")
    # for information: the work itself, with the garbage collector paused (as timeit
    # does), and the standard library's json alone on the same text and data
    _report("  (information) dumps, collector paused", dumps_ours_p, dumps_base_p, "-")
    _report("  (information) loads, collector paused", loads_ours_p, loads_base_p, "-")
    _report(
        "  (information) dumps + loads, paused",
        dumps_ours_p + loads_ours_p,
        dumps_base_p + loads_base_p,
        "-",
    )
    print(
        f"{'  (information) stdlib json alone':<44} "
        f"json.loads {fmt_time(floor_loads)}  json.dumps(indent=2) {fmt_time(floor_dumps)}"
    )
    return text


def _phases(plan: Plan, text: str) -> None:
    """The time of each phase of loads and dumps, without the profiler's overhead."""
    read = getattr(_serialize, "_read_json", None)
    print("\nPhases (best of 3, collector paused, no profiler):")
    phases: list[tuple[str, Callable[[], object]]] = [
        ("dumps: to_data(plan)", lambda: _serialize.to_data(plan)),
    ]
    data = _serialize.to_data(plan)
    phases.append(
        (
            "dumps: json.dumps(data, indent=2)",
            lambda: json.dumps(data, ensure_ascii=False, indent=2),
        )
    )
    if read is not None:
        parsed = read(text)
        phases += [
            ("loads: _read_json(text)", lambda: read(text)),
            ("loads: from_data(data)", lambda: _serialize.from_data(parsed)),
        ]
    depth = getattr(_serialize, "_depth_problem", None)
    if depth is not None:
        phases.append(("loads:   of which _depth_problem(text)", lambda: depth(text)))
    duplicates = getattr(_serialize, "_duplicate_ids", None)
    if duplicates is not None and read is not None:
        phases.append(("loads:   of which _duplicate_ids(data)", lambda: duplicates(parsed)))
    converter = getattr(_serialize, "_converter", None)
    fast = converter(False) if converter is not None else None
    if fast is not None and read is not None:
        body = {k: v for k, v in parsed.items() if k != "schema_version"}
        phases.append(
            ("loads:   of which _FAST.structure(data)", lambda: fast.structure(body, Plan))
        )
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
    """Run the benchmark of issue 3."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smaller, faster run")
    parser.add_argument(
        "--profile", action="store_true", help="also profile one loads and one dumps"
    )
    args = parser.parse_args()
    n = 10_000 if args.quick else 100_000
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, pydantic {pydantic.VERSION}")
    text = bench(n, 3 if args.quick else 5)
    if args.profile:
        profile(sciplan_model.loads(text), text)


def _report(name: str, ours: float, base: float, aim: str, per: int = 1) -> None:
    """One benchmark line, with pydantic as the baseline."""
    report(name, ours, base, aim, per, baseline="pydantic")


if __name__ == "__main__":
    main()
