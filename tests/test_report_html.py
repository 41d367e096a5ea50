"""Tests of the HTML report as a browser shows it: the page of the bundled 篇3 and of two
plans with funded projects and goals, opened in headless Chromium (Debian's chromium, with
fonts-noto-cjk; CI installs both).  The rendered DOM must hold each chart's SVG and the
Chinese labels, and the screenshot must not be blank.  Also the SVG bar chart's arithmetic."""

from __future__ import annotations

import re
import struct
import zlib
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from _browser import browse, png_pixels
from report_plans import county_plans
from sciplan_model import Figure, Money, examples, summarize
from sciplan_model._page import _scale, bar_chart

CHARTS = ("chart-level", "chart-source", "chart-attainment")
WIDTH, HEIGHT = 1200, 1600
BAR = (0x3E, 0x7C, 0xB1)  # an exact value's bar, #3e7cb1
RANGE_BAR = (0x9F, 0xC2, 0xE0)  # a range's bar, #9fc2e0


# -- headless Chromium ----------------------------------------------------------------------


class Rendered:
    """What Chromium made of a page: its DOM as text and its screenshot as PNG bytes."""

    def __init__(self, page: Path, folder: Path) -> None:
        shot = folder / f"{page.stem}.png"
        with ThreadPoolExecutor(max_workers=2) as pool:
            dom = pool.submit(browse, page, folder / "profile-dom", "--dump-dom")
            picture = pool.submit(
                browse,
                page,
                folder / "profile-shot",
                f"--screenshot={shot}",
                f"--window-size={WIDTH},{HEIGHT}",
            )
            self.dom = dom.result().stdout.decode("utf-8")
            picture.result()
        self.png = shot.read_bytes()


