"""Tests of the units real plans write beyond money, counts and 亩: more measure words and
visit counts, land, mass, length, power, energy, volume and durations with exact factors,
ratios, scales on every unit, per-unit rates with 百/千 on the bottom, and money in
foreign currencies, which never adds to 元 (in sums, totals, roll-ups and validation)."""

from __future__ import annotations

import decimal
import itertools
import pickle
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciplan_model import (
    Breakdown,
    BreakdownPart,
    Figure,
    FigureParseError,
    Funding,
    FundingSource,
    FundingStage,
    InexactResultError,
    InvalidValueError,
    Level,
    Money,
    Plan,
    PlanKind,
    Project,
    Quantity,
    Range,
    Section,
    Severity,
    UnitMismatchError,
    UnknownUnitError,
    WrongTypeError,
    attainment,
    dumps,
    loads,
    rollup,
    summarize,
    total,
    unit_info,
    ureg,
    validate,
)
from sciplan_model.units import (
    PACK_CHUNK,
    PACK_CODE_MASK,
    PACK_RANKS,
    is_currency,
    pint_unit,
    ranked_units,
    unit_names,
)

SCALES = {"": 0, "万": 4, "亿": 8, "万亿": 12}

#: The measure words this issue adds, each a dimension of its own.
NEW_WORDS = (
    "块", "只", "箱", "辆", "棵", "间", "栋", "部", "支", "枚", "款", "类", "轮", "节",
    "组", "队", "首", "幅", "架", "艘", "羽", "匹", "口", "人年",
)  # fmt: skip
VISITS = {"家次": "家", "户次": "户", "项次": "项", "件次": "件", "台次": "台"}
OLD_WORDS = (
    "项", "个", "家", "人", "人次", "期", "场", "户", "份", "张", "件", "种", "套",
    "课时", "门", "次", "所", "台", "篇", "条", "批", "处", "座", "本", "株", "头",
)  # fmt: skip

#: Each measured dimension's units with their exact size in the dimension's base unit,
#: from the issue's table (independent of the registry).
MEASURED: dict[str, dict[str, str]] = {
    "[area]": {"亩": "1", "平方米": "0.0015", "公顷": "15", "平方公里": "1500"},
    "[mass]": {"公斤": "1", "千克": "1", "克": "0.001", "斤": "0.5", "吨": "1000"},
    "[length]": {"米": "1", "厘米": "0.01", "公里": "1000", "千米": "1000"},
    "[power]": {"千瓦": "1", "瓦": "0.001", "兆瓦": "1000"},
    "[energy]": {"千瓦时": "1"},
    "[volume]": {"立方米": "1", "升": "0.001"},
    "[month]": {"个月": "1", "年": "12"},
    "[time]": {"秒": "1", "分钟": "60", "小时": "3600", "天": "86400", "周": "604800"},
}
#: Every currency, with its aliases: name → dimension.
CURRENCIES = {
    "元": "[money]",
    "美元": "[money_USD]",
    "美金": "[money_USD]",
    "欧元": "[money_EUR]",
    "港元": "[money_HKD]",
    "港币": "[money_HKD]",
    "日元": "[money_JPY]",
    "英镑": "[money_GBP]",
}
FOREIGN = ("美元", "欧元", "港元", "日元", "英镑")


def size(unit: str) -> Decimal:
    """The size of a simple unit, scale word included, from the tables above."""
    for scale, power in sorted(SCALES.items(), key=lambda s: -len(s[0])):
        if scale and unit.startswith(scale):
            return size(unit[len(scale) :]) * Decimal(10) ** power
    for table in MEASURED.values():
        if unit in table:
            return Decimal(table[unit])
    return Decimal(1)


def pint_facts(name: str) -> tuple[Decimal, str]:
    """What pint itself says of ``name`` (the test trusts its own names to pint's parser)."""
    base = ureg.Quantity(Decimal(1), name).to_base_units()
    return base.magnitude, str(base.dimensionality).replace(" ", "")


# -- measure words ------------------------------------------------------------------------------


@pytest.mark.parametrize("word", [*NEW_WORDS, *VISITS, "学时"])
def test_new_measure_words_are_exact_counts_of_size_one(word: str) -> None:
    """Every measure word the issue adds exists, counts exactly, and is no currency."""
    info = unit_info(word)
    assert info.factor == Decimal(1)
    assert info.is_count is True
    assert info.currency is False
    assert info.scalable is True
    assert word in unit_names()


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations((*NEW_WORDS, *VISITS), 2)))
def test_new_measure_words_are_apart_from_each_other(a: str, b: str) -> None:
    """Each new measure word and visit count is a dimension of its own."""
    assert unit_info(a).dimension != unit_info(b).dimension


