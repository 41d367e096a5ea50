"""Tests of sciplan_model.serialize: saving and loading plans exactly, as JSON and TOML,
and refusing bad documents with every problem listed."""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciplan_model import (
    SCHEMA_VERSION,
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
    InvalidValueError,
    Level,
    LoadProblem,
    Measure,
    Money,
    Note,
    Organization,
    OrganizationKind,
    Person,
    Plan,
    PlanKind,
    PlanLoadError,
    Project,
    ProjectStatus,
    Region,
    ScheduleEntry,
    SciplanError,
    Section,
    SourceRef,
    Task,
    WrongTypeError,
    Year,
    YearSpan,
    dump,
    dumps,
    examples,
    from_data,
    load,
    loads,
    to_data,
)
from sciplan_model.period import MAX_PLAN_NUMBER
from sciplan_model.serialize import ITEM_TAGS, MAX_DEPTH, MAX_STRING
from strategies import places, plans, replaced

SRC = SourceRef(document="work-plans-1-3.txt", start=10, end=20)
PROJECTS = Indicator(
    name="科技计划项目", unit="项", same_as=["个"], key="projects", aggregation=Aggregation.STOCK
)


def rich_plan() -> Plan:
    """A plan with one of every item and every optional field in use."""
    gansu = Region(name="甘肃省", code="620000", level=Level.PROVINCIAL)
    undertaker = Organization(
        name="XX公司",
        kind=OrganizationKind.ENTERPRISE,
        designations=[
            Designation(title="示范企业", by=["科技部"], level=Level.NATIONAL, year=Year(2005))
        ],
        region=gansu,
    )
    items = [
        Achievement(
            indicator=PROJECTS,
            figure=Figure.parse("36项"),
            period=FiveYearPlan(10),
            region=Region(name="XX村", level=Level.VILLAGE),
            levels=[Level.COUNTY],
        ),
        Goal(
            indicator=Indicator(name="培训人次", unit="人次", per="每村"),
            figure=Figure.parse("力争2万人次以上"),
            period=YearSpan.parse("2006-2010年"),
            label="1、",
            levels="市级以上",
            source=SRC,
        ),
        Task(
            label="3、",
            title="监控点",
            text="建设公共区域监控点",
            owner="公安局",
            deadline=Year.parse("20xx年"),
            participants=["农民群众", "致富能手"],
            projects=["p1"],
            goals=[
                Goal(indicator=Indicator(name="监控点", unit="个"), figure=Figure.parse("2100个"))
            ],
        ),
        Measure(label="一是", title="m", category="资金", text="…"),
        Project(
            id="p1",
            name="玉米制种产业富民强县工程",
            programme="科技富民强县专项行动",
            level=Level.NATIONAL,
            status=ProjectStatus.WON,
            year=Year(2005),
            undertaker=undertaker,
            related=["p1"],
            funding=[
                Funding(amount=Money("11", "万元"), source=FundingSource.NATIONAL),
                Funding(
                    amount=Money("2.50", "万元"),
                    source=FundingSource.ENTERPRISE,
                    stage=FundingStage.SPENT,
                    year=Year(2005),
                ),
            ],
            source=SRC,
        ),
        Breakdown(
            subject="科技计划项目",
            total=Figure.parse("36项"),
            indicator=PROJECTS,
            parts=[
                BreakdownPart(figure=Figure.parse("5项"), level=Level.NATIONAL),
                BreakdownPart(figure=Figure.parse("31个"), category="其他", source=SRC),
            ],
            complete=False,
            levels=[Level.NATIONAL, Level.PROVINCIAL],
            period=FiveYearPlan(10),
        ),
        ScheduleEntry(date="7月20日", time="上午", person="张三", topic="玉米"),
        Person(name="张三", role="组长", organization="XX村"),
        Designation(title="全国科技工作先进县", holder="XX县", nominated=True),
        Note(label="(三)", title="建立科技信息网络", text="…", source=SRC),
        Organization(name="协会", kind=OrganizationKind.ASSOCIATION),
    ]
    return Plan(
        id="demo",
        title="科技工作计划",
        kind=PlanKind.ANNUAL,
        issuer="XX县科技局",
        region=Region(name="XX县", code="621122", level=Level.COUNTY, parent=gansu),
        level=Level.COUNTY,
        period=Year(2006),
        sections=[
            Section(
                label="一、",
                title="回顾",
                kind=PlanKind.REVIEW,
                period=FiveYearPlan(10),
                text="……",
                items=items,
                sections=[Section(label="(一)", title="子", source=SRC)],
            ),
            Section(label="二、", title="计划", period=FiveYearPlan(11)),
        ],
        source=SRC,
    )


def _problems(error: PlanLoadError) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in error.problems]


def _load_problems(load_it: Any) -> list[tuple[str, str]]:
    """Call ``load_it()``, expecting a PlanLoadError, and return its problems."""
    with pytest.raises(PlanLoadError) as excinfo:
        load_it()
    return _problems(excinfo.value)


# -- round trips ------------------------------------------------------------------------------


def test_json_round_trip() -> None:
    """loads(dumps(p)) == p for a plan using every class and field."""
    plan = rich_plan()
    assert loads(dumps(plan)) == plan
    assert loads(dumps(plan, indent=None)) == plan


@pytest.mark.parametrize("suffix", [".json", ".toml", ".JSON", ".Toml"])
def test_file_round_trip(tmp_path: Path, suffix: str) -> None:
    """dump() then load() gives the plan back, as JSON or TOML chosen by the suffix."""
    path = tmp_path / f"plan{suffix}"
    dump(rich_plan(), path)
    assert load(path) == rich_plan()
    assert load(str(path)) == rich_plan()


def test_dump_writes_utf8_json_and_toml(tmp_path: Path) -> None:
    """A .json file holds dumps() and a newline; a .toml file is TOML; both UTF-8, unescaped."""
    plan = rich_plan()
    dump(plan, tmp_path / "plan.json")
    assert (tmp_path / "plan.json").read_bytes() == (dumps(plan) + "\n").encode("utf-8")
    dump(plan, tmp_path / "plan.toml")
    toml_text = (tmp_path / "plan.toml").read_text(encoding="utf-8")
    assert toml_text.startswith("schema_version = 1\n")
    assert 'title = "科技工作计划"' in toml_text
    assert "科技工作计划" in (tmp_path / "plan.json").read_text(encoding="utf-8")


def test_output_is_stable() -> None:
    """The same plan (or an equal one built again) gives the same text, every time."""
    plan = rich_plan()
    first = dumps(plan)
    assert dumps(plan) == first
    assert dumps(rich_plan()) == first
    assert dumps(loads(first)) == first


def test_file_output_is_stable(tmp_path: Path) -> None:
    """Dumping the same plan twice writes the same bytes, in JSON and in TOML."""
    for suffix in (".json", ".toml"):
        a, b = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        dump(rich_plan(), a)
        dump(rich_plan(), b)
        assert a.read_bytes() == b.read_bytes()
        dump(load(a), b)
        assert a.read_bytes() == b.read_bytes()


