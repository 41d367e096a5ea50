"""Tests of sciplan_model.errors: the hierarchy, fields, messages and pickling of errors."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sciplan_model
from sciplan_model import errors
from sciplan_model.errors import (
    DivisionByZeroError,
    EmptyTotalError,
    FigureParseError,
    InexactResultError,
    InvalidMagnitudeError,
    InvalidValueError,
    LevelParseError,
    NumeralParseError,
    ParseError,
    PeriodParseError,
    SciplanError,
    UnitMismatchError,
    UnknownUnitError,
    WrongTypeError,
)

PARSE_ERRORS = (ParseError, NumeralParseError, FigureParseError, PeriodParseError, LevelParseError)


def _roundtrip(error: BaseException) -> BaseException:
    """The error after pickle.dumps and pickle.loads."""
    return pickle.loads(pickle.dumps(error))


# One example of every error: (the error, its built-in base, its fields, its message).
EXAMPLES = [
    (
        ParseError("12x", 2, "an unexpected character"),
        ValueError,
        {"text": "12x", "position": 2, "reason": "an unexpected character"},
        "cannot read text '12x': an unexpected character at position 2 ('x')",
    ),
    (
        NumeralParseError("159.3.1", 5, "a second decimal point"),
        ValueError,
        {"text": "159.3.1", "position": 5, "reason": "a second decimal point"},
        "cannot read number '159.3.1': a second decimal point at position 5 ('.1')",
    ),
    (
        FigureParseError("5.5亿美元", 4, "an unknown unit"),
        ValueError,
        {"text": "5.5亿美元", "position": 4, "reason": "an unknown unit"},
        "cannot read figure '5.5亿美元': an unknown unit at position 4 ('美元')",
    ),
    (
        PeriodParseError("“四五”普法", 1, "a five-year plan's name was expected"),
        ValueError,
        {"text": "“四五”普法", "position": 1, "reason": "a five-year plan's name was expected"},
        "cannot read period '“四五”普法': a five-year plan's name was expected "
        "at position 1 ('四五”普法')",
    ),
    (
        LevelParseError("", 0, "an administrative level was expected"),
        ValueError,
        {"text": "", "position": 0, "reason": "an administrative level was expected"},
        "cannot read level '': an administrative level was expected at position 0 (end of text)",
    ),
    (
        UnknownUnitError("美元"),
        ValueError,
        {"unit": "美元", "reason": ""},
        "unknown unit '美元'",
    ),
    (
        UnknownUnitError("美元", "not a unit of the registry"),
        ValueError,
        {"unit": "美元", "reason": "not a unit of the registry"},
        "unknown unit '美元': not a unit of the registry",
    ),
    (
        UnitMismatchError("项", "人次", "add"),
        TypeError,
        {"left": "项", "right": "人次", "operation": "add"},
        "cannot add '项' and '人次': they are units of different things",
    ),
    (
        InvalidMagnitudeError("NaN", "not a number"),
        ValueError,
        {"value": "NaN", "reason": "not a number", "field": "magnitude"},
        "invalid magnitude 'NaN': not a number",
    ),
    (
        InvalidMagnitudeError("Infinity", "not finite", "upper"),
        ValueError,
        {"value": "Infinity", "reason": "not finite", "field": "upper"},
        "invalid upper 'Infinity': not finite",
    ),
    (
        WrongTypeError("magnitude", "an int, a str or a Decimal", "float"),
        TypeError,
        {"field": "magnitude", "expected": "an int, a str or a Decimal", "got": "float"},
        "magnitude must be an int, a str or a Decimal, not float",
    ),
    (
        InexactResultError("10元 / 3"),
        ArithmeticError,
        {"operation": "10元 / 3"},
        "10元 / 3 has no exact decimal result; nothing is rounded silently",
    ),
    (
        EmptyTotalError(),
        ValueError,
        {},
        "total() of no quantities needs unit= to know which zero to return",
    ),
    (
        DivisionByZeroError("5万元 / 0"),
        ZeroDivisionError,
        {"operation": "5万元 / 0"},
        "5万元 / 0 divides by zero",
    ),
    (
        InvalidValueError("range", "its low end is above its high end"),
        ValueError,
        {"what": "range", "reason": "its low end is above its high end"},
        "invalid range: its low end is above its high end",
    ),
]
IDS = [f"{type(e).__name__}-{i}" for i, (e, *_) in enumerate(EXAMPLES)]


@pytest.mark.parametrize(("error", "builtin", "fields", "message"), EXAMPLES, ids=IDS)
def test_every_error_is_a_sciplan_error_and_its_builtin(
    error: SciplanError, builtin: type, fields: dict[str, object], message: str
) -> None:
    """Each error derives from SciplanError and from the matching built-in exception."""
    assert isinstance(error, SciplanError)
    assert isinstance(error, builtin)
    with pytest.raises(builtin):
        raise error


@pytest.mark.parametrize(("error", "builtin", "fields", "message"), EXAMPLES, ids=IDS)
def test_every_error_keeps_its_fields(
    error: SciplanError, builtin: type, fields: dict[str, object], message: str
) -> None:
    """Each error keeps what it is about as attributes."""
    for name, value in fields.items():
        assert getattr(error, name) == value


@pytest.mark.parametrize(("error", "builtin", "fields", "message"), EXAMPLES, ids=IDS)
def test_every_error_message(
    error: SciplanError, builtin: type, fields: dict[str, object], message: str
) -> None:
    """Each error builds its English message from its fields."""
    assert str(error) == message


@pytest.mark.parametrize(("error", "builtin", "fields", "message"), EXAMPLES, ids=IDS)
def test_every_error_pickles(
    error: SciplanError, builtin: type, fields: dict[str, object], message: str
) -> None:
    """An error survives pickling with its class, fields, args and message."""
    copy = _roundtrip(error)
    assert type(copy) is type(error)
    assert copy is not error
    for name, value in fields.items():
        assert getattr(copy, name) == value
    assert copy.args == error.args
    assert str(copy) == message


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (ParseError, ValueError),
        (NumeralParseError, ValueError),
        (FigureParseError, ValueError),
        (PeriodParseError, ValueError),
        (LevelParseError, ValueError),
        (UnknownUnitError, ValueError),
        (UnitMismatchError, TypeError),
        (InvalidMagnitudeError, ValueError),
        (WrongTypeError, TypeError),
        (InexactResultError, ArithmeticError),
        (EmptyTotalError, ValueError),
        (DivisionByZeroError, ZeroDivisionError),
        (DivisionByZeroError, ArithmeticError),
        (InvalidValueError, ValueError),
    ],
)
def test_class_hierarchy(cls: type, builtin: type) -> None:
    """Every concrete error class subclasses SciplanError and its matching built-in."""
    assert issubclass(cls, SciplanError)
    assert issubclass(cls, builtin)


@pytest.mark.parametrize("cls", PARSE_ERRORS[1:])
def test_specific_parse_errors_are_parse_errors(cls: type) -> None:
    """The parse errors of numbers, figures, periods and levels are all ParseErrors."""
    assert issubclass(cls, ParseError)


@pytest.mark.parametrize(
    ("cls", "what"),
    [
        (ParseError, "text"),
        (NumeralParseError, "number"),
        (FigureParseError, "figure"),
        (PeriodParseError, "period"),
        (LevelParseError, "level"),
    ],
)
def test_parse_error_names_what_it_reads(cls: type[ParseError], what: str) -> None:
    """Each parse error's message says what kind of thing could not be read."""
    error = cls("abc", 1, "why")
    assert str(error) == f"cannot read {what} 'abc': why at position 1 ('bc')"


