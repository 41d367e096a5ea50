"""Hypothesis strategies for figures, amounts, breakdowns and whole plans.

Bureau software that embeds the library property-tests its own code with these:
"for any plan whose breakdowns add up, our export keeps every figure", "for any
breakdown with one part off, our screen shows the error".  Install the ``testing``
extra (``pip install "sciplan_model[testing]"``), which brings hypothesis::

    >>> from hypothesis import given
    >>> from sciplan_model import validate
    >>> from sciplan_model.strategies import plans
    >>> @given(plans(max_projects=3))
    ... def test_every_plan_validates(plan):
    ...     assert validate(plan).ok
    >>> test_every_plan_validates()

Everything a strategy makes is valid: it constructs, saves and loads back, and a plan
validates with no error.  Names and titles are drawn first from short texts as plans
write them and then from any text (JSON and TOML must escape some of it), so that a
failing example shrinks to something a person can read.

With the package installed, ``st.from_type(Money)``, ``st.from_type(Figure)``,
``st.from_type(Plan)`` and the like give these strategies in any project (hypothesis
finds them through its entry point; see docs/testing.md).
"""

from __future__ import annotations

try:
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - the tests run with hypothesis
    raise ImportError(
        'sciplan_model.strategies needs hypothesis: pip install "sciplan_model[testing]"',
        name="hypothesis",
    ) from None

import enum
import functools
import math
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal, TypeVar, overload

import attrs

from .codes import (
    Aggregation,
    FundingSource,
    FundingStage,
    Level,
    OrganizationKind,
    PlanKind,
    ProjectStatus,
)
from .errors import InvalidValueError, WrongTypeError
from .figure import Figure, Qualifier
from .model import (
    Achievement,
    Breakdown,
    BreakdownPart,
    Designation,
    Funding,
    Goal,
    Indicator,
    Measure,
    Note,
    Organization,
    Person,
    Plan,
    Project,
    Region,
    ScheduleEntry,
    Section,
    SourceRef,
    Task,
)
from .numerals import to_chinese_numeral
from .period import FiveYearPlan, Year, YearSpan
from .quantity import Money, Quantity
from .units import unit_info
from .validation import Finding, Severity

__all__ = [
    "AREA_UNITS",
    "COUNT_UNITS",
    "COUNT_WORDS",
    "MONEY_UNITS",
    "RATE_UNITS",
    "UNIT_FAMILIES",
    "FigureText",
    "OffBreakdown",
    "PlanText",
    "achievements",
    "amounts",
    "breakdowns",
    "figure_texts",
    "figures",
    "fundings",
    "goals",
    "indicators",
    "periods",
    "plan_texts",
    "plans",
    "projects",
    "quantities",
    "regions",
    "sections",
    "written_figures",
]

T = TypeVar("T")
Bound = Quantity | Decimal | int | str

#: Units of money in 元, from 元 to 万亿元.
MONEY_UNITS: tuple[str, ...] = ("元", "千元", "万元", "百万元", "亿元", "万亿元")
#: Measure words (量词) plans count with.
COUNT_WORDS: tuple[str, ...] = (
    "项", "个", "家", "人", "名", "人次", "期", "场", "场次", "户", "份", "册",
    "张", "件", "种", "套", "课时", "门", "次",
)  # fmt: skip
_SCALES = ("", "万", "亿", "万亿")
#: Every measure word of COUNT_WORDS, bare and with the scales 万, 亿 and 万亿.
COUNT_UNITS: tuple[str, ...] = tuple(s + w for s in _SCALES for w in COUNT_WORDS)
#: Units of area.
AREA_UNITS: tuple[str, ...] = ("亩", "万亩", "亿亩", "公顷")
#: Rates: per cent and percentage points.
RATE_UNITS: tuple[str, ...] = ("%", "个百分点")
#: Units that measure one thing each: money, area, rates, and each measure word with
#: its scales.  A figure, a breakdown or an indicator keeps to one family.
UNIT_FAMILIES: tuple[tuple[str, ...], ...] = (
    MONEY_UNITS,
    AREA_UNITS,
    *(tuple(s + w for s in _SCALES) for w in COUNT_WORDS),
    ("%",),
    ("个百分点",),
)
#: Families whose units convert into one another exactly, for statements that add up.
_EXACT_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("元", "万元", "亿元"),
    ("亩", "万亩"),
    *(tuple(s + w for s in _SCALES) for w in COUNT_WORDS),
)
#: The largest magnitude drawn unless the caller says otherwise.
_DEFAULT_HIGH = Fraction(10**8)
_MILLION = Fraction(10**6)

# -- text -----------------------------------------------------------------------------------

# Characters names are drawn from after the readable ones: Chinese and ASCII
# punctuation, characters that JSON and TOML must escape, and any other character.
_ALPHABET = st.one_of(
    st.sampled_from("科技计划项目县市省企业协会培训一二三十、，。()（）“”《》·"),
    st.sampled_from("abcXYZ019 \"\\\n\t'/#[]{}=\x00\x7f"),
    st.characters(
        min_codepoint=0x20,
        max_codepoint=0x2FFFF,
        categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf", "Co", "Cn"),
    ),
)


def _nonblank(s: str) -> bool:
    return bool(s.strip())


@functools.cache
def _any_text(max_size: int) -> st.SearchStrategy[str]:
    return st.text(_ALPHABET, min_size=1, max_size=max_size).filter(_nonblank)


def _text(pool: tuple[str, ...], max_size: int = 8) -> st.SearchStrategy[str]:
    """A text from ``pool`` (what a failing example shrinks to), or any short text."""
    return st.one_of(st.sampled_from(pool), _any_text(max_size))


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


_COUNTIES = ("青禾县", "石岭区", "云溪市", "芦湾镇", "松川县", "白岩县")
_ORGANIZATIONS = ("青禾县农业科技有限公司", "石岭区农技推广站", "云溪市农科所", "松川县科协")
_PROJECTS = ("马铃薯脱毒种薯繁育", "设施蔬菜节水灌溉", "中药材规范化种植", "肉牛良种繁育")
_PROGRAMMES = ("星火计划", "科技富民强县专项", "科技特派员项目", "重点研发计划")
_TOPICS = ("科技创新", "成果转化", "科技服务", "人才培养", "平台建设", "科学普及")
_PEOPLE = ("张明", "李芳", "王强", "赵丽")
_ROLES = ("局长", "副局长", "科长", "主任")
_TITLES = ("科技示范基地", "专家工作站", "星创天地", "科普示范村")
_WORDS = ("科技", "项目", "培训", "示范", "推广", "企业")


# -- numbers and units --------------------------------------------------------------------------


def _units(unit: str | Iterable[str] | None, default: tuple[str, ...], what: str) -> list[str]:
    """The units a strategy may draw from: ``unit`` (one name or several), or ``default``;
    each must be a unit the library knows."""
    if unit is None:
        names = list(default)
    elif isinstance(unit, str):
        names = [unit]
    else:
        names = list(unit)
        if not all(isinstance(u, str) for u in names):
            raise WrongTypeError(what, "a unit's name or names", type(unit).__name__)
    if not names:
        raise InvalidValueError(what, "no unit to draw from")
    for name in names:
        unit_info(name)  # an UnknownUnitError names it
    return names


def _bound_in(bound: Bound | None, unit: str, what: str) -> Fraction | None:
    """``bound`` as a number of ``unit``: an amount converted exactly, a number as it is."""
    if bound is None:
        return None
    if isinstance(bound, Quantity):
        mine, theirs = unit_info(unit), unit_info(bound.unit)
        if mine.dimension != theirs.dimension:
            raise InvalidValueError(what, f"{bound} is not in the dimension of {unit}")
        return Fraction(bound.magnitude) * Fraction(theirs.factor) / Fraction(mine.factor)
    if isinstance(bound, bool) or not isinstance(bound, int | Decimal | str):
        raise WrongTypeError(what, "an amount, a Decimal, an int or a str", type(bound).__name__)
    try:
        number = Decimal(bound)
    except InvalidOperation:
        raise InvalidValueError(what, f"{bound!r} is not a number") from None
    if not number.is_finite():
        raise InvalidValueError(what, f"{bound!r} is not a finite number")
    return Fraction(number)


