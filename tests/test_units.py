"""Tests of ``sciplan_model.units``: the package's one pint registry and the facts
(factor, dimension, scale …) it records for each unit name."""

from __future__ import annotations

import itertools
import subprocess
import sys
import textwrap
from decimal import Decimal

import pint
import pytest

import sciplan_model
from sciplan_model import Quantity, UnitInfo, UnknownUnitError, WrongTypeError, unit_info, ureg
from sciplan_model import units as units_module
from sciplan_model.errors import SciplanError
from sciplan_model.units import is_currency, pint_unit, unit_names

MONEY = ("元", "千元", "万元", "百万元", "亿元", "万亿元")
COUNT_WORDS = (
    "项", "个", "家", "人", "名", "人次", "期", "场", "场次", "户", "份", "册",
    "张", "件", "种", "套", "课时", "门", "次",
)  # fmt: skip
SCALES = {"": 0, "万": 4, "亿": 8, "万亿": 12}
# The measure words that share a dimension; every other pair is apart.
SAME_THING = ({"人", "名"}, {"场", "场次"}, {"份", "册"})


def _group(word: str) -> frozenset[str]:
    for group in SAME_THING:
        if word in group:
            return frozenset(group)
    return frozenset({word})


def _pint_facts(name: str) -> tuple[Decimal, str]:
    """What pint itself says about ``name``: the size of one unit in base units, and
    the dimensionality (the test trusts its own names to pint's parser)."""
    base = ureg.Quantity(Decimal(1), name).to_base_units()
    return base.magnitude, str(base.dimensionality).replace(" ", "")


# -- the registry --------------------------------------------------------------------------


def test_registry_is_a_pint_unit_registry_with_decimal_magnitudes() -> None:
    """``ureg`` is a pint UnitRegistry whose magnitudes are Decimals."""
    assert isinstance(ureg, pint.UnitRegistry)
    assert ureg.non_int_type is Decimal
    converted = ureg.Quantity(Decimal("159.3"), "万元").to("元")
    assert type(converted.magnitude) is Decimal
    assert converted.magnitude == Decimal(1593000)


def test_registry_is_exported_from_the_package() -> None:
    """``sciplan_model.ureg`` is the registry of the units module."""
    assert sciplan_model.ureg is units_module.ureg


def test_registry_is_not_the_application_registry() -> None:
    """Our registry is not pint's application registry, which knows nothing of 元."""
    application = pint.get_application_registry()
    assert application.get() is not ureg
    assert "元" not in application
    assert "项" not in application


