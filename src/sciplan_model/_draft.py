"""A plan read from its text: :func:`read_plan`, :func:`read_plan_file` and :class:`Draft`.

The reader finds every figure (:func:`find_figures`), rebuilds the outline from the
numbered headings, gives each section its kind and period (from its heading, its first
sentence, its verbs, or the section above), reads each section's sentences into goals,
achievements and breakdowns, and takes the plan's title, kind, period, region and
issuing body from its first and last lines.  Every item keeps the span of text it was
read from, with its line and column.  What the reader could not place stays in
:attr:`Draft.unplaced`; nothing found is dropped.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path

import attrs

from ._exact import own_context
from ._find import Found, find_figures
from ._outline import Node, outline
from ._prose import CLAUSE_ENDS, PLAN_VERBS, RESULT_WORDS, TARGET_WORDS, line_column, line_starts
from ._reading import fold_text
from ._statements import Memory, Place, read_statements
from ._textfile import read_text_file
from .codes import Level, PlanKind
from .errors import SciplanError, WrongTypeError
from .model import Item, Plan, Region, Section, SourceRef
from .period import FiveYearPlan, Period, Year, YearSpan, parse_period, period_years

__all__ = ["Draft", "read_plan", "read_plan_file"]


@attrs.frozen(repr=False)
class Draft:
    """A plan read from text, with what the reader found and could not place.

    ``plan`` is an ordinary :class:`~sciplan_model.Plan` (validate, roll up and save it
    as any other); ``figures`` every figure found in the text; ``placed`` what became
    of each placed one (a goal, an achievement, a breakdown's part, a restated target);
    ``unplaced`` those the reader could not put into an item.  ``text`` is the text
    read, which every source span indexes into.
    """

    plan: Plan
    figures: tuple[Found, ...]
    unplaced: tuple[Found, ...]
    placed: tuple[Place, ...] = attrs.field(repr=False)
    text: str = attrs.field(repr=False)
    document: str

    def line_column(self, offset: int) -> tuple[int, int]:
        """The line and column (from 1) of a position in :attr:`text`."""
        return line_column(line_starts(self.text), offset)

    def __repr__(self) -> str:
        return (
            f"Draft({self.document!r}: {_count(self.plan)} sections, "
            f"{len(self.figures)} figures, {len(self.unplaced)} unplaced)"
        )

    def __str__(self) -> str:
        return self.describe()

    def describe(self, name: str | None = None) -> str:
        """What was read, for people: the plan's title; how many sections, figures
        (placed and unplaced), goals, achievements and breakdowns; then each unplaced
        figure at ``name:line:column`` (``name`` by default the document's) with the
        words around it on its line."""
        plan = self.plan
        name = self.document if name is None else name
        figures, unplaced = len(self.figures), len(self.unplaced)
        lines = [
            f"{name}: {plan.title}",
            f"  {_count(plan)} sections, {figures} figures ({figures - unplaced} placed, "
            f"{unplaced} unplaced), {len(plan.goals())} goals, "
            f"{len(plan.achievements())} achievements, {len(plan.breakdowns())} breakdowns",
        ]
        starts = line_starts(self.text)
        for f in self.unplaced:
            line, column = line_column(starts, f.start)
            lines.append(f"{name}:{line}:{column}: unplaced {f.text}  {self._around(f)}")
        return "\n".join(lines)

    def _around(self, found: Found, before: int = 12, after: int = 8) -> str:
        """The words around a figure on its line: …另有约300人参加…"""
        text = self.text
        start = max(text.rfind("\n", 0, found.start) + 1, found.start - before)
        line_end = text.find("\n", found.end)
        end = min(len(text) if line_end < 0 else line_end, found.end + after)
        return f"…{text[start:end].strip()}…"


def _count(plan: Plan) -> int:
    def below(sections: tuple[Section, ...]) -> int:
        return sum(1 + below(s.sections) for s in sections)

    return below(plan.sections)


def _plain_lines(s: str) -> str:
    """The folded text with its lines made plain, one character for one: a carriage
    return ends a line (or stands for a space before a line feed), and a markdown table's
    row (| a | b |) has its cells parted by tabs as any table's."""
    s = s.replace("\r\n", " \n").replace("\r", "\n")
    if "|" not in s:
        return s
    rows = []
    for line in s.split("\n"):
        if line.lstrip().startswith("|"):
            line = line.replace("|", "\t")
        rows.append(line)
    return "\n".join(rows)


def read_plan_file(path: str | os.PathLike[str]) -> Draft:
    """Read a plan from a ``.txt``, ``.md`` or ``.docx`` file (UTF-8 or GB18030 text;
    Word documents with the ``docx`` extra) into a :class:`Draft`; its sources name the
    file.  An unreadable file is a :class:`~sciplan_model.errors.DocumentReadError`."""
    text = read_text_file(path)
    return read_plan(text, document=_file_name(path))


def _file_name(path: str | os.PathLike[str]) -> str:
    """The file's name as text: its bytes read as UTF-8, so that a name Python decoded
    in an ASCII locale (where 计划 becomes surrogate escapes) is still 计划 and never
    puts a lone surrogate into the plan; bytes that are no UTF-8 become U+FFFD."""
    return os.fsencode(Path(path).name).decode("utf-8", "replace")


@own_context
def read_plan(text: str, *, document: str = "text") -> Draft:
    """Read a plan's text into a :class:`Draft`.

    >>> draft = read_plan("青禾县科技局2025年工作计划\\n一、工作目标\\n全年新增高新技术企业15家，"
    ...                   "力争突破20家。\\n二、2024年工作回顾\\n共争取项目12项，其中国家级2项、省级10项。")
    >>> [s.title for s in draft.plan.sections]
    ['工作目标', '2024年工作回顾']
    >>> [str(g.figure) for g in draft.plan.goals()]
    ['15家', '力争超过20家']
    >>> b = draft.plan.breakdowns()[0]
    >>> str(b.total), [str(p.figure) for p in b.parts], b.complete
    ('12项', ['2项', '10项'], True)
    """
    if not isinstance(text, str):
        raise WrongTypeError("text", "a str", type(text).__name__)
    if not isinstance(document, str) or not document.strip():
        raise WrongTypeError("document", "a non-empty str", type(document).__name__)
    return _Reader(text, document).read()


class _Reader:
    def __init__(self, text: str, document: str) -> None:
        self.text = text
        self.s = _plain_lines(fold_text(text))
        self.document = document
        self.lines = line_starts(text)
        self.figures = find_figures(text)
        self.starts = [f.start for f in self.figures]
        self.placed: list[Place] = []
        self.first_year: int | None = None
        self.memory = Memory()

    def source(self, start: int, end: int) -> SourceRef:
        line, column = line_column(self.lines, start)
        return SourceRef(document=self.document, start=start, end=end, line=line, column=column)

    def figures_in(self, start: int, end: int) -> list[Found]:
        a = bisect_right(self.starts, start - 1)
        b = bisect_right(self.starts, end - 1)
        return [f for f in self.figures[a:b] if f.end <= end]

    # -- the plan --------------------------------------------------------------------------

    def read(self) -> Draft:
        root = outline(self.s)
        title_line = _title_line(self.s, root)
        title = _clip(self.text[title_line[0] : title_line[1]].strip()) if title_line else None
        kind = _kind_of(title or "") or PlanKind.ANNUAL
        period = _period_in(title or "", None)
        years = period_years(period) if period is not None else None
        self.first_year = years.start if years is not None else None
        region, issuer = _issuer(self.s, self.text, root)
        head_end = root.children[0].start if root.children else len(self.s)
        body_start = title_line[1] if title_line else 0
        sections: list[Section] = []
        if self.figures_in(body_start, head_end) or not root.children:
            review = kind is PlanKind.REVIEW
            items = self._items(body_start, head_end, review, period)
            if items or not root.children:
                sections.append(
                    Section(
                        kind=kind,
                        period=period,
                        items=items,
                        source=self.source(body_start, head_end),
                    )
                )
        year = period.value if isinstance(period, Year) else None
        context = _Context(kind, period, year, period)
        sections.extend(self._section(node, context) for node in root.children)
        period = _covering(period, [s.period for s in sections])
        plan = Plan(
            id=_plan_id(self.document),
            title=title or Path(self.document).stem or "plan",
            kind=kind,
            issuer=issuer,
            region=region,
            level=region.level if region is not None else None,
            period=period,
            sections=sections,
            source=self.source(0, len(self.text)),
        )
        placed_starts = {p.found.start for p in self.placed}
        unplaced = tuple(f for f in self.figures if f.start not in placed_starts)
        return Draft(
            plan=plan,
            figures=self.figures,
            unplaced=unplaced,
            placed=tuple(self.placed),
            text=self.text,
            document=self.document,
        )

    # -- sections ---------------------------------------------------------------------------

    def _section(self, node: Node, context: _Context) -> Section:
        h = node.heading
        if h is None:  # only the root has no heading, and it is never a section
            raise TypeError("a section needs its heading")
        body_end = node.children[0].start if node.children else node.end
        whole = self.s[node.start : node.end]
        heading = "" if h.inline else h.title or ""  # 一是… opens a clause, not a part
        period = _period_in(h.title or "", context.year)
        if period is None:
            opening = _period_in(_first_sentence(self.s, h.title_end, body_end), context.year)
            # a heading of targets (工作目标) keeps the plan's period, whatever year its
            # first sentence looks back on (2024年新增…，2025年力争…)
            if not (_title_says(heading)[1] and _when(opening, context.plan_period) == "before"):
                period = opening
        votes = [c.heading.title or "" for c in node.children if c.heading and not c.heading.inline]
        kind = _section_kind(heading, whole, context.kind, period, context.top, votes)
        when = _when(period, context.plan_period)
        if when == "before" and not _title_says(heading)[1]:
            kind = PlanKind.REVIEW  # 2024年工作回顾 in a plan for 2025
        elif when == "within" and kind is PlanKind.REVIEW and context.kind is not PlanKind.REVIEW:
            kind = context.kind if not heading or not _title_says(heading)[0] else kind
        mine = _Context(kind, period or context.period, context.year, context.plan_period, False)
        review = kind is PlanKind.REVIEW
        place = bool(_PLACE_TITLE.search(h.title or ""))
        items = self._items(h.start + len(h.label), body_end, review, mine.period, place)
        children = [self._section(child, mine) for child in node.children]
        label = self.text[h.start : h.start + len(h.label)]
        title = self.text[h.title_start : h.title_end] if h.title else None
        own = mine.period
        if period is None:  # 发展基础 holding 第一节 “十四五”发展成就: it covers its parts
            own = _covering(own, [c.period for c in children])
        return Section(
            label=label,
            title=title,
            kind=kind,
            period=own,
            items=items,
            sections=children,
            source=self.source(node.start, _trim_end(self.s, node.start, node.end)),
        )

    def _items(
        self, start: int, end: int, review: bool, period: Period | None, place: bool = False
    ) -> list[Item]:
        figures = self.figures_in(start, end)
        if not figures and "\t" not in self.s[start:end]:  # a table may hold bare numbers
            return []
        read = read_statements(
            self.text,
            self.s,
            start,
            end,
            figures,
            review=review,
            period=period,
            document=self.document,
            lines=self.lines,
            first_year=self.first_year,
            memory=self.memory,
            place=place,
        )
        self.placed.extend(read.placed)
        return list(read.items)


@attrs.frozen
class _Context:
    kind: PlanKind
    period: Period | None
    year: int | None
    plan_period: Period | None = None  # the period the plan's title names
    top: bool = True  # whether the sections read in this context are the plan's own


# -- the plan's own lines -----------------------------------------------------------------------

#: A heading that names one place (（二）乙镇, 3、青石村): its targets are its own.
_PLACE_TITLE = re.compile("(?:镇|乡|村|街道|社区|县|区|旗|园区|开发区)$")
_DOC_NUMBER = re.compile(r"[〔\[][0-9]{4}[〕\]][0-9]+号")
_DATE_LINE = re.compile(r"^\s*[0-9二〇一三四五六七八九零]{4}年[0-9一二三四五六七八九十]{1,2}月")
_KIND_WORDS: tuple[tuple[str, PlanKind], ...] = (
    ("总结", PlanKind.REVIEW),
    ("回顾", PlanKind.REVIEW),
    ("报告", PlanKind.REVIEW),
    ("规划", PlanKind.FIVE_YEAR),
    ("要点", PlanKind.ANNUAL),
    ("计划", PlanKind.ANNUAL),
    ("安排", PlanKind.ANNUAL),
    ("思路", PlanKind.ANNUAL),
    ("打算", PlanKind.ANNUAL),
    ("方案", PlanKind.SPECIAL),
)
_REVIEW_TITLE = re.compile("总结|回顾|成绩|成效|进展|情况|取得|做法|成果$|成果丰硕|成就$")
_PLAN_TITLE = re.compile(
    "工作计划|年度计划|计划安排|要点|目标|主要任务|重点任务|工作任务|打算|安排|思路|"
    "工作重点|重点工作|保障措施|措施|规划|展望|设想"
)


def _title_line(s: str, root: Node) -> tuple[int, int] | None:
    """The line that is the plan's title: among the short lines before the first heading
    (a letterhead's 文件, document numbers, dates and addressees left aside), the first
    that names a kind of plan (计划, 要点, 总结 …), else the first of them."""
    limit = root.children[0].start if root.children else len(s)
    candidates: list[tuple[int, int]] = []
    start = 0
    while start < limit and len(candidates) < _TITLE_LINES:
        end = s.find("\n", start, limit)
        if end < 0:
            end = limit
        line = s[start:end].strip(" \t#")
        if line and not _DOC_NUMBER.search(line) and not _DATE_LINE.match(line):
            if len(line) > _TITLE_LENGTH or re.search("[。；;]", line):
                break  # the text has begun
            if not line.endswith(("文件", "：", ":")):
                at = start + s[start:end].find(line)
                candidates.append((at, at + len(line)))
        start = end + 1
    for at, end in candidates:
        if _kind_of(s[at:end]) is not None:
            return at, end
    return candidates[0] if candidates else None


_TITLE_LINES = 6
_TITLE_LENGTH = 60


def _clip(title: str) -> str:
    return title.strip('“”" ') or title


def _kind_of(title: str) -> PlanKind | None:
    folded = fold_text(title)
    found = [(folded.find(w), kind) for w, kind in _KIND_WORDS if w in folded]
    if not found:
        return None
    return min(found, key=lambda t: t[0])[1]


def _section_kind(
    title: str,
    whole: str,
    parent: PlanKind,
    period: Period | None,
    top: bool,
    children: Sequence[str] = (),
) -> PlanKind:
    """A section's kind: from its heading's words, else (for a top-level section) from
    its children's headings and its verbs, else its parent's."""
    review, plan = _title_says(title)
    if review == plan and top:
        results = len(RESULT_WORDS.findall(whole))
        targets = len(TARGET_WORDS.findall(whole)) + len(PLAN_VERBS.findall(whole))
        for child in children:
            says = _title_says(child)
            results += 3 * says[0]
            targets += 3 * says[1]
        # the document's kind holds unless the words say otherwise, clearly
        if results >= 2 * targets and results - targets >= 3:
            review, plan = True, False
        elif targets >= 2 * results and targets - results >= 3:
            review, plan = False, True
    if review and not plan:
        return PlanKind.REVIEW
    if plan and not review:
        if isinstance(period, FiveYearPlan):
            return PlanKind.FIVE_YEAR
        return parent if parent is not PlanKind.REVIEW else PlanKind.ANNUAL
    return parent


def _title_says(title: str) -> tuple[bool, bool]:
    """Whether a heading speaks of results, of plans: where it names both, the word it
    ends nearer to is its head (重点工作推进情况 reports; 成果转化工作安排 plans)."""
    reviews = [m.end() for m in _REVIEW_TITLE.finditer(title)]
    plans = [m.end() for m in _PLAN_TITLE.finditer(title)]
    if reviews and plans:
        return reviews[-1] > plans[-1], plans[-1] > reviews[-1]
    return bool(reviews), bool(plans)


def _covering(period: Period | None, parts: Sequence[Period | None]) -> Period | None:
    """The plan's period: the one its title names, widened to a span of years where its
    sections reach beyond it (a plan for 2025 that reviews 2024 covers 2024-2025)."""
    years = [period_years(p) for p in (period, *parts) if p is not None]
    known = [y for y in years if y is not None]
    if period is None or not known or period_years(period) is None:
        return period
    first = min(y.start for y in known)
    last = max(y.stop for y in known) - 1
    own = period_years(period)
    if own is not None and own.start == first and own.stop - 1 == last:
        return period
    return YearSpan(Year(first), Year(last))


def _when(period: Period | None, plan: Period | None) -> str | None:
    """Whether a section's period lies before the plan's, within it, or neither."""
    if period is None or plan is None:
        return None
    a, b = period_years(period), period_years(plan)
    if a is None or b is None:
        return None
    if a.stop <= b.start:
        return "before"
    if a.start >= b.start and a.stop <= b.stop:
        return "within"
    return None


_FIVE_YEAR = re.compile(
    r"“?((?:十[一二三四五六七八九]?|[一二三四五六七八九])五)”?(?:期间|时期|规划|计划|以来|末|的)"
)
#: A five-year plan named in quotes, whatever follows: “十四五”科技创新规划.
_QUOTED_FIVE_YEAR = re.compile(r"“((?:十[一二三四五六七八九]?|[一二三四五六七八九])五)”")
_SPAN = re.compile(r"((?:19|20)[0-9]{2})\s*(?:年)?\s*[-—–~至到]+\s*((?:19|20)[0-9]{2})年")
_YEAR = re.compile(r"((?:19|20)[0-9]{2}|20[xX×]{2}|[xX×]{4})年")
_CN_YEAR = re.compile(r"([一二][〇零○九][一二三四五六七八九〇零○]{2})年")
_NEXT_YEARS = re.compile(r"(?:今后|未来)([一二三四五])年")
#: A year of the Republic of China calendar (113年度 is 2024), as Taiwan's plans count.
_ROC_YEAR = re.compile(r"(?<![0-9])(1[0-9]{2})年度?")
_ROC_OFFSET = 1911


def _period_in(text: str, year: int | None) -> Period | None:
    """The period a heading or a first sentence names, if any."""
    s = fold_text(text)
    for pattern in (_FIVE_YEAR, _QUOTED_FIVE_YEAR, _SPAN, _YEAR, _CN_YEAR):
        m = pattern.search(s)
        if m is None:
            continue
        try:
            if pattern is _FIVE_YEAR or pattern is _QUOTED_FIVE_YEAR:
                return FiveYearPlan.parse(m.group(1))
            return parse_period(m.group(0))
        except SciplanError:
            continue
    m = _ROC_YEAR.search(s)
    if m is not None:
        return Year(int(m.group(1)) + _ROC_OFFSET)
    m = _NEXT_YEARS.search(s)
    if m is not None and year is not None:
        span = "一二三四五".index(m.group(1)) + 1
        return YearSpan(Year(year + 1), Year(year + span))
    return None


def _first_sentence(s: str, start: int, end: int) -> str:
    """The words that open a section's text: where a period is often said."""
    j = start
    while j < end and (s[j] in CLAUSE_ENDS or s[j] in " \t"):
        j += 1
    k = j
    while k < end and k - j < 24 and s[k] not in CLAUSE_ENDS:
        k += 1
    return s[j:k]


def _trim_end(s: str, start: int, end: int) -> int:
    while end > start and s[end - 1] in " \n\t\r":
        end -= 1
    return end


_ISSUER = re.compile(
    r"([\u4e00-\u9fffX]{1,20}?(?:自治区|省|市|自治州|州|盟|县|区|旗))"
    r"(?:人民政府)?(科学技术局|科学技术委员会|科学技术厅|科技局|科技厅|科委|"
    r"科学技术和工业信息化局|科技和工业信息化局|工业和信息化局|科学技术协会|科协)"
)
_REGION_LEVELS = (
    ("自治区", Level.PROVINCIAL),
    ("省", Level.PROVINCIAL),
    ("自治州", Level.MUNICIPAL),
    ("市", Level.MUNICIPAL),
    ("州", Level.MUNICIPAL),
    ("盟", Level.MUNICIPAL),
    ("县", Level.COUNTY),
    ("区", Level.COUNTY),
    ("旗", Level.COUNTY),
)


def _issuer(s: str, text: str, root: Node) -> tuple[Region | None, str | None]:
    """The region and issuing body named in the title, the first lines or the last
    lines (where a plan is signed)."""
    first = root.children[0].start if root.children else min(len(s), 200)
    head = s[: max(first, 0)][:400]
    tail = s[-200:]
    for area in (head, tail):
        m = _ISSUER.search(area)
        if m is None:
            continue
        offset = s.find(area)
        name = text[offset + m.start(1) : offset + m.end(1)]
        issuer = text[offset + m.start() : offset + m.end()]
        return _region(name), issuer
    m = re.search(
        r"([\u4e00-\u9fffX]{1,10}?(?:省|市|县|区|旗))(?:[0-9]{4}年|20[xX]{2}年|科技|科学技术)", head
    )
    if m is not None:
        return _region(text[m.start(1) : m.end(1)]), None
    return None, None


def _region(name: str) -> Region | None:
    for suffix, level in _REGION_LEVELS:
        if name.endswith(suffix):
            try:
                return Region(name=name, level=level)
            except SciplanError:
                return None
    return None


def _plan_id(document: str) -> str:
    stem = Path(document).stem.strip() or document.strip()
    return re.sub(r"\s+", "-", stem) or "plan"