def _default_places(unit: str) -> int:
    """Places after the point drawn by default: whole 分 of money, whole counts (万人次
    to 4 places is whole 人次), hundredths of other measures; never more than 4."""
    return min(4, unit_info(unit).scale + (0 if _is_count(unit) else 2))


def _is_count(unit: str) -> bool:
    """Whether ``unit`` counts (项, 万人次) rather than measures (万元, 亩, %)."""
    return Quantity(0, unit).is_count


def _magnitude_plans(
    units: Sequence[str],
    min_value: Bound | None,
    max_value: Bound | None,
    places: int | None,
    what: str,
) -> tuple[tuple[str, Choices], ...]:
    """For each unit, the (places, lowest, highest) integer counts of ``10**-places`` of it
    that lie within the bounds; units with none are left out, and no unit left is an
    error naming the bounds."""
    if places is not None and (isinstance(places, bool) or not isinstance(places, int)):
        raise WrongTypeError("places", "an int or None", type(places).__name__)
    if places is not None and not 0 <= places <= 12:
        raise InvalidValueError("places", f"{places} is not from 0 to 12")
    out = []
    for unit in units:
        low = _bound_in(min_value, unit, "min_value")
        high = _bound_in(max_value, unit, "max_value")
        low = Fraction(0) if low is None else low
        high = _DEFAULT_HIGH if high is None else high
        if low > high:
            raise InvalidValueError(what, f"min_value {min_value} is above max_value {max_value}")
        found = _choices(unit, low, high, places)
        if found:
            out.append((unit, found))
    if not out:
        raise InvalidValueError(
            what, f"no value from {min_value} to {max_value} with those places in {list(units)}"
        )
    return tuple(out)


Choices = tuple[tuple[int, int, int], ...]


@functools.lru_cache(maxsize=4096)
def _choices(unit: str, low: Fraction, high: Fraction, places: int | None) -> Choices:
    """The (places, lowest, highest) integer counts of ``10**-places`` of ``unit`` from
    ``low`` to ``high`` (numbers of the unit), the fewest places first."""
    out = []
    for p in range(_default_places(unit) + 1) if places is None else (places,):
        lo, hi = math.ceil(low * 10**p), math.floor(high * 10**p)
        if lo <= hi:
            out.append((p, lo, hi))
    return tuple(out)


def _draw_quantity(
    draw: st.DrawFn,
    unit: str,
    low: Fraction = Fraction(0),
    high: Fraction = _DEFAULT_HIGH,
    places: int | None = None,
) -> Quantity:
    """A quantity of ``unit`` from ``low`` to ``high`` (numbers of the unit), drawn as
    the places after the point (fewest first) and then the digits: cheap to draw, and
    each shrinks on its own."""
    choices = _choices(unit, low, high, places)
    p, lo, hi = draw(st.sampled_from(choices))
    return Quantity(Decimal(draw(st.integers(lo, hi))).scaleb(-p), unit)


@functools.lru_cache(maxsize=1024)
def _quantities_of(plans: tuple[tuple[str, Choices], ...]) -> st.SearchStrategy[Quantity]:
    @st.composite
    def drawn(draw: st.DrawFn) -> Quantity:
        unit, choices = draw(st.sampled_from(plans))
        p, lo, hi = draw(st.sampled_from(choices))
        return Quantity(Decimal(draw(st.integers(lo, hi))).scaleb(-p), unit)

    return drawn()


def quantities(
    unit: str | Iterable[str] | None = None,
    *,
    min_value: Bound | None = None,
    max_value: Bound | None = None,
    places: int | None = None,
) -> st.SearchStrategy[Quantity]:
    """Exact quantities in ``unit`` (a name, or several to draw from; by default money,
    area and counted units), from ``min_value`` to ``max_value``.

    A bound that is an amount (``Money("1", "万元")``) bounds the value in any unit; a
    number bounds the magnitude in the unit drawn.  The default is from 0 to 10⁸ of the
    unit.  ``places`` fixes the digits after the point; by default from none up to
    whole 分 for money, whole counts for measure words, and hundredths otherwise (never
    more than 4).  Money comes as :class:`Money`.

    >>> from hypothesis import find
    >>> find(quantities("万人次", min_value=3), lambda q: True)
    Quantity('3', '万人次')
    """
    names = _units(unit, MONEY_UNITS + COUNT_UNITS + AREA_UNITS, "unit")
    return _quantities_of(_magnitude_plans(names, min_value, max_value, places, "quantities"))


def amounts(
    unit: str | Iterable[str] | None = None,
    *,
    min_value: Bound | None = None,
    max_value: Bound | None = None,
    places: int | None = None,
) -> st.SearchStrategy[Money]:
    """Exact amounts of money in ``unit`` (by default 元, 千元, 万元, 百万元, 亿元 or
    万亿元), bounded and written as :func:`quantities` says; by default whole 分.

    >>> from hypothesis import find
    >>> find(amounts("万元", min_value=Money("1500", "元")), lambda m: True)
    Money('1', '万元')
    """
    names = _units(unit, MONEY_UNITS, "unit")
    for name in names:
        if not unit_info(name).currency:
            raise InvalidValueError("unit", f"{name} is not money")
    return quantities(  # type: ignore[return-value]
        names, min_value=min_value, max_value=max_value, places=places
    )


# -- figures --------------------------------------------------------------------------------

_VALUED = (
    Qualifier.EXACT,
    Qualifier.AT_LEAST,
    Qualifier.MORE_THAN,
    Qualifier.AT_MOST,
    Qualifier.LESS_THAN,
    Qualifier.ODD,
    Qualifier.NEARLY,
    Qualifier.ABOUT,
    Qualifier.RANGE,
)
#: Qualifiers a placeholder (20xx万元) may keep: the others need a value.
_WITHOUT_VALUE = frozenset(
    {
        Qualifier.UNKNOWN,
        Qualifier.AT_LEAST,
        Qualifier.MORE_THAN,
        Qualifier.AT_MOST,
        Qualifier.LESS_THAN,
        Qualifier.NEARLY,
        Qualifier.ABOUT,
    }
)
_PLACEHOLDERS = ("20xx", "xx", "XX", "1x", "××", "**")
#: Measure words with another that plans write in brackets after them: 500人(次).
_ALTERNATIVES = {"人": "人次", "册": "份", "份": "册", "家": "户", "户": "家", "个": "项"}


def _qualifiers(qualifiers: Iterable[Qualifier] | None, placeholders: bool) -> list[Qualifier]:
    if qualifiers is None:
        chosen = list(_VALUED) + ([Qualifier.UNKNOWN] if placeholders else [])
    else:
        chosen = list(qualifiers)
        for q in chosen:
            if not isinstance(q, Qualifier):
                raise WrongTypeError("qualifiers", "Qualifier members", type(q).__name__)
    if Qualifier.UNKNOWN in chosen and not placeholders:
        raise InvalidValueError("qualifiers", "UNKNOWN figures are placeholders")
    if not chosen:
        raise InvalidValueError("qualifiers", "no qualifier to draw from")
    return chosen


def _families(units: str | Iterable[str] | None) -> list[tuple[str, ...]]:
    """The families of units figures are drawn in: UNIT_FAMILIES, or ``units`` grouped by
    dimension."""
    if units is None:
        return list(UNIT_FAMILIES)
    names = _units(units, (), "units")
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(unit_info(name).dimension, []).append(name)
    return [tuple(g) for g in groups.values()]


def figures(
    qualifiers: Iterable[Qualifier] | None = None,
    units: str | Iterable[str] | None = None,
    placeholders: bool = True,
) -> st.SearchStrategy[Figure]:
    """Figures as plans write them: a value in one of ``units`` (by default any of
    :data:`UNIT_FAMILIES`) with one of ``qualifiers`` (by default all of them), sometimes
    an aspiration (力争…), a range (3至5亿元, 5人次至3万人次) or a bracketed alternative
    (500人(次)); and, with ``placeholders``, figures whose digits a template withholds
    (20xx万元, 20xx万元以上).  ``Figure.parse(str(f)) == f`` for every one.

    >>> from hypothesis import find
    >>> find(figures([Qualifier.ODD], "家"), lambda f: True)
    Figure('1余家')
    """
    chosen = _qualifiers(qualifiers, placeholders)
    families = _families(units)
    return _figures(tuple(chosen), tuple(families), placeholders)