def test_importing_the_package_leaves_the_application_registry_alone() -> None:
    """Importing sciplan_model does not replace pint's application registry."""
    script = textwrap.dedent(
        """
        import pint
        before = pint.get_application_registry().get()
        import sciplan_model
        after = pint.get_application_registry().get()
        assert after is before, "the application registry was replaced"
        assert after is not sciplan_model.ureg
        assert "元" not in pint.get_application_registry()
        assert "meter" in pint.get_application_registry()
        print("unchanged")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "unchanged"


@pytest.mark.parametrize("name", ["meter", "m", "kg", "second", "USD", "dollar", "degC"])
def test_registry_holds_only_the_package_definitions(name: str) -> None:
    """The registry is built from the package's definitions only: pint's defaults are absent."""
    assert name not in ureg


# -- every unit the issue asks for ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "factor"),
    [
        ("元", 1),
        ("千元", 10**3),
        ("万元", 10**4),
        ("百万元", 10**6),
        ("亿元", 10**8),
        ("万亿元", 10**12),
    ],
)
def test_money_units_and_their_sizes_in_yuan(name: str, factor: int) -> None:
    """Every money unit exists, is a currency and has its exact size in 元 (1万亿 = 10^12)."""
    info = unit_info(name)
    assert info.factor == Decimal(factor)
    assert info.dimension == "[money]"
    assert info.base == "元"
    assert info.currency is True
    assert info.is_count is False
    assert is_currency(name) is True


@pytest.mark.parametrize("word", COUNT_WORDS)
def test_every_measure_word_is_a_count_of_size_one(word: str) -> None:
    """Every measure word the issue lists exists, is an exact count and no currency."""
    info = unit_info(word)
    assert info.factor == Decimal(1)
    assert info.is_count is True
    assert info.currency is False
    assert is_currency(word) is False
    assert info.scale == 0
    assert info.word == word


def test_mu_is_area() -> None:
    """亩 is a unit of area, neither money nor a count."""
    info = unit_info("亩")
    assert info.dimension == "[area]"
    assert info.factor == Decimal(1)
    assert info.is_count is False
    assert info.currency is False


def test_a_hectare_is_fifteen_mu() -> None:
    """1 亩 is 10000/15 m², so 1 公顷 (10000 m²) is exactly 15 亩."""
    assert Quantity("1", "公顷") == Quantity("15", "亩")
    assert Quantity("1", "公顷").to("亩") == Quantity("15", "亩")


def test_percent_is_a_dimensionless_hundredth() -> None:
    """% is a dimensionless hundredth, neither money nor a count."""
    info = unit_info("%")
    assert info.factor == Decimal("0.01")
    assert info.dimension == "dimensionless"
    assert info.currency is False
    assert info.is_count is False


@pytest.mark.parametrize("name", ["percent", "CNY", "dimensionless"])
def test_pint_names_are_not_figure_units(name: str) -> None:
    """Figures are written with the Chinese names and %; pint's own names are not ours."""
    with pytest.raises(UnknownUnitError):
        unit_info(name)


def test_unit_names_hold_every_required_unprefixed_name() -> None:
    """unit_names() lists every required unit that is not written with a scale word."""
    required = {"元", "千元", "百万元", *COUNT_WORDS, "亩", "%"}
    names = unit_names()
    assert isinstance(names, tuple)
    assert required <= set(names)
    assert len(names) == len(set(names))


# -- dimensions ------------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(COUNT_WORDS, 2)))
def test_measure_words_are_their_own_dimensions(a: str, b: str) -> None:
    """Measure words are apart, except 人/名, 场/场次 and 份/册, which count one thing."""
    same = _group(a) == _group(b)
    assert (unit_info(a).dimension == unit_info(b).dimension) is same


@pytest.mark.parametrize("word", COUNT_WORDS)
@pytest.mark.parametrize("other", ["元", "万元", "亩", "%"])
def test_counts_are_neither_money_nor_area(word: str, other: str) -> None:
    """A measure word never shares a dimension with money, area or percent."""
    assert unit_info(word).dimension != unit_info(other).dimension


@pytest.mark.parametrize(("a", "b"), [("人", "名"), ("场", "场次"), ("份", "册")])
def test_paired_measure_words_are_one_to_one(a: str, b: str) -> None:
    """The paired measure words are the same size: 1人 is 1名, 1场 is 1场次, 1份 is 1册."""
    assert unit_info(a).factor == unit_info(b).factor == Decimal(1)
    assert Quantity("3", a) == Quantity("3", b)
    assert Quantity("3", a) + Quantity("4", b) == Quantity("7", a)


# -- scales ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("scale", "power"), [(s, p) for s, p in SCALES.items() if s])
@pytest.mark.parametrize("word", [*COUNT_WORDS, "元", "亩"])
def test_scale_words_scale_money_counts_and_area(scale: str, power: int, word: str) -> None:
    """万, 亿 and 万亿 scale money, counts and area: the word stays, the factor grows."""
    info = unit_info(scale + word)
    plain = unit_info(word)
    assert info.name == scale + word
    assert info.scale == power
    assert info.word == word
    assert info.factor == Decimal(10) ** power
    assert info.dimension == plain.dimension
    assert info.currency is plain.currency
    assert info.is_count is plain.is_count


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        (Quantity("2", "万人次"), Quantity("20000", "人次")),
        (Quantity("4.5", "万亩"), Quantity("45000", "亩")),
        (Quantity("52.6", "万册"), Quantity("526000", "份")),
        (Quantity("1.5", "亿元"), Quantity("150000000", "元")),
        (Quantity("1", "万亿元"), Quantity("1000000000000", "元")),
        (Quantity("3", "亿人"), Quantity("300000000", "名")),
    ],
)
def test_scaled_units_equal_their_plain_amounts(written: Quantity, plain: Quantity) -> None:
    """A figure with a scale word is the plain amount: 2万人次 is 20000人次, 4.5万亩 is 45000亩."""
    assert written == plain