@pytest.mark.parametrize("new", [*NEW_WORDS, *VISITS])
def test_new_measure_words_are_apart_from_the_old_ones(new: str) -> None:
    """No new measure word counts what an old one counts: 家次 is not 家, 块 is not 个."""
    old = {unit_info(w).dimension for w in OLD_WORDS}
    assert unit_info(new).dimension not in old


@pytest.mark.parametrize(("visits", "word"), list(VISITS.items()))
def test_visits_never_add_to_what_is_visited(visits: str, word: str) -> None:
    """30家次 + 10家 is an error: visits to enterprises are not enterprises."""
    with pytest.raises(UnitMismatchError) as excinfo:
        Quantity("30", visits) + Quantity("10", word)
    assert str(excinfo.value) == (
        f"cannot add {visits!r} and {word!r}: they are units of different things"
    )


def test_class_hours_are_counted_in_either_word() -> None:
    """学时 counts the same as 课时: 20学时 + 10课时 is 30 of either."""
    assert unit_info("学时").dimension == unit_info("课时").dimension
    assert Quantity("20", "学时") + Quantity("10", "课时") == Quantity("30", "学时")
    assert Quantity("2", "万学时").to("课时") == Quantity("20000", "课时")


def test_person_years_are_a_count_apart_from_people() -> None:
    """人年 is a count of its own: 12人年 is not 12人."""
    assert unit_info("人年").is_count
    assert unit_info("人年").dimension == "[人年]"
    with pytest.raises(UnitMismatchError):
        Quantity("12", "人年").to("人")


# -- ratios --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "dimension"),
    [("个百分点", "[percentage_point]"), ("百分点", "[percentage_point]"), ("倍", "[multiple]")],
)
def test_percentage_points_and_multiples_are_ratios_not_counts(name: str, dimension: str) -> None:
    """个百分点 (alias 百分点) and 倍 are ratios of their own dimension: no counts, no money."""
    info = unit_info(name)
    assert info.dimension == dimension
    assert info.factor == Decimal(1)
    assert info.is_count is False
    assert info.currency is False


def test_percentage_points_are_not_percent() -> None:
    """2个百分点 is the difference of two percentages, never 2%; 百分点 is 个百分点."""
    assert Quantity("2", "百分点") == Quantity("2", "个百分点")
    for other in ("%", "倍"):
        with pytest.raises(UnitMismatchError):
            Quantity("2", "个百分点") + Quantity("2", other)
    assert unit_info("%").dimension == "dimensionless"


# -- measured quantities ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dimension", "name", "factor"),
    [(d, n, f) for d, table in MEASURED.items() for n, f in table.items()],
)
def test_measured_units_have_exact_factors(dimension: str, name: str, factor: str) -> None:
    """Each measured unit has the issue's exact factor in its base unit, as pint says too."""
    info = unit_info(name)
    assert info.dimension == dimension
    assert info.factor == Decimal(factor)
    assert type(info.factor) is Decimal
    assert (info.factor, info.dimension) == pint_facts(name)
    assert info.is_count is False
    assert info.currency is False


@pytest.mark.parametrize(
    ("a", "b"), list(itertools.combinations([t for t in MEASURED if t != "[area]"], 2))
)
def test_measured_dimensions_are_apart(a: str, b: str) -> None:
    """Mass, length, power, energy, volume, months and minutes never mix."""
    x = Quantity("1", next(iter(MEASURED[a])))
    y = Quantity("1", next(iter(MEASURED[b])))
    with pytest.raises(UnitMismatchError):
        x + y


@pytest.mark.parametrize(
    ("amount", "unit", "target", "expected"),
    [
        ("1", "吨", "斤", "2000"),
        ("1", "斤", "克", "500"),
        ("5", "万斤", "吨", "25"),
        ("1", "千克", "公斤", "1"),
        ("3", "万公里", "米", "30000000"),
        ("1", "千米", "厘米", "100000"),
        ("10", "万千瓦", "兆瓦", "100"),
        ("1", "瓦", "千瓦", "0.001"),
        ("100", "万千瓦时", "千瓦时", "1000000"),
        ("1", "升", "立方米", "0.001"),
        ("1.5", "年", "个月", "18"),
        ("1", "周", "分钟", "10080"),
        ("1", "天", "小时", "24"),
        ("2.5", "万平方米", "亩", "37.5"),
        ("15", "亩", "万平方米", "1"),
        ("1", "平方公里", "万平方米", "100"),
    ],
)
def test_measured_units_convert_exactly(amount: str, unit: str, target: str, expected: str) -> None:
    """Conversions within a dimension are exact: 1吨 is 2000斤, 2.5万平方米 is 37.5亩."""
    converted = Quantity(amount, unit).to(target)
    assert converted.unit == target
    assert converted.magnitude == Decimal(expected)
    assert converted == Quantity(amount, unit)


def test_a_conversion_with_no_exact_decimal_raises() -> None:
    """1亩 is 1/15 万平方米, which no decimal holds: the conversion raises, never rounds."""
    with pytest.raises(InexactResultError):
        Quantity("1", "亩").to("万平方米")