@pytest.fixture(scope="module")
def plan_3(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The report of the bundled 篇3 (money stated by level; no funded projects, no goals)."""
    folder = tmp_path_factory.mktemp("plan-3")
    page = folder / "篇3.html"
    page.write_text(summarize(examples.load("篇3")).to_html(), encoding="utf-8")
    return Rendered(page, folder)


@pytest.fixture(scope="module")
def two_counties(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The report of two county plans with funded projects and goals: every chart has bars."""
    folder = tmp_path_factory.mktemp("counties")
    page = folder / "counties.html"
    page.write_text(summarize(county_plans()).to_html(), encoding="utf-8")
    return Rendered(page, folder)


# -- reading what was rendered ----------------------------------------------------------------


class Chart:
    """One ``<svg>`` of the page: its attributes, its bars' attributes, its texts, the
    titles its rows show on hover and the figures of its scale."""

    def __init__(self, attributes: dict[str, str]) -> None:
        self.attributes = attributes
        self.bars: list[dict[str, str]] = []
        self.texts: list[str] = []
        self.titles: list[str] = []
        self.scale: list[str] = []


class Page(HTMLParser):
    """The charts of a page by id, and all its text."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.charts: dict[str, Chart] = {}
        self.text: list[str] = []
        self._chart: Chart | None = None
        self._in: str | None = None  # "title" or "scale" inside a chart
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "svg":
            self._chart = self.charts.setdefault(attributes.get("id", ""), Chart(attributes))
        elif tag == "rect" and self._chart is not None:
            self._chart.bars.append(attributes)
        elif tag == "title" and self._chart is not None:
            self._in = "title"
        elif tag == "g" and attributes.get("class") == "scale":
            self._in = "scale"

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._chart = None
        elif (tag == "title" and self._in == "title") or (tag == "g" and self._in == "scale"):
            self._in = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._chart is not None and data.strip():
            if self._in == "title":
                self._chart.titles.append(data)
            elif self._in == "scale":
                self._chart.scale.append(data)
            else:
                self._chart.texts.append(data)


def colours(png: bytes) -> Counter[tuple[int, ...]]:
    """How many pixels of the PNG have each RGB colour (any alpha dropped)."""
    width, height, pixels = png_pixels(png)
    assert (width, height) == (WIDTH, HEIGHT)
    return Counter(p[:3] for p in pixels)


def test_png_decoder_reads_every_filter() -> None:
    """The decoder undoes each of the five PNG filters, for RGB and RGBA."""
    for bpp, colour in ((3, 2), (4, 6)):
        rows = [
            bytes((x * 37 + y * 11 + k) % 256 for x in range(4) for k in range(bpp))
            for y in range(5)
        ]
        encoded, prior = b"", bytes(4 * bpp)
        for kind, row in enumerate(rows):
            encoded += bytes([kind]) + _filter(kind, row, prior, bpp)
            prior = row
        header = struct.pack(">IIBBBBB", 4, 5, 8, colour, 0, 0, 0)
        png = (
            b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(encoded))
        )
        png += _chunk(b"IEND", b"")
        width, height, pixels = png_pixels(png)
        assert (width, height) == (4, 5)
        assert pixels == [tuple(row[x * bpp : (x + 1) * bpp]) for row in rows for x in range(4)]


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _filter(kind: int, row: bytes, prior: bytes, bpp: int) -> bytes:
    """``row`` filtered with PNG filter ``kind`` (the encoder's side, for the decoder test)."""
    out = bytearray()
    for i, x in enumerate(row):
        left = row[i - bpp] if i >= bpp else 0
        up = prior[i]
        corner = prior[i - bpp] if i >= bpp else 0
        p = left + up - corner
        pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
        paeth = left if pa <= pb and pa <= pc else up if pb <= pc else corner
        guess = (0, left, up, (left + up) >> 1, paeth)[kind]
        out.append((x - guess) & 0xFF)
    return bytes(out)


# -- the rendered pages -------------------------------------------------------------------------


def test_plan_3_page_has_its_charts_and_chinese_labels(plan_3: Rendered) -> None:
    """The 篇3 page: one chart, the money the plan states by level as six bars in the
    plan's order on a scale to 100万元 (no project carries money and no goal has a
    result, so no empty chart is drawn), and the Chinese headings in the rendered DOM."""
    page = Page(plan_3.dom)
    assert list(page.charts) == ["chart-level"]
    level = page.charts["chart-level"]
    assert level.texts[0] == "计划所述经费按级别"
    assert level.texts[1:] == [
        "十五 国家级",
        "11万元",
        "十五 省级",
        "97万元",
        "十五 市级",
        "51.3万元",
        "20xx年 国家级",
        "6万元",
        "20xx年 省级",
        "24万元",
        "20xx年 市级",
        "8.5万元",
    ]
    # 11, 97, 51.3, 6, 24, 8.5 (万元) on a scale of 100 as 360 wide, rounded half up to 0.1
    assert [bar["width"] for bar in level.bars] == [
        "39.6",
        "349.2",
        "184.7",
        "21.6",
        "86.4",
        "30.6",
    ]
    assert level.scale == ["0", "50", "100万元"]
    assert level.titles[0] == "十五 国家级：11万元"
    text = "".join(page.text)
    for label in (
        "科技工作计划 篇3（工作总结，XX县，2001-2010年）",
        "发文单位",
        "成果（按章节）",
        "计划所述合计与分项（共…其中…）",
        "附：计划结构",
        "国家级",
    ):
        assert label in text
    assert "通过：0个错误，0个警告，5个提示" in text


def test_two_plans_page_has_bars_in_every_chart(two_counties: Rendered) -> None:
    """Two funded plans: money by level and by source, and 完成率 per goal, all as bars."""
    page = Page(two_counties.dom)
    assert list(page.charts) == list(CHARTS)
    level, source, attainment = (page.charts[c] for c in CHARTS)
    assert level.texts == [
        "项目经费（下达）按级别",
        "国家级",
        "40万元",
        "省级",
        "12.5万元",
        "市级",
        "8万元",
    ]
    # on a scale of 40万元 (steps of 10), largest first
    assert [bar["width"] for bar in level.bars] == ["360.0", "112.5", "72.0"]
    assert level.scale == ["0", "10", "20", "30", "40万元"]
    assert source.texts[0] == "项目经费（下达）按资金来源"
    assert source.texts[1::2] == ["中央财政", "省财政", "企业自筹", "市财政"]
    assert [bar["width"] for bar in source.bars] == ["360.0", "150.0", "120.0", "96.0"]
    # sorted by rate, the highest end first; each labelled with its plan; the goal
    # without a result has no row
    assert attainment.texts == [
        "目标完成率",
        "乙县科技工作计划·培训人次·2007年",
        "100.0%至200.0%",
        "甲县科技工作计划·培训人次·2006年",
        "125.0%",
        "甲县科技工作计划·科技计划项目·2006年",
        "60.0%",
        "100%",
    ]
    assert attainment.titles[0] == (
        "乙县科技工作计划·培训人次·2007年：100.0%至200.0%（取值 (100%, 200%)）"
    )
    assert attainment.scale == ["0", "50", "100", "150", "200%"]
    # on a scale to 200%: the range from 100% to 200%, then 125% and 60%; the label
    # column as wide as its longest label (36 columns: 266); a mark at 100%
    assert [(bar["x"], bar["width"], bar["fill"]) for bar in attainment.bars] == [
        ("446.0", "180.0", "#9fc2e0"),
        ("266", "225.0", "#3e7cb1"),
        ("266", "108.0", "#3e7cb1"),
    ]
    text = "".join(page.text)
    for label in ("2份计划合并", "按级别", "按资金来源", "目标与完成情况", "已完成", "未完成",
                  "各计划目标对照", "各计划概况"):  # fmt: skip
        assert label in text


def test_screenshots_are_not_blank(plan_3: Rendered, two_counties: Rendered) -> None:
    """Each screenshot has many colours (text is drawn with smoothing), no colour covers
    nearly all of it, and the bars are drawn in their colours."""
    for shot, bar_colours in ((plan_3.png, [BAR]), (two_counties.png, [BAR, RANGE_BAR])):
        counted = colours(shot)
        assert len(counted) > 100, f"only {len(counted)} colours"
        (background, most), *_ = counted.most_common(1)
        assert background == (255, 255, 255)
        assert most < 0.97 * WIDTH * HEIGHT
        for colour in bar_colours:
            assert counted[colour] > 500, f"the bar colour {colour} is hardly drawn"


# -- the SVG bar chart ------------------------------------------------------------------------


def _bars(svg: str) -> tuple[Chart, list[tuple[str, str]]]:
    page = Page(svg)
    (chart,) = page.charts.values()
    labels = re.findall(r'<text x="([^"]+)" y="[^"]+" font-size="12"[^>]*>([^<]*)</text>', svg)
    return chart, labels


def test_bar_chart_scales_to_the_largest_value() -> None:
    """Bars run from x=80 (the narrowest label column) and are in proportion on a scale
    of round steps; with a range that has no high end the scale leaves room (5万元 for
    the largest 4万元, made a round 6万元: 4万元 at 240) and that range runs to the edge;
    a value not known has no bar, and the figure as written follows each bar.  Rows
    keep their order when asked to."""
    rows: Sequence[tuple[str, Any, str]] = [
        ("甲", Money.parse("1万元"), "1万元"),
        ("乙", Money.parse("20000元"), "2万元"),
        ("丙", Money.parse("4万元"), "4万元"),
        ("丁", Figure.parse("1～3万元").range, "1～3万元"),
        ("戊", Figure.parse("2万元以上").range, "2万元以上"),
        ("己", None, "20xx万元"),
    ]
    chart, labels = _bars(bar_chart("c", "按级别", list(rows), "没有数据", order=False))
    assert chart.attributes["width"] == "590"
    assert chart.attributes["height"] == str(34 + 26 * 6 + 26)  # rows and the scale
    assert chart.attributes["aria-label"] == "按级别"
    assert [(b["x"], b["y"], b["width"], b["fill"]) for b in chart.bars] == [
        ("80", "38", "60.0", "#3e7cb1"),
        ("80", "64", "120.0", "#3e7cb1"),
        ("80", "90", "240.0", "#3e7cb1"),
        ("140.0", "116", "120.0", "#9fc2e0"),
        ("200.0", "142", "240.0", "#9fc2e0"),
    ]
    assert labels == [
        ("146.0", "1万元"),
        ("206.0", "2万元"),
        ("326.0", "4万元"),
        ("266.0", "1～3万元"),
        ("446", "2万元以上"),
        ("80", "20xx万元"),
    ]
    assert chart.scale == ["0", "2", "4", "6万元"]
    # sorted by the highest end (a range without one by its low end), the largest
    # first, ties in the given order, values not known last
    _, shown = _bars(bar_chart("c", "按级别", list(rows), "没有数据"))
    assert [text for _, text in shown] == [
        "4万元",
        "1～3万元",
        "2万元",
        "2万元以上",
        "1万元",
        "20xx万元",
    ]


def test_bar_chart_numbers_are_decimals_never_floats() -> None:
    """Widths are exact Decimals rounded half up to 0.1 (12.25 → 12.3, where a float gives
    12.249999…), a bar is at least 0.5 wide, and no number is written as a float."""
    rows = [
        ("a", Money.parse("49元"), "49元"),
        ("b", Money.parse("1440元"), "1440元"),
        ("c", Money.parse("1元"), "1元"),
        ("d", Money.parse("0.1万元"), "0.1万元"),
        ("e", Money.parse("0.2万元"), "0.2万元"),
        ("f", Money.parse("0.3万元"), "0.3万元"),
    ]
    svg = bar_chart("c", "t", rows, "", order=False)
    chart, _ = _bars(svg)
    assert [b["width"] for b in chart.bars] == ["5.9", "172.8", "0.5", "120.0", "240.0", "360.0"]
    numbers = re.findall(r'\b(?:x|y|width|height|x1|x2|y1|y2)="([^"]*)"', svg)
    assert numbers
    assert all(re.fullmatch(r"[0-9]+(\.[0-9])?", n) for n in numbers), numbers
    assert 49 / 1440 * 360 < 12.25  # what a float would round down
    assert Decimal(49) / 1440 * 360 == Decimal("12.25")
    assert _scale(Decimal(49), Decimal(1440)) == Decimal("12.3")


def test_bar_chart_without_rows_says_why_and_escapes_text() -> None:
    """No rows: one line saying why, no bar; titles and labels are escaped as HTML."""
    chart, _ = _bars(bar_chart("c-1", "A<B & C", [], "计划中没有可对照的目标"))
    assert chart.attributes["height"] == "60"
    assert chart.bars == []
    assert chart.texts == ["A<B & C", "计划中没有可对照的目标"]
    svg = bar_chart("c", "<b>", [("<i>", None, "&")], "")
    assert "<b>" not in svg
    assert "<i>" not in svg
    assert "&lt;b&gt;" in svg
    assert ">&amp;</text>" in svg
