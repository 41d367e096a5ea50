"""Tests of sciplan_model.numerals: Arabic, full-width and Chinese numerals read exactly."""

from __future__ import annotations

import decimal
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciplan_model import NumeralParseError, ParseError, SciplanError, parse_number
from sciplan_model.numerals import normalize_text, to_chinese_numeral
from strategies import decimals

_FULLWIDTH_DIGITS = str.maketrans("0123456789.", "０１２３４５６７８９．")
_CAPITALS = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_CN_POSITIONAL = "〇一二三四五六七八九"


def _refusal(text: str) -> NumeralParseError:
    """Parse ``text``, expecting a NumeralParseError, and return it."""
    with pytest.raises(NumeralParseError) as excinfo:
        parse_number(text)
    return excinfo.value


def _outcome(text: str) -> Decimal | NumeralParseError:
    """The value ``text`` reads as, or the NumeralParseError it raises."""
    try:
        return parse_number(text)
    except NumeralParseError as error:
        return error


def _expected_message(text: str, position: int, reason: str) -> str:
    """The message a NumeralParseError gives for a short ``text``."""
    where = f"({text[position : position + 24]!r})" if position < len(text) else "(end of text)"
    return f"cannot read number {text!r}: {reason} at position {position} {where}"


# --- Arabic numerals ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", "0"),
        ("7", "7"),
        ("2100", "2100"),
        ("159.3", "159.3"),
        ("0.5", "0.5"),
        ("1,593,000", "1593000"),
        ("12,345.67", "12345.67"),
        ("1,000", "1000"),
        ("999,999,999", "999999999"),
        ("3.5万", "35000"),
        ("1.5亿", "150000000"),
        ("2万", "20000"),
        ("1万亿", "1000000000000"),
        ("1亿2000万", "120000000"),
    ],
)
def test_arabic_numbers_are_read_exactly(text: str, expected: str) -> None:
    """Arabic numbers, with thousands separators and 万/亿 scales, are exact Decimals."""
    value = parse_number(text)
    assert type(value) is Decimal
    assert value == Decimal(expected)
    assert str(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("２１００", "2100"),
        ("１５９．３", "159.3"),
        ("１２。５", "12.5"),
        ("３．５万", "35000"),
    ],
)
def test_full_width_digits_read_as_ascii(text: str, expected: str) -> None:
    """Full-width digits, separators and points read as their ASCII forms."""
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("159。3", "159.3"), ("0。5", "0.5"), ("1,593。25", "1593.25"), ("159。3万", "1593000")],
)
def test_ideographic_full_stop_is_a_decimal_point_between_digits(text: str, expected: str) -> None:
    """The ideographic 。 between digits is a decimal point (converted documents)."""
    assert parse_number(text) == Decimal(expected)


@given(st.integers(min_value=0, max_value=10**28 - 1))
def test_integer_round_trip(n: int) -> None:
    """Every whole number up to 28 digits reads back as itself."""
    assert parse_number(str(n)) == n


@given(st.integers(min_value=0, max_value=10**28 - 1))
def test_thousands_separators_round_trip(n: int) -> None:
    """A number written with thousands separators reads as the number itself."""
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=0, max_value=10**28 - 1))
def test_full_width_integer_round_trip(n: int) -> None:
    """A number in full-width digits (with ASCII thousands separators) reads as itself."""
    assert parse_number(f"{n:,}".translate(_FULLWIDTH_DIGITS)) == n


@given(decimals(max_digits=20, places=6))
def test_decimal_round_trip_with_either_point(d: Decimal) -> None:
    """A decimal reads back exactly, with . or with 。 as its point."""
    written = format(d, "f")
    assert parse_number(written) == d
    assert parse_number(written.replace(".", "。")) == d


@pytest.mark.parametrize(
    "text",
    [
        "1234567890123456789012345678" + "0" * 12,
        "0" * 12 + "1234567890123456789012345678",
        "12345678901234567890123456789",
        "1234567890123456789012345678.9",
        "1" * 40,
    ],
)
def test_long_numbers_are_never_rounded(text: str) -> None:
    """A number of up to 40 digits is read exactly or refused, never silently rounded."""
    outcome = _outcome(text)
    if isinstance(outcome, NumeralParseError):
        assert outcome.position == 0
    else:
        assert outcome == Decimal(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12345", "12345"), ("1,234,567", "1234567"), ("3.25万", "32500"), ("159。3", "159.3")],
)
def test_reading_ignores_the_callers_decimal_context(text: str, expected: str) -> None:
    """The application's decimal context (here 3 digits) never rounds a number being read."""
    with decimal.localcontext(prec=3):
        value = parse_number(text)
    assert value == Decimal(expected)