def test_sums_of_measured_units_are_in_the_finer_unit() -> None:
    """1斤 + 1克 is 501克; 1年 + 3个月 is 15个月; 1天 + 30分钟 is 1470分钟."""
    assert Quantity("1", "斤") + Quantity("1", "克") == Quantity("501", "克")
    assert str(Quantity("1", "斤") + Quantity("1", "克")) == "501克"
    assert str(Quantity("1", "年") + Quantity("3", "个月")) == "15个月"
    assert str(Quantity("1", "天") + Quantity("30", "分钟")) == "1470分钟"


def test_months_and_minutes_are_apart() -> None:
    """A month has no fixed number of days: 1个月 never adds to 30天."""
    with pytest.raises(UnitMismatchError):
        Quantity("1", "个月") + Quantity("30", "天")


@pytest.mark.parametrize("text", ["月", "日", "万月", "万日"])
def test_month_and_day_alone_are_not_units(text: str) -> None:
    """月 and 日 alone are no units (6月, 20日 are dates)."""
    assert text not in unit_names()
    with pytest.raises(UnknownUnitError):
        unit_info(text)


@pytest.mark.parametrize("text", ["6月", "20日"])
def test_dates_are_not_figures(text: str) -> None:
    """6月 and 20日 do not read as quantities."""
    with pytest.raises(FigureParseError):
        Quantity.parse(text)


# -- scales on every unit -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "magnitude", "unit", "in_base"),
    [
        ("2.5万平方米", "2.5", "万平方米", ("37.5", "亩")),
        ("50万吨", "50", "万吨", ("500000000", "公斤")),
        ("10万千瓦", "10", "万千瓦", ("100000", "千瓦")),
        ("100万千瓦时", "100", "万千瓦时", ("1000000", "千瓦时")),
        ("5万斤", "5", "万斤", ("25000", "公斤")),
        ("3万公里", "3", "万公里", ("30000000", "米")),
        ("500万美元", "500", "万美元", ("5000000", "美元")),
        ("1.2亿欧元", "1.2", "亿欧元", ("120000000", "欧元")),
        ("300万块", "300", "万块", ("3000000", "块")),
        ("12万家次", "12", "万家次", ("120000", "家次")),
    ],
)
def test_plain_scaled_figures_parse(
    text: str, magnitude: str, unit: str, in_base: tuple[str, str]
) -> None:
    """Plain figures with a scale read exactly, keeping the scale in the unit."""
    q = Quantity.parse(text)
    assert (q.magnitude, q.unit) == (Decimal(magnitude), unit)
    assert str(q) == text
    assert q.to(in_base[1]).magnitude == Decimal(in_base[0])
    f = Figure.parse(text)
    assert f.value == q
    assert f.unit == unit


@pytest.mark.parametrize("name", [n for n in unit_names() if n not in ("千元", "百万元", "%")])
@pytest.mark.parametrize(("scale", "power"), [(s, p) for s, p in SCALES.items() if s])
def test_every_chinese_unit_takes_the_scale_words(scale: str, power: int, name: str) -> None:
    """万, 亿 and 万亿 go in front of every Chinese unit name, with an exact factor."""
    info = unit_info(scale + name)
    plain = unit_info(name)
    assert info.factor == plain.factor * Decimal(10) ** power
    assert (info.dimension, info.base, info.currency) == (
        plain.dimension,
        plain.base,
        plain.currency,
    )
    assert (info.word, info.scale, info.scalable) == (name, power, True)
    assert plain.scalable is True
    assert plain.word == name
    assert (info.factor, info.dimension) == pint_facts(scale + name)


@pytest.mark.parametrize("name", ["千元", "百万元", "%"])
@pytest.mark.parametrize("scale", ["万", "亿", "万亿"])
def test_money_sub_units_and_percent_take_no_scale(scale: str, name: str) -> None:
    """万千元, 亿百万元 and 万% are refused: 千元 and 百万元 are scaled names already."""
    with pytest.raises(UnknownUnitError) as excinfo:
        unit_info(scale + name)
    assert str(excinfo.value) == f"unknown unit {scale + name!r}: {name!r} takes no scale word"
    assert unit_info(name).scalable is False


@pytest.mark.parametrize(
    ("amount", "unit", "compact"),
    [
        ("15000", "平方米", "1.5万平方米"),
        ("9999", "平方米", "9999平方米"),
        ("0.5", "万平方米", "5000平方米"),
        ("500000", "吨", "50万吨"),
        ("250000000", "公斤", "2.5亿公斤"),
        ("150000", "公顷", "15万公顷"),
        ("30000", "千瓦时", "3万千瓦时"),
        ("5000000", "美元", "500万美元"),
        ("5000", "万美元", "5000万美元"),
        ("50000", "万日元", "5亿日元"),
        ("120000", "家次", "12万家次"),
    ],
)
def test_compact_rescales_every_unit(amount: str, unit: str, compact: str) -> None:
    """compact() puts 万/亿 in front of any unit's word: 15000平方米 is 1.5万平方米."""
    q = Quantity(amount, unit)
    assert str(q.compact()) == compact
    assert q.compact() == q


