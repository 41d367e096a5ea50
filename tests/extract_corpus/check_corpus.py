"""Check the annotated plan corpora for the text reader (issue 9).

Usage (from the repository root, with the package installed):

    python tests/extract_corpus/check_corpus.py                 # the development set
    python tests/extract_corpus/check_corpus.py tools/extract_heldout
    python tests/extract_corpus/check_corpus.py --coverage tests/extract_corpus tools/extract_heldout

For every NAME.txt / NAME.json pair in each directory it checks that

- the ⟦ ⟧ marks are balanced and never nested, and the text without them is 800–3,000
  characters long;
- "figures" in the JSON equals the annotated texts, in order;
- every index in "items" (figure, floor_of, restates) and "breakdowns" (total, parts) exists,
  and no figure is both an item and a part of a breakdown;
- every section's label and title are written in the text, in document order, and the title
  ends where a heading ends (end of line, or the first ，,。；;：: for a paragraph heading);
- every annotated figure is read by ``sciplan_model.Figure.parse``.  Some forms are still
  being added to the grammar (issue 9, "Grammar of figures"); a figure that fails and
  matches one of the PENDING forms below is listed as pending, any other failure is an
  error;
- in complete breakdowns the parts add up to the total (exactly, with
  ``sciplan_model.total``), where all of them parse to exact known values; breakdowns
  marked "deliberately_wrong" must NOT add up.

Forms that ``Figure.parse`` did not read when this corpus was finished (the grammar was
being extended at the same time; many forms — 萬/億, 項 個 場 塊 張 噸, 餘 約 超過, 倍, 每万人,
个百分点, 美元/欧元/港元, **, 1——2, 人(次), durations in 年/个月/天 — already parse).  They
are kept in the data, never dropped, and reported as "pending" by this script:

- qualifier + verb + number: 至少参训3期以上, 至少接受2次 (d05, d08);
- a line break inside a figure before 百分点 or inside 至少: 1个↵百分点以上, 至↵少服务4次以上 (d12, ↵ = a line break);
- a bare 百 without a digit: 突破百项 (d10);
- units not yet known: 55周岁以下 (d05), 30个工作日以内 (h5), 逾200萬筆 (h1), 不超過3秒 (h1);
- a full-width comma as thousands separator: 4，203万元 (h2).

Exit status 0 when every document is consistent (pending parses are reported, not errors).
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from sciplan_model import Figure, total

OPEN, CLOSE = "⟦", "⟧"
HERE = Path(__file__).resolve().parent

#: Forms still being added to the grammar: a figure that fails to parse and matches one of
#: these is "pending", not an error.
PENDING = {
    "traditional": re.compile(r"[萬億項個場塊張噸餘約過於為]"),
    "每-rate": re.compile(r"^每"),
    "rate with /": re.compile(r"/"),
    "万 alone": re.compile(r"万(以上|以下|以内|左右|余|多)?$"),
    "duration": re.compile(r"(年|个月|個月|月|天|日|小时|小時|周)(内|以内|以上|左右)?$"),
    "个百分点": re.compile(r"百分点"),
    "倍": re.compile(r"倍"),
    "foreign money": re.compile(r"(美元|欧元|歐元|港元|英镑|日元)"),
    "star placeholder": re.compile(r"\*"),
    "doubled dash": re.compile(r"——|－－|--"),
    "bracketed alternative": re.compile(r"[(（][^)）]*[)）]"),
    "whitespace inside": re.compile(r"\s"),
    "万+area": re.compile(r"万平方米|万平方公里"),
    "measure word": re.compile(
        r"(公里|千米|公斤|箱|只|辆|棵|栋|间|部|款|类|米|千瓦|兆瓦|立方米|盏|本|集|台次|户次|项次|周岁|岁|轮)"
    ),
    "verb inside": re.compile(r"^(至少|不少于|不低于)[\u4e00-\u9fff]{1,2}\d"),
    "full-width separator": re.compile(r"[，．]"),
    "placeholder with scale": re.compile(r"^[Xx×*]+万"),
    "年度/元 compound": re.compile(r"万\d+千"),
    "bare 百/千 numeral": re.compile(r"(^|[^\d一二两三四五六七八九])[百千]"),
}

#: Forms of the checklist (issue 9 and the corpus brief), detected in the annotated texts.
FIGURE_FORMS = {
    "full-width digits": r"[０-９]",
    "。 as decimal point": r"\d。\d",
    "thousands separator": r"\d,\d{3}",
    "space/line break inside": r"\s",
    "placeholder 20xx": r"20xx",
    "placeholder X/x/xx": r"(?<![A-Za-z])[Xx]{1,4}(?![A-Za-z])",
    "placeholder ×": r"×",
    "placeholder */**/***": r"\*",
    "percent": r"[%％]",
    "个百分点": r"个\s*百分点",
    "倍": r"倍(?!多)",
    "倍多": r"倍多",
    "rate 每…": r"^每",
    "rate …/…": r"/",
    "duration": r"(年|个月|個月|天|小时)(内|以内)?$",
    "foreign 美元": r"美元",
    "foreign 欧元": r"[欧歐]元",
    "foreign 港元": r"港元",
    "traditional 萬元": r"萬元",
    "traditional 億元": r"億元",
    "traditional 項": r"項",
    "traditional 個": r"個",
    "traditional 場": r"場",
    "traditional 塊": r"塊",
    "traditional 張": r"張",
    "traditional 噸": r"噸",
    "traditional 餘": r"餘",
    "traditional 約": r"約",
    "traditional 超過": r"超過",
    "alternative 人(次)": r"人[(（]次[)）]",
    "alternative 场(次)": r"[场場][(（]次[)）]",
    "alternative 份(册)": r"份[(（]册[)）]",
    "alternative 家(次)": r"家[(（]次[)）]",
    "Chinese numerals": r"^[一二两三四五六七八九十百千]",
    "compound amount": r"[亿億]\d|[万萬]\d+千",
    "千元": r"千元",
    "range -": r"\d-\d",
    "range —": r"\d—\d",
    "range ——": r"——",
    "range 至": r"至",
    "range ～": r"[～~]",
    "一套 at end of clause": r"^一\s*套$",
    "万 alone after money": r"万(以上|以下|左右)?$",
    "qualifier said twice": r"^至少[\u4e00-\u9fff]{1,2}\d.*以上$",
}
for _q in [
    "近",
    "将近",
    "接近",
    "约",
    "大约",
    "超过",
    "突破",
    "不少于",
    "至少",
    "不低于",
    "多于",
    "逾",
    "不超过",
    "不高于",
    "最多",
    "不满",
    "不足",
    "低于",
    "少于",
]:
    FIGURE_FORMS[f"before {_q}"] = "^" + _q
for _q in ["以上", "及以上", "以下", "以内", "左右"]:
    FIGURE_FORMS[f"after {_q}"] = _q + "$"
FIGURE_FORMS["after 余/餘"] = r"[\d万亿萬億][余餘]"
FIGURE_FORMS["after 多"] = r"[\d万亿萬億倍十百千]多"
FIGURE_FORMS["after 内 (duration)"] = r"(年|月|天)内$"
FIGURE_FORMS["before 近 (exact word)"] = r"^近\d"

#: Things that are not figures, detected in the plain text outside the annotations.
NON_FIGURES = {
    "calendar year": r"(?<!\d)(19|20)\d\d年|20xx年|二〇[一二三]\d?[〇一二三四五六七八九]年",
    "two-digit year 24年/06年": r"(?<![\d第])[0-2]\d年(?!度|内|以)",
    "year-end 2025年底": r"年底",
    "month 6月份 / 1—9月份": r"\d+月份|\d+[—-]\d+月份",
    "date 3月15日": r"\d+月\d+日",
    "ROC year 113年度": r"1[01]\d年度",
    "document number 〔〕": r"〔(20\d\d|20xx)〕\d+号",
    "document number []": r"\[(19|20)\d\d\]\d+号",
    "article 第N条": r"第[\d一二三四五六七八九十]+[条條]",
    "clause 第N款": r"第[一二三四五六七八九十]+款",
    "table number": r"附表[\d-]+|表\d",
    "page marker - N -": r"(?m)^\s*-\s*\d+\s*-\s*$",
    "page marker 第N页": r"第\d+页",
    "edition 第N届": r"第[\d×一二三四五六七八九十]+届",
    "meeting 第N次": r"第\d+次",
    "batch 第一批": r"第[一二三四五]批",
    "award 三等奖": r"[一二三]等奖",
    "二期工程": r"[一二三]期工程",
    "rank 第二位/前40位": r"第[一二三四五六七八九十\d]+位|前\d+位|前列",
    "slogan “315”": r"“315”|\"315\"",
    "slogan 十大工程/三个一批/五位一体/三次产业": r"十大工程|三个一批|五位一体|三次产业",
    "five-year name": r"十[一二三四五]五|“[一二三四五六七八]五”",
    "quantity inside a name": r"“[^”]*\d[^”]*”|《[^》]*\d[^》]*》|“百千万”",
    "level before 以上": r"(省|市|县|区)级?(及)?以上",
    "indefinite 一": r"一(批|支|个平台|系列)",
    "time of day": r"\d{1,2}:\d\d",
    "phone or code": r"\d{3,4}-\d{4,}|\(\d{2,3}\)\d",
    "version 2.0版": r"\d\.\d版",
    "5G / PM2.5 / GB/T": r"5G|PM2\.5|GB/T",
    "近年来 / 近三年": r"近年来|近[三五]年",
}


def strip(annotated: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The plain text and the (start, end, text) of every annotation in it."""
    plain: list[str] = []
    spans: list[tuple[int, int, str]] = []
    start = None
    n = 0
    for ch in annotated:
        if ch == OPEN:
            if start is not None:
                raise ValueError(f"nested {OPEN} at plain offset {n}")
            start = n
        elif ch == CLOSE:
            if start is None:
                raise ValueError(f"unbalanced {CLOSE} at plain offset {n}")
            spans.append((start, n, "".join(plain[start:n])))
            start = None
        else:
            plain.append(ch)
            n += 1
    if start is not None:
        raise ValueError(f"unclosed {OPEN} at plain offset {start}")
    return "".join(plain), spans


