"""Tests of sciplan_model.schema: the JSON Schema (draft 2020-12) of a saved plan."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given

from sciplan_model import Plan, PlanKind, Year, dumps, examples, json_schema, loads, to_data
from strategies import plans

VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def _errors(document: Any) -> list[str]:
    """The schema's complaints about ``document``, as readable strings."""
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]


def _valid_document() -> dict[str, Any]:
    """A saved plan with a project, a goal and a breakdown in it."""
    return {
        "schema_version": 1,
        "id": "x",
        "title": "t",
        "kind": "annual",
        "level": "county",
        "period": "十一五",
        "sections": [
            {
                "title": "s",
                "items": [
                    {
                        "type": "project",
                        "id": "p",
                        "name": "n",
                        "status": "won",
                        "funding": [
                            {
                                "amount": {"magnitude": "11", "unit": "万元"},
                                "source": "national",
                            }
                        ],
                    },
                    {
                        "type": "goal",
                        "indicator": {"name": "i", "unit": "项"},
                        "figure": {"text": "36项", "value": {"magnitude": "36", "unit": "项"}},
                    },
                    {
                        "type": "breakdown",
                        "subject": "s",
                        "total": "36项",
                        "parts": [{"figure": "5项", "level": "national"}],
                    },
                ],
            }
        ],
    }


def test_schema_is_valid_draft_2020_12() -> None:
    """json_schema() is itself a valid draft 2020-12 schema."""
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator


def test_schema_is_plain_json_and_stable() -> None:
    """The schema survives json.dumps, and two calls give equal, independent schemas."""
    first, second = json_schema(), json_schema()
    assert json.loads(json.dumps(first)) == first
    assert first == second
    first["required"].append("extra")
    assert "extra" not in json_schema()["required"]


def test_schema_names_the_version_and_the_required_fields() -> None:
    """A plan needs schema_version (the library's), id, title and kind; nothing else."""
    schema = json_schema()
    assert schema["required"] == ["schema_version", "id", "title", "kind"]
    assert schema["properties"]["schema_version"] == {"const": 1}
    assert schema["additionalProperties"] is False


def test_the_hand_built_document_is_valid() -> None:
    """The document the refusal tests below start from validates, and loads."""
    assert _errors(_valid_document()) == []
    assert loads(json.dumps(_valid_document(), ensure_ascii=False)).id == "x"


@pytest.mark.parametrize("name", examples.names())
def test_every_bundled_example_validates(name: str) -> None:
    """dumps() of every bundled plan validates against the schema."""
    document = json.loads(dumps(examples.load(name)))
    assert _errors(document) == []


def test_a_small_plan_validates() -> None:
    """A plan with only its required fields, and one with a placeholder year, validate."""
    assert _errors(to_data(Plan(id="x", title="t", kind=PlanKind.ANNUAL))) == []
    plan = Plan(id="x", title="t", kind=PlanKind.ANNUAL, period=Year.parse("20xx年"))
    assert _errors(json.loads(dumps(plan))) == []


@given(plans())
def test_generated_plans_validate(plan: Plan) -> None:
    """dumps() of any generated plan tree validates against the schema."""
    assert _errors(json.loads(dumps(plan))) == []


def _change(path: list[Any], value: Any = None, *, delete: bool = False) -> dict[str, Any]:
    document = _valid_document()
    here: Any = document
    for key in path[:-1]:
        here = here[key]
    if delete:
        del here[path[-1]]
    else:
        here[path[-1]] = value
    return document


ITEM = ["sections", 0, "items"]

