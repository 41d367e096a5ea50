"""Tests of sciplan_model.model (the plan's classes), of the enums of sciplan_model.codes
that the model uses, and of the spans and periods of sciplan_model.period."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from attrs.exceptions import FrozenInstanceError

from sciplan_model import (
    Achievement,
    Aggregation,
    Breakdown,
    BreakdownPart,
    CodeParseError,
    Designation,
    Figure,
    FiveYearPlan,
    Funding,
    FundingSource,
    FundingStage,
    Goal,
    Indicator,
    InvalidValueError,
    Level,
    LevelParseError,
    Measure,
    Money,
    Note,
    Organization,
    OrganizationKind,
    PeriodParseError,
    Person,
    Plan,
    PlanKind,
    Project,
    ProjectStatus,
    Quantity,
    Region,
    ScheduleEntry,
    SciplanError,
    Section,
    SourceRef,
    Task,
    UnitMismatchError,
    UnknownUnitError,
    WrongTypeError,
    Year,
    YearSpan,
    parse_period,
    period_years,
)
from sciplan_model.model import ITEM_TYPES

#: The classes a section's items may be, as the model names them when refusing another.
ITEM_NAMES = " or ".join(t.__name__ for t in ITEM_TYPES)
DOC = "work-plans-1-3.txt"
SRC = SourceRef(document=DOC, start=2406, end=2468)
PROJECTS = Indicator(name="科技计划项目", unit="项", same_as=("个",))
TRAINEES = Indicator(name="培训人次", unit="人次")
FUNDS = Indicator(name="科技经费", unit="万元")
GANSU = Region(name="甘肃省", code="620000", level=Level.PROVINCIAL)
CITY = Region(name="XX市", level=Level.MUNICIPAL, parent=GANSU)
COUNTY = Region(name="XX县", code="621122", level=Level.COUNTY, parent=CITY)


def fig(text: str) -> Figure:
    """A figure read from its text."""
    return Figure.parse(text)


def _refusal(build: Callable[[], object], error: type[Exception], message: str) -> Exception:
    """Call ``build()``, expecting ``error`` with exactly ``message``; return the error."""
    with pytest.raises(error) as excinfo:
        build()
    assert type(excinfo.value) is error
    assert str(excinfo.value) == message
    return excinfo.value


# -- one sample of every class, for the rules they all keep --------------------------------

SAMPLES: dict[str, Callable[[], Any]] = {
    "SourceRef": lambda: SourceRef(document=DOC, start=10, end=20),
    "Region": lambda: Region(name="XX县", code="621122", level=Level.COUNTY, parent=GANSU),
    "Person": lambda: Person(name="张三", role="组长", organization="XX村", source=SRC),
    "Designation": lambda: Designation(
        title="全国科技进步先进县", holder="XX县", by=["科技部"], level=Level.NATIONAL
    ),
    "Organization": lambda: Organization(
        name="XX种业公司",
        kind=OrganizationKind.ENTERPRISE,
        designations=[Designation(title="省级龙头企业")],
        region=COUNTY,
    ),
    "Indicator": lambda: Indicator(
        name="科技计划项目", unit="项", same_as=["个"], key="projects", aggregation=Aggregation.FLOW
    ),
    "Goal": lambda: Goal(
        indicator=TRAINEES, figure=fig("2万人次以上"), period=Year(2006), label="1、"
    ),
    "Achievement": lambda: Achievement(
        indicator=PROJECTS, figure=fig("36项"), period=FiveYearPlan(10), source=SRC
    ),
    "Task": lambda: Task(
        label="3、",
        title="建设监控点",
        goals=[Goal(indicator=Indicator(name="公共区域监控点", unit="个"), figure=fig("2100个"))],
        deadline=Year(2006),
    ),
    "Measure": lambda: Measure(label="一是", title="完善投入机制", category="资金", text="…"),
    "Funding": lambda: Funding(
        amount=Money("11", "万元"),
        source=FundingSource.NATIONAL,
        stage=FundingStage.RECEIVED,
        year=Year(2005),
    ),
    "Project": lambda: Project(
        id="p1",
        name="玉米制种产业富民强县工程",
        programme="科技富民强县专项行动",
        level=Level.NATIONAL,
        status=ProjectStatus.WON,
        year=Year(2005),
        funding=[Funding(amount=Money("11", "万元"), source=FundingSource.NATIONAL)],
    ),
    "BreakdownPart": lambda: BreakdownPart(figure=fig("5项"), level=Level.NATIONAL),
    "Breakdown": lambda: Breakdown(
        subject="科技计划项目",
        total=fig("36项"),
        parts=[
            BreakdownPart(figure=fig("5项"), level=Level.NATIONAL),
            BreakdownPart(figure=fig("24项"), level=Level.PROVINCIAL),
            BreakdownPart(figure=fig("7项"), level=Level.MUNICIPAL),
        ],
        levels=[Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL],
    ),
    "ScheduleEntry": lambda: ScheduleEntry(
        date="7月20日", time="上午", person="李四", topic="玉米制种技术"
    ),
    "Note": lambda: Note(label="(三)", title="建立科技信息网络", text="…", source=SRC),
    "Section": lambda: Section(
        label="一、",
        title="“十五”工作回顾",
        kind=PlanKind.REVIEW,
        period=FiveYearPlan(10),
        items=[Measure(title="m")],
        sections=[Section(label="(一)", title="科技项目")],
    ),
    "Plan": lambda: Plan(
        id="plan3",
        title="XX县科技工作总结和计划",
        kind=PlanKind.REVIEW,
        issuer="XX县科技局",
        region=COUNTY,
        level=Level.COUNTY,
        period=Year(2006),
        sections=[Section(title="回顾")],
    ),
}

#: For each class, a field and a different valid value for it.
CHANGES: dict[str, tuple[str, object]] = {
    "SourceRef": ("end", 30),
    "Region": ("code", "621123"),
    "Person": ("role", "副组长"),
    "Designation": ("holder", "YY县"),
    "Organization": ("name", "YY公司"),
    "Indicator": ("key", "other"),
    "Goal": ("figure", Figure.parse("3万人次以上")),
    "Achievement": ("period", FiveYearPlan(11)),
    "Task": ("owner", "公安局"),
    "Measure": ("category", "宣传"),
    "Funding": ("stage", FundingStage.SPENT),
    "Project": ("status", ProjectStatus.COMPLETED),
    "BreakdownPart": ("category", "农业"),
    "Breakdown": ("complete", False),
    "ScheduleEntry": ("person", "王五"),
    "Note": ("title", "争创全国科技进步先进县"),
    "Section": ("title", "“十一五”计划"),
    "Plan": ("id", "plan4"),
}


def test_every_class_has_a_sample_and_a_change() -> None:
    """The generic tests below cover every class of the model."""
    from sciplan_model import model

    # Entry is a view of where an item stands (Plan.walk), not a part of a document
    assert set(SAMPLES) == set(model.__all__) - {"Item", "Entry"}
    assert set(CHANGES) == set(SAMPLES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_instances_are_frozen(name: str) -> None:
    """Assigning to any field of any model object raises FrozenInstanceError."""
    obj = SAMPLES[name]()
    for field in attrs.fields(type(obj)):
        with pytest.raises(FrozenInstanceError):
            setattr(obj, field.name, getattr(obj, field.name))
    with pytest.raises(AttributeError):
        obj.extra = 1  # slotted: no attributes beyond the fields


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_equal_objects_are_equal_and_hash_alike(name: str) -> None:
    """Two objects built alike are equal, hash alike, and serve as set members."""
    a, b = SAMPLES[name](), SAMPLES[name]()
    assert a is not b
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_evolve_changes_one_field_and_keeps_the_original(name: str) -> None:
    """attrs.evolve gives a new object with one field changed; the original is unchanged."""
    original = SAMPLES[name]()
    field, value = CHANGES[name]
    changed = attrs.evolve(original, **{field: value})
    assert getattr(changed, field) == value
    assert getattr(original, field) != value
    assert changed != original
    assert attrs.evolve(changed, **{field: getattr(original, field)}) == original
    others = [f.name for f in attrs.fields(type(original)) if f.name != field]
    assert all(getattr(changed, n) == getattr(original, n) for n in others)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_classes_take_keywords_only(name: str) -> None:
    """Every model class is built with keywords; positional arguments are refused."""
    obj = SAMPLES[name]()
    first = attrs.fields(type(obj))[0].name
    with pytest.raises(TypeError, match="positional argument"):
        type(obj)(getattr(obj, first))


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda v: Designation(title="t", by=v), "by"),
        (lambda v: Organization(name="o", designations=v), "designations"),
        (lambda v: Indicator(name="i", unit="项", same_as=v), "same_as"),
        (lambda v: Task(goals=v), "goals"),
        (lambda v: Task(participants=v), "participants"),
        (lambda v: Task(projects=v), "projects"),
        (lambda v: Project(id="p", name="n", related=v), "related"),
        (lambda v: Project(id="p", name="n", funding=v), "funding"),
        (lambda v: Breakdown(subject="s", total=fig("36项"), parts=v), "parts"),
        (lambda v: Breakdown(subject="s", total=fig("36项"), levels=v), "levels"),
        (lambda v: Section(items=v), "items"),
        (lambda v: Section(sections=v), "sections"),
        (lambda v: Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=v), "sections"),
    ],
)
def test_lists_become_tuples(build: Callable[[Any], Any], field: str) -> None:
    """A child collection given as a list (or any iterable) is kept as a tuple."""
    elements = {
        "by": ["科技部", "财政部"],
        "designations": [Designation(title="a"), Designation(title="b")],
        "same_as": ["个", "件"],
        "goals": [SAMPLES["Goal"](), SAMPLES["Goal"]()],
        "participants": ["农民群众", "致富能手"],
        "projects": ["p1", "p2"],
        "related": ["p7", "p9"],
        "funding": [SAMPLES["Funding"](), SAMPLES["Funding"]()],
        "parts": [BreakdownPart(figure=fig("5项"), category="a")],
        "levels": [Level.NATIONAL, Level.COUNTY],
        "items": [Measure(title="a"), Person(name="b")],
        "sections": [Section(title="a"), Section(title="b")],
    }[field]
    from_list = build(list(elements))
    assert getattr(from_list, field) == tuple(elements)
    assert type(getattr(from_list, field)) is tuple
    from_generator = build(e for e in elements)
    assert getattr(from_generator, field) == tuple(elements)
    assert build(tuple(elements)) == from_list
    assert getattr(build([]), field) == ()


@pytest.mark.parametrize("value", ["科技部", b"abc", 3, None])
def test_a_collection_is_not_a_string_or_a_scalar(value: object) -> None:
    """A str (which iterates by character) or a scalar where a collection belongs is refused."""
    _refusal(
        lambda: Designation(title="t", by=value),
        WrongTypeError,
        f"a collection must be a list or tuple, not {type(value).__name__}",
    )


# -- readable reprs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("SourceRef", "SourceRef('work-plans-1-3.txt', 10, 20)"),
        ("Region", "Region(name='XX县', code='621122', level=county, parent='甘肃省')"),
        ("Person", "Person(name='张三', role='组长', organization='XX村')"),
        (
            "Designation",
            "Designation(title='全国科技进步先进县', holder='XX县', by=('科技部',), level=national)",
        ),
        (
            "Organization",
            "Organization(name='XX种业公司', kind=enterprise, "
            "designations=(Designation(title='省级龙头企业'),), region='XX县')",
        ),
        ("Indicator", "Indicator(name='科技计划项目', unit='项', same_as=('个',), key='projects')"),
        ("Goal", "Goal(indicator='培训人次', figure='2万人次以上', period='2006年', label='1、')"),
        ("Achievement", "Achievement(indicator='科技计划项目', figure='36项', period='十五')"),
        (
            "Task",
            "Task(label='3、', title='建设监控点', deadline='2006年', "
            "goals=(Goal(indicator='公共区域监控点', figure='2100个'),))",
        ),
        ("Measure", "Measure(label='一是', title='完善投入机制', category='资金', text='…')"),
        ("Funding", "Funding(amount='11万元', source=national, stage=received, year='2005年')"),
        (
            "Project",
            "Project(id='p1', name='玉米制种产业富民强县工程', programme='科技富民强县专项行动', "
            "level=national, status=won, year='2005年', "
            "funding=(Funding(amount='11万元', source=national),))",
        ),
        ("BreakdownPart", "BreakdownPart(figure='5项', level=national)"),
        (
            "ScheduleEntry",
            "ScheduleEntry(date='7月20日', time='上午', person='李四', topic='玉米制种技术')",
        ),
        ("Note", "Note(label='(三)', title='建立科技信息网络', text='…')"),
        (
            "Section",
            "Section(label='一、', title='“十五”工作回顾', kind=review, period='十五', "
            "items=(Measure(title='m'),), sections=(Section(label='(一)', title='科技项目'),))",
        ),
        (
            "Plan",
            "Plan(id='plan3', title='XX县科技工作总结和计划', kind=review, issuer='XX县科技局', "
            "region='XX县', level=county, period='2006年', sections=(Section(title='回顾'),))",
        ),
    ],
)
def test_repr_is_readable(name: str, text: str) -> None:
    """repr() shows non-default fields (no source) with figures, periods and enums written short."""
    assert repr(SAMPLES[name]()) == text


def test_repr_of_a_breakdown() -> None:
    """A breakdown's repr shows its total and its parts with their keys."""
    b = Breakdown(
        subject="项目",
        total=fig("36项"),
        parts=[BreakdownPart(figure=fig("5项"), level=Level.NATIONAL)],
        complete=False,
        period=YearSpan(Year(2001), Year(2005)),
    )
    assert repr(b) == (
        "Breakdown(subject='项目', total='36项', "
        "parts=(BreakdownPart(figure='5项', level=national),), complete=False, "
        "period='2001-2005年')"
    )