@functools.cache
@st.composite
def _figures(
    draw: st.DrawFn,
    chosen: tuple[Qualifier, ...],
    families: tuple[tuple[str, ...], ...],
    placeholders: bool,
) -> Figure:
    # Every choice is drawn whatever the qualifier, in one order, so that an example
    # shrinks by lowering any of them (to 0元, exact) without the rest shifting.
    family = draw(st.sampled_from(families))
    unit = draw(st.sampled_from(family))
    aspirational = draw(st.booleans())
    qualifier = draw(st.sampled_from(chosen))
    withheld = draw(st.integers(0, 4)) == 4
    placeholder = draw(st.sampled_from(_PLACEHOLDERS))
    value = _draw_quantity(draw, unit, high=_MILLION)
    alternative = draw(st.integers(0, 5)) == 5
    low_unit = draw(st.sampled_from(_same_word(unit, family)))
    low = _draw_quantity(draw, low_unit, high=_base(value) / Fraction(unit_info(low_unit).factor))
    if (
        placeholders
        and qualifier in _WITHOUT_VALUE
        and (qualifier is Qualifier.UNKNOWN or withheld)
    ):
        return Figure(None, unit, qualifier, aspirational, placeholder=placeholder)
    if qualifier is Qualifier.UNKNOWN:  # placeholders off: no UNKNOWN reaches here
        qualifier = Qualifier.EXACT
    if qualifier is Qualifier.ODD and not value:  # 余 needs a figure above zero
        value = Quantity(1, unit)
    word = unit_info(unit).word
    other = _ALTERNATIVES.get(word) if alternative else None
    if qualifier is Qualifier.RANGE:  # the figure's unit is its high end's
        return Figure(low, unit, qualifier, aspirational, upper=value, alternative_unit=other)
    return Figure(value, unit, qualifier, aspirational, alternative_unit=other)


def _same_word(unit: str, family: tuple[str, ...]) -> tuple[str, ...]:
    """Units of ``family`` the low end of a range ending in ``unit`` may be in: the unit
    itself first, then the smaller scales of its word (5人次至3万人次), as plans write
    ranges (never 0万亿至1项)."""
    info = unit_info(unit)
    others = tuple(
        u
        for u in family
        if u != unit
        and info.scalable
        and unit_info(u).word == info.word
        and unit_info(u).factor < info.factor
    )
    return (unit, *others)


@attrs.frozen
class FigureText:
    """A figure written as a plan might write it, and the figure that text says."""

    text: str
    figure: Figure


_BEFORE = {
    Qualifier.AT_LEAST: ("不少于", "至少", "不低于"),
    Qualifier.MORE_THAN: ("超过", "多于", "突破"),
    Qualifier.AT_MOST: ("不超过", "不高于"),
    Qualifier.LESS_THAN: ("不满", "低于", "少于", "不足"),
    Qualifier.NEARLY: ("近", "将近", "接近"),
    Qualifier.ABOUT: ("约", "大约"),
}
_AFTER = {
    Qualifier.AT_LEAST: ("以上",),
    Qualifier.AT_MOST: ("以下", "以内"),
    Qualifier.ABOUT: ("左右",),
}
_ASPIRING = ("力争", "争取", "努力实现", "力求")
_BINDING = ("", "", "确保", "达到", "共", "共计", "合计")
_FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def written_figures(
    qualifiers: Iterable[Qualifier] | None = None,
    units: str | Iterable[str] | None = None,
    placeholders: bool = True,
) -> st.SearchStrategy[FigureText]:
    """Figures (as :func:`figures` makes them) each with a text a plan might write for
    it: qualifiers in any of their wordings (不少于, 至少…以上, 左右, 多), 力争 or 争取,
    确保 or 共计, full-width digits, thousands separators, 。 for the point, Chinese
    numerals, and 至, -, ～ or — between a range's ends.  ``Figure.parse(text)`` gives
    the figure.

    >>> from hypothesis import find
    >>> find(written_figures([Qualifier.EXACT], "项"), lambda w: True)
    FigureText(text='0项', figure=Figure('0项'))
    """
    return figures(qualifiers, units, placeholders).flatmap(_written)


def figure_texts(
    qualifiers: Iterable[Qualifier] | None = None,
    units: str | Iterable[str] | None = None,
    placeholders: bool = True,
) -> st.SearchStrategy[str]:
    """The texts of :func:`written_figures`: figures as plans write them, every one of
    which ``Figure.parse`` reads."""
    return written_figures(qualifiers, units, placeholders).map(lambda w: w.text)


def _written(figure: Figure) -> st.SearchStrategy[FigureText]:
    return _write(figure).map(lambda text: FigureText(text, figure))


@st.composite
def _write(draw: st.DrawFn, f: Figure) -> str:
    q = f.qualifier
    lead = draw(st.sampled_from(_ASPIRING if f.aspirational else _BINDING))
    canonical = str(attrs.evolve(f, aspirational=False, text=""))
    if f.value is None:
        return lead + _placeholder_text(draw, f, canonical)
    alternative = ""
    if f.alternative_unit:  # 500人(次): the bracket as the canonical text writes it
        start = canonical.rindex("(")
        alternative = canonical[start : canonical.index(")", start) + 1]
    if q is Qualifier.RANGE and f.upper is not None:
        sep = draw(st.sampled_from(("至", "-", "～", "—", "到")))
        low_text, high_text = canonical.split("至", 1)
        low = _number(draw, f.value.magnitude, f.value.unit, plain=True)
        low_text = low + low_text[len(_digits(f.value.magnitude)) :]
        high = _number(draw, f.upper.magnitude, f.upper.unit, plain=True)
        high_text = high + high_text[len(_digits(f.upper.magnitude)) :]
        return lead + low_text + sep + high_text
    info = unit_info(f.value.unit)
    number = _number(draw, f.value.magnitude, f.value.unit, plain=False)
    if q is Qualifier.ODD:
        scale = {4: "万", 8: "亿", 12: "万亿"}.get(info.scale, "")
        word = info.word if info.scale else f.value.unit
        odd = draw(st.sampled_from(("余", "多")))
        return f"{lead}{number}{scale}{odd}{word}{alternative}"
    body = f"{number}{f.value.unit}{alternative}"
    before, after = _BEFORE.get(q, ()), _AFTER.get(q, ())
    forms = [(b, "") for b in before] + [("", a) for a in after]
    if q is Qualifier.AT_LEAST:
        forms.append(("至少", "以上"))
    if q is Qualifier.ABOUT:
        forms.append(("约", "左右"))
    if not forms:
        return lead + body
    prefix, suffix = draw(st.sampled_from(forms))
    return f"{lead}{prefix}{body}{suffix}"


def _placeholder_text(draw: st.DrawFn, f: Figure, canonical: str) -> str:
    """A placeholder's text: as printed, or with 以上 and 以下 said before it (不少于20xx万元)."""
    after = _AFTER.get(f.qualifier, ())
    if after and canonical.endswith(after[0]) and draw(st.booleans()):
        return draw(st.sampled_from(_BEFORE[f.qualifier])) + canonical[: -len(after[0])]
    return canonical


def _digits(d: Decimal) -> str:
    return format(d, "f")


def _number(draw: st.DrawFn, d: Decimal, unit: str, *, plain: bool) -> str:
    """``d`` written as plans write numbers: plain, full-width, with thousands
    separators, with 。 for the point, or in Chinese numerals (whole numbers of units
    without a scale, below 万, so that the numeral keeps the unit)."""
    text = _digits(d)
    forms = ["plain", "full"]
    whole, _, frac = text.partition(".")
    if len(whole) > 3 and not whole.startswith("-"):
        forms.append("grouped")
    if frac:
        forms.append("stop")
    info = unit_info(unit)
    # below 万 only: 二十五万家 reads as 25万家, a figure equal in value but not as written
    if not (frac or plain) and 0 < d < 10**4 and info.factor == 1 and info.scalable:
        forms.append("chinese")
    form = draw(st.sampled_from(forms))
    if form == "full":
        return text.translate(_FULL_WIDTH)
    if form == "grouped":
        return f"{int(whole):,}" + (f".{frac}" if frac else "")
    if form == "stop":
        return f"{whole}。{frac}"
    if form == "chinese":
        return to_chinese_numeral(int(d))
    return text


