"""A synthetic province for the roll-up and validation benchmarks.

One province, 10 cities under it and 10 counties under each city (GB/T 2260-style
codes: 620000, 6201xx …); for each county and each year 2021–2025 one annual plan with
200 projects and 20 "共…其中…" breakdowns: 100,000 projects and about 250,000 funding
lines in all.  Everything comes from one seeded ``random.Random``, so that the same
arguments build the same plans.

The data is valid as a plan checker sees it:

- project ids are unique across the province (``c042-2023-p117``);
- every amount is in 万元 with one or two decimals, never negative, so that plain
  ``Decimal`` magnitudes add up to the same sums as the library's ``Money``;
- every project has at least one ALLOCATED funding line, and where a project states
  other stages their sums are ordered: planned ≥ allocated ≥ received ≥ spent (a stage
  the project does not state is not compared);
- a complete breakdown's parts (by level) sum exactly to its total; a partial one
  (``complete=False``, about one in eight) has parts below its total.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Iterator
from decimal import Decimal

from sciplan_model import (
    Breakdown,
    BreakdownPart,
    Figure,
    Funding,
    FundingSource,
    FundingStage,
    Indicator,
    Level,
    Money,
    Plan,
    PlanKind,
    Project,
    ProjectStatus,
    Quantity,
    Region,
    Section,
    Year,
)

__all__ = ["FIRST_YEAR", "LEVELS", "SEED", "country", "country_regions", "province", "regions"]

SEED = 20261201
FIRST_YEAR = 2021
LEVELS = (Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL, Level.COUNTY)
# few national projects, most of them the county's own: 1 in 20 national, 4 provincial,
# 6 municipal, 9 county (a pool to draw from: ``random.choices`` with weights is slower)
LEVEL_POOL = (
    (Level.NATIONAL,) + (Level.PROVINCIAL,) * 4 + (Level.MUNICIPAL,) * 6 + (Level.COUNTY,) * 9
)

CITY_NAMES = ("东川", "西岭", "南塬", "北岗", "中河", "清水", "白石", "青山", "红崖", "金沙")
COUNTY_WORDS = ("东", "西", "南", "北", "中", "上", "下", "前", "后", "新")
PROGRAMMES = (
    "星火计划",
    "火炬计划",
    "科技富民强县专项行动",
    "农业科技成果转化资金",
    "科技型中小企业技术创新基金",
)
SUBJECTS = (
    "玉米制种",
    "马铃薯脱毒种薯",
    "日光温室蔬菜",
    "高原夏菜",
    "肉羊育肥",
    "中药材规范化种植",
    "节水灌溉",
    "农产品加工",
)
KINDS = ("产业化示范", "技术推广", "良种繁育基地建设", "关键技术研究", "集成示范")
PLACES = ("城关镇", "东乡", "西川镇", "南山乡", "北塬乡", "河湾村")
STATUSES: tuple[ProjectStatus | None, ...] = (None, *ProjectStatus)
GRANTS = (FundingSource.NATIONAL, FundingSource.PROVINCIAL, FundingSource.MUNICIPAL)
MATCHING = (FundingSource.COUNTY, FundingSource.ENTERPRISE, FundingSource.BANK_LOAN)

PROJECTS = Indicator(name="科技计划项目", unit="项", same_as=("个",), key="projects")
FUNDS = Indicator(name="科技经费", unit="万元", key="funds")
COUNT_SUBJECTS = ("争取科技计划项目", "实施科技项目", "组织申报项目", "验收科技项目")
MONEY_SUBJECTS = ("争取科技计划项目经费", "落实科技经费", "到位项目资金", "下达科技三项费用")

_ALLOCATED = FundingStage.ALLOCATED
_PLANNED = FundingStage.PLANNED
_RECEIVED = FundingStage.RECEIVED
_SPENT = FundingStage.SPENT


def _wan(hundredths: int, places: int) -> Money:
    """``hundredths`` of a 万元 written with ``places`` decimals (1 or 2)."""
    if places == 1:
        return Money(Decimal(hundredths // 10).scaleb(-1), "万元")
    return Money(Decimal(hundredths).scaleb(-2), "万元")


def _amount(rng: random.Random) -> tuple[int, Money]:
    """A random amount of 0.1 to 300 万元 with one or two decimals, and its hundredths."""
    places = 1 if rng.random() < 0.4 else 2
    hundredths = rng.randrange(10, 30_000)
    if places == 1:
        hundredths -= hundredths % 10
    return hundredths, _wan(hundredths, places)


def _funding(rng: random.Random) -> list[Funding]:
    """Two or three funding lines, at least one of them ALLOCATED, whose stage sums are
    ordered planned ≥ allocated ≥ received ≥ spent."""
    grant = rng.choice(GRANTS)
    a, first = _amount(rng)
    lines = [Funding(amount=first, source=grant)]
    allocated = a
    if rng.random() < 0.6:  # the county's or the enterprise's matching money
        b, second = _amount(rng)
        lines.append(Funding(amount=second, source=rng.choice(MATCHING)))
        allocated += b
    r = rng.random()
    if r < 0.75:  # all allocated: a third line, or a second where there is one
        if len(lines) == 1 or rng.random() < 0.75:
            _, more = _amount(rng)
            lines.append(Funding(amount=more, source=rng.choice(MATCHING)))
    elif r < 0.85:  # the plan's figure: at least what was allocated
        planned = allocated + rng.randrange(0, 5_000)
        lines.insert(0, Funding(amount=_wan(planned, 2), source=grant, stage=_PLANNED))
    elif r < 0.95 or len(lines) == 2:  # part of it received
        received = max(1, allocated * rng.randrange(50, 101) // 100)
        lines.append(Funding(amount=_wan(received, 2), source=grant, stage=_RECEIVED))
    else:  # received, and part of that spent
        received = max(1, allocated * rng.randrange(60, 101) // 100)
        spent = max(1, received * rng.randrange(30, 101) // 100)
        lines.append(Funding(amount=_wan(received, 2), source=grant, stage=_RECEIVED))
        lines.append(Funding(amount=_wan(spent, 2), source=grant, stage=_SPENT))
    return lines


def _project(rng: random.Random, pid: str, year: Year) -> Project:
    return Project(
        id=pid,
        name=f"{rng.choice(PLACES)}{rng.choice(SUBJECTS)}{rng.choice(KINDS)}项目",
        programme=rng.choice(PROGRAMMES),
        level=rng.choice(LEVEL_POOL),
        status=rng.choice(STATUSES),
        year=year,
        funding=_funding(rng),
    )


def _breakdown(rng: random.Random) -> Breakdown:
    """A "共…其中…" statement by level, in 项 or 万元: complete (the parts sum to the
    total) or, about one in eight, partial (the parts below the total)."""
    count = rng.random() < 0.5
    k = rng.randrange(2, 5)
    levels = tuple(sorted(rng.sample(range(4), k)))
    if count:
        values = [rng.randrange(1, 40) for _ in levels]
        figures = [Figure(Quantity(v, "项")) for v in values]
    else:
        values = [rng.randrange(10, 50_000) for _ in levels]
        figures = [Figure(_wan(v, 2)) for v in values]
    parts = [BreakdownPart(figure=f, level=LEVELS[i]) for f, i in zip(figures, levels, strict=True)]
    complete = rng.random() >= 0.125
    whole = sum(values)
    if not complete:
        whole += rng.randrange(1, 40) if count else rng.randrange(1, 20_000)
        parts = parts[: rng.randrange(1, len(parts) + 1)]
    total = Figure(Quantity(whole, "项")) if count else Figure(_wan(whole, 2))
    return Breakdown(
        subject=rng.choice(COUNT_SUBJECTS if count else MONEY_SUBJECTS),
        total=total,
        indicator=PROJECTS if count else FUNDS,
        parts=parts,
        complete=complete,
        levels=tuple(LEVELS[i] for i in levels) if complete else (),
    )


def regions(n: int = 100) -> list[Region]:
    """``n`` county regions, ten to a city, under one province (``lineage`` is
    province, city, county), with GB/T 2260-style codes (620121 in 620100 in 620000)."""
    top = Region(name="甘肃省", code="620000", level=Level.PROVINCIAL)
    cities = [
        Region(name=f"{name}市", code=f"62{c + 1:02d}00", level=Level.MUNICIPAL, parent=top)
        for c, name in enumerate(CITY_NAMES)
    ]
    found = []
    for k in range(n):
        c = (k // 10) % len(cities)
        city = cities[c]
        name = f"{CITY_NAMES[c]}{COUNTY_WORDS[k % 10]}县"
        code: str | None = f"62{c + 1:02d}{21 + k % 10:02d}"  # counties are 21 up
        if k >= 10 * len(cities):  # past 100 counties: more of the same names, no code
            name, code = f"{name}{k // (10 * len(cities)) + 1}", None
        found.append(Region(name=name, code=code, level=Level.COUNTY, parent=city))
    return found


def _plan(
    rng: random.Random, c: int, county: Region, year: Year, projects: int, breakdowns: int
) -> Plan:
    width = max(3, len(str(projects - 1)))
    items = [_project(rng, f"c{c:03d}-{year.value}-p{j:0{width}d}", year) for j in range(projects)]
    high = [p for p in items if p.level in (Level.NATIONAL, Level.PROVINCIAL)]
    low = [p for p in items if p.level not in (Level.NATIONAL, Level.PROVINCIAL)]
    return Plan(
        id=f"c{c:03d}-{year.value}",
        title=f"{county.name}{year.value}年科技工作计划",
        kind=PlanKind.ANNUAL,
        issuer=f"{county.name}科学技术局",
        region=county,
        level=Level.COUNTY,
        period=year,
        sections=[
            Section(
                label="一、",
                title="上年工作回顾",
                items=[_breakdown(rng) for _ in range(breakdowns)],
            ),
            Section(
                label="二、",
                title="科技计划项目",
                sections=[
                    Section(label="(一)", title="国家和省级科技计划项目", items=high),
                    Section(label="(二)", title="市县科技计划项目", items=low),
                ],
            ),
        ],
    )


def province(
    counties: int = 100,
    years: int = 5,
    projects: int = 200,
    breakdowns: int = 20,
    seed: int = SEED,
) -> list[Plan]:
    """The province's annual county plans, county by county and year by year: the same
    plans for the same arguments.

    The garbage collector is paused while the plans are built (they hold no cycles): with
    it running, it walks the growing heap again and again, and the build takes half as
    long again."""
    rng = random.Random(seed)
    span = [Year(FIRST_YEAR + y) for y in range(years)]
    enabled = gc.isenabled()
    gc.disable()
    try:
        return [
            _plan(rng, c, county, year, projects, breakdowns)
            for c, county in enumerate(regions(counties))
            for year in span
        ]
    finally:
        if enabled:
            gc.enable()


def country_regions(n: int = 2800) -> list[Region]:
    """``n`` county regions spread over 31 provinces, about nine cities to a province
    and ten counties to a city, with GB/T 2260-style codes (a province 110000 … 410000,
    its cities 110100 …, their counties 110121 …)."""
    provinces = [
        Region(name=f"第{p + 1}省", code=f"{11 + p}0000", level=Level.PROVINCIAL) for p in range(31)
    ]
    found = []
    for k in range(n):
        p, rest = k % 31, k // 31
        city_no, county_no = rest // 10 % 99, rest % 10
        top = provinces[p]
        city = Region(
            name=f"{top.name}{CITY_NAMES[city_no % 10]}{city_no // 10 or ''}市",
            code=f"{11 + p}{city_no + 1:02d}00",
            level=Level.MUNICIPAL,
            parent=top,
        )
        found.append(
            Region(
                name=f"{city.name}{COUNTY_WORDS[county_no]}县",
                code=f"{11 + p}{city_no + 1:02d}{21 + county_no:02d}",
                level=Level.COUNTY,
                parent=city,
            )
        )
    return found


def country(
    counties: int = 2800,
    years: int = 5,
    projects: int = 200,
    breakdowns: int = 20,
    seed: int = SEED,
) -> Iterator[Plan]:
    """A country's annual county plans, one at a time (a country's plans need not be
    in memory at once): built like :func:`province`'s, over :func:`country_regions`."""
    rng = random.Random(seed)
    span = [Year(FIRST_YEAR + y) for y in range(years)]
    for c, county in enumerate(country_regions(counties)):
        for year in span:
            yield _plan(rng, c, county, year, projects, breakdowns)
