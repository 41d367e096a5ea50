"""The benchmark of reading plans from text (benchmarks/bench_extract.py) still runs, at a
tiny size; the comparison with jionlp runs where jionlp is installed.  Its timings are
never asserted."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sciplan_model.extract import find_figures

# The benchmarks are scripts, not a package: they are imported from their folder.
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

import bench_extract  # noqa: E402

NO_JIONLP = (
    "jionlp is not installed (pip install -e '.[bench]'): "
    "the comparison with its money extractor is not run"
)


def test_unmark() -> None:
    """The corpus's ⟦ ⟧ marks are removed and the spans they marked kept."""
    text, spans = bench_extract.unmark("共⟦36项⟧，经费⟦159。3万元⟧。")
    assert text == "共36项，经费159。3万元。"
    assert spans == [(1, 4), (7, 14)]
    assert [text[a:b] for a, b in spans] == ["36项", "159。3万元"]


def test_corpus_texts() -> None:
    """The corpus's documents are read without marks; a joined text keeps every span."""
    docs = bench_extract.documents()
    assert len(docs) >= 12
    assert all("⟦" not in text and "⟧" not in text for text, _ in docs)
    text, spans = bench_extract.joined(docs)
    assert len(spans) == sum(len(marks) for _, marks in docs)
    first, marks = docs[-1]
    tail = text[len(text) - len(first) :]
    assert tail == first
    assert [text[a:b] for a, b in spans[-len(marks) :]] == [first[a:b] for a, b in marks]


def test_sizes() -> None:
    """Texts of a size are whole documents in turn, or a unit repeated, as long as asked."""
    texts = [text for text, _ in bench_extract.documents()]
    big = bench_extract.corpus_of_size(texts, 20_000)
    assert bench_extract.nbytes(big) >= 20_000
    assert big.startswith(texts[0] + "\n\n" + texts[1])
    assert bench_extract.repeated("1万", 1000) == "1万" * 250
    mixed = bench_extract.mixed(8000)
    assert mixed.count("\n") == len(bench_extract.ADVERSARIAL) - 1


def test_agreement() -> None:
    """Each tool's finds are counted against the marked figures, jionlp's against the
    marked money only, its amounts checked against the figures' own."""
    text, marks = bench_extract.unmark("投入⟦5万元⟧，新增⟦8家⟧，另有⟦1亿2000万元⟧。")
    money = [
        {"text": "5万元", "offset": [2, 5], "detail": {"num": "50000.00", "case": "元"}},
        {"text": "2000万元", "offset": [15, 21], "detail": {"num": "20000000.00", "case": "元"}},
    ]
    lines = bench_extract.agreement(text, marks, find_figures(text), money)
    assert lines == [
        "the corpus marks 3 figures, 2 of them money",
        "find_figures: 3 figures of every kind, 3 exactly as marked",
        "jionlp: 2 amounts of money (it reads money only), 1 exactly as marked (1 of them "
        "with the right amount); 1 more overlap a marked money figure (part of it, or with "
        "lead words), 0 overlap none; 0 marked money figures it does not touch",
    ]


def test_alarm_stops_a_run() -> None:
    """A run that takes longer than its limit is stopped and reported as None."""
    assert bench_extract.timed(lambda: [None for _ in iter(int, 1)], 1, 0.05) is None
    assert bench_extract.timed(lambda: None, 3, 1.0) is not None


def test_runs_tiny(capsys: pytest.CaptureFixture[str]) -> None:
    """The linearity part runs at tiny sizes and prints a line per text and function."""
    args = ["--no-jionlp", "--sizes", "1,2", "--repeat", "1", "--limit", "1"]
    assert bench_extract.main(args) == 0
    out = capsys.readouterr().out
    assert "comparison with jionlp skipped: --no-jionlp" in out
    names = ["the corpus's documents", *(n for n, _ in bench_extract.ADVERSARIAL)]
    for name in [*names, bench_extract.MIXED]:
        for function in ("find_figures", "read_plan"):
            assert any(name[:20] in line and function in line for line in out.splitlines())


def test_without_jionlp(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without jionlp the comparison is skipped, and the script says why."""
    monkeypatch.setitem(sys.modules, "jionlp", None)  # import jionlp raises ImportError
    assert bench_extract.bench_jionlp(bench_extract.documents(), 1, 1) is None
    out = capsys.readouterr().out
    assert out.startswith("comparison with jionlp skipped: jionlp is not installed")


def test_against_jionlp(capsys: pytest.CaptureFixture[str]) -> None:
    """find_figures and jionlp's extract_money both read the corpus, their counts and cold
    starts are printed, and jionlp has its line in the linearity table."""
    pytest.importorskip("jionlp", reason=NO_JIONLP)
    docs = bench_extract.documents()
    extract = bench_extract.bench_jionlp(docs, 1, 1)
    assert extract is not None
    bench_extract.bench_linear(docs, [1000], 1, 1.0, extract)
    out = capsys.readouterr().out
    assert "jionlp money" in out
    assert "find_figures vs jionlp extract_money" in out
    assert "jionlp: " in out
    assert "amounts of money (it reads money only)" in out
    assert "find_figures in a new interpreter" in out
    assert "jionlp in a new interpreter" in out
