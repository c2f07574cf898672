"""Frame models: train, save, reload, predict, score, explain; single- and multi-label."""

from __future__ import annotations

import json

import numpy as np
import polars as pl
import pytest

from tests.conftest import SEEDS
from workbench.errors import InputError
from workbench.io.articles import Article
from workbench.model import (
    FrameModel,
    evaluate,
    explain,
    frame_scores,
    load_model,
    save_model,
    train,
    train_from_file,
)
from workbench.model.classifier import DEFAULTS
from workbench.score import score, summarise_articles

FRAMES = ("economic", "legality", "health")


def seed_rows(frames=FRAMES, n=12) -> tuple[list[str], list[str]]:
    """The first ``n`` labelled seed paragraphs of each frame."""
    texts, labels = [], []
    for frame in frames:
        rows = pl.read_csv(SEEDS / "framing_paragraphs" / f"{frame}.csv").head(n)
        texts += rows["text"].to_list()
        labels += rows["frame"].to_list()
    return texts, labels


@pytest.fixture(scope="module")
def single():
    texts, labels = seed_rows()
    return train(texts, labels, cv=3, seed=0)


@pytest.fixture(scope="module")
def multi():
    texts, labels = seed_rows()
    # Pair each paragraph's frame with the next frame for every third text.
    nxt = {a: b for a, b in zip(FRAMES, FRAMES[1:] + FRAMES[:1], strict=True)}
    multi_labels = [f"{x};{nxt[x]}" if i % 3 == 0 else x for i, x in enumerate(labels)]
    return texts, multi_labels, train(texts, multi_labels, multi_label=True, cv=3, seed=0)


def test_single_label_model_predicts_its_labels_and_reports_cv_metrics(single):
    model, report = single.model, single.report
    assert isinstance(model, FrameModel) and model.labels == FRAMES[:1] + ("health",
                                                                         "legality")
    texts, labels = seed_rows(n=14)
    held_out = texts[12::14] + texts[13::14]
    proba = model.predict_proba(held_out)
    assert proba.shape == (len(held_out), 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert report.multi_label is False and report.n_texts == 36
    assert report.support.tolist() == [12, 12, 12]
    assert report.confusion.sum() == 36 and report.confusion.shape == (3, 3)
    assert 0.6 < report.micro_f1 <= 1 and 0.6 < report.macro_f1 <= 1
    d = report.to_dict()
    assert d["labels"] == list(model.labels) and len(d["confusion_matrix"]) == 3
    assert set(d["per_class"]["economic"]) == {"precision", "recall", "f1", "support"}
    text = report.to_text()
    assert "micro F1" in text and "confusion matrix" in text and "legality" in text


def test_save_reload_gives_the_same_probabilities_and_writes_cards(single, tmp_path):
    path = save_model(single.model, tmp_path / "tiny.skops",
                      card={"metrics": single.report.to_dict(), "training_data": single.data})
    assert path == tmp_path / "tiny.skops"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.card.json", "tiny.card.md",
                                                          "tiny.skops"]
    again = load_model(path)
    texts = ["Unemployment rose as the plant closed.", "The judge dismissed the lawsuit.", ""]
    np.testing.assert_array_equal(again.predict_proba(texts), single.model.predict_proba(texts))
    assert (again.labels, again.multi_label) == (single.model.labels, False)
    card = json.loads((tmp_path / "tiny.card.json").read_text())
    assert card["labels"] == list(FRAMES[:1] + ("health", "legality"))
    assert card["training_data"]["rows"] == 36 and len(card["training_data"]["sha256"]) == 64
    assert card["metrics"]["micro_f1"] == round(single.report.micro_f1, 4)
    assert {"scikit-learn", "skops", "polars"} <= set(card["versions"])
    assert card["created"] and card["features"]["char_ngrams"] == list(DEFAULTS["char_ngrams"])
    md = (tmp_path / "tiny.card.md").read_text()
    assert "Micro-F1" in md and "economic" in md


def test_the_same_call_gives_the_same_probabilities(single):
    texts, labels = seed_rows()
    again = train(texts, labels, cv=3, seed=0)
    probe = seed_rows(n=13)[0][12::13]
    np.testing.assert_array_equal(again.model.predict_proba(probe),
                                  single.model.predict_proba(probe))
    assert again.data["sha256"] == single.data["sha256"]


