"""Every row of docs/bad_inputs.md: what a user may feed ``workbench score``, what they get.

Each case builds the input in a temporary folder and runs the command as users do
(``main([...])``): the exit code, one ``error: <input>: <problem>`` line on stderr, and no
output file when nothing could be read. A bad file beside a good one still gives the good
one's rows (exit 1).
"""

from __future__ import annotations

import gzip
import io
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

from workbench.cli import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, main
from workbench.errors import ModelError
from workbench.io.tables import read_table

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "bad_inputs.md"
GOOD = "Talks resume\nOfficials said on Monday that talks would resume, according to one source.\n"


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, and the line the user must see."""

    make: Callable[[Path], Path]
    problem: str  # a regex matched against "<path>: <problem>"
    alone: int = EXIT_FAILED  # exit code when it is the only input
    whole_file_refused: bool = True  # False: some of its rows are still scored


def write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path
    return make


def parquet_bytes(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def sparse(name: str, size: int) -> Callable[[Path], Path]:
    """A file of ``size`` bytes that takes no disk space (a hole, made with truncate)."""
    def make(folder: Path) -> Path:
        path = folder / name
        with path.open("wb") as fh:
            fh.truncate(size)
        return path
    return make


def no_supported_file(folder: Path) -> Path:
    path = folder / "downloads"
    path.mkdir()
    (path / "slides.pptx").write_bytes(b"PK\x03\x04")
    (path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    return path


PARQUET = parquet_bytes(pl.DataFrame({"id": ["a", "b"], "text": ["One said.", "Two said."]}))
JSONL = b'{"id": "a", "text": "Talks resumed, officials said."}\n' * 50

CASES: dict[str, Case] = {
    "empty file": Case(write("notes.txt", b""), r"the file is empty"),
    "only whitespace": Case(write("blank.md", b" \n\r\n\t \n"), r"the file is empty"),
    "binary file": Case(write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"),
                        r"looks like a binary file \(it contains NUL bytes\), not text"),
    "Latin-1 / Windows-1252": Case(write("cafe.txt", "Café said.".encode("cp1252")),
                                   r"is not valid UTF-8 \(byte 0xe9 at offset 3\); re-save it "
                                   r"as UTF-8"),
    "UTF-16 (Windows 'Unicode')": Case(write("notepad.txt", GOOD.encode("utf-16")),
                                       r"is UTF-16 text, not UTF-8; re-save it as UTF-8"),
    "truncated gzip": Case(write("news.jsonl.gz", gzip.compress(JSONL)[:40]),
                           r"not a valid gzip file \(Compressed file ended before the "
                           r"end-of-stream marker was reached\)"),
    "not gzip at all": Case(write("page.txt.gz", b"<html>hello</html>"),
                            r"not a valid gzip file \(Not a gzipped file .+\)"),
    "truncated Parquet": Case(write("news.parquet", PARQUET[: len(PARQUET) // 2]),
                              r"cannot parse as parquet \(.+\)"),
    "CSV with a broken quote": Case(write("news.csv", b'id,text\n1,"He said ""hi"" and\n2,ok\n'),
                                    r"cannot parse as csv \(could not parse .+\)"),
    "CSV with too many fields": Case(write("wide.csv", b"id,text\n1,a,b,c\n"),
                                     r"cannot parse as csv \(found more fields than defined.*\)"),
    "broken JSON line": Case(write("news.jsonl", b'{"text": "ok"}\n{"text": \n'),
                             r"cannot parse as jsonl \(.+\)"),
    "corpus without a text column": Case(write("corpus.csv", b"id,body\n1,hello\n"),
                                         r"the corpus has no 'text' column \(columns: id, body\)"),
    "corpus text that is a list": Case(
        write("lists.jsonl", b'{"id": 1, "text": ["para one", "para two"]}\n'),
        r"the 'text' column holds List\(String\) values; expected one string per row"),
    "corpus text that is an object": Case(
        write("objects.parquet", parquet_bytes(pl.DataFrame({"text": [{"body": "x"}]}))),
        r"the 'text' column holds Struct\(.*\) values; expected one string per row"),
    "corpus row without text": Case(
        write("rows.jsonl", b'{"text": "Fine, he said."}\n{"text": ""}\n{"title": "x"}\n'
                            b'{"text": null}\n'),
        r"3 row\(s\) have no text and were skipped \(rows 2, 3, 4\)",
        alone=EXIT_PARTIAL, whole_file_refused=False),
    "corpus with no rows": Case(write("header.csv", b"id,text\n"), r"the corpus has no rows"),
    "control characters in a column name": Case(
        write("evil.csv", b'"id\n\x1b[2J",body\n1,x\n'),
        r"the corpus has no 'text' column \(columns: id\\n\\x1b\[2J, body\)"),
    "HTML page without an article": Case(
        write("blank.html", b"<html><head><script>track()</script></head><body></body></html>"),
        r"no article text found in the HTML page"),
    "only front matter": Case(write("meta.md", b"---\ntitle: x\n---\n\n"),
                              r"holds no text \(only front matter or whitespace\)"),
    "unsupported file type": Case(write("slides.pptx", b"PK\x03\x04"),
                                  r"unsupported file type; expected one of \.txt, .+"),
    "missing file": Case(lambda folder: folder / "nope.txt", r"no such file or directory"),
    "folder with no supported file": Case(
        no_supported_file, r"the directory holds no supported file \(\.txt, .+\)"),
    "file over the size limit": Case(
        sparse("huge.txt", 2 * 2**30), r"the file is 2,048 MB; the limit is 1,024 MB \(split it "
                                       r"into smaller files\)"),
}
"""Bad inputs that are refused the same way alone or in a batch (the docs table's ids)."""


def score(*paths: Path, out: Path) -> int:
    return main(["score", *map(str, paths), "--out", str(out), "--model", "none"])


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error: ")]


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_alone(name, tmp_path, capsys):
    case = CASES[name]
    path = case.make(tmp_path)
    out = tmp_path / "scores.csv"
    assert score(path, out=out) == case.alone
    lines = error_lines(capsys.readouterr().err)
    assert any(re.fullmatch(f"error: {re.escape(str(path))}: {case.problem}", line)
               for line in lines), lines
    if case.whole_file_refused:
        assert lines[-1].startswith("error: no article could be read")
        assert not out.exists()
    else:
        assert out.exists()


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_beside_a_good_one(name, tmp_path, capsys):
    case = CASES[name]
    bad = case.make(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "scores.csv"
    assert score(good, bad, out=out) == EXIT_PARTIAL
    err = capsys.readouterr().err
    assert any(line.startswith(f"error: {bad}: ") for line in error_lines(err))
    ids = set(read_table(out)["article_id"].to_list())
    assert "good" in ids
    if case.whole_file_refused:
        assert ids == {"good"}


def test_gzip_bomb_is_refused_before_it_fills_memory(tmp_path, monkeypatch, capsys):
    # 10 MB of text in a 10 KB file; the limit lowered to 1 MB to keep the test small
    monkeypatch.setattr("workbench.io.files.MAX_FILE_BYTES", 2**20)
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"Officials said talks would resume. " * 300_000))
    assert path.stat().st_size < 100_000
    assert score(path, out=tmp_path / "s.csv") == EXIT_FAILED
    assert (f"error: {path}: the file decompresses to over 1 MB; the limit is 1 MB"
            in capsys.readouterr().err)