def test_repr_leaves_out_defaults_and_source() -> None:
    """Fields at their defaults and the source span are left out of repr()."""
    assert repr(Task()) == "Task()"
    assert repr(Person(name="张三", source=SRC)) == "Person(name='张三')"
    assert (
        repr(Organization(name="协会", kind=OrganizationKind.OTHER)) == "Organization(name='协会')"
    )
    funding = Funding(amount=Money("2.50", "万元"), source=FundingSource.ENTERPRISE)
    assert repr(funding) == "Funding(amount='2.50万元', source=enterprise)"
    assert repr(Plan(id="x", title="t", kind=PlanKind.ANNUAL, period=Year.parse("20xx年"))) == (
        "Plan(id='x', title='t', kind=annual, period='20xx年')"
    )


# -- SourceRef ------------------------------------------------------------------------------


def test_source_ref_is_a_half_open_span() -> None:
    """A SourceRef keeps its document and span; its length is end - start."""
    ref = SourceRef(document=DOC, start=2406, end=2468)
    assert (ref.document, ref.start, ref.end) == (DOC, 2406, 2468)
    assert len(ref) == 62
    assert len(SourceRef(document=DOC, start=5, end=5)) == 0


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"document": DOC, "start": 3, "end": 1}, InvalidValueError, "invalid source span: [3, 1) is not a span"),
        ({"document": DOC, "start": -1, "end": 1}, InvalidValueError, "invalid source span: [-1, 1) is not a span"),
        ({"document": DOC, "start": True, "end": 1}, WrongTypeError, "start must be an int, not bool"),
        ({"document": DOC, "start": 0, "end": 1.0}, WrongTypeError, "end must be an int, not float"),
        ({"document": DOC, "start": "0", "end": 1}, WrongTypeError, "start must be an int, not str"),
        ({"document": "", "start": 0, "end": 1}, InvalidValueError, "invalid document: it is empty"),
        ({"document": "  ", "start": 0, "end": 1}, InvalidValueError, "invalid document: it is empty"),
        ({"document": 3, "start": 0, "end": 1}, WrongTypeError, "document must be a str, not int"),
    ],
)  # fmt: skip
def test_source_ref_refusals(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    """A span must be two ints with 0 <= start <= end, in a named document."""
    _refusal(lambda: SourceRef(**kwargs), error, message)


# -- Region ---------------------------------------------------------------------------------


def test_region_lineage_runs_from_the_top() -> None:
    """lineage lists the region and those above it, the highest first."""
    assert COUNTY.lineage == (GANSU, CITY, COUNTY)
    assert [r.name for r in COUNTY.lineage] == ["甘肃省", "XX市", "XX县"]
    assert GANSU.lineage == (GANSU,)
    assert COUNTY.parent is CITY


def test_region_within() -> None:
    """A region is within itself and every region above it, and not within those below."""
    assert COUNTY.within(COUNTY)
    assert COUNTY.within(CITY)
    assert COUNTY.within(GANSU)
    assert CITY.within(GANSU)
    assert not GANSU.within(COUNTY)
    assert not CITY.within(COUNTY)
    other = Region(name="陕西省", code="610000", level=Level.PROVINCIAL)
    assert not COUNTY.within(other)
    # regions are values: an equal region built again counts as the same place
    assert COUNTY.within(Region(name="甘肃省", code="620000", level=Level.PROVINCIAL))


@pytest.mark.parametrize("code", ["620000", "110101", "000000", "999999"])
def test_region_code_of_six_digits(code: str) -> None:
    """A GB/T 2260 code is six ASCII digits."""
    assert Region(name="X", code=code).code == code


@pytest.mark.parametrize(
    "code", ["62000", "6200000", "62000a", "６２００００", "620000\n", " 620000", ""]
)
def test_region_code_refusals(code: str) -> None:
    """Anything but six ASCII digits is refused as a region code, quoting the code."""
    error = _refusal(
        lambda: Region(name="X", code=code),
        InvalidValueError,
        f"invalid region code: {code!r} is not six digits (GB/T 2260)",
    )
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"name": "X", "code": 620000}, WrongTypeError, "code must be a str or None, not int"),
        ({"name": "X", "parent": "甘肃省"}, WrongTypeError, "parent must be a Region or None, not str"),
        ({"name": "X", "level": "county"}, WrongTypeError, "level must be a Level or None, not str"),
        ({"name": ""}, InvalidValueError, "invalid name: it is empty"),
        ({"name": None}, WrongTypeError, "name must be a str, not NoneType"),
    ],
)  # fmt: skip
def test_region_refusals(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    """A region has a name, and a code, level and parent of the right types."""
    _refusal(lambda: Region(**kwargs), error, message)


def test_region_evolve_checks_again() -> None:
    """attrs.evolve runs the checks: a bad code is refused there too."""
    _refusal(
        lambda: attrs.evolve(GANSU, code="62"),
        InvalidValueError,
        "invalid region code: '62' is not six digits (GB/T 2260)",
    )


# -- Person, Designation, Organization ------------------------------------------------------


def test_person_organization_and_designation_fields() -> None:
    """People, titles and bodies keep what a plan says of them."""
    person = SAMPLES["Person"]()
    assert (person.name, person.role, person.organization, person.source) == (
        "张三",
        "组长",
        "XX村",
        SRC,
    )
    title = SAMPLES["Designation"]()
    assert title.by == ("科技部",)
    assert title.year is None
    body = SAMPLES["Organization"]()
    assert body.kind is OrganizationKind.ENTERPRISE
    assert body.designations == (Designation(title="省级龙头企业"),)
    assert Organization(name="协会").kind is OrganizationKind.OTHER


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: Person(name=""), InvalidValueError, "invalid name: it is empty"),
        (lambda: Person(name="张三", role=3), WrongTypeError, "role must be a str or None, not int"),
        (lambda: Person(name="张三", source=(0, 1)), WrongTypeError, "source must be a SourceRef or None, not tuple"),
        (lambda: Designation(title=" "), InvalidValueError, "invalid title: it is empty"),
        (lambda: Designation(title="t", by=[1]), WrongTypeError, "by[0] must be a str, not int"),
        (lambda: Designation(title="t", year=2005), WrongTypeError, "year must be a Year or None, not int"),
        (lambda: Designation(title="t", level="国家"), WrongTypeError, "level must be a Level or None, not str"),
        (lambda: Organization(name="o", kind="enterprise"), WrongTypeError, "kind must be an OrganizationKind, not str"),
        (lambda: Organization(name="o", designations=["t"]), WrongTypeError, "designations[0] must be a Designation, not str"),
        (lambda: Organization(name="o", region="XX县"), WrongTypeError, "region must be a Region or None, not str"),
    ],
)  # fmt: skip
def test_people_and_bodies_refusals(
    build: Callable[[], object], error: type[Exception], message: str
) -> None:
    """Names must be non-empty text; codes, years and children must be of their types."""
    _refusal(build, error, message)


