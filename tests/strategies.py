"""Hypothesis strategies shared by the tests: bounded Decimals, units, quantities,
figures as written."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from sciplan_model import Figure, Money, Qualifier, Quantity

MONEY_UNITS = ("元", "千元", "万元", "百万元", "亿元", "万亿元")
COUNT_WORDS = (
    "项", "个", "家", "人", "名", "人次", "期", "场", "场次", "户", "份", "册",
    "张", "件", "种", "套", "课时", "门", "次",
)  # fmt: skip
SCALES = ("", "万", "亿", "万亿")
COUNT_UNITS = tuple(scale + word for scale in SCALES for word in COUNT_WORDS)
AREA_UNITS = ("亩", "万亩", "亿亩", "公顷")


def decimals(
    max_digits: int = 12, places: int = 4, signed: bool = False
) -> st.SearchStrategy[Decimal]:
    """Exact decimals with at most ``max_digits`` digits and ``places`` decimal places."""
    low = -(10**max_digits) + 1 if signed else 0
    return st.builds(
        lambda coefficient, exponent: Decimal(coefficient).scaleb(-exponent),
        st.integers(low, 10**max_digits - 1),
        st.integers(0, places),
    )


def money(units: tuple[str, ...] = MONEY_UNITS, signed: bool = False) -> st.SearchStrategy[Money]:
    """Money in any of ``units``."""
    return st.builds(Money, decimals(signed=signed), st.sampled_from(units))


def quantities_of(units: tuple[str, ...], signed: bool = False) -> st.SearchStrategy[Quantity]:
    """Quantities in any of ``units`` (one dimension, if the caller keeps it so)."""
    return st.builds(Quantity, decimals(signed=signed), st.sampled_from(units))


def any_quantity(signed: bool = False) -> st.SearchStrategy[Quantity]:
    """A quantity of money, of a count or of area."""
    return st.one_of(
        money(signed=signed),
        quantities_of(COUNT_UNITS, signed=signed),
        quantities_of(AREA_UNITS, signed=signed),
    )


def positive_magnitudes() -> st.SearchStrategy[Decimal]:
    """Magnitudes above zero, as a plan would write them."""
    return decimals(max_digits=9, places=3).filter(lambda d: d > 0)


_SIMPLE = (
    Qualifier.EXACT,
    Qualifier.AT_LEAST,
    Qualifier.MORE_THAN,
    Qualifier.AT_MOST,
    Qualifier.LESS_THAN,
    Qualifier.ODD,
    Qualifier.NEARLY,
    Qualifier.ABOUT,
)


@st.composite
def canonical_figures(draw: st.DrawFn) -> Figure:
    """Figures built from parts (their ``text`` is their canonical form)."""
    unit = draw(st.sampled_from(MONEY_UNITS + COUNT_UNITS + AREA_UNITS))
    aspirational = draw(st.booleans())
    kind = draw(st.sampled_from((*_SIMPLE, Qualifier.RANGE, Qualifier.UNKNOWN)))
    if kind is Qualifier.UNKNOWN:
        placeholder = draw(st.sampled_from(("20xx", "xx", "XX", "1x")))
        return Figure(None, unit, kind, aspirational, placeholder=placeholder)
    value = Quantity(draw(positive_magnitudes()), unit)
    if kind is Qualifier.RANGE:
        upper = Quantity(draw(positive_magnitudes()), unit)
        low, high = sorted((value, upper))
        return Figure(low, unit, kind, aspirational, upper=high)
    return Figure(value, unit, kind, aspirational)


# -- plan trees ---------------------------------------------------------------------------
# Strategies for the model's classes, down to whole plans whose sections nest through
# ``st.recursive``.  Everything they make is valid, so that it must save and load back.
# The strategies without arguments are built once (functools.cache): building them
# again for every example costs more than drawing from them.

import functools  # noqa: E402
from typing import Any, NamedTuple, TypeVar  # noqa: E402

import attrs  # noqa: E402

from sciplan_model import (  # noqa: E402
    Achievement,
    Aggregation,
    Breakdown,
    BreakdownPart,
    Designation,
    FiveYearPlan,
    Funding,
    FundingSource,
    FundingStage,
    Goal,
    Indicator,
    Level,
    Measure,
    Note,
    Organization,
    OrganizationKind,
    Person,
    Plan,
    PlanKind,
    Project,
    ProjectStatus,
    Region,
    ScheduleEntry,
    Section,
    SourceRef,
    Task,
    Year,
    YearSpan,
    unit_info,
)
from sciplan_model.numerals import to_chinese_numeral  # noqa: E402

T = TypeVar("T")

#: Units that measure one thing each: money, area, and each measure word with its scales.
UNIT_FAMILIES: tuple[tuple[str, ...], ...] = (
    MONEY_UNITS,
    AREA_UNITS,
    *(tuple(scale + word for scale in SCALES) for word in COUNT_WORDS),
)

# Characters a plan's names are written in, with some that JSON and TOML must escape.
_ALPHABET = st.one_of(
    st.sampled_from("科技计划项目县市省企业协会培训一二三十、，。()（）“”《》·"),
    st.sampled_from("abcXYZ019 \"\\\n\t'/#[]{}=\x00\x7f"),
    st.characters(min_codepoint=0x20, max_codepoint=0x2FFFF, exclude_categories=("Cs",)),
)


@functools.cache
def names() -> st.SearchStrategy[str]:
    """Short non-blank texts: names, titles, ids."""
    return st.text(_ALPHABET, min_size=1, max_size=8).filter(lambda s: bool(s.strip()))


@functools.cache
def optional_texts() -> st.SearchStrategy[str | None]:
    """An optional free text (empty allowed where the model allows it)."""
    return st.none() | st.text(_ALPHABET, min_size=1, max_size=12).filter(lambda s: bool(s.strip()))


@functools.cache
def optional_names() -> st.SearchStrategy[str | None]:
    """An optional short name."""
    return st.none() | names()


@functools.cache
def years() -> st.SearchStrategy[Year]:
    """Known years of four digits, and placeholder years (20xx年)."""
    return st.one_of(
        st.builds(Year, st.integers(1000, 9999)),
        st.sampled_from(("20xx年", "xxxx年", "19XX年", "20××年")).map(Year.parse),
    )


@functools.cache
def five_year_plans() -> st.SearchStrategy[FiveYearPlan]:
    """Five-year plans as plans name them (一五 to 九千九百九十九五)."""
    return st.builds(FiveYearPlan, st.integers(1, 9999))


@st.composite
def year_spans(draw: st.DrawFn) -> YearSpan:
    """Spans of years whose known ends are in order."""
    start, end = draw(years()), draw(years())
    if start.value is not None and end.value is not None and start.value > end.value:
        start, end = end, start
    return YearSpan(start, end)


@functools.cache
def periods() -> st.SearchStrategy[Year | FiveYearPlan | YearSpan]:
    """Any period: a year, a five-year plan or a span."""
    return st.one_of(years(), five_year_plans(), year_spans())


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """``strategy`` or None."""
    return st.none() | strategy


@st.composite
def source_refs(draw: st.DrawFn) -> SourceRef:
    """Half-open spans of code points in a document."""
    start = draw(st.integers(0, 10**6))
    end = draw(st.integers(start, start + 10**4))
    return SourceRef(document=draw(names()), start=start, end=end)


@functools.cache
def region_codes() -> st.SearchStrategy[str]:
    """Six-digit GB/T 2260 codes."""
    return st.from_regex(r"[0-9]{6}", fullmatch=True).filter(str.isascii)


@functools.cache
def regions() -> st.SearchStrategy[Region]:
    """Regions with up to a few regions above them."""
    leaf = st.builds(
        Region, name=names(), code=optional(region_codes()), level=optional(st.sampled_from(Level))
    )
    return st.recursive(
        leaf,
        lambda parents: st.builds(
            Region,
            name=names(),
            code=optional(region_codes()),
            level=optional(st.sampled_from(Level)),
            parent=parents,
        ),
        max_leaves=3,
    )


@st.composite
def figures_in(draw: st.DrawFn, units: tuple[str, ...]) -> Figure:
    """Figures (as canonical_figures makes them) in one of ``units``."""
    unit = draw(st.sampled_from(units))
    aspirational = draw(st.booleans())
    kind = draw(st.sampled_from((*_SIMPLE, Qualifier.RANGE, Qualifier.UNKNOWN)))
    if kind is Qualifier.UNKNOWN:
        placeholder = draw(st.sampled_from(("20xx", "xx", "XX", "1x")))
        return Figure(None, unit, kind, aspirational, placeholder=placeholder)
    value = Quantity(draw(positive_magnitudes()), unit)
    if kind is Qualifier.RANGE:
        upper = Quantity(draw(positive_magnitudes()), unit)
        low, high = sorted((value, upper))
        return Figure(low, unit, kind, aspirational, upper=high)
    return Figure(value, unit, kind, aspirational)


@st.composite
def indicators(draw: st.DrawFn, family: tuple[str, ...] | None = None) -> Indicator:
    """Indicators in a unit of ``family`` (any family when None); a counted one may
    name other measure words that count the same thing."""
    units = family if family is not None else draw(st.sampled_from(UNIT_FAMILIES))
    unit = draw(st.sampled_from(units))
    same_as: list[str] = []
    if unit_info(unit).is_count:
        same_as = draw(st.lists(st.sampled_from(COUNT_WORDS), max_size=2, unique=True))
    return Indicator(
        name=draw(names()),
        unit=unit,
        same_as=same_as,
        key=draw(optional_names()),
        aggregation=draw(st.sampled_from(Aggregation)),
        per=draw(optional_names()),
    )


@st.composite
def _measured(draw: st.DrawFn, cls: type[Goal] | type[Achievement]) -> Goal | Achievement:
    family = draw(st.sampled_from(UNIT_FAMILIES))
    indicator = draw(indicators(family))
    words = tuple(indicator.same_as)
    figure = draw(figures_in(family + words))
    return cls(
        indicator=indicator,
        figure=figure,
        period=draw(optional(periods())),
        label=draw(optional_names()),
        region=draw(optional(regions())),
        levels=draw(level_spans()),
        source=draw(optional(source_refs())),
    )


@functools.cache
def level_spans() -> st.SearchStrategy[Any]:
    """What a goal's or achievement's ``levels`` is given as: a few Levels, one Level,
    or a level or span as plans write it (省级, 市级以上, 县级及以下)."""
    return st.one_of(
        st.lists(st.sampled_from(Level), max_size=3, unique=True),
        st.sampled_from(Level),
        st.sampled_from(["省级", "国家级", "市级以上", "省级及以上", "县级及以下"]),
    )


@functools.cache
def goals() -> st.SearchStrategy[Goal]:
    """Targets: an indicator and a figure it counts."""
    return _measured(Goal)  # type: ignore[return-value]


@functools.cache
def achievements() -> st.SearchStrategy[Achievement]:
    """Actuals: an indicator and a figure it counts."""
    return _measured(Achievement)  # type: ignore[return-value]


@functools.cache
def tasks() -> st.SearchStrategy[Task]:
    """Things to do, with their goals."""
    return st.builds(
        Task,
        label=optional_names(),
        title=optional_names(),
        text=optional_texts(),
        owner=optional_names(),
        deadline=optional(periods()),
        participants=st.lists(names(), max_size=2),
        goals=st.lists(goals(), max_size=2),
        projects=st.just([]),  # references are checked against the plan's projects
        source=optional(source_refs()),
    )


@functools.cache
def measures() -> st.SearchStrategy[Measure]:
    """How goals are reached."""
    return st.builds(
        Measure,
        label=optional_names(),
        title=optional_names(),
        category=optional_names(),
        text=optional_texts(),
        source=optional(source_refs()),
    )


@functools.cache
def fundings() -> st.SearchStrategy[Funding]:
    """Lines of money of any source and stage."""
    return st.builds(
        Funding,
        amount=money(),
        source=st.sampled_from(FundingSource),
        stage=st.sampled_from(FundingStage),
        year=optional(years()),
    )


@functools.cache
def designations() -> st.SearchStrategy[Designation]:
    """Titles given to bodies and places."""
    return st.builds(
        Designation,
        title=names(),
        holder=optional_names(),
        by=st.lists(names(), max_size=2),
        level=optional(st.sampled_from(Level)),
        year=optional(years()),
        nominated=st.booleans(),
        source=optional(source_refs()),
    )


@functools.cache
def organizations() -> st.SearchStrategy[Organization]:
    """Bodies with their titles."""
    return st.builds(
        Organization,
        name=names(),
        kind=st.sampled_from(OrganizationKind),
        designations=st.lists(designations(), max_size=2),
        region=optional(regions()),
        source=optional(source_refs()),
    )


@functools.cache
def projects() -> st.SearchStrategy[Project]:
    """Projects with their undertaker and money (ids are not unique: see plans())."""
    return st.builds(
        Project,
        id=names(),
        name=names(),
        programme=optional_names(),
        level=optional(st.sampled_from(Level)),
        status=optional(st.sampled_from(ProjectStatus)),
        year=optional(years()),
        undertaker=optional(organizations()),
        funding=st.lists(fundings(), max_size=3),
        related=st.just([]),  # references are checked against the plan's projects
        source=optional(source_refs()),
    )


@st.composite
def breakdowns(draw: st.DrawFn) -> Breakdown:
    """共…其中… statements: a total and parts of its dimension, keyed by level or name."""
    family = draw(st.sampled_from(UNIT_FAMILIES))
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        level = draw(optional(st.sampled_from(Level)))
        category = draw(names()) if level is None else draw(optional_names())
        parts.append(
            BreakdownPart(
                figure=draw(figures_in(family)),
                level=level,
                category=category,
                source=draw(optional(source_refs())),
            )
        )
    return Breakdown(
        subject=draw(names()),
        total=draw(figures_in(family)),
        indicator=draw(optional(indicators(family))),
        parts=parts,
        complete=draw(st.booleans()),
        levels=draw(st.lists(st.sampled_from(Level), max_size=3, unique=True)),
        period=draw(optional(periods())),
        source=draw(optional(source_refs())),
    )


@functools.cache
def schedule_entries() -> st.SearchStrategy[ScheduleEntry]:
    """Rows of a timetable."""
    return st.builds(
        ScheduleEntry,
        date=optional_names(),
        time=optional_names(),
        person=optional_names(),
        topic=optional_texts(),
        source=optional(source_refs()),
    )


@functools.cache
def persons() -> st.SearchStrategy[Person]:
    """People a plan names, with their roles."""
    return st.builds(
        Person,
        name=names(),
        role=optional_names(),
        organization=optional_names(),
        source=optional(source_refs()),
    )


@functools.cache
def notes() -> st.SearchStrategy[Note]:
    """Statements without a figure."""
    return st.builds(
        Note,
        label=optional_names(),
        title=names(),
        text=optional_texts(),
        source=optional(source_refs()),
    )


@functools.cache
def items() -> st.SearchStrategy[Any]:
    """Anything a section holds besides its child sections."""
    return st.one_of(
        goals(),
        achievements(),
        tasks(),
        measures(),
        projects(),
        breakdowns(),
        schedule_entries(),
        persons(),
        designations(),
        organizations(),
        notes(),
    )


def _section(children: st.SearchStrategy[list[Section]]) -> st.SearchStrategy[Section]:
    return st.builds(
        Section,
        label=optional_names(),
        title=optional_names(),
        kind=optional(st.sampled_from(PlanKind)),
        period=optional(periods()),
        text=optional_texts(),
        items=st.lists(items(), max_size=2),
        sections=children,
        source=optional(source_refs()),
    )


@functools.cache
def sections() -> st.SearchStrategy[Section]:
    """Trees of sections, a few levels deep, with their items."""
    return st.recursive(
        _section(st.just([])),
        lambda children: _section(st.lists(children, max_size=3)),
        max_leaves=10,
    )


def _renumber(section: Section, counter: list[int]) -> Section:
    """``section`` with every project given an id of its own, p1, p2, … in document order."""
    new_items = []
    for item in section.items:
        if isinstance(item, Project):
            counter[0] += 1
            item = attrs.evolve(item, id=f"p{counter[0]}")
        new_items.append(item)
    children = [_renumber(child, counter) for child in section.sections]
    return attrs.evolve(section, items=new_items, sections=children)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """Whole plans, whose projects have distinct ids (as a loadable plan must)."""
    counter = [0]
    tree = [_renumber(s, counter) for s in draw(st.lists(sections(), max_size=2))]
    return Plan(
        id=draw(names()),
        title=draw(names()),
        kind=draw(st.sampled_from(PlanKind)),
        issuer=draw(optional_names()),
        region=draw(optional(regions())),
        level=draw(optional(st.sampled_from(Level))),
        period=draw(optional(periods())),
        sections=tree,
        source=draw(optional(source_refs())),
    )


# -- roll-ups -------------------------------------------------------------------------------
# Small worlds for the roll-up properties: amounts of money that can be written in 元, 万元
# or 亿元 alike, projects with a few levels, sources and stages, achievements of two
# indicators, and plans that share project ids, indicators and a tree of regions.

#: Units the same sum of money may be written in.
ROLLUP_MONEY_UNITS = ("元", "万元", "亿元")
ROLLUP_LEVELS = (Level.NATIONAL, Level.PROVINCIAL, Level.COUNTY)
ROLLUP_SOURCES = (FundingSource.NATIONAL, FundingSource.PROVINCIAL, FundingSource.ENTERPRISE)
ROLLUP_STAGES = (FundingStage.ALLOCATED, FundingStage.SPENT)
ROLLUP_PERIODS = (None, Year(2006), Year(2007), FiveYearPlan(11))
#: Indicators of two dimensions; the one in 项 also counts what is written in 个.
ROLLUP_TRAINED = Indicator(name="培训人次", unit="人次", key="trained")
ROLLUP_WON = Indicator(name="科技计划项目", unit="项", same_as=("个",))
_ROLLUP_FAMILIES = {
    ROLLUP_TRAINED: ("人次", "万人次"),
    ROLLUP_WON: ("项", "万项", "个", "万个"),
}
ROLLUP_GANSU = Region(name="甘肃省", code="620000", level=Level.PROVINCIAL)
ROLLUP_CITY = Region(name="XX市", level=Level.MUNICIPAL, parent=ROLLUP_GANSU)
ROLLUP_COUNTY_A = Region(name="甲县", level=Level.COUNTY, parent=ROLLUP_CITY)
ROLLUP_COUNTY_B = Region(name="乙县", level=Level.COUNTY, parent=ROLLUP_CITY)
ROLLUP_REGIONS = (None, ROLLUP_GANSU, ROLLUP_CITY, ROLLUP_COUNTY_A, ROLLUP_COUNTY_B)
#: Project ids plans share, so that combining them meets the same project twice.
SHARED_IDS = ("p1", "p2", "p3", "p4")


@functools.cache
def yuan() -> st.SearchStrategy[Decimal]:
    """Sums of money in 元, to the 分, small enough to total in any of the units."""
    return decimals(max_digits=10, places=2)


@st.composite
def money_written_in(draw: st.DrawFn, units: tuple[str, ...] = ROLLUP_MONEY_UNITS) -> Money:
    """An amount of money (whole 分) written in one of ``units``."""
    amount = Money(draw(yuan()), "元").to(draw(st.sampled_from(units)))
    assert isinstance(amount, Money)
    return amount


@st.composite
def funded_projects(draw: st.DrawFn, ids: tuple[str, ...] = SHARED_IDS) -> Project:
    """Projects of a few levels, with up to three funding lines of a few sources and of
    two stages, each amount written in 元, 万元 or 亿元."""
    lines = [
        Funding(
            amount=draw(money_written_in()),
            source=draw(st.sampled_from(ROLLUP_SOURCES)),
            stage=draw(st.sampled_from(ROLLUP_STAGES)),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    return Project(
        id=draw(st.sampled_from(ids)),
        name="项目",
        level=draw(optional(st.sampled_from(ROLLUP_LEVELS))),
        funding=lines,
    )


@st.composite
def counted(draw: st.DrawFn, cls: type[Goal] | type[Achievement] = Achievement) -> Any:
    """Goals or achievements of the two roll-up indicators, with qualified and unknown
    figures among them, in one of a few periods."""
    indicator = draw(st.sampled_from(tuple(_ROLLUP_FAMILIES)))
    return cls(
        indicator=indicator,
        figure=draw(figures_in(_ROLLUP_FAMILIES[indicator])),
        period=draw(st.sampled_from(ROLLUP_PERIODS)),
    )


@st.composite
def sharing_plans(draw: st.DrawFn) -> Plan:
    """Small plans whose projects draw their ids from SHARED_IDS (a plan may name one
    twice), with goals (some in tasks) and achievements of the two roll-up indicators,
    sections with and without periods, and regions from one tree."""

    def section(depth: int) -> Section:
        items: list[Any] = []
        for _ in range(draw(st.integers(0, 3))):
            kind = draw(st.sampled_from(("project", "achievement", "goal", "task")))
            if kind == "project":
                items.append(draw(funded_projects()))
            elif kind == "achievement":
                items.append(draw(counted(Achievement)))
            elif kind == "goal":
                items.append(draw(counted(Goal)))
            else:
                items.append(Task(goals=draw(st.lists(counted(Goal), max_size=2))))
        children = [section(depth + 1) for _ in range(draw(st.integers(0, 2 - depth)))]
        return Section(period=draw(st.sampled_from(ROLLUP_PERIODS)), items=items, sections=children)

    return Plan(
        id=draw(st.sampled_from(("A", "B", "C"))),
        title="科技工作计划",
        kind=PlanKind.ANNUAL,
        region=draw(st.sampled_from(ROLLUP_REGIONS)),
        period=draw(st.sampled_from(ROLLUP_PERIODS)),
        sections=[section(1) for _ in range(draw(st.integers(1, 2)))],
    )


# -- validation -----------------------------------------------------------------------------
# Statements the checks of sciplan_model.validation look into: breakdowns whose parts add
# up to their total exactly, whatever units of one family they are written in, and plans
# with breakdowns that name the plan's projects and achievements for a five-year plan and
# for its years.

import decimal as _decimal  # noqa: E402

#: Families of units that convert into one another exactly (公顷 does not, into 亩).
EXACT_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("元", "万元", "亿元"),
    ("亩", "万亩"),
    *(tuple(scale + word for scale in SCALES) for word in COUNT_WORDS),
)
_WIDE = _decimal.Context(prec=80, traps=[_decimal.Inexact, _decimal.Rounded])


def in_unit(amounts: list[Quantity], unit: str) -> Quantity:
    """The exact sum of ``amounts`` written in ``unit``, with no digit before the point
    dropped from view (an exponent above zero would hide which digit is written)."""
    base = sum((_WIDE.multiply(q.magnitude, unit_info(q.unit).factor) for q in amounts), Decimal(0))
    magnitude = _WIDE.divide(base, unit_info(unit).factor)
    if magnitude.as_tuple().exponent > 0:  # type: ignore[operator]
        magnitude = magnitude.quantize(Decimal(1), context=_WIDE)
    return Quantity(magnitude, unit)


@st.composite
def summing_breakdowns(draw: st.DrawFn) -> Breakdown:
    """Complete breakdowns of exact figures whose parts add up to their total exactly,
    each figure in any unit of one family (11万元 + 5000元 = 0.00115亿元)."""
    family = draw(st.sampled_from(EXACT_FAMILIES))
    amounts = [
        Quantity(draw(decimals(max_digits=7, places=2)), draw(st.sampled_from(family)))
        for _ in range(draw(st.integers(1, 4)))
    ]
    parts = []
    for k, amount in enumerate(amounts):
        level = draw(optional(st.sampled_from(Level)))
        category = None if level is not None else f"分项{k + 1}"
        parts.append(BreakdownPart(figure=Figure.exact(amount), level=level, category=category))
    indicator = draw(optional(st.just(Indicator(name="指标", unit=family[0]))))
    return Breakdown(
        subject="合计",
        total=Figure.exact(in_unit(amounts, draw(st.sampled_from(family)))),
        indicator=indicator,
        parts=parts,
    )


@st.composite
def checked_plans(draw: st.DrawFn) -> Plan:
    """Plans (as plans() makes them) with one more section whose statements the checks
    look into: breakdowns naming some of the plan's projects (and an id it lacks), of any
    funding stage, and achievements of one indicator for a five-year plan and for some of
    its years."""
    plan = draw(plans())
    ids = [p.id for p in plan.projects()]
    items: list[Any] = []
    for _ in range(draw(st.integers(0, 2))):
        listed = draw(st.lists(st.sampled_from(ids), max_size=3)) if ids else []
        listed += draw(st.lists(st.just("无此项目"), max_size=1))
        stage = draw(st.sampled_from(FundingStage))
        items.append(attrs.evolve(draw(breakdowns()), projects=listed, stage=stage))
    family = draw(st.sampled_from(UNIT_FAMILIES))
    indicator = draw(indicators(family))
    written = figures_in(family + tuple(indicator.same_as))
    five = FiveYearPlan(draw(st.integers(9, 12)))
    items.append(Achievement(indicator=indicator, figure=draw(written), period=five))
    for year in draw(st.lists(st.sampled_from(five.years), max_size=5)):
        items.append(Achievement(indicator=indicator, figure=draw(written), period=Year(year)))
    return attrs.evolve(plan, sections=[*plan.sections, Section(title="核对", items=items)])


# -- plans written out as text --------------------------------------------------------------
# For the reader of plan texts: a plan's outline, sentences and 共…其中 statements written
# out as a county's plan would write them, with what a reader must find in them.

_COUNTIES = ("青禾县", "石岭区", "云溪市", "芦湾镇", "松川县", "白岩县")
_TOPICS = ("科技创新", "成果转化", "科技服务", "人才培养", "平台建设", "科学普及")
#: (what is counted, its unit, the verb before it) — invented indicators of plans.
_COUNTED = (
    ("高新技术企业", "家", "新增"),
    ("科技计划项目", "项", "争取"),
    ("农民技术培训", "人次", "开展"),
    ("科技示范基地", "个", "建设"),
    ("发明专利授权", "件", "实现"),
    ("研发经费投入", "万元", "带动"),
    ("示范种植面积", "亩", "推广"),
)
_LEVELS = (("国家级", Level.NATIONAL), ("省级", Level.PROVINCIAL), ("市级", Level.MUNICIPAL))
_WRITTEN_QUALIFIERS = (
    Qualifier.EXACT,
    Qualifier.AT_LEAST,
    Qualifier.MORE_THAN,
    Qualifier.ODD,
    Qualifier.NEARLY,
    Qualifier.ABOUT,
)


class WrittenPlan(NamedTuple):
    """A plan's text and what a reader must find in it: every figure in order, and the
    breakdowns as (total, parts, complete)."""

    text: str
    figures: list[Figure]
    breakdowns: list[tuple[Figure, list[Figure], bool]]
    headings: list[str]


@st.composite
def written_plans(draw: st.DrawFn) -> WrittenPlan:
    """A county's annual plan written out: numbered sections (一、 with （一） inside),
    sentences of one figure each, and complete 共…其中 statements by level."""
    year = draw(st.integers(2000, 2035))
    county = draw(st.sampled_from(_COUNTIES))
    lines = [f"{county}科学技术局{year}年工作计划"]
    figures: list[Figure] = []
    breakdowns: list[tuple[Figure, list[Figure], bool]] = []
    headings: list[str] = []
    for k in range(draw(st.integers(1, 3))):
        label = f"{to_chinese_numeral(k + 1)}、"
        topic = draw(st.sampled_from(_TOPICS))
        lines.append(f"{label}{topic}")
        headings.append(label)
        for j in range(draw(st.integers(0, 2))):
            sub = f"（{to_chinese_numeral(j + 1)}）"
            lines.append(f"{sub}{draw(st.sampled_from(_TOPICS))}工作")
            headings.append(sub)
            sentences = []
            for _ in range(draw(st.integers(1, 3))):
                noun, unit, verb = draw(st.sampled_from(_COUNTED))
                if draw(st.booleans()):
                    figure = draw(_written_figure(unit))
                    figures.append(figure)
                    sentences.append(f"{verb}{noun}{figure}")
                else:
                    total, parts = draw(_summing_parts(unit))
                    figures.extend([total, *parts])
                    breakdowns.append((total, parts, True))
                    said = "、".join(
                        f"{name}{part}" for (name, _), part in zip(_LEVELS, parts, strict=False)
                    )
                    sentences.append(f"共{verb}{noun}{total}，其中{said}")
            lines.append("；".join(sentences) + "。")
    return WrittenPlan("\n".join(lines) + "\n", figures, breakdowns, headings)


@st.composite
def _written_figure(draw: st.DrawFn, unit: str) -> Figure:
    qualifier = draw(st.sampled_from(_WRITTEN_QUALIFIERS))
    places = 2 if unit in ("万元", "亩") else 0
    value = Quantity(draw(decimals(max_digits=6, places=places).filter(lambda d: d > 0)), unit)
    return Figure(value, qualifier=qualifier)


@st.composite
def _summing_parts(draw: st.DrawFn, unit: str) -> tuple[Figure, list[Figure]]:
    places = 2 if unit in ("万元", "亩") else 0
    amounts = [
        Quantity(draw(decimals(max_digits=5, places=places).filter(lambda d: d > 0)), unit)
        for _ in range(draw(st.integers(2, len(_LEVELS))))
    ]
    return Figure.exact(in_unit(amounts, unit)), [Figure.exact(a) for a in amounts]


# -- damaging saved data -----------------------------------------------------------------


def places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The paths (keys and indexes) of every value inside plain ``data``, its own
    included (the empty path)."""
    out = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            out.extend(places(value, (*path, key)))
    elif isinstance(data, list):
        for k, value in enumerate(data):
            out.extend(places(value, (*path, k)))
    return out


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A copy of plain ``data`` with the value at ``path`` replaced by ``value``."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: replaced(data[head], rest, value)}
    return [replaced(v, rest, value) if k == head else v for k, v in enumerate(data)]
