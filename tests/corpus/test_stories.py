"""Same-story grouping on sentences written for the test and on the synthetic corpus."""

from __future__ import annotations

import polars as pl

from workbench.corpus import StoryGrouper, pairwise_scores
from workbench.corpus.synthetic import synthetic_articles


def test_synthetic_events_are_recovered():
    arts = synthetic_articles(600, seed=4)
    out = StoryGrouper().fit_predict(arts)
    s = pairwise_scores(arts["event"].to_list(), out["story_id"].to_list())
    assert s["f1"] > 0.9, s


def test_block_size_does_not_change_the_groups():
    arts = synthetic_articles(300, seed=5)
    a = StoryGrouper(block_rows=1000).fit_predict(arts)["story_id"]
    b = StoryGrouper(block_rows=37).fit_predict(arts)["story_id"]
    assert a.to_list() == b.to_list()


def test_date_window_separates_the_same_words_months_apart():
    text = ("Mayor Tamsin Velloway resigned on Friday after the Harbour Bridge audit "
            "found $40m missing.")
    arts = pl.DataFrame({"article_id": ["a", "b", "c"], "text": [text] * 3,
                         "date": ["2020-01-10", "2020-01-11", "2020-06-01"]})
    assert StoryGrouper().fit_predict(arts)["story_id"].to_list() == [0, 0, 1]


def test_undated_articles_are_grouped_by_text():
    a = ("Mayor Tamsin Velloway resigned on Friday after the Harbour Bridge audit "
            "found $40m missing.")
    b = "Velloway quits as mayor: the Harbour Bridge audit says $40m is missing."
    c = "Heavy rain closed schools across the northern valley for a second day."
    arts = pl.DataFrame({"article_id": ["a", "b", "c"], "text": [a, b, c],
                         "date": ["2020-01-10", None, "2020-01-10"]})
    assert StoryGrouper().fit_predict(arts)["story_id"].to_list() == [0, 0, 1]


def test_pairwise_scores_known_case():
    s = pairwise_scores(["x", "x", "y", "y"], [1, 1, 1, 2])
    # predicted pairs: (0,1),(0,2),(1,2); gold pairs: (0,1),(2,3); shared: (0,1)
    assert (s["precision"], s["recall"]) == (1 / 3, 1 / 2)