def test_the_saved_form() -> None:
    """A plan saves with schema_version first, no defaults, enum values and exact amount strings."""
    plan = Plan(
        id="demo",
        title="t",
        kind=PlanKind.ANNUAL,
        period=FiveYearPlan(11),
        sections=[
            Section(
                items=[
                    Project(
                        id="p1",
                        name="n",
                        year=Year(2005),
                        funding=[
                            Funding(amount=Money("2.50", "万元"), source=FundingSource.COUNTY)
                        ],
                    )
                ]
            )
        ],
    )
    assert to_data(plan) == {
        "schema_version": 1,
        "id": "demo",
        "title": "t",
        "kind": "annual",
        "period": "十一五",
        "sections": [
            {
                "items": [
                    {
                        "type": "project",
                        "id": "p1",
                        "name": "n",
                        "year": 2005,
                        "funding": [
                            {"amount": {"magnitude": "2.50", "unit": "万元"}, "source": "county"}
                        ],
                    }
                ]
            }
        ],
    }
    assert json.loads(dumps(plan)) == to_data(plan)


def _goal_with(levels: object) -> dict[str, Any]:
    """A goal as plain data, with ``levels`` as given."""
    return {"indicator": {"name": "高新技术企业", "unit": "家"}, "figure": "2家", "levels": levels}


@pytest.mark.parametrize("cls", [Goal, Achievement])
def test_levels_are_saved_as_codes_and_left_out_when_empty(cls: type[Any]) -> None:
    """A goal's or achievement's levels save as an array of codes, the highest first, and
    not at all when there are none; they load back equal."""
    indicator = Indicator(name="工程技术研究中心", unit="家")
    item = cls(indicator=indicator, figure=Figure.parse("5家"), levels="市级以上")
    data = to_data(item)
    assert data["levels"] == ["national", "provincial", "municipal"]
    assert list(data) == ["indicator", "figure", "levels"]
    assert loads(dumps(item), cls) == item
    plain = attrs.evolve(item, levels=())
    assert "levels" not in to_data(plain)
    assert "levels" not in dumps(plain)
    assert loads(dumps(plain), cls) == plain


@pytest.mark.parametrize("cls", [Goal, Achievement])
@pytest.mark.parametrize(
    ("written", "levels"),
    [
        ("市级以上", (Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL)),
        ("省级及以上", (Level.NATIONAL, Level.PROVINCIAL)),
        ("县级及以下", (Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE)),
        ("省级", (Level.PROVINCIAL,)),
        (["municipal", "national"], (Level.NATIONAL, Level.MUNICIPAL)),
        (["省级", "国列"], (Level.NATIONAL, Level.PROVINCIAL)),
        ([], ()),
    ],
)
def test_levels_load_from_a_span_as_plans_write_it(
    cls: type[Any], written: object, levels: tuple[Level, ...]
) -> None:
    """``"levels": "市级以上"`` loads as the span's levels, as does an array of codes or
    names; saving writes the array of codes, which loads back equal."""
    item = from_data(_goal_with(written), cls)
    assert item.levels == levels
    assert loads(json.dumps(_goal_with(written), ensure_ascii=False), cls) == item
    assert loads(dumps(item), cls) == item


def test_levels_load_from_a_span_in_toml(tmp_path: Path) -> None:
    """In TOML too a span of levels is a string (levels = "市级以上") or an array; saved
    as the array, it loads back equal."""
    path = tmp_path / "plan.toml"
    path.write_text(
        _TOML_BASE
        + '[[sections]]\n[[sections.items]]\ntype = "goal"\nfigure = "5家"\n'
        + 'levels = "市级以上"\n'
        + 'indicator = { name = "工程技术研究中心", unit = "家" }\n'
        + '[[sections.items]]\ntype = "achievement"\nfigure = "2家"\n'
        + 'levels = ["provincial"]\n'
        + 'indicator = { name = "高新技术企业", unit = "家" }\n',
        encoding="utf-8",
    )
    plan = load(path)
    goal, achievement = plan.sections[0].items
    assert isinstance(goal, Goal)
    assert isinstance(achievement, Achievement)
    assert goal.levels == (Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL)
    assert achievement.level is Level.PROVINCIAL
    again = tmp_path / "again.toml"
    dump(plan, again)
    written = again.read_text(encoding="utf-8")
    assert 'levels = [\n    "national",\n    "provincial",\n    "municipal",\n]\n' in written
    assert 'levels = [\n    "provincial",\n]\n' in written
    assert load(again) == plan


@pytest.mark.parametrize(
    ("levels", "problem"),
    [
        ("市级以", ("$.sections[0].items[0].levels", "cannot read level '市级以': an administrative level was expected at position 0 ('市级以')")),
        (["省级", "xx"], ("$.sections[0].items[0].levels[1]", "cannot read level 'xx': an administrative level was expected at position 0 ('xx')")),
        (3, ("$.sections[0].items[0].levels", "expected an array, got a number")),
    ],
)  # fmt: skip
def test_bad_levels_of_a_goal_are_load_problems_at_their_path(
    levels: object, problem: tuple[str, str]
) -> None:
    """A span that is none, or a bad level in the array, is a problem at its path."""
    document = {
        "schema_version": 1,
        "id": "p",
        "title": "t",
        "kind": "annual",
        "sections": [{"items": [{"type": "goal", **_goal_with(levels)}]}],
    }
    assert _load_problems(lambda: from_data(document)) == [problem]


def test_schema_version_comes_first() -> None:
    """Every saved plan starts with its schema version."""
    plan = rich_plan()
    assert next(iter(to_data(plan))) == "schema_version"
    assert next(iter(json.loads(dumps(plan)))) == "schema_version"
    assert dumps(plan).startswith('{\n  "schema_version": 1,\n')
    assert SCHEMA_VERSION == 1


def test_other_classes_round_trip_without_a_schema_version() -> None:
    """Objects other than plans save without schema_version and load with cls=."""
    plan = rich_plan()
    objects = [
        plan.sections[0],
        *plan.sections[0].items,
        plan.region,
        PROJECTS,
        Money("159.3", "万元"),
        Figure.parse("力争2万人次以上"),
    ]
    for obj in objects:
        text = dumps(obj)
        assert "schema_version" not in text
        assert loads(text, type(obj)) == obj
        assert from_data(to_data(obj), type(obj)) == obj


@pytest.mark.parametrize("number", sorted({min(10_000, MAX_PLAN_NUMBER), MAX_PLAN_NUMBER}))
def test_every_five_year_plan_round_trips(number: int) -> None:
    """A plan with any valid FiveYearPlan (up to the largest number) loads back equal."""
    plan = Plan(id="p", title="t", kind=PlanKind.FIVE_YEAR, period=FiveYearPlan(number))
    assert loads(dumps(plan)) == plan


# -- figures and amounts as text or structured --------------------------------------------------


