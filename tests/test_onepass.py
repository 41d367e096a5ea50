"""The one-pass reader and writer (``_onepass``) against the detailed path.

The one pass must read every document that is fine to the very plan the detailed path
makes, and hand every other document over whole, so that the problems reported are the
detailed path's; the writer must write what cattrs writes, field for field and in the
same order, and hand over whatever a document could not hold.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciplan_model import Plan, PlanLoadError, dumps, examples, loads, serialize, to_data
from sciplan_model.errors import InvalidValueError
from strategies import places, plans, replaced

JSON_VALUES = st.none() | st.booleans() | st.integers() | st.text(max_size=6)


def _detailed(text: str) -> Any:
    """What the detailed path makes of a JSON text: a plan, or the problems listed."""
    try:
        data = serialize._read_json(text)
        walked, stopped = serialize.check_data(data)
        return serialize._from_data_detailed(data, Plan, walked, stopped)
    except PlanLoadError as e:
        return e.problems


def _loaded(text: str) -> Any:
    try:
        return loads(text)
    except PlanLoadError as e:
        return e.problems


def _one_pass(text: str) -> Plan | None:
    data = json.loads(text, parse_float=Decimal)
    return serialize._one_pass(data, Plan, text)


@given(plans())
def test_the_one_pass_reads_every_plan_it_writes(plan: Plan) -> None:
    """The saved text of any plan is read in one pass (no fallback), to an equal plan."""
    text = dumps(plan)
    assert _one_pass(text) == plan
    assert _one_pass(dumps(plan, indent=None)) == plan


@given(plans())
def test_the_one_pass_writes_what_cattrs_writes(plan: Plan) -> None:
    """to_data equals the detailed writer's data, keys in the same order."""
    fast, slow = to_data(plan), serialize._to_data_detailed(plan)
    assert json.dumps(fast, ensure_ascii=False) == json.dumps(slow, ensure_ascii=False)


@pytest.mark.parametrize("name", examples.names())
def test_the_bundled_plans_go_the_one_pass_way(name: str) -> None:
    """The bundled plans (every kind of item) are read and written in one pass."""
    plan = examples.load(name)
    fast, slow = to_data(plan), serialize._to_data_detailed(plan)
    assert json.dumps(fast, ensure_ascii=False) == json.dumps(slow, ensure_ascii=False)
    assert _one_pass(dumps(plan)) == plan


@given(plans(), st.data())
def test_a_damaged_document_loads_as_the_detailed_path_loads_it(
    plan: Plan, data: st.DataObject
) -> None:
    """One value replaced anywhere: loads gives the detailed path's plan or problems."""
    saved = to_data(plan)
    where = data.draw(st.sampled_from(places(saved)))
    damaged = replaced(saved, where, data.draw(JSON_VALUES))
    text = json.dumps(damaged, ensure_ascii=False)
    assert _loaded(text) == _detailed(text)


@given(plans(), st.data())
def test_a_key_said_twice_is_never_read_in_one_pass(plan: Plan, data: st.DataObject) -> None:
    """A member repeated in any object of the text (the same value, or another) is
    reported as the detailed path reports it, even beside colons inside strings and
    colons written as escapes."""
    text = dumps(plan, indent=None)
    members = [k for k in range(len(text)) if text.startswith('{"', k)]
    at = data.draw(st.sampled_from(members)) + 1
    end = text.index(",", at) if "," in text[at:] else len(text) - 1
    member = text[at:end]
    if member.count('"') < 4 or any(mark in member for mark in "{}[]"):
        return  # not a simple member: nothing to repeat
    key = member.split(":", 1)[0]
    extra = data.draw(st.sampled_from([member, f'{key}:"a\\u003ab"', f'{key}:"a:b"', f"{key}:1"]))
    damaged = text[:at] + extra + "," + text[at:]
    result = _loaded(damaged)
    assert result == _detailed(damaged)
    assert isinstance(result, tuple)
    assert any(p.message == "a key that stands more than once" for p in result)


def test_an_escaped_colon_does_not_hide_a_repeated_key() -> None:
    """A colon written as an escape counts as a colon inside a string once parsed: the
    one pass does not prove such a text free of repeated keys."""
    text = '{"schema_version":1,"id":"p","title":"t\\u003a","title":"u","kind":"annual"}'
    assert _one_pass(text) is None
    with pytest.raises(PlanLoadError) as excinfo:
        loads(text)
    assert [p.path for p in excinfo.value.problems] == ["$.title"]


def test_colons_inside_strings_are_counted() -> None:
    """Text with colons (a time, a ratio) is still read in one pass."""
    text = (
        '{"schema_version":1,"id":"p:1","title":"9:00 会议","kind":"annual",'
        '"sections":[{"title":"a:b:c","items":[{"type":"note","title":"1:2"}]}]}'
    )
    plan = _one_pass(text)
    assert plan is not None
    assert plan.title == "9:00 会议"
    assert plan == loads(text)
    # a backslash written before u003a is no escaped colon
    literal = text.replace("9:00 会议", "\\\\u003a")
    assert _one_pass(literal) == loads(literal)
    assert loads(literal).title == "\\u003a"