def test_sciplan_error_is_an_exception_but_no_builtin_value_or_type_error() -> None:
    """The base class is a plain Exception; the built-in comes with each concrete error."""
    assert issubclass(SciplanError, Exception)
    assert not issubclass(SciplanError, ValueError)
    assert not issubclass(SciplanError, TypeError)


def test_base_error_pickles() -> None:
    """SciplanError itself, with plain args, survives pickling."""
    copy = _roundtrip(SciplanError("something", 3))
    assert type(copy) is SciplanError
    assert copy.args == ("something", 3)


# --- ParseError details ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position", "snippet"),
    [
        ("12x", 2, "x"),
        ("abc", 0, "abc"),
        ("abc", 3, ""),
        ("abc", 5, ""),
        ("0123456789" * 5, 3, "345678901234567890123456"),
        ("0123456789" * 5, 40, "0123456789"),
    ],
)
def test_snippet_is_up_to_24_characters_from_the_position(
    text: str, position: int, snippet: str
) -> None:
    """The snippet is the text from the error's position, at most 24 characters."""
    assert ParseError(text, position, "r").snippet == snippet


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("", 0, "cannot read text '': r at position 0 (end of text)"),
        ("ab", 2, "cannot read text 'ab': r at position 2 (end of text)"),
        ("ab", 5, "cannot read text 'ab': r at position 5 (end of text)"),
        ("ab", 1, "cannot read text 'ab': r at position 1 ('b')"),
    ],
)
def test_end_of_text_form(text: str, position: int, message: str) -> None:
    """A position at or past the end of the text is reported as "end of text"."""
    assert str(ParseError(text, position, "r")) == message