# -- Indicator ------------------------------------------------------------------------------


def test_indicator_defaults() -> None:
    """An indicator is a flow without key or other words unless told otherwise."""
    i = Indicator(name="培训人次", unit="人次")
    assert (i.same_as, i.key, i.aggregation) == ((), None, Aggregation.FLOW)
    stock = Indicator(name="有效发明专利拥有量", unit="件", aggregation=Aggregation.STOCK)
    assert stock.aggregation is Aggregation.STOCK


@pytest.mark.parametrize(
    ("indicator", "what", "counted"),
    [
        (PROJECTS, "项", True),
        (PROJECTS, "万项", True),
        (PROJECTS, "个", True),
        (PROJECTS, "36项", True),
        (PROJECTS, "36个", True),
        (PROJECTS, "约40个", True),
        (PROJECTS, Figure.parse("5个"), True),
        (PROJECTS, "家", False),
        (PROJECTS, "10家", False),
        (PROJECTS, "人次", False),
        (PROJECTS, Figure.parse("5万元"), False),
        (Indicator(name="企业", unit="家", same_as=["户"]), "10户", True),
        (Indicator(name="企业", unit="家", same_as=["户"]), "10个", False),
        (Indicator(name="企业", unit="家"), "10户", False),
        (FUNDS, "元", True),
        (FUNDS, "159.3万元", True),
        (FUNDS, "1.5亿元", True),
        (FUNDS, "项", False),
        (TRAINEES, "2万人次以上", True),
        (TRAINEES, "人", False),
    ],
)
def test_indicator_counts(indicator: Indicator, what: str | Figure, counted: bool) -> None:
    """An indicator counts units, figures and texts of its dimension or its same_as words."""
    assert indicator.counts(what) is counted


