"""A plan's outline from its text: numbered headings, nested by the order in which their
numbering styles first appear.

Headings start a line: 一、 （一） 1、 1. （1） ① 第一章 第一节, with or without a markdown
``#``.  Enumerations inside a paragraph — 一是…二是…, 第一，…第二，… — are headings too,
one level below the paragraph's section.  A style met for the first time opens a level
below the current one; a style already open closes the levels below it.  A label whose
style differs from an open one only in its mark (4. among 1、 2、 3、) and continues that
style's count is taken as that style.

Everything here works on the folded text (``fold_text``), whose positions are those of
the text as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from ._prose import CLAUSE_ENDS, decimal_point, is_table_row, lines
from ._reading import CN_DIGITS, Bad, read_chinese_int
from ._scan import unit_name_at
from .units import unit_info

__all__ = ["Heading", "Node", "outline"]

_CN = "一二三四五六七八九十百零〇两"
#: The financial capitals (壹、 貳、 參、, 參 folded to 参): a style of their own, above 一、.
_CAPITALS = "壹贰叁参肆伍陆柒捌玖拾"
# The numbering styles a line may start with: (style, pattern).  The pattern's first
# group is the number; the match ends where the title begins.
_LINE_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("第章", re.compile(rf"第([{_CN}]+|[0-9]{{1,3}})(章|部分|篇)\s*")),
    ("第节", re.compile(rf"第([{_CN}]+|[0-9]{{1,3}})节\s*")),
    ("cap、", re.compile(rf"([{_CAPITALS}]{{1,3}})\s*[、,，.]\s*")),
    ("cn、", re.compile(rf"([{_CN}]{{1,3}})\s*[、,，.]\s*")),
    ("(cn)", re.compile(rf"\(([{_CN}]{{1,3}})\)\s*[、.]?\s*")),
    ("n.n.n", re.compile(r"[0-9]{1,2}\.[0-9]{1,2}\.([0-9]{1,2})(?![0-9.])\s*", re.ASCII)),
    ("n.n", re.compile(r"[0-9]{1,2}\.([0-9]{1,2})(?![0-9.])\s*", re.ASCII)),
    ("n、", re.compile(r"([0-9]{1,2})\s*(?:、|[.](?![0-9])|，|,(?![0-9]))\s*", re.ASCII)),
    ("(n)", re.compile(r"\(([0-9]{1,2})\)\s*[、.]?\s*", re.ASCII)),
    ("n)", re.compile(r"([0-9]{1,2})\)\s*", re.ASCII)),
    ("circled", re.compile(r"([①-⑳])\s*")),
    ("第是", re.compile(rf"第([{_CN}]{{1,3}})是")),
    ("第，", re.compile(rf"第([{_CN}]{{1,3}})[，,、:：]\s*")),
)
# Enumerations inside a paragraph: 一是… and 第一，…
_INLINE_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("第是", re.compile(rf"第([{_CN}]{{1,3}})是")),
    ("是", re.compile(rf"(?<!第)([{_CN}]{{1,3}})是")),
    ("第，", re.compile(rf"第([{_CN}]{{1,3}})[，,、:：]")),
    ("(n)", re.compile(r"\(([0-9]{1,2})\)", re.ASCII)),
    ("circled", re.compile(r"([①-⑳])")),
)
_INLINE_BEFORE = frozenset("，,。；;：:！？!?\n( \t")
_TITLE_ENDS = CLAUSE_ENDS | {"\t"}
_MARKDOWN = re.compile(r"[#>*\-\s]+")
#: The styles that head an outline, highest first.
_TOP_STYLES = ("第章", "cap、", "cn、")
#: Marks that differ only in form: 4. among 1、 2、 3、.
_FAMILIES = {"n、": "arabic", "n)": "arabic", "cn、": "chinese"}


@attrs.frozen
class Heading:
    """A numbered heading as written: its label (一、), title, style, number, and where
    the label starts, the title ends and the heading's line ends."""

    label: str
    title: str | None
    style: str
    number: int
    start: int
    title_end: int
    inline: bool
    title_start: int = -1


