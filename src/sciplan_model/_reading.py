"""The readers under every parser: full-width forms, Arabic and Chinese numerals.

This module is private to the package.  Its readers look at each character once and
never backtrack, so no input takes more than linear time.  They raise :class:`Bad` with
the position of the first character they cannot read; each public parser turns that into
its own error type (NumeralParseError, FigureParseError, PeriodParseError).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from ._exact import EXACT

#: Longest run of digits a number may have (a magnitude allows 28 significant digits;
#: leading zeros and a few trailing ones are tolerated, thousands of digits are not).
MAX_DIGITS = 40

# Full-width ASCII forms (U+FF01..U+FF5E) map to ASCII one for one, as NFKC does; the
# ideographic space becomes a space and the wave dash a tilde.  Keeping the mapping one
# character for one keeps every position in a message true to the text as written.  The
# full-width comma is left alone: in Chinese prose it separates clauses.  The number
# reader takes it for a thousands separator only in money, where a whole group of three
# digits and then 万, 亿 or 元 follow it (4，203万元), see read_arabic.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if cp != 0xFF0C}
_FULLWIDTH[0x3000] = ord(" ")
_FULLWIDTH[0x301C] = ord("~")


def normalize_text(text: str) -> str:
    """Map full-width ASCII forms to ASCII, one character for one.

    >>> normalize_text("２１００个（份）")
    '2100个(份)'
    """
    return text.translate(_FULLWIDTH)


_DECIMAL_POINT = re.compile(r"(?<=[0-9])。(?=[0-9])", re.ASCII)


def as_written(text: str) -> str:
    """A figure's text as people read it where its plan wrote it: full-width digits
    made plain and the 。 typed for a decimal point made a point (159。3 → 159.3).

    >>> as_written("１５９。３万元")
    '159.3万元'
    """
    return _DECIMAL_POINT.sub(".", normalize_text(text))


# Traditional characters that the readers of figures and plans meet, each with its
# simplified form, one character for one (so that positions stay true).  Only characters
# that are traditional forms and no more than rare words in simplified text are listed
# (著 and 乾, words of their own in simplified text, are left alone).
_TRADITIONAL = (
    "並亂佔來倉個們側備傳僅價億優儲內兩冊別則創劃劇動務勞勢勵匯區協參叄員問喚單噸嚴國圍園圓圖團執堅報場塊壓壯夢夾奧奮學實審寫"
    "寬將專對導屆層屬峯島嶼師帶幣幫幹幾庫廠廣廳張強彙後徑從復徹態慮應戰戲戶拋採揚換揮撐撥擁擔據擬擴數斷於時書會東條棗棟業極榮"
    "構樓標樣橋機橫檔檢欄權歐歡歲歸氣決沒況減測準溫溼滿漲潤澤濕濟瀏灣災為無營爭牽狀獎獨獲獻現環產畝畫當療發監眾確碼礎礦稅種稱"
    "積穎競筆節範篩簡籌籤紀約紅級細終組結絕絡給統經綜綠網綴緊線編練縣總績織繞繼續羅羣義習聯聲職肅脫腳臨臺與興舉華萬蓋蓮薦藝藥"
    "處虛號術衛裏補裝裡襯見規視覺覽觸訂計討訓記訪設許評詞試話該詳認語誤說説課調請論諧講證識議護讀變讓讚豐負財貢貧貨貫責貳買貸"
    "費貼貿資賣質賬購趕踐蹤車較載輛輪轉辦農這連進運過達適遷選邁還鄉鄰醫釋釐針銀銷鋼錄錯鍵鍾鎊鎮鏈鐵鑑長門閉開間閱閲關陝陣陳陸"
    "陽隊階際險隻難雲電鞏響頁頃項順須預領頭頸題額類顧顯風養餘館馮駐驗體鬥魚麼點黨齊龍"
)
_SIMPLIFIED = (
    "并乱占来仓个们侧备传仅价亿优储内两册别则创划剧动务劳势励汇区协参叁员问唤单吨严国围园圆图团执坚报场块压壮梦夹奥奋学实审写"
    "宽将专对导届层属峰岛屿师带币帮干几库厂广厅张强汇后径从复彻态虑应战戏户抛采扬换挥撑拨拥担据拟扩数断于时书会东条枣栋业极荣"
    "构楼标样桥机横档检栏权欧欢岁归气决没况减测准温湿满涨润泽湿济浏湾灾为无营争牵状奖独获献现环产亩画当疗发监众确码础矿税种称"
    "积颖竞笔节范筛简筹签纪约红级细终组结绝络给统经综绿网缀紧线编练县总绩织绕继续罗群义习联声职肃脱脚临台与兴举华万盖莲荐艺药"
    "处虚号术卫里补装里衬见规视觉览触订计讨训记访设许评词试话该详认语误说说课调请论谐讲证识议护读变让赞丰负财贡贫货贯责贰买贷"
    "费贴贸资卖质账购赶践踪车较载辆轮转办农这连进运过达适迁选迈还乡邻医释厘针银销钢录错键钟镑镇链铁鉴长门闭开间阅阅关陕阵陈陆"
    "阳队阶际险只难云电巩响页顷项顺须预领头颈题额类顾显风养余馆冯驻验体斗鱼么点党齐龙"
)
_FOLD = dict(_FULLWIDTH)
_FOLD.update((ord(t), ord(s)) for t, s in zip(_TRADITIONAL, _SIMPLIFIED, strict=True))
_FOLD.update({0x2212: ord("-"), 0xFE63: ord("-"), 0x2010: ord("-")})  # minus, small hyphen, hyphen


def fold_text(text: str) -> str:
    """:func:`normalize_text`, and traditional characters made simplified, one
    character for one: what the readers of figures and plans scan.

    >>> fold_text("６億８４５萬元，約５００噸")
    '6亿845万元，约500吨'
    """
    return text.translate(_FOLD)


CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "貳": 2, "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
CN_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
#: The scale words that multiply a whole number (and may stand before a unit: 万元).
SCALES: dict[str, int] = {"万": 4, "萬": 4, "亿": 8, "億": 8}
#: The scale word of each power of ten, as units are named (万元, 亿元, 万亿元).
SCALE_NAMES: dict[int, str] = {4: "万", 8: "亿", 12: "万亿"}
#: Characters of a template's placeholder (20xx, XX, ××).
PLACEHOLDER_CHARS = frozenset("xX×")
_ZEROS = frozenset("零〇○")
CN_NUMERAL_CHARS = frozenset(CN_DIGITS) | frozenset(CN_UNITS) | frozenset(SCALES) | {"点"}
ARABIC = frozenset("0123456789")


class Bad(Exception):
    """A reader's complaint: where (index into the text) and what."""

    def __init__(self, position: int, reason: str) -> None:
        super().__init__(position, reason)
        self.position = position
        self.reason = reason