# -- periods, regions, indicators -----------------------------------------------------------


@functools.cache
def _years() -> st.SearchStrategy[Year]:
    return st.one_of(
        st.builds(Year, st.integers(1000, 9999)),
        st.sampled_from(("20xx年", "xxxx年", "19XX年", "20××年")).map(Year.parse),
    )


@st.composite
def _year_spans(draw: st.DrawFn) -> YearSpan:
    start, end = draw(_years()), draw(_years())
    if start.value is not None and end.value is not None and start.value > end.value:
        start, end = end, start
    return YearSpan(start, end)


@functools.cache
def periods() -> st.SearchStrategy[Year | FiveYearPlan | YearSpan]:
    """Any period: a year (2024年, or a template's 20xx年), a five-year plan (十四五) or
    a span of years (2021-2025年)."""
    return st.one_of(_years(), st.builds(FiveYearPlan, st.integers(1, 9999)), _year_spans())


@functools.cache
def _region_codes() -> st.SearchStrategy[str]:
    # digits drawn from a fixed alphabet: from_regex would first build hypothesis' table
    # of Unicode characters, over a second on a fresh machine
    return st.text("0123456789", min_size=6, max_size=6)


@functools.cache
def regions() -> st.SearchStrategy[Region]:
    """Regions, some with a GB/T 2260 code and a level, and up to a few regions above
    them."""

    def region(parent: st.SearchStrategy[Region | None]) -> st.SearchStrategy[Region]:
        return st.builds(
            Region,
            name=_text(_COUNTIES),
            code=_optional(_region_codes()),
            level=_optional(st.sampled_from(Level)),
            parent=parent,
        )

    return st.recursive(region(st.none()), region, max_leaves=3)


def _indicator_names(unit: str) -> tuple[str, ...]:
    info = unit_info(unit)
    if info.currency:
        return ("研发经费投入", "争取科技资金", "科技经费")
    if info.dimension in (unit_info("亩").dimension,):
        return ("示范种植面积", "推广面积")
    if info.name in RATE_UNITS:
        return ("研发投入增长", "科技进步贡献率")
    return ("高新技术企业", "科技计划项目", "农民技术培训", "发明专利授权")


def indicators(units: str | Iterable[str] | None = None) -> st.SearchStrategy[Indicator]:
    """Indicators counted in one of ``units`` (by default of any family); a counted one
    may name other measure words that count the same thing (projects in 项 or 个)."""
    families = _families(units)
    return st.sampled_from(families).flatmap(_indicator)


@functools.cache
@st.composite
def _indicator(draw: st.DrawFn, family: tuple[str, ...]) -> Indicator:
    unit = draw(st.sampled_from(family))
    same_as: list[str] = []
    if unit_info(unit).word in COUNT_WORDS and unit_info(unit).scalable:
        same_as = draw(st.lists(st.sampled_from(COUNT_WORDS), max_size=2, unique=True))
        same_as = [w for w in same_as if w != unit_info(unit).word]
    return Indicator(
        name=draw(_text(_indicator_names(unit))),
        unit=unit,
        same_as=same_as,
        key=draw(_optional(_text(("gaoqi", "xiangmu", "peixun")))),
        aggregation=draw(st.sampled_from(Aggregation)),
        per=draw(_optional(_text(("每万人", "每家")))),
    )


@functools.cache
def _source_refs() -> st.SearchStrategy[SourceRef]:
    @st.composite
    def refs(draw: st.DrawFn) -> SourceRef:
        start = draw(st.integers(0, 10**6))
        end = draw(st.integers(start, start + 10**4))
        return SourceRef(document=draw(_text(("计划.txt", "总结.docx"))), start=start, end=end)

    return refs()


@functools.cache
def _level_spans() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(st.sampled_from(Level), max_size=3, unique=True),
        st.sampled_from(Level),
        st.sampled_from(["省级", "国家级", "市级以上", "省级及以上", "县级及以下"]),
    )


# -- goals and achievements --------------------------------------------------------------------


def goals(
    units: str | Iterable[str] | None = None, *, years: Iterable[int] | None = None
) -> st.SearchStrategy[Goal]:
    """Targets: an indicator and a figure it counts (力争新增高新技术企业10家以上), in one of
    ``units`` (by default of any family), for a period or for the section's; with
    ``years``, the period is one of those years or none."""
    return _measured(Goal, tuple(_families(units)), _year_choice(years))  # type: ignore[return-value]


def achievements(
    units: str | Iterable[str] | None = None, *, years: Iterable[int] | None = None
) -> st.SearchStrategy[Achievement]:
    """Results: an indicator and a figure it counts (培训农民2万余人次), as
    :func:`goals` makes them."""
    return _measured(Achievement, tuple(_families(units)), _year_choice(years))  # type: ignore[return-value]


def _year_choice(years: Iterable[int] | None) -> tuple[int, ...] | None:
    if years is None:
        return None
    chosen = tuple(years)
    for y in chosen:
        if isinstance(y, bool) or not isinstance(y, int):
            raise WrongTypeError("years", "whole years", type(y).__name__)
        Year(y)  # refused unless a year of four digits
    if not chosen:
        raise InvalidValueError("years", "no year to draw from")
    return chosen


def _period_in(years: tuple[int, ...] | None) -> st.SearchStrategy[Any]:
    """A period for an item: any, or with ``years`` one of them (or none: the section's)."""
    if years is None:
        return _optional(periods())
    return _optional(st.sampled_from(years).map(Year))


@functools.cache
@st.composite
def _measured(
    draw: st.DrawFn,
    cls: type[Goal] | type[Achievement],
    families: tuple[tuple[str, ...], ...],
    years: tuple[int, ...] | None,
) -> Goal | Achievement:
    family = draw(st.sampled_from(families))
    indicator = draw(_indicator(family))
    words = tuple(indicator.same_as)
    figure = draw(_figures((*_VALUED, Qualifier.UNKNOWN), (family + words,), True))
    return cls(
        indicator=indicator,
        figure=figure,
        period=draw(_period_in(years)),
        label=draw(_optional(_text(("（一）", "1.", "①")))),
        region=draw(_optional(regions())),
        levels=draw(_level_spans()),
        source=draw(_optional(_source_refs())),
    )


# -- breakdowns -------------------------------------------------------------------------------


@attrs.frozen
class OffBreakdown:
    """A 共…其中 statement whose parts do not add up to its total, and what validation
    must say of it.

    ``off`` is how far the parts' sum lies from the total (the parts' sum minus the
    total, so negative when the parts fall short).  ``finding`` is the one finding
    :func:`~sciplan_model.validate` gives for ``plan()``, a plan holding the breakdown
    alone; :meth:`finding_at` gives it for the breakdown placed elsewhere.
    """

    breakdown: Breakdown
    off: Quantity
    finding: Finding

    #: The id and path of the breakdown in :meth:`plan`.
    PLAN_ID = "breakdown"
    PATH = "$.sections[0].items[0]"

    def plan(self) -> Plan:
        """A plan that holds the breakdown and nothing else."""
        return Plan(
            id=self.PLAN_ID,
            title="核对合计",
            kind=PlanKind.ANNUAL,
            sections=(Section(items=(self.breakdown,)),),
        )

    def finding_at(self, path: str, plan: str | None = None) -> Finding:
        """The finding for the breakdown at ``path`` of a plan whose id is ``plan``."""
        return attrs.evolve(self.finding, path=path, plan=plan)


@overload
def breakdowns(
    consistent: Literal[True] = ...,
    *,
    units: str | Iterable[str] | None = ...,
    rounding: bool = ...,
    complete: bool | None = ...,
    max_parts: int = ...,
) -> st.SearchStrategy[Breakdown]: ...


@overload
def breakdowns(
    consistent: Literal[False],
    *,
    units: str | Iterable[str] | None = ...,
    rounding: bool = ...,
    complete: bool | None = ...,
    max_parts: int = ...,
) -> st.SearchStrategy[OffBreakdown]: ...


