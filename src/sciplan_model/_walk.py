"""Walking a plan: every item of its section tree with its path and period."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, TypeVar

import attrs

from .model import Goal, Item, Plan, Project, Region, Section, Task
from .period import Period

__all__ = ["Entry"]


_T = TypeVar("_T")


def of_type(plan: Plan, cls: type[_T]) -> tuple[_T, ...]:
    """The items of ``cls`` of a plan's whole tree, in document order."""
    found: list[_T] = []
    _collect(plan.sections, cls, found)
    return tuple(found)


def _collect(sections: tuple[Section, ...], cls: type[_T], found: list[_T]) -> None:
    """The items of ``cls`` of a section tree, in document order (a task's goals too)."""
    for section in sections:
        for item in section.items:
            if isinstance(item, cls):
                found.append(item)
            elif cls is Goal and type(item) is Task:
                found.extend(item.goals)  # type: ignore[arg-type]
        if section.sections:
            _collect(section.sections, cls, found)


@attrs.frozen(repr=False)
class Entry:
    """An item of a plan where it stands: its ``path`` in the plan's document shape
    (``$.sections[0].items[2]``), the ``period`` it is for (its own, or else its
    section's or its plan's), the ``plan`` it belongs to, and the period of the section
    it stands ``within``."""

    path: str
    item: Item
    period: Period | None
    plan: Plan = attrs.field(eq=False)
    #: The period of the section (or else the plan) the item stands in.
    within: Period | None = None

    @property
    def region(self) -> Region | None:
        """The item's own region where it names one, or else its plan's."""
        own = getattr(self.item, "region", None)
        return own if own is not None else self.plan.region

    @property
    def section(self) -> str | None:
        """The part of the plan the item stands in, as the plan numbers it: its
        top-level section (``一、科技兴农``); None for an item outside any section."""
        sections = self.sections
        return section_name(sections[0]) if sections else None

    @property
    def heading(self) -> str | None:
        """The innermost section the item stands in, as the plan numbers it
        (``（二）成果转化``)."""
        sections = self.sections
        return section_name(sections[-1]) if sections else None

    @property
    def sections(self) -> tuple[Section, ...]:
        """The sections the item stands in, from the top-level one down."""
        found: list[Section] = []
        node: Any = self.plan
        for index in _SECTION_STEP.findall(self.path):
            children = node.sections
            k = int(index)
            if k >= len(children):
                break
            node = children[k]
            found.append(node)
        return tuple(found)

    def __repr__(self) -> str:
        return f"Entry({self.path!r}, {self.item!r})"


_SECTION_STEP = re.compile(r"\.sections\[([0-9]+)\]", re.ASCII)


def section_name(section: Section) -> str:
    """A section as its plan numbers it: ``一、科技兴农``, ``（一）项目建设``,
    ``1. 总体思路``; ``（无标题）`` when it has neither label nor title."""
    label, title = section.label or "", section.title or ""
    if not (label or title):
        return "（无标题）"
    joined = label[-1:] in "、）)．" or not label or not title
    return f"{label}{title}" if joined else f"{label} {title}"


def own_period(item: Any, context: Period | None) -> Period | None:
    """The period an item is for: its own (a project's year, another item's period), or
    else ``context``, the period of the section it stands in."""
    own = getattr(item, "year" if type(item) is Project else "period", None)
    return own if own is not None else context


def _walk(
    plan: Plan,
    sections: tuple[Section, ...],
    prefix: str,
    context: Period | None,
    wanted: tuple[type, ...],
) -> Iterator[Entry]:
    goals_wanted = Goal in wanted
    for i, section in enumerate(sections):
        here = f"{prefix}[{i}]"
        period = section.period if section.period is not None else context
        for j, item in enumerate(section.items):
            if isinstance(item, wanted):
                yield Entry(f"{here}.items[{j}]", item, own_period(item, period), plan, period)
            if goals_wanted and type(item) is Task:
                for k, goal in enumerate(item.goals):
                    path = f"{here}.items[{j}].goals[{k}]"
                    yield Entry(path, goal, own_period(goal, period), plan, period)
        if section.sections:
            yield from _walk(plan, section.sections, f"{here}.sections", period, wanted)


def walk(plan: Plan, wanted: tuple[type, ...]) -> Iterator[Entry]:
    """Every item of ``plan`` of the ``wanted`` types, with its path and period."""
    return _walk(plan, plan.sections, "$.sections", plan.period, wanted)
