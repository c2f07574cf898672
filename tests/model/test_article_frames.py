"""Which frames an article has: one rule (workbench.model.article_frames) for the dashboard,
``workbench compare`` and the framing benchmark; thresholds stored in the model file."""

from __future__ import annotations

import json

import numpy as np
import polars as pl
import pytest

from workbench.model import load_model, save_model, train
from workbench.model.article_frames import (
    FRAMES_FOUND,
    INFO_KEY,
    article_thresholds,
    calibrate_thresholds,
    found_matrix,
    frames_found,
)
from workbench.model.modelcard import card_paths

TEXTS = ["Taxes rose and wages fell.", "Jobs and prices dominate.", "Budgets were cut again.",
         "The court struck down the law.", "Judges ruled it unconstitutional.",
         "An appeal is pending in court.", "The clinic ran out of vaccines.",
         "Doctors warned of the outbreak.", "Hospitals filled with flu patients."]
LABELS = ["economic"] * 3 + ["legality"] * 3 + ["health"] * 3


def test_a_model_without_thresholds_finds_a_frame_from_one_over_the_labels():
    model = train(TEXTS, LABELS, cv=3).model
    assert article_thresholds(model) == {"economic": 1 / 3, "health": 1 / 3, "legality": 1 / 3}


def test_thresholds_travel_in_the_model_file_and_are_listed_in_its_card(tmp_path):
    model = train(TEXTS, LABELS, cv=3).model
    model.info[INFO_KEY] = {"thresholds": {"economic": 0.2, "health": 0.45},
                            "method": "Set by hand for this test."}
    path = save_model(model, tmp_path / "m.skops")
    loaded = load_model(path)
    assert article_thresholds(loaded) == {"economic": 0.2, "health": 0.45, "legality": 1 / 3}
    json_path, md_path = card_paths(path)
    assert json.loads(json_path.read_text())[INFO_KEY]["thresholds"]["health"] == 0.45
    text = md_path.read_text()
    assert "## Frames found in an article" in text
    assert "| health | 0.4500 |" in text
    assert "Set by hand for this test." in text


def test_a_frame_is_found_from_its_own_threshold_not_a_shared_one():
    summary = pl.DataFrame({"article_id": ["a", "b", "c"],
                            "frame_economic": [0.10, 0.30, 0.05],
                            "frame_health": [0.08, 0.02, 0.60]})
    thresholds = {"economic": 0.25, "health": 0.05}
    assert found_matrix(summary, thresholds).tolist() == [[0, 1], [1, 0], [0, 1]]
    assert frames_found(summary, thresholds)[FRAMES_FOUND].to_list() == [
        "health", "economic", "health"]
    assert frames_found(summary, {"economic": 0.9, "health": 0.9})[FRAMES_FOUND].to_list() == [
        "", "", ""]


def test_a_label_without_a_share_column_is_never_found():
    summary = pl.DataFrame({"frame_economic": [0.5]})
    assert found_matrix(summary, {"economic": 0.1, "crime": 0.0}).tolist() == [[1, 0]]


def test_calibrated_thresholds_find_each_frame_as_often_as_it_is_labelled():
    rng = np.random.default_rng(3)
    shares = rng.random((40, 3))
    present = np.zeros((40, 3), dtype=int)
    present[:5, 0] = 1
    present[:20, 1] = 1
    present[:1, 2] = 1
    thresholds = calibrate_thresholds(shares, present)
    found = (shares >= thresholds).sum(axis=0)
    assert found.tolist() == [5, 20, 1]
    more = calibrate_thresholds(shares, present, scale=1.4)
    assert ((shares >= more).sum(axis=0)).tolist() == [7, 28, 1]
    assert (more <= thresholds).all()


def test_a_frame_no_article_carries_is_found_at_most_once():
    shares = np.array([[0.1], [0.3], [0.2]])
    assert calibrate_thresholds(shares, np.zeros((3, 1))).tolist() == [0.3]


@pytest.mark.parametrize(("shares", "present", "scale"), [
    (np.zeros((2, 2)), np.zeros((2, 3)), 1.0),
    (np.zeros((0, 2)), np.zeros((0, 2)), 1.0),
    (np.zeros((2, 2)), np.zeros((2, 2)), 0.0),
])
def test_calibration_refuses_mismatched_or_empty_input(shares, present, scale):
    with pytest.raises(ValueError):
        calibrate_thresholds(shares, present, scale=scale)


def test_compare_reports_the_frames_found_by_the_models_own_thresholds(tmp_path, capsys):
    from workbench.cli import main
    from workbench.io.articles import read_articles
    from workbench.score import score, summarise_articles

    model = train(TEXTS, LABELS, cv=3).model
    model.info[INFO_KEY] = {"thresholds": {"economic": 0.30, "health": 0.30, "legality": 0.99}}
    path = save_model(model, tmp_path / "m.skops")
    one = tmp_path / "budget.txt"
    one.write_text("Budget talks\n\nTaxes rose again and wages fell.\n\n"
                   "Doctors warned that hospitals were short of staff.\n", encoding="utf-8")
    two = tmp_path / "clinic.txt"
    two.write_text("Clinic\n\nThe clinic ran out of flu vaccines.\n\n"
                   "Patients waited in the hospital.\n", encoding="utf-8")
    out = tmp_path / "summary.csv"
    assert main(["compare", str(one), str(two), "--model", str(path), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    written = pl.read_csv(out)
    articles = read_articles([one, two]).articles
    expected = frames_found(summarise_articles(score(articles, model=load_model(path),
                                                     cues=False)),
                            article_thresholds(load_model(path)))
    found = written[FRAMES_FOUND].fill_null("").to_list()
    assert found == expected[FRAMES_FOUND].to_list()
    assert FRAMES_FOUND in printed
    assert any(written[FRAMES_FOUND].fill_null("").to_list())
    assert "legality" not in "".join(written[FRAMES_FOUND].fill_null("").to_list())


def test_a_multi_label_model_without_article_thresholds_uses_its_own_cut_offs():
    labels = ["economic", "economic;health", "legality", "health", "economic;legality",
              "health", "legality", "economic", "health"]
    model = train(TEXTS, labels, multi_label=True, cv=3).model
    assert article_thresholds(model) == dict(zip(model.labels, model.thresholds, strict=True))