def test_compact_leaves_rates_and_percent_alone() -> None:
    """A per-unit rate and a percentage have no scale to take."""
    for q in (Quantity("15000", "元/亩"), Quantity("15000", "%")):
        assert q.compact() is q


@pytest.mark.parametrize("dimension", [*MEASURED, "[money_USD]", "[人]"])
def test_a_total_across_every_unit_of_a_dimension_is_exact(dimension: str) -> None:
    """total() of amounts in every unit of one dimension (more units than it can pack)
    equals the sum of the Decimals, in the finest unit (or the base unit where the finest
    cannot hold it exactly: 平方米 and 亩), and in any order."""
    names = ranked_units(dimension)
    items = [Quantity(k + 1, name) for k, name in enumerate(names)]
    expected = sum((q.magnitude * unit_info(q.unit).factor for q in items), Decimal(0))
    found = total(items)
    assert found.unit == (names[0] if dimension != "[area]" else "亩")
    assert found.magnitude * unit_info(found.unit).factor == expected
    assert total(items[::-1]) == found
    assert total(items * 3) == found * 3
    packable = [q for q in items if unit_info(q.unit)._pack is not None]
    assert total(packable) == sum(packable[1:], packable[0])


@pytest.mark.parametrize("dimension", [*MEASURED, "[money]", "[money_USD]", "[项]", "[家次]"])
def test_the_common_units_are_packed_for_fast_sums(dimension: str) -> None:
    """Every dimension's finest units (吨 and 万吨 among them) have a packed int for total()."""
    names = ranked_units(dimension)
    for name in names[:PACK_RANKS]:
        assert unit_info(name)._pack is not None, name
    for name in names[PACK_RANKS:]:
        assert unit_info(name)._pack is None, name
    assert unit_info("万吨")._pack is not None


def test_long_sums_in_the_highest_packing_code_stay_exact() -> None:
    """Sums over many chunks in the dimension packed with the highest code are exact, and
    one item of another dimension among them is still caught."""
    codes = {
        unit_info(n).dimension: unit_info(n)._pack & PACK_CODE_MASK  # type: ignore[operator]
        for n in unit_names()
        if unit_info(n)._pack is not None
    }
    top = max(codes, key=lambda d: codes[d])
    low = min(codes, key=lambda d: codes[d])
    word, other = ranked_units(top)[0], ranked_units(low)[0]
    items = [Quantity(1, word)] * (3 * PACK_CHUNK + 5)
    assert total(items) == Quantity(3 * PACK_CHUNK + 5, word)
    for k in (0, PACK_CHUNK - 1, len(items) - 1):
        mixed = [*items]
        mixed[k] = Quantity(1, other)
        with pytest.raises(UnitMismatchError):
            total(mixed)


def test_every_measure_word_is_packed() -> None:
    """More dimensions than before do not push any measure word out of the fast path."""
    for name in unit_names():
        assert unit_info(name)._pack is not None, name


# -- per-unit rates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "factor", "dimension"),
    [
        ("件/百人年", "0.01", "[件]/[人年]"),
        ("人/千人", "0.001", "[人]/[人]"),
        ("台/百户", "0.01", "[台]/[户]"),
        ("件/万人", "0.0001", "[件]/[人]"),
        ("件/百万人", "0.000001", "[件]/[人]"),
        ("万元/项", "10000", "[money]/[项]"),
        ("元/百公斤", "0.01", "[money]/[mass]"),
        ("元/千克", "1", "[money]/[mass]"),
        ("万美元/项", "10000", "[money_USD]/[项]"),
        ("人次/千人", "0.001", "[人次]/[人]"),
    ],
)
def test_rates_with_a_scaled_bottom(name: str, factor: str, dimension: str) -> None:
    """百 and 千 (and 万, 亿) on the bottom of a rate divide its factor exactly (pint
    agrees; it calls 人/千人 dimensionless, which the package keeps apart from %)."""
    info = unit_info(name)
    assert info.factor == Decimal(factor)
    assert info.dimension == dimension
    assert info.is_count is False
    assert info.currency is False
    top, _, bottom = dimension.partition("/")
    pint_dimension = "dimensionless" if top == bottom else dimension
    assert (info.factor, pint_dimension) == pint_facts(name)
    assert pint_unit(name) == ureg.Unit(name)


