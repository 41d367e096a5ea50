"""Faults around saving and loading (issue 10): only what loads is written, the garbage
collector's pause is safe under threads, and hostile input costs a bounded amount of
work."""

from __future__ import annotations

import gc
import io
import json
import pathlib
import tempfile
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sciplan_model.serialize as serialize
from sciplan_model import (
    DocumentReadError,
    Indicator,
    InvalidValueError,
    Note,
    Person,
    Plan,
    PlanKind,
    PlanLoadError,
    Project,
    SciplanError,
    Section,
    SourceRef,
    Task,
    Year,
    _textfile,
    dump,
    dumps,
    from_data,
    load,
    loads,
    to_data,
)
from sciplan_model._gc import gc_paused
from sciplan_model.errors import MAX_PROBLEMS, LoadProblem
from sciplan_model.model import BreakdownPart, Designation
from sciplan_model.serialize import MAX_DEPTH, MAX_INT_DIGITS, MAX_STRING
from strategies import plans

BASE: dict[str, Any] = {"schema_version": 1, "id": "x", "title": "t", "kind": "annual"}


def _plan(**fields: Any) -> Plan:
    return Plan(**{"id": "x", "title": "t", "kind": PlanKind.ANNUAL, **fields})


def _round_trips(plan: Plan) -> None:
    """The plan comes back equal through JSON text and through a TOML file."""
    assert loads(dumps(plan)) == plan
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        dump(plan, path)
        assert load(path) == plan


# -- write only what loads ------------------------------------------------------------------


def test_a_string_longer_than_a_document_holds_is_refused_when_built() -> None:
    """A section text of MAX_STRING + 1 characters is refused by Section, naming the field;
    one of MAX_STRING characters is kept and reads back."""
    with pytest.raises(InvalidValueError) as excinfo:
        Section(text="x" * (MAX_STRING + 1))
    assert excinfo.value.what == "text"
    assert f"a string of {MAX_STRING + 1} characters (at most {MAX_STRING})" in str(excinfo.value)
    longest = _plan(sections=[Section(text="x" * MAX_STRING)])
    assert loads(dumps(longest, indent=None)) == longest


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda s: _plan(title=s), "title"),
        (lambda s: _plan(issuer=s), "issuer"),
        (lambda s: Section(text=s), "text"),
        (lambda s: Person(name="张三", role=s), "role"),
        (lambda s: Task(participants=["农民", s]), "participants[1]"),
        (lambda s: Project(id="p", name="n", related=[s]), "related[0]"),
        (lambda s: Designation(title="t", by=[s]), "by[0]"),
        (lambda s: BreakdownPart(figure=_figure(), category=s), "category"),
        (lambda s: Indicator(name=s, unit="项"), "name"),
        (lambda s: SourceRef(document=s, start=0, end=1), "document"),
        (lambda s: Note(title="t", label=s), "label"),
    ],
)
@pytest.mark.parametrize("surrogate", ["\ud800", "计划\udfff", "a\udc80b"])
def test_a_lone_surrogate_is_refused_when_built(build: Any, field: str, surrogate: str) -> None:
    """No class holds a string with a lone surrogate: no document could hold it."""
    with pytest.raises(InvalidValueError) as excinfo:
        build(surrogate)
    assert excinfo.value.what == field
    assert "lone surrogate" in str(excinfo.value)


def _figure() -> Any:
    from sciplan_model import Figure

    return Figure.parse("5项")


@pytest.mark.parametrize("field", ["end", "line", "column"])
def test_an_integer_of_more_digits_than_a_document_holds_is_refused_when_built(
    field: str,
) -> None:
    """Spans and positions of 31 digits are refused; 30 digits are kept and read back."""
    huge, largest = 10**MAX_INT_DIGITS, 10**MAX_INT_DIGITS - 1
    with pytest.raises(InvalidValueError) as excinfo:
        SourceRef(document="d", start=1, end=huge if field == "end" else 2, **_at(field, huge))
    assert excinfo.value.what == field
    source = SourceRef(
        document="d", start=1, end=largest if field == "end" else 2, **_at(field, largest)
    )
    _round_trips(_plan(source=source))


