"""What validation finds and what its checks look at: :class:`Severity`,
:class:`Finding` and :class:`Scope` (re-exported by :mod:`sciplan_model.validation`)."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

import attrs

from ._reading import as_written
from ._walk import Entry, own_period
from .figure import Figure
from .model import Item, Plan, Section, SourceRef, Task
from .period import Period

__all__ = ["Check", "Finding", "Scope", "Severity"]

_T = TypeVar("_T")


class Severity(enum.Enum):
    """How much a finding matters: an ERROR spoils a plan, a WARNING (a gap within
    rounding) and an INFO (a check that cannot decide) do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for ERROR, 1 for WARNING, 0 for INFO."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]

    @property
    def chinese(self) -> str:
        """错误, 警告 or 提示."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@attrs.frozen
class Finding:
    """One problem found: a stable ``code`` (``breakdown.sum``), its ``severity``, the
    ``path`` of the statement (``$.sections[0].items[2]``), a message in Chinese, what
    was expected and what was found (amounts, ranges or text), where the statement is
    written, and the id of its plan."""

    code: str
    severity: Severity
    path: str
    message: str
    expected: Any = None
    actual: Any = None
    source: SourceRef | None = None
    plan: str | None = None

    def __str__(self) -> str:
        where = f"{self.plan}:{self.path}" if self.plan else self.path
        return f"{self.severity.chinese} {self.code} {where}: {self.message}"


# -- what the checks see ---------------------------------------------------------------------


class _Site:
    """A section of a plan, where items stand: its plan, the period its items are for
    unless they say their own (``within``), and its path, made only when asked."""

    __slots__ = ("_path", "index", "parent", "plan", "within")

    def __init__(self, plan: Plan, parent: _Site | None, index: int, within: Period | None):
        self.plan = plan
        self.parent = parent
        self.index = index
        self.within = within
        self._path: str | None = None

    @property
    def path(self) -> str:
        """``$.sections[1].sections[0]``."""
        if self._path is None:
            above = "$" if self.parent is None else self.parent.path
            self._path = f"{above}.sections[{self.index}]"
        return self._path

    def item_path(self, step: int | tuple[int, int]) -> str:
        """The path of the item at ``step``: its index among the section's items, or
        (for a task's goal) the task's index and the goal's."""
        if isinstance(step, int):
            return f"{self.path}.items[{step}]"
        return f"{self.path}.items[{step[0]}].goals[{step[1]}]"


class _Group(Generic[_T]):
    """The items of one class in a scope, in document order, each with where it stands:
    the section it stands in and its step there (``sites[k]``, ``steps[k]``), or the
    entry it was given as (step None).  Checks read ``items`` and ``sites[k].within`` or
    ``.plan`` in their loops; an :class:`Entry`, path and all, is made only for an item
    a check reports (:meth:`entry`), or for every item when a check asks for them all."""

    __slots__ = ("_entries", "items", "sites", "steps")

    def __init__(self) -> None:
        self.items: list[_T] = []
        self.sites: list[_Site | Entry] = []
        self.steps: list[int | tuple[int, int] | None] = []
        self._entries: list[Entry] | None = None

    @classmethod
    def given(cls, entries: list[Entry]) -> _Group[_T]:
        """The group of entries made elsewhere (``Scope(plans, entries)``)."""
        group: _Group[_T] = cls()
        group.items = [e.item for e in entries]  # type: ignore[misc]
        group.sites = list(entries)
        group.steps = [None] * len(entries)
        group._entries = entries
        return group

    def plan(self, k: int) -> Plan:
        """The plan of the ``k``-th item."""
        return self.sites[k].plan

    def entry(self, k: int) -> Entry:
        """The ``k``-th item as an :class:`Entry`, its path made now."""
        return self._entry(k, True)

    def sketch(self, k: int) -> Entry:
        """The ``k``-th item as an :class:`Entry` whose path is left empty (unless it was
        given as an entry), for code that reads items, plans and periods only."""
        return self._entry(k, False)

    def _entry(self, k: int, with_path: bool) -> Entry:
        if self._entries is not None:
            return self._entries[k]
        site, step, item = self.sites[k], self.steps[k], self.items[k]
        if step is None:
            return site  # type: ignore[return-value]
        within = site.within
        path = site.item_path(step) if with_path else ""  # type: ignore[union-attr]
        return Entry(path, item, own_period(item, within), site.plan, within)  # type: ignore[arg-type]

    def entries(self) -> list[Entry]:
        """Every item as an :class:`Entry` (made once)."""
        if self._entries is None:
            self._entries = [self.entry(k) for k in range(len(self.items))]
        return self._entries


@attrs.frozen(init=False, eq=False)
class Scope:
    """What a check looks at: the plans, and every item of them with its path and
    period (:class:`~sciplan_model.Entry`), grouped by the item's class.

    :meth:`Scope.of` walks the plans once and makes no entry and no path until a check
    asks for them: the checks of :data:`~sciplan_model.CHECKS` make an item's entry only
    when they report it; :meth:`items` (and ``entries``) make every entry of a class.
    """

    plans: tuple[Plan, ...]
    _groups: dict[type, _Group[Any]] = attrs.field(repr=False)

    def __init__(self, plans: Iterable[Plan], entries: dict[type, list[Entry]]) -> None:
        groups: dict[type, _Group[Any]] = {
            kind: _Group.given(list(found)) for kind, found in entries.items()
        }
        self.__attrs_init__(tuple(plans), groups)

    @classmethod
    def of(cls, plans: Iterable[Plan]) -> Scope:
        """The scope of ``plans``, walked once."""
        found = tuple(plans)
        groups: dict[type, _Group[Any]] = {}
        for plan in found:
            _gather(plan.sections, plan, None, plan.period, groups)
        scope = object.__new__(cls)
        scope.__attrs_init__(found, groups)
        return scope

    @property
    def entries(self) -> dict[type, list[Entry]]:
        """The entries of every class of item, by class, in document order."""
        return {kind: group.entries() for kind, group in self._groups.items()}

    def items(self, kind: type) -> list[Entry]:
        """The entries whose item is of ``kind``."""
        group = self._groups.get(kind)
        return group.entries() if group is not None else []

    def _group(self, kind: type[_T]) -> _Group[_T]:
        """The items of ``kind`` and where they stand (for the package's own checks)."""
        group = self._groups.get(kind)
        return group if group is not None else _Group()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Scope):
            return NotImplemented
        return self.plans == other.plans and self.entries == other.entries

    __hash__ = None  # type: ignore[assignment]


