"""The training page's library side: labelled CSV columns, limits, the confusion matrix."""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl
import pytest

from workbench.dashboard import training as wt
from workbench.errors import InputError


def test_columns_of_a_labelled_csv():
    data = b"id,paragraph,frame\n1,Taxes rose.,economic\n2,Court ruled.,legality\n"
    assert wt.csv_columns("labels.csv", data) == ["id", "paragraph", "frame"]


@pytest.mark.parametrize(("name", "data", "problem"), [
    ("labels.txt", b"text,frame\n", "expected a .csv file"),
    ("labels.csv", b"only\nx\n", "needs at least two columns"),
    ("labels.csv", b"text,frame\n1,2,3,4\n", "cannot parse as CSV"),
    ("labels.csv", b"text,frame\n", "has a header but no rows"),
    ("labels.csv", b"text,frame\n\xe9t\xe9,x\n", "is not valid UTF-8"),
    ("labels.csv", b"\x00\x01binary", "binary file"),
])
def test_unusable_csv_is_refused_by_name(name, data, problem):
    with pytest.raises(InputError, match=problem) as err:
        wt.csv_columns(name, data)
    assert str(err.value).startswith(name)


def test_size_limit_applies_before_parsing():
    with pytest.raises(InputError, match="the dashboard reads up to 1 MB"):
        wt.csv_columns("big.csv", b"text,frame\n" + b"x,y\n" * 300_000, max_bytes=2**20)


@pytest.mark.parametrize(("columns", "text", "label"), [
    (["text", "frame", "topic"], 0, 1),
    (["id", "Label", "Paragraph"], 2, 1),
    (["a", "b"], 0, 1),
])
def test_guess_column(columns, text, label):
    assert wt.guess_column(columns, "text") == text
    assert wt.guess_column(columns, "label") == label


def test_confusion_frame_and_chart():
    report = {"labels": ["crime", "health"], "confusion_matrix": [[4, 1], [2, 3]]}
    frame = wt.confusion_frame(report)
    assert frame.rows() == [("crime", "crime", 4), ("crime", "health", 1),
                            ("health", "crime", 2), ("health", "health", 3)]
    spec = wt.confusion_chart(frame).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect", "text"]
    assert wt.confusion_frame({"labels": ["a"]}) is None


def labelled(frames=("crime", "economic", "health"), n=8) -> bytes:
    folder = Path(__file__).resolve().parents[2] / "seeds" / "framing_paragraphs"
    rows = pl.concat([pl.read_csv(folder / f"{f}.csv").head(n) for f in frames])
    return rows.select("text", "frame").write_csv().encode()


@pytest.fixture
def frame_model():
    return pytest.importorskip("workbench.model",
                               reason="the frame classifier (workbench/model/) is not here yet")


def test_trained_upload_comes_back_as_files_and_leaves_nothing_behind(
        frame_model, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    out = wt.train_upload("../my labels.csv", labelled(), text_column="text",
                          label_column="frame", cv=2)
    assert list(tmp_path.iterdir()) == []
    assert (out["file_name"], out["card_name"]) == ("framing-my_labels.skops",
                                                   "framing-my_labels.card.md")
    assert out["model"].labels == ("crime", "economic", "health")
    assert "2-fold cross-validation" in out["report_text"]
    assert out["confusion"]["count"].sum() == 24
    card = out["card_bytes"].decode()
    assert "my_labels.csv" in card and "workbench-train" not in card and str(tmp_path) not in card
    saved = tmp_path.parent / out["file_name"]
    saved.write_bytes(out["model_bytes"])
    assert frame_model.load_model(saved).labels == out["model"].labels


def test_training_errors_name_the_upload(frame_model, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(InputError) as err:
        wt.train_upload("labels.csv", labelled(), text_column="text", label_column="nope")
    assert str(err.value).startswith("labels.csv: ") and "workbench-train" not in str(err.value)
    assert list(tmp_path.iterdir()) == []