def test_indicator_counts_refuses_what_is_neither_unit_nor_figure() -> None:
    """counts() of text that is no unit and no figure raises the figure's parse error."""
    with pytest.raises(ValueError, match="cannot read figure 'abc项': a number was expected"):
        PROJECTS.counts("abc项")
    _refusal(lambda: PROJECTS.counts(3), WrongTypeError, "unit must be a str, not int")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"unit": "项", "same_as": ["万元"]}, InvalidValueError, "invalid indicator: only measure words count alike, not 项 and 万元"),
        ({"unit": "万元", "same_as": ["元"]}, InvalidValueError, "invalid indicator: only measure words count alike, not 万元 and 元"),
        ({"unit": "亩", "same_as": ["公顷"]}, InvalidValueError, "invalid indicator: only measure words count alike, not 亩 and 公顷"),
        ({"unit": "项", "same_as": [3]}, WrongTypeError, "same_as[0] must be a str, not int"),
        ({"unit": "项", "same_as": ["furlong"]}, UnknownUnitError, "unknown unit 'furlong'"),
        ({"unit": "furlong"}, UnknownUnitError, "unknown unit 'furlong'"),
        ({"unit": ""}, InvalidValueError, "invalid unit: it is empty"),
        ({"unit": "项", "aggregation": "flow"}, WrongTypeError, "aggregation must be an Aggregation, not str"),
        ({"unit": "项", "key": 1}, WrongTypeError, "key must be a str or None, not int"),
    ],
)  # fmt: skip
def test_indicator_refusals(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    """same_as names only measure words, and only when the indicator is counted too."""
    _refusal(lambda: Indicator(name="i", **kwargs), error, message)


# -- Goal and Achievement -------------------------------------------------------------------


@pytest.mark.parametrize("cls", [Goal, Achievement])
@pytest.mark.parametrize("text", ["36项", "36个", "3万项", "约40项", "力争50项以上", "20xx项"])
def test_measured_items_take_figures_the_indicator_counts(cls: type[Any], text: str) -> None:
    """A goal or an achievement takes a figure in the indicator's dimension or its words."""
    item = cls(indicator=PROJECTS, figure=fig(text), period=FiveYearPlan(11))
    assert item.figure == fig(text)
    assert item.figure.text == text
    assert item.indicator is PROJECTS


@pytest.mark.parametrize("cls", [Goal, Achievement])
@pytest.mark.parametrize(
    ("indicator", "text", "message"),
    [
        (PROJECTS, "36人次", "cannot count '科技计划项目' in both '人次' and '项': they are units of different things"),
        (PROJECTS, "36家", "cannot count '科技计划项目' in both '家' and '项': they are units of different things"),
        (FUNDS, "36项", "cannot count '科技经费' in both '项' and '万元': they are units of different things"),
        (TRAINEES, "2万人", "cannot count '培训人次' in both '万人' and '人次': they are units of different things"),
    ],
)  # fmt: skip
def test_measured_items_refuse_a_figure_in_another_unit(
    cls: type[Any], indicator: Indicator, text: str, message: str
) -> None:
    """A figure the indicator does not count is a UnitMismatchError (a TypeError)."""
    error = _refusal(lambda: cls(indicator=indicator, figure=fig(text)), UnitMismatchError, message)
    assert isinstance(error, TypeError)


@pytest.mark.parametrize("cls", [Goal, Achievement])
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"indicator": PROJECTS, "figure": "36项"}, "figure must be a Figure, not str"),
        ({"indicator": "科技计划项目", "figure": Figure.parse("36项")}, "indicator must be an Indicator, not str"),
        ({"indicator": PROJECTS, "figure": Figure.parse("36项"), "period": 2006}, "period must be a Year or FiveYearPlan or YearSpan or None, not int"),
        ({"indicator": PROJECTS, "figure": Figure.parse("36项"), "label": 1}, "label must be a str or None, not int"),
    ],
)  # fmt: skip
def test_measured_items_refuse_wrong_types(
    cls: type[Any], kwargs: dict[str, Any], message: str
) -> None:
    """Indicator, figure and period must be of their classes."""
    _refusal(lambda: cls(**kwargs), WrongTypeError, message)


def test_goal_is_aspirational_when_its_figure_is() -> None:
    """A goal written with 力争 is aspirational; a plain one is not."""
    assert Goal(indicator=PROJECTS, figure=fig("力争40项")).aspirational is True
    assert Goal(indicator=PROJECTS, figure=fig("40项")).aspirational is False


N, P, M, C, T, V = Level  # national, provincial, municipal, county, township, village


def _with_levels(cls: type[Any], levels: object) -> Any:
    """A goal, an achievement or a breakdown with ``levels``."""
    if cls is Breakdown:
        return Breakdown(subject="科技项目", total=fig("12项"), levels=levels)
    return cls(indicator=PROJECTS, figure=fig("12项"), levels=levels)


@pytest.mark.parametrize("cls", [Goal, Achievement, Breakdown])
@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ((), ()),
        ([], ()),
        (Level.PROVINCIAL, (P,)),
        ("省级", (P,)),
        ("国列", (N,)),
        (" 省级 ", (P,)),
        ("市级以上", (N, P, M)),
        ("省级及以上", (N, P)),
        ("县级及以下", (C, T, V)),
        ("乡镇级以下", (T, V)),
        ([Level.COUNTY, Level.NATIONAL], (N, C)),
        ((Level.MUNICIPAL, Level.PROVINCIAL, Level.MUNICIPAL), (P, M)),
        (["省级", Level.NATIONAL, "国"], (N, P)),
        (["市级以上", "省级"], (N, P, M)),
        (frozenset({Level.VILLAGE, Level.COUNTY}), (C, V)),
        (lambda: (level for level in (Level.COUNTY, Level.PROVINCIAL)), (P, C)),  # a generator
    ],
)  # fmt: skip
def test_levels_are_read_from_every_form(
    cls: type[Any], given: object, kept: tuple[Level, ...]
) -> None:
    """A Level, a level or span as plans write it, or a collection of them is kept as a
    tuple from the highest level down, each level once."""
    item = _with_levels(cls, given() if callable(given) else given)
    assert item.levels == kept
    assert type(item.levels) is tuple


@pytest.mark.parametrize("cls", [Goal, Achievement, Breakdown])
@pytest.mark.parametrize(
    ("given", "error", "field", "message"),
    [
        ("市级以", LevelParseError, "levels", "cannot read level '市级以': an administrative level was expected at position 0 ('市级以')"),
        ("省长以上", LevelParseError, "levels", "cannot read level '省长以上': an administrative level was expected at position 0 ('省长以上')"),
        ("", LevelParseError, "levels", "cannot read level '': an administrative level was expected at position 0 (end of text)"),
        (["省级", "xx"], LevelParseError, "levels[1]", "cannot read level 'xx': an administrative level was expected at position 0 ('xx')"),
        ([Level.NATIONAL, 3], WrongTypeError, "levels[1]", "levels[1] must be a Level or a str, not int"),
        (None, WrongTypeError, "levels", "levels must be a Level, a str or a list of them, not NoneType"),
        (6, WrongTypeError, "levels", "levels must be a Level, a str or a list of them, not int"),
        (b"county", WrongTypeError, "levels", "levels must be a Level, a str or a list of them, not bytes"),
        (FundingSource.NATIONAL, WrongTypeError, "levels", "levels must be a Level, a str or a list of them, not FundingSource"),
    ],
)  # fmt: skip
def test_bad_levels_raise_our_error_naming_the_field(
    cls: type[Any], given: object, error: type[Exception], field: str, message: str
) -> None:
    """What is no level or span is refused with this package's error, naming the field
    (or the element) it was given for."""
    refused = _refusal(lambda: _with_levels(cls, given), error, message)
    assert isinstance(refused, SciplanError)
    assert refused.field_name == field  # type: ignore[attr-defined]


@pytest.mark.parametrize("cls", [Goal, Achievement])
@pytest.mark.parametrize(
    ("given", "level"),
    [
        ((), None),
        ("省级", Level.PROVINCIAL),
        ([Level.VILLAGE], Level.VILLAGE),
        ("市级以上", frozenset({Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL})),
        ([Level.NATIONAL, Level.COUNTY], frozenset({Level.NATIONAL, Level.COUNTY})),
    ],
)
def test_the_level_of_a_goal_or_achievement(cls: type[Any], given: object, level: object) -> None:
    """``level`` is the one Level, the frozenset of a span, or None when none is named."""
    item = _with_levels(cls, given)
    assert item.level == level
    assert type(item.level) is type(level)


def test_levels_show_in_the_repr_and_survive_evolve() -> None:
    """The repr lists the levels; evolve reads a span as the constructor does."""
    goal = Goal(indicator=PROJECTS, figure=fig("5项"), levels="省级以上")
    assert (
        repr(goal) == "Goal(indicator='科技计划项目', figure='5项', levels=(national, provincial))"
    )
    assert attrs.evolve(goal, levels="县级").levels == (Level.COUNTY,)
    assert goal == Goal(indicator=PROJECTS, figure=fig("5项"), levels=[Level.PROVINCIAL, "国家级"])
    assert hash(goal) == hash(attrs.evolve(goal, levels=(Level.NATIONAL, Level.PROVINCIAL)))
    with pytest.raises(FrozenInstanceError):
        goal.levels = ()  # type: ignore[misc]


