"""The contract with software that embeds the library: the version read from the
package's metadata, and the JSON Schema shipped as a file for each schema version."""

from __future__ import annotations

import json
from importlib import metadata, resources

import sciplan_model
from sciplan_model import SCHEMA_VERSION, json_schema


def test_the_version_is_the_package_metadata() -> None:
    assert sciplan_model.__version__ == metadata.version("sciplan_model")
    assert "__version__" in sciplan_model.__all__


def test_the_schema_of_this_version_is_shipped_as_a_file() -> None:
    """sciplan_model/schemas/plan-<N>.json is what json_schema() gives (regenerate it
    with ``python -m sciplan_model schema > src/sciplan_model/schemas/plan-N.json``
    when the schema changes, and raise SCHEMA_VERSION when old documents no longer fit)."""
    shipped = resources.files("sciplan_model").joinpath(f"schemas/plan-{SCHEMA_VERSION}.json")
    assert json.loads(shipped.read_text(encoding="utf-8")) == json_schema()


def test_every_schema_version_has_its_file() -> None:
    folder = resources.files("sciplan_model").joinpath("schemas")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))
    assert names == [f"plan-{n}.json" for n in range(1, SCHEMA_VERSION + 1)]
