"""The annotated plan texts of ``tests/extract_corpus`` (and the held-out set in
``tools/extract_heldout``), and how the reader of plan texts measures up to them: shared by
``tests/test_extract.py`` and ``tools/measure_extract.py``.

Each document ``NAME.txt`` marks every figure between ⟦ and ⟧; ``NAME.json`` says what a
perfect reader rebuilds (see ``tests/extract_corpus/README.md``).  :func:`score` compares
the figures found with the marked ones; :func:`reader_score` compares a draft's sections,
goals and achievements, breakdowns and findings with the expectation.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import attrs

from sciplan_model import Achievement, Breakdown, Figure, Goal, Section, SourceRef, validate
from sciplan_model.extract import Draft, find_figures, read_plan

OPEN, CLOSE = "⟦", "⟧"
CORPUS = Path(__file__).resolve().parent / "extract_corpus"


class Document(NamedTuple):
    """One annotated document: its name, its text, the figures marked in it, and the
    expectation for the reader (empty when there is no NAME.json)."""

    name: str
    text: str
    truth: list[Expected]
    expected: dict[str, Any]


def documents(folder: Path = CORPUS) -> list[Document]:
    """The annotated documents of ``folder``, by name."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        text, truth = annotated_truth(path.read_text(encoding="utf-8"))
        expectation = path.with_suffix(".json")
        expected = (
            json.loads(expectation.read_text(encoding="utf-8")) if expectation.exists() else {}
        )
        out.append(Document(path.stem, text, truth, expected))
    return out


class Expected(NamedTuple):
    start: int
    end: int
    text: str


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


class ReaderScore(NamedTuple):
    sections: tuple[int, int]  # (matched, expected)
    depths: tuple[int, int]
    roles: tuple[int, int]
    breakdowns: tuple[int, int]
    extra_breakdowns: int
    wrong_flagged: tuple[int, int]
    errors: int  # error findings beyond those the expectation wants
    problems: list[str]


def sections_of(sections: tuple[Section, ...], depth: int = 1) -> Iterator[tuple[Section, int]]:
    for section in sections:
        if section.label is not None:
            yield section, depth
        yield from sections_of(section.sections, depth + (section.label is not None))


def parents(
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


def _row_lines(text: str, e: dict[str, Any]) -> set[int]:
    """The lines (from 1) whose first cell is the row a table's 合计 stands in."""
    row = e["table_cells"][0][0]
    return {
        k + 1
        for k, line in enumerate(text.split("\n"))
        if line.replace("|", "\t").strip(" \t").split("\t")[0].strip() == row
    }


def _in_row(text: str, b: Breakdown, e: dict[str, Any]) -> bool:
    """Whether the breakdown ``b`` is said in the row of the table total ``e``, with as
    many parts."""
    line = b.source.line if b.source is not None else None
    return line in _row_lines(text, e) and len(b.parts) == len(e["table_cells"]) - 1


def _about(text: str, truth: list[Expected], f: Any, e: dict[str, Any]) -> bool:
    """Whether the finding ``f`` is about the deliberately wrong statement ``e``."""
    if f.source is None:
        return False
    if e.get("total") is None:
        return f.source.line in _row_lines(text, e)
    total = truth[e["total"]]
    return f.source.start <= total.start and total.end <= f.source.end


def reader_score(text: str, truth: list[Expected], expected: dict[str, Any]) -> ReaderScore:
    """How the draft of ``text`` meets the expectation written for it."""
    draft: Draft = read_plan(text, document="doc")
    problems: list[str] = []
    got = [(s.label, s.title, d) for s, d in sections_of(draft.plan.sections)]
    want = [(e["label"], e.get("title"), e["depth"]) for e in expected.get("sections", [])]
    found_titles = {(label, title) for label, title, _ in got}
    sections = sum((label, title) in found_titles for label, title, _ in want)
    # nesting: each section's parent is the nearest section before it at a smaller depth
    want_parents, got_parents = parents(want), parents(got)
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
        if e.get("total") is None:  # a table's 合计 over bare numbers: matched by its row
            hit = [
                k
                for k, (_, b) in enumerate(got_breakdowns)
                if k not in used and _in_row(text, b, e) and b.complete == e["complete"]
            ]
            if hit:
                matched += 1
                used.add(hit[0])
            else:
                problems.append(f"table breakdown missed: {e['table_cells'][0]}")
            continue
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
    for k, (_, b) in enumerate(got_breakdowns):
        if k not in used:
            problems.append(
                f"breakdown in excess: {b.total} = {[str(p.figure) for p in b.parts]}"
                f" (complete={b.complete})"
            )
    report = validate(draft.plan)
    wrong = [e for e in expected.get("breakdowns", []) if e.get("deliberately_wrong")]
    errors = [f for f in report.findings if f.severity.value == "error"]
    # each deliberate error must be flagged by a finding about its own statement, and
    # every other error finding is one too many
    flagged = [f for f in errors if any(_about(text, truth, f, e) for e in wrong)]
    caught = sum(any(_about(text, truth, f, e) for f in errors) for e in wrong)
    for f in errors:
        if f not in flagged:
            problems.append(f"finding: {f} @ {f.source.where if f.source else ''}")
    return ReaderScore(
        (sections, len(want)),
        (depths, len(want)),
        (roles, len(expected.get("items", []))),
        (matched, len(expected.get("breakdowns", []))),
        len(got_breakdowns) - len(used),
        (caught, len(wrong)),
        len(errors) - len(flagged),
        problems,
    )
