"""Every figure of a plan is in its report and its roll-ups: the docs' own review (only
achievements and statements) and annual plan (only targets), read from their texts, show
each figure the reader found — as the plan wrote it — in ``summarize`` (text, Markdown and
HTML), in ``sciplan report`` and in ``sciplan rollup``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from sciplan_model import Achievement, Breakdown, Goal, examples, summarize
from sciplan_model._cli import main
from sciplan_model._reading import as_written
from test_summary import parsed

NAMES = examples.texts()


def _html_text(page: str) -> str:
    return "\n".join(parsed(page).text)


def _figures(name: str) -> list[str]:
    """Every figure the reader found in the text, as written."""
    draft = examples.read(name)
    return [as_written(f.text) for f in draft.figures]


def _path(name: str) -> Path:
    return Path(str(resources.files("sciplan_model.examples").joinpath(f"data/{name}.txt")))


@pytest.mark.parametrize("name", NAMES)
def test_the_texts_are_what_real_ones_are(name: str) -> None:
    """The review holds achievements and statements but no target; the plan targets and
    a statement but no result; the reader places every figure of both."""
    draft = examples.read(name)
    plan = draft.plan
    assert draft.unplaced == ()
    if name == "qinghe-review":
        assert (len(plan.goals()), len(plan.achievements())) == (0, 27)
    else:
        assert (len(plan.goals()), len(plan.achievements())) == (17, 0)
    assert any(e for e in plan.walk(Breakdown))


@pytest.mark.parametrize("name", NAMES)
def test_summarize_shows_every_figure_as_written(name: str) -> None:
    """str(), to_markdown() and the HTML page's text each hold every figure found."""
    s = summarize(examples.read(name), made="2026-12-03")
    text, markdown, page = str(s), s.to_markdown(), _html_text(s.to_html())
    for figure in _figures(name):
        assert figure in text, figure
        assert figure in markdown, figure
        assert figure in page, figure


@pytest.mark.parametrize("name", NAMES)
def test_summary_counts_the_plans_items(name: str) -> None:
    """repr and the overview count the goals, achievements and statements held."""
    draft = examples.read(name)
    s = summarize(draft, made="2026-12-03")
    goals = sum(1 for e in draft.plan.walk(Goal))
    done = sum(1 for e in draft.plan.walk(Achievement))
    statements = sum(1 for e in draft.plan.walk(Breakdown))
    assert (len(s.lines), len(s.achievements), len(s.breakdowns)) == (goals, done, statements)
    assert repr(s) == (
        f"Summary({draft.plan.id}: 0 projects, {goals} goals, {done} achievements, "
        f"{statements} statements)"
    )
    # a plan without projects shows no money table and no empty money chart
    assert "【项目经费" not in str(s)
    assert "chart-source" not in s.to_html()


@pytest.mark.parametrize("name", NAMES)
def test_sciplan_report_and_rollup_show_every_figure(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line's report shows every figure; its roll-up (of what the plan
    holds, by default) every goal and achievement as written, and every part of every
    statement."""
    path = str(_path(name))
    assert main(["report", path, "--date", "2026-12-03"]) == 0
    report = capsys.readouterr().out
    for figure in _figures(name):
        assert figure in report, figure
    assert main(["rollup", path]) == 0
    rolled = capsys.readouterr().out
    plan = examples.read(name).plan
    shown = [as_written(e.item.figure.text) for e in plan.walk(Goal, Achievement)]  # type: ignore[union-attr]
    shown += [
        as_written(part.figure.text)
        for e in plan.walk(Breakdown)
        for part in e.item.parts  # type: ignore[union-attr]
    ]
    for figure in shown:
        assert figure in rolled, figure
    headings = [line for line in rolled.splitlines() if line.startswith("【")]
    expected = ["【成果】"] if name == "qinghe-review" else ["【目标】"]
    assert headings == [*expected, "【计划所述合计与分项（共…其中…）】"]