def test_rates_with_百_and_千_compare_exactly() -> None:
    """2.3人/千人 is 0.23人/百人 and 0.0023人/人; 12件/百人年 is 0.12件/人年."""
    assert Quantity("2.3", "人/千人") == Quantity("0.23", "人/百人") == Quantity("0.0023", "人/人")
    assert Quantity("12", "件/百人年").to("件/人年") == Quantity("0.12", "件/人年")
    with pytest.raises(UnitMismatchError):
        Quantity("12", "件/百人年") + Quantity("12", "件/百人")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("百人年", "unknown unit '百人年'"),
        ("千人", "unknown unit '千人'"),
        ("件/百", "unknown unit '件/百': its part '百' is unknown"),
        ("件/百卢布", "unknown unit '件/百卢布': its part '百卢布' is unknown"),
        ("百件/人", "unknown unit '百件/人': its part '百件' is unknown"),
        ("元/百平方米", "unknown unit '元/百平方米': its factor is not an exact decimal"),
    ],
)
def test_百_and_千_stand_only_on_the_bottom(name: str, message: str) -> None:
    """百人年 alone, 百 on the top and rates without an exact factor are refused."""
    with pytest.raises(UnknownUnitError) as excinfo:
        unit_info(name)
    assert str(excinfo.value) == message


# -- is_count -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("项", True),
        ("万家次", True),
        ("人年", True),
        ("学时", True),
        ("口", True),
        ("元", False),
        ("万美元", False),
        ("日元", False),
        ("亩", False),
        ("万平方米", False),
        ("吨", False),
        ("公里", False),
        ("千瓦", False),
        ("千瓦时", False),
        ("升", False),
        ("个月", False),
        ("小时", False),
        ("%", False),
        ("个百分点", False),
        ("倍", False),
        ("元/亩", False),
        ("件/百人年", False),
    ],
)
def test_only_measure_words_are_counts(name: str, counts: bool) -> None:
    """is_count is true for measure words only: not money, measures, ratios or rates."""
    assert unit_info(name).is_count is counts
    if "/" not in name:
        assert Quantity("1", name).is_count is counts


# -- money in foreign currencies ------------------------------------------------------------------


@pytest.mark.parametrize(("name", "dimension"), list(CURRENCIES.items()))
def test_every_currency_is_money(name: str, dimension: str) -> None:
    """美元, 欧元, 港元, 日元, 英镑 and their aliases are money of their own currency."""
    info = unit_info(name)
    assert info.dimension == dimension
    assert info.currency is True
    assert is_currency(name) is True
    assert is_currency("万" + name) is True
    assert info.is_count is False
    m = Money("500", "万" + name)
    assert type(m) is Money
    assert type(Quantity("1", name)) is Money
    assert m.is_money


@pytest.mark.parametrize(("alias", "name"), [("美金", "美元"), ("港币", "港元")])
def test_currency_aliases_are_the_same_money(alias: str, name: str) -> None:
    """1万美金 is 1万美元; 港币 is 港元."""
    assert Money("1", "万" + alias) == Money("10000", name)
    assert unit_info(alias).base == name


@pytest.mark.parametrize(
    ("a", "b"), list(itertools.combinations(["元", "美元", "欧元", "港元", "日元", "英镑"], 2))
)
def test_two_currencies_never_add_compare_or_convert(a: str, b: str) -> None:
    """Sums, comparisons, to() and total() between two currencies raise UnitMismatchError."""
    x, y = Money("1", "万" + a), Money("1", "万" + b)
    assert x != y
    for attempt in (
        lambda: x + y,
        lambda: x - y,
        lambda: x < y,
        lambda: x / y,
        lambda: x.to(b),
        lambda: total([x, y]),
        lambda: total([x], unit=b),
    ):
        with pytest.raises(UnitMismatchError):
            attempt()


@pytest.mark.parametrize(
    ("amount", "unit", "target", "rate", "expected"),
    [
        ("100", "万美元", "万元", "7.1", ("710", "万元")),
        ("100", "万美元", "元", Decimal("7.1"), ("7100000", "元")),
        ("3000", "万日元", "美元", "0.0067", ("201000", "美元")),
        ("1", "英镑", "港元", 10, ("10", "港元")),
        ("1.5", "亿欧元", "万元", "7.8123", ("117184.5", "万元")),
        ("710", "万元", "万美元", "0.140845", ("99.99995", "万美元")),
        ("5", "万元", "元", 1, ("50000", "元")),
    ],
)
def test_exchange_converts_at_the_callers_rate_exactly(
    amount: str, unit: str, target: str, rate: object, expected: tuple[str, str]
) -> None:
    """exchange(unit, rate) multiplies exactly by the price of one base unit in the other's."""
    got = Money(amount, unit).exchange(target, rate)  # type: ignore[arg-type]
    assert type(got) is Money
    assert (got.magnitude, got.unit) == (Decimal(expected[0]), expected[1])
    exact = Fraction(amount) * Fraction(unit_info(unit).factor) * Fraction(str(rate))
    assert Fraction(got.magnitude) * Fraction(unit_info(target).factor) == exact


