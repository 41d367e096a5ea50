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
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from sciplan_model import Breakdown, Figure, SourceRef, examples, validate
from sciplan_model.extract import read_plan

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from corpus import (
    Expected,
    ReaderScore,
    Score,
    annotated_truth,
    reader_score,
    score,
    sections_of,
)

OPEN, CLOSE = "⟦", "⟧"


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


def _ratio(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}"


def _reader_report(name: str, r: ReaderScore, verbose: bool) -> None:
    print(
        f"{name}: sections {_ratio(r.sections)} (nested alike {_ratio(r.depths)}), "
        f"roles {_ratio(r.roles)}, breakdowns {_ratio(r.breakdowns)} "
        f"(+{r.extra_breakdowns} in excess), deliberate errors flagged "
        f"{_ratio(r.wrong_flagged)}, other errors {r.errors}"
    )
    if verbose:
        for p in r.problems:
            print(f"  {p}")


def _signature(b: Breakdown) -> tuple[str, tuple[str, ...], bool]:
    return str(b.total), tuple(str(p.figure) for p in b.parts), b.complete


def seed_reader(document: str) -> None:
    """Read each seed plan from its span of the document and compare the draft with the
    bundled model: the numbered sections with their nesting (the model keeps an inline
    一是 only where it holds an item, so those are left out of the comparison), the
    breakdowns (total, parts and completeness alike), and validation without errors."""
    for name in examples.names():
        model = examples.load(name)
        if model.source is None:
            continue
        span = model.source
        draft = read_plan(document[span.start : span.end], document=name)

        def numbered(plan: Any) -> list[tuple[str | None, int]]:
            return [
                (s.label, d)
                for s, d in sections_of(plan.sections)
                if s.label and not s.label.endswith("是")
            ]

        want, got = numbered(model), numbered(draft.plan)
        expected = [_signature(b) for b in model.breakdowns()]
        found = [_signature(b) for b in draft.plan.breakdowns()]
        missed = [e for e in expected if e not in found]
        extra = [f for f in found if f not in expected]
        report = validate(draft.plan)
        errors = [f for f in report.findings if f.severity.value == "error"]
        complete = sum(e[2] for e in expected)
        print(
            f"seed {name}: numbered sections {len(got)} (model {len(want)}, alike with their "
            f"nesting: {got == want}); breakdowns {len(expected) - len(missed)}/{len(expected)} "
            f"found ({complete} complete in the model), {len(extra)} in excess; validation "
            f"errors {len(errors)}; unplaced figures {len(draft.unplaced)}"
        )
        for m in missed:
            print(f"  breakdown missed: {m}")
        for x in extra:
            print(f"  breakdown in excess: {x}")
        for f in errors:
            print(f"  finding: {f}")
        if got != want:
            print(f"  outline: draft {got[:8]}… model {want[:8]}…")


def main() -> int:
    """Measure, print, and return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="folders of annotated .txt files")
    parser.add_argument("--seeds", type=Path, help="the seed document work-plans-1-3.txt")
    parser.add_argument("-q", "--quiet", action="store_true", help="totals only")
    parser.add_argument(
        "--reader", action="store_true", help="also measure read_plan against NAME.json"
    )
    args = parser.parse_args()
    if args.seeds is not None:
        document = args.seeds.read_text(encoding="utf-8")
        # the document opens with a web page's words before 篇1: only the plans count
        plans = [examples.load(name).source for name in examples.names()]
        within = [r for r in plans if r is not None]
        _report("seed plans", score(document, seed_truth(document), within), not args.quiet)
        if args.reader:
            seed_reader(document)
    for folder in args.folders:
        scores = []
        readers: list[ReaderScore] = []
        for path in sorted(folder.glob("*.txt")):
            text, truth = annotated_truth(path.read_text(encoding="utf-8"))
            s = score(text, truth)
            scores.append(s)
            _report(f"{folder.name}/{path.name}", s, not args.quiet)
            expectation = path.with_suffix(".json")
            if args.reader and expectation.exists():
                r = reader_score(text, truth, json.loads(expectation.read_text(encoding="utf-8")))
                readers.append(r)
                _reader_report(f"  reader {path.stem}", r, not args.quiet)
        _report(f"{folder} (all)", _total(scores), False)
        if readers:
            total = ReaderScore(
                *(
                    tuple(sum(x) for x in zip(*(getattr(r, f) for r in readers), strict=True))
                    for f in ("sections", "depths", "roles", "breakdowns")
                ),
                sum(r.extra_breakdowns for r in readers),
                tuple(sum(x) for x in zip(*(r.wrong_flagged for r in readers), strict=True)),
                sum(r.errors for r in readers),
                [],
            )
            _reader_report(f"{folder} reader (all)", total, False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
