"""Measure the figure finder's recall and precision against texts whose figures are known.

Two kinds of ground truth:

* the seed plans: the bundled models (``sciplan_model.examples``) hold every figure of
  ``work-plans-1-3.txt`` with the span of the item it belongs to; the figure's text is
  looked up inside that span.  The document is not part of the project, so this runs
  only where it is at hand::

      python tools/measure_extract.py --seeds ../shared/seeds/work-plans-1-3.txt

* annotated texts (``tests/extract_corpus/*.txt``, ``tools/extract_heldout/*.txt``),
  where every figure is written between ⟦ and ⟧::

      python tools/measure_extract.py tests/extract_corpus tools/extract_heldout

A found figure matches an expected one when their spans overlap and they say the same
figure (value, unit, qualifier; the aspiration of a sentence does not count); a match
is *exact* when the spans are equal too.  Prints recall and precision per source, the
figures missed and those found in excess.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import attrs

from sciplan_model import Figure, SourceRef, examples
from sciplan_model.extract import find_figures

OPEN, CLOSE = "⟦", "⟧"


class Expected(NamedTuple):
    start: int
    end: int
    text: str


def _children(obj: Any) -> Iterator[Any]:
    for a in attrs.fields(type(obj)):
        value = getattr(obj, a.name)
        yield from value if isinstance(value, tuple) else (value,)


def _walk(obj: Any, source: SourceRef | None) -> Iterator[tuple[Figure, SourceRef]]:
    """Every figure of ``obj`` with the nearest source span around it."""
    own = getattr(obj, "source", None)
    source = own if isinstance(own, SourceRef) else source
    for value in _children(obj):
        if isinstance(value, Figure):
            if source is not None:
                yield value, source
        elif attrs.has(type(value)) and not isinstance(value, SourceRef):
            yield from _walk(value, source)


def seed_truth(document: str) -> list[Expected]:
    """The figures of the bundled seed plans, placed in ``document``."""
    seen: set[tuple[int, int]] = set()
    truth: list[Expected] = []
    for name in examples.names():
        for figure, source in _walk(examples.load(name), None):
            span = document[source.start : source.end]
            k = -1
            while True:
                k = span.find(figure.text, k + 1)
                if k < 0:
                    break
                at = source.start + k
                before = document[at - 1] if at else ""
                if not (before.isdigit() or before in ".。"):
                    break
            if k < 0:
                print(f"  not placed: {figure.text!r} in {name}", file=sys.stderr)
                continue
            key = (source.start + k, source.start + k + len(figure.text))
            if key not in seen:
                seen.add(key)
                truth.append(Expected(*key, figure.text))
    return sorted(truth)


def annotated_truth(marked: str) -> tuple[str, list[Expected]]:
    """The plain text of an annotated one, and its figures."""
    out: list[str] = []
    truth: list[Expected] = []
    start = -1
    length = 0
    for c in marked:
        if c == OPEN:
            start = length
        elif c == CLOSE:
            truth.append(Expected(start, length, "".join(out)[start:length]))
        else:
            out.append(c)
            length += 1
    return "".join(out), truth


def _same(a: Figure, b: Figure) -> bool:
    return attrs.evolve(a, aspirational=False) == attrs.evolve(b, aspirational=False)


class Score(NamedTuple):
    expected: int
    found: int
    matched: int
    exact: int
    missed: list[str]
    excess: list[str]


def score(text: str, truth: list[Expected], within: list[SourceRef] | None = None) -> Score:
    """How the figures found in ``text`` (those ``within`` the given spans, when any are
    given) meet ``truth``."""
    found = find_figures(text)
    if within is not None:
        found = tuple(f for f in found if any(r.start <= f.start < r.end for r in within))
    used: set[int] = set()
    matched = exact = 0
    missed: list[str] = []
    for e in truth:
        try:
            want = Figure.parse(e.text)
        except ValueError as error:
            missed.append(f"unreadable {e.text!r}: {error}")
            continue
        hit = None
        for k, f in enumerate(found):
            if k not in used and f.start < e.end and e.start < f.end and _same(f.figure, want):
                hit = k
                break
        if hit is None:
            line = text.count("\n", 0, e.start) + 1
            missed.append(f"line {line}: {e.text!r} in …{text[max(0, e.start - 12) : e.end + 6]!r}")
            continue
        used.add(hit)
        matched += 1
        exact += found[hit].start == e.start and found[hit].end == e.end
    excess = [
        f"line {text.count(chr(10), 0, f.start) + 1}: {f.text!r} in …"
        f"{text[max(0, f.start - 12) : f.end + 6]!r}"
        for k, f in enumerate(found)
        if k not in used
    ]
    return Score(len(truth), len(found), matched, exact, missed, excess)


def _report(name: str, s: Score, verbose: bool) -> None:
    recall = s.matched / s.expected if s.expected else 1.0
    precision = s.matched / s.found if s.found else 1.0
    print(
        f"{name}: expected {s.expected}, found {s.found}, matched {s.matched} "
        f"(exact spans {s.exact}); recall {recall:.1%}, precision {precision:.1%}"
    )
    if verbose:
        for m in s.missed:
            print(f"  missed  {m}")
        for x in s.excess:
            print(f"  excess  {x}")


def _total(scores: list[Score]) -> Score:
    return Score(
        sum(s.expected for s in scores),
        sum(s.found for s in scores),
        sum(s.matched for s in scores),
        sum(s.exact for s in scores),
        [],
        [],
    )


def main() -> int:
    """Measure, print, and return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="folders of annotated .txt files")
    parser.add_argument("--seeds", type=Path, help="the seed document work-plans-1-3.txt")
    parser.add_argument("-q", "--quiet", action="store_true", help="totals only")
    args = parser.parse_args()
    if args.seeds is not None:
        document = args.seeds.read_text(encoding="utf-8")
        # the document opens with a web page's words before 篇1: only the plans count
        plans = [examples.load(name).source for name in examples.names()]
        within = [r for r in plans if r is not None]
        _report("seed plans", score(document, seed_truth(document), within), not args.quiet)
    for folder in args.folders:
        scores = []
        for path in sorted(folder.glob("*.txt")):
            text, truth = annotated_truth(path.read_text(encoding="utf-8"))
            s = score(text, truth)
            scores.append(s)
            _report(f"{folder.name}/{path.name}", s, not args.quiet)
        _report(f"{folder} (all)", _total(scores), False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
