"""The text of a Word document's body, as a person sees it: paragraphs and tables in
order, tracked changes accepted, and Word's automatic numbering (一、 （一） 1.) written
before each numbered paragraph.  Private to :mod:`sciplan_model._textfile`, which reads
the archive and parses its parts; this module walks the parsed XML (lxml elements)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

import attrs

__all__ = ["Numbering", "Styles", "Walker", "body_text", "format_number", "w"]


def body_text(document: Any, styles: Any, numbering: Any) -> str:
    """The text of the parsed ``word/document.xml`` (with ``styles.xml`` and
    ``numbering.xml``, either None when the archive has none)."""
    known_styles = Styles(styles)
    body = document.find(w("body"))
    if body is None:
        return ""
    return Walker(Numbering(numbering, known_styles), known_styles).body(body)


# ---- WordprocessingML ----------------------------------------------------------------

_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{_NS}}}{tag}"


_P, _R, _T, _TBL, _TR, _TC = (w(t) for t in ("p", "r", "t", "tbl", "tr", "tc"))
_SDT, _SDT_CONTENT, _CUSTOM_XML = w("sdt"), w("sdtContent"), w("customXml")
_INLINE_CONTAINERS = frozenset(
    w(t) for t in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple", "dir", "bdo")
)
_VAL = w("val")
_OFF = frozenset({"0", "false", "off"})


def _val(element: Any, path: str) -> str | None:
    found = None if element is None else element.find(path)
    return None if found is None else found.get(_VAL)


def _on(element: Any) -> bool:
    return element is not None and element.get(_VAL) not in _OFF


def _int(text: str | None) -> int | None:
    if text is None or not re.fullmatch(r"-?[0-9]{1,9}", text.strip()):
        return None
    return int(text)


@attrs.frozen
class _Level:
    """One level of a list: how Word counts and labels its paragraphs."""

    start: int = 0  # ECMA-376: an omitted w:start means 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None
    suffix: str = "tab"
    legal: bool = False
    style: str | None = None


def _level(element: Any) -> _Level:
    return _Level(
        start=max(_int(_val(element, w("start"))) or 0, 0),
        fmt=_val(element, w("numFmt")) or "decimal",
        text=_val(element, w("lvlText")) or "",
        restart=_int(_val(element, w("lvlRestart"))),
        suffix=_val(element, w("suff")) or "tab",
        legal=_on(element.find(w("isLgl"))),
        style=_val(element, w("pStyle")),
    )


def _levels(element: Any) -> dict[int, _Level]:
    levels = {}
    for lvl in element.iterfind(w("lvl")):
        ilvl = _int(lvl.get(w("ilvl")))
        if ilvl is not None and 0 <= ilvl <= 8:
            levels[ilvl] = _level(lvl)
    return levels


class Styles:
    """Paragraph styles as far as numbering needs them: numPr, basedOn, the default."""

    def __init__(self, root: Any) -> None:
        self.numbered: dict[str, tuple[str | None, int | None]] = {}
        self.based_on: dict[str, str] = {}
        self.default: str | None = None
        for style in () if root is None else root.iterfind(w("style")):
            sid = style.get(w("styleId"))
            if sid is None:
                continue
            if style.get(w("type")) == "paragraph" and style.get(w("default")) in {"1", "true"}:
                self.default = sid
            parent = _val(style, w("basedOn"))
            if parent:
                self.based_on[sid] = parent
            numpr = style.find(f"{w('pPr')}/{w('numPr')}")
            if numpr is not None:
                self.numbered[sid] = (_val(numpr, w("numId")), _int(_val(numpr, w("ilvl"))))

    def numbering(self, style: str) -> tuple[str | None, int | None]:
        """The (numId, ilvl) a style gives its paragraphs, following basedOn."""
        for _ in range(32):  # a cycle of basedOn must not hang us
            if style in self.numbered:
                return self.numbered[style]
            if style not in self.based_on:
                break
            style = self.based_on[style]
        return None, None


class Numbering:
    """Word's lists: the labels of numbered paragraphs, counted in document order.

    Counters belong to an abstract list, shared by every ``w:num`` that points to it, so
    numbering continues across them as in Word; a ``w:num`` with a ``w:lvlOverride`` is
    a list of its own, started at its ``w:startOverride``.
    """

    def __init__(self, root: Any, styles: Styles) -> None:
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.style_links: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, tuple[_Level | None, int | None]]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.styles = styles
        if root is None:
            return
        for abstract in root.iterfind(w("abstractNum")):
            aid = abstract.get(w("abstractNumId")) or ""
            self.abstracts[aid] = _levels(abstract)
            link = _val(abstract, w("numStyleLink"))
            if link:
                self.style_links[aid] = link
        for num in root.iterfind(w("num")):
            nid, aid = num.get(w("numId")), _val(num, w("abstractNumId"))
            if nid is not None and aid is not None:
                self.nums[nid] = (aid, self._overrides(num))

    @staticmethod
    def _overrides(num: Any) -> dict[int, tuple[_Level | None, int | None]]:
        """Levels that the num's w:lvlOverride elements replace or restart."""
        found: dict[int, tuple[_Level | None, int | None]] = {}
        for override in num.iterfind(w("lvlOverride")):
            ilvl = _int(override.get(w("ilvl")))
            if ilvl is not None and 0 <= ilvl <= 8:
                lvl = override.find(w("lvl"))
                start = _int(_val(override, w("startOverride")))
                found[ilvl] = (None if lvl is None else _level(lvl), start)
        return found

    def _abstract(self, aid: str) -> tuple[str, dict[int, _Level]]:
        link = self.style_links.get(aid)
        if link is not None:  # a list defined by a numbering style: follow the style's num
            nid, _ = self.styles.numbering(link)
            if nid in self.nums and self.nums[nid][0] != aid:
                aid = self.nums[nid][0]
        return aid, self.abstracts.get(aid, {})

    def levels(self, nid: str) -> tuple[str, dict[int, _Level]]:
        """The counter key and the effective levels of list ``nid``."""
        aid, overrides = self.nums[nid]
        aid, levels = self._abstract(aid)
        merged = dict(levels)
        for ilvl, (level, start) in overrides.items():
            level = level or levels.get(ilvl, _Level())
            merged[ilvl] = level if start is None else attrs.evolve(level, start=max(start, 0))
        restarted = any(start is not None for _, start in overrides.values())
        return (f"num {nid}" if restarted else f"abstract {aid}"), merged

    def ilvl_of_style(self, nid: str, style: str) -> int:
        return next((i for i, lv in self.levels(nid)[1].items() if lv.style == style), 0)

    def label(self, nid: str, ilvl: int) -> str:
        """Advance list ``nid`` at level ``ilvl`` and return the label Word shows."""
        if nid not in self.nums:
            return ""
        key, levels = self.levels(nid)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(key, [None] * 9)
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            below = levels.get(deeper)
            restart = deeper if below is None or below.restart is None else below.restart
            if ilvl < min(restart, deeper):
                counters[deeper] = None
        return _label(level, levels, counters)


