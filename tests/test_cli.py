"""Tests of the ``sciplan`` command, run as a real process (``python -m sciplan_model``)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sciplan_model import __version__
from sciplan_model._cli import table


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m sciplan_model ARGS`` and capture what it prints."""
    return subprocess.run(
        [sys.executable, "-m", "sciplan_model", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_demo_shows_figures_and_the_statement_adding_up() -> None:
    """`sciplan demo` exits 0 and shows the figures read and the 篇3 statement checked."""
    result = run("demo")
    assert result.returncode == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"sciplan_model {__version__}: figures as Chinese work plans write them"
    assert any(line.startswith("600余家") and line.endswith("(600家, 700家)") for line in lines)
    assert any(line.startswith("20xx万元") and line.endswith("unknown 万元") for line in lines)
    assert (
        "36项 = 5项 + 24项 + 7项 and 159.3万元 = 11万元 + 97万元 + 51.3万元: "
        "the parts add up exactly." in lines
    )
    assert "1亿元 + 1万元 = 10001万元" in lines


def test_parse_prints_a_table_and_exits_zero() -> None:
    """`sciplan parse` prints one row a figure and exits 0 when every figure reads."""
    result = run("parse", "159.3万元", "2万人次以上")
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "written      value  unit    qualifier  range",
        "-----------  -----  ------  ---------  ----------------------",
        "159.3万元    159.3  万元    EXACT      [159.3万元, 159.3万元]",
        "2万人次以上  2      万人次  AT_LEAST   [2万人次, ∞)",
    ]


def test_parse_reports_bad_figures_on_stderr_and_exits_one() -> None:
    """A figure that cannot be read is one error line on stderr, exit status 1, no traceback."""
    result = run("parse", "159.3万元", "坏数字")
    assert result.returncode == 1
    assert "159.3万元" in result.stdout
    assert result.stderr.splitlines() == [
        "sciplan: error: cannot read figure '坏数字': a number was expected at position 0 "
        "('坏数字')"
    ]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [(), ("nonsense",), ("parse",)])
def test_usage_errors_exit_two(args: tuple[str, ...]) -> None:
    """A missing or unknown subcommand, or parse without figures, is a usage error (exit 2)."""
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: sciplan")


@pytest.mark.parametrize("args", [("--help",), ("parse", "--help")])
def test_help_shows_examples(args: tuple[str, ...]) -> None:
    """--help exits 0 and shows an example."""
    result = run(*args)
    assert result.returncode == 0
    assert "example" in result.stdout


def test_version() -> None:
    """--version prints the package's version."""
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"sciplan {__version__}"


def test_table_aligns_chinese_by_display_width() -> None:
    """A CJK character takes two columns, so columns line up in a terminal."""
    lines = table(["a", "b"], [["万元", "x"], ["abcd", "y"]]).splitlines()
    assert lines == ["a     b", "----  -", "万元  x", "abcd  y"]