def test_exchange_ignores_a_narrow_thread_context() -> None:
    """exchange() stays exact under a thread context of three digits."""
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        got = Money("123456.789", "美元").exchange("元", "7.123456")
    assert got.magnitude == Decimal("123456.789") * Decimal("7.123456")


@pytest.mark.parametrize(
    ("rate", "error", "message"),
    [
        (7.1, WrongTypeError, "rate must be an int, str or Decimal, not float"),
        (True, WrongTypeError, "rate must be an int, str or Decimal, not bool"),
        (None, WrongTypeError, "rate must be an int, str or Decimal, not NoneType"),
        ("0", InvalidValueError, "invalid exchange rate: 0 is not above zero"),
        ("-7.1", InvalidValueError, "invalid exchange rate: -7.1 is not above zero"),
        ("NaN", Exception, None),
        ("7,1", Exception, None),
    ],
)
def test_exchange_refuses_bad_rates(
    rate: object, error: type[Exception], message: str | None
) -> None:
    """A float, a bool, zero, a negative or unreadable rate is refused with our own error."""
    with pytest.raises(error) as excinfo:
        Money("1", "美元").exchange("元", rate)  # type: ignore[arg-type]
    assert type(excinfo.value).__module__ == "sciplan_model.errors"
    if message is not None:
        assert str(excinfo.value) == message


def test_exchange_within_one_currency_takes_only_the_rate_one() -> None:
    """万美元 → 美元 at rate 1 is to(); any other rate within one currency is refused."""
    assert Money("2", "万美元").exchange("美元", "1") == Money("20000", "美元")
    with pytest.raises(InvalidValueError) as excinfo:
        Money("2", "万美元").exchange("美金", "7")
    assert str(excinfo.value) == (
        "invalid exchange rate: 万美元 and 美金 are one currency, so the rate is 1, not 7"
    )


@pytest.mark.parametrize("target", ["项", "亩", "%", "元/亩"])
def test_exchange_into_no_money_is_a_mismatch(target: str) -> None:
    """Money exchanges into money only."""
    with pytest.raises(UnitMismatchError) as excinfo:
        Money("1", "万美元").exchange(target, "7")
    assert str(excinfo.value) == (
        f"cannot exchange '万美元' and {target!r}: they are units of different things"
    )


def test_foreign_money_pickles_and_round_trips_through_json() -> None:
    """500万美元 keeps its currency through pickle and through the JSON of a plan."""
    m = Money("500", "万美元")
    assert pickle.loads(pickle.dumps(m)) == m
    p = Project(id="p", name="合作项目", funding=[Funding(amount=m, source=FundingSource.FOREIGN)])
    plan = plan_of(p)
    back: Plan = loads(dumps(plan), Plan)
    assert back == plan
    (item,) = back.sections[0].items
    assert isinstance(item, Project)
    assert item.funding[0].amount.unit == "万美元"


# -- properties -----------------------------------------------------------------------------------

_UNITS_BY_DIMENSION = {
    **{d: tuple(s + n for s in SCALES for n in table) for d, table in MEASURED.items()},
    "[money_USD]": tuple(s + n for s in SCALES for n in ("美元", "美金")),
}


@st.composite
def amounts_of_one_dimension(draw: st.DrawFn) -> list[Quantity]:
    """A list of amounts in random units of one measured dimension or currency."""
    units = _UNITS_BY_DIMENSION[draw(st.sampled_from(sorted(_UNITS_BY_DIMENSION)))]
    return draw(
        st.lists(
            st.builds(
                Quantity,
                st.decimals(min_value=-(10**9), max_value=10**9, places=3),
                st.sampled_from(units),
            ),
            min_size=1,
            max_size=20,
        )
    )


@given(amounts_of_one_dimension())
def test_sums_in_any_units_equal_the_sum_in_the_base_unit(items: list[Quantity]) -> None:
    """total() and sum() of amounts in random units of one dimension equal the exact sum
    of magnitude × factor (from the issue's table), whatever the order."""
    expected = sum((Fraction(q.magnitude) * Fraction(size(q.unit)) for q in items), Fraction(0))
    for found in (total(items), sum(items), total(items[::-1])):
        assert isinstance(found, Quantity)
        assert Fraction(found.magnitude) * Fraction(size(found.unit)) == expected


_ANY_MONEY = st.builds(
    Money,
    st.decimals(min_value=0, max_value=10**9, places=2),
    st.sampled_from([s + c for s in SCALES for c in CURRENCIES]),
)


@given(_ANY_MONEY, _ANY_MONEY)
def test_two_currencies_never_add(x: Money, y: Money) -> None:
    """Two amounts of money add up exactly when they are of one currency, and never else."""
    same = CURRENCIES[unit_info(x.unit).base] == CURRENCIES[unit_info(y.unit).base]
    if same:
        assert x + y == total([y, x])
        assert (x + y).dimension == x.dimension
    else:
        with pytest.raises(UnitMismatchError):
            x + y
        with pytest.raises(UnitMismatchError):
            total([x, y, x])


