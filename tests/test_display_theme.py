"""Tests that the notebook HTML (``_repr_html_``) can be read in a light and in a dark
notebook theme.  The fragments of a plan, validation reports, a roll-up, a combined view,
a figure, attainments and a summary are put in pages that mimic a notebook's output area:
white with black text, and #1e1e1e with #d4d4d4 text (a dark theme), each once with
JupyterLab's CSS variables defined and once without them (so that the fallbacks are
used).  Each page is opened in headless Chromium (skipped without it, as in
test_report_html.py).

A small script, in these test pages only (the library's fragments have none), reads every
text's computed colour, its opacity and the background behind it (the ancestors'
backgrounds composed over the page), and writes the WCAG contrast ratios into the page;
``--dump-dom`` gives them back.  The screenshot is read as well: inside each text's
boxes, the darkest or lightest pixel (the ink) against the commonest one (the
background)."""

from __future__ import annotations

import functools
import html
import json
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from _browser import browse, chromium, png_pixels
from report_plans import county_plans
from sciplan_model import (
    Figure,
    Finding,
    Report,
    Severity,
    attainment,
    combine,
    examples,
    rollup,
    summarize,
)

#: Text must reach this contrast against what is behind it (WCAG AA, normal text).
TEXT = Decimal("4.5")
#: A colour mark that carries meaning, not text (WCAG 1.4.11, non-text contrast).
MARK = Decimal(3)

WIDTH = 1000

#: The notebook's output area: background, text colour and (or not) JupyterLab's variables.
THEMES = {
    "light": ("#ffffff", "color: #000000"),
    "light-jupyterlab": (
        "#ffffff",
        "color: rgba(0, 0, 0, 0.87); --jp-ui-font-color1: rgba(0, 0, 0, 0.87); "
        "--jp-ui-font-color2: rgba(0, 0, 0, 0.54); --jp-layout-color2: #eeeeee; "
        "--jp-border-color2: #e0e0e0",
    ),
    "dark": ("#1e1e1e", "color: #d4d4d4"),
    "dark-jupyterlab": (
        "#1e1e1e",
        "color: #d4d4d4; --jp-ui-font-color1: #d4d4d4; --jp-layout-color2: #2b2b2b; "
        "--jp-border-color2: #4a4a4a",
    ),
}

#: The themes whose screenshots are read too (decoding a PNG in Python takes seconds): the
#: pages without JupyterLab's variables, where the fallbacks are drawn.
DRAWN = ["light", "dark"]

#: Reads the page as it is drawn and writes what it found into <pre id="result">.
MEASURE = """
(function () {
  function parse(c) {
    if (!c || c === "none" || c === "transparent") return [0, 0, 0, 0];
    const m = c.match(/^rgba?\\(([^)]*)\\)$/);
    if (!m) throw new Error("a colour not read: " + c);
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function over(top, below) {
    return [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3]));
  }
  function lum(c) {
    const [r, g, b] = c.map((v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function ratio(a, b) {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return Math.round(((x + 0.05) / (y + 0.05)) * 100) / 100;
  }
  function chain(el) {
    const out = [];
    for (let e = el; e; e = e.parentElement) out.push(e);
    return out;
  }
  function background(el) {
    let base = [255, 255, 255];
    for (const e of chain(el).reverse()) {
      base = over(parse(getComputedStyle(e).backgroundColor), base);
    }
    return base;
  }
  function opacity(el) {
    return chain(el).reduce((p, e) => p * Number(getComputedStyle(e).opacity), 1);
  }
  function where(el) {
    return el.closest("[data-name]").dataset.name;
  }
  const texts = [];
  const out = document.getElementById("out");
  const walker = document.createTreeWalker(out, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim()) continue;
    const el = node.parentElement;
    if (el.tagName.toLowerCase() === "title") continue;  // a tooltip, not drawn text
    const style = getComputedStyle(el);
    const svg = el instanceof SVGElement;
    const ink = parse(svg ? style.fill : style.color);
    ink[3] *= opacity(el) * (svg ? Number(style.fillOpacity) : 1);
    const bg = background(el);
    const fg = over(ink, bg);
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = Array.from(range.getClientRects()).map((r) => [
      Math.round(r.left + scrollX), Math.round(r.top + scrollY),
      Math.round(r.width), Math.round(r.height),
    ]);
    texts.push({
      section: where(el), text: node.data.trim().slice(0, 30), tag: el.tagName.toLowerCase(),
      svg: svg, fg: fg.map(Math.round), bg: bg.map(Math.round), ratio: ratio(fg, bg),
      rects: rects,
    });
  }
  const marks = [];
  for (const el of out.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (style.borderLeftStyle === "solid" && parseFloat(style.borderLeftWidth) >= 3) {
      const bg = background(el);
      const edge = over(parse(style.borderLeftColor), bg);
      marks.push({
        section: where(el), text: el.textContent.trim().slice(0, 30),
        colour: edge.map(Math.round), bg: bg.map(Math.round), ratio: ratio(edge, bg),
      });
    }
  }
  document.getElementById("result").textContent = JSON.stringify({
    texts: texts, marks: marks, height: document.documentElement.scrollHeight,
  });
})();
"""