def read_arabic(s: str, i: int) -> tuple[Decimal, int]:
    """Read ``[0-9]+`` with optional thousands separators and one decimal point.

    The decimal point may be ``.`` or the ideographic ``。`` (seen in converted
    documents) and counts only between digits.  Returns the value and the index after it.
    """
    n = len(s)
    start = i
    digits: list[str] = []
    group = -1  # digits since the last thousands separator, -1 before any separator
    while i < n:
        c = s[i]
        if "0" <= c <= "9":
            digits.append(c)
            if group >= 0:
                group += 1
                if group > 3:
                    raise Bad(i, "a thousands group has more than three digits")
        elif c == "，" and digits and _fullwidth_group(s, i, group, len(digits)):
            group = 0  # 4，203万元: a full-width comma typed for a thousands separator
        elif c == "," and i + 1 < n and "0" <= s[i + 1] <= "9" and digits:
            if 0 <= group < 3:
                raise Bad(i, "a thousands group has fewer than three digits")
            if group == -1 and len(digits) > 3:
                raise Bad(i, "a thousands separator after more than three digits")
            group = 0
        else:
            break
        if len(digits) > MAX_DIGITS:
            raise Bad(start, f"a number with more than {MAX_DIGITS} digits")
        i += 1
    if group >= 0 and group != 3:
        raise Bad(i, "a thousands group has fewer than three digits")
    if not digits:
        raise Bad(start, "a number was expected")
    if i + 1 < n and s[i] in ".。" and "0" <= s[i + 1] <= "9":
        digits.append(".")
        i += 1
        while i < n and "0" <= s[i] <= "9":
            digits.append(s[i])
            i += 1
            if len(digits) > MAX_DIGITS + 1:
                raise Bad(start, f"a number with more than {MAX_DIGITS} digits")
        if i + 1 < n and s[i] in ".。" and "0" <= s[i + 1] <= "9":
            raise Bad(i, "a second decimal point")
    return Decimal("".join(digits)), i