def test_500_mb_file_with_the_limit_lowered(tmp_path, monkeypatch, capsys):
    # a sparse 500 MB file (no disk used) against a 256 MB limit: refused before reading
    monkeypatch.setattr("workbench.io.files.MAX_FILE_BYTES", 256 * 2**20)
    path = sparse("big.txt", 500 * 2**20)(tmp_path)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a refused file"))
    assert score(path, out=tmp_path / "s.csv") == EXIT_FAILED
    assert (f"error: {path}: the file is 500 MB; the limit is 256 MB (split it into smaller "
            "files)" in capsys.readouterr().err)


def test_a_folder_of_10000_files(tmp_path, capsys):
    folder = tmp_path / "scrape"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"a{i:05}.txt").write_text(f"Headline {i}\nTalks resumed, officials said.\n",
                                             encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"")
    out = tmp_path / "scores.parquet"
    assert main(["score", str(folder), "--out", str(out), "--model", "none",
                 "--no-cues"]) == EXIT_PARTIAL
    assert error_lines(capsys.readouterr().err) == [
        f"error: {folder / 'broken.txt'}: the file is empty"]
    assert pl.read_parquet(out)["article_id"].n_unique() == 10_000


def test_a_folder_that_cannot_be_listed(tmp_path, monkeypatch, capsys):
    # as root, permissions do not stop listing: make listing fail as it would for a user
    folder = tmp_path / "private"
    folder.mkdir()
    real_iterdir = Path.iterdir

    def iterdir(self):
        if self == folder:
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    assert score(folder, out=tmp_path / "s.csv") == EXIT_FAILED
    assert (f"error: {folder}: cannot list the directory (Permission denied)"
            in capsys.readouterr().err)