def test_ids_said_twice_and_unknown_references_go_the_detailed_way() -> None:
    """The one pass gathers project ids and references, and hands over a plan whose ids
    repeat or whose references point nowhere."""
    project = '{"type":"project","id":"a","name":"n"}'
    twice = (
        '{"schema_version":1,"id":"p","title":"t","kind":"annual",'
        f'"sections":[{{"items":[{project},{project}]}}]}}'
    )
    nowhere = (
        '{"schema_version":1,"id":"p","title":"t","kind":"annual",'
        '"sections":[{"items":[{"type":"task","projects":["b"]}]}]}'
    )
    assert _one_pass(twice) is None
    assert _one_pass(nowhere) is None
    assert [p.path for p in _detailed(twice)] == ["$.sections[0].items[1].id"]
    assert [p.path for p in _detailed(nowhere)] == ["$.sections[0].items[0].projects[0]"]
    assert _loaded(twice) == _detailed(twice)
    assert _loaded(nowhere) == _detailed(nowhere)


def test_a_plan_too_deep_for_the_one_pass_is_read_the_detailed_way() -> None:
    """Sections nested deeper than the one pass proves safe go the detailed way, which
    draws the line exactly: a plan at the limit loads, one past it does not."""
    from sciplan_model import PlanKind, Section
    from sciplan_model.serialize import MAX_DEPTH

    def nested(levels: int) -> str:
        section = Section(title="x")
        for _ in range(levels):
            section = Section(sections=[section])
        return dumps(Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=[section]))

    deepest = (MAX_DEPTH - 3) // 2  # the innermost section's object at depth MAX_DEPTH
    text = nested(deepest)
    assert _one_pass(text) is None
    assert loads(text) == _detailed(text)
    too_deep = json.dumps(json.loads(text)).replace('{"title": "x"}', '{"sections": [{}]}')
    assert isinstance(_loaded(too_deep), tuple)
    assert _loaded(too_deep) == _detailed(too_deep)


def test_a_string_too_long_is_written_the_detailed_way() -> None:
    """A string the writer cannot prove savable (set behind the class's back) is
    reported by the detailed writer, with its path."""
    from sciplan_model import Figure, Goal, Indicator, PlanKind, Section
    from sciplan_model.serialize import MAX_STRING

    goal = Goal(indicator=Indicator(name="专利", unit="件"), figure=Figure.parse("5件"))
    object.__setattr__(goal.figure, "text", "x" * (MAX_STRING + 1))
    plan = Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=[Section(items=[goal])])
    with pytest.raises(InvalidValueError) as excinfo:
        to_data(plan)
    assert excinfo.value.what == "value at $.sections[0].items[0].figure.text"


def test_the_size_limit_counts_what_is_written_besides_spaces_and_line_breaks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A plan whose indented text is past MAX_DOCUMENT but whose text without spaces and
    line breaks is within it is written and read back; past that, dumps and loads both
    refuse, and dumps names Parquet datasets for many plans."""
    from sciplan_model import PlanKind, Section

    plan = Plan(
        id="p",
        title="t",
        kind=PlanKind.ANNUAL,
        sections=[Section(title=f"s{k}") for k in range(20)],
    )
    text = dumps(plan)
    written = len(text) - text.count(" ") - text.count("\n")
    monkeypatch.setattr(serialize, "MAX_DOCUMENT", written)
    assert len(text) > written
    assert loads(dumps(plan)) == plan
    monkeypatch.setattr(serialize, "MAX_DOCUMENT", written - 1)
    with pytest.raises(InvalidValueError, match="Parquet dataset"):
        dumps(plan)
    with pytest.raises(PlanLoadError, match="characters besides spaces and newlines"):
        loads(text)
    monkeypatch.setattr(serialize, "MAX_DOCUMENT", written)
    padded = text.replace("\n", "\n" + " " * 4 * written, 1)
    with pytest.raises(PlanLoadError, match="characters in all"):
        loads(padded)


def test_objects_altered_behind_their_class_are_written_as_cattrs_writes_them() -> None:
    """A list put in a tuple field is written (cattrs writes it), and a value of the
    wrong class sends the object to the detailed writer instead of an AttributeError."""
    from sciplan_model import PlanKind, Region, Section, Task

    task = Task(title="t")
    object.__setattr__(task, "participants", [])
    plan = Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=[Section(items=[task])])
    assert to_data(plan) == serialize._to_data_detailed(plan)
    assert to_data(plan)["sections"][0]["items"][0]["participants"] == []
    region = Region(name="XX县")
    object.__setattr__(region, "parent", "甘肃省")
    odd = Plan(id="p", title="t", kind=PlanKind.ANNUAL, region=region)
    assert to_data(odd) == serialize._to_data_detailed(odd)
    broken = Task(title="t")
    object.__setattr__(broken, "participants", 3)
    plan = Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=[Section(items=[broken])])
    with pytest.raises(TypeError, match="not iterable") as fast:
        to_data(plan)
    assert "_to_data_detailed" in {entry.name for entry in fast.traceback}


def test_a_saved_file_is_measured_with_its_last_line_break(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """dump adds a line break to the text: a file one character past what load reads
    in all is refused by dump, not written."""
    from sciplan_model import PlanKind, Section, dump, load

    plan = Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=[Section(title="s")])
    text = dumps(plan)
    monkeypatch.setattr(serialize, "WHITESPACE_FACTOR", 1)
    monkeypatch.setattr(serialize, "MAX_DOCUMENT", len(text))
    path = tmp_path / "plan.json"
    with pytest.raises(InvalidValueError, match="Parquet dataset"):
        dump(plan, path)
    assert not path.exists()
    monkeypatch.setattr(serialize, "MAX_DOCUMENT", len(text) + 1)
    dump(plan, path)
    assert load(path) == plan