def breakdowns(
    consistent: bool = True,
    *,
    units: str | Iterable[str] | None = None,
    rounding: bool = True,
    complete: bool | None = None,
    max_parts: int = 4,
) -> st.SearchStrategy[Breakdown] | st.SearchStrategy[OffBreakdown]:
    """共…其中… statements: a total, and parts by level (国家级3项、省级5项) or by name.

    With ``consistent`` (the default) the parts add up: a complete breakdown's to its
    total, a partial one's (其中 naming some of them) to no more than it.  Each figure
    may be in any unit of one family (11万元 and 5000元 make 0.00115亿元).  With
    ``rounding``, money and area are sometimes written rounded, as plans round them
    (three parts of 0.33万元 under a total of 1万元), so that they add up only within the
    rounding slack: validation gives such a breakdown a warning, never an error.

    With ``consistent=False`` each example is an :class:`OffBreakdown`: a breakdown of
    exact figures whose parts miss the total by more than any rounding slack, with
    the finding validation must give for it.

    ``complete`` keeps to complete statements (True) or partial ones (False); by
    default either.  ``units`` keeps the figures to those units (each family of one
    dimension is drawn from alone); by default money in 元/万元/亿元, area in 亩/万亩, or
    any measure word with its scales.  ``max_parts`` bounds the parts (at least one).
    """
    if isinstance(max_parts, bool) or not isinstance(max_parts, int):
        raise WrongTypeError("max_parts", "an int", type(max_parts).__name__)
    if not 1 <= max_parts <= 20:
        raise InvalidValueError("max_parts", f"{max_parts} is not from 1 to 20")
    if complete is not None and not isinstance(complete, bool):
        raise WrongTypeError("complete", "a bool or None", type(complete).__name__)
    families = tuple(_exact_families(units))
    completeness = st.booleans() if complete is None else st.just(complete)
    if consistent:
        return _consistent(families, rounding, completeness, max_parts)
    return _inconsistent(families, completeness, max_parts)


def _exact_families(units: str | Iterable[str] | None) -> list[tuple[str, ...]]:
    if units is None:
        return list(_EXACT_FAMILIES)
    families = _families(units)
    for family in families:
        for unit in family:
            if unit in RATE_UNITS:
                raise InvalidValueError("units", f"a breakdown of {unit} does not add up")
    return families


def _rounds(family: tuple[str, ...]) -> bool:
    """Whether figures of ``family`` are measurements, written rounded (money, area),
    rather than counts."""
    return not _is_count(family[0])


def _base(q: Quantity) -> Fraction:
    return Fraction(q.magnitude) * Fraction(unit_info(q.unit).factor)


def _in_unit(value: Fraction, unit: str, exponent: int | None = None) -> Quantity:
    """``value`` (in the base unit) as a quantity of ``unit``: exactly, or rounded half up
    to ``exponent`` (places of the unit) where given."""
    magnitude = value / Fraction(unit_info(unit).factor)
    if exponent is None:
        return Quantity(_exact_decimal(magnitude), unit)
    scaled = magnitude * 10**exponent
    whole = math.floor(scaled + Fraction(1, 2))
    return Quantity(Decimal(whole).scaleb(-exponent), unit)


def _exact_decimal(value: Fraction) -> Decimal:
    """A fraction whose denominator divides a power of ten, as the Decimal it is."""
    n, d = value.numerator, value.denominator
    places = 0
    while d != 1:
        if d % 10 == 0:
            d //= 10
        elif d % 2 == 0:
            n, d = n * 5, d // 2
        elif d % 5 == 0:
            n, d = n * 2, d // 5
        else:  # pragma: no cover - every unit of an exact family is a power of ten
            raise InvalidValueError("value", f"{value} is not a decimal")
        places += 1
    return Decimal(n).scaleb(-places)


@functools.cache
@st.composite
def _parts_keys(draw: st.DrawFn, n: int) -> tuple[list[Level | None], list[str | None]]:
    """Who each of ``n`` parts is: a level (all distinct) or a name."""
    by_level = n <= len(Level) and draw(st.booleans())
    if by_level:
        levels: list[Level | None] = list(
            draw(st.lists(st.sampled_from(Level), min_size=n, max_size=n, unique=True))
        )
        return levels, [None] * n
    names = ["国家级", "省级", "市级", "县级", "企业自筹", "其他"]
    return [None] * n, [names[k] if k < len(names) else f"第{k + 1}项" for k in range(n)]


@functools.cache
@st.composite
def _consistent(
    draw: st.DrawFn,
    families: tuple[tuple[str, ...], ...],
    rounding: bool,
    completeness: st.SearchStrategy[bool],
    max_parts: int,
) -> Breakdown:
    family = draw(st.sampled_from(families))
    n = draw(st.integers(1, max_parts))
    complete = draw(completeness)
    rounded = rounding and _rounds(family) and draw(st.integers(0, 3)) == 3
    if rounded:
        unit = draw(st.sampled_from(family))
        exponent = draw(st.integers(0, 2))
        true_values = [
            _base(_draw_quantity(draw, unit, Fraction(1), Fraction(10**5), exponent + 2))
            for _ in range(n)
        ]
        parts = [_in_unit(v, unit, exponent) for v in true_values]
        whole = sum(true_values, Fraction(0))
        if not complete:
            whole += _base(_draw_quantity(draw, unit, high=Fraction(10**4), places=exponent))
        total = _in_unit(whole, unit, exponent)
    else:
        parts = [
            _draw_quantity(draw, draw(st.sampled_from(family)), high=Fraction(10**7))
            for _ in range(n)
        ]
        whole = sum((_base(q) for q in parts), Fraction(0))
        if not complete:
            whole += _base(_draw_quantity(draw, draw(st.sampled_from(family)), high=_MILLION))
        total = _total_in(whole, draw(st.sampled_from(family)), family)
    levels, categories = draw(_parts_keys(n))
    return Breakdown(
        subject=draw(_text(_indicator_names(family[0]))),
        total=Figure(total),
        indicator=draw(_optional(st.just(Indicator(name="合计", unit=family[0])))),
        parts=[
            BreakdownPart(figure=Figure(q), level=level, category=category)
            for q, level, category in zip(parts, levels, categories, strict=True)
        ],
        complete=complete,
        levels=draw(st.sampled_from(((), tuple(x for x in levels if x is not None)))),
        source=draw(_optional(_source_refs())),
    )


def _smallest_exact(value: Fraction, unit: str) -> Quantity:
    """``value`` (base unit) written exactly in ``unit``, with no digit before the point
    hidden in an exponent (1.2E+3)."""
    q = _in_unit(value, unit)
    if q.magnitude.as_tuple().exponent > 0:  # type: ignore[operator]
        q = Quantity(q.magnitude.quantize(Decimal(1)), unit)
    return q


def _total_in(value: Fraction, unit: str, family: tuple[str, ...]) -> Quantity:
    """``value`` (base unit) as a total written in ``unit``, or, where that takes more
    than four places after the point (0.000000000001万亿项), in the family's smallest unit,
    as plans write it."""
    q = _smallest_exact(value, unit)
    if -q.magnitude.as_tuple().exponent > 4:  # type: ignore[operator]
        q = _smallest_exact(value, min(family, key=lambda u: unit_info(u).factor))
    return q


def _finest_digit(q: Quantity) -> Fraction:
    """The unit of the last digit written in ``q``, in its base unit (159.3万元 → 1000元)."""
    exponent = q.magnitude.as_tuple().exponent
    written = min(exponent, 0) if isinstance(exponent, int) else 0
    return Fraction(10) ** written * Fraction(unit_info(q.unit).factor)


