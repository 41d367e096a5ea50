"""Tests of the synthetic province the roll-up benchmark builds (benchmarks/_province.py):
valid and deterministic at a tiny size.  Its timings are never asserted."""

from __future__ import annotations

import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from sciplan_model import (
    Breakdown,
    FundingStage,
    Level,
    Plan,
    PlanKind,
    Project,
    Year,
    dumps,
    total,
)

# The benchmarks are scripts, not a package: their helpers are imported from their folder.
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

from _province import FIRST_YEAR, province, regions  # noqa: E402

SIZE = {"counties": 2, "years": 2, "projects": 5, "breakdowns": 3}


@pytest.fixture(scope="module")
def plans() -> list[Plan]:
    """The tiny province."""
    return province(**SIZE)


def _projects(plans: list[Plan]) -> list[Project]:
    return [p for plan in plans for p in plan.projects()]


def test_shape(plans: list[Plan]) -> None:
    """One annual county plan per county and year, with its projects and breakdowns."""
    assert len(plans) == 4
    assert len({plan.id for plan in plans}) == 4
    for plan in plans:
        assert plan.kind is PlanKind.ANNUAL
        assert plan.level is Level.COUNTY
        assert plan.region is not None
        assert plan.region.level is Level.COUNTY
        assert plan.period in (Year(FIRST_YEAR), Year(FIRST_YEAR + 1))
        assert len(plan.projects()) == 5
        assert len(plan.breakdowns()) == 3
        assert all(p.year == plan.period for p in plan.projects())


def test_deterministic(plans: list[Plan]) -> None:
    """The same seed builds the same plans; another seed builds others."""
    again = province(**SIZE)
    assert again == plans
    assert [dumps(p) for p in again] == [dumps(p) for p in plans]
    assert province(**SIZE, seed=1) != plans


def test_ids_unique(plans: list[Plan]) -> None:
    """Project ids are unique across the province and say county, year and number."""
    ids = [p.id for p in _projects(plans)]
    assert len(ids) == len(set(ids)) == 20
    assert "c001-2022-p004" in ids


def test_regions_chained() -> None:
    """Counties lie in cities, ten to a city, and cities in the province."""
    counties = regions(20)
    assert [r.level for r in counties[0].lineage] == [
        Level.PROVINCIAL,
        Level.MUNICIPAL,
        Level.COUNTY,
    ]
    cities = Counter(r.parent for r in counties)
    assert len(cities) == 2
    assert set(cities.values()) == {10}
    province_ = {r.lineage[0] for r in counties}
    assert len(province_) == 1
    for county in counties:
        assert county.parent is not None
        assert county.code is not None
        assert county.parent.code is not None
        assert county.code[:4] == county.parent.code[:4]
        assert county.within(county.lineage[0])


def test_plan_regions(plans: list[Plan]) -> None:
    """Each plan's region is a county with a city and a province above it."""
    for plan in plans:
        assert plan.region is not None
        assert [r.level for r in plan.region.lineage] == [
            Level.PROVINCIAL,
            Level.MUNICIPAL,
            Level.COUNTY,
        ]


def test_breakdowns_add_up(plans: list[Plan]) -> None:
    """A complete breakdown's parts sum to its total; a partial one's stay below it."""
    for plan in plans:
        for b in plan.breakdowns():
            assert isinstance(b, Breakdown)
            assert b.indicator is not None
            assert b.total.value is not None
            parts = [part.figure.value for part in b.parts]
            assert all(v is not None for v in parts)
            summed = total([v for v in parts if v is not None], unit=b.total.unit)
            if b.complete:
                assert summed == b.total.value
                assert b.levels == tuple(part.level for part in b.parts)
            else:
                assert summed < b.total.value


def test_funding(plans: list[Plan]) -> None:
    """Every project has 2–3 lines in 万元, one allocated at least, none negative."""
    for p in _projects(plans):
        assert 2 <= len(p.funding) <= 3
        assert any(f.stage is FundingStage.ALLOCATED for f in p.funding)
        for f in p.funding:
            assert f.amount.unit == "万元"
            assert f.amount.magnitude > 0
            assert -f.amount.magnitude.as_tuple().exponent in (1, 2)  # type: ignore[operator]


def test_stages_ordered() -> None:
    """Each project's stage sums are ordered planned ≥ allocated ≥ received ≥ spent."""
    stages: Counter[FundingStage] = Counter()
    for p in _projects(province(counties=2, years=2, projects=50, breakdowns=0)):
        sums: dict[FundingStage, Decimal] = {}
        for f in p.funding:
            sums[f.stage] = sums.get(f.stage, Decimal(0)) + f.amount.magnitude
            stages[f.stage] += 1
        present = [sums[s] for s in FundingStage if s in sums]
        assert present == sorted(present, reverse=True)
    assert set(stages) == set(FundingStage)  # every stage occurs
    assert stages[FundingStage.ALLOCATED] > sum(stages.values()) / 2