def test_figures_compare_by_what_they_say() -> None:
    """Two goals whose figures say the same thing are equal, whether read or built."""
    a = Goal(indicator=PROJECTS, figure=fig("36项"))
    b = Goal(indicator=PROJECTS, figure=Figure(Quantity("36", "项")))
    assert a == b
    assert hash(a) == hash(b)
    assert a != Goal(indicator=PROJECTS, figure=fig("36个"))
    assert a != Goal(indicator=PROJECTS, figure=fig("36项以上"))


# -- Task and Measure -----------------------------------------------------------------------


def test_task_and_measure_fields() -> None:
    """A task keeps its label, owner, deadline and goals; a measure its category and text."""
    task = SAMPLES["Task"]()
    assert task.goals[0].figure == fig("2100个")
    assert task.deadline == Year(2006)
    assert (task.owner, task.text, task.source) == (None, None, None)
    measure = SAMPLES["Measure"]()
    assert (measure.label, measure.category) == ("一是", "资金")
    assert Task() == Task(label=None, title=None, goals=())


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Task(goals=["2100个"]), "goals[0] must be a Goal, not str"),
        (lambda: Task(goals=[SAMPLES["Achievement"]()]), "goals[0] must be a Goal, not Achievement"),
        (lambda: Task(deadline="2006年"), "deadline must be a Year or FiveYearPlan or YearSpan or None, not str"),
        (lambda: Task(owner=5), "owner must be a str or None, not int"),
        (lambda: Measure(category=1), "category must be a str or None, not int"),
        (lambda: Measure(source="篇2"), "source must be a SourceRef or None, not str"),
    ],
)  # fmt: skip
def test_task_and_measure_refusals(build: Callable[[], object], message: str) -> None:
    """Tasks and measures refuse fields of the wrong type."""
    _refusal(build, WrongTypeError, message)


# -- Funding and Project --------------------------------------------------------------------


def test_funding_defaults_to_allocated() -> None:
    """A funding line without a stage is allocated money (下达), without a year."""
    line = Funding(amount=Money("159.3", "万元"), source=FundingSource.COUNTY)
    assert line.stage is FundingStage.ALLOCATED
    assert line.year is None
    assert line.amount == Money("1593000", "元")


def test_funding_takes_a_quantity_of_money() -> None:
    """A Quantity in a unit of money is Money, and is taken."""
    line = Funding(amount=Quantity("11", "万元"), source=FundingSource.NATIONAL)
    assert type(line.amount) is Money
    assert line == Funding(amount=Money("11", "万元"), source=FundingSource.NATIONAL)


@pytest.mark.parametrize(
    ("amount", "got"),
    [
        (11.0, "float"),
        (Quantity("11", "项"), "Quantity"),
        (Quantity("2", "万人次"), "Quantity"),
        ("11万元", "str"),
        (Decimal("11"), "Decimal"),
        (11, "int"),
        (Figure.parse("11万元"), "Figure"),
        (None, "NoneType"),
    ],
)
def test_funding_refuses_anything_but_money(amount: object, got: str) -> None:
    """Funding.amount is Money: a float, a count or text is a WrongTypeError naming the field."""
    error = _refusal(
        lambda: Funding(amount=amount, source=FundingSource.NATIONAL),
        WrongTypeError,
        f"amount must be a Money, not {got}",
    )
    assert isinstance(error, TypeError)
    assert error.field == "amount"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Funding(amount=Money("1", "元"), source="national"), "source must be a FundingSource, not str"),
        (lambda: Funding(amount=Money("1", "元"), source=FundingSource.OTHER, stage="下达"), "stage must be a FundingStage, not str"),
        (lambda: Funding(amount=Money("1", "元"), source=FundingSource.OTHER, year=2005), "year must be a Year or None, not int"),
        (lambda: Project(id=1, name="n"), "id must be a str, not int"),
        (lambda: Project(id="p", name="n", status="won"), "status must be a ProjectStatus or None, not str"),
        (lambda: Project(id="p", name="n", level="国家"), "level must be a Level or None, not str"),
        (lambda: Project(id="p", name="n", year=2005), "year must be a Year or None, not int"),
        (lambda: Project(id="p", name="n", undertaker="XX公司"), "undertaker must be an Organization or None, not str"),
        (lambda: Project(id="p", name="n", funding=[Money("1", "元")]), "funding[0] must be a Funding, not Money"),
    ],
)  # fmt: skip
def test_funding_and_project_refuse_wrong_types(build: Callable[[], object], message: str) -> None:
    """Codes must be enum members, years Years, money lines Funding."""
    _refusal(build, WrongTypeError, message)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Project(id="", name="n"), "invalid id: it is empty"),
        (lambda: Project(id="p", name=" \t"), "invalid name: it is empty"),
    ],
)
def test_project_needs_an_id_and_a_name(build: Callable[[], object], message: str) -> None:
    """A project's id and name are non-blank."""
    _refusal(build, InvalidValueError, message)


def test_project_fields() -> None:
    """A project keeps its id, programme, level, status, year, undertaker and money."""
    p = attrs.evolve(SAMPLES["Project"](), undertaker=SAMPLES["Organization"]())
    assert p.id == "p1"
    assert p.level is Level.NATIONAL
    assert p.status is ProjectStatus.WON
    assert p.undertaker is not None
    assert p.undertaker.name == "XX种业公司"
    assert p.funding == (Funding(amount=Money("11", "万元"), source=FundingSource.NATIONAL),)
    assert Project(id="p", name="n").funding == ()


# -- BreakdownPart and Breakdown ------------------------------------------------------------


def test_breakdown_part_key() -> None:
    """A part's key is its level, or else its category."""
    assert BreakdownPart(figure=fig("5项"), level=Level.NATIONAL).key is Level.NATIONAL
    assert BreakdownPart(figure=fig("5项"), category="农业").key == "农业"
    both = BreakdownPart(figure=fig("5项"), level=Level.COUNTY, category="农业")
    assert both.key is Level.COUNTY


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({}, InvalidValueError, "invalid breakdown part: it needs a level or a category"),
        ({"category": ""}, InvalidValueError, "invalid breakdown part: it needs a level or a category"),
        ({"category": None, "level": None}, InvalidValueError, "invalid breakdown part: it needs a level or a category"),
        ({"category": 3}, WrongTypeError, "category must be a str or None, not int"),
        ({"level": "national"}, WrongTypeError, "level must be a Level or None, not str"),
    ],
)  # fmt: skip
def test_breakdown_part_refusals(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    """A part needs a key: a level or a category."""
    _refusal(lambda: BreakdownPart(figure=fig("5项"), **kwargs), error, message)


def test_breakdown_part_needs_a_figure() -> None:
    """A part's figure is a Figure, not its text."""
    _refusal(
        lambda: BreakdownPart(figure="5项", level=Level.NATIONAL),
        WrongTypeError,
        "figure must be a Figure, not str",
    )


def test_breakdown_fields() -> None:
    """A breakdown keeps subject, total, parts, completeness, levels and period."""
    b = SAMPLES["Breakdown"]()
    assert b.total == fig("36项")
    assert [p.key for p in b.parts] == [Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL]
    assert b.complete is True
    assert b.indicator is None
    assert b.levels == (Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL)


@pytest.mark.parametrize(
    ("total", "part"),
    [("36项", "5项"), ("36项", "1万项"), ("159.3万元", "11万元"), ("159.3万元", "970000元"), ("1.2亿元", "20xx万元")],
)  # fmt: skip
def test_breakdown_parts_in_the_totals_dimension(total: str, part: str) -> None:
    """Parts in any unit of the total's dimension are taken."""
    b = Breakdown(
        subject="s", total=fig(total), parts=[BreakdownPart(figure=fig(part), category="a")]
    )
    assert b.parts[0].figure == fig(part)


@pytest.mark.parametrize(
    ("total", "part"),
    [("36项", "5万元"), ("36项", "5个"), ("159.3万元", "3项"), ("300亩", "3人")],
)
def test_breakdown_refuses_parts_in_another_dimension(total: str, part: str) -> None:
    """A part in another dimension than the total is a UnitMismatchError."""
    _refusal(
        lambda: Breakdown(
            subject="s", total=fig(total), parts=[BreakdownPart(figure=fig(part), category="a")]
        ),
        UnitMismatchError,
        f"cannot break down {fig(total).unit!r} and {fig(part).unit!r}: "
        "they are units of different things",
    )


def test_breakdown_with_an_indicator_takes_its_words() -> None:
    """With an indicator, parts in the indicator's same_as words count with the total."""
    b = Breakdown(
        subject="s",
        total=fig("36项"),
        indicator=PROJECTS,
        parts=[BreakdownPart(figure=fig("5个"), category="a")],
    )
    assert b.parts[0].figure.unit == "个"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"parts": ["5项"]}, "parts[0] must be a BreakdownPart, not str"),
        ({"complete": 1}, "complete must be a bool, not int"),
        ({"levels": [1]}, "levels[0] must be a Level or a str, not int"),
        ({"total": "36项"}, "total must be a Figure, not str"),
        ({"indicator": "i"}, "indicator must be an Indicator or None, not str"),
        ({"period": "十五"}, "period must be a Year or FiveYearPlan or YearSpan or None, not str"),
    ],
)
def test_breakdown_refuses_wrong_types(kwargs: dict[str, Any], message: str) -> None:
    """Parts, levels, completeness and total must be of their types."""
    args: dict[str, Any] = {"subject": "s", "total": fig("36项"), **kwargs}
    _refusal(lambda: Breakdown(**args), WrongTypeError, message)


