"""Abstention: below a calibrated confidence a paragraph has no clear frame, no badge."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from tests.model.test_model import seed_rows
from workbench.cli import main
from workbench.dashboard.highlight import badge_text, paragraph_html
from workbench.dashboard.summary import comparison_table
from workbench.io.articles import Article
from workbench.model import load_model, save_model, train
from workbench.model.confidence import abstention_threshold, top_label_correct
from workbench.schema import MFC_FRAMES
from workbench.score import score, summarise_articles

UNKNOWN = "Qqq www eee rrr ttt yyy."
"""A paragraph with no word or character n-gram any frame model has seen."""
CLEAR = ("The appeals court ruled the statute unconstitutional, and the judge ordered a new "
         "trial after the defendant's lawyers argued the law violated the First Amendment.")


@pytest.fixture(scope="module")
def model():
    texts, labels = seed_rows(tuple(MFC_FRAMES), n=12)
    return train(texts, labels, cv=3, seed=0).model


def test_threshold_is_where_calibrated_precision_reaches_the_target():
    rng = np.random.default_rng(0)
    confidence = rng.uniform(0.35, 0.95, 400)
    correct = (rng.uniform(size=400) < confidence).astype(int)  # right with p = confidence
    rest = (1 - confidence) / 2
    proba = np.column_stack([rest, confidence, rest])
    rule = abstention_threshold(proba, correct)
    assert 0.35 < rule["threshold"] < 0.65
    above = confidence >= rule["threshold"]
    assert rule["coverage"] == pytest.approx(above.mean(), abs=1e-4)
    assert rule["precision_above"] == pytest.approx(correct[above].mean(), abs=1e-4)
    assert rule["precision_above"] > 0.5 > rule["precision_below"]
    never = abstention_threshold(proba, np.zeros(400))
    assert never["threshold"] == 1.0 and never["precision_above"] in (None, 0.0)


def test_top_label_correct_single_and_multi_label():
    proba = np.array([[0.7, 0.3], [0.2, 0.8], [0.6, 0.4]])
    assert top_label_correct(np.array([0, 0, 0]), proba, multi_label=False).tolist() == [1, 0, 1]
    y = np.array([[1, 1], [1, 0], [0, 0]])
    assert top_label_correct(y, proba, multi_label=True).tolist() == [1, 0, 0]


def test_training_stores_a_threshold_that_scoring_applies(model, tmp_path):
    rule = model.info["abstention"]
    assert 1 / len(model.labels) < rule["threshold"] < 1
    assert rule["n"] == 12 * len(MFC_FRAMES)
    path = save_model(model, tmp_path / "m.skops")
    reloaded = load_model(path)
    assert reloaded.info["abstention"] == rule
    card = (tmp_path / "m.card.md").read_text(encoding="utf-8")
    assert f"below **{rule['threshold']}**" in card
    table = score([Article(article_id="a", title="A", paragraphs=(UNKNOWN, CLEAR))],
                  model=reloaded, cues=False)
    assert table.schema["frame_confident"] == pl.Boolean
    assert table["frame_confident"].to_list() == (
        table["frame_confidence"] >= rule["threshold"]).to_list()


def test_a_paragraph_unlike_any_frame_gets_no_badge_and_a_clear_one_does(model):
    table = score([Article(article_id="a", title="A", paragraphs=(UNKNOWN, CLEAR))],
                  model=model, cues=False)
    unknown, clear = table.to_dicts()
    assert unknown["frame_confident"] is False
    assert badge_text(unknown) == "¶1 · no clear frame"
    assert 'class="wb-badge wb-unsure"' in paragraph_html(unknown)
    assert clear["frame_confident"] is True and clear["frame_primary"] == "legality"
    assert badge_text(clear).startswith("¶2 · Legality")
    assert 'class="wb-badge"' in paragraph_html(clear)


def test_the_article_summary_counts_confident_body_paragraphs(model):
    paragraphs = (CLEAR, UNKNOWN, "Read more: other stories", UNKNOWN,
                  "Stocks fell as the Federal Reserve raised interest rates, and bond yields "
                  "climbed to their highest level in a decade, traders said.")
    table = score([Article(article_id="a", title="A", paragraphs=paragraphs),
                   Article(article_id="b", title="B", paragraphs=(UNKNOWN,))],
                  model=model, cues=False)
    body = table.filter(~pl.col("is_boilerplate"))
    summary = summarise_articles(table)
    expected = [int(body.filter(pl.col("article_id") == a)["frame_confident"].sum())
                for a in ("a", "b")]
    assert summary["n_confident_paragraphs"].to_list() == expected
    assert expected[1] == 0 and 1 <= expected[0] <= 3  # the unknown ones never count
    assert summary["n_paragraphs"].to_list() == [4, 1]
    shown = comparison_table(summary).row(by_predicate=pl.col("measure")
                                           == "Paragraphs with a clear frame")
    assert list(shown[1:3]) == expected


def test_compare_prints_how_many_paragraphs_had_a_clear_frame(model, tmp_path, capsys):
    path = save_model(model, tmp_path / "m.skops")
    article = tmp_path / "one.txt"
    article.write_text(f"Headline\n{UNKNOWN}\n{CLEAR}\n", encoding="utf-8")
    assert main(["compare", str(article), "--model", str(path)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "n_confident_paragraphs" in line)
    assert "1" in row.split("n_confident_paragraphs")[1]


def test_a_model_trained_without_a_rule_shows_every_frame(model):
    bare = train(*seed_rows(("economic", "legality"), n=6), cv=2, seed=0).model
    bare.info.pop("abstention")
    table = score([Article(article_id="a", title="A", paragraphs=(UNKNOWN,))], model=bare,
                  cues=False)
    assert table["frame_confident"].to_list() == [True]