@attrs.define
class Node:
    """A section being built: its heading (None for the text before the first one),
    where it starts and ends in the text, and its children."""

    heading: Heading | None
    start: int
    end: int
    children: list[Node] = attrs.field(factory=list)

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


def _number(text: str) -> int | None:
    if text.isdigit() and text.isascii():
        return int(text)
    if len(text) == 1 and "①" <= text <= "⑳":
        return ord(text) - ord("①") + 1
    try:
        return read_chinese_int(text.replace("两", "二").replace("参", "叁"), 0, len(text))
    except Bad:
        return None


def _title(s: str, start: int, end: int) -> tuple[str | None, int]:
    """The words of a heading from ``start``: up to the first clause mark or ``end``."""
    j = start
    while j < end and (s[j] not in _TITLE_ENDS or (s[j] in "。,，" and decimal_point(s, j))):
        j += 1
    k = j
    while k > start and s[k - 1] in " \u3000":
        k -= 1
    title = s[start:k]
    return (title or None), k


def _text_start(s: str, start: int, end: int) -> int:
    """Where a line's words start, after markdown's marks."""
    m = _MARKDOWN.match(s, start, end)
    return m.end() if m else start


def _amount_follows(s: str, i: int) -> bool:
    """Whether a scale word or a unit of measure (not a count) stands at ``s[i]``: then
    the number before it is an amount (1.5万元, 2.5%), where before a count it numbers
    a heading (2.3项目管理)."""
    if s[i : i + 1] in ("万", "亿"):
        return True
    name = unit_name_at(s, i)
    return name is not None and not unit_info(name).is_count


def _line_heading(s: str, start: int, end: int) -> Heading | None:
    """The heading a line starts with, if any."""
    m = _MARKDOWN.match(s, start, end)
    i = m.end() if m else start
    if i >= end:
        return None
    for style, pattern in _LINE_LABELS:
        m = pattern.match(s, i, end)
        if m is None:
            continue
        number = _number(m.group(1))
        if number is None or number < 1:
            continue
        if style.startswith("n.n") and _amount_follows(s, m.end()):
            continue  # 1.5万元用于培训: a decimal, not a heading numbered 1.5
        if style == "cn、" and m.group(0).rstrip().endswith((",", "，", ".")) and number > 20:
            continue
        label = s[i : m.end()].rstrip().rstrip("，,:：")
        title, title_end = _title(s, m.end(), end)
        if title is None and style in ("n、", "cn、") and m.end() < end:
            continue
        return Heading(label, title, style, number, i, title_end, False, m.end())
    return None


def _unnumbered(s: str, start: int, end: int, before: list[Heading]) -> Heading | None:
    """A heading whose number was lost (、授课人员: between 一、 and 三、, as converted
    documents leave it): a short line that opens with the mark of the heading before."""
    last = next((h for h in reversed(before) if not h.inline), None)
    i = _text_start(s, start, end)
    if last is None or last.style not in ("cn、", "n、") or not s.startswith("、", i):
        return None
    title, title_end = _title(s, i + 1, end)
    if title is None or len(title) > _SHORT_TITLE:
        return None
    return Heading("、", title, last.style, last.number + 1, i, title_end, False, i + 1)


_SHORT_TITLE = 20


def _inline_headings(s: str, start: int, end: int) -> list[Heading]:
    """The enumerations inside a paragraph (一是…二是…), when they count from one."""
    for style, pattern in _INLINE_LABELS:
        found: list[Heading] = []
        expected = 1
        for m in pattern.finditer(s, start, end):
            if m.start() > start and s[m.start() - 1] not in _INLINE_BEFORE:
                continue
            if _number(m.group(1)) != expected:
                continue
            title, title_end = _title(s, m.end(), end)
            label = s[m.start() : m.end()].rstrip("，,、:：")
            found.append(
                Heading(label, title, style, expected, m.start(), title_end, True, m.end())
            )
            expected += 1
        if len(found) >= 2:
            return found
    return []