@functools.cache
@st.composite
def _inconsistent(
    draw: st.DrawFn,
    families: tuple[tuple[str, ...], ...],
    completeness: st.SearchStrategy[bool],
    max_parts: int,
) -> OffBreakdown:
    family = draw(st.sampled_from(families))
    n = draw(st.integers(1, max_parts))
    complete = draw(completeness)
    parts = [
        _draw_quantity(draw, draw(st.sampled_from(family)), Fraction(1), Fraction(10**7))
        for _ in range(n)
    ]
    # Off by k steps of the finest digit written, k past n + 1 halves of it: beyond the
    # rounding slack of every figure of the statement (half that digit for each).
    step = min(_finest_digit(q) for q in parts)
    least = n + 2
    whole = sum((_base(q) for q in parts), Fraction(0))
    if whole < least * step:  # room below the parts, for a total they exceed
        parts[0] = _in_unit(_base(parts[0]) + least * step, parts[0].unit)
        whole += least * step
    room = math.floor(whole / step)
    if complete and draw(st.booleans()):
        said = whole + draw(st.integers(least, least + 10**4)) * step  # the parts fall short
    else:
        said = whole - draw(st.integers(least, room)) * step  # the parts exceed the total
    total = _total_in(said, draw(st.sampled_from(family)), family)
    levels, categories = draw(_parts_keys(n))
    breakdown = Breakdown(
        subject=draw(_text(_indicator_names(family[0]))),
        total=Figure(total),
        parts=[
            BreakdownPart(figure=Figure(q), level=level, category=category)
            for q, level, category in zip(parts, levels, categories, strict=True)
        ],
        complete=complete,
        source=draw(_optional(_source_refs())),
    )
    return _with_finding(breakdown, total, parts)


def _with_finding(b: Breakdown, total: Quantity, parts: list[Quantity]) -> OffBreakdown:
    """The breakdown with what it is off by and the finding it must give, worked out from
    its figures by the arithmetic of quantities and the messages validation writes."""
    found = sum(parts[1:], parts[0])
    shown = found.to(total.unit)
    gap = found - total if found > total else total - found
    if b.complete:
        code = "breakdown.sum"
        message = f"分项之和{shown}与合计{b.total}不符，相差{gap}"
    else:
        code = "breakdown.exceeds"
        message = f"“其中”各项之和{shown}超过合计{b.total}，相差{gap}"
    finding = Finding(
        code=code,
        severity=Severity.ERROR,
        path=OffBreakdown.PATH,
        message=message,
        expected=b.total,
        actual=shown,
        source=b.source,
        plan=OffBreakdown.PLAN_ID,
    )
    return OffBreakdown(b, found - total, finding)


# -- money of projects --------------------------------------------------------------------------

#: Units of money that hold any sum of whole 分 exactly.
_EXACT_MONEY = ("元", "千元", "万元", "百万元", "亿元")
#: Years drawn for plans and their items unless the caller gives others.
_DEFAULT_YEARS = tuple(range(2001, 2031))


E = TypeVar("E", bound=enum.Enum)


def _members(value: E | Iterable[E] | None, cls: type[E], what: str) -> tuple[E, ...] | None:
    """``value`` (a member of ``cls`` or several) as a tuple, or None where not given; a
    value of another type or no member at all is an error naming ``what``."""
    if value is None:
        return None
    chosen = (value,) if isinstance(value, cls) else tuple(value)  # type: ignore[arg-type]
    for member in chosen:
        if not isinstance(member, cls):
            raise WrongTypeError(what, f"{cls.__name__} members", type(member).__name__)
    if not chosen:
        raise InvalidValueError(what, f"no {what} to draw from")
    return chosen


def _stages(stage: FundingStage | Iterable[FundingStage] | None) -> tuple[FundingStage, ...]:
    return _members(stage, FundingStage, "stage") or tuple(FundingStage)


def fundings(
    stage: FundingStage | Iterable[FundingStage] | None = None,
    *,
    unit: str | Iterable[str] | None = None,
    years: Iterable[int] | None = None,
) -> st.SearchStrategy[Funding]:
    """Lines of money (中央财政下达50万元): an amount of ``unit`` (see :func:`amounts`), of
    any source, at ``stage`` (one stage or several; by default any), for one of
    ``years`` or none (by default any year, a template's 20xx年 included)."""
    chosen = _years_given(years)
    return st.builds(
        Funding,
        amount=amounts(unit),
        source=st.sampled_from(FundingSource),
        stage=st.sampled_from(_stages(stage)),
        year=_optional(_years() if chosen is None else st.sampled_from(chosen).map(Year)),
    )


def _years_given(years: Iterable[int] | None) -> tuple[int, ...] | None:
    return None if years is None else _year_choice(years)


@functools.cache
@st.composite
def _project_money(
    draw: st.DrawFn, years: tuple[int, ...] | None, stages: tuple[FundingStage, ...]
) -> list[Funding]:
    """A project's funding lines: for some of ``stages``, in their order, sums that never
    grow from one stage to the next (计划 ≥ 下达 ≥ 到位 ≥ 支出), each split into one or two
    lines of any source, written in any unit of 元."""
    chosen = sorted(
        draw(st.lists(st.sampled_from(stages), max_size=3, unique=True)), key=_STAGE_ORDER.index
    )
    lines: list[Funding] = []
    ceiling: Fraction | None = None
    year = st.none() if years is None else _optional(st.sampled_from(years).map(Year))
    for stage in chosen:
        bound = _DEFAULT_HIGH if ceiling is None else ceiling
        stage_sum = _base(_draw_quantity(draw, "元", high=bound, places=2))
        ceiling = stage_sum
        shares = [stage_sum]
        if stage_sum and draw(st.booleans()):
            first = _base(_draw_quantity(draw, "元", high=stage_sum, places=2))
            shares = [first, stage_sum - first]
        for share in shares:
            written = _in_unit(share, draw(st.sampled_from(_EXACT_MONEY)))
            lines.append(
                Funding(
                    amount=written,  # type: ignore[arg-type]
                    source=draw(st.sampled_from(FundingSource)),
                    stage=stage,
                    year=draw(year),
                )
            )
    return lines


_STAGE_ORDER = list(FundingStage)


def projects(
    *,
    levels: Level | Iterable[Level] | None = None,
    years: Iterable[int] | None = None,
    stage: FundingStage | Iterable[FundingStage] | None = None,
) -> st.SearchStrategy[Project]:
    """Projects (马铃薯脱毒种薯繁育, 县级, 2024年) with an undertaker and funding lines whose
    money never grows from one stage to the next, so that they validate clean.  ``levels``
    and ``years`` bound the project's level and the years of it and its lines; ``stage``
    the stages its money is given at.  Ids repeat across examples: :func:`plans` gives
    each project of a plan an id of its own."""
    return _projects(_members(levels, Level, "levels"), _years_given(years), _stages(stage))


@functools.cache
@st.composite
def _projects(
    draw: st.DrawFn,
    levels: tuple[Level, ...] | None,
    years: tuple[int, ...] | None,
    stages: tuple[FundingStage, ...],
) -> Project:
    level = _optional(st.sampled_from(Level)) if levels is None else st.sampled_from(levels)
    year = _optional(_years() if years is None else st.sampled_from(years).map(Year))
    return Project(
        id=draw(_text(("p1", "XM-2024-001", "项目一"))),
        name=draw(_text(_PROJECTS)),
        programme=draw(_optional(_text(_PROGRAMMES))),
        level=draw(level),
        status=draw(_optional(st.sampled_from(ProjectStatus))),
        year=draw(year),
        undertaker=draw(_optional(_organizations())),
        funding=draw(_project_money(years, stages)),
        source=draw(_optional(_source_refs())),
    )


# -- the other items ---------------------------------------------------------------------------


@functools.cache
def _designations() -> st.SearchStrategy[Designation]:
    return st.builds(
        Designation,
        title=_text(_TITLES),
        holder=_optional(_text(_ORGANIZATIONS)),
        by=st.lists(_text(("省科技厅", "市科技局")), max_size=2),
        level=_optional(st.sampled_from(Level)),
        year=_optional(_years()),
        nominated=st.booleans(),
        source=_optional(_source_refs()),
    )


@functools.cache
def _organizations() -> st.SearchStrategy[Organization]:
    return st.builds(
        Organization,
        name=_text(_ORGANIZATIONS),
        kind=st.sampled_from(OrganizationKind),
        designations=st.lists(_designations(), max_size=2),
        region=_optional(regions()),
        source=_optional(_source_refs()),
    )


def _free_text() -> st.SearchStrategy[str | None]:
    return _optional(_text(("围绕全县主导产业开展技术攻关。", "加强科技人才队伍建设。"), 12))