# -- validation, roll-ups and reports -------------------------------------------------------------

AT = "$.sections[0].items[0]"


def plan_of(*items: object) -> Plan:
    """A plan of one section holding ``items``."""
    return Plan(
        id="t",
        title="科技工作计划",
        kind=PlanKind.ANNUAL,
        sections=[Section(title="一、", items=list(items))],
    )


def breakdown(total_text: str, *parts: str, complete: bool = True) -> Breakdown:
    """A statement of ``total_text`` with ``parts`` keyed by category."""
    keyed = [
        BreakdownPart(figure=Figure.parse(p), category="甲乙丙丁"[k]) for k, p in enumerate(parts)
    ]
    return Breakdown(subject="示范", total=Figure.parse(total_text), parts=keyed, complete=complete)


def findings(*items: object) -> list[tuple[str, Severity, str]]:
    """The findings of a one-section plan holding ``items``."""
    return [(f.code, f.severity, f.path) for f in validate(plan_of(*items))]


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("5.2万吨", "5.3万吨"), []),
        (("5.2万吨", "5.31万吨"), [("breakdown.sum", Severity.WARNING, AT)]),
        (("5.2万吨", "5.5万吨"), [("breakdown.sum", Severity.ERROR, AT)]),
        (("5.2万美元", "5.31万美元"), [("breakdown.sum", Severity.WARNING, AT)]),
        (("5.2万美元", "5.5万美元"), [("breakdown.sum", Severity.ERROR, AT)]),
        (("5.2公里", "5.31公里"), [("breakdown.sum", Severity.WARNING, AT)]),
        (("5.2万千瓦时", "5.31万千瓦时"), [("breakdown.sum", Severity.WARNING, AT)]),
        (("5.2万平方米", "5.31万平方米"), [("breakdown.sum", Severity.WARNING, AT)]),
        (("5.2个月", "5.31个月"), [("breakdown.sum", Severity.WARNING, AT)]),
    ],
)
def test_measured_breakdowns_get_the_rounding_slack(
    parts: tuple[str, str], expected: list[tuple[str, Severity, str]]
) -> None:
    """Mass, foreign money, length, energy, land and durations are written rounded: a gap
    within half a unit of the finest digit per figure is a warning, beyond it an error."""
    unit = parts[0].lstrip("0123456789.")
    assert findings(breakdown(f"10.5{unit}", *parts)) == expected


@pytest.mark.parametrize("word", ["家次", "块", "人年", "学时"])
def test_count_breakdowns_get_no_slack(word: str) -> None:
    """Counts are exact: 5 + 6 of 10 is an error even in the new measure words."""
    assert findings(breakdown(f"10{word}", f"5{word}", f"5{word}")) == []
    assert findings(breakdown(f"10{word}", f"5{word}", f"6{word}")) == [
        ("breakdown.sum", Severity.ERROR, AT)
    ]


def test_a_breakdown_cannot_mix_currencies() -> None:
    """Parts in 万元 of a total in 万美元 are refused when the statement is made."""
    with pytest.raises(UnitMismatchError):
        breakdown("10万美元", "5万元", "5万元")


def usd(amount: str, stage: FundingStage = FundingStage.ALLOCATED) -> Funding:
    """A funding line of ``amount`` 万美元 from foreign capital."""
    return Funding(amount=Money(amount, "万美元"), source=FundingSource.FOREIGN, stage=stage)


def cny(amount: str, stage: FundingStage = FundingStage.ALLOCATED) -> Funding:
    """A funding line of ``amount`` 万元 from the state budget."""
    return Funding(amount=Money(amount, "万元"), source=FundingSource.NATIONAL, stage=stage)


def test_funding_stages_in_two_currencies_are_not_compared() -> None:
    """Planned 100万美元 and allocated 500万元 are not compared without a rate (no error);
    within one foreign currency a stage above the one before is still an error."""
    mixed = Project(id="a", name="甲", funding=[usd("100", FundingStage.PLANNED), cny("500")])
    assert findings(mixed) == []
    grown = Project(id="b", name="乙", funding=[usd("100", FundingStage.PLANNED), usd("120")])
    report = validate(plan_of(grown))
    assert [(f.code, f.severity) for f in report] == [("funding.stages", Severity.ERROR)]
    assert report.findings[0].message == "下达经费120万美元多于计划经费100万美元"