def _fullwidth_group(s: str, i: int, group: int, digits: int) -> bool:
    """Whether the full-width comma at ``s[i]`` groups thousands of money: three digits
    follow it and no fourth, then a scale word or 元 (4，203万元, typed with a Chinese
    input method), and the digits before it make a whole group.  Elsewhere it parts
    clauses, as in prose it does (120，300户农户受益 is two numbers)."""
    if _MONEY_GROUPS.match(s, i + 1) is None:
        return False
    return group == 3 or (group == -1 and digits <= 3)


_MONEY_GROUPS = re.compile("[0-9]{3}(?:，[0-9]{3})*[万亿元千萬億]", re.ASCII)


def read_chinese(s: str, i: int, end: int) -> Decimal:
    """Read the Chinese numeral ``s[i:end]`` (digits, 十百千, 万亿, 点) exactly.

    Accepts the usual forms: 十五, 一百二十, 一百零五, 三万五千, 一亿二千万, 两, the
    financial capitals (贰仟零伍), the colloquial 一百五 (150) and 三万五 (35000),
    positional digits (二〇〇六) and a decimal part (三点五).
    """
    run = s[i:end]
    if "点" in run:
        k = run.index("点")
        whole = read_chinese(s, i, i + k) if k else Decimal(0)
        j = i + k + 1
        frac: list[str] = []
        while j < end and s[j] in CN_DIGITS and s[j] != "两":
            frac.append(str(CN_DIGITS[s[j]]))
            j += 1
            if len(frac) > MAX_DIGITS:
                raise Bad(i + k + 1, f"more than {MAX_DIGITS} digits after 点")
        if not frac:
            raise Bad(j, "digits were expected after 点")
        value = EXACT.add(whole, Decimal("0." + "".join(frac)))
        power = read_scale(s, j) if j < end else 0
        j += 2 if power == 12 else (1 if power else 0)
        if j < end:
            raise Bad(j, "an unexpected character in a Chinese numeral")
        return value.scaleb(power, EXACT)
    if not any(c in CN_UNITS or c in SCALES for c in run):
        if len(run) == 1:
            return Decimal(CN_DIGITS[run])
        # positional digits, as years are written: 二〇〇六
        for k, c in enumerate(run):
            if c == "两":
                raise Bad(i + k, "两 cannot stand in a row of digits")
        if len(run) > MAX_DIGITS:
            raise Bad(i, f"a number with more than {MAX_DIGITS} digits")
        return Decimal("".join(str(CN_DIGITS[c]) for c in run))
    return Decimal(read_chinese_int(s, i, end))


def read_chinese_int(s: str, i: int, end: int) -> int:
    total = 0  # finished parts of 亿 and above
    last_yi = 0  # the last amount added at a 亿, which the next must stay below
    below_yi = 0  # finished 万 part under the current 亿
    wan_used = False
    section = 0  # under 万
    last_unit = 10000
    digit: int | None = None
    after_zero = False
    prev_mult = 0  # multiplier of the unit or scale just read, for 一百五 = 150
    for k in range(i, end):
        c = s[k]
        if c in CN_DIGITS:
            if digit is not None:
                raise Bad(k, "two Chinese digits in a row")
            digit = CN_DIGITS[c]
            if c in _ZEROS:
                after_zero = True
                digit = None
                prev_mult = 0
        elif c in CN_UNITS:
            unit = CN_UNITS[c]
            if unit >= last_unit:
                raise Bad(k, f"{c} out of order")
            if digit is None:
                if unit == 10 and section == 0 and not after_zero:
                    digit = 1  # 十五 = 15
                else:
                    raise Bad(k, f"a digit was expected before {c}")
            section += digit * unit
            last_unit = unit
            digit = None
            after_zero = False
            prev_mult = unit
        else:  # a scale: 万 or 亿
            power = SCALES[c]
            part = section + (digit or 0)
            if power == 4:
                if wan_used:
                    raise Bad(k, "万 twice in one number")
                if part == 0:
                    raise Bad(k, "a number was expected before 万")
                below_yi = part * 10_000
                wan_used = True
            else:
                amount = (below_yi + part) * 100_000_000
                if amount == 0:
                    raise Bad(k, "a number was expected before 亿")
                # at most two 亿 groups: 万亿 (10**12 and up), then 亿 below 10**12
                if last_yi and (last_yi < 10**12 or amount >= 10**12):
                    raise Bad(k, "亿 out of order")
                total += amount
                last_yi = amount
                below_yi = 0
                wan_used = False
            section = 0
            digit = None
            last_unit = 10000
            after_zero = False
            prev_mult = 10**power
    if digit is not None:
        if prev_mult >= 10 and not after_zero:
            digit *= prev_mult // 10  # 一百五 = 150, 三万五 = 35000
        section += digit
    return total + below_yi + section