# -- ScheduleEntry, Section, Plan -----------------------------------------------------------


def test_fields_the_seed_plans_needed() -> None:
    """Nominations, per-head indicators, places, participants and related projects are kept."""
    village = Region(name="XX村", level=Level.VILLAGE, parent=COUNTY)
    nominated = Designation(title="全国科技进步先进县", holder="XX县", nominated=True)
    assert nominated.nominated is True
    assert Designation(title="t").nominated is False
    assert repr(nominated) == (
        "Designation(title='全国科技进步先进县', holder='XX县', nominated=True)"
    )
    income = Indicator(name="农民人均纯收入", unit="元", per="每人")
    assert income.per == "每人"
    goal = Goal(indicator=PROJECTS, figure=fig("3项"), region=village)
    assert goal.region is not None
    assert goal.region.within(COUNTY)
    assert Achievement(indicator=PROJECTS, figure=fig("3项")).region is None
    task = Task(participants=["农民群众", "致富能手"], projects=["p1"])
    assert repr(task) == "Task(participants=('农民群众', '致富能手'), projects=('p1',))"
    assert Project(id="p2", name="n", related=["p1"]).related == ("p1",)


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: Note(title=""), InvalidValueError, "invalid title: it is empty"),
        (lambda: Note(title="t", text=3), WrongTypeError, "text must be a str or None, not int"),
        (lambda: Note(title="t", label=3), WrongTypeError, "label must be a str or None, not int"),
        (lambda: Designation(title="t", nominated=1), WrongTypeError, "nominated must be a bool, not int"),
        (lambda: Indicator(name="i", unit="元", per=3), WrongTypeError, "per must be a str or None, not int"),
        (lambda: Goal(indicator=PROJECTS, figure=fig("3项"), region="XX村"), WrongTypeError, "region must be a Region or None, not str"),
        (lambda: Achievement(indicator=PROJECTS, figure=fig("3项"), region="XX村"), WrongTypeError, "region must be a Region or None, not str"),
        (lambda: Task(participants=[1]), WrongTypeError, "participants[0] must be a str, not int"),
        (lambda: Task(projects=[1]), WrongTypeError, "projects[0] must be a str, not int"),
        (lambda: Project(id="p", name="n", related=[1]), WrongTypeError, "related[0] must be a str, not int"),
    ],
)  # fmt: skip
def test_fields_the_seed_plans_needed_refusals(
    build: Callable[[], object], error: type[Exception], message: str
) -> None:
    """Notes need a title; the newer fields refuse values of the wrong type."""
    _refusal(build, error, message)


def test_note_needs_a_title() -> None:
    """A note without a title is refused by the constructor."""
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'title'"):
        Note()  # type: ignore[call-arg]


def test_schedule_entry_fields() -> None:
    """A timetable row keeps date, time, person and topic as written; all are optional."""
    row = SAMPLES["ScheduleEntry"]()
    assert (row.date, row.time, row.person, row.topic) == (
        "7月20日",
        "上午",
        "李四",
        "玉米制种技术",
    )
    assert ScheduleEntry() == ScheduleEntry(date=None)
    _refusal(lambda: ScheduleEntry(date=720), WrongTypeError, "date must be a str or None, not int")


def test_section_holds_items_in_order_and_child_sections() -> None:
    """A section keeps its items in document order, and its child sections."""
    items = [Measure(title="a"), SAMPLES["Project"](), Person(name="b"), SAMPLES["Breakdown"]()]
    s = Section(label="二、", items=items, sections=[Section(title="x"), Section(title="y")])
    assert s.items == tuple(items)
    assert [c.title for c in s.sections] == ["x", "y"]
    assert (s.kind, s.period, s.text) == (None, None, None)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Section(items=[Section()]), f"items[0] must be a {ITEM_NAMES}, not Section"),
        (lambda: Section(items=[Indicator(name="i", unit="项")]), f"items[0] must be a {ITEM_NAMES}, not Indicator"),
        (lambda: Section(sections=[Measure()]), "sections[0] must be a Section, not Measure"),
        (lambda: Section(kind="review"), "kind must be a PlanKind or None, not str"),
        (lambda: Section(period=2006), "period must be a Year or FiveYearPlan or YearSpan or None, not int"),
        (lambda: Plan(id="p", title="t", kind="annual"), "kind must be a PlanKind, not str"),
        (lambda: Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=[Measure()]), "sections[0] must be a Section, not Measure"),
        (lambda: Plan(id="p", title="t", kind=PlanKind.ANNUAL, region="XX县"), "region must be a Region or None, not str"),
        (lambda: Plan(id="p", title="t", kind=PlanKind.ANNUAL, level=3), "level must be a Level or None, not int"),
        (lambda: Plan(id="p", title=None, kind=PlanKind.ANNUAL), "title must be a str, not NoneType"),
    ],
)  # fmt: skip
def test_section_and_plan_refusals(build: Callable[[], object], message: str) -> None:
    """Sections hold items and sections; plans need a kind and sections of their types."""
    _refusal(build, WrongTypeError, message)


def test_plan_needs_id_title_and_kind() -> None:
    """id, title and kind are required keywords."""
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'kind'"):
        Plan(id="p", title="t")  # type: ignore[call-arg]
    _refusal(
        lambda: Plan(id=" ", title="t", kind=PlanKind.ANNUAL),
        InvalidValueError,
        "invalid id: it is empty",
    )


def test_plan_fields() -> None:
    """A plan keeps its issuer, region, level, period and sections."""
    plan = SAMPLES["Plan"]()
    assert plan.region is not None
    assert plan.region.lineage[0] == GANSU
    assert plan.kind is PlanKind.REVIEW
    assert plan.period == Year(2006)
    assert plan.sections == (Section(title="回顾"),)
    assert plan.source is None


@pytest.mark.parametrize(
    "period",
    [Year(2006), Year.parse("20xx年"), FiveYearPlan(11), YearSpan(Year(2006), Year(2010))],
)
def test_every_kind_of_period_is_taken(period: Any) -> None:
    """A plan, a section, a goal and a task take a year, a five-year plan or a span."""
    assert Plan(id="p", title="t", kind=PlanKind.ANNUAL, period=period).period == period
    assert Section(period=period).period == period
    assert Goal(indicator=PROJECTS, figure=fig("1项"), period=period).period == period
    assert Task(deadline=period).deadline == period


# -- the enums of codes.py --------------------------------------------------------------------