# -- unit_info facts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "factor", "dimension", "word", "scale", "currency", "is_count"),
    [
        ("元", "1", "[money]", "元", 0, True, False),
        ("千元", "1000", "[money]", "元", 0, True, False),
        ("万元", "10000", "[money]", "元", 4, True, False),
        ("百万元", "1000000", "[money]", "元", 0, True, False),
        ("亿元", "100000000", "[money]", "元", 8, True, False),
        ("万亿元", "1000000000000", "[money]", "元", 12, True, False),
        ("项", "1", "[项]", "项", 0, False, True),
        ("万人次", "10000", "[人次]", "人次", 4, False, True),
        ("名", "1", "[人]", "名", 0, False, True),
        ("万名", "10000", "[人]", "名", 4, False, True),
        ("场次", "1", "[场]", "场次", 0, False, True),
        ("万册", "10000", "[份]", "册", 4, False, True),
        ("亿课时", "100000000", "[课时]", "课时", 8, False, True),
        ("亩", "1", "[area]", "亩", 0, False, False),
        ("万亩", "10000", "[area]", "亩", 4, False, False),
    ],
)
def test_unit_info_facts(
    name: str,
    factor: str,
    dimension: str,
    word: str,
    scale: int,
    currency: bool,
    is_count: bool,
) -> None:
    """unit_info records the factor, dimension, word, scale, currency and count facts."""
    info = unit_info(name)
    assert isinstance(info, UnitInfo)
    assert info.name == name
    assert info.factor == Decimal(factor)
    assert type(info.factor) is Decimal
    assert info.dimension == dimension
    assert info.word == word
    assert info.scale == scale
    assert info.currency is currency
    assert info.is_count is is_count


def test_unit_info_is_cached_per_name() -> None:
    """unit_info gives the same record each time it is asked about a name."""
    assert unit_info("万元") is unit_info("万元")


def test_unit_info_is_immutable() -> None:
    """A UnitInfo record cannot be changed."""
    import attrs

    info = unit_info("万元")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        info.factor = Decimal(1)  # type: ignore[misc]
    assert unit_info("万元").factor == Decimal(10000)


@pytest.mark.parametrize("scale", list(SCALES))
@pytest.mark.parametrize("name", unit_names())
def test_recorded_facts_agree_with_pint(name: str, scale: str) -> None:
    """For every unit name and scale, UnitInfo's factor and dimension are what pint computes."""
    full = scale + name
    try:
        info = unit_info(full)
    except UnknownUnitError as refused:
        error: UnknownUnitError | None = refused
    else:
        error = None
    if error is not None:
        # A name that takes no scale word is refused with our own error, never pint's.
        assert scale
        assert error.unit == full
        assert str(error) == f"unknown unit {full!r}: {name!r} takes no scale word"
        return
    factor, dimension = _pint_facts(full)
    assert info.factor == factor
    assert info.dimension == dimension
    assert info.base == str(ureg.Quantity(Decimal(1), full).to_base_units().units)


@pytest.mark.parametrize(
    ("name", "factor", "dimension"),
    [
        ("元/亩", "1", "[money]/[area]"),
        ("万元/项", "10000", "[money]/[项]"),
        ("元/人", "1", "[money]/[人]"),
        ("亿元/万亩", "10000", "[money]/[area]"),
    ],
)
def test_per_unit_compounds(name: str, factor: str, dimension: str) -> None:
    """Per-unit figures (元/亩, 万元/项) are units whose factor and dimension pint confirms."""
    info = unit_info(name)
    assert info.name == name
    assert info.factor == Decimal(factor)
    assert info.dimension == dimension
    assert info.currency is False
    assert info.scale == 0
    assert (info.factor, info.dimension) == _pint_facts(name)


@pytest.mark.parametrize("name", ["元/亩", "万元/项", "元/人", "亿元/万亩"])
def test_per_unit_figures_are_not_counts(name: str) -> None:
    """A per-unit figure (元/亩) is a rate, not a measure word: it is not an exact count."""
    assert unit_info(name).is_count is False
    assert Quantity("3", name).is_count is False


@pytest.mark.parametrize("name", ["元", "万元", "万亿元", "人次", "万人次", "亩", "万册", "元/亩"])
def test_pint_unit_is_the_registry_unit(name: str) -> None:
    """pint_unit(name) is the unit of our registry that the name stands for."""
    unit = pint_unit(name)
    assert isinstance(unit, ureg.Unit)
    assert unit == ureg.Unit(name)