def test_multi_label_model_tunes_thresholds_and_round_trips(multi, tmp_path):
    texts, labels, result = multi
    model = result.model
    assert model.multi_label and len(model.thresholds) == 3
    assert all(0 < t < 1 for t in model.thresholds)
    assert result.report.confusion is None and result.report.to_dict()["confusion_matrix"] is None
    assert result.report.support.tolist() == [16, 16, 16]  # 12 own + 4 borrowed each
    proba = model.predict_proba(texts[:4])
    assert proba.shape == (4, 3) and not np.allclose(proba.sum(axis=1), 1.0)
    again = load_model(save_model(model, tmp_path / "multi.skops"))
    np.testing.assert_array_equal(again.predict_proba(texts[:4]), proba)
    assert again.thresholds == model.thresholds
    predicted = model.predict(texts[:4])
    assert all(isinstance(p, tuple) for p in predicted)


def test_multi_label_accepts_lists_and_texts_with_no_label():
    texts, labels = seed_rows(n=6)
    sets = [[x] if i % 4 else [] for i, x in enumerate(labels)]
    result = train(texts, sets, multi_label=True, cv=2)
    assert result.model.labels == ("economic", "health", "legality")
    assert result.report.support.sum() == sum(len(s) for s in sets)


def test_frame_scores_columns_and_article_shares(single):
    model = single.model
    article = Article(article_id="a", title="A", paragraphs=(
        "Taxes and wages rose sharply, costing employers millions.",
        "Read more: other stories",
        "The court ruled the statute unconstitutional on appeal."))
    table = score([article], model=model, cues=False)
    probs = [f"frame_{x}" for x in model.labels]
    assert table.select(probs).dtypes == [pl.Float64] * 3
    assert table.schema["frame_primary"] == pl.String
    assert table.schema["frame_confidence"] == pl.Float64
    np.testing.assert_allclose(table.select(probs).sum_horizontal().to_numpy(), 1.0)
    assert (table["frame_confidence"] == table.select(probs).max_horizontal()).all()
    summary = summarise_articles(table)
    body = table.filter(~pl.col("is_boilerplate"))
    w = body["n_words"].to_numpy()
    expected = (body["frame_economic"].to_numpy() * w).sum() / w.sum()
    assert summary["frame_economic"][0] == pytest.approx(expected)
    assert summary["frame_primary"][0] in model.labels
    empty = frame_scores(model, pl.DataFrame({"text": []}, schema={"text": pl.String}))
    assert empty.height == 0 and empty.columns == [*probs, "frame_primary", "frame_confidence",
                                                  "frame_confident"]


def test_explain_returns_terms_of_the_paragraph_towards_its_frame(single):
    text = "The appeals court ruled that the statute was unconstitutional."
    terms = explain(single.model, text, k=5)
    assert 0 < len(terms) <= 5
    assert all(isinstance(t, str) and w > 0 for t, w in terms)
    assert [w for _, w in terms] == sorted((w for _, w in terms), reverse=True)
    words = set(text.lower().replace(".", "").split())
    assert all(set(t.split()) <= words or t.endswith(" cues") for t, _ in terms)
    assert {"court", "statute", "unconstitutional", "ruled", "appeals"} & {t for t, _ in terms}
    with pytest.raises(TypeError, match="one paragraph"):
        explain(single.model, [text])


def test_evaluate_reports_held_out_metrics_and_unknown_labels(single):
    texts, labels = seed_rows(n=14)
    report = evaluate(single.model, texts[12::14] + ["A new frame."],
                      labels[12::14] + ["security"])
    assert report.method == "held-out evaluation" and report.n_texts == 4
    assert report.labels[-1] == "security" and report.support[-1] == 1
    assert "security" in report.notes[0]


@pytest.mark.parametrize("texts, labels, kw, problem", [
    (["a b", "c d"], ["x", "x"], {}, "only one class"),
    (["a b", "  "], ["x", "y"], {}, r"1 text\(s\) are empty \(rows 2\)"),
    (["a b", "c d", "e f"], ["x", "y"], {}, "3 texts but 2 labels"),
    (["a", "b", "c"], ["x", "x", "y"], {}, r"\['y'\] have a single example"),
    (["a", "b", "c", "d"], ["x", "primary", "x", "primary"], {}, "clash"),
    (["a", "b"], ["x;y", "x;y"], {"multi_label": True}, "on every text"),
    (["a", "b"], ["", ""], {"multi_label": True}, "no text carries any label"),
])
def test_bad_training_data_is_an_input_error_naming_the_source(texts, labels, kw, problem):
    with pytest.raises(InputError, match=problem) as err:
        train(texts, labels, cv=2, source="labels.csv", **kw)
    assert str(err.value).startswith("labels.csv: ")