# --- Chinese numerals --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("零", 0),
        ("〇", 0),
        ("一", 1),
        ("两", 2),
        ("十", 10),
        ("十一", 11),
        ("十五", 15),
        ("一十五", 15),
        ("二十", 20),
        ("五十五", 55),
        ("一百", 100),
        ("两百", 200),
        ("一百零五", 105),
        ("一百一十", 110),
        ("一百二十", 120),
        ("一千零一", 1001),
        ("两千", 2000),
        ("三千零五", 3005),
        ("一万", 10000),
        ("一万零五", 10005),
        ("两万", 20000),
        ("三万五千", 35000),
        ("十万", 100000),
        ("十五万", 150000),
        ("二十五万三千零五十", 253050),
        ("二十万零三百", 200300),
        ("一百万", 1000000),
        ("一亿", 100000000),
        ("一亿二千万", 120000000),
        ("五万亿", 5 * 10**12),
        ("一万亿", 10**12),
        ("十万亿", 10**13),
        ("一千万亿", 10**15),
        ("一万亿零一", 10**12 + 1),
    ],
)
def test_chinese_numerals(text: str, expected: int) -> None:
    """Chinese numerals with 十百千 and the 万/亿 scales read as their exact value."""
    value = parse_number(text)
    assert type(value) is Decimal
    assert value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("壹", 1),
        ("拾", 10),
        ("壹拾", 10),
        ("壹佰贰拾叁", 123),
        ("贰仟零伍", 2005),
        ("肆万伍仟陆佰柒拾捌", 45678),
        ("玖亿捌仟万", 980000000),
        ("陆萬", 60000),
        ("柒億", 700000000),
    ],
)
def test_financial_capitals(text: str, expected: int) -> None:
    """The financial capitals 壹贰叁…拾佰仟 read like the ordinary numerals."""
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一百五", 150),
        ("一百一", 110),
        ("一千五", 1500),
        ("三千五", 3500),
        ("三万五", 35000),
        ("两万五", 25000),
        ("一万五千五", 15500),
        ("一亿五", 150000000),
    ],
)
def test_colloquial_trailing_digit_counts_in_the_next_place(text: str, expected: int) -> None:
    """Colloquially a last digit after a unit is one place lower: 一百五 = 150, 三万五 = 35000."""
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("一百零五", 105), ("一千零五", 1005), ("三万零五", 30005)],
)
def test_zero_before_the_last_digit_disables_the_colloquial_reading(
    text: str, expected: int
) -> None:
    """After 零 the last digit is units: 一百零五 = 105, not 150."""
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("二〇〇六", 2006), ("二零零六", 2006), ("一九五三", 1953), ("二〇二六", 2026), ("五零", 50)],
)
def test_positional_chinese_digits(text: str, expected: int) -> None:
    """A row of Chinese digits without units is read positionally, as years are written."""
    assert parse_number(text) == expected


@given(st.text(alphabet=_CN_POSITIONAL, min_size=1, max_size=39).map(lambda s: "一" + s))
def test_positional_chinese_digits_property(text: str) -> None:
    """Any row of Chinese digits (up to 40) reads as the same row of Arabic digits."""
    arabic = "".join(str(_CN_POSITIONAL.index(c)) for c in text)
    assert parse_number(text) == int(arabic)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三点五", "3.5"),
        ("零点五", "0.5"),
        ("零点零五", "0.05"),
        ("一百点五", "100.5"),
        ("三点一四一五", "3.1415"),
        ("三点五万", "35000"),
        ("一点五亿", "150000000"),
        ("三点五万亿", "3500000000000"),
    ],
)
def test_dian_decimals(text: str, expected: str) -> None:
    """点 is the decimal point of a Chinese numeral, and a scale may follow the fraction."""
    assert parse_number(text) == Decimal(expected)