def _label(level: _Level, levels: dict[int, _Level], counters: list[int | None]) -> str:
    if level.fmt == "bullet":
        return ""

    def number(match: re.Match[str]) -> str:
        k = int(match[1]) - 1
        ref = levels.get(k, _Level())
        value = counters[k]
        value = ref.start if value is None else value
        return format_number(value, "decimal" if level.legal else ref.fmt)

    label = re.sub("%([1-9])", number, level.text)
    if not label or level.suffix == "nothing":
        return label
    if level.suffix == "space":
        return label + " "
    return label if unicodedata.east_asian_width(label[-1]) in "WFA" else label + " "


# ---- number formats ------------------------------------------------------------------

_DIGITS = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_ROMAN = (
    *((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")),
    *((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")),
)


def _chinese_counting(n: int) -> str:
    """Word's chineseCounting: 十一, 二十一 below a hundred, digit by digit above (一○一)."""
    if n >= 100 or n == 0:
        return "".join("○" if d == "0" else _DIGITS[int(d)] for d in str(n))
    tens, ones = divmod(n, 10)
    head = ("" if tens == 1 else _DIGITS[tens]) + "十" if tens else ""
    return head + (_DIGITS[ones] if ones else "")


def _grouped(n: int, digits: str, units: str, zero: str, bare_ten: bool) -> str:
    """1..9999 with 千百十 units and one zero for a gap (一百〇五, 壹佰零伍)."""
    out: list[str] = []
    gap = False
    for value, unit in zip((1000, 100, 10, 1), (*units, ""), strict=True):
        digit, n = divmod(n, value)
        if not digit:
            gap = gap or bool(out)
            continue
        if gap:
            out.append(zero)
            gap = False
        if not (bare_ten and value == 10 and digit == 1 and not out):
            out.append(digits[digit])
        out.append(unit)
    return "".join(out)


def _letters(n: int, first: str) -> str:
    return chr(ord(first) + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out: list[str] = []
    for value, glyph in _ROMAN:
        count, n = divmod(n, value)
        out.append(glyph * count)
    return "".join(out)


def _enclosed(first: int, size: int) -> Callable[[int], str | None]:
    return lambda n: chr(first + n - 1) if 1 <= n <= size else None


_FORMATS: dict[str, Callable[[int], str | None]] = {
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalEnclosedCircle": _enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),
    "ideographEnclosedCircle": _enclosed(0x3280, 10),
    "upperLetter": lambda n: _letters(n, "A") if 1 <= n <= 780 else None,
    "lowerLetter": lambda n: _letters(n, "a") if 1 <= n <= 780 else None,
    "upperRoman": lambda n: _roman(n) if 1 <= n <= 3999 else None,
    "lowerRoman": lambda n: _roman(n).lower() if 1 <= n <= 3999 else None,
    "chineseCounting": _chinese_counting,
    "chineseCountingThousand": lambda n: (
        _grouped(n, _DIGITS, "千百十", "〇", True) if 1 <= n <= 9999 else None
    ),
    "chineseLegalSimplified": lambda n: (
        _grouped(n, _LEGAL, "仟佰拾", "零", False) if 1 <= n <= 9999 else None
    ),
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: _STEMS[n - 1] if 1 <= n <= 10 else None,
    "ideographZodiac": lambda n: _BRANCHES[n - 1] if 1 <= n <= 12 else None,
}


def format_number(n: int, fmt: str) -> str:
    """A list counter as Word writes it in the number format ``fmt``.

    Rendered: decimal (and decimalHalfWidth), decimalZero (01), decimalFullWidth(2)
    (１), decimalEnclosedCircle(Chinese) (① to ⑳), decimalEnclosedParen (⑴),
    decimalEnclosedFullstop (⒈), ideographEnclosedCircle (㊀ to ㊉), upper/lowerLetter
    (A … Z, AA …), upper/lowerRoman, chineseCounting (一 … 十 十一 … 九十九, then digit
    by digit: 一○○), chineseCountingThousand (十一, 一百〇五, 一千〇一十),
    chineseLegalSimplified (壹 … 壹拾 壹拾壹, 壹佰零伍), ideographDigital (一〇一),
    ideographTraditional (甲 … 癸), ideographZodiac (子 … 亥); ``none`` and ``bullet``
    are nothing. Past a format's range, and for every other format, the decimal number,
    as ECMA-376 prescribes for a number beyond a format's set.

    >>> [format_number(k, "chineseCounting") for k in (1, 10, 11, 20, 21, 105)]
    ['一', '十', '十一', '二十', '二十一', '一○五']
    """
    if fmt in {"none", "bullet"}:
        return ""
    convert = _FORMATS.get(fmt)
    text = None if convert is None else convert(n)
    return str(n) if text is None else text


# ---- the walk through the body -----------------------------------------------------------


def _flat(container: Any, tags: frozenset[str]) -> Iterator[Any]:
    """Children with ``tags``, looking through content controls and custom XML."""
    for element in container:
        tag = element.tag
        if tag in tags:
            yield element
        elif tag == _SDT and not _is_toc(element):
            content = element.find(_SDT_CONTENT)
            if content is not None:
                yield from _flat(content, tags)
        elif tag == _CUSTOM_XML:
            yield from _flat(element, tags)


def _is_toc(sdt: Any) -> bool:
    gallery = _val(sdt, f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
    return gallery == "Table of Contents"


_BLOCKS, _ROWS, _CELLS = frozenset({_P, _TBL}), frozenset({_TR}), frozenset({_TC})
_DELETED_MARK = f"{w('pPr')}/{w('rPr')}/{w('del')}"


class Walker:
    """Writes the body's text; keeps the state that spans paragraphs (fields, lists)."""

    def __init__(self, numbering: Numbering, styles: Styles) -> None:
        self.numbering = numbering
        self.styles = styles
        self.fields: list[bool] = []  # one flag a nested field: True once its result shows
        self.carry = ""  # text of paragraphs whose paragraph mark was deleted

    def body(self, body: Any) -> str:
        out: list[str] = []
        for block in _flat(body, _BLOCKS):
            if block.tag == _P:
                text = self._inline(block)
                if block.find(_DELETED_MARK) is not None:  # merged into the next paragraph
                    self.carry += text
                    continue
                out.append(self._label(block) + self.carry + text + "\n")
            else:
                if self.carry:
                    out.append(self.carry + "\n")
                out.extend(row + "\n" for row in self._table(block))
                out.append("\n")
            self.carry = ""
        if self.carry:
            out.append(self.carry + "\n")
        return "".join(out)

    def _label(self, paragraph: Any) -> str:
        ppr = paragraph.find(w("pPr"))
        numpr = None if ppr is None else ppr.find(w("numPr"))
        nid, ilvl = _val(numpr, w("numId")), _int(_val(numpr, w("ilvl")))
        style = _val(ppr, w("pStyle")) or self.styles.default
        if nid is None and style is not None:
            nid, style_ilvl = self.styles.numbering(style)
            if ilvl is None and nid in self.numbering.nums:
                ilvl = style_ilvl
                if ilvl is None:
                    ilvl = self.numbering.ilvl_of_style(nid, style)
        if not nid or nid == "0":
            return ""
        return self.numbering.label(nid, min(max(ilvl or 0, 0), 8))

    def _table(self, table: Any) -> list[str]:
        rows: list[str] = []
        for row in _flat(table, _ROWS):
            if row.find(f"{w('trPr')}/{w('del')}") is not None:
                continue
            rows.append("\t".join(self._cell(cell) for cell in _flat(row, _CELLS)))
        return rows

    def _cell(self, cell: Any) -> str:
        merge = cell.find(f"{w('tcPr')}/{w('vMerge')}")
        if merge is not None and merge.get(_VAL, "continue") != "restart":
            return ""  # continues the cell above: its text was written there
        pieces: list[str] = []
        for block in _flat(cell, _BLOCKS):
            if block.tag == _P:
                deleted = block.find(_DELETED_MARK) is not None
                pieces.append(("" if deleted else self._label(block)) + self._inline(block))
            else:
                pieces.extend(self._table(block))
        text = " ".join(piece for piece in pieces if piece.strip())
        return re.sub("[\t\r\n]", " ", text)

    def _inline(self, element: Any) -> str:
        parts: list[str] = []
        self._collect(element, parts)
        return "".join(parts)

    def _collect(self, element: Any, parts: list[str]) -> None:
        for child in element:
            tag = child.tag
            if tag == _R:
                self._run(child, parts)
            elif tag in _INLINE_CONTAINERS:
                self._collect(child, parts)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self._collect(content, parts)
            # w:del, w:moveFrom, w:pPr, drawings, math … are left out

    def _run(self, run: Any, parts: list[str]) -> None:
        hidden = _on(run.find(f"{w('rPr')}/{w('vanish')}"))
        for child in run:
            tag = child.tag
            if tag == w("fldChar"):
                self._field(child.get(w("fldCharType")))
            elif hidden or not all(self.fields):
                continue
            elif tag == _T:
                parts.append(child.text or "")
            elif tag in _RUN_TEXT:
                parts.append(_RUN_TEXT[tag])
            elif tag == w("br") and child.get(w("type")) not in {"page", "column"}:
                parts.append("\n")
            elif tag == w("sym"):
                parts.append(_symbol(child.get(w("char"))))

    def _field(self, kind: str | None) -> None:
        """Complex fields: the code (begin … separate) is hidden, the result shown."""
        if kind == "begin":
            self.fields.append(False)
        elif kind == "separate" and self.fields:
            self.fields[-1] = True
        elif kind == "end" and self.fields:
            self.fields.pop()


_RUN_TEXT = {w("tab"): "\t", w("ptab"): "\t", w("cr"): "\n", w("noBreakHyphen"): "-"}


def _symbol(code: str | None) -> str:
    """A w:sym character, unless it is a symbol font's private-use glyph."""
    point = int(code, 16) if code and re.fullmatch("[0-9A-Fa-f]{1,5}", code) else 0
    usable = 0x20 <= point < 0xD800 or 0xF900 <= point <= 0x10FFFF
    return chr(point) if usable else ""