def test_long_text_is_clipped_in_the_message() -> None:
    """Text over 80 characters is quoted by its first and last 40 and its length."""
    text = "a" * 50 + "b" * 50
    error = ParseError(text, 50, "r")
    assert str(error) == (
        f"cannot read text {'a' * 40 + '…' + 'b' * 40!r} (100 characters): "
        f"r at position 50 ({'b' * 24!r})"
    )
    assert error.text == text


@pytest.mark.parametrize(("length", "clipped"), [(80, False), (81, True)])
def test_clipping_starts_above_80_characters(length: int, clipped: bool) -> None:
    """A text of exactly 80 characters is quoted whole; one of 81 is clipped."""
    text = "x" * length
    message = str(ParseError(text, 0, "r"))
    quoted = repr("x" * 40 + "…" + "x" * 40) + f" ({length} characters)" if clipped else repr(text)
    assert message == f"cannot read text {quoted}: r at position 0 ({'x' * 24!r})"


def test_invalid_magnitude_clips_a_long_value() -> None:
    """InvalidMagnitudeError clips a long value in its message the same way."""
    value = "9" * 100
    assert str(InvalidMagnitudeError(value, "too many digits")) == (
        f"invalid magnitude {'9' * 40 + '…' + '9' * 40!r} (100 characters): too many digits"
    )


def test_message_quotes_text_with_quotes_safely() -> None:
    """The text is quoted with repr, so quotes inside it stay readable."""
    assert str(ParseError("a'b", 0, "q")) == 'cannot read text "a\'b": q at position 0 ("a\'b")'


@given(
    st.sampled_from(PARSE_ERRORS),
    st.text(max_size=200),
    st.integers(min_value=0, max_value=250),
    st.text(max_size=40),
)
def test_parse_errors_pickle_for_any_fields(
    cls: type[ParseError], text: str, position: int, reason: str
) -> None:
    """Any parse error pickles to an equal error with the same message."""
    error = cls(text, position, reason)
    copy = _roundtrip(error)
    assert type(copy) is cls
    assert (copy.text, copy.position, copy.reason) == (text, position, reason)
    assert str(copy) == str(error)
    assert copy.snippet == error.snippet


@given(st.text(alphabet="ab 一二三五万元", max_size=300), st.integers(min_value=0, max_value=400))
def test_parse_error_message_stays_short(text: str, position: int) -> None:
    """However long the text, the message quotes at most 81 characters of it plus a snippet."""
    message = str(ParseError(text, position, "r"))
    assert len(message) <= 250
    assert message.startswith("cannot read text ")


@given(st.text(max_size=30), st.text(max_size=30), st.text(max_size=30))
def test_other_errors_pickle_for_any_fields(a: str, b: str, c: str) -> None:
    """Errors with several string fields pickle with all of them kept."""
    for error in (
        UnitMismatchError(a, b, c),
        InvalidMagnitudeError(a, b, c),
        WrongTypeError(a, b, c),
        UnknownUnitError(a, b),
        InvalidValueError(a, b),
        InexactResultError(a),
        DivisionByZeroError(a),
    ):
        copy = _roundtrip(error)
        assert type(copy) is type(error)
        assert copy.args == error.args
        assert str(copy) == str(error)


# --- the module ----------------------------------------------------------------------------


def test_every_error_is_exported_from_the_package() -> None:
    """Every name in errors.__all__ is exported from sciplan_model as the same class."""
    for name in errors.__all__:
        assert name in sciplan_model.__all__, name
        assert getattr(sciplan_model, name) is getattr(errors, name)


def test_all_lists_every_error_class() -> None:
    """errors.__all__ names every exception class the module defines, and LoadProblem,
    the record a PlanLoadError lists."""
    defined = {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, BaseException) and not name.startswith("_")
    }
    assert defined | {"LoadProblem"} == set(errors.__all__)


def test_errors_module_imports_nothing_of_ours() -> None:
    """errors sits at the bottom of the layers: it imports nothing from the package."""
    tree = ast.parse(Path(errors.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, ast.unparse(node)
            assert not (node.module or "").startswith("sciplan_model"), ast.unparse(node)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                assert not alias.name.startswith("sciplan_model"), ast.unparse(node)