FIGURE_TEXTS = [
    ("159.3万元", "万元"),
    ("2万人次以上", "人次"),
    ("力争2万人次以上", "人次"),
    ("600余家", "家"),
    ("约100家", "家"),
    ("近2万人次", "人次"),
    ("3-5亿元", "元"),
    ("一至二门", "门"),
    ("20xx万元", "万元"),
    ("20xx万元以上", "万元"),
    ("力争突破1500件", "件"),
    ("三十六项", "项"),
    ("1,200万元", "万元"),
]


def _goal_doc(figure: object, unit: str) -> str:
    goal = {"type": "goal", "indicator": {"name": "i", "unit": unit}, "figure": figure}
    return json.dumps(
        {"schema_version": 1, "id": "x", "title": "t", "kind": "annual", "sections": [{"items": [goal]}]},
        ensure_ascii=False,
    )  # fmt: skip


@pytest.mark.parametrize(("text", "unit"), FIGURE_TEXTS)
def test_a_figure_as_text_or_structured_loads_alike(text: str, unit: str) -> None:
    """A figure as text or in the library's structured form loads alike, keeping its text."""
    figure = Figure.parse(text)
    structured = to_data(figure)
    assert structured["text"] == text
    from_text = loads(_goal_doc(text, unit))
    from_structure = loads(_goal_doc(structured, unit))
    assert from_text == from_structure
    loaded = from_text.sections[0].items[0].figure  # type: ignore[union-attr]
    assert loaded == figure
    assert loaded.text == text
    assert from_structure.sections[0].items[0].figure.text == text  # type: ignore[union-attr]
    assert loads(_goal_doc({"text": text}, unit)) == from_text


def test_the_structured_figure_form() -> None:
    """The structured figure form names value and qualifier; without text it gets its canonical text."""
    assert to_data(Figure.parse("力争2万人次以上")) == {
        "text": "力争2万人次以上",
        "value": {"magnitude": "2", "unit": "万人次"},
        "qualifier": "at_least",
        "aspirational": True,
    }
    hand = {"value": {"magnitude": "2", "unit": "万人次"}, "qualifier": "at_least"}
    loaded = loads(_goal_doc(hand, "人次")).sections[0].items[0].figure  # type: ignore[union-attr]
    assert loaded == Figure.parse("2万人次以上")
    assert loaded.text == "2万人次以上"
    upper = {"value": "3亿元", "upper": "5亿元", "qualifier": "range"}
    assert loads(_goal_doc(upper, "元")) == loads(_goal_doc("3至5亿元", "元"))


def _funding_doc(amount: object) -> str:
    project = {
        "type": "project",
        "id": "p",
        "name": "n",
        "funding": [{"amount": amount, "source": "national"}],
    }
    return json.dumps(
        {"schema_version": 1, "id": "x", "title": "t", "kind": "annual", "sections": [{"items": [project]}]},
        ensure_ascii=False,
    )  # fmt: skip


def _amount(plan: Plan) -> Money:
    return plan.sections[0].items[0].funding[0].amount  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "structured"),
    [
        ("159.3万元", {"magnitude": "159.3", "unit": "万元"}),
        ("1.5亿元", {"magnitude": "1.5", "unit": "亿元"}),
        ("970000元", {"magnitude": "970000", "unit": "元"}),
        ("11万元", {"magnitude": 11, "unit": "万元"}),
    ],
)
def test_an_amount_as_text_or_structured_loads_alike(text: str, structured: Any) -> None:
    """An amount given as its text or as {magnitude, unit} loads to the same Money."""
    a, b = loads(_funding_doc(text)), loads(_funding_doc(structured))
    assert a == b
    assert _amount(a) == Money.parse(text)
    assert type(_amount(a)) is Money
    assert str(_amount(b)) == text


# -- exact numbers --------------------------------------------------------------------------------


def test_json_numbers_are_read_exactly() -> None:
    """A JSON number for a magnitude is read as a Decimal from its text, never as a float."""
    head = '{"schema_version": 1, "id": "x", "title": "t", "kind": "annual", "sections": [{"items": [{"type": "project", "id": "p", "name": "n", "funding": ['
    lines = [
        '{"amount": {"magnitude": 0.1, "unit": "万元"}, "source": "national"}',
        '{"amount": {"magnitude": 0.2, "unit": "万元"}, "source": "county"}',
        '{"amount": {"magnitude": 1.50, "unit": "万元"}, "source": "county"}',
        '{"amount": {"magnitude": 12345678901234567.891, "unit": "元"}, "source": "other"}',
        '{"amount": {"magnitude": 1E+2, "unit": "元"}, "source": "other"}',
    ]
    plan = loads(head + ", ".join(lines) + "]}]}]}")
    amounts = [line.amount for line in plan.sections[0].items[0].funding]  # type: ignore[union-attr]
    magnitudes = [a.magnitude for a in amounts]
    assert all(type(m) is Decimal for m in magnitudes)
    assert magnitudes[0].as_tuple() == Decimal("0.1").as_tuple()
    assert magnitudes[0] != Decimal.from_float(0.1)
    assert magnitudes[1] == Decimal("0.2")
    assert amounts[0] + amounts[1] == Money("0.3", "万元")
    assert str(magnitudes[2]) == "1.50"
    assert magnitudes[3] == Decimal("12345678901234567.891")
    assert amounts[4] == Money("100", "元")
    assert to_data(amounts[3]) == {"magnitude": "12345678901234567.891", "unit": "元"}


def test_toml_numbers_are_read_exactly(tmp_path: Path) -> None:
    """A TOML float for a magnitude is read as a Decimal from its text too."""
    path = tmp_path / "plan.toml"
    path.write_text(
        'schema_version = 1\nid = "x"\ntitle = "t"\nkind = "annual"\n'
        '[[sections]]\n[[sections.items]]\ntype = "project"\nid = "p"\nname = "n"\n'
        '[[sections.items.funding]]\nsource = "national"\n'
        'amount = { magnitude = 0.10, unit = "万元" }\n',
        encoding="utf-8",
    )
    magnitude = _amount(load(path)).magnitude
    assert type(magnitude) is Decimal
    assert str(magnitude) == "0.10"


def test_a_python_float_is_refused_by_from_data() -> None:
    """A float handed to from_data as a magnitude has lost its exact value and is refused."""
    data = json.loads(_funding_doc({"magnitude": "1.5", "unit": "万元"}))
    data["sections"][0]["items"][0]["funding"][0]["amount"]["magnitude"] = 1.5
    assert _load_problems(lambda: from_data(data)) == [
        (
            "$.sections[0].items[0].funding[0].amount",
            "a magnitude must be a string or an exact number, not a number",
        )
    ]


# -- the bundled examples -------------------------------------------------------------------------


@pytest.mark.parametrize("name", examples.names())
def test_example_round_trips_through_json(name: str) -> None:
    """Each bundled plan loads back equal from dumps(), and dumps() of that is the same text."""
    plan = examples.load(name)
    assert isinstance(plan, Plan)
    text = dumps(plan)
    assert loads(text) == plan
    assert dumps(loads(text)) == text
    assert dumps(plan) == text


@pytest.mark.parametrize("name", examples.names())
def test_example_round_trips_through_toml(tmp_path: Path, name: str) -> None:
    """Each bundled plan saved as TOML loads back equal, and saves to the same bytes again."""
    plan = examples.load(name)
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    dump(plan, first)
    assert load(first) == plan
    dump(load(first), second)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("name", examples.names())
