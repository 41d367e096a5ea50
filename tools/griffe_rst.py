"""A griffe extension for the API reference (docs/api.md): reST docstrings as Markdown.

The library's docstrings are written for Sphinx and doctest: ``code``, roles such as
:class:`Figure`, literal blocks after ``::`` and bare ``>>>`` examples.  mkdocstrings
renders docstrings as Markdown, where a bare ``>>>`` block becomes a nested block quote
and a ``['甲', '乙']`` in its output a broken link.  This extension rewrites each
docstring before it is rendered; the source is not touched.

- a role (``:class:`~sciplan_model.errors.PlanLoadError```) becomes inline code of its
  target (its last name with ``~``, its title when it has one);
- a paragraph ending with ``::`` ends with ``:``, and the indented block after it
  becomes a fenced code block;
- a bare ``>>>`` example (up to the next blank line) becomes a fenced code block.

mkdocs.yml loads it with ``extensions: [tools/griffe_rst.py:RestDocstrings]`` (a path
mkdocstrings resolves against the directory of mkdocs.yml).
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|attr|data|mod|exc|obj|const):`(~?)([^`]+)`")


_TITLED = re.compile(r"(.+?)\s*<[^<>]+>")


def _role(match: re.Match[str]) -> str:
    tilde, target = match.groups()
    titled = _TITLED.fullmatch(target)
    if titled:  # :meth:`Figure.parse <sciplan_model.Figure.parse>`
        target = titled.group(1)
    elif tilde:
        target = target.rsplit(".", 1)[-1]
    return f"`{target}`"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _fence(block: list[str], indent: int, at: int) -> list[str]:
    """``block``, dedented by ``indent``, in a fence at ``at``; ``pycon`` for a doctest."""
    lines = [line[indent:] if line.strip() else "" for line in block]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    language = "pycon" if lines and lines[0].startswith(">>>") else "text"
    pad = " " * at
    return [f"{pad}```{language}", *(pad + line if line else "" for line in lines), f"{pad}```"]


def markdown(text: str) -> str:
    """``text``, a reST docstring, as Markdown."""
    lines = _ROLE.sub(_role, text).split("\n")
    out: list[str] = []
    fence_open = False
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("```"):
            fence_open = not fence_open
            out.append(line)
            i += 1
        elif fence_open:
            out.append(line)
            i += 1
        elif stripped.endswith("::") and not stripped.startswith(">>>"):
            # a paragraph that introduces a literal block
            base = _indent(line)
            head = line.rstrip()[:-2].rstrip()
            if head.strip():
                out.append(head + ":")
            i += 1
            block: list[str] = []
            while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > base):
                block.append(lines[i])
                i += 1
            inner = [b for b in block if b.strip()]
            if inner:
                out.append("")
                out.extend(_fence(block, min(_indent(b) for b in inner), base))
                out.append("")
        elif stripped.startswith(">>>"):
            base = _indent(line)
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i])
                i += 1
            if out and out[-1].strip():
                out.append("")
            out.extend(_fence(block, base, base))
            out.append("")
        else:
            out.append(line)
            i += 1
    return "\n".join(out).rstrip("\n")


class RestDocstrings(griffe.Extension):
    """Rewrite every docstring of the loaded package as Markdown."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown(obj.docstring.value)