ENUM_READINGS = [
    (PlanKind, "年度计划", PlanKind.ANNUAL),
    (PlanKind, "工作要点", PlanKind.ANNUAL),
    (PlanKind, "annual", PlanKind.ANNUAL),
    (PlanKind, "五年规划", PlanKind.FIVE_YEAR),
    (PlanKind, "科技发展规划", PlanKind.FIVE_YEAR),
    (PlanKind, "five_year", PlanKind.FIVE_YEAR),
    (PlanKind, "培训计划", PlanKind.SPECIAL),
    (PlanKind, "实施方案", PlanKind.SPECIAL),
    (PlanKind, "工作总结", PlanKind.REVIEW),
    (PlanKind, "回顾", PlanKind.REVIEW),
    (PlanKind, "review", PlanKind.REVIEW),
    (ProjectStatus, "拟实施", ProjectStatus.PLANNED),
    (ProjectStatus, "申报", ProjectStatus.APPLIED),
    (ProjectStatus, "applied", ProjectStatus.APPLIED),
    (ProjectStatus, "评审", ProjectStatus.UNDER_REVIEW),
    (ProjectStatus, "立项", ProjectStatus.WON),
    (ProjectStatus, "争取到", ProjectStatus.WON),
    (ProjectStatus, "won", ProjectStatus.WON),
    (ProjectStatus, "实施", ProjectStatus.UNDER_WAY),
    (ProjectStatus, "under_way", ProjectStatus.UNDER_WAY),
    (ProjectStatus, "验收", ProjectStatus.COMPLETED),
    (ProjectStatus, "通过验收", ProjectStatus.COMPLETED),
    (FundingSource, "中央财政", FundingSource.NATIONAL),
    (FundingSource, "国家", FundingSource.NATIONAL),
    (FundingSource, "省财政", FundingSource.PROVINCIAL),
    (FundingSource, "市级", FundingSource.MUNICIPAL),
    (FundingSource, "县财政", FundingSource.COUNTY),
    (FundingSource, "自筹", FundingSource.ENTERPRISE),
    (FundingSource, "企业自筹", FundingSource.ENTERPRISE),
    (FundingSource, "银行贷款", FundingSource.BANK_LOAN),
    (FundingSource, "风险投资", FundingSource.VENTURE_CAPITAL),
    (FundingSource, "外资", FundingSource.FOREIGN),
    (FundingSource, "社会资金", FundingSource.SOCIAL),
    (FundingSource, "其它", FundingSource.OTHER),
    (FundingSource, "bank_loan", FundingSource.BANK_LOAN),
    (FundingStage, "计划", FundingStage.PLANNED),
    (FundingStage, "下达", FundingStage.ALLOCATED),
    (FundingStage, "争取到", FundingStage.ALLOCATED),
    (FundingStage, "到位", FundingStage.RECEIVED),
    (FundingStage, "支出", FundingStage.SPENT),
    (FundingStage, "spent", FundingStage.SPENT),
    (OrganizationKind, "企业", OrganizationKind.ENTERPRISE),
    (OrganizationKind, "公司", OrganizationKind.ENTERPRISE),
    (OrganizationKind, "研究所", OrganizationKind.RESEARCH_INSTITUTE),
    (OrganizationKind, "大学", OrganizationKind.UNIVERSITY),
    (OrganizationKind, "协会", OrganizationKind.ASSOCIATION),
    (OrganizationKind, "政府部门", OrganizationKind.GOVERNMENT),
    (OrganizationKind, "中介机构", OrganizationKind.SERVICE),
    (OrganizationKind, "合作社", OrganizationKind.COOPERATIVE),
    (OrganizationKind, "research_institute", OrganizationKind.RESEARCH_INSTITUTE),
    (Aggregation, "流量", Aggregation.FLOW),
    (Aggregation, "新增", Aggregation.FLOW),
    (Aggregation, "累计", Aggregation.STOCK),
    (Aggregation, "拥有量", Aggregation.STOCK),
    (Aggregation, "stock", Aggregation.STOCK),
]
ENUMS = [PlanKind, ProjectStatus, FundingSource, FundingStage, OrganizationKind, Aggregation]


@pytest.mark.parametrize(("cls", "text", "member"), ENUM_READINGS)
def test_enum_parse(cls: type[Any], text: str, member: Any) -> None:
    """Each enum reads its Chinese names, aliases and English values."""
    assert cls.parse(text) is member


@pytest.mark.parametrize(("cls", "text", "member"), ENUM_READINGS)
def test_enum_parse_ignores_surrounding_space_and_full_width(
    cls: type[Any], text: str, member: Any
) -> None:
    """Surrounding (ideographic) spaces do not matter."""
    assert cls.parse(f" \u3000{text}  ") is member


@pytest.mark.parametrize(
    ("member", "chinese"),
    [
        (PlanKind.ANNUAL, "年度计划"),
        (PlanKind.FIVE_YEAR, "五年规划"),
        (PlanKind.SPECIAL, "专项计划"),
        (PlanKind.REVIEW, "工作总结"),
        (ProjectStatus.PLANNED, "拟实施"),
        (ProjectStatus.APPLIED, "申报"),
        (ProjectStatus.UNDER_REVIEW, "评审"),
        (ProjectStatus.WON, "立项"),
        (ProjectStatus.UNDER_WAY, "实施"),
        (ProjectStatus.COMPLETED, "验收"),
        (FundingSource.NATIONAL, "中央财政"),
        (FundingSource.PROVINCIAL, "省财政"),
        (FundingSource.MUNICIPAL, "市财政"),
        (FundingSource.COUNTY, "县财政"),
        (FundingSource.ENTERPRISE, "企业自筹"),
        (FundingSource.BANK_LOAN, "银行贷款"),
        (FundingSource.VENTURE_CAPITAL, "风险投资"),
        (FundingSource.FOREIGN, "外资"),
        (FundingSource.SOCIAL, "社会资金"),
        (FundingSource.OTHER, "其他"),
        (FundingStage.PLANNED, "计划"),
        (FundingStage.ALLOCATED, "下达"),
        (FundingStage.RECEIVED, "到位"),
        (FundingStage.SPENT, "支出"),
        (OrganizationKind.ENTERPRISE, "企业"),
        (OrganizationKind.RESEARCH_INSTITUTE, "科研院所"),
        (OrganizationKind.UNIVERSITY, "高校"),
        (OrganizationKind.ASSOCIATION, "协会"),
        (OrganizationKind.GOVERNMENT, "政府部门"),
        (OrganizationKind.SERVICE, "服务机构"),
        (OrganizationKind.COOPERATIVE, "合作社"),
        (OrganizationKind.OTHER, "其他"),
        (Aggregation.FLOW, "流量"),
        (Aggregation.STOCK, "存量"),
    ],
)
def test_enum_chinese_name(member: Any, chinese: str) -> None:
    """.chinese is the member's usual Chinese name, and parses back to the member."""
    assert member.chinese == chinese
    assert type(member).parse(chinese) is member


@pytest.mark.parametrize("cls", ENUMS)
def test_every_member_reads_back_from_its_names(cls: type[Any]) -> None:
    """Every member parses from its English value and from its Chinese name."""
    for member in cls:
        assert cls.parse(member.value) is member
        assert cls.parse(member.chinese) is member


EXAMPLES = {
    PlanKind: "年度计划、五年规划、专项计划、工作总结",
    ProjectStatus: "拟实施、申报、评审、立项",
    FundingSource: "中央财政、省财政、市财政、县财政",
    FundingStage: "计划、下达、到位、支出",
    OrganizationKind: "企业、科研院所、高校、协会",
    Aggregation: "流量、存量",
}