@given(st.integers(min_value=0, max_value=99_999_999))
def test_to_chinese_numeral_round_trip(n: int) -> None:
    """Reading a number written in Chinese numerals gives the number back."""
    assert parse_number(to_chinese_numeral(n)) == n


@given(st.integers(min_value=0, max_value=99_999_999))
def test_financial_capitals_round_trip(n: int) -> None:
    """The same number written in financial capitals reads the same."""
    assert parse_number(to_chinese_numeral(n).translate(_CAPITALS)) == n


def test_to_chinese_numeral_round_trip_for_every_small_number() -> None:
    """Every number below 20000 (all the 零 and 十 cases) survives writing and reading."""
    for n in range(20_000):
        assert parse_number(to_chinese_numeral(n)) == n, n


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "零"),
        (5, "五"),
        (10, "十"),
        (11, "十一"),
        (15, "十五"),
        (20, "二十"),
        (100, "一百"),
        (101, "一百零一"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (2006, "二千零六"),
        (10000, "一万"),
        (10001, "一万零一"),
        (10010, "一万零一十"),
        (10100, "一万零一百"),
        (35000, "三万五千"),
        (100000, "十万"),
        (100010, "十万零一十"),
        (110000, "十一万"),
        (1100000, "一百一十万"),
        (10000000, "一千万"),
        (20000001, "二千万零一"),
        (99999999, "九千九百九十九万九千九百九十九"),
    ],
)
def test_to_chinese_numeral_writes_the_usual_form(n: int, expected: str) -> None:
    """to_chinese_numeral writes 十 for a leading ten and 零 for skipped places."""
    assert to_chinese_numeral(n) == expected


@pytest.mark.parametrize(
    ("n", "message"),
    [
        (-1, "invalid number: -1 is not between 0 and 99999999"),
        (100_000_000, "invalid number: 100000000 is not between 0 and 99999999"),
    ],
)
def test_to_chinese_numeral_refuses_numbers_out_of_range(n: int, message: str) -> None:
    """to_chinese_numeral refuses numbers outside 0..99999999 with a ValueError."""
    with pytest.raises(ValueError, match="is not between 0 and 99999999") as excinfo:
        to_chinese_numeral(n)
    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    ("n", "message"),
    [
        (True, "n must be int, not bool"),
        (1.0, "n must be int, not float"),
        ("5", "n must be int, not str"),
        (None, "n must be int, not NoneType"),
    ],
)
def test_to_chinese_numeral_refuses_non_integers(n: object, message: str) -> None:
    """to_chinese_numeral refuses anything but an int (bool included) with a TypeError."""
    with pytest.raises(TypeError) as excinfo:
        to_chinese_numeral(n)  # type: ignore[arg-type]
    assert str(excinfo.value) == message


@pytest.mark.parametrize(("n", "expected"), [(-1, ValueError), (True, TypeError)])
def test_to_chinese_numeral_errors_are_sciplan_errors(n: object, expected: type) -> None:
    """The library's errors all derive from SciplanError, to_chinese_numeral's included."""
    with pytest.raises(expected) as excinfo:
        to_chinese_numeral(n)  # type: ignore[arg-type]
    assert isinstance(excinfo.value, SciplanError)