def _gather(
    sections: tuple[Section, ...],
    plan: Plan,
    parent: _Site | None,
    context: Period | None,
    groups: dict[type, _Group[Any]],
) -> None:
    """Add the items of ``sections`` (and of their sections) to their class's group, in
    document order (a task's goals right after their task), as :meth:`Plan.walk` yields
    them."""
    for i, section in enumerate(sections):
        within = section.period if section.period is not None else context
        site = _Site(plan, parent, i, within)
        items = section.items
        if items:
            kinds = set(map(type, items))
            kind = kinds.pop()
            if not kinds and kind is not Task:  # one class of item: add them at once
                group = groups.get(kind)
                if group is None:
                    group = groups[kind] = _Group()
                group.items.extend(items)
                group.sites.extend(itertools.repeat(site, len(items)))
                group.steps.extend(range(len(items)))
            else:
                _gather_items(items, site, groups)
        if section.sections:
            _gather(section.sections, plan, site, within, groups)


def _gather_items(items: tuple[Item, ...], site: _Site, groups: dict[type, _Group[Any]]) -> None:
    for j, item in enumerate(items):
        _add(groups, item, site, j)
        if type(item) is Task:
            for k, goal in enumerate(item.goals):
                _add(groups, goal, site, (j, k))


def _add(
    groups: dict[type, _Group[Any]], item: Any, site: _Site, step: int | tuple[int, int]
) -> None:
    kind = type(item)
    group = groups.get(kind)
    if group is None:
        group = groups[kind] = _Group()
    group.items.append(item)
    group.sites.append(site)
    group.steps.append(step)


Check = Callable[[Scope], Iterable[Finding]]


def _finding(
    entry: Entry,
    code: str,
    severity: Severity,
    message: str,
    *,
    path: str | None = None,
    expected: Any = None,
    actual: Any = None,
    source: SourceRef | None = None,
) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        path=path or entry.path,
        message=message,
        expected=expected,
        actual=actual,
        source=source or getattr(entry.item, "source", None),
        plan=entry.plan.id,
    )


def _said(f: Figure) -> str:
    """A figure as its plan wrote it (600余万元, not the canonical 600万余元), with
    full-width digits and the 。 decimal artefact made plain (159。3 → 159.3)."""
    return as_written(f.text)
