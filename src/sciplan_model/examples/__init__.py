"""The three seed plans, encoded as data and bundled with the package, and two plan
texts the project wrote for its documentation.

``names()`` lists the seed plans and ``load(name)`` reads one as a
:class:`~sciplan_model.Plan`::

    >>> from sciplan_model import examples
    >>> examples.names()
    ('plan1', 'plan2', 'plan3')
    >>> examples.load("篇3").id
    'plan3'

``texts()`` lists the plan texts, ``text(name)`` gives one as written and
``read(name)`` reads it as :func:`~sciplan_model.extract.read_plan` does (a draft, with
the figures it found); ``load`` takes their names too.  ``qinghe-review`` is a district's
review of its year, made only of achievements and "共…其中…" statements, as real reviews
are; ``yunxi-plan`` is a city's plan for the next year, made only of targets (确保 and
力争, one restated).  Both places are invented::

    >>> draft = examples.read("qinghe-review")
    >>> len(draft.plan.achievements()), len(draft.unplaced)
    (27, 0)

The plans come from the document ``work-plans-1-3.txt`` (篇1: a village's training
plan; 篇2: a district's e-government task list; 篇3: a county's review of the 十五
period and of the current year, with its plans for 十一五 and the next year).  Headings,
names and figures are kept as written; each item points back at the text it stands for
with a ``source`` span of code points into that document.  The short titles of tasks,
measures and notes are the encoders' own summaries (the document's sentences are not
copied): read the span for what the plan says.  The document writes both the current
and the next year as "20xx年"; the sections say which is which by their kind (a review,
a plan).
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from sciplan_model.errors import InvalidValueError
from sciplan_model.model import Plan
from sciplan_model.serialize import loads

if TYPE_CHECKING:
    from sciplan_model.extract import Draft

__all__ = ["DOCUMENT", "DOCUMENT_LENGTH", "load", "names", "read", "text", "texts"]

#: The document the seed plans are encoded from, and its length in code points.
DOCUMENT = "work-plans-1-3.txt"
DOCUMENT_LENGTH = 7835

_NAMES = ("plan1", "plan2", "plan3")
_ALIASES = {"篇1": "plan1", "篇2": "plan2", "篇3": "plan3"}
_TEXTS = ("qinghe-review", "yunxi-plan")


def names() -> tuple[str, ...]:
    """The names of the bundled plans."""
    return _NAMES


def texts() -> tuple[str, ...]:
    """The names of the bundled plan texts."""
    return _TEXTS


def text(name: str) -> str:
    """The bundled plan text ``name`` as written."""
    if name not in _TEXTS:
        known = ", ".join(_TEXTS)
        raise InvalidValueError("example name", f"no bundled plan text {name!r} (one of {known})")
    return resources.files(__package__).joinpath(f"data/{name}.txt").read_text(encoding="utf-8")


def read(name: str) -> Draft:
    """The bundled plan text ``name`` read into a draft plan."""
    from sciplan_model.extract import read_plan

    return read_plan(text(name), document=f"{name}.txt")


def load(name: str) -> Plan:
    """The bundled plan ``name`` (``"plan3"``, or as the document calls it, ``"篇3"``),
    or the plan read from the bundled text ``name``."""
    if name in _TEXTS:
        return read(name).plan
    key = _ALIASES.get(name, name)
    if key not in _NAMES:
        known = ", ".join((*_NAMES, *_TEXTS))
        raise InvalidValueError("example name", f"no bundled plan {name!r} (one of {known})")
    text = resources.files(__package__).joinpath(f"data/{key}.json").read_text(encoding="utf-8")
    return loads(text)