def _enumerated_line(
    s: str, spans: list[tuple[int, int]], n: int, last: Heading | None
) -> Heading | None:
    """The item of an enumeration (一是…) that opens line ``n``: one that goes on from
    the item before it, or a first one whose second opens one of the next lines.  (第一，…
    at a line's start is a heading of its own style.)"""
    start, end = spans[n]
    at = _text_start(s, start, end)
    for style, pattern in _INLINE_LABELS[1:2]:
        m = pattern.match(s, at, end)
        if m is None:
            continue
        number = _number(m.group(1))
        if number == 1:
            ahead = (_text_start(s, a, b) for a, b in spans[n + 1 : n + 1 + _ITEM_LINES])
            if not any(
                (k := pattern.match(s, a)) is not None and _number(k.group(1)) == 2 for a in ahead
            ):
                continue
        elif last is None or last.style != style or not last.inline or last.number + 1 != number:
            continue
        title, title_end = _title(s, m.end(), end)
        label = s[m.start() : m.end()].rstrip("，,、:：")
        return Heading(label, title, style, number, m.start(), title_end, True, m.end())
    return None


#: How many lines an item of a line-by-line enumeration may take (its lines wrapped).
_ITEM_LINES = 6


def headings(s: str) -> list[Heading]:
    """Every heading of the folded text ``s`` in document order."""
    found: list[Heading] = []
    spans = lines(s, 0, len(s))
    for n, (start, end) in enumerate(spans):
        if is_table_row(s, start, end):
            continue
        inline = _inline_headings(s, start, end)
        if inline and inline[0].start == _text_start(s, start, end):
            found.extend(inline)  # 第一是…；第二是…: a paragraph that is an enumeration
            continue
        listed = _enumerated_line(s, spans, n, found[-1] if found else None)
        if listed is not None:
            found.append(listed)  # 一是…；↵二是…；↵: an enumeration a line an item
            continue
        h = _line_heading(s, start, end) or _unnumbered(s, start, end, found)
        body = start
        if h is not None:
            found.append(h)
            body = h.title_end
        found.extend(_inline_headings(s, body, end))
    return found


def outline(s: str) -> Node:
    """The section tree of the folded text ``s``: a root node spanning the whole text,
    whose children are the top-level sections."""
    root = Node(None, 0, len(s))
    # open levels: (style, last number, node)
    stack: list[tuple[str, int, Node]] = []
    for h in headings(s):
        depth = _depth(stack, h)
        del stack[depth:]
        parent = stack[-1][2] if stack else root
        node = Node(h, h.start, len(s))
        parent.children.append(node)
        stack.append((h.style, h.number, node))
    _close(root, len(s))
    return root


def _depth(stack: list[tuple[str, int, Node]], h: Heading) -> int:
    """Where ``h`` stands among the open levels."""
    if h.inline:
        # an enumeration belongs to the paragraph's section: below the deepest line
        # heading open, and beside the enumeration it continues
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == h.style and h.number > 1:
                return k
            node = stack[k][2]
            if node.heading is not None and not node.heading.inline:
                return k + 1
        return 0
    for k, (style, _, _) in enumerate(stack):
        if style == h.style:
            return k
    family = _FAMILIES.get(h.style)
    if family is not None:
        for k, (style, number, _) in enumerate(stack):
            if _FAMILIES.get(style) == family and number + 1 == h.number:
                return k
    if h.style in _TOP_STYLES:
        # 第一章, 壹、 and 一、 head the outline whatever came first: never below an
        # Arabic numbering (1、总体要求 before 一、), only below a higher one of theirs
        rank = _TOP_STYLES.index(h.style)
        depth = 0
        while depth < len(stack) and stack[depth][0] in _TOP_STYLES[:rank]:
            depth += 1
        return depth
    # inline enumerations never hold a line heading
    depth = len(stack)
    while depth and stack[depth - 1][2].heading is not None and stack[depth - 1][2].heading.inline:  # type: ignore[union-attr]
        depth -= 1
    return depth


def _close(node: Node, end: int) -> None:
    """Set each node's end: where the next sibling starts, or its parent ends."""
    node.end = end
    for k, child in enumerate(node.children):
        following = node.children[k + 1].start if k + 1 < len(node.children) else end
        _close(child, following)


def is_numeral(c: str) -> bool:
    """Whether ``c`` is a Chinese digit."""
    return c in CN_DIGITS