@pytest.mark.parametrize("cls", ENUMS)
@pytest.mark.parametrize(
    ("text", "position", "snippet"),
    [
        ("不存在", 0, "('不存在')"),
        ("  汇报", 2, "('汇报')"),
        ("", 0, "(end of text)"),
        ("ANNUAL", 0, "('ANNUAL')"),
        ("下 达", 0, "('下 达')"),
    ],
)
def test_enum_parse_refusals(cls: type[Any], text: str, position: int, snippet: str) -> None:
    """Unknown text is a CodeParseError (a ValueError) naming the text and its position."""
    with pytest.raises(CodeParseError) as excinfo:
        cls.parse(text)
    error = excinfo.value
    assert isinstance(error, ValueError)
    assert isinstance(error, SciplanError)
    assert (error.text, error.position) == (text, position)
    assert str(error) == (
        f"cannot read code {text!r}: {'an' if cls.__name__[0] in 'AEIOU' else 'a'} "
        f"{cls.__name__} such as {EXAMPLES[cls]} was expected "
        f"at position {position} {snippet}"
    )


@pytest.mark.parametrize("cls", ENUMS)
@pytest.mark.parametrize("value", [3, None, b"annual", ["annual"]])
def test_enum_parse_of_a_non_string_is_a_type_error(cls: type[Any], value: object) -> None:
    """parse() of anything but a str is a WrongTypeError (a TypeError)."""
    error = _refusal(
        lambda: cls.parse(value),
        WrongTypeError,
        f"{cls.__name__} text must be a str, not {type(value).__name__}",
    )
    assert isinstance(error, TypeError)


def test_funding_stages_are_ordered() -> None:
    """Money passes the stages in order: planned, allocated, received, spent."""
    p, a, r, s = FundingStage
    assert (p, a, r, s) == (
        FundingStage.PLANNED,
        FundingStage.ALLOCATED,
        FundingStage.RECEIVED,
        FundingStage.SPENT,
    )
    assert p < a < r < s
    assert s > r > a > p
    assert not a < a
    assert [m.order for m in FundingStage] == [0, 1, 2, 3]
    assert sorted([s, p, r, a]) == [p, a, r, s]
    assert max(FundingStage) is s
    with pytest.raises(TypeError):
        _ = p < 1  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = p < Level.COUNTY  # type: ignore[operator]


def test_funding_stage_order_is_complete() -> None:
    """FundingStage supports <= and >= as well as < and > (a total order, like Level)."""
    p, a, _, s = FundingStage
    assert p <= a
    assert a <= a
    assert s >= a
    assert s >= s
    assert not s <= a


# -- periods: YearSpan, parse_period, period_years --------------------------------------------


def test_year_span_holds_its_years() -> None:
    """A span keeps its two ends, both included; str() writes it as plans do."""
    span = YearSpan(Year(2006), Year(2010))
    assert (span.start, span.end) == (Year(2006), Year(2010))
    assert span.years == range(2006, 2011)
    assert str(span) == "2006-2010年"
    assert repr(span) == "YearSpan.parse('2006-2010年')"
    assert YearSpan(Year(2006), Year(2006)).years == range(2006, 2007)
    assert span == YearSpan.parse("2006-2010年")
    assert hash(span) == hash(YearSpan.parse("2006年至2010年"))
    with pytest.raises(FrozenInstanceError):
        span.start = Year(2005)  # type: ignore[misc]


def test_year_span_with_a_placeholder_end() -> None:
    """A span with a placeholder end is allowed, and its years are not known."""
    span = YearSpan(Year(2006), Year.parse("20xx年"))
    assert span.years is None
    assert str(span) == "2006-20xx年"
    assert YearSpan(Year.parse("20xx年"), Year(2006)).years is None


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((Year(2010), Year(2006)), InvalidValueError, "invalid span of years: 2010年 is after 2006年"),
        ((2006, Year(2010)), WrongTypeError, "start must be a Year, not int"),
        ((Year(2006), "2010"), WrongTypeError, "end must be a Year, not str"),
    ],
)  # fmt: skip
def test_year_span_refusals(args: tuple[Any, Any], error: type[Exception], message: str) -> None:
    """A span's ends are Years, the first not after the last."""
    _refusal(lambda: YearSpan(*args), error, message)


@pytest.mark.parametrize(
    "text",
    ["2006-2010年", "2006年-2010年", "2006年至2010年", "2006～2010", "2006到2010年度", "2006—2010年", "２００６-２０１０年"],
)  # fmt: skip
def test_year_span_parse(text: str) -> None:
    """YearSpan.parse reads the separators and forms plans use."""
    assert YearSpan.parse(text) == YearSpan(Year(2006), Year(2010))


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("2010-2006年", 0, "2010年 is after 2006年"),
        ("2006", 0, "a span of years such as 2006-2010年 was expected"),
        ("2006-201年", 5, "a year of four digits was expected"),
        ("2006-20a0年", 7, "a digit was expected"),
    ],
)
def test_year_span_parse_refusals(text: str, position: int, reason: str) -> None:
    """What is not a span is a PeriodParseError naming the first bad position."""
    with pytest.raises(PeriodParseError) as excinfo:
        YearSpan.parse(text)
    error = excinfo.value
    assert (error.position, error.reason) == (position, reason)
    snippet = f"({text[position : position + 24]!r})"
    assert str(error) == f"cannot read period {text!r}: {reason} at position {position} {snippet}"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2006年", Year(2006)),
        ("二〇〇六年", Year(2006)),
        ("2006年度", Year(2006)),
        ("20xx年", Year.parse("20xx年")),
        ("十一五", FiveYearPlan(11)),
        ("“十一五”", FiveYearPlan(11)),
        ("十五期间", FiveYearPlan(10)),
        ("“十五”期间", FiveYearPlan(10)),
        ("第十一个五年规划", FiveYearPlan(11)),
        ("2006-2010年", YearSpan(Year(2006), Year(2010))),
        ("2001年至2005年", YearSpan(Year(2001), Year(2005))),
    ],
)
def test_parse_period(text: str, period: Any) -> None:
    """parse_period reads a year, a five-year plan (as 篇3 writes it) or a span."""
    assert parse_period(text) == period
    assert type(parse_period(text)) is type(period)


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("明年", 0, "a year of four digits was expected"),
        ("", 0, "a year of four digits was expected"),
        ("2010-2006年", 0, "2010年 is after 2006年"),
    ],
)
def test_parse_period_refusals(text: str, position: int, reason: str) -> None:
    """What is no period is a PeriodParseError (a ValueError)."""
    with pytest.raises(PeriodParseError) as excinfo:
        parse_period(text)
    assert isinstance(excinfo.value, ValueError)
    assert (excinfo.value.position, excinfo.value.reason) == (position, reason)


@pytest.mark.parametrize("value", [2006, None, Year(2006)])
def test_parse_period_of_a_non_string_is_a_type_error(value: object) -> None:
    """parse_period of anything but a str is a WrongTypeError."""
    _refusal(
        lambda: parse_period(value),  # type: ignore[arg-type]
        WrongTypeError,
        f"period text must be a str, not {type(value).__name__}",
    )


@pytest.mark.parametrize(
    ("period", "years"),
    [
        (Year(2006), range(2006, 2007)),
        (Year.parse("20xx年"), None),
        (FiveYearPlan(10), range(2001, 2006)),
        (FiveYearPlan(11), range(2006, 2011)),
        (YearSpan(Year(2006), Year(2008)), range(2006, 2009)),
        (YearSpan(Year.parse("20xx年"), Year(2008)), None),
    ],
)
def test_period_years(period: Any, years: range | None) -> None:
    """period_years gives the years a period covers, None when they are not known."""
    assert period_years(period) == years


@pytest.mark.parametrize("value", ["2006", 2006, None])
def test_period_years_of_a_non_period_is_a_type_error(value: object) -> None:
    """period_years of anything but a period is a WrongTypeError."""
    _refusal(
        lambda: period_years(value),  # type: ignore[arg-type]
        WrongTypeError,
        f"period must be a Year, FiveYearPlan or YearSpan, not {type(value).__name__}",
    )


def test_year_refuses_a_placeholder_that_parse_refuses() -> None:
    """Year(None, placeholder) refuses a placeholder that Year.parse would refuse."""
    with pytest.raises(ValueError) as excinfo:  # noqa: PT011 - the message is checked below
        Year(None, "abc")
    assert isinstance(excinfo.value, SciplanError)
    assert "'abc" in str(excinfo.value)