def pending_kind(text: str) -> str | None:
    for name, rx in PENDING.items():
        if rx.search(text):
            return name
    return None


def exact_value(text: str) -> Any:
    """The exact known value of a figure, or None."""
    try:
        f = Figure.parse(text)
    except Exception:
        return None
    if not f.is_known or f.value is None or str(f.qualifier.value) != "exact":
        return None
    return f.value


HEADING_END = set("，,。；;：:\n")


def check_doc(txt: Path, report: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    name = txt.stem
    js = txt.with_suffix(".json")
    if not js.exists():
        return [f"{name}: no {js.name}"]
    annotated = txt.read_text(encoding="utf-8")
    try:
        plain, spans = strip(annotated)
    except ValueError as e:
        return [f"{name}: {e}"]
    data = json.loads(js.read_text(encoding="utf-8"))
    figs = data.get("figures", [])
    texts = [s[2] for s in spans]
    if figs != texts:
        for i, (a, b) in enumerate(zip(figs, texts, strict=False)):
            if a != b:
                errors.append(f"{name}: figures[{i}] is {a!r} in the JSON but {b!r} in the text")
                break
        if len(figs) != len(texts):
            errors.append(f"{name}: {len(figs)} figures in the JSON, {len(texts)} annotated")
    if not 800 <= len(plain) <= 3000:
        errors.append(f"{name}: {len(plain)} characters (want 800–3,000)")
    for key in ("title", "kind", "region", "issuer", "period", "sections", "items", "breakdowns"):
        if key not in data:
            errors.append(f"{name}: no {key!r}")
    if data.get("kind") not in ("annual", "five_year", "special", "review"):
        errors.append(f"{name}: kind {data.get('kind')!r}")
    if data.get("title") and data["title"] not in plain:
        errors.append(f"{name}: title not in the text")
    n = len(texts)

    def idx(i: Any, where: str) -> bool:
        if not isinstance(i, int) or not 0 <= i < n:
            errors.append(f"{name}: {where} index {i!r} out of range")
            return False
        return True

    item_figs = set()
    for k, it in enumerate(data.get("items", [])):
        where = f"items[{k}]"
        if idx(it.get("figure"), where):
            if it["figure"] in item_figs:
                errors.append(f"{name}: figure {it['figure']} twice in items")
            item_figs.add(it["figure"])
        if it.get("role") not in ("goal", "achievement"):
            errors.append(f"{name}: {where} role {it.get('role')!r}")
        if not it.get("indicator"):
            errors.append(f"{name}: {where} without indicator")
        for ref in ("floor_of", "restates"):
            if ref in it:
                idx(it[ref], f"{where}.{ref}")
        if it.get("role") == "goal" and "aspirational" not in it:
            errors.append(f"{name}: {where} goal without aspirational")
    part_figs = set()
    sums = []
    for k, b in enumerate(data.get("breakdowns", [])):
        where = f"breakdowns[{k}]"
        ok = idx(b.get("total"), where + ".total")
        part_figs.add(b.get("total"))
        for j, p in enumerate(b.get("parts", [])):
            ok = idx(p[0], f"{where}.parts[{j}]") and ok
            part_figs.add(p[0])
            if not isinstance(p[1], str) or not p[1]:
                errors.append(f"{name}: {where}.parts[{j}] without a key")
        if "complete" not in b:
            errors.append(f"{name}: {where} without complete")
        if not ok or not b.get("complete"):
            continue
        tv = exact_value(texts[b["total"]])
        pv = [exact_value(texts[p[0]]) for p in b["parts"]]
        if tv is None or any(v is None for v in pv):
            sums.append(
                f"{where}: not summed (a part or the total is qualified, unknown or unread)"
            )
            continue
        try:
            s = total(pv, unit=tv.unit)
            adds = total([s], unit=tv.unit) == total([tv], unit=tv.unit)
        except Exception as e:  # a part in another unit
            errors.append(f"{name}: {where} cannot be summed: {e}")
            continue
        if b.get("deliberately_wrong"):
            if adds:
                errors.append(f"{name}: {where} is marked deliberately_wrong but adds up")
            else:
                sums.append(f"{where}: deliberately wrong as intended ({s} ≠ {tv})")
        elif not adds:
            errors.append(f"{name}: {where} parts add up to {s}, total is {tv}")
    both = item_figs & part_figs
    if both:
        errors.append(f"{name}: figures both in items and breakdowns: {sorted(both)}")
    # sections
    pos = 0
    for k, sec in enumerate(data.get("sections", [])):
        label, title = sec.get("label", ""), sec.get("title", "")
        m = re.compile(re.escape(label) + r"[，,、 ]?" + re.escape(title)).search(plain, pos)
        if not m:
            errors.append(f"{name}: sections[{k}] {label}{title} not found after offset {pos}")
            continue
        end = m.end()
        if end < len(plain) and plain[end] not in HEADING_END:
            errors.append(
                f"{name}: sections[{k}] title {title!r} does not end at a clause boundary"
            )
        before = plain[m.start() - 1] if m.start() else "\n"
        if label[:1] not in "一二三四五六七八九十第" and before not in "\n\t 　。；;，,：:":
            errors.append(f"{name}: sections[{k}] label {label!r} not at the start of a line")
        if not isinstance(sec.get("depth"), int) or sec["depth"] < 1:
            errors.append(f"{name}: sections[{k}] depth {sec.get('depth')!r}")
        pos = m.start() + len(label)
    # parsing
    pending, unexpected = [], []
    for i, t in enumerate(texts):
        try:
            Figure.parse(t)
        except Exception as e:
            kind = pending_kind(t)
            if kind:
                pending.append((i, t, kind))
            else:
                unexpected.append((i, t, str(e)))
    for i, t, why in unexpected:
        errors.append(f"{name}: figure {i} {t!r} does not parse and is not a pending form: {why}")
    report[name] = {
        "chars": len(plain),
        "figures": n,
        "sections": len(data.get("sections", [])),
        "items": len(data.get("items", [])),
        "breakdowns": len(data.get("breakdowns", [])),
        "pending": pending,
        "sums": sums,
        "texts": texts,
        "plain_outside": _outside(plain, spans),
    }
    return errors


def _outside(plain: str, spans: list[tuple[int, int, str]]) -> str:
    out, last = [], 0
    for s, e, _ in spans:
        out.append(plain[last:s])
        out.append("⟦⟧")
        last = e
    out.append(plain[last:])
    return "".join(out)


def coverage(report: dict[str, Any]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    forms: dict[str, list[str]] = defaultdict(list)
    traps: dict[str, list[str]] = defaultdict(list)
    for name, r in report.items():
        for form, rx in FIGURE_FORMS.items():
            texts = r["texts"] if "space" in form else [re.sub(r"\s", "", t) for t in r["texts"]]
            if any(re.search(rx, t) for t in texts):
                forms[form].append(name)
        for trap, rx in NON_FIGURES.items():
            if re.search(rx, r["plain_outside"]):
                traps[trap].append(name)
    return forms, traps


def main(argv: list[str]) -> int:
    show_coverage = "--coverage" in argv
    dirs = [Path(a) for a in argv if not a.startswith("--")] or [HERE]
    status = 0
    for d in dirs:
        report: dict[str, Any] = {}
        errors: list[str] = []
        for txt in sorted(d.glob("*.txt")):
            errors += check_doc(txt, report)
        print(f"== {d}")
        print(
            f"{'document':40} {'chars':>6} {'figs':>5} {'sects':>5} {'items':>5} {'bkdn':>5} {'pend':>5}"
        )
        tot: dict[str, int] = defaultdict(int)
        for name, r in report.items():
            print(
                f"{name:40} {r['chars']:>6} {r['figures']:>5} {r['sections']:>5} {r['items']:>5} "
                f"{r['breakdowns']:>5} {len(r['pending']):>5}"
            )
            for k in ("chars", "figures", "sections", "items", "breakdowns"):
                tot[k] += r[k]
            tot["pending"] += len(r["pending"])
        print(
            f"{'total (' + str(len(report)) + ' documents)':40} {tot['chars']:>6} {tot['figures']:>5} "
            f"{tot['sections']:>5} {tot['items']:>5} {tot['breakdowns']:>5} {tot['pending']:>5}"
        )
        by_kind: dict[str, list[str]] = defaultdict(list)
        for name, r in report.items():
            for i, t, kind in r["pending"]:
                by_kind[kind].append(f"{name}[{i}] {t!r}")
        if by_kind:
            print("-- figures Figure.parse does not read yet (pending grammar):")
            for kind, xs in sorted(by_kind.items()):
                print(
                    f"   {kind} ({len(xs)}): " + ", ".join(xs[:6]) + (" …" if len(xs) > 6 else "")
                )
        for name, r in report.items():
            for s in r["sums"]:
                print(f"   {name}: {s}")
        if show_coverage:
            forms, traps = coverage(report)
            print("-- figure forms (documents):")
            for form in FIGURE_FORMS:
                docs = forms.get(form, [])
                flag = "" if len(docs) >= 2 else "   <-- fewer than 2 documents"
                print(f"   {form:32} {len(docs):>2} {flag}")
            print("-- not-figures present (documents):")
            for trap in NON_FIGURES:
                docs = traps.get(trap, [])
                flag = "" if len(docs) >= 2 else "   <-- fewer than 2 documents"
                print(f"   {trap:44} {len(docs):>2} {flag}")
        status = max(status, print_errors(errors))
    return status


def print_errors(errors: list[str]) -> int:
    """Print ``errors`` (or that there are none); 1 where there are any, else 0."""
    if errors:
        print("-- ERRORS:")
        for e in errors:
            print("   " + e)
        return 1
    print("-- consistent")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
