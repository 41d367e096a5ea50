"""Check the bundled example plans against the document they were encoded from.

The tests cannot do this: a clone of the project has no copy of the document.  Run it
where the document is at hand::

    python tools/check_examples.py ../shared/seeds/work-plans-1-3.txt

For every object with a ``source`` it checks that the span lies inside the document,
and that every figure the object holds is written inside that span, exactly as the
figure's ``text`` says.  It prints each problem and exits 1 when there is any.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from sciplan_model import Figure, SourceRef, examples


def _children(obj: Any) -> Iterator[tuple[str, Any]]:
    for a in attrs.fields(type(obj)):
        value = getattr(obj, a.name)
        if isinstance(value, tuple):
            for k, element in enumerate(value):
                yield f"{a.name}[{k}]", element
        else:
            yield a.name, value


def _figures(obj: Any) -> Iterator[Figure]:
    """The figures an object holds directly or in its non-sourced children."""
    for _, value in _children(obj):
        if isinstance(value, Figure):
            yield value
        elif (
            attrs.has(type(value))
            and getattr(value, "source", None) is None
            and not isinstance(value, Figure | SourceRef)
        ):
            yield from _figures(value)


def _walk(obj: Any, path: str) -> Iterator[tuple[str, Any]]:
    yield path, obj
    for name, value in _children(obj):
        if attrs.has(type(value)) and not isinstance(value, Figure | SourceRef):
            yield from _walk(value, f"{path}.{name}")


def check(document: str) -> list[str]:
    """Every problem found in the bundled examples against ``document``."""
    problems = []
    for name in examples.names():
        plan = examples.load(name)
        for path, obj in _walk(plan, f"{name}:$"):
            source = getattr(obj, "source", None)
            if not isinstance(source, SourceRef):
                continue
            if source.document != examples.DOCUMENT or source.end > len(document):
                problems.append(f"{path}: span {source!r} is not inside {examples.DOCUMENT}")
                continue
            written = document[source.start : source.end]
            for figure in _figures(obj):
                if figure.text not in written:
                    problems.append(f"{path}: {figure.text!r} is not written in {written!r}")
    return problems


def main() -> int:
    """Check, print the problems, and return the exit status."""
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    document = Path(sys.argv[1]).read_text(encoding="utf-8")
    if len(document) != examples.DOCUMENT_LENGTH:
        print(f"the document has {len(document)} code points, not {examples.DOCUMENT_LENGTH}")
        return 1
    problems = check(document)
    for p in problems:
        print(p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