def test_train_from_file_reads_a_folder_of_tables_and_names_bad_files(tmp_path):
    texts, labels = seed_rows(n=5)
    folder = tmp_path / "labelled"
    folder.mkdir()
    frame = pl.DataFrame({"body": texts, "frame": labels, "topic": ["t"] * len(texts)})
    frame.head(5).write_csv(folder / "a.csv")
    frame.slice(5, 5).write_ndjson(folder / "b.jsonl")
    frame.slice(10).write_parquet(folder / "c.parquet")
    (folder / "README.md").write_text("not data")
    result = train_from_file(folder, text_column="body", label_column="frame", cv=2)
    assert result.report.n_texts == 15 and len(result.data["files"]) == 3
    assert result.data["label_counts"] == {"economic": 5, "health": 5, "legality": 5}
    with pytest.raises(InputError, match=r"a\.csv: no column 'text'"):
        train_from_file(folder, text_column="text", label_column="frame")
    bad = tmp_path / "one.csv"
    pl.DataFrame({"text": texts[:5], "frame": labels[:5]}).write_csv(bad)
    with pytest.raises(InputError, match=r"one\.csv: the labels hold only one class"):
        train_from_file(bad)
    holes = tmp_path / "holes.csv"
    holes.write_text("text,frame\nTaxes rose.,economic\n,legality\nJudges ruled.,\n")
    with pytest.raises(InputError, match=r"holes\.csv: 1 row\(s\) have empty text"):
        train_from_file(holes)
    with pytest.raises(InputError, match=r"missing\.csv: no such file"):
        train_from_file(tmp_path / "missing.csv")
    with pytest.raises(InputError, match=r"lists of labels; train with --multi-label"):
        pl.DataFrame({"text": ["a", "b"], "frame": [["x"], ["y"]]}).write_ndjson(
            tmp_path / "lists.jsonl")
        train_from_file(tmp_path / "lists.jsonl")


def test_multi_label_file_with_separator(tmp_path):
    texts, labels = seed_rows(n=6)
    joined = [f"{x}|health" if x == "economic" and i % 2 else x for i, x in enumerate(labels)]
    path = tmp_path / "multi.csv"
    pl.DataFrame({"text": texts, "frames": joined}).write_csv(path)
    result = train_from_file(path, label_column="frames", multi_label=True, label_sep="|",
                             cv=2)
    assert result.model.multi_label
    assert result.data["label_counts"] == {"economic": 6, "health": 9, "legality": 6}


def test_training_and_saving_again_reproduces_the_file_byte_for_byte(single, tmp_path):
    import hashlib

    texts, labels = seed_rows()
    first = save_model(single.model, tmp_path / "a.skops").read_bytes()
    again = save_model(train(texts, labels, cv=3, seed=0).model, tmp_path / "b.skops")
    assert again.read_bytes() == first
    card = json.loads((tmp_path / "b.card.json").read_text())
    assert card["model_file"] == {"name": "b.skops", "bytes": len(first),
                                  "sha256": hashlib.sha256(first).hexdigest()}


def test_scoring_a_table_reuses_its_counts_and_gives_the_texts_probabilities(single):
    model = single.model
    texts = [*seed_rows(n=3)[0], "", "Señor’s “tax” rose — reportedly.", "Ñuite fine."]
    table = score([Article(article_id="a", title="A", paragraphs=tuple(texts))], cues=False)
    probs = [f"frame_{x}" for x in model.labels]
    from_texts = model.predict_proba(texts)
    np.testing.assert_array_equal(frame_scores(model, table).select(probs).to_numpy(),
                                  from_texts)
    # The table's cue counts are what the model reads: wrong counts, other probabilities...
    cues = [c for c in table.columns if c.startswith("frame_cue_")]
    wrong = table.with_columns(pl.col(c) + 5 for c in cues)
    assert not np.allclose(frame_scores(model, wrong).select(probs).to_numpy(), from_texts)
    # It reads the columns it declares, nothing guessed from their names' look-alikes.
    step = dict(model.pipeline.named_steps["features"].transformer_list)["cues"]
    assert set(step.reads()) == {"n_words", *cues}