@pytest.mark.parametrize(("out_name", "problem"), [
    ("missing/scores.csv", "the output folder does not exist"),
    ("scores.xlsx", "unknown output type; use one of .csv, .parquet"),
])
def test_bad_output_path(tmp_path, capsys, out_name, problem, seed_article):
    out = tmp_path / out_name
    assert score(seed_article, out=out) == EXIT_FAILED
    assert f"error: {out}: {problem}" in capsys.readouterr().err


def test_good_inputs_exit_0(seeds_dir, tmp_path):
    assert score(seeds_dir, out=tmp_path / "s.csv") == EXIT_OK


EXTRA_TESTED = {
    "gzip bomb": test_gzip_bomb_is_refused_before_it_fills_memory,
    "a 500 MB file": test_500_mb_file_with_the_limit_lowered,
    "a folder of 10,000 files": test_a_folder_of_10000_files,
    "a folder that cannot be listed": test_a_folder_that_cannot_be_listed,
    "output folder missing, unknown output type": test_bad_output_path,
    "a model file that is a pickle": "test_a_model_file_that_is_a_pickle",
    "a skops file that would run code": "test_a_skops_file_that_would_run_code",
    "a truncated skops file": "test_a_truncated_skops_file",
    "a model trained on other labels": "test_a_model_trained_on_other_labels",
    "a model whose labels do not fit": "test_a_model_whose_labels_do_not_fit",
}
"""Rows of the docs table tested by their own test, not by the CASES loop."""


