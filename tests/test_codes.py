"""Tests of sciplan_model.codes: administrative levels, their aliases and ranges."""

from __future__ import annotations

import itertools
import operator
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciplan_model import Level, LevelParseError, ParseError, SciplanError, WrongTypeError

N, P, M, C, T, V = Level  # national, provincial, municipal, county, township, village
HIGHEST_FIRST = (N, P, M, C, T, V)

#: The aliases the issue names, by level.
ALIASES = {
    N: ("国", "国家", "国家级", "国列"),
    P: ("省", "省级", "省列"),
    M: ("市", "市级", "市列"),
    C: ("县", "县级", "县列", "区", "区级"),
    T: ("乡", "镇", "乡镇"),
    V: ("村", "村级"),
}
ALIAS_PAIRS = [(alias, level) for level, names in ALIASES.items() for alias in names]


def _level_refusal(parse: object, text: str) -> LevelParseError:
    """Call ``parse(text)``, expecting a LevelParseError, and return it."""
    with pytest.raises(LevelParseError) as excinfo:
        parse(text)  # type: ignore[operator]
    return excinfo.value


def _expected_message(text: str, position: int) -> str:
    """The message a LevelParseError gives for a short ``text``."""
    where = f"({text[position : position + 24]!r})" if position < len(text) else "(end of text)"
    return (
        f"cannot read level {text!r}: an administrative level was expected "
        f"at position {position} {where}"
    )


# --- ordering ----------------------------------------------------------------------------


def test_levels_are_ordered_from_the_nation_down() -> None:
    """NATIONAL > PROVINCIAL > MUNICIPAL > COUNTY > TOWNSHIP > VILLAGE."""
    assert N > P > M > C > T > V
    assert V < T < C < M < P < N
    assert sorted(Level) == list(reversed(HIGHEST_FIRST))
    assert max(Level) is N
    assert min(Level) is V


@pytest.mark.parametrize(("a", "b"), list(itertools.product(HIGHEST_FIRST, repeat=2)))
def test_every_pair_of_levels_compares_by_height(a: Level, b: Level) -> None:
    """Each comparison between two levels agrees with their place in the hierarchy."""
    higher = HIGHEST_FIRST.index(a) < HIGHEST_FIRST.index(b)
    same = a is b
    assert (a > b) is higher
    assert (a >= b) is (higher or same)
    assert (a < b) is (not higher and not same)
    assert (a <= b) is (not higher)


@pytest.mark.parametrize(("level", "rank"), [(N, 6), (P, 5), (M, 4), (C, 3), (T, 2), (V, 1)])
def test_rank(level: Level, rank: int) -> None:
    """rank runs from 6 for NATIONAL down to 1 for VILLAGE."""
    assert level.rank == rank


@pytest.mark.parametrize("other", [1, "national", None])
def test_levels_do_not_order_against_other_types(other: object) -> None:
    """A level is not ordered against an int, a str or None."""
    with pytest.raises(TypeError):
        operator.gt(N, other)
    with pytest.raises(TypeError):
        operator.le(N, other)


@pytest.mark.parametrize(
    ("level", "chinese"),
    [(N, "国家级"), (P, "省级"), (M, "市级"), (C, "县级"), (T, "乡镇级"), (V, "村级")],
)
def test_chinese_name_reads_back(level: Level, chinese: str) -> None:
    """Each level's usual Chinese name is one of its aliases."""
    assert level.chinese == chinese
    assert Level.parse(chinese) is level


def test_levels_pickle() -> None:
    """Levels survive pickling as the same members."""
    for level in Level:
        assert pickle.loads(pickle.dumps(level)) is level


# --- parse -------------------------------------------------------------------------------


@pytest.mark.parametrize(("alias", "level"), ALIAS_PAIRS)
def test_parse_every_alias(alias: str, level: Level) -> None:
    """Every Chinese alias of the issue reads as its level."""
    assert Level.parse(alias) is level


