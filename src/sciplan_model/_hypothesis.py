"""The hook hypothesis calls through the package's entry point
(``[project.entry-points.hypothesis]`` in pyproject.toml) when hypothesis is imported.

It registers a deferred strategy for each of the model's types, so that
``st.from_type(Plan)`` gives the strategies of :mod:`sciplan_model.strategies`.  The
hook itself does not import that module: hypothesis may be being imported by it (``from
sciplan_model.strategies import plans`` before anything else), and the strategies are
built only when a test first asks for a type."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from .figure import Figure
from .model import (
    Achievement,
    Breakdown,
    Designation,
    Funding,
    Goal,
    Indicator,
    Organization,
    Plan,
    Project,
    Region,
    Section,
)
from .period import FiveYearPlan, Year, YearSpan
from .quantity import Money, Quantity

__all__: list[str] = []

#: The types registered, in the order of ``strategies._registered``.
_TYPES: tuple[type[Any], ...] = (
    Quantity, Money, Figure, Year, FiveYearPlan, YearSpan, Region, Indicator, Goal,
    Achievement, Breakdown, Funding, Project, Organization, Designation, Section, Plan,
)  # fmt: skip


def _definition(cls: type[Any]) -> Callable[[], Any]:
    def definition() -> Any:
        strategies = importlib.import_module("sciplan_model.strategies")
        return strategies._registered()[cls]()

    return definition


def _hypothesis_setup_hook() -> None:
    """Register a strategy for each of the model's types with hypothesis."""
    from hypothesis import strategies as st

    for cls in _TYPES:
        st.register_type_strategy(cls, st.deferred(_definition(cls)))