def read_scale(s: str, i: int) -> int:
    """The power of ten of the scale word at ``s[i]`` (万 4, 亿 8, 万亿 12), or 0."""
    c = s[i] if i < len(s) else ""
    if c in ("万", "萬"):
        return 12 if s[i + 1 : i + 2] in ("亿", "億") else 4
    return 8 if c in ("亿", "億") else 0


def read_compound(
    s: str, i: int, unit_at: Callable[[str, int], bool] = lambda s, i: False
) -> tuple[Decimal, int, int]:
    """Read a number that may mix digits and scales: 1亿2000万, 3.5万, 5千万, 三万五千.

    Returns the value, the index after the number (scale words included), and the
    power of ten of the scale word it ends with (0 when it ends with a digit), so that
    a figure can keep "2万人次" as 2 in the unit 万人次.  ``unit_at(s, k)`` tells
    whether a unit name starts at ``s[k]``, so that 3百万元 stays 3 of the unit 百万元
    while 5千万元 is 5000万元.
    """
    n = len(s)
    if i < n and s[i] in CN_NUMERAL_CHARS and s[i] not in SCALES and s[i] != "点":
        j = i
        while j < n and s[j] in CN_NUMERAL_CHARS:
            j += 1
        k = j
        while k > i and s[k - 1] in SCALES:
            k -= 1
        trailing = s[k:j]
        power = {"": 0, "万": 4, "萬": 4, "亿": 8, "億": 8}.get(trailing)
        if power is None:
            power = 12 if trailing in ("万亿", "萬億") else 0
        return read_chinese(s, i, j), j, power
    value = Decimal(0)
    last_power = 0
    while True:
        start = i
        part, i = read_arabic(s, i)
        if i + 1 < n and s[i] in CN_UNITS and read_scale(s, i + 1) and not unit_at(s, i):
            part = part.scaleb(len(str(CN_UNITS[s[i]])) - 1, EXACT)  # 5千万 is 5000万
            i += 1
        power = read_scale(s, i)
        if power and last_power and power >= last_power:
            raise Bad(i, "scales out of order")
        if last_power and not power and i < n and s[i] in "千百" and unit_at(s, i):
            # 6957万7千元: the last part counts in the unit's own 千 (or 百), and the
            # whole is given in that unit (69577 千元)
            shift = 3 if s[i] == "千" else 2
            if part >= Decimal(1).scaleb(last_power - shift, EXACT):
                raise Bad(start, "a part too large for the scale before it")
            return EXACT.add(value.scaleb(-shift, EXACT), part), i, 0
        after = read_scale(s, i + 1) if last_power and not power and s[i : i + 1] in "余多" else 0
        if after and after < last_power:
            # 1亿2000余万元: the scale comes after 余, and the figure's reader counts the
            # part in it (1亿 and 2000余万); here the number is read as written, 1亿 + 2000
            if part >= Decimal(1).scaleb(last_power - after, EXACT):
                raise Bad(start, "a part too large for the scale after it")
            return EXACT.add(value, part), i, 0
        if last_power:
            # 1亿2000万: each later part must fit below the scale before it, and a
            # last part without a scale is written in full (1万5000, not 1万5)
            if part >= Decimal(1).scaleb(last_power - power, EXACT):
                raise Bad(start, "a part too large for the scale before it")
            if not power and (i - start != last_power or not s[start:i].isdigit()):
                raise Bad(start, f"a part after a scale must have {last_power} digits")
        if power:
            i += 2 if power == 12 else 1
        shifted = part.scaleb(power, EXACT)
        value = EXACT.add(value, shifted) if last_power else shifted
        last_power = power
        if not (power and i < n and "0" <= s[i] <= "9"):
            return value, i, power