def test_example_round_trips_through_json_files(tmp_path: Path, name: str) -> None:
    """Each bundled plan saved as a .json file loads back equal."""
    plan = examples.load(name)
    dump(plan, tmp_path / "plan.json")
    assert load(tmp_path / "plan.json") == plan


def test_examples_are_named_by_the_document_too() -> None:
    """The bundled plans are plan1..plan3, also reachable as 篇1..篇3."""
    assert examples.names() == ("plan1", "plan2", "plan3")
    for k, name in enumerate(examples.names(), start=1):
        assert examples.load(f"篇{k}") == examples.load(name)
        assert examples.load(name).id == name


# -- generated plan trees ---------------------------------------------------------------------------


@given(plans())
def test_generated_plans_round_trip_through_json(plan: Plan) -> None:
    """loads(dumps(p)) == p for generated plan trees, and the text is stable."""
    text = dumps(plan)
    again = loads(text)
    assert again == plan
    assert dumps(again) == text
    assert from_data(to_data(plan)) == plan


@given(plans())
def test_generated_plans_round_trip_through_toml(plan: Plan) -> None:
    """load(dump(p)) == p for generated plan trees saved as TOML."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        dump(plan, path)
        assert load(path) == plan


# -- the bad-input catalogue --------------------------------------------------------------------------


BASE: dict[str, Any] = {"schema_version": 1, "id": "x", "title": "t", "kind": "annual"}
PROJECT: dict[str, Any] = {"type": "project", "id": "p", "name": "n"}
LINE: dict[str, Any] = {"amount": "1万元", "source": "national"}
INDICATOR: dict[str, Any] = {"name": "i", "unit": "项"}
ITEM0 = "$.sections[0].items[0]"
FUNDING0 = f"{ITEM0}.funding[0]"
#: The item types a section may hold, as the loader names them when refusing another.
ITEM_TYPES = ", ".join(ITEM_TAGS.values())
QUALIFIERS = "exact, at_least, more_than, at_most, less_than, odd, nearly, about, range, unknown"


def doc(**fields: Any) -> str:
    """A JSON plan: the base fields with ``fields`` added or replaced."""
    return json.dumps({**BASE, **fields}, ensure_ascii=False)


def without(*keys: str) -> str:
    """A JSON plan missing ``keys``."""
    return json.dumps({k: v for k, v in BASE.items() if k not in keys}, ensure_ascii=False)


def in_section(*items: Any) -> str:
    """A JSON plan with ``items`` in its first section."""
    return doc(sections=[{"items": list(items)}])


def funded(*lines: Any) -> str:
    """A JSON plan with one project funded by ``lines``."""
    return in_section({**PROJECT, "funding": list(lines)})


def raw(tail: str) -> str:
    """JSON text: the base fields, then ``tail`` written as is, inside the plan object."""
    return json.dumps(BASE, ensure_ascii=False)[:-1] + ", " + tail + "}"


def _figure_doc(figure: Any, unit: str = "项", cls: str = "achievement") -> str:
    return in_section({"type": cls, "indicator": {"name": "i", "unit": unit}, "figure": figure})


_DEEP_TAIL = '"sections": ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH
_TOML_BASE = 'schema_version = 1\nid = "x"\ntitle = "t"\nkind = "annual"\n'
_NOT_UTF8 = b'{"schema_version": 1, "id": "\xff", "title": "t", "kind": "annual"}'
_SEVERAL = json.dumps(
    {
        "schema_version": 7,
        "id": 3,
        "titel": "t",
        "kind": "annual",
        "level": "x",
        "sections": [
            {
                "items": [
                    {"type": "goal"},
                    PROJECT,
                    {**PROJECT, "funding": [{"amount": "abc", "source": "national"}]},
                ]
            },
            {"items": [PROJECT]},
        ],
    }
)

CATALOGUE = [
    # missing fields
    pytest.param("json", without("id"), [("$.id", "a required field is missing")], id="missing-id"),
    pytest.param(
        "json",
        without("id", "title", "kind"),
        [
            ("$.id", "a required field is missing"),
            ("$.title", "a required field is missing"),
            ("$.kind", "a required field is missing"),
        ],
        id="missing-every-required-field",
    ),
    pytest.param("json", in_section({"type": "project", "id": "p"}), [(f"{ITEM0}.name", "a required field is missing")], id="missing-project-name"),
    pytest.param("json", funded({"amount": "1万元"}), [(f"{FUNDING0}.source", "a required field is missing")], id="missing-funding-source"),
    pytest.param("json", in_section({"type": "goal", "indicator": INDICATOR}), [(f"{ITEM0}.figure", "a required field is missing")], id="missing-goal-figure"),
    pytest.param("json", in_section({"type": "note", "text": "…"}), [(f"{ITEM0}.title", "a required field is missing")], id="missing-note-title"),
    # the schema version
    pytest.param("json", without("schema_version"), [("$.schema_version", "a required field is missing")], id="missing-schema-version"),
    pytest.param("json", doc(schema_version=2), [("$.schema_version", "unknown schema version 2 (this library reads 1)")], id="unknown-schema-version"),
    pytest.param("json", doc(schema_version="1"), [("$.schema_version", "unknown schema version '1' (this library reads 1)")], id="schema-version-as-text"),
    pytest.param("json", doc(schema_version=True), [("$.schema_version", "unknown schema version True (this library reads 1)")], id="schema-version-boolean"),
    # unknown keys (typos) at several depths
    pytest.param("json", doc(titel="t"), [("$", "unknown keys: titel")], id="typo-in-plan"),
    pytest.param("json", doc(sections=[{"titel": "x"}]), [("$.sections[0]", "unknown keys: titel")], id="typo-in-section"),
    pytest.param("json", in_section({**PROJECT, "fundng": []}), [(ITEM0, "unknown keys: fundng")], id="typo-in-project"),
    pytest.param("json", funded({**LINE, "stag": "spent"}), [(FUNDING0, "unknown keys: stag")], id="typo-in-funding"),
    pytest.param("json", funded({"amount": {"magnitude": "1", "unit": "万元", "unti": "元"}, "source": "national"}), [(f"{FUNDING0}.amount", "unknown keys in an amount: unti")], id="typo-in-amount"),
    pytest.param("json", _figure_doc({"value": {"magnitude": "3", "unit": "项"}, "qualifer": "exact"}), [(f"{ITEM0}.figure", "unknown keys in a figure: qualifer")], id="typo-in-figure"),
    pytest.param(
        "json",
        doc(sections=[{"sections": [{"sections": [{"items": [{"type": "task", "goals": [{"indicator": INDICATOR, "figure": "3项", "perod": "十五"}]}]}]}]}]),
        [("$.sections[0].sections[0].sections[0].items[0].goals[0]", "unknown keys: perod")],
        id="typo-deep-in-a-task-goal",
    ),
    pytest.param("json", doc(region={"name": "X", "parent": {"nam": "Y"}}), [("$.region.parent.name", "a required field is missing"), ("$.region.parent", "unknown keys: nam")], id="typo-in-parent-region"),
    # wrong types
    pytest.param("json", doc(id=3), [("$.id", "expected a string, got a number")], id="number-for-string"),
    pytest.param("json", doc(source={"document": "d", "start": "5", "end": 6}), [("$.source.start", "expected an integer, got a string")], id="string-for-integer"),
    pytest.param("json", doc(source={"document": "d", "start": True, "end": 6}), [("$.source.start", "expected an integer, got a boolean")], id="boolean-for-integer"),
    pytest.param("json", raw('"source": {"document": "d", "start": 1.0, "end": 6}'), [("$.source.start", "expected an integer, got a number")], id="decimal-for-integer"),
    pytest.param("json", doc(title=["t"]), [("$.title", "expected a string, got an array")], id="array-for-string"),
    pytest.param("json", in_section({"type": "person", "name": "张三", "role": 5}), [(f"{ITEM0}.role", "expected a string, got a number")], id="number-for-optional-string"),
    pytest.param("json", in_section({"type": "breakdown", "subject": "s", "total": "36项", "complete": "yes"}), [(f"{ITEM0}.complete", "expected a boolean, got a string")], id="string-for-boolean"),
    pytest.param("json", doc(region=["XX县"]), [("$.region", "expected an object, got an array")], id="array-for-object"),
    pytest.param("json", doc(region="XX县"), [("$.region", "expected an object, got a string")], id="string-for-object"),
    pytest.param("json", doc(sections={"title": "x"}), [("$.sections", "expected an array, got an object")], id="object-for-array"),
    pytest.param("json", doc(sections=3), [("$.sections", "expected an array, got a number")], id="number-for-array"),
    pytest.param("json", doc(sections=None), [("$.sections", "expected an array, got null")], id="null-for-array"),
    pytest.param("json", in_section({"type": "designation", "title": "示范县", "by": "科技部"}), [(f"{ITEM0}.by", "expected an array, got a string")], id="string-for-array"),
    pytest.param("json", doc(period=True), [("$.period", "a period is a year (2006, '20xx年'), a five-year plan ('十一五') or a span of years ('2006-2010年'), not a boolean")], id="boolean-for-period"),
    pytest.param("json", in_section({**PROJECT, "year": True}), [(f"{ITEM0}.year", "a year is a number such as 2006 or a string such as '20xx年', not a boolean")], id="boolean-for-year"),
    pytest.param("json", in_section({**PROJECT, "year": 20050}), [(f"{ITEM0}.year", "invalid year: 20050 is not a year of four digits")], id="year-of-five-digits"),
    pytest.param("json", funded({"amount": 11, "source": "national"}), [(f"{FUNDING0}.amount", "an amount is a string such as '159.3万元' or an object, not a number")], id="bare-number-for-amount"),
    pytest.param("json", funded({"amount": {"magnitude": True, "unit": "万元"}, "source": "national"}), [(f"{FUNDING0}.amount", "a magnitude must be a string or an exact number, not a boolean")], id="boolean-for-magnitude"),
    pytest.param("json", _figure_doc(36), [(f"{ITEM0}.figure", "a figure is a string such as '2万人次以上' or an object, not a number")], id="number-for-figure"),
    pytest.param("json", _figure_doc({"value": "3项", "aspirational": "yes"}), [(f"{ITEM0}.figure", "aspirational must be a boolean, not a string")], id="string-for-aspirational"),
    # unknown names
    pytest.param("json", doc(kind="annul"), [("$.kind", "cannot read code 'annul': a PlanKind such as 年度计划、五年规划、专项计划、工作总结 was expected at position 0 ('annul')")], id="unknown-plan-kind"),
    pytest.param("json", doc(kind=3), [("$.kind", "expected a string naming a PlanKind, got a number")], id="number-for-plan-kind"),
    pytest.param("json", doc(level="cosmic"), [("$.level", "cannot read level 'cosmic': an administrative level was expected at position 0 ('cosmic')")], id="unknown-level"),
    pytest.param("json", funded({**LINE, "source": "martian"}), [(f"{FUNDING0}.source", "cannot read code 'martian': a FundingSource such as 中央财政、省财政、市财政、县财政 was expected at position 0 ('martian')")], id="unknown-funding-source"),
    pytest.param("json", funded({**LINE, "stage": "spending"}), [(f"{FUNDING0}.stage", "cannot read code 'spending': a FundingStage such as 计划、下达、到位、支出 was expected at position 0 ('spending')")], id="unknown-funding-stage"),
    pytest.param("json", in_section({**PROJECT, "status": "submitted"}), [(f"{ITEM0}.status", "cannot read code 'submitted': a ProjectStatus such as 拟实施、申报、评审、立项 was expected at position 0 ('submitted')")], id="unknown-project-status"),
    pytest.param("json", in_section({"type": "breakdown", "subject": "s", "total": "36项", "levels": ["国", "nowhere"]}), [(f"{ITEM0}.levels[1]", "cannot read level 'nowhere': an administrative level was expected at position 0 ('nowhere')")], id="unknown-level-in-a-list"),
    pytest.param("json", in_section({"type": "widget"}), [(ITEM0, f"unknown item type 'widget' (one of {ITEM_TYPES})")], id="unknown-item-type"),
    pytest.param("json", in_section({"id": "p", "name": "n"}), [(ITEM0, f"unknown item type None (one of {ITEM_TYPES})")], id="item-without-type"),
    pytest.param("json", in_section("p1"), [(ITEM0, "an item is an object, not a string")], id="item-not-an-object"),
    pytest.param("json", _figure_doc({"value": {"magnitude": "3", "unit": "项"}, "qualifier": "roughly"}), [(f"{ITEM0}.figure", f"unknown qualifier 'roughly' (one of {QUALIFIERS})")], id="unknown-qualifier"),
    pytest.param("json", funded({"amount": {"magnitude": "3", "unit": "furlong"}, "source": "national"}), [(f"{FUNDING0}.amount", "unknown unit 'furlong'")], id="unknown-unit"),
    # figures that cannot be read or do not fit
    pytest.param("json", _figure_doc("abc"), [(f"{ITEM0}.figure", "cannot read figure 'abc': a number was expected at position 0 ('abc')")], id="unreadable-figure-text"),
    pytest.param("json", _figure_doc({"text": "36项", "value": {"magnitude": "37", "unit": "项"}}), [(f"{ITEM0}.figure", "invalid figure: its text '36项' does not say '37项'")], id="figure-text-disagrees-with-value"),
    pytest.param("json", _figure_doc({"value": {"magnitude": "3", "unit": "项"}, "qualifier": "range"}), [(f"{ITEM0}.figure", "invalid figure: a RANGE figure needs its upper end")], id="range-without-upper-end"),
    pytest.param("json", funded({**LINE, "amount": "36项"}), [(f"{FUNDING0}.amount", "cannot read figure '36项': 项 is not a unit of money at position 2 ('项')")], id="funding-amount-text-in-a-count"),
    pytest.param("json", funded({**LINE, "amount": {"magnitude": "36", "unit": "项"}}), [(f"{FUNDING0}.amount.unit", "invalid Money: '项' is not a unit of money")], id="funding-amount-in-a-count"),
    pytest.param("json", _figure_doc("36人次"), [(f"{ITEM0}.figure", "cannot count 'i' in both '人次' and '项': they are units of different things")], id="achievement-figure-in-the-wrong-unit"),
    pytest.param("json", in_section({"type": "goal", "indicator": {"name": "i", "unit": "项", "same_as": ["万元"]}, "figure": "3项"}), [(f"{ITEM0}.indicator.same_as[0]", "invalid indicator: only measure words count alike, not 项 and 万元")], id="indicator-same-as-money"),
    pytest.param("json", in_section({"type": "breakdown", "subject": "s", "total": "36项", "parts": [{"figure": "5万元", "category": "x"}]}), [(f"{ITEM0}.parts[0].figure", "cannot break down '项' and '万元': they are units of different things")], id="breakdown-part-in-another-dimension"),
    pytest.param("json", in_section({"type": "breakdown", "subject": "s", "total": "36项", "parts": [{"figure": "5项"}]}), [(f"{ITEM0}.parts[0]", "invalid breakdown part: it needs a level or a category")], id="breakdown-part-without-key"),
    pytest.param("json", doc(region={"name": "X", "code": "12345"}), [("$.region.code", "invalid region code: '12345' is not six digits (GB/T 2260)")], id="region-code-of-five-digits"),
    pytest.param("json", doc(period="2010-2006年"), [("$.period", "cannot read period '2010-2006年': 2010年 is after 2006年 at position 0 ('2010-2006年')")], id="year-span-start-after-end"),
    pytest.param("json", doc(period="二十一世纪"), [("$.period", "cannot read period '二十一世纪': a year of four digits was expected at position 0 ('二十一世纪')")], id="unreadable-period"),
    pytest.param("json", doc(source={"document": "d", "start": 5, "end": 2}), [("$.source", "invalid source span: [5, 2) is not a span")], id="source-span-reversed"),
    # numbers that are not exact amounts
    pytest.param("json", raw('"sections": [{"items": [{"type": "project", "id": "p", "name": "n", "funding": [{"amount": {"magnitude": NaN, "unit": "万元"}, "source": "national"}]}]}]'), [("$", "not JSON this library reads: NaN is not a number this library reads")], id="nan-magnitude"),
    pytest.param("json", raw('"sections": [{"items": [{"type": "project", "id": "p", "name": "n", "funding": [{"amount": {"magnitude": Infinity, "unit": "万元"}, "source": "national"}]}]}]'), [("$", "not JSON this library reads: Infinity is not a number this library reads")], id="infinite-magnitude"),
    pytest.param("json", raw('"sections": [{"items": [{"type": "project", "id": "p", "name": "n", "funding": [{"amount": {"magnitude": -Infinity, "unit": "万元"}, "source": "national"}]}]}]'), [("$", "not JSON this library reads: -Infinity is not a number this library reads")], id="minus-infinite-magnitude"),
    pytest.param("json", raw('"sections": [{"items": [{"type": "project", "id": "p", "name": "n", "funding": [{"amount": {"magnitude": 1e999, "unit": "万元"}, "source": "national"}]}]}]'), [(f"{FUNDING0}.amount.magnitude", "invalid magnitude '1E+999': too large or too finely divided")], id="magnitude-1e999"),
    pytest.param("json", raw('"sections": [{"items": [{"type": "project", "id": "p", "name": "n", "funding": [{"amount": {"magnitude": 1234567890123456789012345678901.5, "unit": "万元"}, "source": "national"}]}]}]'), [(f"{FUNDING0}.amount.magnitude", "invalid magnitude '1234567890123456789012345678901.5': more than 28 significant digits")], id="magnitude-of-too-many-digits"),
    pytest.param("json", raw('"source": {"document": "d", "start": 1234567890123456789012345678901, "end": 2}'), [("$", "not JSON this library reads: an integer of more than 30 digits")], id="integer-of-31-digits"),
    pytest.param("toml", _TOML_BASE + '[[sections]]\n[[sections.items]]\ntype = "project"\nid = "p"\nname = "n"\n[[sections.items.funding]]\nsource = "national"\namount = { magnitude = inf, unit = "万元" }\n', [(f"{FUNDING0}.amount.magnitude", "invalid magnitude 'Infinity': not a finite number")], id="toml-infinite-magnitude"),
    pytest.param("toml", _TOML_BASE + "period = nan\n", [("$.period", "a period is a year (2006, '20xx年'), a five-year plan ('十一五') or a span of years ('2006-2010年'), not a number")], id="toml-nan-period"),
    # duplicates
    pytest.param("json", raw('"id": "y"'), [("$.id", "a key that stands more than once")], id="duplicate-key"),
    pytest.param("json", raw('"region": {"name": "a", "code": "620000", "name": "b", "code": "610000"}'), [("$.region.name", "a key that stands more than once"), ("$.region.code", "a key that stands more than once")], id="duplicate-keys-nested"),
    pytest.param(
        "json",
        doc(sections=[{"items": [PROJECT, {**PROJECT, "id": "q"}]}, {"items": [PROJECT], "sections": [{"items": [PROJECT]}]}]),
        [
            ("$.sections[1].items[0].id", "duplicate project id 'p' (first at $.sections[0].items[0].id)"),
            ("$.sections[1].sections[0].items[0].id", "duplicate project id 'p' (first at $.sections[0].items[0].id)"),
        ],
        id="three-projects-share-an-id",
    ),
    # absurd sizes and shapes
    pytest.param("json", raw(_DEEP_TAIL), [("$.sections" + "[0]" * (MAX_DEPTH - 1), f"nesting deeper than {MAX_DEPTH} levels")], id="nesting-too-deep"),
    pytest.param("json", raw('"sections": ' + "[" * 3000 + "]" * 3000), [("$", f"nesting deeper than {MAX_DEPTH} levels")], id="nesting-far-too-deep"),
    pytest.param("toml", _TOML_BASE + "extra = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n", [("$.extra" + "[0]" * (MAX_DEPTH - 1), f"nesting deeper than {MAX_DEPTH} levels")], id="toml-nesting-too-deep"),
    pytest.param("json", doc(title="x" * (MAX_STRING + 1)), [("$.title", f"a string of {MAX_STRING + 1} characters (at most {MAX_STRING})")], id="string-too-long"),
    pytest.param("json", "", [("$", "not JSON: Expecting value at line 1 column 1")], id="empty-text"),
    pytest.param("json", '{"schema_version": 1,}', [("$", "not JSON: Expecting property name enclosed in double quotes at line 1 column 22")], id="trailing-comma"),
    pytest.param("json", "[]", [("$", "a plan is an object, not an array")], id="plan-is-an-array"),
    pytest.param("json", "null", [("$", "a plan is an object, not null")], id="plan-is-null"),
    pytest.param("json", "3", [("$", "a plan is an object, not a number")], id="plan-is-a-number"),
    pytest.param("json", '"plan"', [("$", "a plan is an object, not a string")], id="plan-is-a-string"),
    # files
    pytest.param("bytes", _NOT_UTF8, [("$", "not UTF-8 text: invalid start byte at byte 29")], id="not-utf8-file"),
    # several problems at once, all listed in order
    pytest.param(
        "json",
        _SEVERAL,
        [
            ("$.schema_version", "unknown schema version 7 (this library reads 1)"),
            ("$.id", "expected a string, got a number"),
            ("$.title", "a required field is missing"),
            ("$.level", "cannot read level 'x': an administrative level was expected at position 0 ('x')"),
            ("$.sections[0].items[0].indicator", "a required field is missing"),
            ("$.sections[0].items[0].figure", "a required field is missing"),
            ("$.sections[0].items[2].funding[0].amount", "cannot read figure 'abc': a number was expected at position 0 ('abc')"),
            ("$", "unknown keys: titel"),
            ("$.sections[0].items[2].id", "duplicate project id 'p' (first at $.sections[0].items[1].id)"),
            ("$.sections[1].items[0].id", "duplicate project id 'p' (first at $.sections[0].items[1].id)"),
        ],
        id="several-problems",
    ),
]  # fmt: skip


def test_the_catalogue_is_large_enough() -> None:
    """The catalogue holds at least 30 malformed documents, each with a distinct id."""
    ids = [p.id for p in CATALOGUE]
    assert len(ids) >= 30
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(("kind", "document", "expected"), CATALOGUE)
def test_bad_input_catalogue(
    tmp_path: Path, kind: str, document: str | bytes, expected: list[tuple[str, str]]
) -> None:
    """Each malformed document raises one PlanLoadError listing exactly its paths and messages."""
    if kind == "json":
        assert isinstance(document, str)
        problems = _load_problems(lambda: loads(document))
    else:
        path = tmp_path / ("plan.toml" if kind == "toml" else "plan.json")
        if isinstance(document, bytes):
            path.write_bytes(document)
        else:
            path.write_text(document, encoding="utf-8")
        problems = _load_problems(lambda: load(path))
    assert problems == expected


def test_deep_nesting_limit_is_exact() -> None:
    """Nesting of exactly MAX_DEPTH levels is read; one more is refused."""
    tail = '"extra": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert _load_problems(lambda: loads(raw(tail))) == [("$", "unknown keys: extra")]


def test_a_string_of_the_largest_size_is_read() -> None:
    """A string of exactly MAX_STRING characters is read."""
    assert loads(doc(title="x" * MAX_STRING)).title == "x" * MAX_STRING


def test_plan_load_error_is_a_value_error_with_every_problem() -> None:
    """PlanLoadError is a SciplanError and a ValueError; its message lists each problem."""
    with pytest.raises(PlanLoadError) as excinfo:
        loads(without("id", "title"))
    error = excinfo.value
    assert isinstance(error, SciplanError)
    assert isinstance(error, ValueError)
    assert error.problems == (
        LoadProblem("$.id", "a required field is missing"),
        LoadProblem("$.title", "a required field is missing"),
    )
    assert str(error) == (
        "cannot load the document: 2 problems\n"
        "  $.id: a required field is missing\n"
        "  $.title: a required field is missing"
    )
    assert str(error.problems[0]) == "$.id: a required field is missing"
    one = PlanLoadError([LoadProblem("$", "x")])
    assert str(one) == "cannot load the document: 1 problem\n  $: x"


def test_a_key_that_is_not_a_string_is_a_load_problem() -> None:
    """from_data reports a non-string key as an unknown key, not a bare TypeError."""
    data: dict[Any, Any] = {**BASE, 3: "x"}
    assert _load_problems(lambda: from_data(data)) == [("$", "unknown keys: 3")]


@pytest.mark.parametrize("name", ["plan.yaml", "plan", "plan.json.bak"])
def test_a_file_of_another_kind_is_refused(tmp_path: Path, name: str) -> None:
    """load() and dump() refuse a suffix other than .json or .toml, naming the file."""
    path = tmp_path / name
    path.write_text(doc(), encoding="utf-8")
    message = f"invalid file name: {name!r} ends in neither .json nor .toml"
    for call in (lambda: load(path), lambda: dump(rich_plan(), path)):
        with pytest.raises(InvalidValueError) as excinfo:
            call()
        assert isinstance(excinfo.value, ValueError)
        assert str(excinfo.value) == message


def test_loads_takes_text_only() -> None:
    """loads() of bytes or None is a WrongTypeError (a TypeError), not a load problem."""
    for value in (doc().encode("utf-8"), None):
        with pytest.raises(WrongTypeError) as excinfo:
            loads(value)  # type: ignore[arg-type]
        assert str(excinfo.value) == f"text must be a str, not {type(value).__name__}"


def test_loading_is_all_or_nothing() -> None:
    """A document with one bad project loads nothing: the error holds no partial plan."""
    good = {**PROJECT, "id": "ok"}
    bad = {**PROJECT, "id": "bad", "status": "nonsense"}
    with pytest.raises(PlanLoadError) as excinfo:
        loads(in_section(good, bad))
    assert [p.path for p in excinfo.value.problems] == ["$.sections[0].items[1].status"]
    assert excinfo.value.args == (excinfo.value.problems,)


# -- random bad input never raises anything but PlanLoadError ---------------------------------------

_KEYS = st.sampled_from(
    [f.name for cls in (Plan, Section, Project, Funding, Goal, Breakdown, BreakdownPart, Region, SourceRef, Indicator) for f in attrs.fields(cls)]
    + ["schema_version", "type", "magnitude", "unit", "value", "qualifier", "upper", "text"]
)  # fmt: skip
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**35), 10**35),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.floats(),
    st.text(max_size=6),
    st.sampled_from(
        ["annual", "project", "goal", "breakdown", "national", "won", "36项", "159.3万元",
         "2006", "十五", "20xx年", "2006-2010年", "项", "万元", "620000", "at_least", "abc"]
    ),
)  # fmt: skip
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(_KEYS | st.text(max_size=4), children, max_size=5)
    ),
    max_leaves=20,
)
PLAN_LIKE = st.fixed_dictionaries(
    {key: st.just(value) for key, value in BASE.items()},
    optional={
        "sections": JSON_VALUES,
        "region": JSON_VALUES,
        "period": JSON_VALUES,
        "level": JSON_VALUES,
        "source": JSON_VALUES,
    },
)


def _attempt(call: Any) -> tuple[Any, PlanLoadError | None]:
    """``call()``'s result and None, or None and the PlanLoadError it raised (any other
    exception passes through and fails the test)."""
    try:
        return call(), None
    except PlanLoadError as error:
        return None, error


@given(st.one_of(JSON_VALUES, PLAN_LIKE))
def test_random_data_raises_only_plan_load_error(data: Any) -> None:
    """from_data of any JSON-like value returns a Plan or raises PlanLoadError."""
    result, error = _attempt(lambda: from_data(data))
    if error is not None:
        assert error.problems
        assert all(p.path.startswith("$") for p in error.problems)
    else:
        assert isinstance(result, Plan)


@given(
    st.sampled_from([Project, Section, Funding, Region, Indicator, Breakdown, Figure, Money]),
    JSON_VALUES,
)
def test_random_data_for_any_class_raises_only_plan_load_error(cls: type, data: Any) -> None:
    """from_data(value, cls) for the other classes returns a cls or raises PlanLoadError."""
    result, error = _attempt(lambda: from_data(data, cls))
    if error is not None:
        assert error.problems
    else:
        assert isinstance(result, cls)


@given(st.one_of(st.text(), JSON_VALUES.map(lambda v: json.dumps(v, default=str))))
def test_random_text_raises_only_plan_load_error(text: str) -> None:
    """loads of any text returns a Plan or raises PlanLoadError."""
    result, error = _attempt(lambda: loads(text))
    if error is not None:
        assert error.problems
    else:
        assert isinstance(result, Plan)


@given(plans(), st.data())
def test_damaged_documents_raise_only_plan_load_error(plan: Plan, data: st.DataObject) -> None:
    """A saved plan with one value replaced loads to a round-tripping plan or raises PlanLoadError."""
    saved = to_data(plan)
    where = data.draw(st.sampled_from(places(saved)))
    damaged = replaced(saved, where, data.draw(JSON_VALUES))
    result, error = _attempt(lambda: from_data(damaged))
    if error is not None:
        assert error.problems
    else:
        assert loads(dumps(result)) == result


# --- what the review of the model asked for -------------------------------------------------


def _plan_with(*items: dict[str, object]) -> dict[str, object]:
    return {
        "schema_version": 1,
        "id": "p",
        "title": "t",
        "kind": "annual",
        "sections": [{"items": list(items)}],
    }


def test_references_to_projects_must_exist() -> None:
    """A task's projects and a project's related entries name projects of the plan."""
    data = _plan_with(
        {"type": "project", "id": "a", "name": "n", "related": ["b", "zz"]},
        {"type": "project", "id": "b", "name": "m"},
        {"type": "task", "title": "t", "projects": ["a", "nope"]},
    )
    with pytest.raises(PlanLoadError) as excinfo:
        from_data(data)
    assert [(p.path, p.message) for p in excinfo.value.problems] == [
        ("$.sections[0].items[0].related[1]", "no project with id 'zz' in this plan"),
        ("$.sections[0].items[2].projects[1]", "no project with id 'nope' in this plan"),
    ]


def test_a_lone_surrogate_is_no_text() -> None:
    """A string holding a lone surrogate is refused: it could not be written as UTF-8."""
    text = json.dumps(_plan_with()).replace('"title": "t"', '"title": "t\\ud800"')
    with pytest.raises(PlanLoadError) as excinfo:
        loads(text)
    assert [(p.path, p.message) for p in excinfo.value.problems] == [
        ("$.title", "a string with a lone surrogate (\\ud800-\\udfff), which is no text")
    ]


def test_a_huge_toml_integer_is_a_load_problem(tmp_path: Path) -> None:
    """A TOML integer past 30 digits is refused like a JSON one, never Python's own error."""
    path = tmp_path / "plan.toml"
    path.write_text(
        f'schema_version = 1\nid = "p"\ntitle = "t"\nkind = "annual"\nperiod = 1{"0" * 5000}\n',
        encoding="utf-8",
    )
    with pytest.raises(PlanLoadError):
        load(path)
    path.write_text(
        f'schema_version = 1\nid = "p"\ntitle = "t"\nkind = "annual"\nperiod = 1{"0" * 40}\n',
        encoding="utf-8",
    )
    with pytest.raises(PlanLoadError) as excinfo:
        load(path)
    problems = [(p.path, p.message) for p in excinfo.value.problems]
    assert problems[0] == ("$.period", "an integer of more than 30 digits")