def _at(field: str, value: int) -> dict[str, int]:
    return {} if field == "end" else {field: value}


def test_what_slips_past_the_classes_is_refused_before_writing() -> None:
    """A value the classes never saw (set behind their back) is refused by to_data and
    dumps with an InvalidValueError naming its path, before any text is made."""
    section = Section(title="一、目标")
    object.__setattr__(section, "title", "目标\ud800")
    plan = _plan(sections=[section])
    for write in (to_data, dumps):
        with pytest.raises(InvalidValueError) as excinfo:
            write(plan)
        assert excinfo.value.what == "value at $.sections[0].title"
        assert "lone surrogate" in excinfo.value.reason
    object.__setattr__(section, "title", "x" * (MAX_STRING + 1))
    with pytest.raises(InvalidValueError, match=r"a string of 1000001 characters"):
        dumps(plan)


def test_a_document_longer_than_the_loader_reads_is_not_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """dumps refuses a text longer than MAX_DOCUMENT (here lowered), which loads would."""
    plan = _plan(sections=[Section(text="计划" * 200)])
    monkeypatch.setattr(serialize, "MAX_DOCUMENT", 300)
    with pytest.raises(InvalidValueError, match="more than the 300 a document may have"):
        dumps(plan)


_AWKWARD = ["\x00", "\x1f", "\x7f", "\U0001f600", "\U00020000", "\u2028", "\ufeff", "\r\n",
            "\\", '"', "'''", "万", " ", "a", "#", "=", "[", "\t", "\x85"]  # fmt: skip
_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]
#: Awkward strings: control characters, NUL, astral characters, TOML's and JSON's own
#: marks; now and then a lone surrogate, which the classes must refuse.
_TEXTS = st.one_of(
    st.text(max_size=12),
    st.lists(st.sampled_from(_AWKWARD), max_size=8).map("".join),
    st.lists(st.sampled_from(_AWKWARD + _SURROGATES), max_size=4).map("".join),
)
#: Strings for fields that may not be empty: awkward after a first character.
_NAMES = _TEXTS.map(lambda text: "计" + text)
_INTS = st.one_of(
    st.integers(0, 100),
    st.integers(0, 10**6),
    st.integers(0, 10**6),
    st.integers(10**29, 10**31),
    st.sampled_from([10**MAX_INT_DIGITS - 1, 10**MAX_INT_DIGITS, 2**63, 2**64]),
)


@st.composite
def _edgy_plans(draw: st.DrawFn) -> Plan:
    """Plans built from awkward strings and integers; building may well fail."""
    start = draw(_INTS)
    source = SourceRef(
        document=draw(_NAMES),
        start=start,
        end=start + draw(_INTS),
        line=draw(st.none() | _INTS.filter(bool)),
        column=draw(st.none() | _INTS.filter(bool)),
    )
    items = [
        Person(name=draw(_NAMES), role=draw(st.none() | _NAMES), source=source),
        Task(text=draw(_NAMES), participants=draw(st.lists(_TEXTS, max_size=3))),
        Note(title=draw(_NAMES), text=draw(st.none() | _NAMES)),
        Designation(title=draw(_NAMES), by=draw(st.lists(_TEXTS, max_size=2)), year=Year(2006)),
    ]
    section = Section(label=draw(st.none() | _NAMES), text=draw(_NAMES), items=items)
    return Plan(id=draw(_NAMES), title=draw(_NAMES), kind=PlanKind.ANNUAL, sections=[section])


@given(st.data())
def test_every_plan_the_classes_accept_loads_back(data: st.DataObject) -> None:
    """For every plan the constructors accept, loads(dumps(p)) == p and load(dump(p))
    == p through TOML; the constructors refuse the rest with the library's errors."""
    try:
        plan = data.draw(_edgy_plans())
    except SciplanError:
        return
    _round_trips(plan)


@given(plans())
def test_generated_plans_load_back_through_json_and_toml(plan: Plan) -> None:
    """The shared plan strategy's plans come back through both formats."""
    _round_trips(plan)


# -- threads ----------------------------------------------------------------------------------