@pytest.mark.parametrize(
    ("value", "level"),
    [
        ("national", N),
        ("provincial", P),
        ("municipal", M),
        ("county", C),
        ("township", T),
        ("village", V),
    ],
)
def test_parse_english_values(value: str, level: Level) -> None:
    """The English value of each level reads as the level."""
    assert Level.parse(value) is level
    assert Level.parse(level.value) is level


@pytest.mark.parametrize(
    ("text", "level"),
    [(" 省级 ", P), ("\u3000国列\u3000", N), ("ｍｕｎｉｃｉｐａｌ", M), ("省（区）", P)],
)
def test_parse_ignores_surrounding_space_and_full_width_forms(text: str, level: Level) -> None:
    """Surrounding spaces are ignored and full-width forms read as ASCII."""
    assert Level.parse(text) is level


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("", 0),
        (" ", 1),
        ("x", 0),
        ("  x", 2),
        ("\u3000foo", 1),
        ("国级", 0),
        ("省級", 0),
        ("市县", 0),
        ("以上", 0),
        ("省列项目", 0),
    ],
)
def test_parse_refusals(text: str, position: int) -> None:
    """What is not a level raises LevelParseError at the first non-space character."""
    error = _level_refusal(Level.parse, text)
    assert isinstance(error, ParseError)
    assert isinstance(error, ValueError)
    assert isinstance(error, SciplanError)
    assert error.text == text
    assert error.position == position
    assert error.reason == "an administrative level was expected"
    assert str(error) == _expected_message(text, position)


@pytest.mark.parametrize("parse", [Level.parse, Level.parse_range], ids=["parse", "parse_range"])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "Level text must be a str, not NoneType"),
        (1, "Level text must be a str, not int"),
        (1.5, "Level text must be a str, not float"),
        (Level.NATIONAL, "Level text must be a str, not Level"),
    ],
)
def test_non_strings_are_type_errors(parse: object, value: object, message: str) -> None:
    """parse and parse_range of anything but a str raise WrongTypeError (a TypeError)."""
    with pytest.raises(WrongTypeError) as excinfo:
        parse(value)  # type: ignore[operator]
    assert isinstance(excinfo.value, TypeError)
    assert isinstance(excinfo.value, SciplanError)
    assert str(excinfo.value) == message


# --- parse_range -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("市级以上", {M, P, N}),
        ("市以上", {M, P, N}),
        ("市级及以上", {M, P, N}),
        ("省级及以上", {P, N}),
        ("国家级以上", {N}),
        ("区级以上", {C, M, P, N}),
        ("县级以下", {C, T, V}),
        ("县级及以下", {C, T, V}),
        ("乡镇以下", {T, V}),
        ("村级以下", {V}),
        ("省级以下", {P, M, C, T, V}),
        (" 市级以上 ", {M, P, N}),
        ("省列", {P}),
        ("国家级", {N}),
    ],
)
def test_parse_range(text: str, levels: set[Level]) -> None:
    """以上/及以上 include the level and those above; 以下/及以下 it and those below."""
    result = Level.parse_range(text)
    assert isinstance(result, frozenset)
    assert result == frozenset(levels)


def test_municipal_and_above() -> None:
    """“市级以上” is exactly the frozenset of MUNICIPAL, PROVINCIAL and NATIONAL."""
    assert Level.parse_range("市级以上") == frozenset(
        {Level.MUNICIPAL, Level.PROVINCIAL, Level.NATIONAL}
    )


@given(
    st.sampled_from(ALIAS_PAIRS),
    st.sampled_from([("以上", True), ("及以上", True), ("以下", False), ("及以下", False)]),
)
def test_parse_range_of_every_alias(pair: tuple[str, Level], suffix: tuple[str, bool]) -> None:
    """Any alias followed by 以上/以下 (with or without 及) gives the levels on that side."""
    alias, level = pair
    word, upward = suffix
    expected = frozenset(m for m in Level if (m >= level if upward else m <= level))
    assert Level.parse_range(alias + word) == expected
    assert level in Level.parse_range(alias + word)