def fragments() -> dict[str, str]:
    """The ``_repr_html_`` of each kind of object a notebook shows, by name."""
    plan = examples.load("篇3")
    counties = county_plans()
    findings = (
        Finding("breakdown.sum", Severity.ERROR, "$.sections[0]", "各项之和与合计不符"),
        Finding("figure.unit", Severity.WARNING, "$.sections[1]", "单位不明"),
        Finding("period.missing", Severity.INFO, "$.sections[2]", "未注明期间"),
    )
    return {
        "plan": plan._repr_html_(),
        "report": Report(findings)._repr_html_(),
        "report-ok": Report(findings[1:])._repr_html_(),
        "rollup": rollup(counties[0].projects(), by="level")._repr_html_(),
        "combined": combine(counties)._repr_html_(),
        "figure": Figure.parse("2万余人次")._repr_html_(),
        "met": attainment(Figure.parse("2万人次以上"), Figure.parse("2.1万人次"))._repr_html_(),
        "not-met": attainment(Figure.parse("36项"), Figure.parse("30项"))._repr_html_(),
        "unknown": attainment(Figure.parse("36项"), Figure.parse("30余项"))._repr_html_(),
        "summary": summarize(plan)._repr_html_(),
    }


def page(theme: str) -> str:
    """A page like a notebook's output area in ``theme``, with every fragment in it."""
    background, style = THEMES[theme]
    sections = "".join(
        f'<section data-name="{name}">{fragment}</section>'
        for name, fragment in fragments().items()
    )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<style>html, body {{ margin: 0; background: {background}; }}</style></head>"
        f'<body><div id="out" style="{style}; background: {background}; padding: 1em; '
        "font-family: 'Noto Sans CJK SC', sans-serif; font-size: 14px\">"
        f'{sections}</div><pre id="result" hidden></pre><script>{MEASURE}</script>'
        "</body></html>\n"
    )


class Rendered:
    """A theme's page as Chromium drew it: the measures its script wrote (ratios as
    Decimals) and the screenshot's pixels."""

    def __init__(self, theme: str, folder: Path) -> None:
        self.theme = theme
        path = folder / f"{theme}.html"
        path.write_text(page(theme), encoding="utf-8")
        window = f"--window-size={WIDTH},1000"  # the width of the screenshot: the same layout
        dom = browse(path, folder / f"{theme}-dom", "--dump-dom", window).stdout.decode("utf-8")
        found = re.search(r'<pre id="result" hidden="">(.*?)</pre>', dom, re.DOTALL)
        assert found, "the page's script wrote no result"
        self.measures: dict[str, Any] = json.loads(html.unescape(found[1]), parse_float=Decimal)
        self.drawn: dict[int, Decimal] = {}
        if theme in DRAWN:
            self._read_screenshot(path, folder)

    def _read_screenshot(self, path: Path, folder: Path) -> None:
        """The contrast of each text as drawn (by its index in the measures): inside its
        boxes, the pixel farthest from the commonest one, against that one."""
        shot = folder / f"{self.theme}.png"
        height = self.measures["height"]
        window = f"--window-size={WIDTH},{height}"
        browse(path, folder / f"{self.theme}-shot", f"--screenshot={shot}", window)
        width, rows, pixels = png_pixels(shot.read_bytes())
        assert (width, rows) == (WIDTH, height)
        for k, t in enumerate(self.measures["texts"]):
            counted: Counter[tuple[int, ...]] = Counter()
            for left, top, wide, high in t["rects"]:
                start, end = max(left, 0), min(left + wide, WIDTH)
                for y in range(max(top, 0), min(top + high, height)):
                    counted.update(pixels[y * WIDTH + start : y * WIDTH + end])
            if counted:
                (background, _), *_ = counted.most_common(1)
                self.drawn[k] = max(contrast(c, background) for c in counted)

    def texts(self, *, svg: bool) -> list[dict[str, Any]]:
        return [t for t in self.measures["texts"] if t["svg"] is svg]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    chromium()  # skips (or fails, where Chromium is required) before any thread starts
    folder = tmp_path_factory.mktemp("theme")
    with ThreadPoolExecutor(max_workers=len(THEMES)) as pool:
        done = {theme: pool.submit(Rendered, theme, folder) for theme in THEMES}
        return {theme: job.result() for theme, job in done.items()}


# -- contrast -------------------------------------------------------------------------------


def _linear(v: int) -> Decimal:
    c = Decimal(v) / 255
    if c <= Decimal("0.04045"):
        return c / Decimal("12.92")
    return ((c + Decimal("0.055")) / Decimal("1.055")) ** Decimal("2.4")


_LINEAR = [_linear(v) for v in range(256)]


def luminance(rgb: tuple[int, ...]) -> Decimal:
    """WCAG relative luminance of an sRGB colour."""
    r, g, b = (_LINEAR[v] for v in rgb[:3])
    return Decimal("0.2126") * r + Decimal("0.7152") * g + Decimal("0.0722") * b