def test_deep_data_given_to_from_data_is_refused() -> None:
    """Python data nested past MAX_DEPTH is a PlanLoadError, never a RecursionError."""
    section: dict[str, object] = {"title": "s"}
    for _ in range(2000):
        section = {"title": "s", "sections": [section]}
    data = {"schema_version": 1, "id": "p", "title": "t", "kind": "annual", "sections": [section]}
    with pytest.raises(PlanLoadError) as excinfo:
        from_data(data)
    assert excinfo.value.problems[0].message == "nesting deeper than 64 levels"


def test_a_plan_too_deep_to_read_back_is_not_written() -> None:
    """dumps refuses a plan nested deeper than a document may be: it could not be loaded."""
    section = Section(title="s")
    for _ in range(40):
        section = Section(title="s", sections=[section])
    plan = Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=[section])
    with pytest.raises(InvalidValueError) as excinfo:
        dumps(plan)
    assert str(excinfo.value).startswith("invalid plan: it nests deeper than 64 levels at $.")


def test_problems_are_listed_up_to_a_limit() -> None:
    """A document with thousands of problems lists the first 1000 and says how many more."""
    data = _plan_with(*({} for _ in range(1500)))
    with pytest.raises(PlanLoadError) as excinfo:
        from_data(data)
    problems = excinfo.value.problems
    assert len(problems) == 1001
    # the search stops past the cap, so the rest are counted as a lower bound
    assert problems[-1] == LoadProblem(
        "$", "and at least 1 more problem, not listed: the search stopped after the first 1000"
    )