def _stress(plan: Plan, threads: int = 8, rounds: int = 200) -> list[bool]:
    barrier = threading.Barrier(threads)
    results: list[bool] = []
    lock = threading.Lock()

    def work() -> None:
        barrier.wait()
        same = [loads(dumps(plan)) == plan for _ in range(rounds)]
        with lock:
            results.extend(same)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


SMALL = _plan(sections=[Section(title="一、目标", items=[Note(title="培训")])])


def test_threads_that_load_and_save_leave_the_collector_on() -> None:
    """8 threads × 200 rounds of loads(dumps(plan)), started together: every result is
    the plan, and the collector is on afterwards."""
    assert gc.isenabled()
    for _ in range(3):
        results = _stress(SMALL)
        assert results == [True] * 1600
        assert gc.isenabled()


def test_a_collector_the_caller_switched_off_stays_off() -> None:
    """Pauses in threads never switch on a collector the caller had switched off."""
    gc.disable()
    try:
        assert _stress(SMALL, rounds=50) == [True] * 400
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_restore_what_the_first_found() -> None:
    """Two pauses that overlap without nesting (one thread enters, another enters, the
    first leaves, then the second) leave the collector as the first found it."""
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    during: list[bool] = []

    def first() -> None:
        with gc_paused():
            first_in.set()
            second_in.wait()
        first_out.set()

    def second() -> None:
        first_in.wait()
        with gc_paused():
            second_in.set()
            first_out.wait()
            during.append(gc.isenabled())

    workers = [threading.Thread(target=first), threading.Thread(target=second)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert during == [False]  # still paused while the second holds it
    assert gc.isenabled()


# -- hostile input, bounded ---------------------------------------------------------------


class _Counted:
    """Counts the LoadProblems the serializer builds and the cattrs problems it formats."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.problems = 0
        self.formatted = 0
        real_format = serialize._format

        def problem(path: str, message: str) -> LoadProblem:
            self.problems += 1
            return LoadProblem(path, message)

        def format_exception(exc: BaseException, t: Any) -> str:
            self.formatted += 1
            return real_format(exc, t)

        monkeypatch.setattr(serialize, "LoadProblem", problem)
        monkeypatch.setattr(serialize, "_format", format_exception)


#: Bad items enough that building a problem for each would be far past the cap.
MANY = 20 * MAX_PROBLEMS
BOUND = 3 * MAX_PROBLEMS + 10


@pytest.mark.parametrize(
    "items",
    [
        pytest.param([{"type": "project", "id": f"p{k}", "nmae": "x"} for k in range(MANY)],
                     id="misspelt-keys"),
        pytest.param([{"type": "note", "title": k} for k in range(MANY)], id="wrong-types"),
        pytest.param([{"type": "project", "id": "p", "name": "n"}] * MANY, id="duplicate-ids"),
        pytest.param([{"type": "task", "projects": [f"q{k}" for k in range(100)]}] * (MANY // 100),
                     id="unknown-references"),
        pytest.param([{"type": "note", "title": "x" * (MAX_STRING + 1)}] * 1100 , id="long-strings"),
    ],
)  # fmt: skip
def test_problems_past_the_cap_are_not_built(
    monkeypatch: pytest.MonkeyPatch, items: list[Any]
) -> None:
    """A document with 20,000 bad items builds about MAX_PROBLEMS problems, not 20,000,
    lists the first MAX_PROBLEMS and says, honestly, that there are at least more."""
    counted = _Counted(monkeypatch)
    with pytest.raises(PlanLoadError) as excinfo:
        from_data({**BASE, "sections": [{"items": items}]})
    assert counted.problems + counted.formatted <= BOUND
    problems = excinfo.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message.startswith("and at least ")
    assert problems[0].path.startswith("$.sections[0].items[")


def test_repeated_keys_past_the_cap_are_not_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """A JSON text that repeats keys in 20,000 objects builds about MAX_PROBLEMS
    problems."""
    counted = _Counted(monkeypatch)
    text = json.dumps({**BASE, "sections": []})[:-1] + ', "extra": ['
    text += ", ".join(['{"a": 1, "a": 2}'] * MANY) + "]}"
    with pytest.raises(PlanLoadError) as excinfo:
        loads(text)
    assert counted.problems + counted.formatted <= BOUND
    assert excinfo.value.problems[0] == LoadProblem(
        "$.extra[0].a", "a key that stands more than once"
    )
    assert excinfo.value.problems[-1].message.startswith("and at least ")


def test_a_capped_error_survives_pickling() -> None:
    """A PlanLoadError that stopped counting says the same after pickle."""
    import pickle

    with pytest.raises(PlanLoadError) as excinfo:
        from_data({**BASE, "sections": [{"items": [{}] * (2 * MAX_PROBLEMS)}]})
    copy = pickle.loads(pickle.dumps(excinfo.value))
    assert copy.problems == excinfo.value.problems
    assert str(copy) == str(excinfo.value)


def _shared(levels: int) -> list[Any]:
    """A list that holds the one below twice, ``levels`` deep: 2**levels leaves in all,
    from a few dozen objects."""
    node: list[Any] = ["leaf"]
    for _ in range(levels):
        node = [node, node]
    return node


def _deep(levels: int) -> dict[str, Any]:
    top: dict[str, Any] = {}
    node = top
    for _ in range(levels):
        node["a"] = {}
        node = node["a"]
    return top


def _cycle() -> list[Any]:
    loop: list[Any] = []
    loop.append(loop)
    loop.append(loop)
    return loop


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        pytest.param(_shared(MAX_DEPTH - 4), "more than 20000000 values", id="shared-lists"),
        pytest.param(_deep(100_000), "nesting deeper than 64 levels", id="deep-dicts"),
        pytest.param(_cycle(), "nesting deeper than 64 levels", id="self-holding-list"),
    ],
)
def test_python_data_that_would_take_forever_is_refused(extra: Any, message: str) -> None:
    """from_data on Python data that shares lists 2**60 times over, nests 100,000 deep
    or holds itself (twice, at every level) raises PlanLoadError without walking it all:
    no RecursionError, no hang."""
    with pytest.raises(PlanLoadError) as excinfo:
        from_data({**BASE, "extra": extra})
    problems = excinfo.value.problems
    assert any(message in p.message for p in problems)
    assert len(problems) <= MAX_PROBLEMS + 1


def test_a_plan_file_too_large_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """load() looks at the open file's size first: a file larger than a document of
    MAX_DOCUMENT characters can be (here lowered) is refused unread, naming the file and
    the limit."""
    monkeypatch.setattr(serialize, "MAX_DOCUMENT", 1000)
    path = tmp_path / "big.json"
    # four bytes a character and one a space or line break: a document of 1000
    # characters besides those, and 4000 in all, takes at most 7003 bytes
    path.write_bytes(b"\xff" * 8000)  # not even UTF-8: it must not get as far as decoding
    reads: list[int] = []
    real_open = pathlib.Path.open

    def spying_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        stream = real_open(self, *args, **kwargs)
        real_read = stream.read

        def read(*a: Any) -> Any:
            reads.append(1)
            return real_read(*a)

        stream.read = read
        return stream

    monkeypatch.setattr(pathlib.Path, "open", spying_open)
    with pytest.raises(PlanLoadError) as excinfo:
        load(path)
    assert reads == []
    (problem,) = excinfo.value.problems
    assert str(path) in problem.message
    assert "8000 bytes, more than the 7003" in problem.message


def test_a_docx_whose_parts_together_pass_the_bound_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each XML part of a .docx within MAX_PART_BYTES, but the three together past it: a
    zip bomb spread over parts is refused from the archive's directory."""
    monkeypatch.setattr(_textfile, "MAX_PART_BYTES", 1000)
    body = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    body += "<w:body><w:p><w:r><w:t>计划</w:t></w:r></w:p></w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", body + " " * (600 - len(body.encode())))
        archive.writestr("word/styles.xml", "<a>" + " " * 600 + "</a>")
        archive.writestr("word/numbering.xml", "<a>" + " " * 600 + "</a>")
    with pytest.raises(DocumentReadError) as excinfo:
        _textfile.docx_text(buffer.getvalue(), "bomb.docx")
    assert excinfo.value.path == "bomb.docx"
    assert "more than the 1000 allowed" in excinfo.value.reason