# --- refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("", 0, "a number was expected"),
        ("abc", 0, "a number was expected"),
        ("-5", 0, "a number was expected"),
        (" 5", 0, "a number was expected"),
        ("5 ", 1, "an unexpected character"),
        ("12x", 2, "an unexpected character"),
        ("159.3.1", 5, "a second decimal point"),
        ("159。3。1", 5, "a second decimal point"),
        ("1.", 1, "an unexpected character"),
        ("1。", 1, "an unexpected character"),
        ("。5", 0, "a number was expected"),
        ("1e5", 1, "an unexpected character"),
        ("1_000", 1, "an unexpected character"),
        (",1", 0, "a number was expected"),
        ("1,", 1, "an unexpected character"),
        ("1,,000", 1, "an unexpected character"),
        ("1,000,", 5, "an unexpected character"),
        ("1,00", 4, "a thousands group has fewer than three digits"),
        ("1,000,00", 8, "a thousands group has fewer than three digits"),
        ("1,0000", 5, "a thousands group has more than three digits"),
        ("12345,678", 5, "a thousands separator after more than three digits"),
        ("٣", 0, "a number was expected"),
        ("१२", 0, "a number was expected"),
        ("万", 0, "a number was expected"),
        ("万万", 0, "a number was expected"),
        ("1万万", 2, "an unexpected character"),
        ("159.3万万", 6, "an unexpected character"),
        ("1亿万", 2, "an unexpected character"),
        ("1万1亿", 3, "scales out of order"),
        ("一万万", 2, "万 twice in one number"),
        ("三千万万", 3, "万 twice in one number"),
        ("一亿亿", 2, "a number was expected before 亿"),
        ("一亿二亿", 3, "亿 out of order"),
        ("十十", 1, "十 out of order"),
        ("一百一百", 3, "百 out of order"),
        ("千", 0, "a digit was expected before 千"),
        ("百二", 0, "a digit was expected before 百"),
        ("一零百", 1, "two Chinese digits in a row"),
        ("两〇〇六", 0, "两 cannot stand in a row of digits"),
        ("点五", 0, "a number was expected"),
        ("三点", 2, "digits were expected after 点"),
        ("十点", 2, "digits were expected after 点"),
        ("三点两", 2, "digits were expected after 点"),
        ("两个", 1, "an unexpected character"),
    ],
)
def test_refusals_name_the_position_and_reason(text: str, position: int, reason: str) -> None:
    """What is not a number raises NumeralParseError naming the first bad position."""
    error = _refusal(text)
    assert error.text == text
    assert error.position == position
    assert error.reason == reason
    assert str(error) == _expected_message(text, position, reason)


def test_refusal_is_a_value_error_and_a_sciplan_error() -> None:
    """NumeralParseError is a ParseError, a SciplanError and a ValueError."""
    error = _refusal("159.3.1")
    assert isinstance(error, ParseError)
    assert isinstance(error, SciplanError)
    assert isinstance(error, ValueError)


def test_refusal_hides_the_internal_exception() -> None:
    """The parse error is raised from None: no internal exception leaks as its context."""
    error = _refusal("12x")
    assert error.__cause__ is None
    assert error.__suppress_context__ is True


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("１２ｘ", 2, "an unexpected character"),
        ("\u30005", 0, "a number was expected"),
        ("１,００", 4, "a thousands group has fewer than three digits"),
        ("１０，２００", 2, "an unexpected character"),
    ],
)
def test_refusal_quotes_the_text_as_written(text: str, position: int, reason: str) -> None:
    """Positions and quotes refer to the full-width text as written, not its normalised form."""
    error = _refusal(text)
    assert error.text == text
    assert error.position == position
    assert str(error) == _expected_message(text, position, reason)


@pytest.mark.parametrize(
    ("text", "position"), [("二亿一亿", 3), ("三点五万万", 4), ("三点五亿亿", 4)]
)
def test_repeated_or_misordered_scales_are_refused(text: str, position: int) -> None:
    """A repeated scale word (二亿一亿, 三点五万万, 三点五亿亿) is refused, not summed or multiplied."""
    error = _refusal(text)
    assert error.position == position
    assert str(error) == _expected_message(text, position, error.reason)


def test_a_pile_of_scales_after_a_fraction_raises_our_error() -> None:
    """Thousands of 亿 after 三点五 raise NumeralParseError, never decimal.Overflow."""
    text = "三点五" + "亿" * 2000
    with pytest.raises(SciplanError) as excinfo:
        parse_number(text)
    error = excinfo.value
    assert isinstance(error, NumeralParseError)
    assert error.position == 4


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1" * 41, "a number with more than 40 digits"),
        ("1" * 5000, "a number with more than 40 digits"),
        ("1." + "1" * 5000, "a number with more than 40 digits"),
        ("一" * 41, "a number with more than 40 digits"),
        ("一二三" + "四" * 5000, "a number with more than 40 digits"),
    ],
)
def test_thousands_of_digits_are_refused(text: str, reason: str) -> None:
    """A number with more than 40 digits is refused at its first digit."""
    error = _refusal(text)
    assert error.position == 0
    assert error.reason == reason


