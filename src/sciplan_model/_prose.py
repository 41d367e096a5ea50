"""The marks and lines of a plan's prose, for the readers of plan texts: where sentences
and clauses end, where lines start, which line is a table's row, and the words that make
a statement a target or a result.  One definition each, shared by the finder of figures,
the outline, the reader of statements and the draft.

Everything here reads the folded text (``fold_text``) and answers with positions, which
are those of the text as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

__all__ = [
    "ASPIRATION",
    "CLAUSE_ENDS",
    "PLAN_VERBS",
    "RESULT_WORDS",
    "SENTENCE_ENDS",
    "TARGET_WORDS",
    "decimal_point",
    "is_table_row",
    "line_column",
    "line_starts",
    "lines",
]

#: Marks that end a sentence (a line break too; see :func:`decimal_point` for 159。3).
SENTENCE_ENDS = frozenset("。；;！!？?\n")
#: Marks that end a clause.
CLAUSE_ENDS = frozenset("，,：:") | SENTENCE_ENDS

#: Words that make a statement a target whatever its section: only those that cannot be
#: read the other way (争取 is "strive for" in a plan and "secured" in a review; 完成 and
#: 新增 are both; 计划 names programmes unless a verb follows it).
TARGET_WORDS = re.compile(
    "力争|力求|确保|拟|预计|预期|目标(?!的|任务的)|争取达到|争取实现|将(?!近)|努力实现|年内|到年底|"
    "计划(?=新增|新建|完成|实施|投入|建设|建成|引进|培训|举办|开展|争取|达到|实现|用|于|到|在|"
    "发展|安排|组织|培育|认定|申报|推广|举行|召开|新|[0-9一二三四五六七八九十])"
)
#: Words that make a statement a result whatever its section (了 as a particle, not in
#: 为了 or 了解; 已有 and 现有 say what there is now).
RESULT_WORDS = re.compile(
    "(?<![为除])了(?![解如])|已经|已(?!有)|先后|截至|截止|目前|近年来|年来|以来|现有|已有|"
    "(?<![比较])去年|前年"
)
#: Words of aspiration: a target to strive for (力争), not a promise.
ASPIRATION = re.compile("力争|争取|力求|努力")
#: Verbs that a plan's tasks open with: many of them tell a section of tasks.
PLAN_VERBS = re.compile("要(?![求素点])|加强|加快|推进|推动|大力|着力|深化|强化")


def decimal_point(s: str, k: int) -> bool:
    """Whether the mark at ``s[k]`` stands between two digits (159。3, 1,500): part of a
    number, not the end of a sentence or a title."""
    return 0 < k < len(s) - 1 and "0" <= s[k - 1] <= "9" and "0" <= s[k + 1] <= "9"


def lines(s: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of ``s[start:end]``, each as ``(start, end)`` without its line break."""
    out = []
    a = start
    while a < end:
        b = s.find("\n", a, end)
        if b < 0:
            b = end
        out.append((a, b))
        a = b + 1
    return out


def is_table_row(s: str, a: int, b: int) -> bool:
    """Whether the line ``s[a:b]`` is a table's row: cells parted by tabs — two tabs or
    more, or a number after the one tab (a tab typed after a heading's label is none)."""
    tabs = s.count("\t", a, b)
    if tabs >= 2:
        return True
    if tabs == 1:
        after = s[s.find("\t", a, b) + 1 : b]
        return any("0" <= c <= "9" for c in after)
    return False


def line_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def line_column(starts: Sequence[int], offset: int) -> tuple[int, int]:
    """The line and column (from 1) of ``offset``, given where lines start."""
    k = bisect_right(starts, offset) - 1
    return k + 1, offset - starts[k] + 1