INVALID = [
    # unknown keys (typos)
    pytest.param(_change(["titel"], "t"), id="unknown-key-in-plan"),
    pytest.param(_change(["sections", 0, "titel"], "t"), id="unknown-key-in-section"),
    pytest.param(_change([*ITEM, 0, "fundng"], []), id="unknown-key-in-project"),
    pytest.param(_change([*ITEM, 0, "funding", 0, "stag"], "spent"), id="unknown-key-in-funding"),
    pytest.param(_change([*ITEM, 0, "funding", 0, "amount", "unti"], "元"), id="unknown-key-in-amount"),
    pytest.param(_change([*ITEM, 1, "figure", "qualifer"], "exact"), id="unknown-key-in-figure"),
    pytest.param(_change([*ITEM, 1, "indicator", "units"], "项"), id="unknown-key-in-indicator"),
    pytest.param(_change([*ITEM, 2, "parts", 0, "lvl"], "national"), id="unknown-key-in-part"),
    # wrong enum values
    pytest.param(_change(["kind"], "annul"), id="wrong-plan-kind"),
    pytest.param(_change(["level"], "cosmic"), id="wrong-level"),
    pytest.param(_change([*ITEM, 0, "status"], "submitted"), id="wrong-status"),
    pytest.param(_change([*ITEM, 0, "funding", 0, "source"], "martian"), id="wrong-source"),
    pytest.param(_change([*ITEM, 0, "funding", 0, "stage"], "spending"), id="wrong-stage"),
    pytest.param(_change([*ITEM, 1, "figure", "qualifier"], "roughly"), id="wrong-qualifier"),
    pytest.param(_change([*ITEM, 0, "type"], "widget"), id="wrong-item-type"),
    pytest.param(_change(["schema_version"], 2), id="wrong-schema-version"),
    # missing required fields
    pytest.param(_change(["schema_version"], delete=True), id="missing-schema-version"),
    pytest.param(_change(["id"], delete=True), id="missing-id"),
    pytest.param(_change(["title"], delete=True), id="missing-title"),
    pytest.param(_change(["kind"], delete=True), id="missing-kind"),
    pytest.param(_change([*ITEM, 0, "name"], delete=True), id="missing-project-name"),
    pytest.param(_change([*ITEM, 0, "type"], delete=True), id="missing-item-type"),
    pytest.param(_change([*ITEM, 0, "funding", 0, "source"], delete=True), id="missing-source"),
    pytest.param(_change([*ITEM, 0, "funding", 0, "amount", "unit"], delete=True), id="missing-unit"),
    pytest.param(_change([*ITEM, 1, "indicator"], delete=True), id="missing-indicator"),
    pytest.param(_change([*ITEM, 2, "total"], delete=True), id="missing-total"),
    # wrong types
    pytest.param(_change(["id"], 3), id="number-for-id"),
    pytest.param(_change(["sections"], {"title": "x"}), id="object-for-sections"),
    pytest.param(_change([*ITEM, 0, "funding", 0, "amount", "magnitude"], "1e3"), id="magnitude-not-plain"),
    pytest.param(_change([*ITEM, 2, "complete"], "yes"), id="string-for-boolean"),
]  # fmt: skip


def test_there_are_refusals_of_every_sort() -> None:
    """The refusal cases cover unknown keys, enum values and missing fields, each several times."""
    ids = [p.id for p in INVALID]
    assert sum(i.startswith("unknown-key") for i in ids) >= 5
    assert sum(i.startswith("wrong-") for i in ids) >= 5
    assert sum(i.startswith("missing-") for i in ids) >= 5


@pytest.mark.parametrize("document", INVALID)
def test_malformed_documents_do_not_validate(document: dict[str, Any]) -> None:
    """Unknown keys, wrong enum values, missing required fields and wrong types fail validation."""
    assert _errors(document) != []
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(document)


def _breakdown_with_levels(levels: object) -> dict[str, object]:
    return _plan_of_one(
        {
            "type": "breakdown",
            "subject": "项目",
            "total": "12项",
            "levels": levels,
            "parts": [
                {"figure": "5项", "level": "provincial"},
                {"figure": "7项", "level": "municipal"},
            ],
        }
    )


def _plan_of_one(item: dict[str, object]) -> dict[str, object]:
    """A plan document of one section holding ``item``."""
    return {
        "schema_version": 1,
        "id": "p",
        "title": "t",
        "kind": "annual",
        "sections": [{"items": [item]}],
    }


def test_a_span_of_levels_may_be_written_as_a_plan_writes_it() -> None:
    import json

    from sciplan_model import Level, PlanLoadError

    written = _breakdown_with_levels("市级以上")
    assert not list(VALIDATOR.iter_errors(written))
    plan = loads(json.dumps(written, ensure_ascii=False))
    (breakdown,) = plan.breakdowns()
    assert breakdown.levels == (Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL)
    assert loads(dumps(plan)) == plan
    listed = _breakdown_with_levels(["national", "provincial", "municipal"])
    assert loads(json.dumps(listed)) == plan
    with pytest.raises(PlanLoadError, match=r"levels: cannot read level '市级以'"):
        loads(json.dumps(_breakdown_with_levels("市级以"), ensure_ascii=False))


def _measured_with_levels(tag: str, levels: object) -> dict[str, object]:
    indicator = {"name": "工程技术研究中心", "unit": "家"}
    return _plan_of_one({"type": tag, "indicator": indicator, "figure": "5家", "levels": levels})


@pytest.mark.parametrize("tag", ["goal", "achievement"])
def test_goals_and_achievements_may_name_their_levels_as_a_span(tag: str) -> None:
    """A goal's or achievement's levels validate as a span (市级以上) and as an array of
    codes, which is how they are saved; something else does not validate."""
    from sciplan_model import Level

    written = _measured_with_levels(tag, "市级以上")
    assert _errors(written) == []
    plan = loads(json.dumps(written, ensure_ascii=False))
    (item,) = plan.sections[0].items
    assert item.levels == (Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL)  # type: ignore[union-attr]
    saved = to_data(plan)
    assert saved["sections"][0]["items"][0]["levels"] == ["national", "provincial", "municipal"]
    assert _errors(saved) == []
    assert _errors(_measured_with_levels(tag, ["county"])) == []
    assert _errors(_measured_with_levels(tag, 3)) != []
    assert _errors(_measured_with_levels(tag, ["nowhere"])) != []