def test_listed_projects_in_another_currency_cannot_be_held_to_a_statement() -> None:
    """30万元 stated of projects funded in 万美元 is undecided (an info), never a sum of
    both currencies; listed money in the statement's own foreign currency adds up."""
    a = Project(id="a", name="甲", level=Level.NATIONAL, funding=[usd("10")])
    b = Project(id="b", name="乙", level=Level.PROVINCIAL, funding=[cny("20")])
    stated = Breakdown(subject="经费", total=Figure.parse("30万元"), projects=["a", "b"])
    report = validate(plan_of(a, b, stated))
    assert [(f.code, f.severity, f.path) for f in report] == [
        ("detail.undecided", Severity.INFO, "$.sections[0].items[2]")
    ]
    assert report.findings[0].message == (
        "合计有所列项目的下达经费为其他币种（美元），无法与所列项目核对"
    )
    c = Project(id="c", name="丙", level=Level.NATIONAL, funding=[usd("20")])
    ok = Breakdown(subject="经费", total=Figure.parse("30万美元"), projects=["a", "c"])
    assert findings(a, c, ok) == []
    wrong = Breakdown(subject="经费", total=Figure.parse("40万美元"), projects=["a", "c"])
    assert findings(a, c, wrong) == [("detail.total", Severity.ERROR, "$.sections[0].items[2]")]


def test_a_rollup_never_adds_two_currencies() -> None:
    """A group holding 万美元 and 万元 raises; groups in different currencies stand side
    by side without a grand total; grouping by currency too shows each."""
    a = Project(id="a", name="甲", level=Level.NATIONAL, funding=[usd("10")])
    b = Project(id="b", name="乙", level=Level.NATIONAL, funding=[cny("20"), usd("5")])
    c = Project(id="c", name="丙", level=Level.PROVINCIAL, funding=[cny("30")])
    with pytest.raises(UnitMismatchError) as excinfo:
        rollup([a, b], by="level")
    assert str(excinfo.value) == (
        "cannot add up in one group '万元' and '万美元': they are units of different things"
    )
    apart = rollup([a, c], by="level")
    assert dict(apart) == {
        Level.NATIONAL: Money("10", "万美元"),
        Level.PROVINCIAL: Money("30", "万元"),
    }
    assert apart.total is None
    each = rollup([a, b, c], by=("level", "currency"))
    assert dict(each) == {
        (Level.NATIONAL, "元"): Money("20", "万元"),
        (Level.NATIONAL, "美元"): Money("15", "万美元"),
        (Level.PROVINCIAL, "元"): Money("30", "万元"),
    }
    assert rollup([a, b, c], by="currency").total is None
    assert rollup([a, b], by="currency")["美元"] == Money("15", "万美元")


def test_money_not_known_is_in_the_currency_the_rollup_holds() -> None:
    """A group without money is 未知（万美元） when the roll-up's money is all in 万美元,
    and 未知（元） when it holds several currencies."""
    a = Project(id="a", name="甲", level=Level.NATIONAL, funding=[usd("10")])
    c = Project(id="c", name="丙", level=Level.PROVINCIAL, funding=[cny("30")])
    none = Project(id="n", name="无", level=Level.COUNTY)
    one = rollup([a, none], by="level")
    assert one[Level.COUNTY] == Range.unknown("万美元")
    assert "未知（万美元）" in str(one)
    assert one.total == Range(Money("10", "万美元"), None, True, False)
    two = rollup([a, c, none], by="level")
    assert two[Level.COUNTY] == Range.unknown("元")
    assert two.total is None


def test_a_target_in_one_currency_is_not_met_by_another() -> None:
    """A target of 100万美元 held against a result of 800万元 is a mismatch, not a rate."""
    with pytest.raises(UnitMismatchError):
        attainment(Figure.parse("100万美元"), Figure.parse("800万元"))


def test_a_report_of_projects_in_two_currencies_rolls_up_by_currency() -> None:
    """summarize() of projects funded in 万美元 and 万元 shows each currency's sums apart,
    and draws bars for one currency only."""
    a = Project(id="a", name="甲", level=Level.NATIONAL, funding=[usd("10")])
    b = Project(id="b", name="乙", level=Level.NATIONAL, funding=[cny("20"), usd("5")])
    s = summarize(plan_of(a, b))
    assert dict(s.totals["level"]) == {
        (Level.NATIONAL, "元"): Money("20", "万元"),
        (Level.NATIONAL, "美元"): Money("15", "万美元"),
    }
    text = str(s)
    assert re.search("国家级 +美元 +15万美元 +2", text)
    assert "15万美元" in text
    assert "经费条目数" in text
    page = s.to_html()
    chart = page[
        page.index('<svg id="chart-level"') : page.index("</svg>", page.index('id="chart-level"'))
    ]
    assert chart.count("<rect") == 1
    assert "15万美元" in chart


def test_records_show_a_project_in_two_currencies_side_by_side() -> None:
    """A project's row names both amounts in ``figure`` and no single value or unit."""
    b = Project(id="b", name="乙", funding=[cny("20"), usd("5")])
    (row,) = plan_of(b).to_records()
    assert (row["figure"], row["value"], row["unit"]) == ("20万元、5万美元", None, None)
    a = Project(id="a", name="甲", funding=[usd("10")])
    (row,) = plan_of(a).to_records()
    assert (row["value"], row["unit"]) == (Decimal(10), "万美元")