@functools.cache
def _tasks(years: tuple[int, ...]) -> st.SearchStrategy[Task]:
    return st.builds(
        Task,
        label=_optional(_text(("1.", "（一）"))),
        title=_optional(_text(_TOPICS)),
        text=_free_text(),
        owner=_optional(_text(("县科技局", "各乡镇"))),
        deadline=_optional(periods()),
        participants=st.lists(_text(_ORGANIZATIONS), max_size=2),
        goals=st.lists(goals(years=years), max_size=2),
        source=_optional(_source_refs()),
    )


@functools.cache
def _others() -> st.SearchStrategy[Any]:
    """Items without figures to check: measures, timetables, people, titles, bodies and
    notes."""
    return st.one_of(
        st.builds(
            Measure,
            label=_optional(_text(("（一）", "1."))),
            title=_optional(_text(("加强组织领导", "强化资金保障"))),
            category=_optional(_text(("组织保障", "资金保障"))),
            text=_free_text(),
            source=_optional(_source_refs()),
        ),
        st.builds(
            ScheduleEntry,
            date=_optional(_text(("3月15日", "4月"))),
            time=_optional(_text(("上午", "9:00"))),
            person=_optional(_text(_PEOPLE)),
            topic=_free_text(),
            source=_optional(_source_refs()),
        ),
        st.builds(
            Person,
            name=_text(_PEOPLE),
            role=_optional(_text(_ROLES)),
            organization=_optional(_text(_ORGANIZATIONS)),
            source=_optional(_source_refs()),
        ),
        _designations(),
        _organizations(),
        st.builds(
            Note,
            label=_optional(_text(("（一）", "1."))),
            title=_text(("科普宣传", "专利工作")),
            text=_free_text(),
            source=_optional(_source_refs()),
        ),
    )


# -- sections and plans ----------------------------------------------------------------------


@functools.cache
def _period_within(years: tuple[int, ...]) -> st.SearchStrategy[Any]:
    """None (the period of what holds it), or a period whose years are all in ``years``:
    one of them, a span of them, or a five-year plan they cover; rarely a template's
    20xx年, which cannot be checked."""
    options: list[st.SearchStrategy[Any]] = [st.none(), st.sampled_from(years).map(Year)]
    if len(years) > 1:
        options.append(_span_of(years))
    fits = [n for n in range(1, 100) if set(FiveYearPlan(n).years) <= set(years)]
    if fits:
        options.append(st.sampled_from(fits).map(FiveYearPlan))
    options.append(st.just(Year.parse("20xx年")))
    return st.one_of(options)


@functools.cache
def _span_of(years: tuple[int, ...]) -> st.SearchStrategy[YearSpan]:
    ordered = sorted(set(years))
    pairs = st.tuples(st.sampled_from(ordered), st.sampled_from(ordered))
    return pairs.filter(lambda p: p[0] < p[1] and set(range(p[0], p[1] + 1)) <= set(ordered)).map(
        lambda p: YearSpan(Year(p[0]), Year(p[1]))
    )


def _years_of(period: Any, years: tuple[int, ...]) -> tuple[int, ...]:
    """The years a period holds (``years`` where it is none or not known)."""
    if isinstance(period, Year):
        return years if period.value is None else (period.value,)
    if isinstance(period, FiveYearPlan):
        return tuple(period.years)
    if isinstance(period, YearSpan) and period.years is not None:
        return tuple(period.years)
    return years


@functools.cache
@st.composite
def _item(draw: st.DrawFn, years: tuple[int, ...]) -> Any:
    kind = draw(st.sampled_from(("goal", "achievement", "breakdown", "project", "task", "other")))
    if kind == "goal":
        return attrs.evolve(draw(goals()), period=draw(_period_within(years)))
    if kind == "achievement":
        return attrs.evolve(draw(achievements()), period=draw(_period_within(years)))
    if kind == "breakdown":
        return attrs.evolve(draw(breakdowns()), period=draw(_period_within(years)))
    if kind == "project":
        return draw(_projects(None, years, tuple(FundingStage)))
    if kind == "task":
        return draw(_tasks(years))
    return draw(_others())


@functools.cache
@st.composite
def _section(draw: st.DrawFn, years: tuple[int, ...], depth: int) -> Section:
    period = draw(_period_within(years))
    inner = _years_of(period, years)
    items = [draw(_item(inner)) for _ in range(draw(st.integers(0, 2)))]
    children = [
        draw(_section(inner, depth - 1)) for _ in range(draw(st.integers(0, min(depth, 2))))
    ]
    return Section(
        label=draw(_optional(_text(("一、", "（一）", "1.", "第一部分")))),
        title=draw(_optional(_text(_TOPICS))),
        kind=draw(_optional(st.sampled_from(PlanKind))),
        period=period,
        text=draw(_free_text()),
        items=items,
        sections=children,
        source=draw(_optional(_source_refs())),
    )


def sections(*, years: Iterable[int] | None = None, depth: int = 2) -> st.SearchStrategy[Section]:
    """Trees of sections up to ``depth`` levels below the top, holding goals,
    achievements, consistent breakdowns, projects, tasks, measures and the rest.  Every
    period in them lies within its section's, and within ``years`` (by default 2001 to
    2030).  Project ids may repeat: :func:`plans` makes them unique."""
    if isinstance(depth, bool) or not isinstance(depth, int):
        raise WrongTypeError("depth", "an int", type(depth).__name__)
    if not 0 <= depth <= 5:
        raise InvalidValueError("depth", f"{depth} is not from 0 to 5")
    chosen = _DEFAULT_YEARS if years is None else _year_choice(years)
    return _section(chosen, depth)


def plans(
    *,
    kind: PlanKind | Iterable[PlanKind] | None = None,
    levels: Level | Iterable[Level] | None = None,
    years: Iterable[int] | None = None,
    max_projects: int | None = None,
) -> st.SearchStrategy[Plan]:
    """Whole plans that validate with no error: sections with goals, achievements,
    breakdowns whose parts add up, projects with ids of their own and money that never
    grows from stage to stage, every period within its section's.  (Breakdowns written
    rounded may give a warning, and figures with a template's 20xx an info.)

    ``kind`` is the plan's kind (or kinds to draw from); ``levels`` the level a plan is
    issued at (县级, 市级 …); ``years`` the years its period and every figure in it lie
    in (by default 2001 to 2030; a plan may then have no period); ``max_projects`` caps
    the projects of a plan.  Examples shrink to a plan with no sections.
    """
    if max_projects is not None and (
        isinstance(max_projects, bool) or not isinstance(max_projects, int)
    ):
        raise WrongTypeError("max_projects", "an int or None", type(max_projects).__name__)
    if max_projects is not None and max_projects < 0:
        raise InvalidValueError("max_projects", f"{max_projects} is below 0")
    chosen = None if years is None else _year_choice(years)
    return _plans(
        _members(kind, PlanKind, "kind") or tuple(PlanKind),
        _members(levels, Level, "levels"),
        chosen,
        max_projects,
    )


@functools.cache
@st.composite
def _plans(
    draw: st.DrawFn,
    kinds: tuple[PlanKind, ...],
    levels: tuple[Level, ...] | None,
    years: tuple[int, ...] | None,
    max_projects: int | None,
) -> Plan:
    allowed = _DEFAULT_YEARS if years is None else years
    period = draw(_period_within(allowed))
    if years is not None and period is None:
        period = Year(draw(st.sampled_from(years))) if len(years) == 1 else draw(_span_of(years))
    inner = _years_of(period, allowed)
    tree = [draw(_section(inner, 2)) for _ in range(draw(st.integers(0, 2)))]
    tree = _own_ids(tree, max_projects)
    level = draw(_optional(st.sampled_from(Level)) if levels is None else st.sampled_from(levels))
    region = draw(_optional(regions()))
    if region is not None and level is not None:
        region = attrs.evolve(region, level=level)
    return Plan(
        id=draw(_text(("plan", "青禾县2024"))),
        title=draw(_text(("科技工作计划", "科技工作要点"))),
        kind=draw(st.sampled_from(kinds)),
        issuer=draw(_optional(_text(("县科学技术局", "市科技局")))),
        region=region,
        level=level,
        period=period,
        sections=tree,
        source=draw(_optional(_source_refs())),
    )


