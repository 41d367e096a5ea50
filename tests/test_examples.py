"""Tests of the bundled seed plans (篇1, 篇2, 篇3 of work-plans-1-3.txt)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from sciplan_model import (
    Achievement,
    Breakdown,
    Designation,
    Figure,
    InvalidValueError,
    Level,
    Note,
    Organization,
    Person,
    Plan,
    Project,
    Range,
    ScheduleEntry,
    Section,
    SourceRef,
    Task,
    dump,
    dumps,
    examples,
    load,
    loads,
)


def objects(obj: Any) -> Iterator[Any]:
    """Every attrs object inside ``obj``, ``obj`` first (figures and amounts not entered)."""
    yield obj
    if isinstance(obj, Figure):
        return
    for a in attrs.fields(type(obj)):
        value = getattr(obj, a.name)
        for element in value if isinstance(value, tuple) else (value,):
            if attrs.has(type(element)) and not isinstance(element, SourceRef):
                yield from objects(element)


def of_type(plan: Plan, cls: type) -> list[Any]:
    """Every object of class ``cls`` in ``plan``."""
    return [o for o in objects(plan) if isinstance(o, cls)]


@pytest.fixture(scope="module", params=examples.names())
def plan(request: pytest.FixtureRequest) -> Plan:
    """Each bundled plan in turn."""
    return examples.load(request.param)


def test_names_and_aliases() -> None:
    """names() lists the three plans; the document's own names 篇1–篇3 load them too."""
    assert examples.names() == ("plan1", "plan2", "plan3")
    for k, name in enumerate(examples.names(), start=1):
        assert examples.load(f"篇{k}") == examples.load(name)
        assert examples.load(name).id == name


def test_an_unknown_name_is_refused() -> None:
    """An unknown example name is our ValueError, naming the known ones."""
    with pytest.raises(InvalidValueError) as excinfo:
        examples.load("plan4")
    assert str(excinfo.value) == (
        "invalid example name: no bundled plan 'plan4' "
        "(one of plan1, plan2, plan3, qinghe-review, yunxi-plan)"
    )
    with pytest.raises(InvalidValueError, match="no bundled plan text 'plan3'"):
        examples.text("plan3")


def test_the_bundled_texts_read_into_plans() -> None:
    """The two plan texts of the docs are listed, given as written, and read by the
    reader into drafts; load() gives the draft's plan."""
    assert examples.texts() == ("qinghe-review", "yunxi-plan")
    for name in examples.texts():
        text = examples.text(name)
        draft = examples.read(name)
        assert draft.text == text
        assert draft.document == f"{name}.txt"
        assert examples.load(name) == draft.plan
    assert examples.read("yunxi-plan").plan.kind.value == "annual"
    assert examples.read("qinghe-review").plan.kind.value == "review"


def test_round_trip_through_json_and_toml(plan: Plan, tmp_path: Path) -> None:
    """Each bundled plan survives JSON and TOML unchanged."""
    assert loads(dumps(plan)) == plan
    for suffix in (".json", ".toml"):
        path = tmp_path / f"plan{suffix}"
        dump(plan, path)
        assert load(path) == plan


def test_every_section_and_item_points_into_the_document(plan: Plan) -> None:
    """Every section and item carries a source span inside work-plans-1-3.txt."""
    for section in of_type(plan, Section):
        for thing in (section, *section.items):
            assert thing.source is not None, thing
            assert thing.source.document == examples.DOCUMENT
            assert 0 <= thing.source.start < thing.source.end <= examples.DOCUMENT_LENGTH


def test_plans_lie_in_their_own_part_of_the_document(plan: Plan) -> None:
    """The three plans' spans do not overlap: 篇1 before 篇2 before 篇3."""
    bounds = {"plan1": (0, 676), "plan2": (676, 1417), "plan3": (1417, examples.DOCUMENT_LENGTH)}
    low, high = bounds[plan.id]
    for thing in objects(plan):
        source = getattr(thing, "source", None)
        if isinstance(source, SourceRef):
            assert low <= source.start, thing
            assert source.end <= high, thing


def test_complete_breakdowns_add_up_exactly() -> None:
    """Every complete "共…其中…" statement of 篇3 adds up; partial ones stay below."""
    breakdowns = of_type(examples.load("plan3"), Breakdown)
    assert len(breakdowns) >= 8
    for b in breakdowns:
        parts: Range = sum(p.figure.range for p in b.parts)  # type: ignore[assignment]
        if b.complete:
            assert parts == b.total.range, b
        else:
            assert b.total.range.high is not None
            assert parts.high is not None
            assert parts.high <= b.total.range.high, b


def test_the_statement_of_projects_and_funding_by_level() -> None:
    """篇3's 36项 and 159。3万元 are each broken down by 国列, 省列 and 市列."""
    breakdowns = {b.total.text: b for b in of_type(examples.load("plan3"), Breakdown)}
    for total, parts in (
        ("36项", ["5项", "24项", "7项"]),
        ("159。3万元", ["11万元", "97万元", "51。3万元"]),
    ):
        b = breakdowns[total]
        assert b.complete
        assert [p.figure.text for p in b.parts] == parts
        assert [p.level for p in b.parts] == [Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL]


def test_what_each_plan_holds() -> None:
    """Each plan holds the kinds of things its text states."""
    p1, p2, p3 = (examples.load(n) for n in examples.names())
    assert {p.name for p in of_type(p1, Person)} >= {"石传花", "冯金祥", "田景英", "罗永红"}
    assert [e.topic for e in of_type(p1, ScheduleEntry)] == ["家庭生活知识"]
    tasks = of_type(p2, Task)
    assert [t.label for t in tasks] == [f"{k}、" for k in range(1, 15)]
    assert any(g.figure.text == "2100个" for t in tasks for g in t.goals)
    assert len(of_type(p3, Achievement)) >= 60
    assert {o.name for o in of_type(p3, Organization)} >= {"奥瑞金公司", "雪晶公司"}
    assert any(d.title == "甘肃省星火西进示范县" for d in of_type(p3, Designation))
    assert {p.id for p in of_type(p3, Project)} == {"plan3-p1", "plan3-p2", "plan3-p3"}
    assert of_type(p3, Note)


def test_sections_name_their_own_periods() -> None:
    """篇3 reviews 十五, reports a year, and plans 十一五: each part has its own period."""
    periods = [str(s.period) for s in examples.load("plan3").sections]
    assert periods == ["“十五”", "20xx年", "“十一五”", "20xx年"]