@functools.cache
def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> Decimal:
    """WCAG contrast ratio of two colours, rounded to 0.01."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return ((high + Decimal("0.05")) / (low + Decimal("0.05"))).quantize(Decimal("0.01"))


def test_contrast_is_wcags() -> None:
    """Black on white is 21, a colour on itself 1, and #767676 on white just reaches 4.5."""
    assert contrast((0, 0, 0), (255, 255, 255)) == 21
    assert contrast((30, 30, 30), (30, 30, 30)) == 1
    assert contrast((0x76, 0x76, 0x76), (255, 255, 255)) == Decimal("4.54")


def _worst(found: list[dict[str, Any]], key: str = "ratio") -> str:
    """The lowest of ``found`` by ``key``, a line each, for a failure's message."""
    shown = sorted(found, key=lambda t: t[key])[:8]
    return "\n".join(
        f"{t[key]}: {t['section']} <{t.get('tag', 'mark')}> {t['text']!r} "
        f"(computed: {t.get('fg', t.get('colour'))} on {t['bg']})"
        for t in shown
    )


# -- the tests ------------------------------------------------------------------------------


def _declarations(style: str) -> list[tuple[str, str]]:
    return [
        (name.strip(), value.strip())
        for name, _, value in (d.partition(":") for d in style.split(";"))
        if name.strip()
    ]


def test_fragments_take_their_colours_from_the_theme() -> None:
    """Without a browser: the fragments have no script and no style sheet; text colour is
    inherited, a background is the header's tint, and a colour of their own appears only
    in the bar that marks a severity or a verdict.  Each but the summary (whose page is
    written elsewhere) is marked as Chinese."""
    for name, fragment in fragments().items():
        assert "<script" not in fragment, name
        assert "<style" not in fragment, name
        assert "<link" not in fragment, name
        if name != "summary":
            assert fragment.startswith(('<div lang="zh-CN"', '<span lang="zh-CN"')), name
        for style in re.findall(r'style="([^"]*)"', fragment):
            for prop, value in _declarations(style):
                if prop == "color":
                    assert value == "inherit", (name, style)
                elif prop.startswith("background"):
                    assert value.startswith("var(--jp-layout-color2, rgba("), (name, style)
                elif prop == "border-left":
                    assert re.fullmatch(r"0\.3em solid #[0-9a-f]{6}", value), (name, style)
                else:
                    assert "#" not in value, (name, style)


@pytest.mark.parametrize("theme", list(THEMES))
def test_text_is_readable(rendered: dict[str, Rendered], theme: str) -> None:
    """Every text of the fragments (the summary's SVG charts apart, tested below) has at
    least 4.5:1 against what is behind it, muted text included."""
    texts = rendered[theme].texts(svg=False)
    sections = {t["section"] for t in texts}
    assert sections == set(fragments())  # every fragment was measured
    poor = [t for t in texts if t["ratio"] < TEXT]
    assert not poor, f"{len(poor)} of {len(texts)} texts below {TEXT}:1\n{_worst(poor)}"


@pytest.mark.parametrize("theme", DRAWN)
def test_drawn_text_is_readable(rendered: dict[str, Rendered], theme: str) -> None:
    """In the screenshot, inside each text's boxes, the ink (the pixel that differs most
    from the commonest one, the background) has at least 4.5:1 against the background."""
    page = rendered[theme]
    texts = page.measures["texts"]
    drawn = [{**texts[k], "drawn": ratio} for k, ratio in page.drawn.items() if not texts[k]["svg"]]
    assert len(drawn) == len(page.texts(svg=False))  # every text was found in the picture
    poor = [t for t in drawn if t["drawn"] < TEXT]
    assert not poor, f"{len(poor)} drawn texts below {TEXT}:1\n{_worst(poor, 'drawn')}"


@pytest.mark.parametrize("theme", list(THEMES))
def test_colour_marks_are_visible(rendered: dict[str, Rendered], theme: str) -> None:
    """Severities, verdicts and a report's outcome are marked by a coloured bar beside
    their text (the text keeps the theme's colour); each bar has at least 3:1 against
    the background, as WCAG asks of marks that carry meaning."""
    marks = rendered[theme].measures["marks"]
    shown = Counter(m["section"] for m in marks)
    # the report's header and its three findings, the outcome of the other report, and
    # the verdict of each attainment
    assert shown == {"report": 4, "report-ok": 3, "met": 1, "not-met": 1, "unknown": 1}
    poor = [m for m in marks if m["ratio"] < MARK]
    assert not poor, f"marks below {MARK}:1\n{_worst(poor)}"


@pytest.mark.parametrize("theme", list(THEMES))
def test_summary_chart_text_is_readable(rendered: dict[str, Rendered], theme: str) -> None:
    """The labels of the summary's SVG bar charts have at least 4.5:1 too."""
    texts = rendered[theme].texts(svg=True)
    assert texts
    poor = [t for t in texts if t["ratio"] < TEXT]
    assert not poor, f"{len(poor)} of {len(texts)} chart texts below {TEXT}:1\n{_worst(poor)}"