# -- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("卢布", "unknown unit '卢布'"),
        ("", "unknown unit ''"),
        ("万千元", "unknown unit '万千元': '千元' takes no scale word"),
        ("万百万元", "unknown unit '万百万元': '百万元' takes no scale word"),
        ("万%", "unknown unit '万%': '%' takes no scale word"),
        ("m", "unknown unit 'm'"),
        ("meter", "unknown unit 'meter'"),
        ("千万元", "unknown unit '千万元'"),
        ("万万元", "unknown unit '万万元'"),
        ("万", "unknown unit '万'"),
        ("亿", "unknown unit '亿'"),
        ("元 ", "unknown unit '元 '"),
        ("元元", "unknown unit '元元'"),
        ("1元", "unknown unit '1元'"),
        ("dimensionless", "unknown unit 'dimensionless'"),
        ("[money]", "unknown unit '[money]'"),
        ("元/亩/人", "unknown unit '元/亩/人': one '/' at most"),
        ("卢布/亩", "unknown unit '卢布/亩': its part '卢布' is unknown"),
        ("元/", "unknown unit '元/': its part '' is unknown"),
    ],
)
def test_unknown_units_are_our_value_error(name: str, message: str) -> None:
    """A unit the package does not define is an UnknownUnitError (a ValueError) naming it."""
    with pytest.raises(UnknownUnitError) as excinfo:
        unit_info(name)
    assert isinstance(excinfo.value, ValueError)
    assert isinstance(excinfo.value, SciplanError)
    assert excinfo.value.unit == name
    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    "expression",
    ["2*元", "元**2", "元^2", "元*亩", "(元)", "1/元", "元 / 亩", "万 元", "10000 元", "元 + 元"],
)
def test_pint_expressions_are_not_parsed(expression: str) -> None:
    """Strings that only pint's expression parser would read are refused, not evaluated."""
    with pytest.raises(UnknownUnitError) as excinfo:
        unit_info(expression)
    assert excinfo.value.unit == expression


def test_units_never_reach_pints_expression_parser() -> None:
    """Every unit lookup, conversion and parse works with pint's string parsers disabled."""
    script = textwrap.dedent(
        """
        import itertools
        import pint

        def refuse(self, *args, **kwargs):
            raise AssertionError(f"pint's parser was called with {args!r}")

        for method in ("parse_expression", "parse_units", "parse_units_as_container"):
            setattr(pint.UnitRegistry, method, refuse)

        import sciplan_model as s
        from sciplan_model.units import pint_unit, unit_names

        try:
            s.ureg.Quantity(1, "元")
        except AssertionError:
            pass
        else:
            raise SystemExit("the parser was not disabled")
        known = 0
        for name, scale in itertools.product(unit_names(), ["", "万", "亿", "万亿"]):
            try:
                info = s.unit_info(scale + name)
            except s.UnknownUnitError:
                continue
            pint_unit(info.name)
            known += 1
        print(known)
        print(s.Quantity("2", "万人次").to_pint())
        print(pint_unit("万元/项"))
        print(s.total([s.Money("1", "亿元"), s.Money("1", "万元")]))
        print(s.Quantity.parse("159.3万元").to("元"))
        print(s.Quantity("4.5", "万亩").compact())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    known, *shown = result.stdout.splitlines()
    assert int(known) > len(unit_names())
    assert shown == ["2 万人次", "万元 / 项", "10001万元", "1593000元", "4.5万亩"]


@pytest.mark.parametrize(
    ("value", "got"),
    [(None, "NoneType"), (1, "int"), (1.0, "float"), (b"\xe5\x85\x83", "bytes"), (["元"], "list")],
)
def test_a_non_str_unit_is_a_type_error(value: object, got: str) -> None:
    """A unit that is not a str is a WrongTypeError (a TypeError) naming its type."""
    with pytest.raises(WrongTypeError) as excinfo:
        unit_info(value)  # type: ignore[arg-type]
    assert isinstance(excinfo.value, TypeError)
    assert excinfo.value.field == "unit"
    assert excinfo.value.expected == "a str"
    assert excinfo.value.got == got
    assert str(excinfo.value) == f"unit must be a str, not {got}"


def test_is_currency_refuses_unknown_units() -> None:
    """is_currency of an unknown unit is an UnknownUnitError, not False."""
    with pytest.raises(UnknownUnitError) as excinfo:
        is_currency("卢布")
    assert str(excinfo.value) == "unknown unit '卢布'"


@pytest.mark.parametrize(
    ("amount", "unit", "in_mu"),
    [
        ("1", "平方米", "0.0015"),
        ("1", "公顷", "15"),
        ("1", "平方公里", "1500"),
        ("2", "万亩", "20000"),
    ],
)
def test_area_units_are_exact_multiples_of_mu(amount: str, unit: str, in_mu: str) -> None:
    """Every area unit is an exact decimal number of 亩 (1 亩 = 10000/15 m²)."""
    assert Quantity(amount, unit).to("亩") == Quantity(in_mu, "亩")
    assert unit_info(unit).factor == Decimal(in_mu) / Decimal(amount)