@pytest.mark.parametrize(("alias", "level"), ALIAS_PAIRS)
def test_parse_range_of_a_single_level(alias: str, level: Level) -> None:
    """A plain alias is the range of that one level."""
    assert Level.parse_range(alias) == frozenset({level})


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("", 0),
        ("x", 0),
        ("以上", 0),
        ("及以上", 0),
        ("及以下", 0),
        ("以上以上", 0),
        ("abc以上", 0),
        ("  foo以上", 2),
        ("市级以上以上", 0),
        ("省以上以下", 0),
        ("市级 以上", 0),
    ],
)
def test_parse_range_refusals(text: str, position: int) -> None:
    """What is not a level or a span of levels raises LevelParseError."""
    error = _level_refusal(Level.parse_range, text)
    assert isinstance(error, ValueError)
    assert isinstance(error, SciplanError)
    assert error.text == text
    assert error.position == position
    assert str(error) == _expected_message(text, position)


@pytest.mark.parametrize(
    ("text", "position"),
    [("市（区）以上", 0), ("ｘ以上", 0), ("ＡＢ及以下", 0), ("\u3000ｘ以上", 1)],
)
def test_parse_range_refusal_positions_in_full_width_text(text: str, position: int) -> None:
    """A refused span written in full-width forms is reported at a true position in the text."""
    error = _level_refusal(Level.parse_range, text)
    assert error.position == position
    assert str(error) == _expected_message(text, position)


@given(st.text(max_size=12))
def test_parse_range_gives_levels_or_our_error(text: str) -> None:
    """Any text gives a non-empty set of levels or a LevelParseError inside the text."""
    outcome: frozenset[Level] | LevelParseError
    try:
        outcome = Level.parse_range(text)
    except LevelParseError as error:
        outcome = error
    if isinstance(outcome, LevelParseError):
        assert 0 <= outcome.position <= len(outcome.text)
        assert outcome.text == text
    else:
        assert outcome
        assert outcome <= frozenset(Level)


# --- span_name -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("levels", "name"),
    [
        ({P}, "省级"),
        ({N}, "国家级"),
        ({T}, "乡镇级"),
        ({N, P, M}, "市级以上"),
        ({N, P}, "省级以上"),
        ({N, P, M, C}, "县级以上"),
        (set(HIGHEST_FIRST), "村级以上"),
        ({C, T, V}, "县级及以下"),
        ({T, V}, "乡镇级及以下"),
        ({N, C}, "国家级、县级"),
        ({P, M}, "省级、市级"),
        ({N, P, C}, "国家级、省级、县级"),
        ({M, T, V}, "市级、乡镇级、村级"),
    ],
)
def test_span_name(levels: set[Level], name: str) -> None:
    """One level by its name; a span up to the nation as 以上, down to the village as 及以下;
    other sets as their names joined by 、, the highest first."""
    assert Level.span_name(levels) == name
    assert Level.span_name(sorted(levels)) == name  # the order given does not matter
    assert Level.span_name([*levels, *levels]) == name  # nor a level given twice


@given(st.sets(st.sampled_from(Level), min_size=1))
def test_a_span_name_reads_back(levels: set[Level]) -> None:
    """Every name but a list joined by 、 is a span that parse_range reads back."""
    name = Level.span_name(levels)
    if "、" in name:
        assert len(levels) > 1
        assert [Level.parse(word) for word in name.split("、")] == sorted(levels, reverse=True)
    else:
        assert Level.parse_range(name) == frozenset(levels)


@pytest.mark.parametrize(
    ("levels", "error", "message"),
    [
        ([], "InvalidValueError", "invalid span of levels: it holds no level"),
        ("市级以上", "WrongTypeError", "levels must be a collection of Levels, not str"),
        (None, "WrongTypeError", "levels must be a collection of Levels, not NoneType"),
        ([N, "省级"], "WrongTypeError", "levels must be Levels, not str"),
    ],
)
def test_span_name_refusals(levels: object, error: str, message: str) -> None:
    """No level, or what is no collection of Levels, is refused with our error."""
    with pytest.raises(SciplanError) as excinfo:
        Level.span_name(levels)  # type: ignore[arg-type]
    assert type(excinfo.value).__name__ == error
    assert str(excinfo.value) == message