def _own_ids(tree: list[Section], max_projects: int | None) -> list[Section]:
    """``tree`` with its projects given ids of their own (p1, p2 … in document order), no
    more than ``max_projects`` of them kept, and its achievements' indicators keyed apart,
    so that no figure for a five-year plan meets figures of its years it was not made
    with."""
    projects = [0]
    seen: set[str] = set()

    def fix(section: Section) -> Section:
        items = []
        for item in section.items:
            if isinstance(item, Project):
                if max_projects is not None and projects[0] >= max_projects:
                    continue
                projects[0] += 1
                item = attrs.evolve(item, id=f"p{projects[0]}")
            elif isinstance(item, Achievement):
                key = item.indicator.key or item.indicator.name
                if key in seen:
                    key = f"a{len(seen) + 1}"
                    item = attrs.evolve(item, indicator=attrs.evolve(item.indicator, key=key))
                seen.add(key)
            items.append(item)
        return attrs.evolve(section, items=items, sections=[fix(s) for s in section.sections])

    return [fix(s) for s in tree]


# -- plans written out as text ------------------------------------------------------------------

#: (what is counted, its unit, the verb before it): indicators of an invented county's plan.
_COUNTED = (
    ("高新技术企业", "家", "新增"),
    ("科技计划项目", "项", "申报"),
    ("农民技术培训", "人次", "开展"),
    ("科技示范基地", "个", "建设"),
    ("发明专利授权", "件", "实现"),
    ("研发经费投入", "万元", "带动"),
    ("示范种植面积", "亩", "推广"),
)
_LEVEL_WORDS = ((Level.NATIONAL, "国家级"), (Level.PROVINCIAL, "省级"), (Level.MUNICIPAL, "市级"))
#: Qualifiers written in the plan texts: the ones plans put on targets and results.
_TEXT_QUALIFIERS = (
    Qualifier.EXACT,
    Qualifier.AT_LEAST,
    Qualifier.MORE_THAN,
    Qualifier.ODD,
    Qualifier.NEARLY,
    Qualifier.ABOUT,
)


@attrs.frozen
class PlanText:
    """A plan written out as a county bureau writes one, and the plan it was written
    from: its title, numbered outline (一、 and （一）), sentences of one figure each
    and 共…其中 statements by level.

    ``figures`` are the figures in the order the text says them, ``breakdowns`` the
    statements, ``headings`` the labels of the outline: what a reader of plan texts
    must find in ``text``.
    """

    text: str
    plan: Plan

    @property
    def figures(self) -> tuple[Figure, ...]:
        """Every figure of the text, in order (a statement's total before its parts)."""
        out: list[Figure] = []

        def walk(sections: Iterable[Section]) -> None:
            for section in sections:
                for item in section.items:
                    if isinstance(item, Breakdown):
                        out.extend([item.total, *(p.figure for p in item.parts)])
                    elif isinstance(item, Goal | Achievement):
                        out.append(item.figure)
                walk(section.sections)

        walk(self.plan.sections)
        return tuple(out)

    @property
    def breakdowns(self) -> tuple[Breakdown, ...]:
        """The 共…其中 statements, in order."""
        return self.plan.breakdowns()

    @property
    def headings(self) -> tuple[str, ...]:
        """The labels of the outline (一、, （一） …), in order."""
        out: list[str] = []

        def walk(sections: Iterable[Section]) -> None:
            for section in sections:
                if section.label is not None:
                    out.append(section.label)
                walk(section.sections)

        walk(self.plan.sections)
        return tuple(out)


def plan_texts() -> st.SearchStrategy[PlanText]:
    """A county's annual plan written out as text, paired with the plan it was written
    from (see :class:`PlanText`): for testing readers of plan texts, this library's
    :func:`~sciplan_model.read_plan` included.  Figures are written in the forms
    :func:`written_figures` makes (不少于30家, 600余家, 约2万人次, １２万元)."""
    return _plan_texts()


@functools.cache
@st.composite
def _sentence(draw: st.DrawFn) -> tuple[str, Any]:
    """One sentence and the item it states: a target of one figure, or a complete
    共…其中 statement whose parts (by level) add up."""
    noun, unit, verb = draw(st.sampled_from(_COUNTED))
    indicator = Indicator(name=noun, unit=unit)
    places = 2 if unit in ("万元", "亩") else 0
    if draw(st.booleans()):
        written = draw(
            _figures(_TEXT_QUALIFIERS, ((unit,),), False).filter(_plain).flatmap(_written)
        )
        text = _no_lead(written.text)
        return f"{verb}{noun}{text}", Goal(indicator=indicator, figure=written.figure)
    n = draw(st.integers(2, len(_LEVEL_WORDS)))
    parts = [_draw_quantity(draw, unit, Fraction(1), Fraction(10**5), places) for _ in range(n)]
    total = _smallest_exact(sum((_base(q) for q in parts), Fraction(0)), unit)
    said = "、".join(f"{word}{q}" for (_, word), q in zip(_LEVEL_WORDS, parts, strict=False))
    breakdown = Breakdown(
        subject=noun,
        total=Figure(total),
        indicator=indicator,
        parts=[
            BreakdownPart(figure=Figure(q), level=level)
            for (level, _), q in zip(_LEVEL_WORDS, parts, strict=False)
        ],
    )
    return f"共{verb}{noun}{total}，其中{said}", breakdown


def _plain(f: Figure) -> bool:
    """Figures a sentence says on their own: no aspiration (the verb would say it) and no
    bracketed alternative."""
    return not f.aspirational and f.alternative_unit is None


def _no_lead(text: str) -> str:
    """A figure's text without 确保, 达到 or 共 before it, which the verb stands for."""
    for lead in sorted(_BINDING, key=len, reverse=True):
        if lead and text.startswith(lead):
            return text[len(lead) :]
    return text


@functools.cache
@st.composite
def _paragraph(draw: st.DrawFn) -> tuple[str, list[Any]]:
    sentences = [draw(_sentence()) for _ in range(draw(st.integers(1, 3)))]
    return "；".join(s for s, _ in sentences) + "。", [item for _, item in sentences]


@st.composite
def _plan_texts(draw: st.DrawFn) -> PlanText:
    year = draw(st.integers(2000, 2035))
    county = draw(st.sampled_from(_COUNTIES))
    title = f"{county}科学技术局{year}年工作计划"
    lines = [title]
    tree = []
    for k in range(draw(st.integers(1, 3))):
        label, topic = f"{to_chinese_numeral(k + 1)}、", draw(st.sampled_from(_TOPICS))
        lines.append(f"{label}{topic}")
        items: list[Any] = []
        if draw(st.booleans()):
            paragraph, items = draw(_paragraph())
            lines.append(paragraph)
        children = []
        for j in range(draw(st.integers(0, 2))):
            sub, subtopic = f"（{to_chinese_numeral(j + 1)}）", draw(st.sampled_from(_TOPICS))
            lines.append(f"{sub}{subtopic}工作")
            paragraph, inner = draw(_paragraph())
            lines.append(paragraph)
            children.append(Section(label=sub, title=f"{subtopic}工作", items=inner))
        tree.append(Section(label=label, title=topic, items=items, sections=children))
    plan = Plan(
        id=f"{county}{year}",
        title=title,
        kind=PlanKind.ANNUAL,
        issuer=f"{county}科学技术局",
        region=Region(name=county),
        period=Year(year),
        sections=tree,
    )
    return PlanText("\n".join(lines) + "\n", plan)


# -- st.from_type ------------------------------------------------------------------------------


def _registered() -> dict[type[Any], Callable[[], st.SearchStrategy[Any]]]:
    """The model's types and the strategies ``st.from_type`` gives for them."""
    return {
        Quantity: quantities,
        Money: amounts,
        Figure: figures,
        Year: _years,
        FiveYearPlan: lambda: st.builds(FiveYearPlan, st.integers(1, 99)),
        YearSpan: _year_spans,
        Region: regions,
        Indicator: indicators,
        Goal: goals,
        Achievement: achievements,
        Breakdown: breakdowns,
        Funding: fundings,
        Project: projects,
        Organization: _organizations,
        Designation: _designations,
        Section: sections,
        Plan: plans,
    }