def test_every_case_is_in_the_docs_table():
    table = DOC.read_text(encoding="utf-8").split("## Inputs", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (.+?) \|", table, flags=re.M)
    documented = {r.strip("`*") for r in rows} - {"input", "---"}
    tested = set(CASES) | set(EXTRA_TESTED)
    assert documented == tested
    for test in EXTRA_TESTED.values():  # each named test exists
        assert callable(test if callable(test) else globals()[test])


# --- Model files: workbench.model.load_model refuses them with ModelError --------------

FRAME_TEXTS = ["Taxes rose again and wages fell.", "Jobs and budgets were cut.",
               "The court struck the law down.", "Judges ruled on the statute."] * 3
FRAME_LABELS = ["economic", "economic", "legality", "legality"] * 3


@pytest.fixture(scope="module")
def good_model(tmp_path_factory) -> Path:
    """A small frame model saved as users save one (skops, with its card)."""
    from workbench.model import save_model, train

    folder = tmp_path_factory.mktemp("model")
    return save_model(train(FRAME_TEXTS, FRAME_LABELS, cv=2).model, folder / "frames.skops")


class Payload:
    """Unpickling this creates a file: the proof that a model file ran code."""

    def __init__(self, sentinel: Path) -> None:
        self.sentinel = sentinel

    def __reduce__(self):
        return (Path.touch, (self.sentinel,))


def score_with_model(model: Path, out: Path, seed_article: Path) -> int:
    return main(["score", str(seed_article), "--out", str(out), "--model", str(model)])


@pytest.mark.parametrize("name", ["shared.skops", "model.pkl", "model.joblib"])
@pytest.mark.parametrize("protocol", [0, 2, pickle.HIGHEST_PROTOCOL])
def test_a_model_file_that_is_a_pickle(tmp_path, capsys, seed_article, name, protocol):
    from workbench.model import load_model

    sentinel = tmp_path / "code-ran"
    path = tmp_path / name
    path.write_bytes(pickle.dumps(Payload(sentinel), protocol=protocol))
    with pytest.raises(ModelError, match=r"not a skops model file \((it looks like a pickle or "
                       r"joblib file|unrecognised content)\)"):
        load_model(path)
    out = tmp_path / "scores.csv"
    assert score_with_model(path, out, seed_article) == EXIT_FAILED
    assert f"error: {path}: not a skops model file" in capsys.readouterr().err
    assert not sentinel.exists(), "loading the model file ran its code"
    assert not out.exists()


def test_a_skops_file_that_would_run_code(tmp_path, seed_article, capsys):
    # skops itself can rebuild arbitrary objects when told to trust them: the loader must not
    import skops.io as sio

    from workbench.model import load_model

    sentinel = tmp_path / "code-ran"
    path = tmp_path / "crafted.skops"
    sio.dump({"model": Payload(sentinel)}, path)
    with pytest.raises(ModelError, match="refused: the file holds type"):
        load_model(path)
    assert score_with_model(path, tmp_path / "s.csv", seed_article) == EXIT_FAILED
    assert not sentinel.exists()


@pytest.mark.parametrize("keep", [0.5, 0.9, 100])
def test_a_truncated_skops_file(good_model, tmp_path, capsys, seed_article, keep):
    from workbench.model import load_model

    data = good_model.read_bytes()
    size = int(len(data) * keep) if keep < 1 else keep
    path = tmp_path / "cut.skops"
    path.write_bytes(data[:size])
    with pytest.raises(ModelError, match=r"damaged or truncated model file"):
        load_model(path)
    out = tmp_path / "scores.csv"
    assert score_with_model(path, out, seed_article) == EXIT_FAILED
    assert f"error: {path}: damaged or truncated model file" in capsys.readouterr().err
    assert not out.exists()


def test_a_model_trained_on_other_labels(tmp_path, seed_article, capsys):
    # labels that are not the 15 MFC frames are the model's business: they become columns
    from workbench.model import load_model, save_model, train

    labels = ["positive", "positive", "negative", "negative"] * 3
    path = save_model(train(FRAME_TEXTS, labels, cv=2).model, tmp_path / "sentiment.skops")
    assert load_model(path).labels == ("negative", "positive")
    out = tmp_path / "scores.csv"
    assert score_with_model(path, out, seed_article) == EXIT_OK
    table = read_table(out)
    assert {"frame_negative", "frame_positive"} <= set(table.columns)
    assert set(table["frame_primary"]) <= {"negative", "positive"}
    capsys.readouterr()
    crime = ROOT / "seeds" / "framing_paragraphs" / "crime.csv"
    assert main(["evaluate", str(path), str(crime), "--label-column", "frame"]) == EXIT_OK
    assert ("note: label(s) unknown to the model, counted as misses: crime"
            in capsys.readouterr().out)


@pytest.mark.parametrize(("labels", "problem"), [
    (("economic", "legality", "crime"), "3 labels for a classifier of 2 classes"),
    (("economic",), "1 labels for a classifier of 2 classes"),
    (("economic", "economic"), "a label repeats"),
    (("primary", "economic"), "would clash with the score table's columns"),
    (("cue_economic", "economic"), "would clash with the score table's columns"),
    (("", "economic"), "an empty label"),
])
def test_a_model_whose_labels_do_not_fit(good_model, tmp_path, capsys, seed_article, labels,
                                          problem):
    # a hand-edited or foreign model file: its labels do not match its classifier, or they
    # would overwrite score columns. Scoring used to crash (IndexError, DuplicateError).
    import skops.io as sio

    from workbench.model import load_model
    from workbench.model.classifier import FrameModel

    model = load_model(good_model)
    path = tmp_path / "relabelled.skops"
    sio.dump(FrameModel(model.pipeline, labels, multi_label=False,
                        thresholds=(0.0,) * len(labels)), path)
    with pytest.raises(ModelError, match=f"not a usable frame model: .*{re.escape(problem)}"):
        load_model(path)
    assert score_with_model(path, tmp_path / "s.csv", seed_article) == EXIT_FAILED
