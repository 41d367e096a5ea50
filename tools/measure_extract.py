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
from typing import Any, NamedTuple

import attrs

from sciplan_model import (
    Achievement,
    Breakdown,
    Figure,
    Goal,
    Section,
    SourceRef,
    examples,
    validate,
)
from sciplan_model.extract import Draft, find_figures, read_plan

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


# -- the reader: outline, items, breakdowns -------------------------------------------------


class ReaderScore(NamedTuple):
    sections: tuple[int, int]  # (matched, expected)
    depths: tuple[int, int]
    roles: tuple[int, int]
    breakdowns: tuple[int, int]
    extra_breakdowns: int
    wrong_flagged: tuple[int, int]
    errors: int  # error findings beyond those the expectation wants
    problems: list[str]


def _sections(sections: tuple[Section, ...], depth: int = 1) -> Iterator[tuple[Section, int]]:
    for section in sections:
        if section.label is not None:
            yield section, depth
        yield from _sections(section.sections, depth + (section.label is not None))


def _parents(
    sections: list[tuple[str | None, str | None, int]],
) -> dict[tuple[str | None, str | None], tuple[str | None, str | None] | None]:
    parents: dict[tuple[str | None, str | None], tuple[str | None, str | None] | None] = {}
    for k, (label, title, depth) in enumerate(sections):
        parent = None
        for other_label, other_title, other_depth in reversed(sections[:k]):
            if other_depth < depth:
                parent = (other_label, other_title)
                break
        parents[(label, title)] = parent
    return parents


def _key(key: object) -> str:
    return str(getattr(key, "value", key))


def reader_score(text: str, truth: list[Expected], expected: dict[str, Any]) -> ReaderScore:
    """How the draft of ``text`` meets the expectation written for it."""
    draft: Draft = read_plan(text, document="doc")
    problems: list[str] = []
    got = [(s.label, s.title, d) for s, d in _sections(draft.plan.sections)]
    want = [(e["label"], e.get("title"), e["depth"]) for e in expected.get("sections", [])]
    found_titles = {(label, title) for label, title, _ in got}
    sections = sum((label, title) in found_titles for label, title, _ in want)
    # nesting: each section's parent is the nearest section before it at a smaller depth
    want_parents, got_parents = _parents(want), _parents(got)
    depths = sum(
        got_parents.get((label, title), "?") == want_parents[(label, title)]
        for label, title, _ in want
    )
    for label, title, depth in want:
        if (label, title) not in found_titles:
            problems.append(f"section missed: {label}{title} (depth {depth})")
    items = {
        (it.source.start, it.source.end): it
        for it in [*draft.plan.goals(), *draft.plan.achievements()]
        if it.source is not None
    }
    roles = 0
    for e in expected.get("items", []):
        span = truth[e["figure"]]
        holder = [it for (a, b), it in items.items() if a <= span.start and span.end <= b]
        role = (
            "goal"
            if any(isinstance(it, Goal) for it in holder)
            else ("achievement" if any(isinstance(it, Achievement) for it in holder) else "none")
        )
        if role == e["role"]:
            roles += 1
        else:
            problems.append(f"item {span.text!r} ({e.get('indicator')}): {role}, not {e['role']}")
    got_breakdowns = []
    for b in draft.plan.breakdowns():
        spans = tuple(sorted((p.source.start, p.source.end) for p in b.parts if p.source))
        got_breakdowns.append((spans, b))
    matched = 0
    used = set()
    for e in expected.get("breakdowns", []):
        spans = tuple(sorted((truth[k].start, truth[k].end) for k, _ in e["parts"]))
        hit = [k for k, (sp, b) in enumerate(got_breakdowns) if sp == spans]
        if hit and got_breakdowns[hit[0]][1].complete == e["complete"]:
            matched += 1
            used.add(hit[0])
        else:
            what = "wrong completeness" if hit else "missed"
            if hit:
                used.add(hit[0])
            parts = [truth[k].text for k, _ in e["parts"]]
            problems.append(f"breakdown {what}: {truth[e['total']].text} = {parts}")
    for k, (sp, b) in enumerate(got_breakdowns):
        if k not in used:
            problems.append(
                f"breakdown in excess: {b.total} = {[str(p.figure) for p in b.parts]}"
                f" (complete={b.complete})"
            )
    report = validate(draft.plan)
    flagged_codes = [f for f in report.findings if f.code in ("breakdown.sum", "breakdown.exceeds")]
    wrong = [e for e in expected.get("breakdowns", []) if e.get("deliberately_wrong")]
    errors = [f for f in report.findings if f.severity.value == "error"]
    for f in errors:
        problems.append(f"finding: {f} @ {f.source.where if f.source else ''}")
    return ReaderScore(
        (sections, len(want)),
        (depths, len(want)),
        (roles, len(expected.get("items", []))),
        (matched, len(expected.get("breakdowns", []))),
        len(got_breakdowns) - len(used),
        (min(len(flagged_codes), len(wrong)), len(wrong)),
        max(0, len(errors) - len(wrong)),
        problems,
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
                for s, d in _sections(plan.sections)
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
