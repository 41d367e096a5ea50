"""What validation finds and what its checks look at: :class:`Severity`,
:class:`Finding` and :class:`Scope` (re-exported by :mod:`sciplan_model.validation`)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from ._reading import as_written
from ._walk import Entry
from .figure import Figure
from .model import Plan, SourceRef

__all__ = ["Check", "Finding", "Scope", "Severity"]


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


@attrs.frozen
class Scope:
    """What a check looks at: the plans, and every item of them with its path and
    period (:class:`~sciplan_model.Entry`), grouped by the item's class."""

    plans: tuple[Plan, ...]
    entries: dict[type, list[Entry]]

    @classmethod
    def of(cls, plans: Iterable[Plan]) -> Scope:
        """The scope of ``plans``, walked once."""
        found = tuple(plans)
        entries: dict[type, list[Entry]] = {}
        for plan in found:
            for entry in plan.walk():
                kind = type(entry.item)
                if kind in entries:
                    entries[kind].append(entry)
                else:
                    entries[kind] = [entry]
        return cls(found, entries)

    def items(self, kind: type) -> list[Entry]:
        """The entries whose item is of ``kind``."""
        return self.entries.get(kind, [])


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