_JUNK = 100_000


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("x" * _JUNK, 0, "a number was expected"),
        ("5" + "x" * _JUNK, 1, "an unexpected character"),
        ("159.3" + "。" * _JUNK, 5, "an unexpected character"),
        ("1" * _JUNK, 0, "a number with more than 40 digits"),
        ("1,000" * (_JUNK // 5), 5, "a thousands group has more than three digits"),
        ("一" * _JUNK, 0, "a number with more than 40 digits"),
        ("十" * _JUNK, 1, "十 out of order"),
        ("十万" * (_JUNK // 2), 3, "万 twice in one number"),
    ],
)
def test_long_junk_fails_at_its_first_bad_character(text: str, position: int, reason: str) -> None:
    """100,000 characters of junk are refused at the first bad character, not after them."""
    error = _refusal(text)
    assert error.position == position
    assert error.reason == reason


def test_long_junk_message_is_clipped() -> None:
    """The message for 100,000 characters of junk quotes only its two ends and its length."""
    text = "x" * _JUNK
    error = _refusal(text)
    assert str(error) == (
        f"cannot read number {'x' * 40 + '…' + 'x' * 40!r} ({_JUNK} characters): "
        f"a number was expected at position 0 ({'x' * 24!r})"
    )


_ALPHABET = "0123456789,.。点零〇一二两三四五六七八九十百千万亿壹贰拾佰仟萬億０１，．xe_- 　"


@given(st.text(alphabet=_ALPHABET, max_size=24))
def test_any_text_gives_a_decimal_or_our_error(text: str) -> None:
    """Any text either reads as a Decimal or raises NumeralParseError at a position inside it."""
    outcome = _outcome(text)
    if isinstance(outcome, NumeralParseError):
        assert outcome.text == text
        assert 0 <= outcome.position <= len(text)
    else:
        assert type(outcome) is Decimal
        assert outcome.is_finite()
        assert outcome >= 0


@given(st.text(max_size=40))
def test_arbitrary_unicode_gives_a_decimal_or_our_error(text: str) -> None:
    """Arbitrary Unicode never escapes as anything but NumeralParseError."""
    outcome = _outcome(text)
    if isinstance(outcome, NumeralParseError):
        assert 0 <= outcome.position <= len(text)
    else:
        assert type(outcome) is Decimal


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "text must be str, not NoneType"),
        (5, "text must be str, not int"),
        (1.5, "text must be str, not float"),
        (b"5", "text must be str, not bytes"),
    ],
)
def test_parse_number_refuses_non_strings(value: object, message: str) -> None:
    """parse_number of anything but a str is a TypeError naming the type."""
    with pytest.raises(TypeError) as excinfo:
        parse_number(value)  # type: ignore[arg-type]
    assert str(excinfo.value) == message


@pytest.mark.parametrize("value", [None, 1.5])
def test_parse_number_type_errors_are_sciplan_errors(value: object) -> None:
    """A wrong type given to parse_number is a SciplanError as well as a TypeError."""
    with pytest.raises(TypeError) as excinfo:
        parse_number(value)  # type: ignore[arg-type]
    assert isinstance(excinfo.value, SciplanError)


# --- normalize_text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("２１００个（份）", "2100个(份)"),
        ("ＡＢＣａｂｃ", "ABCabc"),
        ("１５９．３", "159.3"),
        ("　", " "),
        ("3〜5", "3~5"),
        ("！～", "!~"),
        ("159。3万元“十一五”", "159。3万元“十一五”"),
    ],
)
def test_normalize_text_maps_full_width_forms(text: str, expected: str) -> None:
    """normalize_text maps full-width ASCII forms to ASCII and leaves Chinese text alone."""
    assert normalize_text(text) == expected


@given(st.text())
def test_normalize_text_keeps_length(text: str) -> None:
    """normalize_text maps one character to one, so positions stay true to the text."""
    assert len(normalize_text(text)) == len(text)


@given(st.text())
def test_normalize_text_is_idempotent(text: str) -> None:
    """Normalising twice is normalising once."""
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(
    st.text(
        alphabet=st.characters(
            min_codepoint=0xFF01, max_codepoint=0xFF5E, blacklist_characters="，"
        )
    )
)
def test_normalize_text_agrees_with_nfkc_on_full_width_ascii(text: str) -> None:
    """On the full-width ASCII block but its comma, normalize_text gives what NFKC gives."""
    assert normalize_text(text) == unicodedata.normalize("NFKC", text)


def test_the_full_width_comma_is_kept() -> None:
    """The full-width comma separates clauses in Chinese prose: it is never a digit separator."""
    assert normalize_text("10，200") == "10，200"