def test_other_problems_are_listed_beside_a_repeated_key() -> None:
    """A repeated key does not stop the loader from reporting the rest."""
    text = '{"schema_version": 3, "id": "x", "id": "y", "kind": "weekly"}'
    with pytest.raises(PlanLoadError) as excinfo:
        loads(text)
    problems = [(p.path, p.message) for p in excinfo.value.problems]
    assert ("$.id", "a key that stands more than once") in problems
    assert {"$.schema_version", "$.title", "$.kind"} <= {path for path, _ in problems}


def test_a_file_may_start_with_a_byte_order_mark(tmp_path: Path) -> None:
    """A UTF-8 file written with a byte order mark loads like one without."""
    path = tmp_path / "plan.json"
    path.write_text("\ufeff" + json.dumps(_plan_with()), encoding="utf-8")
    assert load(path).id == "p"


_JSON_DATA = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**60), 2**60) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(_JSON_DATA)
def test_the_accelerated_writer_writes_the_same_text(data: object) -> None:
    """With orjson the indented text is byte for byte what the standard library writes."""
    from sciplan_model.serialize import _encode

    assert _encode(data, 2) == _encode(data, 2, accelerate=False)
    assert _encode(data, 2, accelerate=False) == json.dumps(data, ensure_ascii=False, indent=2)
    compact = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert _encode(data, None) == _encode(data, None, accelerate=False) == compact


def test_every_example_is_written_alike_with_and_without_orjson() -> None:
    """The bundled plans' JSON does not depend on whether orjson is installed."""
    from sciplan_model import examples, to_data
    from sciplan_model.serialize import _encode

    for name in examples.names():
        data = to_data(examples.load(name))
        assert _encode(data, 2) == _encode(data, 2, accelerate=False)
